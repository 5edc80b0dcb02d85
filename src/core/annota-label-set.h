/* annota-label-set.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of AnnotaLabel in the user's order, with lookup by id and by
 * shortcut key. Shared by all documents of a corpus.
 */
#pragma once

#include <gio/gio.h>

#include "annota-label.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_LABEL_SET (annota_label_set_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaLabelSet, annota_label_set, ANNOTA, LABEL_SET, GObject)

AnnotaLabelSet *annota_label_set_new          (void);
/* PER, LOC, ORG, MISC with keys 1-4 and palette colours. */
AnnotaLabelSet *annota_label_set_new_default  (void);
guint           annota_label_set_get_n_labels (AnnotaLabelSet *self);
AnnotaLabel    *annota_label_set_peek         (AnnotaLabelSet *self,
                                               guint           position);
AnnotaLabel    *annota_label_set_lookup       (AnnotaLabelSet *self,
                                               const char     *id);
AnnotaLabel    *annota_label_set_lookup_key   (AnnotaLabelSet *self,
                                               const char     *key);
gboolean        annota_label_set_find         (AnnotaLabelSet *self,
                                               const char     *id,
                                               guint          *position);
/* Fails with ANNOTA_DOCUMENT_ERROR_DUPLICATE for an id already present. */
gboolean        annota_label_set_insert       (AnnotaLabelSet *self,
                                               guint           position,
                                               AnnotaLabel    *label,
                                               GError        **error);
gboolean        annota_label_set_append       (AnnotaLabelSet *self,
                                               AnnotaLabel    *label,
                                               GError        **error);
gboolean        annota_label_set_remove       (AnnotaLabelSet *self,
                                               const char     *id);
/* Adds the labels of other that this set lacks (by id), in their order. */
void            annota_label_set_merge        (AnnotaLabelSet *self,
                                               AnnotaLabelSet *other);
/* Re-indexes the key lookup after a label's key changed. */
void            _annota_label_set_rekey       (AnnotaLabelSet *self);

G_END_DECLS
