/* cli-merge.c: stocktake-cli merge
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cli.h"

/* Words either side of a change shown in a conflict's diff */
#define DIFF_CONTEXT 6

static void
print_problem (const char *filename,
               const char *severity,
               const char *message)
{
  g_autofree char *line = st_error_location_format (NULL, filename, severity, message);

  g_printerr ("%s\n", line);
}

static void
print_conflicts (const char *filename,
                 StMerge    *merge)
{
  StTemplate *template = st_report_get_template (st_merge_get_report (merge));
  GPtrArray *conflicts = st_merge_get_conflicts (merge);

  for (guint i = 0; i < conflicts->len; i++)
    {
      StMergeConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *place = st_workflow_describe (template, conflict->respondent_id,
                                                     conflict->item_id, conflict->section_id);
      g_autofree char *message = NULL;
      g_autofree char *diff = st_diff_format (conflict->diff, DIFF_CONTEXT);

      if (conflict->section_id == NULL)
        message = g_strdup_printf (_("%s: the not-applicable reason changed both in the report and in the pack"), place);
      else
        message = g_strdup_printf (_("%s: changed both in the report and in the pack"), place);
      print_problem (filename, "conflict", message);
      /* Translators: shown under a conflict; [-…-] is the report's, {+…+} the pack's */
      g_printerr (_("  report → pack: %s\n"), diff);
    }
}

int
cli_command_merge (int    argc,
                   char **argv)
{
  g_autofree char *take = NULL;
  g_autofree char *author = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StReport) report = NULL;
  StMergeChoice choice = ST_MERGE_UNRESOLVED;
  const char *filename;
  guint applied = 0;
  int status = CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "take", 't', 0, G_OPTION_ARG_STRING, &take,
      N_("Settle every conflict by taking the pack’s text or keeping the report’s"), N_("pack|report") },
    { "author", 'a', 0, G_OPTION_ARG_STRING, &author,
      N_("The name the history records for the merge (default: yours)"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (_("REPORT PACK…"));
  g_option_context_set_summary (context,
                                _("Merge department packs back into the report, which is updated in place.\n\n"
                                  "Each pack is taken whole or not at all. A pack that changes anything "
                                  "but its own department’s submissions is refused, with every problem "
                                  "listed. A section changed both in the report and in the pack is a "
                                  "conflict: the pack is left out unless --take says which text to keep. "
                                  "The report is written once, with every pack that was taken; the exit "
                                  "status is 1 if any pack was refused or left out."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc < 3)
    {
      cli_error (argc < 2 ? _("name a report and at least one pack") : _("name at least one pack"));
      return CLI_EXIT_USAGE;
    }
  if (take != NULL)
    {
      if (!st_merge_choice_from_string (take, &choice) ||
          (choice != ST_MERGE_TAKE_PACK && choice != ST_MERGE_TAKE_REPORT))
        {
          cli_error (_("--take is “pack” or “report”, not “%s”"), take);
          return CLI_EXIT_USAGE;
        }
    }
  if (author == NULL)
    author = st_history_default_author ();

  filename = argv[1];
  report = cli_load_report (filename, &status);
  if (report == NULL)
    return status;

  for (int i = 2; i < argc; i++)
    {
      const char *pack_filename = argv[i];
      g_autoptr(StReport) pack = NULL;
      g_autoptr(StMerge) merge = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *problems;
      int pack_status;

      pack = cli_load_report (pack_filename, &pack_status);
      if (pack == NULL)
        {
          status = MAX (status, pack_status);
          continue;
        }

      merge = st_merge_new (report, pack);
      problems = st_merge_get_problems (merge);
      if (problems->len > 0)
        {
          for (guint p = 0; p < problems->len; p++)
            print_problem (pack_filename, "error", g_ptr_array_index (problems, p));
          print_problem (pack_filename, "error", _("pack refused: nothing in it was merged"));
          status = MAX (status, CLI_EXIT_INPUT);
          continue;
        }

      if (st_merge_count_unresolved (merge) > 0)
        {
          if (choice == ST_MERGE_UNRESOLVED)
            {
              g_autofree char *message = NULL;

              print_conflicts (pack_filename, merge);
              message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%u conflict: nothing in the pack was merged; run again with --take pack or --take report",
                                                      "%u conflicts: nothing in the pack was merged; run again with --take pack or --take report",
                                                      st_merge_count_unresolved (merge)),
                                         st_merge_count_unresolved (merge));
              print_problem (pack_filename, "error", message);
              status = MAX (status, CLI_EXIT_INPUT);
              continue;
            }
          st_merge_resolve_all (merge, choice);
        }

      if (!st_merge_apply (merge, author, &error))
        {
          print_problem (pack_filename, "error", error->message);
          status = MAX (status, CLI_EXIT_INPUT);
          continue;
        }

      applied++;
      /* Say a pack changes nothing rather than count no changes */
      if (st_merge_get_changes (merge)->len == 0 && st_merge_get_conflicts (merge)->len == 0)
        {
          /* Translators: %s is a file name */
          g_print (_("%s: this pack changes nothing: it matches the report\n"), pack_filename);
          continue;
        }
      if (st_merge_get_changes (merge)->len == 0)
        /* Translators: %s is a file name; the conflicts settled follow */
        g_print (_("%s: nothing else in it differs from the report"), pack_filename);
      else
        /* Translators: %s is a file name */
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "%s: merged %u change",
                              "%s: merged %u changes",
                              st_merge_get_changes (merge)->len),
                 pack_filename, st_merge_get_changes (merge)->len);
      if (st_merge_get_conflicts (merge)->len > 0 && choice == ST_MERGE_TAKE_PACK)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              ", %u conflict settled with the pack’s text",
                              ", %u conflicts settled with the pack’s text",
                              st_merge_get_conflicts (merge)->len),
                 st_merge_get_conflicts (merge)->len);
      else if (st_merge_get_conflicts (merge)->len > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              ", %u conflict settled with the report’s text",
                              ", %u conflicts settled with the report’s text",
                              st_merge_get_conflicts (merge)->len),
                 st_merge_get_conflicts (merge)->len);
      g_print ("\n");
    }

  if (applied > 0)
    {
      g_autoptr(GError) error = NULL;

      if (!st_report_save_to_file (report, filename, &error))
        {
          cli_error ("%s", error->message);
          return CLI_EXIT_USAGE;
        }
    }

  return status;
}
