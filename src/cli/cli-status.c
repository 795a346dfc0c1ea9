/* cli-status.c: stocktake-cli status, and naming departments and actions
 * on the command line
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "cli.h"

const StRespondent *
cli_find_respondent (StTemplate *template,
                     const char *name)
{
  const StRespondent *respondent = st_template_find_respondent (template, name);

  if (respondent == NULL)
    respondent = st_template_match_respondent (template, name);
  if (respondent == NULL)
    {
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint i = 0; i < st_template_get_n_respondents (template); i++)
        {
          const StRespondent *r = st_template_get_respondent (template, i);

          if (i > 0)
            g_string_append (known, ", ");
          g_string_append (known, r->abbreviation != NULL ? r->abbreviation : r->id);
        }
      /* Translators: the first %s is the template's word, such as "Department" */
      cli_error (_("no %s “%s” in the template; it has %s"),
                 st_template_get_display_word (template, ST_WORD_RESPONDENT), name, known->str);
    }
  return respondent;
}

const StItem *
cli_find_item (StTemplate *template,
               const char *name)
{
  const StItem *item = st_template_find_item (template, name);

  if (item == NULL)
    {
      char *end;
      guint64 number = g_ascii_strtoull (name, &end, 10);

      if (end != name && *end == '\0' && number <= G_MAXUINT)
        item = st_template_find_item_by_number (template, number);
    }
  if (item == NULL)
    cli_error (_("no %s “%s” in the template"), st_template_get_display_word (template, ST_WORD_ITEM), name);
  return item;
}

static void
print_status (StReport     *report,
              StSubmission *submission)
{
  StTemplate *template = st_report_get_template (report);
  g_autofree char *place = st_workflow_describe (template,
                                                 st_submission_get_respondent_id (submission),
                                                 st_submission_get_item_id (submission), NULL);
  guint unresolved = st_workflow_count_unresolved (submission, NULL);

  if (unresolved > 0)
    /* Translators: "CO, Action 1: returned (2 unresolved comments)" */
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%s: %s (%u unresolved comment)\n",
                          "%s: %s (%u unresolved comments)\n",
                          unresolved),
             place, st_status_to_string (st_submission_get_status (submission)), unresolved);
  else
    g_print ("%s: %s\n", place, st_status_to_string (st_submission_get_status (submission)));
}

int
cli_command_status (int    argc,
                    char **argv)
{
  g_autofree char *department = NULL;
  g_autofree char *action = NULL;
  g_autofree char *set = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *author = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StReport) report = NULL;
  g_autoptr(StWorkflow) workflow = NULL;
  g_autoptr(GError) error = NULL;
  const StRespondent *respondent = NULL;
  const StItem *item = NULL;
  StTemplate *template;
  StStatus status;
  StRole role;
  const char *filename;
  int exit_status;
  GOptionEntry entries[] = {
    { "department", 'd', 0, G_OPTION_ARG_STRING, &department,
      N_("The department: its abbreviation, id or name"), N_("ABBR") },
    { "action", 'n', 0, G_OPTION_ARG_STRING, &action, N_("The action: its number or id"), N_("N") },
    { "set", 's', 0, G_OPTION_ARG_STRING, &set,
      N_("Move the submission to this status"), N_("submitted|returned|approved|published") },
    { "comment", 'c', 0, G_OPTION_ARG_STRING, &comment,
      N_("A comment to go with the change (needed to return a submission)"), N_("TEXT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &role_name,
      N_("Act as the department or as a reviewer (default: the department in a pack, else a reviewer)"),
      N_("department|reviewer") },
    { "author", 'a', 0, G_OPTION_ARG_STRING, &author,
      N_("The name the history records (default: yours)"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (_("REPORT"));
  g_option_context_set_summary (context,
                                _("Show the status of submissions, or move one to another status "
                                  "as the rules allow (see docs/workflow.md). The report is updated "
                                  "in place."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc != 2)
    {
      cli_error (argc < 2 ? _("name one report") : _("name only one report"));
      return CLI_EXIT_USAGE;
    }
  if (set != NULL && (department == NULL || action == NULL))
    {
      cli_error (_("--set needs --department and --action"));
      return CLI_EXIT_USAGE;
    }
  if (set != NULL && !st_status_from_string (set, &status))
    {
      cli_error (_("unknown status “%s”: use submitted, returned, approved or published"), set);
      return CLI_EXIT_USAGE;
    }
  if (role_name != NULL && !st_role_from_string (role_name, &role))
    {
      cli_error (_("--as is “department” or “reviewer”, not “%s”"), role_name);
      return CLI_EXIT_USAGE;
    }
  filename = argv[1];

  report = cli_load_report (filename, &exit_status);
  if (report == NULL)
    return exit_status;
  template = st_report_get_template (report);

  if (department != NULL && !(respondent = cli_find_respondent (template, department)))
    return CLI_EXIT_USAGE;
  if (action != NULL && !(item = cli_find_item (template, action)))
    return CLI_EXIT_USAGE;

  if (set == NULL)
    {
      if (respondent != NULL && item != NULL)
        {
          StSubmission *submission = st_report_lookup_submission (report, respondent->id, item->id);
          g_autofree char *place = st_workflow_describe (template, respondent->id, item->id, NULL);

          if (submission != NULL)
            print_status (report, submission);
          else
            g_print ("%s: %s\n", place, st_status_to_string (ST_STATUS_DRAFT));
          return CLI_EXIT_OK;
        }
      for (guint i = 0; i < st_report_get_n_submissions (report); i++)
        {
          StSubmission *submission = st_report_get_submission (report, i);

          if ((respondent == NULL || g_strcmp0 (st_submission_get_respondent_id (submission), respondent->id) == 0) &&
              (item == NULL || g_strcmp0 (st_submission_get_item_id (submission), item->id) == 0))
            print_status (report, submission);
        }
      return CLI_EXIT_OK;
    }

  if (role_name == NULL)
    role = st_report_is_pack (report) ? ST_ROLE_DEPARTMENT : ST_ROLE_REVIEWER;
  if (author == NULL)
    author = st_history_default_author ();

  workflow = st_workflow_new (report, role, role == ST_ROLE_DEPARTMENT ? respondent->id : NULL, author);
  if (!st_workflow_set_status (workflow, respondent->id, item->id, status, comment, &error))
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

  print_status (report, st_report_lookup_submission (report, respondent->id, item->id));
  return CLI_EXIT_OK;
}
