/* test-drafts.c: unsaved edits kept on disk
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "stocktake-core.h"

typedef struct {
  char     *dir;        /* a fresh folder for the test */
  char     *drafts_dir;
  char     *report_path;
  StDrafts *drafts;
  StReport *report;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);
  g_autoptr(GError) error = NULL;
  StSubmission *submission;

  g_assert_nonnull (template);
  fixture->dir = g_dir_make_tmp ("test-drafts-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->drafts_dir = g_build_filename (fixture->dir, "data", "drafts", NULL);
  fixture->report_path = g_build_filename (fixture->dir, "report.stocktake", NULL);
  fixture->drafts = st_drafts_new (fixture->drafts_dir);

  fixture->report = st_report_new (template);
  submission = st_report_ensure_submission (fixture->report, "CO", "1");
  st_submission_set_text (submission, "progress-2014", "Saved text.");
  g_assert_true (st_report_save_to_file (fixture->report, fixture->report_path, &error));
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_clear_object (&fixture->report);
  g_clear_object (&fixture->drafts);
  g_free (fixture->report_path);
  g_free (fixture->drafts_dir);
  g_free (fixture->dir);
}

static void
test_drafts_default_directory (void)
{
  g_autoptr(StDrafts) drafts = st_drafts_new (NULL);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "stocktake", "drafts", NULL);

  g_assert_cmpstr (st_drafts_get_directory (drafts), ==, expected);
}

static void
test_drafts_path (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = st_drafts_get_path (fixture->drafts, fixture->report_path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other", "report.stocktake", NULL);
  g_autofree char *other = st_drafts_get_path (fixture->drafts, other_path);
  g_autofree char *roundabout_path = g_build_filename (fixture->dir, "other", "..", "report.stocktake", NULL);
  g_autofree char *roundabout = st_drafts_get_path (fixture->drafts, roundabout_path);

  g_assert_cmpstr (dir, ==, fixture->drafts_dir);
  /* The same name in another folder is another report */
  g_assert_cmpstr (path, !=, other);
  /* Another way of naming the same file is the same report */
  g_assert_cmpstr (path, ==, roundabout);
}

static void
test_drafts_relative_path (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *absolute = NULL;
  g_autofree char *by_absolute = NULL;
  g_autofree char *by_relative = NULL;

  absolute = g_build_filename (cwd, "some-report.stocktake", NULL);
  by_absolute = st_drafts_get_path (fixture->drafts, absolute);
  by_relative = st_drafts_get_path (fixture->drafts, "some-report.stocktake");
  g_assert_cmpstr (by_absolute, ==, by_relative);
}

static void
test_drafts_write_read (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) read = NULL;
  g_autoptr(StDraftInfo) info = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autofree char *path = NULL;
  StSubmission *submission;
  GStatBuf st;

  g_assert_false (st_drafts_has_draft (fixture->drafts, fixture->report_path));

  submission = st_report_lookup_submission (fixture->report, "CO", "1");
  st_submission_set_text (submission, "progress-2014", "Unsaved text.");
  st_report_ensure_submission (fixture->report, "HMT", "15");
  st_submission_set_not_applicable (st_report_lookup_submission (fixture->report, "HMT", "15"),
                                    "This action is not applicable to HMT.");

  /* The folder does not exist yet: writing makes it */
  g_assert_false (g_file_test (fixture->drafts_dir, G_FILE_TEST_EXISTS));
  g_assert_true (st_drafts_write (fixture->drafts, fixture->report_path, fixture->report, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (st_drafts_has_draft (fixture->drafts, fixture->report_path));

  /* Only the user can read it */
  path = st_drafts_get_path (fixture->drafts, fixture->report_path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  read = st_drafts_read (fixture->drafts, fixture->report_path, &info, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_assert_true (st_report_equal (read, fixture->report));
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (read, "CO", "1"), "progress-2014"),
                   ==, "Unsaved text.");

  g_assert_cmpstr (info->filename, ==, fixture->report_path);
  g_assert_cmpstr (info->path, ==, path);
  g_assert_nonnull (info->saved);
  g_assert_cmpint (g_date_time_compare (info->saved, before), >=, 0);
  /* Written without the file's checksum: not known */
  g_assert_null (info->file_checksum);

  /* With it: read back as written */
  g_clear_pointer (&info, st_draft_info_free);
  g_clear_object (&read);
  g_assert_true (st_drafts_write (fixture->drafts, fixture->report_path, fixture->report,
                                  "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef", &error));
  g_assert_no_error (error);
  read = st_drafts_read (fixture->drafts, fixture->report_path, &info, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_assert_cmpstr (info->file_checksum, ==, "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
  {
    g_autoptr(StDraftInfo) copy = st_draft_info_copy (info);

    g_assert_cmpstr (copy->file_checksum, ==, info->file_checksum);
  }

  /* The report file itself is untouched */
  {
    g_autoptr(StReport) on_disk = st_report_new_from_file (fixture->report_path, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (on_disk, "CO", "1"), "progress-2014"),
                     ==, "Saved text.");
  }
}

static void
test_drafts_overwrite (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  StSubmission *submission = st_report_lookup_submission (fixture->report, "CO", "1");

  st_submission_set_text (submission, "progress-2014", "First draft.");
  g_assert_true (st_drafts_write (fixture->drafts, fixture->report_path, fixture->report, NULL, &error));
  st_submission_set_text (submission, "progress-2014", "Second draft.");
  g_assert_true (st_drafts_write (fixture->drafts, fixture->report_path, fixture->report, NULL, &error));
  g_assert_no_error (error);

  read = st_drafts_read (fixture->drafts, fixture->report_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (st_submission_get_text (st_report_lookup_submission (read, "CO", "1"), "progress-2014"),
                   ==, "Second draft.");

  /* Still one draft per file */
  list = st_drafts_list (fixture->drafts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_drafts_read_missing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) read = NULL;

  read = st_drafts_read (fixture->drafts, fixture->report_path, NULL, &error);
  g_assert_null (read);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_drafts_read_broken (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) read = NULL;
  g_autofree char *path = st_drafts_get_path (fixture->drafts, fixture->report_path);
  const char *bad[] = {
    "{ \"format\": \"stocktake-draft\", ",                                    /* not JSON */
    "[1, 2]",                                                                /* not an object */
    "{ \"format\": \"stocktake-report\", \"version\": 1 }",                    /* a report, not a draft */
    "{ \"format\": \"stocktake-draft\", \"version\": 99, \"file\": \"/x\" }",  /* too new */
    "{ \"format\": \"stocktake-draft\", \"version\": 1, \"file\": \"/x\", \"saved\": \"2026-01-01T00:00:00Z\" }",
    "{ \"format\": \"stocktake-draft\", \"version\": 1, \"file\": \"/x\", \"saved\": \"yesterday\", \"report\": {} }",
  };

  g_assert_cmpint (g_mkdir_with_parents (fixture->drafts_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_true (g_file_set_contents (path, bad[i], -1, NULL));
      read = st_drafts_read (fixture->drafts, fixture->report_path, NULL, &error);
      g_assert_null (read);
      g_assert_nonnull (error);
      g_test_message ("draft %u: %s", i, error->message);
      g_clear_error (&error);
    }

  /* A checksum that is not text */
  g_assert_true (g_file_set_contents (path,
                                      "{ \"format\": \"stocktake-draft\", \"version\": 1, \"file\": \"/x\","
                                      " \"saved\": \"2026-01-01T00:00:00Z\", \"file-sha256\": 12, \"report\": {} }",
                                      -1, NULL));
  read = st_drafts_read (fixture->drafts, fixture->report_path, NULL, &error);
  g_assert_null (read);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "file-sha256"));
  g_clear_error (&error);

  /* A draft whose report is broken */
  g_assert_true (g_file_set_contents (path,
                                      "{ \"format\": \"stocktake-draft\", \"version\": 1, \"file\": \"/x\","
                                      " \"saved\": \"2026-01-01T00:00:00Z\", \"report\": { \"format\": \"nope\" } }",
                                      -1, NULL));
  read = st_drafts_read (fixture->drafts, fixture->report_path, NULL, &error);
  g_assert_null (read);
  g_assert_error (error, ST_ERROR, ST_ERROR_STRUCTURE);
}

/* A draft copied in from another file's name is not this file's draft */
static void
test_drafts_read_other_file (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) read = NULL;
  g_autofree char *other = g_build_filename (fixture->dir, "other.stocktake", NULL);
  g_autofree char *other_draft = st_drafts_get_path (fixture->drafts, other);
  g_autofree char *draft = st_drafts_get_path (fixture->drafts, fixture->report_path);

  g_assert_true (st_drafts_write (fixture->drafts, other, fixture->report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (other_draft, draft), ==, 0);

  read = st_drafts_read (fixture->drafts, fixture->report_path, NULL, &error);
  g_assert_null (read);
  g_assert_error (error, ST_ERROR, ST_ERROR_STRUCTURE);
}

static void
test_drafts_write_fails (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(StDrafts) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (fixture->dir, "blocker", NULL);
  g_autofree char *inside = g_build_filename (blocker, "drafts", NULL);

  /* A file where the folder should be */
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  drafts = st_drafts_new (inside);
  g_assert_false (st_drafts_write (drafts, fixture->report_path, fixture->report, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (st_drafts_has_draft (drafts, fixture->report_path));
}

static void
test_drafts_discard (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Nothing to discard is fine */
  g_assert_true (st_drafts_discard (fixture->drafts, fixture->report_path, &error));
  g_assert_no_error (error);

  g_assert_true (st_drafts_write (fixture->drafts, fixture->report_path, fixture->report, NULL, &error));
  g_assert_true (st_drafts_has_draft (fixture->drafts, fixture->report_path));
  g_assert_true (st_drafts_discard (fixture->drafts, fixture->report_path, &error));
  g_assert_no_error (error);
  g_assert_false (st_drafts_has_draft (fixture->drafts, fixture->report_path));
  /* The report is not a draft and stays */
  g_assert_true (g_file_test (fixture->report_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_drafts_list (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *second = g_build_filename (fixture->dir, "second.stocktake", NULL);
  g_autofree char *junk = g_build_filename (fixture->drafts_dir, "notes.txt", NULL);
  g_autofree char *broken = g_build_filename (fixture->drafts_dir, "broken.stocktake-draft", NULL);
  StDraftInfo *first_info, *second_info;

  /* No folder yet: no drafts, no error */
  list = st_drafts_list (fixture->drafts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (st_drafts_write (fixture->drafts, fixture->report_path, fixture->report, NULL, &error));
  g_usleep (2000);
  g_assert_true (st_drafts_write (fixture->drafts, second, fixture->report, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (junk, "not mine", -1, NULL));
  g_assert_true (g_file_set_contents (broken, "{", -1, NULL));

  list = st_drafts_list (fixture->drafts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);

  /* Newest first */
  first_info = g_ptr_array_index (list, 0);
  second_info = g_ptr_array_index (list, 1);
  g_assert_cmpstr (first_info->filename, ==, second);
  g_assert_cmpstr (second_info->filename, ==, fixture->report_path);
  g_assert_cmpint (g_date_time_compare (first_info->saved, second_info->saved), >, 0);

  /* What is not ours is left alone */
  g_assert_true (g_file_test (junk, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (broken, G_FILE_TEST_EXISTS));
}

static const StDraftChange *
change_at (GPtrArray *changes,
           guint      index)
{
  g_assert_cmpuint (index, <, changes->len);
  return g_ptr_array_index (changes, index);
}

static void
test_drafts_compare (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) saved = st_report_new_from_file (fixture->report_path, NULL, &error);
  g_autoptr(GPtrArray) changes = NULL;
  StSubmission *submission;
  const StDraftChange *change;
  GDate date;

  g_assert_no_error (error);

  /* The same report: nothing differs */
  changes = st_drafts_compare (saved, fixture->report);
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* An empty submission added is no change a user would see */
  st_report_ensure_submission (fixture->report, "AGO", "3");
  changes = st_drafts_compare (saved, fixture->report);
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&changes, g_ptr_array_unref);

  submission = st_report_lookup_submission (fixture->report, "CO", "1");
  st_submission_set_text (submission, "plans-2015", "A plan.");
  st_submission_set_text (submission, "progress-2014", NULL);
  submission = st_report_ensure_submission (fixture->report, "HMT", "15");
  st_submission_set_not_applicable (submission, "Not for HMT.");
  submission = st_report_ensure_submission (fixture->report, "AGO", "2");
  st_submission_set_status (submission, ST_STATUS_SUBMITTED);
  submission = st_report_ensure_submission (fixture->report, "DfE", "4");
  st_submission_add_comment (submission, st_comment_new ("c1", NULL, "Ann", "2026-11-21T10:00:00Z",
                                                         "Please add dates.", NULL, FALSE));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, G_DATE_JANUARY, 2015);
  st_report_set_updated (fixture->report, &date);

  changes = st_drafts_compare (saved, fixture->report);
  g_assert_cmpuint (changes->len, ==, 6);

  change = change_at (changes, 0);
  g_assert_cmpint (change->kind, ==, ST_DRAFT_CHANGE_REPORT);
  g_assert_null (change->respondent_id);

  /* Then in template order: AGO before CO before DfE before HMT */
  change = change_at (changes, 1);
  g_assert_cmpint (change->kind, ==, ST_DRAFT_CHANGE_STATUS);
  g_assert_cmpstr (change->respondent_id, ==, "AGO");
  g_assert_cmpstr (change->item_id, ==, "2");

  /* Sections in template order: progress-2014 comes before plans-2015 */
  change = change_at (changes, 2);
  g_assert_cmpint (change->kind, ==, ST_DRAFT_CHANGE_TEXT);
  g_assert_cmpstr (change->respondent_id, ==, "CO");
  g_assert_cmpstr (change->section_id, ==, "progress-2014");
  change = change_at (changes, 3);
  g_assert_cmpstr (change->section_id, ==, "plans-2015");

  change = change_at (changes, 4);
  g_assert_cmpint (change->kind, ==, ST_DRAFT_CHANGE_OTHER);
  g_assert_cmpstr (change->respondent_id, ==, "DfE");

  change = change_at (changes, 5);
  g_assert_cmpint (change->kind, ==, ST_DRAFT_CHANGE_NOT_APPLICABLE);
  g_assert_cmpstr (change->respondent_id, ==, "HMT");
  g_assert_cmpstr (change->item_id, ==, "15");
  g_assert_null (change->section_id);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* Compared the other way round, a submission the saved file has and
   * the draft lacks is a change too */
  st_report_remove_submission (saved, "CO", "1");
  changes = st_drafts_compare (fixture->report, saved);
  g_assert_cmpuint (changes->len, >=, 2);
}

static void
test_drafts_info_copy (void)
{
  StDraftInfo info = { .filename = (char *) "/a/b.stocktake", .path = (char *) "/d/x.stocktake-draft" };
  g_autoptr(StDraftInfo) copy = NULL;

  info.saved = g_date_time_new_now_utc ();
  copy = st_draft_info_copy (&info);
  g_assert_cmpstr (copy->filename, ==, info.filename);
  g_assert_cmpstr (copy->path, ==, info.path);
  g_assert_true (g_date_time_equal (copy->saved, info.saved));
  g_date_time_unref (info.saved);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/drafts/default-directory", test_drafts_default_directory);
  g_test_add_func ("/drafts/info-copy", test_drafts_info_copy);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/drafts/path", test_drafts_path);
  ADD ("/drafts/relative-path", test_drafts_relative_path);
  ADD ("/drafts/write-read", test_drafts_write_read);
  ADD ("/drafts/overwrite", test_drafts_overwrite);
  ADD ("/drafts/read-missing", test_drafts_read_missing);
  ADD ("/drafts/read-broken", test_drafts_read_broken);
  ADD ("/drafts/read-other-file", test_drafts_read_other_file);
  ADD ("/drafts/write-fails", test_drafts_write_fails);
  ADD ("/drafts/discard", test_drafts_discard);
  ADD ("/drafts/list", test_drafts_list);
  ADD ("/drafts/compare", test_drafts_compare);
#undef ADD

  return g_test_run ();
}
