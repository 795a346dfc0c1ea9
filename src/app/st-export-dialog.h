/* st-export-dialog.h: which pages to export, and in which format
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stocktake-core.h"
#include "st-export.h"

G_BEGIN_DECLS

#define ST_TYPE_EXPORT_DIALOG (st_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StExportDialog, st_export_dialog, ST, EXPORT_DIALOG, AdwMessageDialog)

/* Offers the whole document, every page (a site), and the pages of the
 * department and action being edited, if any. @file is where the report
 * is saved, NULL if it is not yet: it names the file offered. With
 * @settings the dialog offers the pages, the format and the submissions of
 * the last export again, and remembers them when the user exports. */
GtkWidget      *st_export_dialog_new        (GtkWindow   *parent,
                                             StReport    *report,
                                             GFile       *file,
                                             GSettings   *settings,
                                             const char  *respondent_id,
                                             const char  *item_id);
/* "all", "site", "department:ID" or "action:N" */
const char     *st_export_dialog_get_view   (StExportDialog *self);
StExportFormat  st_export_dialog_get_format (StExportDialog *self);
void            st_export_dialog_set_format (StExportDialog *self,
                                             StExportFormat  format);
/* The name to offer for the file, from the report's file name, the pages
 * and the format: "digital-leaders-action-1.html"; NULL for every page,
 * which go into a folder. Free with g_free. */
char           *st_export_dialog_get_filename (StExportDialog *self);
/* Approved returns only (the default) or everything, drafts and all */
StViewContent   st_export_dialog_get_content (StExportDialog *self);
void            st_export_dialog_set_content (StExportDialog *self,
                                              StViewContent   content);
/* Whether the approved returns are to be marked published once written:
 * offered to the central team, for the whole document or every page,
 * written for publication. FALSE whenever any of that is not so. */
gboolean        st_export_dialog_get_publish (StExportDialog *self);
void            st_export_dialog_set_publish (StExportDialog *self,
                                              gboolean        publish);
/* What the dialog says about returns that are not approved; NULL when
 * every return is */
const char     *st_export_dialog_get_content_note (StExportDialog *self);

G_END_DECLS
