/* st-export.c: documents as published text, HTML and Markdown
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTML is built as a libxml2 tree and serialised by libxml2, so that text
 * is always escaped by the library and never pasted into markup.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <errno.h>
#include <string.h>

#include "st-export.h"
#include "st-odt-writer.h"
#include "st-pdf-writer.h"

typedef GBytes *(*RenderFunc) (StDocument *document,
                               GError    **error);

typedef struct {
  StExportFormat  format;
  const char     *name;
  const char     *extension;
  RenderFunc      render;
} FormatInfo;

static GBytes *render_text     (StDocument *document, GError **error);
static GBytes *render_html     (StDocument *document, GError **error);
static GBytes *render_markdown (StDocument *document, GError **error);

/* One row per format: a new format is a new row and its render function */
static const FormatInfo formats[] = {
  { ST_EXPORT_TEXT,     "text",     "txt",  render_text },
  { ST_EXPORT_HTML,     "html",     "html", render_html },
  { ST_EXPORT_MARKDOWN, "markdown", "md",   render_markdown },
  { ST_EXPORT_ODT,      "odt",      "odt",  st_export_odt },
  { ST_EXPORT_PDF,      "pdf",      "pdf",  st_export_pdf_to_bytes },
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

GBytes *
st_export_document (StDocument     *document,
                    StExportFormat  format,
                    GError        **error)
{
  const FormatInfo *info;

  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = format_info (format);
  if (info == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This build cannot export that format"));
      return NULL;
    }
  return info->render (document, error);
}

/* Text ****************************************************************/

static GBytes *
render_text (StDocument *document,
             GError    **error)
{
  GString *out = g_string_sized_new (4096);
  guint n = st_document_get_n_blocks (document);
  gboolean first = TRUE;

  for (guint i = 0; i < n; i++)
    {
      const StBlock *block = st_document_get_block (document, i);

      if (block->kind == ST_BLOCK_CONTENTS)
        continue;
      if (!first)
        g_string_append_c (out, '\n');
      first = FALSE;
      if (block->kind == ST_BLOCK_BULLET)
        g_string_append (out, "- ");
      g_string_append (out, block->text);
    }

  return g_string_free_to_bytes (out);
}

GBytes *
st_export_text (StDocument *document)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);
  return render_text (document, NULL);
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

#define XSTR(s) ((const xmlChar *) (s))

static xmlNodePtr
add_element (xmlNodePtr  parent,
             const char *name,
             const char *text)
{
  xmlNodePtr node = xmlNewChild (parent, NULL, XSTR (name), NULL);

  if (text != NULL)
    xmlAddChild (node, xmlNewText (XSTR (text)));
  return node;
}

/* Sets an id without entering it in the document's table of ids, which
 * xmlNewProp() does for every "id" of an HTML document and which costs
 * more than the rest of a large page */
static void
set_id (xmlNodePtr  node,
        const char *id)
{
  xmlAttrPtr attr = xmlNewDocProp (node->doc, XSTR ("id"), NULL);
  xmlAttrPtr last = node->properties;

  xmlAddChild ((xmlNodePtr) attr, xmlNewDocText (node->doc, XSTR (id)));
  attr->parent = node;
  if (last == NULL)
    node->properties = attr;
  else
    {
      while (last->next != NULL)
        last = last->next;
      last->next = attr;
      attr->prev = last;
    }
}

static xmlDocPtr
new_html_doc (const char  *title,
              xmlNodePtr  *body)
{
  xmlDocPtr doc = htmlNewDocNoDtD (NULL, NULL);
  xmlNodePtr html, head, meta;

  /* Element names are shared, not copied for each element */
  doc->dict = xmlDictCreate ();

  xmlCreateIntSubset (doc, XSTR ("html"), NULL, NULL);
  html = xmlNewDocNode (doc, NULL, XSTR ("html"), NULL);
  xmlDocSetRootElement (doc, html);
  xmlNewProp (html, XSTR ("lang"), XSTR ("en-GB"));

  head = add_element (html, "head", NULL);
  meta = add_element (head, "meta", NULL);
  xmlNewProp (meta, XSTR ("charset"), XSTR ("utf-8"));
  meta = add_element (head, "meta", NULL);
  xmlNewProp (meta, XSTR ("name"), XSTR ("viewport"));
  xmlNewProp (meta, XSTR ("content"), XSTR ("width=device-width, initial-scale=1"));
  add_element (head, "title", title);
  add_element (head, "style", page_style);

  *body = add_element (html, "body", NULL);
  return doc;
}

/* htmlDocContentDumpFormatOutput() writes the tree as it is: the other
 * ways of saving HTML add a second, http-equiv charset declaration */
static GBytes *
dump_html (xmlDocPtr doc,
           gsize     size_hint)
{
  xmlBufferPtr buffer = xmlBufferCreateSize (MIN (size_hint, (gsize) G_MAXINT / 2));
  xmlOutputBufferPtr output;
  xmlChar *content;
  GBytes *bytes;
  int length;

  output = xmlOutputBufferCreateBuffer (buffer, xmlFindCharEncodingHandler ("UTF-8"));
  htmlDocContentDumpFormatOutput (output, doc, "UTF-8", 1);
  xmlOutputBufferClose (output);

  /* The page is handed over, not copied: it can be megabytes */
  length = xmlBufferLength (buffer);
  content = xmlBufferDetach (buffer);
  xmlBufferFree (buffer);
  bytes = g_bytes_new_with_free_func (content, length, (GDestroyNotify) xmlFree, content);
  return bytes;
}

static void
add_contents (StDocument *document,
              xmlNodePtr  body)
{
  xmlNodePtr nav, list, sublist = NULL, entry = NULL, link;
  guint n = st_document_get_n_blocks (document);
  const char *label = _("Contents");

  nav = add_element (body, "nav", NULL);
  xmlNewProp (nav, XSTR ("aria-labelledby"), XSTR ("contents"));
  set_id (add_element (nav, "h2", label), "contents");
  list = add_element (nav, "ul", NULL);

  for (guint i = 0; i < n; i++)
    {
      const StBlock *block = st_document_get_block (document, i);
      g_autofree char *href = NULL;

      if (block->kind != ST_BLOCK_HEADING || block->anchor == NULL ||
          block->level < 2 || block->level > 3)
        continue;

      href = g_strconcat ("#", block->anchor, NULL);
      if (block->level == 2 || entry == NULL)
        {
          entry = add_element (list, "li", NULL);
          sublist = NULL;
          link = add_element (entry, "a", block->text);
        }
      else
        {
          if (sublist == NULL)
            sublist = add_element (entry, "ul", NULL);
          link = add_element (add_element (sublist, "li", NULL), "a", block->text);
        }
      xmlNewProp (link, XSTR ("href"), XSTR (href));
    }
}

static GBytes *
render_html (StDocument *document,
             GError    **error)
{
  xmlNodePtr body, main_node, list = NULL;
  xmlDocPtr doc;
  GBytes *bytes;
  guint n = st_document_get_n_blocks (document);
  gsize size_hint;

  doc = new_html_doc (st_document_get_title (document), &body);
  main_node = add_element (body, "main", NULL);
  size_hint = sizeof page_style + 512;

  for (guint i = 0; i < n; i++)
    {
      const StBlock *block = st_document_get_block (document, i);
      xmlNodePtr node = NULL;

      /* Text, a few characters escaped, and the tags around it */
      size_hint += strlen (block->text) + strlen (block->text) / 16 + 32;
      if (block->kind != ST_BLOCK_BULLET)
        list = NULL;

      switch (block->kind)
        {
        case ST_BLOCK_HEADING:
          {
            char name[3] = { 'h', '0' + CLAMP (block->level, 1, 4), '\0' };

            node = add_element (main_node, name, block->text);
            if (block->anchor != NULL)
              set_id (node, block->anchor);
          }
          break;

        case ST_BLOCK_META:
          node = add_element (main_node, "p", block->text);
          xmlNewProp (node, XSTR ("class"), XSTR ("meta"));
          break;

        case ST_BLOCK_PARAGRAPH:
          add_element (main_node, "p", block->text);
          break;

        case ST_BLOCK_BULLET:
          if (list == NULL)
            list = add_element (main_node, "ul", NULL);
          add_element (list, "li", block->text);
          break;

        case ST_BLOCK_NOTE:
          node = add_element (main_node, "p", block->text);
          xmlNewProp (node, XSTR ("class"), XSTR ("note"));
          break;

        case ST_BLOCK_CONTENTS:
          add_contents (document, main_node);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  bytes = dump_html (doc, size_hint);
  xmlFreeDoc (doc);
  return bytes;
}

GBytes *
st_export_html (StDocument *document)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);
  return render_html (document, NULL);
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

static GBytes *
render_markdown (StDocument *document,
                 GError    **error)
{
  GString *out = g_string_sized_new (4096);
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

      if (out->len > 0)
        g_string_append (out, block->kind == ST_BLOCK_BULLET && previous == ST_BLOCK_BULLET ? "\n" : "\n\n");
      previous = block->kind;

      switch (block->kind)
        {
        case ST_BLOCK_HEADING:
          for (guint l = 0; l < CLAMP (block->level, 2, 4); l++)
            g_string_append_c (out, '#');
          g_string_append_c (out, ' ');
          append_markdown_text (out, block->text);
          break;

        case ST_BLOCK_BULLET:
          g_string_append (out, "- ");
          append_markdown_text (out, block->text);
          break;

        case ST_BLOCK_PARAGRAPH:
        case ST_BLOCK_NOTE:
          append_markdown_text (out, block->text);
          break;

        case ST_BLOCK_META:
        case ST_BLOCK_CONTENTS:
        default:
          g_assert_not_reached ();
        }
    }
  if (out->len > 0)
    g_string_append_c (out, '\n');

  return g_string_free_to_bytes (out);
}

GBytes *
st_export_markdown (StDocument *document)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);
  return render_markdown (document, NULL);
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
      SitePage *page = g_new0 (SitePage, 1);

      page->view = g_strdup (g_ptr_array_index (views, i));
      page->filename = st_export_view_filename (page->view, format);
      page->document = st_document_new_for_view (report, page->view, error);
      g_ptr_array_add (job->pages, page);
      if (page->document == NULL)
        {
          export_job_free (job);
          return NULL;
        }
    }
  return job;
}

/* The index page: the title, the date and a list of every page */
static GBytes *
render_index (ExportJob *job)
{
  switch (job->format)
    {
    case ST_EXPORT_HTML:
      {
        xmlNodePtr body, main_node, list, link, meta;
        xmlDocPtr doc = new_html_doc (job->index_title, &body);
        GBytes *bytes;

        main_node = add_element (body, "main", NULL);
        add_element (main_node, "h1", job->index_title);
        if (job->updated_text != NULL)
          {
            meta = add_element (main_node, "p", job->updated_text);
            xmlNewProp (meta, XSTR ("class"), XSTR ("meta"));
          }
        list = add_element (main_node, "ul", NULL);
        for (guint i = 0; i < job->pages->len; i++)
          {
            SitePage *page = g_ptr_array_index (job->pages, i);

            link = add_element (add_element (list, "li", NULL), "a",
                                st_document_get_title (page->document));
            xmlNewProp (link, XSTR ("href"), XSTR (page->filename));
          }
        bytes = dump_html (doc, 4096 + 200 * job->pages->len);
        xmlFreeDoc (doc);
        return bytes;
      }

    case ST_EXPORT_MARKDOWN:
      {
        GString *out = g_string_new (NULL);

        for (guint i = 0; i < job->pages->len; i++)
          {
            SitePage *page = g_ptr_array_index (job->pages, i);

            g_string_append (out, "- [");
            append_markdown_text (out, st_document_get_title (page->document));
            g_string_append (out, "](");
            g_string_append (out, page->filename);
            g_string_append (out, ")\n");
          }
        return g_string_free_to_bytes (out);
      }

    case ST_EXPORT_ODT:
    case ST_EXPORT_PDF:
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
        return st_export_document (index, job->format, NULL);
      }

    case ST_EXPORT_TEXT:
    default:
      {
        GString *out = g_string_new (job->index_title);

        if (job->updated_text != NULL)
          g_string_append_printf (out, "\n%s", job->updated_text);
        for (guint i = 0; i < job->pages->len; i++)
          {
            SitePage *page = g_ptr_array_index (job->pages, i);

            g_string_append_printf (out, "\n%s: %s", page->filename,
                                    st_document_get_title (page->document));
          }
        return g_string_free_to_bytes (out);
      }
    }
}

static gboolean
write_bytes (const char  *path,
             GBytes      *bytes,
             GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* g_file_set_contents() writes a temporary file and renames it */
  return g_file_set_contents (path, data != NULL ? data : "", size, error);
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
      g_autoptr(GBytes) bytes = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      bytes = st_export_document (page->document, job->format, error);
      if (bytes == NULL || !write_bytes (job->path, bytes, error))
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
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *path = NULL;
      const char *view;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (i < job->pages->len)
        {
          SitePage *page = g_ptr_array_index (job->pages, i);

          bytes = st_export_document (page->document, job->format, error);
          if (bytes == NULL)
            return FALSE;
          path = g_build_filename (job->path, page->filename, NULL);
          view = page->view;
        }
      else
        {
          g_autofree char *name = st_export_view_filename ("index", job->format);

          bytes = render_index (job);
          if (bytes == NULL)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                                   _("Could not make the index page"));
              return FALSE;
            }
          path = g_build_filename (job->path, name, NULL);
          view = "index";
        }

      if (!write_bytes (path, bytes, error))
        return FALSE;
      if (progress != NULL)
        progress (i + 1, total, view, progress_data);
    }
  return TRUE;
}

gboolean
st_export_site (StReport              *report,
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

  job = export_job_new_site (report, format, directory, error);
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
    job = export_job_new_site (report, format, path, &error);
  else
    {
      StDocument *document = st_document_new_for_view (report, view, &error);

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
