/* cli-round.c: stocktake-cli new-round
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cli.h"

int
cli_command_new_round (int    argc,
                       char **argv)
{
  g_autofree char *updated = NULL;
  g_autofree char *author = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) headings = g_string_new (NULL);
  g_autofree char *date_text = NULL;
  StTemplate *template;
  const StRound *round;
  const char *filename;
  int exit_status;
  GDate date;
  GOptionEntry entries[] = {
    { "updated", 'u', 0, G_OPTION_ARG_STRING, &updated,
      N_("The date the pages are updated on (default: today)"), N_("YYYY-MM-DD") },
    { "author", 'a', 0, G_OPTION_ARG_STRING, &author,
      N_("The name the history records (default: yours)"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (_("REPORT"));
  g_option_context_set_summary (context,
                                _("Start collecting the next reporting round: add its sections a year on "
                                  "from the last round’s, set the “Updated” date and put every submission "
                                  "back to draft. Earlier rounds’ text stays as it is. The report is "
                                  "updated in place."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc != 2)
    {
      cli_error (argc < 2 ? _("name one report") : _("name only one report"));
      return CLI_EXIT_USAGE;
    }
  g_date_clear (&date, 1);
  if (updated != NULL && (!st_parse_date (updated, &date) || !g_date_valid (&date)))
    {
      cli_error (_("“%s” is not a date in the form 2015-01-16"), updated);
      return CLI_EXIT_USAGE;
    }
  filename = argv[1];

  report = cli_load_report (filename, &exit_status);
  if (report == NULL)
    return exit_status;

  if (author == NULL)
    author = st_history_default_author ();
  if (!st_report_start_new_round (report, updated != NULL ? &date : NULL, author, &error))
    {
      g_autofree char *message = st_error_location_format (NULL, filename, "error", error->message);

      g_printerr ("%s\n", message);
      return CLI_EXIT_INPUT;
    }

  if (!st_report_save_to_file (report, filename, &error))
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_USAGE;
    }

  template = st_report_get_template (report);
  round = st_template_get_round (template, st_report_get_round (report));
  for (guint i = 0; i < round->sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (round->sections, i);

      if (i > 0)
        g_string_append (headings, _("; "));
      g_string_append (headings, section->heading);
    }
  date_text = st_format_date (st_report_get_updated (report));
  /* Translators: "Started the round 2015 (Progress during 2015; Planned
   * activities in 2016), updated 2 February 2016" */
  g_print (_("Started the round %s (%s), updated %s\n"), round->title, headings->str, date_text);
  return CLI_EXIT_OK;
}
