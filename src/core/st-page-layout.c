/* st-page-layout.c
 *
 * Pagination keeps only the measurements of each line: a large document
 * has tens of thousands of paragraphs, and keeping a PangoLayout for each
 * would take hundreds of megabytes. Drawing a page lays its few paragraphs
 * out again with the same context, which gives the same lines.
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "st-odt-writer.h"
#include "st-page-layout.h"

#define FONT_FAMILY "Liberation Sans,Arial,sans-serif"

/* The colours of GOV.UK's text, secondary text and borders */
#define TEXT_COLOUR      0x0b / 255.0, 0x0c / 255.0, 0x0c / 255.0
#define SECONDARY_COLOUR 0x50 / 255.0, 0x5a / 255.0, 0x5f / 255.0
#define RULE_COLOUR      0xb1 / 255.0, 0xb4 / 255.0, 0xb6 / 255.0

#define BULLET_INDENT     18.0   /* the text of a list item */
#define BULLET_X           4.0   /* its bullet */
#define NOTE_INDENT       12.0
#define NOTE_RULE_WIDTH    3.0
#define CONTENTS_INDENT   14.0   /* per level below the first */
#define CONTENTS_NUMBER   36.0   /* room kept for the page number */
#define CONTENTS_HANG     12.0   /* the indent of an entry's further lines */

typedef enum {
  STYLE_HEADING_1,
  STYLE_HEADING_2,
  STYLE_HEADING_3,
  STYLE_HEADING_4,
  STYLE_META,
  STYLE_BODY,
  STYLE_BULLET,
  STYLE_NOTE,
  STYLE_CONTENTS_TITLE,
  STYLE_CONTENTS_ENTRY,
  STYLE_RUNNING,          /* the running header and footer */
  N_STYLES
} StyleId;

typedef struct {
  double   size;
  gboolean bold;
  gboolean italic;
  gboolean secondary;
  double   space_before;
  double   space_after;
  double   line_spacing;   /* a factor of the font's height; 0 for the font's own */
} TextStyle;

static const TextStyle styles[N_STYLES] = {
  [STYLE_HEADING_1]      = { 20, TRUE,  FALSE, FALSE,  0, 6, 0 },
  [STYLE_HEADING_2]      = { 16, TRUE,  FALSE, FALSE, 20, 6, 0 },
  [STYLE_HEADING_3]      = { 13, TRUE,  FALSE, FALSE, 14, 4, 0 },
  [STYLE_HEADING_4]      = { 11, TRUE,  FALSE, FALSE, 10, 3, 0 },
  [STYLE_META]           = { 10, FALSE, FALSE, TRUE,   0, 12, 0 },
  [STYLE_BODY]           = { 11, FALSE, FALSE, FALSE,  0, 7, 1.2 },
  [STYLE_BULLET]         = { 11, FALSE, FALSE, FALSE,  0, 7, 1.2 },
  [STYLE_NOTE]           = { 11, FALSE, TRUE,  FALSE,  4, 9, 1.2 },
  [STYLE_CONTENTS_TITLE] = { 16, TRUE,  FALSE, FALSE, 14, 8, 0 },
  [STYLE_CONTENTS_ENTRY] = { 11, FALSE, FALSE, FALSE,  0, 4, 0 },
  [STYLE_RUNNING]        = {  9, FALSE, FALSE, TRUE,   0, 0, 0 },
};

typedef enum {
  ITEM_BLOCK,
  ITEM_CONTENTS_TITLE,
  ITEM_CONTENTS_ENTRY,    /* block is the heading it lists */
} ItemKind;

/* One laid-out paragraph. A large document has tens of thousands: the
 * indent and the spaces are whole points, which floats hold exactly, and
 * the width follows from the indent (item_width()). */
typedef struct {
  guint8    kind;           /* ItemKind */
  guint8    style;          /* StyleId */
  guint8    level;          /* contents entries: 1 for the first level */
  guint8    keep_with_next : 1;
  guint8    splittable : 1;
  guint     block;
  float     x;              /* of the text, from the left margin */
  float     space_before;
  float     space_after;
  guint     first_line;     /* into lines */
  guint     n_lines;
  guint     first_page;     /* where its first and last lines went */
  guint     last_page;
} Item;

/* A line's extent and baseline, from the top of its paragraph, and where
 * it starts (indents move lines), in Pango units as Pango gives them: a
 * large document has a hundred thousand lines */
typedef struct {
  int x;
  int top;
  int bottom;
  int baseline;
} Line;

static inline double
points (int pango_units)
{
  return (double) pango_units / PANGO_SCALE;
}

/* Lines first_line … first_line + n_lines - 1 of an item (counted within
 * the item), their top at y below the top margin */
typedef struct {
  guint  item;
  guint  first_line;
  guint  n_lines;
  double y;
} Slice;

struct _StPageLayout
{
  GObject        parent_instance;

  StDocument    *document;
  double         page_width;
  double         page_height;
  double         margin_top;
  double         margin_right;
  double         margin_bottom;
  double         margin_left;
  gboolean       links;

  /* The pagination */
  PangoContext  *context;
  GArray        *items;        /* of Item */
  GArray        *lines;        /* of Line */
  GArray        *slices;       /* of Slice */
  GArray        *pages;        /* of guint: each page's first slice */
  GArray        *headings;     /* of StPageHeading */
  GArray        *block_heading; /* of guint: each block's index in headings, or G_MAXUINT */
  GArray        *block_item;    /* of guint: each block's item, or G_MAXUINT */
};

G_DEFINE_FINAL_TYPE (StPageLayout, st_page_layout, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_PAGE_WIDTH,
  PROP_PAGE_HEIGHT,
  PROP_MARGIN_TOP,
  PROP_MARGIN_RIGHT,
  PROP_MARGIN_BOTTOM,
  PROP_MARGIN_LEFT,
  PROP_LINKS,
  PROP_N_PAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_pagination (StPageLayout *self)
{
  gboolean had_pages = self->pages->len > 0;

  g_clear_object (&self->context);
  g_array_set_size (self->items, 0);
  g_array_set_size (self->lines, 0);
  g_array_set_size (self->slices, 0);
  g_array_set_size (self->pages, 0);
  g_array_set_size (self->headings, 0);
  g_array_set_size (self->block_heading, 0);
  g_array_set_size (self->block_item, 0);
  if (had_pages)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

static void
st_page_layout_finalize (GObject *object)
{
  StPageLayout *self = (StPageLayout *)object;

  g_clear_object (&self->document);
  g_clear_object (&self->context);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->slices, g_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->headings, g_array_unref);
  g_clear_pointer (&self->block_heading, g_array_unref);
  g_clear_pointer (&self->block_item, g_array_unref);

  G_OBJECT_CLASS (st_page_layout_parent_class)->finalize (object);
}

static void
st_page_layout_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StPageLayout *self = ST_PAGE_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_PAGE_WIDTH:
      g_value_set_double (value, self->page_width);
      break;
    case PROP_PAGE_HEIGHT:
      g_value_set_double (value, self->page_height);
      break;
    case PROP_MARGIN_TOP:
      g_value_set_double (value, self->margin_top);
      break;
    case PROP_MARGIN_RIGHT:
      g_value_set_double (value, self->margin_right);
      break;
    case PROP_MARGIN_BOTTOM:
      g_value_set_double (value, self->margin_bottom);
      break;
    case PROP_MARGIN_LEFT:
      g_value_set_double (value, self->margin_left);
      break;
    case PROP_LINKS:
      g_value_set_boolean (value, self->links);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, self->pages->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_dimension (StPageLayout *self,
               double       *field,
               double        value,
               guint         prop_id)
{
  if (*field == value)
    return;
  *field = value;
  clear_pagination (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
st_page_layout_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  StPageLayout *self = ST_PAGE_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_PAGE_WIDTH:
      set_dimension (self, &self->page_width, g_value_get_double (value), prop_id);
      break;
    case PROP_PAGE_HEIGHT:
      set_dimension (self, &self->page_height, g_value_get_double (value), prop_id);
      break;
    case PROP_MARGIN_TOP:
      set_dimension (self, &self->margin_top, g_value_get_double (value), prop_id);
      break;
    case PROP_MARGIN_RIGHT:
      set_dimension (self, &self->margin_right, g_value_get_double (value), prop_id);
      break;
    case PROP_MARGIN_BOTTOM:
      set_dimension (self, &self->margin_bottom, g_value_get_double (value), prop_id);
      break;
    case PROP_MARGIN_LEFT:
      set_dimension (self, &self->margin_left, g_value_get_double (value), prop_id);
      break;
    case PROP_LINKS:
      st_page_layout_set_links (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
dimension_pspec (const char *name,
                 double      default_value)
{
  return g_param_spec_double (name, NULL, NULL, 0, 14400, default_value,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
st_page_layout_class_init (StPageLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = st_page_layout_finalize;
  object_class->get_property = st_page_layout_get_property;
  object_class->set_property = st_page_layout_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         ST_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Points */
  properties[PROP_PAGE_WIDTH] = dimension_pspec ("page-width", ST_PAGE_A4_WIDTH);
  properties[PROP_PAGE_HEIGHT] = dimension_pspec ("page-height", ST_PAGE_A4_HEIGHT);
  properties[PROP_MARGIN_TOP] = dimension_pspec ("margin-top", ST_PAGE_MARGIN);
  properties[PROP_MARGIN_RIGHT] = dimension_pspec ("margin-right", ST_PAGE_MARGIN);
  properties[PROP_MARGIN_BOTTOM] = dimension_pspec ("margin-bottom", ST_PAGE_MARGIN);
  properties[PROP_MARGIN_LEFT] = dimension_pspec ("margin-left", ST_PAGE_MARGIN);
  properties[PROP_LINKS] =
    g_param_spec_boolean ("links", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
st_page_layout_init (StPageLayout *self)
{
  self->page_width = ST_PAGE_A4_WIDTH;
  self->page_height = ST_PAGE_A4_HEIGHT;
  self->margin_top = ST_PAGE_MARGIN;
  self->margin_right = ST_PAGE_MARGIN;
  self->margin_bottom = ST_PAGE_MARGIN;
  self->margin_left = ST_PAGE_MARGIN;
  self->links = TRUE;
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  self->slices = g_array_new (FALSE, FALSE, sizeof (Slice));
  self->pages = g_array_new (FALSE, FALSE, sizeof (guint));
  self->headings = g_array_new (FALSE, FALSE, sizeof (StPageHeading));
  self->block_heading = g_array_new (FALSE, FALSE, sizeof (guint));
  self->block_item = g_array_new (FALSE, FALSE, sizeof (guint));
}

StPageLayout *
st_page_layout_new (StDocument *document)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);

  return g_object_new (ST_TYPE_PAGE_LAYOUT, "document", document, NULL);
}

StDocument *
st_page_layout_get_document (StPageLayout *self)
{
  g_return_val_if_fail (ST_IS_PAGE_LAYOUT (self), NULL);
  return self->document;
}

void
st_page_layout_set_page_size (StPageLayout *self,
                              double        width,
                              double        height)
{
  g_return_if_fail (ST_IS_PAGE_LAYOUT (self));
  g_return_if_fail (width > 0 && height > 0);

  g_object_set (self, "page-width", width, "page-height", height, NULL);
}

double
st_page_layout_get_page_width (StPageLayout *self)
{
  g_return_val_if_fail (ST_IS_PAGE_LAYOUT (self), 0);
  return self->page_width;
}

double
st_page_layout_get_page_height (StPageLayout *self)
{
  g_return_val_if_fail (ST_IS_PAGE_LAYOUT (self), 0);
  return self->page_height;
}

void
st_page_layout_set_margins (StPageLayout *self,
                            double        top,
                            double        right,
                            double        bottom,
                            double        left)
{
  g_return_if_fail (ST_IS_PAGE_LAYOUT (self));
  g_return_if_fail (top >= 0 && right >= 0 && bottom >= 0 && left >= 0);

  g_object_set (self,
                "margin-top", top,
                "margin-right", right,
                "margin-bottom", bottom,
                "margin-left", left,
                NULL);
}

void
st_page_layout_set_links (StPageLayout *self,
                          gboolean      links)
{
  g_return_if_fail (ST_IS_PAGE_LAYOUT (self));

  links = !!links;
  if (self->links == links)
    return;
  self->links = links;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINKS]);
}

PangoContext *
st_page_layout_create_context (void)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: the same line breaks at any resolution */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_language (context, pango_language_from_string ("en-gb"));
  return context;
}

/* Laying text out */

static double
content_width (StPageLayout *self)
{
  return MAX (self->page_width - self->margin_left - self->margin_right, 72.0);
}

static double
content_height (StPageLayout *self)
{
  return MAX (self->page_height - self->margin_top - self->margin_bottom, 72.0);
}

static PangoLayout *
create_layout (PangoContext *context,
               StyleId       style_id,
               const char   *text,
               double        width)
{
  const TextStyle *style = &styles[style_id];
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  g_autofree char *safe = st_text_make_xml_safe (text);

  pango_font_description_set_size (font, (int) (style->size * PANGO_SCALE));
  pango_font_description_set_weight (font, style->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (font, style->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (style->line_spacing > 0)
    pango_layout_set_line_spacing (layout, style->line_spacing);
  /* A contents entry's further lines hang under its first */
  if (style_id == STYLE_CONTENTS_ENTRY)
    pango_layout_set_indent (layout, (int) (-CONTENTS_HANG * PANGO_SCALE));
  pango_layout_set_text (layout, safe, -1);
  return layout;
}

static const char *
contents_title (const StBlock *block)
{
  return *block->text != '\0' ? block->text : _("Contents");
}

static const char *
item_text (StPageLayout *self,
           const Item   *item)
{
  const StBlock *block = st_document_get_block (self->document, item->block);

  return item->kind == ITEM_CONTENTS_TITLE ? contents_title (block) : block->text;
}

/* The width of an item's lines: to the right margin, less the room kept
 * for a contents entry's page number */
static double
item_width (StPageLayout *self,
            const Item   *item)
{
  double width = content_width (self) - item->x;

  if (item->style == STYLE_CONTENTS_ENTRY)
    width -= CONTENTS_NUMBER;
  return width;
}

static PangoLayout *
item_layout (StPageLayout *self,
             const Item   *item)
{
  return create_layout (self->context, item->style, item_text (self, item), item_width (self, item));
}

static void
measure_item (StPageLayout *self,
              Item         *item)
{
  g_autoptr(PangoLayout) layout = item_layout (self, item);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  item->first_line = self->lines->len;
  item->n_lines = 0;
  do
    {
      PangoRectangle logical;
      int top, bottom;
      Line line;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line.x = logical.x;
      line.top = top;
      line.bottom = bottom;
      line.baseline = pango_layout_iter_get_baseline (iter);
      g_array_append_val (self->lines, line);
      item->n_lines++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
add_item (StPageLayout *self,
          ItemKind      kind,
          StyleId       style,
          guint         block,
          guint         level,
          double        x)
{
  Item item = {
    .kind = kind,
    .style = style,
    .block = block,
    .level = level,
    .x = x,
    .space_before = styles[style].space_before,
    .space_after = styles[style].space_after,
    .keep_with_next = FALSE,
    .splittable = TRUE,
  };

  switch (style)
    {
    case STYLE_HEADING_1:
    case STYLE_HEADING_2:
    case STYLE_HEADING_3:
    case STYLE_HEADING_4:
    case STYLE_CONTENTS_TITLE:
      item.keep_with_next = TRUE;
      item.splittable = FALSE;
      break;
    case STYLE_CONTENTS_ENTRY:
      item.splittable = FALSE;
      break;
    default:
      break;
    }

  measure_item (self, &item);
  if (kind != ITEM_CONTENTS_ENTRY)
    g_array_index (self->block_item, guint, block) = self->items->len;
  g_array_append_val (self->items, item);
}

static void
build_items (StPageLayout *self)
{
  guint n_blocks = st_document_get_n_blocks (self->document);

  for (guint i = 0; i < n_blocks; i++)
    {
      const StBlock *block = st_document_get_block (self->document, i);
      const StBlock *next = i + 1 < n_blocks ? st_document_get_block (self->document, i + 1) : NULL;

      switch (block->kind)
        {
        case ST_BLOCK_HEADING:
          add_item (self, ITEM_BLOCK, STYLE_HEADING_1 + CLAMP (block->level, 1, 4) - 1, i, block->level, 0);
          break;

        case ST_BLOCK_META:
          add_item (self, ITEM_BLOCK, STYLE_META, i, 0, 0);
          break;

        case ST_BLOCK_PARAGRAPH:
          add_item (self, ITEM_BLOCK, STYLE_BODY, i, 0, 0);
          break;

        case ST_BLOCK_BULLET:
          add_item (self, ITEM_BLOCK, STYLE_BULLET, i, 0, BULLET_INDENT);
          /* Items of one list sit closer than paragraphs */
          if (next != NULL && next->kind == ST_BLOCK_BULLET)
            g_array_index (self->items, Item, self->items->len - 1).space_after = 3;
          break;

        case ST_BLOCK_NOTE:
          add_item (self, ITEM_BLOCK, STYLE_NOTE, i, 0, NOTE_INDENT);
          break;

        case ST_BLOCK_CONTENTS:
          add_item (self, ITEM_CONTENTS_TITLE, STYLE_CONTENTS_TITLE, i, 0, 0);
          for (guint j = 0; j < n_blocks; j++)
            {
              const StBlock *heading = st_document_get_block (self->document, j);

              if (heading->kind == ST_BLOCK_HEADING
                  && heading->level >= ST_CONTENTS_MIN_LEVEL
                  && heading->level <= ST_CONTENTS_MAX_LEVEL)
                {
                  guint level = heading->level - ST_CONTENTS_MIN_LEVEL + 1;

                  add_item (self, ITEM_CONTENTS_ENTRY, STYLE_CONTENTS_ENTRY, j, level,
                            CONTENTS_INDENT * (level - 1));
                }
            }
          /* A little more room after the contents */
          if (self->items->len > 0)
            g_array_index (self->items, Item, self->items->len - 1).space_after = 18;
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* Breaking into pages */

static const Line *
item_line (StPageLayout *self,
           const Item   *item,
           guint         line)
{
  return &g_array_index (self->lines, Line, item->first_line + line);
}

/* The height of lines first … first + n - 1 of an item */
static double
lines_height (StPageLayout *self,
              const Item   *item,
              guint         first,
              guint         n)
{
  if (n == 0)
    return 0;
  return points (item_line (self, item, first + n - 1)->bottom) - points (item_line (self, item, first)->top);
}

/* The least of an item that may start a page: all of a short paragraph,
 * two lines of a longer one */
static double
least_height (StPageLayout *self,
              const Item   *item)
{
  if (!item->splittable || item->n_lines <= 3)
    return lines_height (self, item, 0, item->n_lines);
  return lines_height (self, item, 0, 2);
}

static double
gap_between (const Item *before,
             const Item *after)
{
  return MAX (before->space_after, after->space_before);
}

/* keep[i]: the height that must fit below item i's top on its page: a
 * heading with whatever it keeps with, or the least of a paragraph */
static double *
keep_heights (StPageLayout *self)
{
  guint n = self->items->len;
  double *keep = g_new0 (double, MAX (n, 1));

  for (guint i = n; i-- > 0;)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      if (item->keep_with_next && i + 1 < n)
        {
          const Item *next = &g_array_index (self->items, Item, i + 1);

          keep[i] = lines_height (self, item, 0, item->n_lines)
                    + gap_between (item, next) + keep[i + 1];
        }
      else
        keep[i] = least_height (self, item);
    }
  return keep;
}

static void
new_page (StPageLayout *self)
{
  guint first = self->slices->len;

  g_array_append_val (self->pages, first);
}

static void
add_slice (StPageLayout *self,
           guint         item_index,
           guint         first_line,
           guint         n_lines,
           double        y)
{
  Slice slice = { item_index, first_line, n_lines, y };
  Item *item = &g_array_index (self->items, Item, item_index);
  guint page = self->pages->len - 1;

  g_array_append_val (self->slices, slice);
  if (first_line == 0)
    item->first_page = page;
  item->last_page = page;

  if (item->kind == ITEM_BLOCK && first_line == 0)
    {
      const StBlock *block = st_document_get_block (self->document, item->block);

      if (block->kind == ST_BLOCK_HEADING)
        {
          StPageHeading heading = {
            .block = item->block,
            .level = block->level,
            .text = block->text,
            .page = page,
            .y = self->margin_top + y,
          };

          g_array_index (self->block_heading, guint, item->block) = self->headings->len;
          g_array_append_val (self->headings, heading);
        }
    }
}

/* How many lines from @first fit in @room */
static guint
lines_that_fit (StPageLayout *self,
                const Item   *item,
                guint         first,
                double        room)
{
  guint n = 0;

  while (first + n < item->n_lines
         && lines_height (self, item, first, n + 1) <= room + 0.01)
    n++;
  return n;
}

static void
break_pages (StPageLayout *self)
{
  double height = content_height (self);
  g_autofree double *keep = keep_heights (self);
  double y = 0;              /* where the next item may start, below the top margin */
  gboolean page_empty = TRUE;

  new_page (self);
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      const Item *previous = i > 0 ? &g_array_index (self->items, Item, i - 1) : NULL;
      guint first = 0;

      if (!page_empty && previous != NULL)
        y += gap_between (previous, item);

      /* The heading and what it keeps with, or the paragraph's first
       * lines, go to the next page together */
      if (!page_empty && y + keep[i] > height)
        {
          new_page (self);
          y = 0;
          page_empty = TRUE;
        }

      while (first < item->n_lines)
        {
          guint rest = item->n_lines - first;
          guint fit = item->splittable ? lines_that_fit (self, item, first, height - y) : rest;

          if (fit < rest && item->splittable)
            {
              /* No single line left alone at the head of the next page */
              if (rest - fit == 1 && fit >= 3)
                fit--;
              /* Nor at the foot of this one */
              if (first == 0 && fit == 1 && !page_empty)
                fit = 0;
            }

          if (fit == 0)
            {
              if (page_empty)
                fit = 1;    /* a line taller than the page: it goes anyway */
              else
                {
                  new_page (self);
                  y = 0;
                  page_empty = TRUE;
                  continue;
                }
            }

          add_slice (self, i, first, fit, y);
          y += lines_height (self, item, first, fit);
          page_empty = FALSE;
          first += fit;

          if (first < item->n_lines)
            {
              new_page (self);
              y = 0;
              page_empty = TRUE;
            }
        }
    }
}

guint
st_page_layout_paginate (StPageLayout *self,
                         PangoContext *context)
{
  g_return_val_if_fail (ST_IS_PAGE_LAYOUT (self), 0);
  g_return_val_if_fail (context == NULL || PANGO_IS_CONTEXT (context), 0);

  clear_pagination (self);
  self->context = context != NULL ? g_object_ref (context) : st_page_layout_create_context ();
  g_array_set_size (self->block_heading, st_document_get_n_blocks (self->document));
  g_array_set_size (self->block_item, st_document_get_n_blocks (self->document));
  for (guint i = 0; i < self->block_heading->len; i++)
    {
      g_array_index (self->block_heading, guint, i) = G_MAXUINT;
      g_array_index (self->block_item, guint, i) = G_MAXUINT;
    }

  build_items (self);
  break_pages (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  return self->pages->len;
}

guint
st_page_layout_get_n_pages (StPageLayout *self)
{
  g_return_val_if_fail (ST_IS_PAGE_LAYOUT (self), 0);
  return self->pages->len;
}

guint
st_page_layout_get_n_headings (StPageLayout *self)
{
  g_return_val_if_fail (ST_IS_PAGE_LAYOUT (self), 0);
  return self->headings->len;
}

const StPageHeading *
st_page_layout_get_heading (StPageLayout *self,
                            guint         index)
{
  g_return_val_if_fail (ST_IS_PAGE_LAYOUT (self), NULL);
  g_return_val_if_fail (index < self->headings->len, NULL);
  return &g_array_index (self->headings, StPageHeading, index);
}

gboolean
st_page_layout_get_block_pages (StPageLayout *self,
                                guint         block,
                                guint        *first_page,
                                guint        *last_page)
{
  const Item *item;
  guint index;

  g_return_val_if_fail (ST_IS_PAGE_LAYOUT (self), FALSE);

  if (block >= self->block_item->len)
    return FALSE;
  index = g_array_index (self->block_item, guint, block);
  if (index == G_MAXUINT)
    return FALSE;

  item = &g_array_index (self->items, Item, index);
  if (first_page != NULL)
    *first_page = item->first_page;
  if (last_page != NULL)
    *last_page = item->last_page;
  return TRUE;
}

/* Drawing */

static const StPageHeading *
block_heading (StPageLayout *self,
               guint         block)
{
  guint index = g_array_index (self->block_heading, guint, block);

  return index != G_MAXUINT ? &g_array_index (self->headings, StPageHeading, index) : NULL;
}

static void
set_colour (cairo_t   *cr,
            StyleId    style)
{
  if (styles[style].secondary)
    cairo_set_source_rgb (cr, SECONDARY_COLOUR);
  else
    cairo_set_source_rgb (cr, TEXT_COLOUR);
}

/* Draws @text in one line centred on, or starting at, @x with its
 * baseline at @baseline; returns its width */
static double
draw_running_text (StPageLayout *self,
                   cairo_t      *cr,
                   const char   *text,
                   double        x,
                   double        baseline,
                   double        max_width,
                   gboolean      centre)
{
  g_autoptr(PangoLayout) layout = create_layout (self->context, STYLE_RUNNING, text, -1);
  PangoLayoutLine *line;
  PangoRectangle logical;

  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  line = pango_layout_get_line_readonly (layout, 0);
  pango_layout_line_get_extents (line, NULL, &logical);
  if (centre)
    x -= (double) logical.width / PANGO_SCALE / 2;
  set_colour (cr, STYLE_RUNNING);
  cairo_move_to (cr, x, baseline);
  pango_cairo_show_layout_line (cr, line);
  return (double) logical.width / PANGO_SCALE;
}

static void
draw_furniture (StPageLayout *self,
                cairo_t      *cr,
                guint         page)
{
  /* Translators: the footer of every page of an exported document */
  g_autofree char *footer = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  const char *title = st_document_get_title (self->document);
  double width = content_width (self);

  draw_running_text (self, cr, footer,
                     self->margin_left + width / 2,
                     self->page_height - self->margin_bottom / 2,
                     width, TRUE);

  /* The title over every page but the first, which shows it as a heading */
  if (page > 0 && title != NULL && *title != '\0')
    {
      double baseline = self->margin_top / 2;

      draw_running_text (self, cr, title, self->margin_left, baseline, width, FALSE);
      cairo_set_source_rgb (cr, RULE_COLOUR);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, self->margin_left, baseline + 5);
      cairo_line_to (cr, self->margin_left + width, baseline + 5);
      cairo_stroke (cr);
    }
}

static void
draw_contents_number (StPageLayout    *self,
                      cairo_t         *cr,
                      const Item      *item,
                      PangoLayoutLine *last_line,
                      double           left,
                      double           baseline)
{
  const StPageHeading *heading = block_heading (self, item->block);
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  double right = self->margin_left + content_width (self);
  double text_end, number_x;

  if (heading == NULL)
    return;

  number = g_strdup_printf ("%u", heading->page + 1);
  layout = create_layout (self->context, STYLE_CONTENTS_ENTRY, number, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  number_x = right - (double) logical.width / PANGO_SCALE;
  cairo_move_to (cr, number_x, baseline);
  pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (layout, 0));

  /* Dot leaders from the end of the title to the number */
  pango_layout_line_get_extents (last_line, NULL, &logical);
  text_end = left + points (item_line (self, item, item->n_lines - 1)->x)
             + (double) (logical.x + logical.width) / PANGO_SCALE + 6;
  if (number_x - 6 > text_end)
    {
      static const double dots[] = { 0, 3 };

      cairo_save (cr);
      cairo_set_source_rgb (cr, SECONDARY_COLOUR);
      cairo_set_line_width (cr, 0.9);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 0);
      cairo_move_to (cr, text_end, baseline);
      cairo_line_to (cr, number_x - 6, baseline);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

static void
begin_contents_link (StPageLayout *self,
                     cairo_t      *cr,
                     const Item   *item,
                     double        top,
                     double        height)
{
  const StPageHeading *heading = block_heading (self, item->block);
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
  char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];
  char destination[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *attributes = NULL;

  g_ascii_formatd (x, sizeof x, "%.2f", self->margin_left);
  g_ascii_formatd (y, sizeof y, "%.2f", top);
  g_ascii_formatd (w, sizeof w, "%.2f", content_width (self));
  g_ascii_formatd (h, sizeof h, "%.2f", height);
  g_ascii_formatd (destination, sizeof destination, "%.2f", heading->y);
  attributes = g_strdup_printf ("rect=[%s %s %s %s] page=%u pos=[%s %s]",
                                x, y, w, h, heading->page + 1, x, destination);
  cairo_tag_begin (cr, CAIRO_TAG_LINK, attributes);
}

static void
draw_slice (StPageLayout *self,
            cairo_t      *cr,
            const Slice  *slice)
{
  const Item *item = &g_array_index (self->items, Item, slice->item);
  g_autoptr(PangoLayout) layout = item_layout (self, item);
  double left = self->margin_left + item->x;
  double top = self->margin_top + slice->y;
  double first_top = points (item_line (self, item, slice->first_line)->top);
  double height = lines_height (self, item, slice->first_line, slice->n_lines);
  gboolean link = self->links && item->kind == ITEM_CONTENTS_ENTRY
                  && block_heading (self, item->block) != NULL;
  PangoLayoutLine *line = NULL;

  if (link)
    begin_contents_link (self, cr, item, top, height);

  set_colour (cr, item->style);
  for (guint i = 0; i < slice->n_lines; i++)
    {
      guint index = slice->first_line + i;
      const Line *metrics = item_line (self, item, index);
      double baseline = top + points (metrics->baseline) - first_top;

      line = pango_layout_get_line_readonly (layout, index);
      if (line == NULL)
        break;   /* cannot happen with the same context */
      cairo_move_to (cr, left + points (metrics->x), baseline);
      pango_cairo_show_layout_line (cr, line);
    }

  if (item->style == STYLE_BULLET && slice->first_line == 0)
    {
      g_autoptr(PangoLayout) bullet = create_layout (self->context, STYLE_BULLET, "•", -1);

      cairo_move_to (cr, self->margin_left + BULLET_X,
                     top + points (item_line (self, item, 0)->baseline) - first_top);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (bullet, 0));
    }
  else if (item->style == STYLE_NOTE)
    {
      cairo_set_source_rgb (cr, RULE_COLOUR);
      cairo_rectangle (cr, self->margin_left, top, NOTE_RULE_WIDTH, height);
      cairo_fill (cr);
    }
  else if (item->kind == ITEM_CONTENTS_ENTRY && line != NULL
           && slice->first_line + slice->n_lines == item->n_lines)
    {
      double baseline = top + points (item_line (self, item, item->n_lines - 1)->baseline) - first_top;

      draw_contents_number (self, cr, item, line, left, baseline);
    }

  if (link)
    cairo_tag_end (cr, CAIRO_TAG_LINK);
}

void
st_page_layout_draw_page (StPageLayout *self,
                          cairo_t      *cr,
                          guint         page)
{
  guint first, last;

  g_return_if_fail (ST_IS_PAGE_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  first = g_array_index (self->pages, guint, page);
  last = page + 1 < self->pages->len ? g_array_index (self->pages, guint, page + 1)
                                     : self->slices->len;

  cairo_save (cr);
  for (guint i = first; i < last; i++)
    draw_slice (self, cr, &g_array_index (self->slices, Slice, i));
  draw_furniture (self, cr, page);
  cairo_restore (cr);
}
