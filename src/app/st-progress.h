/* st-progress.h: how far a submission has got, in words and an icon
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stocktake-core.h"

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
} StProgress;

void        st_progress_compute     (StReport           *report,
                                     const StRespondent *respondent,
                                     const StItem       *item,
                                     StProgress         *progress);
/* "Complete", "2 sections missing", "Not applicable", with the status when
 * it is past draft: "Complete · Submitted". Free with g_free. */
char       *st_progress_describe    (const StProgress   *progress);
/* A short form for narrow places: "Complete", "2 missing" */
char       *st_progress_describe_short (const StProgress *progress);
const char *st_progress_get_icon_name (const StProgress *progress);
/* A style class: "success", "warning", "dim-label"; colour only repeats
 * what the icon and the words say */
const char *st_progress_get_style_class (const StProgress *progress);

G_END_DECLS
