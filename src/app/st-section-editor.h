/* st-section-editor.h: the heading and text of one section
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ST_TYPE_SECTION_EDITOR (st_section_editor_get_type ())

G_DECLARE_FINAL_TYPE (StSectionEditor, st_section_editor, ST, SECTION_EDITOR, AdwBin)

GtkWidget     *st_section_editor_new            (const char      *section_id,
                                                 const char      *heading,
                                                 gboolean         editable);

const char    *st_section_editor_get_section_id (StSectionEditor *self);
const char    *st_section_editor_get_heading    (StSectionEditor *self);
gboolean       st_section_editor_get_editable   (StSectionEditor *self);

/* The text as typed; never NULL */
char          *st_section_editor_get_text       (StSectionEditor *self);
/* Replaces the text without an undo step and without ::text-changed */
void           st_section_editor_set_text       (StSectionEditor *self,
                                                 const char      *text);
/* The same, even when the text is unchanged, and forgets what could be
 * undone: for an editor that goes on to show another submission */
void           st_section_editor_load_text      (StSectionEditor *self,
                                                 const char      *text);
guint          st_section_editor_get_word_count (StSectionEditor *self);

/* Text shown beside the editor for reference (the plan this progress
 * answers), or NULL for none */
void           st_section_editor_set_reference  (StSectionEditor *self,
                                                 const char      *heading,
                                                 const char      *text);

/* What the section lacks or has wrong, in words, or NULL when nothing */
void           st_section_editor_set_state      (StSectionEditor *self,
                                                 const char      *icon_name,
                                                 const char      *text);

/* The findings (of StFinding) the state counts, listed under the heading
 * when its count is pressed; NULL for none */
void           st_section_editor_set_findings   (StSectionEditor *self,
                                                 GPtrArray       *findings);
GtkListBox    *st_section_editor_get_findings_list (StSectionEditor *self);

/* The state as shown, or NULL when none is */
const char    *st_section_editor_get_state      (StSectionEditor *self);
GtkTextView   *st_section_editor_get_text_view  (StSectionEditor *self);
GtkTextBuffer *st_section_editor_get_buffer     (StSectionEditor *self);
void           st_section_editor_select_range   (StSectionEditor *self,
                                                 int              start,
                                                 int              end);

/* What is shown under the text: the section's comments */
void           st_section_editor_set_comments   (StSectionEditor *self,
                                                 GtkWidget       *comments);
GtkWidget     *st_section_editor_get_comments   (StSectionEditor *self);

/* Counts words as a reader would: runs of letters, digits and marks */
guint          st_count_words                   (const char      *text);

G_END_DECLS
