/* bench-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window on a large document: a 5 MB text with 200,000 spans, against
 * the same text with none. Measures the time from asking the window to open
 * the file to its first painted frame, and for one label action and one
 * undo the time to the next painted frame (median and worst of many).
 * Run with `meson test --benchmark --suite ui` under xvfb-run.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "annota-window-private.h"
#include "ui-test-util.h"

#define TEXT_BYTES   (5 * 1024 * 1024)
#define N_SPANS      200000
#define N_ROUNDS     40

static AnnotaApplication *app;
static gboolean painted;

/* Writes a document whose text is the sample's, repeated to 5 MB, with
 * n_spans spans spread over it (some nested), and returns its path. */
static char *
write_document (const char *dir,
                const char *name,
                guint       n_spans)
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

      if (i % 50 == 49)
        end = MIN (start + 3 * step, length);
      annota_text_snap_graphemes (doc_text, &start, &end);
      g_ptr_array_add (spans, annota_span_new (start, end, labels[i % 4],
                                               i % 10 == 0 ? ANNOTA_SPAN_STATUS_SUGGESTED : ANNOTA_SPAN_STATUS_ACCEPTED,
                                               "bench", -1.0));
    }
  annota_span_store_splice_all (annota_document_get_spans (doc), (AnnotaSpan **) spans->pdata, spans->len);

  g_assert_true (annota_document_save_file (doc, path, &error));
  g_assert_no_error (error);
  return path;
}

static double
open_and_paint (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AnnotaWindow *window = annota_window_new (app);
  GdkFrameClock *clock;
  gint64 start;
  double ms;

  gtk_window_present (GTK_WINDOW (window));
  ui_test_iterate_pending ();
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (ui_test_after_paint_cb), &painted);
  ui_test_iterate_pending ();

  painted = FALSE;
  start = g_get_monotonic_time ();
  if (!annota_window_load_file (window, file, &error))
    g_error ("%s", error->message);
  ms = ui_test_wait_for_paint (&painted, start);
  g_signal_handlers_disconnect_by_func (clock, ui_test_after_paint_cb, &painted);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_pending ();
  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *with_spans = NULL;
  g_autofree char *without_spans = NULL;
  g_autoptr(GArray) label_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undo_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) label_sync = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undo_sync = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GFile) file = NULL;
  AnnotaWindow *window;
  AnnotaTextView *view;
  GdkFrameClock *clock;
  struct stat st;
  double plain_ms, spans_ms;

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display: run under xvfb-run\n");
      return 0;
    }

  dir = g_dir_make_tmp ("annota-bench-XXXXXX", &error);
  g_assert_no_error (error);
  with_spans = write_document (dir, "large.json", N_SPANS);
  without_spans = write_document (dir, "large-plain.json", 0);
  g_stat (with_spans, &st);

  app = ui_test_application_new (G_APPLICATION_NON_UNIQUE);

  g_print ("document: %.1f MB of JSON, %d MB of text, %d spans\n",
           st.st_size / (1024.0 * 1024.0), TEXT_BYTES / (1024 * 1024), N_SPANS);
  plain_ms = open_and_paint (without_spans);
  spans_ms = open_and_paint (with_spans);
  g_print ("%-28s %7.1f ms\n", "open to first paint, 0 spans", plain_ms);
  g_print ("%-28s %7.1f ms\n", "open to first paint, spans", spans_ms);

  /* Label a word near the top, then undo, each to the next frame. */
  window = annota_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (with_spans);
  if (!annota_window_load_file (window, file, &error))
    g_error ("%s", error->message);
  ui_test_iterate_pending ();
  view = annota_window_get_text_view (window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (ui_test_after_paint_cb), &painted);
  for (guint i = 0; i < N_ROUNDS; i++)
    {
      gint64 start;
      double ms;

      annota_text_view_select_range (view, 4 + (i % 5) * 15, 8 + (i % 5) * 15);
      ui_test_iterate_pending ();

      painted = FALSE;
      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.label", "s", "ORG");
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (label_sync, ms);
      ms = ui_test_wait_for_paint (&painted, start);
      g_array_append_val (label_times, ms);
      ui_test_iterate_pending ();

      painted = FALSE;
      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (undo_sync, ms);
      ms = ui_test_wait_for_paint (&painted, start);
      g_array_append_val (undo_times, ms);
      ui_test_iterate_pending ();
    }
  ui_test_report_times ("", 28, "label action to next frame", label_times);
  ui_test_report_times ("", 28, "undo to next frame", undo_times);
  ui_test_report_times ("", 28, "label action, the call only", label_sync);
  ui_test_report_times ("", 28, "undo, the call only", undo_sync);

  g_signal_handlers_disconnect_by_func (clock, ui_test_after_paint_cb, &painted);
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_pending ();
  ui_test_application_free (app);

  g_remove (with_spans);
  g_remove (without_spans);
  g_rmdir (dir);
  return 0;
}
