/* test-output.c: writing a file through a new file beside it
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "st-output-private.h"
#include "test-file-helpers.h"

static gboolean
write_text (GOutputStream *stream,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return g_output_stream_write_all (stream, data, strlen (data), NULL, cancellable, error);
}

static gboolean
write_nothing_and_fail (GOutputStream *stream,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "The disc is full");
  return FALSE;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_output_replaces (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stocktake-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.stocktake", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (st_output_write_file (path, 0644, write_text, "first", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (st_output_write_file (path, 0644, write_text, "second", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "second");
  g_clear_pointer (&contents, g_free);

  /* A failure part-way leaves the old file, and nothing else */
  g_assert_false (st_output_write_file (path, 0644, write_nothing_and_fail, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "second");
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A folder that refuses new files: the error says it is the folder, even
 * though the file in it could itself be written */
static void
test_output_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("Running as root, which may write in any folder whatever its permissions");
      return;
    }

  dir = g_dir_make_tmp ("stocktake-test-XXXXXX", NULL);
  path = g_build_filename (dir, "inplace.stocktake", NULL);
  g_assert_true (st_output_write_file (path, 0644, write_text, "before", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  g_assert_false (st_output_write_file (path, 0644, write_text, "after", NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "the folder"));
  g_assert_nonnull (strstr (error->message, "cannot be written to"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "before");
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_clear_error (&error);

  /* A new file there fails the same way */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "new.stocktake", NULL);
  g_assert_false (st_output_write_file (path, 0644, write_text, "new", NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "inplace.stocktake", NULL);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The same message where permissions do not decide, even for root: a
 * folder of kernel files takes no new file from anyone */
static void
test_output_folder_refuses_anyone (void)
{
  const char *path = "/sys/stocktake-test.stocktake";
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/sys/kernel", G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("No /sys to refuse a new file");
      return;
    }

  g_assert_false (st_output_write_file (path, 0644, write_text, "new", NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
                 g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_PERM) ||
                 g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ROFS));
  g_assert_nonnull (strstr (error->message, "Cannot write “/sys/stocktake-test.stocktake”: "
                                            "the folder “/sys” cannot be written to ("));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A read-only file in a folder that takes new files is left as it is,
 * and the error says it is the file */
static void
test_output_read_only_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stocktake-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "locked.stocktake", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (st_output_write_file (path, 0644, write_text, "before", NULL, &error));
  if (!test_make_read_only (path, TRUE))
    {
      g_test_skip ("Cannot make a file read-only here (running as root without immutable files)");
      g_assert_true (test_make_read_only (path, FALSE));
      g_assert_cmpint (g_remove (path), ==, 0);
      g_assert_cmpint (g_rmdir (dir), ==, 0);
      return;
    }

  g_assert_false (st_output_write_file (path, 0644, write_text, "after", NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
                 g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_PERM));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "the file is read-only"));
  g_assert_null (strstr (error->message, "folder"));

  g_assert_true (test_make_read_only (path, FALSE));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "before");
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The new file is as private as the one it replaces */
static void
test_output_keeps_permissions (void)
{
  g_autofree char *dir = g_dir_make_tmp ("stocktake-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "private.stocktake", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  g_assert_true (st_output_write_file (path, 0644, write_text, "first", NULL, &error));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (st_output_write_file (path, 0644, write_text, "second", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 07777, ==, 0600);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A folder that is not there is not called read-only */
static void
test_output_missing_folder (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (st_output_write_file ("/nonexistent/folder/report.stocktake", 0644, write_text, "x",
                                        NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_null (strstr (error->message, "cannot be written to"));
  g_assert_nonnull (strstr (error->message, "/nonexistent/folder/report.stocktake"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/output/replaces", test_output_replaces);
  g_test_add_func ("/output/read-only-folder", test_output_read_only_folder);
  g_test_add_func ("/output/folder-refuses-anyone", test_output_folder_refuses_anyone);
  g_test_add_func ("/output/missing-folder", test_output_missing_folder);
  g_test_add_func ("/output/read-only-file", test_output_read_only_file);
  g_test_add_func ("/output/keeps-permissions", test_output_keeps_permissions);

  return g_test_run ();
}
