/* test-cli-round.c: stocktake-cli new-round, run as a user runs it
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "stocktake-core.h"
#include "test-cli-helpers.h"

typedef struct {
  char *dir;
  char *path;   /* a report with a submitted return, in dir */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);
  g_autoptr(StReport) report = st_report_new (template);
  g_autoptr(GError) error = NULL;
  StSubmission *submission;
  GDate date;

  fixture->dir = cli_tmp_dir_new ("stocktake-cli-round");
  fixture->path = g_build_filename (fixture->dir, "report.stocktake", NULL);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, G_DATE_JANUARY, 2015);
  st_report_set_updated (report, &date);
  submission = st_report_ensure_submission (report, "CO", "1");
  st_submission_set_text (submission, "progress-2014", "CO appointed a digital leader.");
  st_submission_set_text (submission, "plans-2015", "CO will train its staff.");
  st_submission_set_status (submission, ST_STATUS_APPROVED);
  g_assert_true (st_report_save_to_file (report, fixture->path, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  cli_tmp_dir_remove (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static JsonObject *
parse_root (JsonParser *parser,
            const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_cli_round_start (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(CliResult) result = { 0 };
  g_auto(CliResult) info = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) report = NULL;
  JsonObject *root, *submission, *entry;
  JsonArray *rounds, *sections, *history;

  cli_run (&result, NULL, "new-round", fixture->path, "--updated", "2016-02-02", "--author", "Carys Central", NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==,
                   "Started the round 2015 (Progress during 2015; Planned activities in 2016), "
                   "updated 2 February 2016\n");

  /* The file, as JSON */
  root = parse_root (parser, fixture->path);
  g_assert_cmpstr (json_object_get_string_member (root, "updated"), ==, "2016-02-02");
  g_assert_cmpstr (json_object_get_string_member (root, "round"), ==, "2015");
  rounds = json_object_get_array_member (json_object_get_object_member (root, "template"), "rounds");
  g_assert_cmpuint (json_array_get_length (rounds), ==, 4);
  sections = json_object_get_array_member (json_array_get_object_element (rounds, 3), "sections");
  g_assert_cmpuint (json_array_get_length (sections), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sections, 0), "id"), ==,
                   "progress-2015");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sections, 0), "heading"), ==,
                   "Progress during 2015");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sections, 1), "heading"), ==,
                   "Planned activities in 2016");

  submission = json_array_get_object_element (json_object_get_array_member (root, "submissions"), 0);
  g_assert_cmpstr (json_object_get_string_member (submission, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (submission, "sections"),
                                                  "progress-2014"),
                   ==, "CO appointed a digital leader.");
  history = json_object_get_array_member (submission, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 1);
  entry = json_array_get_object_element (history, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "what"), ==, "status");
  g_assert_cmpstr (json_object_get_string_member (entry, "old"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (entry, "new"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (entry, "author"), ==, "Carys Central");

  /* And as the other commands read it */
  report = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (st_report_get_round (report), ==, 3);
  cli_run (&info, NULL, "info", fixture->path, NULL);
  g_assert_cmpint (info.status, ==, 0);
  g_assert_nonnull (strstr (info.out, "Rounds: 4 (collecting 2015)"));
}

/* With no date, today's */
static void
test_cli_round_today (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(CliResult) result = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *second_try = NULL;
  JsonObject *root;

  cli_run (&result, NULL, "new-round", fixture->path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  root = parse_root (parser, fixture->path);
  /* Unless midnight passed in between */
  if (!g_str_equal (json_object_get_string_member (root, "updated"), today))
    {
      g_autoptr(GDateTime) later = g_date_time_new_now_local ();

      second_try = g_date_time_format (later, "%Y-%m-%d");
      g_assert_cmpstr (json_object_get_string_member (root, "updated"), ==, second_try);
    }
  g_assert_cmpstr (json_object_get_string_member (root, "round"), ==, "2015");
}

static void
test_cli_round_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *original = cli_read_file (fixture->path);
  g_autofree char *pack_path = g_build_filename (fixture->dir, "co.stocktake", NULL);
  g_autofree char *path_2022 = g_build_filename (fixture->dir, "2022.stocktake", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.stocktake", NULL);
  g_autofree char *pack_before = NULL;
  g_autofree char *pack_after = NULL;
  g_autofree char *before_2022 = NULL;
  g_autofree char *after_2022 = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *expected = NULL;
  g_auto(CliResult) pack = { 0 };
  g_auto(CliResult) in_pack = { 0 };
  g_auto(CliResult) created = { 0 };
  g_auto(CliResult) no_year = { 0 };
  g_auto(CliResult) bad_date = { 0 };
  g_auto(CliResult) no_file = { 0 };
  g_auto(CliResult) two_files = { 0 };
  g_auto(CliResult) none = { 0 };

  /* A department's pack: exit 1, the pack as it was */
  cli_run (&pack, NULL, "pack", fixture->path, "--department", "CO", "-o", pack_path, NULL);
  g_assert_cmpint (pack.status, ==, 0);
  g_clear_pointer (&original, g_free);
  original = cli_read_file (fixture->path);
  pack_before = cli_read_file (pack_path);
  cli_run (&in_pack, NULL, "new-round", pack_path, NULL);
  g_assert_cmpint (in_pack.status, ==, 1);
  expected = g_strdup_printf ("%s: error: This is CO’s pack: only the central team starts a new round, "
                              "in the full report\n", pack_path);
  g_assert_cmpstr (in_pack.err, ==, expected);
  pack_after = cli_read_file (pack_path);
  g_assert_cmpstr (pack_after, ==, pack_before);

  /* A template with no year in its headings */
  cli_run (&created, NULL, "new", "--template", "dec-2022", "-o", path_2022, NULL);
  g_assert_cmpint (created.status, ==, 0);
  before_2022 = cli_read_file (path_2022);
  cli_run (&no_year, NULL, "new-round", path_2022, NULL);
  g_assert_cmpint (no_year.status, ==, 1);
  g_assert_nonnull (strstr (no_year.err, "“Progress update” does not name its year"));
  after_2022 = cli_read_file (path_2022);
  g_assert_cmpstr (after_2022, ==, before_2022);

  /* Usage errors: exit 2, nothing written */
  cli_run (&bad_date, NULL, "new-round", fixture->path, "--updated", "2016-02-30", NULL);
  g_assert_cmpint (bad_date.status, ==, 2);
  g_assert_nonnull (strstr (bad_date.err, "“2016-02-30” is not a date"));
  cli_run (&no_file, NULL, "new-round", missing, NULL);
  g_assert_cmpint (no_file.status, ==, 2);
  cli_run (&two_files, NULL, "new-round", fixture->path, pack_path, NULL);
  g_assert_cmpint (two_files.status, ==, 2);
  g_assert_nonnull (strstr (two_files.err, "name only one report"));
  cli_run (&none, NULL, "new-round", NULL);
  g_assert_cmpint (none.status, ==, 2);

  unchanged = cli_read_file (fixture->path);
  g_assert_cmpstr (unchanged, ==, original);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/new-round/start", Fixture, NULL, fixture_set_up, test_cli_round_start, fixture_tear_down);
  g_test_add ("/cli/new-round/today", Fixture, NULL, fixture_set_up, test_cli_round_today, fixture_tear_down);
  g_test_add ("/cli/new-round/refused", Fixture, NULL, fixture_set_up, test_cli_round_refused, fixture_tear_down);

  return g_test_run ();
}
