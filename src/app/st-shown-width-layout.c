/* st-shown-width-layout.c: lays out one child, measuring its height for
 * the width it is shown at
 *
 * For the content of a scroller that scrolls it vertically and keeps it
 * as wide as itself. GTK 4.8's GtkScrolledWindow measures its content's
 * height for no particular width (-1) whenever the window's size is
 * worked out, which is before every frame after the content changed, and
 * then does not use the answer. For a form of wrapping text, that height
 * is a layout of every paragraph at a width it is never shown at: AdwClamp
 * asks for its child's natural width, up to its largest size. Asked for
 * its height at no particular width, this layout answers for the width it
 * had been given when asked instead, which the frame lays the content out
 * at anyway, so GTK's size cache answers the second time. Until it has
 * been given a width, and for any width asked for, it measures as
 * GtkBinLayout does.
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-shown-width-layout.h"

struct _StShownWidthLayout
{
  GtkLayoutManager parent_instance;

  /* The width last given, or -1 before the first */
  int shown_width;
};

G_DEFINE_FINAL_TYPE (StShownWidthLayout, st_shown_width_layout, GTK_TYPE_LAYOUT_MANAGER)

static void
st_shown_width_layout_measure (GtkLayoutManager *manager,
                               GtkWidget        *widget,
                               GtkOrientation    orientation,
                               int               for_size,
                               int              *minimum,
                               int              *natural,
                               int              *minimum_baseline,
                               int              *natural_baseline)
{
  StShownWidthLayout *self = ST_SHOWN_WIDTH_LAYOUT (manager);

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat, size = for_size;

      if (!gtk_widget_should_layout (child))
        continue;
      if (orientation == GTK_ORIENTATION_VERTICAL && size < 0 && self->shown_width >= 0)
        {
          int min_width;

          /* Never narrower than the child can be */
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
          size = MAX (self->shown_width, min_width);
        }
      gtk_widget_measure (child, orientation, size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
st_shown_width_layout_allocate (GtkLayoutManager *manager,
                                GtkWidget        *widget,
                                int               width,
                                int               height,
                                int               baseline)
{
  StShownWidthLayout *self = ST_SHOWN_WIDTH_LAYOUT (manager);

  self->shown_width = width;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_should_layout (child))
        gtk_widget_allocate (child, width, height, baseline, NULL);
    }
}

static void
st_shown_width_layout_class_init (StShownWidthLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->measure = st_shown_width_layout_measure;
  layout_class->allocate = st_shown_width_layout_allocate;
}

static void
st_shown_width_layout_init (StShownWidthLayout *self)
{
  self->shown_width = -1;
}

GtkLayoutManager *
st_shown_width_layout_new (void)
{
  return g_object_new (ST_TYPE_SHOWN_WIDTH_LAYOUT, NULL);
}
