/* st-history-dialog.h: the versions of one section, and what changed
 * between them
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stocktake-core.h"

G_BEGIN_DECLS

#define ST_TYPE_HISTORY_DIALOG (st_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StHistoryDialog, st_history_dialog, ST, HISTORY_DIALOG, AdwWindow)

/* The history of @section_id of a submission of @report as it is now
 * (st_history_list_versions()); the last two versions compared first */
GtkWidget  *st_history_dialog_new            (GtkWindow       *parent,
                                              StReport        *report,
                                              const char      *respondent_id,
                                              const char      *item_id,
                                              const char      *section_id);
guint       st_history_dialog_get_n_versions (StHistoryDialog *self);
/* Compares version @from with version @to, as choosing them does. FALSE
 * when either is out of range. */
gboolean    st_history_dialog_compare        (StHistoryDialog *self,
                                              guint            from,
                                              guint            to);
/* How many words the chosen versions differ by: "2 words removed, 5 added" */
const char *st_history_dialog_get_summary    (StHistoryDialog *self);
/* The diff shown between the chosen versions, as text without its marks */
const char *st_history_dialog_get_diff_text  (StHistoryDialog *self);
/* Whether the "Since Approved" view is offered: the submission was
 * approved once */
gboolean    st_history_dialog_has_approved   (StHistoryDialog *self);
/* The diff from the approved text to the text now, without its marks,
 * and how many words it differs by; NULL when there is none */
const char *st_history_dialog_get_approved_diff_text (StHistoryDialog *self);
const char *st_history_dialog_get_approved_summary   (StHistoryDialog *self);

G_END_DECLS
