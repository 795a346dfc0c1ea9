/* st-bench-editor.c: how quickly the editor answers, for bench/editor-speed
 *
 *   st-bench-editor [--switches N] [--keys N] REPORT
 *
 * Opens REPORT in the editor's own window and measures, in milliseconds:
 *
 *   - form switches: from asking for another department × action
 *     (st_window_show_submission(), as the sidebar, the overview and
 *     Ctrl+Page Down do) until the form is built ("switch"), and until the
 *     window has drawn a frame with it ("switch-frame"); each a different
 *     department and action, far apart in the sidebar;
 *   - the same stepping to the next submission (win.next-submission,
 *     Ctrl+Page Down: "next", "next-frame");
 *   - keystrokes: from a character typed into a section of the round being
 *     collected until everything it changes is up to date, which happens
 *     before the insertion returns: the report's text, the word count, the
 *     section's findings and state, the sidebar and the overview ("key"),
 *     and until the window has drawn a frame with it ("key-frame");
 *   - finding as one types: "digital" typed a letter at a time into the
 *     find entry (Ctrl+F), from each letter until the matches are found
 *     and listed ("find"), and until the window has drawn them
 *     ("find-frame"). The entry's own delay before it searches is left
 *     out.
 *
 * Before each measurement the main loop is left idle for a while, so that
 * the frame clock is free to draw at once. For each figure it prints the
 * median, the 95th percentile and the largest, in wall time and in this
 * thread's processor time ("-cpu"), which other work on the machine does
 * not lengthen; one figure a line, and the renderer that drew the
 * window:
 *
 *   open-ms 812.0
 *   renderer GskCairoRenderer
 *   switch-median-ms 9.1
 *   switch-p95-ms 12.4
 *   …
 *
 * A developer's tool that bench/editor-speed reads: its output is not
 * translated. Needs a display (run it under xvfb-run).
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "st-bench-app.h"
#include "st-search-panel.h"
#include "st-section-editor.h"
#include "st-submission-form.h"
#include "st-window.h"

#define EXIT_FAILED 1
#define EXIT_USAGE 2

/* How long a frame may take before the run counts as failed */
#define FRAME_TIMEOUT_US (5 * G_USEC_PER_SEC)

/* The middle value, or the mean of the two in the middle of an even
 * count: the nearest rank just above a half is the upper of those two */
static double
median (GArray *values)
{
  return (st_bench_rank (values, 0.5) + st_bench_rank (values, 0.5 + 0.5 / values->len)) / 2.0;
}

static void
add_ms (GArray *values,
        gint64  start,
        gint64  end)
{
  double ms = (end - start) / 1000.0;

  g_array_append_val (values, ms);
}

static void
print_figures (const char *name,
               GArray     *values)
{
  g_print ("%s-median-ms %.2f\n", name, median (values));
  g_print ("%s-p95-ms %.2f\n", name, st_bench_rank (values, 0.95));
  g_print ("%s-max-ms %.2f\n", name, st_bench_rank (values, 1.0));
}

/* Processor time of this thread, in µs: unlike the wall time, other work
 * on the machine does not lengthen it */
static gint64
cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

typedef struct {
  gint64 wall;
  gint64 cpu;
} Painted;

static void
on_after_paint (GdkFrameClock *clock,
                Painted       *painted)
{
  if (painted->wall == 0)
    {
      painted->wall = g_get_monotonic_time ();
      painted->cpu = cpu_time ();
    }
}

/* Runs the main loop until @window has drawn a frame; the wall time it
 * did, or 0 if it did not within FRAME_TIMEOUT_US, and the thread's
 * processor time then in @cpu */
static gint64
wait_for_frame (GtkWidget *window,
                gint64    *cpu)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  Painted painted = { 0, 0 };
  gint64 deadline = g_get_monotonic_time () + FRAME_TIMEOUT_US;
  gulong handler;

  if (clock == NULL)
    return 0;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  while (painted.wall == 0 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (200);
  g_signal_handler_disconnect (clock, handler);
  if (cpu != NULL)
    *cpu = painted.cpu;
  return painted.wall;
}

/* Runs the loop until nothing has come for @ms, or for at most ten times
 * as long, so that the next measurement starts with nothing pending and
 * the frame clock free. Work the window put off until after a frame (the
 * overview adds its columns so) is done by then, however slowly the
 * machine runs, under a profiler for instance. */
static void
settle (guint ms)
{
  gint64 quiet_since = g_get_monotonic_time ();
  gint64 until = quiet_since + 10 * ms * 1000;

  while (g_get_monotonic_time () < until &&
         g_get_monotonic_time () - quiet_since < ms * 1000)
    {
      if (g_main_context_iteration (NULL, FALSE))
        quiet_since = g_get_monotonic_time ();
      else
        g_usleep (1000);
    }
}

/* The times of one kind of measurement, in ms: until the call returned
 * and until the frame with its result was drawn, in wall and processor
 * time */
typedef struct {
  GArray *wall;
  GArray *frame;
  GArray *cpu;
  GArray *frame_cpu;
} Figures;

static void
figures_init (Figures *figures)
{
  figures->wall = g_array_new (FALSE, FALSE, sizeof (double));
  figures->frame = g_array_new (FALSE, FALSE, sizeof (double));
  figures->cpu = g_array_new (FALSE, FALSE, sizeof (double));
  figures->frame_cpu = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
figures_clear (Figures *figures)
{
  g_clear_pointer (&figures->wall, g_array_unref);
  g_clear_pointer (&figures->frame, g_array_unref);
  g_clear_pointer (&figures->cpu, g_array_unref);
  g_clear_pointer (&figures->frame_cpu, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Figures, figures_clear)

static void
figures_print (const char *name,
               Figures    *figures)
{
  g_autofree char *frame = g_strconcat (name, "-frame", NULL);
  g_autofree char *cpu = g_strconcat (name, "-cpu", NULL);
  g_autofree char *frame_cpu = g_strconcat (name, "-frame-cpu", NULL);

  print_figures (name, figures->wall);
  print_figures (frame, figures->frame);
  print_figures (cpu, figures->cpu);
  print_figures (frame_cpu, figures->frame_cpu);
}

/* When a measurement began, and when its call returned */
typedef struct {
  gint64 start;
  gint64 cpu_start;
  gint64 done;
  gint64 cpu_done;
} Mark;

static void
mark_start (Mark *mark)
{
  mark->start = g_get_monotonic_time ();
  mark->cpu_start = cpu_time ();
}

static void
mark_done (Mark *mark)
{
  mark->done = g_get_monotonic_time ();
  mark->cpu_done = cpu_time ();
}

/* Waits for @window's next frame and adds the times since @mark to
 * @figures; FALSE if no frame was drawn */
static gboolean
figures_add (Figures   *figures,
             GtkWidget *window,
             Mark      *mark)
{
  gint64 cpu_painted = 0;
  gint64 painted = wait_for_frame (window, &cpu_painted);

  if (painted == 0)
    return FALSE;
  add_ms (figures->wall, mark->start, mark->done);
  add_ms (figures->frame, mark->start, painted);
  add_ms (figures->cpu, mark->cpu_start, mark->cpu_done);
  add_ms (figures->frame_cpu, mark->cpu_start, cpu_painted);
  return TRUE;
}

/* The measured parts are functions of their own, so that a profiler can
 * be told to count only them, for instance with valgrind --tool=callgrind
 * --collect-atstart=no --toggle-collect=time_switch */

/* Shows another submission, as the sidebar and the overview do */
G_GNUC_NO_INLINE static gboolean
time_switch (StWindow   *window,
             const char *respondent_id,
             const char *item_id,
             Figures    *figures)
{
  Mark mark;

  mark_start (&mark);
  st_window_show_submission (window, respondent_id, item_id);
  mark_done (&mark);
  return figures_add (figures, GTK_WIDGET (window), &mark);
}

/* Steps to the next submission (Ctrl+Page Down) */
G_GNUC_NO_INLINE static gboolean
time_step (StWindow *window,
           Figures  *figures)
{
  Mark mark;

  mark_start (&mark);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-submission", NULL);
  mark_done (&mark);
  return figures_add (figures, GTK_WIDGET (window), &mark);
}

/* Types @key at the cursor */
G_GNUC_NO_INLINE static gboolean
time_key (StWindow      *window,
          GtkTextBuffer *buffer,
          const char    *key,
          Figures       *figures,
          gboolean      *inserted)
{
  Mark mark;

  mark_start (&mark);
  *inserted = gtk_text_buffer_insert_interactive_at_cursor (buffer, key, -1, TRUE);
  mark_done (&mark);
  return figures_add (figures, GTK_WIDGET (window), &mark);
}

/* Puts @typed in the find entry and searches at once, as the entry does
 * once typing pauses */
G_GNUC_NO_INLINE static gboolean
time_find (StWindow   *window,
           GtkWidget  *entry,
           const char *typed,
           Figures    *figures)
{
  Mark mark;

  mark_start (&mark);
  gtk_editable_set_text (GTK_EDITABLE (entry), typed);
  g_signal_emit_by_name (entry, "search-changed");
  mark_done (&mark);
  return figures_add (figures, GTK_WIDGET (window), &mark);
}

/* The first section of the round being collected for @item */
static const char *
current_section (StReport     *report,
                 const StItem *item)
{
  StTemplate *template = st_report_get_template (report);
  guint round = st_report_get_round (report);
  g_autoptr(GPtrArray) sections = st_template_item_sections (template, item, round);

  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (sections, i);

      if (section->round == round)
        return section->id;
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StApplication) application = NULL;
  g_autoptr(GFile) file = NULL;
  g_auto(Figures) switch_figures = { NULL };
  g_auto(Figures) next_figures = { NULL };
  g_auto(Figures) key_figures = { NULL };
  g_auto(Figures) find_figures = { NULL };
  int switches = 40;
  int keys = 60;
  int finds = 5;
  GOptionEntry entries[] = {
    { "switches", 0, 0, G_OPTION_ARG_INT, &switches, "Form switches to time (default 40)", "N" },
    { "keys", 0, 0, G_OPTION_ARG_INT, &keys, "Keystrokes to time (default 60)", "N" },
    { "finds", 0, 0, G_OPTION_ARG_INT, &finds, "Times to type the word to find (default 5)", "N" },
    { NULL }
  };
  StWindow *window;
  StReport *report;
  StTemplate *template;
  StSubmissionForm *form;
  StSectionEditor *editor;
  GtkTextBuffer *buffer;
  const StRespondent *respondent;
  const StItem *item;
  const char *section_id;
  guint n_respondents, n_items;
  gint64 start, painted;
  gboolean drawn, inserted;

  setlocale (LC_ALL, "");
  figures_init (&switch_figures);
  figures_init (&next_figures);
  figures_init (&key_figures);
  figures_init (&find_figures);
  if (!st_bench_parse_options ("st-bench-editor", "Times form switches and keystrokes in the editor.", entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || switches < 1 || keys < 1 || finds < 1)
    {
      g_printerr ("usage: st-bench-editor [--switches N] [--keys N] [--finds N] REPORT\n");
      return EXIT_USAGE;
    }
  /* Switching pages fades for a while; that is not the editor's work */
  if (!st_bench_init_display ("st-bench-editor"))
    return EXIT_USAGE;
  application = st_bench_application_new ("st-bench-editor");
  if (application == NULL)
    return EXIT_FAILED;

  file = g_file_new_for_commandline_arg (argv[1]);
  start = g_get_monotonic_time ();
  window = st_application_open_file (application, file, NULL);
  if (window == NULL)
    {
      g_printerr ("st-bench-editor: cannot open %s\n", argv[1]);
      return EXIT_FAILED;
    }
  painted = wait_for_frame (GTK_WIDGET (window), NULL);
  if (painted == 0)
    {
      g_printerr ("st-bench-editor: the window drew nothing\n");
      return EXIT_FAILED;
    }
  g_print ("open-ms %.1f\n", (painted - start) / 1000.0);
  g_print ("renderer %s\n", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  settle (500);

  report = st_window_get_report (window);
  template = st_report_get_template (report);
  form = st_window_get_form (window);
  n_respondents = st_template_get_n_respondents (template);
  n_items = st_template_get_n_items (template);

  /* Form switches: a different department and action each time, none
   * shown before, so no form is reused */
  for (int i = 0; i < switches; i++)
    {
      respondent = st_template_get_respondent (template, (guint) (i * 7) % n_respondents);
      item = st_template_get_item (template, (guint) (i * 11 + i / (int) n_respondents) % n_items);

      if (!time_switch (window, respondent->id, item->id, &switch_figures))
        {
          g_printerr ("st-bench-editor: no frame after showing %s, %s\n", respondent->id, item->id);
          return EXIT_FAILED;
        }
      if (g_strcmp0 (st_submission_form_get_respondent_id (form), respondent->id) != 0 ||
          g_strcmp0 (st_submission_form_get_item_id (form), item->id) != 0)
        {
          g_printerr ("st-bench-editor: the form does not show %s, %s\n", respondent->id, item->id);
          return EXIT_FAILED;
        }
      settle (60);
    }

  /* Stepping to the next submission (Ctrl+Page Down), as someone going
   * through the returns does: the sidebar moves a row at a time */
  st_window_show_submission (window, st_template_get_respondent (template, 0)->id,
                             st_template_get_item (template, 0)->id);
  settle (200);
  for (int i = 0; i < switches; i++)
    {
      const char *before = st_submission_form_get_respondent_id (form);
      g_autofree char *was = g_strconcat (before, "\x1f", st_submission_form_get_item_id (form), NULL);
      g_autofree char *now = NULL;

      drawn = time_step (window, &next_figures);
      now = g_strconcat (st_submission_form_get_respondent_id (form), "\x1f",
                         st_submission_form_get_item_id (form), NULL);
      if (g_str_equal (was, now) || !drawn)
        {
          g_printerr ("st-bench-editor: the next submission was not shown\n");
          return EXIT_FAILED;
        }
      settle (60);
    }

  /* Keystrokes: at the end of a section of the round being collected,
   * words and spaces so that the word count changes too */
  /* The first from the middle of the report whose text can be changed:
   * returns submitted or approved are not the central team's to edit */
  editor = NULL;
  respondent = NULL;
  item = NULL;
  section_id = NULL;
  for (guint k = 0; k < n_respondents * n_items && editor == NULL; k++)
    {
      guint at = (n_respondents / 2 * n_items + n_items / 2 + k) % (n_respondents * n_items);

      respondent = st_template_get_respondent (template, at / n_items);
      item = st_template_get_item (template, at % n_items);
      section_id = current_section (report, item);
      if (section_id == NULL)
        continue;
      st_window_show_submission (window, respondent->id, item->id);
      editor = st_submission_form_get_editor (form, section_id);
      if (editor != NULL && !gtk_text_view_get_editable (st_section_editor_get_text_view (editor)))
        editor = NULL;
    }
  if (editor == NULL)
    {
      g_printerr ("st-bench-editor: no section in the report can be typed in\n");
      return EXIT_FAILED;
    }
  buffer = st_section_editor_get_buffer (editor);
  gtk_widget_grab_focus (GTK_WIDGET (st_section_editor_get_text_view (editor)));
  settle (500);

  for (int i = 0; i < keys; i++)
    {
      const char *key = i % 5 == 4 ? " " : "a";
      StSubmission *submission;
      GtkTextIter end;
      guint words_before = st_section_editor_get_word_count (editor);
      gsize length_before;

      submission = st_report_lookup_submission (report, respondent->id, item->id);
      length_before = submission != NULL ? strlen (st_submission_get_text (submission, section_id) ?: "") : 0;
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_place_cursor (buffer, &end);

      drawn = time_key (window, buffer, key, &key_figures, &inserted);
      if (!inserted)
        {
          g_printerr ("st-bench-editor: the section does not take text\n");
          return EXIT_FAILED;
        }

      /* The report has the character, and a new word counts at once */
      submission = st_report_lookup_submission (report, respondent->id, item->id);
      if (submission == NULL ||
          strlen (st_submission_get_text (submission, section_id) ?: "") != length_before + 1)
        {
          g_printerr ("st-bench-editor: the keystroke did not reach the report\n");
          return EXIT_FAILED;
        }
      if (i > 0 && i % 5 == 0 && st_section_editor_get_word_count (editor) != words_before + 1)
        {
          g_printerr ("st-bench-editor: the word count did not follow the typing\n");
          return EXIT_FAILED;
        }
      if (!drawn)
        {
          g_printerr ("st-bench-editor: no frame after a keystroke\n");
          return EXIT_FAILED;
        }
      settle (40);
    }

  /* Finding as one types, from the find page */
  {
    static const char word[] = "digital";
    StSearchPanel *panel;
    GtkWidget *entry;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
    panel = st_window_get_search_panel (window);
    st_search_panel_focus (panel, "");
    settle (500);
    entry = gtk_root_get_focus (GTK_ROOT (window));
    entry = entry != NULL ? gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_ENTRY) : NULL;
    if (entry == NULL)
      {
        g_printerr ("st-bench-editor: Ctrl+F did not put the keyboard in the find entry\n");
        return EXIT_FAILED;
      }

    for (int i = 0; i < finds; i++)
      for (gsize n = 1; n <= strlen (word); n++)
        {
          g_autofree char *typed = g_strndup (word, n);

          settle (n == 1 ? 300 : 60);
          drawn = time_find (window, entry, typed, &find_figures);
          if (g_strcmp0 (st_search_panel_get_query (panel), typed) != 0 ||
              g_list_model_get_n_items (st_search_panel_get_matches (panel)) == 0)
            {
              g_printerr ("st-bench-editor: nothing found for “%s”\n", typed);
              return EXIT_FAILED;
            }
          if (!drawn)
            {
              g_printerr ("st-bench-editor: no frame after typing in the find entry\n");
              return EXIT_FAILED;
            }
        }
  }

  g_print ("switches %d\n", switches);
  figures_print ("switch", &switch_figures);
  figures_print ("next", &next_figures);
  g_print ("keys %d\n", keys);
  figures_print ("key", &key_figures);
  g_print ("finds %d\n", finds);
  figures_print ("find", &find_figures);

  /* Nothing is saved: the typing stays out of the report on disk */
  gtk_window_destroy (GTK_WINDOW (window));
  return EXIT_SUCCESS;
}
