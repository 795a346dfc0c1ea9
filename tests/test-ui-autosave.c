/* test-ui-autosave.c: unsaved edits survive the editor being killed
 *
 * The real app runs as a separate process under the same display. The
 * test types into it with xdotool as a user would, waits for the draft,
 * kills the app with SIGKILL, starts it again on the same file, restores
 * the draft through the dialog the app offers, saves, and reads the file.
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "test-ui-helpers.h"

typedef struct {
  char  *dir;           /* everything the app writes goes under here */
  char  *path;          /* the report */
  char  *drafts_dir;
  char **env;
} Fixture;

static char *
app_path (void)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");

  g_assert_nonnull (builddir);
  return g_build_filename (builddir, "..", "src", "app", "stocktake", NULL);
}

/* Runs @argv to the end; its standard output, stripped */
static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_autofree char *command = g_strjoinv (" ", (char **) argv);

      g_test_message ("%s failed: %s", command, err);
      return NULL;
    }
  return g_strstrip (g_steal_pointer (&out));
}

static void
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  const char *arg;
  va_list args;

  /* Never wait for ever on a window that does not come */
  g_ptr_array_add (argv, (char *) "timeout");
  g_ptr_array_add (argv, (char *) "60");
  g_ptr_array_add (argv, (char *) "xdotool");
  g_ptr_array_add (argv, (char *) first);
  va_start (args, first);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  out = run ((const char * const *) argv->pdata);
  g_assert_nonnull (out);
}

/* The id of the visible window whose title contains @name */
static char *
wait_for_window (const char *name)
{
  const char *argv[] = { "timeout", "60", "xdotool", "search", "--sync", "--onlyvisible", "--name", name, NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) ids = NULL;

  g_assert_nonnull (out);
  ids = g_strsplit (out, "\n", -1);
  g_assert_nonnull (ids[0]);
  return g_strdup (ids[0]);
}

/* Every visible window of the process */
static GStrv
windows_of (GPid pid)
{
  g_autofree char *pid_text = g_strdup_printf ("%d", (int) pid);
  const char *argv[] = { "timeout", "60", "xdotool", "search", "--sync", "--onlyvisible", "--pid", pid_text, NULL };
  g_autofree char *out = run (argv);

  g_assert_nonnull (out);
  return g_strsplit (out, "\n", -1);
}

static GSubprocess *
start_app (Fixture *fixture)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *app = app_path ();
  GSubprocess *process;

  g_subprocess_launcher_set_environ (launcher, fixture->env);
  process = g_subprocess_launcher_spawn (launcher, &error, app, fixture->path, NULL);
  g_assert_no_error (error);
  return process;
}

static gboolean
draft_has_text (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GDir) dir = g_dir_open (fixture->drafts_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->drafts_dir, name, NULL);
      g_autofree char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, "Typed in a hurry.") != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
file_has_text (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (fixture->path, &contents, NULL, NULL) &&
         strstr (contents, "Typed in a hurry.") != NULL;
}

static gboolean
drafts_empty (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GDir) dir = g_dir_open (fixture->drafts_dir, 0, NULL);

  return dir == NULL || g_dir_read_name (dir) == NULL;
}

static gboolean
process_done (gpointer data)
{
  /* No identifier once it has been reaped */
  return g_subprocess_get_identifier (data) == NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *config = NULL;
  g_autofree char *settings_dir = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *data_home = NULL;

  fixture->dir = ui_test_make_dir ();
  fixture->path = ui_test_write_report (fixture->dir, "digital-leaders.stocktake");
  data_home = g_build_filename (fixture->dir, "data", NULL);
  fixture->drafts_dir = g_build_filename (data_home, "stocktake", "drafts", NULL);

  /* Settings on disk, so that both runs of the app see a short delay */
  config = g_build_filename (fixture->dir, "config", NULL);
  settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_assert_true (g_file_set_contents (keyfile,
                                      "[org/stocktake/Stocktake]\n"
                                      "autosave-delay=uint32 1\n"
                                      "window-width=1000\n"
                                      "window-height=700\n",
                                      -1, NULL));

  fixture->env = g_get_environ ();
  fixture->env = g_environ_setenv (fixture->env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  fixture->env = g_environ_setenv (fixture->env, "XDG_CONFIG_HOME", config, TRUE);
  fixture->env = g_environ_setenv (fixture->env, "XDG_DATA_HOME", data_home, TRUE);
  /* A crash is expected here; its warnings are not */
  fixture->env = g_environ_setenv (fixture->env, "G_DEBUG", "fatal-criticals", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ui_test_remove_dir (fixture->dir);
  g_strfreev (fixture->env);
  g_free (fixture->drafts_dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
test_autosave_survives_sigkill (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *window = NULL;
  g_autofree char *on_disk = NULL;
  g_auto(GStrv) windows = NULL;
  const char *dialog = NULL;
  GPid pid;

  /* 1. Open the report and type into it, as a user */
  first = start_app (fixture);
  window = wait_for_window ("digital-leaders.stocktake");
  xdotool ("windowfocus", "--sync", window, NULL);
  /* The next submission: AGO on action 1, its first section focused */
  xdotool ("key", "--clearmodifiers", "ctrl+Next", NULL);
  xdotool ("key", "--clearmodifiers", "ctrl+End", NULL);
  xdotool ("type", "--delay", "20", " Typed in a hurry.", NULL);

  /* 2. The draft appears a second after typing stops */
  g_assert_true (ui_test_wait_for (draft_has_text, fixture, 60));
  g_assert_false (file_has_text (fixture));

  /* 3. Killed: no chance to save or to clean up */
  g_subprocess_send_signal (first, SIGKILL);
  g_subprocess_wait (first, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (first));
  g_assert_cmpint (g_subprocess_get_term_sig (first), ==, SIGKILL);
  g_assert_false (file_has_text (fixture));
  g_assert_true (draft_has_text (fixture));
  g_clear_pointer (&window, g_free);

  /* 4. Started again on the same file: it offers the draft back */
  second = start_app (fixture);
  window = wait_for_window ("digital-leaders.stocktake");
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (second), NULL, 10);
  /* The main window and the dialog */
  for (guint tries = 0; tries < 100 && dialog == NULL; tries++)
    {
      g_clear_pointer (&windows, g_strfreev);
      windows = windows_of (pid);
      for (guint i = 0; windows[i] != NULL; i++)
        if (!g_str_equal (windows[i], window))
          dialog = windows[i];
      if (dialog == NULL)
        g_usleep (G_USEC_PER_SEC / 10);
    }
  g_assert_nonnull (dialog);

  /* Restore is the dialog's default. On a busy machine a key can reach a
   * window before it takes input, so press again until the dialog has
   * gone; what is checked below is only what the file holds. */
  for (guint tries = 0; tries < 10 && dialog != NULL; tries++)
    {
      xdotool ("windowfocus", "--sync", dialog, NULL);
      xdotool ("key", "--clearmodifiers", "Return", NULL);
      g_usleep (G_USEC_PER_SEC / 2);
      g_clear_pointer (&windows, g_strfreev);
      windows = windows_of (pid);
      dialog = NULL;
      for (guint i = 0; windows[i] != NULL; i++)
        if (!g_str_equal (windows[i], window))
          dialog = windows[i];
    }
  g_assert_null (dialog);

  /* 5. Save, and the text is in the file; the draft has gone */
  for (guint tries = 0; tries < 5 && !file_has_text (fixture); tries++)
    {
      xdotool ("windowfocus", "--sync", window, NULL);
      xdotool ("key", "--clearmodifiers", "ctrl+s", NULL);
      ui_test_wait_for (file_has_text, fixture, 10);
    }
  g_assert_true (file_has_text (fixture));
  g_assert_true (ui_test_wait_for (drafts_empty, fixture, 60));

  on_disk = ui_test_text_on_disk (fixture->path, "AGO", "1", "progress-2014");
  g_assert_cmpstr (on_disk, ==, "AGO has board-level responsibility for digital. Typed in a hurry.");

  /* 6. Nothing unsaved: quitting asks nothing */
  xdotool ("key", "--clearmodifiers", "ctrl+q", NULL);
  g_assert_true (ui_test_wait_for (process_done, second, 60));
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");

  if (!ui_test_init (&argc, &argv))
    return 0;
  if (xdotool_path == NULL)
    {
      g_print ("1..0 # SKIP xdotool is not installed\n");
      return 0;
    }

  g_test_add ("/autosave/survives-sigkill", Fixture, NULL,
              fixture_set_up, test_autosave_survives_sigkill, fixture_tear_down);

  return ui_test_run ();
}
