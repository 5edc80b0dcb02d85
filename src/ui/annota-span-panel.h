/* annota-span-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The side panel's list of spans: a GtkColumnView (text, label, range,
 * status, score, origin), sortable, filtered by label, status and a query.
 * Its "selected-span" follows the user's choice of row, and setting it
 * selects the row.
 */
#pragma once

#include <gtk/gtk.h>

#include "annota-core.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_SPAN_PANEL (annota_span_panel_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaSpanPanel, annota_span_panel, ANNOTA, SPAN_PANEL, GtkWidget)

GtkWidget      *annota_span_panel_new               (void);
void            annota_span_panel_set_document      (AnnotaSpanPanel *self,
                                                     AnnotaDocument  *document);
AnnotaSpan     *annota_span_panel_get_selected_span (AnnotaSpanPanel *self);
void            annota_span_panel_set_selected_span (AnnotaSpanPanel *self,
                                                     AnnotaSpan      *span);
/* Number of rows shown after filtering (for tests). */
guint           annota_span_panel_get_n_visible     (AnnotaSpanPanel *self);

G_END_DECLS
