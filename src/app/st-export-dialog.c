/* st-export-dialog.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "st-export-dialog.h"

struct _StExportDialog
{
  AdwMessageDialog  parent_instance;

  AdwComboRow      *view_row;
  AdwComboRow      *format_row;
  GtkCheckButton   *approved_check;
  GtkCheckButton   *everything_check;
  GtkLabel         *content_label;
  GtkWidget        *publish_list;
  GtkWidget        *publish_row;
  GtkSwitch        *publish_switch;

  GSettings        *settings;  /* remembers the last export's choices, or NULL */
  char             *report_name;  /* the report's file name, or NULL */
  GPtrArray        *views;     /* parallel to the view row's choices */
  guint             n_unapproved;  /* answered submissions not yet approved */
  guint             n_returns;     /* submissions with text or not applicable */
};

G_DEFINE_FINAL_TYPE (StExportDialog, st_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* In the order of StExportFormat */
static const char *
format_label (StExportFormat format)
{
  switch (format)
    {
    case ST_EXPORT_TEXT:
      return _("Plain text, as published");
    case ST_EXPORT_HTML:
      return _("HTML");
    case ST_EXPORT_MARKDOWN:
      return _("Markdown for GOV.UK’s publisher");
    case ST_EXPORT_ODT:
      return _("OpenDocument text (ODT)");
    case ST_EXPORT_PDF:
    default:
      return _("PDF, for print");
    }
}

/* Publishing is for the whole update, written for publication */
static gboolean
can_publish_now (StExportDialog *self)
{
  const char *view = st_export_dialog_get_view (self);

  return gtk_widget_get_visible (self->publish_list) &&
         !gtk_check_button_get_active (self->everything_check) &&
         (g_str_equal (view, "all") || g_str_equal (view, "site"));
}

static void
update_publish (StExportDialog *self)
{
  gtk_widget_set_sensitive (self->publish_row, can_publish_now (self));
}

/* Says what the choice of submissions means for this report */
static void
on_content_toggled (StExportDialog *self)
{
  g_autofree char *text = NULL;

  update_publish (self);

  if (self->n_unapproved == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->content_label), FALSE);
      return;
    }

  if (gtk_check_button_get_active (self->everything_check))
    /* Translators: the first %u is a count of submissions not approved,
     * the second the number of submissions with any text or a
     * not-applicable answer */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of the %u answered submissions is not approved yet: its text will be in the pages.",
                                         "%u of the %u answered submissions are not approved yet: their text will be in the pages.",
                                         self->n_unapproved),
                            self->n_unapproved, self->n_returns);
  else if (self->n_unapproved == self->n_returns)
    text = g_strdup (_("No answered submission is approved yet: the pages will have no department’s text."));
  else
    /* Translators: as above */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of the %u answered submissions is not approved yet and will be left out.",
                                         "%u of the %u answered submissions are not approved yet and will be left out.",
                                         self->n_unapproved),
                            self->n_unapproved, self->n_returns);

  gtk_label_set_label (self->content_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->content_label), TRUE);
}

/* Whether @view is of the kind the settings name: "all", "site",
 * "department" for "department:ID", "action" for "action:N" */
static gboolean
view_is_kind (const char *view,
              const char *kind)
{
  size_t length = strlen (kind);

  return strncmp (view, kind, length) == 0 && (view[length] == '\0' || view[length] == ':');
}

/* The last export's choices, where this report and form offer them */
static void
restore_choices (StExportDialog *self)
{
  g_autofree char *pages = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *content = NULL;
  StExportFormat format;

  if (self->settings == NULL)
    return;

  pages = g_settings_get_string (self->settings, "export-pages");
  for (guint i = 0; i < self->views->len; i++)
    {
      if (view_is_kind (g_ptr_array_index (self->views, i), pages))
        {
          adw_combo_row_set_selected (self->view_row, i);
          break;
        }
    }
  format_name = g_settings_get_string (self->settings, "export-format");
  if (st_export_format_from_string (format_name, &format))
    st_export_dialog_set_format (self, format);
  content = g_settings_get_string (self->settings, "export-content");
  st_export_dialog_set_content (self, g_str_equal (content, "everything") ? ST_VIEW_EVERYTHING
                                                                          : ST_VIEW_APPROVED_ONLY);
}

/* Remembered when the user exports, not when they look and cancel; marking
 * as published never is, so that it is always a choice made afresh */
static void
on_response (StExportDialog *self,
             const char     *response,
             gpointer        user_data)
{
  const char *view;
  const char *colon;
  g_autofree char *pages = NULL;

  if (self->settings == NULL || !g_str_equal (response, "export"))
    return;

  view = st_export_dialog_get_view (self);
  colon = strchr (view, ':');
  pages = colon != NULL ? g_strndup (view, colon - view) : g_strdup (view);
  g_settings_set_string (self->settings, "export-pages", pages);
  g_settings_set_string (self->settings, "export-format",
                         st_export_format_to_string (st_export_dialog_get_format (self)));
  g_settings_set_string (self->settings, "export-content",
                         st_export_dialog_get_content (self) == ST_VIEW_EVERYTHING ? "everything"
                                                                                   : "approved-only");
}

static void
st_export_dialog_finalize (GObject *object)
{
  StExportDialog *self = (StExportDialog *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->report_name, g_free);
  g_clear_pointer (&self->views, g_ptr_array_unref);

  G_OBJECT_CLASS (st_export_dialog_parent_class)->finalize (object);
}

static void
st_export_dialog_class_init (StExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = st_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, view_row);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, approved_check);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, everything_check);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, content_label);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, publish_list);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, publish_row);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, publish_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_content_toggled);
}

/* The choices, listed in full: the rows show the chosen one under their
 * title, where it can wrap, and the lists wrap too */
static void
on_choice_selected (GtkListItem *list_item,
                    GParamSpec  *pspec,
                    GtkWidget   *check)
{
  gtk_widget_set_opacity (check, gtk_list_item_get_selected (list_item) ? 1 : 0);
}

static void
setup_choice (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  g_signal_connect_object (list_item, "notify::selected", G_CALLBACK (on_choice_selected), check, 0);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_choice (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkStringObject *choice = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)), gtk_string_object_get_string (choice));
  on_choice_selected (list_item, NULL, gtk_widget_get_last_child (box));
}

static void
st_export_dialog_init (StExportDialog *self)
{
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) choices = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) choice_name = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (choices, "setup", G_CALLBACK (setup_choice), NULL);
  g_signal_connect (choices, "bind", G_CALLBACK (bind_choice), NULL);
  adw_combo_row_set_list_factory (self->view_row, choices);
  adw_combo_row_set_list_factory (self->format_row, choices);
  adw_combo_row_set_expression (self->view_row, choice_name);
  adw_combo_row_set_expression (self->format_row, choice_name);

  self->views = g_ptr_array_new_with_free_func (g_free);
  for (StExportFormat format = ST_EXPORT_TEXT; format <= ST_EXPORT_PDF; format++)
    gtk_string_list_append (formats, format_label (format));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  adw_combo_row_set_selected (self->format_row, ST_EXPORT_HTML);

  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}

GtkWidget *
st_export_dialog_new (GtkWindow  *parent,
                      StReport   *report,
                      GFile      *file,
                      GSettings  *settings,
                      const char *respondent_id,
                      const char *item_id)
{
  StExportDialog *self;
  g_autoptr(GtkStringList) views = gtk_string_list_new (NULL);
  StTemplate *template;
  const StRespondent *respondent;
  const StItem *item;

  g_return_val_if_fail (ST_IS_REPORT (report), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ST_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  template = st_report_get_template (report);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->report_name = file != NULL ? g_file_get_basename (file) : NULL;

  gtk_string_list_append (views, _("The whole document, with contents"));
  g_ptr_array_add (self->views, g_strdup ("all"));
  gtk_string_list_append (views, _("Every page, in a folder"));
  g_ptr_array_add (self->views, g_strdup ("site"));

  /* The pages of what is being edited */
  respondent = respondent_id != NULL ? st_template_find_respondent (template, respondent_id) : NULL;
  item = item_id != NULL ? st_template_find_item (template, item_id) : NULL;
  if (respondent != NULL)
    {
      /* Translators: %s is a department's name */
      g_autofree char *label = g_strdup_printf (_("The page of %s"), respondent->name);

      gtk_string_list_append (views, label);
      g_ptr_array_add (self->views, g_strdup_printf ("department:%s", respondent->id));
    }
  if (item != NULL && item->number > 0)
    {
      const char *word = st_template_get_display_word (template, ST_WORD_ITEM);
      /* Translators: "The page of Action 4" */
      g_autofree char *label = g_strdup_printf (_("The page of %s %u"), word != NULL ? word : _("Action"),
                                                item->number);

      gtk_string_list_append (views, label);
      g_ptr_array_add (self->views, g_strdup_printf ("action:%u", item->number));
    }
  adw_combo_row_set_model (self->view_row, G_LIST_MODEL (views));
  adw_combo_row_set_selected (self->view_row, 0);
  restore_choices (self);

  /* Only the central team publishes, from the full report */
  gtk_widget_set_visible (self->publish_list, !st_report_is_pack (report));
  g_signal_connect_object (self->view_row, "notify::selected", G_CALLBACK (update_publish),
                           self, G_CONNECT_SWAPPED);

  self->n_unapproved = st_document_count_unapproved (report, &self->n_returns);
  on_content_toggled (self);

  return GTK_WIDGET (self);
}

const char *
st_export_dialog_get_view (StExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (ST_IS_EXPORT_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->view_row);
  if (selected >= self->views->len)
    return "all";
  return g_ptr_array_index (self->views, selected);
}

StExportFormat
st_export_dialog_get_format (StExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (ST_IS_EXPORT_DIALOG (self), ST_EXPORT_HTML);

  selected = adw_combo_row_get_selected (self->format_row);
  return selected <= ST_EXPORT_PDF ? (StExportFormat) selected : ST_EXPORT_HTML;
}

void
st_export_dialog_set_format (StExportDialog *self,
                             StExportFormat  format)
{
  g_return_if_fail (ST_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format <= ST_EXPORT_PDF);

  adw_combo_row_set_selected (self->format_row, format);
}

char *
st_export_dialog_get_filename (StExportDialog *self)
{
  const char *view;

  g_return_val_if_fail (ST_IS_EXPORT_DIALOG (self), NULL);

  view = st_export_dialog_get_view (self);
  if (g_str_equal (view, "site"))
    return NULL;
  return st_export_suggest_filename (self->report_name, view, st_export_dialog_get_format (self));
}

StViewContent
st_export_dialog_get_content (StExportDialog *self)
{
  g_return_val_if_fail (ST_IS_EXPORT_DIALOG (self), ST_VIEW_APPROVED_ONLY);

  return gtk_check_button_get_active (self->everything_check) ? ST_VIEW_EVERYTHING
                                                              : ST_VIEW_APPROVED_ONLY;
}

void
st_export_dialog_set_content (StExportDialog *self,
                              StViewContent   content)
{
  g_return_if_fail (ST_IS_EXPORT_DIALOG (self));

  if (content == ST_VIEW_EVERYTHING)
    gtk_check_button_set_active (self->everything_check, TRUE);
  else
    gtk_check_button_set_active (self->approved_check, TRUE);
}

/* What the dialog says about returns that are not approved; NULL when all are */
const char *
st_export_dialog_get_content_note (StExportDialog *self)
{
  g_return_val_if_fail (ST_IS_EXPORT_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->content_label)))
    return NULL;
  return gtk_label_get_label (self->content_label);
}

gboolean
st_export_dialog_get_publish (StExportDialog *self)
{
  g_return_val_if_fail (ST_IS_EXPORT_DIALOG (self), FALSE);

  return can_publish_now (self) && gtk_switch_get_active (self->publish_switch);
}

void
st_export_dialog_set_publish (StExportDialog *self,
                              gboolean        publish)
{
  g_return_if_fail (ST_IS_EXPORT_DIALOG (self));

  gtk_switch_set_active (self->publish_switch, publish);
}
