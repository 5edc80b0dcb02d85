/* annota-export-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import… and Export… in the window: the interchange formats with their
 * options, for the document shown or the whole corpus. Both read and write
 * in a worker thread with a progress bar and Cancel; an export writes
 * nothing when it fails, and lists the spans the format could not hold.
 */
#pragma once

#include <adwaita.h>

#include "annota-format.h"
#include "annota-window.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_EXPORT_DIALOG (annota_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaExportDialog, annota_export_dialog, ANNOTA, EXPORT_DIALOG, AdwWindow)

/* For the window's document, or its whole corpus when one is open. */
GtkWidget  *annota_export_dialog_new          (AnnotaWindow        *window);
/* The choices the rows show. */
void        annota_export_dialog_set_format   (AnnotaExportDialog  *self,
                                               AnnotaFormatKind     kind);
void        annota_export_dialog_set_options  (AnnotaExportDialog  *self,
                                               const AnnotaFormatOptions *opts);
void        annota_export_dialog_set_whole_corpus (AnnotaExportDialog *self,
                                                   gboolean          whole_corpus);
/* What the Export button does once the file chooser answered: exports to
 * path in the background (property "running"). The dialog closes itself
 * when the export succeeded. */
void        annota_export_dialog_export_to    (AnnotaExportDialog  *self,
                                               const char          *path);
gboolean    annota_export_dialog_get_running  (AnnotaExportDialog  *self);
void        annota_export_dialog_cancel       (AnnotaExportDialog  *self);
/* What the last export reported (strings), and its error. */
GPtrArray  *annota_export_dialog_get_problems (AnnotaExportDialog  *self);
const GError *annota_export_dialog_get_error  (AnnotaExportDialog  *self);

#define ANNOTA_TYPE_IMPORT_DIALOG (annota_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaImportDialog, annota_import_dialog, ANNOTA, IMPORT_DIALOG, AdwWindow)

/* Import…: asks for a file, then shows the import dialog for it. */
void        annota_import_dialog_choose       (AnnotaWindow        *window);
/* The dialog for file: its format (detected by default) and options. */
GtkWidget  *annota_import_dialog_new          (AnnotaWindow        *window,
                                               GFile               *file);
void        annota_import_dialog_set_format   (AnnotaImportDialog  *self,
                                               AnnotaFormatKind     kind);
void        annota_import_dialog_set_options  (AnnotaImportDialog  *self,
                                               const AnnotaFormatOptions *opts);
/* Where a file of several documents is written as a native corpus, instead
 * of asking (for tests). */
void        annota_import_dialog_set_folder   (AnnotaImportDialog  *self,
                                               GFile               *folder);
/* What the Import button does: reads the file in the background (property
 * "running"); one document opens as a new document, several are written to
 * a folder as a corpus that then opens. Both go to the window when it is
 * empty, else to a new window. */
void        annota_import_dialog_import       (AnnotaImportDialog  *self);
gboolean    annota_import_dialog_get_running  (AnnotaImportDialog  *self);
const GError *annota_import_dialog_get_error  (AnnotaImportDialog  *self);

G_END_DECLS
