/* st-error.h
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ST_ERROR (st_error_quark ())

typedef enum {
  ST_ERROR_SYNTAX,        /* not well-formed JSON; line and column known */
  ST_ERROR_STRUCTURE,     /* well-formed, but not a valid report: JSON path known */
  ST_ERROR_VERSION,       /* written by a newer Stocktake */
  ST_ERROR_NOT_FOUND,     /* an id that does not exist */
  ST_ERROR_REFUSED,       /* an operation the rules do not allow */
  ST_ERROR_CONFLICT,      /* the file changed on disk */
  ST_ERROR_PAGE,          /* a published page (HTML or text), to import rather than open */
  ST_ERROR_NOT_APPROVED,  /* a page for publication with nothing approved on it */
} StError;

GQuark st_error_quark (void);

/* Where a load error was found. line and column count from 1; 0 when not
 * known. path is a JSON path such as "$.submissions[3].status", or NULL. */
typedef struct {
  guint  line;
  guint  column;
  char  *path;
} StErrorLocation;

void  st_error_location_clear  (StErrorLocation *location);
char *st_error_location_format (const StErrorLocation *location,
                                const char            *filename,
                                const char            *severity,
                                const char            *message);

G_END_DECLS
