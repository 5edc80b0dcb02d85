/* annota-span.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One annotation: a range of code points [start, end) of a document's text
 * with a label id, a review status, an origin, an optional score and note.
 * Spans are read-only for everyone but AnnotaDocument, which changes them
 * through annota-span-private.h so that history and store stay in step.
 */
#pragma once

#include "annota-types.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_SPAN_STATUS (annota_span_status_get_type ())
GType annota_span_status_get_type (void) G_GNUC_CONST;

#define ANNOTA_TYPE_SPAN (annota_span_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaSpan, annota_span, ANNOTA, SPAN, GObject)

/* label and origin are interned (g_intern_string); score < 0 means "no score". */
AnnotaSpan       *annota_span_new        (guint             start,
                                          guint             end,
                                          const char       *label,
                                          AnnotaSpanStatus  status,
                                          const char       *origin,
                                          double            score);
guint             annota_span_get_start  (AnnotaSpan       *self);
guint             annota_span_get_end    (AnnotaSpan       *self);
guint             annota_span_get_length (AnnotaSpan       *self);
const char       *annota_span_get_label  (AnnotaSpan       *self);
AnnotaSpanStatus  annota_span_get_status (AnnotaSpan       *self);
const char       *annota_span_get_origin (AnnotaSpan       *self);
gboolean          annota_span_has_score  (AnnotaSpan       *self);
double            annota_span_get_score  (AnnotaSpan       *self);
const char       *annota_span_get_note   (AnnotaSpan       *self);
/* Unknown JSON members of the span, kept verbatim as a compact JSON object
 * text ("{\"x\":1}") or NULL. */
const char       *annota_span_get_extra  (AnnotaSpan       *self);
gboolean          annota_span_get_reviewed (AnnotaSpan     *self);
AnnotaSpan       *annota_span_copy       (AnnotaSpan       *self);
/* Ordering of the store: start, then end, then label id (strcmp). */
int               annota_span_compare    (AnnotaSpan       *a,
                                          AnnotaSpan       *b);
gboolean          annota_span_equal      (AnnotaSpan       *a,
                                          AnnotaSpan       *b);

G_END_DECLS
