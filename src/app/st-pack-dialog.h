/* st-pack-dialog.h: which department to make a pack for
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stocktake-core.h"

G_BEGIN_DECLS

#define ST_TYPE_PACK_DIALOG (st_pack_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StPackDialog, st_pack_dialog, ST, PACK_DIALOG, AdwMessageDialog)

/* Offers every respondent of @report's template, @respondent_id (the one
 * being edited, or NULL) chosen first. With none chosen, "make" is
 * disabled until one is. Responses "cancel" and "make". */
GtkWidget  *st_pack_dialog_new               (GtkWindow    *parent,
                                              StReport     *report,
                                              const char   *respondent_id);
const char *st_pack_dialog_get_respondent_id (StPackDialog *self);
/* FALSE when the template has no such respondent */
gboolean    st_pack_dialog_set_respondent_id (StPackDialog *self,
                                              const char   *respondent_id);

/* What the dialog says of the chosen department's last pack, or "" */
const char *st_pack_dialog_get_last_pack     (StPackDialog *self);

/* The name a pack's file is offered under: "CO pack.stocktake" */
char       *st_pack_dialog_default_filename  (StReport     *report,
                                              const char   *respondent_id);

G_END_DECLS
