/* test-ui-window.c: the window, driven as a user drives it
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "st-export-dialog.h"
#include "st-overview.h"
#include "st-preferences-window.h"
#include "st-overview-row.h"
#include "st-sidebar-node.h"
#include "st-sidebar-row.h"
#include "test-file-helpers.h"
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
  fixture->application = ST_APPLICATION ((gpointer) data);
  fixture->dir = ui_test_make_dir ();
  fixture->path = ui_test_write_report (fixture->dir, "digital-leaders.stocktake");
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

static void
open_report (Fixture *fixture)
{
  ui_test_open_file (fixture->window, fixture->path);
}

/* Earlier rounds' sections are built when unfolded or asked for, with the
 * submission's text, and only once */
/* Saves, and checks that saving asked nothing and left nothing unsaved */
static void
save_at_once (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_false (st_window_get_is_modified (fixture->window));
}

static void
test_window_earlier_rounds (Fixture       *fixture,
                            gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  g_autofree char *text = NULL;
  GtkWidget *expander;
  StSectionEditor *editor;

  open_report (fixture);
  ui_test_select_in_sidebar (fixture->window, "AGO", "1");
  expander = ui_test_find_descendant (GTK_WIDGET (form), GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));

  /* Unfolded, they show their text, to read */
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  ui_test_drain ();
  g_assert_nonnull (ui_test_find_descendant (expander, ST_TYPE_SECTION_EDITOR));
  editor = st_submission_form_get_editor (form, "commitments-2012");
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (editor), expander));
  g_assert_false (gtk_text_view_get_editable (st_section_editor_get_text_view (editor)));
  text = st_section_editor_get_text (editor);
  g_assert_cmpstr (text, ==, "The Attorney General’s Office (AGO) has board-level responsibility for digital.");
  g_clear_pointer (&text, g_free);
  /* Folding and unfolding again adds nothing */
  gtk_expander_set_expanded (GTK_EXPANDER (expander), FALSE);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  {
    guint n = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (editor)));
         child != NULL; child = gtk_widget_get_next_sibling (child))
      if (ST_IS_SECTION_EDITOR (child) &&
          g_str_equal (st_section_editor_get_section_id (ST_SECTION_EDITOR (child)), "commitments-2012"))
        n++;
    g_assert_cmpuint (n, ==, 1);
  }

  /* The next form starts folded; asking for an earlier section builds it
   * with this submission's text */
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  editor = st_submission_form_get_editor (form, "plans-2014");
  g_assert_nonnull (editor);
  text = st_section_editor_get_text (editor);
  g_assert_cmpstr (text, ==, "The executive management committee (EMC) will continue to commit to the digital strategy.");
  g_assert_null (st_submission_form_get_editor (form, "no-such-section"));
}

static void
test_window_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_null (st_window_get_report (fixture->window));
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "welcome");
  g_assert_false (st_window_get_is_modified (fixture->window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Stocktake");
  /* Nothing to save: saving does nothing and asks nothing */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
}

static void
test_window_open_edit_save (Fixture       *fixture,
                            gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  StSectionEditor *editor;
  StSubmission *submission;
  g_autofree char *on_disk = NULL;

  open_report (fixture);
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "overview");
  g_assert_false (st_window_get_is_modified (fixture->window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (fixture->window)), "digital-leaders.stocktake"));

  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "form");
  g_assert_cmpstr (st_submission_form_get_respondent_id (form), ==, "CO");
  g_assert_cmpstr (st_submission_form_get_item_id (form), ==, "1");

  /* The round's sections in order, with their published headings */
  {
    g_autoptr(GPtrArray) editors = st_submission_form_get_editors (form);

    g_assert_cmpuint (editors->len, ==, 2);
    g_assert_cmpstr (st_section_editor_get_heading (g_ptr_array_index (editors, 0)), ==, "Progress during 2014");
    g_assert_cmpstr (st_section_editor_get_heading (g_ptr_array_index (editors, 1)), ==, "Planned activities in 2015");
  }
  /* Earlier rounds are there to read, not to change */
  editor = st_submission_form_get_editor (form, "plans-2014");
  g_assert_nonnull (editor);
  g_assert_false (st_section_editor_get_editable (editor));
  g_assert_false (gtk_text_view_get_editable (st_section_editor_get_text_view (editor)));

  editor = st_submission_form_get_editor (form, "progress-2014");
  {
    g_autofree char *shown = st_section_editor_get_text (editor);

    g_assert_cmpstr (shown, ==, "Paul Maltby is the Cabinet Office digital lead.");
  }

  ui_test_type_in_section (fixture->window, "progress-2014", " Tom Read is the CTO.");

  /* The model follows the typing */
  submission = st_report_lookup_submission (st_window_get_report (fixture->window), "CO", "1");
  g_assert_cmpstr (st_submission_get_text (submission, "progress-2014"), ==,
                   "Paul Maltby is the Cabinet Office digital lead. Tom Read is the CTO.");
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (fixture->window)), "• "));

  /* Not on disk until saved */
  on_disk = ui_test_text_on_disk (fixture->path, "CO", "1", "progress-2014");
  g_assert_cmpstr (on_disk, ==, "Paul Maltby is the Cabinet Office digital lead.");
  g_clear_pointer (&on_disk, g_free);

  save_at_once (fixture);
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (fixture->window)), "• "));

  on_disk = ui_test_text_on_disk (fixture->path, "CO", "1", "progress-2014");
  g_assert_cmpstr (on_disk, ==, "Paul Maltby is the Cabinet Office digital lead. Tom Read is the CTO.");
}

/* A submission that is not in the file yet is added by the first edit */
static void
test_window_edit_new_submission (Fixture       *fixture,
                                 gconstpointer  data)
{
  StReport *report;
  g_autofree char *on_disk = NULL;

  open_report (fixture);
  report = st_window_get_report (fixture->window);
  g_assert_null (st_report_lookup_submission (report, "HMRC", "7"));

  ui_test_select_in_sidebar (fixture->window, "HMRC", "7");
  /* Looking is not editing */
  g_assert_null (st_report_lookup_submission (report, "HMRC", "7"));
  g_assert_false (st_window_get_is_modified (fixture->window));

  ui_test_type_in_section (fixture->window, "plans-2015", "HMRC will publish more.");
  g_assert_nonnull (st_report_lookup_submission (report, "HMRC", "7"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();

  on_disk = ui_test_text_on_disk (fixture->path, "HMRC", "7", "plans-2015");
  g_assert_cmpstr (on_disk, ==, "HMRC will publish more.");
}

static void
test_window_broken_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *broken_path = g_build_filename (fixture->dir, "broken.stocktake", NULL);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.stocktake", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  StReport *report;
  AdwMessageDialog *dialog;

  open_report (fixture);
  report = st_window_get_report (fixture->window);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  ui_test_type_in_section (fixture->window, "plans-2015", " Soon.");

  /* Not JSON: the error has its line and column */
  g_assert_true (g_file_set_contents (broken_path, "{\n  \"format\": \"stocktake-report\",\n  \"version\": 1,\n  oops\n}\n", -1, NULL));
  g_assert_false (st_window_open_file (fixture->window, broken));

  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_test_message ("%s / %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "broken.stocktake"));
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "The report is damaged at line 3, column 15: "));

  /* The report, its file and its unsaved edit stay */
  g_assert_true (st_window_get_report (fixture->window) == report);
  g_assert_true (g_file_equal (st_window_get_file (fixture->window), fixture->file));
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, "CO");
  /* No second window for a file that did not open */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture->application))), ==, 1);
  ui_test_close_dialogs ();

  /* Well-formed, but not a report */
  g_assert_true (g_file_set_contents (broken_path, "{ \"format\": \"something-else\", \"version\": 1 }", -1, NULL));
  g_assert_false (st_window_open_file (fixture->window, broken));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  /* The plain sentence first, the detail with its place after */
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "This file is not a Stocktake report: it is a “something-else” file");
  ui_test_close_dialogs ();

  /* Published pages, as HTML and as text: the way to read them in is named */
  {
    static const char * const pages[] = {
      "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><title>Action 1</title></head><body></body></html>\n",
      "Action 1: ensure there is an active digital leader\nUpdated 16 January 2015\n",
    };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_assert_true (g_file_set_contents (broken_path, pages[i], -1, NULL));
        g_assert_false (st_window_open_file (fixture->window, broken));
        dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
        g_assert_nonnull (dialog);
        g_test_message ("%s", adw_message_dialog_get_body (dialog));
        g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                         "This looks like a published page, not a Stocktake report."));
        g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Import Published Pages…"));
        g_assert_null (strstr (adw_message_dialog_get_body (dialog), "JSON"));
        g_assert_true (st_window_get_report (fixture->window) == report);
        ui_test_close_dialogs ();
      }
  }

  /* Not there at all */
  g_assert_false (st_window_open_file (fixture->window, missing));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "missing.stocktake"));
  g_assert_true (st_window_get_report (fixture->window) == report);
}

static void
test_window_broken_file_empty_window (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *broken_path = g_build_filename (fixture->dir, "broken.stocktake", NULL);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);

  g_assert_true (g_file_set_contents (broken_path, "[", -1, NULL));
  g_assert_false (st_window_open_file (fixture->window, broken));
  g_assert_nonnull (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_null (st_window_get_report (fixture->window));
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "welcome");
}

static void
on_notify_is_modified (GObject    *object,
                       GParamSpec *pspec,
                       guint      *count)
{
  (*count)++;
}

static void
test_window_modified_flag (Fixture       *fixture,
                           gconstpointer  data)
{
  guint notified = 0;
  StSectionEditor *editor;
  GtkTextBuffer *buffer;

  open_report (fixture);
  g_signal_connect (fixture->window, "notify::is-modified", G_CALLBACK (on_notify_is_modified), &notified);

  /* Moving around changes nothing */
  ui_test_select_in_sidebar (fixture->window, "AGO", "1");
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  g_assert_false (st_window_get_is_modified (fixture->window));
  g_assert_cmpuint (notified, ==, 0);

  /* Loading the text is not something to undo */
  editor = st_submission_form_get_editor (st_window_get_form (fixture->window), "progress-2014");
  buffer = st_section_editor_get_buffer (editor);
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));

  ui_test_type_in_section (fixture->window, "progress-2014", "!");
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  g_assert_false (st_window_get_is_modified (fixture->window));
  g_assert_cmpuint (notified, ==, 2);

  /* Undo is an edit like any other */
  gtk_text_buffer_undo (buffer);
  ui_test_drain ();
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (st_window_get_report (fixture->window), "CO", "1"),
                                           "progress-2014"),
                   ==, "Paul Maltby is the Cabinet Office digital lead.");
  gtk_text_buffer_redo (buffer);
  ui_test_drain ();
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (st_window_get_report (fixture->window), "CO", "1"),
                                           "progress-2014"),
                   ==, "Paul Maltby is the Cabinet Office digital lead.!");
}

static void
test_window_close_asks (Fixture       *fixture,
                        gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autofree char *on_disk = NULL;

  open_report (fixture);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");

  /* Nothing to lose: closing needs no question. Checked with a second
   * window on another file. */
  {
    g_autofree char *other_path = ui_test_write_report (fixture->dir, "other.stocktake");
    g_autoptr(GFile) other = g_file_new_for_path (other_path);
    StWindow *second = st_application_open_file (fixture->application, other, NULL);

    g_assert_nonnull (second);
    g_assert_true (second != fixture->window);
    g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);
    gtk_window_close (GTK_WINDOW (second));
    ui_test_drain ();
    g_assert_null (second);
  }

  ui_test_type_in_section (fixture->window, "progress-2014", " Edited.");
  gtk_window_close (GTK_WINDOW (fixture->window));
  ui_test_drain ();
  g_assert_nonnull (fixture->window);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));

  /* Cancel: nothing happens */
  ui_test_respond (dialog, "cancel");
  g_assert_nonnull (fixture->window);
  g_assert_true (st_window_get_is_modified (fixture->window));

  /* Save: saved, then closed */
  gtk_window_close (GTK_WINDOW (fixture->window));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  ui_test_respond (dialog, "save");
  g_assert_null (fixture->window);
  on_disk = ui_test_text_on_disk (fixture->path, "CO", "1", "progress-2014");
  g_assert_cmpstr (on_disk, ==, "Paul Maltby is the Cabinet Office digital lead. Edited.");
}

static void
test_window_close_discard (Fixture       *fixture,
                           gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autofree char *on_disk = NULL;

  open_report (fixture);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  ui_test_type_in_section (fixture->window, "progress-2014", " Thrown away.");

  gtk_window_close (GTK_WINDOW (fixture->window));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  ui_test_respond (dialog, "discard");
  g_assert_null (fixture->window);

  on_disk = ui_test_text_on_disk (fixture->path, "CO", "1", "progress-2014");
  g_assert_cmpstr (on_disk, ==, "Paul Maltby is the Cabinet Office digital lead.");
}

/* A folder that takes no new file: saving says it is the folder, names
 * the file it was being saved as, and offers Save As…; nothing is lost */
static void
test_window_save_folder_read_only (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GFile) elsewhere = g_file_new_for_path ("/sys/new.stocktake");
  AdwMessageDialog *dialog;
  g_autofree char *on_disk = NULL;
  g_autofree char *folder_name = NULL;
  g_autofree char *heading = NULL;

  open_report (fixture);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  ui_test_type_in_section (fixture->window, "progress-2014", " Kept.");

  /* Save As into a folder of kernel files, which refuses even root */
  if (g_file_test ("/sys/kernel", G_FILE_TEST_IS_DIR))
    {
      g_assert_false (st_window_save_to_file (fixture->window, elsewhere));
      ui_test_drain ();
      dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
      g_assert_nonnull (dialog);
      g_test_message ("%s\n%s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
      /* The name it was being saved as, not the open file's */
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save “new.stocktake”");
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                       "The folder “sys” cannot be written to, so the report cannot be saved there. "
                       "Use Save As… to save it somewhere else.");
      g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
      g_assert_true (adw_message_dialog_has_response (dialog, "close"));
      ui_test_respond (dialog, "close");
      g_assert_true (g_file_equal (st_window_get_file (fixture->window), fixture->file));
      g_assert_true (st_window_get_is_modified (fixture->window));
      g_assert_false (g_file_query_exists (elsewhere, NULL));
    }
  else
    g_test_message ("No /sys: Save As into a folder that refuses it not checked");

  if (geteuid () == 0)
    {
      g_test_skip ("Running as root, which may write in a read-only folder: saving in place not checked");
      return;
    }

  /* Ctrl+S with the report's own folder made read-only */
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save “digital-leaders.stocktake”");
  folder_name = g_path_get_basename (fixture->dir);
  heading = g_strdup_printf ("The folder “%s” cannot be written to, so the report cannot be saved there. "
                             "Use Save As… to save it somewhere else.", folder_name);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, heading);
  ui_test_respond (dialog, "close");

  /* Closing, with the changes still unsaved, keeps the window when
   * saving fails */
  gtk_window_close (GTK_WINDOW (fixture->window));
  ui_test_drain ();
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  ui_test_respond (dialog, "save");
  g_assert_nonnull (fixture->window);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save “digital-leaders.stocktake”");
  ui_test_respond (dialog, "close");
  g_assert_nonnull (fixture->window);
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);

  on_disk = ui_test_text_on_disk (fixture->path, "CO", "1", "progress-2014");
  g_assert_cmpstr (on_disk, ==, "Paul Maltby is the Cabinet Office digital lead.");
}

/* A read-only report in a folder that could take it: the error is about
 * the file, not the folder, and the file stays as it was */
static void
test_window_save_file_read_only (Fixture       *fixture,
                                 gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autofree char *on_disk = NULL;

  open_report (fixture);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  ui_test_type_in_section (fixture->window, "progress-2014", " Kept.");
  if (!test_make_read_only (fixture->path, TRUE))
    {
      g_test_skip ("Cannot make a file read-only here (running as root without immutable files)");
      g_assert_true (test_make_read_only (fixture->path, FALSE));
      return;
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save “digital-leaders.stocktake”");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "“digital-leaders.stocktake” is read-only, so the report cannot be saved over it. "
                   "Use Save As… to save it under another name.");
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
  ui_test_respond (dialog, "close");
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_true (test_make_read_only (fixture->path, FALSE));
  on_disk = ui_test_text_on_disk (fixture->path, "CO", "1", "progress-2014");
  g_assert_cmpstr (on_disk, ==, "Paul Maltby is the Cabinet Office digital lead.");
  g_clear_pointer (&on_disk, g_free);

  /* Writable again, it saves */
  save_at_once (fixture);
  on_disk = ui_test_text_on_disk (fixture->path, "CO", "1", "progress-2014");
  g_assert_cmpstr (on_disk, ==, "Paul Maltby is the Cabinet Office digital lead. Kept.");
}

/* A device that cannot be written to is named as one, not as a folder */
static void
test_window_save_device (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) device = NULL;
  AdwMessageDialog *dialog;
  const char *path = NULL;
  const char *candidates[] = { "/dev/kmsg", "/dev/mem", "/dev/port", "/dev/console" };

  /* A character device this user may not write to */
  for (guint i = 0; i < G_N_ELEMENTS (candidates) && path == NULL; i++)
    {
      GStatBuf info;
      int fd;

      if (g_stat (candidates[i], &info) != 0 || !S_ISCHR (info.st_mode))
        continue;
      fd = g_open (candidates[i], O_WRONLY | O_NONBLOCK, 0);
      if (fd >= 0)
        close (fd);
      else if (errno == EACCES || errno == EPERM)
        path = candidates[i];
    }
  if (path == NULL)
    {
      g_test_skip ("No device here refuses to be written to");
      return;
    }

  open_report (fixture);
  device = g_file_new_for_path (path);
  g_assert_false (st_window_save_to_file (fixture->window, device));
  ui_test_drain ();
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_true (g_str_has_suffix (adw_message_dialog_get_body (dialog),
                                   " is a device that cannot be written to. Use Save As… to save the report in a file."));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "folder"));
  ui_test_respond (dialog, "close");
  g_assert_true (g_file_equal (st_window_get_file (fixture->window), fixture->file));
}

static guint
count_rows (StWindow *window,
            gboolean  groups)
{
  GListModel *model = gtk_single_selection_get_model (st_sidebar_get_selection (st_window_get_sidebar (window)));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(StSidebarNode) node = gtk_tree_list_row_get_item (row);

      if (st_sidebar_node_is_group (node) == groups)
        n++;
    }
  return n;
}

static StSidebarNode *
first_row (StWindow *window)
{
  GListModel *model = gtk_single_selection_get_model (st_sidebar_get_selection (st_window_get_sidebar (window)));
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, 0);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static void
test_window_sidebar_modes (Fixture       *fixture,
                           gconstpointer  data)
{
  GSettings *settings = st_application_get_settings (fixture->application);
  StSidebar *sidebar = st_window_get_sidebar (fixture->window);
  g_autoptr(StSidebarNode) first = NULL;
  const char *respondent_id = NULL, *item_id = NULL;

  g_settings_set_string (settings, "sidebar-mode", "by-action");
  open_report (fixture);

  /* By action: 16 actions, each with its departments */
  g_assert_cmpuint (count_rows (fixture->window, TRUE), ==, 16);
  g_assert_cmpuint (count_rows (fixture->window, FALSE), ==, 0);
  first = first_row (fixture->window);
  g_assert_cmpstr (st_sidebar_node_get_item_id (first), ==, "1");
  g_assert_true (g_str_has_prefix (st_sidebar_node_get_title (first), "Action 1: "));
  g_clear_object (&first);

  ui_test_select_in_sidebar (fixture->window, "DfE", "1");
  g_assert_cmpuint (count_rows (fixture->window, FALSE), ==, 17);

  /* The switch in the header is an action; the choice is remembered */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sidebar-mode", "s", "by-department"));
  ui_test_drain ();
  g_assert_cmpstr (st_sidebar_get_mode (sidebar), ==, ST_SIDEBAR_MODE_BY_DEPARTMENT);
  {
    g_autofree char *saved = g_settings_get_string (settings, "sidebar-mode");

    g_assert_cmpstr (saved, ==, "by-department");
  }

  /* By department: 17 departments; the submission stays selected */
  g_assert_cmpuint (count_rows (fixture->window, TRUE), ==, 17);
  first = first_row (fixture->window);
  g_assert_cmpstr (st_sidebar_node_get_respondent_id (first), ==, "AGO");
  g_assert_cmpstr (st_sidebar_node_get_title (first), ==, "The Attorney General’s Office");
  g_assert_true (st_sidebar_get_selected (sidebar, &respondent_id, &item_id));
  g_assert_cmpstr (respondent_id, ==, "DfE");
  g_assert_cmpstr (item_id, ==, "1");
  g_assert_cmpuint (count_rows (fixture->window, FALSE), ==, 16);

  ui_test_select_in_sidebar (fixture->window, "HMT", "15");
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, "HMT");
  g_assert_cmpstr (st_submission_form_get_item_id (st_window_get_form (fixture->window)), ==, "15");

  /* A setting changed elsewhere (another window) applies here too */
  g_settings_set_string (settings, "sidebar-mode", "by-action");
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_sidebar_mode (fixture->window), ==, "by-action");
  g_assert_cmpuint (count_rows (fixture->window, TRUE), ==, 16);
}

static void
test_window_sidebar_state (Fixture       *fixture,
                           gconstpointer  data)
{
  StSidebar *sidebar = st_window_get_sidebar (fixture->window);
  GtkSingleSelection *selection = st_sidebar_get_selection (sidebar);
  g_autoptr(StSidebarNode) node = NULL;

  open_report (fixture);
  ui_test_select_in_sidebar (fixture->window, "DfE", "1");
  node = gtk_tree_list_row_get_item (gtk_single_selection_get_selected_item (selection));
  g_assert_cmpstr (st_sidebar_node_get_title (node), ==, "Department for Education");
  /* Said in words, not only by an icon or a colour */
  g_assert_cmpstr (st_sidebar_node_get_status_text (node), ==, "Incomplete: 1 section missing");
  g_assert_cmpstr (st_submission_form_get_status_text (st_window_get_form (fixture->window)), ==,
                   "Incomplete: 1 section missing");

  ui_test_type_in_section (fixture->window, "plans-2015", "DfE will go on.");
  g_assert_cmpstr (st_sidebar_node_get_status_text (node), ==, "Complete");
  g_assert_cmpstr (st_sidebar_node_get_icon_name (node), ==, "emblem-ok-symbolic");
  g_assert_cmpstr (st_submission_form_get_status_text (st_window_get_form (fixture->window)), ==, "Complete");

  /* The group counts it */
  {
    g_autoptr(StSidebarNode) group = first_row (fixture->window);

    g_assert_cmpstr (st_sidebar_node_get_status_text (group), ==, "3 of 17 done");
  }
}

/* The widget of the sidebar's row at @position, if the list shows it */
static GtkWidget *
sidebar_row_widget (StWindow *window,
                    guint     position)
{
  GtkWidget *list = ui_test_find_descendant (GTK_WIDGET (st_window_get_sidebar (window)), GTK_TYPE_LIST_VIEW);

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row_widget = ui_test_find_descendant (child, ST_TYPE_SIDEBAR_ROW);
      GtkTreeListRow *row = row_widget != NULL ? st_sidebar_row_get_list_row (ST_SIDEBAR_ROW (row_widget)) : NULL;

      if (row != NULL && gtk_tree_list_row_get_position (row) == position)
        return row_widget;
    }
  return NULL;
}

/* Selecting goes to the submission's row however many groups are open
 * above it, and the row shows its name, its state in words and its icon */
static void
test_window_sidebar_rows (Fixture       *fixture,
                          gconstpointer  data)
{
  StSidebar *sidebar = st_window_get_sidebar (fixture->window);
  GtkSingleSelection *selection = st_sidebar_get_selection (sidebar);
  const char *respondent_id = NULL, *item_id = NULL;
  g_autoptr(StSidebarNode) node = NULL;
  g_autofree char *short_text = NULL;
  GtkWidget *row;
  StSidebarStatus *status;
  guint position;

  g_settings_set_string (st_application_get_settings (fixture->application), "sidebar-mode", "by-action");
  open_report (fixture);

  /* Two groups open above it, then one below */
  ui_test_select_in_sidebar (fixture->window, "DfE", "1");
  ui_test_select_in_sidebar (fixture->window, "CO", "2");
  st_window_show_submission (fixture->window, "HMT", "15");
  ui_test_drain ();
  g_assert_true (st_sidebar_get_selected (sidebar, &respondent_id, &item_id));
  g_assert_cmpstr (respondent_id, ==, "HMT");
  g_assert_cmpstr (item_id, ==, "15");
  /* 16 groups, 17 departments in each of the three open */
  g_assert_cmpuint (count_rows (fixture->window, FALSE), ==, 3 * 17);
  st_window_show_submission (fixture->window, "AGO", "1");
  ui_test_drain ();
  g_assert_true (st_sidebar_get_selected (sidebar, &respondent_id, &item_id));
  g_assert_cmpstr (respondent_id, ==, "AGO");
  g_assert_cmpstr (item_id, ==, "1");
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, "AGO");

  /* Not there: nothing changes */
  g_assert_false (st_sidebar_select (sidebar, "NOPE", "1"));
  g_assert_false (st_sidebar_select (sidebar, "AGO", "99"));
  g_assert_true (st_sidebar_get_selected (sidebar, &respondent_id, &item_id));
  g_assert_cmpstr (respondent_id, ==, "AGO");

  /* What the selected row shows */
  position = gtk_single_selection_get_selected (selection);
  node = gtk_tree_list_row_get_item (gtk_single_selection_get_selected_item (selection));
  row = sidebar_row_widget (fixture->window, position);
  g_assert_nonnull (row);
  g_assert_true (st_sidebar_row_get_node (ST_SIDEBAR_ROW (row)) == node);
  g_assert_cmpstr (st_sidebar_row_get_title (ST_SIDEBAR_ROW (row)), ==, "The Attorney General’s Office");
  status = st_sidebar_row_get_status (ST_SIDEBAR_ROW (row));
  g_object_get (node, "short-text", &short_text, NULL);
  g_assert_cmpstr (st_sidebar_status_get_text (status), ==, short_text);
  g_assert_cmpstr (st_sidebar_status_get_text (status), !=, "");
  g_assert_cmpstr (st_sidebar_status_get_icon_name (status), ==, st_sidebar_node_get_icon_name (node));
}

static void
test_window_search (Fixture       *fixture,
                    gconstpointer  data)
{
  StSidebar *sidebar = st_window_get_sidebar (fixture->window);
  g_autoptr(StSidebarNode) first = NULL;

  open_report (fixture);

  /* An abbreviation: that department under every action, shown open */
  st_sidebar_set_search_text (sidebar, "hmrc");
  g_assert_cmpuint (count_rows (fixture->window, TRUE), ==, 16);
  g_assert_cmpuint (count_rows (fixture->window, FALSE), ==, 16);

  /* An action's number and a department together; 4 is not 14 */
  st_sidebar_set_search_text (sidebar, "4 hmrc");
  g_assert_cmpuint (count_rows (fixture->window, TRUE), ==, 1);
  g_assert_cmpuint (count_rows (fixture->window, FALSE), ==, 1);
  first = first_row (fixture->window);
  g_assert_cmpstr (st_sidebar_node_get_item_id (first), ==, "4");
  g_clear_object (&first);

  /* Nothing */
  st_sidebar_set_search_text (sidebar, "no such thing");
  g_assert_cmpuint (count_rows (fixture->window, TRUE), ==, 0);

  /* Showing a submission the search hides clears the search */
  st_window_show_submission (fixture->window, "DfE", "1");
  g_assert_cmpstr (st_sidebar_get_search_text (sidebar), ==, "");
  g_assert_cmpuint (count_rows (fixture->window, TRUE), ==, 16);
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, "DfE");
}

static void
test_window_next_previous (Fixture       *fixture,
                           gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);

  open_report (fixture);

  /* From nothing, next is the first */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-submission", NULL));
  ui_test_drain ();
  g_assert_cmpstr (st_submission_form_get_respondent_id (form), ==, "AGO");
  g_assert_cmpstr (st_submission_form_get_item_id (form), ==, "1");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-submission", NULL);
  ui_test_drain ();
  g_assert_cmpstr (st_submission_form_get_respondent_id (form), ==, "CO");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.previous-submission", NULL);
  ui_test_drain ();
  g_assert_cmpstr (st_submission_form_get_respondent_id (form), ==, "AGO");

  /* At the start there is nothing before */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.previous-submission", NULL);
  ui_test_drain ();
  g_assert_cmpstr (st_submission_form_get_respondent_id (form), ==, "AGO");

  /* From the last department on action 1 to the first on action 2 */
  st_window_show_submission (fixture->window, "MOJ", "1");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-submission", NULL);
  ui_test_drain ();
  g_assert_cmpstr (st_submission_form_get_respondent_id (form), ==, "AGO");
  g_assert_cmpstr (st_submission_form_get_item_id (form), ==, "2");

  /* Back to the overview */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-overview", NULL);
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "overview");
}

static void
test_window_not_applicable (Fixture       *fixture,
                            gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  GtkSwitch *toggle;
  AdwEntryRow *reason_row;
  StSubmission *submission;
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) on_disk = NULL;

  open_report (fixture);
  ui_test_select_in_sidebar (fixture->window, "HMT", "15");

  toggle = GTK_SWITCH (ui_test_find_descendant (GTK_WIDGET (form), GTK_TYPE_SWITCH));
  reason_row = ADW_ENTRY_ROW (ui_test_find_descendant (GTK_WIDGET (form), ADW_TYPE_ENTRY_ROW));
  g_assert_nonnull (toggle);
  g_assert_nonnull (reason_row);
  g_assert_false (gtk_switch_get_active (toggle));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (reason_row)));

  /* Switching it on asks for the reason, starting from the published sentence */
  gtk_switch_set_active (toggle, TRUE);
  ui_test_drain ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (reason_row)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reason_row)), ==, "This action is not applicable to HMT.");
  submission = st_report_lookup_submission (st_window_get_report (fixture->window), "HMT", "15");
  g_assert_nonnull (submission);
  g_assert_true (st_submission_get_not_applicable (submission));
  g_assert_cmpstr (st_submission_form_get_status_text (form), ==, "Not applicable");
  g_assert_true (st_window_get_is_modified (fixture->window));

  gtk_editable_set_text (GTK_EDITABLE (reason_row), "HMT runs no transactional services.");
  ui_test_drain ();
  g_assert_cmpstr (st_submission_get_not_applicable_reason (submission), ==, "HMT runs no transactional services.");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  on_disk = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (st_submission_get_not_applicable_reason (st_report_lookup_submission (on_disk, "HMT", "15")),
                   ==, "HMT runs no transactional services.");

  /* And off again */
  gtk_switch_set_active (toggle, FALSE);
  ui_test_drain ();
  g_assert_false (st_submission_get_not_applicable (submission));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (reason_row)));
  g_assert_cmpstr (st_submission_form_get_status_text (form), ==, "Not started");

  /* A space and an empty line typed are no answer: still not started */
  ui_test_type_in_section (fixture->window, "progress-2014", " \n");
  g_assert_cmpstr (st_submission_get_text (submission, "progress-2014"), ==, " \n");
  g_assert_cmpstr (st_submission_form_get_status_text (form), ==, "Not started");
}

static void
test_window_changed_on_disk (Fixture       *fixture,
                             gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  g_autoptr(StReport) theirs = NULL;

  open_report (fixture);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  ui_test_type_in_section (fixture->window, "progress-2014", " Mine.");

  /* Someone else saves the file meanwhile */
  theirs = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  st_submission_set_text (st_report_lookup_submission (theirs, "AGO", "1"), "progress-2014", "Theirs.");
  g_assert_true (st_report_save_to_file (theirs, fixture->path, &error));

  /* Saving asks first; cancelling writes nothing */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "reload"));
  g_assert_true (adw_message_dialog_has_response (dialog, "overwrite"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
  ui_test_respond (dialog, "cancel");
  on_disk = ui_test_text_on_disk (fixture->path, "AGO", "1", "progress-2014");
  g_assert_cmpstr (on_disk, ==, "Theirs.");
  g_clear_pointer (&on_disk, g_free);
  g_assert_true (st_window_get_is_modified (fixture->window));

  /* Overwrite: ours wins, theirs is gone */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  ui_test_respond (dialog, "overwrite");
  g_assert_false (st_window_get_is_modified (fixture->window));
  on_disk = ui_test_text_on_disk (fixture->path, "CO", "1", "progress-2014");
  g_assert_cmpstr (on_disk, ==, "Paul Maltby is the Cabinet Office digital lead. Mine.");
  g_clear_pointer (&on_disk, g_free);
  on_disk = ui_test_text_on_disk (fixture->path, "AGO", "1", "progress-2014");
  g_assert_cmpstr (on_disk, ==, "AGO has board-level responsibility for digital.");
  g_clear_pointer (&on_disk, g_free);

  /* Saved by us: the next save does not ask */
  ui_test_type_in_section (fixture->window, "progress-2014", " Again.");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  if (dialog != NULL)
    g_test_message ("unexpected: %s", adw_message_dialog_get_heading (dialog));
  g_assert_null (dialog);
  g_assert_false (st_window_get_is_modified (fixture->window));

  /* Changed again elsewhere; this time reload */
  ui_test_type_in_section (fixture->window, "progress-2014", " Lost.");
  g_assert_true (st_report_save_to_file (theirs, fixture->path, &error));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  ui_test_respond (dialog, "reload");
  g_assert_false (st_window_get_is_modified (fixture->window));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (st_window_get_report (fixture->window), "AGO", "1"),
                                           "progress-2014"),
                   ==, "Theirs.");
  /* The form shows the reloaded text, and still the same submission */
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, "CO");
  {
    g_autofree char *shown = st_section_editor_get_text (st_submission_form_get_editor (st_window_get_form (fixture->window),
                                                                                          "progress-2014"));

    g_assert_cmpstr (shown, ==, "Paul Maltby is the Cabinet Office digital lead.");
  }
}

static void
test_window_overview (Fixture       *fixture,
                      gconstpointer  data)
{
  StOverview *overview;
  GListModel *rows;
  GtkWidget *button;
  GtkWidget *label;
  g_autoptr(StOverviewRow) last = NULL;
  g_autoptr(GtkTooltip) tooltip = NULL;
  gboolean has_tooltip = FALSE;
  char *text;

  open_report (fixture);
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "overview");
  overview = ST_OVERVIEW (ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_OVERVIEW));
  g_assert_nonnull (overview);

  /* A row per department, then the totals */
  rows = st_overview_get_rows (overview);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 18);
  last = g_list_model_get_item (rows, 17);
  g_assert_true (st_overview_row_is_total (last));

#define CHECK_CELL(respondent, item, expected) \
  text = st_overview_describe_cell (overview, respondent, item); \
  g_assert_cmpstr (text, ==, expected); \
  g_free (text)

  CHECK_CELL ("CO", "1", "Complete");
  CHECK_CELL ("DfE", "1", "Incomplete: 1 section missing");
  CHECK_CELL ("HMRC", "1", "Not started");
  CHECK_CELL (NULL, "1", "2/17 done");       /* the column's total */
  CHECK_CELL ("CO", NULL, "1/16 done");      /* the row's total */
  g_assert_cmpstr (st_overview_get_summary (overview), ==,
                   "2 of 272 submissions done (0 not applicable); 539 sections still to write");

  /* Opening a cell opens its form */
  ui_test_drain ();
  button = ui_test_find_cell_button (GTK_WIDGET (overview), "DfE", "1");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "form");
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, "DfE");
  /* Its table is hidden while the form is shown, so that restyling the
   * window leaves it alone */
  g_assert_false (gtk_widget_get_visible (adw_bin_get_child (ADW_BIN (overview))));

  /* An edit shows in the overview at once */
  ui_test_type_in_section (fixture->window, "plans-2015", "DfE will go on.");
  CHECK_CELL ("DfE", "1", "Complete");
  CHECK_CELL (NULL, "1", "3/17 done");
  st_submission_form_set_not_applicable (st_window_get_form (fixture->window), "Not for DfE.");
  CHECK_CELL ("DfE", "1", "Not applicable");
  g_assert_cmpstr (st_overview_get_summary (overview), ==,
                   "3 of 272 submissions done (1 not applicable); 538 sections still to write");

  /* The button says it in words too */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-overview", NULL);
  ui_test_drain ();
  g_assert_true (gtk_widget_get_visible (adw_bin_get_child (ADW_BIN (overview))));
  g_assert_true (gtk_widget_get_mapped (adw_bin_get_child (ADW_BIN (overview))));
  button = ui_test_find_cell_button (GTK_WIDGET (overview), "DfE", "1");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  label = ui_test_find_descendant (button, GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "Not applicable");
  /* …and in a tooltip, made when asked for */
  g_assert_true (gtk_widget_get_has_tooltip (button));
  tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_signal_emit_by_name (button, "query-tooltip", 1, 1, FALSE, tooltip, &has_tooltip);
  g_assert_true (has_tooltip);
#undef CHECK_CELL
}

/* What st_issues_count() and st_issues_count_all() say is what counting
 * the findings one by one gives */
static void
assert_counts_agree (StIssues   *issues,
                     const char *respondent_id,
                     const char *item_id,
                     const char *section_id)
{
  GListModel *model = st_issues_get_model (issues);
  guint all[3] = { 0 }, here[3] = { 0 }, counted[3] = { 0 };

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(StFinding) finding = g_list_model_get_item (model, i);
      guint severity = MIN ((guint) st_finding_get_severity (finding), 2);

      all[severity]++;
      if (g_strcmp0 (st_finding_get_respondent_id (finding), respondent_id) == 0 &&
          g_strcmp0 (st_finding_get_item_id (finding), item_id) == 0 &&
          (section_id == NULL || g_strcmp0 (st_finding_get_section_id (finding), section_id) == 0))
        here[severity]++;
    }

  st_issues_count_all (issues, &counted[ST_SEVERITY_ERROR], &counted[ST_SEVERITY_WARNING], &counted[ST_SEVERITY_INFO]);
  g_assert_cmpuint (counted[ST_SEVERITY_ERROR], ==, all[ST_SEVERITY_ERROR]);
  g_assert_cmpuint (counted[ST_SEVERITY_WARNING], ==, all[ST_SEVERITY_WARNING]);
  g_assert_cmpuint (counted[ST_SEVERITY_INFO], ==, all[ST_SEVERITY_INFO]);

  st_issues_count (issues, respondent_id, item_id, section_id,
                   &counted[ST_SEVERITY_ERROR], &counted[ST_SEVERITY_WARNING], &counted[ST_SEVERITY_INFO]);
  g_assert_cmpuint (counted[ST_SEVERITY_ERROR], ==, here[ST_SEVERITY_ERROR]);
  g_assert_cmpuint (counted[ST_SEVERITY_WARNING], ==, here[ST_SEVERITY_WARNING]);
  g_assert_cmpuint (counted[ST_SEVERITY_INFO], ==, here[ST_SEVERITY_INFO]);
}

/* The list view under @widget whose rows are @model's */
static GtkListView *
find_list_showing (GtkWidget  *widget,
                   GListModel *model)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (widget));

      if (GTK_IS_NO_SELECTION (selection) &&
          gtk_no_selection_get_model (GTK_NO_SELECTION (selection)) == model)
        return GTK_LIST_VIEW (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = find_list_showing (child, model);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Issues panel lists what the overview and the forms count: the
 * round being collected, not the published text of earlier rounds */
static void
test_window_issues_this_round (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", "digital-leaders.stocktake", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  StIssues *issues;
  StIssuesPanel *panel;
  StTemplate *template;
  GListModel *shown;
  guint errors = 0, warnings = 0, infos = 0;
  guint all_errors = 0, all_warnings = 0, all_infos = 0;
  guint cells = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no sample report");
      return;
    }
  g_assert_true (st_window_open_file (fixture->window, file));
  ui_test_drain ();
  issues = st_window_get_issues (fixture->window);
  template = st_report_get_template (st_window_get_report (fixture->window));

  /* AGO's action 1 has slips in its 2012 and 2013 text too: not listed */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-issues", NULL);
  ui_test_drain ();
  panel = st_window_get_issues_panel (fixture->window);
  st_issues_panel_set_filter (panel, -1, "AGO", "1");
  shown = st_issues_panel_get_shown (panel);
  st_issues_count_current (issues, "AGO", "1", &errors, &warnings, &infos);
  g_assert_cmpuint (errors + warnings + infos, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, errors + warnings + infos);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(StFinding) finding = g_list_model_get_item (shown, i);
      const StSection *section = st_template_find_section (template, st_finding_get_section_id (finding));

      g_assert_nonnull (section);
      g_assert_cmpuint (section->round, ==, st_report_get_round (st_window_get_report (fixture->window)));
    }

  /* Everything listed is counted in the overview's cells */
  for (guint r = 0; r < st_template_get_n_respondents (template); r++)
    for (guint i = 0; i < st_template_get_n_items (template); i++)
      {
        st_issues_count_current (issues, st_template_get_respondent (template, r)->id,
                                 st_template_get_item (template, i)->id, &errors, &warnings, &infos);
        cells += errors + warnings + infos;
      }
  st_issues_count_all (issues, &all_errors, &all_warnings, &all_infos);
  g_assert_cmpuint (cells, ==, all_errors + all_warnings + all_infos);
  g_assert_cmpuint (g_list_model_get_n_items (st_issues_get_model (issues)), ==, cells);
}

static void
test_window_issues (Fixture       *fixture,
                    gconstpointer  data)
{
  StIssues *issues;
  StIssuesPanel *panel;
  GListModel *shown;
  StSectionEditor *editor;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autoptr(StSidebarNode) node = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *before = NULL;
  guint errors = 0, warnings = 0;

  open_report (fixture);
  issues = st_window_get_issues (fixture->window);
  g_assert_nonnull (issues);

  /* Most departments have not answered yet */
  st_issues_count_all (issues, &errors, NULL, NULL);
  g_assert_cmpuint (errors, >, 0);
  st_issues_count (issues, "HMRC", "1", "", &errors, NULL, NULL);
  g_assert_cmpuint (errors, ==, 1);

  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  node = gtk_tree_list_row_get_item (gtk_single_selection_get_selected_item (
           st_sidebar_get_selection (st_window_get_sidebar (fixture->window))));
  editor = st_submission_form_get_editor (st_window_get_form (fixture->window), "plans-2015");
  st_issues_count (issues, "CO", "1", "plans-2015", &errors, &warnings, NULL);
  g_assert_cmpuint (errors + warnings, ==, 0);
  g_assert_null (st_section_editor_get_state (editor));
  before = g_strdup (st_sidebar_node_get_status_text (node));

  /* A placeholder is found as it is typed */
  ui_test_type_in_section (fixture->window, "plans-2015", " Dates TBC.");
  st_issues_count (issues, "CO", "1", "plans-2015", NULL, &warnings, NULL);
  g_assert_cmpuint (warnings, >=, 1);
  g_assert_nonnull (st_section_editor_get_state (editor));
  g_assert_nonnull (strstr (st_section_editor_get_state (editor), "warning"));
  g_assert_nonnull (strstr (st_sidebar_node_get_status_text (node), "warning"));
  g_assert_cmpstr (st_sidebar_node_get_icon_name (node), ==, "dialog-warning-symbolic");
  /* The counts, kept as findings come and go, agree with the findings */
  assert_counts_agree (issues, "CO", "1", "plans-2015");
  assert_counts_agree (issues, "HMRC", "1", NULL);

  /* …also when the warning goes again */
  {
    GtkTextBuffer *text = st_section_editor_get_buffer (editor);
    GtkTextIter from, to;

    gtk_text_buffer_get_end_iter (text, &to);
    from = to;
    gtk_text_iter_backward_chars (&from, strlen (" Dates TBC."));
    gtk_text_buffer_delete_interactive (text, &from, &to, TRUE);
    ui_test_drain ();
    st_issues_count (issues, "CO", "1", "plans-2015", &errors, &warnings, NULL);
    g_assert_cmpuint (errors + warnings, ==, 0);
    assert_counts_agree (issues, "CO", "1", "plans-2015");
    ui_test_type_in_section (fixture->window, "plans-2015", " Dates TBC.");
    assert_counts_agree (issues, "CO", "1", "plans-2015");
  }

  /* The panel lists it; filtered to this submission's warnings… */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-issues", NULL);
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "issues");
  panel = st_window_get_issues_panel (fixture->window);
  st_issues_panel_set_filter (panel, ST_SEVERITY_WARNING, "CO", "1");
  shown = st_issues_panel_get_shown (panel);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >=, 1);
  /* The list, given its rows when the panel is first shown, has these */
  g_assert_nonnull (find_list_showing (GTK_WIDGET (panel), shown));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(StFinding) finding = g_list_model_get_item (shown, i);

      g_assert_cmpint (st_finding_get_severity (finding), ==, ST_SEVERITY_WARNING);
      g_assert_cmpstr (st_finding_get_respondent_id (finding), ==, "CO");
      g_assert_cmpstr (st_finding_get_item_id (finding), ==, "1");
    }

  /* …and opening it selects the words in the form */
  {
    g_autoptr(StFinding) placeholder = NULL;
    guint position = G_MAXUINT;

    for (guint i = 0; i < g_list_model_get_n_items (shown) && position == G_MAXUINT; i++)
      {
        g_autoptr(StFinding) finding = g_list_model_get_item (shown, i);

        if (g_str_equal (st_finding_get_rule_id (finding), ST_RULE_PLACEHOLDER))
          position = i;
      }
    g_assert_cmpuint (position, !=, G_MAXUINT);
    st_issues_panel_activate (panel, position);
  }
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "form");
  buffer = st_section_editor_get_buffer (editor);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (selected, ==, "TBC");

  /* Fixed: the finding goes, and the states with it */
  gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "in May", -1, TRUE);
  ui_test_drain ();
  st_issues_count (issues, "CO", "1", "plans-2015", &errors, &warnings, NULL);
  g_assert_cmpuint (errors + warnings, ==, 0);
  g_assert_null (st_section_editor_get_state (editor));
  g_assert_cmpstr (st_sidebar_node_get_status_text (node), ==, before);

  /* A slip in an earlier round's text is neither listed nor counted
   * against the submission: that text is published and cannot change now */
  st_submission_set_text (st_report_lookup_submission (st_window_get_report (fixture->window), "CO", "1"),
                          "plans-2014", "Dates TBC.");
  ui_test_drain ();
  st_issues_count (issues, "CO", "1", "plans-2014", &errors, &warnings, NULL);
  g_assert_cmpuint (errors + warnings, ==, 0);
  assert_counts_agree (issues, "CO", "1", "plans-2014");
  st_issues_count_current (issues, "CO", "1", &errors, &warnings, NULL);
  g_assert_cmpuint (errors + warnings, ==, 0);
  g_assert_cmpstr (st_sidebar_node_get_status_text (node), ==, before);

  /* Errors only: none of them is a warning */
  st_issues_panel_set_filter (panel, ST_SEVERITY_ERROR, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(StFinding) finding = g_list_model_get_item (shown, i);

      g_assert_cmpint (st_finding_get_severity (finding), ==, ST_SEVERITY_ERROR);
    }

  /* Answering a submission takes its "unanswered" error away */
  ui_test_select_in_sidebar (fixture->window, "HMRC", "1");
  ui_test_type_in_section (fixture->window, "progress-2014", "HMRC has a digital leader.");
  st_issues_count (issues, "HMRC", "1", "", &errors, NULL, NULL);
  g_assert_cmpuint (errors, ==, 0);
}

static gboolean
not_exporting (gpointer data)
{
  return !st_window_get_exporting (data);
}

static void
test_window_export (Fixture       *fixture,
                    gconstpointer  data)
{
  GSettings *settings = st_application_get_settings (fixture->application);
  g_autofree char *path = g_build_filename (fixture->dir, "update.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *folder = NULL;
  GtkProgressBar *progress;

  open_report (fixture);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  /* Unsaved text is exported as shown */
  ui_test_type_in_section (fixture->window, "plans-2015", " Exported while unsaved.");

  g_assert_true (st_window_export (fixture->window, "all", ST_EXPORT_HTML, file));
  g_assert_true (st_window_get_exporting (fixture->window));
  /* One at a time */
  g_assert_false (st_window_export (fixture->window, "all", ST_EXPORT_TEXT, file));

  /* The window goes on while the pages are written */
  ui_test_type_in_section (fixture->window, "progress-2014", " Typed during the export.");
  g_assert_true (ui_test_wait_for (not_exporting, fixture->window, 60));
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<html"));
  g_assert_nonnull (strstr (contents, "Cabinet Office"));
  g_assert_nonnull (strstr (contents, "Exported while unsaved."));

  progress = GTK_PROGRESS_BAR (ui_test_find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_PROGRESS_BAR));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress), ==, 1.0);

  /* The next export starts in the same folder */
  folder = g_settings_get_string (settings, "export-folder");
  g_assert_cmpstr (folder, ==, fixture->dir);
  g_settings_reset (settings, "export-folder");
}

/* Whether a label under @widget, such as a toast's, shows @text */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (shows_label (child, text))
        return TRUE;
    }
  return FALSE;
}

/* The reload button of a toast under @widget, or NULL */
static GtkWidget *
find_reload_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), "_Reload") == 0)
        return child;
      if ((found = find_reload_button (child)) != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  GtkWidget  *window;
  const char *text;
} ShownLabel;

static gboolean
label_shown (gpointer data)
{
  ShownLabel *shown = data;

  return shows_label (shown->window, shown->text);
}

/* Another program saving the open file is told of at once: with nothing
 * unsaved, the file can be reloaded from the toast; with something
 * unsaved, it is kept and saving will ask */
static void
test_window_file_changed_toast (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) theirs = NULL;
  g_autofree char *basename = g_path_get_basename (fixture->path);
  g_autofree char *unsaved_title = NULL;
  g_autofree char *saved_title = NULL;
  ShownLabel shown = { NULL, NULL };
  GtkWidget *reload;

  open_report (fixture);
  shown.window = GTK_WIDGET (fixture->window);
  saved_title = g_strdup_printf ("“%s” was changed by another program", basename);
  unsaved_title = g_strdup_printf ("“%s” was changed by another program. Your changes are kept: "
                                   "saving asks what to do with theirs.", basename);

  /* Nothing unsaved: told, and it reloads */
  theirs = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  st_submission_set_text (st_report_lookup_submission (theirs, "AGO", "1"), "progress-2014", "Theirs.");
  g_assert_true (st_report_save_to_file (theirs, fixture->path, &error));
  shown.text = saved_title;
  /* Waits for the event, with a generous limit; this is no timing test */
  g_assert_true (ui_test_wait_for (label_shown, &shown, 30));
  reload = find_reload_button (GTK_WIDGET (fixture->window));
  g_assert_nonnull (reload);
  g_signal_emit_by_name (reload, "clicked");
  ui_test_drain ();
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (st_window_get_report (fixture->window),
                                                                        "AGO", "1"),
                                           "progress-2014"),
                   ==, "Theirs.");
  g_assert_false (st_window_get_is_modified (fixture->window));

  /* Something unsaved: kept, nothing to reload from the toast */
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  ui_test_type_in_section (fixture->window, "progress-2014", " Mine.");
  st_submission_set_text (st_report_lookup_submission (theirs, "AGO", "1"), "progress-2014", "Theirs again.");
  g_assert_true (st_report_save_to_file (theirs, fixture->path, &error));
  shown.text = unsaved_title;
  g_assert_true (ui_test_wait_for (label_shown, &shown, 30));
  g_assert_null (find_reload_button (GTK_WIDGET (fixture->window)));
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (st_window_get_report (fixture->window),
                                                                        "AGO", "1"),
                                           "progress-2014"),
                   ==, "Theirs.");
}

/* The export dialog publishes approved returns only unless asked for a
 * preview, and says how many returns that leaves out */
static void
test_window_export_approved_only (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *published_path = g_build_filename (fixture->dir, "update.txt", NULL);
  g_autofree char *preview_path = g_build_filename (fixture->dir, "preview.txt", NULL);
  g_autoptr(GFile) published_file = g_file_new_for_path (published_path);
  g_autoptr(GFile) preview_file = g_file_new_for_path (preview_path);
  g_autofree char *published = NULL;
  g_autofree char *preview = NULL;
  g_autoptr(GError) error = NULL;
  StExportDialog *dialog;
  StViewContent content;

  /* CO's return on action 1 came in; AGO's and DfE's are drafts */
  {
    g_autoptr(StReport) report = st_report_new_from_file (fixture->path, NULL, &error);

    g_assert_no_error (error);
    st_submission_set_status (st_report_lookup_submission (report, "CO", "1"), ST_STATUS_SUBMITTED);
    g_assert_true (st_report_save_to_file (report, fixture->path, &error));
  }
  open_report (fixture);
  /* The central team approves it */
  g_assert_true (st_window_set_status (fixture->window, "CO", "1", ST_STATUS_APPROVED, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
  ui_test_drain ();
  dialog = ST_EXPORT_DIALOG (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_nonnull (dialog);

  /* For publication unless asked otherwise, and it says what is left out */
  g_assert_cmpint (st_export_dialog_get_content (dialog), ==, ST_VIEW_APPROVED_ONLY);
  g_assert_cmpstr (st_export_dialog_get_content_note (dialog), ==,
                   "2 of the 3 answered submissions are not approved yet and will be left out.");
  st_export_dialog_set_content (dialog, ST_VIEW_EVERYTHING);
  g_assert_cmpint (st_export_dialog_get_content (dialog), ==, ST_VIEW_EVERYTHING);
  g_assert_cmpstr (st_export_dialog_get_content_note (dialog), ==,
                   "2 of the 3 answered submissions are not approved yet: their text will be in the pages.");
  st_export_dialog_set_content (dialog, ST_VIEW_APPROVED_ONLY);
  content = st_export_dialog_get_content (dialog);
  g_assert_cmpint (content, ==, ST_VIEW_APPROVED_ONLY);
  ui_test_respond (ADW_MESSAGE_DIALOG (dialog), "cancel");

  /* What the dialog chose, written as the file chooser's answer would */
  g_assert_true (st_window_export_full (fixture->window, "action:1", content, ST_EXPORT_TEXT, published_file));
  g_assert_true (ui_test_wait_for (not_exporting, fixture->window, 60));
  ui_test_drain ();
  /* The toast says what was left out, not only where the page went */
  g_assert_true (shows_label (GTK_WIDGET (fixture->window),
                              "Exported to “update.txt”; 2 submissions not approved were left out"));
  g_assert_false (shows_label (GTK_WIDGET (fixture->window), "Exported to “update.txt”"));
  g_assert_true (st_window_export_full (fixture->window, "action:1", ST_VIEW_EVERYTHING, ST_EXPORT_TEXT, preview_file));
  g_assert_true (ui_test_wait_for (not_exporting, fixture->window, 60));
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));

  g_assert_true (g_file_get_contents (published_path, &published, NULL, NULL));
  g_assert_nonnull (strstr (published, "Paul Maltby is the Cabinet Office digital lead."));
  g_assert_null (strstr (published, "AGO has board-level responsibility for digital."));
  g_assert_null (strstr (published, "DfE has a digital leader in place."));
  g_assert_null (strstr (published, "Attorney General"));

  g_assert_true (g_file_get_contents (preview_path, &preview, NULL, NULL));
  g_assert_nonnull (strstr (preview, "Paul Maltby is the Cabinet Office digital lead."));
  g_assert_nonnull (strstr (preview, "AGO has board-level responsibility for digital."));
  g_assert_nonnull (strstr (preview, "DfE has a digital leader in place."));

  /* A page with nothing approved on it is not written empty: it says why */
  {
    g_autofree char *empty_path = g_build_filename (fixture->dir, "action-2.txt", NULL);
    g_autoptr(GFile) empty_file = g_file_new_for_path (empty_path);
    AdwMessageDialog *message;

    g_assert_true (st_window_export_full (fixture->window, "action:2", ST_VIEW_APPROVED_ONLY, ST_EXPORT_TEXT,
                                          empty_file));
    g_assert_true (ui_test_wait_for (not_exporting, fixture->window, 60));
    ui_test_drain ();
    message = ADW_MESSAGE_DIALOG (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
    g_assert_nonnull (message);
    g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Export to “action-2.txt”");
    g_assert_cmpstr (adw_message_dialog_get_body (message), ==,
                     "Nothing on the page for Action 2 is approved yet, so there is nothing to publish");
    g_assert_false (g_file_test (empty_path, G_FILE_TEST_EXISTS));
    ui_test_close_dialogs ();
  }
}

/* Exporting the whole update for publication marks the approved returns
 * published, through the window's workflow, and the report is saved with it */
static void
test_window_export_publish (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "update.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *page = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  StExportDialog *dialog;
  StReport *report;

  {
    g_autoptr(StReport) on_disk = st_report_new_from_file (fixture->path, NULL, &error);

    g_assert_no_error (error);
    st_submission_set_status (st_report_lookup_submission (on_disk, "CO", "1"), ST_STATUS_SUBMITTED);
    g_assert_true (st_report_save_to_file (on_disk, fixture->path, &error));
  }
  open_report (fixture);
  report = st_window_get_report (fixture->window);
  g_assert_true (st_window_set_status (fixture->window, "CO", "1", ST_STATUS_APPROVED, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  g_assert_false (st_window_get_is_modified (fixture->window));

  /* The dialog offers it for the whole update written for publication only */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
  ui_test_drain ();
  dialog = ST_EXPORT_DIALOG (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_nonnull (dialog);
  g_assert_false (st_export_dialog_get_publish (dialog));
  st_export_dialog_set_publish (dialog, TRUE);
  g_assert_true (st_export_dialog_get_publish (dialog));
  st_export_dialog_set_content (dialog, ST_VIEW_EVERYTHING);
  g_assert_false (st_export_dialog_get_publish (dialog));
  st_export_dialog_set_content (dialog, ST_VIEW_APPROVED_ONLY);
  g_assert_true (st_export_dialog_get_publish (dialog));
  ui_test_respond (ADW_MESSAGE_DIALOG (dialog), "cancel");

  /* One page is not the update */
  g_assert_false (st_window_export_for_publication (fixture->window, "action:1", ST_EXPORT_TEXT, file, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (st_window_get_exporting (fixture->window));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (st_window_export_for_publication (fixture->window, "all", ST_EXPORT_TEXT, file, &error));
  g_assert_no_error (error);
  g_assert_true (ui_test_wait_for (not_exporting, fixture->window, 60));
  ui_test_drain ();
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));

  g_assert_true (g_file_get_contents (path, &page, NULL, NULL));
  g_assert_nonnull (strstr (page, "Paul Maltby is the Cabinet Office digital lead."));
  g_assert_null (strstr (page, "AGO has board-level responsibility for digital."));

  /* Published, with a history entry, and saved with the report */
  g_assert_true (st_window_get_report (fixture->window) == report);
  g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (report, "CO", "1")), ==,
                   ST_STATUS_PUBLISHED);
  g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (report, "AGO", "1")), ==,
                   ST_STATUS_DRAFT);
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  g_assert_true (g_file_get_contents (fixture->path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "\"status\" : \"published\""));
  g_assert_nonnull (strstr (saved, "\"new\" : \"published\""));
}

static void
test_window_export_site (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *site = g_build_filename (fixture->dir, "site", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (site);
  const char *pages[] = { "index.md", "action-1.md", "department-co.md" };

  open_report (fixture);
  g_assert_true (st_window_export (fixture->window, "site", ST_EXPORT_MARKDOWN, file));
  g_assert_true (ui_test_wait_for (not_exporting, fixture->window, 60));
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *page = g_build_filename (site, pages[i], NULL);

      g_test_message ("%s", page);
      g_assert_true (g_file_test (page, G_FILE_TEST_IS_REGULAR));
    }
  g_settings_reset (st_application_get_settings (fixture->application), "export-folder");
}

static void
test_window_export_fails (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "update.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (blocker, "a file", -1, NULL));
  open_report (fixture);
  g_assert_true (st_window_export (fixture->window, "all", ST_EXPORT_TEXT, file));
  g_assert_true (ui_test_wait_for (not_exporting, fixture->window, 60));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "update.txt"));
  /* The report is untouched */
  g_assert_false (st_window_get_is_modified (fixture->window));
  g_settings_reset (st_application_get_settings (fixture->application), "export-folder");
}

static void
test_window_export_stop (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *site = g_build_filename (fixture->dir, "site", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (site);

  open_report (fixture);
  g_assert_true (st_window_export (fixture->window, "site", ST_EXPORT_HTML, file));
  st_window_stop_export (fixture->window);
  g_assert_true (ui_test_wait_for (not_exporting, fixture->window, 60));
  /* Stopping is not a failure */
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  /* And another export may start */
  g_assert_true (st_window_export (fixture->window, "site", ST_EXPORT_HTML, file));
  g_assert_true (ui_test_wait_for (not_exporting, fixture->window, 60));
  g_settings_reset (st_application_get_settings (fixture->application), "export-folder");
}

static void
test_window_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *page_path = g_test_build_filename (G_TEST_DIST, "fixtures", "action-1-digital-leaders.txt", NULL);
  g_autoptr(GFile) page = g_file_new_for_path (page_path);
  AdwMessageDialog *dialog;
  StReport *before;
  StSubmission *submission;
  g_autofree char *on_disk = NULL;

  open_report (fixture);
  before = st_window_get_report (fixture->window);
  g_assert_null (st_report_lookup_submission (before, "BIS", "1"));

  /* Cancelled: nothing changes */
  g_assert_true (st_window_import (fixture->window, &page, 1));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "read from 1 page"));
  ui_test_respond (dialog, "cancel");
  g_assert_true (st_window_get_report (fixture->window) == before);
  g_assert_false (st_window_get_is_modified (fixture->window));

  /* Taken: the page's text is in the report, unsaved */
  g_assert_true (st_window_import (fixture->window, &page, 1));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  ui_test_respond (dialog, "apply");
  g_assert_true (st_window_get_is_modified (fixture->window));
  submission = st_report_lookup_submission (st_window_get_report (fixture->window), "BIS", "1");
  g_assert_nonnull (submission);
  g_assert_true (g_str_has_prefix (st_submission_get_text (submission, "commitments-2012"),
                                   "Board member Stephen Lovegrove is the Department for Business"));
  on_disk = ui_test_text_on_disk (fixture->path, "BIS", "1", "commitments-2012");
  g_assert_null (on_disk);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  ui_test_drain ();
  on_disk = ui_test_text_on_disk (fixture->path, "BIS", "1", "commitments-2012");
  g_assert_nonnull (on_disk);
}

static void
test_window_import_not_a_page (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autoptr(GFile) page = g_file_new_for_path (path);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path, "Shopping list\nEggs\n", -1, NULL));
  open_report (fixture);
  g_assert_true (st_window_import (fixture->window, &page, 1));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  /* Nothing to take */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
}

static GtkWidget *
find_button_for_action (GtkWidget  *widget,
                        const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_button_for_action (child, action)))
        return found;
    }
  return NULL;
}

static gboolean
was_focused (GPtrArray *focused,
             GtkWidget *widget)
{
  g_assert_nonnull (widget);
  for (guint i = 0; i < focused->len; i++)
    {
      GtkWidget *focus = g_ptr_array_index (focused, i);

      if (focus == widget || gtk_widget_is_ancestor (focus, widget))
        return TRUE;
    }
  return FALSE;
}

/* Every control can be reached with Tab alone */
static void
test_window_keyboard (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) focused = g_ptr_array_new ();
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *sidebar = GTK_WIDGET (st_window_get_sidebar (fixture->window));
  GtkWidget *form = GTK_WIDGET (st_window_get_form (fixture->window));
  g_autoptr(GPtrArray) editors = NULL;
  const char *actions[] = {
    "win.save", "win.show-overview", "win.show-issues", "win.next-submission", "win.previous-submission",
  };

  open_report (fixture);
  st_window_show_submission (fixture->window, "CO", "1");
  ui_test_drain ();

  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD))
        gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);  /* wrapped round */
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus != NULL && !g_ptr_array_find (focused, focus, NULL))
        g_ptr_array_add (focused, focus);
    }
  /* One stop for the sidebar's list, not one per row: a round of the
   * window is a few dozen stops, whatever the size of the report */
  g_test_message ("%u widgets took the focus", focused->len);
  g_assert_cmpuint (focused->len, <, 40);

  g_assert_true (was_focused (focused, ui_test_find_descendant (sidebar, GTK_TYPE_SEARCH_ENTRY)));
  g_assert_true (was_focused (focused, ui_test_find_descendant (sidebar, GTK_TYPE_LIST_VIEW)));
  g_assert_true (was_focused (focused, ui_test_find_descendant (sidebar, GTK_TYPE_TOGGLE_BUTTON)));
  g_assert_true (was_focused (focused, ui_test_find_descendant (form, GTK_TYPE_SWITCH)));
  g_assert_true (was_focused (focused, ui_test_find_descendant (form, GTK_TYPE_EXPANDER)));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_test_message ("%s", actions[i]);
      g_assert_true (was_focused (focused, find_button_for_action (window, actions[i])));
    }
  g_assert_true (was_focused (focused, ui_test_find_descendant (GTK_WIDGET (gtk_widget_get_ancestor (sidebar, GTK_TYPE_BOX)),
                                                                GTK_TYPE_MENU_BUTTON)));

  editors = st_submission_form_get_editors (st_window_get_form (fixture->window));
  for (guint i = 0; i < editors->len; i++)
    g_assert_true (was_focused (focused, GTK_WIDGET (st_section_editor_get_text_view (g_ptr_array_index (editors, i)))));
}

static void
test_window_sample (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", "digital-leaders.stocktake", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  StReport *report;
  StSectionEditor *editor;
  GtkWindow *overlay;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no sample report");
      return;
    }

  g_assert_true (st_window_open_file (fixture->window, file));
  ui_test_drain ();
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  report = st_window_get_report (fixture->window);
  g_assert_cmpuint (st_template_get_n_respondents (st_report_get_template (report)), ==, 17);

  /* The Cabinet Office's published text, under its published heading */
  st_window_show_submission (fixture->window, "CO", "1");
  editor = st_submission_form_get_editor (st_window_get_form (fixture->window), "progress-2014");
  g_assert_cmpstr (st_section_editor_get_heading (editor), ==, "Progress during 2014");
  {
    g_autofree char *text = st_section_editor_get_text (editor);

    g_assert_true (g_str_has_prefix (text, "Paul Maltby is the Cabinet Office digital lead"));
  }

  /* The hidden pages are made when first shown, each once */
  g_assert_null (ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_ISSUES_PANEL));
  g_assert_null (ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_REVIEW_QUEUE));
  g_assert_null (ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_SEARCH_PANEL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-issues", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-review-queue", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL));
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "find");
  g_assert_true (ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_ISSUES_PANEL) ==
                 GTK_WIDGET (st_window_get_issues_panel (fixture->window)));
  g_assert_true (ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_REVIEW_QUEUE) ==
                 GTK_WIDGET (st_window_get_review_queue (fixture->window)));
  g_assert_true (ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_SEARCH_PANEL) ==
                 GTK_WIDGET (st_window_get_search_panel (fixture->window)));
  /* …and given the report shown */
  g_assert_cmpuint (g_list_model_get_n_items (st_issues_panel_get_shown (st_window_get_issues_panel (fixture->window))), >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-overview", NULL));
  ui_test_drain ();

  /* The shortcuts window is built when first asked for, by Ctrl+? or the
   * menu, and shown over the window */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window)));
  {
    g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (fixture->application),
                                                                   "<Control>question");

    g_assert_true (g_strv_contains ((const char * const *) actions, "win.show-help-overlay"));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL));
  ui_test_drain ();
  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window)));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (overlay) == GTK_WINDOW (fixture->window));

  /* Closed, it is kept for the next time */
  gtk_window_close (overlay);
  ui_test_drain ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL));
  ui_test_drain ();
  g_assert_true (GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window))) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (overlay);
  ui_test_drain ();
}

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *shortcuts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        g_ptr_array_add (shortcuts, child);
      collect_shortcuts (child, shortcuts);
    }
}

static void
collect_keycaps (GtkWidget *widget,
                 GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "keycap"))
        g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (child)));
      collect_keycaps (child, texts);
    }
}

/* The shortcuts window writes keys as a user reads them: "Page Down",
 * not the name GTK gives it in code, "Page_Down" */
static void
test_window_shortcuts_key_names (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  GtkWidget *overlay;
  gboolean down = FALSE, up = FALSE;

  open_report (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL));
  ui_test_drain ();
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window)));
  g_assert_nonnull (overlay);
  collect_keycaps (overlay, texts);
  g_assert_cmpuint (texts->len, >, 10);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      g_test_message ("key: %s", text);
      g_assert_null (strchr (text, '_'));
      down = down || g_str_equal (text, "Page Down");
      up = up || g_str_equal (text, "Page Up");
    }
  g_assert_true (down);
  g_assert_true (up);
  gtk_window_close (GTK_WINDOW (overlay));
  ui_test_drain ();
}

/* Whether the shortcuts window lists @action, by its name or its key */
static gboolean
lists_shortcut (GPtrArray  *shortcuts,
                const char *action,
                const char *accel)
{
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *action_name = NULL;
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) keys = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i),
                    "action-name", &action_name,
                    "accelerator", &accelerator,
                    NULL);
      if (action != NULL && g_strcmp0 (action_name, action) == 0)
        return TRUE;
      keys = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      if (accel != NULL && g_strv_contains ((const char * const *) keys, accel))
        return TRUE;
    }
  return FALSE;
}

/* The shortcuts window lists every key the application and its windows
 * set, on one page */
static void
test_window_shortcuts_listed (Fixture       *fixture,
                              gconstpointer  data)
{
  /* Keys that widgets handle themselves, not through the application */
  const char *widget_keys[] = {
    "<Control>Return",   /* sends a comment or the reason for a return */
    "Escape",            /* closes the history and merge windows, leaves Find */
    "<Control>z",        /* undoes a replacement in Find */
    "Down",              /* from the sidebar's search to its first match */
  };
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (fixture->application));
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  GtkWidget *overlay;
  GtkWidget *stack;
  guint n_pages = 0;

  open_report (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL));
  ui_test_drain ();
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window)));
  g_assert_nonnull (overlay);
  collect_shortcuts (overlay, shortcuts);
  g_assert_cmpuint (shortcuts->len, >, 0);

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->application),
                                                                    actions[i]);

      if (accels[0] == NULL)
        continue;
      g_test_message ("%s: %s", actions[i], accels[0]);
      g_assert_true (lists_shortcut (shortcuts, actions[i], accels[0]));
    }
  /* F8, which the README names, among them */
  g_assert_true (lists_shortcut (shortcuts, "win.show-issues", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (widget_keys); i++)
    {
      g_test_message ("%s", widget_keys[i]);
      g_assert_true (lists_shortcut (shortcuts, NULL, widget_keys[i]));
    }

  /* All on one page: no page switcher to find the rest with */
  stack = ui_test_find_descendant (overlay, GTK_TYPE_SHORTCUTS_SECTION);
  g_assert_nonnull (stack);
  stack = ui_test_find_descendant (stack, GTK_TYPE_STACK);
  g_assert_nonnull (stack);
  for (GtkWidget *page = gtk_widget_get_first_child (stack); page != NULL; page = gtk_widget_get_next_sibling (page))
    n_pages++;
  g_assert_cmpuint (n_pages, ==, 1);
  gtk_window_close (GTK_WINDOW (overlay));
  ui_test_drain ();
}

/* Started with no file, the window offers the drafts it finds */
static void
test_window_restore_from_welcome (Fixture       *fixture,
                                  gconstpointer  data)
{
  StDrafts *drafts = st_application_get_drafts (fixture->application);
  g_autoptr(StReport) crashed = NULL;
  g_autoptr(GError) error = NULL;
  StWindow *window;
  GtkWidget *restore;

  crashed = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  st_submission_set_text (st_report_lookup_submission (crashed, "AGO", "1"), "plans-2015", "From the welcome page.");
  g_assert_true (st_drafts_write (drafts, fixture->path, crashed, NULL, &error));

  /* A window made now lists the draft */
  ui_test_new_window (fixture->application, &window);
  ui_test_show_window (GTK_WINDOW (window));
  g_assert_cmpstr (st_window_get_visible_page (window), ==, "welcome");
  restore = find_button_for_action (GTK_WIDGET (window), "win.restore-draft");
  g_assert_nonnull (restore);
  g_assert_true (gtk_widget_get_mapped (restore));

  /* As a click does (activating the button would wait for its animation) */
  g_signal_emit_by_name (restore, "clicked");
  ui_test_drain ();
  g_assert_nonnull (st_window_get_report (window));
  g_assert_true (st_window_get_is_modified (window));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (st_window_get_report (window), "AGO", "1"),
                                           "plans-2015"),
                   ==, "From the welcome page.");

  /* Restored already: no offer to restore is left behind */
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (window)));

  /* The draft stays until the restored text is saved */
  g_assert_true (st_drafts_has_draft (drafts, fixture->path));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  ui_test_drain ();
  g_assert_false (st_drafts_has_draft (drafts, fixture->path));
  ui_test_destroy_window (&window);
}

static gboolean
draft_exists (gpointer data)
{
  Fixture *fixture = data;

  return st_drafts_has_draft (st_application_get_drafts (fixture->application), fixture->path);
}

static void
test_window_autosave (Fixture       *fixture,
                      gconstpointer  data)
{
  GSettings *settings = st_application_get_settings (fixture->application);
  StDrafts *drafts = st_application_get_drafts (fixture->application);
  g_autoptr(StReport) draft = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_set_uint (settings, "autosave-delay", 1);
  open_report (fixture);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  g_assert_false (draft_exists (fixture));

  ui_test_type_in_section (fixture->window, "plans-2015", " Kept safe.");
  /* Waits for the event, with a generous limit; this is no timing test */
  g_assert_true (ui_test_wait_for (draft_exists, fixture, 30));

  draft = st_drafts_read (drafts, fixture->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (draft, "CO", "1"), "plans-2015"), ==,
                   "A new in-house Digital and Technology Department will be established. Kept safe.");

  /* Saving makes the draft pointless */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  ui_test_drain ();
  g_assert_false (draft_exists (fixture));
}

static void
test_window_restore_draft (Fixture       *fixture,
                           gconstpointer  data)
{
  StDrafts *drafts = st_application_get_drafts (fixture->application);
  g_autoptr(StReport) crashed = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  const char *body;

  /* What a window that died had kept */
  crashed = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  st_submission_set_text (st_report_lookup_submission (crashed, "CO", "1"), "plans-2015", "Restored plan.");
  g_assert_true (st_drafts_write (drafts, fixture->path, crashed, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (st_window_open_file (fixture->window, fixture->file));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  /* It says what would come back */
  g_assert_nonnull (strstr (body, "CO, Action 1: Planned activities in 2015"));
  g_assert_false (st_window_get_is_modified (fixture->window));

  ui_test_respond (dialog, "restore");
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (st_window_get_report (fixture->window), "CO", "1"),
                                           "plans-2015"),
                   ==, "Restored plan.");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  ui_test_drain ();
  {
    g_autofree char *on_disk = ui_test_text_on_disk (fixture->path, "CO", "1", "plans-2015");

    g_assert_cmpstr (on_disk, ==, "Restored plan.");
  }
  g_assert_false (st_drafts_has_draft (drafts, fixture->path));
}

/* Keeps a draft of an edit ("Restored plan." in CO's plans for 2015)
 * made on the file as it is now, with the file's checksum */
static void
write_draft_of_file (Fixture  *fixture,
                     StDrafts *drafts)
{
  g_autoptr(StReport) crashed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, &error));
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  crashed = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  st_submission_set_text (st_report_lookup_submission (crashed, "CO", "1"), "plans-2015", "Restored plan.");
  g_assert_true (st_drafts_write (drafts, fixture->path, crashed, checksum, &error));
  g_assert_no_error (error);
}

/* A draft kept, then the file saved by another program before the
 * editor started again: restoring says so, and saving asks before it
 * writes over the other program's changes */
static void
test_window_restore_draft_file_changed (Fixture       *fixture,
                                        gconstpointer  data)
{
  StDrafts *drafts = st_application_get_drafts (fixture->application);
  g_autoptr(StReport) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  AdwMessageDialog *dialog;
  const char *body;

  write_draft_of_file (fixture, drafts);

  /* Then another program saves the file */
  theirs = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  st_submission_set_text (st_report_lookup_submission (theirs, "AGO", "1"), "progress-2014", "Theirs.");
  g_assert_true (st_report_save_to_file (theirs, fixture->path, &error));

  g_assert_true (st_window_open_file (fixture->window, fixture->file));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "CO, Action 1: Planned activities in 2015"));
  g_assert_nonnull (strstr (body, "changed by another program since"));

  ui_test_respond (dialog, "restore");
  g_assert_true (st_window_get_is_modified (fixture->window));

  /* Saving asks; cancelling writes nothing */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "overwrite"));
  ui_test_respond (dialog, "cancel");
  on_disk = ui_test_text_on_disk (fixture->path, "AGO", "1", "progress-2014");
  g_assert_cmpstr (on_disk, ==, "Theirs.");
  g_clear_pointer (&on_disk, g_free);
  on_disk = ui_test_text_on_disk (fixture->path, "CO", "1", "plans-2015");
  g_assert_cmpstr (on_disk, !=, "Restored plan.");
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_true (st_drafts_has_draft (drafts, fixture->path));
}

/* A draft of edits made on the file as it still is: no warning, and
 * saving does not ask */
static void
test_window_restore_draft_file_same (Fixture       *fixture,
                                     gconstpointer  data)
{
  StDrafts *drafts = st_application_get_drafts (fixture->application);
  g_autofree char *on_disk = NULL;
  AdwMessageDialog *dialog;

  write_draft_of_file (fixture, drafts);

  g_assert_true (st_window_open_file (fixture->window, fixture->file));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "changed by another program"));
  ui_test_respond (dialog, "restore");

  save_at_once (fixture);
  on_disk = ui_test_text_on_disk (fixture->path, "CO", "1", "plans-2015");
  g_assert_cmpstr (on_disk, ==, "Restored plan.");
}

static void
test_window_discard_draft (Fixture       *fixture,
                           gconstpointer  data)
{
  StDrafts *drafts = st_application_get_drafts (fixture->application);
  g_autoptr(StReport) crashed = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  crashed = st_report_new_from_file (fixture->path, NULL, &error);
  st_submission_set_text (st_report_lookup_submission (crashed, "CO", "1"), "plans-2015", "Unwanted.");
  g_assert_true (st_drafts_write (drafts, fixture->path, crashed, NULL, &error));

  g_assert_true (st_window_open_file (fixture->window, fixture->file));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  ui_test_respond (dialog, "discard");
  g_assert_false (st_window_get_is_modified (fixture->window));
  g_assert_false (st_drafts_has_draft (drafts, fixture->path));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (st_window_get_report (fixture->window), "CO", "1"),
                                           "plans-2015"),
                   ==, "A new in-house Digital and Technology Department will be established.");
}

/* A draft identical to the file is no news */
static void
test_window_stale_draft (Fixture       *fixture,
                         gconstpointer  data)
{
  StDrafts *drafts = st_application_get_drafts (fixture->application);
  g_autoptr(StReport) same = NULL;
  g_autoptr(GError) error = NULL;

  same = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_true (st_drafts_write (drafts, fixture->path, same, NULL, &error));
  open_report (fixture);
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_false (st_drafts_has_draft (drafts, fixture->path));
}

static void
test_window_recent (Fixture       *fixture,
                    gconstpointer  data)
{
  GSettings *settings = st_application_get_settings (fixture->application);
  GListModel *recent = st_application_get_recent_files (fixture->application);
  g_auto(GStrv) uris = NULL;
  g_autofree char *uri = g_file_get_uri (fixture->file);
  g_autoptr(GPtrArray) windows = g_ptr_array_new ();

  g_settings_reset (settings, "recent-files");
  open_report (fixture);
  uris = g_settings_get_strv (settings, "recent-files");
  g_assert_cmpuint (g_strv_length (uris), ==, 1);
  g_assert_cmpstr (uris[0], ==, uri);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 1);
  g_clear_pointer (&uris, g_strfreev);

  /* Twelve more: the newest first, never more than ten */
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("report-%02u.stocktake", i);
      g_autofree char *path = ui_test_write_report (fixture->dir, name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      StWindow *window = st_application_open_file (fixture->application, file, NULL);

      g_assert_nonnull (window);
      g_ptr_array_add (windows, window);
    }
  uris = g_settings_get_strv (settings, "recent-files");
  g_assert_cmpuint (g_strv_length (uris), ==, ST_RECENT_FILES_MAX);
  g_assert_true (g_str_has_suffix (uris[0], "report-11.stocktake"));
  g_assert_true (g_str_has_suffix (uris[9], "report-02.stocktake"));
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, ST_RECENT_FILES_MAX);
  g_assert_cmpint (g_menu_model_get_n_items (st_application_get_recent_menu (fixture->application)), ==, ST_RECENT_FILES_MAX);

  /* Opening a file that is open already shows its window */
  {
    g_autoptr(GFile) again = g_file_new_for_uri (uris[3]);

    g_assert_true (st_application_open_file (fixture->application, again, NULL) ==
                   g_ptr_array_index (windows, 8));
  }

  for (guint i = 0; i < windows->len; i++)
    gtk_window_destroy (g_ptr_array_index (windows, i));
  ui_test_drain ();
}

static void
test_window_size_remembered (Fixture       *fixture,
                             gconstpointer  data)
{
  GSettings *settings = st_application_get_settings (fixture->application);
  StWindow *second;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 640);
  gtk_window_close (GTK_WINDOW (fixture->window));
  ui_test_drain ();
  g_assert_null (fixture->window);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);

  second = st_window_new (fixture->application);
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 640);
  }
  gtk_window_destroy (GTK_WINDOW (second));
}

static void
test_window_narrow (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwLeaflet *leaflet;
  GtkWidget *form;

  /* A phone-sized window */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  open_report (fixture);
  ui_test_drain ();
  leaflet = ADW_LEAFLET (ui_test_find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET));
  g_assert_nonnull (leaflet);
  g_assert_true (ui_test_wait_for ((gboolean (*) (gpointer)) adw_leaflet_get_folded, leaflet, 10));

  /* Folded with nothing chosen: the list shows */
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (st_window_get_sidebar (fixture->window)),
                                         adw_leaflet_get_visible_child (leaflet)) ||
                 GTK_WIDGET (st_window_get_sidebar (fixture->window)) == adw_leaflet_get_visible_child (leaflet));

  /* Choosing a submission goes to its form… */
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  form = GTK_WIDGET (st_window_get_form (fixture->window));
  g_assert_true (gtk_widget_is_ancestor (form, adw_leaflet_get_visible_child (leaflet)));

  /* …and the back button's action returns to the list */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-sidebar", NULL));
  ui_test_drain ();
  g_assert_false (gtk_widget_is_ancestor (form, adw_leaflet_get_visible_child (leaflet)));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (st_window_get_sidebar (fixture->window)),
                                         adw_leaflet_get_visible_child (leaflet)));
}

static StPreferencesWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ST_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ST_PREFERENCES_WINDOW (window);
    }
  return NULL;
}

static void
test_window_preferences (Fixture       *fixture,
                         gconstpointer  data)
{
  GSettings *settings = st_application_get_settings (fixture->application);
  StPreferencesWindow *preferences;
  AdwEntryRow *author;
  GtkSpinButton *delay;
  g_autofree char *name = NULL;

  g_settings_reset (settings, "author-name");
  g_settings_reset (settings, "autosave-delay");
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "preferences", NULL);
  ui_test_drain ();
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (fixture->window));

  author = ADW_ENTRY_ROW (ui_test_find_descendant (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW));
  delay = GTK_SPIN_BUTTON (ui_test_find_descendant (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (author);
  g_assert_nonnull (delay);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (delay), ==, 5);

  gtk_editable_set_text (GTK_EDITABLE (author), "Ann Editor");
  gtk_spin_button_set_value (delay, 30);
  ui_test_drain ();
  name = g_settings_get_string (settings, "author-name");
  g_assert_cmpstr (name, ==, "Ann Editor");
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-delay"), ==, 30);

  /* The range the schema allows */
  gtk_spin_button_set_value (delay, 100000);
  ui_test_drain ();
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-delay"), ==, 600);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (settings, "autosave-delay");
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
  ADD ("/window/empty", test_window_empty);
  ADD ("/window/open-edit-save", test_window_open_edit_save);
  ADD ("/window/earlier-rounds", test_window_earlier_rounds);
  ADD ("/window/edit-new-submission", test_window_edit_new_submission);
  ADD ("/window/broken-file", test_window_broken_file);
  ADD ("/window/broken-file-empty-window", test_window_broken_file_empty_window);
  ADD ("/window/modified-flag", test_window_modified_flag);
  ADD ("/window/close-asks", test_window_close_asks);
  ADD ("/window/close-discard", test_window_close_discard);
  ADD ("/window/save-folder-read-only", test_window_save_folder_read_only);
  ADD ("/window/save-file-read-only", test_window_save_file_read_only);
  ADD ("/window/save-device", test_window_save_device);
  ADD ("/window/sidebar-modes", test_window_sidebar_modes);
  ADD ("/window/sidebar-state", test_window_sidebar_state);
  ADD ("/window/sidebar-rows", test_window_sidebar_rows);
  ADD ("/window/search", test_window_search);
  ADD ("/window/next-previous", test_window_next_previous);
  ADD ("/window/not-applicable", test_window_not_applicable);
  ADD ("/window/overview", test_window_overview);
  ADD ("/window/issues-this-round", test_window_issues_this_round);
  ADD ("/window/issues", test_window_issues);
  ADD ("/window/export", test_window_export);
  ADD ("/window/export-approved-only", test_window_export_approved_only);
  ADD ("/window/export-publish", test_window_export_publish);
  ADD ("/window/export-site", test_window_export_site);
  ADD ("/window/export-fails", test_window_export_fails);
  ADD ("/window/export-stop", test_window_export_stop);
  ADD ("/window/import", test_window_import);
  ADD ("/window/import-not-a-page", test_window_import_not_a_page);
  ADD ("/window/changed-on-disk", test_window_changed_on_disk);
  ADD ("/window/file-changed-toast", test_window_file_changed_toast);
  ADD ("/window/autosave", test_window_autosave);
  ADD ("/window/restore-draft", test_window_restore_draft);
  ADD ("/window/restore-draft-file-changed", test_window_restore_draft_file_changed);
  ADD ("/window/restore-draft-file-same", test_window_restore_draft_file_same);
  ADD ("/window/discard-draft", test_window_discard_draft);
  ADD ("/window/stale-draft", test_window_stale_draft);
  ADD ("/window/recent", test_window_recent);
  ADD ("/window/size-remembered", test_window_size_remembered);
  ADD ("/window/narrow", test_window_narrow);
  ADD ("/window/keyboard", test_window_keyboard);
  ADD ("/window/sample", test_window_sample);
  ADD ("/window/shortcuts-listed", test_window_shortcuts_listed);
  ADD ("/window/shortcuts-key-names", test_window_shortcuts_key_names);
  ADD ("/window/restore-from-welcome", test_window_restore_from_welcome);
  ADD ("/window/preferences", test_window_preferences);
#undef ADD

  return ui_test_run ();
}
