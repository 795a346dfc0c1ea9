/* st-merge-dialog.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-comment-pane.h"
#include "st-diff-markup.h"
#include "st-merge-dialog.h"

/* Changes listed one by one; the rest are counted by kind. A pack back
 * from a whole year's work can change hundreds of sections. */
#define MAX_CHANGE_ROWS 100

/* The choice buttons and the reviewer's own text for one conflict */
typedef struct {
  StMergeDialog  *dialog;
  guint           index;
  GtkWidget      *choices;
  GtkCheckButton *report_button;
  GtkCheckButton *pack_button;
  GtkCheckButton *custom_button;
  GtkRevealer    *custom_revealer;
  GtkTextView    *custom_view;
  GtkWidget      *custom_hint;
} ConflictView;

struct _StMergeDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkWidget            *cancel_button;
  GtkWidget            *apply_button;
  GtkLabel             *summary_label;
  GtkBox               *conflicts_box;
  AdwPreferencesGroup  *changes_group;

  StMerge              *merge;
  GPtrArray            *conflict_views;   /* of ConflictView, one per conflict */
  gboolean              answered;
  gboolean              updating;
  gboolean              changes_nothing;  /* nothing to merge: it can be marked merged */
};

G_DEFINE_FINAL_TYPE (StMergeDialog, st_merge_dialog, ADW_TYPE_WINDOW)

enum {
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
get_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Whether the reviewer chose to write the text and has written none: an
 * empty text would remove the section, so it settles nothing */
static gboolean
custom_text_missing (ConflictView *view)
{
  g_autofree char *text = NULL;

  if (!gtk_check_button_get_active (view->custom_button) || view->custom_view == NULL)
    return FALSE;
  text = get_buffer_text (view->custom_view);
  return *g_strstrip (text) == '\0';
}

static void
update_apply (StMergeDialog *self)
{
  guint unresolved = self->merge != NULL ? st_merge_count_unresolved (self->merge) : 0;
  g_autofree char *tooltip = NULL;
  gboolean missing = FALSE;
  gboolean can_merge = self->merge != NULL && unresolved == 0;
  GtkWidget *default_widget = NULL;

  for (guint i = 0; i < self->conflict_views->len && !missing; i++)
    missing = custom_text_missing (g_ptr_array_index (self->conflict_views, i));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.apply", can_merge);
  /* Enter merges once nothing is left to choose */
  if (can_merge)
    default_widget = self->apply_button;
  gtk_window_set_default_widget (GTK_WINDOW (self), default_widget);
  if (missing)
    tooltip = g_strdup (_("Write the text, or choose one of the two"));
  else if (unresolved > 0)
    tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Choose the text to keep for %u more conflict",
                                            "Choose the text to keep for %u more conflicts",
                                            unresolved),
                               unresolved);
  gtk_widget_set_tooltip_text (self->apply_button, tooltip);
}

static void on_custom_text_changed (GtkTextBuffer *buffer,
                                    ConflictView  *view);

/* The editor for the reviewer's own text, which starts from the
 * department's */
static GtkTextView *
ensure_custom_view (ConflictView *view)
{
  StMergeConflict *conflict;
  GtkTextBuffer *buffer;
  GtkWidget *scrolled, *box;

  if (view->custom_view != NULL)
    return view->custom_view;

  conflict = g_ptr_array_index (st_merge_get_conflicts (view->dialog->merge), view->index);
  view->custom_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (view->custom_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (view->custom_view, FALSE);
  gtk_text_view_set_top_margin (view->custom_view, 8);
  gtk_text_view_set_bottom_margin (view->custom_view, 8);
  gtk_text_view_set_left_margin (view->custom_view, 10);
  gtk_text_view_set_right_margin (view->custom_view, 10);
  gtk_widget_add_css_class (GTK_WIDGET (view->custom_view), "section-text");
  gtk_widget_add_css_class (GTK_WIDGET (view->custom_view), "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->custom_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your text"),
                                  -1);
  buffer = gtk_text_view_get_buffer (view->custom_view);
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, conflict->pack_text != NULL ? conflict->pack_text : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_custom_text_changed), view);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view->custom_view));

  /* Shown while the text is empty, which would remove the section */
  view->custom_hint = gtk_label_new (_("Write the text, or choose one of the two"));
  gtk_label_set_xalign (GTK_LABEL (view->custom_hint), 0);
  gtk_label_set_wrap (GTK_LABEL (view->custom_hint), TRUE);
  gtk_widget_add_css_class (view->custom_hint, "caption");
  gtk_widget_add_css_class (view->custom_hint, "error");
  gtk_widget_set_visible (view->custom_hint, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view->custom_view),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, view->custom_hint, NULL,
                                  -1);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), view->custom_hint);
  gtk_revealer_set_child (view->custom_revealer, box);
  return view->custom_view;
}

/* The buttons say what the merge holds */
static void
settle_from_buttons (ConflictView *view)
{
  StMergeDialog *self = view->dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *custom = NULL;
  StMergeChoice choice = ST_MERGE_UNRESOLVED;

  if (self->updating)
    return;
  if (gtk_check_button_get_active (view->report_button))
    choice = ST_MERGE_TAKE_REPORT;
  else if (gtk_check_button_get_active (view->pack_button))
    choice = ST_MERGE_TAKE_PACK;
  else if (gtk_check_button_get_active (view->custom_button))
    {
      custom = get_buffer_text (ensure_custom_view (view));
      /* No text is not a choice: taking it would empty the section.
       * The department's text is there to choose if that is meant. */
      if (!custom_text_missing (view))
        choice = ST_MERGE_TAKE_CUSTOM;
      else
        g_clear_pointer (&custom, g_free);
      gtk_widget_set_visible (view->custom_hint, choice != ST_MERGE_TAKE_CUSTOM);
    }

  gtk_revealer_set_reveal_child (view->custom_revealer, gtk_check_button_get_active (view->custom_button));
  if (!st_merge_resolve (self->merge, view->index, choice, custom, &error))
    g_warning ("Could not settle conflict %u: %s", view->index, error->message);
  update_apply (self);
}

static void
on_choice_toggled (GtkCheckButton *button,
                   ConflictView   *view)
{
  /* Each change of a group toggles two buttons: act once, on the new one */
  if (gtk_check_button_get_active (button))
    settle_from_buttons (view);
}

static void
on_custom_text_changed (GtkTextBuffer *buffer,
                        ConflictView  *view)
{
  if (gtk_check_button_get_active (view->custom_button))
    settle_from_buttons (view);
}

static GtkWidget *
text_column (const char *heading,
             GPtrArray  *diff,
             StDiffShow  show)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = g_object_new (GTK_TYPE_LABEL,
                                   "label", heading,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   NULL);
  GtkWidget *text = gtk_label_new (NULL);

  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 4, -1);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_yalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_add_css_class (text, "diff-text");
  st_diff_markup_set_label (GTK_LABEL (text), diff, show);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), text);
  return box;
}

static GtkWidget *
choice_button (const char     *label,
               GtkCheckButton *group,
               ConflictView   *view)
{
  GtkWidget *button = gtk_check_button_new_with_label (label);

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
  g_signal_connect (button, "toggled", G_CALLBACK (on_choice_toggled), view);
  return button;
}

static void
add_conflict (StMergeDialog   *self,
              StTemplate      *template,
              StMergeConflict *conflict,
              guint            index)
{
  ConflictView *view = g_new0 (ConflictView, 1);
  g_autofree char *place = st_workflow_describe (template, conflict->respondent_id,
                                                 conflict->item_id, conflict->section_id);
  g_autofree char *count = st_diff_describe_count (conflict->diff);
  g_autofree char *count_line = NULL;
  GtkWidget *card, *heading, *columns, *count_label, *choices;

  view->dialog = self;
  view->index = index;
  g_ptr_array_add (self->conflict_views, view);

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "merge-conflict");

  heading = g_object_new (GTK_TYPE_LABEL,
                          "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                          NULL);
  if (conflict->section_id == NULL)
    {
      /* Translators: a place, then what it is that conflicts */
      g_autofree char *text = g_strdup_printf (_("%s: why it does not apply"), place);

      gtk_label_set_label (GTK_LABEL (heading), text);
    }
  else
    gtk_label_set_label (GTK_LABEL (heading), place);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  gtk_box_append (GTK_BOX (card), heading);

  /* Side by side: what the report has now and what the department sent */
  columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_box_append (GTK_BOX (columns), text_column (_("In the report"), conflict->diff, ST_DIFF_SHOW_OLD));
  gtk_box_append (GTK_BOX (columns), text_column (_("In the department’s pack"), conflict->diff, ST_DIFF_SHOW_NEW));
  gtk_box_append (GTK_BOX (card), columns);

  /* Translators: how the pack's text differs: "From the report’s text to the pack’s: 4 words removed, 7 added" */
  count_line = g_strdup_printf (_("From the report’s text to the pack’s: %s"), count);
  count_label = gtk_label_new (count_line);
  gtk_label_set_xalign (GTK_LABEL (count_label), 0);
  gtk_label_set_wrap (GTK_LABEL (count_label), TRUE);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "caption");
  gtk_box_append (GTK_BOX (card), count_label);

  /* No choice is made for the reviewer */
  choices = g_object_new (GTK_TYPE_BOX,
                          "orientation", GTK_ORIENTATION_VERTICAL,
                          "spacing", 3,
                          "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO_GROUP,
                          NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (choices),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, count_label, NULL,
                                  -1);
  /* The group itself can have the focus, where Enter chooses nothing
   * and a screen reader reads the conflict's heading; Tab goes on to
   * its choices */
  gtk_widget_set_focusable (choices, TRUE);
  gtk_widget_add_css_class (choices, "merge-choices");
  view->choices = choices;
  view->report_button = GTK_CHECK_BUTTON (choice_button (_("Keep the report’s text"), NULL, view));
  view->pack_button = GTK_CHECK_BUTTON (choice_button (_("Take the department’s text"), view->report_button, view));
  view->custom_button = GTK_CHECK_BUTTON (choice_button (_("Write the text myself"), view->report_button, view));
  gtk_box_append (GTK_BOX (choices), GTK_WIDGET (view->report_button));
  gtk_box_append (GTK_BOX (choices), GTK_WIDGET (view->pack_button));
  gtk_box_append (GTK_BOX (choices), GTK_WIDGET (view->custom_button));
  gtk_box_append (GTK_BOX (card), choices);

  /* The reviewer's own text, made when first asked for */
  view->custom_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (view->custom_revealer));

  gtk_box_append (self->conflicts_box, card);
  /* The card's own padding */
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_end (heading, 12);
  gtk_widget_set_margin_start (columns, 12);
  gtk_widget_set_margin_end (columns, 12);
  gtk_widget_set_margin_start (count_label, 12);
  gtk_widget_set_margin_start (choices, 12);
  gtk_widget_set_margin_end (choices, 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (view->custom_revealer), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (view->custom_revealer), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (view->custom_revealer), 12);
}

static const char *
status_word (const char *name)
{
  StStatus status;

  if (name == NULL || !st_status_from_string (name, &status))
    return name != NULL ? name : "";
  return st_workflow_status_word (status);
}

static void
on_change_expanded (AdwExpanderRow *row)
{
  GPtrArray *diff = g_object_get_data (G_OBJECT (row), "diff");
  GtkWidget *label;

  if (diff == NULL || !adw_expander_row_get_expanded (row))
    return;

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "diff-text");
  st_diff_markup_set_label (GTK_LABEL (label), diff, ST_DIFF_SHOW_BOTH);
  adw_expander_row_add_row (row, label);
  /* Once is enough */
  g_object_set_data (G_OBJECT (row), "diff", NULL);
}

static GtkWidget *
change_row (StTemplate          *template,
            const StMergeChange *change)
{
  g_autofree char *place = st_workflow_describe (template, change->respondent_id, change->item_id,
                                                 change->kind == ST_MERGE_CHANGE_TEXT ||
                                                 change->kind == ST_MERGE_CHANGE_COMMENT ||
                                                 change->kind == ST_MERGE_CHANGE_RESOLVED
                                                 ? change->section_id : NULL);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  switch (change->kind)
    {
    case ST_MERGE_CHANGE_TEXT:
    case ST_MERGE_CHANGE_NOT_APPLICABLE:
      {
        g_autoptr(GPtrArray) diff = st_diff_words (change->old_value, change->new_value);
        g_autofree char *count = st_diff_describe_count (diff);

        if (change->kind == ST_MERGE_CHANGE_TEXT)
          /* Translators: "New text: 4 words removed, 7 added" */
          subtitle = g_strdup_printf (_("New text: %s"), count);
        else if (change->new_value == NULL)
          subtitle = g_strdup (_("Applies again: the reason it did not is removed"));
        else
          /* Translators: "Why it does not apply: 4 words removed, 7 added" */
          subtitle = g_strdup_printf (_("Why it does not apply: %s"), count);

        row = adw_expander_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), place);
        adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
        /* The diff is laid out when it is first shown */
        g_object_set_data_full (G_OBJECT (row), "diff", g_steal_pointer (&diff), (GDestroyNotify) g_ptr_array_unref);
        g_signal_connect (row, "notify::expanded", G_CALLBACK (on_change_expanded), NULL);
        return row;
      }

    case ST_MERGE_CHANGE_STATUS:
      /* Translators: a change of status, as in "Status: from draft to submitted" */
      subtitle = g_strdup_printf (_("Status: from %s to %s"), status_word (change->old_value),
                                  status_word (change->new_value));
      break;

    case ST_MERGE_CHANGE_COMMENT:
      /* Translators: %s is the text of the department's reply */
      subtitle = g_strdup_printf (_("A reply: “%s”"), change->new_value != NULL ? change->new_value : "");
      break;

    case ST_MERGE_CHANGE_RESOLVED:
      subtitle = g_strdup (g_strcmp0 (change->new_value, "resolved") == 0 ? _("A comment marked resolved")
                                                                           : _("A comment reopened"));
      break;

    case ST_MERGE_CHANGE_HISTORY:
    default:
      {
        guint n = change->new_value != NULL ? (guint) g_ascii_strtoull (change->new_value, NULL, 10) : 0;

        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u history entry", "%u history entries", n), n);
      }
      break;
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), place);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* What the changes past the first @shown are, counted by kind */
static GtkWidget *
more_changes_row (GPtrArray *changes,
                  guint      shown)
{
  guint texts = 0, statuses = 0, comments = 0, others = 0;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;
  GtkWidget *row;

  for (guint i = shown; i < changes->len; i++)
    {
      const StMergeChange *change = g_ptr_array_index (changes, i);

      switch (change->kind)
        {
        case ST_MERGE_CHANGE_TEXT:
        case ST_MERGE_CHANGE_NOT_APPLICABLE:
          texts++;
          break;
        case ST_MERGE_CHANGE_STATUS:
          statuses++;
          break;
        case ST_MERGE_CHANGE_COMMENT:
        case ST_MERGE_CHANGE_RESOLVED:
          comments++;
          break;
        case ST_MERGE_CHANGE_HISTORY:
        default:
          others++;
          break;
        }
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more change", "And %u more changes",
                                        changes->len - shown),
                           changes->len - shown);
  g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u text", "%u texts", texts), texts);
  g_string_append (subtitle, ", ");
  g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u status", "%u statuses", statuses), statuses);
  g_string_append (subtitle, ", ");
  g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u comment", "%u comments", comments), comments);
  g_string_append (subtitle, ", ");
  g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u set of history entries", "%u sets of history entries", others), others);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  return row;
}

static void
fill (StMergeDialog *self,
      const char    *pack_name)
{
  StReport *report = st_merge_get_report (self->merge);
  StReport *pack = st_merge_get_pack (self->merge);
  StTemplate *template = st_report_get_template (report);
  GPtrArray *changes = st_merge_get_changes (self->merge);
  GPtrArray *conflicts = st_merge_get_conflicts (self->merge);
  const StRespondent *respondent = st_template_find_respondent (template, st_report_get_pack_respondent (pack));
  g_autofree char *issued = st_format_comment_time (st_report_get_pack_issued (pack));
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *title = NULL;

  /* Translators: the merge window's title; %s is the pack's file name */
  title = g_strdup_printf (_("Merge “%s”"), pack_name);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (respondent != NULL)
    adw_window_title_set_subtitle (self->window_title, respondent->name);

  /* Translators: %s is a department's name, then a date and time */
  g_string_append_printf (summary, _("The pack for %s, issued %s."),
                          respondent != NULL ? respondent->name : st_report_get_pack_respondent (pack), issued);
  g_string_append_c (summary, ' ');
  self->changes_nothing = changes->len == 0 && conflicts->len == 0;
  if (self->changes_nothing)
    g_string_append (summary, _("This pack changes nothing: it matches the report. "
                                "Marking it merged records that it has come back."));
  else if (changes->len > 0)
    g_string_append_printf (summary,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Merging it makes %u change listed below.",
                                         "Merging it makes the %u changes listed below.",
                                         changes->len),
                            changes->len);
  if (conflicts->len > 0)
    {
      if (changes->len > 0)
        g_string_append_c (summary, ' ');
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u section was changed both here and in the pack: choose which text to keep.",
                                           "%u sections were changed both here and in the pack: choose which text to keep for each.",
                                           conflicts->len),
                              conflicts->len);
      /* Only conflicts: say there is nothing else, rather than count no changes */
      if (changes->len == 0)
        {
          g_string_append_c (summary, ' ');
          g_string_append (summary, _("Nothing else in it differs from the report."));
        }
    }
  gtk_label_set_label (self->summary_label, summary->str);

  for (guint i = 0; i < conflicts->len; i++)
    add_conflict (self, template, g_ptr_array_index (conflicts, i), i);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_box), conflicts->len > 0);

  for (guint i = 0; i < changes->len && i < MAX_CHANGE_ROWS; i++)
    adw_preferences_group_add (self->changes_group, change_row (template, g_ptr_array_index (changes, i)));
  if (changes->len > MAX_CHANGE_ROWS)
    adw_preferences_group_add (self->changes_group, more_changes_row (changes, MAX_CHANGE_ROWS));
  gtk_widget_set_visible (GTK_WIDGET (self->changes_group), changes->len > 0);

  /* Nothing to merge, but the pack is back: the report records that, as
   * the pack dialog says whether the last pack has come back */
  if (self->changes_nothing)
    gtk_button_set_label (GTK_BUTTON (self->apply_button), _("_Mark as Merged"));

  update_apply (self);

  /* Where Enter first goes: never to Cancel while there is something to
   * merge. With conflicts, the first one's group of choices, where Enter
   * (pressed once more after choosing the pack, say) chooses nothing for
   * the reviewer; else Merge. */
  if (self->conflict_views->len > 0)
    gtk_window_set_focus (GTK_WINDOW (self),
                          ((ConflictView *) g_ptr_array_index (self->conflict_views, 0))->choices);
  else
    gtk_window_set_focus (GTK_WINDOW (self), self->apply_button);
}

static void
respond (StMergeDialog *self,
         const char    *response)
{
  if (self->answered)
    return;
  self->answered = TRUE;
  g_object_ref (self);
  g_signal_emit (self, signals[RESPONSE], 0, response);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

gboolean
st_merge_dialog_respond (StMergeDialog *self,
                         const char    *response)
{
  g_return_val_if_fail (ST_IS_MERGE_DIALOG (self), FALSE);
  g_return_val_if_fail (response != NULL, FALSE);

  if (g_str_equal (response, "merge") && st_merge_count_unresolved (self->merge) > 0)
    return FALSE;
  respond (self, g_str_equal (response, "merge") ? "merge" : "cancel");
  return TRUE;
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  st_merge_dialog_respond (ST_MERGE_DIALOG (widget), "merge");
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  st_merge_dialog_respond (ST_MERGE_DIALOG (widget), "cancel");
}

static gboolean
st_merge_dialog_close_request (GtkWindow *window)
{
  StMergeDialog *self = ST_MERGE_DIALOG (window);

  /* Closed by the window manager: nothing is merged */
  if (!self->answered)
    {
      self->answered = TRUE;
      g_signal_emit (self, signals[RESPONSE], 0, "cancel");
    }
  return GTK_WINDOW_CLASS (st_merge_dialog_parent_class)->close_request (window);
}

static void
st_merge_dialog_dispose (GObject *object)
{
  StMergeDialog *self = (StMergeDialog *)object;

  /* The buttons' handlers point into the views */
  for (guint i = 0; self->conflict_views != NULL && i < self->conflict_views->len; i++)
    {
      ConflictView *view = g_ptr_array_index (self->conflict_views, i);

      g_signal_handlers_disconnect_by_data (view->report_button, view);
      g_signal_handlers_disconnect_by_data (view->pack_button, view);
      g_signal_handlers_disconnect_by_data (view->custom_button, view);
      if (view->custom_view != NULL)
        g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (view->custom_view), view);
    }
  g_clear_pointer (&self->conflict_views, g_ptr_array_unref);
  g_clear_object (&self->merge);

  G_OBJECT_CLASS (st_merge_dialog_parent_class)->dispose (object);
}

static void
st_merge_dialog_class_init (StMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = st_merge_dialog_dispose;
  window_class->close_request = st_merge_dialog_close_request;

  /**
   * StMergeDialog::response:
   * @response: "merge" or "cancel"
   *
   * The reviewer chose to merge, with every conflict settled, or not to.
   */
  signals[RESPONSE] =
    g_signal_new ("response",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StMergeDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, StMergeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, StMergeDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, StMergeDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StMergeDialog, conflicts_box);
  gtk_widget_class_bind_template_child (widget_class, StMergeDialog, changes_group);

  gtk_widget_class_install_action (widget_class, "merge.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "merge.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "merge.cancel", NULL);
}

static void
st_merge_dialog_init (StMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->conflict_views = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
st_merge_dialog_new (GtkWindow  *parent,
                     StMerge    *merge,
                     const char *pack_name)
{
  StMergeDialog *self;

  g_return_val_if_fail (ST_IS_MERGE (merge), NULL);
  g_return_val_if_fail (pack_name != NULL, NULL);

  self = g_object_new (ST_TYPE_MERGE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->merge = g_object_ref (merge);
  fill (self, pack_name);
  return GTK_WIDGET (self);
}

StMerge *
st_merge_dialog_get_merge (StMergeDialog *self)
{
  g_return_val_if_fail (ST_IS_MERGE_DIALOG (self), NULL);
  return self->merge;
}

gboolean
st_merge_dialog_choose (StMergeDialog *self,
                        guint          index,
                        StMergeChoice  choice,
                        const char    *custom_text)
{
  ConflictView *view;

  g_return_val_if_fail (ST_IS_MERGE_DIALOG (self), FALSE);

  if (index >= self->conflict_views->len)
    return FALSE;
  view = g_ptr_array_index (self->conflict_views, index);

  if (choice == ST_MERGE_TAKE_CUSTOM && custom_text != NULL)
    {
      /* The text first, so that the choice settles with it */
      self->updating = TRUE;
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (ensure_custom_view (view)), custom_text, -1);
      self->updating = FALSE;
    }

  switch (choice)
    {
    case ST_MERGE_TAKE_REPORT:
      gtk_check_button_set_active (view->report_button, TRUE);
      break;
    case ST_MERGE_TAKE_PACK:
      gtk_check_button_set_active (view->pack_button, TRUE);
      break;
    case ST_MERGE_TAKE_CUSTOM:
      gtk_check_button_set_active (view->custom_button, TRUE);
      break;
    case ST_MERGE_UNRESOLVED:
    default:
      gtk_check_button_set_active (view->report_button, FALSE);
      gtk_check_button_set_active (view->pack_button, FALSE);
      gtk_check_button_set_active (view->custom_button, FALSE);
      break;
    }
  /* Already active buttons do not toggle: settle all the same */
  settle_from_buttons (view);
  return st_merge_get_conflicts (self->merge) != NULL &&
         ((StMergeConflict *) g_ptr_array_index (st_merge_get_conflicts (self->merge), index))->choice == choice;
}
