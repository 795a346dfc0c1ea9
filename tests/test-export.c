/* test-export.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cmark.h>
#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <string.h>

#include "stocktake-core.h"
#include "st-export.h"
#include "st-importer.h"

/* Text with every character that markup formats treat specially */
#define NASTY "Text with <script>alert(\"x\")</script> & \"quotes\" ]]> and *emphasis* _under_ `code` \\ [link](u) &amp; <!-- c --> -- ... 'single'"

static StReport *
new_report (void)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);
  StReport *report = st_report_new (template);
  StSubmission *submission;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, G_DATE_JANUARY, 2015);
  st_report_set_updated (report, &date);

  submission = st_report_ensure_submission (report, "CO", "1");
  st_submission_set_text (submission, "commitments-2012", "Cabinet Office will appoint a digital leader.");
  st_submission_set_text (submission, "progress-2014",
                          "First paragraph.\n\nIt did:\n\n- one thing\n- another thing\n\nLast paragraph.");
  submission = st_report_ensure_submission (report, "AGO", "1");
  st_submission_set_text (submission, "progress-2014", NASTY);
  st_submission_set_text (submission, "plans-2015", "- " NASTY "\n- #hash and 1. number");
  submission = st_report_ensure_submission (report, "HMT", "1");
  st_submission_set_not_applicable (submission, "This action is not applicable to HMT.");
  return report;
}

static GBytes *
export_bytes (StReport       *report,
              const char     *view,
              StExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StDocument) document = st_document_new_for_view (report, view, &error);
  GBytes *bytes;

  g_assert_no_error (error);
  bytes = st_export_document (document, format, &error);
  g_assert_no_error (error);
  return bytes;
}

static char *
export_string (StReport       *report,
               const char     *view,
               StExportFormat  format)
{
  g_autoptr(GBytes) bytes = export_bytes (report, view, format);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_formats (void)
{
  StExportFormat format;

  g_assert_true (st_export_format_from_string ("html", &format));
  g_assert_cmpint (format, ==, ST_EXPORT_HTML);
  g_assert_true (st_export_format_from_string ("md", &format));
  g_assert_cmpint (format, ==, ST_EXPORT_MARKDOWN);
  g_assert_true (st_export_format_from_string ("TEXT", &format));
  g_assert_cmpint (format, ==, ST_EXPORT_TEXT);
  g_assert_false (st_export_format_from_string ("docx", &format));
  g_assert_false (st_export_format_from_string (NULL, &format));
  g_assert_cmpstr (st_export_format_to_string (ST_EXPORT_MARKDOWN), ==, "markdown");
  g_assert_cmpstr (st_export_format_get_extension (ST_EXPORT_TEXT), ==, "txt");
  g_assert_true (g_strv_contains (st_export_list_formats (), "html"));

  {
    g_autofree char *a = st_export_view_filename ("action:1", ST_EXPORT_HTML);
    g_autofree char *b = st_export_view_filename ("department:DfE", ST_EXPORT_MARKDOWN);
    g_autofree char *c = st_export_view_filename ("../../etc/passwd", ST_EXPORT_TEXT);

    g_assert_cmpstr (a, ==, "action-1.html");
    g_assert_cmpstr (b, ==, "department-dfe.md");
    /* Never a path out of the site's folder */
    g_assert_cmpstr (c, ==, "etc-passwd.txt");
  }
}

/* The name offered for an export comes from the report's and the page's */
static void
test_suggest_filename (void)
{
  struct {
    const char     *report;
    const char     *view;
    StExportFormat  format;
    const char     *name;
  } cases[] = {
    { "/tmp/digital-leaders.stocktake", "action:1", ST_EXPORT_HTML, "digital-leaders-action-1.html" },
    { "/tmp/digital-leaders.stocktake", "all", ST_EXPORT_ODT, "digital-leaders.odt" },
    { "/tmp/digital-leaders.stocktake", "site", ST_EXPORT_MARKDOWN, "digital-leaders.md" },
    { "/tmp/digital-leaders.stocktake", "department:DfE", ST_EXPORT_PDF, "digital-leaders-department-dfe.pdf" },
    { "digital-leaders.stocktake", "action:12", ST_EXPORT_TEXT, "digital-leaders-action-12.txt" },
    /* Only the report's own extension is taken off */
    { "/shared/CO pack.v2", "all", ST_EXPORT_HTML, "CO pack.v2.html" },
    { "/shared/.stocktake", "all", ST_EXPORT_HTML, "report.html" },
    { "/", "all", ST_EXPORT_PDF, "report.pdf" },
    { NULL, "all", ST_EXPORT_ODT, "report.odt" },
    { NULL, "action:3", ST_EXPORT_MARKDOWN, "report-action-3.md" },
    /* A view is never a way out of the folder */
    { "/tmp/a.stocktake", "../../etc/passwd", ST_EXPORT_TEXT, "a-etc-passwd.txt" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = st_export_suggest_filename (cases[i].report, cases[i].view, cases[i].format);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_text (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autofree char *text = export_string (report, "action:1", ST_EXPORT_TEXT);

  g_assert_cmpstr (text, ==,
                   "Action 1: ensure there is an active digital leader on departmental and transactional agency boards\n"
                   "Updated 16 January 2015\n"
                   "This action forms part of the Government Digital Strategy.\n"
                   "Here’s how departments are responding to this action:\n"
                   "The Attorney General’s Office\n"
                   "Progress during 2014\n"
                   NASTY "\n"
                   "Planned activities in 2015\n"
                   "- " NASTY "\n"
                   "- #hash and 1. number\n"
                   "Cabinet Office\n"
                   "Departmental digital strategy commitments (December 2012)\n"
                   "Cabinet Office will appoint a digital leader.\n"
                   "Progress during 2014\n"
                   "First paragraph.\n"
                   "It did:\n"
                   "- one thing\n"
                   "- another thing\n"
                   "Last paragraph.\n"
                   "Her Majesty’s Treasury\n"
                   "This action is not applicable to HMT.");
}

static htmlDocPtr
parse_html (GBytes *bytes)
{
  htmlDocPtr doc = htmlReadMemory (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "page.html",
                                   "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);

  g_assert_nonnull (doc);
  return doc;
}

static int
count_nodes (htmlDocPtr  doc,
             const char *xpath)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression ((const xmlChar *) xpath, context);
  int n = result != NULL && result->nodesetval != NULL ? result->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return n;
}

static char *
node_text (htmlDocPtr  doc,
           const char *xpath,
           int         index)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression ((const xmlChar *) xpath, context);
  char *text = NULL;

  if (result != NULL && result->nodesetval != NULL && index < result->nodesetval->nodeNr)
    {
      xmlChar *content = xmlNodeGetContent (result->nodesetval->nodeTab[index]);

      text = g_strdup ((const char *) content);
      xmlFree (content);
    }
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return text;
}

static void
test_html_structure (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(GBytes) bytes = export_bytes (report, "action:1", ST_EXPORT_HTML);
  g_autofree char *source = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  htmlDocPtr doc = parse_html (bytes);
  g_autofree char *meta = NULL;
  g_autofree char *style = NULL;
  g_autofree char *li = NULL;

  g_assert_true (g_str_has_prefix (source, "<!DOCTYPE html>\n<html lang=\"en-GB\">"));
  g_assert_cmpint (count_nodes (doc, "//meta[@charset='utf-8']"), ==, 1);
  g_assert_cmpint (count_nodes (doc, "//meta[@http-equiv]"), ==, 0);
  g_assert_cmpint (count_nodes (doc, "//h1"), ==, 1);
  g_assert_cmpint (count_nodes (doc, "//h2"), ==, 3);
  g_assert_cmpint (count_nodes (doc, "//h3"), ==, 4);
  g_assert_cmpint (count_nodes (doc, "//h4"), ==, 0);
  g_assert_cmpint (count_nodes (doc, "//ul"), ==, 2);
  g_assert_cmpint (count_nodes (doc, "//ul/li"), ==, 4);
  g_assert_cmpint (count_nodes (doc, "//h2[@id='co']"), ==, 1);
  g_assert_cmpint (count_nodes (doc, "//h3[@id='co-progress-2014']"), ==, 1);

  meta = node_text (doc, "//p[@class='meta']", 0);
  g_assert_cmpstr (meta, ==, "Updated 16 January 2015");
  li = node_text (doc, "//ul/li", 2);
  g_assert_cmpstr (li, ==, "one thing");

  /* GOV.UK-like typography, and nothing loaded from anywhere */
  style = node_text (doc, "//head/style", 0);
  g_assert_nonnull (strstr (style, "font-size:19px"));
  g_assert_nonnull (strstr (style, "#0b0c0c"));
  g_assert_nonnull (strstr (style, "#1d70b8"));
  g_assert_nonnull (strstr (style, "max-width:960px"));
  g_assert_null (strstr (style, "url("));
  g_assert_cmpint (count_nodes (doc, "//script | //link | //img | //iframe | //@src"), ==, 0);
  g_assert_cmpint (count_nodes (doc, "//nav"), ==, 0);

  xmlFreeDoc (doc);
}

static void
test_html_contents (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(GBytes) bytes = export_bytes (report, "all", ST_EXPORT_HTML);
  htmlDocPtr doc = parse_html (bytes);
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr links = xmlXPathEvalExpression ((const xmlChar *) "//nav//a/@href", context);
  xmlXPathObjectPtr ids = xmlXPathEvalExpression ((const xmlChar *) "//@id", context);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Ids are unique */
  for (int i = 0; i < ids->nodesetval->nodeNr; i++)
    {
      xmlChar *id = xmlNodeGetContent (ids->nodesetval->nodeTab[i]);

      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, g_strdup ((const char *) id));
      xmlFree (id);
    }

  /* 16 actions, and the 3 departments under action 1 */
  g_assert_cmpint (links->nodesetval->nodeNr, ==, 16 + 3);
  for (int i = 0; i < links->nodesetval->nodeNr; i++)
    {
      xmlChar *href = xmlNodeGetContent (links->nodesetval->nodeTab[i]);

      g_assert_cmpint (href[0], ==, '#');
      g_assert_true (g_hash_table_contains (seen, (const char *) href + 1));
      xmlFree (href);
    }

  g_assert_cmpint (count_nodes (doc, "//h1"), ==, 1);
  g_assert_cmpint (count_nodes (doc, "//main/h2"), ==, 16);
  g_assert_cmpint (count_nodes (doc, "//main/h3"), ==, 3);
  g_assert_cmpint (count_nodes (doc, "//main/h4"), ==, 4);
  g_assert_cmpint (count_nodes (doc, "//p[@class='note']"), ==, 2);

  xmlXPathFreeObject (links);
  xmlXPathFreeObject (ids);
  xmlXPathFreeContext (context);
  xmlFreeDoc (doc);
}

static void
test_html_literal (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(GBytes) bytes = export_bytes (report, "department:AGO", ST_EXPORT_HTML);
  htmlDocPtr doc = parse_html (bytes);
  g_autofree char *paragraph = node_text (doc, "//main/p[not(@class)]", 0);
  g_autofree char *bullet = node_text (doc, "//ul/li", 0);

  g_assert_cmpstr (paragraph, ==, NASTY);
  g_assert_cmpstr (bullet, ==, NASTY);
  g_assert_cmpint (count_nodes (doc, "//script | //em | //a | //code | //comment()"), ==, 0);

  xmlFreeDoc (doc);
}

/* The text a CommonMark reader gets from each paragraph and list item;
 * fails on any inline markup: it would mean some text was not literal */
static void
collect_commonmark (cmark_node *node,
                    GPtrArray  *blocks,
                    GString    *current)
{
  for (cmark_node *child = cmark_node_first_child (node); child != NULL; child = cmark_node_next (child))
    {
      switch (cmark_node_get_type (child))
        {
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
          {
            GString *text = g_string_new (NULL);

            collect_commonmark (child, blocks, text);
            g_ptr_array_add (blocks, g_string_free (text, FALSE));
          }
          break;
        case CMARK_NODE_LIST:
        case CMARK_NODE_ITEM:
          collect_commonmark (child, blocks, current);
          break;
        case CMARK_NODE_TEXT:
          g_assert_nonnull (current);
          g_string_append (current, cmark_node_get_literal (child));
          break;
        default:
          g_error ("Markdown export made a %s node", cmark_node_get_type_string (child));
        }
    }
}

static void
test_markdown_literal (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autofree char *markdown = export_string (report, "department:AGO", ST_EXPORT_MARKDOWN);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func (g_free);
  cmark_node *root = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);

  collect_commonmark (root, blocks, NULL);
  cmark_node_free (root);

  g_assert_cmpuint (blocks->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (blocks, 0), ==,
                   "Action 1: Departmental and transactional agency boards will include an active digital leader");
  g_assert_cmpstr (g_ptr_array_index (blocks, 1), ==, "Progress during 2014");
  g_assert_cmpstr (g_ptr_array_index (blocks, 2), ==, NASTY);
  g_assert_cmpstr (g_ptr_array_index (blocks, 3), ==, "Planned activities in 2015");
  g_assert_cmpstr (g_ptr_array_index (blocks, 4), ==, NASTY);
  g_assert_cmpstr (g_ptr_array_index (blocks, 5), ==, "#hash and 1. number");
}

static void
test_markdown_structure (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autofree char *action = export_string (report, "action:1", ST_EXPORT_MARKDOWN);
  g_autofree char *department = export_string (report, "department:CO", ST_EXPORT_MARKDOWN);
  g_autofree char *all = export_string (report, "all", ST_EXPORT_MARKDOWN);

  /* GOV.UK's publisher has the title and date in fields of their own */
  g_assert_true (g_str_has_prefix (action, "This action forms part of the Government Digital Strategy.\n\n"));
  g_assert_nonnull (strstr (action, "\n\n## The Attorney General’s Office\n\n### Progress during 2014\n\n"));
  g_assert_nonnull (strstr (action, "It did:\n\n- one thing\n- another thing\n\nLast paragraph.\n"));
  g_assert_null (strstr (action, "Updated 16 January"));
  g_assert_true (g_str_has_prefix (department,
                                   "## Action 1: Departmental and transactional agency boards will include an "
                                   "active digital leader\n\n### Departmental digital strategy commitments "
                                   "(December 2012)\n\n"));
  g_assert_nonnull (strstr (all, "\n## Action 16: help third party organisations"));
  g_assert_nonnull (strstr (all, "\n### Cabinet Office\n\n#### Departmental digital strategy commitments (December 2012)\n"));
  g_assert_true (g_str_has_suffix (all, "\n"));
}

/* The 2022 update, imported from its published page, and the page's
 * non-blank lines with the bullets' marks taken off */
static StReport *
import_2022 (GPtrArray **lines_out)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                 "organising-for-digital-delivery-2022.txt", NULL);
  g_autoptr(StTemplate) template = st_template_new_builtin ("dec-2022", NULL);
  g_autoptr(StReport) into = st_report_new (template);
  g_autoptr(StImporter) importer = st_importer_new (into);
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length;

  g_file_get_contents (path, &page, &length, &error);
  g_assert_no_error (error);
  g_assert_true (st_importer_add_text_page (importer, "2022.txt", page, length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (st_importer_get_diagnostics (importer)->len, ==, 0);

  *lines_out = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (page, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_ptr_array_add (*lines_out, g_strdup (g_str_has_prefix (lines[i], "  • ") ? lines[i] + strlen ("  • ")
                                                                                : lines[i]));
  return st_importer_finish (importer);
}

static void
test_2022_html (void)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(StReport) report = import_2022 (&lines);
  g_autoptr(GBytes) bytes = export_bytes (report, "all", ST_EXPORT_HTML);
  htmlDocPtr doc = parse_html (bytes);
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr blocks = NULL;
  g_autofree char *type = node_text (doc, "//main/p[@class='meta']", 0);
  g_autofree char *title = node_text (doc, "//h1", 0);
  g_autofree char *annex = node_text (doc, "//main/h2", 2);

  /* One page: the type and the date as small print, the title; the
   * preamble and the annex, the recommendations under the annex and
   * their sections under them; real lists; a contents list */
  g_assert_cmpint (count_nodes (doc, "//html[@lang='en-GB']/body/main"), ==, 1);
  g_assert_cmpstr (type, ==, "Transparency data");
  g_assert_cmpint (count_nodes (doc, "//h1"), ==, 1);
  g_assert_cmpstr (title, ==, "Organising for digital delivery (progress update, February 2022)");
  g_assert_cmpint (count_nodes (doc, "//main/h2"), ==, 3);
  g_assert_cmpstr (annex, ==, "Annex A: Recommendation by Recommendation Progress Update");
  g_assert_cmpint (count_nodes (doc, "//main/h3"), ==, 8);
  g_assert_cmpint (count_nodes (doc, "//main/h4[text()='Progress update']"), ==, 8);
  g_assert_cmpint (count_nodes (doc, "//main/ul"), ==, 4);
  g_assert_cmpint (count_nodes (doc, "//main/ul/li"), ==, 7 + 2 + 5 + 3);
  g_assert_cmpint (count_nodes (doc, "//nav//a[@href='#annex-a-recommendation-by-recommendation-progress-update']"), ==, 1);
  g_assert_cmpint (count_nodes (doc, "//nav/ul/li/ul/li/a[@href='#action-8']"), ==, 1);

  /* Every line of the page, in order, and nothing else */
  blocks = xmlXPathEvalExpression ((const xmlChar *) "//main/p | //main/h1 | //main/h2 | //main/h3 | "
                                                     "//main/h4 | //main/ul/li", context);
  g_assert_nonnull (blocks);
  g_assert_cmpint (blocks->nodesetval->nodeNr, ==, lines->len);
  for (int i = 0; i < blocks->nodesetval->nodeNr; i++)
    {
      xmlChar *content = xmlNodeGetContent (blocks->nodesetval->nodeTab[i]);

      g_assert_cmpstr ((const char *) content, ==, g_ptr_array_index (lines, i));
      xmlFree (content);
    }

  xmlXPathFreeObject (blocks);
  xmlXPathFreeContext (context);
  xmlFreeDoc (doc);
}

static void
test_2022_markdown (void)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(StReport) report = import_2022 (&lines);
  g_autofree char *markdown = export_string (report, "all", ST_EXPORT_MARKDOWN);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func (g_free);
  cmark_node *root = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);

  collect_commonmark (root, blocks, NULL);
  cmark_node_free (root);

  /* The publisher has its own fields for the type, the title and the date */
  g_assert_true (g_str_has_prefix (markdown, "Progress update: February 2022.\n\n## Overview\n\n"));
  g_assert_nonnull (strstr (markdown, "\n\n## Annex A: Recommendation by Recommendation Progress Update\n\n"
                                      "### Recommendation 1: build mechanisms to put the citizen at the heart "
                                      "of all design decisions\n\n#### Progress update\n\n"));
  g_assert_nonnull (strstr (markdown, "\n\n- strengthen the accountability of Departments and their "
                                      "Permanent Secretaries\n- hire a Permanent"));

  /* and a CommonMark reader gets every other line of the page back */
  g_assert_cmpuint (blocks->len, ==, lines->len - 3);
  for (guint i = 0; i < blocks->len; i++)
    g_assert_cmpstr (g_ptr_array_index (blocks, i), ==, g_ptr_array_index (lines, i + 3));
}

static gboolean
chromium_console_clean (const char  *path,
                        char       **dom)
{
  g_autofree char *profile = g_dir_make_tmp ("stocktake-chromium-XXXXXX", NULL);
  g_autofree char *user_data = g_strconcat ("--user-data-dir=", profile, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status;
  const char *argv[] = {
    "/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", user_data, "--enable-logging=stderr",
    "--v=0", "--dump-dom", path, NULL
  };
  gboolean clean = TRUE;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], ":CONSOLE") != NULL)
      {
        g_test_message ("%s", lines[i]);
        clean = FALSE;
      }

  {
    const char *rm[] = { "rm", "-rf", profile, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  *dom = g_steal_pointer (&out);
  return clean;
}

static void
test_html_in_chromium (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(GBytes) bytes = export_bytes (report, "all", ST_EXPORT_HTML);
  g_autofree char *dir = g_dir_make_tmp ("stocktake-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "all.html", NULL);
  g_autofree char *control = g_build_filename (dir, "control.html", NULL);
  g_autofree char *dom = NULL;
  g_autofree char *control_dom = NULL;

  if (!g_file_test ("/usr/bin/chromium", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("/usr/bin/chromium is not installed");
      return;
    }

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  /* A page with a console error shows that the check can fail */
  g_assert_true (g_file_set_contents (control, "<!DOCTYPE html><title>x</title><script>console.error('x')</script>",
                                      -1, NULL));

  g_assert_false (chromium_console_clean (control, &control_dom));
  g_assert_true (chromium_console_clean (path, &dom));
  g_assert_nonnull (strstr (dom, "<h1>Government Digital Strategy: departmental progress</h1>"));
  g_assert_nonnull (strstr (dom, "&lt;script&gt;alert(\"x\")&lt;/script&gt;"));

  g_unlink (path);
  g_unlink (control);
  g_rmdir (dir);
}

typedef struct {
  guint      calls;
  guint      last_done;
  guint      total;
  GThread   *thread;
  gboolean   wrong_thread;
  gboolean   finished;
  GError    *error;
  GMainLoop *loop;
} Progress;

static void
on_progress (guint       done,
             guint       total,
             const char *view,
             gpointer    user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >, progress->last_done);
  g_assert_nonnull (view);
  progress->calls++;
  progress->last_done = done;
  progress->total = total;
  if (g_thread_self () != progress->thread)
    progress->wrong_thread = TRUE;
}

static void
test_site (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autofree char *dir = g_dir_make_tmp ("stocktake-site-XXXXXX", NULL);
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autofree char *index = NULL;
  g_autofree char *action = NULL;
  g_autofree char *page_path = NULL;
  g_autofree char *index_path = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  g_autofree char *blocker = g_build_filename (dir, "file", NULL);

  progress.thread = g_thread_self ();
  g_assert_true (st_export_site (report, ST_VIEW_EVERYTHING, ST_EXPORT_HTML, site, NULL, on_progress, &progress, &error));
  g_assert_no_error (error);

  /* 16 action pages, 17 department pages and the index */
  g_assert_cmpuint (progress.calls, ==, 16 + 17 + 1);
  g_assert_cmpuint (progress.total, ==, 16 + 17 + 1);
  index_path = g_build_filename (site, "index.html", NULL);
  g_assert_true (g_file_get_contents (index_path, &index, NULL, NULL));
  g_assert_nonnull (strstr (index, "href=\"action-1.html\""));
  g_assert_nonnull (strstr (index, "href=\"department-co.html\""));
  g_assert_nonnull (strstr (index, "<p class=\"meta\">Updated 16 January 2015</p>"));
  page_path = g_build_filename (site, "action-1.html", NULL);
  g_assert_true (g_file_get_contents (page_path, &action, NULL, NULL));
  g_assert_nonnull (strstr (action, "<h1>Action 1: ensure there is an active digital leader"));

  /* A folder that cannot be made */
  g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));
  {
    g_autofree char *inside = g_build_filename (blocker, "site", NULL);

    g_assert_false (st_export_site (report, ST_VIEW_EVERYTHING, ST_EXPORT_TEXT, inside, NULL, NULL, NULL, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
    g_clear_error (&error);
  }

  /* Cancelled before it starts: nothing written */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autofree char *other = g_build_filename (dir, "other", NULL);
    g_autofree char *other_index = g_build_filename (other, "index.md", NULL);

    g_cancellable_cancel (cancellable);
    g_assert_false (st_export_site (report, ST_VIEW_EVERYTHING, ST_EXPORT_MARKDOWN, other, cancellable, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (g_file_test (other_index, G_FILE_TEST_EXISTS));
  }

  {
    const char *rm[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Progress *progress = user_data;

  progress->finished = st_export_to_file_finish (ST_REPORT (source), result, &progress->error);
  g_main_loop_quit (progress->loop);
}

static void
run_async (StReport     *report,
           const char   *view,
           const char   *path,
           GCancellable *cancellable,
           Progress     *progress)
{
  progress->thread = g_thread_self ();
  progress->loop = g_main_loop_new (NULL, FALSE);
  st_export_to_file_async (report, view, ST_VIEW_EVERYTHING, ST_EXPORT_HTML, path, cancellable,
                           on_progress, progress, NULL, on_exported, progress);
  g_main_loop_run (progress->loop);
  g_main_loop_unref (progress->loop);
}

static void
test_async (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autofree char *dir = g_dir_make_tmp ("stocktake-async-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "all.html", NULL);
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autofree char *contents = NULL;
  Progress one = { 0 }, whole = { 0 }, bad = { 0 }, cancelled = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  run_async (report, "all", file, NULL, &one);
  g_assert_no_error (one.error);
  g_assert_true (one.finished);
  g_assert_cmpuint (one.calls, ==, 1);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));

  /* Progress arrives in the caller's thread, page by page */
  run_async (report, "site", site, NULL, &whole);
  g_assert_no_error (whole.error);
  g_assert_cmpuint (whole.calls, ==, 34);
  g_assert_false (whole.wrong_thread);

  run_async (report, "action:99", file, NULL, &bad);
  g_assert_error (bad.error, ST_ERROR, ST_ERROR_NOT_FOUND);
  g_assert_cmpuint (bad.calls, ==, 0);
  g_clear_error (&bad.error);

  g_cancellable_cancel (cancellable);
  run_async (report, "site", site, cancellable, &cancelled);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);

  {
    const char *rm[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

/* Writing as it goes **************************************************/

/* Every kind of block, text with every character HTML treats specially
 * or leaves out, and anchors that need quoting and escaping */
static StDocument *
new_blocks_document (void)
{
  StDocument *document = st_document_new ("all", "A <title> & \"more\"", NULL);

  st_document_append (document, ST_BLOCK_HEADING, 1, "Title & <b>", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_META, 0, "Updated\tsoon\r\n\x01\x1f", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_CONTENTS, 0, NULL, NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_HEADING, 3, "Orphan section", "orphan", NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_HEADING, 3, "Second orphan", "orphan-2", NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_HEADING, 2, "Quotes \" and '", "a\"b", NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_BULLET, 0, "only one", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_HEADING, 2, "Both", "a\"b'c&d<e> f", NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_HEADING, 3, "Sub", "  café/é?x=1#y%", NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_BULLET, 0, "", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_BULLET, 0, NASTY, NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_BULLET, 0, "Welsh: Llywodraeth Cymru — ŵ ŷ 😀", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_NOTE, 0, "A note & more", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_PARAGRAPH, 0, "", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_HEADING, 4, "Level four", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_HEADING, 2, "No anchor", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_PARAGRAPH, 0, "Last", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_CONTENTS, 0, NULL, NULL, NULL, NULL, NULL);
  return document;
}

static GBytes *
export_to_stream (StDocument     *document,
                  StExportFormat  format)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (st_export_document_to_stream (document, format, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

/* tests/fixtures/export/blocks.html is the page libxml2's HTML serialiser
 * wrote for this document: pages are still the same, byte for byte */
static void
test_html_as_before (void)
{
  g_autoptr(StDocument) document = new_blocks_document ();
  g_autoptr(StDocument) empty = st_document_new ("empty", NULL, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "export", "blocks.html", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) bytes = st_export_html (document);
  g_autoptr(GBytes) streamed = export_to_stream (document, ST_EXPORT_HTML);
  g_autoptr(GBytes) empty_bytes = st_export_html (empty);
  gsize length;

  g_assert_true (g_file_get_contents (path, &expected, &length, NULL));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, length);
  g_assert_cmpmem (g_bytes_get_data (streamed, NULL), g_bytes_get_size (streamed), expected, length);

  /* Nothing in it: no contents, no title */
  g_assert_true (g_str_has_prefix (g_bytes_get_data (empty_bytes, NULL),
                                   "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (empty_bytes, NULL), g_bytes_get_size (empty_bytes),
                                  "<title></title>\n<style>"));
  g_assert_true (g_str_has_suffix (g_bytes_get_data (empty_bytes, NULL),
                                   "</style>\n</head>\n<body><main></main></body>\n</html>\n"));
}

/* A document far longer than the writers' buffer comes out of the stream
 * as it comes out in memory */
static void
test_stream_long (void)
{
  g_autoptr(StDocument) document = st_document_new ("all", "Long", NULL);
  static const StExportFormat formats[] = { ST_EXPORT_TEXT, ST_EXPORT_HTML, ST_EXPORT_MARKDOWN };

  /* An empty first paragraph: Markdown counts what it has written */
  st_document_append (document, ST_BLOCK_PARAGRAPH, 0, "", NULL, NULL, NULL, NULL);
  for (guint i = 0; i < 6000; i++)
    {
      g_autofree char *text = g_strdup_printf ("Paragraph %u: <text> & \"more\" *with* marks, long enough "
                                               "to fill the buffer several times over.", i);

      if (i % 100 == 0)
        {
          g_autofree char *anchor = g_strdup_printf ("part-%u", i);

          st_document_append (document, ST_BLOCK_HEADING, 2, text, anchor, NULL, NULL, NULL);
          st_document_append (document, ST_BLOCK_CONTENTS, 0, NULL, NULL, NULL, NULL, NULL);
        }
      st_document_append (document, i % 7 < 3 ? ST_BLOCK_BULLET : ST_BLOCK_PARAGRAPH, 0, text,
                          NULL, NULL, NULL, NULL);
    }

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = st_export_document (document, formats[f], &error);
      g_autoptr(GBytes) streamed = export_to_stream (document, formats[f]);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 4 * 64 * 1024);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       g_bytes_get_data (streamed, NULL), g_bytes_get_size (streamed));
    }
}

/* A stream that fills up: the writer stops with the stream's error */
static void
test_stream_failure (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StDocument) document = st_document_new_for_view (report, "all", &error);
  static const StExportFormat formats[] = {
    ST_EXPORT_TEXT, ST_EXPORT_HTML, ST_EXPORT_MARKDOWN, ST_EXPORT_ODT, ST_EXPORT_PDF
  };

  g_assert_no_error (error);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      static char space[100];
      g_autoptr(GOutputStream) stream = g_memory_output_stream_new (space, sizeof space, NULL, NULL);

      g_assert_false (st_export_document_to_stream (document, formats[f], stream, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_clear_error (&error);
    }

  /* Cancelled: nothing written */
  {
    g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_false (st_export_document_to_stream (document, ST_EXPORT_HTML, stream, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, 0);
    g_clear_error (&error);
  }
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
test_to_file (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StDocument) document = st_document_new_for_view (report, "all", &error);
  g_autofree char *dir = g_dir_make_tmp ("stocktake-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "all.md", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "all.md", NULL);
  g_autoptr(GBytes) expected = export_bytes (report, "all", ST_EXPORT_MARKDOWN);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);

  /* A new file, then over the old one; no temporary file left beside it */
  g_assert_true (st_export_document_to_file (document, ST_EXPORT_TEXT, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (st_export_document_to_file (document, ST_EXPORT_MARKDOWN, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* Cancelled: the old file stays as it was */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autofree char *after = NULL;

    g_cancellable_cancel (cancellable);
    g_assert_false (st_export_document_to_file (document, ST_EXPORT_HTML, path, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, contents);
  }

  /* Nowhere to write: the error names the file */
  g_assert_false (st_export_document_to_file (document, ST_EXPORT_HTML, missing, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* A folder is not replaced, and nothing is left beside it */
  g_assert_false (st_export_document_to_file (document, ST_EXPORT_HTML, dir, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* A device is written to as it is, and a full one says so */
  if (g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_assert_false (st_export_document_to_file (document, ST_EXPORT_HTML, "/dev/full", NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, "“/dev/full”"));
      g_clear_error (&error);
    }
  if (g_file_test ("/dev/null", G_FILE_TEST_EXISTS))
    {
      g_assert_true (st_export_document_to_file (document, ST_EXPORT_HTML, "/dev/null", NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test ("/dev/null", G_FILE_TEST_EXISTS) &&
                     !g_file_test ("/dev/null", G_FILE_TEST_IS_REGULAR));
    }

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static char *
export_content (StReport      *report,
                const char    *view,
                StViewContent  content)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StDocument) document = st_document_new_for_view_full (report, view, content, &error);
  g_autoptr(GBytes) bytes = NULL;

  g_assert_no_error (error);
  bytes = st_export_document (document, ST_EXPORT_TEXT, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A view for publication has approved and published returns only; a
 * preview has every return, whatever its status */
static void
test_approved_only (void)
{
  g_autoptr(StReport) report = new_report ();
  static const char * const views[] = { "action:1", "department:CO", "all" };
  g_autofree char *dir = g_dir_make_tmp ("stocktake-approved-XXXXXX", NULL);
  g_autofree char *page_path = g_build_filename (dir, "action-1.txt", NULL);
  g_autofree char *page = NULL;
  g_autoptr(GError) error = NULL;
  guint n_returns = 0;

  /* CO and AGO have text, HMT says not applicable: all three drafts */
  g_assert_cmpuint (st_document_count_unapproved (report, &n_returns), ==, 3);
  g_assert_cmpuint (n_returns, ==, 3);

  st_submission_set_status (st_report_lookup_submission (report, "CO", "1"), ST_STATUS_APPROVED);
  st_submission_set_status (st_report_lookup_submission (report, "HMT", "1"), ST_STATUS_PUBLISHED);
  g_assert_cmpuint (st_document_count_unapproved (report, &n_returns), ==, 1);
  g_assert_cmpuint (n_returns, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *everything = export_content (report, views[i], ST_VIEW_EVERYTHING);
      g_autofree char *approved = export_content (report, views[i], ST_VIEW_APPROVED_ONLY);
      g_autofree char *plain = export_string (report, views[i], ST_EXPORT_TEXT);

      g_test_message ("%s:\n%s", views[i], approved);
      /* The preview is what st_document_new_for_view() always gave */
      g_assert_cmpstr (everything, ==, plain);
      g_assert_nonnull (strstr (approved, "Cabinet Office will appoint a digital leader."));
      g_assert_nonnull (strstr (approved, "Last paragraph."));
      g_assert_null (strstr (approved, "#hash and 1. number"));
      g_assert_null (strstr (approved, "alert("));
      if (!g_str_equal (views[i], "department:CO"))
        {
          g_assert_nonnull (strstr (everything, "#hash and 1. number"));
          g_assert_nonnull (strstr (approved, "This action is not applicable to HMT."));
          /* The draft's department has no heading of its own either */
          g_assert_nonnull (strstr (everything, "Attorney General"));
          g_assert_null (strstr (approved, "Attorney General"));
        }
    }

  /* The same for a page written in the background */
  {
    Progress progress = { 0 };

    progress.thread = g_thread_self ();
    progress.loop = g_main_loop_new (NULL, FALSE);
    st_export_to_file_async (report, "action:1", ST_VIEW_APPROVED_ONLY, ST_EXPORT_TEXT, page_path, NULL,
                             NULL, NULL, NULL, on_exported, &progress);
    g_main_loop_run (progress.loop);
    g_main_loop_unref (progress.loop);
    g_assert_no_error (progress.error);
    g_assert_true (progress.finished);
  }
  g_assert_true (g_file_get_contents (page_path, &page, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (page, "Cabinet Office will appoint a digital leader."));
  g_assert_null (strstr (page, "#hash and 1. number"));

  /* A submitted or returned return is not approved either: with nothing
   * approved on it, a page for publication is refused, not left empty */
  st_submission_set_status (st_report_lookup_submission (report, "CO", "1"), ST_STATUS_SUBMITTED);
  st_submission_set_status (st_report_lookup_submission (report, "HMT", "1"), ST_STATUS_RETURNED);
  g_assert_cmpuint (st_document_count_unapproved (report, NULL), ==, 3);
  {
    static const char * const empty_views[] = { "action:1", "action:2", "department:CO", "department:AGO" };

    for (guint i = 0; i < G_N_ELEMENTS (empty_views); i++)
      {
        g_autoptr(StDocument) document = st_document_new_for_view_full (report, empty_views[i],
                                                                        ST_VIEW_APPROVED_ONLY, &error);

        g_assert_error (error, ST_ERROR, ST_ERROR_NOT_APPROVED);
        g_assert_nonnull (strstr (error->message, "is approved yet"));
        g_assert_null (document);
        g_clear_error (&error);
      }
  }

  g_assert_cmpint (g_unlink (page_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

#define ITEM_INTRO "Here’s how departments are responding to this action:"
#define ACTION_1 "Action 1: ensure there is an active digital leader"

/* For publication, an action with nothing approved on it is left out
 * whole, its heading and introduction too; one with an approved
 * department keeps them. A preview keeps every action. */
static void
test_approved_only_empty_items (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stocktake-approved-site-XXXXXX", NULL);
  guint n_items = st_template_get_n_items (st_report_get_template (report));
  g_autofree char *everything = export_content (report, "all", ST_VIEW_EVERYTHING);
  g_autofree char *approved = NULL;
  g_autofree char *html = NULL;
  g_autofree char *action_2_title = NULL;
  g_autoptr(StDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_cmpuint (n_items, >, 1);
  action_2_title = st_template_expand (st_report_get_template (report),
                                       st_template_get_layout (st_report_get_template (report),
                                                               ST_LAYOUT_ITEM_TITLE),
                                       st_template_get_item (st_report_get_template (report), 1),
                                       NULL, NULL);
  /* The preview has every action's introduction, answered or not */
  g_assert_cmpuint (count_occurrences (everything, ITEM_INTRO), ==, n_items);
  g_assert_nonnull (strstr (everything, action_2_title));

  /* Only CO's return to action 1 is approved */
  st_submission_set_status (st_report_lookup_submission (report, "CO", "1"), ST_STATUS_APPROVED);

  approved = export_content (report, "all", ST_VIEW_APPROVED_ONLY);
  g_assert_cmpuint (count_occurrences (approved, ITEM_INTRO), ==, 1);
  g_assert_cmpuint (count_occurrences (approved, ACTION_1), ==, 1);
  g_test_message ("%s", approved);
  g_assert_nonnull (strstr (approved, ITEM_INTRO "\nCabinet Office\n"));
  g_assert_null (strstr (approved, action_2_title));
  g_assert_null (strstr (approved, "Attorney General"));

  /* The same in HTML */
  document = st_document_new_for_view_full (report, "all", ST_VIEW_APPROVED_ONLY, &error);
  g_assert_no_error (error);
  bytes = st_export_document (document, ST_EXPORT_HTML, &error);
  g_assert_no_error (error);
  html = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpuint (count_occurrences (html, ITEM_INTRO), ==, 1);
  g_assert_nonnull (strstr (html, ACTION_1));
  g_assert_null (strstr (html, action_2_title));

  /* The action's own page keeps its introduction */
  {
    g_autofree char *page = export_content (report, "action:1", ST_VIEW_APPROVED_ONLY);

    g_assert_cmpuint (count_occurrences (page, ITEM_INTRO), ==, 1);
    g_assert_nonnull (strstr (page, "Cabinet Office will appoint a digital leader."));
  }

  /* A site for publication has only the pages with something approved:
   * action 1, the Cabinet Office's page and the index */
  g_assert_true (st_export_site (report, ST_VIEW_APPROVED_ONLY, ST_EXPORT_TEXT, dir,
                                NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      g_assert_no_error (error);
      g_test_message ("%s:\n%s", name, contents);
      g_assert_null (strstr (contents, action_2_title));
      g_assert_null (strstr (contents, "Attorney General"));
      g_assert_cmpuint (count_occurrences (contents, ITEM_INTRO), <=, 1);
      g_assert_cmpint (g_unlink (path), ==, 0);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 3);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/formats", test_formats);
  g_test_add_func ("/export/suggest-filename", test_suggest_filename);
  g_test_add_func ("/export/text", test_text);
  g_test_add_func ("/export/html/structure", test_html_structure);
  g_test_add_func ("/export/html/contents", test_html_contents);
  g_test_add_func ("/export/html/literal", test_html_literal);
  g_test_add_func ("/export/html/chromium", test_html_in_chromium);
  g_test_add_func ("/export/markdown/literal", test_markdown_literal);
  g_test_add_func ("/export/markdown/structure", test_markdown_structure);
  g_test_add_func ("/export/2022/html", test_2022_html);
  g_test_add_func ("/export/2022/markdown", test_2022_markdown);
  g_test_add_func ("/export/html/as-before", test_html_as_before);
  g_test_add_func ("/export/stream/long", test_stream_long);
  g_test_add_func ("/export/stream/failure", test_stream_failure);
  g_test_add_func ("/export/to-file", test_to_file);
  g_test_add_func ("/export/site", test_site);
  g_test_add_func ("/export/async", test_async);
  g_test_add_func ("/export/approved-only", test_approved_only);
  g_test_add_func ("/export/approved-only/empty-items", test_approved_only_empty_items);

  return g_test_run ();
}
