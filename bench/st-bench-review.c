/* st-bench-review.c: how quickly the review queue follows approvals
 *
 *   st-bench-review [--approvals N] REPORT
 *
 * Opens REPORT in the editor's own window with every submission marked
 * submitted (each with a time in its history, so that the queue sorts
 * them), as the central team sees it when every department has sent its
 * return, and measures, in milliseconds:
 *
 *   - the review queue listing them all when it is first shown
 *     ("queue-show");
 *   - approvals with the queue on screen, from asking
 *     (st_window_set_status(), as Ctrl+Shift+A does) until the report, the
 *     queue and every other view are up to date ("approve"), and the same
 *     with the overview on screen instead ("approve-overview"), which
 *     tells the queue's own part from the rest.
 *
 * For each series it prints the median and the 95th percentile, one
 * figure a line:
 *
 *   queue-show-ms 12.0
 *   approve-median-ms 52.1
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
#include "st-review-queue.h"
#include "st-window.h"

#define EXIT_FAILED 1
#define EXIT_USAGE 2

/* Approves the first @n returns in the queue, timing each */
static gboolean
approve (StWindow *window,
         guint     n,
         GArray   *times)
{
  StReviewQueue *queue = st_window_get_review_queue (window);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *respondent = NULL;
      g_autofree char *item = NULL;
      const char *respondent_id, *item_id;
      gint64 start;
      double ms;

      /* The first return validation lets through: one with errors stays */
      for (guint row = 0;; row++)
        {
          if (!st_review_queue_get_row (queue, row, &respondent_id, &item_id))
            {
              g_printerr ("st-bench-review: too few returns without errors to approve\n");
              return FALSE;
            }
          if (st_workflow_can_set_status (st_window_get_workflow (window), respondent_id, item_id,
                                          ST_STATUS_APPROVED, NULL))
            break;
        }
      respondent = g_strdup (respondent_id);
      item = g_strdup (item_id);
      start = g_get_monotonic_time ();
      if (!st_window_set_status (window, respondent, item, ST_STATUS_APPROVED, NULL, &error))
        {
          g_printerr ("st-bench-review: %s\n", error->message);
          return FALSE;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      st_bench_drain ();
    }
  return TRUE;
}

static void
print_series (const char *name,
              GArray     *times)
{
  g_print ("%s-median-ms %.1f\n", name, st_bench_rank (times, 0.5));
  g_print ("%s-p95-ms %.1f\n", name, st_bench_rank (times, 0.95));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StApplication) application = NULL;
  g_autoptr(StReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) shown_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hidden_times = g_array_new (FALSE, FALSE, sizeof (double));
  int approvals = 30;
  GOptionEntry entries[] = {
    { "approvals", 0, 0, G_OPTION_ARG_INT, &approvals, "Approvals to time in each series (default 30)", "N" },
    { NULL }
  };
  StReviewQueue *queue;
  StWindow *window;
  gint64 start;
  guint n;

  setlocale (LC_ALL, "");
  if (!st_bench_parse_options ("st-bench-review", "Times the review queue as returns are approved.", entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || approvals < 1)
    {
      g_printerr ("usage: st-bench-review [--approvals N] REPORT\n");
      return EXIT_USAGE;
    }
  if (!st_bench_init_display ("st-bench-review"))
    return EXIT_USAGE;

  report = st_report_new_from_file (argv[1], NULL, &error);
  if (report == NULL)
    {
      g_printerr ("st-bench-review: %s: %s\n", argv[1], error->message);
      return EXIT_FAILED;
    }
  /* Every return in, one a minute */
  n = st_report_get_n_submissions (report);
  for (guint i = 0; i < n; i++)
    {
      StSubmission *submission = st_report_get_submission (report, i);
      g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 11, 1, 9, 0, 0);
      g_autoptr(GDateTime) when = g_date_time_add_minutes (base, (int) i);
      g_autofree char *time = g_date_time_format_iso8601 (when);

      st_submission_set_status (submission, ST_STATUS_SUBMITTED);
      st_submission_add_history (submission, st_history_entry_new ("Bench", time, NULL, "status",
                                                                   "draft", "submitted"));
    }

  application = st_bench_application_new ("st-bench-review");
  if (application == NULL)
    return EXIT_FAILED;
  window = st_window_new (application);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_commandline_arg (argv[1]);
  st_window_set_report (window, report, file, NULL);
  st_bench_drain ();
  queue = st_window_get_review_queue (window);

  /* Out of sight, the queue lists nothing until it is shown */
  start = g_get_monotonic_time ();
  st_window_show_review_queue (window);
  g_print ("queue-returns %u\n", st_review_queue_get_n_waiting (queue));
  g_print ("queue-show-ms %.1f\n", (g_get_monotonic_time () - start) / 1000.0);
  st_bench_drain ();

  if (!approve (window, (guint) approvals, shown_times))
    return EXIT_FAILED;
  st_window_show_overview (window);
  st_bench_drain ();
  if (!approve (window, (guint) approvals, hidden_times))
    return EXIT_FAILED;

  print_series ("approve", shown_times);
  print_series ("approve-overview", hidden_times);
  gtk_window_destroy (GTK_WINDOW (window));
  st_bench_drain ();
  return EXIT_SUCCESS;
}
