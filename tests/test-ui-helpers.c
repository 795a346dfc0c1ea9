/* test-ui-helpers.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>

#include "st-sidebar-node.h"
#include "test-ui-helpers.h"

static char *home_dir;

gboolean
ui_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *subdirs[][2] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_STATE_HOME", "state" },
  };

  /* Drafts, recent files and settings go to a fresh folder. Not
   * G_TEST_OPTION_ISOLATE_DIRS: that hides XDG_DATA_DIRS too, and without
   * the MIME database GTK cannot tell an SVG icon from anything else. */
  home_dir = g_dir_make_tmp ("test-ui-home-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (home_dir, subdirs[i][1], NULL);

      g_mkdir_with_parents (path, 0700);
      g_setenv (subdirs[i][0], path, TRUE);
    }

  /* The accessibility bus is per user, not per test session: another
   * session on the machine can take it away mid-test, and GTK then fails
   * loudly. These tests do not read the accessibility tree. */
  g_setenv ("GTK_A11Y", "none", TRUE);

  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      ui_test_remove_dir (home_dir);
      return FALSE;
    }
  adw_init ();
  /* No transitions: a page that is going away is still there while it
   * fades, and a test should not depend on how long that takes */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return TRUE;
}

int
ui_test_run (void)
{
  int status = g_test_run ();

  ui_test_remove_dir (home_dir);
  g_clear_pointer (&home_dir, g_free);
  return status;
}

StApplication *
ui_test_application (void)
{
  StApplication *application = st_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  return application;
}

char *
ui_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-ui-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
ui_test_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      ui_test_remove_dir (child);
    }
  g_rmdir (path);
}

char *
ui_test_write_report (const char *dir,
                      const char *name)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);
  g_autoptr(StReport) report = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  StSubmission *submission;

  g_assert_nonnull (template);
  report = st_report_new (template);

  submission = st_report_ensure_submission (report, "AGO", "1");
  st_submission_set_text (submission, "commitments-2012",
                          "The Attorney General’s Office (AGO) has board-level responsibility for digital.");
  st_submission_set_text (submission, "progress-2014", "AGO has board-level responsibility for digital.");
  st_submission_set_text (submission, "plans-2015", "AGO will continue to provide board-level responsibility.");

  submission = st_report_ensure_submission (report, "CO", "1");
  st_submission_set_text (submission, "plans-2014", "The executive management committee (EMC) will continue to commit to the digital strategy.");
  st_submission_set_text (submission, "progress-2014", "Paul Maltby is the Cabinet Office digital lead.");
  st_submission_set_text (submission, "plans-2015", "A new in-house Digital and Technology Department will be established.");

  submission = st_report_ensure_submission (report, "DfE", "1");
  st_submission_set_text (submission, "progress-2014", "DfE has a digital leader in place.");

  g_assert_true (st_report_save_to_file (report, path, &error));
  g_assert_no_error (error);
  return path;
}

void
ui_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
ui_test_new_window (StApplication  *application,
                    StWindow      **window)
{
  *window = st_window_new (application);
  g_object_add_weak_pointer (G_OBJECT (*window), (gpointer *) window);
}

void
ui_test_show_window (GtkWindow *window)
{
  gtk_window_present (window);
  ui_test_drain ();
}

void
ui_test_destroy_window (StWindow **window)
{
  if (*window != NULL)
    gtk_window_destroy (GTK_WINDOW (*window));
  ui_test_drain ();
  g_assert_null (*window);
}

void
ui_test_open_file (StWindow   *window,
                   const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (st_window_open_file (window, file));
  ui_test_drain ();
  g_assert_nonnull (st_window_get_report (window));
  g_assert_null (ui_test_find_dialog (GTK_WINDOW (window)));
}

static gboolean
on_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
keep_polling (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
ui_test_wait_for (gboolean (*check) (gpointer data),
                  gpointer   data,
                  guint      seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_timeout, &timed_out);
  /* Wakes the loop to look again when what is awaited happens elsewhere,
   * in another process or on disk */
  guint poll = g_timeout_add (50, keep_polling, NULL);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_source_remove (poll);
  return check (data);
}

GtkWindow *
ui_test_find_window (GtkWindow *parent,
                     GType      type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  ui_test_drain ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == parent)
        return window;
    }
  return NULL;
}

AdwMessageDialog *
ui_test_find_dialog (GtkWindow *parent)
{
  return (AdwMessageDialog *) ui_test_find_window (parent, ADW_TYPE_MESSAGE_DIALOG);
}

void
ui_test_destroy_windows (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        g_ptr_array_add (windows, window);
      else
        g_object_unref (window);
    }
  for (guint i = 0; i < windows->len; i++)
    gtk_window_destroy (g_ptr_array_index (windows, i));
}

void
ui_test_close_dialogs (void)
{
  ui_test_destroy_windows (ADW_TYPE_MESSAGE_DIALOG);
  ui_test_drain ();
}

void
ui_test_respond (AdwMessageDialog *dialog,
                 const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_test_drain ();
}

GtkWidget *
ui_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = ui_test_find_descendant (child, type)))
        return found;
    }
  return NULL;
}

GtkWidget *
ui_test_find_label_with_class (GtkWidget  *widget,
                               const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, css_class))
        return child;
      if ((found = ui_test_find_label_with_class (child, css_class)))
        return found;
    }
  return NULL;
}

GtkWidget *
ui_test_find_cell_button (GtkWidget  *widget,
                          const char *respondent_id,
                          const char *item_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (g_object_get_data (G_OBJECT (child), "respondent-id"), respondent_id) == 0 &&
          g_strcmp0 (g_object_get_data (G_OBJECT (child), "item-id"), item_id) == 0)
        return child;
      if ((found = ui_test_find_cell_button (child, respondent_id, item_id)))
        return found;
    }
  return NULL;
}

void
ui_test_select_in_sidebar (StWindow   *window,
                           const char *respondent_id,
                           const char *item_id)
{
  StSidebar *sidebar = st_window_get_sidebar (window);
  GtkSingleSelection *selection = st_sidebar_get_selection (sidebar);
  GListModel *model = gtk_single_selection_get_model (selection);
  gboolean by_department = g_strcmp0 (st_sidebar_get_mode (sidebar), ST_SIDEBAR_MODE_BY_DEPARTMENT) == 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(StSidebarNode) node = gtk_tree_list_row_get_item (row);

      if (st_sidebar_node_is_group (node))
        {
          const char *id = by_department ? st_sidebar_node_get_respondent_id (node)
                                         : st_sidebar_node_get_item_id (node);

          if (g_strcmp0 (id, by_department ? respondent_id : item_id) == 0)
            gtk_tree_list_row_set_expanded (row, TRUE);
          continue;
        }
      if (g_strcmp0 (st_sidebar_node_get_respondent_id (node), respondent_id) == 0 &&
          g_strcmp0 (st_sidebar_node_get_item_id (node), item_id) == 0)
        {
          gtk_single_selection_set_selected (selection, i);
          ui_test_drain ();
          return;
        }
    }
  g_error ("No row for %s × %s in the sidebar", respondent_id, item_id);
}

void
ui_test_type_in_section (StWindow   *window,
                         const char *section_id,
                         const char *text)
{
  StSectionEditor *editor = st_submission_form_get_editor (st_window_get_form (window), section_id);
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  g_assert_nonnull (editor);
  view = st_section_editor_get_text_view (editor);
  g_assert_true (gtk_text_view_get_editable (view));
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE));
  ui_test_drain ();
}

char *
ui_test_text_on_disk (const char *filename,
                      const char *respondent_id,
                      const char *item_id,
                      const char *section_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) report = st_report_new_from_file (filename, NULL, &error);
  StSubmission *submission;

  g_assert_no_error (error);
  submission = st_report_lookup_submission (report, respondent_id, item_id);
  if (submission == NULL)
    return NULL;
  return g_strdup (st_submission_get_text (submission, section_id));
}

const char *
ui_test_text_in_window (StWindow   *window,
                        const char *respondent_id,
                        const char *item_id,
                        const char *section_id)
{
  StSubmission *submission = st_report_lookup_submission (st_window_get_report (window),
                                                          respondent_id, item_id);

  return submission != NULL ? st_submission_get_text (submission, section_id) : NULL;
}

JsonObject *
ui_test_find_submission (JsonObject *root,
                         const char *respondent_id,
                         const char *item_id)
{
  JsonArray *submissions = json_object_get_array_member (root, "submissions");

  for (guint i = 0; i < json_array_get_length (submissions); i++)
    {
      JsonObject *submission = json_array_get_object_element (submissions, i);

      if (g_str_equal (json_object_get_string_member (submission, "respondent"), respondent_id) &&
          g_str_equal (json_object_get_string_member (submission, "item"), item_id))
        return submission;
    }
  return NULL;
}

JsonObject *
ui_test_saved_submission (JsonParser *parser,
                          const char *path,
                          const char *respondent_id,
                          const char *item_id)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return ui_test_find_submission (json_node_get_object (json_parser_get_root (parser)),
                                  respondent_id, item_id);
}

guchar *
ui_test_draw_widget (GtkWidget      *widget,
                     int            *width,
                     int            *height,
                     GskRenderNode **node_out)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  guchar *pixels;

  ui_test_wait_for_frames (widget, 2);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  g_assert_cmpint (*width, >, 0);
  g_assert_cmpint (*height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, *width, *height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  pixels = g_malloc ((gsize) *width * *height * 4);
  gdk_texture_download (texture, pixels, (gsize) *width * 4);
  if (node_out != NULL)
    *node_out = g_steal_pointer (&node);
  return pixels;
}

guint
ui_test_count_drawn (const guchar *pixels,
                     int           width,
                     int           height,
                     int           x0,
                     int           x1)
{
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = MAX (x0, 0); x < MIN (x1, width); x++)
      if (pixels[((gsize) y * width + x) * 4 + 3] > 0)
        n++;
  return n;
}

gboolean
ui_test_press_keys (GtkWindow   *window,
                    const char  *keys,
                    gboolean   (*check) (gpointer data),
                    gpointer     data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!GDK_IS_X11_SURFACE (surface) || xdotool == NULL)
    return FALSE;
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  {
    const char *argv[] = { "timeout", "30", "xdotool", "windowfocus", "--sync", xid,
                           "key", "--clearmodifiers", keys, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  if (!ui_test_wait_for (check, data, 20))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

      g_error ("Pressing %s did nothing; focus on %s", keys, focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
    }
  return TRUE;
}

typedef struct {
  guint drawn;
  guint wanted;
} Frames;

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  ((Frames *) data)->drawn++;
  return G_SOURCE_CONTINUE;
}

static gboolean
frames_drawn (gpointer data)
{
  Frames *frames = data;

  return frames->drawn >= frames->wanted;
}

void
ui_test_wait_for_frames (GtkWidget *widget,
                         guint      n)
{
  Frames frames = { 0, n };
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  gtk_widget_queue_draw (widget);
  g_assert_true (ui_test_wait_for (frames_drawn, &frames, 10));
  gtk_widget_remove_tick_callback (widget, id);
}
