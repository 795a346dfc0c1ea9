/* test-ui-review.c: submitting, returning and approving in the window,
 * the comments beside each section, and the review queue
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "st-overview.h"
#include "st-overview-cell.h"
#include "st-sidebar-node.h"
#include "test-ui-helpers.h"

typedef struct {
  StApplication *application;
  char          *dir;
  char          *path;         /* the full report, as the central team has it */
  char          *pack_path;    /* CO's pack of it */
  StWindow      *window;
} Fixture;

/* The central team's report: CO and AGO have submitted action 1, DfE has
 * not; CO's pack is made from it */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StReport) report = NULL;
  g_autoptr(StReport) pack = NULL;
  g_autoptr(GError) error = NULL;

  fixture->application = ST_APPLICATION ((gpointer) data);
  fixture->dir = ui_test_make_dir ();
  fixture->path = ui_test_write_report (fixture->dir, "report.stocktake");
  fixture->pack_path = g_build_filename (fixture->dir, "co.stocktake", NULL);

  report = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  pack = st_pack_new (report, "CO", "report.stocktake", &error);
  g_assert_no_error (error);
  g_assert_true (st_report_save_to_file (pack, fixture->pack_path, &error));
  g_assert_no_error (error);

  st_submission_set_status (st_report_lookup_submission (report, "CO", "1"), ST_STATUS_SUBMITTED);
  st_submission_set_status (st_report_lookup_submission (report, "AGO", "1"), ST_STATUS_SUBMITTED);
  g_assert_true (st_report_save_to_file (report, fixture->path, &error));
  g_assert_no_error (error);

  g_settings_set_string (st_application_get_settings (fixture->application), "author-name", "Rita Reviewer");

  ui_test_new_window (fixture->application, &fixture->window);
  ui_test_show_window (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ui_test_close_dialogs ();
  ui_test_destroy_window (&fixture->window);
  g_settings_reset (st_application_get_settings (fixture->application), "author-name");
  ui_test_remove_dir (fixture->dir);
  g_free (fixture->pack_path);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
save (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_false (st_window_get_is_modified (fixture->window));
}

static const char *
saved_status (JsonParser *parser,
              const char *path,
              const char *respondent_id,
              const char *item_id)
{
  JsonObject *submission = ui_test_saved_submission (parser, path, respondent_id, item_id);

  if (submission == NULL)
    return NULL;
  return json_object_get_string_member_with_default (submission, "status", "draft");
}

/* How many history entries of @what, from @old to @new (NULL: any) */
static guint
count_history (JsonObject *submission,
               const char *what,
               const char *old,
               const char *new)
{
  JsonArray *history;
  guint n = 0;

  if (!json_object_has_member (submission, "history"))
    return 0;
  history = json_object_get_array_member (submission, "history");
  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonObject *entry = json_array_get_object_element (history, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "what", NULL), what) != 0)
        continue;
      if (old != NULL && g_strcmp0 (json_object_get_string_member_with_default (entry, "old", NULL), old) != 0)
        continue;
      if (new != NULL && g_strcmp0 (json_object_get_string_member_with_default (entry, "new", NULL), new) != 0)
        continue;
      n++;
    }
  return n;
}

static StStatus
current_status (Fixture    *fixture,
                const char *respondent_id,
                const char *item_id)
{
  StSubmission *submission = st_report_lookup_submission (st_window_get_report (fixture->window),
                                                          respondent_id, item_id);

  return submission != NULL ? st_submission_get_status (submission) : ST_STATUS_DRAFT;
}

static gboolean
action_enabled (Fixture    *fixture,
                const char *name)
{
  GtkWidget *button;
  gboolean enabled = FALSE;

  /* The window's own action group answers for widget actions */
  button = gtk_button_new ();
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), name);
  g_object_ref_sink (button);
  gtk_widget_set_parent (button, GTK_WIDGET (st_window_get_form (fixture->window)));
  enabled = gtk_widget_get_sensitive (button);
  gtk_widget_unparent (button);
  g_object_unref (button);
  return enabled;
}

/* Types into the return dialog's comment */
static void
set_dialog_comment (AdwMessageDialog *dialog,
                    const char       *text)
{
  GtkWidget *view = ui_test_find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  ui_test_drain ();
}

/* Submitting */

/* A department cannot submit a return with errors: the core's reason is
 * shown, and nothing changes */
static void
test_review_submit_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  g_autoptr(JsonParser) parser = json_parser_new ();
  AdwMessageDialog *dialog;

  ui_test_open_file (fixture->window, fixture->pack_path);
  g_assert_cmpint (st_workflow_get_role (st_window_get_workflow (fixture->window)), ==, ST_ROLE_DEPARTMENT);

  /* Nothing written for action 2: every section is an error */
  ui_test_select_in_sidebar (fixture->window, "CO", "2");
  g_assert_cmpstr (st_submission_form_get_review_text (form), ==, "Status: Draft");
  g_assert_true (action_enabled (fixture, "win.submit-submission"));
  /* A department neither approves nor returns, and has no queue */
  g_assert_false (action_enabled (fixture, "win.approve-submission"));
  g_assert_false (action_enabled (fixture, "win.return-submission"));
  g_assert_false (action_enabled (fixture, "win.show-review-queue"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.submit-submission", NULL));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Submit Yet");
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "CO, Action 2 has"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "to put right first"));
  g_assert_false (adw_message_dialog_has_response (dialog, "submit"));
  ui_test_respond (dialog, "close");

  g_assert_cmpint (current_status (fixture, "CO", "2"), ==, ST_STATUS_DRAFT);
  g_assert_cmpstr (st_submission_form_get_review_text (form), ==, "Status: Draft");

  /* Said directly, the window refuses with the same reason */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (st_window_set_status (fixture->window, "CO", "2", ST_STATUS_SUBMITTED, NULL, &error));
    g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
    g_assert_nonnull (strstr (error->message, "to put right first"));
  }
  g_assert_false (st_window_get_is_modified (fixture->window));

  /* Saved, the file has no submitted return for action 2 */
  ui_test_type_in_section (fixture->window, "progress-2014", "Work began.");
  save (fixture);
  g_assert_cmpstr (saved_status (parser, fixture->pack_path, "CO", "2"), ==, "draft");
  g_assert_cmpuint (count_history (ui_test_saved_submission (parser, fixture->pack_path, "CO", "2"), "status", NULL, NULL),
                    ==, 0);
}

/* Warnings are listed for the department to confirm; cancelling changes
 * nothing, submitting moves it on and the file says so */
static void
test_review_submit_with_warnings (Fixture       *fixture,
                                  gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  g_autoptr(JsonParser) parser = json_parser_new ();
  AdwMessageDialog *dialog;
  JsonObject *saved;

  ui_test_open_file (fixture->window, fixture->pack_path);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  /* A placeholder is a warning, not an error */
  ui_test_type_in_section (fixture->window, "progress-2014", " Figures TBC.");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.submit-submission", NULL));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Submit CO, Action 1?");
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_true (g_str_has_suffix (adw_message_dialog_get_body (dialog), "You may submit anyway:"));
  /* The warnings are a list that reads from the left, each naming its section */
  {
    GtkWidget *list = adw_message_dialog_get_extra_child (dialog);
    const char *text;

    g_assert_true (GTK_IS_LABEL (list));
    g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (list)), ==, 0);
    text = gtk_label_get_label (GTK_LABEL (list));
    g_test_message ("%s", text);
    g_assert_true (g_str_has_prefix (text, "• Progress during 2014: "));
    g_assert_nonnull (strstr (text, "TBC"));
  }
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));

  ui_test_respond (dialog, "cancel");
  g_assert_cmpint (current_status (fixture, "CO", "1"), ==, ST_STATUS_DRAFT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.submit-submission", NULL));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  ui_test_respond (dialog, "submit");

  g_assert_cmpint (current_status (fixture, "CO", "1"), ==, ST_STATUS_SUBMITTED);
  g_assert_cmpstr (st_submission_form_get_review_text (form), ==, "Status: Submitted");
  /* Submitted once: there is nothing more for the department to move */
  g_assert_false (action_enabled (fixture, "win.submit-submission"));
  g_assert_true (st_window_get_is_modified (fixture->window));

  /* What the department handed over is read-only until it chooses to
   * edit it; an edit then keeps it submitted */
  {
    StSectionEditor *editor = st_submission_form_get_editor (form, "progress-2014");

    g_assert_false (gtk_text_view_get_editable (st_section_editor_get_text_view (editor)));
    g_assert_cmpstr (st_submission_form_get_notice (form), ==, "Submitted and Read-Only");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.reopen", NULL));
    ui_test_drain ();
    g_assert_null (st_submission_form_get_notice (form));
    ui_test_type_in_section (fixture->window, "progress-2014", " Figures follow.");
    g_assert_cmpint (current_status (fixture, "CO", "1"), ==, ST_STATUS_SUBMITTED);
    /* Another submission shown and this one again: locked again */
    ui_test_select_in_sidebar (fixture->window, "CO", "2");
    ui_test_select_in_sidebar (fixture->window, "CO", "1");
    editor = st_submission_form_get_editor (form, "progress-2014");
    g_assert_false (gtk_text_view_get_editable (st_section_editor_get_text_view (editor)));
  }

  save (fixture);
  g_assert_cmpstr (saved_status (parser, fixture->pack_path, "CO", "1"), ==, "submitted");
  saved = ui_test_saved_submission (parser, fixture->pack_path, "CO", "1");
  g_assert_cmpuint (count_history (saved, "status", "draft", "submitted"), ==, 1);
  /* The text that was submitted is in the history too */
  g_assert_cmpuint (count_history (saved, "edit", NULL,
                                   "Paul Maltby is the Cabinet Office digital lead. Figures TBC."), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (saved, "sections"), "progress-2014"),
                   ==, "Paul Maltby is the Cabinet Office digital lead. Figures TBC. Figures follow.");
}

static JsonObject *saved_comment (JsonObject *submission,
                                 guint       index);

/* Returning */

static void
test_review_return_needs_comment (Fixture       *fixture,
                                  gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  g_autoptr(JsonParser) parser = json_parser_new ();
  AdwMessageDialog *dialog;
  JsonObject *saved;
  JsonObject *comment;

  ui_test_open_file (fixture->window, fixture->path);
  g_assert_cmpint (st_workflow_get_role (st_window_get_workflow (fixture->window)), ==, ST_ROLE_REVIEWER);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  g_assert_cmpstr (st_submission_form_get_review_text (form), ==, "Status: Submitted");
  g_assert_false (action_enabled (fixture, "win.submit-submission"));
  g_assert_true (action_enabled (fixture, "win.approve-submission"));
  g_assert_true (action_enabled (fixture, "win.return-submission"));

  /* No comment, no return: the window refuses it as the core does */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (st_window_set_status (fixture->window, "CO", "1", ST_STATUS_RETURNED, "  ", &error));
    g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
    g_assert_nonnull (strstr (error->message, "needs a comment"));
    g_assert_cmpint (current_status (fixture, "CO", "1"), ==, ST_STATUS_SUBMITTED);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.return-submission", NULL));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Return CO, Action 1?");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "return"));
  set_dialog_comment (dialog, "   \n ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "return"));
  set_dialog_comment (dialog, "  Please give dates for the new department.\n");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "return"));
  ui_test_respond (dialog, "return");

  g_assert_cmpint (current_status (fixture, "CO", "1"), ==, ST_STATUS_RETURNED);
  g_assert_cmpstr (st_submission_form_get_review_text (form), ==, "Status: Returned");
  /* The department sees why at the top of the form */
  g_assert_true (g_str_has_prefix (st_submission_form_get_notice (form), "Returned by Rita Reviewer on "));
  g_assert_cmpstr (st_submission_form_get_notice_text (form), ==, "Please give dates for the new department.");

  save (fixture);
  g_assert_cmpstr (saved_status (parser, fixture->path, "CO", "1"), ==, "returned");
  saved = ui_test_saved_submission (parser, fixture->path, "CO", "1");
  g_assert_cmpuint (count_history (saved, "status", "submitted", "returned"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (saved, "comments")), ==, 1);
  comment = json_array_get_object_element (json_object_get_array_member (saved, "comments"), 0);
  g_assert_cmpstr (json_object_get_string_member (comment, "text"), ==, "Please give dates for the new department.");
  g_assert_cmpstr (json_object_get_string_member (comment, "author"), ==, "Rita Reviewer");
  /* On the whole submission: no section */
  g_assert_true (!json_object_has_member (comment, "section") || json_object_get_null_member (comment, "section"));
  /* AGO's was not touched */
  g_assert_cmpstr (saved_status (parser, fixture->path, "AGO", "1"), ==, "submitted");

  /* The comment leads the threads on the whole return, to be answered
   * and resolved there */
  {
    StCommentPane *general = st_submission_form_get_comment_pane (form, NULL);
    g_autofree char *id_copy = NULL;

    saved = ui_test_saved_submission (parser, fixture->path, "CO", "1");
    id_copy = g_strdup (json_object_get_string_member (saved_comment (saved, 0), "id"));

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (general)));
    g_assert_cmpuint (st_comment_pane_get_n_open (general), ==, 1);
    g_assert_nonnull (st_comment_pane_get_entry (general, id_copy));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (general), "comments.resolve", "s", id_copy));
    ui_test_drain ();
    g_assert_cmpuint (st_comment_pane_get_n_open (general), ==, 0);
    save (fixture);
    saved = ui_test_saved_submission (parser, fixture->path, "CO", "1");
    g_assert_true (json_object_get_boolean_member (saved_comment (saved, 0), "resolved"));
  }
}

/* Approving, then editing what was approved sends it back to submitted;
 * published text cannot be changed at all */
static void
test_review_approve_edit_publish (Fixture       *fixture,
                                  gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  StSectionEditor *editor;
  JsonObject *saved;

  ui_test_open_file (fixture->window, fixture->path);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  /* Approved while the reviewer is in the text: the keyboard moves to the
   * button that reopens it, and the text view stops blinking a cursor */
  editor = st_submission_form_get_editor (form, "plans-2015");
  gtk_widget_grab_focus (GTK_WIDGET (st_section_editor_get_text_view (editor)));
  ui_test_drain ();
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (st_section_editor_get_text_view (editor))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.approve-submission", NULL));
  ui_test_drain ();
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_cmpint (current_status (fixture, "CO", "1"), ==, ST_STATUS_APPROVED);
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (st_section_editor_get_text_view (editor))));
  g_assert_true (GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (fixture->window))));
  {
    /* Longer than a cursor blink */
    gint64 until = g_get_monotonic_time () + 1500 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpstr (st_submission_form_get_review_text (form), ==, "Status: Approved");
  g_assert_false (action_enabled (fixture, "win.approve-submission"));
  g_assert_true (action_enabled (fixture, "win.return-submission"));

  /* Approved is read-only until the reviewer chooses to edit: no stray
   * keystroke undoes the approval */
  g_assert_false (gtk_text_view_get_editable (st_section_editor_get_text_view (editor)));
  g_assert_cmpstr (st_submission_form_get_notice (form), ==, "Approved and Read-Only");
  g_assert_nonnull (strstr (st_submission_form_get_notice_text (form), "back to Submitted"));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (st_section_editor_get_text_view (editor));
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    g_assert_false (gtk_text_buffer_insert_interactive (buffer, &end, "x", -1, FALSE));
  }
  ui_test_drain ();
  g_assert_cmpint (current_status (fixture, "CO", "1"), ==, ST_STATUS_APPROVED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.reopen", NULL));
  ui_test_drain ();
  g_assert_null (st_submission_form_get_notice (form));
  g_assert_cmpint (current_status (fixture, "CO", "1"), ==, ST_STATUS_APPROVED);
  ui_test_type_in_section (fixture->window, "plans-2015", " From April.");
  g_assert_cmpint (current_status (fixture, "CO", "1"), ==, ST_STATUS_SUBMITTED);
  g_assert_cmpstr (st_submission_form_get_review_text (form), ==, "Status: Submitted");
  /* Still editable now it is submitted: the edit goes on */
  g_assert_true (gtk_text_view_get_editable (st_section_editor_get_text_view (editor)));

  save (fixture);
  saved = ui_test_saved_submission (parser, fixture->path, "CO", "1");
  g_assert_cmpstr (json_object_get_string_member (saved, "status"), ==, "submitted");
  g_assert_cmpuint (count_history (saved, "status", "submitted", "approved"), ==, 1);
  g_assert_cmpuint (count_history (saved, "status", "approved", "submitted"), ==, 1);

  /* Approved again and published: read-only, and the form says why */
  g_assert_true (st_window_set_status (fixture->window, "CO", "1", ST_STATUS_APPROVED, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (st_workflow_publish_approved (st_window_get_workflow (fixture->window), &error), ==, 1);
  g_assert_no_error (error);
  ui_test_drain ();
  g_assert_cmpstr (st_submission_form_get_review_text (form), ==, "Status: Published");
  g_assert_cmpstr (st_submission_form_get_notice (form), ==, "Published and Read-Only");
  g_assert_nonnull (strstr (st_submission_form_get_notice_text (form), "has been published"));
  g_assert_false (gtk_text_view_get_editable (st_section_editor_get_text_view (editor)));

  /* Marking it not applicable is refused too, and the text stays */
  st_submission_form_set_not_applicable (form, "Not for CO.");
  g_assert_false (st_submission_get_not_applicable (st_report_lookup_submission (st_window_get_report (fixture->window),
                                                                                 "CO", "1")));
  save (fixture);
  g_assert_cmpstr (saved_status (parser, fixture->path, "CO", "1"), ==, "published");
  saved = ui_test_saved_submission (parser, fixture->path, "CO", "1");
  g_assert_false (json_object_has_member (saved, "not-applicable"));

  /* Returned to put a page right: it can be changed again, and the form
   * says why it came back */
  g_assert_true (st_window_set_status (fixture->window, "CO", "1", ST_STATUS_RETURNED,
                                       "The published date is wrong.", &error));
  g_assert_no_error (error);
  ui_test_drain ();
  g_assert_true (gtk_text_view_get_editable (st_section_editor_get_text_view (editor)));
  g_assert_true (g_str_has_prefix (st_submission_form_get_notice (form), "Returned by Rita Reviewer on "));
  g_assert_cmpstr (st_submission_form_get_notice_text (form), ==, "The published date is wrong.");
  save (fixture);
  saved = ui_test_saved_submission (parser, fixture->path, "CO", "1");
  g_assert_cmpuint (count_history (saved, "status", "published", "returned"), ==, 1);
}

/* Comments */

static JsonObject *
saved_comment (JsonObject *submission,
               guint       index)
{
  JsonArray *comments;

  g_assert_true (json_object_has_member (submission, "comments"));
  comments = json_object_get_array_member (submission, "comments");
  g_assert_cmpuint (index, <, json_array_get_length (comments));
  return json_array_get_object_element (comments, index);
}

/* The central team starts a thread on a section; an empty comment is
 * refused */
static void
test_review_comment_start (Fixture       *fixture,
                           gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  g_autoptr(JsonParser) parser = json_parser_new ();
  StCommentPane *pane;
  GtkEditable *entry;
  JsonObject *comment;

  ui_test_open_file (fixture->window, fixture->path);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  pane = st_submission_form_get_comment_pane (form, "progress-2014");
  g_assert_nonnull (pane);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_cmpuint (st_comment_pane_get_n_threads (pane), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "comments.start", NULL));
  entry = st_comment_pane_get_entry (pane, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, "   ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "comments.post", NULL));
  ui_test_drain ();
  g_assert_cmpstr (st_comment_pane_get_error (pane), ==, "Write the comment first");
  g_assert_cmpuint (st_comment_pane_get_n_threads (pane), ==, 0);
  g_assert_false (st_window_get_is_modified (fixture->window));

  gtk_editable_set_text (entry, "Please say when Paul Maltby took up the post.");
  /* Enter in the entry posts it */
  g_signal_emit_by_name (entry, "activate");
  ui_test_drain ();
  g_assert_null (st_comment_pane_get_error (pane));
  g_assert_cmpuint (st_comment_pane_get_n_threads (pane), ==, 1);
  g_assert_cmpuint (st_comment_pane_get_n_open (pane), ==, 1);
  /* Only that section's pane has it */
  g_assert_cmpuint (st_comment_pane_get_n_threads (st_submission_form_get_comment_pane (form, "plans-2015")), ==, 0);
  g_assert_true (st_window_get_is_modified (fixture->window));

  save (fixture);
  comment = saved_comment (ui_test_saved_submission (parser, fixture->path, "CO", "1"), 0);
  g_assert_cmpstr (json_object_get_string_member (comment, "section"), ==, "progress-2014");
  g_assert_cmpstr (json_object_get_string_member (comment, "author"), ==, "Rita Reviewer");
  g_assert_cmpstr (json_object_get_string_member (comment, "text"), ==, "Please say when Paul Maltby took up the post.");
  g_assert_false (json_object_get_boolean_member (comment, "resolved"));
}

/* The department sees the thread in its pack, cannot start one, replies,
 * resolves and reopens */
static void
test_review_comment_reply_resolve (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *pack_path = g_build_filename (fixture->dir, "co-with-comment.stocktake", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  StSubmissionForm *form = st_window_get_form (fixture->window);
  StCommentPane *pane;
  GtkEditable *entry;
  JsonObject *saved;
  JsonObject *reply;

  /* The central team's comment, then CO's pack */
  {
    g_autoptr(StReport) report = st_report_new_from_file (fixture->path, NULL, &error);
    g_autoptr(StWorkflow) reviewer = NULL;
    g_autoptr(StReport) pack = NULL;

    g_assert_no_error (error);
    reviewer = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, "Rita Reviewer");
    id = g_strdup (st_workflow_add_comment (reviewer, "CO", "1", "plans-2015", "When will it be set up?", &error));
    g_assert_no_error (error);
    pack = st_pack_new (report, "CO", "report.stocktake", &error);
    g_assert_no_error (error);
    g_assert_true (st_report_save_to_file (pack, pack_path, &error));
  }
  g_settings_set_string (st_application_get_settings (fixture->application), "author-name", "Colin Office");

  ui_test_open_file (fixture->window, pack_path);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  pane = st_submission_form_get_comment_pane (form, "plans-2015");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_cmpuint (st_comment_pane_get_n_open (pane), ==, 1);
  /* A department answers threads but does not start them */
  g_assert_null (st_comment_pane_get_entry (pane, NULL));
  /* A section with no comments shows nothing to a department */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (st_submission_form_get_comment_pane (form, "progress-2014"))));

  entry = st_comment_pane_get_entry (pane, id);
  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, "In April 2015.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "comments.reply", "s", id));
  ui_test_drain ();
  g_assert_null (st_comment_pane_get_error (pane));
  g_assert_cmpuint (st_comment_pane_get_n_threads (pane), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "comments.resolve", "s", id));
  ui_test_drain ();
  g_assert_cmpuint (st_comment_pane_get_n_open (pane), ==, 0);
  /* Resolved: no reply entry any more */
  g_assert_null (st_comment_pane_get_entry (pane, id));

  save (fixture);
  saved = ui_test_saved_submission (parser, pack_path, "CO", "1");
  g_assert_true (json_object_get_boolean_member (saved_comment (saved, 0), "resolved"));
  reply = saved_comment (saved, 1);
  g_assert_cmpstr (json_object_get_string_member (reply, "reply-to"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (reply, "text"), ==, "In April 2015.");
  g_assert_cmpstr (json_object_get_string_member (reply, "author"), ==, "Colin Office");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "comments.reopen", "s", id));
  ui_test_drain ();
  g_assert_cmpuint (st_comment_pane_get_n_open (pane), ==, 1);
  save (fixture);
  saved = ui_test_saved_submission (parser, pack_path, "CO", "1");
  g_assert_false (json_object_get_boolean_member (saved_comment (saved, 0), "resolved"));
}

/* Every open comment the form counts can be read, answered and resolved
 * on the form, whatever the status: the comment a submission was
 * returned with outlives the return */
static void
test_review_return_comment_reachable (Fixture       *fixture,
                                      gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  StCommentPane *pane;
  StSubmission *submission;
  const char *id;

  ui_test_open_file (fixture->window, fixture->path);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  g_assert_true (st_window_set_status (fixture->window, "CO", "1", ST_STATUS_RETURNED,
                                       "Say how many meetings were held.", &error));
  g_assert_no_error (error);
  ui_test_drain ();
  pane = st_submission_form_get_comment_pane (form, NULL);
  g_assert_cmpuint (st_comment_pane_get_n_open (pane), ==, 1);

  /* Submitted again (as a merged pack would) and approved */
  submission = st_report_lookup_submission (st_window_get_report (fixture->window), "CO", "1");
  st_submission_set_status (submission, ST_STATUS_SUBMITTED);
  ui_test_drain ();
  g_assert_true (st_window_set_status (fixture->window, "CO", "1", ST_STATUS_APPROVED, NULL, &error));
  g_assert_no_error (error);
  ui_test_drain ();

  /* Still counted, and still there to act on */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pane)));
  g_assert_cmpuint (st_comment_pane_get_n_threads (pane), ==, 1);
  g_assert_cmpuint (st_comment_pane_get_n_open (pane), ==, 1);
  g_assert_cmpuint (st_workflow_count_unresolved (submission, NULL), ==, 1);
  threads = st_workflow_list_threads (submission, NULL);
  id = ((StCommentThread *) g_ptr_array_index (threads, 0))->root->id;
  g_assert_nonnull (st_comment_pane_get_entry (pane, id));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "comments.resolve", "s", id));
  ui_test_drain ();
  g_assert_null (st_comment_pane_get_error (pane));
  g_assert_cmpuint (st_comment_pane_get_n_open (pane), ==, 0);
  /* Resolving a comment is no edit: it stays approved */
  g_assert_cmpint (current_status (fixture, "CO", "1"), ==, ST_STATUS_APPROVED);
  save (fixture);
  g_assert_true (json_object_get_boolean_member (saved_comment (ui_test_saved_submission (parser, fixture->path, "CO", "1"), 0),
                                                 "resolved"));
  g_assert_cmpstr (saved_status (parser, fixture->path, "CO", "1"), ==, "approved");

  /* A thread on an earlier round's section, still folded away, is listed
   * with the whole submission's until the earlier rounds are unfolded */
  {
    StReport *report = st_window_get_report (fixture->window);
    StTemplate *template = st_report_get_template (report);
    g_autoptr(GPtrArray) sections = st_template_item_sections (template, st_template_find_item (template, "1"),
                                                               st_report_get_round (report));
    const StSection *earlier = NULL;
    g_autofree char *earlier_id = NULL;
    StCommentPane *earlier_pane;
    GtkExpander *expander = GTK_EXPANDER (ui_test_find_descendant (GTK_WIDGET (form), GTK_TYPE_EXPANDER));

    for (guint i = 0; i < sections->len && earlier == NULL; i++)
      if (((const StSection *) g_ptr_array_index (sections, i))->round != st_report_get_round (report))
        earlier = g_ptr_array_index (sections, i);
    g_assert_nonnull (earlier);
    g_assert_nonnull (expander);
    g_assert_false (gtk_expander_get_expanded (expander));

    id = st_workflow_add_comment (st_window_get_workflow (fixture->window), "CO", "1", earlier->id,
                                  "This year is wrong.", &error);
    g_assert_no_error (error);
    earlier_id = g_strdup (id);
    ui_test_drain ();
    g_assert_cmpuint (st_comment_pane_get_n_open (pane), ==, 1);
    g_assert_nonnull (st_comment_pane_get_entry (pane, earlier_id));

    /* Unfolded, it is beside its section and no longer here */
    gtk_expander_set_expanded (expander, TRUE);
    ui_test_drain ();
    earlier_pane = st_submission_form_get_comment_pane (form, earlier->id);
    g_assert_nonnull (earlier_pane);
    g_assert_cmpuint (st_comment_pane_get_n_open (earlier_pane), ==, 1);
    g_assert_cmpuint (st_comment_pane_get_n_open (pane), ==, 0);
    g_assert_null (st_comment_pane_get_entry (pane, earlier_id));
  }
}

/* The review queue */

/* Presses @keys on the display's keyboard with @window focused, then
 * waits for @check; FALSE when the display is not X11 */
static gboolean
press_keys (Fixture     *fixture,
            const char  *keys,
            gboolean   (*check) (gpointer data),
            gpointer     data)
{
  return ui_test_press_keys (GTK_WINDOW (fixture->window), keys, check, data);
}

typedef struct {
  Fixture    *fixture;
  const char *respondent_id;
  StStatus    status;
} StatusWait;

static gboolean
has_status (gpointer data)
{
  StatusWait *wait = data;

  return current_status (wait->fixture, wait->respondent_id, "1") == wait->status;
}

static gboolean
has_dialog (gpointer data)
{
  Fixture *fixture = data;

  return ui_test_find_dialog (GTK_WINDOW (fixture->window)) != NULL;
}

static gboolean
shows_page (gpointer data)
{
  Fixture *fixture = data;
  const char *page = g_object_get_data (G_OBJECT (fixture->window), "awaited-page");

  return g_strcmp0 (st_window_get_visible_page (fixture->window), page) == 0;
}

static const char *
row_respondent (StReviewQueue *queue,
                guint          position)
{
  const char *respondent_id = NULL, *item_id = NULL;

  if (!st_review_queue_get_row (queue, position, &respondent_id, &item_id))
    return NULL;
  g_assert_cmpstr (item_id, ==, "1");
  return respondent_id;
}

static void
add_submitted_entry (StReport   *report,
                     const char *respondent_id,
                     const char *time)
{
  StSubmission *submission = st_report_lookup_submission (report, respondent_id, "1");

  st_submission_set_status (submission, ST_STATUS_SUBMITTED);
  if (time != NULL)
    st_submission_add_history (submission, st_history_entry_new ("Dee Partment", time, NULL, "status",
                                                                 "draft", "submitted"));
}

/* Whether a shown label anywhere says @data */
static gboolean
label_shown_in (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_shown_in (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
shows_label (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (label_shown_in (toplevel, data))
        return TRUE;
    }
  return FALSE;
}

/* Submitted returns, oldest first, filtered, approved and returned with
 * the keyboard, and opened with Enter */
static void
test_review_queue (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  StReviewQueue *queue = st_window_get_review_queue (fixture->window);
  const char *respondent_id, *item_id;
  AdwMessageDialog *dialog;
  StatusWait wait = { fixture, NULL, 0 };
  JsonObject *saved;

  {
    g_autoptr(StReport) report = st_report_new_from_file (fixture->path, NULL, &error);

    g_assert_no_error (error);
    add_submitted_entry (report, "CO", "2026-11-20T09:00:00Z");
    add_submitted_entry (report, "AGO", "2026-11-20T10:00:00Z");
    add_submitted_entry (report, "DfE", NULL);
    g_assert_true (st_report_save_to_file (report, fixture->path, &error));
  }

  ui_test_open_file (fixture->window, fixture->path);
  g_assert_true (action_enabled (fixture, "win.show-review-queue"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-review-queue", NULL));
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "review");

  /* First submitted, first listed; no time recorded, last */
  g_assert_cmpuint (st_review_queue_get_n_waiting (queue), ==, 3);
  g_assert_cmpstr (row_respondent (queue, 0), ==, "CO");
  g_assert_cmpstr (row_respondent (queue, 1), ==, "AGO");
  g_assert_cmpstr (row_respondent (queue, 2), ==, "DfE");
  g_assert_cmpstr (st_review_queue_get_summary (queue), ==, "3 submissions to review; 3 shown");

  /* Filters narrow it */
  st_review_queue_set_filter (queue, "CO", NULL);
  g_assert_cmpuint (st_review_queue_get_n_shown (queue), ==, 1);
  g_assert_cmpstr (row_respondent (queue, 0), ==, "CO");
  st_review_queue_set_filter (queue, NULL, "2");
  g_assert_cmpuint (st_review_queue_get_n_shown (queue), ==, 0);
  g_assert_cmpstr (st_review_queue_get_summary (queue), ==, "3 submissions to review; 0 shown");
  /* Nothing selected, nothing to approve */
  g_assert_false (action_enabled (fixture, "win.approve-submission"));
  st_review_queue_set_filter (queue, NULL, "1");
  g_assert_cmpuint (st_review_queue_get_n_shown (queue), ==, 3);
  st_review_queue_set_filter (queue, NULL, NULL);

  /* Ctrl+Shift+A approves the selected return, which leaves the queue */
  st_review_queue_select (queue, 1);
  g_assert_true (st_review_queue_get_selected (queue, &respondent_id, &item_id));
  g_assert_cmpstr (respondent_id, ==, "AGO");
  g_assert_true (action_enabled (fixture, "win.approve-submission"));
  st_review_queue_focus (queue);
  wait.respondent_id = "AGO";
  wait.status = ST_STATUS_APPROVED;
  if (!press_keys (fixture, "ctrl+shift+a", has_status, &wait))
    {
      g_test_skip ("The keyboard can only be driven on X11");
      return;
    }
  g_assert_cmpuint (st_review_queue_get_n_waiting (queue), ==, 2);
  /* The next one is selected for the reviewer to go on */
  g_assert_true (st_review_queue_get_selected (queue, &respondent_id, &item_id));
  g_assert_cmpstr (respondent_id, ==, "DfE");

  /* Ctrl+Shift+R asks for the comment */
  press_keys (fixture, "ctrl+shift+r", has_dialog, fixture);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Return DfE, Action 1?");
  set_dialog_comment (dialog, "Please name the digital leader.");
  ui_test_respond (dialog, "return");
  g_assert_cmpint (current_status (fixture, "DfE", "1"), ==, ST_STATUS_RETURNED);
  g_assert_cmpuint (st_review_queue_get_n_waiting (queue), ==, 1);
  /* The notification says what was just done, not what was done before */
  g_assert_true (ui_test_wait_for (shows_label, (gpointer) "Returned DfE, Action 1 to the department", 2));

  /* Enter opens the selected return's form */
  st_review_queue_focus (queue);
  g_object_set_data (G_OBJECT (fixture->window), "awaited-page", (gpointer) "form");
  press_keys (fixture, "Return", shows_page, fixture);
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, "CO");
  /* F7 goes back to the queue */
  g_object_set_data (G_OBJECT (fixture->window), "awaited-page", (gpointer) "review");
  press_keys (fixture, "F7", shows_page, fixture);

  save (fixture);
  saved = ui_test_saved_submission (parser, fixture->path, "AGO", "1");
  g_assert_cmpstr (json_object_get_string_member (saved, "status"), ==, "approved");
  g_assert_cmpuint (count_history (saved, "status", "submitted", "approved"), ==, 1);
  saved = ui_test_saved_submission (parser, fixture->path, "DfE", "1");
  g_assert_cmpstr (json_object_get_string_member (saved, "status"), ==, "returned");
  g_assert_cmpstr (json_object_get_string_member (saved_comment (saved, 0), "text"), ==,
                   "Please name the digital leader.");
  g_assert_cmpstr (saved_status (parser, fixture->path, "CO", "1"), ==, "submitted");
}

static gboolean
row_of (StReviewQueue *queue,
        const char    *respondent_id,
        guint         *position)
{
  for (guint i = 0; i < st_review_queue_get_n_shown (queue); i++)
    if (g_strcmp0 (row_respondent (queue, i), respondent_id) == 0)
      {
        *position = i;
        return TRUE;
      }
  return FALSE;
}

typedef struct {
  StReviewQueue *queue;
  const char    *respondent_id;
  char          *before;
} CheckWait;

static gboolean
checks_changed (gpointer data)
{
  CheckWait *wait = data;
  g_autofree char *now = NULL;
  guint position;

  if (!row_of (wait->queue, wait->respondent_id, &position))
    return FALSE;
  now = st_review_queue_describe_checks (wait->queue, position);
  return g_strcmp0 (now, wait->before) != 0;
}

/* Submitting elsewhere adds to the queue while it is shown */
static void
test_review_queue_live (Fixture       *fixture,
                        gconstpointer  data)
{
  StReviewQueue *queue = st_window_get_review_queue (fixture->window);
  StReport *report;

  ui_test_open_file (fixture->window, fixture->path);
  st_window_show_review_queue (fixture->window);
  ui_test_drain ();
  g_assert_cmpuint (st_review_queue_get_n_waiting (queue), ==, 2);

  /* What checks find follows the text, and open comments are counted */
  {
    CheckWait wait = { queue, "CO", NULL };
    g_autofree char *after = NULL;
    guint position;

    g_assert_true (row_of (queue, "CO", &position));
    wait.before = st_review_queue_describe_checks (queue, position);
    report = st_window_get_report (fixture->window);
    st_submission_set_text (st_report_lookup_submission (report, "CO", "1"), "plans-2015", "Figures TBC.");
    g_assert_true (ui_test_wait_for (checks_changed, &wait, 10));
    g_assert_true (row_of (queue, "CO", &position));
    after = st_review_queue_describe_checks (queue, position);
    g_test_message ("%s → %s", wait.before, after);
    g_assert_nonnull (strstr (after, "warning"));
    g_free (wait.before);

    g_assert_nonnull (st_workflow_add_comment (st_window_get_workflow (fixture->window), "AGO", "1",
                                               "progress-2014", "Dates?", NULL));
    ui_test_drain ();
    g_assert_true (row_of (queue, "AGO", &position));
    g_clear_pointer (&after, g_free);
    after = st_review_queue_describe_checks (queue, position);
    g_assert_true (g_str_has_suffix (after, ", 1 open comment"));
  }

  /* As a merged pack would: the department's own move, made in the report */
  report = st_window_get_report (fixture->window);
  st_submission_set_status (st_report_lookup_submission (report, "DfE", "1"), ST_STATUS_SUBMITTED);
  ui_test_drain ();
  g_assert_cmpuint (st_review_queue_get_n_waiting (queue), ==, 3);
  g_assert_cmpstr (st_review_queue_get_summary (queue), ==, "3 submissions to review; 3 shown");

  g_assert_true (st_window_set_status (fixture->window, "CO", "1", ST_STATUS_RETURNED, "Dates, please.", NULL));
  ui_test_drain ();
  g_assert_cmpuint (st_review_queue_get_n_waiting (queue), ==, 2);

  /* All approved: the empty state */
  g_assert_true (st_window_set_status (fixture->window, "AGO", "1", ST_STATUS_APPROVED, NULL, NULL));
  g_assert_true (st_window_set_status (fixture->window, "DfE", "1", ST_STATUS_RETURNED, "Unfinished.", NULL));
  ui_test_drain ();
  g_assert_cmpuint (st_review_queue_get_n_waiting (queue), ==, 0);
  g_assert_cmpstr (st_review_queue_get_summary (queue), ==, "No submissions waiting for review");
}

static gboolean
has_threads (gpointer data)
{
  return st_comment_pane_get_n_threads (data) > 0;
}

/* Ctrl+Enter sends the return's comment, and a comment, rather than
 * starting a new line */
static void
test_review_ctrl_enter_sends (Fixture       *fixture,
                              gconstpointer  data)
{
  StatusWait wait = { fixture, "CO", ST_STATUS_RETURNED };
  g_autoptr(JsonParser) parser = json_parser_new ();
  AdwMessageDialog *dialog;
  StCommentPane *pane;
  JsonObject *saved;

  ui_test_open_file (fixture->window, fixture->path);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.return-submission", NULL));
  ui_test_drain ();
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Ctrl+Enter"));
  set_dialog_comment (dialog, "Dates, please.");
  if (!ui_test_press_keys (GTK_WINDOW (dialog), "ctrl+Return", has_status, &wait))
    {
      g_test_skip ("Needs an X11 display");
      return;
    }
  ui_test_drain ();
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));

  /* A comment on a section, posted the same way */
  ui_test_select_in_sidebar (fixture->window, "AGO", "1");
  pane = st_submission_form_get_comment_pane (st_window_get_form (fixture->window), "plans-2015");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "comments.start", NULL));
  ui_test_drain ();
  gtk_editable_set_text (st_comment_pane_get_entry (pane, NULL), "Which month?");
  press_keys (fixture, "ctrl+Return", has_threads, pane);
  g_assert_null (st_comment_pane_get_error (pane));

  save (fixture);
  saved = ui_test_saved_submission (parser, fixture->path, "CO", "1");
  g_assert_cmpstr (json_object_get_string_member (saved, "status"), ==, "returned");
  g_assert_cmpstr (json_object_get_string_member (saved_comment (saved, 0), "text"), ==, "Dates, please.");
  saved = ui_test_saved_submission (parser, fixture->path, "AGO", "1");
  g_assert_cmpstr (json_object_get_string_member (saved_comment (saved, 0), "text"), ==, "Which month?");
  g_assert_cmpstr (json_object_get_string_member (saved_comment (saved, 0), "section"), ==, "plans-2015");
}

/* The keyboard's place after posting, replying and resolving */

typedef struct {
  Fixture       *fixture;
  StCommentPane *pane;
  const char    *action_name;  /* of the button to be focused, or NULL */
  const char    *id;           /* the thread: its reply's entry, empty */
} CommentFocusWait;

static GtkWidget *
focus_widget (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static gboolean
comment_focus_is (gpointer data)
{
  CommentFocusWait *wait = data;
  GtkWidget *focus = focus_widget (wait->fixture);

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (wait->pane)) || !gtk_widget_get_mapped (focus))
    return FALSE;
  if (wait->action_name != NULL)
    return GTK_IS_BUTTON (focus) &&
           g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), wait->action_name) == 0;
  {
    GtkEditable *entry = st_comment_pane_get_entry (wait->pane, wait->id);

    return entry != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)) &&
           *gtk_editable_get_text (entry) == '\0';
  }
}

static gboolean
has_comment_error (gpointer data)
{
  return st_comment_pane_get_error (data) != NULL;
}

/* The first button under @widget that @action_name acts on */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
        return child;
      if ((found = find_action_button (child, action_name)) != NULL)
        return found;
    }
  return NULL;
}

/* Sending a comment or a reply, or resolving a thread, makes the threads
 * again: the focus stays in the thread rather than going back to the
 * window's first button */
static void
test_review_comment_focus (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  CommentFocusWait wait = { fixture, NULL, "comments.reply", NULL };
  g_autofree char *id = NULL;
  GtkWidget *focus;
  JsonObject *saved;

  ui_test_open_file (fixture->window, fixture->path);
  ui_test_select_in_sidebar (fixture->window, "AGO", "1");
  wait.pane = st_submission_form_get_comment_pane (st_window_get_form (fixture->window), "plans-2015");
  g_assert_nonnull (wait.pane);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wait.pane), "comments.start", NULL));
  ui_test_drain ();
  gtk_editable_set_text (st_comment_pane_get_entry (wait.pane, NULL), "Which month?");

  /* Posted: on the new thread's Reply */
  if (!press_keys (fixture, "ctrl+Return", comment_focus_is, &wait))
    {
      g_test_skip ("Needs an X11 display");
      return;
    }
  g_assert_cmpuint (st_comment_pane_get_n_threads (wait.pane), ==, 1);
  focus = focus_widget (fixture);
  id = g_variant_dup_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (focus)), NULL);
  g_assert_nonnull (st_comment_pane_get_entry (wait.pane, id));

  /* A reply: back in the thread's reply, emptied, to go on */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (st_comment_pane_get_entry (wait.pane, id))));
  gtk_editable_set_text (st_comment_pane_get_entry (wait.pane, id), "By March.");
  wait.action_name = NULL;
  wait.id = id;
  press_keys (fixture, "Return", comment_focus_is, &wait);
  g_assert_null (st_comment_pane_get_error (wait.pane));

  /* A blank reply is refused, and the focus stays put */
  press_keys (fixture, "Return", has_comment_error, wait.pane);
  g_assert_cmpstr (st_comment_pane_get_error (wait.pane), ==, "Write the reply first");
  g_assert_true (comment_focus_is (&wait));

  /* Resolved: on the thread's Reopen; reopened: on its Resolve */
  g_assert_true (gtk_widget_grab_focus (find_action_button (GTK_WIDGET (wait.pane), "comments.resolve")));
  wait.action_name = "comments.reopen";
  press_keys (fixture, "Return", comment_focus_is, &wait);
  g_assert_cmpuint (st_comment_pane_get_n_open (wait.pane), ==, 0);
  save (fixture);
  saved = ui_test_saved_submission (parser, fixture->path, "AGO", "1");
  g_assert_true (json_object_get_boolean_member (saved_comment (saved, 0), "resolved"));

  wait.action_name = "comments.resolve";
  press_keys (fixture, "space", comment_focus_is, &wait);
  g_assert_cmpuint (st_comment_pane_get_n_open (wait.pane), ==, 1);

  save (fixture);
  saved = ui_test_saved_submission (parser, fixture->path, "AGO", "1");
  g_assert_cmpstr (json_object_get_string_member (saved_comment (saved, 0), "text"), ==, "Which month?");
  g_assert_cmpstr (json_object_get_string_member (saved_comment (saved, 1), "text"), ==, "By March.");
  g_assert_false (json_object_get_boolean_member (saved_comment (saved, 0), "resolved"));
}

/* Why the toasts after Approve and Return offer no Undo: the core has no
 * such move for a reviewer, and the app does not go round it */
static void
test_review_status_reverse_refused (Fixture       *fixture,
                                    gconstpointer  data)
{
  StWorkflow *workflow;
  g_autoptr(GError) error = NULL;

  ui_test_open_file (fixture->window, fixture->path);
  workflow = st_window_get_workflow (fixture->window);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.approve-submission", NULL));
  ui_test_drain ();
  g_assert_cmpint (current_status (fixture, "CO", "1"), ==, ST_STATUS_APPROVED);
  g_assert_false (st_workflow_can_set_status (workflow, "CO", "1", ST_STATUS_SUBMITTED, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (st_window_set_status (fixture->window, "CO", "1", ST_STATUS_SUBMITTED, NULL, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (st_window_set_status (fixture->window, "AGO", "1", ST_STATUS_RETURNED, "Dates?", NULL));
  g_assert_false (st_workflow_can_set_status (workflow, "AGO", "1", ST_STATUS_SUBMITTED, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);
  ui_test_drain ();
  g_assert_cmpint (current_status (fixture, "CO", "1"), ==, ST_STATUS_APPROVED);
  g_assert_cmpint (current_status (fixture, "AGO", "1"), ==, ST_STATUS_RETURNED);
}

/* The sidebar's row for the submission selected in it */
static StSidebarNode *
selected_node (Fixture *fixture)
{
  GtkSingleSelection *selection = st_sidebar_get_selection (st_window_get_sidebar (fixture->window));
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  StSidebarNode *node;

  g_assert_nonnull (row);
  node = gtk_tree_list_row_get_item (row);
  g_object_unref (node);  /* the row keeps it */
  g_assert_false (st_sidebar_node_is_group (node));
  return node;
}

static char *
node_short_text (StSidebarNode *node)
{
  char *text = NULL;

  g_object_get (node, "short-text", &text, NULL);
  return text;
}

/* Each sidebar row says where its submission has got to in review, in
 * words and with an icon, as the overview does */
static void
test_review_sidebar_status (Fixture       *fixture,
                            gconstpointer  data)
{
  StSidebarNode *node;
  g_autofree char *text = NULL;

  ui_test_open_file (fixture->window, fixture->path);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  node = selected_node (fixture);
  text = node_short_text (node);
  g_assert_cmpstr (text, ==, "Submitted");
  g_assert_true (g_str_has_suffix (st_sidebar_node_get_status_text (node), " · Submitted"));

  g_assert_true (st_window_set_status (fixture->window, "CO", "1", ST_STATUS_RETURNED, "Dates, please.", NULL));
  ui_test_drain ();
  node = selected_node (fixture);
  g_clear_pointer (&text, g_free);
  text = node_short_text (node);
  g_assert_cmpstr (text, ==, "Returned");
  g_assert_cmpstr (st_sidebar_node_get_icon_name (node), ==, "mail-replied-symbolic");
  g_assert_true (g_str_has_suffix (st_sidebar_node_get_status_text (node), " · Returned"));
  /* Its action's row gives no tick while it waits on the department */
  g_assert_true (st_sidebar_node_is_group (st_sidebar_node_get_parent (node)));
  g_assert_true (g_str_has_suffix (st_sidebar_node_get_status_text (st_sidebar_node_get_parent (node)),
                                   "; 1 returned"));
  g_assert_cmpstr (st_sidebar_node_get_icon_name (st_sidebar_node_get_parent (node)), ==, "mail-replied-symbolic");

  /* AGO is approved, warnings or not: the tick and the word say so */
  ui_test_select_in_sidebar (fixture->window, "AGO", "1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.approve-submission", NULL));
  ui_test_drain ();
  node = selected_node (fixture);
  g_clear_pointer (&text, g_free);
  text = node_short_text (node);
  g_assert_cmpstr (text, ==, "Approved");
  g_assert_cmpstr (st_sidebar_node_get_icon_name (node), ==, "emblem-default-symbolic");

  /* A draft still says how far it has got */
  ui_test_select_in_sidebar (fixture->window, "DfE", "1");
  node = selected_node (fixture);
  g_clear_pointer (&text, g_free);
  text = node_short_text (node);
  g_assert_cmpstr (text, !=, "Submitted");
  g_assert_false (g_str_has_suffix (st_sidebar_node_get_status_text (node), "Submitted"));
}

/* The words on the overview's cell for @respondent_id and @item_id */
static const char *
overview_cell_text (Fixture    *fixture,
                    const char *respondent_id,
                    const char *item_id)
{
  GtkWidget *overview = ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_OVERVIEW);
  GtkWidget *button;

  g_assert_nonnull (overview);
  button = ui_test_find_cell_button (overview, respondent_id, item_id);
  g_assert_nonnull (button);
  return st_overview_cell_get_text (ST_OVERVIEW_CELL (button));
}

/* A reviewer sees on the overview, not only hears, that a submitted or
 * approved return has warnings */
static void
test_review_overview_warnings (Fixture       *fixture,
                               gconstpointer  data)
{
  StReport *report;
  GtkWidget *button;
  guint errors = 0, warnings = 0;

  ui_test_open_file (fixture->window, fixture->path);
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "overview");
  report = st_window_get_report (fixture->window);

  /* Without warnings, the status alone */
  st_issues_count_current (st_window_get_issues (fixture->window), "AGO", "1", &errors, &warnings, NULL);
  g_assert_cmpuint (errors + warnings, ==, 0);
  g_assert_cmpstr (overview_cell_text (fixture, "AGO", "1"), ==, "Submitted");

  /* Submitted with warnings: the icon and the count */
  st_submission_set_text (st_report_lookup_submission (report, "AGO", "1"), "plans-2015",
                          "AGO will set dates, TBC, and review eg the board.");
  ui_test_drain ();
  st_issues_count_current (st_window_get_issues (fixture->window), "AGO", "1", &errors, &warnings, NULL);
  g_assert_cmpuint (errors, ==, 0);
  g_assert_cmpuint (warnings, ==, 2);
  g_assert_cmpstr (overview_cell_text (fixture, "AGO", "1"), ==, "Submitted · 2 warnings");
  button = ui_test_find_cell_button (ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_OVERVIEW),
                                     "AGO", "1");
  g_assert_cmpstr (st_overview_cell_get_icon_name (ST_OVERVIEW_CELL (button)), ==, "dialog-warning-symbolic");

  /* One left: the singular */
  st_submission_set_text (st_report_lookup_submission (report, "AGO", "1"), "plans-2015",
                          "AGO will set dates, TBC.");
  ui_test_drain ();
  g_assert_cmpstr (overview_cell_text (fixture, "AGO", "1"), ==, "Submitted · 1 warning");

  /* Approved, it is still to be seen beside the tick */
  g_assert_true (st_window_set_status (fixture->window, "AGO", "1", ST_STATUS_APPROVED, NULL, NULL));
  ui_test_drain ();
  g_assert_cmpstr (overview_cell_text (fixture, "AGO", "1"), ==, "Approved · 1 warning");
  g_assert_cmpstr (st_overview_cell_get_icon_name (ST_OVERVIEW_CELL (button)), ==, "emblem-default-symbolic");

  /* A draft says how far it has got, as before */
  g_assert_cmpstr (overview_cell_text (fixture, "HMRC", "1"), ==, "Not started");
}

int
main (int   argc,
      char *argv[])
{
  StApplication *application;

  if (!ui_test_init (&argc, &argv))
    return 0;
  application = ui_test_application ();

#define ADD(name, func) \
  g_test_add ("/review/" name, Fixture, application, fixture_set_up, func, fixture_tear_down)
  ADD ("submit-refused", test_review_submit_refused);
  ADD ("overview-warnings", test_review_overview_warnings);
  ADD ("submit-with-warnings", test_review_submit_with_warnings);
  ADD ("return-needs-comment", test_review_return_needs_comment);
  ADD ("approve-edit-publish", test_review_approve_edit_publish);
  ADD ("comment-start", test_review_comment_start);
  ADD ("comment-reply-resolve", test_review_comment_reply_resolve);
  ADD ("return-comment-reachable", test_review_return_comment_reachable);
  ADD ("queue", test_review_queue);
  ADD ("sidebar-status", test_review_sidebar_status);
  ADD ("ctrl-enter-sends", test_review_ctrl_enter_sends);
  ADD ("comment-focus", test_review_comment_focus);
  ADD ("status-reverse-refused", test_review_status_reverse_refused);
  ADD ("queue-live", test_review_queue_live);
#undef ADD

  return ui_test_run ();
}
