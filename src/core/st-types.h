/* st-types.h: plain types shared across the Stocktake core
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _StTemplate   StTemplate;
typedef struct _StReport     StReport;
typedef struct _StSubmission StSubmission;

typedef enum {
  ST_SECTION_KIND_OTHER,
  ST_SECTION_KIND_COMMITMENT,
  ST_SECTION_KIND_PROGRESS,
  ST_SECTION_KIND_PLAN,
} StSectionKind;

typedef enum {
  ST_STATUS_DRAFT,
  ST_STATUS_SUBMITTED,
  ST_STATUS_RETURNED,
  ST_STATUS_APPROVED,
  ST_STATUS_PUBLISHED,
} StStatus;

/* The pieces of a template. A template owns them and never changes them
 * after loading, so callers may keep pointers for the template's lifetime.
 * Fields are read-only. */

typedef struct {
  char          *id;
  char          *heading;   /* exact published heading */
  StSectionKind  kind;
  int            year;      /* 0 when the section is about no year */
  guint          round;     /* index of the round that adds it; G_MAXUINT for preamble */
  guint          index;     /* position in st_template_get_section() order */
} StSection;

typedef struct {
  char      *id;
  char      *title;
  GPtrArray *sections;      /* of StSection*, owned by the template */
  guint      index;
} StRound;

typedef struct {
  char  *id;
  guint  number;            /* 0 when the item is not numbered */
  char  *title;             /* short title, used on the item's own page */
  char  *statement;         /* statement title, used on respondent pages */
  guint  starts;            /* index of the round reporting starts with */
  char  *note;              /* or NULL */
  char **sections;          /* or NULL: restricts the item to these section ids */
  guint  index;
} StItem;

typedef struct {
  char  *id;
  char  *name;              /* as published on item pages */
  char  *abbreviation;
  char **variants;          /* other published names, never NULL */
  guint  index;
} StRespondent;

const char    *st_section_kind_to_string (StSectionKind  kind);
gboolean       st_section_kind_from_string (const char  *str,
                                            StSectionKind *kind);
const char    *st_status_to_string        (StStatus       status);
gboolean       st_status_from_string      (const char    *str,
                                           StStatus      *status);
const char    *st_status_get_label        (StStatus       status);

G_END_DECLS
