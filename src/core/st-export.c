/* st-export.c: documents as published text, HTML and Markdown
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every format is written block by block into a buffer that goes to the
 * output stream whenever it fills, so that exporting a large report never
 * holds the whole page, or a tree of it, in memory. HTML text always goes
 * through append_html_text(), which escapes it; nothing from the report is
 * ever pasted into markup as it is.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#include "st-export.h"
#include "st-odt-writer.h"
#include "st-output-private.h"
#include "st-pdf-writer.h"

/* Pages are made in a buffer that goes to the output stream each time it
 * holds this much, so that a large document is never held whole */
#define OUT_CHUNK (64 * 1024)

typedef struct {
  GString       *buffer;
  GOutputStream *stream;       /* NULL: everything stays in the buffer */
  GCancellable  *cancellable;
  gsize          flushed;      /* bytes already handed to the stream */
  GError        *error;        /* the first failure; later output is dropped */
} Out;

typedef gboolean (*WriteFunc) (StDocument *document,
                               Out        *out);

typedef struct {
  StExportFormat  format;
  const char     *name;
  const char     *extension;
  WriteFunc       write;       /* NULL: a writer of its own (ODT, PDF) */
} FormatInfo;

static gboolean write_text     (StDocument *document, Out *out);
static gboolean write_html     (StDocument *document, Out *out);
static gboolean write_markdown (StDocument *document, Out *out);

/* One row per format: a new format is a new row and its write function */
static const FormatInfo formats[] = {
  { ST_EXPORT_TEXT,     "text",     "txt",  write_text },
  { ST_EXPORT_HTML,     "html",     "html", write_html },
  { ST_EXPORT_MARKDOWN, "markdown", "md",   write_markdown },
  { ST_EXPORT_ODT,      "odt",      "odt",  NULL },  /* st-odt-writer.c */
  { ST_EXPORT_PDF,      "pdf",      "pdf",  NULL },  /* st-pdf-writer.c */
};

static const char * const format_names[] = { "text", "html", "markdown", "odt", "pdf", NULL };

static const FormatInfo *
format_info (StExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return &formats[i];
  return NULL;
}

const char *
st_export_format_to_string (StExportFormat format)
{
  const FormatInfo *info = format_info (format);

  return info != NULL ? info->name : NULL;
}

gboolean
st_export_format_from_string (const char     *str,
                              StExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_ascii_strcasecmp (str, formats[i].name) == 0 ||
          g_ascii_strcasecmp (str, formats[i].extension) == 0)
        {
          *format = formats[i].format;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
st_export_format_get_extension (StExportFormat format)
{
  const FormatInfo *info = format_info (format);

  return info != NULL ? info->extension : NULL;
}

const char * const *
st_export_list_formats (void)
{
  return format_names;
}

/* Output **************************************************************/

static void
out_init (Out           *out,
          GOutputStream *stream,
          GCancellable  *cancellable)
{
  out->buffer = g_string_sized_new (stream != NULL ? OUT_CHUNK + OUT_CHUNK / 4 : 4096);
  out->stream = stream;
  out->cancellable = cancellable;
  out->flushed = 0;
  out->error = NULL;
}

/* Hands what the buffer holds to the stream */
static gboolean
out_flush (Out *out)
{
  if (out->stream == NULL)
    return TRUE;
  if (out->error == NULL && out->buffer->len > 0)
    g_output_stream_write_all (out->stream, out->buffer->str, out->buffer->len,
                               NULL, out->cancellable, &out->error);
  out->flushed += out->buffer->len;
  g_string_truncate (out->buffer, 0);
  return out->error == NULL;
}

/* How much has been written so far */
static inline gsize
out_length (Out *out)
{
  return out->flushed + out->buffer->len;
}

/* Called between blocks: FALSE once writing has failed */
static inline gboolean
out_step (Out *out)
{
  if (out->stream != NULL && out->buffer->len >= OUT_CHUNK)
    return out_flush (out);
  return out->error == NULL;
}

/* Frees the buffer; FALSE, with the error, if anything failed */
static gboolean
out_clear (Out     *out,
           GError **error)
{
  g_string_free (out->buffer, TRUE);
  if (out->error != NULL)
    {
      g_propagate_error (error, out->error);
      return FALSE;
    }
  return TRUE;
}

/* For writers with no stream: the buffer, handed over */
static GBytes *
out_free_to_bytes (Out *out)
{
  g_assert (out->stream == NULL && out->error == NULL);
  return g_string_free_to_bytes (out->buffer);
}

GBytes *
st_export_document (StDocument     *document,
                    StExportFormat  format,
                    GError        **error)
{
  const FormatInfo *info;
  Out out;

  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = format_info (format);
  if (info == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This build cannot export that format"));
      return NULL;
    }
  if (format == ST_EXPORT_ODT)
    return st_export_odt (document, error);
  if (format == ST_EXPORT_PDF)
    return st_export_pdf_to_bytes (document, error);

  /* Into memory, which does not fail */
  out_init (&out, NULL, NULL);
  info->write (document, &out);
  return out_free_to_bytes (&out);
}

gboolean
st_export_document_to_stream (StDocument     *document,
                              StExportFormat  format,
                              GOutputStream  *stream,
                              GCancellable   *cancellable,
                              GError        **error)
{
  const FormatInfo *info;
  Out out;

  g_return_val_if_fail (ST_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = format_info (format);
  if (info == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This build cannot export that format"));
      return FALSE;
    }
  if (format == ST_EXPORT_PDF)
    {
      /* cairo writes a few dozen bytes at a time */
      g_autoptr(GOutputStream) buffered = g_buffered_output_stream_new_sized (stream, OUT_CHUNK);

      g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
      return st_export_pdf (document, buffered, cancellable, error) &&
             g_output_stream_flush (buffered, cancellable, error);
    }
  if (format == ST_EXPORT_ODT)
    {
      g_autoptr(GBytes) bytes = st_export_odt (document, error);

      return bytes != NULL &&
             g_output_stream_write_all (stream, g_bytes_get_data (bytes, NULL),
                                        g_bytes_get_size (bytes), NULL, cancellable, error);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  out_init (&out, stream, cancellable);
  if (info->write (document, &out))
    out_flush (&out);
  return out_clear (&out, error);
}

/* Text ****************************************************************/

static gboolean
write_text (StDocument *document,
            Out        *out)
{
  guint n = st_document_get_n_blocks (document);
  const char *bullet = st_document_get_text_bullet (document);
  const char *separator = st_document_get_text_separator (document);
  StBlockKind previous = ST_BLOCK_CONTENTS;

  for (guint i = 0; i < n; i++)
    {
      const StBlock *block = st_document_get_block (document, i);

      if (block->kind == ST_BLOCK_CONTENTS)
        continue;
      /* The bullets of one list are always on consecutive lines */
      if (previous != ST_BLOCK_CONTENTS)
        g_string_append (out->buffer, block->kind == ST_BLOCK_BULLET && previous == ST_BLOCK_BULLET
                                      ? "\n" : separator);
      previous = block->kind;
      if (block->kind == ST_BLOCK_BULLET)
        g_string_append (out->buffer, bullet);
      g_string_append (out->buffer, block->text);
      if (!out_step (out))
        return FALSE;
    }
  return TRUE;
}

GBytes *
st_export_text (StDocument *document)
{
  Out out;

  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);

  out_init (&out, NULL, NULL);
  write_text (document, &out);
  return out_free_to_bytes (&out);
}

/* HTML ****************************************************************/

/* Close to GOV.UK's typography, with nothing loaded from elsewhere */
static const char page_style[] =
  "body{margin:0;background:#fff;color:#0b0c0c;"
  "font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Helvetica,Arial,sans-serif;"
  "font-size:19px;line-height:1.32}"
  "main{max-width:960px;margin:0 auto;padding:30px 15px 60px}"
  "h1,h2,h3,h4{font-weight:700;line-height:1.15;margin:0 0 20px}"
  "h1{font-size:48px;margin-bottom:30px}"
  "h2{font-size:36px;margin-top:45px}"
  "h3{font-size:24px;margin-top:30px}"
  "h4{font-size:19px;margin-top:25px}"
  "p,li{margin:0 0 15px}"
  "ul{padding-left:20px;margin:0 0 20px}"
  "a{color:#1d70b8;text-decoration:underline}"
  "a:visited{color:#4c2c92}"
  "a:hover{color:#003078}"
  "a:focus{outline:3px solid transparent;color:#0b0c0c;background:#fd0;"
  "box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}"
  ".meta{color:#505a5f;font-size:16px}"
  ".note{border-left:10px solid #b1b4b6;padding:15px;margin:0 0 20px}"
  "nav{border-left:5px solid #1d70b8;padding-left:15px;margin:0 0 40px}"
  "nav h2{font-size:24px;margin-top:0}"
  "nav li{margin-bottom:5px}";

/* What append_html_text() does with each byte: 0 keeps it, 1 leaves it
 * out, and the rest are the references of "<", ">" and "&" */
static const guchar html_byte_action[256] = {
  [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
  [0x08] = 1, [0x0b] = 1, [0x0c] = 1, [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1,
  [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1,
  [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
  ['<'] = 2, ['>'] = 3, ['&'] = 4,
};

static const char * const html_references[] = { NULL, "", "&lt;", "&gt;", "&amp;" };

/* Text as HTML: "<", ">" and "&" as references, control characters other
 * than tab and line breaks left out (HTML has no place for them), and
 * everything else as it is, in UTF-8 */
static void
append_html_text (GString    *out,
                  const char *text)
{
  const guchar *run = (const guchar *) text;
  const guchar *p;

  for (p = run; *p != '\0'; p++)
    {
      guchar action = html_byte_action[*p];

      if (G_LIKELY (action == 0))
        continue;
      g_string_append_len (out, (const char *) run, p - run);
      g_string_append (out, html_references[action]);
      run = p + 1;
    }
  g_string_append_len (out, (const char *) run, p - run);
}

/* An attribute, quoted as the HTML serialiser of libxml2 has always
 * quoted them, so that pages stay byte for byte as they were: in double
 * quotes unless the value holds a double quote and no single one. Links
 * are written as URIs, every byte outside the characters a URI may hold
 * as "%XX". */
static void
append_html_attribute (GString    *out,
                       const char *name,
                       const char *value,
                       gboolean    uri)
{
  g_autoptr(GString) text = g_string_sized_new (strlen (value) + 16);
  gboolean double_quote, single_quote;

  if (uri)
    {
      /* "&", "<" and ">" stay as the references they became */
      static const char allowed[] = "-_.!~*'()@/:=?;#%&,+<>";
      g_autoptr(GString) escaped = g_string_new (NULL);

      while (*value == ' ' || *value == '\t' || *value == '\n' || *value == '\r')
        value++;
      append_html_text (escaped, value);
      for (const char *p = escaped->str; *p != '\0'; p++)
        {
          if (g_ascii_isalnum (*p) || strchr (allowed, *p) != NULL)
            g_string_append_c (text, *p);
          else
            g_string_append_printf (text, "%%%02X", (guchar) *p);
        }
    }
  else
    append_html_text (text, value);

  double_quote = strchr (text->str, '"') != NULL;
  single_quote = strchr (text->str, '\'') != NULL;

  g_string_append_c (out, ' ');
  g_string_append (out, name);
  if (double_quote && !single_quote)
    {
      g_string_append (out, "='");
      g_string_append (out, text->str);
      g_string_append_c (out, '\'');
      return;
    }
  g_string_append (out, "=\"");
  for (const char *p = text->str; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append (out, "&quot;");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* <NAME>TEXT</NAME>, or with one attribute */
static void
append_html_element (GString    *out,
                     const char *name,
                     const char *attribute,
                     const char *value,
                     const char *text)
{
  g_string_append_c (out, '<');
  g_string_append (out, name);
  if (attribute != NULL)
    append_html_attribute (out, attribute, value, g_str_equal (attribute, "href"));
  g_string_append_c (out, '>');
  append_html_text (out, text);
  g_string_append (out, "</");
  g_string_append (out, name);
  g_string_append_c (out, '>');
}

/* The page up to the inside of <main>. Line breaks go where libxml2's HTML
 * serialiser put them, which pages were written with before, so that they
 * stay byte for byte the same: after each element of HTML 4 that is not
 * inline and has a sibling after it, and inside one whose children are
 * elements, but never beside text, nor within a <p>; <main> and <nav> are
 * not in HTML 4, and so never have line breaks around them. */
static void
begin_html_page (GString    *out,
                 const char *title)
{
  g_string_append (out,
                   "<!DOCTYPE html>\n"
                   "<html lang=\"en-GB\">\n"
                   "<head>\n"
                   "<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  append_html_element (out, "title", NULL, NULL, title != NULL ? title : "");
  /* Style sheets are written as they are */
  g_string_append (out, "\n<style>");
  g_string_append (out, page_style);
  g_string_append (out, "</style>\n</head>\n<body><main>");
}

static void
end_html_page (GString *out)
{
  g_string_append (out, "</main></body>\n</html>\n");
}

/* <ul> with @n_items items, before the first */
static void
begin_html_list (GString *out,
                 guint    n_items)
{
  g_string_append (out, n_items > 1 ? "<ul>\n" : "<ul>");
}

static void
end_html_list (GString *out,
               guint    n_items)
{
  g_string_append (out, n_items > 1 ? "\n</ul>" : "</ul>");
}

typedef struct {
  const StBlock *block;
  guint          n_children;   /* level-3 headings under a level-2 one */
} ContentsEntry;

static void
append_contents_link (GString       *out,
                      const StBlock *block)
{
  g_autofree char *href = g_strconcat ("#", block->anchor, NULL);

  append_html_element (out, "a", "href", href, block->text);
}

/* The list of level-2 headings, each with its level-3 headings under it
 * (and those before the first level-2 heading under the first of them) */
static void
write_html_contents (StDocument *document,
                     GString    *out)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ContentsEntry));
  guint n = st_document_get_n_blocks (document);

  for (guint i = 0; i < n; i++)
    {
      const StBlock *block = st_document_get_block (document, i);

      if (block->kind != ST_BLOCK_HEADING || block->anchor == NULL ||
          block->level < 2 || block->level > 3)
        continue;

      if (block->level == 2 || entries->len == 0)
        {
          ContentsEntry entry = { block, 0 };

          g_array_append_val (entries, entry);
        }
      else
        g_array_index (entries, ContentsEntry, entries->len - 1).n_children++;
    }

  g_string_append (out, "<nav aria-labelledby=\"contents\">");
  append_html_element (out, "h2", "id", "contents", _("Contents"));
  g_string_append_c (out, '\n');
  begin_html_list (out, entries->len);

  for (guint e = 0, i = 0; e < entries->len; e++)
    {
      ContentsEntry *entry = &g_array_index (entries, ContentsEntry, e);
      guint done = 0;

      if (e > 0)
        g_string_append_c (out, '\n');
      if (entry->n_children == 0)
        {
          g_string_append (out, "<li>");
          append_contents_link (out, entry->block);
          g_string_append (out, "</li>");
          continue;
        }

      g_string_append (out, "<li>\n");
      append_contents_link (out, entry->block);
      begin_html_list (out, entry->n_children);

      /* Its children are the level-3 headings after it */
      while (st_document_get_block (document, i) != entry->block)
        i++;
      for (i++; done < entry->n_children; i++)
        {
          const StBlock *block = st_document_get_block (document, i);

          if (block->kind != ST_BLOCK_HEADING || block->anchor == NULL || block->level != 3)
            continue;
          if (done++ > 0)
            g_string_append_c (out, '\n');
          g_string_append (out, "<li>");
          append_contents_link (out, block);
          g_string_append (out, "</li>");
        }

      end_html_list (out, entry->n_children);
      g_string_append (out, "\n</li>");
    }

  end_html_list (out, entries->len);
  g_string_append (out, "</nav>");
}

static gboolean
write_html (StDocument *document,
            Out        *out)
{
  guint n = st_document_get_n_blocks (document);
  gboolean line_break = FALSE;

  begin_html_page (out->buffer, st_document_get_title (document));

  for (guint i = 0; i < n; i++)
    {
      const StBlock *block = st_document_get_block (document, i);

      /* Between siblings in <main>, after any but <nav> */
      if (line_break)
        g_string_append_c (out->buffer, '\n');
      line_break = TRUE;

      switch (block->kind)
        {
        case ST_BLOCK_HEADING:
          {
            char name[3] = { 'h', '0' + CLAMP (block->level, 1, 4), '\0' };

            append_html_element (out->buffer, name, block->anchor != NULL ? "id" : NULL,
                                 block->anchor, block->text);
          }
          break;

        case ST_BLOCK_META:
          append_html_element (out->buffer, "p", "class", "meta", block->text);
          break;

        case ST_BLOCK_PARAGRAPH:
          append_html_element (out->buffer, "p", NULL, NULL, block->text);
          break;

        case ST_BLOCK_BULLET:
          {
            guint n_items = 1;

            /* Consecutive bullets are one list */
            while (i + n_items < n &&
                   st_document_get_block (document, i + n_items)->kind == ST_BLOCK_BULLET)
              n_items++;

            begin_html_list (out->buffer, n_items);
            for (guint j = 0; j < n_items; j++, i++)
              {
                if (j > 0)
                  g_string_append_c (out->buffer, '\n');
                append_html_element (out->buffer, "li", NULL, NULL,
                                     st_document_get_block (document, i)->text);
              }
            i--;
            end_html_list (out->buffer, n_items);
          }
          break;

        case ST_BLOCK_NOTE:
          append_html_element (out->buffer, "p", "class", "note", block->text);
          break;

        case ST_BLOCK_CONTENTS:
          write_html_contents (document, out->buffer);
          line_break = FALSE;
          break;

        default:
          g_assert_not_reached ();
        }

      if (!out_step (out))
        return FALSE;
    }

  end_html_page (out->buffer);
  return TRUE;
}

GBytes *
st_export_html (StDocument *document)
{
  Out out;

  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);

  out_init (&out, NULL, NULL);
  write_html (document, &out);
  return out_free_to_bytes (&out);
}

/* Markdown ************************************************************/

/* Backslash escapes keep the text literal in kramdown (govspeak's base)
 * and CommonMark alike, for the characters both can escape. Others are
 * written as character references: "&" as "&amp;", and govspeak's callout
 * marks at the start of a line ("^", "%", "@", "~") as numeric ones. */
static void
append_markdown_text (GString    *out,
                      const char *text)
{
  const char *p = text;

  /* At the start of a line, block syntax: headings, quotes, list markers,
   * numbered lists and govspeak's callouts */
  if (*p == '#' || *p == '>' || *p == '-' || *p == '+' || *p == '=' || *p == ':')
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p++);
    }
  else if (*p == '^' || *p == '%' || *p == '@' || *p == '~')
    {
      g_string_append_printf (out, "&#%d;", *p++);
    }
  else if (g_ascii_isdigit (*p))
    {
      const char *q = p;

      while (g_ascii_isdigit (*q))
        q++;
      if (*q == '.' || *q == ')')
        {
          g_string_append_len (out, p, q - p);
          g_string_append_c (out, '\\');
          g_string_append_c (out, *q);
          p = q + 1;
        }
    }
  else if (*p == ' ' || *p == '\t')
    {
      /* Indentation would make a code block */
      g_string_append (out, "&#32;");
      p++;
    }

  for (; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': case '*': case '_': case '[': case ']': case '<': case '>':
        case '`': case '|': case '{': case '}': case '$': case '!':
        case '"': case '\'':
          /* Quotes too: kramdown would make straight ones curly */
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '-':
        case '.':
          /* "--" and "..." would become dashes and an ellipsis */
          if (p[1] == *p || (p > text && p[-1] == *p))
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '&':
          g_string_append (out, "&amp;");
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

static gboolean
write_markdown (StDocument *document,
                Out        *out)
{
  guint n = st_document_get_n_blocks (document);
  StBlockKind previous = ST_BLOCK_CONTENTS;

  for (guint i = 0; i < n; i++)
    {
      const StBlock *block = st_document_get_block (document, i);

      /* The publisher has its own fields for the title and the date, and
       * makes the contents list from the "##" headings */
      if ((block->kind == ST_BLOCK_HEADING && block->level == 1) ||
          block->kind == ST_BLOCK_META || block->kind == ST_BLOCK_CONTENTS)
        continue;

      if (out_length (out) > 0)
        g_string_append (out->buffer, block->kind == ST_BLOCK_BULLET && previous == ST_BLOCK_BULLET ? "\n" : "\n\n");
      previous = block->kind;

      switch (block->kind)
        {
        case ST_BLOCK_HEADING:
          for (guint l = 0; l < CLAMP (block->level, 2, 4); l++)
            g_string_append_c (out->buffer, '#');
          g_string_append_c (out->buffer, ' ');
          append_markdown_text (out->buffer, block->text);
          break;

        case ST_BLOCK_BULLET:
          g_string_append (out->buffer, "- ");
          append_markdown_text (out->buffer, block->text);
          break;

        case ST_BLOCK_PARAGRAPH:
        case ST_BLOCK_NOTE:
          append_markdown_text (out->buffer, block->text);
          break;

        case ST_BLOCK_META:
        case ST_BLOCK_CONTENTS:
        default:
          g_assert_not_reached ();
        }

      if (!out_step (out))
        return FALSE;
    }
  if (out_length (out) > 0)
    g_string_append_c (out->buffer, '\n');
  return TRUE;
}

GBytes *
st_export_markdown (StDocument *document)
{
  Out out;

  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);

  out_init (&out, NULL, NULL);
  write_markdown (document, &out);
  return out_free_to_bytes (&out);
}

/* Sites ***************************************************************/

char *
st_export_view_filename (const char     *view,
                         StExportFormat  format)
{
  GString *name = g_string_new (NULL);

  g_return_val_if_fail (view != NULL, NULL);

  for (const char *p = view; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (name, g_ascii_tolower (*p));
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  if (name->len == 0)
    g_string_append (name, "page");
  g_string_append_c (name, '.');
  g_string_append (name, st_export_format_get_extension (format));
  return g_string_free (name, FALSE);
}

char *
st_export_suggest_filename (const char     *report_filename,
                            const char     *view,
                            StExportFormat  format)
{
  g_autofree char *base = NULL;
  g_autofree char *page = NULL;

  g_return_val_if_fail (view != NULL, NULL);

  if (report_filename != NULL)
    {
      base = g_path_get_basename (report_filename);
      if (g_str_has_suffix (base, ".stocktake"))
        base[strlen (base) - strlen (".stocktake")] = '\0';
    }
  /* g_path_get_basename() gives "." or "/" for a name with none */
  if (base == NULL || *base == '\0' || g_str_equal (base, ".") || g_str_equal (base, G_DIR_SEPARATOR_S))
    {
      g_free (base);
      base = g_strdup ("report");
    }

  if (g_str_equal (view, "all") || g_str_equal (view, "site"))
    return g_strconcat (base, ".", st_export_format_get_extension (format), NULL);
  page = st_export_view_filename (view, format);
  return g_strconcat (base, "-", page, NULL);
}

typedef struct {
  char       *filename;
  char       *view;
  StDocument *document;  /* NULL for the index */
} SitePage;

static void
site_page_free (SitePage *page)
{
  g_free (page->filename);
  g_free (page->view);
  g_clear_object (&page->document);
  g_free (page);
}

/* Everything a site export needs, built in the calling thread so that the
 * report can change while the pages are written */
typedef struct {
  StExportFormat  format;
  char           *path;        /* a file, or the site's directory */
  gboolean        site;
  GPtrArray      *pages;       /* SitePage* */
  char           *index_title;
  GDate           updated;
  char           *updated_text;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->pages, g_ptr_array_unref);
  g_free (job->index_title);
  g_free (job->updated_text);
  g_free (job);
}

static ExportJob *
export_job_new_site (StReport       *report,
                     StViewContent   content,
                     StExportFormat  format,
                     const char     *directory,
                     GError        **error)
{
  ExportJob *job = g_new0 (ExportJob, 1);
  StTemplate *template = st_report_get_template (report);
  g_autoptr(GPtrArray) views = st_document_list_views (report);
  const char *title = st_template_get_layout (template, ST_LAYOUT_DOCUMENT_TITLE);
  const char *updated = st_template_get_layout (template, ST_LAYOUT_UPDATED);

  job->format = format;
  job->path = g_strdup (directory);
  job->site = TRUE;
  job->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) site_page_free);
  job->index_title = g_strdup (title != NULL ? title : st_template_get_title (template));
  g_date_clear (&job->updated, 1);
  if (st_report_get_updated (report) != NULL)
    {
      job->updated = *st_report_get_updated (report);
      job->updated_text = st_template_expand (template, updated, NULL, NULL, &job->updated);
    }

  for (guint i = 0; i < views->len; i++)
    {
      const char *view = g_ptr_array_index (views, i);
      g_autoptr(GError) local_error = NULL;
      StDocument *document = st_document_new_for_view_full (report, view, content, &local_error);
      SitePage *page;

      /* For publication, a page with nothing approved on it is left out
       * of the site, and so of its index */
      if (g_error_matches (local_error, ST_ERROR, ST_ERROR_NOT_APPROVED))
        continue;
      if (document == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          export_job_free (job);
          return NULL;
        }
      page = g_new0 (SitePage, 1);
      page->view = g_strdup (view);
      page->filename = st_export_view_filename (page->view, format);
      page->document = document;
      g_ptr_array_add (job->pages, page);
    }
  return job;
}

/* The index page: the title, the date and a list of every page */
static gboolean
write_index (ExportJob     *job,
             GOutputStream *stream,
             GCancellable  *cancellable,
             GError       **error)
{
  Out out;

  if (job->format == ST_EXPORT_ODT || job->format == ST_EXPORT_PDF)
    {
      /* A document of its own: the title, the date and the pages' titles */
      g_autoptr(StDocument) index = st_document_new ("index", job->index_title, &job->updated);

      st_document_append (index, ST_BLOCK_HEADING, 1, job->index_title, NULL, NULL, NULL, NULL);
      if (job->updated_text != NULL)
        st_document_append (index, ST_BLOCK_META, 0, job->updated_text, NULL, NULL, NULL, NULL);
      for (guint i = 0; i < job->pages->len; i++)
        {
          SitePage *page = g_ptr_array_index (job->pages, i);
          g_autofree char *line = g_strdup_printf ("%s (%s)", st_document_get_title (page->document),
                                                   page->filename);

          st_document_append (index, ST_BLOCK_BULLET, 0, line, NULL, NULL, NULL, NULL);
        }
      return st_export_document_to_stream (index, job->format, stream, cancellable, error);
    }

  out_init (&out, stream, cancellable);
  switch (job->format)
    {
    case ST_EXPORT_HTML:
      begin_html_page (out.buffer, job->index_title);
      append_html_element (out.buffer, "h1", NULL, NULL, job->index_title);
      g_string_append_c (out.buffer, '\n');
      if (job->updated_text != NULL)
        {
          append_html_element (out.buffer, "p", "class", "meta", job->updated_text);
          g_string_append_c (out.buffer, '\n');
        }
      begin_html_list (out.buffer, job->pages->len);
      for (guint i = 0; i < job->pages->len; i++)
        {
          SitePage *page = g_ptr_array_index (job->pages, i);

          if (i > 0)
            g_string_append_c (out.buffer, '\n');
          g_string_append (out.buffer, "<li>");
          append_html_element (out.buffer, "a", "href", page->filename,
                               st_document_get_title (page->document));
          g_string_append (out.buffer, "</li>");
        }
      end_html_list (out.buffer, job->pages->len);
      end_html_page (out.buffer);
      break;

    case ST_EXPORT_MARKDOWN:
      for (guint i = 0; i < job->pages->len; i++)
        {
          SitePage *page = g_ptr_array_index (job->pages, i);

          g_string_append (out.buffer, "- [");
          append_markdown_text (out.buffer, st_document_get_title (page->document));
          g_string_append (out.buffer, "](");
          g_string_append (out.buffer, page->filename);
          g_string_append (out.buffer, ")\n");
        }
      break;

    case ST_EXPORT_TEXT:
    default:
      g_string_append (out.buffer, job->index_title);
      if (job->updated_text != NULL)
        g_string_append_printf (out.buffer, "\n%s", job->updated_text);
      for (guint i = 0; i < job->pages->len; i++)
        {
          SitePage *page = g_ptr_array_index (job->pages, i);

          g_string_append_printf (out.buffer, "\n%s: %s", page->filename,
                                  st_document_get_title (page->document));
        }
      break;
    }
  out_flush (&out);
  return out_clear (&out, error);
}

/* Writing files *******************************************************/

typedef struct {
  StDocument     *document;
  StExportFormat  format;
} DocumentWrite;

static gboolean
write_document_stream (GOutputStream *stream,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  DocumentWrite *write = data;

  return st_export_document_to_stream (write->document, write->format, stream, cancellable, error);
}

gboolean
st_export_document_to_file (StDocument      *document,
                            StExportFormat   format,
                            const char      *path,
                            GCancellable    *cancellable,
                            GError         **error)
{
  DocumentWrite write = { document, format };

  g_return_val_if_fail (ST_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format_info (format) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This build cannot export that format"));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return st_output_write_file (path, 0666, write_document_stream, &write, cancellable, error);
}

static gboolean
write_index_stream (GOutputStream *stream,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return write_index (data, stream, cancellable, error);
}

static gboolean
run_job (ExportJob             *job,
         GCancellable          *cancellable,
         StExportProgressFunc   progress,
         gpointer               progress_data,
         GError               **error)
{
  guint total;

  if (!job->site)
    {
      SitePage *page = g_ptr_array_index (job->pages, 0);

      if (!st_export_document_to_file (page->document, job->format, job->path, cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress (1, 1, page->view, progress_data);
      return TRUE;
    }

  if (g_mkdir_with_parents (job->path, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot make the folder “%s”: %s"), job->path, g_strerror (saved));
      return FALSE;
    }

  total = job->pages->len + 1;
  for (guint i = 0; i <= job->pages->len; i++)
    {
      g_autofree char *path = NULL;
      const char *view;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (i < job->pages->len)
        {
          SitePage *page = g_ptr_array_index (job->pages, i);

          path = g_build_filename (job->path, page->filename, NULL);
          view = page->view;
          if (!st_export_document_to_file (page->document, job->format, path, cancellable, error))
            return FALSE;
        }
      else
        {
          g_autofree char *name = st_export_view_filename ("index", job->format);

          path = g_build_filename (job->path, name, NULL);
          view = "index";
          if (!st_output_write_file (path, 0666, write_index_stream, job, cancellable, error))
            return FALSE;
        }

      if (progress != NULL)
        progress (i + 1, total, view, progress_data);
    }
  return TRUE;
}

gboolean
st_export_site (StReport              *report,
                StViewContent          content,
                StExportFormat         format,
                const char            *directory,
                GCancellable          *cancellable,
                StExportProgressFunc   progress,
                gpointer               progress_data,
                GError               **error)
{
  ExportJob *job;
  gboolean ok;

  g_return_val_if_fail (ST_IS_REPORT (report), FALSE);
  g_return_val_if_fail (format_info (format) != NULL, FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = export_job_new_site (report, content, format, directory, error);
  if (job == NULL)
    return FALSE;
  ok = run_job (job, cancellable, progress, progress_data, error);
  export_job_free (job);
  return ok;
}

/* Asynchronous export *************************************************/

typedef struct {
  ExportJob            *job;
  StExportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_data_free;
  GMainContext         *context;
} AsyncData;

typedef struct {
  AsyncData *data;
  guint      done;
  guint      total;
  char      *view;
  GTask     *task;    /* keeps data alive until the report arrives */
} ProgressReport;

static void
async_data_free (AsyncData *data)
{
  export_job_free (data->job);
  if (data->progress_data_free != NULL)
    data->progress_data_free (data->progress_data);
  g_main_context_unref (data->context);
  g_free (data);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->data->progress (report->done, report->total, report->view, report->data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer user_data)
{
  ProgressReport *report = user_data;

  g_free (report->view);
  g_object_unref (report->task);
  g_free (report);
}

/* Runs in the worker thread: hands each step to the caller's context */
static void
post_progress (guint       done,
               guint       total,
               const char *view,
               gpointer    user_data)
{
  GTask *task = user_data;
  AsyncData *data = g_task_get_task_data (task);
  ProgressReport *report;
  GSource *source;

  if (data->progress == NULL)
    return;

  report = g_new0 (ProgressReport, 1);
  report->data = data;
  report->done = done;
  report->total = total;
  report->view = g_strdup (view);
  report->task = g_object_ref (task);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_progress, report, progress_report_free);
  g_source_set_static_name (source, "[stocktake] export progress");
  g_source_attach (source, data->context);
  g_source_unref (source);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncData *data = task_data;
  GError *error = NULL;

  if (run_job (data->job, cancellable, post_progress, task, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
st_export_to_file_async (StReport             *report,
                         const char           *view,
                         StViewContent         content,
                         StExportFormat        format,
                         const char           *path,
                         GCancellable         *cancellable,
                         StExportProgressFunc  progress,
                         gpointer              progress_data,
                         GDestroyNotify        progress_data_free,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AsyncData *data;
  ExportJob *job;

  g_return_if_fail (ST_IS_REPORT (report));
  g_return_if_fail (view != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (report, cancellable, callback, user_data);
  g_task_set_source_tag (task, st_export_to_file_async);
  g_task_set_name (task, "[stocktake] export");

  if (format_info (format) == NULL)
    {
      if (progress_data_free != NULL)
        progress_data_free (progress_data);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("This build cannot export that format"));
      return;
    }

  /* The documents are built now, from the report as it is */
  if (g_str_equal (view, "site"))
    job = export_job_new_site (report, content, format, path, &error);
  else
    {
      StDocument *document = st_document_new_for_view_full (report, view, content, &error);

      job = NULL;
      if (document != NULL)
        {
          SitePage *page = g_new0 (SitePage, 1);

          page->view = g_strdup (view);
          page->document = document;
          job = g_new0 (ExportJob, 1);
          job->format = format;
          job->path = g_strdup (path);
          job->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) site_page_free);
          g_ptr_array_add (job->pages, page);
        }
    }

  if (job == NULL)
    {
      if (progress_data_free != NULL)
        progress_data_free (progress_data);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (AsyncData, 1);
  data->job = job;
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_free = progress_data_free;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
st_export_to_file_finish (StReport      *report,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (ST_IS_REPORT (report), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, report), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == st_export_to_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
