/* test-ui-shown-width-layout.c: a layout that measures its child's
 * height for the width it is shown at
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-shown-width-layout.h"
#include "test-ui-helpers.h"

#define PLAN "Complete digital development and integration testing. Subject to " \
             "ministerial decision the ERTP will go live in June 2014, after which " \
             "the service team will report on its take-up every quarter."

static int
measure (GtkWidget      *widget,
         GtkOrientation  orientation,
         int             for_size)
{
  int minimum;

  gtk_widget_measure (widget, orientation, for_size, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* A wrapping label in a bin with the layout, in a window of @width */
static GtkWidget *
make_bin (GtkWindow **window,
          GtkWidget **label,
          int         width)
{
  GtkWidget *bin = adw_bin_new ();

  *label = gtk_label_new (PLAN);
  gtk_label_set_wrap (GTK_LABEL (*label), TRUE);
  gtk_widget_set_layout_manager (bin, st_shown_width_layout_new ());
  adw_bin_set_child (ADW_BIN (bin), *label);
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, width, 400);
  gtk_window_set_child (*window, bin);
  return bin;
}

/* Before it is given a width, it asks its child as a bin does */
static void
test_unshown (void)
{
  GtkWindow *window;
  GtkWidget *label;
  GtkWidget *bin = make_bin (&window, &label, 240);

  g_assert_cmpint (measure (bin, GTK_ORIENTATION_VERTICAL, -1), ==,
                   measure (label, GTK_ORIENTATION_VERTICAL, -1));
  g_assert_cmpint (measure (bin, GTK_ORIENTATION_HORIZONTAL, -1), ==,
                   measure (label, GTK_ORIENTATION_HORIZONTAL, -1));
  gtk_window_destroy (window);
}

/* Shown, its height for no particular width is its height at the width
 * it has: the plan's several lines, not the one line of no width */
static void
test_shown (void)
{
  GtkWindow *window;
  GtkWidget *label;
  GtkWidget *bin = make_bin (&window, &label, 240);
  int width, lines_high, line_high;

  ui_test_show_window (window);
  ui_test_wait_for_frames (bin, 2);
  width = gtk_widget_get_width (bin);
  g_assert_cmpint (width, >, 0);
  lines_high = measure (label, GTK_ORIENTATION_VERTICAL, width);
  line_high = measure (label, GTK_ORIENTATION_VERTICAL, -1);
  g_test_message ("%d px wide: %d px high; a line is %d px", width, lines_high, line_high);
  g_assert_cmpint (lines_high, >, 2 * line_high);

  /* gtk_widget_measure() caches; the bin's own answer is asked for again */
  gtk_widget_queue_resize (bin);
  g_assert_cmpint (measure (bin, GTK_ORIENTATION_VERTICAL, -1), ==, lines_high);
  /* A width asked for is the one measured at */
  g_assert_cmpint (measure (bin, GTK_ORIENTATION_VERTICAL, 2000), ==,
                   measure (label, GTK_ORIENTATION_VERTICAL, 2000));
  /* and the smallest width is the child's */
  g_assert_cmpint (measure (bin, GTK_ORIENTATION_HORIZONTAL, -1), ==,
                   measure (label, GTK_ORIENTATION_HORIZONTAL, -1));
  gtk_window_destroy (window);
}

/* Given less than its child needs, it still measures for the child's
 * smallest width */
static void
test_narrower_than_child (void)
{
  GtkWindow *window;
  GtkWidget *label;
  GtkWidget *bin = make_bin (&window, &label, 240);
  int min_width;

  gtk_label_set_width_chars (GTK_LABEL (label), 60);
  ui_test_show_window (window);
  ui_test_wait_for_frames (bin, 2);
  min_width = measure (label, GTK_ORIENTATION_HORIZONTAL, -1);
  g_assert_cmpint (min_width, >, 0);
  gtk_widget_allocate (bin, min_width / 2, 400, -1, NULL);
  gtk_widget_queue_resize (bin);
  g_assert_cmpint (measure (bin, GTK_ORIENTATION_VERTICAL, -1), ==,
                   measure (label, GTK_ORIENTATION_VERTICAL, min_width));
  gtk_window_destroy (window);
}

/* With no child, it takes no room */
static void
test_empty (void)
{
  GtkWidget *bin = g_object_ref_sink (adw_bin_new ());

  gtk_widget_set_layout_manager (bin, st_shown_width_layout_new ());
  g_assert_cmpint (measure (bin, GTK_ORIENTATION_VERTICAL, -1), ==, 0);
  g_assert_cmpint (measure (bin, GTK_ORIENTATION_HORIZONTAL, 100), ==, 0);
  g_object_unref (bin);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/shown-width-layout/unshown", test_unshown);
  g_test_add_func ("/shown-width-layout/shown", test_shown);
  g_test_add_func ("/shown-width-layout/narrower-than-child", test_narrower_than_child);
  g_test_add_func ("/shown-width-layout/empty", test_empty);

  return ui_test_run ();
}
