/* test-cli.c: stocktake-cli new, info, --help and --version, run as a
 * user runs them
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "stocktake-core.h"
#include "test-cli-helpers.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = cli_tmp_dir_new ("stocktake-cli");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  cli_tmp_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
test_cli_help_version (void)
{
  g_auto(CliResult) help = { 0 };
  g_auto(CliResult) version = { 0 };
  g_auto(CliResult) none = { 0 };
  g_auto(CliResult) unknown = { 0 };
  g_auto(CliResult) info_help = { 0 };

  cli_run (&help, NULL, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "Usage: stocktake-cli COMMAND"));
  g_assert_nonnull (strstr (help.out, "  new "));
  g_assert_nonnull (strstr (help.out, "  info "));

  cli_run (&version, NULL, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "stocktake-cli " PACKAGE_VERSION "\n");

  cli_run (&none, NULL, NULL, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage:"));

  cli_run (&unknown, NULL, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command “frobnicate”"));

  cli_run (&info_help, NULL, "info", "--help", NULL);
  g_assert_cmpint (info_help.status, ==, 0);
  g_assert_nonnull (strstr (info_help.out, "REPORT"));
  /* The usage line names the command, as it is typed */
  g_assert_nonnull (strstr (info_help.out, "  stocktake-cli info [OPTION"));
}

static void
test_cli_new_info (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct {
    const char *template;
    const char *title;
    const char *respondents;
    const char *items;
    const char *rounds;
    const char *sections;
  } cases[] = {
    { "gds-2012", "Template: Government Digital Strategy (gds-2012)", "Departments: 17",
      "Actions: 16", "Rounds: 3 (collecting 2014)", "Sections filled: 0 of 1258" },
    { "dec-2022", "Template: Organising for digital delivery (dec-2022)", "Organisations: 1",
      "Recommendations: 8", "Rounds: 1 (collecting February 2022)", "Sections filled: 0 of 8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.stocktake", cases[i].template);
      g_autofree char *path = fixture_path (fixture, name);
      g_auto(CliResult) created = { 0 };
      g_auto(CliResult) info = { 0 };
      g_auto(CliResult) again = { 0 };
      g_autoptr(StReport) report = NULL;

      cli_run (&created, NULL, "new", "--template", cases[i].template, "-o", path, NULL);
      g_assert_cmpstr (created.err, ==, "");
      g_assert_cmpint (created.status, ==, 0);

      report = st_report_new_from_file (path, NULL, NULL);
      g_assert_nonnull (report);
      g_assert_cmpstr (st_template_get_id (st_report_get_template (report)), ==, cases[i].template);

      cli_run (&info, NULL, "info", path, NULL);
      g_assert_cmpint (info.status, ==, 0);
      g_test_message ("%s", info.out);
      g_assert_nonnull (strstr (info.out, cases[i].title));
      g_assert_nonnull (strstr (info.out, cases[i].respondents));
      g_assert_nonnull (strstr (info.out, cases[i].items));
      g_assert_nonnull (strstr (info.out, cases[i].rounds));
      g_assert_nonnull (strstr (info.out, cases[i].sections));

      /* new never overwrites */
      cli_run (&again, NULL, "new", "--template", cases[i].template, "-o", path, NULL);
      g_assert_cmpint (again.status, ==, 2);
      g_assert_nonnull (strstr (again.err, "exists already"));
    }
}

static void
test_cli_new_usage_errors (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "x.stocktake");
  g_auto(CliResult) no_template = { 0 };
  g_auto(CliResult) bad_template = { 0 };
  g_auto(CliResult) bad_option = { 0 };
  g_auto(CliResult) extra = { 0 };
  g_auto(CliResult) bad_dir = { 0 };

  cli_run (&no_template, NULL, "new", "-o", path, NULL);
  g_assert_cmpint (no_template.status, ==, 2);
  g_assert_nonnull (strstr (no_template.err, "--template"));

  cli_run (&bad_template, NULL, "new", "--template", "gds-1999", "-o", path, NULL);
  g_assert_cmpint (bad_template.status, ==, 2);
  g_assert_nonnull (strstr (bad_template.err, "gds-1999"));
  g_assert_nonnull (strstr (bad_template.err, "gds-2012"));

  cli_run (&bad_option, NULL, "new", "--colour", "red", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);
  g_assert_nonnull (strstr (bad_option.err, "--colour"));

  cli_run (&extra, NULL, "new", "--template", "gds-2012", "-o", path, "surplus", NULL);
  g_assert_cmpint (extra.status, ==, 2);
  g_assert_nonnull (strstr (extra.err, "surplus"));

  cli_run (&bad_dir, NULL, "new", "--template", "gds-2012", "-o", "/nonexistent/dir/x.stocktake", NULL);
  g_assert_cmpint (bad_dir.status, ==, 2);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Bad files: each gives its error in FILE:LINE:COLUMN form where a position
 * is known, exits 1, and the file is byte for byte what it was */
static void
test_cli_info_bad_files (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *good = fixture_path (fixture, "good.stocktake");
  g_auto(CliResult) created = { 0 };
  g_autofree char *text = NULL;
  gsize length;
  struct {
    const char *name;
    char       *contents;
    const char *expected;
  } cases[6];

  cli_run (&created, NULL, "new", "--template", "gds-2012", "-o", good, NULL);
  g_assert_cmpint (created.status, ==, 0);
  g_assert_true (g_file_get_contents (good, &text, &length, NULL));

  cases[0].name = "truncated.stocktake";
  cases[0].contents = g_strndup (text, length / 3);
  cases[0].expected = ": error: The report is damaged at line ";

  cases[1].name = "wrong-type.stocktake";
  cases[1].contents = g_strdup ("{\n  \"format\" : \"stocktake-report\",\n  \"version\" : \"one\"\n}\n");
  cases[1].expected = "wrong-type.stocktake: error: $.version: expected a whole number";

  cases[2].name = "version-99.stocktake";
  {
    const char *at = strstr (text, "\"version\" : 1,");
    g_assert_nonnull (at);
    cases[2].contents = g_strdup_printf ("%.*s\"version\" : 99,%s", (int) (at - text), text,
                                         at + strlen ("\"version\" : 1,"));
  }
  cases[2].expected = "version-99.stocktake: error: The report is in format version 99";

  /* Published pages, to import rather than open */
  cases[3].name = "action-1.html";
  cases[3].contents = g_strdup ("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head><title>Action 1</title></head>\n</html>\n");
  cases[3].expected = "action-1.html: error: This looks like a published page, not a Stocktake report: "
                      "use “stocktake-cli import” to read it into a report";
  cases[4].name = "action-1.txt";
  cases[4].contents = g_strdup ("Action 1: ensure there is an active digital leader\nUpdated 16 January 2015\n");
  cases[4].expected = "action-1.txt: error: This looks like a published page, not a Stocktake report: "
                      "use “stocktake-cli import” to read it into a report";

  /* Well-formed, but some other JSON: the plain sentence, then the detail */
  cases[5].name = "settings.json";
  cases[5].contents = g_strdup ("{ \"title\": \"Not a report\" }\n");
  cases[5].expected = "settings.json: error: This file is not a Stocktake report: it holds data of some other kind";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture_path (fixture, cases[i].name);
      g_autofree char *after = NULL;
      g_auto(CliResult) info = { 0 };

      g_assert_true (g_file_set_contents (path, cases[i].contents, -1, NULL));
      cli_run (&info, NULL, "info", path, NULL);
      g_test_message ("%s", info.err);
      g_assert_cmpint (info.status, ==, 1);
      g_assert_cmpstr (info.out, ==, "");
      g_assert_true (g_str_has_prefix (info.err, path));
      g_assert_nonnull (strstr (info.err, cases[i].expected));

      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, cases[i].contents);
      g_free (cases[i].contents);
    }

  /* The truncated file's message carries a line and a column */
  {
    g_autofree char *path = fixture_path (fixture, "truncated.stocktake");
    g_autofree char *prefix = g_strdup_printf ("%s:", path);
    g_auto(CliResult) info = { 0 };
    guint line = 0, column = 0;

    cli_run (&info, NULL, "info", path, NULL);
    g_assert_true (g_str_has_prefix (info.err, prefix));
    g_assert_cmpint (sscanf (info.err + strlen (prefix), "%u:%u:", &line, &column), ==, 2);
    g_assert_cmpuint (line, >, 1);
    g_assert_cmpuint (column, >, 0);
    /* and the sentence after it says the same place in words */
    {
      g_autofree char *words = g_strdup_printf ("error: The report is damaged at line %u, column %u: ", line, column);

      g_assert_nonnull (strstr (info.err, words));
    }
  }
}

static void
test_cli_info_unreadable (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(CliResult) missing = { 0 };
  g_auto(CliResult) two = { 0 };

  cli_run (&missing, NULL, "info", "/nonexistent/report.stocktake", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/report.stocktake"));

  cli_run (&two, NULL, "info", "a", "b", NULL);
  g_assert_cmpint (two.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help-version", test_cli_help_version);
  g_test_add ("/cli/new-info", Fixture, NULL, fixture_set_up, test_cli_new_info, fixture_tear_down);
  g_test_add ("/cli/new-usage-errors", Fixture, NULL, fixture_set_up, test_cli_new_usage_errors, fixture_tear_down);
  g_test_add ("/cli/info-bad-files", Fixture, NULL, fixture_set_up, test_cli_info_bad_files, fixture_tear_down);
  g_test_add ("/cli/info-unreadable", Fixture, NULL, fixture_set_up, test_cli_info_unreadable, fixture_tear_down);

  return g_test_run ();
}
