/* st-pdf-writer.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "st-page-layout.h"
#include "st-pdf-writer.h"

/* The outline lists headings of these levels: level 1 is the title */
#define OUTLINE_MIN_LEVEL 2
#define OUTLINE_MAX_LEVEL 3

typedef struct {
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} Sink;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, data, length, NULL,
                                  sink->cancellable, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* The time the document is made: SOURCE_DATE_EPOCH when set, for
 * reproducible output */
static GDateTime *
export_time (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    return g_date_time_new_from_unix_utc ((gint64) seconds);
  return g_date_time_new_now_utc ();
}

static void
set_metadata (cairo_surface_t *surface,
              StDocument      *document)
{
  g_autoptr(GDateTime) now = export_time ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *creator = g_strdup_printf ("Stocktake %s", PACKAGE_VERSION);
  const char *title = st_document_get_title (document);

  if (title != NULL && *title != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

/* Bookmarks: each heading under the last heading of a higher level */
static void
add_outline (cairo_surface_t *surface,
             StPageLayout    *layout)
{
  int parents[OUTLINE_MAX_LEVEL + 1];
  guint n_headings = st_page_layout_get_n_headings (layout);

  for (guint level = 0; level <= OUTLINE_MAX_LEVEL; level++)
    parents[level] = CAIRO_PDF_OUTLINE_ROOT;

  for (guint i = 0; i < n_headings; i++)
    {
      const StPageHeading *heading = st_page_layout_get_heading (layout, i);
      char y[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *link = NULL;
      int id;

      if (heading->level < OUTLINE_MIN_LEVEL || heading->level > OUTLINE_MAX_LEVEL)
        continue;

      g_ascii_formatd (y, sizeof y, "%.2f", heading->y);
      link = g_strdup_printf ("page=%u pos=[0 %s]", heading->page + 1, y);
      id = cairo_pdf_surface_add_outline (surface, parents[heading->level - 1],
                                          heading->text, link, 0);
      for (guint level = heading->level; level <= OUTLINE_MAX_LEVEL; level++)
        parents[level] = id;
    }
}

gboolean
st_export_pdf (StDocument     *document,
               GOutputStream  *stream,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autoptr(StPageLayout) layout = NULL;
  Sink sink = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (ST_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  layout = st_page_layout_new (document);
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &sink,
                                                 st_page_layout_get_page_width (layout),
                                                 st_page_layout_get_page_height (layout));
  cr = cairo_create (surface);

  n_pages = st_page_layout_paginate (layout, NULL);

  set_metadata (surface, document);

  for (guint page = 0; page < n_pages && sink.error == NULL; page++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &sink.error))
        break;
      st_page_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }

  /* Only once every page is there: cairo 1.16 crashes on finishing a
   * document whose outline points past its last page */
  if (sink.error == NULL)
    add_outline (surface, layout);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
st_export_pdf_to_file (StDocument  *document,
                       const char  *filename,
                       GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;

  g_return_val_if_fail (ST_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* GIO writes beside the file and renames it on close: a failure part-way
   * leaves any old file as it was */
  file = g_file_new_for_path (filename);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;

  if (!st_export_pdf (document, G_OUTPUT_STREAM (stream), NULL, error))
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      /* Closing a cancelled stream drops the temporary file */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

GBytes *
st_export_pdf_to_bytes (StDocument  *document,
                        GError     **error)
{
  g_autoptr(GOutputStream) stream = NULL;

  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_memory_output_stream_new_resizable ();
  if (!st_export_pdf (document, stream, NULL, error)
      || !g_output_stream_close (stream, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}
