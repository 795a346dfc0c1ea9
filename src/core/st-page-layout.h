/* st-page-layout.h: a document laid out on pages, for PDF and print
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "st-document.h"

G_BEGIN_DECLS

/* Sizes are in points (1/72 inch) */
#define ST_PAGE_A4_WIDTH  595.276
#define ST_PAGE_A4_HEIGHT 841.890
#define ST_PAGE_MARGIN     56.693  /* 20 mm */

/* Where a heading went */
typedef struct {
  guint        block;   /* its index in the document */
  guint        level;
  const char  *text;
  guint        page;    /* counting from 0 */
  double       y;       /* its top, from the top edge of the page */
} StPageHeading;

#define ST_TYPE_PAGE_LAYOUT (st_page_layout_get_type ())

G_DECLARE_FINAL_TYPE (StPageLayout, st_page_layout, ST, PAGE_LAYOUT, GObject)

/* A4 with 20 mm margins until told otherwise */
StPageLayout        *st_page_layout_new            (StDocument   *document);
StDocument          *st_page_layout_get_document   (StPageLayout *self);

/* Changing the page or the margins undoes the pagination */
void                 st_page_layout_set_page_size  (StPageLayout *self,
                                                    double        width,
                                                    double        height);
double               st_page_layout_get_page_width (StPageLayout *self);
double               st_page_layout_get_page_height (StPageLayout *self);
void                 st_page_layout_set_margins    (StPageLayout *self,
                                                    double        top,
                                                    double        right,
                                                    double        bottom,
                                                    double        left);
/* Whether draw_page() marks the contents' entries as links (cairo tags,
 * which only PDF surfaces keep). On by default; a print of some of the
 * pages should turn it off, since a link must land on a page printed. */
void                 st_page_layout_set_links      (StPageLayout *self,
                                                    gboolean      links);

/* A context for laying out in points, with metrics that do not depend on
 * the screen: for PDF. Printing uses the print context's own. */
PangoContext        *st_page_layout_create_context (void);

/* Breaks the document into pages, measuring text with @context, whose
 * resolution must make one point one unit of the cairo_t that draws;
 * NULL for st_page_layout_create_context().
 * Headings stay with the first two lines of what follows them; a
 * paragraph leaves no single line alone at the foot or head of a page.
 * Returns the number of pages, at least 1. */
guint                st_page_layout_paginate       (StPageLayout *self,
                                                    PangoContext *context);
/* 0 before paginate() */
guint                st_page_layout_get_n_pages    (StPageLayout *self);
/* Draws page @page (from 0) with its top left corner at the origin of @cr,
 * whose units are points. The pagination must be done. */
void                 st_page_layout_draw_page      (StPageLayout *self,
                                                    cairo_t      *cr,
                                                    guint         page);

/* The pages (from 0) that block @block of the document begins and ends
 * on; FALSE before paginate() or for a block out of range */
gboolean             st_page_layout_get_block_pages (StPageLayout *self,
                                                     guint         block,
                                                     guint        *first_page,
                                                     guint        *last_page);

/* Every heading of the document, in order, with its page */
guint                st_page_layout_get_n_headings (StPageLayout *self);
const StPageHeading *st_page_layout_get_heading    (StPageLayout *self,
                                                    guint         index);

G_END_DECLS
