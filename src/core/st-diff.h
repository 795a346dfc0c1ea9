/* st-diff.h: shortest edit scripts between two texts, word by word
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ST_DIFF_EQUAL,
  ST_DIFF_DELETE,   /* only in the old sequence */
  ST_DIFF_INSERT,   /* only in the new sequence */
} StDiffOp;

/* A run of @length tokens: old[old_start …] and/or new[new_start …].
 * For ST_DIFF_INSERT old_start is where the run goes in the old sequence;
 * for ST_DIFF_DELETE new_start is where the run was in the new one. */
typedef struct {
  StDiffOp op;
  guint    old_start;
  guint    new_start;
  guint    length;
} StDiffEdit;

/* Myers' O((N+M)·D) algorithm in linear space over two sequences of
 * strings compared with g_str_equal(). Returns a GArray of StDiffEdit in
 * order, adjacent runs of the same op merged; applying the EQUAL and DELETE
 * runs gives @old, the EQUAL and INSERT runs give @new, and the number of
 * DELETE plus INSERT tokens is the fewest possible. */
GArray *st_diff_tokens      (const char * const *old_tokens,
                             guint               n_old,
                             const char * const *new_tokens,
                             guint               n_new);

/* A piece of a word diff: text is whole words and white space, so the
 * EQUAL and DELETE pieces concatenated give the old text, and the EQUAL
 * and INSERT pieces the new one. A changed piece may start with white
 * space, or be white space alone, when only the white space after an
 * unchanged word changed. */
typedef struct {
  StDiffOp  op;
  char     *text;
} StDiffChunk;

void    st_diff_chunk_free  (StDiffChunk *chunk);

/* Splits both texts into words and the white space between them and diffs
 * the words: a word is unchanged even when the white space after it is
 * not ("lead." at the end of a text, "lead. He" after it is written on).
 * Returns a GPtrArray of StDiffChunk; free with g_ptr_array_unref. */
GPtrArray *st_diff_words    (const char *old_text,
                             const char *new_text);

/* Number of words deleted and inserted in a word diff */
void    st_diff_count       (GPtrArray  *chunks,
                             guint      *deleted,
                             guint      *inserted);

/* The diff as one line of text in the style of wdiff: unchanged words as
 * they are, "[-deleted-]" and "{+inserted+}", with at most @context
 * unchanged words kept either side of a change (G_MAXUINT for all) and
 * "…" for the rest. Line breaks are shown as "⏎". */
char   *st_diff_format      (GPtrArray  *chunks,
                             guint       context);

G_END_DECLS
