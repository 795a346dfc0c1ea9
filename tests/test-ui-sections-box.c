/* test-ui-sections-box.c: the box of a form's sections draws only those
 * in sight of the scrolled window around it, and the others once they
 * come into sight
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-sections-box.h"
#include "test-ui-helpers.h"

#define N_SECTIONS 20
#define SECTION_HEIGHT 200

typedef struct {
  GtkWindow *window;
  GtkWidget *scrolled;
  GtkWidget *box;
  GtkWidget *sections[N_SECTIONS];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean scrolled = GPOINTER_TO_INT (data);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 400, 500);
  fixture->box = st_sections_box_new ();
  gtk_box_set_spacing (GTK_BOX (fixture->box), 24);
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Section %u", i + 1);

      fixture->sections[i] = gtk_label_new (text);
      gtk_widget_set_size_request (fixture->sections[i], -1, scrolled ? SECTION_HEIGHT : 10);
      gtk_box_append (GTK_BOX (fixture->box), fixture->sections[i]);
    }
  if (scrolled)
    {
      fixture->scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (fixture->scrolled), fixture->box);
      gtk_window_set_child (fixture->window, fixture->scrolled);
    }
  else
    gtk_window_set_child (fixture->window, fixture->box);
  gtk_window_present (fixture->window);
  ui_test_wait_for_frames (fixture->box, 3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  ui_test_drain ();
}

static gboolean
was_drawn (Fixture *fixture,
           guint    i)
{
  return st_sections_box_child_was_drawn (ST_SECTIONS_BOX (fixture->box), fixture->sections[i]);
}

static guint
count_drawn (Fixture *fixture)
{
  guint n = 0;

  for (guint i = 0; i < N_SECTIONS; i++)
    n += was_drawn (fixture, i);
  return n;
}

static void
test_in_sight (Fixture       *fixture,
               gconstpointer  data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (fixture->scrolled));
  guint drawn;

  /* At the top: the first sections, not the last */
  g_assert_true (gtk_widget_get_mapped (fixture->box));
  g_assert_true (was_drawn (fixture, 0));
  g_assert_false (was_drawn (fixture, N_SECTIONS - 1));
  drawn = count_drawn (fixture);
  g_assert_cmpuint (drawn, >=, 2);
  g_assert_cmpuint (drawn, <, N_SECTIONS / 2);

  /* Scrolled to the end: the last ones, drawn without anything else
   * asking for it */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  ui_test_wait_for_frames (fixture->box, 2);
  g_assert_true (was_drawn (fixture, N_SECTIONS - 1));
  g_assert_false (was_drawn (fixture, 0));

  /* Halfway: those in the middle */
  gtk_adjustment_set_value (adjustment, (N_SECTIONS / 2) * (SECTION_HEIGHT + 24));
  ui_test_wait_for_frames (fixture->box, 2);
  g_assert_true (was_drawn (fixture, N_SECTIONS / 2));
  g_assert_false (was_drawn (fixture, 0));
  g_assert_false (was_drawn (fixture, N_SECTIONS - 1));

  /* A section hidden is not drawn, in sight or not */
  gtk_widget_set_visible (fixture->sections[N_SECTIONS / 2], FALSE);
  ui_test_wait_for_frames (fixture->box, 2);
  g_assert_false (was_drawn (fixture, N_SECTIONS / 2));
}

/* With no scrolled window around it, all of it is in sight */
static void
test_no_scrolled_window (Fixture       *fixture,
                         gconstpointer  data)
{
  g_assert_cmpuint (count_drawn (fixture), ==, N_SECTIONS);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/sections-box/in-sight", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_in_sight, fixture_tear_down);
  g_test_add ("/sections-box/no-scrolled-window", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_no_scrolled_window, fixture_tear_down);

  return ui_test_run ();
}
