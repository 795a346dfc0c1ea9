/* st-odt-writer.c
 *
 * The package is written by libgsf's zip writer and every XML part by
 * libxml2's xmlTextWriter, streaming straight into the zip entry, so that
 * no markup is ever pasted together by hand and a large document is never
 * held twice in memory.
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "st-odt-writer.h"

#define ODF_VERSION "1.2"

#define NS_OFFICE   "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE    "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TEXT     "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_FO       "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_SVG      "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_META     "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define NS_XLINK    "http://www.w3.org/1999/xlink"
#define NS_DC       "http://purl.org/dc/elements/1.1/"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

#define FONT_NAME       "Liberation Sans"
#define FONT_FAMILY     "'Liberation Sans', Arial"
#define TEXT_COLOUR     "#0b0c0c"
#define SECONDARY_COLOUR "#505a5f"
#define RULE_COLOUR     "#b1b4b6"

/* A4 with 2 cm margins: 17 cm of text */
#define PAGE_WIDTH_CM   21.0
#define PAGE_HEIGHT_CM  29.7
#define MARGIN_CM        2.0
#define TEXT_WIDTH_CM   (PAGE_WIDTH_CM - 2 * MARGIN_CM)
#define CONTENTS_INDENT_CM 0.5
#define CONTENTS_HANG_CM   0.4

typedef xmlTextWriterPtr Xml;

/* Shorthands: the names are literal qualified names, the values are
 * escaped by libxml2 */
static void
start (Xml         xml,
       const char *name)
{
  xmlTextWriterStartElement (xml, BAD_CAST name);
}

static void
end (Xml xml)
{
  xmlTextWriterEndElement (xml);
}

static void
attr (Xml         xml,
      const char *name,
      const char *value)
{
  xmlTextWriterWriteAttribute (xml, BAD_CAST name, BAD_CAST value);
}

static void
attr_printf (Xml         xml,
             const char *name,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
attr_printf (Xml         xml,
             const char *name,
             const char *format,
             ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  attr (xml, name, value);
}

/* Centimetres, always with a full stop whatever the locale */
static void
attr_cm (Xml         xml,
         const char *name,
         double      cm)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *value = NULL;

  g_ascii_formatd (buffer, sizeof buffer, "%.3f", cm);
  value = g_strconcat (buffer, "cm", NULL);
  attr (xml, name, value);
}

static void
empty (Xml         xml,
       const char *name)
{
  start (xml, name);
  end (xml);
}

char *
st_text_make_xml_safe (const char *text)
{
  g_autofree char *valid = NULL;
  GString *safe;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  safe = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* XML 1.0's Char production */
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r')
          || c == 0xFFFE || c == 0xFFFF)
        continue;
      g_string_append_unichar (safe, c);
    }
  return g_string_free (safe, FALSE);
}

static void
write_string (Xml         xml,
              const char *text)
{
  g_autofree char *safe = st_text_make_xml_safe (text);

  xmlTextWriterWriteString (xml, BAD_CAST safe);
}

/* Paragraph text, keeping what ODF would otherwise collapse: runs of
 * spaces, spaces at the start, tabs and line breaks */
static void
write_odf_text (Xml         xml,
                const char *text)
{
  g_autofree char *safe = st_text_make_xml_safe (text);
  g_autoptr(GString) run = g_string_new (NULL);
  gboolean at_start = TRUE;
  const char *p = safe;

  while (*p != '\0')
    {
      if (*p == ' ')
        {
          guint spaces = 0;

          while (p[spaces] == ' ')
            spaces++;
          p += spaces;
          if (!at_start)
            {
              g_string_append_c (run, ' ');
              spaces--;
            }
          if (spaces > 0)
            {
              xmlTextWriterWriteString (xml, BAD_CAST run->str);
              g_string_truncate (run, 0);
              start (xml, "text:s");
              if (spaces > 1)
                attr_printf (xml, "text:c", "%u", spaces);
              end (xml);
            }
          at_start = FALSE;
          continue;
        }

      if (*p == '\t' || *p == '\n')
        {
          xmlTextWriterWriteString (xml, BAD_CAST run->str);
          g_string_truncate (run, 0);
          empty (xml, *p == '\t' ? "text:tab" : "text:line-break");
          at_start = TRUE;
        }
      else if (*p != '\r')
        {
          g_string_append_c (run, *p);
          at_start = FALSE;
        }
      p++;
    }
  xmlTextWriterWriteString (xml, BAD_CAST run->str);
}

/* Writing a part of the package: libxml2 writes into the zip entry */

static int
gsf_write_cb (void       *context,
              const char *buffer,
              int         len)
{
  if (!gsf_output_write (GSF_OUTPUT (context), len, (const guint8 *) buffer))
    return -1;
  return len;
}

static int
gsf_close_cb (void *context)
{
  return 0;
}

typedef void (*PartWriter) (Xml         xml,
                            StDocument *document);

static gboolean
write_part (GsfOutfile  *zip,
            const char  *name,
            PartWriter   writer,
            StDocument  *document,
            GError     **error)
{
  GsfOutput *entry;
  xmlOutputBufferPtr buffer;
  Xml xml;
  int status;
  gboolean closed;

  entry = gsf_outfile_new_child_full (zip, name, FALSE,
                                      "compression-level", GSF_ZIP_DEFLATED,
                                      "zip64", FALSE,
                                      NULL);
  if (entry == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not add “%s” to the document"), name);
      return FALSE;
    }

  buffer = xmlOutputBufferCreateIO (gsf_write_cb, gsf_close_cb, entry, NULL);
  xml = xmlNewTextWriter (buffer);   /* owns the buffer from here */
  xmlTextWriterSetIndent (xml, 0);
  xmlTextWriterStartDocument (xml, "1.0", "UTF-8", NULL);
  writer (xml, document);
  status = xmlTextWriterEndDocument (xml);
  xmlFreeTextWriter (xml);
  closed = gsf_output_close (entry);
  g_object_unref (entry);

  if (status < 0 || !closed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s” into the document"), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_stored (GsfOutfile  *zip,
              const char  *name,
              const char  *content,
              GError     **error)
{
  GsfOutput *entry;
  gboolean written;

  /* No compression and no extra field, so that the media type can be
   * read at a fixed offset from the start of the file */
  entry = gsf_outfile_new_child_full (zip, name, FALSE,
                                      "compression-level", GSF_ZIP_STORED,
                                      "zip64", FALSE,
                                      NULL);
  written = entry != NULL
            && gsf_output_write (entry, strlen (content), (const guint8 *) content)
            && gsf_output_close (entry);
  g_clear_object (&entry);
  if (!written)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s” into the document"), name);
      return FALSE;
    }
  return TRUE;
}

/* The time the document is made: SOURCE_DATE_EPOCH when set, for
 * reproducible output */
static GDateTime *
export_time (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    return g_date_time_new_from_unix_utc ((gint64) seconds);
  return g_date_time_new_now_utc ();
}

/* Which headings a table of contents lists, and the names that link them */

static gboolean
is_contents_heading (const StBlock *block)
{
  return block->kind == ST_BLOCK_HEADING
         && block->level >= ST_CONTENTS_MIN_LEVEL
         && block->level <= ST_CONTENTS_MAX_LEVEL;
}

static char *
heading_bookmark (guint index)
{
  /* Word hides bookmarks whose names start with an underscore */
  return g_strdup_printf ("_Toc%u", index);
}

/* manifest.xml */

static void
write_manifest_entry (Xml         xml,
                      const char *path,
                      const char *media_type)
{
  start (xml, "manifest:file-entry");
  attr (xml, "manifest:full-path", path);
  if (g_str_equal (path, "/"))
    attr (xml, "manifest:version", ODF_VERSION);
  attr (xml, "manifest:media-type", media_type);
  end (xml);
}

static void
write_manifest (Xml         xml,
                StDocument *document)
{
  start (xml, "manifest:manifest");
  attr (xml, "xmlns:manifest", NS_MANIFEST);
  attr (xml, "manifest:version", ODF_VERSION);
  write_manifest_entry (xml, "/", ST_ODT_MIME_TYPE);
  write_manifest_entry (xml, "content.xml", "text/xml");
  write_manifest_entry (xml, "styles.xml", "text/xml");
  write_manifest_entry (xml, "meta.xml", "text/xml");
  end (xml);
}

/* meta.xml */

static void
write_meta (Xml         xml,
            StDocument *document)
{
  g_autoptr(GDateTime) now = export_time ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *generator = g_strdup_printf ("Stocktake/%s", PACKAGE_VERSION);
  const GDate *updated = st_document_get_updated (document);
  const char *title = st_document_get_title (document);
  guint n_paragraphs = 0;

  for (guint i = 0; i < st_document_get_n_blocks (document); i++)
    if (st_document_get_block (document, i)->kind != ST_BLOCK_CONTENTS)
      n_paragraphs++;

  start (xml, "office:document-meta");
  attr (xml, "xmlns:office", NS_OFFICE);
  attr (xml, "xmlns:meta", NS_META);
  attr (xml, "xmlns:dc", NS_DC);
  attr (xml, "office:version", ODF_VERSION);
  start (xml, "office:meta");

  start (xml, "meta:generator");
  write_string (xml, generator);
  end (xml);

  if (title != NULL && *title != '\0')
    {
      start (xml, "dc:title");
      write_string (xml, title);
      end (xml);
    }

  start (xml, "dc:language");
  write_string (xml, "en-GB");
  end (xml);

  start (xml, "meta:creation-date");
  write_string (xml, created);
  end (xml);

  /* The date the report says it was updated; the export time without one */
  start (xml, "dc:date");
  if (updated != NULL)
    {
      g_autofree char *date = g_strdup_printf ("%04u-%02u-%02uT00:00:00",
                                               g_date_get_year (updated),
                                               g_date_get_month (updated),
                                               g_date_get_day (updated));
      write_string (xml, date);
    }
  else
    write_string (xml, created);
  end (xml);

  start (xml, "meta:document-statistic");
  attr_printf (xml, "meta:paragraph-count", "%u", n_paragraphs);
  end (xml);

  end (xml);   /* office:meta */
  end (xml);   /* office:document-meta */
}

/* styles.xml */

static void
write_font_faces (Xml xml)
{
  start (xml, "office:font-face-decls");
  start (xml, "style:font-face");
  attr (xml, "style:name", FONT_NAME);
  attr (xml, "svg:font-family", FONT_FAMILY);
  attr (xml, "style:font-family-generic", "swiss");
  attr (xml, "style:font-pitch", "variable");
  end (xml);
  end (xml);
}

/* A paragraph style; call end() after adding its properties */
static void
start_paragraph_style (Xml         xml,
                       const char *name,
                       const char *display_name,
                       const char *parent,
                       const char *next,
                       const char *class)
{
  start (xml, "style:style");
  attr (xml, "style:name", name);
  if (display_name != NULL)
    attr (xml, "style:display-name", display_name);
  attr (xml, "style:family", "paragraph");
  if (parent != NULL)
    attr (xml, "style:parent-style-name", parent);
  if (next != NULL)
    attr (xml, "style:next-style-name", next);
  if (class != NULL)
    attr (xml, "style:class", class);
}

static void
write_heading_style (Xml    xml,
                     guint  level,
                     double size_pt,
                     double space_above_cm)
{
  g_autofree char *name = g_strdup_printf ("Heading_20_%u", level);
  g_autofree char *display_name = g_strdup_printf ("Heading %u", level);

  start_paragraph_style (xml, name, display_name, "Heading", "Text_20_body", "text");
  attr_printf (xml, "style:default-outline-level", "%u", level);
  start (xml, "style:paragraph-properties");
  attr_cm (xml, "fo:margin-top", space_above_cm);
  attr_cm (xml, "fo:margin-bottom", 0.2);
  end (xml);
  start (xml, "style:text-properties");
  attr_printf (xml, "fo:font-size", "%gpt", size_pt);
  attr (xml, "fo:font-weight", "bold");
  attr_printf (xml, "style:font-size-complex", "%gpt", size_pt);
  attr (xml, "style:font-weight-complex", "bold");
  end (xml);
  end (xml);
}

static void
write_contents_style (Xml   xml,
                      guint level)
{
  g_autofree char *name = g_strdup_printf ("Contents_20_%u", level);
  g_autofree char *display_name = g_strdup_printf ("Contents %u", level);
  /* Further lines of an entry hang under its first */
  double indent = CONTENTS_INDENT_CM * (level - 1) + CONTENTS_HANG_CM;

  start_paragraph_style (xml, name, display_name, "Index", NULL, "index");
  start (xml, "style:paragraph-properties");
  attr_cm (xml, "fo:margin-left", indent);
  attr_cm (xml, "fo:text-indent", -CONTENTS_HANG_CM);
  attr_cm (xml, "fo:margin-top", 0.0);
  attr_cm (xml, "fo:margin-bottom", 0.15);
  start (xml, "style:tab-stops");
  start (xml, "style:tab-stop");
  /* Tab positions count from the paragraph's indent */
  attr_cm (xml, "style:position", TEXT_WIDTH_CM - indent);
  attr (xml, "style:type", "right");
  attr (xml, "style:leader-style", "dotted");
  attr (xml, "style:leader-text", ".");
  end (xml);
  end (xml);   /* style:tab-stops */
  end (xml);   /* style:paragraph-properties */
  end (xml);
}

static void
write_bullet_list_style (Xml xml)
{
  static const char *bullets[] = { "•", "◦", "▪" };

  start (xml, "text:list-style");
  attr (xml, "style:name", "List_20_Bullet");
  attr (xml, "style:display-name", "List Bullet");
  for (guint level = 1; level <= G_N_ELEMENTS (bullets); level++)
    {
      double indent = 0.635 * level;

      start (xml, "text:list-level-style-bullet");
      attr_printf (xml, "text:level", "%u", level);
      attr (xml, "text:bullet-char", bullets[level - 1]);
      start (xml, "style:list-level-properties");
      attr (xml, "text:list-level-position-and-space-mode", "label-alignment");
      start (xml, "style:list-level-label-alignment");
      attr (xml, "text:label-followed-by", "listtab");
      attr_cm (xml, "text:list-tab-stop-position", indent);
      attr_cm (xml, "fo:text-indent", -0.635);
      attr_cm (xml, "fo:margin-left", indent);
      end (xml);
      end (xml);   /* style:list-level-properties */
      end (xml);   /* text:list-level-style-bullet */
    }
  end (xml);
}

static void
write_outline_style (Xml xml)
{
  /* Headings are not numbered: "Action 1: …" carries its own number */
  start (xml, "text:outline-style");
  attr (xml, "style:name", "Outline");
  for (guint level = 1; level <= 10; level++)
    {
      start (xml, "text:outline-level-style");
      attr_printf (xml, "text:level", "%u", level);
      attr (xml, "style:num-format", "");
      end (xml);
    }
  end (xml);
}

static void
write_common_styles (Xml xml)
{
  start (xml, "office:styles");

  start (xml, "style:default-style");
  attr (xml, "style:family", "paragraph");
  start (xml, "style:paragraph-properties");
  attr (xml, "fo:hyphenation-ladder-count", "no-limit");
  attr (xml, "style:writing-mode", "lr-tb");
  attr_cm (xml, "style:tab-stop-distance", 1.25);
  end (xml);
  start (xml, "style:text-properties");
  attr (xml, "style:font-name", FONT_NAME);
  attr (xml, "fo:font-size", "11pt");
  attr (xml, "fo:color", TEXT_COLOUR);
  attr (xml, "fo:language", "en");
  attr (xml, "fo:country", "GB");
  attr (xml, "fo:hyphenate", "false");
  end (xml);
  end (xml);

  start_paragraph_style (xml, "Standard", NULL, NULL, NULL, "text");
  end (xml);

  start_paragraph_style (xml, "Text_20_body", "Text body", "Standard", NULL, "text");
  start (xml, "style:paragraph-properties");
  attr_cm (xml, "fo:margin-top", 0);
  attr_cm (xml, "fo:margin-bottom", 0.25);
  attr (xml, "fo:line-height", "120%");
  attr (xml, "fo:orphans", "2");
  attr (xml, "fo:widows", "2");
  end (xml);
  end (xml);

  start_paragraph_style (xml, "Heading", NULL, "Standard", "Text_20_body", "text");
  start (xml, "style:paragraph-properties");
  attr (xml, "fo:keep-with-next", "always");
  end (xml);
  start (xml, "style:text-properties");
  attr (xml, "style:font-name", FONT_NAME);
  attr (xml, "fo:font-weight", "bold");
  end (xml);
  end (xml);

  write_heading_style (xml, 1, 20, 0.0);
  write_heading_style (xml, 2, 16, 0.6);
  write_heading_style (xml, 3, 13, 0.45);
  write_heading_style (xml, 4, 11, 0.35);

  start_paragraph_style (xml, "Updated", NULL, "Text_20_body", NULL, "text");
  start (xml, "style:paragraph-properties");
  attr_cm (xml, "fo:margin-bottom", 0.4);
  end (xml);
  start (xml, "style:text-properties");
  attr (xml, "fo:color", SECONDARY_COLOUR);
  end (xml);
  end (xml);

  start_paragraph_style (xml, "Note", NULL, "Text_20_body", NULL, "text");
  start (xml, "style:paragraph-properties");
  attr_cm (xml, "fo:margin-left", 0.2);
  attr_cm (xml, "fo:padding-left", 0.3);
  attr_printf (xml, "fo:border-left", "0.1cm solid %s", RULE_COLOUR);
  attr (xml, "fo:border-right", "none");
  attr (xml, "fo:border-top", "none");
  attr (xml, "fo:border-bottom", "none");
  end (xml);
  start (xml, "style:text-properties");
  attr (xml, "fo:font-style", "italic");
  end (xml);
  end (xml);

  start_paragraph_style (xml, "List_20_Bullet", "List Bullet", "Text_20_body", NULL, "list");
  attr (xml, "style:list-style-name", "List_20_Bullet");
  start (xml, "style:paragraph-properties");
  attr_cm (xml, "fo:margin-bottom", 0.15);
  end (xml);
  end (xml);

  start_paragraph_style (xml, "Index", NULL, "Standard", NULL, "index");
  end (xml);

  start_paragraph_style (xml, "Contents_20_Heading", "Contents Heading", "Heading", NULL, "index");
  start (xml, "style:paragraph-properties");
  attr_cm (xml, "fo:margin-top", 0.6);
  attr_cm (xml, "fo:margin-bottom", 0.3);
  end (xml);
  start (xml, "style:text-properties");
  attr (xml, "fo:font-size", "16pt");
  attr (xml, "fo:font-weight", "bold");
  end (xml);
  end (xml);

  for (guint level = 1; level <= ST_CONTENTS_MAX_LEVEL - ST_CONTENTS_MIN_LEVEL + 1; level++)
    write_contents_style (xml, level);

  start_paragraph_style (xml, "Footer", NULL, "Standard", NULL, "extra");
  start (xml, "style:paragraph-properties");
  attr (xml, "fo:text-align", "center");
  end (xml);
  start (xml, "style:text-properties");
  attr (xml, "fo:font-size", "9pt");
  attr (xml, "fo:color", SECONDARY_COLOUR);
  end (xml);
  end (xml);

  start (xml, "style:style");
  attr (xml, "style:name", "Index_20_Link");
  attr (xml, "style:display-name", "Index Link");
  attr (xml, "style:family", "text");
  end (xml);

  write_bullet_list_style (xml);
  write_outline_style (xml);

  end (xml);   /* office:styles */
}

static void
write_page_layout (Xml xml)
{
  start (xml, "office:automatic-styles");
  start (xml, "style:page-layout");
  attr (xml, "style:name", "A4");
  start (xml, "style:page-layout-properties");
  attr_cm (xml, "fo:page-width", PAGE_WIDTH_CM);
  attr_cm (xml, "fo:page-height", PAGE_HEIGHT_CM);
  attr (xml, "style:print-orientation", "portrait");
  attr (xml, "style:num-format", "1");
  attr_cm (xml, "fo:margin-top", MARGIN_CM);
  attr_cm (xml, "fo:margin-bottom", 1.2);
  attr_cm (xml, "fo:margin-left", MARGIN_CM);
  attr_cm (xml, "fo:margin-right", MARGIN_CM);
  end (xml);
  start (xml, "style:footer-style");
  start (xml, "style:header-footer-properties");
  attr_cm (xml, "fo:min-height", 0.6);
  attr_cm (xml, "fo:margin-top", 0.6);
  end (xml);
  end (xml);   /* style:footer-style */
  end (xml);   /* style:page-layout */
  end (xml);   /* office:automatic-styles */
}

/* "Page N of M" with fields for N and M */
static void
write_page_footer (Xml xml)
{
  /* Translators: the footer of every page of an exported document */
  const char *format = _("Page %u of %u");
  const char *first = strstr (format, "%u");
  const char *second = first != NULL ? strstr (first + 2, "%u") : NULL;
  g_autofree char *before = NULL;
  g_autofree char *between = NULL;

  if (first == NULL || second == NULL)
    {
      /* A broken translation: the numbers alone */
      format = "%u / %u";
      first = format;
      second = format + 5;
    }
  before = g_strndup (format, first - format);
  between = g_strndup (first + 2, second - first - 2);

  start (xml, "text:p");
  attr (xml, "text:style-name", "Footer");
  write_odf_text (xml, before);
  start (xml, "text:page-number");
  attr (xml, "text:select-page", "current");
  write_string (xml, "1");
  end (xml);
  write_odf_text (xml, between);
  start (xml, "text:page-count");
  write_string (xml, "1");
  end (xml);
  write_odf_text (xml, second + 2);
  end (xml);
}

static void
write_styles (Xml         xml,
              StDocument *document)
{
  start (xml, "office:document-styles");
  attr (xml, "xmlns:office", NS_OFFICE);
  attr (xml, "xmlns:style", NS_STYLE);
  attr (xml, "xmlns:text", NS_TEXT);
  attr (xml, "xmlns:fo", NS_FO);
  attr (xml, "xmlns:svg", NS_SVG);
  attr (xml, "office:version", ODF_VERSION);

  write_font_faces (xml);
  write_common_styles (xml);
  write_page_layout (xml);

  start (xml, "office:master-styles");
  start (xml, "style:master-page");
  attr (xml, "style:name", "Standard");
  attr (xml, "style:page-layout-name", "A4");
  start (xml, "style:footer");
  write_page_footer (xml);
  end (xml);   /* style:footer */
  end (xml);   /* style:master-page */
  end (xml);   /* office:master-styles */

  end (xml);   /* office:document-styles */
}

/* content.xml */

static void
write_contents_entry_template (Xml   xml,
                               guint level)
{
  g_autofree char *style = g_strdup_printf ("Contents_20_%u", level);

  start (xml, "text:table-of-content-entry-template");
  attr_printf (xml, "text:outline-level", "%u", level);
  attr (xml, "text:style-name", style);
  start (xml, "text:index-entry-link-start");
  attr (xml, "text:style-name", "Index_20_Link");
  end (xml);
  empty (xml, "text:index-entry-text");
  start (xml, "text:index-entry-tab-stop");
  attr (xml, "style:type", "right");
  attr (xml, "style:leader-char", ".");
  end (xml);
  empty (xml, "text:index-entry-page-number");
  start (xml, "text:index-entry-link-end");
  attr (xml, "text:style-name", "Index_20_Link");
  end (xml);
  end (xml);
}

/* A table of contents that an office suite can update, with its entries
 * already there, so that it shows before any update. The page numbers are
 * page reference fields to the headings' bookmarks: the office suite works
 * them out as it lays the document out. */
static void
write_contents (Xml            xml,
                StDocument    *document,
                const StBlock *block)
{
  const char *title = *block->text != '\0' ? block->text : _("Contents");
  guint n_levels = ST_CONTENTS_MAX_LEVEL - ST_CONTENTS_MIN_LEVEL + 1;

  start (xml, "text:table-of-content");
  attr (xml, "text:protected", "true");
  attr (xml, "text:name", "Contents");

  start (xml, "text:table-of-content-source");
  attr_printf (xml, "text:outline-level", "%u", n_levels);
  attr (xml, "text:use-outline-level", "false");
  attr (xml, "text:use-index-source-styles", "true");
  start (xml, "text:index-title-template");
  attr (xml, "text:style-name", "Contents_20_Heading");
  write_string (xml, title);
  end (xml);
  for (guint level = 1; level <= n_levels; level++)
    write_contents_entry_template (xml, level);
  /* The document's title is not an entry: list headings by style */
  for (guint level = 1; level <= n_levels; level++)
    {
      g_autofree char *style = g_strdup_printf ("Heading_20_%u",
                                                level + ST_CONTENTS_MIN_LEVEL - 1);

      start (xml, "text:index-source-styles");
      attr_printf (xml, "text:outline-level", "%u", level);
      start (xml, "text:index-source-style");
      attr (xml, "text:style-name", style);
      end (xml);
      end (xml);
    }
  end (xml);   /* text:table-of-content-source */

  start (xml, "text:index-body");
  start (xml, "text:index-title");
  attr (xml, "text:name", "Contents_Head");
  start (xml, "text:p");
  attr (xml, "text:style-name", "Contents_20_Heading");
  write_odf_text (xml, title);
  end (xml);
  end (xml);   /* text:index-title */

  for (guint i = 0; i < st_document_get_n_blocks (document); i++)
    {
      const StBlock *heading = st_document_get_block (document, i);
      g_autofree char *style = NULL;
      g_autofree char *bookmark = NULL;
      g_autofree char *href = NULL;

      if (!is_contents_heading (heading))
        continue;

      style = g_strdup_printf ("Contents_20_%u", heading->level - ST_CONTENTS_MIN_LEVEL + 1);
      bookmark = heading_bookmark (i);
      href = g_strconcat ("#", bookmark, NULL);

      start (xml, "text:p");
      attr (xml, "text:style-name", style);
      start (xml, "text:a");
      attr (xml, "xlink:type", "simple");
      attr (xml, "xlink:href", href);
      attr (xml, "text:style-name", "Index_20_Link");
      attr (xml, "text:visited-style-name", "Index_20_Link");
      write_odf_text (xml, heading->text);
      empty (xml, "text:tab");
      start (xml, "text:bookmark-ref");
      attr (xml, "text:reference-format", "page");
      attr (xml, "text:ref-name", bookmark);
      end (xml);
      end (xml);   /* text:a */
      end (xml);   /* text:p */
    }

  end (xml);   /* text:index-body */
  end (xml);   /* text:table-of-content */
}

static void
write_heading (Xml            xml,
               const StBlock *block,
               guint          index)
{
  g_autofree char *style = g_strdup_printf ("Heading_20_%u", block->level);

  start (xml, "text:h");
  attr (xml, "text:style-name", style);
  attr_printf (xml, "text:outline-level", "%u", block->level);
  if (is_contents_heading (block))
    {
      g_autofree char *bookmark = heading_bookmark (index);

      start (xml, "text:bookmark-start");
      attr (xml, "text:name", bookmark);
      end (xml);
      write_odf_text (xml, block->text);
      start (xml, "text:bookmark-end");
      attr (xml, "text:name", bookmark);
      end (xml);
    }
  else
    write_odf_text (xml, block->text);
  end (xml);
}

static void
write_paragraph (Xml         xml,
                 const char *style,
                 const char *text)
{
  start (xml, "text:p");
  attr (xml, "text:style-name", style);
  write_odf_text (xml, text);
  end (xml);
}

static void
write_body (Xml         xml,
            StDocument *document)
{
  guint n_blocks = st_document_get_n_blocks (document);
  gboolean in_list = FALSE;

  start (xml, "office:body");
  start (xml, "office:text");

  for (guint i = 0; i < n_blocks; i++)
    {
      const StBlock *block = st_document_get_block (document, i);

      if (in_list && block->kind != ST_BLOCK_BULLET)
        {
          end (xml);   /* text:list */
          in_list = FALSE;
        }

      switch (block->kind)
        {
        case ST_BLOCK_HEADING:
          write_heading (xml, block, i);
          break;

        case ST_BLOCK_META:
          write_paragraph (xml, "Updated", block->text);
          break;

        case ST_BLOCK_PARAGRAPH:
          write_paragraph (xml, "Text_20_body", block->text);
          break;

        case ST_BLOCK_BULLET:
          if (!in_list)
            {
              start (xml, "text:list");
              attr (xml, "text:style-name", "List_20_Bullet");
              in_list = TRUE;
            }
          start (xml, "text:list-item");
          write_paragraph (xml, "List_20_Bullet", block->text);
          end (xml);
          break;

        case ST_BLOCK_NOTE:
          write_paragraph (xml, "Note", block->text);
          break;

        case ST_BLOCK_CONTENTS:
          write_contents (xml, document, block);
          break;

        default:
          g_assert_not_reached ();
        }
    }
  if (in_list)
    end (xml);

  /* An empty document still has a paragraph to type into */
  if (n_blocks == 0)
    write_paragraph (xml, "Standard", "");

  end (xml);   /* office:text */
  end (xml);   /* office:body */
}

static void
write_content (Xml         xml,
               StDocument *document)
{
  start (xml, "office:document-content");
  attr (xml, "xmlns:office", NS_OFFICE);
  attr (xml, "xmlns:style", NS_STYLE);
  attr (xml, "xmlns:text", NS_TEXT);
  attr (xml, "xmlns:fo", NS_FO);
  attr (xml, "xmlns:svg", NS_SVG);
  attr (xml, "xmlns:xlink", NS_XLINK);
  attr (xml, "office:version", ODF_VERSION);
  write_font_faces (xml);
  empty (xml, "office:automatic-styles");
  write_body (xml, document);
  end (xml);
}

/* The package */

GBytes *
st_export_odt (StDocument  *document,
               GError     **error)
{
  GsfOutput *sink;
  GsfOutfile *zip;
  GError *zip_error = NULL;
  GBytes *bytes = NULL;
  gboolean written;

  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sink = gsf_output_memory_new ();
  zip = gsf_outfile_zip_new (sink, &zip_error);
  if (zip == NULL)
    {
      g_propagate_prefixed_error (error, zip_error, _("Could not start the document: "));
      g_object_unref (sink);
      return NULL;
    }

  /* The media type first, then the parts */
  written = write_stored (zip, "mimetype", ST_ODT_MIME_TYPE, error)
            && write_part (zip, "content.xml", write_content, document, error)
            && write_part (zip, "styles.xml", write_styles, document, error)
            && write_part (zip, "meta.xml", write_meta, document, error)
            && write_part (zip, "META-INF/manifest.xml", write_manifest, document, error);

  if (written)
    {
      if (gsf_output_close (GSF_OUTPUT (zip)) && gsf_output_close (sink))
        {
          /* Debian 12's libgsf does not export
           * gsf_output_memory_steal_bytes(): a copy it is */
          bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (sink)),
                               gsf_output_size (sink));
        }
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("Could not finish the document"));
    }

  g_object_unref (zip);
  g_object_unref (sink);
  return bytes;
}

gboolean
st_export_odt_to_file (StDocument  *document,
                       const char  *filename,
                       GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (ST_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = st_export_odt (document, error);
  if (bytes == NULL)
    return FALSE;

  /* GIO writes beside the file and renames: a failure leaves the old file */
  file = g_file_new_for_path (filename);
  return g_file_replace_contents (file,
                                  g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}
