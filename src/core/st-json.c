/* st-json.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "st-json-private.h"

void
st_json_set_error (StErrorLocation *location,
                   GError         **error,
                   const char      *path,
                   const char      *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (location != NULL)
    {
      g_free (location->path);
      location->path = g_strdup (path);
    }

  g_set_error (error, ST_ERROR, ST_ERROR_STRUCTURE, "%s: %s", path, message);
}

/* json-glib reports "<data>:LINE:COLUMN: Parse error: message"; we keep the
 * position apart so the caller can name its own file. */
static void
split_parse_error (const char      *message,
                   StErrorLocation *location,
                   GError         **error)
{
  const char *p = message;
  guint line = 0, column = 0;

  if (g_str_has_prefix (p, "<data>:"))
    {
      char *end;

      p += strlen ("<data>:");
      line = strtoul (p, &end, 10);
      if (*end == ':')
        {
          column = strtoul (end + 1, &end, 10);
          if (*end == ':')
            {
              p = end + 1;
              while (*p == ' ')
                p++;
            }
        }
    }
  if (g_str_has_prefix (p, "Parse error: "))
    p += strlen ("Parse error: ");

  if (location != NULL)
    {
      location->line = line;
      location->column = column;
    }

  g_set_error (error, ST_ERROR, ST_ERROR_SYNTAX,
               _("Not valid JSON: %s"), p);
}

JsonNode *
st_json_parse (const char      *data,
               gssize           length,
               StErrorLocation *location,
               GError         **error)
{
  /* A mutable tree: sealing one hashes every object and string in it,
   * about a tenth of the time a large report takes to load, and the
   * tree is read once and freed. */
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  if (length < 0)
    length = strlen (data);

  if (length == 0)
    {
      if (location != NULL)
        location->line = location->column = 1;
      g_set_error (error, ST_ERROR, ST_ERROR_SYNTAX,
                   _("The file is empty"));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      const char *end;

      /* json-glib checks the encoding before it parses but does not say
       * where it fails: look for the place only once it has failed, rather
       * than reading every file twice. */
      if (!g_utf8_validate (data, length, &end))
        {
          guint line = 1, column = 1;

          for (const char *p = data; p < end; p++)
            {
              if (*p == '\n')
                line++, column = 1;
              else if ((*p & 0xC0) != 0x80)
                column++;
            }
          if (location != NULL)
            location->line = line, location->column = column;
          g_set_error (error, ST_ERROR, ST_ERROR_SYNTAX,
                       _("The text is not valid UTF-8"));
        }
      else
        split_parse_error (local_error->message, location, error);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_SYNTAX,
                   _("The file holds no JSON value"));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

JsonObject *
st_json_object (JsonNode        *node,
                const char      *path,
                StErrorLocation *location,
                GError         **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      st_json_set_error (location, error, path, _("expected an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonNode *
get_member (JsonObject      *object,
            const char      *path,
            const char      *member,
            gboolean         required,
            gboolean        *ok,
            StErrorLocation *location,
            GError         **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          st_json_set_error (location, error, path,
                             _("the member “%s” is missing"), member);
          *ok = FALSE;
        }
      return NULL;
    }
  return node;
}

static gboolean
wrong_type (const char      *path,
            const char      *member,
            const char      *expected,
            StErrorLocation *location,
            GError         **error)
{
  g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

  /* Translators: %s is a JSON type: "a string", "a number", … */
  st_json_set_error (location, error, full, _("expected %s"), expected);
  return FALSE;
}

gboolean
st_json_get_string (JsonObject      *object,
                    const char      *path,
                    const char      *member,
                    gboolean         required,
                    const char     **value,
                    StErrorLocation *location,
                    GError         **error)
{
  gboolean ok;
  JsonNode *node = get_member (object, path, member, required, &ok, location, error);

  *value = NULL;
  if (node == NULL)
    return ok;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (path, member, _("a string"), location, error);
  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
st_json_get_int (JsonObject      *object,
                 const char      *path,
                 const char      *member,
                 gboolean         required,
                 gint64          *value,
                 StErrorLocation *location,
                 GError         **error)
{
  gboolean ok;
  JsonNode *node = get_member (object, path, member, required, &ok, location, error);

  *value = 0;
  if (node == NULL)
    return ok;
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (path, member, _("a whole number"), location, error);
  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
st_json_get_bool (JsonObject      *object,
                  const char      *path,
                  const char      *member,
                  gboolean        *value,
                  StErrorLocation *location,
                  GError         **error)
{
  gboolean ok;
  JsonNode *node = get_member (object, path, member, FALSE, &ok, location, error);

  *value = FALSE;
  if (node == NULL)
    return ok;
  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (path, member, _("true or false"), location, error);
  *value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
st_json_get_array (JsonObject      *object,
                   const char      *path,
                   const char      *member,
                   gboolean         required,
                   JsonArray      **value,
                   StErrorLocation *location,
                   GError         **error)
{
  gboolean ok;
  JsonNode *node = get_member (object, path, member, required, &ok, location, error);

  *value = NULL;
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (path, member, _("an array"), location, error);
  *value = json_node_get_array (node);
  return TRUE;
}

gboolean
st_json_get_object (JsonObject      *object,
                    const char      *path,
                    const char      *member,
                    gboolean         required,
                    JsonObject     **value,
                    StErrorLocation *location,
                    GError         **error)
{
  gboolean ok;
  JsonNode *node = get_member (object, path, member, required, &ok, location, error);

  *value = NULL;
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (path, member, _("an object"), location, error);
  *value = json_node_get_object (node);
  return TRUE;
}

gboolean
st_json_get_strv (JsonObject      *object,
                  const char      *path,
                  const char      *member,
                  char          ***value,
                  StErrorLocation *location,
                  GError         **error)
{
  JsonArray *array;
  g_autoptr(GStrvBuilder) builder = NULL;

  *value = NULL;
  if (!st_json_get_array (object, path, member, FALSE, &array, location, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *full = g_strdup_printf ("%s.%s[%u]", path, member, i);
          st_json_set_error (location, error, full, _("expected %s"), _("a string"));
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  *value = g_strv_builder_end (builder);
  return TRUE;
}

char *
st_json_to_data (JsonNode *node,
                 gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *str = g_string_new (NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  json_generator_to_gstring (generator, str);
  g_string_append_c (str, '\n');

  if (length != NULL)
    *length = str->len;
  return g_string_free (str, FALSE);
}
