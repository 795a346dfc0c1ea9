/* test-ui-access.c: the keyboard in the overview and forms, dialogs that
 * can be read in full, and a phone-sized window
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include "st-export-dialog.h"
#include "st-overview.h"
#include "st-overview-row.h"
#include "st-sidebar.h"
#include "st-sidebar-node.h"
#include "st-sidebar-row.h"
#include "st-submission-form.h"
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

/* Shows the window at @width × @height with the report open */
static void
open_report (Fixture *fixture,
             int      width,
             int      height)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  ui_test_show_window (GTK_WINDOW (fixture->window));
  g_assert_true (st_window_open_file (fixture->window, fixture->file));
  ui_test_drain ();
  g_assert_nonnull (st_window_get_report (fixture->window));
}

/* Sets a submission's status in the file, before it is opened */
static void
set_status_on_disk (Fixture    *fixture,
                    const char *respondent_id,
                    const char *item_id,
                    StStatus    status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) report = st_report_new_from_file (fixture->path, NULL, &error);

  g_assert_no_error (error);
  st_submission_set_status (st_report_lookup_submission (report, respondent_id, item_id), status);
  g_assert_true (st_report_save_to_file (report, fixture->path, &error));
  g_assert_no_error (error);
}

static GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

/* Presses @keys on the display's keyboard with the window focused, then
 * waits for @check; FALSE when the display is not X11 */
static gboolean
press_keys (Fixture     *fixture,
            const char  *keys,
            gboolean   (*check) (gpointer data),
            gpointer     data)
{
  return ui_test_press_keys (GTK_WINDOW (fixture->window), keys, check, data);
}

/* A label saying exactly @text, shown */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return child;
      if ((found = find_label (child, text)))
        return found;
    }
  return NULL;
}

static StOverview *
get_overview (Fixture *fixture)
{
  GtkWidget *overview = ui_test_find_descendant (GTK_WIDGET (fixture->window), ST_TYPE_OVERVIEW);

  g_assert_nonnull (overview);
  return ST_OVERVIEW (overview);
}

/* The departments in the overview's order */
static const char *
respondent_at (StOverview *overview,
               guint       position)
{
  g_autoptr(StOverviewRow) row = g_list_model_get_item (st_overview_get_rows (overview), position);

  g_assert_nonnull (row);
  return st_overview_row_get_respondent_id (row);
}

/* The overview from the keyboard */

typedef struct {
  Fixture    *fixture;
  const char *respondent_id;
  const char *item_id;
} CellWait;

static gboolean
focus_is_cell (gpointer data)
{
  CellWait *wait = data;
  GtkWidget *focus = focus_of (wait->fixture);

  return focus != NULL &&
         g_strcmp0 (g_object_get_data (G_OBJECT (focus), "respondent-id"), wait->respondent_id) == 0 &&
         g_strcmp0 (g_object_get_data (G_OBJECT (focus), "item-id"), wait->item_id) == 0;
}

static gboolean
shows_form (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (st_window_get_visible_page (fixture->window), "form") == 0;
}

/* Whether the whole of @widget is inside @area */
static gboolean
is_in_view (GtkWidget *widget,
            GtkWidget *area)
{
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (widget, area, &bounds) &&
         bounds.origin.x >= 0 && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (area) &&
         bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (area);
}

static void
assert_in_view (GtkWidget *widget,
                GtkWidget *area)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, area, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (area));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (area));
}

static gboolean
focus_in_view (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *focus = focus_of (fixture);
  GtkWidget *scroller = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_SCROLLED_WINDOW) : NULL;

  return scroller != NULL && is_in_view (focus, scroller);
}

/* The focused cell is scrolled into view, soon */
static void
assert_focus_in_view (Fixture *fixture)
{
  ui_test_wait_for (focus_in_view, fixture, 5);
  assert_in_view (focus_of (fixture), gtk_widget_get_ancestor (focus_of (fixture), GTK_TYPE_SCROLLED_WINDOW));
}

static void
test_overview_keyboard (Fixture       *fixture,
                        gconstpointer  data)
{
  StOverview *overview;
  GtkWidget *button;
  CellWait wait = { fixture, NULL, NULL };
  const char *first, *second, *last;
  guint n_rows;

  open_report (fixture, 900, 600);
  overview = get_overview (fixture);
  n_rows = g_list_model_get_n_items (st_overview_get_rows (overview));
  first = respondent_at (overview, 0);
  second = respondent_at (overview, 1);
  last = respondent_at (overview, n_rows - 2);       /* then the totals */

  button = ui_test_find_cell_button (GTK_WIDGET (overview), first, "1");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));

  /* Right goes to the next action in the row… */
  wait.respondent_id = first;
  wait.item_id = "2";
  if (!press_keys (fixture, "Right", focus_is_cell, &wait))
    {
      g_test_skip ("The keyboard can only be driven on X11");
      return;
    }
  /* …with the focus shown */
  g_assert_true (gtk_widget_has_visible_focus (focus_of (fixture)));
  /* Down to the same action in the next department's row */
  wait.respondent_id = second;
  press_keys (fixture, "Down", focus_is_cell, &wait);
  /* End to the row's last action, scrolled into view */
  wait.item_id = "16";
  press_keys (fixture, "End", focus_is_cell, &wait);
  assert_focus_in_view (fixture);
  /* Left, back one */
  wait.item_id = "15";
  press_keys (fixture, "Left", focus_is_cell, &wait);
  /* Home to the first action */
  wait.item_id = "1";
  press_keys (fixture, "Home", focus_is_cell, &wait);
  assert_focus_in_view (fixture);
  /* Up to the first row; at its top edge the focus stays */
  wait.respondent_id = first;
  press_keys (fixture, "Up", focus_is_cell, &wait);
  press_keys (fixture, "Up", focus_is_cell, &wait);
  press_keys (fixture, "Left", focus_is_cell, &wait);
  g_assert_true (gtk_widget_has_visible_focus (focus_of (fixture)));

  /* Ctrl+End to the last department's last action, past which there is
   * only the totals' row, which is not to open */
  wait.respondent_id = last;
  wait.item_id = "16";
  press_keys (fixture, "ctrl+End", focus_is_cell, &wait);
  assert_focus_in_view (fixture);
  press_keys (fixture, "Down", focus_is_cell, &wait);
  press_keys (fixture, "Right", focus_is_cell, &wait);
  /* Ctrl+Home back to the first */
  wait.respondent_id = first;
  wait.item_id = "1";
  press_keys (fixture, "ctrl+Home", focus_is_cell, &wait);

  /* Return opens the focused cell, not the first */
  wait.respondent_id = second;
  press_keys (fixture, "Down", focus_is_cell, &wait);
  wait.item_id = "2";
  press_keys (fixture, "Right", focus_is_cell, &wait);
  press_keys (fixture, "Return", shows_form, fixture);
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, second);
  g_assert_cmpstr (st_submission_form_get_item_id (st_window_get_form (fixture->window)), ==, "2");

  /* And Space, as well */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-overview", NULL);
  ui_test_drain ();
  button = ui_test_find_cell_button (GTK_WIDGET (overview), last, "3");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));
  press_keys (fixture, "space", shows_form, fixture);
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, last);
  g_assert_cmpstr (st_submission_form_get_item_id (st_window_get_form (fixture->window)), ==, "3");
}

/* Tab and Shift+Tab: the table is one stop */
typedef struct {
  Fixture   *fixture;
  GtkWidget *table;
  GtkWidget *not;        /* other than this */
} OutsideWait;

static gboolean
focus_outside_table (gpointer data)
{
  OutsideWait *wait = data;
  GtkWidget *focus = focus_of (wait->fixture);

  return focus != NULL && focus != wait->not && !gtk_widget_is_ancestor (focus, wait->table);
}

static void
test_overview_tab (Fixture       *fixture,
                   gconstpointer  data)
{
  StOverview *overview;
  GtkWidget *button, *after, *before;
  GtkAdjustment *hadjustment;
  CellWait wait = { fixture, NULL, "1" };
  OutsideWait outside = { fixture, NULL, NULL };

  open_report (fixture, 900, 600);
  overview = get_overview (fixture);
  outside.table = GTK_WIDGET (overview);
  wait.respondent_id = respondent_at (overview, 0);

  button = ui_test_find_cell_button (GTK_WIDGET (overview), wait.respondent_id, "1");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));

  /* Down and End to the second department's last action, out at the
   * right of the table */
  wait.respondent_id = respondent_at (overview, 1);
  if (!press_keys (fixture, "Down", focus_is_cell, &wait))
    {
      g_test_skip ("The keyboard can only be driven on X11");
      return;
    }
  wait.item_id = "16";
  press_keys (fixture, "End", focus_is_cell, &wait);

  /* Tab leaves the table in one press, not to the next cell… */
  press_keys (fixture, "Tab", focus_outside_table, &outside);
  after = focus_of (fixture);
  /* …and Shift+Tab comes back to the cell it left, not the first */
  press_keys (fixture, "shift+Tab", focus_is_cell, &wait);
  /* Shift+Tab leaves it the other way, to somewhere else */
  outside.not = after;
  press_keys (fixture, "shift+Tab", focus_outside_table, &outside);
  before = focus_of (fixture);
  g_assert_true (before != after);

  /* Tab comes back to the same cell, scrolled into view again when the
   * table was scrolled away from it */
  hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW)));
  gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_lower (hadjustment));
  ui_test_wait_for_frames (GTK_WIDGET (fixture->window), 3);
  g_assert_false (is_in_view (ui_test_find_cell_button (GTK_WIDGET (overview), wait.respondent_id, "16"),
                              gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW)));
  press_keys (fixture, "Tab", focus_is_cell, &wait);
  assert_focus_in_view (fixture);
  g_assert_true (gtk_widget_has_visible_focus (focus_of (fixture)));
  /* and the arrows go on from there */
  wait.item_id = "15";
  press_keys (fixture, "Left", focus_is_cell, &wait);
}

/* Back to the overview from a form opened from a cell, the focus is on
 * that cell again, for the keyboard to go on from there */
static void
test_overview_back_focus (Fixture       *fixture,
                          gconstpointer  data)
{
  StOverview *overview;
  GtkWidget *button;
  CellWait wait = { fixture, NULL, "2" };

  open_report (fixture, 900, 600);
  overview = get_overview (fixture);
  wait.respondent_id = respondent_at (overview, 0);
  button = ui_test_find_cell_button (GTK_WIDGET (overview), wait.respondent_id, "1");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));

  if (!press_keys (fixture, "Right", focus_is_cell, &wait))
    {
      g_test_skip ("The keyboard can only be driven on X11");
      return;
    }
  wait.respondent_id = respondent_at (overview, 1);
  press_keys (fixture, "Down", focus_is_cell, &wait);
  press_keys (fixture, "Return", shows_form, fixture);
  g_assert_false (gtk_widget_is_ancestor (focus_of (fixture), GTK_WIDGET (overview)));

  press_keys (fixture, "alt+Home", focus_is_cell, &wait);
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, "overview");
  g_assert_true (gtk_widget_has_visible_focus (focus_of (fixture)));
  assert_focus_in_view (fixture);

  /* Down and Return go on from the cell */
  wait.respondent_id = respondent_at (overview, 2);
  press_keys (fixture, "Down", focus_is_cell, &wait);
  press_keys (fixture, "Return", shows_form, fixture);
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, wait.respondent_id);
  g_assert_cmpstr (st_submission_form_get_item_id (st_window_get_form (fixture->window)), ==, "2");
}

/* The department names stay in view, level with their rows, whichever way
 * the table scrolls */
static void
assert_level (GtkWidget *name,
              GtkWidget *cell,
              GtkWidget *overview)
{
  graphene_rect_t name_bounds, cell_bounds;

  g_assert_true (gtk_widget_compute_bounds (name, overview, &name_bounds));
  g_assert_true (gtk_widget_compute_bounds (cell, overview, &cell_bounds));
  g_assert_cmpfloat_with_epsilon (name_bounds.origin.y + name_bounds.size.height / 2,
                                  cell_bounds.origin.y + cell_bounds.size.height / 2, 1.5);
}

/* The overview's first frame: the actions' columns in view, and not yet
 * the ones out of sight to the right, which come once it is drawn */
typedef struct {
  GtkScrolledWindow *scroller;
  GtkColumnView     *view;
  guint              columns;     /* when the first frame was drawn */
  gboolean           covered;     /* the columns made filled the view */
  gboolean           drawn;
} FirstFrame;

static void
on_first_after_paint (GdkFrameClock *clock,
                      FirstFrame    *first)
{
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (first->scroller);

  if (first->drawn || !gtk_widget_get_mapped (GTK_WIDGET (first->view)))
    return;
  first->drawn = TRUE;
  first->columns = g_list_model_get_n_items (gtk_column_view_get_columns (first->view));
  first->covered = gtk_adjustment_get_upper (hadjustment) >=
                   gtk_adjustment_get_value (hadjustment) + gtk_adjustment_get_page_size (hadjustment);
}

static gboolean
all_columns_made (gpointer data)
{
  FirstFrame *first = data;

  /* Every action, and the totals */
  return first->drawn && g_list_model_get_n_items (gtk_column_view_get_columns (first->view)) == 16 + 1;
}

static void
test_overview_first_columns (Fixture       *fixture,
                             gconstpointer  data)
{
  FirstFrame first = { NULL };
  GdkFrameClock *clock;
  StOverview *overview;
  GtkWidget *scroller;
  gulong handler;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 760);
  ui_test_show_window (GTK_WINDOW (fixture->window));
  overview = get_overview (fixture);
  /* The actions' table is the first of the two */
  scroller = ui_test_find_descendant (GTK_WIDGET (overview), GTK_TYPE_SCROLLED_WINDOW);
  first.scroller = GTK_SCROLLED_WINDOW (scroller);
  first.view = GTK_COLUMN_VIEW (gtk_scrolled_window_get_child (first.scroller));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (first.view), "overview-names"));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_after_paint), &first);
  g_assert_true (st_window_open_file (fixture->window, fixture->file));
  g_assert_true (ui_test_wait_for (all_columns_made, &first, 10));
  g_signal_handler_disconnect (clock, handler);

  /* The first frame had the columns that fill the view, not all of them */
  g_assert_true (first.covered);
  g_assert_cmpuint (first.columns, >=, 2);
  g_assert_cmpuint (first.columns, <, 16 + 1);

  /* Then every cell is there to be opened, the last action's too */
  g_assert_nonnull (ui_test_find_cell_button (GTK_WIDGET (overview), "CO", "1"));
  g_assert_nonnull (ui_test_find_cell_button (GTK_WIDGET (overview), "CO", "16"));
}

static void
test_overview_names_stay (Fixture       *fixture,
                          gconstpointer  data)
{
  StOverview *overview;
  GtkScrolledWindow *scroller;
  GtkAdjustment *hadjustment, *vadjustment;
  GtkWidget *name, *cell;
  graphene_rect_t bounds;
  const char *last;

  open_report (fixture, 800, 420);
  overview = get_overview (fixture);
  last = respondent_at (overview, g_list_model_get_n_items (st_overview_get_rows (overview)) - 2);

  cell = ui_test_find_cell_button (GTK_WIDGET (overview), "CO", "1");
  g_assert_nonnull (cell);
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (cell, GTK_TYPE_SCROLLED_WINDOW));
  hadjustment = gtk_scrolled_window_get_hadjustment (scroller);
  vadjustment = gtk_scrolled_window_get_vadjustment (scroller);
  /* The table is wider and taller than the window */
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), >, gtk_adjustment_get_page_size (hadjustment));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment));

  name = find_label (GTK_WIDGET (overview), "Cabinet Office");
  g_assert_nonnull (name);
  g_assert_false (gtk_widget_is_ancestor (name, GTK_WIDGET (scroller)));
  assert_level (name, cell, GTK_WIDGET (overview));

  /* Scrolled to the last action, the names are still there… */
  gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_upper (hadjustment));
  ui_test_wait_for_frames (GTK_WIDGET (overview), 3);
  g_assert_true (gtk_widget_compute_bounds (cell, GTK_WIDGET (scroller), &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <, 0);
  assert_in_view (name, GTK_WIDGET (overview));
  assert_level (name, cell, GTK_WIDGET (overview));

  /* …and scrolled to the bottom, the last department's name is level with
   * its row */
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  ui_test_wait_for_frames (GTK_WIDGET (overview), 3);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);
  cell = ui_test_find_cell_button (GTK_WIDGET (overview), last, "16");
  g_assert_nonnull (cell);
  {
    const StRespondent *respondent = st_template_find_respondent (st_report_get_template (st_window_get_report (fixture->window)),
                                                                  last);

    name = find_label (GTK_WIDGET (overview), respondent->name);
  }
  g_assert_nonnull (name);
  assert_in_view (name, GTK_WIDGET (overview));
  g_assert_true (gtk_widget_compute_bounds (cell, GTK_WIDGET (scroller), &bounds));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (scroller)));
  assert_level (name, cell, GTK_WIDGET (overview));
}

/* Opening a form puts the focus where typing goes: in the first section
 * still to write, never on a label with its text selected */
static void
assert_focus_to_type (Fixture *fixture)
{
  GtkWidget *focus = focus_of (fixture);
  StSubmissionForm *form = st_window_get_form (fixture->window);

  g_assert_nonnull (focus);
  g_assert_false (GTK_IS_LABEL (focus));
  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (form)));
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (focus)));
}

static void
test_form_focus (Fixture       *fixture,
                 gconstpointer  data)
{
  StOverview *overview;
  GtkWidget *button;
  StSectionEditor *editor;

  set_status_on_disk (fixture, "CO", "1", ST_STATUS_APPROVED);
  open_report (fixture, 1000, 700);
  overview = get_overview (fixture);

  /* From the overview */
  button = ui_test_find_cell_button (GTK_WIDGET (overview), "DfE", "1");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));
  /* As Return or Space does: the button shows itself pressed, then opens */
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (ui_test_wait_for (shows_form, fixture, 5));
  ui_test_drain ();
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, "DfE");
  assert_focus_to_type (fixture);
  /* DfE has written its progress; its plans are still to write */
  editor = ST_SECTION_EDITOR (gtk_widget_get_ancestor (focus_of (fixture), ST_TYPE_SECTION_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpstr (st_section_editor_get_section_id (editor), ==, "plans-2015");

  /* An approved return cannot be typed in until it is reopened: the focus
   * goes to its text, to read, still not to a label */
  {
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-overview", NULL);
    ui_test_drain ();
    button = ui_test_find_cell_button (GTK_WIDGET (overview), "CO", "1");
    g_assert_nonnull (button);
    g_assert_true (gtk_widget_grab_focus (button));
    g_assert_true (gtk_widget_activate (button));
    g_assert_true (ui_test_wait_for (shows_form, fixture, 5));
    ui_test_drain ();
    g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, "CO");
    g_assert_nonnull (focus_of (fixture));
    g_assert_true (GTK_IS_TEXT_VIEW (focus_of (fixture)));
    g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (focus_of (fixture))));
    g_assert_true (gtk_widget_is_ancestor (focus_of (fixture), GTK_WIDGET (st_window_get_form (fixture->window))));
  }

  /* Stepping to the next submission */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-submission", NULL));
  ui_test_drain ();
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), !=, "DfE");
  assert_focus_to_type (fixture);
}

/* Every label in @widget saying @text, shown, is shown whole */
static guint
assert_shown_whole (GtkWidget  *widget,
                    const char *text)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        {
          PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (child));
          int width;

          g_assert_false (pango_layout_is_ellipsized (layout));
          pango_layout_get_pixel_size (layout, &width, NULL);
          g_assert_cmpint (width, <=, gtk_widget_get_width (child));
          n++;
        }
      n += assert_shown_whole (child, text);
    }
  return n;
}

static gboolean
popover_shown (gpointer data)
{
  GtkWidget *popover = ui_test_find_descendant (GTK_WIDGET (data), GTK_TYPE_POPOVER);

  return popover != NULL && gtk_widget_get_mapped (popover);
}

/* The export dialog's choices can be read in full: the chosen one under
 * its row's title, and every one in the list that offers them */
static void
test_export_choices_whole (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *formats[] = { "Plain text, as published", "HTML", "Markdown for GOV.UK’s publisher",
                            "OpenDocument text (ODT)", "PDF, for print" };
  StExportDialog *dialog;
  AdwComboRow *view_row, *format_row;

  open_report (fixture, 1000, 700);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
  ui_test_drain ();
  dialog = ST_EXPORT_DIALOG (ui_test_find_dialog (GTK_WINDOW (fixture->window)));
  g_assert_nonnull (dialog);
  ui_test_wait_for_frames (GTK_WIDGET (dialog), 3);

  view_row = ADW_COMBO_ROW (ui_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (view_row);
  format_row = ADW_COMBO_ROW (gtk_widget_get_next_sibling (GTK_WIDGET (view_row)));
  g_assert_true (ADW_IS_COMBO_ROW (format_row));

  /* The chosen pages and format, whole */
  g_assert_cmpstr (st_export_dialog_get_view (dialog), ==, "all");
  g_assert_cmpuint (assert_shown_whole (GTK_WIDGET (dialog), "The whole document, with contents"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      st_export_dialog_set_format (dialog, i);
      ui_test_wait_for_frames (GTK_WIDGET (dialog), 3);
      g_assert_cmpuint (assert_shown_whole (GTK_WIDGET (dialog), formats[i]), ==, 1);
    }

  /* Every format in the list */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (format_row)));
  g_assert_true (ui_test_wait_for (popover_shown, format_row, 5));
  ui_test_wait_for_frames (GTK_WIDGET (dialog), 3);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    g_assert_cmpuint (assert_shown_whole (GTK_WIDGET (format_row), formats[i]), >=, 1);
  /* The list still marks the chosen one, and choosing still chooses */
  g_assert_cmpint (st_export_dialog_get_format (dialog), ==, ST_EXPORT_PDF);
  adw_combo_row_set_selected (format_row, ST_EXPORT_MARKDOWN);
  g_assert_cmpint (st_export_dialog_get_format (dialog), ==, ST_EXPORT_MARKDOWN);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (format_row)), ==, "Markdown for GOV.UK’s publisher");
}

/* A phone-sized window */

/* A button for @action_name, shown */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
        return child;
      if ((found = find_action_button (child, action_name)))
        return found;
    }
  return NULL;
}

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (data));
}

/* The window can be as narrow as a phone, and is */
static void
assert_fits (Fixture    *fixture,
             const char *page)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  int min = 0;

  ui_test_wait_for_frames (window, 3);
  if (page != NULL)
    g_assert_cmpstr (st_window_get_visible_page (fixture->window), ==, page);
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
}

static void
test_narrow_window (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *leaflet;

  /* CO's return on action 1 came in */
  set_status_on_disk (fixture, "CO", "1", ST_STATUS_SUBMITTED);

  /* Nothing open yet */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  assert_fits (fixture, "welcome");

  open_report (fixture, 360, 640);
  leaflet = ui_test_find_descendant (window, ADW_TYPE_LEAFLET);
  g_assert_true (ui_test_wait_for (is_folded, leaflet, 10));
  assert_fits (fixture, "overview");
  /* The list's header has room for all its buttons */
  g_assert_nonnull (find_action_button (window, "win.show-overview"));
  g_assert_nonnull (find_action_button (window, "win.show-issues"));
  g_assert_nonnull (find_action_button (window, "win.show-review-queue"));
  g_assert_nonnull (find_action_button (window, "win.find"));

  /* Every page there is */
  ui_test_select_in_sidebar (fixture->window, "AGO", "1");
  assert_fits (fixture, "form");
  g_assert_true (gtk_widget_activate_action (window, "win.show-issues", NULL));
  assert_fits (fixture, "issues");
  /* F8 takes the keyboard into the panel */
  g_assert_nonnull (focus_of (fixture));
  g_assert_true (gtk_widget_get_ancestor (focus_of (fixture), ST_TYPE_ISSUES_PANEL) != NULL);
  g_assert_true (gtk_widget_activate_action (window, "win.show-review-queue", NULL));
  assert_fits (fixture, "review");
  g_assert_true (gtk_widget_activate_action (window, "win.find", NULL));
  assert_fits (fixture, "find");

  /* A return waiting for review, with its Return and Approve buttons */
  ui_test_select_in_sidebar (fixture->window, "CO", "1");
  assert_fits (fixture, "form");
  g_assert_nonnull (find_label (GTK_WIDGET (st_window_get_form (fixture->window)), "_Approve"));
  g_assert_nonnull (find_label (GTK_WIDGET (st_window_get_form (fixture->window)), "_Return…"));
}

/* The sidebar row the focus is on, or NULL */
static StSidebarNode *
focused_sidebar_node (Fixture *fixture)
{
  GtkWidget *focus = focus_of (fixture);
  GtkWidget *list = ui_test_find_descendant (GTK_WIDGET (st_window_get_sidebar (fixture->window)),
                                             GTK_TYPE_LIST_VIEW);
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, list))
    return NULL;
  row = ST_IS_SIDEBAR_ROW (focus) ? focus : ui_test_find_descendant (focus, ST_TYPE_SIDEBAR_ROW);
  return row != NULL && st_sidebar_row_get_node (ST_SIDEBAR_ROW (row)) != NULL
         ? g_object_ref (st_sidebar_row_get_node (ST_SIDEBAR_ROW (row))) : NULL;
}

static gboolean
focus_on_sidebar_row (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(StSidebarNode) node = focused_sidebar_node (fixture);

  return node != NULL;
}

static gboolean
focus_in_search (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *focus = focus_of (fixture);

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL;
}

/* Down in the sidebar's search goes to the first match, not to the
 * buttons under the search; Enter there opens it */
static void
test_sidebar_search_down (Fixture       *fixture,
                          gconstpointer  data)
{
  StSidebar *sidebar;
  g_autoptr(StSidebarNode) node = NULL;

  open_report (fixture, 1000, 700);
  sidebar = st_window_get_sidebar (fixture->window);
  /* What Ctrl+Shift+F does */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  ui_test_drain ();
  g_assert_true (focus_in_search (fixture));
  st_sidebar_set_search_text (sidebar, "Cabinet");
  ui_test_drain ();

  if (!press_keys (fixture, "Down", focus_on_sidebar_row, fixture))
    {
      g_test_skip ("Needs X11 and xdotool to press keys");
      return;
    }
  node = focused_sidebar_node (fixture);
  g_assert_false (st_sidebar_node_is_group (node));
  g_assert_cmpstr (st_sidebar_node_get_respondent_id (node), ==, "CO");
  g_assert_cmpstr (st_sidebar_node_get_item_id (node), ==, "1");
  /* Nothing is opened on the way */
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), !=, "form");

  press_keys (fixture, "Return", shows_form, fixture);
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, "CO");
  g_assert_cmpstr (st_submission_form_get_item_id (st_window_get_form (fixture->window)), ==, "1");
}

static gboolean
focus_in_form (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *focus = focus_of (fixture);

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (st_window_get_form (fixture->window)));
}

/* Down twice from the sidebar's search, then Enter: the form opens with
 * the focus on its first section still to write, as from the overview,
 * not on a header button where Space would leave the form again */
static void
test_sidebar_open_focus (Fixture       *fixture,
                         gconstpointer  data)
{
  StSidebar *sidebar;
  StSectionEditor *editor;
  g_autoptr(StSidebarNode) node = NULL;

  open_report (fixture, 1000, 700);
  sidebar = st_window_get_sidebar (fixture->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  ui_test_drain ();
  st_sidebar_set_search_text (sidebar, "Action 4");
  ui_test_drain ();

  if (!press_keys (fixture, "Down", focus_on_sidebar_row, fixture))
    {
      g_test_skip ("Needs X11 and xdotool to press keys");
      return;
    }
  press_keys (fixture, "Down", shows_form, fixture);
  ui_test_drain ();
  /* The second submission of the action's group */
  node = focused_sidebar_node (fixture);
  g_assert_nonnull (node);
  g_assert_false (st_sidebar_node_is_group (node));
  g_assert_cmpstr (st_sidebar_node_get_item_id (node), ==, "4");

  press_keys (fixture, "Return", focus_in_form, fixture);
  ui_test_drain ();
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==,
                   st_sidebar_node_get_respondent_id (node));
  assert_focus_to_type (fixture);
  editor = ST_SECTION_EDITOR (gtk_widget_get_ancestor (focus_of (fixture), ST_TYPE_SECTION_EDITOR));
  g_assert_nonnull (editor);
}

/* The shown row of the sidebar's list at @position, or NULL */
static GtkWidget *
sidebar_row_at (Fixture *fixture,
                guint    position)
{
  GtkWidget *list = ui_test_find_descendant (GTK_WIDGET (st_window_get_sidebar (fixture->window)),
                                             GTK_TYPE_LIST_VIEW);

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row_widget = ui_test_find_descendant (child, ST_TYPE_SIDEBAR_ROW);
      GtkTreeListRow *row = row_widget != NULL ? st_sidebar_row_get_list_row (ST_SIDEBAR_ROW (row_widget)) : NULL;

      if (row != NULL && gtk_widget_get_mapped (child) && gtk_tree_list_row_get_position (row) == position)
        return child;
    }
  return NULL;
}

/* Typing in the sidebar's search shows the results from the top, the
 * first group's own row included, wherever the list was scrolled to */
static void
test_sidebar_search_top (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *typed = "health";
  StSidebar *sidebar;
  GtkWidget *list, *scroller, *row;
  GtkAdjustment *adjustment;

  open_report (fixture, 1000, 700);
  sidebar = st_window_get_sidebar (fixture->window);
  list = ui_test_find_descendant (GTK_WIDGET (sidebar), GTK_TYPE_LIST_VIEW);
  scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));

  for (int i = 1; i <= (int) strlen (typed); i++)
    {
      g_autofree char *text = g_strndup (typed, i);

      /* Scrolled away from the top before each letter */
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      ui_test_drain ();
      st_sidebar_set_search_text (sidebar, text);
      ui_test_drain ();
      /* Rows are where they are shown once a frame has laid them out */
      ui_test_wait_for_frames (list, 2);

      row = sidebar_row_at (fixture, 0);
      g_assert_nonnull (row);
      assert_in_view (row, scroller);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
    }
  /* The first row is the first group, with the department under it */
  {
    GtkWidget *row_widget = ui_test_find_descendant (row, ST_TYPE_SIDEBAR_ROW);
    StSidebarNode *node = st_sidebar_row_get_node (ST_SIDEBAR_ROW (row_widget));

    g_assert_true (st_sidebar_node_is_group (node));
    g_assert_cmpstr (st_sidebar_node_get_item_id (node), ==, "1");
  }
}

typedef struct {
  Fixture  *fixture;
  guint     position;
  gboolean  expanded;
} TreeWait;

static GtkTreeListRow *
sidebar_tree_row (Fixture *fixture,
                  guint    position)
{
  GListModel *model = gtk_single_selection_get_model (st_sidebar_get_selection (st_window_get_sidebar (fixture->window)));

  return g_list_model_get_item (model, position);
}

static gboolean
group_is_expanded (gpointer data)
{
  TreeWait *wait = data;
  g_autoptr(GtkTreeListRow) row = sidebar_tree_row (wait->fixture, wait->position);

  return row != NULL && gtk_tree_list_row_get_expanded (row) == wait->expanded;
}

static gboolean
focus_on_position (gpointer data)
{
  TreeWait *wait = data;
  GtkWidget *row = sidebar_row_at (wait->fixture, wait->position);

  return row != NULL && focus_of (wait->fixture) != NULL &&
         (focus_of (wait->fixture) == row || gtk_widget_is_ancestor (focus_of (wait->fixture), row));
}

/* Right and plus open a group in the sidebar, Left and minus close it, as
 * in other trees; Right in an open group goes to its first row and Left
 * from a row back up to its group's */
static void
test_sidebar_tree_keys (Fixture       *fixture,
                        gconstpointer  data)
{
  TreeWait wait = { fixture, 0, TRUE };
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(StSidebarNode) node = NULL;
  GtkWidget *first;

  open_report (fixture, 1000, 700);
  first = sidebar_row_at (fixture, 0);
  g_assert_nonnull (first);
  row = sidebar_tree_row (fixture, 0);
  g_assert_true (gtk_tree_list_row_is_expandable (row));
  g_assert_false (gtk_tree_list_row_get_expanded (row));
  g_assert_true (gtk_widget_grab_focus (first));

  if (!press_keys (fixture, "Right", group_is_expanded, &wait))
    {
      g_test_skip ("Needs X11 and xdotool to press keys");
      return;
    }
  /* On into the group: its first department */
  wait.position = 1;
  press_keys (fixture, "Right", focus_on_position, &wait);
  node = focused_sidebar_node (fixture);
  g_assert_false (st_sidebar_node_is_group (node));
  g_assert_cmpstr (st_sidebar_node_get_item_id (node), ==, "1");
  /* Nothing is opened on the way */
  g_assert_cmpstr (st_window_get_visible_page (fixture->window), !=, "form");

  /* Back up to the group, which stays open, then closed */
  wait.position = 0;
  press_keys (fixture, "Left", focus_on_position, &wait);
  g_assert_true (gtk_tree_list_row_get_expanded (row));
  wait.expanded = FALSE;
  press_keys (fixture, "Left", group_is_expanded, &wait);
  g_assert_true (focus_on_position (&wait));

  wait.expanded = TRUE;
  press_keys (fixture, "plus", group_is_expanded, &wait);
  wait.expanded = FALSE;
  press_keys (fixture, "minus", group_is_expanded, &wait);
  /* The second group was never opened */
  {
    g_autoptr(GtkTreeListRow) second = sidebar_tree_row (fixture, 1);

    g_assert_true (gtk_tree_list_row_is_expandable (second));
    g_assert_false (gtk_tree_list_row_get_expanded (second));
  }
}

/* Whether any label under @widget has text selected */
static GtkWidget *
find_selected_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;
      int start, end;

      if (GTK_IS_LABEL (child) && gtk_label_get_selection_bounds (GTK_LABEL (child), &start, &end))
        return child;
      if ((found = find_selected_label (child)) != NULL)
        return found;
    }
  return NULL;
}

/* In a narrow window, choosing a return in the list swaps the list for
 * the form: the focus goes where it goes in a wide window's form, to the
 * first section still to write, not to the form's first label with all
 * of its text selected */
static void
test_narrow_form_focus (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *leaflet;
  GtkWidget *list;
  GtkWidget *selected;
  StSectionEditor *editor;

  open_report (fixture, 360, 640);
  leaflet = ui_test_find_descendant (window, ADW_TYPE_LEAFLET);
  g_assert_true (ui_test_wait_for (is_folded, leaflet, 10));
  /* The list has the focus, as after a click on one of its rows */
  list = ui_test_find_descendant (GTK_WIDGET (st_window_get_sidebar (fixture->window)), GTK_TYPE_LIST_VIEW);
  g_assert_true (gtk_widget_grab_focus (list));

  ui_test_select_in_sidebar (fixture->window, "DfE", "1");
  g_assert_true (ui_test_wait_for (shows_form, fixture, 5));
  ui_test_drain ();
  g_assert_cmpstr (st_submission_form_get_respondent_id (st_window_get_form (fixture->window)), ==, "DfE");
  selected = find_selected_label (window);
  if (selected != NULL)
    g_error ("“%s” is selected", gtk_label_get_label (GTK_LABEL (selected)));
  assert_focus_to_type (fixture);
  editor = ST_SECTION_EDITOR (gtk_widget_get_ancestor (focus_of (fixture), ST_TYPE_SECTION_EDITOR));
  g_assert_cmpstr (st_section_editor_get_section_id (editor), ==, "plans-2015");
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
  ADD ("/access/overview-keyboard", test_overview_keyboard);
  ADD ("/access/overview-tab", test_overview_tab);
  ADD ("/access/overview-back-focus", test_overview_back_focus);
  ADD ("/access/overview-first-columns", test_overview_first_columns);
  ADD ("/access/overview-names-stay", test_overview_names_stay);
  ADD ("/access/form-focus", test_form_focus);
  /* Before the export test: after its list's popover, keys pressed on
   * the display did not reach the next window */
  ADD ("/access/sidebar-search-down", test_sidebar_search_down);
  ADD ("/access/sidebar-open-focus", test_sidebar_open_focus);
  ADD ("/access/sidebar-search-top", test_sidebar_search_top);
  ADD ("/access/sidebar-tree-keys", test_sidebar_tree_keys);
  ADD ("/access/export-choices-whole", test_export_choices_whole);
  ADD ("/access/narrow-window", test_narrow_window);
  ADD ("/access/narrow-form-focus", test_narrow_form_focus);
#undef ADD

  return ui_test_run ();
}
