/* cli-import.c: stocktake-cli import
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cli.h"
#include "st-importer.h"

static StTemplate *
load_template (const char *spec,
               int        *status)
{
  g_autoptr(GError) error = NULL;
  StErrorLocation location = { 0 };
  StTemplate *template;

  if (g_strv_contains (st_template_list_builtin (), spec))
    return st_template_new_builtin (spec, NULL);

  if (!g_file_test (spec, G_FILE_TEST_EXISTS))
    {
      g_autofree char *builtin = g_strjoinv (", ", (char **) st_template_list_builtin ());

      cli_error (_("there is no built-in template or file “%s”; the built-in templates are %s"),
                 spec, builtin);
      *status = CLI_EXIT_USAGE;
      return NULL;
    }

  template = st_template_new_from_file (spec, &location, &error);
  if (template == NULL)
    {
      if (error->domain == G_FILE_ERROR)
        {
          cli_error ("%s", error->message);
          *status = CLI_EXIT_USAGE;
        }
      else
        {
          g_autofree char *message = st_error_location_format (&location, spec, "error", error->message);

          g_printerr ("%s\n", message);
          *status = CLI_EXIT_INPUT;
        }
    }
  st_error_location_clear (&location);
  return template;
}

/* Whether @a and @b name one file, by whatever path */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf stat_a, stat_b;

  if (g_stat (a, &stat_a) != 0 || g_stat (b, &stat_b) != 0)
    return FALSE;
  return stat_a.st_dev == stat_b.st_dev && stat_a.st_ino == stat_b.st_ino;
}

static gboolean
is_html (const char *filename)
{
  g_autofree char *lower = g_ascii_strdown (filename, -1);

  return g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm");
}

int
cli_command_import (int    argc,
                    char **argv)
{
  g_autofree char *into = NULL;
  g_autofree char *template_id = NULL;
  g_autofree char *output = NULL;
  gboolean force = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StReport) report = NULL;
  g_autoptr(StReport) result = NULL;
  g_autoptr(StImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *diagnostics;
  int status = CLI_EXIT_OK;
  guint errors, warnings;
  GOptionEntry entries[] = {
    { "into", 'i', 0, G_OPTION_ARG_FILENAME, &into, _("Add to this report instead of a new one"), _("REPORT") },
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_id,
      _("The template of a new report: a built-in one or a file (default gds-2012)"), _("ID|FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, _("Where to write the report"), _("REPORT") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, _("Replace the output file if it exists"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("PAGE…"));
  g_option_context_set_summary (context,
                                _("Read published pages (text, or HTML for .html and .htm files) into a "
                                  "report. Every deviation from the template is reported with its line."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc < 2)
    {
      cli_error (_("no pages to import"));
      return CLI_EXIT_USAGE;
    }
  if (output == NULL)
    {
      cli_error (_("--output is needed"));
      return CLI_EXIT_USAGE;
    }
  if (into != NULL && template_id != NULL)
    {
      cli_error (_("--into and --template cannot be used together: the report has its template"));
      return CLI_EXIT_USAGE;
    }
  /* A report written over would lose everything in it: adding to it is
   * --into, and replacing it is said in so many words */
  if (!force && g_file_test (output, G_FILE_TEST_EXISTS) && (into == NULL || !same_file (into, output)))
    {
      cli_error (_("“%s” exists already; use --into to add the pages to it, or --force to replace it"), output);
      return CLI_EXIT_USAGE;
    }

  if (into != NULL)
    {
      report = cli_load_report (into, &status);
      if (report == NULL)
        return status;
    }
  else
    {
      g_autoptr(StTemplate) template = load_template (template_id != NULL ? template_id : "gds-2012", &status);

      if (template == NULL)
        return status;
      report = st_report_new (template);
    }

  importer = st_importer_new (report);
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (argv[i], &contents, &length, &error))
        {
          cli_error ("%s", error->message);
          return CLI_EXIT_USAGE;
        }

      /* A page that cannot be used at all is in the diagnostics too */
      if (is_html (argv[i]))
        st_importer_add_html_page (importer, argv[i], contents, length, NULL);
      else
        st_importer_add_text_page (importer, argv[i], contents, length, NULL);
    }

  diagnostics = st_importer_get_diagnostics (importer);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = st_diagnostic_format (g_ptr_array_index (diagnostics, i));

      g_print ("%s\n", line);
    }

  errors = st_importer_count (importer, ST_DIAGNOSTIC_ERROR);
  warnings = st_importer_count (importer, ST_DIAGNOSTIC_WARNING);
  {
    guint pages = st_importer_get_n_pages (importer);
    guint sections = st_importer_get_n_sections (importer);
    guint conflicts = st_importer_get_conflicts (importer)->len;
    g_autofree char *read = g_strdup_printf (ngettext ("%u page read", "%u pages read", pages), pages);
    g_autofree char *taken = g_strdup_printf (ngettext ("%u section taken", "%u sections taken", sections),
                                              sections);
    g_autofree char *conflicting = g_strdup_printf (ngettext ("%u conflict", "%u conflicts", conflicts),
                                                    conflicts);
    g_autofree char *wrong = g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors);
    g_autofree char *warned = g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings), warnings);

    /* Translators: "2 pages read, 154 sections taken, 0 conflicts; 0 errors, 2 warnings" */
    g_print (_("%s, %s, %s; %s, %s\n"), read, taken, conflicting, wrong, warned);
  }

  if (st_importer_get_n_pages (importer) == 0)
    {
      cli_error (_("no page could be read; “%s” is not written"), output);
      return CLI_EXIT_INPUT;
    }

  result = st_importer_finish (importer);
  if (!st_report_save_to_file (result, output, &error))
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_USAGE;
    }

  return errors > 0 ? CLI_EXIT_INPUT : CLI_EXIT_OK;
}
