/* annota-span-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of AnnotaSpan kept sorted by (start, end, label), backed by a
 * balanced tree augmented with subtree sizes and maximal ends: position
 * lookup, insertion and removal are O(log n), and "which spans intersect
 * [a, b)" is O(log n + k). Every change emits exactly one items-changed.
 */
#pragma once

#include <gio/gio.h>

#include "annota-span.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_SPAN_STORE (annota_span_store_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaSpanStore, annota_span_store, ANNOTA, SPAN_STORE, GObject)

AnnotaSpanStore *annota_span_store_new          (void);
guint            annota_span_store_get_n_spans  (AnnotaSpanStore *self);
/* Borrowed pointer, no new reference; NULL when out of range. */
AnnotaSpan      *annota_span_store_peek         (AnnotaSpanStore *self,
                                                 guint            position);
/* Inserts in sorted order (after equal keys) and returns the position. */
guint            annota_span_store_insert       (AnnotaSpanStore *self,
                                                 AnnotaSpan      *span);
gboolean         annota_span_store_remove       (AnnotaSpanStore *self,
                                                 AnnotaSpan      *span);
/* Finds the position of this very span object (pointer identity). */
gboolean         annota_span_store_find         (AnnotaSpanStore *self,
                                                 AnnotaSpan      *span,
                                                 guint           *position);
/* Changes start, end and label of a span in the store and moves it to its
 * new sorted place. Emits items-changed (pos, 1, 1) if it stays, else one
 * removal and one addition. */
void             annota_span_store_update       (AnnotaSpanStore *self,
                                                 AnnotaSpan      *span,
                                                 guint            start,
                                                 guint            end,
                                                 const char      *label);
/* Calls func for every span with start < b and end > a (for a == b: every
 * span containing a, i.e. start <= a < end), in store order. Stop early by
 * returning FALSE. */
typedef gboolean (*AnnotaSpanFunc) (AnnotaSpan *span,
                                    gpointer    user_data);
void             annota_span_store_foreach_in_range (AnnotaSpanStore *self,
                                                     guint            a,
                                                     guint            b,
                                                     AnnotaSpanFunc   func,
                                                     gpointer         user_data);
/* The spans intersecting [a, b) as a new GPtrArray of new references. */
GPtrArray       *annota_span_store_query        (AnnotaSpanStore *self,
                                                 guint            a,
                                                 guint            b);
/* Position of the first span whose start >= offset (n_spans if none). */
guint            annota_span_store_lower_bound  (AnnotaSpanStore *self,
                                                 guint            offset);
/* Bulk load for loaders: takes spans in any order, sorts them and emits one
 * items-changed (0, old_n, new_n). */
void             annota_span_store_splice_all   (AnnotaSpanStore *self,
                                                 AnnotaSpan     **spans,
                                                 guint            n_spans);
void             annota_span_store_clear        (AnnotaSpanStore *self);

G_END_DECLS
