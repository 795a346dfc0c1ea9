/* st-review-queue.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-filter-choices.h"
#include "st-review-queue.h"

/* One row: a submitted return */

#define ST_TYPE_REVIEW_ENTRY (st_review_entry_get_type ())

G_DECLARE_FINAL_TYPE (StReviewEntry, st_review_entry, ST, REVIEW_ENTRY, GObject)

struct _StReviewEntry
{
  GObject  parent_instance;

  char    *respondent_id;
  char    *item_id;
  char    *respondent;   /* as shown */
  char    *item;
  char    *submitted;    /* ISO 8601, or NULL when the history does not say */
  guint    warnings;
  guint    errors;
  guint    open_comments;
};

G_DEFINE_FINAL_TYPE (StReviewEntry, st_review_entry, G_TYPE_OBJECT)

static void
st_review_entry_finalize (GObject *object)
{
  StReviewEntry *self = (StReviewEntry *)object;

  g_free (self->respondent_id);
  g_free (self->item_id);
  g_free (self->respondent);
  g_free (self->item);
  g_free (self->submitted);

  G_OBJECT_CLASS (st_review_entry_parent_class)->finalize (object);
}

static void
st_review_entry_class_init (StReviewEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = st_review_entry_finalize;
}

static void
st_review_entry_init (StReviewEntry *self)
{
}

/* When the submission was last submitted, from its history */
static const char *
find_submitted_time (StSubmission *submission)
{
  GPtrArray *history = st_submission_get_history (submission);

  for (guint i = history->len; i > 0; i--)
    {
      const StHistoryEntry *entry = g_ptr_array_index (history, i - 1);

      if (g_strcmp0 (entry->what, "status") == 0 &&
          g_strcmp0 (entry->new_text, st_status_to_string (ST_STATUS_SUBMITTED)) == 0)
        return entry->time;
    }
  return NULL;
}

/* The queue */

typedef enum {
  COLUMN_DEPARTMENT,
  COLUMN_ACTION,
  COLUMN_SUBMITTED,
  COLUMN_CHECKS,
} Column;

struct _StReviewQueue
{
  AdwBin              parent_instance;

  GtkLabel           *summary_label;
  GtkDropDown        *respondent_dropdown;
  GtkDropDown        *item_dropdown;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;

  StReport           *report;
  StIssues           *issues;
  GListStore         *entries;           /* of StReviewEntry, oldest submission first */
  GtkCustomFilter    *filter;
  GtkFilterListModel *shown;
  GtkSingleSelection *selection;
  StFilterChoices    *choices;          /* the department and action drop-downs */
  gboolean            stale;             /* to be listed again once shown */
};

G_DEFINE_FINAL_TYPE (StReviewQueue, st_review_queue, ADW_TYPE_BIN)

enum {
  SUBMISSION_ACTIVATED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  StReviewQueue *self = user_data;
  StReviewEntry *entry = item;
  const char *respondent_id = st_filter_choices_get_respondent (self->choices);
  const char *item_id = st_filter_choices_get_item (self->choices);

  return (respondent_id == NULL || g_strcmp0 (entry->respondent_id, respondent_id) == 0) &&
         (item_id == NULL || g_strcmp0 (entry->item_id, item_id) == 0);
}

static void
update_summary (StReviewQueue *self)
{
  guint waiting = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  g_autofree char *waiting_text = NULL;
  g_autofree char *summary = NULL;

  /* "Submission", not "return", beside the Return… button */
  if (waiting == 0)
    summary = g_strdup (_("No submissions waiting for review"));
  else
    {
      waiting_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u submission to review",
                                                   "%u submissions to review", waiting),
                                      waiting);
      /* Translators: "4 submissions to review; 2 shown" */
      summary = g_strdup_printf (_("%s; %u shown"), waiting_text, shown);
    }
  gtk_label_set_label (self->summary_label, summary);

  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
  adw_status_page_set_description (self->empty_page,
                                   waiting > 0 ? _("No submission waiting for review matches these filters")
                                               : _("Submissions appear here once departments submit them"));
}

/* Oldest submission first; those the history gives no time for last, in
 * the report's order (the sort is stable) */
static int
compare_entry_items (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const StReviewEntry *entry_a = a;
  const StReviewEntry *entry_b = b;

  if (entry_a->submitted == NULL || entry_b->submitted == NULL)
    return (entry_a->submitted == NULL) - (entry_b->submitted == NULL);
  return strcmp (entry_a->submitted, entry_b->submitted);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return compare_entry_items (*(StReviewEntry **) a, *(StReviewEntry **) b, NULL);
}

/* The row for @submission, or NULL when it is not waiting for review */
static StReviewEntry *
make_entry (StReviewQueue *self,
            StSubmission  *submission)
{
  StTemplate *template = st_report_get_template (self->report);
  const StRespondent *respondent;
  const StItem *item;
  StReviewEntry *entry;

  if (st_submission_get_status (submission) != ST_STATUS_SUBMITTED)
    return NULL;
  respondent = st_template_find_respondent (template, st_submission_get_respondent_id (submission));
  item = st_template_find_item (template, st_submission_get_item_id (submission));
  if (respondent == NULL || item == NULL)
    return NULL;

  entry = g_object_new (ST_TYPE_REVIEW_ENTRY, NULL);
  entry->respondent_id = g_strdup (respondent->id);
  entry->item_id = g_strdup (item->id);
  entry->respondent = g_strdup (respondent->name);
  entry->item = st_filter_choices_item_label (template, item);
  entry->submitted = g_strdup (find_submitted_time (submission));
  entry->open_comments = st_workflow_count_unresolved (submission, NULL);
  if (self->issues != NULL)
    st_issues_count_current (self->issues, respondent->id, item->id, &entry->errors, &entry->warnings, NULL);
  return entry;
}

/* Lists the submitted returns again, keeping the selection on the same
 * return when it is still there */
static void
refresh (StReviewQueue *self)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *keep_respondent = NULL;
  g_autofree char *keep_item = NULL;
  const char *respondent_id, *item_id;
  guint keep_position = gtk_single_selection_get_selected (self->selection);
  GtkRoot *root;
  GtkWidget *focus;
  gboolean had_focus;

  self->stale = FALSE;
  if (st_review_queue_get_selected (self, &respondent_id, &item_id))
    {
      keep_respondent = g_strdup (respondent_id);
      keep_item = g_strdup (item_id);
    }

  for (guint i = 0; self->report != NULL && i < st_report_get_n_submissions (self->report); i++)
    {
      StReviewEntry *entry = make_entry (self, st_report_get_submission (self->report, i));

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }

  /* First come, first reviewed */
  g_ptr_array_sort (entries, compare_entries);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view));
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);

  /* The same return stays selected; one that left gives way to the next */
  if (keep_respondent != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
      guint position = MIN (keep_position, n > 0 ? n - 1 : 0);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(StReviewEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->shown), i);

          if (g_str_equal (entry->respondent_id, keep_respondent) && g_str_equal (entry->item_id, keep_item))
            position = i;
        }
      if (n > 0)
        gtk_single_selection_set_selected (self->selection, position);
    }
  /* The rows were made again: the keyboard stays in the list, so that
   * the reviewer goes on to the next return */
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  update_summary (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static gboolean
find_entry (StReviewQueue *self,
            const char    *respondent_id,
            const char    *item_id,
            guint         *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StReviewEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (g_str_equal (entry->respondent_id, respondent_id) && g_str_equal (entry->item_id, item_id))
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* One submission changed: its row comes, goes or is brought up to date,
 * and the others stay as they are, so a large queue is not made again
 * for each approval */
static void
update_one (StReviewQueue *self,
            const char    *respondent_id,
            const char    *item_id)
{
  StSubmission *submission = st_report_lookup_submission (self->report, respondent_id, item_id);
  g_autoptr(StReviewEntry) entry = submission != NULL ? make_entry (self, submission) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view));
  guint position;

  if (find_entry (self, respondent_id, item_id, &position))
    {
      if (entry != NULL)
        g_list_store_splice (self->entries, position, 1, (gpointer *) &entry, 1);
      else
        g_list_store_remove (self->entries, position);
    }
  else if (entry != NULL)
    g_list_store_insert_sorted (self->entries, entry, compare_entry_items, NULL);
  else
    return;

  /* The keyboard stays in the list for the next return */
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  update_summary (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/* Only a queue on screen is kept listed; one out of sight catches up once
 * it is shown */
static void
queue_refresh (StReviewQueue *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    self->stale = TRUE;
}

static void
on_map (StReviewQueue *self)
{
  if (self->stale)
    refresh (self);
}

static void
on_report_changed (StReviewQueue *self,
                   StSubmission  *submission,
                   const char    *section_id)
{
  /* Statuses and comments come with no section; the warnings follow
   * typing through the issues */
  if (section_id != NULL)
    return;
  if (submission != NULL && !self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_one (self, st_submission_get_respondent_id (submission), st_submission_get_item_id (submission));
  else
    queue_refresh (self);
}

static void
on_issues_changed (StReviewQueue *self,
                   const char    *respondent_id,
                   const char    *item_id)
{
  if (respondent_id != NULL && !self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_one (self, respondent_id, item_id);
  else
    queue_refresh (self);
}

static void
on_filter_changed (StReviewQueue *self)
{
  /* The dropdowns speak up while the queue is being built */
  if (self->filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_summary (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
on_activate (StReviewQueue *self,
             guint          position)
{
  st_review_queue_activate (self, position);
}

static void
on_selection_changed (StReviewQueue *self)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/* Columns */

/* "18 Nov 2026, 09:12" in local time: short, for a column */
static char *
format_short_time (const char *iso8601)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (time);
  /* Translators: a short date and time, see g_date_time_format(): "18 Nov 2026, 09:12" */
  return g_strstrip (g_date_time_format (local, _("%e %b %Y, %H:%M")));
}

/* "1 error, 2 warnings, 1 open comment" */
static char *
describe_checks (StReviewEntry *entry)
{
  g_autoptr(GString) checks = g_string_new (NULL);

  if (entry->errors > 0)
    g_string_append_printf (checks, g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", entry->errors),
                            entry->errors);
  if (entry->warnings > 0 || entry->errors == 0)
    {
      if (entry->errors > 0)
        /* Translators: between the counts of errors, warnings and comments */
        g_string_append (checks, _(", "));
      if (entry->warnings == 0)
        g_string_append (checks, _("No warnings"));
      else
        g_string_append_printf (checks, g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                     entry->warnings),
                                entry->warnings);
    }
  if (entry->open_comments > 0)
    {
      g_string_append (checks, _(", "));
      g_string_append_printf (checks, g_dngettext (GETTEXT_PACKAGE, "%u open comment", "%u open comments",
                                                   entry->open_comments),
                              entry->open_comments);
    }
  return g_string_free (g_steal_pointer (&checks), FALSE);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  StReviewEntry *entry = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  Column column = GPOINTER_TO_UINT (user_data);
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_DEPARTMENT:
      text = g_strdup (entry->respondent);
      break;

    case COLUMN_ACTION:
      text = g_strdup (entry->item);
      break;

    case COLUMN_SUBMITTED:
      text = entry->submitted != NULL ? format_short_time (entry->submitted)
                                      /* Translators: when a return was submitted is not recorded */
                                      : g_strdup (_("Not recorded"));
      break;

    case COLUMN_CHECKS:
    default:
      text = describe_checks (entry);
      break;
    }
  /* No tooltip with the full text: setting one asks the display where the
   * pointer is, for every row bound */
  gtk_label_set_label (label, text);
}

static void
add_column (StReviewQueue *self,
            const char    *title,
            Column         column,
            gboolean       expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
}

/* Filters' choices */

/* GObject */

static void
st_review_queue_dispose (GObject *object)
{
  StReviewQueue *self = (StReviewQueue *)object;

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_data (self->issues, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->report);
  g_clear_object (&self->issues);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->choices, st_filter_choices_free);

  G_OBJECT_CLASS (st_review_queue_parent_class)->dispose (object);
}

static void
st_review_queue_class_init (StReviewQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_review_queue_dispose;

  /**
   * StReviewQueue::submission-activated:
   * @respondent_id: the return's department
   * @item_id: its action
   *
   * A row was opened (Enter or a double click)
   */
  signals[SUBMISSION_ACTIVATED] =
    g_signal_new ("submission-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * StReviewQueue::selection-changed:
   *
   * Another return is selected, or none
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-review-queue.ui");
  gtk_widget_class_bind_template_child (widget_class, StReviewQueue, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StReviewQueue, respondent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StReviewQueue, item_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StReviewQueue, stack);
  gtk_widget_class_bind_template_child (widget_class, StReviewQueue, column_view);
  gtk_widget_class_bind_template_child (widget_class, StReviewQueue, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
st_review_queue_init (StReviewQueue *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (ST_TYPE_REVIEW_ENTRY);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->entries)),
                                           GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  add_column (self, _("Department"), COLUMN_DEPARTMENT, TRUE);
  add_column (self, _("Action"), COLUMN_ACTION, FALSE);
  add_column (self, _("Submitted"), COLUMN_SUBMITTED, FALSE);
  add_column (self, _("Checks"), COLUMN_CHECKS, FALSE);

  self->choices = st_filter_choices_new (self->respondent_dropdown, self->item_dropdown);
  update_summary (self);
}

GtkWidget *
st_review_queue_new (void)
{
  return g_object_new (ST_TYPE_REVIEW_QUEUE, NULL);
}

void
st_review_queue_set_report (StReviewQueue *self,
                            StReport      *report,
                            StIssues      *issues)
{
  g_return_if_fail (ST_IS_REVIEW_QUEUE (self));
  g_return_if_fail (report == NULL || ST_IS_REPORT (report));
  g_return_if_fail (issues == NULL || ST_IS_ISSUES (issues));

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  if (self->issues != NULL)
    g_signal_handlers_disconnect_by_data (self->issues, self);
  g_set_object (&self->report, report);
  g_set_object (&self->issues, issues);
  if (report != NULL)
    g_signal_connect_object (report, "changed", G_CALLBACK (on_report_changed), self, G_CONNECT_SWAPPED);
  if (issues != NULL)
    g_signal_connect_object (issues, "changed", G_CALLBACK (on_issues_changed), self, G_CONNECT_SWAPPED);

  st_filter_choices_set_report (self->choices, report);
  queue_refresh (self);
}

void
st_review_queue_set_filter (StReviewQueue *self,
                            const char    *respondent_id,
                            const char    *item_id)
{
  g_return_if_fail (ST_IS_REVIEW_QUEUE (self));

  st_filter_choices_select (self->choices, respondent_id, item_id);
}

guint
st_review_queue_get_n_shown (StReviewQueue *self)
{
  g_return_val_if_fail (ST_IS_REVIEW_QUEUE (self), 0);

  if (self->stale)
    refresh (self);
  return g_list_model_get_n_items (G_LIST_MODEL (self->shown));
}

guint
st_review_queue_get_n_waiting (StReviewQueue *self)
{
  g_return_val_if_fail (ST_IS_REVIEW_QUEUE (self), 0);

  if (self->stale)
    refresh (self);
  return g_list_model_get_n_items (G_LIST_MODEL (self->entries));
}

gboolean
st_review_queue_get_row (StReviewQueue  *self,
                         guint           position,
                         const char    **respondent_id,
                         const char    **item_id)
{
  g_autoptr(StReviewEntry) entry = NULL;

  g_return_val_if_fail (ST_IS_REVIEW_QUEUE (self), FALSE);

  if (self->stale)
    refresh (self);
  entry = g_list_model_get_item (G_LIST_MODEL (self->shown), position);
  if (entry == NULL)
    return FALSE;
  /* The store keeps the entry, and so the strings, while it is listed */
  *respondent_id = entry->respondent_id;
  *item_id = entry->item_id;
  return TRUE;
}

gboolean
st_review_queue_get_selected (StReviewQueue  *self,
                              const char    **respondent_id,
                              const char    **item_id)
{
  StReviewEntry *entry;

  g_return_val_if_fail (ST_IS_REVIEW_QUEUE (self), FALSE);

  entry = gtk_single_selection_get_selected_item (self->selection);
  if (entry == NULL)
    return FALSE;
  *respondent_id = entry->respondent_id;
  *item_id = entry->item_id;
  return TRUE;
}

void
st_review_queue_select (StReviewQueue *self,
                        guint          position)
{
  g_return_if_fail (ST_IS_REVIEW_QUEUE (self));
  gtk_single_selection_set_selected (self->selection, position);
}

void
st_review_queue_focus (StReviewQueue *self)
{
  g_return_if_fail (ST_IS_REVIEW_QUEUE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
st_review_queue_activate (StReviewQueue *self,
                          guint          position)
{
  const char *respondent_id, *item_id;
  g_autofree char *respondent = NULL;
  g_autofree char *item = NULL;

  g_return_if_fail (ST_IS_REVIEW_QUEUE (self));

  if (!st_review_queue_get_row (self, position, &respondent_id, &item_id))
    return;
  /* Opening may list the queue again under the strings */
  respondent = g_strdup (respondent_id);
  item = g_strdup (item_id);
  g_signal_emit (self, signals[SUBMISSION_ACTIVATED], 0, respondent, item);
}

const char *
st_review_queue_get_summary (StReviewQueue *self)
{
  g_return_val_if_fail (ST_IS_REVIEW_QUEUE (self), NULL);
  return gtk_label_get_label (self->summary_label);
}

char *
st_review_queue_describe_checks (StReviewQueue *self,
                                 guint          position)
{
  g_autoptr(StReviewEntry) entry = NULL;

  g_return_val_if_fail (ST_IS_REVIEW_QUEUE (self), NULL);

  entry = g_list_model_get_item (G_LIST_MODEL (self->shown), position);
  return entry != NULL ? describe_checks (entry) : NULL;
}
