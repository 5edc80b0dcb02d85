/* annota-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Preferences window: how selections snap, whether rejected spans
 * show, the review order and the label set new documents start with, each
 * row bound to the application's settings.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ANNOTA_TYPE_PREFERENCES_WINDOW (annota_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaPreferencesWindow, annota_preferences_window, ANNOTA, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* settings: the schema io.github.annota.Annota (see annota_settings_new ()). */
GtkWidget *annota_preferences_window_new                (GtkWindow               *parent,
                                                         GSettings               *settings);
/* What the label set row's file chooser does: checks that file is a label
 * set and makes it the default one; NULL goes back to the built-in labels.
 * On error the setting is left as it was. */
gboolean   annota_preferences_window_set_label_set_file (AnnotaPreferencesWindow *self,
                                                         GFile                   *file,
                                                         GError                 **error);

G_END_DECLS
