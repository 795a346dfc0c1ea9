/* st-renderer.c: which of GTK's renderers draws the editor's windows
 *
 * GTK 4.8 draws with OpenGL wherever it can, even where OpenGL is itself
 * drawn by the processor, as on machines without a graphics card
 * (virtual desktops, remote sessions). There, cairo is the quicker of
 * the two: every frame of the window is rasterised by Mesa's shaders,
 * and the first one waits for them to be prepared. On such a machine
 * the editor's first frame, its form switches and its keystrokes are
 * all drawn sooner with cairo: bench/editor-speed measures both
 * (docs/editor-performance.md).
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <epoxy/gl.h>
#include <string.h>

#include "st-renderer.h"

/* What Mesa's processor-drawn drivers call themselves in GL_RENDERER */
static const char * const software_renderers[] = {
  "llvmpipe",
  "softpipe",
  "swrast",
  "Software Rasterizer",
};

gboolean
st_renderer_gl_is_software (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  const char *name;
  gboolean software = FALSE;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  /* GDK has prepared OpenGL when it opened the display, so this costs a
   * context and no more: a few milliseconds */
  if (!gdk_display_prepare_gl (display, NULL))
    return FALSE;
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return FALSE;

  gdk_gl_context_make_current (context);
  name = (const char *) glGetString (GL_RENDERER);
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (software_renderers); i++)
    software |= strstr (name, software_renderers[i]) != NULL;
  gdk_gl_context_clear_current ();

  return software;
}

const char *
st_renderer_choose (GdkDisplay *display)
{
  const char *chosen = g_getenv ("GSK_RENDERER");

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  /* The user's choice stands */
  if (chosen != NULL && *chosen != '\0')
    return NULL;
  if (!st_renderer_gl_is_software (display))
    return NULL;

  /* GTK reads it when it makes the first window's renderer. This runs
   * at startup, before any thread of ours; GDK's and Mesa's do not read
   * the environment then. Programs started from the editor inherit it,
   * and on this display they too are better off with cairo. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  return "cairo";
}
