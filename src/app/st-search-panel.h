/* st-search-panel.h: find and replace across the whole report
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stocktake-core.h"

G_BEGIN_DECLS

#define ST_TYPE_SEARCH_PANEL (st_search_panel_get_type ())

G_DECLARE_FINAL_TYPE (StSearchPanel, st_search_panel, ST, SEARCH_PANEL, AdwBin)

GtkWidget  *st_search_panel_new             (void);
/* Searches @report; replacements go through @workflow when there is one */
void        st_search_panel_set_report      (StSearchPanel *self,
                                             StReport      *report,
                                             StWorkflow    *workflow);

/* Focuses the search entry with its text selected, so that typing starts
 * a new search; @query, if not NULL, replaces the text first */
void        st_search_panel_focus           (StSearchPanel *self,
                                             const char    *query);
const char *st_search_panel_get_query       (StSearchPanel *self);
void        st_search_panel_set_flags       (StSearchPanel *self,
                                             StSearchFlags  flags);
void        st_search_panel_set_replacement (StSearchPanel *self,
                                             const char    *replacement);

/* The matches shown (of StSearchMatch), current with the report */
GListModel *st_search_panel_get_matches     (StSearchPanel *self);
const char *st_search_panel_get_summary     (StSearchPanel *self);
/* Opens the @position'th match, as activating its row does */
void        st_search_panel_activate        (StSearchPanel *self,
                                             guint          position);
/* Replaces the @position'th match, as its row's button does */
gboolean    st_search_panel_replace         (StSearchPanel *self,
                                             guint          position);
/* Asks before replacing every match that may change, as the Replace All
 * button does */
void        st_search_panel_replace_all     (StSearchPanel *self);
/* Puts back what the last replacement changed, as the toast's Undo button
 * does; FALSE when there is nothing to undo */
gboolean    st_search_panel_undo            (StSearchPanel *self);
/* Whether the last replacement can still be undone: by the toast's Undo
 * button while it is shown, and by Ctrl+Z on the panel */
gboolean    st_search_panel_can_undo        (StSearchPanel *self);
/* The toast offering to undo the last replacement, while it is shown */
AdwToast   *st_search_panel_get_undo_toast  (StSearchPanel *self);
/* Takes the toast away once the changes are saved; Ctrl+Z on the panel
 * still undoes them while it can */
void        st_search_panel_dismiss_undo_toast (StSearchPanel *self);

G_END_DECLS
