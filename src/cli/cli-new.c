/* cli-new.c: stocktake-cli new
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cli.h"

int
cli_command_new (int    argc,
                 char **argv)
{
  g_autofree char *template_id = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StTemplate) template = NULL;
  g_autoptr(StReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *builtin = g_strjoinv ("|", (char **) st_template_list_builtin ());
  g_autofree char *template_help = g_strdup_printf (_("A built-in template (%s) or a template file"), builtin);
  GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_id, template_help, _("ID|FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, _("Where to write the report"), _("FILE") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Make a new, empty report on a reporting template."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc > 1)
    {
      cli_error (_("unexpected argument “%s”"), argv[1]);
      return CLI_EXIT_USAGE;
    }
  if (template_id == NULL || output == NULL)
    {
      cli_error (_("both --template and --output are needed"));
      return CLI_EXIT_USAGE;
    }

  if (g_strv_contains (st_template_list_builtin (), template_id))
    template = st_template_new_builtin (template_id, &error);
  else if (g_file_test (template_id, G_FILE_TEST_EXISTS))
    {
      StErrorLocation location = { 0 };

      template = st_template_new_from_file (template_id, &location, &error);
      if (template == NULL && error->domain != G_FILE_ERROR)
        {
          g_autofree char *message = st_error_location_format (&location, template_id, "error", error->message);

          g_printerr ("%s\n", message);
          st_error_location_clear (&location);
          return CLI_EXIT_INPUT;
        }
      st_error_location_clear (&location);
    }
  else
    {
      cli_error (_("there is no built-in template or file “%s”; the built-in templates are %s"),
                 template_id, builtin);
      return CLI_EXIT_USAGE;
    }

  if (template == NULL)
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_USAGE;
    }

  if (g_file_test (output, G_FILE_TEST_EXISTS))
    {
      cli_error (_("“%s” exists already; choose another name or remove it first"), output);
      return CLI_EXIT_USAGE;
    }

  report = st_report_new (template);
  if (!st_report_save_to_file (report, output, &error))
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_USAGE;
    }

  return CLI_EXIT_OK;
}
