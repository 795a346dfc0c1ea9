/* test-cli-import-export.c: stocktake-cli import and export, run as a
 * user runs them
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "stocktake-core.h"
#include "test-cli-helpers.h"

typedef struct {
  char *dir;
} Tmp;

static void
tmp_set_up (Tmp           *tmp,
            gconstpointer  data)
{
  tmp->dir = cli_tmp_dir_new ("stocktake-import-export");
}

static void
tmp_tear_down (Tmp           *tmp,
               gconstpointer  data)
{
  cli_tmp_dir_remove (tmp->dir);
  g_free (tmp->dir);
}

static char *
tmp_file (Tmp        *tmp,
          const char *name)
{
  return g_build_filename (tmp->dir, name, NULL);
}

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("STOCKTAKE_FIXTURES"), name, NULL);
}

static char *
page (const char *name)
{
  return g_build_filename (g_getenv ("STOCKTAKE_FIXTURES"), "pages", name, NULL);
}

static char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample", "digital-leaders.stocktake", NULL);
}

static char *
sample_2022_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample",
                                "organising-for-digital-delivery-2022.stocktake", NULL);
}

static void
test_import_fixtures (Tmp           *tmp,
                      gconstpointer  data)
{
  g_autofree char *action = fixture ("action-1-digital-leaders.txt");
  g_autofree char *department = fixture ("cabinet-office-actions.txt");
  g_autofree char *output = tmp_file (tmp, "imported.stocktake");
  g_autofree char *expected = NULL;
  g_autoptr(CliResult) result = cli_run_new ("import", "-o", output, action, department, NULL);
  g_autoptr(StReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  expected = g_strdup_printf ("%s:73: warning: “Progress in 2014” is taken as “Progress during 2014”\n"
                              "%s:141: warning: “Foreign and Commonwealth Office’s” is published as "
                              "“Foreign and Commonwealth Office”\n"
                              "2 pages read, 154 sections taken, 0 conflicts; 0 errors, 2 warnings\n",
                              action, action);
  g_assert_cmpstr (result->out, ==, expected);

  report = st_report_new_from_file (output, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (st_report_get_n_submissions (report), ==, 32);
}

static void
test_import_bad (Tmp           *tmp,
                 gconstpointer  data)
{
  g_autofree char *output = tmp_file (tmp, "out.stocktake");
  g_autofree char *unknown = page ("unknown-department.txt");
  g_autofree char *empty = page ("empty.txt");
  g_autofree char *missing = page ("no-such-page.txt");
  g_autofree char *html = page ("page.html");
  g_autoptr(CliResult) partly = cli_run_new ("import", "-o", output, unknown, NULL);
  g_autoptr(CliResult) nothing = NULL;
  g_autoptr(CliResult) unreadable = NULL;
  g_autoptr(CliResult) no_pages = NULL;
  g_autoptr(CliResult) no_output = NULL;
  g_autoptr(CliResult) both = NULL;
  g_autoptr(CliResult) bad_template = NULL;
  g_autoptr(CliResult) from_html = NULL;
  g_autofree char *expected = NULL;

  /* Errors in a page: what could be read is kept, and the exit status says so */
  g_assert_cmpint (partly->status, ==, 1);
  expected = g_strdup_printf ("%s:8: error: The template has no Department “Ministry of Magic” "
                              "(lines 8–12 left out)\n", unknown);
  g_assert_nonnull (strstr (partly->out, expected));
  g_assert_true (g_str_has_suffix (partly->out, "1 page read, 2 sections taken, 0 conflicts; 1 error, 2 warnings\n"));
  g_assert_true (g_file_test (output, G_FILE_TEST_EXISTS));
  g_remove (output);

  /* No page could be read: nothing is written */
  nothing = cli_run_new ("import", "-o", output, empty, NULL);
  g_assert_cmpint (nothing->status, ==, 1);
  g_assert_nonnull (strstr (nothing->out, "error: The page is empty"));
  g_assert_nonnull (strstr (nothing->err, "no page could be read"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  unreadable = cli_run_new ("import", "-o", output, missing, NULL);
  g_assert_cmpint (unreadable->status, ==, 2);
  g_assert_nonnull (strstr (unreadable->err, "no-such-page.txt"));

  no_pages = cli_run_new ("import", "-o", output, NULL);
  g_assert_cmpint (no_pages->status, ==, 2);
  no_output = cli_run_new ("import", unknown, NULL);
  g_assert_cmpint (no_output->status, ==, 2);
  both = cli_run_new ("import", "--into", output, "--template", "gds-2012", "-o", output, unknown, NULL);
  g_assert_cmpint (both->status, ==, 2);
  bad_template = cli_run_new ("import", "--template", "no-such-template", "-o", output, unknown, NULL);
  g_assert_cmpint (bad_template->status, ==, 2);

  /* .html pages go through the HTML importer */
  from_html = cli_run_new ("import", "-o", output, html, NULL);
  g_assert_cmpint (from_html->status, ==, 0);
  g_assert_nonnull (strstr (from_html->out, "page.html:18: warning: The template has no section “Progress in 2015”"));
}

static void
test_import_into (Tmp           *tmp,
                  gconstpointer  data)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *conflicting = page ("conflict-co.txt");
  g_autofree char *action_4 = page ("conflict-action-4.txt");
  g_autofree char *output = tmp_file (tmp, "merged.stocktake");
  g_autofree char *second = tmp_file (tmp, "second.stocktake");
  g_autoptr(CliResult) first = cli_run_new ("import", "--into", sample, "-o", output, action_4, NULL);
  g_autoptr(CliResult) again = NULL;

  /* The sample has CO's action 4 from the CO page: the action 4 page differs */
  g_assert_cmpint (first->status, ==, 0);
  g_assert_nonnull (strstr (first->out, "0 sections taken, 2 conflicts; 0 errors"));
  g_assert_nonnull (strstr (first->out, "the report’s text is kept"));

  again = cli_run_new ("import", "--into", output, "-o", second, conflicting, NULL);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_nonnull (strstr (again->out, "1 page read"));
}

/* An existing report is not written over by accident: the pages are
 * added to it with --into, and it is replaced only with --force */
static void
test_import_existing (Tmp           *tmp,
                      gconstpointer  data)
{
  g_autofree char *action = fixture ("action-1-digital-leaders.txt");
  g_autofree char *department = fixture ("cabinet-office-actions.txt");
  g_autofree char *report = tmp_file (tmp, "report.stocktake");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(CliResult) first = cli_run_new ("import", "-o", report, action, NULL);
  g_autoptr(CliResult) refused = NULL;
  g_autoptr(CliResult) added = NULL;
  g_autoptr(CliResult) replaced = NULL;
  g_autoptr(StReport) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (first->status, ==, 0);
  before = cli_read_file (report);

  refused = cli_run_new ("import", "-o", report, department, NULL);
  g_assert_cmpint (refused->status, ==, 2);
  expected = g_strdup_printf ("“%s” exists already; use --into to add the pages to it, or --force to replace it",
                              report);
  g_assert_nonnull (strstr (refused->err, expected));
  g_assert_cmpstr (refused->out, ==, "");
  after = cli_read_file (report);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Into itself: the department's pages are added to the action's */
  added = cli_run_new ("import", "--into", report, "-o", report, department, NULL);
  g_assert_cmpint (added->status, ==, 0);
  loaded = st_report_new_from_file (report, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (st_report_lookup_submission (loaded, "HMRC", "1"));
  g_assert_nonnull (st_report_lookup_submission (loaded, "CO", "5"));
  g_clear_object (&loaded);

  /* Replaced when asked: only the department's pages are left */
  replaced = cli_run_new ("import", "--force", "-o", report, department, NULL);
  g_assert_cmpint (replaced->status, ==, 0);
  loaded = st_report_new_from_file (report, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (st_report_lookup_submission (loaded, "HMRC", "1"));
  g_assert_nonnull (st_report_lookup_submission (loaded, "CO", "5"));
}

static void
test_export_round_trip (Tmp           *tmp,
                        gconstpointer  data)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *action_page = fixture ("action-1-digital-leaders.txt");
  g_autofree char *department_page = fixture ("cabinet-office-actions.txt");
  g_autofree char *action_out = tmp_file (tmp, "action-1.txt");
  g_autofree char *department_out = tmp_file (tmp, "co.txt");
  g_autoptr(CliResult) action = cli_run_new ("export", sample, "--format", "text", "--view", "action:1", "-o", action_out, NULL);
  g_autoptr(CliResult) department = cli_run_new ("export", sample, "--view", "department:CO", "-o", department_out, NULL);
  g_autofree char *published = cli_read_file (action_page);
  g_autofree char *exported = cli_read_file (action_out);
  g_autofree char *published_co = cli_read_file (department_page);
  g_autofree char *exported_co = cli_read_file (department_out);
  g_auto(GStrv) published_lines = g_strsplit (published, "\n", -1);
  g_auto(GStrv) exported_lines = g_strsplit (exported, "\n", -1);

  g_assert_cmpint (action->status, ==, 0);
  g_assert_cmpint (department->status, ==, 0);

  /* The department page comes back byte for byte */
  g_assert_cmpstr (exported_co, ==, published_co);

  /* The action page too, but for the two lines the import warned about */
  g_assert_cmpuint (g_strv_length (exported_lines), ==, g_strv_length (published_lines));
  for (guint i = 0; published_lines[i] != NULL; i++)
    {
      if (i + 1 == 73)
        g_assert_cmpstr (exported_lines[i], ==, "Progress during 2014");
      else if (i + 1 == 141)
        g_assert_cmpstr (exported_lines[i], ==, "Foreign and Commonwealth Office");
      else
        g_assert_cmpstr (exported_lines[i], ==, published_lines[i]);
    }
}

static void
test_export_formats (Tmp           *tmp,
                     gconstpointer  data)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *html_out = tmp_file (tmp, "all.html");
  g_autofree char *site = tmp_file (tmp, "site");
  g_autofree char *site_index = g_build_filename (site, "index.md", NULL);
  g_autofree char *site_page = g_build_filename (site, "department-co.md", NULL);
  g_autofree char *broken = tmp_file (tmp, "broken.stocktake");
  g_autoptr(CliResult) html = cli_run_new ("export", sample, "--format", "html", "--view", "all", "-o", html_out, NULL);
  g_autoptr(CliResult) markdown = cli_run_new ("export", sample, "--format", "markdown", "--view", "action:15", "-o", "-", NULL);
  g_autoptr(CliResult) whole_site = cli_run_new ("export", sample, "--format", "markdown", "--view", "site", "-o", site, NULL);
  g_autoptr(CliResult) bad_format = cli_run_new ("export", sample, "--format", "docx", "-o", html_out, NULL);
  g_autoptr(CliResult) bad_view = cli_run_new ("export", sample, "--view", "action:99", "-o", html_out, NULL);
  g_autoptr(CliResult) no_report = cli_run_new ("export", "--view", "all", "-o", html_out, NULL);
  g_autoptr(CliResult) missing = cli_run_new ("export", "no-such.stocktake", "-o", html_out, NULL);
  g_autoptr(CliResult) broken_report = NULL;
  g_autoptr(CliResult) site_to_stdout = cli_run_new ("export", sample, "--view", "site", "-o", "-", NULL);
  g_autofree char *html_text = cli_read_file (html_out);

  g_assert_cmpint (html->status, ==, 0);
  g_assert_true (g_str_has_prefix (html_text, "<!DOCTYPE html>\n<html lang=\"en-GB\">"));
  g_assert_nonnull (strstr (html_text, "<nav aria-labelledby=\"contents\">"));

  g_assert_cmpint (markdown->status, ==, 0);
  g_assert_true (g_str_has_prefix (markdown->out, "This action forms part of the Government Digital Strategy.\n\n"
                                                  "Here’s how departments are responding to this action:\n\n"
                                                  "## Cabinet Office\n\n### Progress during 2014\n\n"));

  g_assert_cmpint (whole_site->status, ==, 0);
  g_assert_true (g_file_test (site_index, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (site_page, G_FILE_TEST_EXISTS));

  g_assert_cmpint (bad_format->status, ==, 2);
  g_assert_nonnull (strstr (bad_format->err, "unknown format “docx”"));
  g_assert_cmpint (bad_view->status, ==, 2);
  g_assert_nonnull (strstr (bad_view->err, "no Action “99”"));
  g_assert_cmpint (no_report->status, ==, 2);
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_cmpint (site_to_stdout->status, ==, 2);

  /* A broken report is a problem in the input, with its position */
  g_assert_true (g_file_set_contents (broken, "{\n  \"format\": \"stocktake-report\",\n  oops\n}\n", -1, NULL));
  broken_report = cli_run_new ("export", broken, "-o", html_out, NULL);
  g_assert_cmpint (broken_report->status, ==, 1);
  g_assert_nonnull (strstr (broken_report->err, "broken.stocktake:2:"));
  g_assert_nonnull (strstr (broken_report->err, ": error: "));
}

/* --approved-only: a draft's text is left out, an approved one's is in;
 * with nothing approved it refuses and writes nothing; the report itself
 * never changes */
static void
test_export_approved_only (Tmp           *tmp,
                           gconstpointer  data)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *report = tmp_file (tmp, "report.stocktake");
  g_autofree char *out = tmp_file (tmp, "action-1.txt");
  g_autofree char *site = tmp_file (tmp, "site");
  g_autofree char *site_page = g_build_filename (site, "action-1.txt", NULL);
  g_autofree char *sample_text = cli_read_file (sample);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *page = NULL;
  g_autofree char *preview = NULL;
  g_autofree char *site_text = NULL;
  /* From CO's and AGO's returns on action 1 */
  static const char co_text[] = "A new in-house Digital and Technology Department will be established";
  static const char ago_text[] = "The Law Officers’ departments are not transactional agencies";

  g_assert_true (g_file_set_contents (report, sample_text, -1, NULL));

  /* Every return is a draft: nothing to publish, nothing written */
  {
    g_autoptr(CliResult) refused = cli_run_new ("export", report, "--approved-only", "--view", "action:1",
                                                "-o", out, NULL);

    g_assert_cmpint (refused->status, ==, 1);
    g_assert_true (g_str_has_prefix (refused->err, report));
    g_assert_nonnull (strstr (refused->err, ": error: No answered submission is approved yet"));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    after = cli_read_file (report);
    g_assert_cmpstr (after, ==, sample_text);
    g_clear_pointer (&after, g_free);
  }

  /* CO's return on action 1 goes through review; AGO's stays a draft */
  {
    g_autoptr(CliResult) submitted = cli_run_new ("status", report, "-d", "CO", "-n", "1", "--set", "submitted",
                                                  "--as", "department", NULL);
    g_autoptr(CliResult) approved = cli_run_new ("status", report, "-d", "CO", "-n", "1", "--set", "approved",
                                                 "--as", "reviewer", NULL);

    g_assert_cmpint (submitted->status, ==, 0);
    g_assert_cmpint (approved->status, ==, 0);
  }
  before = cli_read_file (report);

  {
    g_autoptr(CliResult) approved_only = cli_run_new ("export", report, "--approved-only", "--view", "action:1",
                                                      "-o", out, NULL);
    g_autoptr(CliResult) everything = cli_run_new ("export", report, "--view", "action:1", "-o", "-", NULL);
    g_autoptr(CliResult) whole_site = cli_run_new ("export", report, "--approved-only", "--view", "site", "-o", site, NULL);

    g_assert_cmpint (approved_only->status, ==, 0);
    /* It says how many returns it left out, after the file's name */
    g_assert_nonnull (strstr (approved_only->err, ": note: 31 of the 32 answered submissions are not approved yet and are left out"));
    page = cli_read_file (out);
    g_assert_nonnull (strstr (page, co_text));
    g_assert_null (strstr (page, ago_text));
    g_assert_null (strstr (page, "Attorney General"));

    /* Without the flag, a preview has the draft too */
    g_assert_cmpint (everything->status, ==, 0);
    preview = g_strdup (everything->out);
    g_assert_nonnull (strstr (preview, co_text));
    g_assert_nonnull (strstr (preview, ago_text));

    g_assert_cmpint (whole_site->status, ==, 0);
    site_text = cli_read_file (site_page);
    g_assert_cmpstr (site_text, ==, page);
    /* Action 1 keeps its introduction, with CO's approved return under it */
    g_assert_nonnull (strstr (page, "Here’s how departments are responding to this action:\n"));
  }

  /* Only action 1 has anything approved: the others are left out of the
   * whole update, introduction and all, and a page of one is refused */
  {
    g_autofree char *other = tmp_file (tmp, "action-2.txt");
    g_autofree char *site_other = g_build_filename (site, "action-2.txt", NULL);
    g_autoptr(CliResult) whole = cli_run_new ("export", report, "--approved-only", "-o", "-", NULL);
    g_autoptr(CliResult) whole_preview = cli_run_new ("export", report, "-o", "-", NULL);
    g_autoptr(CliResult) refused = cli_run_new ("export", report, "--approved-only", "--view", "action:2",
                                                "-o", other, NULL);
    const char *intro = "Here’s how departments are responding to this action:";
    const char *second;

    g_assert_cmpint (whole->status, ==, 0);
    second = strstr (whole->out, intro);
    g_assert_nonnull (second);
    g_assert_null (strstr (second + 1, intro));
    g_assert_nonnull (strstr (whole->out, co_text));
    g_assert_null (strstr (whole->out, "Action 2:"));
    /* The preview still has every action */
    g_assert_cmpint (whole_preview->status, ==, 0);
    g_assert_nonnull (strstr (whole_preview->out, "Action 2:"));
    second = strstr (whole_preview->out, intro);
    g_assert_nonnull (second);
    g_assert_nonnull (strstr (second + 1, intro));

    g_assert_cmpint (refused->status, ==, 1);
    g_assert_true (g_str_has_prefix (refused->err, report));
    g_assert_nonnull (strstr (refused->err, ": error: Nothing on the page for Action 2 is approved yet"));
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (site_other, G_FILE_TEST_EXISTS));
  }

  /* Exporting changes nothing in the report */
  after = cli_read_file (report);
  g_assert_cmpstr (after, ==, before);
}

/* --publish: the approved returns' pages, then those returns marked
 * published in the report, by the central team only */
static void
test_export_publish (Tmp           *tmp,
                     gconstpointer  data)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *report = tmp_file (tmp, "report.stocktake");
  g_autofree char *pack = tmp_file (tmp, "co.stocktake");
  g_autofree char *out = tmp_file (tmp, "update.txt");
  g_autofree char *sample_text = cli_read_file (sample);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *page = NULL;
  static const char co_text[] = "A new in-house Digital and Technology Department will be established";
  static const char ago_text[] = "The Law Officers’ departments are not transactional agencies";

  g_assert_true (g_file_set_contents (report, sample_text, -1, NULL));
  {
    g_autoptr(CliResult) submitted = cli_run_new ("status", report, "-d", "CO", "-n", "1", "--set", "submitted",
                                                  "--as", "department", NULL);
    g_autoptr(CliResult) approved = cli_run_new ("status", report, "-d", "CO", "-n", "1", "--set", "approved", NULL);
    g_autoptr(CliResult) packed = cli_run_new ("pack", report, "-d", "CO", "-o", pack, NULL);

    g_assert_cmpint (submitted->status, ==, 0);
    g_assert_cmpint (approved->status, ==, 0);
    g_assert_cmpint (packed->status, ==, 0);
  }
  before = cli_read_file (report);

  /* Refused, with the report as it was and nothing written: one page only
   * (the whole update is published at once), a department's pack, and
   * --author alone */
  {
    g_autofree char *pack_before = cli_read_file (pack);
    g_autofree char *pack_after = NULL;
    g_autoptr(CliResult) one_page = cli_run_new ("export", report, "--publish", "--view", "action:1", "-o", out, NULL);
    g_autoptr(CliResult) from_pack = cli_run_new ("export", pack, "--publish", "-o", out, NULL);
    g_autoptr(CliResult) author_alone = cli_run_new ("export", report, "--author", "Sam", "-o", out, NULL);

    g_assert_cmpint (one_page->status, ==, 2);
    g_assert_nonnull (strstr (one_page->err, "--publish writes the whole update"));
    g_assert_cmpint (from_pack->status, ==, 1);
    g_assert_true (g_str_has_prefix (from_pack->err, pack));
    g_assert_nonnull (strstr (from_pack->err, ": error: Only the central team publishes"));
    g_assert_cmpint (author_alone->status, ==, 2);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    pack_after = cli_read_file (pack);
    g_assert_cmpstr (pack_after, ==, pack_before);
    after = cli_read_file (report);
    g_assert_cmpstr (after, ==, before);
    g_clear_pointer (&after, g_free);
  }

  /* Published: the page has the approved return only, and the report now
   * says it is published, with who did it in its history */
  {
    g_autoptr(CliResult) published = cli_run_new ("export", report, "--publish", "--author", "Sam Publisher",
                                                  "-o", out, NULL);
    g_autoptr(CliResult) status = NULL;

    g_assert_cmpint (published->status, ==, 0);
    g_assert_nonnull (strstr (published->err, ": note: 1 return is now published"));
    page = cli_read_file (out);
    g_assert_nonnull (strstr (page, co_text));
    g_assert_null (strstr (page, ago_text));

    after = cli_read_file (report);
    g_assert_cmpstr (after, !=, before);
    g_assert_nonnull (strstr (after, "\"status\" : \"published\""));
    g_assert_nonnull (strstr (after, "\"author\" : \"Sam Publisher\""));
    status = cli_run_new ("status", report, "-d", "CO", "-n", "1", NULL);
    g_assert_cmpint (status->status, ==, 0);
    g_assert_true (g_str_has_prefix (status->out, "CO, Action 1: "));
    g_assert_true (g_str_has_suffix (status->out, " · Published\n"));
  }

  /* Published returns stay in the next export for publication; with none
   * newly approved, the report is not written again */
  {
    g_autoptr(CliResult) again = cli_run_new ("export", report, "--publish", "-o", "-", NULL);
    g_autofree char *unchanged = cli_read_file (report);

    g_assert_cmpint (again->status, ==, 0);
    g_assert_nonnull (strstr (again->out, co_text));
    g_assert_nonnull (strstr (again->err, ": note: 0 returns are now published"));
    g_assert_cmpstr (unchanged, ==, after);
  }
}

/* The 2022 update: imported without a word of warning, exported again
 * byte for byte, the whole document and on standard output */
static void
test_2022_round_trip (Tmp           *tmp,
                      gconstpointer  data)
{
  g_autofree char *published = fixture ("organising-for-digital-delivery-2022.txt");
  g_autofree char *report = tmp_file (tmp, "2022.stocktake");
  g_autofree char *exported = tmp_file (tmp, "2022.txt");
  g_autoptr(CliResult) imported = cli_run_new ("import", "--template", "dec-2022", "-o", report, published, NULL);
  g_autoptr(CliResult) to_file = NULL;
  g_autoptr(CliResult) to_stdout = NULL;
  g_autofree char *page = cli_read_file (published);
  g_autofree char *text = NULL;

  g_assert_cmpint (imported->status, ==, 0);
  g_assert_cmpstr (imported->out, ==, "1 page read, 10 sections taken, 0 conflicts; 0 errors, 0 warnings\n");
  g_assert_cmpstr (imported->err, ==, "");

  to_file = cli_run_new ("export", report, "--format", "text", "--view", "all", "-o", exported, NULL);
  g_assert_cmpint (to_file->status, ==, 0);
  text = cli_read_file (exported);
  g_assert_cmpstr (text, ==, page);

  to_stdout = cli_run_new ("export", report, "--format", "text", "--view", "all", "-o", "-", NULL);
  g_assert_cmpint (to_stdout->status, ==, 0);
  g_assert_cmpstr (to_stdout->out, ==, page);
}

/* A damaged copy: each deviation with its page and line; an unknown
 * recommendation is an error, so the exit status is 1, but what could
 * be read is written */
static void
test_2022_damaged (Tmp           *tmp,
                   gconstpointer  data)
{
  g_autofree char *damaged = page ("damaged-2022.txt");
  g_autofree char *report = tmp_file (tmp, "damaged.stocktake");
  g_autoptr(CliResult) result = cli_run_new ("import", "--template", "dec-2022", "-o", report, damaged, NULL);
  g_autofree char *expected = NULL;

  g_assert_cmpint (result->status, ==, 1);
  expected = g_strdup_printf ("%s:49: error: The template has no Recommendation 9 (lines 49–60 left out)\n"
                              "%s:66: warning: Text before the first section heading for CDDO (lines 66–78 left out)\n"
                              "%s:62: warning: Nothing from CDDO for Recommendation 4\n"
                              "%s:88: warning: “Recommendation 6: set up a quarterly business review process” is "
                              "published as “Recommendation 6: Set up a quarterly business review process”\n"
                              "1 page read, 8 sections taken, 0 conflicts; 1 error, 3 warnings\n",
                              damaged, damaged, damaged, damaged);
  g_assert_cmpstr (result->out, ==, expected);
  g_assert_true (g_file_test (report, G_FILE_TEST_EXISTS));
}

/* A news article is not a report page: refused, saying so, and the
 * output is not touched */
static void
test_import_news_article (Tmp           *tmp,
                          gconstpointer  data)
{
  g_autofree char *news = page ("digital-leaders-network-news.txt");
  g_autofree char *report = tmp_file (tmp, "news.stocktake");
  g_autofree char *before = NULL;
  g_autoptr(CliResult) new_file = cli_run_new ("import", "--template", "dec-2022", "-o", report, news, NULL);
  g_autoptr(CliResult) over = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (new_file->status, ==, 1);
  expected = g_strdup_printf ("%s:1: error: This is not a published page of “Organising for digital delivery”: "
                              "“Government creates Digital Leaders network” is not the title of any of its "
                              "pages, which read like “Recommendation 1: …” or “Organising for digital "
                              "delivery (progress update, February 2022)”\n"
                              "0 pages read, 0 sections taken, 0 conflicts; 1 error, 0 warnings\n", news);
  g_assert_cmpstr (new_file->out, ==, expected);
  g_assert_nonnull (strstr (new_file->err, "no page could be read"));
  g_assert_false (g_file_test (report, G_FILE_TEST_EXISTS));

  /* Over a report that is there, with the 2015 template: left as it was */
  g_assert_true (g_file_set_contents (report, "not touched", -1, NULL));
  over = cli_run_new ("import", "--force", "-o", report, news, NULL);
  g_assert_cmpint (over->status, ==, 1);
  g_assert_nonnull (strstr (over->out, ":1: error: This is not a published page of “Government Digital Strategy”"));
  before = cli_read_file (report);
  g_assert_cmpstr (before, ==, "not touched");
}

/* A disc that fills up while the page is written: a clear error and
 * status 2, whether to a file or to standard output */
static void
test_export_full (Tmp           *tmp,
                  gconstpointer  data)
{
  g_autofree char *sample = sample_path ();
  g_autoptr(CliResult) to_file = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full here");
      return;
    }

  to_file = cli_run_new ("export", sample, "--format", "html", "-o", "/dev/full", NULL);
  g_assert_cmpint (to_file->status, ==, 2);
  g_assert_nonnull (strstr (to_file->err, "error: Cannot write “/dev/full”: "));
  g_assert_nonnull (strstr (to_file->err, g_strerror (ENOSPC)));
  /* Still a device: the export wrote to it rather than over it */
  g_assert_false (g_file_test ("/dev/full", G_FILE_TEST_IS_REGULAR));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("STOCKTAKE_CLI"), "export", sample,
                                         "--format", "markdown", "-o", "-", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (err, "error: cannot write to standard output: "));
  g_assert_nonnull (strstr (err, g_strerror (ENOSPC)));
}

/* The bundled sample is what importing the two published pages gives:
 * made again here, it must be the same, byte for byte */
static void
test_sample_is_current (Tmp           *tmp,
                        gconstpointer  data)
{
  g_autofree char *action = fixture ("action-1-digital-leaders.txt");
  g_autofree char *department = fixture ("cabinet-office-actions.txt");
  g_autofree char *output = tmp_file (tmp, "digital-leaders.stocktake");
  g_autofree char *sample = sample_path ();
  g_autoptr(CliResult) result = cli_run_new ("import", "-o", output, action, department, NULL);
  g_autofree char *made = NULL;
  g_autofree char *committed = NULL;

  g_assert_cmpint (result->status, ==, 0);
  made = cli_read_file (output);
  committed = cli_read_file (sample);
  if (g_strcmp0 (made, committed) != 0)
    g_error ("data/sample/digital-leaders.stocktake is out of date: make it again with the command "
             "named in tests/meson.build");
}

/* The 2022 sample is the 2022 page, imported */
static void
test_sample_2022_is_current (Tmp           *tmp,
                             gconstpointer  data)
{
  g_autofree char *published = fixture ("organising-for-digital-delivery-2022.txt");
  g_autofree char *output = tmp_file (tmp, "organising-for-digital-delivery-2022.stocktake");
  g_autofree char *sample = sample_2022_path ();
  g_autoptr(CliResult) result = cli_run_new ("import", "--template", "dec-2022", "-o", output, published, NULL);
  g_autofree char *made = NULL;
  g_autofree char *committed = NULL;

  g_assert_cmpint (result->status, ==, 0);
  made = cli_read_file (output);
  committed = cli_read_file (sample);
  if (g_strcmp0 (made, committed) != 0)
    g_error ("data/sample/organising-for-digital-delivery-2022.stocktake is out of date: make it again "
             "with the command named in tests/meson.build");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/import/fixtures", Tmp, NULL, tmp_set_up, test_import_fixtures, tmp_tear_down);
  g_test_add ("/cli/import/bad", Tmp, NULL, tmp_set_up, test_import_bad, tmp_tear_down);
  g_test_add ("/cli/import/into", Tmp, NULL, tmp_set_up, test_import_into, tmp_tear_down);
  g_test_add ("/cli/import/existing", Tmp, NULL, tmp_set_up, test_import_existing, tmp_tear_down);
  g_test_add ("/cli/export/round-trip", Tmp, NULL, tmp_set_up, test_export_round_trip, tmp_tear_down);
  g_test_add ("/cli/export/formats", Tmp, NULL, tmp_set_up, test_export_formats, tmp_tear_down);
  g_test_add ("/cli/export/full", Tmp, NULL, tmp_set_up, test_export_full, tmp_tear_down);
  g_test_add ("/cli/export/approved-only", Tmp, NULL, tmp_set_up, test_export_approved_only, tmp_tear_down);
  g_test_add ("/cli/export/publish", Tmp, NULL, tmp_set_up, test_export_publish, tmp_tear_down);
  g_test_add ("/cli/sample", Tmp, NULL, tmp_set_up, test_sample_is_current, tmp_tear_down);
  g_test_add ("/cli/2022/round-trip", Tmp, NULL, tmp_set_up, test_2022_round_trip, tmp_tear_down);
  g_test_add ("/cli/2022/damaged", Tmp, NULL, tmp_set_up, test_2022_damaged, tmp_tear_down);
  g_test_add ("/cli/2022/sample", Tmp, NULL, tmp_set_up, test_sample_2022_is_current, tmp_tear_down);
  g_test_add ("/cli/import/news-article", Tmp, NULL, tmp_set_up, test_import_news_article, tmp_tear_down);

  return g_test_run ();
}
