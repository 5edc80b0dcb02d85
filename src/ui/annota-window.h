/* annota-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: one document at a time, its text with the spans drawn
 * over it, the side panel of spans and labels, search, and the actions that
 * annotate through AnnotaDocument.
 */
#pragma once

#include <adwaita.h>

#include "annota-core.h"
#include "annota-application.h"
#include "annota-span-panel.h"
#include "annota-text-view.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_WINDOW (annota_window_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaWindow, annota_window, ANNOTA, WINDOW, AdwApplicationWindow)

AnnotaWindow   *annota_window_new            (AnnotaApplication *application);
/* The open document or NULL (property "document"; "has-document"). */
AnnotaDocument *annota_window_get_document   (AnnotaWindow      *self);
AnnotaTextView *annota_window_get_text_view  (AnnotaWindow      *self);
AnnotaSpanPanel *annota_window_get_span_panel (AnnotaWindow     *self);
/* Opens file as the window's document, first asking whether to save a
 * modified one. A file that cannot be read leaves the window as it was and
 * shows why in a toast. */
void            annota_window_open_file      (AnnotaWindow      *self,
                                              GFile             *file);
/* Opens the sample as a new, unsaved document; FALSE when it is missing. */
gboolean        annota_window_open_sample    (AnnotaWindow      *self);
/* Replaces the document at once, without asking; for loads and tests. */
gboolean        annota_window_load_file      (AnnotaWindow      *self,
                                              GFile             *file,
                                              GError           **error);
/* Writes the document to file, which becomes its file (what Save As does
 * after the file chooser). */
gboolean        annota_window_save_to_file   (AnnotaWindow      *self,
                                              GFile             *file,
                                              GError           **error);

/* Adds the spans of a model's predictions (a native, spaCy, doccano or
 * Label Studio file of the same text) as suggestions, in one undoable step,
 * and turns review mode on; see annota-suggestions.h. Adds nothing and
 * fails when the texts differ. */
gboolean        annota_window_import_suggestions (AnnotaWindow  *self,
                                                  GFile         *file,
                                                  GError       **error);
/* Opens a comparison with another native document of the same text in the
 * side panel, and its figures on the statistics page. */
gboolean        annota_window_compare_with   (AnnotaWindow      *self,
                                              GFile             *file,
                                              GError           **error);

G_END_DECLS
