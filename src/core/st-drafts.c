/* st-drafts.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "st-drafts.h"
#include "st-json-private.h"

#define DRAFT_SUFFIX ".stocktake-draft"

struct _StDrafts
{
  GObject  parent_instance;

  char    *directory;
};

G_DEFINE_FINAL_TYPE (StDrafts, st_drafts, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

StDraftInfo *
st_draft_info_copy (const StDraftInfo *info)
{
  StDraftInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (StDraftInfo, 1);
  copy->filename = g_strdup (info->filename);
  copy->path = g_strdup (info->path);
  copy->saved = info->saved != NULL ? g_date_time_ref (info->saved) : NULL;
  copy->file_checksum = g_strdup (info->file_checksum);
  return copy;
}

void
st_draft_info_free (StDraftInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->filename);
  g_free (info->path);
  g_clear_pointer (&info->saved, g_date_time_unref);
  g_free (info->file_checksum);
  g_free (info);
}

void
st_draft_change_free (StDraftChange *change)
{
  if (change == NULL)
    return;
  g_free (change->respondent_id);
  g_free (change->item_id);
  g_free (change->section_id);
  g_free (change);
}

static void
st_drafts_finalize (GObject *object)
{
  StDrafts *self = (StDrafts *)object;

  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (st_drafts_parent_class)->finalize (object);
}

static void
st_drafts_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  StDrafts *self = ST_DRAFTS (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_drafts_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  StDrafts *self = ST_DRAFTS (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      if (g_value_get_string (value) != NULL)
        self->directory = g_canonicalize_filename (g_value_get_string (value), NULL);
      else
        self->directory = g_build_filename (g_get_user_data_dir (), "stocktake", "drafts", NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_drafts_class_init (StDraftsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = st_drafts_finalize;
  object_class->get_property = st_drafts_get_property;
  object_class->set_property = st_drafts_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
st_drafts_init (StDrafts *self)
{
}

StDrafts *
st_drafts_new (const char *directory)
{
  return g_object_new (ST_TYPE_DRAFTS, "directory", directory, NULL);
}

const char *
st_drafts_get_directory (StDrafts *self)
{
  g_return_val_if_fail (ST_IS_DRAFTS (self), NULL);
  return self->directory;
}

char *
st_drafts_get_path (StDrafts   *self,
                    const char *filename)
{
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ST_IS_DRAFTS (self), NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  /* The name comes from the full path, so two reports called the same in
   * different folders have different drafts */
  canonical = g_canonicalize_filename (filename, NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  name = g_strconcat (hash, DRAFT_SUFFIX, NULL);
  return g_build_filename (self->directory, name, NULL);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

gboolean
st_drafts_write (StDrafts    *self,
                 const char  *filename,
                 StReport    *report,
                 const char  *file_checksum,
                 GError     **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *data = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length;

  g_return_val_if_fail (ST_IS_DRAFTS (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (ST_IS_REPORT (report), FALSE);

  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the drafts folder “%s”: %s"),
                   self->directory, g_strerror (saved_errno));
      return FALSE;
    }

  canonical = g_canonicalize_filename (filename, NULL);
  path = st_drafts_get_path (self, filename);
  saved = now_iso8601 ();

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, ST_DRAFT_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, ST_DRAFT_FORMAT_VERSION);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, canonical);
  json_builder_set_member_name (builder, "saved");
  json_builder_add_string_value (builder, saved);
  if (file_checksum != NULL)
    {
      json_builder_set_member_name (builder, "file-sha256");
      json_builder_add_string_value (builder, file_checksum);
    }
  json_builder_set_member_name (builder, "report");
  json_builder_add_value (builder, st_report_to_json (report));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  /* Only the user may read unsaved work */
  return g_file_set_contents_full (path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

gboolean
st_drafts_has_draft (StDrafts   *self,
                     const char *filename)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (ST_IS_DRAFTS (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  path = st_drafts_get_path (self, filename);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* Reads the draft at @path; the report only if @want_report */
static gboolean
read_draft (const char   *path,
            gboolean      want_report,
            StDraftInfo **info_out,
            StReport    **report_out,
            GError      **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(StDraftInfo) info = NULL;
  StErrorLocation location = { 0 };
  JsonObject *object;
  JsonObject *report_object;
  const char *format = NULL, *file = NULL, *saved = NULL, *file_checksum = NULL;
  gint64 version = 0;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;

  root = st_json_parse (data, length, &location, error);
  st_error_location_clear (&location);
  if (root == NULL)
    return FALSE;

  if (!(object = st_json_object (root, "$", NULL, error)) ||
      !st_json_get_string (object, "$", "format", TRUE, &format, NULL, error) ||
      !st_json_get_int (object, "$", "version", TRUE, &version, NULL, error))
    return FALSE;

  if (!g_str_equal (format, ST_DRAFT_FORMAT))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_STRUCTURE,
                   _("“%s” is not a Stocktake draft"), path);
      return FALSE;
    }
  if (version > ST_DRAFT_FORMAT_VERSION)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_VERSION,
                   _("The draft “%s” was written by a newer version of Stocktake"), path);
      return FALSE;
    }

  if (!st_json_get_string (object, "$", "file", TRUE, &file, NULL, error) ||
      !st_json_get_string (object, "$", "saved", TRUE, &saved, NULL, error) ||
      /* Not in drafts written before it was kept */
      !st_json_get_string (object, "$", "file-sha256", FALSE, &file_checksum, NULL, error) ||
      !st_json_get_object (object, "$", "report", TRUE, &report_object, NULL, error))
    return FALSE;

  info = g_new0 (StDraftInfo, 1);
  info->filename = g_strdup (file);
  info->path = g_strdup (path);
  info->file_checksum = g_strdup (file_checksum);
  info->saved = g_date_time_new_from_iso8601 (saved, NULL);
  if (info->saved == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_STRUCTURE,
                   _("$.saved: “%s” is not a date and time"), saved);
      return FALSE;
    }

  if (want_report)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *report_data = NULL;
      gsize report_length;
      StReport *report;

      /* The report reads from text, so that it checks the draft's report
       * exactly as it checks a report file */
      json_generator_set_root (generator, json_object_get_member (object, "report"));
      report_data = json_generator_to_data (generator, &report_length);
      report = st_report_new_from_data (report_data, report_length, &location, error);
      st_error_location_clear (&location);
      if (report == NULL)
        return FALSE;
      *report_out = report;
    }

  if (info_out != NULL)
    *info_out = g_steal_pointer (&info);
  return TRUE;
}

StReport *
st_drafts_read (StDrafts     *self,
                const char   *filename,
                StDraftInfo **info,
                GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(StDraftInfo) read_info = NULL;
  StReport *report = NULL;

  g_return_val_if_fail (ST_IS_DRAFTS (self), NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  path = st_drafts_get_path (self, filename);
  if (!read_draft (path, TRUE, &read_info, &report, error))
    return NULL;

  canonical = g_canonicalize_filename (filename, NULL);
  if (!g_str_equal (canonical, read_info->filename))
    {
      g_object_unref (report);
      g_set_error (error, ST_ERROR, ST_ERROR_STRUCTURE,
                   _("The draft “%s” belongs to “%s”, not “%s”"),
                   path, read_info->filename, canonical);
      return NULL;
    }

  if (info != NULL)
    *info = g_steal_pointer (&read_info);
  return report;
}

gboolean
st_drafts_discard (StDrafts    *self,
                   const char  *filename,
                   GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (ST_IS_DRAFTS (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  path = st_drafts_get_path (self, filename);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not remove the draft “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const StDraftInfo *ia = *(const StDraftInfo * const *) a;
  const StDraftInfo *ib = *(const StDraftInfo * const *) b;

  return g_date_time_compare (ib->saved, ia->saved);
}

GPtrArray *
st_drafts_list (StDrafts  *self,
                GError   **error)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (ST_IS_DRAFTS (self), NULL);

  drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) st_draft_info_free);

  dir = g_dir_open (self->directory, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&drafts);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) draft_error = NULL;
      StDraftInfo *info = NULL;

      if (!g_str_has_suffix (name, DRAFT_SUFFIX))
        continue;
      path = g_build_filename (self->directory, name, NULL);
      /* A broken draft is no reason to hide the others */
      if (!read_draft (path, FALSE, &info, NULL, &draft_error))
        {
          g_debug ("Skipping draft %s: %s", path, draft_error->message);
          continue;
        }
      g_ptr_array_add (drafts, info);
    }

  g_ptr_array_sort (drafts, compare_newest_first);
  return g_steal_pointer (&drafts);
}

static void
add_change (GPtrArray         *changes,
            StDraftChangeKind  kind,
            const char        *respondent_id,
            const char        *item_id,
            const char        *section_id)
{
  StDraftChange *change = g_new0 (StDraftChange, 1);

  change->kind = kind;
  change->respondent_id = g_strdup (respondent_id);
  change->item_id = g_strdup (item_id);
  change->section_id = g_strdup (section_id);
  g_ptr_array_add (changes, change);
}

static gboolean
dates_equal (GDate *a,
             GDate *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_compare (a, b) == 0;
}

static void
compare_submissions (GPtrArray    *changes,
                     StTemplate   *template,
                     const char   *respondent_id,
                     const char   *item_id,
                     StSubmission *a,
                     StSubmission *b)
{
  g_autoptr(StSubmission) empty = NULL;
  guint before = changes->len;

  if (a == NULL && b == NULL)
    return;
  if (a == NULL || b == NULL)
    {
      empty = st_submission_new (respondent_id, item_id);
      if (a == NULL)
        a = empty;
      else
        b = empty;
    }
  if (st_submission_equal (a, b))
    return;

  /* Sections in template order, so the list reads like the form */
  for (guint i = 0; i < st_template_get_n_sections (template); i++)
    {
      const StSection *section = st_template_get_section (template, i);

      if (g_strcmp0 (st_submission_get_text (a, section->id), st_submission_get_text (b, section->id)) != 0)
        add_change (changes, ST_DRAFT_CHANGE_TEXT, respondent_id, item_id, section->id);
    }
  if (g_strcmp0 (st_submission_get_not_applicable_reason (a), st_submission_get_not_applicable_reason (b)) != 0)
    add_change (changes, ST_DRAFT_CHANGE_NOT_APPLICABLE, respondent_id, item_id, NULL);
  if (st_submission_get_status (a) != st_submission_get_status (b))
    add_change (changes, ST_DRAFT_CHANGE_STATUS, respondent_id, item_id, NULL);

  /* Unequal, but in none of the above: comments or history */
  if (changes->len == before)
    add_change (changes, ST_DRAFT_CHANGE_OTHER, respondent_id, item_id, NULL);
}

GPtrArray *
st_drafts_compare (StReport *saved,
                   StReport *draft)
{
  GPtrArray *changes;
  StTemplate *template;

  g_return_val_if_fail (ST_IS_REPORT (saved), NULL);
  g_return_val_if_fail (ST_IS_REPORT (draft), NULL);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) st_draft_change_free);
  template = st_report_get_template (draft);

  if (st_report_get_round (saved) != st_report_get_round (draft) ||
      !dates_equal (st_report_get_updated (saved), st_report_get_updated (draft)))
    add_change (changes, ST_DRAFT_CHANGE_REPORT, NULL, NULL, NULL);

  for (guint i = 0; i < st_template_get_n_preamble (template); i++)
    {
      const StSection *section = st_template_get_preamble (template, i);

      if (g_strcmp0 (st_report_get_preamble_text (saved, section->id),
                     st_report_get_preamble_text (draft, section->id)) != 0)
        add_change (changes, ST_DRAFT_CHANGE_REPORT, NULL, NULL, section->id);
    }

  for (guint r = 0; r < st_template_get_n_respondents (template); r++)
    {
      const StRespondent *respondent = st_template_get_respondent (template, r);

      for (guint i = 0; i < st_template_get_n_items (template); i++)
        {
          const StItem *item = st_template_get_item (template, i);

          compare_submissions (changes, template, respondent->id, item->id,
                               st_report_lookup_submission (saved, respondent->id, item->id),
                               st_report_lookup_submission (draft, respondent->id, item->id));
        }
    }

  return changes;
}
