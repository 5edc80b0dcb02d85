/* test-label-set.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libglib-testing/signal-logger.h>

#include "annota-core.h"

static void
test_default (void)
{
  g_autoptr(AnnotaLabelSet) set = annota_label_set_new_default ();
  const char *ids[] = { "PER", "LOC", "ORG", "MISC" };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 4);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (set)) == ANNOTA_TYPE_LABEL);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(AnnotaLabel) label = g_list_model_get_item (G_LIST_MODEL (set), i);
      char key[2] = { (char) ('1' + i), 0 };

      g_assert_cmpstr (annota_label_get_id (label), ==, ids[i]);
      g_assert_cmpstr (annota_label_get_key (label), ==, key);
      g_assert_true (annota_label_set_lookup_key (set, key) == label);
      g_assert_true (annota_label_set_lookup (set, ids[i]) == label);
      g_assert_cmpstr (annota_label_get_color (label), ==, annota_label_default_color (i));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (set), 4));
  g_assert_null (annota_label_set_lookup (set, "per"));
  g_assert_null (annota_label_set_lookup_key (set, "5"));
}

static void
test_insert_remove (void)
{
  g_autoptr(AnnotaLabelSet) set = annota_label_set_new ();
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(AnnotaLabel) per = annota_label_new ("PER", "Person", "#3584e4", "1");
  g_autoptr(AnnotaLabel) loc = annota_label_new ("LOC", "Location", "#33d17a", "2");
  g_autoptr(AnnotaLabel) dup = annota_label_new ("PER", "Other", "#33d17a", "9");
  g_autoptr(GError) error = NULL;
  guint pos, removed, added;

  gt_signal_logger_connect (logger, set, "items-changed");

  g_assert_true (annota_label_set_append (set, per, &error));
  g_assert_no_error (error);
  gt_signal_logger_assert_emission_pop (logger, set, "items-changed", &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 0);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 1);

  g_assert_true (annota_label_set_insert (set, 0, loc, &error));
  gt_signal_logger_assert_emission_pop (logger, set, "items-changed", &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 0);
  g_assert_cmpuint (added, ==, 1);
  g_assert_true (annota_label_set_peek (set, 0) == loc);
  g_assert_true (annota_label_set_peek (set, 1) == per);

  g_assert_false (annota_label_set_append (set, dup, &error));
  g_assert_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "There is already a label “PER”");
  gt_signal_logger_assert_no_emissions (logger);

  g_assert_true (annota_label_set_find (set, "PER", &pos));
  g_assert_cmpuint (pos, ==, 1);
  g_assert_false (annota_label_set_find (set, "ORG", &pos));

  g_assert_true (annota_label_set_remove (set, "LOC"));
  gt_signal_logger_assert_emission_pop (logger, set, "items-changed", &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 0);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (added, ==, 0);
  g_assert_null (annota_label_set_lookup (set, "LOC"));
  g_assert_null (annota_label_set_lookup_key (set, "2"));
  g_assert_false (annota_label_set_remove (set, "LOC"));
  gt_signal_logger_assert_no_emissions (logger);
}

static void
test_key_lookup_follows_label (void)
{
  g_autoptr(AnnotaLabelSet) set = annota_label_set_new_default ();
  AnnotaLabel *per = annota_label_set_lookup (set, "PER");

  _annota_label_set_key (per, "p");
  g_assert_null (annota_label_set_lookup_key (set, "1"));
  g_assert_true (annota_label_set_lookup_key (set, "p") == per);
  _annota_label_set_key (per, NULL);
  g_assert_null (annota_label_set_lookup_key (set, "p"));
}

static void
test_merge (void)
{
  g_autoptr(AnnotaLabelSet) set = annota_label_set_new ();
  g_autoptr(AnnotaLabelSet) other = annota_label_set_new_default ();
  g_autoptr(AnnotaLabel) per = annota_label_new ("PER", "Người", "#e01b24", "p");
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  guint pos, removed, added;

  annota_label_set_append (set, per, NULL);
  gt_signal_logger_connect (logger, set, "items-changed");
  annota_label_set_merge (set, other);

  gt_signal_logger_assert_emission_pop (logger, set, "items-changed", &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 1);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 3);
  gt_signal_logger_assert_no_emissions (logger);

  /* The set's own label wins; the others are copies, not shared objects. */
  g_assert_true (annota_label_set_lookup (set, "PER") == per);
  g_assert_cmpstr (annota_label_get_name (per), ==, "Người");
  g_assert_cmpstr (annota_label_get_id (annota_label_set_peek (set, 1)), ==, "LOC");
  g_assert_true (annota_label_set_peek (set, 1) != annota_label_set_lookup (other, "LOC"));
  g_assert_true (annota_label_set_lookup_key (set, "1") == NULL);
  g_assert_true (annota_label_set_lookup_key (set, "2") == annota_label_set_lookup (set, "LOC"));

  annota_label_set_merge (set, other);
  gt_signal_logger_assert_no_emissions (logger);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/annota/label-set/default", test_default);
  g_test_add_func ("/annota/label-set/insert-remove", test_insert_remove);
  g_test_add_func ("/annota/label-set/key-lookup-follows-label", test_key_lookup_follows_label);
  g_test_add_func ("/annota/label-set/merge", test_merge);

  return g_test_run ();
}
