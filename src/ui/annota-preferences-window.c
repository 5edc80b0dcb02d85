/* annota-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to its key, so that the open windows follow a change
 * at once and the menu's toggles show it.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-core.h"
#include "annota-preferences-window-private.h"

G_DEFINE_FINAL_TYPE (AnnotaPreferencesWindow, annota_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The nicks of the schema's enums, in the order of the rows' items. */
static const char * const snap_nicks[] = { "words", "graphemes", NULL };
static const char * const review_order_nicks[] = { "position", "confidence", NULL };

static gboolean
nick_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      if (g_str_equal (nicks[i], nick))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }
  return FALSE;
}

static GVariant *
position_to_nick (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[position]);
}

static char *
dup_display_path (GFile *file)
{
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = g_file_get_relative_path (home, file);

  if (relative != NULL)
    {
      g_autofree char *display = g_filename_display_name (relative);

      return g_strconcat ("~/", display, NULL);
    }
  return g_file_get_parse_name (file);
}

static void
update_label_set_row (AnnotaPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "last-label-set");
  g_autofree char *subtitle = NULL;

  if (*path == '\0')
    subtitle = g_strdup (_("New documents start with the built-in labels"));
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *display = dup_display_path (file);

      /* Translators: %s is the path of a labels.json file. */
      subtitle = g_strdup_printf (_("New documents start with the labels of %s"), display);
    }
  adw_action_row_set_subtitle (self->label_set_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->label_set_clear_button), *path != '\0');
}

gboolean
annota_preferences_window_set_label_set_file (AnnotaPreferencesWindow  *self,
                                              GFile                    *file,
                                              GError                  **error)
{
  g_autofree char *path = NULL;
  g_autoptr(AnnotaLabelSet) labels = NULL;

  g_return_val_if_fail (ANNOTA_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (file == NULL)
    {
      g_settings_set_string (self->settings, "last-label-set", "");
      return TRUE;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: only local files can be read"), uri);
      return FALSE;
    }

  /* Checked now, so that a wrong file is refused here rather than at the
   * next new document. */
  labels = annota_label_set_load_file (path, error);
  if (labels == NULL)
    return FALSE;

  g_settings_set_string (self->settings, "last-label-set", path);
  return TRUE;
}

static void
on_chooser_response (GtkNativeDialog         *chooser,
                     int                      response,
                     AnnotaPreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL && !annota_preferences_window_set_label_set_file (self, file, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_timeout (toast, 0);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
    }
}

static void
on_label_set_choose_clicked (AnnotaPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *path = NULL;
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Default Label Set"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Label Sets"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  path = g_settings_get_string (self->settings, "last-label-set");
  if (*path != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
    }

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (self->chooser);
}

static void
on_label_set_clear_clicked (AnnotaPreferencesWindow *self)
{
  annota_preferences_window_set_label_set_file (self, NULL, NULL);
}

static void
annota_preferences_window_dispose (GObject *object)
{
  AnnotaPreferencesWindow *self = ANNOTA_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), ANNOTA_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (annota_preferences_window_parent_class)->dispose (object);
}

static void
annota_preferences_window_class_init (AnnotaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = annota_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/annota/Annota/annota-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AnnotaPreferencesWindow, snap_row);
  gtk_widget_class_bind_template_child (widget_class, AnnotaPreferencesWindow, show_rejected_switch);
  gtk_widget_class_bind_template_child (widget_class, AnnotaPreferencesWindow, review_order_row);
  gtk_widget_class_bind_template_child (widget_class, AnnotaPreferencesWindow, label_set_row);
  gtk_widget_class_bind_template_child (widget_class, AnnotaPreferencesWindow, label_set_clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_label_set_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_label_set_clear_clicked);
}

static void
annota_preferences_window_init (AnnotaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
annota_preferences_window_new (GtkWindow *parent,
                               GSettings *settings)
{
  AnnotaPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ANNOTA_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind_with_mapping (settings, "snap-mode", self->snap_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_position, position_to_nick,
                                (gpointer) snap_nicks, NULL);
  g_settings_bind (settings, "show-rejected", self->show_rejected_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "review-order", self->review_order_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_position, position_to_nick,
                                (gpointer) review_order_nicks, NULL);
  g_signal_connect_object (settings, "changed::last-label-set",
                           G_CALLBACK (update_label_set_row), self, G_CONNECT_SWAPPED);
  update_label_set_row (self);

  return GTK_WIDGET (self);
}
