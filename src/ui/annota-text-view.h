/* annota-text-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The read-only text of a document with its spans drawn over it: label
 * colours, label chips, nesting bars, suggested and rejected styles. Only the
 * visible part is tagged, and a change re-tags only the range it touched.
 * Selections snap to words or grapheme clusters.
 *
 * A span nested in (or crossing into) an earlier one is drawn as a coloured
 * bar below the text, one row per level, and carries no tag; the outermost
 * spans carry the tag of their label and status.
 */
#pragma once

#include <gtk/gtk.h>

#include "annota-core.h"

G_BEGIN_DECLS

typedef enum {
  ANNOTA_SNAP_WORDS,
  ANNOTA_SNAP_GRAPHEMES,
} AnnotaSnapMode;

#define ANNOTA_TYPE_SNAP_MODE (annota_snap_mode_get_type ())
GType annota_snap_mode_get_type (void) G_GNUC_CONST;

#define ANNOTA_TYPE_TEXT_VIEW (annota_text_view_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaTextView, annota_text_view, ANNOTA, TEXT_VIEW, GtkTextView)

GtkWidget      *annota_text_view_new               (void);
void            annota_text_view_set_document      (AnnotaTextView *self,
                                                    AnnotaDocument *document);
AnnotaDocument *annota_text_view_get_document      (AnnotaTextView *self);
/* The selected span (borrowed) or NULL. Setting it selects the span's text
 * and scrolls to it. Property "selected-span". */
AnnotaSpan     *annota_text_view_get_selected_span (AnnotaTextView *self);
void            annota_text_view_set_selected_span (AnnotaTextView *self,
                                                    AnnotaSpan     *span);
/* The current selection snapped with the snap mode, in code points; FALSE
 * when there is no selection. */
gboolean        annota_text_view_get_snapped_selection (AnnotaTextView *self,
                                                        guint          *start,
                                                        guint          *end);
/* Selects [start, end) in the buffer and scrolls to it. */
void            annota_text_view_select_range      (AnnotaTextView *self,
                                                    guint           start,
                                                    guint           end);
/* Properties "snap-mode", "show-rejected", "cursor-offset" (read-only),
 * "selection-length" (read-only, code points). */
AnnotaSnapMode  annota_text_view_get_snap_mode     (AnnotaTextView *self);
void            annota_text_view_set_snap_mode     (AnnotaTextView *self,
                                                    AnnotaSnapMode  mode);
gboolean        annota_text_view_get_show_rejected (AnnotaTextView *self);
void            annota_text_view_set_show_rejected (AnnotaTextView *self,
                                                    gboolean        show);
guint           annota_text_view_get_cursor_offset (AnnotaTextView *self);
guint           annota_text_view_get_selection_length (AnnotaTextView *self);
/* The tag applied for a label (NULL if none yet), for tests. Only spans at
 * nesting level 0 carry it. */
GtkTextTag     *annota_text_view_get_label_tag     (AnnotaTextView *self,
                                                    const char     *label,
                                                    AnnotaSpanStatus status);

G_END_DECLS
