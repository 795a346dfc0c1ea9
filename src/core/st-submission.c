/* st-submission.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "st-submission.h"

struct _StSubmission
{
  GObject     parent_instance;

  char       *respondent_id;
  char       *item_id;
  GHashTable *texts;            /* section id → text */
  char       *not_applicable;   /* reason, or NULL */
  StStatus    status;
  GPtrArray  *comments;         /* StComment* */
  GPtrArray  *history;          /* StHistoryEntry* */
};

G_DEFINE_FINAL_TYPE (StSubmission, st_submission, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RESPONDENT_ID,
  PROP_ITEM_ID,
  PROP_STATUS,
  PROP_NOT_APPLICABLE,
  N_PROPS
};

enum {
  SECTION_CHANGED,
  COMMENTS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

StComment *
st_comment_new (const char *id,
                const char *section,
                const char *author,
                const char *time,
                const char *text,
                const char *reply_to,
                gboolean    resolved)
{
  StComment *comment = g_new0 (StComment, 1);

  comment->id = g_strdup (id);
  comment->section = g_strdup (section);
  comment->author = g_strdup (author);
  comment->time = g_strdup (time);
  comment->text = g_strdup (text);
  comment->reply_to = g_strdup (reply_to);
  comment->resolved = !!resolved;
  return comment;
}

StComment *
st_comment_copy (const StComment *comment)
{
  return st_comment_new (comment->id, comment->section, comment->author,
                         comment->time, comment->text, comment->reply_to,
                         comment->resolved);
}

void
st_comment_free (StComment *comment)
{
  if (comment == NULL)
    return;
  g_free (comment->id);
  g_free (comment->section);
  g_free (comment->author);
  g_free (comment->time);
  g_free (comment->text);
  g_free (comment->reply_to);
  g_free (comment);
}

StHistoryEntry *
st_history_entry_new (const char *author,
                      const char *time,
                      const char *section,
                      const char *what,
                      const char *old_text,
                      const char *new_text)
{
  StHistoryEntry *entry = g_new0 (StHistoryEntry, 1);

  entry->author = g_strdup (author);
  entry->time = g_strdup (time);
  entry->section = g_strdup (section);
  entry->what = g_strdup (what);
  entry->old_text = g_strdup (old_text);
  entry->new_text = g_strdup (new_text);
  return entry;
}

StHistoryEntry *
st_history_entry_copy (const StHistoryEntry *entry)
{
  return st_history_entry_new (entry->author, entry->time, entry->section,
                               entry->what, entry->old_text, entry->new_text);
}

void
st_history_entry_free (StHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->author);
  g_free (entry->time);
  g_free (entry->section);
  g_free (entry->what);
  g_free (entry->old_text);
  g_free (entry->new_text);
  g_free (entry);
}

static void
st_submission_finalize (GObject *object)
{
  StSubmission *self = (StSubmission *)object;

  g_clear_pointer (&self->respondent_id, g_free);
  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->not_applicable, g_free);
  g_clear_pointer (&self->comments, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);

  G_OBJECT_CLASS (st_submission_parent_class)->finalize (object);
}

static void
st_submission_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StSubmission *self = ST_SUBMISSION (object);

  switch (prop_id)
    {
    case PROP_RESPONDENT_ID:
      g_value_set_string (value, self->respondent_id);
      break;

    case PROP_ITEM_ID:
      g_value_set_string (value, self->item_id);
      break;

    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;

    case PROP_NOT_APPLICABLE:
      g_value_set_boolean (value, self->not_applicable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_submission_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StSubmission *self = ST_SUBMISSION (object);

  switch (prop_id)
    {
    case PROP_RESPONDENT_ID:
      self->respondent_id = g_value_dup_string (value);
      break;

    case PROP_ITEM_ID:
      self->item_id = g_value_dup_string (value);
      break;

    case PROP_STATUS:
      st_submission_set_status (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_submission_class_init (StSubmissionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = st_submission_finalize;
  object_class->get_property = st_submission_get_property;
  object_class->set_property = st_submission_set_property;

  properties[PROP_RESPONDENT_ID] =
    g_param_spec_string ("respondent-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL,
                       ST_STATUS_DRAFT, ST_STATUS_PUBLISHED, ST_STATUS_DRAFT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOT_APPLICABLE] =
    g_param_spec_boolean ("not-applicable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StSubmission::section-changed:
   * @section_id: (nullable): the section whose text changed, or %NULL when
   *   the not-applicable reason changed
   */
  signals[SECTION_CHANGED] =
    g_signal_new ("section-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * StSubmission::comments-changed:
   *
   * Emitted when a comment is added or marked resolved or unresolved
   */
  signals[COMMENTS_CHANGED] =
    g_signal_new ("comments-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
st_submission_init (StSubmission *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) st_comment_free);
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) st_history_entry_free);
}

StSubmission *
st_submission_new (const char *respondent_id,
                   const char *item_id)
{
  g_return_val_if_fail (respondent_id != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  return g_object_new (ST_TYPE_SUBMISSION,
                       "respondent-id", respondent_id,
                       "item-id", item_id,
                       NULL);
}

StSubmission *
st_submission_copy (StSubmission *self)
{
  StSubmission *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (ST_IS_SUBMISSION (self), NULL);

  copy = st_submission_new (self->respondent_id, self->item_id);
  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->texts, g_strdup (key), g_strdup (value));
  copy->not_applicable = g_strdup (self->not_applicable);
  copy->status = self->status;
  for (guint i = 0; i < self->comments->len; i++)
    g_ptr_array_add (copy->comments, st_comment_copy (g_ptr_array_index (self->comments, i)));
  for (guint i = 0; i < self->history->len; i++)
    g_ptr_array_add (copy->history, st_history_entry_copy (g_ptr_array_index (self->history, i)));

  return copy;
}

static gboolean
comment_equal (const StComment *a,
               const StComment *b)
{
  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->section, b->section) == 0 &&
         g_strcmp0 (a->author, b->author) == 0 &&
         g_strcmp0 (a->time, b->time) == 0 &&
         g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->reply_to, b->reply_to) == 0 &&
         a->resolved == b->resolved;
}

static gboolean
history_entry_equal (const StHistoryEntry *a,
                     const StHistoryEntry *b)
{
  return g_strcmp0 (a->author, b->author) == 0 &&
         g_strcmp0 (a->time, b->time) == 0 &&
         g_strcmp0 (a->section, b->section) == 0 &&
         g_strcmp0 (a->what, b->what) == 0 &&
         g_strcmp0 (a->old_text, b->old_text) == 0 &&
         g_strcmp0 (a->new_text, b->new_text) == 0;
}

gboolean
st_submission_equal (StSubmission *a,
                     StSubmission *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (ST_IS_SUBMISSION (a), FALSE);
  g_return_val_if_fail (ST_IS_SUBMISSION (b), FALSE);

  if (g_strcmp0 (a->respondent_id, b->respondent_id) != 0 ||
      g_strcmp0 (a->item_id, b->item_id) != 0 ||
      g_strcmp0 (a->not_applicable, b->not_applicable) != 0 ||
      a->status != b->status ||
      g_hash_table_size (a->texts) != g_hash_table_size (b->texts) ||
      a->comments->len != b->comments->len ||
      a->history->len != b->history->len)
    return FALSE;

  g_hash_table_iter_init (&iter, a->texts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b->texts, key)) != 0)
      return FALSE;

  for (guint i = 0; i < a->comments->len; i++)
    if (!comment_equal (g_ptr_array_index (a->comments, i), g_ptr_array_index (b->comments, i)))
      return FALSE;

  for (guint i = 0; i < a->history->len; i++)
    if (!history_entry_equal (g_ptr_array_index (a->history, i), g_ptr_array_index (b->history, i)))
      return FALSE;

  return TRUE;
}

const char *
st_submission_get_respondent_id (StSubmission *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION (self), NULL);
  return self->respondent_id;
}

const char *
st_submission_get_item_id (StSubmission *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION (self), NULL);
  return self->item_id;
}

const char *
st_submission_get_text (StSubmission *self,
                        const char   *section_id)
{
  g_return_val_if_fail (ST_IS_SUBMISSION (self), NULL);
  g_return_val_if_fail (section_id != NULL, NULL);
  return g_hash_table_lookup (self->texts, section_id);
}

gboolean
st_submission_set_text (StSubmission *self,
                        const char   *section_id,
                        const char   *text)
{
  const char *old;

  g_return_val_if_fail (ST_IS_SUBMISSION (self), FALSE);
  g_return_val_if_fail (section_id != NULL, FALSE);

  if (text != NULL && *text == '\0')
    text = NULL;

  old = g_hash_table_lookup (self->texts, section_id);
  if (g_strcmp0 (old, text) == 0)
    return FALSE;

  if (text == NULL)
    g_hash_table_remove (self->texts, section_id);
  else
    g_hash_table_insert (self->texts, g_strdup (section_id), g_strdup (text));

  g_signal_emit (self, signals[SECTION_CHANGED], 0, section_id);
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
st_submission_list_sections (StSubmission *self)
{
  GPtrArray *ids;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (ST_IS_SUBMISSION (self), NULL);

  ids = g_ptr_array_sized_new (g_hash_table_size (self->texts));
  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_strings);
  return ids;
}

gboolean
st_submission_has_text (StSubmission *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION (self), FALSE);
  return g_hash_table_size (self->texts) > 0;
}

gboolean
st_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
st_submission_get_not_applicable (StSubmission *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION (self), FALSE);
  return self->not_applicable != NULL;
}

const char *
st_submission_get_not_applicable_reason (StSubmission *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION (self), NULL);
  return self->not_applicable;
}

void
st_submission_set_not_applicable (StSubmission *self,
                                  const char   *reason)
{
  gboolean was;

  g_return_if_fail (ST_IS_SUBMISSION (self));

  if (g_strcmp0 (self->not_applicable, reason) == 0)
    return;

  was = self->not_applicable != NULL;
  g_free (self->not_applicable);
  self->not_applicable = g_strdup (reason);

  if (was != (reason != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOT_APPLICABLE]);
  g_signal_emit (self, signals[SECTION_CHANGED], 0, NULL);
}

StStatus
st_submission_get_status (StSubmission *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION (self), ST_STATUS_DRAFT);
  return self->status;
}

void
st_submission_set_status (StSubmission *self,
                          StStatus      status)
{
  g_return_if_fail (ST_IS_SUBMISSION (self));
  g_return_if_fail (status <= ST_STATUS_PUBLISHED);

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

GPtrArray *
st_submission_get_comments (StSubmission *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION (self), NULL);
  return self->comments;
}

void
st_submission_add_comment (StSubmission *self,
                           StComment    *comment)
{
  g_return_if_fail (ST_IS_SUBMISSION (self));
  g_return_if_fail (comment != NULL);
  g_ptr_array_add (self->comments, comment);
  g_signal_emit (self, signals[COMMENTS_CHANGED], 0);
}

gboolean
st_submission_set_comment_resolved (StSubmission *self,
                                    const char   *comment_id,
                                    gboolean      resolved)
{
  g_return_val_if_fail (ST_IS_SUBMISSION (self), FALSE);
  g_return_val_if_fail (comment_id != NULL, FALSE);

  for (guint i = 0; i < self->comments->len; i++)
    {
      StComment *comment = g_ptr_array_index (self->comments, i);

      if (g_strcmp0 (comment->id, comment_id) != 0)
        continue;
      if (comment->resolved == !!resolved)
        return FALSE;
      comment->resolved = !!resolved;
      g_signal_emit (self, signals[COMMENTS_CHANGED], 0);
      return TRUE;
    }
  return FALSE;
}

GPtrArray *
st_submission_get_history (StSubmission *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION (self), NULL);
  return self->history;
}

void
st_submission_add_history (StSubmission   *self,
                           StHistoryEntry *entry)
{
  g_return_if_fail (ST_IS_SUBMISSION (self));
  g_return_if_fail (entry != NULL);
  g_ptr_array_add (self->history, entry);
}
