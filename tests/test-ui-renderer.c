/* test-ui-renderer.c: which renderer draws the editor's windows
 *
 * GTK reads GSK_RENDERER once, for the first window it draws, so each
 * case that shows a window runs in a process of its own.
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-renderer.h"
#include "st-window.h"
#include "test-ui-helpers.h"

/* The renderer of a new editor window, made after the application's
 * startup, as a user's are */
static const char *
window_renderer (void)
{
  g_autoptr(StApplication) application = ui_test_application ();
  StWindow *window = NULL;
  const char *type;

  ui_test_new_window (application, &window);
  ui_test_show_window (GTK_WINDOW (window));
  type = G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window)));
  ui_test_destroy_window (&window);
  return type;
}

/* The tests run under Xvfb, which has no graphics card: whatever OpenGL
 * it offers is drawn by the processor */
static gboolean
have_gl (void)
{
  return gdk_display_prepare_gl (gdk_display_get_default (), NULL);
}

static void
test_software_gl (void)
{
  if (!have_gl ())
    {
      g_test_skip ("the display has no OpenGL");
      return;
    }
  g_assert_true (st_renderer_gl_is_software (gdk_display_get_default ()));
}

static void
test_cairo_for_software_gl (void)
{
  if (!have_gl ())
    {
      g_test_skip ("the display has no OpenGL");
      return;
    }
  if (g_test_subprocess ())
    {
      g_assert_null (g_getenv ("GSK_RENDERER"));
      g_assert_cmpstr (window_renderer (), ==, "GskCairoRenderer");
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
      return;
    }
  g_unsetenv ("GSK_RENDERER");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* GSK_RENDERER set by the user is left alone, even to GL drawn by the
 * processor */
static void
test_user_choice (void)
{
  if (!have_gl ())
    {
      g_test_skip ("the display has no OpenGL");
      return;
    }
  if (g_test_subprocess ())
    {
      g_assert_null (st_renderer_choose (gdk_display_get_default ()));
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");
      g_assert_cmpstr (window_renderer (), ==, "GskGLRenderer");
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");
      return;
    }
  g_setenv ("GSK_RENDERER", "gl", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("GSK_RENDERER");
  g_test_trap_assert_passed ();
}

/* An empty GSK_RENDERER is no choice */
static void
test_empty_choice (void)
{
  if (!have_gl ())
    {
      g_test_skip ("the display has no OpenGL");
      return;
    }
  if (g_test_subprocess ())
    {
      g_assert_cmpstr (st_renderer_choose (gdk_display_get_default ()), ==, "cairo");
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
      return;
    }
  g_setenv ("GSK_RENDERER", "", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("GSK_RENDERER");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/renderer/software-gl", test_software_gl);
  g_test_add_func ("/renderer/cairo-for-software-gl", test_cairo_for_software_gl);
  g_test_add_func ("/renderer/user-choice", test_user_choice);
  g_test_add_func ("/renderer/empty-choice", test_empty_choice);

  return ui_test_run ();
}
