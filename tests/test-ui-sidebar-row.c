/* test-ui-sidebar-row.c: a sidebar row, bound to groups and submissions,
 * as measured, drawn and clicked
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-sidebar-row.h"
#include "test-ui-helpers.h"

typedef struct {
  GtkWindow        *window;
  GtkWidget        *box;
  GtkWidget        *row;
  GListStore       *groups;
  GtkTreeListModel *tree;
  GPtrArray        *rows;  /* the tree's rows asked for, which it keeps only while used */
} Fixture;

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  if (!st_sidebar_node_is_group (item))
    return NULL;
  return g_object_ref (st_sidebar_node_get_children (item));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StSidebarNode) group = st_sidebar_node_new_group (NULL, "2", "Action 2: Services handling over 100,000 transactions", "");
  g_autoptr(StSidebarNode) other = st_sidebar_node_new_group (NULL, "3", "Action 3", "");
  /* The group owns its submissions */
  StSidebarNode *first = st_sidebar_node_new_leaf (group, "CO", "2", "Cabinet Office", "");
  StSidebarNode *second = st_sidebar_node_new_leaf (group, "DfE", "2", "Department for Education", "");

  st_sidebar_node_set_state (first, "Complete", "Complete", "emblem-ok-symbolic");
  st_sidebar_node_set_state (second, "Incomplete: 2 sections missing", "2 missing", "document-edit-symbolic");
  st_sidebar_node_set_state (group, "1 of 2 done", "1/2", "document-edit-symbolic");
  fixture->groups = g_list_store_new (ST_TYPE_SIDEBAR_NODE);
  g_list_store_append (fixture->groups, group);
  g_list_store_append (fixture->groups, other);
  fixture->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (fixture->groups)), FALSE, FALSE,
                                           create_children, NULL, NULL);

  fixture->rows = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 360, -1);
  fixture->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  fixture->row = st_sidebar_row_new ();
  gtk_box_append (GTK_BOX (fixture->box), fixture->row);
  gtk_window_set_child (fixture->window, fixture->box);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  ui_test_drain ();
  g_clear_pointer (&fixture->rows, g_ptr_array_unref);
  g_clear_object (&fixture->tree);
  g_clear_object (&fixture->groups);
}

/* The tree's row at @position */
static GtkTreeListRow *
tree_row (Fixture *fixture,
          guint    position)
{
  GtkTreeListRow *row = g_list_model_get_item (G_LIST_MODEL (fixture->tree), position);

  g_assert_nonnull (row);
  g_ptr_array_add (fixture->rows, row);
  return row;
}

static void
bind (Fixture *fixture,
      guint    position)
{
  st_sidebar_row_set_list_row (ST_SIDEBAR_ROW (fixture->row), tree_row (fixture, position));
}

/* A group shows its title and state, with the arrow before the title;
 * a submission under it is indented by a level */
static void
test_bind (Fixture       *fixture,
           gconstpointer  data)
{
  StSidebarRow *row = ST_SIDEBAR_ROW (fixture->row);
  StSidebarStatus *status = st_sidebar_row_get_status (row);
  GtkTreeListRow *group;

  g_assert_null (st_sidebar_row_get_list_row (row));
  g_assert_null (st_sidebar_row_get_node (row));
  g_assert_null (st_sidebar_row_get_title (row));

  bind (fixture, 0);
  group = st_sidebar_row_get_list_row (row);
  g_assert_true (group == tree_row (fixture, 0));
  g_assert_cmpstr (st_sidebar_row_get_title (row), ==, "Action 2: Services handling over 100,000 transactions");
  g_assert_true (st_sidebar_node_is_group (st_sidebar_row_get_node (row)));
  g_assert_cmpstr (st_sidebar_status_get_text (status), ==, "1/2");
  g_assert_cmpstr (st_sidebar_status_get_icon_name (status), ==, "document-edit-symbolic");
  g_assert_cmpint (st_sidebar_row_get_title_start (row), ==, ST_SIDEBAR_ROW_INDENT);
  gtk_test_accessible_assert_role (row, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Action 2: Services handling over 100,000 transactions");
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LEVEL, 1);
  gtk_test_accessible_assert_state (row, GTK_ACCESSIBLE_STATE_EXPANDED, FALSE);

  /* Opened, by the tree: the row follows */
  gtk_tree_list_row_set_expanded (group, TRUE);
  gtk_test_accessible_assert_state (row, GTK_ACCESSIBLE_STATE_EXPANDED, TRUE);

  /* The group's second submission */
  bind (fixture, 2);
  g_assert_cmpstr (st_sidebar_row_get_title (row), ==, "Department for Education");
  g_assert_false (st_sidebar_node_is_group (st_sidebar_row_get_node (row)));
  g_assert_cmpstr (st_sidebar_status_get_text (status), ==, "2 missing");
  g_assert_cmpint (st_sidebar_row_get_title_start (row), ==, 2 * ST_SIDEBAR_ROW_INDENT);
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, "Department for Education");
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LEVEL, 2);
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_EXPANDED));

  /* Unbound, it lets go of the tree's row and its node */
  st_sidebar_row_set_list_row (row, NULL);
  g_assert_null (st_sidebar_row_get_list_row (row));
  g_assert_null (st_sidebar_row_get_node (row));
  g_assert_null (st_sidebar_row_get_title (row));
}

/* A change to the node bound shows at once; a change to one bound before
 * does not */
static void
test_follows_node (Fixture       *fixture,
                   gconstpointer  data)
{
  StSidebarRow *row = ST_SIDEBAR_ROW (fixture->row);
  StSidebarStatus *status = st_sidebar_row_get_status (row);
  g_autoptr(StSidebarNode) first = NULL;

  gtk_tree_list_row_set_expanded (tree_row (fixture, 0), TRUE);
  bind (fixture, 1);
  first = g_object_ref (st_sidebar_row_get_node (row));
  st_sidebar_node_set_state (first, "Submitted", "Submitted", "mail-send-symbolic");
  g_assert_cmpstr (st_sidebar_status_get_text (status), ==, "Submitted");
  g_assert_cmpstr (st_sidebar_status_get_icon_name (status), ==, "mail-send-symbolic");

  bind (fixture, 2);
  st_sidebar_node_set_state (first, "Approved", "Approved", "emblem-ok-symbolic");
  g_assert_cmpstr (st_sidebar_status_get_text (status), ==, "2 missing");
  g_assert_cmpstr (st_sidebar_status_get_icon_name (status), ==, "document-edit-symbolic");

  /* Nor after the row is unbound */
  st_sidebar_row_set_list_row (row, NULL);
  st_sidebar_node_set_state (first, "Returned", "Returned", "edit-undo-symbolic");
  g_assert_cmpstr (st_sidebar_status_get_text (status), ==, "2 missing");
}

static int
measure (GtkWidget      *widget,
         GtkOrientation  orientation,
         gboolean        natural)
{
  int minimum_size, natural_size;

  gtk_widget_measure (widget, orientation, -1, &minimum_size, &natural_size, NULL, NULL);
  return natural ? natural_size : minimum_size;
}

/* The title does not change the row's size, so binding a row to another
 * submission at the same level, in the same state, needs no measuring;
 * a level deeper is an indent wider */
static void
test_size (Fixture       *fixture,
           gconstpointer  data)
{
  StSidebarRow *row = ST_SIDEBAR_ROW (fixture->row);
  int group_minimum, leaf_minimum, leaf_natural, leaf_height, text_height;
  GtkWidget *label = gtk_label_new ("Department for Education");

  gtk_box_append (GTK_BOX (fixture->box), label);
  gtk_window_present (fixture->window);
  ui_test_wait_for_frames (fixture->row, 1);
  gtk_tree_list_row_set_expanded (tree_row (fixture, 0), TRUE);

  bind (fixture, 0);
  group_minimum = measure (fixture->row, GTK_ORIENTATION_HORIZONTAL, FALSE);
  bind (fixture, 2);
  leaf_minimum = measure (fixture->row, GTK_ORIENTATION_HORIZONTAL, FALSE);
  leaf_natural = measure (fixture->row, GTK_ORIENTATION_HORIZONTAL, TRUE);
  leaf_height = measure (fixture->row, GTK_ORIENTATION_VERTICAL, TRUE);
  /* The group's state, "1/2", is narrower than the submission's */
  g_assert_cmpint (leaf_minimum, >, group_minimum + ST_SIDEBAR_ROW_INDENT);

  /* Another submission, its title much shorter, in the same state */
  st_sidebar_node_set_state (st_sidebar_row_get_node (row), "Complete", "Complete", "emblem-ok-symbolic");
  leaf_natural = measure (fixture->row, GTK_ORIENTATION_HORIZONTAL, TRUE);
  bind (fixture, 1);
  g_assert_cmpstr (st_sidebar_row_get_title (row), ==, "Cabinet Office");
  g_assert_false (gtk_widget_get_request_mode (fixture->row) == GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);
  g_assert_cmpint (measure (fixture->row, GTK_ORIENTATION_HORIZONTAL, TRUE), ==, leaf_natural);
  g_assert_cmpint (measure (fixture->row, GTK_ORIENTATION_VERTICAL, TRUE), ==, leaf_height);

  /* As tall as a line of its words, and the padding */
  text_height = measure (label, GTK_ORIENTATION_VERTICAL, TRUE);
  g_assert_cmpint (measure (fixture->row, GTK_ORIENTATION_VERTICAL, TRUE), >=, text_height + 6);
  g_assert_cmpint (measure (fixture->row, GTK_ORIENTATION_VERTICAL, TRUE), <=, text_height + 8);
}

/* A group: its arrow at the start, the title after the arrow's space,
 * the state at the end. A submission: no arrow, its title a level in.
 * At the left in a left-to-right language, at the right in a
 * right-to-left one. */
static void
test_drawn (Fixture       *fixture,
            gconstpointer  data)
{
  gboolean rtl = GPOINTER_TO_INT (data);
  StSidebarRow *row = ST_SIDEBAR_ROW (fixture->row);
  g_autofree guchar *group_pixels = NULL;
  g_autofree guchar *leaf_pixels = NULL;
  int width, height, status_width;
  int indent = ST_SIDEBAR_ROW_INDENT, icon = ST_SIDEBAR_ROW_ICON_SIZE;
  /* Columns in reading order, from the row's start edge */
#define COLUMNS(from, to) (rtl ? width - (to) : (from)), (rtl ? width - (from) : (to))

  gtk_widget_set_direction (fixture->row, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  bind (fixture, 0);
  gtk_window_present (fixture->window);
  group_pixels = ui_test_draw_widget (fixture->row, &width, &height, NULL);
  status_width = measure (GTK_WIDGET (st_sidebar_row_get_status (row)), GTK_ORIENTATION_HORIZONTAL, TRUE);
  g_assert_cmpint (width, >=, 300);
  g_assert_cmpint (status_width, >, icon);

  g_assert_cmpuint (ui_test_count_drawn (group_pixels, width, height, COLUMNS (0, icon)), >, 10);
  g_assert_cmpuint (ui_test_count_drawn (group_pixels, width, height, COLUMNS (icon + 1, indent)), ==, 0);
  g_assert_cmpuint (ui_test_count_drawn (group_pixels, width, height, COLUMNS (indent, indent + 40)), >, 20);
  g_assert_cmpuint (ui_test_count_drawn (group_pixels, width, height, COLUMNS (width - status_width, width)), >, 20);

  gtk_tree_list_row_set_expanded (tree_row (fixture, 0), TRUE);
  bind (fixture, 1);
  leaf_pixels = ui_test_draw_widget (fixture->row, &width, &height, NULL);
  g_assert_cmpuint (ui_test_count_drawn (leaf_pixels, width, height, COLUMNS (0, 2 * indent)), ==, 0);
  g_assert_cmpuint (ui_test_count_drawn (leaf_pixels, width, height, COLUMNS (2 * indent, 2 * indent + 40)), >, 20);
#undef COLUMNS
}

/* A title too long for the row is cut short before the state, not drawn
 * over it */
static void
test_cut_short (Fixture       *fixture,
                gconstpointer  data)
{
  StSidebarRow *row = ST_SIDEBAR_ROW (fixture->row);
  g_autofree guchar *pixels = NULL;
  int width, height, status_width;

  gtk_window_set_default_size (fixture->window, 200, -1);
  bind (fixture, 0);
  gtk_window_present (fixture->window);
  st_sidebar_status_set_icon_name (st_sidebar_row_get_status (row), NULL);
  pixels = ui_test_draw_widget (fixture->row, &width, &height, NULL);
  status_width = measure (GTK_WIDGET (st_sidebar_row_get_status (row)), GTK_ORIENTATION_HORIZONTAL, TRUE);
  g_assert_cmpint (width, <, 260);
  /* The 6 pixels between the title and the state are empty */
  g_assert_cmpuint (ui_test_count_drawn (pixels, width, height, width - status_width - 5, width - status_width), ==, 0);
  g_assert_cmpuint (ui_test_count_drawn (pixels, width, height, width - status_width, width), >, 10);
}

/* The row's own click gesture */
static GtkGesture *
click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE (controller);
    }
  g_assert_not_reached ();
}

static void
click_at (GtkWidget *widget,
          double     x)
{
  GtkGesture *gesture = click_gesture (widget);
  double y = gtk_widget_get_height (widget) / 2.0;

  g_signal_emit_by_name (gesture, "pressed", 1, x, y);
  g_signal_emit_by_name (gesture, "released", 1, x, y);
}

/* A click on a group's arrow opens it, and another closes it; a click on
 * its title, or where a submission's arrow would be, does neither */
static void
test_arrow_click (Fixture       *fixture,
                  gconstpointer  data)
{
  gboolean rtl = GPOINTER_TO_INT (data);
  GtkTreeListRow *group = tree_row (fixture, 0);
  int width;
  double arrow, title;

  gtk_widget_set_direction (fixture->row, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  bind (fixture, 0);
  gtk_window_present (fixture->window);
  ui_test_wait_for_frames (fixture->row, 1);
  width = gtk_widget_get_width (fixture->row);
  arrow = rtl ? width - ST_SIDEBAR_ROW_ICON_SIZE / 2.0 : ST_SIDEBAR_ROW_ICON_SIZE / 2.0;
  title = rtl ? width - ST_SIDEBAR_ROW_INDENT - 30 : ST_SIDEBAR_ROW_INDENT + 30;

  click_at (fixture->row, title);
  g_assert_false (gtk_tree_list_row_get_expanded (group));
  click_at (fixture->row, arrow);
  g_assert_true (gtk_tree_list_row_get_expanded (group));
  click_at (fixture->row, arrow);
  g_assert_false (gtk_tree_list_row_get_expanded (group));

  /* Pressed on the arrow, released on the title: nothing */
  g_signal_emit_by_name (click_gesture (fixture->row), "pressed", 1, arrow, 5.0);
  g_signal_emit_by_name (click_gesture (fixture->row), "released", 1, title, 5.0);
  g_assert_false (gtk_tree_list_row_get_expanded (group));

  /* A submission has no arrow */
  gtk_tree_list_row_set_expanded (group, TRUE);
  bind (fixture, 1);
  click_at (fixture->row, arrow);
  g_assert_true (gtk_tree_list_row_get_expanded (group));
  g_assert_cmpstr (st_sidebar_row_get_title (ST_SIDEBAR_ROW (fixture->row)), ==, "Cabinet Office");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StApplication) application = NULL;

  if (!ui_test_init (&argc, &argv))
    return 0;
  /* GTK's test backend for accessibility keeps what the row tells it in
   * memory, with no bus, for the tests to read; GTK chooses the backend
   * when the first widget is made */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* Adwaita's style and icons */
  application = ui_test_application ();

  g_test_add ("/sidebar-row/bind", Fixture, NULL, fixture_set_up, test_bind, fixture_tear_down);
  g_test_add ("/sidebar-row/follows-node", Fixture, NULL, fixture_set_up, test_follows_node, fixture_tear_down);
  g_test_add ("/sidebar-row/size", Fixture, NULL, fixture_set_up, test_size, fixture_tear_down);
  g_test_add ("/sidebar-row/drawn", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_drawn, fixture_tear_down);
  g_test_add ("/sidebar-row/drawn-rtl", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_drawn, fixture_tear_down);
  g_test_add ("/sidebar-row/cut-short", Fixture, NULL, fixture_set_up, test_cut_short, fixture_tear_down);
  g_test_add ("/sidebar-row/arrow-click", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_arrow_click, fixture_tear_down);
  g_test_add ("/sidebar-row/arrow-click-rtl", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_arrow_click, fixture_tear_down);

  return ui_test_run ();
}
