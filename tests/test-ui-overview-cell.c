/* test-ui-overview-cell.c: a cell of the overview, its words, its icon
 * as it is drawn, and opening it
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-overview-cell.h"
#include "test-ui-helpers.h"

#define ICON_SIZE 16

typedef struct {
  GtkWindow *window;
  GtkWidget *cell;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->cell = st_overview_cell_new ();
  gtk_window_set_child (fixture->window, fixture->cell);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  ui_test_drain ();
}

/* The cell as drawn, in memory: 4 bytes a pixel, blue, green, red, alpha */
static guchar *
draw_cell (Fixture *fixture,
           int     *width,
           int     *height)
{
  return ui_test_draw_widget (fixture->cell, width, height, NULL);
}

static GdkRGBA
named_color (GtkWidget  *widget,
             const char *name)
{
  GdkRGBA color;

  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color));
  return color;
}

/* How many pixels in columns [@x0, @x1) are close to @color */
static guint
count_color (const guchar  *pixels,
             int            width,
             int            height,
             int            x0,
             int            x1,
             const GdkRGBA *color)
{
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = MAX (x0, 0); x < MIN (x1, width); x++)
      {
        const guchar *p = pixels + ((gsize) y * width + x) * 4;

        /* Fully covered pixels only: the edges are blended */
        if (p[3] == 255 &&
            ABS (p[2] - color->red * 255) < 12 &&
            ABS (p[1] - color->green * 255) < 12 &&
            ABS (p[0] - color->blue * 255) < 12)
          n++;
      }
  return n;
}

/* The label's start, where the icon goes before it */
static int
label_start (Fixture *fixture)
{
  GtkWidget *label = ui_test_find_descendant (fixture->cell, GTK_TYPE_LABEL);
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (label, fixture->cell, &bounds));
  return (int) bounds.origin.x;
}

static void
test_words (Fixture       *fixture,
            gconstpointer  data)
{
  StOverviewCell *cell = ST_OVERVIEW_CELL (fixture->cell);
  GtkWidget *label = ui_test_find_descendant (fixture->cell, GTK_TYPE_LABEL);

  /* A button, to be focused and opened like any other */
  g_assert_true (GTK_IS_BUTTON (cell));
  g_assert_true (gtk_widget_get_focusable (fixture->cell));
  g_assert_true (gtk_widget_has_css_class (fixture->cell, "overview-cell"));
  g_assert_true (gtk_widget_has_css_class (fixture->cell, "flat"));
  g_assert_nonnull (label);
  g_assert_null (st_overview_cell_get_icon_name (cell));

  st_overview_cell_set_text (cell, "2 warnings");
  g_assert_cmpstr (st_overview_cell_get_text (cell), ==, "2 warnings");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "2 warnings");

  /* An icon takes room before the words; none gives it back */
  st_overview_cell_set_icon (cell, "dialog-warning-symbolic", "warning");
  g_assert_cmpstr (st_overview_cell_get_icon_name (cell), ==, "dialog-warning-symbolic");
  g_assert_cmpstr (st_overview_cell_get_icon_style (cell), ==, "warning");
  g_assert_cmpint (gtk_widget_get_margin_start (label), >=, ICON_SIZE);
  st_overview_cell_set_icon (cell, NULL, NULL);
  g_assert_null (st_overview_cell_get_icon_name (cell));
  g_assert_null (st_overview_cell_get_icon_style (cell));
  g_assert_cmpint (gtk_widget_get_margin_start (label), ==, 0);
}

static void
test_icon_drawn (Fixture       *fixture,
                 gconstpointer  data)
{
  StOverviewCell *cell = ST_OVERVIEW_CELL (fixture->cell);
  GdkRGBA success, error;
  g_autofree guchar *pixels = NULL;
  int width, height, start;

  st_overview_cell_set_text (cell, "Complete");
  gtk_window_present (fixture->window);
  success = named_color (fixture->cell, "success_color");
  error = named_color (fixture->cell, "error_color");

  /* No icon: nothing in the colour a success icon would have */
  pixels = draw_cell (fixture, &width, &height);
  g_assert_cmpuint (count_color (pixels, width, height, 0, width, &success), ==, 0);
  g_clear_pointer (&pixels, g_free);

  /* A success icon, drawn in its colour, before the words */
  st_overview_cell_set_icon (cell, "emblem-default-symbolic", "success");
  pixels = draw_cell (fixture, &width, &height);
  start = label_start (fixture);
  g_assert_cmpuint (count_color (pixels, width, height, start - ICON_SIZE - 8, start, &success), >, 4);
  g_assert_cmpuint (count_color (pixels, width, height, start, width, &success), ==, 0);
  g_assert_cmpuint (count_color (pixels, width, height, 0, width, &error), ==, 0);
  g_clear_pointer (&pixels, g_free);

  /* The same icon as an error: its colour follows the style */
  st_overview_cell_set_icon (cell, "emblem-default-symbolic", "error");
  pixels = draw_cell (fixture, &width, &height);
  g_assert_cmpuint (count_color (pixels, width, height, 0, start, &error), >, 4);
  g_assert_cmpuint (count_color (pixels, width, height, 0, width, &success), ==, 0);
}

static void
test_icon_right_to_left (Fixture       *fixture,
                         gconstpointer  data)
{
  StOverviewCell *cell = ST_OVERVIEW_CELL (fixture->cell);
  GtkWidget *label = ui_test_find_descendant (fixture->cell, GTK_TYPE_LABEL);
  g_autofree guchar *pixels = NULL;
  graphene_rect_t bounds;
  GdkRGBA success;
  int width, height, end;

  gtk_widget_set_direction (fixture->cell, GTK_TEXT_DIR_RTL);
  gtk_widget_set_direction (label, GTK_TEXT_DIR_RTL);
  st_overview_cell_set_text (cell, "Complete");
  st_overview_cell_set_icon (cell, "emblem-default-symbolic", "success");
  gtk_window_present (fixture->window);
  success = named_color (fixture->cell, "success_color");

  /* The icon is after the words' end, on the right */
  pixels = draw_cell (fixture, &width, &height);
  g_assert_true (gtk_widget_compute_bounds (label, fixture->cell, &bounds));
  end = (int) (bounds.origin.x + bounds.size.width);
  g_assert_cmpuint (count_color (pixels, width, height, end, end + ICON_SIZE + 8, &success), >, 4);
  g_assert_cmpuint (count_color (pixels, width, height, 0, end, &success), ==, 0);
}

static void
on_clicked (GtkButton *button,
            guint     *clicks)
{
  (*clicks)++;
}

static gboolean
clicked_once (gpointer data)
{
  return *(guint *) data == 1;
}

/* Enter and Space activate a button: it shows itself pressed, then is
 * clicked */
static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  guint clicks = 0;

  g_signal_connect (fixture->cell, "clicked", G_CALLBACK (on_clicked), &clicks);
  gtk_window_present (fixture->window);
  ui_test_drain ();
  g_assert_true (gtk_widget_activate (fixture->cell));
  g_assert_true (ui_test_wait_for (clicked_once, &clicks, 5));
  ui_test_drain ();
  g_assert_cmpuint (clicks, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StApplication) application = NULL;

  if (!ui_test_init (&argc, &argv))
    return 0;
  /* The app's style, as the overview is drawn with it */
  application = ui_test_application ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/overview-cell/words", test_words);
  ADD ("/overview-cell/icon-drawn", test_icon_drawn);
  ADD ("/overview-cell/icon-right-to-left", test_icon_right_to_left);
  ADD ("/overview-cell/activate", test_activate);
#undef ADD

  return ui_test_run ();
}
