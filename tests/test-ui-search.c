/* test-ui-search.c: finding and replacing across the report, as a user
 * does it in the window
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-ui-helpers.h"

/* The report ui_test_write_report() makes has "digital" six times: once
 * in each of AGO's and CO's earlier rounds (which stay as they are), and
 * in four sections of the round being collected, once as "Digital" */
#define N_DIGITAL          6
#define N_DIGITAL_EDITABLE 4

typedef struct {
  StApplication *application;
  char          *dir;
  char          *path;
  GFile         *file;
  StWindow      *window;
  StSearchPanel *panel;
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

  g_assert_true (st_window_open_file (fixture->window, fixture->file));
  ui_test_drain ();
  g_assert_nonnull (st_window_get_report (fixture->window));
  fixture->panel = st_window_get_search_panel (fixture->window);
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

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
assert_on_disk (Fixture    *fixture,
                const char *respondent_id,
                const char *item_id,
                const char *section_id,
                const char *expected)
{
  g_autofree char *text = ui_test_text_on_disk (fixture->path, respondent_id, item_id, section_id);

  g_assert_cmpstr (text, ==, expected);
}

/* An inscription's text, with what it shows in bold between <b> and </b> */
static void
append_inscription (GString        *out,
                    GtkInscription *inscription)
{
  const char *text = gtk_inscription_get_text (inscription);
  PangoAttrList *attributes = gtk_inscription_get_attributes (inscription);
  GSList *list = attributes != NULL ? pango_attr_list_get_attributes (attributes) : NULL;
  guint start = 0, end = 0;

  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attribute = l->data;

      if (attribute->klass->type == PANGO_ATTR_WEIGHT &&
          ((PangoAttrInt *) attribute)->value >= PANGO_WEIGHT_BOLD && end == 0)
        {
          start = attribute->start_index;
          end = attribute->end_index;
        }
    }
  g_slist_free_full (list, (GDestroyNotify) pango_attribute_destroy);
  if (text == NULL)
    return;
  if (end == 0 || end > strlen (text))
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_len (out, text, start);
  g_string_append (out, "<b>");
  g_string_append_len (out, text + start, end - start);
  g_string_append (out, "</b>");
  g_string_append (out, text + end);
}

/* Every label's text under @widget, one a line, as the user reads them */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child))
        {
          g_string_append (out, gtk_label_get_label (GTK_LABEL (child)));
          g_string_append_c (out, '\n');
        }
      else if (GTK_IS_INSCRIPTION (child) && gtk_widget_get_visible (child))
        {
          append_inscription (out, GTK_INSCRIPTION (child));
          g_string_append_c (out, '\n');
        }
      collect_labels (child, out);
    }
}

static char *
shown_labels (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_labels (widget, out);
  return g_string_free (out, FALSE);
}

static void
find (Fixture       *fixture,
      const char    *query,
      StSearchFlags  flags)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL));
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "find");
  st_search_panel_set_flags (fixture->panel, flags);
  st_search_panel_focus (fixture->panel, query);
  ui_test_drain ();
}

static StSearchMatch *
match_at (Fixture *fixture,
          guint    position)
{
  GListModel *matches = st_search_panel_get_matches (fixture->panel);
  StSearchMatch *match = g_list_model_get_item (matches, position);

  g_assert_nonnull (match);
  g_object_unref (match);  /* the model keeps it */
  return match;
}

static void
test_search_shortcuts (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkApplication *application = GTK_APPLICATION (fixture->application);
  g_auto(GStrv) find_accels = gtk_application_get_accels_for_action (application, "win.find");
  g_auto(GStrv) filter_accels = gtk_application_get_accels_for_action (application, "win.search");

  /* Ctrl+F finds in the report; the sidebar's list has its own key */
  g_assert_true (g_strv_contains ((const char * const *) find_accels, "<Control>f"));
  g_assert_false (g_strv_contains ((const char * const *) filter_accels, "<Control>f"));
  g_assert_true (g_strv_contains ((const char * const *) filter_accels, "<Shift><Control>f"));

  /* ... and the filter is still there to be reached */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "overview");
}

static void
test_search_find_and_open (Fixture       *fixture,
                           gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  GListModel *matches;
  g_autofree char *labels = NULL;
  StSectionEditor *editor;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  ui_test_select_in_sidebar (fixture->window, "DfE", "1");
  find (fixture, "digital", ST_SEARCH_DEFAULT);

  matches = st_search_panel_get_matches (fixture->panel);
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, N_DIGITAL);
  g_assert_cmpstr (st_search_panel_get_summary (fixture->panel), ==,
                   "6 matches in 6 sections; 2 are in sections that cannot be changed");

  /* Each row names the department, the action and the section, and
   * shows the match in bold in its context */
  labels = shown_labels (GTK_WIDGET (fixture->panel));
  g_assert_nonnull (strstr (labels, "Attorney General’s Office\n"));
  g_assert_nonnull (strstr (labels, "Cabinet Office\n"));
  g_assert_nonnull (strstr (labels, "Department for Education\n"));
  g_assert_nonnull (strstr (labels, "Progress during 2014 · Action 1: ensure there is an active digital leader "
                                    "on departmental and transactional agency boards\n"));
  g_assert_nonnull (strstr (labels, "Paul Maltby is the Cabinet Office <b>digital</b> lead.\n"));
  g_assert_nonnull (strstr (labels, "A new in-house <b>Digital</b> and Technology Department will be established.\n"));
  g_assert_nonnull (strstr (labels, "Read only: an earlier round\n"));

  /* Case and whole words narrow it down */
  st_search_panel_set_flags (fixture->panel, ST_SEARCH_CASE_SENSITIVE);
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==, N_DIGITAL - 1);
  st_search_panel_set_flags (fixture->panel, ST_SEARCH_WHOLE_WORDS);
  st_search_panel_focus (fixture->panel, "digit");
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==, 0);
  g_assert_cmpstr (st_search_panel_get_summary (fixture->panel), ==, "No matches");
  st_search_panel_set_flags (fixture->panel, ST_SEARCH_DEFAULT);
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==, N_DIGITAL);
  st_search_panel_focus (fixture->panel, "digital");

  /* Opening a match shows its form with the words selected */
  g_assert_cmpstr (st_search_match_get_respondent_id (match_at (fixture, 3)), ==, "CO");
  st_search_panel_activate (fixture->panel, 3);
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "form");
  g_assert_cmpstr (st_submission_form_get_respondent_id (form), ==, "CO");
  g_assert_cmpstr (st_submission_form_get_item_id (form), ==, "1");
  editor = st_submission_form_get_editor (form, "progress-2014");
  buffer = st_section_editor_get_buffer (editor);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, 34);
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, 41);

  /* Ctrl+F from there starts with the selected words, and Escape goes
   * back to the form */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL));
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "find");
  g_assert_cmpstr (st_search_panel_get_query (fixture->panel), ==, "digital");
  g_signal_emit_by_name (ui_test_find_descendant (GTK_WIDGET (fixture->panel), GTK_TYPE_SEARCH_ENTRY),
                         "stop-search");
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "form");
  g_assert_cmpstr (st_submission_form_get_respondent_id (form), ==, "CO");

  /* Nothing was changed by looking */
  g_assert_false (st_window_get_is_modified (fixture->window));
}

static void
test_search_replace_all (Fixture       *fixture,
                         gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  AdwMessageDialog *dialog;
  const char *body;
  g_autofree char *shown = NULL;

  /* The form on screen follows the replacement */
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  find (fixture, "digital", ST_SEARCH_DEFAULT);
  st_search_panel_set_replacement (fixture->panel, "online");
  st_search_panel_replace_all (fixture->panel);

  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace All?");
  body = adw_message_dialog_get_body (dialog);
  g_assert_cmpstr (body, ==, "Replace 4 matches of “digital” with “online” in 4 sections. "
                             "2 matches in sections that cannot be changed stay as they are.");
  ui_test_respond (dialog, "replace");

  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "AGO", "1", "progress-2014"), ==,
                   "AGO has board-level responsibility for online.");
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "CO", "1", "plans-2015"), ==,
                   "A new in-house online and Technology Department will be established.");
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "CO", "1", "plans-2014"), ==,
                   "The executive management committee (EMC) will continue to commit to the digital strategy.");
  g_assert_true (st_window_get_is_modified (fixture->window));
  shown = st_section_editor_get_text (st_submission_form_get_editor (form, "progress-2014"));
  g_assert_cmpstr (shown, ==, "Paul Maltby is the Cabinet Office online lead.");
  g_clear_pointer (&shown, g_free);

  /* What is left can only be read */
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==,
                    N_DIGITAL - N_DIGITAL_EDITABLE);
  g_assert_false (st_search_match_get_editable (match_at (fixture, 0)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  g_assert_false (st_window_get_is_modified (fixture->window));
  assert_on_disk (fixture, "AGO", "1", "progress-2014", "AGO has board-level responsibility for online.");
  assert_on_disk (fixture, "CO", "1", "progress-2014", "Paul Maltby is the Cabinet Office online lead.");
  assert_on_disk (fixture, "CO", "1", "plans-2015", "A new in-house online and Technology Department will be established.");
  assert_on_disk (fixture, "DfE", "1", "progress-2014", "DfE has a online leader in place.");
  assert_on_disk (fixture, "AGO", "1", "commitments-2012",
                  "The Attorney General’s Office (AGO) has board-level responsibility for digital.");
  assert_on_disk (fixture, "CO", "1", "plans-2014",
                  "The executive management committee (EMC) will continue to commit to the digital strategy.");

  /* Undo puts every section back, the form on screen with it */
  g_assert_true (st_search_panel_undo (fixture->panel));
  ui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==, N_DIGITAL);
  shown = st_section_editor_get_text (st_submission_form_get_editor (form, "progress-2014"));
  g_assert_cmpstr (shown, ==, "Paul Maltby is the Cabinet Office digital lead.");
  g_assert_false (st_search_panel_undo (fixture->panel));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  assert_on_disk (fixture, "CO", "1", "plans-2015", "A new in-house Digital and Technology Department will be established.");
  assert_on_disk (fixture, "DfE", "1", "progress-2014", "DfE has a digital leader in place.");
}

static void
test_search_replace_all_cancel (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *before = read_file (fixture->path);
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  find (fixture, "digital", ST_SEARCH_DEFAULT);
  st_search_panel_set_replacement (fixture->panel, "online");
  st_search_panel_replace_all (fixture->panel);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  ui_test_respond (dialog, "cancel");

  g_assert_false (st_window_get_is_modified (fixture->window));
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "DfE", "1", "progress-2014"), ==, "DfE has a digital leader in place.");
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==, N_DIGITAL);
  g_assert_false (st_search_panel_undo (fixture->panel));
  after = read_file (fixture->path);
  g_assert_cmpstr (after, ==, before);
}

/* The toast's Undo is offered while it can do something and until the
 * report is saved; Ctrl+Z on the find page undoes as it does */
static void
test_search_undo_offer (Fixture       *fixture,
                        gconstpointer  data)
{
  AdwMessageDialog *dialog;

  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  find (fixture, "Maltby", ST_SEARCH_DEFAULT);
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==, 1);
  g_assert_false (st_search_panel_can_undo (fixture->panel));
  g_assert_null (st_search_panel_get_undo_toast (fixture->panel));
  st_search_panel_set_replacement (fixture->panel, "Smith");
  st_search_panel_replace_all (fixture->panel);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  ui_test_respond (dialog, "replace");
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "CO", "1", "progress-2014"), ==,
                   "Paul Smith is the Cabinet Office digital lead.");
  g_assert_true (st_search_panel_can_undo (fixture->panel));
  g_assert_nonnull (st_search_panel_get_undo_toast (fixture->panel));

  /* A change to another section leaves the offer */
  ui_test_type_in_section (fixture->window, "plans-2015", " Soon.");
  g_assert_true (st_search_panel_can_undo (fixture->panel));
  g_assert_nonnull (st_search_panel_get_undo_toast (fixture->panel));

  /* Typed over: there is nothing left to undo, and no offer to */
  ui_test_type_in_section (fixture->window, "progress-2014", " Since May.");
  g_assert_false (st_search_panel_can_undo (fixture->panel));
  g_assert_null (st_search_panel_get_undo_toast (fixture->panel));
  g_assert_false (st_search_panel_undo (fixture->panel));
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "CO", "1", "progress-2014"), ==,
                   "Paul Smith is the Cabinet Office digital lead. Since May.");

  /* Saved: the toast goes, and Ctrl+Z on the find page still undoes */
  find (fixture, "digital", ST_SEARCH_DEFAULT);
  st_search_panel_set_replacement (fixture->panel, "online");
  st_search_panel_replace_all (fixture->panel);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  ui_test_respond (dialog, "replace");
  g_assert_nonnull (st_search_panel_get_undo_toast (fixture->panel));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  g_assert_false (st_window_get_is_modified (fixture->window));
  g_assert_null (st_search_panel_get_undo_toast (fixture->panel));
  g_assert_true (st_search_panel_can_undo (fixture->panel));
  assert_on_disk (fixture, "DfE", "1", "progress-2014", "DfE has a online leader in place.");
  assert_on_disk (fixture, "CO", "1", "progress-2014", "Paul Smith is the Cabinet Office online lead. Since May.");

  /* Away from the find page, Ctrl+Z is the form's alone */
  ui_test_select_in_sidebar (fixture->window, "DfE", "1");
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "form");
  gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "search.undo", NULL);
  ui_test_drain ();
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "DfE", "1", "progress-2014"), ==, "DfE has a online leader in place.");
  g_assert_true (st_search_panel_can_undo (fixture->panel));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL));
  ui_test_drain ();
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "find");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "search.undo", NULL));
  ui_test_drain ();
  g_assert_false (st_search_panel_can_undo (fixture->panel));
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "DfE", "1", "progress-2014"), ==, "DfE has a digital leader in place.");
  g_assert_true (st_window_get_is_modified (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  assert_on_disk (fixture, "DfE", "1", "progress-2014", "DfE has a digital leader in place.");
  assert_on_disk (fixture, "CO", "1", "progress-2014", "Paul Smith is the Cabinet Office digital lead. Since May.");
}

static void
test_search_replace_one (Fixture       *fixture,
                         gconstpointer  data)
{
  find (fixture, "DIGITAL", ST_SEARCH_DEFAULT);
  st_search_panel_set_replacement (fixture->panel, "online");

  /* An earlier round's match has no way to be replaced */
  g_assert_false (st_search_match_get_editable (match_at (fixture, 0)));
  g_assert_false (st_search_panel_replace (fixture->panel, 0));
  g_assert_false (st_window_get_is_modified (fixture->window));

  /* One match, and only that one */
  g_assert_cmpstr (st_search_match_get_respondent_id (match_at (fixture, 5)), ==, "DfE");
  g_assert_true (st_search_panel_replace (fixture->panel, 5));
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "DfE", "1", "progress-2014"), ==, "DfE has a online leader in place.");
  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "AGO", "1", "progress-2014"), ==,
                   "AGO has board-level responsibility for digital.");
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==, N_DIGITAL - 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  assert_on_disk (fixture, "DfE", "1", "progress-2014", "DfE has a online leader in place.");
  assert_on_disk (fixture, "AGO", "1", "progress-2014", "AGO has board-level responsibility for digital.");
}

/* The inscription under @widget that shows @text, or NULL */
static GtkWidget *
find_inscription (GtkWidget  *widget,
                  const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_INSCRIPTION (child) &&
          g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (child)), text) == 0)
        return child;
      if ((found = find_inscription (child, text)) != NULL)
        return found;
    }
  return NULL;
}

/* A match whose context fits on one line takes one line: no empty line
 * under it. Narrower, the same context takes two. */
static void
test_search_row_lines (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PangoLayout) layout = NULL;
  GtkWidget *snippet, *holder;
  int line = 0, narrow = 0;

  find (fixture, "leader", ST_SEARCH_WHOLE_WORDS);
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==, 1);
  ui_test_wait_for_frames (GTK_WIDGET (fixture->window), 2);
  snippet = find_inscription (GTK_WIDGET (fixture->panel), "DfE has a digital leader in place.");
  g_assert_nonnull (snippet);
  g_assert_true (gtk_widget_get_mapped (snippet));

  layout = gtk_widget_create_pango_layout (snippet, "Xg");
  pango_layout_get_pixel_size (layout, NULL, &line);
  g_assert_cmpint (line, >, 0);
  g_test_message ("line %d, snippet %d", line, gtk_widget_get_height (snippet));
  g_assert_cmpint (gtk_widget_get_height (snippet), <, line * 3 / 2);

  holder = gtk_widget_get_parent (snippet);
  gtk_widget_measure (holder, GTK_ORIENTATION_VERTICAL, 40, &narrow, NULL, NULL, NULL);
  g_assert_cmpint (narrow, >=, 2 * line);
}

static void
test_search_follows_typing (Fixture       *fixture,
                            gconstpointer  data)
{
  find (fixture, "leader", ST_SEARCH_WHOLE_WORDS);
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==, 1);

  /* Typed in a form while the matches were out of sight */
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  ui_test_type_in_section (fixture->window, "progress-2014", " He is the leader <b>now</b> & then.");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL));
  ui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==, 2);
  g_assert_cmpstr (st_search_match_get_respondent_id (match_at (fixture, 0)), ==, "CO");
  g_assert_cmpuint (st_search_match_get_start (match_at (fixture, 0)), ==, 58);

  /* The text is shown as written, not read as markup: only the match is
   * bold, and the tags typed in the text are shown as they are */
  {
    g_autofree char *labels = NULL;

    ui_test_drain ();
    labels = shown_labels (GTK_WIDGET (fixture->panel));
    g_assert_nonnull (strstr (labels, "He is the <b>leader</b> <b>now</b> & then.\n"));
  }
}

/* More matches than the list shows: it says so, and Replace All still
 * replaces every one */
static void
test_search_many (Fixture       *fixture,
                  gconstpointer  data)
{
  StSubmission *submission = st_report_ensure_submission (st_window_get_report (fixture->window), "HMT", "2");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  AdwMessageDialog *dialog;

  for (guint i = 0; i < 2500; i++)
    {
      g_string_append (text, i > 0 ? " TBC" : "TBC");
      g_string_append (expected, i > 0 ? " tbc" : "tbc");
    }
  st_submission_set_text (submission, "progress-2014", text->str);

  find (fixture, "TBC", ST_SEARCH_CASE_SENSITIVE);
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==, 2000);
  g_assert_true (g_str_has_prefix (st_search_panel_get_summary (fixture->panel), "More than 2000 matches"));

  st_search_panel_set_replacement (fixture->panel, "tbc");
  st_search_panel_replace_all (fixture->panel);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Replace 2500 matches of “TBC” with “tbc” in 1 section.");
  ui_test_respond (dialog, "replace");

  g_assert_cmpstr (ui_test_text_in_window (fixture->window, "HMT", "2", "progress-2014"), ==, expected->str);
  g_assert_cmpuint (g_list_model_get_n_items (st_search_panel_get_matches (fixture->panel)), ==, 0);
  g_assert_cmpstr (st_search_panel_get_summary (fixture->panel), ==, "No matches");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  assert_on_disk (fixture, "HMT", "2", "progress-2014", expected->str);
}

/* An approved return is not changed behind the reviewer's back: its
 * form asks before it is reopened, and Replace All leaves it, saying so */
static void
test_search_leaves_approved (Fixture       *fixture,
                             gconstpointer  data)
{
  StReport *report = st_window_get_report (fixture->window);
  g_autofree char *labels = NULL;
  AdwMessageDialog *dialog;

  st_submission_set_status (st_report_lookup_submission (report, "DfE", "1"), ST_STATUS_APPROVED);
  find (fixture, "digital", ST_SEARCH_DEFAULT);
  g_assert_cmpstr (st_search_panel_get_summary (fixture->panel), ==,
                   "6 matches in 6 sections; 3 are in sections that cannot be changed");
  labels = shown_labels (GTK_WIDGET (fixture->panel));
  g_assert_nonnull (strstr (labels, "Read only: approved\n"));

  st_search_panel_set_replacement (fixture->panel, "online");
  st_search_panel_replace_all (fixture->panel);
  dialog = ui_test_find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Replace 3 matches of “digital” with “online” in 3 sections. "
                   "3 matches in sections that cannot be changed stay as they are.");
  ui_test_respond (dialog, "replace");

  g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (report, "DfE", "1")), ==,
                   ST_STATUS_APPROVED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();
  assert_on_disk (fixture, "DfE", "1", "progress-2014", "DfE has a digital leader in place.");
  assert_on_disk (fixture, "AGO", "1", "progress-2014", "AGO has board-level responsibility for online.");
  {
    g_autoptr(StReport) saved = st_report_new_from_file (fixture->path, NULL, NULL);

    g_assert_nonnull (saved);
    g_assert_cmpint (st_submission_get_status (st_report_lookup_submission (saved, "DfE", "1")), ==,
                     ST_STATUS_APPROVED);
  }
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
  ADD ("/search/shortcuts", test_search_shortcuts);
  ADD ("/search/row-lines", test_search_row_lines);
  ADD ("/search/find-and-open", test_search_find_and_open);
  ADD ("/search/replace-all", test_search_replace_all);
  ADD ("/search/replace-all-cancel", test_search_replace_all_cancel);
  ADD ("/search/leaves-approved", test_search_leaves_approved);
  ADD ("/search/undo-offer", test_search_undo_offer);
  ADD ("/search/replace-one", test_search_replace_one);
  ADD ("/search/follows-typing", test_search_follows_typing);
  ADD ("/search/many", test_search_many);
#undef ADD

  return ui_test_run ();
}
