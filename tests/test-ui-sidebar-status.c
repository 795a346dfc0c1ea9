/* test-ui-sidebar-status.c: a sidebar row's state, its words and its
 * icon, as measured and drawn
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-sidebar-status.h"
#include "test-ui-helpers.h"

#define ICON_SIZE 16
#define ICON_SPACING 4

typedef struct {
  GtkWindow *window;
  GtkWidget *box;
  GtkWidget *status;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  fixture->status = st_sidebar_status_new ();
  gtk_widget_set_halign (fixture->status, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (fixture->box), fixture->status);
  gtk_window_set_child (fixture->window, fixture->box);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  ui_test_drain ();
}

static int
natural_width (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static int
natural_height (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* A label as the row showed its state before: a caption */
static GtkWidget *
caption_label (Fixture    *fixture,
               const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (fixture->box), label);
  return label;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_properties (Fixture       *fixture,
                 gconstpointer  data)
{
  StSidebarStatus *status = ST_SIDEBAR_STATUS (fixture->status);
  guint texts = 0, icons = 0;
  g_autofree char *text = NULL;

  g_assert_null (st_sidebar_status_get_text (status));
  g_assert_null (st_sidebar_status_get_icon_name (status));
  /* Read out as words; the icon only repeats them */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (status)), ==, GTK_ACCESSIBLE_ROLE_LABEL);
  g_assert_true (gtk_widget_has_css_class (fixture->status, "caption"));

  g_signal_connect (status, "notify::text", G_CALLBACK (count_notify), &texts);
  g_signal_connect (status, "notify::icon-name", G_CALLBACK (count_notify), &icons);

  st_sidebar_status_set_text (status, "2 warnings");
  g_assert_cmpstr (st_sidebar_status_get_text (status), ==, "2 warnings");
  g_assert_cmpuint (texts, ==, 1);
  /* The same again: nothing to tell */
  st_sidebar_status_set_text (status, "2 warnings");
  g_assert_cmpuint (texts, ==, 1);
  g_object_get (status, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "2 warnings");

  g_object_set (status, "icon-name", "dialog-warning-symbolic", NULL);
  g_assert_cmpstr (st_sidebar_status_get_icon_name (status), ==, "dialog-warning-symbolic");
  g_assert_cmpuint (icons, ==, 1);
  st_sidebar_status_set_icon_name (status, "dialog-warning-symbolic");
  g_assert_cmpuint (icons, ==, 1);

  st_sidebar_status_set_text (status, NULL);
  g_assert_null (st_sidebar_status_get_text (status));
  g_assert_cmpuint (texts, ==, 2);
  st_sidebar_status_set_icon_name (status, NULL);
  g_assert_null (st_sidebar_status_get_icon_name (status));
  g_assert_cmpuint (icons, ==, 2);
}

/* As wide as the icon, the space after it and the words as a caption
 * label lays them out; as high as the taller of the two */
static void
test_size (Fixture       *fixture,
           gconstpointer  data)
{
  StSidebarStatus *status = ST_SIDEBAR_STATUS (fixture->status);
  GtkWidget *label = caption_label (fixture, "Approved");
  int approved, wider;

  gtk_window_present (fixture->window);
  ui_test_wait_for_frames (fixture->status, 1);

  g_assert_cmpint (natural_width (fixture->status), ==, 0);

  st_sidebar_status_set_icon_name (status, "emblem-ok-symbolic");
  g_assert_cmpint (natural_width (fixture->status), ==, ICON_SIZE);
  g_assert_cmpint (natural_height (fixture->status), >=, ICON_SIZE);

  st_sidebar_status_set_text (status, "Approved");
  approved = natural_width (fixture->status);
  g_assert_cmpint (approved, ==, ICON_SIZE + ICON_SPACING + natural_width (label));
  g_assert_cmpint (natural_height (fixture->status), ==, MAX (ICON_SIZE, natural_height (label)));

  st_sidebar_status_set_text (status, "Approved, 12 warnings");
  wider = natural_width (fixture->status);
  g_assert_cmpint (wider, >, approved);
  /* Back to words shown before: the same size as then */
  st_sidebar_status_set_text (status, "Approved");
  g_assert_cmpint (natural_width (fixture->status), ==, approved);

  /* No icon: the words alone */
  st_sidebar_status_set_icon_name (status, NULL);
  g_assert_cmpint (natural_width (fixture->status), ==, natural_width (label));
}

/* Two with the same words but different fonts each measure their own */
static void
test_size_follows_font (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *large = st_sidebar_status_new ();
  GtkWidget *label = gtk_label_new ("3 missing");
  int small_width;

  gtk_widget_set_halign (large, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (fixture->box), large);
  gtk_widget_add_css_class (label, "title-1");
  gtk_box_append (GTK_BOX (fixture->box), label);
  gtk_window_present (fixture->window);
  ui_test_wait_for_frames (fixture->status, 1);

  st_sidebar_status_set_text (ST_SIDEBAR_STATUS (fixture->status), "3 missing");
  small_width = natural_width (fixture->status);
  g_assert_cmpint (small_width, >, 0);

  /* The larger font after the words were first laid out */
  st_sidebar_status_set_text (ST_SIDEBAR_STATUS (large), "3 missing");
  g_assert_cmpint (natural_width (large), ==, small_width);
  gtk_widget_remove_css_class (large, "caption");
  gtk_widget_add_css_class (large, "title-1");
  ui_test_wait_for_frames (large, 1);
  g_assert_cmpint (natural_width (large), ==, natural_width (label));
  g_assert_cmpint (natural_width (large), >, small_width);
  /* The first is as it was */
  g_assert_cmpint (natural_width (fixture->status), ==, small_width);
}

/* The widget as drawn, in memory: 4 bytes a pixel, blue, green, red, alpha */
static guchar *
draw (Fixture *fixture,
      int     *width,
      int     *height)
{
  gtk_window_present (fixture->window);
  return ui_test_draw_widget (fixture->status, width, height, NULL);
}

/* The icon first in reading order, the words after it: on the left in a
 * left-to-right language, on the right in a right-to-left one */
static void
test_drawn (Fixture       *fixture,
            gconstpointer  data)
{
  gboolean rtl = GPOINTER_TO_INT (data);
  StSidebarStatus *status = ST_SIDEBAR_STATUS (fixture->status);
  g_autofree guchar *pixels = NULL;
  int width, height, icon_start, text_start, text_end;

  gtk_widget_set_direction (fixture->status, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  st_sidebar_status_set_icon_name (status, "emblem-ok-symbolic");
  st_sidebar_status_set_text (status, "Complete");
  pixels = draw (fixture, &width, &height);
  g_assert_cmpint (width, >, ICON_SIZE + ICON_SPACING + 20);

  icon_start = rtl ? width - ICON_SIZE : 0;
  text_start = rtl ? 0 : ICON_SIZE + ICON_SPACING;
  text_end = rtl ? width - ICON_SIZE - ICON_SPACING : width;
  g_assert_cmpuint (ui_test_count_drawn (pixels, width, height, icon_start, icon_start + ICON_SIZE), >, 20);
  g_assert_cmpuint (ui_test_count_drawn (pixels, width, height, text_start, text_end), >, 20);
  /* Nothing in the space between them */
  if (rtl)
    g_assert_cmpuint (ui_test_count_drawn (pixels, width, height, text_end + 1, icon_start - 1), ==, 0);
  else
    g_assert_cmpuint (ui_test_count_drawn (pixels, width, height, ICON_SIZE + 1, text_start - 1), ==, 0);
}

/* No icon and no words: nothing drawn, and no room taken */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  StSidebarStatus *status = ST_SIDEBAR_STATUS (fixture->status);
  g_autofree guchar *pixels = NULL;
  int width, height;

  st_sidebar_status_set_text (status, "Submitted");
  pixels = draw (fixture, &width, &height);
  g_assert_cmpuint (ui_test_count_drawn (pixels, width, height, 0, width), >, 20);

  st_sidebar_status_set_text (status, "");
  ui_test_wait_for_frames (fixture->status, 1);
  g_assert_cmpint (natural_width (fixture->status), ==, 0);
  g_assert_cmpint (natural_height (fixture->status), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StApplication) application = NULL;

  if (!ui_test_init (&argc, &argv))
    return 0;
  /* Adwaita's style, whose caption the words are in */
  application = ui_test_application ();

  g_test_add ("/sidebar-status/properties", Fixture, NULL, fixture_set_up, test_properties, fixture_tear_down);
  g_test_add ("/sidebar-status/size", Fixture, NULL, fixture_set_up, test_size, fixture_tear_down);
  g_test_add ("/sidebar-status/size-follows-font", Fixture, NULL,
              fixture_set_up, test_size_follows_font, fixture_tear_down);
  g_test_add ("/sidebar-status/drawn", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_drawn, fixture_tear_down);
  g_test_add ("/sidebar-status/drawn-rtl", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_drawn, fixture_tear_down);
  g_test_add ("/sidebar-status/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);

  return ui_test_run ();
}
