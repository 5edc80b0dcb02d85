/* annota-swatch-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small rounded square in a label's colour, drawn rather than styled so
 * that any colour a user picks needs no CSS. Shared by the span panel, the
 * label palette and the label editor.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *_annota_swatch_new       (int         size);
/* color is "#rrggbb"; NULL or an invalid colour draws a neutral grey. */
void       _annota_swatch_set_color (GtkWidget  *swatch,
                                     const char *color);

G_END_DECLS
