/* test-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document as the one door for changes: every operation checks its
 * arguments, emits exactly the expected signals and is undone and redone
 * exactly.
 */
#include <libglib-testing/signal-logger.h>

#include "annota-core.h"

/* "Ông John Kerry tuyên bố ở Matxcơva." — Ông is 3 code points. */
#define TEXT "Ông John Kerry tuyên bố ở Matxcơva."

typedef struct {
  AnnotaDocument  *doc;
  AnnotaSpanStore *store;
  GtSignalLogger  *logger;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();

  f->doc = annota_document_new_from_string (TEXT, labels);
  f->store = annota_document_get_spans (f->doc);
  f->logger = gt_signal_logger_new ();
  gt_signal_logger_connect (f->logger, f->store, "items-changed");
  gt_signal_logger_connect (f->logger, f->doc, "notify");
  gt_signal_logger_connect (f->logger, f->doc, "counts-changed");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gt_signal_logger_free (f->logger);
  g_assert_finalize_object (f->doc);
}

static void
assert_items_changed (Fixture *f,
                      guint    position,
                      guint    removed,
                      guint    added)
{
  guint p, r, a;

  gt_signal_logger_assert_emission_pop (f->logger, f->store, "items-changed", &p, &r, &a);
  g_assert_cmpuint (p, ==, position);
  g_assert_cmpuint (r, ==, removed);
  g_assert_cmpuint (a, ==, added);
}

static void
assert_counts_changed (Fixture *f)
{
  gpointer obj = NULL;
  g_autofree char *type_name = NULL;
  g_autofree char *signal_name = NULL;

  g_assert_true (gt_signal_logger_pop_emission (f->logger, &obj, &type_name, &signal_name, NULL));
  g_assert_true (obj == (gpointer) f->doc);
  g_assert_cmpstr (signal_name, ==, "counts-changed");
}

static void
assert_spans (Fixture    *f,
              const char *expected)
{
  g_autoptr(GString) str = g_string_new (NULL);
  guint n = annota_span_store_get_n_spans (f->store);

  for (guint i = 0; i < n; i++)
    {
      AnnotaSpan *span = annota_span_store_peek (f->store, i);

      g_string_append_printf (str, "%s%u-%u:%s:%s", i ? " " : "",
                              annota_span_get_start (span), annota_span_get_end (span),
                              annota_span_get_label (span),
                              annota_span_status_to_string (annota_span_get_status (span)));
    }
  g_assert_cmpstr (str->str, ==, expected);
}

static void
test_add_undo_redo (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AnnotaSpan *span;

  g_assert_false (annota_document_get_modified (f->doc));
  span = annota_document_add_span (f->doc, 4, 14, "PER", ANNOTA_SPAN_STATUS_ACCEPTED,
                                   "manual", -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (span);
  assert_items_changed (f, 0, 0, 1);
  assert_counts_changed (f);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-undo");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "modified");
  gt_signal_logger_assert_no_emissions (f->logger);
  assert_spans (f, "4-14:PER:accepted");
  g_assert_true (annota_document_get_modified (f->doc));
  g_assert_cmpuint (annota_document_count_spans (f->doc, "PER", -1), ==, 1);
  g_assert_cmpuint (annota_document_count_spans (f->doc, "PER", ANNOTA_SPAN_STATUS_ACCEPTED), ==, 1);
  g_assert_cmpuint (annota_document_count_spans (f->doc, "LOC", -1), ==, 0);
  g_assert_cmpuint (annota_document_count_spans (f->doc, NULL, -1), ==, 1);

  g_assert_true (annota_document_undo (f->doc));
  assert_items_changed (f, 0, 1, 0);
  assert_counts_changed (f);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-undo");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-redo");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "modified");
  gt_signal_logger_assert_no_emissions (f->logger);
  assert_spans (f, "");
  g_assert_false (annota_document_get_modified (f->doc));
  g_assert_cmpuint (annota_document_count_spans (f->doc, "PER", -1), ==, 0);

  g_assert_true (annota_document_redo (f->doc));
  assert_items_changed (f, 0, 0, 1);
  assert_counts_changed (f);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-undo");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-redo");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "modified");
  gt_signal_logger_assert_no_emissions (f->logger);
  assert_spans (f, "4-14:PER:accepted");
  /* Redo brings back the very same span object. */
  g_assert_true (annota_span_store_peek (f->store, 0) == span);
}

static void
test_add_checks (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint length = g_utf8_strlen (TEXT, -1);

  g_assert_cmpuint (annota_document_get_length (f->doc), ==, length);
  g_assert_null (annota_document_add_span (f->doc, 4, 4, "PER", ANNOTA_SPAN_STATUS_ACCEPTED,
                                           "manual", -1, &error));
  g_assert_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "The range 4–4 is not inside the text (0–35) or is empty");
  g_clear_error (&error);

  g_assert_null (annota_document_add_span (f->doc, 30, length + 1, "PER",
                                           ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, &error));
  g_assert_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_null (annota_document_add_span (f->doc, 0, 3, "DATE", ANNOTA_SPAN_STATUS_ACCEPTED,
                                           "manual", -1, &error));
  g_assert_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_LABEL);
  g_assert_cmpstr (error->message, ==, "There is no label “DATE”");
  g_clear_error (&error);

  /* The last code point is a valid end. */
  g_assert_nonnull (annota_document_add_span (f->doc, length - 1, length, "MISC",
                                              ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, &error));
  g_assert_no_error (error);
  assert_items_changed (f, 0, 0, 1);
}

static void
test_relabel_move (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AnnotaSpan *kerry, *matx;

  kerry = annota_document_add_span (f->doc, 4, 14, "PER", ANNOTA_SPAN_STATUS_ACCEPTED,
                                    "manual", -1, NULL);
  matx = annota_document_add_span (f->doc, 26, 34, "LOC", ANNOTA_SPAN_STATUS_SUGGESTED,
                                   "vi-ner", 0.91, NULL);
  assert_spans (f, "4-14:PER:accepted 26-34:LOC:suggested");
  g_assert_cmpuint (annota_document_count_spans (f->doc, NULL, ANNOTA_SPAN_STATUS_SUGGESTED), ==, 1);
  while (gt_signal_logger_get_n_emissions (f->logger) > 0)
    gt_signal_logger_pop_emission (f->logger, NULL, NULL, NULL, NULL);

  g_assert_true (annota_document_relabel_span (f->doc, kerry, "ORG", &error));
  assert_items_changed (f, 0, 1, 1);
  assert_counts_changed (f);
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_cmpuint (annota_document_count_spans (f->doc, "PER", -1), ==, 0);
  g_assert_cmpuint (annota_document_count_spans (f->doc, "ORG", -1), ==, 1);

  g_assert_false (annota_document_relabel_span (f->doc, kerry, "NOPE", &error));
  g_assert_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_LABEL);
  g_clear_error (&error);

  /* Moving "Kerry" past Matxcơva changes its place in the store. */
  g_assert_true (annota_document_move_span (f->doc, kerry, 30, 35, &error));
  assert_items_changed (f, 0, 1, 0);
  assert_items_changed (f, 1, 0, 1);
  gt_signal_logger_assert_no_emissions (f->logger);
  assert_spans (f, "26-34:LOC:suggested 30-35:ORG:accepted");
  g_assert_true (annota_span_store_peek (f->store, 1) == kerry);

  g_assert_false (annota_document_move_span (f->doc, kerry, 36, 35, &error));
  g_assert_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_RANGE);
  g_clear_error (&error);

  /* Accepting a suggestion is a review decision. */
  annota_document_set_span_status (f->doc, matx, ANNOTA_SPAN_STATUS_ACCEPTED, TRUE);
  assert_counts_changed (f);
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_true (annota_span_get_reviewed (matx));
  g_assert_cmpuint (annota_document_count_spans (f->doc, NULL, ANNOTA_SPAN_STATUS_SUGGESTED), ==, 0);
  g_assert_cmpuint (annota_document_count_spans (f->doc, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED), ==, 1);
  /* Setting the same status again records nothing. */
  annota_document_set_span_status (f->doc, matx, ANNOTA_SPAN_STATUS_ACCEPTED, TRUE);
  gt_signal_logger_assert_no_emissions (f->logger);

  annota_document_undo (f->doc);
  g_assert_false (annota_span_get_reviewed (matx));
  g_assert_cmpint (annota_span_get_status (matx), ==, ANNOTA_SPAN_STATUS_SUGGESTED);
  annota_document_undo (f->doc);
  assert_spans (f, "4-14:ORG:accepted 26-34:LOC:suggested");
  annota_document_undo (f->doc);
  assert_spans (f, "4-14:PER:accepted 26-34:LOC:suggested");
  g_assert_true (annota_span_store_peek (f->store, 0) == kerry);
  annota_document_redo (f->doc);
  annota_document_redo (f->doc);
  annota_document_redo (f->doc);
  assert_spans (f, "26-34:LOC:accepted 30-35:ORG:accepted");
}

static void
test_remove_and_steps (Fixture       *f,
                       gconstpointer  data)
{
  AnnotaSpan *a, *b;

  a = annota_document_add_span (f->doc, 0, 3, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL);
  b = annota_document_add_span (f->doc, 0, 14, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  annota_document_mark_saved (f->doc);
  g_assert_false (annota_document_get_modified (f->doc));

  annota_document_begin_step (f->doc);
  annota_document_remove_span (f->doc, a);
  annota_document_remove_span (f->doc, b);
  annota_document_add_span (f->doc, 15, 23, "MISC", ANNOTA_SPAN_STATUS_SUGGESTED, "search", -1, NULL);
  annota_document_end_step (f->doc);
  assert_spans (f, "15-23:MISC:suggested");
  g_assert_true (annota_document_get_modified (f->doc));

  /* One undo takes back the whole step. */
  annota_document_undo (f->doc);
  assert_spans (f, "0-3:PER:accepted 0-14:PER:accepted");
  g_assert_false (annota_document_get_modified (f->doc));
  g_assert_cmpuint (annota_document_count_spans (f->doc, "PER", -1), ==, 2);
  g_assert_cmpuint (annota_document_count_spans (f->doc, "MISC", -1), ==, 0);
  annota_document_redo (f->doc);
  assert_spans (f, "15-23:MISC:suggested");
}

static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  AnnotaLabelSet *labels = annota_document_get_labels (f->doc);
  g_autoptr(AnnotaLabel) date = annota_label_new ("DATE", "Date", "#9141ac", "5");
  g_autoptr(AnnotaLabel) clash = annota_label_new ("TIME", "Time", "#9141ac", "1");
  g_autoptr(GError) error = NULL;
  AnnotaLabel *per = annota_label_set_lookup (labels, "PER");

  annota_document_add_span (f->doc, 4, 14, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL);
  annota_document_add_span (f->doc, 26, 34, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL);

  g_assert_true (annota_document_add_label (f->doc, date, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (annota_label_set_get_n_labels (labels), ==, 5);
  g_assert_false (annota_document_add_label (f->doc, clash, &error));
  g_assert_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "The key “1” is already used by the label “PER”");
  g_clear_error (&error);

  annota_document_set_label_name (f->doc, per, "Người");
  annota_document_set_label_color (f->doc, per, "#e01b24");
  g_assert_false (annota_document_set_label_key (f->doc, per, "2", &error));
  g_assert_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (annota_document_set_label_key (f->doc, per, "pp", &error));
  g_clear_error (&error);
  g_assert_true (annota_document_set_label_key (f->doc, per, "p", &error));
  g_assert_cmpstr (annota_label_get_name (per), ==, "Người");
  g_assert_cmpstr (annota_label_get_color (per), ==, "#e01b24");
  g_assert_true (annota_label_set_lookup_key (labels, "p") == per);

  annota_document_undo (f->doc);
  annota_document_undo (f->doc);
  annota_document_undo (f->doc);
  g_assert_cmpstr (annota_label_get_name (per), ==, "Person");
  g_assert_cmpstr (annota_label_get_color (per), ==, "#3584e4");
  g_assert_true (annota_label_set_lookup_key (labels, "1") == per);
  annota_document_undo (f->doc);
  g_assert_null (annota_label_set_lookup (labels, "DATE"));

  /* Removing a label moves its spans, or removes them, in one step. */
  g_assert_true (annota_document_remove_label (f->doc, "PER", ANNOTA_LABEL_REMOVAL_RELABEL_SPANS,
                                               "MISC", &error));
  g_assert_no_error (error);
  assert_spans (f, "4-14:MISC:accepted 26-34:LOC:accepted");
  g_assert_null (annota_label_set_lookup (labels, "PER"));
  annota_document_undo (f->doc);
  assert_spans (f, "4-14:PER:accepted 26-34:LOC:accepted");
  g_assert_true (annota_label_set_peek (labels, 0) == per);

  g_assert_false (annota_document_remove_label (f->doc, "PER", ANNOTA_LABEL_REMOVAL_RELABEL_SPANS,
                                                "PER", &error));
  g_assert_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_LABEL);
  g_clear_error (&error);

  g_assert_true (annota_document_remove_label (f->doc, "LOC", ANNOTA_LABEL_REMOVAL_DELETE_SPANS,
                                               NULL, &error));
  assert_spans (f, "4-14:PER:accepted");
  g_assert_cmpuint (annota_document_count_spans (f->doc, "LOC", -1), ==, 0);
  annota_document_undo (f->doc);
  assert_spans (f, "4-14:PER:accepted 26-34:LOC:accepted");
  g_assert_cmpstr (annota_label_get_id (annota_label_set_peek (labels, 1)), ==, "LOC");
}

static void
test_state_and_extra (Fixture       *f,
                      gconstpointer  data)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
  AnnotaRange range = { 0, 3 };

  annota_document_set_state (f->doc, ANNOTA_DOCUMENT_STATE_DONE);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "state");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-undo");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "modified");
  gt_signal_logger_assert_no_emissions (f->logger);
  annota_document_set_state (f->doc, ANNOTA_DOCUMENT_STATE_DONE);
  gt_signal_logger_assert_no_emissions (f->logger);
  annota_document_undo (f->doc);
  g_assert_cmpint (annota_document_get_state (f->doc), ==, ANNOTA_DOCUMENT_STATE_TODO);

  annota_document_set_extra_member (f->doc, "meta", "{\"source\":\"x\"}");
  annota_document_set_extra_member (f->doc, "zeta", "[1,2]");
  annota_document_set_extra_member (f->doc, "meta", "{}");
  g_assert_cmpstr (annota_document_get_extra_member (f->doc, "meta"), ==, "{}");
  g_assert_cmpuint (annota_document_get_extra_members (f->doc)->len, ==, 2);
  annota_document_set_extra_member (f->doc, "meta", NULL);
  g_assert_null (annota_document_get_extra_member (f->doc, "meta"));

  g_array_append_val (tokens, range);
  annota_document_set_tokens (f->doc, tokens);
  g_assert_true (annota_document_get_tokens (f->doc) == tokens);
  g_assert_null (annota_document_get_sentences (f->doc));
}

static void
test_load_spans (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (spans, annota_span_new (26, 34, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, NULL, -1));
  g_ptr_array_add (spans, annota_span_new (4, 14, "PER", ANNOTA_SPAN_STATUS_REJECTED, NULL, -1));
  g_ptr_array_add (spans, annota_span_new (4, 8, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, NULL, -1));
  g_assert_true (annota_document_load_spans (f->doc, spans, &error));
  g_assert_no_error (error);
  assert_items_changed (f, 0, 0, 3);
  assert_counts_changed (f);
  gt_signal_logger_assert_no_emissions (f->logger);
  assert_spans (f, "4-8:PER:accepted 4-14:PER:rejected 26-34:LOC:accepted");
  g_assert_cmpuint (annota_document_count_spans (f->doc, "PER", ANNOTA_SPAN_STATUS_REJECTED), ==, 1);
  g_assert_false (annota_document_get_can_undo (f->doc));

  g_ptr_array_set_size (spans, 0);
  g_ptr_array_add (spans, annota_span_new (0, 3, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, NULL, -1));
  g_ptr_array_add (spans, annota_span_new (0, 3, "WHO", ANNOTA_SPAN_STATUS_ACCEPTED, NULL, -1));
  g_assert_false (annota_document_load_spans (f->doc, spans, &error));
  g_assert_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_LABEL);
  g_assert_cmpstr (error->message, ==, "Span 1: There is no label “WHO”");
  gt_signal_logger_assert_no_emissions (f->logger);
  assert_spans (f, "4-8:PER:accepted 4-14:PER:rejected 26-34:LOC:accepted");
}

static void
test_mark_modified (Fixture       *f,
                    gconstpointer  data)
{
  AnnotaHistory *history = annota_document_get_history (f->doc);

  /* Modified, with the history untouched: nothing to undo. */
  annota_document_mark_modified (f->doc);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "modified");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_true (annota_document_get_modified (f->doc));
  g_assert_false (annota_document_get_can_undo (f->doc));
  g_assert_false (annota_document_get_can_redo (f->doc));
  g_assert_cmpuint (annota_history_get_n_undo (history), ==, 0);
  g_assert_false (annota_document_undo (f->doc));
  annota_document_mark_modified (f->doc);
  gt_signal_logger_assert_no_emissions (f->logger);

  /* Undone back to where it was marked, it still differs from its file. */
  annota_document_add_span (f->doc, 4, 14, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL);
  assert_items_changed (f, 0, 0, 1);
  assert_counts_changed (f);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-undo");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_cmpuint (annota_history_get_n_undo (history), ==, 1);
  g_assert_true (annota_document_undo (f->doc));
  assert_items_changed (f, 0, 1, 0);
  assert_counts_changed (f);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-undo");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-redo");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_true (annota_document_get_modified (f->doc));
  g_assert_false (annota_document_get_can_undo (f->doc));
  g_assert_true (annota_document_redo (f->doc));
  assert_items_changed (f, 0, 0, 1);
  assert_counts_changed (f);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-undo");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-redo");
  gt_signal_logger_assert_no_emissions (f->logger);

  /* Saving ends it: undo and redo are compared with the save again. */
  annota_document_mark_saved (f->doc);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "modified");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_false (annota_document_get_modified (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  assert_items_changed (f, 0, 1, 0);
  assert_counts_changed (f);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-undo");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-redo");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "modified");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_true (annota_document_get_modified (f->doc));

  /* Already modified by the history: no notification; back at the saved
   * point it stays modified, until the next save. */
  annota_document_mark_modified (f->doc);
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_true (annota_document_redo (f->doc));
  assert_items_changed (f, 0, 0, 1);
  assert_counts_changed (f);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-undo");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-redo");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_true (annota_document_get_modified (f->doc));
  g_assert_true (annota_history_is_clean (history));
  annota_document_mark_saved (f->doc);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "modified");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_false (annota_document_get_modified (f->doc));
  g_assert_cmpuint (annota_history_get_n_undo (history), ==, 1);

  /* A cleared history keeps it modified (a restored copy). */
  annota_document_mark_modified (f->doc);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "modified");
  annota_history_clear (history);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->doc, "can-undo");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_true (annota_document_get_modified (f->doc));
  assert_spans (f, "4-14:PER:accepted");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/annota/document/add-undo-redo", test_add_undo_redo);
  ADD ("/annota/document/add-checks", test_add_checks);
  ADD ("/annota/document/relabel-move", test_relabel_move);
  ADD ("/annota/document/remove-and-steps", test_remove_and_steps);
  ADD ("/annota/document/labels", test_labels);
  ADD ("/annota/document/state-and-extra", test_state_and_extra);
  ADD ("/annota/document/load-spans", test_load_spans);
  ADD ("/annota/document/mark-modified", test_mark_modified);
#undef ADD

  return g_test_run ();
}
