/* st-submission.h: one respondent's answer to one item
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "st-types.h"

G_BEGIN_DECLS

typedef struct {
  char     *id;
  char     *section;     /* section id, or NULL for the whole submission */
  char     *author;
  char     *time;        /* ISO 8601 */
  char     *text;
  char     *reply_to;    /* comment id, or NULL */
  gboolean  resolved;
} StComment;

typedef struct {
  char *author;
  char *time;            /* ISO 8601 */
  char *section;         /* section id, or NULL */
  char *what;            /* "edit", "status", "not-applicable", "merge", … */
  char *old_text;        /* or NULL */
  char *new_text;        /* or NULL */
} StHistoryEntry;

StComment      *st_comment_new        (const char *id,
                                       const char *section,
                                       const char *author,
                                       const char *time,
                                       const char *text,
                                       const char *reply_to,
                                       gboolean    resolved);
StComment      *st_comment_copy       (const StComment *comment);
void            st_comment_free       (StComment  *comment);
StHistoryEntry *st_history_entry_new  (const char *author,
                                       const char *time,
                                       const char *section,
                                       const char *what,
                                       const char *old_text,
                                       const char *new_text);
StHistoryEntry *st_history_entry_copy (const StHistoryEntry *entry);
void            st_history_entry_free (StHistoryEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StComment, st_comment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StHistoryEntry, st_history_entry_free)

#define ST_TYPE_SUBMISSION (st_submission_get_type ())

G_DECLARE_FINAL_TYPE (StSubmission, st_submission, ST, SUBMISSION, GObject)

StSubmission *st_submission_new                (const char   *respondent_id,
                                                const char   *item_id);
StSubmission *st_submission_copy               (StSubmission *self);
gboolean      st_submission_equal              (StSubmission *a,
                                                StSubmission *b);

const char   *st_submission_get_respondent_id  (StSubmission *self);
const char   *st_submission_get_item_id        (StSubmission *self);

/* NULL when the section has no text */
const char   *st_submission_get_text           (StSubmission *self,
                                                const char   *section_id);
/* Empty or NULL text removes the section's text. Emits ::section-changed
 * and notifies nothing else. Returns TRUE if the text changed. */
gboolean      st_submission_set_text           (StSubmission *self,
                                                const char   *section_id,
                                                const char   *text);
/* The ids of the sections that have text, sorted by id (the submission
 * does not know the template's order). Free the container only. */
GPtrArray    *st_submission_list_sections      (StSubmission *self);
gboolean      st_submission_has_text           (StSubmission *self);
/* Whether @text is NULL or nothing but white space: a section holding
 * such text is still to be written */
gboolean      st_text_is_blank                 (const char   *text);

gboolean      st_submission_get_not_applicable (StSubmission *self);
/* NULL unless not applicable */
const char   *st_submission_get_not_applicable_reason (StSubmission *self);
/* reason NULL clears not-applicable; "" marks it without a reason yet */
void          st_submission_set_not_applicable (StSubmission *self,
                                                const char   *reason);

StStatus      st_submission_get_status         (StSubmission *self);
/* Sets the status without any check: see st-workflow.h for the rules */
void          st_submission_set_status         (StSubmission *self,
                                                StStatus      status);

/* Comments and history: arrays the submission owns; treat as read-only */
GPtrArray    *st_submission_get_comments       (StSubmission *self);
void          st_submission_add_comment        (StSubmission *self,
                                                StComment    *comment);
/* Returns TRUE if the comment exists and its mark changed */
gboolean      st_submission_set_comment_resolved (StSubmission *self,
                                                const char   *comment_id,
                                                gboolean      resolved);
GPtrArray    *st_submission_get_history        (StSubmission *self);
void          st_submission_add_history        (StSubmission *self,
                                                StHistoryEntry *entry);

G_END_DECLS
