/* st-search-panel.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-search-panel.h"

/* How long after a change elsewhere the shown matches are brought up to
 * date, so that a burst of changes searches once */
#define REFRESH_DELAY_MS 200

/* More matches than anyone reads: the list stops there, and typing more
 * narrows it down */
#define MAX_SHOWN 2000

struct _StSearchPanel
{
  AdwBin          parent_instance;

  GtkLabel       *summary_label;
  GtkSearchEntry *search_entry;
  GtkEntry       *replace_entry;
  GtkButton      *replace_all_button;
  GtkCheckButton *case_check;
  GtkCheckButton *words_check;
  GtkStack       *stack;
  GtkListView    *list_view;

  StReport       *report;
  StSearch       *search;
  GListStore     *store;            /* of StSearchMatch */
  GPtrArray      *matches;          /* the same, to count */
  GPtrArray      *undo_edits;       /* of StSearchEdit: the last replacement */
  AdwToast       *toast;            /* weak: the offer to undo, while shown */
  char           *shown_query;      /* what the matches shown were found with */
  StSearchFlags   shown_flags;
  gboolean        more;             /* there are more matches than shown */
  gboolean        stale;            /* the report changed since */
  gboolean        replacing;
  guint           refresh_id;
};

G_DEFINE_FINAL_TYPE (StSearchPanel, st_search_panel, ADW_TYPE_BIN)

enum {
  MATCH_ACTIVATED,
  CLOSE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void take_undo          (StSearchPanel *self,
                                GPtrArray     *edits);
static void dismiss_toast      (StSearchPanel *self);
static void update_undo_action (StSearchPanel *self);

static StSearchFlags
get_flags (StSearchPanel *self)
{
  StSearchFlags flags = ST_SEARCH_DEFAULT;

  if (gtk_check_button_get_active (self->case_check))
    flags |= ST_SEARCH_CASE_SENSITIVE;
  if (gtk_check_button_get_active (self->words_check))
    flags |= ST_SEARCH_WHOLE_WORDS;
  return flags;
}

static void
update_summary (StSearchPanel *self)
{
  g_autofree char *summary = NULL;
  guint n_matches = self->matches != NULL ? self->matches->len : 0;
  guint n_editable = 0, n_sections = 0;

  if (self->matches != NULL)
    {
      StSearchMatch *previous = NULL;

      st_search_count_editable (self->matches, &n_editable, NULL);
      for (guint i = 0; i < self->matches->len; i++)
        {
          StSearchMatch *match = g_ptr_array_index (self->matches, i);

          if (previous == NULL ||
              g_strcmp0 (st_search_match_get_respondent_id (previous), st_search_match_get_respondent_id (match)) != 0 ||
              g_strcmp0 (st_search_match_get_item_id (previous), st_search_match_get_item_id (match)) != 0 ||
              g_strcmp0 (st_search_match_get_section_id (previous), st_search_match_get_section_id (match)) != 0)
            n_sections++;
          previous = match;
        }
    }

  if (self->matches == NULL)
    summary = g_strdup (_("Type what to find; the report’s sections are searched as you type."));
  else if (self->more)
    summary = g_strdup_printf (_("More than %u matches: the first are listed. Type more to narrow the search."),
                               n_matches);
  else if (n_matches == 0)
    summary = g_strdup (_("No matches"));
  else
    {
      g_autofree char *matches_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches",
                                                                    n_matches),
                                                       n_matches);
      g_autofree char *sections_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section", "%u sections",
                                                                     n_sections),
                                                        n_sections);

      /* Translators: "12 matches in 5 sections" */
      summary = g_strdup_printf (_("%s in %s"), matches_text, sections_text);
      if (n_editable < n_matches)
        {
          g_autofree char *read_only = NULL;

          read_only = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u is in a section that cannot be changed",
                                                    "%u are in sections that cannot be changed",
                                                    n_matches - n_editable),
                                       n_matches - n_editable);
          /* Translators: the summary, then how many matches are read-only */
          g_free (summary);
          summary = g_strdup_printf (_("%s in %s; %s"), matches_text, sections_text, read_only);
        }
    }
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_sensitive (GTK_WIDGET (self->replace_all_button), n_editable > 0 || self->more);

  if (self->matches == NULL)
    gtk_stack_set_visible_child_name (self->stack, "start");
  else
    gtk_stack_set_visible_child_name (self->stack, n_matches > 0 ? "list" : "empty");
}

/* Searches again, unless the matches shown are current already */
static void
refresh (StSearchPanel *self,
         gboolean       force)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  StSearchFlags flags = get_flags (self);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  guint n_shown;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (!force && !self->stale && g_strcmp0 (query, self->shown_query) == 0 && flags == self->shown_flags)
    return;

  self->stale = FALSE;
  self->more = FALSE;
  g_free (self->shown_query);
  self->shown_query = g_strdup (query);
  self->shown_flags = flags;

  if (self->search != NULL && *query != '\0')
    {
      matches = st_search_find_at_most (self->search, query, flags, MAX_SHOWN, &self->more, &error);
      if (matches == NULL)
        g_warning ("Could not search for “%s”: %s", query, error->message);
    }

  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  if (matches != NULL)
    {
      self->matches = g_ptr_array_ref (matches);
      g_list_store_splice (self->store, 0, n_shown, matches->pdata, matches->len);
    }
  else
    g_list_store_remove_all (self->store);
  update_summary (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  StSearchPanel *self = user_data;

  self->refresh_id = 0;
  refresh (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_report_changed (StSearchPanel *self)
{
  /* Our own replacements search again once they are all made */
  if (self->replacing)
    return;
  /* Once every section replaced has changed again or can no longer
   * change, Undo has nothing left to do: it is no longer offered */
  if (self->undo_edits != NULL && self->search != NULL &&
      st_search_count_undoable (self->search, self->undo_edits) == 0)
    {
      take_undo (self, NULL);
      dismiss_toast (self);
    }
  self->stale = TRUE;
  /* Out of sight, the matches wait until the panel is shown again */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
on_search_changed (StSearchPanel *self)
{
  refresh (self, FALSE);
}

static void
on_options_changed (StSearchPanel *self)
{
  refresh (self, FALSE);
}

static void
on_stop_search (StSearchPanel *self)
{
  g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
}

static void
on_search_activate (StSearchPanel *self)
{
  refresh (self, FALSE);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    st_search_panel_activate (self, 0);
}

static void
on_list_activate (StSearchPanel *self,
                  guint          position)
{
  st_search_panel_activate (self, position);
}

static gboolean
close_binding (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  g_signal_emit (widget, signals[CLOSE_REQUESTED], 0);
  return TRUE;
}

/* Undoing */

static void
on_toast_dismissed (StSearchPanel *self,
                    AdwToast      *toast)
{
  if (self->toast == toast)
    {
      g_object_remove_weak_pointer (G_OBJECT (toast), (gpointer *) &self->toast);
      self->toast = NULL;
    }
}

static void
dismiss_toast (StSearchPanel *self)
{
  AdwToast *toast = self->toast;

  if (toast == NULL)
    return;
  on_toast_dismissed (self, toast);
  adw_toast_dismiss (toast);
}

/* Says what happened in the window's toasts, with a way back when @undo */
static void
show_toast (StSearchPanel *self,
            const char    *title,
            gboolean       undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast;

  dismiss_toast (self);
  if (overlay == NULL)
    return;

  toast = adw_toast_new (escaped);
  if (undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      /* Long enough to look at what changed before deciding */
      adw_toast_set_timeout (toast, 15);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (st_search_panel_undo), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, G_CONNECT_SWAPPED);
      self->toast = toast;
      g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->toast);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Rows */

static void
on_row_replace_clicked (GtkButton   *button,
                        GtkListItem *list_item)
{
  StSearchPanel *self = ST_SEARCH_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (button), ST_TYPE_SEARCH_PANEL));

  st_search_panel_replace (self, gtk_list_item_get_position (list_item));
}

/* GTK 4.8's list view keeps about two hundred rows, and measures each
 * whenever the matches change. A wrapping label is shaped again for every
 * width it is asked about, which made each keystroke in the find entry
 * take about a second on the sample report; an inscription takes the
 * lines it is given, whatever its text.
 *
 * A text of up to two lines is an inscription of one line or two in a
 * holder that says which: its text is shaped once, on one line, when it
 * is first measured, and takes a second line only at widths narrower
 * than that. So a short text leaves no empty line under it. */
typedef struct {
  GtkWidget *text;        /* the inscription */
  int        width;       /* of its text on one line; -1 until shaped */
  guint      serial;      /* of the Pango context it was shaped in */
} Fit;

static int
fit_width (Fit *fit)
{
  PangoContext *context = gtk_widget_get_pango_context (fit->text);

  if (fit->width < 0 || fit->serial != pango_context_get_serial (context))
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);
      const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (fit->text));

      pango_layout_set_text (layout, text != NULL ? text : "", -1);
      pango_layout_set_attributes (layout, gtk_inscription_get_attributes (GTK_INSCRIPTION (fit->text)));
      pango_layout_get_pixel_size (layout, &fit->width, NULL);
      fit->serial = pango_context_get_serial (context);
    }
  return fit->width;
}

static GtkSizeRequestMode
fit_get_request_mode (GtkWidget *holder)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
fit_measure (GtkWidget      *holder,
             GtkOrientation  orientation,
             int             for_size,
             int            *minimum,
             int            *natural,
             int            *minimum_baseline,
             int            *natural_baseline)
{
  Fit *fit = g_object_get_data (G_OBJECT (holder), "fit");
  int one_line, two_lines;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (fit->text, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
      return;
    }

  /* The inscription's minimum is one line, its natural size two */
  gtk_widget_measure (fit->text, orientation, for_size, &one_line, &two_lines, NULL, NULL);
  *minimum = *natural = for_size >= 0 && fit_width (fit) <= for_size ? one_line : two_lines;
}

static void
fit_allocate (GtkWidget *holder,
              int        width,
              int        height,
              int        baseline)
{
  Fit *fit = g_object_get_data (G_OBJECT (holder), "fit");

  gtk_widget_allocate (fit->text, width, height, baseline, NULL);
}

static GtkWidget *
row_text (GtkWidget  *box,
          guint       lines,
          const char *style)
{
  GtkWidget *text = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (text), 0);
  gtk_inscription_set_yalign (GTK_INSCRIPTION (text), 0);
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (text), 1);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (text), lines);
  gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (text), PANGO_WRAP_WORD_CHAR);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (text), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (text, style);

  if (lines > 1)
    {
      GtkWidget *holder = adw_bin_new ();
      Fit *fit = g_new0 (Fit, 1);

      fit->text = text;
      fit->width = -1;
      gtk_widget_set_layout_manager (holder, gtk_custom_layout_new (fit_get_request_mode, fit_measure, fit_allocate));
      g_object_set_data_full (G_OBJECT (holder), "fit", fit, g_free);
      g_object_set_data (G_OBJECT (text), "fit", fit);
      adw_bin_set_child (ADW_BIN (holder), text);
      gtk_box_append (GTK_BOX (box), holder);
    }
  else
    gtk_box_append (GTK_BOX (box), text);
  return text;
}

/* Sets what @text shows, and what a screen reader reads of it */
static void
set_row_text (GtkWidget  *text,
              const char *plain,
              const char *markup)
{
  Fit *fit = g_object_get_data (G_OBJECT (text), "fit");

  if (markup != NULL)
    gtk_inscription_set_markup (GTK_INSCRIPTION (text), markup);
  else
    gtk_inscription_set_text (GTK_INSCRIPTION (text), plain);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
  /* One line or two: shaped again when next measured */
  if (fit != NULL)
    {
      fit->width = -1;
      gtk_widget_queue_resize (text);
    }
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           StSearchPanel            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *place, *snippet, *state, *button;

  gtk_widget_set_hexpand (text, TRUE);
  row_text (text, 1, "heading");
  place = row_text (text, 2, "caption");
  gtk_widget_add_css_class (place, "dim-label");
  snippet = row_text (text, 2, NULL);
  state = row_text (text, 1, "caption");

  button = gtk_button_new_with_label (_("Replace"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Replace this match"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_row_replace_clicked), list_item);

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_item_set_child (list_item, box);
  g_object_set_data (G_OBJECT (list_item), "respondent", gtk_widget_get_first_child (text));
  g_object_set_data (G_OBJECT (list_item), "place", place);
  g_object_set_data (G_OBJECT (list_item), "snippet", snippet);
  g_object_set_data (G_OBJECT (list_item), "state", state);
  g_object_set_data (G_OBJECT (list_item), "button", button);
}

/* The context with the match in bold, everything escaped */
static char *
snippet_markup (StSearchMatch *match)
{
  gsize start, end;
  const char *context = st_search_match_get_context (match, &start, &end);
  g_autofree char *before = g_markup_escape_text (context, start);
  g_autofree char *found = g_markup_escape_text (context + start, end - start);
  g_autofree char *after = g_markup_escape_text (context + end, -1);

  return g_strdup_printf ("%s<b>%s</b>%s", before, found, after);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          StSearchPanel            *self)
{
  StSearchMatch *match = gtk_list_item_get_item (list_item);
  StTemplate *template = st_report_get_template (self->report);
  const StRespondent *respondent = st_template_find_respondent (template, st_search_match_get_respondent_id (match));
  const StItem *item = st_template_find_item (template, st_search_match_get_item_id (match));
  const StSection *section = st_template_find_section (template, st_search_match_get_section_id (match));
  const char *word = st_template_get_display_word (template, ST_WORD_ITEM);
  GtkWidget *state = g_object_get_data (G_OBJECT (list_item), "state");
  GtkWidget *button = g_object_get_data (G_OBJECT (list_item), "button");
  gboolean editable = st_search_match_get_editable (match);
  g_autofree char *item_text = NULL;
  g_autofree char *place = NULL;
  g_autofree char *markup = snippet_markup (match);
  g_autofree char *button_name = NULL;

  if (item->number > 0)
    /* Translators: "Action 1: ensure there is an active digital leader …" */
    item_text = g_strdup_printf (_("%s %u: %s"), word != NULL ? word : _("Action"), item->number, item->title);
  else
    item_text = g_strdup (item->title);
  /* The section first: a long action's title is cut short at two lines */
  place = g_strdup_printf ("%s · %s", section->heading, item_text);

  set_row_text (g_object_get_data (G_OBJECT (list_item), "respondent"), respondent->name, NULL);
  set_row_text (g_object_get_data (G_OBJECT (list_item), "place"), place, NULL);
  set_row_text (g_object_get_data (G_OBJECT (list_item), "snippet"), st_search_match_get_context (match, NULL, NULL),
                markup);

  gtk_widget_set_visible (state, !editable);
  gtk_widget_set_sensitive (button, editable);
  if (!editable)
    {
      g_autoptr(GError) error = NULL;

      /* Said in words, not only by the dimmed button */
      StSubmission *submission = st_report_lookup_submission (self->report,
                                                              st_search_match_get_respondent_id (match),
                                                              st_search_match_get_item_id (match));

      if (section->round < st_report_get_round (self->report))
        set_row_text (state, _("Read only: an earlier round"), NULL);
      else if (submission != NULL && st_submission_get_status (submission) == ST_STATUS_APPROVED)
        set_row_text (state, _("Read only: approved"), NULL);
      else
        set_row_text (state, _("Read only"), NULL);
      st_search_can_replace (self->search, st_search_match_get_respondent_id (match),
                             st_search_match_get_item_id (match), st_search_match_get_section_id (match), &error);
      gtk_widget_set_tooltip_text (state, error != NULL ? error->message : NULL);
    }

  /* Translators: the Replace button of one match, for a screen reader:
   * "Replace in Cabinet Office, Progress during 2014" */
  button_name = g_strdup_printf (_("Replace in %s, %s"), respondent->name, section->heading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);
}

/* Replacing */

typedef struct {
  char          *query;
  char          *replacement;
  StSearchFlags  flags;
} ReplaceRequest;

static void
replace_request_free (ReplaceRequest *request)
{
  g_free (request->query);
  g_free (request->replacement);
  g_free (request);
}

static void
take_undo (StSearchPanel *self,
           GPtrArray     *edits)
{
  g_clear_pointer (&self->undo_edits, g_ptr_array_unref);
  self->undo_edits = edits;
  update_undo_action (self);
}

static void
on_replace_all_response (AdwMessageDialog *dialog,
                         const char       *response,
                         StSearchPanel    *self)
{
  ReplaceRequest *request = g_object_get_data (G_OBJECT (dialog), "request");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GPtrArray *edits = NULL;
  guint n_sections = 0, replaced;

  if (!g_str_equal (response, "replace") || self->search == NULL)
    return;

  self->replacing = TRUE;
  replaced = st_search_replace_all (self->search, request->query, request->flags, request->replacement,
                                    &n_sections, &edits, &error);
  self->replacing = FALSE;
  refresh (self, TRUE);

  if (error != NULL)
    {
      show_toast (self, error->message, FALSE);
      return;
    }
  take_undo (self, edits);
  {
    g_autofree char *matches_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches",
                                                                  replaced),
                                                     replaced);
    g_autofree char *sections_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section", "%u sections",
                                                                   n_sections),
                                                      n_sections);

    /* Translators: "Replaced 12 matches in 5 sections" */
    title = g_strdup_printf (_("Replaced %s in %s"), matches_text, sections_text);
  }
  show_toast (self, title, replaced > 0);
}

void
st_search_panel_replace_all (StSearchPanel *self)
{
  AdwMessageDialog *dialog;
  ReplaceRequest *request;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *matches_text = NULL;
  g_autofree char *sections_text = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint n_editable = 0, n_sections = 0;

  g_return_if_fail (ST_IS_SEARCH_PANEL (self));

  /* What is asked about is what is shown, and what is beyond the list */
  refresh (self, FALSE);
  if (self->matches == NULL)
    return;
  all = self->more ? st_search_find (self->search, self->shown_query, self->shown_flags, NULL)
                   : g_ptr_array_ref (self->matches);
  if (all == NULL)
    return;
  st_search_count_editable (all, &n_editable, &n_sections);
  if (n_editable == 0)
    return;

  request = g_new0 (ReplaceRequest, 1);
  request->query = g_strdup (self->shown_query);
  request->replacement = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)));
  request->flags = self->shown_flags;

  matches_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n_editable), n_editable);
  sections_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section", "%u sections", n_sections),
                                   n_sections);
  if (*request->replacement == '\0')
    /* Translators: "Delete 12 matches of “TBC” in 5 sections." */
    g_string_append_printf (body, _("Delete %s of “%s” in %s."), matches_text, request->query, sections_text);
  else
    /* Translators: "Replace 12 matches of “CO” with “Cabinet Office” in 5 sections." */
    g_string_append_printf (body, _("Replace %s of “%s” with “%s” in %s."), matches_text, request->query,
                            request->replacement, sections_text);
  if (n_editable < all->len)
    {
      guint left = all->len - n_editable;

      g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u match in a section that cannot be changed stays as it is.",
                                                 "%u matches in sections that cannot be changed stay as they are.",
                                                 left),
                              left);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Replace All?"), body->str));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace All"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "replace");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "request", request, (GDestroyNotify) replace_request_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_all_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
st_search_panel_replace (StSearchPanel *self,
                         guint          position)
{
  g_autoptr(StSearchMatch) match = NULL;
  g_autoptr(GError) error = NULL;
  StSearchEdit *edit = NULL;
  GPtrArray *edits;
  gboolean replaced;

  g_return_val_if_fail (ST_IS_SEARCH_PANEL (self), FALSE);

  match = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  if (match == NULL || self->search == NULL)
    return FALSE;

  self->replacing = TRUE;
  replaced = st_search_replace (self->search, match,
                                gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)), &edit, &error);
  self->replacing = FALSE;
  refresh (self, TRUE);
  if (!replaced)
    {
      show_toast (self, error->message, FALSE);
      return FALSE;
    }

  edits = g_ptr_array_new_with_free_func ((GDestroyNotify) st_search_edit_free);
  g_ptr_array_add (edits, edit);
  take_undo (self, edits);
  show_toast (self, _("Replaced 1 match"), TRUE);

  /* On to the next one, which is now where this one was */
  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return TRUE;
}

gboolean
st_search_panel_undo (StSearchPanel *self)
{
  g_autoptr(GPtrArray) edits = NULL;
  guint restored;

  g_return_val_if_fail (ST_IS_SEARCH_PANEL (self), FALSE);

  if (self->undo_edits == NULL || self->search == NULL)
    return FALSE;
  edits = g_steal_pointer (&self->undo_edits);
  update_undo_action (self);

  self->replacing = TRUE;
  restored = st_search_undo (self->search, edits);
  self->replacing = FALSE;
  refresh (self, TRUE);

  if (restored < edits->len)
    {
      guint left = edits->len - restored;
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u section was changed again since, and keeps its new text",
                                                             "%u sections were changed again since, and keep their new text",
                                                             left),
                                                left);

      show_toast (self, title, FALSE);
    }
  else
    dismiss_toast (self);
  return restored > 0;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  st_search_panel_undo (ST_SEARCH_PANEL (widget));
}

/* Ctrl+Z undoes the last replacement while the panel is shown and there
 * is one to undo; otherwise it is left to the entries and the forms */
static void
update_undo_action (StSearchPanel *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.undo",
                                 self->undo_edits != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)));
}

/* GObject */

static void
st_search_panel_map (GtkWidget *widget)
{
  StSearchPanel *self = ST_SEARCH_PANEL (widget);

  GTK_WIDGET_CLASS (st_search_panel_parent_class)->map (widget);
  update_undo_action (self);
  if (self->stale)
    refresh (self, TRUE);
}

static void
st_search_panel_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (st_search_panel_parent_class)->unmap (widget);
  update_undo_action (ST_SEARCH_PANEL (widget));
}

static void
st_search_panel_dispose (GObject *object)
{
  StSearchPanel *self = (StSearchPanel *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->toast), (gpointer *) &self->toast);
  self->toast = NULL;
  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->report);
  g_clear_object (&self->search);
  g_clear_object (&self->store);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_pointer (&self->undo_edits, g_ptr_array_unref);

  G_OBJECT_CLASS (st_search_panel_parent_class)->dispose (object);
}

static void
st_search_panel_finalize (GObject *object)
{
  StSearchPanel *self = (StSearchPanel *)object;

  g_free (self->shown_query);

  G_OBJECT_CLASS (st_search_panel_parent_class)->finalize (object);
}

static void
st_search_panel_class_init (StSearchPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_search_panel_dispose;
  object_class->finalize = st_search_panel_finalize;
  widget_class->map = st_search_panel_map;
  widget_class->unmap = st_search_panel_unmap;

  /**
   * StSearchPanel::match-activated:
   * @match: the match to show
   */
  signals[MATCH_ACTIVATED] =
    g_signal_new ("match-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ST_TYPE_SEARCH_MATCH);

  /**
   * StSearchPanel::close-requested:
   *
   * The user pressed Escape: the panel should make way for what was shown
   * before it.
   */
  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, close_binding, NULL);
  gtk_widget_class_install_action (widget_class, "search.undo", NULL, undo_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-search-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, StSearchPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StSearchPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StSearchPanel, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, StSearchPanel, replace_all_button);
  gtk_widget_class_bind_template_child (widget_class, StSearchPanel, case_check);
  gtk_widget_class_bind_template_child (widget_class, StSearchPanel, words_check);
  gtk_widget_class_bind_template_child (widget_class, StSearchPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, StSearchPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, st_search_panel_replace_all);
}

static void
st_search_panel_init (StSearchPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Wherever the focus is in the window, even nowhere once the Replace
   * All button that had it is insensitive */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>z"),
                                                          gtk_named_action_new ("search.undo")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  update_undo_action (self);

  self->store = g_list_store_new (ST_TYPE_SEARCH_MATCH);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_summary (self);
}

GtkWidget *
st_search_panel_new (void)
{
  return g_object_new (ST_TYPE_SEARCH_PANEL, NULL);
}

void
st_search_panel_set_report (StSearchPanel *self,
                            StReport      *report,
                            StWorkflow    *workflow)
{
  g_return_if_fail (ST_IS_SEARCH_PANEL (self));
  g_return_if_fail (report == NULL || ST_IS_REPORT (report));
  g_return_if_fail (workflow == NULL || ST_IS_WORKFLOW (workflow));

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  g_set_object (&self->report, report);
  g_clear_object (&self->search);
  take_undo (self, NULL);
  dismiss_toast (self);
  if (report != NULL)
    {
      self->search = st_search_new (report, workflow);
      g_signal_connect_object (report, "changed", G_CALLBACK (on_report_changed), self, G_CONNECT_SWAPPED);
    }
  refresh (self, TRUE);
}

void
st_search_panel_focus (StSearchPanel *self,
                       const char    *query)
{
  g_return_if_fail (ST_IS_SEARCH_PANEL (self));

  if (query != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  refresh (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

const char *
st_search_panel_get_query (StSearchPanel *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_PANEL (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

void
st_search_panel_set_flags (StSearchPanel *self,
                           StSearchFlags  flags)
{
  g_return_if_fail (ST_IS_SEARCH_PANEL (self));

  gtk_check_button_set_active (self->case_check, (flags & ST_SEARCH_CASE_SENSITIVE) != 0);
  gtk_check_button_set_active (self->words_check, (flags & ST_SEARCH_WHOLE_WORDS) != 0);
  refresh (self, FALSE);
}

void
st_search_panel_set_replacement (StSearchPanel *self,
                                 const char    *replacement)
{
  g_return_if_fail (ST_IS_SEARCH_PANEL (self));
  gtk_editable_set_text (GTK_EDITABLE (self->replace_entry), replacement != NULL ? replacement : "");
}

GListModel *
st_search_panel_get_matches (StSearchPanel *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_PANEL (self), NULL);

  refresh (self, FALSE);
  return G_LIST_MODEL (self->store);
}

const char *
st_search_panel_get_summary (StSearchPanel *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_PANEL (self), NULL);
  return gtk_label_get_label (self->summary_label);
}

void
st_search_panel_activate (StSearchPanel *self,
                          guint          position)
{
  g_autoptr(StSearchMatch) match = NULL;

  g_return_if_fail (ST_IS_SEARCH_PANEL (self));

  match = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  if (match != NULL)
    g_signal_emit (self, signals[MATCH_ACTIVATED], 0, match);
}

gboolean
st_search_panel_can_undo (StSearchPanel *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_PANEL (self), FALSE);
  return self->undo_edits != NULL;
}

AdwToast *
st_search_panel_get_undo_toast (StSearchPanel *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_PANEL (self), NULL);
  return self->toast;
}

void
st_search_panel_dismiss_undo_toast (StSearchPanel *self)
{
  g_return_if_fail (ST_IS_SEARCH_PANEL (self));
  dismiss_toast (self);
}
