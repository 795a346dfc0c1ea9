/* st-history-dialog.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-comment-pane.h"
#include "st-diff-markup.h"
#include "st-history-dialog.h"
#include "st-section-editor.h"

struct _StHistoryDialog
{
  AdwWindow             parent_instance;

  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  AdwViewStackPage     *approved_page;
  GtkLabel             *place_label;
  AdwPreferencesGroup  *versions_group;
  AdwPreferencesGroup  *compare_group;
  AdwComboRow          *from_row;
  AdwComboRow          *to_row;
  GtkLabel             *versions_count_label;
  GtkLabel             *versions_diff_label;
  GtkLabel             *approved_count_label;
  GtkLabel             *approved_diff_label;

  StSubmission         *submission;   /* NULL when nothing was written yet */
  char                 *section_id;
  GPtrArray            *versions;     /* of StVersion */
  gboolean              has_approved;
};

G_DEFINE_FINAL_TYPE (StHistoryDialog, st_history_dialog, ADW_TYPE_WINDOW)

/* What made the version, by whom: "Saved by Jane Smith" */
static char *
describe_version (const StVersion *version,
                  guint            index)
{
  const char *author = version->author;

  if (!version->saved)
    return g_strdup (_("Now, not saved yet"));
  if (version->time == NULL)
    return g_strdup (index == 0 ? _("Before the history begins") : _("Unknown"));
  if (author == NULL || *author == '\0')
    author = _("someone unnamed");
  if (g_strcmp0 (version->what, ST_HISTORY_MERGE) == 0)
    /* Translators: %s is the name of the reviewer who merged a department's pack */
    return g_strdup_printf (_("Merged from a department’s pack by %s"), author);
  /* Translators: %s is a person's name */
  return g_strdup_printf (_("Saved by %s"), author);
}

static char *
version_label (const StVersion *version,
               guint            index)
{
  g_autofree char *when = st_format_comment_time (version->time);
  g_autofree char *what = describe_version (version, index);

  if (when == NULL)
    /* Translators: a version's number, then what made it */
    return g_strdup_printf (_("%u. %s"), index + 1, what);
  /* Translators: a version's number, when it was made, then what made it */
  return g_strdup_printf (_("%u. %s, %s"), index + 1, when, what);
}

static void
show_diff (GtkLabel  *count_label,
           GtkLabel  *diff_label,
           GPtrArray *diff)
{
  g_autofree char *count = NULL;

  if (diff == NULL)
    {
      gtk_label_set_label (count_label, "");
      gtk_label_set_label (diff_label, "");
      return;
    }
  count = st_diff_describe_count (diff);
  gtk_label_set_label (count_label, count);
  st_diff_markup_set_label (diff_label, diff, ST_DIFF_SHOW_BOTH);
}

static void
on_compare_changed (StHistoryDialog *self)
{
  guint from = adw_combo_row_get_selected (self->from_row);
  guint to = adw_combo_row_get_selected (self->to_row);
  g_autoptr(GPtrArray) diff = NULL;

  if (self->submission == NULL || from >= self->versions->len || to >= self->versions->len)
    {
      show_diff (self->versions_count_label, self->versions_diff_label, NULL);
      return;
    }
  diff = st_history_diff_versions (self->submission, self->section_id, from, to);
  show_diff (self->versions_count_label, self->versions_diff_label, diff);
}

static GtkWidget *
version_row (const StVersion *version,
             guint            index)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *what = describe_version (version, index);
  g_autofree char *when = st_format_comment_time (version->time);
  guint words = st_count_words (version->text);
  GtkWidget *row;

  /* Translators: a version's number and what made it: "3. Saved by Jane Smith" */
  title = g_strdup_printf (_("%u. %s"), index + 1, what);
  if (version->text == NULL)
    subtitle = g_strdup (when != NULL ? when : _("Empty"));
  else
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", words), words);

      /* Translators: when a version was made, then its length: "21 November 2026 10:00 – 24 words" */
      subtitle = when != NULL ? g_strdup_printf (_("%s – %s"), when, count) : g_steal_pointer (&count);
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
fill (StHistoryDialog *self,
      StReport        *report,
      const char      *respondent_id,
      const char      *item_id)
{
  StTemplate *template = st_report_get_template (report);
  const StSection *section = st_template_find_section (template, self->section_id);
  g_autofree char *place = st_workflow_describe (template, respondent_id, item_id, self->section_id);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;

  gtk_label_set_label (self->place_label, place);
  /* Translators: the history window's title; %s is a section's heading */
  title = g_strdup_printf (_("History of “%s”"), section != NULL ? section->heading : self->section_id);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_title (self->switcher_title, title);

  if (self->submission != NULL)
    self->versions = st_history_list_versions (self->submission, self->section_id);
  else
    self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) st_version_free);

  for (guint i = 0; i < self->versions->len; i++)
    {
      const StVersion *version = g_ptr_array_index (self->versions, i);
      g_autofree char *label = version_label (version, i);

      adw_preferences_group_add (self->versions_group, version_row (version, i));
      gtk_string_list_append (labels, label);
    }
  if (self->versions->len == 0)
    adw_preferences_group_set_description (self->versions_group, _("Nothing has been written here yet."));

  adw_combo_row_set_model (self->from_row, G_LIST_MODEL (labels));
  adw_combo_row_set_model (self->to_row, G_LIST_MODEL (labels));
  gtk_widget_set_visible (GTK_WIDGET (self->compare_group), self->versions->len > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->versions_count_label), self->versions->len > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->versions_diff_label), self->versions->len > 1);
  if (self->versions->len > 1)
    st_history_dialog_compare (self, self->versions->len - 2, self->versions->len - 1);

  /* Since the last approval, when there was one */
  if (self->submission != NULL)
    {
      g_autofree char *approved = NULL;

      self->has_approved = st_history_get_approved_text (self->submission, self->section_id, &approved);
    }
  adw_view_stack_page_set_visible (self->approved_page, self->has_approved);
  if (self->has_approved)
    {
      g_autoptr(GPtrArray) diff = st_history_diff_since_approved (self->submission, self->section_id);

      show_diff (self->approved_count_label, self->approved_diff_label, diff);
    }
}

static void
st_history_dialog_dispose (GObject *object)
{
  StHistoryDialog *self = (StHistoryDialog *)object;

  g_clear_object (&self->submission);

  G_OBJECT_CLASS (st_history_dialog_parent_class)->dispose (object);
}

static void
st_history_dialog_finalize (GObject *object)
{
  StHistoryDialog *self = (StHistoryDialog *)object;

  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->section_id, g_free);

  G_OBJECT_CLASS (st_history_dialog_parent_class)->finalize (object);
}

static void
st_history_dialog_class_init (StHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_history_dialog_dispose;
  object_class->finalize = st_history_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StHistoryDialog, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, StHistoryDialog, view_stack);
  gtk_widget_class_bind_template_child (widget_class, StHistoryDialog, approved_page);
  gtk_widget_class_bind_template_child (widget_class, StHistoryDialog, place_label);
  gtk_widget_class_bind_template_child (widget_class, StHistoryDialog, versions_group);
  gtk_widget_class_bind_template_child (widget_class, StHistoryDialog, compare_group);
  gtk_widget_class_bind_template_child (widget_class, StHistoryDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, StHistoryDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, StHistoryDialog, versions_count_label);
  gtk_widget_class_bind_template_child (widget_class, StHistoryDialog, versions_diff_label);
  gtk_widget_class_bind_template_child (widget_class, StHistoryDialog, approved_count_label);
  gtk_widget_class_bind_template_child (widget_class, StHistoryDialog, approved_diff_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
st_history_dialog_init (StHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->from_row, "notify::selected", G_CALLBACK (on_compare_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_row, "notify::selected", G_CALLBACK (on_compare_changed),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
st_history_dialog_new (GtkWindow  *parent,
                       StReport   *report,
                       const char *respondent_id,
                       const char *item_id,
                       const char *section_id)
{
  StHistoryDialog *self;
  StSubmission *submission;

  g_return_val_if_fail (ST_IS_REPORT (report), NULL);
  g_return_val_if_fail (respondent_id != NULL && item_id != NULL && section_id != NULL, NULL);

  self = g_object_new (ST_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       NULL);
  submission = st_report_lookup_submission (report, respondent_id, item_id);
  if (submission != NULL)
    self->submission = g_object_ref (submission);
  self->section_id = g_strdup (section_id);
  fill (self, report, respondent_id, item_id);
  return GTK_WIDGET (self);
}

guint
st_history_dialog_get_n_versions (StHistoryDialog *self)
{
  g_return_val_if_fail (ST_IS_HISTORY_DIALOG (self), 0);
  return self->versions->len;
}

gboolean
st_history_dialog_compare (StHistoryDialog *self,
                           guint            from,
                           guint            to)
{
  g_return_val_if_fail (ST_IS_HISTORY_DIALOG (self), FALSE);

  if (from >= self->versions->len || to >= self->versions->len)
    return FALSE;
  g_signal_handlers_block_by_func (self->from_row, on_compare_changed, self);
  adw_combo_row_set_selected (self->from_row, from);
  g_signal_handlers_unblock_by_func (self->from_row, on_compare_changed, self);
  adw_combo_row_set_selected (self->to_row, to);
  /* Shown now even when the second row already had @to */
  on_compare_changed (self);
  return TRUE;
}

const char *
st_history_dialog_get_summary (StHistoryDialog *self)
{
  g_return_val_if_fail (ST_IS_HISTORY_DIALOG (self), NULL);
  return gtk_label_get_label (self->versions_count_label);
}

const char *
st_history_dialog_get_diff_text (StHistoryDialog *self)
{
  g_return_val_if_fail (ST_IS_HISTORY_DIALOG (self), NULL);
  return gtk_label_get_text (self->versions_diff_label);
}

gboolean
st_history_dialog_has_approved (StHistoryDialog *self)
{
  g_return_val_if_fail (ST_IS_HISTORY_DIALOG (self), FALSE);
  return self->has_approved;
}

const char *
st_history_dialog_get_approved_diff_text (StHistoryDialog *self)
{
  g_return_val_if_fail (ST_IS_HISTORY_DIALOG (self), NULL);

  if (!self->has_approved)
    return NULL;
  return gtk_label_get_text (self->approved_diff_label);
}

const char *
st_history_dialog_get_approved_summary (StHistoryDialog *self)
{
  g_return_val_if_fail (ST_IS_HISTORY_DIALOG (self), NULL);

  if (!self->has_approved)
    return NULL;
  return gtk_label_get_label (self->approved_count_label);
}
