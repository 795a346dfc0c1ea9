/* st-pack-dialog.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-pack-dialog.h"

struct _StPackDialog
{
  AdwMessageDialog  parent_instance;

  AdwComboRow      *respondent_row;
  GtkLabel         *last_pack_label;

  GPtrArray        *respondent_ids;   /* parallel to the row's choices */
  GPtrArray        *issued;           /* of StPackRecord: the report's packs */
};

G_DEFINE_FINAL_TYPE (StPackDialog, st_pack_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
st_pack_dialog_finalize (GObject *object)
{
  StPackDialog *self = (StPackDialog *)object;

  g_clear_pointer (&self->respondent_ids, g_ptr_array_unref);
  g_clear_pointer (&self->issued, g_ptr_array_unref);

  G_OBJECT_CLASS (st_pack_dialog_parent_class)->finalize (object);
}

static void
st_pack_dialog_class_init (StPackDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = st_pack_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-pack-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StPackDialog, respondent_row);
  gtk_widget_class_bind_template_child (widget_class, StPackDialog, last_pack_label);
}

/* A department's whole name and abbreviation, wrapped rather than cut
 * short when the list is narrower than the name */
static void
setup_respondent_item (GtkSignalListItemFactory *factory,
                       GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_list_item_set_child (item, label);
}

static void
bind_respondent_item (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (name));
}

static void
st_pack_dialog_init (StPackDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->respondent_ids = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_respondent_item), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_respondent_item), NULL);
  adw_combo_row_set_list_factory (self->respondent_row, factory);

  /* Enter on the department opens its list, as Space does, rather than
   * making a pack for whichever department happens to be shown */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Return|KP_Enter|ISO_Enter"),
                                                          g_object_ref (gtk_activate_action_get ())));
  gtk_widget_add_controller (GTK_WIDGET (self->respondent_row), shortcuts);
}

/* Making a pack needs a department: none is chosen for the team until
 * they choose one */
static void
update_make_enabled (StPackDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "make",
                                           st_pack_dialog_get_respondent_id (self) != NULL);
}

/* Says when the chosen department's last pack went out and whether it
 * came back: a pack still out is worth knowing of before issuing another */
static void
update_subtitle (StPackDialog *self)
{
  const char *respondent_id = st_pack_dialog_get_respondent_id (self);
  const StPackRecord *last = NULL;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; respondent_id != NULL && self->issued != NULL && i < self->issued->len; i++)
    {
      const StPackRecord *record = g_ptr_array_index (self->issued, i);

      if (g_strcmp0 (record->respondent_id, respondent_id) == 0)
        last = record;
    }

  if (last != NULL)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (last->issued, NULL);
      g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, "%e %B %Y") : g_strdup (last->issued);

      g_strstrip (when);
      if (last->merged == NULL)
        /* Translators: %s is a date */
        subtitle = g_strdup_printf (_("The last pack, issued %s, has not been merged yet"), when);
      else
        subtitle = g_strdup_printf (_("The last pack, issued %s, has been merged"), when);
    }
  gtk_label_set_label (self->last_pack_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->last_pack_label), subtitle != NULL);
}

GtkWidget *
st_pack_dialog_new (GtkWindow  *parent,
                    StReport   *report,
                    const char *respondent_id)
{
  StPackDialog *self;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  StTemplate *template;
  const char *word;

  g_return_val_if_fail (ST_IS_REPORT (report), NULL);

  self = g_object_new (ST_TYPE_PACK_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  template = st_report_get_template (report);

  /* The template says what its respondents are: departments, organisations */
  word = st_template_get_display_word (template, ST_WORD_RESPONDENT);
  if (word != NULL)
    {
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->respondent_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->respondent_row), word);
    }

  for (guint i = 0; i < st_template_get_n_respondents (template); i++)
    {
      const StRespondent *respondent = st_template_get_respondent (template, i);
      /* Translators: a department's name and abbreviation, as in "Cabinet Office (CO)" */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), respondent->name, respondent->abbreviation);

      gtk_string_list_append (names, label);
      g_ptr_array_add (self->respondent_ids, g_strdup (respondent->id));
    }
  self->issued = st_pack_list_issued (report);
  adw_combo_row_set_model (self->respondent_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->respondent_row, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->respondent_row, "notify::selected", G_CALLBACK (update_subtitle),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->respondent_row, "notify::selected", G_CALLBACK (update_make_enabled),
                           self, G_CONNECT_SWAPPED);
  update_subtitle (self);
  update_make_enabled (self);
  if (respondent_id != NULL)
    st_pack_dialog_set_respondent_id (self, respondent_id);

  return GTK_WIDGET (self);
}

const char *
st_pack_dialog_get_respondent_id (StPackDialog *self)
{
  guint selected;

  g_return_val_if_fail (ST_IS_PACK_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->respondent_row);
  if (selected >= self->respondent_ids->len)
    return NULL;
  return g_ptr_array_index (self->respondent_ids, selected);
}

gboolean
st_pack_dialog_set_respondent_id (StPackDialog *self,
                                  const char   *respondent_id)
{
  g_return_val_if_fail (ST_IS_PACK_DIALOG (self), FALSE);
  g_return_val_if_fail (respondent_id != NULL, FALSE);

  for (guint i = 0; i < self->respondent_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->respondent_ids, i), respondent_id))
      {
        adw_combo_row_set_selected (self->respondent_row, i);
        return TRUE;
      }
  return FALSE;
}

const char *
st_pack_dialog_get_last_pack (StPackDialog *self)
{
  g_return_val_if_fail (ST_IS_PACK_DIALOG (self), NULL);
  return gtk_label_get_label (self->last_pack_label);
}

char *
st_pack_dialog_default_filename (StReport   *report,
                                 const char *respondent_id)
{
  const StRespondent *respondent;

  g_return_val_if_fail (ST_IS_REPORT (report), NULL);
  g_return_val_if_fail (respondent_id != NULL, NULL);

  respondent = st_template_find_respondent (st_report_get_template (report), respondent_id);
  /* Translators: the file name a department's pack is offered under;
   * %s is the department's abbreviation */
  return g_strdup_printf (_("%s pack.stocktake"), respondent != NULL ? respondent->abbreviation : respondent_id);
}
