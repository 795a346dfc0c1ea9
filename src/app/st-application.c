/* st-application.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "st-application.h"
#include "st-preferences-window.h"
#include "st-renderer.h"

struct _StApplication
{
  AdwApplication  parent_instance;

  gint64          started;        /* monotonic time at construction */
  GSettings      *settings;
  StDrafts       *drafts;
  GtkStringList  *recent_files;
  GMenu          *recent_menu;
};

G_DEFINE_FINAL_TYPE (StApplication, st_application, ADW_TYPE_APPLICATION)

static void
update_recent (StApplication *self)
{
  g_auto(GStrv) uris = g_settings_get_strv (self->settings, "recent-files");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->recent_files));

  gtk_string_list_splice (self->recent_files, 0, n, (const char * const *) uris);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GString) label = g_string_new (NULL);
      g_autoptr(GMenuItem) item = NULL;

      /* A name with "_" in it must not become a mnemonic */
      for (const char *p = name; *p != '\0'; p++)
        {
          if (*p == '_')
            g_string_append_c (label, '_');
          g_string_append_c (label, *p);
        }
      item = g_menu_item_new (label->str, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent", g_variant_new_string (uris[i]));
      g_menu_append_item (self->recent_menu, item);
    }
}

void
st_application_add_recent (StApplication *self,
                           GFile         *file)
{
  g_auto(GStrv) uris = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  g_autofree char *uri = NULL;
  guint n = 1;

  g_return_if_fail (ST_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  uris = g_settings_get_strv (self->settings, "recent-files");

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, uri);
  for (guint i = 0; uris[i] != NULL && n < ST_RECENT_FILES_MAX; i++)
    {
      if (g_str_equal (uris[i], uri))
        continue;
      g_strv_builder_add (builder, uris[i]);
      n++;
    }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-files", (const char * const *) updated);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
forget_recent (StApplication *self,
               const char    *uri)
{
  g_auto(GStrv) uris = g_settings_get_strv (self->settings, "recent-files");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  for (guint i = 0; uris[i] != NULL; i++)
    if (!g_str_equal (uris[i], uri))
      g_strv_builder_add (builder, uris[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-files", (const char * const *) updated);
}

StWindow *
st_application_find_window (StApplication *self,
                            GFile         *file)
{
  g_return_val_if_fail (ST_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GFile *window_file;

      if (!ST_IS_WINDOW (l->data))
        continue;
      window_file = st_window_get_file (l->data);
      if (window_file != NULL && g_file_equal (window_file, file))
        return l->data;
    }
  return NULL;
}

static StWindow *
active_window (StApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL && ST_IS_WINDOW (window))
    return ST_WINDOW (window);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (ST_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

StWindow *
st_application_open_file (StApplication *self,
                          GFile         *file,
                          StWindow      *from)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(StReport) report = NULL;
  g_autoptr(GError) error = NULL;
  StErrorLocation location = { 0 };
  StWindow *window;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (ST_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (from == NULL || ST_IS_WINDOW (from), NULL);

  if ((window = st_application_find_window (self, file)))
    {
      gtk_window_present (GTK_WINDOW (window));
      return window;
    }

  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &length);
      report = st_report_new_from_data (data, length, &location, &error);
    }

  if (report == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      /* A recent file that has gone stays out of the list */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        forget_recent (self, uri);

      window = from != NULL ? from : active_window (self);
      if (window == NULL)
        window = st_window_new (self);
      gtk_window_present (GTK_WINDOW (window));
      st_window_show_load_error (window, file, error, &location);
      st_error_location_clear (&location);
      return NULL;
    }

  /* One report per window: an empty window takes it, else a new one */
  if (from != NULL && st_window_get_report (from) == NULL)
    window = from;
  else
    window = st_window_new (self);

  st_window_set_report (window, report, file, bytes);
  gtk_window_present (GTK_WINDOW (window));
  st_application_add_recent (self, file);
  st_window_offer_draft (window);
  return window;
}

/* For bench/editor-speed: with STOCKTAKE_FIRST_FRAME set, the time to
 * the first window's first frame goes to standard output, and the app
 * quits if it is "quit" */
static void
on_first_after_paint (GdkFrameClock *clock,
                      StApplication *self)
{
  struct timespec cpu = { 0 };

  /* The processor time too: unlike the wall time, other work on the
   * machine does not lengthen it */
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  g_print ("first-frame %.1f ms\n", (g_get_monotonic_time () - self->started) / 1000.0);
  g_print ("first-frame-cpu %.1f ms\n", cpu.tv_sec * 1000.0 + cpu.tv_nsec / 1e6);
  if (active_window (self) != NULL)
    g_print ("first-frame-renderer %s\n",
             G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (active_window (self)))));
  g_signal_handlers_disconnect_by_func (clock, on_first_after_paint, self);
  if (g_strcmp0 (g_getenv ("STOCKTAKE_FIRST_FRAME"), "quit") == 0)
    g_application_quit (G_APPLICATION (self));
}

static void
on_window_realized (GtkWidget     *window,
                    StApplication *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, on_window_realized, self);
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_after_paint), self, 0);
}

static void
st_application_window_added (GtkApplication *application,
                             GtkWindow      *window)
{
  StApplication *self = ST_APPLICATION (application);

  GTK_APPLICATION_CLASS (st_application_parent_class)->window_added (application, window);

  if (g_getenv ("STOCKTAKE_FIRST_FRAME") != NULL &&
      g_list_length (gtk_application_get_windows (application)) == 1)
    g_signal_connect_object (window, "realize", G_CALLBACK (on_window_realized), self, G_CONNECT_AFTER);
}

static void
st_application_activate (GApplication *application)
{
  StApplication *self = ST_APPLICATION (application);
  StWindow *window = active_window (self);

  if (window == NULL)
    window = st_window_new (self);
  gtk_window_present (GTK_WINDOW (window));
}

static void
st_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  StApplication *self = ST_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      StWindow *from = active_window (self);

      /* An empty window left from an earlier failure is reused */
      if (from != NULL && st_window_get_report (from) != NULL)
        from = NULL;
      st_application_open_file (self, files[i], from);
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  StApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Each window asks about its own unsaved changes */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  StApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (st_window_new (self)));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StApplication *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  StWindow *from = active_window (self);

  st_application_open_file (self, file, from);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  StApplication *self = user_data;
  const char *developers[] = { _("The Stocktake authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("Stocktake"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Stocktake authors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Collect, check and publish departments’ yearly progress on a strategy"),
                        "copyright", "© 2026 The Stocktake authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line, for the About window */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = st_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "new-window", new_window_action },
  { "open-recent", open_recent_action, "s" },
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
st_application_startup (GApplication *application)
{
  StApplication *self = ST_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.new-window", { "<Shift><Control>n", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Shift><Control>s", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.search", { "<Shift><Control>f", NULL } },
    { "win.next-submission", { "<Control>Page_Down", NULL } },
    { "win.previous-submission", { "<Control>Page_Up", NULL } },
    { "win.show-overview", { "<Alt>Home", NULL } },
    { "win.show-issues", { "F8", NULL } },
    { "win.show-review-queue", { "F7", NULL } },
    { "win.approve-submission", { "<Shift><Control>a", NULL } },
    { "win.return-submission", { "<Shift><Control>r", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (st_application_parent_class)->startup (application);

  /* Before the first window is made */
  if (gdk_display_get_default () != NULL)
    st_renderer_choose (gdk_display_get_default ());

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}

static void
st_application_dispose (GObject *object)
{
  StApplication *self = (StApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->drafts);
  g_clear_object (&self->recent_files);
  g_clear_object (&self->recent_menu);

  G_OBJECT_CLASS (st_application_parent_class)->dispose (object);
}

static void
st_application_class_init (StApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = st_application_dispose;
  app_class->activate = st_application_activate;
  app_class->open = st_application_open;
  app_class->startup = st_application_startup;
  gtk_app_class->window_added = st_application_window_added;
}

static void
st_application_init (StApplication *self)
{
  self->started = g_get_monotonic_time ();
  self->settings = g_settings_new (APPLICATION_ID);
  self->drafts = st_drafts_new (NULL);
  self->recent_files = gtk_string_list_new (NULL);
  self->recent_menu = g_menu_new ();
  g_signal_connect_object (self->settings, "changed::recent-files", G_CALLBACK (update_recent),
                           self, G_CONNECT_SWAPPED);
  update_recent (self);
}

StApplication *
st_application_new (void)
{
  return g_object_new (ST_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/stocktake/Stocktake",
                       NULL);
}

GSettings *
st_application_get_settings (StApplication *self)
{
  g_return_val_if_fail (ST_IS_APPLICATION (self), NULL);
  return self->settings;
}

StDrafts *
st_application_get_drafts (StApplication *self)
{
  g_return_val_if_fail (ST_IS_APPLICATION (self), NULL);
  return self->drafts;
}

GListModel *
st_application_get_recent_files (StApplication *self)
{
  g_return_val_if_fail (ST_IS_APPLICATION (self), NULL);
  return G_LIST_MODEL (self->recent_files);
}

GMenuModel *
st_application_get_recent_menu (StApplication *self)
{
  g_return_val_if_fail (ST_IS_APPLICATION (self), NULL);
  return G_MENU_MODEL (self->recent_menu);
}
