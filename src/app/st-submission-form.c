/* st-submission-form.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-comment-pane.h"
#include "st-issues.h"
#include "st-progress.h"
#include "st-sections-box.h"
#include "st-shown-width-layout.h"
#include "st-submission-form.h"

/* The smallest width of the "Not applicable" row's subtitle, in characters */
#define SUBTITLE_WIDTH_CHARS 10

struct _StSubmissionForm
{
  AdwBin           parent_instance;

  GtkScrolledWindow *scroller;
  GtkLabel        *respondent_label;
  GtkLabel        *title_label;
  GtkLabel        *note_label;
  GtkImage        *status_icon;
  GtkLabel        *status_label;
  GtkImage        *review_icon;
  GtkLabel        *review_label;
  GtkLabel        *comments_label;
  GtkWidget       *submit_button;
  GtkWidget       *approve_button;
  GtkWidget       *return_button;
  GtkWidget       *notice_box;
  GtkImage        *notice_icon;
  GtkLabel        *notice_title;
  GtkLabel        *notice_label;
  GtkWidget       *notice_button;      /* "Reopen for Editing", on a guarded submission */
  StCommentPane   *general_comments;   /* the threads on the whole submission */
  char            *return_title;       /* "Returned by …", while it is returned */
  char            *return_text;        /* and the comment it was returned with */
  GtkListBox      *na_list;
  AdwActionRow    *na_row;
  GtkSwitch       *na_switch;
  AdwEntryRow     *na_reason_row;
  GtkExpander     *earlier_expander;
  GtkBox          *earlier_box;
  GtkBox          *sections_box;
  AdwStatusPage   *not_due_page;

  StReport        *report;
  StIssues        *issues;
  StWorkflow      *workflow;         /* who may do what; NULL edits freely */
  char            *refusal;          /* why the last edit was refused, until the status changes */
  StStatus         refusal_status;
  StStatus         shown_status;     /* the status update_review() last saw */
  gboolean         reopened;         /* the person chose to edit a guarded submission */
  char            *respondent_id;
  char            *item_id;
  GPtrArray       *editors;          /* of StSectionEditor, every section shown */
  gboolean         earlier_pending;  /* earlier rounds' editors are still to be built */
  gboolean         syncing;          /* the controls are being set from the model */
  gboolean         writing;          /* an editor's text is going into the model */
};

G_DEFINE_FINAL_TYPE (StSubmissionForm, st_submission_form, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_RESPONDENT_ID,
  PROP_ITEM_ID,
  PROP_WORKFLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static StSubmission *
lookup_submission (StSubmissionForm *self)
{
  if (self->report == NULL)
    return NULL;
  return st_report_lookup_submission (self->report, self->respondent_id, self->item_id);
}

static StSubmission *
ensure_submission (StSubmissionForm *self)
{
  return st_report_ensure_submission (self->report, self->respondent_id, self->item_id);
}

static void
update_status (StSubmissionForm *self)
{
  StTemplate *template = st_report_get_template (self->report);
  g_autofree char *text = NULL;
  StProgress progress;

  st_progress_compute (self->report,
                       st_template_find_respondent (template, self->respondent_id),
                       st_template_find_item (template, self->item_id),
                       &progress);
  if (self->issues != NULL)
    {
      guint errors, warnings;

      st_issues_count_current (self->issues, self->respondent_id, self->item_id, &errors, &warnings, NULL);
      st_progress_set_issues (&progress, errors, warnings);
    }
  text = st_progress_describe (&progress);
  gtk_label_set_label (self->status_label, text);
  gtk_image_set_from_icon_name (self->status_icon, st_progress_get_icon_name (&progress));
  gtk_widget_set_css_classes (GTK_WIDGET (self->status_icon),
                              (const char *[]) { st_progress_get_style_class (&progress), NULL });
}

static const char *
status_icon_name (StStatus status)
{
  switch (status)
    {
    case ST_STATUS_SUBMITTED:
      return "mail-send-symbolic";
    case ST_STATUS_RETURNED:
      return "edit-undo-symbolic";
    case ST_STATUS_APPROVED:
      return "emblem-ok-symbolic";
    case ST_STATUS_PUBLISHED:
      return "web-browser-symbolic";
    case ST_STATUS_DRAFT:
    default:
      return "document-edit-symbolic";
    }
}

/* The comment a reviewer returned the submission with: the latest one on
 * the whole submission */
static const StComment *
find_return_comment (StSubmission *submission)
{
  GPtrArray *comments = st_submission_get_comments (submission);

  for (guint i = comments->len; i > 0; i--)
    {
      const StComment *comment = g_ptr_array_index (comments, i - 1);

      if (comment->section == NULL && comment->reply_to == NULL)
        return comment;
    }
  return NULL;
}

static StStatus
current_status (StSubmissionForm *self)
{
  StSubmission *submission = lookup_submission (self);

  return submission != NULL ? st_submission_get_status (submission) : ST_STATUS_DRAFT;
}

static void
set_refusal (StSubmissionForm *self,
             const char       *message)
{
  g_free (self->refusal);
  self->refusal = g_strdup (message);
  self->refusal_status = current_status (self);
}

static void
show_notice (StSubmissionForm *self,
             const char       *style,
             const char       *icon_name,
             const char       *title,
             const char       *text)
{
  gtk_widget_set_visible (self->notice_box, title != NULL);
  gtk_widget_set_visible (self->notice_button, FALSE);
  if (title == NULL)
    return;
  gtk_widget_set_css_classes (self->notice_box, (const char *[]) { "card", "review-notice", style, NULL });
  gtk_image_set_from_icon_name (self->notice_icon, icon_name);
  gtk_label_set_label (self->notice_title, title);
  gtk_label_set_label (self->notice_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), text != NULL && *text != '\0');
}

/* Whether a stray keystroke could undo someone's decision: an approved
 * submission goes back to submitted when it is edited, and a department
 * has handed over what it submitted. Such a submission is shown read-only
 * until the person chooses to edit it. */
static gboolean
is_guarded (StSubmissionForm *self,
            StStatus          status)
{
  if (self->workflow != NULL)
    return st_workflow_is_guarded (self->workflow, self->respondent_id, self->item_id);
  return status == ST_STATUS_APPROVED;
}

/* The status in words, the moves open now, the comments still open, and
 * a returned submission's comment or why it cannot be changed */
static void
update_review (StSubmissionForm *self)
{
  StSubmission *submission = lookup_submission (self);
  StStatus status = submission != NULL ? st_submission_get_status (submission) : ST_STATUS_DRAFT;
  g_autoptr(GArray) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status_text = NULL;
  gboolean can_edit = TRUE;
  gboolean guarded;
  GtkRoot *root;
  GtkWidget *focus;
  gboolean can_submit = FALSE, can_approve = FALSE, can_return = FALSE;
  guint open = submission != NULL ? st_workflow_count_unresolved (submission, NULL) : 0;

  /* A refusal holds until the status that caused it changes */
  if (self->refusal != NULL && self->refusal_status != status)
    g_clear_pointer (&self->refusal, g_free);

  /* Choosing to edit lasts until the status moves on, except for the move
   * the editing itself makes: approved back to submitted */
  if (self->shown_status != status)
    {
      if (!(self->shown_status == ST_STATUS_APPROVED && status == ST_STATUS_SUBMITTED))
        self->reopened = FALSE;
      self->shown_status = status;
    }

  /* Translators: the status of a submission: "Status: Submitted" */
  status_text = g_strdup_printf (_("Status: %s"), st_status_get_label (status));
  gtk_label_set_label (self->review_label, status_text);
  gtk_image_set_from_icon_name (self->review_icon, status_icon_name (status));

  gtk_widget_set_visible (GTK_WIDGET (self->comments_label), open > 0);
  if (open > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "· %u open comment",
                                                            "· %u open comments", open),
                                               open);

      gtk_label_set_label (self->comments_label, text);
    }

  if (self->workflow != NULL)
    {
      next = st_workflow_list_next_statuses (self->workflow, self->respondent_id, self->item_id);
      for (guint i = 0; i < next->len; i++)
        {
          StStatus to = g_array_index (next, StStatus, i);

          can_submit |= to == ST_STATUS_SUBMITTED;
          can_approve |= to == ST_STATUS_APPROVED;
          can_return |= to == ST_STATUS_RETURNED;
        }
      can_edit = st_workflow_can_edit (self->workflow, self->respondent_id, self->item_id, &error);
    }
  guarded = can_edit && !self->reopened && is_guarded (self, status);

  /* The keyboard leaves a text view that stops being editable, for the
   * button that reopens it when there is one */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && GTK_IS_TEXT_VIEW (focus) && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sections_box)) &&
      (!can_edit || guarded))
    gtk_root_set_focus (root, NULL);
  else
    focus = NULL;
  /* Only the moves this person can make now are offered */
  gtk_widget_set_visible (self->submit_button, can_submit);
  gtk_widget_set_visible (self->approve_button, can_approve);
  gtk_widget_set_visible (self->return_button, can_return);

  for (guint i = 0; i < self->editors->len; i++)
    {
      StSectionEditor *editor = g_ptr_array_index (self->editors, i);
      GtkTextView *view = st_section_editor_get_text_view (editor);
      gboolean editable = can_edit && !guarded && st_section_editor_get_editable (editor);

      /* The caret stays, to move through read-only text with the keyboard;
       * GTK 4.8 also aborts when a caret is hidden while it blinks */
      gtk_text_view_set_editable (view, editable);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->na_list), can_edit && !guarded);

  if (!can_edit)
    show_notice (self, "locked", "changes-prevent-symbolic",
                 status == ST_STATUS_PUBLISHED ? _("Published and Read-Only") : _("Read-Only"),
                 error->message);
  else if (self->refusal != NULL)
    show_notice (self, "locked", "changes-prevent-symbolic", _("Your Change Was Not Kept"), self->refusal);
  else if (guarded && status == ST_STATUS_APPROVED)
    {
      show_notice (self, "locked", "changes-prevent-symbolic", _("Approved and Read-Only"),
                   _("Changing the text or the reason it does not apply sends this submission back to "
                     "Submitted, and it needs approving again. Undoing the change does not approve it."));
      gtk_button_set_label (GTK_BUTTON (self->notice_button), _("Reopen for E_diting"));
      gtk_widget_set_visible (self->notice_button, TRUE);
    }
  else if (guarded)
    {
      show_notice (self, "locked", "changes-prevent-symbolic", _("Submitted and Read-Only"),
                   _("The central team reviews what you submitted. Edit it only to put right "
                     "what you sent; it stays submitted."));
      gtk_button_set_label (GTK_BUTTON (self->notice_button), _("E_dit"));
      gtk_widget_set_visible (self->notice_button, TRUE);
    }
  else
    show_notice (self, NULL, NULL, NULL, NULL);
  if (focus != NULL && gtk_widget_get_visible (self->notice_button))
    gtk_widget_grab_focus (self->notice_button);

  /* A returned submission leads with the comment it was returned with,
   * where the department can answer it and mark it resolved */
  g_clear_pointer (&self->return_title, g_free);
  g_clear_pointer (&self->return_text, g_free);
  if (status == ST_STATUS_RETURNED && submission != NULL && find_return_comment (submission) != NULL)
    {
      const StComment *comment = find_return_comment (submission);
      g_autofree char *when = st_format_comment_time (comment->time);

      /* Translators: who returned the submission, and when */
      self->return_title = g_strdup_printf (_("Returned by %s on %s"), comment->author, when);
      self->return_text = g_strdup (comment->text);
      st_comment_pane_set_highlight (self->general_comments, comment->id, self->return_title);
    }
  else
    st_comment_pane_set_highlight (self->general_comments, NULL, NULL);
}

/* What the section's count counts, listed when it is pressed */
static void
set_section_findings (StSubmissionForm *self,
                      StSectionEditor  *editor,
                      gboolean          any)
{
  g_autoptr(GPtrArray) findings = NULL;

  if (any)
    {
      findings = st_issues_list_section (self->issues, self->respondent_id, self->item_id,
                                         st_section_editor_get_section_id (editor));
      for (guint i = findings->len; i > 0; i--)
        if (st_finding_get_severity (g_ptr_array_index (findings, i - 1)) == ST_SEVERITY_INFO)
          g_ptr_array_remove_index (findings, i - 1);
    }
  st_section_editor_set_findings (editor, findings);
}

/* Each section says what validation found in it, in words */
static void
update_section_states (StSubmissionForm *self)
{
  for (guint i = 0; i < self->editors->len; i++)
    {
      StSectionEditor *editor = g_ptr_array_index (self->editors, i);
      g_autofree char *errors_text = NULL;
      g_autofree char *warnings_text = NULL;
      g_autofree char *text = NULL;
      guint errors = 0, warnings = 0;

      if (self->issues != NULL && st_section_editor_get_editable (editor))
        st_issues_count (self->issues, self->respondent_id, self->item_id,
                         st_section_editor_get_section_id (editor), &errors, &warnings, NULL);

      if (errors > 0)
        errors_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
      if (warnings > 0)
        warnings_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings),
                                         warnings);
      if (errors_text != NULL && warnings_text != NULL)
        text = g_strdup_printf (_("%s, %s"), errors_text, warnings_text);
      else if (errors_text != NULL || warnings_text != NULL)
        text = g_strdup (errors_text != NULL ? errors_text : warnings_text);

      st_section_editor_set_state (editor,
                                   errors > 0 ? "dialog-error-symbolic" : "dialog-warning-symbolic",
                                   text);
      set_section_findings (self, editor, text != NULL);
    }
}

static void
on_issues_changed (StSubmissionForm *self,
                   const char       *respondent_id,
                   const char       *item_id,
                   StIssues         *issues)
{
  if (self->report == NULL)
    return;
  if (respondent_id != NULL &&
      (g_strcmp0 (respondent_id, self->respondent_id) != 0 || g_strcmp0 (item_id, self->item_id) != 0))
    return;
  update_status (self);
  update_section_states (self);
}

/* The model is the truth: bring every control in line with it */
static void
sync_from_model (StSubmissionForm *self)
{
  StSubmission *submission = lookup_submission (self);
  gboolean not_applicable;

  self->syncing = TRUE;

  for (guint i = 0; i < self->editors->len; i++)
    {
      StSectionEditor *editor = g_ptr_array_index (self->editors, i);
      const char *text = NULL;

      if (submission != NULL)
        text = st_submission_get_text (submission, st_section_editor_get_section_id (editor));
      st_section_editor_set_text (editor, text);
    }

  not_applicable = submission != NULL && st_submission_get_not_applicable (submission);
  gtk_switch_set_active (self->na_switch, not_applicable);
  gtk_widget_set_visible (GTK_WIDGET (self->na_reason_row), not_applicable);
  if (not_applicable)
    {
      const char *reason = st_submission_get_not_applicable_reason (submission);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->na_reason_row)), reason) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->na_reason_row), reason);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->sections_box), !not_applicable);

  self->syncing = FALSE;

  update_status (self);
  update_section_states (self);
  update_review (self);
}

static void
on_editor_text_changed (StSubmissionForm *self,
                        StSectionEditor  *editor)
{
  g_autofree char *text = NULL;
  StSubmission *submission;

  if (self->syncing || self->report == NULL)
    return;

  text = st_section_editor_get_text (editor);
  submission = lookup_submission (self);
  if (submission == NULL && *text == '\0')
    return;  /* Nothing to record until there is some text */

  if (self->workflow != NULL)
    {
      g_autoptr(GError) error = NULL;
      gboolean done;

      /* The workflow's rules apply: a published return cannot change */
      self->writing = TRUE;
      done = st_workflow_set_text (self->workflow, self->respondent_id, self->item_id,
                                   st_section_editor_get_section_id (editor), text, &error);
      self->writing = FALSE;
      if (!done)
        {
          set_refusal (self, error->message);
          sync_from_model (self);
          return;
        }
      update_status (self);
      update_review (self);
      return;
    }

  self->writing = TRUE;
  if (submission == NULL)
    submission = ensure_submission (self);
  st_submission_set_text (submission, st_section_editor_get_section_id (editor), text);
  self->writing = FALSE;
  update_status (self);
}

static void
on_report_changed (StSubmissionForm *self,
                   StSubmission     *submission,
                   const char       *section_id,
                   StReport         *report)
{
  if (submission != NULL &&
      (g_strcmp0 (st_submission_get_respondent_id (submission), self->respondent_id) != 0 ||
       g_strcmp0 (st_submission_get_item_id (submission), self->item_id) != 0))
    return;

  /* Our own edits come back here too, half done: the editors are right */
  if (self->writing)
    return;
  sync_from_model (self);
}

static void
on_na_switch_active (StSubmissionForm *self)
{
  gboolean active = gtk_switch_get_active (self->na_switch);

  if (self->syncing || self->report == NULL)
    return;

  if (active)
    {
      StTemplate *template = st_report_get_template (self->report);
      const char *pattern = st_template_get_layout (template, ST_LAYOUT_NOT_APPLICABLE);
      g_autofree char *reason = NULL;

      /* Start from the sentence the pages publish; the department may say more */
      if (pattern != NULL)
        reason = st_template_expand (template, pattern,
                                     st_template_find_item (template, self->item_id),
                                     st_template_find_respondent (template, self->respondent_id),
                                     NULL);
      st_submission_form_set_not_applicable (self, reason != NULL ? reason : "");
      gtk_widget_grab_focus (GTK_WIDGET (self->na_reason_row));
    }
  else
    st_submission_form_set_not_applicable (self, NULL);
}

static void
on_na_reason_changed (StSubmissionForm *self)
{
  StSubmission *submission;

  if (self->syncing || self->report == NULL)
    return;
  submission = lookup_submission (self);
  if (submission == NULL || !st_submission_get_not_applicable (submission))
    return;
  if (self->workflow != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!st_workflow_set_not_applicable (self->workflow, self->respondent_id, self->item_id,
                                           gtk_editable_get_text (GTK_EDITABLE (self->na_reason_row)), &error))
        {
          set_refusal (self, error->message);
          sync_from_model (self);
        }
      return;
    }
  st_submission_set_not_applicable (submission, gtk_editable_get_text (GTK_EDITABLE (self->na_reason_row)));
}

static void
release_focus (StSubmissionForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Let go of the focus before its widget goes: GTK 4.8 can otherwise
   * look at the removed editor afterwards */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    gtk_root_set_focus (root, NULL);
}

/* Earlier rounds' editors go; this round's stay for the next submission */
static void
clear_earlier (StSubmissionForm *self)
{
  GtkWidget *child;

  release_focus (self);
  for (guint i = self->editors->len; i > 0; i--)
    {
      StSectionEditor *editor = g_ptr_array_index (self->editors, i - 1);

      if (st_section_editor_get_editable (editor))
        continue;
      g_signal_handlers_disconnect_by_data (editor, self);
      g_ptr_array_remove_index (self->editors, i - 1);
    }
  self->earlier_pending = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->earlier_box))))
    gtk_box_remove (self->earlier_box, child);
}

static void
clear_sections (StSubmissionForm *self)
{
  GtkWidget *child;

  release_focus (self);
  for (guint i = 0; i < self->editors->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->editors, i), self);
  g_ptr_array_set_size (self->editors, 0);
  self->earlier_pending = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))))
    gtk_box_remove (self->sections_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->earlier_box))))
    gtk_box_remove (self->earlier_box, child);
}

/* Whether this round's editors can go on to show @item_id's sections:
 * the same ones in the same order. Building a form's editors anew, and
 * styling their widgets for the first frame, is most of a form switch. */
static gboolean
can_keep_editors (StSubmissionForm *self,
                  StReport         *report,
                  const char       *item_id)
{
  StTemplate *template;
  const StItem *item;
  g_autoptr(GPtrArray) sections = NULL;
  guint round, n = 0;

  if (report == NULL || report != self->report)
    return FALSE;
  template = st_report_get_template (report);
  item = st_template_find_item (template, item_id);
  if (item == NULL)
    return FALSE;
  round = st_report_get_round (report);
  sections = st_template_item_sections (template, item, round);
  for (guint i = 0; i < sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (sections, i);
      StSectionEditor *editor;

      if (section->round != round)
        continue;
      if (n >= self->editors->len)
        return FALSE;
      editor = g_ptr_array_index (self->editors, n++);
      if (!st_section_editor_get_editable (editor) ||
          g_strcmp0 (st_section_editor_get_section_id (editor), section->id) != 0)
        return FALSE;
    }
  /* Every editor of this round is taken, and there is at least one */
  return n > 0 && (n == self->editors->len ||
                   !st_section_editor_get_editable (g_ptr_array_index (self->editors, n)));
}

/* What an editor shows beside its text for this submission: the plan
 * a progress section answers, and the threads on the section */
static void
show_section (StSubmissionForm *self,
              StSectionEditor  *editor,
              const StSection  *section)
{
  StTemplate *template = st_report_get_template (self->report);
  const StItem *item = st_template_find_item (template, self->item_id);
  StSubmission *submission = lookup_submission (self);
  const StSection *plan = NULL;

  if (section->kind == ST_SECTION_KIND_PROGRESS)
    {
      plan = st_template_find_plan_for (template, section);
      /* The plan this progress answers, when it was asked for earlier */
      if (plan != NULL && !(plan->round < section->round && st_template_item_has_section (template, item, plan)))
        plan = NULL;
    }
  if (plan != NULL)
    st_section_editor_set_reference (editor, plan->heading,
                                     submission != NULL ? st_submission_get_text (submission, plan->id) : NULL);
  else
    st_section_editor_set_reference (editor, NULL, NULL);

  /* The threads on the section, beside its text */
  st_comment_pane_show (ST_COMMENT_PANE (st_section_editor_get_comments (editor)), self->workflow,
                        self->respondent_id, self->item_id, section->id);
}

static GtkWidget *
add_section_editor (StSubmissionForm *self,
                    const StSection  *section,
                    gboolean          current)
{
  GtkWidget *editor = st_section_editor_new (section->id, section->heading, current);

  st_section_editor_set_comments (ST_SECTION_EDITOR (editor), st_comment_pane_new ());
  show_section (self, ST_SECTION_EDITOR (editor), section);

  g_ptr_array_add (self->editors, editor);
  if (current)
    {
      gtk_box_append (self->sections_box, editor);
      g_signal_connect_object (editor, "text-changed", G_CALLBACK (on_editor_text_changed),
                               self, G_CONNECT_SWAPPED);
    }
  else
    gtk_box_append (self->earlier_box, editor);
  return editor;
}

/* Earlier rounds' sections start folded away: their editors, most of a
 * form in a late round, are built when they are unfolded or asked for */
/* Threads on sections without an editor here go with the whole
 * submission's, so that the open ones the header counts can all be reached */
static void
update_shown_sections (StSubmissionForm *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < self->editors->len; i++)
    g_ptr_array_add (ids, (gpointer) st_section_editor_get_section_id (g_ptr_array_index (self->editors, i)));
  g_ptr_array_add (ids, NULL);
  st_comment_pane_set_shown_sections (self->general_comments, (const char * const *) ids->pdata);
}

static void
build_earlier (StSubmissionForm *self)
{
  StTemplate *template = st_report_get_template (self->report);
  const StItem *item = st_template_find_item (template, self->item_id);
  StSubmission *submission = lookup_submission (self);
  guint round = st_report_get_round (self->report);
  g_autoptr(GPtrArray) sections = st_template_item_sections (template, item, round);

  if (!self->earlier_pending)
    return;
  self->earlier_pending = FALSE;

  self->syncing = TRUE;
  for (guint i = 0; i < sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (sections, i);
      GtkWidget *editor;

      if (section->round == round)
        continue;
      editor = add_section_editor (self, section, FALSE);
      st_section_editor_set_text (ST_SECTION_EDITOR (editor),
                                  submission != NULL ? st_submission_get_text (submission, section->id) : NULL);
    }
  self->syncing = FALSE;
  update_shown_sections (self);
  update_status (self);
  update_section_states (self);
}

static void
on_earlier_expanded (StSubmissionForm *self)
{
  if (gtk_expander_get_expanded (self->earlier_expander))
    build_earlier (self);
}

/* With @keep, this round's editors are those shown already */
static void
build_sections (StSubmissionForm *self,
                gboolean          keep)
{
  StTemplate *template = st_report_get_template (self->report);
  const StItem *item = st_template_find_item (template, self->item_id);
  const StRespondent *respondent = st_template_find_respondent (template, self->respondent_id);
  guint round = st_report_get_round (self->report);
  g_autoptr(GPtrArray) sections = st_template_item_sections (template, item, round);
  g_autofree char *title = NULL;
  const char *pattern;
  StSubmission *submission = lookup_submission (self);
  gboolean any_current = FALSE, any_earlier = FALSE;
  guint n = 0;

  pattern = st_template_get_layout (template, ST_LAYOUT_ITEM_TITLE);
  title = pattern != NULL ? st_template_expand (template, pattern, item, respondent, NULL)
                          : g_strdup (item->title);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->respondent_label, respondent->name);
  gtk_label_set_label (self->note_label, item->note != NULL ? item->note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), item->note != NULL);

  for (guint i = 0; i < sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (sections, i);

      if (section->round == round && keep)
        {
          StSectionEditor *editor = g_ptr_array_index (self->editors, n++);

          /* Its text, with nothing to undo from the last submission */
          self->syncing = TRUE;
          st_section_editor_load_text (editor, submission != NULL ? st_submission_get_text (submission, section->id)
                                                                  : NULL);
          self->syncing = FALSE;
          show_section (self, editor, section);
          any_current = TRUE;
        }
      else if (section->round == round)
        {
          add_section_editor (self, section, TRUE);
          any_current = TRUE;
        }
      else
        any_earlier = TRUE;
    }
  self->earlier_pending = any_earlier;

  gtk_widget_set_visible (GTK_WIDGET (self->earlier_expander), any_earlier);
  /* Unfolded, they are built at once */
  gtk_expander_set_expanded (self->earlier_expander, any_earlier && !any_current);
  if (gtk_expander_get_expanded (self->earlier_expander))
    build_earlier (self);
  gtk_widget_set_visible (GTK_WIDGET (self->not_due_page), !any_current);
  gtk_widget_set_visible (GTK_WIDGET (self->na_list), any_current);
  if (!any_current)
    {
      g_autofree char *description = NULL;
      const StRound *starts = st_template_get_round (template, item->starts);

      description = g_strdup_printf (_("Reporting on this action begins with the %s round."),
                                     starts != NULL ? starts->title : "?");
      adw_status_page_set_description (self->not_due_page, description);
    }
}

static void
reopen_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StSubmissionForm *self = ST_SUBMISSION_FORM (widget);

  if (self->report == NULL)
    return;
  self->reopened = TRUE;
  update_review (self);
  st_submission_form_focus_first (self);
}

static void
st_submission_form_dispose (GObject *object)
{
  StSubmissionForm *self = (StSubmissionForm *)object;

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  g_clear_object (&self->report);
  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_data (self->issues, self);
  g_clear_object (&self->issues);
  g_clear_object (&self->workflow);

  G_OBJECT_CLASS (st_submission_form_parent_class)->dispose (object);
}

static void
st_submission_form_finalize (GObject *object)
{
  StSubmissionForm *self = (StSubmissionForm *)object;

  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_pointer (&self->respondent_id, g_free);
  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->return_title, g_free);
  g_clear_pointer (&self->return_text, g_free);

  G_OBJECT_CLASS (st_submission_form_parent_class)->finalize (object);
}

static void
st_submission_form_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StSubmissionForm *self = ST_SUBMISSION_FORM (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    case PROP_RESPONDENT_ID:
      g_value_set_string (value, self->respondent_id);
      break;

    case PROP_ITEM_ID:
      g_value_set_string (value, self->item_id);
      break;

    case PROP_WORKFLOW:
      g_value_set_object (value, self->workflow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_submission_form_class_init (StSubmissionFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_submission_form_dispose;
  object_class->finalize = st_submission_form_finalize;
  object_class->get_property = st_submission_form_get_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, ST_TYPE_REPORT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESPONDENT_ID] =
    g_param_spec_string ("respondent-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKFLOW] =
    g_param_spec_object ("workflow", NULL, NULL, ST_TYPE_WORKFLOW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-submission-form.ui");
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, scroller);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, respondent_label);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, title_label);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, note_label);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, status_icon);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, status_label);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, review_icon);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, review_label);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, comments_label);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, submit_button);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, approve_button);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, return_button);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, notice_box);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, notice_icon);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, notice_title);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, notice_label);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, notice_button);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, na_list);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, na_row);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, na_switch);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, na_reason_row);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, earlier_expander);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, earlier_box);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, sections_box);
  gtk_widget_class_bind_template_child (widget_class, StSubmissionForm, not_due_page);
  gtk_widget_class_bind_template_callback (widget_class, on_na_switch_active);
  gtk_widget_class_bind_template_callback (widget_class, on_na_reason_changed);

  /* An approved submission (or a submitted one, for its department) is
   * edited only once the person has chosen to */
  gtk_widget_class_install_action (widget_class, "form.reopen", NULL, reopen_activated);

  g_type_ensure (ST_TYPE_SECTION_EDITOR);
  g_type_ensure (ST_TYPE_SECTIONS_BOX);
  g_type_ensure (ST_TYPE_SHOWN_WIDTH_LAYOUT);
}

static GtkWidget *
find_label_with_class (GtkWidget  *widget,
                       const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, css_class))
        return child;
      found = find_label_with_class (child, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
st_submission_form_init (StSubmissionForm *self)
{
  GtkWidget *subtitle;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->editors = g_ptr_array_new ();
  g_signal_connect_object (self->earlier_expander, "notify::expanded", G_CALLBACK (on_earlier_expanded),
                           self, G_CONNECT_SWAPPED);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->na_switch),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->na_row, NULL,
                                  -1);

  /* The row's subtitle names the department, so it changes with nearly
   * every form. Kept to one line (subtitle-lines), it still wrapped, and
   * GTK 4.8 measures a wrapping label that is shorter than its row by
   * laying it out at width after width, a search that found the one line
   * it is cut short to anyway. It no longer wraps, and a smallest width
   * of a few words keeps the line from being cut to nothing. AdwActionRow
   * has no call for its subtitle's label: it is the one with the style
   * class "subtitle". */
  subtitle = find_label_with_class (GTK_WIDGET (self->na_row), "subtitle");
  if (subtitle != NULL)
    {
      gtk_label_set_wrap (GTK_LABEL (subtitle), FALSE);
      gtk_label_set_width_chars (GTK_LABEL (subtitle), SUBTITLE_WIDTH_CHARS);
    }

  /* Under the notice: the comments on the whole submission, where the
   * department answers a return's comment and marks it resolved */
  self->general_comments = ST_COMMENT_PANE (st_comment_pane_new ());
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->notice_box)),
                              GTK_WIDGET (self->general_comments), self->notice_box);
}

GtkWidget *
st_submission_form_new (void)
{
  return g_object_new (ST_TYPE_SUBMISSION_FORM, NULL);
}

void
st_submission_form_show (StSubmissionForm *self,
                         StReport         *report,
                         const char       *respondent_id,
                         const char       *item_id)
{
  StTemplate *template;
  g_autofree char *subtitle = NULL;
  gboolean keep;

  g_return_if_fail (ST_IS_SUBMISSION_FORM (self));
  g_return_if_fail (report == NULL || ST_IS_REPORT (report));

  keep = can_keep_editors (self, report, item_id);
  if (keep)
    clear_earlier (self);
  else
    clear_sections (self);
  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  g_set_object (&self->report, report);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->respondent_id, g_free);
  g_clear_pointer (&self->item_id, g_free);
  self->reopened = FALSE;

  if (report != NULL)
    {
      template = st_report_get_template (report);
      g_return_if_fail (st_template_find_respondent (template, respondent_id) != NULL);
      g_return_if_fail (st_template_find_item (template, item_id) != NULL);

      self->respondent_id = g_strdup (respondent_id);
      self->item_id = g_strdup (item_id);
      g_signal_connect_object (report, "changed", G_CALLBACK (on_report_changed), self, G_CONNECT_SWAPPED);

      build_sections (self, keep);
      st_comment_pane_show (self->general_comments, self->workflow, respondent_id, item_id, NULL);
      update_shown_sections (self);
      sync_from_model (self);

      subtitle = g_strdup_printf (_("Whether the action applies to %s"),
                                  st_template_find_respondent (template, respondent_id)->abbreviation);
      adw_action_row_set_subtitle (self->na_row, subtitle);
    }
  else
    st_comment_pane_show (self->general_comments, NULL, NULL, NULL, NULL);

  /* A new form starts at its top */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESPONDENT_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM_ID]);
}

void
st_submission_form_set_issues (StSubmissionForm *self,
                               StIssues         *issues)
{
  g_return_if_fail (ST_IS_SUBMISSION_FORM (self));
  g_return_if_fail (issues == NULL || ST_IS_ISSUES (issues));

  if (self->issues == issues)
    return;
  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_data (self->issues, self);
  g_set_object (&self->issues, issues);
  if (issues != NULL)
    g_signal_connect_object (issues, "changed", G_CALLBACK (on_issues_changed), self, G_CONNECT_SWAPPED);
  if (self->report != NULL)
    {
      update_status (self);
      update_section_states (self);
    }
}

void
st_submission_form_reveal (StSubmissionForm *self,
                           const char       *section_id,
                           guint             start,
                           guint             end)
{
  StSectionEditor *editor;

  g_return_if_fail (ST_IS_SUBMISSION_FORM (self));

  editor = section_id != NULL ? st_submission_form_get_editor (self, section_id) : NULL;
  if (editor == NULL)
    {
      st_submission_form_focus_first (self);
      return;
    }
  /* An earlier round's section is folded away */
  if (!st_section_editor_get_editable (editor))
    gtk_expander_set_expanded (self->earlier_expander, TRUE);
  st_section_editor_select_range (editor, start, end);
}

StReport *
st_submission_form_get_report (StSubmissionForm *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION_FORM (self), NULL);
  return self->report;
}

const char *
st_submission_form_get_respondent_id (StSubmissionForm *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION_FORM (self), NULL);
  return self->respondent_id;
}

const char *
st_submission_form_get_item_id (StSubmissionForm *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION_FORM (self), NULL);
  return self->item_id;
}

StSectionEditor *
st_submission_form_get_editor (StSubmissionForm *self,
                               const char       *section_id)
{
  g_return_val_if_fail (ST_IS_SUBMISSION_FORM (self), NULL);

  for (guint i = 0; i < self->editors->len; i++)
    {
      StSectionEditor *editor = g_ptr_array_index (self->editors, i);

      if (g_strcmp0 (st_section_editor_get_section_id (editor), section_id) == 0)
        return editor;
    }
  /* Perhaps one of an earlier round, not built yet */
  if (self->earlier_pending)
    {
      build_earlier (self);
      return st_submission_form_get_editor (self, section_id);
    }
  return NULL;
}

GPtrArray *
st_submission_form_get_editors (StSubmissionForm *self)
{
  GPtrArray *editors;

  g_return_val_if_fail (ST_IS_SUBMISSION_FORM (self), NULL);

  editors = g_ptr_array_new ();
  for (guint i = 0; i < self->editors->len; i++)
    {
      StSectionEditor *editor = g_ptr_array_index (self->editors, i);

      if (st_section_editor_get_editable (editor))
        g_ptr_array_add (editors, editor);
    }
  return editors;
}

void
st_submission_form_focus_first (StSubmissionForm *self)
{
  g_autoptr(GPtrArray) editors = NULL;
  StSectionEditor *target = NULL;

  g_return_if_fail (ST_IS_SUBMISSION_FORM (self));

  editors = st_submission_form_get_editors (self);
  for (guint i = 0; i < editors->len && target == NULL; i++)
    {
      StSectionEditor *editor = g_ptr_array_index (editors, i);

      if (st_section_editor_get_word_count (editor) == 0)
        target = editor;
    }
  if (target == NULL && editors->len > 0)
    target = g_ptr_array_index (editors, 0);

  if (target != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (st_section_editor_get_text_view (target)));
}

const char *
st_submission_form_get_status_text (StSubmissionForm *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION_FORM (self), NULL);
  return gtk_label_get_label (self->status_label);
}

void
st_submission_form_set_not_applicable (StSubmissionForm *self,
                                       const char       *reason)
{
  StSubmission *submission;

  g_return_if_fail (ST_IS_SUBMISSION_FORM (self));
  g_return_if_fail (self->report != NULL);

  if (self->workflow != NULL && (reason != NULL || lookup_submission (self) != NULL))
    {
      g_autoptr(GError) error = NULL;

      if (!st_workflow_set_not_applicable (self->workflow, self->respondent_id, self->item_id, reason, &error))
        {
          set_refusal (self, error->message);
        }
      sync_from_model (self);
      return;
    }

  submission = reason != NULL ? ensure_submission (self) : lookup_submission (self);
  if (submission == NULL)
    return;
  st_submission_set_not_applicable (submission, reason);
  /* The model emits nothing when it already agreed */
  sync_from_model (self);
}

void
st_submission_form_set_workflow (StSubmissionForm *self,
                                 StWorkflow       *workflow)
{
  g_return_if_fail (ST_IS_SUBMISSION_FORM (self));
  g_return_if_fail (workflow == NULL || ST_IS_WORKFLOW (workflow));

  if (!g_set_object (&self->workflow, workflow))
    return;
  if (self->report != NULL)
    st_comment_pane_show (self->general_comments, workflow, self->respondent_id, self->item_id, NULL);
  for (guint i = 0; i < self->editors->len; i++)
    {
      StSectionEditor *editor = g_ptr_array_index (self->editors, i);

      st_comment_pane_show (ST_COMMENT_PANE (st_section_editor_get_comments (editor)), workflow,
                            self->respondent_id, self->item_id, st_section_editor_get_section_id (editor));
    }
  if (self->report != NULL)
    update_review (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKFLOW]);
}

StWorkflow *
st_submission_form_get_workflow (StSubmissionForm *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION_FORM (self), NULL);
  return self->workflow;
}

const char *
st_submission_form_get_notice (StSubmissionForm *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION_FORM (self), NULL);

  if (gtk_widget_get_visible (self->notice_box))
    return gtk_label_get_label (self->notice_title);
  return self->return_title;
}

const char *
st_submission_form_get_notice_text (StSubmissionForm *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION_FORM (self), NULL);

  if (gtk_widget_get_visible (self->notice_box))
    return gtk_label_get_label (self->notice_label);
  return self->return_text;
}

const char *
st_submission_form_get_review_text (StSubmissionForm *self)
{
  g_return_val_if_fail (ST_IS_SUBMISSION_FORM (self), NULL);
  return gtk_label_get_label (self->review_label);
}

StCommentPane *
st_submission_form_get_comment_pane (StSubmissionForm *self,
                                     const char       *section_id)
{
  StSectionEditor *editor;

  g_return_val_if_fail (ST_IS_SUBMISSION_FORM (self), NULL);

  if (section_id == NULL)
    return self->general_comments;
  editor = st_submission_form_get_editor (self, section_id);
  return editor != NULL ? ST_COMMENT_PANE (st_section_editor_get_comments (editor)) : NULL;
}
