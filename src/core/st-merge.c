/* st-merge.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "st-diff.h"
#include "st-history.h"
#include "st-merge.h"
#include "st-pack-private.h"
#include "st-validator.h"
#include "st-workflow.h"

/* A text the merge sets: a section's, or the not-applicable reason */
typedef struct {
  char *section_id;       /* NULL: the not-applicable reason */
  char *text;
} TextChange;

/* Everything a merge does to one submission */
typedef struct {
  char       *item_id;
  GPtrArray  *texts;        /* TextChange* */
  GPtrArray  *conflicts;    /* StMergeConflict*, owned by the merge */
  GPtrArray  *comments;     /* StComment* of the pack: replies to add */
  GHashTable *resolved;     /* comment id → GINT_TO_POINTER (resolved + 1) */
  guint       history_from; /* the pack's history entries from here on are new */
  StStatus    status;       /* the status it ends with, before an edit of an approved one */
} Plan;

struct _StMerge
{
  GObject      parent_instance;

  StReport    *report;
  StReport    *pack;
  StPackIssue *issue;

  GPtrArray   *problems;    /* char* */
  GPtrArray   *plans;       /* Plan* */
  GPtrArray   *changes;     /* StMergeChange* */
  GPtrArray   *conflicts;   /* StMergeConflict* */

  StReport    *scratch;     /* the pack with the report's rules, for validation */
  StValidator *validator;

  gulong       changed_id;
  gboolean     stale;
  gboolean     applied;
};

G_DEFINE_FINAL_TYPE (StMerge, st_merge, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_PACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
st_merge_choice_to_string (StMergeChoice choice)
{
  switch (choice)
    {
    case ST_MERGE_UNRESOLVED:
      return "unresolved";
    case ST_MERGE_TAKE_REPORT:
      return "report";
    case ST_MERGE_TAKE_PACK:
      return "pack";
    case ST_MERGE_TAKE_CUSTOM:
      return "custom";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
st_merge_choice_from_string (const char    *str,
                             StMergeChoice *choice)
{
  g_return_val_if_fail (choice != NULL, FALSE);

  for (StMergeChoice c = ST_MERGE_UNRESOLVED; c <= ST_MERGE_TAKE_CUSTOM; c++)
    if (g_strcmp0 (str, st_merge_choice_to_string (c)) == 0)
      {
        *choice = c;
        return TRUE;
      }
  return FALSE;
}

static void
conflict_free (StMergeConflict *conflict)
{
  g_free (conflict->respondent_id);
  g_free (conflict->item_id);
  g_free (conflict->section_id);
  g_free (conflict->report_text);
  g_free (conflict->pack_text);
  g_clear_pointer (&conflict->diff, g_ptr_array_unref);
  g_free (conflict->custom_text);
  g_free (conflict);
}

static void
change_free (StMergeChange *change)
{
  g_free (change->respondent_id);
  g_free (change->item_id);
  g_free (change->section_id);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

static void
text_change_free (TextChange *change)
{
  g_free (change->section_id);
  g_free (change->text);
  g_free (change);
}

static void
plan_free (Plan *plan)
{
  g_free (plan->item_id);
  g_clear_pointer (&plan->texts, g_ptr_array_unref);
  g_clear_pointer (&plan->conflicts, g_ptr_array_unref);
  g_clear_pointer (&plan->comments, g_ptr_array_unref);
  g_clear_pointer (&plan->resolved, g_hash_table_unref);
  g_free (plan);
}

static void
st_merge_dispose (GObject *object)
{
  StMerge *self = (StMerge *)object;

  g_clear_signal_handler (&self->changed_id, self->report);
  g_clear_object (&self->validator);
  g_clear_object (&self->scratch);

  G_OBJECT_CLASS (st_merge_parent_class)->dispose (object);
}

static void
st_merge_finalize (GObject *object)
{
  StMerge *self = (StMerge *)object;

  g_clear_object (&self->report);
  g_clear_object (&self->pack);
  g_clear_pointer (&self->issue, st_pack_issue_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);

  G_OBJECT_CLASS (st_merge_parent_class)->finalize (object);
}

static void
st_merge_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  StMerge *self = ST_MERGE (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    case PROP_PACK:
      g_value_set_object (value, self->pack);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_merge_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  StMerge *self = ST_MERGE (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;

    case PROP_PACK:
      self->pack = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void prepare (StMerge *self);

static void
on_report_changed (StReport     *report,
                   StSubmission *submission,
                   const char   *section_id,
                   StMerge      *self)
{
  self->stale = TRUE;
}

static void
st_merge_constructed (GObject *object)
{
  StMerge *self = ST_MERGE (object);

  G_OBJECT_CLASS (st_merge_parent_class)->constructed (object);

  g_assert (ST_IS_REPORT (self->report));
  g_assert (ST_IS_REPORT (self->pack));

  prepare (self);
  self->changed_id = g_signal_connect (self->report, "changed", G_CALLBACK (on_report_changed), self);
}

static void
st_merge_class_init (StMergeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = st_merge_constructed;
  object_class->dispose = st_merge_dispose;
  object_class->finalize = st_merge_finalize;
  object_class->get_property = st_merge_get_property;
  object_class->set_property = st_merge_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, ST_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PACK] =
    g_param_spec_object ("pack", NULL, NULL, ST_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
st_merge_init (StMerge *self)
{
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->plans = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_free);
  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  self->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_free);
}

StMerge *
st_merge_new (StReport *report,
              StReport *pack)
{
  g_return_val_if_fail (ST_IS_REPORT (report), NULL);
  g_return_val_if_fail (ST_IS_REPORT (pack), NULL);

  return g_object_new (ST_TYPE_MERGE,
                       "report", report,
                       "pack", pack,
                       NULL);
}

StReport *
st_merge_get_report (StMerge *self)
{
  g_return_val_if_fail (ST_IS_MERGE (self), NULL);
  return self->report;
}

StReport *
st_merge_get_pack (StMerge *self)
{
  g_return_val_if_fail (ST_IS_MERGE (self), NULL);
  return self->pack;
}

/* Checking and planning */

static void problem (StMerge    *self,
                     const char *format,
                     ...) G_GNUC_PRINTF (2, 3);

static void
problem (StMerge    *self,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
add_change (StMerge           *self,
            StMergeChangeKind  kind,
            const char        *respondent_id,
            const char        *item_id,
            const char        *section_id,
            const char        *old_value,
            const char        *new_value)
{
  StMergeChange *change = g_new0 (StMergeChange, 1);

  change->kind = kind;
  change->respondent_id = g_strdup (respondent_id);
  change->item_id = g_strdup (item_id);
  change->section_id = g_strdup (section_id);
  change->old_value = g_strdup (old_value);
  change->new_value = g_strdup (new_value);
  g_ptr_array_add (self->changes, change);
}

static const char *
respondent_label (StMerge    *self,
                  const char *respondent_id)
{
  const StRespondent *respondent =
    st_template_find_respondent (st_report_get_template (self->report), respondent_id);

  if (respondent != NULL && respondent->abbreviation != NULL)
    return respondent->abbreviation;
  return respondent_id;
}

/* The validation errors of the pack's submission under the report's rules */
static GPtrArray *
pack_errors (StMerge    *self,
             const char *respondent_id,
             const char *item_id)
{
  g_autoptr(GPtrArray) findings = NULL;
  GPtrArray *errors = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->scratch == NULL)
    {
      g_autofree char *data = st_report_to_data (self->pack, NULL);
      const char * const *disabled;

      self->scratch = st_report_new_from_data (data, -1, NULL, NULL);
      g_return_val_if_fail (self->scratch != NULL, errors);

      disabled = st_report_get_disabled_rules (self->pack);
      for (guint i = 0; disabled[i] != NULL; i++)
        if (st_report_rule_enabled (self->report, disabled[i]))
          st_report_set_rule_enabled (self->scratch, disabled[i], TRUE);
      disabled = st_report_get_disabled_rules (self->report);
      for (guint i = 0; disabled[i] != NULL; i++)
        st_report_set_rule_enabled (self->scratch, disabled[i], FALSE);
      self->validator = st_validator_new (self->scratch);
    }

  findings = st_validator_validate_submission (self->validator, respondent_id, item_id);
  for (guint i = 0; i < findings->len; i++)
    {
      StFinding *finding = g_ptr_array_index (findings, i);

      if (st_finding_get_severity (finding) == ST_SEVERITY_ERROR)
        g_ptr_array_add (errors, g_object_ref (finding));
    }
  return errors;
}

static const char *
text_of (StSubmission *submission,
         const char   *section_id)
{
  if (submission == NULL)
    return NULL;
  if (section_id == NULL)
    return st_submission_get_not_applicable_reason (submission);
  return st_submission_get_text (submission, section_id);
}

static const char *
base_hash (const StPackState *state,
           const char        *section_id)
{
  if (section_id == NULL)
    return state->not_applicable;
  return g_hash_table_lookup (state->sections, section_id);
}

static gboolean
comment_same (const StComment *a,
              const StComment *b)
{
  return g_strcmp0 (a->section, b->section) == 0 &&
         g_strcmp0 (a->author, b->author) == 0 &&
         g_strcmp0 (a->time, b->time) == 0 &&
         g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->reply_to, b->reply_to) == 0;
}

static StComment *
find_comment (StSubmission *submission,
              const char   *id)
{
  GPtrArray *comments;

  if (submission == NULL || id == NULL)
    return NULL;
  comments = st_submission_get_comments (submission);
  for (guint i = 0; i < comments->len; i++)
    {
      StComment *comment = g_ptr_array_index (comments, i);

      if (g_strcmp0 (comment->id, id) == 0)
        return comment;
    }
  return NULL;
}

/* Plans the texts: the not-applicable reason (NULL) and each section.
 * Returns whether the pack changed any of them. */
static gboolean
plan_texts (StMerge           *self,
            Plan              *plan,
            StSubmission      *pack_submission,
            StSubmission      *report_submission,
            const StPackState *pack_base,
            const StPackState *report_base,
            GPtrArray         *sections,
            const char        *respondent_id)
{
  gboolean pack_changed_any = FALSE;

  for (int i = -1; i < (int) sections->len; i++)
    {
      const char *section_id = i < 0 ? NULL : ((const StSection *) g_ptr_array_index (sections, i))->id;
      const char *pack_text = text_of (pack_submission, section_id);
      const char *report_text = text_of (report_submission, section_id);
      g_autofree char *pack_hash = st_pack_hash (pack_text);
      g_autofree char *report_hash = st_pack_hash (report_text);

      if (g_strcmp0 (pack_hash, base_hash (pack_base, section_id)) == 0)
        continue;
      pack_changed_any = TRUE;
      if (g_strcmp0 (pack_text, report_text) == 0)
        continue;

      if (g_strcmp0 (report_hash, base_hash (report_base, section_id)) == 0)
        {
          TextChange *change = g_new0 (TextChange, 1);

          change->section_id = g_strdup (section_id);
          change->text = g_strdup (pack_text);
          g_ptr_array_add (plan->texts, change);
          add_change (self, section_id != NULL ? ST_MERGE_CHANGE_TEXT : ST_MERGE_CHANGE_NOT_APPLICABLE,
                      respondent_id, plan->item_id, section_id, report_text, pack_text);
        }
      else
        {
          StMergeConflict *conflict = g_new0 (StMergeConflict, 1);

          conflict->respondent_id = g_strdup (respondent_id);
          conflict->item_id = g_strdup (plan->item_id);
          conflict->section_id = g_strdup (section_id);
          conflict->report_text = g_strdup (report_text);
          conflict->pack_text = g_strdup (pack_text);
          conflict->diff = st_diff_words (report_text, pack_text);
          conflict->choice = ST_MERGE_UNRESOLVED;
          g_ptr_array_add (self->conflicts, conflict);
          g_ptr_array_add (plan->conflicts, conflict);
        }
    }

  return pack_changed_any;
}

static void
plan_submission (StMerge      *self,
                 StSubmission *pack_submission,
                 const char   *item_id)
{
  StTemplate *template = st_report_get_template (self->report);
  const char *respondent_id = self->issue->respondent_id;
  const StItem *item = st_template_find_item (template, item_id);
  StSubmission *report_submission = st_report_lookup_submission (self->report, respondent_id, item_id);
  g_autoptr(StPackState) empty = st_pack_state_new (NULL);
  const StPackState *pack_base, *report_base;
  g_autoptr(GPtrArray) sections = st_template_item_sections (template, item, G_MAXUINT);
  g_autofree char *place = st_workflow_describe (template, respondent_id, item_id, NULL);
  Plan *plan;
  StStatus pack_status, base_status, report_status;
  gboolean content_changed, applies_text;
  guint problems_before = self->problems->len;
  GPtrArray *history;

  pack_base = g_hash_table_lookup (self->issue->pack_base, item_id);
  report_base = g_hash_table_lookup (self->issue->report_base, item_id);
  if (pack_base == NULL)
    pack_base = empty;
  if (report_base == NULL)
    report_base = empty;

  plan = g_new0 (Plan, 1);
  plan->item_id = g_strdup (item_id);
  plan->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) text_change_free);
  plan->conflicts = g_ptr_array_new ();
  plan->comments = g_ptr_array_new ();
  plan->resolved = g_hash_table_new (g_str_hash, g_str_equal);

  /* Sections the item does not report on */
  if (pack_submission != NULL)
    {
      g_autoptr(GPtrArray) with_text = st_submission_list_sections (pack_submission);

      for (guint i = 0; i < with_text->len; i++)
        {
          const char *id = g_ptr_array_index (with_text, i);
          const StSection *section = st_template_find_section (template, id);

          if (section == NULL || !st_template_item_has_section (template, item, section))
            problem (self, _("%s: the pack has text for “%s”, a section it does not report on"),
                     place, id);
        }
    }

  content_changed = plan_texts (self, plan, pack_submission, report_submission,
                                pack_base, report_base, sections, respondent_id);
  applies_text = plan->texts->len > 0 || plan->conflicts->len > 0;

  /* Status */
  pack_status = pack_submission != NULL ? st_submission_get_status (pack_submission) : ST_STATUS_DRAFT;
  base_status = pack_base->status;
  report_status = report_submission != NULL ? st_submission_get_status (report_submission) : ST_STATUS_DRAFT;
  plan->status = report_status;

  if (pack_status != base_status)
    {
      gboolean allowed =
        ((base_status == ST_STATUS_DRAFT || base_status == ST_STATUS_RETURNED) &&
         pack_status == ST_STATUS_SUBMITTED) ||
        (base_status == ST_STATUS_APPROVED && pack_status == ST_STATUS_SUBMITTED && content_changed);

      if (!allowed && (pack_status == ST_STATUS_APPROVED || pack_status == ST_STATUS_PUBLISHED ||
                       pack_status == ST_STATUS_RETURNED))
        problem (self, _("%s: the pack marks it %s, which only the central team can do"),
                 place, st_workflow_status_word (pack_status));
      else if (!allowed)
        problem (self, _("%s: the pack moves it from %s to %s, which the rules do not allow"),
                 place, st_workflow_status_word (base_status), st_workflow_status_word (pack_status));
      else
        plan->status = pack_status;
    }

  if (applies_text && report_status == ST_STATUS_PUBLISHED)
    problem (self, _("%s has been published in the report: the pack cannot change its text now"), place);

  if (pack_status == ST_STATUS_SUBMITTED && (pack_status != base_status || content_changed) &&
      self->problems->len == problems_before)
    {
      g_autoptr(GPtrArray) errors = pack_errors (self, respondent_id, item_id);

      if (errors->len > 0)
        problem (self,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%s: the pack marks it submitted, but it has %u error: %s",
                              "%s: the pack marks it submitted, but it has %u errors, the first: %s",
                              errors->len),
                 place, errors->len, st_finding_get_message (g_ptr_array_index (errors, 0)));
    }

  if (plan->status != report_status)
    add_change (self, ST_MERGE_CHANGE_STATUS, respondent_id, item_id, NULL,
                st_status_to_string (report_status), st_status_to_string (plan->status));

  /* Comments: the department adds replies and resolves threads */
  if (pack_submission != NULL)
    {
      GPtrArray *comments = st_submission_get_comments (pack_submission);

      for (guint i = 0; i < comments->len; i++)
        {
          StComment *comment = g_ptr_array_index (comments, i);
          StComment *in_report = find_comment (report_submission, comment->id);

          if (in_report != NULL)
            {
              gboolean was_resolved = g_hash_table_contains (pack_base->resolved, comment->id);

              if (!comment_same (comment, in_report))
                problem (self, _("%s: the pack changes a comment that %s wrote (%s)"),
                         place, in_report->author ? in_report->author : "", comment->id);
              else if (comment->resolved != was_resolved && comment->resolved != in_report->resolved)
                {
                  g_hash_table_insert (plan->resolved, comment->id, GINT_TO_POINTER (comment->resolved + 1));
                  add_change (self, ST_MERGE_CHANGE_RESOLVED, respondent_id, item_id, comment->section,
                              in_report->resolved ? "resolved" : "unresolved",
                              comment->resolved ? "resolved" : "unresolved");
                }
            }
          else if (comment->id == NULL || st_workflow_find_comment (self->report, comment->id, NULL) != NULL)
            problem (self, _("%s: the pack has a comment whose id (%s) another comment in the report has"),
                     place, comment->id ? comment->id : "");
          else if (comment->reply_to == NULL)
            problem (self, _("%s: the pack starts a new comment thread; departments reply to the central team’s comments but do not start threads"),
                     place);
          else if (find_comment (report_submission, comment->reply_to) == NULL &&
                   find_comment (pack_submission, comment->reply_to) == NULL)
            problem (self, _("%s: the pack has a reply to a comment that is not there (%s)"),
                     place, comment->reply_to);
          else
            {
              g_ptr_array_add (plan->comments, comment);
              add_change (self, ST_MERGE_CHANGE_COMMENT, respondent_id, item_id, comment->section,
                          NULL, comment->text);
            }
        }
    }

  /* History: the department's entries since the last merge */
  history = pack_submission != NULL ? st_submission_get_history (pack_submission) : NULL;
  plan->history_from = pack_base->history;
  if (history != NULL && history->len < pack_base->history)
    problem (self, _("%s: the pack has lost history entries that it had when it was issued"), place);
  else if (history != NULL && history->len > pack_base->history)
    {
      g_autofree char *count = g_strdup_printf ("%u", history->len - pack_base->history);

      add_change (self, ST_MERGE_CHANGE_HISTORY, respondent_id, item_id, NULL, NULL, count);
    }

  g_ptr_array_add (self->plans, plan);
}

static void
prepare (StMerge *self)
{
  StTemplate *template = st_report_get_template (self->report);
  StTemplate *pack_template = st_report_get_template (self->pack);
  g_autoptr(GError) error = NULL;
  g_autofree char *report_fingerprint = NULL;
  g_autofree char *pack_fingerprint = NULL;
  const char *respondent_id;
  gboolean template_ok = TRUE;

  if (!st_report_is_pack (self->pack))
    {
      problem (self, _("This is not a department pack: it has no record of being issued"));
      return;
    }
  if (st_report_is_pack (self->report))
    {
      problem (self, _("Packs are merged into the full report, not into another department pack"));
      return;
    }

  respondent_id = st_report_get_pack_respondent (self->pack);
  if (st_report_get_pack_id (self->pack) == NULL)
    {
      problem (self, _("The pack has no id, so it cannot be matched with a pack this report issued"));
      return;
    }
  self->issue = st_pack_issue_find (self->report, st_report_get_pack_id (self->pack), &error);
  if (self->issue == NULL)
    {
      if (g_error_matches (error, ST_ERROR, ST_ERROR_NOT_FOUND))
        problem (self, _("This report did not issue the pack %s (%s’s, issued %s): it comes from another report, or its identity was changed"),
                 st_report_get_pack_id (self->pack), respondent_label (self, respondent_id),
                 st_report_get_pack_issued (self->pack) ? st_report_get_pack_issued (self->pack) : "?");
      else
        problem (self, "%s", error->message);
      return;
    }

  if (g_strcmp0 (self->issue->respondent_id, respondent_id) != 0)
    {
      problem (self, _("The pack says it is %s’s, but it was issued to %s"),
               respondent_label (self, respondent_id), respondent_label (self, self->issue->respondent_id));
      return;
    }
  if (g_strcmp0 (self->issue->issued, st_report_get_pack_issued (self->pack)) != 0)
    problem (self, _("The pack says it was issued at %s, but the report issued it at %s"),
             st_report_get_pack_issued (self->pack) ? st_report_get_pack_issued (self->pack) : "?",
             self->issue->issued ? self->issue->issued : "?");

  pack_fingerprint = st_pack_fingerprint (pack_template);
  report_fingerprint = st_pack_fingerprint (template);
  if (g_strcmp0 (pack_fingerprint, self->issue->template_fingerprint) != 0 ||
      g_strcmp0 (pack_fingerprint, st_report_get_pack_template (self->pack)) != 0)
    {
      problem (self, _("The pack’s template has been changed since it was issued: a pack cannot change the template"));
      template_ok = FALSE;
    }
  if (g_strcmp0 (report_fingerprint, self->issue->template_fingerprint) != 0)
    {
      problem (self, _("The report’s template has changed since the pack was issued: issue a new pack"));
      template_ok = FALSE;
    }
  /* Ids mean nothing across different templates */
  if (!template_ok)
    return;

  if (st_report_get_round (self->pack) != st_report_get_round (self->report))
    problem (self, _("The pack collects the round “%s” but the report collects “%s”"),
             st_template_get_round (template, st_report_get_round (self->pack))->title,
             st_template_get_round (template, st_report_get_round (self->report))->title);

  for (guint i = 0; i < st_template_get_n_preamble (template); i++)
    {
      const StSection *section = st_template_get_preamble (template, i);

      if (st_report_get_preamble_text (self->pack, section->id) != NULL)
        problem (self, _("The pack has text for “%s”, which only the central team writes"),
                 section->heading);
    }

  /* Every submission in the pack, and every one the pack had when issued */
  for (guint i = 0; i < st_report_get_n_submissions (self->pack); i++)
    {
      StSubmission *submission = st_report_get_submission (self->pack, i);
      const char *owner = st_submission_get_respondent_id (submission);
      const char *item_id = st_submission_get_item_id (submission);

      if (g_strcmp0 (owner, respondent_id) != 0)
        {
          g_autofree char *place = st_workflow_describe (template, owner, item_id, NULL);

          problem (self, _("%s: the pack holds another department’s submission; %s’s pack may only change %s’s submissions"),
                   place, respondent_label (self, respondent_id), respondent_label (self, respondent_id));
          continue;
        }
      plan_submission (self, submission, item_id);
    }

  for (guint i = 0; i < st_template_get_n_items (template); i++)
    {
      const StItem *item = st_template_get_item (template, i);
      const StPackState *base = g_hash_table_lookup (self->issue->pack_base, item->id);

      if (base == NULL || st_report_lookup_submission (self->pack, respondent_id, item->id) != NULL)
        continue;
      if (g_hash_table_size (base->sections) > 0 || base->not_applicable != NULL ||
          base->status != ST_STATUS_DRAFT || base->history > 0)
        {
          g_autofree char *place = st_workflow_describe (template, respondent_id, item->id, NULL);

          problem (self, _("%s: the pack has lost this submission, which it had when it was issued"), place);
        }
    }
}

gboolean
st_merge_check (StMerge  *self,
                GError  **error)
{
  g_autoptr(GString) message = NULL;

  g_return_val_if_fail (ST_IS_MERGE (self), FALSE);

  if (self->problems->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  for (guint i = 0; i < self->problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, g_ptr_array_index (self->problems, i));
    }
  g_set_error_literal (error, ST_ERROR, ST_ERROR_REFUSED, message->str);
  return FALSE;
}

GPtrArray *
st_merge_get_problems (StMerge *self)
{
  g_return_val_if_fail (ST_IS_MERGE (self), NULL);
  return self->problems;
}

GPtrArray *
st_merge_get_changes (StMerge *self)
{
  g_return_val_if_fail (ST_IS_MERGE (self), NULL);
  return self->changes;
}

GPtrArray *
st_merge_get_conflicts (StMerge *self)
{
  g_return_val_if_fail (ST_IS_MERGE (self), NULL);
  return self->conflicts;
}

guint
st_merge_count_unresolved (StMerge *self)
{
  guint count = 0;

  g_return_val_if_fail (ST_IS_MERGE (self), 0);

  for (guint i = 0; i < self->conflicts->len; i++)
    {
      StMergeConflict *conflict = g_ptr_array_index (self->conflicts, i);

      if (conflict->choice == ST_MERGE_UNRESOLVED)
        count++;
    }
  return count;
}

gboolean
st_merge_resolve (StMerge        *self,
                  guint           index,
                  StMergeChoice   choice,
                  const char     *custom_text,
                  GError        **error)
{
  StMergeConflict *conflict;

  g_return_val_if_fail (ST_IS_MERGE (self), FALSE);
  g_return_val_if_fail (choice <= ST_MERGE_TAKE_CUSTOM, FALSE);

  if (index >= self->conflicts->len)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("There is no conflict %u: the merge has %u"), index + 1, self->conflicts->len);
      return FALSE;
    }

  conflict = g_ptr_array_index (self->conflicts, index);
  conflict->choice = choice;
  g_free (conflict->custom_text);
  conflict->custom_text = NULL;
  if (choice == ST_MERGE_TAKE_CUSTOM)
    conflict->custom_text = g_strdup (custom_text);
  return TRUE;
}

void
st_merge_resolve_all (StMerge       *self,
                      StMergeChoice  choice)
{
  g_return_if_fail (ST_IS_MERGE (self));
  g_return_if_fail (choice == ST_MERGE_TAKE_REPORT || choice == ST_MERGE_TAKE_PACK);

  for (guint i = 0; i < self->conflicts->len; i++)
    {
      StMergeConflict *conflict = g_ptr_array_index (self->conflicts, i);

      if (conflict->choice == ST_MERGE_UNRESOLVED)
        conflict->choice = choice;
    }
}

/* Applying */

/* Sets a text and records the change. Returns TRUE if it changed. */
static gboolean
apply_text (StSubmission *submission,
            const char   *section_id,
            const char   *text,
            const char   *author,
            const char   *now)
{
  g_autofree char *old = g_strdup (text_of (submission, section_id));

  if (section_id != NULL && text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (old, text) == 0)
    return FALSE;

  if (section_id == NULL)
    st_submission_set_not_applicable (submission, text);
  else
    st_submission_set_text (submission, section_id, text);
  st_submission_add_history (submission,
                             st_history_entry_new (author, now, section_id,
                                                   section_id != NULL ? ST_HISTORY_MERGE : ST_HISTORY_NOT_APPLICABLE,
                                                   old, text));
  return TRUE;
}

static const StHistoryEntry *
last_status_entry (StSubmission *submission)
{
  GPtrArray *history = st_submission_get_history (submission);

  for (guint i = history->len; i-- > 0;)
    {
      const StHistoryEntry *entry = g_ptr_array_index (history, i);

      if (g_strcmp0 (entry->what, ST_HISTORY_STATUS) == 0)
        return entry;
    }
  return NULL;
}

static void
apply_plan (StMerge    *self,
            Plan       *plan,
            const char *author,
            const char *now)
{
  const char *respondent_id = self->issue->respondent_id;
  StSubmission *pack_submission = st_report_lookup_submission (self->pack, respondent_id, plan->item_id);
  StSubmission *submission;
  gboolean content_changed = FALSE;
  StStatus status, target;
  GHashTableIter iter;
  gpointer key, value;

  submission = st_report_ensure_submission (self->report, respondent_id, plan->item_id);
  g_return_if_fail (submission != NULL);

  if (pack_submission != NULL)
    {
      GPtrArray *history = st_submission_get_history (pack_submission);

      for (guint i = plan->history_from; i < history->len; i++)
        st_submission_add_history (submission, st_history_entry_copy (g_ptr_array_index (history, i)));
    }

  for (guint i = 0; i < plan->comments->len; i++)
    st_submission_add_comment (submission, st_comment_copy (g_ptr_array_index (plan->comments, i)));

  g_hash_table_iter_init (&iter, plan->resolved);
  while (g_hash_table_iter_next (&iter, &key, &value))
    st_submission_set_comment_resolved (submission, key, GPOINTER_TO_INT (value) - 1);

  for (guint i = 0; i < plan->texts->len; i++)
    {
      TextChange *change = g_ptr_array_index (plan->texts, i);

      content_changed |= apply_text (submission, change->section_id, change->text, author, now);
    }

  for (guint i = 0; i < plan->conflicts->len; i++)
    {
      StMergeConflict *conflict = g_ptr_array_index (plan->conflicts, i);
      const char *text;

      switch (conflict->choice)
        {
        case ST_MERGE_TAKE_PACK:
          text = conflict->pack_text;
          break;
        case ST_MERGE_TAKE_CUSTOM:
          text = conflict->custom_text;
          break;
        case ST_MERGE_TAKE_REPORT:
        case ST_MERGE_UNRESOLVED:
        default:
          continue;
        }
      content_changed |= apply_text (submission, conflict->section_id, text, author, now);
    }

  /* Editing an approved submission sends it back to review */
  status = st_submission_get_status (submission);
  target = plan->status;
  if (content_changed && target == ST_STATUS_APPROVED)
    target = ST_STATUS_SUBMITTED;

  if (target != status)
    {
      const StHistoryEntry *last = last_status_entry (submission);

      st_submission_set_status (submission, target);
      /* The department's own entry for the change came with its history */
      if (last == NULL ||
          g_strcmp0 (last->old_text, st_status_to_string (status)) != 0 ||
          g_strcmp0 (last->new_text, st_status_to_string (target)) != 0)
        st_submission_add_history (submission,
                                   st_history_entry_new (author, now, NULL, ST_HISTORY_STATUS,
                                                         st_status_to_string (status),
                                                         st_status_to_string (target)));
    }
}

gboolean
st_merge_apply (StMerge     *self,
                const char  *author,
                GError     **error)
{
  g_autofree char *now = NULL;
  guint unresolved;

  g_return_val_if_fail (ST_IS_MERGE (self), FALSE);

  if (!st_merge_check (self, error))
    return FALSE;
  if (self->applied)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_CONFLICT, _("This merge has been applied already"));
      return FALSE;
    }
  if (self->stale)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_CONFLICT,
                   _("The report changed after the merge was prepared: prepare it again"));
      return FALSE;
    }
  unresolved = st_merge_count_unresolved (self);
  if (unresolved > 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_CONFLICT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u section changed both in the report and in the pack: choose which text to keep",
                                "%u sections changed both in the report and in the pack: choose which text to keep",
                                unresolved),
                   unresolved);
      return FALSE;
    }

  now = st_history_now ();
  g_signal_handler_block (self->report, self->changed_id);
  /* Hundreds of texts may change: whoever watches the report hears of
   * each submission once, when everything is in place */
  st_report_freeze_changed (self->report);

  for (guint i = 0; i < self->plans->len; i++)
    apply_plan (self, g_ptr_array_index (self->plans, i), author, now);

  st_pack_issue_set_base (self->issue, self->pack, self->report);
  g_free (self->issue->merged);
  self->issue->merged = g_strdup (now);
  self->issue->n_merges++;
  st_pack_issue_store (self->issue, self->report);

  st_report_thaw_changed (self->report);
  g_signal_handler_unblock (self->report, self->changed_id);
  self->applied = TRUE;
  return TRUE;
}
