/* st-comment-pane.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-comment-pane.h"

struct _StCommentPane
{
  AdwBin          parent_instance;

  GtkWidget      *header_box;
  GtkLabel       *summary_label;
  GtkWidget      *comment_button;
  GtkBox         *threads_box;
  GtkRevealer    *composer_revealer;
  GtkEntry       *composer_entry;
  GtkLabel       *error_label;

  StWorkflow     *workflow;
  StReport       *report;
  char           *respondent_id;
  char           *item_id;
  char           *section_id;
  GHashTable     *reply_entries;   /* a thread's first comment's id → its GtkEntry */
  char           *highlight_id;    /* the thread shown first, under a title */
  char           *highlight_title;
  GHashTable     *shown_sections;  /* sections whose threads have a pane of their own */
  guint           n_threads;
  guint           n_open;
};

G_DEFINE_FINAL_TYPE (StCommentPane, st_comment_pane, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_N_OPEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
st_format_comment_time (const char *iso8601)
{
  g_autoptr(GDateTime) time = iso8601 != NULL ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;
  char *text;

  if (time == NULL)
    return g_strdup (iso8601 != NULL ? iso8601 : "");
  local = g_date_time_to_local (time);
  /* Translators: a date and time, see g_date_time_format(): "21 November 2026, 10:00" */
  text = g_date_time_format (local, _("%e %B %Y, %H:%M"));
  return g_strstrip (text);
}

static void
show_error (StCommentPane *self,
            const char    *message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
}

/* Out of the way when folded, so that it takes no room */
static void
show_composer (StCommentPane *self,
               gboolean       shown)
{
  gtk_widget_set_visible (GTK_WIDGET (self->composer_revealer), shown);
  gtk_revealer_set_reveal_child (self->composer_revealer, shown);
}

/* Whether this person may start a thread here: the central team may */
static gboolean
can_start_thread (StCommentPane *self)
{
  return self->workflow != NULL &&
         st_workflow_get_role (self->workflow) == ST_ROLE_REVIEWER &&
         !st_report_is_pack (self->report);
}

/* A comment: who wrote it and when, unless the thread's title says so,
 * then its text */
static GtkWidget *
create_comment (const StComment *comment,
                gboolean         with_byline)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *text;

  if (with_byline)
    {
      g_autofree char *when = st_format_comment_time (comment->time);
      g_autofree char *escaped = g_markup_escape_text (comment->author != NULL ? comment->author : "", -1);
      g_autofree char *markup = NULL;
      GtkWidget *byline = gtk_label_new (NULL);

      /* Translators: a comment's author, in bold, then when it was written */
      markup = g_strdup_printf (_("<b>%s</b> · %s"), escaped, when);
      gtk_label_set_markup (GTK_LABEL (byline), markup);
      gtk_label_set_xalign (GTK_LABEL (byline), 0);
      gtk_label_set_wrap (GTK_LABEL (byline), TRUE);
      gtk_widget_add_css_class (byline, "caption");
      gtk_box_append (GTK_BOX (box), byline);
    }

  text = gtk_label_new (comment->text);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), text);
  return box;
}

static gboolean
on_send_shortcut (GtkWidget *entry,
                  GVariant  *args,
                  gpointer   data)
{
  g_signal_emit_by_name (entry, "activate");
  return TRUE;
}

/* Ctrl+Enter sends, as in the return dialog's comment; Enter does too */
static void
add_send_shortcut (GtkWidget *entry)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_callback_action_new (on_send_shortcut, NULL, NULL)));
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (entry, shortcuts);
}

static void
on_reply_activate (GtkEntry *entry)
{
  const char *id = g_object_get_data (G_OBJECT (entry), "comment-id");

  gtk_widget_activate_action (GTK_WIDGET (entry), "comments.reply", "s", id);
}

static GtkWidget *
create_thread (StCommentPane         *self,
               const StCommentThread *thread)
{
  const StComment *root = thread->root;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gboolean highlighted = g_strcmp0 (root->id, self->highlight_id) == 0;
  GtkWidget *first = create_comment (root, !highlighted);
  GtkWidget *resolve;
  g_autofree char *author_label = NULL;
  g_autofree char *thread_label = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "comment-thread");
  g_object_set_data_full (G_OBJECT (card), "comment-id", g_strdup (root->id), g_free);
  /* Translators: the accessible name of a comment thread: who started it */
  thread_label = g_strdup_printf (root->resolved ? _("Resolved comment by %s") : _("Comment by %s"),
                                  root->author != NULL ? root->author : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, thread_label, -1);
  if (root->resolved)
    gtk_widget_add_css_class (card, "resolved");
  /* The comment a return was sent with leads, under a title that says so */
  if (highlighted)
    {
      GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name ("edit-undo-symbolic");
      GtkWidget *title = gtk_label_new (self->highlight_title);

      gtk_widget_add_css_class (card, "review-notice");
      gtk_widget_add_css_class (card, "returned");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_widget_add_css_class (title, "heading");
      gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      self->highlight_title, -1);
      gtk_box_append (GTK_BOX (title_box), icon);
      gtk_box_append (GTK_BOX (title_box), title);
      gtk_box_append (GTK_BOX (card), title_box);
    }
  /* A thread on a section not shown on the form, listed with the whole
   * submission's: say which section it is about */
  if (self->section_id == NULL && root->section != NULL)
    {
      const StSection *section = st_template_find_section (st_report_get_template (self->report), root->section);
      g_autofree char *about = NULL;
      GtkWidget *label;

      /* Translators: the section a comment is about, when it is not shown beside it */
      about = g_strdup_printf (_("On “%s”"), section != NULL ? section->heading : root->section);
      label = gtk_label_new (about);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (card), label);
    }
  gtk_box_append (GTK_BOX (card), first);

  for (guint i = 0; i < thread->replies->len; i++)
    {
      GtkWidget *reply = create_comment (g_ptr_array_index (thread->replies, i), TRUE);

      gtk_widget_add_css_class (reply, "comment-reply");
      gtk_box_append (GTK_BOX (card), reply);
    }

  if (root->resolved)
    {
      GtkWidget *state = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      GtkWidget *label = gtk_label_new (_("Resolved"));

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_hexpand (state, TRUE);
      gtk_box_append (GTK_BOX (state), icon);
      gtk_box_append (GTK_BOX (state), label);
      gtk_box_append (GTK_BOX (actions), state);
      resolve = gtk_button_new_with_mnemonic (_("Re_open"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (resolve), "comments.reopen");
    }
  else
    {
      GtkWidget *entry = gtk_entry_new ();
      GtkWidget *send = gtk_button_new_with_mnemonic (_("Rep_ly"));

      gtk_widget_set_hexpand (entry, TRUE);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reply… (Enter sends)"));
      gtk_widget_set_tooltip_text (entry, _("Enter or Ctrl+Enter sends the reply"));
      add_send_shortcut (entry);
      /* Translators: the accessible name of the entry that answers someone's comment */
      author_label = g_strdup_printf (_("Reply to %s"), root->author != NULL ? root->author : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, author_label, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, first, NULL, -1);
      g_object_set_data_full (G_OBJECT (entry), "comment-id", g_strdup (root->id), g_free);
      g_signal_connect (entry, "activate", G_CALLBACK (on_reply_activate), NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (send), "comments.reply");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (send), "s", root->id);
      gtk_box_append (GTK_BOX (actions), entry);
      gtk_box_append (GTK_BOX (actions), send);
      g_hash_table_insert (self->reply_entries, g_strdup (root->id), entry);
      g_object_set_data (G_OBJECT (card), "reply-entry", entry);
      g_object_set_data (G_OBJECT (card), "reply-button", send);

      resolve = gtk_button_new_with_mnemonic (_("_Resolve"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (resolve), "comments.resolve");
      gtk_widget_set_tooltip_text (resolve, _("Mark the thread as dealt with"));
    }
  gtk_actionable_set_action_target (GTK_ACTIONABLE (resolve), "s", root->id);
  g_object_set_data (G_OBJECT (card), "resolve-button", resolve);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (resolve), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, first, NULL, -1);
  gtk_box_append (GTK_BOX (actions), resolve);
  gtk_box_append (GTK_BOX (card), actions);
  return card;
}

static void
clear_threads (StCommentPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  /* Let go of the focus before its widget goes */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->threads_box)))
    gtk_root_set_focus (root, NULL);
  g_hash_table_remove_all (self->reply_entries);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->threads_box))))
    gtk_box_remove (self->threads_box, child);
}

static void
rebuild (StCommentPane *self)
{
  StSubmission *submission = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  g_autofree char *summary = NULL;
  guint n_threads = 0, n_open = 0;
  gboolean any_on_section = FALSE;

  clear_threads (self);
  if (self->report != NULL)
    submission = st_report_lookup_submission (self->report, self->respondent_id, self->item_id);
  if (submission != NULL)
    threads = st_workflow_list_threads (submission, self->section_id);

  for (guint i = 0; threads != NULL && i < threads->len; i++)
    {
      StCommentThread *thread = g_ptr_array_index (threads, i);
      GtkWidget *card;

      /* The comments on the whole submission have a section of NULL; a
       * section's pane lists only its own. A thread on a section with no
       * pane of its own on the form is listed here, so that every open
       * thread can be reached. */
      if (self->section_id == NULL && thread->root->section != NULL)
        {
          if (self->shown_sections == NULL || g_hash_table_contains (self->shown_sections, thread->root->section))
            continue;
          any_on_section = TRUE;
        }
      card = create_thread (self, thread);
      if (g_strcmp0 (thread->root->id, self->highlight_id) == 0)
        gtk_box_prepend (self->threads_box, card);
      else
        gtk_box_append (self->threads_box, card);
      n_threads++;
      if (!thread->root->resolved)
        n_open++;
    }
  self->n_threads = n_threads;

  if (self->section_id == NULL && !any_on_section)
    {
      /* Above the sections: say what these are about */
      if (self->n_threads == 0)
        summary = g_strdup (_("No comments on the whole submission"));
      else if (n_open == 0)
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u comment on the whole submission, resolved",
                                                "%u comments on the whole submission, all resolved", self->n_threads),
                                   self->n_threads);
      else
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open comment on the whole submission",
                                                "%u open comments on the whole submission", n_open),
                                   n_open);
    }
  else if (self->n_threads == 0)
    summary = g_strdup (_("No comments"));
  else if (n_open == 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u comment, resolved",
                                            "%u comments, all resolved", self->n_threads),
                               self->n_threads);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open comment", "%u open comments", n_open),
                               n_open);
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->threads_box), self->n_threads > 0);
  gtk_widget_set_visible (self->comment_button, can_start_thread (self));
  if (!can_start_thread (self))
    show_composer (self, FALSE);
  /* Nothing to read and nothing to start: the section stays uncluttered */
  gtk_widget_set_visible (GTK_WIDGET (self), self->report != NULL &&
                                             (self->n_threads > 0 || can_start_thread (self)));

  if (n_open != self->n_open)
    {
      self->n_open = n_open;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
    }
}

static void
on_report_changed (StCommentPane *self,
                   StSubmission  *submission,
                   const char    *section_id,
                   StReport      *report)
{
  /* Typing changes a section's text, which the threads do not show */
  if (section_id != NULL)
    return;
  if (submission != NULL &&
      (g_strcmp0 (st_submission_get_respondent_id (submission), self->respondent_id) != 0 ||
       g_strcmp0 (st_submission_get_item_id (submission), self->item_id) != 0))
    return;
  rebuild (self);
}

/* Actions */

static gboolean
has_focus_within (StCommentPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) && gtk_widget_get_mapped (focus);
}

/* The threads are made again after each change to them, and the focus
 * would go with the widget that had it, to the window's first button:
 * it goes to @target's widget in the thread begun by @id instead, or to
 * Comment… when the thread is not listed here */
static void
refocus (StCommentPane *self,
         gboolean       had_focus,
         const char    *id,
         const char    *target)
{
  if (!had_focus || has_focus_within (self))
    return;
  for (GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (self->threads_box));
       card != NULL;
       card = gtk_widget_get_next_sibling (card))
    {
      GtkWidget *widget;

      if (g_strcmp0 (g_object_get_data (G_OBJECT (card), "comment-id"), id) != 0)
        continue;
      widget = g_object_get_data (G_OBJECT (card), target);
      if (widget != NULL && gtk_widget_grab_focus (widget))
        return;
      break;
    }
  if (gtk_widget_get_visible (self->comment_button))
    gtk_widget_grab_focus (self->comment_button);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StCommentPane *self = ST_COMMENT_PANE (widget);

  if (!can_start_thread (self))
    return;
  show_composer (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->composer_entry));
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
post_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StCommentPane *self = ST_COMMENT_PANE (widget);
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->composer_entry)));
  g_autofree char *id = NULL;
  gboolean had_focus = has_focus_within (self);
  g_autoptr(GError) error = NULL;

  if (self->workflow == NULL)
    return;
  if (is_blank (text))
    {
      gtk_widget_error_bell (widget);
      show_error (self, _("Write the comment first"));
      return;
    }
  g_strstrip (text);
  id = g_strdup (st_workflow_add_comment (self->workflow, self->respondent_id, self->item_id, self->section_id,
                                          text, &error));
  if (id == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->composer_entry), "");
  show_composer (self, FALSE);
  /* On to the new thread */
  refocus (self, had_focus, id, "reply-button");
}

static void
on_composer_activate (StCommentPane *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "comments.post", NULL);
}

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StCommentPane *self = ST_COMMENT_PANE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  GtkEditable *entry = g_hash_table_lookup (self->reply_entries, id);
  g_autofree char *text = NULL;
  g_autofree char *thread_id = g_strdup (id);
  gboolean had_focus = has_focus_within (self);
  g_autoptr(GError) error = NULL;

  if (self->workflow == NULL || entry == NULL)
    return;
  text = g_strdup (gtk_editable_get_text (entry));
  if (is_blank (text))
    {
      gtk_widget_error_bell (widget);
      show_error (self, _("Write the reply first"));
      return;
    }
  g_strstrip (text);
  /* The threads are made again once it is added */
  if (st_workflow_reply (self->workflow, thread_id, text, &error) == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  /* Back in the thread's reply, to go on writing */
  refocus (self, had_focus, thread_id, "reply-entry");
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StCommentPane *self = ST_COMMENT_PANE (widget);
  g_autofree char *id = g_variant_dup_string (parameter, NULL);
  gboolean resolved = g_str_equal (action_name, "comments.resolve");
  gboolean had_focus = has_focus_within (self);
  g_autoptr(GError) error = NULL;

  if (self->workflow == NULL)
    return;
  if (!st_workflow_resolve (self->workflow, id, resolved, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  /* On the thread's Reopen, or Resolve again */
  refocus (self, had_focus, id, "resolve-button");
}

/* GObject */

static void
st_comment_pane_dispose (GObject *object)
{
  StCommentPane *self = (StCommentPane *)object;

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  g_clear_object (&self->report);
  g_clear_object (&self->workflow);

  G_OBJECT_CLASS (st_comment_pane_parent_class)->dispose (object);
}

static void
st_comment_pane_finalize (GObject *object)
{
  StCommentPane *self = (StCommentPane *)object;

  g_clear_pointer (&self->reply_entries, g_hash_table_unref);
  g_clear_pointer (&self->respondent_id, g_free);
  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->section_id, g_free);
  g_clear_pointer (&self->highlight_id, g_free);
  g_clear_pointer (&self->highlight_title, g_free);
  g_clear_pointer (&self->shown_sections, g_hash_table_unref);

  G_OBJECT_CLASS (st_comment_pane_parent_class)->finalize (object);
}

static void
st_comment_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StCommentPane *self = ST_COMMENT_PANE (object);

  switch (prop_id)
    {
    case PROP_N_OPEN:
      g_value_set_uint (value, self->n_open);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_comment_pane_class_init (StCommentPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_comment_pane_dispose;
  object_class->finalize = st_comment_pane_finalize;
  object_class->get_property = st_comment_pane_get_property;

  properties[PROP_N_OPEN] =
    g_param_spec_uint ("n-open", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-comment-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, StCommentPane, header_box);
  gtk_widget_class_bind_template_child (widget_class, StCommentPane, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StCommentPane, comment_button);
  gtk_widget_class_bind_template_child (widget_class, StCommentPane, threads_box);
  gtk_widget_class_bind_template_child (widget_class, StCommentPane, composer_revealer);
  gtk_widget_class_bind_template_child (widget_class, StCommentPane, composer_entry);
  gtk_widget_class_bind_template_child (widget_class, StCommentPane, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_composer_activate);

  gtk_widget_class_install_action (widget_class, "comments.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "comments.post", NULL, post_action);
  gtk_widget_class_install_action (widget_class, "comments.reply", "s", reply_action);
  gtk_widget_class_install_action (widget_class, "comments.resolve", "s", resolve_action);
  gtk_widget_class_install_action (widget_class, "comments.reopen", "s", resolve_action);
}

static void
st_comment_pane_init (StCommentPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->reply_entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->composer_entry), _("Enter or Ctrl+Enter posts the comment"));
  add_send_shortcut (GTK_WIDGET (self->composer_entry));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
st_comment_pane_new (void)
{
  return g_object_new (ST_TYPE_COMMENT_PANE, NULL);
}

void
st_comment_pane_show (StCommentPane *self,
                      StWorkflow    *workflow,
                      const char    *respondent_id,
                      const char    *item_id,
                      const char    *section_id)
{
  const char *tooltip;

  g_return_if_fail (ST_IS_COMMENT_PANE (self));
  g_return_if_fail (workflow == NULL || ST_IS_WORKFLOW (workflow));

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  g_set_object (&self->workflow, workflow);
  g_clear_object (&self->report);
  if (workflow != NULL)
    self->report = g_object_ref (st_workflow_get_report (workflow));
  g_free (self->respondent_id);
  self->respondent_id = g_strdup (respondent_id);
  g_free (self->item_id);
  self->item_id = g_strdup (item_id);
  g_free (self->section_id);
  self->section_id = g_strdup (section_id);

  if (self->report != NULL)
    g_signal_connect_object (self->report, "changed", G_CALLBACK (on_report_changed), self, G_CONNECT_SWAPPED);
  gtk_editable_set_text (GTK_EDITABLE (self->composer_entry), "");
  gtk_entry_set_placeholder_text (self->composer_entry,
                                  section_id != NULL ? _("What should change in this section?")
                                                     : _("What should change in this submission?"));
  tooltip = section_id != NULL ? _("Start a thread on this section for the department to answer")
                               : _("Start a thread on the whole submission for the department to answer");
  /* Setting a tooltip on a shown widget asks the display where the
   * pointer is, and the pane goes on to each submission shown */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->comment_button), tooltip) != 0)
    gtk_widget_set_tooltip_text (self->comment_button, tooltip);
  show_composer (self, FALSE);
  show_error (self, NULL);
  rebuild (self);
}

void
st_comment_pane_set_shown_sections (StCommentPane      *self,
                                    const char * const *section_ids)
{
  g_return_if_fail (ST_IS_COMMENT_PANE (self));

  g_clear_pointer (&self->shown_sections, g_hash_table_unref);
  if (section_ids != NULL)
    {
      self->shown_sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; section_ids[i] != NULL; i++)
        g_hash_table_add (self->shown_sections, g_strdup (section_ids[i]));
    }
  rebuild (self);
}

void
st_comment_pane_set_highlight (StCommentPane *self,
                               const char    *comment_id,
                               const char    *title)
{
  g_return_if_fail (ST_IS_COMMENT_PANE (self));
  g_return_if_fail (comment_id == NULL || title != NULL);

  if (g_strcmp0 (self->highlight_id, comment_id) == 0 && g_strcmp0 (self->highlight_title, title) == 0)
    return;
  g_free (self->highlight_id);
  self->highlight_id = g_strdup (comment_id);
  g_free (self->highlight_title);
  self->highlight_title = g_strdup (title);
  rebuild (self);
}

guint
st_comment_pane_get_n_threads (StCommentPane *self)
{
  g_return_val_if_fail (ST_IS_COMMENT_PANE (self), 0);
  return self->n_threads;
}

guint
st_comment_pane_get_n_open (StCommentPane *self)
{
  g_return_val_if_fail (ST_IS_COMMENT_PANE (self), 0);
  return self->n_open;
}

GtkEditable *
st_comment_pane_get_entry (StCommentPane *self,
                           const char    *comment_id)
{
  g_return_val_if_fail (ST_IS_COMMENT_PANE (self), NULL);

  if (comment_id == NULL)
    return can_start_thread (self) ? GTK_EDITABLE (self->composer_entry) : NULL;
  return g_hash_table_lookup (self->reply_entries, comment_id);
}

const char *
st_comment_pane_get_error (StCommentPane *self)
{
  g_return_val_if_fail (ST_IS_COMMENT_PANE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}
