/* st-font-metrics.c
 *
 * Pango finds a font's metrics by laying out a sample text; a widget
 * that measures itself from them for every row bound or every text set
 * asks here instead, where they are kept by the font's name.
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-font-metrics.h"

typedef struct {
  int line_height;
  int char_width;
} Metrics;

static GHashTable *kept; /* font description as a string → Metrics */

void
st_font_metrics_get (PangoContext *context,
                     int          *line_height,
                     int          *char_width)
{
  const PangoFontDescription *font;
  g_autofree char *name = NULL;
  Metrics *metrics;

  g_return_if_fail (PANGO_IS_CONTEXT (context));

  font = pango_context_get_font_description (context);
  name = font != NULL ? pango_font_description_to_string (font) : g_strdup ("");
  if (kept == NULL)
    kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  metrics = g_hash_table_lookup (kept, name);
  if (metrics == NULL)
    {
      PangoFontMetrics *font_metrics = pango_context_get_metrics (context, NULL, NULL);

      metrics = g_new0 (Metrics, 1);
      metrics->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (font_metrics) +
                                                pango_font_metrics_get_descent (font_metrics));
      metrics->char_width = PANGO_PIXELS_CEIL (MAX (pango_font_metrics_get_approximate_char_width (font_metrics),
                                                    pango_font_metrics_get_approximate_digit_width (font_metrics)));
      pango_font_metrics_unref (font_metrics);
      g_hash_table_insert (kept, g_steal_pointer (&name), metrics);
    }
  if (line_height != NULL)
    *line_height = metrics->line_height;
  if (char_width != NULL)
    *char_width = metrics->char_width;
}

void
st_font_metrics_forget_all (void)
{
  if (kept != NULL)
    g_hash_table_remove_all (kept);
}
