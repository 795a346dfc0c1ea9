/* test-importer.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stocktake-core.h"
#include "st-diff.h"
#include "st-export.h"
#include "st-importer.h"

static StReport *
new_report (const char *template_id)
{
  g_autoptr(StTemplate) template = st_template_new_builtin (template_id, NULL);

  g_assert_nonnull (template);
  return st_report_new (template);
}

static StReport *
new_gds_report (void)
{
  return new_report ("gds-2012");
}

/* The published pages are in fixtures/, the made-up ones in fixtures/pages/ */
static char *
fixture_path (const char *name)
{
  char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "pages", name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_free (path);
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* Adds a fixture page under its own name (e.g. "pages/names.txt" is
 * "names.txt"); returns what the importer returned */
static gboolean
add_fixture (StImporter  *importer,
             const char  *name,
             GError     **error)
{
  gsize length;
  g_autofree char *contents = read_fixture (name, &length);
  g_autofree char *base = g_path_get_basename (name);

  if (g_str_has_suffix (name, ".html"))
    return st_importer_add_html_page (importer, base, contents, length, error);
  return st_importer_add_text_page (importer, base, contents, length, error);
}

static void
add_fixture_ok (StImporter *importer,
                const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (add_fixture (importer, name, &error));
  g_assert_no_error (error);
}

/* The lines of diagnostics of @severity, as "5" or "8-11", comma-separated */
static char *
diagnostic_lines (StImporter          *importer,
                  StDiagnosticSeverity severity)
{
  GPtrArray *diagnostics = st_importer_get_diagnostics (importer);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const StDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->severity != severity)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      if (d->last_line > d->line)
        g_string_append_printf (out, "%u-%u", d->line, d->last_line);
      else
        g_string_append_printf (out, "%u", d->line);
    }
  return g_strdup (out->str);
}

/* The message of the first diagnostic on @line, or NULL */
static const char *
message_at (StImporter *importer,
            guint       line)
{
  GPtrArray *diagnostics = st_importer_get_diagnostics (importer);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const StDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->line == line)
        return d->message;
    }
  return NULL;
}

static gboolean
line_is_reported (StImporter *importer,
                  guint       line)
{
  GPtrArray *diagnostics = st_importer_get_diagnostics (importer);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const StDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->severity != ST_DIAGNOSTIC_INFO && line >= d->line && line <= d->last_line)
        return TRUE;
    }
  return FALSE;
}

static char *
export_view (StReport       *report,
             const char     *view,
             StExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StDocument) document = st_document_new_for_view (report, view, &error);
  g_autoptr(GBytes) bytes = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (document);
  bytes = st_export_document (document, format, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Imports a page, exports the same view as text and checks that every
 * line that differs carries a diagnostic, and that the warnings are on
 * exactly the lines given. */
static void
check_round_trip (const char *template_id,
                  const char *name,
                  const char *view,
                  const char *expected_warnings)
{
  g_autoptr(StReport) into = new_report (template_id);
  g_autoptr(StImporter) importer = st_importer_new (into);
  g_autoptr(StReport) report = NULL;
  g_autofree char *page = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *errors = NULL;
  g_auto(GStrv) old_lines = NULL;
  g_auto(GStrv) new_lines = NULL;
  g_autoptr(GArray) edits = NULL;
  gsize length;
  guint differing = 0;

  add_fixture_ok (importer, name);
  report = st_importer_finish (importer);
  page = read_fixture (name, &length);
  exported = export_view (report, view, ST_EXPORT_TEXT);

  old_lines = g_strsplit (page, "\n", -1);
  new_lines = g_strsplit (exported, "\n", -1);
  edits = st_diff_tokens ((const char * const *) old_lines, g_strv_length (old_lines),
                          (const char * const *) new_lines, g_strv_length (new_lines));

  for (guint i = 0; i < edits->len; i++)
    {
      const StDiffEdit *edit = &g_array_index (edits, StDiffEdit, i);

      if (edit->op == ST_DIFF_DELETE)
        for (guint j = 0; j < edit->length; j++)
          {
            guint line = edit->old_start + j + 1;

            if (!line_is_reported (importer, line))
              g_error ("%s:%u differs after the round trip and has no diagnostic: %s",
                       name, line, old_lines[line - 1]);
            differing++;
          }
      else if (edit->op == ST_DIFF_INSERT &&
               (i == 0 || g_array_index (edits, StDiffEdit, i - 1).op != ST_DIFF_DELETE))
        {
          /* Added by the export: the line before or after must say why */
          guint before = edit->old_start;

          if (!line_is_reported (importer, before) && !line_is_reported (importer, before + 1))
            g_error ("%s: the export adds “%s” after line %u and nothing says why",
                     name, new_lines[edit->new_start], before);
          differing++;
        }
    }

  warnings = diagnostic_lines (importer, ST_DIAGNOSTIC_WARNING);
  errors = diagnostic_lines (importer, ST_DIAGNOSTIC_ERROR);
  g_assert_cmpstr (warnings, ==, expected_warnings);
  g_assert_cmpstr (errors, ==, "");
  g_assert_cmpuint (st_importer_get_conflicts (importer)->len, ==, 0);

  /* Lines differ if and only if something was reported */
  g_assert_true ((differing > 0) == (*expected_warnings != '\0'));
  /* and with nothing reported, the page comes back byte for byte */
  if (*expected_warnings == '\0')
    g_assert_cmpstr (exported, ==, page);
}

static void
test_fixture_action (void)
{
  /* Line 73: "Progress in 2014" for "Progress during 2014" (Defra);
   * line 141: "Foreign and Commonwealth Office’s" as a heading */
  check_round_trip ("gds-2012", "action-1-digital-leaders.txt", "action:1", "73,141");
}

static void
test_fixture_department (void)
{
  /* The Cabinet Office page follows the template exactly */
  check_round_trip ("gds-2012", "cabinet-office-actions.txt", "department:CO", "");
}

static guint
count_item_answers (StReport   *report,
                    const char *item_id)
{
  guint n = 0;

  for (guint i = 0; i < st_report_get_n_submissions (report); i++)
    {
      StSubmission *submission = st_report_get_submission (report, i);

      if (g_str_equal (st_submission_get_item_id (submission), item_id) &&
          st_submission_has_text (submission))
        n++;
    }
  return n;
}

static guint
count_respondent_answers (StReport   *report,
                          const char *respondent_id)
{
  guint n = 0;

  for (guint i = 0; i < st_report_get_n_submissions (report); i++)
    {
      StSubmission *submission = st_report_get_submission (report, i);

      if (g_str_equal (st_submission_get_respondent_id (submission), respondent_id) &&
          st_submission_has_text (submission))
        n++;
    }
  return n;
}

static StReport *
import_both_fixtures (StImporter **importer_out)
{
  g_autoptr(StReport) into = new_gds_report ();
  StImporter *importer = st_importer_new (into);
  StReport *report;

  add_fixture_ok (importer, "action-1-digital-leaders.txt");
  add_fixture_ok (importer, "cabinet-office-actions.txt");
  report = st_importer_finish (importer);
  if (importer_out != NULL)
    *importer_out = importer;
  else
    g_object_unref (importer);
  return report;
}

static void
test_fixture_both (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_both_fixtures (&importer);
  StSubmission *co_1;
  GDate *updated;

  /* 17 departments answer action 1; the Cabinet Office answers all 16 */
  g_assert_cmpuint (count_item_answers (report, "1"), ==, 17);
  g_assert_cmpuint (count_respondent_answers (report, "CO"), ==, 16);
  g_assert_cmpuint (st_report_get_n_submissions (report), ==, 17 + 15);
  g_assert_cmpuint (st_importer_get_n_pages (importer), ==, 2);
  /* 17 × 5 on the action page, 14 × 5 + 2 × 2 on the CO page, less the 5
   * sections of CO's action 1 that both pages give */
  g_assert_cmpuint (st_importer_get_n_sections (importer), ==, 85 + 74 - 5);

  /* The Cabinet Office's action 1 is the same on both pages: no conflict */
  g_assert_cmpuint (st_importer_get_conflicts (importer)->len, ==, 0);
  co_1 = st_report_lookup_submission (report, "CO", "1");
  g_assert_cmpstr (st_submission_get_text (co_1, "plans-2015"), ==,
                   "A new in-house Digital and Technology Department will be established in the Cabinet "
                   "Office to support and continually improve digital and technology services.");
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "CO", "3"), "progress-2014"),
                   ==,
                   "Cabinet Office started to build an internal specialist digital capability team, the "
                   "Cabinet Office Digital and Technology Team (CODATT).\n\n"
                   "CODATT built direct contact with service managers and relationship managers in partner "
                   "organisations, to expedite spend controls and implement service management standards. "
                   "CODATT provided advice and hands-on support for all service managers through:\n\n"
                   "- evaluating digital propositions\n"
                   "- advising on delivery and procurement approaches\n"
                   "- evaluating potential suppliers\n"
                   "- advising on service assessment, performance monitoring and user testing\n\n"
                   "The department increased digital capability in its policy development teams. The Digital "
                   "Pioneer group gained momentum. New recruits helped other staff start using digital tools "
                   "by running peer-to-peer learning sessions, and contributed to an online question and "
                   "answer forum. Cabinet Office Code Club helped the department’s data analysts and managers "
                   "to use the latest tools and languages in their work.");

  /* Defra's "Progress in 2014" is Defra's progress-2014 */
  g_assert_nonnull (st_submission_get_text (st_report_lookup_submission (report, "Defra", "1"), "progress-2014"));

  updated = st_report_get_updated (report);
  g_assert_nonnull (updated);
  g_assert_cmpuint (g_date_get_day (updated), ==, 16);
  g_assert_cmpuint (g_date_get_month (updated), ==, G_DATE_JANUARY);
  g_assert_cmpuint (g_date_get_year (updated), ==, 2015);
}

/* Every view exported as HTML and read back gives the same report */
static void
test_html_round_trip (void)
{
  g_autoptr(StReport) report = import_both_fixtures (NULL);
  g_autoptr(StReport) into = new_gds_report ();
  g_autoptr(StImporter) importer = st_importer_new (into);
  g_autoptr(StReport) again = NULL;
  g_autoptr(GPtrArray) views = st_document_list_views (report);
  g_autoptr(StReport) into_all = new_gds_report ();
  g_autoptr(StImporter) importer_all = st_importer_new (into_all);
  g_autoptr(StReport) again_all = NULL;
  g_autofree char *all = export_view (report, "all", ST_EXPORT_HTML);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < views->len; i++)
    {
      g_autofree char *html = export_view (report, g_ptr_array_index (views, i), ST_EXPORT_HTML);
      g_autofree char *name = g_strdup_printf ("%s.html", (char *) g_ptr_array_index (views, i));

      /* Pages of departments that answered nothing are titles alone */
      if (!st_importer_add_html_page (importer, name, html, -1, &error))
        g_error ("%s: %s", name, error->message);
    }
  g_assert_cmpuint (st_importer_count (importer, ST_DIAGNOSTIC_ERROR), ==, 0);
  g_assert_cmpuint (st_importer_get_conflicts (importer)->len, ==, 0);
  again = st_importer_finish (importer);
  g_assert_true (st_report_equal (report, again));

  /* The whole document, with its contents list, in one page */
  g_assert_true (st_importer_add_html_page (importer_all, "all.html", all, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (st_importer_count (importer_all, ST_DIAGNOSTIC_WARNING), ==, 0);
  again_all = st_importer_finish (importer_all);
  g_assert_true (st_report_equal (report, again_all));
}

static void
test_text_round_trip_all (void)
{
  g_autoptr(StReport) report = import_both_fixtures (NULL);
  g_autoptr(StReport) into = new_gds_report ();
  g_autoptr(StImporter) importer = st_importer_new (into);
  g_autoptr(StReport) again = NULL;
  g_autofree char *text = export_view (report, "all", ST_EXPORT_TEXT);
  g_autoptr(GError) error = NULL;

  g_assert_true (st_importer_add_text_page (importer, "all.txt", text, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (st_importer_get_diagnostics (importer)->len, ==, 0);
  again = st_importer_finish (importer);
  g_assert_true (st_report_equal (report, again));
}

static StReport *
import_2022 (const char  *name,
             StImporter **importer_out)
{
  g_autoptr(StReport) into = new_report ("dec-2022");
  StImporter *importer = st_importer_new (into);

  add_fixture_ok (importer, name);
  *importer_out = importer;
  return st_importer_finish (importer);
}

static void
test_fixture_2022 (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_2022 ("organising-for-digital-delivery-2022.txt", &importer);
  const char *overview = st_report_get_preamble_text (report, "overview");
  GDate *published = st_report_get_updated (report);

  /* The whole document: its layout is all in the template, so nothing
   * deviates and the page comes back byte for byte */
  check_round_trip ("dec-2022", "organising-for-digital-delivery-2022.txt", "all", "");

  g_assert_cmpuint (st_importer_get_diagnostics (importer)->len, ==, 0);
  g_assert_cmpuint (st_importer_get_conflicts (importer)->len, ==, 0);
  g_assert_cmpuint (st_importer_get_n_pages (importer), ==, 1);
  /* Eight recommendations and the two preamble sections */
  g_assert_cmpuint (st_importer_get_n_sections (importer), ==, 8 + 2);
  g_assert_cmpuint (count_respondent_answers (report, "CDDO"), ==, 8);
  g_assert_true (g_date_valid (published));
  g_assert_cmpuint (g_date_get_day (published), ==, 7);
  g_assert_cmpuint (g_date_get_month (published), ==, G_DATE_MARCH);
  g_assert_cmpuint (g_date_get_year (published), ==, 2022);

  /* "  • " bullets are kept as CommonMark bullets, the text as written */
  g_assert_true (g_str_has_prefix (overview, "In 2020, the Cabinet Office and Department for Culture"));
  g_assert_nonnull (strstr (overview, "eight recommendations:\n\n"
                                      "Build mechanisms to put the citizen at the heart of all design decisions\n\n"
                                      "- strengthen the accountability of Departments and their Permanent Secretaries\n"
                                      "- hire a Permanent Secretary level head of function\n"));
  g_assert_true (g_str_has_suffix (overview, "\n- create a Government data application centre of excellence"));
  g_assert_true (g_str_has_prefix (st_report_get_preamble_text (report, "summary"),
                                   "There has been significant change at the centre"));
  /* What the PDF the page came from made of "ff" and "ffi" stays */
  g_assert_nonnull (strstr (st_submission_get_text (st_report_lookup_submission (report, "CDDO", "1"),
                                                    "progress-2022"), "connect the di.erent groups"));
  g_assert_nonnull (strstr (st_submission_get_text (st_report_lookup_submission (report, "CDDO", "2"),
                                                    "progress-2022"), "which are signed o. by"));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "CDDO", "6"), "progress-2022"),
                   ==,
                   "In February 2021, CDDO set up the Quarterly Business Review (QBR) process to review "
                   "departments’ progress against operational and strategic DDaT priorities. The QBR process is "
                   "ongoing and meetings are co-chaired by CDDO Executive Director Joanna Davinson and Cat Little, "
                   "Director General for Public Spending at HMT.");
}

/* The 2022 page as HTML goes back into the same report */
static void
test_2022_html_round_trip (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_2022 ("organising-for-digital-delivery-2022.txt", &importer);
  g_autoptr(StReport) into = new_report ("dec-2022");
  g_autoptr(StImporter) html_importer = st_importer_new (into);
  g_autoptr(StReport) again = NULL;
  g_autofree char *html = export_view (report, "all", ST_EXPORT_HTML);
  g_autoptr(GError) error = NULL;

  g_assert_true (st_importer_add_html_page (html_importer, "all.html", html, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (st_importer_get_diagnostics (html_importer)->len, ==, 0);
  again = st_importer_finish (html_importer);
  g_assert_true (st_report_equal (report, again));
}

/* A damaged copy: each deviation on its line, the rest still read */
static void
test_2022_damaged (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_2022 ("damaged-2022.txt", &importer);
  g_autofree char *warnings = diagnostic_lines (importer, ST_DIAGNOSTIC_WARNING);
  g_autofree char *errors = diagnostic_lines (importer, ST_DIAGNOSTIC_ERROR);

  /* "Recommendation 9:" for 3: no such recommendation, its block left out */
  g_assert_cmpstr (errors, ==, "49-60");
  g_assert_cmpstr (message_at (importer, 49), ==, "The template has no Recommendation 9 (lines 49–60 left out)");
  g_assert_null (st_report_lookup_submission (report, "CDDO", "3"));

  /* Recommendation 4 without its "Progress update" heading */
  g_assert_cmpstr (warnings, ==, "66-78,62,88");
  g_assert_cmpstr (message_at (importer, 66), ==,
                   "Text before the first section heading for CDDO (lines 66–78 left out)");
  g_assert_cmpstr (message_at (importer, 62), ==, "Nothing from CDDO for Recommendation 4");
  g_assert_null (st_report_lookup_submission (report, "CDDO", "4"));

  /* Recommendation 6's title in lower case: read, and reported */
  g_assert_cmpstr (message_at (importer, 88), ==,
                   "“Recommendation 6: set up a quarterly business review process” is published as "
                   "“Recommendation 6: Set up a quarterly business review process”");
  g_assert_nonnull (st_submission_get_text (st_report_lookup_submission (report, "CDDO", "6"), "progress-2022"));

  /* Everything else is as on the real page */
  g_assert_cmpuint (count_respondent_answers (report, "CDDO"), ==, 6);
  g_assert_nonnull (st_report_get_preamble_text (report, "summary"));
  g_assert_cmpuint (st_importer_get_n_sections (importer), ==, 6 + 2);
}

/* A news article about the strategy is no page of either template */
static void
test_news_article (void)
{
  const char * const templates[] = { "gds-2012", "dec-2022" };

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autoptr(StReport) into = new_report (templates[i]);
      g_autoptr(StImporter) importer = st_importer_new (into);
      g_autoptr(StReport) report = NULL;
      g_autoptr(GError) error = NULL;
      const StDiagnostic *diagnostic;

      g_assert_false (add_fixture (importer, "digital-leaders-network-news.txt", &error));
      g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
      g_assert_cmpuint (st_importer_get_diagnostics (importer)->len, ==, 1);
      diagnostic = g_ptr_array_index (st_importer_get_diagnostics (importer), 0);
      g_assert_cmpint (diagnostic->severity, ==, ST_DIAGNOSTIC_ERROR);
      g_assert_cmpuint (diagnostic->line, ==, 1);
      g_assert_true (g_str_has_prefix (diagnostic->message, "This is not a published page of “"));
      g_assert_nonnull (strstr (diagnostic->message, "“Government creates Digital Leaders network” is not the "
                                                     "title of any of its pages"));
      g_assert_cmpuint (st_importer_get_n_pages (importer), ==, 0);
      report = st_importer_finish (importer);
      g_assert_cmpuint (st_report_get_n_submissions (report), ==, 0);
    }
}

/* The document type line is the 2022 template's: a page with it and no
 * title after it is refused on its line */
static void
test_document_type_only (void)
{
  g_autoptr(StReport) into = new_report ("dec-2022");
  g_autoptr(StImporter) importer = st_importer_new (into);
  g_autoptr(StReport) missing_into = new_report ("dec-2022");
  g_autoptr(StImporter) missing = st_importer_new (missing_into);
  g_autoptr(GError) error = NULL;
  g_autofree char *without_type = NULL;
  g_autofree char *warnings = NULL;
  gsize length;
  g_autofree char *page = read_fixture ("organising-for-digital-delivery-2022.txt", &length);

  g_assert_false (st_importer_add_text_page (importer, "type.txt", "\nTransparency data\n\n  \n", -1, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_cmpstr (message_at (importer, 2), ==, "The page has no title after “Transparency data”");

  /* Without it, the page is read all the same, and that is reported */
  without_type = g_strdup (page + strlen ("Transparency data\n\n"));
  g_assert_true (st_importer_add_text_page (missing, "untyped.txt", without_type, -1, NULL));
  warnings = diagnostic_lines (missing, ST_DIAGNOSTIC_WARNING);
  g_assert_cmpstr (warnings, ==, "1");
  g_assert_cmpstr (message_at (missing, 1), ==, "The page has no “Transparency data” line above its title");
  g_assert_cmpuint (st_importer_get_n_sections (missing), ==, 10);
}

/* "- " bullets on a page whose template writes "  • ": read as bullets,
 * with one warning, since the export will not write them so */
static void
test_2022_other_bullets (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_2022 ("organising-for-digital-delivery-2022.txt", &importer);
  g_autoptr(StReport) into = new_report ("dec-2022");
  g_autoptr(StImporter) dashes = st_importer_new (into);
  g_autoptr(StReport) again = NULL;
  g_autofree char *page = read_fixture ("organising-for-digital-delivery-2022.txt", NULL);
  g_autoptr(GString) dashed = g_string_new (page);
  g_autofree char *warnings = NULL;

  g_string_replace (dashed, "\n  • ", "\n- ", 0);
  g_assert_true (st_importer_add_text_page (dashes, "dashes.txt", dashed->str, -1, NULL));
  warnings = diagnostic_lines (dashes, ST_DIAGNOSTIC_WARNING);
  g_assert_cmpstr (warnings, ==, "15");
  g_assert_cmpstr (message_at (dashes, 15), ==,
                   "Bullets on this page are not written “  • ” as the template writes them");
  again = st_importer_finish (dashes);
  g_assert_true (st_report_equal (report, again));
}

static StReport *
import_one (const char  *name,
            StImporter **importer_out)
{
  g_autoptr(StReport) into = new_gds_report ();
  StImporter *importer = st_importer_new (into);

  add_fixture_ok (importer, name);
  *importer_out = importer;
  return st_importer_finish (importer);
}

static void
test_heading_variants (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_one ("heading-variants.txt", &importer);
  g_autofree char *warnings = diagnostic_lines (importer, ST_DIAGNOSTIC_WARNING);
  StSubmission *co = st_report_lookup_submission (report, "CO", "1");

  /* Wording, case and a preposition: each read, each reported */
  g_assert_cmpstr (warnings, ==, "8,10,12,14");
  g_assert_cmpstr (message_at (importer, 8), ==, "“Progress in 2013” is taken as “Progress during 2013”");
  g_assert_cmpstr (message_at (importer, 10), ==,
                   "“Planned Activities in 2014” is published as “Planned activities in 2014”");
  g_assert_cmpstr (st_submission_get_text (co, "progress-2013"), ==, "Cabinet Office appointed a digital leader.");
  g_assert_cmpstr (st_submission_get_text (co, "plans-2014"), ==, "Cabinet Office will keep its digital leader.");
  g_assert_cmpstr (st_submission_get_text (co, "progress-2014"), ==, "The digital leader met the board 4 times.");
  g_assert_cmpstr (st_submission_get_text (co, "plans-2015"), ==, "The digital leader will carry on.");
}

static void
test_names (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_one ("names.txt", &importer);
  g_autofree char *warnings = diagnostic_lines (importer, ST_DIAGNOSTIC_WARNING);

  /* Each name warned once for itself and once for the missing sections */
  g_assert_cmpstr (warnings, ==, "5,5,8,8,11,11,14,14");
  g_assert_cmpstr (message_at (importer, 5), ==,
                   "“Foreign and Commonwealth Office’s” is published as “Foreign and Commonwealth Office”");
  g_assert_cmpstr (message_at (importer, 8), ==, "“HM Treasury” is published as “Her Majesty’s Treasury”");
  g_assert_nonnull (st_report_lookup_submission (report, "FCO", "1"));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "HMT", "1"), "progress-2014"),
                   ==, "HMT recruited a head of digital.");
  g_assert_nonnull (st_report_lookup_submission (report, "MOD", "1"));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "MOJ", "1"), "progress-2014"),
                   ==, "MOJ’s digital leader sits on the board.");
}

static void
test_markup_and_run_on (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_one ("markup-and-run-on.txt", &importer);
  g_autofree char *warnings = diagnostic_lines (importer, ST_DIAGNOSTIC_WARNING);
  StSubmission *bis = st_report_lookup_submission (report, "BIS", "1");
  StSubmission *dft = st_report_lookup_submission (report, "DfT", "1");

  g_assert_cmpstr (warnings, ==, "5,6,8,5,11,10");
  g_assert_cmpstr (message_at (importer, 6), ==, "Heading markup left before “Progress during 2014”");
  g_assert_cmpstr (message_at (importer, 8), ==,
                   "Text runs on after the heading “Planned activities in 2015” on the same line");
  g_assert_cmpstr (st_submission_get_text (bis, "progress-2014"), ==,
                   "Chief Digital Officer Tim Knighton actively promoted digital within BIS.");
  g_assert_cmpstr (st_submission_get_text (bis, "plans-2015"), ==,
                   "BIS will continue to run its monthly Digital Leaders Forum.\n\n"
                   "Tim Knighton will attend high profile events.");
  /* A sentence that only starts like a heading is not split */
  g_assert_cmpstr (st_submission_get_text (dft, "progress-2014"), ==, "DfT has a digital leaders group.");
  g_assert_true (g_str_has_prefix (message_at (importer, 11), "Text before the first section heading for DfT"));
}

static void
test_repeated_title_and_intro (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_one ("repeated-title.txt", &importer);
  g_autofree char *warnings = diagnostic_lines (importer, ST_DIAGNOSTIC_WARNING);

  g_assert_cmpstr (warnings, ==, "2,4,5");
  g_assert_cmpstr (message_at (importer, 2), ==, "The title is repeated (left out)");
  g_assert_cmpstr (message_at (importer, 4), ==, "2 sentences of the introduction run together on one line");
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "HO", "1"), "progress-2014"),
                   ==, "Norman Driskell was appointed as chief digital officer.");
}

static void
test_sections (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_one ("sections.txt", &importer);
  g_autofree char *warnings = diagnostic_lines (importer, ST_DIAGNOSTIC_WARNING);
  StSubmission *dh = st_report_lookup_submission (report, "DH", "1");
  StSubmission *dfe = st_report_lookup_submission (report, "DfE", "1");

  /* An unknown section and its text (8–11), a section out of order (12),
   * DH's missing sections (5), a department out of order (16), text
   * before any section (17) and DfE's missing sections (16) */
  g_assert_cmpstr (warnings, ==, "8-11,12,5,16,17,16");
  g_assert_cmpstr (message_at (importer, 8), ==,
                   "The template has no section “Challenges in 2014” (lines 8–11 left out)");
  g_assert_cmpstr (message_at (importer, 12), ==, "“Progress during 2013” is out of the template’s order");
  g_assert_cmpstr (message_at (importer, 5), ==,
                   "DH has no sections “Departmental digital strategy commitments (December 2012)”, "
                   "“Planned activities in 2014” for Action 1");
  g_assert_cmpstr (st_submission_get_text (dh, "progress-2014"), ==,
                   "Will Cavendish replaced Rachel Neaman as the DH digital leader in July.");
  g_assert_cmpstr (st_submission_get_text (dh, "progress-2013"), ==,
                   "The digital leader is directly responsible for the digital strategy.");
  g_assert_cmpstr (st_submission_get_text (dfe, "plans-2015"), ==,
                   "The DfE digital leader is establishing a strategic view.");
  g_assert_null (st_submission_get_text (dfe, "progress-2014"));
}

static void
test_not_applicable (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_one ("not-applicable.txt", &importer);
  StSubmission *hmt = st_report_lookup_submission (report, "HMT", "15");
  g_autofree char *page = NULL;
  g_autofree char *exported = NULL;
  gsize length;

  g_assert_cmpuint (st_importer_get_diagnostics (importer)->len, ==, 0);
  g_assert_nonnull (hmt);
  g_assert_true (st_submission_get_not_applicable (hmt));
  g_assert_cmpstr (st_submission_get_not_applicable_reason (hmt), ==, "This action is not applicable to HMT.");
  g_assert_false (st_submission_has_text (hmt));

  /* And the page comes back byte for byte */
  page = read_fixture ("not-applicable.txt", &length);
  exported = export_view (report, "action:15", ST_EXPORT_TEXT);
  g_assert_cmpstr (exported, ==, g_strchomp (page));
}

static void
test_conflict (void)
{
  g_autoptr(StReport) into = new_gds_report ();
  g_autoptr(StImporter) importer = st_importer_new (into);
  g_autoptr(StReport) report = NULL;
  GPtrArray *conflicts;
  const StImportConflict *conflict;

  add_fixture_ok (importer, "conflict-action-4.txt");
  add_fixture_ok (importer, "conflict-co.txt");
  conflicts = st_importer_get_conflicts (importer);

  /* progress-2014 differs; plans-2015 is the same on both pages */
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->respondent_id, ==, "CO");
  g_assert_cmpstr (conflict->item_id, ==, "4");
  g_assert_cmpstr (conflict->section_id, ==, "progress-2014");
  g_assert_cmpstr (conflict->kept_page, ==, "conflict-action-4.txt");
  g_assert_cmpuint (conflict->kept_line, ==, 6);
  g_assert_cmpstr (conflict->other_page, ==, "conflict-co.txt");
  g_assert_cmpuint (conflict->other_line, ==, 4);
  g_assert_true (g_str_has_prefix (conflict->kept_text, "Through GDS, Cabinet Office worked with the Chief"));
  g_assert_true (g_str_has_prefix (conflict->other_text, "Through GDS, Cabinet Office worked with the chief"));
  g_assert_nonnull (strstr (conflict->diff, "[-Chief Technology Officer-] {+chief technology officer+}"));
  g_assert_nonnull (strstr (conflict->diff, "[-DWP’s-] {+the Department for Work and Pension’s+}"));
  g_assert_true (g_str_has_prefix (message_at (importer, 4),
                                   "CO’s “Progress during 2014” for Action 4 differs from conflict-action-4.txt:6"));

  /* Nothing chosen silently: the first text stays */
  report = st_importer_finish (importer);
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "CO", "4"), "progress-2014"),
                   ==, conflict->kept_text);
}

static void
test_conflict_with_report (void)
{
  g_autoptr(StReport) into = new_gds_report ();
  g_autoptr(StImporter) importer = NULL;
  StSubmission *submission = st_report_ensure_submission (into, "CO", "4");
  const StImportConflict *conflict;

  st_submission_set_text (submission, "plans-2015", "Cabinet Office will stop.");
  importer = st_importer_new (into);
  add_fixture_ok (importer, "conflict-co.txt");

  g_assert_cmpuint (st_importer_get_conflicts (importer)->len, ==, 1);
  conflict = g_ptr_array_index (st_importer_get_conflicts (importer), 0);
  g_assert_null (conflict->kept_page);
  g_assert_cmpstr (conflict->kept_text, ==, "Cabinet Office will stop.");
  g_assert_cmpstr (st_submission_get_text (submission, "plans-2015"), ==, "Cabinet Office will stop.");
}

static void
test_new_title (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_one ("new-title.txt", &importer);
  const StItem *item = st_template_find_item (st_report_get_template (report), "2");
  g_autofree char *infos = diagnostic_lines (importer, ST_DIAGNOSTIC_INFO);
  g_autofree char *exported = export_view (report, "action:2", ST_EXPORT_TEXT);

  /* Taken into the report and noted, not warned */
  g_assert_cmpstr (infos, ==, "1");
  g_assert_cmpstr (item->title, ==,
                   "make sure every service handling over 100,000 transactions a year has a service manager");
  g_assert_true (g_str_has_prefix (item->statement, "Services handling over 100,000"));
  g_assert_true (g_str_has_prefix (exported, "Action 2: make sure every service handling"));
  /* The report it came into keeps its own template */
  g_assert_true (st_report_get_template (report) != NULL);
}

static void
test_updated_dates (void)
{
  g_autoptr(StReport) into = new_gds_report ();
  g_autoptr(StImporter) importer = st_importer_new (into);
  g_autoptr(StReport) report = NULL;
  const char *older = "CO's actions in response to the Government Digital Strategy\nUpdated 3 March 2014\n"
                      "Action 1: Departmental and transactional agency boards will include an active digital leader\n"
                      "Progress during 2013\nEMC has committed.";
  const char *newer = "CO's actions in response to the Government Digital Strategy\nupdated 16 january 2015\n";
  GDate *updated;

  g_assert_true (st_importer_add_text_page (importer, "older", older, -1, NULL));
  g_assert_true (st_importer_add_text_page (importer, "newer", newer, -1, NULL));
  report = st_importer_finish (importer);
  updated = st_report_get_updated (report);
  g_assert_cmpuint (g_date_get_year (updated), ==, 2015);
  g_assert_cmpstr (message_at (importer, 2), ==,
                   "This page was updated on 16 January 2015, older on 3 March 2014; the later date is kept");
  g_assert_cmpstr (message_at (importer, 3), ==,
                   "CO has no sections “Departmental digital strategy commitments (December 2012)”, "
                   "“Planned activities in 2014”, “Progress during 2014”, “Planned activities in 2015” for Action 1");
  {
    g_autofree char *warnings = diagnostic_lines (importer, ST_DIAGNOSTIC_WARNING);

    /* older: the missing sections; newer: the other date and the spelling */
    g_assert_cmpstr (warnings, ==, "3,2,2");
  }
}

static void
check_bad_page (const char *name,
                const char *contents,
                gssize      length,
                const char *expected)
{
  g_autoptr(StReport) into = new_gds_report ();
  g_autoptr(StImporter) importer = st_importer_new (into);
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) report = NULL;
  const StDiagnostic *diagnostic;
  g_autofree char *formatted = NULL;

  if (contents != NULL)
    g_assert_false (st_importer_add_text_page (importer, name, contents, length, &error));
  else
    g_assert_false (add_fixture (importer, name, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_cmpuint (st_importer_get_diagnostics (importer)->len, ==, 1);
  diagnostic = g_ptr_array_index (st_importer_get_diagnostics (importer), 0);
  g_assert_cmpint (diagnostic->severity, ==, ST_DIAGNOSTIC_ERROR);
  formatted = st_diagnostic_format (diagnostic);
  g_assert_cmpstr (formatted, ==, expected);
  g_assert_cmpuint (st_importer_get_n_pages (importer), ==, 0);

  report = st_importer_finish (importer);
  g_assert_cmpuint (st_report_get_n_submissions (report), ==, 0);
}

static void
test_bad_pages (void)
{
  static const char garbage[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe";

  check_bad_page ("empty.txt", NULL, 0, "empty.txt: error: The page is empty");
  check_bad_page ("blank.txt", NULL, 0, "blank.txt: error: The page is empty");
  check_bad_page ("garbage.bin", garbage, sizeof garbage - 1,
                  "garbage.bin:1: error: The page is not UTF-8 text (byte 1)");
  check_bad_page ("nul.txt", "Action 1: x\nUpdated\0", 20,
                  "nul.txt:2: error: The page is not UTF-8 text (byte 20)");
  check_bad_page ("not-a-page.txt", NULL, 0,
                  "not-a-page.txt:1: error: This is not a published page of “Government Digital Strategy”: "
                  "“Transparency data” is not the title of any of its pages, which read like “Action 1: …” "
                  "or “Government Digital Strategy: departmental progress”");
  check_bad_page ("unknown-action.txt", NULL, 0,
                  "unknown-action.txt:1: error: The page is about Action 99, which the template does not have");
  check_bad_page ("unknown-department-page.txt", NULL, 0,
                  "unknown-department-page.txt:1: error: The page is about Department “MoM”, which the "
                  "template does not have");
}

static void
test_unknown_department (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_one ("unknown-department.txt", &importer);
  g_autofree char *errors = diagnostic_lines (importer, ST_DIAGNOSTIC_ERROR);

  /* The unknown block is left out whole; what is around it is kept */
  g_assert_cmpstr (errors, ==, "8-12");
  g_assert_cmpstr (message_at (importer, 8), ==,
                   "The template has no Department “Ministry of Magic” (lines 8–12 left out)");
  g_assert_nonnull (st_report_lookup_submission (report, "HO", "1"));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "MOJ", "1"), "progress-2014"),
                   ==, "MOJ’s digital leader sits on the board.");
  g_assert_cmpuint (st_report_get_n_submissions (report), ==, 2);
}

static void
test_unknown_action_on_department_page (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_one ("department-unknown-action.txt", &importer);
  g_autofree char *errors = diagnostic_lines (importer, ST_DIAGNOSTIC_ERROR);

  g_assert_cmpstr (errors, ==, "6-8");
  g_assert_cmpstr (message_at (importer, 6), ==, "The template has no Action 42 (lines 6–8 left out)");
  g_assert_nonnull (st_report_lookup_submission (report, "CO", "1"));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "CO", "3"), "progress-2014"),
                   ==, "Cabinet Office started to build an internal specialist digital capability team.");
}

static void
test_html_page (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_one ("page.html", &importer);
  g_autofree char *warnings = diagnostic_lines (importer, ST_DIAGNOSTIC_WARNING);

  /* The contents list, the style and the script are not the page's text */
  g_assert_cmpstr (warnings, ==, "18-19,11,21,20");
  g_assert_cmpstr (message_at (importer, 18), ==,
                   "The template has no section “Progress in 2015” (lines 18–19 left out)");
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "CO", "1"), "progress-2014"),
                   ==,
                   "Paul Maltby is the Cabinet Office digital lead.\n\n"
                   "- first point\n"
                   "- second & last point");
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "HO", "1"), "plans-2015"),
                   ==, "Home Office will continue to expand digital leadership.");
}

static void
test_html_garbage (void)
{
  g_autoptr(StReport) into = new_gds_report ();
  g_autoptr(StImporter) importer = st_importer_new (into);
  g_autoptr(GError) error = NULL;

  g_assert_false (st_importer_add_html_page (importer, "broken.html", "<html><body><p>Hello <b>world", -1, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (st_importer_add_html_page (importer, "empty.html", "", 0, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_cmpuint (st_importer_count (importer, ST_DIAGNOSTIC_ERROR), ==, 2);
}

/* Markup characters in the text survive import and every export */
static void
test_literal_text (void)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) report = import_one ("literal.txt", &importer);
  g_autofree char *page = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *html = NULL;
  g_auto(GStrv) page_lines = NULL;
  g_auto(GStrv) exported_lines = NULL;
  g_autoptr(StReport) into = new_gds_report ();
  g_autoptr(StImporter) html_importer = st_importer_new (into);
  g_autoptr(StReport) again = NULL;
  gsize length;

  page = read_fixture ("literal.txt", &length);
  exported = export_view (report, "action:1", ST_EXPORT_TEXT);
  page_lines = g_strsplit (page, "\n", -1);
  exported_lines = g_strsplit (exported, "\n", -1);

  /* Lines 7 to 14 are the section’s text: the same, character for character */
  for (guint i = 6; i < 14; i++)
    g_assert_cmpstr (exported_lines[i], ==, page_lines[i]);

  html = export_view (report, "action:1", ST_EXPORT_HTML);
  g_assert_true (st_importer_add_html_page (html_importer, "literal.html", html, -1, NULL));
  again = st_importer_finish (html_importer);
  g_assert_true (st_report_equal (report, again));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/importer/fixture/action", test_fixture_action);
  g_test_add_func ("/importer/fixture/department", test_fixture_department);
  g_test_add_func ("/importer/fixture/both", test_fixture_both);
  g_test_add_func ("/importer/fixture/2022", test_fixture_2022);
  g_test_add_func ("/importer/round-trip/2022-html", test_2022_html_round_trip);
  g_test_add_func ("/importer/deviation/2022-damaged", test_2022_damaged);
  g_test_add_func ("/importer/deviation/2022-other-bullets", test_2022_other_bullets);
  g_test_add_func ("/importer/bad/news-article", test_news_article);
  g_test_add_func ("/importer/bad/document-type-only", test_document_type_only);
  g_test_add_func ("/importer/round-trip/html", test_html_round_trip);
  g_test_add_func ("/importer/round-trip/text-all", test_text_round_trip_all);
  g_test_add_func ("/importer/deviation/heading-variants", test_heading_variants);
  g_test_add_func ("/importer/deviation/names", test_names);
  g_test_add_func ("/importer/deviation/markup-and-run-on", test_markup_and_run_on);
  g_test_add_func ("/importer/deviation/repeated-title-and-intro", test_repeated_title_and_intro);
  g_test_add_func ("/importer/deviation/sections", test_sections);
  g_test_add_func ("/importer/not-applicable", test_not_applicable);
  g_test_add_func ("/importer/conflict/pages", test_conflict);
  g_test_add_func ("/importer/conflict/report", test_conflict_with_report);
  g_test_add_func ("/importer/new-title", test_new_title);
  g_test_add_func ("/importer/updated-dates", test_updated_dates);
  g_test_add_func ("/importer/bad/pages", test_bad_pages);
  g_test_add_func ("/importer/bad/unknown-department", test_unknown_department);
  g_test_add_func ("/importer/bad/unknown-action", test_unknown_action_on_department_page);
  g_test_add_func ("/importer/html/page", test_html_page);
  g_test_add_func ("/importer/html/garbage", test_html_garbage);
  g_test_add_func ("/importer/literal", test_literal_text);

  return g_test_run ();
}
