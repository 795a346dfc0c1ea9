/* st-sidebar.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "st-issues.h"
#include "st-progress.h"
#include "st-sidebar.h"
#include "st-sidebar-node.h"
#include "st-sidebar-row.h"

struct _StSidebar
{
  AdwBin              parent_instance;

  GtkSearchEntry     *search_entry;
  GtkToggleButton    *by_action_button;
  GtkToggleButton    *by_department_button;
  GtkStack           *stack;
  GtkListView        *list_view;

  StReport           *report;
  StIssues           *issues;
  char               *mode;
  char               *respondent_filter; /* the only respondent shown, or NULL */
  GListStore         *groups;          /* of StSidebarNode, for the mode */
  GHashTable         *leaves;          /* "respondent\x1fitem" → StSidebarNode (in groups) */
  char              **needles;         /* case-folded search words, or NULL */
  GtkCustomFilter    *group_filter;
  GtkCustomFilter    *leaf_filter;
  GtkFilterListModel *filtered_groups;
  GtkSingleSelection *selection;
  gboolean            selecting;
};

G_DEFINE_FINAL_TYPE (StSidebar, st_sidebar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_MODE,
  N_PROPS
};

enum {
  SUBMISSION_SELECTED,
  SUBMISSION_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
make_key (const char *respondent_id,
          const char *item_id)
{
  return g_strconcat (respondent_id, "\x1f", item_id, NULL);
}

static gboolean
is_by_department (StSidebar *self)
{
  return g_strcmp0 (self->mode, ST_SIDEBAR_MODE_BY_DEPARTMENT) == 0;
}

static gboolean
respondent_shown (StSidebar          *self,
                  const StRespondent *respondent)
{
  return self->respondent_filter == NULL || g_str_equal (respondent->id, self->respondent_filter);
}

/* Every search word in the group's text or the leaf's own */
static gboolean
leaf_matches (StSidebar     *self,
              StSidebarNode *leaf)
{
  StSidebarNode *parent = st_sidebar_node_get_parent (leaf);

  if (self->needles == NULL)
    return TRUE;
  for (guint i = 0; self->needles[i] != NULL; i++)
    if (!st_sidebar_node_matches (leaf, self->needles[i]) &&
        !st_sidebar_node_matches (parent, self->needles[i]))
      return FALSE;
  return TRUE;
}

static gboolean
group_filter_func (gpointer item,
                   gpointer user_data)
{
  StSidebar *self = user_data;
  GListModel *children = st_sidebar_node_get_children (item);
  guint n = g_list_model_get_n_items (children);

  if (self->needles == NULL)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StSidebarNode) leaf = g_list_model_get_item (children, i);

      if (leaf_matches (self, leaf))
        return TRUE;
    }
  return FALSE;
}

static gboolean
leaf_filter_func (gpointer item,
                  gpointer user_data)
{
  return leaf_matches (user_data, item);
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  StSidebar *self = user_data;
  GListModel *children;

  if (!st_sidebar_node_is_group (item))
    return NULL;
  children = st_sidebar_node_get_children (item);
  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (children),
                                                  GTK_FILTER (g_object_ref (self->leaf_filter))));
}

static void
update_leaf (StSidebar     *self,
             StSidebarNode *leaf)
{
  StTemplate *template = st_report_get_template (self->report);
  const StRespondent *respondent;
  const StItem *item;
  g_autofree char *text = NULL;
  g_autofree char *short_text = NULL;
  StProgress progress;

  respondent = st_template_find_respondent (template, st_sidebar_node_get_respondent_id (leaf));
  item = st_template_find_item (template, st_sidebar_node_get_item_id (leaf));
  st_progress_compute (self->report, respondent, item, &progress);
  if (self->issues != NULL)
    {
      guint errors, warnings;

      st_issues_count_current (self->issues, respondent->id, item->id, &errors, &warnings, NULL);
      st_progress_set_issues (&progress, errors, warnings);
    }
  text = st_progress_describe (&progress);
  short_text = st_progress_describe_short (&progress);
  /* The icon and the words say the state; the rows are not coloured,
   * as changing a style class when a row is bound restyles it */
  st_sidebar_node_set_state (leaf, text, short_text, st_progress_get_icon_name (&progress));
}

/* A group says how many of its submissions are done */
static void
update_group (StSidebar     *self,
              StSidebarNode *group)
{
  GListModel *children = st_sidebar_node_get_children (group);
  guint n = g_list_model_get_n_items (children);
  guint done = 0, due = 0, returned = 0;
  g_autofree char *text = NULL;
  g_autofree char *short_text = NULL;
  StTemplate *template = st_report_get_template (self->report);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StSidebarNode) leaf = g_list_model_get_item (children, i);
      const StRespondent *respondent;
      const StItem *item;
      StProgress progress;

      respondent = st_template_find_respondent (template, st_sidebar_node_get_respondent_id (leaf));
      item = st_template_find_item (template, st_sidebar_node_get_item_id (leaf));
      st_progress_compute (self->report, respondent, item, &progress);
      if (progress.state == ST_PROGRESS_NOT_DUE)
        continue;
      due++;
      if (progress.state == ST_PROGRESS_COMPLETE || progress.state == ST_PROGRESS_NOT_APPLICABLE)
        done++;
      if (progress.status == ST_STATUS_RETURNED)
        returned++;
    }

  if (due == 0)
    {
      st_sidebar_node_set_state (group, _("Not due in this round"), _("Not due"), "content-loading-symbolic");
      return;
    }

  /* Translators: submissions that are complete or not applicable, of those due */
  text = g_strdup_printf (_("%u of %u done"), done, due);
  short_text = g_strdup_printf ("%u/%u", done, due);
  /* Written, but sent back: no tick while a return waits on a department */
  if (returned > 0)
    {
      g_autofree char *counted = g_steal_pointer (&text);

      /* Translators: "3 of 4 done; 1 returned" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u returned", "%s; %u returned", returned),
                              counted, returned);
      st_sidebar_node_set_state (group, text, short_text, "mail-replied-symbolic");
      return;
    }
  st_sidebar_node_set_state (group, text, short_text,
                             done == due ? "emblem-ok-symbolic" : "document-edit-symbolic");
}

static char *
respondent_search_text (const StRespondent *respondent)
{
  g_autofree char *variants = g_strjoinv (" ", respondent->variants);

  return g_strdup_printf ("%s %s %s", respondent->name, respondent->abbreviation, variants);
}

static char *
item_title (StTemplate   *template,
            const StItem *item)
{
  const char *pattern = st_template_get_layout (template, ST_LAYOUT_ITEM_TITLE);

  if (pattern == NULL)
    return g_strdup (item->title);
  return st_template_expand (template, pattern, item, NULL, NULL);
}

static char *
item_search_text (StTemplate   *template,
                  const StItem *item)
{
  g_autofree char *title = item_title (template, item);

  /* The number is matched apart: see st_sidebar_node_matches() */
  return g_strdup_printf ("%s %s %s", title, item->title, item->statement);
}

/* The template names its items and respondents: actions and departments,
 * or recommendations */
static void
update_mode_buttons (StSidebar *self)
{
  StTemplate *template = st_report_get_template (self->report);
  const char *items = st_template_get_display_word (template, ST_WORD_ITEMS);
  const char *respondents = st_template_get_display_word (template, ST_WORD_RESPONDENTS);
  g_autofree char *items_tip = NULL;
  g_autofree char *respondents_tip = NULL;

  if (items == NULL)
    items = _("Actions");
  if (respondents == NULL)
    respondents = _("Departments");
  gtk_button_set_label (GTK_BUTTON (self->by_action_button), items);
  gtk_button_set_label (GTK_BUTTON (self->by_department_button), respondents);
  /* Translators: a tooltip; %s is "Actions" or "Departments" */
  items_tip = g_strdup_printf (_("List by %s"), items);
  respondents_tip = g_strdup_printf (_("List by %s"), respondents);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->by_action_button), items_tip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->by_department_button), respondents_tip);
}

static void
rebuild (StSidebar *self)
{
  StTemplate *template;
  guint n_items, n_respondents;

  g_list_store_remove_all (self->groups);
  g_hash_table_remove_all (self->leaves);

  if (self->report == NULL)
    return;

  template = st_report_get_template (self->report);
  n_items = st_template_get_n_items (template);
  n_respondents = st_template_get_n_respondents (template);
  update_mode_buttons (self);

  if (is_by_department (self))
    {
      for (guint r = 0; r < n_respondents; r++)
        {
          const StRespondent *respondent = st_template_get_respondent (template, r);
          g_autofree char *search = NULL;
          g_autoptr(StSidebarNode) group = NULL;

          if (!respondent_shown (self, respondent))
            continue;
          search = respondent_search_text (respondent);
          group = st_sidebar_node_new_group (respondent->id, NULL, respondent->name, search);

          for (guint i = 0; i < n_items; i++)
            {
              const StItem *item = st_template_get_item (template, i);
              g_autofree char *title = item_title (template, item);
              g_autofree char *item_search = item_search_text (template, item);
              StSidebarNode *leaf = st_sidebar_node_new_leaf (group, respondent->id, item->id,
                                                              title, item_search);

              st_sidebar_node_set_number (leaf, item->number);

              g_hash_table_insert (self->leaves, make_key (respondent->id, item->id), leaf);
              update_leaf (self, leaf);
            }
          update_group (self, group);
          g_list_store_append (self->groups, group);
        }
    }
  else
    {
      for (guint i = 0; i < n_items; i++)
        {
          const StItem *item = st_template_get_item (template, i);
          g_autofree char *title = item_title (template, item);
          g_autofree char *item_search = item_search_text (template, item);
          g_autoptr(StSidebarNode) group = st_sidebar_node_new_group (NULL, item->id, title, item_search);

          st_sidebar_node_set_number (group, item->number);

          for (guint r = 0; r < n_respondents; r++)
            {
              const StRespondent *respondent = st_template_get_respondent (template, r);
              g_autofree char *search = NULL;
              StSidebarNode *leaf;

              if (!respondent_shown (self, respondent))
                continue;
              search = respondent_search_text (respondent);
              leaf = st_sidebar_node_new_leaf (group, respondent->id, item->id, respondent->name, search);

              g_hash_table_insert (self->leaves, make_key (respondent->id, item->id), leaf);
              update_leaf (self, leaf);
            }
          update_group (self, group);
          g_list_store_append (self->groups, group);
        }
    }
}

static StSidebarNode *
selected_node (StSidebar *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row == NULL)
    return NULL;
  return gtk_tree_list_row_get_item (row);  /* transfer full */
}

static void
on_selection_changed (StSidebar *self)
{
  g_autoptr(StSidebarNode) node = selected_node (self);

  if (node == NULL || st_sidebar_node_is_group (node))
    return;
  g_signal_emit (self, signals[SUBMISSION_SELECTED], 0,
                 st_sidebar_node_get_respondent_id (node),
                 st_sidebar_node_get_item_id (node));
}

/* A new tree: needed when the search starts or ends, as only new rows
 * follow autoexpand */
static void
reset_tree (StSidebar *self)
{
  GtkTreeListModel *tree;

  tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered_groups)),
                                  FALSE,
                                  self->needles != NULL,
                                  create_children, self, NULL);
  g_signal_handlers_block_by_func (self->selection, on_selection_changed, self);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_handlers_unblock_by_func (self->selection, on_selection_changed, self);
  g_object_unref (tree);
}

static void
update_empty (StSidebar *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered_groups)) == 0 &&
                   self->needles != NULL;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static const char *
group_id (StSidebar     *self,
          StSidebarNode *group)
{
  return is_by_department (self) ? st_sidebar_node_get_respondent_id (group)
                                 : st_sidebar_node_get_item_id (group);
}

/* Goes straight to the submission's group and to the submission in it,
 * rather than through every row of the tree */
static gboolean
select_leaf (StSidebar  *self,
             const char *respondent_id,
             const char *item_id)
{
  GtkTreeListModel *tree = GTK_TREE_LIST_MODEL (gtk_single_selection_get_model (self->selection));
  GListModel *groups = G_LIST_MODEL (self->filtered_groups);
  const char *wanted = is_by_department (self) ? respondent_id : item_id;
  g_autoptr(GtkTreeListRow) group_row = NULL;
  GListModel *children;
  guint n_groups = g_list_model_get_n_items (groups);

  for (guint i = 0; i < n_groups && group_row == NULL; i++)
    {
      g_autoptr(StSidebarNode) group = g_list_model_get_item (groups, i);

      if (g_strcmp0 (group_id (self, group), wanted) == 0)
        group_row = gtk_tree_list_model_get_child_row (tree, i);
    }
  if (group_row == NULL)
    return FALSE;

  /* Expanding adds the children right after the group's row */
  gtk_tree_list_row_set_expanded (group_row, TRUE);
  children = gtk_tree_list_row_get_children (group_row);
  for (guint i = 0; children != NULL && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(StSidebarNode) leaf = g_list_model_get_item (children, i);
      g_autoptr(GtkTreeListRow) row = NULL;
      guint position;

      if (g_strcmp0 (st_sidebar_node_get_respondent_id (leaf), respondent_id) != 0 ||
          g_strcmp0 (st_sidebar_node_get_item_id (leaf), item_id) != 0)
        continue;

      row = gtk_tree_list_row_get_child_row (group_row, i);
      position = gtk_tree_list_row_get_position (row);
      gtk_single_selection_set_selected (self->selection, position);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
      return TRUE;
    }
  return FALSE;
}

static void
set_needles (StSidebar  *self,
             const char *text)
{
  g_autofree char *folded = NULL;
  char **words = NULL;
  gboolean had = self->needles != NULL;

  folded = g_utf8_casefold (text != NULL ? text : "", -1);
  g_strstrip (folded);
  if (*folded != '\0')
    words = g_strsplit_set (folded, " \t", -1);

  /* Drop the empty words two spaces make */
  if (words != NULL)
    {
      guint j = 0;

      for (guint i = 0; words[i] != NULL; i++)
        {
          if (*words[i] == '\0')
            g_free (words[i]);
          else
            words[j++] = words[i];
        }
      words[j] = NULL;
    }

  /* The same words again (the entry's own signal after the search was set
   * straight away, or a space added): the rows, and the row the focus is
   * on, stay as they are */
  if ((words == NULL && self->needles == NULL) ||
      (words != NULL && self->needles != NULL && g_strv_equal ((const char * const *) words,
                                                               (const char * const *) self->needles)))
    {
      g_strfreev (words);
      return;
    }
  g_clear_pointer (&self->needles, g_strfreev);
  self->needles = words;

  gtk_filter_changed (GTK_FILTER (self->leaf_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->group_filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (had || self->needles != NULL)
    {
      const char *respondent_id = NULL, *item_id = NULL;
      g_autofree char *keep_respondent = NULL;
      g_autofree char *keep_item = NULL;
      gboolean kept = FALSE;

      if (st_sidebar_get_selected (self, &respondent_id, &item_id))
        {
          keep_respondent = g_strdup (respondent_id);
          keep_item = g_strdup (item_id);
        }
      reset_tree (self);
      if (keep_respondent != NULL)
        {
          self->selecting = TRUE;
          g_signal_handlers_block_by_func (self->selection, on_selection_changed, self);
          kept = select_leaf (self, keep_respondent, keep_item);
          g_signal_handlers_unblock_by_func (self->selection, on_selection_changed, self);
          self->selecting = FALSE;
        }
      /* The new rows from the top, the first group's own row included,
       * unless the chosen submission is among them: the list scrolled
       * to it */
      if (!kept && g_list_model_get_n_items (gtk_single_selection_get_model (self->selection)) > 0)
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
    }
  update_empty (self);
}

static void
on_search_changed (StSidebar *self)
{
  set_needles (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_stop_search (StSidebar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* The position of the first submission's row the list shows */
static gboolean
find_first_match (StSidebar *self,
                  guint     *position)
{
  GListModel *model = gtk_single_selection_get_model (self->selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(StSidebarNode) node = gtk_tree_list_row_get_item (row);

      if (!st_sidebar_node_is_group (node))
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Enter in the search opens the first match */
static void
on_search_activate (StSidebar *self)
{
  guint position;

  if (find_first_match (self, &position))
    gtk_single_selection_set_selected (self->selection, position);
}

/* The tree's row shown by @item, one of the list view's own children */
static GtkTreeListRow *
list_row_of (GtkWidget *item)
{
  GtkWidget *row = gtk_widget_get_first_child (item);

  return ST_IS_SIDEBAR_ROW (row) ? st_sidebar_row_get_list_row (ST_SIDEBAR_ROW (row)) : NULL;
}

/* Scrolls to the row at @position and focuses it. GTK 4.8's list view
 * has no call to focus one of its items: focus the row's widget, which the
 * list then keeps as its focused item. */
static gboolean
focus_row (StSidebar *self,
           guint      position)
{
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTreeListRow *row = list_row_of (child);

      if (row != NULL && gtk_tree_list_row_get_position (row) == position)
        return gtk_widget_grab_focus (child);
    }
  return FALSE;
}

/* Down in the search goes on to the first match, where Enter opens it
 * and the arrow keys move on through the others */
static gboolean
on_search_key_pressed (StSidebar             *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  guint position;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;
  if (!find_first_match (self, &position))
    return GDK_EVENT_PROPAGATE;

  if (!focus_row (self, position))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return GDK_EVENT_STOP;
}

/* The tree's row the focus is on, or NULL */
static GtkTreeListRow *
focused_row (StSidebar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *child = focus;
       child != NULL && child != GTK_WIDGET (self->list_view);
       child = gtk_widget_get_parent (child))
    {
      if (gtk_widget_get_parent (child) == GTK_WIDGET (self->list_view))
        return list_row_of (child);
    }
  return NULL;
}

/* As in other trees: Right or plus opens a group, or goes on to its first
 * row when it is open; Left or minus closes it, or goes from a row up to
 * its group's */
static gboolean
on_list_key_pressed (StSidebar             *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GtkTreeListRow *row;
  gboolean open, close;
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if ((state & gtk_accelerator_get_default_mod_mask () & ~GDK_SHIFT_MASK) != 0)
    return GDK_EVENT_PROPAGATE;
  open = keyval == GDK_KEY_plus || keyval == GDK_KEY_KP_Add ||
         ((keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right) && !rtl) ||
         ((keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left) && rtl);
  close = keyval == GDK_KEY_minus || keyval == GDK_KEY_KP_Subtract ||
          ((keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left) && !rtl) ||
          ((keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right) && rtl);
  if (!open && !close)
    return GDK_EVENT_PROPAGATE;
  row = focused_row (self);
  if (row == NULL)
    return GDK_EVENT_PROPAGATE;

  if (gtk_tree_list_row_is_expandable (row))
    {
      gboolean expanded = gtk_tree_list_row_get_expanded (row);

      if (open && expanded)
        focus_row (self, gtk_tree_list_row_get_position (row) + 1);
      else if (open != expanded)
        gtk_tree_list_row_set_expanded (row, open);
      return GDK_EVENT_STOP;
    }
  if (close)
    {
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

      if (parent != NULL)
        focus_row (self, gtk_tree_list_row_get_position (parent));
    }
  return GDK_EVENT_STOP;
}

static void
on_list_activate (StSidebar *self,
                  guint      position)
{
  GListModel *model = gtk_single_selection_get_model (self->selection);
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, position);
  g_autoptr(StSidebarNode) node = NULL;

  if (row == NULL)
    return;
  if (gtk_tree_list_row_is_expandable (row))
    {
      gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
      return;
    }
  /* Enter on a submission: on to its form */
  node = gtk_tree_list_row_get_item (row);
  g_signal_emit (self, signals[SUBMISSION_ACTIVATED], 0,
                 st_sidebar_node_get_respondent_id (node),
                 st_sidebar_node_get_item_id (node));
}

static void update_states (StSidebar  *self,
                           const char *respondent_id,
                           const char *item_id);

/* GTK 4.8's list view takes a Tab stop for every row. Here the list is one
 * stop: Tab leaves it, Shift+Tab goes back to what is above it, and the
 * arrow keys move in it. */
static gboolean
st_sidebar_focus (GtkWidget        *widget,
                  GtkDirectionType  direction)
{
  StSidebar *self = ST_SIDEBAR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    {
      if (direction == GTK_DIR_TAB_FORWARD)
        return FALSE;
      if (direction == GTK_DIR_TAB_BACKWARD)
        return gtk_widget_child_focus (gtk_widget_get_parent (GTK_WIDGET (self->by_action_button)),
                                       GTK_DIR_TAB_BACKWARD);
    }
  return GTK_WIDGET_CLASS (st_sidebar_parent_class)->focus (widget, direction);
}

static void
on_report_changed (StSidebar    *self,
                   StSubmission *submission,
                   const char   *section_id,
                   StReport     *report)
{
  if (submission != NULL)
    update_states (self, st_submission_get_respondent_id (submission), st_submission_get_item_id (submission));
  else
    update_states (self, NULL, NULL);
}

static void
on_issues_changed (StSidebar  *self,
                   const char *respondent_id,
                   const char *item_id,
                   StIssues   *issues)
{
  update_states (self, respondent_id, item_id);
}

/* One submission's row and its group, or every row */
static void
update_states (StSidebar  *self,
               const char *respondent_id,
               const char *item_id)
{
  if (self->report == NULL)
    return;

  if (respondent_id != NULL && item_id != NULL)
    {
      g_autofree char *key = make_key (respondent_id, item_id);
      StSidebarNode *leaf = g_hash_table_lookup (self->leaves, key);

      if (leaf != NULL)
        {
          update_leaf (self, leaf);
          update_group (self, st_sidebar_node_get_parent (leaf));
        }
      return;
    }

  /* The round or the set of submissions changed: refresh every state */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->groups)); i++)
    {
      g_autoptr(StSidebarNode) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);
      GListModel *children = st_sidebar_node_get_children (group);

      for (guint j = 0; j < g_list_model_get_n_items (children); j++)
        {
          g_autoptr(StSidebarNode) leaf = g_list_model_get_item (children, j);

          update_leaf (self, leaf);
        }
      update_group (self, group);
    }
}

static void
st_sidebar_dispose (GObject *object)
{
  StSidebar *self = (StSidebar *)object;

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  g_clear_object (&self->report);
  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_data (self->issues, self);
  g_clear_object (&self->issues);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered_groups);
  g_clear_object (&self->group_filter);
  g_clear_object (&self->leaf_filter);
  g_clear_object (&self->groups);

  G_OBJECT_CLASS (st_sidebar_parent_class)->dispose (object);
}

static void
st_sidebar_finalize (GObject *object)
{
  StSidebar *self = (StSidebar *)object;

  g_clear_pointer (&self->leaves, g_hash_table_unref);
  g_clear_pointer (&self->needles, g_strfreev);
  g_clear_pointer (&self->mode, g_free);
  g_clear_pointer (&self->respondent_filter, g_free);

  G_OBJECT_CLASS (st_sidebar_parent_class)->finalize (object);
}

static void
st_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  StSidebar *self = ST_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    case PROP_MODE:
      g_value_set_string (value, self->mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  StSidebar *self = ST_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      st_sidebar_set_report (self, g_value_get_object (value));
      break;

    case PROP_MODE:
      st_sidebar_set_mode (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_sidebar_class_init (StSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_sidebar_dispose;
  object_class->finalize = st_sidebar_finalize;
  object_class->get_property = st_sidebar_get_property;
  object_class->set_property = st_sidebar_set_property;
  widget_class->focus = st_sidebar_focus;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, ST_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, ST_SIDEBAR_MODE_BY_ACTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StSidebar::submission-selected:
   * @respondent_id: the department
   * @item_id: the action
   *
   * The user chose a submission, or st_sidebar_select() selected one.
   */
  signals[SUBMISSION_SELECTED] =
    g_signal_new ("submission-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * StSidebar::submission-activated:
   * @respondent_id: the department
   * @item_id: the action
   *
   * The user pressed Enter on (or double-clicked) a submission's row, to
   * go on to its form.
   */
  signals[SUBMISSION_ACTIVATED] =
    g_signal_new ("submission-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, StSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StSidebar, by_action_button);
  gtk_widget_class_bind_template_child (widget_class, StSidebar, by_department_button);
  gtk_widget_class_bind_template_child (widget_class, StSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, StSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_list_key_pressed);

  g_type_ensure (ST_TYPE_SIDEBAR_NODE);
  g_type_ensure (ST_TYPE_SIDEBAR_ROW);
}

/* A row draws its title and state itself: a far jump binds many rows,
 * and binding one sets its words rather than styling, measuring and
 * placing a handful of widgets (see st-sidebar-row.c) */
static void
on_row_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              StSidebar                *self)
{
  gtk_list_item_set_child (list_item, st_sidebar_row_new ());
}

static void
on_row_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             StSidebar                *self)
{
  st_sidebar_row_set_list_row (ST_SIDEBAR_ROW (gtk_list_item_get_child (list_item)),
                               gtk_list_item_get_item (list_item));
}

static void
on_row_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               StSidebar                *self)
{
  st_sidebar_row_set_list_row (ST_SIDEBAR_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
st_sidebar_init (StSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->mode = g_strdup (ST_SIDEBAR_MODE_BY_ACTION);
  self->groups = g_list_store_new (ST_TYPE_SIDEBAR_NODE);
  self->leaves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->group_filter = gtk_custom_filter_new (group_filter_func, self, NULL);
  self->leaf_filter = gtk_custom_filter_new (leaf_filter_func, self, NULL);
  self->filtered_groups = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->groups)),
                                                     GTK_FILTER (g_object_ref (self->group_filter)));
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (on_selection_changed), self);
  reset_tree (self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_row_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_row_unbind), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

GtkWidget *
st_sidebar_new (void)
{
  return g_object_new (ST_TYPE_SIDEBAR, NULL);
}

StReport *
st_sidebar_get_report (StSidebar *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR (self), NULL);
  return self->report;
}

void
st_sidebar_set_report (StSidebar *self,
                       StReport  *report)
{
  g_return_if_fail (ST_IS_SIDEBAR (self));
  g_return_if_fail (report == NULL || ST_IS_REPORT (report));

  if (self->report == report)
    return;

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  g_set_object (&self->report, report);
  if (report != NULL)
    g_signal_connect_object (report, "changed", G_CALLBACK (on_report_changed), self, G_CONNECT_SWAPPED);

  rebuild (self);
  reset_tree (self);
  update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

void
st_sidebar_set_issues (StSidebar *self,
                       StIssues  *issues)
{
  g_return_if_fail (ST_IS_SIDEBAR (self));
  g_return_if_fail (issues == NULL || ST_IS_ISSUES (issues));

  if (self->issues == issues)
    return;
  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_data (self->issues, self);
  g_set_object (&self->issues, issues);
  if (issues != NULL)
    g_signal_connect_object (issues, "changed", G_CALLBACK (on_issues_changed), self, G_CONNECT_SWAPPED);
  update_states (self, NULL, NULL);
}

const char *
st_sidebar_get_mode (StSidebar *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR (self), NULL);
  return self->mode;
}

void
st_sidebar_set_mode (StSidebar  *self,
                     const char *mode)
{
  const char *respondent_id = NULL, *item_id = NULL;
  g_autofree char *keep_respondent = NULL;
  g_autofree char *keep_item = NULL;

  g_return_if_fail (ST_IS_SIDEBAR (self));

  if (g_strcmp0 (mode, ST_SIDEBAR_MODE_BY_DEPARTMENT) != 0)
    mode = ST_SIDEBAR_MODE_BY_ACTION;
  if (g_strcmp0 (self->mode, mode) == 0)
    return;

  if (st_sidebar_get_selected (self, &respondent_id, &item_id))
    {
      keep_respondent = g_strdup (respondent_id);
      keep_item = g_strdup (item_id);
    }

  g_free (self->mode);
  self->mode = g_strdup (mode);
  rebuild (self);
  reset_tree (self);
  update_empty (self);

  /* The same submission stays selected, now under its other parent */
  if (keep_respondent != NULL)
    {
      g_signal_handlers_block_by_func (self->selection, on_selection_changed, self);
      select_leaf (self, keep_respondent, keep_item);
      g_signal_handlers_unblock_by_func (self->selection, on_selection_changed, self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

const char *
st_sidebar_get_respondent_filter (StSidebar *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR (self), NULL);
  return self->respondent_filter;
}

void
st_sidebar_set_respondent_filter (StSidebar  *self,
                                  const char *respondent_id)
{
  g_return_if_fail (ST_IS_SIDEBAR (self));

  if (g_strcmp0 (self->respondent_filter, respondent_id) == 0)
    return;
  g_free (self->respondent_filter);
  self->respondent_filter = g_strdup (respondent_id);
  rebuild (self);
  reset_tree (self);
  update_empty (self);
}

const char *
st_sidebar_get_search_text (StSidebar *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

void
st_sidebar_set_search_text (StSidebar  *self,
                            const char *text)
{
  g_return_if_fail (ST_IS_SIDEBAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Now, not after the entry's delay */
  set_needles (self, text);
}

void
st_sidebar_focus_search (StSidebar *self)
{
  g_return_if_fail (ST_IS_SIDEBAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkSingleSelection *
st_sidebar_get_selection (StSidebar *self)
{
  g_return_val_if_fail (ST_IS_SIDEBAR (self), NULL);
  return self->selection;
}

gboolean
st_sidebar_select (StSidebar  *self,
                   const char *respondent_id,
                   const char *item_id)
{
  g_autofree char *key = NULL;
  const char *current_respondent = NULL, *current_item = NULL;

  g_return_val_if_fail (ST_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (respondent_id != NULL && item_id != NULL, FALSE);

  key = make_key (respondent_id, item_id);
  if (!g_hash_table_contains (self->leaves, key))
    return FALSE;

  if (st_sidebar_get_selected (self, &current_respondent, &current_item) &&
      g_str_equal (current_respondent, respondent_id) &&
      g_str_equal (current_item, item_id))
    return TRUE;

  if (select_leaf (self, respondent_id, item_id))
    return TRUE;

  /* The search hides it */
  st_sidebar_set_search_text (self, NULL);
  return select_leaf (self, respondent_id, item_id);
}

void
st_sidebar_unselect (StSidebar *self)
{
  g_return_if_fail (ST_IS_SIDEBAR (self));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

gboolean
st_sidebar_get_selected (StSidebar   *self,
                         const char **respondent_id,
                         const char **item_id)
{
  g_autoptr(StSidebarNode) node = NULL;

  g_return_val_if_fail (ST_IS_SIDEBAR (self), FALSE);

  node = selected_node (self);
  if (node == NULL || st_sidebar_node_is_group (node))
    return FALSE;
  /* The strings belong to the node, which the tree keeps */
  if (respondent_id != NULL)
    *respondent_id = st_sidebar_node_get_respondent_id (node);
  if (item_id != NULL)
    *item_id = st_sidebar_node_get_item_id (node);
  return TRUE;
}

gboolean
st_sidebar_step (StSidebar *self,
                 int        step)
{
  const char *respondent_id = NULL, *item_id = NULL;
  g_autoptr(GPtrArray) order = NULL;
  GListModel *groups;
  int current = -1, next;

  g_return_val_if_fail (ST_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (step == 1 || step == -1, FALSE);

  /* Every submission in the order the sidebar lists them */
  order = g_ptr_array_new_with_free_func (g_object_unref);
  groups = G_LIST_MODEL (self->groups);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(StSidebarNode) group = g_list_model_get_item (groups, i);
      GListModel *children = st_sidebar_node_get_children (group);

      for (guint j = 0; j < g_list_model_get_n_items (children); j++)
        g_ptr_array_add (order, g_list_model_get_item (children, j));
    }
  if (order->len == 0)
    return FALSE;

  if (st_sidebar_get_selected (self, &respondent_id, &item_id))
    {
      for (guint i = 0; i < order->len; i++)
        {
          StSidebarNode *leaf = g_ptr_array_index (order, i);

          if (g_str_equal (st_sidebar_node_get_respondent_id (leaf), respondent_id) &&
              g_str_equal (st_sidebar_node_get_item_id (leaf), item_id))
            {
              current = i;
              break;
            }
        }
    }

  if (current < 0)
    next = step > 0 ? 0 : (int) order->len - 1;
  else
    next = current + step;
  if (next < 0 || next >= (int) order->len)
    return FALSE;

  return st_sidebar_select (self,
                            st_sidebar_node_get_respondent_id (g_ptr_array_index (order, next)),
                            st_sidebar_node_get_item_id (g_ptr_array_index (order, next)));
}
