/* st-overview-row.h: one department's row of the overview, or the totals
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ST_TYPE_OVERVIEW_ROW (st_overview_row_get_type ())

G_DECLARE_FINAL_TYPE (StOverviewRow, st_overview_row, ST, OVERVIEW_ROW, GObject)

/* @respondent_id NULL makes the row of totals */
StOverviewRow *st_overview_row_new              (const char    *respondent_id,
                                                 const char    *title);
const char    *st_overview_row_get_respondent_id (StOverviewRow *self);
const char    *st_overview_row_get_title        (StOverviewRow *self);
gboolean       st_overview_row_is_total         (StOverviewRow *self);
/* Counts up whenever what the row shows changes; cells watch it */
guint          st_overview_row_get_revision     (StOverviewRow *self);
void           st_overview_row_changed          (StOverviewRow *self);

G_END_DECLS
