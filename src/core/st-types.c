/* st-types.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "st-error.h"
#include "st-types.h"

static const char * const section_kinds[] = {
  [ST_SECTION_KIND_OTHER] = "other",
  [ST_SECTION_KIND_COMMITMENT] = "commitment",
  [ST_SECTION_KIND_PROGRESS] = "progress",
  [ST_SECTION_KIND_PLAN] = "plan",
};

static const char * const statuses[] = {
  [ST_STATUS_DRAFT] = "draft",
  [ST_STATUS_SUBMITTED] = "submitted",
  [ST_STATUS_RETURNED] = "returned",
  [ST_STATUS_APPROVED] = "approved",
  [ST_STATUS_PUBLISHED] = "published",
};

const char *
st_section_kind_to_string (StSectionKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (section_kinds), NULL);
  return section_kinds[kind];
}

gboolean
st_section_kind_from_string (const char    *str,
                             StSectionKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (section_kinds); i++)
    {
      if (g_str_equal (str, section_kinds[i]))
        {
          *kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
st_status_to_string (StStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (statuses), NULL);
  return statuses[status];
}

gboolean
st_status_from_string (const char *str,
                       StStatus   *status)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (statuses); i++)
    {
      if (g_str_equal (str, statuses[i]))
        {
          *status = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
st_status_get_label (StStatus status)
{
  switch (status)
    {
    case ST_STATUS_DRAFT:     return _("Draft");
    case ST_STATUS_SUBMITTED: return _("Submitted");
    case ST_STATUS_RETURNED:  return _("Returned");
    case ST_STATUS_APPROVED:  return _("Approved");
    case ST_STATUS_PUBLISHED: return _("Published");
    default:                  g_return_val_if_reached (NULL);
    }
}

G_DEFINE_QUARK (st-error-quark, st_error)

void
st_error_location_clear (StErrorLocation *location)
{
  if (location == NULL)
    return;
  location->line = 0;
  location->column = 0;
  g_clear_pointer (&location->path, g_free);
}

/* FILE:LINE:COLUMN: severity: message, as compilers write it, so that
 * editors and scripts can jump to the place. */
char *
st_error_location_format (const StErrorLocation *location,
                          const char            *filename,
                          const char            *severity,
                          const char            *message)
{
  GString *str = g_string_new (filename);

  if (location != NULL && location->line > 0)
    {
      g_string_append_printf (str, ":%u", location->line);
      if (location->column > 0)
        g_string_append_printf (str, ":%u", location->column);
    }
  /* A structure error's message names its JSON path already */
  g_string_append_printf (str, ": %s: %s", severity, message);

  return g_string_free (str, FALSE);
}
