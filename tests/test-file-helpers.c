/* test-file-helpers.c: files in the states the tests need
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/fs.h>
#include <sys/ioctl.h>
#endif

#include "test-file-helpers.h"

gboolean
test_make_read_only (const char *path,
                     gboolean    read_only)
{
#ifdef FS_IOC_SETFLAGS
  int fd = g_open (path, O_RDONLY, 0);
  int flags = 0;

  if (fd >= 0 && ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0)
    {
      flags = read_only ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
      if (ioctl (fd, FS_IOC_SETFLAGS, &flags) == 0)
        {
          close (fd);
          return TRUE;
        }
    }
  if (fd >= 0)
    close (fd);
#endif
  if (g_chmod (path, read_only ? 0444 : 0644) != 0)
    return FALSE;
  return !read_only || geteuid () != 0;
}
