/* st-history.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-history.h"

/* The texts of one submission at the last save */
typedef struct {
  GHashTable *sections;         /* section id → text */
  char       *not_applicable;   /* the reason, or NULL */
} Snapshot;

struct _StHistory
{
  GObject     parent_instance;

  StReport   *report;
  GHashTable *snapshots;        /* "respondent\x1fitem" → Snapshot* */
};

G_DEFINE_FINAL_TYPE (StHistory, st_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
st_history_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

char *
st_history_default_author (void)
{
  const char *real_name = g_get_real_name ();

  if (real_name != NULL && *real_name != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);
  return g_strdup (g_get_user_name ());
}

void
st_version_free (StVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->text);
  g_free (version->author);
  g_free (version->time);
  g_free (version->what);
  g_free (version);
}

/* Whether @entry changes the text of @section_id (NULL: the
 * not-applicable reason) */
static gboolean
entry_changes (const StHistoryEntry *entry,
               const char           *section_id)
{
  if (section_id == NULL)
    return entry->section == NULL && g_strcmp0 (entry->what, ST_HISTORY_NOT_APPLICABLE) == 0;
  return g_strcmp0 (entry->section, section_id) == 0 &&
         (g_strcmp0 (entry->what, ST_HISTORY_EDIT) == 0 ||
          g_strcmp0 (entry->what, ST_HISTORY_MERGE) == 0);
}

static const char *
current_text (StSubmission *submission,
              const char   *section_id)
{
  if (section_id == NULL)
    return st_submission_get_not_applicable_reason (submission);
  return st_submission_get_text (submission, section_id);
}

static void
push_version (GPtrArray  *versions,
              const char *text,
              const char *author,
              const char *time,
              const char *what,
              gboolean    saved)
{
  StVersion *version;

  if (versions->len > 0)
    {
      StVersion *last = g_ptr_array_index (versions, versions->len - 1);

      if (g_strcmp0 (last->text, text) == 0)
        return;
    }

  version = g_new0 (StVersion, 1);
  version->text = g_strdup (text);
  version->author = g_strdup (author);
  version->time = g_strdup (time);
  version->what = g_strdup (what);
  version->saved = saved;
  g_ptr_array_add (versions, version);
}

static gboolean
has_version (GPtrArray  *versions,
             const char *text)
{
  for (guint i = 0; i < versions->len; i++)
    {
      const StVersion *version = g_ptr_array_index (versions, i);

      if (g_strcmp0 (version->text, text) == 0)
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
st_history_list_versions (StSubmission *submission,
                          const char   *section_id)
{
  GPtrArray *history, *versions;

  g_return_val_if_fail (ST_IS_SUBMISSION (submission), NULL);

  history = st_submission_get_history (submission);
  versions = g_ptr_array_new_with_free_func ((GDestroyNotify) st_version_free);

  for (guint i = 0; i < history->len; i++)
    {
      const StHistoryEntry *entry = g_ptr_array_index (history, i);

      if (!entry_changes (entry, section_id))
        continue;
      /* The text before the change: the first version, or one that a
       * change nobody recorded made. A change may also start from an
       * earlier version rather than the last: a merge records the
       * report's text before it, while the department's own saves,
       * which came in with its pack just before, already lead on from
       * there; and a department's save in its pack starts from the text
       * it was issued with, even when the report has changed since.
       * Neither is a version of its own. */
      if (versions->len == 0 || !has_version (versions, entry->old_text))
        push_version (versions, entry->old_text, NULL, NULL, NULL, TRUE);
      push_version (versions, entry->new_text, entry->author, entry->time, entry->what, TRUE);
    }

  push_version (versions, current_text (submission, section_id), NULL, NULL, NULL, versions->len == 0);
  return versions;
}

gboolean
st_history_get_approved_text (StSubmission  *submission,
                              const char    *section_id,
                              char         **text)
{
  GPtrArray *history;
  const StHistoryEntry *before = NULL, *after = NULL;
  guint approved = G_MAXUINT;

  g_return_val_if_fail (ST_IS_SUBMISSION (submission), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  *text = NULL;
  history = st_submission_get_history (submission);
  for (guint i = history->len; i-- > 0;)
    {
      const StHistoryEntry *entry = g_ptr_array_index (history, i);

      if (g_strcmp0 (entry->what, ST_HISTORY_STATUS) == 0 &&
          g_strcmp0 (entry->new_text, st_status_to_string (ST_STATUS_APPROVED)) == 0)
        {
          approved = i;
          break;
        }
    }
  if (approved == G_MAXUINT)
    return FALSE;

  /* The text after the last change before the approval, or else before
   * the first change after it, or else the text now */
  for (guint i = 0; i < history->len; i++)
    {
      const StHistoryEntry *entry = g_ptr_array_index (history, i);

      if (!entry_changes (entry, section_id))
        continue;
      if (i < approved)
        before = entry;
      else if (after == NULL)
        after = entry;
    }

  if (before != NULL)
    *text = g_strdup (before->new_text);
  else if (after != NULL)
    *text = g_strdup (after->old_text);
  else
    *text = g_strdup (current_text (submission, section_id));
  return TRUE;
}

GPtrArray *
st_history_diff_versions (StSubmission *submission,
                          const char   *section_id,
                          guint         from,
                          guint         to)
{
  g_autoptr(GPtrArray) versions = NULL;
  const StVersion *a, *b;

  g_return_val_if_fail (ST_IS_SUBMISSION (submission), NULL);

  versions = st_history_list_versions (submission, section_id);
  if (from >= versions->len || to >= versions->len)
    return NULL;
  a = g_ptr_array_index (versions, from);
  b = g_ptr_array_index (versions, to);
  return st_diff_words (a->text, b->text);
}

GPtrArray *
st_history_diff_since_approved (StSubmission *submission,
                                const char   *section_id)
{
  g_autofree char *approved = NULL;

  g_return_val_if_fail (ST_IS_SUBMISSION (submission), NULL);

  if (!st_history_get_approved_text (submission, section_id, &approved))
    return NULL;
  return st_diff_words (approved, current_text (submission, section_id));
}

/* The object */

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->sections, g_hash_table_unref);
  g_free (snapshot->not_applicable);
  g_free (snapshot);
}

static char *
make_key (StSubmission *submission)
{
  return g_strconcat (st_submission_get_respondent_id (submission), "\x1f",
                      st_submission_get_item_id (submission), NULL);
}

static Snapshot *
snapshot_new (StSubmission *submission)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  g_autoptr(GPtrArray) ids = st_submission_list_sections (submission);

  snapshot->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      g_hash_table_insert (snapshot->sections, g_strdup (id),
                           g_strdup (st_submission_get_text (submission, id)));
    }
  snapshot->not_applicable = g_strdup (st_submission_get_not_applicable_reason (submission));
  return snapshot;
}

static void
st_history_finalize (GObject *object)
{
  StHistory *self = (StHistory *)object;

  g_clear_object (&self->report);
  g_clear_pointer (&self->snapshots, g_hash_table_unref);

  G_OBJECT_CLASS (st_history_parent_class)->finalize (object);
}

static void
st_history_constructed (GObject *object)
{
  StHistory *self = ST_HISTORY (object);

  G_OBJECT_CLASS (st_history_parent_class)->constructed (object);

  g_assert (ST_IS_REPORT (self->report));
  st_history_take_snapshot (self, NULL);
}

static void
st_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  StHistory *self = ST_HISTORY (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  StHistory *self = ST_HISTORY (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_history_class_init (StHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = st_history_constructed;
  object_class->finalize = st_history_finalize;
  object_class->get_property = st_history_get_property;
  object_class->set_property = st_history_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, ST_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
st_history_init (StHistory *self)
{
  self->snapshots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) snapshot_free);
}

StHistory *
st_history_new (StReport *report)
{
  g_return_val_if_fail (ST_IS_REPORT (report), NULL);

  return g_object_new (ST_TYPE_HISTORY,
                       "report", report,
                       NULL);
}

StReport *
st_history_get_report (StHistory *self)
{
  g_return_val_if_fail (ST_IS_HISTORY (self), NULL);
  return self->report;
}

void
st_history_take_snapshot (StHistory *self,
                          StReport  *state)
{
  g_return_if_fail (ST_IS_HISTORY (self));
  g_return_if_fail (state == NULL || ST_IS_REPORT (state));

  if (state == NULL)
    state = self->report;

  g_hash_table_remove_all (self->snapshots);
  for (guint i = 0; i < st_report_get_n_submissions (state); i++)
    {
      StSubmission *submission = st_report_get_submission (state, i);

      g_hash_table_insert (self->snapshots, make_key (submission), snapshot_new (submission));
    }
}

/* The last recorded change of a section, or NULL */
static const StHistoryEntry *
last_change (StSubmission *submission,
             const char   *section_id)
{
  GPtrArray *history = st_submission_get_history (submission);

  for (guint i = history->len; i-- > 0;)
    {
      const StHistoryEntry *entry = g_ptr_array_index (history, i);

      if (entry_changes (entry, section_id))
        return entry;
    }
  return NULL;
}

/* Compares one submission with its snapshot; with @author, records each
 * change. Returns the number of changes (recorded or not). */
static guint
compare_submission (StSubmission *submission,
                    Snapshot     *snapshot,
                    StTemplate   *template,
                    const char   *author,
                    const char   *now)
{
  guint changes = 0;
  const char *old_reason = snapshot != NULL ? snapshot->not_applicable : NULL;
  const char *new_reason = st_submission_get_not_applicable_reason (submission);

  if (g_strcmp0 (old_reason, new_reason) != 0)
    {
      const StHistoryEntry *last = last_change (submission, NULL);

      changes++;
      if (author != NULL && (last == NULL || g_strcmp0 (last->new_text, new_reason) != 0))
        st_submission_add_history (submission,
                                   st_history_entry_new (author, now, NULL, ST_HISTORY_NOT_APPLICABLE,
                                                         old_reason, new_reason));
    }

  /* Template order, so entries read like the page */
  for (guint i = 0; i < st_template_get_n_sections (template); i++)
    {
      const StSection *section = st_template_get_section (template, i);
      const char *old_text = snapshot != NULL ? g_hash_table_lookup (snapshot->sections, section->id) : NULL;
      const char *new_text = st_submission_get_text (submission, section->id);
      const StHistoryEntry *last;

      if (g_strcmp0 (old_text, new_text) == 0)
        continue;

      changes++;
      if (author == NULL)
        continue;
      last = last_change (submission, section->id);
      if (last != NULL && g_strcmp0 (last->new_text, new_text) == 0)
        continue;
      st_submission_add_history (submission,
                                 st_history_entry_new (author, now, section->id, ST_HISTORY_EDIT,
                                                       old_text, new_text));
    }

  return changes;
}

static guint
compare (StHistory  *self,
         const char *author)
{
  StTemplate *template = st_report_get_template (self->report);
  g_autofree char *now = author != NULL ? st_history_now () : NULL;
  guint changes = 0;
  guint seen = 0;

  for (guint i = 0; i < st_report_get_n_submissions (self->report); i++)
    {
      StSubmission *submission = st_report_get_submission (self->report, i);
      g_autofree char *key = make_key (submission);
      Snapshot *snapshot = g_hash_table_lookup (self->snapshots, key);

      if (snapshot != NULL)
        seen++;
      changes += compare_submission (submission, snapshot, template, author, now);
    }

  /* A submission removed since the save has lost its text; it has no
   * history left to record that in */
  if (seen < g_hash_table_size (self->snapshots))
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->snapshots);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Snapshot *snapshot = value;
          g_auto(GStrv) ids = g_strsplit (key, "\x1f", 2);

          if (st_report_lookup_submission (self->report, ids[0], ids[1]) == NULL &&
              (g_hash_table_size (snapshot->sections) > 0 || snapshot->not_applicable != NULL))
            changes++;
        }
    }

  return changes;
}

gboolean
st_history_has_changes (StHistory *self)
{
  g_return_val_if_fail (ST_IS_HISTORY (self), FALSE);
  return compare (self, NULL) > 0;
}

guint
st_history_record (StHistory  *self,
                   const char *author)
{
  guint before = 0, after = 0;

  g_return_val_if_fail (ST_IS_HISTORY (self), 0);

  for (guint i = 0; i < st_report_get_n_submissions (self->report); i++)
    before += st_submission_get_history (st_report_get_submission (self->report, i))->len;

  compare (self, author != NULL ? author : "");

  for (guint i = 0; i < st_report_get_n_submissions (self->report); i++)
    after += st_submission_get_history (st_report_get_submission (self->report, i))->len;

  st_history_take_snapshot (self, NULL);
  return after - before;
}

guint
st_history_record_submission (StHistory    *self,
                              StSubmission *submission,
                              const char   *author)
{
  g_autofree char *key = NULL;
  g_autofree char *now = NULL;
  guint before;

  g_return_val_if_fail (ST_IS_HISTORY (self), 0);
  g_return_val_if_fail (ST_IS_SUBMISSION (submission), 0);

  key = make_key (submission);
  now = st_history_now ();
  before = st_submission_get_history (submission)->len;
  compare_submission (submission, g_hash_table_lookup (self->snapshots, key),
                      st_report_get_template (self->report), author != NULL ? author : "", now);
  g_hash_table_insert (self->snapshots, g_steal_pointer (&key), snapshot_new (submission));
  return st_submission_get_history (submission)->len - before;
}
