/* st-document.h: a published view of a report, as a list of blocks that
 * every export format renders
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "st-report.h"

G_BEGIN_DECLS

typedef enum {
  ST_BLOCK_HEADING,     /* level 1 is the page title; 2 a respondent or item; 3 a section */
  ST_BLOCK_META,        /* "Updated 16 January 2015" */
  ST_BLOCK_PARAGRAPH,   /* body text and the layout's fixed sentences */
  ST_BLOCK_BULLET,      /* one list item; consecutive bullets form one list */
  ST_BLOCK_NOTE,        /* an item's note: "Action 15 was added …" */
  ST_BLOCK_CONTENTS,    /* where the table of contents goes (the "all" view) */
} StBlockKind;

typedef struct {
  StBlockKind  kind;
  guint        level;          /* headings only: 1 to 4 */
  char        *text;           /* plain text, never markup: render it literally */
  char        *anchor;         /* headings: an id unique in the document, or NULL */
  const char  *respondent_id;  /* where the text comes from, or NULL */
  const char  *item_id;
  const char  *section_id;
} StBlock;

#define ST_TYPE_DOCUMENT (st_document_get_type ())

G_DECLARE_FINAL_TYPE (StDocument, st_document, ST, DOCUMENT, GObject)

/* Building: the views in st-views.c use these, and tests may too */
StDocument    *st_document_new           (const char  *view,
                                          const char  *title,
                                          const GDate *updated);
/* Copies the strings; respondent_id, item_id and section_id must outlive
 * the document (they point into the report's template). Returns the block. */
const StBlock *st_document_append        (StDocument  *self,
                                          StBlockKind  kind,
                                          guint        level,
                                          const char  *text,
                                          const char  *anchor,
                                          const char  *respondent_id,
                                          const char  *item_id,
                                          const char  *section_id);

/* How the text format lays the blocks out: @bullet before each bullet's
 * text ("- " when NULL) and @separator between blocks other than two
 * bullets of one list ("\n" when NULL) */
void           st_document_set_text_layout (StDocument *self,
                                          const char  *bullet,
                                          const char  *separator);
const char    *st_document_get_text_bullet (StDocument *self);
const char    *st_document_get_text_separator (StDocument *self);

/* Which submissions a view publishes */
typedef enum {
  ST_VIEW_EVERYTHING,     /* every submission, whatever its status: a preview */
  ST_VIEW_APPROVED_ONLY,  /* approved and published ones only: for publication */
} StViewContent;

/* In st-views.c. @view is "action:N", "department:ABBR" (or any respondent
 * id) or "all". Publishes every submission, as ST_VIEW_EVERYTHING. */
StDocument    *st_document_new_for_view  (StReport    *report,
                                          const char  *view,
                                          GError     **error);
StDocument    *st_document_new_for_view_full (StReport      *report,
                                          const char    *view,
                                          StViewContent  content,
                                          GError       **error);
/* How many submissions with something to publish in the report's round
 * are not yet approved or published: what ST_VIEW_APPROVED_ONLY leaves
 * out. @n_total, if not NULL, is set to how many have something at all. */
guint          st_document_count_unapproved (StReport *report,
                                          guint        *n_total);
/* The views of the "site": every item page and every respondent page, as
 * strings for st_document_new_for_view(). Free with g_ptr_array_unref. */
GPtrArray     *st_document_list_views    (StReport    *report);

const char    *st_document_get_view      (StDocument  *self);
const char    *st_document_get_title     (StDocument  *self);
/* NULL when the report has no date */
const GDate   *st_document_get_updated   (StDocument  *self);
guint          st_document_get_n_blocks  (StDocument  *self);
const StBlock *st_document_get_block     (StDocument  *self,
                                          guint        index);

G_END_DECLS
