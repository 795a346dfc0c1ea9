/* st-search.h: find and replace across every section of a report
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "st-report.h"
#include "st-workflow.h"

G_BEGIN_DECLS

typedef enum {
  ST_SEARCH_DEFAULT        = 0,
  /* "Département" and "département" differ; without it, case is folded
   * as Unicode folds it ("STRASSE" finds "Straße") */
  ST_SEARCH_CASE_SENSITIVE = 1 << 0,
  /* "CO" finds "CO’s" but not "COVID" */
  ST_SEARCH_WHOLE_WORDS    = 1 << 1,
} StSearchFlags;

#define ST_TYPE_SEARCH_MATCH (st_search_match_get_type ())

G_DECLARE_FINAL_TYPE (StSearchMatch, st_search_match, ST, SEARCH_MATCH, GObject)

const char *st_search_match_get_respondent_id (StSearchMatch *self);
const char *st_search_match_get_item_id       (StSearchMatch *self);
const char *st_search_match_get_section_id    (StSearchMatch *self);
/* Offsets into the section's text in characters, as a GtkTextBuffer
 * counts them (the same as StFinding's) */
guint       st_search_match_get_start         (StSearchMatch *self);
guint       st_search_match_get_end           (StSearchMatch *self);
/* The same in bytes */
gsize       st_search_match_get_byte_start    (StSearchMatch *self);
gsize       st_search_match_get_byte_end      (StSearchMatch *self);
/* The text matched, as it is in the section */
const char *st_search_match_get_text          (StSearchMatch *self);
/* A line of the text around the match, on one line ("…" where it was cut),
 * and where the match is in it, in bytes */
const char *st_search_match_get_context       (StSearchMatch *self,
                                               gsize         *match_start,
                                               gsize         *match_end);
/* Whether a replacement may change this section: not an earlier round's,
 * not in a return marked not applicable, and one the workflow lets the
 * user edit */
gboolean    st_search_match_get_editable      (StSearchMatch *self);

/* What a replacement changed in one section, to put it back */
typedef struct {
  char *respondent_id;
  char *item_id;
  char *section_id;
  char *old_text;         /* NULL when the section was empty */
  char *new_text;         /* NULL when the replacement emptied it */
} StSearchEdit;

void        st_search_edit_free (StSearchEdit *edit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StSearchEdit, st_search_edit_free)

#define ST_TYPE_SEARCH (st_search_get_type ())

G_DECLARE_FINAL_TYPE (StSearch, st_search, ST, SEARCH, GObject)

/* Finds text in @report. With a @workflow, replacements go through it and
 * only change what st_workflow_can_edit() allows. */
StSearch   *st_search_new            (StReport      *report,
                                      StWorkflow    *workflow);
StReport   *st_search_get_report     (StSearch      *self);
StWorkflow *st_search_get_workflow   (StSearch      *self);

/* Every match of @query in the sections that the forms show (the current
 * round's and the earlier ones'), in template order: respondents, items,
 * then sections. Matches never overlap. An empty query or one that is not
 * UTF-8 fails with G_IO_ERROR_INVALID_ARGUMENT. Free with
 * g_ptr_array_unref. */
GPtrArray  *st_search_find           (StSearch      *self,
                                      const char    *query,
                                      StSearchFlags  flags,
                                      GError       **error);

/* The same, stopping at @max_matches; @more, if not NULL, says whether
 * there were more */
GPtrArray  *st_search_find_at_most   (StSearch      *self,
                                      const char    *query,
                                      StSearchFlags  flags,
                                      guint          max_matches,
                                      gboolean      *more,
                                      GError       **error);

/* Whether replacing may change the section; if not, ST_ERROR_REFUSED says
 * why */
gboolean    st_search_can_replace    (StSearch      *self,
                                      const char    *respondent_id,
                                      const char    *item_id,
                                      const char    *section_id,
                                      GError       **error);

/* Counts the matches a replacement would change, and in how many
 * sections (either may be NULL) */
void        st_search_count_editable (GPtrArray     *matches,
                                      guint         *n_matches,
                                      guint         *n_sections);

/* Replaces one match found by st_search_find() with @replacement (taken
 * literally). Fails with ST_ERROR_REFUSED for a section that may not
 * change, and with ST_ERROR_CONFLICT when the text there is no longer what
 * was found. @edit, if not NULL, receives what changed. */
gboolean    st_search_replace        (StSearch      *self,
                                      StSearchMatch *match,
                                      const char    *replacement,
                                      StSearchEdit **edit,
                                      GError       **error);

/* Replaces every match of @query that may change; sections that may not
 * are left as they are. Returns the number of matches replaced (0 with
 * @error set for a query st_search_find() refuses). @n_sections receives
 * how many sections changed and @edits (of StSearchEdit) what changed in
 * them, for st_search_undo(); either may be NULL. */
guint       st_search_replace_all    (StSearch      *self,
                                      const char    *query,
                                      StSearchFlags  flags,
                                      const char    *replacement,
                                      guint         *n_sections,
                                      GPtrArray    **edits,
                                      GError       **error);

/* Puts back the texts @edits replaced, where a section still has the text
 * the replacement left; a section changed since is left alone. Returns the
 * number of sections put back. */
guint       st_search_undo           (StSearch      *self,
                                      GPtrArray     *edits);
/* How many sections st_search_undo() would put back now: those that
 * still have the text the replacement left and may still change */
guint       st_search_count_undoable (StSearch      *self,
                                      GPtrArray     *edits);

G_END_DECLS
