/* st-window.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-application.h"
#include "st-export-dialog.h"
#include "st-history-dialog.h"
#include "st-importer.h"
#include "st-merge-dialog.h"
#include "st-pack-dialog.h"
#include "st-print-operation.h"
#include "st-issues-panel.h"
#include "st-review-queue.h"
#include "st-search-panel.h"
#include "st-overview.h"
#include "st-window.h"

/* What to do once a save has finished */
typedef enum {
  AFTER_SAVE_NOTHING,
  AFTER_SAVE_CLOSE,
} AfterSave;

struct _StWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  GtkBox               *drafts_box;
  GtkListBox           *drafts_list;
  GtkBox               *recent_box;
  GtkListBox           *recent_list;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_pane;
  GtkWidget            *content_pane;
  StSidebar            *sidebar;
  AdwWindowTitle       *window_title;
  GtkWidget            *step_box;
  GtkStack             *content_stack;
  StOverview           *overview;
  StSubmissionForm     *form;
  StIssuesPanel        *issues_panel;
  StSearchPanel        *search_panel;
  GtkWidget            *issues_button;
  StReviewQueue        *review_queue;
  GtkWidget            *review_button;
  GtkRevealer          *export_revealer;
  GtkLabel             *export_label;
  GtkProgressBar       *export_progress;
  GMenu                *recent_submenu;
  GMenu                *transfer_section;
  GMenuModel           *primary_menu;
  GtkMenuButton        *welcome_menu_button;
  GtkMenuButton        *menu_button;

  GSettings            *settings;
  StDrafts             *drafts;

  StReport             *report;
  StIssues             *issues;
  StWorkflow           *workflow;         /* who may do what to the report */
  StHistory            *history;          /* the texts at the last save */
  GFile                *file;
  char                 *file_checksum;    /* of the bytes last read or written */
  GFileMonitor         *file_monitor;     /* for changes other programs make to it */
  guint                 file_check_id;    /* …once they have settled */
  char                 *told_checksum;    /* the other program's version last told of */
  char                 *seen_etag;        /* the file's modification time when last read, written or looked at */
  AdwToast             *file_toast;       /* the toast that tells of it, while shown */
  char                 *sidebar_mode;
  gboolean              is_modified;
  guint                 autosave_id;
  AfterSave             after_save;
  gboolean              closing;          /* the user chose to close */
  GtkNativeDialog      *chooser;
  GtkWindow            *draft_dialog;         /* weak: the offer to restore, while shown */
  GCancellable         *export_cancellable;   /* while exporting */
  StReport             *round_undo;           /* the report before a new round, while it can be undone */
  gboolean              round_undo_modified;  /* and whether it had unsaved changes */
  AdwToast             *round_toast;          /* the toast that offers to undo it */
  guint                 round_tick_id;        /* a new round waiting for the busy window to be shown */
  guint                 round_start_id;       /* …and then for the frame to be done */
  GDate                 round_updated;        /* its "Updated" date meanwhile */
  StReport             *round_report;         /* …and the report it is for */
  AdwToast             *toast;                /* the last notification, while shown */
  char                 *pack_respondent_id;   /* the department the last pack was made for */
  GFile                *export_file;
  gboolean              export_publish;       /* publish once it is written */
  guint                 export_left_out;      /* answered submissions not approved, left out */
  GPtrArray            *merge_queue;          /* of GFile: packs still to merge, while merging */
};

G_DEFINE_FINAL_TYPE (StWindow, st_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_FILE,
  PROP_IS_MODIFIED,
  PROP_SIDEBAR_MODE,
  PROP_EXPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void save_as (StWindow *self, AfterSave after);
static void save (StWindow *self, AfterSave after);
static gboolean reload (StWindow *self, GError **error);
static void update_review_actions (StWindow *self);
static void clear_round_undo (StWindow *self);
static void on_finding_activated (StWindow *self, StFinding *finding);
static void on_match_activated (StWindow *self, StSearchMatch *match);
static void on_find_close_requested (StWindow *self);
static void on_queue_submission_activated (StWindow *self, const char *respondent_id, const char *item_id);

static StApplication *
get_application (StWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  return application != NULL ? ST_APPLICATION (application) : NULL;
}

static char *
display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));
  return g_file_get_basename (file);
}

static char *
checksum_bytes (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* The file's entity tag (its modification time), NULL if it has none:
 * a cheap way to tell that it has not changed */
static char *
file_etag (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_strdup (g_file_info_get_etag (info)) : NULL;
}

/* The checksum of the file as it is on disk now, NULL if it cannot be read */
static char *
checksum_file (GFile *file)
{
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);

  return bytes != NULL ? checksum_bytes (bytes) : NULL;
}

static void
update_title (StWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *title = NULL;

  if (self->report == NULL || self->file == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Stocktake"));
      return;
    }

  name = display_name (self->file);
  title = g_strdup_printf ("%s%s", self->is_modified ? "• " : "",
                           st_template_get_title (st_report_get_template (self->report)));
  adw_window_title_set_title (self->window_title, title);
  if (st_report_is_pack (self->report))
    {
      StTemplate *template = st_report_get_template (self->report);
      const StRespondent *respondent = st_template_find_respondent (template,
                                                                     st_report_get_pack_respondent (self->report));
      g_autofree char *subtitle = NULL;

      /* Translators: a department pack's subtitle: the department's name, then the file's */
      subtitle = g_strdup_printf (_("Pack for %s – %s"),
                                  respondent != NULL ? respondent->name : st_report_get_pack_respondent (self->report),
                                  name);
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  else
    adw_window_title_set_subtitle (self->window_title, name);

  /* Translators: the window's title: a "•" when there are unsaved changes,
   * then the file's name */
  window_title = g_strdup_printf (_("%s%s – Stocktake"), self->is_modified ? "• " : "", name);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
update_actions (StWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_report = self->report != NULL;
  /* A department's pack changes that department's returns and nothing else */
  gboolean whole_report = has_report && !st_report_is_pack (self->report);

  gtk_widget_action_set_enabled (widget, "win.save", has_report);
  gtk_widget_action_set_enabled (widget, "win.save-as", has_report);
  gtk_widget_action_set_enabled (widget, "win.show-overview", has_report);
  gtk_widget_action_set_enabled (widget, "win.show-issues", has_report);
  /* The central team reviews the full report; a department's pack has
   * nothing waiting for it */
  gtk_widget_action_set_enabled (widget, "win.show-review-queue", whole_report);
  gtk_widget_set_visible (self->review_button, whole_report);
  gtk_widget_action_set_enabled (widget, "win.export", has_report && self->export_cancellable == NULL);
  gtk_widget_action_set_enabled (widget, "win.stop-export", self->export_cancellable != NULL);
  gtk_widget_action_set_enabled (widget, "win.import", whole_report);
  gtk_widget_action_set_enabled (widget, "win.print", has_report);
  gtk_widget_action_set_enabled (widget, "win.make-pack", whole_report);
  gtk_widget_action_set_enabled (widget, "win.merge-packs", whole_report && self->merge_queue == NULL);
  gtk_widget_action_set_enabled (widget, "win.show-history", has_report);
  gtk_widget_action_set_enabled (widget, "win.next-submission", has_report);
  gtk_widget_action_set_enabled (widget, "win.previous-submission", has_report);
  gtk_widget_action_set_enabled (widget, "win.search", has_report);
  gtk_widget_action_set_enabled (widget, "win.find", has_report);
  gtk_widget_action_set_enabled (widget, "win.show-sidebar", has_report);
  gtk_widget_action_set_enabled (widget, "win.sidebar-mode", has_report);
  gtk_widget_action_set_enabled (widget, "win.start-new-round",
                                 has_report && !st_report_is_pack (self->report) &&
                                 self->round_tick_id == 0 && self->round_start_id == 0);
  gtk_widget_action_set_enabled (widget, "win.undo-new-round", self->round_undo != NULL);
}

static void
set_modified (StWindow *self,
              gboolean  modified)
{
  modified = !!modified;
  if (self->is_modified == modified)
    return;
  self->is_modified = modified;
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_MODIFIED]);
}

static void
show_message (StWindow   *self,
              const char *heading,
              const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_toast_dismissed (AdwToast *toast,
                    StWindow *self)
{
  if (self->toast == toast)
    g_clear_object (&self->toast);
}

/* A notification replaces the one before: approving returns one after
 * another, each says what was just done, not what was done seconds ago */
static void
show_toast (StWindow   *self,
            const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  if (self->toast != NULL)
    {
      g_autoptr(AdwToast) shown = g_steal_pointer (&self->toast);

      adw_toast_dismiss (shown);
    }
  self->toast = g_object_ref (toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Autosave */

static gboolean
autosave_cb (gpointer user_data)
{
  StWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (!st_window_autosave_now (self, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Could not keep a copy of the unsaved changes: %s"),
                                                error->message);

      g_warning ("%s", title);
      show_toast (self, title);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (StWindow *self)
{
  guint delay = 5;

  if (self->drafts == NULL || self->file == NULL)
    return;
  if (self->settings != NULL)
    delay = g_settings_get_uint (self->settings, "autosave-delay");

  /* Counted from when typing stops */
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add_seconds (MAX (delay, 1), autosave_cb, self);
}

static void
discard_draft (StWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->drafts == NULL || self->file == NULL || (path = g_file_get_path (self->file)) == NULL)
    return;
  if (!st_drafts_discard (self->drafts, path, &error))
    g_warning ("%s", error->message);
}

gboolean
st_window_autosave_now (StWindow  *self,
                        GError   **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->report == NULL || self->drafts == NULL || !self->is_modified)
    return TRUE;
  if (self->file == NULL || (path = g_file_get_path (self->file)) == NULL)
    return TRUE;
  /* With the file the edits were made on, so that restoring them can tell
   * whether it has changed since */
  return st_drafts_write (self->drafts, path, self->report, self->file_checksum, error);
}

/* The report */

static void
on_report_changed (StWindow     *self,
                   StSubmission *submission,
                   const char   *section_id,
                   StReport     *report)
{
  /* Undoing a new round would lose this change */
  if (self->round_undo != NULL)
    clear_round_undo (self);
  set_modified (self, TRUE);
  schedule_autosave (self);
  update_review_actions (self);
}

/* The name history entries and comments record: the preference, else
 * what the system knows */
static char *
get_author (StWindow *self)
{
  g_autofree char *name = NULL;

  if (self->settings != NULL)
    name = g_strstrip (g_settings_get_string (self->settings, "author-name"));
  if (name == NULL || *name == '\0')
    return st_history_default_author ();
  return g_steal_pointer (&name);
}

static void
on_author_changed (StWindow *self)
{
  g_autofree char *author = get_author (self);

  if (self->workflow != NULL)
    st_workflow_set_author (self->workflow, author);
}

static void
update_issues_button (StWindow *self)
{
  g_autofree char *tooltip = NULL;
  guint errors = 0, warnings = 0;

  if (self->issues != NULL)
    st_issues_count_all (self->issues, &errors, &warnings, NULL);
  {
    g_autofree char *errors_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors),
                                                    errors);
    g_autofree char *warnings_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                                   warnings),
                                                      warnings);

    /* Translators: a tooltip: "Issues: 3 errors, 1 warning (F8)" */
    tooltip = g_strdup_printf (_("Issues: %s, %s (F8)"), errors_text, warnings_text);
  }
  /* Setting it asks the display where the pointer is: not on every
   * keystroke when the counts stay the same */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->issues_button), tooltip) != 0)
    gtk_widget_set_tooltip_text (self->issues_button, tooltip);
}

/* Another program saving the file is told of as it happens, not first
 * when the user saves: the user can reload it then if nothing here is
 * unsaved, and knows that saving will ask if something is */
static void
on_reload_clicked (StWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* Edited since the toast came: reloading would lose that now */
  if (self->is_modified)
    {
      save (self, AFTER_SAVE_NOTHING);
      return;
    }
  if (!reload (self, &error))
    show_message (self, _("Could Not Reload the Report"), error->message);
}

static void
on_file_toast_dismissed (AdwToast *toast,
                         StWindow *self)
{
  if (self->file_toast == toast)
    self->file_toast = NULL;
}

/* Saved or reloaded: what the toast said is no longer so */
static void
dismiss_file_toast (StWindow *self)
{
  if (self->file_toast != NULL)
    adw_toast_dismiss (self->file_toast);
}

static gboolean
check_file_cb (gpointer user_data)
{
  StWindow *self = user_data;
  g_autofree char *etag = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  self->file_check_id = 0;
  if (self->file == NULL)
    return G_SOURCE_REMOVE;

  /* Not changed since we last read, wrote or looked at it: a save of
   * ours comes here too, and the file need not be read again */
  etag = file_etag (self->file);
  if (etag != NULL && g_strcmp0 (etag, self->seen_etag) == 0)
    return G_SOURCE_REMOVE;
  g_free (self->seen_etag);
  self->seen_etag = g_steal_pointer (&etag);

  /* Gone, ours, or told already */
  on_disk = checksum_file (self->file);
  if (on_disk == NULL || g_strcmp0 (on_disk, self->file_checksum) == 0 ||
      g_strcmp0 (on_disk, self->told_checksum) == 0)
    return G_SOURCE_REMOVE;
  g_free (self->told_checksum);
  self->told_checksum = g_steal_pointer (&on_disk);

  name = display_name (self->file);
  if (self->is_modified)
    title = g_strdup_printf (_("“%s” was changed by another program. Your changes are kept: "
                               "saving asks what to do with theirs."), name);
  else
    title = g_strdup_printf (_("“%s” was changed by another program"), name);
  show_toast (self, title);
  toast = self->toast;
  self->file_toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_file_toast_dismissed), self, 0);
  /* It stays until it is answered or something else is said */
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (!self->is_modified)
    {
      adw_toast_set_button_label (toast, _("_Reload"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_reload_clicked), self, G_CONNECT_SWAPPED);
    }
  return G_SOURCE_REMOVE;
}

static void
on_file_changed (StWindow          *self,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT)
    return;
  /* A save comes as several events: the file is read once they stop */
  g_clear_handle_id (&self->file_check_id, g_source_remove);
  self->file_check_id = g_timeout_add (250, check_file_cb, self);
}

static void
watch_file (StWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->file_check_id, g_source_remove);
  g_clear_pointer (&self->told_checksum, g_free);
  if (self->file_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_monitor, self);
      g_file_monitor_cancel (self->file_monitor);
      g_clear_object (&self->file_monitor);
    }
  if (self->file == NULL)
    return;

  self->file_monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->file_monitor == NULL)
    {
      /* Saving still checks the file before it writes */
      g_debug ("Not watching for changes to the report: %s", error->message);
      return;
    }
  g_signal_connect_object (self->file_monitor, "changed", G_CALLBACK (on_file_changed), self, G_CONNECT_SWAPPED);
}

/* @same_contents says that @file is the one shown and holds what it held,
 * so that its checksum stays: reading a large file again takes a while */
static void
set_report (StWindow *self,
            StReport *report,
            GFile    *file,
            GBytes   *contents,
            gboolean  same_contents)
{
  const char *respondent_id = NULL, *item_id = NULL;
  g_autofree char *keep_respondent = NULL;
  g_autofree char *keep_item = NULL;
  gboolean same_file;

  same_file = file != NULL && self->file != NULL && g_file_equal (file, self->file);
  if (same_file && st_sidebar_get_selected (self->sidebar, &respondent_id, &item_id))
    {
      keep_respondent = g_strdup (respondent_id);
      keep_item = g_strdup (item_id);
    }

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  clear_round_undo (self);

  g_set_object (&self->report, report);
  g_set_object (&self->file, file);
  if (!same_file || self->file_monitor == NULL)
    watch_file (self);
  if (!same_contents)
    {
      g_clear_pointer (&self->file_checksum, g_free);
      g_clear_pointer (&self->seen_etag, g_free);
      if (contents != NULL)
        self->file_checksum = checksum_bytes (contents);
      else if (file != NULL)
        self->file_checksum = checksum_file (file);
      if (file != NULL)
        self->seen_etag = file_etag (file);
    }

  if (report != NULL)
    g_signal_connect_object (report, "changed", G_CALLBACK (on_report_changed), self, G_CONNECT_SWAPPED);

  /* A department pack is edited by its department; a whole report by the
   * central team */
  g_clear_object (&self->workflow);
  g_clear_object (&self->history);
  if (report != NULL)
    {
      const char *pack_respondent = st_report_get_pack_respondent (report);
      g_autofree char *author = get_author (self);

      self->history = st_history_new (report);
      self->workflow = st_workflow_new (report,
                                        pack_respondent != NULL ? ST_ROLE_DEPARTMENT : ST_ROLE_REVIEWER,
                                        pack_respondent, author);
      st_workflow_set_history (self->workflow, self->history);
    }
  st_submission_form_show (self->form, NULL, NULL, NULL);
  st_submission_form_set_workflow (self->form, self->workflow);

  /* The views take the new findings once they show the new report */
  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_data (self->issues, self);
  g_clear_object (&self->issues);
  st_sidebar_set_issues (self->sidebar, NULL);
  st_overview_set_issues (self->overview, NULL);
  st_submission_form_set_issues (self->form, NULL);
  if (self->issues_panel != NULL)
    st_issues_panel_set_issues (self->issues_panel, NULL);
  if (self->review_queue != NULL)
    st_review_queue_set_report (self->review_queue, NULL, NULL);
  /* A pack shows its department alone */
  st_sidebar_set_respondent_filter (self->sidebar, report != NULL ? st_report_get_pack_respondent (report) : NULL);
  st_overview_set_respondent_filter (self->overview, report != NULL ? st_report_get_pack_respondent (report) : NULL);
  st_sidebar_set_report (self->sidebar, report);
  st_overview_set_report (self->overview, report);
  if (self->search_panel != NULL)
    st_search_panel_set_report (self->search_panel, report, self->workflow);
  if (report != NULL)
    {
      self->issues = st_issues_new (report);
      g_signal_connect_object (self->issues, "changed", G_CALLBACK (update_issues_button), self, G_CONNECT_SWAPPED);
      st_sidebar_set_issues (self->sidebar, self->issues);
      st_overview_set_issues (self->overview, self->issues);
      st_submission_form_set_issues (self->form, self->issues);
      if (self->issues_panel != NULL)
        st_issues_panel_set_issues (self->issues_panel, self->issues);
      if (self->review_queue != NULL)
        st_review_queue_set_report (self->review_queue, report, self->issues);
      st_workflow_set_validator (self->workflow, st_issues_get_validator (self->issues));
    }
  update_issues_button (self);
  self->is_modified = FALSE;
  update_title (self);
  update_actions (self);
  update_review_actions (self);

  gtk_stack_set_visible_child_name (self->main_stack, report != NULL ? "report" : "welcome");
  if (keep_respondent != NULL)
    st_window_show_submission (self, keep_respondent, keep_item);
  else
    st_window_show_overview (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_MODIFIED]);
}

/* The Issues panel, the review queue and the find page are made when
 * first shown or asked for, not with the window: they are hidden at
 * first, and making them and giving them the report took about 10 ms
 * before the window's first frame */
static StIssuesPanel *
ensure_issues_panel (StWindow *self)
{
  if (self->issues_panel == NULL)
    {
      self->issues_panel = ST_ISSUES_PANEL (st_issues_panel_new ());
      g_signal_connect_object (self->issues_panel, "finding-activated", G_CALLBACK (on_finding_activated),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->issues_panel), "issues");
      st_issues_panel_set_issues (self->issues_panel, self->issues);
    }
  return self->issues_panel;
}

static StReviewQueue *
ensure_review_queue (StWindow *self)
{
  if (self->review_queue == NULL)
    {
      self->review_queue = ST_REVIEW_QUEUE (st_review_queue_new ());
      g_signal_connect_object (self->review_queue, "selection-changed", G_CALLBACK (update_review_actions),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->review_queue, "submission-activated",
                               G_CALLBACK (on_queue_submission_activated), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->review_queue), "review");
      st_review_queue_set_report (self->review_queue, self->report, self->issues);
    }
  return self->review_queue;
}

static StSearchPanel *
ensure_search_panel (StWindow *self)
{
  if (self->search_panel == NULL)
    {
      self->search_panel = ST_SEARCH_PANEL (st_search_panel_new ());
      g_signal_connect_object (self->search_panel, "match-activated", G_CALLBACK (on_match_activated),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->search_panel, "close-requested", G_CALLBACK (on_find_close_requested),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->search_panel), "find");
      st_search_panel_set_report (self->search_panel, self->report, self->workflow);
    }
  return self->search_panel;
}

void
st_window_set_report (StWindow *self,
                      StReport *report,
                      GFile    *file,
                      GBytes   *contents)
{
  g_return_if_fail (ST_IS_WINDOW (self));
  g_return_if_fail (report == NULL || ST_IS_REPORT (report));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  set_report (self, report, file, contents, FALSE);
}

/* Shows @report, changed from the file shown, in place of the report
 * shown: the file on disk is as it was */
static void
set_report_unsaved (StWindow *self,
                    StReport *report)
{
  set_report (self, report, self->file, NULL, TRUE);
}

void
st_window_show_load_error (StWindow              *self,
                           GFile                 *file,
                           const GError          *error,
                           const StErrorLocation *location)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (ST_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (error != NULL);

  name = display_name (file);
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  if (g_error_matches (error, ST_ERROR, ST_ERROR_PAGE))
    /* Translators: %s is “This looks like a published page, not a Stocktake report” */
    body = g_strdup_printf (_("%s.\n\nUse Import Published Pages… in the main menu to read it into a report."),
                            error->message);
  else if (location != NULL && location->line > 0 && !g_error_matches (error, ST_ERROR, ST_ERROR_SYNTAX))
    body = g_strdup_printf (_("Line %u, column %u: %s"), location->line, location->column, error->message);
  else
    /* A damaged file's message says where already */
    body = g_strdup (error->message);
  show_message (self, heading, body);
}

gboolean
st_window_open_file (StWindow *self,
                     GFile    *file)
{
  StApplication *application;

  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  application = get_application (self);
  g_return_val_if_fail (application != NULL, FALSE);
  return st_application_open_file (application, file, self) != NULL;
}

/* Drafts */

static char *
describe_change (StReport            *report,
                 const StDraftChange *change)
{
  StTemplate *template = st_report_get_template (report);
  const StRespondent *respondent;
  const StItem *item;
  const StSection *section;
  g_autofree char *item_title = NULL;
  const char *pattern;

  if (change->kind == ST_DRAFT_CHANGE_REPORT)
    {
      for (guint i = 0; change->section_id != NULL && i < st_template_get_n_preamble (template); i++)
        {
          section = st_template_get_preamble (template, i);
          if (g_str_equal (section->id, change->section_id))
            return g_strdup_printf (_("The report’s “%s”"), section->heading);
        }
      return g_strdup (_("The report’s date or round"));
    }

  respondent = st_template_find_respondent (template, change->respondent_id);
  item = st_template_find_item (template, change->item_id);
  if (respondent == NULL || item == NULL)
    return g_strdup (_("A submission"));

  pattern = st_template_get_layout (template, ST_LAYOUT_ITEM_TITLE);
  item_title = pattern != NULL ? st_template_expand (template, pattern, item, NULL, NULL)
                               : g_strdup (item->title);
  /* Keep the line short: the action's number is enough to find it */
  if (item->number > 0)
    {
      g_free (item_title);
      item_title = g_strdup_printf ("%s %u", st_template_get_display_word (template, ST_WORD_ITEM), item->number);
    }

  switch (change->kind)
    {
    case ST_DRAFT_CHANGE_TEXT:
      section = st_template_find_section (template, change->section_id);
      /* Translators: department, action: section heading */
      return g_strdup_printf (_("%s, %s: %s"), respondent->abbreviation, item_title,
                              section != NULL ? section->heading : change->section_id);
    case ST_DRAFT_CHANGE_NOT_APPLICABLE:
      return g_strdup_printf (_("%s, %s: whether it applies"), respondent->abbreviation, item_title);
    case ST_DRAFT_CHANGE_STATUS:
      return g_strdup_printf (_("%s, %s: status"), respondent->abbreviation, item_title);
    case ST_DRAFT_CHANGE_OTHER:
    case ST_DRAFT_CHANGE_REPORT:
    default:
      return g_strdup_printf (_("%s, %s: comments"), respondent->abbreviation, item_title);
    }
}

static void
on_draft_response (AdwMessageDialog *dialog,
                   const char       *response,
                   StWindow         *self)
{
  g_autoptr(GError) error = NULL;

  /* The dialog closes itself once it has answered */
  if (self->draft_dialog == GTK_WINDOW (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->draft_dialog);
      self->draft_dialog = NULL;
    }

  if (g_str_equal (response, "restore"))
    {
      if (!st_window_restore_draft (self, &error))
        show_message (self, _("Could Not Restore the Unsaved Changes"), error->message);
    }
  else if (g_str_equal (response, "discard"))
    discard_draft (self);
  /* Closed: the draft stays for next time */
}

gboolean
st_window_offer_draft (StWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) draft = NULL;
  g_autoptr(StDraftInfo) info = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GString) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) local = NULL;
  AdwMessageDialog *dialog;
  const guint shown = 8;
  gboolean file_changed;

  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);

  if (self->report == NULL || self->file == NULL || self->drafts == NULL ||
      (path = g_file_get_path (self->file)) == NULL ||
      !st_drafts_has_draft (self->drafts, path))
    return FALSE;

  draft = st_drafts_read (self->drafts, path, &info, &error);
  if (draft == NULL)
    {
      g_warning ("Ignoring the draft of %s: %s", path, error->message);
      return FALSE;
    }

  changes = st_drafts_compare (self->report, draft);
  if (changes->len == 0)
    {
      /* Saved since: nothing to bring back */
      discard_draft (self);
      return FALSE;
    }

  name = display_name (self->file);
  local = g_date_time_to_local (info->saved);
  when = g_date_time_format (local, "%e %B %Y %H:%M");
  g_strstrip (when);

  body = g_string_new (NULL);
  g_string_append_printf (body, _("Stocktake closed before these changes to “%s” were saved (last kept %s):"),
                          name, when);
  g_string_append_c (body, '\n');
  /* Someone saved the file since: what differs is theirs as well as ours */
  file_changed = info->file_checksum != NULL && g_strcmp0 (info->file_checksum, self->file_checksum) != 0;
  for (guint i = 0; i < changes->len && i < shown; i++)
    {
      g_autofree char *line = describe_change (draft, g_ptr_array_index (changes, i));

      g_string_append_printf (body, "\n• %s", line);
    }
  if (changes->len > shown)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more change", "and %u more changes",
                                                 changes->len - shown),
                              changes->len - shown);
    }
  if (file_changed)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body, _("“%s” has been changed by another program since, so this list also shows "
                                      "its changes, which restoring would take back. If you restore, Stocktake "
                                      "asks before saving over them."),
                              name);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Restore Unsaved Changes?"),
                                                       body->str));
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_draft_response), self, 0);
  if (self->draft_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->draft_dialog), (gpointer *) &self->draft_dialog);
  self->draft_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->draft_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

gboolean
st_window_restore_draft (StWindow  *self,
                         GError   **error)
{
  g_autoptr(StReport) draft = NULL;
  g_autoptr(StReport) saved = NULL;
  g_autoptr(StDraftInfo) info = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->file != NULL, FALSE);

  path = g_file_get_path (self->file);
  draft = st_drafts_read (self->drafts, path, &info, error);
  if (draft == NULL)
    return FALSE;

  /* Restored some other way than through the offer: the offer goes */
  if (self->draft_dialog != NULL)
    gtk_window_close (self->draft_dialog);

  /* The file on disk is what it was: only the report is the draft's */
  set_report_unsaved (self, draft);
  /* The edits were made on the file as it was then: if another program
   * has saved it since, saving asks before writing over its changes */
  if (info->file_checksum != NULL)
    {
      g_free (self->file_checksum);
      self->file_checksum = g_strdup (info->file_checksum);
    }

  /* The history's "last save" is the file, not the draft, so that the
   * restored edits are recorded when they are saved */
  saved = st_report_new_from_file (path, NULL, NULL);
  if (saved != NULL)
    st_history_take_snapshot (self->history, saved);
  set_modified (self, TRUE);
  return TRUE;
}

/* Navigation */

void
st_window_show_submission (StWindow   *self,
                           const char *respondent_id,
                           const char *item_id)
{
  g_return_if_fail (ST_IS_WINDOW (self));
  g_return_if_fail (self->report != NULL);

  /* Selecting in the sidebar comes back through on_submission_selected */
  if (!st_sidebar_select (self->sidebar, respondent_id, item_id))
    return;
  if (g_strcmp0 (st_submission_form_get_respondent_id (self->form), respondent_id) != 0 ||
      g_strcmp0 (st_submission_form_get_item_id (self->form), item_id) != 0)
    st_submission_form_show (self->form, self->report, respondent_id, item_id);
  gtk_stack_set_visible_child_name (self->content_stack, "form");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
st_window_show_overview (StWindow *self)
{
  g_return_if_fail (ST_IS_WINDOW (self));

  st_sidebar_unselect (self->sidebar);
  gtk_stack_set_visible_child_name (self->content_stack, "overview");
}

void
st_window_show_issues (StWindow *self)
{
  g_return_if_fail (ST_IS_WINDOW (self));
  g_return_if_fail (self->report != NULL);

  st_sidebar_unselect (self->sidebar);
  ensure_issues_panel (self);
  gtk_stack_set_visible_child_name (self->content_stack, "issues");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  /* The keyboard goes along, not to the header's first button */
  gtk_widget_child_focus (GTK_WIDGET (self->issues_panel), GTK_DIR_TAB_FORWARD);
}

void
st_window_show_review_queue (StWindow *self)
{
  g_return_if_fail (ST_IS_WINDOW (self));
  g_return_if_fail (self->report != NULL);

  st_sidebar_unselect (self->sidebar);
  ensure_review_queue (self);
  gtk_stack_set_visible_child_name (self->content_stack, "review");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  st_review_queue_focus (self->review_queue);
}

StReviewQueue *
st_window_get_review_queue (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return ensure_review_queue (self);
}

/* Opens a submission with characters @start to @end of a section selected:
 * where a finding or a match of a search is */
static void
show_place (StWindow   *self,
            const char *respondent_id,
            const char *item_id,
            const char *section_id,
            guint       start,
            guint       end)
{
  st_window_show_submission (self, respondent_id, item_id);
  st_submission_form_reveal (self->form, section_id, start, end);
}

void
st_window_show_finding (StWindow  *self,
                        StFinding *finding)
{
  g_return_if_fail (ST_IS_WINDOW (self));
  g_return_if_fail (ST_IS_FINDING (finding));

  show_place (self, st_finding_get_respondent_id (finding), st_finding_get_item_id (finding),
              st_finding_get_section_id (finding), st_finding_get_start (finding), st_finding_get_end (finding));
}

static void
on_finding_activated (StWindow  *self,
                      StFinding *finding)
{
  st_window_show_finding (self, finding);
}

void
st_window_show_find (StWindow *self)
{
  GtkWidget *focus;
  g_autofree char *selected = NULL;

  g_return_if_fail (ST_IS_WINDOW (self));
  g_return_if_fail (self->report != NULL);

  /* Text selected in a section is what the user most likely wants found */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (GTK_IS_TEXT_VIEW (focus))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
      GtkTextIter start, end;

      if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
          gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
        selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  st_sidebar_unselect (self->sidebar);
  ensure_search_panel (self);
  gtk_stack_set_visible_child_name (self->content_stack, "find");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  st_search_panel_focus (self->search_panel, selected);
}

static void
on_match_activated (StWindow      *self,
                    StSearchMatch *match)
{
  show_place (self, st_search_match_get_respondent_id (match), st_search_match_get_item_id (match),
              st_search_match_get_section_id (match), st_search_match_get_start (match),
              st_search_match_get_end (match));
}

/* Back to the form the search started from, or to the overview */
static void
on_find_close_requested (StWindow *self)
{
  const char *respondent_id = st_submission_form_get_respondent_id (self->form);
  const char *item_id = st_submission_form_get_item_id (self->form);

  if (respondent_id != NULL && item_id != NULL)
    st_window_show_submission (self, respondent_id, item_id);
  else
    st_window_show_overview (self);
}

static void
on_submission_selected (StWindow   *self,
                        const char *respondent_id,
                        const char *item_id)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  /* Narrow, the form takes the list's place: the focus goes with it, to
   * where a wide window's form puts it, and not to the form's first label
   * with all its text selected, as GTK would */
  gboolean in_list = focus != NULL && gtk_widget_is_ancestor (focus, self->sidebar_pane);
  gboolean leaving_list = in_list && adw_leaflet_get_folded (self->leaflet);
  g_autoptr(GtkWidget) kept = NULL;

  if (leaving_list)
    gtk_root_set_focus (GTK_ROOT (self), NULL);
  /* Wide, the arrow keys go on through the list: the leaflet would move
   * the focus to the content's first button as it shows the form */
  else if (in_list)
    kept = g_object_ref (focus);
  st_window_show_submission (self, respondent_id, item_id);
  if (leaving_list)
    st_submission_form_focus_first (self->form);
  else if (kept != NULL && gtk_root_get_focus (GTK_ROOT (self)) != kept &&
           gtk_widget_get_root (kept) == GTK_ROOT (self))
    gtk_widget_grab_focus (kept);
}

static void
on_submission_activated (StWindow   *self,
                         const char *respondent_id,
                         const char *item_id)
{
  /* Let go of the overview's cell first: GTK would hand the focus to the
   * form's first label, which selects its text */
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  st_window_show_submission (self, respondent_id, item_id);
  st_submission_form_focus_first (self->form);
}

static void
on_leaflet_folded (StWindow *self)
{
  /* Narrow, the header has room for the way back but not for stepping;
   * Ctrl+Page Up and Down still step */
  gtk_widget_set_visible (self->step_box, !adw_leaflet_get_folded (self->leaflet));

  /* Folded with nothing chosen: start from the list */
  if (adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "form") != 0)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar_pane);
}

/* Saving */

static void
on_save_error_response (AdwMessageDialog *dialog,
                        const char       *response,
                        StWindow         *self)
{
  if (g_str_equal (response, "save-as") && self->report != NULL)
    save_as (self, AFTER_SAVE_NOTHING);
}

static gboolean
can_write (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info == NULL || g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE);
}

/* What refused to be written when saving @file was denied, in words, or
 * NULL when neither the file nor its folder says */
static char *
describe_refusal (GFile *file,
                  GFile *folder)
{
  GFileType type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL);
  g_autofree char *name = display_name (file);
  g_autofree char *folder_name = NULL;

  /* A device, written to as it is */
  if (type == G_FILE_TYPE_SPECIAL)
    return g_strdup_printf (_("“%s” is a device that cannot be written to. "
                              "Use Save As… to save the report in a file."),
                            name);
  /* The report is written beside the file and renamed over it, so it is
   * the folder that has to be writable; but a read-only file stays so */
  if (type == G_FILE_TYPE_REGULAR && !can_write (file))
    return g_strdup_printf (_("“%s” is read-only, so the report cannot be saved over it. "
                              "Use Save As… to save it under another name."),
                            name);
  if (type == G_FILE_TYPE_REGULAR && can_write (folder))
    return NULL;

  folder_name = display_name (folder);
  return g_strdup_printf (_("The folder “%s” cannot be written to, so the report cannot be saved there. "
                            "Use Save As… to save it somewhere else."),
                          folder_name);
}

/* Saving @file failed: the heading names the file it was being saved as,
 * which after Save As… is not the one open */
static void
on_save_error (StWindow     *self,
               GFile        *file,
               const GError *error)
{
  g_autofree char *name = display_name (file);
  g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  self->after_save = AFTER_SAVE_NOTHING;
  self->closing = FALSE;

  if (folder != NULL &&
      (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
       g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_PERM) ||
       g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ROFS)))
    body = describe_refusal (file, folder);
  if (body == NULL)
    {
      show_message (self, heading, error->message);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "close", _("_Close"),
                                    "save-as", _("Save _As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save-as", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save-as");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_error_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
write_to (StWindow  *self,
          GFile     *file,
          GError   **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *old_path = self->file != NULL ? g_file_get_path (self->file) : NULL;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Reports can only be saved to local files"));
      return FALSE;
    }
  /* Each changed section keeps who changed it, when, and its old text */
  if (self->history != NULL)
    {
      g_autofree char *author = get_author (self);

      st_history_record (self->history, author);
    }
  if (!st_report_save_to_file (self->report, path, error))
    return FALSE;

  /* What was saved is what the file is now: there is nothing to undo to */
  if (self->round_undo != NULL)
    clear_round_undo (self);
  if (self->search_panel != NULL)
    st_search_panel_dismiss_undo_toast (self->search_panel);
  /* The draft of the old name has done its job */
  discard_draft (self);
  if (self->file == NULL || !g_file_equal (file, self->file))
    {
      g_set_object (&self->file, file);
      watch_file (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  g_free (self->file_checksum);
  self->file_checksum = checksum_file (file);
  g_free (self->seen_etag);
  self->seen_etag = file_etag (file);
  dismiss_file_toast (self);
  set_modified (self, FALSE);
  update_title (self);
  if (get_application (self) != NULL)
    st_application_add_recent (get_application (self), file);
  return TRUE;
}

static gboolean
close_cb (gpointer user_data)
{
  StWindow *self = user_data;

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* Closes once the dialog that asked has gone: closing from its response
 * handler would finalise the window under it */
static void
close_later (StWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
}

static void
finish_save (StWindow *self)
{
  AfterSave after = self->after_save;

  self->after_save = AFTER_SAVE_NOTHING;
  if (after == AFTER_SAVE_CLOSE)
    close_later (self);
}

static void
save_now (StWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!write_to (self, self->file, &error))
    {
      on_save_error (self, self->file, error);
      return;
    }
  finish_save (self);
}

static gboolean
reload (StWindow  *self,
        GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(StReport) report = NULL;
  StErrorLocation location = { 0 };
  gconstpointer data;
  gsize length;

  bytes = g_file_load_bytes (self->file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  report = st_report_new_from_data (data, length, &location, error);
  if (report == NULL)
    {
      if (location.line > 0)
        g_prefix_error (error, _("Line %u, column %u: "), location.line, location.column);
      st_error_location_clear (&location);
      return FALSE;
    }
  discard_draft (self);
  st_window_set_report (self, report, self->file, bytes);
  dismiss_file_toast (self);
  return TRUE;
}

static void
on_conflict_response (AdwMessageDialog *dialog,
                      const char       *response,
                      StWindow         *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "overwrite"))
    save_now (self);
  else if (g_str_equal (response, "save-as"))
    save_as (self, self->after_save);
  else if (g_str_equal (response, "reload"))
    {
      self->after_save = AFTER_SAVE_NOTHING;
      if (!reload (self, &error))
        show_message (self, _("Could Not Reload the Report"), error->message);
    }
  else
    {
      self->after_save = AFTER_SAVE_NOTHING;
      self->closing = FALSE;
    }
}

static void
save (StWindow  *self,
      AfterSave  after)
{
  g_autofree char *on_disk = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (self->report != NULL);

  if (self->file == NULL)
    {
      save_as (self, after);
      return;
    }
  self->after_save = after;

  /* Someone else's changes are never overwritten unasked. A file that has
   * gone is simply written again. */
  on_disk = checksum_file (self->file);
  if (on_disk == NULL || g_strcmp0 (on_disk, self->file_checksum) == 0)
    {
      save_now (self);
      return;
    }

  name = display_name (self->file);
  body = g_strdup_printf (_("“%s” was changed by another program after you opened it. "
                            "Reload it to see those changes (yours are lost), overwrite it with yours "
                            "(theirs are lost), or save yours under another name."),
                          name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The File Changed on Disk"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "reload", _("_Reload"),
                                    "overwrite", _("_Overwrite"),
                                    "save-as", _("Save _As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "overwrite", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save-as", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save-as");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_save_as_response (GtkNativeDialog *chooser,
                     int              response,
                     StWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    {
      self->after_save = AFTER_SAVE_NOTHING;
      self->closing = FALSE;
      return;
    }
  if (!write_to (self, file, &error))
    {
      on_save_error (self, file, error);
      return;
    }
  finish_save (self);
}

gboolean
st_window_save_to_file (StWindow *self,
                        GFile    *file)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  if (!write_to (self, file, &error))
    {
      on_save_error (self, file, error);
      return FALSE;
    }
  return TRUE;
}

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) reports = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (reports, _("Stocktake reports"));
  gtk_file_filter_add_mime_type (reports, "application/x-stocktake-report");
  gtk_file_filter_add_mime_type (reports, "application/json");
  gtk_file_filter_add_suffix (reports, "stocktake");
  gtk_file_filter_add_suffix (reports, "json");
  gtk_file_chooser_add_filter (chooser, reports);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  gtk_file_chooser_set_filter (chooser, reports);
}

/* A modal chooser of report files for this window, opening in the folder
 * of the report it shows */
static GtkFileChooserNative *
new_report_chooser (StWindow             *self,
                    const char           *title,
                    GtkFileChooserAction  action,
                    const char           *accept_label)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser));
  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, NULL);
    }
  return chooser;
}

/* Shows @chooser (taking it) as the window's one file chooser, which
 * @response_cb (a handler of "response" with the window as its data) then
 * answers */
static void
show_chooser (StWindow             *self,
              GtkFileChooserNative *chooser,
              GCallback             response_cb)
{
  g_signal_connect_object (chooser, "response", response_cb, self, 0);
  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
save_as (StWindow  *self,
         AfterSave  after)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  g_return_if_fail (self->report != NULL);

  self->after_save = after;
  chooser = new_report_chooser (self, _("Save Report As"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  if (self->file != NULL)
    name = g_file_get_basename (self->file);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     name != NULL ? name : _("Report.stocktake"));
  show_chooser (self, chooser, G_CALLBACK (on_save_as_response));
}

/* Exporting */

static char *
default_export_folder (StWindow *self)
{
  g_autofree char *folder = NULL;

  if (self->settings != NULL)
    folder = g_settings_get_string (self->settings, "export-folder");
  if (folder != NULL && *folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&folder);
  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);

      if (parent != NULL)
        return g_file_get_path (parent);
    }
  return NULL;
}

static void
on_export_progress (guint       done,
                    guint       total,
                    const char *view,
                    gpointer    user_data)
{
  StWindow *self = user_data;
  g_autofree char *text = NULL;

  if (total == 0)
    return;
  gtk_progress_bar_set_fraction (self->export_progress, (double) done / total);
  /* Translators: "Exporting: 12 of 34 pages" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exporting: %u of %u page", "Exporting: %u of %u pages",
                                       total),
                          done, total);
  gtk_label_set_label (self->export_label, text);
}

static void
on_export_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean publish = self->export_publish;
  guint left_out = self->export_left_out;

  self->export_publish = FALSE;
  self->export_left_out = 0;
  st_export_to_file_finish (ST_REPORT (object), result, &error);

  g_clear_object (&self->export_cancellable);
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORTING]);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  name = self->export_file != NULL ? display_name (self->export_file) : NULL;
  if (error == NULL && publish && ST_REPORT (object) == self->report && self->workflow != NULL)
    {
      g_autoptr(GError) publish_error = NULL;
      g_autofree char *title = NULL;
      guint n = st_workflow_publish_approved (self->workflow, &publish_error);

      if (publish_error != NULL)
        {
          show_message (self, _("Could Not Mark the Returns Published"), publish_error->message);
          return;
        }
      if (n > 0)
        {
          set_modified (self, TRUE);
          schedule_autosave (self);
          update_review_actions (self);
        }
      /* Translators: %s is a file's name */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Exported to “%s”; %u return is now published",
                                            "Exported to “%s”; %u returns are now published",
                                            n),
                               name, n);
      show_toast (self, title);
    }
  else if (error == NULL && left_out > 0)
    {
      /* Translators: %s is a file's name, %u a count of submissions */
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Exported to “%s”; %u submission not approved was left out",
                                                             "Exported to “%s”; %u submissions not approved were left out",
                                                             left_out),
                                                name, left_out);

      show_toast (self, title);
    }
  else if (error == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Exported to “%s”"), name);

      show_toast (self, title);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, _("Export stopped"));
  else
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Export to “%s”"), name);

      show_message (self, heading, error->message);
    }
}

gboolean
st_window_export (StWindow       *self,
                  const char     *view,
                  StExportFormat  format,
                  GFile          *file)
{
  return st_window_export_full (self, view, ST_VIEW_EVERYTHING, format, file);
}

gboolean
st_window_export_for_publication (StWindow        *self,
                                  const char      *view,
                                  StExportFormat   format,
                                  GFile           *file,
                                  GError         **error)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->report == NULL || self->workflow == NULL ||
      st_workflow_get_role (self->workflow) != ST_ROLE_REVIEWER || st_report_is_pack (self->report))
    {
      g_set_error_literal (error, ST_ERROR, ST_ERROR_REFUSED,
                           _("Only the central team publishes, from the full report"));
      return FALSE;
    }
  if (!g_str_equal (view, "all") && !g_str_equal (view, "site"))
    {
      g_set_error_literal (error, ST_ERROR, ST_ERROR_REFUSED,
                           _("Publishing writes the whole update: the whole document or every page"));
      return FALSE;
    }
  if (!st_window_export_full (self, view, ST_VIEW_APPROVED_ONLY, format, file))
    return FALSE;
  self->export_publish = TRUE;
  return TRUE;
}

gboolean
st_window_export_full (StWindow       *self,
                       const char     *view,
                       StViewContent   content,
                       StExportFormat  format,
                       GFile          *file)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->report == NULL || self->export_cancellable != NULL)
    return FALSE;
  if ((path = g_file_get_path (file)) == NULL)
    {
      show_message (self, _("Could Not Export"), _("Pages can only be exported to local files"));
      return FALSE;
    }

  /* The next export starts where this one went */
  if (self->settings != NULL)
    {
      g_autoptr(GFile) folder = g_str_equal (view, "site") ? g_object_ref (file) : g_file_get_parent (file);
      g_autofree char *folder_path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (folder_path != NULL)
        g_settings_set_string (self->settings, "export-folder", folder_path);
    }

  g_set_object (&self->export_file, file);
  /* Counted now, as the pages are made from the report as it is now */
  self->export_left_out = content == ST_VIEW_APPROVED_ONLY
                          ? st_document_count_unapproved (self->report, NULL) : 0;
  self->export_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->export_progress, 0);
  gtk_label_set_label (self->export_label, _("Exporting…"));
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORTING]);

  /* The pages are laid out in a worker thread; the window goes on */
  st_export_to_file_async (self->report, view, content, format, path, self->export_cancellable,
                           on_export_progress, self, NULL,
                           on_export_done, g_object_ref (self));
  return TRUE;
}

void
st_window_stop_export (StWindow *self)
{
  g_return_if_fail (ST_IS_WINDOW (self));

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

gboolean
st_window_get_exporting (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  return self->export_cancellable != NULL;
}

typedef struct {
  char           *view;
  StViewContent   content;
  StExportFormat  format;
  gboolean        publish;
} ExportChoice;

static void
export_choice_free (ExportChoice *choice)
{
  g_free (choice->view);
  g_free (choice);
}

static void
on_export_chooser_response (GtkNativeDialog *chooser,
                            int              response,
                            StWindow        *self)
{
  ExportChoice *choice = g_object_get_data (G_OBJECT (chooser), "choice");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && choice->publish)
    {
      g_autoptr(GError) error = NULL;

      if (!st_window_export_for_publication (self, choice->view, choice->format, file, &error) && error != NULL)
        show_message (self, _("Could Not Publish"), error->message);
    }
  else if (file != NULL)
    st_window_export_full (self, choice->view, choice->content, choice->format, file);
  g_clear_object (&self->chooser);
}

static void
on_export_dialog_response (StExportDialog *dialog,
                           const char     *response,
                           StWindow       *self)
{
  GtkFileChooserNative *chooser;
  ExportChoice *choice;
  g_autofree char *folder = NULL;
  gboolean site;

  if (!g_str_equal (response, "export"))
    return;

  choice = g_new0 (ExportChoice, 1);
  choice->view = g_strdup (st_export_dialog_get_view (dialog));
  choice->format = st_export_dialog_get_format (dialog);
  choice->content = st_export_dialog_get_content (dialog);
  choice->publish = st_export_dialog_get_publish (dialog);
  site = g_str_equal (choice->view, "site");

  chooser = gtk_file_chooser_native_new (site ? _("Export Every Page to a Folder") : _("Export"),
                                         GTK_WINDOW (self),
                                         site ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  folder = default_export_folder (self);
  if (folder != NULL)
    {
      g_autoptr(GFile) folder_file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder_file, NULL);
    }
  if (!site)
    {
      g_autofree char *name = st_export_dialog_get_filename (dialog);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_object_set_data_full (G_OBJECT (chooser), "choice", choice, (GDestroyNotify) export_choice_free);
  show_chooser (self, chooser, G_CALLBACK (on_export_chooser_response));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  GtkWidget *dialog;

  dialog = st_export_dialog_new (GTK_WINDOW (self), self->report, self->file, self->settings,
                                 st_submission_form_get_respondent_id (self->form),
                                 st_submission_form_get_item_id (self->form));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
stop_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  st_window_stop_export (ST_WINDOW (widget));
}

/* Importing */

static void
on_import_response (AdwMessageDialog *dialog,
                    const char       *response,
                    StWindow         *self)
{
  StReport *imported = g_object_get_data (G_OBJECT (dialog), "report");

  if (!g_str_equal (response, "apply") || imported == NULL)
    return;

  /* The file on disk is as it was: the imported text is unsaved */
  set_report_unsaved (self, imported);
  set_modified (self, TRUE);
  schedule_autosave (self);
}

gboolean
st_window_import (StWindow  *self,
                  GFile    **files,
                  guint      n_files)
{
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(StReport) copy = NULL;
  g_autoptr(StReport) imported = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GPtrArray *diagnostics;
  AdwMessageDialog *dialog;
  gsize length;
  guint shown = 0;

  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  /* Into a copy: nothing changes until the user says so */
  data = st_report_to_data (self->report, &length);
  copy = st_report_new_from_data (data, length, NULL, &error);
  if (copy == NULL)
    {
      show_message (self, _("Could Not Import"), error->message);
      return FALSE;
    }

  importer = st_importer_new (copy);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *name = g_file_get_basename (files[i]);
      g_autofree char *lower = g_ascii_strdown (name, -1);
      g_autoptr(GError) page_error = NULL;
      gsize size;

      if (!g_file_load_contents (files[i], NULL, &contents, &size, NULL, &page_error))
        {
          g_autofree char *heading = g_strdup_printf (_("Could Not Read “%s”"), name);

          show_message (self, heading, page_error->message);
          return FALSE;
        }
      /* A failed page is reported with the others below */
      if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
        st_importer_add_html_page (importer, name, contents, size, NULL);
      else
        st_importer_add_text_page (importer, name, contents, size, NULL);
    }

  {
    guint n_sections = st_importer_get_n_sections (importer);
    guint n_pages = st_importer_get_n_pages (importer);
    g_autofree char *sections = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section", "%u sections",
                                                              n_sections),
                                                 n_sections);
    g_autofree char *pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", n_pages),
                                              n_pages);

    /* Translators: "78 sections read from 2 pages." */
    g_string_append_printf (body, _("%s read from %s."), sections, pages);
  }
  g_string_append_c (body, ' ');
  {
    guint n_errors = st_importer_count (importer, ST_DIAGNOSTIC_ERROR);
    guint n_warnings = st_importer_count (importer, ST_DIAGNOSTIC_WARNING);
    guint n_conflicts = st_importer_get_conflicts (importer)->len;
    g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors),
                                               n_errors);
    g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                              n_warnings),
                                                 n_warnings);
    g_autofree char *conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u conflict with text already in the report",
                                                               "%u conflicts with text already in the report",
                                                               n_conflicts),
                                                  n_conflicts);

    /* Translators: "1 error, 2 warnings, 0 conflicts with text already in the report." */
    g_string_append_printf (body, _("%s, %s, %s."), errors, warnings, conflicts);
  }

  diagnostics = st_importer_get_diagnostics (importer);
  for (guint i = 0; i < diagnostics->len && shown < 8; i++)
    {
      const StDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      if (diagnostic->severity == ST_DIAGNOSTIC_INFO)
        continue;
      line = st_diagnostic_format (diagnostic);
      g_string_append_printf (body, "\n• %s", line);
      shown++;
    }

  imported = g_object_ref (st_importer_finish (importer));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import Published Pages?"), body->str));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (st_importer_get_n_sections (importer) == 0)
    adw_message_dialog_set_response_enabled (dialog, "apply", FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "report", g_steal_pointer (&imported), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* The files chosen in the window's file chooser, if it was accepted (an
 * empty array if not), and the chooser goes */
static GPtrArray *
take_chosen_files (StWindow        *self,
                   GtkNativeDialog *chooser,
                   int              response)
{
  g_autoptr(GListModel) files = NULL;
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));
  return array;
}

static void
on_import_chooser_response (GtkNativeDialog *chooser,
                            int              response,
                            StWindow        *self)
{
  g_autoptr(GPtrArray) files = take_chosen_files (self, chooser, response);

  if (files->len > 0)
    st_window_import (self, (GFile **) files->pdata, files->len);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) pages = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Published Pages"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (pages, _("Published pages (text or HTML)"));
  gtk_file_filter_add_mime_type (pages, "text/plain");
  gtk_file_filter_add_mime_type (pages, "text/html");
  gtk_file_filter_add_suffix (pages, "txt");
  gtk_file_filter_add_suffix (pages, "html");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pages);
  show_chooser (self, chooser, G_CALLBACK (on_import_chooser_response));
}

/* Reporting rounds */

/* The template with the round a new round would collect: the report's
 * own when it has that round already */
static StTemplate *
next_round_template (StReport  *report,
                     GError   **error)
{
  StTemplate *template = st_report_get_template (report);

  if (st_report_get_round (report) + 1 < st_template_get_n_rounds (template))
    return g_object_ref (template);
  return st_template_new_with_next_round (template, error);
}

static void
clear_round_undo (StWindow *self)
{
  g_clear_object (&self->round_undo);
  if (self->round_toast != NULL)
    {
      g_autoptr(AdwToast) toast = g_steal_pointer (&self->round_toast);

      g_signal_handlers_disconnect_by_data (toast, self);
      adw_toast_dismiss (toast);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-new-round", FALSE);
}

/* Shows @report in place of the one shown, for the same file: as unsaved
 * changes to it, or, @modified FALSE, as the file is. @edited says whether
 * its texts differ from the file's. */
static void
replace_report (StWindow *self,
                StReport *report,
                gboolean  modified,
                gboolean  edited)
{
  g_autofree char *path = self->file != NULL ? g_file_get_path (self->file) : NULL;

  set_report_unsaved (self, report);

  /* The history records changes since the file was saved, not since now:
   * read the file only when that differs, as a large report takes a while */
  if (edited && path != NULL && self->history != NULL)
    {
      g_autoptr(StReport) saved = st_report_new_from_file (path, NULL, NULL);

      if (saved != NULL)
        st_history_take_snapshot (self->history, saved);
    }

  if (modified)
    {
      set_modified (self, TRUE);
      schedule_autosave (self);
    }
  else
    discard_draft (self);
}

static void
on_round_toast_dismissed (StWindow *self)
{
  g_clear_object (&self->round_toast);
  clear_round_undo (self);
}

/* The confirmation of a new round, with the date its pages are updated on */
typedef struct {
  AdwMessageDialog *dialog;
  AdwEntryRow      *updated_row;
  StTemplate       *next;
  char             *headings;
  char             *current_title;
  guint             unpublished;      /* returns approved but not yet published */
} NewRoundAsk;

static void
new_round_ask_free (NewRoundAsk *ask)
{
  g_clear_object (&ask->next);
  g_free (ask->headings);
  g_free (ask->current_title);
  g_free (ask);
}

/* The date in the entry: "16 January 2015", as published, 16/01/2015 or
 * 2015-01-16 */
static gboolean
new_round_ask_get_date (NewRoundAsk *ask,
                        GDate       *date)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->updated_row))));

  return st_parse_typed_date (text, date) && g_date_valid (date);
}

/* Says what the pages will say, or what is wrong with the date */
static void
new_round_ask_update (NewRoundAsk *ask)
{
  g_autofree char *body = NULL;
  g_autofree char *updated = NULL;
  gboolean valid;
  GDate date;

  valid = new_round_ask_get_date (ask, &date);
  adw_message_dialog_set_response_enabled (ask->dialog, "start", valid);
  if (valid)
    {
      const char *pattern = st_template_get_layout (ask->next, ST_LAYOUT_UPDATED);

      gtk_widget_remove_css_class (GTK_WIDGET (ask->updated_row), "error");
      updated = pattern != NULL ? st_template_expand (ask->next, pattern, NULL, NULL, &date)
                                : st_format_date (&date);
      /* Translators: the new sections' headings; the round before; the
       * published pages' "Updated" line */
      body = g_strdup_printf (_("Every action gets the new sections %s. The %s round’s sections become "
                                "read-only, every return goes back to draft, and the pages will say “%s”.\n\n"
                                "Undo puts the report back as it was until you make another change."),
                              ask->headings, ask->current_title, updated);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (ask->updated_row), "error");
      /* Translators: the round before */
      body = g_strdup_printf (_("Every action gets the new sections %s. The %s round’s sections become "
                                "read-only and every return goes back to draft.\n\n"
                                "Write the date the pages are updated on as 16 January 2015, 16/01/2015 "
                                "or 2015-01-16."),
                              ask->headings, ask->current_title);
    }

  /* Their approval goes with the round: say so before the rest */
  if (ask->unpublished > 0)
    {
      g_autofree char *warning = NULL;
      char *both;

      warning = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u return is approved but not yet published. It goes back to draft "
                                              "too, and its approved text can no longer be exported for publication: "
                                              "export the approved returns for publication first.",
                                              "%u returns are approved but not yet published. They go back to draft "
                                              "too, and their approved text can no longer be exported for publication: "
                                              "export the approved returns for publication first.",
                                              ask->unpublished),
                                 ask->unpublished);
      both = g_strconcat (warning, "\n\n", body, NULL);
      g_free (body);
      body = both;
    }
  adw_message_dialog_set_body (ask->dialog, body);
}

/* Enter in the date starts the round, once the date is one: elsewhere
 * in the dialog it cancels, as the default response */
static void
new_round_ask_activated (NewRoundAsk *ask)
{
  GDate date;

  if (!new_round_ask_get_date (ask, &date))
    return;
  adw_message_dialog_response (ask->dialog, "start");
  gtk_window_close (GTK_WINDOW (ask->dialog));
}

/* The pointer, and assistive technologies, say the window is busy */
static void
set_busy (StWindow *self,
          gboolean  busy)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), busy ? "wait" : NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, busy, -1);
}

gboolean
st_window_get_busy (StWindow *self)
{
  GdkCursor *cursor;

  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);

  cursor = gtk_widget_get_cursor (GTK_WIDGET (self));
  return cursor != NULL && g_strcmp0 (gdk_cursor_get_name (cursor), "wait") == 0;
}

static void
start_new_round (StWindow    *self,
                 const GDate *updated)
{
  g_autoptr(StReport) copy = NULL;
  g_autoptr(StReport) previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *author = NULL;
  g_autofree char *title = NULL;
  const StRound *round;
  gboolean was_modified;
  AdwToast *toast;
  gsize length;

  /* Into a copy that the views take whole, so that nothing they hold
   * points into the old template, and the report as it was stays for
   * undoing */
  data = st_report_to_data (self->report, &length);
  copy = st_report_new_from_data (data, length, NULL, &error);
  author = get_author (self);
  if (copy == NULL || !st_report_start_new_round (copy, updated, author, &error))
    {
      show_message (self, _("Could Not Start a New Round"), error->message);
      return;
    }

  previous = g_object_ref (self->report);
  was_modified = self->is_modified;
  replace_report (self, copy, TRUE, was_modified);
  self->round_undo = g_steal_pointer (&previous);
  self->round_undo_modified = was_modified;

  round = st_template_get_round (st_report_get_template (copy), st_report_get_round (copy));
  title = g_strdup_printf (_("Started the %s round"), round->title);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-new-round");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Every return went back to draft: Undo stays offered until the next
   * change or save takes it away, or the toast is closed */
  adw_toast_set_timeout (toast, 0);
  self->round_toast = g_object_ref (toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_round_toast_dismissed), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-new-round", TRUE);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
start_new_round_idle (gpointer user_data)
{
  StWindow *self = user_data;

  self->round_start_id = 0;
  /* Not for another report opened meanwhile */
  if (self->report != NULL && self->report == self->round_report)
    start_new_round (self, &self->round_updated);
  g_clear_object (&self->round_report);
  set_busy (self, FALSE);
  update_actions (self);
  return G_SOURCE_REMOVE;
}

/* The frame that shows the window busy is being drawn: the work starts
 * when it is done */
static gboolean
on_round_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  StWindow *self = ST_WINDOW (widget);

  self->round_tick_id = 0;
  self->round_start_id = g_idle_add (start_new_round_idle, self);
  return G_SOURCE_REMOVE;
}

static void
on_new_round_response (AdwMessageDialog *dialog,
                       const char       *response,
                       StWindow         *self)
{
  NewRoundAsk *ask;

  if (!g_str_equal (response, "start") || self->report == NULL ||
      self->round_tick_id != 0 || self->round_start_id != 0)
    return;
  ask = g_object_get_data (G_OBJECT (dialog), "new-round");
  if (ask == NULL || !new_round_ask_get_date (ask, &self->round_updated))
    return;
  g_set_object (&self->round_report, self->report);

  /* A large report takes a moment, and the window cannot answer
   * meanwhile: it shows it is busy first */
  set_busy (self, TRUE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->round_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_round_tick, NULL, NULL);
  else
    self->round_start_id = g_idle_add (start_new_round_idle, self);
  update_actions (self);
}

static void
start_new_round_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  g_autoptr(StTemplate) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) headings = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *heading = NULL;
  g_autofree char *today_text = NULL;
  const StRound *current, *round;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  NewRoundAsk *ask;
  GDate today;

  /* The central team's: a department's pack collects the round it was
   * issued for */
  if (self->report == NULL || st_report_is_pack (self->report))
    return;

  next = next_round_template (self->report, &error);
  if (next == NULL)
    {
      show_message (self, _("Cannot Start a New Round"), error->message);
      return;
    }

  current = st_template_get_round (st_report_get_template (self->report), st_report_get_round (self->report));
  round = st_template_get_round (next, st_report_get_round (self->report) + 1);
  for (guint i = 0; i < round->sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (round->sections, i);

      if (i > 0 && i + 1 == round->sections->len)
        /* Translators: before the last of a round's section headings */
        g_string_append (headings, _(" and "));
      else if (i > 0)
        /* Translators: between the headings of a round's sections */
        g_string_append (headings, _(", "));
      /* Translators: a section's heading, quoted */
      g_string_append_printf (headings, _("“%s”"), section->heading);
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  today_text = st_format_date (&today);

  /* Translators: %s is the round's title, such as "2015" */
  heading = g_strdup_printf (_("Start the %s Round?"), round->title);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "start", _("_Start Round"),
                                    NULL);

  /* The date the pages are updated on: today unless the team says
   * otherwise, written as the pages write it */
  ask = g_new0 (NewRoundAsk, 1);
  ask->dialog = dialog;
  ask->next = g_steal_pointer (&next);
  ask->headings = g_strdup (headings->str);
  ask->current_title = g_strdup (current->title);
  for (guint i = 0; i < st_report_get_n_submissions (self->report); i++)
    if (st_submission_get_status (st_report_get_submission (self->report, i)) == ST_STATUS_APPROVED)
      ask->unpublished++;
  ask->updated_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ask->updated_row), _("_Updated on"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (ask->updated_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (ask->updated_row), today_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (ask->updated_row),
                               _("As 16 January 2015, 16/01/2015 (day first) or 2015-01-16"));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (ask->updated_row));
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data_full (G_OBJECT (dialog), "new-round", ask, (GDestroyNotify) new_round_ask_free);
  g_signal_connect_swapped (ask->updated_row, "changed", G_CALLBACK (new_round_ask_update), ask);
  g_signal_connect_swapped (ask->updated_row, "entry-activated", G_CALLBACK (new_round_ask_activated), ask);
  new_round_ask_update (ask);

  adw_message_dialog_set_response_appearance (dialog, "start", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_round_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}


static void
undo_new_round_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  g_autoptr(StReport) previous = g_steal_pointer (&self->round_undo);
  gboolean modified = self->round_undo_modified;

  if (previous == NULL)
    return;
  clear_round_undo (self);
  replace_report (self, previous, modified, modified);
}

/* Department packs */

gboolean
st_window_make_pack (StWindow    *self,
                     const char  *respondent_id,
                     GFile       *file,
                     GError     **error)
{
  g_autoptr(StReport) pack = NULL;
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;

  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (respondent_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  if ((path = g_file_get_path (file)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Packs can only be saved to local files"));
      return FALSE;
    }
  if (self->file != NULL && g_file_equal (file, self->file))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("A pack cannot be saved over the report it comes from"));
      return FALSE;
    }

  source = self->file != NULL ? g_file_get_basename (self->file) : NULL;
  pack = st_pack_new (self->report, respondent_id, source, error);
  if (pack == NULL || !st_report_save_to_file (pack, path, error))
    return FALSE;

  /* The report now records the pack, which merging it back needs: keep
   * that record on disk at once */
  set_modified (self, TRUE);
  save (self, AFTER_SAVE_NOTHING);

  /* Offered first next time, when no department's form says otherwise */
  g_free (self->pack_respondent_id);
  self->pack_respondent_id = g_strdup (respondent_id);
  return TRUE;
}

static void
on_pack_chooser_response (GtkNativeDialog *chooser,
                          int              response,
                          StWindow        *self)
{
  g_autofree char *respondent_id = g_strdup (g_object_get_data (G_OBJECT (chooser), "respondent-id"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* Saving the report may need a chooser of its own */
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  name = display_name (file);
  if (!st_window_make_pack (self, respondent_id, file, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Make “%s”"), name);

      show_message (self, heading, error->message);
    }
  else
    {
      /* Translators: %s is the pack's file name */
      title = g_strdup_printf (_("Pack saved as “%s”"), name);
      show_toast (self, title);
    }
}

static void
on_pack_dialog_response (StPackDialog *dialog,
                         const char   *response,
                         StWindow     *self)
{
  const char *respondent_id = st_pack_dialog_get_respondent_id (dialog);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "make") || respondent_id == NULL || self->report == NULL)
    return;

  chooser = new_report_chooser (self, _("Save Department Pack"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  name = st_pack_dialog_default_filename (self->report, respondent_id);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "respondent-id", g_strdup (respondent_id), g_free);
  show_chooser (self, chooser, G_CALLBACK (on_pack_chooser_response));
}

static void
make_pack_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  const char *respondent_id = st_submission_form_get_respondent_id (self->form);
  GtkWidget *dialog;

  dialog = st_pack_dialog_new (GTK_WINDOW (self), self->report,
                               respondent_id != NULL ? respondent_id : self->pack_respondent_id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_pack_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
st_window_apply_merge (StWindow  *self,
                       StMerge   *merge,
                       GError   **error)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (ST_IS_MERGE (merge), FALSE);
  g_return_val_if_fail (self->report != NULL && st_merge_get_report (merge) == self->report, FALSE);

  /* Each change comes through the report's ::changed, which marks the
   * report modified and updates the views */
  if (!st_merge_apply (merge, st_workflow_get_author (self->workflow), error))
    return FALSE;
  set_modified (self, TRUE);
  schedule_autosave (self);
  return TRUE;
}

static void merge_next (StWindow *self);

static void
on_merge_problem_response (AdwMessageDialog *dialog,
                           const char       *response,
                           StWindow         *self)
{
  merge_next (self);
}

/* Says why a pack was not merged, then goes on with the next */
static void
show_merge_problem (StWindow   *self,
                    const char *heading,
                    const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_problem_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_merge_dialog_response (StMergeDialog *dialog,
                          const char    *response,
                          StWindow      *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "pack-name");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "merge"))
    {
      if (!st_window_apply_merge (self, st_merge_dialog_get_merge (dialog), &error))
        {
          g_autofree char *heading = g_strdup_printf (_("Could Not Merge “%s”"), name);

          show_merge_problem (self, heading, error->message);
          return;
        }
      else
        {
          /* Translators: %s is a pack's file name */
          g_autofree char *title = g_strdup_printf (_("Merged “%s”"), name);

          show_toast (self, title);
        }
    }
  merge_next (self);
}

/* Takes the next pack of the queue: a refusal is shown, a pack that can
 * be merged shows what it changes and asks */
static void
merge_next (StWindow *self)
{
  while (self->merge_queue != NULL && self->merge_queue->len > 0 && self->report != NULL)
    {
      g_autoptr(GFile) file = g_ptr_array_steal_index (self->merge_queue, 0);
      g_autofree char *name = display_name (file);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(StReport) pack = NULL;
      g_autoptr(StMerge) merge = NULL;
      g_autoptr(GError) error = NULL;
      StErrorLocation location = { 0 };
      GtkWidget *dialog;

      if (path == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Packs can only be read from local files"));
      else
        pack = st_report_new_from_file (path, &location, &error);
      if (pack == NULL)
        {
          g_autofree char *heading = g_strdup_printf (_("Could Not Read “%s”"), name);
          g_autofree char *body = NULL;

          if (location.line > 0)
            body = g_strdup_printf (_("Line %u, column %u: %s"), location.line, location.column, error->message);
          else
            body = g_strdup (error->message);
          st_error_location_clear (&location);
          show_merge_problem (self, heading, body);
          return;
        }

      merge = st_merge_new (self->report, pack);
      if (!st_merge_check (merge, NULL))
        {
          GPtrArray *problems = st_merge_get_problems (merge);
          g_autoptr(GString) body = g_string_new (NULL);
          /* Translators: %s is a file name */
          g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Merged"), name);

          for (guint i = 0; i < problems->len; i++)
            g_string_append_printf (body, "• %s\n", (const char *) g_ptr_array_index (problems, i));
          g_string_append_c (body, '\n');
          g_string_append (body, _("Nothing in the pack was merged. A pack may change only its own department’s returns."));
          show_merge_problem (self, heading, body->str);
          return;
        }

      dialog = st_merge_dialog_new (GTK_WINDOW (self), merge, name);
      g_object_set_data_full (G_OBJECT (dialog), "pack-name", g_steal_pointer (&name), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_dialog_response), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  g_clear_pointer (&self->merge_queue, g_ptr_array_unref);
  update_actions (self);
}

void
st_window_merge_packs (StWindow  *self,
                       GFile    **files,
                       guint      n_files)
{
  gboolean running;

  g_return_if_fail (ST_IS_WINDOW (self));
  g_return_if_fail (self->report != NULL);

  running = self->merge_queue != NULL;
  if (!running)
    self->merge_queue = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (self->merge_queue, g_object_ref (files[i]));
  if (!running)
    {
      update_actions (self);
      merge_next (self);
    }
}

gboolean
st_window_get_merging (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  return self->merge_queue != NULL;
}

static void
on_merge_chooser_response (GtkNativeDialog *chooser,
                           int              response,
                           StWindow        *self)
{
  g_autoptr(GPtrArray) files = take_chosen_files (self, chooser, response);

  if (files->len > 0)
    st_window_merge_packs (self, (GFile **) files->pdata, files->len);
}

static void
merge_packs_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = new_report_chooser (self, _("Merge Department Packs"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Merge"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  show_chooser (self, chooser, G_CALLBACK (on_merge_chooser_response));
}

/* History */

GtkWidget *
st_window_show_history (StWindow   *self,
                        const char *section_id)
{
  const char *respondent_id, *item_id;
  GtkWidget *dialog;

  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  g_return_val_if_fail (section_id != NULL, NULL);

  respondent_id = st_submission_form_get_respondent_id (self->form);
  item_id = st_submission_form_get_item_id (self->form);
  if (self->report == NULL || respondent_id == NULL || item_id == NULL)
    return NULL;

  dialog = st_history_dialog_new (GTK_WINDOW (self), self->report, respondent_id, item_id, section_id);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  st_window_show_history (ST_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Printing */

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  g_autoptr(StDocument) document = NULL;
  g_autoptr(StPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  const char *respondent_id = st_submission_form_get_respondent_id (self->form);
  g_autofree char *view = NULL;

  /* The department page being edited, or the whole document */
  if (respondent_id != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "form"))
    view = g_strdup_printf ("department:%s", respondent_id);
  else
    view = g_strdup ("all");

  document = st_document_new_for_view (self->report, view, &error);
  if (document == NULL)
    {
      show_message (self, _("Could Not Print"), error->message);
      return;
    }
  operation = st_print_operation_new (document);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_message (self, _("Could Not Print"), error->message);
}

/* Reviewing */

/* The submission the review actions act on: the one selected in the
 * review queue, or the one the form shows */
static gboolean
get_current_submission (StWindow    *self,
                        const char **respondent_id,
                        const char **item_id)
{
  if (self->report == NULL || self->workflow == NULL)
    return FALSE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "review") == 0)
    return st_review_queue_get_selected (self->review_queue, respondent_id, item_id);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "form") != 0 ||
      st_submission_form_get_respondent_id (self->form) == NULL)
    return FALSE;
  *respondent_id = st_submission_form_get_respondent_id (self->form);
  *item_id = st_submission_form_get_item_id (self->form);
  return TRUE;
}

/* The moves the rules allow now are offered; validation is checked when
 * one is chosen, so that the refusal can say what to put right */
static void
update_review_actions (StWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *respondent_id, *item_id;
  gboolean submit = FALSE, approve = FALSE, send_back = FALSE;

  if (get_current_submission (self, &respondent_id, &item_id))
    {
      g_autoptr(GArray) next = st_workflow_list_next_statuses (self->workflow, respondent_id, item_id);

      for (guint i = 0; i < next->len; i++)
        {
          StStatus to = g_array_index (next, StStatus, i);

          submit |= to == ST_STATUS_SUBMITTED;
          approve |= to == ST_STATUS_APPROVED;
          send_back |= to == ST_STATUS_RETURNED;
        }
    }
  gtk_widget_action_set_enabled (widget, "win.submit-submission", submit);
  gtk_widget_action_set_enabled (widget, "win.approve-submission", approve);
  gtk_widget_action_set_enabled (widget, "win.return-submission", send_back);
}

gboolean
st_window_set_status (StWindow    *self,
                      const char  *respondent_id,
                      const char  *item_id,
                      StStatus     status,
                      const char  *comment,
                      GError     **error)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->workflow == NULL)
    {
      g_set_error_literal (error, ST_ERROR, ST_ERROR_REFUSED, _("No report is open"));
      return FALSE;
    }
  if (!st_workflow_set_status (self->workflow, respondent_id, item_id, status, comment, error))
    return FALSE;

  /* The report tells the views; a change it already had tells nothing */
  set_modified (self, TRUE);
  schedule_autosave (self);
  update_review_actions (self);
  return TRUE;
}

/* The dialogs remember which submission they asked about */
static void
remember_submission (GObject    *dialog,
                     const char *respondent_id,
                     const char *item_id)
{
  g_object_set_data_full (dialog, "respondent-id", g_strdup (respondent_id), g_free);
  g_object_set_data_full (dialog, "item-id", g_strdup (item_id), g_free);
}

static char *
describe_submission (StWindow   *self,
                     const char *respondent_id,
                     const char *item_id)
{
  return st_workflow_describe (st_report_get_template (self->report), respondent_id, item_id, NULL);
}

static void
set_status_from_dialog (StWindow   *self,
                        GObject    *dialog,
                        StStatus    status,
                        const char *comment,
                        const char *failed_heading,
                        const char *done_format)
{
  const char *respondent_id = g_object_get_data (dialog, "respondent-id");
  const char *item_id = g_object_get_data (dialog, "item-id");
  g_autoptr(GError) error = NULL;
  g_autofree char *place = NULL;
  g_autofree char *done = NULL;

  if (self->report == NULL)
    return;
  if (!st_window_set_status (self, respondent_id, item_id, status, comment, &error))
    {
      show_message (self, failed_heading, error->message);
      return;
    }
  place = describe_submission (self, respondent_id, item_id);
  done = g_strdup_printf (done_format, place);
  show_toast (self, done);
}

static void
on_submit_response (AdwMessageDialog *dialog,
                    const char       *response,
                    StWindow         *self)
{
  if (g_str_equal (response, "submit"))
    /* Translators: %s names a submission: "CO, Action 1" */
    set_status_from_dialog (self, G_OBJECT (dialog), ST_STATUS_SUBMITTED, NULL,
                            _("Could Not Submit"), _("Submitted %s for review"));
}

void
st_window_ask_submit (StWindow   *self,
                      const char *respondent_id,
                      const char *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *place = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  StTemplate *template;
  const guint shown = 8;

  g_return_if_fail (ST_IS_WINDOW (self));
  g_return_if_fail (self->workflow != NULL);

  /* Errors stop it, with the core's word on what to put right */
  if (!st_workflow_can_set_status (self->workflow, respondent_id, item_id, ST_STATUS_SUBMITTED, &error))
    {
      show_message (self, _("Cannot Submit Yet"), error->message);
      return;
    }

  place = describe_submission (self, respondent_id, item_id);
  warnings = st_workflow_get_warnings (self->workflow, respondent_id, item_id);
  /* Translators: %s names a submission: "CO, Action 1" */
  heading = g_strdup_printf (_("Submit %s?"), place);
  g_string_append (body, _("The central team will review it, and approve it or return it with comments."));
  if (warnings->len > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "Validation found %u warning. You may submit anyway:",
                                                 "Validation found %u warnings. You may submit anyway:",
                                                 warnings->len),
                              warnings->len);
      /* Each names the section it is about */
      template = st_report_get_template (self->report);
      for (guint i = 0; i < warnings->len && i < shown; i++)
        {
          StFinding *finding = g_ptr_array_index (warnings, i);
          const char *section_id = st_finding_get_section_id (finding);
          const StSection *section = section_id != NULL ? st_template_find_section (template, section_id) : NULL;

          if (list->len > 0)
            g_string_append_c (list, '\n');
          if (section != NULL)
            /* Translators: a warning about a section: "Progress during 2014: …" */
            g_string_append_printf (list, _("• %s: %s"), section->heading, st_finding_get_message (finding));
          else
            g_string_append_printf (list, "• %s", st_finding_get_message (finding));
        }
      if (warnings->len > shown)
        {
          g_string_append_c (list, '\n');
          g_string_append_printf (list, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                     warnings->len - shown),
                                  warnings->len - shown);
        }
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body->str));
  /* The warnings read as a list, from the left, under the centred body */
  if (list->len > 0)
    {
      GtkWidget *label = gtk_label_new (list->str);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_halign (label, GTK_ALIGN_FILL);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      adw_message_dialog_set_extra_child (dialog, label);
    }
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "submit", _("_Submit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "submit", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "submit");
  adw_message_dialog_set_close_response (dialog, "cancel");
  remember_submission (G_OBJECT (dialog), respondent_id, item_id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_submit_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
get_dialog_comment (AdwMessageDialog *dialog)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (g_object_get_data (G_OBJECT (dialog), "comment-view"));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
on_return_comment_changed (AdwMessageDialog *dialog)
{
  g_autofree char *comment = get_dialog_comment (dialog);

  /* Returning needs a reason */
  adw_message_dialog_set_response_enabled (dialog, "return", *comment != '\0');
}

static void
on_return_response (AdwMessageDialog *dialog,
                    const char       *response,
                    StWindow         *self)
{
  g_autofree char *comment = NULL;

  if (!g_str_equal (response, "return"))
    return;
  comment = get_dialog_comment (dialog);
  /* Translators: %s names a submission: "CO, Action 1" */
  set_status_from_dialog (self, G_OBJECT (dialog), ST_STATUS_RETURNED, comment,
                          _("Could Not Return"), _("Returned %s to the department"));
}

/* Ctrl+Enter in the comment sends it, as in the comment fields: Enter
 * alone starts a new line */
static gboolean
on_return_comment_send (GtkWidget *view,
                        GVariant  *args,
                        gpointer   data)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (view));

  if (!adw_message_dialog_get_response_enabled (dialog, "return"))
    {
      gtk_widget_error_bell (view);
      return TRUE;
    }
  adw_message_dialog_response (dialog, "return");
  gtk_window_close (GTK_WINDOW (dialog));
  return TRUE;
}

void
st_window_ask_return (StWindow   *self,
                      const char *respondent_id,
                      const char *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *place = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *scroller, *view;
  GtkEventController *shortcuts;

  g_return_if_fail (ST_IS_WINDOW (self));
  g_return_if_fail (self->workflow != NULL);

  if (!st_workflow_can_set_status (self->workflow, respondent_id, item_id, ST_STATUS_RETURNED, &error))
    {
      show_message (self, _("Cannot Return"), error->message);
      return;
    }

  place = describe_submission (self, respondent_id, item_id);
  /* Translators: %s names a submission: "CO, Action 1" */
  heading = g_strdup_printf (_("Return %s?"), place);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Say what the department should change. They see "
                                                         "your comment at the top of their form. Ctrl+Enter "
                                                         "returns it.")));

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_widget_add_css_class (view, "section-text");
  gtk_widget_add_css_class (view, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Why it goes back"),
                                  -1);
  gtk_widget_set_tooltip_text (view, _("Ctrl+Enter returns it with this comment"));
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_callback_action_new (on_return_comment_send, NULL, NULL)));
  /* Before the text view takes the key for a new line */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (view, shortcuts);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 96);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  adw_message_dialog_set_extra_child (dialog, scroller);
  g_object_set_data (G_OBJECT (dialog), "comment-view", view);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "return", _("_Return"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "return", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "return", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  remember_submission (G_OBJECT (dialog), respondent_id, item_id);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                           G_CALLBACK (on_return_comment_changed), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_return_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

void
st_window_approve (StWindow   *self,
                   const char *respondent_id,
                   const char *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *respondent = g_strdup (respondent_id);
  g_autofree char *item = g_strdup (item_id);
  g_autofree char *place = NULL;
  g_autofree char *done = NULL;

  g_return_if_fail (ST_IS_WINDOW (self));

  /* Copied: approving can take the row that named them away */
  if (!st_window_set_status (self, respondent, item, ST_STATUS_APPROVED, NULL, &error))
    {
      show_message (self, _("Cannot Approve"), error->message);
      return;
    }
  place = describe_submission (self, respondent, item);
  /* Translators: %s names a submission: "CO, Action 1" */
  done = g_strdup_printf (_("Approved %s"), place);
  show_toast (self, done);
}

static void
on_queue_submission_activated (StWindow   *self,
                               const char *respondent_id,
                               const char *item_id)
{
  /* Let go of the list first: GTK would hand the focus to the form's first
   * label, which selects its text */
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  st_window_show_submission (self, respondent_id, item_id);
  st_submission_form_focus_first (self->form);
}

static void
show_review_queue_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  st_window_show_review_queue (ST_WINDOW (widget));
}

/* GTK 4.8 writes the Page Up and Page Down keys by their names in code,
 * "Page_Up" and "Page_Down", where its own translations say nothing else */
static void
name_page_keys (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "keycap"))
        {
          const char *text = gtk_label_get_label (GTK_LABEL (child));

          if (g_str_equal (text, "Page_Down"))
            gtk_label_set_label (GTK_LABEL (child), C_("keyboard key", "Page Down"));
          else if (g_str_equal (text, "Page_Up"))
            gtk_label_set_label (GTK_LABEL (child), C_("keyboard key", "Page Up"));
        }
      name_page_keys (child);
    }
}

/* The shortcuts window is built when first asked for, not with every
 * window: building it took longer than anything else the window shows
 * before its first frame. The action is the window's own from the start,
 * so that Ctrl+? and the menu find it */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/stocktake/Stocktake/ui/st-shortcuts-window.ui");

      gtk_application_window_set_help_overlay (window,
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
      name_page_keys (GTK_WIDGET (gtk_application_window_get_help_overlay (window)));
    }
  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (window)));
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  const char *respondent_id, *item_id;

  if (!get_current_submission (self, &respondent_id, &item_id))
    return;
  if (g_str_equal (action_name, "win.submit-submission"))
    st_window_ask_submit (self, respondent_id, item_id);
  else if (g_str_equal (action_name, "win.approve-submission"))
    st_window_approve (self, respondent_id, item_id);
  else
    st_window_ask_return (self, respondent_id, item_id);
}

/* Closing */

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   StWindow         *self)
{
  if (g_str_equal (response, "discard"))
    {
      discard_draft (self);
      close_later (self);
    }
  else if (g_str_equal (response, "save"))
    save (self, AFTER_SAVE_CLOSE);
}

static void
remember_size (StWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
st_window_close_request (GtkWindow *window)
{
  StWindow *self = ST_WINDOW (window);
  AdwMessageDialog *dialog;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  if (self->is_modified && !self->closing)
    {
      name = display_name (self->file);
      heading = g_strdup_printf (_("Save Changes to “%s”?"), name);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading,
                                                           _("Unsaved changes are lost for good if you discard them.")));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", _("_Save"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  remember_size (self);
  return GTK_WINDOW_CLASS (st_window_parent_class)->close_request (window);
}

/* Actions */

static void
on_open_response (GtkNativeDialog *chooser,
                  int              response,
                  StWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    st_window_open_file (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = new_report_chooser (self, _("Open Report"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  show_chooser (self, chooser, G_CALLBACK (on_open_response));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ST_WINDOW (widget), AFTER_SAVE_NOTHING);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (ST_WINDOW (widget), AFTER_SAVE_NOTHING);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
show_overview_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);

  st_window_show_overview (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  /* Back at the cell the form was opened from, for the keyboard to go
   * on from there */
  st_overview_restore_focus (self->overview);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_pane);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  int step = g_str_equal (action_name, "win.next-submission") ? 1 : -1;

  if (!st_sidebar_step (self->sidebar, step))
    gtk_widget_error_bell (widget);
  else
    st_submission_form_focus_first (self->form);
}

static void
show_issues_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  st_window_show_issues (ST_WINDOW (widget));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  st_window_show_find (ST_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_pane);
  st_sidebar_focus_search (self->sidebar);
}

static void
restore_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autoptr(GError) error = NULL;
  StApplication *application = get_application (self);
  StWindow *window;

  window = application != NULL ? st_application_open_file (application, file, self) : NULL;
  if (window == NULL)
    return;
  /* Opening offered it already; this is the user's answer */
  if (!st_window_restore_draft (window, &error))
    show_message (window, _("Could Not Restore the Unsaved Changes"), error->message);
}

/* The welcome page's lists */

static GtkWidget *
create_recent_row (gpointer item,
                   gpointer user_data)
{
  const char *uri = gtk_string_object_get_string (item);
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent) : NULL;
  AdwActionRow *row;
  GtkWidget *arrow;

  row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  if (folder != NULL)
    adw_action_row_set_subtitle (row, folder);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", uri);
  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  adw_action_row_add_suffix (row, arrow);
  return GTK_WIDGET (row);
}

static void
update_recent_box (StWindow *self)
{
  GListModel *recent = st_application_get_recent_files (get_application (self));

  gtk_widget_set_visible (GTK_WIDGET (self->recent_box), g_list_model_get_n_items (recent) > 0);
}

static void
update_drafts_box (StWindow *self)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->drafts_list))))
    gtk_list_box_remove (self->drafts_list, child);

  if (self->drafts != NULL)
    drafts = st_drafts_list (self->drafts, &error);
  if (drafts == NULL)
    {
      if (error != NULL)
        g_warning ("Could not list the drafts: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->drafts_box), FALSE);
      return;
    }

  for (guint i = 0; i < drafts->len; i++)
    {
      StDraftInfo *info = g_ptr_array_index (drafts, i);
      g_autofree char *name = g_path_get_basename (info->filename);
      g_autoptr(GDateTime) local = g_date_time_to_local (info->saved);
      g_autofree char *when = g_date_time_format (local, "%e %B %Y %H:%M");
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *button;

      g_strstrip (when);
      /* Translators: %s is a date and time */
      subtitle = g_strdup_printf (_("Unsaved changes from %s"), when);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, info->filename);

      button = gtk_button_new_with_mnemonic (_("_Restore"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.restore-draft");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", info->filename);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, row, NULL,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->drafts_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->drafts_box), drafts->len > 0);
}

static void
on_main_page_changed (StWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "welcome") == 0)
    update_drafts_box (self);
}

/* GObject */

/* The application is set after construction: what comes from it is set up
 * when it arrives */
static void
on_application_set (StWindow *self)
{
  StApplication *application = get_application (self);
  GListModel *recent;

  if (application == NULL || self->settings != NULL)
    return;

  self->settings = g_object_ref (st_application_get_settings (application));
  self->drafts = g_object_ref (st_application_get_drafts (application));
  g_signal_connect_object (self->settings, "changed::author-name",
                           G_CALLBACK (on_author_changed), self, G_CONNECT_SWAPPED);
  on_author_changed (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_settings_bind (self->settings, "sidebar-mode", self, "sidebar-mode", G_SETTINGS_BIND_DEFAULT);

  recent = st_application_get_recent_files (application);
  gtk_list_box_bind_model (self->recent_list, recent, create_recent_row, NULL, NULL);
  g_signal_connect_object (recent, "items-changed", G_CALLBACK (update_recent_box), self, G_CONNECT_SWAPPED);
  update_recent_box (self);
  g_menu_append_section (self->recent_submenu, NULL, st_application_get_recent_menu (application));

  update_drafts_box (self);
}

static void
st_window_constructed (GObject *object)
{
  StWindow *self = ST_WINDOW (object);

  G_OBJECT_CLASS (st_window_parent_class)->constructed (object);

  gtk_widget_set_visible (GTK_WIDGET (self->recent_box), FALSE);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_set), NULL);
  on_application_set (self);
  update_title (self);
  update_actions (self);
}

/* Drawn by cairo, the processor draws every pixel, and the cards' and
 * boxed lists' blurred shadows are about a tenth of its work on a form
 * switch: style.css draws them without the blur for such windows */
static void
st_window_realize (GtkWidget *widget)
{
  GskRenderer *renderer;

  GTK_WIDGET_CLASS (st_window_parent_class)->realize (widget);

  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  if (renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer))
    gtk_widget_add_css_class (widget, "cairo-drawn");
  else
    gtk_widget_remove_css_class (widget, "cairo-drawn");
}

static void
st_window_dispose (GObject *object)
{
  StWindow *self = (StWindow *)object;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->round_start_id, g_source_remove);
  g_clear_object (&self->round_report);
  if (self->round_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->round_tick_id);
  self->round_tick_id = 0;
  if (self->draft_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->draft_dialog), (gpointer *) &self->draft_dialog);
  self->draft_dialog = NULL;
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export_file);
  g_clear_pointer (&self->merge_queue, g_ptr_array_unref);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  g_clear_object (&self->report);
  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_data (self->issues, self);
  g_clear_object (&self->issues);
  g_clear_object (&self->workflow);
  g_clear_object (&self->history);
  g_clear_object (&self->round_undo);
  if (self->round_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->round_toast, self);
  g_clear_object (&self->round_toast);
  if (self->toast != NULL)
    g_signal_handlers_disconnect_by_data (self->toast, self);
  g_clear_object (&self->toast);
  g_clear_object (&self->file);
  /* With no file, stops watching it */
  watch_file (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->drafts);

  G_OBJECT_CLASS (st_window_parent_class)->dispose (object);
}

static void
st_window_finalize (GObject *object)
{
  StWindow *self = (StWindow *)object;

  g_clear_pointer (&self->file_checksum, g_free);
  g_clear_pointer (&self->seen_etag, g_free);
  g_clear_pointer (&self->sidebar_mode, g_free);
  g_clear_pointer (&self->pack_respondent_id, g_free);

  G_OBJECT_CLASS (st_window_parent_class)->finalize (object);
}

static void
st_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  StWindow *self = ST_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_IS_MODIFIED:
      g_value_set_boolean (value, self->is_modified);
      break;

    case PROP_SIDEBAR_MODE:
      g_value_set_string (value, self->sidebar_mode);
      break;

    case PROP_EXPORTING:
      g_value_set_boolean (value, self->export_cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  StWindow *self = ST_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_MODE:
      st_window_set_sidebar_mode (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_window_class_init (StWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = st_window_constructed;
  object_class->dispose = st_window_dispose;
  object_class->finalize = st_window_finalize;
  object_class->get_property = st_window_get_property;
  object_class->set_property = st_window_set_property;
  widget_class->realize = st_window_realize;
  window_class->close_request = st_window_close_request;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, ST_TYPE_REPORT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_MODIFIED] =
    g_param_spec_boolean ("is-modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_MODE] =
    g_param_spec_string ("sidebar-mode", NULL, NULL, ST_SIDEBAR_MODE_BY_ACTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPORTING] =
    g_param_spec_boolean ("exporting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, StWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, StWindow, drafts_box);
  gtk_widget_class_bind_template_child (widget_class, StWindow, drafts_list);
  gtk_widget_class_bind_template_child (widget_class, StWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, StWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, StWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, StWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, StWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, StWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, StWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StWindow, step_box);
  gtk_widget_class_bind_template_child (widget_class, StWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, StWindow, overview);
  gtk_widget_class_bind_template_child (widget_class, StWindow, form);
  gtk_widget_class_bind_template_child (widget_class, StWindow, issues_button);
  gtk_widget_class_bind_template_child (widget_class, StWindow, review_button);
  gtk_widget_class_bind_template_child (widget_class, StWindow, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, StWindow, export_label);
  gtk_widget_class_bind_template_child (widget_class, StWindow, export_progress);
  gtk_widget_class_bind_template_child (widget_class, StWindow, recent_submenu);
  gtk_widget_class_bind_template_child (widget_class, StWindow, transfer_section);
  gtk_widget_class_bind_template_child (widget_class, StWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, StWindow, welcome_menu_button);
  gtk_widget_class_bind_template_child (widget_class, StWindow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_submission_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded);
  gtk_widget_class_bind_template_callback (widget_class, on_submission_activated);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL, show_overview_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-issues", NULL, show_issues_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.stop-export", NULL, stop_export_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.make-pack", NULL, make_pack_action);
  gtk_widget_class_install_action (widget_class, "win.merge-packs", NULL, merge_packs_action);
  gtk_widget_class_install_action (widget_class, "win.show-history", "s", show_history_action);
  gtk_widget_class_install_action (widget_class, "win.next-submission", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.previous-submission", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.restore-draft", "s", restore_draft_action);
  gtk_widget_class_install_action (widget_class, "win.submit-submission", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "win.approve-submission", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "win.return-submission", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "win.show-review-queue", NULL, show_review_queue_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.start-new-round", NULL, start_new_round_action);
  gtk_widget_class_install_action (widget_class, "win.undo-new-round", NULL, undo_new_round_action);
  /* Ctrl+Z undoes a new round where nothing closer to the keyboard, such
   * as a section's text, has something to undo: a new round is undone
   * only while nothing has changed since */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo-new-round", NULL);
  gtk_widget_class_install_property_action (widget_class, "win.sidebar-mode", "sidebar-mode");

  g_type_ensure (ST_TYPE_OVERVIEW);
  g_type_ensure (ST_TYPE_SIDEBAR);
  g_type_ensure (ST_TYPE_SUBMISSION_FORM);
}

/* The main menu's popover is made when the menu is first opened, not with
 * the window: it is a long menu, and the window has two buttons for it */
static void
create_main_menu (GtkMenuButton *button,
                  gpointer       user_data)
{
  StWindow *self = ST_WINDOW (user_data);

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
st_window_init (StWindow *self)
{
  /* Before the template: its buttons ask the property action's state */
  self->sidebar_mode = g_strdup (ST_SIDEBAR_MODE_BY_ACTION);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->welcome_menu_button, create_main_menu, self, NULL);
  gtk_menu_button_set_create_popup_func (self->menu_button, create_main_menu, self, NULL);
  g_signal_connect_object (self->main_stack, "notify::visible-child", G_CALLBACK (on_main_page_changed),
                           self, G_CONNECT_SWAPPED);
  /* The review actions follow what is shown */
  g_signal_connect_object (self->content_stack, "notify::visible-child", G_CALLBACK (update_review_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "notify::item-id", G_CALLBACK (update_review_actions),
                           self, G_CONNECT_SWAPPED);
}

StWindow *
st_window_new (StApplication *application)
{
  return g_object_new (ST_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

StReport *
st_window_get_report (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return self->report;
}

GFile *
st_window_get_file (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return self->file;
}

gboolean
st_window_get_is_modified (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  return self->is_modified;
}

const char *
st_window_get_sidebar_mode (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return self->sidebar_mode;
}

void
st_window_set_sidebar_mode (StWindow   *self,
                            const char *mode)
{
  g_return_if_fail (ST_IS_WINDOW (self));

  if (g_strcmp0 (mode, ST_SIDEBAR_MODE_BY_DEPARTMENT) != 0)
    mode = ST_SIDEBAR_MODE_BY_ACTION;
  if (g_strcmp0 (self->sidebar_mode, mode) == 0)
    return;
  g_free (self->sidebar_mode);
  self->sidebar_mode = g_strdup (mode);
  st_sidebar_set_mode (self->sidebar, mode);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_MODE]);
}

StSidebar *
st_window_get_sidebar (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return self->sidebar;
}

StIssues *
st_window_get_issues (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return self->issues;
}

StIssuesPanel *
st_window_get_issues_panel (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return ensure_issues_panel (self);
}

StSubmissionForm *
st_window_get_form (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return self->form;
}

const char *
st_window_get_visible_page (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);

  if (self->report == NULL)
    return "welcome";
  return gtk_stack_get_visible_child_name (self->content_stack);
}

/* What the user may do to the report, as the central team or, in a
 * department pack, as that department; NULL with no report */
StWorkflow *
st_window_get_workflow (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return self->workflow;
}

/* The report's texts as last saved, which a save records history against */
StHistory *
st_window_get_history (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return self->history;
}

StSearchPanel *
st_window_get_search_panel (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return ensure_search_panel (self);
}
