/* st-pdf-writer.h: a document as PDF, drawn with cairo and Pango
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "st-document.h"

G_BEGIN_DECLS

/* A4 pages laid out by StPageLayout, with "Page N of M" footers, an
 * outline (bookmarks) from the headings, linked contents, the title and
 * creator in the document information, and subsets of the fonts embedded.
 * Writes to @stream and leaves it open. */
gboolean  st_export_pdf          (StDocument     *document,
                                  GOutputStream  *stream,
                                  GCancellable   *cancellable,
                                  GError        **error);
/* Writes it to @filename, replacing any file there only once the whole
 * document is written */
gboolean  st_export_pdf_to_file  (StDocument     *document,
                                  const char     *filename,
                                  GError        **error);
GBytes   *st_export_pdf_to_bytes (StDocument     *document,
                                  GError        **error);

G_END_DECLS
