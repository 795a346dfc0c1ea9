/* test-ui-style.c: the editor's stylesheets, as drawn
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "st-window.h"
#include "test-ui-helpers.h"

#define RESOURCE_PATH "/org/stocktake/Stocktake/"

typedef struct {
  GtkWindow *window;
  GtkWidget *card;
  GtkWidget *list;
  GtkWidget *dim_label;
  GtkWidget *subtitle_row;
  GtkCssProvider *style;
  GtkCssProvider *style_hc;
} Fixture;

static GtkCssProvider *
load_stylesheet (const char *name)
{
  GtkCssProvider *provider = gtk_css_provider_new ();
  g_autofree char *path = g_strconcat (RESOURCE_PATH, name, NULL);

  g_assert_true (g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL));
  gtk_css_provider_load_from_resource (provider, path);
  return provider;
}

/* Our stylesheets on or off the display, as the application loads
 * them: the high-contrast one only when the theme is high contrast */
static void
use_stylesheets (Fixture  *fixture,
                 gboolean  use)
{
  GdkDisplay *display = gdk_display_get_default ();

  gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (fixture->style));
  gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (fixture->style_hc));
  if (!use)
    return;
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (fixture->style),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  if (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()))
    gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (fixture->style_hc),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Digital leaders");

  /* A window as the editor's is made (st-window.ui): drawing its own
   * frame, with a header bar at the top, which the theme lets overlap
   * the frame's innermost line, and content */
  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 320, 200);
  gtk_widget_add_css_class (GTK_WIDGET (fixture->window), "main-window");
  gtk_widget_add_css_class (box, "main-window-content");
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  /* A card and a boxed list, as the form has */
  fixture->card = gtk_label_new ("Progress during 2014");
  gtk_widget_add_css_class (fixture->card, "card");
  gtk_widget_set_margin_start (fixture->card, 12);
  gtk_widget_set_margin_end (fixture->card, 12);
  gtk_widget_set_margin_bottom (fixture->card, 12);
  gtk_box_append (GTK_BOX (box), fixture->card);
  fixture->list = gtk_list_box_new ();
  gtk_list_box_append (GTK_LIST_BOX (fixture->list), gtk_label_new ("Not applicable"));
  gtk_widget_add_css_class (fixture->list, "boxed-list");
  gtk_widget_set_margin_start (fixture->list, 12);
  gtk_widget_set_margin_end (fixture->list, 12);
  gtk_widget_set_margin_bottom (fixture->list, 12);
  gtk_box_append (GTK_BOX (box), fixture->list);
  /* Dimmed words, as a section's word count and the "Not applicable"
   * row's subtitle are */
  fixture->dim_label = gtk_label_new ("59 words");
  gtk_widget_add_css_class (fixture->dim_label, "dim-label");
  gtk_box_append (GTK_BOX (box), fixture->dim_label);
  fixture->subtitle_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fixture->subtitle_row), "Not applicable");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (fixture->subtitle_row), "Whether the action applies to CO");
  gtk_list_box_append (GTK_LIST_BOX (fixture->list), fixture->subtitle_row);
  adw_window_set_content (ADW_WINDOW (fixture->window), box);

  fixture->style = load_stylesheet ("style.css");
  fixture->style_hc = load_stylesheet ("style-hc.css");
  ui_test_show_window (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  use_stylesheets (fixture, FALSE);
  g_clear_object (&fixture->style);
  g_clear_object (&fixture->style_hc);
  gtk_window_destroy (fixture->window);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  ui_test_drain ();
}

typedef gboolean (*NodeTest) (GskRenderNode *node,
                              gpointer       data);

/* How many of the nodes drawn pass @test */
static guint
count_nodes (GskRenderNode *node,
             NodeTest       test,
             gpointer       data)
{
  guint n = 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_nodes (gsk_container_node_get_child (node, i), test, data);
      return n;
    case GSK_TRANSFORM_NODE:
      return count_nodes (gsk_transform_node_get_child (node), test, data);
    case GSK_CLIP_NODE:
      return count_nodes (gsk_clip_node_get_child (node), test, data);
    case GSK_ROUNDED_CLIP_NODE:
      return count_nodes (gsk_rounded_clip_node_get_child (node), test, data);
    case GSK_OPACITY_NODE:
      return count_nodes (gsk_opacity_node_get_child (node), test, data);
    default:
      return test (node, data) ? 1 : 0;
    }
}

/* The alpha of the first text drawn under @node, through the opacity
 * of the layers it is drawn in; -1 if there is none */
static double
drawn_text_alpha (GskRenderNode *node,
                  guint         *n_layers)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        {
          double alpha = drawn_text_alpha (gsk_container_node_get_child (node, i), n_layers);

          if (alpha >= 0)
            return alpha;
        }
      return -1;
    case GSK_TRANSFORM_NODE:
      return drawn_text_alpha (gsk_transform_node_get_child (node), n_layers);
    case GSK_CLIP_NODE:
      return drawn_text_alpha (gsk_clip_node_get_child (node), n_layers);
    case GSK_ROUNDED_CLIP_NODE:
      return drawn_text_alpha (gsk_rounded_clip_node_get_child (node), n_layers);
    case GSK_OPACITY_NODE:
      {
        double alpha = drawn_text_alpha (gsk_opacity_node_get_child (node), n_layers);

        (*n_layers)++;
        return alpha >= 0 ? alpha * gsk_opacity_node_get_opacity (node) : alpha;
      }
    case GSK_TEXT_NODE:
      return gsk_text_node_get_color (node)->alpha;
    default:
      return -1;
    }
}

/* An inset shadow as large as the window (@data: its size) */
static gboolean
is_window_inset (GskRenderNode *node,
                 gpointer       data)
{
  const graphene_size_t *size = data;
  graphene_rect_t bounds;

  if (gsk_render_node_get_node_type (node) != GSK_INSET_SHADOW_NODE)
    return FALSE;
  gsk_render_node_get_bounds (node, &bounds);
  return bounds.size.width >= size->width && bounds.size.height >= size->height;
}

static gboolean
is_blurred_outset (GskRenderNode *node,
                   gpointer       data)
{
  return gsk_render_node_get_node_type (node) == GSK_OUTSET_SHADOW_NODE &&
         gsk_outset_shadow_node_get_blur_radius (node) > 0;
}

static gboolean
is_outset (GskRenderNode *node,
           gpointer       data)
{
  return gsk_render_node_get_node_type (node) == GSK_OUTSET_SHADOW_NODE;
}

/* The window as drawn, in memory: 4 bytes a pixel. @insets gets how
 * many window-sized inset shadows went into it. */
static GBytes *
draw_window (Fixture *fixture,
             guint   *insets)
{
  g_autoptr(GskRenderNode) node = NULL;
  int width, height;
  guchar *pixels = ui_test_draw_widget (GTK_WIDGET (fixture->window), &width, &height, &node);

  *insets = count_nodes (node, is_window_inset, &GRAPHENE_SIZE_INIT (width, height));
  return g_bytes_new_take (pixels, (gsize) width * height * 4);
}

/* The pixels where two drawings differ */
static gsize
count_differences (GBytes *a,
                   GBytes *b)
{
  gsize size, size_b, n = 0;
  const guchar *p = g_bytes_get_data (a, &size);
  const guchar *q = g_bytes_get_data (b, &size_b);

  g_assert_cmpuint (size, ==, size_b);
  for (gsize i = 0; i < size; i += 4)
    n += memcmp (p + i, q + i, 4) != 0;
  return n;
}

/* Without a compositor, the theme draws a window's frame with inset
 * shadows, which the GL renderer draws over the whole window; ours are
 * borders, and must look the same to the pixel: in the light style, the
 * dark, unfocused (backdrop) and, when run so, high contrast. */
static void
test_window_frame (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const struct {
    AdwColorScheme scheme;
    gboolean backdrop;
  } cases[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, FALSE },
    { ADW_COLOR_SCHEME_FORCE_LIGHT, TRUE },
    { ADW_COLOR_SCHEME_FORCE_DARK, FALSE },
    { ADW_COLOR_SCHEME_FORCE_DARK, TRUE },
  };

  if (!gtk_widget_has_css_class (GTK_WIDGET (fixture->window), "solid-csd"))
    {
      g_test_skip ("the display has a compositor, so windows have no solid frame");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) theme = NULL;
      g_autoptr(GBytes) ours = NULL;
      guint theme_insets, our_insets;

      adw_style_manager_set_color_scheme (manager, cases[i].scheme);
      if (cases[i].backdrop)
        gtk_widget_set_state_flags (GTK_WIDGET (fixture->window), GTK_STATE_FLAG_BACKDROP, FALSE);
      else
        gtk_widget_unset_state_flags (GTK_WIDGET (fixture->window), GTK_STATE_FLAG_BACKDROP);

      use_stylesheets (fixture, FALSE);
      theme = draw_window (fixture, &theme_insets);
      use_stylesheets (fixture, TRUE);
      ours = draw_window (fixture, &our_insets);

      g_test_message ("case %u: %u inset shadows in the theme's frame, %u in ours",
                      i, theme_insets, our_insets);
      g_assert_cmpuint (theme_insets, >, 0);
      g_assert_cmpuint (our_insets, ==, 0);
      g_assert_cmpuint (count_differences (theme, ours), ==, 0);
    }
}

/* Drawn by cairo, cards and boxed lists have their outline and no
 * blurred shadow, which the processor would blur again every frame;
 * otherwise, the theme's shadows */
static void
test_cairo_cards (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK };

  use_stylesheets (fixture, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      GtkWidget *shadowed[] = { fixture->card, fixture->list };

      adw_style_manager_set_color_scheme (manager, schemes[i]);
      for (guint j = 0; j < G_N_ELEMENTS (shadowed); j++)
        {
          g_autoptr(GskRenderNode) theme = NULL;
          g_autoptr(GskRenderNode) flat = NULL;
          int width, height;

          gtk_widget_remove_css_class (GTK_WIDGET (fixture->window), "cairo-drawn");
          g_free (ui_test_draw_widget (shadowed[j], &width, &height, &theme));
          gtk_widget_add_css_class (GTK_WIDGET (fixture->window), "cairo-drawn");
          g_free (ui_test_draw_widget (shadowed[j], &width, &height, &flat));

          g_assert_cmpuint (count_nodes (theme, is_blurred_outset, NULL), >, 0);
          g_assert_cmpuint (count_nodes (flat, is_blurred_outset, NULL), ==, 0);
          /* The outline stays */
          g_assert_cmpuint (count_nodes (flat, is_outset, NULL), ==, 1);
        }
    }
}

/* Drawn by cairo, dimmed words are drawn in a see-through colour, as
 * faint as the theme's opacity makes them, with no layer to blend;
 * otherwise, the theme's opacity. The row's title is not dimmed. */
static void
test_cairo_dim (Fixture       *fixture,
                gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK };
  GtkWidget *subtitle = ui_test_find_label_with_class (fixture->subtitle_row, "subtitle");
  GtkWidget *title = ui_test_find_label_with_class (fixture->subtitle_row, "title");

  g_assert_nonnull (subtitle);
  g_assert_nonnull (title);

  use_stylesheets (fixture, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      GtkWidget *dimmed[] = { title, fixture->dim_label, subtitle };
      double title_alpha = -1;

      adw_style_manager_set_color_scheme (manager, schemes[i]);
      for (guint j = 0; j < G_N_ELEMENTS (dimmed); j++)
        {
          g_autoptr(GskRenderNode) theme = NULL;
          g_autoptr(GskRenderNode) flat = NULL;
          guint theme_layers = 0, flat_layers = 0;
          double theme_alpha, flat_alpha;
          int width, height;

          gtk_widget_remove_css_class (GTK_WIDGET (fixture->window), "cairo-drawn");
          g_free (ui_test_draw_widget (dimmed[j], &width, &height, &theme));
          gtk_widget_add_css_class (GTK_WIDGET (fixture->window), "cairo-drawn");
          g_free (ui_test_draw_widget (dimmed[j], &width, &height, &flat));

          theme_alpha = drawn_text_alpha (theme, &theme_layers);
          flat_alpha = drawn_text_alpha (flat, &flat_layers);
          g_assert_cmpfloat (theme_alpha, >, 0);
          g_assert_cmpfloat_with_epsilon (flat_alpha, theme_alpha, 0.01);
          g_assert_cmpuint (flat_layers, ==, 0);
          if (dimmed[j] == title)
            {
              g_assert_cmpuint (theme_layers, ==, 0);
              title_alpha = flat_alpha;
            }
          else
            {
              g_assert_cmpuint (theme_layers, ==, 1);
              g_assert_cmpfloat (flat_alpha, <, 0.95 * title_alpha);
            }
        }
    }
}

/* The editor's window has what the stylesheet's frame is made for */
static void
test_editor_window_classes (void)
{
  g_autoptr(StApplication) application = ui_test_application ();
  StWindow *window = NULL;
  GtkWidget *content;

  ui_test_new_window (application, &window);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "main-window"));
  /* Marked as drawn by cairo exactly when it is */
  g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (window), "cairo-drawn"), ==,
                   GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_assert_nonnull (content);
  g_assert_true (gtk_widget_has_css_class (content, "main-window-content"));
  ui_test_destroy_window (&window);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/style/window-frame", Fixture, NULL,
              fixture_set_up, test_window_frame, fixture_tear_down);
  g_test_add ("/style/cairo-cards", Fixture, NULL,
              fixture_set_up, test_cairo_cards, fixture_tear_down);
  g_test_add ("/style/cairo-dim", Fixture, NULL,
              fixture_set_up, test_cairo_dim, fixture_tear_down);
  g_test_add_func ("/style/editor-window", test_editor_window_classes);

  return ui_test_run ();
}
