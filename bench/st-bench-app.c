/* st-bench-app.c: what the benchmarks of the editor's window share
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "st-bench-app.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
st_bench_rank (GArray *values,
               double  fraction)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint rank;

  g_return_val_if_fail (values->len > 0, 0);

  g_array_sort (sorted, compare_doubles);
  rank = (guint) ceil (fraction * sorted->len);
  rank = CLAMP (rank, 1, sorted->len);
  return g_array_index (sorted, double, rank - 1);
}

gboolean
st_bench_parse_options (const char         *program,
                        const char         *summary,
                        const GOptionEntry *entries,
                        int                *argc,
                        char             ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("REPORT");
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s: %s\n", program, error->message);
      return FALSE;
    }
  return TRUE;
}

void
st_bench_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

gboolean
st_bench_init_display (const char *program)
{
  if (!gtk_init_check ())
    {
      g_printerr ("%s: cannot open the display; run it under xvfb-run\n", program);
      return FALSE;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return TRUE;
}

StApplication *
st_bench_application_new (const char *program)
{
  g_autoptr(StApplication) application = st_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application)) | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    {
      g_printerr ("%s: %s\n", program, error->message);
      return NULL;
    }
  return g_steal_pointer (&application);
}
