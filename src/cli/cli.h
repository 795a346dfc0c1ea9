/* cli.h: the commands of stocktake-cli
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "stocktake-core.h"

G_BEGIN_DECLS

/* Exit statuses, the same for every command */
#define CLI_EXIT_OK      0
#define CLI_EXIT_INPUT   1  /* a problem in the input: invalid report, findings with errors */
#define CLI_EXIT_USAGE   2  /* wrong arguments, or a file that cannot be read or written */

typedef int (*CliCommandFunc) (int argc, char **argv);

typedef struct {
  const char     *name;
  const char     *summary;    /* untranslated; translated when shown */
  CliCommandFunc  func;
} CliCommand;

/* Each returns an exit status. argv[0] is the command's name. */
int cli_command_new      (int argc, char **argv);
int cli_command_info     (int argc, char **argv);
int cli_command_import   (int argc, char **argv);
int cli_command_export   (int argc, char **argv);
int cli_command_validate (int argc, char **argv);
int cli_command_pack     (int argc, char **argv);
int cli_command_merge    (int argc, char **argv);
int cli_command_status   (int argc, char **argv);
int cli_command_new_round (int argc, char **argv);

/* Helpers shared by the commands */

/* Parses options; prints the error and returns FALSE on a usage error */
gboolean  cli_parse_options   (GOptionContext  *context,
                               int             *argc,
                               char          ***argv);
/* Loads a report, printing FILE:LINE:COLUMN: error: … on failure and setting
 * *status to the exit status to return */
StReport *cli_load_report     (const char      *filename,
                               int             *status);
/* A respondent named by id, abbreviation, name or variant, or an item by
 * id or number; print an error and return NULL when there is none */
const StRespondent *cli_find_respondent (StTemplate *template,
                                         const char *name);
const StItem       *cli_find_item       (StTemplate *template,
                                         const char *name);
/* Adds the members that name a submission in --format json output:
 * "respondent", "abbreviation", "item" and "number" */
void      cli_json_add_submission (JsonBuilder        *builder,
                                   const StRespondent *respondent,
                                   const StItem       *item);
/* Prints "PROGRAM: error: message" */
void      cli_error           (const char      *format,
                               ...) G_GNUC_PRINTF (1, 2);
/* Takes @object and leaves it for the system to reclaim when the command
 * exits: freeing a large report's tens of thousands of strings one by one
 * is a measurable part of a command's time. It stays reachable, so leak
 * checkers do not count it. */
void      cli_keep_until_exit (gpointer         object);

G_END_DECLS
