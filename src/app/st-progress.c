/* st-progress.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-progress.h"

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

  /* Only the round being collected counts: earlier rounds are history */
  for (guint i = 0; i < sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (sections, i);

      if (section->round != round)
        continue;
      progress->n_sections++;
      if (submission != NULL && st_submission_get_text (submission, section->id) != NULL)
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

char *
st_progress_describe_short (const StProgress *progress)
{
  guint missing;

  g_return_val_if_fail (progress != NULL, NULL);

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
st_progress_describe (const StProgress *progress)
{
  g_autofree char *state = NULL;
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
    state = st_progress_describe_short (progress);

  if (progress->status == ST_STATUS_DRAFT)
    return g_steal_pointer (&state);

  /* Translators: a submission's completeness, then its review status */
  return g_strdup_printf (_("%s · %s"), state, st_status_get_label (progress->status));
}

const char *
st_progress_get_icon_name (const StProgress *progress)
{
  g_return_val_if_fail (progress != NULL, NULL);

  switch (progress->status)
    {
    case ST_STATUS_APPROVED:
    case ST_STATUS_PUBLISHED:
      return "emblem-default-symbolic";
    case ST_STATUS_RETURNED:
      return "mail-replied-symbolic";
    case ST_STATUS_SUBMITTED:
      return "mail-send-symbolic";
    case ST_STATUS_DRAFT:
    default:
      break;
    }

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
