/* annota-compare.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The comparison page of the side panel: this document against another of
 * the same text (a second annotator, a model), as annota-cli agree compares
 * them with exact matching. It lists the spans only this document has, the
 * spans only the other has, and the ranges where both have a span with
 * different labels; for each, the user keeps this side or takes the other,
 * one at a time or all at once, each an undoable step.
 */
#pragma once

#include <gtk/gtk.h>

#include "annota-core.h"
#include "annota-agreement.h"

G_BEGIN_DECLS

typedef enum {
  ANNOTA_DIFF_ONLY_HERE,    /* items: this document's spans */
  ANNOTA_DIFF_ONLY_THERE,   /* items: the other document's spans */
  ANNOTA_DIFF_LABEL,        /* items: the other document's spans; the counterpart is get_mine() */
} AnnotaDiffKind;

#define ANNOTA_TYPE_DIFF_KIND (annota_diff_kind_get_type ())
GType annota_diff_kind_get_type (void) G_GNUC_CONST;

#define ANNOTA_TYPE_COMPARE_VIEW (annota_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaCompareView, annota_compare_view, ANNOTA, COMPARE_VIEW, GtkWidget)

GtkWidget       *annota_compare_view_new        (void);
/* Another document closes the comparison. */
void             annota_compare_view_set_document (AnnotaCompareView *self,
                                                   AnnotaDocument    *document);
/* Fails, comparing nothing, when the texts differ (the message says where). */
gboolean         annota_compare_view_open       (AnnotaCompareView *self,
                                                 AnnotaDocument    *other,
                                                 const char        *other_name,
                                                 GError           **error);
void             annota_compare_view_close      (AnnotaCompareView *self);
/* NULL while no comparison is open. The figures are those of the last
 * comparison, made again (and "updated" emitted) after every change of
 * this document. */
AnnotaAgreement *annota_compare_view_get_agreement  (AnnotaCompareView *self);
const char      *annota_compare_view_get_other_name (AnnotaCompareView *self);
/* Runs a pending comparison now. */
void             annota_compare_view_update     (AnnotaCompareView *self);
/* The differences of a kind, not yet settled, in store order: a GListModel
 * of AnnotaSpan (borrowed). */
GListModel      *annota_compare_view_get_diffs  (AnnotaCompareView *self,
                                                 AnnotaDiffKind     kind);
/* For ANNOTA_DIFF_LABEL: this document's span at the other span's range. */
AnnotaSpan      *annota_compare_view_get_mine   (AnnotaCompareView *self,
                                                 AnnotaSpan        *theirs);
/* Settles one difference (span from get_diffs): theirs TRUE takes the other
 * document's side (removes this document's span, adds theirs, or relabels
 * it), FALSE keeps this side and hides the difference. */
gboolean         annota_compare_view_take       (AnnotaCompareView *self,
                                                 AnnotaDiffKind     kind,
                                                 AnnotaSpan        *span,
                                                 gboolean           theirs);
/* Every difference of a kind at once, in one undoable step. */
void             annota_compare_view_take_all   (AnnotaCompareView *self,
                                                 AnnotaDiffKind     kind,
                                                 gboolean           theirs);

G_END_DECLS
