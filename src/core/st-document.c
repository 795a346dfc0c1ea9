/* st-document.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-document.h"

struct _StDocument
{
  GObject  parent_instance;

  char    *view;
  char    *title;
  GDate    updated;
  GArray  *blocks;    /* of StBlock */
  /* The blocks' text and anchors, packed together in large pieces rather
   * than tens of thousands of small ones: a large document's text then
   * takes less memory, and freeing the report it came from gives back
   * whole pages */
  GStringChunk *text;
  char    *text_bullet;
  char    *text_separator;
};

G_DEFINE_FINAL_TYPE (StDocument, st_document, G_TYPE_OBJECT)

static void
st_document_finalize (GObject *object)
{
  StDocument *self = (StDocument *)object;

  g_clear_pointer (&self->view, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->text, g_string_chunk_free);
  g_clear_pointer (&self->text_bullet, g_free);
  g_clear_pointer (&self->text_separator, g_free);

  G_OBJECT_CLASS (st_document_parent_class)->finalize (object);
}

static void
st_document_class_init (StDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = st_document_finalize;
}

static void
st_document_init (StDocument *self)
{
  g_date_clear (&self->updated, 1);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (StBlock));
  self->text = g_string_chunk_new (256 * 1024);
}

StDocument *
st_document_new (const char  *view,
                 const char  *title,
                 const GDate *updated)
{
  StDocument *self = g_object_new (ST_TYPE_DOCUMENT, NULL);

  self->view = g_strdup (view);
  self->title = g_strdup (title);
  if (updated != NULL && g_date_valid (updated))
    self->updated = *updated;
  return self;
}

const StBlock *
st_document_append (StDocument  *self,
                    StBlockKind  kind,
                    guint        level,
                    const char  *text,
                    const char  *anchor,
                    const char  *respondent_id,
                    const char  *item_id,
                    const char  *section_id)
{
  StBlock block = {
    .kind = kind,
    .level = level,
    .respondent_id = respondent_id,
    .item_id = item_id,
    .section_id = section_id,
  };

  g_return_val_if_fail (ST_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind != ST_BLOCK_HEADING || (level >= 1 && level <= 4), NULL);

  block.text = g_string_chunk_insert (self->text, text != NULL ? text : "");
  if (anchor != NULL)
    block.anchor = g_string_chunk_insert (self->text, anchor);
  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, StBlock, self->blocks->len - 1);
}

void
st_document_set_text_layout (StDocument *self,
                             const char *bullet,
                             const char *separator)
{
  g_return_if_fail (ST_IS_DOCUMENT (self));

  g_free (self->text_bullet);
  self->text_bullet = g_strdup (bullet);
  g_free (self->text_separator);
  self->text_separator = g_strdup (separator);
}

const char *
st_document_get_text_bullet (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), NULL);
  return self->text_bullet != NULL ? self->text_bullet : "- ";
}

const char *
st_document_get_text_separator (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), NULL);
  return self->text_separator != NULL ? self->text_separator : "\n";
}

const char *
st_document_get_view (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), NULL);
  return self->view;
}

const char *
st_document_get_title (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), NULL);
  return self->title;
}

const GDate *
st_document_get_updated (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), NULL);
  return g_date_valid (&self->updated) ? &self->updated : NULL;
}

guint
st_document_get_n_blocks (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), 0);
  return self->blocks->len;
}

const StBlock *
st_document_get_block (StDocument *self,
                       guint       index)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);
  return &g_array_index (self->blocks, StBlock, index);
}
