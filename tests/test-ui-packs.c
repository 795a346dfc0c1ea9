/* test-ui-packs.c: department packs in the app: making one, working in
 * it, merging it back with its conflicts and refusals, a section's
 * history, and a whole review cycle
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "st-diff-markup.h"
#include "st-history-dialog.h"
#include "st-merge-dialog.h"
#include "st-overview.h"
#include "st-pack-dialog.h"
#include "st-sidebar-node.h"
#include "test-ui-helpers.h"

#define REVIEWER   "Rita Reviewer"
#define DEPARTMENT "Dewi Department"

typedef struct {
  StApplication *application;
  char          *dir;
  char          *path;         /* the full report, as the central team has it */
  char          *pack_path;    /* where CO's pack goes */
  StWindow      *window;       /* the central team's */
  StWindow      *pack_window;  /* CO's, when a test opens the pack */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->application = ST_APPLICATION ((gpointer) data);
  fixture->dir = ui_test_make_dir ();
  fixture->path = ui_test_write_report (fixture->dir, "report.stocktake");
  fixture->pack_path = g_build_filename (fixture->dir, "co.stocktake", NULL);

  g_settings_set_string (st_application_get_settings (fixture->application), "author-name", REVIEWER);

  ui_test_new_window (fixture->application, &fixture->window);
  ui_test_show_window (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ui_test_close_dialogs ();
  /* Merge and history dialogs, left open by a failing test */
  ui_test_destroy_windows (ST_TYPE_MERGE_DIALOG);
  ui_test_destroy_windows (ST_TYPE_HISTORY_DIALOG);
  if (fixture->pack_window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->pack_window));
  ui_test_destroy_window (&fixture->window);
  g_assert_null (fixture->pack_window);
  g_settings_reset (st_application_get_settings (fixture->application), "author-name");
  ui_test_remove_dir (fixture->dir);
  g_free (fixture->pack_path);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
open_report (Fixture *fixture)
{
  ui_test_open_file (fixture->window, fixture->path);
}

/* Opens CO's pack in a window of its own, as the department would */
static void
open_pack (Fixture *fixture)
{
  g_assert_null (fixture->pack_window);
  ui_test_new_window (fixture->application, &fixture->pack_window);
  ui_test_show_window (GTK_WINDOW (fixture->pack_window));
  ui_test_open_file (fixture->pack_window, fixture->pack_path);
}

static void
close_pack (Fixture *fixture)
{
  g_assert_false (st_window_get_is_modified (fixture->pack_window));
  ui_test_destroy_window (&fixture->pack_window);
}

static void
save (StWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  ui_test_drain ();
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (window)));
  g_assert_false (st_window_get_is_modified (window));
}

static void
make_pack (Fixture *fixture)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->pack_path);
  g_autoptr(GError) error = NULL;

  g_assert_true (st_window_make_pack (fixture->window, "CO", file, &error));
  g_assert_no_error (error);
  ui_test_drain ();
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Whether the window's widget action is enabled, as a button bound to it sees */
static gboolean
action_enabled (StWindow   *window,
                const char *name)
{
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), name);
  g_object_ref_sink (button);
  gtk_widget_set_parent (button, GTK_WIDGET (st_window_get_form (window)));
  enabled = gtk_widget_get_sensitive (button);
  gtk_widget_unparent (button);
  g_object_unref (button);
  return enabled;
}

static StMergeDialog *
find_merge_dialog (Fixture *fixture)
{
  return (StMergeDialog *) ui_test_find_window (GTK_WINDOW (fixture->window), ST_TYPE_MERGE_DIALOG);
}

static void
merge_files (Fixture     *fixture,
             const char **paths)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  st_window_merge_packs (fixture->window, (GFile **) files->pdata, files->len);
  ui_test_drain ();
}

static const char *
saved_status (JsonObject *submission)
{
  return json_object_get_string_member_with_default (submission, "status", "draft");
}

/* How many history entries of @what by @author (NULL: anyone) with
 * @new_text (NULL: any) the saved submission has */
static guint
count_history (JsonObject *submission,
               const char *what,
               const char *author,
               const char *new_text)
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
      if (author != NULL && g_strcmp0 (json_object_get_string_member_with_default (entry, "author", NULL), author) != 0)
        continue;
      if (new_text != NULL && g_strcmp0 (json_object_get_string_member_with_default (entry, "new", NULL), new_text) != 0)
        continue;
      n++;
    }
  return n;
}

/* Making a pack */

static void
test_packs_make (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(StReport) pack = NULL;
  g_autoptr(StReport) saved = NULL;
  g_autoptr(GPtrArray) issued = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *name = NULL;
  StPackRecord *record;

  open_report (fixture);
  g_assert_true (action_enabled (fixture->window, "win.make-pack"));
  g_assert_true (action_enabled (fixture->window, "win.merge-packs"));

  make_pack (fixture);

  /* CO's text and nobody else's */
  pack = st_report_new_from_file (fixture->pack_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (st_report_get_pack_respondent (pack), ==, "CO");
  g_assert_cmpstr (st_report_get_pack_source (pack), ==, "report.stocktake");
  bytes = read_file (fixture->pack_path);
  g_assert_nonnull (strstr (bytes, "Paul Maltby is the Cabinet Office digital lead."));
  g_assert_null (strstr (bytes, "AGO has board-level responsibility"));
  g_assert_null (strstr (bytes, "DfE has a digital leader"));

  /* The report was saved with its record of the pack, which merging needs */
  g_assert_false (st_window_get_is_modified (fixture->window));
  saved = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  issued = st_pack_list_issued (saved);
  g_assert_cmpuint (issued->len, ==, 1);
  record = g_ptr_array_index (issued, 0);
  g_assert_cmpstr (record->respondent_id, ==, "CO");
  g_assert_cmpstr (record->id, ==, st_report_get_pack_id (pack));

  name = st_pack_dialog_default_filename (st_window_get_report (fixture->window), "CO");
  g_assert_cmpstr (name, ==, "CO pack.stocktake");
}

static void
test_packs_make_fails (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *missing_dir = g_build_filename (fixture->dir, "no-such-folder", "co.stocktake", NULL);
  g_autoptr(GFile) in_missing_dir = g_file_new_for_path (missing_dir);
  g_autoptr(GFile) pack_file = g_file_new_for_path (fixture->pack_path);
  g_autoptr(GFile) report_file = g_file_new_for_path (fixture->path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GError *error = NULL;

  open_report (fixture);
  before = read_file (fixture->path);

  g_assert_false (st_window_make_pack (fixture->window, "XYZ", pack_file, &error));
  g_assert_error (error, ST_ERROR, ST_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (fixture->pack_path, G_FILE_TEST_EXISTS));

  g_assert_false (st_window_make_pack (fixture->window, "CO", in_missing_dir, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Never over the report itself */
  g_assert_false (st_window_make_pack (fixture->window, "CO", report_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  after = read_file (fixture->path);
  g_assert_cmpstr (after, ==, before);
}

/* The dialog offers every department, the one being edited first */
static void
test_packs_dialog (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;
  StPackDialog *pack_dialog;

  open_report (fixture);
  ui_test_select_in_sidebar (fixture->window, "DfE", "1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.make-pack", NULL));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_true (ST_IS_PACK_DIALOG (dialog));
  pack_dialog = ST_PACK_DIALOG (dialog);
  g_assert_cmpstr (st_pack_dialog_get_respondent_id (pack_dialog), ==, "DfE");
  g_assert_true (st_pack_dialog_set_respondent_id (pack_dialog, "HMRC"));
  g_assert_cmpstr (st_pack_dialog_get_respondent_id (pack_dialog), ==, "HMRC");
  g_assert_false (st_pack_dialog_set_respondent_id (pack_dialog, "XYZ"));
  g_assert_cmpstr (st_pack_dialog_get_respondent_id (pack_dialog), ==, "HMRC");

  g_assert_cmpstr (st_pack_dialog_get_last_pack (pack_dialog), ==, "");

  /* Cancelled: nothing is made, nothing recorded */
  ui_test_respond (dialog, "cancel");
  g_assert_false (st_window_get_is_modified (fixture->window));
  g_assert_null (st_report_get_issued_packs (st_window_get_report (fixture->window)));

  /* A pack that is out is mentioned, for its department alone */
  make_pack (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.make-pack", NULL));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  pack_dialog = ST_PACK_DIALOG (dialog);
  g_assert_cmpstr (st_pack_dialog_get_last_pack (pack_dialog), ==, "");
  g_assert_true (st_pack_dialog_set_respondent_id (pack_dialog, "CO"));
  g_assert_true (g_str_has_prefix (st_pack_dialog_get_last_pack (pack_dialog), "The last pack, issued "));
  g_assert_true (g_str_has_suffix (st_pack_dialog_get_last_pack (pack_dialog), ", has not been merged yet"));
  ui_test_respond (dialog, "cancel");
}

/* The popover of a combo row, once it has one */
static GtkWidget *
find_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_POPOVER (child) ? child : find_popover (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What Enter does on @widget, as its own shortcuts say, or NULL */
static GtkShortcutAction *
enter_action (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) enter = gtk_keyval_trigger_new (GDK_KEY_Return, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_ALTERNATIVE_TRIGGER (trigger) &&
              gtk_shortcut_trigger_equal (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), enter))
            return gtk_shortcut_get_action (shortcut);
        }
    }
  return NULL;
}

/* With no department's form open, nothing is chosen for the team and the
 * pack cannot be made until they choose; Enter on the row opens the
 * list; the department last packed is offered first after that */
static void
test_packs_dialog_choice (Fixture       *fixture,
                          gconstpointer  data)
{
  AdwMessageDialog *dialog;
  StPackDialog *pack_dialog;
  GtkWidget *row;
  GtkWidget *popover;
  GtkShortcutAction *action;
  g_autoptr(GtkStringObject) name = NULL;

  open_report (fixture);
  g_assert_null (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.make-pack", NULL));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_true (ST_IS_PACK_DIALOG (dialog));
  pack_dialog = ST_PACK_DIALOG (dialog);
  ui_test_drain ();
  g_assert_null (st_pack_dialog_get_respondent_id (pack_dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "make"));

  /* Enter opens the list rather than making a pack */
  row = adw_message_dialog_get_extra_child (dialog);
  while (row != NULL && !ADW_IS_COMBO_ROW (row))
    row = gtk_widget_get_first_child (row);
  g_assert_nonnull (row);
  action = enter_action (row);
  g_assert_nonnull (action);
  g_assert_true (gtk_shortcut_action_activate (action, 0, row, NULL));
  ui_test_drain ();
  popover = find_popover (row);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));
  /* Let the popover's surface go before the dialog does: destroying both
   * at once left GDK asking a freed surface where the pointer was */
  ui_test_drain ();
  g_assert_false (gtk_widget_get_visible (popover));

  /* Whole names with their abbreviations */
  name = g_list_model_get_item (adw_combo_row_get_model (ADW_COMBO_ROW (row)), 1);
  g_assert_cmpstr (gtk_string_object_get_string (name), ==, "Cabinet Office (CO)");
  g_assert_false (st_pack_dialog_set_respondent_id (pack_dialog, "XYZ"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "make"));
  g_assert_true (st_pack_dialog_set_respondent_id (pack_dialog, "HMRC"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "make"));
  ui_test_respond (dialog, "cancel");

  /* Cancelling remembers nothing; making CO's pack remembers CO */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.make-pack", NULL));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_null (st_pack_dialog_get_respondent_id (ST_PACK_DIALOG (dialog)));
  ui_test_respond (dialog, "cancel");

  make_pack (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.make-pack", NULL));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_cmpstr (st_pack_dialog_get_respondent_id (ST_PACK_DIALOG (dialog)), ==, "CO");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "make"));
  ui_test_respond (dialog, "cancel");

  /* The department being edited still comes first */
  ui_test_select_in_sidebar (fixture->window, "DfE", "1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.make-pack", NULL));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_cmpstr (st_pack_dialog_get_respondent_id (ST_PACK_DIALOG (dialog)), ==, "DfE");
  ui_test_respond (dialog, "cancel");
}

/* Pack mode */

static guint
count_sidebar_leaves (StWindow   *window,
                      const char *respondent_id,
                      guint      *others)
{
  GListModel *groups = NULL;
  StSidebar *sidebar = st_window_get_sidebar (window);
  GtkSingleSelection *selection = st_sidebar_get_selection (sidebar);
  GtkTreeListModel *tree = GTK_TREE_LIST_MODEL (gtk_single_selection_get_model (selection));
  guint n = 0;

  *others = 0;
  groups = gtk_tree_list_model_get_model (tree);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(StSidebarNode) group = g_list_model_get_item (groups, i);
      GListModel *children = st_sidebar_node_get_children (group);

      for (guint j = 0; j < g_list_model_get_n_items (children); j++)
        {
          g_autoptr(StSidebarNode) leaf = g_list_model_get_item (children, j);

          if (g_strcmp0 (st_sidebar_node_get_respondent_id (leaf), respondent_id) == 0)
            n++;
          else
            (*others)++;
        }
    }
  return n;
}

/* Whether a window title under @widget has @subtitle */
static gboolean
has_subtitle (GtkWidget  *widget,
              const char *subtitle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_WINDOW_TITLE (child) &&
          g_strcmp0 (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (child)), subtitle) == 0)
        return TRUE;
      if (has_subtitle (child, subtitle))
        return TRUE;
    }
  return FALSE;
}

/* Whether a drop-down under @widget offers exactly these choices */
static gboolean
has_choices (GtkWidget          *widget,
             const char * const *choices)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_DROP_DOWN (child) && GTK_IS_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (child))))
        {
          GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (child));
          guint n = g_list_model_get_n_items (model);
          gboolean same = n == g_strv_length ((char **) choices);

          for (guint i = 0; same && i < n; i++)
            same = g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), choices[i]);
          if (same)
            return TRUE;
        }
      if (has_choices (child, choices))
        return TRUE;
    }
  return FALSE;
}

static void
test_packs_mode (Fixture       *fixture,
                 gconstpointer  data)
{
  StTemplate *template;
  StWorkflow *workflow;
  guint others, n_items;

  open_report (fixture);
  template = st_report_get_template (st_window_get_report (fixture->window));
  n_items = st_template_get_n_items (template);

  /* The central team sees everyone */
  g_assert_cmpuint (count_sidebar_leaves (fixture->window, "CO", &others), ==, n_items);
  g_assert_cmpuint (others, ==, n_items * (st_template_get_n_respondents (template) - 1));
  g_assert_cmpuint (g_list_model_get_n_items (st_overview_get_rows (ST_OVERVIEW (ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_OVERVIEW)))),
                    ==, st_template_get_n_respondents (template) + 1);
  {
    g_autofree char *total = st_overview_describe_cell (ST_OVERVIEW (ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_OVERVIEW)),
                                                        NULL, "1");

    g_assert_cmpstr (total, ==, "2/17 done");
  }

  make_pack (fixture);
  open_pack (fixture);

  /* The department sees itself alone, by action and by department */
  g_assert_cmpuint (count_sidebar_leaves (fixture->pack_window, "CO", &others), ==, n_items);
  g_assert_cmpuint (others, ==, 0);
  st_window_set_sidebar_mode (fixture->pack_window, ST_SIDEBAR_MODE_BY_DEPARTMENT);
  ui_test_drain ();
  g_assert_cmpuint (count_sidebar_leaves (fixture->pack_window, "CO", &others), ==, n_items);
  g_assert_cmpuint (others, ==, 0);
  st_window_set_sidebar_mode (fixture->pack_window, ST_SIDEBAR_MODE_BY_ACTION);
  {
    StOverview *overview = ST_OVERVIEW (ui_test_find_descendant (GTK_WIDGET (fixture->pack_window), ST_TYPE_OVERVIEW));
    GListModel *rows = st_overview_get_rows (overview);
    g_autofree char *total = NULL;

    /* CO's row and the totals, which count CO alone */
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
    g_assert_cmpstr (st_overview_get_respondent_filter (overview), ==, "CO");
    total = st_overview_describe_cell (overview, NULL, "1");
    g_assert_cmpstr (total, ==, "1/1 done");
  }
  /* Stepping stays inside the department */
  ui_test_select_in_sidebar (fixture->pack_window, "CO", "1");
  for (guint i = 1; i < n_items; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pack_window), "win.next-submission", NULL));
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->pack_window)), ==, "CO");

  /* The Issues panel filters by the department alone */
  {
    const char *pack_choices[] = { "All departments", "Cabinet Office", NULL };
    GtkWidget *panel = GTK_WIDGET (st_window_get_issues_panel (fixture->pack_window));
    GtkWidget *report_panel = GTK_WIDGET (st_window_get_issues_panel (fixture->window));

    g_assert_true (has_choices (panel, pack_choices));
    g_assert_false (has_choices (report_panel, pack_choices));
  }

  /* It says whose pack it is */
  g_assert_true (has_subtitle (GTK_WIDGET (fixture->pack_window), "Pack for Cabinet Office – co.stocktake"));
  g_assert_false (has_subtitle (GTK_WIDGET (fixture->window), "Pack for Cabinet Office – co.stocktake"));
  g_assert_true (has_subtitle (GTK_WIDGET (fixture->window), "report.stocktake"));

  /* What the department may do, and what it may not */
  workflow = st_window_get_workflow (fixture->pack_window);
  g_assert_cmpint (st_workflow_get_role (workflow), ==, ST_ROLE_DEPARTMENT);
  g_assert_cmpstr (st_workflow_get_respondent_id (workflow), ==, "CO");
  g_assert_false (action_enabled (fixture->pack_window, "win.import"));
  g_assert_false (action_enabled (fixture->pack_window, "win.make-pack"));
  g_assert_false (action_enabled (fixture->pack_window, "win.merge-packs"));
  g_assert_true (action_enabled (fixture->pack_window, "win.save"));
  g_assert_true (action_enabled (fixture->pack_window, "win.export"));
  g_assert_true (action_enabled (fixture->window, "win.import"));
}

/* Merging */

static void
set_author (Fixture    *fixture,
            const char *name)
{
  g_settings_set_string (st_application_get_settings (fixture->application), "author-name", name);
  ui_test_drain ();
}

/* The department opens its pack, changes a section and saves */
static void
edit_pack (Fixture    *fixture,
           const char *item_id,
           const char *section_id,
           const char *text)
{
  set_author (fixture, DEPARTMENT);
  open_pack (fixture);
  ui_test_select_in_sidebar (fixture->pack_window, "CO", item_id);
  ui_test_type_in_section (fixture->pack_window, section_id, text);
  save (fixture->pack_window);
  close_pack (fixture);
  set_author (fixture, REVIEWER);
}

/* The word-diff labels under @widget, in order */
static void
collect_diff_labels (GtkWidget *widget,
                     GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "diff-text"))
        g_ptr_array_add (labels, child);
      collect_diff_labels (child, labels);
    }
}

/* The button under @widget labelled @label, or NULL */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a label under @widget reads @text and is shown */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), text))
        return gtk_widget_is_visible (child);
      if (shows_label (child, text))
        return TRUE;
    }
  return FALSE;
}

static void
on_merge_response (StMergeDialog *dialog,
                   const char    *response,
                   char         **answer)
{
  g_free (*answer);
  *answer = g_strdup (response);
}

static gboolean
answered (gpointer data)
{
  return *(char **) data != NULL;
}

/* Activates @button as Enter on it does, which presses it after a short
 * animation, and returns how the merge window answered, or NULL */
static char *
press_in_merge_dialog (StMergeDialog *dialog,
                       GtkWidget     *button)
{
  GObject *alive = G_OBJECT (dialog);
  char *answer = NULL;
  gulong handler;

  g_object_add_weak_pointer (alive, (gpointer *) &alive);
  handler = g_signal_connect (dialog, "response", G_CALLBACK (on_merge_response), &answer);
  g_assert_true (gtk_widget_activate (button));
  ui_test_wait_for (answered, &answer, 5);
  ui_test_drain ();
  if (alive != NULL)
    {
      g_signal_handler_disconnect (alive, handler);
      g_object_remove_weak_pointer (alive, (gpointer *) &alive);
    }
  return answer;
}

static void
test_packs_merge (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *paths[] = { fixture->pack_path, NULL };
  const char *merged = "Paul Maltby is the Cabinet Office digital lead. Tom Read is the CTO.";
  g_autoptr(JsonParser) parser = json_parser_new ();
  StMergeDialog *dialog;
  StMerge *merge;
  JsonObject *submission;

  open_report (fixture);
  make_pack (fixture);
  edit_pack (fixture, "1", "progress-2014", " Tom Read is the CTO.");

  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  merge_files (fixture, paths);
  g_assert_true (st_window_get_merging (fixture->window));
  g_assert_false (action_enabled (fixture->window, "win.merge-packs"));
  dialog = find_merge_dialog (fixture);
  g_assert_nonnull (dialog);
  merge = st_merge_dialog_get_merge (dialog);
  g_assert_cmpuint (st_merge_get_conflicts (merge)->len, ==, 0);
  g_assert_cmpuint (st_merge_get_changes (merge)->len, >=, 1);
  /* A changed text unfolds to its word diff */
  {
    GtkWidget *row = ui_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_EXPANDER_ROW);
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();

    g_assert_nonnull (row);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "CO, Action 1, Progress during 2014");
    g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "New text: 0 words removed, 5 added");
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    ui_test_drain ();
    collect_diff_labels (row, labels);
    g_assert_cmpuint (labels->len, ==, 1);
    g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (labels, 0)), ==,
                     "Paul Maltby is the Cabinet Office digital lead. Tom Read is the CTO.");
  }
  /* Nothing changes while the reviewer reads */
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "CO", "1", "progress-2014"), ==, "Paul Maltby is the Cabinet Office digital lead.");
  g_assert_false (st_window_get_is_modified (fixture->window));

  /* Merge is where Enter goes: it has the focus and is the default */
  {
    GtkWidget *merge_button = find_button (GTK_WIDGET (dialog), "_Merge");
    g_autofree char *answer = NULL;

    g_assert_nonnull (merge_button);
    g_assert_true (gtk_widget_get_sensitive (merge_button));
    g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == merge_button);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == merge_button);
    answer = press_in_merge_dialog (dialog, gtk_root_get_focus (GTK_ROOT (dialog)));
    g_assert_cmpstr (answer, ==, "merge");
  }
  g_assert_null (find_merge_dialog (fixture));
  g_assert_false (st_window_get_merging (fixture->window));
  g_assert_true (action_enabled (fixture->window, "win.merge-packs"));

  /* The report, the form and the title follow */
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "CO", "1", "progress-2014"), ==, merged);
  {
    g_autofree char *shown = st_section_editor_get_text (st_submission_form_get_editor (st_window_get_form (fixture->window),
                                                                                        "progress-2014"));

    g_assert_cmpstr (shown, ==, merged);
  }
  g_assert_true (st_window_get_is_modified (fixture->window));

  /* Saved: the merge under the reviewer's name, the department's own edit with it */
  save (fixture->window);
  submission = ui_test_saved_submission (parser, fixture->path, "CO", "1");
  g_assert_nonnull (submission);
  g_assert_cmpuint (count_history (submission, "merge", REVIEWER, merged), ==, 1);
  g_assert_cmpuint (count_history (submission, "edit", DEPARTMENT, merged), ==, 1);
  /* Not recorded again as the reviewer's edit */
  g_assert_cmpuint (count_history (submission, "edit", REVIEWER, NULL), ==, 0);
}

static void
test_packs_merge_conflict (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *paths[] = { fixture->pack_path, NULL };
  const char *reviewers = "Paul Maltby is the Cabinet Office digital lead. The report says that.";
  const char *settled = "Paul Maltby and Tom Read lead digital at the Cabinet Office.";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  StMergeDialog *dialog;
  StMerge *merge;
  JsonObject *submission;
  gsize length;

  open_report (fixture);
  make_pack (fixture);
  edit_pack (fixture, "1", "progress-2014", " The pack says this.");

  /* Meanwhile the central team changed the same section */
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  ui_test_type_in_section (fixture->window, "progress-2014", " The report says that.");
  before = st_report_to_data (st_window_get_report (fixture->window), &length);

  merge_files (fixture, paths);
  dialog = find_merge_dialog (fixture);
  g_assert_nonnull (dialog);
  merge = st_merge_dialog_get_merge (dialog);
  g_assert_cmpuint (st_merge_get_conflicts (merge)->len, ==, 1);
  g_assert_cmpuint (st_merge_count_unresolved (merge), ==, 1);

  /* Both texts side by side */
  collect_diff_labels (GTK_WIDGET (dialog), labels);
  g_assert_cmpuint (labels->len, >=, 2);
  g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (labels, 0)), ==, reviewers);
  g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (labels, 1)), ==,
                   "Paul Maltby is the Cabinet Office digital lead. The pack says this.");

  /* Nothing is picked for the reviewer */
  g_assert_false (st_merge_dialog_respond (dialog, "merge"));
  g_assert_true (find_merge_dialog (fixture) == dialog);

  /* Cancelled: the report is as it was */
  g_assert_true (st_merge_dialog_respond (dialog, "cancel"));
  ui_test_drain ();
  g_assert_null (find_merge_dialog (fixture));
  after = st_report_to_data (st_window_get_report (fixture->window), &length);
  g_assert_cmpstr (after, ==, before);

  /* Again, and settled with a text of the reviewer's own */
  merge_files (fixture, paths);
  dialog = find_merge_dialog (fixture);
  g_assert_nonnull (dialog);
  g_assert_true (st_merge_dialog_choose (dialog, 0, ST_MERGE_TAKE_PACK, NULL));
  g_assert_cmpuint (st_merge_count_unresolved (st_merge_dialog_get_merge (dialog)), ==, 0);
  /* The reviewer's own text starts from the department's */
  g_assert_true (st_merge_dialog_choose (dialog, 0, ST_MERGE_TAKE_CUSTOM, NULL));
  {
    StMergeConflict *conflict = g_ptr_array_index (st_merge_get_conflicts (st_merge_dialog_get_merge (dialog)), 0);

    g_assert_cmpstr (conflict->custom_text, ==, "Paul Maltby is the Cabinet Office digital lead. The pack says this.");
  }
  g_assert_true (st_merge_dialog_choose (dialog, 0, ST_MERGE_TAKE_CUSTOM, settled));
  g_assert_false (st_merge_dialog_choose (dialog, 1, ST_MERGE_TAKE_PACK, NULL));
  g_assert_true (st_merge_dialog_respond (dialog, "merge"));
  ui_test_drain ();

  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "CO", "1", "progress-2014"), ==, settled);
  save (fixture->window);
  submission = ui_test_saved_submission (parser, fixture->path, "CO", "1");
  g_assert_cmpuint (count_history (submission, "merge", REVIEWER, settled), ==, 1);
}

/* Writing the text oneself and leaving it empty settles nothing: an empty
 * text would remove the section from the report */
static void
test_packs_merge_conflict_empty (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *paths[] = { fixture->pack_path, NULL };
  const char *hint = "Write the text, or choose one of the two";
  g_autoptr(StReport) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reports = NULL;
  StMergeDialog *dialog;
  GtkWidget *merge_button;
  GtkTextView *view;
  gsize length;

  open_report (fixture);
  make_pack (fixture);
  edit_pack (fixture, "1", "progress-2014", " The pack says this.");
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  ui_test_type_in_section (fixture->window, "progress-2014", " The report says that.");
  reports = g_strdup (ui_test_text_in_window (fixture->window, "CO", "1", "progress-2014"));
  before = st_report_to_data (st_window_get_report (fixture->window), &length);

  merge_files (fixture, paths);
  dialog = find_merge_dialog (fixture);
  g_assert_nonnull (dialog);
  merge_button = find_button (GTK_WIDGET (dialog), "_Merge");
  g_assert_nonnull (merge_button);

  /* An empty text, or only spaces, is no choice */
  g_assert_false (st_merge_dialog_choose (dialog, 0, ST_MERGE_TAKE_CUSTOM, ""));
  g_assert_cmpuint (st_merge_count_unresolved (st_merge_dialog_get_merge (dialog)), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (merge_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (merge_button), ==, hint);
  g_assert_true (shows_label (GTK_WIDGET (dialog), hint));
  g_assert_false (st_merge_dialog_choose (dialog, 0, ST_MERGE_TAKE_CUSTOM, " \n\t "));
  g_assert_false (gtk_widget_get_sensitive (merge_button));
  g_assert_false (st_merge_dialog_respond (dialog, "merge"));
  g_assert_true (find_merge_dialog (fixture) == dialog);

  /* Some text settles it and the hint goes */
  g_assert_true (st_merge_dialog_choose (dialog, 0, ST_MERGE_TAKE_CUSTOM, "A text of the reviewer's own."));
  g_assert_true (gtk_widget_get_sensitive (merge_button));
  g_assert_false (shows_label (GTK_WIDGET (dialog), hint));

  /* Emptied by typing, as a reviewer would: unsettled again */
  view = GTK_TEXT_VIEW (ui_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "", -1);
  ui_test_drain ();
  g_assert_cmpuint (st_merge_count_unresolved (st_merge_dialog_get_merge (dialog)), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (merge_button));
  g_assert_true (shows_label (GTK_WIDGET (dialog), hint));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.apply", NULL);
  g_assert_true (find_merge_dialog (fixture) == dialog);

  /* Nothing was merged meanwhile */
  after = st_report_to_data (st_window_get_report (fixture->window), &length);
  g_assert_cmpstr (after, ==, before);

  /* The report's text kept: the section is still there in the file */
  g_assert_true (st_merge_dialog_choose (dialog, 0, ST_MERGE_TAKE_REPORT, NULL));
  g_assert_true (gtk_widget_get_sensitive (merge_button));
  g_assert_true (st_merge_dialog_respond (dialog, "merge"));
  ui_test_drain ();
  save (fixture->window);
  saved = st_report_new_from_file (fixture->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (saved, "CO", "1"), "progress-2014"), ==, reports);
}

/* The label under @widget whose text starts with @prefix, or NULL */
static GtkLabel *
find_label_starting (GtkWidget  *widget,
                     const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return GTK_LABEL (child);
      found = find_label_starting (child, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A pack that changes nothing, or nothing but a conflict, says so rather
 * than counting no changes */
static void
test_packs_merge_nothing (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *paths[] = { fixture->pack_path, NULL };
  g_autoptr(StReport) pack = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  StMergeDialog *dialog;
  GtkWidget *mark_button, *merge_button, *focus;
  g_autofree char *answer = NULL;
  GtkLabel *summary;
  gsize length;

  open_report (fixture);
  make_pack (fixture);

  /* Sent back untouched */
  merge_files (fixture, paths);
  dialog = find_merge_dialog (fixture);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (st_merge_get_changes (st_merge_dialog_get_merge (dialog))->len, ==, 0);
  summary = find_label_starting (GTK_WIDGET (dialog), "The pack for Cabinet Office, issued ");
  g_assert_nonnull (summary);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (summary),
                                   ". This pack changes nothing: it matches the report. "
                                   "Marking it merged records that it has come back."));
  g_assert_null (strstr (gtk_label_get_text (summary), "0 change"));
  g_assert_null (find_button (GTK_WIDGET (dialog), "_Merge"));
  mark_button = find_button (GTK_WIDGET (dialog), "_Mark as Merged");
  g_assert_nonnull (mark_button);
  g_assert_true (gtk_widget_get_sensitive (mark_button));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == mark_button);

  /* Cancelled: the pack is still out */
  answer = press_in_merge_dialog (dialog, find_button (GTK_WIDGET (dialog), "_Cancel"));
  g_assert_cmpstr (answer, ==, "cancel");
  g_clear_pointer (&answer, g_free);
  g_assert_null (find_merge_dialog (fixture));
  g_assert_false (st_window_get_is_modified (fixture->window));
  {
    g_autoptr(GPtrArray) issued = st_pack_list_issued (st_window_get_report (fixture->window));

    g_assert_cmpuint (issued->len, ==, 1);
    g_assert_null (((StPackRecord *) g_ptr_array_index (issued, 0))->merged);
  }

  /* Marked merged: recorded, with no text changed, and saved */
  merge_files (fixture, paths);
  dialog = find_merge_dialog (fixture);
  g_assert_nonnull (dialog);
  answer = press_in_merge_dialog (dialog, find_button (GTK_WIDGET (dialog), "_Mark as Merged"));
  g_assert_cmpstr (answer, ==, "merge");
  g_assert_null (find_merge_dialog (fixture));
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  {
    g_autoptr(StReport) saved = st_report_new_from_file (fixture->path, NULL, &error);
    g_autoptr(GPtrArray) issued = NULL;

    g_assert_no_error (error);
    issued = st_pack_list_issued (saved);
    g_assert_cmpuint (issued->len, ==, 1);
    g_assert_nonnull (((StPackRecord *) g_ptr_array_index (issued, 0))->merged);
    g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (saved, "CO", "1"), "progress-2014"), ==,
                     st_submission_get_text (st_report_lookup_submission (st_window_get_report (fixture->window),
                                                                          "CO", "1"), "progress-2014"));
  }

  /* Only a conflict: the department's text written straight into the
   * file, and the central team's own change to the same section */
  contents = read_file (fixture->pack_path);
  pack = st_report_new_from_data (contents, -1, NULL, &error);
  g_assert_no_error (error);
  st_submission_set_text (st_report_lookup_submission (pack, "CO", "1"), "progress-2014", "The pack's text.");
  g_clear_pointer (&contents, g_free);
  contents = st_report_to_data (pack, &length);
  g_assert_true (g_file_set_contents (fixture->pack_path, contents, length, &error));
  g_assert_no_error (error);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  ui_test_type_in_section (fixture->window, "progress-2014", " The report's text.");
  before = st_report_to_data (st_window_get_report (fixture->window), &length);

  merge_files (fixture, paths);
  dialog = find_merge_dialog (fixture);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (st_merge_get_changes (st_merge_dialog_get_merge (dialog))->len, ==, 0);
  g_assert_cmpuint (st_merge_get_conflicts (st_merge_dialog_get_merge (dialog))->len, ==, 1);
  summary = find_label_starting (GTK_WIDGET (dialog), "The pack for Cabinet Office, issued ");
  g_assert_nonnull (summary);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (summary),
                                   ". 1 section was changed both here and in the pack: choose which text to keep. "
                                   "Nothing else in it differs from the report."));
  g_assert_null (strstr (gtk_label_get_text (summary), "0 change"));
  /* Enter neither cancels nor chooses: the focus starts on the first
   * conflict's group of choices, not on one of them, as an Enter pressed
   * once more after choosing the pack in the file chooser would choose
   * it for the reviewer. Tab goes on to the first choice. Merge is the
   * default only once the conflict is settled. */
  merge_button = find_button (GTK_WIDGET (dialog), "_Merge");
  g_assert_nonnull (merge_button);
  g_assert_true (gtk_widget_get_visible (merge_button));
  g_assert_false (gtk_widget_get_sensitive (merge_button));
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_nonnull (focus);
  g_assert_false (GTK_IS_CHECK_BUTTON (focus));
  g_assert_false (GTK_IS_LABEL (focus));
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (focus)) == GTK_ACCESSIBLE_ROLE_RADIO_GROUP);
  g_assert_null (gtk_window_get_default_widget (GTK_WINDOW (dialog)));
  /* Enter there settles nothing */
  g_assert_false (gtk_widget_activate (focus));
  ui_test_drain ();
  g_assert_false (gtk_widget_get_sensitive (merge_button));
  for (GtkWidget *child = gtk_widget_get_first_child (focus); child != NULL; child = gtk_widget_get_next_sibling (child))
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_FORWARD));
  g_assert_true (GTK_IS_CHECK_BUTTON (gtk_root_get_focus (GTK_ROOT (dialog))));
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (gtk_root_get_focus (GTK_ROOT (dialog)))), ==,
                   "Keep the report’s text");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (gtk_root_get_focus (GTK_ROOT (dialog)))));
  g_assert_true (st_merge_dialog_choose (dialog, 0, ST_MERGE_TAKE_PACK, NULL));
  g_assert_true (gtk_widget_get_sensitive (merge_button));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == merge_button);
  g_assert_true (st_merge_dialog_respond (dialog, "cancel"));
  ui_test_drain ();

  /* Nothing was applied */
  after = st_report_to_data (st_window_get_report (fixture->window), &length);
  g_assert_cmpstr (after, ==, before);
}

static void
test_packs_merge_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *other = ui_test_write_report (fixture->dir, "other.stocktake");
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.stocktake", NULL);
  g_autofree char *foreign = g_build_filename (fixture->dir, "foreign.stocktake", NULL);
  g_autofree char *on_disk = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AdwMessageDialog *message;
  gsize length;

  /* A pack of another report than this one */
  {
    g_autoptr(StReport) report = st_report_new_from_file (other, NULL, NULL);
    g_autoptr(StReport) pack = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (report);
    pack = st_pack_new (report, "CO", "other.stocktake", &error);
    g_assert_no_error (error);
    g_assert_true (st_report_save_to_file (pack, foreign, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_set_contents (broken, "{\n  \"format\": \"stocktake-report\",\n  oops\n}\n", -1, NULL));

  open_report (fixture);
  on_disk = read_file (fixture->path);
  before = st_report_to_data (st_window_get_report (fixture->window), &length);

  {
    const char *paths[] = { other, NULL };

    merge_files (fixture, paths);
    g_assert_null (find_merge_dialog (fixture));
    message = ui_test_find_dialog (GTK_WINDOW (fixture->window));
    g_assert_nonnull (message);
    g_test_message ("%s\n%s", adw_message_dialog_get_heading (message), adw_message_dialog_get_body (message));
    g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "“other.stocktake” Was Not Merged");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "This is not a department pack"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "Nothing in the pack was merged."));
    ui_test_respond (message, "close");
    g_assert_false (st_window_get_merging (fixture->window));
  }
  {
    const char *paths[] = { broken, NULL };

    merge_files (fixture, paths);
    message = ui_test_find_dialog (GTK_WINDOW (fixture->window));
    g_assert_nonnull (message);
    g_test_message ("%s", adw_message_dialog_get_body (message));
    g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Read “broken.stocktake”");
    g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (message), "Line "));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (message), ", column "));
    ui_test_respond (message, "close");
  }
  {
    const char *paths[] = { foreign, NULL };

    merge_files (fixture, paths);
    message = ui_test_find_dialog (GTK_WINDOW (fixture->window));
    g_assert_nonnull (message);
    g_test_message ("%s", adw_message_dialog_get_body (message));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "This report did not issue the pack"));
    ui_test_respond (message, "close");
  }

  /* None of them changed anything */
  after = st_report_to_data (st_window_get_report (fixture->window), &length);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (st_window_get_is_modified (fixture->window));
  g_clear_pointer (&after, g_free);
  after = read_file (fixture->path);
  g_assert_cmpstr (after, ==, on_disk);

  /* In a run of several, a refusal does not stop the rest */
  make_pack (fixture);
  edit_pack (fixture, "1", "plans-2015", " Soon.");
  {
    const char *paths[] = { other, fixture->pack_path, NULL };
    StMergeDialog *dialog;

    merge_files (fixture, paths);
    message = ui_test_find_dialog (GTK_WINDOW (fixture->window));
    g_assert_nonnull (message);
    g_assert_null (find_merge_dialog (fixture));
    ui_test_respond (message, "close");
    dialog = find_merge_dialog (fixture);
    g_assert_nonnull (dialog);
    g_assert_true (st_merge_dialog_respond (dialog, "merge"));
    ui_test_drain ();
    g_assert_cmpstr (ui_test_text_in_window (fixture->window, "CO", "1", "plans-2015"), ==,
                     "A new in-house Digital and Technology Department will be established. Soon.");
  }
}

/* History */

/* The titles of the rows under @widget */
static void
collect_row_titles (GtkWidget *widget,
                    GPtrArray *titles)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child))
        g_ptr_array_add (titles, (gpointer) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)));
      collect_row_titles (child, titles);
    }
}

static GtkWidget *
find_history_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), "win.show-history") == 0)
        return child;
      if ((found = find_history_button (child)) != NULL)
        return found;
    }
  return NULL;
}

/* Types @text at the start of a section. (At the end, the old last word
 * gains a space and counts as changed.) */
static void
type_at_start (StWindow   *window,
               const char *section_id,
               const char *text)
{
  StSectionEditor *editor = st_submission_form_get_editor (st_window_get_form (window), section_id);
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_assert_nonnull (editor);
  buffer = st_section_editor_get_buffer (editor);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE));
  ui_test_drain ();
}

static void
test_packs_history (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  StHistoryDialog *dialog;
  StSectionEditor *editor;
  GtkWidget *button;
  GVariant *target;

  open_report (fixture);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  type_at_start (fixture->window, "progress-2014", "First. ");
  save (fixture->window);
  set_author (fixture, DEPARTMENT);
  type_at_start (fixture->window, "progress-2014", "Second one. ");
  save (fixture->window);
  set_author (fixture, REVIEWER);

  /* The section card's button opens its history */
  editor = st_submission_form_get_editor (st_window_get_form (fixture->window), "progress-2014");
  button = find_history_button (GTK_WIDGET (editor));
  g_assert_nonnull (button);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "progress-2014");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  dialog = (StHistoryDialog *) ui_test_find_window (GTK_WINDOW (fixture->window), ST_TYPE_HISTORY_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "History of “Progress during 2014”");

  /* The text as loaded, then each save, with who saved it */
  g_assert_cmpuint (st_history_dialog_get_n_versions (dialog), ==, 3);
  collect_row_titles (GTK_WIDGET (dialog), titles);
  g_assert_cmpuint (titles->len, >=, 3);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "1. Before the history begins");
  g_assert_cmpstr (g_ptr_array_index (titles, 1), ==, "2. Saved by " REVIEWER);
  g_assert_cmpstr (g_ptr_array_index (titles, 2), ==, "3. Saved by " DEPARTMENT);

  /* The last two first, then any two, either way round */
  g_assert_cmpstr (st_history_dialog_get_summary (dialog), ==, "0 words removed, 2 added");
  g_assert_cmpstr (st_history_dialog_get_diff_text (dialog), ==,
                   "Second one. First. Paul Maltby is the Cabinet Office digital lead.");
  g_assert_true (st_history_dialog_compare (dialog, 0, 1));
  g_assert_cmpstr (st_history_dialog_get_summary (dialog), ==, "0 words removed, 1 added");
  g_assert_true (st_history_dialog_compare (dialog, 2, 0));
  g_assert_cmpstr (st_history_dialog_get_summary (dialog), ==, "3 words removed, 0 added");
  g_assert_true (st_history_dialog_compare (dialog, 1, 1));
  g_assert_cmpstr (st_history_dialog_get_summary (dialog), ==, "No change");
  g_assert_false (st_history_dialog_compare (dialog, 0, 3));
  /* Never approved: no such view */
  g_assert_false (st_history_dialog_has_approved (dialog));
  g_assert_null (st_history_dialog_get_approved_diff_text (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Approved, then changed: what changed since */
  {
    StReport *report = st_window_get_report (fixture->window);
    g_autoptr(StWorkflow) department = st_workflow_new (report, ST_ROLE_DEPARTMENT, "CO", DEPARTMENT);

    st_workflow_set_validator (department, st_workflow_get_validator (st_window_get_workflow (fixture->window)));
    g_assert_true (st_workflow_set_status (department, "CO", "1", ST_STATUS_SUBMITTED, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (st_workflow_set_status (st_window_get_workflow (fixture->window), "CO", "1",
                                           ST_STATUS_APPROVED, NULL, &error));
    g_assert_no_error (error);
  }
  type_at_start (fixture->window, "progress-2014", "Third. ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-history", "s", "progress-2014"));
  dialog = (StHistoryDialog *) ui_test_find_window (GTK_WINDOW (fixture->window), ST_TYPE_HISTORY_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (st_history_dialog_has_approved (dialog));
  g_assert_cmpstr (st_history_dialog_get_approved_summary (dialog), ==, "0 words removed, 1 added");
  g_assert_cmpstr (st_history_dialog_get_approved_diff_text (dialog), ==,
                   "Third. Second one. First. Paul Maltby is the Cabinet Office digital lead.");
  /* The unsaved text is the last version */
  g_assert_cmpuint (st_history_dialog_get_n_versions (dialog), ==, 4);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A submission with nothing written has no versions */
  ui_test_select_in_sidebar (fixture->window, "HMRC", "7");
  dialog = ST_HISTORY_DIALOG (st_window_show_history (fixture->window, "progress-2014"));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (st_history_dialog_get_n_versions (dialog), ==, 0);
  g_assert_false (st_history_dialog_has_approved (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Marks that are not colour alone */
static void
test_packs_diff_markup (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) diff = st_diff_words ("The old words stay.", "The new words stay.");
  g_autoptr(GPtrArray) none = st_diff_words (NULL, "  ");
  g_autofree char *both = st_diff_markup (diff, ST_DIFF_SHOW_BOTH, FALSE);
  g_autofree char *old = st_diff_markup (diff, ST_DIFF_SHOW_OLD, FALSE);
  g_autofree char *new = st_diff_markup (diff, ST_DIFF_SHOW_NEW, FALSE);
  g_autofree char *empty = st_diff_markup (none, ST_DIFF_SHOW_NEW, FALSE);
  g_autofree char *count = st_diff_describe_count (diff);
  g_autoptr(GPtrArray) escaped = st_diff_words ("a < b", "a <b> & b");
  g_autofree char *escaped_markup = st_diff_markup (escaped, ST_DIFF_SHOW_BOTH, FALSE);
  g_autoptr(GPtrArray) renamed = st_diff_words ("Team (CODATT).\n\nCODATT built", "Team (CODaT).\n\nCODaT built");
  g_autofree char *renamed_markup = st_diff_markup (renamed, ST_DIFF_SHOW_BOTH, FALSE);
  g_autofree char *renamed_text = NULL;

  g_test_message ("%s", both);
  g_assert_nonnull (strstr (both, "strikethrough=\"true\" style=\"italic\""));
  g_assert_nonnull (strstr (both, "underline=\"low\" weight=\"bold\""));
  g_assert_nonnull (strstr (both, ">old</span> "));
  g_assert_nonnull (strstr (both, ">new</span> "));
  g_assert_null (strstr (old, ">new<"));
  g_assert_null (strstr (old, "underline"));
  g_assert_null (strstr (new, ">old<"));
  g_assert_null (strstr (new, "strikethrough"));
  g_assert_cmpstr (empty, ==, "<i>(empty)</i>");
  g_assert_cmpstr (count, ==, "1 word removed, 1 added");
  /* Text is text, not markup */
  g_assert_null (strstr (escaped_markup, "<b>"));
  g_assert_nonnull (strstr (escaped_markup, "&lt;b&gt;"));
  g_assert_true (pango_parse_markup (escaped_markup, -1, 0, NULL, NULL, NULL, NULL));
  g_assert_true (pango_parse_markup (both, -1, 0, NULL, NULL, NULL, NULL));
  /* Each paragraph keeps its own removed and added words, in both the
   * merge window's conflicts and a section's history */
  g_assert_true (pango_parse_markup (renamed_markup, -1, 0, NULL, &renamed_text, NULL, NULL));
  g_assert_cmpstr (renamed_text, ==, "Team (CODATT). (CODaT).\n\nCODATT CODaT built");
}

/* WCAG's contrast ratio of two "#rrggbb" colours */
static double
contrast (const char *one,
          const char *other)
{
  const char *colours[] = { one, other };
  double luminance[2];

  for (guint i = 0; i < 2; i++)
    {
      GdkRGBA rgba;
      double channels[3];

      g_assert_true (gdk_rgba_parse (&rgba, colours[i]));
      channels[0] = rgba.red;
      channels[1] = rgba.green;
      channels[2] = rgba.blue;
      for (guint c = 0; c < 3; c++)
        channels[c] = channels[c] <= 0.03928 ? channels[c] / 12.92 : pow ((channels[c] + 0.055) / 1.055, 2.4);
      luminance[i] = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    }
  return (MAX (luminance[0], luminance[1]) + 0.05) / (MIN (luminance[0], luminance[1]) + 0.05);
}

/* The colours of every changed word's span in @markup, which must each
 * meet WCAG AA's 4.5:1, struck through or underlined as well */
static guint
assert_spans_readable (const char *markup)
{
  g_autoptr(GRegex) regex = g_regex_new ("<span ([a-z]+)=\"[a-z]+\" [^>]*foreground=\"(#[0-9a-f]{6})\" "
                                         "background=\"(#[0-9a-f]{6})\">",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  for (g_regex_match (regex, markup, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *line = g_match_info_fetch (match, 1);
      g_autofree char *foreground = g_match_info_fetch (match, 2);
      g_autofree char *background = g_match_info_fetch (match, 3);

      g_test_message ("%s: %s on %s, %.2f:1", line, foreground, background, contrast (foreground, background));
      g_assert_true (g_str_equal (line, "strikethrough") || g_str_equal (line, "underline"));
      g_assert_cmpfloat (contrast (foreground, background), >=, 4.5);
      n++;
    }
  return n;
}

/* Readable in the light and the dark style, and shown in the one in use
 * as it changes */
static void
test_packs_diff_markup_contrast (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) diff = st_diff_words ("Finished in May, TODO add figures.",
                                             "Finished in May, and served 12,000 users.");
  g_autofree char *light = st_diff_markup (diff, ST_DIFF_SHOW_BOTH, FALSE);
  g_autofree char *dark = st_diff_markup (diff, ST_DIFF_SHOW_BOTH, TRUE);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));

  /* Three words out, four in, each in a span of its own */
  g_assert_cmpuint (assert_spans_readable (light), ==, 7);
  g_assert_cmpuint (assert_spans_readable (dark), ==, 7);
  g_assert_cmpstr (light, !=, dark);
  g_assert_true (pango_parse_markup (dark, -1, 0, NULL, NULL, NULL, NULL));
  /* The helper's own check fails for what it should */
  g_assert_cmpfloat (contrast ("#c0bfbc", "#5b2f31"), <, 7);
  g_assert_cmpfloat (contrast ("#777777", "#888888"), <, 4.5);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  st_diff_markup_set_label (GTK_LABEL (label), diff, ST_DIFF_SHOW_BOTH);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, light);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, dark);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, light);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  g_object_unref (label);
}

/* The whole cycle */

static gboolean
export_done (gpointer data)
{
  return !st_window_get_exporting (ST_WINDOW (data));
}

/* The department submits the return shown in the pack window, confirming
 * the warnings it is shown */
static void
submit_in_pack (Fixture *fixture)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pack_window), "win.submit-submission", NULL));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->pack_window));
  g_assert_nonnull (dialog);
  g_test_message ("%s\n%s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Submit CO, Action 1?");
  ui_test_respond (dialog, "submit");
}

/* Merges the pack at @path into the central team's report, which must
 * bring no conflicts */
static void
merge_clean (Fixture    *fixture,
             const char *path)
{
  const char *paths[] = { path, NULL };
  StMergeDialog *dialog;

  set_author (fixture, REVIEWER);
  merge_files (fixture, paths);
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  dialog = find_merge_dialog (fixture);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (st_merge_get_conflicts (st_merge_dialog_get_merge (dialog))->len, ==, 0);
  g_assert_true (st_merge_dialog_respond (dialog, "merge"));
  ui_test_drain ();
  g_assert_false (st_window_get_merging (fixture->window));
}

static StStatus
status_in (StWindow   *window,
           const char *respondent_id,
           const char *item_id)
{
  StSubmission *submission = st_report_lookup_submission (st_window_get_report (window), respondent_id, item_id);

  return submission != NULL ? st_submission_get_status (submission) : ST_STATUS_DRAFT;
}

static guint
count_issued (const char *path)
{
  g_autoptr(StReport) report = st_report_new_from_file (path, NULL, NULL);
  g_autoptr(GPtrArray) issued = NULL;

  g_assert_nonnull (report);
  issued = st_pack_list_issued (report);
  return issued->len;
}

static void
test_packs_full_cycle (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *first_text = "Paul Maltby is the Cabinet Office digital lead. Tom Read is the chief technology officer.";
  const char *fixed_text = "A new in-house Digital and Technology Department will be established. It starts in April 2015.";
  const char *comment = "Please say when the new department starts.";
  const char *reply = "Done: April 2015.";
  g_autofree char *second_pack = g_build_filename (fixture->dir, "co-again.stocktake", NULL);
  g_autofree char *export_path = g_build_filename (fixture->dir, "co.txt", NULL);
  g_autoptr(GFile) export_file = g_file_new_for_path (export_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *report_before = NULL;
  g_autofree char *report_after = NULL;
  StSubmissionForm *form;
  AdwMessageDialog *dialog;
  JsonObject *saved;
  gsize length;

  /* The central team makes CO's pack */
  open_report (fixture);
  make_pack (fixture);
  g_assert_cmpuint (count_issued (fixture->path), ==, 1);

  /* CO fills it in and submits */
  set_author (fixture, DEPARTMENT);
  open_pack (fixture);
  form = st_window_get_form (fixture->pack_window);
  ui_test_select_in_sidebar (fixture->pack_window, "CO", "1");
  ui_test_type_in_section (fixture->pack_window, "progress-2014", " Tom Read is the chief technology officer.");
  submit_in_pack (fixture);
  g_assert_cmpint (status_in (fixture->pack_window, "CO", "1"), ==, ST_STATUS_SUBMITTED);
  save (fixture->pack_window);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    saved = ui_test_saved_submission (parser, fixture->pack_path, "CO", "1");
    g_assert_cmpstr (saved_status (saved), ==, "submitted");
    g_assert_cmpuint (count_history (saved, "status", DEPARTMENT, "submitted"), ==, 1);
    g_assert_cmpuint (count_history (saved, "edit", DEPARTMENT, first_text), ==, 1);
    /* Nobody else's returns travel in the pack */
    g_assert_null (ui_test_saved_submission (parser, fixture->pack_path, "AGO", "1"));
  }
  close_pack (fixture);

  /* The central team merges it */
  merge_clean (fixture, fixture->pack_path);
  g_assert_cmpint (status_in (fixture->window, "CO", "1"), ==, ST_STATUS_SUBMITTED);
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "CO", "1", "progress-2014"), ==, first_text);
  save (fixture->window);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    saved = ui_test_saved_submission (parser, fixture->path, "CO", "1");
    g_assert_cmpstr (saved_status (saved), ==, "submitted");
    g_assert_cmpuint (count_history (saved, "merge", REVIEWER, first_text), ==, 1);
    g_assert_cmpuint (count_history (saved, "status", DEPARTMENT, "submitted"), ==, 1);
  }

  /* … and returns it with a comment */
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.return-submission", NULL));
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "return"));
  {
    GtkWidget *view = ui_test_find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_TEXT_VIEW);

    g_assert_nonnull (view);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), comment, -1);
    ui_test_drain ();
  }
  ui_test_respond (dialog, "return");
  g_assert_cmpint (status_in (fixture->window, "CO", "1"), ==, ST_STATUS_RETURNED);
  save (fixture->window);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *comments;
    JsonObject *first;

    saved = ui_test_saved_submission (parser, fixture->path, "CO", "1");
    g_assert_cmpstr (saved_status (saved), ==, "returned");
    g_assert_cmpuint (count_history (saved, "status", REVIEWER, "returned"), ==, 1);
    comments = json_object_get_array_member (saved, "comments");
    g_assert_cmpuint (json_array_get_length (comments), ==, 1);
    first = json_array_get_object_element (comments, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "text"), ==, comment);
    g_assert_cmpstr (json_object_get_string_member (first, "author"), ==, REVIEWER);
  }

  /* The returned submission and its comment go back to CO in a new pack */
  {
    g_autoptr(GFile) file = g_file_new_for_path (second_pack);

    g_assert_true (st_window_make_pack (fixture->window, "CO", file, &error));
    g_assert_no_error (error);
    ui_test_drain ();
    g_assert_cmpuint (count_issued (fixture->path), ==, 2);
    g_free (fixture->pack_path);
    fixture->pack_path = g_strdup (second_pack);
  }
  set_author (fixture, DEPARTMENT);
  open_pack (fixture);
  form = st_window_get_form (fixture->pack_window);
  ui_test_select_in_sidebar (fixture->pack_window, "CO", "1");
  g_assert_cmpint (status_in (fixture->pack_window, "CO", "1"), ==, ST_STATUS_RETURNED);
  g_assert_cmpstr (st_submission_form_get_notice_text (form), ==, comment);
  ui_test_type_in_section (fixture->pack_window, "plans-2015", " It starts in April 2015.");
  /* … answers the comment and marks it resolved */
  {
    StSubmission *submission = st_report_lookup_submission (st_window_get_report (fixture->pack_window), "CO", "1");
    g_autoptr(GPtrArray) threads = st_workflow_list_threads (submission, NULL);
    StCommentPane *general = st_submission_form_get_comment_pane (form, NULL);
    g_autofree char *id = NULL;
    GtkEditable *entry;

    g_assert_cmpuint (threads->len, ==, 1);
    id = g_strdup (((StCommentThread *) g_ptr_array_index (threads, 0))->root->id);
    entry = st_comment_pane_get_entry (general, id);
    g_assert_nonnull (entry);
    gtk_editable_set_text (entry, reply);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (general), "comments.reply", "s", id));
    ui_test_drain ();
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (general), "comments.resolve", "s", id));
    ui_test_drain ();
    g_assert_cmpuint (st_comment_pane_get_n_open (general), ==, 0);
  }
  submit_in_pack (fixture);
  g_assert_cmpint (status_in (fixture->pack_window, "CO", "1"), ==, ST_STATUS_SUBMITTED);
  save (fixture->pack_window);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    saved = ui_test_saved_submission (parser, fixture->pack_path, "CO", "1");
    g_assert_cmpstr (saved_status (saved), ==, "submitted");
    g_assert_cmpuint (count_history (saved, "edit", DEPARTMENT, fixed_text), ==, 1);
  }
  close_pack (fixture);

  /* Merged again, then approved */
  merge_clean (fixture, fixture->pack_path);
  g_assert_cmpint (status_in (fixture->window, "CO", "1"), ==, ST_STATUS_SUBMITTED);
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "CO", "1", "plans-2015"), ==, fixed_text);
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.approve-submission", NULL));
  ui_test_drain ();
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_cmpint (status_in (fixture->window, "CO", "1"), ==, ST_STATUS_APPROVED);
  save (fixture->window);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    saved = ui_test_saved_submission (parser, fixture->path, "CO", "1");
    g_assert_cmpstr (saved_status (saved), ==, "approved");
    g_assert_cmpuint (count_history (saved, "status", REVIEWER, "approved"), ==, 1);
    g_assert_cmpuint (count_history (saved, "merge", REVIEWER, fixed_text), ==, 1);
    g_assert_cmpuint (count_history (saved, "status", DEPARTMENT, "submitted"), ==, 2);
    /* The department's answer came back with the pack */
    {
      JsonArray *comments = json_object_get_array_member (saved, "comments");
      JsonObject *answer;

      g_assert_cmpuint (json_array_get_length (comments), ==, 2);
      g_assert_true (json_object_get_boolean_member (json_array_get_object_element (comments, 0), "resolved"));
      answer = json_array_get_object_element (comments, 1);
      g_assert_cmpstr (json_object_get_string_member (answer, "text"), ==, reply);
      g_assert_cmpstr (json_object_get_string_member (answer, "author"), ==, DEPARTMENT);
    }
    /* The other departments were never touched */
    g_assert_cmpstr (saved_status (ui_test_saved_submission (parser, fixture->path, "AGO", "1")), ==, "draft");
  }

  /* What changed since approval: nothing yet */
  {
    StHistoryDialog *history = ST_HISTORY_DIALOG (st_window_show_history (fixture->window, "plans-2015"));

    g_assert_nonnull (history);
    g_assert_true (st_history_dialog_has_approved (history));
    g_assert_cmpstr (st_history_dialog_get_approved_summary (history), ==, "No change");
    gtk_window_destroy (GTK_WINDOW (history));
  }

  /* Each section's versions are the texts it had, by the department
   * that wrote them: the merges add none of their own, and none is
   * made up from what the report had before a merge */
  for (guint i = 0; i < 2; i++)
    {
      const char *section_id = i == 0 ? "progress-2014" : "plans-2015";
      StHistoryDialog *history = ST_HISTORY_DIALOG (st_window_show_history (fixture->window, section_id));
      g_autoptr(GPtrArray) titles = g_ptr_array_new ();

      g_assert_nonnull (history);
      g_assert_cmpuint (st_history_dialog_get_n_versions (history), ==, 2);
      collect_row_titles (GTK_WIDGET (history), titles);
      g_assert_cmpuint (titles->len, >=, 2);
      g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "1. Before the history begins");
      g_assert_cmpstr (g_ptr_array_index (titles, 1), ==, "2. Saved by " DEPARTMENT);
      for (guint j = 0; j < titles->len; j++)
        g_assert_null (strstr (g_ptr_array_index (titles, j), "Unknown"));
      g_assert_true (st_history_dialog_compare (history, 0, 1));
      gtk_window_destroy (GTK_WINDOW (history));
    }

  /* A file that is not a pack is refused, and changes nothing */
  report_before = st_report_to_data (st_window_get_report (fixture->window), &length);
  {
    const char *paths[] = { fixture->path, NULL };

    merge_files (fixture, paths);
    dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "This is not a department pack"));
    ui_test_respond (dialog, "close");
  }
  report_after = st_report_to_data (st_window_get_report (fixture->window), &length);
  g_assert_cmpstr (report_after, ==, report_before);
  g_assert_false (st_window_get_is_modified (fixture->window));

  /* The department's page, published with the fixed words */
  g_assert_true (st_window_export (fixture->window, "department:CO", ST_EXPORT_TEXT, export_file));
  g_assert_true (ui_test_wait_for (export_done, fixture->window, 20));
  exported = read_file (export_path);
  g_assert_nonnull (strstr (exported, "It starts in April 2015."));
  g_assert_nonnull (strstr (exported, "Tom Read is the chief technology officer."));
  g_assert_null (strstr (exported, "AGO has board-level responsibility"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StApplication) application = NULL;

  if (!ui_test_init (&argc, &argv))
    return 0;
  application = ui_test_application ();

#define ADD(name, func) \
  g_test_add ("/packs/" name, Fixture, application, fixture_set_up, func, fixture_tear_down)

  ADD ("make", test_packs_make);
  ADD ("make-fails", test_packs_make_fails);
  ADD ("dialog", test_packs_dialog);
  ADD ("dialog-choice", test_packs_dialog_choice);
  ADD ("mode", test_packs_mode);
  ADD ("merge", test_packs_merge);
  ADD ("merge-conflict", test_packs_merge_conflict);
  ADD ("merge-conflict-empty", test_packs_merge_conflict_empty);
  ADD ("merge-nothing", test_packs_merge_nothing);
  ADD ("merge-refused", test_packs_merge_refused);
  ADD ("history", test_packs_history);
  ADD ("diff-markup", test_packs_diff_markup);
  ADD ("diff-markup-contrast", test_packs_diff_markup_contrast);
  ADD ("full-cycle", test_packs_full_cycle);

#undef ADD

  return ui_test_run ();
}
