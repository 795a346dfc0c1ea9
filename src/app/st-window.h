/* st-window.h: a window on one report
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stocktake-core.h"
#include "st-export.h"
#include "st-issues-panel.h"
#include "st-review-queue.h"
#include "st-search-panel.h"
#include "st-sidebar.h"
#include "st-submission-form.h"

G_BEGIN_DECLS

#define ST_TYPE_WINDOW (st_window_get_type ())

G_DECLARE_FINAL_TYPE (StWindow, st_window, ST, WINDOW, AdwApplicationWindow)

typedef struct _StApplication StApplication;

StWindow         *st_window_new               (StApplication *application);

StReport         *st_window_get_report        (StWindow      *self);
GFile            *st_window_get_file          (StWindow      *self);
gboolean          st_window_get_is_modified   (StWindow      *self);
/* Whether the window shows it is busy (with the pointer's "wait" shape):
 * while a new round is made, which holds it up for a moment */
gboolean          st_window_get_busy          (StWindow      *self);
const char       *st_window_get_sidebar_mode  (StWindow      *self);
void              st_window_set_sidebar_mode  (StWindow      *self,
                                               const char    *mode);

/* Shows @report, read from @file, as saved */
void              st_window_set_report        (StWindow      *self,
                                               StReport      *report,
                                               GFile         *file,
                                               GBytes        *contents);
/* Opens @file here if this window has no report, else in a new window;
 * shows what went wrong if it cannot. FALSE when it could not be opened. */
gboolean          st_window_open_file         (StWindow      *self,
                                               GFile         *file);
/* Saves the report as @file, as Save As… does once the file is chosen;
 * shows what went wrong if it cannot. FALSE when it was not saved. */
gboolean          st_window_save_to_file      (StWindow      *self,
                                               GFile         *file);
void              st_window_show_load_error   (StWindow      *self,
                                               GFile         *file,
                                               const GError  *error,
                                               const StErrorLocation *location);

/* Offers to restore the autosaved draft of this window's file, if there is
 * one that differs from it. TRUE when it asks. */
gboolean          st_window_offer_draft       (StWindow      *self);
/* Replaces the report with its draft, as unsaved changes */
gboolean          st_window_restore_draft     (StWindow      *self,
                                               GError       **error);
/* Writes the draft now rather than after the delay */
gboolean          st_window_autosave_now      (StWindow      *self,
                                               GError       **error);

/* Exports @view ("all", "site", "department:ID", "action:N") to @file in
 * the background, showing progress; FALSE if an export is under way.
 * st_window_export() publishes every submission, as a preview does. */
gboolean          st_window_export            (StWindow      *self,
                                               const char    *view,
                                               StExportFormat format,
                                               GFile         *file);
gboolean          st_window_export_full       (StWindow      *self,
                                               const char    *view,
                                               StViewContent  content,
                                               StExportFormat format,
                                               GFile         *file);
/* The central team's export for publication: approved returns only, of
 * the whole update ("all" or "site"); once written, every approved return
 * is marked published through the window's workflow. Refusals fail with
 * ST_ERROR_REFUSED; FALSE with no error if an export is under way. */
gboolean          st_window_export_for_publication (StWindow   *self,
                                               const char    *view,
                                               StExportFormat format,
                                               GFile         *file,
                                               GError       **error);
void              st_window_stop_export       (StWindow      *self);
gboolean          st_window_get_exporting     (StWindow      *self);
/* Reads published pages into a copy of the report and asks before the
 * window takes it */
gboolean          st_window_import            (StWindow      *self,
                                               GFile        **files,
                                               guint          n_files);

/* Makes @respondent_id's department pack, writes it to @file and saves
 * the report, which records the pack so that it can be merged back */
gboolean          st_window_make_pack         (StWindow      *self,
                                               const char    *respondent_id,
                                               GFile         *file,
                                               GError       **error);
/* Merges the packs in @files one after another: a pack that is refused
 * says why and changes nothing; for one that can be merged, a
 * StMergeDialog shows its changes and conflicts and asks */
void              st_window_merge_packs       (StWindow      *self,
                                               GFile        **files,
                                               guint          n_files);
/* Whether packs are being merged: a dialog is asking about one */
gboolean          st_window_get_merging       (StWindow      *self);
/* Applies a merge of a pack into this window's report under the author
 * name; the report is then modified */
gboolean          st_window_apply_merge       (StWindow      *self,
                                               StMerge       *merge,
                                               GError       **error);
/* Opens the history of a section of the submission in the form */
GtkWidget        *st_window_show_history      (StWindow      *self,
                                               const char    *section_id);

void              st_window_show_submission   (StWindow      *self,
                                               const char    *respondent_id,
                                               const char    *item_id);
void              st_window_show_overview     (StWindow      *self);
void              st_window_show_issues       (StWindow      *self);
/* The central team's list of submitted returns */
void              st_window_show_review_queue (StWindow      *self);
StReviewQueue    *st_window_get_review_queue  (StWindow      *self);
/* Opens the finding's submission with its characters selected */
void              st_window_show_finding      (StWindow      *self,
                                               StFinding     *finding);
/* The page that finds and replaces across the report, its entry focused */
void              st_window_show_find         (StWindow      *self);

StSidebar        *st_window_get_sidebar       (StWindow      *self);
StSubmissionForm *st_window_get_form          (StWindow      *self);
/* What the user may do: the central team on a whole report, a department
 * on its pack; NULL with no report */
StWorkflow       *st_window_get_workflow      (StWindow      *self);
/* The texts at the last save; saving records each change in the report's
 * history under the author name from the preferences */
StHistory        *st_window_get_history       (StWindow      *self);
/* Moves a submission to @status through the workflow (@comment is needed
 * to return it), marks the report changed and updates the views. A move
 * the rules refuse fails with ST_ERROR_REFUSED and the core's reason. */
gboolean          st_window_set_status        (StWindow      *self,
                                               const char    *respondent_id,
                                               const char    *item_id,
                                               StStatus       status,
                                               const char    *comment,
                                               GError       **error);
/* As the window's actions do: asks to confirm submitting (listing the
 * warnings), asks for the comment to return with, or approves; a
 * refusal is shown in a message dialog */
void              st_window_ask_submit        (StWindow      *self,
                                               const char    *respondent_id,
                                               const char    *item_id);
void              st_window_ask_return        (StWindow      *self,
                                               const char    *respondent_id,
                                               const char    *item_id);
void              st_window_approve           (StWindow      *self,
                                               const char    *respondent_id,
                                               const char    *item_id);
/* What validation finds in the report, or NULL with no report */
StIssues         *st_window_get_issues        (StWindow      *self);
StIssuesPanel    *st_window_get_issues_panel  (StWindow      *self);
StSearchPanel    *st_window_get_search_panel  (StWindow      *self);
/* "welcome", "overview", "form", "issues" or "find" */
const char       *st_window_get_visible_page  (StWindow      *self);

G_END_DECLS
