/* st-bench-app.h: what the benchmarks of the editor's window share
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "st-application.h"

G_BEGIN_DECLS

/* The value below which @fraction of @values (doubles) lie, by nearest
 * rank: 0.5 is the median (the lower middle of an even count), 1.0 the
 * largest */
double          st_bench_rank              (GArray     *values,
                                            double      fraction);

/* Parses @program's options, @entries, leaving the report's name in
 * *@argv; FALSE, saying why on standard error, when they are wrong */
gboolean        st_bench_parse_options     (const char         *program,
                                            const char         *summary,
                                            const GOptionEntry *entries,
                                            int                *argc,
                                            char             ***argv);

/* Handles whatever the main loop has pending */
void            st_bench_drain             (void);

/* Opens the display with animations off, which are not the editor's
 * work; FALSE, saying so on standard error as @program, when there is
 * none */
gboolean        st_bench_init_display      (const char *program);

/* The editor's application, registered to run beside any other, or NULL
 * after saying why on standard error as @program */
StApplication  *st_bench_application_new   (const char *program);

G_END_DECLS
