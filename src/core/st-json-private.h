/* st-json-private.h: reading JSON with errors that name the JSON path
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "st-error.h"

G_BEGIN_DECLS

/* What a file is meant to be, for the messages about it */
typedef enum {
  ST_JSON_FILE,     /* "The file is damaged at line L, column C: …" */
  ST_JSON_REPORT,   /* "The report is damaged at line L, column C: …" */
} StJsonKind;

/* Parses @data; on a syntax error fills @location with line and column,
 * and the message gives them too, with what is wrong in plain words */
JsonNode   *st_json_parse             (const char      *data,
                                       gssize           length,
                                       StErrorLocation *location,
                                       GError         **error);
JsonNode   *st_json_parse_full        (const char      *data,
                                       gssize           length,
                                       StJsonKind       kind,
                                       StErrorLocation *location,
                                       GError         **error);
typedef enum {
  ST_JSON_SNIFF_OBJECT,   /* "{", as every file Stocktake writes starts; or empty */
  ST_JSON_SNIFF_PAGE,     /* HTML or XML ("<"), or text that starts with a word */
  ST_JSON_SNIFF_OTHER,    /* anything else: other JSON, or not text at all */
} StJsonSniff;

/* What @data looks like from its first bytes, before it is parsed */
StJsonSniff st_json_sniff             (const char      *data,
                                       gsize            length);

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

/* Writes JSON as it goes, laid out as st_json_to_data() lays it out, with
 * no tree in between: into memory, or to @stream a piece at a time. Values
 * in an object have a member name, those in an array and at the top none. */
typedef struct _StJsonWriter StJsonWriter;

StJsonWriter *st_json_writer_new           (GOutputStream  *stream,
                                            GCancellable   *cancellable);
void          st_json_writer_free          (StJsonWriter   *self);
void          st_json_writer_begin_object  (StJsonWriter   *self,
                                            const char     *member);
void          st_json_writer_end_object    (StJsonWriter   *self);
void          st_json_writer_begin_array   (StJsonWriter   *self,
                                            const char     *member);
void          st_json_writer_end_array     (StJsonWriter   *self);
void          st_json_writer_add_string    (StJsonWriter   *self,
                                            const char     *member,
                                            const char     *value);
void          st_json_writer_add_int       (StJsonWriter   *self,
                                            const char     *member,
                                            gint64          value);
void          st_json_writer_add_boolean   (StJsonWriter   *self,
                                            const char     *member,
                                            gboolean        value);
void          st_json_writer_add_node      (StJsonWriter   *self,
                                            const char     *member,
                                            JsonNode       *node);
/* With a stream: writes the final newline and what is left; FALSE if any
 * write failed */
gboolean      st_json_writer_finish        (StJsonWriter   *self,
                                            GError        **error);
/* Without one: the whole text, with its final newline */
char         *st_json_writer_free_to_data  (StJsonWriter   *self,
                                            gsize          *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StJsonWriter, st_json_writer_free)

G_END_DECLS
