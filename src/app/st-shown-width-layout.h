/* st-shown-width-layout.h: lays out one child, measuring its height for
 * the width it is shown at
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ST_TYPE_SHOWN_WIDTH_LAYOUT (st_shown_width_layout_get_type ())

G_DECLARE_FINAL_TYPE (StShownWidthLayout, st_shown_width_layout, ST, SHOWN_WIDTH_LAYOUT, GtkLayoutManager)

GtkLayoutManager *st_shown_width_layout_new (void);

G_END_DECLS
