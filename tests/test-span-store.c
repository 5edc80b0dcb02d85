/* test-span-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AnnotaSpan and AnnotaSpanStore: values, notifications, order, positions,
 * the exact items-changed of every change, interval queries against a brute
 * force oracle, and random edit sequences against a sorted array.
 */
#include "config.h"

#include <math.h>
#include <libglib-testing/signal-logger.h>

#include "annota-core.h"
#include "annota-span-private.h"
#include "annota-span-store-private.h"

#define assert_items_changed(logger, store, p, r, a) \
  G_STMT_START { \
    guint aic_pos = G_MAXUINT, aic_removed = G_MAXUINT, aic_added = G_MAXUINT; \
    gt_signal_logger_assert_emission_pop ((logger), (store), "items-changed", \
                                          &aic_pos, &aic_removed, &aic_added); \
    g_assert_cmpuint (aic_pos, ==, (p)); \
    g_assert_cmpuint (aic_removed, ==, (r)); \
    g_assert_cmpuint (aic_added, ==, (a)); \
  } G_STMT_END

static AnnotaSpan *
span_new (guint       start,
          guint       end,
          const char *label)
{
  return annota_span_new (start, end, label, ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1);
}

/* Asserts that the store holds exactly these spans (pointer identity), in
 * this order, through every way of reading it. */
static void
assert_store_is (AnnotaSpanStore  *store,
                 AnnotaSpan      **expected,
                 guint             n)
{
  guint i;

  _annota_span_store_check (store);
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);

  for (i = 0; i < n; i++)
    {
      guint position = G_MAXUINT;

      g_assert_true (annota_span_store_peek (store, i) == expected[i]);
      g_assert_true (annota_span_store_find (store, expected[i], &position));
      g_assert_cmpuint (position, ==, i);
    }

  g_assert_null (annota_span_store_peek (store, n));
}

/* Span */

static void
test_span_new (void)
{
  g_autofree char *label = g_strdup ("PER");
  g_autofree char *origin = g_strdup ("vi-ner-model");
  g_autofree char *label_prop = NULL;
  g_autofree char *origin_prop = NULL;
  g_autoptr(AnnotaSpan) copy = NULL;
  AnnotaSpan *span;
  guint start, end;
  AnnotaSpanStatus status;
  double score;
  gboolean reviewed;

  span = annota_span_new (4, 14, label, ANNOTA_SPAN_STATUS_SUGGESTED, origin, 0.91);
  g_assert_cmpuint (annota_span_get_start (span), ==, 4);
  g_assert_cmpuint (annota_span_get_end (span), ==, 14);
  g_assert_cmpuint (annota_span_get_length (span), ==, 10);
  g_assert_cmpstr (annota_span_get_label (span), ==, "PER");
  g_assert_true (annota_span_get_label (span) == g_intern_string ("PER"));
  g_assert_true (annota_span_get_label (span) != label);
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_SUGGESTED);
  g_assert_true (annota_span_get_origin (span) == g_intern_string ("vi-ner-model"));
  g_assert_true (annota_span_has_score (span));
  g_assert_cmpfloat (annota_span_get_score (span), ==, 0.91);
  g_assert_null (annota_span_get_note (span));
  g_assert_null (annota_span_get_extra (span));
  g_assert_false (annota_span_get_reviewed (span));

  g_object_get (span,
                "start", &start, "end", &end, "label", &label_prop,
                "status", &status, "origin", &origin_prop, "score", &score,
                "reviewed", &reviewed,
                NULL);
  g_assert_cmpuint (start, ==, 4);
  g_assert_cmpuint (end, ==, 14);
  g_assert_cmpstr (label_prop, ==, "PER");
  g_assert_cmpint (status, ==, ANNOTA_SPAN_STATUS_SUGGESTED);
  g_assert_cmpstr (origin_prop, ==, "vi-ner-model");
  g_assert_cmpfloat (score, ==, 0.91);
  g_assert_false (reviewed);

  _annota_span_set_note (span, "check the spelling");
  _annota_span_set_extra (span, "{\"x\":1}");
  _annota_span_set_reviewed (span, TRUE);
  copy = annota_span_copy (span);
  g_assert_true (copy != span);
  g_assert_true (annota_span_equal (copy, span));
  g_assert_cmpint (annota_span_compare (copy, span), ==, 0);
  g_assert_cmpstr (annota_span_get_note (copy), ==, "check the spelling");
  g_assert_true (annota_span_get_note (copy) != annota_span_get_note (span));
  g_assert_cmpstr (annota_span_get_extra (copy), ==, "{\"x\":1}");
  g_assert_true (annota_span_get_reviewed (copy));

  g_assert_finalize_object (span);
}

static void
test_span_score (void)
{
  g_autoptr(AnnotaSpan) none = span_new (0, 1, "PER");
  g_autoptr(AnnotaSpan) negative = annota_span_new (0, 1, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, NULL, -0.5);
  g_autoptr(AnnotaSpan) nan_score = annota_span_new (0, 1, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, NULL, NAN);
  g_autoptr(AnnotaSpan) zero = annota_span_new (0, 1, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, NULL, 0.0);

  g_assert_false (annota_span_has_score (none));
  g_assert_cmpfloat (annota_span_get_score (none), <, 0);
  g_assert_false (annota_span_has_score (negative));
  g_assert_false (annota_span_has_score (nan_score));
  g_assert_cmpfloat (annota_span_get_score (nan_score), <, 0);
  g_assert_true (annota_span_has_score (zero));
  g_assert_cmpfloat (annota_span_get_score (zero), ==, 0.0);
  g_assert_null (annota_span_get_origin (negative));
}

static void
test_span_status_type (void)
{
  GEnumClass *klass = g_type_class_ref (ANNOTA_TYPE_SPAN_STATUS);
  GEnumValue *value;

  g_assert_true (G_TYPE_IS_ENUM (ANNOTA_TYPE_SPAN_STATUS));
  value = g_enum_get_value_by_nick (klass, "suggested");
  g_assert_nonnull (value);
  g_assert_cmpint (value->value, ==, ANNOTA_SPAN_STATUS_SUGGESTED);
  value = g_enum_get_value_by_nick (klass, "accepted");
  g_assert_nonnull (value);
  g_assert_cmpint (value->value, ==, ANNOTA_SPAN_STATUS_ACCEPTED);
  value = g_enum_get_value_by_nick (klass, "rejected");
  g_assert_nonnull (value);
  g_assert_cmpint (value->value, ==, ANNOTA_SPAN_STATUS_REJECTED);
  g_assert_cmpuint (klass->n_values, ==, 3);

  g_type_class_unref (klass);
}

static void
test_span_compare (void)
{
  g_autoptr(AnnotaSpan) a = span_new (5, 10, "PER");
  g_autoptr(AnnotaSpan) b = span_new (5, 10, "LOC");
  g_autoptr(AnnotaSpan) c = span_new (5, 11, "AAA");
  g_autoptr(AnnotaSpan) d = span_new (6, 7, "AAA");
  g_autoptr(AnnotaSpan) e = span_new (5, 10, "PER");

  g_assert_cmpint (annota_span_compare (b, a), <, 0);
  g_assert_cmpint (annota_span_compare (a, b), >, 0);
  g_assert_cmpint (annota_span_compare (a, c), <, 0);
  g_assert_cmpint (annota_span_compare (c, d), <, 0);
  g_assert_cmpint (annota_span_compare (d, a), >, 0);
  g_assert_cmpint (annota_span_compare (a, e), ==, 0);
  g_assert_cmpint (annota_span_compare (a, a), ==, 0);
}

static void
test_span_equal (void)
{
  g_autoptr(AnnotaSpan) a = annota_span_new (1, 4, "PER", ANNOTA_SPAN_STATUS_SUGGESTED, "m", 0.5);
  g_autoptr(AnnotaSpan) b = annota_span_new (1, 4, "PER", ANNOTA_SPAN_STATUS_SUGGESTED, "m", 0.5);

  g_assert_true (annota_span_equal (a, b));

  /* Extra members and the reviewed mark are not part of equality. */
  _annota_span_set_extra (b, "{\"y\":2}");
  _annota_span_set_reviewed (b, TRUE);
  g_assert_true (annota_span_equal (a, b));

  _annota_span_set_note (b, "n");
  g_assert_false (annota_span_equal (a, b));
  _annota_span_set_note (b, NULL);
  g_assert_true (annota_span_equal (a, b));

  _annota_span_set_score (b, 0.6);
  g_assert_false (annota_span_equal (a, b));
  _annota_span_set_score (b, -1);
  g_assert_false (annota_span_equal (a, b));
  _annota_span_set_score (a, -3);
  g_assert_true (annota_span_equal (a, b));

  _annota_span_set_origin (b, "manual");
  g_assert_false (annota_span_equal (a, b));
  _annota_span_set_origin (b, "m");
  g_assert_true (annota_span_equal (a, b));

  _annota_span_set_status (b, ANNOTA_SPAN_STATUS_ACCEPTED);
  g_assert_false (annota_span_equal (a, b));
  _annota_span_set_status (b, ANNOTA_SPAN_STATUS_SUGGESTED);
  g_assert_true (annota_span_equal (a, b));

  _annota_span_set_label (b, "LOC");
  g_assert_false (annota_span_equal (a, b));
  _annota_span_set_label (b, "PER");
  g_assert_true (annota_span_equal (a, b));

  _annota_span_set_range (b, 1, 5);
  g_assert_false (annota_span_equal (a, b));
  _annota_span_set_range (b, 0, 4);
  g_assert_false (annota_span_equal (a, b));
  _annota_span_set_range (b, 1, 4);
  g_assert_true (annota_span_equal (a, b));
}

static void
test_span_notify (void)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autofree char *same_label = g_strdup ("PER");
  g_autofree char *same_origin = g_strdup ("manual");
  AnnotaSpan *span = span_new (1, 4, "PER");

  gt_signal_logger_connect (logger, span, "notify");

  _annota_span_set_range (span, 1, 4);
  _annota_span_set_label (span, same_label);
  _annota_span_set_status (span, ANNOTA_SPAN_STATUS_ACCEPTED);
  _annota_span_set_origin (span, same_origin);
  _annota_span_set_score (span, -1);
  _annota_span_set_score (span, -7);
  _annota_span_set_score (span, NAN);
  _annota_span_set_note (span, NULL);
  _annota_span_set_extra (span, NULL);
  _annota_span_set_reviewed (span, FALSE);
  gt_signal_logger_assert_no_emissions (logger);

  _annota_span_set_range (span, 2, 4);
  gt_signal_logger_assert_notify_emission_pop (logger, span, "start");
  gt_signal_logger_assert_no_emissions (logger);
  _annota_span_set_range (span, 2, 9);
  gt_signal_logger_assert_notify_emission_pop (logger, span, "end");
  gt_signal_logger_assert_no_emissions (logger);
  _annota_span_set_range (span, 0, 1);
  gt_signal_logger_assert_notify_emission_pop (logger, span, "start");
  gt_signal_logger_assert_notify_emission_pop (logger, span, "end");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (annota_span_get_start (span), ==, 0);
  g_assert_cmpuint (annota_span_get_end (span), ==, 1);

  _annota_span_set_label (span, "LOC");
  gt_signal_logger_assert_notify_emission_pop (logger, span, "label");
  _annota_span_set_status (span, ANNOTA_SPAN_STATUS_REJECTED);
  gt_signal_logger_assert_notify_emission_pop (logger, span, "status");
  _annota_span_set_origin (span, "model");
  gt_signal_logger_assert_notify_emission_pop (logger, span, "origin");
  _annota_span_set_origin (span, NULL);
  gt_signal_logger_assert_notify_emission_pop (logger, span, "origin");
  _annota_span_set_score (span, 0.25);
  gt_signal_logger_assert_notify_emission_pop (logger, span, "score");
  _annota_span_set_score (span, 0.25);
  _annota_span_set_score (span, -1);
  gt_signal_logger_assert_notify_emission_pop (logger, span, "score");
  _annota_span_set_note (span, "a note");
  gt_signal_logger_assert_notify_emission_pop (logger, span, "note");
  _annota_span_set_note (span, "a note");
  _annota_span_set_note (span, "");
  gt_signal_logger_assert_notify_emission_pop (logger, span, "note");
  _annota_span_set_note (span, NULL);
  gt_signal_logger_assert_notify_emission_pop (logger, span, "note");
  _annota_span_set_extra (span, "{}");
  gt_signal_logger_assert_notify_emission_pop (logger, span, "extra");
  _annota_span_set_extra (span, "{}");
  _annota_span_set_reviewed (span, TRUE);
  gt_signal_logger_assert_notify_emission_pop (logger, span, "reviewed");
  _annota_span_set_reviewed (span, 2);
  gt_signal_logger_assert_no_emissions (logger);

  g_assert_cmpstr (annota_span_get_label (span), ==, "LOC");
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_REJECTED);
  g_assert_null (annota_span_get_origin (span));
  g_assert_false (annota_span_has_score (span));
  g_assert_null (annota_span_get_note (span));
  g_assert_cmpstr (annota_span_get_extra (span), ==, "{}");
  g_assert_true (annota_span_get_reviewed (span));

  g_clear_pointer (&logger, gt_signal_logger_free);
  g_assert_finalize_object (span);
}

static void
test_span_key_setters_refused_in_store (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpan *span = span_new (1, 4, "PER");

  annota_span_store_insert (store, span);

  g_test_expect_message ("annota", G_LOG_LEVEL_CRITICAL, "*node == NULL*");
  _annota_span_set_range (span, 2, 3);
  g_test_assert_expected_messages ();
  g_test_expect_message ("annota", G_LOG_LEVEL_CRITICAL, "*node == NULL*");
  _annota_span_set_label (span, "LOC");
  g_test_assert_expected_messages ();

  g_assert_cmpuint (annota_span_get_start (span), ==, 1);
  g_assert_cmpstr (annota_span_get_label (span), ==, "PER");

  /* Other values may change in the store. */
  _annota_span_set_status (span, ANNOTA_SPAN_STATUS_REJECTED);
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_REJECTED);

  g_assert_finalize_object (store);
  g_assert_finalize_object (span);
}

/* Store */

static void
test_store_list_model (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpan *span = span_new (3, 5, "PER");
  AnnotaSpan *item;

  g_assert_true (G_IS_LIST_MODEL (store));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == ANNOTA_TYPE_SPAN);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), 0));
  g_assert_null (annota_span_store_peek (store, 0));

  annota_span_store_insert (store, span);
  g_object_unref (span);

  item = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_true (item == span);
  g_object_unref (item);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), 1));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), G_MAXUINT));

  /* The store's reference keeps the span alive until the store dies. */
  g_object_add_weak_pointer (G_OBJECT (span), (gpointer *) &span);
  g_assert_finalize_object (store);
  g_assert_null (span);
}

static void
test_store_insert_sorted (void)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpan *s[8];
  AnnotaSpan *expected[8];
  guint i;

  s[0] = span_new (10, 20, "PER");
  s[1] = span_new (0, 5, "PER");
  s[2] = span_new (10, 15, "PER");
  s[3] = span_new (10, 20, "LOC");
  s[4] = span_new (10, 20, "PER");  /* equal to s[0]: goes after it */
  s[5] = span_new (30, 31, "ORG");
  s[6] = span_new (10, 20, "PER");  /* and after s[4] */
  s[7] = span_new (0, 5, "ORG");

  gt_signal_logger_connect (logger, store, "items-changed");

  g_assert_cmpuint (annota_span_store_insert (store, s[0]), ==, 0);
  assert_items_changed (logger, store, 0, 0, 1);
  g_assert_cmpuint (annota_span_store_insert (store, s[1]), ==, 0);
  assert_items_changed (logger, store, 0, 0, 1);
  g_assert_cmpuint (annota_span_store_insert (store, s[2]), ==, 1);
  assert_items_changed (logger, store, 1, 0, 1);
  g_assert_cmpuint (annota_span_store_insert (store, s[3]), ==, 2);
  assert_items_changed (logger, store, 2, 0, 1);
  g_assert_cmpuint (annota_span_store_insert (store, s[4]), ==, 4);
  assert_items_changed (logger, store, 4, 0, 1);
  g_assert_cmpuint (annota_span_store_insert (store, s[5]), ==, 5);
  assert_items_changed (logger, store, 5, 0, 1);
  g_assert_cmpuint (annota_span_store_insert (store, s[6]), ==, 5);
  assert_items_changed (logger, store, 5, 0, 1);
  g_assert_cmpuint (annota_span_store_insert (store, s[7]), ==, 0);
  assert_items_changed (logger, store, 0, 0, 1);
  gt_signal_logger_assert_no_emissions (logger);

  expected[0] = s[7];
  expected[1] = s[1];
  expected[2] = s[2];
  expected[3] = s[3];
  expected[4] = s[0];
  expected[5] = s[4];
  expected[6] = s[6];
  expected[7] = s[5];
  assert_store_is (store, expected, 8);

  g_clear_pointer (&logger, gt_signal_logger_free);
  g_assert_finalize_object (store);
  for (i = 0; i < G_N_ELEMENTS (s); i++)
    g_assert_finalize_object (s[i]);
}

static void
test_store_insert_refused (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpanStore *other = annota_span_store_new ();
  AnnotaSpan *span = span_new (1, 2, "PER");

  g_assert_cmpuint (annota_span_store_insert (store, span), ==, 0);

  g_test_expect_message ("annota", G_LOG_LEVEL_CRITICAL, "*store_node*");
  g_assert_cmpuint (annota_span_store_insert (store, span), ==, G_MAXUINT);
  g_test_assert_expected_messages ();
  g_test_expect_message ("annota", G_LOG_LEVEL_CRITICAL, "*store_node*");
  g_assert_cmpuint (annota_span_store_insert (other, span), ==, G_MAXUINT);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, 1);
  g_assert_cmpuint (annota_span_store_get_n_spans (other), ==, 0);

  /* Not in the other store: neither found nor removed there. */
  g_assert_false (annota_span_store_find (other, span, NULL));
  g_assert_false (annota_span_store_remove (other, span));
  g_assert_true (annota_span_store_find (store, span, NULL));

  /* Once removed it may go anywhere. */
  g_assert_true (annota_span_store_remove (store, span));
  g_assert_false (annota_span_store_remove (store, span));
  g_assert_cmpuint (annota_span_store_insert (other, span), ==, 0);

  g_assert_finalize_object (store);
  g_assert_finalize_object (other);
  g_assert_finalize_object (span);
}

static void
test_store_remove (void)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpan *s[5];
  AnnotaSpan *outside = span_new (0, 1, "PER");
  guint i;

  for (i = 0; i < G_N_ELEMENTS (s); i++)
    {
      s[i] = span_new (i * 10, i * 10 + 5, "PER");
      annota_span_store_insert (store, s[i]);
    }

  gt_signal_logger_connect (logger, store, "items-changed");

  g_assert_false (annota_span_store_remove (store, outside));
  gt_signal_logger_assert_no_emissions (logger);

  g_assert_true (annota_span_store_remove (store, s[2]));
  assert_items_changed (logger, store, 2, 1, 0);
  g_assert_true (annota_span_store_remove (store, s[0]));
  assert_items_changed (logger, store, 0, 1, 0);
  g_assert_true (annota_span_store_remove (store, s[4]));
  assert_items_changed (logger, store, 2, 1, 0);
  g_assert_false (annota_span_store_remove (store, s[4]));
  g_assert_false (annota_span_store_find (store, s[4], NULL));
  gt_signal_logger_assert_no_emissions (logger);

  {
    AnnotaSpan *expected[] = { s[1], s[3] };
    assert_store_is (store, expected, 2);
  }

  /* The removed spans lost the store's reference. */
  g_assert_finalize_object (s[0]);
  g_assert_finalize_object (s[2]);
  g_assert_finalize_object (s[4]);

  g_clear_pointer (&logger, gt_signal_logger_free);
  g_assert_finalize_object (store);
  g_assert_finalize_object (s[1]);
  g_assert_finalize_object (s[3]);
  g_assert_finalize_object (outside);
}

static void
test_store_update_same_position (void)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpan *a = span_new (0, 5, "PER");
  AnnotaSpan *b = span_new (10, 15, "PER");
  AnnotaSpan *c = span_new (20, 25, "PER");
  AnnotaSpan *expected[3] = { a, b, c };
  GPtrArray *found;

  annota_span_store_insert (store, a);
  annota_span_store_insert (store, b);
  annota_span_store_insert (store, c);

  gt_signal_logger_connect (logger, store, "items-changed");
  gt_signal_logger_connect (logger, b, "notify");

  /* No change, no signal. */
  annota_span_store_update (store, b, 10, 15, "PER");
  gt_signal_logger_assert_no_emissions (logger);

  /* Notifications first, then the model change. */
  annota_span_store_update (store, b, 8, 40, "LOC");
  gt_signal_logger_assert_notify_emission_pop (logger, b, "start");
  gt_signal_logger_assert_notify_emission_pop (logger, b, "end");
  gt_signal_logger_assert_notify_emission_pop (logger, b, "label");
  assert_items_changed (logger, store, 1, 1, 1);
  gt_signal_logger_assert_no_emissions (logger);
  assert_store_is (store, expected, 3);
  g_assert_cmpuint (annota_span_get_start (b), ==, 8);
  g_assert_cmpuint (annota_span_get_end (b), ==, 40);
  g_assert_cmpstr (annota_span_get_label (b), ==, "LOC");

  /* The maximal ends followed the new end. */
  found = annota_span_store_query (store, 30, 35);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_ptr_array_index (found, 0) == b);
  g_ptr_array_unref (found);

  /* A key equal to a neighbour's still fits where the span is. */
  annota_span_store_update (store, b, 20, 25, "PER");
  gt_signal_logger_assert_notify_emission_pop (logger, b, "start");
  gt_signal_logger_assert_notify_emission_pop (logger, b, "end");
  gt_signal_logger_assert_notify_emission_pop (logger, b, "label");
  assert_items_changed (logger, store, 1, 1, 1);
  gt_signal_logger_assert_no_emissions (logger);
  assert_store_is (store, expected, 3);

  annota_span_store_update (store, b, 0, 5, "PER");
  gt_signal_logger_assert_notify_emission_pop (logger, b, "start");
  gt_signal_logger_assert_notify_emission_pop (logger, b, "end");
  assert_items_changed (logger, store, 1, 1, 1);
  gt_signal_logger_assert_no_emissions (logger);
  assert_store_is (store, expected, 3);

  found = annota_span_store_query (store, 30, 35);
  g_assert_cmpuint (found->len, ==, 0);
  g_ptr_array_unref (found);

  g_clear_pointer (&logger, gt_signal_logger_free);
  g_assert_finalize_object (store);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (c);
}

typedef struct
{
  AnnotaSpanStore *store;
  AnnotaSpan      *span;
  gboolean         in_store;
  guint            start;
  guint            calls;
} UpdateProbe;

static void
probe_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  UpdateProbe *probe = user_data;

  /* While the span moves, its new values are set while it is out of the
   * store. */
  probe->in_store = annota_span_store_find (probe->store, probe->span, NULL);
  probe->start = annota_span_get_start (probe->span);
  probe->calls++;
}

static void
test_store_update_moving (void)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpan *a = span_new (0, 5, "PER");
  AnnotaSpan *b = span_new (10, 15, "PER");
  AnnotaSpan *c = span_new (20, 25, "PER");
  AnnotaSpan *d = span_new (20, 25, "PER");
  UpdateProbe probe = { store, a, TRUE, 0, 0 };
  gulong handler;

  annota_span_store_insert (store, a);
  annota_span_store_insert (store, b);
  annota_span_store_insert (store, c);
  annota_span_store_insert (store, d);

  gt_signal_logger_connect (logger, store, "items-changed");
  gt_signal_logger_connect (logger, a, "notify");
  handler = g_signal_connect (a, "notify::start", G_CALLBACK (probe_notify_cb), &probe);

  /* Forwards: after the equal keys c and d. */
  annota_span_store_update (store, a, 20, 25, "PER");
  assert_items_changed (logger, store, 0, 1, 0);
  gt_signal_logger_assert_notify_emission_pop (logger, a, "start");
  gt_signal_logger_assert_notify_emission_pop (logger, a, "end");
  assert_items_changed (logger, store, 3, 0, 1);
  gt_signal_logger_assert_no_emissions (logger);
  {
    AnnotaSpan *expected[] = { b, c, d, a };
    assert_store_is (store, expected, 4);
  }
  g_assert_cmpuint (probe.calls, ==, 1);
  g_assert_false (probe.in_store);
  g_assert_cmpuint (probe.start, ==, 20);

  /* Backwards, by label only. */
  annota_span_store_update (store, a, 20, 25, "LOC");
  assert_items_changed (logger, store, 3, 1, 0);
  gt_signal_logger_assert_notify_emission_pop (logger, a, "label");
  assert_items_changed (logger, store, 1, 0, 1);
  gt_signal_logger_assert_no_emissions (logger);
  {
    AnnotaSpan *expected[] = { b, a, c, d };
    assert_store_is (store, expected, 4);
  }

  /* To the very start. */
  annota_span_store_update (store, a, 0, 100, "LOC");
  assert_items_changed (logger, store, 1, 1, 0);
  gt_signal_logger_assert_notify_emission_pop (logger, a, "start");
  gt_signal_logger_assert_notify_emission_pop (logger, a, "end");
  assert_items_changed (logger, store, 0, 0, 1);
  gt_signal_logger_assert_no_emissions (logger);
  {
    AnnotaSpan *expected[] = { a, b, c, d };
    assert_store_is (store, expected, 4);
  }
  g_assert_cmpuint (probe.calls, ==, 2);  /* the label-only move left start alone */

  g_signal_handler_disconnect (a, handler);
  g_clear_pointer (&logger, gt_signal_logger_free);
  g_assert_finalize_object (store);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (c);
  g_assert_finalize_object (d);
}

static void
test_store_update_refused (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpan *span = span_new (1, 2, "PER");

  g_test_expect_message ("annota", G_LOG_LEVEL_CRITICAL, "*node != NULL*");
  annota_span_store_update (store, span, 3, 4, "PER");
  g_test_assert_expected_messages ();
  g_assert_cmpuint (annota_span_get_start (span), ==, 1);

  g_assert_finalize_object (store);
  g_assert_finalize_object (span);
}

static void
test_store_splice_all (void)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpan *old = span_new (50, 60, "PER");
  AnnotaSpan *s[6];
  guint i;

  s[0] = span_new (30, 40, "PER");
  s[1] = span_new (0, 10, "PER");
  s[2] = span_new (30, 40, "PER");
  s[3] = span_new (0, 10, "LOC");
  s[4] = span_new (30, 40, "PER");
  s[5] = span_new (0, 9, "PER");

  annota_span_store_insert (store, old);
  g_object_add_weak_pointer (G_OBJECT (old), (gpointer *) &old);
  g_object_unref (old);
  gt_signal_logger_connect (logger, store, "items-changed");

  annota_span_store_splice_all (store, s, G_N_ELEMENTS (s));
  assert_items_changed (logger, store, 0, 1, 6);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_null (old);
  {
    /* Sorted, equal keys in the order given. */
    AnnotaSpan *expected[] = { s[5], s[3], s[1], s[0], s[2], s[4] };
    assert_store_is (store, expected, 6);
  }

  /* Splicing spans that are already in the store re-sorts them. */
  _annota_span_set_status (s[0], ANNOTA_SPAN_STATUS_REJECTED);
  {
    AnnotaSpan *again[] = { s[4], s[2], s[0], s[1] };
    AnnotaSpan *expected[] = { s[1], s[4], s[2], s[0] };

    annota_span_store_splice_all (store, again, G_N_ELEMENTS (again));
    assert_items_changed (logger, store, 0, 6, 4);
    gt_signal_logger_assert_no_emissions (logger);
    assert_store_is (store, expected, 4);
    g_assert_false (annota_span_store_find (store, s[3], NULL));
    g_assert_false (annota_span_store_find (store, s[5], NULL));
  }

  /* An empty splice of an empty store changes nothing. */
  annota_span_store_splice_all (store, NULL, 0);
  assert_items_changed (logger, store, 0, 4, 0);
  annota_span_store_splice_all (store, NULL, 0);
  gt_signal_logger_assert_no_emissions (logger);
  assert_store_is (store, NULL, 0);

  g_clear_pointer (&logger, gt_signal_logger_free);
  g_assert_finalize_object (store);
  for (i = 0; i < G_N_ELEMENTS (s); i++)
    g_assert_finalize_object (s[i]);
}

static void
test_store_splice_all_refused (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpanStore *other = annota_span_store_new ();
  AnnotaSpan *a = span_new (1, 2, "PER");
  AnnotaSpan *b = span_new (3, 4, "PER");
  AnnotaSpan *c = span_new (5, 6, "PER");

  annota_span_store_insert (store, a);
  annota_span_store_insert (other, c);

  {
    AnnotaSpan *twice[] = { b, a, b };

    g_test_expect_message ("annota", G_LOG_LEVEL_CRITICAL, "*given twice*");
    annota_span_store_splice_all (store, twice, G_N_ELEMENTS (twice));
    g_test_assert_expected_messages ();
  }
  {
    AnnotaSpan *elsewhere[] = { b, c };

    g_test_expect_message ("annota", G_LOG_LEVEL_CRITICAL, "*another store*");
    annota_span_store_splice_all (store, elsewhere, G_N_ELEMENTS (elsewhere));
    g_test_assert_expected_messages ();
  }

  /* Nothing changed, and the scratch marks are gone: b goes in now. */
  {
    AnnotaSpan *expected[] = { a };
    assert_store_is (store, expected, 1);
  }
  {
    AnnotaSpan *fine[] = { b, a };
    AnnotaSpan *expected[] = { a, b };

    annota_span_store_splice_all (store, fine, G_N_ELEMENTS (fine));
    assert_store_is (store, expected, 2);
  }

  g_assert_finalize_object (store);
  g_assert_finalize_object (other);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (c);
}

static void
test_store_clear (void)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpan *a = span_new (1, 2, "PER");
  AnnotaSpan *b = span_new (3, 4, "PER");

  annota_span_store_insert (store, a);
  annota_span_store_insert (store, b);
  gt_signal_logger_connect (logger, store, "items-changed");

  annota_span_store_clear (store);
  assert_items_changed (logger, store, 0, 2, 0);
  annota_span_store_clear (store);
  gt_signal_logger_assert_no_emissions (logger);
  assert_store_is (store, NULL, 0);
  g_assert_false (annota_span_store_find (store, a, NULL));

  /* Cleared spans are free to go into a store again. */
  g_assert_cmpuint (annota_span_store_insert (store, b), ==, 0);
  assert_items_changed (logger, store, 0, 0, 1);

  g_clear_pointer (&logger, gt_signal_logger_free);
  g_assert_finalize_object (store);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

static void
test_store_sequential_access (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  guint i;
  guint n = 1000;

  for (i = 0; i < n; i++)
    g_ptr_array_add (spans, span_new (i, i + 1 + i % 7, "PER"));
  annota_span_store_splice_all (store, (AnnotaSpan **) spans->pdata, n);

  /* Forwards, backwards and jumping around, through both readers. */
  for (i = 0; i < n; i++)
    {
      AnnotaSpan *item = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_true (item == g_ptr_array_index (spans, i));
      g_object_unref (item);
    }
  for (i = n; i-- > 0;)
    g_assert_true (annota_span_store_peek (store, i) == g_ptr_array_index (spans, i));
  for (i = 0; i < n; i++)
    {
      guint j = (i * 7919) % n;

      g_assert_true (annota_span_store_peek (store, j) == g_ptr_array_index (spans, j));
    }

  /* The cursor forgets its node when the tree changes. */
  g_assert_true (annota_span_store_peek (store, 10) == g_ptr_array_index (spans, 10));
  annota_span_store_remove (store, g_ptr_array_index (spans, 10));
  g_assert_true (annota_span_store_peek (store, 10) == g_ptr_array_index (spans, 11));
  g_assert_true (annota_span_store_peek (store, 11) == g_ptr_array_index (spans, 12));
  g_assert_true (annota_span_store_peek (store, 9) == g_ptr_array_index (spans, 9));
  {
    g_autoptr(AnnotaSpan) first = span_new (0, 1, "AAA");

    annota_span_store_insert (store, first);
    g_assert_true (annota_span_store_peek (store, 9) == g_ptr_array_index (spans, 8));
    g_assert_true (annota_span_store_peek (store, 0) == first);
    g_assert_true (annota_span_store_peek (store, 1) == g_ptr_array_index (spans, 0));
    annota_span_store_update (store, first, 5000, 5001, "AAA");
    g_assert_true (annota_span_store_peek (store, 1) == g_ptr_array_index (spans, 1));
    g_assert_true (annota_span_store_peek (store, n - 1) == first);
  }

  g_assert_finalize_object (store);
}

static void
test_store_lower_bound (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpan *s[] = {
    span_new (2, 4, "PER"),
    span_new (2, 9, "PER"),
    span_new (5, 6, "PER"),
    span_new (9, 12, "PER"),
  };
  guint i;

  g_assert_cmpuint (annota_span_store_lower_bound (store, 0), ==, 0);
  g_assert_cmpuint (annota_span_store_lower_bound (store, 10), ==, 0);

  annota_span_store_splice_all (store, s, G_N_ELEMENTS (s));

  g_assert_cmpuint (annota_span_store_lower_bound (store, 0), ==, 0);
  g_assert_cmpuint (annota_span_store_lower_bound (store, 2), ==, 0);
  g_assert_cmpuint (annota_span_store_lower_bound (store, 3), ==, 2);
  g_assert_cmpuint (annota_span_store_lower_bound (store, 5), ==, 2);
  g_assert_cmpuint (annota_span_store_lower_bound (store, 6), ==, 3);
  g_assert_cmpuint (annota_span_store_lower_bound (store, 9), ==, 3);
  g_assert_cmpuint (annota_span_store_lower_bound (store, 10), ==, 4);
  g_assert_cmpuint (annota_span_store_lower_bound (store, G_MAXUINT), ==, 4);

  g_assert_finalize_object (store);
  for (i = 0; i < G_N_ELEMENTS (s); i++)
    g_assert_finalize_object (s[i]);
}

/* Interval queries */

static gboolean
oracle_intersects (AnnotaSpan *span,
                   guint       a,
                   guint       b)
{
  guint start = annota_span_get_start (span);
  guint end = annota_span_get_end (span);

  if (a == b)
    return start <= a && a < end;

  return start < b && end > a;
}

static void
assert_query (AnnotaSpanStore *store,
              guint            a,
              guint            b)
{
  g_autoptr(GPtrArray) found = annota_span_store_query (store, a, b);
  guint n = annota_span_store_get_n_spans (store);
  guint i;
  guint k = 0;

  /* In store order, exactly the spans the definition names. */
  for (i = 0; i < n; i++)
    {
      AnnotaSpan *span = annota_span_store_peek (store, i);

      if (!oracle_intersects (span, a, b))
        continue;

      if (k >= found->len || g_ptr_array_index (found, k) != span)
        g_error ("query [%u, %u): expected [%u, %u) %s at result %u",
                 a, b, annota_span_get_start (span), annota_span_get_end (span),
                 annota_span_get_label (span), k);
      k++;
    }

  g_assert_cmpuint (k, ==, found->len);
}

static void
test_query_edges (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpan *s[] = {
    span_new (0, 5, "PER"),
    span_new (5, 10, "PER"),   /* adjacent to the first */
    span_new (5, 10, "PER"),   /* identical */
    span_new (2, 8, "LOC"),    /* crosses both */
    span_new (6, 7, "ORG"),    /* nested */
    span_new (20, 30, "PER"),
  };
  GPtrArray *found;
  guint i;

  annota_span_store_splice_all (store, s, G_N_ELEMENTS (s));

  /* [a, b) and [b, c) do not intersect. */
  found = annota_span_store_query (store, 0, 5);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (g_ptr_array_index (found, 0) == s[0]);
  g_assert_true (g_ptr_array_index (found, 1) == s[3]);
  g_ptr_array_unref (found);

  found = annota_span_store_query (store, 10, 20);
  g_assert_cmpuint (found->len, ==, 0);
  g_ptr_array_unref (found);

  /* A point query: the spans containing 5. */
  found = annota_span_store_query (store, 5, 5);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_true (g_ptr_array_index (found, 0) == s[3]);
  g_assert_true (g_ptr_array_index (found, 1) == s[1]);
  g_assert_true (g_ptr_array_index (found, 2) == s[2]);
  g_ptr_array_unref (found);

  found = annota_span_store_query (store, 30, 30);
  g_assert_cmpuint (found->len, ==, 0);
  g_ptr_array_unref (found);
  found = annota_span_store_query (store, 29, 29);
  g_assert_cmpuint (found->len, ==, 1);
  g_ptr_array_unref (found);
  found = annota_span_store_query (store, G_MAXUINT, G_MAXUINT);
  g_assert_cmpuint (found->len, ==, 0);
  g_ptr_array_unref (found);

  found = annota_span_store_query (store, 0, G_MAXUINT);
  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (s));
  g_ptr_array_unref (found);

  for (i = 0; i <= 31; i++)
    {
      guint j;

      for (j = i; j <= 32; j++)
        assert_query (store, i, j);
    }

  g_assert_finalize_object (store);
  for (i = 0; i < G_N_ELEMENTS (s); i++)
    g_assert_finalize_object (s[i]);
}

static gboolean
stop_after_two (AnnotaSpan *span,
                gpointer    user_data)
{
  GPtrArray *seen = user_data;

  g_ptr_array_add (seen, span);

  return seen->len < 2;
}

static void
test_query_stop_early (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  AnnotaSpan *s[] = {
    span_new (0, 10, "PER"),
    span_new (1, 10, "PER"),
    span_new (2, 10, "PER"),
    span_new (3, 10, "PER"),
  };
  guint i;

  annota_span_store_splice_all (store, s, G_N_ELEMENTS (s));
  annota_span_store_foreach_in_range (store, 4, 5, stop_after_two, seen);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_true (g_ptr_array_index (seen, 0) == s[0]);
  g_assert_true (g_ptr_array_index (seen, 1) == s[1]);

  g_assert_finalize_object (store);
  for (i = 0; i < G_N_ELEMENTS (s); i++)
    g_assert_finalize_object (s[i]);
}

static gboolean
remove_during_foreach (AnnotaSpan *span,
                       gpointer    user_data)
{
  AnnotaSpanStore *store = user_data;

  g_test_expect_message ("annota", G_LOG_LEVEL_CRITICAL, "*busy == 0*");
  g_assert_false (annota_span_store_remove (store, span));
  g_test_assert_expected_messages ();

  return TRUE;
}

static void
test_query_store_locked (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  AnnotaSpan *span = span_new (0, 10, "PER");

  annota_span_store_insert (store, span);
  annota_span_store_foreach_in_range (store, 2, 3, remove_during_foreach, store);
  g_assert_true (annota_span_store_find (store, span, NULL));

  /* Unlocked again afterwards. */
  g_assert_true (annota_span_store_remove (store, span));

  g_assert_finalize_object (store);
  g_assert_finalize_object (span);
}

static const char *labels[] = { "PER", "LOC", "ORG", "MISC" };

static AnnotaSpan *
random_span (guint text_length)
{
  guint start = g_test_rand_int_range (0, text_length);
  guint end;

  switch (g_test_rand_int_range (0, 4))
    {
    case 0:
      end = start + g_test_rand_int_range (1, 4);
      break;
    case 1:
      end = start + g_test_rand_int_range (1, 30);
      break;
    case 2:
      end = start + g_test_rand_int_range (1, text_length / 4);
      break;
    default:
      end = start + g_test_rand_int_range (100, text_length);
      break;
    }

  return span_new (start, MIN (end, text_length + 1), labels[g_test_rand_int_range (0, G_N_ELEMENTS (labels))]);
}

static void
test_query_random (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  const guint text_length = 3000;
  guint i;

  for (i = 0; i < 3000; i++)
    {
      AnnotaSpan *span = random_span (text_length);

      g_ptr_array_add (spans, span);

      /* Identical and nested copies of some. */
      if (i % 50 == 0)
        g_ptr_array_add (spans, span_new (annota_span_get_start (span),
                                          annota_span_get_end (span),
                                          annota_span_get_label (span)));
      if (i % 70 == 0 && annota_span_get_length (span) > 2)
        g_ptr_array_add (spans, span_new (annota_span_get_start (span) + 1,
                                          annota_span_get_end (span) - 1,
                                          "MISC"));
    }

  /* Half in one splice, half one by one. */
  annota_span_store_splice_all (store, (AnnotaSpan **) spans->pdata, spans->len / 2);
  for (i = spans->len / 2; i < spans->len; i++)
    annota_span_store_insert (store, g_ptr_array_index (spans, i));
  _annota_span_store_check (store);

  for (i = 0; i < 1500; i++)
    {
      guint a = g_test_rand_int_range (0, text_length + 2);
      guint b;

      switch (i % 3)
        {
        case 0:
          b = a;
          break;
        case 1:
          b = a + g_test_rand_int_range (1, 40);
          break;
        default:
          b = a + g_test_rand_int_range (0, text_length);
          break;
        }

      assert_query (store, a, b);
    }

  /* The ends of stored spans themselves, which are the adjacency cases. */
  for (i = 0; i < 300; i++)
    {
      AnnotaSpan *span = g_ptr_array_index (spans, g_test_rand_int_range (0, spans->len));
      guint s = annota_span_get_start (span);
      guint e = annota_span_get_end (span);

      assert_query (store, e, e + 5);
      assert_query (store, s > 5 ? s - 5 : 0, s);
      assert_query (store, s, s);
      assert_query (store, e, e);
      assert_query (store, s, e);
    }

  /* And after removing a third. */
  for (i = 0; i < spans->len; i += 3)
    g_assert_true (annota_span_store_remove (store, g_ptr_array_index (spans, i)));
  _annota_span_store_check (store);
  for (i = 0; i < 500; i++)
    {
      guint a = g_test_rand_int_range (0, text_length + 2);

      assert_query (store, a, a + g_test_rand_int_range (0, 100));
    }

  g_assert_finalize_object (store);
}

/* Random edits against an oracle */

static void
test_find_after_removals (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree gboolean *removed = NULL;
  guint n = 2000;
  guint i;

  for (i = 0; i < n; i++)
    g_ptr_array_add (spans, random_span (500));
  annota_span_store_splice_all (store, (AnnotaSpan **) spans->pdata, n);

  removed = g_new0 (gboolean, n);
  for (i = 0; i < n * 3 / 4; i++)
    {
      guint j = g_test_rand_int_range (0, n);

      if (removed[j])
        continue;
      g_assert_true (annota_span_store_remove (store, g_ptr_array_index (spans, j)));
      removed[j] = TRUE;
    }
  _annota_span_store_check (store);

  for (i = 0; i < n; i++)
    {
      AnnotaSpan *span = g_ptr_array_index (spans, i);
      guint position = G_MAXUINT;

      if (removed[i])
        {
          g_assert_false (annota_span_store_find (store, span, &position));
          g_assert_cmpuint (position, ==, G_MAXUINT);
        }
      else
        {
          g_assert_true (annota_span_store_find (store, span, &position));
          g_assert_true (annota_span_store_peek (store, position) == span);
        }
    }

  g_assert_finalize_object (store);
}

/* The sorted-array model of the store: the first position after every
 * span that does not sort after the key. */
static guint
oracle_upper_bound (GPtrArray  *oracle,
                    AnnotaSpan *span)
{
  guint lo = 0;
  guint hi = oracle->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (annota_span_compare (g_ptr_array_index (oracle, mid), span) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
assert_store_matches (AnnotaSpanStore *store,
                      GPtrArray       *oracle)
{
  assert_store_is (store, (AnnotaSpan **) oracle->pdata, oracle->len);
}

static void
test_random_edits (void)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  AnnotaSpanStore *store = annota_span_store_new ();
  g_autoptr(GPtrArray) oracle = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  guint step;

  gt_signal_logger_connect (logger, store, "items-changed");

  for (step = 0; step < 3000; step++)
    {
      int op = g_test_rand_int_range (0, 10);

      if (oracle->len == 0 || op < 4)
        {
          AnnotaSpan *span = random_span (200);
          guint expected = oracle_upper_bound (oracle, span);

          g_ptr_array_add (all, span);
          g_assert_cmpuint (annota_span_store_insert (store, span), ==, expected);
          g_ptr_array_insert (oracle, expected, g_object_ref (span));
          assert_items_changed (logger, store, expected, 0, 1);
        }
      else if (op < 7)
        {
          guint position = g_test_rand_int_range (0, oracle->len);
          AnnotaSpan *span = g_ptr_array_index (oracle, position);

          g_assert_true (annota_span_store_remove (store, span));
          g_ptr_array_remove_index (oracle, position);
          assert_items_changed (logger, store, position, 1, 0);
        }
      else
        {
          guint position = g_test_rand_int_range (0, oracle->len);
          AnnotaSpan *span = g_ptr_array_index (oracle, position);
          g_autoptr(AnnotaSpan) target = NULL;
          AnnotaSpan *prev = position > 0 ? g_ptr_array_index (oracle, position - 1) : NULL;
          AnnotaSpan *next = position + 1 < oracle->len ? g_ptr_array_index (oracle, position + 1) : NULL;

          /* Small moves stay in place often, big ones rarely. */
          if (g_test_rand_bit ())
            {
              guint start = annota_span_get_start (span) + g_test_rand_int_range (0, 2);
              guint end = MAX (annota_span_get_end (span), start + 1);

              target = span_new (start, end, annota_span_get_label (span));
            }
          else if (g_test_rand_bit () && prev != NULL)
            {
              target = span_new (annota_span_get_start (prev), annota_span_get_end (prev),
                                 annota_span_get_label (prev));
            }
          else
            {
              target = random_span (200);
            }

          if (annota_span_compare (span, target) == 0)
            {
              annota_span_store_update (store, span, annota_span_get_start (target),
                                        annota_span_get_end (target),
                                        annota_span_get_label (target));
            }
          else if ((prev == NULL || annota_span_compare (prev, target) <= 0) &&
                   (next == NULL || annota_span_compare (target, next) <= 0))
            {
              annota_span_store_update (store, span, annota_span_get_start (target),
                                        annota_span_get_end (target),
                                        annota_span_get_label (target));
              assert_items_changed (logger, store, position, 1, 1);
            }
          else
            {
              guint new_position;

              g_object_ref (span);
              g_ptr_array_remove_index (oracle, position);
              annota_span_store_update (store, span, annota_span_get_start (target),
                                        annota_span_get_end (target),
                                        annota_span_get_label (target));
              new_position = oracle_upper_bound (oracle, span);
              g_ptr_array_insert (oracle, new_position, span);
              assert_items_changed (logger, store, position, 1, 0);
              assert_items_changed (logger, store, new_position, 0, 1);
            }
          g_assert_true (annota_span_compare (span, target) == 0);
        }

      gt_signal_logger_assert_no_emissions (logger);
      assert_store_matches (store, oracle);

      if (step % 500 == 499)
        {
          guint a = g_test_rand_int_range (0, 200);

          assert_query (store, a, a + g_test_rand_int_range (0, 50));
        }
    }

  g_clear_pointer (&logger, gt_signal_logger_free);
  g_assert_finalize_object (store);
}

static void
test_splice_all_large (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  guint n = 20000;
  guint i;

  for (i = 0; i < n; i++)
    {
      /* Few distinct keys, so that many are equal. */
      AnnotaSpan *span = span_new (g_test_rand_int_range (0, 300),
                                   300 + g_test_rand_int_range (0, 20),
                                   labels[g_test_rand_int_range (0, 2)]);

      g_ptr_array_add (spans, span);
      g_hash_table_insert (index, span, GUINT_TO_POINTER (i));
    }

  annota_span_store_splice_all (store, (AnnotaSpan **) spans->pdata, n);
  _annota_span_store_check (store);
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, n);

  /* Sorted, and equal keys in the order they were given. */
  for (i = 1; i < n; i++)
    {
      AnnotaSpan *a = annota_span_store_peek (store, i - 1);
      AnnotaSpan *b = annota_span_store_peek (store, i);
      int cmp = annota_span_compare (a, b);

      g_assert_cmpint (cmp, <=, 0);
      if (cmp == 0)
        g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (index, a)), <,
                          GPOINTER_TO_UINT (g_hash_table_lookup (index, b)));
    }

  for (i = 0; i < n; i++)
    g_assert_true (annota_span_store_find (store, g_ptr_array_index (spans, i), NULL));

  /* Already sorted input takes the other path of the sort. */
  {
    g_autoptr(GPtrArray) in_order = g_ptr_array_new ();

    for (i = 0; i < n; i++)
      g_ptr_array_add (in_order, annota_span_store_peek (store, i));
    annota_span_store_splice_all (store, (AnnotaSpan **) in_order->pdata, n);
    for (i = 0; i < n; i++)
      g_assert_true (annota_span_store_peek (store, i) == g_ptr_array_index (in_order, i));
  }
  _annota_span_store_check (store);

  g_assert_finalize_object (store);
}

/* Offsets that use every byte, so that no digit of the sort is skipped. */
static void
test_splice_all_wide_offsets (void)
{
  AnnotaSpanStore *store = annota_span_store_new ();
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) oracle = g_ptr_array_new_with_free_func (g_object_unref);
  guint i;

  for (i = 0; i < 3000; i++)
    {
      guint start = g_test_rand_int ();
      guint end = start + (guint) g_test_rand_int_range (0, 1 << 30);
      AnnotaSpan *span;

      if (end < start)
        end = G_MAXUINT;
      if (i % 10 == 0 && i > 0)
        {
          /* The same offsets as an earlier span, maybe another label. */
          AnnotaSpan *earlier = g_ptr_array_index (spans, g_test_rand_int_range (0, i));

          start = annota_span_get_start (earlier);
          end = annota_span_get_end (earlier);
        }

      span = span_new (start, end, labels[g_test_rand_int_range (0, G_N_ELEMENTS (labels))]);
      g_ptr_array_add (spans, span);
      g_ptr_array_insert (oracle, oracle_upper_bound (oracle, span), g_object_ref (span));
    }

  annota_span_store_splice_all (store, (AnnotaSpan **) spans->pdata, spans->len);
  assert_store_matches (store, oracle);

  for (i = 0; i < 200; i++)
    {
      guint a = g_test_rand_int ();
      guint b = a + (guint) g_test_rand_int_range (0, 1 << 28);

      assert_query (store, a, MAX (a, b));
    }

  g_assert_finalize_object (store);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/annota/span-store/span/new", test_span_new);
  g_test_add_func ("/annota/span-store/span/score", test_span_score);
  g_test_add_func ("/annota/span-store/span/status-type", test_span_status_type);
  g_test_add_func ("/annota/span-store/span/compare", test_span_compare);
  g_test_add_func ("/annota/span-store/span/equal", test_span_equal);
  g_test_add_func ("/annota/span-store/span/notify", test_span_notify);
  g_test_add_func ("/annota/span-store/span/key-setters-refused-in-store",
                   test_span_key_setters_refused_in_store);
  g_test_add_func ("/annota/span-store/list-model", test_store_list_model);
  g_test_add_func ("/annota/span-store/insert-sorted", test_store_insert_sorted);
  g_test_add_func ("/annota/span-store/insert-refused", test_store_insert_refused);
  g_test_add_func ("/annota/span-store/remove", test_store_remove);
  g_test_add_func ("/annota/span-store/update-same-position", test_store_update_same_position);
  g_test_add_func ("/annota/span-store/update-moving", test_store_update_moving);
  g_test_add_func ("/annota/span-store/update-refused", test_store_update_refused);
  g_test_add_func ("/annota/span-store/splice-all", test_store_splice_all);
  g_test_add_func ("/annota/span-store/splice-all-refused", test_store_splice_all_refused);
  g_test_add_func ("/annota/span-store/splice-all-large", test_splice_all_large);
  g_test_add_func ("/annota/span-store/splice-all-wide-offsets", test_splice_all_wide_offsets);
  g_test_add_func ("/annota/span-store/clear", test_store_clear);
  g_test_add_func ("/annota/span-store/sequential-access", test_store_sequential_access);
  g_test_add_func ("/annota/span-store/lower-bound", test_store_lower_bound);
  g_test_add_func ("/annota/span-store/query-edges", test_query_edges);
  g_test_add_func ("/annota/span-store/query-stop-early", test_query_stop_early);
  g_test_add_func ("/annota/span-store/query-store-locked", test_query_store_locked);
  g_test_add_func ("/annota/span-store/query-random", test_query_random);
  g_test_add_func ("/annota/span-store/find-after-removals", test_find_after_removals);
  g_test_add_func ("/annota/span-store/random-edits", test_random_edits);

  return g_test_run ();
}
