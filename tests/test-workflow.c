/* test-workflow.c: who may move a submission through its statuses, edit
 * it and comment on it
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stocktake-core.h"

#define VALID_REASON "This action is not applicable to CO."

static StReport *
new_report (void)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);

  g_assert_nonnull (template);
  return st_report_new (template);
}

/* CO's action 1 at @status, with an answer that validation accepts */
static StReport *
new_report_at (StStatus status)
{
  StReport *report = new_report ();
  StSubmission *submission = st_report_ensure_submission (report, "CO", "1");

  st_submission_set_not_applicable (submission, VALID_REASON);
  st_submission_set_status (submission, status);
  return report;
}

static gboolean
is_iso8601_utc (const char *time)
{
  return g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                               time, 0, 0);
}

static const StHistoryEntry *
last_entry (StSubmission *submission)
{
  GPtrArray *history = st_submission_get_history (submission);

  g_assert_cmpuint (history->len, >, 0);
  return g_ptr_array_index (history, history->len - 1);
}

/* The rules as docs/workflow.md states them, written out apart from the
 * code's own table */
typedef enum {
  ACTOR_OWN_DEPARTMENT,     /* CO's editor, on CO's submission */
  ACTOR_OTHER_DEPARTMENT,   /* HMT's editor, on CO's submission */
  ACTOR_REVIEWER,
  N_ACTORS
} Actor;

static gboolean
expected_allowed (Actor    actor,
                  StStatus from,
                  StStatus to)
{
  switch (actor)
    {
    case ACTOR_OWN_DEPARTMENT:
      return to == ST_STATUS_SUBMITTED && (from == ST_STATUS_DRAFT || from == ST_STATUS_RETURNED);
    case ACTOR_REVIEWER:
      return (from == ST_STATUS_SUBMITTED && to == ST_STATUS_RETURNED) ||
             (from == ST_STATUS_SUBMITTED && to == ST_STATUS_APPROVED) ||
             (from == ST_STATUS_APPROVED && to == ST_STATUS_RETURNED) ||
             (from == ST_STATUS_APPROVED && to == ST_STATUS_PUBLISHED) ||
             (from == ST_STATUS_PUBLISHED && to == ST_STATUS_RETURNED);
    case ACTOR_OTHER_DEPARTMENT:
    case N_ACTORS:
    default:
      return FALSE;
    }
}

static StWorkflow *
new_workflow (StReport *report,
              Actor     actor)
{
  switch (actor)
    {
    case ACTOR_OWN_DEPARTMENT:
      return st_workflow_new (report, ST_ROLE_DEPARTMENT, "CO", "Colin CO");
    case ACTOR_OTHER_DEPARTMENT:
      return st_workflow_new (report, ST_ROLE_DEPARTMENT, "HMT", "Harriet HMT");
    case ACTOR_REVIEWER:
    case N_ACTORS:
    default:
      return st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");
    }
}

/* Every from × to × who: allowed moves change the status and record it;
 * the rest are refused with a reason and change nothing */
static void
test_workflow_transitions (void)
{
  guint allowed_count = 0, refused_count = 0;

  for (Actor actor = 0; actor < N_ACTORS; actor++)
    for (StStatus from = ST_STATUS_DRAFT; from <= ST_STATUS_PUBLISHED; from++)
      for (StStatus to = ST_STATUS_DRAFT; to <= ST_STATUS_PUBLISHED; to++)
        {
          g_autoptr(StReport) report = new_report_at (from);
          g_autoptr(StWorkflow) workflow = new_workflow (report, actor);
          g_autoptr(GError) error = NULL;
          g_autoptr(GArray) next = NULL;
          StSubmission *submission = st_report_lookup_submission (report, "CO", "1");
          gboolean expected = expected_allowed (actor, from, to);
          gboolean in_next = FALSE;
          guint comments_before = st_submission_get_comments (submission)->len;
          gboolean done;

          g_test_message ("actor %d: %s → %s", actor, st_status_to_string (from), st_status_to_string (to));

          if (actor != ACTOR_OTHER_DEPARTMENT)
            g_assert_cmpint (st_workflow_rule_allows (st_workflow_get_role (workflow), from, to), ==, expected);

          next = st_workflow_list_next_statuses (workflow, "CO", "1");
          for (guint i = 0; i < next->len; i++)
            if (g_array_index (next, StStatus, i) == to)
              in_next = TRUE;
          g_assert_cmpint (in_next, ==, expected);

          g_assert_cmpint (st_workflow_can_set_status (workflow, "CO", "1", to, NULL), ==, expected);

          done = st_workflow_set_status (workflow, "CO", "1", to, "Please add dates.", &error);
          if (expected)
            {
              const StHistoryEntry *entry;

              g_assert_no_error (error);
              g_assert_true (done);
              g_assert_cmpint (st_submission_get_status (submission), ==, to);
              entry = last_entry (submission);
              g_assert_cmpstr (entry->what, ==, "status");
              g_assert_cmpstr (entry->old_text, ==, st_status_to_string (from));
              g_assert_cmpstr (entry->new_text, ==, st_status_to_string (to));
              g_assert_cmpstr (entry->author, ==, st_workflow_get_author (workflow));
              g_assert_null (entry->section);
              g_assert_true (is_iso8601_utc (entry->time));
              /* The comment goes with the change */
              g_assert_cmpuint (st_submission_get_comments (submission)->len, ==, comments_before + 1);
              allowed_count++;
            }
          else
            {
              g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
              g_assert_false (done);
              g_assert_cmpuint (strlen (error->message), >, 10);
              g_assert_cmpint (st_submission_get_status (submission), ==, from);
              g_assert_cmpuint (st_submission_get_history (submission)->len, ==, 0);
              g_assert_cmpuint (st_submission_get_comments (submission)->len, ==, comments_before);
              if (actor == ACTOR_OTHER_DEPARTMENT)
                g_assert_nonnull (strstr (error->message, "HMT’s editors cannot change CO’s submissions"));
              else if (from == to)
                g_assert_nonnull (strstr (error->message, "already"));
              refused_count++;
            }
        }

  /* 2 moves for the department, 5 for the central team */
  g_assert_cmpuint (allowed_count, ==, 7);
  g_assert_cmpuint (refused_count, ==, 3 * 5 * 5 - 7);
}

/* The reasons name who can do it, or from where */
static void
test_workflow_refusal_messages (void)
{
  static const struct {
    Actor       actor;
    StStatus    from;
    StStatus    to;
    const char *message;
  } cases[] = {
    { ACTOR_OWN_DEPARTMENT, ST_STATUS_SUBMITTED, ST_STATUS_APPROVED, "Only the central team can approve CO, Action 1" },
    { ACTOR_OWN_DEPARTMENT, ST_STATUS_APPROVED, ST_STATUS_PUBLISHED, "Only the central team can publish" },
    { ACTOR_OWN_DEPARTMENT, ST_STATUS_SUBMITTED, ST_STATUS_RETURNED, "Only the central team can return" },
    { ACTOR_OWN_DEPARTMENT, ST_STATUS_APPROVED, ST_STATUS_SUBMITTED, "CO, Action 1 is approved: only a draft or a returned submission can be submitted" },
    { ACTOR_OWN_DEPARTMENT, ST_STATUS_RETURNED, ST_STATUS_DRAFT, "cannot go back to draft" },
    { ACTOR_REVIEWER, ST_STATUS_DRAFT, ST_STATUS_SUBMITTED, "Only the department can submit" },
    { ACTOR_REVIEWER, ST_STATUS_DRAFT, ST_STATUS_APPROVED, "is draft: only a submitted submission can be approved" },
    { ACTOR_REVIEWER, ST_STATUS_SUBMITTED, ST_STATUS_PUBLISHED, "only an approved submission can be published" },
    { ACTOR_REVIEWER, ST_STATUS_DRAFT, ST_STATUS_RETURNED, "only a submitted, approved or published submission can be returned" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StReport) report = new_report_at (cases[i].from);
      g_autoptr(StWorkflow) workflow = new_workflow (report, cases[i].actor);
      g_autoptr(GError) error = NULL;

      g_assert_false (st_workflow_set_status (workflow, "CO", "1", cases[i].to, "Because.", &error));
      g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

/* Submitting and approving need an answer that validation accepts; the
 * warnings are there to confirm */
static void
test_workflow_validation (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StWorkflow) department = st_workflow_new (report, ST_ROLE_DEPARTMENT, "CO", "Colin CO");
  g_autoptr(StWorkflow) reviewer = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  StSubmission *submission;

  /* Nothing written: refused, and the submission made on the way is still draft */
  g_assert_false (st_workflow_set_status (department, "CO", "2", ST_STATUS_SUBMITTED, NULL, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "CO, Action 2 has"));
  g_assert_nonnull (strstr (error->message, "error"));
  g_clear_error (&error);
  submission = st_report_lookup_submission (report, "CO", "2");
  g_assert_true (submission == NULL || st_submission_get_status (submission) == ST_STATUS_DRAFT);

  /* Every section answered, one with a placeholder: a warning, so
   * submitting is allowed, and the warning is listed */
  {
    StTemplate *template = st_report_get_template (report);
    g_autoptr(GPtrArray) sections = st_template_item_sections (template, st_template_find_item (template, "2"),
                                                                st_report_get_round (report));
    gboolean placeholder = FALSE;

    for (guint i = 0; i < sections->len; i++)
      {
        const StSection *section = g_ptr_array_index (sections, i);
        g_autofree char *text = g_strdup_printf ("The department opened %u new services to users.", i + 2);

        /* The placeholder goes in this round's progress */
        g_assert_true (st_workflow_set_text (department, "CO", "2", section->id,
                                             g_str_equal (section->id, "progress-2014") ? "Figures TBC." : text,
                                             &error));
        g_assert_no_error (error);
      }
    warnings = st_workflow_get_warnings (department, "CO", "2");
    for (guint i = 0; i < warnings->len; i++)
      {
        StFinding *finding = g_ptr_array_index (warnings, i);

        g_assert_cmpint (st_finding_get_severity (finding), ==, ST_SEVERITY_WARNING);
        if (g_str_equal (st_finding_get_rule_id (finding), ST_RULE_PLACEHOLDER))
          placeholder = TRUE;
      }
    g_assert_true (placeholder);

    /* A slip in an earlier round's text is history, not part of what is
     * submitted now */
    st_submission_set_text (st_report_lookup_submission (report, "CO", "2"), "progress-2013", "Figures TBC.");
    g_clear_pointer (&warnings, g_ptr_array_unref);
    warnings = st_workflow_get_warnings (department, "CO", "2");
    g_assert_cmpuint (warnings->len, >, 0);
    for (guint i = 0; i < warnings->len; i++)
      g_assert_cmpstr (st_finding_get_section_id (g_ptr_array_index (warnings, i)), !=, "progress-2013");
  }
  g_assert_true (st_workflow_set_status (department, "CO", "2", ST_STATUS_SUBMITTED, NULL, &error));
  g_assert_no_error (error);

  /* Emptied after submission: the reviewer cannot approve it */
  submission = st_report_lookup_submission (report, "CO", "2");
  st_submission_set_text (submission, "progress-2014", NULL);
  g_assert_false (st_workflow_set_status (reviewer, "CO", "2", ST_STATUS_APPROVED, NULL, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_cmpint (st_submission_get_status (submission), ==, ST_STATUS_SUBMITTED);
  g_clear_error (&error);

  /* Unknown ids */
  g_assert_false (st_workflow_set_status (department, "CO", "99", ST_STATUS_SUBMITTED, NULL, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (st_workflow_set_status (reviewer, "XYZ", "1", ST_STATUS_APPROVED, NULL, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_NOT_FOUND);
}

static void
test_workflow_return_needs_comment (void)
{
  static const char *blank[] = { NULL, "", "  \n\t " };

  for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
    {
      g_autoptr(StReport) report = new_report_at (ST_STATUS_SUBMITTED);
      g_autoptr(StWorkflow) reviewer = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");
      g_autoptr(GError) error = NULL;
      StSubmission *submission = st_report_lookup_submission (report, "CO", "1");
      g_autoptr(GPtrArray) threads = NULL;
      StCommentThread *thread;

      g_assert_false (st_workflow_set_status (reviewer, "CO", "1", ST_STATUS_RETURNED, blank[i], &error));
      g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
      g_assert_nonnull (strstr (error->message, "needs a comment"));
      g_assert_cmpint (st_submission_get_status (submission), ==, ST_STATUS_SUBMITTED);
      g_assert_cmpuint (st_submission_get_comments (submission)->len, ==, 0);
      g_clear_error (&error);

      g_assert_true (st_workflow_set_status (reviewer, "CO", "1", ST_STATUS_RETURNED, "Add the dates.", &error));
      g_assert_no_error (error);
      threads = st_workflow_list_threads (submission, NULL);
      g_assert_cmpuint (threads->len, ==, 1);
      thread = g_ptr_array_index (threads, 0);
      g_assert_cmpstr (thread->root->text, ==, "Add the dates.");
      g_assert_cmpstr (thread->root->author, ==, "Rita Reviewer");
      g_assert_null (thread->root->section);
      g_assert_false (thread->root->resolved);
    }
}

/* Editing an approved submission, however it is done, sends it back to
 * submitted; a returned one is edited like a draft; a published one not
 * at all */
static void
test_workflow_editing (void)
{
  g_autoptr(StReport) report = new_report_at (ST_STATUS_APPROVED);
  g_autoptr(StWorkflow) department = st_workflow_new (report, ST_ROLE_DEPARTMENT, "CO", "Colin CO");
  g_autoptr(StWorkflow) other = st_workflow_new (report, ST_ROLE_DEPARTMENT, "HMT", "Harriet HMT");
  g_autoptr(StWorkflow) reviewer = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");
  g_autoptr(GError) error = NULL;
  StSubmission *submission = st_report_lookup_submission (report, "CO", "1");
  StSubmission *later;
  const StHistoryEntry *entry;
  guint status_entries = 0;

  /* Directly on the submission, as a text view bound to it would */
  st_submission_set_text (submission, "progress-2014", "We appointed a leader.");
  g_assert_cmpint (st_submission_get_status (submission), ==, ST_STATUS_SUBMITTED);
  entry = last_entry (submission);
  g_assert_cmpstr (entry->what, ==, "status");
  g_assert_cmpstr (entry->old_text, ==, "approved");
  g_assert_cmpstr (entry->new_text, ==, "submitted");
  /* Three workflows watch the report; the change is recorded once */
  for (guint i = 0; i < st_submission_get_history (submission)->len; i++)
    if (g_str_equal (((StHistoryEntry *) g_ptr_array_index (st_submission_get_history (submission), i))->what, "status"))
      status_entries++;
  g_assert_cmpuint (status_entries, ==, 1);

  /* Further edits of the submitted one change nothing more */
  g_assert_true (st_workflow_set_text (department, "CO", "1", "progress-2014", "We appointed two leaders.", &error));
  g_assert_no_error (error);
  g_assert_cmpint (st_submission_get_status (submission), ==, ST_STATUS_SUBMITTED);
  g_assert_cmpuint (st_submission_get_history (submission)->len, ==, 1);

  /* Not another department's */
  g_assert_false (st_workflow_can_edit (other, "CO", "1", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (st_workflow_set_text (other, "CO", "1", "progress-2014", "Sabotage.", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpstr (st_submission_get_text (submission, "progress-2014"), ==, "We appointed two leaders.");

  /* Not a section the action lacks */
  g_assert_false (st_workflow_set_text (department, "CO", "15", "progress-2013", "Too early.", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Returned: edited as it is */
  g_assert_true (st_workflow_set_status (reviewer, "CO", "1", ST_STATUS_RETURNED, "Name them.", &error));
  g_assert_true (st_workflow_set_text (department, "CO", "1", "progress-2014", "We appointed Ann and Bo.", &error));
  g_assert_no_error (error);
  g_assert_cmpint (st_submission_get_status (submission), ==, ST_STATUS_RETURNED);

  /* Published: no one edits it until it is returned */
  later = st_report_ensure_submission (report, "CO", "2");
  st_submission_set_status (later, ST_STATUS_PUBLISHED);
  g_assert_false (st_workflow_set_text (department, "CO", "2", "progress-2014", "Late change.", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "published"));
  g_clear_error (&error);
  g_assert_false (st_workflow_set_not_applicable (reviewer, "CO", "2", "n/a", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_null (st_submission_get_text (later, "progress-2014"));
  g_assert_false (st_submission_get_not_applicable (later));

  /* Once a workflow is gone, it watches nothing */
  g_clear_object (&department);
  g_clear_object (&other);
  g_clear_object (&reviewer);
  st_submission_set_status (later, ST_STATUS_APPROVED);
  st_submission_set_text (later, "progress-2014", "Edited with no workflow.");
  g_assert_cmpint (st_submission_get_status (later), ==, ST_STATUS_APPROVED);
}

/* A pack is worked on by its own department only */
static void
test_workflow_in_pack (void)
{
  g_autoptr(StReport) report = new_report_at (ST_STATUS_DRAFT);
  g_autoptr(StReport) pack = st_pack_new (report, "CO", "report.stocktake", NULL);
  g_autoptr(StWorkflow) department = NULL;
  g_autoptr(StWorkflow) other = NULL;
  g_autoptr(StWorkflow) reviewer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (pack);
  department = st_workflow_new (pack, ST_ROLE_DEPARTMENT, "CO", "Colin CO");
  other = st_workflow_new (pack, ST_ROLE_DEPARTMENT, "HMT", "Harriet HMT");
  reviewer = st_workflow_new (pack, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");

  g_assert_true (st_workflow_set_status (department, "CO", "1", ST_STATUS_SUBMITTED, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (st_workflow_set_status (reviewer, "CO", "1", ST_STATUS_APPROVED, NULL, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "department pack"));
  g_clear_error (&error);

  g_assert_false (st_workflow_set_text (other, "HMT", "1", "progress-2014", "Ours.", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "CO’s department pack"));
  g_clear_error (&error);
  g_assert_null (st_report_lookup_submission (pack, "HMT", "1"));

  g_assert_cmpuint (st_workflow_publish_approved (reviewer, &error), ==, 0);
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
}

static void
test_workflow_publish (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StWorkflow) reviewer = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");
  g_autoptr(StWorkflow) department = st_workflow_new (report, ST_ROLE_DEPARTMENT, "CO", "Colin CO");
  g_autoptr(GError) error = NULL;
  const char *items[] = { "1", "2", "3" };
  StStatus statuses[] = { ST_STATUS_APPROVED, ST_STATUS_SUBMITTED, ST_STATUS_APPROVED };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      StSubmission *submission = st_report_ensure_submission (report, "CO", items[i]);

      st_submission_set_not_applicable (submission, VALID_REASON);
      st_submission_set_status (submission, statuses[i]);
    }

  g_assert_cmpuint (st_workflow_publish_approved (department, &error), ==, 0);
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_cmpuint (st_workflow_publish_approved (reviewer, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (report, "CO", "1")), ==, ST_STATUS_PUBLISHED);
  g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (report, "CO", "2")), ==, ST_STATUS_SUBMITTED);
  g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (report, "CO", "3")), ==, ST_STATUS_PUBLISHED);
  g_assert_cmpstr (last_entry (st_report_lookup_submission (report, "CO", "3"))->new_text, ==, "published");
}

static void
test_workflow_comments (void)
{
  g_autoptr(StReport) report = new_report_at (ST_STATUS_SUBMITTED);
  g_autoptr(StWorkflow) reviewer = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");
  g_autoptr(StWorkflow) department = st_workflow_new (report, ST_ROLE_DEPARTMENT, "CO", "Colin CO");
  g_autoptr(StWorkflow) other = st_workflow_new (report, ST_ROLE_DEPARTMENT, "HMT", "Harriet HMT");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *reply2 = NULL;
  StSubmission *submission = st_report_lookup_submission (report, "CO", "1");
  StCommentThread *thread;

  /* Only the central team starts a thread */
  g_assert_null (st_workflow_add_comment (department, "CO", "1", "progress-2014", "A note.", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_null (st_workflow_add_comment (reviewer, "CO", "1", "no-such-section", "Hm.", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (st_workflow_add_comment (reviewer, "CO", "1", "progress-2014", " \n", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpuint (st_submission_get_comments (submission)->len, ==, 0);

  first = g_strdup (st_workflow_add_comment (reviewer, "CO", "1", "progress-2014", "Please add dates.", &error));
  g_assert_no_error (error);
  second = g_strdup (st_workflow_add_comment (reviewer, "CO", "1", "plans-2015", "Say who leads.", &error));
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpstr (first, !=, second);

  /* Replies, from either side; a reply to a reply joins the same thread */
  reply = g_strdup (st_workflow_reply (department, first, "Added: March 2014.", &error));
  g_assert_no_error (error);
  reply2 = g_strdup (st_workflow_reply (reviewer, reply, "Thank you.", &error));
  g_assert_no_error (error);
  g_assert_null (st_workflow_reply (other, first, "Not ours.", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_null (st_workflow_reply (department, "c-missing", "Hello?", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_NOT_FOUND);
  g_clear_error (&error);

  threads = st_workflow_list_threads (submission, "progress-2014");
  g_assert_cmpuint (threads->len, ==, 1);
  thread = g_ptr_array_index (threads, 0);
  g_assert_cmpstr (thread->root->id, ==, first);
  g_assert_cmpuint (thread->replies->len, ==, 2);
  g_assert_cmpstr (((StComment *) g_ptr_array_index (thread->replies, 0))->text, ==, "Added: March 2014.");
  g_assert_cmpstr (((StComment *) g_ptr_array_index (thread->replies, 0))->author, ==, "Colin CO");
  g_assert_cmpstr (((StComment *) g_ptr_array_index (thread->replies, 1))->reply_to, ==, first);
  g_assert_cmpstr (((StComment *) g_ptr_array_index (thread->replies, 1))->section, ==, "progress-2014");

  all = st_workflow_list_threads (submission, NULL);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (st_workflow_count_unresolved (submission, NULL), ==, 2);
  g_assert_cmpuint (st_workflow_count_unresolved (submission, "plans-2015"), ==, 1);
  g_assert_cmpuint (st_workflow_count_unresolved (submission, "commitments-2012"), ==, 0);

  /* The department resolves (through any comment of the thread); the
   * central team may reopen */
  g_assert_false (st_workflow_resolve (other, first, TRUE, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_true (st_workflow_resolve (department, reply, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (st_workflow_find_comment (report, first, NULL)->resolved);
  g_assert_cmpuint (st_workflow_count_unresolved (submission, NULL), ==, 1);
  g_assert_cmpuint (st_workflow_count_unresolved_in_report (report, NULL), ==, 1);
  g_assert_cmpuint (st_workflow_count_unresolved_in_report (report, "HMT"), ==, 0);
  g_assert_true (st_workflow_resolve (reviewer, first, FALSE, &error));
  g_assert_cmpuint (st_workflow_count_unresolved (submission, "progress-2014"), ==, 1);

  /* Comments survive saving and loading */
  {
    g_autofree char *data = st_report_to_data (report, NULL);
    g_autoptr(StReport) loaded = st_report_new_from_data (data, -1, NULL, &error);
    g_autoptr(GPtrArray) again = NULL;

    g_assert_no_error (error);
    again = st_workflow_list_threads (st_report_lookup_submission (loaded, "CO", "1"), "progress-2014");
    g_assert_cmpuint (again->len, ==, 1);
    g_assert_cmpuint (((StCommentThread *) g_ptr_array_index (again, 0))->replies->len, ==, 2);
  }
}

static void
on_changed (StReport     *report,
            StSubmission *submission,
            const char   *section_id,
            guint        *count)
{
  (*count)++;
}

/* Adding or resolving a comment is a change the window must save */
static void
test_workflow_comments_signal (void)
{
  g_autoptr(StReport) report = new_report_at (ST_STATUS_SUBMITTED);
  g_autoptr(StWorkflow) reviewer = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");
  const char *id;
  guint count = 0;

  g_signal_connect (report, "changed", G_CALLBACK (on_changed), &count);
  id = st_workflow_add_comment (reviewer, "CO", "1", NULL, "Overall fine.", NULL);
  g_assert_nonnull (id);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (st_workflow_resolve (reviewer, id, TRUE, NULL));
  g_assert_cmpuint (count, ==, 2);
  /* Resolving again changes nothing */
  g_assert_true (st_workflow_resolve (reviewer, id, TRUE, NULL));
  g_assert_cmpuint (count, ==, 2);
}

/* Ids stay unique across many comments and across a report and its pack */
static void
test_workflow_comment_ids (void)
{
  g_autoptr(StReport) report = new_report_at (ST_STATUS_SUBMITTED);
  g_autoptr(StWorkflow) reviewer = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < 200; i++)
    {
      const char *id = st_workflow_add_comment (reviewer, i % 2 ? "CO" : "HMT", "1", NULL, "Note.", NULL);

      g_assert_nonnull (id);
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);
    }
  g_assert_cmpuint (st_workflow_count_unresolved_in_report (report, NULL), ==, 200);
}

/* With the history of saves attached, a status change first records the
 * unsaved edits, so the approved text is known */
static void
test_workflow_history_at_approval (void)
{
  g_autoptr(StReport) report = new_report_at (ST_STATUS_SUBMITTED);
  g_autoptr(StHistory) history = st_history_new (report);
  g_autoptr(StWorkflow) reviewer = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");
  g_autoptr(GError) error = NULL;
  g_autofree char *approved = NULL;
  StSubmission *submission = st_report_lookup_submission (report, "CO", "1");

  st_workflow_set_history (reviewer, history);
  g_assert_true (st_workflow_get_history (reviewer) == history);

  /* A reviewer's small fix, unsaved, then approval */
  st_submission_set_text (submission, "progress-2014", "Fixed by the reviewer.");
  g_assert_true (st_workflow_set_status (reviewer, "CO", "1", ST_STATUS_APPROVED, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (st_history_has_changes (history));

  /* A later edit: the approved text is the one at approval */
  st_submission_set_text (submission, "progress-2014", "Changed after approval.");
  g_assert_true (st_history_get_approved_text (submission, "progress-2014", &approved));
  g_assert_cmpstr (approved, ==, "Fixed by the reviewer.");
}

static void
test_workflow_roles_and_places (void)
{
  g_autoptr(StReport) report = new_report ();
  StTemplate *template = st_report_get_template (report);
  g_autofree char *a = st_workflow_describe (template, "CO", "1", NULL);
  g_autofree char *b = st_workflow_describe (template, "FCO", "4", "progress-2014");
  g_autofree char *c = st_workflow_describe (template, "XYZ", "99", "nowhere");
  StRole role;

  g_assert_cmpstr (a, ==, "CO, Action 1");
  g_assert_cmpstr (b, ==, "FCO, Action 4, Progress during 2014");
  g_assert_cmpstr (c, ==, "XYZ, Action 99, nowhere");

  g_assert_true (st_role_from_string ("department", &role));
  g_assert_cmpint (role, ==, ST_ROLE_DEPARTMENT);
  g_assert_true (st_role_from_string (st_role_to_string (ST_ROLE_REVIEWER), &role));
  g_assert_cmpint (role, ==, ST_ROLE_REVIEWER);
  g_assert_false (st_role_from_string ("publisher", &role));
  g_assert_false (st_role_from_string (NULL, &role));

  g_assert_true (st_workflow_rule_needs_comment (ST_STATUS_SUBMITTED, ST_STATUS_RETURNED));
  g_assert_false (st_workflow_rule_needs_comment (ST_STATUS_SUBMITTED, ST_STATUS_APPROVED));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workflow/transitions", test_workflow_transitions);
  g_test_add_func ("/workflow/refusal-messages", test_workflow_refusal_messages);
  g_test_add_func ("/workflow/validation", test_workflow_validation);
  g_test_add_func ("/workflow/return-needs-comment", test_workflow_return_needs_comment);
  g_test_add_func ("/workflow/editing", test_workflow_editing);
  g_test_add_func ("/workflow/in-pack", test_workflow_in_pack);
  g_test_add_func ("/workflow/publish", test_workflow_publish);
  g_test_add_func ("/workflow/comments", test_workflow_comments);
  g_test_add_func ("/workflow/comments-signal", test_workflow_comments_signal);
  g_test_add_func ("/workflow/comment-ids", test_workflow_comment_ids);
  g_test_add_func ("/workflow/history-at-approval", test_workflow_history_at_approval);
  g_test_add_func ("/workflow/roles-and-places", test_workflow_roles_and_places);

  return g_test_run ();
}
