/* st-font-metrics.h: a font's line height and character width, kept for
 * every widget to share
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* The line height and the widest of a character's and a digit's average
 * width, in whole pixels, of @context's font */
void st_font_metrics_get        (PangoContext *context,
                                 int          *line_height,
                                 int          *char_width);
/* Forgets every font's: after a change to the display's resolution, font
 * options or fonts */
void st_font_metrics_forget_all (void);

G_END_DECLS
