/* st-overview-row.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-overview-row.h"

struct _StOverviewRow
{
  GObject  parent_instance;

  char    *respondent_id;
  char    *title;
  guint    revision;
};

G_DEFINE_FINAL_TYPE (StOverviewRow, st_overview_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
st_overview_row_finalize (GObject *object)
{
  StOverviewRow *self = (StOverviewRow *)object;

  g_clear_pointer (&self->respondent_id, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (st_overview_row_parent_class)->finalize (object);
}

static void
st_overview_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StOverviewRow *self = ST_OVERVIEW_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_REVISION:
      g_value_set_uint (value, self->revision);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_overview_row_class_init (StOverviewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = st_overview_row_finalize;
  object_class->get_property = st_overview_row_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION] =
    g_param_spec_uint ("revision", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
st_overview_row_init (StOverviewRow *self)
{
}

StOverviewRow *
st_overview_row_new (const char *respondent_id,
                     const char *title)
{
  StOverviewRow *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (ST_TYPE_OVERVIEW_ROW, NULL);
  self->respondent_id = g_strdup (respondent_id);
  self->title = g_strdup (title);
  return self;
}

const char *
st_overview_row_get_respondent_id (StOverviewRow *self)
{
  g_return_val_if_fail (ST_IS_OVERVIEW_ROW (self), NULL);
  return self->respondent_id;
}

const char *
st_overview_row_get_title (StOverviewRow *self)
{
  g_return_val_if_fail (ST_IS_OVERVIEW_ROW (self), NULL);
  return self->title;
}

gboolean
st_overview_row_is_total (StOverviewRow *self)
{
  g_return_val_if_fail (ST_IS_OVERVIEW_ROW (self), FALSE);
  return self->respondent_id == NULL;
}

guint
st_overview_row_get_revision (StOverviewRow *self)
{
  g_return_val_if_fail (ST_IS_OVERVIEW_ROW (self), 0);
  return self->revision;
}

void
st_overview_row_changed (StOverviewRow *self)
{
  g_return_if_fail (ST_IS_OVERVIEW_ROW (self));

  self->revision++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}
