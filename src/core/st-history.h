/* st-history.h: what changed at each save, and the versions of a section
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "st-diff.h"
#include "st-report.h"

G_BEGIN_DECLS

/* History entries' "what" (see docs/workflow.md) */
#define ST_HISTORY_EDIT            "edit"            /* a section's text, at a save */
#define ST_HISTORY_NOT_APPLICABLE  "not-applicable"  /* the not-applicable reason, at a save */
#define ST_HISTORY_STATUS          "status"          /* old and new are status names */
#define ST_HISTORY_MERGE           "merge"           /* a section's text, from a department pack */

/* The time now as history records it: ISO 8601 in UTC, to the second,
 * such as "2026-11-21T10:00:00Z" */
char       *st_history_now              (void);
/* The name to record when the user has not given one: their real name if
 * the system knows it, else their login name */
char       *st_history_default_author   (void);

/* One version of a section's text */
typedef struct {
  char     *text;       /* NULL when the section was empty */
  char     *author;     /* who made this version; NULL for the first known one */
  char     *time;       /* when it was saved; NULL for the first known one */
  char     *what;       /* the history entry that made it (ST_HISTORY_EDIT, …); NULL when unknown */
  gboolean  saved;      /* FALSE for the current text when it differs from the last saved version */
} StVersion;

void        st_version_free             (StVersion *version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StVersion, st_version_free)

/* Every version of a section's text (@section_id NULL: the not-applicable
 * reason), oldest first, rebuilt from the submission's history: the text
 * before the first recorded change, then the text after each change, then
 * the current text if it is not the last saved one. Repeats in a row are
 * kept once, so a merge that takes the text the department saved in its
 * pack adds no version; a change starting from a text no earlier version
 * had adds that text as a version with no author. Free with
 * g_ptr_array_unref. */
GPtrArray  *st_history_list_versions    (StSubmission *submission,
                                         const char   *section_id);
/* The text of a section when the submission was last approved. Returns
 * FALSE when it never was; *text is NULL when the section was empty. */
gboolean    st_history_get_approved_text (StSubmission *submission,
                                         const char   *section_id,
                                         char        **text);
/* A word diff (a GPtrArray of StDiffChunk, see st-diff.h) from version
 * @from to version @to of st_history_list_versions(); NULL when either
 * index is out of range */
GPtrArray  *st_history_diff_versions    (StSubmission *submission,
                                         const char   *section_id,
                                         guint         from,
                                         guint         to);
/* A word diff from the text at the last approval to the text now; NULL
 * when the submission was never approved */
GPtrArray  *st_history_diff_since_approved (StSubmission *submission,
                                         const char   *section_id);

#define ST_TYPE_HISTORY (st_history_get_type ())

G_DECLARE_FINAL_TYPE (StHistory, st_history, ST, HISTORY, GObject)

/* Keeps the texts of @report as they are now, as the state "at the last
 * save": make one after loading a report. */
StHistory  *st_history_new              (StReport     *report);
StReport   *st_history_get_report       (StHistory    *self);
/* Takes the texts of @state (another report on the same template, such
 * as the saved file when a draft was restored; NULL: the history's own
 * report) as the state at the last save. */
void        st_history_take_snapshot    (StHistory    *self,
                                         StReport     *state);
/* Whether any section's text or not-applicable reason differs from the
 * snapshot */
gboolean    st_history_has_changes      (StHistory    *self);
/* Call before saving: appends to each changed submission one entry per
 * changed section (ST_HISTORY_EDIT) and for a changed not-applicable
 * reason (ST_HISTORY_NOT_APPLICABLE), by @author at the time now, with the
 * old and the new text, then takes a new snapshot. A change that the last
 * history entry for that section already records (a merge, say) is not
 * recorded twice. Returns the number of entries added. */
guint       st_history_record           (StHistory    *self,
                                         const char   *author);
/* The same for one submission only. A workflow given this history
 * (st_workflow_set_history()) calls it before each change of status, so
 * that the history shows which text was submitted or approved. */
guint       st_history_record_submission (StHistory   *self,
                                         StSubmission *submission,
                                         const char   *author);

G_END_DECLS
