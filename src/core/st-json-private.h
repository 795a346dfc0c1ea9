/* st-json-private.h: reading JSON with errors that name the JSON path
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "st-error.h"

G_BEGIN_DECLS

/* Parses @data; on a syntax error fills @location with line and column */
JsonNode   *st_json_parse             (const char      *data,
                                       gssize           length,
                                       StErrorLocation *location,
                                       GError         **error);

/* Each fails with ST_ERROR_STRUCTURE and a message naming "@path.member"
 * (and sets location->path) when the member is missing (if required) or of
 * the wrong type. */
JsonObject *st_json_object            (JsonNode        *node,
                                       const char      *path,
                                       StErrorLocation *location,
                                       GError         **error);
gboolean    st_json_get_string        (JsonObject      *object,
                                       const char      *path,
                                       const char      *member,
                                       gboolean         required,
                                       const char     **value,
                                       StErrorLocation *location,
                                       GError         **error);
gboolean    st_json_get_int           (JsonObject      *object,
                                       const char      *path,
                                       const char      *member,
                                       gboolean         required,
                                       gint64          *value,
                                       StErrorLocation *location,
                                       GError         **error);
gboolean    st_json_get_bool          (JsonObject      *object,
                                       const char      *path,
                                       const char      *member,
                                       gboolean        *value,
                                       StErrorLocation *location,
                                       GError         **error);
/* *value is NULL when the member is missing and not required */
gboolean    st_json_get_array         (JsonObject      *object,
                                       const char      *path,
                                       const char      *member,
                                       gboolean         required,
                                       JsonArray      **value,
                                       StErrorLocation *location,
                                       GError         **error);
gboolean    st_json_get_object        (JsonObject      *object,
                                       const char      *path,
                                       const char      *member,
                                       gboolean         required,
                                       JsonObject     **value,
                                       StErrorLocation *location,
                                       GError         **error);
/* A NULL-terminated array of the strings in the member; NULL when it is
 * missing */
gboolean    st_json_get_strv          (JsonObject      *object,
                                       const char      *path,
                                       const char      *member,
                                       char          ***value,
                                       StErrorLocation *location,
                                       GError         **error);
void        st_json_set_error         (StErrorLocation *location,
                                       GError         **error,
                                       const char      *path,
                                       const char      *format,
                                       ...) G_GNUC_PRINTF (4, 5);

/* Pretty-printed with two spaces and a final newline */
char       *st_json_to_data           (JsonNode        *node,
                                       gsize           *length);

G_END_DECLS
