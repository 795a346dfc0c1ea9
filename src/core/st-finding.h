/* st-finding.h: one problem that validation found, and where it is
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  ST_SEVERITY_ERROR,
  ST_SEVERITY_WARNING,
  ST_SEVERITY_INFO,
} StSeverity;

#define ST_TYPE_SEVERITY (st_severity_get_type ())

GType       st_severity_get_type    (void) G_GNUC_CONST;
/* "error", "warning", "info": the words the CLI and JSON output use */
const char *st_severity_to_string   (StSeverity   severity);
gboolean    st_severity_from_string (const char  *str,
                                     StSeverity  *severity);

#define ST_TYPE_FINDING (st_finding_get_type ())

G_DECLARE_FINAL_TYPE (StFinding, st_finding, ST, FINDING, GObject)

/* @start and @end are offsets in characters (not bytes) into the text of
 * @section_id, so that a GtkTextBuffer can select them; both are 0 when the
 * finding is about a whole submission or an empty section. */
StFinding  *st_finding_new              (const char  *rule_id,
                                         StSeverity   severity,
                                         const char  *respondent_id,
                                         const char  *item_id,
                                         const char  *section_id,
                                         guint        start,
                                         guint        end,
                                         const char  *message);

const char *st_finding_get_rule_id       (StFinding   *self);
StSeverity  st_finding_get_severity      (StFinding   *self);
const char *st_finding_get_respondent_id (StFinding   *self);
const char *st_finding_get_item_id       (StFinding   *self);
/* NULL when the finding is about the whole submission */
const char *st_finding_get_section_id    (StFinding   *self);
guint       st_finding_get_start         (StFinding   *self);
guint       st_finding_get_end           (StFinding   *self);
const char *st_finding_get_message       (StFinding   *self);

G_END_DECLS
