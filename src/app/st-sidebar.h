/* st-sidebar.h: the report's submissions, by action or by department
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stocktake-core.h"
#include "st-issues.h"

G_BEGIN_DECLS

#define ST_SIDEBAR_MODE_BY_ACTION     "by-action"
#define ST_SIDEBAR_MODE_BY_DEPARTMENT "by-department"

#define ST_TYPE_SIDEBAR (st_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (StSidebar, st_sidebar, ST, SIDEBAR, AdwBin)

GtkWidget          *st_sidebar_new               (void);

StReport           *st_sidebar_get_report        (StSidebar   *self);
void                st_sidebar_set_report        (StSidebar   *self,
                                                  StReport    *report);
/* What validation finds shows in each row's state */
void                st_sidebar_set_issues        (StSidebar   *self,
                                                  StIssues    *issues);
const char         *st_sidebar_get_mode          (StSidebar   *self);
void                st_sidebar_set_mode          (StSidebar   *self,
                                                  const char  *mode);
/* Lists only @respondent_id's submissions (in a department pack), or
 * every respondent's when NULL */
const char         *st_sidebar_get_respondent_filter (StSidebar  *self);
void                st_sidebar_set_respondent_filter (StSidebar  *self,
                                                      const char *respondent_id);
const char         *st_sidebar_get_search_text   (StSidebar   *self);
void                st_sidebar_set_search_text   (StSidebar   *self,
                                                  const char  *text);
void                st_sidebar_focus_search      (StSidebar   *self);

/* The rows as shown (a GtkTreeListModel of StSidebarNode): select one to
 * open its submission */
GtkSingleSelection *st_sidebar_get_selection     (StSidebar   *self);

/* Selects the submission's row, expanding its group and clearing a search
 * that hides it. Returns FALSE if the report has no such submission. */
gboolean            st_sidebar_select            (StSidebar   *self,
                                                  const char  *respondent_id,
                                                  const char  *item_id);
void                st_sidebar_unselect          (StSidebar   *self);
/* The selected submission; FALSE when none is */
gboolean            st_sidebar_get_selected      (StSidebar   *self,
                                                  const char **respondent_id,
                                                  const char **item_id);
/* Selects the next (@step 1) or previous (-1) submission in the sidebar's
 * order, whatever the search shows. FALSE at either end. */
gboolean            st_sidebar_step              (StSidebar   *self,
                                                  int          step);

G_END_DECLS
