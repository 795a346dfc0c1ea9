/* st-views.c: the published views of a report, as documents of blocks
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Section text is CommonMark. cmark finds the blocks (paragraphs, lists and
 * their items) and where each starts and ends in the source; the text of a
 * block is then taken verbatim from those source lines, never from cmark's
 * rendering of inlines, which would turn "*emphasis*" into emphasis, "&amp;"
 * into "&" and drop backslashes. Published text has no inline markup, so
 * every character is kept as written.
 */

#include "config.h"

#include <cmark.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "st-document.h"
#include "st-views-private.h"

typedef struct {
  const char *start;
  gsize       length;
} Line;

/* Splits like cmark does: "\n", "\r\n" and "\r" all end a line */
static GArray *
split_lines (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  const char *p = text;

  while (TRUE)
    {
      Line line = { p, 0 };

      while (p[line.length] != '\0' && p[line.length] != '\n' && p[line.length] != '\r')
        line.length++;
      g_array_append_val (lines, line);
      p += line.length;
      if (*p == '\0')
        break;
      if (p[0] == '\r' && p[1] == '\n')
        p += 2;
      else
        p++;
      if (*p == '\0')
        break;
    }
  return lines;
}

/* Appends source lines @first to @last (1-based), the first from byte
 * column @column (1-based), the others without their indentation, joined
 * by single spaces as CommonMark joins soft line breaks. */
static void
append_source (GString *out,
               GArray  *lines,
               int      first,
               int      last,
               int      column)
{
  for (int n = first; n <= last && n >= 1 && (guint) n <= lines->len; n++)
    {
      const Line *line = &g_array_index (lines, Line, n - 1);
      gsize skip = 0;

      if (n == first)
        skip = column > 1 ? MIN ((gsize) column - 1, line->length) : 0;
      else
        while (skip < line->length && (line->start[skip] == ' ' || line->start[skip] == '\t'))
          skip++;

      if (skip >= line->length)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, line->start + skip, line->length - skip);
    }
}

/* The character an item's marker starts with */
static char
list_marker (cmark_node *entry,
             GArray     *lines)
{
  int n = cmark_node_get_start_line (entry);
  int column = cmark_node_get_start_column (entry);
  const Line *line;

  if (n < 1 || (guint) n > lines->len)
    return '\0';
  line = &g_array_index (lines, Line, n - 1);
  if (column < 1 || (gsize) column > line->length)
    return '\0';
  return line->start[column - 1];
}

static void
add_list (StDocument *document,
          cmark_node *list,
          GArray     *lines,
          const char *respondent_id,
          const char *item_id,
          const char *section_id)
{
  gboolean bullet = cmark_node_get_list_type (list) == CMARK_BULLET_LIST;

  for (cmark_node *entry = cmark_node_first_child (list);
       entry != NULL;
       entry = cmark_node_next (entry))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      if (!bullet || list_marker (entry, lines) != '-')
        {
          /* Ordered lists and "*" or "+" lists stay as written, marker and
           * all: the published format has "- " bullets only */
          append_source (text, lines,
                         cmark_node_get_start_line (entry),
                         cmark_node_get_end_line (entry), 1);
          if (text->len > 0)
            st_document_append (document, ST_BLOCK_PARAGRAPH, 0, text->str, NULL,
                                respondent_id, item_id, section_id);
          continue;
        }

      for (cmark_node *child = cmark_node_first_child (entry);
           child != NULL;
           child = cmark_node_next (child))
        {
          if (cmark_node_get_type (child) == CMARK_NODE_LIST)
            {
              /* Nested lists are flattened: the published pages have one level */
              if (text->len > 0)
                {
                  st_document_append (document, ST_BLOCK_BULLET, 0, text->str, NULL,
                                      respondent_id, item_id, section_id);
                  g_string_truncate (text, 0);
                }
              add_list (document, child, lines, respondent_id, item_id, section_id);
              continue;
            }
          append_source (text, lines,
                         cmark_node_get_start_line (child),
                         cmark_node_get_end_line (child),
                         cmark_node_get_start_column (child));
        }
      if (text->len > 0 || cmark_node_first_child (entry) == NULL)
        st_document_append (document, ST_BLOCK_BULLET, 0, text->str, NULL,
                            respondent_id, item_id, section_id);
    }
}

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

typedef struct {
  StBlockKind  kind;
  const char  *start;
  gsize        length;
  gsize        extra;    /* further lines of a paragraph, up to start + extra */
} Plain;

static gboolean
starts_plainly (const char *p)
{
  return g_ascii_isalpha (*p) || (guchar) *p >= 0x80;
}

/* Most text is paragraphs whose lines start with a letter, and "- " bullets
 * whose text does: no CommonMark construct starts that way, so cmark would
 * find exactly these blocks, and the text can be split without it.
 * Returns FALSE, having added nothing, for any other text. */
static gboolean
append_plain_text (StDocument *document,
                   const char *text,
                   const char *respondent_id,
                   const char *item_id,
                   const char *section_id)
{
  g_autoptr(GArray) blocks = g_array_sized_new (FALSE, FALSE, sizeof (Plain), 8);
  g_autoptr(GString) scratch = NULL;
  enum { BLANK, PARAGRAPH, BULLET } previous = BLANK;
  const char *p = text;

  while (*p != '\0')
    {
      const char *eol = strchr (p, '\n');
      gsize length = eol != NULL ? (gsize) (eol - p) : strlen (p);

      if (memchr (p, '\r', length) != NULL)
        return FALSE;

      if (is_blank (p, length))
        previous = BLANK;
      else if (p[0] == '-' && p[1] == ' ' && starts_plainly (p + 2))
        {
          Plain block = { ST_BLOCK_BULLET, p + 2, length - 2, 0 };

          g_array_append_val (blocks, block);
          previous = BULLET;
        }
      else if (starts_plainly (p))
        {
          if (previous == BULLET)
            return FALSE;   /* a lazy continuation of the bullet */
          if (previous == PARAGRAPH)
            g_array_index (blocks, Plain, blocks->len - 1).extra = (p + length) - g_array_index (blocks, Plain, blocks->len - 1).start;
          else
            {
              Plain block = { ST_BLOCK_PARAGRAPH, p, length, 0 };

              g_array_append_val (blocks, block);
            }
          previous = PARAGRAPH;
        }
      else
        return FALSE;

      p += length;
      if (*p == '\n')
        p++;
    }

  scratch = g_string_sized_new (256);
  for (guint i = 0; i < blocks->len; i++)
    {
      const Plain *block = &g_array_index (blocks, Plain, i);

      g_string_truncate (scratch, 0);
      g_string_append_len (scratch, block->start, block->extra > 0 ? block->extra : block->length);
      /* Soft line breaks join the lines with a space, as in cmark's */
      if (block->extra > 0)
        g_strdelimit (scratch->str, "\n", ' ');
      st_document_append (document, block->kind, 0, scratch->str, NULL, respondent_id, item_id, section_id);
    }
  return TRUE;
}

static void
append_text_full (StDocument *document,
                  const char *text,
                  gboolean    shortcut,
                  const char *respondent_id,
                  const char *item_id,
                  const char *section_id)
{
  g_autoptr(GArray) lines = NULL;
  cmark_node *root;
  int next_line = 1;

  if (text == NULL || *text == '\0')
    return;
  if (shortcut && append_plain_text (document, text, respondent_id, item_id, section_id))
    return;

  lines = split_lines (text);
  root = cmark_parse_document (text, strlen (text), CMARK_OPT_DEFAULT);

  for (cmark_node *node = cmark_node_first_child (root);
       node != NULL || next_line <= (int) lines->len;
       node = node != NULL ? cmark_node_next (node) : NULL)
    {
      int first = node != NULL ? cmark_node_get_start_line (node) : (int) lines->len + 1;
      int last = node != NULL ? cmark_node_get_end_line (node) : (int) lines->len;

      /* Lines that became no block at all, such as "[ref]: /url" (a link
       * reference definition), stay text as written */
      for (; next_line < first && next_line <= (int) lines->len; next_line++)
        {
          const Line *line = &g_array_index (lines, Line, next_line - 1);
          g_autofree char *copy = NULL;

          if (is_blank (line->start, line->length))
            continue;
          copy = g_strndup (line->start, line->length);
          st_document_append (document, ST_BLOCK_PARAGRAPH, 0, copy, NULL,
                              respondent_id, item_id, section_id);
        }
      if (node == NULL)
        break;
      next_line = MAX (next_line, last + 1);

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_LIST:
          add_list (document, node, lines, respondent_id, item_id, section_id);
          break;

        case CMARK_NODE_PARAGRAPH:
          {
            g_autoptr(GString) para = g_string_new (NULL);

            append_source (para, lines, first, last, 1);
            st_document_append (document, ST_BLOCK_PARAGRAPH, 0, para->str, NULL,
                                respondent_id, item_id, section_id);
          }
          break;

        default:
          /* Headings, quotes, code, HTML and rules are not part of the
           * published format: each of their lines stays a literal paragraph */
          for (int n = first; n <= last && (guint) n <= lines->len; n++)
            {
              const Line *line = &g_array_index (lines, Line, n - 1);
              g_autofree char *copy = NULL;

              if (is_blank (line->start, line->length))
                continue;
              if (line->length >= 2 && line->start[0] == '-' && line->start[1] == ' ')
                {
                  /* An HTML block or code runs on over what was a bullet */
                  copy = g_strndup (line->start + 2, line->length - 2);
                  st_document_append (document, ST_BLOCK_BULLET, 0, copy, NULL,
                                      respondent_id, item_id, section_id);
                  continue;
                }
              copy = g_strndup (line->start, line->length);
              st_document_append (document, ST_BLOCK_PARAGRAPH, 0, copy, NULL,
                                  respondent_id, item_id, section_id);
            }
          break;
        }
    }

  cmark_node_free (root);
}

static void
append_text (StDocument *document,
             const char *text,
             const char *respondent_id,
             const char *item_id,
             const char *section_id)
{
  append_text_full (document, text, TRUE, respondent_id, item_id, section_id);
}

void
st_views_append_text (StDocument *document,
                      const char *text,
                      gboolean    shortcut)
{
  g_return_if_fail (ST_IS_DOCUMENT (document));

  append_text_full (document, text, shortcut, NULL, NULL, NULL);
}

/* An id usable as an HTML fragment: ASCII letters and digits, lower case,
 * other runs of characters as one "-" */
static char *
make_anchor (const char *first,
             ...)
{
  GString *out = g_string_new (NULL);
  va_list args;
  gboolean dash = FALSE;

  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    {
      if (out->len > 0)
        dash = TRUE;
      for (const char *p = part; *p != '\0'; p++)
        {
          if (g_ascii_isalnum (*p))
            {
              if (dash && out->len > 0)
                g_string_append_c (out, '-');
              dash = FALSE;
              g_string_append_c (out, g_ascii_tolower (*p));
            }
          else
            dash = TRUE;
        }
    }
  va_end (args);

  if (out->len == 0 || !g_ascii_isalpha (out->str[0]))
    g_string_prepend (out, "s-");
  return g_string_free (out, FALSE);
}

typedef struct {
  StReport   *report;
  StTemplate *template;
  StDocument *document;
  GDate      *updated;
  guint       round;
  StViewContent content;
} View;

static void
add_heading (View       *view,
             guint       level,
             const char *text,
             const char *anchor,
             const char *respondent_id,
             const char *item_id,
             const char *section_id)
{
  st_document_append (view->document, ST_BLOCK_HEADING, level, text, anchor,
                      respondent_id, item_id, section_id);
}

static void
add_layout (View               *view,
            StBlockKind         kind,
            guint               level,
            const char         *key,
            const StItem       *item,
            const StRespondent *respondent,
            const char         *anchor)
{
  g_autofree char *text = st_template_expand (view->template,
                                              st_template_get_layout (view->template, key),
                                              item, respondent, view->updated);

  if (text == NULL || *text == '\0')
    return;
  st_document_append (view->document, kind, level, text, anchor,
                      respondent != NULL ? respondent->id : NULL,
                      item != NULL ? item->id : NULL, NULL);
}

static void
add_updated (View *view)
{
  if (view->updated != NULL)
    add_layout (view, ST_BLOCK_META, 0, ST_LAYOUT_UPDATED, NULL, NULL, NULL);
}

/* A new document in the template's text layout, with its document type
 * (such as GOV.UK's "Transparency data") above the title */
static void
begin_document (View       *view,
                const char *name,
                const char *title)
{
  view->document = st_document_new (name, title, view->updated);
  st_document_set_text_layout (view->document,
                               st_template_get_text_bullet (view->template),
                               st_template_get_text_separator (view->template));
  add_layout (view, ST_BLOCK_META, 0, ST_LAYOUT_DOCUMENT_TYPE, NULL, NULL, NULL);
}

static gboolean
is_approved (StSubmission *submission)
{
  StStatus status = st_submission_get_status (submission);

  return status == ST_STATUS_APPROVED || status == ST_STATUS_PUBLISHED;
}

/* Whether @submission has anything for @sections, whatever its status */
static gboolean
has_answer (StSubmission *submission,
            GPtrArray    *sections)
{
  if (submission == NULL)
    return FALSE;
  if (st_submission_get_not_applicable (submission))
    return TRUE;
  for (guint i = 0; i < sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (sections, i);

      if (st_submission_get_text (submission, section->id) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Whether @submission has anything to publish in this view: a draft's
 * text is left out of a view for publication */
static gboolean
submission_has_content (View         *view,
                        StSubmission *submission,
                        GPtrArray    *sections)
{
  if (!has_answer (submission, sections))
    return FALSE;
  return view->content == ST_VIEW_EVERYTHING || is_approved (submission);
}

/* Whether any respondent's answer to @item is published in this view */
static gboolean
item_has_content (View         *view,
                  const StItem *item,
                  GPtrArray    *sections)
{
  for (guint r = 0; r < st_template_get_n_respondents (view->template); r++)
    {
      const StRespondent *respondent = st_template_get_respondent (view->template, r);
      StSubmission *submission = st_report_lookup_submission (view->report, respondent->id, item->id);

      if (submission_has_content (view, submission, sections))
        return TRUE;
    }
  return FALSE;
}

/* Whether @respondent answered any item in a way this view publishes */
static gboolean
respondent_has_content (View               *view,
                        const StRespondent *respondent)
{
  for (guint i = 0; i < st_template_get_n_items (view->template); i++)
    {
      const StItem *item = st_template_get_item (view->template, i);
      StSubmission *submission = st_report_lookup_submission (view->report, respondent->id, item->id);
      g_autoptr(GPtrArray) sections = st_template_item_sections (view->template, item, view->round);

      if (submission_has_content (view, submission, sections))
        return TRUE;
    }
  return FALSE;
}

/* The not-applicable sentence, or the sections and their text */
static void
add_answer (View               *view,
            StSubmission       *submission,
            const StItem       *item,
            const StRespondent *respondent,
            GPtrArray          *sections,
            guint               level,
            const char         *anchor_prefix)
{
  if (st_submission_get_not_applicable (submission))
    {
      const char *reason = st_submission_get_not_applicable_reason (submission);

      if (reason != NULL && *reason != '\0')
        st_document_append (view->document, ST_BLOCK_PARAGRAPH, 0, reason, NULL,
                            respondent->id, item->id, NULL);
      else
        add_layout (view, ST_BLOCK_PARAGRAPH, 0, ST_LAYOUT_NOT_APPLICABLE, item, respondent, NULL);
      return;
    }

  for (guint i = 0; i < sections->len; i++)
    {
      const StSection *section = g_ptr_array_index (sections, i);
      const char *text = st_submission_get_text (submission, section->id);
      g_autofree char *anchor = NULL;

      if (text == NULL)
        continue;
      anchor = make_anchor (anchor_prefix, section->id, NULL);
      add_heading (view, level, section->heading, anchor, respondent->id, item->id, section->id);
      append_text (view->document, text, respondent->id, item->id, section->id);
    }
}

/* An item page's content from its title down; @level is the title's */
static void
add_item (View         *view,
          const StItem *item,
          guint         level,
          gboolean      with_note)
{
  g_autoptr(GPtrArray) sections = st_template_item_sections (view->template, item, view->round);
  g_autofree char *item_anchor = make_anchor ("action", item->id, NULL);
  const char * const *intro;
  guint n_respondents = st_template_get_n_respondents (view->template);
  gboolean respondent_headings = st_template_has_respondent_headings (view->template);
  /* Without a heading, an answer's sections come straight under the item */
  guint section_level = MIN (level + (respondent_headings ? 2 : 1), 4);

  /* For publication, an item nobody's approved answer is on is left out
   * whole: its heading, note and introduction would lead to nothing. A
   * preview keeps every item, as the published pages have them. */
  if (view->content == ST_VIEW_APPROVED_ONLY && !item_has_content (view, item, sections))
    return;

  if (level > 1)
    add_layout (view, ST_BLOCK_HEADING, level, ST_LAYOUT_ITEM_TITLE, item, NULL, item_anchor);
  else
    add_updated (view);

  if (with_note && item->note != NULL)
    st_document_append (view->document, ST_BLOCK_NOTE, 0, item->note, NULL, NULL, item->id, NULL);

  intro = st_template_get_layout_lines (view->template, ST_LAYOUT_ITEM_INTRO);
  for (guint i = 0; intro != NULL && intro[i] != NULL; i++)
    {
      g_autofree char *line = st_template_expand (view->template, intro[i], item, NULL, view->updated);

      st_document_append (view->document, ST_BLOCK_PARAGRAPH, 0, line, NULL, NULL, item->id, NULL);
    }

  for (guint r = 0; r < n_respondents; r++)
    {
      const StRespondent *respondent = st_template_get_respondent (view->template, r);
      StSubmission *submission = st_report_lookup_submission (view->report, respondent->id, item->id);
      g_autofree char *anchor = NULL;

      if (!submission_has_content (view, submission, sections))
        continue;

      anchor = level > 1 ? make_anchor (item_anchor, respondent->id, NULL)
                         : make_anchor (respondent->id, NULL);
      if (respondent_headings)
        add_heading (view, MIN (level + 1, 4), respondent->name, anchor, respondent->id, item->id, NULL);
      add_answer (view, submission, item, respondent, sections, section_level, anchor);
    }
}

static StDocument *
new_item_view (View         *view,
               const char   *name,
               const StItem *item)
{
  g_autofree char *title = st_template_expand (view->template,
                                               st_template_get_layout (view->template, ST_LAYOUT_ITEM_TITLE),
                                               item, NULL, view->updated);

  begin_document (view, name, title);
  add_heading (view, 1, title, NULL, NULL, item->id, NULL);
  add_item (view, item, 1, FALSE);
  return view->document;
}

static StDocument *
new_respondent_view (View               *view,
                     const char         *name,
                     const StRespondent *respondent)
{
  g_autofree char *title = st_template_expand (view->template,
                                               st_template_get_layout (view->template, ST_LAYOUT_RESPONDENT_TITLE),
                                               NULL, respondent, view->updated);
  guint n_items = st_template_get_n_items (view->template);

  begin_document (view, name, title);
  add_heading (view, 1, title, NULL, respondent->id, NULL, NULL);
  add_updated (view);

  for (guint i = 0; i < n_items; i++)
    {
      const StItem *item = st_template_get_item (view->template, i);
      StSubmission *submission = st_report_lookup_submission (view->report, respondent->id, item->id);
      g_autoptr(GPtrArray) sections = st_template_item_sections (view->template, item, view->round);
      g_autofree char *anchor = NULL;

      if (!submission_has_content (view, submission, sections))
        continue;

      anchor = make_anchor ("action", item->id, NULL);
      add_layout (view, ST_BLOCK_HEADING, 2, ST_LAYOUT_RESPONDENT_ITEM_HEADING, item, respondent, anchor);
      if (item->note != NULL)
        st_document_append (view->document, ST_BLOCK_NOTE, 0, item->note, NULL,
                            respondent->id, item->id, NULL);
      add_answer (view, submission, item, respondent, sections, 3, anchor);
    }
  return view->document;
}

static StDocument *
new_whole_view (View *view)
{
  const char *title = st_template_get_layout (view->template, ST_LAYOUT_DOCUMENT_TITLE);
  const char *items_heading = st_template_get_layout (view->template, ST_LAYOUT_ITEMS_HEADING);
  const char * const *intro = st_template_get_layout_lines (view->template, ST_LAYOUT_DOCUMENT_INTRO);
  guint n_preamble = st_template_get_n_preamble (view->template);
  guint n_items = st_template_get_n_items (view->template);
  guint item_level = 2;

  if (title == NULL)
    title = st_template_get_title (view->template);

  begin_document (view, "all", title);
  add_heading (view, 1, title, NULL, NULL, NULL, NULL);
  add_updated (view);
  for (guint i = 0; intro[i] != NULL; i++)
    {
      g_autofree char *line = st_template_expand (view->template, intro[i], NULL, NULL, view->updated);

      st_document_append (view->document, ST_BLOCK_PARAGRAPH, 0, line, NULL, NULL, NULL, NULL);
    }
  st_document_append (view->document, ST_BLOCK_CONTENTS, 0, NULL, NULL, NULL, NULL, NULL);

  for (guint i = 0; i < n_preamble; i++)
    {
      const StSection *section = st_template_get_preamble (view->template, i);
      const char *text = st_report_get_preamble_text (view->report, section->id);
      g_autofree char *anchor = NULL;

      if (text == NULL || *text == '\0')
        continue;
      anchor = make_anchor (section->id, NULL);
      add_heading (view, 2, section->heading, anchor, NULL, NULL, section->id);
      append_text (view->document, text, NULL, NULL, section->id);
    }

  /* A heading over every item ("Annex A: …") puts them one level down */
  if (items_heading != NULL && *items_heading != '\0')
    {
      g_autofree char *anchor = make_anchor (items_heading, NULL);

      add_heading (view, 2, items_heading, anchor, NULL, NULL, NULL);
      item_level = 3;
    }

  for (guint i = 0; i < n_items; i++)
    add_item (view, st_template_get_item (view->template, i), item_level, TRUE);

  return view->document;
}

static const StItem *
find_item (StTemplate *template,
           const char *spec)
{
  char *end = NULL;
  guint64 number;

  if (*spec != '\0' && g_ascii_isdigit (*spec))
    {
      number = g_ascii_strtoull (spec, &end, 10);
      if (*end == '\0' && number > 0 && number <= G_MAXUINT)
        {
          const StItem *item = st_template_find_item_by_number (template, number);

          if (item != NULL)
            return item;
        }
    }
  return st_template_find_item (template, spec);
}

static const StRespondent *
find_respondent (StTemplate *template,
                 const char *spec)
{
  const StRespondent *respondent = st_template_find_respondent (template, spec);

  return respondent != NULL ? respondent : st_template_match_respondent (template, spec);
}

StDocument *
st_document_new_for_view (StReport    *report,
                          const char  *view_name,
                          GError     **error)
{
  return st_document_new_for_view_full (report, view_name, ST_VIEW_EVERYTHING, error);
}

StDocument *
st_document_new_for_view_full (StReport      *report,
                               const char    *view_name,
                               StViewContent  content,
                               GError       **error)
{
  View view = { 0 };
  g_autoptr(GDate) updated = NULL;

  g_return_val_if_fail (ST_IS_REPORT (report), NULL);
  g_return_val_if_fail (view_name != NULL, NULL);
  g_return_val_if_fail (content == ST_VIEW_EVERYTHING || content == ST_VIEW_APPROVED_ONLY, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (st_report_get_updated (report) != NULL)
    updated = g_date_copy (st_report_get_updated (report));

  view.report = report;
  view.template = st_report_get_template (report);
  view.updated = updated;
  view.round = st_report_get_round (report);
  view.content = content;

  if (g_str_has_prefix (view_name, "action:"))
    {
      const StItem *item = find_item (view.template, view_name + strlen ("action:"));

      if (item != NULL && content == ST_VIEW_APPROVED_ONLY)
        {
          g_autoptr(GPtrArray) sections = st_template_item_sections (view.template, item, view.round);

          if (!item_has_content (&view, item, sections))
            {
              g_set_error (error, ST_ERROR, ST_ERROR_NOT_APPROVED,
                           _("Nothing on the page for %s %s is approved yet, so there is nothing to publish"),
                           st_template_get_display_word (view.template, ST_WORD_ITEM),
                           view_name + strlen ("action:"));
              return NULL;
            }
        }
      if (item != NULL)
        return new_item_view (&view, view_name, item);
      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("The template has no %s “%s”"),
                   st_template_get_display_word (view.template, ST_WORD_ITEM),
                   view_name + strlen ("action:"));
      return NULL;
    }

  if (g_str_has_prefix (view_name, "department:"))
    {
      const StRespondent *respondent = find_respondent (view.template, view_name + strlen ("department:"));

      if (respondent != NULL && content == ST_VIEW_APPROVED_ONLY &&
          !respondent_has_content (&view, respondent))
        {
          g_set_error (error, ST_ERROR, ST_ERROR_NOT_APPROVED,
                       _("Nothing on the page for %s is approved yet, so there is nothing to publish"),
                       respondent->name);
          return NULL;
        }
      if (respondent != NULL)
        return new_respondent_view (&view, view_name, respondent);
      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("The template has no %s “%s”"),
                   st_template_get_display_word (view.template, ST_WORD_RESPONDENT),
                   view_name + strlen ("department:"));
      return NULL;
    }

  if (g_str_equal (view_name, "all"))
    return new_whole_view (&view);

  g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
               _("Unknown view “%s”: use action:NUMBER, department:ABBREVIATION or all"),
               view_name);
  return NULL;
}

GPtrArray *
st_document_list_views (StReport *report)
{
  StTemplate *template;
  GPtrArray *views;

  g_return_val_if_fail (ST_IS_REPORT (report), NULL);

  template = st_report_get_template (report);
  views = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < st_template_get_n_items (template); i++)
    {
      const StItem *item = st_template_get_item (template, i);

      if (item->number > 0)
        g_ptr_array_add (views, g_strdup_printf ("action:%u", item->number));
      else
        g_ptr_array_add (views, g_strconcat ("action:", item->id, NULL));
    }
  for (guint i = 0; i < st_template_get_n_respondents (template); i++)
    {
      const StRespondent *respondent = st_template_get_respondent (template, i);

      g_ptr_array_add (views, g_strconcat ("department:", respondent->id, NULL));
    }
  return views;
}

guint
st_document_count_unapproved (StReport *report,
                              guint    *n_total)
{
  StTemplate *template;
  guint round;
  guint unapproved = 0;
  guint total = 0;

  g_return_val_if_fail (ST_IS_REPORT (report), 0);

  template = st_report_get_template (report);
  round = st_report_get_round (report);
  for (guint i = 0; i < st_template_get_n_items (template); i++)
    {
      const StItem *item = st_template_get_item (template, i);
      g_autoptr(GPtrArray) sections = st_template_item_sections (template, item, round);

      for (guint r = 0; r < st_template_get_n_respondents (template); r++)
        {
          const StRespondent *respondent = st_template_get_respondent (template, r);
          StSubmission *submission = st_report_lookup_submission (report, respondent->id, item->id);

          if (!has_answer (submission, sections))
            continue;
          total++;
          if (!is_approved (submission))
            unapproved++;
        }
    }

  if (n_total != NULL)
    *n_total = total;
  return unapproved;
}
