/* st-comment-pane.h: the comment threads on one section
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stocktake-core.h"

G_BEGIN_DECLS

#define ST_TYPE_COMMENT_PANE (st_comment_pane_get_type ())

G_DECLARE_FINAL_TYPE (StCommentPane, st_comment_pane, ST, COMMENT_PANE, AdwBin)

GtkWidget   *st_comment_pane_new         (void);

/* Shows the threads on @section_id of @respondent_id × @item_id, and keeps
 * them current; @section_id NULL shows the ones on the whole submission.
 * What the buttons offer and do follows @workflow's rules. NULL clears. */
void         st_comment_pane_show        (StCommentPane *self,
                                          StWorkflow    *workflow,
                                          const char    *respondent_id,
                                          const char    *item_id,
                                          const char    *section_id);
/* Shows the thread that starts with @comment_id first, under @title, set
 * apart: the comment a submission was returned with. NULL for none. */
void         st_comment_pane_set_highlight (StCommentPane *self,
                                            const char    *comment_id,
                                            const char    *title);
/* For the pane on the whole submission: the sections that have a pane of
 * their own on the form. Threads on any other section (an earlier round's
 * still folded away, one no longer in the template) are listed here under
 * the section's heading, so that every open thread can be reached. NULL
 * (the default) lists only the whole submission's. */
void         st_comment_pane_set_shown_sections (StCommentPane      *self,
                                                 const char * const *section_ids);
/* Threads shown, and those not resolved */
guint        st_comment_pane_get_n_threads (StCommentPane *self);
guint        st_comment_pane_get_n_open    (StCommentPane *self);
/* The entry a new thread is written in (@comment_id NULL), or the reply
 * entry of the thread that starts with @comment_id; NULL when there is
 * none (a department cannot start a thread) */
GtkEditable *st_comment_pane_get_entry     (StCommentPane *self,
                                            const char    *comment_id);
/* The last refusal shown, or NULL */
const char  *st_comment_pane_get_error     (StCommentPane *self);

/* "21 November 2026, 10:00" in local time, from ISO 8601 */
char        *st_format_comment_time        (const char    *iso8601);

G_END_DECLS
