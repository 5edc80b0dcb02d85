/* annota-label.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A label: the id that files store ("PER"), a display name, a colour
 * ("#rrggbb"), a one-character shortcut key and a description. Changed only
 * through AnnotaDocument (or the label set's private API) so that every
 * change is undoable; each setter notifies its property.
 */
#pragma once

#include "annota-types.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_LABEL (annota_label_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaLabel, annota_label, ANNOTA, LABEL, GObject)

AnnotaLabel *annota_label_new             (const char  *id,
                                           const char  *name,
                                           const char  *color,
                                           const char  *key);
const char  *annota_label_get_id          (AnnotaLabel *self);
const char  *annota_label_get_name        (AnnotaLabel *self);
const char  *annota_label_get_color       (AnnotaLabel *self);
const char  *annota_label_get_key         (AnnotaLabel *self);
const char  *annota_label_get_description (AnnotaLabel *self);
/* Unknown JSON members, compact JSON object text or NULL. */
const char  *annota_label_get_extra       (AnnotaLabel *self);
AnnotaLabel *annota_label_copy            (AnnotaLabel *self);
/* TRUE for "#rrggbb" (hex digits, either case). */
gboolean     annota_label_color_is_valid  (const char  *color);
/* The default colour for the n-th label: the GNOME palette. */
const char  *annota_label_default_color   (guint        n);

void         _annota_label_set_name        (AnnotaLabel *self, const char *name);
void         _annota_label_set_color       (AnnotaLabel *self, const char *color);
void         _annota_label_set_key         (AnnotaLabel *self, const char *key);
void         _annota_label_set_description (AnnotaLabel *self, const char *description);
void         _annota_label_set_extra       (AnnotaLabel *self, const char *extra_json);

G_END_DECLS
