/* cli-info.c: stocktake-cli info
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cli.h"

int
cli_command_info (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StReport) report = NULL;
  StTemplate *template;
  const StRound *round;
  guint filled, total;
  int status;

  context = g_option_context_new (_("REPORT"));
  g_option_context_set_summary (context, _("Describe a report: its template, its size and how complete it is."));
  if (!cli_parse_options (context, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc != 2)
    {
      cli_error (argc < 2 ? _("name one report") : _("name only one report"));
      return CLI_EXIT_USAGE;
    }

  report = cli_load_report (argv[1], &status);
  if (report == NULL)
    return status;

  template = st_report_get_template (report);
  round = st_template_get_round (template, st_report_get_round (report));
  st_report_count_sections (report, &filled, &total);

  g_print (_("Template: %s (%s)\n"), st_template_get_title (template), st_template_get_id (template));
  /* Translators: the first %s is the template's word for respondents, such as "Departments" */
  g_print (_("%s: %u\n"), st_template_get_display_word (template, ST_WORD_RESPONDENTS),
           st_template_get_n_respondents (template));
  g_print (_("%s: %u\n"), st_template_get_display_word (template, ST_WORD_ITEMS),
           st_template_get_n_items (template));
  g_print (_("Rounds: %u (collecting %s)\n"), st_template_get_n_rounds (template), round->title);
  if (st_report_get_updated (report) != NULL)
    {
      g_autofree char *date = st_format_date (st_report_get_updated (report));
      g_print (_("Updated: %s\n"), date);
    }
  if (st_report_get_pack_respondent (report) != NULL)
    g_print (_("Department pack for: %s\n"), st_report_get_pack_respondent (report));
  g_print (_("Submissions: %u\n"), st_report_get_n_submissions (report));
  g_print (_("Sections filled: %u of %u\n"), filled, total);

  cli_keep_until_exit (g_steal_pointer (&report));
  return CLI_EXIT_OK;
}
