/* st-search.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "st-search.h"

/* How much of the text a match's context shows on either side, in
 * characters, before it is cut at a space */
#define CONTEXT_BEFORE 40
#define CONTEXT_AFTER  60

/* Matches */

struct _StSearchMatch
{
  GObject      parent_instance;

  /* Ids are interned: matches can be many, ids are few */
  const char  *respondent_id;
  const char  *item_id;
  const char  *section_id;
  guint        start;
  guint        end;
  gsize        byte_start;
  gsize        byte_end;
  char        *text;
  char        *context;
  gsize        context_start;
  gsize        context_end;
  gboolean     editable;
};

G_DEFINE_FINAL_TYPE (StSearchMatch, st_search_match, G_TYPE_OBJECT)

static void
st_search_match_finalize (GObject *object)
{
  StSearchMatch *self = (StSearchMatch *)object;

  g_free (self->text);
  g_free (self->context);

  G_OBJECT_CLASS (st_search_match_parent_class)->finalize (object);
}

static void
st_search_match_class_init (StSearchMatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = st_search_match_finalize;
}

static void
st_search_match_init (StSearchMatch *self)
{
}

const char *
st_search_match_get_respondent_id (StSearchMatch *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_MATCH (self), NULL);
  return self->respondent_id;
}

const char *
st_search_match_get_item_id (StSearchMatch *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_MATCH (self), NULL);
  return self->item_id;
}

const char *
st_search_match_get_section_id (StSearchMatch *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_MATCH (self), NULL);
  return self->section_id;
}

guint
st_search_match_get_start (StSearchMatch *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_MATCH (self), 0);
  return self->start;
}

guint
st_search_match_get_end (StSearchMatch *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_MATCH (self), 0);
  return self->end;
}

gsize
st_search_match_get_byte_start (StSearchMatch *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_MATCH (self), 0);
  return self->byte_start;
}

gsize
st_search_match_get_byte_end (StSearchMatch *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_MATCH (self), 0);
  return self->byte_end;
}

const char *
st_search_match_get_text (StSearchMatch *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_MATCH (self), NULL);
  return self->text;
}

const char *
st_search_match_get_context (StSearchMatch *self,
                             gsize         *match_start,
                             gsize         *match_end)
{
  g_return_val_if_fail (ST_IS_SEARCH_MATCH (self), NULL);

  if (match_start != NULL)
    *match_start = self->context_start;
  if (match_end != NULL)
    *match_end = self->context_end;
  return self->context;
}

gboolean
st_search_match_get_editable (StSearchMatch *self)
{
  g_return_val_if_fail (ST_IS_SEARCH_MATCH (self), FALSE);
  return self->editable;
}

void
st_search_edit_free (StSearchEdit *edit)
{
  if (edit == NULL)
    return;
  g_free (edit->respondent_id);
  g_free (edit->item_id);
  g_free (edit->section_id);
  g_free (edit->old_text);
  g_free (edit->new_text);
  g_free (edit);
}

static StSearchEdit *
edit_new (const char *respondent_id,
          const char *item_id,
          const char *section_id,
          const char *old_text,
          const char *new_text)
{
  StSearchEdit *edit = g_new0 (StSearchEdit, 1);

  edit->respondent_id = g_strdup (respondent_id);
  edit->item_id = g_strdup (item_id);
  edit->section_id = g_strdup (section_id);
  edit->old_text = old_text != NULL && *old_text != '\0' ? g_strdup (old_text) : NULL;
  edit->new_text = new_text != NULL && *new_text != '\0' ? g_strdup (new_text) : NULL;
  return edit;
}

/* Text as it is compared: each character with the marks that follow it
 * (so that "e" + U+0301 and "é" are one and the same), in NFC, and
 * case-folded unless case matters. Folding can change lengths ("ß" folds
 * to "ss"), so every such cluster records where it came from; a match
 * counts only when it starts and ends on a cluster's edge. */

typedef struct {
  gsize folded;   /* where the cluster starts in the compared text */
  gsize byte;     /* ... and in the original, in bytes */
  guint chr;      /* ... and in characters */
} Boundary;

typedef struct {
  const char *str;      /* the compared text */
  gsize       len;
  gboolean    identity; /* plain ASCII: a cluster per byte, the offsets the original's */
  GString    *buffer;
  GArray     *bounds;   /* of Boundary, one per cluster and one for the end */
} Folded;

static void
folded_init (Folded *folded)
{
  folded->str = NULL;
  folded->len = 0;
  folded->identity = FALSE;
  folded->buffer = g_string_new (NULL);
  folded->bounds = g_array_new (FALSE, FALSE, sizeof (Boundary));
}

static void
folded_clear (Folded *folded)
{
  g_string_free (folded->buffer, TRUE);
  g_array_unref (folded->bounds);
}

static gboolean
starts_with_mark (const char *p)
{
  return (guchar) *p >= 0x80 && g_unichar_ismark (g_utf8_get_char (p));
}

/* Fills @out, whose buffers are reused from one text to the next */
static void
fold (const char *text,
      gboolean    case_sensitive,
      Folded     *out)
{
  const char *p = text;
  guint chr = 0;
  Boundary end;

  g_string_truncate (out->buffer, 0);
  g_array_set_size (out->bounds, 0);

  /* Most text is plain ASCII: folding it is lower-casing it, and nothing
   * moves */
  out->identity = g_str_is_ascii (text);
  if (out->identity)
    {
      if (case_sensitive)
        {
          out->str = text;
          out->len = strlen (text);
          return;
        }
      for (; *p != '\0'; p++)
        g_string_append_c (out->buffer, g_ascii_tolower (*p));
      out->str = out->buffer->str;
      out->len = out->buffer->len;
      return;
    }

  while (*p != '\0')
    {
      Boundary bound = { out->buffer->len, p - text, chr };
      const char *start = p;
      g_autofree char *folded = NULL;
      g_autofree char *normal = NULL;

      g_array_append_val (out->bounds, bound);

      /* An ASCII character with no marks after it is its own fold */
      if ((guchar) *p < 0x80 && !starts_with_mark (p + 1))
        {
          g_string_append_c (out->buffer, case_sensitive ? *p : g_ascii_tolower (*p));
          p++;
          chr++;
          continue;
        }

      p = g_utf8_next_char (p);
      chr++;
      while (*p != '\0' && starts_with_mark (p))
        {
          p = g_utf8_next_char (p);
          chr++;
        }

      if (!case_sensitive)
        folded = g_utf8_casefold (start, p - start);
      normal = g_utf8_normalize (folded != NULL ? folded : start, folded != NULL ? -1 : p - start,
                                 G_NORMALIZE_DEFAULT_COMPOSE);
      if (normal != NULL)
        g_string_append (out->buffer, normal);
      else
        g_string_append_len (out->buffer, start, p - start);
    }

  end.folded = out->buffer->len;
  end.byte = p - text;
  end.chr = chr;
  g_array_append_val (out->bounds, end);
  out->str = out->buffer->str;
  out->len = out->buffer->len;
}

/* Where the cluster that starts at @offset of the compared text came
 * from; FALSE when @offset is inside a cluster */
static gboolean
find_boundary (Folded   *folded,
               gsize     offset,
               Boundary *bound)
{
  guint low = 0, high = folded->bounds->len;

  if (folded->identity)
    {
      bound->folded = bound->byte = offset;
      bound->chr = offset;
      return offset <= folded->len;
    }

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      const Boundary *at = &g_array_index (folded->bounds, Boundary, mid);

      if (at->folded == offset)
        {
          *bound = *at;
          return TRUE;
        }
      if (at->folded < offset)
        low = mid + 1;
      else
        high = mid;
    }
  return FALSE;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '_';
}

static gboolean
is_whole_word (const char *text,
               gsize       start,
               gsize       end)
{
  if (start > 0)
    {
      const char *before = g_utf8_find_prev_char (text, text + start);

      if (before != NULL && is_word_char (g_utf8_get_char (before)))
        return FALSE;
    }
  if (text[end] != '\0' && is_word_char (g_utf8_get_char (text + end)))
    return FALSE;
  return TRUE;
}

/* Appends @from to @to with each run of spaces and line breaks as one
 * space */
static void
append_on_one_line (GString    *out,
                    const char *from,
                    const char *to)
{
  for (const char *p = from; p < to; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (out->len == 0 || out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }
}

/* A line of @text around bytes @start to @end, cut at spaces */
static char *
make_context (const char *text,
              gsize       start,
              gsize       end,
              gsize      *context_start,
              gsize      *context_end)
{
  const char *from = text + start;
  const char *to = text + end;
  GString *context;
  gboolean cut_before = FALSE, cut_after = FALSE;

  for (guint i = 0; i < CONTEXT_BEFORE && from > text; i++)
    from = g_utf8_prev_char (from);
  if (from > text)
    {
      const char *space = from;

      /* Start at a word, not halfway through one */
      while (space < text + start && !g_ascii_isspace (*space))
        space++;
      if (space < text + start)
        from = space + 1;
      cut_before = TRUE;
    }

  for (guint i = 0; i < CONTEXT_AFTER && *to != '\0'; i++)
    to = g_utf8_next_char (to);
  if (*to != '\0')
    {
      const char *space = to;

      while (space > text + end && !g_ascii_isspace (space[-1]))
        space--;
      if (space > text + end)
        to = space - 1;
      cut_after = TRUE;
    }

  context = g_string_new (cut_before ? "…" : NULL);
  append_on_one_line (context, from, text + start);
  *context_start = context->len;
  append_on_one_line (context, text + start, text + end);
  *context_end = context->len;
  append_on_one_line (context, text + end, to);
  if (cut_after)
    g_string_append (context, "…");
  return g_string_free (context, FALSE);
}

/* Searching */

struct _StSearch
{
  GObject     parent_instance;

  StReport   *report;
  StWorkflow *workflow;
};

G_DEFINE_FINAL_TYPE (StSearch, st_search, G_TYPE_OBJECT)

static void
st_search_dispose (GObject *object)
{
  StSearch *self = (StSearch *)object;

  g_clear_object (&self->report);
  g_clear_object (&self->workflow);

  G_OBJECT_CLASS (st_search_parent_class)->dispose (object);
}

static void
st_search_class_init (StSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = st_search_dispose;
}

static void
st_search_init (StSearch *self)
{
}

StSearch *
st_search_new (StReport   *report,
               StWorkflow *workflow)
{
  StSearch *self;

  g_return_val_if_fail (ST_IS_REPORT (report), NULL);
  g_return_val_if_fail (workflow == NULL || ST_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (workflow == NULL || st_workflow_get_report (workflow) == report, NULL);

  self = g_object_new (ST_TYPE_SEARCH, NULL);
  self->report = g_object_ref (report);
  self->workflow = workflow != NULL ? g_object_ref (workflow) : NULL;
  return self;
}

StReport *
st_search_get_report (StSearch *self)
{
  g_return_val_if_fail (ST_IS_SEARCH (self), NULL);
  return self->report;
}

StWorkflow *
st_search_get_workflow (StSearch *self)
{
  g_return_val_if_fail (ST_IS_SEARCH (self), NULL);
  return self->workflow;
}

gboolean
st_search_can_replace (StSearch    *self,
                       const char  *respondent_id,
                       const char  *item_id,
                       const char  *section_id,
                       GError     **error)
{
  StTemplate *template;
  const StItem *item;
  const StSection *section;
  StSubmission *submission;
  guint round;

  g_return_val_if_fail (ST_IS_SEARCH (self), FALSE);

  template = st_report_get_template (self->report);
  item = st_template_find_item (template, item_id);
  section = st_template_find_section (template, section_id);
  if (st_template_find_respondent (template, respondent_id) == NULL || item == NULL || section == NULL ||
      !st_template_item_has_section (template, item, section))
    {
      g_autofree char *place = st_workflow_describe (template, respondent_id, item_id, section_id);

      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND, _("%s is not in the report’s template"), place);
      return FALSE;
    }

  round = st_report_get_round (self->report);
  if (section->round != round)
    {
      g_autofree char *place = st_workflow_describe (template, respondent_id, item_id, section_id);

      if (section->round < round)
        g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                     _("%s belongs to an earlier round, which is kept as it was"), place);
      else
        g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                     _("%s is not being collected in this round"), place);
      return FALSE;
    }

  submission = st_report_lookup_submission (self->report, respondent_id, item_id);
  if (submission != NULL && st_submission_get_not_applicable (submission))
    {
      g_autofree char *place = st_workflow_describe (template, respondent_id, item_id, NULL);

      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED, _("%s is marked not applicable"), place);
      return FALSE;
    }

  if (self->workflow == NULL)
    return TRUE;
  if (!st_workflow_can_edit (self->workflow, respondent_id, item_id, error))
    return FALSE;

  /* Not behind a decision's back: the form asks first */
  if (st_workflow_is_guarded (self->workflow, respondent_id, item_id))
    {
      g_autofree char *place = st_workflow_describe (template, respondent_id, item_id, NULL);

      if (submission != NULL && st_submission_get_status (submission) == ST_STATUS_APPROVED)
        g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                     _("%s is approved: a change would need approving again, so make it in its form"), place);
      else
        g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                     _("%s has been submitted: make any change in its form"), place);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_query (const char  *query,
             GError     **error)
{
  if (query == NULL || *query == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("There is nothing to find"));
      return FALSE;
    }
  if (!g_utf8_validate (query, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The text to find is not valid UTF-8"));
      return FALSE;
    }
  return TRUE;
}

/* Appends to @matches every match of @needle (already folded) in @text */
/* Appends to @matches every match of @needle (already folded) in @text;
 * @folded is the space to fold it in */
static void
find_in_text (const char    *text,
              const char    *needle,
              StSearchFlags  flags,
              Folded        *folded,
              const char    *respondent_id,
              const char    *item_id,
              const char    *section_id,
              GPtrArray     *matches)
{
  gsize length = strlen (needle);
  gsize pos = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return;
  fold (text, (flags & ST_SEARCH_CASE_SENSITIVE) != 0, folded);

  while (pos + length <= folded->len)
    {
      const char *hit = strstr (folded->str + pos, needle);
      Boundary start, end;
      gsize at;
      StSearchMatch *match;

      if (hit == NULL)
        break;
      at = hit - folded->str;
      if (!find_boundary (folded, at, &start) || !find_boundary (folded, at + length, &end) ||
          ((flags & ST_SEARCH_WHOLE_WORDS) != 0 && !is_whole_word (text, start.byte, end.byte)))
        {
          pos = at + 1;
          continue;
        }

      match = g_object_new (ST_TYPE_SEARCH_MATCH, NULL);
      match->respondent_id = g_intern_string (respondent_id);
      match->item_id = g_intern_string (item_id);
      match->section_id = g_intern_string (section_id);
      match->start = start.chr;
      match->end = end.chr;
      match->byte_start = start.byte;
      match->byte_end = end.byte;
      match->text = g_strndup (text + start.byte, end.byte - start.byte);
      match->context = make_context (text, start.byte, end.byte, &match->context_start, &match->context_end);
      g_ptr_array_add (matches, match);

      /* The next match starts after this one: matches never overlap */
      pos = at + length;
    }
}

GPtrArray *
st_search_find (StSearch       *self,
                const char     *query,
                StSearchFlags   flags,
                GError        **error)
{
  return st_search_find_at_most (self, query, flags, G_MAXUINT, NULL, error);
}

GPtrArray *
st_search_find_at_most (StSearch       *self,
                        const char     *query,
                        StSearchFlags   flags,
                        guint           max_matches,
                        gboolean       *more,
                        GError        **error)
{
  StTemplate *template;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GHashTable) item_sections = NULL;
  Folded folded;
  g_autofree char *needle = NULL;
  guint round;

  g_return_val_if_fail (ST_IS_SEARCH (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_query (query, error))
    return NULL;

  template = st_report_get_template (self->report);
  round = st_report_get_round (self->report);
  matches = g_ptr_array_new_with_free_func (g_object_unref);
  item_sections = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  folded_init (&folded);
  fold (query, (flags & ST_SEARCH_CASE_SENSITIVE) != 0, &folded);
  needle = g_strndup (folded.str, folded.len);

  if (more != NULL)
    *more = FALSE;
  for (guint i = 0; i < st_report_get_n_submissions (self->report); i++)
    {
      StSubmission *submission = st_report_get_submission (self->report, i);
      const char *respondent_id = st_submission_get_respondent_id (submission);
      const char *item_id = st_submission_get_item_id (submission);
      const StItem *item = st_template_find_item (template, item_id);
      GPtrArray *sections;

      if (item == NULL || !st_submission_has_text (submission))
        continue;

      /* The sections its form shows */
      sections = g_hash_table_lookup (item_sections, item);
      if (sections == NULL)
        {
          sections = st_template_item_sections (template, item, round);
          g_hash_table_insert (item_sections, (gpointer) item, sections);
        }

      for (guint s = 0; s < sections->len; s++)
        {
          const StSection *section = g_ptr_array_index (sections, s);
          const char *text = st_submission_get_text (submission, section->id);

          guint before = matches->len;

          if (text == NULL)
            continue;
          find_in_text (text, needle, flags, &folded, respondent_id, item_id, section->id, matches);
          /* Whether it may change is only worth asking once there is a match */
          if (matches->len > before)
            {
              gboolean editable = st_search_can_replace (self, respondent_id, item_id, section->id, NULL);

              for (guint m = before; m < matches->len; m++)
                ((StSearchMatch *) g_ptr_array_index (matches, m))->editable = editable;
            }
          if (matches->len > max_matches)
            {
              g_ptr_array_set_size (matches, max_matches);
              if (more != NULL)
                *more = TRUE;
              goto done;
            }
        }
    }

done:

  folded_clear (&folded);
  return g_steal_pointer (&matches);
}

void
st_search_count_editable (GPtrArray *matches,
                          guint     *n_matches,
                          guint     *n_sections)
{
  StSearchMatch *previous = NULL;
  guint count = 0, sections = 0;

  g_return_if_fail (matches != NULL);

  for (guint i = 0; i < matches->len; i++)
    {
      StSearchMatch *match = g_ptr_array_index (matches, i);

      if (!match->editable)
        continue;
      count++;
      /* Ids are interned, and a section's matches come together */
      if (previous == NULL || previous->respondent_id != match->respondent_id ||
          previous->item_id != match->item_id || previous->section_id != match->section_id)
        sections++;
      previous = match;
    }
  if (n_matches != NULL)
    *n_matches = count;
  if (n_sections != NULL)
    *n_sections = sections;
}

static const char *
get_text (StSearch   *self,
          const char *respondent_id,
          const char *item_id,
          const char *section_id)
{
  StSubmission *submission = st_report_lookup_submission (self->report, respondent_id, item_id);

  return submission != NULL ? st_submission_get_text (submission, section_id) : NULL;
}

/* Through the same setters as typing in a form, so that every view hears
 * of the change */
static gboolean
set_text (StSearch    *self,
          const char  *respondent_id,
          const char  *item_id,
          const char  *section_id,
          const char  *text,
          GError     **error)
{
  StSubmission *submission;

  if (self->workflow != NULL)
    return st_workflow_set_text (self->workflow, respondent_id, item_id, section_id, text, error);

  submission = st_report_ensure_submission (self->report, respondent_id, item_id);
  if (submission == NULL)
    {
      g_autofree char *place = st_workflow_describe (st_report_get_template (self->report),
                                                     respondent_id, item_id, NULL);

      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED, _("%s cannot be changed in this report"), place);
      return FALSE;
    }
  st_submission_set_text (submission, section_id, text);
  return TRUE;
}

gboolean
st_search_replace (StSearch       *self,
                   StSearchMatch  *match,
                   const char     *replacement,
                   StSearchEdit  **edit,
                   GError        **error)
{
  const char *text;
  g_autoptr(GString) changed = NULL;

  g_return_val_if_fail (ST_IS_SEARCH (self), FALSE);
  g_return_val_if_fail (ST_IS_SEARCH_MATCH (match), FALSE);
  g_return_val_if_fail (replacement != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (replacement, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The replacement is not valid UTF-8"));
      return FALSE;
    }
  if (!st_search_can_replace (self, match->respondent_id, match->item_id, match->section_id, error))
    return FALSE;

  text = get_text (self, match->respondent_id, match->item_id, match->section_id);
  if (text == NULL || strlen (text) < match->byte_end ||
      strncmp (text + match->byte_start, match->text, match->byte_end - match->byte_start) != 0)
    {
      g_autofree char *place = st_workflow_describe (st_report_get_template (self->report),
                                                     match->respondent_id, match->item_id, match->section_id);

      g_set_error (error, ST_ERROR, ST_ERROR_CONFLICT,
                   _("The text of %s has changed since it was searched: search again"), place);
      return FALSE;
    }

  changed = g_string_new_len (text, match->byte_start);
  g_string_append (changed, replacement);
  g_string_append (changed, text + match->byte_end);
  if (edit != NULL)
    *edit = edit_new (match->respondent_id, match->item_id, match->section_id, text, changed->str);
  if (!set_text (self, match->respondent_id, match->item_id, match->section_id, changed->str, error))
    {
      if (edit != NULL)
        g_clear_pointer (edit, st_search_edit_free);
      return FALSE;
    }
  return TRUE;
}

guint
st_search_replace_all (StSearch       *self,
                       const char     *query,
                       StSearchFlags   flags,
                       const char     *replacement,
                       guint          *n_sections,
                       GPtrArray     **edits,
                       GError        **error)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GPtrArray) done = NULL;
  guint replaced = 0, sections = 0;
  guint i = 0;

  g_return_val_if_fail (ST_IS_SEARCH (self), 0);
  g_return_val_if_fail (replacement != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (n_sections != NULL)
    *n_sections = 0;
  if (edits != NULL)
    *edits = NULL;

  if (!g_utf8_validate (replacement, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The replacement is not valid UTF-8"));
      return 0;
    }
  matches = st_search_find (self, query, flags, error);
  if (matches == NULL)
    return 0;

  done = g_ptr_array_new_with_free_func ((GDestroyNotify) st_search_edit_free);

  /* A section at a time: its matches come together, in order */
  while (i < matches->len)
    {
      StSearchMatch *first = g_ptr_array_index (matches, i);
      const char *text = get_text (self, first->respondent_id, first->item_id, first->section_id);
      g_autoptr(GString) changed = g_string_new (NULL);
      g_autoptr(GError) local_error = NULL;
      gsize copied = 0;
      guint j;

      for (j = i; j < matches->len; j++)
        {
          StSearchMatch *match = g_ptr_array_index (matches, j);

          if (match->respondent_id != first->respondent_id || match->item_id != first->item_id ||
              match->section_id != first->section_id)
            break;
          g_string_append_len (changed, text + copied, match->byte_start - copied);
          g_string_append (changed, replacement);
          copied = match->byte_end;
        }
      g_string_append (changed, text + copied);

      if (first->editable)
        {
          g_autofree char *old = g_strdup (text);

          if (set_text (self, first->respondent_id, first->item_id, first->section_id, changed->str, &local_error))
            {
              replaced += j - i;
              sections++;
              g_ptr_array_add (done, edit_new (first->respondent_id, first->item_id, first->section_id,
                                               old, changed->str));
            }
          else
            g_debug ("Not replacing in %s/%s/%s: %s", first->respondent_id, first->item_id,
                     first->section_id, local_error->message);
        }
      i = j;
    }

  if (n_sections != NULL)
    *n_sections = sections;
  if (edits != NULL)
    *edits = g_steal_pointer (&done);
  return replaced;
}

guint
st_search_undo (StSearch  *self,
                GPtrArray *edits)
{
  guint restored = 0;

  g_return_val_if_fail (ST_IS_SEARCH (self), 0);
  g_return_val_if_fail (edits != NULL, 0);

  for (guint i = edits->len; i > 0; i--)
    {
      StSearchEdit *edit = g_ptr_array_index (edits, i - 1);
      const char *text = get_text (self, edit->respondent_id, edit->item_id, edit->section_id);
      g_autoptr(GError) error = NULL;

      /* Changed again since: that change is not ours to undo */
      if (g_strcmp0 (text, edit->new_text) != 0)
        continue;
      if (set_text (self, edit->respondent_id, edit->item_id, edit->section_id, edit->old_text, &error))
        restored++;
      else
        g_debug ("Not undoing in %s/%s/%s: %s", edit->respondent_id, edit->item_id,
                 edit->section_id, error->message);
    }
  return restored;
}

guint
st_search_count_undoable (StSearch  *self,
                          GPtrArray *edits)
{
  guint n = 0;

  g_return_val_if_fail (ST_IS_SEARCH (self), 0);
  g_return_val_if_fail (edits != NULL, 0);

  for (guint i = 0; i < edits->len; i++)
    {
      StSearchEdit *edit = g_ptr_array_index (edits, i);
      const char *text = get_text (self, edit->respondent_id, edit->item_id, edit->section_id);

      if (g_strcmp0 (text, edit->new_text) == 0 &&
          st_search_can_replace (self, edit->respondent_id, edit->item_id, edit->section_id, NULL))
        n++;
    }
  return n;
}
