/* st-merge-dialog.h: what merging a department's pack will change, and
 * the reviewer's choice for each conflict
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stocktake-core.h"

G_BEGIN_DECLS

#define ST_TYPE_MERGE_DIALOG (st_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StMergeDialog, st_merge_dialog, ST, MERGE_DIALOG, AdwWindow)

/* Shows a prepared merge that was not refused (st_merge_check()), read
 * from the file called @pack_name. The dialog settles the merge's
 * conflicts as the reviewer chooses but applies nothing: it emits
 * ::response "merge" (only once every conflict is settled) or "cancel",
 * then closes. */
GtkWidget *st_merge_dialog_new     (GtkWindow     *parent,
                                    StMerge       *merge,
                                    const char    *pack_name);
StMerge   *st_merge_dialog_get_merge (StMergeDialog *self);
/* Settles conflict @index as its choice buttons do; @custom_text is the
 * reviewer's own text for ST_MERGE_TAKE_CUSTOM */
gboolean   st_merge_dialog_choose  (StMergeDialog *self,
                                    guint          index,
                                    StMergeChoice  choice,
                                    const char    *custom_text);
/* Answers as the header's buttons do: "merge" or "cancel". FALSE when
 * merging is not possible yet, while a conflict is not settled. A pack
 * that changes nothing is merged too, as Mark as Merged: that records it
 * has come back. */
gboolean   st_merge_dialog_respond (StMergeDialog *self,
                                    const char    *response);

G_END_DECLS
