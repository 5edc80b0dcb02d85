/* annota-text-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hooks into AnnotaTextView for tests and benchmarks: counters that prove
 * only the visible part is tagged, the click logic without events, and
 * where chips are drawn.
 */
#pragma once

#include "annota-text-view.h"

G_BEGIN_DECLS

/* How many times a tag was applied to the buffer since the view was made. */
guint    _annota_text_view_get_n_tag_applications (AnnotaTextView *self);
/* How many spans the view keeps tagged (its mirror of the visible spans). */
guint    _annota_text_view_get_n_tagged_spans     (AnnotaTextView *self);
/* TRUE when every span intersecting [start, end) is tagged. */
gboolean _annota_text_view_is_range_tagged        (AnnotaTextView *self,
                                                   guint           start,
                                                   guint           end);
/* Runs a pending update of the visible region now. */
void     _annota_text_view_flush                  (AnnotaTextView *self);
/* The nesting level the view uses for span (0: background). */
guint    _annota_text_view_get_span_depth         (AnnotaTextView *self,
                                                   AnnotaSpan     *span);
/* What a plain click at offset does: selects the innermost span there, or
 * the next outer one when a span there was already selected. Returns the
 * span selected or NULL. */
AnnotaSpan *_annota_text_view_click_offset        (AnnotaTextView *self,
                                                   guint           offset,
                                                   AnnotaSpan     *previous);

/* Where the view draws the chip of span, in buffer coordinates, as the
 * snapshot places it; FALSE when it draws none (not on screen, hidden). */
gboolean _annota_text_view_get_chip_rect          (AnnotaTextView  *self,
                                                   AnnotaSpan      *span,
                                                   graphene_rect_t *rect);

/* Filling a buffer with a large text takes as long as reading it: the
 * application does it in the thread that reads a file named on the
 * command line, and the view then takes that buffer. */
GtkTextBuffer *_annota_text_view_new_buffer       (AnnotaText      *text);
void     _annota_text_view_set_document_with_buffer (AnnotaTextView *self,
                                                     AnnotaDocument *document,
                                                     GtkTextBuffer  *filled);

G_END_DECLS
