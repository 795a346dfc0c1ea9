/* st-overview-cell.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "st-overview-cell.h"

/* The overview shows hundreds of cells at once, and every widget in them
 * is styled, measured and drawn before the window's first frame. So a
 * cell is a button with a label, and draws its icon itself, in the space
 * the label leaves before it, rather than holding a box, an image and a
 * label */

#define ICON_SIZE 16
#define ICON_SPACING 4

struct _StOverviewCell
{
  GtkButton         parent_instance;

  GtkLabel         *label;
  char             *icon_name;
  char             *icon_style;
  GtkIconPaintable *icon;       /* looked up when first drawn */
};

G_DEFINE_FINAL_TYPE (StOverviewCell, st_overview_cell, GTK_TYPE_BUTTON)

static void
forget_icon (StOverviewCell *self)
{
  g_clear_object (&self->icon);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_scale_factor_changed (StOverviewCell *self,
                         GParamSpec     *pspec)
{
  forget_icon (self);
}

static GtkIconPaintable *
get_icon (StOverviewCell *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (self->icon == NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

      self->icon = gtk_icon_theme_lookup_icon (theme, self->icon_name, NULL, ICON_SIZE,
                                               gtk_widget_get_scale_factor (widget),
                                               gtk_widget_get_direction (widget), 0);
    }
  return self->icon;
}

/* The colours a symbolic icon is drawn in, as the style class of the same
 * name would give a GtkImage: text, error, warning and success */
static void
get_icon_colors (StOverviewCell *self,
                 GdkRGBA         colors[4])
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  const char *names[] = { NULL, "error_color", "warning_color", "success_color" };

  gtk_style_context_get_color (context, &colors[0]);
  for (guint i = 1; i < G_N_ELEMENTS (names); i++)
    if (!gtk_style_context_lookup_color (context, names[i], &colors[i]))
      colors[i] = colors[0];

  if (g_strcmp0 (self->icon_style, "error") == 0)
    colors[0] = colors[1];
  else if (g_strcmp0 (self->icon_style, "warning") == 0)
    colors[0] = colors[2];
  else if (g_strcmp0 (self->icon_style, "success") == 0)
    colors[0] = colors[3];
  else if (g_strcmp0 (self->icon_style, "dim-label") == 0)
    /* The opacity of Adwaita's dim labels, and in high contrast */
    colors[0].alpha *= adw_style_manager_get_high_contrast (adw_style_manager_get_default ()) ? 0.9f : 0.55f;
}

static void
st_overview_cell_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  StOverviewCell *self = ST_OVERVIEW_CELL (widget);
  graphene_rect_t bounds;

  if (self->icon_name != NULL &&
      gtk_widget_compute_bounds (GTK_WIDGET (self->label), widget, &bounds))
    {
      GtkIconPaintable *icon = get_icon (self);
      GdkRGBA colors[4];
      int x, y;

      /* In the label's margin, on its start side */
      if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
        x = (int) (bounds.origin.x + bounds.size.width) + ICON_SPACING;
      else
        x = (int) bounds.origin.x - ICON_SIZE - ICON_SPACING;
      y = (int) (bounds.origin.y + (bounds.size.height - ICON_SIZE) / 2);

      get_icon_colors (self, colors);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                                ICON_SIZE, ICON_SIZE, colors, G_N_ELEMENTS (colors));
      gtk_snapshot_restore (snapshot);
    }

  GTK_WIDGET_CLASS (st_overview_cell_parent_class)->snapshot (widget, snapshot);
}

static void
st_overview_cell_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous)
{
  forget_icon (ST_OVERVIEW_CELL (widget));
  GTK_WIDGET_CLASS (st_overview_cell_parent_class)->direction_changed (widget, previous);
}

static void
st_overview_cell_system_setting_changed (GtkWidget        *widget,
                                         GtkSystemSetting  setting)
{
  if (setting == GTK_SYSTEM_SETTING_ICON_THEME)
    forget_icon (ST_OVERVIEW_CELL (widget));
  GTK_WIDGET_CLASS (st_overview_cell_parent_class)->system_setting_changed (widget, setting);
}

static void
st_overview_cell_finalize (GObject *object)
{
  StOverviewCell *self = (StOverviewCell *)object;

  g_clear_object (&self->icon);
  g_clear_pointer (&self->icon_name, g_free);
  g_clear_pointer (&self->icon_style, g_free);

  G_OBJECT_CLASS (st_overview_cell_parent_class)->finalize (object);
}

static void
st_overview_cell_class_init (StOverviewCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = st_overview_cell_finalize;
  widget_class->snapshot = st_overview_cell_snapshot;
  widget_class->direction_changed = st_overview_cell_direction_changed;
  widget_class->system_setting_changed = st_overview_cell_system_setting_changed;
}

static void
st_overview_cell_init (StOverviewCell *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self), "overview-cell");

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "caption");
  gtk_button_set_child (GTK_BUTTON (self), GTK_WIDGET (self->label));

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed), NULL);
}

GtkWidget *
st_overview_cell_new (void)
{
  return g_object_new (ST_TYPE_OVERVIEW_CELL, NULL);
}

const char *
st_overview_cell_get_text (StOverviewCell *self)
{
  g_return_val_if_fail (ST_IS_OVERVIEW_CELL (self), NULL);
  return gtk_label_get_label (self->label);
}

void
st_overview_cell_set_text (StOverviewCell *self,
                           const char     *text)
{
  g_return_if_fail (ST_IS_OVERVIEW_CELL (self));

  if (g_strcmp0 (gtk_label_get_label (self->label), text) != 0)
    gtk_label_set_label (self->label, text);
}

const char *
st_overview_cell_get_icon_name (StOverviewCell *self)
{
  g_return_val_if_fail (ST_IS_OVERVIEW_CELL (self), NULL);
  return self->icon_name;
}

const char *
st_overview_cell_get_icon_style (StOverviewCell *self)
{
  g_return_val_if_fail (ST_IS_OVERVIEW_CELL (self), NULL);
  return self->icon_style;
}

void
st_overview_cell_set_icon (StOverviewCell *self,
                           const char     *icon_name,
                           const char     *style)
{
  g_return_if_fail (ST_IS_OVERVIEW_CELL (self));

  if (g_strcmp0 (self->icon_style, style) != 0)
    {
      g_free (self->icon_style);
      self->icon_style = g_strdup (style);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (g_strcmp0 (self->icon_name, icon_name) == 0)
    return;
  g_free (self->icon_name);
  self->icon_name = g_strdup (icon_name);
  forget_icon (self);
  /* The icon goes where the label leaves room for it */
  gtk_widget_set_margin_start (GTK_WIDGET (self->label), icon_name != NULL ? ICON_SIZE + ICON_SPACING : 0);
}
