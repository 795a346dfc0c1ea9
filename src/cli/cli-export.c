/* cli-export.c: stocktake-cli export
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "st-export.h"

/* Prints "FILE: SEVERITY: message" */
static void
report_problem (const char *filename,
                const char *severity,
                const char *message)
{
  g_autofree char *line = st_error_location_format (NULL, filename, severity, message);

  g_printerr ("%s\n", line);
}

/* Once the pages are written: every approved submission becomes published,
 * as the central team's export for publication makes it, and the report
 * is saved in place */
static int
mark_published (StReport   *report,
                const char *filename,
                const char *author)
{
  g_autoptr(StWorkflow) workflow = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  g_autofree char *name = author != NULL ? g_strdup (author) : st_history_default_author ();
  guint n;

  workflow = st_workflow_new (report, ST_ROLE_REVIEWER, NULL, name);
  n = st_workflow_publish_approved (workflow, &error);
  if (error != NULL)
    {
      report_problem (filename, "error", error->message);
      return CLI_EXIT_INPUT;
    }
  if (n > 0 && !st_report_save_to_file (report, filename, &error))
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_USAGE;
    }

  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u return is now published",
                                       "%u returns are now published",
                                       n),
                          n);
  report_problem (filename, "note", done);
  return CLI_EXIT_OK;
}

int
cli_command_export (int    argc,
                    char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *view = NULL;
  g_autofree char *output = NULL;
  g_autofree char *author = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StReport) report = NULL;
  g_autoptr(StDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *formats = g_strjoinv ("|", (char **) st_export_list_formats ());
  g_autofree char *format_help = g_strdup_printf (_("The format: %s (default text)"), formats);
  StExportFormat format = ST_EXPORT_TEXT;
  StViewContent content = ST_VIEW_EVERYTHING;
  gboolean approved_only = FALSE;
  gboolean publish = FALSE;
  int status = CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, format_help, _("FORMAT") },
    { "view", 'v', 0, G_OPTION_ARG_STRING, &view,
      _("What to export: action:NUMBER, department:ABBREVIATION, all (default) or site"), _("VIEW") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      _("Where to write: a file, “-” for standard output, or a folder for the site"), _("OUT") },
    { "approved-only", 0, 0, G_OPTION_ARG_NONE, &approved_only,
      _("Only approved and published submissions, leaving drafts out (default: every submission, as a preview)"), NULL },
    { "publish", 0, 0, G_OPTION_ARG_NONE, &publish,
      _("As --approved-only, then mark the approved submissions published and save the report"), NULL },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author,
      _("With --publish, the name the history records (default: yours)"), _("NAME") },
    { NULL }
  };

  context = g_option_context_new (_("REPORT"));
  g_option_context_set_summary (context,
                                _("Write a view of a report as a published page, or every page "
                                  "of the site into a folder."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc != 2)
    {
      cli_error (argc < 2 ? _("which report? Name one") : _("only one report can be exported at a time"));
      return CLI_EXIT_USAGE;
    }
  if (output == NULL)
    {
      cli_error (_("--output is needed"));
      return CLI_EXIT_USAGE;
    }
  if (format_name != NULL && !st_export_format_from_string (format_name, &format))
    {
      cli_error (_("unknown format “%s”; the formats are %s"), format_name, formats);
      return CLI_EXIT_USAGE;
    }
  if (view == NULL)
    view = g_strdup ("all");
  /* Every approved return becomes published: the pages written must be
   * the whole update, not one department's or one action's */
  if (publish && !g_str_equal (view, "all") && !g_str_equal (view, "site"))
    {
      cli_error (_("--publish writes the whole update: use --view all or --view site"));
      return CLI_EXIT_USAGE;
    }
  if (author != NULL && !publish)
    {
      cli_error (_("--author goes with --publish"));
      return CLI_EXIT_USAGE;
    }

  report = cli_load_report (argv[1], &status);
  if (report == NULL)
    return status;

  /* Refused before anything is written */
  if (publish && st_report_is_pack (report))
    {
      report_problem (argv[1], "error", _("Only the central team publishes, from the full report"));
      return CLI_EXIT_INPUT;
    }

  if (approved_only || publish)
    {
      guint n_returns = 0;
      guint n_unapproved = st_document_count_unapproved (report, &n_returns);

      if (n_returns > 0 && n_unapproved == n_returns)
        {
          /* Pages with every department's text left out are no use to
           * anyone: nothing is written */
          report_problem (argv[1], "error",
                          _("No answered submission is approved yet, so there is nothing to publish; "
                            "export without --approved-only or --publish for a preview"));
          return CLI_EXIT_INPUT;
        }
      if (n_unapproved > 0)
        {
          /* Translators: the first %u is a count of submissions not
           * approved, the second the number of submissions with any text
           * or a not-applicable answer */
          g_autofree char *left_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                    "%u of the %u answered submissions is not approved yet and is left out",
                                                                    "%u of the %u answered submissions are not approved yet and are left out",
                                                                    n_unapproved),
                                                       n_unapproved, n_returns);
          report_problem (argv[1], "note", left_out);
        }
      content = ST_VIEW_APPROVED_ONLY;
    }

  if (g_str_equal (view, "site"))
    {
      if (g_str_equal (output, "-"))
        {
          cli_error (_("a site is written into a folder, not to standard output"));
          return CLI_EXIT_USAGE;
        }
      if (!st_export_site (report, content, format, output, NULL, NULL, NULL, &error))
        {
          cli_error ("%s", error->message);
          return CLI_EXIT_USAGE;
        }
      return publish ? mark_published (report, argv[1], author) : CLI_EXIT_OK;
    }

  document = st_document_new_for_view_full (report, view, content, &error);
  if (g_error_matches (error, ST_ERROR, ST_ERROR_NOT_APPROVED))
    {
      /* An empty page is no use to anyone: nothing is written */
      report_problem (argv[1], "error", error->message);
      return CLI_EXIT_INPUT;
    }
  if (document == NULL)
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_USAGE;
    }

  /* The document has its own copy of the text and points only into the
   * template: the rest of the report can go before the page is made,
   * unless it is to be marked published afterwards */
  cli_keep_until_exit (g_object_ref (st_report_get_template (report)));
  cli_keep_until_exit (g_object_ref (document));
  if (!publish)
    {
      g_clear_object (&report);
#ifdef __GLIBC__
      /* Its memory is scattered through the heap in small pieces, which
       * drawing a PDF, in large ones, cannot reuse: give the pages back */
      malloc_trim (0);
#endif
    }

  if (g_str_equal (output, "-"))
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      if (!st_export_document_to_stream (document, format, out, NULL, &error))
        {
          cli_error (_("cannot write to standard output: %s"), error->message);
          return CLI_EXIT_USAGE;
        }
      return publish ? mark_published (report, argv[1], author) : CLI_EXIT_OK;
    }

  if (!st_export_document_to_file (document, format, output, NULL, &error))
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_USAGE;
    }

  return publish ? mark_published (report, argv[1], author) : CLI_EXIT_OK;
}
