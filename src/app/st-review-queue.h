/* st-review-queue.h: the returns waiting for the central team
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stocktake-core.h"
#include "st-issues.h"

G_BEGIN_DECLS

#define ST_TYPE_REVIEW_QUEUE (st_review_queue_get_type ())

G_DECLARE_FINAL_TYPE (StReviewQueue, st_review_queue, ST, REVIEW_QUEUE, AdwBin)

GtkWidget  *st_review_queue_new            (void);

/* Lists @report's submitted returns, oldest submission first, with what
 * @issues finds in each; kept current as statuses change. NULL clears. */
void        st_review_queue_set_report     (StReviewQueue *self,
                                            StReport      *report,
                                            StIssues      *issues);

/* Filters: NULL for every department or action */
void        st_review_queue_set_filter     (StReviewQueue *self,
                                            const char    *respondent_id,
                                            const char    *item_id);
/* How many returns are shown after the filters, and in all */
guint       st_review_queue_get_n_shown    (StReviewQueue *self);
guint       st_review_queue_get_n_waiting  (StReviewQueue *self);
/* The @position'th shown row's submission; FALSE past the end */
gboolean    st_review_queue_get_row        (StReviewQueue *self,
                                            guint          position,
                                            const char   **respondent_id,
                                            const char   **item_id);

/* What the @position'th shown row says checks found, as shown:
 * "1 error, 2 warnings, 1 open comment"; NULL past the end */
char       *st_review_queue_describe_checks (StReviewQueue *self,
                                             guint          position);
/* The selected row's submission; FALSE when none is selected */
gboolean    st_review_queue_get_selected   (StReviewQueue *self,
                                            const char   **respondent_id,
                                            const char   **item_id);
void        st_review_queue_select         (StReviewQueue *self,
                                            guint          position);
/* Puts the keyboard focus on the list */
void        st_review_queue_focus          (StReviewQueue *self);
/* Opens the @position'th shown row, as Enter on it does */
void        st_review_queue_activate       (StReviewQueue *self,
                                            guint          position);
const char *st_review_queue_get_summary    (StReviewQueue *self);

G_END_DECLS
