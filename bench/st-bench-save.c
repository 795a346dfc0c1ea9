/* st-bench-save.c: times loading and saving a report, for bench/run
 *
 * Loads REPORT and saves it to OUTPUT, RUNS times each, and prints the median
 * and the fastest time of each in milliseconds, one figure a line:
 *
 *   load-ms 123.4
 *   load-min-ms 120.1
 *   save-ms 45.6
 *   save-min-ms 44.9
 *
 * It then loads OUTPUT back and checks that it saves to the same bytes, so a
 * save that loses anything cannot pass for a fast one.
 *
 * A developer's tool that bench/run reads: its output is not translated.
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "stocktake-core.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  if (n % 2 == 1)
    return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

static StReport *
load (const char *filename)
{
  StErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  StReport *report;

  report = st_report_new_from_file (filename, &location, &error);
  if (report == NULL)
    {
      message = st_error_location_format (&location, filename, "error", error->message);
      g_printerr ("%s\n", message);
    }
  st_error_location_clear (&location);
  return report;
}

/* Whether two files hold the same bytes; @length is the first one's size */
static gboolean
same_contents (const char  *a,
               const char  *b,
               gsize       *length,
               GError     **error)
{
  g_autoptr(GFile) file_a = g_file_new_for_path (a);
  g_autoptr(GFile) file_b = g_file_new_for_path (b);
  g_autoptr(GFileInputStream) in_a = g_file_read (file_a, NULL, error);
  g_autoptr(GFileInputStream) in_b = in_a != NULL ? g_file_read (file_b, NULL, error) : NULL;
  static char buf_a[65536], buf_b[65536];

  *length = 0;
  if (in_b == NULL)
    return FALSE;
  for (;;)
    {
      gsize got_a, got_b;

      if (!g_input_stream_read_all (G_INPUT_STREAM (in_a), buf_a, sizeof buf_a, &got_a, NULL, error) ||
          !g_input_stream_read_all (G_INPUT_STREAM (in_b), buf_b, sizeof buf_b, &got_b, NULL, error))
        return FALSE;
      *length += got_a;
      if (got_a != got_b || memcmp (buf_a, buf_b, got_a) != 0)
        return FALSE;
      if (got_a == 0)
        return TRUE;
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StReport) reloaded = NULL;
  g_autofree double *load_ms = NULL;
  g_autofree double *save_ms = NULL;
  g_autofree char *again = NULL;
  gsize saved_length = 0;
  gboolean same;
  int runs = 5;
  const char *input;
  const char *output;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "How many times to load and to save (default 5)", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("REPORT OUTPUT");
  g_option_context_set_summary (context, "Time loading REPORT and saving it to OUTPUT.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("st-bench-save: error: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (argc != 3 || runs < 1)
    {
      g_printerr ("st-bench-save: error: give a report, a file to save to and at least one run\n");
      return EXIT_USAGE;
    }
  input = argv[1];
  output = argv[2];
  if (g_str_equal (input, output))
    {
      g_printerr ("st-bench-save: error: the output must not be the report itself\n");
      return EXIT_USAGE;
    }

  load_ms = g_new (double, runs);
  save_ms = g_new (double, runs);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(StReport) report = NULL;
      gint64 start;

      start = g_get_monotonic_time ();
      report = load (input);
      load_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (report == NULL)
        return EXIT_INPUT;

      start = g_get_monotonic_time ();
      if (!st_report_save_to_file (report, output, &error))
        {
          g_printerr ("%s: error: %s\n", output, error->message);
          return EXIT_USAGE;
        }
      save_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  /* The round trip: what was saved loads, and saves to the same bytes.
   * The two files are compared a piece at a time, so that the check does
   * not add two copies of the report to the peak memory measured. */
  reloaded = load (output);
  if (reloaded == NULL)
    return EXIT_INPUT;
  again = g_strconcat (output, ".again", NULL);
  if (!st_report_save_to_file (reloaded, again, &error))
    {
      g_printerr ("%s: error: %s\n", again, error->message);
      return EXIT_USAGE;
    }
  same = same_contents (output, again, &saved_length, &error);
  g_remove (again);
  if (error != NULL)
    {
      g_printerr ("st-bench-save: error: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (!same)
    {
      g_printerr ("%s: error: the saved report does not save to the same bytes when loaded again\n",
                  output);
      return EXIT_INPUT;
    }

  g_print ("load-ms %.1f\n", median (load_ms, runs));
  g_print ("load-min-ms %.1f\n", load_ms[0]);
  g_print ("save-ms %.1f\n", median (save_ms, runs));
  g_print ("save-min-ms %.1f\n", save_ms[0]);
  g_print ("bytes %" G_GSIZE_FORMAT "\n", saved_length);
  return EXIT_SUCCESS;
}
