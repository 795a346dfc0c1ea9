/* st-preferences-window.h
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ST_TYPE_PREFERENCES_WINDOW (st_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (StPreferencesWindow, st_preferences_window, ST, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *st_preferences_window_new (GSettings *settings);

G_END_DECLS
