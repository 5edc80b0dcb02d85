/* test-review.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review workflow on a copy of the Vietnamese sample: suggestions
 * imported from tests/data/ui (merged when equal, marked when they
 * conflict, refused when the text differs), reviewed with the window's key
 * handling only (accept, reject, relabel with a digit, next and previous,
 * boundary keys, accept by score), each decision undone, the file saved and
 * read back; least-confident order; the comparison with a second
 * annotator's file against annota-cli agree; the statistics page.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "annota-suggestions.h"
#include "annota-window-private.h"
#include "ui-test-util.h"

static AnnotaApplication *app;

typedef struct {
  char         *tmpdir;
  char         *path;
  AnnotaWindow *window;
} Fixture;

/* The sample's own open suggestions and those the fixture adds, in the
 * order of the text. */
#define N_SAMPLE_SPANS   14
#define N_IMPORTED        8
#define N_OPEN           11

static char *
data_path (const char *name)
{
  return ui_test_source_path ("tests", "data", "ui", name, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ui_test_keep_recent_dir ();
  f->path = ui_test_copy_sample ("annota-test-review-XXXXXX", &f->tmpdir, NULL, NULL);

  ui_test_window_new (app, &f->window);

  if (data != NULL)
    g_object_set (f->window, "review-order", data, NULL);

  ui_test_load_path (f->window, f->path);
  ui_test_flush_events ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Whatever the test left is discarded, without a dialog. */
  ui_test_window_discard (&f->window);

  ui_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->path);
}

static AnnotaDocument *
document (Fixture *f)
{
  return ui_test_window_document (f->window);
}

static AnnotaSpan *
selected (Fixture *f)
{
  return annota_text_view_get_selected_span (annota_window_get_text_view (f->window));
}

static AnnotaSpan *
find_span (AnnotaDocument *doc,
           guint           start,
           guint           end,
           const char     *label)
{
  AnnotaSpanStore *store = annota_document_get_spans (doc);

  for (guint i = 0; i < annota_span_store_get_n_spans (store); i++)
    {
      AnnotaSpan *span = annota_span_store_peek (store, i);

      if (annota_span_get_start (span) == start && annota_span_get_end (span) == end &&
          g_strcmp0 (annota_span_get_label (span), label) == 0)
        return span;
    }
  return NULL;
}

/* Asserts that the selected span, the one under review, is [start, end)
 * with label, and that the span panel and the review bar show it too. */
static void
assert_under_review (Fixture    *f,
                     guint       start,
                     guint       end,
                     const char *label)
{
  AnnotaSpan *span = selected (f);

  if (span == NULL)
    g_error ("no span under review, expected %u-%u %s", start, end, label);
  if (annota_span_get_start (span) != start || annota_span_get_end (span) != end ||
      g_strcmp0 (annota_span_get_label (span), label) != 0)
    g_error ("under review: %u-%u %s, expected %u-%u %s", annota_span_get_start (span),
             annota_span_get_end (span), annota_span_get_label (span), start, end, label);
  g_assert_true (annota_span_panel_get_selected_span (annota_window_get_span_panel (f->window)) == span);
  g_assert_true (annota_review_bar_get_span (_annota_window_review_get_bar (f->window)) == span);
}

static void
assert_decided (AnnotaDocument   *doc,
                guint             start,
                guint             end,
                const char       *label,
                AnnotaSpanStatus  status)
{
  AnnotaSpan *span = find_span (doc, start, end, label);

  if (span == NULL)
    g_error ("no span %u-%u %s", start, end, label);
  g_assert_cmpint (annota_span_get_status (span), ==, status);
  g_assert_true (annota_span_get_reviewed (span));
}

static void
assert_open (AnnotaDocument *doc,
             guint           start,
             guint           end,
             const char     *label)
{
  AnnotaSpan *span = find_span (doc, start, end, label);

  if (span == NULL)
    g_error ("no span %u-%u %s", start, end, label);
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_SUGGESTED);
  g_assert_false (annota_span_get_reviewed (span));
}

/* A key as the window's key controller gets it. */
static void
press (Fixture         *f,
       guint            keyval,
       GdkModifierType  state)
{
  if (!_annota_window_handle_key (f->window, keyval, state))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

      g_error ("the window did not take the key %s (focus on a %s)", gdk_keyval_name (keyval),
               focus ? G_OBJECT_TYPE_NAME (focus) : "nothing");
    }
  ui_test_flush_events ();
}

static void
activate (Fixture    *f,
          const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), action, parameter));
  ui_test_flush_events ();
}

static void
import (Fixture    *f,
        const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (annota_window_import_suggestions (f->window, file, &error));
  g_assert_no_error (error);
  ui_test_flush_events ();
}

/* Every span with its review state, in store order. */
static char *
describe (AnnotaDocument *doc)
{
  AnnotaSpanStore *store = annota_document_get_spans (doc);
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < annota_span_store_get_n_spans (store); i++)
    {
      AnnotaSpan *span = annota_span_store_peek (store, i);

      g_string_append_printf (str, "%u-%u %s %s%s\n", annota_span_get_start (span), annota_span_get_end (span),
                              annota_span_get_label (span),
                              annota_span_status_to_string (annota_span_get_status (span)),
                              annota_span_get_reviewed (span) ? " reviewed" : "");
    }
  g_string_append_printf (str, "state %s\n", annota_document_state_to_string (annota_document_get_state (doc)));
  return g_string_free (str, FALSE);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  AnnotaDocument *doc = document (f);
  AnnotaSpanStore *store = annota_document_get_spans (doc);
  AnnotaHistory *history = annota_document_get_history (doc);
  g_autofree char *before = describe (doc);
  g_autofree char *after = NULL;
  g_autofree char *path = data_path ("predictions.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AnnotaSpan *span;

  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, N_SAMPLE_SPANS);
  g_assert_false (f->window->review_mode);

  import (f, "predictions.json");

  /* Nine predictions: one equal to the sample's "Nga" is merged. */
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, N_SAMPLE_SPANS + N_IMPORTED);
  g_assert_cmpuint (ui_test_count_spans_at (doc, 88, 91, NULL), ==, 1);
  g_assert_cmpstr (annota_span_get_origin (find_span (doc, 88, 91, "LOC")), ==, "manual");
  g_assert_cmpuint (annota_document_count_spans (doc, NULL, ANNOTA_SPAN_STATUS_SUGGESTED), ==, N_OPEN);
  g_assert_cmpuint (annota_label_set_get_n_labels (annota_document_get_labels (doc)), ==, 4);
  /* One undoable step. */
  g_assert_cmpuint (annota_history_get_n_undo (history), ==, 1);

  /* ORG over the sample's PER "Kerry": kept, marked as a conflict. */
  span = find_span (doc, 205, 210, "ORG");
  g_assert_nonnull (span);
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_SUGGESTED);
  g_assert_cmpstr (annota_span_get_origin (span), ==, "vi-ner-v2");
  g_assert_cmpfloat (annota_span_get_score (span), ==, 0.41);
  g_assert_true (annota_suggestions_is_conflict (span));
  g_assert_nonnull (find_span (doc, 205, 210, "PER"));
  span = find_span (doc, 458, 464, "PER");
  g_assert_nonnull (span);
  g_assert_false (annota_suggestions_is_conflict (span));
  g_assert_cmpfloat (annota_span_get_score (span), ==, 0.95);

  /* Review mode is on, at the first suggestion of the text. */
  g_assert_true (f->window->review_mode);
  g_assert_true (gtk_revealer_get_reveal_child (f->window->review_revealer));
  assert_under_review (f, 205, 210, "ORG");
  g_assert_cmpstr (annota_review_bar_get_page (_annota_window_review_get_bar (f->window)), ==, "span");
  g_assert_cmpstr (annota_review_bar_get_progress_text (_annota_window_review_get_bar (f->window)), ==, "0 of 11 reviewed");
  g_assert_nonnull (strstr (annota_review_bar_get_context_text (_annota_window_review_get_bar (f->window)),
                            "ngoại trưởng [Kerry] và Sergei Lavrov"));

  /* One undo takes all of them back, one redo brings them again. */
  activate (f, "win.undo", NULL);
  after = describe (doc);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (annota_document_get_modified (doc));
  activate (f, "win.redo", NULL);
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, N_SAMPLE_SPANS + N_IMPORTED);
  g_assert_true (annota_suggestions_is_conflict (find_span (doc, 205, 210, "ORG")));

  /* The same file again: everything is there already, nothing is recorded. */
  g_assert_true (annota_window_import_suggestions (f->window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, N_SAMPLE_SPANS + N_IMPORTED);
  g_assert_cmpuint (annota_history_get_n_undo (history), ==, 1);
}

static void
test_import_refused (Fixture       *f,
                     gconstpointer  data)
{
  AnnotaDocument *doc = document (f);
  g_autofree char *before = describe (doc);
  g_autofree char *after = NULL;
  g_autofree char *path = data_path ("predictions-other-text.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkTextIter from, to;

  g_assert_false (annota_window_import_suggestions (f->window, file, &error));
  g_assert_error (error, ANNOTA_AGREEMENT_ERROR, ANNOTA_AGREEMENT_ERROR_TEXT);
  /* It says where: the fixture has an "X" at code point 100. */
  g_assert_nonnull (strstr (error->message, "The texts differ at code point 100"));
  g_assert_nonnull (strstr (error->message, "this document has “…o dài"));
  g_assert_nonnull (strstr (error->message, "; predictions-other-text.json has “…X dài"));
  /* The text view shows where: the character at 100 is selected. */
  gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (annota_window_get_text_view (f->window))),
                                        &from, &to);
  g_assert_cmpint (gtk_text_iter_get_offset (&from), ==, 100);
  g_assert_cmpint (gtk_text_iter_get_offset (&to), ==, 101);

  after = describe (doc);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (annota_document_get_can_undo (doc));
  g_assert_false (annota_document_get_modified (doc));
  g_assert_false (f->window->review_mode);
}

static void
test_import_spacy (Fixture       *f,
                   gconstpointer  data)
{
  AnnotaDocument *doc = document (f);
  AnnotaLabel *gpe;
  AnnotaSpan *span;

  /* The first line is another text; the second is the sample's. */
  import (f, "predictions.spacy.jsonl");
  g_assert_cmpuint (annota_span_store_get_n_spans (annota_document_get_spans (doc)), ==, N_SAMPLE_SPANS + 2);
  span = find_span (doc, 1455, 1462, "LOC");
  g_assert_nonnull (span);
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_SUGGESTED);
  g_assert_false (annota_span_has_score (span));
  /* spaCy names no model: the file does. */
  g_assert_cmpstr (annota_span_get_origin (span), ==, "predictions.spacy");

  /* A label the document lacked comes with it, in the same step. */
  gpe = annota_label_set_lookup (annota_document_get_labels (doc), "GPE");
  g_assert_nonnull (gpe);
  g_assert_true (annota_label_color_is_valid (annota_label_get_color (gpe)));
  g_assert_nonnull (find_span (doc, 1534, 1541, "GPE"));
  activate (f, "win.undo", NULL);
  g_assert_null (annota_label_set_lookup (annota_document_get_labels (doc), "GPE"));
  g_assert_cmpuint (annota_span_store_get_n_spans (annota_document_get_spans (doc)), ==, N_SAMPLE_SPANS);
}

static void
test_review_keys (Fixture       *f,
                  gconstpointer  data)
{
  AnnotaDocument *doc = document (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) saved = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->path);
  g_autofree char *json = NULL;
  AnnotaSpanStore *store;
  GtkWidget *scale;
  guint n_rejected = 0;

  import (f, "predictions.json");
  assert_under_review (f, 205, 210, "ORG");

  /* X rejects, and the next one comes under review. */
  press (f, GDK_KEY_x, 0);
  assert_decided (doc, 205, 210, "ORG", ANNOTA_SPAN_STATUS_REJECTED);
  assert_under_review (f, 458, 464, "PER");
  g_assert_cmpstr (annota_review_bar_get_progress_text (_annota_window_review_get_bar (f->window)), ==, "1 of 11 reviewed");

  /* Enter and A accept. */
  press (f, GDK_KEY_Return, 0);
  assert_decided (doc, 458, 464, "PER", ANNOTA_SPAN_STATUS_ACCEPTED);
  assert_under_review (f, 480, 485, "PER");
  press (f, GDK_KEY_a, 0);
  assert_decided (doc, 480, 485, "PER", ANNOTA_SPAN_STATUS_ACCEPTED);
  assert_under_review (f, 876, 893, "ORG");

  /* J and K, Tab and Shift+Tab walk the open suggestions only. */
  press (f, GDK_KEY_j, 0);
  assert_under_review (f, 958, 963, "LOC");
  press (f, GDK_KEY_k, 0);
  assert_under_review (f, 876, 893, "ORG");
  press (f, GDK_KEY_k, 0);
  /* Before the first open one, round to the last. */
  assert_under_review (f, 1641, 1653, "PER");
  press (f, GDK_KEY_Tab, 0);
  assert_under_review (f, 876, 893, "ORG");
  press (f, GDK_KEY_Tab, 0);
  assert_under_review (f, 958, 963, "LOC");
  press (f, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK);
  assert_under_review (f, 876, 893, "ORG");
  assert_open (doc, 876, 893, "ORG");

  /* A label's key accepts with that label: the same one here. */
  press (f, GDK_KEY_3, 0);
  assert_decided (doc, 876, 893, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED);
  assert_under_review (f, 958, 963, "LOC");

  /* Delete rejects in review. */
  press (f, GDK_KEY_Delete, 0);
  assert_decided (doc, 958, 963, "LOC", ANNOTA_SPAN_STATUS_REJECTED);
  assert_under_review (f, 965, 973, "LOC");

  /* 1 relabels LOC to PER and accepts. */
  press (f, GDK_KEY_1, 0);
  g_assert_null (find_span (doc, 965, 973, "LOC"));
  assert_decided (doc, 965, 973, "PER", ANNOTA_SPAN_STATUS_ACCEPTED);
  assert_under_review (f, 977, 987, "LOC");

  /* The boundary keys (Alt+Right) first: "Washington" becomes "Washington
   * đã", still open; then Enter accepts it so. */
  activate (f, "win.move-span", g_variant_new_string ("end-forward-word"));
  assert_under_review (f, 977, 990, "LOC");
  assert_open (doc, 977, 990, "LOC");
  press (f, GDK_KEY_KP_Enter, 0);
  assert_decided (doc, 977, 990, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED);
  assert_under_review (f, 1374, 1376, "ORG");

  /* Accept by score: the popover opens with the slider focused, counts as
   * the slider's keys move it (Page Down, Left, Page Up), and Enter
   * accepts those at or above it in one step. */
  activate (f, "win.accept-above-dialog", NULL);
  scale = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (GTK_IS_SCALE (scale));
  g_assert_cmpfloat (annota_review_bar_get_threshold (_annota_window_review_get_bar (f->window)), ==, 0.9);
  g_assert_cmpuint (annota_review_bar_get_n_above (_annota_window_review_get_bar (f->window)), ==, 1);
  g_signal_emit_by_name (scale, "move-slider", GTK_SCROLL_PAGE_DOWN);
  g_assert_cmpfloat (annota_review_bar_get_threshold (_annota_window_review_get_bar (f->window)), ==, 0.8);
  g_assert_cmpuint (annota_review_bar_get_n_above (_annota_window_review_get_bar (f->window)), ==, 2);
  for (guint i = 0; i < 30; i++)
    g_signal_emit_by_name (scale, "move-slider", GTK_SCROLL_STEP_LEFT);
  g_assert_cmpfloat (annota_review_bar_get_threshold (_annota_window_review_get_bar (f->window)), ==, 0.5);
  g_assert_cmpuint (annota_review_bar_get_n_above (_annota_window_review_get_bar (f->window)), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_signal_emit_by_name (scale, "move-slider", GTK_SCROLL_PAGE_UP);
  g_assert_cmpuint (annota_review_bar_get_n_above (_annota_window_review_get_bar (f->window)), ==, 2);
  /* While the popover is open, review keys are not taken; Enter accepts. */
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_x, 0));
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_j, 0));
  press (f, GDK_KEY_Return, 0);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (annota_window_get_text_view (f->window)));
  assert_decided (doc, 1455, 1462, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED);
  assert_decided (doc, 1641, 1653, "PER", ANNOTA_SPAN_STATUS_ACCEPTED);
  assert_open (doc, 1374, 1376, "ORG");
  assert_open (doc, 1534, 1541, "MISC");
  assert_under_review (f, 1374, 1376, "ORG");
  g_assert_cmpstr (annota_review_bar_get_progress_text (_annota_window_review_get_bar (f->window)), ==, "9 of 11 reviewed");

  /* 2 relabels ORG to LOC; X rejects the last one. */
  press (f, GDK_KEY_2, 0);
  assert_decided (doc, 1374, 1376, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED);
  assert_under_review (f, 1534, 1541, "MISC");
  press (f, GDK_KEY_X, GDK_SHIFT_MASK);
  assert_decided (doc, 1534, 1541, "MISC", ANNOTA_SPAN_STATUS_REJECTED);

  /* All reviewed: the bar offers to mark the document done. */
  g_assert_cmpuint (annota_document_count_spans (doc, NULL, ANNOTA_SPAN_STATUS_SUGGESTED), ==, 0);
  g_assert_cmpstr (annota_review_bar_get_page (_annota_window_review_get_bar (f->window)), ==, "done");
  g_assert_cmpstr (annota_review_bar_get_progress_text (_annota_window_review_get_bar (f->window)), ==, "11 of 11 reviewed");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_annota_window_review_get_bar (f->window))));
  /* X has nothing left to decide; Enter marks the document done. */
  press (f, GDK_KEY_x, 0);
  assert_decided (doc, 1534, 1541, "MISC", ANNOTA_SPAN_STATUS_REJECTED);
  g_assert_cmpint (annota_document_get_state (doc), ==, ANNOTA_DOCUMENT_STATE_IN_PROGRESS);
  press (f, GDK_KEY_Return, 0);
  g_assert_cmpint (annota_document_get_state (doc), ==, ANNOTA_DOCUMENT_STATE_DONE);
  assert_decided (doc, 1534, 1541, "MISC", ANNOTA_SPAN_STATUS_REJECTED);
  g_assert_cmpstr (annota_review_bar_get_page (_annota_window_review_get_bar (f->window)), ==, "done");

  /* Saved and read back: every suggestion accepted or rejected, with the
   * reviewed mark; the conflict mark and the origins kept. */
  g_assert_true (annota_window_save_to_file (f->window, file, &error));
  g_assert_no_error (error);
  saved = annota_document_load_file (f->path, NULL, NULL, &error);
  g_assert_no_error (error);
  store = annota_document_get_spans (saved);
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, N_SAMPLE_SPANS + N_IMPORTED);
  g_assert_cmpint (annota_document_get_state (saved), ==, ANNOTA_DOCUMENT_STATE_DONE);
  for (guint i = 0; i < annota_span_store_get_n_spans (store); i++)
    {
      AnnotaSpan *span = annota_span_store_peek (store, i);

      g_assert_cmpint (annota_span_get_status (span), !=, ANNOTA_SPAN_STATUS_SUGGESTED);
      if (g_strcmp0 (annota_span_get_origin (span), "manual") != 0)
        g_assert_true (annota_span_get_reviewed (span));
      else
        g_assert_false (annota_span_get_reviewed (span));
      if (annota_span_get_status (span) == ANNOTA_SPAN_STATUS_REJECTED)
        n_rejected++;
    }
  g_assert_cmpuint (n_rejected, ==, 3);
  g_assert_true (annota_suggestions_is_conflict (find_span (saved, 205, 210, "ORG")));
  g_assert_cmpstr (annota_span_get_origin (find_span (saved, 965, 973, "PER")), ==, "vi-ner-v2");
  g_assert_cmpstr (annota_span_get_origin (find_span (saved, 876, 893, "ORG")), ==, "vi-ner-demo");
  g_file_get_contents (f->path, &json, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"reviewed\": true"));
  g_assert_nonnull (strstr (json, "\"conflict\": true"));
  g_assert_nonnull (strstr (json, "\"state\": \"done\""));
}

static void
test_undo_decisions (Fixture       *f,
                     gconstpointer  data)
{
  AnnotaDocument *doc = document (f);
  char *states[6];
  g_autofree char *now = NULL;

  import (f, "predictions.json");
  states[0] = describe (doc);
  press (f, GDK_KEY_x, 0);                 /* rejects 205 ORG */
  states[1] = describe (doc);
  press (f, GDK_KEY_Return, 0);            /* accepts 458 PER */
  states[2] = describe (doc);
  press (f, GDK_KEY_2, 0);                 /* 480 PER as LOC */
  states[3] = describe (doc);
  activate (f, "win.accept-above", g_variant_new_double (0.9));
  states[4] = describe (doc);
  activate (f, "win.mark-done", NULL);
  states[5] = describe (doc);
  for (guint i = 1; i < 6; i++)
    g_assert_cmpstr (states[i], !=, states[i - 1]);

  /* Each undo takes back one decision, and puts its span under review
   * again. */
  activate (f, "win.undo", NULL);
  now = describe (doc);
  g_assert_cmpstr (now, ==, states[4]);
  g_clear_pointer (&now, g_free);
  activate (f, "win.undo", NULL);
  now = describe (doc);
  g_assert_cmpstr (now, ==, states[3]);
  g_clear_pointer (&now, g_free);
  activate (f, "win.undo", NULL);
  now = describe (doc);
  g_assert_cmpstr (now, ==, states[2]);
  g_clear_pointer (&now, g_free);
  assert_under_review (f, 480, 485, "PER");
  assert_open (doc, 480, 485, "PER");
  activate (f, "win.undo", NULL);
  now = describe (doc);
  g_assert_cmpstr (now, ==, states[1]);
  g_clear_pointer (&now, g_free);
  assert_under_review (f, 458, 464, "PER");
  activate (f, "win.undo", NULL);
  now = describe (doc);
  g_assert_cmpstr (now, ==, states[0]);
  g_clear_pointer (&now, g_free);
  assert_under_review (f, 205, 210, "ORG");
  g_assert_cmpstr (annota_review_bar_get_progress_text (_annota_window_review_get_bar (f->window)), ==, "0 of 11 reviewed");

  /* And redo brings them all back. */
  for (guint i = 0; i < 5; i++)
    activate (f, "win.redo", NULL);
  now = describe (doc);
  g_assert_cmpstr (now, ==, states[5]);

  for (guint i = 0; i < 6; i++)
    g_free (states[i]);
}

static void
test_least_confident (Fixture       *f,
                      gconstpointer  data)
{
  AnnotaDocument *doc = document (f);

  g_assert_cmpint (annota_review_bar_get_order (_annota_window_review_get_bar (f->window)), ==, ANNOTA_REVIEW_ORDER_LEAST_CONFIDENT);
  import (f, "predictions.json");

  /* Scores 0.35, 0.41, 0.55, 0.62, … */
  assert_under_review (f, 1534, 1541, "MISC");
  press (f, GDK_KEY_j, 0);
  assert_under_review (f, 205, 210, "ORG");
  press (f, GDK_KEY_j, 0);
  assert_under_review (f, 965, 973, "LOC");
  press (f, GDK_KEY_K, GDK_SHIFT_MASK);
  assert_under_review (f, 205, 210, "ORG");
  press (f, GDK_KEY_a, 0);
  assert_decided (doc, 205, 210, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED);
  assert_under_review (f, 965, 973, "LOC");
  press (f, GDK_KEY_a, 0);
  assert_under_review (f, 480, 485, "PER");
  /* Back past the decided ones to the skipped least confident one, and
   * round to the most confident. */
  press (f, GDK_KEY_k, 0);
  assert_under_review (f, 1534, 1541, "MISC");
  press (f, GDK_KEY_k, 0);
  assert_under_review (f, 458, 464, "PER");
  press (f, GDK_KEY_j, 0);
  assert_under_review (f, 1534, 1541, "MISC");

  /* The bar's order is the window's setting. */
  annota_review_bar_set_order (_annota_window_review_get_bar (f->window), ANNOTA_REVIEW_ORDER_POSITION);
  g_assert_cmpstr (f->window->review_order, ==, "position");
  press (f, GDK_KEY_j, 0);
  assert_under_review (f, 1641, 1653, "PER");
}

static void
test_keys_not_taken (Fixture       *f,
                     gconstpointer  data)
{
  AnnotaDocument *doc = document (f);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import (f, "predictions.json");
  before = describe (doc);

  /* Typing in the search entry is typing. */
  activate (f, "win.find", NULL);
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_x, 0));
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_a, 0));
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_Return, 0));
  gtk_widget_grab_focus (GTK_WIDGET (annota_window_get_text_view (f->window)));

  /* Out of review mode, A, X, J and Enter are nothing. */
  g_object_set (f->window, "review-mode", FALSE, NULL);
  ui_test_flush_events ();
  g_assert_false (gtk_revealer_get_reveal_child (f->window->review_revealer));
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_x, 0));
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_a, 0));
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_j, 0));
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_Return, 0));
  after = describe (doc);
  g_assert_cmpstr (after, ==, before);

  /* The action (the header bar's toggle) turns it on again. */
  activate (f, "win.review-mode", NULL);
  g_assert_true (f->window->review_mode);
  press (f, GDK_KEY_x, 0);
  g_assert_cmpuint (annota_document_count_spans (doc, NULL, ANNOTA_SPAN_STATUS_REJECTED), ==, 1);

  /* A span that is no suggestion, selected by hand, keeps its keys: A and
   * X are nothing, Delete removes it; then J goes back to the suggestions. */
  annota_text_view_set_selected_span (annota_window_get_text_view (f->window), find_span (doc, 88, 91, "LOC"));
  ui_test_flush_events ();
  g_assert_true (annota_review_bar_get_span (_annota_window_review_get_bar (f->window)) == NULL);
  g_assert_cmpstr (annota_review_bar_get_page (_annota_window_review_get_bar (f->window)), ==, "none");
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_a, 0));
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_x, 0));
  press (f, GDK_KEY_Delete, 0);
  g_assert_null (find_span (doc, 88, 91, "LOC"));
  g_assert_cmpuint (annota_document_count_spans (doc, NULL, ANNOTA_SPAN_STATUS_REJECTED), ==, 1);
  press (f, GDK_KEY_j, 0);
  assert_under_review (f, 458, 464, "PER");
}

/* annota-cli agree's table, as "ROW P R F1 TP FP FN" lines and the kappa. */
static char *
cli_agree (const char *reference,
           const char *other)
{
  g_autofree char *cli = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "..", "src", "cli", "annota-cli", NULL);
  const char *argv[] = { cli, "agree", reference, other, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GString *rows = g_string_new (NULL);
  gboolean in_table = FALSE;
  int status;

  g_assert_true (g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (lines[i], " ", -1);
      gboolean first = TRUE;

      if (g_str_has_prefix (lines[i], "Label "))
        {
          in_table = TRUE;
          continue;
        }
      if (g_str_has_prefix (lines[i], "Cohen"))
        {
          /* "Cohen’s kappa over 499 tokens: 0.7494 (observed …)" */
          const char *colon = strchr (lines[i], ':');
          g_auto(GStrv) parts = g_strsplit (lines[i], " ", -1);

          g_assert_nonnull (colon);
          g_string_append_printf (rows, "kappa %.*s tokens %s", (int) strcspn (colon + 2, " "), colon + 2, parts[3]);
          break;
        }
      if (!in_table || lines[i][0] == '\0')
        continue;
      for (guint j = 0; words[j] != NULL; j++)
        {
          if (words[j][0] == '\0')
            continue;
          if (!first)
            g_string_append_c (rows, ' ');
          g_string_append (rows, words[j]);
          first = FALSE;
        }
      g_string_append_c (rows, '\n');
    }
  return g_string_free (rows, FALSE);
}

/* The stats page's table in the same shape. */
static char *
stats_agree (Fixture *f)
{
  g_autofree char *text = annota_stats_view_dup_agreement_text (f->window->stats_view);
  g_auto(GStrv) lines = NULL;
  GString *rows = g_string_new (NULL);

  g_assert_nonnull (text);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Token kappa "))
        {
          /* "Token kappa 0.7494 over 499 tokens (exact match)" */
          g_auto(GStrv) parts = g_strsplit (lines[i], " ", -1);

          g_string_append_printf (rows, "kappa %s tokens %s", parts[2], parts[4]);
        }
      else
        g_string_append_printf (rows, "%s\n", lines[i]);
    }
  return g_string_free (rows, FALSE);
}

static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  AnnotaDocument *doc = document (f);
  AnnotaCompareView *compare = f->window->compare_view;
  g_autofree char *other_path = data_path ("second-annotator.json");
  g_autofree char *wrong_path = data_path ("predictions-other-text.json");
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(GFile) wrong = g_file_new_for_path (wrong_path);
  g_autoptr(GFile) file = g_file_new_for_path (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *cli = NULL;
  g_autofree char *shown = NULL;
  GListModel *here, *there, *labels;
  AnnotaSpan *span;

  /* Another text is refused. */
  g_assert_false (annota_window_compare_with (f->window, wrong, &error));
  g_assert_error (error, ANNOTA_AGREEMENT_ERROR, ANNOTA_AGREEMENT_ERROR_TEXT);
  g_clear_error (&error);
  g_assert_null (annota_compare_view_get_agreement (compare));

  g_assert_true (annota_window_compare_with (f->window, other, &error));
  g_assert_no_error (error);
  ui_test_flush_events ();
  g_assert_true (gtk_stack_get_visible_child (f->window->side_stack) == GTK_WIDGET (compare));

  here = annota_compare_view_get_diffs (compare, ANNOTA_DIFF_ONLY_HERE);
  there = annota_compare_view_get_diffs (compare, ANNOTA_DIFF_ONLY_THERE);
  labels = annota_compare_view_get_diffs (compare, ANNOTA_DIFF_LABEL);
  /* Mỹ, and the sample's three suggestions, only here; Ukraina and Barack
   * Obama only there; Kremlin LOC here, ORG there. */
  g_assert_cmpuint (g_list_model_get_n_items (here), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (there), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 1);
  span = g_list_model_get_item (labels, 0);
  g_assert_cmpuint (annota_span_get_start (span), ==, 331);
  g_assert_cmpstr (annota_span_get_label (span), ==, "ORG");
  g_assert_true (annota_compare_view_get_mine (compare, span) == find_span (doc, 331, 338, "LOC"));

  /* The statistics page shows annota-cli agree's figures. */
  g_assert_true (annota_window_save_to_file (f->window, file, &error));
  g_assert_no_error (error);
  cli = cli_agree (f->path, other_path);
  shown = stats_agree (f);
  g_assert_cmpstr (shown, ==, cli);
  g_assert_nonnull (strstr (shown, "LOC 0.8000 0.5000 0.6154 4 1 4\n"));
  g_assert_nonnull (strstr (shown, "kappa 0.7494 tokens 499"));

  /* Theirs relabels Kremlin; undo takes it back. */
  g_assert_true (annota_compare_view_take (compare, ANNOTA_DIFF_LABEL, span, TRUE));
  g_object_unref (span);
  ui_test_flush_events ();
  g_assert_nonnull (find_span (doc, 331, 338, "ORG"));
  g_assert_null (find_span (doc, 331, 338, "LOC"));
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 0);
  activate (f, "win.undo", NULL);
  g_assert_nonnull (find_span (doc, 331, 338, "LOC"));
  g_assert_cmpuint (g_list_model_get_n_items (annota_compare_view_get_diffs (compare, ANNOTA_DIFF_LABEL)), ==, 1);

  /* Mine keeps Mỹ and hides it; the document does not change. */
  span = g_list_model_get_item (here, 0);
  g_assert_cmpuint (annota_span_get_start (span), ==, 92);
  g_assert_true (annota_compare_view_take (compare, ANNOTA_DIFF_ONLY_HERE, span, FALSE));
  g_object_unref (span);
  g_assert_cmpuint (g_list_model_get_n_items (annota_compare_view_get_diffs (compare, ANNOTA_DIFF_ONLY_HERE)), ==, 3);
  g_assert_nonnull (find_span (doc, 92, 94, "LOC"));

  /* All theirs at once: one step adds both spans. */
  annota_compare_view_take_all (compare, ANNOTA_DIFF_ONLY_THERE, TRUE);
  ui_test_flush_events ();
  g_assert_nonnull (find_span (doc, 1455, 1462, "LOC"));
  g_assert_nonnull (find_span (doc, 1641, 1653, "PER"));
  g_assert_cmpuint (g_list_model_get_n_items (annota_compare_view_get_diffs (compare, ANNOTA_DIFF_ONLY_THERE)), ==, 0);
  g_clear_pointer (&shown, g_free);
  shown = stats_agree (f);
  g_assert_nonnull (strstr (shown, "PER 1.0000 1.0000 1.0000 5 0 0\n"));
  activate (f, "win.undo", NULL);
  g_assert_null (find_span (doc, 1455, 1462, "LOC"));
  g_assert_null (find_span (doc, 1641, 1653, "PER"));
  activate (f, "win.redo", NULL);

  /* All theirs for the rest only here removes the three suggestions, not
   * the kept Mỹ. */
  annota_compare_view_take_all (compare, ANNOTA_DIFF_ONLY_HERE, TRUE);
  ui_test_flush_events ();
  g_assert_null (find_span (doc, 876, 893, "ORG"));
  g_assert_null (find_span (doc, 958, 963, "LOC"));
  g_assert_null (find_span (doc, 977, 987, "LOC"));
  g_assert_nonnull (find_span (doc, 92, 94, "LOC"));

  /* Closing hides the page and the figures. */
  activate (f, "win.close-comparison", NULL);
  g_assert_null (annota_compare_view_get_agreement (compare));
  g_assert_null (annota_stats_view_dup_agreement_text (f->window->stats_view));
  g_assert_false (gtk_stack_page_get_visible (gtk_stack_get_page (f->window->side_stack, GTK_WIDGET (compare))));
}

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  AnnotaDocument *doc = document (f);
  g_autofree char *progress = NULL;

  activate (f, "win.show-stats", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->side_stack), ==, "stats");
  progress = annota_stats_view_dup_progress_text (f->window->stats_view);
  g_assert_cmpstr (progress, ==, "0 of 3 reviewed, 3 open; Document: in progress");
  g_clear_pointer (&progress, g_free);

  import (f, "predictions.json");
  press (f, GDK_KEY_a, 0);
  press (f, GDK_KEY_x, 0);
  progress = annota_stats_view_dup_progress_text (f->window->stats_view);
  g_assert_cmpstr (progress, ==, "2 of 11 reviewed, 9 open; Document: in progress");
  g_clear_pointer (&progress, g_free);
  activate (f, "win.accept-above", g_variant_new_double (0.0));
  activate (f, "win.mark-done", NULL);
  progress = annota_stats_view_dup_progress_text (f->window->stats_view);
  g_assert_cmpstr (progress, ==, "11 of 11 reviewed, 0 open; Document: done");
  /* 205 by A, 876 and 1374 by score. */
  g_assert_cmpuint (annota_document_count_spans (doc, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED), ==, 3);
  g_assert_cmpuint (annota_document_count_spans (doc, "PER", ANNOTA_SPAN_STATUS_REJECTED), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!ui_test_init (&argc, &argv, "/annota/review/no-display"))
    return g_test_run ();

  app = ui_test_application_new (G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);

#define ADD(path, func, order) \
  g_test_add (path, Fixture, order, fixture_set_up, func, fixture_tear_down)

  ADD ("/annota/review/import", test_import, NULL);
  ADD ("/annota/review/import-refused", test_import_refused, NULL);
  ADD ("/annota/review/import-spacy", test_import_spacy, NULL);
  ADD ("/annota/review/keys", test_review_keys, NULL);
  ADD ("/annota/review/undo-each-decision", test_undo_decisions, NULL);
  ADD ("/annota/review/least-confident", test_least_confident, "confidence");
  ADD ("/annota/review/keys-not-taken", test_keys_not_taken, NULL);
  ADD ("/annota/review/compare", test_compare, NULL);
  ADD ("/annota/review/stats", test_stats, NULL);

  ret = g_test_run ();

  ui_test_application_free (app);
  return ret;
}
