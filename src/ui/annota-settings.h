/* annota-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application's GSettings (schema io.github.annota.Annota), found
 * without aborting when the schema is not installed, and the lists of
 * recent files kept in it.
 */
#pragma once

#include <gio/gio.h>

#include "annota-core.h"

G_BEGIN_DECLS

/* How many paths recent-documents and recent-corpora keep. */
#define ANNOTA_SETTINGS_MAX_RECENT 10

/* A new GSettings for the schema, or NULL when the schema (or one of the
 * keys Annota reads) is not installed, for example when running from the
 * build tree without GSETTINGS_SCHEMA_DIR. Callers then keep the defaults
 * in memory. */
GSettings      *annota_settings_new                (void);
/* Puts path first in the list of key ("recent-documents" or
 * "recent-corpora"), removing an earlier copy and keeping at most
 * ANNOTA_SETTINGS_MAX_RECENT paths. Writes nothing when the list does not
 * change. */
void            annota_settings_add_recent         (GSettings   *settings,
                                                    const char  *key,
                                                    const char  *path);
/* The labels a new document starts with: the label set of last-label-set
 * when there is one, otherwise the built-in ones. When the file cannot be
 * loaded, the built-in labels are returned and warning says why. */
AnnotaLabelSet *annota_settings_new_default_labels (GSettings   *settings,
                                                    char       **warning);

G_END_DECLS
