/* test-search.c: find and replace across every section of a report
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "stocktake-core.h"

/* The gds-2012 template collects the 2014 round: progress-2014 and
 * plans-2015 may change; plans-2014 and commitments-2012 are earlier */
static StReport *
new_report (void)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);
  StReport *report;

  g_assert_nonnull (template);
  report = st_report_new (template);
  g_assert_cmpuint (st_report_get_round (report), ==, 2);
  return report;
}

static void
set (StReport   *report,
     const char *respondent_id,
     const char *item_id,
     const char *section_id,
     const char *text)
{
  StSubmission *submission = st_report_ensure_submission (report, respondent_id, item_id);

  g_assert_nonnull (submission);
  st_submission_set_text (submission, section_id, text);
}

static const char *
get (StReport   *report,
     const char *respondent_id,
     const char *item_id,
     const char *section_id)
{
  StSubmission *submission = st_report_lookup_submission (report, respondent_id, item_id);

  return submission != NULL ? st_submission_get_text (submission, section_id) : NULL;
}

static GPtrArray *
find (StSearch      *search,
      const char    *query,
      StSearchFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *matches = st_search_find (search, query, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (matches);
  return matches;
}

static StSearchMatch *
nth (GPtrArray *matches,
     guint      n)
{
  g_assert_cmpuint (n, <, matches->len);
  return g_ptr_array_index (matches, n);
}

static void
assert_place (StSearchMatch *match,
              const char    *respondent_id,
              const char    *item_id,
              const char    *section_id)
{
  g_assert_cmpstr (st_search_match_get_respondent_id (match), ==, respondent_id);
  g_assert_cmpstr (st_search_match_get_item_id (match), ==, item_id);
  g_assert_cmpstr (st_search_match_get_section_id (match), ==, section_id);
}

static void
on_changed (StReport     *report,
            StSubmission *submission,
            const char   *section_id,
            GPtrArray    *heard)
{
  g_ptr_array_add (heard, g_strdup_printf ("%s/%s/%s",
                                           st_submission_get_respondent_id (submission),
                                           st_submission_get_item_id (submission),
                                           section_id));
}

static void
test_search_across (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StSearch) search = st_search_new (report, NULL);
  g_autoptr(GPtrArray) matches = NULL;

  /* Added out of order: results come in template order */
  set (report, "DfE", "3", "progress-2014", "DfE has a digital leader in place.");
  set (report, "CO", "1", "progress-2014", "Digital by default: the digital lead and the Digital team.");
  set (report, "AGO", "1", "plans-2015", "AGO will go digital.");
  set (report, "AGO", "1", "commitments-2012", "AGO has board-level responsibility for digital.");
  set (report, "HMT", "2", "progress-2014", "Nothing to find here.");

  matches = find (search, "digital", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 6);
  assert_place (nth (matches, 0), "AGO", "1", "commitments-2012");
  assert_place (nth (matches, 1), "AGO", "1", "plans-2015");
  assert_place (nth (matches, 2), "CO", "1", "progress-2014");
  assert_place (nth (matches, 3), "CO", "1", "progress-2014");
  assert_place (nth (matches, 4), "CO", "1", "progress-2014");
  assert_place (nth (matches, 5), "DfE", "3", "progress-2014");

  /* Offsets into the section, and the text as written there */
  g_assert_cmpuint (st_search_match_get_start (nth (matches, 2)), ==, 0);
  g_assert_cmpuint (st_search_match_get_end (nth (matches, 2)), ==, 7);
  g_assert_cmpstr (st_search_match_get_text (nth (matches, 2)), ==, "Digital");
  g_assert_cmpuint (st_search_match_get_start (nth (matches, 3)), ==, 24);
  g_assert_cmpstr (st_search_match_get_text (nth (matches, 3)), ==, "digital");
  g_assert_cmpstr (st_search_match_get_text (nth (matches, 4)), ==, "Digital");

  /* An earlier round's text is found but may not be replaced */
  g_assert_false (st_search_match_get_editable (nth (matches, 0)));
  g_assert_true (st_search_match_get_editable (nth (matches, 1)));

  {
    guint n_matches = 0, n_sections = 0;

    st_search_count_editable (matches, &n_matches, &n_sections);
    g_assert_cmpuint (n_matches, ==, 5);
    g_assert_cmpuint (n_sections, ==, 3);
  }

  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = find (search, "no such words", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 0);
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* A search can stop early, and says when it did */
  {
    gboolean more = FALSE;

    matches = st_search_find_at_most (search, "digital", ST_SEARCH_DEFAULT, 4, &more, NULL);
    g_assert_cmpuint (matches->len, ==, 4);
    g_assert_true (more);
    assert_place (nth (matches, 3), "CO", "1", "progress-2014");
    g_clear_pointer (&matches, g_ptr_array_unref);
    matches = st_search_find_at_most (search, "digital", ST_SEARCH_DEFAULT, 6, &more, NULL);
    g_assert_cmpuint (matches->len, ==, 6);
    g_assert_false (more);
  }
}

static void
test_search_case_and_accents (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StSearch) search = st_search_new (report, NULL);
  g_autoptr(GPtrArray) matches = NULL;
  StSearchMatch *match;

  set (report, "CO", "1", "progress-2014", "Le Département et le département.");
  /* The same word with its accent as a combining mark (NFD) */
  set (report, "HMT", "1", "progress-2014", "Le de\xcc\x81partement.");
  set (report, "DfT", "1", "progress-2014", "Die STRASSE und die Straße.");
  set (report, "MOD", "1", "progress-2014", "Un departement sans accent.");

  matches = find (search, "département", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 3);
  match = nth (matches, 0);
  assert_place (match, "CO", "1", "progress-2014");
  g_assert_cmpstr (st_search_match_get_text (match), ==, "Département");
  /* Characters for the text buffer, bytes for the string */
  g_assert_cmpuint (st_search_match_get_start (match), ==, 3);
  g_assert_cmpuint (st_search_match_get_end (match), ==, 14);
  g_assert_cmpuint (st_search_match_get_byte_start (match), ==, 3);
  g_assert_cmpuint (st_search_match_get_byte_end (match), ==, 15);
  /* After the first "é", characters and bytes part ways */
  match = nth (matches, 1);
  g_assert_cmpstr (st_search_match_get_text (match), ==, "département");
  g_assert_cmpuint (st_search_match_get_start (match), ==, 21);
  g_assert_cmpuint (st_search_match_get_byte_start (match), ==, 22);
  /* The decomposed form is found, and maps back to its own characters */
  match = nth (matches, 2);
  assert_place (match, "HMT", "1", "progress-2014");
  g_assert_cmpstr (st_search_match_get_text (match), ==, "de\xcc\x81partement");
  g_assert_cmpuint (st_search_match_get_start (match), ==, 3);
  g_assert_cmpuint (st_search_match_get_end (match), ==, 15);
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* Case matters when asked */
  matches = find (search, "Département", ST_SEARCH_CASE_SENSITIVE);
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpuint (st_search_match_get_start (nth (matches, 0)), ==, 3);
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = find (search, "DÉPARTEMENT", ST_SEARCH_CASE_SENSITIVE);
  g_assert_cmpuint (matches->len, ==, 0);
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* Accents are not case: "e" does not find "é" */
  matches = find (search, "departement", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 1);
  assert_place (nth (matches, 0), "MOD", "1", "progress-2014");
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* Folding that changes the length: "ß" folds to "ss" */
  matches = find (search, "strasse", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_cmpstr (st_search_match_get_text (nth (matches, 0)), ==, "STRASSE");
  g_assert_cmpstr (st_search_match_get_text (nth (matches, 1)), ==, "Straße");
  g_assert_cmpuint (st_search_match_get_start (nth (matches, 1)), ==, 20);
  g_assert_cmpuint (st_search_match_get_end (nth (matches, 1)), ==, 26);
  g_clear_pointer (&matches, g_ptr_array_unref);
  /* ... but half of an "ß" is not an "s" */
  matches = find (search, "stras", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpstr (st_search_match_get_text (nth (matches, 0)), ==, "STRAS");
}

static void
test_search_whole_words (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StSearch) search = st_search_new (report, NULL);
  g_autoptr(GPtrArray) matches = NULL;

  set (report, "CO", "1", "progress-2014", "CO’s board, COVID, DECO and CO.");

  matches = find (search, "CO", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 4);
  g_clear_pointer (&matches, g_ptr_array_unref);

  matches = find (search, "co", ST_SEARCH_WHOLE_WORDS);
  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_cmpuint (st_search_match_get_start (nth (matches, 0)), ==, 0);
  g_assert_cmpuint (st_search_match_get_start (nth (matches, 1)), ==, 28);
  g_clear_pointer (&matches, g_ptr_array_unref);

  matches = find (search, "co", ST_SEARCH_WHOLE_WORDS | ST_SEARCH_CASE_SENSITIVE);
  g_assert_cmpuint (matches->len, ==, 0);
}

static void
test_search_refused (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StSearch) search = st_search_new (report, NULL);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;

  set (report, "CO", "1", "progress-2014", "aaaa banana");

  matches = st_search_find (search, "", ST_SEARCH_DEFAULT, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (matches);
  g_clear_error (&error);

  matches = st_search_find (search, "\xff\xfe", ST_SEARCH_DEFAULT, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (matches);
  g_clear_error (&error);

  g_assert_cmpuint (st_search_replace_all (search, "", ST_SEARCH_DEFAULT, "x", NULL, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (st_search_replace_all (search, "a", ST_SEARCH_DEFAULT, "\xc3", NULL, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpstr (get (report, "CO", "1", "progress-2014"), ==, "aaaa banana");

  /* Matches never overlap */
  matches = find (search, "aa", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_cmpuint (st_search_match_get_start (nth (matches, 0)), ==, 0);
  g_assert_cmpuint (st_search_match_get_start (nth (matches, 1)), ==, 2);
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = find (search, "ana", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpuint (st_search_match_get_start (nth (matches, 0)), ==, 6);
}

static void
test_search_context (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StSearch) search = st_search_new (report, NULL);
  g_autoptr(GPtrArray) matches = NULL;
  const char *context;
  gsize start, end;

  set (report, "CO", "1", "progress-2014",
       "The first paragraph says a great deal about many things of no interest at all.\n\n"
       "Then the Département <b>leads</b> on digital, which is what this paragraph is about, at some length "
       "and with more words than anyone needs.");

  matches = find (search, "département", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 1);
  context = st_search_match_get_context (nth (matches, 0), &start, &end);
  /* Cut at spaces on both sides, on one line, with the match in place */
  g_assert_true (g_str_has_prefix (context, "…"));
  g_assert_true (g_str_has_suffix (context, "…"));
  g_assert_null (strchr (context, '\n'));
  g_assert_null (strstr (context, "  "));
  g_assert_nonnull (strstr (context, "interest at all. Then the Département <b>leads</b>"));
  g_assert_cmpuint (end - start, ==, strlen ("Département"));
  g_assert_cmpint (strncmp (context + start, "Département", end - start), ==, 0);
  g_assert_true (g_utf8_validate (context, -1, NULL));
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* A short text is shown whole */
  set (report, "HMT", "1", "progress-2014", "Short text.");
  matches = find (search, "text", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 1);
  context = st_search_match_get_context (nth (matches, 0), &start, &end);
  g_assert_cmpstr (context, ==, "Short text.");
  g_assert_cmpuint (start, ==, 6);
  g_assert_cmpuint (end, ==, 10);
}

static void
test_search_replace_all (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StSearch) search = st_search_new (report, NULL);
  g_autoptr(GPtrArray) heard = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) loaded = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  guint n_sections = 0;

  set (report, "AGO", "1", "commitments-2012", "The CO digital team.");
  set (report, "CO", "1", "plans-2014", "CO will appoint a leader.");
  set (report, "CO", "1", "progress-2014", "CO has a leader. COVID aside, CO did well.");
  set (report, "CO", "2", "plans-2015", "CO plans more.");
  set (report, "HMT", "1", "progress-2014", "HMT asked CO.");
  set (report, "DfT", "4", "progress-2014", "Ignored by CO.");
  st_submission_set_not_applicable (st_report_lookup_submission (report, "DfT", "4"), "Not for DfT.");

  g_signal_connect (report, "changed", G_CALLBACK (on_changed), heard);
  /* The replacement holds the query: each match is replaced once */
  g_assert_cmpuint (st_search_replace_all (search, "CO", ST_SEARCH_WHOLE_WORDS | ST_SEARCH_CASE_SENSITIVE,
                                           "CO (Cabinet Office)", &n_sections, &edits, &error), ==, 4);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sections, ==, 3);
  g_assert_cmpuint (edits->len, ==, 3);

  g_assert_cmpstr (get (report, "CO", "1", "progress-2014"), ==,
                   "CO (Cabinet Office) has a leader. COVID aside, CO (Cabinet Office) did well.");
  g_assert_cmpstr (get (report, "CO", "2", "plans-2015"), ==, "CO (Cabinet Office) plans more.");
  g_assert_cmpstr (get (report, "HMT", "1", "progress-2014"), ==, "HMT asked CO (Cabinet Office).");
  /* Earlier rounds and returns marked not applicable are left alone */
  g_assert_cmpstr (get (report, "AGO", "1", "commitments-2012"), ==, "The CO digital team.");
  g_assert_cmpstr (get (report, "CO", "1", "plans-2014"), ==, "CO will appoint a leader.");
  g_assert_cmpstr (get (report, "DfT", "4", "progress-2014"), ==, "Ignored by CO.");

  /* Every change went through the report's setters, once per section */
  g_assert_cmpuint (heard->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (heard, 0), ==, "CO/1/progress-2014");
  g_assert_cmpstr (g_ptr_array_index (heard, 1), ==, "CO/2/plans-2015");
  g_assert_cmpstr (g_ptr_array_index (heard, 2), ==, "HMT/1/progress-2014");

  {
    StSearchEdit *edit = g_ptr_array_index (edits, 0);

    g_assert_cmpstr (edit->respondent_id, ==, "CO");
    g_assert_cmpstr (edit->section_id, ==, "progress-2014");
    g_assert_cmpstr (edit->old_text, ==, "CO has a leader. COVID aside, CO did well.");
    g_assert_cmpstr (edit->new_text, ==, get (report, "CO", "1", "progress-2014"));
  }

  /* What is saved is what was replaced */
  dir = g_dir_make_tmp ("test-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "report.stocktake", NULL);
  g_assert_true (st_report_save_to_file (report, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "HMT asked CO (Cabinet Office)."));
  g_assert_nonnull (strstr (contents, "The CO digital team."));
  g_assert_null (strstr (contents, "CO has a leader."));
  loaded = st_report_new_from_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (get (loaded, "CO", "1", "progress-2014"), ==,
                   "CO (Cabinet Office) has a leader. COVID aside, CO (Cabinet Office) did well.");
  g_assert_cmpstr (get (loaded, "CO", "1", "plans-2014"), ==, "CO will appoint a leader.");
  g_assert_true (st_report_equal (report, loaded));
  g_unlink (path);
  g_rmdir (dir);

  /* Nothing left to replace: nothing changes */
  g_ptr_array_set_size (heard, 0);
  g_clear_pointer (&edits, g_ptr_array_unref);
  g_assert_cmpuint (st_search_replace_all (search, "no such words", ST_SEARCH_DEFAULT, "x",
                                           &n_sections, &edits, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sections, ==, 0);
  g_assert_cmpuint (edits->len, ==, 0);
  g_assert_cmpuint (heard->len, ==, 0);
}

static void
test_search_replace_empties (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StSearch) search = st_search_new (report, NULL);
  g_autoptr(GPtrArray) edits = NULL;
  guint n_sections = 0;

  set (report, "CO", "1", "progress-2014", "TBC");
  g_assert_cmpuint (st_search_replace_all (search, "tbc", ST_SEARCH_DEFAULT, "", &n_sections, &edits, NULL), ==, 1);
  g_assert_null (get (report, "CO", "1", "progress-2014"));
  g_assert_null (((StSearchEdit *) g_ptr_array_index (edits, 0))->new_text);

  /* And back */
  g_assert_cmpuint (st_search_undo (search, edits), ==, 1);
  g_assert_cmpstr (get (report, "CO", "1", "progress-2014"), ==, "TBC");
}

static void
test_search_replace_one (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StSearch) search = st_search_new (report, NULL);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StSearchEdit) edit = NULL;

  set (report, "CO", "1", "plans-2014", "The département will.");
  set (report, "CO", "1", "progress-2014", "Le département, le Département.");

  matches = find (search, "DÉPARTEMENT", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 3);

  /* The second match in the section: the first is left as it is */
  g_assert_true (st_search_replace (search, nth (matches, 2), "ministère", &edit, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (get (report, "CO", "1", "progress-2014"), ==, "Le département, le ministère.");
  g_assert_cmpstr (edit->old_text, ==, "Le département, le Département.");
  g_assert_cmpstr (edit->new_text, ==, "Le département, le ministère.");

  /* The first match's offsets still hold */
  g_assert_true (st_search_replace (search, nth (matches, 1), "service", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (get (report, "CO", "1", "progress-2014"), ==, "Le service, le ministère.");

  /* Replacing it again finds other text there now */
  g_assert_false (st_search_replace (search, nth (matches, 1), "x", NULL, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpstr (get (report, "CO", "1", "progress-2014"), ==, "Le service, le ministère.");

  /* An earlier round's text stays */
  g_assert_false (st_search_match_get_editable (nth (matches, 0)));
  g_assert_false (st_search_replace (search, nth (matches, 0), "x", NULL, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "earlier round"));
  g_clear_error (&error);
  g_assert_cmpstr (get (report, "CO", "1", "plans-2014"), ==, "The département will.");
}

/* The first match in @respondent_id's returns */
static StSearchMatch *
match_of (GPtrArray  *matches,
          const char *respondent_id)
{
  for (guint i = 0; i < matches->len; i++)
    if (g_str_equal (st_search_match_get_respondent_id (nth (matches, i)), respondent_id))
      return nth (matches, i);
  g_assert_not_reached ();
}

static void
test_search_workflow (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StWorkflow) reviewer = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Reviewer");
  g_autoptr(StSearch) search = st_search_new (report, reviewer);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  guint n_sections = 0;

  set (report, "CO", "1", "progress-2014", "Published: the leader.");
  set (report, "HMT", "1", "progress-2014", "Approved: the leader.");
  set (report, "DfE", "1", "progress-2014", "Draft: the leader.");
  st_submission_set_status (st_report_lookup_submission (report, "CO", "1"), ST_STATUS_PUBLISHED);
  st_submission_set_status (st_report_lookup_submission (report, "HMT", "1"), ST_STATUS_APPROVED);

  matches = find (search, "leader", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 3);
  g_assert_false (st_search_match_get_editable (match_of (matches, "CO")));
  g_assert_false (st_search_match_get_editable (match_of (matches, "HMT")));
  g_assert_true (st_search_match_get_editable (match_of (matches, "DfE")));

  g_assert_false (st_search_can_replace (search, "CO", "1", "progress-2014", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "published"));
  g_clear_error (&error);
  /* An approval is not taken back behind the reviewer's back: the form
   * asks before an approved return is changed */
  g_assert_false (st_search_can_replace (search, "HMT", "1", "progress-2014", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "is approved"));
  g_clear_error (&error);

  g_assert_cmpuint (st_search_replace_all (search, "leader", ST_SEARCH_DEFAULT, "digital leader",
                                           &n_sections, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (n_sections, ==, 1);
  g_assert_cmpstr (get (report, "CO", "1", "progress-2014"), ==, "Published: the leader.");
  g_assert_cmpstr (get (report, "DfE", "1", "progress-2014"), ==, "Draft: the digital leader.");
  g_assert_cmpstr (get (report, "HMT", "1", "progress-2014"), ==, "Approved: the leader.");
  g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (report, "HMT", "1")), ==,
                   ST_STATUS_APPROVED);

  /* One match at a time is refused the same way */
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = find (search, "leader", ST_SEARCH_DEFAULT);
  g_assert_false (st_search_replace (search, match_of (matches, "HMT"), "lead", NULL, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_cmpstr (get (report, "HMT", "1", "progress-2014"), ==, "Approved: the leader.");
}

static void
test_search_department (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StWorkflow) department = st_workflow_new (report, ST_ROLE_DEPARTMENT, "DfE", "Editor");
  g_autoptr(StSearch) search = st_search_new (report, department);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;

  set (report, "CO", "1", "progress-2014", "The CO leader.");
  set (report, "DfE", "1", "progress-2014", "The DfE leader.");

  /* A department finds everything but changes only its own */
  matches = find (search, "leader", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_false (st_search_match_get_editable (nth (matches, 0)));
  g_assert_true (st_search_match_get_editable (nth (matches, 1)));
  g_assert_cmpuint (st_search_replace_all (search, "leader", ST_SEARCH_DEFAULT, "lead", NULL, NULL, NULL), ==, 1);
  g_assert_cmpstr (get (report, "CO", "1", "progress-2014"), ==, "The CO leader.");
  g_assert_cmpstr (get (report, "DfE", "1", "progress-2014"), ==, "The DfE lead.");

  /* What the department has submitted is the central team's to review:
   * changed only in its form, after saying so */
  st_submission_set_status (st_report_lookup_submission (report, "DfE", "1"), ST_STATUS_SUBMITTED);
  g_assert_true (st_workflow_is_guarded (department, "DfE", "1"));
  g_assert_false (st_search_can_replace (search, "DfE", "1", "progress-2014", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "has been submitted"));
  g_assert_cmpuint (st_search_replace_all (search, "lead", ST_SEARCH_DEFAULT, "leader", NULL, NULL, NULL), ==, 0);
  g_assert_cmpstr (get (report, "DfE", "1", "progress-2014"), ==, "The DfE lead.");
}

static void
test_search_undo (void)
{
  g_autoptr(StReport) report = new_report ();
  g_autoptr(StSearch) search = st_search_new (report, NULL);
  g_autoptr(GPtrArray) edits = NULL;

  set (report, "CO", "1", "progress-2014", "The leader.");
  set (report, "HMT", "1", "progress-2014", "Their leader.");
  set (report, "DfE", "1", "progress-2014", "Our leader.");

  g_assert_cmpuint (st_search_replace_all (search, "leader", ST_SEARCH_DEFAULT, "lead", NULL, &edits, NULL), ==, 3);
  g_assert_cmpuint (st_search_count_undoable (search, edits), ==, 3);
  /* Typed over since: that section keeps what was typed */
  set (report, "HMT", "1", "progress-2014", "Their lead, since changed.");
  g_assert_cmpuint (st_search_count_undoable (search, edits), ==, 2);

  g_assert_cmpuint (st_search_undo (search, edits), ==, 2);
  g_assert_cmpstr (get (report, "CO", "1", "progress-2014"), ==, "The leader.");
  g_assert_cmpstr (get (report, "HMT", "1", "progress-2014"), ==, "Their lead, since changed.");
  g_assert_cmpstr (get (report, "DfE", "1", "progress-2014"), ==, "Our leader.");

  /* Undoing twice changes nothing more */
  g_assert_cmpuint (st_search_count_undoable (search, edits), ==, 0);
  g_assert_cmpuint (st_search_undo (search, edits), ==, 0);
  g_assert_cmpstr (get (report, "CO", "1", "progress-2014"), ==, "The leader.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/across", test_search_across);
  g_test_add_func ("/search/case-and-accents", test_search_case_and_accents);
  g_test_add_func ("/search/whole-words", test_search_whole_words);
  g_test_add_func ("/search/refused", test_search_refused);
  g_test_add_func ("/search/context", test_search_context);
  g_test_add_func ("/search/replace-all", test_search_replace_all);
  g_test_add_func ("/search/replace-empties", test_search_replace_empties);
  g_test_add_func ("/search/replace-one", test_search_replace_one);
  g_test_add_func ("/search/workflow", test_search_workflow);
  g_test_add_func ("/search/department", test_search_department);
  g_test_add_func ("/search/undo", test_search_undo);

  return g_test_run ();
}
