/* test-cli-translation.c: stocktake-cli run from the build tree speaks
 * Welsh with the translations built there
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>

#include "test-cli-helpers.h"

/* Whether the Welsh translation is built and the tests' locale lets
 * LANGUAGE choose it; skips the test when not */
static gboolean
welsh_available (void)
{
  const char *locale_dir = g_getenv ("STOCKTAKE_LOCALEDIR");
  g_autofree char *catalogue = NULL;

  if (locale_dir == NULL)
    {
      g_test_skip ("STOCKTAKE_LOCALEDIR does not say where the translations are built");
      return FALSE;
    }
  catalogue = g_build_filename (locale_dir, "cy", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the Welsh translation is not built");
      return FALSE;
    }
  /* gettext ignores LANGUAGE in the C locale, which is what a locale
   * that is not installed falls back to */
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_test_skip ("the locale the tests run in is not installed");
      return FALSE;
    }
  return TRUE;
}

static char *
sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample", name, NULL);
}

static void
test_cli_welsh_messages (void)
{
  g_auto(CliResult) unknown = { 0 };
  g_auto(CliResult) help = { 0 };

  if (!welsh_available ())
    return;

  g_setenv ("LANGUAGE", "cy", TRUE);
  cli_run (&unknown, NULL, "frobnicate", NULL);
  cli_run (&help, NULL, "--help", NULL);
  g_setenv ("LANGUAGE", "en_GB", TRUE);

  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "stocktake-cli: gwall: gorchymyn anhysbys “frobnicate”\n"));
  g_assert_null (strstr (unknown.err, "unknown command"));
  g_assert_nonnull (strstr (unknown.err, "Defnydd: stocktake-cli GORCHYMYN"));

  g_assert_cmpint (help.status, ==, 0);
  g_assert_true (g_str_has_prefix (help.out, "Defnydd: stocktake-cli GORCHYMYN"));
  g_assert_nonnull (strstr (help.out, "\nGorchmynion:\n"));
  /* The command names stay as typed */
  g_assert_nonnull (strstr (help.out, "  new-round "));
}

/* The standard words are translated, a template's own words are not */
static void
test_cli_welsh_template_words (void)
{
  g_autofree char *gds_sample = sample_path ("digital-leaders.stocktake");
  g_autofree char *dec_sample = sample_path ("organising-for-digital-delivery-2022.stocktake");
  g_auto(CliResult) gds = { 0 };
  g_auto(CliResult) dec = { 0 };
  g_auto(CliResult) no_department = { 0 };
  g_auto(CliResult) validate = { 0 };
  g_auto(CliResult) status = { 0 };

  if (!welsh_available ())
    return;

  g_setenv ("LANGUAGE", "cy", TRUE);
  cli_run (&gds, NULL, "info", gds_sample, NULL);
  cli_run (&dec, NULL, "info", dec_sample, NULL);
  cli_run (&no_department, NULL, "status", gds_sample, "--department", "XYZ", NULL);
  cli_run (&validate, NULL, "validate", gds_sample, NULL);
  cli_run (&status, NULL, "status", gds_sample, "--department", "DfE", NULL);
  g_setenv ("LANGUAGE", "en_GB", TRUE);

  g_assert_cmpint (gds.status, ==, 0);
  g_assert_nonnull (strstr (gds.out, "\nAdrannau: 17\n"));
  g_assert_nonnull (strstr (gds.out, "\nCamau gweithredu: 16\n"));
  g_assert_null (strstr (gds.out, "Departments"));

  g_assert_cmpint (dec.status, ==, 0);
  g_assert_nonnull (strstr (dec.out, "\nOrganisations: "));
  g_assert_nonnull (strstr (dec.out, "\nRecommendations: 8\n"));

  g_assert_cmpint (no_department.status, !=, 0);
  g_assert_nonnull (strstr (no_department.err, "dim Adran “XYZ” yn y templed"));

  /* The core's findings name the place in the same words */
  g_assert_nonnull (strstr (validate.out, ": AGO / cam gweithredu 1 / "));
  g_assert_null (strstr (validate.out, "/ action 1 /"));

  /* How far each return has got, in the editor's Welsh words */
  g_assert_cmpint (status.status, ==, 0);
  g_assert_true (g_str_has_prefix (status.out, "DfE, Cam gweithredu 1: Cyflawn · 1 rhybudd\n"
                                               "DfE, Cam gweithredu 2: Heb ddechrau\n"));
}

/* Without a catalogue where STOCKTAKE_LOCALEDIR points, the messages are
 * the English ones, whole */
static void
test_cli_no_catalogue (void)
{
  g_autofree char *empty = cli_tmp_dir_new ("stocktake-no-locale");
  g_autofree char *locale_dir = g_strdup (g_getenv ("STOCKTAKE_LOCALEDIR"));
  g_auto(CliResult) unknown = { 0 };

  g_setenv ("LANGUAGE", "cy", TRUE);
  g_setenv ("STOCKTAKE_LOCALEDIR", empty, TRUE);
  cli_run (&unknown, NULL, "frobnicate", NULL);
  g_setenv ("LANGUAGE", "en_GB", TRUE);
  if (locale_dir != NULL)
    g_setenv ("STOCKTAKE_LOCALEDIR", locale_dir, TRUE);
  else
    g_unsetenv ("STOCKTAKE_LOCALEDIR");
  cli_tmp_dir_remove (empty);

  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "stocktake-cli: error: unknown command “frobnicate”\n"));
  g_assert_nonnull (strstr (unknown.err, "Usage: stocktake-cli COMMAND"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/translation/welsh-messages", test_cli_welsh_messages);
  g_test_add_func ("/cli/translation/welsh-template-words", test_cli_welsh_template_words);
  g_test_add_func ("/cli/translation/no-catalogue", test_cli_no_catalogue);

  return g_test_run ();
}
