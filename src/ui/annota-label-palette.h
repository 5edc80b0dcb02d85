/* annota-label-palette.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The labels of a document: colour, key, name and live span count per label.
 * Clicking a label emits "label-activated" with its id; the window labels
 * the selection with it. "Edit Labels…" opens the label editor.
 */
#pragma once

#include <gtk/gtk.h>

#include "annota-core.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_LABEL_PALETTE (annota_label_palette_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaLabelPalette, annota_label_palette, ANNOTA, LABEL_PALETTE, GtkWidget)

GtkWidget *annota_label_palette_new          (void);
void       annota_label_palette_set_document (AnnotaLabelPalette *self,
                                              AnnotaDocument     *document);

G_END_DECLS
