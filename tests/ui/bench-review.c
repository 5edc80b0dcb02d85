/* bench-review.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Review decisions to the next painted frame: on the sample with the test
 * predictions, and on 5 MB of text with 200,000 spans of which 20,000 are
 * open suggestions. Each decision is one key through the window's key
 * handling (A, X, a digit, J), timed from the key to the frame clock's next
 * "after-paint"; also the import of 10,000 suggestions into the large
 * document, and the first step in least-confident order (which sorts).
 * Run with `meson test --benchmark --suite ui` under xvfb-run.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "annota-window-private.h"
#include "ui-test-util.h"

#define TEXT_BYTES   (5 * 1024 * 1024)
#define N_SPANS      200000
#define N_IMPORT     10000
#define N_ROUNDS     40

static AnnotaApplication *app;
static gboolean painted;

/* The sample's text repeated to 5 MB with spans spread over it; every tenth
 * suggested, with a score. With predictions, the document gets none of its
 * own and a native file of N_IMPORT suggestions is written next to it. */
static char *
write_document (const char *dir,
                const char *name,
                guint       n_spans,
                gboolean    predictions)
{
  g_autoptr(AnnotaDocument) doc = ui_test_repeated_sample (TEXT_BYTES);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  char *path = g_build_filename (dir, name, NULL);
  const char *labels[] = { "PER", "LOC", "ORG", "MISC" };
  AnnotaText *doc_text;
  guint length, step;

  doc_text = annota_document_get_text (doc);
  length = annota_document_get_length (doc);
  step = n_spans ? length / n_spans : 1;
  for (guint i = 0; i < n_spans; i++)
    {
      guint start = i * step;
      guint end = MIN (start + 1 + (i % 7) * 3, length);
      gboolean suggested = predictions || i % 10 == 0;

      annota_text_snap_graphemes (doc_text, &start, &end);
      g_ptr_array_add (spans, annota_span_new (start, end, labels[i % 4],
                                               suggested ? ANNOTA_SPAN_STATUS_SUGGESTED : ANNOTA_SPAN_STATUS_ACCEPTED,
                                               suggested ? "bench-model" : "manual",
                                               suggested ? (i * 7919 % 1000) / 1000.0 : -1.0));
    }
  annota_span_store_splice_all (annota_document_get_spans (doc), (AnnotaSpan **) spans->pdata, spans->len);

  g_assert_true (annota_document_save_file (doc, path, &error));
  g_assert_no_error (error);
  return path;
}

static GArray *call_times;

/* From the key to the next painted frame; the time the key's handling
 * itself took goes to call_times. */
static double
key_to_frame (AnnotaWindow *window,
              guint         keyval)
{
  gint64 start;
  double ms;

  ui_test_iterate_pending ();
  painted = FALSE;
  start = g_get_monotonic_time ();
  if (!_annota_window_handle_key (window, keyval, 0))
    g_error ("the window did not take %s", gdk_keyval_name (keyval));
  ms = (g_get_monotonic_time () - start) / 1000.0;
  if (call_times != NULL)
    g_array_append_val (call_times, ms);
  ms = ui_test_wait_for_paint (&painted, start);
  return ms;
}

static void
bench_decisions (const char *title,
                 const char *path,
                 const char *predictions)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) accept = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reject = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) relabel = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undo = g_array_new (FALSE, FALSE, sizeof (double));
  AnnotaWindow *window = annota_window_new (app);
  GdkFrameClock *clock;
  guint rounds;

  gtk_window_present (GTK_WINDOW (window));
  if (!annota_window_load_file (window, file, &error))
    g_error ("%s", error->message);
  ui_test_iterate_pending ();
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (ui_test_after_paint_cb), &painted);

  if (predictions != NULL)
    {
      g_autoptr(GFile) pred = g_file_new_for_path (predictions);
      gint64 start;

      ui_test_iterate_pending ();
      painted = FALSE;
      start = g_get_monotonic_time ();
      if (!annota_window_import_suggestions (window, pred, &error))
        g_error ("%s", error->message);
      g_print ("%s\n  %-34s %7.1f ms   (%u spans after)\n", title, "import suggestions to next frame",
               ui_test_wait_for_paint (&painted, start),
               annota_span_store_get_n_spans (annota_document_get_spans (annota_window_get_document (window))));
    }
  else
    {
      g_print ("%s\n", title);
      g_object_set (window, "review-mode", TRUE, NULL);
    }
  ui_test_iterate_pending ();

  /* The sample has 11 open suggestions: fewer rounds there. */
  rounds = MIN (N_ROUNDS, annota_document_count_spans (annota_window_get_document (window), NULL,
                                                       ANNOTA_SPAN_STATUS_SUGGESTED) / 4);
  call_times = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < rounds; i++)
    {
      double ms;

      ms = key_to_frame (window, GDK_KEY_a);
      g_array_append_val (accept, ms);
      ms = key_to_frame (window, GDK_KEY_x);
      g_array_append_val (reject, ms);
      ms = key_to_frame (window, GDK_KEY_2);
      g_array_append_val (relabel, ms);
      ms = key_to_frame (window, GDK_KEY_j);
      g_array_append_val (next, ms);
      ui_test_iterate_pending ();
      painted = FALSE;
      {
        gint64 start = g_get_monotonic_time ();

        gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
        ms = ui_test_wait_for_paint (&painted, start);
      }
      g_array_append_val (undo, ms);
    }
  ui_test_report_times ("  ", 34, "A (accept) to next frame", accept);
  ui_test_report_times ("  ", 34, "X (reject) to next frame", reject);
  ui_test_report_times ("  ", 34, "2 (relabel, accept) to next frame", relabel);
  ui_test_report_times ("  ", 34, "J (next open) to next frame", next);
  ui_test_report_times ("  ", 34, "Ctrl+Z (undo a decision)", undo);
  ui_test_report_times ("  ", 34, "A, X, 2, J: the key's handling only", call_times);
  g_clear_pointer (&call_times, g_array_unref);

  /* Least confident first sorts the open suggestions on its first step. */
  {
    g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
    double ms;

    g_object_set (window, "review-order", "confidence", NULL);
    ms = key_to_frame (window, GDK_KEY_j);
    g_array_append_val (first, ms);
    ui_test_report_times ("  ", 34, "J, least confident, first (sorts)", first);
  }

  g_signal_handlers_disconnect_by_func (clock, ui_test_after_paint_cb, &painted);
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_pending ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *large = NULL;
  g_autofree char *large_plain = NULL;
  g_autofree char *predictions = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *sample_predictions = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sample_source = g_build_filename (g_getenv ("ANNOTA_SOURCE_ROOT"), "data", "samples",
                                                     "kerry-lavrov-moscow.vi.json", NULL);
  gsize len;

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display: run under xvfb-run\n");
      return 0;
    }

  dir = g_dir_make_tmp ("annota-bench-review-XXXXXX", &error);
  g_assert_no_error (error);
  large = write_document (dir, "large.json", N_SPANS, FALSE);
  large_plain = write_document (dir, "large-plain.json", N_SPANS - N_IMPORT, FALSE);
  predictions = write_document (dir, "large-predictions.json", N_IMPORT, TRUE);

  /* A copy of the sample, and the test predictions for it. */
  g_file_get_contents (sample_source, &contents, &len, &error);
  g_assert_no_error (error);
  sample = g_build_filename (dir, "sample.json", NULL);
  g_file_set_contents (sample, contents, len, &error);
  g_assert_no_error (error);
  sample_predictions = g_build_filename (g_getenv ("ANNOTA_SOURCE_ROOT"), "tests", "data", "ui",
                                         "predictions.json", NULL);

  app = ui_test_application_new (G_APPLICATION_NON_UNIQUE);

  bench_decisions ("sample (2,174 characters, 14 spans) with 8 imported suggestions", sample, sample_predictions);
  bench_decisions ("5 MB, 200,000 spans, 20,000 of them open suggestions", large, NULL);
  bench_decisions ("5 MB, 190,000 spans, then 10,000 suggestions imported", large_plain, predictions);

  ui_test_application_free (app);
  g_remove (large);
  g_remove (large_plain);
  g_remove (predictions);
  g_remove (sample);
  g_rmdir (dir);
  return 0;
}
