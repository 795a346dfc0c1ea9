/* test-cli-validate.c: stocktake-cli validate, run as a user runs it
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "stocktake-core.h"
#include "test-cli-helpers.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = cli_tmp_dir_new ("stocktake-validate");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  cli_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static void
save_report (Fixture    *fixture,
             StReport   *report,
             const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (st_report_save_to_file (report, path, &error));
  g_assert_no_error (error);
}

static StReport *
new_gds_report (void)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);

  return st_report_new (template);
}

/* A report where every department answered every action but one, with one
 * style slip */
static StReport *
new_answered_report (void)
{
  StReport *report = new_gds_report ();
  StTemplate *template = st_report_get_template (report);

  for (guint r = 0; r < st_template_get_n_respondents (template); r++)
    for (guint i = 0; i < st_template_get_n_items (template); i++)
      {
        const StRespondent *respondent = st_template_get_respondent (template, r);
        const StItem *item = st_template_get_item (template, i);
        StSubmission *submission = st_report_ensure_submission (report, respondent->id, item->id);

        st_submission_set_text (submission, "progress-2014", "The team met the users.");
        st_submission_set_text (submission, "plans-2015", "The team will meet more users.");
      }
  st_submission_set_text (st_report_lookup_submission (report, "DfE", "4"), "plans-2015",
                          "The team will meet users, eg in Leeds.");
  return report;
}

static char **
lines_of (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = g_strv_length (lines);

  /* The output ends with a newline */
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_clear_pointer (&lines[n - 1], g_free);
  return g_steal_pointer (&lines);
}

static void
test_empty_report (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(CliResult) made = { 0 };
  g_auto(CliResult) result = { 0 };
  g_auto(GStrv) lines = NULL;

  cli_run (&made, fixture->dir, "new", "--template", "gds-2012", "--output", "empty.stocktake", NULL);
  g_assert_cmpint (made.status, ==, 0);

  cli_run (&result, fixture->dir, "validate", "empty.stocktake", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.err, ==, "");
  lines = lines_of (result.out);
  g_assert_cmpuint (g_strv_length (lines), ==, 17 * 16 + 1);
  g_assert_cmpstr (lines[0], ==,
                   "empty.stocktake: AGO / action 1: error: Action 1 has no answer for the 2014 round: "
                   "fill in its sections, or mark it not applicable and say why [unanswered]");
  g_assert_cmpstr (lines[17 * 16 - 1], ==,
                   "empty.stocktake: MOJ / action 16: error: Action 16 has no answer for the 2014 round: "
                   "fill in its sections, or mark it not applicable and say why [unanswered]");
  g_assert_cmpstr (lines[17 * 16], ==, "272 errors, 0 warnings, 0 info");
}

static void
test_warnings_only (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StReport) report = new_answered_report ();
  g_auto(CliResult) result = { 0 };
  g_auto(CliResult) errors_only = { 0 };

  save_report (fixture, report, "answered.stocktake");

  /* Warnings alone do not fail the run */
  cli_run (&result, fixture->dir, "validate", "answered.stocktake", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==,
                   "answered.stocktake: DfE / action 4 / Planned activities in 2015: warning: "
                   "Write “for example” instead of “eg” [style-abbreviation]\n"
                   "0 errors, 1 warning, 0 info\n");

  cli_run (&errors_only, fixture->dir, "validate", "--severity", "error", "answered.stocktake", NULL);
  g_assert_cmpint (errors_only.status, ==, 0);
  g_assert_cmpstr (errors_only.out, ==, "0 errors, 0 warnings, 0 info\n");
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(StReport) report = new_answered_report ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CliResult) result = { 0 };
  JsonObject *root, *finding, *counts;
  JsonArray *findings;

  /* One error as well as the warning */
  st_submission_set_text (st_report_lookup_submission (report, "HO", "2"), "plans-2015", NULL);
  save_report (fixture, report, "r.stocktake");

  cli_run (&result, fixture->dir, "validate", "--format", "json", "r.stocktake", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_true (json_parser_load_from_data (parser, result.out, -1, &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "report"), ==, "r.stocktake");
  g_assert_cmpstr (json_object_get_string_member (root, "round"), ==, "2014");
  g_assert_cmpstr (json_object_get_string_member (root, "page"), ==, "departments");
  counts = json_object_get_object_member (root, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "error"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "warning"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "info"), ==, 0);

  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 2);
  /* DfE comes before HO in the template */
  finding = json_array_get_object_element (findings, 0);
  g_assert_cmpstr (json_object_get_string_member (finding, "rule"), ==, "style-abbreviation");
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (finding, "respondent"), ==, "DfE");
  g_assert_cmpstr (json_object_get_string_member (finding, "item"), ==, "4");
  g_assert_cmpint (json_object_get_int_member (finding, "number"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (finding, "section"), ==, "plans-2015");
  g_assert_cmpstr (json_object_get_string_member (finding, "heading"), ==, "Planned activities in 2015");
  /* "The team will meet users, eg in Leeds." */
  g_assert_cmpint (json_object_get_int_member (finding, "start"), ==, 26);
  g_assert_cmpint (json_object_get_int_member (finding, "end"), ==, 28);
  finding = json_array_get_object_element (findings, 1);
  g_assert_cmpstr (json_object_get_string_member (finding, "rule"), ==, "missing-section");
  g_assert_cmpstr (json_object_get_string_member (finding, "respondent"), ==, "HO");
}

static void
test_round_and_page (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(StReport) report = new_gds_report ();
  g_auto(CliResult) round_2013 = { 0 };
  g_auto(CliResult) one_page = { 0 };
  g_auto(GStrv) lines = NULL;

  save_report (fixture, report, "r.stocktake");

  /* In 2013, actions 15 and 16 were not due */
  cli_run (&round_2013, fixture->dir, "validate", "--round", "2013", "r.stocktake", NULL);
  g_assert_cmpint (round_2013.status, ==, 1);
  g_assert_nonnull (strstr (round_2013.out, "\n238 errors, 0 warnings, 0 info\n"));
  g_assert_nonnull (strstr (round_2013.out, "has no answer for the 2013 round"));
  g_assert_null (strstr (round_2013.out, "action 15"));

  cli_run (&one_page, fixture->dir, "validate", "--page", "action:3", "r.stocktake", NULL);
  g_assert_cmpint (one_page.status, ==, 1);
  lines = lines_of (one_page.out);
  g_assert_cmpuint (g_strv_length (lines), ==, 17 + 1);
  for (guint i = 0; i < 17; i++)
    g_assert_nonnull (strstr (lines[i], " / action 3: error: "));
}

/* Earlier rounds' text is published history: its slips are listed only
 * when asked for, and the counts and exit status follow what is listed */
static void
test_earlier_rounds (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(StReport) report = new_answered_report ();
  g_auto(CliResult) current = { 0 };
  g_auto(CliResult) earlier = { 0 };

  st_submission_set_text (st_report_lookup_submission (report, "HO", "2"), "progress-2013",
                          "The team met the users, eg in Leeds.");
  save_report (fixture, report, "r.stocktake");

  cli_run (&current, fixture->dir, "validate", "r.stocktake", NULL);
  g_assert_cmpint (current.status, ==, 0);
  g_assert_null (strstr (current.out, "HO / action 2"));
  g_assert_nonnull (strstr (current.out, "\n0 errors, 1 warning, 0 info\n"));

  cli_run (&earlier, fixture->dir, "validate", "--earlier-rounds", "r.stocktake", NULL);
  g_assert_cmpint (earlier.status, ==, 0);
  g_assert_nonnull (strstr (earlier.out,
                            "r.stocktake: HO / action 2 / Progress during 2013: warning: "
                            "Write “for example” instead of “eg” [style-abbreviation]\n"));
  g_assert_nonnull (strstr (earlier.out, "\n0 errors, 2 warnings, 0 info\n"));
}

static void
test_unreadable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(CliResult) missing = { 0 };
  g_auto(CliResult) broken = { 0 };
  g_autofree char *path = g_build_filename (fixture->dir, "broken.stocktake", NULL);

  /* A file that is not there is a usage problem */
  cli_run (&missing, fixture->dir, "validate", "nowhere.stocktake", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_cmpstr (missing.out, ==, "");
  g_assert_nonnull (strstr (missing.err, "nowhere.stocktake"));

  /* A broken one is a problem in the input, with where */
  g_assert_true (g_file_set_contents (path, "{\n  \"format\": \"stocktake-report\",\n  oops\n}\n", -1, NULL));
  cli_run (&broken, fixture->dir, "validate", "broken.stocktake", NULL);
  g_assert_cmpint (broken.status, ==, 1);
  g_assert_cmpstr (broken.out, ==, "");
  g_assert_true (g_regex_match_simple ("^broken\\.stocktake:[23]:[0-9]+: error: ", broken.err, 0, 0));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(StReport) report = new_gds_report ();
  const char *bad[][3] = {
    { "--format", "xml", "unknown format “xml”" },
    { "--severity", "fatal", "unknown severity “fatal”" },
    { "--round", "1999", "the template has no round “1999”; its rounds are 2012, 2013, 2014" },
    { "--page", "department:NOPE", "The template has no respondent “NOPE”" },
    { "--bogus", "x", "Unknown option --bogus" },
  };
  g_auto(CliResult) none = { 0 };
  g_auto(CliResult) two = { 0 };
  g_auto(CliResult) help = { 0 };

  save_report (fixture, report, "r.stocktake");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(CliResult) result = { 0 };

      cli_run (&result, fixture->dir, "validate", bad[i][0], bad[i][1], "r.stocktake", NULL);
      g_assert_cmpint (result.status, ==, 2);
      g_assert_cmpstr (result.out, ==, "");
      if (strstr (result.err, bad[i][2]) == NULL)
        g_error ("expected “%s” in “%s”", bad[i][2], result.err);
    }

  cli_run (&none, fixture->dir, "validate", NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "name one report"));

  cli_run (&two, fixture->dir, "validate", "r.stocktake", "r.stocktake", NULL);
  g_assert_cmpint (two.status, ==, 2);

  cli_run (&help, fixture->dir, "validate", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--severity"));
  g_assert_nonnull (strstr (help.out, "--page"));
}

static void
test_disabled_rule_in_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(StReport) report = new_answered_report ();
  g_auto(CliResult) result = { 0 };

  /* The report's own switches apply */
  st_report_set_rule_enabled (report, "style-abbreviation", FALSE);
  save_report (fixture, report, "r.stocktake");
  cli_run (&result, fixture->dir, "validate", "r.stocktake", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "0 errors, 0 warnings, 0 info\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli-validate/empty-report", test_empty_report);
  ADD ("/cli-validate/warnings-only", test_warnings_only);
  ADD ("/cli-validate/json", test_json);
  ADD ("/cli-validate/round-and-page", test_round_and_page);
  ADD ("/cli-validate/earlier-rounds", test_earlier_rounds);
  ADD ("/cli-validate/unreadable", test_unreadable);
  ADD ("/cli-validate/usage-errors", test_usage_errors);
  ADD ("/cli-validate/disabled-rule-in-file", test_disabled_rule_in_file);

  return g_test_run ();
}
