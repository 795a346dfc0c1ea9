/* st-sidebar-node.h: one row of the sidebar's tree
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "st-progress.h"

G_BEGIN_DECLS

#define ST_TYPE_SIDEBAR_NODE (st_sidebar_node_get_type ())

G_DECLARE_FINAL_TYPE (StSidebarNode, st_sidebar_node, ST, SIDEBAR_NODE, GObject)

/* A group is an action (or a department) whose children are the
 * submissions for it; a leaf is one submission. Both name a respondent and
 * an item where they have one: a group by action has no respondent. */
StSidebarNode *st_sidebar_node_new_group      (const char    *respondent_id,
                                               const char    *item_id,
                                               const char    *title,
                                               const char    *search_text);
StSidebarNode *st_sidebar_node_new_leaf       (StSidebarNode *parent,
                                               const char    *respondent_id,
                                               const char    *item_id,
                                               const char    *title,
                                               const char    *search_text);

gboolean       st_sidebar_node_is_group       (StSidebarNode *self);
StSidebarNode *st_sidebar_node_get_parent     (StSidebarNode *self);
GListModel    *st_sidebar_node_get_children   (StSidebarNode *self);
const char    *st_sidebar_node_get_respondent_id (StSidebarNode *self);
const char    *st_sidebar_node_get_item_id    (StSidebarNode *self);
const char    *st_sidebar_node_get_title      (StSidebarNode *self);
const char    *st_sidebar_node_get_status_text (StSidebarNode *self);
const char    *st_sidebar_node_get_short_text (StSidebarNode *self);
const char    *st_sidebar_node_get_icon_name  (StSidebarNode *self);

/* The item's number, which a search for digits matches exactly */
void           st_sidebar_node_set_number     (StSidebarNode *self,
                                               guint          number);
/* Whether @needle (already case-folded) is in the node's search text, or
 * is the node's number */
gboolean       st_sidebar_node_matches        (StSidebarNode *self,
                                               const char    *needle);

/* Sets what the row shows for the node's state */
void           st_sidebar_node_set_state      (StSidebarNode *self,
                                               const char    *status_text,
                                               const char    *short_text,
                                               const char    *icon_name);

G_END_DECLS
