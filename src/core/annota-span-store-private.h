/* annota-span-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The link between a span and the tree node that holds it in a store, so
 * that the store finds, removes and moves a span without searching. Only
 * annota-span.c and annota-span-store.c (and their tests) use this.
 */
#pragma once

#include "annota-span-store.h"

G_BEGIN_DECLS

typedef struct _AnnotaSpanStoreNode AnnotaSpanStoreNode;

/* The node of the store the span is in, or NULL. */
AnnotaSpanStoreNode *_annota_span_get_store_node (AnnotaSpan          *self);
void                 _annota_span_set_store_node (AnnotaSpan          *self,
                                                  AnnotaSpanStoreNode *node);
/* A scratch bit the store uses to find a span given twice to splice_all. */
gboolean             _annota_span_get_mark       (AnnotaSpan          *self);
void                 _annota_span_set_mark       (AnnotaSpan          *self,
                                                  gboolean             mark);
/* The sort key without type checks; label is interned. */
void                 _annota_span_get_key        (AnnotaSpan          *self,
                                                  guint               *start,
                                                  guint               *end,
                                                  const char         **label);
/* Sets start, end and label without notifying, even while the span is in a
 * store: annota_span_store_update() keeps the tree in order itself. Returns
 * what changed, for _annota_span_notify_key(), which the store calls once
 * its tree is consistent again. */
guint                _annota_span_replace_key    (AnnotaSpan          *self,
                                                  guint                start,
                                                  guint                end,
                                                  const char          *label);
/* Notifies start, end and label, in that order, for what changed. */
void                 _annota_span_notify_key     (AnnotaSpan          *self,
                                                  guint                changed);

/* Checks every invariant of the tree (order, balance, sizes, maximal ends,
 * parent and span back-pointers) and aborts on the first broken one. For
 * tests; O(n). */
void                 _annota_span_store_check    (AnnotaSpanStore     *self);
/* The allocation size of one tree node, for the memory benchmark. */
gsize                _annota_span_store_node_size (void);

G_END_DECLS
