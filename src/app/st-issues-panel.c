/* st-issues-panel.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-filter-choices.h"
#include "st-issues-panel.h"

struct _StIssuesPanel
{
  AdwBin              parent_instance;

  GtkLabel           *summary_label;
  GtkDropDown        *severity_dropdown;
  GtkDropDown        *respondent_dropdown;
  GtkDropDown        *item_dropdown;
  GtkStack           *stack;
  GtkListView        *list_view;

  StIssues           *issues;
  GtkCustomFilter    *filter;
  GtkFilterListModel *shown;
  GtkSelectionModel  *selection;      /* the list's, given to it when first shown */
  StFilterChoices    *choices;          /* the department and action drop-downs */
};

G_DEFINE_FINAL_TYPE (StIssuesPanel, st_issues_panel, ADW_TYPE_BIN)

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
severity_word (StSeverity severity)
{
  switch (severity)
    {
    case ST_SEVERITY_ERROR:
      return _("Error");
    case ST_SEVERITY_WARNING:
      return _("Warning");
    case ST_SEVERITY_INFO:
    default:
      /* Translators: a finding that is neither an error nor a warning */
      return _("Note");
    }
}

static const char *
severity_icon (StSeverity severity)
{
  switch (severity)
    {
    case ST_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case ST_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case ST_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  StIssuesPanel *self = user_data;
  StFinding *finding = item;
  guint severity = gtk_drop_down_get_selected (self->severity_dropdown);
  const char *respondent_id = st_filter_choices_get_respondent (self->choices);
  const char *item_id = st_filter_choices_get_item (self->choices);

  /* 0 is every severity; then errors, warnings, notes */
  if (severity > 0 && severity != GTK_INVALID_LIST_POSITION &&
      st_finding_get_severity (finding) != (StSeverity) (severity - 1))
    return FALSE;
  if (respondent_id != NULL && g_strcmp0 (st_finding_get_respondent_id (finding), respondent_id) != 0)
    return FALSE;
  if (item_id != NULL && g_strcmp0 (st_finding_get_item_id (finding), item_id) != 0)
    return FALSE;
  return TRUE;
}

static void
update_summary (StIssuesPanel *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *errors_text = NULL;
  g_autofree char *warnings_text = NULL;
  g_autofree char *notes_text = NULL;
  guint errors = 0, warnings = 0, notes = 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  if (self->issues != NULL)
    st_issues_count_all (self->issues, &errors, &warnings, &notes);
  errors_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
  warnings_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings), warnings);
  notes_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", notes), notes);
  /* Translators: "3 errors, 12 warnings, 0 notes; 15 shown" */
  summary = g_strdup_printf (_("%s, %s, %s; %u shown"), errors_text, warnings_text, notes_text, shown);
  gtk_label_set_label (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
}

static void
on_filter_changed (StIssuesPanel *self)
{
  /* The dropdowns speak up while the panel is being built */
  if (self->filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_summary (self);
}

static void
on_issues_changed (StIssuesPanel *self)
{
  update_summary (self);
}

static void
on_list_activate (StIssuesPanel *self,
                  guint          position)
{
  st_issues_panel_activate (self, position);
}

/* Rows */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           StIssuesPanel            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *message = gtk_label_new (NULL);
  GtkWidget *place = gtk_label_new (NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (place), 0);
  gtk_label_set_wrap (GTK_LABEL (place), TRUE);
  gtk_widget_add_css_class (place, "caption");
  gtk_widget_add_css_class (place, "dim-label");
  gtk_box_append (GTK_BOX (text), message);
  gtk_box_append (GTK_BOX (text), place);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_item_set_child (list_item, box);
  g_object_set_data (G_OBJECT (list_item), "icon", icon);
  g_object_set_data (G_OBJECT (list_item), "message", message);
  g_object_set_data (G_OBJECT (list_item), "place", place);
}

static char *
describe_place (StIssuesPanel *self,
                StFinding     *finding)
{
  StTemplate *template = st_report_get_template (st_issues_get_report (self->issues));
  const StRespondent *respondent = st_template_find_respondent (template, st_finding_get_respondent_id (finding));
  const StItem *item = st_template_find_item (template, st_finding_get_item_id (finding));
  const char *section_id = st_finding_get_section_id (finding);
  const StSection *section = section_id != NULL ? st_template_find_section (template, section_id) : NULL;
  const char *word = st_template_get_display_word (template, ST_WORD_ITEM);
  g_autoptr(GString) place = g_string_new (severity_word (st_finding_get_severity (finding)));

  if (respondent != NULL)
    g_string_append_printf (place, " · %s", respondent->name);
  if (item != NULL)
    {
      if (item->number > 0)
        g_string_append_printf (place, " · %s %u", word != NULL ? word : _("Action"), item->number);
      else
        g_string_append_printf (place, " · %s", item->title);
    }
  if (section != NULL)
    g_string_append_printf (place, " · %s", section->heading);
  return g_string_free (g_steal_pointer (&place), FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          StIssuesPanel            *self)
{
  StFinding *finding = gtk_list_item_get_item (list_item);
  GtkImage *icon = g_object_get_data (G_OBJECT (list_item), "icon");
  GtkLabel *message = g_object_get_data (G_OBJECT (list_item), "message");
  GtkLabel *place = g_object_get_data (G_OBJECT (list_item), "place");
  g_autofree char *place_text = describe_place (self, finding);

  gtk_image_set_from_icon_name (icon, severity_icon (st_finding_get_severity (finding)));
  /* The colour repeats what the first word of the line below says */
  gtk_widget_set_css_classes (GTK_WIDGET (icon),
                              (const char *[]) {
                                st_finding_get_severity (finding) == ST_SEVERITY_ERROR ? "error" :
                                st_finding_get_severity (finding) == ST_SEVERITY_WARNING ? "warning" : "accent",
                                NULL });
  gtk_label_set_label (message, st_finding_get_message (finding));
  gtk_label_set_label (place, place_text);
}

/* Filters' choices */

static void
st_issues_panel_dispose (GObject *object)
{
  StIssuesPanel *self = (StIssuesPanel *)object;

  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_data (self->issues, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->issues);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->choices, st_filter_choices_free);

  G_OBJECT_CLASS (st_issues_panel_parent_class)->dispose (object);
}

/* The list gets its rows when the panel is first shown: until then a
 * hidden page, it would still be measured beside the page that shows, a
 * label per finding, before the window's first frame */
static void
st_issues_panel_map (GtkWidget *widget)
{
  StIssuesPanel *self = ST_ISSUES_PANEL (widget);

  if (gtk_list_view_get_model (self->list_view) == NULL)
    gtk_list_view_set_model (self->list_view, self->selection);

  GTK_WIDGET_CLASS (st_issues_panel_parent_class)->map (widget);
}

static void
st_issues_panel_class_init (StIssuesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_issues_panel_dispose;
  widget_class->map = st_issues_panel_map;

  /**
   * StIssuesPanel::finding-activated:
   * @finding: the finding to show
   */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ST_TYPE_FINDING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-issues-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, StIssuesPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StIssuesPanel, severity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StIssuesPanel, respondent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StIssuesPanel, item_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StIssuesPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, StIssuesPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
}

static void
st_issues_panel_init (StIssuesPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  const char *severities[] = { _("All severities"), _("Errors"), _("Warnings"), _("Notes"), NULL };
  g_autoptr(GtkStringList) severity_list = gtk_string_list_new (severities);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->severity_dropdown, G_LIST_MODEL (severity_list));
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->shown = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown))));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  self->choices = st_filter_choices_new (self->respondent_dropdown, self->item_dropdown);
  update_summary (self);
}

GtkWidget *
st_issues_panel_new (void)
{
  return g_object_new (ST_TYPE_ISSUES_PANEL, NULL);
}

void
st_issues_panel_set_issues (StIssuesPanel *self,
                            StIssues      *issues)
{
  g_return_if_fail (ST_IS_ISSUES_PANEL (self));
  g_return_if_fail (issues == NULL || ST_IS_ISSUES (issues));

  if (self->issues == issues)
    return;
  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_data (self->issues, self);
  g_set_object (&self->issues, issues);
  if (issues != NULL)
    g_signal_connect_object (issues, "changed", G_CALLBACK (on_issues_changed), self, G_CONNECT_SWAPPED);

  gtk_filter_list_model_set_model (self->shown, issues != NULL ? st_issues_get_model (issues) : NULL);
  st_filter_choices_set_report (self->choices, issues != NULL ? st_issues_get_report (issues) : NULL);
  update_summary (self);
}

void
st_issues_panel_set_filter (StIssuesPanel *self,
                            int            severity,
                            const char    *respondent_id,
                            const char    *item_id)
{
  g_return_if_fail (ST_IS_ISSUES_PANEL (self));
  g_return_if_fail (severity >= -1 && severity <= ST_SEVERITY_INFO);

  gtk_drop_down_set_selected (self->severity_dropdown, severity + 1);
  st_filter_choices_select (self->choices, respondent_id, item_id);
}

GListModel *
st_issues_panel_get_shown (StIssuesPanel *self)
{
  g_return_val_if_fail (ST_IS_ISSUES_PANEL (self), NULL);
  return G_LIST_MODEL (self->shown);
}

void
st_issues_panel_activate (StIssuesPanel *self,
                          guint          position)
{
  g_autoptr(StFinding) finding = NULL;

  g_return_if_fail (ST_IS_ISSUES_PANEL (self));

  finding = g_list_model_get_item (G_LIST_MODEL (self->shown), position);
  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}

const char *
st_issues_panel_get_summary (StIssuesPanel *self)
{
  g_return_val_if_fail (ST_IS_ISSUES_PANEL (self), NULL);
  return gtk_label_get_label (self->summary_label);
}
