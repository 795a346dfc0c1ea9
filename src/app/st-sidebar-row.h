/* st-sidebar-row.h: one row of the sidebar's tree, a group or a
 * submission, drawn by a single widget
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "st-sidebar-node.h"
#include "st-sidebar-status.h"

G_BEGIN_DECLS

#define ST_TYPE_SIDEBAR_ROW (st_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (StSidebarRow, st_sidebar_row, ST, SIDEBAR_ROW, GtkWidget)

/* Each level of the tree is indented by an icon's width and the space
 * after it, as GTK's tree expander indents it */
#define ST_SIDEBAR_ROW_ICON_SIZE 16
#define ST_SIDEBAR_ROW_INDENT (ST_SIDEBAR_ROW_ICON_SIZE + 4)

GtkWidget       *st_sidebar_row_new            (void);
GtkTreeListRow  *st_sidebar_row_get_list_row   (StSidebarRow   *self);
/* @list_row NULL unbinds the row */
void             st_sidebar_row_set_list_row   (StSidebarRow   *self,
                                                GtkTreeListRow *list_row);
StSidebarNode   *st_sidebar_row_get_node       (StSidebarRow   *self);
const char      *st_sidebar_row_get_title      (StSidebarRow   *self);
StSidebarStatus *st_sidebar_row_get_status     (StSidebarRow   *self);
/* Where the title starts, from the row's start edge */
int              st_sidebar_row_get_title_start (StSidebarRow  *self);

G_END_DECLS
