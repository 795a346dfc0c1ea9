/* st-finding.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "st-finding-private.h"

struct _StFinding
{
  GObject      parent_instance;

  /* Ids are interned: findings are many, ids few */
  const char  *rule_id;
  const char  *respondent_id;
  const char  *item_id;
  const char  *section_id;
  char        *message;
  guint        start;
  guint        end;
  StSeverity   severity;
};

G_DEFINE_FINAL_TYPE (StFinding, st_finding, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (StSeverity, st_severity,
  G_DEFINE_ENUM_VALUE (ST_SEVERITY_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (ST_SEVERITY_WARNING, "warning"),
  G_DEFINE_ENUM_VALUE (ST_SEVERITY_INFO, "info"))

enum {
  PROP_0,
  PROP_RULE_ID,
  PROP_SEVERITY,
  PROP_RESPONDENT_ID,
  PROP_ITEM_ID,
  PROP_SECTION_ID,
  PROP_START,
  PROP_END,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const severities[] = {
  [ST_SEVERITY_ERROR] = "error",
  [ST_SEVERITY_WARNING] = "warning",
  [ST_SEVERITY_INFO] = "info",
};

const char *
st_severity_to_string (StSeverity severity)
{
  g_return_val_if_fail (severity < G_N_ELEMENTS (severities), NULL);
  return severities[severity];
}

gboolean
st_severity_from_string (const char *str,
                         StSeverity *severity)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (severities); i++)
    {
      if (g_str_equal (str, severities[i]))
        {
          *severity = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
st_finding_finalize (GObject *object)
{
  StFinding *self = (StFinding *)object;

  g_free (self->message);

  G_OBJECT_CLASS (st_finding_parent_class)->finalize (object);
}

static void
st_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  StFinding *self = ST_FINDING (object);

  switch (prop_id)
    {
    case PROP_RULE_ID:
      g_value_set_static_string (value, self->rule_id);
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    case PROP_RESPONDENT_ID:
      g_value_set_static_string (value, self->respondent_id);
      break;

    case PROP_ITEM_ID:
      g_value_set_static_string (value, self->item_id);
      break;

    case PROP_SECTION_ID:
      g_value_set_static_string (value, self->section_id);
      break;

    case PROP_START:
      g_value_set_uint (value, self->start);
      break;

    case PROP_END:
      g_value_set_uint (value, self->end);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_finding_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  StFinding *self = ST_FINDING (object);

  switch (prop_id)
    {
    case PROP_RULE_ID:
      self->rule_id = g_intern_string (g_value_get_string (value));
      break;

    case PROP_SEVERITY:
      self->severity = g_value_get_enum (value);
      break;

    case PROP_RESPONDENT_ID:
      self->respondent_id = g_intern_string (g_value_get_string (value));
      break;

    case PROP_ITEM_ID:
      self->item_id = g_intern_string (g_value_get_string (value));
      break;

    case PROP_SECTION_ID:
      self->section_id = g_intern_string (g_value_get_string (value));
      break;

    case PROP_START:
      self->start = g_value_get_uint (value);
      break;

    case PROP_END:
      self->end = g_value_get_uint (value);
      break;

    case PROP_MESSAGE:
      g_free (self->message);
      self->message = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_finding_class_init (StFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = st_finding_finalize;
  object_class->get_property = st_finding_get_property;
  object_class->set_property = st_finding_set_property;

  properties[PROP_RULE_ID] =
    g_param_spec_string ("rule-id", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, ST_TYPE_SEVERITY, ST_SEVERITY_ERROR, flags);
  properties[PROP_RESPONDENT_ID] =
    g_param_spec_string ("respondent-id", NULL, NULL, NULL, flags);
  properties[PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL, NULL, flags);
  properties[PROP_SECTION_ID] =
    g_param_spec_string ("section-id", NULL, NULL, NULL, flags);
  properties[PROP_START] =
    g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_END] =
    g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
st_finding_init (StFinding *self)
{
}

StFinding *
st_finding_new (const char *rule_id,
                StSeverity  severity,
                const char *respondent_id,
                const char *item_id,
                const char *section_id,
                guint       start,
                guint       end,
                const char *message)
{
  g_return_val_if_fail (rule_id != NULL, NULL);
  g_return_val_if_fail (severity <= ST_SEVERITY_INFO, NULL);
  g_return_val_if_fail (respondent_id != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return st_finding_new_take (g_intern_string (rule_id), severity,
                              g_intern_string (respondent_id),
                              g_intern_string (item_id),
                              g_intern_string (section_id),
                              start, end, g_strdup (message));
}

StFinding *
st_finding_new_take (const char *rule_id,
                     StSeverity  severity,
                     const char *respondent_id,
                     const char *item_id,
                     const char *section_id,
                     guint       start,
                     guint       end,
                     char       *message)
{
  StFinding *self;

  /* Setting the fields directly: validation makes tens of thousands of
   * findings, and construct properties cost a GValue each */
  self = g_object_new (ST_TYPE_FINDING, NULL);
  self->rule_id = rule_id;
  self->severity = severity;
  self->respondent_id = respondent_id;
  self->item_id = item_id;
  self->section_id = section_id;
  self->start = start;
  self->end = end;
  self->message = message;
  return self;
}

const char *
st_finding_get_rule_id (StFinding *self)
{
  g_return_val_if_fail (ST_IS_FINDING (self), NULL);
  return self->rule_id;
}

StSeverity
st_finding_get_severity (StFinding *self)
{
  g_return_val_if_fail (ST_IS_FINDING (self), ST_SEVERITY_ERROR);
  return self->severity;
}

const char *
st_finding_get_respondent_id (StFinding *self)
{
  g_return_val_if_fail (ST_IS_FINDING (self), NULL);
  return self->respondent_id;
}

const char *
st_finding_get_item_id (StFinding *self)
{
  g_return_val_if_fail (ST_IS_FINDING (self), NULL);
  return self->item_id;
}

const char *
st_finding_get_section_id (StFinding *self)
{
  g_return_val_if_fail (ST_IS_FINDING (self), NULL);
  return self->section_id;
}

guint
st_finding_get_start (StFinding *self)
{
  g_return_val_if_fail (ST_IS_FINDING (self), 0);
  return self->start;
}

guint
st_finding_get_end (StFinding *self)
{
  g_return_val_if_fail (ST_IS_FINDING (self), 0);
  return self->end;
}

const char *
st_finding_get_message (StFinding *self)
{
  g_return_val_if_fail (ST_IS_FINDING (self), NULL);
  return self->message;
}
