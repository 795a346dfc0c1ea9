/* test-pack.c: department packs, and merging them back
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stocktake-core.h"

#define CO_REASON "This action is not applicable to CO."

/* What other departments wrote, and who: none of it may reach CO's pack */
static const char *others_secrets[] = {
  "Treasury appointed Hamish Hale as digital leader",
  "Harriet Treasury-Editor",
  "Please say when Hamish started.",
  "Rhiannon HMT-Reviewer",
  "Universal Credit went live in four jobcentres",
  "Dora DWP-Editor",
  "An earlier DWP draft about jobcentres",
};

static StReport *
new_report (void)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);
  StReport *report;
  StSubmission *submission;
  GDate date;

  g_assert_nonnull (template);
  report = st_report_new (template);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, G_DATE_JANUARY, 2015);
  st_report_set_updated (report, &date);
  st_report_set_rule_enabled (report, "long-sentence", FALSE);

  submission = st_report_ensure_submission (report, "CO", "1");
  st_submission_set_text (submission, "commitments-2012", "CO committed to a digital leader.");
  st_submission_set_text (submission, "progress-2014", "CO appointed a leader.");
  st_submission_set_text (submission, "plans-2015", "CO will train staff.");
  st_submission_set_status (submission, ST_STATUS_SUBMITTED);
  st_submission_add_comment (submission,
                             st_comment_new ("c-rita-1", "progress-2014", "Rita Reviewer", "2026-11-20T10:00:00Z",
                                             "Please name the leader.", NULL, FALSE));
  st_submission_add_history (submission,
                             st_history_entry_new ("Colin CO-Editor", "2026-11-19T10:00:00Z", "progress-2014",
                                                   "edit", NULL, "CO appointed a leader."));

  submission = st_report_ensure_submission (report, "HMT", "1");
  st_submission_set_text (submission, "progress-2014", others_secrets[0]);
  st_submission_add_history (submission,
                             st_history_entry_new (others_secrets[1], "2026-11-19T10:00:00Z", "progress-2014",
                                                   "edit", NULL, others_secrets[0]));
  st_submission_add_comment (submission,
                             st_comment_new ("c-hmt-1", "progress-2014", others_secrets[3], "2026-11-20T10:00:00Z",
                                             others_secrets[2], NULL, FALSE));

  submission = st_report_ensure_submission (report, "DWP", "2");
  st_submission_set_text (submission, "progress-2014", others_secrets[4]);
  st_submission_add_history (submission,
                             st_history_entry_new (others_secrets[5], "2026-11-19T10:00:00Z", "progress-2014",
                                                   "edit", others_secrets[6], others_secrets[4]));
  return report;
}

/* Through the file format and back, as packs travel */
static StReport *
reload (StReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = st_report_to_data (report, NULL);
  StReport *copy = st_report_new_from_data (data, -1, NULL, &error);

  g_assert_no_error (error);
  return copy;
}

static void
reload_in_place (StReport **report)
{
  StReport *old = *report;

  *report = reload (old);
  g_object_unref (old);
}

static StReport *
make_pack (StReport   *report,
           const char *respondent_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) pack = st_pack_new (report, respondent_id, "gds.stocktake", &error);

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  return reload (pack);
}

static void
test_pack_contents (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StReport) pack = NULL;
  g_autoptr(StReport) empty = NULL;
  g_autoptr(StReport) pack_of_pack = NULL;
  g_autoptr(StSubmission) stray = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issued = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *fingerprint = NULL;
  StPackRecord *record;

  g_assert_false (st_report_is_pack (report));
  pack = make_pack (report, "CO");
  bytes = st_report_to_data (pack, NULL);

  /* CO's own work is there, with its comments and history */
  g_assert_nonnull (strstr (bytes, "CO appointed a leader."));
  g_assert_nonnull (strstr (bytes, "Please name the leader."));
  g_assert_nonnull (strstr (bytes, "Colin CO-Editor"));
  /* Nothing of any other department: texts, comments, names */
  for (guint i = 0; i < G_N_ELEMENTS (others_secrets); i++)
    {
      g_test_message ("looking for “%s”", others_secrets[i]);
      g_assert_null (strstr (bytes, others_secrets[i]));
    }

  g_assert_true (st_report_is_pack (pack));
  g_assert_cmpstr (st_report_get_pack_respondent (pack), ==, "CO");
  g_assert_cmpstr (st_report_get_pack_source (pack), ==, "gds.stocktake");
  g_assert_nonnull (st_report_get_pack_id (pack));
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$",
                                       st_report_get_pack_issued (pack), 0, 0));
  fingerprint = st_pack_fingerprint (st_report_get_template (report));
  g_assert_true (g_str_has_prefix (fingerprint, "sha256:"));
  g_assert_cmpstr (st_report_get_pack_template (pack), ==, fingerprint);
  g_assert_cmpuint (st_report_get_n_submissions (pack), ==, 1);
  g_assert_cmpuint (st_report_get_round (pack), ==, st_report_get_round (report));
  g_assert_nonnull (st_report_get_updated (pack));
  g_assert_false (st_report_rule_enabled (pack, "long-sentence"));
  g_assert_true (st_submission_equal (st_report_lookup_submission (pack, "CO", "1"),
                                      st_report_lookup_submission (report, "CO", "1")));

  /* The report remembers issuing it */
  issued = st_pack_list_issued (report);
  g_assert_cmpuint (issued->len, ==, 1);
  record = g_ptr_array_index (issued, 0);
  g_assert_cmpstr (record->id, ==, st_report_get_pack_id (pack));
  g_assert_cmpstr (record->respondent_id, ==, "CO");
  g_assert_cmpstr (record->issued, ==, st_report_get_pack_issued (pack));
  g_assert_cmpstr (record->template_fingerprint, ==, fingerprint);
  g_assert_null (record->merged);
  g_assert_cmpuint (record->n_merges, ==, 0);
  {
    /* and keeps that across saving */
    g_autoptr(StReport) saved = reload (report);
    g_autoptr(GPtrArray) again = st_pack_list_issued (saved);

    g_assert_cmpuint (again->len, ==, 1);
    g_assert_true (st_report_equal (report, saved));
  }

  /* A pack holds its own department's submissions only */
  g_assert_null (st_report_ensure_submission (pack, "HMT", "1"));
  g_assert_nonnull (st_report_ensure_submission (pack, "CO", "2"));
  stray = st_submission_new ("HMT", "2");
  g_assert_false (st_report_add_submission (pack, stray, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);

  /* A department with nothing yet gets an empty pack */
  empty = make_pack (report, "DfE");
  g_assert_cmpuint (st_report_get_n_submissions (empty), ==, 0);

  g_assert_null (st_pack_new (report, "XYZ", NULL, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_NOT_FOUND);
  g_clear_error (&error);
  pack_of_pack = st_pack_new (pack, "CO", NULL, &error);
  g_assert_null (pack_of_pack);
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
}

/* A report equal to @report: others' submissions are not touched */
static void
assert_others_unchanged (StReport *before,
                         StReport *after)
{
  for (guint i = 0; i < st_report_get_n_submissions (before); i++)
    {
      StSubmission *a = st_report_get_submission (before, i);

      if (g_str_equal (st_submission_get_respondent_id (a), "CO"))
        continue;
      g_assert_true (st_submission_equal (a, st_report_lookup_submission (after,
                                                                          st_submission_get_respondent_id (a),
                                                                          st_submission_get_item_id (a))));
    }
}

static gboolean
has_change (StMerge           *merge,
            StMergeChangeKind  kind,
            const char        *item_id)
{
  GPtrArray *changes = st_merge_get_changes (merge);

  for (guint i = 0; i < changes->len; i++)
    {
      StMergeChange *change = g_ptr_array_index (changes, i);

      if (change->kind == kind && g_str_equal (change->item_id, item_id))
        return TRUE;
    }
  return FALSE;
}

static void
test_pack_merge_clean (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StReport) before = NULL;
  g_autoptr(StReport) pack = make_pack (report, "CO");
  g_autoptr(StReport) returned = NULL;
  g_autoptr(StHistory) history = st_history_new (pack);
  g_autoptr(StWorkflow) department = st_workflow_new (pack, ST_ROLE_DEPARTMENT, "CO", "Colin CO-Editor");
  g_autoptr(StMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issued = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  StSubmission *co1, *co2;
  const char *reply;
  guint status_entries = 0;

  st_workflow_set_history (department, history);
  reload_in_place (&report);   /* saved after issuing */
  before = reload (report);

  /* The department works offline */
  g_assert_true (st_workflow_set_text (department, "CO", "1", "progress-2014",
                                       "CO appointed Ann Smith as digital leader.", &error));
  g_assert_true (st_workflow_set_not_applicable (department, "CO", "2", CO_REASON, &error));
  g_assert_true (st_workflow_set_status (department, "CO", "2", ST_STATUS_SUBMITTED, NULL, &error));
  reply = st_workflow_reply (department, "c-rita-1", "Named: Ann Smith.", &error);
  g_assert_nonnull (reply);
  g_assert_true (st_workflow_resolve (department, "c-rita-1", TRUE, &error));
  g_assert_no_error (error);
  st_history_record (history, "Colin CO-Editor");
  returned = reload (pack);

  merge = st_merge_new (report, returned);
  g_assert_true (st_merge_check (merge, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (st_merge_get_problems (merge)->len, ==, 0);
  g_assert_cmpuint (st_merge_get_conflicts (merge)->len, ==, 0);
  g_assert_true (has_change (merge, ST_MERGE_CHANGE_TEXT, "1"));
  g_assert_true (has_change (merge, ST_MERGE_CHANGE_NOT_APPLICABLE, "2"));
  g_assert_true (has_change (merge, ST_MERGE_CHANGE_STATUS, "2"));
  g_assert_true (has_change (merge, ST_MERGE_CHANGE_COMMENT, "1"));
  g_assert_true (has_change (merge, ST_MERGE_CHANGE_RESOLVED, "1"));
  g_assert_true (has_change (merge, ST_MERGE_CHANGE_HISTORY, "1"));
  g_assert_false (has_change (merge, ST_MERGE_CHANGE_STATUS, "1"));

  g_assert_true (st_merge_apply (merge, "Mo Merger", &error));
  g_assert_no_error (error);
  /* Once only */
  g_assert_false (st_merge_apply (merge, "Mo Merger", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_CONFLICT);
  g_clear_error (&error);

  co1 = st_report_lookup_submission (report, "CO", "1");
  co2 = st_report_lookup_submission (report, "CO", "2");
  g_assert_cmpstr (st_submission_get_text (co1, "progress-2014"), ==, "CO appointed Ann Smith as digital leader.");
  g_assert_cmpstr (st_submission_get_text (co1, "plans-2015"), ==, "CO will train staff.");
  g_assert_cmpint (st_submission_get_status (co1), ==, ST_STATUS_SUBMITTED);
  g_assert_nonnull (co2);
  g_assert_cmpstr (st_submission_get_not_applicable_reason (co2), ==, CO_REASON);
  g_assert_cmpint (st_submission_get_status (co2), ==, ST_STATUS_SUBMITTED);
  /* The department's own status entry came with its history, once */
  for (guint i = 0; i < st_submission_get_history (co2)->len; i++)
    {
      const StHistoryEntry *entry = g_ptr_array_index (st_submission_get_history (co2), i);

      if (g_str_equal (entry->what, "status"))
        {
          status_entries++;
          g_assert_cmpstr (entry->author, ==, "Colin CO-Editor");
        }
    }
  g_assert_cmpuint (status_entries, ==, 1);

  threads = st_workflow_list_threads (co1, "progress-2014");
  g_assert_cmpuint (threads->len, ==, 1);
  g_assert_true (((StCommentThread *) g_ptr_array_index (threads, 0))->root->resolved);
  g_assert_cmpuint (((StCommentThread *) g_ptr_array_index (threads, 0))->replies->len, ==, 1);

  /* A "merge" entry says who merged what */
  {
    g_autoptr(GPtrArray) versions = st_history_list_versions (co1, "progress-2014");
    const StVersion *last = g_ptr_array_index (versions, versions->len - 1);

    g_assert_cmpstr (last->text, ==, "CO appointed Ann Smith as digital leader.");
    g_assert_true (last->saved);
  }
  {
    GPtrArray *entries = st_submission_get_history (co1);
    const StHistoryEntry *last = g_ptr_array_index (entries, entries->len - 1);

    g_assert_cmpstr (last->what, ==, "merge");
    g_assert_cmpstr (last->author, ==, "Mo Merger");
    g_assert_cmpstr (last->old_text, ==, "CO appointed a leader.");
  }

  assert_others_unchanged (before, report);
  issued = st_pack_list_issued (report);
  g_assert_cmpuint (((StPackRecord *) g_ptr_array_index (issued, 0))->n_merges, ==, 1);
  g_assert_nonnull (((StPackRecord *) g_ptr_array_index (issued, 0))->merged);

  /* The same pack again: nothing to do */
  reload_in_place (&report);
  {
    g_autoptr(StMerge) again = st_merge_new (report, returned);

    g_assert_true (st_merge_check (again, NULL));
    g_assert_cmpuint (st_merge_get_changes (again)->len, ==, 0);
    g_assert_cmpuint (st_merge_get_conflicts (again)->len, ==, 0);
  }

  /* The department goes on in the same pack and sends it again: its
   * newer text is taken, with no conflict with its own earlier one */
  g_assert_true (st_workflow_set_text (department, "CO", "1", "progress-2014",
                                       "CO appointed Ann Smith as digital leader in March.", &error));
  st_history_record (history, "Colin CO-Editor");
  g_clear_object (&returned);
  returned = reload (pack);
  {
    g_autoptr(StMerge) again = st_merge_new (report, returned);

    g_assert_true (st_merge_check (again, &error));
    g_assert_cmpuint (st_merge_get_conflicts (again)->len, ==, 0);
    g_assert_true (st_merge_apply (again, "Mo Merger", &error));
    g_assert_no_error (error);
    g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "CO", "1"), "progress-2014"),
                     ==, "CO appointed Ann Smith as digital leader in March.");
    /* The reply came once */
    g_assert_cmpuint (st_submission_get_comments (st_report_lookup_submission (report, "CO", "1"))->len, ==, 2);
  }
}

static void
count_changed (StReport     *report,
               StSubmission *submission,
               const char   *section_id,
               GPtrArray    *heard)
{
  g_ptr_array_add (heard, submission != NULL ? g_object_ref (submission) : NULL);
}

/* Whoever watches the report hears of a merged submission once, when
 * everything in it is in place, however many of its sections changed */
static void
test_pack_merge_changed_once (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StReport) pack = make_pack (report, "CO");
  g_autoptr(StHistory) history = st_history_new (pack);
  g_autoptr(StMerge) merge = NULL;
  g_autoptr(GPtrArray) heard = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  StSubmission *co1 = st_report_lookup_submission (pack, "CO", "1");
  StSubmission *in_report;

  st_submission_set_text (co1, "commitments-2012", "CO committed to a digital leader, and more.");
  st_submission_set_text (co1, "progress-2014", "CO appointed a leader in March.");
  st_submission_set_text (co1, "plans-2015", "CO will train all its staff.");
  st_history_record (history, "Colin CO-Editor");

  merge = st_merge_new (report, pack);
  g_assert_true (st_merge_check (merge, &error));
  g_assert_no_error (error);
  g_signal_connect (report, "changed", G_CALLBACK (count_changed), heard);
  g_assert_true (st_merge_apply (merge, "Mo Merger", &error));
  g_assert_no_error (error);

  in_report = st_report_lookup_submission (report, "CO", "1");
  g_assert_cmpuint (heard->len, ==, 1);
  g_assert_true (g_ptr_array_index (heard, 0) == in_report);
  g_assert_cmpstr (st_submission_get_text (in_report, "plans-2015"), ==, "CO will train all its staff.");
  g_signal_handlers_disconnect_by_data (report, heard);
}

/* Ways a pack can go wrong. Each edits CO's action 1 as well, so that a
 * refusal visibly applies nothing. */
typedef void (*TamperFunc) (StReport *report,
                            StReport *pack);

static void
remark (StReport   *pack,
        const char *respondent,
        const char *issued)
{
  g_autofree char *id = g_strdup (st_report_get_pack_id (pack));
  g_autofree char *fingerprint = g_strdup (st_report_get_pack_template (pack));
  g_autofree char *source = g_strdup (st_report_get_pack_source (pack));

  st_report_set_pack (pack, respondent, issued, source);
  st_report_set_pack_identity (pack, id, fingerprint);
}

static void
tamper_other_department (StReport *report,
                         StReport *pack)
{
  g_autofree char *issued = g_strdup (st_report_get_pack_issued (pack));
  g_autofree char *id = g_strdup (st_report_get_pack_id (pack));
  g_autofree char *fingerprint = g_strdup (st_report_get_pack_template (pack));

  st_report_set_pack (pack, NULL, NULL, NULL);
  st_submission_set_text (st_report_ensure_submission (pack, "HMT", "1"), "progress-2014", "Overwritten.");
  st_report_set_pack (pack, "CO", issued, "gds.stocktake");
  st_report_set_pack_identity (pack, id, fingerprint);
}

static void
tamper_respondent (StReport *report,
                   StReport *pack)
{
  g_autofree char *issued = g_strdup (st_report_get_pack_issued (pack));

  remark (pack, "HMT", issued);
}

static void
tamper_issued (StReport *report,
               StReport *pack)
{
  remark (pack, "CO", "2020-01-01T00:00:00Z");
}

static void
tamper_approved (StReport *report,
                 StReport *pack)
{
  st_submission_set_status (st_report_lookup_submission (pack, "CO", "1"), ST_STATUS_APPROVED);
}

static void
tamper_back_to_draft (StReport *report,
                      StReport *pack)
{
  st_submission_set_status (st_report_lookup_submission (pack, "CO", "1"), ST_STATUS_DRAFT);
}

static void
tamper_submitted_with_errors (StReport *report,
                              StReport *pack)
{
  StSubmission *submission = st_report_ensure_submission (pack, "CO", "3");

  st_submission_set_text (submission, "plans-2015", "Only a plan.");
  st_submission_set_status (submission, ST_STATUS_SUBMITTED);
}

static void
tamper_new_thread (StReport *report,
                   StReport *pack)
{
  st_submission_add_comment (st_report_lookup_submission (pack, "CO", "1"),
                             st_comment_new ("c-new", "plans-2015", "Colin CO-Editor", "2026-11-22T10:00:00Z",
                                             "A thread of our own.", NULL, FALSE));
}

static void
tamper_reviewer_comment (StReport *report,
                         StReport *pack)
{
  StComment *comment = st_workflow_find_comment (pack, "c-rita-1", NULL);

  g_free (comment->text);
  comment->text = g_strdup ("Looks perfect.");
}

static void
tamper_lost_submission (StReport *report,
                        StReport *pack)
{
  st_report_remove_submission (pack, "CO", "1");
  st_submission_set_text (st_report_ensure_submission (pack, "CO", "2"), "progress-2014", "Something.");
}

static void
tamper_round (StReport *report,
              StReport *pack)
{
  st_report_set_round (pack, 1);
}

static void
tamper_section (StReport *report,
                StReport *pack)
{
  /* Action 15 starts with the 2014 round */
  st_submission_set_text (st_report_ensure_submission (pack, "CO", "15"), "progress-2013", "Too early.");
}

static void
tamper_template (StReport *report,
                 StReport *pack)
{
  /* Done on the file's text below */
}

static void
tamper_foreign_pack (StReport *report,
                     StReport *pack)
{
  /* Done below: a pack another copy of the report issued */
}

static void
tamper_not_a_pack (StReport *report,
                   StReport *pack)
{
  st_report_set_pack (pack, NULL, NULL, NULL);
}

static void
test_pack_refused (void)
{
  static const struct {
    const char *name;
    TamperFunc  tamper;
    const char *message;
  } cases[] = {
    { "other-department", tamper_other_department,
      "HMT, Action 1: the pack holds another department’s submission; CO’s pack may only change CO’s submissions" },
    { "respondent", tamper_respondent, "The pack says it is HMT’s, but it was issued to CO" },
    { "issued", tamper_issued, "The pack says it was issued at 2020-01-01T00:00:00Z" },
    { "approved", tamper_approved, "CO, Action 1: the pack marks it approved, which only the central team can do" },
    { "back-to-draft", tamper_back_to_draft, "CO, Action 1: the pack moves it from submitted to draft" },
    { "submitted-with-errors", tamper_submitted_with_errors, "CO, Action 3: the pack marks it submitted, but it has" },
    { "new-thread", tamper_new_thread, "CO, Action 1: the pack starts a new comment thread" },
    { "reviewer-comment", tamper_reviewer_comment, "CO, Action 1: the pack changes a comment that Rita Reviewer wrote" },
    { "lost-submission", tamper_lost_submission, "CO, Action 1: the pack has lost this submission" },
    { "round", tamper_round, "The pack collects the round “2013” but the report collects “2014”" },
    { "section", tamper_section, "CO, Action 15: the pack has text for “progress-2013”" },
    { "template", tamper_template, "The pack’s template has been changed" },
    { "foreign", tamper_foreign_pack, "This report did not issue the pack" },
    { "not-a-pack", tamper_not_a_pack, "This is not a department pack" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StReport) report = new_report ();
      g_autoptr(StReport) pack = NULL;
      g_autoptr(StMerge) merge = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      g_test_message ("case %s", cases[i].name);
      if (g_str_equal (cases[i].name, "foreign"))
        {
          g_autoptr(StReport) copy = reload (report);

          pack = make_pack (copy, "CO");
        }
      else
        pack = make_pack (report, "CO");
      reload_in_place (&report);
      before = st_report_to_data (report, NULL);

      /* A good change, and the bad one */
      st_submission_set_text (st_report_lookup_submission (pack, "CO", "1") ?: st_report_ensure_submission (pack, "CO", "2"),
                              "plans-2015", "A fine new plan.");
      cases[i].tamper (report, pack);
      if (g_str_equal (cases[i].name, "template"))
        {
          g_autofree char *data = st_report_to_data (pack, NULL);
          g_autoptr(GString) changed = g_string_new (data);

          g_assert_cmpuint (g_string_replace (changed, "Here’s how departments are responding",
                                              "Here’s how ministries are responding", 0), ==, 1);
          g_clear_object (&pack);
          pack = st_report_new_from_data (changed->str, -1, NULL, &error);
          g_assert_no_error (error);
        }

      merge = st_merge_new (report, pack);
      g_assert_false (st_merge_check (merge, &error));
      g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_cmpuint (st_merge_get_problems (merge)->len, >, 0);
      g_clear_error (&error);

      g_assert_false (st_merge_apply (merge, "Mo Merger", &error));
      g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
      after = st_report_to_data (report, NULL);
      g_assert_cmpstr (after, ==, before);
    }
}

/* Merging into a pack, and a pack with the central team's preamble */
static void
test_pack_refused_targets (void)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("dec-2022", NULL);
  g_autoptr(StReport) report = st_report_new (template);
  g_autoptr(StReport) pack = NULL;
  g_autoptr(StReport) other = NULL;
  g_autoptr(StMerge) into_pack = NULL;
  g_autoptr(StMerge) preamble = NULL;
  g_autoptr(GError) error = NULL;

  st_report_set_preamble_text (report, "overview", "The central team’s overview.");
  pack = make_pack (report, "CDDO");
  g_assert_null (st_report_get_preamble_text (pack, "overview"));
  other = make_pack (report, "CDDO");

  into_pack = st_merge_new (other, pack);
  g_assert_false (st_merge_check (into_pack, &error));
  g_assert_nonnull (strstr (error->message, "not into another department pack"));
  g_clear_error (&error);

  st_report_set_preamble_text (pack, "overview", "Our own overview.");
  preamble = st_merge_new (report, pack);
  g_assert_false (st_merge_check (preamble, &error));
  g_assert_nonnull (strstr (error->message, "The pack has text for “Overview”, which only the central team writes"));
  g_assert_cmpstr (st_report_get_preamble_text (report, "overview"), ==, "The central team’s overview.");
}

/* Changed on both sides: kept, shown, and settled only by a choice */
static void
test_pack_conflicts (void)
{
  static const StMergeChoice choices[] = { ST_MERGE_TAKE_REPORT, ST_MERGE_TAKE_PACK, ST_MERGE_TAKE_CUSTOM };
  static const char *expected[] = { "Report: CO appointed a leader in May.", "CO appointed Ann Smith.", "Custom: Ann Smith, in May." };

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autoptr(StReport) report = new_report ();
      g_autoptr(StReport) pack = make_pack (report, "CO");
      g_autoptr(StMerge) merge = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *diff = NULL;
      StSubmission *in_report = st_report_lookup_submission (report, "CO", "1");
      StSubmission *in_pack = st_report_lookup_submission (pack, "CO", "1");
      StMergeConflict *conflict;
      guint conflicts_na = 0;

      /* The central team fixes a section; the department rewrites it */
      st_submission_set_text (in_report, "progress-2014", "Report: CO appointed a leader in May.");
      st_submission_set_text (in_pack, "progress-2014", "CO appointed Ann Smith.");
      /* Both make the same change: no conflict */
      st_submission_set_text (in_report, "plans-2015", "CO will train all staff.");
      st_submission_set_text (in_pack, "plans-2015", "CO will train all staff.");
      /* Only the department: a plain change */
      st_submission_set_text (in_pack, "commitments-2012", "CO committed to a leader.");
      /* Both give different reasons for action 4 */
      st_submission_set_not_applicable (st_report_ensure_submission (report, "CO", "4"), "Report’s reason.");
      st_submission_set_not_applicable (st_report_ensure_submission (pack, "CO", "4"), "Pack’s reason.");
      before = st_report_to_data (report, NULL);

      merge = st_merge_new (report, pack);
      g_assert_true (st_merge_check (merge, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (st_merge_get_conflicts (merge)->len, ==, 2);
      g_assert_cmpuint (st_merge_count_unresolved (merge), ==, 2);
      conflict = g_ptr_array_index (st_merge_get_conflicts (merge), 0);
      g_assert_cmpstr (conflict->item_id, ==, "1");
      g_assert_cmpstr (conflict->section_id, ==, "progress-2014");
      g_assert_cmpstr (conflict->report_text, ==, "Report: CO appointed a leader in May.");
      g_assert_cmpstr (conflict->pack_text, ==, "CO appointed Ann Smith.");
      diff = st_diff_format (conflict->diff, G_MAXUINT);
      g_assert_nonnull (strstr (diff, "[-Report:-]"));
      g_assert_nonnull (strstr (diff, "{+Ann"));
      conflict = g_ptr_array_index (st_merge_get_conflicts (merge), 1);
      g_assert_cmpstr (conflict->item_id, ==, "4");
      g_assert_null (conflict->section_id);
      conflicts_na++;
      g_assert_cmpuint (conflicts_na, ==, 1);

      /* Nothing is picked silently */
      g_assert_false (st_merge_apply (merge, "Mo Merger", &error));
      g_assert_error (error, ST_ERROR, ST_ERROR_CONFLICT);
      g_clear_error (&error);
      {
        g_autofree char *after = st_report_to_data (report, NULL);

        g_assert_cmpstr (after, ==, before);
      }

      g_assert_false (st_merge_resolve (merge, 2, ST_MERGE_TAKE_PACK, NULL, &error));
      g_assert_error (error, ST_ERROR, ST_ERROR_NOT_FOUND);
      g_clear_error (&error);

      g_assert_true (st_merge_resolve (merge, 0, choices[i], "Custom: Ann Smith, in May.", &error));
      g_assert_cmpuint (st_merge_count_unresolved (merge), ==, 1);
      g_assert_true (st_merge_resolve (merge, 1, ST_MERGE_TAKE_PACK, NULL, &error));
      g_assert_true (st_merge_apply (merge, "Mo Merger", &error));
      g_assert_no_error (error);

      g_assert_cmpstr (st_submission_get_text (in_report, "progress-2014"), ==, expected[i]);
      g_assert_cmpstr (st_submission_get_text (in_report, "plans-2015"), ==, "CO will train all staff.");
      g_assert_cmpstr (st_submission_get_text (in_report, "commitments-2012"), ==, "CO committed to a leader.");
      g_assert_cmpstr (st_submission_get_not_applicable_reason (st_report_lookup_submission (report, "CO", "4")),
                       ==, "Pack’s reason.");

      /* Settled once: the same pack again raises nothing */
      {
        g_autoptr(StMerge) again = st_merge_new (report, pack);

        g_assert_true (st_merge_check (again, NULL));
        g_assert_cmpuint (st_merge_get_conflicts (again)->len, ==, 0);
        if (choices[i] == ST_MERGE_TAKE_PACK)
          g_assert_cmpuint (st_merge_get_changes (again)->len, ==, 0);
      }
    }
}

/* Approved in the report and edited in the pack: back to submitted.
 * Published in the report: the pack cannot change it. Returned by the
 * central team since the issue: stays returned. */
static void
test_pack_status_rules (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StReport) pack = NULL;
  g_autoptr(StMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  StSubmission *co1 = st_report_lookup_submission (report, "CO", "1");
  StSubmission *co5 = st_report_ensure_submission (report, "CO", "5");
  StSubmission *co6 = st_report_ensure_submission (report, "CO", "6");

  st_submission_set_status (co1, ST_STATUS_APPROVED);
  st_submission_set_not_applicable (co5, CO_REASON);
  st_submission_set_status (co5, ST_STATUS_SUBMITTED);
  st_submission_set_not_applicable (co6, CO_REASON);
  st_submission_set_status (co6, ST_STATUS_PUBLISHED);
  pack = make_pack (report, "CO");

  {
    g_autoptr(StWorkflow) department = st_workflow_new (pack, ST_ROLE_DEPARTMENT, "CO", "Colin CO-Editor");

    g_assert_true (st_workflow_set_text (department, "CO", "1", "plans-2015", "A better plan.", &error));
    g_assert_no_error (error);
    g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (pack, "CO", "1")), ==, ST_STATUS_SUBMITTED);
  }
  /* The central team returns action 5 meanwhile */
  {
    g_autoptr(StWorkflow) reviewer = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");

    g_assert_true (st_workflow_set_status (reviewer, "CO", "5", ST_STATUS_RETURNED, "Say why.", &error));
  }

  merge = st_merge_new (report, pack);
  g_assert_true (st_merge_check (merge, &error));
  g_assert_no_error (error);
  g_assert_true (st_merge_apply (merge, "Mo Merger", &error));
  g_assert_cmpint (st_submission_get_status (co1), ==, ST_STATUS_SUBMITTED);
  g_assert_cmpstr (st_submission_get_text (co1, "plans-2015"), ==, "A better plan.");
  g_assert_cmpint (st_submission_get_status (co5), ==, ST_STATUS_RETURNED);
  g_clear_object (&merge);

  /* A published submission changed in the pack (bypassing the workflow) */
  st_submission_set_not_applicable (st_report_lookup_submission (pack, "CO", "6"), "Another reason.");
  merge = st_merge_new (report, pack);
  g_assert_false (st_merge_check (merge, &error));
  g_assert_nonnull (strstr (error->message, "CO, Action 6 has been published in the report"));
  g_assert_cmpstr (st_submission_get_not_applicable_reason (co6), ==, CO_REASON);
}

/* A merge prepared, then the report changes: prepare it again */
static void
test_pack_stale (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StReport) pack = make_pack (report, "CO");
  g_autoptr(StMerge) merge = NULL;
  g_autoptr(GError) error = NULL;

  st_submission_set_text (st_report_lookup_submission (pack, "CO", "1"), "plans-2015", "New plan.");
  merge = st_merge_new (report, pack);
  g_assert_true (st_merge_check (merge, NULL));
  st_submission_set_text (st_report_lookup_submission (report, "CO", "1"), "plans-2015", "Central plan.");
  g_assert_false (st_merge_apply (merge, "Mo Merger", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_CONFLICT);
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "CO", "1"), "plans-2015"),
                   ==, "Central plan.");
}

static void
test_pack_choice_strings (void)
{
  StMergeChoice choice;

  g_assert_true (st_merge_choice_from_string ("pack", &choice));
  g_assert_cmpint (choice, ==, ST_MERGE_TAKE_PACK);
  g_assert_true (st_merge_choice_from_string ("report", &choice));
  g_assert_cmpint (choice, ==, ST_MERGE_TAKE_REPORT);
  g_assert_false (st_merge_choice_from_string ("mine", &choice));
  g_assert_false (st_merge_choice_from_string (NULL, &choice));
}

/* A pack issued before a new round answers the round before: merging it
 * is refused, and a pack issued afterwards merges */
static void
test_pack_new_round (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StReport) old_pack = make_pack (report, "CO");
  g_autoptr(StReport) new_pack = NULL;
  g_autoptr(StMerge) merge = NULL;
  g_autoptr(StMerge) merge_new = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GDate date;

  st_submission_set_text (st_report_lookup_submission (old_pack, "CO", "1"), "plans-2015", "A fine new plan.");

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 2, G_DATE_FEBRUARY, 2016);
  g_assert_true (st_report_start_new_round (report, &date, "Carys Central", &error));
  g_assert_no_error (error);
  reload_in_place (&report);
  before = st_report_to_data (report, NULL);

  merge = st_merge_new (report, old_pack);
  g_assert_false (st_merge_check (merge, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "The report’s template has changed since the pack was issued"));
  g_clear_error (&error);
  g_assert_false (st_merge_apply (merge, "Mo Merger", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);
  after = st_report_to_data (report, NULL);
  g_assert_cmpstr (after, ==, before);

  /* The new round's pack, with the new sections */
  new_pack = make_pack (report, "CO");
  g_assert_cmpuint (st_report_get_round (new_pack), ==, 3);
  g_assert_nonnull (st_template_find_section (st_report_get_template (new_pack), "progress-2015"));
  st_submission_set_text (st_report_lookup_submission (new_pack, "CO", "1"), "progress-2015", "CO trained its staff.");
  reload_in_place (&new_pack);
  merge_new = st_merge_new (report, new_pack);
  g_assert_true (st_merge_check (merge_new, &error));
  g_assert_no_error (error);
  g_assert_true (st_merge_apply (merge_new, "Mo Merger", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "CO", "1"), "progress-2015"),
                   ==, "CO trained its staff.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pack/contents", test_pack_contents);
  g_test_add_func ("/pack/merge-clean", test_pack_merge_clean);
  g_test_add_func ("/pack/merge-changed-once", test_pack_merge_changed_once);
  g_test_add_func ("/pack/refused", test_pack_refused);
  g_test_add_func ("/pack/refused-targets", test_pack_refused_targets);
  g_test_add_func ("/pack/conflicts", test_pack_conflicts);
  g_test_add_func ("/pack/status-rules", test_pack_status_rules);
  g_test_add_func ("/pack/stale", test_pack_stale);
  g_test_add_func ("/pack/new-round", test_pack_new_round);
  g_test_add_func ("/pack/choice-strings", test_pack_choice_strings);

  return g_test_run ();
}
