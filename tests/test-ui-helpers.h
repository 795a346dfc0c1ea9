/* test-ui-helpers.h: what the UI tests share
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "stocktake-core.h"
#include "st-application.h"
#include "st-window.h"

G_BEGIN_DECLS

/* Initialises GTest and GTK. Without a display it prints the TAP plan that
 * skips everything and returns FALSE: the test must then exit 0. */
gboolean          ui_test_init               (int          *argc,
                                              char       ***argv);
/* g_test_run(), then removes the folder the tests kept their data in */
int               ui_test_run                (void);
/* The application, registered, non-unique so that UI suites can run side
 * by side on one session bus */
StApplication    *ui_test_application        (void);

/* Writes a report on the gds-2012 template with a few texts in it:
 * AGO and CO on action 1 filled in for 2014, DfE on action 1 half done */
char             *ui_test_write_report       (const char   *dir,
                                              const char   *name);
char             *ui_test_make_dir           (void);
void              ui_test_remove_dir         (const char   *dir);

void              ui_test_drain              (void);

/* Makes a window for @application in *@window, which the window clears
 * when it goes away; not shown yet */
void              ui_test_new_window         (StApplication *application,
                                              StWindow    **window);
/* Presents @window and lets it settle */
void              ui_test_show_window        (GtkWindow    *window);
/* Destroys *@window unless it has gone already, then asserts that it has */
void              ui_test_destroy_window     (StWindow    **window);
/* Opens @path in @window, asserting that the report is there and that no
 * message came up */
void              ui_test_open_file          (StWindow     *window,
                                              const char   *path);
/* Runs the main loop until @check returns TRUE or @seconds pass */
gboolean          ui_test_wait_for           (gboolean    (*check) (gpointer data),
                                              gpointer      data,
                                              guint         seconds);

/* The shown toplevel of @type transient for @parent, or NULL */
GtkWindow        *ui_test_find_window        (GtkWindow    *parent,
                                              GType         type);
/* The visible message dialog on @parent, or NULL */
AdwMessageDialog *ui_test_find_dialog        (GtkWindow    *parent);
/* Destroys every toplevel of @type, shown or not */
void              ui_test_destroy_windows    (GType         type);
void              ui_test_close_dialogs      (void);
/* Answers @dialog as a click on the response's button does: the response,
 * then the dialog closes */
void              ui_test_respond            (AdwMessageDialog *dialog,
                                              const char   *response);
/* The first descendant of @widget of @type, depth first */
GtkWidget        *ui_test_find_descendant    (GtkWidget    *widget,
                                              GType         type);
/* The first label under @widget with the style class @css_class, depth
 * first, or NULL: as libadwaita's rows mark their title and subtitle */
GtkWidget        *ui_test_find_label_with_class (GtkWidget  *widget,
                                                 const char *css_class);
/* The overview's button for a submission under @widget, or NULL */
GtkWidget        *ui_test_find_cell_button   (GtkWidget    *widget,
                                              const char   *respondent_id,
                                              const char   *item_id);

/* Selects a submission by finding its row in the sidebar's model, as a
 * click would: expands the group, then selects the row */
void              ui_test_select_in_sidebar  (StWindow     *window,
                                              const char   *respondent_id,
                                              const char   *item_id);
/* Types @text at the end of a section, as the user would */
void              ui_test_type_in_section    (StWindow     *window,
                                              const char   *section_id,
                                              const char   *text);
/* The text of a section in the file on disk, or NULL */
char             *ui_test_text_on_disk       (const char   *filename,
                                              const char   *respondent_id,
                                              const char   *item_id,
                                              const char   *section_id);
/* The text of a section in the report @window has open, or NULL */
const char       *ui_test_text_in_window     (StWindow     *window,
                                              const char   *respondent_id,
                                              const char   *item_id,
                                              const char   *section_id);
/* The submission's object in a report's JSON @root, or NULL */
JsonObject       *ui_test_find_submission    (JsonObject   *root,
                                              const char   *respondent_id,
                                              const char   *item_id);
/* The submission's object in the file as saved, or NULL; @parser holds it */
JsonObject       *ui_test_saved_submission   (JsonParser   *parser,
                                              const char   *path,
                                              const char   *respondent_id,
                                              const char   *item_id);

/* Presses @keys (as xdotool names them: "ctrl+z") on the display's
 * keyboard with @window focused, as a user would, then runs the main loop
 * until @check returns TRUE, failing the test if it does not within 20 s.
 * FALSE, pressing nothing, when the display is not X11 or xdotool is
 * missing: skip the test then. */
/* Lets @widget's window draw @n frames: what is laid out in the next
 * frame, such as scrolling, is then in place */
void              ui_test_wait_for_frames    (GtkWidget    *widget,
                                              guint         n);
/* @widget as its window's renderer draws it, once the window has drawn
 * two frames: 4 bytes a pixel (blue, green, red, alpha), @width × @height
 * pixels; free with g_free(). @node, if not NULL, receives what was
 * drawn. */
guchar           *ui_test_draw_widget        (GtkWidget    *widget,
                                              int          *width,
                                              int          *height,
                                              GskRenderNode **node);
/* How many pixels of those ui_test_draw_widget() drew, in the columns
 * from @x0 up to but not including @x1, are drawn at all */
guint             ui_test_count_drawn        (const guchar *pixels,
                                              int           width,
                                              int           height,
                                              int           x0,
                                              int           x1);
gboolean          ui_test_press_keys         (GtkWindow    *window,
                                              const char   *keys,
                                              gboolean    (*check) (gpointer data),
                                              gpointer      data);

G_END_DECLS
