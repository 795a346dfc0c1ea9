/* test-pdf-writer.c: documents laid out on pages, as PDF
 *
 * The PDF is read back with poppler's tools (pdftotext, pdffonts, pdfinfo,
 * pdftohtml); a test whose tool is missing skips.
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "stocktake-core.h"

static const char *sentences[] = {
  "The department has a digital leader on its executive board.",
  "A digital governance group brings delivery and subject matter expertise together.",
  "Agencies with high-volume transactional services have appointed digital leaders.",
  "The team will publish its digital services roadmap and report progress each quarter.",
  "Staff across the department were offered training in user research and agile delivery.",
  "It upgraded technology platforms and the equipment available to staff.",
};

/* A paragraph of @n sentences, different for each @seed */
static char *
paragraph (guint seed,
           guint n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "",
                            sentences[(seed * 7 + i) % G_N_ELEMENTS (sentences)]);
  return g_string_free (text, FALSE);
}

/* Actions with departments and sections: several pages */
static StDocument *
long_document (guint n_actions)
{
  g_autoptr(GDate) updated = g_date_new_dmy (16, G_DATE_JANUARY, 2015);
  StDocument *document = st_document_new ("all", "Digital strategy: the consolidated update", updated);
  static const char *departments[] = { "Cabinet Office", "Department for Education", "HM Treasury" };

  st_document_append (document, ST_BLOCK_HEADING, 1, "Digital strategy: the consolidated update", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_META, 0, "Updated 16 January 2015", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_CONTENTS, 0, NULL, NULL, NULL, NULL, NULL);
  for (guint a = 1; a <= n_actions; a++)
    {
      g_autofree char *title = g_strdup_printf ("Action %u: make digital services so good that people prefer them", a);

      st_document_append (document, ST_BLOCK_HEADING, 2, title, NULL, NULL, NULL, NULL);
      if (a == 2)
        st_document_append (document, ST_BLOCK_NOTE, 0, "Action 2 was added in December 2013.", NULL, NULL, NULL, NULL);
      st_document_append (document, ST_BLOCK_PARAGRAPH, 0, "This action forms part of the Government Digital Strategy.", NULL, NULL, NULL, NULL);
      for (guint d = 0; d < G_N_ELEMENTS (departments); d++)
        {
          g_autofree char *progress = paragraph (a + d, 2 + (a * 3 + d) % 5);
          g_autofree char *plan = paragraph (a * d, 1 + (a + d) % 3);

          st_document_append (document, ST_BLOCK_HEADING, 3, departments[d], NULL, NULL, NULL, NULL);
          st_document_append (document, ST_BLOCK_HEADING, 4, "Progress during 2014", NULL, NULL, NULL, NULL);
          st_document_append (document, ST_BLOCK_PARAGRAPH, 0, progress, NULL, NULL, NULL, NULL);
          st_document_append (document, ST_BLOCK_BULLET, 0, "a Digital Leaders Forum that meets each month", NULL, NULL, NULL, NULL);
          st_document_append (document, ST_BLOCK_BULLET, 0, "a Directors Group for those with digital responsibilities", NULL, NULL, NULL, NULL);
          st_document_append (document, ST_BLOCK_HEADING, 4, "Planned activities in 2015", NULL, NULL, NULL, NULL);
          st_document_append (document, ST_BLOCK_PARAGRAPH, 0, plan, NULL, NULL, NULL, NULL);
        }
    }
  return document;
}

/* Running poppler's tools */

static char *
tool (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s (poppler-utils) is not installed", name);

      g_test_skip (message);
    }
  return path;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

typedef struct {
  char *dir;
  char *pdf;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->pdf = g_build_filename (fixture->dir, "update.pdf", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->pdf);
  g_free (fixture->dir);
}

static void
write_pdf (StDocument *document,
           const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (st_export_pdf_to_file (document, path, &error));
  g_assert_no_error (error);
}

/* The text of a PDF (or of one page of it, from 1) as laid out, every run
 * of white space one space */
static char *
pdf_text (const char *path,
          guint       page)
{
  g_autofree char *pdftotext = tool ("pdftotext");
  g_autofree char *out = NULL;
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_auto(GStrv) words = NULL;
  GString *text;

  if (pdftotext == NULL)
    return NULL;
  if (page > 0)
    {
      const char *argv[] = { pdftotext, "-layout", "-f", number, "-l", number, path, "-", NULL };

      out = run (argv);
    }
  else
    {
      const char *argv[] = { pdftotext, "-layout", path, "-", NULL };

      out = run (argv);
    }

  words = g_strsplit_set (out, " \n\t\f", -1);
  text = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", words[i]);
  return g_string_free (text, FALSE);
}

/* Every block's text is there, in order */
static void
assert_blocks_in_order (StDocument *document,
                        const char *text)
{
  const char *position = text;

  for (guint i = 0; i < st_document_get_n_blocks (document); i++)
    {
      const StBlock *block = st_document_get_block (document, i);
      const char *found;

      if (block->kind == ST_BLOCK_CONTENTS)
        continue;
      found = strstr (position, block->text);
      if (found == NULL)
        g_error ("block %u, “%s”, is not in the PDF after “%.60s”", i, block->text, position);
      position = found + strlen (block->text);
    }
}

static void
test_pdf_text (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(StDocument) document = long_document (6);
  g_autofree char *text = NULL;
  g_autofree char *last_footer = NULL;
  g_autoptr(StPageLayout) layout = st_page_layout_new (document);
  guint n_pages = st_page_layout_paginate (layout, NULL);

  g_assert_cmpuint (n_pages, >, 2);
  write_pdf (document, fixture->pdf);
  text = pdf_text (fixture->pdf, 0);
  if (text == NULL)
    return;

  assert_blocks_in_order (document, text);
  g_assert_true (g_str_has_prefix (text, "Digital strategy: the consolidated update Updated 16 January 2015 Contents Action 1:"));
  last_footer = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  g_assert_nonnull (strstr (text, "Page 1 of "));
  g_assert_nonnull (strstr (text, last_footer));
}

static void
test_pdf_contents (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(StDocument) document = long_document (8);
  g_autoptr(StPageLayout) layout = st_page_layout_new (document);
  g_autofree char *first_page = NULL;
  guint n_checked = 0;

  st_page_layout_paginate (layout, NULL);
  write_pdf (document, fixture->pdf);
  first_page = pdf_text (fixture->pdf, 1);
  if (first_page == NULL)
    return;

  /* Each action is listed with the page it is on, and is on that page */
  for (guint i = 0; i < st_page_layout_get_n_headings (layout); i++)
    {
      const StPageHeading *heading = st_page_layout_get_heading (layout, i);
      g_autofree char *entry = NULL;
      g_autofree char *page_text = NULL;

      if (heading->level != 2)
        continue;
      entry = g_strdup_printf ("%s %u ", heading->text, heading->page + 1);
      g_assert_nonnull (strstr (first_page, entry));
      page_text = pdf_text (fixture->pdf, heading->page + 1);
      g_assert_nonnull (strstr (page_text, heading->text));
      n_checked++;
    }
  g_assert_cmpuint (n_checked, ==, 8);
}

static void
test_pdf_fonts_embedded (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(StDocument) document = long_document (2);
  g_autofree char *pdffonts = tool ("pdffonts");
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_fonts = 0;

  if (pdffonts == NULL)
    return;
  write_pdf (document, fixture->pdf);
  {
    const char *argv[] = { pdffonts, fixture->pdf, NULL };

    out = run (argv);
  }

  /* name type encoding emb sub uni object ID, after two header lines */
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) split = NULL;
      g_autoptr(GPtrArray) columns = g_ptr_array_new ();

      if (*lines[i] == '\0')
        continue;
      split = g_strsplit (lines[i], " ", -1);
      for (guint j = 0; split[j] != NULL; j++)
        if (*split[j] != '\0')
          g_ptr_array_add (columns, split[j]);
      g_assert_cmpuint (columns->len, >=, 6);
      if (g_strcmp0 (g_ptr_array_index (columns, columns->len - 5), "yes") != 0)
        g_error ("font not embedded: %s", lines[i]);
      n_fonts++;
    }
  /* Regular, bold and italic at least */
  g_assert_cmpuint (n_fonts, >=, 3);
}

static void
test_pdf_info (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(StDocument) document = long_document (3);
  g_autoptr(StPageLayout) layout = st_page_layout_new (document);
  g_autofree char *pdfinfo = tool ("pdfinfo");
  g_autofree char *out = NULL;
  g_autofree char *pages = NULL;

  if (pdfinfo == NULL)
    return;
  pages = g_strdup_printf ("\nPages: %u\n", st_page_layout_paginate (layout, NULL));

  g_setenv ("SOURCE_DATE_EPOCH", "1421366400", TRUE);
  write_pdf (document, fixture->pdf);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  {
    const char *argv[] = { pdfinfo, "-isodates", fixture->pdf, NULL };
    g_autoptr(GRegex) spaces = g_regex_new (":  +", 0, 0, NULL);
    g_autofree char *raw = run (argv);

    out = g_regex_replace_literal (spaces, raw, -1, 0, ": ", 0, NULL);
  }

  g_assert_true (g_str_has_prefix (out, "Title: Digital strategy: the consolidated update\n"));
  g_assert_nonnull (strstr (out, "\nCreator: Stocktake " PACKAGE_VERSION "\n"));
  g_assert_nonnull (strstr (out, "\nCreationDate: 2015-01-16T00:00:00"));
  g_assert_nonnull (strstr (out, pages));
  g_assert_nonnull (strstr (out, "\nPage size: 595.276 x 841.89 pts (A4)\n"));
}

static void
test_pdf_outline (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(StDocument) document = long_document (3);
  g_autoptr(StPageLayout) layout = st_page_layout_new (document);
  g_autofree char *pdftohtml = tool ("pdftohtml");
  g_autofree char *out = NULL;
  const char *position;

  if (pdftohtml == NULL)
    return;
  st_page_layout_paginate (layout, NULL);
  write_pdf (document, fixture->pdf);
  {
    const char *argv[] = { pdftohtml, "-xml", "-stdout", "-i", "-q", fixture->pdf, NULL };

    out = run (argv);
  }

  /* Actions at the top, their departments under them, each to its page */
  position = strstr (out, "<outline>");
  g_assert_nonnull (position);
  for (guint i = 0; i < st_page_layout_get_n_headings (layout); i++)
    {
      const StPageHeading *heading = st_page_layout_get_heading (layout, i);
      g_autofree char *item = NULL;
      const char *found;

      if (heading->level < 2 || heading->level > 3)
        continue;
      item = g_strdup_printf ("<item page=\"%u\">%s</item>\n%s", heading->page + 1, heading->text,
                              heading->level == 2 ? "<outline>" : "");
      found = strstr (position, item);
      if (found == NULL)
        g_error ("no outline item “%s” after “%.80s”", item, position);
      position = found + strlen (item);
    }
  g_assert_null (strstr (out, "<item page=\"1\">Digital strategy"));
  g_assert_null (strstr (out, "Progress during 2014</item>"));
}

static void
test_pdf_literal_text (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StDocument) document = st_document_new ("all", "Tags <b> & ]]>", NULL);
  g_autofree char *text = NULL;

  st_document_append (document, ST_BLOCK_HEADING, 1, "Tags <b> & ]]>", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_PARAGRAPH, 0, "<i>not italic</i> &amp; ]]> stays", NULL, NULL, NULL, NULL);
  /* Not valid UTF-8, and control characters: no warning, the rest drawn */
  st_document_append (document, ST_BLOCK_PARAGRAPH, 0, "bad \377 byte and \001control\033 characters", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_BULLET, 0, "", NULL, NULL, NULL, NULL);
  write_pdf (document, fixture->pdf);

  text = pdf_text (fixture->pdf, 0);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "Tags <b> & ]]> <i>not italic</i> &amp; ]]> stays bad"));
  g_assert_nonnull (strstr (text, "byte and control characters"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
}

static void
test_pdf_empty_document (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(StDocument) document = st_document_new ("all", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = st_export_pdf_to_bytes (document, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);

  g_file_set_contents (fixture->pdf, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  text = pdf_text (fixture->pdf, 0);
  if (text != NULL)
    g_assert_cmpstr (text, ==, "Page 1 of 1");
}

static void
test_pdf_unwritable (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(StDocument) document = long_document (1);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no such folder", "update.pdf", NULL);
  g_autofree char *contents = NULL;

  g_assert_false (st_export_pdf_to_file (document, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "update.pdf"));
  g_clear_error (&error);

  /* A folder where the file should be */
  g_assert_false (st_export_pdf_to_file (document, fixture->dir, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_clear_error (&error);

  /* An export that fails part-way leaves the old file as it was */
  g_file_set_contents (fixture->pdf, "the old file", -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GFile) file = g_file_new_for_path (fixture->pdf);
    g_autoptr(GFileOutputStream) stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);

    g_assert_no_error (error);
    g_cancellable_cancel (cancellable);
    g_assert_false (st_export_pdf (document, G_OUTPUT_STREAM (stream), cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, NULL);
  }
  g_file_get_contents (fixture->pdf, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "the old file");
}

/* Pagination */

/* Pages of the lines "NAME 01", "NAME 02" … of a paragraph of @n lines */
static char *
numbered_lines (const char *name,
                guint       n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "%s%s %02u", i > 1 ? "\n" : "", name, i);
  return g_string_free (text, FALSE);
}

/* Fills a page with @n_filler lines, then a heading and a paragraph, for
 * every @n_filler that puts the heading near the foot of the first page:
 * the heading never ends a page, and takes two lines of its paragraph
 * with it */
static void
test_layout_keep_with_next (Fixture       *fixture,
                            gconstpointer  data)
{
  guint n_moved = 0;

  for (guint n_filler = 30; n_filler <= 60; n_filler++)
    {
      g_autoptr(StDocument) document = st_document_new ("all", NULL, NULL);
      g_autoptr(StPageLayout) layout = st_page_layout_new (document);
      g_autofree char *filler = numbered_lines ("filler", n_filler);
      g_autofree char *body = numbered_lines ("body", 6);
      guint filler_last, heading_first, body_first, body_last;

      st_document_append (document, ST_BLOCK_PARAGRAPH, 0, filler, NULL, NULL, NULL, NULL);
      st_document_append (document, ST_BLOCK_HEADING, 3, "The heading", NULL, NULL, NULL, NULL);
      st_document_append (document, ST_BLOCK_PARAGRAPH, 0, body, NULL, NULL, NULL, NULL);
      st_page_layout_paginate (layout, NULL);

      g_assert_true (st_page_layout_get_block_pages (layout, 0, NULL, &filler_last));
      g_assert_true (st_page_layout_get_block_pages (layout, 1, &heading_first, NULL));
      g_assert_true (st_page_layout_get_block_pages (layout, 2, &body_first, &body_last));
      g_assert_cmpuint (heading_first, ==, body_first);

      if (filler_last == 0 && heading_first == 1)
        {
          g_autofree char *page = NULL;

          /* The heading went over although it would have fitted: check
           * what a reader sees */
          write_pdf (document, fixture->pdf);
          page = pdf_text (fixture->pdf, 2);
          if (page == NULL)
            return;
          g_assert_true (g_str_has_prefix (page, "The heading body 01 body 02"));
          n_moved++;
        }
      else if (body_first != body_last)
        {
          g_autofree char *page = NULL;

          /* The paragraph splits: at least two lines on each side */
          write_pdf (document, fixture->pdf);
          page = pdf_text (fixture->pdf, 1);
          if (page == NULL)
            return;
          g_assert_nonnull (strstr (page, "The heading body 01 body 02"));
          page = pdf_text (fixture->pdf, 2);
          g_assert_true (g_regex_match_simple ("^body 0[3-5] body 0[4-6]", page, 0, 0));
        }
    }
  /* The filler sizes did reach the case under test */
  g_assert_cmpuint (n_moved, >, 0);
}

/* No paragraph leaves a single line at the head or the foot of a page */
static void
test_layout_widows_and_orphans (Fixture       *fixture,
                                gconstpointer  data)
{
  guint n_split = 0;

  for (guint n_filler = 40; n_filler <= 56; n_filler++)
    {
      g_autoptr(StDocument) document = st_document_new ("all", NULL, NULL);
      g_autoptr(StPageLayout) layout = st_page_layout_new (document);
      g_autofree char *filler = numbered_lines ("filler", n_filler);
      g_autofree char *body = numbered_lines ("body", 7);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      guint body_first, body_last;
      guint on_first = 0, on_second = 0;

      st_document_append (document, ST_BLOCK_PARAGRAPH, 0, filler, NULL, NULL, NULL, NULL);
      st_document_append (document, ST_BLOCK_PARAGRAPH, 0, body, NULL, NULL, NULL, NULL);
      st_page_layout_paginate (layout, NULL);
      g_assert_true (st_page_layout_get_block_pages (layout, 1, &body_first, &body_last));
      if (body_first == body_last)
        continue;

      write_pdf (document, fixture->pdf);
      first = pdf_text (fixture->pdf, body_first + 1);
      second = pdf_text (fixture->pdf, body_last + 1);
      if (first == NULL)
        return;
      for (guint line = 1; line <= 7; line++)
        {
          g_autofree char *name = g_strdup_printf ("body %02u", line);

          on_first += strstr (first, name) != NULL;
          on_second += strstr (second, name) != NULL;
        }
      g_assert_cmpuint (on_first + on_second, ==, 7);
      g_assert_cmpuint (on_first, >=, 2);
      g_assert_cmpuint (on_second, >=, 2);
      n_split++;
    }
  g_assert_cmpuint (n_split, >, 0);
}

static void
test_layout_any_surface (void)
{
  g_autoptr(StDocument) document = long_document (2);
  g_autoptr(StPageLayout) layout = st_page_layout_new (document);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages, n_ink = 0;
  int stride;
  const guint8 *pixels;

  g_assert_cmpuint (st_page_layout_get_n_pages (layout), ==, 0);
  n_pages = st_page_layout_paginate (layout, NULL);
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_cmpuint (st_page_layout_get_n_pages (layout), ==, n_pages);

  /* An image at 72 dpi, as a print preview would draw it */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 596, 842);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  st_page_layout_draw_page (layout, cr, n_pages - 1);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  pixels = cairo_image_surface_get_data (surface);
  for (int y = 0; y < 842; y++)
    for (int x = 0; x < 596; x++)
      n_ink += ((const guint32 *) (pixels + y * stride))[x] != 0xffffffu;
  g_assert_cmpuint (n_ink, >, 1000);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* A smaller page: more pages; a new size undoes the pagination */
  st_page_layout_set_page_size (layout, 420.945, 595.276);   /* A5 */
  g_assert_cmpuint (st_page_layout_get_n_pages (layout), ==, 0);
  g_assert_false (st_page_layout_get_block_pages (layout, 0, NULL, NULL));
  g_assert_cmpuint (st_page_layout_paginate (layout, NULL), >, n_pages);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pdf/text", Fixture, NULL, fixture_set_up, test_pdf_text, fixture_tear_down);
  g_test_add ("/pdf/contents", Fixture, NULL, fixture_set_up, test_pdf_contents, fixture_tear_down);
  g_test_add ("/pdf/fonts-embedded", Fixture, NULL, fixture_set_up, test_pdf_fonts_embedded, fixture_tear_down);
  g_test_add ("/pdf/info", Fixture, NULL, fixture_set_up, test_pdf_info, fixture_tear_down);
  g_test_add ("/pdf/outline", Fixture, NULL, fixture_set_up, test_pdf_outline, fixture_tear_down);
  g_test_add ("/pdf/literal-text", Fixture, NULL, fixture_set_up, test_pdf_literal_text, fixture_tear_down);
  g_test_add ("/pdf/empty-document", Fixture, NULL, fixture_set_up, test_pdf_empty_document, fixture_tear_down);
  g_test_add ("/pdf/unwritable", Fixture, NULL, fixture_set_up, test_pdf_unwritable, fixture_tear_down);
  g_test_add ("/page-layout/keep-with-next", Fixture, NULL, fixture_set_up, test_layout_keep_with_next, fixture_tear_down);
  g_test_add ("/page-layout/widows-and-orphans", Fixture, NULL, fixture_set_up, test_layout_widows_and_orphans, fixture_tear_down);
  g_test_add_func ("/page-layout/any-surface", test_layout_any_surface);

  return g_test_run ();
}
