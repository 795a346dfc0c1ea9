/* test-ui-export.c: the export dialog as the user goes through it again
 * and again: what it offers first, and the name of the file
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "st-export-dialog.h"
#include "test-ui-helpers.h"

typedef struct {
  StApplication *application;
  GSettings     *settings;
  char          *dir;
  char          *path;
  StWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->application = ST_APPLICATION ((gpointer) data);
  fixture->settings = st_application_get_settings (fixture->application);
  /* Each test starts from what a new user has */
  g_settings_reset (fixture->settings, "export-pages");
  g_settings_reset (fixture->settings, "export-format");
  g_settings_reset (fixture->settings, "export-content");
  g_settings_reset (fixture->settings, "export-folder");

  fixture->dir = ui_test_make_dir ();
  fixture->path = ui_test_write_report (fixture->dir, "digital-leaders.stocktake");
  ui_test_new_window (fixture->application, &fixture->window);
  ui_test_show_window (GTK_WINDOW (fixture->window));
  ui_test_open_file (fixture->window, fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ui_test_destroy_windows (GTK_TYPE_FILE_CHOOSER_DIALOG);
  ui_test_close_dialogs ();
  ui_test_destroy_window (&fixture->window);
  ui_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static StExportDialog *
open_export_dialog (Fixture *fixture)
{
  StExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
  ui_test_drain ();
  dialog = ST_EXPORT_DIALOG (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_nonnull (dialog);
  return dialog;
}

/* Chooses pages in the dialog's list, as a click on one would */
static void
choose_view (StExportDialog *dialog,
             const char     *view)
{
  AdwComboRow *row = ADW_COMBO_ROW (ui_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));
  GListModel *choices = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      adw_combo_row_set_selected (row, i);
      if (g_str_equal (st_export_dialog_get_view (dialog), view))
        return;
    }
  g_assert_not_reached ();
}

static GtkFileChooser *
find_chooser (Fixture *fixture)
{
  return GTK_FILE_CHOOSER (ui_test_find_window (GTK_WINDOW (fixture->window), GTK_TYPE_FILE_CHOOSER_DIALOG));
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser (data) != NULL;
}

static gboolean
exported (gpointer data)
{
  Fixture *fixture = data;

  return find_chooser (fixture) == NULL && !st_window_get_exporting (fixture->window);
}

/* What the dialog offers first is what was last exported; the name of the
 * file comes from the report's and the pages'; and the file written holds
 * what was chosen */
static void
test_export_remembers (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *exported_path = g_build_filename (fixture->dir, "digital-leaders-action-1.txt", NULL);
  g_autofree char *page = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *format = NULL;
  g_autofree char *content = NULL;
  StExportDialog *dialog;
  GtkFileChooser *chooser;

  ui_test_select_in_sidebar (fixture->window, "CO", "1");

  /* A new user's first export: the whole document, for publication */
  dialog = open_export_dialog (fixture);
  g_assert_cmpstr (st_export_dialog_get_view (dialog), ==, "all");
  g_assert_cmpint (st_export_dialog_get_format (dialog), ==, ST_EXPORT_HTML);
  g_assert_cmpint (st_export_dialog_get_content (dialog), ==, ST_VIEW_APPROVED_ONLY);
  name = st_export_dialog_get_filename (dialog);
  g_assert_cmpstr (name, ==, "digital-leaders.html");
  g_clear_pointer (&name, g_free);

  st_export_dialog_set_format (dialog, ST_EXPORT_ODT);
  name = st_export_dialog_get_filename (dialog);
  g_assert_cmpstr (name, ==, "digital-leaders.odt");
  g_clear_pointer (&name, g_free);

  /* Every page goes into a folder: there is no file to name */
  choose_view (dialog, "site");
  g_assert_null (st_export_dialog_get_filename (dialog));

  choose_view (dialog, "action:1");
  st_export_dialog_set_format (dialog, ST_EXPORT_TEXT);
  st_export_dialog_set_content (dialog, ST_VIEW_EVERYTHING);
  name = st_export_dialog_get_filename (dialog);
  g_assert_cmpstr (name, ==, "digital-leaders-action-1.txt");

  /* The file chooser offers that name, beside the report */
  ui_test_respond (ADW_MESSAGE_DIALOG (dialog), "export");
  g_assert_true (ui_test_wait_for (chooser_shown, fixture, 10));
  chooser = find_chooser (fixture);
  {
    g_autofree char *offered = gtk_file_chooser_get_current_name (chooser);
    g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (chooser);
    g_autofree char *folder_path = g_file_get_path (folder);

    g_assert_cmpstr (offered, ==, "digital-leaders-action-1.txt");
    g_assert_cmpstr (folder_path, ==, fixture->dir);
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (ui_test_wait_for (exported, fixture, 60));
  g_assert_true (g_file_get_contents (exported_path, &page, NULL, NULL));
  /* Everything, drafts included, as chosen */
  g_assert_nonnull (strstr (page, "Paul Maltby is the Cabinet Office digital lead."));
  g_assert_nonnull (strstr (page, "DfE has a digital leader in place."));
  g_assert_null (strstr (page, "<p>"));

  pages = g_settings_get_string (fixture->settings, "export-pages");
  format = g_settings_get_string (fixture->settings, "export-format");
  content = g_settings_get_string (fixture->settings, "export-content");
  g_assert_cmpstr (pages, ==, "action");
  g_assert_cmpstr (format, ==, "text");
  g_assert_cmpstr (content, ==, "everything");

  /* Opened again, it offers the same */
  dialog = open_export_dialog (fixture);
  g_assert_cmpstr (st_export_dialog_get_view (dialog), ==, "action:1");
  g_assert_cmpint (st_export_dialog_get_format (dialog), ==, ST_EXPORT_TEXT);
  g_assert_cmpint (st_export_dialog_get_content (dialog), ==, ST_VIEW_EVERYTHING);
  g_assert_cmpstr (st_export_dialog_get_content_note (dialog), ==,
                   "3 of the 3 answered submissions are not approved yet: their text will be in the pages.");
  g_assert_false (st_export_dialog_get_publish (dialog));
  ui_test_respond (ADW_MESSAGE_DIALOG (dialog), "cancel");

  /* The page of the action being edited, whichever that is now */
  ui_test_select_in_sidebar (fixture->window, "CO", "2");
  dialog = open_export_dialog (fixture);
  g_assert_cmpstr (st_export_dialog_get_view (dialog), ==, "action:2");
  g_clear_pointer (&name, g_free);
  name = st_export_dialog_get_filename (dialog);
  g_assert_cmpstr (name, ==, "digital-leaders-action-2.txt");
}

/* Looking and cancelling changes nothing the next time */
static void
test_export_cancel_forgets (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *format = NULL;
  StExportDialog *dialog;

  dialog = open_export_dialog (fixture);
  st_export_dialog_set_format (dialog, ST_EXPORT_PDF);
  st_export_dialog_set_content (dialog, ST_VIEW_EVERYTHING);
  choose_view (dialog, "site");
  ui_test_respond (ADW_MESSAGE_DIALOG (dialog), "cancel");

  dialog = open_export_dialog (fixture);
  g_assert_cmpstr (st_export_dialog_get_view (dialog), ==, "all");
  g_assert_cmpint (st_export_dialog_get_format (dialog), ==, ST_EXPORT_HTML);
  g_assert_cmpint (st_export_dialog_get_content (dialog), ==, ST_VIEW_APPROVED_ONLY);
  format = g_settings_get_string (fixture->settings, "export-format");
  g_assert_cmpstr (format, ==, "html");
}

/* The page of a department or an action last time, with no form open now:
 * the whole document, and the rest as it was */
static void
test_export_no_form (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *name = NULL;
  StExportDialog *dialog;

  g_settings_set_string (fixture->settings, "export-pages", "department");
  g_settings_set_string (fixture->settings, "export-format", "markdown");
  g_settings_set_string (fixture->settings, "export-content", "everything");

  dialog = open_export_dialog (fixture);
  g_assert_cmpstr (st_export_dialog_get_view (dialog), ==, "all");
  g_assert_cmpint (st_export_dialog_get_format (dialog), ==, ST_EXPORT_MARKDOWN);
  g_assert_cmpint (st_export_dialog_get_content (dialog), ==, ST_VIEW_EVERYTHING);
  name = st_export_dialog_get_filename (dialog);
  g_assert_cmpstr (name, ==, "digital-leaders.md");
  ui_test_respond (ADW_MESSAGE_DIALOG (dialog), "cancel");

  /* With a form open, its department's page */
  ui_test_select_in_sidebar (fixture->window, "DfE", "1");
  dialog = open_export_dialog (fixture);
  g_assert_cmpstr (st_export_dialog_get_view (dialog), ==, "department:DfE");
  g_clear_pointer (&name, g_free);
  name = st_export_dialog_get_filename (dialog);
  g_assert_cmpstr (name, ==, "digital-leaders-department-dfe.md");
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
  ADD ("/export/remembers", test_export_remembers);
  ADD ("/export/cancel-forgets", test_export_cancel_forgets);
  ADD ("/export/no-form", test_export_no_form);
#undef ADD

  return ui_test_run ();
}
