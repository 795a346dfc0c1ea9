/* st-filter-choices.c: the department and action filters of a list
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-filter-choices.h"

struct _StFilterChoices
{
  GtkDropDown *respondents;
  GtkDropDown *items;
  GPtrArray   *respondent_ids;   /* parallel to the drop-downs; [0] is NULL for all */
  GPtrArray   *item_ids;
};

StFilterChoices *
st_filter_choices_new (GtkDropDown *respondents,
                       GtkDropDown *items)
{
  StFilterChoices *self;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (respondents), NULL);
  g_return_val_if_fail (GTK_IS_DROP_DOWN (items), NULL);

  self = g_new0 (StFilterChoices, 1);
  self->respondents = g_object_ref (respondents);
  self->items = g_object_ref (items);
  st_filter_choices_set_report (self, NULL);
  return self;
}

void
st_filter_choices_free (StFilterChoices *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->respondents);
  g_clear_object (&self->items);
  g_clear_pointer (&self->respondent_ids, g_ptr_array_unref);
  g_clear_pointer (&self->item_ids, g_ptr_array_unref);
  g_free (self);
}

char *
st_filter_choices_item_label (StTemplate   *template,
                              const StItem *item)
{
  const char *word = st_template_get_display_word (template, ST_WORD_ITEM);

  if (item->number > 0)
    return g_strdup_printf ("%s %u", word != NULL ? word : _("Action"), item->number);
  return g_strdup (item->title);
}

void
st_filter_choices_set_report (StFilterChoices *self,
                              StReport        *report)
{
  g_autoptr(GtkStringList) respondents = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  StTemplate *template = report != NULL ? st_report_get_template (report) : NULL;
  const char *only = report != NULL ? st_report_get_pack_respondent (report) : NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (report == NULL || ST_IS_REPORT (report));

  g_clear_pointer (&self->respondent_ids, g_ptr_array_unref);
  g_clear_pointer (&self->item_ids, g_ptr_array_unref);
  self->respondent_ids = g_ptr_array_new_with_free_func (g_free);
  self->item_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (respondents, _("All departments"));
  g_ptr_array_add (self->respondent_ids, NULL);
  gtk_string_list_append (items, _("All actions"));
  g_ptr_array_add (self->item_ids, NULL);

  for (guint r = 0; template != NULL && r < st_template_get_n_respondents (template); r++)
    {
      const StRespondent *respondent = st_template_get_respondent (template, r);

      if (only != NULL && g_strcmp0 (respondent->id, only) != 0)
        continue;
      gtk_string_list_append (respondents, respondent->name);
      g_ptr_array_add (self->respondent_ids, g_strdup (respondent->id));
    }
  for (guint i = 0; template != NULL && i < st_template_get_n_items (template); i++)
    {
      const StItem *item = st_template_get_item (template, i);
      g_autofree char *label = st_filter_choices_item_label (template, item);

      gtk_string_list_append (items, label);
      g_ptr_array_add (self->item_ids, g_strdup (item->id));
    }

  gtk_drop_down_set_model (self->respondents, G_LIST_MODEL (respondents));
  gtk_drop_down_set_model (self->items, G_LIST_MODEL (items));
}

static const char *
selected_id (GtkDropDown *dropdown,
             GPtrArray   *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return NULL;
  return g_ptr_array_index (ids, selected);
}

const char *
st_filter_choices_get_respondent (StFilterChoices *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return selected_id (self->respondents, self->respondent_ids);
}

const char *
st_filter_choices_get_item (StFilterChoices *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return selected_id (self->items, self->item_ids);
}

static guint
index_of (GPtrArray  *ids,
          const char *id)
{
  for (guint i = 0; id != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;
  return 0;
}

void
st_filter_choices_select (StFilterChoices *self,
                          const char      *respondent_id,
                          const char      *item_id)
{
  g_return_if_fail (self != NULL);

  gtk_drop_down_set_selected (self->respondents, index_of (self->respondent_ids, respondent_id));
  gtk_drop_down_set_selected (self->items, index_of (self->item_ids, item_id));
}
