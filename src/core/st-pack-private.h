/* st-pack-private.h: the record of an issued pack, shared by st-pack.c
 * and st-merge.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "st-pack.h"

G_BEGIN_DECLS

/* One submission's state, as fingerprints of its texts */
typedef struct {
  StStatus    status;
  char       *not_applicable;   /* fingerprint of the reason, or NULL */
  GHashTable *sections;         /* section id → fingerprint of the text */
  GHashTable *resolved;         /* ids of the resolved comments (a set) */
  guint       history;          /* number of history entries */
} StPackState;

/* What the report keeps of an issued pack. The two bases hold the state of
 * each of the department's submissions (item id → StPackState*) as the
 * pack last had it and as the report last had it: at the issue, then after
 * each merge. A change on one side is a difference from its own base. */
typedef struct {
  char       *id;
  char       *respondent_id;
  char       *issued;
  char       *template_fingerprint;
  char       *merged;
  guint       n_merges;
  GHashTable *pack_base;
  GHashTable *report_base;
} StPackIssue;

/* The fingerprint of a text, NULL for NULL: the first 32 hex digits of its
 * SHA-256 */
char        *st_pack_hash            (const char    *text);

/* @submission may be NULL: no submission is a draft with nothing in it */
StPackState *st_pack_state_new      (StSubmission  *submission);
void         st_pack_state_free     (StPackState   *state);

void         st_pack_issue_free     (StPackIssue   *issue);
/* The issue of the pack @id recorded in @report; NULL with ST_ERROR_NOT_FOUND
 * when there is none, or ST_ERROR_STRUCTURE when the record is damaged */
StPackIssue *st_pack_issue_find     (StReport      *report,
                                     const char    *id,
                                     GError       **error);
/* Sets both bases from the respondent's submissions in @pack and @report */
void         st_pack_issue_set_base (StPackIssue   *issue,
                                     StReport      *pack,
                                     StReport      *report);
/* Writes @issue into @report's record, replacing the one with its id */
void         st_pack_issue_store    (StPackIssue   *issue,
                                     StReport      *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StPackState, st_pack_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StPackIssue, st_pack_issue_free)

G_END_DECLS
