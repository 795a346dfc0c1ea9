/* test-file-helpers.h: files in the states the tests need
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes @path read-only (or writable again): immutable, which even root
 * may not change, where the file system allows it, else without write
 * permission, which root ignores. FALSE when neither holds. */
gboolean test_make_read_only (const char *path,
                              gboolean    read_only);

G_END_DECLS
