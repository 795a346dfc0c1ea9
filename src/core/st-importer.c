/* st-importer.c: published pages back into a report
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page is a list of lines (a text page's lines, or an HTML page's
 * headings, paragraphs and list items). Its first line tells what kind of
 * page it is: an item page ("Action 1: …"), a respondent page ("CO's actions
 * in response to …") or the whole document. The lines after it are read by
 * one state machine that recognises the template's fixed lines, respondent
 * names, item headings and section headings, allowing for the ways real
 * pages deviate from the template, and reports every deviation with its line.
 * Everything else is section text and is kept exactly as written.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "st-diff.h"
#include "st-importer.h"

/* Words that say what kind of section a heading is */
static const struct {
  const char    *word;
  StSectionKind  kind;
} kind_words[] = {
  { "progress",     ST_SECTION_KIND_PROGRESS },
  { "achieved",     ST_SECTION_KIND_PROGRESS },
  { "planned",      ST_SECTION_KIND_PLAN },
  { "plans",        ST_SECTION_KIND_PLAN },
  { "plan",         ST_SECTION_KIND_PLAN },
  { "commitments",  ST_SECTION_KIND_COMMITMENT },
  { "commitment",   ST_SECTION_KIND_COMMITMENT },
};

typedef struct {
  const char *page;    /* interned */
  guint       line;
} Origin;

struct _StImporter
{
  GObject      parent_instance;

  StReport    *report;
  StTemplate  *template;

  GPtrArray   *diagnostics;   /* StDiagnostic* */
  GPtrArray   *conflicts;     /* StImportConflict* */
  GHashTable  *origins;       /* "r\x1fi\x1fs" → Origin* */
  GHashTable  *titles;        /* item id → title taken from a page */
  GHashTable  *statements;    /* item id → statement taken from a page */
  GHashTable  *override_origin; /* "title\x1fid" → Origin* */

  /* Recognising lines */
  GHashTable  *respondent_names;  /* exact published name → StRespondent */
  GHashTable  *respondent_folded; /* folded name, abbreviation or variant → StRespondent */
  GHashTable  *section_exact;     /* heading → StSection */
  GHashTable  *section_folded;    /* folded heading → StSection */
  GHashTable  *section_first_word; /* folded first word → GPtrArray of StSection */
  gsize        longest_heading;
  GRegex      *item_title_re;
  GRegex      *respondent_title_re;
  GRegex      *respondent_item_re;
  GRegex      *updated_re;
  GRegex      *not_applicable_re;
  GRegex      *markup_re;
  GRegex      *year_re;
  char        *bullet_mark;       /* the layout's bullet, trimmed; NULL for "-" */

  GDate        updated;
  char        *updated_page;

  guint        n_pages;
  guint        n_sections;
  gboolean     finished;
};

G_DEFINE_FINAL_TYPE (StImporter, st_importer, G_TYPE_OBJECT)

/* Diagnostics and conflicts ******************************************/

const char *
st_diagnostic_severity_to_string (StDiagnosticSeverity severity)
{
  switch (severity)
    {
    case ST_DIAGNOSTIC_ERROR:
      return "error";
    case ST_DIAGNOSTIC_WARNING:
      return "warning";
    case ST_DIAGNOSTIC_INFO:
      return "info";
    default:
      g_return_val_if_reached (NULL);
    }
}

StDiagnostic *
st_diagnostic_copy (const StDiagnostic *diagnostic)
{
  StDiagnostic *copy;

  g_return_val_if_fail (diagnostic != NULL, NULL);

  copy = g_new0 (StDiagnostic, 1);
  copy->page = g_strdup (diagnostic->page);
  copy->line = diagnostic->line;
  copy->last_line = diagnostic->last_line;
  copy->severity = diagnostic->severity;
  copy->message = g_strdup (diagnostic->message);
  return copy;
}

void
st_diagnostic_free (StDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;
  g_free (diagnostic->page);
  g_free (diagnostic->message);
  g_free (diagnostic);
}

char *
st_diagnostic_format (const StDiagnostic *diagnostic)
{
  g_return_val_if_fail (diagnostic != NULL, NULL);

  if (diagnostic->line == 0)
    return g_strdup_printf ("%s: %s: %s", diagnostic->page,
                            st_diagnostic_severity_to_string (diagnostic->severity),
                            diagnostic->message);
  return g_strdup_printf ("%s:%u: %s: %s", diagnostic->page, diagnostic->line,
                          st_diagnostic_severity_to_string (diagnostic->severity),
                          diagnostic->message);
}

void
st_import_conflict_free (StImportConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->respondent_id);
  g_free (conflict->item_id);
  g_free (conflict->section_id);
  g_free (conflict->kept_page);
  g_free (conflict->kept_text);
  g_free (conflict->other_page);
  g_free (conflict->other_text);
  g_free (conflict->diff);
  g_free (conflict);
}

static void
add_diagnostic_range (StImporter *self,
                      const char *page,
                      guint       line,
                      guint       last_line,
                      StDiagnosticSeverity  severity,
                      const char *message)
{
  StDiagnostic *diagnostic = g_new0 (StDiagnostic, 1);

  diagnostic->page = g_strdup (page);
  diagnostic->line = line;
  diagnostic->last_line = MAX (line, last_line);
  diagnostic->severity = severity;
  diagnostic->message = g_strdup (message);
  g_ptr_array_add (self->diagnostics, diagnostic);
}

static void G_GNUC_PRINTF (5, 6)
add_diagnostic (StImporter *self,
                const char *page,
                guint       line,
                StDiagnosticSeverity  severity,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  add_diagnostic_range (self, page, line, line, severity, message);
}

/* Matching text ******************************************************/

/* Case-folded, curly apostrophes and quotes as straight ones, runs of
 * white space as one space, trimmed */
static char *
fold (const char *text)
{
  g_autofree char *casefolded = g_utf8_casefold (text, -1);
  GString *out = g_string_sized_new (strlen (casefolded));
  gboolean space = FALSE;

  for (const char *p = casefolded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (c == 0x2019 || c == 0x2018)
        c = '\'';
      else if (c == 0x201C || c == 0x201D)
        c = '"';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
fold_equal (const char *a,
            const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;
  gsize la = strlen (a), lb = strlen (b);

  /* Folding changes lengths a little (white space, apostrophes), never much */
  if (la > lb + lb / 4 + 8 || lb > la + la / 4 + 8)
    return FALSE;
  fa = fold (a);
  fb = fold (b);
  return g_str_equal (fa, fb);
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

/* Short, no sentence punctuation at the end: could be a heading */
static gboolean
heading_like (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || len > 150 || count_words (text) > 12)
    return FALSE;
  return strchr (".:;,!?", text[len - 1]) == NULL;
}

/* A layout pattern as a regular expression: literal text matched ignoring
 * case, either apostrophe and any run of white space, and each {field} a
 * named group. */
static GRegex *
compile_layout (const char *pattern)
{
  g_autoptr(GString) re = g_string_new ("^\\s*");
  g_autoptr(GError) error = NULL;
  GRegex *regex;

  if (pattern == NULL)
    return NULL;

  for (const char *p = pattern; *p != '\0';)
    {
      const char *close;

      if (*p == '{' && (close = strchr (p, '}')) != NULL)
        {
          g_autofree char *name = g_strndup (p + 1, close - p - 1);

          if (g_str_equal (name, "number"))
            g_string_append (re, "(?<number>\\d+)");
          else if (g_str_equal (name, "date"))
            g_string_append (re, "(?<date>\\d{1,2}\\s+\\p{L}+\\s+\\d{4}|\\d{4}-\\d\\d-\\d\\d)");
          else if (g_str_equal (name, "title") || g_str_equal (name, "statement") ||
                   g_str_equal (name, "name") || g_str_equal (name, "abbreviation"))
            g_string_append_printf (re, "(?<%s>.+?)", name);
          else
            {
              g_autofree char *escaped = g_regex_escape_string (p, close - p + 1);
              g_string_append (re, escaped);
            }
          p = close + 1;
          continue;
        }

      if (g_str_has_prefix (p, "’") || *p == '\'')
        {
          g_string_append (re, "['’]");
          p += *p == '\'' ? 1 : strlen ("’");
        }
      else if (g_ascii_isspace (*p))
        {
          g_string_append (re, "\\s+");
          while (g_ascii_isspace (*p))
            p++;
        }
      else
        {
          const char *next = g_utf8_next_char (p);
          g_autofree char *escaped = g_regex_escape_string (p, next - p);

          g_string_append (re, escaped);
          p = next;
        }
    }
  g_string_append (re, "\\s*$");

  regex = g_regex_new (re->str, G_REGEX_CASELESS | G_REGEX_DUPNAMES | G_REGEX_OPTIMIZE, 0, &error);
  if (regex == NULL)
    g_warning ("Layout pattern “%s” cannot be matched: %s", pattern, error->message);
  return regex;
}

static gboolean
match_layout (GRegex      *regex,
              const char  *text,
              GMatchInfo **info)
{
  if (regex == NULL)
    {
      *info = NULL;
      return FALSE;
    }
  if (g_regex_match (regex, text, 0, info))
    return TRUE;
  g_clear_pointer (info, g_match_info_free);
  return FALSE;
}

/* The object ********************************************************/

static void
st_importer_finalize (GObject *object)
{
  StImporter *self = (StImporter *)object;

  g_clear_object (&self->report);
  g_clear_object (&self->template);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->origins, g_hash_table_unref);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->override_origin, g_hash_table_unref);
  g_clear_pointer (&self->respondent_names, g_hash_table_unref);
  g_clear_pointer (&self->respondent_folded, g_hash_table_unref);
  g_clear_pointer (&self->section_exact, g_hash_table_unref);
  g_clear_pointer (&self->section_folded, g_hash_table_unref);
  g_clear_pointer (&self->section_first_word, g_hash_table_unref);
  g_clear_pointer (&self->item_title_re, g_regex_unref);
  g_clear_pointer (&self->respondent_title_re, g_regex_unref);
  g_clear_pointer (&self->respondent_item_re, g_regex_unref);
  g_clear_pointer (&self->updated_re, g_regex_unref);
  g_clear_pointer (&self->not_applicable_re, g_regex_unref);
  g_clear_pointer (&self->markup_re, g_regex_unref);
  g_clear_pointer (&self->year_re, g_regex_unref);
  g_clear_pointer (&self->updated_page, g_free);
  g_clear_pointer (&self->bullet_mark, g_free);

  G_OBJECT_CLASS (st_importer_parent_class)->finalize (object);
}

static void
st_importer_class_init (StImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = st_importer_finalize;
}

static void
st_importer_init (StImporter *self)
{
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) st_diagnostic_free);
  self->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) st_import_conflict_free);
  self->origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->override_origin = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->respondent_names = g_hash_table_new (g_str_hash, g_str_equal);
  self->respondent_folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->section_exact = g_hash_table_new (g_str_hash, g_str_equal);
  self->section_folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->section_first_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    (GDestroyNotify) g_ptr_array_unref);
  g_date_clear (&self->updated, 1);
}

static char *
first_word (const char *folded)
{
  const char *space = strchr (folded, ' ');

  return space != NULL ? g_strndup (folded, space - folded) : g_strdup (folded);
}

StImporter *
st_importer_new (StReport *into)
{
  StImporter *self;
  StTemplate *template;

  g_return_val_if_fail (ST_IS_REPORT (into), NULL);

  self = g_object_new (ST_TYPE_IMPORTER, NULL);
  self->report = g_object_ref (into);
  self->template = g_object_ref (st_report_get_template (into));
  template = self->template;

  if (st_report_get_updated (into) != NULL)
    self->updated = *st_report_get_updated (into);

  for (guint i = 0; i < st_template_get_n_respondents (template); i++)
    {
      const StRespondent *respondent = st_template_get_respondent (template, i);

      g_hash_table_insert (self->respondent_names, respondent->name, (gpointer) respondent);

      /* The names st_template_match_respondent() knows, folded once here
       * rather than for every line of every page */
      for (int j = -2; j < 0 || respondent->variants[j] != NULL; j++)
        {
          const char *name = j == -2 ? respondent->name : j == -1 ? respondent->abbreviation
                                                                  : respondent->variants[j];
          char *folded = fold (name);

          if (!g_hash_table_contains (self->respondent_folded, folded))
            g_hash_table_insert (self->respondent_folded, folded, (gpointer) respondent);
          else
            g_free (folded);
        }
    }

  for (guint i = 0; i < st_template_get_n_sections (template); i++)
    {
      const StSection *section = st_template_get_section (template, i);
      char *folded = fold (section->heading);
      char *word = first_word (folded);
      GPtrArray *list;

      g_hash_table_insert (self->section_exact, section->heading, (gpointer) section);
      self->longest_heading = MAX (self->longest_heading, strlen (section->heading));
      g_hash_table_insert (self->section_folded, folded, (gpointer) section);
      list = g_hash_table_lookup (self->section_first_word, word);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (self->section_first_word, word, list);
        }
      else
        g_free (word);
      g_ptr_array_add (list, (gpointer) section);
    }

  self->item_title_re = compile_layout (st_template_get_layout (template, ST_LAYOUT_ITEM_TITLE));
  self->respondent_title_re = compile_layout (st_template_get_layout (template, ST_LAYOUT_RESPONDENT_TITLE));
  self->respondent_item_re = compile_layout (st_template_get_layout (template, ST_LAYOUT_RESPONDENT_ITEM_HEADING));
  self->updated_re = compile_layout (st_template_get_layout (template, ST_LAYOUT_UPDATED));
  self->not_applicable_re = compile_layout (st_template_get_layout (template, ST_LAYOUT_NOT_APPLICABLE));
  self->markup_re = g_regex_new ("^\\s*(#{1,6})\\s+(.*?)\\s*#*\\s*$", G_REGEX_OPTIMIZE, 0, NULL);
  self->year_re = g_regex_new ("\\b(19|20)\\d\\d\\b", G_REGEX_OPTIMIZE, 0, NULL);

  /* "- " bullets are always read as bullets; "  • " ones too if the
   * template publishes them so */
  self->bullet_mark = g_strstrip (g_strdup (st_template_get_text_bullet (template)));
  if (g_str_equal (self->bullet_mark, "-"))
    g_clear_pointer (&self->bullet_mark, g_free);

  return self;
}

GPtrArray *
st_importer_get_diagnostics (StImporter *self)
{
  g_return_val_if_fail (ST_IS_IMPORTER (self), NULL);
  return self->diagnostics;
}

GPtrArray *
st_importer_get_conflicts (StImporter *self)
{
  g_return_val_if_fail (ST_IS_IMPORTER (self), NULL);
  return self->conflicts;
}

guint
st_importer_count (StImporter *self,
                   StDiagnosticSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (ST_IS_IMPORTER (self), 0);

  for (guint i = 0; i < self->diagnostics->len; i++)
    if (((StDiagnostic *) g_ptr_array_index (self->diagnostics, i))->severity == severity)
      n++;
  return n;
}

guint
st_importer_get_n_pages (StImporter *self)
{
  g_return_val_if_fail (ST_IS_IMPORTER (self), 0);
  return self->n_pages;
}

guint
st_importer_get_n_sections (StImporter *self)
{
  g_return_val_if_fail (ST_IS_IMPORTER (self), 0);
  return self->n_sections;
}

/* Reading a page ****************************************************/

typedef struct {
  guint     number;
  char     *text;      /* as on the page, without the line break */
  int       level;     /* HTML heading level; 0 other HTML; -1 a text line */
  gboolean  bullet;    /* an HTML list item */
} PageLine;

static void
page_line_clear (PageLine *line)
{
  g_clear_pointer (&line->text, g_free);
}

typedef enum {
  PAGE_ITEM,
  PAGE_RESPONDENT,
  PAGE_WHOLE,
} PageKind;

typedef enum {
  SKIP_NONE,
  SKIP_SECTION,     /* until the next heading of any kind */
  SKIP_RESPONDENT,  /* until the next respondent or item */
  SKIP_ITEM,        /* until the next item */
} SkipLevel;

typedef struct {
  StImporter         *self;
  const char         *name;
  GArray             *lines;           /* PageLine */
  PageKind            kind;
  char               *title;           /* the title line, trimmed */

  const StItem       *item;
  const StRespondent *respondent;
  guint               last_item_index; /* +1; 0 before any */
  guint               last_respondent_index;
  GHashTable         *seen_answers;    /* "r\x1fi" on this page */

  /* The current respondent × item */
  gboolean            answer_open;
  guint               answer_line;
  gboolean            answer_has_content;
  gboolean            not_applicable;
  GPtrArray          *item_sections;   /* of the current item */
  GHashTable         *seen_sections;   /* StSection* in this answer */
  guint               last_order;      /* +1 */

  /* The current section */
  const StSection    *section;
  guint               section_line;
  GString            *text;
  guint               text_line;
  gboolean            last_bullet;

  /* Fixed lines after an item title */
  gboolean            in_intro;
  guint               intro_pos;
  GPtrArray          *intro;           /* expanded intro lines */

  gboolean            seen_updated;

  /* The whole document's lines before its first item */
  gboolean            in_front;
  guint               front_intro_pos;
  const StSection    *preamble;        /* the preamble section being read */
  guint               preamble_line;
  gboolean            seen_items_heading;
  gboolean            seen_other_bullet;

  /* Lines left out */
  SkipLevel           skip;
  guint               skip_first;
  guint               skip_last;
  StDiagnosticSeverity          skip_severity;
  char               *skip_message;
} Page;

static const char *
item_word (Page *page)
{
  return st_template_get_display_word (page->self->template, ST_WORD_ITEM);
}

static const char *
respondent_word (Page *page)
{
  return st_template_get_display_word (page->self->template, ST_WORD_RESPONDENT);
}

/* The item as the pages give it: with titles learnt from pages */
static StItem
effective_item (StImporter   *self,
                const StItem *item)
{
  StItem copy = *item;
  const char *title = g_hash_table_lookup (self->titles, item->id);
  const char *statement = g_hash_table_lookup (self->statements, item->id);

  if (title != NULL)
    copy.title = (char *) title;
  if (statement != NULL)
    copy.statement = (char *) statement;
  return copy;
}

static char *
expand (Page               *page,
        const char         *key,
        const StItem       *item,
        const StRespondent *respondent,
        GDate              *date)
{
  StTemplate *template = page->self->template;
  StItem copy;

  if (item != NULL)
    {
      copy = effective_item (page->self, item);
      item = &copy;
    }
  return st_template_expand (template, st_template_get_layout (template, key), item, respondent, date);
}

static void
end_skip (Page *page)
{
  g_autofree char *message = NULL;

  if (page->skip == SKIP_NONE)
    return;

  if (page->skip_last > page->skip_first)
    message = g_strdup_printf (_("%s (lines %u–%u left out)"), page->skip_message,
                               page->skip_first, page->skip_last);
  else
    message = g_strdup_printf (_("%s (left out)"), page->skip_message);
  add_diagnostic_range (page->self, page->name, page->skip_first, page->skip_last,
                        page->skip_severity, message);
  page->skip = SKIP_NONE;
  g_clear_pointer (&page->skip_message, g_free);
}

static void G_GNUC_PRINTF (5, 6)
start_skip (Page       *page,
            SkipLevel   level,
            guint       line,
            StDiagnosticSeverity  severity,
            const char *format,
            ...)
{
  va_list args;

  end_skip (page);
  va_start (args, format);
  page->skip_message = g_strdup_vprintf (format, args);
  va_end (args);
  page->skip = level;
  page->skip_first = line;
  page->skip_last = line;
  page->skip_severity = severity;
}

static char *
origin_key (const char *respondent_id,
            const char *item_id,
            const char *section_id)
{
  return g_strjoin ("\x1f", respondent_id, item_id, section_id, NULL);
}

static void
store_text (Page            *page,
            const StSection *section,
            guint            line,
            const char      *text)
{
  StImporter *self = page->self;
  StSubmission *submission;
  g_autofree char *key = NULL;
  const char *existing;
  Origin *origin;

  submission = st_report_ensure_submission (self->report, page->respondent->id, page->item->id);
  existing = st_submission_get_text (submission, section->id);
  key = origin_key (page->respondent->id, page->item->id, section->id);
  origin = g_hash_table_lookup (self->origins, key);

  if (existing == NULL)
    {
      st_submission_set_text (submission, section->id, text);
      origin = g_new0 (Origin, 1);
      origin->page = g_intern_string (page->name);
      origin->line = line;
      g_hash_table_replace (self->origins, g_steal_pointer (&key), origin);
      self->n_sections++;
      return;
    }

  if (g_str_equal (existing, text))
    return;

  if (origin != NULL && origin->page == g_intern_string (page->name))
    {
      /* The same section twice on one page: keep both texts, in order */
      g_autofree char *joined = g_strconcat (existing, "\n\n", text, NULL);

      st_submission_set_text (submission, section->id, joined);
      add_diagnostic (self, page->name, line, ST_DIAGNOSTIC_WARNING,
                      _("“%s” appears twice for %s on this page: the texts are joined"),
                      section->heading, page->respondent->abbreviation);
      return;
    }

  /* Two different texts: keep the first and show the difference */
  {
    g_autoptr(GPtrArray) chunks = st_diff_words (existing, text);
    StImportConflict *conflict = g_new0 (StImportConflict, 1);
    g_autofree char *short_diff = st_diff_format (chunks, 4);
    guint deleted, inserted;

    /* One line of a diagnostic is no place for pages of text: the whole
     * diff is in the conflict */
    if (g_utf8_strlen (short_diff, -1) > 300)
      {
        char *cut = g_utf8_offset_to_pointer (short_diff, 300);
        char *shorter;

        *cut = '\0';
        shorter = g_strconcat (short_diff, " …", NULL);
        g_free (short_diff);
        short_diff = shorter;
      }

    st_diff_count (chunks, &deleted, &inserted);
    conflict->respondent_id = g_strdup (page->respondent->id);
    conflict->item_id = g_strdup (page->item->id);
    conflict->section_id = g_strdup (section->id);
    conflict->kept_page = origin != NULL ? g_strdup (origin->page) : NULL;
    conflict->kept_line = origin != NULL ? origin->line : 0;
    conflict->kept_text = g_strdup (existing);
    conflict->other_page = g_strdup (page->name);
    conflict->other_line = line;
    conflict->other_text = g_strdup (text);
    conflict->diff = st_diff_format (chunks, G_MAXUINT);
    g_ptr_array_add (self->conflicts, conflict);

    {
      /* Translators: how many words a text differs by: "5 words out, 6 in" */
      g_autofree char *words_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word out", "%u words out",
                                                                 deleted),
                                                    deleted);
      g_autofree char *counts = g_strdup_printf (_("%s, %u in"), words_out, inserted);

      if (origin != NULL)
        add_diagnostic (self, page->name, line, ST_DIAGNOSTIC_WARNING,
                        _("%s’s “%s” for %s %u differs from %s:%u (%s); "
                          "the text from %s is kept: %s"),
                        page->respondent->abbreviation, section->heading, item_word (page),
                        page->item->number, origin->page, origin->line, counts,
                        origin->page, short_diff);
      else
        add_diagnostic (self, page->name, line, ST_DIAGNOSTIC_WARNING,
                        _("%s’s “%s” for %s %u differs from the report’s (%s); "
                          "the report’s text is kept: %s"),
                        page->respondent->abbreviation, section->heading, item_word (page),
                        page->item->number, counts, short_diff);
    }
  }
}

static void
close_section (Page *page)
{
  if (page->section == NULL)
    return;

  if (page->text->len > 0)
    {
      store_text (page, page->section, page->section_line, page->text->str);
      page->answer_has_content = TRUE;
    }
  else
    add_diagnostic (page->self, page->name, page->section_line, ST_DIAGNOSTIC_WARNING,
                    _("“%s” has no text under it"), page->section->heading);

  page->section = NULL;
  g_string_truncate (page->text, 0);
  page->last_bullet = FALSE;
}

static void
close_answer (Page *page)
{
  close_section (page);

  if (!page->answer_open)
    return;
  page->answer_open = FALSE;

  if (page->not_applicable)
    return;

  if (!page->answer_has_content)
    {
      add_diagnostic (page->self, page->name, page->answer_line, ST_DIAGNOSTIC_WARNING,
                      _("Nothing from %s for %s %u"),
                      page->respondent->abbreviation, item_word (page), page->item->number);
      return;
    }

  {
    g_autoptr(GString) missing = g_string_new (NULL);
    guint n_missing = 0;

    for (guint i = 0; i < page->item_sections->len; i++)
      {
        const StSection *section = g_ptr_array_index (page->item_sections, i);

        if (g_hash_table_contains (page->seen_sections, section))
          continue;
        if (n_missing++ > 0)
          g_string_append (missing, ", ");
        g_string_append_printf (missing, "“%s”", section->heading);
      }
    if (n_missing > 0)
      add_diagnostic (page->self, page->name, page->answer_line, ST_DIAGNOSTIC_WARNING,
                      g_dngettext (GETTEXT_PACKAGE, "%s has no section %s for %s %u",
                                   "%s has no sections %s for %s %u", n_missing),
                      page->respondent->abbreviation, missing->str,
                      item_word (page), page->item->number);
  }
}

/* Starts the answer of page->respondent to page->item */
static void
open_answer (Page *page,
             guint line)
{
  g_autofree char *key = g_strconcat (page->respondent->id, "\x1f", page->item->id, NULL);

  close_answer (page);

  if (g_hash_table_contains (page->seen_answers, key))
    add_diagnostic (page->self, page->name, line, ST_DIAGNOSTIC_WARNING,
                    _("%s’s answer to %s %u appears a second time on this page"),
                    page->respondent->abbreviation, item_word (page), page->item->number);
  else
    g_hash_table_add (page->seen_answers, g_steal_pointer (&key));

  page->answer_open = TRUE;
  page->answer_line = line;
  page->answer_has_content = FALSE;
  page->not_applicable = FALSE;
  page->last_order = 0;
  g_hash_table_remove_all (page->seen_sections);
}

static void
set_item (Page         *page,
          const StItem *item)
{
  StTemplate *template = page->self->template;
  const char * const *intro;

  page->item = item;
  g_clear_pointer (&page->item_sections, g_ptr_array_unref);
  page->item_sections = st_template_item_sections (template, item, st_report_get_round (page->self->report));

  g_ptr_array_set_size (page->intro, 0);
  intro = st_template_get_layout_lines (template, ST_LAYOUT_ITEM_INTRO);
  for (guint i = 0; intro != NULL && intro[i] != NULL; i++)
    {
      StItem copy = effective_item (page->self, item);

      g_ptr_array_add (page->intro, st_template_expand (template, intro[i], &copy, NULL, NULL));
    }
  page->intro_pos = 0;
}

/* On a template without respondent headings, the one respondent's answer
 * starts with the item */
static void
open_sole_answer (Page  *page,
                  guint  line)
{
  StTemplate *template = page->self->template;

  if (st_template_has_respondent_headings (template))
    return;

  page->respondent = st_template_get_respondent (template, 0);
  page->last_respondent_index = 1;
  page->in_intro = page->intro->len > 0;
  open_answer (page, line);
}

/* The next non-blank line after @index, or NULL */
static const PageLine *
peek_next (Page  *page,
           guint  index)
{
  for (guint i = index + 1; i < page->lines->len; i++)
    {
      const PageLine *line = &g_array_index (page->lines, PageLine, i);
      const char *p = line->text;

      while (g_ascii_isspace (*p))
        p++;
      if (*p != '\0')
        return line;
    }
  return NULL;
}

/* Strips "### " left from Markdown; returns the heading's text or NULL */
static char *
strip_markup (Page       *page,
              const char *text)
{
  g_autoptr(GMatchInfo) info = NULL;

  if (text[0] != '#' || !g_regex_match (page->self->markup_re, text, 0, &info))
    return NULL;
  return g_match_info_fetch (info, 2);
}

/* A section heading: exactly, ignoring case and apostrophes, or by its kind
 * and year ("Progress in 2014"). *how is 0 for exact, 1 folded, 2 by kind. */
static const StSection *
find_section (Page       *page,
              const char *text,
              guint      *how)
{
  StImporter *self = page->self;
  const StSection *section;
  g_autofree char *folded = NULL;
  g_autoptr(GMatchInfo) info = NULL;
  g_auto(GStrv) words = NULL;
  StSectionKind kind = ST_SECTION_KIND_OTHER;
  gboolean has_kind = FALSE;
  int year;

  /* Most lines are sentences, longer than any heading */
  if (strlen (text) > self->longest_heading + 16)
    return NULL;

  if ((section = g_hash_table_lookup (self->section_exact, text)) != NULL)
    {
      *how = 0;
      return section;
    }

  folded = fold (text);
  if ((section = g_hash_table_lookup (self->section_folded, folded)) != NULL)
    {
      *how = 1;
      return section;
    }

  if (!heading_like (text) || count_words (text) > 6 ||
      !g_regex_match (self->year_re, text, 0, &info))
    return NULL;
  {
    g_autofree char *year_text = g_match_info_fetch (info, 0);
    year = atoi (year_text);
  }

  words = g_regex_split_simple ("[^\\p{L}]+", folded, 0, 0);
  for (guint i = 0; words[i] != NULL && !has_kind; i++)
    for (guint k = 0; k < G_N_ELEMENTS (kind_words); k++)
      if (g_str_equal (words[i], kind_words[k].word))
        {
          kind = kind_words[k].kind;
          has_kind = TRUE;
          break;
        }
  if (!has_kind)
    return NULL;

  /* The one section of that kind and year, preferring the item's */
  section = NULL;
  for (guint i = 0; i < st_template_get_n_sections (self->template); i++)
    {
      const StSection *candidate = st_template_get_section (self->template, i);

      if (candidate->kind != kind || candidate->year != year)
        continue;
      if (section != NULL)
        return NULL;
      section = candidate;
    }
  if (section != NULL)
    *how = 2;
  return section;
}

/* "Progress during 2014 BIS set up …": a heading with its first sentence
 * run on. Only for a section not yet seen in this answer, and only when
 * what follows starts like a sentence. */
static const StSection *
find_run_on_section (Page        *page,
                     const char  *text,
                     const char **rest)
{
  g_autofree char *head = NULL;
  g_autofree char *word = NULL;
  const char *space = strchr (text, ' ');
  GPtrArray *candidates;

  if (space == NULL || page->item == NULL || !page->answer_open)
    return NULL;

  head = g_strndup (text, space - text);
  word = fold (head);
  candidates = g_hash_table_lookup (page->self->section_first_word, word);
  if (candidates == NULL)
    return NULL;

  for (guint i = 0; i < candidates->len; i++)
    {
      const StSection *section = g_ptr_array_index (candidates, i);
      gsize len = strlen (section->heading);
      g_autofree char *prefix = NULL;
      const char *after;
      gunichar c;

      if (strlen (text) <= len + 1 || text[len] != ' ')
        continue;
      prefix = g_strndup (text, len);
      if (!fold_equal (prefix, section->heading))
        continue;
      if (g_hash_table_contains (page->seen_sections, section))
        continue;

      after = text + len;
      while (*after == ' ')
        after++;
      c = g_utf8_get_char (after);
      if (!g_unichar_isupper (c) && !g_unichar_isdigit (c) && c != 0x201C && c != 0x2018 && c != '"')
        continue;

      *rest = after;
      return section;
    }
  return NULL;
}

/* Where @section comes among the item's sections, G_MAXUINT if it is not
 * one of them */
static guint
section_order (Page            *page,
               const StSection *section)
{
  guint index;

  return g_ptr_array_find (page->item_sections, section, &index) ? index : G_MAXUINT;
}

static gboolean
is_item_section (Page            *page,
                 const StSection *section)
{
  return section_order (page, section) != G_MAXUINT;
}

/* Section text as CommonMark: paragraphs apart, the bullets of a list not */
static void
append_text (Page           *page,
             const PageLine *line,
             const char     *text,
             gboolean        bullet)
{
  if (page->text->len == 0)
    page->text_line = line->number;
  else
    g_string_append (page->text, bullet && page->last_bullet ? "\n" : "\n\n");
  if (bullet && line->bullet)
    g_string_append (page->text, "- ");
  g_string_append (page->text, text);
  page->last_bullet = bullet;
}

static void
add_text_line (Page           *page,
               const PageLine *line,
               const char     *text,
               gboolean        bullet)
{
  if (page->skip != SKIP_NONE)
    {
      page->skip_last = line->number;
      return;
    }

  if (page->preamble != NULL)
    {
      append_text (page, line, text, bullet);
      return;
    }

  if (!page->answer_open)
    {
      if (page->kind == PAGE_RESPONDENT)
        start_skip (page, SKIP_SECTION, line->number, ST_DIAGNOSTIC_WARNING,
                    _("Text before the first %s heading"), item_word (page));
      else
        start_skip (page, SKIP_SECTION, line->number, ST_DIAGNOSTIC_WARNING,
                    _("Text that belongs to no %s"), respondent_word (page));
      return;
    }

  if (page->section == NULL)
    {
      if (page->not_applicable)
        start_skip (page, SKIP_SECTION, line->number, ST_DIAGNOSTIC_WARNING,
                    _("Text after “%s”"), st_submission_get_not_applicable_reason (
                      st_report_lookup_submission (page->self->report, page->respondent->id, page->item->id)));
      else
        start_skip (page, SKIP_SECTION, line->number, ST_DIAGNOSTIC_WARNING,
                    _("Text before the first section heading for %s"), page->respondent->abbreviation);
      return;
    }

  append_text (page, line, text, bullet);
}

/* Title lines ********************************************************/

static gboolean
try_updated (Page           *page,
             const PageLine *line,
             const char     *text)
{
  StImporter *self = page->self;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *expected = NULL;
  GDate date;

  if (!match_layout (self->updated_re, text, &info))
    return FALSE;

  date_text = g_match_info_fetch_named (info, "date");
  if (date_text == NULL || !st_parse_date (date_text, &date))
    {
      g_autofree char *normal = NULL;

      /* "16 january 2015": month names as published have capitals */
      if (date_text != NULL)
        {
          normal = g_ascii_strdown (date_text, -1);
          for (char *p = normal; *p != '\0'; p++)
            if (g_ascii_isalpha (*p))
              {
                *p = g_ascii_toupper (*p);
                break;
              }
        }
      if (normal == NULL || !st_parse_date (normal, &date))
        {
          add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                          _("The date “%s” is not understood"), date_text != NULL ? date_text : "");
          return TRUE;
        }
    }

  if (page->seen_updated)
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("A second date line (left out)"));
  page->seen_updated = TRUE;

  if (self->updated_page == NULL || !g_date_valid (&self->updated))
    {
      self->updated = date;
      g_free (self->updated_page);
      self->updated_page = g_strdup (page->name);
      st_report_set_updated (self->report, &date);
    }
  else if (g_date_compare (&self->updated, &date) != 0)
    {
      g_autofree char *ours = st_format_date (&date);
      g_autofree char *theirs = st_format_date (&self->updated);

      add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                      _("This page was updated on %s, %s on %s; the later date is kept"),
                      ours, self->updated_page, theirs);
      if (g_date_compare (&date, &self->updated) > 0)
        {
          self->updated = date;
          g_free (self->updated_page);
          self->updated_page = g_strdup (page->name);
          st_report_set_updated (self->report, &date);
        }
    }

  expected = expand (page, ST_LAYOUT_UPDATED, NULL, NULL, &date);
  if (!g_str_equal (expected, text))
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("The date line should read “%s”"), expected);
  return TRUE;
}

/* Takes a title or statement given by a page when it differs from the
 * template's. Returns FALSE when another page already gave a different one. */
static void
learn_title (Page         *page,
             guint         line,
             const StItem *item,
             gboolean      statement,
             const char   *text)
{
  StImporter *self = page->self;
  GHashTable *table = statement ? self->statements : self->titles;
  const char *known = g_hash_table_lookup (table, item->id);
  const char *current = known != NULL ? known : (statement ? item->statement : item->title);
  g_autofree char *key = NULL;
  Origin *origin;

  if (g_str_equal (current, text))
    return;

  key = g_strconcat (statement ? "statement" : "title", "\x1f", item->id, NULL);
  if (known != NULL)
    {
      origin = g_hash_table_lookup (self->override_origin, key);
      add_diagnostic (self, page->name, line, ST_DIAGNOSTIC_WARNING,
                      statement ? _("%s %u’s statement differs from the one on %s:%u, which is kept")
                                : _("%s %u’s title differs from the one on %s:%u, which is kept"),
                      item_word (page), item->number, origin->page, origin->line);
      return;
    }

  g_hash_table_insert (table, g_strdup (item->id), g_strdup (text));
  origin = g_new0 (Origin, 1);
  origin->page = g_intern_string (page->name);
  origin->line = line;
  g_hash_table_insert (self->override_origin, g_steal_pointer (&key), origin);
  add_diagnostic (self, page->name, line, ST_DIAGNOSTIC_INFO,
                  statement ? _("%s %u’s statement is taken from this page: the template had “%s”")
                            : _("%s %u’s title is taken from this page: the template had “%s”"),
                  item_word (page), item->number, statement ? item->statement : item->title);
}

/* Checks a recognised line against what the template would publish */
static void
check_line (Page           *page,
            const PageLine *line,
            gboolean        markup,
            const char     *expected)
{
  if (markup)
    add_diagnostic (page->self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("Heading markup left before “%s”"), expected);
  else if (!g_str_equal (line->text, expected))
    {
      g_autofree char *given = g_strstrip (g_strdup (line->text));

      add_diagnostic (page->self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                      _("“%s” is published as “%s”"), given, expected);
    }
}

/* The whole document's front matter **********************************/

/* The introduction's lines that were not on the page, once */
static void
check_front_intro (Page           *page,
                   const PageLine *line)
{
  const char * const *intro = st_template_get_layout_lines (page->self->template, ST_LAYOUT_DOCUMENT_INTRO);
  guint n_intro = g_strv_length ((char **) intro);

  if (page->front_intro_pos < n_intro)
    add_diagnostic (page->self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("The introduction is incomplete: “%s” is missing"),
                    intro[page->front_intro_pos]);
  page->front_intro_pos = n_intro;
}

static void
close_preamble (Page *page)
{
  StImporter *self = page->self;
  const char *existing;

  if (page->preamble == NULL)
    return;

  existing = st_report_get_preamble_text (self->report, page->preamble->id);
  if (page->text->len == 0)
    add_diagnostic (self, page->name, page->preamble_line, ST_DIAGNOSTIC_WARNING,
                    _("“%s” has no text under it"), page->preamble->heading);
  else if (existing == NULL || *existing == '\0')
    {
      st_report_set_preamble_text (self->report, page->preamble->id, page->text->str);
      self->n_sections++;
    }
  else if (!g_str_equal (existing, page->text->str))
    add_diagnostic (self, page->name, page->preamble_line, ST_DIAGNOSTIC_WARNING,
                    _("“%s” differs from the text the report has, which is kept"),
                    page->preamble->heading);

  page->preamble = NULL;
  g_string_truncate (page->text, 0);
  page->last_bullet = FALSE;
}

/* The first item ends the front matter, heading over the items or not */
static void
end_front_matter (Page           *page,
                  const PageLine *line)
{
  const char *heading = st_template_get_layout (page->self->template, ST_LAYOUT_ITEMS_HEADING);

  if (!page->in_front)
    return;
  close_preamble (page);
  check_front_intro (page, line);
  page->in_front = FALSE;
  if (heading != NULL && *heading != '\0' && !page->seen_items_heading)
    add_diagnostic (page->self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("The heading “%s” is missing before the first %s"),
                    heading, item_word (page));
}

/* The introduction, the preamble sections' headings and the heading over
 * the items, before the first item of the whole document */
static gboolean
try_front_matter (Page           *page,
                  const PageLine *line,
                  const char     *text,
                  gboolean        markup)
{
  StImporter *self = page->self;
  StTemplate *template = self->template;
  const char * const *intro = st_template_get_layout_lines (template, ST_LAYOUT_DOCUMENT_INTRO);
  const char *items_heading = st_template_get_layout (template, ST_LAYOUT_ITEMS_HEADING);

  if (!page->in_front)
    return FALSE;

  for (guint i = page->front_intro_pos; page->preamble == NULL && intro[i] != NULL; i++)
    {
      g_autofree char *expected = st_template_expand (template, intro[i], NULL, NULL,
                                                      g_date_valid (&self->updated) ? &self->updated : NULL);

      if (!fold_equal (text, expected))
        continue;
      if (i > page->front_intro_pos)
        add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                        _("The introduction is incomplete: “%s” is missing"),
                        intro[page->front_intro_pos]);
      page->front_intro_pos = i + 1;
      end_skip (page);
      check_line (page, line, markup, expected);
      return TRUE;
    }

  for (guint i = 0; i < st_template_get_n_preamble (template); i++)
    {
      const StSection *section = st_template_get_preamble (template, i);

      if (!fold_equal (text, section->heading))
        continue;
      end_skip (page);
      close_preamble (page);
      check_front_intro (page, line);
      check_line (page, line, markup, section->heading);
      page->preamble = section;
      page->preamble_line = line->number;
      return TRUE;
    }

  if (items_heading != NULL && *items_heading != '\0' && fold_equal (text, items_heading))
    {
      end_skip (page);
      close_preamble (page);
      check_front_intro (page, line);
      check_line (page, line, markup, items_heading);
      page->seen_items_heading = TRUE;
      page->in_front = FALSE;
      return TRUE;
    }
  return FALSE;
}

/* Item and respondent headings ***************************************/

/* Whether the line after @index is one the template fixes: a section
 * heading, an item's note or a date */
static gboolean
next_is_structure (Page  *page,
                   guint  index)
{
  const PageLine *next = peek_next (page, index);
  g_autofree char *stripped = NULL;
  guint how;

  if (next == NULL)
    return FALSE;
  if (next->level > 0)
    return TRUE;
  stripped = g_strstrip (g_strdup (next->text));
  if (find_section (page, stripped, &how) != NULL)
    return TRUE;
  for (guint i = 0; i < st_template_get_n_items (page->self->template); i++)
    {
      const StItem *item = st_template_get_item (page->self->template, i);

      if (item->note != NULL && fold_equal (item->note, stripped))
        return TRUE;
    }
  if (page->self->not_applicable_re != NULL &&
      g_regex_match (page->self->not_applicable_re, stripped, 0, NULL))
    return TRUE;
  return FALSE;
}

static gboolean
try_item_heading (Page           *page,
                  guint           index,
                  const PageLine *line,
                  const char     *text,
                  gboolean        markup)
{
  StImporter *self = page->self;
  const char *key = page->kind == PAGE_RESPONDENT ? ST_LAYOUT_RESPONDENT_ITEM_HEADING : ST_LAYOUT_ITEM_TITLE;
  const char *layout = st_template_get_layout (self->template, key);
  gboolean statement = layout != NULL && strstr (layout, "{statement}") != NULL;
  GRegex *regex = page->kind == PAGE_RESPONDENT ? self->respondent_item_re : self->item_title_re;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *number_text = NULL;
  g_autofree char *given = NULL;
  g_autofree char *expected = NULL;
  const StItem *item;
  StItem known;

  if (page->kind == PAGE_ITEM || !match_layout (regex, text, &info))
    return FALSE;

  number_text = g_match_info_fetch_named (info, "number");
  given = g_match_info_fetch_named (info, statement ? "statement" : "title");
  if (given == NULL || *given == '\0')
    given = g_match_info_fetch_named (info, statement ? "title" : "statement");
  item = number_text != NULL ? st_template_find_item_by_number (self->template, atoi (number_text)) : NULL;

  if (item == NULL)
    {
      /* Text that starts like a heading is a heading only if structure follows */
      if (line->level <= 0 && !markup && !next_is_structure (page, index))
        return FALSE;
      close_answer (page);
      page->item = NULL;
      start_skip (page, SKIP_ITEM, line->number, ST_DIAGNOSTIC_ERROR,
                  _("The template has no %s %s"), item_word (page),
                  number_text != NULL ? number_text : "");
      return TRUE;
    }

  known = effective_item (self, item);
  if (given != NULL && *given != '\0' &&
      !fold_equal (given, statement ? known.statement : known.title))
    {
      if (line->level <= 0 && !markup && !next_is_structure (page, index))
        return FALSE;
      learn_title (page, line->number, item, statement, given);
    }

  end_skip (page);
  close_answer (page);
  end_front_matter (page, line);

  if (page->last_item_index > item->index + 1)
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("%s %u is out of the template’s order"), item_word (page), item->number);
  page->last_item_index = MAX (page->last_item_index, item->index + 1);

  set_item (page, item);
  expected = expand (page, key, item, page->respondent, NULL);
  check_line (page, line, markup, expected);

  if (page->kind == PAGE_RESPONDENT)
    open_answer (page, line->number);
  else
    {
      page->respondent = NULL;
      page->last_respondent_index = 0;
      page->in_intro = TRUE;
      open_sole_answer (page, line->number);
    }
  return TRUE;
}

/* A respondent by name, abbreviation or variant, ignoring case */
static const StRespondent *
match_respondent (StImporter *self,
                  const char *text)
{
  g_autofree char *folded = fold (text);

  return g_hash_table_lookup (self->respondent_folded, folded);
}

/* "Foreign and Commonwealth Office’s" → the FCO */
static const StRespondent *
match_possessive (StImporter *self,
                  const char *text)
{
  static const char * const endings[] = { "’s", "'s", "’", "'" };

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      if (g_str_has_suffix (text, endings[i]))
        {
          g_autofree char *base = g_strndup (text, strlen (text) - strlen (endings[i]));

          return match_respondent (self, base);
        }
    }
  return NULL;
}

static gboolean
try_respondent_heading (Page           *page,
                        guint           index,
                        const PageLine *line,
                        const char     *text,
                        gboolean        markup)
{
  StImporter *self = page->self;
  const StRespondent *respondent;

  if (page->kind == PAGE_RESPONDENT || page->item == NULL || strlen (text) > 120 ||
      (line->level <= 0 && !heading_like (text)))
    return FALSE;

  /* Section headings are the most common short lines */
  if (strlen (text) <= self->longest_heading && g_hash_table_contains (self->section_exact, text))
    return FALSE;

  respondent = g_hash_table_lookup (self->respondent_names, text);
  if (respondent == NULL)
    respondent = match_respondent (self, text);
  if (respondent == NULL)
    respondent = match_possessive (self, text);

  if (respondent == NULL)
    {
      const PageLine *next;
      g_autofree char *next_text = NULL;
      const StSection *section = NULL;
      guint how = 0;

      /* A name the template lacks: a short line followed by a section
       * heading that starts a new answer */
      if (!heading_like (text) || (next = peek_next (page, index)) == NULL)
        return FALSE;
      if (line->level < 0 || line->level == 0)
        {
          next_text = g_strstrip (g_strdup (next->text));
          section = find_section (page, next_text, &how);
          if (section == NULL || how == 2)
            return FALSE;
          if (page->answer_open && !g_hash_table_contains (page->seen_sections, section) &&
              section_order (page, section) + 1 > page->last_order)
            return FALSE;
        }
      else if (line->level != (page->kind == PAGE_WHOLE ? 3 : 2))
        return FALSE;

      close_answer (page);
      page->respondent = NULL;
      start_skip (page, SKIP_RESPONDENT, line->number, ST_DIAGNOSTIC_ERROR,
                  _("The template has no %s “%s”"), respondent_word (page), text);
      return TRUE;
    }

  if (page->skip == SKIP_ITEM)
    {
      page->skip_last = line->number;
      return TRUE;
    }
  end_skip (page);
  close_answer (page);

  if (page->in_intro && page->intro_pos < page->intro->len)
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("The introduction is incomplete: “%s” is missing"),
                    (const char *) g_ptr_array_index (page->intro, page->intro_pos));
  page->in_intro = FALSE;

  page->respondent = respondent;
  if (page->last_respondent_index > respondent->index + 1)
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("%s is out of the template’s order"), respondent->name);
  page->last_respondent_index = MAX (page->last_respondent_index, respondent->index + 1);

  check_line (page, line, markup, respondent->name);
  open_answer (page, line->number);
  return TRUE;
}

static gboolean
try_note (Page           *page,
          const PageLine *line,
          const char     *text)
{
  if (page->item == NULL || page->item->note == NULL || page->section != NULL ||
      !fold_equal (text, page->item->note))
    return FALSE;

  if (page->kind == PAGE_ITEM)
    add_diagnostic (page->self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("The note on %s %u is not part of its own page (left out)"),
                    item_word (page), page->item->number);
  else if (!g_str_equal (text, page->item->note))
    add_diagnostic (page->self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("The note on %s %u is published as “%s”"),
                    item_word (page), page->item->number, page->item->note);
  return TRUE;
}

static gboolean
try_not_applicable (Page           *page,
                    const PageLine *line,
                    const char     *text)
{
  StImporter *self = page->self;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *who = NULL;
  StSubmission *submission;

  if (!page->answer_open || page->section != NULL || page->skip != SKIP_NONE ||
      !match_layout (self->not_applicable_re, text, &info))
    return FALSE;

  who = g_match_info_fetch_named (info, "abbreviation");
  if (who == NULL || *who == '\0')
    {
      g_free (who);
      who = g_match_info_fetch_named (info, "name");
    }
  if (who != NULL && *who != '\0' &&
      match_respondent (self, who) != page->respondent)
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("“%s” is under %s"), text, page->respondent->name);

  submission = st_report_ensure_submission (self->report, page->respondent->id, page->item->id);
  if (st_submission_get_not_applicable (submission) &&
      g_strcmp0 (st_submission_get_not_applicable_reason (submission), text) != 0)
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("%s gave another reason elsewhere, which is kept"),
                    page->respondent->abbreviation);
  else
    st_submission_set_not_applicable (submission, text);
  page->not_applicable = TRUE;
  return TRUE;
}

static gboolean
try_section_heading (Page           *page,
                     guint           index,
                     const PageLine *line,
                     const char     *text,
                     gboolean        markup)
{
  StImporter *self = page->self;
  const StSection *section;
  const char *rest = NULL;
  guint how = 0;
  guint order;

  section = find_section (page, text, &how);
  if (section == NULL && line->level != 0)
    section = find_run_on_section (page, text, &rest);

  if (section == NULL)
    {
      /* A heading the template does not have: "Challenges in 2014" */
      gboolean looks = FALSE;

      if (line->level >= 3 || (line->level == 2 && page->kind == PAGE_RESPONDENT))
        looks = TRUE;
      else if (line->level < 0 && heading_like (text) && count_words (text) <= 8 &&
               g_regex_match (self->year_re, text, 0, NULL))
        looks = TRUE;
      if (!looks || !page->answer_open)
        return FALSE;
      close_section (page);
      if (page->skip >= SKIP_RESPONDENT)
        {
          page->skip_last = line->number;
          return TRUE;
        }
      start_skip (page, SKIP_SECTION, line->number, ST_DIAGNOSTIC_WARNING,
                  _("The template has no section “%s”"), text);
      return TRUE;
    }

  if (page->skip >= SKIP_RESPONDENT)
    {
      page->skip_last = line->number;
      return TRUE;
    }

  if (!page->answer_open)
    {
      start_skip (page, SKIP_SECTION, line->number, ST_DIAGNOSTIC_WARNING,
                  page->kind == PAGE_RESPONDENT ? _("“%s” comes before any %s heading")
                                                : _("“%s” comes before any %s"),
                  text, page->kind == PAGE_RESPONDENT ? item_word (page) : respondent_word (page));
      return TRUE;
    }

  end_skip (page);
  close_section (page);
  page->in_intro = FALSE;

  if (!is_item_section (page, section))
    {
      start_skip (page, SKIP_SECTION, line->number, ST_DIAGNOSTIC_WARNING,
                  _("%s %u is not reported on in “%s”"), item_word (page),
                  page->item->number, section->heading);
      return TRUE;
    }

  if (markup)
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("Heading markup left before “%s”"), section->heading);
  else if (rest != NULL)
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("Text runs on after the heading “%s” on the same line"), section->heading);
  else if (how == 1)
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("“%s” is published as “%s”"), text, section->heading);
  else if (how == 2)
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("“%s” is taken as “%s”"), text, section->heading);
  else if (!g_str_equal (line->text, section->heading))
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("White space around the heading “%s”"), section->heading);

  order = section_order (page, section);
  if (g_hash_table_contains (page->seen_sections, section))
    ; /* store_text() reports it and joins the texts */
  else if (order + 1 < page->last_order)
    add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                    _("“%s” is out of the template’s order"), section->heading);
  page->last_order = MAX (page->last_order, order + 1);
  g_hash_table_add (page->seen_sections, (gpointer) section);

  page->section = section;
  page->section_line = line->number;
  g_string_truncate (page->text, 0);
  page->last_bullet = FALSE;

  if (rest != NULL)
    {
      PageLine run_on = *line;

      run_on.bullet = FALSE;
      add_text_line (page, &run_on, rest, FALSE);
    }
  return TRUE;
}

/* The fixed sentences after an item's title */
static gboolean
try_intro (Page           *page,
           const PageLine *line,
           const char     *text)
{
  StImporter *self = page->self;
  GPtrArray *intro = page->intro;

  if (!page->in_intro)
    return FALSE;

  for (guint i = page->intro_pos; i < intro->len; i++)
    {
      const char *expected = g_ptr_array_index (intro, i);

      if (fold_equal (text, expected))
        {
          if (i > page->intro_pos)
            add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                            _("The introduction is incomplete: “%s” is missing"),
                            (const char *) g_ptr_array_index (intro, page->intro_pos));
          else if (!g_str_equal (line->text, expected))
            add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                            _("The introduction is published as “%s”"), expected);
          page->intro_pos = i + 1;
          return TRUE;
        }
    }

  /* Sentences run together on one line, with or without a space */
  for (const char *joiner = " "; joiner != NULL; joiner = *joiner != '\0' ? "" : NULL)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = page->intro_pos; i < intro->len; i++)
        {
          if (i > page->intro_pos)
            g_string_append (joined, joiner);
          g_string_append (joined, g_ptr_array_index (intro, i));
          if (i > page->intro_pos && fold_equal (text, joined->str))
            {
              add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u sentence of the introduction runs together on one line",
                                           "%u sentences of the introduction run together on one line",
                                           i - page->intro_pos + 1),
                              i - page->intro_pos + 1);
              page->intro_pos = i + 1;
              return TRUE;
            }
        }
    }

  start_skip (page, SKIP_SECTION, line->number, ST_DIAGNOSTIC_WARNING,
              _("Text before the first %s"), respondent_word (page));
  return TRUE;
}

/* Page kinds *********************************************************/

static gboolean
read_title (Page      *page,
            guint      index,
            GError   **error)
{
  StImporter *self = page->self;
  StTemplate *template = self->template;
  const PageLine *line = &g_array_index (page->lines, PageLine, index);
  g_autofree char *stripped = g_strstrip (g_strdup (line->text));
  g_autofree char *markup_text = strip_markup (page, stripped);
  const char *text = markup_text != NULL ? markup_text : stripped;
  g_autoptr(GMatchInfo) info = NULL;
  g_autoptr(GMatchInfo) respondent_info = NULL;
  g_autofree char *expected = NULL;
  const char *document_title = st_template_get_layout (template, ST_LAYOUT_DOCUMENT_TITLE);
  const char *respondent_title = st_template_get_layout (template, ST_LAYOUT_RESPONDENT_TITLE);
  g_autofree char *message = NULL;

  page->title = g_strdup (text);

  if (match_layout (self->item_title_re, text, &info))
    {
      g_autofree char *number = g_match_info_fetch_named (info, "number");
      g_autofree char *given = g_match_info_fetch_named (info, "title");
      const StItem *item = number != NULL ? st_template_find_item_by_number (template, atoi (number)) : NULL;

      if (item == NULL)
        {
          message = g_strdup_printf (_("The page is about %s %s, which the template does not have"),
                                     item_word (page), number != NULL ? number : "");
          goto fail;
        }
      page->kind = PAGE_ITEM;
      if (given != NULL && *given != '\0')
        learn_title (page, line->number, item, FALSE, given);
      set_item (page, item);
      page->in_intro = TRUE;
      open_sole_answer (page, line->number);
      expected = expand (page, ST_LAYOUT_ITEM_TITLE, item, NULL, NULL);
    }
  else if (respondent_title != NULL && strchr (respondent_title, '{') != NULL &&
           match_layout (self->respondent_title_re, text, &respondent_info))
    {
      g_autofree char *who = g_match_info_fetch_named (respondent_info, "abbreviation");
      const StRespondent *respondent;

      if (who == NULL || *who == '\0')
        {
          g_free (who);
          who = g_match_info_fetch_named (respondent_info, "name");
        }
      respondent = who != NULL ? match_respondent (self, who) : NULL;
      if (respondent == NULL && who != NULL)
        respondent = match_possessive (self, who);
      if (respondent == NULL)
        {
          message = g_strdup_printf (_("The page is about %s “%s”, which the template does not have"),
                                     respondent_word (page), who != NULL ? who : "");
          goto fail;
        }
      page->kind = PAGE_RESPONDENT;
      page->respondent = respondent;
      expected = expand (page, ST_LAYOUT_RESPONDENT_TITLE, NULL, respondent, NULL);
    }
  else if (document_title != NULL && fold_equal (text, document_title))
    {
      page->kind = PAGE_WHOLE;
      expected = g_strdup (document_title);
    }
  else if (respondent_title != NULL && fold_equal (text, respondent_title) &&
           st_template_get_n_respondents (template) == 1)
    {
      page->kind = PAGE_RESPONDENT;
      page->respondent = st_template_get_respondent (template, 0);
      expected = g_strdup (respondent_title);
    }
  else
    {
      const char *whole = document_title != NULL ? document_title : st_template_get_title (template);
      const char *item_title = st_template_get_layout (template, ST_LAYOUT_ITEM_TITLE);
      g_autofree char *example = NULL;

      /* What a title looks like: "Action 1: …" */
      if (item_title != NULL && st_template_get_n_items (template) > 0)
        {
          StItem sketch = *st_template_get_item (template, 0);

          sketch.title = sketch.statement = (char *) "…";
          example = st_template_expand (template, item_title, &sketch, NULL, NULL);
        }
      if (example != NULL)
        message = g_strdup_printf (_("This is not a published page of “%s”: “%s” is not the title "
                                     "of any of its pages, which read like “%s” or “%s”"),
                                   st_template_get_title (template), text, example, whole);
      else
        message = g_strdup_printf (_("This is not a published page of “%s”: “%s” is not the title "
                                     "of any of its pages, such as “%s”"),
                                   st_template_get_title (template), text, whole);
      goto fail;
    }

  check_line (page, line, markup_text != NULL, expected);
  return TRUE;

fail:
  add_diagnostic (self, page->name, line->number, ST_DIAGNOSTIC_ERROR, "%s", message);
  g_set_error (error, ST_ERROR, ST_ERROR_REFUSED, "%s:%u: %s", page->name, line->number, message);
  return FALSE;
}

/* The text of a bullet written with the layout's mark ("• text"), or NULL */
static const char *
bullet_body (StImporter *self,
             const char *stripped)
{
  const char *body;

  if (self->bullet_mark == NULL || !g_str_has_prefix (stripped, self->bullet_mark))
    return NULL;
  body = stripped + strlen (self->bullet_mark);
  if (*body != ' ' && *body != '\t')
    return NULL;
  while (*body == ' ' || *body == '\t')
    body++;
  return *body != '\0' ? body : NULL;
}

static void
read_line (Page  *page,
           guint  index)
{
  const PageLine *line = &g_array_index (page->lines, PageLine, index);
  g_autofree char *stripped = g_strstrip (g_strdup (line->text));
  g_autofree char *markup_text = NULL;
  g_autofree char *marked = NULL;
  const char *text;
  const char *body;
  gboolean bullet;

  if (*stripped == '\0')
    return;

  if (line->level < 0)
    markup_text = strip_markup (page, stripped);
  text = markup_text != NULL ? markup_text : stripped;
  bullet = line->bullet || (line->level < 0 && g_str_has_prefix (line->text, "- "));
  if (!bullet && line->level < 0 && (body = bullet_body (page->self, stripped)) != NULL)
    {
      /* Kept as CommonMark, as any bullet is */
      marked = g_strconcat ("- ", body, NULL);
      bullet = TRUE;
    }
  if (bullet && line->level < 0 && !page->seen_other_bullet &&
      !g_str_has_prefix (line->text, st_template_get_text_bullet (page->self->template)))
    {
      /* Read all the same, but the text export will write them otherwise */
      add_diagnostic (page->self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                      _("Bullets on this page are not written “%s” as the template writes them"),
                      st_template_get_text_bullet (page->self->template));
      page->seen_other_bullet = TRUE;
    }

  if (!bullet && line->level != 0 && fold_equal (text, page->title))
    {
      add_diagnostic (page->self, page->name, line->number, ST_DIAGNOSTIC_WARNING,
                      _("The title is repeated (left out)"));
      return;
    }

  if (!bullet)
    {
      if (line->level <= 0 && try_updated (page, line, text))
        return;
      if (try_front_matter (page, line, text, markup_text != NULL))
        return;
      if (try_item_heading (page, index, line, text, markup_text != NULL))
        return;
      if (try_respondent_heading (page, index, line, text, markup_text != NULL))
        return;
      if (line->level <= 0 && try_note (page, line, text))
        return;
      if (line->level <= 0 && try_not_applicable (page, line, text))
        return;
      if (try_section_heading (page, index, line, text, markup_text != NULL))
        return;
      if (page->skip == SKIP_NONE && try_intro (page, line, text))
        return;
    }
  else if (page->skip == SKIP_NONE && page->in_intro)
    {
      try_intro (page, line, text);
      return;
    }

  /* Markup that is no heading stays text, as written */
  add_text_line (page, line, marked != NULL ? marked : line->level < 0 ? line->text : text, bullet);
}

/* The index of the first line from @index on that is not blank */
static guint
next_filled (GArray *lines,
             guint   index)
{
  for (; index < lines->len; index++)
    {
      const char *p = g_array_index (lines, PageLine, index).text;

      while (g_ascii_isspace (*p))
        p++;
      if (*p != '\0')
        break;
    }
  return index;
}

static gboolean
read_page (StImporter  *self,
           const char  *name,
           GArray      *lines,
           GError     **error)
{
  Page page = { 0 };
  gboolean ok = FALSE;
  const char *document_type = st_template_get_layout (self->template, ST_LAYOUT_DOCUMENT_TYPE);
  guint type_line = G_MAXUINT;
  guint first;

  page.self = self;
  page.name = name;
  page.lines = lines;
  page.text = g_string_new (NULL);
  page.intro = g_ptr_array_new_with_free_func (g_free);
  page.seen_sections = g_hash_table_new (NULL, NULL);
  page.seen_answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  first = next_filled (lines, 0);
  if (first == lines->len)
    {
      add_diagnostic (self, name, 0, ST_DIAGNOSTIC_ERROR, _("The page is empty"));
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED, _("%s: the page is empty"), name);
      goto out;
    }

  /* GOV.UK's document type ("Transparency data") above the title */
  if (document_type != NULL && *document_type != '\0')
    {
      g_autofree char *stripped = g_strstrip (g_strdup (g_array_index (lines, PageLine, first).text));

      if (fold_equal (stripped, document_type))
        {
          type_line = first;
          first = next_filled (lines, first + 1);
          if (first == lines->len)
            {
              guint number = g_array_index (lines, PageLine, type_line).number;

              add_diagnostic (self, name, number, ST_DIAGNOSTIC_ERROR,
                              _("The page has no title after “%s”"), document_type);
              g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                           _("%s:%u: the page has no title after “%s”"), name, number, document_type);
              goto out;
            }
        }
    }

  if (!read_title (&page, first, error))
    goto out;

  self->n_pages++;
  if (page.kind == PAGE_RESPONDENT)
    page.item = NULL;
  page.in_front = page.kind == PAGE_WHOLE;

  if (type_line != G_MAXUINT)
    check_line (&page, &g_array_index (lines, PageLine, type_line), FALSE, document_type);
  else if (document_type != NULL && *document_type != '\0')
    add_diagnostic (self, name, g_array_index (lines, PageLine, first).number, ST_DIAGNOSTIC_WARNING,
                    _("The page has no “%s” line above its title"), document_type);

  for (guint i = first + 1; i < lines->len; i++)
    read_line (&page, i);

  close_preamble (&page);
  close_answer (&page);
  end_skip (&page);

  if (!page.seen_updated)
    add_diagnostic (self, name, g_array_index (lines, PageLine, first).number, ST_DIAGNOSTIC_WARNING,
                    _("The page has no “%s” line"),
                    st_template_get_layout (self->template, ST_LAYOUT_UPDATED));
  ok = TRUE;

out:
  g_string_free (page.text, TRUE);
  g_ptr_array_unref (page.intro);
  g_hash_table_unref (page.seen_sections);
  g_hash_table_unref (page.seen_answers);
  g_clear_pointer (&page.item_sections, g_ptr_array_unref);
  g_free (page.title);
  g_free (page.skip_message);
  return ok;
}

/* Text pages *********************************************************/

static gboolean
check_text (StImporter  *self,
            const char  *name,
            const char  *text,
            gsize        length,
            GError     **error)
{
  const char *end;
  guint line = 1;

  if (g_utf8_validate_len (text, length, &end))
    return TRUE;

  for (const char *p = text; p < end; p++)
    if (*p == '\n')
      line++;
  add_diagnostic (self, name, line, ST_DIAGNOSTIC_ERROR,
                  _("The page is not UTF-8 text (byte %lu)"),
                  (unsigned long) (end - text) + 1);
  g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
               _("%s:%u: the page is not UTF-8 text"), name, line);
  return FALSE;
}

gboolean
st_importer_add_text_page (StImporter  *self,
                           const char  *page_name,
                           const char  *text,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(GArray) lines = NULL;
  const char *p, *end;
  guint number = 1;

  g_return_val_if_fail (ST_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (page_name != NULL, FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";
  if (length < 0)
    length = strlen (text);
  if (!check_text (self, page_name, text, length, error))
    return FALSE;

  p = text;
  end = text + length;
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  lines = g_array_new (FALSE, TRUE, sizeof (PageLine));
  g_array_set_clear_func (lines, (GDestroyNotify) page_line_clear);
  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *stop = eol != NULL ? eol : end;
      PageLine line = { number++, NULL, -1, FALSE };

      if (stop > p && stop[-1] == '\r')
        stop--;
      line.text = g_strndup (p, stop - p);
      g_array_append_val (lines, line);
      if (eol == NULL)
        break;
      p = eol + 1;
    }

  return read_page (self, page_name, lines, error);
}

/* HTML pages *********************************************************/

/* The text of an element as a browser shows it: runs of white space that
 * hold a line break become one space, and the ends are trimmed */
static char *
element_text (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  GString *out = g_string_new (NULL);

  for (const char *p = (const char *) content; p != NULL && *p != '\0';)
    {
      if (g_ascii_isspace (*p))
        {
          const char *start = p;
          gboolean newline = FALSE;

          while (g_ascii_isspace (*p))
            newline |= (*p == '\n' || *p == '\r'), p++;
          if (newline || *p == '\0' || out->len == 0)
            {
              if (out->len > 0 && *p != '\0')
                g_string_append_c (out, ' ');
            }
          else
            g_string_append_len (out, start, p - start);
          continue;
        }
      g_string_append_c (out, *p++);
    }
  xmlFree (content);
  return g_string_free (out, FALSE);
}

static void
collect_html (xmlNodePtr  node,
              GArray     *lines)
{
  for (; node != NULL; node = node->next)
    {
      const char *name = (const char *) node->name;
      PageLine line = { 0 };

      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (g_ascii_strcasecmp (name, "nav") == 0 || g_ascii_strcasecmp (name, "script") == 0 ||
          g_ascii_strcasecmp (name, "style") == 0 || g_ascii_strcasecmp (name, "head") == 0 ||
          g_ascii_strcasecmp (name, "template") == 0 || g_ascii_strcasecmp (name, "noscript") == 0)
        continue;

      if (strlen (name) == 2 && g_ascii_tolower (name[0]) == 'h' && name[1] >= '1' && name[1] <= '6')
        line.level = name[1] - '0';
      else if (g_ascii_strcasecmp (name, "p") == 0)
        line.level = 0;
      else if (g_ascii_strcasecmp (name, "li") == 0)
        {
          line.level = 0;
          line.bullet = TRUE;
        }
      else
        {
          collect_html (node->children, lines);
          continue;
        }

      line.number = xmlGetLineNo (node) > 0 ? (guint) xmlGetLineNo (node) : 0;
      line.text = element_text (node);
      g_array_append_val (lines, line);

      /* A list inside a list item: its items follow as bullets */
      if (line.bullet)
        for (xmlNodePtr child = node->children; child != NULL; child = child->next)
          if (child->type == XML_ELEMENT_NODE &&
              (g_ascii_strcasecmp ((const char *) child->name, "ul") == 0 ||
               g_ascii_strcasecmp ((const char *) child->name, "ol") == 0))
            collect_html (child->children, lines);
    }
}

gboolean
st_importer_add_html_page (StImporter  *self,
                           const char  *page_name,
                           const char  *html,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(GArray) lines = NULL;
  htmlDocPtr doc;
  xmlNodePtr root;

  g_return_val_if_fail (ST_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (page_name != NULL, FALSE);
  g_return_val_if_fail (html != NULL || length == 0, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (html == NULL)
    html = "";
  if (length < 0)
    length = strlen (html);
  if (!check_text (self, page_name, html, length, error))
    return FALSE;

  lines = g_array_new (FALSE, TRUE, sizeof (PageLine));
  g_array_set_clear_func (lines, (GDestroyNotify) page_line_clear);

  doc = length > 0 ? htmlReadMemory (html, length, page_name, "UTF-8",
                                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                     HTML_PARSE_NOWARNING | HTML_PARSE_NONET)
                   : NULL;
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root != NULL)
    collect_html (root, lines);
  if (doc != NULL)
    xmlFreeDoc (doc);

  return read_page (self, page_name, lines, error);
}

/* Finishing **********************************************************/

StReport *
st_importer_finish (StImporter *self)
{
  g_autoptr(StTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *data = NULL;
  GHashTableIter iter;
  gpointer key, value;
  JsonObject *object;
  StReport *report;
  gsize length;

  g_return_val_if_fail (ST_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (!self->finished, NULL);

  self->finished = TRUE;

  if (g_hash_table_size (self->titles) == 0 && g_hash_table_size (self->statements) == 0)
    return g_object_ref (self->report);

  /* Titles learnt from pages make a new template, and so a new report */
  template = g_object_ref (self->template);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_hash_table_iter_init (&iter, pass == 0 ? self->titles : self->statements);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          StTemplate *next = st_template_new_with_item_titles (template, key,
                                                               pass == 0 ? value : NULL,
                                                               pass == 1 ? value : NULL,
                                                               &error);

          g_assert_no_error (error);
          g_set_object (&template, next);
          g_object_unref (next);
        }
    }

  node = st_report_to_json (self->report);
  object = json_node_get_object (node);
  json_object_set_member (object, "template", st_template_to_json (template));
  data = json_to_string (node, FALSE);
  length = strlen (data);

  report = st_report_new_from_data (data, length, NULL, &error);
  if (report == NULL)
    {
      /* Cannot happen for a report this build wrote; keep what there is */
      g_critical ("Cannot apply the titles taken from pages: %s", error->message);
      return g_object_ref (self->report);
    }
  return report;
}
