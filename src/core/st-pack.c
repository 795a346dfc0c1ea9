/* st-pack.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "st-history.h"
#include "st-json-private.h"
#include "st-pack-private.h"

char *
st_pack_fingerprint (StTemplate *template)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *data = NULL;
  g_autofree char *digest = NULL;
  gsize length;

  g_return_val_if_fail (ST_IS_TEMPLATE (template), NULL);

  node = st_template_to_json (template);
  data = st_json_to_data (node, &length);
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  return g_strconcat ("sha256:", digest, NULL);
}

char *
st_pack_hash (const char *text)
{
  char *digest;

  if (text == NULL)
    return NULL;
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  digest[32] = '\0';
  return digest;
}

/* Submission states */

static StPackState *
state_new_empty (void)
{
  StPackState *state = g_new0 (StPackState, 1);

  state->status = ST_STATUS_DRAFT;
  state->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return state;
}

StPackState *
st_pack_state_new (StSubmission *submission)
{
  StPackState *state = state_new_empty ();
  g_autoptr(GPtrArray) ids = NULL;
  GPtrArray *comments;

  if (submission == NULL)
    return state;

  state->status = st_submission_get_status (submission);
  state->not_applicable = st_pack_hash (st_submission_get_not_applicable_reason (submission));
  ids = st_submission_list_sections (submission);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      g_hash_table_insert (state->sections, g_strdup (id),
                           st_pack_hash (st_submission_get_text (submission, id)));
    }
  comments = st_submission_get_comments (submission);
  for (guint i = 0; i < comments->len; i++)
    {
      const StComment *comment = g_ptr_array_index (comments, i);

      if (comment->resolved && comment->id != NULL)
        g_hash_table_add (state->resolved, g_strdup (comment->id));
    }
  state->history = st_submission_get_history (submission)->len;
  return state;
}

void
st_pack_state_free (StPackState *state)
{
  if (state == NULL)
    return;
  g_free (state->not_applicable);
  g_clear_pointer (&state->sections, g_hash_table_unref);
  g_clear_pointer (&state->resolved, g_hash_table_unref);
  g_free (state);
}

static gboolean
parse_state (JsonObject   *object,
             const char   *path,
             StPackState **out,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  StPackState *state = state_new_empty ();
  const char *status, *not_applicable;
  JsonObject *sections;
  g_auto(GStrv) resolved = NULL;
  gint64 history = 0;

  if (!st_json_get_string (object, path, "status", TRUE, &status, NULL, error) ||
      !st_json_get_string (object, path, "not-applicable", FALSE, &not_applicable, NULL, error) ||
      !st_json_get_object (object, path, "sections", FALSE, &sections, NULL, error) ||
      !st_json_get_strv (object, path, "resolved", &resolved, NULL, error) ||
      !st_json_get_int (object, path, "history", FALSE, &history, NULL, error))
    goto fail;

  if (!st_status_from_string (status, &state->status) || history < 0)
    {
      st_json_set_error (NULL, error, path, _("the record of an issued pack is damaged"));
      goto fail;
    }
  state->not_applicable = g_strdup (not_applicable);
  state->history = history;
  for (guint i = 0; resolved != NULL && resolved[i] != NULL; i++)
    g_hash_table_add (state->resolved, g_strdup (resolved[i]));

  if (sections != NULL)
    {
      JsonObjectIter iter;
      const char *id;
      JsonNode *node;

      json_object_iter_init (&iter, sections);
      while (json_object_iter_next (&iter, &id, &node))
        {
          if (json_node_get_value_type (node) != G_TYPE_STRING)
            {
              g_autofree char *member = g_strdup_printf ("%s.sections[\"%s\"]", path, id);

              st_json_set_error (NULL, error, member, _("expected %s"), _("a string"));
              goto fail;
            }
          g_hash_table_insert (state->sections, g_strdup (id), g_strdup (json_node_get_string (node)));
        }
    }

  *out = state;
  return TRUE;

fail:
  st_pack_state_free (state);
  return FALSE;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
build_state (JsonBuilder       *builder,
             const StPackState *state,
             StTemplate        *template,
             gboolean           pack_side)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, st_status_to_string (state->status));
  if (state->not_applicable != NULL)
    {
      json_builder_set_member_name (builder, "not-applicable");
      json_builder_add_string_value (builder, state->not_applicable);
    }
  if (g_hash_table_size (state->sections) > 0)
    {
      json_builder_set_member_name (builder, "sections");
      json_builder_begin_object (builder);
      for (guint i = 0; i < st_template_get_n_sections (template); i++)
        {
          const StSection *section = st_template_get_section (template, i);
          const char *hash = g_hash_table_lookup (state->sections, section->id);

          if (hash == NULL)
            continue;
          json_builder_set_member_name (builder, section->id);
          json_builder_add_string_value (builder, hash);
        }
      json_builder_end_object (builder);
    }
  /* Only the pack's side needs these: the department resolves comments
   * and adds to the history in the pack */
  if (pack_side && g_hash_table_size (state->resolved) > 0)
    {
      guint n;
      g_autofree const char **ids = (const char **) g_hash_table_get_keys_as_array (state->resolved, &n);

      qsort (ids, n, sizeof (char *), compare_strings);
      json_builder_set_member_name (builder, "resolved");
      json_builder_begin_array (builder);
      for (guint i = 0; ids[i] != NULL; i++)
        json_builder_add_string_value (builder, ids[i]);
      json_builder_end_array (builder);
    }
  if (pack_side && state->history > 0)
    {
      json_builder_set_member_name (builder, "history");
      json_builder_add_int_value (builder, state->history);
    }
  json_builder_end_object (builder);
}

/* Issues */

void
st_pack_issue_free (StPackIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->id);
  g_free (issue->respondent_id);
  g_free (issue->issued);
  g_free (issue->template_fingerprint);
  g_free (issue->merged);
  g_clear_pointer (&issue->pack_base, g_hash_table_unref);
  g_clear_pointer (&issue->report_base, g_hash_table_unref);
  g_free (issue);
}

static StPackIssue *
issue_new (void)
{
  StPackIssue *issue = g_new0 (StPackIssue, 1);

  issue->pack_base = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) st_pack_state_free);
  issue->report_base = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) st_pack_state_free);
  return issue;
}

static StPackIssue *
parse_issue (JsonNode    *node,
             const char  *path,
             GError     **error)
{
  g_autoptr(StPackIssue) issue = issue_new ();
  const char *id, *respondent, *issued, *template, *merged;
  JsonObject *object, *base;
  gint64 merges = 0;

  if (!(object = st_json_object (node, path, NULL, error)) ||
      !st_json_get_string (object, path, "id", TRUE, &id, NULL, error) ||
      !st_json_get_string (object, path, "respondent", TRUE, &respondent, NULL, error) ||
      !st_json_get_string (object, path, "issued", FALSE, &issued, NULL, error) ||
      !st_json_get_string (object, path, "template", FALSE, &template, NULL, error) ||
      !st_json_get_string (object, path, "merged", FALSE, &merged, NULL, error) ||
      !st_json_get_int (object, path, "merges", FALSE, &merges, NULL, error) ||
      !st_json_get_object (object, path, "base", FALSE, &base, NULL, error))
    return NULL;

  issue->id = g_strdup (id);
  issue->respondent_id = g_strdup (respondent);
  issue->issued = g_strdup (issued);
  issue->template_fingerprint = g_strdup (template);
  issue->merged = g_strdup (merged);
  issue->n_merges = CLAMP (merges, 0, G_MAXUINT);

  if (base != NULL)
    {
      JsonObjectIter iter;
      const char *item_id;
      JsonNode *item_node;

      json_object_iter_init (&iter, base);
      while (json_object_iter_next (&iter, &item_id, &item_node))
        {
          g_autofree char *item_path = g_strdup_printf ("%s.base[\"%s\"]", path, item_id);
          g_autofree char *pack_path = g_strdup_printf ("%s.pack", item_path);
          g_autofree char *report_path = g_strdup_printf ("%s.report", item_path);
          JsonObject *item, *pack_side, *report_side;
          StPackState *state;

          if (!(item = st_json_object (item_node, item_path, NULL, error)) ||
              !st_json_get_object (item, item_path, "pack", FALSE, &pack_side, NULL, error) ||
              !st_json_get_object (item, item_path, "report", FALSE, &report_side, NULL, error))
            return NULL;
          if (pack_side != NULL)
            {
              if (!parse_state (pack_side, pack_path, &state, error))
                return NULL;
              g_hash_table_insert (issue->pack_base, g_strdup (item_id), state);
            }
          if (report_side != NULL)
            {
              if (!parse_state (report_side, report_path, &state, error))
                return NULL;
              g_hash_table_insert (issue->report_base, g_strdup (item_id), state);
            }
        }
    }

  return g_steal_pointer (&issue);
}

static JsonNode *
build_issue (StPackIssue *issue,
             StTemplate  *template)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, issue->id);
  json_builder_set_member_name (builder, "respondent");
  json_builder_add_string_value (builder, issue->respondent_id);
  if (issue->issued != NULL)
    {
      json_builder_set_member_name (builder, "issued");
      json_builder_add_string_value (builder, issue->issued);
    }
  if (issue->template_fingerprint != NULL)
    {
      json_builder_set_member_name (builder, "template");
      json_builder_add_string_value (builder, issue->template_fingerprint);
    }
  if (issue->merged != NULL)
    {
      json_builder_set_member_name (builder, "merged");
      json_builder_add_string_value (builder, issue->merged);
    }
  if (issue->n_merges > 0)
    {
      json_builder_set_member_name (builder, "merges");
      json_builder_add_int_value (builder, issue->n_merges);
    }

  if (g_hash_table_size (issue->pack_base) == 0 && g_hash_table_size (issue->report_base) == 0)
    {
      json_builder_end_object (builder);
      return json_builder_get_root (builder);
    }

  json_builder_set_member_name (builder, "base");
  json_builder_begin_object (builder);
  /* Template order, so that the same state is written the same way */
  for (guint i = 0; i < st_template_get_n_items (template); i++)
    {
      const StItem *item = st_template_get_item (template, i);
      const StPackState *pack_side = g_hash_table_lookup (issue->pack_base, item->id);
      const StPackState *report_side = g_hash_table_lookup (issue->report_base, item->id);

      if (pack_side == NULL && report_side == NULL)
        continue;
      json_builder_set_member_name (builder, item->id);
      json_builder_begin_object (builder);
      if (pack_side != NULL)
        {
          json_builder_set_member_name (builder, "pack");
          build_state (builder, pack_side, template, TRUE);
        }
      if (report_side != NULL)
        {
          json_builder_set_member_name (builder, "report");
          build_state (builder, report_side, template, FALSE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

StPackIssue *
st_pack_issue_find (StReport    *report,
                    const char  *id,
                    GError     **error)
{
  JsonArray *issued = st_report_get_issued_packs (report);

  for (guint i = 0; issued != NULL && id != NULL && i < json_array_get_length (issued); i++)
    {
      JsonNode *node = json_array_get_element (issued, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *path = NULL;

      if (object == NULL || g_strcmp0 (json_object_get_string_member_with_default (object, "id", NULL), id) != 0)
        continue;
      path = g_strdup_printf ("$.issued-packs[%u]", i);
      return parse_issue (node, path, error);
    }

  g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
               _("The report has no record of issuing the pack “%s”"), id != NULL ? id : "");
  return NULL;
}

static void
set_base (GHashTable *base,
          StReport   *report,
          const char *respondent_id)
{
  g_hash_table_remove_all (base);
  for (guint i = 0; i < st_report_get_n_submissions (report); i++)
    {
      StSubmission *submission = st_report_get_submission (report, i);

      if (g_strcmp0 (st_submission_get_respondent_id (submission), respondent_id) != 0)
        continue;
      g_hash_table_insert (base, g_strdup (st_submission_get_item_id (submission)),
                           st_pack_state_new (submission));
    }
}

void
st_pack_issue_set_base (StPackIssue *issue,
                        StReport    *pack,
                        StReport    *report)
{
  set_base (issue->pack_base, pack, issue->respondent_id);
  set_base (issue->report_base, report, issue->respondent_id);
}

void
st_pack_issue_store (StPackIssue *issue,
                     StReport    *report)
{
  JsonArray *old = st_report_get_issued_packs (report);
  g_autoptr(JsonArray) issued = json_array_new ();
  gboolean replaced = FALSE;

  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    {
      JsonNode *node = json_array_get_element (old, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (object != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (object, "id", NULL), issue->id) == 0)
        {
          json_array_add_element (issued, build_issue (issue, st_report_get_template (report)));
          replaced = TRUE;
        }
      else
        json_array_add_element (issued, json_node_copy (node));
    }
  if (!replaced)
    json_array_add_element (issued, build_issue (issue, st_report_get_template (report)));

  st_report_set_issued_packs (report, issued);
}

/* Public API */

void
st_pack_record_free (StPackRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  g_free (record->respondent_id);
  g_free (record->issued);
  g_free (record->template_fingerprint);
  g_free (record->merged);
  g_free (record);
}

GPtrArray *
st_pack_list_issued (StReport *report)
{
  JsonArray *issued;
  GPtrArray *records;

  g_return_val_if_fail (ST_IS_REPORT (report), NULL);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) st_pack_record_free);
  issued = st_report_get_issued_packs (report);
  for (guint i = 0; issued != NULL && i < json_array_get_length (issued); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.issued-packs[%u]", i);
      g_autoptr(StPackIssue) issue = parse_issue (json_array_get_element (issued, i), path, NULL);
      StPackRecord *record;

      if (issue == NULL)
        continue;
      record = g_new0 (StPackRecord, 1);
      record->id = g_steal_pointer (&issue->id);
      record->respondent_id = g_steal_pointer (&issue->respondent_id);
      record->issued = g_steal_pointer (&issue->issued);
      record->template_fingerprint = g_steal_pointer (&issue->template_fingerprint);
      record->merged = g_steal_pointer (&issue->merged);
      record->n_merges = issue->n_merges;
      g_ptr_array_add (records, record);
    }
  return records;
}

StReport *
st_pack_new (StReport    *report,
             const char  *respondent_id,
             const char  *source_name,
             GError     **error)
{
  g_autoptr(StReport) pack = NULL;
  g_autoptr(StPackIssue) issue = NULL;
  g_autofree char *now = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *fingerprint = NULL;
  StTemplate *template;
  const char * const *disabled;

  g_return_val_if_fail (ST_IS_REPORT (report), NULL);
  g_return_val_if_fail (respondent_id != NULL, NULL);

  template = st_report_get_template (report);

  if (st_report_is_pack (report))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("This is already %s’s department pack: make packs from the full report"),
                   st_report_get_pack_respondent (report));
      return NULL;
    }
  if (st_template_find_respondent (template, respondent_id) == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("The template has no respondent “%s”"), respondent_id);
      return NULL;
    }

  now = st_history_now ();
  uuid = g_uuid_string_random ();
  fingerprint = st_pack_fingerprint (template);

  pack = st_report_new (template);
  st_report_set_round (pack, st_report_get_round (report));
  st_report_set_updated (pack, st_report_get_updated (report));
  disabled = st_report_get_disabled_rules (report);
  for (guint i = 0; disabled[i] != NULL; i++)
    st_report_set_rule_enabled (pack, disabled[i], FALSE);
  st_report_set_pack (pack, respondent_id, now, source_name);
  st_report_set_pack_identity (pack, uuid, fingerprint);

  for (guint i = 0; i < st_report_get_n_submissions (report); i++)
    {
      StSubmission *submission = st_report_get_submission (report, i);
      g_autoptr(StSubmission) copy = NULL;

      if (g_strcmp0 (st_submission_get_respondent_id (submission), respondent_id) != 0)
        continue;
      copy = st_submission_copy (submission);
      if (!st_report_add_submission (pack, copy, error))
        return NULL;
    }

  issue = issue_new ();
  issue->id = g_strdup (uuid);
  issue->respondent_id = g_strdup (respondent_id);
  issue->issued = g_strdup (now);
  issue->template_fingerprint = g_strdup (fingerprint);
  st_pack_issue_set_base (issue, pack, report);
  st_pack_issue_store (issue, report);

  return g_steal_pointer (&pack);
}
