/* st-progress.h: how far a submission has got, in words and an icon
 *
 * The editor's overview, sidebar and form and the command line's status
 * all say it in these words. The icons are named by the freedesktop icon
 * naming specification, so nothing here needs GTK.
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "st-report.h"
#include "st-template.h"
#include "st-types.h"

G_BEGIN_DECLS

typedef enum {
  ST_PROGRESS_NOT_DUE,          /* the item has no section in this round */
  ST_PROGRESS_NOT_STARTED,
  ST_PROGRESS_INCOMPLETE,
  ST_PROGRESS_COMPLETE,
  ST_PROGRESS_NOT_APPLICABLE,
} StProgressState;

typedef struct {
  StProgressState state;
  StStatus        status;
  guint           n_sections;   /* sections due in the round being collected */
  guint           n_filled;
  guint           n_errors;     /* what validation found, when it was asked */
  guint           n_warnings;
} StProgress;

/* A name for scripts: "not-due", "not-started", "incomplete", "complete"
 * or "not-applicable" */
const char *st_progress_state_to_string (StProgressState state);

void        st_progress_compute     (StReport           *report,
                                     const StRespondent *respondent,
                                     const StItem       *item,
                                     StProgress         *progress);
/* Adds what validation found: a complete submission with warnings then
 * says so instead of "Complete" */
void        st_progress_set_issues  (StProgress         *progress,
                                     guint               errors,
                                     guint               warnings);
/* "Complete", "2 sections missing", "Not applicable", with the status when
 * it is past draft and what validation found: "Complete · 2 warnings ·
 * Submitted". Free with g_free. */
char       *st_progress_describe    (const StProgress   *progress);
/* A short form for narrow places: "Complete", "2 missing", or the review
 * status once it is past draft ("Submitted", "Returned") */
char       *st_progress_describe_short (const StProgress *progress);
/* The short form, and past draft also the most serious of what validation
 * found, for a reviewer deciding on it: "Submitted · 2 warnings",
 * "Approved · 1 error". Free with g_free. */
char       *st_progress_describe_review (const StProgress *progress);
/* The review decision's icon when returned, approved or published; else
 * what validation found, else the status or how far it has got */
const char *st_progress_get_icon_name (const StProgress *progress);
/* A style class: "success", "warning", "dim-label"; colour only repeats
 * what the icon and the words say */
const char *st_progress_get_style_class (const StProgress *progress);

G_END_DECLS
