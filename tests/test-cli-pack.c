/* test-cli-pack.c: stocktake-cli pack, merge and status, run as a user
 * runs them
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "stocktake-core.h"
#include "test-cli-helpers.h"

#define HMT_TEXT "Treasury appointed Hamish Hale as digital leader"
#define HMT_AUTHOR "Harriet Treasury-Editor"
#define CO_REASON "This action is not applicable to CO."

typedef struct {
  char *dir;
  char *report;     /* a report with CO's and HMT's work */
} Fixture;

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);
  g_autoptr(StReport) report = NULL;
  g_autoptr(GError) error = NULL;
  StSubmission *submission;

  fixture->dir = cli_tmp_dir_new ("stocktake-cli-pack");
  fixture->report = fixture_path (fixture, "gds.stocktake");

  report = st_report_new (template);
  submission = st_report_ensure_submission (report, "CO", "1");
  st_submission_set_text (submission, "progress-2014", "CO appointed a leader.");
  st_submission_set_text (submission, "plans-2015", "CO will train staff.");
  submission = st_report_ensure_submission (report, "HMT", "1");
  st_submission_set_text (submission, "progress-2014", HMT_TEXT);
  st_submission_add_history (submission,
                             st_history_entry_new (HMT_AUTHOR, "2026-11-19T10:00:00Z", "progress-2014",
                                                   "edit", NULL, HMT_TEXT));
  g_assert_true (st_report_save_to_file (report, fixture->report, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  cli_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->report);
}

static StReport *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  StReport *report = st_report_new_from_file (path, NULL, &error);

  g_assert_no_error (error);
  return report;
}

/* Edits a pack file as the department's app would */
static void
edit_pack (const char *path,
           const char *item_id,
           const char *section_id,
           const char *text,
           StStatus    status)
{
  g_autoptr(StReport) pack = load (path);
  g_autoptr(StWorkflow) department = st_workflow_new (pack, ST_ROLE_DEPARTMENT, "CO", "Colin CO-Editor");
  g_autoptr(GError) error = NULL;

  if (section_id != NULL)
    g_assert_true (st_workflow_set_text (department, "CO", item_id, section_id, text, &error));
  else
    g_assert_true (st_workflow_set_not_applicable (department, "CO", item_id, text, &error));
  g_assert_no_error (error);
  if (status != st_submission_get_status (st_report_lookup_submission (pack, "CO", item_id)))
    g_assert_true (st_workflow_set_status (department, "CO", item_id, status, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (st_report_save_to_file (pack, path, &error));
  g_assert_no_error (error);
}

static void
test_cli_pack (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *pack_path = fixture_path (fixture, "co.pack");
  g_autofree char *pack_bytes = NULL;
  g_autofree char *report_before = cli_read_file (fixture->report);
  g_autofree char *report_after = NULL;
  g_autoptr(StReport) pack = NULL;
  g_autoptr(StReport) report = NULL;
  g_autoptr(GPtrArray) issued = NULL;
  g_auto(CliResult) made = { 0 };
  g_auto(CliResult) again = { 0 };
  g_auto(CliResult) forced = { 0 };
  g_auto(CliResult) info = { 0 };

  cli_run (&made, NULL, "pack", fixture->report, "--department", "CO", "-o", pack_path, NULL);
  g_assert_cmpint (made.status, ==, 0);
  g_assert_cmpstr (made.err, ==, "");
  g_assert_nonnull (strstr (made.out, "Wrote CO’s pack to"));

  /* The file holds no trace of the Treasury's work */
  pack_bytes = cli_read_file (pack_path);
  g_assert_nonnull (strstr (pack_bytes, "CO appointed a leader."));
  g_assert_null (strstr (pack_bytes, HMT_TEXT));
  g_assert_null (strstr (pack_bytes, HMT_AUTHOR));

  pack = load (pack_path);
  g_assert_true (st_report_is_pack (pack));
  g_assert_cmpstr (st_report_get_pack_respondent (pack), ==, "CO");
  g_assert_cmpstr (st_report_get_pack_source (pack), ==, "gds.stocktake");

  /* The report now records the issue, and is otherwise as it was */
  report_after = cli_read_file (fixture->report);
  g_assert_cmpstr (report_after, !=, report_before);
  report = load (fixture->report);
  issued = st_pack_list_issued (report);
  g_assert_cmpuint (issued->len, ==, 1);
  g_assert_cmpstr (((StPackRecord *) g_ptr_array_index (issued, 0))->id, ==, st_report_get_pack_id (pack));

  /* Not over an existing file, unless told */
  cli_run (&again, NULL, "pack", fixture->report, "--department", "CO", "-o", pack_path, NULL);
  g_assert_cmpint (again.status, ==, 2);
  g_assert_nonnull (strstr (again.err, "exists already"));
  cli_run (&forced, NULL, "pack", fixture->report, "-d", "cabinet office", "-o", pack_path, "--force", NULL);
  g_assert_cmpint (forced.status, ==, 0);

  cli_run (&info, NULL, "info", pack_path, NULL);
  g_assert_cmpint (info.status, ==, 0);
  g_assert_nonnull (strstr (info.out, "Department pack for: CO"));
}

static void
test_cli_pack_errors (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *pack_path = fixture_path (fixture, "co.pack");
  g_autofree char *other_path = fixture_path (fixture, "co2.pack");
  g_autofree char *before = cli_read_file (fixture->report);
  g_autofree char *after = NULL;
  g_auto(CliResult) unknown = { 0 };
  g_auto(CliResult) missing = { 0 };
  g_auto(CliResult) no_report = { 0 };
  g_auto(CliResult) bad_dir = { 0 };
  g_auto(CliResult) made = { 0 };
  g_auto(CliResult) of_pack = { 0 };

  cli_run (&unknown, NULL, "pack", fixture->report, "--department", "XYZ", "-o", pack_path, NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "no Department “XYZ”"));
  g_assert_nonnull (strstr (unknown.err, "HMT"));

  cli_run (&missing, NULL, "pack", fixture->report, "-o", pack_path, NULL);
  g_assert_cmpint (missing.status, ==, 2);

  cli_run (&no_report, NULL, "pack", "/nonexistent/gds.stocktake", "-d", "CO", "-o", pack_path, NULL);
  g_assert_cmpint (no_report.status, ==, 2);

  cli_run (&bad_dir, NULL, "pack", fixture->report, "-d", "CO", "-o", "/nonexistent/dir/co.pack", NULL);
  g_assert_cmpint (bad_dir.status, ==, 2);

  /* None of that touched the report or left a pack */
  after = cli_read_file (fixture->report);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (pack_path, G_FILE_TEST_EXISTS));

  /* A pack is not a report to make packs from */
  cli_run (&made, NULL, "pack", fixture->report, "-d", "CO", "-o", pack_path, NULL);
  g_assert_cmpint (made.status, ==, 0);
  cli_run (&of_pack, NULL, "pack", pack_path, "-d", "CO", "-o", other_path, NULL);
  g_assert_cmpint (of_pack.status, ==, 1);
  g_assert_true (g_str_has_prefix (of_pack.err, pack_path));
  g_assert_nonnull (strstr (of_pack.err, ": error: This is already CO’s department pack"));
  g_assert_false (g_file_test (other_path, G_FILE_TEST_EXISTS));
}

static void
test_cli_merge_clean (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *pack_path = fixture_path (fixture, "co.pack");
  g_autoptr(StReport) report = NULL;
  g_auto(CliResult) made = { 0 };
  g_auto(CliResult) merged = { 0 };
  g_auto(CliResult) status = { 0 };
  StSubmission *co1;

  cli_run (&made, NULL, "pack", fixture->report, "-d", "CO", "-o", pack_path, NULL);
  g_assert_cmpint (made.status, ==, 0);
  edit_pack (pack_path, "1", "progress-2014", "CO appointed Ann Smith.", ST_STATUS_DRAFT);
  edit_pack (pack_path, "2", NULL, CO_REASON, ST_STATUS_SUBMITTED);

  cli_run (&merged, NULL, "merge", fixture->report, pack_path, "--author", "Mo Merger", NULL);
  g_assert_cmpint (merged.status, ==, 0);
  g_assert_cmpstr (merged.err, ==, "");
  g_assert_nonnull (strstr (merged.out, "co.pack: merged 4 changes\n"));

  report = load (fixture->report);
  co1 = st_report_lookup_submission (report, "CO", "1");
  g_assert_cmpstr (st_submission_get_text (co1, "progress-2014"), ==, "CO appointed Ann Smith.");
  g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (report, "CO", "2")), ==,
                   ST_STATUS_SUBMITTED);
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "HMT", "1"), "progress-2014"),
                   ==, HMT_TEXT);
  {
    GPtrArray *history = st_submission_get_history (co1);
    const StHistoryEntry *last = g_ptr_array_index (history, history->len - 1);

    g_assert_cmpstr (last->what, ==, "merge");
    g_assert_cmpstr (last->author, ==, "Mo Merger");
  }

  /* Every action CO answers, in the editor's words, not only those with
   * a submission in the file */
  cli_run (&status, NULL, "status", fixture->report, "--department", "CO", NULL);
  g_assert_cmpint (status.status, ==, 0);
  {
    g_autoptr(GString) expected = g_string_new ("CO, Action 1: Complete\n"
                                                "CO, Action 2: Not applicable · Submitted\n");

    for (guint i = 3; i <= 16; i++)
      g_string_append_printf (expected, "CO, Action %u: Not started\n", i);
    g_assert_cmpstr (status.out, ==, expected->str);
  }
}

/* A refused pack leaves the report byte for byte as it was */
static void
test_cli_merge_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *message;
  } cases[] = {
    { "approved", ": error: CO, Action 1: the pack marks it approved, which only the central team can do" },
    { "other-department", ": error: HMT, Action 1: the pack holds another department’s submission" },
    { "template", ": error: The pack’s template has been changed" },
    { "respondent", ": error: The pack says it is HMT’s, but it was issued to CO" },
    { "not-a-pack", ": error: This is not a department pack" },
    { "broken", ": error: The report is damaged at line " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *pack_path = fixture_path (fixture, "co.pack");
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *bytes = NULL;
      g_autoptr(GString) text = NULL;
      g_auto(CliResult) made = { 0 };
      g_auto(CliResult) merged = { 0 };

      g_test_message ("case %s", cases[i].name);
      cli_run (&made, NULL, "pack", fixture->report, "-d", "CO", "-o", pack_path, "--force", NULL);
      g_assert_cmpint (made.status, ==, 0);
      edit_pack (pack_path, "1", "plans-2015", "A good change that must not land.", ST_STATUS_DRAFT);

      /* The bad change, made to the file as anyone could */
      bytes = cli_read_file (pack_path);
      text = g_string_new (bytes);
      if (g_str_equal (cases[i].name, "approved"))
        g_assert_cmpuint (g_string_replace (text, "\"status\" : \"draft\"", "\"status\" : \"approved\"", 1), ==, 1);
      else if (g_str_equal (cases[i].name, "other-department"))
        g_assert_cmpuint (g_string_replace (text, "\"respondent\" : \"CO\",\n      \"item\"",
                                            "\"respondent\" : \"HMT\",\n      \"item\"", 1), ==, 1);
      else if (g_str_equal (cases[i].name, "template"))
        g_assert_cmpuint (g_string_replace (text, "\"title\" : \"Government Digital Strategy\"",
                                            "\"title\" : \"Government Analogue Strategy\"", 1), ==, 1);
      else if (g_str_equal (cases[i].name, "respondent"))
        g_assert_cmpuint (g_string_replace (text, "\"pack\" : {\n    \"respondent\" : \"CO\"",
                                            "\"pack\" : {\n    \"respondent\" : \"HMT\"", 1), ==, 1);
      else if (g_str_equal (cases[i].name, "not-a-pack"))
        {
          g_autofree char *plain = cli_read_file (fixture->report);

          g_string_assign (text, plain);
        }
      else if (g_str_equal (cases[i].name, "broken"))
        g_string_truncate (text, text->len / 2);
      g_assert_true (g_file_set_contents (pack_path, text->str, text->len, NULL));

      before = cli_read_file (fixture->report);
      cli_run (&merged, NULL, "merge", fixture->report, pack_path, NULL);
      g_assert_cmpint (merged.status, ==, 1);
      prefix = g_strdup_printf ("%s:", pack_path);
      g_assert_true (g_str_has_prefix (merged.err, prefix));
      g_assert_nonnull (strstr (merged.err, cases[i].message));
      after = cli_read_file (fixture->report);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_cli_merge_conflicts (Fixture       *fixture,
                          gconstpointer  data)
{
  static const struct {
    const char *take;
    int         status;
    const char *text;
  } cases[] = {
    { NULL, 1, "Central 0: CO appointed a leader in May." },
    { "report", 0, "Central 1: CO appointed a leader in May." },
    { "pack", 0, "CO appointed Ann Smith." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *pack_path = fixture_path (fixture, "co.pack");
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(StReport) report = NULL;
      g_autoptr(StReport) merged_report = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *central = NULL;
      g_auto(CliResult) made = { 0 };
      g_auto(CliResult) merged = { 0 };

      cli_run (&made, NULL, "pack", fixture->report, "-d", "CO", "-o", pack_path, "--force", NULL);
      g_assert_cmpint (made.status, ==, 0);
      edit_pack (pack_path, "1", "progress-2014", "CO appointed Ann Smith.", ST_STATUS_DRAFT);
      edit_pack (pack_path, "1", "plans-2015", "CO will train everyone.", ST_STATUS_DRAFT);

      /* The central team changed the same section meanwhile */
      report = load (fixture->report);
      central = g_strdup_printf ("Central %u: CO appointed a leader in May.", i);
      st_submission_set_text (st_report_lookup_submission (report, "CO", "1"), "progress-2014", central);
      g_assert_true (st_report_save_to_file (report, fixture->report, &error));
      g_assert_no_error (error);
      before = cli_read_file (fixture->report);

      if (cases[i].take != NULL)
        cli_run (&merged, NULL, "merge", "--take", cases[i].take, fixture->report, pack_path, NULL);
      else
        cli_run (&merged, NULL, "merge", fixture->report, pack_path, NULL);
      g_assert_cmpint (merged.status, ==, cases[i].status);

      after = cli_read_file (fixture->report);
      merged_report = load (fixture->report);
      g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (merged_report, "CO", "1"), "progress-2014"),
                       ==, cases[i].text);
      if (cases[i].take == NULL)
        {
          /* Listed, with both texts' words, and nothing applied */
          g_assert_nonnull (strstr (merged.err, ": conflict: CO, Action 1, Progress during 2014: changed both in the report and in the pack"));
          g_assert_nonnull (strstr (merged.err, "[-Central 0:-]"));
          g_assert_nonnull (strstr (merged.err, "{+Ann"));
          g_assert_nonnull (strstr (merged.err, "1 conflict: nothing in the pack was merged"));
          g_assert_cmpstr (after, ==, before);
        }
      else
        {
          g_assert_cmpstr (merged.err, ==, "");
          /* The section without a conflict came across either way */
          g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (merged_report, "CO", "1"), "plans-2015"),
                           ==, "CO will train everyone.");
        }
    }
}

/* Sets texts straight into a file, with no history: what a conflict
 * needs and nothing more */
static void
set_texts (const char *path,
           const char *progress,
           const char *plans)
{
  g_autoptr(StReport) report = load (path);
  g_autoptr(GError) error = NULL;
  StSubmission *co1 = st_report_lookup_submission (report, "CO", "1");

  st_submission_set_text (co1, "progress-2014", progress);
  if (plans != NULL)
    st_submission_set_text (co1, "plans-2015", plans);
  g_assert_true (st_report_save_to_file (report, path, &error));
  g_assert_no_error (error);
}

/* A pack that changes nothing says so, rather than "merged 0 changes" */
static void
test_cli_merge_nothing (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *pack_path = fixture_path (fixture, "co.pack");
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(StReport) report = NULL;
  g_auto(CliResult) made = { 0 };
  g_auto(CliResult) remade = { 0 };
  g_auto(CliResult) untouched = { 0 };
  g_auto(CliResult) one = { 0 };
  g_auto(CliResult) two = { 0 };

  report = load (fixture->report);
  text = g_strdup (st_submission_get_text (st_report_lookup_submission (report, "CO", "1"), "progress-2014"));
  g_clear_object (&report);

  /* Sent back untouched */
  cli_run (&made, NULL, "pack", fixture->report, "-d", "CO", "-o", pack_path, NULL);
  g_assert_cmpint (made.status, ==, 0);
  cli_run (&untouched, NULL, "merge", fixture->report, pack_path, NULL);
  g_assert_cmpint (untouched.status, ==, 0);
  g_assert_cmpstr (untouched.err, ==, "");
  expected = g_strdup_printf ("%s: this pack changes nothing: it matches the report\n", pack_path);
  g_assert_cmpstr (untouched.out, ==, expected);
  report = load (fixture->report);
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "CO", "1"), "progress-2014"),
                   ==, text);
  g_clear_object (&report);

  /* Only a conflict, settled with the report's text */
  set_texts (pack_path, "The pack's text.", NULL);
  set_texts (fixture->report, "The report's text.", NULL);
  cli_run (&one, NULL, "merge", "--take", "report", fixture->report, pack_path, NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpstr (one.err, ==, "");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s: nothing else in it differs from the report, "
                              "1 conflict settled with the report’s text\n", pack_path);
  g_assert_cmpstr (one.out, ==, expected);
  g_assert_null (strstr (one.out, "0 change"));
  report = load (fixture->report);
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "CO", "1"), "progress-2014"),
                   ==, "The report's text.");
  g_clear_object (&report);

  /* Two, in a pack issued afresh, settled with the pack's */
  cli_run (&remade, NULL, "pack", fixture->report, "-d", "CO", "-o", pack_path, "--force", NULL);
  g_assert_cmpint (remade.status, ==, 0);
  set_texts (pack_path, "The pack's text.", "The pack's plans.");
  set_texts (fixture->report, "The report's new text.", "The report's plans.");
  cli_run (&two, NULL, "merge", "--take", "pack", fixture->report, pack_path, NULL);
  g_assert_cmpint (two.status, ==, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s: nothing else in it differs from the report, "
                              "2 conflicts settled with the pack’s text\n", pack_path);
  g_assert_cmpstr (two.out, ==, expected);
  report = load (fixture->report);
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "CO", "1"), "plans-2015"),
                   ==, "The pack's plans.");
}

/* Several packs: each whole or not at all; the good ones are saved */
static void
test_cli_merge_several (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *co_path = fixture_path (fixture, "co.pack");
  g_autofree char *hmt_path = fixture_path (fixture, "hmt.pack");
  g_autofree char *missing_path = fixture_path (fixture, "missing.pack");
  g_autoptr(StReport) report = NULL;
  g_autoptr(StReport) hmt = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliResult) made_co = { 0 };
  g_auto(CliResult) made_hmt = { 0 };
  g_auto(CliResult) merged = { 0 };
  g_auto(CliResult) bad_take = { 0 };
  g_auto(CliResult) no_pack = { 0 };

  cli_run (&made_co, NULL, "pack", fixture->report, "-d", "CO", "-o", co_path, NULL);
  cli_run (&made_hmt, NULL, "pack", fixture->report, "-d", "HMT", "-o", hmt_path, NULL);
  g_assert_cmpint (made_co.status, ==, 0);
  g_assert_cmpint (made_hmt.status, ==, 0);
  edit_pack (co_path, "1", "plans-2015", "CO’s new plan.", ST_STATUS_DRAFT);
  /* HMT approves its own work: refused */
  hmt = load (hmt_path);
  st_submission_set_text (st_report_lookup_submission (hmt, "HMT", "1"), "plans-2015", "HMT’s new plan.");
  st_submission_set_status (st_report_lookup_submission (hmt, "HMT", "1"), ST_STATUS_APPROVED);
  g_assert_true (st_report_save_to_file (hmt, hmt_path, &error));

  cli_run (&merged, NULL, "merge", fixture->report, hmt_path, co_path, missing_path, NULL);
  /* A pack that cannot be read is the worst */
  g_assert_cmpint (merged.status, ==, 2);
  g_assert_nonnull (strstr (merged.err, "HMT, Action 1: the pack marks it approved"));
  g_assert_nonnull (strstr (merged.out, "co.pack: merged 1 change"));

  report = load (fixture->report);
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "CO", "1"), "plans-2015"),
                   ==, "CO’s new plan.");
  g_assert_null (st_submission_get_text (st_report_lookup_submission (report, "HMT", "1"), "plans-2015"));
  g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (report, "HMT", "1")), ==, ST_STATUS_DRAFT);

  cli_run (&bad_take, NULL, "merge", "--take", "mine", fixture->report, co_path, NULL);
  g_assert_cmpint (bad_take.status, ==, 2);
  g_assert_nonnull (strstr (bad_take.err, "--take"));
  cli_run (&no_pack, NULL, "merge", fixture->report, NULL);
  g_assert_cmpint (no_pack.status, ==, 2);
}

static void
test_cli_status (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(StReport) report = NULL;
  g_auto(CliResult) with_errors = { 0 };
  g_auto(CliResult) reviewer_submits = { 0 };
  g_auto(CliResult) submitted = { 0 };
  g_auto(CliResult) no_comment = { 0 };
  g_auto(CliResult) returned = { 0 };
  g_auto(CliResult) shown = { 0 };
  g_auto(CliResult) bad_status = { 0 };
  g_auto(CliResult) bad_action = { 0 };

  /* CO has not answered action 2 */
  before = cli_read_file (fixture->report);
  cli_run (&with_errors, NULL, "status", fixture->report, "-d", "CO", "-n", "2", "--set", "submitted",
           "--as", "department", NULL);
  g_assert_cmpint (with_errors.status, ==, 1);
  g_assert_true (g_str_has_prefix (with_errors.err, fixture->report));
  g_assert_nonnull (strstr (with_errors.err, ": error: CO, Action 2 has"));
  after = cli_read_file (fixture->report);
  g_assert_cmpstr (after, ==, before);

  report = load (fixture->report);
  st_submission_set_not_applicable (st_report_ensure_submission (report, "CO", "3"), CO_REASON);
  g_assert_true (st_report_save_to_file (report, fixture->report, NULL));

  cli_run (&reviewer_submits, NULL, "status", fixture->report, "-d", "CO", "-n", "3", "--set", "submitted", NULL);
  g_assert_cmpint (reviewer_submits.status, ==, 1);
  g_assert_nonnull (strstr (reviewer_submits.err, "Only the department can submit"));

  cli_run (&submitted, NULL, "status", fixture->report, "-d", "CO", "-n", "3", "--set", "submitted",
           "--as", "department", "--author", "Colin", NULL);
  g_assert_cmpint (submitted.status, ==, 0);
  g_assert_cmpstr (submitted.out, ==, "CO, Action 3: Not applicable · Submitted\n");

  cli_run (&no_comment, NULL, "status", fixture->report, "-d", "CO", "-n", "3", "--set", "returned", NULL);
  g_assert_cmpint (no_comment.status, ==, 1);
  g_assert_nonnull (strstr (no_comment.err, "needs a comment"));

  cli_run (&returned, NULL, "status", fixture->report, "-d", "CO", "-n", "3", "--set", "returned",
           "--comment", "Say why it does not apply.", NULL);
  g_assert_cmpint (returned.status, ==, 0);
  g_assert_cmpstr (returned.out, ==, "CO, Action 3: Not applicable · Returned (1 unresolved comment)\n");

  cli_run (&shown, NULL, "status", fixture->report, "-d", "CO", "-n", "3", NULL);
  g_assert_cmpint (shown.status, ==, 0);
  g_assert_cmpstr (shown.out, ==, "CO, Action 3: Not applicable · Returned (1 unresolved comment)\n");

  cli_run (&bad_status, NULL, "status", fixture->report, "-d", "CO", "-n", "3", "--set", "finished", NULL);
  g_assert_cmpint (bad_status.status, ==, 2);
  cli_run (&bad_action, NULL, "status", fixture->report, "-d", "CO", "-n", "99", "--set", "approved", NULL);
  g_assert_cmpint (bad_action.status, ==, 2);
  g_assert_nonnull (strstr (bad_action.err, "no Action “99”"));
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* Sets one of CO's submissions up as the status tests need it */
static void
set_co (StReport   *report,
        const char *item_id,
        gboolean    progress,
        gboolean    plans,
        StStatus    status)
{
  StSubmission *submission = st_report_ensure_submission (report, "CO", item_id);

  if (progress)
    st_submission_set_text (submission, "progress-2014", "CO appointed a leader.");
  if (plans)
    st_submission_set_text (submission, "plans-2015", "CO will train staff.");
  st_submission_set_status (submission, status);
}

/* Listing shows every action due in the round, in the words the editor
 * uses, whether or not the department has written anything yet */
static void
test_cli_status_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(StReport) report = load (fixture->report);
  g_autoptr(GString) expected = NULL;
  g_autofree char *before = NULL;
  g_auto(CliResult) listed = { 0 };
  g_auto(CliResult) one = { 0 };
  g_auto(CliResult) json = { 0 };
  g_auto(CliResult) bad_format = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *submissions;

  set_co (report, "2", TRUE, FALSE, ST_STATUS_DRAFT);
  st_submission_set_not_applicable (st_report_ensure_submission (report, "CO", "3"), CO_REASON);
  set_co (report, "4", TRUE, TRUE, ST_STATUS_SUBMITTED);
  set_co (report, "5", FALSE, TRUE, ST_STATUS_RETURNED);
  set_co (report, "6", TRUE, TRUE, ST_STATUS_APPROVED);
  set_co (report, "7", TRUE, TRUE, ST_STATUS_PUBLISHED);
  /* A submission that was opened and left empty is still not started */
  st_report_ensure_submission (report, "CO", "8");
  g_assert_true (st_report_save_to_file (report, fixture->report, NULL));
  before = cli_read_file (fixture->report);

  cli_run (&listed, NULL, "status", fixture->report, "--department", "CO", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_cmpstr (listed.err, ==, "");
  expected = g_string_new ("CO, Action 1: Complete\n"
                           "CO, Action 2: Incomplete: 1 section missing\n"
                           "CO, Action 3: Not applicable\n"
                           "CO, Action 4: Complete · Submitted\n"
                           "CO, Action 5: Incomplete: 1 section missing · Returned\n"
                           "CO, Action 6: Complete · Approved\n"
                           "CO, Action 7: Complete · Published\n");
  for (guint i = 8; i <= 16; i++)
    g_string_append_printf (expected, "CO, Action %u: Not started\n", i);
  g_assert_cmpstr (listed.out, ==, expected->str);

  /* One action for every department: HMT has written, AGO has not */
  cli_run (&one, NULL, "status", fixture->report, "--action", "1", NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpuint (count_lines (one.out), ==, 17);
  g_assert_true (g_str_has_prefix (one.out, "AGO, Action 1: Not started\n"));
  g_assert_nonnull (strstr (one.out, "\nCO, Action 1: Complete\n"));
  g_assert_nonnull (strstr (one.out, "\nHMT, Action 1: Incomplete: 1 section missing\n"));

  cli_run (&json, NULL, "status", fixture->report, "-d", "CO", "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "round"), ==, "2014");
  submissions = json_object_get_array_member (root, "submissions");
  g_assert_cmpuint (json_array_get_length (submissions), ==, 16);
  {
    JsonObject *co2 = json_array_get_object_element (submissions, 1);
    JsonObject *co3 = json_array_get_object_element (submissions, 2);
    JsonObject *co5 = json_array_get_object_element (submissions, 4);
    JsonObject *co9 = json_array_get_object_element (submissions, 8);

    g_assert_cmpstr (json_object_get_string_member (co2, "abbreviation"), ==, "CO");
    g_assert_cmpint (json_object_get_int_member (co2, "number"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (co2, "state"), ==, "incomplete");
    g_assert_cmpstr (json_object_get_string_member (co2, "status"), ==, "draft");
    g_assert_cmpint (json_object_get_int_member (co2, "sections"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (co2, "missing"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (co2, "description"), ==, "Incomplete: 1 section missing");
    g_assert_cmpstr (json_object_get_string_member (co3, "state"), ==, "not-applicable");
    g_assert_cmpstr (json_object_get_string_member (co3, "status"), ==, "draft");
    g_assert_cmpstr (json_object_get_string_member (co5, "status"), ==, "returned");
    g_assert_cmpint (json_object_get_int_member (co5, "unresolved-comments"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (co9, "state"), ==, "not-started");
    g_assert_cmpint (json_object_get_int_member (co9, "missing"), ==, 2);
  }

  cli_run (&bad_format, NULL, "status", fixture->report, "--format", "yaml", NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
  g_assert_cmpstr (bad_format.out, ==, "");
  g_assert_nonnull (strstr (bad_format.err, "unknown format “yaml”"));

  /* Looking changes nothing */
  {
    g_autofree char *after = cli_read_file (fixture->report);

    g_assert_cmpstr (after, ==, before);
  }
}

/* What validation finds is said as the editor says it: the sample's DfE
 * return is complete but has a warning */
static void
test_cli_status_sample (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample",
                                                   "digital-leaders.stocktake", NULL);
  g_auto(CliResult) listed = { 0 };

  cli_run (&listed, NULL, "status", sample, "--department", "DfE", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_true (g_str_has_prefix (listed.out, "DfE, Action 1: Complete · 1 warning\n"
                                               "DfE, Action 2: Not started\n"));
  g_assert_true (g_str_has_suffix (listed.out, "\nDfE, Action 16: Not started\n"));
}

/* An action with no section in the round is left out of a list, and said
 * to be not due when asked about */
static void
test_cli_status_not_due (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(StReport) report = load (fixture->report);
  g_auto(CliResult) listed = { 0 };
  g_auto(CliResult) one = { 0 };
  g_auto(CliResult) action = { 0 };

  /* Actions 15 and 16 start in 2014 */
  st_report_set_round (report, 1);
  g_assert_true (st_report_save_to_file (report, fixture->report, NULL));

  cli_run (&listed, NULL, "status", fixture->report, "-d", "AGO", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_true (g_str_has_suffix (listed.out, "\nAGO, Action 14: Not started\n"));
  g_assert_null (strstr (listed.out, "Action 15"));

  cli_run (&one, NULL, "status", fixture->report, "-d", "AGO", "-n", "15", NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpstr (one.out, ==, "AGO, Action 15: Not due\n");

  cli_run (&action, NULL, "status", fixture->report, "-n", "16", NULL);
  g_assert_cmpint (action.status, ==, 0);
  g_assert_cmpuint (count_lines (action.out), ==, 17);
  g_assert_true (g_str_has_prefix (action.out, "AGO, Action 16: Not due\nCO, Action 16: Not due\n"));
}

/* A pack holds one department: the others are not listed as not started */
static void
test_cli_status_pack (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *pack_path = fixture_path (fixture, "co.pack");
  g_auto(CliResult) made = { 0 };
  g_auto(CliResult) listed = { 0 };
  g_auto(CliResult) other = { 0 };

  cli_run (&made, NULL, "pack", fixture->report, "-d", "CO", "-o", pack_path, NULL);
  g_assert_cmpint (made.status, ==, 0);

  cli_run (&listed, NULL, "status", pack_path, NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_true (g_str_has_prefix (listed.out, "CO, Action 1: Complete\nCO, Action 2: Not started\n"));
  g_assert_null (strstr (listed.out, "HMT"));
  g_assert_null (strstr (listed.out, "AGO"));

  cli_run (&other, NULL, "status", pack_path, "-d", "HMT", NULL);
  g_assert_cmpint (other.status, ==, 2);
  g_assert_cmpstr (other.out, ==, "");
  g_assert_nonnull (strstr (other.err, "this is CO’s pack"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-pack/pack", Fixture, NULL, fixture_set_up, test_cli_pack, fixture_tear_down);
  g_test_add ("/cli-pack/pack-errors", Fixture, NULL, fixture_set_up, test_cli_pack_errors, fixture_tear_down);
  g_test_add ("/cli-pack/merge-clean", Fixture, NULL, fixture_set_up, test_cli_merge_clean, fixture_tear_down);
  g_test_add ("/cli-pack/merge-refused", Fixture, NULL, fixture_set_up, test_cli_merge_refused, fixture_tear_down);
  g_test_add ("/cli-pack/merge-conflicts", Fixture, NULL, fixture_set_up, test_cli_merge_conflicts, fixture_tear_down);
  g_test_add ("/cli-pack/merge-nothing", Fixture, NULL, fixture_set_up, test_cli_merge_nothing, fixture_tear_down);
  g_test_add ("/cli-pack/merge-several", Fixture, NULL, fixture_set_up, test_cli_merge_several, fixture_tear_down);
  g_test_add ("/cli-pack/status", Fixture, NULL, fixture_set_up, test_cli_status, fixture_tear_down);
  g_test_add ("/cli-pack/status-list", Fixture, NULL, fixture_set_up, test_cli_status_list, fixture_tear_down);
  g_test_add_func ("/cli-pack/status-sample", test_cli_status_sample);
  g_test_add ("/cli-pack/status-not-due", Fixture, NULL, fixture_set_up, test_cli_status_not_due, fixture_tear_down);
  g_test_add ("/cli-pack/status-pack", Fixture, NULL, fixture_set_up, test_cli_status_pack, fixture_tear_down);

  return g_test_run ();
}
