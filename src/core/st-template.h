/* st-template.h: the reporting template
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "st-error.h"
#include "st-types.h"

G_BEGIN_DECLS

#define ST_TYPE_TEMPLATE (st_template_get_type ())

G_DECLARE_FINAL_TYPE (StTemplate, st_template, ST, TEMPLATE, GObject)

/* Layout keys: see docs/file-format.md */
#define ST_LAYOUT_ITEM_TITLE              "item-title"
#define ST_LAYOUT_ITEM_INTRO              "item-intro"
#define ST_LAYOUT_RESPONDENT_TITLE        "respondent-title"
#define ST_LAYOUT_RESPONDENT_ITEM_HEADING "respondent-item-heading"
#define ST_LAYOUT_UPDATED                 "updated"
#define ST_LAYOUT_DOCUMENT_TITLE          "document-title"
#define ST_LAYOUT_NOT_APPLICABLE          "not-applicable"
/* Optional: what some published series add around the above */
#define ST_LAYOUT_DOCUMENT_TYPE           "document-type"
#define ST_LAYOUT_DOCUMENT_INTRO          "document-intro"
#define ST_LAYOUT_ITEMS_HEADING           "items-heading"
#define ST_LAYOUT_RESPONDENT_HEADING      "respondent-heading"
#define ST_LAYOUT_TEXT_BULLET             "text-bullet"
#define ST_LAYOUT_TEXT_SEPARATOR          "text-separator"

/* Words: see docs/file-format.md */
#define ST_WORD_ITEM        "item"
#define ST_WORD_ITEMS       "items"
#define ST_WORD_RESPONDENT  "respondent"
#define ST_WORD_RESPONDENTS "respondents"

const char * const *st_template_list_builtin     (void);
StTemplate         *st_template_new_builtin      (const char   *id,
                                                  GError      **error);
StTemplate         *st_template_new_from_file    (const char   *filename,
                                                  StErrorLocation *location,
                                                  GError      **error);
StTemplate         *st_template_new_from_json    (JsonNode     *node,
                                                  const char   *json_path,
                                                  StErrorLocation *location,
                                                  GError      **error);
JsonNode           *st_template_to_json          (StTemplate   *self);
/* A copy of @self in which item @item_id has @title and @statement
 * (either NULL to keep the one it has): templates never change, so a title
 * learnt from a published page makes a new template. */
StTemplate         *st_template_new_with_item_titles (StTemplate *self,
                                                  const char   *item_id,
                                                  const char   *title,
                                                  const char   *statement,
                                                  GError      **error);
/* A copy of @self with one more round: the last round's sections a year
 * on ("Progress during 2014" and "Planned activities in 2015" make
 * "Progress during 2015" and "Planned activities in 2016"), with the years
 * in their ids, headings, and the round's id and title moved on by one.
 * Fails with ST_ERROR_REFUSED when the last round's id, or a section's id
 * or heading, names no year to continue from. */
StTemplate         *st_template_new_with_next_round (StTemplate *self,
                                                  GError      **error);

const char         *st_template_get_id           (StTemplate   *self);
const char         *st_template_get_title        (StTemplate   *self);
/* The template's word for @key, exactly as its pages publish it */
const char         *st_template_get_word         (StTemplate   *self,
                                                  const char   *key);
/* The same word as the interface shows it: translated where it is the
 * standard English word ("Department", "Actions"), as written where the
 * template has words of its own ("Organisation") */
const char         *st_template_get_display_word (StTemplate   *self,
                                                  const char   *key);
const char         *st_template_get_layout       (StTemplate   *self,
                                                  const char   *key);
const char * const *st_template_get_layout_lines (StTemplate   *self,
                                                  const char   *key);
/* Whether each respondent's answer on an item page and in the whole
 * document has the respondent's name over it: FALSE when the layout's
 * "respondent-heading" is empty (a template with one respondent) */
gboolean            st_template_has_respondent_headings (StTemplate *self);
/* What the text format writes before a bullet's text: "- " unless the
 * layout's "text-bullet" says otherwise */
const char         *st_template_get_text_bullet  (StTemplate   *self);
/* What the text format writes between two blocks other than two bullets
 * of one list: "\n" unless the layout's "text-separator" says otherwise */
const char         *st_template_get_text_separator (StTemplate *self);

guint               st_template_get_n_rounds     (StTemplate   *self);
const StRound      *st_template_get_round        (StTemplate   *self,
                                                  guint         index);
const StRound      *st_template_find_round       (StTemplate   *self,
                                                  const char   *id);

/* Every section of every round, in round order */
guint               st_template_get_n_sections   (StTemplate   *self);
const StSection    *st_template_get_section      (StTemplate   *self,
                                                  guint         index);
const StSection    *st_template_find_section     (StTemplate   *self,
                                                  const char   *id);
/* The section answered by a progress section: the plan for the same year */
const StSection    *st_template_find_plan_for    (StTemplate   *self,
                                                  const StSection *progress);

guint               st_template_get_n_preamble   (StTemplate   *self);
const StSection    *st_template_get_preamble     (StTemplate   *self,
                                                  guint         index);

guint               st_template_get_n_items      (StTemplate   *self);
const StItem       *st_template_get_item         (StTemplate   *self,
                                                  guint         index);
const StItem       *st_template_find_item        (StTemplate   *self,
                                                  const char   *id);
const StItem       *st_template_find_item_by_number (StTemplate *self,
                                                  guint         number);

guint               st_template_get_n_respondents (StTemplate  *self);
const StRespondent *st_template_get_respondent   (StTemplate   *self,
                                                  guint         index);
const StRespondent *st_template_find_respondent  (StTemplate   *self,
                                                  const char   *id);
/* Matches the name, the abbreviation or a variant, ignoring case */
const StRespondent *st_template_match_respondent (StTemplate   *self,
                                                  const char   *text);

/* Whether @item is reported on in @section */
gboolean            st_template_item_has_section (StTemplate      *self,
                                                  const StItem    *item,
                                                  const StSection *section);
/* The sections @item is reported on in, up to and including round
 * @up_to_round (G_MAXUINT for all), in order. Free with g_ptr_array_unref. */
GPtrArray          *st_template_item_sections    (StTemplate   *self,
                                                  const StItem *item,
                                                  guint         up_to_round);

/* Expands {number}, {title}, {statement}, {name}, {abbreviation}, {date}.
 * Any of item, respondent and date may be NULL. */
char               *st_template_expand           (StTemplate         *self,
                                                  const char         *pattern,
                                                  const StItem       *item,
                                                  const StRespondent *respondent,
                                                  GDate              *date);

/* "16 January 2015": always English, as published */
char               *st_format_date               (const GDate  *date);
gboolean            st_parse_date                (const char   *text,
                                                  GDate        *date);
/* Reads a date as someone types it: what st_parse_date() reads, and
 * "15/01/2016" or "15/1/2016", day first as in the UK */
gboolean            st_parse_typed_date          (const char   *text,
                                                  GDate        *date);

G_END_DECLS
