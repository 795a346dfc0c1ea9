/* st-drafts.h: unsaved edits kept on disk until they are saved
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "st-report.h"

G_BEGIN_DECLS

#define ST_DRAFT_FORMAT         "stocktake-draft"
#define ST_DRAFT_FORMAT_VERSION 1

/* A draft on disk */
typedef struct {
  char      *filename;    /* the report file it belongs to (absolute) */
  char      *path;        /* the draft file */
  GDateTime *saved;       /* when the draft was written, UTC */
  char      *file_checksum; /* SHA-256 (hex) of the report file as it was when
                             * the draft's edits began, NULL if not known */
} StDraftInfo;

StDraftInfo *st_draft_info_copy (const StDraftInfo *info);
void         st_draft_info_free (StDraftInfo       *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StDraftInfo, st_draft_info_free)

typedef enum {
  ST_DRAFT_CHANGE_TEXT,            /* a section's text */
  ST_DRAFT_CHANGE_NOT_APPLICABLE,  /* the not-applicable mark or reason */
  ST_DRAFT_CHANGE_STATUS,
  ST_DRAFT_CHANGE_OTHER,           /* comments, history */
  ST_DRAFT_CHANGE_REPORT,          /* the report's date, round or preamble */
} StDraftChangeKind;

/* One difference between a report and its draft */
typedef struct {
  StDraftChangeKind  kind;
  char              *respondent_id;  /* NULL for ST_DRAFT_CHANGE_REPORT */
  char              *item_id;        /* NULL for ST_DRAFT_CHANGE_REPORT */
  char              *section_id;     /* for ST_DRAFT_CHANGE_TEXT and preamble text, else NULL */
} StDraftChange;

void         st_draft_change_free (StDraftChange *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StDraftChange, st_draft_change_free)

#define ST_TYPE_DRAFTS (st_drafts_get_type ())

G_DECLARE_FINAL_TYPE (StDrafts, st_drafts, ST, DRAFTS, GObject)

/* Drafts kept in @directory; NULL means g_get_user_data_dir()/stocktake/drafts */
StDrafts    *st_drafts_new           (const char   *directory);
const char  *st_drafts_get_directory (StDrafts     *self);

/* Where the draft of the report file @filename goes: one draft per file,
 * whatever relative path or ".." names it */
char        *st_drafts_get_path      (StDrafts     *self,
                                      const char   *filename);
/* Writes @report as the draft of @filename, replacing any earlier draft
 * whole (a crash part-way leaves the earlier draft). @file_checksum, if
 * not NULL, is the SHA-256 (hex) of the report file the edits were made
 * on, so that whoever restores the draft can tell whether the file has
 * changed since. */
gboolean     st_drafts_write         (StDrafts     *self,
                                      const char   *filename,
                                      StReport     *report,
                                      const char   *file_checksum,
                                      GError      **error);
gboolean     st_drafts_has_draft     (StDrafts     *self,
                                      const char   *filename);
/* The draft of @filename; G_FILE_ERROR_NOENT when there is none, and
 * ST_ERROR_STRUCTURE when it is not a draft or belongs to another file.
 * @info, if not NULL, receives the draft's details. */
StReport    *st_drafts_read          (StDrafts     *self,
                                      const char   *filename,
                                      StDraftInfo **info,
                                      GError      **error);
/* Removes the draft of @filename; no draft is not an error */
gboolean     st_drafts_discard       (StDrafts     *self,
                                      const char   *filename,
                                      GError      **error);
/* Every readable draft, newest first (of StDraftInfo). Files in the
 * directory that are not drafts are left alone. A missing directory
 * means no drafts. */
GPtrArray   *st_drafts_list          (StDrafts     *self,
                                      GError      **error);

/* What @draft changes in @saved (of StDraftChange), in template order:
 * report-level changes first, then by department and action */
GPtrArray   *st_drafts_compare       (StReport     *saved,
                                      StReport     *draft);

G_END_DECLS
