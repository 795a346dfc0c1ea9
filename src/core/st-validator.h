/* st-validator.h: checks a report against its template and the GOV.UK
 * style
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "st-finding.h"
#include "st-report.h"

G_BEGIN_DECLS

/* Rule ids: see docs/validation.md */
#define ST_RULE_MISSING_SECTION              "missing-section"
#define ST_RULE_UNANSWERED                   "unanswered"
#define ST_RULE_NOT_APPLICABLE_REASON        "not-applicable-reason"
#define ST_RULE_LATE_ITEM                    "late-item"
#define ST_RULE_PROGRESS_WITHOUT_PLAN_ANSWER "progress-without-plan-answer"
#define ST_RULE_COPIED_FORWARD               "copied-forward"
#define ST_RULE_PLACEHOLDER                  "placeholder"
#define ST_RULE_STYLE_ABBREVIATION           "style-abbreviation"
#define ST_RULE_STYLE_NUMBER_WORDS           "style-number-words"
#define ST_RULE_STYLE_PERCENT                "style-percent"
#define ST_RULE_STYLE_DATE                   "style-date"
#define ST_RULE_STYLE_RANGE_HYPHEN           "style-range-hyphen"
#define ST_RULE_STYLE_JOB_TITLE              "style-job-title"
#define ST_RULE_STYLE_ACRONYM                "style-acronym"
#define ST_RULE_STYLE_AVOID_WORDS            "style-avoid-words"
#define ST_RULE_LONG_PARAGRAPH               "long-paragraph"
#define ST_RULE_LONG_SENTENCE                "long-sentence"
#define ST_RULE_PLAN_PAST_TENSE              "plan-past-tense"
#define ST_RULE_PROGRESS_RESTATES_PLAN       "progress-restates-plan"
#define ST_RULE_CHANGED_SINCE_APPROVED       "changed-since-approved"

typedef struct {
  const char *id;
  StSeverity  severity;
  const char *description;   /* translated */
} StRuleInfo;

/* Every rule, in the order of docs/validation.md. An array of StRuleInfo;
 * free with g_array_unref. */
GArray      *st_validator_list_rules          (void);

#define ST_TYPE_VALIDATOR (st_validator_get_type ())

G_DECLARE_FINAL_TYPE (StValidator, st_validator, ST, VALIDATOR, GObject)

/* Loads the built-in GOV.UK rules (data/rules/govuk-style.json) */
StValidator *st_validator_new                 (StReport     *report);
StReport    *st_validator_get_report          (StValidator  *self);

/* Replaces the word lists and limits with another file in the same format.
 * On error the validator keeps the rules it had. */
gboolean     st_validator_load_rules          (StValidator  *self,
                                               const char   *data,
                                               gssize        length,
                                               GError      **error);

/* The published view whose reading order decides an acronym's first use:
 * "departments" (every department page: the default), "actions" (every
 * action page), "department:ID" or "action:N" (one page: whole-report runs
 * then check only the submissions on it). NULL means "departments". A
 * validator of a department pack starts on that department's page. */
gboolean     st_validator_set_page            (StValidator  *self,
                                               const char   *page,
                                               GError      **error);
const char  *st_validator_get_page            (StValidator  *self);

/* Rules less severe than @least are not run. Default: ST_SEVERITY_INFO. */
void         st_validator_set_severity        (StValidator  *self,
                                               StSeverity    least);
StSeverity   st_validator_get_severity        (StValidator  *self);

/* 0 restores the rules file's limit */
void         st_validator_set_max_paragraph_words (StValidator *self,
                                               guint         words);
guint        st_validator_get_max_paragraph_words (StValidator *self);
void         st_validator_set_max_sentence_words  (StValidator *self,
                                               guint         words);
guint        st_validator_get_max_sentence_words  (StValidator *self);

/* Whether to report what is found in the sections of rounds before the one
 * being collected. Those rounds are published history that the round being
 * collected cannot change, so by default their text is read (an
 * abbreviation spelled out there is spelled out for the page) but nothing
 * in it is reported. */
void         st_validator_set_earlier_rounds      (StValidator *self,
                                               gboolean      earlier_rounds);
gboolean     st_validator_get_earlier_rounds      (StValidator *self);

/* Each returns a new array of StFinding, in a stable order: respondent and
 * item in template order, then findings about the whole submission, then
 * sections in template order, then offset, then rule id. Rules the report
 * switches off (st_report_rule_enabled) are not run. Free with
 * g_ptr_array_unref; st_validator_to_list_model() turns one into a model. */
GPtrArray   *st_validator_validate_report     (StValidator  *self);
GPtrArray   *st_validator_validate_submission (StValidator  *self,
                                               const char   *respondent_id,
                                               const char   *item_id);
/* Only the findings inside one section, and the section's own errors
 * (missing-section, progress-without-plan-answer, late-item): exactly the
 * findings of a whole-report run (on the same page) that are in this
 * section. Fast enough to run on every keystroke. Ids the template does not
 * have give an empty array. */
GPtrArray   *st_validator_validate_section    (StValidator  *self,
                                               const char   *respondent_id,
                                               const char   *item_id,
                                               const char   *section_id);

GListModel  *st_validator_to_list_model       (GPtrArray    *findings);

G_END_DECLS
