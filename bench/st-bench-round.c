/* st-bench-round.c: how long starting a new round holds up the editor's
 * window, and whether the window says it is busy first
 *
 *   st-bench-round [--runs N] REPORT
 *
 * Opens REPORT in the editor's own window, with the overview shown,
 * confirms Start New Round as the dialog does, and measures, in
 * milliseconds, from the confirmation until every view is up to date and
 * the window idle ("round"), and the longest the main loop was held up
 * in one go meanwhile ("pause"): the time the window cannot answer. It
 * also checks that the window shows the busy pointer before that pause
 * ("busy-first" 1 or 0). Each run starts again from REPORT as loaded.
 *
 * It prints the median and the slowest run of each series, one figure a
 * line:
 *
 *   round-median-ms 450.1
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

/* The dialog @window shows, or NULL */
static AdwMessageDialog *
find_dialog (StWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StApplication) application = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) round_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pause_times = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean busy_first = TRUE;
  int runs = 5;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "New rounds to time (default 5)", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  if (!st_bench_parse_options ("st-bench-round", "Times starting a new round in the editor's window.", entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || runs < 1)
    {
      g_printerr ("usage: st-bench-round [--runs N] REPORT\n");
      return EXIT_USAGE;
    }
  if (!st_bench_init_display ("st-bench-round"))
    return EXIT_USAGE;
  application = st_bench_application_new ("st-bench-round");
  if (application == NULL)
    return EXIT_FAILED;
  file = g_file_new_for_commandline_arg (argv[1]);

  for (int run = 0; run < runs; run++)
    {
      g_autoptr(StReport) report = NULL;
      AdwMessageDialog *dialog;
      StWindow *window;
      guint round;
      gint64 start, longest = 0;
      double ms;

      report = st_report_new_from_file (argv[1], NULL, &error);
      if (report == NULL)
        {
          g_printerr ("st-bench-round: %s: %s\n", argv[1], error->message);
          return EXIT_FAILED;
        }
      round = st_report_get_round (report);

      window = st_window_new (application);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_present (GTK_WINDOW (window));
      st_window_set_report (window, report, file, NULL);
      st_bench_drain ();

      gtk_widget_activate_action (GTK_WIDGET (window), "win.start-new-round", NULL);
      st_bench_drain ();
      dialog = find_dialog (window);
      if (dialog == NULL)
        {
          g_printerr ("st-bench-round: %s: no new round was offered\n", argv[1]);
          return EXIT_FAILED;
        }

      /* Confirming is a step of its own, which may hold the window up */
      start = g_get_monotonic_time ();
      g_object_ref (dialog);
      adw_message_dialog_response (dialog, "start");
      gtk_window_close (GTK_WINDOW (dialog));
      g_object_unref (dialog);
      longest = g_get_monotonic_time () - start;
      busy_first = busy_first && longest < 50 * G_TIME_SPAN_MILLISECOND;
      /* Until the round is made and the window has nothing left to do */
      for (;;)
        {
          gint64 before = g_get_monotonic_time ();
          gboolean busy = st_window_get_busy (window);
          gboolean more = g_main_context_iteration (NULL, FALSE);
          gint64 took = g_get_monotonic_time () - before;

          if (took > longest)
            {
              longest = took;
              busy_first = busy_first && busy;
            }
          if (!more && !st_window_get_busy (window) &&
              st_report_get_round (st_window_get_report (window)) == round + 1)
            break;
          if (!more)
            g_main_context_iteration (NULL, TRUE);
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (round_times, ms);
      ms = longest / 1000.0;
      g_array_append_val (pause_times, ms);

      st_window_set_report (window, NULL, NULL, NULL);
      gtk_window_destroy (GTK_WINDOW (window));
      st_bench_drain ();
    }

  g_print ("round-median-ms %.1f\n", st_bench_rank (round_times, 0.5));
  g_print ("round-max-ms %.1f\n", st_bench_rank (round_times, 1.0));
  g_print ("pause-median-ms %.1f\n", st_bench_rank (pause_times, 0.5));
  g_print ("pause-max-ms %.1f\n", st_bench_rank (pause_times, 1.0));
  g_print ("busy-first %d\n", busy_first ? 1 : 0);
  return EXIT_SUCCESS;
}
