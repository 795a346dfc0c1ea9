/* st-section-editor.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-section-editor.h"
#include "stocktake-core.h"

struct _StSectionEditor
{
  AdwBin         parent_instance;

  GtkLabel      *heading_label;
  GtkToggleButton *state_button;
  GtkImage      *state_icon;
  GtkLabel      *state_label;
  GtkRevealer   *findings_revealer;
  GtkListBox    *findings_list;
  GtkLabel      *word_count_label;
  GtkBox        *reference_box;
  GtkLabel      *reference_heading;
  GtkLabel      *reference_label;
  GtkTextView   *text_view;
  GtkBox        *comments_slot;
  GtkWidget     *history_button;

  char          *section_id;
  GPtrArray     *findings;        /* of StFinding, as listed */
  gboolean       findings_listed;
  gboolean       editable;
  guint          word_count;
  gboolean       loading;
  guint          resize_id;
};

G_DEFINE_FINAL_TYPE (StSectionEditor, st_section_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SECTION_ID,
  PROP_HEADING,
  PROP_EDITABLE,
  PROP_WORD_COUNT,
  N_PROPS
};

enum {
  TEXT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

guint
st_count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint n = 0;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* "Department’s" and "e-mail" are one word each */
      gboolean word_char = g_unichar_isalnum (c) || g_unichar_ismark (c) ||
                           (in_word && (c == '\'' || c == 0x2019 || c == '-'));

      if (word_char && !in_word)
        n++;
      in_word = word_char;
    }
  return n;
}

static void
update_word_count (StSectionEditor *self)
{
  g_autofree char *text = st_section_editor_get_text (self);
  g_autofree char *label = NULL;
  guint count = st_count_words (text);

  if (count == self->word_count && gtk_label_get_label (self->word_count_label)[0] != '\0')
    return;
  self->word_count = count;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", count), count);
  gtk_label_set_label (self->word_count_label, label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORD_COUNT]);
}

static void
on_buffer_changed (StSectionEditor *self,
                   GtkTextBuffer   *buffer)
{
  update_word_count (self);
  if (!self->loading)
    g_signal_emit (self, signals[TEXT_CHANGED], 0);
}

/* GTK 4.8 lays text out in idle steps and does not always ask for more
 * room when the text turns out taller than the part laid out first (the
 * editor then cuts its text off). Asking once the layout is done, at a
 * lower priority than GTK's own layout steps, gives it its full height. */
static gboolean
resize_cb (gpointer user_data)
{
  StSectionEditor *self = user_data;

  self->resize_id = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self->text_view));
  return G_SOURCE_REMOVE;
}

static void
queue_resize_after_layout (StSectionEditor *self)
{
  if (self->resize_id == 0)
    self->resize_id = g_idle_add_full (G_PRIORITY_LOW, resize_cb, self, NULL);
}

/* One row of the section's findings: what is wrong, and where */
static GtkWidget *
create_finding_row (StFinding *finding)
{
  StSeverity severity = st_finding_get_severity (finding);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon;
  GtkWidget *label = gtk_label_new (st_finding_get_message (finding));
  g_autofree char *name = NULL;
  const char *kind;

  if (severity == ST_SEVERITY_ERROR)
    {
      icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      kind = _("Error");
    }
  else if (severity == ST_SEVERITY_WARNING)
    {
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      kind = _("Warning");
    }
  else
    {
      icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");
      kind = _("Note");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: a finding read out, "Warning: The section has no text" */
  name = g_strdup_printf (_("%s: %s"), kind, st_finding_get_message (finding));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (st_finding_get_end (finding) > st_finding_get_start (finding))
    gtk_widget_set_tooltip_text (row, _("Select the text it is about"));
  g_object_set_data_full (G_OBJECT (row), "finding", g_object_ref (finding), g_object_unref);
  return row;
}

static void
list_findings (StSectionEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))))
    gtk_list_box_remove (self->findings_list, child);
  for (guint i = 0; self->findings != NULL && i < self->findings->len; i++)
    gtk_list_box_append (self->findings_list, create_finding_row (g_ptr_array_index (self->findings, i)));
  self->findings_listed = TRUE;
}

/* The count's button says what pressing it does */
static void
update_state_button (StSectionEditor *self)
{
  gboolean shown = gtk_toggle_button_get_active (self->state_button);
  g_autofree char *name = NULL;
  const char *tooltip;

  if (shown)
    /* Translators: %s is "5 warnings" or "1 error, 2 warnings" */
    name = g_strdup_printf (_("%s in this section, hide them"), gtk_label_get_label (self->state_label));
  else
    /* Translators: %s is "5 warnings" or "1 error, 2 warnings" */
    name = g_strdup_printf (_("%s in this section, show them"), gtk_label_get_label (self->state_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  tooltip = shown ? _("Hide what was found in this section")
                  : _("Show what was found in this section, and where");
  /* Setting a tooltip on a shown widget asks the display where the
   * pointer is; the state changes with every form the editor shows */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->state_button)), tooltip) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_button), tooltip);
}

static void
on_state_toggled (StSectionEditor *self,
                  GtkToggleButton *button)
{
  GtkListBoxRow *first;

  update_state_button (self);
  if (!gtk_toggle_button_get_active (button))
    return;

  if (!self->findings_listed)
    list_findings (self);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_revealer), TRUE);
  /* Straight to the first of them, for the keyboard and screen readers */
  first = gtk_list_box_get_row_at_index (self->findings_list, 0);
  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

/* Folded away, the list takes no room, not even the spacing around it */
static void
on_findings_revealed (StSectionEditor *self,
                      GParamSpec      *pspec,
                      GtkRevealer     *revealer)
{
  if (!gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
}

/* A finding about part of the text selects it; one about the section as a
 * whole goes to its text */
static void
on_finding_activated (StSectionEditor *self,
                      GtkListBoxRow   *row,
                      GtkListBox      *list)
{
  StFinding *finding = g_object_get_data (G_OBJECT (row), "finding");

  if (finding != NULL && st_finding_get_end (finding) > st_finding_get_start (finding))
    st_section_editor_select_range (self, st_finding_get_start (finding), st_finding_get_end (finding));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
st_section_editor_dispose (GObject *object)
{
  StSectionEditor *self = (StSectionEditor *)object;

  g_clear_handle_id (&self->resize_id, g_source_remove);

  G_OBJECT_CLASS (st_section_editor_parent_class)->dispose (object);
}

static void
st_section_editor_finalize (GObject *object)
{
  StSectionEditor *self = (StSectionEditor *)object;

  g_clear_pointer (&self->section_id, g_free);
  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (st_section_editor_parent_class)->finalize (object);
}

static void
st_section_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StSectionEditor *self = ST_SECTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SECTION_ID:
      g_value_set_string (value, self->section_id);
      break;

    case PROP_HEADING:
      g_value_set_string (value, gtk_label_get_label (self->heading_label));
      break;

    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;

    case PROP_WORD_COUNT:
      g_value_set_uint (value, self->word_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_editable (StSectionEditor *self,
              gboolean         editable)
{
  self->editable = !!editable;
  gtk_text_view_set_editable (self->text_view, self->editable);
  gtk_text_view_set_cursor_visible (self->text_view, self->editable);
  if (self->editable)
    gtk_widget_remove_css_class (GTK_WIDGET (self->text_view), "read-only");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "read-only");
}

static void
st_section_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StSectionEditor *self = ST_SECTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SECTION_ID:
      self->section_id = g_value_dup_string (value);
      /* The window opens the history of the section the button names */
      if (self->section_id != NULL)
        gtk_actionable_set_action_target (GTK_ACTIONABLE (self->history_button), "s", self->section_id);
      break;

    case PROP_HEADING:
      gtk_label_set_label (self->heading_label, g_value_get_string (value));
      break;

    case PROP_EDITABLE:
      set_editable (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_section_editor_class_init (StSectionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_section_editor_dispose;
  object_class->finalize = st_section_editor_finalize;
  object_class->get_property = st_section_editor_get_property;
  object_class->set_property = st_section_editor_set_property;

  properties[PROP_SECTION_ID] =
    g_param_spec_string ("section-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORD_COUNT] =
    g_param_spec_uint ("word-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StSectionEditor::text-changed:
   *
   * The user changed the text (typing, pasting, undo or redo); not emitted
   * for st_section_editor_set_text().
   */
  signals[TEXT_CHANGED] =
    g_signal_new ("text-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-section-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, state_button);
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, state_icon);
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, state_label);
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, findings_revealer);
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, findings_list);
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, word_count_label);
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, reference_box);
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, reference_heading);
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, reference_label);
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, comments_slot);
  gtk_widget_class_bind_template_child (widget_class, StSectionEditor, history_button);
  gtk_widget_class_bind_template_callback (widget_class, on_state_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_findings_revealed);
  gtk_widget_class_bind_template_callback (widget_class, on_finding_activated);
}

static void
st_section_editor_init (StSectionEditor *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->editable = TRUE;
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text_view, "map", G_CALLBACK (queue_resize_after_layout), self, G_CONNECT_SWAPPED);

  /* A screen reader announces the section's heading on entering the text */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->heading_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->word_count_label, NULL,
                                  -1);
  /* Every section has one: say whose it is */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->history_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->heading_label, NULL,
                                  -1);
  update_word_count (self);
}

GtkWidget *
st_section_editor_new (const char *section_id,
                       const char *heading,
                       gboolean    editable)
{
  g_return_val_if_fail (section_id != NULL, NULL);
  g_return_val_if_fail (heading != NULL, NULL);

  return g_object_new (ST_TYPE_SECTION_EDITOR,
                       "section-id", section_id,
                       "heading", heading,
                       "editable", editable,
                       NULL);
}

const char *
st_section_editor_get_section_id (StSectionEditor *self)
{
  g_return_val_if_fail (ST_IS_SECTION_EDITOR (self), NULL);
  return self->section_id;
}

const char *
st_section_editor_get_heading (StSectionEditor *self)
{
  g_return_val_if_fail (ST_IS_SECTION_EDITOR (self), NULL);
  return gtk_label_get_label (self->heading_label);
}

gboolean
st_section_editor_get_editable (StSectionEditor *self)
{
  g_return_val_if_fail (ST_IS_SECTION_EDITOR (self), FALSE);
  return self->editable;
}

char *
st_section_editor_get_text (StSectionEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (ST_IS_SECTION_EDITOR (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
st_section_editor_set_text (StSectionEditor *self,
                            const char      *text)
{
  g_autofree char *current = NULL;

  g_return_if_fail (ST_IS_SECTION_EDITOR (self));

  if (text == NULL)
    text = "";
  current = st_section_editor_get_text (self);
  if (g_str_equal (current, text))
    return;
  st_section_editor_load_text (self, text);
}

/* As a new editor would have it, even when the text is the same: nothing
 * selected, the caret where a new editor's would be, and nothing to undo
 * or redo, so that an editor going on to show the same section of another
 * submission cannot undo the last one's edits into it */
void
st_section_editor_load_text (StSectionEditor *self,
                             const char      *text)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (ST_IS_SECTION_EDITOR (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->loading = TRUE;
  /* Loading is not something the user can undo, and it forgets what
   * could be undone before */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  self->loading = FALSE;
  queue_resize_after_layout (self);
}

guint
st_section_editor_get_word_count (StSectionEditor *self)
{
  g_return_val_if_fail (ST_IS_SECTION_EDITOR (self), 0);
  return self->word_count;
}

void
st_section_editor_set_reference (StSectionEditor *self,
                                 const char      *heading,
                                 const char      *text)
{
  g_return_if_fail (ST_IS_SECTION_EDITOR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->reference_box), heading != NULL);
  if (heading == NULL)
    return;

  gtk_label_set_label (self->reference_heading, heading);
  if (text != NULL && *text != '\0')
    {
      gtk_label_set_label (self->reference_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->reference_label), "empty");
    }
  else
    {
      gtk_label_set_label (self->reference_label, _("No plan was given for this year."));
      gtk_widget_add_css_class (GTK_WIDGET (self->reference_label), "empty");
    }
}

void
st_section_editor_set_state (StSectionEditor *self,
                             const char      *icon_name,
                             const char      *text)
{
  g_return_if_fail (ST_IS_SECTION_EDITOR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->state_button), text != NULL);
  if (text == NULL)
    {
      gtk_toggle_button_set_active (self->state_button, FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  gtk_image_set_from_icon_name (self->state_icon, icon_name);
  /* The colour only repeats the words beside it */
  gtk_widget_set_css_classes (GTK_WIDGET (self->state_icon),
                              (const char *[]) {
                                g_strcmp0 (icon_name, "dialog-error-symbolic") == 0 ? "error" : "warning",
                                NULL });
  gtk_label_set_label (self->state_label, text);
  update_state_button (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

void
st_section_editor_set_findings (StSectionEditor *self,
                                GPtrArray       *findings)
{
  gboolean same;

  g_return_if_fail (ST_IS_SECTION_EDITOR (self));

  /* Validation runs on every change: keep the rows, and the focus in
   * them, while the findings are the same ones */
  same = self->findings != NULL && findings != NULL && self->findings->len == findings->len;
  for (guint i = 0; same && i < findings->len; i++)
    same = g_ptr_array_index (self->findings, i) == g_ptr_array_index (findings, i);
  if (same || (findings == NULL && self->findings == NULL))
    return;

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  if (findings != NULL)
    {
      self->findings = g_ptr_array_new_full (findings->len, g_object_unref);
      for (guint i = 0; i < findings->len; i++)
        g_ptr_array_add (self->findings, g_object_ref (g_ptr_array_index (findings, i)));
    }
  /* Listed now when shown, otherwise when next shown */
  self->findings_listed = FALSE;
  if (gtk_toggle_button_get_active (self->state_button))
    list_findings (self);
}

GtkListBox *
st_section_editor_get_findings_list (StSectionEditor *self)
{
  g_return_val_if_fail (ST_IS_SECTION_EDITOR (self), NULL);
  return self->findings_list;
}

const char *
st_section_editor_get_state (StSectionEditor *self)
{
  g_return_val_if_fail (ST_IS_SECTION_EDITOR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->state_button)))
    return NULL;
  return gtk_label_get_label (self->state_label);
}

GtkTextView *
st_section_editor_get_text_view (StSectionEditor *self)
{
  g_return_val_if_fail (ST_IS_SECTION_EDITOR (self), NULL);
  return self->text_view;
}

GtkTextBuffer *
st_section_editor_get_buffer (StSectionEditor *self)
{
  g_return_val_if_fail (ST_IS_SECTION_EDITOR (self), NULL);
  return gtk_text_view_get_buffer (self->text_view);
}

void
st_section_editor_select_range (StSectionEditor *self,
                                int              start,
                                int              end)
{
  GtkTextBuffer *buffer;
  GtkTextIter start_iter, end_iter;

  g_return_if_fail (ST_IS_SECTION_EDITOR (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, end);
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  gtk_text_view_scroll_to_iter (self->text_view, &start_iter, 0.1, FALSE, 0, 0);
}

void
st_section_editor_set_comments (StSectionEditor *self,
                                GtkWidget       *comments)
{
  GtkWidget *child;

  g_return_if_fail (ST_IS_SECTION_EDITOR (self));
  g_return_if_fail (comments == NULL || GTK_IS_WIDGET (comments));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->comments_slot))))
    gtk_box_remove (self->comments_slot, child);
  if (comments != NULL)
    gtk_box_append (self->comments_slot, comments);
}

GtkWidget *
st_section_editor_get_comments (StSectionEditor *self)
{
  g_return_val_if_fail (ST_IS_SECTION_EDITOR (self), NULL);
  return gtk_widget_get_first_child (GTK_WIDGET (self->comments_slot));
}
