/* cli-status.c: stocktake-cli status, and naming departments and actions
 * on the command line
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
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

/* Errors and warnings per submission, keyed by respondent and item id */
typedef struct {
  guint errors;
  guint warnings;
} Issues;

static char *
issues_key (const char *respondent_id,
            const char *item_id)
{
  return g_strconcat (respondent_id, "\n", item_id, NULL);
}

/* What validation finds in the round being collected, as the editor counts
 * it: one submission's findings, or one run over the whole report */
static GHashTable *
count_issues (StReport           *report,
              const StRespondent *respondent,
              const StItem       *item)
{
  g_autoptr(StValidator) validator = st_validator_new (report);
  g_autoptr(GPtrArray) findings = NULL;
  GHashTable *issues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (respondent != NULL && item != NULL)
    findings = st_validator_validate_submission (validator, respondent->id, item->id);
  else
    findings = st_validator_validate_report (validator);

  for (guint i = 0; i < findings->len; i++)
    {
      StFinding *finding = g_ptr_array_index (findings, i);
      StSeverity severity = st_finding_get_severity (finding);
      g_autofree char *key = NULL;
      Issues *counts;

      if (severity != ST_SEVERITY_ERROR && severity != ST_SEVERITY_WARNING)
        continue;
      key = issues_key (st_finding_get_respondent_id (finding), st_finding_get_item_id (finding));
      counts = g_hash_table_lookup (issues, key);
      if (counts == NULL)
        {
          counts = g_new0 (Issues, 1);
          g_hash_table_insert (issues, g_steal_pointer (&key), counts);
        }
      if (severity == ST_SEVERITY_ERROR)
        counts->errors++;
      else
        counts->warnings++;
    }
  return issues;
}

/* How far one submission has got, as the editor's overview says it */
static void
compute_progress (StReport           *report,
                  GHashTable         *issues,
                  const StRespondent *respondent,
                  const StItem       *item,
                  StProgress         *progress)
{
  g_autofree char *key = issues_key (respondent->id, item->id);
  const Issues *counts = g_hash_table_lookup (issues, key);

  st_progress_compute (report, respondent, item, progress);
  if (counts != NULL)
    st_progress_set_issues (progress, counts->errors, counts->warnings);
}

static guint
count_unresolved (StReport           *report,
                  const StRespondent *respondent,
                  const StItem       *item)
{
  StSubmission *submission = st_report_lookup_submission (report, respondent->id, item->id);

  return submission != NULL ? st_workflow_count_unresolved (submission, NULL) : 0;
}

static void
print_text (StReport           *report,
            const StRespondent *respondent,
            const StItem       *item,
            const StProgress   *progress)
{
  g_autofree char *place = st_workflow_describe (st_report_get_template (report), respondent->id, item->id, NULL);
  g_autofree char *state = st_progress_describe (progress);
  guint unresolved = count_unresolved (report, respondent, item);

  if (unresolved > 0)
    /* Translators: "CO, Action 1: Complete · Returned (2 unresolved comments)" */
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%s: %s (%u unresolved comment)\n",
                          "%s: %s (%u unresolved comments)\n",
                          unresolved),
             place, state, unresolved);
  else
    g_print ("%s: %s\n", place, state);
}

static void
add_json (JsonBuilder        *builder,
          StReport           *report,
          const StRespondent *respondent,
          const StItem       *item,
          const StProgress   *progress)
{
  g_autofree char *description = st_progress_describe (progress);

  json_builder_begin_object (builder);
  cli_json_add_submission (builder, respondent, item);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, st_progress_state_to_string (progress->state));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, st_status_to_string (progress->status));
  json_builder_set_member_name (builder, "sections");
  json_builder_add_int_value (builder, progress->n_sections);
  json_builder_set_member_name (builder, "missing");
  json_builder_add_int_value (builder, progress->n_sections - progress->n_filled);
  json_builder_set_member_name (builder, "errors");
  json_builder_add_int_value (builder, progress->n_errors);
  json_builder_set_member_name (builder, "warnings");
  json_builder_add_int_value (builder, progress->n_warnings);
  json_builder_set_member_name (builder, "unresolved-comments");
  json_builder_add_int_value (builder, count_unresolved (report, respondent, item));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, description);
  json_builder_end_object (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, NULL);
  g_print ("%s\n", data);
}

/* Every submission the filters name, whether or not the department has
 * written anything yet. An action with no section in the round is left out,
 * unless it was named: then it is shown as not due. */
static void
list_progress (StReport           *report,
               const char         *filename,
               const StRespondent *only_respondent,
               const StItem       *only_item,
               gboolean            json)
{
  StTemplate *template = st_report_get_template (report);
  const StRound *round = st_template_get_round (template, st_report_get_round (report));
  g_autoptr(GHashTable) issues = count_issues (report, only_respondent, only_item);
  g_autoptr(JsonBuilder) builder = NULL;

  if (json)
    {
      builder = json_builder_new_immutable ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "report");
      json_builder_add_string_value (builder, filename);
      json_builder_set_member_name (builder, "round");
      json_builder_add_string_value (builder, round->id);
      json_builder_set_member_name (builder, "submissions");
      json_builder_begin_array (builder);
    }

  for (guint r = 0; r < st_template_get_n_respondents (template); r++)
    {
      const StRespondent *respondent = st_template_get_respondent (template, r);

      if (only_respondent != NULL && respondent != only_respondent)
        continue;
      for (guint i = 0; i < st_template_get_n_items (template); i++)
        {
          const StItem *item = st_template_get_item (template, i);
          StProgress progress;

          if (only_item != NULL && item != only_item)
            continue;
          compute_progress (report, issues, respondent, item, &progress);
          if (progress.state == ST_PROGRESS_NOT_DUE && only_item == NULL)
            continue;
          if (json)
            add_json (builder, report, respondent, item, &progress);
          else
            print_text (report, respondent, item, &progress);
        }
    }

  if (json)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
    }
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
  g_autofree char *format = NULL;
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
  const char *pack_respondent;
  gboolean json;
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
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (the default) or json"), N_("text|json") },
    { NULL }
  };

  context = g_option_context_new (_("REPORT"));
  g_option_context_set_summary (context,
                                _("Show how far each submission has got in the round being collected, "
                                  "in the editor’s words: not started, incomplete with the sections "
                                  "missing, complete or not applicable, with its review status, what "
                                  "validation finds and unresolved comments. Every action due in the "
                                  "round is listed, started or not.\n\n"
                                  "With --set, move one submission to another status as the rules "
                                  "allow (see docs/workflow.md); the report is updated in place."));
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
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      cli_error (_("unknown format “%s”: use text or json"), format);
      return CLI_EXIT_USAGE;
    }
  json = format != NULL && g_str_equal (format, "json");
  filename = argv[1];

  report = cli_load_report (filename, &exit_status);
  if (report == NULL)
    return exit_status;
  template = st_report_get_template (report);

  if (department != NULL && !(respondent = cli_find_respondent (template, department)))
    return CLI_EXIT_USAGE;
  if (action != NULL && !(item = cli_find_item (template, action)))
    return CLI_EXIT_USAGE;

  /* A pack holds one department's returns: the others are not missing */
  pack_respondent = st_report_get_pack_respondent (report);
  if (pack_respondent != NULL)
    {
      const StRespondent *own = st_template_find_respondent (template, pack_respondent);

      if (respondent != NULL && respondent != own)
        {
          cli_error (_("this is %s’s pack: it holds no other department’s returns"),
                     own != NULL ? own->abbreviation : pack_respondent);
          return CLI_EXIT_USAGE;
        }
      if (own != NULL)
        respondent = own;
    }

  if (set == NULL)
    {
      list_progress (report, filename, respondent, item, json);
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

  list_progress (report, filename, respondent, item, json);
  return CLI_EXIT_OK;
}
