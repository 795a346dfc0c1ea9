/* cli-pack.c: stocktake-cli pack
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cli.h"

int
cli_command_pack (int    argc,
                  char **argv)
{
  g_autofree char *department = NULL;
  g_autofree char *output = NULL;
  gboolean force = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StReport) report = NULL;
  g_autoptr(StReport) pack = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  const StRespondent *respondent;
  const char *filename;
  int status;
  GOptionEntry entries[] = {
    { "department", 'd', 0, G_OPTION_ARG_STRING, &department,
      N_("The department the pack is for: its abbreviation, id or name"), N_("ABBR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the pack"), N_("FILE") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace the output file if it exists"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("REPORT"));
  g_option_context_set_summary (context,
                                _("Make a department’s pack: the template and that department’s "
                                  "submissions, with their comments and history, and nothing of "
                                  "any other department. The report records the pack, so that "
                                  "“merge” can check it when it comes back: the report is saved too."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc != 2)
    {
      cli_error (argc < 2 ? _("name one report") : _("name only one report"));
      return CLI_EXIT_USAGE;
    }
  if (department == NULL || output == NULL)
    {
      cli_error (_("both --department and --output are needed"));
      return CLI_EXIT_USAGE;
    }
  filename = argv[1];

  report = cli_load_report (filename, &status);
  if (report == NULL)
    return status;

  respondent = cli_find_respondent (st_report_get_template (report), department);
  if (respondent == NULL)
    return CLI_EXIT_USAGE;

  if (!force && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      cli_error (_("“%s” exists already; choose another name, or use --force to replace it"), output);
      return CLI_EXIT_USAGE;
    }

  source = g_path_get_basename (filename);
  pack = st_pack_new (report, respondent->id, source, &error);
  if (pack == NULL)
    {
      g_autofree char *message = st_error_location_format (NULL, filename, "error", error->message);

      g_printerr ("%s\n", message);
      return CLI_EXIT_INPUT;
    }

  /* The pack first: if it cannot be written the report is left as it was;
   * if the report then cannot be written, the pack goes, since no record
   * of it would let it be merged */
  if (!st_report_save_to_file (pack, output, &error))
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_USAGE;
    }
  if (!st_report_save_to_file (report, filename, &error))
    {
      cli_error ("%s", error->message);
      g_remove (output);
      return CLI_EXIT_USAGE;
    }

  /* Translators: the first %s is a department's abbreviation, the second a file name */
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Wrote %s’s pack to %s: %u submission\n",
                        "Wrote %s’s pack to %s: %u submissions\n",
                        st_report_get_n_submissions (pack)),
           respondent->abbreviation != NULL ? respondent->abbreviation : respondent->id,
           output, st_report_get_n_submissions (pack));
  return CLI_EXIT_OK;
}
