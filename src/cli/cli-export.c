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

int
cli_command_export (int    argc,
                    char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *view = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StReport) report = NULL;
  g_autoptr(StDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *formats = g_strjoinv ("|", (char **) st_export_list_formats ());
  g_autofree char *format_help = g_strdup_printf (_("The format: %s (default text)"), formats);
  StExportFormat format = ST_EXPORT_TEXT;
  StViewContent content = ST_VIEW_EVERYTHING;
  gboolean approved_only = FALSE;
  int status = CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, format_help, _("FORMAT") },
    { "view", 'v', 0, G_OPTION_ARG_STRING, &view,
      _("What to export: action:NUMBER, department:ABBREVIATION, all (default) or site"), _("VIEW") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      _("Where to write: a file, “-” for standard output, or a folder for the site"), _("OUT") },
    { "approved-only", 'a', 0, G_OPTION_ARG_NONE, &approved_only,
      _("Publish approved and published returns only, leaving drafts out"), NULL },
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

  report = cli_load_report (argv[1], &status);
  if (report == NULL)
    return status;

  if (approved_only)
    {
      guint n_returns = 0;
      guint n_unapproved = st_document_count_unapproved (report, &n_returns);

      if (n_returns > 0 && n_unapproved == n_returns)
        {
          /* Pages with every department's text left out are no use to
           * anyone: nothing is written */
          g_autofree char *message =
            st_error_location_format (NULL, argv[1], "error",
                                      _("No return is approved yet, so there is nothing to publish; "
                                        "export without --approved-only for a preview"));

          g_printerr ("%s\n", message);
          return CLI_EXIT_INPUT;
        }
      if (n_unapproved > 0)
        {
          /* Translators: the first %u is a count of returns, the second
           * the number of returns with any text */
          g_autofree char *left_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                    "%u of the %u returns is not approved yet and is left out",
                                                                    "%u of the %u returns are not approved yet and are left out",
                                                                    n_unapproved),
                                                       n_unapproved, n_returns);
          g_autofree char *message = st_error_location_format (NULL, argv[1], "note", left_out);

          g_printerr ("%s\n", message);
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
      return CLI_EXIT_OK;
    }

  document = st_document_new_for_view_full (report, view, content, &error);
  if (document == NULL)
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_USAGE;
    }

  /* The document has its own copy of the text and points only into the
   * template: the rest of the report can go before the page is made */
  cli_keep_until_exit (g_object_ref (st_report_get_template (report)));
  cli_keep_until_exit (g_object_ref (document));
  g_clear_object (&report);
#ifdef __GLIBC__
  /* Its memory is scattered through the heap in small pieces, which
   * drawing a PDF, in large ones, cannot reuse: give the pages back */
  malloc_trim (0);
#endif

  if (g_str_equal (output, "-"))
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      if (!st_export_document_to_stream (document, format, out, NULL, &error))
        {
          cli_error (_("cannot write to standard output: %s"), error->message);
          return CLI_EXIT_USAGE;
        }
      return CLI_EXIT_OK;
    }

  if (!st_export_document_to_file (document, format, output, NULL, &error))
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_USAGE;
    }

  return CLI_EXIT_OK;
}
