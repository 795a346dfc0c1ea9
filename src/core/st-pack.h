/* st-pack.h: department packs, the part of a report one department
 * works on offline
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "st-report.h"

G_BEGIN_DECLS

/* The fingerprint of a template, "sha256:" and the digest of its JSON:
 * any change to the template changes it */
char       *st_pack_fingerprint       (StTemplate  *template);

/* Makes @respondent_id's pack from @report: a report with the same
 * template, round, date and switched-off rules, that department's
 * submissions with their comments and history, and nothing of any other
 * department (nor the preamble, which the central team writes). The pack
 * records its respondent, the time, @source_name (the report's file name,
 * or NULL), a new id and the template's fingerprint
 * (st_report_get_pack_*()).
 *
 * @report records the issue (st_pack_list_issued()) with the state of the
 * department's submissions, which st_merge_new() needs to tell the
 * department's changes from the central team's: save @report too.
 *
 * Fails with ST_ERROR_NOT_FOUND for an unknown respondent and
 * ST_ERROR_REFUSED when @report is itself a pack. */
StReport   *st_pack_new               (StReport    *report,
                                       const char  *respondent_id,
                                       const char  *source_name,
                                       GError     **error);

/* A pack as the report that issued it records it */
typedef struct {
  char  *id;
  char  *respondent_id;
  char  *issued;               /* ISO 8601 UTC */
  char  *template_fingerprint;
  char  *merged;               /* when it was last merged, or NULL */
  guint  n_merges;
} StPackRecord;

void        st_pack_record_free       (StPackRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StPackRecord, st_pack_record_free)

/* The packs issued from @report, oldest first (of StPackRecord); free with
 * g_ptr_array_unref. Records that cannot be read are left out. */
GPtrArray  *st_pack_list_issued       (StReport    *report);

G_END_DECLS
