/* st-importer.h: read published pages back into a report
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "st-report.h"

G_BEGIN_DECLS

typedef enum {
  ST_DIAGNOSTIC_ERROR,
  ST_DIAGNOSTIC_WARNING,
  ST_DIAGNOSTIC_INFO,
} StDiagnosticSeverity;

/* "error", "warning", "info" */
const char   *st_diagnostic_severity_to_string (StDiagnosticSeverity severity);

/* Something the importer noticed on a page. @line and @last_line count
 * from 1 (0 when the whole page is meant); @last_line is @line unless the
 * diagnostic covers a run of lines, such as text that was left out.
 * Severity is ST_DIAGNOSTIC_ERROR (the page or part of it could not be
 * used), ST_DIAGNOSTIC_WARNING (a deviation from the template that was read
 * past) or ST_DIAGNOSTIC_INFO (something the page added to the report, such
 * as a title the template lacked). */
typedef struct {
  char       *page;
  guint       line;
  guint       last_line;
  StDiagnosticSeverity severity;
  char       *message;
} StDiagnostic;

StDiagnostic *st_diagnostic_copy   (const StDiagnostic *diagnostic);
void          st_diagnostic_free   (StDiagnostic       *diagnostic);
/* "PAGE:LINE: warning: message" */
char         *st_diagnostic_format (const StDiagnostic *diagnostic);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StDiagnostic, st_diagnostic_free)

/* The same respondent × item × section with different text in two places.
 * The report keeps @kept_text; @other_text is the text that was not taken. */
typedef struct {
  char  *respondent_id;
  char  *item_id;
  char  *section_id;
  char  *kept_page;      /* NULL when the text was in the report before */
  guint  kept_line;
  char  *kept_text;
  char  *other_page;
  guint  other_line;
  char  *other_text;
  char  *diff;           /* word diff, as st_diff_format() writes it */
} StImportConflict;

void          st_import_conflict_free (StImportConflict *conflict);

#define ST_TYPE_IMPORTER (st_importer_get_type ())

G_DECLARE_FINAL_TYPE (StImporter, st_importer, ST, IMPORTER, GObject)

/* Imports into @into: its template decides what is recognised */
StImporter   *st_importer_new                (StReport     *into);

/* Adds one published page. @page_name names it in diagnostics. Returns
 * FALSE, with an error that repeats the page's error diagnostic, when
 * nothing of the page could be used (empty, not text, or a page of no
 * recognised kind); deviations within a page are diagnostics only. */
gboolean      st_importer_add_text_page      (StImporter   *self,
                                              const char   *page_name,
                                              const char   *text,
                                              gssize        length,
                                              GError      **error);
/* The same for a page saved as HTML: h1 is the title, h2 a respondent or
 * item, h3 a section (h4 in the whole document), p and ul/li the text */
gboolean      st_importer_add_html_page      (StImporter   *self,
                                              const char   *page_name,
                                              const char   *html,
                                              gssize        length,
                                              GError      **error);

/* Of StDiagnostic*, in the order found; owned by the importer */
GPtrArray    *st_importer_get_diagnostics    (StImporter   *self);
/* Of StImportConflict*; owned by the importer */
GPtrArray    *st_importer_get_conflicts      (StImporter   *self);
guint         st_importer_count              (StImporter   *self,
                                              StDiagnosticSeverity severity);
/* Pages added, sections whose text was set */
guint         st_importer_get_n_pages        (StImporter   *self);
guint         st_importer_get_n_sections     (StImporter   *self);

/* The report with everything imported. When a page gave a title the
 * template lacked, this is a new report on a template with that title;
 * otherwise it is @into. Call once, after the last page. */
StReport     *st_importer_finish             (StImporter   *self);

G_END_DECLS
