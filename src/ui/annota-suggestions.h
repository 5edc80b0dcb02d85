/* annota-suggestions.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suggestions in: the spans of a model's predictions (a native file, or
 * spaCy/Prodigy, doccano, Label Studio, brat or CoNLL through the formats)
 * added to an open document as suggested spans, in one undoable step.
 *
 * The predictions must be for the very same text; otherwise nothing is
 * added and the error says where the texts differ. A prediction equal to a
 * span the document already has (same start, end and label, whatever its
 * status) is merged: nothing is added. A prediction that shares a code point
 * with a span of another label that is not rejected is added, and marked as
 * a conflict: the span gets the member "conflict": true, which is saved with
 * it (an unknown member of the native format) and shown in the review bar.
 */
#pragma once

#include "annota-core.h"

G_BEGIN_DECLS

typedef struct {
  guint n_added;       /* new suggested spans */
  guint n_merged;      /* equal to a span already there */
  guint n_conflicts;   /* added, and marked as conflicts */
  guint n_labels;      /* labels the document did not have */
  /* When the import fails because the texts differ: TRUE, and the code
   * point of this document's text where they start to. */
  gboolean texts_differ;
  guint    differ_at;
} AnnotaSuggestionsResult;

/* Reads path (its format guessed from its name and content); from a file of
 * several documents, the first whose text equals the document's. */
gboolean annota_suggestions_import_file     (AnnotaDocument          *document,
                                             const char              *path,
                                             AnnotaSuggestionsResult *result,
                                             GError                 **error);
/* The spans of source (not rejected ones) as suggestions; name is used in
 * messages and, without a better one, as the origin. */
gboolean annota_suggestions_import_document (AnnotaDocument          *document,
                                             AnnotaDocument          *source,
                                             const char              *name,
                                             AnnotaSuggestionsResult *result,
                                             GError                 **error);
/* TRUE when span carries the conflict mark. */
gboolean annota_suggestions_is_conflict     (AnnotaSpan              *span);

G_END_DECLS
