/* annota-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: one window per document, files from the command line
 * (G_APPLICATION_HANDLES_OPEN), app-wide actions and their accelerators.
 */
#pragma once

#include <adwaita.h>

#include "annota-core.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_APPLICATION (annota_application_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaApplication, annota_application, ANNOTA, APPLICATION, AdwApplication)

AnnotaApplication *annota_application_new (void);
/* The sample document shipped with Annota, or NULL when it cannot be found:
 * $ANNOTA_SAMPLES_DIR, then PKGDATADIR/samples, then the source tree. */
GFile             *annota_application_find_sample (void);

/* For the window: the document read for file while the application started
 * (the first FILE of the command line), waited for if still being read.
 * Returns FALSE when none was read for file; otherwise what reading it gave,
 * the document or the error, once; and the document's text in a buffer for
 * its text view, or NULL. */
gboolean           _annota_application_is_preloading  (AnnotaApplication  *self,
                                                       GFile              *file);
gboolean           _annota_application_take_preloaded (AnnotaApplication  *self,
                                                       GFile              *file,
                                                       AnnotaDocument    **document,
                                                       GtkTextBuffer     **buffer,
                                                       GPtrArray         **warnings,
                                                       GError            **error);

G_END_DECLS
