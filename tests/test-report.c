/* test-report.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "stocktake-core.h"
#include "st-json-private.h"

static StReport *
new_gds_report (void)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);

  g_assert_nonnull (template);
  return st_report_new (template);
}

/* A report with something in every corner of the format */
static StReport *
new_full_report (void)
{
  StReport *report = new_gds_report ();
  StSubmission *submission;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, G_DATE_JANUARY, 2015);
  st_report_set_updated (report, &date);
  st_report_set_rule_enabled (report, "long-sentence", FALSE);

  submission = st_report_ensure_submission (report, "CO", "1");
  st_submission_set_text (submission, "commitments-2012", "Cabinet Office’s EMC has “seized” leadership.");
  st_submission_set_text (submission, "progress-2014", "First paragraph.\n\n- a bullet\n- another <b>&amp;</b>");
  st_submission_set_status (submission, ST_STATUS_SUBMITTED);
  st_submission_add_comment (submission,
                             st_comment_new ("c1", "progress-2014", "Reviewer", "2026-11-21T10:00:00Z",
                                             "Please name the CTO.", NULL, FALSE));
  st_submission_add_comment (submission,
                             st_comment_new ("c2", "progress-2014", "CO editor", "2026-11-21T11:00:00Z",
                                             "Done.", "c1", TRUE));
  st_submission_add_history (submission,
                             st_history_entry_new ("CO editor", "2026-11-21T11:00:00Z", "progress-2014",
                                                   "edit", "Old text", "First paragraph."));

  submission = st_report_ensure_submission (report, "HMT", "15");
  st_submission_set_not_applicable (submission, "This action is not applicable to HMT.");

  /* Added out of template order on purpose */
  submission = st_report_ensure_submission (report, "AGO", "2");
  st_submission_set_text (submission, "plans-2015", "AGO will continue.");

  return report;
}

static void
test_report_new (void)
{
  g_autoptr(StReport) report = new_gds_report ();
  guint filled, total;

  g_assert_cmpuint (st_report_get_n_submissions (report), ==, 0);
  /* A new report collects the last round */
  g_assert_cmpuint (st_report_get_round (report), ==, 2);
  g_assert_null (st_report_get_updated (report));

  st_report_count_sections (report, &filled, &total);
  g_assert_cmpuint (filled, ==, 0);
  /* 14 actions × 5 sections + 2 actions × 2 sections, for 17 departments */
  g_assert_cmpuint (total, ==, 17 * (14 * 5 + 2 * 2));

  st_report_set_round (report, 0);
  st_report_count_sections (report, NULL, &total);
  g_assert_cmpuint (total, ==, 17 * 14);
}

static void
test_report_submissions (void)
{
  g_autoptr(StReport) report = new_full_report ();
  StSubmission *submission;
  guint filled;

  g_assert_cmpuint (st_report_get_n_submissions (report), ==, 3);

  /* Kept in template order: AGO before CO before HMT */
  g_assert_cmpstr (st_submission_get_respondent_id (st_report_get_submission (report, 0)), ==, "AGO");
  g_assert_cmpstr (st_submission_get_respondent_id (st_report_get_submission (report, 1)), ==, "CO");
  g_assert_cmpstr (st_submission_get_respondent_id (st_report_get_submission (report, 2)), ==, "HMT");

  submission = st_report_lookup_submission (report, "CO", "1");
  g_assert_nonnull (submission);
  g_assert_true (st_report_ensure_submission (report, "CO", "1") == submission);
  g_assert_null (st_report_lookup_submission (report, "CO", "2"));
  g_assert_null (st_report_ensure_submission (report, "XYZ", "1"));
  g_assert_null (st_report_ensure_submission (report, "CO", "99"));

  /* Empty text removes a section */
  g_assert_true (st_submission_set_text (submission, "commitments-2012", ""));
  g_assert_null (st_submission_get_text (submission, "commitments-2012"));
  g_assert_false (st_submission_set_text (submission, "commitments-2012", NULL));

  st_report_count_sections (report, &filled, NULL);
  g_assert_cmpuint (filled, ==, 2);

  st_report_remove_submission (report, "CO", "1");
  g_assert_cmpuint (st_report_get_n_submissions (report), ==, 2);
  g_assert_null (st_report_lookup_submission (report, "CO", "1"));
}

static void
on_changed (StReport     *report,
            StSubmission *submission,
            const char   *section_id,
            guint        *count)
{
  (*count)++;
}

static void
test_report_changed_signal (void)
{
  g_autoptr(StReport) report = new_gds_report ();
  StSubmission *submission = st_report_ensure_submission (report, "DfE", "3");
  guint count = 0;

  g_signal_connect (report, "changed", G_CALLBACK (on_changed), &count);

  st_submission_set_text (submission, "progress-2014", "Text");
  g_assert_cmpuint (count, ==, 1);
  st_submission_set_text (submission, "progress-2014", "Text");
  g_assert_cmpuint (count, ==, 1);
  st_submission_set_status (submission, ST_STATUS_SUBMITTED);
  g_assert_cmpuint (count, ==, 2);
  st_submission_set_not_applicable (submission, "Not ours.");
  g_assert_cmpuint (count, ==, 3);

  /* A removed submission no longer reaches the report */
  g_object_ref (submission);
  st_report_remove_submission (report, "DfE", "3");
  count = 0;
  st_submission_set_text (submission, "progress-2014", "Other");
  g_assert_cmpuint (count, ==, 0);
  g_object_unref (submission);
}

/* Each ::changed, as "respondent/item:section", "respondent/item" (no
 * section) or "report" */
static void
on_changed_log (StReport     *report,
                StSubmission *submission,
                const char   *section_id,
                GPtrArray    *log)
{
  if (submission == NULL)
    g_ptr_array_add (log, g_strdup ("report"));
  else if (section_id == NULL)
    g_ptr_array_add (log, g_strdup_printf ("%s/%s", st_submission_get_respondent_id (submission),
                                           st_submission_get_item_id (submission)));
  else
    g_ptr_array_add (log, g_strdup_printf ("%s/%s:%s", st_submission_get_respondent_id (submission),
                                           st_submission_get_item_id (submission), section_id));
}

static void
assert_log (GPtrArray  *log,
            const char *expected)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (log, NULL);
  joined = g_strjoinv (" ", (char **) log->pdata);
  g_ptr_array_set_size (log, 0);
  g_assert_cmpstr (joined, ==, expected);
}

/* Many changes at once are heard of once for each submission */
static void
test_report_changed_frozen (void)
{
  g_autoptr(StReport) report = new_gds_report ();
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonArray) issued = json_array_new ();
  StSubmission *dfe = st_report_ensure_submission (report, "DfE", "3");
  StSubmission *co = st_report_ensure_submission (report, "CO", "1");

  g_signal_connect (report, "changed", G_CALLBACK (on_changed_log), log);

  /* Not frozen: each change as it happens */
  st_submission_set_text (dfe, "progress-2014", "One.");
  assert_log (log, "DfE/3:progress-2014");

  /* Frozen, nested: nothing until the last thaw, then each submission
   * once, in the order they first changed, with no section */
  st_report_freeze_changed (report);
  st_submission_set_text (co, "progress-2014", "CO did this.");
  st_submission_set_text (dfe, "progress-2014", "Two.");
  st_report_freeze_changed (report);
  st_submission_set_text (co, "plans-2015", "CO will do that.");
  st_submission_set_status (co, ST_STATUS_SUBMITTED);
  st_report_thaw_changed (report);
  assert_log (log, "");
  st_report_thaw_changed (report);
  assert_log (log, "CO/1 DfE/3");
  /* The changes are all there */
  g_assert_cmpstr (st_submission_get_text (co, "plans-2015"), ==, "CO will do that.");
  g_assert_cmpint (st_submission_get_status (co), ==, ST_STATUS_SUBMITTED);

  /* Thawed: as before */
  st_submission_set_text (dfe, "progress-2014", "Three.");
  assert_log (log, "DfE/3:progress-2014");

  /* A submission added makes it a change of the whole report, once */
  st_report_freeze_changed (report);
  st_submission_set_text (co, "progress-2014", "CO did more.");
  st_submission_set_text (st_report_ensure_submission (report, "HMT", "2"), "progress-2014", "HMT did.");
  st_submission_set_text (dfe, "progress-2014", "Four.");
  st_report_thaw_changed (report);
  assert_log (log, "report");

  /* The record of issued packs alone is a change of the report; with
   * submissions' changes, theirs say so */
  st_report_freeze_changed (report);
  st_report_set_issued_packs (report, issued);
  st_report_thaw_changed (report);
  assert_log (log, "report");
  st_report_freeze_changed (report);
  st_submission_set_text (co, "progress-2014", "CO did still more.");
  st_report_set_issued_packs (report, issued);
  st_report_thaw_changed (report);
  assert_log (log, "CO/1");

  /* Nothing changed: nothing said */
  st_report_freeze_changed (report);
  st_submission_set_text (co, "progress-2014", "CO did still more.");
  st_report_thaw_changed (report);
  assert_log (log, "");
}

static void
test_report_round_trip (void)
{
  g_autoptr(StReport) report = new_full_report ();
  g_autoptr(StReport) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stocktake-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.stocktake", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  StSubmission *submission;
  GPtrArray *comments;

  g_assert_true (st_report_save_to_file (report, path, &error));
  g_assert_no_error (error);

  loaded = st_report_new_from_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (st_report_equal (report, loaded));

  /* And the details, in case st_report_equal() were lenient */
  submission = st_report_lookup_submission (loaded, "CO", "1");
  g_assert_cmpstr (st_submission_get_text (submission, "commitments-2012"), ==,
                   "Cabinet Office’s EMC has “seized” leadership.");
  g_assert_cmpstr (st_submission_get_text (submission, "progress-2014"), ==,
                   "First paragraph.\n\n- a bullet\n- another <b>&amp;</b>");
  g_assert_cmpint (st_submission_get_status (submission), ==, ST_STATUS_SUBMITTED);
  comments = st_submission_get_comments (submission);
  g_assert_cmpuint (comments->len, ==, 2);
  g_assert_cmpstr (((StComment *) g_ptr_array_index (comments, 1))->reply_to, ==, "c1");
  g_assert_true (((StComment *) g_ptr_array_index (comments, 1))->resolved);
  g_assert_cmpuint (st_submission_get_history (submission)->len, ==, 1);
  g_assert_cmpstr (st_submission_get_not_applicable_reason (st_report_lookup_submission (loaded, "HMT", "15")),
                   ==, "This action is not applicable to HMT.");
  g_assert_false (st_report_rule_enabled (loaded, "long-sentence"));
  g_assert_true (st_report_rule_enabled (loaded, "placeholder"));
  g_assert_cmpuint (g_date_get_year (st_report_get_updated (loaded)), ==, 2015);

  /* Saving what was loaded gives the same bytes */
  first = st_report_to_data (report, NULL);
  second = st_report_to_data (loaded, NULL);
  g_assert_cmpstr (first, ==, second);

  /* A change is a difference */
  st_submission_set_text (submission, "plans-2015", "New plan.");
  g_assert_false (st_report_equal (report, loaded));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_report_pack_round_trip (void)
{
  g_autoptr(StReport) report = new_full_report ();
  g_autoptr(StReport) loaded = NULL;
  g_autofree char *data = NULL;

  st_report_set_pack (report, "CO", "2026-11-21T10:00:00Z", "gds.stocktake");
  data = st_report_to_data (report, NULL);
  loaded = st_report_new_from_data (data, -1, NULL, NULL);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (st_report_get_pack_respondent (loaded), ==, "CO");
  g_assert_cmpstr (st_report_get_pack_source (loaded), ==, "gds.stocktake");
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_report_new_round (void)
{
  g_autoptr(StReport) report = new_full_report ();
  g_autoptr(StTemplate) old_template = g_object_ref (st_report_get_template (report));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  StSubmission *submission;
  StTemplate *template;
  const StHistoryEntry *entry;
  GPtrArray *history;
  guint changed = 0, template_notified = 0, round_notified = 0;
  guint filled, total;
  GDate date;

  submission = st_report_lookup_submission (report, "CO", "1");
  st_submission_set_text (submission, "plans-2015", "CO will train staff.");
  before = g_strdup (st_submission_get_text (submission, "progress-2014"));

  g_signal_connect (report, "changed", G_CALLBACK (on_changed), &changed);
  g_signal_connect (report, "notify::template", G_CALLBACK (on_notify_count), &template_notified);
  g_signal_connect (report, "notify::round", G_CALLBACK (on_notify_count), &round_notified);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 2, G_DATE_FEBRUARY, 2016);
  g_assert_true (st_report_start_new_round (report, &date, "Carys Central", &error));
  g_assert_no_error (error);

  g_assert_cmpuint (changed, >=, 1);
  g_assert_cmpuint (template_notified, ==, 1);
  g_assert_cmpuint (round_notified, ==, 1);

  /* The report collects the new round, on a new template */
  template = st_report_get_template (report);
  g_assert_true (template != old_template);
  g_assert_cmpuint (st_template_get_n_rounds (old_template), ==, 3);
  g_assert_cmpuint (st_template_get_n_rounds (template), ==, 4);
  g_assert_cmpuint (st_report_get_round (report), ==, 3);
  g_assert_cmpstr (st_template_get_round (template, 3)->id, ==, "2015");
  g_assert_cmpstr (st_template_find_section (template, "progress-2015")->heading, ==, "Progress during 2015");
  g_assert_cmpstr (st_template_find_section (template, "plans-2016")->heading, ==, "Planned activities in 2016");

  /* Updated as given */
  g_assert_cmpint (g_date_compare (st_report_get_updated (report), &date), ==, 0);

  /* Earlier rounds' text untouched; nothing yet in the new sections */
  g_assert_cmpstr (st_submission_get_text (submission, "progress-2014"), ==, before);
  g_assert_cmpstr (st_submission_get_text (submission, "plans-2015"), ==, "CO will train staff.");
  g_assert_cmpstr (st_submission_get_text (submission, "commitments-2012"), ==,
                   "Cabinet Office’s EMC has “seized” leadership.");
  g_assert_null (st_submission_get_text (submission, "progress-2015"));
  g_assert_cmpstr (st_submission_get_not_applicable_reason (st_report_lookup_submission (report, "HMT", "15")),
                   ==, "This action is not applicable to HMT.");
  g_assert_cmpuint (st_submission_get_comments (submission)->len, ==, 2);

  /* Every department starts the round as a draft; the history says so */
  g_assert_cmpint (st_submission_get_status (submission), ==, ST_STATUS_DRAFT);
  history = st_submission_get_history (submission);
  g_assert_cmpuint (history->len, ==, 2);
  entry = g_ptr_array_index (history, 1);
  g_assert_cmpstr (entry->what, ==, ST_HISTORY_STATUS);
  g_assert_cmpstr (entry->author, ==, "Carys Central");
  g_assert_cmpstr (entry->old_text, ==, "submitted");
  g_assert_cmpstr (entry->new_text, ==, "draft");
  g_assert_null (entry->section);
  g_assert_nonnull (entry->time);
  /* A draft already was one: no entry */
  g_assert_cmpuint (st_submission_get_history (st_report_lookup_submission (report, "AGO", "2"))->len, ==, 0);

  /* The count is of every round so far: 14 actions × 7 sections + 2 × 4 */
  st_report_count_sections (report, &filled, &total);
  g_assert_cmpuint (total, ==, 17 * (14 * 7 + 2 * 4));
  g_assert_cmpuint (filled, ==, 4);
}

/* What a new round writes reads back the same, to the byte */
static void
test_report_new_round_round_trip (void)
{
  g_autoptr(StReport) report = new_full_report ();
  g_autoptr(StReport) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *dir = g_dir_make_tmp ("stocktake-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.stocktake", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  JsonObject *root;
  JsonArray *rounds;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 2, G_DATE_FEBRUARY, 2016);
  g_assert_true (st_report_start_new_round (report, &date, "Carys Central", &error));
  st_submission_set_text (st_report_lookup_submission (report, "CO", "1"), "progress-2015", "CO trained staff.");
  g_assert_true (st_report_save_to_file (report, path, &error));
  g_assert_no_error (error);

  /* The file says so */
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "updated"), ==, "2016-02-02");
  g_assert_cmpstr (json_object_get_string_member (root, "round"), ==, "2015");
  rounds = json_object_get_array_member (json_object_get_object_member (root, "template"), "rounds");
  g_assert_cmpuint (json_array_get_length (rounds), ==, 4);

  loaded = st_report_new_from_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (st_report_equal (report, loaded));
  g_assert_cmpuint (st_report_get_round (loaded), ==, 3);
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (loaded, "CO", "1"), "progress-2015"),
                   ==, "CO trained staff.");

  first = st_report_to_data (report, NULL);
  second = st_report_to_data (loaded, NULL);
  g_assert_cmpstr (first, ==, second);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A report collecting an earlier round moves to the next one it has */
static void
test_report_new_round_existing (void)
{
  g_autoptr(StReport) report = new_full_report ();
  g_autoptr(GError) error = NULL;
  StTemplate *template = st_report_get_template (report);

  st_report_set_round (report, 1);
  g_assert_true (st_report_start_new_round (report, NULL, "Carys Central", &error));
  g_assert_no_error (error);
  g_assert_true (st_report_get_template (report) == template);
  g_assert_cmpuint (st_report_get_round (report), ==, 2);
  g_assert_cmpuint (st_template_get_n_rounds (template), ==, 3);
  /* No date given: today */
  g_assert_nonnull (st_report_get_updated (report));
  g_assert_cmpuint (g_date_get_year (st_report_get_updated (report)), >=, 2026);
}

static void
test_report_new_round_refused (void)
{
  g_autoptr(StReport) report = new_full_report ();
  g_autoptr(StTemplate) template = st_template_new_builtin ("dec-2022", NULL);
  g_autoptr(StReport) report_2022 = st_report_new (template);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint changed = 0;

  /* A department's pack cannot */
  st_report_set_pack (report, "CO", "2026-11-21T10:00:00Z", "gds.stocktake");
  before = st_report_to_data (report, NULL);
  g_signal_connect (report, "changed", G_CALLBACK (on_changed), &changed);
  g_assert_false (st_report_start_new_round (report, NULL, "Colin", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==,
                   "This is CO’s pack: only the central team starts a new round, in the full report");
  after = st_report_to_data (report, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (changed, ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);

  /* Nor a template whose last round has no year to go on from */
  before = st_report_to_data (report_2022, NULL);
  g_assert_false (st_report_start_new_round (report_2022, NULL, "Carys Central", &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "“Progress update” does not name its year"));
  after = st_report_to_data (report_2022, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (st_report_get_round (report_2022), ==, 0);
}

static char *
valid_report_text (void)
{
  g_autoptr(StReport) report = new_full_report ();

  return st_report_to_data (report, NULL);
}

/* Replaces the first occurrence of @from, which must be there */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
test_report_syntax_errors (void)
{
  g_autofree char *valid = valid_report_text ();
  g_autofree char *truncated = g_strndup (valid, strlen (valid) / 2);
  static const char *garbage = "{\n  \"format\": \"stocktake-report\",\n  \"version\" 1\n}";
  g_autoptr(GError) error = NULL;
  StErrorLocation location = { 0 };
  StReport *report;

  report = st_report_new_from_data (truncated, -1, &location, &error);
  g_assert_null (report);
  g_assert_error (error, ST_ERROR, ST_ERROR_SYNTAX);
  g_assert_cmpuint (location.line, >, 1);
  /* The message says where, as the location does */
  {
    g_autofree char *where = g_strdup_printf ("The report is damaged at line %u, column %u: ",
                                              location.line, location.column);

    g_assert_true (g_str_has_prefix (error->message, where));
  }
  g_clear_error (&error);
  st_error_location_clear (&location);

  report = st_report_new_from_data (garbage, -1, &location, &error);
  g_assert_null (report);
  g_assert_error (error, ST_ERROR, ST_ERROR_SYNTAX);
  g_assert_cmpuint (location.line, ==, 3);
  /* json-glib points into the line, at or just after "version" */
  g_assert_cmpuint (location.column, >=, 3);
  g_assert_cmpuint (location.column, <=, 14);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "The report is damaged at line 3, column "));
  g_assert_nonnull (strstr (error->message, "a colon is missing after the text “version”"));
  g_clear_error (&error);
  st_error_location_clear (&location);

  report = st_report_new_from_data ("", 0, &location, &error);
  g_assert_null (report);
  g_assert_error (error, ST_ERROR, ST_ERROR_SYNTAX);
  g_clear_error (&error);
  st_error_location_clear (&location);

  /* Latin-1 bytes are not UTF-8: the position of the bad byte is given */
  report = st_report_new_from_data ("{\n \"a\": \"caf\xe9\"}", -1, &location, &error);
  g_assert_null (report);
  g_assert_error (error, ST_ERROR, ST_ERROR_SYNTAX);
  g_assert_cmpuint (location.line, ==, 2);
  g_assert_cmpuint (location.column, ==, 11);
  g_assert_cmpstr (error->message, ==,
                   "The report is damaged at line 2, column 11: there is a character that is not UTF-8 text");
  st_error_location_clear (&location);
}

/* json-glib's messages, in words a reader of the report would use */
static void
test_report_syntax_words (void)
{
  static const struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "{\n  \"format\": \"stocktake-report\n}",
      "The report is damaged at line 3, column 2: a piece of text has no closing quotation mark" },
    { "{\n  \"format\": \"stocktake-report\",\n}",
      "there is a comma where none belongs, such as after the last value of a list" },
    { "{\n  \"version\": @\n}", "found the character “@” where a closing “}” should be" },
    { "{\n  \"version\": tru\n}", "found the word “tru” where a value should be" },
    { "{\n  \"version\": 1e\n}", "a number is not written correctly" },
    { "{\n  \"version\": 1\n}}", "found the character “}” where the end of the file should be" },
    { "{\n  \"format\" \"stocktake-report\"\n}",
      "a colon is missing after the text “format”" },
    { "{\n  \"format\": \"stocktake-report\"\n  \"version\": 1\n}",
      "a comma is missing after the text “stocktake-report”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      StErrorLocation location = { 0 };

      g_assert_null (st_report_new_from_data (cases[i].text, -1, &location, &error));
      g_test_message ("case %u: %s", i, error->message);
      g_assert_error (error, ST_ERROR, ST_ERROR_SYNTAX);
      g_assert_true (g_str_has_prefix (error->message, "The report is damaged at line "));
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_null (strstr (error->message, "JSON"));
      g_assert_cmpuint (location.line, >, 0);
      st_error_location_clear (&location);
    }
}

/* Files that are not reports at all are told apart before parsing: a
 * published page, as HTML or text, is one to import */
static void
test_report_not_a_report (void)
{
  static const struct {
    const char *text;
    int         code;
    const char *message;
  } cases[] = {
    { "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Action 1</title></head></html>",
      ST_ERROR_PAGE, "This looks like a published page, not a Stocktake report" },
    { "  \n<html><body><p>{ \"format\": 1 }</p></body></html>",
      ST_ERROR_PAGE, "This looks like a published page, not a Stocktake report" },
    { "Action 1: ensure there is an active digital leader\nUpdated 16 January 2015\n",
      ST_ERROR_PAGE, "This looks like a published page, not a Stocktake report" },
    /* A byte order mark, then Welsh text */
    { "\xef\xbb\xbf\xc3\x9e Gweithred 1\n", ST_ERROR_PAGE,
      "This looks like a published page, not a Stocktake report" },
    { "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", ST_ERROR_STRUCTURE, "This file is not a Stocktake report" },
    { "PK\x03\x04\x14\0\0\0", ST_ERROR_STRUCTURE, "This file is not a Stocktake report" },
    { "[1, 2, 3]", ST_ERROR_STRUCTURE, "This file is not a Stocktake report" },
    { "{ \"title\": \"Not a report\" }", ST_ERROR_STRUCTURE,
      "This file is not a Stocktake report: it holds data of some other kind" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      StErrorLocation location = { 0 };

      /* Lengths given, as the binary cases have NUL bytes */
      g_assert_null (st_report_new_from_data (cases[i].text, i == 5 ? 8 : strlen (cases[i].text),
                                              &location, &error));
      g_test_message ("case %u: %s", i, error->message);
      g_assert_error (error, ST_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      /* Other JSON: the place stays for whoever wants the detail */
      if (i == 7)
        g_assert_cmpstr (location.path, ==, "$");
      st_error_location_clear (&location);
    }

  /* The same from a file */
  {
    g_autofree char *dir = g_dir_make_tmp ("stocktake-page-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "action-1.html", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_set_contents (path, cases[0].text, -1, NULL));
    g_assert_null (st_report_new_from_file (path, NULL, &error));
    g_assert_error (error, ST_ERROR, ST_ERROR_PAGE);
    g_assert_cmpint (g_unlink (path), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
}

static void
test_report_structure_errors (void)
{
  g_autofree char *valid = valid_report_text ();
  static const struct {
    const char *from;
    const char *to;
    const char *path;
    const char *message;
  } cases[] = {
    { "\"status\" : \"submitted\"", "\"status\" : 7", "$.submissions[1].status", "expected a string" },
    { "\"status\" : \"submitted\"", "\"status\" : \"lost\"", "$.submissions[1].status", "unknown status “lost”" },
    { "\"respondent\" : \"CO\",\n      \"item\" : \"1\"", "\"respondent\" : \"AGO\",\n      \"item\" : \"2\"",
      "$.submissions[1]", "a second submission" },
    { "\"respondent\" : \"HMT\"", "\"respondent\" : \"XYZ\"", "$.submissions[2].respondent", "no respondent “XYZ”" },
    { "\"plans-2015\" : \"AGO will continue.\"", "\"plans-2099\" : \"AGO will continue.\"",
      "$.submissions[0].sections[\"plans-2099\"]", "no section “plans-2099”" },
    { "\"plans-2015\" : \"AGO will continue.\"", "\"plans-2015\" : [\"AGO\"]",
      "$.submissions[0].sections[\"plans-2015\"]", "expected a string" },
    { "\"format\" : \"stocktake-report\"", "\"format\" : \"stocktake-template\"", "$.format", "it is a “stocktake-template” file" },
    { "\"version\" : 1,", "", "$", "“version” is missing" },
    { "\"updated\" : \"2015-01-16\"", "\"updated\" : \"16/01/2015\"", "$.updated", "not a date" },
    { "\"round\" : \"2014\"", "\"round\" : \"2099\"", "$.round", "no round “2099”" },
    { "\"text\" : \"Done.\",", "", "$.submissions[1].comments[1]", "“text” is missing" },
    { "\"id\" : \"AGO\",", "\"id\" : 12,", "$.template.respondents[0].id", "expected a string" },
    { "\"what\" : \"edit\",", "", "$.submissions[1].history[0]", "“what” is missing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *broken = replace_once (valid, cases[i].from, cases[i].to);
      g_autoptr(GError) error = NULL;
      StErrorLocation location = { 0 };
      StReport *report;

      report = st_report_new_from_data (broken, -1, &location, &error);
      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (report);
      g_assert_error (error, ST_ERROR, ST_ERROR_STRUCTURE);
      g_assert_cmpstr (location.path, ==, cases[i].path);
      /* The path leads, but for a file of another kind, which says so first */
      if (g_str_equal (cases[i].path, "$.format"))
        g_assert_true (g_str_has_prefix (error->message, "This file is not a Stocktake report: "));
      else
        g_assert_true (g_str_has_prefix (error->message, cases[i].path));
      g_assert_nonnull (strstr (error->message, cases[i].message));
      st_error_location_clear (&location);
    }
}

static void
test_report_newer_version (void)
{
  g_autofree char *valid = valid_report_text ();
  g_autofree char *newer = replace_once (valid, "\"version\" : 1,", "\"version\" : 99,");
  g_autoptr(GError) error = NULL;
  StErrorLocation location = { 0 };

  g_assert_null (st_report_new_from_data (newer, -1, &location, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "99"));
  g_assert_nonnull (strstr (error->message, "newer"));
  g_assert_cmpstr (location.path, ==, "$.version");
  st_error_location_clear (&location);
}

/* A failed save leaves the old file as it was */
/* Reports are written as they go, with no tree in between, yet exactly
 * as json-glib writes the same tree (as every earlier version saved them),
 * so that an unchanged report saves to the same bytes */
static void
assert_written_as_before (StReport *report)
{
  g_autoptr(JsonNode) tree = st_report_to_json (report);
  gsize written_length, generated_length;
  g_autofree char *generated = st_json_to_data (tree, &generated_length);
  g_autofree char *written = st_report_to_data (report, &written_length);

  g_assert_cmpmem (written, written_length, generated, generated_length);
}

static void
test_report_written_as_before (void)
{
  g_autoptr(StReport) report = new_full_report ();
  g_autoptr(StTemplate) dec = st_template_new_builtin ("dec-2022", NULL);
  g_autoptr(StReport) with_preamble = st_report_new (dec);
  g_autoptr(JsonArray) issued = json_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) pack = NULL;
  g_autofree char *written = NULL;

  /* Every character JSON escapes, but U+001F, which json-glib leaves bare */
  st_submission_set_text (st_report_lookup_submission (report, "AGO", "2"), "plans-2015",
                          "Quotes \" and \\ backslash\b\f\n\r\t\x01\x1e\x7f — “Welsh”: ŵ 😀");
  st_report_set_pack (report, "CO", "2026-11-21", "report.stocktake");

  /* Issued packs are kept as they were read: every kind of JSON value */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "pack-1");
  json_builder_set_member_name (builder, "half");
  json_builder_add_double_value (builder, 1.5);
  json_builder_set_member_name (builder, "whole");
  json_builder_add_double_value (builder, 2.0);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, -3);
  json_builder_set_member_name (builder, "empty-object");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "empty-array");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "nothing");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "yes");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  pack = json_builder_get_root (builder);
  json_array_add_element (issued, g_steal_pointer (&pack));
  st_report_set_issued_packs (report, issued);

  assert_written_as_before (report);
  written = st_report_to_data (report, NULL);
  g_assert_nonnull (strstr (written, "\"whole\" : 2.0"));
  g_assert_nonnull (strstr (written, "\\u0001\\u001e\\u007f"));

  /* A template with a preamble, and a report with nothing in it yet */
  assert_written_as_before (with_preamble);
  g_assert_cmpuint (st_template_get_n_preamble (dec), >, 0);
  st_report_set_preamble_text (with_preamble, st_template_get_preamble (dec, 0)->id, "Preamble \"text\"");
  assert_written_as_before (with_preamble);
}

/* A disc that fills up: the error says so, and the device stays one */
static void
test_report_save_full (void)
{
  g_autoptr(StReport) report = new_full_report ();
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full here");
      return;
    }
  g_assert_false (st_report_save_to_file (report, "/dev/full", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "“/dev/full”"));
  g_assert_false (g_file_test ("/dev/full", G_FILE_TEST_IS_REGULAR));
}

static void
test_report_save_keeps_old_file (void)
{
  g_autoptr(StReport) report = new_full_report ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("stocktake-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.stocktake", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "report.stocktake", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (st_report_save_to_file (report, path, NULL));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  /* Saving into a folder that is not there fails cleanly */
  g_assert_false (st_report_save_to_file (report, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  /* A read-only folder refuses the temporary file: the old file is intact
   * (root ignores permissions, so only check when they apply) */
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  st_submission_set_text (st_report_lookup_submission (report, "CO", "1"), "plans-2015", "Changed");
  if (!st_report_save_to_file (report, path, &error))
    {
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (before, ==, after);
    }
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);

  /* Nothing but the report is left behind */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_report_missing_file (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (st_report_new_from_file ("/nonexistent/report.stocktake", NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_error_location_format (void)
{
  StErrorLocation location = { 3, 14, NULL };
  g_autofree char *with = st_error_location_format (&location, "r.stocktake", "error", "boom");
  g_autofree char *without = st_error_location_format (NULL, "r.stocktake", "warning", "hmm");

  g_assert_cmpstr (with, ==, "r.stocktake:3:14: error: boom");
  g_assert_cmpstr (without, ==, "r.stocktake: warning: hmm");
}

/* White space alone is no text: the section is still to be written */
static void
test_report_blank_text (void)
{
  g_assert_true (st_text_is_blank (NULL));
  g_assert_true (st_text_is_blank (""));
  g_assert_true (st_text_is_blank (" \n\t\r\n"));
  g_assert_false (st_text_is_blank (" a "));
  g_assert_false (st_text_is_blank ("\n-"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/new", test_report_new);
  g_test_add_func ("/report/blank-text", test_report_blank_text);
  g_test_add_func ("/report/submissions", test_report_submissions);
  g_test_add_func ("/report/changed-signal", test_report_changed_signal);
  g_test_add_func ("/report/changed-frozen", test_report_changed_frozen);
  g_test_add_func ("/report/round-trip", test_report_round_trip);
  g_test_add_func ("/report/pack-round-trip", test_report_pack_round_trip);
  g_test_add_func ("/report/new-round", test_report_new_round);
  g_test_add_func ("/report/new-round-round-trip", test_report_new_round_round_trip);
  g_test_add_func ("/report/new-round-existing", test_report_new_round_existing);
  g_test_add_func ("/report/new-round-refused", test_report_new_round_refused);
  g_test_add_func ("/report/syntax-errors", test_report_syntax_errors);
  g_test_add_func ("/report/syntax-words", test_report_syntax_words);
  g_test_add_func ("/report/not-a-report", test_report_not_a_report);
  g_test_add_func ("/report/structure-errors", test_report_structure_errors);
  g_test_add_func ("/report/newer-version", test_report_newer_version);
  g_test_add_func ("/report/written-as-before", test_report_written_as_before);
  g_test_add_func ("/report/save-full", test_report_save_full);
  g_test_add_func ("/report/save-keeps-old-file", test_report_save_keeps_old_file);
  g_test_add_func ("/report/missing-file", test_report_missing_file);
  g_test_add_func ("/report/error-location-format", test_error_location_format);

  return g_test_run ();
}
