/* st-json.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

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

/* What json-glib calls a token, as a reader would: "character `,'",
 * "number `12'", "identifier `tru'", "string constant \"a\"", "end of file" */
static char *
describe_found (const char *token)
{
  g_autofree char *quoted = NULL;
  const char *open = NULL;
  char close = '\0';

  if (g_str_has_prefix (token, "character `"))
    open = token + strlen ("character `"), close = '\'';
  else if (g_str_has_prefix (token, "number `"))
    open = token + strlen ("number `"), close = '\'';
  else if (g_str_has_prefix (token, "identifier `"))
    open = token + strlen ("identifier `"), close = '\'';
  else if (g_str_has_prefix (token, "string constant \""))
    open = token + strlen ("string constant \""), close = '"';
  else if (g_str_equal (token, "end of file"))
    return g_strdup (_("the end of the file"));

  if (open == NULL || *open == '\0' || strrchr (open, close) == NULL)
    return NULL;
  quoted = g_strndup (open, strrchr (open, close) - open);

  if (g_str_has_prefix (token, "number"))
    return g_strdup_printf (_("the number %s"), quoted);
  if (g_str_has_prefix (token, "identifier"))
    /* Translators: a bare word where a value should be, such as “tru” */
    return g_strdup_printf (_("the word “%s”"), quoted);
  if (g_str_has_prefix (token, "string"))
    return g_strdup_printf (_("the text “%s”"), quoted);
  return g_strdup_printf (_("the character “%s”"), quoted);
}

static const char *
describe_expected (const char *token)
{
  if (g_str_equal (token, "character `]'"))
    return _("a closing “]”");
  if (g_str_equal (token, "character `}'"))
    return _("a closing “}”");
  if (g_str_equal (token, "string constant"))
    return _("a name in quotation marks");
  if (g_str_equal (token, "end of file"))
    return _("the end of the file");
  return _("a value");
}

/* json-glib's message in plain words, or NULL for one not known here */
static char *
describe_parse_error (const char *message)
{
  const char *expected;
  g_autofree char *found_token = NULL;
  g_autofree char *found = NULL;

  if (g_str_equal (message, "scanner: unterminated string constant"))
    return g_strdup (_("a piece of text has no closing quotation mark"));
  if (g_str_has_prefix (message, "scanner: unterminated comment"))
    return g_strdup (_("a comment has no end"));
  if (g_str_has_prefix (message, "scanner: non digit in constant") ||
      g_str_has_prefix (message, "scanner: digit radix") ||
      g_str_has_prefix (message, "scanner: malformed floating constant"))
    return g_strdup (_("a number is not written correctly"));
  if (g_str_has_prefix (message, "scanner: "))
    return NULL;

  /* "unexpected TOKEN, expected TOKEN" */
  if (!g_str_has_prefix (message, "unexpected ") ||
      (expected = g_strrstr (message, ", expected ")) == NULL)
    return NULL;
  found_token = g_strndup (message + strlen ("unexpected "),
                           expected - message - strlen ("unexpected "));
  expected += strlen (", expected ");

  /* A comma too many, most often after the last of a list */
  if (g_str_equal (found_token, "character `,'"))
    return g_strdup (_("there is a comma where none belongs, such as after the last value of a list"));
  if (g_str_equal (found_token, "end of file"))
    return g_strdup (_("the file ends too soon: it may have been cut short"));
  if ((found = describe_found (found_token)) == NULL)
    return NULL;
  /* json-glib names the value before a missing comma or colon */
  if (g_str_equal (expected, "character `,'"))
    /* Translators: %s is “the number 12”, “the text “title””, … */
    return g_strdup_printf (_("a comma is missing after %s"), found);
  if (g_str_equal (expected, "character `:'"))
    return g_strdup_printf (_("a colon is missing after %s"), found);
  /* Translators: “found the character “@” where a value should be” */
  return g_strdup_printf (_("found %s where %s should be"), found, describe_expected (expected));
}

static void
set_syntax_error (StJsonKind       kind,
                  guint            line,
                  guint            column,
                  const char      *what,
                  GError         **error)
{
  if (kind == ST_JSON_REPORT)
    /* Translators: the last %s says what is wrong, in plain words */
    g_set_error (error, ST_ERROR, ST_ERROR_SYNTAX,
                 _("The report is damaged at line %u, column %u: %s"), line, column, what);
  else
    g_set_error (error, ST_ERROR, ST_ERROR_SYNTAX,
                 _("The file is damaged at line %u, column %u: %s"), line, column, what);
}

/* json-glib reports "<data>:LINE:COLUMN: Parse error: message"; we keep the
 * position apart so the caller can name its own file, and say what is wrong
 * in plain words where we can. */
static void
split_parse_error (const char      *message,
                   StJsonKind       kind,
                   StErrorLocation *location,
                   GError         **error)
{
  g_autofree char *plain = NULL;
  g_autofree char *raw = NULL;

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

  plain = describe_parse_error (p);
  if (plain == NULL)
    /* Translators: %s is the JSON reader's own message, in English */
    raw = g_strdup_printf (_("it is not well-formed JSON (%s)"), p);
  set_syntax_error (kind, line, column, plain != NULL ? plain : raw, error);
}

/* Skips a byte order mark and white space */
static const char *
skip_space (const char *data,
            gsize       length)
{
  const char *p = data, *end = data + length;

  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

StJsonSniff
st_json_sniff (const char *data,
               gsize       length)
{
  const char *p = skip_space (data, length);
  gsize rest = length - (p - data);
  gsize head = MIN (rest, 1024);
  const char *end;

  if (rest == 0 || *p == '{')
    return ST_JSON_SNIFF_OBJECT;
  /* HTML or XML: "<!DOCTYPE html>", "<html>", "<?xml" */
  if (*p == '<')
    return ST_JSON_SNIFF_PAGE;
  /* A published page as text starts with its title: words, and no byte
   * that text does not have. A cut in the middle of a character at the
   * end of the sample does not count against it. */
  if (!g_ascii_isalpha (*p) && (guchar) *p < 0x80)
    return ST_JSON_SNIFF_OTHER;
  if (memchr (p, '\0', head) != NULL)
    return ST_JSON_SNIFF_OTHER;
  if (!g_utf8_validate (p, head, &end) && head - (end - p) >= 4)
    return ST_JSON_SNIFF_OTHER;
  return ST_JSON_SNIFF_PAGE;
}

JsonNode *
st_json_parse (const char      *data,
               gssize           length,
               StErrorLocation *location,
               GError         **error)
{
  return st_json_parse_full (data, length, ST_JSON_FILE, location, error);
}

JsonNode *
st_json_parse_full (const char      *data,
                    gssize           length,
                    StJsonKind       kind,
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
          set_syntax_error (kind, line, column,
                            _("there is a character that is not UTF-8 text"), error);
        }
      else
        split_parse_error (local_error->message, kind, location, error);
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

/* Writing *************************************************************/

/* Written out whenever the buffer holds this much */
#define WRITER_CHUNK (64 * 1024)

typedef struct {
  gboolean object;
  guint    n_children;
} Level;

struct _StJsonWriter
{
  GString       *buffer;
  GArray        *levels;       /* of Level: the open objects and arrays */
  GOutputStream *stream;       /* NULL: everything stays in the buffer */
  GCancellable  *cancellable;
  GError        *error;        /* the first failure; later output is dropped */
};

StJsonWriter *
st_json_writer_new (GOutputStream *stream,
                    GCancellable  *cancellable)
{
  StJsonWriter *self = g_new0 (StJsonWriter, 1);

  self->buffer = g_string_sized_new (stream != NULL ? WRITER_CHUNK + WRITER_CHUNK / 4 : 4096);
  self->levels = g_array_new (FALSE, FALSE, sizeof (Level));
  self->stream = stream != NULL ? g_object_ref (stream) : NULL;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  return self;
}

void
st_json_writer_free (StJsonWriter *self)
{
  if (self == NULL)
    return;
  if (self->buffer != NULL)
    g_string_free (self->buffer, TRUE);
  g_array_unref (self->levels);
  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_free (self);
}

static void
flush (StJsonWriter *self)
{
  if (self->stream == NULL)
    return;
  if (self->error == NULL && self->buffer->len > 0)
    g_output_stream_write_all (self->stream, self->buffer->str, self->buffer->len,
                               NULL, self->cancellable, &self->error);
  g_string_truncate (self->buffer, 0);
}

/* As json-glib writes strings, so that files stay byte for byte the same:
 * quotes, backslashes and control characters escaped, everything else as
 * it is, in UTF-8. (json-glib 1.6 leaves U+001F bare, which JSON does not
 * allow; it is escaped here.) */
static void
append_escaped (GString    *out,
                const char *text)
{
  const char *run = text;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c != '"' && c != '\\' && c >= 0x20 && c != 0x7f)
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':
        case '\\':
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
          break;
        }
    }
  g_string_append_len (out, run, p - run);
}

static void
indent (StJsonWriter *self,
        guint         level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (self->buffer, "  ");
}

/* Before any value: the separator from the one before, the indentation
 * and the member's name */
static void
begin_value (StJsonWriter *self,
             const char   *member)
{
  if (self->levels->len > 0)
    {
      Level *level = &g_array_index (self->levels, Level, self->levels->len - 1);

      g_return_if_fail (level->object == (member != NULL));

      g_string_append (self->buffer, level->n_children == 0 ? "\n" : ",\n");
      level->n_children++;
      if (self->buffer->len >= WRITER_CHUNK)
        flush (self);
      indent (self, self->levels->len);
    }
  if (member != NULL)
    {
      g_string_append_c (self->buffer, '"');
      append_escaped (self->buffer, member);
      g_string_append (self->buffer, "\" : ");
    }
}

static void
begin (StJsonWriter *self,
       const char   *member,
       gboolean      object)
{
  Level level = { object, 0 };

  begin_value (self, member);
  g_string_append_c (self->buffer, object ? '{' : '[');
  g_array_append_val (self->levels, level);
}

static void
end (StJsonWriter *self,
     gboolean      object)
{
  Level level;

  g_return_if_fail (self->levels->len > 0);
  level = g_array_index (self->levels, Level, self->levels->len - 1);
  g_return_if_fail (level.object == object);
  g_array_set_size (self->levels, self->levels->len - 1);

  /* json-glib writes an empty array as "[]", an empty object with the
   * indentation inside it */
  if (level.n_children > 0)
    g_string_append_c (self->buffer, '\n');
  if (level.n_children > 0 || object)
    indent (self, self->levels->len);
  g_string_append_c (self->buffer, object ? '}' : ']');
}

void
st_json_writer_begin_object (StJsonWriter *self,
                             const char   *member)
{
  begin (self, member, TRUE);
}

void
st_json_writer_end_object (StJsonWriter *self)
{
  end (self, TRUE);
}

void
st_json_writer_begin_array (StJsonWriter *self,
                            const char   *member)
{
  begin (self, member, FALSE);
}

void
st_json_writer_end_array (StJsonWriter *self)
{
  end (self, FALSE);
}

void
st_json_writer_add_string (StJsonWriter *self,
                           const char   *member,
                           const char   *value)
{
  begin_value (self, member);
  g_string_append_c (self->buffer, '"');
  append_escaped (self->buffer, value);
  g_string_append_c (self->buffer, '"');
}

void
st_json_writer_add_int (StJsonWriter *self,
                        const char   *member,
                        gint64        value)
{
  begin_value (self, member);
  g_string_append_printf (self->buffer, "%" G_GINT64_FORMAT, value);
}

void
st_json_writer_add_boolean (StJsonWriter *self,
                            const char   *member,
                            gboolean      value)
{
  begin_value (self, member);
  g_string_append (self->buffer, value ? "true" : "false");
}

void
st_json_writer_add_node (StJsonWriter *self,
                         const char   *member,
                         JsonNode     *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) names = json_object_get_members (object);

        st_json_writer_begin_object (self, member);
        for (GList *l = names; l != NULL; l = l->next)
          st_json_writer_add_node (self, l->data, json_object_get_member (object, l->data));
        st_json_writer_end_object (self);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        st_json_writer_begin_array (self, member);
        for (guint i = 0; i < json_array_get_length (array); i++)
          st_json_writer_add_node (self, NULL, json_array_get_element (array, i));
        st_json_writer_end_array (self);
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          st_json_writer_add_int (self, member, json_node_get_int (node));
          break;
        case G_TYPE_BOOLEAN:
          st_json_writer_add_boolean (self, member, json_node_get_boolean (node));
          break;
        case G_TYPE_STRING:
          st_json_writer_add_string (self, member, json_node_get_string (node));
          break;
        case G_TYPE_DOUBLE:
          {
            char number[G_ASCII_DTOSTR_BUF_SIZE];

            begin_value (self, member);
            g_string_append (self->buffer, g_ascii_dtostr (number, sizeof number,
                                                           json_node_get_double (node)));
            /* Still a double when read back */
            if (strchr (number, '.') == NULL)
              g_string_append (self->buffer, ".0");
          }
          break;
        default:
          begin_value (self, member);
          g_string_append (self->buffer, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      begin_value (self, member);
      g_string_append (self->buffer, "null");
      break;
    }
}

gboolean
st_json_writer_finish (StJsonWriter  *self,
                       GError       **error)
{
  g_return_val_if_fail (self->levels->len == 0, FALSE);

  g_string_append_c (self->buffer, '\n');
  flush (self);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return TRUE;
}

char *
st_json_writer_free_to_data (StJsonWriter *self,
                             gsize        *length)
{
  char *data;

  g_return_val_if_fail (self->stream == NULL, NULL);
  g_return_val_if_fail (self->levels->len == 0, NULL);

  g_string_append_c (self->buffer, '\n');
  if (length != NULL)
    *length = self->buffer->len;
  data = g_string_free (g_steal_pointer (&self->buffer), FALSE);
  st_json_writer_free (self);
  return data;
}
