/* st-template.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "st-json-private.h"
#include "st-template.h"

#define ST_TEMPLATE_FORMAT         "stocktake-template"
#define ST_TEMPLATE_FORMAT_VERSION 1

struct _StTemplate
{
  GObject      parent_instance;

  char        *id;
  char        *title;
  GHashTable  *words;        /* key → string */
  GHashTable  *layout;       /* key → string */
  GHashTable  *layout_lines; /* key → strv */
  GPtrArray   *layout_keys;  /* keys in file order, for saving */

  GPtrArray   *rounds;       /* StRound* */
  GPtrArray   *sections;     /* StSection*, every round's, in order */
  GPtrArray   *preamble;     /* StSection* */
  GPtrArray   *items;        /* StItem* */
  GPtrArray   *respondents;  /* StRespondent* */

  GHashTable  *section_by_id;
  GHashTable  *item_by_id;
  GHashTable  *respondent_by_id;
};

G_DEFINE_FINAL_TYPE (StTemplate, st_template, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const builtin_ids[] = { "gds-2012", "dec-2022", NULL };

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};

static void
section_free (StSection *section)
{
  g_free (section->id);
  g_free (section->heading);
  g_free (section);
}

static void
round_free (StRound *round)
{
  g_free (round->id);
  g_free (round->title);
  g_ptr_array_unref (round->sections);
  g_free (round);
}

static void
item_free (StItem *item)
{
  g_free (item->id);
  g_free (item->title);
  g_free (item->statement);
  g_free (item->note);
  g_strfreev (item->sections);
  g_free (item);
}

static void
respondent_free (StRespondent *respondent)
{
  g_free (respondent->id);
  g_free (respondent->name);
  g_free (respondent->abbreviation);
  g_strfreev (respondent->variants);
  g_free (respondent);
}

static void
st_template_finalize (GObject *object)
{
  StTemplate *self = (StTemplate *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->words, g_hash_table_unref);
  g_clear_pointer (&self->layout, g_hash_table_unref);
  g_clear_pointer (&self->layout_lines, g_hash_table_unref);
  g_clear_pointer (&self->layout_keys, g_ptr_array_unref);
  g_clear_pointer (&self->section_by_id, g_hash_table_unref);
  g_clear_pointer (&self->item_by_id, g_hash_table_unref);
  g_clear_pointer (&self->respondent_by_id, g_hash_table_unref);
  g_clear_pointer (&self->rounds, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->preamble, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->respondents, g_ptr_array_unref);

  G_OBJECT_CLASS (st_template_parent_class)->finalize (object);
}

static void
st_template_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StTemplate *self = ST_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_template_class_init (StTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = st_template_finalize;
  object_class->get_property = st_template_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
st_template_init (StTemplate *self)
{
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->layout = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->layout_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_strfreev);
  self->layout_keys = g_ptr_array_new_with_free_func (g_free);
  self->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) round_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->preamble = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->respondents = g_ptr_array_new_with_free_func ((GDestroyNotify) respondent_free);
  self->section_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->item_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->respondent_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Loading */

typedef struct {
  StErrorLocation *location;
  GError         **error;
} Ctx;

static StSection *
parse_section (Ctx        *ctx,
               JsonNode   *node,
               const char *path,
               gboolean    preamble)
{
  JsonObject *object;
  const char *id, *heading, *kind = NULL;
  gint64 year = 0;
  StSectionKind section_kind = ST_SECTION_KIND_OTHER;
  StSection *section;

  if (!(object = st_json_object (node, path, ctx->location, ctx->error)) ||
      !st_json_get_string (object, path, "id", TRUE, &id, ctx->location, ctx->error) ||
      !st_json_get_string (object, path, "heading", TRUE, &heading, ctx->location, ctx->error) ||
      !st_json_get_string (object, path, "kind", !preamble, &kind, ctx->location, ctx->error) ||
      !st_json_get_int (object, path, "year", FALSE, &year, ctx->location, ctx->error))
    return NULL;

  if (kind != NULL && !st_section_kind_from_string (kind, &section_kind))
    {
      g_autofree char *full = g_strdup_printf ("%s.kind", path);
      st_json_set_error (ctx->location, ctx->error, full,
                         _("unknown section kind “%s”: use commitment, progress, plan or other"),
                         kind);
      return NULL;
    }

  if (*id == '\0')
    {
      g_autofree char *full = g_strdup_printf ("%s.id", path);
      st_json_set_error (ctx->location, ctx->error, full, _("a section id may not be empty"));
      return NULL;
    }

  if (year < 0 || year > 9999)
    {
      g_autofree char *full = g_strdup_printf ("%s.year", path);
      st_json_set_error (ctx->location, ctx->error, full, _("%lld is not a year"), (long long) year);
      return NULL;
    }

  section = g_new0 (StSection, 1);
  section->id = g_strdup (id);
  section->heading = g_strdup (heading);
  section->kind = section_kind;
  section->year = year;
  section->round = G_MAXUINT;
  return section;
}

static gboolean
register_section (StTemplate *self,
                  Ctx        *ctx,
                  StSection  *section,
                  const char *path)
{
  if (g_hash_table_contains (self->section_by_id, section->id))
    {
      g_autofree char *full = g_strdup_printf ("%s.id", path);
      st_json_set_error (ctx->location, ctx->error, full,
                         _("the section id “%s” is used twice"), section->id);
      return FALSE;
    }
  g_hash_table_insert (self->section_by_id, section->id, section);
  return TRUE;
}

static gboolean
parse_rounds (StTemplate *self,
              Ctx        *ctx,
              JsonObject *root,
              const char *path)
{
  g_autofree char *rounds_path = g_strdup_printf ("%s.rounds", path);
  JsonArray *rounds;

  if (!st_json_get_array (root, path, "rounds", TRUE, &rounds, ctx->location, ctx->error))
    return FALSE;

  if (json_array_get_length (rounds) == 0)
    {
      st_json_set_error (ctx->location, ctx->error, rounds_path,
                         _("a template needs at least one round"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (rounds); i++)
    {
      g_autofree char *round_path = g_strdup_printf ("%s[%u]", rounds_path, i);
      JsonObject *object;
      JsonArray *sections;
      const char *id, *title;
      StRound *round;

      if (!(object = st_json_object (json_array_get_element (rounds, i), round_path,
                                     ctx->location, ctx->error)) ||
          !st_json_get_string (object, round_path, "id", TRUE, &id, ctx->location, ctx->error) ||
          !st_json_get_string (object, round_path, "title", TRUE, &title, ctx->location, ctx->error) ||
          !st_json_get_array (object, round_path, "sections", TRUE, &sections, ctx->location, ctx->error))
        return FALSE;

      if (st_template_find_round (self, id) != NULL)
        {
          g_autofree char *full = g_strdup_printf ("%s.id", round_path);
          st_json_set_error (ctx->location, ctx->error, full,
                             _("the round id “%s” is used twice"), id);
          return FALSE;
        }

      round = g_new0 (StRound, 1);
      round->id = g_strdup (id);
      round->title = g_strdup (title);
      round->sections = g_ptr_array_new ();
      round->index = self->rounds->len;
      g_ptr_array_add (self->rounds, round);

      for (guint j = 0; j < json_array_get_length (sections); j++)
        {
          g_autofree char *section_path = g_strdup_printf ("%s.sections[%u]", round_path, j);
          StSection *section;

          section = parse_section (ctx, json_array_get_element (sections, j), section_path, FALSE);
          if (section == NULL)
            return FALSE;
          section->round = round->index;
          section->index = self->sections->len;
          g_ptr_array_add (self->sections, section);
          g_ptr_array_add (round->sections, section);
          if (!register_section (self, ctx, section, section_path))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_preamble (StTemplate *self,
                Ctx        *ctx,
                JsonObject *root,
                const char *path)
{
  JsonArray *preamble;

  if (!st_json_get_array (root, path, "preamble", FALSE, &preamble, ctx->location, ctx->error))
    return FALSE;

  for (guint i = 0; preamble != NULL && i < json_array_get_length (preamble); i++)
    {
      g_autofree char *section_path = g_strdup_printf ("%s.preamble[%u]", path, i);
      StSection *section;

      section = parse_section (ctx, json_array_get_element (preamble, i), section_path, TRUE);
      if (section == NULL)
        return FALSE;
      section->index = self->preamble->len;
      g_ptr_array_add (self->preamble, section);
      if (!register_section (self, ctx, section, section_path))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_items (StTemplate *self,
             Ctx        *ctx,
             JsonObject *root,
             const char *path)
{
  JsonArray *items;

  if (!st_json_get_array (root, path, "items", TRUE, &items, ctx->location, ctx->error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.items[%u]", path, i);
      g_auto(GStrv) sections = NULL;
      JsonObject *object;
      const char *id, *title, *statement, *starts, *note;
      const StRound *round;
      gint64 number;
      StItem *item;

      if (!(object = st_json_object (json_array_get_element (items, i), item_path,
                                     ctx->location, ctx->error)) ||
          !st_json_get_string (object, item_path, "id", TRUE, &id, ctx->location, ctx->error) ||
          !st_json_get_int (object, item_path, "number", FALSE, &number, ctx->location, ctx->error) ||
          !st_json_get_string (object, item_path, "title", TRUE, &title, ctx->location, ctx->error) ||
          !st_json_get_string (object, item_path, "statement", FALSE, &statement, ctx->location, ctx->error) ||
          !st_json_get_string (object, item_path, "starts", FALSE, &starts, ctx->location, ctx->error) ||
          !st_json_get_string (object, item_path, "note", FALSE, &note, ctx->location, ctx->error) ||
          !st_json_get_strv (object, item_path, "sections", &sections, ctx->location, ctx->error))
        return FALSE;

      if (number < 0 || number > G_MAXINT)
        {
          g_autofree char *full = g_strdup_printf ("%s.number", item_path);
          st_json_set_error (ctx->location, ctx->error, full, _("a number must be positive"));
          return FALSE;
        }

      if (g_hash_table_contains (self->item_by_id, id))
        {
          g_autofree char *full = g_strdup_printf ("%s.id", item_path);
          st_json_set_error (ctx->location, ctx->error, full,
                             _("the item id “%s” is used twice"), id);
          return FALSE;
        }

      round = starts != NULL ? st_template_find_round (self, starts) : st_template_get_round (self, 0);
      if (round == NULL)
        {
          g_autofree char *full = g_strdup_printf ("%s.starts", item_path);
          st_json_set_error (ctx->location, ctx->error, full,
                             _("there is no round “%s”"), starts);
          return FALSE;
        }

      for (guint j = 0; sections != NULL && sections[j] != NULL; j++)
        {
          const StSection *section = g_hash_table_lookup (self->section_by_id, sections[j]);

          if (section == NULL || section->round == G_MAXUINT)
            {
              g_autofree char *full = g_strdup_printf ("%s.sections[%u]", item_path, j);
              st_json_set_error (ctx->location, ctx->error, full,
                                 _("there is no section “%s” in any round"), sections[j]);
              return FALSE;
            }
        }

      item = g_new0 (StItem, 1);
      item->id = g_strdup (id);
      item->number = number;
      item->title = g_strdup (title);
      item->statement = g_strdup (statement != NULL ? statement : title);
      item->starts = round->index;
      item->note = g_strdup (note);
      item->sections = g_steal_pointer (&sections);
      item->index = self->items->len;
      g_ptr_array_add (self->items, item);
      g_hash_table_insert (self->item_by_id, item->id, item);
    }

  return TRUE;
}

static gboolean
parse_respondents (StTemplate *self,
                   Ctx        *ctx,
                   JsonObject *root,
                   const char *path)
{
  JsonArray *respondents;

  if (!st_json_get_array (root, path, "respondents", TRUE, &respondents, ctx->location, ctx->error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (respondents); i++)
    {
      g_autofree char *respondent_path = g_strdup_printf ("%s.respondents[%u]", path, i);
      g_auto(GStrv) variants = NULL;
      JsonObject *object;
      const char *id, *name, *abbreviation;
      StRespondent *respondent;

      if (!(object = st_json_object (json_array_get_element (respondents, i), respondent_path,
                                     ctx->location, ctx->error)) ||
          !st_json_get_string (object, respondent_path, "id", TRUE, &id, ctx->location, ctx->error) ||
          !st_json_get_string (object, respondent_path, "name", TRUE, &name, ctx->location, ctx->error) ||
          !st_json_get_string (object, respondent_path, "abbreviation", FALSE, &abbreviation, ctx->location, ctx->error) ||
          !st_json_get_strv (object, respondent_path, "variants", &variants, ctx->location, ctx->error))
        return FALSE;

      if (g_hash_table_contains (self->respondent_by_id, id))
        {
          g_autofree char *full = g_strdup_printf ("%s.id", respondent_path);
          st_json_set_error (ctx->location, ctx->error, full,
                             _("the respondent id “%s” is used twice"), id);
          return FALSE;
        }

      respondent = g_new0 (StRespondent, 1);
      respondent->id = g_strdup (id);
      respondent->name = g_strdup (name);
      respondent->abbreviation = g_strdup (abbreviation != NULL ? abbreviation : id);
      respondent->variants = variants != NULL ? g_steal_pointer (&variants) : g_new0 (char *, 1);
      respondent->index = self->respondents->len;
      g_ptr_array_add (self->respondents, respondent);
      g_hash_table_insert (self->respondent_by_id, respondent->id, respondent);
    }

  return TRUE;
}

static gboolean
parse_strings (GHashTable *table,
               GPtrArray  *keys,
               GHashTable *lines,
               Ctx        *ctx,
               JsonObject *root,
               const char *path,
               const char *member)
{
  g_autofree char *object_path = g_strdup_printf ("%s.%s", path, member);
  JsonObject *object;
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  if (!st_json_get_object (root, path, member, FALSE, &object, ctx->location, ctx->error))
    return FALSE;
  if (object == NULL)
    return TRUE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &node))
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_hash_table_insert (table, g_strdup (key), g_strdup (json_node_get_string (node)));
      else if (lines != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          char **strv;

          if (!st_json_get_strv (object, object_path, key, &strv, ctx->location, ctx->error))
            return FALSE;
          g_hash_table_insert (lines, g_strdup (key), strv);
        }
      else
        {
          g_autofree char *full = g_strdup_printf ("%s.%s", object_path, key);
          st_json_set_error (ctx->location, ctx->error, full,
                             lines != NULL ? _("expected a string or an array of strings")
                                           : _("expected a string"));
          return FALSE;
        }
      if (keys != NULL)
        g_ptr_array_add (keys, g_strdup (key));
    }

  return TRUE;
}

/* The layout keys whose values are not free text */
static gboolean
check_layout (StTemplate *self,
              Ctx        *ctx,
              const char *path)
{
  const char *heading = g_hash_table_lookup (self->layout, ST_LAYOUT_RESPONDENT_HEADING);
  const char *bullet = g_hash_table_lookup (self->layout, ST_LAYOUT_TEXT_BULLET);
  const char *separator = g_hash_table_lookup (self->layout, ST_LAYOUT_TEXT_SEPARATOR);

  if (heading != NULL && *heading != '\0' && !g_str_equal (heading, "{name}"))
    {
      g_autofree char *full = g_strdup_printf ("%s.layout.%s", path, ST_LAYOUT_RESPONDENT_HEADING);
      st_json_set_error (ctx->location, ctx->error, full,
                         _("a respondent heading is either “{name}” or empty"));
      return FALSE;
    }
  if (heading != NULL && *heading == '\0' && self->respondents->len > 1)
    {
      g_autofree char *full = g_strdup_printf ("%s.layout.%s", path, ST_LAYOUT_RESPONDENT_HEADING);
      st_json_set_error (ctx->location, ctx->error, full,
                         _("only a template with one respondent can leave out respondent headings"));
      return FALSE;
    }
  if (bullet != NULL && (bullet[strspn (bullet, " \t")] == '\0' || strpbrk (bullet, "\r\n") != NULL))
    {
      g_autofree char *full = g_strdup_printf ("%s.layout.%s", path, ST_LAYOUT_TEXT_BULLET);
      st_json_set_error (ctx->location, ctx->error, full,
                         _("a bullet needs a mark other than white space, on one line"));
      return FALSE;
    }
  if (separator != NULL &&
      (*separator == '\0' || separator[strspn (separator, "\n")] != '\0'))
    {
      g_autofree char *full = g_strdup_printf ("%s.layout.%s", path, ST_LAYOUT_TEXT_SEPARATOR);
      st_json_set_error (ctx->location, ctx->error, full,
                         _("a separator is one or more line breaks"));
      return FALSE;
    }
  return TRUE;
}

StTemplate *
st_template_new_from_json (JsonNode         *node,
                           const char       *json_path,
                           StErrorLocation  *location,
                           GError          **error)
{
  g_autoptr(StTemplate) self = g_object_new (ST_TYPE_TEMPLATE, NULL);
  Ctx ctx = { location, error };
  JsonObject *root;
  const char *format = NULL, *id, *title;
  gint64 version = 0;

  if (json_path == NULL)
    json_path = "$";

  if (!(root = st_json_object (node, json_path, location, error)) ||
      !st_json_get_string (root, json_path, "format", FALSE, &format, location, error) ||
      !st_json_get_int (root, json_path, "version", FALSE, &version, location, error))
    return NULL;

  if (format != NULL && !g_str_equal (format, ST_TEMPLATE_FORMAT))
    {
      g_autofree char *full = g_strdup_printf ("%s.format", json_path);
      st_json_set_error (location, error, full,
                         _("this is a “%s” file, not a Stocktake template"), format);
      return NULL;
    }

  if (version > ST_TEMPLATE_FORMAT_VERSION)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_VERSION,
                   _("The template is in format version %lld"
                     ", written by a newer Stocktake; this version reads up to version %d"),
                   (long long) version, ST_TEMPLATE_FORMAT_VERSION);
      return NULL;
    }

  if (!st_json_get_string (root, json_path, "id", TRUE, &id, location, error) ||
      !st_json_get_string (root, json_path, "title", TRUE, &title, location, error))
    return NULL;

  self->id = g_strdup (id);
  self->title = g_strdup (title);

  if (!parse_strings (self->words, NULL, NULL, &ctx, root, json_path, "words") ||
      !parse_strings (self->layout, self->layout_keys, self->layout_lines, &ctx, root, json_path, "layout") ||
      !parse_rounds (self, &ctx, root, json_path) ||
      !parse_preamble (self, &ctx, root, json_path) ||
      !parse_items (self, &ctx, root, json_path) ||
      !parse_respondents (self, &ctx, root, json_path) ||
      !check_layout (self, &ctx, json_path))
    return NULL;

  return g_steal_pointer (&self);
}

StTemplate *
st_template_new_from_file (const char       *filename,
                           StErrorLocation  *location,
                           GError          **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize length;

  g_return_val_if_fail (filename != NULL, NULL);

  if (!g_file_get_contents (filename, &data, &length, error))
    return NULL;
  if (!(node = st_json_parse (data, length, location, error)))
    return NULL;
  return st_template_new_from_json (node, "$", location, error);
}

const char * const *
st_template_list_builtin (void)
{
  return builtin_ids;
}

StTemplate *
st_template_new_builtin (const char  *id,
                         GError     **error)
{
  g_autofree char *resource = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) node = NULL;
  StErrorLocation location = { 0 };
  StTemplate *self;

  g_return_val_if_fail (id != NULL, NULL);

  if (!g_strv_contains (builtin_ids, id))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) builtin_ids);

      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("There is no built-in template “%s”; the built-in templates are %s"),
                   id, known);
      return NULL;
    }

  resource = g_strdup_printf ("/org/stocktake/Stocktake/templates/%s.json", id);
  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  node = st_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &location, error);
  self = node != NULL ? st_template_new_from_json (node, "$", &location, error) : NULL;
  st_error_location_clear (&location);
  return self;
}

/* Saving */

static JsonNode *
section_to_json (const StSection *section,
                 gboolean         preamble)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, section->id);
  json_builder_set_member_name (builder, "heading");
  json_builder_add_string_value (builder, section->heading);
  if (!preamble || section->kind != ST_SECTION_KIND_OTHER)
    {
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, st_section_kind_to_string (section->kind));
    }
  if (section->year != 0)
    {
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, section->year);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_strv (JsonBuilder        *builder,
          const char * const *strv)
{
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_words (JsonBuilder *builder,
           GHashTable  *words)
{
  static const char * const keys[] = {
    ST_WORD_ITEM, ST_WORD_ITEMS, ST_WORD_RESPONDENT, ST_WORD_RESPONDENTS,
  };
  g_autoptr(GList) all = g_hash_table_get_keys (words);

  all = g_list_sort (all, (GCompareFunc) g_strcmp0);
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = g_hash_table_lookup (words, keys[i]);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, value);
    }
  for (GList *l = all; l != NULL; l = l->next)
    {
      if (g_strv_contains ((const char * const *) keys, l->data))
        continue;
      json_builder_set_member_name (builder, l->data);
      json_builder_add_string_value (builder, g_hash_table_lookup (words, l->data));
    }
  json_builder_end_object (builder);
}

JsonNode *
st_template_to_json (StTemplate *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, ST_TEMPLATE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, ST_TEMPLATE_FORMAT_VERSION);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);

  json_builder_set_member_name (builder, "words");
  add_words (builder, self->words);

  json_builder_set_member_name (builder, "rounds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->rounds->len; i++)
    {
      const StRound *round = g_ptr_array_index (self->rounds, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, round->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, round->title);
      json_builder_set_member_name (builder, "sections");
      json_builder_begin_array (builder);
      for (guint j = 0; j < round->sections->len; j++)
        json_builder_add_value (builder, section_to_json (g_ptr_array_index (round->sections, j), FALSE));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (self->preamble->len > 0)
    {
      json_builder_set_member_name (builder, "preamble");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->preamble->len; i++)
        json_builder_add_value (builder, section_to_json (g_ptr_array_index (self->preamble, i), TRUE));
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      const StItem *item = g_ptr_array_index (self->items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, item->id);
      if (item->number > 0)
        {
          json_builder_set_member_name (builder, "number");
          json_builder_add_int_value (builder, item->number);
        }
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, item->title);
      json_builder_set_member_name (builder, "statement");
      json_builder_add_string_value (builder, item->statement);
      json_builder_set_member_name (builder, "starts");
      json_builder_add_string_value (builder, st_template_get_round (self, item->starts)->id);
      if (item->note != NULL)
        {
          json_builder_set_member_name (builder, "note");
          json_builder_add_string_value (builder, item->note);
        }
      if (item->sections != NULL)
        {
          json_builder_set_member_name (builder, "sections");
          add_strv (builder, (const char * const *) item->sections);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "respondents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->respondents->len; i++)
    {
      const StRespondent *respondent = g_ptr_array_index (self->respondents, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, respondent->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, respondent->name);
      json_builder_set_member_name (builder, "abbreviation");
      json_builder_add_string_value (builder, respondent->abbreviation);
      if (respondent->variants[0] != NULL)
        {
          json_builder_set_member_name (builder, "variants");
          add_strv (builder, (const char * const *) respondent->variants);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "layout");
  json_builder_begin_object (builder);
  for (guint i = 0; i < self->layout_keys->len; i++)
    {
      const char *key = g_ptr_array_index (self->layout_keys, i);
      const char *value = g_hash_table_lookup (self->layout, key);

      json_builder_set_member_name (builder, key);
      if (value != NULL)
        json_builder_add_string_value (builder, value);
      else
        add_strv (builder, g_hash_table_lookup (self->layout_lines, key));
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Queries */

StTemplate *
st_template_new_with_item_titles (StTemplate  *self,
                                  const char  *item_id,
                                  const char  *title,
                                  const char  *statement,
                                  GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StTemplate) copy = NULL;
  StItem *item;

  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = st_template_to_json (self);
  copy = st_template_new_from_json (node, "$", NULL, error);
  if (copy == NULL)
    return NULL;

  item = g_hash_table_lookup (copy->item_by_id, item_id);
  if (item == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("The template has no item “%s”"), item_id);
      return NULL;
    }
  if (title != NULL)
    {
      g_free (item->title);
      item->title = g_strdup (title);
    }
  if (statement != NULL)
    {
      g_free (item->statement);
      item->statement = g_strdup (statement);
    }
  return g_steal_pointer (&copy);
}

/* @text with every year it names (a number of four digits standing
 * alone) made one year later; NULL when it names none */
static char *
next_years (const char *text)
{
  GString *str = g_string_new (NULL);
  gboolean any = FALSE;
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;

      if (!g_ascii_isdigit (*p))
        {
          g_string_append_c (str, *p++);
          continue;
        }
      while (g_ascii_isdigit (*p))
        p++;
      if (p - start == 4 && *start != '0' && strncmp (start, "9999", 4) != 0)
        {
          g_string_append_printf (str, "%u", (guint) strtoul (start, NULL, 10) + 1);
          any = TRUE;
        }
      else
        g_string_append_len (str, start, p - start);
    }

  if (!any)
    {
      g_string_free (str, TRUE);
      return NULL;
    }
  return g_string_free (str, FALSE);
}

StTemplate *
st_template_new_with_next_round (StTemplate  *self,
                                 GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(StTemplate) copy = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *round_title = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) headings = NULL;
  const StRound *last;
  StRound *round;

  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  last = g_ptr_array_index (self->rounds, self->rounds->len - 1);
  if (last->sections->len == 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("The last round, “%s”, adds no sections, so there is nothing to continue"),
                   last->title);
      return NULL;
    }

  round_id = next_years (last->id);
  if (round_id == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("The last round’s id, “%s”, names no year, so the next round cannot follow from it"),
                   last->id);
      return NULL;
    }
  if (st_template_find_round (self, round_id) != NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("The template already has a round “%s”"), round_id);
      return NULL;
    }
  /* "December 2012" becomes "December 2013"; a title with no year takes
   * the id, which has one */
  round_title = next_years (last->title);
  if (round_title == NULL)
    round_title = g_strdup (round_id);

  /* Each section of the last round, a year on: "Progress during 2014"
   * and "Planned activities in 2015" become "Progress during 2015" and
   * "Planned activities in 2016" */
  ids = g_ptr_array_new_with_free_func (g_free);
  headings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < last->sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (last->sections, i);
      char *id, *heading;

      if (section->year == 0 || section->year >= 9999)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                       _("The section “%s” is about no year, so the next round cannot follow from it"),
                       section->heading);
          return NULL;
        }
      heading = next_years (section->heading);
      if (heading == NULL)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                       _("The heading “%s” does not name its year, so the next round’s heading "
                         "could not be told apart from it"),
                       section->heading);
          return NULL;
        }
      g_ptr_array_add (headings, heading);
      id = next_years (section->id);
      if (id == NULL || g_hash_table_contains (self->section_by_id, id))
        {
          g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                       _("The section id “%s” does not name a year that could be continued"),
                       section->id);
          g_free (id);
          return NULL;
        }
      g_ptr_array_add (ids, id);
    }

  node = st_template_to_json (self);
  copy = st_template_new_from_json (node, "$", NULL, error);
  if (copy == NULL)
    return NULL;

  round = g_new0 (StRound, 1);
  round->id = g_steal_pointer (&round_id);
  round->title = g_steal_pointer (&round_title);
  round->sections = g_ptr_array_new ();
  round->index = copy->rounds->len;
  g_ptr_array_add (copy->rounds, round);

  for (guint i = 0; i < last->sections->len; i++)
    {
      const StSection *previous = g_ptr_array_index (last->sections, i);
      StSection *section = g_new0 (StSection, 1);

      section->id = g_strdup (g_ptr_array_index (ids, i));
      section->heading = g_strdup (g_ptr_array_index (headings, i));
      section->kind = previous->kind;
      section->year = previous->year + 1;
      section->round = round->index;
      section->index = copy->sections->len;
      g_ptr_array_add (copy->sections, section);
      g_ptr_array_add (round->sections, section);
      g_hash_table_insert (copy->section_by_id, section->id, section);
    }

  /* An item reported on in only some sections keeps reporting on the ones
   * that follow them */
  for (guint i = 0; i < copy->items->len; i++)
    {
      StItem *item = g_ptr_array_index (copy->items, i);
      GStrvBuilder *builder;

      if (item->sections == NULL)
        continue;
      builder = g_strv_builder_new ();
      g_strv_builder_addv (builder, (const char **) item->sections);
      for (guint j = 0; j < last->sections->len; j++)
        {
          const StSection *previous = g_ptr_array_index (last->sections, j);

          if (g_strv_contains ((const char * const *) item->sections, previous->id))
            g_strv_builder_add (builder, g_ptr_array_index (ids, j));
        }
      g_strfreev (item->sections);
      item->sections = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
    }

  return g_steal_pointer (&copy);
}

const char *
st_template_get_id (StTemplate *self)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  return self->id;
}

const char *
st_template_get_title (StTemplate *self)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  return self->title;
}

/* The words of the Government Digital Strategy, which every template so
 * far has shared in part: a template's word where it names none, and
 * the words the interface translates */
static const struct {
  const char *key;
  const char *word;
} standard_words[] = {
  { ST_WORD_ITEM, N_("Action") },
  { ST_WORD_ITEMS, N_("Actions") },
  { ST_WORD_RESPONDENT, N_("Department") },
  { ST_WORD_RESPONDENTS, N_("Departments") },
};

const char *
st_template_get_word (StTemplate *self,
                      const char *key)
{
  const char *word;

  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);

  word = g_hash_table_lookup (self->words, key);
  if (word != NULL)
    return word;

  for (guint i = 0; i < G_N_ELEMENTS (standard_words); i++)
    {
      if (g_str_equal (key, standard_words[i].key))
        return standard_words[i].word;
    }
  return key;
}

const char *
st_template_get_display_word (StTemplate *self,
                              const char *key)
{
  const char *word;

  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);

  word = st_template_get_word (self, key);
  for (guint i = 0; i < G_N_ELEMENTS (standard_words); i++)
    {
      if (g_str_equal (key, standard_words[i].key) &&
          g_str_equal (word, standard_words[i].word))
        return _(standard_words[i].word);
    }
  return word;
}

const char *
st_template_get_layout (StTemplate *self,
                        const char *key)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  return g_hash_table_lookup (self->layout, key);
}

const char * const *
st_template_get_layout_lines (StTemplate *self,
                              const char *key)
{
  static const char * const empty[] = { NULL };
  const char * const *lines;

  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);

  lines = g_hash_table_lookup (self->layout_lines, key);
  return lines != NULL ? lines : empty;
}

gboolean
st_template_has_respondent_headings (StTemplate *self)
{
  const char *heading;

  g_return_val_if_fail (ST_IS_TEMPLATE (self), TRUE);

  heading = g_hash_table_lookup (self->layout, ST_LAYOUT_RESPONDENT_HEADING);
  return heading == NULL || *heading != '\0';
}

const char *
st_template_get_text_bullet (StTemplate *self)
{
  const char *bullet;

  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);

  bullet = g_hash_table_lookup (self->layout, ST_LAYOUT_TEXT_BULLET);
  return bullet != NULL ? bullet : "- ";
}

const char *
st_template_get_text_separator (StTemplate *self)
{
  const char *separator;

  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);

  separator = g_hash_table_lookup (self->layout, ST_LAYOUT_TEXT_SEPARATOR);
  return separator != NULL ? separator : "\n";
}

guint
st_template_get_n_rounds (StTemplate *self)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), 0);
  return self->rounds->len;
}

const StRound *
st_template_get_round (StTemplate *self,
                       guint       index)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  return index < self->rounds->len ? g_ptr_array_index (self->rounds, index) : NULL;
}

const StRound *
st_template_find_round (StTemplate *self,
                        const char *id)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);

  for (guint i = 0; id != NULL && i < self->rounds->len; i++)
    {
      const StRound *round = g_ptr_array_index (self->rounds, i);

      if (g_str_equal (round->id, id))
        return round;
    }
  return NULL;
}

guint
st_template_get_n_sections (StTemplate *self)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), 0);
  return self->sections->len;
}

const StSection *
st_template_get_section (StTemplate *self,
                         guint       index)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  return index < self->sections->len ? g_ptr_array_index (self->sections, index) : NULL;
}

const StSection *
st_template_find_section (StTemplate *self,
                          const char *id)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->section_by_id, id) : NULL;
}

const StSection *
st_template_find_plan_for (StTemplate      *self,
                           const StSection *progress)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (progress != NULL, NULL);

  if (progress->kind != ST_SECTION_KIND_PROGRESS || progress->year == 0)
    return NULL;

  for (guint i = 0; i < self->sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (self->sections, i);

      if (section->kind == ST_SECTION_KIND_PLAN &&
          section->year == progress->year &&
          section->round < progress->round)
        return section;
    }
  return NULL;
}

guint
st_template_get_n_preamble (StTemplate *self)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), 0);
  return self->preamble->len;
}

const StSection *
st_template_get_preamble (StTemplate *self,
                          guint       index)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  return index < self->preamble->len ? g_ptr_array_index (self->preamble, index) : NULL;
}

guint
st_template_get_n_items (StTemplate *self)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), 0);
  return self->items->len;
}

const StItem *
st_template_get_item (StTemplate *self,
                      guint       index)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  return index < self->items->len ? g_ptr_array_index (self->items, index) : NULL;
}

const StItem *
st_template_find_item (StTemplate *self,
                       const char *id)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->item_by_id, id) : NULL;
}

const StItem *
st_template_find_item_by_number (StTemplate *self,
                                 guint       number)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);

  for (guint i = 0; number > 0 && i < self->items->len; i++)
    {
      const StItem *item = g_ptr_array_index (self->items, i);

      if (item->number == number)
        return item;
    }
  return NULL;
}

guint
st_template_get_n_respondents (StTemplate *self)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), 0);
  return self->respondents->len;
}

const StRespondent *
st_template_get_respondent (StTemplate *self,
                            guint       index)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  return index < self->respondents->len ? g_ptr_array_index (self->respondents, index) : NULL;
}

const StRespondent *
st_template_find_respondent (StTemplate *self,
                             const char *id)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->respondent_by_id, id) : NULL;
}

/* Case-insensitive comparison that also treats the curly apostrophe and the
 * straight one as the same, as published pages mix them. */
static char *
fold_name (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *casefolded = g_utf8_casefold (stripped, -1);
  GString *str = g_string_new (NULL);

  for (const char *p = casefolded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2019 || c == 0x2018)
        c = '\'';
      g_string_append_unichar (str, c);
    }
  return g_string_free (str, FALSE);
}

const StRespondent *
st_template_match_respondent (StTemplate *self,
                              const char *text)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);

  if (text == NULL)
    return NULL;

  folded = fold_name (text);
  for (guint i = 0; i < self->respondents->len; i++)
    {
      const StRespondent *respondent = g_ptr_array_index (self->respondents, i);
      g_autofree char *name = fold_name (respondent->name);
      g_autofree char *abbreviation = fold_name (respondent->abbreviation);

      if (g_str_equal (folded, name) || g_str_equal (folded, abbreviation))
        return respondent;
      for (guint j = 0; respondent->variants[j] != NULL; j++)
        {
          g_autofree char *variant = fold_name (respondent->variants[j]);

          if (g_str_equal (folded, variant))
            return respondent;
        }
    }
  return NULL;
}

gboolean
st_template_item_has_section (StTemplate      *self,
                              const StItem    *item,
                              const StSection *section)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (section != NULL, FALSE);

  if (section->round == G_MAXUINT || section->round < item->starts)
    return FALSE;
  if (item->sections != NULL)
    return g_strv_contains ((const char * const *) item->sections, section->id);
  return TRUE;
}

GPtrArray *
st_template_item_sections (StTemplate   *self,
                           const StItem *item,
                           guint         up_to_round)
{
  GPtrArray *sections;

  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  sections = g_ptr_array_new ();
  for (guint i = 0; i < self->sections->len; i++)
    {
      StSection *section = g_ptr_array_index (self->sections, i);

      if (section->round > up_to_round)
        break;
      if (st_template_item_has_section (self, item, section))
        g_ptr_array_add (sections, section);
    }
  return sections;
}

char *
st_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%u %s %u",
                          g_date_get_day (date),
                          month_names[g_date_get_month (date) - 1],
                          g_date_get_year (date));
}

/* Reads "16 January 2015" and "2015-01-16" */
gboolean
st_parse_date (const char *text,
               GDate      *date)
{
  g_auto(GStrv) words = NULL;
  guint day, year;
  char *end;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);

  if (strlen (text) == 10 && text[4] == '-' && text[7] == '-')
    {
      guint month;

      year = strtoul (text, &end, 10);
      if (end != text + 4)
        return FALSE;
      month = strtoul (text + 5, &end, 10);
      if (end != text + 7)
        return FALSE;
      day = strtoul (text + 8, &end, 10);
      if (end != text + 10)
        return FALSE;
      if (!g_date_valid_dmy (day, month, year))
        return FALSE;
      g_date_set_dmy (date, day, month, year);
      return TRUE;
    }

  words = g_strsplit (text, " ", -1);
  if (g_strv_length (words) != 3)
    return FALSE;

  day = strtoul (words[0], &end, 10);
  if (*end != '\0' || end == words[0])
    return FALSE;
  year = strtoul (words[2], &end, 10);
  if (*end != '\0' || end == words[2])
    return FALSE;

  for (guint m = 0; m < G_N_ELEMENTS (month_names); m++)
    {
      if (g_str_equal (words[1], month_names[m]))
        {
          if (!g_date_valid_dmy (day, m + 1, year))
            return FALSE;
          g_date_set_dmy (date, day, m + 1, year);
          return TRUE;
        }
    }
  return FALSE;
}

/* One or two digits of a day or month, up to @end */
static gboolean
parse_day_or_month (const char *text,
                    const char *end,
                    guint      *value)
{
  if (end - text < 1 || end - text > 2)
    return FALSE;
  *value = 0;
  for (const char *p = text; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      *value = *value * 10 + g_ascii_digit_value (*p);
    }
  return TRUE;
}

gboolean
st_parse_typed_date (const char *text,
                     GDate      *date)
{
  const char *first, *second;
  guint day, month, year = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  if (st_parse_date (text, date))
    return TRUE;

  /* Day, month, year: the order the UK writes them in */
  g_date_clear (date, 1);
  first = strchr (text, '/');
  second = first != NULL ? strchr (first + 1, '/') : NULL;
  if (second == NULL || strlen (second + 1) != 4)
    return FALSE;
  if (!parse_day_or_month (text, first, &day) || !parse_day_or_month (first + 1, second, &month))
    return FALSE;
  for (const char *p = second + 1; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      year = year * 10 + g_ascii_digit_value (*p);
    }
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

char *
st_template_expand (StTemplate         *self,
                    const char         *pattern,
                    const StItem       *item,
                    const StRespondent *respondent,
                    GDate              *date)
{
  GString *str;

  g_return_val_if_fail (ST_IS_TEMPLATE (self), NULL);

  if (pattern == NULL)
    return NULL;

  str = g_string_new (NULL);
  for (const char *p = pattern; *p != '\0'; p++)
    {
      const char *close;

      if (*p == '{' && (close = strchr (p, '}')) != NULL)
        {
          g_autofree char *name = g_strndup (p + 1, close - p - 1);

          if (item != NULL && g_str_equal (name, "number"))
            g_string_append_printf (str, "%u", item->number);
          else if (item != NULL && g_str_equal (name, "title"))
            g_string_append (str, item->title);
          else if (item != NULL && g_str_equal (name, "statement"))
            g_string_append (str, item->statement);
          else if (respondent != NULL && g_str_equal (name, "name"))
            g_string_append (str, respondent->name);
          else if (respondent != NULL && g_str_equal (name, "abbreviation"))
            g_string_append (str, respondent->abbreviation);
          else if (date != NULL && g_date_valid (date) && g_str_equal (name, "date"))
            {
              g_autofree char *formatted = st_format_date (date);
              g_string_append (str, formatted);
            }
          else
            {
              g_string_append_len (str, p, close - p + 1);
            }
          p = close;
          continue;
        }
      g_string_append_c (str, *p);
    }

  return g_string_free (str, FALSE);
}
