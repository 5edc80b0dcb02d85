/* annota-agreement.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How well one span set (the "other": a model, a second annotator) agrees
 * with a reference: precision, recall and F1 per label and overall, with
 * their TP/FP/FN counts, and token-level Cohen's kappa. Used by review and
 * by `annota-cli agree`.
 *
 * Which spans count. A rejected span is absent. A suggested span counts,
 * unless accepted-only is set, in which case only accepted spans count. When
 * a label filter is set, spans with other labels are absent too. All of this
 * applies to both sides, and to kappa as well.
 *
 * Matching (one-to-one; every counted span is in at most one pair):
 * - exact: a span of the other side is a true positive when the reference
 *   has a counted span with the same start, end and label that is not yet
 *   paired. Duplicates pair up one by one: three equal spans against two
 *   give two TP and one FP.
 * - overlap: first every exact pair is made as above. Then each remaining
 *   span of the other side, in store order (start, end, label), is paired
 *   with the first remaining reference span in store order that has the
 *   same label and shares at least one code point with it. Making the exact
 *   pairs first means overlap never finds fewer pairs than exact.
 * FP = spans of the other side left unpaired, FN = reference spans left
 * unpaired.
 *
 * Figures. P = TP / (TP + FP), R = TP / (TP + FN), F1 = 2TP / (2TP + FP + FN),
 * which is the harmonic mean of P and R whenever both are defined and not
 * both zero, and 0 when TP is 0 but something was found or missed. A figure
 * whose denominator is 0 is undefined and is NaN (the CLI prints "–" and
 * JSON null): P for a label the other side never used, R for a label the
 * reference never used, all three when neither side has any span.
 * - per label: one row for each label with a counted span on either side,
 *   sorted by label id (strcmp).
 * - micro: P, R, F1 of the TP, FP, FN summed over those labels.
 * - macro: the mean over those labels of the per-label F1, P and R; an
 *   undefined per-label figure is left out of its mean (so macro P is over
 *   the labels the other side used, macro R over those the reference used;
 *   macro F1 is over all the rows). NaN when nothing is left to average.
 *   The macro row's counts are the sums, as in micro.
 *
 * Kappa. The text's ICU tokens (annota_text_get_tokens) each get one
 * category per side: the label of a counted span covering it, or "O" when
 * none does. A span covers a token when they share at least one code point;
 * when several do (nested or overlapping spans), the shortest wins, and
 * among equally short ones the first in store order. "O" is its own category,
 * distinct from a label whose id happens to be "O". Over the n tokens, with
 * A the agreeing tokens and a_c, b_c the tokens each side put in category c:
 * p_o = A / n, p_e = Σ a_c b_c / n², kappa = (p_o − p_e) / (1 − p_e), computed
 * as (nA − Σ a_c b_c) / (n² − Σ a_c b_c). It is NaN when there are no tokens
 * or when p_e = 1 (both sides put every token in one and the same category).
 */
#pragma once

#include "annota-document.h"

G_BEGIN_DECLS

typedef enum {
  ANNOTA_MATCH_EXACT,
  ANNOTA_MATCH_OVERLAP,
} AnnotaMatch;

#define ANNOTA_TYPE_MATCH (annota_match_get_type ())
GType annota_match_get_type (void) G_GNUC_CONST;

/* "exact", "overlap" */
const char *annota_match_to_string   (AnnotaMatch  match);
gboolean    annota_match_from_string (const char  *str,
                                      AnnotaMatch *match);

typedef enum {
  ANNOTA_AGREEMENT_ERROR_TEXT,   /* the two texts are not the same */
} AnnotaAgreementError;

#define ANNOTA_AGREEMENT_ERROR (annota_agreement_error_quark ())
GQuark annota_agreement_error_quark (void);

typedef struct {
  const char *label;     /* interned label id; NULL for the micro and macro rows */
  guint       tp;
  guint       fp;
  guint       fn;
  double      precision; /* NaN when undefined */
  double      recall;
  double      f1;
} AnnotaAgreementScores;

#define ANNOTA_TYPE_AGREEMENT (annota_agreement_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaAgreement, annota_agreement, ANNOTA, AGREEMENT, GObject)

/* The options (properties "match", "accepted-only", "labels") apply to the
 * next comparison; the results are those of the last one (all empty, figures
 * NaN, before the first). */
AnnotaAgreement *annota_agreement_new               (void);
AnnotaMatch      annota_agreement_get_match         (AnnotaAgreement *self);
void             annota_agreement_set_match         (AnnotaAgreement *self,
                                                     AnnotaMatch      match);
gboolean         annota_agreement_get_accepted_only (AnnotaAgreement *self);
void             annota_agreement_set_accepted_only (AnnotaAgreement *self,
                                                     gboolean         accepted_only);
/* The label filter: NULL (or an empty list) for every label. */
const char * const *annota_agreement_get_labels     (AnnotaAgreement *self);
void             annota_agreement_set_labels        (AnnotaAgreement *self,
                                                     const char * const *labels);

/* Compares other against reference. text may be NULL, and then kappa is
 * NaN over 0 tokens; the spans must lie inside it. */
void             annota_agreement_compare           (AnnotaAgreement *self,
                                                     AnnotaSpanStore *reference,
                                                     AnnotaSpanStore *other,
                                                     AnnotaText      *text);
/* Checks that the texts are equal (else fails with ANNOTA_AGREEMENT_ERROR_TEXT
 * and compares nothing), then compares their spans. */
gboolean         annota_agreement_compare_documents (AnnotaAgreement *self,
                                                     AnnotaDocument  *reference,
                                                     AnnotaDocument  *other,
                                                     GError         **error);
/* TRUE when the texts are equal. Otherwise sets *offset (if given) to the
 * first code point where they differ (the shorter length when one is a
 * prefix of the other) and error to a message naming both (names may be
 * NULL), that offset, and the text of each from there on, shortened, with
 * line breaks and invisible characters written as escapes. */
gboolean         annota_agreement_check_texts       (AnnotaText      *reference,
                                                     const char      *reference_name,
                                                     AnnotaText      *other,
                                                     const char      *other_name,
                                                     guint           *offset,
                                                     GError         **error);

/* Results. Rows are sorted by label id; pointers are valid until the next
 * comparison. */
guint            annota_agreement_get_n_labels      (AnnotaAgreement *self);
const AnnotaAgreementScores *annota_agreement_get_scores (AnnotaAgreement *self,
                                                          guint            position);
/* The row of label, or NULL when neither side has a counted span with it. */
const AnnotaAgreementScores *annota_agreement_lookup     (AnnotaAgreement *self,
                                                          const char      *label);
const AnnotaAgreementScores *annota_agreement_get_micro  (AnnotaAgreement *self);
const AnnotaAgreementScores *annota_agreement_get_macro  (AnnotaAgreement *self);
/* Counted spans of each side. */
guint            annota_agreement_get_n_reference_spans (AnnotaAgreement *self);
guint            annota_agreement_get_n_other_spans     (AnnotaAgreement *self);
/* The unpaired spans, in store order (borrowed arrays of AnnotaSpan):
 * the reference's false negatives and the other side's false positives. */
GPtrArray       *annota_agreement_get_false_negatives (AnnotaAgreement *self);
GPtrArray       *annota_agreement_get_false_positives (AnnotaAgreement *self);

double           annota_agreement_get_kappa          (AnnotaAgreement *self);
guint            annota_agreement_get_n_tokens       (AnnotaAgreement *self);
/* p_o and p_e of the kappa above (NaN without tokens). */
double           annota_agreement_get_observed_agreement (AnnotaAgreement *self);
double           annota_agreement_get_expected_agreement (AnnotaAgreement *self);

G_END_DECLS
