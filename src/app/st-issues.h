/* st-issues.h: what validation finds in a report, kept up to date as it
 * is edited
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stocktake-core.h"
#include "st-validator.h"

G_BEGIN_DECLS

#define ST_TYPE_ISSUES (st_issues_get_type ())

G_DECLARE_FINAL_TYPE (StIssues, st_issues, ST, ISSUES, GObject)

StIssues   *st_issues_new        (StReport   *report);
StReport   *st_issues_get_report (StIssues   *self);
StValidator *st_issues_get_validator (StIssues *self);

/* Every finding (of StFinding), in the validator's order */
GListModel *st_issues_get_model  (StIssues   *self);

/* Findings about one submission: @section_id NULL counts the whole
 * submission and its sections; "" only what is about the submission as a
 * whole. Any out-argument may be NULL. */
void        st_issues_count      (StIssues   *self,
                                  const char *respondent_id,
                                  const char *item_id,
                                  const char *section_id,
                                  guint      *errors,
                                  guint      *warnings,
                                  guint      *infos);
/* What the department can act on in the round being collected: the
 * findings about the submission as a whole and about this round's
 * sections, not those in earlier rounds' text */
void        st_issues_count_current (StIssues *self,
                                  const char *respondent_id,
                                  const char *item_id,
                                  guint      *errors,
                                  guint      *warnings,
                                  guint      *infos);
/* The findings (of StFinding) about one section of one submission, in
 * the validator's order; an empty array when there are none */
GPtrArray  *st_issues_list_section (StIssues *self,
                                  const char *respondent_id,
                                  const char *item_id,
                                  const char *section_id);
/* Over the whole report */
void        st_issues_count_all  (StIssues   *self,
                                  guint      *errors,
                                  guint      *warnings,
                                  guint      *infos);

/* Validates the whole report again */
void        st_issues_revalidate (StIssues   *self);

G_END_DECLS
