/* annota-span-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Setters used only by AnnotaDocument, the store and the loaders. Each emits
 * notify for its property when the value really changed. Never change start,
 * end or label of a span that is in a store: use annota_span_store_update().
 */
#pragma once

#include "annota-span.h"

G_BEGIN_DECLS

/* As annota_span_new(), for loaders that intern each distinct label and
 * origin once: label and origin must already be interned (or NULL). */
AnnotaSpan *_annota_span_new_interned (guint             start,
                                       guint             end,
                                       const char       *label,
                                       AnnotaSpanStatus  status,
                                       const char       *origin,
                                       double            score);
/* What annota_document_load_spans() checks and counts, in one call
 * without type checks. */
void        _annota_span_get_fields   (AnnotaSpan       *self,
                                       guint            *start,
                                       guint            *end,
                                       const char      **label,
                                       AnnotaSpanStatus *status);

void _annota_span_set_range    (AnnotaSpan       *self,
                                guint             start,
                                guint             end);
void _annota_span_set_label    (AnnotaSpan       *self,
                                const char       *label);
void _annota_span_set_status   (AnnotaSpan       *self,
                                AnnotaSpanStatus  status);
void _annota_span_set_origin   (AnnotaSpan       *self,
                                const char       *origin);
void _annota_span_set_score    (AnnotaSpan       *self,
                                double            score);
void _annota_span_set_note     (AnnotaSpan       *self,
                                const char       *note);
void _annota_span_set_extra    (AnnotaSpan       *self,
                                const char       *extra_json);
void _annota_span_set_reviewed (AnnotaSpan       *self,
                                gboolean          reviewed);

G_END_DECLS
