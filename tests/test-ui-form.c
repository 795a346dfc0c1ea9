/* test-ui-form.c: the submission form going from one submission to the next
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "st-issues.h"
#include "st-section-editor.h"
#include "st-submission-form.h"
#include "test-ui-helpers.h"

typedef struct {
  StApplication *application;
  char          *dir;
  char          *path;
  StWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->application = ST_APPLICATION ((gpointer) data);
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
  ui_test_close_dialogs ();
  ui_test_destroy_window (&fixture->window);
  ui_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static const char *
model_text (Fixture    *fixture,
            const char *respondent_id,
            const char *item_id,
            const char *section_id)
{
  StReport *report = st_window_get_report (fixture->window);

  return st_submission_get_text (st_report_lookup_submission (report, respondent_id, item_id), section_id);
}

static char *
editor_text (Fixture    *fixture,
             const char *section_id)
{
  StSectionEditor *editor = st_submission_form_get_editor (st_window_get_form (fixture->window), section_id);

  g_assert_nonnull (editor);
  return st_section_editor_get_text (editor);
}

/* Another department's answer to the same action has the same sections:
 * it shows its own texts, and nothing typed into the last one can be
 * undone or redone into it */
static void
test_form_switch_same_sections (Fixture       *fixture,
                                gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  g_autofree char *ago_before = NULL;
  g_autofree char *text = NULL;
  g_autofree char *on_disk = NULL;
  GtkTextBuffer *buffer;

  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  /* An earlier round's section, asked for, is built with its text */
  text = editor_text (fixture, "plans-2014");
  g_assert_cmpstr (text, ==, model_text (fixture, "CO", "1", "plans-2014"));
  g_assert_cmpstr (text, !=, "");
  g_clear_pointer (&text, g_free);
  ui_test_type_in_section (fixture->window, "progress-2014", "!");
  buffer = st_section_editor_get_buffer (st_submission_form_get_editor (form, "progress-2014"));
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  ago_before = g_strdup (model_text (fixture, "AGO", "1", "progress-2014"));

  ui_test_select_in_sidebar (fixture->window, "AGO", "1");
  g_assert_cmpstr (st_submission_form_get_respondent_id (form), ==, "AGO");
  buffer = st_section_editor_get_buffer (st_submission_form_get_editor (form, "progress-2014"));
  text = editor_text (fixture, "progress-2014");
  g_assert_cmpstr (text, ==, ago_before);
  g_clear_pointer (&text, g_free);
  text = editor_text (fixture, "plans-2015");
  g_assert_cmpstr (text, ==, model_text (fixture, "AGO", "1", "plans-2015"));
  g_clear_pointer (&text, g_free);

  /* Undo has nothing to take back here, and changes neither submission */
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
  g_assert_false (gtk_text_buffer_get_can_redo (buffer));
  gtk_text_buffer_undo (buffer);
  ui_test_drain ();
  g_assert_cmpstr (model_text (fixture, "AGO", "1", "progress-2014"), ==, ago_before);
  g_assert_true (g_str_has_suffix (model_text (fixture, "CO", "1", "progress-2014"), "!"));

  /* Earlier rounds' sections have this department's texts, or none */
  g_assert_null (model_text (fixture, "AGO", "1", "plans-2014"));
  text = editor_text (fixture, "plans-2014");
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  text = editor_text (fixture, "commitments-2012");
  g_assert_cmpstr (text, ==, model_text (fixture, "AGO", "1", "commitments-2012"));
  g_clear_pointer (&text, g_free);

  /* What is typed now goes to this submission only */
  ui_test_type_in_section (fixture->window, "progress-2014", "?");
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  ui_test_drain ();

  on_disk = ui_test_text_on_disk (fixture->path, "AGO", "1", "progress-2014");
  g_assert_true (g_str_has_suffix (on_disk, "?"));
  g_assert_cmpuint (strlen (on_disk), ==, strlen (ago_before) + 1);
  g_clear_pointer (&on_disk, g_free);
  on_disk = ui_test_text_on_disk (fixture->path, "CO", "1", "progress-2014");
  g_assert_true (g_str_has_suffix (on_disk, "Cabinet Office digital lead.!"));

  /* Back again: the first department's text as saved, nothing to undo */
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  buffer = st_section_editor_get_buffer (st_submission_form_get_editor (form, "progress-2014"));
  text = editor_text (fixture, "progress-2014");
  g_assert_cmpstr (text, ==, on_disk);
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
}

/* Showing the same submission again also starts with nothing to undo,
 * even though its text is unchanged */
static void
test_form_show_again (Fixture       *fixture,
                      gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  StReport *report = st_window_get_report (fixture->window);
  StSectionEditor *editor;
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;

  ui_test_select_in_sidebar (fixture->window, "CO", "2");
  ui_test_type_in_section (fixture->window, "plans-2015", " Soon.");
  editor = st_submission_form_get_editor (form, "plans-2015");
  buffer = st_section_editor_get_buffer (editor);
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));

  st_submission_form_show (form, report, "CO", "2");
  g_assert_false (gtk_text_buffer_get_can_undo (st_section_editor_get_buffer (st_submission_form_get_editor (form, "plans-2015"))));
  text = editor_text (fixture, "plans-2015");
  g_assert_cmpstr (text, ==, model_text (fixture, "CO", "2", "plans-2015"));
  g_assert_true (g_str_has_suffix (text, " Soon."));
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static gboolean
button_active (gpointer data)
{
  return gtk_toggle_button_get_active (data);
}

static gboolean
button_inactive (gpointer data)
{
  return !gtk_toggle_button_get_active (data);
}

/* A section's count of warnings is a button that lists them in the card,
 * and a listed warning takes the keyboard to the words it is about */
static void
test_form_section_findings (Fixture       *fixture,
                            gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  StIssues *issues = st_window_get_issues (fixture->window);
  StSectionEditor *editor;
  GtkWidget *button;
  GtkListBox *list;
  GtkListBoxRow *row;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *selected = NULL;
  guint errors = 0, warnings = 0;

  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  editor = st_submission_form_get_editor (form, "plans-2015");
  list = st_section_editor_get_findings_list (editor);
  button = ui_test_find_descendant (GTK_WIDGET (editor), GTK_TYPE_TOGGLE_BUTTON);
  g_assert_nonnull (button);
  g_assert_null (st_section_editor_get_state (editor));
  g_assert_false (gtk_widget_get_visible (button));

  ui_test_type_in_section (fixture->window, "plans-2015", " Dates TBC.");
  st_issues_count (issues, "CO", "1", "plans-2015", &errors, &warnings, NULL);
  g_assert_cmpuint (errors + warnings, >=, 1);
  g_assert_nonnull (strstr (st_section_editor_get_state (editor), "warning"));
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_get_focusable (button));
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));
  /* Folded until asked for */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (list)));

  /* Enter or Space on the count, as the keyboard gives it */
  gtk_widget_grab_focus (button);
  g_assert_true (gtk_widget_has_focus (button));
  gtk_widget_activate (button);
  /* A button pressed from the keyboard shows itself pressed for a moment */
  g_assert_true (ui_test_wait_for (button_active, button, 5));
  ui_test_drain ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));
  g_assert_cmpuint (count_rows (list), ==, errors + warnings);
  /* The focus goes to the first of them */
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (row)));

  /* The placeholder's warning selects the placeholder in the text */
  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      GtkWidget *label = ui_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_LABEL);

      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), !=, "");
      if (gtk_widget_get_tooltip_text (GTK_WIDGET (row)) != NULL)
        break;
    }
  g_assert_nonnull (row);
  gtk_widget_activate (GTK_WIDGET (row));
  ui_test_drain ();
  buffer = st_section_editor_get_buffer (editor);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (selected, "TBC"));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (st_section_editor_get_text_view (editor))));

  /* Pressed again, the list folds away */
  gtk_widget_activate (button);
  g_assert_true (ui_test_wait_for (button_inactive, button, 5));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (GTK_WIDGET (list)))));

  /* With the placeholder gone, so are the count and its list */
  gtk_text_buffer_delete (buffer, &start, &end);
  ui_test_drain ();
  g_assert_null (st_section_editor_get_state (editor));
  g_assert_false (gtk_widget_get_visible (button));
}

/* The form's wrapping labels have smallest widths of their own, so that
 * they are not laid out a letter to a line when measured: still the form
 * fits the narrowest window, and the "Not applicable" row names the
 * department whose form it is */
static void
test_form_fits_narrow (Fixture       *fixture,
                       gconstpointer  data)
{
  StSubmissionForm *form = st_window_get_form (fixture->window);
  GtkWidget *clamp;
  GtkWidget *row;
  GtkWidget *subtitle;
  int min = 0;

  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  ui_test_wait_for_frames (GTK_WIDGET (fixture->window), 2);
  clamp = ui_test_find_descendant (GTK_WIDGET (form), ADW_TYPE_CLAMP);
  g_assert_nonnull (clamp);
  gtk_widget_measure (adw_clamp_get_child (ADW_CLAMP (clamp)), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min, NULL, NULL, NULL);
  g_assert_cmpint (min, >, 0);
  g_assert_cmpint (min, <=, 360);

  row = ui_test_find_descendant (GTK_WIDGET (form), ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Whether the action applies to CO");
  /* On one line that does not wrap: cut short, not searched for a width
   * at which it wraps to one line */
  subtitle = ui_test_find_label_with_class (row, "subtitle");
  g_assert_nonnull (subtitle);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (subtitle)), ==, "Whether the action applies to CO");
  g_assert_false (gtk_label_get_wrap (GTK_LABEL (subtitle)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (subtitle)), ==, PANGO_ELLIPSIZE_END);
  g_assert_cmpint (gtk_label_get_width_chars (GTK_LABEL (subtitle)), >, 0);
  ui_test_select_in_sidebar (fixture->window, "AGO", "1");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Whether the action applies to AGO");
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
  ADD ("/form/switch-same-sections", test_form_switch_same_sections);
  ADD ("/form/show-again", test_form_show_again);
  ADD ("/form/section-findings", test_form_section_findings);
  ADD ("/form/fits-narrow", test_form_fits_narrow);
#undef ADD

  return ui_test_run ();
}
