/* st-output-private.h: writing files as they are made
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes to @stream; returns FALSE with @error set when it fails */
typedef gboolean (*StOutputFunc) (GOutputStream *stream,
                                  gpointer       data,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* Writes @path through @write, a piece at a time: into a new file beside
 * it (made with @mode, less the umask), which replaces it once whole and
 * on the disc, so that a failure part-way leaves any old file as it was.
 * The new file keeps the old one's permissions. A path that is neither a
 * regular file nor a folder (a device such as /dev/stdout, or a pipe) is
 * written to as it is. Errors name the file. A folder that cannot take the
 * new file (no permission to write in it, or on a read-only disc) fails
 * with G_FILE_ERROR_ACCES, G_FILE_ERROR_PERM or G_FILE_ERROR_ROFS and a
 * message that names the folder, even when the old file itself could be
 * written; an old file that is read-only (or may not be changed at all)
 * is not replaced, and fails with G_FILE_ERROR_ACCES or G_FILE_ERROR_PERM
 * and a message that says so. */
gboolean  st_output_write_file  (const char    *path,
                                 int            mode,
                                 StOutputFunc   write,
                                 gpointer       data,
                                 GCancellable  *cancellable,
                                 GError       **error);

G_END_DECLS
