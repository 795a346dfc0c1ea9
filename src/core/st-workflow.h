/* st-workflow.h: who may move a submission through its statuses, edit it
 * and comment on it
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "st-history.h"
#include "st-report.h"
#include "st-validator.h"

G_BEGIN_DECLS

/* The two kinds of people who work on a report: see docs/workflow.md */
typedef enum {
  ST_ROLE_DEPARTMENT,   /* an editor for one respondent */
  ST_ROLE_REVIEWER,     /* the central team: reviews, returns, approves, publishes */
} StRole;

/* "department", "reviewer" */
const char *st_role_to_string   (StRole      role);
gboolean    st_role_from_string (const char *str,
                                 StRole     *role);

/* The rules alone, as in the table of docs/workflow.md: whether @role may
 * move a submission from @from to @to (for a department, its own
 * submission). Validation and comments are checked by
 * st_workflow_set_status(), not here. */
gboolean    st_workflow_rule_allows        (StRole    role,
                                            StStatus  from,
                                            StStatus  to);
/* Whether moving from @from to @to needs a comment (returning does) */
gboolean    st_workflow_rule_needs_comment (StStatus  from,
                                            StStatus  to);

/* The status as a word inside a sentence, translated: "approved" */
const char *st_workflow_status_word        (StStatus    status);

/* How messages name a place: "CO, Action 1", or with a section
 * "CO, Action 1, Progress during 2014". Unknown ids are named as they are. */
char       *st_workflow_describe           (StTemplate *template,
                                            const char *respondent_id,
                                            const char *item_id,
                                            const char *section_id);

/* A comment and its replies, oldest first. Comments are owned by the
 * submission: do not keep a thread past a change to its comments. */
typedef struct {
  StComment *root;
  GPtrArray *replies;     /* of StComment* */
} StCommentThread;

void        st_comment_thread_free (StCommentThread *thread);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StCommentThread, st_comment_thread_free)

/* The threads on @section_id of @submission, in the order they were
 * started; @section_id NULL lists every thread of the submission (the
 * ones about the whole submission have root->section NULL). A reply whose
 * comment is missing starts a thread of its own. Free with
 * g_ptr_array_unref. */
GPtrArray  *st_workflow_list_threads       (StSubmission *submission,
                                            const char   *section_id);
/* Threads whose first comment is not resolved; @section_id as above */
guint       st_workflow_count_unresolved   (StSubmission *submission,
                                            const char   *section_id);
/* Over the whole report, or over one respondent's submissions when
 * @respondent_id is not NULL */
guint       st_workflow_count_unresolved_in_report (StReport   *report,
                                            const char   *respondent_id);
/* The comment with @id anywhere in @report, or NULL. @submission, if not
 * NULL, receives the submission that holds it. */
StComment  *st_workflow_find_comment       (StReport      *report,
                                            const char    *id,
                                            StSubmission **submission);

#define ST_TYPE_WORKFLOW (st_workflow_get_type ())

G_DECLARE_FINAL_TYPE (StWorkflow, st_workflow, ST, WORKFLOW, GObject)

/* Someone working on @report: a department editor for @respondent_id, or
 * a reviewer (@respondent_id NULL). @author is the name that history and
 * comments record.
 *
 * While the workflow exists it watches the report: any change to the text
 * or the not-applicable reason of an approved submission, however it is
 * made, sends the submission back to submitted with a history entry. */
StWorkflow *st_workflow_new                (StReport     *report,
                                            StRole        role,
                                            const char   *respondent_id,
                                            const char   *author);
StReport   *st_workflow_get_report         (StWorkflow   *self);
StRole      st_workflow_get_role           (StWorkflow   *self);
const char *st_workflow_get_respondent_id  (StWorkflow   *self);
const char *st_workflow_get_author         (StWorkflow   *self);
/* The name that comments, status changes and history entries record from
 * now on (the author can change their name in the preferences) */
void        st_workflow_set_author         (StWorkflow   *self,
                                            const char   *author);

/* The validator whose errors stop a submission being submitted or
 * approved. By default one made with st_validator_new() on first use; set
 * the application's own to share its settings. */
void         st_workflow_set_validator     (StWorkflow   *self,
                                            StValidator  *validator);
StValidator *st_workflow_get_validator     (StWorkflow   *self);
/* The history of the report's saves. When set, each change of status
 * first records the submission's unsaved edits in the history, so that
 * the history shows which text was submitted or approved. */
void         st_workflow_set_history       (StWorkflow   *self,
                                            StHistory    *history);
StHistory   *st_workflow_get_history       (StWorkflow   *self);

/* Whether this person may change the submission's text and
 * not-applicable reason; if not, ST_ERROR_REFUSED says why. The submission
 * need not exist yet. */
gboolean    st_workflow_can_edit           (StWorkflow   *self,
                                            const char   *respondent_id,
                                            const char   *item_id,
                                            GError      **error);

/* Whether a change would undo a decision made on the submission: it is
 * approved, and a change sends it back for approval, or this is the
 * department's pack and the department has submitted it. The editor shows
 * such a submission read-only until the person chooses to change it, and
 * find and replace leaves it as it is. */
gboolean    st_workflow_is_guarded         (StWorkflow   *self,
                                            const char   *respondent_id,
                                            const char   *item_id);

/* The statuses this person may move the submission to now, by the rules
 * alone (an array of StStatus; free with g_array_unref). Use
 * st_workflow_can_set_status() to learn whether validation allows it. */
GArray     *st_workflow_list_next_statuses (StWorkflow   *self,
                                            const char   *respondent_id,
                                            const char   *item_id);
/* Every check st_workflow_set_status() makes except for the comment */
gboolean    st_workflow_can_set_status     (StWorkflow   *self,
                                            const char   *respondent_id,
                                            const char   *item_id,
                                            StStatus      status,
                                            GError      **error);
/* The validation warnings (of StFinding) to show before the submission is
 * submitted, so that the editor can confirm. Free with g_ptr_array_unref. */
GPtrArray  *st_workflow_get_warnings       (StWorkflow   *self,
                                            const char   *respondent_id,
                                            const char   *item_id);
/* Moves the submission to @status, adding it if there is none, and
 * records a history entry (what "status", old and new the status names).
 * @comment is required when returning: it is added as a comment on the
 * whole submission. Anything the rules do not allow fails with
 * ST_ERROR_REFUSED and changes nothing. */
gboolean    st_workflow_set_status         (StWorkflow   *self,
                                            const char   *respondent_id,
                                            const char   *item_id,
                                            StStatus      status,
                                            const char   *comment,
                                            GError      **error);
/* Moves every approved submission to published, as the central team does
 * when it exports for publication. Returns how many moved. */
guint       st_workflow_publish_approved   (StWorkflow   *self,
                                            GError      **error);

/* Edits, checked with st_workflow_can_edit() */
gboolean    st_workflow_set_text           (StWorkflow   *self,
                                            const char   *respondent_id,
                                            const char   *item_id,
                                            const char   *section_id,
                                            const char   *text,
                                            GError      **error);
gboolean    st_workflow_set_not_applicable (StWorkflow   *self,
                                            const char   *respondent_id,
                                            const char   *item_id,
                                            const char   *reason,
                                            GError      **error);

/* Comments. A reviewer starts a thread on a section (@section_id NULL: on
 * the whole submission); either side replies; the department (or a
 * reviewer) marks a thread resolved, or reopens it. Each returns the new
 * comment's id, unique in the report (owned by the comment), or NULL with
 * ST_ERROR_REFUSED or ST_ERROR_NOT_FOUND. */
const char *st_workflow_add_comment        (StWorkflow   *self,
                                            const char   *respondent_id,
                                            const char   *item_id,
                                            const char   *section_id,
                                            const char   *text,
                                            GError      **error);
/* Replying to a reply adds to the same thread */
const char *st_workflow_reply              (StWorkflow   *self,
                                            const char   *comment_id,
                                            const char   *text,
                                            GError      **error);
gboolean    st_workflow_resolve            (StWorkflow   *self,
                                            const char   *comment_id,
                                            gboolean      resolved,
                                            GError      **error);

G_END_DECLS
