/* annota-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-settings.h"

static const char * const needed_keys[] = {
  "window-width",
  "window-height",
  "window-maximized",
  "recent-documents",
  "recent-corpora",
  "snap-mode",
  "show-rejected",
  "review-order",
  "last-label-set",
};

GSettings *
annota_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new () would abort the process; an app started from its
   * build tree should still open, only forgetting its settings. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; settings are not kept", APP_ID);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (needed_keys); i++)
    {
      if (!g_settings_schema_has_key (schema, needed_keys[i]))
        {
          g_debug ("Schema %s has no key %s (an older version is installed); settings are not kept",
                   APP_ID, needed_keys[i]);
          return NULL;
        }
    }
  return g_settings_new_full (schema, NULL, NULL);
}

void
annota_settings_add_recent (GSettings  *settings,
                            const char *key,
                            const char *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean changed;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (key != NULL);
  g_return_if_fail (path != NULL);

  old = g_settings_get_strv (settings, key);
  list = g_ptr_array_new ();
  g_ptr_array_add (list, (gpointer) path);
  for (guint i = 0; old[i] != NULL && list->len < ANNOTA_SETTINGS_MAX_RECENT; i++)
    {
      if (g_strcmp0 (old[i], path) != 0)
        g_ptr_array_add (list, old[i]);
    }
  g_ptr_array_add (list, NULL);

  changed = !g_strv_equal ((const char * const *) old, (const char * const *) list->pdata);
  if (changed)
    g_settings_set_strv (settings, key, (const char * const *) list->pdata);
}

AnnotaLabelSet *
annota_settings_new_default_labels (GSettings  *settings,
                                    char      **warning)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AnnotaLabelSet *labels;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (warning == NULL || *warning == NULL, NULL);

  if (settings != NULL)
    path = g_settings_get_string (settings, "last-label-set");
  if (path == NULL || *path == '\0')
    return annota_label_set_new_default ();

  labels = annota_label_set_load_file (path, &error);
  if (labels != NULL)
    return labels;

  if (warning != NULL)
    /* Translators: %s is why the label set file could not be read; it
     * names the file. */
    *warning = g_strdup_printf (_("The default labels could not be loaded, so the built-in ones are used: %s"),
                                error->message);
  return annota_label_set_new_default ();
}
