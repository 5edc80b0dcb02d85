/* test-agreement.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AnnotaAgreement against figures computed by hand: empty sets, all right,
 * all wrong, nested and duplicated spans, exact against overlap matching,
 * the label filter, rejected and suggested spans, token-level kappa, and
 * texts that differ.
 */
#include "config.h"

#include <math.h>
#include <libglib-testing/signal-logger.h>

#include "annota-core.h"
#include "annota-agreement.h"

#define ACC ANNOTA_SPAN_STATUS_ACCEPTED
#define SUG ANNOTA_SPAN_STATUS_SUGGESTED
#define REJ ANNOTA_SPAN_STATUS_REJECTED

typedef struct {
  guint            start;
  guint            end;
  const char      *label;
  AnnotaSpanStatus status;
} SpanSpec;

static AnnotaSpanStore *
store_new (const SpanSpec *specs,
           guint           n)
{
  AnnotaSpanStore *store = annota_span_store_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AnnotaSpan) span = annota_span_new (specs[i].start, specs[i].end, specs[i].label,
                                                    specs[i].status, "manual", -1);

      annota_span_store_insert (store, span);
    }
  return store;
}

/* Figures are single divisions of small integers, so they are compared
 * exactly; NAN stands for "undefined". Macro figures are means and get a
 * tolerance. */
static void
assert_figure (double value,
               double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (value));
  else
    g_assert_cmpfloat (value, ==, expected);
}

static void
assert_figure_near (double value,
                    double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (value));
  else
    g_assert_cmpfloat_with_epsilon (value, expected, 1e-12);
}

static void
assert_scores (const AnnotaAgreementScores *scores,
               guint                        tp,
               guint                        fp,
               guint                        fn,
               double                       precision,
               double                       recall,
               double                       f1)
{
  g_assert_nonnull (scores);
  g_assert_cmpuint (scores->tp, ==, tp);
  g_assert_cmpuint (scores->fp, ==, fp);
  g_assert_cmpuint (scores->fn, ==, fn);
  assert_figure (scores->precision, precision);
  assert_figure (scores->recall, recall);
  assert_figure (scores->f1, f1);
}

static void
assert_row (AnnotaAgreement *agreement,
            guint            position,
            const char      *label,
            guint            tp,
            guint            fp,
            guint            fn,
            double           precision,
            double           recall,
            double           f1)
{
  const AnnotaAgreementScores *scores = annota_agreement_get_scores (agreement, position);

  g_assert_nonnull (scores);
  g_assert_cmpstr (scores->label, ==, label);
  g_assert_true (scores->label == g_intern_string (label));
  g_assert_true (annota_agreement_lookup (agreement, label) == scores);
  assert_scores (scores, tp, fp, fn, precision, recall, f1);
}

static void
assert_macro (AnnotaAgreement *agreement,
              double           precision,
              double           recall,
              double           f1)
{
  const AnnotaAgreementScores *macro = annota_agreement_get_macro (agreement);
  const AnnotaAgreementScores *micro = annota_agreement_get_micro (agreement);

  g_assert_null (macro->label);
  g_assert_cmpuint (macro->tp, ==, micro->tp);
  g_assert_cmpuint (macro->fp, ==, micro->fp);
  g_assert_cmpuint (macro->fn, ==, micro->fn);
  assert_figure_near (macro->precision, precision);
  assert_figure_near (macro->recall, recall);
  assert_figure_near (macro->f1, f1);
}

/* Asserts the unpaired spans as (start, end, label) triples, in order. */
static void
assert_spans (GPtrArray      *spans,
              const SpanSpec *expected,
              guint           n)
{
  g_assert_cmpuint (spans->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      AnnotaSpan *span = g_ptr_array_index (spans, i);

      g_assert_cmpuint (annota_span_get_start (span), ==, expected[i].start);
      g_assert_cmpuint (annota_span_get_end (span), ==, expected[i].end);
      g_assert_cmpstr (annota_span_get_label (span), ==, expected[i].label);
    }
}

static void
test_defaults (void)
{
  AnnotaAgreement *agreement = annota_agreement_new ();

  g_assert_cmpint (annota_agreement_get_match (agreement), ==, ANNOTA_MATCH_EXACT);
  g_assert_false (annota_agreement_get_accepted_only (agreement));
  g_assert_null (annota_agreement_get_labels (agreement));
  g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 0);
  assert_scores (annota_agreement_get_micro (agreement), 0, 0, 0, NAN, NAN, NAN);
  assert_macro (agreement, NAN, NAN, NAN);
  g_assert_true (isnan (annota_agreement_get_kappa (agreement)));
  g_assert_cmpuint (annota_agreement_get_n_tokens (agreement), ==, 0);
  g_assert_cmpuint (annota_agreement_get_false_negatives (agreement)->len, ==, 0);
  g_assert_cmpuint (annota_agreement_get_false_positives (agreement)->len, ==, 0);

  g_assert_cmpstr (annota_match_to_string (ANNOTA_MATCH_EXACT), ==, "exact");
  g_assert_cmpstr (annota_match_to_string (ANNOTA_MATCH_OVERLAP), ==, "overlap");

  {
    AnnotaMatch match = ANNOTA_MATCH_EXACT;

    g_assert_true (annota_match_from_string ("overlap", &match));
    g_assert_cmpint (match, ==, ANNOTA_MATCH_OVERLAP);
    g_assert_true (annota_match_from_string ("exact", &match));
    g_assert_cmpint (match, ==, ANNOTA_MATCH_EXACT);
    g_assert_false (annota_match_from_string ("Exact", &match));
    g_assert_false (annota_match_from_string ("", NULL));
  }

  g_assert_finalize_object (agreement);
}

/* Every setter notifies once for a real change and never otherwise. */
static void
test_properties (void)
{
  AnnotaAgreement *agreement = annota_agreement_new ();
  GtSignalLogger *logger = gt_signal_logger_new ();
  const char *per_loc[] = { "PER", "LOC", NULL };
  const char *per_loc_copy[] = { "PER", "LOC", NULL };
  const char *empty[] = { NULL };
  g_auto(GStrv) labels = NULL;
  AnnotaMatch match;
  gboolean accepted_only;

  gt_signal_logger_connect (logger, agreement, "notify");

  annota_agreement_set_match (agreement, ANNOTA_MATCH_EXACT);
  gt_signal_logger_assert_no_emissions (logger);
  annota_agreement_set_match (agreement, ANNOTA_MATCH_OVERLAP);
  gt_signal_logger_assert_notify_emission_pop (logger, agreement, "match");
  gt_signal_logger_assert_no_emissions (logger);

  annota_agreement_set_accepted_only (agreement, FALSE);
  gt_signal_logger_assert_no_emissions (logger);
  annota_agreement_set_accepted_only (agreement, 2);
  gt_signal_logger_assert_notify_emission_pop (logger, agreement, "accepted-only");
  annota_agreement_set_accepted_only (agreement, TRUE);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (annota_agreement_get_accepted_only (agreement) == TRUE);

  annota_agreement_set_labels (agreement, empty);
  gt_signal_logger_assert_no_emissions (logger);
  annota_agreement_set_labels (agreement, per_loc);
  gt_signal_logger_assert_notify_emission_pop (logger, agreement, "labels");
  annota_agreement_set_labels (agreement, per_loc_copy);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (annota_agreement_get_labels (agreement) != per_loc);
  g_assert_true (g_strv_equal (annota_agreement_get_labels (agreement), per_loc));

  g_object_get (agreement, "match", &match, "accepted-only", &accepted_only, "labels", &labels, NULL);
  g_assert_cmpint (match, ==, ANNOTA_MATCH_OVERLAP);
  g_assert_true (accepted_only);
  g_assert_true (g_strv_equal ((const char * const *) labels, per_loc));

  /* An empty list means no filter. */
  annota_agreement_set_labels (agreement, empty);
  gt_signal_logger_assert_notify_emission_pop (logger, agreement, "labels");
  g_assert_null (annota_agreement_get_labels (agreement));
  annota_agreement_set_labels (agreement, NULL);
  gt_signal_logger_assert_no_emissions (logger);

  g_object_set (agreement, "match", ANNOTA_MATCH_EXACT, NULL);
  gt_signal_logger_assert_notify_emission_pop (logger, agreement, "match");
  gt_signal_logger_assert_no_emissions (logger);

  gt_signal_logger_free (logger);
  g_assert_finalize_object (agreement);
}

/* Nothing on either side: no rows, every figure undefined. With a text,
 * every token is "O" on both sides, so p_e = 1 and kappa is undefined too. */
static void
test_empty (void)
{
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = annota_span_store_new ();
  AnnotaSpanStore *b = annota_span_store_new ();
  AnnotaText *text = annota_text_new ("Hello world.", -1);
  AnnotaText *empty_text = annota_text_new ("", -1);

  for (int m = ANNOTA_MATCH_EXACT; m <= ANNOTA_MATCH_OVERLAP; m++)
    {
      annota_agreement_set_match (agreement, m);
      annota_agreement_compare (agreement, a, b, text);

      g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 0);
      g_assert_cmpuint (annota_agreement_get_n_reference_spans (agreement), ==, 0);
      g_assert_cmpuint (annota_agreement_get_n_other_spans (agreement), ==, 0);
      assert_scores (annota_agreement_get_micro (agreement), 0, 0, 0, NAN, NAN, NAN);
      assert_macro (agreement, NAN, NAN, NAN);
      g_assert_null (annota_agreement_lookup (agreement, "PER"));

      /* Hello, world, "." */
      g_assert_cmpuint (annota_agreement_get_n_tokens (agreement), ==, 3);
      assert_figure (annota_agreement_get_observed_agreement (agreement), 1.0);
      assert_figure (annota_agreement_get_expected_agreement (agreement), 1.0);
      g_assert_true (isnan (annota_agreement_get_kappa (agreement)));
    }

  annota_agreement_compare (agreement, a, b, empty_text);
  g_assert_cmpuint (annota_agreement_get_n_tokens (agreement), ==, 0);
  g_assert_true (isnan (annota_agreement_get_kappa (agreement)));
  g_assert_true (isnan (annota_agreement_get_observed_agreement (agreement)));
  g_assert_true (isnan (annota_agreement_get_expected_agreement (agreement)));

  annota_agreement_compare (agreement, a, b, NULL);
  g_assert_cmpuint (annota_agreement_get_n_tokens (agreement), ==, 0);
  g_assert_true (isnan (annota_agreement_get_kappa (agreement)));

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (text);
  g_assert_finalize_object (empty_text);
}

/* One side empty: the empty side's own figure is undefined, F1 is 0. */
static void
test_one_side_empty (void)
{
  static const SpanSpec spans[] = {
    { 0, 4, "PER", ACC }, { 5, 10, "PER", ACC }, { 11, 15, "LOC", SUG },
  };
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *full = store_new (spans, G_N_ELEMENTS (spans));
  AnnotaSpanStore *empty = annota_span_store_new ();

  /* The other side found nothing: LOC tp 0 fp 0 fn 1, PER tp 0 fp 0 fn 2;
   * P = 0/0, R = 0/1 = 0, F1 = 0/(0+0+fn) = 0. */
  annota_agreement_compare (agreement, full, empty, NULL);
  g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 2);
  assert_row (agreement, 0, "LOC", 0, 0, 1, NAN, 0.0, 0.0);
  assert_row (agreement, 1, "PER", 0, 0, 2, NAN, 0.0, 0.0);
  assert_scores (annota_agreement_get_micro (agreement), 0, 0, 3, NAN, 0.0, 0.0);
  assert_macro (agreement, NAN, 0.0, 0.0);
  assert_spans (annota_agreement_get_false_negatives (agreement), spans, 3);
  g_assert_cmpuint (annota_agreement_get_false_positives (agreement)->len, ==, 0);

  /* The reference is empty: every span of the other side is a false positive. */
  annota_agreement_compare (agreement, empty, full, NULL);
  assert_row (agreement, 0, "LOC", 0, 1, 0, 0.0, NAN, 0.0);
  assert_row (agreement, 1, "PER", 0, 2, 0, 0.0, NAN, 0.0);
  assert_scores (annota_agreement_get_micro (agreement), 0, 3, 0, 0.0, NAN, 0.0);
  assert_macro (agreement, 0.0, NAN, 0.0);
  assert_spans (annota_agreement_get_false_positives (agreement), spans, 3);
  g_assert_cmpuint (annota_agreement_get_false_negatives (agreement)->len, ==, 0);

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (full);
  g_assert_finalize_object (empty);
}

static void
test_all_right (void)
{
  static const SpanSpec spans[] = {
    { 0, 4, "PER", ACC }, { 5, 10, "LOC", ACC }, { 11, 15, "PER", SUG }, { 11, 15, "ORG", ACC },
  };
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = store_new (spans, G_N_ELEMENTS (spans));
  AnnotaSpanStore *b = store_new (spans, G_N_ELEMENTS (spans));

  for (int m = ANNOTA_MATCH_EXACT; m <= ANNOTA_MATCH_OVERLAP; m++)
    {
      annota_agreement_set_match (agreement, m);
      annota_agreement_compare (agreement, a, b, NULL);

      g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 3);
      assert_row (agreement, 0, "LOC", 1, 0, 0, 1.0, 1.0, 1.0);
      assert_row (agreement, 1, "ORG", 1, 0, 0, 1.0, 1.0, 1.0);
      assert_row (agreement, 2, "PER", 2, 0, 0, 1.0, 1.0, 1.0);
      assert_scores (annota_agreement_get_micro (agreement), 4, 0, 0, 1.0, 1.0, 1.0);
      assert_macro (agreement, 1.0, 1.0, 1.0);
      g_assert_cmpuint (annota_agreement_get_n_reference_spans (agreement), ==, 4);
      g_assert_cmpuint (annota_agreement_get_n_other_spans (agreement), ==, 4);
      g_assert_cmpuint (annota_agreement_get_false_negatives (agreement)->len, ==, 0);
      g_assert_cmpuint (annota_agreement_get_false_positives (agreement)->len, ==, 0);
    }

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

/* The same ranges with swapped labels, and one range only B has: nothing
 * pairs, in either mode (the ranges overlap, the labels do not agree). */
static void
test_all_wrong (void)
{
  static const SpanSpec spans_a[] = { { 0, 4, "PER", ACC }, { 5, 10, "LOC", ACC } };
  static const SpanSpec spans_b[] = { { 0, 4, "LOC", ACC }, { 5, 10, "PER", ACC }, { 11, 15, "PER", ACC } };
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = store_new (spans_a, G_N_ELEMENTS (spans_a));
  AnnotaSpanStore *b = store_new (spans_b, G_N_ELEMENTS (spans_b));

  for (int m = ANNOTA_MATCH_EXACT; m <= ANNOTA_MATCH_OVERLAP; m++)
    {
      annota_agreement_set_match (agreement, m);
      annota_agreement_compare (agreement, a, b, NULL);

      /* LOC: tp 0 fp 1 fn 1 → P 0/1, R 0/1, F1 0/2.
       * PER: tp 0 fp 2 fn 1 → P 0/2, R 0/1, F1 0/3. */
      g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 2);
      assert_row (agreement, 0, "LOC", 0, 1, 1, 0.0, 0.0, 0.0);
      assert_row (agreement, 1, "PER", 0, 2, 1, 0.0, 0.0, 0.0);
      assert_scores (annota_agreement_get_micro (agreement), 0, 3, 2, 0.0, 0.0, 0.0);
      assert_macro (agreement, 0.0, 0.0, 0.0);
      assert_spans (annota_agreement_get_false_negatives (agreement), spans_a, 2);
      assert_spans (annota_agreement_get_false_positives (agreement), spans_b, 3);
    }

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

/* A: ORG [0,19) with LOC [14,19) nested in it, PER [25,30).
 * B: ORG [0,19), LOC [0,19) (the ORG's range, wrong label), LOC [14,18)
 *    (one short), PER [25,30). */
static const SpanSpec nested_a[] = {
  { 0, 19, "ORG", ACC }, { 14, 19, "LOC", ACC }, { 25, 30, "PER", ACC },
};
static const SpanSpec nested_b[] = {
  { 0, 19, "LOC", ACC }, { 0, 19, "ORG", ACC }, { 14, 18, "LOC", ACC }, { 25, 30, "PER", ACC },
};

static void
test_nested (void)
{
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = store_new (nested_a, G_N_ELEMENTS (nested_a));
  AnnotaSpanStore *b = store_new (nested_b, G_N_ELEMENTS (nested_b));

  /* exact: ORG and PER pair; both LOC of B are FP and A's LOC is FN.
   * LOC 0/2, 0/1, F1 0/3; micro tp 2 fp 2 fn 1: P 2/4, R 2/3, F1 4/7;
   * macro P (1+0+1)/3, R (1+0+1)/3, F1 (1+0+1)/3. */
  annota_agreement_compare (agreement, a, b, NULL);
  g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 3);
  assert_row (agreement, 0, "LOC", 0, 2, 1, 0.0, 0.0, 0.0);
  assert_row (agreement, 1, "ORG", 1, 0, 0, 1.0, 1.0, 1.0);
  assert_row (agreement, 2, "PER", 1, 0, 0, 1.0, 1.0, 1.0);
  assert_scores (annota_agreement_get_micro (agreement), 2, 2, 1, 2.0 / 4, 2.0 / 3, 4.0 / 7);
  assert_macro (agreement, 2.0 / 3, 2.0 / 3, 2.0 / 3);
  {
    static const SpanSpec fn[] = { { 14, 19, "LOC", ACC } };
    static const SpanSpec fp[] = { { 0, 19, "LOC", ACC }, { 14, 18, "LOC", ACC } };

    assert_spans (annota_agreement_get_false_negatives (agreement), fn, 1);
    assert_spans (annota_agreement_get_false_positives (agreement), fp, 2);
  }

  /* overlap: after the exact pairs, B's LOC [0,19) comes first in store
   * order and takes A's LOC [14,19), which it overlaps; B's LOC [14,18) is
   * left over. LOC tp 1 fp 1 fn 0: P 1/2, R 1/1, F1 2/3; micro tp 3 fp 1
   * fn 0: P 3/4, R 1, F1 6/7; macro P (1/2+1+1)/3 = 5/6, R 1,
   * F1 (2/3+1+1)/3 = 8/9. */
  annota_agreement_set_match (agreement, ANNOTA_MATCH_OVERLAP);
  annota_agreement_compare (agreement, a, b, NULL);
  g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 3);
  assert_row (agreement, 0, "LOC", 1, 1, 0, 0.5, 1.0, 2.0 / 3);
  assert_row (agreement, 1, "ORG", 1, 0, 0, 1.0, 1.0, 1.0);
  assert_row (agreement, 2, "PER", 1, 0, 0, 1.0, 1.0, 1.0);
  assert_scores (annota_agreement_get_micro (agreement), 3, 1, 0, 3.0 / 4, 1.0, 6.0 / 7);
  assert_macro (agreement, 5.0 / 6, 1.0, 8.0 / 9);
  {
    static const SpanSpec fp[] = { { 14, 18, "LOC", ACC } };

    g_assert_cmpuint (annota_agreement_get_false_negatives (agreement)->len, ==, 0);
    assert_spans (annota_agreement_get_false_positives (agreement), fp, 1);
  }

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

/* Pairs are one to one: surplus duplicates are FP on B's side and FN on A's,
 * whatever the mode. */
static void
test_duplicates (void)
{
  static const SpanSpec spans_a[] = {
    { 0, 4, "PER", ACC }, { 0, 4, "PER", ACC },
    { 5, 10, "LOC", ACC },
    { 11, 15, "MISC", ACC }, { 11, 15, "MISC", SUG },
  };
  static const SpanSpec spans_b[] = {
    { 0, 4, "PER", ACC }, { 0, 4, "PER", SUG }, { 0, 4, "PER", ACC },
    { 5, 10, "LOC", ACC }, { 5, 10, "LOC", ACC },
    { 11, 15, "MISC", ACC },
  };
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = store_new (spans_a, G_N_ELEMENTS (spans_a));
  AnnotaSpanStore *b = store_new (spans_b, G_N_ELEMENTS (spans_b));

  for (int m = ANNOTA_MATCH_EXACT; m <= ANNOTA_MATCH_OVERLAP; m++)
    {
      annota_agreement_set_match (agreement, m);
      annota_agreement_compare (agreement, a, b, NULL);

      /* LOC  tp 1 fp 1 fn 0: P 1/2, R 1, F1 2/3.
       * MISC tp 1 fp 0 fn 1: P 1, R 1/2, F1 2/3.
       * PER  tp 2 fp 1 fn 0: P 2/3, R 1, F1 4/5.
       * micro tp 4 fp 2 fn 1: P 4/6, R 4/5, F1 8/11.
       * macro P (1/2+1+2/3)/3 = 13/18, R (1+1/2+1)/3 = 5/6,
       * F1 (2/3+2/3+4/5)/3 = 32/45. */
      g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 3);
      assert_row (agreement, 0, "LOC", 1, 1, 0, 0.5, 1.0, 2.0 / 3);
      assert_row (agreement, 1, "MISC", 1, 0, 1, 1.0, 0.5, 2.0 / 3);
      assert_row (agreement, 2, "PER", 2, 1, 0, 2.0 / 3, 1.0, 4.0 / 5);
      assert_scores (annota_agreement_get_micro (agreement), 4, 2, 1, 4.0 / 6, 4.0 / 5, 8.0 / 11);
      assert_macro (agreement, 13.0 / 18, 5.0 / 6, 32.0 / 45);
      g_assert_cmpuint (annota_agreement_get_false_negatives (agreement)->len, ==, 1);
      g_assert_cmpuint (annota_agreement_get_false_positives (agreement)->len, ==, 2);
    }

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

/* A: PER [0,10), LOC [20,30), ORG [40,50).
 * B: PER [2,8) and PER [3,9) (both inside A's PER), LOC [25,35) (half
 *    over A's LOC), ORG [50,55) (touches A's ORG, shares no code point),
 *    PER [60,65) (nothing in A). */
static void
test_overlap_vs_exact (void)
{
  static const SpanSpec spans_a[] = {
    { 0, 10, "PER", ACC }, { 20, 30, "LOC", ACC }, { 40, 50, "ORG", ACC },
  };
  static const SpanSpec spans_b[] = {
    { 2, 8, "PER", ACC }, { 3, 9, "PER", ACC }, { 25, 35, "LOC", ACC },
    { 50, 55, "ORG", ACC }, { 60, 65, "PER", ACC },
  };
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = store_new (spans_a, G_N_ELEMENTS (spans_a));
  AnnotaSpanStore *b = store_new (spans_b, G_N_ELEMENTS (spans_b));

  /* exact: nothing pairs. LOC fp 1 fn 1, ORG fp 1 fn 1, PER fp 3 fn 1. */
  annota_agreement_compare (agreement, a, b, NULL);
  assert_row (agreement, 0, "LOC", 0, 1, 1, 0.0, 0.0, 0.0);
  assert_row (agreement, 1, "ORG", 0, 1, 1, 0.0, 0.0, 0.0);
  assert_row (agreement, 2, "PER", 0, 3, 1, 0.0, 0.0, 0.0);
  assert_scores (annota_agreement_get_micro (agreement), 0, 5, 3, 0.0, 0.0, 0.0);
  assert_macro (agreement, 0.0, 0.0, 0.0);

  /* overlap: PER [2,8) takes A's PER, PER [3,9) finds it taken.
   * LOC tp 1: 1, 1, 1. ORG tp 0 fp 1 fn 1: 0, 0, 0.
   * PER tp 1 fp 2 fn 0: P 1/3, R 1, F1 2/4.
   * micro tp 2 fp 3 fn 1: P 2/5, R 2/3, F1 4/8.
   * macro P (1+0+1/3)/3 = 4/9, R (1+0+1)/3 = 2/3, F1 (1+0+1/2)/3 = 1/2. */
  annota_agreement_set_match (agreement, ANNOTA_MATCH_OVERLAP);
  annota_agreement_compare (agreement, a, b, NULL);
  assert_row (agreement, 0, "LOC", 1, 0, 0, 1.0, 1.0, 1.0);
  assert_row (agreement, 1, "ORG", 0, 1, 1, 0.0, 0.0, 0.0);
  assert_row (agreement, 2, "PER", 1, 2, 0, 1.0 / 3, 1.0, 0.5);
  assert_scores (annota_agreement_get_micro (agreement), 2, 3, 1, 2.0 / 5, 2.0 / 3, 0.5);
  assert_macro (agreement, 4.0 / 9, 2.0 / 3, 0.5);
  {
    static const SpanSpec fn[] = { { 40, 50, "ORG", ACC } };
    static const SpanSpec fp[] = { { 3, 9, "PER", ACC }, { 50, 55, "ORG", ACC }, { 60, 65, "PER", ACC } };

    assert_spans (annota_agreement_get_false_negatives (agreement), fn, 1);
    assert_spans (annota_agreement_get_false_positives (agreement), fp, 3);
  }

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

/* The exact pairs are made first, so an earlier overlapping span cannot
 * take the partner of a later identical one. A: PER [5,10);
 * B: PER [0,6) (overlaps it, comes first) and PER [5,10) (identical). */
static void
test_overlap_prefers_exact (void)
{
  static const SpanSpec spans_a[] = { { 5, 10, "PER", ACC } };
  static const SpanSpec spans_b[] = { { 0, 6, "PER", ACC }, { 5, 10, "PER", ACC } };
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = store_new (spans_a, G_N_ELEMENTS (spans_a));
  AnnotaSpanStore *b = store_new (spans_b, G_N_ELEMENTS (spans_b));

  annota_agreement_set_match (agreement, ANNOTA_MATCH_OVERLAP);
  annota_agreement_compare (agreement, a, b, NULL);
  assert_row (agreement, 0, "PER", 1, 1, 0, 0.5, 1.0, 2.0 / 3);
  assert_spans (annota_agreement_get_false_positives (agreement), spans_b, 1);

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

/* The nested case with the filter {LOC, PER, MISC}: ORG is absent on both
 * sides, MISC is in no span and gets no row. */
static void
test_label_filter (void)
{
  const char *filter[] = { "LOC", "PER", "MISC", NULL };
  const char *loc[] = { "LOC", NULL };
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = store_new (nested_a, G_N_ELEMENTS (nested_a));
  AnnotaSpanStore *b = store_new (nested_b, G_N_ELEMENTS (nested_b));

  /* LOC tp 0 fp 2 fn 1, PER tp 1. micro tp 1 fp 2 fn 1: P 1/3, R 1/2,
   * F1 2/5; macro P (0+1)/2, R (0+1)/2, F1 (0+1)/2. */
  annota_agreement_set_labels (agreement, filter);
  annota_agreement_compare (agreement, a, b, NULL);
  g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 2);
  assert_row (agreement, 0, "LOC", 0, 2, 1, 0.0, 0.0, 0.0);
  assert_row (agreement, 1, "PER", 1, 0, 0, 1.0, 1.0, 1.0);
  g_assert_null (annota_agreement_lookup (agreement, "ORG"));
  g_assert_null (annota_agreement_lookup (agreement, "MISC"));
  assert_scores (annota_agreement_get_micro (agreement), 1, 2, 1, 1.0 / 3, 0.5, 2.0 / 5);
  assert_macro (agreement, 0.5, 0.5, 0.5);
  g_assert_cmpuint (annota_agreement_get_n_reference_spans (agreement), ==, 2);
  g_assert_cmpuint (annota_agreement_get_n_other_spans (agreement), ==, 3);

  /* Overlap with LOC alone: B's LOC [0,19) takes A's LOC as before. */
  annota_agreement_set_labels (agreement, loc);
  annota_agreement_set_match (agreement, ANNOTA_MATCH_OVERLAP);
  annota_agreement_compare (agreement, a, b, NULL);
  g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 1);
  assert_row (agreement, 0, "LOC", 1, 1, 0, 0.5, 1.0, 2.0 / 3);
  assert_scores (annota_agreement_get_micro (agreement), 1, 1, 0, 0.5, 1.0, 2.0 / 3);
  assert_macro (agreement, 0.5, 1.0, 2.0 / 3);

  /* A filter nobody uses leaves nothing. */
  {
    const char *none[] = { "DATE", NULL };

    annota_agreement_set_labels (agreement, none);
    annota_agreement_compare (agreement, a, b, NULL);
    g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 0);
    assert_scores (annota_agreement_get_micro (agreement), 0, 0, 0, NAN, NAN, NAN);
  }

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

/* A: PER accepted, LOC rejected, ORG suggested.
 * B: PER suggested, LOC accepted, ORG rejected, MISC rejected. */
static void
test_statuses (void)
{
  static const SpanSpec spans_a[] = {
    { 0, 4, "PER", ACC }, { 5, 10, "LOC", REJ }, { 11, 15, "ORG", SUG },
  };
  static const SpanSpec spans_b[] = {
    { 0, 4, "PER", SUG }, { 5, 10, "LOC", ACC }, { 11, 15, "ORG", REJ }, { 16, 20, "MISC", REJ },
  };
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = store_new (spans_a, G_N_ELEMENTS (spans_a));
  AnnotaSpanStore *b = store_new (spans_b, G_N_ELEMENTS (spans_b));

  /* Rejected spans are absent, suggested ones count: A = {PER, ORG},
   * B = {PER, LOC}. LOC fp 1 (P 0, R –, F1 0), ORG fn 1 (P –, R 0, F1 0),
   * PER tp 1. micro tp 1 fp 1 fn 1: 1/2 each. macro P (0+1)/2,
   * R (0+1)/2, F1 (0+0+1)/3. */
  annota_agreement_compare (agreement, a, b, NULL);
  g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 3);
  assert_row (agreement, 0, "LOC", 0, 1, 0, 0.0, NAN, 0.0);
  assert_row (agreement, 1, "ORG", 0, 0, 1, NAN, 0.0, 0.0);
  assert_row (agreement, 2, "PER", 1, 0, 0, 1.0, 1.0, 1.0);
  g_assert_null (annota_agreement_lookup (agreement, "MISC"));
  assert_scores (annota_agreement_get_micro (agreement), 1, 1, 1, 0.5, 0.5, 0.5);
  assert_macro (agreement, 0.5, 0.5, 1.0 / 3);
  g_assert_cmpuint (annota_agreement_get_n_reference_spans (agreement), ==, 2);
  g_assert_cmpuint (annota_agreement_get_n_other_spans (agreement), ==, 2);

  /* Accepted only: A = {PER}, B = {LOC}. LOC fp 1, PER fn 1; micro 0, 0, 0;
   * macro P over LOC alone (0), R over PER alone (0), F1 (0+0)/2. */
  annota_agreement_set_accepted_only (agreement, TRUE);
  annota_agreement_compare (agreement, a, b, NULL);
  g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 2);
  assert_row (agreement, 0, "LOC", 0, 1, 0, 0.0, NAN, 0.0);
  assert_row (agreement, 1, "PER", 0, 0, 1, NAN, 0.0, 0.0);
  assert_scores (annota_agreement_get_micro (agreement), 0, 1, 1, 0.0, 0.0, 0.0);
  assert_macro (agreement, 0.0, 0.0, 0.0);
  g_assert_cmpuint (annota_agreement_get_n_reference_spans (agreement), ==, 1);
  g_assert_cmpuint (annota_agreement_get_n_other_spans (agreement), ==, 1);

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

static void
assert_tokens (AnnotaText  *text,
               const guint *bounds,
               guint        n)
{
  GArray *tokens = annota_text_get_tokens (text);

  g_assert_cmpuint (tokens->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (g_array_index (tokens, AnnotaRange, i).start, ==, bounds[2 * i]);
      g_assert_cmpuint (g_array_index (tokens, AnnotaRange, i).end, ==, bounds[2 * i + 1]);
    }
}

static void
test_kappa (void)
{
  /* "John Smith met Mary in Paris."
   * tokens:  John  Smith  met  Mary  in  Paris  .
   * A:       PER   PER    O    PER   O   LOC    O    (PER [0,10), PER [15,19), LOC [23,28))
   * B:       PER   O      O    LOC   O   LOC    O    (PER [0,4), LOC [15,19), LOC [23,28);
   *                                                   its PER [11,14) "met" is rejected)
   * n = 7, agreeing tokens A = 5 (John, met, in, Paris, .): p_o = 5/7.
   * A's counts: PER 3, O 3, LOC 1. B's: PER 1, O 4, LOC 2.
   * Σ a_c b_c = 3·1 + 3·4 + 1·2 = 17: p_e = 17/49.
   * kappa = (7·5 − 17) / (49 − 17) = 18/32 = 0.5625. */
  static const guint bounds[] = { 0, 4, 5, 10, 11, 14, 15, 19, 20, 22, 23, 28, 28, 29 };
  static const SpanSpec spans_a[] = { { 0, 10, "PER", ACC }, { 15, 19, "PER", ACC }, { 23, 28, "LOC", SUG } };
  static const SpanSpec spans_b[] = {
    { 0, 4, "PER", ACC }, { 11, 14, "PER", REJ }, { 15, 19, "LOC", ACC }, { 23, 28, "LOC", ACC },
  };
  AnnotaText *text = annota_text_new ("John Smith met Mary in Paris.", -1);
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = store_new (spans_a, G_N_ELEMENTS (spans_a));
  AnnotaSpanStore *b = store_new (spans_b, G_N_ELEMENTS (spans_b));

  assert_tokens (text, bounds, G_N_ELEMENTS (bounds) / 2);

  annota_agreement_compare (agreement, a, b, text);
  g_assert_cmpuint (annota_agreement_get_n_tokens (agreement), ==, 7);
  assert_figure (annota_agreement_get_observed_agreement (agreement), 5.0 / 7);
  assert_figure (annota_agreement_get_expected_agreement (agreement), 17.0 / 49);
  assert_figure (annota_agreement_get_kappa (agreement), 0.5625);

  /* The match mode does not change kappa. */
  annota_agreement_set_match (agreement, ANNOTA_MATCH_OVERLAP);
  annota_agreement_compare (agreement, a, b, text);
  assert_figure (annota_agreement_get_kappa (agreement), 0.5625);

  /* Accepted only: A loses LOC on Paris (suggested).
   * A: PER PER O PER O O O; B unchanged: PER O O LOC O LOC O.
   * Agreeing: John, met, in, "." = 4. A: PER 3, O 4. B: PER 1, O 4, LOC 2.
   * Σ = 3·1 + 4·4 = 19. kappa = (7·4 − 19) / (49 − 19) = 9/30. */
  annota_agreement_set_accepted_only (agreement, TRUE);
  annota_agreement_compare (agreement, a, b, text);
  assert_figure (annota_agreement_get_observed_agreement (agreement), 4.0 / 7);
  assert_figure (annota_agreement_get_expected_agreement (agreement), 19.0 / 49);
  assert_figure (annota_agreement_get_kappa (agreement), 9.0 / 30);

  /* The same spans on both sides: p_o = 1, kappa = 1. */
  annota_agreement_compare (agreement, b, b, text);
  assert_figure (annota_agreement_get_observed_agreement (agreement), 1.0);
  assert_figure (annota_agreement_get_kappa (agreement), 1.0);

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (text);
}

/* Which span gives a token its category: any that shares a code point with
 * it, the shortest when several do; the filter applies. */
static void
test_kappa_cover (void)
{
  /* "New York City is big."
   * tokens: New [0,3) York [4,8) City [9,13) is [14,16) big [17,20) . [20,21)
   * A: LOC [0,13) with ORG [4,8) nested → LOC ORG LOC O O O
   * B: LOC [0,6) (half of York), LOC [10,16) (part of City, all of "is")
   *                                    → LOC LOC LOC LOC O O
   * Agreeing: New, City, big, "." = 4 of 6. A: LOC 2, ORG 1, O 3;
   * B: LOC 4, O 2. Σ = 2·4 + 1·0 + 3·2 = 14.
   * kappa = (6·4 − 14) / (36 − 14) = 10/22. */
  static const guint bounds[] = { 0, 3, 4, 8, 9, 13, 14, 16, 17, 20, 20, 21 };
  static const SpanSpec spans_a[] = { { 0, 13, "LOC", ACC }, { 4, 8, "ORG", ACC } };
  static const SpanSpec spans_b[] = { { 0, 6, "LOC", ACC }, { 10, 16, "LOC", ACC } };
  const char *loc[] = { "LOC", NULL };
  AnnotaText *text = annota_text_new ("New York City is big.", -1);
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = store_new (spans_a, G_N_ELEMENTS (spans_a));
  AnnotaSpanStore *b = store_new (spans_b, G_N_ELEMENTS (spans_b));

  assert_tokens (text, bounds, G_N_ELEMENTS (bounds) / 2);

  annota_agreement_compare (agreement, a, b, text);
  g_assert_cmpuint (annota_agreement_get_n_tokens (agreement), ==, 6);
  assert_figure (annota_agreement_get_observed_agreement (agreement), 4.0 / 6);
  assert_figure (annota_agreement_get_expected_agreement (agreement), 14.0 / 36);
  assert_figure (annota_agreement_get_kappa (agreement), 10.0 / 22);

  /* Filter {LOC}: A's ORG is gone and York is LOC: A = LOC LOC LOC O O O.
   * Agreeing 5 of 6. A: LOC 3, O 3; B: LOC 4, O 2. Σ = 12 + 6 = 18.
   * kappa = (6·5 − 18) / (36 − 18) = 12/18. */
  annota_agreement_set_labels (agreement, loc);
  annota_agreement_compare (agreement, a, b, text);
  assert_figure (annota_agreement_get_observed_agreement (agreement), 5.0 / 6);
  assert_figure (annota_agreement_get_kappa (agreement), 12.0 / 18);

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (text);
}

/* A label whose id is "O" is not the "O" of tokens outside every span.
 * "a b": A labels "a" with O, B has nothing. Categories: A = O-label,
 * outside; B = outside, outside. Agreeing 1 of 2; Σ = 1·0 + 1·2 = 2;
 * kappa = (2·1 − 2) / (4 − 2) = 0. Were they the same category, p_e would
 * be 1 and kappa undefined. And when both sides cover every token with one
 * label, p_e = 1 and kappa is undefined. */
static void
test_kappa_edges (void)
{
  static const SpanSpec spans_a[] = { { 0, 1, "O", ACC } };
  static const SpanSpec whole[] = { { 0, 3, "PER", ACC } };
  AnnotaText *text = annota_text_new ("a b", -1);
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = store_new (spans_a, G_N_ELEMENTS (spans_a));
  AnnotaSpanStore *b = annota_span_store_new ();
  AnnotaSpanStore *w = store_new (whole, G_N_ELEMENTS (whole));

  annota_agreement_compare (agreement, a, b, text);
  g_assert_cmpuint (annota_agreement_get_n_tokens (agreement), ==, 2);
  assert_figure (annota_agreement_get_observed_agreement (agreement), 0.5);
  assert_figure (annota_agreement_get_expected_agreement (agreement), 0.5);
  assert_figure (annota_agreement_get_kappa (agreement), 0.0);
  assert_row (agreement, 0, "O", 0, 0, 1, NAN, 0.0, 0.0);

  annota_agreement_compare (agreement, w, w, text);
  assert_figure (annota_agreement_get_observed_agreement (agreement), 1.0);
  assert_figure (annota_agreement_get_expected_agreement (agreement), 1.0);
  g_assert_true (isnan (annota_agreement_get_kappa (agreement)));

  /* A: PER PER; B: O O. p_o = 0, Σ = 2·0 + 0·2 = 0, p_e = 0:
   * kappa = (2·0 − 0) / (4 − 0) = 0, not −1, because sides that each use
   * one category never agree by chance either. */
  annota_agreement_compare (agreement, w, b, text);
  assert_figure (annota_agreement_get_observed_agreement (agreement), 0.0);
  assert_figure (annota_agreement_get_expected_agreement (agreement), 0.0);
  assert_figure (annota_agreement_get_kappa (agreement), 0.0);

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (w);
  g_assert_finalize_object (text);
}

/* A negative kappa: "a b", A = PER O, B = O PER. p_o = 0; A: PER 1, O 1;
 * B: PER 1, O 1; Σ = 2, p_e = 2/4. kappa = (0 − 2) / (4 − 2) = −1. */
static void
test_kappa_negative (void)
{
  static const SpanSpec spans_a[] = { { 0, 1, "PER", ACC } };
  static const SpanSpec spans_b[] = { { 2, 3, "PER", ACC } };
  AnnotaText *text = annota_text_new ("a b", -1);
  AnnotaAgreement *agreement = annota_agreement_new ();
  AnnotaSpanStore *a = store_new (spans_a, G_N_ELEMENTS (spans_a));
  AnnotaSpanStore *b = store_new (spans_b, G_N_ELEMENTS (spans_b));

  annota_agreement_compare (agreement, a, b, text);
  assert_figure (annota_agreement_get_observed_agreement (agreement), 0.0);
  assert_figure (annota_agreement_get_expected_agreement (agreement), 0.5);
  assert_figure (annota_agreement_get_kappa (agreement), -1.0);

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (text);
}

static void
assert_texts_differ (const char *text_a,
                     const char *text_b,
                     guint       expected_offset,
                     const char *expected_message)
{
  AnnotaText *a = annota_text_new (text_a, -1);
  AnnotaText *b = annota_text_new (text_b, -1);
  g_autoptr(GError) error = NULL;
  guint offset = G_MAXUINT;

  g_assert_false (annota_agreement_check_texts (a, "a.json", b, "b.json", &offset, &error));
  g_assert_error (error, ANNOTA_AGREEMENT_ERROR, ANNOTA_AGREEMENT_ERROR_TEXT);
  g_assert_cmpuint (offset, ==, expected_offset);
  g_assert_cmpstr (error->message, ==, expected_message);

  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

static void
test_texts_differ (void)
{
  AnnotaText *same_a = annota_text_new ("Ông Kerry", -1);
  AnnotaText *same_b = annota_text_new ("Ông Kerry", -1);
  guint offset = 42;

  g_assert_true (annota_agreement_check_texts (same_a, "a", same_b, "b", &offset, NULL));
  g_assert_cmpuint (offset, ==, 42);
  g_assert_finalize_object (same_a);
  g_assert_finalize_object (same_b);

  /* Offsets are code points: "Ông Ker" is 7 of them but 8 bytes. */
  assert_texts_differ ("Ông Kerry nói", "Ông Kery nói", 7,
                       "The texts differ at code point 7: "
                       "a.json has “…ry nói” (U+0072); b.json has “…y nói” (U+0079)");
  /* A difference in the middle of a multi-byte character (U+00E9 against
   * U+00E8 share their first byte) is reported at that character. */
  assert_texts_differ ("café", "cafè", 3,
                       "The texts differ at code point 3: "
                       "a.json has “…é” (U+00E9); b.json has “…è” (U+00E8)");
  /* NFC against NFD: the code points tell what the eye cannot. */
  assert_texts_differ ("é", "e\xcc\x81", 0,
                       "The texts differ at code point 0: "
                       "a.json has “é” (U+00E9); b.json has “e\xcc\x81” (U+0065)");
  /* CRLF against LF, a tab and a no-break space are shown escaped. */
  assert_texts_differ ("a\r\nb\tc", "a\nb\tc\xc2\xa0" "d", 1,
                       "The texts differ at code point 1: "
                       "a.json has “…\\r\\nb\\tc” (U+000D); b.json has “…\\nb\\tc\\u{00A0}d” (U+000A)");
  /* One text is a prefix of the other. */
  assert_texts_differ ("abc", "abcd", 3,
                       "The texts differ at code point 3: a.json ends there; b.json has “…d” (U+0064)");
  assert_texts_differ ("abcd", "", 0,
                       "The texts differ at code point 0: a.json has “abcd” (U+0061); b.json ends there");
  /* Long texts are cut after 24 code points. */
  assert_texts_differ ("0123456789abcdefghijklmnopqrstuvwxyz", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10,
                       "The texts differ at code point 10: "
                       "a.json has “…abcdefghijklmnopqrstuvwx…” (U+0061); "
                       "b.json has “…ABCDEFGHIJKLMNOPQRSTUVWX…” (U+0041)");
}

static void
test_compare_documents (void)
{
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();
  AnnotaDocument *a = annota_document_new_from_string ("John Smith met Mary in Paris.", labels);
  AnnotaDocument *b = annota_document_new_from_string ("John Smith met Mary in Paris.", labels);
  AnnotaDocument *c = annota_document_new_from_string ("John Smith met Mary in Rome.", labels);
  AnnotaAgreement *agreement = annota_agreement_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/other.json");

  g_assert_nonnull (annota_document_add_span (a, 0, 10, "PER", ACC, "manual", -1, &error));
  g_assert_nonnull (annota_document_add_span (a, 23, 28, "LOC", ACC, "manual", -1, &error));
  g_assert_nonnull (annota_document_add_span (b, 0, 10, "PER", SUG, "model", 0.9, &error));
  g_assert_nonnull (annota_document_add_span (b, 15, 19, "PER", ACC, "manual", -1, &error));
  g_assert_no_error (error);

  /* PER tp 1 fp 1; LOC fn 1. Tokens: A = PER PER O O O LOC O,
   * B = PER PER O PER O O O: agreeing 5 of 7; A: PER 2, O 4, LOC 1;
   * B: PER 3, O 4. Σ = 6 + 16 = 22. kappa = (35 − 22) / (49 − 22) = 13/27. */
  g_assert_true (annota_agreement_compare_documents (agreement, a, b, &error));
  g_assert_no_error (error);
  assert_row (agreement, 0, "LOC", 0, 0, 1, NAN, 0.0, 0.0);
  assert_row (agreement, 1, "PER", 1, 1, 0, 0.5, 1.0, 2.0 / 3);
  assert_figure (annota_agreement_get_kappa (agreement), 13.0 / 27);

  /* A different text compares nothing and keeps the last results. */
  annota_document_set_file (c, file);
  g_assert_false (annota_agreement_compare_documents (agreement, a, c, &error));
  g_assert_error (error, ANNOTA_AGREEMENT_ERROR, ANNOTA_AGREEMENT_ERROR_TEXT);
  g_assert_cmpstr (error->message, ==,
                   "The texts differ at code point 23: "
                   "the reference has “…Paris.” (U+0050); /tmp/other.json has “…Rome.” (U+0052)");
  g_assert_cmpuint (annota_agreement_get_n_labels (agreement), ==, 2);
  assert_figure (annota_agreement_get_kappa (agreement), 13.0 / 27);

  g_assert_finalize_object (agreement);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (c);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/annota/agreement/defaults", test_defaults);
  g_test_add_func ("/annota/agreement/properties", test_properties);
  g_test_add_func ("/annota/agreement/empty", test_empty);
  g_test_add_func ("/annota/agreement/one-side-empty", test_one_side_empty);
  g_test_add_func ("/annota/agreement/all-right", test_all_right);
  g_test_add_func ("/annota/agreement/all-wrong", test_all_wrong);
  g_test_add_func ("/annota/agreement/nested", test_nested);
  g_test_add_func ("/annota/agreement/duplicates", test_duplicates);
  g_test_add_func ("/annota/agreement/overlap-vs-exact", test_overlap_vs_exact);
  g_test_add_func ("/annota/agreement/overlap-prefers-exact", test_overlap_prefers_exact);
  g_test_add_func ("/annota/agreement/label-filter", test_label_filter);
  g_test_add_func ("/annota/agreement/statuses", test_statuses);
  g_test_add_func ("/annota/agreement/kappa", test_kappa);
  g_test_add_func ("/annota/agreement/kappa-cover", test_kappa_cover);
  g_test_add_func ("/annota/agreement/kappa-edges", test_kappa_edges);
  g_test_add_func ("/annota/agreement/kappa-negative", test_kappa_negative);
  g_test_add_func ("/annota/agreement/texts-differ", test_texts_differ);
  g_test_add_func ("/annota/agreement/compare-documents", test_compare_documents);

  return g_test_run ();
}
