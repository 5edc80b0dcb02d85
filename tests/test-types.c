/* test-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "annota-core.h"

static void
test_status_strings (void)
{
  AnnotaSpanStatus status = ANNOTA_SPAN_STATUS_ACCEPTED;

  g_assert_cmpstr (annota_span_status_to_string (ANNOTA_SPAN_STATUS_SUGGESTED), ==, "suggested");
  g_assert_cmpstr (annota_span_status_to_string (ANNOTA_SPAN_STATUS_ACCEPTED), ==, "accepted");
  g_assert_cmpstr (annota_span_status_to_string (ANNOTA_SPAN_STATUS_REJECTED), ==, "rejected");

  g_assert_true (annota_span_status_from_string ("rejected", &status));
  g_assert_cmpint (status, ==, ANNOTA_SPAN_STATUS_REJECTED);
  g_assert_true (annota_span_status_from_string ("suggested", &status));
  g_assert_cmpint (status, ==, ANNOTA_SPAN_STATUS_SUGGESTED);
  g_assert_false (annota_span_status_from_string ("Accepted", &status));
  g_assert_false (annota_span_status_from_string ("", &status));
  g_assert_cmpint (status, ==, ANNOTA_SPAN_STATUS_SUGGESTED);
}

static void
test_state_strings (void)
{
  AnnotaDocumentState state = ANNOTA_DOCUMENT_STATE_TODO;

  g_assert_cmpstr (annota_document_state_to_string (ANNOTA_DOCUMENT_STATE_TODO), ==, "todo");
  g_assert_cmpstr (annota_document_state_to_string (ANNOTA_DOCUMENT_STATE_IN_PROGRESS), ==, "in-progress");
  g_assert_cmpstr (annota_document_state_to_string (ANNOTA_DOCUMENT_STATE_DONE), ==, "done");
  g_assert_true (annota_document_state_from_string ("in-progress", &state));
  g_assert_cmpint (state, ==, ANNOTA_DOCUMENT_STATE_IN_PROGRESS);
  g_assert_false (annota_document_state_from_string ("in progress", &state));
  g_assert_cmpint (state, ==, ANNOTA_DOCUMENT_STATE_IN_PROGRESS);
}

static void
test_label_colors (void)
{
  g_assert_true (annota_label_color_is_valid ("#3584e4"));
  g_assert_true (annota_label_color_is_valid ("#ABCDEF"));
  g_assert_false (annota_label_color_is_valid ("#3584e"));
  g_assert_false (annota_label_color_is_valid ("3584e4a"));
  g_assert_false (annota_label_color_is_valid ("#3584g4"));
  g_assert_false (annota_label_color_is_valid (NULL));
  g_assert_cmpstr (annota_label_default_color (0), ==, "#3584e4");
  g_assert_cmpstr (annota_label_default_color (1), ==, "#33d17a");
  g_assert_cmpstr (annota_label_default_color (21), ==, "#3584e4");
}

static void
test_label_new (void)
{
  g_autoptr(AnnotaLabel) label = annota_label_new ("PER", NULL, "not a colour", "");
  AnnotaLabel *copy;

  g_assert_cmpstr (annota_label_get_id (label), ==, "PER");
  g_assert_cmpstr (annota_label_get_name (label), ==, "PER");
  g_assert_cmpstr (annota_label_get_color (label), ==, "#3584e4");
  g_assert_null (annota_label_get_key (label));
  g_assert_null (annota_label_get_description (label));

  _annota_label_set_description (label, "People, real or fictional");
  _annota_label_set_extra (label, "{\"x\":1}");
  copy = annota_label_copy (label);
  g_assert_cmpstr (annota_label_get_description (copy), ==, "People, real or fictional");
  g_assert_cmpstr (annota_label_get_extra (copy), ==, "{\"x\":1}");
  g_assert_finalize_object (copy);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/annota/types/status-strings", test_status_strings);
  g_test_add_func ("/annota/types/state-strings", test_state_strings);
  g_test_add_func ("/annota/types/label-colors", test_label_colors);
  g_test_add_func ("/annota/types/label-new", test_label_new);

  return g_test_run ();
}
