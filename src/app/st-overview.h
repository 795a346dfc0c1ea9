/* st-overview.h: every department × action of the round at a glance
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stocktake-core.h"
#include "st-issues.h"

G_BEGIN_DECLS

#define ST_TYPE_OVERVIEW (st_overview_get_type ())

G_DECLARE_FINAL_TYPE (StOverview, st_overview, ST, OVERVIEW, AdwBin)

GtkWidget  *st_overview_new              (void);
StReport   *st_overview_get_report       (StOverview *self);
void        st_overview_set_report       (StOverview *self,
                                          StReport   *report);

/* What validation finds shows in the cells */
void        st_overview_set_issues       (StOverview *self,
                                          StIssues   *issues);

/* Shows only @respondent_id's row (in a department pack), or every
 * respondent's when NULL */
const char *st_overview_get_respondent_filter (StOverview *self);
void        st_overview_set_respondent_filter (StOverview *self,
                                               const char *respondent_id);

/* The rows (of StOverviewRow): one per department, then the totals */
GListModel *st_overview_get_rows         (StOverview *self);
/* What the cell says: "Complete", "2 missing", … with the status. For
 * @respondent_id NULL, the column's total; for @item_id NULL, the row's. */
char       *st_overview_describe_cell    (StOverview *self,
                                          const char *respondent_id,
                                          const char *item_id);
/* The line above the table */
const char *st_overview_get_summary      (StOverview *self);
/* Puts the focus on the cell last focused, or else on the first */
gboolean    st_overview_restore_focus    (StOverview *self);

G_END_DECLS
