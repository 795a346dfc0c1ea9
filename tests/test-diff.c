/* test-diff.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "st-diff.h"

/* Length of the longest common subsequence, by the textbook table */
static guint
lcs_length (const char * const *a,
            guint               n,
            const char * const *b,
            guint               m)
{
  g_autofree guint *table = g_new0 (guint, (n + 1) * (m + 1));

  for (guint i = 1; i <= n; i++)
    for (guint j = 1; j <= m; j++)
      {
        guint *cell = &table[i * (m + 1) + j];

        if (g_str_equal (a[i - 1], b[j - 1]))
          *cell = table[(i - 1) * (m + 1) + j - 1] + 1;
        else
          *cell = MAX (table[(i - 1) * (m + 1) + j], table[i * (m + 1) + j - 1]);
      }
  return table[n * (m + 1) + m];
}

/* Checks that @edits turn @a into @b and are as short as can be */
static void
check_edits (GArray             *edits,
             const char * const *a,
             guint               n,
             const char * const *b,
             guint               m)
{
  guint x = 0, y = 0, changed = 0;

  for (guint i = 0; i < edits->len; i++)
    {
      const StDiffEdit *edit = &g_array_index (edits, StDiffEdit, i);

      g_assert_cmpuint (edit->length, >, 0);
      if (i > 0)
        g_assert_true (edit->op != g_array_index (edits, StDiffEdit, i - 1).op);
      switch (edit->op)
        {
        case ST_DIFF_EQUAL:
          g_assert_cmpuint (edit->old_start, ==, x);
          g_assert_cmpuint (edit->new_start, ==, y);
          for (guint j = 0; j < edit->length; j++)
            g_assert_cmpstr (a[x + j], ==, b[y + j]);
          x += edit->length;
          y += edit->length;
          break;
        case ST_DIFF_DELETE:
          g_assert_cmpuint (edit->old_start, ==, x);
          x += edit->length;
          changed += edit->length;
          break;
        case ST_DIFF_INSERT:
          g_assert_cmpuint (edit->new_start, ==, y);
          y += edit->length;
          changed += edit->length;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (x, ==, n);
  g_assert_cmpuint (y, ==, m);
  g_assert_cmpuint (changed, ==, n + m - 2 * lcs_length (a, n, b, m));
}

static void
test_diff_tokens_basic (void)
{
  const char *a[] = { "a", "b", "c", "a", "b", "b", "a" };
  const char *b[] = { "c", "b", "a", "b", "a", "c" };
  g_autoptr(GArray) edits = st_diff_tokens (a, G_N_ELEMENTS (a), b, G_N_ELEMENTS (b));

  /* Myers' own example: an edit distance of 5 */
  check_edits (edits, a, G_N_ELEMENTS (a), b, G_N_ELEMENTS (b));
}

static void
test_diff_tokens_empty (void)
{
  const char *a[] = { "x", "y" };
  g_autoptr(GArray) none = st_diff_tokens (NULL, 0, NULL, 0);
  g_autoptr(GArray) all_new = st_diff_tokens (NULL, 0, a, 2);
  g_autoptr(GArray) all_old = st_diff_tokens (a, 2, NULL, 0);
  g_autoptr(GArray) same = st_diff_tokens (a, 2, a, 2);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (all_new->len, ==, 1);
  g_assert_cmpint (g_array_index (all_new, StDiffEdit, 0).op, ==, ST_DIFF_INSERT);
  g_assert_cmpuint (all_old->len, ==, 1);
  g_assert_cmpint (g_array_index (all_old, StDiffEdit, 0).op, ==, ST_DIFF_DELETE);
  g_assert_cmpuint (same->len, ==, 1);
  g_assert_cmpint (g_array_index (same, StDiffEdit, 0).op, ==, ST_DIFF_EQUAL);
  g_assert_cmpuint (g_array_index (same, StDiffEdit, 0).length, ==, 2);
}

/* Random sequences over a small alphabet, checked against the LCS table:
 * this is what finds off-by-one errors in the middle-snake search */
static void
test_diff_tokens_random (void)
{
  static const char * const alphabet[] = { "a", "b", "c", "d" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20150116);

  for (guint round = 0; round < 3000; round++)
    {
      guint n = g_rand_int_range (rand, 0, 40);
      guint m = g_rand_int_range (rand, 0, 40);
      guint letters = g_rand_int_range (rand, 1, G_N_ELEMENTS (alphabet) + 1);
      g_autofree const char **a = g_new0 (const char *, n + 1);
      g_autofree const char **b = g_new0 (const char *, m + 1);
      g_autoptr(GArray) edits = NULL;

      for (guint i = 0; i < n; i++)
        a[i] = alphabet[g_rand_int_range (rand, 0, letters)];
      for (guint i = 0; i < m; i++)
        b[i] = alphabet[g_rand_int_range (rand, 0, letters)];

      edits = st_diff_tokens (a, n, b, m);
      check_edits (edits, a, n, b, m);
    }
}

static char *
join_chunks (GPtrArray *chunks,
             StDiffOp   skip)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      const StDiffChunk *chunk = g_ptr_array_index (chunks, i);

      if (chunk->op != skip)
        g_string_append (out, chunk->text);
    }
  return g_string_free (out, FALSE);
}

static void
test_diff_words (void)
{
  /* The Cabinet Office's action 4 text as it differs between two pages */
  const char *old_text = "Cabinet Office will work with the Chief Technology Officer and Arm’s Length Bodies.";
  const char *new_text = "Cabinet Office will work with the chief technology officer and arm’s length bodies.";
  g_autoptr(GPtrArray) chunks = st_diff_words (old_text, new_text);
  g_autofree char *old_again = join_chunks (chunks, ST_DIFF_INSERT);
  g_autofree char *new_again = join_chunks (chunks, ST_DIFF_DELETE);
  g_autofree char *formatted = st_diff_format (chunks, G_MAXUINT);
  guint deleted, inserted;

  g_assert_cmpstr (old_again, ==, old_text);
  g_assert_cmpstr (new_again, ==, new_text);
  st_diff_count (chunks, &deleted, &inserted);
  g_assert_cmpuint (deleted, ==, 6);
  g_assert_cmpuint (inserted, ==, 6);
  g_assert_cmpstr (formatted, ==,
                   "Cabinet Office will work with the "
                   "[-Chief Technology Officer-] {+chief technology officer+} and "
                   "[-Arm’s Length Bodies.-] {+arm’s length bodies.+}");
}

static void
test_diff_words_whitespace (void)
{
  g_autoptr(GPtrArray) chunks = st_diff_words ("one\n\n- two\n- three", "one\n\n- two\n- four");
  g_autofree char *old_again = join_chunks (chunks, ST_DIFF_INSERT);
  g_autofree char *formatted = st_diff_format (chunks, G_MAXUINT);
  g_autoptr(GPtrArray) same = st_diff_words ("same text", "same text");
  g_autoptr(GPtrArray) empty = st_diff_words ("", NULL);

  g_assert_cmpstr (old_again, ==, "one\n\n- two\n- three");
  g_assert_cmpstr (formatted, ==, "one⏎⏎- two⏎- [-three-] {+four+}");
  g_assert_cmpuint (same->len, ==, 1);
  g_assert_cmpint (((StDiffChunk *) g_ptr_array_index (same, 0))->op, ==, ST_DIFF_EQUAL);
  g_assert_cmpuint (empty->len, ==, 0);
}

/* Writing on after the last word changes only the white space after it:
 * the word itself is not removed and added again */
static void
test_diff_words_last_word (void)
{
  const char *old_text = "Departments will take the lead.";
  const char *new_text = "Departments will take the lead. He will help.";
  g_autoptr(GPtrArray) chunks = st_diff_words (old_text, new_text);
  g_autoptr(GPtrArray) back = st_diff_words (new_text, old_text);
  g_autofree char *old_again = join_chunks (chunks, ST_DIFF_INSERT);
  g_autofree char *new_again = join_chunks (chunks, ST_DIFF_DELETE);
  g_autofree char *back_old = join_chunks (back, ST_DIFF_INSERT);
  g_autofree char *back_new = join_chunks (back, ST_DIFF_DELETE);
  g_autofree char *formatted = st_diff_format (chunks, G_MAXUINT);
  g_autofree char *formatted_back = st_diff_format (back, G_MAXUINT);
  guint deleted, inserted;

  g_assert_cmpstr (old_again, ==, old_text);
  g_assert_cmpstr (new_again, ==, new_text);
  g_assert_cmpuint (chunks->len, ==, 2);
  g_assert_cmpint (((StDiffChunk *) g_ptr_array_index (chunks, 0))->op, ==, ST_DIFF_EQUAL);
  g_assert_cmpstr (((StDiffChunk *) g_ptr_array_index (chunks, 0))->text, ==,
                   "Departments will take the lead.");
  g_assert_cmpint (((StDiffChunk *) g_ptr_array_index (chunks, 1))->op, ==, ST_DIFF_INSERT);
  st_diff_count (chunks, &deleted, &inserted);
  g_assert_cmpuint (deleted, ==, 0);
  g_assert_cmpuint (inserted, ==, 3);
  g_assert_cmpstr (formatted, ==, "Departments will take the lead. {+He will help.+}");

  /* And taking the new sentence away again */
  g_assert_cmpstr (back_old, ==, new_text);
  g_assert_cmpstr (back_new, ==, old_text);
  st_diff_count (back, &deleted, &inserted);
  g_assert_cmpuint (deleted, ==, 3);
  g_assert_cmpuint (inserted, ==, 0);
  g_assert_cmpstr (formatted_back, ==, "Departments will take the lead. [-He will help.-]");
}

/* A new paragraph break between the same words changes no word */
static void
test_diff_words_space_only (void)
{
  const char *old_text = "First point. Second point.\n";
  const char *new_text = "First point.\n\nSecond point.";
  g_autoptr(GPtrArray) chunks = st_diff_words (old_text, new_text);
  g_autofree char *old_again = join_chunks (chunks, ST_DIFF_INSERT);
  g_autofree char *new_again = join_chunks (chunks, ST_DIFF_DELETE);
  guint deleted, inserted;

  g_assert_cmpstr (old_again, ==, old_text);
  g_assert_cmpstr (new_again, ==, new_text);
  st_diff_count (chunks, &deleted, &inserted);
  g_assert_cmpuint (deleted, ==, 0);
  g_assert_cmpuint (inserted, ==, 0);
  for (guint i = 0; i < chunks->len; i++)
    {
      const StDiffChunk *chunk = g_ptr_array_index (chunks, i);
      g_autofree char *words = g_strstrip (g_strdup (chunk->text));

      if (chunk->op != ST_DIFF_EQUAL)
        g_assert_cmpstr (words, ==, "");
    }
}

/* A name changed on both sides of a paragraph break: each paragraph keeps
 * its own removed and added words, and the break stays between them
 * instead of the added words moving into the next paragraph */
static void
test_diff_words_paragraph_break (void)
{
  const char *old_text = "Cabinet Office started to build an internal specialist digital capability "
                         "team, the Cabinet Office Digital and Technology Team (CODATT).\n\n"
                         "CODATT built direct contact with service managers.";
  const char *new_text = "Cabinet Office started to build an internal specialist digital capability "
                         "team, the Cabinet Office Digital and Technology Team (CODaT).\n\n"
                         "CODaT built direct contact with service managers.";
  g_autoptr(GPtrArray) chunks = st_diff_words (old_text, new_text);
  g_autofree char *old_again = join_chunks (chunks, ST_DIFF_INSERT);
  g_autofree char *new_again = join_chunks (chunks, ST_DIFF_DELETE);
  g_autofree char *formatted = st_diff_format (chunks, 1);
  g_autoptr(GPtrArray) lines = st_diff_words ("one\ntwo\nthree", "uno\ndos\ntres\ncuatro");
  g_autofree char *lines_formatted = st_diff_format (lines, G_MAXUINT);
  g_autofree char *lines_old = join_chunks (lines, ST_DIFF_INSERT);
  g_autofree char *lines_new = join_chunks (lines, ST_DIFF_DELETE);
  g_autoptr(GPtrArray) fewer = st_diff_words ("One.\n\nTwo.\n\nThree.", "One.\n\nBoth.");
  g_autofree char *fewer_formatted = st_diff_format (fewer, G_MAXUINT);
  g_autofree char *fewer_old = join_chunks (fewer, ST_DIFF_INSERT);
  g_autofree char *fewer_new = join_chunks (fewer, ST_DIFF_DELETE);
  guint deleted, inserted;
  guint breaks = 0;

  g_assert_cmpstr (old_again, ==, old_text);
  g_assert_cmpstr (new_again, ==, new_text);
  st_diff_count (chunks, &deleted, &inserted);
  g_assert_cmpuint (deleted, ==, 2);
  g_assert_cmpuint (inserted, ==, 2);
  g_assert_cmpstr (formatted, ==,
                   "… Team [-(CODATT).-] {+(CODaT).+}⏎⏎[-CODATT-] {+CODaT+} built …");
  /* The paragraph break itself is unchanged text, in one place */
  for (guint i = 0; i < chunks->len; i++)
    {
      const StDiffChunk *chunk = g_ptr_array_index (chunks, i);

      if (strstr (chunk->text, "\n\n") != NULL)
        {
          g_assert_cmpint (chunk->op, ==, ST_DIFF_EQUAL);
          g_assert_cmpstr (chunk->text, ==, "\n\n");
          breaks++;
        }
    }
  g_assert_cmpuint (breaks, ==, 1);

  /* Every line rewritten, and one more: the lines pair up */
  g_assert_cmpstr (lines_old, ==, "one\ntwo\nthree");
  g_assert_cmpstr (lines_new, ==, "uno\ndos\ntres\ncuatro");
  g_assert_cmpstr (lines_formatted, ==, "[-one-] {+uno+}⏎[-two-] {+dos+}⏎[-three-] {+tres⏎cuatro+}");

  /* Two paragraphs become one: one run, as nothing pairs up */
  g_assert_cmpstr (fewer_old, ==, "One.\n\nTwo.\n\nThree.");
  g_assert_cmpstr (fewer_new, ==, "One.\n\nBoth.");
  g_assert_cmpstr (fewer_formatted, ==, "One.⏎⏎[-Two.⏎⏎Three.-] {+Both.+}");
}

static void
test_diff_format_context (void)
{
  g_autoptr(GPtrArray) chunks = st_diff_words ("a b c d e f g h i j k l m n o p",
                                               "a b c d e f g X i j k l m n o p");
  g_autoptr(GPtrArray) two = st_diff_words ("a b c d e f g h i j k l m n o p",
                                            "a B c d e f g h i j k l m n O p");
  g_autofree char *formatted = st_diff_format (chunks, 2);
  g_autofree char *formatted_two = st_diff_format (two, 2);

  g_assert_cmpstr (formatted, ==, "… f g [-h-] {+X+} i j …");
  g_assert_cmpstr (formatted_two, ==, "a [-b-] {+B+} c d … m n [-o-] {+O+} p");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/tokens/basic", test_diff_tokens_basic);
  g_test_add_func ("/diff/tokens/empty", test_diff_tokens_empty);
  g_test_add_func ("/diff/tokens/random", test_diff_tokens_random);
  g_test_add_func ("/diff/words", test_diff_words);
  g_test_add_func ("/diff/words/whitespace", test_diff_words_whitespace);
  g_test_add_func ("/diff/words/last-word", test_diff_words_last_word);
  g_test_add_func ("/diff/words/space-only", test_diff_words_space_only);
  g_test_add_func ("/diff/words/paragraph-break", test_diff_words_paragraph_break);
  g_test_add_func ("/diff/format/context", test_diff_format_context);

  return g_test_run ();
}
