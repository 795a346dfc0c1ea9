/* st-issues.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "st-issues.h"

/* Counts by submission ("R\x1fI"), by what is about the submission as a
 * whole ("R\x1fI\x1f") and by section ("R\x1fI\x1fS"). They change with
 * each finding added or taken away, so that typing, which changes a few
 * findings, does not count all of them again */
typedef struct {
  guint errors;
  guint warnings;
  guint infos;
} Counts;

struct _StIssues
{
  GObject      parent_instance;

  StReport    *report;
  StValidator *validator;
  GListStore  *findings;     /* of StFinding, in order */
  GHashTable  *counts;       /* key → Counts, kept in step with the findings */
  Counts       totals;
};

G_DEFINE_FINAL_TYPE (StIssues, st_issues, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The validator's order: respondent and item in template order, the
 * submission's own findings, then sections in template order, offset,
 * rule */
static int
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  StIssues *self = user_data;
  StTemplate *template = st_report_get_template (self->report);
  StFinding *fa = (StFinding *) a, *fb = (StFinding *) b;
  const StRespondent *ra = st_template_find_respondent (template, st_finding_get_respondent_id (fa));
  const StRespondent *rb = st_template_find_respondent (template, st_finding_get_respondent_id (fb));
  const StItem *ia = st_template_find_item (template, st_finding_get_item_id (fa));
  const StItem *ib = st_template_find_item (template, st_finding_get_item_id (fb));
  const char *sa = st_finding_get_section_id (fa), *sb = st_finding_get_section_id (fb);
  const StSection *section_a, *section_b;
  guint ka, kb;

  ka = ra != NULL ? ra->index : G_MAXUINT;
  kb = rb != NULL ? rb->index : G_MAXUINT;
  if (ka != kb)
    return ka < kb ? -1 : 1;
  ka = ia != NULL ? ia->index : G_MAXUINT;
  kb = ib != NULL ? ib->index : G_MAXUINT;
  if (ka != kb)
    return ka < kb ? -1 : 1;
  if ((sa == NULL) != (sb == NULL))
    return sa == NULL ? -1 : 1;
  if (sa != NULL)
    {
      section_a = st_template_find_section (template, sa);
      section_b = st_template_find_section (template, sb);
      ka = section_a != NULL ? section_a->index : G_MAXUINT;
      kb = section_b != NULL ? section_b->index : G_MAXUINT;
      if (ka != kb)
        return ka < kb ? -1 : 1;
    }
  if (st_finding_get_start (fa) != st_finding_get_start (fb))
    return st_finding_get_start (fa) < st_finding_get_start (fb) ? -1 : 1;
  return g_strcmp0 (st_finding_get_rule_id (fa), st_finding_get_rule_id (fb));
}

static void
add_to (Counts     *counts,
        StSeverity  severity,
        int         delta)
{
  if (severity == ST_SEVERITY_ERROR)
    counts->errors += delta;
  else if (severity == ST_SEVERITY_WARNING)
    counts->warnings += delta;
  else
    counts->infos += delta;
}

static void
add_count (GHashTable *counts,
           char       *key,
           StSeverity  severity,
           int         delta)
{
  Counts *entry = g_hash_table_lookup (counts, key);

  if (entry == NULL)
    {
      entry = g_new0 (Counts, 1);
      g_hash_table_insert (counts, key, entry);
    }
  else
    g_free (key);
  add_to (entry, severity, delta);
}

/* Counts @finding in (@delta 1) or out (-1) */
static void
count_finding (StIssues  *self,
               StFinding *finding,
               int        delta)
{
  const char *respondent_id = st_finding_get_respondent_id (finding);
  const char *item_id = st_finding_get_item_id (finding);
  const char *section_id = st_finding_get_section_id (finding);
  StSeverity severity = st_finding_get_severity (finding);

  add_count (self->counts, g_strconcat (respondent_id, "\x1f", item_id, NULL), severity, delta);
  add_count (self->counts,
             g_strconcat (respondent_id, "\x1f", item_id, "\x1f", section_id != NULL ? section_id : "", NULL),
             severity, delta);
  add_to (&self->totals, severity, delta);
}

static void
count_all_again (StIssues  *self,
                 GPtrArray *findings)
{
  g_hash_table_remove_all (self->counts);
  memset (&self->totals, 0, sizeof self->totals);
  for (guint i = 0; i < findings->len; i++)
    count_finding (self, g_ptr_array_index (findings, i), 1);
}

static gboolean
finding_in (StFinding  *finding,
            const char *respondent_id,
            const char *item_id)
{
  return g_strcmp0 (st_finding_get_respondent_id (finding), respondent_id) == 0 &&
         g_strcmp0 (st_finding_get_item_id (finding), item_id) == 0;
}

/* Where the findings about @respondent_id and @item_id start: the findings
 * are sorted by respondent and item first, so they are next to each other.
 * G_MAXUINT for a place the template does not have: such findings sort
 * together whatever their place, so they are not next to each other. */
static guint
first_about (StIssues   *self,
             const char *respondent_id,
             const char *item_id)
{
  StTemplate *template = st_report_get_template (self->report);
  const StRespondent *respondent = st_template_find_respondent (template, respondent_id);
  const StItem *item = st_template_find_item (template, item_id);
  guint want_r = respondent != NULL ? respondent->index : G_MAXUINT;
  guint want_i = item != NULL ? item->index : G_MAXUINT;
  guint low = 0, high = g_list_model_get_n_items (G_LIST_MODEL (self->findings));

  if (respondent == NULL || item == NULL)
    return G_MAXUINT;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(StFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), middle);
      const StRespondent *r = st_template_find_respondent (template, st_finding_get_respondent_id (finding));
      const StItem *i = st_template_find_item (template, st_finding_get_item_id (finding));
      guint have_r = r != NULL ? r->index : G_MAXUINT;
      guint have_i = i != NULL ? i->index : G_MAXUINT;

      if (have_r < want_r || (have_r == want_r && have_i < want_i))
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static int
compare_finding_pointers (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  return compare_findings (*(StFinding * const *) a, *(StFinding * const *) b, user_data);
}

/* replace() for a submission whose findings are the run from @first on:
 * the run is spliced once, so that the lists showing the findings hear
 * of one change, not one for each finding of a return that was merged
 * whole */
static void
replace_run (StIssues   *self,
             guint       first,
             const char *respondent_id,
             const char *item_id,
             gboolean  (*goes) (StFinding *finding, gconstpointer data),
             gconstpointer data,
             GPtrArray  *fresh)
{
  GListModel *model = G_LIST_MODEL (self->findings);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_object_unref);
  guint end = first;
  guint removed = 0, added = 0;

  for (; end < n; end++)
    {
      g_autoptr(StFinding) finding = g_list_model_get_item (model, end);

      if (!finding_in (finding, respondent_id, item_id))
        break;
      if (goes (finding, data))
        {
          count_finding (self, finding, -1);
          removed++;
        }
      else
        g_ptr_array_add (run, g_steal_pointer (&finding));
    }
  for (guint j = 0; j < fresh->len; j++)
    {
      StFinding *finding = g_ptr_array_index (fresh, j);

      if (goes (finding, data))
        {
          count_finding (self, finding, 1);
          g_ptr_array_add (run, g_object_ref (finding));
          added++;
        }
    }
  if (removed == 0 && added == 0)
    return;

  /* Stable: findings that compare equal keep their order */
  g_ptr_array_sort_with_data (run, compare_finding_pointers, self);
  g_list_store_splice (self->findings, first, end - first, run->pdata, run->len);
}

/* Replaces the findings that @goes says go with those in @fresh. The counts
 * change before the store does, so that whoever hears the store change
 * counts what it holds. */
static void
replace (StIssues   *self,
         const char *respondent_id,
         const char *item_id,
         gboolean  (*goes) (StFinding *finding, gconstpointer data),
         gconstpointer data,
         GPtrArray  *fresh)
{
  GListModel *model = G_LIST_MODEL (self->findings);
  guint first = first_about (self, respondent_id, item_id);
  guint i = first != G_MAXUINT ? first : 0;

  if (first != G_MAXUINT)
    {
      replace_run (self, first, respondent_id, item_id, goes, data, fresh);
      return;
    }

  while (i < g_list_model_get_n_items (model))
    {
      g_autoptr(StFinding) finding = g_list_model_get_item (model, i);

      if (!finding_in (finding, respondent_id, item_id))
        {
          if (first != G_MAXUINT)
            break;
          i++;
          continue;
        }
      if (goes (finding, data))
        {
          count_finding (self, finding, -1);
          g_list_store_remove (self->findings, i);
        }
      else
        i++;
    }
  for (guint j = 0; j < fresh->len; j++)
    {
      StFinding *finding = g_ptr_array_index (fresh, j);

      if (goes (finding, data))
        {
          count_finding (self, finding, 1);
          g_list_store_insert_sorted (self->findings, finding, compare_findings, self);
        }
    }
}

static gboolean
in_section (StFinding     *finding,
            gconstpointer  data)
{
  return g_strcmp0 (st_finding_get_section_id (finding), data) == 0;
}

static gboolean
about_submission (StFinding     *finding,
                  gconstpointer  data)
{
  return st_finding_get_section_id (finding) == NULL;
}

static gboolean
anything (StFinding     *finding,
          gconstpointer  data)
{
  return TRUE;
}

void
st_issues_revalidate (StIssues *self)
{
  g_autoptr(GPtrArray) findings = NULL;

  g_return_if_fail (ST_IS_ISSUES (self));

  findings = st_validator_validate_report (self->validator);
  count_all_again (self, findings);
  g_list_store_splice (self->findings, 0, g_list_model_get_n_items (G_LIST_MODEL (self->findings)),
                       findings->pdata, findings->len);
  g_signal_emit (self, signals[CHANGED], 0, NULL, NULL);
}

static void
on_report_changed (StIssues     *self,
                   StSubmission *submission,
                   const char   *section_id,
                   StReport     *report)
{
  const char *respondent_id, *item_id;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) whole = NULL;

  if (submission == NULL)
    {
      st_issues_revalidate (self);
      return;
    }

  respondent_id = st_submission_get_respondent_id (submission);
  item_id = st_submission_get_item_id (submission);
  whole = st_validator_validate_submission (self->validator, respondent_id, item_id);

  if (section_id != NULL)
    {
      /* Typing: only the section, and what it changes about the
       * submission as a whole (answered or not) */
      fresh = st_validator_validate_section (self->validator, respondent_id, item_id, section_id);
      replace (self, respondent_id, item_id, in_section, section_id, fresh);
      replace (self, respondent_id, item_id, about_submission, NULL, whole);
    }
  else
    replace (self, respondent_id, item_id, anything, NULL, whole);

  g_signal_emit (self, signals[CHANGED], 0, respondent_id, item_id);
}

static void
st_issues_dispose (GObject *object)
{
  StIssues *self = (StIssues *)object;

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  g_clear_object (&self->validator);
  g_clear_object (&self->report);
  g_clear_object (&self->findings);
  g_clear_pointer (&self->counts, g_hash_table_unref);

  G_OBJECT_CLASS (st_issues_parent_class)->dispose (object);
}

static void
st_issues_constructed (GObject *object)
{
  StIssues *self = ST_ISSUES (object);

  G_OBJECT_CLASS (st_issues_parent_class)->constructed (object);

  self->validator = st_validator_new (self->report);
  self->findings = g_list_store_new (ST_TYPE_FINDING);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_signal_connect_object (self->report, "changed", G_CALLBACK (on_report_changed), self, G_CONNECT_SWAPPED);
  st_issues_revalidate (self);
}

static void
st_issues_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  StIssues *self = ST_ISSUES (object);

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
st_issues_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  StIssues *self = ST_ISSUES (object);

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
st_issues_class_init (StIssuesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = st_issues_constructed;
  object_class->dispose = st_issues_dispose;
  object_class->get_property = st_issues_get_property;
  object_class->set_property = st_issues_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, ST_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StIssues::changed:
   * @respondent_id: (nullable): the department, or %NULL for everything
   * @item_id: (nullable): the action, or %NULL for everything
   *
   * The findings about a submission, or about the whole report, changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
st_issues_init (StIssues *self)
{
}

StIssues *
st_issues_new (StReport *report)
{
  g_return_val_if_fail (ST_IS_REPORT (report), NULL);

  return g_object_new (ST_TYPE_ISSUES, "report", report, NULL);
}

StReport *
st_issues_get_report (StIssues *self)
{
  g_return_val_if_fail (ST_IS_ISSUES (self), NULL);
  return self->report;
}

StValidator *
st_issues_get_validator (StIssues *self)
{
  g_return_val_if_fail (ST_IS_ISSUES (self), NULL);
  return self->validator;
}

GListModel *
st_issues_get_model (StIssues *self)
{
  g_return_val_if_fail (ST_IS_ISSUES (self), NULL);
  return G_LIST_MODEL (self->findings);
}

void
st_issues_count (StIssues   *self,
                 const char *respondent_id,
                 const char *item_id,
                 const char *section_id,
                 guint      *errors,
                 guint      *warnings,
                 guint      *infos)
{
  g_autofree char *key = NULL;
  Counts *counts;

  g_return_if_fail (ST_IS_ISSUES (self));
  g_return_if_fail (respondent_id != NULL && item_id != NULL);

  if (section_id == NULL)
    key = g_strconcat (respondent_id, "\x1f", item_id, NULL);
  else
    key = g_strconcat (respondent_id, "\x1f", item_id, "\x1f", section_id, NULL);
  counts = g_hash_table_lookup (self->counts, key);

  if (errors != NULL)
    *errors = counts != NULL ? counts->errors : 0;
  if (warnings != NULL)
    *warnings = counts != NULL ? counts->warnings : 0;
  if (infos != NULL)
    *infos = counts != NULL ? counts->infos : 0;
}

void
st_issues_count_current (StIssues   *self,
                         const char *respondent_id,
                         const char *item_id,
                         guint      *errors,
                         guint      *warnings,
                         guint      *infos)
{
  StTemplate *template;
  const StItem *item;
  g_autoptr(GPtrArray) sections = NULL;
  guint round;
  guint e, w, n;

  g_return_if_fail (ST_IS_ISSUES (self));

  /* What is about the submission as a whole… */
  st_issues_count (self, respondent_id, item_id, "", &e, &w, &n);

  /* …and about the sections the round being collected asks for */
  template = st_report_get_template (self->report);
  item = st_template_find_item (template, item_id);
  round = st_report_get_round (self->report);
  if (item != NULL)
    sections = st_template_item_sections (template, item, round);
  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (sections, i);
      guint se, sw, sn;

      if (section->round != round)
        continue;
      st_issues_count (self, respondent_id, item_id, section->id, &se, &sw, &sn);
      e += se;
      w += sw;
      n += sn;
    }

  if (errors != NULL)
    *errors = e;
  if (warnings != NULL)
    *warnings = w;
  if (infos != NULL)
    *infos = n;
}

GPtrArray *
st_issues_list_section (StIssues   *self,
                        const char *respondent_id,
                        const char *item_id,
                        const char *section_id)
{
  GListModel *model;
  GPtrArray *found;
  guint n_items, first;

  g_return_val_if_fail (ST_IS_ISSUES (self), NULL);
  g_return_val_if_fail (respondent_id != NULL && item_id != NULL && section_id != NULL, NULL);

  found = g_ptr_array_new_with_free_func (g_object_unref);
  model = G_LIST_MODEL (self->findings);
  n_items = g_list_model_get_n_items (model);
  /* A submission's findings are next to each other, unless it is in a
   * place the template does not have */
  first = first_about (self, respondent_id, item_id);
  for (guint i = first != G_MAXUINT ? first : 0; i < n_items; i++)
    {
      g_autoptr(StFinding) finding = g_list_model_get_item (model, i);

      if (!finding_in (finding, respondent_id, item_id))
        {
          if (first != G_MAXUINT)
            break;
          continue;
        }
      if (in_section (finding, section_id))
        g_ptr_array_add (found, g_steal_pointer (&finding));
    }
  return found;
}

void
st_issues_count_all (StIssues *self,
                     guint    *errors,
                     guint    *warnings,
                     guint    *infos)
{
  g_return_if_fail (ST_IS_ISSUES (self));

  if (errors != NULL)
    *errors = self->totals.errors;
  if (warnings != NULL)
    *warnings = self->totals.warnings;
  if (infos != NULL)
    *infos = self->totals.infos;
}
