/* st-report.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "st-history.h"
#include "st-json-private.h"
#include "st-output-private.h"
#include "st-report.h"

struct _StReport
{
  GObject      parent_instance;

  StTemplate  *template;
  GDate        updated;
  guint        round;
  GHashTable  *preamble;        /* section id → text */
  GPtrArray   *submissions;     /* StSubmission*, in template order */
  GHashTable  *by_key;          /* "respondent\x1fitem" → StSubmission* */
  GPtrArray   *disabled_rules;  /* char*, sorted, NULL-terminated */

  char        *pack_respondent;
  char        *pack_issued;
  char        *pack_source;
  char        *pack_id;
  char        *pack_template;
  JsonArray   *issued_packs;    /* or NULL: see st-pack.c */

  /* ::changed held back by st_report_freeze_changed() */
  guint        freeze_count;
  GPtrArray   *pending;         /* StSubmission*, each once, in order */
  gboolean     pending_whole;   /* the report as a whole changed */
  gboolean     pending_record;  /* only the record of issued packs changed */
};

G_DEFINE_FINAL_TYPE (StReport, st_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEMPLATE,
  PROP_ROUND,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
make_key (const char *respondent_id,
          const char *item_id)
{
  return g_strconcat (respondent_id, "\x1f", item_id, NULL);
}

static void
st_report_dispose (GObject *object)
{
  StReport *self = (StReport *)object;

  if (self->submissions != NULL)
    {
      for (guint i = 0; i < self->submissions->len; i++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->submissions, i), self);
    }

  G_OBJECT_CLASS (st_report_parent_class)->dispose (object);
}

static void
st_report_finalize (GObject *object)
{
  StReport *self = (StReport *)object;

  g_clear_object (&self->template);
  g_clear_pointer (&self->preamble, g_hash_table_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->submissions, g_ptr_array_unref);
  g_clear_pointer (&self->disabled_rules, g_ptr_array_unref);
  g_clear_pointer (&self->pack_respondent, g_free);
  g_clear_pointer (&self->pack_issued, g_free);
  g_clear_pointer (&self->pack_source, g_free);
  g_clear_pointer (&self->pack_id, g_free);
  g_clear_pointer (&self->pack_template, g_free);
  g_clear_pointer (&self->issued_packs, json_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (st_report_parent_class)->finalize (object);
}

static void
st_report_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  StReport *self = ST_REPORT (object);

  switch (prop_id)
    {
    case PROP_TEMPLATE:
      g_value_set_object (value, self->template);
      break;

    case PROP_ROUND:
      g_value_set_uint (value, self->round);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_report_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  StReport *self = ST_REPORT (object);

  switch (prop_id)
    {
    case PROP_TEMPLATE:
      self->template = g_value_dup_object (value);
      break;

    case PROP_ROUND:
      st_report_set_round (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_report_constructed (GObject *object)
{
  StReport *self = ST_REPORT (object);

  G_OBJECT_CLASS (st_report_parent_class)->constructed (object);

  g_assert (ST_IS_TEMPLATE (self->template));
  /* A new report collects the latest round the template has */
  self->round = st_template_get_n_rounds (self->template) - 1;
}

static void
st_report_class_init (StReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = st_report_constructed;
  object_class->dispose = st_report_dispose;
  object_class->finalize = st_report_finalize;
  object_class->get_property = st_report_get_property;
  object_class->set_property = st_report_set_property;

  properties[PROP_TEMPLATE] =
    g_param_spec_object ("template", NULL, NULL, ST_TYPE_TEMPLATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUND] =
    g_param_spec_uint ("round", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StReport::changed:
   * @submission: (nullable): the submission that changed, or %NULL for the
   *   report as a whole (its date, round, preamble or submissions added)
   * @section_id: (nullable): the section whose text changed, if any
   *
   * Emitted for every change to the report's content, so a window can mark
   * itself modified and views can refresh what they show.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, ST_TYPE_SUBMISSION, G_TYPE_STRING);
}

static void
st_report_init (StReport *self)
{
  g_date_clear (&self->updated, 1);
  self->preamble = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->submissions = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->disabled_rules = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->disabled_rules, NULL);
}

StReport *
st_report_new (StTemplate *template)
{
  g_return_val_if_fail (ST_IS_TEMPLATE (template), NULL);

  return g_object_new (ST_TYPE_REPORT,
                       "template", template,
                       NULL);
}

static void
emit_changed (StReport     *self,
              StSubmission *submission,
              const char   *section_id)
{
  if (self->freeze_count > 0)
    {
      if (submission == NULL)
        self->pending_whole = TRUE;
      else if (!self->pending_whole && !g_ptr_array_find (self->pending, submission, NULL))
        g_ptr_array_add (self->pending, g_object_ref (submission));
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0, submission, section_id);
}

void
st_report_freeze_changed (StReport *self)
{
  g_return_if_fail (ST_IS_REPORT (self));

  if (self->freeze_count++ == 0 && self->pending == NULL)
    self->pending = g_ptr_array_new_with_free_func (g_object_unref);
}

void
st_report_thaw_changed (StReport *self)
{
  g_autoptr(GPtrArray) pending = NULL;
  gboolean whole;

  g_return_if_fail (ST_IS_REPORT (self));
  g_return_if_fail (self->freeze_count > 0);

  if (--self->freeze_count > 0)
    return;

  /* Handlers may change the report again: that is emitted as usual */
  pending = g_steal_pointer (&self->pending);
  whole = self->pending_whole;
  /* The record of issued packs is in no view: the submissions' changes
   * made with it say that the report changed, unless there were none */
  if (self->pending_record && pending->len == 0)
    whole = TRUE;
  self->pending_whole = FALSE;
  self->pending_record = FALSE;

  if (whole)
    {
      emit_changed (self, NULL, NULL);
      return;
    }
  /* A submission added, replaced or removed made the change whole, so
   * each of these is still in the report */
  for (guint i = 0; i < pending->len; i++)
    emit_changed (self, g_ptr_array_index (pending, i), NULL);
}

static void
on_section_changed (StSubmission *submission,
                    const char   *section_id,
                    StReport     *self)
{
  emit_changed (self, submission, section_id);
}

static void
on_comments_changed (StSubmission *submission,
                     StReport     *self)
{
  emit_changed (self, submission, NULL);
}

static void
on_status_changed (StSubmission *submission,
                   GParamSpec   *pspec,
                   StReport     *self)
{
  emit_changed (self, submission, NULL);
}

/* Where a submission goes so the array stays in template order */
static guint
order_of (StReport     *self,
          StSubmission *submission)
{
  const StRespondent *respondent;
  const StItem *item;

  respondent = st_template_find_respondent (self->template, st_submission_get_respondent_id (submission));
  item = st_template_find_item (self->template, st_submission_get_item_id (submission));
  return respondent->index * st_template_get_n_items (self->template) + item->index;
}

static void
insert_submission (StReport     *self,
                   StSubmission *submission)
{
  guint order = order_of (self, submission);
  guint lo = 0, hi = self->submissions->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (order_of (self, g_ptr_array_index (self->submissions, mid)) < order)
        lo = mid + 1;
      else
        hi = mid;
    }

  g_ptr_array_insert (self->submissions, lo, g_object_ref (submission));
  g_hash_table_insert (self->by_key,
                       make_key (st_submission_get_respondent_id (submission),
                                 st_submission_get_item_id (submission)),
                       submission);
  g_signal_connect_object (submission, "section-changed", G_CALLBACK (on_section_changed), self, 0);
  g_signal_connect_object (submission, "notify::status", G_CALLBACK (on_status_changed), self, 0);
  g_signal_connect_object (submission, "comments-changed", G_CALLBACK (on_comments_changed), self, 0);
}

StTemplate *
st_report_get_template (StReport *self)
{
  g_return_val_if_fail (ST_IS_REPORT (self), NULL);
  return self->template;
}

GDate *
st_report_get_updated (StReport *self)
{
  g_return_val_if_fail (ST_IS_REPORT (self), NULL);
  return g_date_valid (&self->updated) ? &self->updated : NULL;
}

void
st_report_set_updated (StReport    *self,
                       const GDate *date)
{
  g_return_if_fail (ST_IS_REPORT (self));

  if (date != NULL && g_date_valid (date))
    {
      if (g_date_valid (&self->updated) && g_date_compare (&self->updated, date) == 0)
        return;
      self->updated = *date;
    }
  else
    {
      if (!g_date_valid (&self->updated))
        return;
      g_date_clear (&self->updated, 1);
    }
  emit_changed (self, NULL, NULL);
}

guint
st_report_get_round (StReport *self)
{
  g_return_val_if_fail (ST_IS_REPORT (self), 0);
  return self->round;
}

void
st_report_set_round (StReport *self,
                     guint     round)
{
  g_return_if_fail (ST_IS_REPORT (self));
  g_return_if_fail (self->template == NULL || round < st_template_get_n_rounds (self->template));

  if (self->round == round)
    return;
  self->round = round;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
  emit_changed (self, NULL, NULL);
}

gboolean
st_report_start_new_round (StReport     *self,
                           const GDate  *updated,
                           const char   *author,
                           GError      **error)
{
  g_autoptr(StTemplate) template = NULL;
  g_autofree char *time = NULL;
  GDate date;

  g_return_val_if_fail (ST_IS_REPORT (self), FALSE);
  g_return_val_if_fail (updated == NULL || g_date_valid (updated), FALSE);
  g_return_val_if_fail (author != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->pack_respondent != NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("This is %s’s pack: only the central team starts a new round, in the full report"),
                   self->pack_respondent);
      return FALSE;
    }

  /* A round the template has already, or a new one a year on */
  if (self->round + 1 >= st_template_get_n_rounds (self->template))
    {
      template = st_template_new_with_next_round (self->template, error);
      if (template == NULL)
        return FALSE;
    }

  if (updated != NULL)
    date = *updated;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (template != NULL)
    {
      g_set_object (&self->template, template);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
    }
  self->round++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
  self->updated = date;

  /* Every department answers the new round afresh: what was submitted,
   * approved or published was so for the round before */
  time = st_history_now ();
  for (guint i = 0; i < self->submissions->len; i++)
    {
      StSubmission *submission = g_ptr_array_index (self->submissions, i);
      StStatus status = st_submission_get_status (submission);

      if (status == ST_STATUS_DRAFT)
        continue;
      st_submission_add_history (submission,
                                 st_history_entry_new (author, time, NULL, ST_HISTORY_STATUS,
                                                       st_status_to_string (status),
                                                       st_status_to_string (ST_STATUS_DRAFT)));
      st_submission_set_status (submission, ST_STATUS_DRAFT);
    }

  g_object_thaw_notify (G_OBJECT (self));
  emit_changed (self, NULL, NULL);
  return TRUE;
}

const char *
st_report_get_preamble_text (StReport   *self,
                             const char *section_id)
{
  g_return_val_if_fail (ST_IS_REPORT (self), NULL);
  return g_hash_table_lookup (self->preamble, section_id);
}

void
st_report_set_preamble_text (StReport   *self,
                             const char *section_id,
                             const char *text)
{
  g_return_if_fail (ST_IS_REPORT (self));
  g_return_if_fail (section_id != NULL);

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (g_hash_table_lookup (self->preamble, section_id), text) == 0)
    return;
  if (text == NULL)
    g_hash_table_remove (self->preamble, section_id);
  else
    g_hash_table_insert (self->preamble, g_strdup (section_id), g_strdup (text));
  emit_changed (self, NULL, section_id);
}

guint
st_report_get_n_submissions (StReport *self)
{
  g_return_val_if_fail (ST_IS_REPORT (self), 0);
  return self->submissions->len;
}

StSubmission *
st_report_get_submission (StReport *self,
                          guint     index)
{
  g_return_val_if_fail (ST_IS_REPORT (self), NULL);
  g_return_val_if_fail (index < self->submissions->len, NULL);
  return g_ptr_array_index (self->submissions, index);
}

StSubmission *
st_report_lookup_submission (StReport   *self,
                             const char *respondent_id,
                             const char *item_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (ST_IS_REPORT (self), NULL);

  if (respondent_id == NULL || item_id == NULL)
    return NULL;
  key = make_key (respondent_id, item_id);
  return g_hash_table_lookup (self->by_key, key);
}

StSubmission *
st_report_ensure_submission (StReport   *self,
                             const char *respondent_id,
                             const char *item_id)
{
  g_autoptr(StSubmission) submission = NULL;
  StSubmission *existing;

  g_return_val_if_fail (ST_IS_REPORT (self), NULL);

  if ((existing = st_report_lookup_submission (self, respondent_id, item_id)))
    return existing;
  if (st_template_find_respondent (self->template, respondent_id) == NULL ||
      st_template_find_item (self->template, item_id) == NULL)
    return NULL;
  if (self->pack_respondent != NULL && g_strcmp0 (respondent_id, self->pack_respondent) != 0)
    return NULL;

  submission = st_submission_new (respondent_id, item_id);
  insert_submission (self, submission);
  emit_changed (self, NULL, NULL);
  return submission;
}

gboolean
st_report_add_submission (StReport      *self,
                          StSubmission  *submission,
                          GError       **error)
{
  const char *respondent_id, *item_id;

  g_return_val_if_fail (ST_IS_REPORT (self), FALSE);
  g_return_val_if_fail (ST_IS_SUBMISSION (submission), FALSE);

  respondent_id = st_submission_get_respondent_id (submission);
  item_id = st_submission_get_item_id (submission);

  if (st_template_find_respondent (self->template, respondent_id) == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("The template has no respondent “%s”"), respondent_id);
      return FALSE;
    }
  if (st_template_find_item (self->template, item_id) == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("The template has no item “%s”"), item_id);
      return FALSE;
    }
  if (self->pack_respondent != NULL && g_strcmp0 (respondent_id, self->pack_respondent) != 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("This is %s’s pack: it cannot hold %s’s submissions"),
                   self->pack_respondent, respondent_id);
      return FALSE;
    }

  if (st_report_lookup_submission (self, respondent_id, item_id) != submission)
    {
      g_object_ref (submission);
      st_report_remove_submission (self, respondent_id, item_id);
      insert_submission (self, submission);
      g_object_unref (submission);
    }
  emit_changed (self, NULL, NULL);
  return TRUE;
}

void
st_report_remove_submission (StReport   *self,
                             const char *respondent_id,
                             const char *item_id)
{
  g_autofree char *key = NULL;
  StSubmission *submission;

  g_return_if_fail (ST_IS_REPORT (self));

  key = make_key (respondent_id, item_id);
  submission = g_hash_table_lookup (self->by_key, key);
  if (submission == NULL)
    return;

  g_signal_handlers_disconnect_by_data (submission, self);
  g_hash_table_remove (self->by_key, key);
  g_ptr_array_remove (self->submissions, submission);
  emit_changed (self, NULL, NULL);
}

void
st_report_count_sections (StReport *self,
                          guint    *filled,
                          guint    *total)
{
  guint n_items, n_respondents;
  guint f = 0, t = 0;

  g_return_if_fail (ST_IS_REPORT (self));

  n_items = st_template_get_n_items (self->template);
  n_respondents = st_template_get_n_respondents (self->template);

  for (guint i = 0; i < n_items; i++)
    {
      const StItem *item = st_template_get_item (self->template, i);
      g_autoptr(GPtrArray) sections = st_template_item_sections (self->template, item, self->round);

      for (guint r = 0; r < n_respondents; r++)
        {
          const StRespondent *respondent = st_template_get_respondent (self->template, r);
          StSubmission *submission = st_report_lookup_submission (self, respondent->id, item->id);

          t += sections->len;
          if (submission == NULL)
            continue;
          for (guint s = 0; s < sections->len; s++)
            {
              const StSection *section = g_ptr_array_index (sections, s);

              if (st_submission_get_text (submission, section->id) != NULL)
                f++;
            }
        }
    }

  if (filled != NULL)
    *filled = f;
  if (total != NULL)
    *total = t;
}

const char * const *
st_report_get_disabled_rules (StReport *self)
{
  g_return_val_if_fail (ST_IS_REPORT (self), NULL);
  return (const char * const *) self->disabled_rules->pdata;
}

gboolean
st_report_rule_enabled (StReport   *self,
                        const char *rule_id)
{
  g_return_val_if_fail (ST_IS_REPORT (self), TRUE);
  return !g_strv_contains ((const char * const *) self->disabled_rules->pdata, rule_id);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  const char *sa = *(const char * const *) a;
  const char *sb = *(const char * const *) b;

  /* The NULL terminator sorts last */
  if (sa == NULL || sb == NULL)
    return (sa == NULL) - (sb == NULL);
  return strcmp (sa, sb);
}

void
st_report_set_rule_enabled (StReport   *self,
                            const char *rule_id,
                            gboolean    enabled)
{
  guint index;

  g_return_if_fail (ST_IS_REPORT (self));
  g_return_if_fail (rule_id != NULL);

  if (enabled == st_report_rule_enabled (self, rule_id))
    return;

  if (enabled)
    {
      g_ptr_array_find_with_equal_func (self->disabled_rules, rule_id, g_str_equal, &index);
      g_ptr_array_remove_index (self->disabled_rules, index);
    }
  else
    {
      g_ptr_array_add (self->disabled_rules, g_strdup (rule_id));
      g_ptr_array_sort (self->disabled_rules, compare_strings);
    }
  emit_changed (self, NULL, NULL);
}

const char *
st_report_get_pack_respondent (StReport *self)
{
  g_return_val_if_fail (ST_IS_REPORT (self), NULL);
  return self->pack_respondent;
}

const char *
st_report_get_pack_issued (StReport *self)
{
  g_return_val_if_fail (ST_IS_REPORT (self), NULL);
  return self->pack_issued;
}

const char *
st_report_get_pack_source (StReport *self)
{
  g_return_val_if_fail (ST_IS_REPORT (self), NULL);
  return self->pack_source;
}

void
st_report_set_pack (StReport   *self,
                    const char *respondent_id,
                    const char *issued,
                    const char *source)
{
  g_return_if_fail (ST_IS_REPORT (self));

  g_free (self->pack_respondent);
  g_free (self->pack_issued);
  g_free (self->pack_source);
  self->pack_respondent = g_strdup (respondent_id);
  self->pack_issued = respondent_id != NULL ? g_strdup (issued) : NULL;
  self->pack_source = respondent_id != NULL ? g_strdup (source) : NULL;
  if (respondent_id == NULL)
    {
      g_clear_pointer (&self->pack_id, g_free);
      g_clear_pointer (&self->pack_template, g_free);
    }
  emit_changed (self, NULL, NULL);
}

gboolean
st_report_is_pack (StReport *self)
{
  g_return_val_if_fail (ST_IS_REPORT (self), FALSE);
  return self->pack_respondent != NULL;
}

const char *
st_report_get_pack_id (StReport *self)
{
  g_return_val_if_fail (ST_IS_REPORT (self), NULL);
  return self->pack_id;
}

const char *
st_report_get_pack_template (StReport *self)
{
  g_return_val_if_fail (ST_IS_REPORT (self), NULL);
  return self->pack_template;
}

void
st_report_set_pack_identity (StReport   *self,
                             const char *id,
                             const char *template_fingerprint)
{
  g_return_if_fail (ST_IS_REPORT (self));
  g_return_if_fail (self->pack_respondent != NULL || (id == NULL && template_fingerprint == NULL));

  g_free (self->pack_id);
  g_free (self->pack_template);
  self->pack_id = g_strdup (id);
  self->pack_template = g_strdup (template_fingerprint);
  emit_changed (self, NULL, NULL);
}

JsonArray *
st_report_get_issued_packs (StReport *self)
{
  g_return_val_if_fail (ST_IS_REPORT (self), NULL);
  return self->issued_packs;
}

void
st_report_set_issued_packs (StReport  *self,
                            JsonArray *issued)
{
  g_return_if_fail (ST_IS_REPORT (self));

  if (issued != NULL)
    json_array_ref (issued);
  g_clear_pointer (&self->issued_packs, json_array_unref);
  if (issued != NULL && json_array_get_length (issued) > 0)
    self->issued_packs = issued;
  else if (issued != NULL)
    json_array_unref (issued);
  if (self->freeze_count > 0)
    self->pending_record = TRUE;
  else
    emit_changed (self, NULL, NULL);
}

gboolean
st_report_equal (StReport *a,
                 StReport *b)
{
  g_autofree char *data_a = NULL;
  g_autofree char *data_b = NULL;

  g_return_val_if_fail (ST_IS_REPORT (a), FALSE);
  g_return_val_if_fail (ST_IS_REPORT (b), FALSE);

  if (a->submissions->len != b->submissions->len)
    return FALSE;
  for (guint i = 0; i < a->submissions->len; i++)
    if (!st_submission_equal (g_ptr_array_index (a->submissions, i),
                              g_ptr_array_index (b->submissions, i)))
      return FALSE;

  /* The rest is small: compare what would be saved */
  data_a = st_report_to_data (a, NULL);
  data_b = st_report_to_data (b, NULL);
  return g_str_equal (data_a, data_b);
}

/* Loading */

typedef struct {
  StReport        *report;
  StErrorLocation *location;
  GError         **error;
} Ctx;

static gboolean
parse_sections (Ctx          *ctx,
                StSubmission *submission,
                JsonObject   *object,
                const char   *path)
{
  JsonObjectIter iter;
  const char *section_id;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &section_id, &node))
    {
      const StSection *section = st_template_find_section (ctx->report->template, section_id);

      /* The member's path is made only for an error: a large report has
       * tens of thousands of sections */
      if (section == NULL || section->round == G_MAXUINT)
        {
          g_autofree char *member_path = g_strdup_printf ("%s.sections[\"%s\"]", path, section_id);

          st_json_set_error (ctx->location, ctx->error, member_path,
                             _("the template has no section “%s”"), section_id);
          return FALSE;
        }
      if (json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *member_path = g_strdup_printf ("%s.sections[\"%s\"]", path, section_id);

          st_json_set_error (ctx->location, ctx->error, member_path,
                             _("expected %s"), _("a string"));
          return FALSE;
        }
      st_submission_set_text (submission, section_id, json_node_get_string (node));
    }
  return TRUE;
}

static gboolean
parse_comments (Ctx          *ctx,
                StSubmission *submission,
                JsonArray    *comments,
                const char   *path)
{
  for (guint i = 0; comments != NULL && i < json_array_get_length (comments); i++)
    {
      g_autofree char *comment_path = g_strdup_printf ("%s.comments[%u]", path, i);
      const char *id, *section, *author, *time, *text, *reply_to;
      gboolean resolved;
      JsonObject *object;

      if (!(object = st_json_object (json_array_get_element (comments, i), comment_path,
                                     ctx->location, ctx->error)) ||
          !st_json_get_string (object, comment_path, "id", TRUE, &id, ctx->location, ctx->error) ||
          !st_json_get_string (object, comment_path, "section", FALSE, &section, ctx->location, ctx->error) ||
          !st_json_get_string (object, comment_path, "author", FALSE, &author, ctx->location, ctx->error) ||
          !st_json_get_string (object, comment_path, "time", FALSE, &time, ctx->location, ctx->error) ||
          !st_json_get_string (object, comment_path, "text", TRUE, &text, ctx->location, ctx->error) ||
          !st_json_get_string (object, comment_path, "reply-to", FALSE, &reply_to, ctx->location, ctx->error) ||
          !st_json_get_bool (object, comment_path, "resolved", &resolved, ctx->location, ctx->error))
        return FALSE;

      if (section != NULL && st_template_find_section (ctx->report->template, section) == NULL)
        {
          g_autofree char *full = g_strdup_printf ("%s.section", comment_path);
          st_json_set_error (ctx->location, ctx->error, full,
                             _("the template has no section “%s”"), section);
          return FALSE;
        }

      st_submission_add_comment (submission,
                                 st_comment_new (id, section, author, time, text,
                                                 reply_to, resolved));
    }
  return TRUE;
}

static gboolean
parse_history (Ctx          *ctx,
               StSubmission *submission,
               JsonArray    *history,
               const char   *path)
{
  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      g_autofree char *entry_path = g_strdup_printf ("%s.history[%u]", path, i);
      const char *author, *time, *section, *what, *old_text, *new_text;
      JsonObject *object;

      if (!(object = st_json_object (json_array_get_element (history, i), entry_path,
                                     ctx->location, ctx->error)) ||
          !st_json_get_string (object, entry_path, "author", FALSE, &author, ctx->location, ctx->error) ||
          !st_json_get_string (object, entry_path, "time", TRUE, &time, ctx->location, ctx->error) ||
          !st_json_get_string (object, entry_path, "section", FALSE, &section, ctx->location, ctx->error) ||
          !st_json_get_string (object, entry_path, "what", TRUE, &what, ctx->location, ctx->error) ||
          !st_json_get_string (object, entry_path, "old", FALSE, &old_text, ctx->location, ctx->error) ||
          !st_json_get_string (object, entry_path, "new", FALSE, &new_text, ctx->location, ctx->error))
        return FALSE;

      st_submission_add_history (submission,
                                 st_history_entry_new (author, time, section, what,
                                                       old_text, new_text));
    }
  return TRUE;
}

static gboolean
parse_submission (Ctx        *ctx,
                  JsonNode   *node,
                  const char *path)
{
  g_autoptr(StSubmission) submission = NULL;
  const char *respondent_id, *item_id, *status_str, *not_applicable;
  JsonObject *object, *sections;
  JsonArray *comments, *history;
  StStatus status = ST_STATUS_DRAFT;

  if (!(object = st_json_object (node, path, ctx->location, ctx->error)) ||
      !st_json_get_string (object, path, "respondent", TRUE, &respondent_id, ctx->location, ctx->error) ||
      !st_json_get_string (object, path, "item", TRUE, &item_id, ctx->location, ctx->error) ||
      !st_json_get_string (object, path, "status", FALSE, &status_str, ctx->location, ctx->error) ||
      !st_json_get_string (object, path, "not-applicable", FALSE, &not_applicable, ctx->location, ctx->error) ||
      !st_json_get_object (object, path, "sections", FALSE, &sections, ctx->location, ctx->error) ||
      !st_json_get_array (object, path, "comments", FALSE, &comments, ctx->location, ctx->error) ||
      !st_json_get_array (object, path, "history", FALSE, &history, ctx->location, ctx->error))
    return FALSE;

  if (st_template_find_respondent (ctx->report->template, respondent_id) == NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s.respondent", path);
      st_json_set_error (ctx->location, ctx->error, full,
                         _("the template has no respondent “%s”"), respondent_id);
      return FALSE;
    }
  if (st_template_find_item (ctx->report->template, item_id) == NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s.item", path);
      st_json_set_error (ctx->location, ctx->error, full,
                         _("the template has no item “%s”"), item_id);
      return FALSE;
    }
  if (status_str != NULL && !st_status_from_string (status_str, &status))
    {
      g_autofree char *full = g_strdup_printf ("%s.status", path);
      st_json_set_error (ctx->location, ctx->error, full,
                         _("unknown status “%s”: use draft, submitted, returned, approved or published"),
                         status_str);
      return FALSE;
    }
  if (st_report_lookup_submission (ctx->report, respondent_id, item_id) != NULL)
    {
      st_json_set_error (ctx->location, ctx->error, path,
                         _("a second submission for respondent “%s” and item “%s”"),
                         respondent_id, item_id);
      return FALSE;
    }

  submission = st_submission_new (respondent_id, item_id);
  st_submission_set_status (submission, status);
  st_submission_set_not_applicable (submission, not_applicable);

  if (sections != NULL && !parse_sections (ctx, submission, sections, path))
    return FALSE;
  if (!parse_comments (ctx, submission, comments, path) ||
      !parse_history (ctx, submission, history, path))
    return FALSE;

  insert_submission (ctx->report, submission);
  return TRUE;
}

/* Well-formed, but some other JSON: says so in plain words, with what it
 * is instead when it says (a template, say); the JSON path stays in the
 * error's location */
static StReport *
not_a_report (const char  *kind,
              GError     **error)
{
  if (error != NULL && *error != NULL)
    {
      char *message;

      if (kind != NULL)
        /* Translators: %s is a kind of file, such as “stocktake-template” */
        message = g_strdup_printf (_("This file is not a Stocktake report: it is a “%s” file"), kind);
      else
        message = g_strdup (_("This file is not a Stocktake report: it holds data of some other kind"));
      g_free ((*error)->message);
      (*error)->message = message;
    }
  return NULL;
}

/* Takes @root_node apart as it reads it: the caller's own parsed tree */
static StReport *
report_from_json (JsonNode         *root_node,
                  StErrorLocation  *location,
                  GError          **error)
{
  g_autoptr(StTemplate) template = NULL;
  g_autoptr(StReport) self = NULL;
  g_auto(GStrv) disabled = NULL;
  JsonObject *root, *preamble, *pack;
  JsonArray *submissions, *issued_packs;
  const char *format, *updated, *round_id;
  gint64 version;
  Ctx ctx;

  if (!(root = st_json_object (root_node, "$", location, error)) ||
      !st_json_get_string (root, "$", "format", TRUE, &format, location, error))
    return not_a_report (NULL, error);

  if (!g_str_equal (format, ST_REPORT_FORMAT))
    {
      /* Translators: %s is a kind of file, such as “stocktake-template” */
      st_json_set_error (location, error, "$.format", "%s", format);
      return not_a_report (format, error);
    }

  if (!st_json_get_int (root, "$", "version", TRUE, &version, location, error))
    return NULL;

  if (version > ST_REPORT_FORMAT_VERSION)
    {
      if (location != NULL)
        {
          g_free (location->path);
          location->path = g_strdup ("$.version");
        }
      g_set_error (error, ST_ERROR, ST_ERROR_VERSION,
                   _("The report is in format version %lld"
                     ", written by a newer version of Stocktake; this version reads up to version %d"),
                   (long long) version, ST_REPORT_FORMAT_VERSION);
      return NULL;
    }
  if (version < 1)
    {
      st_json_set_error (location, error, "$.version",
                         _("%lld is not a format version"), (long long) version);
      return NULL;
    }

  template = st_template_new_from_json (json_object_get_member (root, "template"),
                                        "$.template", location, error);
  if (template == NULL)
    return NULL;

  self = st_report_new (template);
  ctx = (Ctx) { self, location, error };

  if (!st_json_get_string (root, "$", "updated", FALSE, &updated, location, error) ||
      !st_json_get_string (root, "$", "round", FALSE, &round_id, location, error) ||
      !st_json_get_object (root, "$", "preamble", FALSE, &preamble, location, error) ||
      !st_json_get_strv (root, "$", "disabled-rules", &disabled, location, error) ||
      !st_json_get_object (root, "$", "pack", FALSE, &pack, location, error) ||
      !st_json_get_array (root, "$", "issued-packs", FALSE, &issued_packs, location, error) ||
      !st_json_get_array (root, "$", "submissions", FALSE, &submissions, location, error))
    return NULL;

  if (updated != NULL && !st_parse_date (updated, &self->updated))
    {
      st_json_set_error (location, error, "$.updated",
                         _("“%s” is not a date in the form 2015-01-16"), updated);
      return NULL;
    }

  if (round_id != NULL)
    {
      const StRound *round = st_template_find_round (template, round_id);

      if (round == NULL)
        {
          st_json_set_error (location, error, "$.round",
                             _("the template has no round “%s”"), round_id);
          return NULL;
        }
      self->round = round->index;
    }

  if (preamble != NULL)
    {
      JsonObjectIter iter;
      const char *id;
      JsonNode *node;

      json_object_iter_init (&iter, preamble);
      while (json_object_iter_next (&iter, &id, &node))
        {
          g_autofree char *path = g_strdup_printf ("$.preamble[\"%s\"]", id);
          const StSection *section = st_template_find_section (template, id);

          if (section == NULL || section->round != G_MAXUINT)
            {
              st_json_set_error (location, error, path,
                                 _("the template has no preamble section “%s”"), id);
              return NULL;
            }
          if (json_node_get_value_type (node) != G_TYPE_STRING)
            {
              st_json_set_error (location, error, path, _("expected %s"), _("a string"));
              return NULL;
            }
          st_report_set_preamble_text (self, id, json_node_get_string (node));
        }
    }

  for (guint i = 0; disabled != NULL && disabled[i] != NULL; i++)
    st_report_set_rule_enabled (self, disabled[i], FALSE);

  if (pack != NULL)
    {
      const char *respondent, *issued, *source, *id, *fingerprint;

      if (!st_json_get_string (pack, "$.pack", "respondent", TRUE, &respondent, location, error) ||
          !st_json_get_string (pack, "$.pack", "issued", FALSE, &issued, location, error) ||
          !st_json_get_string (pack, "$.pack", "report", FALSE, &source, location, error) ||
          !st_json_get_string (pack, "$.pack", "id", FALSE, &id, location, error) ||
          !st_json_get_string (pack, "$.pack", "template", FALSE, &fingerprint, location, error))
        return NULL;
      if (st_template_find_respondent (template, respondent) == NULL)
        {
          st_json_set_error (location, error, "$.pack.respondent",
                             _("the template has no respondent “%s”"), respondent);
          return NULL;
        }
      st_report_set_pack (self, respondent, issued, source);
      st_report_set_pack_identity (self, id, fingerprint);
    }

  if (issued_packs != NULL)
    {
      /* Read by st-pack.c; here only its shape: an array of objects */
      for (guint i = 0; i < json_array_get_length (issued_packs); i++)
        {
          g_autofree char *path = g_strdup_printf ("$.issued-packs[%u]", i);

          if (st_json_object (json_array_get_element (issued_packs, i), path, location, error) == NULL)
            return NULL;
        }
      st_report_set_issued_packs (self, issued_packs);
    }

  /* Each submission's part of the tree is dropped once it is read, so
   * that the tree and the report it becomes are not both held whole */
  for (guint i = 0; submissions != NULL && json_array_get_length (submissions) > 0; i++)
    {
      char path[40];

      g_snprintf (path, sizeof path, "$.submissions[%u]", i);
      if (!parse_submission (&ctx, json_array_get_element (submissions, 0), path))
        return NULL;
      json_array_remove_element (submissions, 0);
    }

  return g_steal_pointer (&self);
}

/* Tells a published page, or a file of some other kind, from a damaged
 * report before parsing it */
static JsonNode *
parse_report (const char       *data,
              gsize             length,
              StErrorLocation  *location,
              GError          **error)
{
  switch (st_json_sniff (data, length))
    {
    case ST_JSON_SNIFF_PAGE:
      g_set_error (error, ST_ERROR, ST_ERROR_PAGE,
                   _("This looks like a published page, not a Stocktake report"));
      return NULL;

    case ST_JSON_SNIFF_OTHER:
      g_set_error (error, ST_ERROR, ST_ERROR_STRUCTURE,
                   _("This file is not a Stocktake report"));
      return NULL;

    case ST_JSON_SNIFF_OBJECT:
    default:
      return st_json_parse_full (data, length, ST_JSON_REPORT, location, error);
    }
}

StReport *
st_report_new_from_data (const char       *data,
                         gssize            length,
                         StErrorLocation  *location,
                         GError          **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (!(node = parse_report (data, length, location, error)))
    return NULL;
  return report_from_json (node, location, error);
}

StReport *
st_report_new_from_file (const char       *filename,
                         StErrorLocation  *location,
                         GError          **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize length;

  g_return_val_if_fail (filename != NULL, NULL);

  if (!g_file_get_contents (filename, &data, &length, error))
    return NULL;
  node = parse_report (data, length, location, error);

  /* The tree has copies of the strings: the file's bytes can go before the
   * report is built, so that the three are never held at once */
  g_clear_pointer (&data, g_free);
  if (node == NULL)
    return NULL;
  return report_from_json (node, location, error);
}

/* Saving */

/* The report's JSON, written as it goes with no tree in between: saving
 * the large report took a tree of it and the text of it at once */
static void
write_optional_string (StJsonWriter *writer,
                       const char   *member,
                       const char   *value)
{
  if (value != NULL)
    st_json_writer_add_string (writer, member, value);
}

static void
write_submission (StReport     *self,
                  StJsonWriter *writer,
                  StSubmission *submission)
{
  const StItem *item = st_template_find_item (self->template, st_submission_get_item_id (submission));
  GPtrArray *comments = st_submission_get_comments (submission);
  GPtrArray *history = st_submission_get_history (submission);
  g_autoptr(GPtrArray) with_text = st_submission_list_sections (submission);

  st_json_writer_begin_object (writer, NULL);
  st_json_writer_add_string (writer, "respondent", st_submission_get_respondent_id (submission));
  st_json_writer_add_string (writer, "item", item->id);
  st_json_writer_add_string (writer, "status", st_status_to_string (st_submission_get_status (submission)));
  write_optional_string (writer, "not-applicable", st_submission_get_not_applicable_reason (submission));

  if (with_text->len > 0)
    {
      st_json_writer_begin_object (writer, "sections");
      /* Template order, so the file reads like the published page */
      for (guint i = 0; i < st_template_get_n_sections (self->template); i++)
        {
          const StSection *section = st_template_get_section (self->template, i);

          write_optional_string (writer, section->id, st_submission_get_text (submission, section->id));
        }
      st_json_writer_end_object (writer);
    }

  if (comments->len > 0)
    {
      st_json_writer_begin_array (writer, "comments");
      for (guint i = 0; i < comments->len; i++)
        {
          const StComment *comment = g_ptr_array_index (comments, i);

          st_json_writer_begin_object (writer, NULL);
          write_optional_string (writer, "id", comment->id);
          write_optional_string (writer, "section", comment->section);
          write_optional_string (writer, "author", comment->author);
          write_optional_string (writer, "time", comment->time);
          write_optional_string (writer, "text", comment->text);
          write_optional_string (writer, "reply-to", comment->reply_to);
          st_json_writer_add_boolean (writer, "resolved", comment->resolved);
          st_json_writer_end_object (writer);
        }
      st_json_writer_end_array (writer);
    }

  if (history->len > 0)
    {
      st_json_writer_begin_array (writer, "history");
      for (guint i = 0; i < history->len; i++)
        {
          const StHistoryEntry *entry = g_ptr_array_index (history, i);

          st_json_writer_begin_object (writer, NULL);
          write_optional_string (writer, "author", entry->author);
          write_optional_string (writer, "time", entry->time);
          write_optional_string (writer, "section", entry->section);
          write_optional_string (writer, "what", entry->what);
          write_optional_string (writer, "old", entry->old_text);
          write_optional_string (writer, "new", entry->new_text);
          st_json_writer_end_object (writer);
        }
      st_json_writer_end_array (writer);
    }

  st_json_writer_end_object (writer);
}

static void
write_report (StReport     *self,
              StJsonWriter *writer)
{
  g_autoptr(JsonNode) template = st_template_to_json (self->template);

  st_json_writer_begin_object (writer, NULL);
  st_json_writer_add_string (writer, "format", ST_REPORT_FORMAT);
  st_json_writer_add_int (writer, "version", ST_REPORT_FORMAT_VERSION);

  if (g_date_valid (&self->updated))
    {
      char buf[16];

      g_snprintf (buf, sizeof buf, "%04u-%02u-%02u",
                  g_date_get_year (&self->updated),
                  g_date_get_month (&self->updated),
                  g_date_get_day (&self->updated));
      st_json_writer_add_string (writer, "updated", buf);
    }

  st_json_writer_add_string (writer, "round", st_template_get_round (self->template, self->round)->id);
  st_json_writer_add_node (writer, "template", template);

  if (g_hash_table_size (self->preamble) > 0)
    {
      st_json_writer_begin_object (writer, "preamble");
      for (guint i = 0; i < st_template_get_n_preamble (self->template); i++)
        {
          const StSection *section = st_template_get_preamble (self->template, i);

          write_optional_string (writer, section->id, g_hash_table_lookup (self->preamble, section->id));
        }
      st_json_writer_end_object (writer);
    }

  if (self->disabled_rules->len > 1)
    {
      st_json_writer_begin_array (writer, "disabled-rules");
      for (guint i = 0; i + 1 < self->disabled_rules->len; i++)
        st_json_writer_add_string (writer, NULL, g_ptr_array_index (self->disabled_rules, i));
      st_json_writer_end_array (writer);
    }

  if (self->pack_respondent != NULL)
    {
      st_json_writer_begin_object (writer, "pack");
      write_optional_string (writer, "respondent", self->pack_respondent);
      write_optional_string (writer, "issued", self->pack_issued);
      write_optional_string (writer, "report", self->pack_source);
      write_optional_string (writer, "id", self->pack_id);
      write_optional_string (writer, "template", self->pack_template);
      st_json_writer_end_object (writer);
    }

  if (self->issued_packs != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, self->issued_packs);
      st_json_writer_add_node (writer, "issued-packs", node);
    }

  st_json_writer_begin_array (writer, "submissions");
  for (guint i = 0; i < self->submissions->len; i++)
    write_submission (self, writer, g_ptr_array_index (self->submissions, i));
  st_json_writer_end_array (writer);

  st_json_writer_end_object (writer);
}

char *
st_report_to_data (StReport *self,
                   gsize    *length)
{
  StJsonWriter *writer;

  g_return_val_if_fail (ST_IS_REPORT (self), NULL);

  writer = st_json_writer_new (NULL, NULL);
  write_report (self, writer);
  return st_json_writer_free_to_data (writer, length);
}

/* The same JSON as a tree, read back from the text so that there is one
 * way of writing a report */
JsonNode *
st_report_to_json (StReport *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (ST_IS_REPORT (self), NULL);

  data = st_report_to_data (self, &length);
  if (!json_parser_load_from_data (parser, data, length, &error))
    g_error ("A report's own JSON does not read back: %s", error->message);
  return json_parser_steal_root (parser);
}

static gboolean
write_report_to_stream (GOutputStream *stream,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(StJsonWriter) writer = st_json_writer_new (stream, cancellable);

  write_report (data, writer);
  return st_json_writer_finish (writer, error);
}

gboolean
st_report_save_to_file (StReport    *self,
                        const char  *filename,
                        GError     **error)
{
  g_return_val_if_fail (ST_IS_REPORT (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  /* Into a new file beside the old one, synced and renamed over it: a
   * crash part-way leaves the old file whole */
  return st_output_write_file (filename, 0644, write_report_to_stream, self, NULL, error);
}
