/* st-diff.c: Myers' shortest edit script in linear space
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The edit graph of old × new is searched from both corners at once for the
 * middle snake of an optimal path; the halves either side of it are solved
 * the same way. Tokens are interned to integers first, so comparing two is
 * one integer comparison.
 */

#include "config.h"

#include <string.h>

#include "st-diff.h"

typedef struct {
  const guint *a;
  const guint *b;
  int         *vf;   /* forward: furthest x on diagonal k */
  int         *vb;   /* backward: furthest y on diagonal c */
  int          voff;
  GArray      *edits;
} Ctx;

typedef struct {
  int x, y;
} Point;

static void
emit (Ctx     *ctx,
      StDiffOp op,
      guint    old_start,
      guint    new_start,
      guint    length)
{
  StDiffEdit *last;
  StDiffEdit edit = { op, old_start, new_start, length };

  if (length == 0)
    return;

  if (ctx->edits->len > 0)
    {
      last = &g_array_index (ctx->edits, StDiffEdit, ctx->edits->len - 1);
      if (last->op == op &&
          (op == ST_DIFF_INSERT || last->old_start + last->length == old_start) &&
          (op == ST_DIFF_DELETE || last->new_start + last->length == new_start))
        {
          last->length += length;
          return;
        }
    }
  g_array_append_val (ctx->edits, edit);
}

/* Finds the middle snake of the box (left, top)–(right, bottom), where x
 * runs over old and y over new. Returns FALSE for an empty box. */
static gboolean
midpoint (Ctx   *ctx,
          int    left,
          int    top,
          int    right,
          int    bottom,
          Point *start,
          Point *finish)
{
  int width = right - left;
  int height = bottom - top;
  int size = width + height;
  int delta = width - height;
  int max;
  int *vf = ctx->vf + ctx->voff;
  int *vb = ctx->vb + ctx->voff;

  if (size == 0)
    return FALSE;

  max = (size + 1) / 2;
  vf[1] = left;
  vb[1] = bottom;

  for (int d = 0; d <= max; d++)
    {
      /* Forward */
      for (int k = d; k >= -d; k -= 2)
        {
          int c = k - delta;
          int x, y, px, py;

          if (k == -d || (k != d && vf[k - 1] < vf[k + 1]))
            {
              px = x = vf[k + 1];
            }
          else
            {
              px = vf[k - 1];
              x = px + 1;
            }
          y = top + (x - left) - k;
          py = (d == 0 || x != px) ? y : y - 1;

          while (x < right && y < bottom && ctx->a[x] == ctx->b[y])
            x++, y++;
          vf[k] = x;

          if ((delta & 1) != 0 && c >= -(d - 1) && c <= d - 1 && y >= vb[c])
            {
              start->x = px, start->y = py;
              finish->x = x, finish->y = y;
              return TRUE;
            }
        }

      /* Backward */
      for (int c = d; c >= -d; c -= 2)
        {
          int k = c + delta;
          int x, y, px, py;

          if (c == -d || (c != d && vb[c - 1] > vb[c + 1]))
            {
              py = y = vb[c + 1];
            }
          else
            {
              py = vb[c - 1];
              y = py - 1;
            }
          x = left + (y - top) + k;
          px = (d == 0 || y != py) ? x : x + 1;

          while (x > left && y > top && ctx->a[x - 1] == ctx->b[y - 1])
            x--, y--;
          vb[c] = y;

          if ((delta & 1) == 0 && k >= -d && k <= d && x <= vf[k])
            {
              start->x = x, start->y = y;
              finish->x = px, finish->y = py;
              return TRUE;
            }
        }
    }

  g_assert_not_reached ();
  return FALSE;
}

/* Emits the edits between two points of a path that differ by at most one
 * step off the diagonal. */
static void
walk (Ctx *ctx,
      int  x1,
      int  y1,
      int  x2,
      int  y2)
{
  int run = 0;

  while (x1 + run < x2 && y1 + run < y2 && ctx->a[x1 + run] == ctx->b[y1 + run])
    run++;
  emit (ctx, ST_DIFF_EQUAL, x1, y1, run);
  x1 += run, y1 += run;

  if (x2 - x1 < y2 - y1)
    {
      emit (ctx, ST_DIFF_INSERT, x1, y1, 1);
      y1++;
    }
  else if (x2 - x1 > y2 - y1)
    {
      emit (ctx, ST_DIFF_DELETE, x1, y1, 1);
      x1++;
    }

  emit (ctx, ST_DIFF_EQUAL, x1, y1, x2 - x1);
}

static void
find_path (Ctx *ctx,
           int  left,
           int  top,
           int  right,
           int  bottom)
{
  Point start, finish;

  /* Trivial boxes need no search */
  if (left == right)
    {
      emit (ctx, ST_DIFF_INSERT, left, top, bottom - top);
      return;
    }
  if (top == bottom)
    {
      emit (ctx, ST_DIFF_DELETE, left, top, right - left);
      return;
    }

  if (!midpoint (ctx, left, top, right, bottom, &start, &finish))
    return;

  if (start.x != left || start.y != top)
    find_path (ctx, left, top, start.x, start.y);
  walk (ctx, start.x, start.y, finish.x, finish.y);
  if (finish.x != right || finish.y != bottom)
    find_path (ctx, finish.x, finish.y, right, bottom);
}

GArray *
st_diff_tokens (const char * const *old_tokens,
                guint               n_old,
                const char * const *new_tokens,
                guint               n_new)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *a = g_new (guint, n_old + 1);
  g_autofree guint *b = g_new (guint, n_new + 1);
  g_autofree int *vf = NULL;
  g_autofree int *vb = NULL;
  guint prefix = 0, suffix = 0;
  Ctx ctx = { 0 };
  int max;

  g_return_val_if_fail (n_old == 0 || old_tokens != NULL, NULL);
  g_return_val_if_fail (n_new == 0 || new_tokens != NULL, NULL);

  for (guint i = 0; i < n_old + n_new; i++)
    {
      const char *token = i < n_old ? old_tokens[i] : new_tokens[i - n_old];
      gpointer id;

      if (!g_hash_table_lookup_extended (ids, token, NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids));
          g_hash_table_insert (ids, (gpointer) token, id);
        }
      if (i < n_old)
        a[i] = GPOINTER_TO_UINT (id);
      else
        b[i - n_old] = GPOINTER_TO_UINT (id);
    }

  ctx.a = a;
  ctx.b = b;
  ctx.edits = g_array_new (FALSE, FALSE, sizeof (StDiffEdit));

  /* Common ends cost nothing to find and shrink the search */
  while (prefix < n_old && prefix < n_new && a[prefix] == b[prefix])
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         a[n_old - 1 - suffix] == b[n_new - 1 - suffix])
    suffix++;

  emit (&ctx, ST_DIFF_EQUAL, 0, 0, prefix);

  max = (int) ((n_old - prefix - suffix + n_new - prefix - suffix + 1) / 2) + 2;
  ctx.voff = max + 1;
  vf = g_new0 (int, 2 * max + 3);
  vb = g_new0 (int, 2 * max + 3);
  ctx.vf = vf;
  ctx.vb = vb;

  find_path (&ctx, prefix, prefix, n_old - suffix, n_new - suffix);

  emit (&ctx, ST_DIFF_EQUAL, n_old - suffix, n_new - suffix, suffix);

  return ctx.edits;
}

void
st_diff_chunk_free (StDiffChunk *chunk)
{
  if (chunk == NULL)
    return;
  g_free (chunk->text);
  g_free (chunk);
}

/* A text cut into words, each with the white space after it: "a b\n"
 * gives "a" and " ", "b" and "\n". Leading white space is a word of its
 * own with no letters. Words are compared without their white space, so
 * that "lead." at the end of a text and "lead. " before a new sentence
 * are the same word. */
typedef struct {
  GPtrArray *words;
  GPtrArray *spaces;
} Words;

static void
words_clear (Words *words)
{
  g_clear_pointer (&words->words, g_ptr_array_unref);
  g_clear_pointer (&words->spaces, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Words, words_clear)

static void
split_words (const char *text,
             Words      *out)
{
  const char *p = text != NULL ? text : "";

  out->words = g_ptr_array_new_with_free_func (g_free);
  out->spaces = g_ptr_array_new_with_free_func (g_free);

  while (*p != '\0')
    {
      const char *start = p;
      const char *space;

      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      space = p;
      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      g_ptr_array_add (out->words, g_strndup (start, space - start));
      g_ptr_array_add (out->spaces, g_strndup (space, p - space));
    }
}

/* Builds the chunks, keeping the deleted and inserted text of a change
 * apart until the next unchanged text, so that a change reads as one
 * run removed and one run added */
typedef struct {
  GPtrArray *chunks;
  GString   *equal;
  GString   *deleted;
  GString   *inserted;
} ChunkBuilder;

static void
add_chunk (GPtrArray *chunks,
           StDiffOp   op,
           GString   *text)
{
  StDiffChunk *chunk;

  if (text->len == 0)
    return;
  chunk = g_new0 (StDiffChunk, 1);
  chunk->op = op;
  chunk->text = g_strndup (text->str, text->len);
  g_ptr_array_add (chunks, chunk);
  g_string_truncate (text, 0);
}

static void
flush_changes (ChunkBuilder *builder)
{
  add_chunk (builder->chunks, ST_DIFF_DELETE, builder->deleted);
  add_chunk (builder->chunks, ST_DIFF_INSERT, builder->inserted);
}

static void
append_equal (ChunkBuilder *builder,
              const char   *text)
{
  if (*text == '\0')
    return;
  if (builder->deleted->len > 0 || builder->inserted->len > 0)
    {
      add_chunk (builder->chunks, ST_DIFF_EQUAL, builder->equal);
      flush_changes (builder);
    }
  g_string_append (builder->equal, text);
}

static void
append_change (ChunkBuilder *builder,
               GString      *into,
               const char   *text)
{
  if (*text == '\0')
    return;
  add_chunk (builder->chunks, ST_DIFF_EQUAL, builder->equal);
  g_string_append (into, text);
}

/* The index after the last word of the line that starts at word @from:
 * the first word with a line break after it, or @end */
static guint
line_end (const Words *words,
          guint        from,
          guint        end)
{
  for (guint k = from; k < end; k++)
    if (strchr (g_ptr_array_index (words->spaces, k), '\n') != NULL)
      return k + 1;
  return end;
}

static void
append_words (ChunkBuilder *builder,
              GString      *into,
              const Words  *words,
              guint         from,
              guint         end,
              gboolean      last_space)
{
  for (guint k = from; k < end; k++)
    {
      append_change (builder, into, g_ptr_array_index (words->words, k));
      if (k + 1 < end || last_space)
        append_change (builder, into, g_ptr_array_index (words->spaces, k));
    }
}

/* Old words [@old_from, @old_end) replaced by new words [@new_from,
 * @new_end). Removed and added words are paired up line by line, so that
 * a line or paragraph break both texts have stays where it is, unchanged,
 * instead of all the removed lines coming before all the added ones and
 * moving the added words across the break. */
static void
append_replacement (ChunkBuilder *builder,
                    const Words  *old_words,
                    guint         old_from,
                    guint         old_end,
                    const Words  *new_words,
                    guint         new_from,
                    guint         new_end)
{
  guint o = old_from;
  guint n = new_from;

  while (o < old_end || n < new_end)
    {
      guint old_stop = line_end (old_words, o, old_end);
      guint new_stop = line_end (new_words, n, new_end);
      const char *old_break = NULL;
      gboolean keep_break = FALSE;

      if (o < old_end && n < new_end)
        {
          const char *new_break = g_ptr_array_index (new_words->spaces, new_stop - 1);

          old_break = g_ptr_array_index (old_words->spaces, old_stop - 1);
          keep_break = strchr (old_break, '\n') != NULL && g_str_equal (old_break, new_break);
        }
      append_words (builder, builder->deleted, old_words, o, old_stop, !keep_break);
      append_words (builder, builder->inserted, new_words, n, new_stop, !keep_break);
      if (keep_break)
        append_equal (builder, old_break);
      o = old_stop;
      n = new_stop;
    }
}

GPtrArray *
st_diff_words (const char *old_text,
               const char *new_text)
{
  g_auto(Words) old_words = { 0 };
  g_auto(Words) new_words = { 0 };
  g_autoptr(GArray) edits = NULL;
  g_autoptr(GString) equal = g_string_new (NULL);
  g_autoptr(GString) deleted = g_string_new (NULL);
  g_autoptr(GString) inserted = g_string_new (NULL);
  ChunkBuilder builder = { NULL, equal, deleted, inserted };

  split_words (old_text, &old_words);
  split_words (new_text, &new_words);
  builder.chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) st_diff_chunk_free);

  edits = st_diff_tokens ((const char * const *) old_words.words->pdata, old_words.words->len,
                          (const char * const *) new_words.words->pdata, new_words.words->len);

  for (guint i = 0; i < edits->len; i++)
    {
      const StDiffEdit *edit = &g_array_index (edits, StDiffEdit, i);
      guint old_end, new_end;

      if (edit->op == ST_DIFF_EQUAL)
        {
          for (guint k = 0; k < edit->length; k++)
            {
              guint o = edit->old_start + k;
              guint n = edit->new_start + k;
              const char *old_space = g_ptr_array_index (old_words.spaces, o);
              const char *new_space = g_ptr_array_index (new_words.spaces, n);

              append_equal (&builder, g_ptr_array_index (old_words.words, o));
              /* The same word with different white space after it: only
               * the white space changed */
              if (g_str_equal (old_space, new_space))
                {
                  append_equal (&builder, old_space);
                }
              else
                {
                  append_change (&builder, deleted, old_space);
                  append_change (&builder, inserted, new_space);
                }
            }
          continue;
        }

      /* The words removed and added between two unchanged ones, whichever
       * of the two runs the edit script gives first */
      old_end = edit->old_start;
      new_end = edit->new_start;
      for (; i < edits->len; i++)
        {
          const StDiffEdit *change = &g_array_index (edits, StDiffEdit, i);

          if (change->op == ST_DIFF_EQUAL)
            break;
          if (change->op == ST_DIFF_DELETE)
            old_end = change->old_start + change->length;
          else
            new_end = change->new_start + change->length;
        }
      i--;
      append_replacement (&builder,
                          &old_words, edit->old_start, old_end,
                          &new_words, edit->new_start, new_end);
    }

  add_chunk (builder.chunks, ST_DIFF_EQUAL, equal);
  flush_changes (&builder);

  return builder.chunks;
}

static guint
count_words (const char *text)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean space = g_ascii_isspace (*p);

      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  return n;
}

void
st_diff_count (GPtrArray *chunks,
               guint     *deleted,
               guint     *inserted)
{
  guint d = 0, n = 0;

  g_return_if_fail (chunks != NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      const StDiffChunk *chunk = g_ptr_array_index (chunks, i);

      if (chunk->op == ST_DIFF_DELETE)
        d += count_words (chunk->text);
      else if (chunk->op == ST_DIFF_INSERT)
        n += count_words (chunk->text);
    }
  if (deleted != NULL)
    *deleted = d;
  if (inserted != NULL)
    *inserted = n;
}

static void
append_visible (GString    *out,
                const char *text,
                gssize      length)
{
  const char *end = length < 0 ? text + strlen (text) : text + length;

  for (const char *p = text; p < end; p++)
    {
      if (*p == '\n')
        g_string_append (out, "⏎");
      else if (*p != '\r')
        g_string_append_c (out, *p);
    }
}

/* The start of word @n (counting from 0) of @text, or its end */
static const char *
skip_words (const char *text,
            guint       n)
{
  gboolean in_word = FALSE;
  guint seen = 0;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      gboolean space = g_ascii_isspace (*p);

      if (!space && !in_word && seen++ == n)
        break;
      in_word = !space;
    }
  return p;
}

/* Appends an unchanged run, keeping at most @n words next to each change:
 * @before and @after say whether a change comes before and after it. */
static void
append_context (GString    *out,
                const char *text,
                guint       n,
                gboolean    before,
                gboolean    after)
{
  guint words = count_words (text);

  if (n == G_MAXUINT || words <= (before ? n : 0) + (after ? n : 0) + 1)
    {
      append_visible (out, text, -1);
      return;
    }

  if (before)
    {
      const char *end = skip_words (text, n);

      append_visible (out, text, end - text);
    }
  g_string_append (out, after ? "… " : "…");
  if (after)
    append_visible (out, skip_words (text, words - n), -1);
}

char *
st_diff_format (GPtrArray *chunks,
                guint      context)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (chunks != NULL, NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      const StDiffChunk *chunk = g_ptr_array_index (chunks, i);

      switch (chunk->op)
        {
        case ST_DIFF_EQUAL:
          if (chunks->len == 1)
            append_visible (out, chunk->text, -1);
          else
            append_context (out, chunk->text, context, i > 0, i + 1 < chunks->len);
          break;

        case ST_DIFF_DELETE:
        case ST_DIFF_INSERT:
          {
            const char *open = chunk->op == ST_DIFF_DELETE ? "[-" : "{+";
            const char *close = chunk->op == ST_DIFF_DELETE ? "-]" : "+}";
            const char *text = chunk->text;
            gsize len = strlen (text);
            gsize lead = 0;
            gsize trimmed = len;

            /* Keep the white space either side outside the brackets */
            while (lead < len && g_ascii_isspace (text[lead]))
              lead++;
            while (trimmed > lead && g_ascii_isspace (text[trimmed - 1]))
              trimmed--;
            append_visible (out, text, lead);
            if (trimmed == lead)
              break;
            g_string_append (out, open);
            append_visible (out, text + lead, trimmed - lead);
            g_string_append (out, close);
            /* A replacement reads "[-old-] {+new+}" */
            if (chunk->op == ST_DIFF_DELETE && i + 1 < chunks->len &&
                ((StDiffChunk *) g_ptr_array_index (chunks, i + 1))->op == ST_DIFF_INSERT)
              g_string_append_c (out, ' ');
            else
              append_visible (out, text + trimmed, len - trimmed);
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (out, FALSE);
}
