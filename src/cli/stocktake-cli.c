/* stocktake-cli.c: the command-line interface, for scripts and for use
 * with no display
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const CliCommand commands[] = {
  { "new",  N_("Make a new, empty report on a template"), cli_command_new },
  { "info", N_("Describe a report: template, size and how complete it is"), cli_command_info },
  { "import", N_("Read published pages into a report, reporting every deviation"), cli_command_import },
  { "export", N_("Write a report as published pages: text, HTML, Markdown, ODT or PDF"), cli_command_export },
  { "validate", N_("Check a report for missing answers and GOV.UK style problems"), cli_command_validate },
  { "pack", N_("Make a department’s pack to work on offline"), cli_command_pack },
  { "merge", N_("Merge department packs back into the report"), cli_command_merge },
  { "status", N_("Show how far submissions have got, or change their review status"), cli_command_status },
  { "new-round", N_("Start collecting the next reporting round"), cli_command_new_round },
};

void
cli_error (const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %s is the program's name */
  g_printerr (_("%s: error: %s\n"), g_get_prgname (), message);
}

gboolean
cli_parse_options (GOptionContext  *context,
                   int             *argc,
                   char          ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_strdup (g_get_prgname ());
  g_autofree char *usage_name = NULL;
  gboolean parsed;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* GOption's usage line, printed by --help, names the program: here the
   * program and the command, as they are typed */
  usage_name = g_strdup_printf ("%s %s", program, (*argv)[0]);
  g_set_prgname (usage_name);
  parsed = g_option_context_parse (context, argc, argv, &error);
  g_set_prgname (program);
  if (!parsed)
    {
      cli_error ("%s", error->message);
      g_printerr (_("Run “%s %s --help” to see the options.\n"), g_get_prgname (), (*argv)[0]);
      return FALSE;
    }
  return TRUE;
}

StReport *
cli_load_report (const char *filename,
                 int        *status)
{
  StErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  StReport *report;

  report = st_report_new_from_file (filename, &location, &error);
  if (report != NULL)
    {
      *status = CLI_EXIT_OK;
      return report;
    }

  if (error->domain == G_FILE_ERROR)
    {
      /* GLib's message names the file already */
      cli_error ("%s", error->message);
      *status = CLI_EXIT_USAGE;
    }
  else if (g_error_matches (error, ST_ERROR, ST_ERROR_PAGE))
    {
      /* Translators: %s is “This looks like a published page, not a Stocktake report” */
      g_autofree char *hint = g_strdup_printf (_("%s: use “stocktake-cli import” to read it into a report"),
                                               error->message);

      message = st_error_location_format (&location, filename, "error", hint);
      g_printerr ("%s\n", message);
      *status = CLI_EXIT_INPUT;
    }
  else
    {
      message = st_error_location_format (&location, filename, "error", error->message);
      g_printerr ("%s\n", message);
      *status = CLI_EXIT_INPUT;
    }

  st_error_location_clear (&location);
  return NULL;
}

static GPtrArray *kept_until_exit;

void
cli_json_add_submission (JsonBuilder        *builder,
                         const StRespondent *respondent,
                         const StItem       *item)
{
  json_builder_set_member_name (builder, "respondent");
  json_builder_add_string_value (builder, respondent->id);
  json_builder_set_member_name (builder, "abbreviation");
  json_builder_add_string_value (builder, respondent->abbreviation);
  json_builder_set_member_name (builder, "item");
  json_builder_add_string_value (builder, item->id);
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, item->number);
}

void
cli_keep_until_exit (gpointer object)
{
  if (kept_until_exit == NULL)
    kept_until_exit = g_ptr_array_new ();
  g_ptr_array_add (kept_until_exit, object);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: stocktake-cli COMMAND [OPTION…] [ARGUMENT…]"));
  fprintf (stream, "\n%s\n", _("Collect, check and publish a progress report."));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “stocktake-cli COMMAND --help” for a command’s options."));
}

int
main (int    argc,
      char **argv)
{
  const char *locale_dir = g_getenv ("STOCKTAKE_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* Run from the build tree, the translations built there: see
   * meson devenv */
  bindtextdomain (GETTEXT_PACKAGE, locale_dir != NULL ? locale_dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("stocktake-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("stocktake-cli %s\n", PACKAGE_VERSION);
      return CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].func (argc - 1, argv + 1);
    }

  cli_error (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);
  return CLI_EXIT_USAGE;
}
