/* cli-validate.c: stocktake-cli validate
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "cli.h"

typedef struct {
  guint count[ST_SEVERITY_INFO + 1];
} Counts;

static char *
item_label (StTemplate   *template,
            const StItem *item)
{
  g_autofree char *word = g_utf8_strdown (st_template_get_display_word (template, ST_WORD_ITEM), -1);

  if (item->number > 0)
    return g_strdup_printf ("%s %u", word, item->number);
  return g_strdup_printf ("%s %s", word, item->id);
}

static void
print_text (const char *filename,
            StTemplate *template,
            GPtrArray  *findings)
{
  g_autoptr(GString) out = g_string_sized_new (findings->len * 160);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < st_template_get_n_items (template); i++)
    g_ptr_array_add (labels, item_label (template, st_template_get_item (template, i)));

  /* One write for the lot: a large report can have tens of thousands */
  for (guint i = 0; i < findings->len; i++)
    {
      StFinding *finding = g_ptr_array_index (findings, i);
      const StRespondent *respondent = st_template_find_respondent (template, st_finding_get_respondent_id (finding));
      const StItem *item = st_template_find_item (template, st_finding_get_item_id (finding));
      const char *section_id = st_finding_get_section_id (finding);
      const StSection *section = section_id != NULL ? st_template_find_section (template, section_id) : NULL;
      const char *label = g_ptr_array_index (labels, item->index);

      g_string_append (out, filename);
      g_string_append (out, ": ");
      g_string_append (out, respondent->abbreviation);
      g_string_append (out, " / ");
      g_string_append (out, label);
      if (section != NULL)
        {
          g_string_append (out, " / ");
          g_string_append (out, section->heading);
        }
      g_string_append (out, ": ");
      g_string_append (out, st_severity_to_string (st_finding_get_severity (finding)));
      g_string_append (out, ": ");
      g_string_append (out, st_finding_get_message (finding));
      g_string_append (out, " [");
      g_string_append (out, st_finding_get_rule_id (finding));
      g_string_append (out, "]\n");
    }
  fwrite (out->str, 1, out->len, stdout);
}

static void
print_counts (const Counts *counts)
{
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *infos = NULL;

  errors = g_strdup_printf (ngettext ("%u error", "%u errors", counts->count[ST_SEVERITY_ERROR]),
                            counts->count[ST_SEVERITY_ERROR]);
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", counts->count[ST_SEVERITY_WARNING]),
                              counts->count[ST_SEVERITY_WARNING]);
  /* Translators: "info" counts findings that are for information only */
  infos = g_strdup_printf (ngettext ("%u info", "%u info", counts->count[ST_SEVERITY_INFO]),
                           counts->count[ST_SEVERITY_INFO]);
  /* Translators: "3 errors, 12 warnings, 0 info" */
  g_print (_("%s, %s, %s\n"), errors, warnings, infos);
}

static void
print_json (const char  *filename,
            StReport    *report,
            StValidator *validator,
            GPtrArray   *findings,
            const Counts *counts)
{
  StTemplate *template = st_report_get_template (report);
  const StRound *round = st_template_get_round (template, st_report_get_round (report));
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "report");
  json_builder_add_string_value (builder, filename);
  json_builder_set_member_name (builder, "round");
  json_builder_add_string_value (builder, round->id);
  json_builder_set_member_name (builder, "page");
  json_builder_add_string_value (builder, st_validator_get_page (validator));

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    {
      StFinding *finding = g_ptr_array_index (findings, i);
      const StRespondent *respondent = st_template_find_respondent (template, st_finding_get_respondent_id (finding));
      const StItem *item = st_template_find_item (template, st_finding_get_item_id (finding));
      const char *section_id = st_finding_get_section_id (finding);
      const StSection *section = section_id != NULL ? st_template_find_section (template, section_id) : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, st_finding_get_rule_id (finding));
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, st_severity_to_string (st_finding_get_severity (finding)));
      cli_json_add_submission (builder, respondent, item);
      json_builder_set_member_name (builder, "section");
      if (section != NULL)
        json_builder_add_string_value (builder, section->id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "heading");
      if (section != NULL)
        json_builder_add_string_value (builder, section->heading);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, st_finding_get_start (finding));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, st_finding_get_end (finding));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, st_finding_get_message (finding));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (StSeverity s = ST_SEVERITY_ERROR; s <= ST_SEVERITY_INFO; s++)
    {
      json_builder_set_member_name (builder, st_severity_to_string (s));
      json_builder_add_int_value (builder, counts->count[s]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, NULL);
  g_print ("%s\n", data);
}

int
cli_command_validate (int    argc,
                      char **argv)
{
  g_autofree char *round_id = NULL;
  g_autofree char *format = NULL;
  g_autofree char *severity = NULL;
  g_autofree char *page = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StReport) report = NULL;
  g_autoptr(StValidator) validator = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  StSeverity least = ST_SEVERITY_INFO;
  Counts counts = { { 0 } };
  gboolean json = FALSE;
  gboolean earlier_rounds = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "round", 'r', 0, G_OPTION_ARG_STRING, &round_id, N_("Check the given round instead of the one the report is collecting"), N_("ID") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (the default) or json"), N_("text|json") },
    { "severity", 's', 0, G_OPTION_ARG_STRING, &severity, N_("Report only problems at least this serious (default: info, everything)"), N_("error|warning|info") },
    { "earlier-rounds", 'e', 0, G_OPTION_ARG_NONE, &earlier_rounds, N_("Also report problems in the text of earlier rounds, which is published and not changed any more"), NULL },
    { "page", 'p', 0, G_OPTION_ARG_STRING, &page, N_("The published pages that decide where an abbreviation is first used: departments (the default), actions, department:ID or action:N"), N_("PAGE") },
    { NULL }
  };

  context = g_option_context_new (_("REPORT"));
  g_option_context_set_summary (context,
                                _("Check a report against its template and the GOV.UK style: every problem, "
                                  "where it is and how serious it is. Exits with 1 when there are errors."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc != 2)
    {
      cli_error (argc < 2 ? _("name one report") : _("name only one report"));
      return CLI_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      cli_error (_("unknown format “%s”: use text or json"), format);
      return CLI_EXIT_USAGE;
    }
  json = format != NULL && g_str_equal (format, "json");
  if (severity != NULL && !st_severity_from_string (severity, &least))
    {
      cli_error (_("unknown severity “%s”: use error, warning or info"), severity);
      return CLI_EXIT_USAGE;
    }

  report = cli_load_report (argv[1], &status);
  if (report == NULL)
    return status;

  if (round_id != NULL)
    {
      const StRound *round = st_template_find_round (st_report_get_template (report), round_id);

      if (round == NULL)
        {
          StTemplate *template = st_report_get_template (report);
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint i = 0; i < st_template_get_n_rounds (template); i++)
            g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", st_template_get_round (template, i)->id);
          cli_error (_("the template has no round “%s”; its rounds are %s"), round_id, known->str);
          return CLI_EXIT_USAGE;
        }
      st_report_set_round (report, round->index);
    }

  validator = st_validator_new (report);
  st_validator_set_severity (validator, least);
  st_validator_set_earlier_rounds (validator, earlier_rounds);
  if (!st_validator_set_page (validator, page, &error))
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_USAGE;
    }

  findings = st_validator_validate_report (validator);
  for (guint i = 0; i < findings->len; i++)
    counts.count[st_finding_get_severity (g_ptr_array_index (findings, i))]++;

  if (json)
    print_json (argv[1], report, validator, findings, &counts);
  else
    {
      print_text (argv[1], st_report_get_template (report), findings);
      print_counts (&counts);
    }

  return counts.count[ST_SEVERITY_ERROR] > 0 ? CLI_EXIT_INPUT : CLI_EXIT_OK;
}
