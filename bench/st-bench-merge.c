/* st-bench-merge.c: how long merging a department's pack holds up the
 * editor's window
 *
 *   st-bench-merge [--runs N] [--department ABBR] REPORT
 *
 * Makes the department's pack from REPORT (the first department unless
 * --department names one), changes every section text it has (but on
 * the pages already published), as a
 * department sending back a year's work would, and saves the pack with
 * its history. Then, in the editor's own window with REPORT open and the
 * department's first return in the form, it merges the pack as
 * File → Merge Packs… does (st_window_apply_merge()) and measures, in
 * milliseconds, from applying until every view is up to date and the
 * window idle ("apply"); and, for comparison, st_merge_apply() on the
 * report with no window at all ("core"). Each run starts again from
 * REPORT as loaded.
 *
 * It prints the number of changes, then the median and the slowest run
 * of each series, one figure a line:
 *
 *   merge-changes 571
 *   apply-median-ms 120.5
 *   …
 *
 * A developer's tool: its output is not translated. Needs a display (run
 * it under xvfb-run).
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "st-bench-app.h"
#include "st-window.h"

#define EXIT_FAILED 1
#define EXIT_USAGE 2

/* The department's pack of @report with every section it has written
 * changed and saved; @report records the issue */
static StReport *
make_changed_pack (StReport    *report,
                   const char  *respondent_id,
                   GError     **error)
{
  g_autoptr(StReport) issued = NULL;
  g_autoptr(StReport) pack = NULL;
  g_autoptr(StHistory) history = NULL;
  g_autofree char *data = NULL;

  issued = st_pack_new (report, respondent_id, "bench.stocktake", error);
  if (issued == NULL)
    return NULL;
  /* Through the file format, as a pack travels */
  data = st_report_to_data (issued, NULL);
  pack = st_report_new_from_data (data, -1, NULL, error);
  if (pack == NULL)
    return NULL;

  history = st_history_new (pack);
  for (guint i = 0; i < st_report_get_n_submissions (pack); i++)
    {
      StSubmission *submission = st_report_get_submission (pack, i);
      g_autoptr(GPtrArray) ids = st_submission_list_sections (submission);

      /* Published pages are not the department's to change */
      if (st_submission_get_status (submission) == ST_STATUS_PUBLISHED)
        continue;
      for (guint j = 0; j < ids->len; j++)
        {
          const char *id = g_ptr_array_index (ids, j);
          g_autofree char *text = g_strconcat (st_submission_get_text (submission, id),
                                               " This was brought up to date for the merge.", NULL);

          st_submission_set_text (submission, id, text);
        }
    }
  st_history_record (history, "Bench Department");
  return g_steal_pointer (&pack);
}

/* A prepared merge of @pack into @report, checked */
static StMerge *
prepare (StReport    *report,
         StReport    *pack,
         guint       *n_changes,
         GError     **error)
{
  g_autoptr(StMerge) merge = st_merge_new (report, pack);

  if (!st_merge_check (merge, error))
    return NULL;
  if (st_merge_get_conflicts (merge)->len > 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_CONFLICT, "the pack has conflicts");
      return NULL;
    }
  *n_changes = st_merge_get_changes (merge)->len;
  return g_steal_pointer (&merge);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StApplication) application = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) apply_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) core_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *department = NULL;
  int runs = 5;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Merges to time in each series (default 5)", "N" },
    { "department", 0, 0, G_OPTION_ARG_STRING, &department, "The department whose pack is merged", "ABBR" },
    { NULL }
  };
  guint n_changes = 0;

  setlocale (LC_ALL, "");
  if (!st_bench_parse_options ("st-bench-merge", "Times merging a department's pack in the editor's window.", entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || runs < 1)
    {
      g_printerr ("usage: st-bench-merge [--runs N] [--department ABBR] REPORT\n");
      return EXIT_USAGE;
    }
  if (!st_bench_init_display ("st-bench-merge"))
    return EXIT_USAGE;
  application = st_bench_application_new ("st-bench-merge");
  if (application == NULL)
    return EXIT_FAILED;
  file = g_file_new_for_commandline_arg (argv[1]);

  for (int run = 0; run < runs; run++)
    {
      g_autoptr(StReport) report = NULL;
      g_autoptr(StReport) pack = NULL;
      g_autoptr(StMerge) merge = NULL;
      g_autoptr(StReport) bare = NULL;
      g_autoptr(StReport) bare_pack = NULL;
      g_autoptr(StMerge) bare_merge = NULL;
      const char *respondent_id;
      StWindow *window;
      gint64 start;
      double ms;

      report = st_report_new_from_file (argv[1], NULL, &error);
      if (report == NULL)
        {
          g_printerr ("st-bench-merge: %s: %s\n", argv[1], error->message);
          return EXIT_FAILED;
        }
      respondent_id = department != NULL ? department
                                         : st_template_get_respondent (st_report_get_template (report), 0)->id;
      pack = make_changed_pack (report, respondent_id, &error);
      merge = pack != NULL ? prepare (report, pack, &n_changes, &error) : NULL;
      if (merge == NULL)
        {
          g_printerr ("st-bench-merge: %s\n", error->message);
          return EXIT_FAILED;
        }

      /* The window as the central team has it: the report open, the
       * department's first return in the form */
      window = st_window_new (application);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_present (GTK_WINDOW (window));
      st_window_set_report (window, report, file, NULL);
      st_bench_drain ();
      st_window_show_submission (window, respondent_id,
                                 st_template_get_item (st_report_get_template (report), 0)->id);
      st_bench_drain ();

      start = g_get_monotonic_time ();
      if (!st_window_apply_merge (window, merge, &error))
        {
          g_printerr ("st-bench-merge: %s\n", error->message);
          return EXIT_FAILED;
        }
      st_bench_drain ();
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (apply_times, ms);

      st_window_set_report (window, NULL, NULL, NULL);
      gtk_window_destroy (GTK_WINDOW (window));
      st_bench_drain ();

      /* The same merge with no window watching */
      bare = st_report_new_from_file (argv[1], NULL, &error);
      bare_pack = bare != NULL ? make_changed_pack (bare, respondent_id, &error) : NULL;
      bare_merge = bare_pack != NULL ? prepare (bare, bare_pack, &n_changes, &error) : NULL;
      if (bare_merge == NULL)
        {
          g_printerr ("st-bench-merge: %s\n", error->message);
          return EXIT_FAILED;
        }
      start = g_get_monotonic_time ();
      if (!st_merge_apply (bare_merge, "Bench Reviewer", &error))
        {
          g_printerr ("st-bench-merge: %s\n", error->message);
          return EXIT_FAILED;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (core_times, ms);
    }

  g_print ("merge-changes %u\n", n_changes);
  g_print ("apply-median-ms %.1f\n", st_bench_rank (apply_times, 0.5));
  g_print ("apply-max-ms %.1f\n", st_bench_rank (apply_times, 1.0));
  g_print ("core-median-ms %.1f\n", st_bench_rank (core_times, 0.5));
  g_print ("core-max-ms %.1f\n", st_bench_rank (core_times, 1.0));
  return EXIT_SUCCESS;
}
