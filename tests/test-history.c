/* test-history.c: what each save records, and the versions of a section
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stocktake-core.h"

static StReport *
new_report (void)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);

  g_assert_nonnull (template);
  return st_report_new (template);
}

static const StHistoryEntry *
entry_at (StSubmission *submission,
          guint         index)
{
  GPtrArray *history = st_submission_get_history (submission);

  g_assert_cmpuint (index, <, history->len);
  return g_ptr_array_index (history, index);
}

static gboolean
is_iso8601_utc (const char *time)
{
  return time != NULL &&
         g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", time, 0, 0);
}

/* Each save records each changed section once, with both texts */
static void
test_history_record (void)
{
  g_autoptr(StReport) report = new_report ();
  StSubmission *co = st_report_ensure_submission (report, "CO", "1");
  StSubmission *hmt = st_report_ensure_submission (report, "HMT", "2");
  g_autoptr(StHistory) history = NULL;
  const StHistoryEntry *entry;

  st_submission_set_text (co, "progress-2014", "First text.");
  st_submission_set_text (co, "plans-2015", "A plan.");
  history = st_history_new (report);
  g_assert_false (st_history_has_changes (history));
  g_assert_cmpuint (st_history_record (history, "Ann"), ==, 0);

  /* One section changed, one emptied, one new; a new submission; a
   * not-applicable reason */
  st_submission_set_text (co, "progress-2014", "Second text.");
  st_submission_set_text (co, "plans-2015", NULL);
  st_submission_set_text (co, "commitments-2012", "We committed.");
  st_submission_set_not_applicable (hmt, "This action is not applicable to HMT.");
  st_submission_set_text (st_report_ensure_submission (report, "DWP", "3"), "progress-2014", "DWP did.");
  g_assert_true (st_history_has_changes (history));

  g_assert_cmpuint (st_history_record (history, "Ann"), ==, 5);
  g_assert_false (st_history_has_changes (history));

  /* Template order: commitments, progress, plans */
  g_assert_cmpuint (st_submission_get_history (co)->len, ==, 3);
  entry = entry_at (co, 0);
  g_assert_cmpstr (entry->section, ==, "commitments-2012");
  g_assert_null (entry->old_text);
  g_assert_cmpstr (entry->new_text, ==, "We committed.");
  entry = entry_at (co, 1);
  g_assert_cmpstr (entry->what, ==, "edit");
  g_assert_cmpstr (entry->section, ==, "progress-2014");
  g_assert_cmpstr (entry->old_text, ==, "First text.");
  g_assert_cmpstr (entry->new_text, ==, "Second text.");
  g_assert_cmpstr (entry->author, ==, "Ann");
  g_assert_true (is_iso8601_utc (entry->time));
  entry = entry_at (co, 2);
  g_assert_cmpstr (entry->section, ==, "plans-2015");
  g_assert_cmpstr (entry->old_text, ==, "A plan.");
  g_assert_null (entry->new_text);

  entry = entry_at (hmt, 0);
  g_assert_cmpstr (entry->what, ==, "not-applicable");
  g_assert_null (entry->section);
  g_assert_null (entry->old_text);
  g_assert_cmpstr (entry->new_text, ==, "This action is not applicable to HMT.");

  /* Nothing new: nothing recorded */
  g_assert_cmpuint (st_history_record (history, "Ann"), ==, 0);
  /* A change made and undone before the save is no change */
  st_submission_set_text (co, "progress-2014", "Third text.");
  st_submission_set_text (co, "progress-2014", "Second text.");
  g_assert_false (st_history_has_changes (history));
  g_assert_cmpuint (st_history_record (history, "Bo"), ==, 0);

  /* A removed submission counts as a change that has nowhere to go */
  st_report_remove_submission (report, "DWP", "3");
  g_assert_true (st_history_has_changes (history));
  g_assert_cmpuint (st_history_record (history, "Bo"), ==, 0);
  g_assert_false (st_history_has_changes (history));
}

/* A change another part of the core recorded already (a merge) is not
 * recorded again at the save */
static void
test_history_no_double_entries (void)
{
  g_autoptr(StReport) report = new_report ();
  StSubmission *co = st_report_ensure_submission (report, "CO", "1");
  g_autoptr(StHistory) history = st_history_new (report);

  st_submission_set_text (co, "progress-2014", "From the pack.");
  st_submission_add_history (co, st_history_entry_new ("Merger", "2026-01-01T00:00:00Z", "progress-2014",
                                                       "merge", NULL, "From the pack."));
  g_assert_true (st_history_has_changes (history));
  g_assert_cmpuint (st_history_record (history, "Ann"), ==, 0);
  g_assert_cmpuint (st_submission_get_history (co)->len, ==, 1);
}

/* Versions rebuilt from the saves, with the unsaved text last */
static void
test_history_versions (void)
{
  g_autoptr(StReport) report = new_report ();
  StSubmission *co = st_report_ensure_submission (report, "CO", "1");
  g_autoptr(StHistory) history = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) diff = NULL;
  g_autofree char *formatted = NULL;
  const StVersion *version;

  st_submission_set_text (co, "progress-2014", "We hired a leader.");
  history = st_history_new (report);

  st_submission_set_text (co, "progress-2014", "We hired a digital leader.");
  st_history_record (history, "Ann");
  st_submission_set_text (co, "progress-2014", "We hired a digital leader in March.");
  st_history_record (history, "Bo");
  st_submission_set_text (co, "progress-2014", "We hired a digital leader in March 2014.");

  versions = st_history_list_versions (co, "progress-2014");
  g_assert_cmpuint (versions->len, ==, 4);
  version = g_ptr_array_index (versions, 0);
  g_assert_cmpstr (version->text, ==, "We hired a leader.");
  g_assert_null (version->author);
  g_assert_true (version->saved);
  version = g_ptr_array_index (versions, 1);
  g_assert_cmpstr (version->text, ==, "We hired a digital leader.");
  g_assert_cmpstr (version->author, ==, "Ann");
  g_assert_cmpstr (version->what, ==, "edit");
  version = g_ptr_array_index (versions, 2);
  g_assert_cmpstr (version->author, ==, "Bo");
  version = g_ptr_array_index (versions, 3);
  g_assert_cmpstr (version->text, ==, "We hired a digital leader in March 2014.");
  g_assert_false (version->saved);

  /* Word diff between any two versions */
  diff = st_history_diff_versions (co, "progress-2014", 0, 3);
  g_assert_nonnull (diff);
  {
    guint deleted, inserted;

    st_diff_count (diff, &deleted, &inserted);
    g_assert_cmpuint (deleted, ==, 1);
    g_assert_cmpuint (inserted, ==, 5);
  }
  formatted = st_diff_format (diff, G_MAXUINT);
  g_assert_true (g_str_has_prefix (formatted, "We hired a "));
  g_assert_nonnull (strstr (formatted, "[-leader.-]"));
  g_assert_null (st_history_diff_versions (co, "progress-2014", 0, 4));

  /* A section never written has one version: nothing */
  none = st_history_list_versions (co, "plans-2015");
  g_assert_cmpuint (none->len, ==, 1);
  g_assert_null (((StVersion *) g_ptr_array_index (none, 0))->text);
}

/* The text at the last approval, and what changed since */
static void
test_history_since_approved (void)
{
  g_autoptr(StReport) report = new_report ();
  StSubmission *co = st_report_ensure_submission (report, "CO", "1");
  g_autoptr(StHistory) history = st_history_new (report);
  g_autoptr(GPtrArray) diff = NULL;
  g_autofree char *approved = NULL;
  g_autofree char *formatted = NULL;
  guint deleted, inserted;

  g_assert_false (st_history_get_approved_text (co, "progress-2014", &approved));
  g_assert_null (st_history_diff_since_approved (co, "progress-2014"));

  st_submission_set_text (co, "progress-2014", "Draft one.");
  st_history_record (history, "Ann");
  st_submission_set_text (co, "progress-2014", "The approved text.");
  st_history_record (history, "Ann");
  st_submission_add_history (co, st_history_entry_new ("Rita", "2026-01-02T00:00:00Z", NULL, "status",
                                                       "submitted", "approved"));

  /* Approved, unchanged since */
  g_assert_true (st_history_get_approved_text (co, "progress-2014", &approved));
  g_assert_cmpstr (approved, ==, "The approved text.");
  g_clear_pointer (&approved, g_free);
  /* A section with no text when approved */
  g_assert_true (st_history_get_approved_text (co, "plans-2015", &approved));
  g_assert_null (approved);

  /* Changed and saved twice after approval */
  st_submission_set_text (co, "progress-2014", "The approved text, changed.");
  st_history_record (history, "Ann");
  st_submission_set_text (co, "progress-2014", "The approved text, changed again.");
  st_history_record (history, "Ann");
  g_assert_true (st_history_get_approved_text (co, "progress-2014", &approved));
  g_assert_cmpstr (approved, ==, "The approved text.");

  diff = st_history_diff_since_approved (co, "progress-2014");
  g_assert_nonnull (diff);
  st_diff_count (diff, &deleted, &inserted);
  g_assert_cmpuint (deleted, ==, 1);
  g_assert_cmpuint (inserted, ==, 3);
  formatted = st_diff_format (diff, G_MAXUINT);
  g_assert_cmpstr (formatted, ==, "The approved [-text.-] {+text, changed again.+}");
}

/* The snapshot can come from the saved file when a draft was restored */
static void
test_history_snapshot_from_saved (void)
{
  g_autoptr(StReport) saved = new_report ();
  g_autoptr(StReport) restored = NULL;
  g_autoptr(StHistory) history = NULL;
  g_autofree char *data = NULL;
  StSubmission *submission;

  st_submission_set_text (st_report_ensure_submission (saved, "CO", "1"), "progress-2014", "Saved.");
  data = st_report_to_data (saved, NULL);
  restored = st_report_new_from_data (data, -1, NULL, NULL);
  g_assert_nonnull (restored);
  submission = st_report_lookup_submission (restored, "CO", "1");
  st_submission_set_text (submission, "progress-2014", "Unsaved, from the draft.");

  history = st_history_new (restored);
  g_assert_false (st_history_has_changes (history));
  st_history_take_snapshot (history, saved);
  g_assert_true (st_history_has_changes (history));
  g_assert_cmpuint (st_history_record (history, "Ann"), ==, 1);
  g_assert_cmpstr (entry_at (submission, 0)->old_text, ==, "Saved.");
  g_assert_cmpstr (entry_at (submission, 0)->new_text, ==, "Unsaved, from the draft.");

  /* One submission at a time */
  st_submission_set_text (submission, "plans-2015", "Plan.");
  st_submission_set_text (st_report_ensure_submission (restored, "HMT", "1"), "plans-2015", "HMT plan.");
  g_assert_cmpuint (st_history_record_submission (history, submission, "Ann"), ==, 1);
  g_assert_true (st_history_has_changes (history));
  g_assert_cmpuint (st_history_record (history, "Ann"), ==, 1);
}

/* History survives saving and loading, in order */
static void
test_history_round_trip (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StReport) loaded = NULL;
  g_autoptr(StHistory) history = st_history_new (report);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  StSubmission *submission = st_report_ensure_submission (report, "CO", "1");

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("Version %u with “quotes” & <marks>.", i);

      st_submission_set_text (submission, "progress-2014", text);
      st_history_record (history, "Ann");
    }

  data = st_report_to_data (report, NULL);
  loaded = st_report_new_from_data (data, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (st_report_equal (report, loaded));
  {
    g_autoptr(GPtrArray) versions = st_history_list_versions (st_report_lookup_submission (loaded, "CO", "1"),
                                                              "progress-2014");

    g_assert_cmpuint (versions->len, ==, 6);
    g_assert_null (((StVersion *) g_ptr_array_index (versions, 0))->text);
    g_assert_cmpstr (((StVersion *) g_ptr_array_index (versions, 5))->text, ==,
                     "Version 4 with “quotes” & <marks>.");
  }
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

/* The department's turn: a pack of the report, the text written and
 * saved in it, submitted, and the pack merged back */
static void
department_writes (StReport   *report,
                   const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) issued = st_pack_new (report, "CO", "gds.stocktake", &error);
  g_autoptr(StReport) pack = NULL;
  g_autoptr(StReport) returned = NULL;
  g_autoptr(StHistory) history = NULL;
  g_autoptr(StWorkflow) department = NULL;
  g_autoptr(StMerge) merge = NULL;

  g_assert_no_error (error);
  pack = reload (issued);
  history = st_history_new (pack);
  department = st_workflow_new (pack, ST_ROLE_DEPARTMENT, "CO", "Dee Department");
  st_workflow_set_history (department, history);

  g_assert_true (st_workflow_set_text (department, "CO", "1", "progress-2014", text, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (st_history_record (history, "Dee Department"), ==, 1);
  g_assert_true (st_workflow_set_status (department, "CO", "1", ST_STATUS_SUBMITTED, NULL, &error));
  g_assert_no_error (error);
  returned = reload (pack);

  merge = st_merge_new (report, returned);
  g_assert_true (st_merge_check (merge, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (st_merge_get_conflicts (merge)->len, ==, 0);
  g_assert_true (st_merge_apply (merge, "Rita Reviewer", &error));
  g_assert_no_error (error);
}

static void
assert_version (GPtrArray  *versions,
                guint       index,
                const char *text,
                const char *author,
                const char *what)
{
  const StVersion *version;

  g_assert_cmpuint (index, <, versions->len);
  version = g_ptr_array_index (versions, index);
  g_assert_cmpstr (version->text, ==, text);
  g_assert_cmpstr (version->author, ==, author);
  g_assert_cmpstr (version->what, ==, what);
  g_assert_true (version->saved);
  if (author != NULL)
    g_assert_true (is_iso8601_utc (version->time));
}

/* Pack, merge, return, a new pack, resubmit, merge: the versions are the
 * texts the section really had, by the department that wrote them, with
 * no version made up from the merges' record of the report's text */
static void
test_history_versions_after_merges (void)
{
  const char *first = "CO appointed a digital leader.";
  const char *second = "CO appointed a digital leader, who chairs the board.";
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StHistory) history = NULL;
  g_autoptr(StWorkflow) reviewer = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) diff = NULL;
  g_autoptr(GError) error = NULL;
  StSubmission *co;
  guint deleted, inserted;

  co = st_report_ensure_submission (report, "CO", "1");
  st_submission_set_text (co, "commitments-2012", "CO committed to a digital leader.");
  st_submission_set_text (co, "plans-2015", "CO will train its staff.");
  history = st_history_new (report);
  reviewer = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");
  st_workflow_set_history (reviewer, history);

  department_writes (report, first);
  st_history_record (history, "Rita Reviewer");
  co = st_report_lookup_submission (report, "CO", "1");
  g_assert_cmpint (st_submission_get_status (co), ==, ST_STATUS_SUBMITTED);
  g_assert_true (st_workflow_set_status (reviewer, "CO", "1", ST_STATUS_RETURNED,
                                         "Say what the leader does.", &error));
  g_assert_no_error (error);
  st_history_record (history, "Rita Reviewer");

  department_writes (report, second);
  st_history_record (history, "Rita Reviewer");
  co = st_report_lookup_submission (report, "CO", "1");
  g_assert_cmpint (st_submission_get_status (co), ==, ST_STATUS_SUBMITTED);
  g_assert_cmpstr (st_submission_get_text (co, "progress-2014"), ==, second);

  versions = st_history_list_versions (co, "progress-2014");
  assert_version (versions, 0, NULL, NULL, NULL);
  assert_version (versions, 1, first, "Dee Department", ST_HISTORY_EDIT);
  assert_version (versions, 2, second, "Dee Department", ST_HISTORY_EDIT);
  g_assert_cmpuint (versions->len, ==, 3);

  /* Comparing the two texts the department sent shows what it added */
  diff = st_history_diff_versions (co, "progress-2014", 1, 2);
  st_diff_count (diff, &deleted, &inserted);
  g_assert_cmpuint (deleted, ==, 1);
  g_assert_cmpuint (inserted, ==, 5);

  /* Saved and opened again, the list is the same */
  {
    g_autoptr(StReport) loaded = reload (report);
    g_autoptr(GPtrArray) again = st_history_list_versions (st_report_lookup_submission (loaded, "CO", "1"),
                                                           "progress-2014");

    g_assert_cmpuint (again->len, ==, 3);
    assert_version (again, 2, second, "Dee Department", ST_HISTORY_EDIT);
  }
}

/* A merged text the department never saved as such (the reviewer's own,
 * settling a conflict) is a version of its own, by the reviewer; a text
 * nobody recorded is still shown as a version nobody is named for */
static void
test_history_versions_merged_conflict (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StReport) issued = NULL;
  g_autoptr(StReport) pack = NULL;
  g_autoptr(StHistory) history = NULL;
  g_autoptr(StHistory) pack_history = NULL;
  g_autoptr(StMerge) merge = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  StSubmission *co = st_report_ensure_submission (report, "CO", "1");

  st_submission_set_text (co, "progress-2014", "Issued text.");
  history = st_history_new (report);
  issued = st_pack_new (report, "CO", "gds.stocktake", &error);
  g_assert_no_error (error);
  pack = reload (issued);
  pack_history = st_history_new (pack);

  /* Both sides change the text */
  st_submission_set_text (co, "progress-2014", "Reviewer's text.");
  st_history_record (history, "Rita Reviewer");
  st_submission_set_text (st_report_lookup_submission (pack, "CO", "1"), "progress-2014", "Department's text.");
  st_history_record (pack_history, "Dee Department");

  merge = st_merge_new (report, pack);
  g_assert_cmpuint (st_merge_get_conflicts (merge)->len, ==, 1);
  g_assert_true (st_merge_resolve (merge, 0, ST_MERGE_TAKE_CUSTOM, "Both texts, joined.", &error));
  g_assert_true (st_merge_apply (merge, "Rita Reviewer", &error));
  g_assert_no_error (error);

  versions = st_history_list_versions (co, "progress-2014");
  assert_version (versions, 0, "Issued text.", NULL, NULL);
  assert_version (versions, 1, "Reviewer's text.", "Rita Reviewer", ST_HISTORY_EDIT);
  assert_version (versions, 2, "Department's text.", "Dee Department", ST_HISTORY_EDIT);
  assert_version (versions, 3, "Both texts, joined.", "Rita Reviewer", ST_HISTORY_MERGE);
  g_assert_cmpuint (versions->len, ==, 4);

  /* A change recorded from a text no entry led to */
  st_submission_add_history (co, st_history_entry_new ("Ann", "2026-11-21T10:00:00Z", "progress-2014",
                                                       ST_HISTORY_EDIT, "Changed outside.", "Final."));
  st_submission_set_text (co, "progress-2014", "Final.");
  g_clear_pointer (&versions, g_ptr_array_unref);
  versions = st_history_list_versions (co, "progress-2014");
  g_assert_cmpuint (versions->len, ==, 6);
  assert_version (versions, 4, "Changed outside.", NULL, NULL);
  assert_version (versions, 5, "Final.", "Ann", ST_HISTORY_EDIT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/record", test_history_record);
  g_test_add_func ("/history/no-double-entries", test_history_no_double_entries);
  g_test_add_func ("/history/versions", test_history_versions);
  g_test_add_func ("/history/versions/after-merges", test_history_versions_after_merges);
  g_test_add_func ("/history/versions/merged-conflict", test_history_versions_merged_conflict);
  g_test_add_func ("/history/since-approved", test_history_since_approved);
  g_test_add_func ("/history/snapshot-from-saved", test_history_snapshot_from_saved);
  g_test_add_func ("/history/round-trip", test_history_round_trip);

  return g_test_run ();
}
