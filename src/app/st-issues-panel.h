/* st-issues-panel.h: every finding, to read and to jump to
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "st-issues.h"

G_BEGIN_DECLS

#define ST_TYPE_ISSUES_PANEL (st_issues_panel_get_type ())

G_DECLARE_FINAL_TYPE (StIssuesPanel, st_issues_panel, ST, ISSUES_PANEL, AdwBin)

GtkWidget  *st_issues_panel_new            (void);
void        st_issues_panel_set_issues     (StIssuesPanel *self,
                                            StIssues      *issues);

/* Filters: severity -1 for all; respondent and item NULL for all */
void        st_issues_panel_set_filter     (StIssuesPanel *self,
                                            int            severity,
                                            const char    *respondent_id,
                                            const char    *item_id);
/* The findings shown (of StFinding), after the filters */
GListModel *st_issues_panel_get_shown      (StIssuesPanel *self);
/* Opens the @position'th finding shown, as activating its row does */
void        st_issues_panel_activate       (StIssuesPanel *self,
                                            guint          position);
const char *st_issues_panel_get_summary    (StIssuesPanel *self);

G_END_DECLS
