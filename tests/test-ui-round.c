/* test-ui-round.c: starting a new reporting round in the window, as the
 * central team does it
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "st-overview.h"
#include "st-overview-row.h"
#include "test-ui-helpers.h"

typedef struct {
  StApplication *application;
  char          *dir;
  char          *path;
  GFile         *file;
  StWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StReport) report = NULL;
  g_autoptr(GError) error = NULL;

  fixture->application = ST_APPLICATION ((gpointer) data);
  fixture->dir = ui_test_make_dir ();
  fixture->path = ui_test_write_report (fixture->dir, "digital-leaders.stocktake");

  /* The central team approved CO's return for the 2014 round */
  report = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  st_submission_set_status (st_report_lookup_submission (report, "CO", "1"), ST_STATUS_APPROVED);
  g_assert_true (st_report_save_to_file (report, fixture->path, &error));

  fixture->file = g_file_new_for_path (fixture->path);
  ui_test_new_window (fixture->application, &fixture->window);
  ui_test_show_window (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ui_test_close_dialogs ();
  ui_test_destroy_window (&fixture->window);
  ui_test_remove_dir (fixture->dir);
  g_clear_object (&fixture->file);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Asks to start a new round and returns the confirmation */
static AdwMessageDialog *
ask_new_round (Fixture *fixture)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.start-new-round", NULL));
  ui_test_drain ();
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  return dialog;
}

static gboolean
not_busy (gpointer data)
{
  return !st_window_get_busy (data);
}

/* Waits for a new round confirmed in the dialog: the window says it is
 * busy at once, and the work is done once that is on screen */
static void
wait_for_round (Fixture *fixture)
{
  g_assert_true (st_window_get_busy (fixture->window));
  g_assert_cmpuint (st_report_get_round (st_window_get_report (fixture->window)), ==, 2);
  /* …and a second one cannot be asked for meanwhile */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.start-new-round", NULL);
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_true (ui_test_wait_for (not_busy, fixture->window, 10));
  ui_test_drain ();
}

/* Confirms @dialog's new round and waits for it */
static void
start_round (Fixture          *fixture,
             AdwMessageDialog *dialog)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "start"));
  adw_message_dialog_response (dialog, "start");
  gtk_window_close (GTK_WINDOW (dialog));
  wait_for_round (fixture);
}

/* A report put in the window in the moment before the round starts is not
 * the one the round was asked for: it is left as it is */
static void
test_round_other_report (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *other_path = ui_test_write_report (fixture->dir, "other.stocktake");
  g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
  g_autoptr(StReport) other = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  ui_test_open_file (fixture->window, fixture->path);
  other = st_report_new_from_file (other_path, NULL, &error);
  g_assert_no_error (error);

  dialog = ask_new_round (fixture);
  adw_message_dialog_response (dialog, "start");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (st_window_get_busy (fixture->window));
  st_window_set_report (fixture->window, other, other_file, NULL);
  g_assert_true (ui_test_wait_for (not_busy, fixture->window, 10));
  ui_test_drain ();

  g_assert_true (st_window_get_report (fixture->window) == other);
  g_assert_cmpuint (st_report_get_round (other), ==, 2);
  g_assert_false (st_window_get_is_modified (fixture->window));
  /* …and a round can be asked for again */
  start_round (fixture, ask_new_round (fixture));
  g_assert_cmpuint (st_report_get_round (st_window_get_report (fixture->window)), ==, 3);
}

static void
assert_editable (StSubmissionForm *form,
                 const char       *section_id,
                 gboolean          editable)
{
  StSectionEditor *editor = st_submission_form_get_editor (form, section_id);

  g_test_message ("section %s", section_id);
  g_assert_nonnull (editor);
  g_assert_cmpint (st_section_editor_get_editable (editor), ==, editable);
  g_assert_cmpint (gtk_text_view_get_editable (st_section_editor_get_text_view (editor)), ==, editable);
}

static void
test_round_start_and_save (Fixture       *fixture,
                           gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  StOverview *overview = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary_before = NULL;
  g_autofree char *today = NULL;
  g_autoptr(StOverviewRow) first_row = NULL;
  guint revision_before;
  AdwMessageDialog *dialog;
  StReport *report;
  JsonObject *root, *submission, *sections, *entry;
  JsonArray *rounds, *history;

  ui_test_open_file (fixture->window, fixture->path);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  /* Approved: read-only until the reviewer chooses to edit it */
  g_assert_false (gtk_text_view_get_editable (st_section_editor_get_text_view (st_submission_form_get_editor (form,
                                                                                                           "progress-2014"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.reopen", NULL));
  assert_editable (form, "progress-2014", TRUE);
  g_assert_null (st_submission_form_get_editor (form, "progress-2015"));
  overview = ST_OVERVIEW (ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_OVERVIEW));
  summary_before = g_strdup (st_overview_get_summary (overview));
  first_row = g_list_model_get_item (st_overview_get_rows (overview), 0);
  revision_before = st_overview_row_get_revision (first_row);

  /* The confirmation names the round and what it does */
  report = st_window_get_report (fixture->window);
  dialog = ask_new_round (fixture);
  g_test_message ("%s\n%s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Start the 2015 Round?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "the new sections “Progress during 2015” and “Planned activities in 2016”."));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The 2014 round’s sections become read-only"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Updated "));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  /* CO's approved return goes back to draft unpublished, and it says so first */
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "1 return is approved but not yet published. It goes back to draft too"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "export the approved returns for publication first."));

  /* Cancelled: nothing changes */
  ui_test_respond (dialog, "cancel");
  g_assert_true (st_window_get_report (fixture->window) == report);
  g_assert_false (st_window_get_is_modified (fixture->window));
  g_assert_cmpuint (st_template_get_n_rounds (st_report_get_template (report)), ==, 3);

  /* Started: the form shows the new round to fill in, the 2014 round to read */
  start_round (fixture, ask_new_round (fixture));
  report = st_window_get_report (fixture->window);
  g_assert_cmpuint (st_report_get_round (report), ==, 3);
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "form");
  g_assert_cmpstr (st_submission_form_get_respondent_id (form), ==, "CO");
  {
    g_autoptr(GPtrArray) editors = st_submission_form_get_editors (form);

    g_assert_cmpuint (editors->len, ==, 2);
    g_assert_cmpstr (st_section_editor_get_heading (g_ptr_array_index (editors, 0)), ==, "Progress during 2015");
    g_assert_cmpstr (st_section_editor_get_heading (g_ptr_array_index (editors, 1)), ==,
                     "Planned activities in 2016");
  }
  assert_editable (form, "progress-2015", TRUE);
  assert_editable (form, "plans-2016", TRUE);
  assert_editable (form, "progress-2014", FALSE);
  assert_editable (form, "plans-2015", FALSE);
  {
    g_autofree char *shown = st_section_editor_get_text (st_submission_form_get_editor (form, "progress-2014"));

    g_assert_cmpstr (shown, ==, "Paul Maltby is the Cabinet Office digital lead.");
  }
  g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (report, "CO", "1")), ==, ST_STATUS_DRAFT);
  g_assert_cmpstr (st_overview_get_summary (overview), !=, summary_before);
  /* Same actions and departments: the overview keeps its rows and cells,
   * and brings them up to date */
  {
    g_autoptr(StOverviewRow) row = g_list_model_get_item (st_overview_get_rows (overview), 0);

    g_assert_true (row == first_row);
    g_assert_cmpuint (st_overview_row_get_revision (row), >, revision_before);
  }

  /* Nothing on disk yet */
  {
    g_autofree char *on_disk = NULL;

    g_assert_true (g_file_get_contents (fixture->path, &on_disk, NULL, NULL));
    g_assert_null (strstr (on_disk, "progress-2015"));
  }

  ui_test_type_in_section (fixture->window, "progress-2015", "CO trained 200 staff in digital skills.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_false (st_window_get_is_modified (fixture->window));

  /* The file */
  g_assert_true (json_parser_load_from_file (parser, fixture->path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "round"), ==, "2015");
  now = g_date_time_new_now_local ();
  today = g_date_time_format (now, "%Y-%m-%d");
  g_assert_cmpstr (json_object_get_string_member (root, "updated"), ==, today);
  rounds = json_object_get_array_member (json_object_get_object_member (root, "template"), "rounds");
  g_assert_cmpuint (json_array_get_length (rounds), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rounds, 3), "id"), ==, "2015");

  submission = ui_test_find_submission (root, "CO", "1");
  g_assert_nonnull (submission);
  g_assert_cmpstr (json_object_get_string_member (submission, "status"), ==, "draft");
  sections = json_object_get_object_member (submission, "sections");
  g_assert_cmpstr (json_object_get_string_member (sections, "progress-2015"), ==,
                   "CO trained 200 staff in digital skills.");
  g_assert_cmpstr (json_object_get_string_member (sections, "progress-2014"), ==,
                   "Paul Maltby is the Cabinet Office digital lead.");
  g_assert_false (json_object_has_member (sections, "plans-2016"));
  /* The history has the move back to draft and the new text */
  history = json_object_get_array_member (submission, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 2);
  entry = json_array_get_object_element (history, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "what"), ==, "status");
  g_assert_cmpstr (json_object_get_string_member (entry, "old"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (entry, "new"), ==, "draft");
  entry = json_array_get_object_element (history, 1);
  g_assert_cmpstr (json_object_get_string_member (entry, "what"), ==, "edit");
  g_assert_cmpstr (json_object_get_string_member (entry, "section"), ==, "progress-2015");

  /* AGO's text is as it was */
  submission = ui_test_find_submission (root, "AGO", "1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (submission, "sections"),
                                                  "plans-2015"),
                   ==, "AGO will continue to provide board-level responsibility.");
}

/* The "Updated" date is today's unless the central team writes another,
 * as published ("2 February 2016") or as 2016-02-02; nothing else starts
 * the round */
static void
test_round_updated_date (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  g_autofree char *today_line = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;
  JsonObject *root;
  static const char * const bad[] = { "", "31 February 2016", "2016-13-01", "next Tuesday", "2 Febuary 2016" };

  ui_test_open_file (fixture->window, fixture->path);
  dialog = ask_new_round (fixture);
  row = ui_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "_Updated on");

  /* Today, as the pages write it */
  today = g_date_time_format (now, "%-d %B %Y");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, today);
  today_line = g_strdup_printf ("the pages will say “Updated %s”", today);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), today_line));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "start"));

  /* Not dates: the round cannot start, and the dialog says how to write one */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("“%s”", bad[i]);
      gtk_editable_set_text (GTK_EDITABLE (row), bad[i]);
      g_assert_false (adw_message_dialog_get_response_enabled (dialog, "start"));
      g_assert_true (gtk_widget_has_css_class (row, "error"));
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "16 January 2015, 16/01/2015 or 2015-01-16"));
    }

  /* ISO, then as published, with stray spaces */
  gtk_editable_set_text (GTK_EDITABLE (row), "2016-02-02");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "start"));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "the pages will say “Updated 2 February 2016”"));
  gtk_editable_set_text (GTK_EDITABLE (row), " 3 February 2016 ");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "the pages will say “Updated 3 February 2016”"));

  start_round (fixture, dialog);
  g_assert_cmpuint (st_report_get_round (st_window_get_report (fixture->window)), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));

  g_assert_true (json_parser_load_from_file (parser, fixture->path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "round"), ==, "2015");
  g_assert_cmpstr (json_object_get_string_member (root, "updated"), ==, "2016-02-03");

  /* Cancelled with a date written: nothing changes */
  {
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_true (g_file_get_contents (fixture->path, &before, NULL, NULL));
    dialog = ask_new_round (fixture);
    row = ui_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
    gtk_editable_set_text (GTK_EDITABLE (row), "2017-01-20");
    ui_test_respond (dialog, "cancel");
    g_assert_cmpuint (st_report_get_round (st_window_get_report (fixture->window)), ==, 3);
    g_assert_false (st_window_get_is_modified (fixture->window));
    g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, before);
  }
}

/* A date typed day first with slashes, as in the UK, and Enter in the
 * field (the text's ::activate) starts the round once the date is one */
static void
test_round_updated_date_typed (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *tooltip;
  AdwMessageDialog *dialog;
  GtkWidget *row;
  GtkWidget *text;
  JsonObject *root;

  ui_test_open_file (fixture->window, fixture->path);
  dialog = ask_new_round (fixture);
  row = ui_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  text = ui_test_find_descendant (row, GTK_TYPE_TEXT);
  g_assert_nonnull (text);
  tooltip = gtk_widget_get_tooltip_text (row);
  g_assert_nonnull (strstr (tooltip, "16/01/2015 (day first)"));

  /* No 31 February, nor a month 15: Enter does nothing */
  gtk_editable_set_text (GTK_EDITABLE (row), "31/02/2016");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "start"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (row), "01/15/2016");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "start"));
  g_signal_emit_by_name (text, "activate");
  ui_test_drain ();
  g_assert_true (ui_test_find_dialog (GTK_WINDOW (fixture->window)) == dialog);
  g_assert_cmpuint (st_report_get_round (st_window_get_report (fixture->window)), ==, 2);

  gtk_editable_set_text (GTK_EDITABLE (row), "15/01/2016");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "start"));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "the pages will say “Updated 15 January 2016”"));

  /* Enter in the field */
  g_signal_emit_by_name (text, "activate");
  wait_for_round (fixture);
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_cmpuint (st_report_get_round (st_window_get_report (fixture->window)), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  g_assert_true (json_parser_load_from_file (parser, fixture->path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "updated"), ==, "2016-01-15");
}

/* Edits made before the new round are recorded in the history at the
 * save, as any edit is */
static void
test_round_history (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *submission, *entry;
  JsonArray *history;

  ui_test_open_file (fixture->window, fixture->path);
  ui_test_select_in_sidebar (fixture->window, "DfE", "1");
  ui_test_type_in_section (fixture->window, "plans-2015", "DfE will publish its plan.");
  start_round (fixture, ask_new_round (fixture));
  assert_editable (st_window_get_form (fixture->window), "plans-2015", FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  g_assert_false (st_window_get_is_modified (fixture->window));

  g_assert_true (json_parser_load_from_file (parser, fixture->path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "round"), ==, "2015");
  submission = ui_test_find_submission (root, "DfE", "1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (submission, "sections"),
                                                  "plans-2015"),
                   ==, "DfE will publish its plan.");
  /* A draft stays one: only the edit */
  history = json_object_get_array_member (submission, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 1);
  entry = json_array_get_object_element (history, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "what"), ==, "edit");
  g_assert_cmpstr (json_object_get_string_member (entry, "section"), ==, "plans-2015");
  g_assert_cmpstr (json_object_get_string_member (entry, "new"), ==, "DfE will publish its plan.");
  g_assert_false (json_object_has_member (entry, "old"));
  /* Nothing for the texts nobody changed */
  submission = ui_test_find_submission (root, "AGO", "1");
  g_assert_false (json_object_has_member (submission, "history"));
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

typedef struct {
  Fixture  *fixture;
  StReport *report;
} ShowsReport;

static gboolean
shows_report (gpointer data)
{
  ShowsReport *shows = data;

  return st_window_get_report (shows->fixture->window) == shows->report;
}

/* Undo puts back the report as it was, unsaved changes and all */
static void
test_round_undo (Fixture       *fixture,
                 gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  g_autofree char *on_disk_before = NULL;
  g_autofree char *on_disk_after = NULL;
  StReport *report;

  g_assert_true (g_file_get_contents (fixture->path, &on_disk_before, NULL, NULL));
  ui_test_open_file (fixture->window, fixture->path);
  ui_test_select_in_sidebar (fixture->window, "DfE", "1");
  ui_test_type_in_section (fixture->window, "plans-2015", "DfE will publish its plan.");
  report = st_window_get_report (fixture->window);
  g_assert_true (st_window_get_is_modified (fixture->window));

  start_round (fixture, ask_new_round (fixture));
  g_assert_true (st_window_get_report (fixture->window) != report);
  g_assert_nonnull (st_submission_form_get_editor (form, "progress-2015"));

  /* Undo waits for the next change or save, not for a toast's few
   * seconds: a new round sends every return back to draft */
  ui_test_wait_for (never, NULL, 7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-new-round", NULL));
  ui_test_drain ();
  g_assert_true (st_window_get_report (fixture->window) == report);
  g_assert_cmpuint (st_report_get_round (report), ==, 2);
  g_assert_cmpuint (st_template_get_n_rounds (st_report_get_template (report)), ==, 3);
  /* The typing before is still there, still unsaved */
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (report, "DfE", "1"), "plans-2015"),
                   ==, "DfE will publish its plan.");
  g_assert_null (st_submission_form_get_editor (form, "progress-2015"));
  assert_editable (form, "plans-2015", TRUE);

  /* Ctrl+Z does the same, from wherever the keyboard is when it has
   * nothing else to undo */
  start_round (fixture, ask_new_round (fixture));
  g_assert_true (st_window_get_report (fixture->window) != report);
  if (ui_test_press_keys (GTK_WINDOW (fixture->window), "ctrl+z", shows_report, &(ShowsReport) { fixture, report }))
    g_assert_cmpuint (st_report_get_round (st_window_get_report (fixture->window)), ==, 2);
  else
    g_test_message ("Not an X11 display with xdotool: Ctrl+Z was not pressed");

  /* Only once */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-new-round", NULL));
  ui_test_drain ();
  g_assert_true (st_window_get_report (fixture->window) == report);

  /* A change after the new round ends the chance to undo it */
  start_round (fixture, ask_new_round (fixture));
  report = st_window_get_report (fixture->window);
  ui_test_type_in_section (fixture->window, "progress-2015", "Done.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-new-round", NULL));
  ui_test_drain ();
  g_assert_true (st_window_get_report (fixture->window) == report);
  g_assert_cmpuint (st_report_get_round (report), ==, 3);

  /* None of it saved */
  g_assert_true (g_file_get_contents (fixture->path, &on_disk_after, NULL, NULL));
  g_assert_cmpstr (on_disk_after, ==, on_disk_before);
}

/* In a department's pack the central team's action does nothing */
static void
test_round_pack (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *pack_path = g_build_filename (fixture->dir, "co.stocktake", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(StReport) report = NULL;
  g_autoptr(StReport) pack = NULL;
  g_autoptr(GError) error = NULL;

  report = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  pack = st_pack_new (report, "CO", "digital-leaders.stocktake", &error);
  g_assert_no_error (error);
  g_assert_true (st_report_save_to_file (pack, pack_path, &error));
  g_assert_true (g_file_get_contents (pack_path, &before, NULL, NULL));

  ui_test_open_file (fixture->window, pack_path);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.start-new-round", NULL);
  ui_test_drain ();
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_cmpuint (st_report_get_round (st_window_get_report (fixture->window)), ==, 2);
  g_assert_false (st_window_get_is_modified (fixture->window));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  ui_test_drain ();
  g_assert_true (g_file_get_contents (pack_path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
}

/* A template whose last round names no year: said why, nothing changes */
static void
test_round_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "2022.stocktake", NULL);
  g_autoptr(StTemplate) template = st_template_new_builtin ("dec-2022", NULL);
  g_autoptr(StReport) report = st_report_new (template);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  StReport *shown;

  g_assert_true (st_report_save_to_file (report, path, &error));
  ui_test_open_file (fixture->window, path);
  shown = st_window_get_report (fixture->window);

  dialog = ask_new_round (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Start a New Round");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Progress update” does not name its year"));
  ui_test_respond (dialog, "close");
  g_assert_true (st_window_get_report (fixture->window) == shown);
  g_assert_false (st_window_get_is_modified (fixture->window));
  g_assert_cmpuint (st_template_get_n_rounds (st_report_get_template (shown)), ==, 1);
}

/* Sets the statuses of two returns in the fixture's file */
static void
write_statuses (Fixture  *fixture,
                StStatus  co,
                StStatus  ago)
{
  g_autoptr(StReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  st_submission_set_status (st_report_lookup_submission (report, "CO", "1"), co);
  st_submission_set_status (st_report_ensure_submission (report, "AGO", "1"), ago);
  g_assert_true (st_report_save_to_file (report, fixture->path, &error));
  g_assert_no_error (error);
}

/* The confirmation counts the returns whose approval the new round takes
 * away before they are published; published ones are not counted */
static void
test_round_unpublished (Fixture       *fixture,
                        gconstpointer  data)
{
  AdwMessageDialog *dialog;
  const char *body;

  write_statuses (fixture, ST_STATUS_APPROVED, ST_STATUS_APPROVED);
  ui_test_open_file (fixture->window, fixture->path);
  dialog = ask_new_round (fixture);
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_true (g_str_has_prefix (body, "2 returns are approved but not yet published. They go back to draft too, "
                                         "and their approved text can no longer be exported for publication"));
  /* The date's line still follows */
  g_assert_nonnull (strstr (body, "The 2014 round’s sections become read-only"));
  ui_test_respond (dialog, "cancel");
  g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (st_window_get_report (fixture->window),
                                                                         "AGO", "1")),
                   ==, ST_STATUS_APPROVED);

  /* A wrong date does not lose the warning */
  dialog = ask_new_round (fixture);
  gtk_editable_set_text (GTK_EDITABLE (ui_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW)),
                         "not a date");
  body = adw_message_dialog_get_body (dialog);
  g_assert_true (g_str_has_prefix (body, "2 returns are approved but not yet published."));
  g_assert_nonnull (strstr (body, "Write the date"));
  ui_test_respond (dialog, "cancel");
}

/* Nothing approved and unpublished: nothing to warn of */
static void
test_round_none_unpublished (Fixture       *fixture,
                             gconstpointer  data)
{
  AdwMessageDialog *dialog;
  const char *body;

  write_statuses (fixture, ST_STATUS_PUBLISHED, ST_STATUS_DRAFT);
  ui_test_open_file (fixture->window, fixture->path);
  dialog = ask_new_round (fixture);
  body = adw_message_dialog_get_body (dialog);
  g_assert_null (strstr (body, "approved but not yet published"));
  g_assert_true (g_str_has_prefix (body, "Every action gets the new sections"));
  ui_test_respond (dialog, "cancel");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StApplication) application = NULL;

  if (!ui_test_init (&argc, &argv))
    return 0;
  application = ui_test_application ();

#define ADD(path, func) \
  g_test_add (path, Fixture, application, fixture_set_up, func, fixture_tear_down)
  ADD ("/round/start-and-save", test_round_start_and_save);
  ADD ("/round/updated-date", test_round_updated_date);
  ADD ("/round/other-report", test_round_other_report);
  ADD ("/round/updated-date-typed", test_round_updated_date_typed);
  ADD ("/round/undo", test_round_undo);
  ADD ("/round/history", test_round_history);
  ADD ("/round/pack", test_round_pack);
  ADD ("/round/refused", test_round_refused);
  ADD ("/round/unpublished", test_round_unpublished);
  ADD ("/round/none-unpublished", test_round_none_unpublished);
#undef ADD

  return ui_test_run ();
}
