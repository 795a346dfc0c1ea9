/* st-sections-box.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-sections-box.h"

/* A form shows up to twenty sections, each a card of text, and a new form
 * shows only the first one or two: the rest are below, out of sight. GTK
 * 4.8 snapshots every child all the same, so the frame after a switch
 * turned the text of every section into glyphs, for the renderer to clip
 * away. This box draws only the children within sight of the scrolled
 * window around it, and draws again when that scrolls or changes size. */

/* Room around what is in sight, for the shadows of the cards at its edges */
#define MARGIN 32

struct _StSectionsBox
{
  GtkBox         parent_instance;

  GtkAdjustment *adjustments[2];  /* the viewport's around the box, while mapped */
  GHashTable    *drawn;           /* the children drawn last time, not referenced */
};

G_DEFINE_FINAL_TYPE (StSectionsBox, st_sections_box, GTK_TYPE_BOX)

/* What is in sight, in the box's coordinates; FALSE when no scrolled
 * window is around it, and all of it is */
static gboolean
get_sight (StSectionsBox   *self,
           graphene_rect_t *sight)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_VIEWPORT);

  if (viewport == NULL || !gtk_widget_compute_bounds (viewport, GTK_WIDGET (self), sight))
    return FALSE;
  graphene_rect_inset (sight, -MARGIN, -MARGIN);
  return TRUE;
}

static void
st_sections_box_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  StSectionsBox *self = ST_SECTIONS_BOX (widget);
  graphene_rect_t sight;
  gboolean partly = get_sight (self, &sight);

  g_hash_table_remove_all (self->drawn);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_visible (child))
        continue;
      if (partly &&
          gtk_widget_compute_bounds (child, widget, &bounds) &&
          !graphene_rect_intersection (&sight, &bounds, NULL))
        continue;
      gtk_widget_snapshot_child (widget, child, snapshot);
      g_hash_table_add (self->drawn, child);
    }
}

static void
on_adjustment_changed (StSectionsBox *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
forget_adjustments (StSectionsBox *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->adjustments); i++)
    {
      if (self->adjustments[i] != NULL)
        g_signal_handlers_disconnect_by_func (self->adjustments[i], on_adjustment_changed, self);
      g_clear_object (&self->adjustments[i]);
    }
}

/* Scrolling moves the box without drawing it again, and a taller window
 * brings more of it into sight without changing its size */
static void
st_sections_box_map (GtkWidget *widget)
{
  StSectionsBox *self = ST_SECTIONS_BOX (widget);
  GtkWidget *viewport = gtk_widget_get_ancestor (widget, GTK_TYPE_VIEWPORT);

  GTK_WIDGET_CLASS (st_sections_box_parent_class)->map (widget);

  forget_adjustments (self);
  if (viewport == NULL)
    return;
  self->adjustments[0] = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (viewport));
  self->adjustments[1] = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  for (guint i = 0; i < G_N_ELEMENTS (self->adjustments); i++)
    {
      if (self->adjustments[i] == NULL)
        continue;
      g_object_ref (self->adjustments[i]);
      g_signal_connect_swapped (self->adjustments[i], "value-changed", G_CALLBACK (on_adjustment_changed), self);
      g_signal_connect_swapped (self->adjustments[i], "changed", G_CALLBACK (on_adjustment_changed), self);
    }
}

static void
st_sections_box_unmap (GtkWidget *widget)
{
  forget_adjustments (ST_SECTIONS_BOX (widget));
  GTK_WIDGET_CLASS (st_sections_box_parent_class)->unmap (widget);
}

static void
st_sections_box_dispose (GObject *object)
{
  forget_adjustments (ST_SECTIONS_BOX (object));
  G_OBJECT_CLASS (st_sections_box_parent_class)->dispose (object);
}

static void
st_sections_box_finalize (GObject *object)
{
  StSectionsBox *self = ST_SECTIONS_BOX (object);

  g_clear_pointer (&self->drawn, g_hash_table_unref);

  G_OBJECT_CLASS (st_sections_box_parent_class)->finalize (object);
}

static void
st_sections_box_class_init (StSectionsBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_sections_box_dispose;
  object_class->finalize = st_sections_box_finalize;
  widget_class->snapshot = st_sections_box_snapshot;
  widget_class->map = st_sections_box_map;
  widget_class->unmap = st_sections_box_unmap;
}

static void
st_sections_box_init (StSectionsBox *self)
{
  self->drawn = g_hash_table_new (NULL, NULL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
st_sections_box_new (void)
{
  return g_object_new (ST_TYPE_SECTIONS_BOX, NULL);
}

gboolean
st_sections_box_child_was_drawn (StSectionsBox *self,
                                 GtkWidget     *child)
{
  g_return_val_if_fail (ST_IS_SECTIONS_BOX (self), FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (child), FALSE);

  return g_hash_table_contains (self->drawn, child);
}
