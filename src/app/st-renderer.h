/* st-renderer.h: which of GTK's renderers draws the editor's windows
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether @display's OpenGL is drawn by the processor, as Mesa's
 * llvmpipe, softpipe and swrast do; FALSE also when it has no OpenGL */
gboolean     st_renderer_gl_is_software   (GdkDisplay *display);

/* Has the windows drawn with cairo when @display's OpenGL is drawn by
 * the processor, unless GSK_RENDERER already chooses a renderer. Call
 * it before the first window is shown. Returns the renderer it chose,
 * or NULL when it left the choice to GTK. */
const char  *st_renderer_choose           (GdkDisplay *display);

G_END_DECLS
