/* st-validator.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Validation runs in one pass over each section's text: a hand-written
 * scanner splits it into tokens (words with their character offsets, the
 * punctuation between them, sentence and paragraph starts) and looks each
 * word up once in a lexicon compiled from data/rules/govuk-style.json. The
 * rules then walk the tokens. Nothing in the per-token loops allocates: the
 * token, word and finding buffers belong to the validator and are reused.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "st-finding-private.h"
#include "st-json-private.h"
#include "st-validator.h"

#define RULES_RESOURCE "/org/stocktake/Stocktake/rules/govuk-style.json"
#define RULES_FORMAT   "stocktake-rules"
#define RULES_VERSION  1

typedef enum {
  RULE_MISSING_SECTION,
  RULE_UNANSWERED,
  RULE_NOT_APPLICABLE_REASON,
  RULE_LATE_ITEM,
  RULE_PROGRESS_WITHOUT_PLAN_ANSWER,
  RULE_COPIED_FORWARD,
  RULE_PLACEHOLDER,
  RULE_STYLE_ABBREVIATION,
  RULE_STYLE_NUMBER_WORDS,
  RULE_STYLE_PERCENT,
  RULE_STYLE_DATE,
  RULE_STYLE_RANGE_HYPHEN,
  RULE_STYLE_JOB_TITLE,
  RULE_STYLE_ACRONYM,
  RULE_STYLE_AVOID_WORDS,
  RULE_LONG_PARAGRAPH,
  RULE_LONG_SENTENCE,
  RULE_PLAN_PAST_TENSE,
  RULE_PROGRESS_RESTATES_PLAN,
  RULE_CHANGED_SINCE_APPROVED,
  N_RULES
} Rule;

static const struct {
  const char *id;
  StSeverity  severity;
  const char *description;
} rule_table[N_RULES] = {
  [RULE_MISSING_SECTION] = { ST_RULE_MISSING_SECTION, ST_SEVERITY_ERROR,
    N_("A section required in the round being collected is missing or empty") },
  [RULE_UNANSWERED] = { ST_RULE_UNANSWERED, ST_SEVERITY_ERROR,
    N_("An item is neither answered nor declared not applicable") },
  [RULE_NOT_APPLICABLE_REASON] = { ST_RULE_NOT_APPLICABLE_REASON, ST_SEVERITY_ERROR,
    N_("An item is declared not applicable without a reason") },
  [RULE_LATE_ITEM] = { ST_RULE_LATE_ITEM, ST_SEVERITY_ERROR,
    N_("An item that starts in a later round has text in an earlier round’s section") },
  [RULE_PROGRESS_WITHOUT_PLAN_ANSWER] = { ST_RULE_PROGRESS_WITHOUT_PLAN_ANSWER, ST_SEVERITY_ERROR,
    N_("A progress section is empty although the plan for its year has text") },
  [RULE_COPIED_FORWARD] = { ST_RULE_COPIED_FORWARD, ST_SEVERITY_WARNING,
    N_("Text is the same, or nearly the same, as the previous round’s") },
  [RULE_PLACEHOLDER] = { ST_RULE_PLACEHOLDER, ST_SEVERITY_WARNING,
    N_("Placeholder text such as TBC, TODO, XXX or “[insert”") },
  [RULE_STYLE_ABBREVIATION] = { ST_RULE_STYLE_ABBREVIATION, ST_SEVERITY_WARNING,
    N_("“eg”, “ie” or “etc”, with or without full stops") },
  [RULE_STYLE_NUMBER_WORDS] = { ST_RULE_STYLE_NUMBER_WORDS, ST_SEVERITY_WARNING,
    N_("Numbers from 2 to 9 written as words") },
  [RULE_STYLE_PERCENT] = { ST_RULE_STYLE_PERCENT, ST_SEVERITY_WARNING,
    N_("“percent” or “per cent” instead of %") },
  [RULE_STYLE_DATE] = { ST_RULE_STYLE_DATE, ST_SEVERITY_WARNING,
    N_("Dates not written like “16 January 2015”") },
  [RULE_STYLE_RANGE_HYPHEN] = { ST_RULE_STYLE_RANGE_HYPHEN, ST_SEVERITY_WARNING,
    N_("Ranges written with a hyphen instead of “to”") },
  [RULE_STYLE_JOB_TITLE] = { ST_RULE_STYLE_JOB_TITLE, ST_SEVERITY_WARNING,
    N_("Job titles written with capital letters") },
  [RULE_STYLE_ACRONYM] = { ST_RULE_STYLE_ACRONYM, ST_SEVERITY_WARNING,
    N_("An abbreviation not spelled out where a page first uses it") },
  [RULE_STYLE_AVOID_WORDS] = { ST_RULE_STYLE_AVOID_WORDS, ST_SEVERITY_WARNING,
    N_("Words GOV.UK asks writers to avoid") },
  [RULE_LONG_PARAGRAPH] = { ST_RULE_LONG_PARAGRAPH, ST_SEVERITY_WARNING,
    N_("A paragraph longer than the limit (100 words unless changed)") },
  [RULE_LONG_SENTENCE] = { ST_RULE_LONG_SENTENCE, ST_SEVERITY_WARNING,
    N_("A sentence longer than the limit (25 words unless changed)") },
  [RULE_PLAN_PAST_TENSE] = { ST_RULE_PLAN_PAST_TENSE, ST_SEVERITY_WARNING,
    N_("A plan written in the past tense") },
  [RULE_PROGRESS_RESTATES_PLAN] = { ST_RULE_PROGRESS_RESTATES_PLAN, ST_SEVERITY_WARNING,
    N_("Progress that only restates the plan for its year") },
  [RULE_CHANGED_SINCE_APPROVED] = { ST_RULE_CHANGED_SINCE_APPROVED, ST_SEVERITY_INFO,
    N_("What changed since the submission was last approved") },
};

GArray *
st_validator_list_rules (void)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (StRuleInfo), N_RULES);

  for (guint i = 0; i < N_RULES; i++)
    {
      StRuleInfo info = {
        rule_table[i].id,
        rule_table[i].severity,
        g_dgettext (GETTEXT_PACKAGE, rule_table[i].description),
      };
      g_array_append_val (array, info);
    }
  return array;
}

/* Hashing and folding */

/* Words are hashed a character at a time with a rotate and an exclusive
 * or (two cycles a byte), then mixed once per word: the scanner hashes
 * every word of the report, so the per-byte step must be short. */
#define HASH_BASIS 0x9e3779b9u

static inline gunichar
fold_char (gunichar c)
{
  if (c < 0x80)
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  if (c == 0x2019 || c == 0x2018)
    return '\'';
  return g_unichar_tolower (c);
}

static inline guint32
hash_step (guint32   h,
           gunichar  c)
{
  return ((h << 5) | (h >> 27)) ^ c;
}

static inline guint32
hash_finish (guint32 h)
{
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

static guint64
hash64 (const char *s,
        gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) s[i]) * G_GUINT64_CONSTANT (1099511628211);
  return h != 0 ? h : 1;
}

/* The character at @p. Bytes that are not UTF-8 count as one character
 * each, so a broken text cannot make the scanner read past its end. */
static inline gunichar
next_char (const guchar  *p,
           const guchar  *end,
           const guchar **next)
{
  gunichar c;

  if (*p < 0x80)
    {
      *next = p + 1;
      return *p;
    }
  c = g_utf8_get_char_validated ((const char *) p, end - p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *next = p + 1;
      return 0xFFFD;
    }
  *next = (const guchar *) g_utf8_next_char (p);
  return c;
}

static inline gboolean
is_alnum (gunichar c)
{
  return c < 0x80 ? g_ascii_isalnum (c) : g_unichar_isalnum (c);
}

static inline gboolean
is_alpha (gunichar c)
{
  return c < 0x80 ? g_ascii_isalpha (c) : g_unichar_isalpha (c);
}

/* ASCII character classes, for the scanner's fast path */
enum {
  CLASS_ALNUM = 1 << 0,
  CLASS_DIGIT = 1 << 1,
  CLASS_UPPER = 1 << 2,
  CLASS_LOWER = 1 << 3,
};

#define D (CLASS_ALNUM | CLASS_DIGIT)
#define U (CLASS_ALNUM | CLASS_UPPER)
#define L (CLASS_ALNUM | CLASS_LOWER)
static const guint8 ascii_class[128] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, 0,
  0, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
  U, U, U, U, U, U, U, U, U, U, U, 0, 0, 0, 0, 0,
  0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
  L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0,
};
#undef D
#undef U
#undef L

/* A set of 64-bit hashes (open addressing; 0 is never a key) */

typedef struct {
  guint64 *keys;
  guint    mask;
  guint    n;
} Set64;

static void
set64_init (Set64 *set)
{
  set->mask = 63;
  set->keys = g_new0 (guint64, set->mask + 1);
  set->n = 0;
}

static void
set64_free (Set64 *set)
{
  g_clear_pointer (&set->keys, g_free);
  set->n = 0;
}

static void
set64_clear (Set64 *set)
{
  if (set->n > 0)
    memset (set->keys, 0, (set->mask + 1) * sizeof (guint64));
  set->n = 0;
}

static gboolean
set64_contains (const Set64 *set,
                guint64      key)
{
  guint i = (guint) (key ^ (key >> 32)) & set->mask;

  while (set->keys[i] != 0)
    {
      if (set->keys[i] == key)
        return TRUE;
      i = (i + 1) & set->mask;
    }
  return FALSE;
}

static void set64_add (Set64 *set, guint64 key);

static void
set64_grow (Set64 *set)
{
  guint64 *old = set->keys;
  guint old_size = set->mask + 1;

  set->mask = old_size * 2 - 1;
  set->keys = g_new0 (guint64, set->mask + 1);
  set->n = 0;
  for (guint i = 0; i < old_size; i++)
    if (old[i] != 0)
      set64_add (set, old[i]);
  g_free (old);
}

static void
set64_add (Set64   *set,
           guint64  key)
{
  guint i;

  if ((set->n + 1) * 2 > set->mask + 1)
    set64_grow (set);

  i = (guint) (key ^ (key >> 32)) & set->mask;
  while (set->keys[i] != 0)
    {
      if (set->keys[i] == key)
        return;
      i = (i + 1) & set->mask;
    }
  set->keys[i] = key;
  set->n++;
}

/* Tokens */

enum {
  GAP_SPACE     = 1 << 0,
  GAP_NEWLINE   = 1 << 1,
  GAP_PARAGRAPH = 1 << 2,   /* a paragraph or list item starts here */
  GAP_SENTENCE  = 1 << 3,   /* a sentence starts here */
  GAP_HYPHEN    = 1 << 4,
  GAP_DASH      = 1 << 5,   /* en or em dash */
  GAP_SLASH     = 1 << 6,
  GAP_COMMA     = 1 << 7,
  GAP_PERIOD    = 1 << 8,
  GAP_STOP      = 1 << 9,   /* ! or ? */
  GAP_COLON     = 1 << 10,
  GAP_OPEN      = 1 << 11,  /* ( [ { */
  GAP_CLOSE     = 1 << 12,  /* ) ] } */
  GAP_QUOTE     = 1 << 13,
  GAP_OTHER     = 1 << 14,
};

/* What may separate the words of a phrase */
#define GAP_PHRASE (GAP_SPACE | GAP_NEWLINE | GAP_HYPHEN)

enum {
  TOK_CAPITAL    = 1 << 0,  /* starts with a capital letter */
  TOK_LOWER      = 1 << 1,  /* starts with a small letter */
  TOK_INTEGER    = 1 << 2,  /* digits only */
  TOK_NUMERIC    = 1 << 3,  /* digits with , or . inside */
  TOK_ORDINAL    = 1 << 4,  /* 1st, 22nd, 16th */
  TOK_CAPS2      = 1 << 5,  /* two capitals or more: perhaps an acronym */
  TOK_POSSESSIVE = 1 << 6,  /* ends in ’s */
  TOK_ALPHA      = 1 << 7,  /* has a letter */
  TOK_WIDE       = 1 << 8,  /* has a character that is not ASCII */
};

typedef struct {
  guint32 start, end;       /* bytes */
  guint32 hend;             /* end of the word without a final ’s */
  guint32 cstart, cend;     /* characters */
  guint32 hash;             /* of the folded word, without a final ’s */
  guint32 value;            /* integers and ordinals, up to 9 digits */
  guint32 lex;              /* lexicon entry + 1, or 0 */
  guint16 gap;              /* GAP_*: what comes between this and the previous token */
  guint16 flags;            /* TOK_* */
  guchar  lead, trail;      /* the bytes just before and after */
} Token;

typedef struct {
  GArray     *tokens;       /* Token */
  guint       n_tokens;
  guint       n_chars;
  const char *text;
  gsize       len;
  guint16     final_gap;    /* what follows the last token */
} Scanner;

static void
scanner_init (Scanner *sc)
{
  sc->tokens = g_array_sized_new (FALSE, FALSE, sizeof (Token), 256);
}

static void
scanner_clear (Scanner *sc)
{
  g_clear_pointer (&sc->tokens, g_array_unref);
}

static const guchar *
scan_word (Scanner      *sc,
           const guchar *p,
           const guchar *end,
           guint32      *chars,
           guint16      *gap)
{
  const guchar *base = (const guchar *) sc->text;
  const guchar *apos = NULL;
  guint32 h = HASH_BASIS, h_before_apos = 0;
  guint nupper = 0, nlower = 0, ndigit = 0, nchars = 0;
  gboolean inner = FALSE, wide = FALSE;
  gunichar first = 0, prev = 0;
  guint ascii = 0;
  Token *t;

  /* The array was sized for the longest possible list in scan_text() */
  t = &g_array_index (sc->tokens, Token, sc->n_tokens++);
  memset (t, 0, sizeof (Token));
  t->start = p - base;
  t->cstart = *chars;
  t->lead = p > base ? p[-1] : 0;

  while (p < end)
    {
      const guchar *next;
      gunichar c = *p;

      /* Most text is ASCII letters: no branches on what kind */
      if (c < 0x80 && (ascii_class[c] & CLASS_ALNUM))
        {
          const guchar *run = p;

          if (nchars == 0)
            first = c;
          do
            {
              const guint8 k = ascii_class[c];

              ndigit += (k >> 1) & 1;
              nupper += (k >> 2) & 1;
              nlower += (k >> 3) & 1;
              h = hash_step (h, c | ((k & CLASS_UPPER) << 3));
              prev = c;
              p++;
            }
          while (p < end && (c = *p) < 0x80 && (ascii_class[c] & CLASS_ALNUM));
          nchars += p - run;
          ascii += p - run;
          continue;
        }

      c = next_char (p, end, &next);
      if (c >= 0x80 && is_alnum (c))
        {
          wide = TRUE;
          if (g_unichar_isupper (c))
            nupper++;
          else if (g_unichar_islower (c))
            nlower++;
          if (nchars == 0)
            first = c;
          h = hash_step (h, fold_char (c));
          nchars++;
          (*chars)++;
          prev = c;
          p = next;
          continue;
        }

      /* Apostrophes, dots and digit-group commas join two word characters */
      if (nchars > 0 && next < end &&
          (c == '\'' || c == 0x2019 || c == '.' || c == ','))
        {
          const guchar *after;
          gunichar c2 = next_char (next, end, &after);

          if ((c == '\'' || c == 0x2019) && is_alpha (prev) && is_alpha (c2))
            {
              wide |= c != '\'';
              apos = p;
              h_before_apos = h;
              h = hash_step (h, '\'');
              (*chars)++;
              p = next;
              continue;
            }
          if (c == '.' && is_alnum (prev) && is_alnum (c2))
            {
              inner = TRUE;
              h = hash_step (h, '.');
              (*chars)++;
              p = next;
              continue;
            }
          if (c == ',' && prev < 0x80 && g_ascii_isdigit (prev) && c2 < 0x80 && g_ascii_isdigit (c2))
            {
              inner = TRUE;
              h = hash_step (h, ',');
              (*chars)++;
              p = next;
              continue;
            }
        }
      break;
    }

  /* ASCII word characters were not counted one by one */
  *chars += ascii;
  t->end = p - base;
  t->cend = *chars;
  t->trail = p < end ? *p : 0;
  t->hash = hash_finish (h);
  t->hend = t->end;
  if (apos != NULL && (p[-1] == 's' || p[-1] == 'S') &&
      (p - apos == 2 || p - apos == 4))
    {
      t->hash = hash_finish (h_before_apos);
      t->hend = apos - base;
      t->flags |= TOK_POSSESSIVE;
    }

  if (first < 0x80 ? g_ascii_isupper (first) : g_unichar_isupper (first))
    t->flags |= TOK_CAPITAL;
  else if (first < 0x80 ? g_ascii_islower (first) : g_unichar_islower (first))
    t->flags |= TOK_LOWER;
  if (nchars > ndigit)
    t->flags |= TOK_ALPHA;
  if (wide)
    t->flags |= TOK_WIDE;
  if (nupper >= 2)
    t->flags |= TOK_CAPS2;

  if (ndigit == nchars)
    {
      t->flags |= inner ? TOK_NUMERIC : TOK_INTEGER;
      if (!inner && ndigit <= 9)
        t->value = (guint32) g_ascii_strtoull (sc->text + t->start, NULL, 10);
    }
  else if (ndigit > 0 && ndigit <= 9 && ndigit + 2 == nchars && !inner && apos == NULL &&
           g_ascii_isdigit (first))
    {
      const char *suffix = sc->text + t->end - 2;

      if (strncmp (suffix, "st", 2) == 0 || strncmp (suffix, "nd", 2) == 0 ||
          strncmp (suffix, "rd", 2) == 0 || strncmp (suffix, "th", 2) == 0)
        {
          t->flags |= TOK_ORDINAL;
          t->value = (guint32) g_ascii_strtoull (sc->text + t->start, NULL, 10);
        }
    }

  t->gap = *gap;
  *gap = 0;
  return p;
}

static inline gboolean
is_blank (guchar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Splits @text into tokens. Markdown list markers and headings at the
 * start of a line start a paragraph; a blank line too. */
static void
scan_text (Scanner    *sc,
           const char *text,
           gsize       len)
{
  const guchar *p = (const guchar *) text, *end = p + len;
  guint32 chars = 0;
  guint16 gap = GAP_PARAGRAPH | GAP_SENTENCE;
  gboolean line_start = TRUE, line_empty = TRUE;

  /* Room for the most tokens a text this long can have */
  g_array_set_size (sc->tokens, len / 2 + 2);
  sc->n_tokens = 0;
  sc->text = text;
  sc->len = len;

  while (p < end)
    {
      const guchar *next;
      gunichar c;

      /* The common cases first: a space, a word */
      if (*p == ' ')
        {
          gap |= GAP_SPACE;
          p++;
          chars++;
          continue;
        }
      if (*p < 0x80 && (ascii_class[*p] & CLASS_ALNUM) && !line_start && *p != 'h')
        {
          line_empty = FALSE;
          p = scan_word (sc, p, end, &chars, &gap);
          continue;
        }

      if (is_blank (*p))
        {
          gap |= GAP_SPACE;
          p++;
          chars++;
          continue;
        }
      if (*p == '\n')
        {
          if (line_empty)
            gap |= GAP_PARAGRAPH;
          gap |= GAP_NEWLINE;
          line_start = line_empty = TRUE;
          p++;
          chars++;
          continue;
        }

      if (line_start)
        {
          const guchar *q = p;

          line_start = FALSE;
          if ((*p == '-' || *p == '*' || *p == '+') && p + 1 < end && is_blank (p[1]))
            {
              gap |= GAP_PARAGRAPH;
              line_empty = FALSE;
              p += 2;
              chars += 2;
              continue;
            }
          if (*p == '#')
            {
              while (p < end && *p == '#')
                {
                  p++;
                  chars++;
                }
              gap |= GAP_PARAGRAPH;
              line_empty = FALSE;
              continue;
            }
          while (q < end && g_ascii_isdigit (*q) && q - p < 9)
            q++;
          if (q > p && q + 1 < end && (*q == '.' || *q == ')') && is_blank (q[1]))
            {
              gap |= GAP_PARAGRAPH;
              line_empty = FALSE;
              chars += q + 2 - p;
              p = q + 2;
              continue;
            }
        }

      line_empty = FALSE;
      c = next_char (p, end, &next);

      if (is_alnum (c))
        {
          /* Links are not prose */
          if (*p == 'h' && ((end - p >= 7 && memcmp (p, "http://", 7) == 0) ||
              (end - p >= 8 && memcmp (p, "https://", 8) == 0)))
            {
              while (p < end && !g_ascii_isspace (*p) && *p != ')' && *p != '>' && *p != ']')
                {
                  if ((*p & 0xC0) != 0x80)
                    chars++;
                  p++;
                }
              gap |= GAP_OTHER;
              continue;
            }
          p = scan_word (sc, p, end, &chars, &gap);
          continue;
        }

      switch (c)
        {
        case '-':
          gap |= GAP_HYPHEN;
          break;
        case 0x2013: case 0x2014:
          gap |= GAP_DASH;
          break;
        case '/':
          gap |= GAP_SLASH;
          break;
        case ',':
          gap |= GAP_COMMA;
          break;
        case '.':
          gap |= GAP_PERIOD;
          break;
        case '!': case '?':
          gap |= GAP_STOP;
          break;
        case ':': case ';':
          gap |= GAP_COLON;
          break;
        case '(': case '[': case '{':
          gap |= GAP_OPEN;
          break;
        case ')': case ']': case '}':
          gap |= GAP_CLOSE;
          break;
        case '"': case '\'': case 0x2018: case 0x2019: case 0x201C: case 0x201D:
          gap |= GAP_QUOTE;
          break;
        case '*': case '_': case '`': case '~':
          /* emphasis: not part of what the reader sees */
          break;
        case 0x00A0: case 0x2009: case 0x202F:
          gap |= GAP_SPACE;
          break;
        default:
          gap |= GAP_OTHER;
          break;
        }
      p = next;
      chars++;
    }

  sc->final_gap = gap;
  sc->n_chars = chars;
  g_array_set_size (sc->tokens, sc->n_tokens);
}

/* The rules file, compiled */

enum {
  LEX_PLACEHOLDER     = 1 << 0,
  LEX_BRACKETED       = 1 << 1,
  LEX_ABBREVIATION    = 1 << 2,
  LEX_NUMBER          = 1 << 3,
  LEX_FRACTION        = 1 << 4,
  LEX_PERCENT         = 1 << 5,
  LEX_MONTH           = 1 << 6,
  LEX_MONTH_ABBR      = 1 << 7,
  LEX_DAY             = 1 << 8,
  LEX_AVOID           = 1 << 9,
  LEX_PHRASE          = 1 << 10,  /* starts a phrase */
  LEX_FUTURE          = 1 << 11,
  LEX_FUTURE_VERB     = 1 << 12,  /* future when "to" follows: "plans to" */
  LEX_PAST_AUX        = 1 << 13,
  LEX_PERFECT         = 1 << 14,
  LEX_ADVERB          = 1 << 15,
  LEX_IRREGULAR       = 1 << 16,
  LEX_PARTICIPLE      = 1 << 17,
  LEX_NOT_PAST        = 1 << 18,
  LEX_NOT_SUBJECT     = 1 << 19,
  LEX_NO_END          = 1 << 20,  /* a full stop after it ends no sentence */
  LEX_RESTATE_FUTURE  = 1 << 21,
  LEX_PART_FOLLOW     = 1 << 22,  /* after an -ed word, makes it a participle */
};

typedef struct {
  char    *word;            /* folded */
  gsize    len;             /* in bytes */
  guint32  hash;
  guint32  flags;           /* LEX_* */
  guint8   value;           /* number words: 2 to 9; months: 1 to 12 */
  guint8   abbreviation;    /* index + 1 into abbreviations */
  guint8   avoid;           /* index + 1 into avoid */
  int      phrase;          /* the first phrase starting with this word, or -1 */
} LexEntry;

typedef enum {
  PHRASE_JOB_TITLE,
  PHRASE_AVOID,
  PHRASE_PLACEHOLDER,
  PHRASE_ENDING,
  PHRASE_PERCENT,
  PHRASE_EXCEPTION,
} PhraseKind;

typedef struct {
  guint32    *words;
  guint       n_words;
  PhraseKind  kind;
  guint       avoid;        /* PHRASE_AVOID: index into avoid */
  int         next;         /* the next phrase with the same first word, or -1 */
} Phrase;

typedef struct {
  char    *instead;
  GArray  *only_after;      /* guint32 word hashes */
  GArray  *unless_after;
  GArray  *unless_before;
} Avoid;

typedef struct {
  GArray     *lex;          /* LexEntry */
  GHashTable *lex_index;    /* while loading: folded word → index + 1 */
  guint32    *slots;        /* lexicon index + 1, 0 when free */
  guint32     mask;
  GArray     *phrases;      /* Phrase */
  GArray     *exceptions;   /* Phrase: where number words are fine */
  GPtrArray  *abbreviations;  /* char*: what to write instead, or NULL */
  GArray     *avoid;        /* Avoid */
  GStrv       months;
  Set64       known_acronyms;
  guint       max_acronym_letters;
  guint       paragraph_words;
  guint       sentence_words;
  guint       ending_max_words;
  double      copied_similarity;
  double      restates_similarity;
  guint32     h_to, h_of, h_by;
} Rules;

static void
phrase_clear (gpointer data)
{
  Phrase *phrase = data;

  g_free (phrase->words);
}

static void
avoid_clear (gpointer data)
{
  Avoid *avoid = data;

  g_free (avoid->instead);
  g_clear_pointer (&avoid->only_after, g_array_unref);
  g_clear_pointer (&avoid->unless_after, g_array_unref);
  g_clear_pointer (&avoid->unless_before, g_array_unref);
}

static void
lex_entry_clear (gpointer data)
{
  LexEntry *entry = data;

  g_free (entry->word);
}

static void
rules_free (Rules *rules)
{
  if (rules == NULL)
    return;
  g_clear_pointer (&rules->lex, g_array_unref);
  g_clear_pointer (&rules->lex_index, g_hash_table_unref);
  g_free (rules->slots);
  g_clear_pointer (&rules->phrases, g_array_unref);
  g_clear_pointer (&rules->exceptions, g_array_unref);
  g_clear_pointer (&rules->abbreviations, g_ptr_array_unref);
  g_clear_pointer (&rules->avoid, g_array_unref);
  g_strfreev (rules->months);
  set64_free (&rules->known_acronyms);
  g_free (rules);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rules, rules_free)

static Rules *
rules_new (void)
{
  Rules *rules = g_new0 (Rules, 1);

  rules->lex = g_array_new (FALSE, TRUE, sizeof (LexEntry));
  g_array_set_clear_func (rules->lex, lex_entry_clear);
  rules->lex_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rules->phrases = g_array_new (FALSE, TRUE, sizeof (Phrase));
  g_array_set_clear_func (rules->phrases, phrase_clear);
  rules->exceptions = g_array_new (FALSE, TRUE, sizeof (Phrase));
  g_array_set_clear_func (rules->exceptions, phrase_clear);
  rules->abbreviations = g_ptr_array_new_with_free_func (g_free);
  rules->avoid = g_array_new (FALSE, TRUE, sizeof (Avoid));
  g_array_set_clear_func (rules->avoid, avoid_clear);
  set64_init (&rules->known_acronyms);
  return rules;
}

/* The folded form of a word, as the scanner hashes it */
static char *
fold_word (const char *word)
{
  GString *folded = g_string_new (NULL);

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_unichar (folded, fold_char (g_utf8_get_char (p)));
  return g_string_free (folded, FALSE);
}

/* The word hashes of @text, split as the scanner splits section text */
static GArray *
hash_words (const char *text,
            GArray     *gaps)
{
  Scanner sc;
  GArray *hashes = g_array_new (FALSE, FALSE, sizeof (guint32));

  scanner_init (&sc);
  scan_text (&sc, text, strlen (text));
  for (guint i = 0; i < sc.tokens->len; i++)
    {
      const Token *t = &g_array_index (sc.tokens, Token, i);

      g_array_append_val (hashes, t->hash);
      if (gaps != NULL)
        g_array_append_val (gaps, t->gap);
    }
  scanner_clear (&sc);
  return hashes;
}

/* What the scanner hashes for a one-word text */
static guint32
hash_word (const char *word)
{
  guint32 h = HASH_BASIS;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    h = hash_step (h, fold_char (g_utf8_get_char (p)));
  return hash_finish (h);
}

static LexEntry *
lex_ensure (Rules      *rules,
            const char *word)
{
  g_autofree char *folded = fold_word (word);
  LexEntry entry = { 0 };
  guint index;

  index = GPOINTER_TO_UINT (g_hash_table_lookup (rules->lex_index, folded));
  if (index > 0)
    return &g_array_index (rules->lex, LexEntry, index - 1);

  g_hash_table_insert (rules->lex_index, g_strdup (folded), GUINT_TO_POINTER (rules->lex->len + 1));
  entry.len = strlen (folded);
  entry.word = g_steal_pointer (&folded);
  entry.hash = hash_word (word);
  entry.phrase = -1;
  g_array_append_val (rules->lex, entry);
  return &g_array_index (rules->lex, LexEntry, rules->lex->len - 1);
}

static void
lex_add (Rules      *rules,
         const char *word,
         guint32     flags)
{
  lex_ensure (rules, word)->flags |= flags;
}

static void
lex_add_strv (Rules              *rules,
              const char * const *words,
              guint32             flags)
{
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    lex_add (rules, words[i], flags);
}

static void
lex_build_index (Rules *rules)
{
  guint size = 64;

  while (size < rules->lex->len * 4)
    size *= 2;
  g_free (rules->slots);
  rules->slots = g_new0 (guint32, size);
  rules->mask = size - 1;

  for (guint i = 0; i < rules->lex->len; i++)
    {
      const LexEntry *entry = &g_array_index (rules->lex, LexEntry, i);
      guint32 slot = entry->hash & rules->mask;

      while (rules->slots[slot] != 0)
        slot = (slot + 1) & rules->mask;
      rules->slots[slot] = i + 1;
    }
}

static gboolean
word_equal (const char     *s,
            gsize           len,
            gboolean        wide,
            const LexEntry *entry)
{
  const guchar *p = (const guchar *) s, *end = p + len;
  const char *word = entry->word;

  if (!wide)
    {
      if (len != entry->len)
        return FALSE;
      for (gsize i = 0; i < len; i++)
        if (fold_char (p[i]) != (guchar) word[i])
          return FALSE;
      return TRUE;
    }

  while (p < end)
    {
      const guchar *next;
      gunichar a = fold_char (next_char (p, end, &next));
      gunichar b = g_utf8_get_char (word);

      if (b == 0 || a != b)
        return FALSE;
      word = g_utf8_next_char (word);
      p = next;
    }
  return *word == '\0';
}

static guint32
lex_lookup (const Rules *rules,
            const char  *text,
            const Token *t)
{
  guint32 slot = t->hash & rules->mask;

  for (;;)
    {
      guint32 index = rules->slots[slot];
      const LexEntry *entry;

      if (index == 0)
        return 0;
      entry = &g_array_index (rules->lex, LexEntry, index - 1);
      if (entry->hash == t->hash &&
          word_equal (text + t->start, t->hend - t->start, (t->flags & TOK_WIDE) != 0, entry))
        return index;
      slot = (slot + 1) & rules->mask;
    }
}

static void
add_phrase (Rules      *rules,
            const char *text,
            PhraseKind  kind,
            guint       avoid)
{
  g_autoptr(GArray) hashes = hash_words (text, NULL);
  Phrase phrase = { 0 };
  LexEntry *first;
  g_auto(GStrv) words = NULL;

  if (hashes->len == 0)
    return;

  phrase.n_words = hashes->len;
  phrase.words = (guint32 *) g_array_free (g_steal_pointer (&hashes), FALSE);
  phrase.kind = kind;
  phrase.avoid = avoid;
  phrase.next = -1;

  if (kind == PHRASE_EXCEPTION)
    {
      g_array_append_val (rules->exceptions, phrase);
      return;
    }

  /* Chain it to its first word's lexicon entry */
  words = g_strsplit_set (text, " -", 2);
  first = lex_ensure (rules, words[0]);
  first->flags |= LEX_PHRASE;
  if (first->phrase < 0)
    first->phrase = rules->phrases->len;
  else
    {
      Phrase *last = &g_array_index (rules->phrases, Phrase, first->phrase);

      while (last->next >= 0)
        last = &g_array_index (rules->phrases, Phrase, last->next);
      last->next = rules->phrases->len;
    }
  g_array_append_val (rules->phrases, phrase);
}

/* Reading the file */

typedef struct {
  StErrorLocation *location;
  GError         **error;
} Load;

static gboolean
load_object (Load        *load,
             JsonObject  *root,
             const char  *member,
             JsonObject **object)
{
  return st_json_get_object (root, "$", member, TRUE, object, load->location, load->error);
}

static gboolean
load_strv (Load        *load,
           JsonObject  *object,
           const char  *path,
           const char  *member,
           gboolean     required,
           GStrv       *strv)
{
  /* The same variable serves several lists in turn */
  g_clear_pointer (strv, g_strfreev);
  if (!st_json_get_strv (object, path, member, strv, load->location, load->error))
    return FALSE;
  if (*strv == NULL && required)
    {
      g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

      st_json_set_error (load->location, load->error, full, _("missing member “%s”"), member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_number (Load        *load,
             JsonObject  *object,
             const char  *path,
             const char  *member,
             double       min,
             double       max,
             double      *value)
{
  g_autofree char *full = g_strdup_printf ("%s.%s", path, member);
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    {
      st_json_set_error (load->location, load->error, full, _("expected %s"), _("a number"));
      return FALSE;
    }
  *value = json_node_get_double (node);
  if (*value < min || *value > max)
    {
      st_json_set_error (load->location, load->error, full,
                         _("%g is out of range (%g to %g)"), *value, min, max);
      return FALSE;
    }
  return TRUE;
}

static GArray *
hash_strv (const char * const *words)
{
  GArray *hashes = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      guint32 h = hash_word (words[i]);
      g_array_append_val (hashes, h);
    }
  return hashes;
}

static gboolean
load_word_rules (Load       *load,
                 Rules      *rules,
                 JsonObject *root)
{
  JsonObject *object;
  JsonArray *array;
  g_auto(GStrv) words = NULL, phrases = NULL, bracketed = NULL, endings = NULL;
  g_auto(GStrv) fractions = NULL, exceptions = NULL, month_abbreviations = NULL, days = NULL;
  g_auto(GStrv) known = NULL;
  double value;

  /* placeholder */
  if (!load_object (load, root, "placeholder", &object) ||
      !load_strv (load, object, "$.placeholder", "words", TRUE, &words) ||
      !load_strv (load, object, "$.placeholder", "phrases", FALSE, &phrases) ||
      !load_strv (load, object, "$.placeholder", "bracketed", FALSE, &bracketed) ||
      !load_strv (load, object, "$.placeholder", "endings", FALSE, &endings) ||
      !load_number (load, object, "$.placeholder", "endings-max-words", 1, 50, &value))
    return FALSE;
  rules->ending_max_words = value;
  lex_add_strv (rules, (const char * const *) words, LEX_PLACEHOLDER);
  lex_add_strv (rules, (const char * const *) bracketed, LEX_BRACKETED);
  for (guint i = 0; phrases != NULL && phrases[i] != NULL; i++)
    add_phrase (rules, phrases[i], PHRASE_PLACEHOLDER, 0);
  for (guint i = 0; endings != NULL && endings[i] != NULL; i++)
    add_phrase (rules, endings[i], PHRASE_ENDING, 0);
  g_clear_pointer (&words, g_strfreev);
  g_clear_pointer (&phrases, g_strfreev);

  /* style-abbreviation */
  if (!st_json_get_array (root, "$", "style-abbreviation", TRUE, &array, load->location, load->error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.style-abbreviation[%u]", i);
      const char *instead;

      if (!(object = st_json_object (json_array_get_element (array, i), path, load->location, load->error)) ||
          !load_strv (load, object, path, "words", TRUE, &words) ||
          !st_json_get_string (object, path, "instead", FALSE, &instead, load->location, load->error))
        return FALSE;
      g_ptr_array_add (rules->abbreviations, g_strdup (instead));
      for (guint j = 0; words[j] != NULL; j++)
        {
          LexEntry *entry = lex_ensure (rules, words[j]);
          entry->flags |= LEX_ABBREVIATION;
          entry->abbreviation = rules->abbreviations->len;
        }
      g_clear_pointer (&words, g_strfreev);
    }

  /* style-number-words */
  if (!load_object (load, root, "style-number-words", &object) ||
      !load_strv (load, object, "$.style-number-words", "words", TRUE, &words) ||
      !load_strv (load, object, "$.style-number-words", "fractions", FALSE, &fractions) ||
      !load_strv (load, object, "$.style-number-words", "exceptions", FALSE, &exceptions))
    return FALSE;
  for (guint i = 0; words[i] != NULL && i < 8; i++)
    {
      LexEntry *entry = lex_ensure (rules, words[i]);
      entry->flags |= LEX_NUMBER;
      entry->value = i + 2;
    }
  lex_add_strv (rules, (const char * const *) fractions, LEX_FRACTION);
  for (guint i = 0; exceptions != NULL && exceptions[i] != NULL; i++)
    add_phrase (rules, exceptions[i], PHRASE_EXCEPTION, 0);
  g_clear_pointer (&words, g_strfreev);

  /* style-percent */
  if (!load_object (load, root, "style-percent", &object) ||
      !load_strv (load, object, "$.style-percent", "words", TRUE, &words) ||
      !load_strv (load, object, "$.style-percent", "phrases", FALSE, &phrases))
    return FALSE;
  lex_add_strv (rules, (const char * const *) words, LEX_PERCENT);
  for (guint i = 0; phrases != NULL && phrases[i] != NULL; i++)
    add_phrase (rules, phrases[i], PHRASE_PERCENT, 0);
  g_clear_pointer (&words, g_strfreev);

  /* style-date */
  if (!load_object (load, root, "style-date", &object) ||
      !load_strv (load, object, "$.style-date", "months", TRUE, &rules->months) ||
      !load_strv (load, object, "$.style-date", "month-abbreviations", FALSE, &month_abbreviations) ||
      !load_strv (load, object, "$.style-date", "days", FALSE, &days))
    return FALSE;
  if (g_strv_length (rules->months) != 12)
    {
      st_json_set_error (load->location, load->error, "$.style-date.months",
                         _("expected %s"), _("12 month names"));
      return FALSE;
    }
  for (guint i = 0; i < 12; i++)
    {
      LexEntry *entry = lex_ensure (rules, rules->months[i]);
      entry->flags |= LEX_MONTH;
      entry->value = i + 1;
    }
  for (guint i = 0; month_abbreviations != NULL && month_abbreviations[i] != NULL; i++)
    {
      LexEntry *entry = lex_ensure (rules, month_abbreviations[i]);
      g_autofree char *folded = fold_word (month_abbreviations[i]);

      entry->flags |= LEX_MONTH_ABBR;
      for (guint m = 0; m < 12; m++)
        if (g_str_has_prefix (rules->months[m], folded))
          entry->value = m + 1;
    }
  lex_add_strv (rules, (const char * const *) days, LEX_DAY);

  /* style-job-title */
  if (!load_strv (load, root, "$", "style-job-title", TRUE, &phrases))
    return FALSE;
  for (guint i = 0; phrases[i] != NULL; i++)
    add_phrase (rules, phrases[i], PHRASE_JOB_TITLE, 0);
  g_clear_pointer (&phrases, g_strfreev);

  /* style-acronym */
  if (!load_object (load, root, "style-acronym", &object) ||
      !load_number (load, object, "$.style-acronym", "max-letters", 2, 20, &value) ||
      !load_strv (load, object, "$.style-acronym", "known", TRUE, &known))
    return FALSE;
  rules->max_acronym_letters = value;
  for (guint i = 0; known[i] != NULL; i++)
    set64_add (&rules->known_acronyms, hash64 (known[i], strlen (known[i])));

  /* style-avoid-words */
  if (!st_json_get_array (root, "$", "style-avoid-words", TRUE, &array, load->location, load->error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.style-avoid-words[%u]", i);
      g_auto(GStrv) only_after = NULL, unless_after = NULL, unless_before = NULL;
      const char *instead;
      Avoid avoid = { 0 };

      if (!(object = st_json_object (json_array_get_element (array, i), path, load->location, load->error)) ||
          !load_strv (load, object, path, "words", FALSE, &words) ||
          !load_strv (load, object, path, "phrases", FALSE, &phrases) ||
          !st_json_get_string (object, path, "instead", TRUE, &instead, load->location, load->error) ||
          !load_strv (load, object, path, "only-after", FALSE, &only_after) ||
          !load_strv (load, object, path, "unless-after", FALSE, &unless_after) ||
          !load_strv (load, object, path, "unless-before", FALSE, &unless_before))
        return FALSE;
      if (words == NULL && phrases == NULL)
        {
          st_json_set_error (load->location, load->error, path,
                             _("missing member “%s”"), "words");
          return FALSE;
        }
      avoid.instead = g_strdup (instead);
      avoid.only_after = hash_strv ((const char * const *) only_after);
      avoid.unless_after = hash_strv ((const char * const *) unless_after);
      avoid.unless_before = hash_strv ((const char * const *) unless_before);
      g_array_append_val (rules->avoid, avoid);
      for (guint j = 0; words != NULL && words[j] != NULL; j++)
        {
          LexEntry *entry = lex_ensure (rules, words[j]);
          entry->flags |= LEX_AVOID;
          entry->avoid = rules->avoid->len;
        }
      for (guint j = 0; phrases != NULL && phrases[j] != NULL; j++)
        add_phrase (rules, phrases[j], PHRASE_AVOID, rules->avoid->len - 1);
      g_clear_pointer (&words, g_strfreev);
      g_clear_pointer (&phrases, g_strfreev);
    }

  return TRUE;
}

static gboolean
load_tense_rules (Load       *load,
                  Rules      *rules,
                  JsonObject *root)
{
  static const struct {
    const char *member;
    guint32     flag;
    gboolean    required;
  } lists[] = {
    { "future", LEX_FUTURE, TRUE },
    { "future-verbs", LEX_FUTURE_VERB, FALSE },
    { "past-auxiliaries", LEX_PAST_AUX, TRUE },
    { "perfect", LEX_PERFECT, TRUE },
    { "adverbs", LEX_ADVERB, FALSE },
    { "irregular", LEX_IRREGULAR, FALSE },
    { "participles", LEX_PARTICIPLE, FALSE },
    { "not-past", LEX_NOT_PAST, FALSE },
    { "participle-followers", LEX_PART_FOLLOW, FALSE },
    { "not-subject", LEX_NOT_SUBJECT, FALSE },
  };
  JsonObject *object;
  g_auto(GStrv) words = NULL;
  double value;

  if (!load_object (load, root, "plan-past-tense", &object))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      if (!load_strv (load, object, "$.plan-past-tense", lists[i].member, lists[i].required, &words))
        return FALSE;
      lex_add_strv (rules, (const char * const *) words, lists[i].flag);
      g_clear_pointer (&words, g_strfreev);
    }

  if (!load_object (load, root, "progress-restates-plan", &object) ||
      !load_number (load, object, "$.progress-restates-plan", "similarity", 0.0, 1.0, &value) ||
      !load_strv (load, object, "$.progress-restates-plan", "future", TRUE, &words))
    return FALSE;
  rules->restates_similarity = value;
  lex_add_strv (rules, (const char * const *) words, LEX_RESTATE_FUTURE);
  g_clear_pointer (&words, g_strfreev);

  if (!load_object (load, root, "copied-forward", &object) ||
      !load_number (load, object, "$.copied-forward", "similarity", 0.0, 1.0, &value))
    return FALSE;
  rules->copied_similarity = value;

  if (!load_object (load, root, "long-paragraph", &object) ||
      !load_number (load, object, "$.long-paragraph", "words", 1, 100000, &value))
    return FALSE;
  rules->paragraph_words = value;
  if (!load_object (load, root, "long-sentence", &object) ||
      !load_number (load, object, "$.long-sentence", "words", 1, 100000, &value))
    return FALSE;
  rules->sentence_words = value;

  if (!load_object (load, root, "sentence", &object) ||
      !load_strv (load, object, "$.sentence", "no-end-after", FALSE, &words))
    return FALSE;
  lex_add_strv (rules, (const char * const *) words, LEX_NO_END);

  return TRUE;
}

static Rules *
rules_load (const char       *data,
            gssize            length,
            StErrorLocation  *location,
            GError          **error)
{
  g_autoptr(Rules) rules = rules_new ();
  g_autoptr(JsonNode) node = NULL;
  Load load = { location, error };
  JsonObject *root;
  const char *format;
  gint64 version;

  if (!(node = st_json_parse (data, length, location, error)) ||
      !(root = st_json_object (node, "$", location, error)) ||
      !st_json_get_string (root, "$", "format", TRUE, &format, location, error) ||
      !st_json_get_int (root, "$", "version", TRUE, &version, location, error))
    return NULL;
  if (!g_str_equal (format, RULES_FORMAT))
    {
      st_json_set_error (location, error, "$.format",
                         _("this is not a rules file (format “%s”)"), format);
      return NULL;
    }
  if (version > RULES_VERSION)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_VERSION,
                   _("The rules file has version %lld; this version of Stocktake reads up to %d"),
                   (long long) version, RULES_VERSION);
      return NULL;
    }

  if (!load_word_rules (&load, rules, root) ||
      !load_tense_rules (&load, rules, root))
    return NULL;

  rules->h_to = hash_word ("to");
  rules->h_of = hash_word ("of");
  rules->h_by = hash_word ("by");
  lex_build_index (rules);
  g_clear_pointer (&rules->lex_index, g_hash_table_unref);
  return g_steal_pointer (&rules);
}

static Rules *
rules_new_fallback (void)
{
  Rules *rules = rules_new ();

  rules->paragraph_words = 100;
  rules->sentence_words = 25;
  rules->ending_max_words = 5;
  rules->max_acronym_letters = 7;
  rules->copied_similarity = 0.9;
  rules->restates_similarity = 0.7;
  rules->months = g_new0 (char *, 1);
  lex_build_index (rules);
  g_clear_pointer (&rules->lex_index, g_hash_table_unref);
  return rules;
}

/* The validator */

typedef enum {
  PAGE_DEPARTMENTS,
  PAGE_ACTIONS,
  PAGE_DEPARTMENT,
  PAGE_ACTION,
} PageKind;

typedef struct {
  guint  rule;
  int    section;           /* template index; -1 for the whole submission */
  guint  start, end;
  char  *message;
} Raw;

typedef struct {
  guint32 hash;
  guint32 count;
} SimSlot;

/* The acronyms each section uses, for validating one section in the
 * context of its page without scanning the whole page every time */
typedef struct {
  guint   n;
  GArray *sections[];       /* guint64 keys; NULL until scanned */
} AcronymCache;

/* Scratch space, reused so that the hot loops do not allocate. Each
 * thread validating a report has its own. */
typedef struct {
  Scanner   main;
  Scanner   aux;
  GArray   *raw;                  /* Raw */
  GArray   *words;                /* guint32 word hashes of a submission's sections */
  guint    *word_start;           /* per section */
  guint    *word_len;             /* per section; G_MAXUINT when not yet known */
  SimSlot  *sim;
  guint     sim_size;
  Set64     seen;
} Worker;

static void
worker_init (Worker *w,
             guint   n_sections)
{
  scanner_init (&w->main);
  scanner_init (&w->aux);
  w->raw = g_array_new (FALSE, FALSE, sizeof (Raw));
  w->words = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 4096);
  w->word_start = g_new0 (guint, n_sections);
  w->word_len = g_new0 (guint, n_sections);
  w->sim = NULL;
  w->sim_size = 0;
  set64_init (&w->seen);
}

static void
worker_clear (Worker *w)
{
  scanner_clear (&w->main);
  scanner_clear (&w->aux);
  g_clear_pointer (&w->raw, g_array_unref);
  g_clear_pointer (&w->words, g_array_unref);
  g_clear_pointer (&w->word_start, g_free);
  g_clear_pointer (&w->word_len, g_free);
  g_clear_pointer (&w->sim, g_free);
  set64_free (&w->seen);
}

struct _StValidator
{
  GObject        parent_instance;

  StReport      *report;
  StTemplate    *template;
  Rules         *rules;
  char          *page;
  PageKind       page_kind;
  guint          page_index;
  StSeverity     least;
  guint          max_paragraph_words;
  guint          max_sentence_words;
  gboolean       earlier_rounds;

  /* About the template, which never changes */
  guint          n_sections;
  int           *prev_section;    /* same kind, the year before; -1 */
  int           *plan_section;    /* progress: the plan for its year; -1 */
  const char    *rule_ids[N_RULES];
  const char   **respondent_ids;  /* interned */
  const char   **item_ids;
  const char   **section_ids;
  char          *item_word;       /* "action" */
  Set64          template_acronyms;

  /* Set up for each run */
  gboolean       enabled[N_RULES];
  gboolean       text_rules;      /* any rule that reads the text */
  guint          round;
  GPtrArray    **item_sections;   /* per item, up to item_sections_round */
  guint          item_sections_round;

  /* For validating one submission or section at a time */
  Worker         worker;
  GHashTable    *acronym_cache;   /* StSubmission* → AcronymCache* */
};

G_DEFINE_FINAL_TYPE (StValidator, st_validator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_PAGE,
  PROP_SEVERITY,
  PROP_MAX_PARAGRAPH_WORDS,
  PROP_MAX_SENTENCE_WORDS,
  PROP_EARLIER_ROUNDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One section's text being checked */
typedef struct {
  StValidator        *self;
  Worker             *w;
  const Rules        *rules;
  const StRespondent *respondent;
  const StItem       *item;
  StSubmission       *submission;
  const StSection    *section;
  const char         *text;
  const Token        *tok;
  guint               n;
  guint16             final_gap;
  guint               n_chars;    /* the length of the text */
  Set64              *seen;       /* the page's acronyms so far */
} Check;

static void
add_finding (Worker      *w,
             Rule         rule,
             int          section,
             guint        start,
             guint        end,
             char        *message)
{
  Raw raw = { rule, section, start, end, message };

  g_array_append_val (w->raw, raw);
}

static void
check_add (Check *c,
           Rule   rule,
           guint  first,
           guint  last,
           char  *message)
{
  add_finding (c->w, rule, c->section->index, c->tok[first].cstart, c->tok[last].cend, message);
}

static inline guint32
lex_flags (const Check *c,
           guint        i)
{
  guint32 lex = c->tok[i].lex;

  return lex != 0 ? g_array_index (c->rules->lex, LexEntry, lex - 1).flags : 0;
}

static inline const LexEntry *
lex_entry (const Check *c,
           guint        i)
{
  guint32 lex = c->tok[i].lex;

  return lex != 0 ? &g_array_index (c->rules->lex, LexEntry, lex - 1) : NULL;
}

static inline guint16
gap_after (const Check *c,
           guint        i)
{
  return i + 1 < c->n ? c->tok[i + 1].gap : c->final_gap;
}

static char *
tok_text (const Check *c,
          guint        first,
          guint        last)
{
  return g_strndup (c->text + c->tok[first].start, c->tok[last].end - c->tok[first].start);
}

static inline guint
n_digits (const Token *t)
{
  return t->end - t->start;
}

/* A capital letter that does not start a sentence: part of a name, such as
 * "Channel Four" or "Key Stage 2" */
static inline gboolean
is_name_word (const Token *t)
{
  return (t->flags & TOK_CAPITAL) && !(t->gap & GAP_SENTENCE);
}

static gboolean
match_words (const Check   *c,
             guint          at,
             const guint32 *words,
             guint          n_words)
{
  if (at + n_words > c->n)
    return FALSE;
  for (guint k = 0; k < n_words; k++)
    {
      const Token *t = &c->tok[at + k];

      if (t->hash != words[k])
        return FALSE;
      if (k > 0 && (t->gap & ~GAP_PHRASE) != 0)
        return FALSE;
    }
  return TRUE;
}

static guint
sentence_start (const Check *c,
                guint        i)
{
  while (i > 0 && !(c->tok[i].gap & GAP_SENTENCE))
    i--;
  return i;
}

/* Scanning a section: tokens, lexicon entries, sentence starts */
static void
scan_section (StValidator *self,
              Scanner     *sc,
              const char  *text)
{
  const Rules *rules = self->rules;
  Token *tok;
  guint32 prev_flags = 0;

  scan_text (sc, text, strlen (text));
  tok = (Token *) (gpointer) sc->tokens->data;

  for (guint i = 0; i < sc->tokens->len; i++)
    {
      Token *t = &tok[i];
      guint32 flags;

      t->lex = lex_lookup (rules, text, t);
      flags = t->lex != 0 ? g_array_index (rules->lex, LexEntry, t->lex - 1).flags : 0;

      if (i == 0 || (t->gap & (GAP_PARAGRAPH | GAP_STOP)))
        t->gap |= GAP_SENTENCE;
      else if ((t->gap & GAP_PERIOD) && (t->gap & (GAP_SPACE | GAP_NEWLINE)) &&
               !(t->flags & TOK_LOWER) && !(prev_flags & LEX_NO_END))
        t->gap |= GAP_SENTENCE;
      prev_flags = flags;
    }
}

/* Placeholders */

static void
check_placeholder (Check          *c,
                   guint           i,
                   const LexEntry *entry)
{
  const Token *t = &c->tok[i];

  if (entry->flags & LEX_PLACEHOLDER)
    check_add (c, RULE_PLACEHOLDER, i, i,
               g_strdup_printf (_("Replace the placeholder “%.*s” with the real text"),
                                (int) (t->end - t->start), c->text + t->start));

  if ((entry->flags & LEX_BRACKETED) && t->lead == '[')
    {
      /* Select the whole "[insert date]" */
      guint end = t->cend;
      guint chars = 0;

      for (const char *p = c->text + t->end; *p != '\0' && *p != '\n' && chars < 200; p++)
        {
          if ((*p & 0xC0) != 0x80)
            chars++;
          if (*p == ']')
            {
              end = t->cend + chars;
              break;
            }
        }
      add_finding (c->w, RULE_PLACEHOLDER, c->section->index, t->cstart - 1, end,
                   g_strdup_printf (_("Replace the placeholder “[%.*s” with the real text"),
                                    (int) (t->end - t->start), c->text + t->start));
    }
}

/* eg, ie, etc */

static void
check_abbreviation (Check          *c,
                    guint           i,
                    const LexEntry *entry)
{
  const Token *t = &c->tok[i];
  const char *instead;
  g_autofree char *word = NULL;
  guint end = t->cend;

  /* "IE" or "ETC" in capitals is something else */
  if (t->flags & TOK_CAPS2)
    return;

  if (t->trail == '.')
    end++;
  word = g_strndup (c->text + t->start, t->end - t->start + (t->trail == '.' ? 1 : 0));
  instead = g_ptr_array_index (c->rules->abbreviations, entry->abbreviation - 1);
  add_finding (c->w, RULE_STYLE_ABBREVIATION, c->section->index, t->cstart, end,
               instead != NULL
               ? g_strdup_printf (_("Write “%s” instead of “%s”"), instead, word)
               : g_strdup_printf (_("Avoid “%s”: list every item, or put “for example” or “including” before the list"), word));
}

/* two to nine */

static void
check_number_word (Check          *c,
                   guint           i,
                   const LexEntry *entry)
{
  const Token *t = &c->tok[i];
  GArray *exceptions = c->rules->exceptions;

  /* GOV.UK writes out a number that starts a sentence */
  if (t->gap & GAP_SENTENCE)
    return;
  if (is_name_word (t))
    return;
  /* two-thirds, three quarters */
  if (i + 1 < c->n && (c->tok[i + 1].gap & ~GAP_PHRASE) == 0 && (lex_flags (c, i + 1) & LEX_FRACTION))
    return;
  for (guint e = 0; e < exceptions->len; e++)
    {
      const Phrase *phrase = &g_array_index (exceptions, Phrase, e);

      for (guint k = 0; k < phrase->n_words; k++)
        if (phrase->words[k] == t->hash && i >= k &&
            match_words (c, i - k, phrase->words, phrase->n_words))
          return;
    }

  check_add (c, RULE_STYLE_NUMBER_WORDS, i, i,
             g_strdup_printf (_("Write “%.*s” as a numeral: “%u”"),
                              (int) (t->end - t->start), c->text + t->start, entry->value));
}

/* Words to avoid */

static gboolean
hash_in (GArray  *hashes,
         guint32  hash)
{
  for (guint i = 0; i < hashes->len; i++)
    if (g_array_index (hashes, guint32, i) == hash)
      return TRUE;
  return FALSE;
}

static void
add_avoid (Check       *c,
           const Avoid *avoid,
           guint        first,
           guint        last)
{
  g_autofree char *word = tok_text (c, first, last);

  check_add (c, RULE_STYLE_AVOID_WORDS, first, last,
             g_strdup_printf (_("Avoid “%s”: try “%s” instead, or say exactly what you mean"),
                              word, avoid->instead));
}

static void
check_avoid_word (Check          *c,
                  guint           i,
                  const LexEntry *entry)
{
  const Avoid *avoid = &g_array_index (c->rules->avoid, Avoid, entry->avoid - 1);
  const Token *t = &c->tok[i];
  gboolean joined_before = i > 0 && (t->gap & ~GAP_PHRASE) == 0;
  gboolean joined_after = i + 1 < c->n && (c->tok[i + 1].gap & ~GAP_PHRASE) == 0;
  guint32 before = joined_before ? c->tok[i - 1].hash : 0;
  guint32 after = joined_after ? c->tok[i + 1].hash : 0;

  if (is_name_word (t))
    return;
  if (avoid->only_after->len > 0 && !hash_in (avoid->only_after, before))
    return;
  if (hash_in (avoid->unless_after, before) || hash_in (avoid->unless_before, after))
    return;
  add_avoid (c, avoid, i, i);
}

/* Phrases: job titles, placeholders, "per cent", "going forward" */

static guint
check_phrases (Check          *c,
               guint           i,
               const LexEntry *entry,
               guint           job_until)
{
  const StValidator *self = c->self;
  const Phrase *job = NULL;

  for (int p = entry->phrase; p >= 0; )
    {
      const Phrase *phrase = &g_array_index (c->rules->phrases, Phrase, p);
      guint last = i + phrase->n_words - 1;

      p = phrase->next;
      if (!match_words (c, i, phrase->words, phrase->n_words))
        continue;

      switch (phrase->kind)
        {
        case PHRASE_JOB_TITLE:
          if (self->enabled[RULE_STYLE_JOB_TITLE] && i >= job_until &&
              (job == NULL || phrase->n_words > job->n_words))
            job = phrase;
          break;

        case PHRASE_AVOID:
          if (self->enabled[RULE_STYLE_AVOID_WORDS] && !is_name_word (&c->tok[i]))
            add_avoid (c, &g_array_index (c->rules->avoid, Avoid, phrase->avoid), i, last);
          break;

        case PHRASE_PLACEHOLDER:
          if (self->enabled[RULE_PLACEHOLDER])
            {
              g_autofree char *words = tok_text (c, i, last);
              check_add (c, RULE_PLACEHOLDER, i, last,
                         g_strdup_printf (_("Replace the placeholder “%s” with the real text"), words));
            }
          break;

        case PHRASE_ENDING:
          /* "Details to follow." but not "standards for departments to follow." */
          if (self->enabled[RULE_PLACEHOLDER] &&
              (last + 1 == c->n || (gap_after (c, last) & (GAP_SENTENCE | GAP_PERIOD | GAP_STOP | GAP_PARAGRAPH))) &&
              last + 1 - sentence_start (c, i) <= c->rules->ending_max_words)
            {
              g_autofree char *words = tok_text (c, i, last);
              check_add (c, RULE_PLACEHOLDER, i, last,
                         g_strdup_printf (_("Replace the placeholder “%s” with the real text"), words));
            }
          break;

        case PHRASE_PERCENT:
          if (self->enabled[RULE_STYLE_PERCENT])
            {
              g_autofree char *words = tok_text (c, i, last);
              check_add (c, RULE_STYLE_PERCENT, i, last,
                         g_strdup_printf (_("Use the %% sign instead of “%s”: “50%%”, not “50 %s”"), words, words));
            }
          break;

        case PHRASE_EXCEPTION:
        default:
          break;
        }
    }

  if (job != NULL)
    {
      guint last = i + job->n_words - 1;
      gboolean capitals = FALSE;

      for (guint k = i; k <= last; k++)
        if ((c->tok[k].flags & TOK_CAPITAL) && !(k == i && (c->tok[k].gap & GAP_SENTENCE)))
          capitals = TRUE;
      if (capitals)
        {
          /* "Director General’s": the title without the ’s */
          const Token *end = &c->tok[last];
          g_autofree char *words = g_strndup (c->text + c->tok[i].start, end->hend - c->tok[i].start);
          g_autofree char *lower = g_utf8_strdown (words, -1);

          add_finding (c->w, RULE_STYLE_JOB_TITLE, c->section->index, c->tok[i].cstart,
                       end->cend - (end->flags & TOK_POSSESSIVE ? 2 : 0),
                       g_strdup_printf (_("Write the job title “%s” in lower case: “%s”"), words, lower));
        }
      return last + 1;
    }
  return job_until;
}

/* Dates */

static char *
month_name (const Check *c,
            guint        month)
{
  const char *name = c->rules->months[month - 1];
  g_autofree char *rest = g_strdup (g_utf8_next_char (name));
  gunichar first = g_unichar_toupper (g_utf8_get_char (name));
  char buf[8] = { 0 };

  g_unichar_to_utf8 (first, buf);
  return g_strconcat (buf, rest, NULL);
}

static inline gboolean
is_day (const Token *t)
{
  return ((t->flags & TOK_INTEGER) && t->end - t->start <= 2 && t->value >= 1 && t->value <= 31) ||
         ((t->flags & TOK_ORDINAL) && t->value >= 1 && t->value <= 31);
}

static inline gboolean
is_year (const Token *t)
{
  return (t->flags & TOK_INTEGER) && t->end - t->start == 4;
}

static inline gboolean
plain_gap (const Token *t)
{
  return (t->gap & ~(GAP_SPACE | GAP_NEWLINE)) == 0 && (t->gap & GAP_SPACE);
}

/* Returns the last token of a badly written date that starts at @i, or
 * -1. Fills in what it could read. */
static int
read_date (const Check *c,
           guint        i,
           guint       *day,
           guint       *month,
           guint       *year)
{
  const Token *t = &c->tok[i];
  guint32 flags = lex_flags (c, i);

  *day = *month = *year = 0;

  /* 16/01/2015, 16/1/15 */
  if ((t->flags & TOK_INTEGER) && i + 2 < c->n &&
      c->tok[i + 1].gap == GAP_SLASH && c->tok[i + 2].gap == GAP_SLASH &&
      (c->tok[i + 1].flags & TOK_INTEGER) && (c->tok[i + 2].flags & TOK_INTEGER) &&
      n_digits (t) <= 2 && n_digits (&c->tok[i + 1]) <= 2 &&
      (n_digits (&c->tok[i + 2]) == 2 || n_digits (&c->tok[i + 2]) == 4) &&
      t->value >= 1 && t->value <= 31 && c->tok[i + 1].value >= 1 && c->tok[i + 1].value <= 12)
    {
      *day = t->value;
      *month = c->tok[i + 1].value;
      *year = c->tok[i + 2].value + (n_digits (&c->tok[i + 2]) == 2 ? 2000 : 0);
      return i + 2;
    }

  /* 2015-01-16 */
  if (is_year (t) && i + 2 < c->n &&
      c->tok[i + 1].gap == GAP_HYPHEN && c->tok[i + 2].gap == GAP_HYPHEN &&
      (c->tok[i + 1].flags & TOK_INTEGER) && (c->tok[i + 2].flags & TOK_INTEGER) &&
      n_digits (&c->tok[i + 1]) == 2 && n_digits (&c->tok[i + 2]) == 2 &&
      c->tok[i + 1].value >= 1 && c->tok[i + 1].value <= 12 &&
      c->tok[i + 2].value >= 1 && c->tok[i + 2].value <= 31)
    {
      *year = t->value;
      *month = c->tok[i + 1].value;
      *day = c->tok[i + 2].value;
      return i + 2;
    }

  /* 16.01.2015: one token */
  if (t->flags & TOK_NUMERIC)
    {
      guint d, m, y;
      int used = 0;
      g_autofree char *word = g_strndup (c->text + t->start, t->end - t->start);

      if (sscanf (word, "%2u.%2u.%4u%n", &d, &m, &y, &used) == 3 && used == (int) strlen (word) &&
          d >= 1 && d <= 31 && m >= 1 && m <= 12 && (y >= 1000 || (y < 100 && word[used - 3] == '.')))
        {
          *day = d;
          *month = m;
          *year = y < 100 ? 2000 + y : y;
          return i;
        }
      return -1;
    }

  /* 16th January, 16th of January 2015 */
  if ((t->flags & TOK_ORDINAL) && is_day (t))
    {
      guint j = i + 1;

      if (j < c->n && c->tok[j].hash == c->rules->h_of && plain_gap (&c->tok[j]))
        j++;
      if (j < c->n && plain_gap (&c->tok[j]) && (c->tok[j].flags & TOK_CAPITAL) &&
          (lex_flags (c, j) & (LEX_MONTH | LEX_MONTH_ABBR)))
        {
          *day = t->value;
          *month = lex_entry (c, j)->value;
          if (j + 1 < c->n && is_year (&c->tok[j + 1]) && plain_gap (&c->tok[j + 1]))
            {
              *year = c->tok[j + 1].value;
              return j + 1;
            }
          return j;
        }
      return -1;
    }

  /* 16 Jan 2015 */
  if ((t->flags & TOK_INTEGER) && is_day (t) && i + 1 < c->n &&
      (c->tok[i + 1].gap & ~(GAP_SPACE)) == 0 && (c->tok[i + 1].flags & TOK_CAPITAL) &&
      (lex_flags (c, i + 1) & LEX_MONTH_ABBR) && !(lex_flags (c, i + 1) & LEX_MONTH))
    {
      *day = t->value;
      *month = lex_entry (c, i + 1)->value;
      if (i + 2 < c->n && is_year (&c->tok[i + 2]) &&
          (c->tok[i + 2].gap & ~(GAP_SPACE | GAP_PERIOD)) == 0)
        {
          *year = c->tok[i + 2].value;
          return i + 2;
        }
      return i + 1;
    }

  if (!(t->flags & TOK_CAPITAL) || !(flags & (LEX_MONTH | LEX_MONTH_ABBR)))
    return -1;

  /* January 16, 2015; January 16th; "on January 16." but not
   * "In January 16 people joined" */
  if (i + 1 < c->n && is_day (&c->tok[i + 1]) &&
      (c->tok[i + 1].gap & ~(GAP_SPACE | GAP_PERIOD)) == 0)
    {
      guint d = i + 1;

      *month = lex_entry (c, i)->value;
      *day = c->tok[d].value;
      if (d + 1 < c->n && is_year (&c->tok[d + 1]) &&
          (c->tok[d + 1].gap & ~(GAP_SPACE | GAP_COMMA)) == 0)
        {
          *year = c->tok[d + 1].value;
          return d + 1;
        }
      if ((c->tok[d].flags & TOK_ORDINAL) || d + 1 == c->n ||
          (gap_after (c, d) & (GAP_COMMA | GAP_PERIOD | GAP_STOP | GAP_CLOSE | GAP_COLON | GAP_PARAGRAPH)))
        return d;
      return -1;
    }

  /* Jan 2015 */
  if ((flags & LEX_MONTH_ABBR) && !(flags & LEX_MONTH) && i + 1 < c->n &&
      is_year (&c->tok[i + 1]) && (c->tok[i + 1].gap & ~(GAP_SPACE | GAP_PERIOD)) == 0)
    {
      *month = lex_entry (c, i)->value;
      *year = c->tok[i + 1].value;
      return i + 1;
    }

  return -1;
}

static guint
check_date (Check *c,
            guint  i)
{
  guint day, month, year;
  int last = read_date (c, i, &day, &month, &year);
  g_autofree char *name = NULL;
  g_autofree char *written = NULL;
  g_autofree char *suggestion = NULL;

  if (last < 0)
    return i;

  name = month_name (c, month);
  written = tok_text (c, i, last);
  if (day != 0 && year != 0)
    suggestion = g_strdup_printf ("%u %s %u", day, name, year);
  else if (day != 0)
    suggestion = g_strdup_printf ("%u %s", day, name);
  else
    suggestion = g_strdup_printf ("%s %u", name, year);

  check_add (c, RULE_STYLE_DATE, i, last,
             g_strdup_printf (_("Write the date “%s” as “%s”"), written, suggestion));
  return last + 1;
}

/* 2014-2015, 10-20, January-March */

static guint
range_kind (const Check *c,
            guint        i)
{
  const Token *t = &c->tok[i];
  guint32 flags;

  if (t->flags & (TOK_INTEGER | TOK_NUMERIC))
    return 1;
  if (!(t->flags & TOK_CAPITAL))
    return 0;
  flags = lex_flags (c, i);
  if (flags & LEX_MONTH)
    return 2;
  if (flags & LEX_DAY)
    return 3;
  return 0;
}

static inline gboolean
is_range_gap (guint16 gap)
{
  return gap == GAP_HYPHEN || gap == GAP_DASH ||
         gap == (GAP_HYPHEN | GAP_SPACE) || gap == (GAP_DASH | GAP_SPACE);
}

static guint
check_range (Check *c,
             guint  i)
{
  guint kind = range_kind (c, i);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (kind == 0 || i + 1 >= c->n || !is_range_gap (c->tok[i + 1].gap) ||
      range_kind (c, i + 1) != kind)
    return i;
  /* 0300-123-4567 is a telephone number, not a range */
  if ((i > 0 && is_range_gap (c->tok[i].gap) && range_kind (c, i - 1) != 0) ||
      (i + 2 < c->n && is_range_gap (c->tok[i + 2].gap) && range_kind (c, i + 2) != 0))
    return i;

  a = tok_text (c, i, i);
  b = tok_text (c, i + 1, i + 1);
  check_add (c, RULE_STYLE_RANGE_HYPHEN, i, i + 1,
             g_strdup_printf (_("Use “to” in a range: write “%s to %s”"), a, b));
  return i + 2;
}

/* Acronyms */

/* The key of an acronym that is not known to need no expansion, or 0 */
static guint64
acronym_key (StValidator *self,
             const char  *text,
             const Token *t)
{
  const char *s = text + t->start;
  gsize len = t->hend - t->start;
  guint upper = 0, lower = 0;
  guint64 key;

  if ((t->flags & (TOK_CAPS2 | TOK_CAPITAL)) != (TOK_CAPS2 | TOK_CAPITAL))
    return 0;
  /* ALBs */
  if (len > 2 && s[len - 1] == 's' && g_ascii_isupper (s[len - 2]))
    len--;
  for (gsize k = 0; k < len; k++)
    {
      if (g_ascii_isupper (s[k]))
        upper++;
      else if (g_ascii_islower (s[k]))
        lower++;
      else if (!g_ascii_isdigit (s[k]) && s[k] != '.')
        return 0;
    }
  if (upper < 2 || lower > 1 || upper + lower > self->rules->max_acronym_letters)
    return 0;
  if (t->lex != 0 && (g_array_index (self->rules->lex, LexEntry, t->lex - 1).flags & LEX_PLACEHOLDER))
    return 0;

  key = hash64 (s, len);
  if (set64_contains (&self->rules->known_acronyms, key) ||
      set64_contains (&self->template_acronyms, key))
    return 0;
  return key;
}

/* "Executive Management Committee (EMC)" or "APIs (Application Programme
 * Interfaces)" */
static gboolean
acronym_defined (const Check *c,
                 guint        i)
{
  const Token *t = &c->tok[i];
  guint j;

  if (t->lead == '(' && t->trail == ')')
    return TRUE;
  if (i + 1 >= c->n || !(c->tok[i + 1].gap & GAP_OPEN) ||
      (c->tok[i + 1].gap & ~(GAP_OPEN | GAP_SPACE)) != 0)
    return FALSE;

  for (j = i + 2; j < c->n && j <= i + 12; j++)
    if (c->tok[j].gap & (GAP_CLOSE | GAP_SENTENCE | GAP_PARAGRAPH | GAP_OPEN))
      break;
  if (j - (i + 1) < 2)
    return FALSE;
  return (j < c->n && (c->tok[j].gap & GAP_CLOSE)) || (j == c->n && (c->final_gap & GAP_CLOSE));
}

static char *
page_label (StValidator        *self,
            const StRespondent *respondent,
            const StItem       *item)
{
  if (self->page_kind == PAGE_ACTIONS || self->page_kind == PAGE_ACTION)
    {
      if (item->number > 0)
        /* Translators: "the action 4 page"; %s is the template's word for an item */
        return g_strdup_printf (_("the %s %u page"), self->item_word, item->number);
      return g_strdup_printf (_("the “%s” page"), item->title);
    }
  /* Translators: "the CO page", with a department's abbreviation */
  return g_strdup_printf (_("the %s page"), respondent->abbreviation);
}

static void
check_acronym (Check *c,
               guint  i)
{
  const Token *t = &c->tok[i];
  g_autofree char *word = NULL;
  g_autofree char *page = NULL;
  guint64 key;

  if (c->seen == NULL || (key = acronym_key (c->self, c->text, t)) == 0)
    return;
  if (set64_contains (c->seen, key))
    return;
  set64_add (c->seen, key);
  if (acronym_defined (c, i))
    return;

  word = g_strndup (c->text + t->start, t->hend - t->start);
  page = page_label (c->self, c->respondent, c->item);
  add_finding (c->w, RULE_STYLE_ACRONYM, c->section->index, t->cstart,
               t->cend - (t->flags & TOK_POSSESSIVE ? 2 : 0),
             g_strdup_printf (_("Spell out “%s” where %s first uses it: write the name in full, followed by “(%s)”"),
                              word, page, word));
}

/* Sentences, paragraphs and tense */

static guint
span_end (const Check *c,
          guint        last)
{
  const Token *t = &c->tok[last];

  return t->cend + (t->trail == '.' || t->trail == '!' || t->trail == '?' ? 1 : 0);
}

static inline gboolean
is_ed_word (const Check *c,
            guint        i)
{
  const Token *t = &c->tok[i];

  return (t->flags & (TOK_LOWER | TOK_CAPS2 | TOK_POSSESSIVE)) == TOK_LOWER &&
         t->end - t->start >= 5 &&
         c->text[t->end - 2] == 'e' && c->text[t->end - 1] == 'd';
}

static inline gboolean
is_ly_word (const Check *c,
            guint        i)
{
  const Token *t = &c->tok[i];

  return (t->flags & TOK_LOWER) && t->end - t->start >= 4 &&
         c->text[t->end - 2] == 'l' && c->text[t->end - 1] == 'y';
}

static void
check_tense (Check *c,
             guint  s,
             guint  e)
{
  const Rules *rules = c->rules;

  for (guint k = s; k < e; k++)
    {
      guint32 flags = lex_flags (c, k);

      if ((flags & LEX_FUTURE) ||
          ((flags & LEX_FUTURE_VERB) && k + 1 < e && c->tok[k + 1].hash == rules->h_to))
        return;
    }

  for (guint k = s; k < e; k++)
    {
      guint32 flags = lex_flags (c, k);
      guint last = k;
      gboolean found = FALSE;

      if (flags & LEX_PAST_AUX)
        {
          found = TRUE;
          if (k + 1 < e && plain_gap (&c->tok[k + 1]) &&
              (is_ed_word (c, k + 1) || (lex_flags (c, k + 1) & LEX_PARTICIPLE)))
            last = k + 1;
        }
      else if (flags & LEX_PERFECT)
        {
          guint j = k + 1;

          if (j < e && ((lex_flags (c, j) & LEX_ADVERB) || is_ly_word (c, j)))
            j++;
          if (j < e && plain_gap (&c->tok[j]) &&
              ((lex_flags (c, j) & LEX_PARTICIPLE) ||
               (is_ed_word (c, j) && !(lex_flags (c, j) & LEX_NOT_PAST))))
            {
              found = TRUE;
              last = j;
            }
        }
      else if (k > s && (flags & (LEX_IRREGULAR | LEX_NOT_PAST)) != LEX_NOT_PAST &&
               ((flags & LEX_IRREGULAR) || is_ed_word (c, k)))
        {
          /* An -ed verb straight after its subject: "Cabinet Office
           * upgraded", not "the completed roadmap", "is planned", "led by"
           * or "Based at GDS, …" */
          found = plain_gap (&c->tok[k]) &&
                  (c->tok[k - 1].flags & TOK_ALPHA) &&
                  !(lex_flags (c, k - 1) & LEX_NOT_SUBJECT) &&
                  !(k + 1 < e && plain_gap (&c->tok[k + 1]) && (lex_flags (c, k + 1) & LEX_PART_FOLLOW));
        }

      if (found)
        {
          g_autofree char *verb = tok_text (c, k, last);

          check_add (c, RULE_PLAN_PAST_TENSE, k, last,
                     g_strdup_printf (_("This plan reads as past tense (“%s”): say what will happen in %d, or move it to a progress section"),
                                      verb, c->section->year));
          return;
        }
    }
}

static void
check_sentences (Check *c)
{
  StValidator *self = c->self;
  guint max_paragraph = self->max_paragraph_words ? self->max_paragraph_words : c->rules->paragraph_words;
  guint max_sentence = self->max_sentence_words ? self->max_sentence_words : c->rules->sentence_words;
  gboolean tense = self->enabled[RULE_PLAN_PAST_TENSE] && c->section->kind == ST_SECTION_KIND_PLAN;
  guint p_start = 0, s_start = 0;

  for (guint i = 1; i <= c->n; i++)
    {
      guint16 gap = i < c->n ? c->tok[i].gap : GAP_PARAGRAPH | GAP_SENTENCE;

      if (gap & GAP_SENTENCE)
        {
          if (i - s_start > max_sentence && self->enabled[RULE_LONG_SENTENCE])
            add_finding (c->w, RULE_LONG_SENTENCE, c->section->index,
                         c->tok[s_start].cstart, span_end (c, i - 1),
                         g_strdup_printf (_("This sentence has %u words: split it into sentences of %u words or fewer"),
                                          i - s_start, max_sentence));
          if (tense)
            check_tense (c, s_start, i);
          s_start = i;
        }
      if (gap & GAP_PARAGRAPH)
        {
          if (i - p_start > max_paragraph && self->enabled[RULE_LONG_PARAGRAPH])
            add_finding (c->w, RULE_LONG_PARAGRAPH, c->section->index,
                         c->tok[p_start].cstart, span_end (c, i - 1),
                         g_strdup_printf (_("This paragraph has %u words: split it into paragraphs of %u words or fewer"),
                                          i - p_start, max_paragraph));
          p_start = i;
        }
    }
}

/* The words of a section, for comparing sections */

static void
store_words (Worker          *w,
             const StSection *section,
             const Scanner   *sc)
{
  const Token *tok = (const Token *) (gconstpointer) sc->tokens->data;
  guint start = w->words->len;
  guint32 *words;

  w->word_start[section->index] = start;
  w->word_len[section->index] = sc->tokens->len;
  g_array_set_size (w->words, start + sc->tokens->len);
  words = &g_array_index (w->words, guint32, start);
  for (guint i = 0; i < sc->tokens->len; i++)
    words[i] = tok[i].hash;
}

static void
ensure_words (Worker          *w,
              StSubmission    *submission,
              const StSection *section)
{
  const char *text;

  if (w->word_len[section->index] != G_MAXUINT)
    return;
  text = submission != NULL ? st_submission_get_text (submission, section->id) : NULL;
  scan_text (&w->aux, text != NULL ? text : "", text != NULL ? strlen (text) : 0);
  store_words (w, section, &w->aux);
}

/* Word overlap: the words two texts have in common (counting repeats) over
 * the length of the longer. Returns 0 early when it cannot reach @at_least. */
static double
similarity (Worker      *w,
            guint        a_index,
            guint        b_index,
            double       at_least,
            gboolean    *identical)
{
  const guint32 *a = &g_array_index (w->words, guint32, w->word_start[a_index]);
  const guint32 *b = &g_array_index (w->words, guint32, w->word_start[b_index]);
  guint na = w->word_len[a_index], nb = w->word_len[b_index];
  guint size = 16, common = 0;

  *identical = na == nb && na > 0 && memcmp (a, b, na * sizeof (guint32)) == 0;
  if (*identical)
    return 1.0;
  if (na == 0 || nb == 0 || (double) MIN (na, nb) / MAX (na, nb) < at_least)
    return 0.0;

  while (size < na * 2)
    size *= 2;
  if (size > w->sim_size)
    {
      w->sim = g_renew (SimSlot, w->sim, size);
      w->sim_size = size;
    }
  memset (w->sim, 0, size * sizeof (SimSlot));

  for (guint i = 0; i < na; i++)
    {
      guint32 h = a[i] != 0 ? a[i] : 1;
      guint slot = h & (size - 1);

      while (w->sim[slot].hash != 0 && w->sim[slot].hash != h)
        slot = (slot + 1) & (size - 1);
      w->sim[slot].hash = h;
      w->sim[slot].count++;
    }
  for (guint i = 0; i < nb; i++)
    {
      guint32 h = b[i] != 0 ? b[i] : 1;
      guint slot = h & (size - 1);

      while (w->sim[slot].hash != 0 && w->sim[slot].hash != h)
        slot = (slot + 1) & (size - 1);
      if (w->sim[slot].hash == h && w->sim[slot].count > 0)
        {
          w->sim[slot].count--;
          common++;
        }
    }
  return (double) common / MAX (na, nb);
}

static void
check_copied_forward (Check *c)
{
  StValidator *self = c->self;
  const StSection *section = c->section;
  const StSection *prev;
  gboolean identical;
  double sim;

  if (self->prev_section[section->index] < 0)
    return;
  prev = st_template_get_section (self->template, self->prev_section[section->index]);
  if (!st_template_item_has_section (self->template, c->item, prev))
    return;

  ensure_words (c->w, c->submission, prev);
  sim = similarity (c->w, section->index, prev->index, c->rules->copied_similarity, &identical);
  if (identical || sim >= c->rules->copied_similarity)
    {
      g_autofree char *what = NULL;
      char *message;

      if (section->kind == ST_SECTION_KIND_PROGRESS)
        what = g_strdup_printf (_("say what happened during %d"), section->year);
      else
        what = g_strdup_printf (_("say what is planned for %d"), section->year);

      if (identical)
        message = g_strdup_printf (_("This repeats “%s” word for word: %s"), prev->heading, what);
      else
        message = g_strdup_printf (_("This is %u%% the same as “%s”: %s"),
                                   (guint) (sim * 100), prev->heading, what);
      add_finding (c->w, RULE_COPIED_FORWARD, section->index, 0, c->n_chars, message);
    }
}

static void
check_restates_plan (Check *c)
{
  StValidator *self = c->self;
  const StSection *section = c->section;
  const StSection *plan;
  gboolean future = FALSE, identical;
  double sim;

  if (section->kind != ST_SECTION_KIND_PROGRESS || self->plan_section[section->index] < 0)
    return;
  plan = st_template_get_section (self->template, self->plan_section[section->index]);
  if (!st_template_item_has_section (self->template, c->item, plan))
    return;
  for (guint i = 0; i < c->n && !future; i++)
    future = (lex_flags (c, i) & LEX_RESTATE_FUTURE) != 0;
  if (!future)
    return;

  ensure_words (c->w, c->submission, plan);
  sim = similarity (c->w, section->index, plan->index, c->rules->restates_similarity, &identical);
  if (identical || sim >= c->rules->restates_similarity)
    add_finding (c->w, RULE_PROGRESS_RESTATES_PLAN, section->index, 0, c->n_chars,
                 g_strdup_printf (_("This repeats the plan in “%s” and still says what “will” happen: say what was done during %d"),
                                  plan->heading, section->year));
}

/* Every check on one section's text */
static void
check_text (StValidator        *self,
            Worker             *w,
            const StRespondent *respondent,
            const StItem       *item,
            StSubmission       *submission,
            const StSection    *section,
            const char         *text,
            Set64              *seen)
{
  Check c = { 0 };
  guint date_until = 0, job_until = 0;
  gboolean placeholders = self->enabled[RULE_PLACEHOLDER];
  gboolean abbreviations = self->enabled[RULE_STYLE_ABBREVIATION];
  gboolean numbers = self->enabled[RULE_STYLE_NUMBER_WORDS];
  gboolean percent = self->enabled[RULE_STYLE_PERCENT];
  gboolean dates = self->enabled[RULE_STYLE_DATE];
  gboolean ranges = self->enabled[RULE_STYLE_RANGE_HYPHEN];
  gboolean acronyms = self->enabled[RULE_STYLE_ACRONYM];
  gboolean avoid = self->enabled[RULE_STYLE_AVOID_WORDS];
  gboolean phrases = placeholders || percent || avoid || self->enabled[RULE_STYLE_JOB_TITLE];

  scan_section (self, &w->main, text);

  c.self = self;
  c.w = w;
  c.rules = self->rules;
  c.respondent = respondent;
  c.item = item;
  c.submission = submission;
  c.section = section;
  c.text = text;
  c.tok = (const Token *) (gconstpointer) w->main.tokens->data;
  c.n = w->main.tokens->len;
  c.final_gap = w->main.final_gap;
  c.n_chars = w->main.n_chars;
  c.seen = acronyms ? seen : NULL;

  for (guint i = 0; i < c.n; i++)
    {
      const Token *t = &c.tok[i];
      const LexEntry *entry = lex_entry (&c, i);

      if (entry != NULL)
        {
          guint32 flags = entry->flags;

          if (placeholders && (flags & (LEX_PLACEHOLDER | LEX_BRACKETED)))
            check_placeholder (&c, i, entry);
          if (abbreviations && (flags & LEX_ABBREVIATION))
            check_abbreviation (&c, i, entry);
          if (numbers && (flags & LEX_NUMBER))
            check_number_word (&c, i, entry);
          if (percent && (flags & LEX_PERCENT) && !is_name_word (t))
            {
              g_autofree char *word = tok_text (&c, i, i);
              check_add (&c, RULE_STYLE_PERCENT, i, i,
                         g_strdup_printf (_("Use the %% sign instead of “%s”: “50%%”, not “50 %s”"), word, word));
            }
          if (avoid && (flags & LEX_AVOID))
            check_avoid_word (&c, i, entry);
          if (phrases && (flags & LEX_PHRASE))
            job_until = check_phrases (&c, i, entry, job_until);
        }

      if (dates && i >= date_until &&
          ((t->flags & (TOK_INTEGER | TOK_NUMERIC | TOK_ORDINAL)) ||
           (entry != NULL && (entry->flags & (LEX_MONTH | LEX_MONTH_ABBR)))))
        date_until = check_date (&c, i);
      if (ranges && i >= date_until && i + 1 < c.n && is_range_gap (c.tok[i + 1].gap))
        {
          guint after = check_range (&c, i);

          date_until = MAX (date_until, after);
        }
      if (acronyms && (t->flags & TOK_CAPS2))
        check_acronym (&c, i);
    }

  if (self->enabled[RULE_LONG_SENTENCE] || self->enabled[RULE_LONG_PARAGRAPH] ||
      (self->enabled[RULE_PLAN_PAST_TENSE] && section->kind == ST_SECTION_KIND_PLAN))
    check_sentences (&c);

  if (self->enabled[RULE_COPIED_FORWARD] || self->enabled[RULE_PROGRESS_RESTATES_PLAN])
    {
      store_words (w, section, &w->main);
      if (self->enabled[RULE_COPIED_FORWARD])
        check_copied_forward (&c);
      if (self->enabled[RULE_PROGRESS_RESTATES_PLAN] && c.n > 0)
        check_restates_plan (&c);
    }
}

/* Changes since approval */

static GArray *
text_words (Worker      *w,
            const char  *text)
{
  const Token *tok;
  GArray *words;

  scan_text (&w->aux, text, strlen (text));
  tok = (const Token *) (gconstpointer) w->aux.tokens->data;
  words = g_array_sized_new (FALSE, FALSE, sizeof (guint32), w->aux.tokens->len);
  for (guint i = 0; i < w->aux.tokens->len; i++)
    g_array_append_val (words, tok[i].hash);
  return words;
}

/* The length of the longest common subsequence of two word lists; for very
 * long texts, the words they share */
static guint
common_words (const guint32 *a,
              guint          na,
              const guint32 *b,
              guint          nb)
{
  g_autofree guint *row = NULL;
  guint best = 0;

  if ((guint64) na * nb > 4000000)
    {
      g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < na; i++)
        {
          gpointer key = GUINT_TO_POINTER (a[i]);
          g_hash_table_insert (counts, key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
        }
      for (guint i = 0; i < nb; i++)
        {
          gpointer key = GUINT_TO_POINTER (b[i]);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

          if (count > 0)
            {
              g_hash_table_insert (counts, key, GUINT_TO_POINTER (count - 1));
              best++;
            }
        }
      return best;
    }

  row = g_new0 (guint, nb + 1);
  for (guint i = 0; i < na; i++)
    {
      guint diagonal = 0;

      for (guint j = 0; j < nb; j++)
        {
          guint above = row[j + 1];

          row[j + 1] = a[i] == b[j] ? diagonal + 1 : MAX (above, row[j]);
          diagonal = above;
        }
    }
  return row[nb];
}

static char *
approval_date (const char *time)
{
  g_autoptr(GDateTime) when = NULL;
  GDate date;

  if (time == NULL || !(when = g_date_time_new_from_iso8601 (time, NULL)))
    return g_strdup (time);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (when),
                  g_date_time_get_month (when), g_date_time_get_year (when));
  return st_format_date (&date);
}

static void
check_changed_since_approved (StValidator     *self,
                              Worker          *w,
                              StSubmission    *submission,
                              const StSection *only)
{
  GPtrArray *history = st_submission_get_history (submission);
  g_autofree const char **approved = NULL;
  g_autofree gboolean *touched = NULL;
  g_autofree char *date = NULL;
  int approval = -1;

  for (guint i = 0; i < history->len; i++)
    {
      const StHistoryEntry *entry = g_ptr_array_index (history, i);

      if (g_strcmp0 (entry->what, "status") == 0 && g_strcmp0 (entry->new_text, "approved") == 0)
        approval = i;
    }
  if (approval < 0)
    return;

  /* Undoing the edits since approval: the first edit of each section after
   * it holds the approved text */
  approved = g_new0 (const char *, self->n_sections);
  touched = g_new0 (gboolean, self->n_sections);
  for (guint i = approval + 1; i < history->len; i++)
    {
      const StHistoryEntry *entry = g_ptr_array_index (history, i);
      const StSection *section;

      if (g_strcmp0 (entry->what, "edit") != 0 || entry->section == NULL ||
          !(section = st_template_find_section (self->template, entry->section)) ||
          section->round == G_MAXUINT || touched[section->index])
        continue;
      touched[section->index] = TRUE;
      approved[section->index] = entry->old_text;
    }

  for (guint s = 0; s < self->n_sections; s++)
    {
      const StSection *section = st_template_get_section (self->template, s);
      const char *old_text, *new_text;
      g_autoptr(GArray) old_words = NULL;
      g_autoptr(GArray) new_words = NULL;
      g_autofree char *added = NULL;
      g_autofree char *removed = NULL;
      gsize old_len, new_len, prefix = 0, suffix = 0;
      guint common, start, end;

      if (!touched[s] || (only != NULL && only != section))
        continue;
      old_text = approved[s] != NULL ? approved[s] : "";
      new_text = st_submission_get_text (submission, section->id);
      if (new_text == NULL)
        new_text = "";
      if (g_str_equal (old_text, new_text))
        continue;

      old_words = text_words (w, old_text);
      new_words = text_words (w, new_text);
      common = common_words ((const guint32 *) (gpointer) old_words->data, old_words->len,
                             (const guint32 *) (gpointer) new_words->data, new_words->len);

      /* Select what changed: the text between the common start and end */
      old_len = strlen (old_text);
      new_len = strlen (new_text);
      while (prefix < old_len && prefix < new_len && old_text[prefix] == new_text[prefix])
        prefix++;
      while ((prefix > 0) && (new_text[prefix] & 0xC0) == 0x80)
        prefix--;
      while (suffix < old_len - prefix && suffix < new_len - prefix &&
             old_text[old_len - 1 - suffix] == new_text[new_len - 1 - suffix])
        suffix++;
      while (suffix > 0 && (new_text[new_len - suffix] & 0xC0) == 0x80)
        suffix--;
      start = g_utf8_strlen (new_text, prefix);
      end = start + g_utf8_strlen (new_text + prefix, new_len - suffix - prefix);

      if (date == NULL)
        date = approval_date (((const StHistoryEntry *) g_ptr_array_index (history, approval))->time);
      added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word added", "%u words added",
                                            new_words->len - common),
                               new_words->len - common);
      removed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word removed", "%u words removed",
                                              old_words->len - common),
                                 old_words->len - common);
      add_finding (w, RULE_CHANGED_SINCE_APPROVED, s, start, end,
                   date != NULL
                   ? g_strdup_printf (_("Changed since it was approved on %s: %s, %s"), date, added, removed)
                   : g_strdup_printf (_("Changed since it was last approved: %s, %s"), added, removed));
    }
}

/* One submission */

static GPtrArray *
item_sections (StValidator *self,
               guint        item_index)
{
  guint n_items = st_template_get_n_items (self->template);

  if (self->item_sections_round != self->round)
    {
      for (guint i = 0; i < n_items; i++)
        g_clear_pointer (&self->item_sections[i], g_ptr_array_unref);
      self->item_sections_round = self->round;
    }
  if (self->item_sections[item_index] == NULL)
    self->item_sections[item_index] =
      st_template_item_sections (self->template, st_template_get_item (self->template, item_index),
                                 self->round);
  return self->item_sections[item_index];
}

static int
compare_raw (gconstpointer a,
             gconstpointer b)
{
  const Raw *ra = a, *rb = b;
  int cmp;

  if (ra->section != rb->section)
    return ra->section < rb->section ? -1 : 1;
  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  if ((cmp = strcmp (rule_table[ra->rule].id, rule_table[rb->rule].id)) != 0)
    return cmp;
  if (ra->end != rb->end)
    return ra->end < rb->end ? -1 : 1;
  return 0;
}

static char *
item_name (StValidator  *self,
           const StItem *item)
{
  if (item->number > 0)
    return g_strdup_printf ("%s %u", st_template_get_display_word (self->template, ST_WORD_ITEM), item->number);
  return g_strdup_printf ("“%s”", item->title);
}

static void
validate_one (StValidator     *self,
              Worker          *w,
              guint            respondent_index,
              guint            item_index,
              const StSection *only,
              Set64           *seen,
              GPtrArray       *results)
{
  const StRespondent *respondent = st_template_get_respondent (self->template, respondent_index);
  const StItem *item = st_template_get_item (self->template, item_index);
  StSubmission *submission = st_report_lookup_submission (self->report, respondent->id, item->id);
  GPtrArray *sections = item_sections (self, item_index);
  gboolean answered = FALSE, unanswered = FALSE;
  guint n_current = 0;

  g_array_set_size (w->raw, 0);
  g_array_set_size (w->words, 0);
  memset (w->word_len, 0xff, self->n_sections * sizeof (guint));

  /* Text in the sections of rounds before the item's first */
  if (submission != NULL && item->starts > 0 && self->enabled[RULE_LATE_ITEM])
    {
      const StRound *start = st_template_get_round (self->template, item->starts);

      for (guint s = 0; s < self->n_sections; s++)
        {
          const StSection *section = st_template_get_section (self->template, s);
          const char *text;

          if (section->round >= item->starts || (only != NULL && only != section))
            continue;
          text = st_submission_get_text (submission, section->id);
          if (!st_text_is_blank (text))
            {
              g_autofree char *name = item_name (self, item);

              add_finding (w, RULE_LATE_ITEM, s, 0, g_utf8_strlen (text, -1),
                           g_strdup_printf (_("%s is reported on from the %s round, so “%s” should have no text: move it to a section of that round or delete it"),
                                            name, start->title, section->heading));
            }
        }
    }

  if (submission != NULL && st_submission_get_not_applicable (submission))
    {
      if (only == NULL && self->enabled[RULE_NOT_APPLICABLE_REASON] &&
          st_text_is_blank (st_submission_get_not_applicable_reason (submission)))
        {
          g_autofree char *name = item_name (self, item);

          add_finding (w, RULE_NOT_APPLICABLE_REASON, -1, 0, 0,
                       g_strdup_printf (_("%s is marked not applicable but gives no reason: say why it does not apply to %s"),
                                        name, respondent->abbreviation));
        }
      goto done;
    }

  for (guint s = 0; s < sections->len; s++)
    {
      const StSection *section = g_ptr_array_index (sections, s);

      if (section->round != self->round)
        continue;
      n_current++;
      if (submission != NULL && !st_text_is_blank (st_submission_get_text (submission, section->id)))
        answered = TRUE;
    }
  if (n_current > 0 && !answered && self->enabled[RULE_UNANSWERED])
    {
      const StRound *round = st_template_get_round (self->template, self->round);
      g_autofree char *name = item_name (self, item);

      unanswered = TRUE;
      if (only == NULL)
        add_finding (w, RULE_UNANSWERED, -1, 0, 0,
                     g_strdup_printf (_("%s has no answer for the %s round: fill in its sections, or mark it not applicable and say why"),
                                      name, round->title));
    }

  for (guint s = 0; s < sections->len; s++)
    {
      const StSection *section = g_ptr_array_index (sections, s);
      const char *text = submission != NULL ? st_submission_get_text (submission, section->id) : NULL;

      if (only != NULL && only != section)
        continue;

      if (st_text_is_blank (text))
        {
          int plan_index = self->plan_section[section->index];
          const StSection *plan = plan_index >= 0 ? st_template_get_section (self->template, plan_index) : NULL;

          if (section->round != self->round || unanswered)
            continue;
          if (plan != NULL && submission != NULL && self->enabled[RULE_PROGRESS_WITHOUT_PLAN_ANSWER] &&
              st_template_item_has_section (self->template, item, plan) &&
              !st_text_is_blank (st_submission_get_text (submission, plan->id)))
            add_finding (w, RULE_PROGRESS_WITHOUT_PLAN_ANSWER, section->index, 0, 0,
                         g_strdup_printf (_("“%s” is empty, but “%s” has a plan: say what happened to it"),
                                          section->heading, plan->heading));
          else if (self->enabled[RULE_MISSING_SECTION])
            {
              const StRound *round = st_template_get_round (self->template, self->round);

              add_finding (w, RULE_MISSING_SECTION, section->index, 0, 0,
                           g_strdup_printf (_("Fill in “%s”: it is required for the %s round"),
                                            section->heading, round->title));
            }
          continue;
        }

      if (self->text_rules)
        check_text (self, w, respondent, item, submission, section, text, seen);
    }

  if (submission != NULL && self->enabled[RULE_CHANGED_SINCE_APPROVED])
    check_changed_since_approved (self, w, submission, only);

done:
  g_array_sort (w->raw, compare_raw);
  for (guint i = 0; i < w->raw->len; i++)
    {
      Raw *raw = &g_array_index (w->raw, Raw, i);

      /* The text of earlier rounds was still read, so that an
       * abbreviation spelled out there counts as spelled out; but what
       * is wrong with it is published history, not this round's to fix */
      if (!self->earlier_rounds && raw->section >= 0 &&
          st_template_get_section (self->template, raw->section)->round < self->round)
        {
          g_clear_pointer (&raw->message, g_free);
          continue;
        }
      g_ptr_array_add (results,
                       st_finding_new_take (self->rule_ids[raw->rule],
                                            rule_table[raw->rule].severity,
                                            self->respondent_ids[respondent_index],
                                            self->item_ids[item_index],
                                            raw->section >= 0 ? self->section_ids[raw->section] : NULL,
                                            raw->start, raw->end,
                                            g_steal_pointer (&raw->message)));
    }
  g_array_set_size (w->raw, 0);
}

/* The page's acronyms before a submission or section */

static void
acronym_cache_free (gpointer data)
{
  AcronymCache *cache = data;

  for (guint i = 0; i < cache->n; i++)
    g_clear_pointer (&cache->sections[i], g_array_unref);
  g_free (cache);
}

static GArray *
cached_acronyms (StValidator     *self,
                 StSubmission    *submission,
                 const StSection *section)
{
  AcronymCache *cache = g_hash_table_lookup (self->acronym_cache, submission);

  if (cache == NULL)
    {
      cache = g_malloc0 (sizeof (AcronymCache) + self->n_sections * sizeof (GArray *));
      cache->n = self->n_sections;
      g_hash_table_insert (self->acronym_cache, submission, cache);
    }

  if (cache->sections[section->index] == NULL)
    {
      const char *text = st_submission_get_text (submission, section->id);
      GArray *keys = g_array_new (FALSE, FALSE, sizeof (guint64));

      if (text != NULL)
        {
          const Token *tok;

          scan_section (self, &self->worker.aux, text);
          tok = (const Token *) (gconstpointer) self->worker.aux.tokens->data;
          for (guint i = 0; i < self->worker.aux.tokens->len; i++)
            {
              guint64 key;

              if ((tok[i].flags & TOK_CAPS2) && (key = acronym_key (self, text, &tok[i])) != 0)
                g_array_append_val (keys, key);
            }
        }
      cache->sections[section->index] = keys;
    }
  return cache->sections[section->index];
}

static void
add_page_acronyms (StValidator     *self,
                   guint            respondent_index,
                   guint            item_index,
                   const StSection *before,
                   Set64           *seen)
{
  const StRespondent *respondent = st_template_get_respondent (self->template, respondent_index);
  const StItem *item = st_template_get_item (self->template, item_index);
  StSubmission *submission = st_report_lookup_submission (self->report, respondent->id, item->id);
  GPtrArray *sections;

  if (submission == NULL || st_submission_get_not_applicable (submission))
    return;

  sections = item_sections (self, item_index);
  for (guint s = 0; s < sections->len; s++)
    {
      const StSection *section = g_ptr_array_index (sections, s);
      GArray *keys;

      if (before != NULL && section->index >= before->index)
        break;
      keys = cached_acronyms (self, submission, section);
      for (guint k = 0; k < keys->len; k++)
        set64_add (seen, g_array_index (keys, guint64, k));
    }
}

static gboolean
page_is_action (StValidator *self)
{
  return self->page_kind == PAGE_ACTIONS || self->page_kind == PAGE_ACTION;
}

static void
collect_page_context (StValidator     *self,
                      guint            respondent_index,
                      guint            item_index,
                      const StSection *only)
{
  set64_clear (&self->worker.seen);
  if (!self->enabled[RULE_STYLE_ACRONYM])
    return;

  if (page_is_action (self))
    for (guint r = 0; r < respondent_index; r++)
      add_page_acronyms (self, r, item_index, NULL, &self->worker.seen);
  else
    for (guint i = 0; i < item_index; i++)
      add_page_acronyms (self, respondent_index, i, NULL, &self->worker.seen);

  if (only != NULL)
    add_page_acronyms (self, respondent_index, item_index, only, &self->worker.seen);
}

static void
on_report_changed (StReport     *report,
                   StSubmission *submission,
                   const char   *section_id,
                   StValidator  *self)
{
  AcronymCache *cache;
  const StSection *section;

  if (submission == NULL)
    {
      g_hash_table_remove_all (self->acronym_cache);
      return;
    }
  /* No section: a status or comment, or many changes at once
   * (st_report_freeze_changed()), which may include any text */
  if (section_id == NULL)
    {
      g_hash_table_remove (self->acronym_cache, submission);
      return;
    }
  if (!(cache = g_hash_table_lookup (self->acronym_cache, submission)))
    return;
  section = st_template_find_section (self->template, section_id);
  if (section != NULL && section->round != G_MAXUINT && section->index < cache->n)
    g_clear_pointer (&cache->sections[section->index], g_array_unref);
}

static void
prepare (StValidator *self)
{
  self->round = st_report_get_round (self->report);
  self->text_rules = FALSE;
  for (guint r = 0; r < N_RULES; r++)
    {
      self->enabled[r] = rule_table[r].severity <= self->least &&
                         st_report_rule_enabled (self->report, rule_table[r].id);
      if (self->enabled[r] && r >= RULE_COPIED_FORWARD && r <= RULE_PROGRESS_RESTATES_PLAN)
        self->text_rules = TRUE;
    }
}

/* GObject */

static void
st_validator_dispose (GObject *object)
{
  StValidator *self = (StValidator *)object;

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (st_validator_parent_class)->dispose (object);
}

static void
st_validator_finalize (GObject *object)
{
  StValidator *self = (StValidator *)object;
  guint n_items = self->template != NULL ? st_template_get_n_items (self->template) : 0;

  for (guint i = 0; self->item_sections != NULL && i < n_items; i++)
    g_clear_pointer (&self->item_sections[i], g_ptr_array_unref);
  g_free (self->item_sections);
  g_clear_object (&self->template);
  g_clear_pointer (&self->rules, rules_free);
  g_free (self->page);
  g_free (self->prev_section);
  g_free (self->plan_section);
  g_free (self->respondent_ids);
  g_free (self->item_ids);
  g_free (self->section_ids);
  g_free (self->item_word);
  set64_free (&self->template_acronyms);
  worker_clear (&self->worker);
  g_clear_pointer (&self->acronym_cache, g_hash_table_unref);

  G_OBJECT_CLASS (st_validator_parent_class)->finalize (object);
}

static void
st_validator_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StValidator *self = ST_VALIDATOR (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    case PROP_PAGE:
      g_value_set_string (value, st_validator_get_page (self));
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, self->least);
      break;

    case PROP_MAX_PARAGRAPH_WORDS:
      g_value_set_uint (value, st_validator_get_max_paragraph_words (self));
      break;

    case PROP_MAX_SENTENCE_WORDS:
      g_value_set_uint (value, st_validator_get_max_sentence_words (self));
      break;

    case PROP_EARLIER_ROUNDS:
      g_value_set_boolean (value, self->earlier_rounds);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_validator_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  StValidator *self = ST_VALIDATOR (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;

    case PROP_PAGE:
      {
        g_autoptr(GError) error = NULL;

        if (!st_validator_set_page (self, g_value_get_string (value), &error))
          g_warning ("%s", error->message);
      }
      break;

    case PROP_SEVERITY:
      st_validator_set_severity (self, g_value_get_enum (value));
      break;

    case PROP_MAX_PARAGRAPH_WORDS:
      st_validator_set_max_paragraph_words (self, g_value_get_uint (value));
      break;

    case PROP_MAX_SENTENCE_WORDS:
      st_validator_set_max_sentence_words (self, g_value_get_uint (value));
      break;

    case PROP_EARLIER_ROUNDS:
      st_validator_set_earlier_rounds (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_template_acronym (StValidator *self,
                      const char  *name)
{
  if (name != NULL && *name != '\0')
    set64_add (&self->template_acronyms, hash64 (name, strlen (name)));
}

static void
st_validator_constructed (GObject *object)
{
  StValidator *self = ST_VALIDATOR (object);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint n_respondents, n_items;

  G_OBJECT_CLASS (st_validator_parent_class)->constructed (object);

  g_assert (ST_IS_REPORT (self->report));
  self->template = g_object_ref (st_report_get_template (self->report));
  self->n_sections = st_template_get_n_sections (self->template);
  n_respondents = st_template_get_n_respondents (self->template);
  n_items = st_template_get_n_items (self->template);

  bytes = g_resources_lookup_data (RULES_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    {
      StErrorLocation location = { 0 };

      self->rules = rules_load (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                &location, &error);
      st_error_location_clear (&location);
    }
  if (self->rules == NULL)
    {
      g_critical ("The built-in validation rules did not load: %s", error->message);
      self->rules = rules_new_fallback ();
    }

  for (guint r = 0; r < N_RULES; r++)
    self->rule_ids[r] = g_intern_static_string (rule_table[r].id);

  self->respondent_ids = g_new0 (const char *, n_respondents);
  for (guint r = 0; r < n_respondents; r++)
    {
      const StRespondent *respondent = st_template_get_respondent (self->template, r);

      self->respondent_ids[r] = g_intern_string (respondent->id);
      /* Department abbreviations need no expansion: every page names the
       * department in full */
      add_template_acronym (self, respondent->id);
      add_template_acronym (self, respondent->abbreviation);
      for (guint v = 0; respondent->variants[v] != NULL; v++)
        add_template_acronym (self, respondent->variants[v]);
    }
  self->item_ids = g_new0 (const char *, n_items);
  for (guint i = 0; i < n_items; i++)
    self->item_ids[i] = g_intern_string (st_template_get_item (self->template, i)->id);

  self->section_ids = g_new0 (const char *, self->n_sections);
  self->prev_section = g_new (int, self->n_sections);
  self->plan_section = g_new (int, self->n_sections);
  for (guint s = 0; s < self->n_sections; s++)
    {
      const StSection *section = st_template_get_section (self->template, s);
      const StSection *plan = st_template_find_plan_for (self->template, section);

      self->section_ids[s] = g_intern_string (section->id);
      self->plan_section[s] = plan != NULL ? (int) plan->index : -1;
      self->prev_section[s] = -1;
      if (section->year == 0 ||
          (section->kind != ST_SECTION_KIND_PROGRESS && section->kind != ST_SECTION_KIND_PLAN))
        continue;
      for (guint p = 0; p < s; p++)
        {
          const StSection *prev = st_template_get_section (self->template, p);

          if (prev->kind == section->kind && prev->year == section->year - 1 &&
              prev->round < section->round)
            self->prev_section[s] = p;
        }
    }

  self->item_word = g_utf8_strdown (st_template_get_display_word (self->template, ST_WORD_ITEM), -1);
  self->item_sections = g_new0 (GPtrArray *, n_items);
  self->item_sections_round = G_MAXUINT;
  worker_init (&self->worker, self->n_sections);

  /* A department pack holds one department's work: the others' empty
   * returns are not that department's to answer */
  if (st_report_get_pack_respondent (self->report) != NULL)
    {
      g_autofree char *page = g_strconcat ("department:", st_report_get_pack_respondent (self->report), NULL);
      g_autoptr(GError) page_error = NULL;

      if (!st_validator_set_page (self, page, &page_error))
        g_warning ("A pack for a department the template lacks: %s", page_error->message);
    }

  g_signal_connect_object (self->report, "changed", G_CALLBACK (on_report_changed), self, 0);
}

static void
st_validator_class_init (StValidatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = st_validator_constructed;
  object_class->dispose = st_validator_dispose;
  object_class->finalize = st_validator_finalize;
  object_class->get_property = st_validator_get_property;
  object_class->set_property = st_validator_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, ST_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "departments",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, ST_TYPE_SEVERITY, ST_SEVERITY_INFO,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_PARAGRAPH_WORDS] =
    g_param_spec_uint ("max-paragraph-words", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_SENTENCE_WORDS] =
    g_param_spec_uint ("max-sentence-words", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EARLIER_ROUNDS] =
    g_param_spec_boolean ("earlier-rounds", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
st_validator_init (StValidator *self)
{
  self->least = ST_SEVERITY_INFO;
  self->page_kind = PAGE_DEPARTMENTS;
  set64_init (&self->template_acronyms);
  self->acronym_cache = g_hash_table_new_full (NULL, NULL, NULL, acronym_cache_free);
}

/* Public API */

StValidator *
st_validator_new (StReport *report)
{
  g_return_val_if_fail (ST_IS_REPORT (report), NULL);

  return g_object_new (ST_TYPE_VALIDATOR,
                       "report", report,
                       NULL);
}

StReport *
st_validator_get_report (StValidator *self)
{
  g_return_val_if_fail (ST_IS_VALIDATOR (self), NULL);
  return self->report;
}

gboolean
st_validator_load_rules (StValidator  *self,
                         const char   *data,
                         gssize        length,
                         GError      **error)
{
  StErrorLocation location = { 0 };
  g_autoptr(GError) local_error = NULL;
  Rules *rules;

  g_return_val_if_fail (ST_IS_VALIDATOR (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rules = rules_load (data, length, &location, &local_error);
  if (rules == NULL)
    {
      if (location.line > 0)
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    _("Line %u, column %u: "), location.line, location.column);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      st_error_location_clear (&location);
      return FALSE;
    }
  st_error_location_clear (&location);

  rules_free (self->rules);
  self->rules = rules;
  g_hash_table_remove_all (self->acronym_cache);
  return TRUE;
}

gboolean
st_validator_set_page (StValidator  *self,
                       const char   *page,
                       GError      **error)
{
  PageKind kind;
  guint index = 0;
  const char *colon;

  g_return_val_if_fail (ST_IS_VALIDATOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (page == NULL || g_str_equal (page, "departments"))
    kind = PAGE_DEPARTMENTS;
  else if (g_str_equal (page, "actions"))
    kind = PAGE_ACTIONS;
  else if ((colon = strchr (page, ':')) != NULL &&
           (g_str_has_prefix (page, "department:") || g_str_has_prefix (page, "respondent:")))
    {
      const StRespondent *respondent = st_template_find_respondent (self->template, colon + 1);

      if (respondent == NULL)
        respondent = st_template_match_respondent (self->template, colon + 1);
      if (respondent == NULL)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                       _("The template has no respondent “%s”"), colon + 1);
          return FALSE;
        }
      kind = PAGE_DEPARTMENT;
      index = respondent->index;
    }
  else if ((colon = strchr (page, ':')) != NULL &&
           (g_str_has_prefix (page, "action:") || g_str_has_prefix (page, "item:")))
    {
      const StItem *item = st_template_find_item (self->template, colon + 1);
      guint64 number;

      if (item == NULL && g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXUINT, &number, NULL))
        item = st_template_find_item_by_number (self->template, number);
      if (item == NULL)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                       _("The template has no item “%s”"), colon + 1);
          return FALSE;
        }
      kind = PAGE_ACTION;
      index = item->index;
    }
  else
    {
      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("There is no page “%s”: use “departments”, “actions”, “department:ID” or “action:N”"),
                   page);
      return FALSE;
    }

  self->page_kind = kind;
  self->page_index = index;
  g_free (self->page);
  self->page = page != NULL && kind != PAGE_DEPARTMENTS ? g_strdup (page) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  return TRUE;
}

const char *
st_validator_get_page (StValidator *self)
{
  g_return_val_if_fail (ST_IS_VALIDATOR (self), NULL);
  return self->page != NULL ? self->page : "departments";
}

void
st_validator_set_severity (StValidator *self,
                           StSeverity   least)
{
  g_return_if_fail (ST_IS_VALIDATOR (self));
  g_return_if_fail (least <= ST_SEVERITY_INFO);

  if (self->least == least)
    return;
  self->least = least;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}

StSeverity
st_validator_get_severity (StValidator *self)
{
  g_return_val_if_fail (ST_IS_VALIDATOR (self), ST_SEVERITY_INFO);
  return self->least;
}

void
st_validator_set_max_paragraph_words (StValidator *self,
                                      guint        words)
{
  g_return_if_fail (ST_IS_VALIDATOR (self));

  if (self->max_paragraph_words == words)
    return;
  self->max_paragraph_words = words;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_PARAGRAPH_WORDS]);
}

guint
st_validator_get_max_paragraph_words (StValidator *self)
{
  g_return_val_if_fail (ST_IS_VALIDATOR (self), 0);
  return self->max_paragraph_words != 0 ? self->max_paragraph_words : self->rules->paragraph_words;
}

void
st_validator_set_max_sentence_words (StValidator *self,
                                     guint        words)
{
  g_return_if_fail (ST_IS_VALIDATOR (self));

  if (self->max_sentence_words == words)
    return;
  self->max_sentence_words = words;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SENTENCE_WORDS]);
}

guint
st_validator_get_max_sentence_words (StValidator *self)
{
  g_return_val_if_fail (ST_IS_VALIDATOR (self), 0);
  return self->max_sentence_words != 0 ? self->max_sentence_words : self->rules->sentence_words;
}

void
st_validator_set_earlier_rounds (StValidator *self,
                                 gboolean     earlier_rounds)
{
  g_return_if_fail (ST_IS_VALIDATOR (self));

  earlier_rounds = !!earlier_rounds;
  if (self->earlier_rounds == earlier_rounds)
    return;
  self->earlier_rounds = earlier_rounds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EARLIER_ROUNDS]);
}

gboolean
st_validator_get_earlier_rounds (StValidator *self)
{
  g_return_val_if_fail (ST_IS_VALIDATOR (self), FALSE);
  return self->earlier_rounds;
}

/* A whole-report run is split into pages (a department's or an action's),
 * which are independent: each is validated in one go, in reading order, so
 * its acronyms are tracked as it goes. Threads take pages in turn. */
typedef struct {
  StValidator  *self;
  gboolean      action_pages;
  guint         n_units;
  guint        *unit_index;   /* respondent or item index of each page */
  guint         n_inner;      /* submissions on a page */
  GPtrArray   **results;      /* per page */
  guint       **bounds;       /* per page: where each submission's findings start */
  gint          next;         /* the next page to take (atomic) */
} Job;

static void
run_page (Job    *job,
          Worker *w,
          guint   unit)
{
  StValidator *self = job->self;
  GPtrArray *results = g_ptr_array_new_with_free_func (g_object_unref);
  guint *bounds = g_new (guint, job->n_inner + 1);

  set64_clear (&w->seen);
  for (guint k = 0; k < job->n_inner; k++)
    {
      guint r = job->action_pages ? k : job->unit_index[unit];
      guint i = job->action_pages ? job->unit_index[unit] : k;

      bounds[k] = results->len;
      validate_one (self, w, r, i, NULL, &w->seen, results);
    }
  bounds[job->n_inner] = results->len;
  job->results[unit] = results;
  job->bounds[unit] = bounds;
}

static void
run_pages (Job    *job,
           Worker *w)
{
  for (;;)
    {
      guint unit = (guint) g_atomic_int_add (&job->next, 1);

      if (unit >= job->n_units)
        break;
      run_page (job, w, unit);
    }
}

static gpointer
page_thread (gpointer data)
{
  Job *job = data;
  Worker w;

  worker_init (&w, job->self->n_sections);
  run_pages (job, &w);
  worker_clear (&w);
  return NULL;
}

GPtrArray *
st_validator_validate_report (StValidator *self)
{
  GPtrArray *results;
  g_autoptr(GPtrArray) threads = NULL;
  guint n_respondents, n_items, n_threads;
  Job job = { 0 };

  g_return_val_if_fail (ST_IS_VALIDATOR (self), NULL);

  prepare (self);
  n_respondents = st_template_get_n_respondents (self->template);
  n_items = st_template_get_n_items (self->template);
  /* Filled in here: the threads only read it */
  for (guint i = 0; i < n_items; i++)
    item_sections (self, i);

  job.self = self;
  job.action_pages = page_is_action (self);
  job.n_inner = job.action_pages ? n_respondents : n_items;
  job.unit_index = g_new (guint, MAX (n_respondents, n_items));
  if (self->page_kind == PAGE_DEPARTMENT || self->page_kind == PAGE_ACTION)
    job.unit_index[job.n_units++] = self->page_index;
  else
    for (guint u = 0; u < (job.action_pages ? n_items : n_respondents); u++)
      job.unit_index[job.n_units++] = u;
  job.results = g_new0 (GPtrArray *, job.n_units);
  job.bounds = g_new0 (guint *, job.n_units);

  n_threads = MIN (MIN ((guint) g_get_num_processors (), 8), job.n_units);
  threads = g_ptr_array_new ();
  for (guint t = 1; t < n_threads; t++)
    {
      GThread *thread = g_thread_try_new ("st-validator", page_thread, &job, NULL);

      if (thread != NULL)
        g_ptr_array_add (threads, thread);
    }
  run_pages (&job, &self->worker);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));

  /* Back into template order: respondents, then items */
  results = g_ptr_array_new_with_free_func (g_object_unref);
  if (job.action_pages)
    {
      for (guint k = 0; k < job.n_inner; k++)
        for (guint u = 0; u < job.n_units; u++)
          for (guint f = job.bounds[u][k]; f < job.bounds[u][k + 1]; f++)
            g_ptr_array_add (results, job.results[u]->pdata[f]);
    }
  else
    {
      for (guint u = 0; u < job.n_units; u++)
        for (guint f = 0; f < job.results[u]->len; f++)
          g_ptr_array_add (results, job.results[u]->pdata[f]);
    }

  for (guint u = 0; u < job.n_units; u++)
    {
      /* The findings moved to @results */
      g_ptr_array_set_free_func (job.results[u], NULL);
      g_ptr_array_unref (job.results[u]);
      g_free (job.bounds[u]);
    }
  g_free (job.results);
  g_free (job.bounds);
  g_free (job.unit_index);
  return results;
}

GPtrArray *
st_validator_validate_submission (StValidator *self,
                                  const char  *respondent_id,
                                  const char  *item_id)
{
  const StRespondent *respondent;
  const StItem *item;
  GPtrArray *results;

  g_return_val_if_fail (ST_IS_VALIDATOR (self), NULL);
  g_return_val_if_fail (respondent_id != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  results = g_ptr_array_new_with_free_func (g_object_unref);
  respondent = st_template_find_respondent (self->template, respondent_id);
  item = st_template_find_item (self->template, item_id);
  if (respondent == NULL || item == NULL)
    return results;

  prepare (self);
  collect_page_context (self, respondent->index, item->index, NULL);
  validate_one (self, &self->worker, respondent->index, item->index, NULL, &self->worker.seen, results);
  return results;
}

GPtrArray *
st_validator_validate_section (StValidator *self,
                               const char  *respondent_id,
                               const char  *item_id,
                               const char  *section_id)
{
  const StRespondent *respondent;
  const StItem *item;
  const StSection *section;
  GPtrArray *results;

  g_return_val_if_fail (ST_IS_VALIDATOR (self), NULL);
  g_return_val_if_fail (respondent_id != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);
  g_return_val_if_fail (section_id != NULL, NULL);

  results = g_ptr_array_new_with_free_func (g_object_unref);
  respondent = st_template_find_respondent (self->template, respondent_id);
  item = st_template_find_item (self->template, item_id);
  section = st_template_find_section (self->template, section_id);
  if (respondent == NULL || item == NULL || section == NULL || section->round == G_MAXUINT)
    return results;

  prepare (self);
  collect_page_context (self, respondent->index, item->index, section);
  validate_one (self, &self->worker, respondent->index, item->index, section, &self->worker.seen, results);
  return results;
}

GListModel *
st_validator_to_list_model (GPtrArray *findings)
{
  GListStore *store;

  g_return_val_if_fail (findings != NULL, NULL);

  store = g_list_store_new (ST_TYPE_FINDING);
  g_list_store_splice (store, 0, 0, findings->pdata, findings->len);
  return G_LIST_MODEL (store);
}
