/* st-odt-writer.h: a document as an OpenDocument text file (ODF 1.2)
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "st-document.h"

G_BEGIN_DECLS

#define ST_ODT_MIME_TYPE "application/vnd.oasis.opendocument.text"

/* The lowest and highest heading levels that a table of contents lists;
 * level 1 is the document's own title. The PDF uses the same. */
#define ST_CONTENTS_MIN_LEVEL 2
#define ST_CONTENTS_MAX_LEVEL 2

/* The whole .odt file: a zip whose first entry is the stored "mimetype" */
GBytes   *st_export_odt         (StDocument  *document,
                                 GError     **error);
/* Writes it to @filename, replacing any file there only once the whole
 * document is written */
gboolean  st_export_odt_to_file (StDocument  *document,
                                 const char  *filename,
                                 GError     **error);

/* Text made safe for XML 1.0: valid UTF-8, without the control
 * characters that XML cannot carry (tab and newline are kept) */
char     *st_text_make_xml_safe (const char  *text);

G_END_DECLS
