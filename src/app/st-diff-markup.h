/* st-diff-markup.h: word diffs shown in labels, marked so that colour is
 * never the only sign of a change
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stocktake-core.h"

G_BEGIN_DECLS

/* Which text of a diff to show */
typedef enum {
  ST_DIFF_SHOW_OLD,    /* the old text, its deleted words marked */
  ST_DIFF_SHOW_NEW,    /* the new text, its inserted words marked */
  ST_DIFF_SHOW_BOTH,   /* one text with both, deletions before insertions */
} StDiffShow;

/* Pango markup for a word diff (of StDiffChunk): deleted words struck
 * through and slanted on a red ground, inserted ones underlined and bold
 * on a green ground, in colours for the light or the @dark style.
 * A text with no words shows as "(empty)". */
char *st_diff_markup         (GPtrArray  *chunks,
                              StDiffShow  show,
                              gboolean    dark);
/* "4 words removed, 7 added", or "No change" */
char *st_diff_describe_count (GPtrArray  *chunks);
/* Shows the diff in @label, in the colours of the style in use as it
 * changes, with what a screen reader says instead of the marks: the diff
 * in words, such as "removed: old words; added: new words" */
void  st_diff_markup_set_label (GtkLabel  *label,
                                GPtrArray *chunks,
                                StDiffShow show);

G_END_DECLS
