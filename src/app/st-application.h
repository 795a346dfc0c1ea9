/* st-application.h
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stocktake-core.h"
#include "st-window.h"

G_BEGIN_DECLS

#define ST_RECENT_FILES_MAX 10

#define ST_TYPE_APPLICATION (st_application_get_type ())

G_DECLARE_FINAL_TYPE (StApplication, st_application, ST, APPLICATION, AdwApplication)

StApplication *st_application_new              (void);

GSettings     *st_application_get_settings     (StApplication *self);
StDrafts      *st_application_get_drafts       (StApplication *self);

/* The recent reports' URIs, newest first (a GtkStringList) */
GListModel    *st_application_get_recent_files (StApplication *self);
/* The same as menu items that open them */
GMenuModel    *st_application_get_recent_menu  (StApplication *self);
/* Puts @file first in the recent list, keeping ST_RECENT_FILES_MAX */
void           st_application_add_recent       (StApplication *self,
                                                GFile         *file);

/* The window that has @file open, or NULL */
StWindow      *st_application_find_window      (StApplication *self,
                                                GFile         *file);
/* Opens @file: in the window that has it already, in @from if that has no
 * report, or in a new window. When the file cannot be read the error is
 * shown on @from (or another window) and NULL returned. */
StWindow      *st_application_open_file        (StApplication *self,
                                                GFile         *file,
                                                StWindow      *from);

G_END_DECLS
