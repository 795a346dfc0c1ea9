/* st-diff-markup.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "st-diff-markup.h"

/* Each style's own text and ground colours, so that a changed word reads
 * at 7:1 or better (WCAG AA asks 4.5:1) whatever the label's own colour.
 * The lines through and under words can be thinner than a pixel, which
 * the GL renderer may not draw at all: slanted and bold type say it too. */
typedef struct {
  const char *deleted_span;
  const char *inserted_span;
  const char *deleted_gap;     /* the space between two changed words: */
  const char *inserted_gap;    /* the same ground, no line */
} DiffMarks;

static const DiffMarks light_marks = {
  "<span strikethrough=\"true\" style=\"italic\" foreground=\"#7a0c12\" background=\"#f9d6d8\">",
  "<span underline=\"low\" weight=\"bold\" foreground=\"#0b4d2c\" background=\"#cdeedd\">",
  "<span background=\"#f9d6d8\">",
  "<span background=\"#cdeedd\">",
};

static const DiffMarks dark_marks = {
  "<span strikethrough=\"true\" style=\"italic\" foreground=\"#ffe3e4\" background=\"#7a1f26\">",
  "<span underline=\"low\" weight=\"bold\" foreground=\"#e0f8eb\" background=\"#1d5c3b\">",
  "<span background=\"#7a1f26\">",
  "<span background=\"#1d5c3b\">",
};

static gboolean
has_words (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Each word in a span of its own, the white space between them
 * unmarked: Pango draws a line through or under a run that wraps onto
 * the next line on one of its lines only */
static void
append_marked (GString    *markup,
               const char *text,
               const char *span,
               const char *gap)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;
      g_autofree char *word = NULL;
      g_autofree char *space = NULL;

      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      if (p > start)
        {
          word = g_markup_escape_text (start, p - start);
          g_string_append (markup, span);
          g_string_append (markup, word);
          g_string_append (markup, "</span>");
        }
      start = p;
      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      space = g_markup_escape_text (start, p - start);
      /* White space a changed run starts with is not between two words */
      if (start > text && *p != '\0' && *space != '\0' && strchr (space, '\n') == NULL)
        g_string_append_printf (markup, "%s%s</span>", gap, space);
      else
        g_string_append (markup, space);
    }
}

char *
st_diff_markup (GPtrArray  *chunks,
                StDiffShow  show,
                gboolean    dark)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  const DiffMarks *marks = dark ? &dark_marks : &light_marks;
  gboolean any_words = FALSE;

  g_return_val_if_fail (chunks != NULL, NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      const StDiffChunk *chunk = g_ptr_array_index (chunks, i);
      g_autofree char *escaped = NULL;
      const char *span = NULL;

      if ((chunk->op == ST_DIFF_DELETE && show == ST_DIFF_SHOW_NEW) ||
          (chunk->op == ST_DIFF_INSERT && show == ST_DIFF_SHOW_OLD))
        continue;
      if (chunk->op == ST_DIFF_DELETE)
        span = marks->deleted_span;
      else if (chunk->op == ST_DIFF_INSERT)
        span = marks->inserted_span;

      /* "lead." replaced by "lead. He" reads "lead. lead. He", not "lead.lead. He" */
      if (show == ST_DIFF_SHOW_BOTH && chunk->op == ST_DIFF_INSERT && i > 0)
        {
          const StDiffChunk *before = g_ptr_array_index (chunks, i - 1);
          gsize len = strlen (before->text);

          if (before->op == ST_DIFF_DELETE && len > 0 && !g_ascii_isspace (before->text[len - 1]))
            g_string_append_c (markup, ' ');
        }

      any_words |= has_words (chunk->text);
      if (span == NULL)
        {
          escaped = g_markup_escape_text (chunk->text, -1);
          g_string_append (markup, escaped);
          continue;
        }
      append_marked (markup, chunk->text, span,
                     chunk->op == ST_DIFF_DELETE ? marks->deleted_gap : marks->inserted_gap);
    }

  if (!any_words)
    return g_strdup_printf ("<i>%s</i>", _("(empty)"));
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

char *
st_diff_describe_count (GPtrArray *chunks)
{
  guint deleted = 0, inserted = 0;
  g_autofree char *removed = NULL;
  g_autofree char *added = NULL;

  g_return_val_if_fail (chunks != NULL, NULL);

  st_diff_count (chunks, &deleted, &inserted);
  if (deleted == 0 && inserted == 0)
    return g_strdup (_("No change"));
  removed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word removed", "%u words removed", deleted),
                             deleted);
  /* Translators: the second half of "4 words removed, 7 added" */
  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u added", "%u added", inserted), inserted);
  /* Translators: "4 words removed, 7 added" */
  return g_strdup_printf (_("%s, %s"), removed, added);
}

/* The changes in words, for those who cannot see the marks */
static char *
describe_for_reading (GPtrArray  *chunks,
                      StDiffShow  show)
{
  g_autoptr(GString) removed = g_string_new (NULL);
  g_autoptr(GString) added = g_string_new (NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      const StDiffChunk *chunk = g_ptr_array_index (chunks, i);

      GString *into = NULL;

      if (chunk->op == ST_DIFF_DELETE && show != ST_DIFF_SHOW_NEW)
        into = removed;
      else if (chunk->op == ST_DIFF_INSERT && show != ST_DIFF_SHOW_OLD)
        into = added;
      if (into == NULL)
        continue;
      /* Runs apart in the text are apart when read out */
      if (into->len > 0 && !g_ascii_isspace (into->str[into->len - 1]))
        g_string_append_c (into, ' ');
      g_string_append (into, chunk->text);
    }

  g_strstrip (removed->str);
  g_strstrip (added->str);
  if (*removed->str != '\0' && *added->str != '\0')
    /* Translators: read out after a text that changed */
    return g_strdup_printf (_("Removed: %s. Added: %s."), removed->str, added->str);
  if (*removed->str != '\0')
    return g_strdup_printf (_("Removed: %s."), removed->str);
  if (*added->str != '\0')
    return g_strdup_printf (_("Added: %s."), added->str);
  return g_strdup (_("No change"));
}

#define LIGHT_MARKUP_KEY "st-diff-markup-light"
#define DARK_MARKUP_KEY  "st-diff-markup-dark"

/* The label's diff in the colours of the style now in use */
static void
show_for_style (GtkLabel *label)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const char *markup = g_object_get_data (G_OBJECT (label), dark ? DARK_MARKUP_KEY : LIGHT_MARKUP_KEY);

  if (markup != NULL)
    gtk_label_set_markup (label, markup);
}

void
st_diff_markup_set_label (GtkLabel   *label,
                          GPtrArray  *chunks,
                          StDiffShow  show)
{
  g_autofree char *description = NULL;

  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (chunks != NULL);

  /* Both, for when the style changes while the label is shown */
  if (g_object_get_data (G_OBJECT (label), LIGHT_MARKUP_KEY) == NULL)
    g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                             G_CALLBACK (show_for_style), label, G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (label), LIGHT_MARKUP_KEY, st_diff_markup (chunks, show, FALSE), g_free);
  g_object_set_data_full (G_OBJECT (label), DARK_MARKUP_KEY, st_diff_markup (chunks, show, TRUE), g_free);
  description = describe_for_reading (chunks, show);
  show_for_style (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}
