/* st-submission-form.h: one department's answer to one action
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stocktake-core.h"
#include "st-comment-pane.h"
#include "st-issues.h"
#include "st-section-editor.h"

G_BEGIN_DECLS

#define ST_TYPE_SUBMISSION_FORM (st_submission_form_get_type ())

G_DECLARE_FINAL_TYPE (StSubmissionForm, st_submission_form, ST, SUBMISSION_FORM, AdwBin)

GtkWidget       *st_submission_form_new              (void);

/* Shows @respondent_id × @item_id of @report; the submission is added to
 * the report on the first edit. NULL report clears the form. */
void             st_submission_form_show             (StSubmissionForm *self,
                                                      StReport         *report,
                                                      const char       *respondent_id,
                                                      const char       *item_id);
/* What validation finds shows in the header and on each section */
void             st_submission_form_set_issues       (StSubmissionForm *self,
                                                      StIssues         *issues);
/* Shows a section with the characters @start to @end selected */
void             st_submission_form_reveal           (StSubmissionForm *self,
                                                      const char       *section_id,
                                                      guint             start,
                                                      guint             end);
StReport        *st_submission_form_get_report       (StSubmissionForm *self);
const char      *st_submission_form_get_respondent_id (StSubmissionForm *self);
const char      *st_submission_form_get_item_id      (StSubmissionForm *self);

/* The editor of @section_id, or NULL when the form has none */
StSectionEditor *st_submission_form_get_editor       (StSubmissionForm *self,
                                                      const char       *section_id);
/* The editors of the round being collected, in order (of StSectionEditor) */
GPtrArray       *st_submission_form_get_editors      (StSubmissionForm *self);
/* Focuses the first editable section, or the first empty one */
void             st_submission_form_focus_first      (StSubmissionForm *self);

/* The status line of the header, as shown */
const char      *st_submission_form_get_status_text  (StSubmissionForm *self);

/* Who is editing: edits and the moves offered follow the workflow's rules.
 * Without one, the form edits the report directly. */
void             st_submission_form_set_workflow     (StSubmissionForm *self,
                                                      StWorkflow       *workflow);
StWorkflow      *st_submission_form_get_workflow     (StSubmissionForm *self);
/* The notice above the sections, as shown: a returned submission's
 * "Returned by …" and its comment, or why it cannot be changed; NULL when
 * none is shown */
const char      *st_submission_form_get_notice       (StSubmissionForm *self);
const char      *st_submission_form_get_notice_text  (StSubmissionForm *self);
/* The comment threads shown with @section_id, or NULL; @section_id NULL
 * gives those on the whole submission, shown under the header */
StCommentPane   *st_submission_form_get_comment_pane (StSubmissionForm *self,
                                                      const char       *section_id);
/* "Status: Submitted", as shown */
const char      *st_submission_form_get_review_text  (StSubmissionForm *self);

/* Marks the submission not applicable with @reason ("" asks for one), or
 * clears the mark when @reason is NULL: the same as the switch */
void             st_submission_form_set_not_applicable (StSubmissionForm *self,
                                                      const char       *reason);

G_END_DECLS
