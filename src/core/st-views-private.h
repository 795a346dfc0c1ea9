/* st-views-private.h: for tests of st-views.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "st-document.h"

G_BEGIN_DECLS

/* Appends the blocks of CommonMark @text. With @shortcut FALSE, cmark
 * parses every text, even one that the shortcut for plain paragraphs and
 * bullets would split itself: tests check that both give the same blocks. */
void st_views_append_text (StDocument *document,
                           const char *text,
                           gboolean    shortcut);

G_END_DECLS
