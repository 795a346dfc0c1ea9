/* test-document.c: the published views as documents of blocks
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "stocktake-core.h"
#include "st-views-private.h"

static StReport *
new_report (const char *template_id)
{
  g_autoptr(StTemplate) template = st_template_new_builtin (template_id, NULL);
  StReport *report;
  GDate date;

  g_assert_nonnull (template);
  report = st_report_new (template);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, G_DATE_JANUARY, 2015);
  st_report_set_updated (report, &date);
  return report;
}

static StReport *
new_gds_report (void)
{
  StReport *report = new_report ("gds-2012");
  StSubmission *submission;

  /* Added out of template order on purpose */
  submission = st_report_ensure_submission (report, "MOJ", "1");
  st_submission_set_text (submission, "progress-2014", "MOJ text.");
  submission = st_report_ensure_submission (report, "CO", "1");
  st_submission_set_text (submission, "plans-2015", "Plans.\n\n- one\n- two");
  st_submission_set_text (submission, "commitments-2012", "Commitment.");
  submission = st_report_ensure_submission (report, "HMT", "1");
  st_submission_set_not_applicable (submission, "");
  submission = st_report_ensure_submission (report, "DH", "1");   /* nothing in it */
  submission = st_report_ensure_submission (report, "CO", "15");
  st_submission_set_text (submission, "progress-2014", "Digital inclusion.");
  return report;
}

/* A compact picture of a document: one line per block, "H2 text",
 * "P text", "B text", "M text", "N text", "C" */
static char *
describe (StDocument *document)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < st_document_get_n_blocks (document); i++)
    {
      const StBlock *block = st_document_get_block (document, i);

      switch (block->kind)
        {
        case ST_BLOCK_HEADING:
          g_string_append_printf (out, "H%u", block->level);
          break;
        case ST_BLOCK_META:
          g_string_append (out, "M");
          break;
        case ST_BLOCK_PARAGRAPH:
          g_string_append (out, "P");
          break;
        case ST_BLOCK_BULLET:
          g_string_append (out, "B");
          break;
        case ST_BLOCK_NOTE:
          g_string_append (out, "N");
          break;
        case ST_BLOCK_CONTENTS:
          g_string_append (out, "C");
          break;
        default:
          g_assert_not_reached ();
        }
      if (*block->text != '\0')
        g_string_append_printf (out, " %s", block->text);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static StDocument *
view (StReport   *report,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  StDocument *document = st_document_new_for_view (report, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpstr (st_document_get_view (document), ==, name);
  return document;
}

static void
test_action_view (void)
{
  g_autoptr(StReport) report = new_gds_report ();
  g_autoptr(StDocument) document = view (report, "action:1");
  g_autofree char *picture = describe (document);
  const StBlock *block;

  g_assert_cmpstr (picture, ==,
                   "H1 Action 1: ensure there is an active digital leader on departmental and transactional agency boards\n"
                   "M Updated 16 January 2015\n"
                   "P This action forms part of the Government Digital Strategy.\n"
                   "P Here’s how departments are responding to this action:\n"
                   "H2 Cabinet Office\n"
                   "H3 Departmental digital strategy commitments (December 2012)\n"
                   "P Commitment.\n"
                   "H3 Planned activities in 2015\n"
                   "P Plans.\n"
                   "B one\n"
                   "B two\n"
                   "H2 Her Majesty’s Treasury\n"
                   "P This action is not applicable to HMT.\n"
                   "H2 Ministry of Justice\n"
                   "H3 Progress during 2014\n"
                   "P MOJ text.\n");
  g_assert_cmpstr (st_document_get_title (document), ==,
                   "Action 1: ensure there is an active digital leader on departmental and transactional agency boards");
  g_assert_cmpuint (g_date_get_year (st_document_get_updated (document)), ==, 2015);

  /* Where each block comes from, and anchors for the headings */
  block = st_document_get_block (document, 4);
  g_assert_cmpstr (block->anchor, ==, "co");
  g_assert_cmpstr (block->respondent_id, ==, "CO");
  g_assert_cmpstr (block->item_id, ==, "1");
  g_assert_null (block->section_id);
  block = st_document_get_block (document, 7);
  g_assert_cmpstr (block->anchor, ==, "co-plans-2015");
  g_assert_cmpstr (block->section_id, ==, "plans-2015");
  block = st_document_get_block (document, 9);
  g_assert_cmpstr (block->section_id, ==, "plans-2015");
  g_assert_null (block->anchor);
}

static void
test_department_view (void)
{
  g_autoptr(StReport) report = new_gds_report ();
  g_autoptr(StDocument) document = view (report, "department:CO");
  g_autoptr(StDocument) by_name = view (report, "department:cabinet office");
  g_autofree char *picture = describe (document);
  g_autofree char *picture_by_name = describe (by_name);

  g_assert_cmpstr (picture, ==,
                   "H1 CO's actions in response to the Government Digital Strategy\n"
                   "M Updated 16 January 2015\n"
                   "H2 Action 1: Departmental and transactional agency boards will include an active digital leader\n"
                   "H3 Departmental digital strategy commitments (December 2012)\n"
                   "P Commitment.\n"
                   "H3 Planned activities in 2015\n"
                   "P Plans.\n"
                   "B one\n"
                   "B two\n"
                   "H2 Action 15: collaborate with partners across public, private and voluntary sectors to help people go online\n"
                   "N Action 15 was added to the Digital Strategy in December 2013, so reporting on departments’ actions will begin with 2014.\n"
                   "H3 Progress during 2014\n"
                   "P Digital inclusion.\n");
  g_assert_cmpstr (picture_by_name, ==, picture);
  g_assert_cmpstr (st_document_get_block (document, 2)->anchor, ==, "action-1");
  g_assert_cmpstr (st_document_get_block (document, 5)->anchor, ==, "action-1-plans-2015");
}

static void
test_whole_view (void)
{
  g_autoptr(StReport) report = new_gds_report ();
  g_autoptr(StDocument) document = view (report, "all");
  g_autoptr(GHashTable) anchors = g_hash_table_new (g_str_hash, g_str_equal);
  guint headings[5] = { 0 };
  guint previous_level = 1;

  g_assert_cmpstr (st_document_get_title (document), ==, "Government Digital Strategy: departmental progress");
  g_assert_cmpint (st_document_get_block (document, 0)->kind, ==, ST_BLOCK_HEADING);
  g_assert_cmpint (st_document_get_block (document, 1)->kind, ==, ST_BLOCK_META);
  g_assert_cmpint (st_document_get_block (document, 2)->kind, ==, ST_BLOCK_CONTENTS);

  for (guint i = 0; i < st_document_get_n_blocks (document); i++)
    {
      const StBlock *block = st_document_get_block (document, i);

      if (block->kind != ST_BLOCK_HEADING)
        continue;
      headings[block->level]++;
      /* The outline never skips a level on the way down */
      g_assert_cmpuint (block->level, <=, previous_level + 1);
      previous_level = block->level;
      if (block->level > 1)
        {
          g_assert_nonnull (block->anchor);
          g_assert_false (g_hash_table_contains (anchors, block->anchor));
          g_hash_table_add (anchors, block->anchor);
        }
    }

  /* Every action, the departments that answered, their sections */
  g_assert_cmpuint (headings[1], ==, 1);
  g_assert_cmpuint (headings[2], ==, 16);
  g_assert_cmpuint (headings[3], ==, 3 + 1);
  g_assert_cmpuint (headings[4], ==, 3 + 1);
  g_assert_true (g_hash_table_contains (anchors, "action-15-co-progress-2014"));
}

static void
test_preamble (void)
{
  g_autoptr(StReport) report = new_report ("dec-2022");
  g_autoptr(StDocument) document = NULL;
  g_autoptr(StDocument) page = NULL;
  g_autofree char *picture = NULL;
  g_autofree char *page_picture = NULL;
  const StBlock *block;

  st_report_set_preamble_text (report, "overview", "In 2020, the Cabinet Office commissioned a report.");
  st_submission_set_text (st_report_ensure_submission (report, "CDDO", "2"), "progress-2022",
                          "Boards meet.\n\n- monthly\n- in public");
  document = view (report, "all");
  picture = describe (document);

  /* The layout's document type, introduction and heading over the items;
   * with one organisation and no headings for it, the sections come
   * straight under each recommendation. The summary has no text, so no
   * heading; every recommendation is listed, answered or not. */
  g_assert_cmpstr (picture, ==,
                   "M Transparency data\n"
                   "H1 Organising for digital delivery (progress update, February 2022)\n"
                   "M Published 16 January 2015\n"
                   "P Progress update: February 2022.\n"
                   "C\n"
                   "H2 Overview\n"
                   "P In 2020, the Cabinet Office commissioned a report.\n"
                   "H2 Annex A: Recommendation by Recommendation Progress Update\n"
                   "H3 Recommendation 1: build mechanisms to put the citizen at the heart of all design decisions\n"
                   "H3 Recommendation 2: Strengthen the accountability of Departments and their Permanent Secretaries\n"
                   "H4 Progress update\n"
                   "P Boards meet.\n"
                   "B monthly\n"
                   "B in public\n"
                   "H3 Recommendation 3: Hire a Permanent Secretary level head of function\n"
                   "H3 Recommendation 4: Re-focus and add teeth to the centre\n"
                   "H3 Recommendation 5: Create clear investment swim lanes to address the legacy debt\n"
                   "H3 Recommendation 6: Set up a quarterly business review process\n"
                   "H3 Recommendation 7: Invest in developing the technical fluency of senior civil service leadership\n"
                   "H3 Recommendation 8: Create a government data application centre of excellence\n");
  block = st_document_get_block (document, 5);
  g_assert_cmpstr (block->anchor, ==, "overview");
  g_assert_cmpstr (st_document_get_block (document, 7)->anchor, ==,
                   "annex-a-recommendation-by-recommendation-progress-update");
  g_assert_cmpstr (st_document_get_text_bullet (document), ==, "  • ");
  g_assert_cmpstr (st_document_get_text_separator (document), ==, "\n\n");

  /* A recommendation's own page has the document type too, and no
   * organisation heading either */
  page = view (report, "action:2");
  page_picture = describe (page);
  g_assert_cmpstr (page_picture, ==,
                   "M Transparency data\n"
                   "H1 Recommendation 2: Strengthen the accountability of Departments and their Permanent Secretaries\n"
                   "M Published 16 January 2015\n"
                   "H2 Progress update\n"
                   "P Boards meet.\n"
                   "B monthly\n"
                   "B in public\n");
}

static void
test_round (void)
{
  g_autoptr(StReport) report = new_gds_report ();
  g_autoptr(StDocument) document = NULL;
  g_autofree char *picture = NULL;

  /* Collecting the 2013 round: later sections are not published yet */
  st_report_set_round (report, 1);
  document = view (report, "department:CO");
  picture = describe (document);
  g_assert_null (strstr (picture, "Planned activities in 2015"));
  g_assert_null (strstr (picture, "Action 15"));
  g_assert_nonnull (strstr (picture, "H3 Departmental digital strategy commitments (December 2012)"));
}

static void
test_no_date (void)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);
  g_autoptr(StReport) report = st_report_new (template);
  g_autoptr(StDocument) document = view (report, "action:2");

  g_assert_null (st_document_get_updated (document));
  for (guint i = 0; i < st_document_get_n_blocks (document); i++)
    g_assert_cmpint (st_document_get_block (document, i)->kind, !=, ST_BLOCK_META);
}

static void
test_bad_views (void)
{
  g_autoptr(StReport) report = new_gds_report ();
  const char *bad[] = { "action:99", "action:", "action:x", "department:XYZ", "department:", "everything", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StDocument) document = st_document_new_for_view (report, bad[i], &error);

      g_assert_null (document);
      g_assert_error (error, ST_ERROR, ST_ERROR_NOT_FOUND);
    }
}

static void
test_list_views (void)
{
  g_autoptr(StReport) report = new_gds_report ();
  g_autoptr(GPtrArray) views = st_document_list_views (report);

  g_assert_cmpuint (views->len, ==, 16 + 17);
  g_assert_cmpstr (g_ptr_array_index (views, 0), ==, "action:1");
  g_assert_cmpstr (g_ptr_array_index (views, 15), ==, "action:16");
  g_assert_cmpstr (g_ptr_array_index (views, 16), ==, "department:AGO");
  for (guint i = 0; i < views->len; i++)
    {
      g_autoptr(StDocument) document = view (report, g_ptr_array_index (views, i));

      g_assert_cmpint (st_document_get_block (document, 0)->kind, ==, ST_BLOCK_HEADING);
    }
}

/* CommonMark text: blocks found by cmark, text kept as written */
static const struct {
  const char *text;
  const char *blocks;
} commonmark[] = {
  { "One.\n\nTwo.", "P One.\nP Two.\n" },
  { "Soft\nwrapped  \nlines.", "P Soft wrapped   lines.\n" },
  { "Intro:\n- a\n- b\n\nAfter.", "P Intro:\nB a\nB b\nP After.\n" },
  { "- *not emphasis* & <b>not bold</b> &amp; \\* ]]>", "B *not emphasis* & <b>not bold</b> &amp; \\* ]]>\n" },
  { "*emphasis* stays", "P *emphasis* stays\n" },
  { "1. First\n2. Second", "P 1. First\nP 2. Second\n" },
  { "* star\n+ plus", "P * star\nP + plus\n" },
  { "# Not a heading\n\n> not a quote", "P # Not a heading\nP > not a quote\n" },
  { "[ref]: http://example.com/\n\nText.", "P [ref]: http://example.com/\nP Text.\n" },
  { "<script>alert(1)</script>\n\n- bullet after", "P <script>alert(1)</script>\nB bullet after\n" },
  { "    indented code", "P     indented code\n" },
  { "---\n\nText", "P ---\nP Text\n" },
  { "- a\nlazy", "B a lazy\n" },
  { "- outer\n  - inner", "B outer\nB inner\n" },
  { "Windows\r\nlines\r\n\r\n- b", "P Windows lines\nB b\n" },
  { "‘Curly’ first\n\n“Quoted”", "P ‘Curly’ first\nP “Quoted”\n" },
  { "", "" },
};

static void
test_commonmark (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (commonmark); i++)
    {
      for (int shortcut = 0; shortcut <= 1; shortcut++)
        {
          g_autoptr(StDocument) document = st_document_new ("test", "Test", NULL);
          g_autofree char *picture = NULL;

          st_views_append_text (document, commonmark[i].text, shortcut);
          picture = describe (document);
          if (g_strcmp0 (picture, commonmark[i].blocks) != 0)
            g_error ("“%s” (shortcut %d) gave\n%s", commonmark[i].text, shortcut, picture);
        }
    }
}

/* The shortcut for plain text finds what cmark finds, on random text */
static void
test_shortcut_matches_cmark (void)
{
  static const char * const pieces[] = {
    "Word", "word", "‘quote", "- item", "-item", "- ", "", " ", "1. x", "* x", "<p>", "[a]: b",
    "Line two", "---", "===", "> q", "# h", "    code", "A  ", "ünicode",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (16012015);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 1, 8);
      g_autoptr(StDocument) fast = st_document_new ("a", "a", NULL);
      g_autoptr(StDocument) slow = st_document_new ("b", "b", NULL);
      g_autofree char *fast_picture = NULL;
      g_autofree char *slow_picture = NULL;

      /* Mostly plain lines, so that the shortcut is taken often */
      for (guint i = 0; i < n; i++)
        {
          guint pick = g_rand_int_range (rand, 0, g_rand_boolean (rand) ? 4 : G_N_ELEMENTS (pieces));

          if (i > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, pieces[pick]);
        }

      st_views_append_text (fast, text->str, TRUE);
      st_views_append_text (slow, text->str, FALSE);
      fast_picture = describe (fast);
      slow_picture = describe (slow);
      if (g_strcmp0 (fast_picture, slow_picture) != 0)
        g_error ("“%s”: the shortcut gave\n%s\nand cmark\n%s", text->str, fast_picture, slow_picture);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/view/action", test_action_view);
  g_test_add_func ("/document/view/department", test_department_view);
  g_test_add_func ("/document/view/all", test_whole_view);
  g_test_add_func ("/document/view/preamble", test_preamble);
  g_test_add_func ("/document/view/round", test_round);
  g_test_add_func ("/document/view/no-date", test_no_date);
  g_test_add_func ("/document/view/bad", test_bad_views);
  g_test_add_func ("/document/list-views", test_list_views);
  g_test_add_func ("/document/commonmark", test_commonmark);
  g_test_add_func ("/document/commonmark/shortcut", test_shortcut_matches_cmark);

  return g_test_run ();
}
