/* test-odt-writer.c: documents as OpenDocument text
 *
 * The package is checked byte by byte, its XML parts with XPath, and the
 * whole file with independent readers: odfpy (tests/odt-outline.py) and,
 * where it is installed, LibreOffice.
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>
#include <sys/wait.h>

#include "st-importer.h"
#include "stocktake-core.h"

/* A document with every kind of block */
static StDocument *
sample_document (void)
{
  g_autoptr(GDate) updated = g_date_new_dmy (16, G_DATE_JANUARY, 2015);
  StDocument *document = st_document_new ("all", "Digital strategy: the consolidated update", updated);

  st_document_append (document, ST_BLOCK_HEADING, 1, "Digital strategy: the consolidated update", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_META, 0, "Updated 16 January 2015", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_CONTENTS, 0, NULL, NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_HEADING, 2, "Action 1: ensure there is an active digital leader", "action-1", NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_PARAGRAPH, 0, "This action forms part of the Government Digital Strategy.", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_HEADING, 3, "Cabinet Office", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_HEADING, 4, "Progress during 2014", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_PARAGRAPH, 0, "The digital lead and CTO established the Digital Governance Group.", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_BULLET, 0, "a Digital Leaders Forum", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_BULLET, 0, "a Directors Group that meets monthly", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_PARAGRAPH, 0, "It also upgraded technology platforms.", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_HEADING, 2, "Action 15: publish departmental plans", "action-15", NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_NOTE, 0, "Action 15 was added in December 2013.", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_BULLET, 0, "a list that ends the document", NULL, NULL, NULL, NULL);
  return document;
}

/* The zip */

static GBytes *
read_entry (GBytes     *odt,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  GsfInput *input = gsf_input_memory_new (g_bytes_get_data (odt, NULL),
                                          g_bytes_get_size (odt), FALSE);
  GsfInfile *zip = gsf_infile_zip_new (input, &error);
  GsfInput *entry;
  GBytes *bytes = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (zip);
  if (strchr (name, '/') != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (name, "/", 2);

      entry = gsf_infile_child_by_vname (zip, parts[0], parts[1], NULL);
    }
  else
    entry = gsf_infile_child_by_name (zip, name);

  if (entry != NULL)
    {
      gsf_off_t size = gsf_input_size (entry);
      const guint8 *data = gsf_input_read (entry, size, NULL);

      g_assert_true (size == 0 || data != NULL);
      bytes = g_bytes_new (data, size);
      g_object_unref (entry);
    }
  g_object_unref (zip);
  g_object_unref (input);
  return bytes;
}

static guint
le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static void
test_odt_package (void)
{
  g_autoptr(StDocument) document = sample_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) odt = st_export_odt (document, &error);
  const guint8 *data;
  gsize size;

  g_assert_no_error (error);
  g_assert_nonnull (odt);
  data = g_bytes_get_data (odt, &size);
  g_assert_cmpuint (size, >, 38 + strlen (ST_ODT_MIME_TYPE));

  /* The first local header: "mimetype", stored, no extra field, so that
   * the media type sits at byte 38 */
  g_assert_cmpmem (data, 4, "PK\003\004", 4);
  g_assert_cmpuint (le16 (data + 8), ==, 0);                 /* stored */
  g_assert_cmpuint (le16 (data + 26), ==, strlen ("mimetype"));
  g_assert_cmpuint (le16 (data + 28), ==, 0);                /* no extra field */
  g_assert_cmpmem (data + 30, 8, "mimetype", 8);
  g_assert_cmpmem (data + 38, strlen (ST_ODT_MIME_TYPE), ST_ODT_MIME_TYPE, strlen (ST_ODT_MIME_TYPE));

  /* Every part is there and is well-formed XML */
  for (guint i = 0; i < 4; i++)
    {
      static const char *parts[] = { "content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml" };
      g_autoptr(GBytes) part = read_entry (odt, parts[i]);
      xmlDocPtr doc;

      g_assert_nonnull (part);
      doc = xmlReadMemory (g_bytes_get_data (part, NULL), g_bytes_get_size (part),
                           parts[i], NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
      g_assert_nonnull (doc);
      xmlFreeDoc (doc);
    }
}

/* XPath over one part */

static xmlXPathContextPtr
open_part (GBytes     *odt,
           const char *name,
           xmlDocPtr  *doc)
{
  static const char *namespaces[][2] = {
    { "office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0" },
    { "style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0" },
    { "text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0" },
    { "fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" },
    { "meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0" },
    { "dc", "http://purl.org/dc/elements/1.1/" },
    { "xlink", "http://www.w3.org/1999/xlink" },
    { "manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" },
  };
  g_autoptr(GBytes) part = read_entry (odt, name);
  xmlXPathContextPtr xpath;

  g_assert_nonnull (part);
  *doc = xmlReadMemory (g_bytes_get_data (part, NULL), g_bytes_get_size (part), name, NULL, XML_PARSE_NONET);
  g_assert_nonnull (*doc);
  xpath = xmlXPathNewContext (*doc);
  for (guint i = 0; i < G_N_ELEMENTS (namespaces); i++)
    xmlXPathRegisterNs (xpath, BAD_CAST namespaces[i][0], BAD_CAST namespaces[i][1]);
  return xpath;
}

static char *
xpath_string (xmlXPathContextPtr  xpath,
              const char         *expression)
{
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST expression, xpath);
  xmlChar *value;
  char *copy;

  g_assert_nonnull (result);
  value = xmlXPathCastToString (result);
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  xmlXPathFreeObject (result);
  return copy;
}

static double
xpath_number (xmlXPathContextPtr  xpath,
              const char         *expression)
{
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST expression, xpath);
  double value;

  g_assert_nonnull (result);
  value = xmlXPathCastToNumber (result);
  xmlXPathFreeObject (result);
  return value;
}

#define assert_xpath_count(xpath, expression, expected) \
  g_assert_cmpfloat (xpath_number (xpath, "count(" expression ")"), ==, expected)

#define assert_xpath_string(xpath, expression, expected) G_STMT_START { \
    g_autofree char *value__ = xpath_string (xpath, expression); \
    g_assert_cmpstr (value__, ==, expected); \
  } G_STMT_END

static void
test_odt_content (void)
{
  g_autoptr(StDocument) document = sample_document ();
  g_autoptr(GBytes) odt = st_export_odt (document, NULL);
  xmlXPathContextPtr xpath;
  xmlDocPtr doc;

  g_assert_nonnull (odt);
  xpath = open_part (odt, "content.xml", &doc);

  assert_xpath_string (xpath, "/office:document-content/@office:version", "1.2");
  /* Real headings, with their outline levels and heading styles */
  assert_xpath_count (xpath, "//text:h", 5);
  assert_xpath_count (xpath, "//text:h[@text:outline-level='2'][@text:style-name='Heading_20_2']", 2);
  assert_xpath_count (xpath, "//text:h[@text:outline-level='4'][@text:style-name='Heading_20_4']", 1);
  assert_xpath_string (xpath, "//text:h[@text:outline-level='3']", "Cabinet Office");

  /* Consecutive bullets are one list; a list also ends the document */
  assert_xpath_count (xpath, "//text:list[@text:style-name='List_20_Bullet']", 2);
  assert_xpath_count (xpath, "//text:list[1]/text:list-item", 2);
  assert_xpath_string (xpath, "(//text:list)[1]/text:list-item[2]/text:p", "a Directors Group that meets monthly");
  assert_xpath_string (xpath, "(//text:list)[2]/text:list-item/text:p", "a list that ends the document");

  assert_xpath_string (xpath, "//text:p[@text:style-name='Updated']", "Updated 16 January 2015");
  assert_xpath_string (xpath, "//text:p[@text:style-name='Note']", "Action 15 was added in December 2013.");

  /* The contents: an index an office suite can update, filled in already,
   * its entries linked to bookmarks in the headings with page fields */
  assert_xpath_count (xpath, "//text:table-of-content", 1);
  assert_xpath_count (xpath, "//text:table-of-content/text:table-of-content-source", 1);
  assert_xpath_count (xpath, "//text:index-source-style[@text:style-name='Heading_20_2']", 1);
  assert_xpath_count (xpath, "//text:table-of-content/text:index-body/text:p", 2);
  assert_xpath_string (xpath, "//text:index-body/text:index-title/text:p", "Contents");
  assert_xpath_string (xpath, "//text:index-body/text:p[2]/text:a", "Action 15: publish departmental plans");
  assert_xpath_count (xpath, "//text:index-body/text:p/text:a/text:bookmark-ref[@text:reference-format='page']", 2);
  {
    g_autofree char *href = xpath_string (xpath, "//text:index-body/text:p[1]/text:a/@xlink:href");
    g_autofree char *name = xpath_string (xpath, "//text:index-body/text:p[1]//text:bookmark-ref/@text:ref-name");
    g_autofree char *expression = g_strdup_printf ("count(//text:h[text:bookmark-start/@text:name='%s'])", name);
    g_autofree char *target = g_strconcat ("#", name, NULL);

    g_assert_cmpstr (href, ==, target);
    g_assert_cmpfloat (xpath_number (xpath, expression), ==, 1);
  }

  xmlXPathFreeContext (xpath);
  xmlFreeDoc (doc);
}

static void
test_odt_styles (void)
{
  g_autoptr(StDocument) document = sample_document ();
  g_autoptr(GBytes) odt = st_export_odt (document, NULL);
  xmlXPathContextPtr xpath;
  xmlDocPtr doc;

  g_assert_nonnull (odt);
  xpath = open_part (odt, "styles.xml", &doc);

  /* Heading styles for the navigator and tables of contents */
  for (guint level = 1; level <= 4; level++)
    {
      g_autofree char *expression =
        g_strdup_printf ("count(//office:styles/style:style[@style:name='Heading_20_%u']"
                         "[@style:family='paragraph'][@style:default-outline-level='%u'])",
                         level, level);

      g_assert_cmpfloat (xpath_number (xpath, expression), ==, 1);
    }
  /* Outline numbering off at every level */
  assert_xpath_count (xpath, "//text:outline-style/text:outline-level-style", 10);
  assert_xpath_count (xpath, "//text:outline-style/text:outline-level-style[@style:num-format='']", 10);
  /* A real bullet list style */
  assert_xpath_string (xpath, "//text:list-style[@style:name='List_20_Bullet']"
                              "/text:list-level-style-bullet[@text:level='1']/@text:bullet-char", "•");
  /* Liberation Sans 11 pt, British English */
  assert_xpath_string (xpath, "//style:default-style[@style:family='paragraph']/style:text-properties/@style:font-name",
                       "Liberation Sans");
  assert_xpath_string (xpath, "//style:default-style/style:text-properties/@fo:font-size", "11pt");
  assert_xpath_string (xpath, "//style:default-style/style:text-properties/@fo:country", "GB");
  assert_xpath_string (xpath, "//style:font-face[@style:name='Liberation Sans']/@style:font-family-generic", "swiss");
  /* A4 */
  assert_xpath_string (xpath, "//style:page-layout/style:page-layout-properties/@fo:page-width", "21.000cm");
  assert_xpath_string (xpath, "//style:page-layout/style:page-layout-properties/@fo:page-height", "29.700cm");
  /* Page N of M in the footer of the master page */
  assert_xpath_count (xpath, "//office:master-styles/style:master-page/style:footer/text:p/text:page-number", 1);
  assert_xpath_count (xpath, "//office:master-styles/style:master-page/style:footer/text:p/text:page-count", 1);
  {
    g_autofree char *layout = xpath_string (xpath, "//style:page-layout/@style:name");

    assert_xpath_string (xpath, "//style:master-page/@style:page-layout-name", layout);
  }

  xmlXPathFreeContext (xpath);
  xmlFreeDoc (doc);
}

static void
test_odt_meta (void)
{
  g_autoptr(StDocument) document = sample_document ();
  g_autoptr(GBytes) odt = NULL;
  g_autofree char *generator = NULL;
  xmlXPathContextPtr xpath;
  xmlDocPtr doc;

  g_setenv ("SOURCE_DATE_EPOCH", "1421366400", TRUE);   /* 2015-01-16 00:00 UTC */
  odt = st_export_odt (document, NULL);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_nonnull (odt);

  xpath = open_part (odt, "meta.xml", &doc);
  assert_xpath_string (xpath, "//office:meta/dc:title", "Digital strategy: the consolidated update");
  assert_xpath_string (xpath, "//office:meta/dc:date", "2015-01-16T00:00:00");
  assert_xpath_string (xpath, "//office:meta/meta:creation-date", "2015-01-16T00:00:00Z");
  assert_xpath_string (xpath, "//office:meta/dc:language", "en-GB");
  generator = xpath_string (xpath, "//office:meta/meta:generator");
  g_assert_cmpstr (generator, ==, "Stocktake/" PACKAGE_VERSION);
  xmlXPathFreeContext (xpath);
  xmlFreeDoc (doc);

  xpath = open_part (odt, "META-INF/manifest.xml", &doc);
  assert_xpath_string (xpath, "//manifest:file-entry[@manifest:full-path='/']/@manifest:media-type",
                       ST_ODT_MIME_TYPE);
  assert_xpath_count (xpath, "//manifest:file-entry[@manifest:media-type='text/xml']", 3);
  xmlXPathFreeContext (xpath);
  xmlFreeDoc (doc);
}

/* An independent reader: odfpy, through tests/odt-outline.py */

static char *
find_odfpy_python (void)
{
  const char *candidates[] = { g_getenv ("PYTHON3"), "/usr/bin/python3", "python3" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *path = NULL;
      const char *argv[4];
      int status = 0;

      if (candidates[i] == NULL)
        continue;
      path = g_find_program_in_path (candidates[i]);
      if (path == NULL)
        continue;
      argv[0] = path;
      argv[1] = "-c";
      argv[2] = "import odf.opendocument";
      argv[3] = NULL;
      if (g_spawn_sync (NULL, (char **) argv, NULL,
                        G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL)
          && g_spawn_check_wait_status (status, NULL))
        return g_steal_pointer (&path);
    }
  return NULL;
}

/* The script's output for @odt, or NULL (and the test skipped) without odfpy */
static char *
read_with_odfpy (GBytes *odt)
{
  g_autofree char *python = find_odfpy_python ();
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "odt-outline.py", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[4];
  int status;

  if (python == NULL)
    {
      g_test_skip ("odfpy (python3-odf) is not installed");
      return NULL;
    }

  dir = g_dir_make_tmp ("test-odt-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "document.odt", NULL);
  g_file_set_contents (path, g_bytes_get_data (odt, NULL), g_bytes_get_size (odt), &error);
  g_assert_no_error (error);

  argv[0] = python;
  argv[1] = script;
  argv[2] = path;
  argv[3] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("odt-outline.py failed: %s", err);

  g_unlink (path);
  g_rmdir (dir);
  return g_steal_pointer (&out);
}

/* What odt-outline.py must print for the body of @document */
static char *
expected_body (StDocument *document)
{
  GString *expected = g_string_new (NULL);
  guint n_blocks = st_document_get_n_blocks (document);

  for (guint i = 0; i < n_blocks; i++)
    {
      const StBlock *block = st_document_get_block (document, i);

      switch (block->kind)
        {
        case ST_BLOCK_HEADING:
          g_string_append_printf (expected, "h%u\t%s\n", block->level, block->text);
          break;
        case ST_BLOCK_META:
          g_string_append_printf (expected, "p:Updated\t%s\n", block->text);
          break;
        case ST_BLOCK_PARAGRAPH:
          g_string_append_printf (expected, "p:Text body\t%s\n", block->text);
          break;
        case ST_BLOCK_BULLET:
          g_string_append_printf (expected, "li:List Bullet\t%s\n", block->text);
          break;
        case ST_BLOCK_NOTE:
          g_string_append_printf (expected, "p:Note\t%s\n", block->text);
          break;
        case ST_BLOCK_CONTENTS:
          g_string_append (expected, "toc-title\tContents\n");
          for (guint j = 0; j < n_blocks; j++)
            {
              const StBlock *heading = st_document_get_block (document, j);

              if (heading->kind == ST_BLOCK_HEADING
                  && heading->level >= ST_CONTENTS_MIN_LEVEL
                  && heading->level <= ST_CONTENTS_MAX_LEVEL)
                g_string_append_printf (expected, "toc%u\t%s\n",
                                        heading->level - ST_CONTENTS_MIN_LEVEL + 1, heading->text);
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return g_string_free (expected, FALSE);
}

/* The script's output from the first heading on */
static const char *
body_of (const char *outline)
{
  const char *body = g_str_has_prefix (outline, "h") ? outline : strstr (outline, "\nh");

  g_assert_nonnull (body);
  return *body == '\n' ? body + 1 : body;
}

static void
test_odt_read_back (void)
{
  g_autoptr(StDocument) document = sample_document ();
  g_autoptr(GBytes) odt = st_export_odt (document, NULL);
  g_autofree char *outline = read_with_odfpy (odt);
  g_autofree char *expected = expected_body (document);

  if (outline == NULL)
    return;

  g_assert_true (g_str_has_prefix (outline, "meta:generator\tStocktake/" PACKAGE_VERSION "\n"));
  g_assert_nonnull (strstr (outline, "\nmeta:title\tDigital strategy: the consolidated update\n"));
  g_assert_nonnull (strstr (outline, "\nfooter\tPage [page-number] of [page-count]\n"));
  g_assert_cmpstr (body_of (outline), ==, expected);
}

static void
test_odt_literal_text (void)
{
  g_autoptr(StDocument) document = st_document_new ("all", "Tags <b> & \"quotes\"", NULL);
  g_autoptr(GBytes) odt = NULL;
  g_autofree char *outline = NULL;
  static const char expected[] =
    "h1\tTags <b> & \"quotes\"\n"
    "p:Text body\t<script>alert('x')</script> & &amp; ]]> <![CDATA[ x ]]>\n"
    "p:Text body\t  two leading spaces,   three inside\tand a tab\n"
    "p:Text body\tcontrol characters dropped, bad bytes replaced: \357\277\275.\n"
    "li:List Bullet\tline one\nline two\n";

  st_document_append (document, ST_BLOCK_HEADING, 1, "Tags <b> & \"quotes\"", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_PARAGRAPH, 0,
                      "<script>alert('x')</script> & &amp; ]]> <![CDATA[ x ]]>", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_PARAGRAPH, 0,
                      "  two leading spaces,   three inside\tand a tab", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_PARAGRAPH, 0,
                      "control\001 characters\033 dropped, bad bytes replaced: \377.", NULL, NULL, NULL, NULL);
  st_document_append (document, ST_BLOCK_BULLET, 0, "line one\nline two", NULL, NULL, NULL, NULL);

  odt = st_export_odt (document, NULL);
  g_assert_nonnull (odt);
  outline = read_with_odfpy (odt);
  if (outline == NULL)
    return;

  g_assert_nonnull (strstr (outline, "meta:title\tTags <b> & \"quotes\"\n"));
  g_assert_cmpstr (body_of (outline), ==, expected);
}

static void
test_odt_empty_document (void)
{
  g_autoptr(StDocument) document = st_document_new ("all", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) odt = st_export_odt (document, &error);
  g_autofree char *outline = NULL;
  xmlXPathContextPtr xpath;
  xmlDocPtr doc;

  g_assert_no_error (error);
  g_assert_nonnull (odt);
  xpath = open_part (odt, "content.xml", &doc);
  assert_xpath_count (xpath, "//office:text/*", 1);
  assert_xpath_count (xpath, "//office:text/text:p", 1);
  xmlXPathFreeContext (xpath);
  xmlFreeDoc (doc);

  xpath = open_part (odt, "meta.xml", &doc);
  assert_xpath_count (xpath, "//dc:title", 0);
  assert_xpath_count (xpath, "//dc:date", 1);
  xmlXPathFreeContext (xpath);
  xmlFreeDoc (doc);

  outline = read_with_odfpy (odt);
  if (outline != NULL)
    g_assert_nonnull (strstr (outline, "p:Standard\t\n"));
}

/* Writing files */

static void
test_odt_to_file (void)
{
  g_autoptr(StDocument) document = sample_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-odt-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "update.odt", NULL);
  g_autofree char *missing = g_build_filename (dir, "no such folder", "update.odt", NULL);
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *written = NULL;
  gsize length;

  g_assert_no_error (error);

  /* A file there already is replaced */
  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  g_setenv ("SOURCE_DATE_EPOCH", "1421366400", TRUE);
  g_assert_true (st_export_odt_to_file (document, path, &error));
  g_assert_no_error (error);
  expected = st_export_odt (document, NULL);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_file_get_contents (path, &written, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, g_bytes_get_size (expected));

  /* A folder that does not exist: a clear error naming the file */
  g_assert_false (st_export_odt_to_file (document, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "update.odt"));
  g_clear_error (&error);

  /* A folder where the file should be */
  g_assert_false (st_export_odt_to_file (document, dir, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_clear_error (&error);

  g_unlink (path);
  g_rmdir (dir);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* A whole report, imported from the published pages in tests/fixtures:
 * the "all" view of every action and department */

static char *
fixture_path (const char *name)
{
  const char *fixtures = g_getenv ("STOCKTAKE_FIXTURES");

  if (fixtures != NULL)
    return g_build_filename (fixtures, name, NULL);
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static StReport *
imported_report (void)
{
  static const char *pages[] = { "action-1-digital-leaders.txt", "cabinet-office-actions.txt" };
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);
  g_autoptr(StReport) into = NULL;
  g_autoptr(StImporter) importer = NULL;

  g_assert_nonnull (template);
  into = st_report_new (template);
  importer = st_importer_new (into);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = fixture_path (pages[i]);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      g_file_get_contents (path, &text, &length, &error);
      g_assert_no_error (error);
      g_assert_true (st_importer_add_text_page (importer, pages[i], text, length, &error));
      g_assert_no_error (error);
    }
  return st_importer_finish (importer);
}

static void
test_odt_report (void)
{
  g_autoptr(StReport) report = imported_report ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StDocument) document = st_document_new_for_view (report, "all", &error);
  g_autoptr(GBytes) odt = NULL;
  g_autofree char *outline = NULL;
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (st_document_get_n_blocks (document), >, 300);

  odt = st_export_odt (document, &error);
  g_assert_no_error (error);
  outline = read_with_odfpy (odt);
  if (outline == NULL)
    return;
  expected = expected_body (document);
  g_assert_cmpstr (body_of (outline), ==, expected);
  /* Spot checks against the published pages */
  g_assert_nonnull (strstr (outline, "\ntoc1\tAction 1: ensure there is an active digital leader on "
                                     "departmental and transactional agency boards\n"));
  g_assert_nonnull (strstr (outline, "\nh3\tCabinet Office\nh4\tDepartmental digital strategy "
                                     "commitments (December 2012)\np:Text body\tCabinet Office’s "
                                     "Executive Management Committee (EMC) has seized upon leadership"));
}

/* The command line: every view in both formats, and a site */

static gboolean
run_cli (const char * const *args,
         char              **err)
{
  const char *cli = g_getenv ("STOCKTAKE_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static int
cli_exit_status (const char * const *args)
{
  const char *cli = g_getenv ("STOCKTAKE_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
assert_odt_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 38 + strlen (ST_ODT_MIME_TYPE));
  g_assert_cmpmem (data + 30, 8, "mimetype", 8);
  g_assert_cmpmem (data + 38, strlen (ST_ODT_MIME_TYPE), ST_ODT_MIME_TYPE, strlen (ST_ODT_MIME_TYPE));
}

static void
test_odt_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-odt-cli-XXXXXX", &error);
  g_autofree char *report = g_build_filename (dir, "report.stocktake", NULL);
  g_autofree char *all = g_build_filename (dir, "all.odt", NULL);
  g_autofree char *action = g_build_filename (dir, "action-1.odt", NULL);
  g_autofree char *department = g_build_filename (dir, "co.pdf", NULL);
  g_autofree char *site = g_build_filename (dir, "site", NULL);
  g_autofree char *missing = g_build_filename (dir, "no such folder", "all.pdf", NULL);
  g_autofree char *page1 = fixture_path ("action-1-digital-leaders.txt");
  g_autofree char *page2 = fixture_path ("cabinet-office-actions.txt");
  g_autofree char *err = NULL;
  g_autofree char *pdf = NULL;
  gsize length;

  if (g_getenv ("STOCKTAKE_CLI") == NULL)
    {
      g_test_skip ("STOCKTAKE_CLI is not set");
      return;
    }
  g_assert_no_error (error);

  {
    const char *args[] = { "import", "-o", report, page1, page2, NULL };
    g_assert_true (run_cli (args, NULL));
  }
  {
    const char *args[] = { "export", "--format", "odt", "-o", all, report, NULL };
    g_assert_true (run_cli (args, NULL));
    assert_odt_file (all);
  }
  {
    const char *args[] = { "export", "--format", "odt", "--view", "action:1", "-o", action, report, NULL };
    g_assert_true (run_cli (args, NULL));
    assert_odt_file (action);
  }
  {
    const char *args[] = { "export", "--format", "pdf", "--view", "department:CO", "-o", department, report, NULL };
    g_assert_true (run_cli (args, NULL));
    g_file_get_contents (department, &pdf, &length, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (pdf, 5, "%PDF-", 5);
  }
  {
    /* A site: a file per page, each a whole document, and an index */
    const char *args[] = { "export", "--format", "odt", "--view", "site", "-o", site, report, NULL };
    g_autofree char *page = g_build_filename (site, "action-16.odt", NULL);
    g_autofree char *index = g_build_filename (site, "index.odt", NULL);

    g_assert_true (run_cli (args, NULL));
    assert_odt_file (page);
    assert_odt_file (index);
  }
  {
    /* A file that cannot be written: exit 2, and why on standard error */
    const char *args[] = { "export", "--format", "pdf", "-o", missing, report, NULL };

    g_assert_cmpint (cli_exit_status (args), ==, 2);
    g_assert_false (run_cli (args, &err));
    g_assert_nonnull (strstr (err, "error"));
    g_assert_nonnull (strstr (err, "all.pdf"));
  }
  {
    const char *args[] = { "export", "--format", "docx", "-o", all, report, NULL };

    g_assert_cmpint (cli_exit_status (args), ==, 2);
  }

  remove_tree (dir);
}

/* LibreOffice opens it, and lays it out as we meant */

static gboolean
run (const char * const *argv,
     char              **out,
     GError            **error)
{
  int status;

  /* Nothing of theirs on our standard output, which is TAP */
  GSpawnFlags flags = G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL
                      | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0);

  if (!g_spawn_sync (NULL, (char **) argv, NULL, flags, NULL, NULL, out, NULL, &status, error))
    return FALSE;
  return g_spawn_check_wait_status (status, error);
}

static char *
collapse_spaces (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n\t\f", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_string_free (out, FALSE);
}

static void
test_odt_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(StDocument) document = sample_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *odt = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  const char *position;

  if (soffice == NULL || pdftotext == NULL)
    {
      g_test_skip ("LibreOffice (libreoffice-writer-nogui) or pdftotext (poppler-utils) is not installed");
      return;
    }

  dir = g_dir_make_tmp ("test-odt-lo-XXXXXX", &error);
  g_assert_no_error (error);
  odt = g_build_filename (dir, "update.odt", NULL);
  pdf = g_build_filename (dir, "update.pdf", NULL);
  profile = g_strconcat ("-env:UserInstallation=file://", dir, "/profile", NULL);
  g_assert_true (st_export_odt_to_file (document, odt, &error));
  g_assert_no_error (error);

  {
    const char *convert[] = { soffice, profile, "--headless", "--norestore",
                              "--convert-to", "pdf", "--outdir", dir, odt, NULL };
    const char *extract[] = { pdftotext, pdf, "-", NULL };

    g_assert_true (run (convert, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
    g_assert_true (run (extract, &text, &error));
    g_assert_no_error (error);
  }

  /* Everything, in order */
  flat = collapse_spaces (text);
  position = flat;
  for (guint i = 0; i < st_document_get_n_blocks (document); i++)
    {
      const StBlock *block = st_document_get_block (document, i);
      const char *found;

      if (block->kind == ST_BLOCK_CONTENTS)
        continue;
      found = strstr (position, block->text);
      if (found == NULL)
        g_error ("“%s” is not in LibreOffice's PDF after “%.40s”", block->text, position);
      position = found + strlen (block->text);
    }

  /* The contents show before any update, with the pages worked out, and
   * every page has its footer */
  g_assert_nonnull (strstr (flat, "Contents Action 1: ensure there is an active digital leader"));
  g_assert_nonnull (strstr (flat, "Action 15: publish departmental plans"));
  g_assert_true (g_regex_match_simple ("Contents Action 1: [^.]*\\.{4,} ?1 ", flat, 0, 0));
  g_assert_nonnull (strstr (flat, "Page 1 of 1"));

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/odt/package", test_odt_package);
  g_test_add_func ("/odt/content", test_odt_content);
  g_test_add_func ("/odt/styles", test_odt_styles);
  g_test_add_func ("/odt/meta", test_odt_meta);
  g_test_add_func ("/odt/read-back", test_odt_read_back);
  g_test_add_func ("/odt/literal-text", test_odt_literal_text);
  g_test_add_func ("/odt/empty-document", test_odt_empty_document);
  g_test_add_func ("/odt/to-file", test_odt_to_file);
  g_test_add_func ("/odt/report", test_odt_report);
  g_test_add_func ("/odt/cli", test_odt_cli);
  g_test_add_func ("/odt/libreoffice", test_odt_libreoffice);

  return g_test_run ();
}
