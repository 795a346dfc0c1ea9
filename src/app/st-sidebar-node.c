/* st-sidebar-node.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "st-sidebar-node.h"

struct _StSidebarNode
{
  GObject        parent_instance;

  StSidebarNode *parent;        /* weak: the parent owns its children */
  GListStore    *children;      /* of StSidebarNode, NULL for a leaf */
  char          *respondent_id;
  char          *item_id;
  char          *title;
  char          *search_text;   /* case-folded */
  guint          number;        /* the item's number, 0 if none */
  char          *status_text;
  char          *short_text;
  char          *icon_name;
};

G_DEFINE_FINAL_TYPE (StSidebarNode, st_sidebar_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_STATUS_TEXT,
  PROP_SHORT_TEXT,
  PROP_ICON_NAME,
  PROP_IS_GROUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
st_sidebar_node_finalize (GObject *object)
{
  StSidebarNode *self = (StSidebarNode *)object;

  g_clear_object (&self->children);
  g_clear_pointer (&self->respondent_id, g_free);
  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->short_text, g_free);
  g_clear_pointer (&self->icon_name, g_free);

  G_OBJECT_CLASS (st_sidebar_node_parent_class)->finalize (object);
}

static void
st_sidebar_node_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StSidebarNode *self = ST_SIDEBAR_NODE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;

    case PROP_SHORT_TEXT:
      g_value_set_string (value, self->short_text);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    case PROP_IS_GROUP:
      g_value_set_boolean (value, self->children != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_sidebar_node_class_init (StSidebarNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = st_sidebar_node_finalize;
  object_class->get_property = st_sidebar_node_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORT_TEXT] =
    g_param_spec_string ("short-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_GROUP] =
    g_param_spec_boolean ("is-group", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
st_sidebar_node_init (StSidebarNode *self)
{
}

static StSidebarNode *
node_new (const char *respondent_id,
          const char *item_id,
          const char *title,
          const char *search_text)
{
  StSidebarNode *self = g_object_new (ST_TYPE_SIDEBAR_NODE, NULL);

  self->respondent_id = g_strdup (respondent_id);
  self->item_id = g_strdup (item_id);
  self->title = g_strdup (title);
  self->search_text = g_utf8_casefold (search_text != NULL ? search_text : title, -1);
  return self;
}

StSidebarNode *
st_sidebar_node_new_group (const char *respondent_id,
                           const char *item_id,
                           const char *title,
                           const char *search_text)
{
  StSidebarNode *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = node_new (respondent_id, item_id, title, search_text);
  self->children = g_list_store_new (ST_TYPE_SIDEBAR_NODE);
  return self;
}

StSidebarNode *
st_sidebar_node_new_leaf (StSidebarNode *parent,
                          const char    *respondent_id,
                          const char    *item_id,
                          const char    *title,
                          const char    *search_text)
{
  g_autoptr(StSidebarNode) self = NULL;

  g_return_val_if_fail (ST_IS_SIDEBAR_NODE (parent), NULL);
  g_return_val_if_fail (parent->children != NULL, NULL);
  g_return_val_if_fail (respondent_id != NULL && item_id != NULL, NULL);

  self = node_new (respondent_id, item_id, title, search_text);
  self->parent = parent;
  g_list_store_append (parent->children, self);
  return self;
}

gboolean
st_sidebar_node_is_group (StSidebarNode *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_NODE (self), FALSE);
  return self->children != NULL;
}

StSidebarNode *
st_sidebar_node_get_parent (StSidebarNode *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_NODE (self), NULL);
  return self->parent;
}

GListModel *
st_sidebar_node_get_children (StSidebarNode *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_NODE (self), NULL);
  return G_LIST_MODEL (self->children);
}

const char *
st_sidebar_node_get_respondent_id (StSidebarNode *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_NODE (self), NULL);
  return self->respondent_id;
}

const char *
st_sidebar_node_get_item_id (StSidebarNode *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_NODE (self), NULL);
  return self->item_id;
}

const char *
st_sidebar_node_get_title (StSidebarNode *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_NODE (self), NULL);
  return self->title;
}

const char *
st_sidebar_node_get_status_text (StSidebarNode *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_NODE (self), NULL);
  return self->status_text;
}

const char *
st_sidebar_node_get_short_text (StSidebarNode *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_NODE (self), NULL);
  return self->short_text;
}

const char *
st_sidebar_node_get_icon_name (StSidebarNode *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_NODE (self), NULL);
  return self->icon_name;
}

void
st_sidebar_node_set_number (StSidebarNode *self,
                            guint          number)
{
  g_return_if_fail (ST_IS_SIDEBAR_NODE (self));
  self->number = number;
}

static gboolean
is_number (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

gboolean
st_sidebar_node_matches (StSidebarNode *self,
                         const char    *needle)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_NODE (self), FALSE);

  if (needle == NULL || *needle == '\0')
    return TRUE;
  /* "4" is action 4, not 14 nor every text that mentions 2014 */
  if (is_number (needle))
    return self->number != 0 && self->number == strtoul (needle, NULL, 10);
  return strstr (self->search_text, needle) != NULL;
}

static void
replace_string (StSidebarNode *self,
                char         **field,
                const char    *value,
                guint          prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
st_sidebar_node_set_state (StSidebarNode *self,
                           const char    *status_text,
                           const char    *short_text,
                           const char    *icon_name)
{
  g_return_if_fail (ST_IS_SIDEBAR_NODE (self));

  replace_string (self, &self->status_text, status_text, PROP_STATUS_TEXT);
  replace_string (self, &self->short_text, short_text, PROP_SHORT_TEXT);
  replace_string (self, &self->icon_name, icon_name, PROP_ICON_NAME);
}
