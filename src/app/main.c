/* main.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StApplication) application = NULL;
  const char *locale_dir = g_getenv ("STOCKTAKE_LOCALEDIR");

  /* Run from the build tree, the translations built there: see
   * build-aux/run-app.sh and meson devenv */
  bindtextdomain (GETTEXT_PACKAGE, locale_dir != NULL ? locale_dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = st_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
