/* st-overview.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "st-issues.h"
#include "st-overview.h"
#include "st-overview-cell.h"
#include "st-overview-row.h"
#include "st-progress.h"

struct _StOverview
{
  AdwBin         parent_instance;

  GtkLabel      *title_label;
  GtkLabel      *summary_label;
  GtkScrolledWindow *names_scroller;
  GtkColumnView *names_view;    /* the departments, kept in view */
  GtkScrolledWindow *scroller;
  GtkColumnView *column_view;   /* the cells */

  StReport      *report;
  StIssues      *issues;
  GListStore    *rows;          /* of StOverviewRow */
  GHashTable    *by_respondent; /* respondent id → StOverviewRow */
  StOverviewRow *total_row;
  GHashTable    *counted;       /* "respondent\x1fitem" → what it adds to the totals */
  GHashTable    *buttons;       /* "respondent\x1fitem" → the cell's button, while bound */
  GPtrArray     *column_items;  /* the item id of each cell column; NULL for the totals */
  char          *scroll_target; /* the cell to scroll to, once laid out */
  char          *focus_key;     /* the cell last focused, for the focus to come back to */
  guint          scroll_source;
  char          *respondent_filter; /* the only respondent shown, or NULL */
  guint          totals_source; /* the totals to bring up to date, once */
  guint          columns_tick;  /* adds the columns still to come, once a frame is drawn */
  gboolean       columns_ticked;
  GdkFrameClock *frame_clock;   /* while realized with columns still to come */
  gulong         layout_handler;
};

G_DEFINE_FINAL_TYPE (StOverview, st_overview, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

enum {
  SUBMISSION_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Counts over a set of cells */
typedef struct {
  guint due;
  guint done;            /* complete or not applicable */
  guint not_applicable;
  guint missing;         /* sections without text */
} Tally;

static void
tally_add (Tally            *tally,
           const StProgress *progress)
{
  if (progress->state == ST_PROGRESS_NOT_DUE)
    return;
  tally->due++;
  if (progress->state == ST_PROGRESS_COMPLETE || progress->state == ST_PROGRESS_NOT_APPLICABLE)
    tally->done++;
  if (progress->state == ST_PROGRESS_NOT_APPLICABLE)
    tally->not_applicable++;
  else
    tally->missing += progress->n_sections - progress->n_filled;
}

static void
compute_tally (StOverview *self,
               const char *respondent_id,
               const char *item_id,
               Tally      *tally)
{
  StTemplate *template = st_report_get_template (self->report);

  memset (tally, 0, sizeof *tally);
  for (guint r = 0; r < st_template_get_n_respondents (template); r++)
    {
      const StRespondent *respondent = st_template_get_respondent (template, r);

      if (respondent_id != NULL && !g_str_equal (respondent->id, respondent_id))
        continue;
      if (self->respondent_filter != NULL && !g_str_equal (respondent->id, self->respondent_filter))
        continue;
      for (guint i = 0; i < st_template_get_n_items (template); i++)
        {
          const StItem *item = st_template_get_item (template, i);
          StProgress progress;

          if (item_id != NULL && !g_str_equal (item->id, item_id))
            continue;
          st_progress_compute (self->report, respondent, item, &progress);
          tally_add (tally, &progress);
        }
    }
}

static char *
describe_tally (const Tally *tally)
{
  if (tally->due == 0)
    return g_strdup (_("Not due"));
  /* Translators: submissions done of those due, as in "12/17 done" */
  return g_strdup_printf (_("%u/%u done"), tally->done, tally->due);
}

char *
st_overview_describe_cell (StOverview *self,
                           const char *respondent_id,
                           const char *item_id)
{
  StTemplate *template;
  Tally tally;

  g_return_val_if_fail (ST_IS_OVERVIEW (self), NULL);
  g_return_val_if_fail (self->report != NULL, NULL);

  template = st_report_get_template (self->report);
  if (respondent_id != NULL && item_id != NULL)
    {
      const StRespondent *respondent = st_template_find_respondent (template, respondent_id);
      const StItem *item = st_template_find_item (template, item_id);
      StProgress progress;

      g_return_val_if_fail (respondent != NULL && item != NULL, NULL);
      st_progress_compute (self->report, respondent, item, &progress);
      if (self->issues != NULL)
        {
          guint errors, warnings;

          st_issues_count_current (self->issues, respondent->id, item->id, &errors, &warnings, NULL);
          st_progress_set_issues (&progress, errors, warnings);
        }
      return st_progress_describe (&progress);
    }

  compute_tally (self, respondent_id, item_id, &tally);
  return describe_tally (&tally);
}

static char *
item_heading (StTemplate   *template,
              const StItem *item)
{
  const char *word = st_template_get_display_word (template, ST_WORD_ITEM);

  if (item->number == 0)
    return g_strdup (item->title);
  return g_strdup_printf ("%s %u", word != NULL ? word : _("Action"), item->number);
}

/* Cells */

static char *
cell_key (const char *respondent_id,
          const char *item_id)
{
  return g_strconcat (respondent_id, "\x1f", item_id, NULL);
}

typedef struct {
  GtkWidget *button;     /* a StOverviewCell */
  char      *tooltip;
  gulong     handler;
  StOverviewRow *row;
} Cell;

static void
cell_free (Cell *cell)
{
  g_free (cell->tooltip);
  g_free (cell);
}

/* Tooltips are made when asked for: setting a tooltip's text on a shown
 * widget asks the display where the pointer is, a round trip per cell */
static gboolean
on_cell_query_tooltip (GtkWidget  *button,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       Cell       *cell)
{
  if (cell->tooltip == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, cell->tooltip);
  return TRUE;
}

static void
on_cell_clicked (GtkButton  *button,
                 StOverview *self)
{
  const char *respondent_id = g_object_get_data (G_OBJECT (button), "respondent-id");
  const char *item_id = g_object_get_data (G_OBJECT (button), "item-id");

  if (respondent_id != NULL && item_id != NULL)
    g_signal_emit (self, signals[SUBMISSION_ACTIVATED], 0, respondent_id, item_id);
}

static void on_cell_focus_enter (GtkEventControllerFocus *controller,
                                 StOverview              *self);

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            StOverview               *self)
{
  Cell *cell = g_new0 (Cell, 1);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  cell->button = st_overview_cell_new ();
  g_signal_connect_object (cell->button, "clicked", G_CALLBACK (on_cell_clicked), self, 0);
  g_signal_connect_object (focus, "enter", G_CALLBACK (on_cell_focus_enter), self, 0);
  gtk_widget_add_controller (cell->button, focus);
  gtk_widget_set_has_tooltip (cell->button, TRUE);
  g_signal_connect (cell->button, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), cell);

  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, cell->button);
  g_object_set_data_full (G_OBJECT (list_item), "cell", cell, (GDestroyNotify) cell_free);
}

static void
update_cell (Cell       *cell,
             StOverview *self,
             const char *item_id)
{
  StTemplate *template = st_report_get_template (self->report);
  g_autofree char *text = NULL;
  g_autofree char *long_text = NULL;
  g_autofree char *accessible = NULL;
  const char *row_title = st_overview_row_get_title (cell->row);
  const char *respondent_id = st_overview_row_get_respondent_id (cell->row);
  g_autofree char *column_title = NULL;

  if (item_id != NULL)
    column_title = item_heading (template, st_template_find_item (template, item_id));
  else
    column_title = g_strdup (_("All"));

  if (respondent_id != NULL && item_id != NULL)
    {
      const StRespondent *respondent = st_template_find_respondent (template, respondent_id);
      const StItem *item = st_template_find_item (template, item_id);
      StProgress progress;

      st_progress_compute (self->report, respondent, item, &progress);
      if (self->issues != NULL)
        {
          guint errors, warnings;

          st_issues_count_current (self->issues, respondent->id, item->id, &errors, &warnings, NULL);
          st_progress_set_issues (&progress, errors, warnings);
        }
      text = st_progress_describe_review (&progress);
      long_text = st_progress_describe (&progress);
      st_overview_cell_set_icon (ST_OVERVIEW_CELL (cell->button), st_progress_get_icon_name (&progress),
                                 st_progress_get_style_class (&progress));
      gtk_widget_set_can_target (cell->button, TRUE);
      gtk_widget_set_focusable (cell->button, TRUE);
    }
  else
    {
      Tally tally;

      compute_tally (self, respondent_id, item_id, &tally);
      text = describe_tally (&tally);
      long_text = g_strdup (text);
      st_overview_cell_set_icon (ST_OVERVIEW_CELL (cell->button), NULL, NULL);
      /* Totals are to read, not to open */
      gtk_widget_set_can_target (cell->button, FALSE);
      gtk_widget_set_focusable (cell->button, FALSE);
    }

  st_overview_cell_set_text (ST_OVERVIEW_CELL (cell->button), text);
  /* Translators: department, action: state, as read out or in a tooltip */
  accessible = g_strdup_printf (_("%s, %s: %s"), row_title, column_title, long_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_free (cell->tooltip);
  cell->tooltip = g_steal_pointer (&accessible);

  g_object_set_data_full (G_OBJECT (cell->button), "respondent-id", g_strdup (respondent_id), g_free);
  g_object_set_data_full (G_OBJECT (cell->button), "item-id", g_strdup (item_id), g_free);
}

typedef struct {
  StOverview *self;
  char       *item_id;   /* NULL for the totals column */
} ColumnData;

static void
column_data_free (gpointer  user_data,
                  GClosure *closure)
{
  ColumnData *data = user_data;

  g_free (data->item_id);
  g_free (data);
}

static void
on_row_revision (StOverviewRow *row,
                 GParamSpec    *pspec,
                 GtkListItem   *list_item)
{
  Cell *cell = g_object_get_data (G_OBJECT (list_item), "cell");
  ColumnData *data = g_object_get_data (G_OBJECT (list_item), "column");

  update_cell (cell, data->self, data->item_id);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ColumnData               *data)
{
  Cell *cell = g_object_get_data (G_OBJECT (list_item), "cell");

  cell->row = gtk_list_item_get_item (list_item);
  g_object_set_data (G_OBJECT (list_item), "column", data);
  cell->handler = g_signal_connect (cell->row, "notify::revision", G_CALLBACK (on_row_revision), list_item);
  update_cell (cell, data->self, data->item_id);
  if (st_overview_row_get_respondent_id (cell->row) != NULL && data->item_id != NULL)
    g_hash_table_insert (data->self->buttons,
                         cell_key (st_overview_row_get_respondent_id (cell->row), data->item_id),
                         cell->button);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             ColumnData               *data)
{
  Cell *cell = g_object_get_data (G_OBJECT (list_item), "cell");

  if (data->self->buttons != NULL && st_overview_row_get_respondent_id (cell->row) != NULL && data->item_id != NULL)
    {
      g_autofree char *key = cell_key (st_overview_row_get_respondent_id (cell->row), data->item_id);

      if (g_hash_table_lookup (data->self->buttons, key) == cell->button)
        g_hash_table_remove (data->self->buttons, key);
    }
  g_clear_signal_handler (&cell->handler, cell->row);
  cell->row = NULL;
}

/* The keyboard: the arrows go from cell to cell, Home and End to the
 * row's ends, Ctrl+Home and Ctrl+End to the table's; Return or Space
 * opens the cell, as a click does */

/* Scrolls the least that shows all of the focused cell. Once laid out:
 * the rows' list scrolls to the focus as it lays itself out */
static gboolean
scroll_to_focus (gpointer user_data)
{
  StOverview *self = user_data;
  GtkWidget *button = g_hash_table_lookup (self->buttons, self->scroll_target);
  GtkWidget *cell, *list;
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_rect_t bounds;
  double width, height;

  self->scroll_source = 0;
  g_clear_pointer (&self->scroll_target, g_free);
  if (button == NULL || !gtk_widget_has_focus (button))
    return G_SOURCE_REMOVE;

  /* The cell round the button, with its padding; the list of rows, below
   * the table's header, as wide as the whole table */
  cell = gtk_widget_get_parent (button);
  for (list = cell; list != NULL && !GTK_IS_LIST_VIEW (list); list = gtk_widget_get_parent (list))
    ;
  if (list == NULL)
    return G_SOURCE_REMOVE;
  width = gtk_widget_get_width (GTK_WIDGET (self->scroller));
  height = gtk_widget_get_height (list);

  if (gtk_widget_compute_bounds (cell, GTK_WIDGET (self->scroller), &bounds))
    {
      if (bounds.origin.x < 0)
        gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_value (hadjustment) + bounds.origin.x);
      else if (bounds.origin.x + bounds.size.width > width)
        gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_value (hadjustment) +
                                  MIN (bounds.origin.x, bounds.origin.x + bounds.size.width - width));
    }
  if (gtk_widget_compute_bounds (cell, list, &bounds))
    {
      if (bounds.origin.y < 0)
        gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + bounds.origin.y);
      else if (bounds.origin.y + bounds.size.height > height)
        gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) +
                                  MIN (bounds.origin.y, bounds.origin.y + bounds.size.height - height));
    }
  return G_SOURCE_REMOVE;
}

/* The position of @respondent_id's row, or -1 */
static int
row_position (StOverview *self,
              const char *respondent_id)
{
  StOverviewRow *row = g_hash_table_lookup (self->by_respondent, respondent_id);
  guint position;

  if (row == NULL || !g_list_store_find (self->rows, row, &position))
    return -1;
  return (int) position;
}

static void add_columns (StOverview *self,
                         guint       n);

static gboolean
focus_cell (StOverview *self,
            int         row,
            int         column)
{
  StTemplate *template = st_report_get_template (self->report);
  g_autoptr(StOverviewRow) target = NULL;
  g_autofree char *key = NULL;
  GtkWidget *button;

  if (row < 0 || column < 0 || (guint) column >= st_template_get_n_items (template) ||
      (guint) row >= g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    return FALSE;
  /* The keyboard may go to a column not yet made */
  add_columns (self, G_MAXUINT);
  target = g_list_model_get_item (G_LIST_MODEL (self->rows), row);
  if (st_overview_row_is_total (target))
    return FALSE;
  key = cell_key (st_overview_row_get_respondent_id (target), st_template_get_item (template, column)->id);
  button = g_hash_table_lookup (self->buttons, key);
  /* and is scrolled into view as it takes the focus */
  return button != NULL && gtk_widget_grab_focus (button);
}

/* However the focus comes to a cell, by key, click or Tab, the cell is
 * scrolled into view, and the focus comes back to it later */
static void
on_cell_focus_enter (GtkEventControllerFocus *controller,
                     StOverview              *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  const char *respondent_id = g_object_get_data (G_OBJECT (button), "respondent-id");
  const char *item_id = g_object_get_data (G_OBJECT (button), "item-id");

  if (respondent_id == NULL || item_id == NULL)
    return;
  g_free (self->focus_key);
  self->focus_key = cell_key (respondent_id, item_id);
  g_free (self->scroll_target);
  self->scroll_target = g_strdup (self->focus_key);
  if (self->scroll_source == 0)
    self->scroll_source = g_idle_add (scroll_to_focus, self);
}

/* The position of the cell last focused, if it is still in the table */
static gboolean
focus_position (StOverview *self,
                int        *row,
                int        *column)
{
  StTemplate *template = st_report_get_template (self->report);
  const char *separator;
  g_autofree char *respondent_id = NULL;

  if (self->focus_key == NULL || (separator = strchr (self->focus_key, '\x1f')) == NULL)
    return FALSE;
  respondent_id = g_strndup (self->focus_key, separator - self->focus_key);
  *row = row_position (self, respondent_id);
  *column = -1;
  for (guint i = 0; i < st_template_get_n_items (template); i++)
    if (g_str_equal (st_template_get_item (template, i)->id, separator + 1))
      *column = (int) i;
  return *row >= 0 && *column >= 0;
}

gboolean
st_overview_restore_focus (StOverview *self)
{
  int row, column;

  g_return_val_if_fail (ST_IS_OVERVIEW (self), FALSE);

  if (self->report == NULL)
    return FALSE;
  if (focus_position (self, &row, &column) && focus_cell (self, row, column))
    return TRUE;
  return focus_cell (self, 0, 0);
}

static gboolean
on_key_pressed (StOverview            *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  StTemplate *template;
  const char *respondent_id;
  const char *item_id;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int row, column, last_row;

  if (self->report == NULL || focus == NULL || !gtk_widget_has_css_class (focus, "overview-cell") ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)))
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  respondent_id = g_object_get_data (G_OBJECT (focus), "respondent-id");
  item_id = g_object_get_data (G_OBJECT (focus), "item-id");
  if (respondent_id == NULL || item_id == NULL)
    return GDK_EVENT_PROPAGATE;
  template = st_report_get_template (self->report);
  row = row_position (self, respondent_id);
  column = -1;
  for (guint i = 0; i < st_template_get_n_items (template); i++)
    if (g_str_equal (st_template_get_item (template, i)->id, item_id))
      column = (int) i;
  if (row < 0 || column < 0)
    return GDK_EVENT_PROPAGATE;
  /* The last department's row: the totals' row comes after it */
  last_row = (int) g_list_model_get_n_items (G_LIST_MODEL (self->rows)) - 2;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (control)
        return GDK_EVENT_PROPAGATE;
      column += rtl ? 1 : -1;
      break;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (control)
        return GDK_EVENT_PROPAGATE;
      column += rtl ? -1 : 1;
      break;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (control)
        return GDK_EVENT_PROPAGATE;
      row--;
      break;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (control)
        return GDK_EVENT_PROPAGATE;
      row++;
      break;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      column = 0;
      if (control)
        row = 0;
      break;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      column = (int) st_template_get_n_items (template) - 1;
      if (control)
        row = last_row;
      break;

    default:
      return GDK_EVENT_PROPAGATE;
    }

  /* At the table's edge the focus stays where it is */
  if (row > last_row || !focus_cell (self, row, column))
    gtk_widget_error_bell (GTK_WIDGET (self));
  /* The window shows where the focus is once keys move it; these keys
   * stop here, before it sees them */
  if (GTK_IS_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))))
    gtk_window_set_focus_visible (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), TRUE);
  return GDK_EVENT_STOP;
}

/* The full name, for when it is cut short */
static gboolean
on_name_query_tooltip (GtkWidget  *label,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *name = gtk_label_get_label (GTK_LABEL (label));

  if (name == NULL || *name == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, name);
  return TRUE;
}

static void
setup_name (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            StOverview               *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_name_query_tooltip), NULL);
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_name (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           StOverview               *self)
{
  StOverviewRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_label (GTK_LABEL (label), st_overview_row_get_title (row));
  if (st_overview_row_is_total (row))
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

static void
add_column (StOverview *self,
            const char *title,
            const char *item_id,
            gboolean    name_column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  if (name_column)
    {
      g_signal_connect_object (factory, "setup", G_CALLBACK (setup_name), self, 0);
      g_signal_connect_object (factory, "bind", G_CALLBACK (bind_name), self, 0);
    }
  else
    {
      ColumnData *data = g_new0 (ColumnData, 1);

      data->self = self;
      data->item_id = g_strdup (item_id);
      g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cell), self, 0);
      g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell), data, column_data_free, 0);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), data);
      g_ptr_array_add (self->column_items, g_strdup (item_id));
    }

  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (name_column ? self->names_view : self->column_view, column);
}

static void
remove_columns_of (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
}

static void stop_watching_layout (StOverview *self);

static void
remove_columns (StOverview *self)
{
  remove_columns_of (self->names_view);
  remove_columns_of (self->column_view);
  g_ptr_array_set_size (self->column_items, 0);
  if (self->columns_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->columns_tick);
  self->columns_tick = 0;
  /* No columns are to come for the report that was shown */
  stop_watching_layout (self);
}

/* The cells' columns: one per action, then the totals */
static guint
n_columns_wanted (StOverview *self)
{
  if (self->report == NULL)
    return 0;
  return st_template_get_n_items (st_report_get_template (self->report)) + 1;
}

/* GtkColumnView makes a cell in every column of every row it shows, and
 * with the sample report most of the actions' columns are out of sight to
 * the right. So the table starts with a few columns; it adds as many more
 * as it has room for as it is laid out, in the same frame, and the rest
 * once that frame is drawn. Adds @n more columns at most */
static void
add_columns (StOverview *self,
             guint       n)
{
  StTemplate *template;
  guint n_items;

  if (self->report == NULL)
    return;
  template = st_report_get_template (self->report);
  n_items = st_template_get_n_items (template);
  for (guint next = self->column_items->len; n > 0 && next <= n_items; next = self->column_items->len, n--)
    {
      if (next < n_items)
        {
          const StItem *item = st_template_get_item (template, next);
          g_autofree char *title = item_heading (template, item);

          add_column (self, title, item->id, FALSE);
        }
      else
        {
          /* Translators: the column that totals each department's row */
          add_column (self, _("All"), NULL, FALSE);
        }
    }
}

static void watch_layout         (StOverview *self);

static gboolean
add_columns_after_frame (GtkWidget     *widget,
                         GdkFrameClock *clock,
                         gpointer       user_data)
{
  StOverview *self = ST_OVERVIEW (widget);

  /* The first tick comes before the first frame is laid out and drawn */
  if (!self->columns_ticked)
    {
      self->columns_ticked = TRUE;
      return G_SOURCE_CONTINUE;
    }
  self->columns_tick = 0;
  add_columns (self, G_MAXUINT);
  stop_watching_layout (self);
  return G_SOURCE_REMOVE;
}

#define FIRST_COLUMNS 4

/* Whether the columns and rows shown are the ones @template would have:
 * a new round or a file read again keeps its actions and departments,
 * and bringing the cells shown up to date is much quicker than making
 * them again */
static gboolean
same_shape (StOverview *self,
            StTemplate *template)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  GListModel *rows = G_LIST_MODEL (self->rows);
  g_autoptr(GtkColumnViewColumn) names = g_list_model_get_item (gtk_column_view_get_columns (self->names_view), 0);
  const char *respondents_word = st_template_get_display_word (template, ST_WORD_RESPONDENT);
  guint n_rows = 0;

  if (self->total_row == NULL || names == NULL ||
      self->column_items->len != st_template_get_n_items (template) + 1 ||
      g_strcmp0 (gtk_column_view_column_get_title (names),
                 respondents_word != NULL ? respondents_word : _("Department")) != 0)
    return FALSE;

  for (guint i = 0; i < st_template_get_n_items (template); i++)
    {
      const StItem *item = st_template_get_item (template, i);
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autofree char *title = item_heading (template, item);

      if (g_strcmp0 (g_ptr_array_index (self->column_items, i), item->id) != 0 ||
          g_strcmp0 (gtk_column_view_column_get_title (column), title) != 0)
        return FALSE;
    }

  for (guint r = 0; r < st_template_get_n_respondents (template); r++)
    {
      const StRespondent *respondent = st_template_get_respondent (template, r);
      g_autoptr(StOverviewRow) row = NULL;

      if (self->respondent_filter != NULL && !g_str_equal (respondent->id, self->respondent_filter))
        continue;
      if (n_rows + 1 >= g_list_model_get_n_items (rows))
        return FALSE;
      row = g_list_model_get_item (rows, n_rows++);
      if (g_strcmp0 (st_overview_row_get_respondent_id (row), respondent->id) != 0 ||
          g_strcmp0 (st_overview_row_get_title (row), respondent->name) != 0)
        return FALSE;
    }
  /* and the totals after them */
  return n_rows + 1 == g_list_model_get_n_items (rows);
}

static void
update_summary (StOverview *self)
{
  StTemplate *template = st_report_get_template (self->report);
  const StRound *round = st_template_get_round (template, st_report_get_round (self->report));
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  Tally tally;

  compute_tally (self, NULL, NULL, &tally);
  /* Translators: %s is a reporting round, such as "2014" */
  title = g_strdup_printf (_("Progress in the %s round"), round->title);
  gtk_label_set_label (self->title_label, title);

  {
    g_autofree char *done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u submission done",
                                                          "%u of %u submissions done", tally.due),
                                             tally.done, tally.due);
    g_autofree char *missing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section still to write",
                                                             "%u sections still to write", tally.missing),
                                                tally.missing);

    /* Translators: "12 of 272 submissions done (3 not applicable); 540
     * sections still to write" */
    summary = g_strdup_printf (_("%s (%u not applicable); %s"), done, tally.not_applicable, missing);
  }
  gtk_label_set_label (self->summary_label, summary);
}

static void
update_totals (StOverview *self)
{
  g_clear_handle_id (&self->totals_source, g_source_remove);
  if (self->total_row != NULL)
    st_overview_row_changed (self->total_row);
  update_summary (self);
}

static gboolean
update_totals_cb (gpointer data)
{
  StOverview *self = ST_OVERVIEW (data);

  self->totals_source = 0;
  update_totals (self);
  return G_SOURCE_REMOVE;
}

/* The totals go over every submission: when many submissions change at
 * once (a merged pack), they are counted again once, before the next
 * frame */
static void
queue_totals (StOverview *self)
{
  if (self->totals_source == 0)
    self->totals_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_totals_cb, self, NULL);
}

/* Whether what @submission adds to the totals changed since it was last
 * asked: most keystrokes change neither its state nor its count of
 * sections written, and the totals go over every submission */
static gboolean
totals_change (StOverview   *self,
               StSubmission *submission)
{
  StTemplate *template = st_report_get_template (self->report);
  const char *respondent_id = st_submission_get_respondent_id (submission);
  const char *item_id = st_submission_get_item_id (submission);
  const StRespondent *respondent = st_template_find_respondent (template, respondent_id);
  const StItem *item = st_template_find_item (template, item_id);
  g_autofree char *key = NULL;
  StProgress progress;
  Tally tally = { 0 };
  Tally *counted;

  if (respondent == NULL || item == NULL)
    return TRUE;
  st_progress_compute (self->report, respondent, item, &progress);
  tally_add (&tally, &progress);

  key = cell_key (respondent_id, item_id);
  counted = g_hash_table_lookup (self->counted, key);
  if (counted != NULL && memcmp (counted, &tally, sizeof tally) == 0)
    return FALSE;
  g_hash_table_insert (self->counted, g_steal_pointer (&key), g_memdup2 (&tally, sizeof tally));
  return TRUE;
}

static void
on_report_changed (StOverview   *self,
                   StSubmission *submission,
                   const char   *section_id,
                   StReport     *report)
{
  if (submission != NULL)
    {
      StOverviewRow *row = g_hash_table_lookup (self->by_respondent,
                                                st_submission_get_respondent_id (submission));

      if (row != NULL)
        st_overview_row_changed (row);
      if (totals_change (self, submission))
        queue_totals (self);
      return;
    }

  g_hash_table_remove_all (self->counted);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(StOverviewRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      st_overview_row_changed (row);
    }
  update_totals (self);
}

static void
on_issues_changed (StOverview *self,
                   const char *respondent_id,
                   const char *item_id,
                   StIssues   *issues)
{
  StOverviewRow *row = respondent_id != NULL ? g_hash_table_lookup (self->by_respondent, respondent_id) : NULL;

  if (row != NULL)
    {
      st_overview_row_changed (row);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(StOverviewRow) each = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      st_overview_row_changed (each);
    }
}

void
st_overview_set_issues (StOverview *self,
                        StIssues   *issues)
{
  g_return_if_fail (ST_IS_OVERVIEW (self));
  g_return_if_fail (issues == NULL || ST_IS_ISSUES (issues));

  if (self->issues == issues)
    return;
  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_data (self->issues, self);
  g_set_object (&self->issues, issues);
  if (issues != NULL)
    g_signal_connect_object (issues, "changed", G_CALLBACK (on_issues_changed), self, G_CONNECT_SWAPPED);
  on_issues_changed (self, NULL, NULL, issues);
}

static void
rebuild (StOverview *self)
{
  StTemplate *template;
  const char *respondents_word;

  if (self->report != NULL && same_shape (self, st_report_get_template (self->report)))
    {
      /* What the cells say is counted again from the report now shown */
      on_report_changed (self, NULL, NULL, self->report);
      return;
    }

  remove_columns (self);
  g_list_store_remove_all (self->rows);
  g_hash_table_remove_all (self->by_respondent);
  g_hash_table_remove_all (self->counted);
  g_clear_object (&self->total_row);

  if (self->report == NULL)
    return;

  template = st_report_get_template (self->report);
  respondents_word = st_template_get_display_word (template, ST_WORD_RESPONDENT);
  add_column (self, respondents_word != NULL ? respondents_word : _("Department"), NULL, TRUE);
  add_columns (self, FIRST_COLUMNS);
  if (self->column_items->len < n_columns_wanted (self))
    {
      self->columns_ticked = FALSE;
      self->columns_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), add_columns_after_frame, NULL, NULL);
      watch_layout (self);
    }

  for (guint r = 0; r < st_template_get_n_respondents (template); r++)
    {
      const StRespondent *respondent = st_template_get_respondent (template, r);
      g_autoptr(StOverviewRow) row = NULL;

      if (self->respondent_filter != NULL && !g_str_equal (respondent->id, self->respondent_filter))
        continue;
      row = st_overview_row_new (respondent->id, respondent->name);
      g_list_store_append (self->rows, row);
      g_hash_table_insert (self->by_respondent, g_strdup (respondent->id), row);
    }
  /* Translators: the row that totals each action's column */
  self->total_row = st_overview_row_new (NULL, _("All"));
  g_list_store_append (self->rows, self->total_row);

  update_summary (self);
}

static void
st_overview_dispose (GObject *object)
{
  StOverview *self = (StOverview *)object;

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  if (self->column_view != NULL)
    {
      gtk_column_view_set_model (self->names_view, NULL);
      gtk_column_view_set_model (self->column_view, NULL);
      remove_columns (self);
    }
  g_clear_object (&self->report);
  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_data (self->issues, self);
  g_clear_object (&self->issues);
  g_clear_object (&self->rows);
  g_clear_object (&self->total_row);
  g_clear_pointer (&self->by_respondent, g_hash_table_unref);
  g_clear_pointer (&self->counted, g_hash_table_unref);
  g_clear_pointer (&self->buttons, g_hash_table_unref);
  g_clear_pointer (&self->column_items, g_ptr_array_unref);
  stop_watching_layout (self);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_handle_id (&self->totals_source, g_source_remove);
  g_clear_pointer (&self->scroll_target, g_free);
  g_clear_pointer (&self->focus_key, g_free);
  g_clear_pointer (&self->respondent_filter, g_free);

  G_OBJECT_CLASS (st_overview_parent_class)->dispose (object);
}

static void
st_overview_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StOverview *self = ST_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_overview_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  StOverview *self = ST_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      st_overview_set_report (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Room to the right of the columns made so far, once the window is laid
 * out: as many more as fill it, at the width of those, and one more.
 * Adding them asks for a layout again, which the frame clock does before
 * it draws the frame */
static void
on_frame_layout (GdkFrameClock *clock,
                 StOverview    *self)
{
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  guint n_columns = self->column_items->len;
  double shown, room, each;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || n_columns == 0 || n_columns >= n_columns_wanted (self))
    return;
  shown = gtk_adjustment_get_upper (hadjustment);
  room = gtk_adjustment_get_value (hadjustment) + gtk_adjustment_get_page_size (hadjustment);
  if (shown > room)
    return;
  each = MAX (shown / n_columns, 1.0);
  add_columns (self, (guint) MIN ((room - shown) / each + 2, (double) G_MAXUINT));
}

static void
stop_watching_layout (StOverview *self)
{
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->layout_handler, self->frame_clock);
  g_clear_object (&self->frame_clock);
}

static void
watch_layout (StOverview *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  /* Runs after the window's own handler, connected when its surface was
   * made, which lays it out */
  if (self->frame_clock != NULL || clock == NULL || self->column_items->len >= n_columns_wanted (self))
    return;
  self->frame_clock = g_object_ref (clock);
  self->layout_handler = g_signal_connect (clock, "layout", G_CALLBACK (on_frame_layout), self);
  /* The overview is made and shown as the window is first laid out, once
   * the leaflet knows which of its panes fit: the layout goes round once
   * more for the handler to see it */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
}

static void
st_overview_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (st_overview_parent_class)->realize (widget);
  watch_layout (ST_OVERVIEW (widget));
}

static void
st_overview_unrealize (GtkWidget *widget)
{
  stop_watching_layout (ST_OVERVIEW (widget));
  GTK_WIDGET_CLASS (st_overview_parent_class)->unrealize (widget);
}

/* While another page of the window is shown, the table stays hidden:
 * GTK 4.8 styles the pages of a stack that it does not show with the
 * rest of the window, which it restyles whenever the focus moves, and
 * the table has thousands of widgets */
static void
st_overview_map (GtkWidget *widget)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL)
    gtk_widget_set_visible (child, TRUE);
  GTK_WIDGET_CLASS (st_overview_parent_class)->map (widget);
}

static void
st_overview_unmap (GtkWidget *widget)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  GTK_WIDGET_CLASS (st_overview_parent_class)->unmap (widget);
  if (child != NULL)
    gtk_widget_set_visible (child, FALSE);
}

/* The table of cells is one stop for Tab, as a grid is: Tab comes into
 * it at the cell last focused, and goes on out of it, back or forward,
 * not from cell to cell; the arrows go from cell to cell */
static gboolean
st_overview_focus (GtkWidget        *widget,
                   GtkDirectionType  direction)
{
  StOverview *self = ST_OVERVIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (gtk_widget_get_mapped (widget) && (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD))
    {
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)))
        return FALSE;
      if (st_overview_restore_focus (self))
        return TRUE;
    }
  return GTK_WIDGET_CLASS (st_overview_parent_class)->focus (widget, direction);
}

static void
st_overview_class_init (StOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_overview_dispose;
  object_class->get_property = st_overview_get_property;
  object_class->set_property = st_overview_set_property;
  widget_class->realize = st_overview_realize;
  widget_class->unrealize = st_overview_unrealize;
  widget_class->map = st_overview_map;
  widget_class->unmap = st_overview_unmap;
  widget_class->focus = st_overview_focus;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, ST_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StOverview::submission-activated:
   * @respondent_id: the department
   * @item_id: the action
   *
   * The user opened a cell.
   */
  signals[SUBMISSION_ACTIVATED] =
    g_signal_new ("submission-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, StOverview, title_label);
  gtk_widget_class_bind_template_child (widget_class, StOverview, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StOverview, names_scroller);
  gtk_widget_class_bind_template_child (widget_class, StOverview, names_view);
  gtk_widget_class_bind_template_child (widget_class, StOverview, scroller);
  gtk_widget_class_bind_template_child (widget_class, StOverview, column_view);
}

static void
st_overview_init (StOverview *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (ST_TYPE_OVERVIEW_ROW);
  self->by_respondent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->counted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->column_items = g_ptr_array_new_with_free_func (g_free);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->names_view, GTK_SELECTION_MODEL (selection));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  /* Both tables scroll up and down together; each sets its own bounds */
  g_object_bind_property (gtk_scrolled_window_get_vadjustment (self->scroller), "value",
                          gtk_scrolled_window_get_vadjustment (self->names_scroller), "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), controller);
}

GtkWidget *
st_overview_new (void)
{
  return g_object_new (ST_TYPE_OVERVIEW, NULL);
}

StReport *
st_overview_get_report (StOverview *self)
{
  g_return_val_if_fail (ST_IS_OVERVIEW (self), NULL);
  return self->report;
}

void
st_overview_set_report (StOverview *self,
                        StReport   *report)
{
  g_return_if_fail (ST_IS_OVERVIEW (self));
  g_return_if_fail (report == NULL || ST_IS_REPORT (report));

  if (self->report == report)
    return;
  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  g_set_object (&self->report, report);
  if (report != NULL)
    g_signal_connect_object (report, "changed", G_CALLBACK (on_report_changed), self, G_CONNECT_SWAPPED);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

const char *
st_overview_get_respondent_filter (StOverview *self)
{
  g_return_val_if_fail (ST_IS_OVERVIEW (self), NULL);
  return self->respondent_filter;
}

void
st_overview_set_respondent_filter (StOverview *self,
                                   const char *respondent_id)
{
  g_return_if_fail (ST_IS_OVERVIEW (self));

  if (g_strcmp0 (self->respondent_filter, respondent_id) == 0)
    return;
  g_free (self->respondent_filter);
  self->respondent_filter = g_strdup (respondent_id);
  rebuild (self);
}

GListModel *
st_overview_get_rows (StOverview *self)
{
  g_return_val_if_fail (ST_IS_OVERVIEW (self), NULL);
  return G_LIST_MODEL (self->rows);
}

const char *
st_overview_get_summary (StOverview *self)
{
  g_return_val_if_fail (ST_IS_OVERVIEW (self), NULL);
  /* Counted now if a change is still to be counted */
  if (self->totals_source != 0)
    update_totals (self);
  return gtk_label_get_label (self->summary_label);
}
