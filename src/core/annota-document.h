/* annota-document.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document: its text, span store, label set and history. It is the only
 * door for changes: every operation below checks its arguments, records an
 * undoable edit and updates the models, which emit the signals views need.
 */
#pragma once

#include <gio/gio.h>

#include "annota-history.h"
#include "annota-label-set.h"
#include "annota-span-store.h"
#include "annota-text.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_DOCUMENT (annota_document_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaDocument, annota_document, ANNOTA, DOCUMENT, GObject)

typedef enum {
  ANNOTA_LABEL_REMOVAL_DELETE_SPANS,   /* the label's spans are removed too */
  ANNOTA_LABEL_REMOVAL_RELABEL_SPANS,  /* they get another label */
} AnnotaLabelRemoval;

/* labels may be NULL for an empty set; the document keeps a reference (a
 * corpus shares one set between documents). */
AnnotaDocument  *annota_document_new          (AnnotaText      *text,
                                               AnnotaLabelSet  *labels);
AnnotaDocument  *annota_document_new_from_string (const char   *utf8,
                                                  AnnotaLabelSet *labels);
AnnotaText      *annota_document_get_text     (AnnotaDocument  *self);
guint            annota_document_get_length   (AnnotaDocument  *self);
AnnotaSpanStore *annota_document_get_spans    (AnnotaDocument  *self);
AnnotaLabelSet  *annota_document_get_labels   (AnnotaDocument  *self);
AnnotaHistory   *annota_document_get_history  (AnnotaDocument  *self);
GFile           *annota_document_get_file     (AnnotaDocument  *self);
void             annota_document_set_file     (AnnotaDocument  *self,
                                               GFile           *file);
AnnotaDocumentState annota_document_get_state (AnnotaDocument  *self);
gboolean         annota_document_get_modified (AnnotaDocument  *self);
gboolean         annota_document_get_can_undo (AnnotaDocument  *self);
gboolean         annota_document_get_can_redo (AnnotaDocument  *self);
/* Called after a successful save: modified becomes FALSE. */
void             annota_document_mark_saved   (AnnotaDocument  *self);
/* Makes the document modified until it is saved, whatever is undone or
 * redone, without a step in the history: for a document that differs from
 * its file in a way the history does not know (restored from a copy, or
 * kept over a change on disk). */
void             annota_document_mark_modified (AnnotaDocument *self);

/* Span operations. Fail with ANNOTA_DOCUMENT_ERROR_RANGE unless
 * 0 <= start < end <= length, and ANNOTA_DOCUMENT_ERROR_LABEL for a label id
 * the set lacks. add_span returns the new span (borrowed). */
AnnotaSpan      *annota_document_add_span     (AnnotaDocument  *self,
                                               guint            start,
                                               guint            end,
                                               const char      *label,
                                               AnnotaSpanStatus status,
                                               const char      *origin,
                                               double           score,
                                               GError         **error);
/* Adds a ready span object (from an importer); same checks. */
gboolean         annota_document_add_span_object (AnnotaDocument *self,
                                                  AnnotaSpan     *span,
                                                  GError        **error);
void             annota_document_remove_span  (AnnotaDocument  *self,
                                               AnnotaSpan      *span);
gboolean         annota_document_relabel_span (AnnotaDocument  *self,
                                               AnnotaSpan      *span,
                                               const char      *label,
                                               GError         **error);
gboolean         annota_document_move_span    (AnnotaDocument  *self,
                                               AnnotaSpan      *span,
                                               guint            start,
                                               guint            end,
                                               GError         **error);
/* Sets status and the reviewed mark (a review decision). */
void             annota_document_set_span_status (AnnotaDocument  *self,
                                                  AnnotaSpan      *span,
                                                  AnnotaSpanStatus status,
                                                  gboolean         reviewed);
void             annota_document_set_span_note (AnnotaDocument *self,
                                                AnnotaSpan     *span,
                                                const char     *note);
void             annota_document_set_state    (AnnotaDocument  *self,
                                               AnnotaDocumentState state);

/* Replaces all spans at once, without history: for loaders. Checks every
 * range and label and changes nothing on failure. The store takes its own
 * references; the array is left as it is. */
gboolean         annota_document_load_spans   (AnnotaDocument  *self,
                                               GPtrArray       *spans,
                                               GError         **error);

/* Label operations (undoable). */
gboolean         annota_document_add_label    (AnnotaDocument  *self,
                                               AnnotaLabel     *label,
                                               GError         **error);
gboolean         annota_document_remove_label (AnnotaDocument  *self,
                                               const char      *id,
                                               AnnotaLabelRemoval removal,
                                               const char      *relabel_to,
                                               GError         **error);
void             annota_document_set_label_name  (AnnotaDocument *self,
                                                  AnnotaLabel    *label,
                                                  const char     *name);
void             annota_document_set_label_color (AnnotaDocument *self,
                                                  AnnotaLabel    *label,
                                                  const char     *color);
/* Fails with ANNOTA_DOCUMENT_ERROR_DUPLICATE when another label has the key;
 * key may be NULL or "" for none. */
gboolean         annota_document_set_label_key   (AnnotaDocument *self,
                                                  AnnotaLabel    *label,
                                                  const char     *key,
                                                  GError        **error);

/* Live counts, kept by the document as spans come and go: spans with this
 * label (NULL: any) and status (-1: any). The "counts-changed" signal is
 * emitted once after every change that alters a count. */
guint            annota_document_count_spans  (AnnotaDocument  *self,
                                               const char      *label,
                                               int              status);

/* Grouping and undo. */
void             annota_document_begin_step   (AnnotaDocument  *self);
void             annota_document_end_step     (AnnotaDocument  *self);
gboolean         annota_document_undo         (AnnotaDocument  *self);
gboolean         annota_document_redo         (AnnotaDocument  *self);

/* Members the model does not know, kept for saving: a list of
 * (name, compact JSON value) pairs in file order, and the optional
 * tokenisation the document came with. */
typedef struct {
  char *name;
  char *json;
} AnnotaJsonMember;

GPtrArray       *annota_document_get_extra_members (AnnotaDocument *self);
/* The compact JSON text of the top-level member name, or NULL. */
const char      *annota_document_get_extra_member  (AnnotaDocument *self,
                                                    const char     *name);
void             annota_document_set_extra_member  (AnnotaDocument *self,
                                                    const char     *name,
                                                    const char     *json);
/* GArray of AnnotaRange or NULL; the document takes the array. */
GArray          *annota_document_get_tokens    (AnnotaDocument  *self);
void             annota_document_set_tokens    (AnnotaDocument  *self,
                                                GArray          *tokens);
GArray          *annota_document_get_sentences (AnnotaDocument  *self);
void             annota_document_set_sentences (AnnotaDocument  *self,
                                                GArray          *sentences);

G_END_DECLS
