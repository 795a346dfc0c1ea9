/* st-progress.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-progress.h"

const char *
st_progress_state_to_string (StProgressState state)
{
  switch (state)
    {
    case ST_PROGRESS_NOT_DUE:
      return "not-due";
    case ST_PROGRESS_NOT_STARTED:
      return "not-started";
    case ST_PROGRESS_INCOMPLETE:
      return "incomplete";
    case ST_PROGRESS_COMPLETE:
      return "complete";
    case ST_PROGRESS_NOT_APPLICABLE:
      return "not-applicable";
    default:
      g_return_val_if_reached (NULL);
    }
}

void
st_progress_compute (StReport           *report,
                     const StRespondent *respondent,
                     const StItem       *item,
                     StProgress         *progress)
{
  StTemplate *template;
  StSubmission *submission;
  g_autoptr(GPtrArray) sections = NULL;
  guint round;

  g_return_if_fail (ST_IS_REPORT (report));
  g_return_if_fail (respondent != NULL);
  g_return_if_fail (item != NULL);
  g_return_if_fail (progress != NULL);

  template = st_report_get_template (report);
  round = st_report_get_round (report);
  submission = st_report_lookup_submission (report, respondent->id, item->id);
  sections = st_template_item_sections (template, item, round);

  progress->status = submission != NULL ? st_submission_get_status (submission) : ST_STATUS_DRAFT;
  progress->n_sections = 0;
  progress->n_filled = 0;
  progress->n_errors = 0;
  progress->n_warnings = 0;

  /* Only the round being collected counts: earlier rounds are history */
  for (guint i = 0; i < sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (sections, i);

      if (section->round != round)
        continue;
      progress->n_sections++;
      /* A space or an empty line typed is not an answer */
      if (submission != NULL && !st_text_is_blank (st_submission_get_text (submission, section->id)))
        progress->n_filled++;
    }

  if (submission != NULL && st_submission_get_not_applicable (submission))
    progress->state = ST_PROGRESS_NOT_APPLICABLE;
  else if (progress->n_sections == 0)
    progress->state = ST_PROGRESS_NOT_DUE;
  else if (progress->n_filled == progress->n_sections)
    progress->state = ST_PROGRESS_COMPLETE;
  else if (progress->n_filled == 0)
    progress->state = ST_PROGRESS_NOT_STARTED;
  else
    progress->state = ST_PROGRESS_INCOMPLETE;
}

void
st_progress_set_issues (StProgress *progress,
                        guint       errors,
                        guint       warnings)
{
  g_return_if_fail (progress != NULL);

  progress->n_errors = errors;
  progress->n_warnings = warnings;
}

/* Done, as far as filling in goes, but validation has something to say */
static gboolean
has_problems (const StProgress *progress)
{
  return (progress->state == ST_PROGRESS_COMPLETE || progress->state == ST_PROGRESS_NOT_APPLICABLE) &&
         (progress->n_errors > 0 || progress->n_warnings > 0);
}

static char *
describe_issues (const StProgress *progress)
{
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;

  if (progress->n_errors > 0)
    errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", progress->n_errors),
                              progress->n_errors);
  if (progress->n_warnings > 0)
    warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", progress->n_warnings),
                                progress->n_warnings);
  if (errors != NULL && warnings != NULL)
    /* Translators: "1 error, 2 warnings" */
    return g_strdup_printf (_("%s, %s"), errors, warnings);
  return g_strdup (errors != NULL ? errors : warnings);
}

char *
st_progress_describe_short (const StProgress *progress)
{
  guint missing;

  g_return_val_if_fail (progress != NULL, NULL);

  /* Past draft, the review status says most: the rest is in the long form */
  if (progress->status != ST_STATUS_DRAFT)
    return g_strdup (st_status_get_label (progress->status));

  if (has_problems (progress))
    {
      if (progress->n_errors > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", progress->n_errors),
                                progress->n_errors);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", progress->n_warnings),
                              progress->n_warnings);
    }

  switch (progress->state)
    {
    case ST_PROGRESS_NOT_DUE:
      return g_strdup (_("Not due"));
    case ST_PROGRESS_NOT_APPLICABLE:
      return g_strdup (_("Not applicable"));
    case ST_PROGRESS_COMPLETE:
      return g_strdup (_("Complete"));
    case ST_PROGRESS_NOT_STARTED:
      return g_strdup (_("Not started"));
    case ST_PROGRESS_INCOMPLETE:
    default:
      missing = progress->n_sections - progress->n_filled;
      /* Translators: sections of a submission that have no text yet */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u missing", "%u missing", missing), missing);
    }
}

char *
st_progress_describe_review (const StProgress *progress)
{
  g_autofree char *status = NULL;
  g_autofree char *issues = NULL;

  g_return_val_if_fail (progress != NULL, NULL);

  status = st_progress_describe_short (progress);
  if (progress->status == ST_STATUS_DRAFT)
    return g_steal_pointer (&status);

  if (progress->n_errors > 0)
    issues = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", progress->n_errors),
                              progress->n_errors);
  else if (progress->n_warnings > 0)
    issues = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", progress->n_warnings),
                              progress->n_warnings);
  else
    return g_steal_pointer (&status);

  /* Translators: a submission's review status, then what validation
   * found, as in "Submitted · 2 warnings" */
  return g_strdup_printf (_("%s · %s"), status, issues);
}

char *
st_progress_describe (const StProgress *progress)
{
  g_autofree char *state = NULL;
  g_autofree char *issues = NULL;
  guint missing;

  g_return_val_if_fail (progress != NULL, NULL);

  if (progress->state == ST_PROGRESS_INCOMPLETE)
    {
      missing = progress->n_sections - progress->n_filled;
      state = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Incomplete: %u section missing",
                                            "Incomplete: %u sections missing",
                                            missing),
                               missing);
    }
  else
    {
      StProgress plain = *progress;

      plain.n_errors = plain.n_warnings = 0;
      plain.status = ST_STATUS_DRAFT;  /* the status comes last, below */
      state = st_progress_describe_short (&plain);
    }

  /* Only what validation adds to the missing sections already counted */
  if (has_problems (progress) || (progress->state == ST_PROGRESS_INCOMPLETE && progress->n_warnings > 0))
    {
      StProgress counted = *progress;

      if (progress->state == ST_PROGRESS_INCOMPLETE)
        counted.n_errors = 0;
      issues = describe_issues (&counted);
      if (issues != NULL)
        {
          /* Translators: a submission's completeness, then what validation found */
          char *joined = g_strdup_printf (_("%s · %s"), state, issues);

          g_free (state);
          state = joined;
        }
    }

  if (progress->status == ST_STATUS_DRAFT)
    return g_steal_pointer (&state);

  /* Translators: a submission's completeness, then its review status */
  return g_strdup_printf (_("%s · %s"), state, st_status_get_label (progress->status));
}

const char *
st_progress_get_icon_name (const StProgress *progress)
{
  g_return_val_if_fail (progress != NULL, NULL);

  /* Once a reviewer has decided, the decision leads */
  switch (progress->status)
    {
    case ST_STATUS_APPROVED:
    case ST_STATUS_PUBLISHED:
      return "emblem-default-symbolic";
    case ST_STATUS_RETURNED:
      return "mail-replied-symbolic";
    case ST_STATUS_SUBMITTED:
    case ST_STATUS_DRAFT:
    default:
      break;
    }

  if (has_problems (progress))
    return progress->n_errors > 0 ? "dialog-error-symbolic" : "dialog-warning-symbolic";
  if (progress->status == ST_STATUS_SUBMITTED)
    return "mail-send-symbolic";

  switch (progress->state)
    {
    case ST_PROGRESS_NOT_DUE:
      return "content-loading-symbolic";
    case ST_PROGRESS_NOT_APPLICABLE:
      return "action-unavailable-symbolic";
    case ST_PROGRESS_COMPLETE:
      return "emblem-ok-symbolic";
    case ST_PROGRESS_NOT_STARTED:
      return "document-new-symbolic";
    case ST_PROGRESS_INCOMPLETE:
    default:
      return "document-edit-symbolic";
    }
}

const char *
st_progress_get_style_class (const StProgress *progress)
{
  g_return_val_if_fail (progress != NULL, NULL);

  if (progress->status == ST_STATUS_APPROVED || progress->status == ST_STATUS_PUBLISHED)
    return "success";
  if (has_problems (progress))
    return progress->n_errors > 0 ? "error" : "warning";

  switch (progress->state)
    {
    case ST_PROGRESS_COMPLETE:
      return "success";
    case ST_PROGRESS_INCOMPLETE:
    case ST_PROGRESS_NOT_STARTED:
      return "warning";
    case ST_PROGRESS_NOT_DUE:
    case ST_PROGRESS_NOT_APPLICABLE:
    default:
      return "dim-label";
    }
}
