/* st-sections-box.h: a box of a form's sections that draws only the ones
 * in sight
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ST_TYPE_SECTIONS_BOX (st_sections_box_get_type ())

G_DECLARE_FINAL_TYPE (StSectionsBox, st_sections_box, ST, SECTIONS_BOX, GtkBox)

GtkWidget *st_sections_box_new              (void);
/* Whether @child, one of the box's, was drawn the last time the box was */
gboolean   st_sections_box_child_was_drawn  (StSectionsBox *self,
                                             GtkWidget     *child);

G_END_DECLS
