/* st-export.h: render documents as text, HTML and Markdown, and write
 * whole sites of pages
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "st-document.h"
#include "st-report.h"

G_BEGIN_DECLS

typedef enum {
  ST_EXPORT_TEXT,
  ST_EXPORT_HTML,
  ST_EXPORT_MARKDOWN,
  ST_EXPORT_ODT,        /* st-odt-writer.h */
  ST_EXPORT_PDF,        /* st-pdf-writer.h */
} StExportFormat;

/* "text", "html", "markdown", "odt", "pdf" */
const char *st_export_format_to_string    (StExportFormat  format);
gboolean    st_export_format_from_string  (const char     *str,
                                           StExportFormat *format);
/* "txt", "html", "md", "odt", "pdf": the file name extension, without the dot */
const char *st_export_format_get_extension (StExportFormat format);
/* The formats' names, NULL-terminated, for help texts */
const char * const *st_export_list_formats (void);

/* The published text layout: one line per block, in order, no blank lines
 * and no newline after the last line. */
GBytes     *st_export_text                (StDocument     *document);
/* A standalone HTML page, UTF-8 */
GBytes     *st_export_html                (StDocument     *document);
/* Markdown for GOV.UK's publisher (govspeak): the page title and date are
 * entered in the publisher, so the body starts at "##". Every character
 * of the text stays literal. */
GBytes     *st_export_markdown            (StDocument     *document);

/* Any of the formats above */
GBytes     *st_export_document            (StDocument     *document,
                                           StExportFormat  format,
                                           GError        **error);
/* Writes @document to @stream as it is made, a piece at a time, and leaves
 * the stream open: the whole page is never held in memory */
gboolean    st_export_document_to_stream  (StDocument     *document,
                                           StExportFormat  format,
                                           GOutputStream  *stream,
                                           GCancellable   *cancellable,
                                           GError        **error);
/* Writes @document to the file @path: into a new file beside it that
 * replaces it once whole, so that a failure leaves any old file as it was.
 * A path that is neither a regular file nor a folder (a device such as
 * /dev/stdout, or a pipe) is written to as it is. */
gboolean    st_export_document_to_file    (StDocument     *document,
                                           StExportFormat  format,
                                           const char     *path,
                                           GCancellable   *cancellable,
                                           GError        **error);

/* Called after each page: @done of @total pages, @view the one just written */
typedef void (*StExportProgressFunc) (guint       done,
                                      guint       total,
                                      const char *view,
                                      gpointer    user_data);

/* The file name a view is written to in a site: "action-1.html",
 * "department-co.html", "index.html" for "index" */
char       *st_export_view_filename       (const char     *view,
                                           StExportFormat  format);
/* The name to offer for a view written to a file of its own: the report's
 * file name without ".stocktake", then the page, then the format's
 * extension: "digital-leaders-action-1.html", or "digital-leaders.odt" for
 * the whole document ("all" or "site"). "report" stands for the file name
 * of a report not saved yet (@report_filename NULL). */
char       *st_export_suggest_filename    (const char     *report_filename,
                                           const char     *view,
                                           StExportFormat  format);

/* Writes every item page, every respondent page and an index page linking
 * them into @directory (made if missing), with the submissions @content
 * says. Each page is written to a new file beside its place and renamed
 * over it once whole. */
gboolean    st_export_site                (StReport        *report,
                                           StViewContent    content,
                                           StExportFormat   format,
                                           const char      *directory,
                                           GCancellable    *cancellable,
                                           StExportProgressFunc progress,
                                           gpointer         progress_data,
                                           GError         **error);

/* Writes one view to @path, or with @view "site" the whole site into the
 * directory @path, with the submissions @content says. The documents are built from @report at once, in the
 * calling thread, so the report may change afterwards; rendering and
 * writing run in a worker thread. @progress is called in the thread-default
 * main context of the caller. */
void        st_export_to_file_async       (StReport        *report,
                                           const char      *view,
                                           StViewContent    content,
                                           StExportFormat   format,
                                           const char      *path,
                                           GCancellable    *cancellable,
                                           StExportProgressFunc progress,
                                           gpointer         progress_data,
                                           GDestroyNotify   progress_data_free,
                                           GAsyncReadyCallback callback,
                                           gpointer         user_data);
gboolean    st_export_to_file_finish      (StReport        *report,
                                           GAsyncResult    *result,
                                           GError         **error);

G_END_DECLS
