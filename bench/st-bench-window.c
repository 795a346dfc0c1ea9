/* st-bench-window.c: how long a program takes to show its first window
 *
 *   st-bench-window [--runs N] [--timeout SECONDS] -- PROGRAM [ARGUMENT…]
 *
 * Starts PROGRAM RUNS times on the X display in $DISPLAY, which should have
 * nothing else on it (an Xvfb of its own), and times each run from the
 * moment before it is started to
 *
 *   - the first top-level window it maps, and
 *   - the first drawing into that window (a DAMAGE report: the first frame).
 *
 * The program is then sent SIGTERM and waited for before the next run. For
 * each run it prints one line, then the medians:
 *
 *   run 1 mapped-ms 301.2 drawn-ms 318.9
 *   …
 *   mapped-ms 298.0
 *   drawn-ms 315.4
 *
 * Any program is timed the same way, so Stocktake and another editor can be
 * compared like for like. A developer's tool that bench/editor-speed reads:
 * its output is not translated.
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>

#define EXIT_FAILED 1
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
median (GArray *values)
{
  double *v = (double *) values->data;
  guint n = values->len;

  qsort (v, n, sizeof (double), compare_doubles);
  if (n % 2 == 1)
    return v[n / 2];
  return (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* Waits for the next event until @deadline (monotonic µs); FALSE on time out */
static gboolean
next_event (Display *display,
            gint64   deadline,
            XEvent  *event)
{
  while (XPending (display) == 0)
    {
      struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0)
        return FALSE;
      if (poll (&fd, 1, (int) MAX (left / 1000, 1)) < 0 && errno != EINTR)
        return FALSE;
    }
  XNextEvent (display, event);
  return TRUE;
}

static void
stop (pid_t pid)
{
  int status;

  kill (pid, SIGTERM);
  for (int i = 0; i < 100; i++)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        return;
      g_usleep (50000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
}

/* One run: FALSE if no window was drawn before the time out */
static gboolean
time_run (Display  *display,
          int       damage_event,
          char    **argv,
          double    timeout,
          double   *mapped_ms,
          double   *drawn_ms)
{
  Window root = DefaultRootWindow (display);
  Window window = None;
  Damage damage = None;
  gint64 start, deadline;
  unsigned long after = 0;      /* the first request whose damage counts */
  gboolean drawn = FALSE;
  XEvent event;
  pid_t pid;

  XSelectInput (display, root, SubstructureNotifyMask);
  XSync (display, True);

  start = g_get_monotonic_time ();
  deadline = start + (gint64) (timeout * G_USEC_PER_SEC);
  pid = fork ();
  if (pid < 0)
    {
      g_printerr ("st-bench-window: cannot start %s: %s\n", argv[0], g_strerror (errno));
      return FALSE;
    }
  if (pid == 0)
    {
      execvp (argv[0], argv);
      g_printerr ("st-bench-window: cannot run %s: %s\n", argv[0], g_strerror (errno));
      _exit (127);
    }

  while (!drawn && next_event (display, deadline, &event))
    {
      if (event.type == MapNotify && window == None &&
          event.xmap.event == root && !event.xmap.override_redirect)
        {
          window = event.xmap.window;
          *mapped_ms = (g_get_monotonic_time () - start) / 1000.0;
          /* A new damage object reports the whole window at once, and
           * mapping paints its background: neither is the program
           * drawing, so what was reported until now is dropped */
          damage = XDamageCreate (display, window, XDamageReportNonEmpty);
          XSync (display, False);
          after = NextRequest (display);
          XDamageSubtract (display, damage, None, None);
          XFlush (display);
        }
      else if (event.type == damage_event + XDamageNotify &&
               ((XDamageNotifyEvent *) &event)->drawable == window &&
               event.xany.serial >= after)
        {
          *drawn_ms = (g_get_monotonic_time () - start) / 1000.0;
          drawn = TRUE;
        }
    }

  if (damage != None)
    XDamageDestroy (display, damage);
  XSelectInput (display, root, NoEventMask);
  XSync (display, True);
  stop (pid);
  return drawn;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) mapped = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (double));
  int runs = 5;
  double timeout = 20;
  int damage_event, damage_error;
  Display *display;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed runs (default 5)", "N" },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout, "Seconds to wait for a window (default 20)", "SECONDS" },
    { NULL }
  };

  context = g_option_context_new ("-- PROGRAM [ARGUMENT…]");
  g_option_context_set_summary (context, "Times how long PROGRAM takes to map and draw its first window.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("st-bench-window: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (argc > 1 && g_str_equal (argv[1], "--"))
    {
      argv++;
      argc--;
    }
  if (argc < 2 || runs < 1 || timeout <= 0)
    {
      g_printerr ("usage: st-bench-window [--runs N] [--timeout SECONDS] -- PROGRAM [ARGUMENT…]\n");
      return EXIT_USAGE;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      g_printerr ("st-bench-window: cannot open the display; run it under xvfb-run\n");
      return EXIT_USAGE;
    }
  if (!XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      g_printerr ("st-bench-window: the display has no DAMAGE extension\n");
      XCloseDisplay (display);
      return EXIT_FAILED;
    }

  for (int i = 0; i < runs; i++)
    {
      double mapped_ms = 0, drawn_ms = 0;

      if (!time_run (display, damage_event, argv + 1, timeout, &mapped_ms, &drawn_ms))
        {
          g_printerr ("st-bench-window: %s showed no window within %g s\n", argv[1], timeout);
          XCloseDisplay (display);
          return EXIT_FAILED;
        }
      g_print ("run %d mapped-ms %.1f drawn-ms %.1f\n", i + 1, mapped_ms, drawn_ms);
      g_array_append_val (mapped, mapped_ms);
      g_array_append_val (drawn, drawn_ms);
    }

  g_print ("mapped-ms %.1f\n", median (mapped));
  g_print ("drawn-ms %.1f\n", median (drawn));
  XCloseDisplay (display);
  return EXIT_SUCCESS;
}
