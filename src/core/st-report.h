/* st-report.h: a report, its template and every submission
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "st-error.h"
#include "st-submission.h"
#include "st-template.h"

G_BEGIN_DECLS

#define ST_REPORT_FORMAT          "stocktake-report"
#define ST_REPORT_FORMAT_VERSION  1

#define ST_TYPE_REPORT (st_report_get_type ())

G_DECLARE_FINAL_TYPE (StReport, st_report, ST, REPORT, GObject)

/* A report on @template with no submissions yet */
StReport     *st_report_new                 (StTemplate   *template);

StReport     *st_report_new_from_file       (const char   *filename,
                                             StErrorLocation *location,
                                             GError      **error);
StReport     *st_report_new_from_data       (const char   *data,
                                             gssize        length,
                                             StErrorLocation *location,
                                             GError      **error);
/* Writes to a temporary file and renames it over @filename, so the old file
 * is intact unless the whole new one was written. The folder must be
 * writable: when it is not, the error is G_FILE_ERROR_ACCES, _PERM or
 * _ROFS, and says so. A read-only @filename is not replaced: the error is
 * G_FILE_ERROR_ACCES or _PERM, and says it is the file. */
gboolean      st_report_save_to_file        (StReport     *self,
                                             const char   *filename,
                                             GError      **error);
char         *st_report_to_data             (StReport     *self,
                                             gsize        *length);
/* The same JSON as a new tree the caller owns and may change */
JsonNode     *st_report_to_json             (StReport     *self);

StTemplate   *st_report_get_template        (StReport     *self);

/* The date the published pages say they were updated; NULL when unset */
GDate        *st_report_get_updated         (StReport     *self);
void          st_report_set_updated         (StReport     *self,
                                             const GDate  *date);

/* The round being collected: an index into the template's rounds */
guint         st_report_get_round           (StReport     *self);
void          st_report_set_round           (StReport     *self,
                                             guint         round);
/* Starts collecting the next round: the template's next round if it has
 * one, else a new round a year on (st_template_new_with_next_round()),
 * which replaces the report's template (::notify::template; pointers into
 * the old template stay valid only while the caller holds a reference to
 * it). The "Updated" date becomes @updated (NULL: today). Every submission
 * goes back to draft, with a history entry by @author where its status
 * changes: approved submissions not yet published lose their approval, so
 * export them for publication (st_workflow_publish_approved()) first.
 * Earlier rounds' text stays as it is. Refused (ST_ERROR_REFUSED) in a
 * department pack, and when the template has no year to continue. */
gboolean      st_report_start_new_round     (StReport     *self,
                                             const GDate  *updated,
                                             const char   *author,
                                             GError      **error);

/* Document-level text (the template's preamble sections) */
const char   *st_report_get_preamble_text   (StReport     *self,
                                             const char   *section_id);
void          st_report_set_preamble_text   (StReport     *self,
                                             const char   *section_id,
                                             const char   *text);

/* Submissions, in template order: respondents, then items. */
guint         st_report_get_n_submissions   (StReport     *self);
StSubmission *st_report_get_submission      (StReport     *self,
                                             guint         index);
/* NULL when there is none */
StSubmission *st_report_lookup_submission   (StReport     *self,
                                             const char   *respondent_id,
                                             const char   *item_id);
/* Returns the existing submission or adds an empty one. NULL if either id is
 * not in the template. */
StSubmission *st_report_ensure_submission   (StReport     *self,
                                             const char   *respondent_id,
                                             const char   *item_id);
/* Replaces or adds @submission (the report takes a reference) */
gboolean      st_report_add_submission      (StReport     *self,
                                             StSubmission *submission,
                                             GError      **error);
void          st_report_remove_submission   (StReport     *self,
                                             const char   *respondent_id,
                                             const char   *item_id);

/* Sections with text / sections that should have text, over every
 * respondent × item for the rounds up to the current one */
void          st_report_count_sections      (StReport     *self,
                                             guint        *filled,
                                             guint        *total);

/* Validation rules switched off for this report */
const char * const *st_report_get_disabled_rules (StReport *self);
gboolean      st_report_rule_enabled        (StReport     *self,
                                             const char   *rule_id);
void          st_report_set_rule_enabled    (StReport     *self,
                                             const char   *rule_id,
                                             gboolean      enabled);

/* A department pack: the respondent it was issued for, or NULL */
const char   *st_report_get_pack_respondent (StReport     *self);
const char   *st_report_get_pack_issued     (StReport     *self);
const char   *st_report_get_pack_source     (StReport     *self);
void          st_report_set_pack            (StReport     *self,
                                             const char   *respondent_id,
                                             const char   *issued,
                                             const char   *source);
/* Whether this report is a department pack (see st-pack.h). A pack holds
 * only its respondent's submissions: st_report_ensure_submission() and
 * st_report_add_submission() refuse any other respondent's. */
gboolean      st_report_is_pack             (StReport     *self);
/* The pack's identity, checked when it is merged back: a unique id and the
 * fingerprint of the template it was issued with (st_pack_fingerprint()) */
const char   *st_report_get_pack_id         (StReport     *self);
const char   *st_report_get_pack_template   (StReport     *self);
void          st_report_set_pack_identity   (StReport     *self,
                                             const char   *id,
                                             const char   *template_fingerprint);
/* The record of the packs issued from this report: a JSON array that
 * st-pack.c reads and writes, saved and loaded as it is. NULL when none. */
JsonArray    *st_report_get_issued_packs    (StReport     *self);
void          st_report_set_issued_packs    (StReport     *self,
                                             JsonArray    *issued);

gboolean      st_report_equal               (StReport     *a,
                                             StReport     *b);

/* Many changes at once (a merge, say): from st_report_freeze_changed()
 * until the matching st_report_thaw_changed(), ::changed is held back;
 * the thaw then emits it once for each submission that changed, with no
 * section (anything in it may have changed), or once for the report as a
 * whole if that changed or a submission was added or removed. A change
 * to the record of issued packs alone, which no view shows, rides on the
 * submissions' emissions when there are any. Calls nest: only the last
 * thaw emits. */
void          st_report_freeze_changed      (StReport     *self);
void          st_report_thaw_changed        (StReport     *self);

G_END_DECLS
