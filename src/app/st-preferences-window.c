/* st-preferences-window.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "st-preferences-window.h"

struct _StPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *author_row;
  GtkSpinButton        *autosave_spin;
  AdwActionRow         *export_row;
  GtkButton            *export_clear_button;

  GSettings            *settings;
  GtkNativeDialog      *chooser;
};

G_DEFINE_FINAL_TYPE (StPreferencesWindow, st_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_export_row (StPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "export-folder");

  if (*folder == '\0')
    adw_action_row_set_subtitle (self->export_row, _("The report’s own folder"));
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);
      g_autofree char *shown = g_file_get_parse_name (file);

      adw_action_row_set_subtitle (self->export_row, shown);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_clear_button), *folder != '\0');
}

static void
on_folder_response (GtkNativeDialog     *chooser,
                    int                  response,
                    StPreferencesWindow *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (folder != NULL && (path = g_file_get_path (folder)) != NULL)
    g_settings_set_string (self->settings, "export-folder", path);
}

static void
on_export_choose (StPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_folder_response), self, 0);
  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
on_export_clear (StPreferencesWindow *self)
{
  g_settings_set_string (self->settings, "export-folder", "");
}

static void
st_preferences_window_constructed (GObject *object)
{
  StPreferencesWindow *self = ST_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (st_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "author-name", self->author_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "autosave-delay",
                   gtk_spin_button_get_adjustment (self->autosave_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::export-folder", G_CALLBACK (update_export_row),
                           self, G_CONNECT_SWAPPED);
  update_export_row (self);

  /* Empty: the system's name for the user is used */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->author_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Leave empty to use your name from the system"),
                                  -1);
}

static void
st_preferences_window_dispose (GObject *object)
{
  StPreferencesWindow *self = (StPreferencesWindow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (st_preferences_window_parent_class)->dispose (object);
}

static void
st_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StPreferencesWindow *self = ST_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StPreferencesWindow *self = ST_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_preferences_window_class_init (StPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = st_preferences_window_constructed;
  object_class->dispose = st_preferences_window_dispose;
  object_class->get_property = st_preferences_window_get_property;
  object_class->set_property = st_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/stocktake/Stocktake/ui/st-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StPreferencesWindow, author_row);
  gtk_widget_class_bind_template_child (widget_class, StPreferencesWindow, autosave_spin);
  gtk_widget_class_bind_template_child (widget_class, StPreferencesWindow, export_row);
  gtk_widget_class_bind_template_child (widget_class, StPreferencesWindow, export_clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_export_choose);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clear);
}

static void
st_preferences_window_init (StPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
st_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ST_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}
