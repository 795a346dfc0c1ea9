/* st-output.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "st-output-private.h"

gboolean
st_output_write_file (const char    *path,
                      int            mode,
                      StOutputFunc   write,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *temp_path = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf info;
  gboolean existed, ok;
  int fd, saved = 0;

  existed = g_stat (path, &info) == 0;

  /* Renaming over a read-only file would replace it, as the folder
   * allows: but whoever made it read-only meant it to stay as it is */
  if (existed && S_ISREG (info.st_mode) && g_access (path, W_OK) != 0 &&
      (errno == EACCES || errno == EPERM))
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write “%s”: the file is read-only (%s)"), path, g_strerror (saved));
      return FALSE;
    }

  if (existed && !S_ISREG (info.st_mode) && !S_ISDIR (info.st_mode))
    fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);

      temp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
      fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, mode);
    }
  if (fd < 0)
    {
      saved = errno;
      /* The file itself may well be writable: it is the folder that has
       * to take the new file, so say that */
      if (temp_path != NULL && (saved == EACCES || saved == EPERM || saved == EROFS))
        {
          g_autofree char *dir = g_path_get_dirname (path);

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot write “%s”: the folder “%s” cannot be written to (%s)"),
                       path, dir, g_strerror (saved));
        }
      else
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }

  /* The new file is the old one to whoever may read it */
  if (existed && temp_path != NULL && S_ISREG (info.st_mode))
    (void) fchmod (fd, info.st_mode & 07777);

  stream = g_unix_output_stream_new (fd, TRUE);
  ok = write (stream, data, cancellable, &local_error);

  /* A file written over another reaches the disc before it replaces it */
  if (ok && existed && temp_path != NULL && g_fsync (fd) != 0)
    {
      saved = errno;
      ok = FALSE;
    }
  if (!g_output_stream_close (stream, NULL, ok && saved == 0 ? &local_error : NULL))
    ok = FALSE;
  if (ok && temp_path != NULL && g_rename (temp_path, path) != 0)
    {
      saved = errno;
      ok = FALSE;
    }

  if (ok)
    return TRUE;

  if (temp_path != NULL)
    g_unlink (temp_path);
  if (local_error != NULL)
    {
      g_prefix_error (&local_error, _("Cannot write “%s”: "), path);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  else
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                 _("Cannot write “%s”: %s"), path, g_strerror (saved));
  return FALSE;
}
