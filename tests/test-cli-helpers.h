/* test-cli-helpers.h: running stocktake-cli as a user runs it, for the CLI
 * tests
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one run of stocktake-cli did */
typedef struct {
  int   status;   /* the exit status */
  char *out;      /* everything it wrote to standard output */
  char *err;      /* and to standard error */
} CliResult;

void   cli_result_clear   (CliResult  *result);
void   cli_result_free    (CliResult  *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

/* Runs the stocktake-cli named by $STOCKTAKE_CLI with a NULL-terminated
 * list of arguments, in @cwd (NULL: the test's own), and waits for it.
 * Fails the test if it cannot start or does not exit normally. */
void   cli_run            (CliResult  *result,
                           const char *cwd,
                           const char *first,
                           ...) G_GNUC_NULL_TERMINATED;

/* The same in the test's own directory, returning a new result */
CliResult *cli_run_new    (const char *first,
                           ...) G_GNUC_NULL_TERMINATED;

/* A new empty directory for one test, and its removal with everything in it */
char  *cli_tmp_dir_new    (const char *prefix);
void   cli_tmp_dir_remove (const char *dir);

/* A file's contents, failing the test if it cannot be read */
char  *cli_read_file      (const char *path);

G_END_DECLS
