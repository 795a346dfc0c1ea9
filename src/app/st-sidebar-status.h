/* st-sidebar-status.h: a sidebar row's state, its icon and a word or two
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ST_TYPE_SIDEBAR_STATUS (st_sidebar_status_get_type ())

G_DECLARE_FINAL_TYPE (StSidebarStatus, st_sidebar_status, ST, SIDEBAR_STATUS, GtkWidget)

GtkWidget  *st_sidebar_status_new           (void);
const char *st_sidebar_status_get_text      (StSidebarStatus *self);
void        st_sidebar_status_set_text      (StSidebarStatus *self,
                                             const char      *text);
const char *st_sidebar_status_get_icon_name (StSidebarStatus *self);
/* @icon_name NULL shows no icon */
void        st_sidebar_status_set_icon_name (StSidebarStatus *self,
                                             const char      *icon_name);

G_END_DECLS
