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

G_END_DECLS
