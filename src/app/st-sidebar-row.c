/* st-sidebar-row.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-font-metrics.h"
#include "st-sidebar-row.h"

/* Showing a submission far down the sidebar moves GTK 4.8's list view to
 * it, and the list binds the rows around it, up to two hundred, then
 * styles, measures and places each. A row was a tree expander holding
 * an indent or an expander icon, a box, an inscription and the state:
 * a row bound from a group to a submission made and unmade the
 * expander's icons, and every widget of every row was styled, measured
 * and placed again. This widget draws the indent, the expander arrow and
 * the title itself and measures them from the font alone, so binding a
 * row sets its words and redraws it; only the state is a widget of its
 * own, as it is in a smaller font. */

#define SPACING 6   /* between the title and the state */
#define PADDING 3   /* above and below */
#define MIN_CHARS 3 /* the title's least width, as an inscription's */

struct _StSidebarRow
{
  GtkWidget         parent_instance;

  GtkTreeListRow   *list_row;
  StSidebarNode    *node;
  GtkWidget        *status;
  PangoLayout      *title;
  GtkIconPaintable *arrow;
  char             *arrow_name;
  int               line_height;
  int               char_width;
  gulong            list_row_handler;
  gulong            node_handler;
  guint             indent;       /* levels, the arrow's included */
  int               expanded;     /* as told to accessibility: -1 none */
  guint             pressed_on_arrow : 1;
};

G_DEFINE_FINAL_TYPE (StSidebarRow, st_sidebar_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIST_ROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_metrics (StSidebarRow *self)
{
  int line_height, char_width;

  st_font_metrics_get (gtk_widget_get_pango_context (GTK_WIDGET (self)), &line_height, &char_width);
  if (self->line_height != line_height || self->char_width != char_width)
    {
      self->line_height = line_height;
      self->char_width = char_width;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

static gboolean
is_rtl (StSidebarRow *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

/* The sidebar's groups open, and only they: asking the tree instead
 * would have it try to make children for every submission bound */
static gboolean
is_expandable (StSidebarRow *self)
{
  return self->list_row != NULL && self->node != NULL && st_sidebar_node_is_group (self->node);
}

/* The arrow's box, from the row's left edge */
static int
arrow_x (StSidebarRow *self)
{
  int start = ((int) self->indent - 1) * ST_SIDEBAR_ROW_INDENT;

  return is_rtl (self) ? gtk_widget_get_width (GTK_WIDGET (self)) - start - ST_SIDEBAR_ROW_ICON_SIZE : start;
}

static gboolean
is_on_arrow (StSidebarRow *self,
             double        x)
{
  int start = arrow_x (self);

  /* The space after the arrow counts, as it does on a tree expander */
  if (is_rtl (self))
    start -= ST_SIDEBAR_ROW_INDENT - ST_SIDEBAR_ROW_ICON_SIZE;
  return is_expandable (self) && x >= start && x < start + ST_SIDEBAR_ROW_INDENT;
}

static void
forget_arrow (StSidebarRow *self)
{
  g_clear_object (&self->arrow);
  g_clear_pointer (&self->arrow_name, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GtkIconPaintable *
get_arrow (StSidebarRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  /* The icon theme gives the right-to-left arrow for the direction */
  const char *name = gtk_tree_list_row_get_expanded (self->list_row) ? "pan-down-symbolic" : "pan-end-symbolic";

  if (self->arrow == NULL || g_strcmp0 (self->arrow_name, name) != 0)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

      g_clear_object (&self->arrow);
      self->arrow = gtk_icon_theme_lookup_icon (theme, name, NULL, ST_SIDEBAR_ROW_ICON_SIZE,
                                                gtk_widget_get_scale_factor (widget),
                                                gtk_widget_get_direction (widget), 0);
      g_free (self->arrow_name);
      self->arrow_name = g_strdup (name);
    }
  return self->arrow;
}

/* Accessibility is told only what changed: a far jump binds many rows,
 * most of them from one submission to another at the same level */
static void
show_expanded (StSidebarRow *self)
{
  int expanded = is_expandable (self) ? gtk_tree_list_row_get_expanded (self->list_row) : -1;

  if (expanded == self->expanded)
    return;
  self->expanded = expanded;
  if (expanded >= 0)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
show_title (StSidebarRow *self)
{
  const char *title = st_sidebar_row_get_title (self);

  if (title == NULL)
    title = "";
  if (g_str_equal (pango_layout_get_text (self->title), title))
    return;
  pango_layout_set_text (self->title, title, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  /* The row's size does not depend on its words */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
show_status (StSidebarRow *self)
{
  StSidebarStatus *status = ST_SIDEBAR_STATUS (self->status);

  st_sidebar_status_set_icon_name (status, self->node != NULL ? st_sidebar_node_get_icon_name (self->node) : NULL);
  st_sidebar_status_set_text (status, self->node != NULL ? st_sidebar_node_get_short_text (self->node) : NULL);
}

static void
on_node_notify (StSidebarRow *self,
                GParamSpec   *pspec,
                GObject      *node)
{
  if (g_str_equal (pspec->name, "title"))
    show_title (self);
  else if (g_str_equal (pspec->name, "short-text") || g_str_equal (pspec->name, "icon-name"))
    show_status (self);
}

static void
on_list_row_notify (StSidebarRow   *self,
                    GParamSpec     *pspec,
                    GtkTreeListRow *list_row)
{
  if (g_str_equal (pspec->name, "expanded"))
    show_expanded (self);
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  StSidebarRow    *self)
{
  self->pressed_on_arrow = is_on_arrow (self, x);
  /* A press on the arrow opens or closes the group, and leaves the
   * selection as it is */
  if (self->pressed_on_arrow)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   StSidebarRow    *self)
{
  if (self->pressed_on_arrow && is_on_arrow (self, x))
    gtk_tree_list_row_set_expanded (self->list_row, !gtk_tree_list_row_get_expanded (self->list_row));
  self->pressed_on_arrow = FALSE;
}

static void
on_click_cancelled (GtkGestureClick  *gesture,
                    GdkEventSequence *sequence,
                    StSidebarRow     *self)
{
  self->pressed_on_arrow = FALSE;
}

/* Tooltips are made when asked for: setting a tooltip's text on a shown
 * widget asks the display where the pointer is, and a far jump binds
 * many rows. Over the state, the state in full; elsewhere the title,
 * which the row may have cut short. */
static gboolean
st_sidebar_row_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  StSidebarRow *self = ST_SIDEBAR_ROW (widget);
  graphene_rect_t status_bounds;
  const char *text;

  if (self->node == NULL)
    return FALSE;
  if (!keyboard_mode && gtk_widget_compute_bounds (self->status, widget, &status_bounds) &&
      graphene_rect_contains_point (&status_bounds, &GRAPHENE_POINT_INIT (x, y)))
    text = st_sidebar_node_get_status_text (self->node);
  else
    text = st_sidebar_node_get_title (self->node);
  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
st_sidebar_row_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  StSidebarRow *self = ST_SIDEBAR_ROW (widget);
  int status_minimum, status_natural;

  gtk_widget_measure (self->status, orientation, -1, &status_minimum, &status_natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int title = (int) self->indent * ST_SIDEBAR_ROW_INDENT + MIN_CHARS * self->char_width + SPACING;

      *minimum = title + status_minimum;
      *natural = title + status_natural;
    }
  else
    {
      *minimum = MAX (MAX (self->line_height, ST_SIDEBAR_ROW_ICON_SIZE), status_minimum) + 2 * PADDING;
      *natural = MAX (MAX (self->line_height, ST_SIDEBAR_ROW_ICON_SIZE), status_natural) + 2 * PADDING;
    }
}

static void
st_sidebar_row_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  StSidebarRow *self = ST_SIDEBAR_ROW (widget);
  int status_width, title_width;

  gtk_widget_measure (self->status, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &status_width, NULL, NULL);
  gtk_widget_size_allocate (self->status,
                            &(GtkAllocation) { is_rtl (self) ? 0 : width - status_width, PADDING,
                                               status_width, MAX (height - 2 * PADDING, 0) },
                            -1);
  title_width = MAX (width - st_sidebar_row_get_title_start (self) - SPACING - status_width, 0);
  pango_layout_set_width (self->title, title_width * PANGO_SCALE);
}

static void
st_sidebar_row_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  StSidebarRow *self = ST_SIDEBAR_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int title_width = pango_layout_get_width (self->title) / PANGO_SCALE;
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  if (is_expandable (self))
    {
      GdkRGBA colors[] = { color };

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (arrow_x (self), (height - ST_SIDEBAR_ROW_ICON_SIZE) / 2));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (get_arrow (self)), snapshot,
                                                ST_SIDEBAR_ROW_ICON_SIZE, ST_SIDEBAR_ROW_ICON_SIZE,
                                                colors, G_N_ELEMENTS (colors));
      gtk_snapshot_restore (snapshot);
    }

  if (title_width > 0 && *pango_layout_get_text (self->title) != '\0')
    {
      int start = st_sidebar_row_get_title_start (self);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (is_rtl (self) ? width - start - title_width : start,
                                                              (height - self->line_height) / 2));
      gtk_snapshot_append_layout (snapshot, self->title, &color);
      gtk_snapshot_restore (snapshot);
    }

  gtk_widget_snapshot_child (widget, self->status, snapshot);
}

/* A new font, from the theme or a change of state, measures the title
 * again; the row's state changes its colour only */
static void
st_sidebar_row_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (st_sidebar_row_parent_class)->css_changed (widget, change);
  update_metrics (ST_SIDEBAR_ROW (widget));
}

static void
st_sidebar_row_direction_changed (GtkWidget        *widget,
                                  GtkTextDirection  previous)
{
  StSidebarRow *self = ST_SIDEBAR_ROW (widget);

  GTK_WIDGET_CLASS (st_sidebar_row_parent_class)->direction_changed (widget, previous);
  pango_layout_set_alignment (self->title, is_rtl (self) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  forget_arrow (self);
  gtk_widget_queue_allocate (widget);
}

static void
st_sidebar_row_system_setting_changed (GtkWidget        *widget,
                                       GtkSystemSetting  setting)
{
  StSidebarRow *self = ST_SIDEBAR_ROW (widget);

  GTK_WIDGET_CLASS (st_sidebar_row_parent_class)->system_setting_changed (widget, setting);
  if (setting == GTK_SYSTEM_SETTING_ICON_THEME)
    {
      forget_arrow (self);
      return;
    }
  /* Resolution, font options or fonts: the kept metrics are out of date */
  st_font_metrics_forget_all ();
  pango_layout_context_changed (self->title);
  update_metrics (self);
  gtk_widget_queue_resize (widget);
}

static void
on_scale_factor_changed (StSidebarRow *self,
                         GParamSpec   *pspec)
{
  forget_arrow (self);
}

static void
st_sidebar_row_dispose (GObject *object)
{
  StSidebarRow *self = (StSidebarRow *)object;

  st_sidebar_row_set_list_row (self, NULL);
  g_clear_pointer (&self->status, gtk_widget_unparent);

  G_OBJECT_CLASS (st_sidebar_row_parent_class)->dispose (object);
}

static void
st_sidebar_row_finalize (GObject *object)
{
  StSidebarRow *self = (StSidebarRow *)object;

  g_clear_object (&self->title);
  g_clear_object (&self->arrow);
  g_clear_pointer (&self->arrow_name, g_free);

  G_OBJECT_CLASS (st_sidebar_row_parent_class)->finalize (object);
}

static void
st_sidebar_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StSidebarRow *self = ST_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_LIST_ROW:
      g_value_set_object (value, self->list_row);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_sidebar_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  StSidebarRow *self = ST_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_LIST_ROW:
      st_sidebar_row_set_list_row (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_sidebar_row_class_init (StSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_sidebar_row_dispose;
  object_class->finalize = st_sidebar_row_finalize;
  object_class->get_property = st_sidebar_row_get_property;
  object_class->set_property = st_sidebar_row_set_property;
  widget_class->measure = st_sidebar_row_measure;
  widget_class->size_allocate = st_sidebar_row_size_allocate;
  widget_class->snapshot = st_sidebar_row_snapshot;
  widget_class->css_changed = st_sidebar_row_css_changed;
  widget_class->direction_changed = st_sidebar_row_direction_changed;
  widget_class->system_setting_changed = st_sidebar_row_system_setting_changed;
  widget_class->query_tooltip = st_sidebar_row_query_tooltip;

  /**
   * StSidebarRow:list-row:
   *
   * The tree's row shown, or %NULL.
   */
  properties[PROP_LIST_ROW] =
    g_param_spec_object ("list-row", NULL, NULL, GTK_TYPE_TREE_LIST_ROW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sidebar-row");
  /* As GTK's tree expander: a group named by its title, with its level
   * and, for a group of submissions, whether it is open */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
st_sidebar_row_init (StSidebarRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click = gtk_gesture_click_new ();

  self->indent = 1;
  self->expanded = -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  self->title = gtk_widget_create_pango_layout (widget, NULL);
  /* One line, cut short at the end; the row's direction, not the
   * title's, says where it starts */
  pango_layout_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  pango_layout_set_auto_dir (self->title, FALSE);
  pango_layout_set_alignment (self->title, is_rtl (self) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);

  self->status = st_sidebar_status_new ();
  gtk_widget_set_parent (self->status, widget);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  g_signal_connect (click, "cancel", G_CALLBACK (on_click_cancelled), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed), NULL);
}

GtkWidget *
st_sidebar_row_new (void)
{
  return g_object_new (ST_TYPE_SIDEBAR_ROW, NULL);
}

GtkTreeListRow *
st_sidebar_row_get_list_row (StSidebarRow *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_ROW (self), NULL);
  return self->list_row;
}

void
st_sidebar_row_set_list_row (StSidebarRow   *self,
                             GtkTreeListRow *list_row)
{
  guint indent;

  g_return_if_fail (ST_IS_SIDEBAR_ROW (self));
  g_return_if_fail (list_row == NULL || GTK_IS_TREE_LIST_ROW (list_row));

  if (self->list_row == list_row)
    return;

  g_clear_signal_handler (&self->list_row_handler, self->list_row);
  g_clear_signal_handler (&self->node_handler, self->node);
  g_clear_object (&self->node);
  g_set_object (&self->list_row, list_row);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST_ROW]);
  /* Unbound, the row is not shown until it is bound again: what it
   * shows stays as it is, for the next row to change only what differs */
  if (list_row == NULL)
    return;

  {
    gpointer item = gtk_tree_list_row_get_item (list_row);

    if (ST_IS_SIDEBAR_NODE (item))
      self->node = item;
    else
      g_clear_object (&item);
  }
  self->list_row_handler = g_signal_connect_swapped (list_row, "notify", G_CALLBACK (on_list_row_notify), self);
  if (self->node != NULL)
    self->node_handler = g_signal_connect_swapped (self->node, "notify", G_CALLBACK (on_node_notify), self);

  /* A group's arrow takes the place of the indent before a submission's
   * title, so the titles of a level start together */
  indent = gtk_tree_list_row_get_depth (list_row) + 1;
  if (indent != self->indent)
    {
      self->indent = indent;
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LEVEL, (int) indent, -1);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  show_expanded (self);
  show_title (self);
  show_status (self);
}

StSidebarNode *
st_sidebar_row_get_node (StSidebarRow *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_ROW (self), NULL);
  return self->node;
}

const char *
st_sidebar_row_get_title (StSidebarRow *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_ROW (self), NULL);
  return self->node != NULL ? st_sidebar_node_get_title (self->node) : NULL;
}

StSidebarStatus *
st_sidebar_row_get_status (StSidebarRow *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_ROW (self), NULL);
  return ST_SIDEBAR_STATUS (self->status);
}

int
st_sidebar_row_get_title_start (StSidebarRow *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR_ROW (self), 0);
  return (int) self->indent * ST_SIDEBAR_ROW_INDENT;
}
