/* st-print-operation.c
 *
 * The pages are those of the PDF export: StPageLayout paginates with the
 * print context's Pango context in begin-print and draws each page in
 * draw-page. The operation works in points on the whole sheet, so the
 * layout's own margins apply as they do in the PDF.
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-print-operation.h"

struct _StPrintOperation
{
  GtkPrintOperation  parent_instance;

  StDocument        *document;
  StPageLayout      *layout;     /* while printing */
};

G_DEFINE_FINAL_TYPE (StPrintOperation, st_print_operation, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
st_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  StPrintOperation *self = ST_PRINT_OPERATION (operation);
  PangoContext *pango_context;
  guint n_pages;

  g_clear_object (&self->layout);
  self->layout = st_page_layout_new (self->document);
  st_page_layout_set_page_size (self->layout,
                                gtk_print_context_get_width (context),
                                gtk_print_context_get_height (context));
  /* Links need every page they point to, and a print may be of some */
  st_page_layout_set_links (self->layout, FALSE);

  /* In points, one point one unit of the print context's cairo_t */
  pango_context = gtk_print_context_create_pango_context (context);
  n_pages = st_page_layout_paginate (self->layout, pango_context);
  g_object_unref (pango_context);

  gtk_print_operation_set_n_pages (operation, n_pages);
}

static void
st_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  StPrintOperation *self = ST_PRINT_OPERATION (operation);

  g_return_if_fail (self->layout != NULL);
  g_return_if_fail (page_nr >= 0);

  st_page_layout_draw_page (self->layout,
                            gtk_print_context_get_cairo_context (context),
                            (guint) page_nr);
}

static void
st_print_operation_end_print (GtkPrintOperation *operation,
                              GtkPrintContext   *context)
{
  StPrintOperation *self = ST_PRINT_OPERATION (operation);

  g_clear_object (&self->layout);
}

static void
st_print_operation_constructed (GObject *object)
{
  StPrintOperation *self = ST_PRINT_OPERATION (object);
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (object);
  const char *title = self->document != NULL ? st_document_get_title (self->document) : NULL;
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  G_OBJECT_CLASS (st_print_operation_parent_class)->constructed (object);

  gtk_page_setup_set_paper_size_and_default_margins (page_setup, a4);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);
  gtk_print_operation_set_job_name (operation,
                                    title != NULL && *title != '\0' ? title : _("Stocktake document"));
}

static void
st_print_operation_dispose (GObject *object)
{
  StPrintOperation *self = ST_PRINT_OPERATION (object);

  g_clear_object (&self->layout);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (st_print_operation_parent_class)->dispose (object);
}

static void
st_print_operation_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StPrintOperation *self = ST_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_print_operation_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StPrintOperation *self = ST_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_print_operation_class_init (StPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->constructed = st_print_operation_constructed;
  object_class->dispose = st_print_operation_dispose;
  object_class->get_property = st_print_operation_get_property;
  object_class->set_property = st_print_operation_set_property;

  operation_class->begin_print = st_print_operation_begin_print;
  operation_class->draw_page = st_print_operation_draw_page;
  operation_class->end_print = st_print_operation_end_print;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         ST_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
st_print_operation_init (StPrintOperation *self)
{
}

StPrintOperation *
st_print_operation_new (StDocument *document)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);

  return g_object_new (ST_TYPE_PRINT_OPERATION, "document", document, NULL);
}

StDocument *
st_print_operation_get_document (StPrintOperation *self)
{
  g_return_val_if_fail (ST_IS_PRINT_OPERATION (self), NULL);
  return self->document;
}
