/* st-merge.h: merging a department's pack back into the full report
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "st-report.h"

G_BEGIN_DECLS

/* How a conflict is settled */
typedef enum {
  ST_MERGE_UNRESOLVED,
  ST_MERGE_TAKE_REPORT,   /* keep the report's text */
  ST_MERGE_TAKE_PACK,     /* take the department's text */
  ST_MERGE_TAKE_CUSTOM,   /* a text the reviewer writes */
} StMergeChoice;

/* A section changed both in the report since the pack was issued and in
 * the pack, to different texts */
typedef struct {
  char          *respondent_id;
  char          *item_id;
  char          *section_id;    /* NULL: the not-applicable reason */
  char          *report_text;   /* NULL when empty */
  char          *pack_text;     /* NULL when empty */
  GPtrArray     *diff;          /* word diff report → pack, of StDiffChunk (st-diff.h) */
  StMergeChoice  choice;
  char          *custom_text;   /* for ST_MERGE_TAKE_CUSTOM */
} StMergeConflict;

typedef enum {
  ST_MERGE_CHANGE_TEXT,             /* a section's text */
  ST_MERGE_CHANGE_NOT_APPLICABLE,   /* the not-applicable reason */
  ST_MERGE_CHANGE_STATUS,
  ST_MERGE_CHANGE_COMMENT,          /* a reply the department wrote */
  ST_MERGE_CHANGE_RESOLVED,         /* a thread marked resolved or reopened */
  ST_MERGE_CHANGE_HISTORY,          /* entries the pack's history gained */
} StMergeChangeKind;

/* One thing a merge applies, for a preview */
typedef struct {
  StMergeChangeKind  kind;
  char              *respondent_id;
  char              *item_id;
  char              *section_id;   /* for text changes and comments, or NULL */
  char              *old_value;    /* the report's text or status, or NULL */
  char              *new_value;    /* what the merge makes it, or NULL */
} StMergeChange;

const char *st_merge_choice_to_string   (StMergeChoice choice);
gboolean    st_merge_choice_from_string (const char   *str,
                                         StMergeChoice *choice);

#define ST_TYPE_MERGE (st_merge_get_type ())

G_DECLARE_FINAL_TYPE (StMerge, st_merge, ST, MERGE, GObject)

/* Prepares merging @pack into @report: checks the whole pack first and
 * works out its changes and conflicts, changing nothing. */
StMerge    *st_merge_new               (StReport      *report,
                                        StReport      *pack);
StReport   *st_merge_get_report        (StMerge       *self);
StReport   *st_merge_get_pack          (StMerge       *self);

/* FALSE when the pack is refused: ST_ERROR_REFUSED with every problem,
 * one a line. A refused pack cannot be applied at all. */
gboolean    st_merge_check             (StMerge       *self,
                                        GError       **error);
/* Each problem (of char*), naming what and where; empty when none */
GPtrArray  *st_merge_get_problems      (StMerge       *self);

/* What applying changes, conflicts left out (of StMergeChange) */
GPtrArray  *st_merge_get_changes       (StMerge       *self);
/* The conflicts (of StMergeConflict), in template order */
GPtrArray  *st_merge_get_conflicts     (StMerge       *self);
guint       st_merge_count_unresolved  (StMerge       *self);
/* Settles conflict @index; @custom_text only for ST_MERGE_TAKE_CUSTOM.
 * ST_MERGE_UNRESOLVED unsettles it. */
gboolean    st_merge_resolve           (StMerge       *self,
                                        guint          index,
                                        StMergeChoice  choice,
                                        const char    *custom_text,
                                        GError       **error);
/* Settles every conflict not yet settled the same way (report or pack) */
void        st_merge_resolve_all       (StMerge       *self,
                                        StMergeChoice  choice);

/* Applies the pack: every change, and each conflict as settled; records
 * "merge" history entries by @author and what the report now knows of the
 * pack. Fails, changing nothing, when the pack is refused
 * (ST_ERROR_REFUSED), when a conflict is not settled or the report
 * changed since st_merge_new() (ST_ERROR_CONFLICT). A merge applies once. */
gboolean    st_merge_apply             (StMerge       *self,
                                        const char    *author,
                                        GError       **error);

G_END_DECLS
