/* annota-label-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window to add, rename, recolour, re-key and remove the labels of a
 * document (every change undoable through AnnotaDocument), and to load and
 * save the label set as labels.json.
 */
#pragma once

#include <adwaita.h>

#include "annota-core.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_LABEL_EDITOR (annota_label_editor_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaLabelEditor, annota_label_editor, ANNOTA, LABEL_EDITOR, AdwWindow)

GtkWidget *annota_label_editor_new (GtkWindow      *parent,
                                    AnnotaDocument *document);

/* What the window's own controls do, callable without them (tests, actions).
 * add_label: a new label with this id, a palette colour and the first free
 * digit key. remove_label: removes a label without spans at once and returns
 * NULL; for a label with spans it shows and returns (borrowed) the
 * AdwMessageDialog that asks what happens to them, with the responses
 * "cancel", "move" (to the label chosen in its extra child, a GtkDropDown of
 * the other ids) and "remove". load_labels merges a labels.json into the
 * document's labels in one undoable step; save_labels writes them. Each
 * emits "file-used" (GFile *file) when it succeeded, so that the window can
 * remember the label set. */
gboolean   annota_label_editor_add_label    (AnnotaLabelEditor *self,
                                             const char        *id,
                                             GError           **error);
GtkWidget *annota_label_editor_remove_label (AnnotaLabelEditor *self,
                                             const char        *id);
gboolean   annota_label_editor_load_labels  (AnnotaLabelEditor *self,
                                             GFile             *file,
                                             GError           **error);
gboolean   annota_label_editor_save_labels  (AnnotaLabelEditor *self,
                                             GFile             *file,
                                             GError           **error);

G_END_DECLS
