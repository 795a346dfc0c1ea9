/* st-sidebar-status.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "st-sidebar-status.h"

/* A far jump in the sidebar binds some fifty rows to other submissions,
 * and each is measured and drawn in the next frame. A row's state was a
 * box holding an image and a label, so every row bound looked its icon up
 * again and shaped its words to measure them, though a sidebar shows only
 * a handful of different states. This widget draws the icon and the words
 * itself, and the words' layouts are kept for every row to share, so
 * binding a row to a state shown before measures and draws it without
 * Pango laying anything out. */

#define ICON_SIZE 16
#define ICON_SPACING 4
/* Many more than the states a sidebar shows; past that all are dropped */
#define MAX_KEPT 256

struct _StSidebarStatus
{
  GtkWidget             parent_instance;

  char                 *text;
  char                 *icon_name;
  GHashTable           *icons;    /* icon name → GtkIconPaintable */
  char                 *font;     /* the style's, as a string */
  PangoLayout          *layout;   /* the text's, from kept_layouts */
};

/* "font \x1f direction \x1f text" → PangoLayout. A layout made in one row's
 * Pango context draws the same in another's with the same font: they
 * differ only when the display's font settings change, which drops them
 * all. */
static GHashTable *kept_layouts;

G_DEFINE_FINAL_TYPE (StSidebarStatus, st_sidebar_status, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
forget_layout (StSidebarStatus *self)
{
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
forget_icons (StSidebarStatus *self)
{
  g_hash_table_remove_all (self->icons);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static PangoLayout *
get_layout (StSidebarStatus *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *text = self->text != NULL ? self->text : "";
  g_autofree char *key = NULL;
  PangoLayout *layout;

  if (self->layout != NULL)
    return self->layout;

  if (kept_layouts == NULL)
    kept_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  key = g_strdup_printf ("%s\x1f%d\x1f%s", self->font != NULL ? self->font : "",
                         gtk_widget_get_direction (widget), text);
  layout = g_hash_table_lookup (kept_layouts, key);
  if (layout == NULL)
    {
      if (g_hash_table_size (kept_layouts) >= MAX_KEPT)
        g_hash_table_remove_all (kept_layouts);
      layout = gtk_widget_create_pango_layout (widget, text);
      g_hash_table_insert (kept_layouts, g_steal_pointer (&key), layout);
    }
  self->layout = g_object_ref (layout);
  return layout;
}

static GtkIconPaintable *
get_icon (StSidebarStatus *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkIconPaintable *icon = g_hash_table_lookup (self->icons, self->icon_name);

  if (icon == NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

      if (g_hash_table_size (self->icons) >= MAX_KEPT)
        g_hash_table_remove_all (self->icons);
      icon = gtk_icon_theme_lookup_icon (theme, self->icon_name, NULL, ICON_SIZE,
                                         gtk_widget_get_scale_factor (widget),
                                         gtk_widget_get_direction (widget), 0);
      g_hash_table_insert (self->icons, g_strdup (self->icon_name), icon);
    }
  return icon;
}

static gboolean
has_text (StSidebarStatus *self)
{
  return self->text != NULL && *self->text != '\0';
}

static void
st_sidebar_status_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  StSidebarStatus *self = ST_SIDEBAR_STATUS (widget);
  int text_width, text_height;
  int icon = self->icon_name != NULL ? ICON_SIZE : 0;

  /* An empty text still takes a line's height, as a label's does */
  pango_layout_get_pixel_size (get_layout (self), &text_width, &text_height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = icon + (icon > 0 && has_text (self) ? ICON_SPACING : 0) + text_width;
  else
    *minimum = MAX (icon, text_height);
  *natural = *minimum;
}

static void
st_sidebar_status_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  StSidebarStatus *self = ST_SIDEBAR_STATUS (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int start = 0;
  GdkRGBA color;

  gtk_style_context_get_color (context, &color);

  /* The icon first in reading order, in the text's colour as an image's
   * symbolic icon is, the words after it */
  if (self->icon_name != NULL)
    {
      GdkRGBA colors[4] = { color, color, color, color };
      const char *names[] = { NULL, "error_color", "warning_color", "success_color" };

      for (guint i = 1; i < G_N_ELEMENTS (names); i++)
        gtk_style_context_lookup_color (context, names[i], &colors[i]);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rtl ? width - ICON_SIZE : 0,
                                                              (height - ICON_SIZE) / 2));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (get_icon (self)), snapshot,
                                                ICON_SIZE, ICON_SIZE, colors, G_N_ELEMENTS (colors));
      gtk_snapshot_restore (snapshot);
      start = ICON_SIZE + ICON_SPACING;
    }

  if (has_text (self))
    {
      PangoLayout *layout = get_layout (self);
      int text_width, text_height;

      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      /* Dimmed as Adwaita's dim-label is, and in high contrast */
      color.alpha *= adw_style_manager_get_high_contrast (adw_style_manager_get_default ()) ? 0.9f : 0.55f;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rtl ? width - start - text_width : start,
                                                              (height - text_height) / 2));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
    }
}

/* The layout is in the font the style gives; a change of state restyles
 * the widget as well, but leaves the font as it was */
static void
st_sidebar_status_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  StSidebarStatus *self = ST_SIDEBAR_STATUS (widget);
  const PangoFontDescription *font;
  g_autofree char *name = NULL;

  GTK_WIDGET_CLASS (st_sidebar_status_parent_class)->css_changed (widget, change);

  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  name = font != NULL ? pango_font_description_to_string (font) : g_strdup ("");
  if (g_strcmp0 (self->font, name) != 0)
    {
      g_free (self->font);
      self->font = g_steal_pointer (&name);
      forget_layout (self);
    }
}

static void
st_sidebar_status_direction_changed (GtkWidget        *widget,
                                     GtkTextDirection  previous)
{
  StSidebarStatus *self = ST_SIDEBAR_STATUS (widget);

  forget_layout (self);
  forget_icons (self);
  GTK_WIDGET_CLASS (st_sidebar_status_parent_class)->direction_changed (widget, previous);
}

static void
st_sidebar_status_system_setting_changed (GtkWidget        *widget,
                                          GtkSystemSetting  setting)
{
  StSidebarStatus *self = ST_SIDEBAR_STATUS (widget);

  GTK_WIDGET_CLASS (st_sidebar_status_parent_class)->system_setting_changed (widget, setting);
  if (setting == GTK_SYSTEM_SETTING_ICON_THEME)
    {
      forget_icons (self);
      return;
    }
  /* Resolution, font options or fonts: every layout kept is out of date */
  if (kept_layouts != NULL)
    g_hash_table_remove_all (kept_layouts);
  forget_layout (self);
}

static void
on_scale_factor_changed (StSidebarStatus *self,
                         GParamSpec      *pspec)
{
  forget_icons (self);
}

static void
st_sidebar_status_finalize (GObject *object)
{
  StSidebarStatus *self = (StSidebarStatus *)object;

  g_clear_object (&self->layout);
  g_clear_pointer (&self->icons, g_hash_table_unref);
  g_clear_pointer (&self->font, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->icon_name, g_free);

  G_OBJECT_CLASS (st_sidebar_status_parent_class)->finalize (object);
}

static void
st_sidebar_status_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StSidebarStatus *self = ST_SIDEBAR_STATUS (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_sidebar_status_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StSidebarStatus *self = ST_SIDEBAR_STATUS (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      st_sidebar_status_set_text (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      st_sidebar_status_set_icon_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_sidebar_status_class_init (StSidebarStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = st_sidebar_status_finalize;
  object_class->get_property = st_sidebar_status_get_property;
  object_class->set_property = st_sidebar_status_set_property;
  widget_class->measure = st_sidebar_status_measure;
  widget_class->snapshot = st_sidebar_status_snapshot;
  widget_class->css_changed = st_sidebar_status_css_changed;
  widget_class->direction_changed = st_sidebar_status_direction_changed;
  widget_class->system_setting_changed = st_sidebar_status_system_setting_changed;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sidebar-status");
  /* The words are read out; the icon only repeats them */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
st_sidebar_status_init (StSidebarStatus *self)
{
  self->icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  /* The words in the font of a caption */
  gtk_widget_add_css_class (GTK_WIDGET (self), "caption");
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed), NULL);
}

GtkWidget *
st_sidebar_status_new (void)
{
  return g_object_new (ST_TYPE_SIDEBAR_STATUS, NULL);
}

const char *
st_sidebar_status_get_text (StSidebarStatus *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_STATUS (self), NULL);
  return self->text;
}

void
st_sidebar_status_set_text (StSidebarStatus *self,
                            const char      *text)
{
  int width_before, width_after;

  g_return_if_fail (ST_IS_SIDEBAR_STATUS (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  pango_layout_get_pixel_size (get_layout (self), &width_before, NULL);
  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_object (&self->layout);
  pango_layout_get_pixel_size (get_layout (self), &width_after, NULL);
  /* Words as wide as the ones before need only drawing */
  if (width_after != width_before)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
st_sidebar_status_get_icon_name (StSidebarStatus *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_STATUS (self), NULL);
  return self->icon_name;
}

void
st_sidebar_status_set_icon_name (StSidebarStatus *self,
                                 const char      *icon_name)
{
  gboolean had_icon;

  g_return_if_fail (ST_IS_SIDEBAR_STATUS (self));

  if (g_strcmp0 (self->icon_name, icon_name) == 0)
    return;

  had_icon = self->icon_name != NULL;
  g_free (self->icon_name);
  self->icon_name = g_strdup (icon_name);
  /* Every icon is as big as another */
  if (had_icon != (icon_name != NULL))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}
