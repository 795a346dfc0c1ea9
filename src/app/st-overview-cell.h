/* st-overview-cell.h: one cell of the overview, a button with a state's
 * icon and words
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ST_TYPE_OVERVIEW_CELL (st_overview_cell_get_type ())

G_DECLARE_FINAL_TYPE (StOverviewCell, st_overview_cell, ST, OVERVIEW_CELL, GtkButton)

GtkWidget  *st_overview_cell_new            (void);
const char *st_overview_cell_get_text       (StOverviewCell *self);
void        st_overview_cell_set_text       (StOverviewCell *self,
                                             const char     *text);
const char *st_overview_cell_get_icon_name  (StOverviewCell *self);
const char *st_overview_cell_get_icon_style (StOverviewCell *self);
/* @icon_name NULL shows no icon. @style is "success", "warning", "error"
 * or "dim-label", as the style class of the same name colours an icon,
 * or NULL for the text's colour */
void        st_overview_cell_set_icon       (StOverviewCell *self,
                                             const char     *icon_name,
                                             const char     *style);

G_END_DECLS
