/* test-corpus-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window over a corpus: the Vietnamese sample split into three plain
 * texts in a folder with a labels.json, opened as a person would (Open,
 * the command line); labelled with the label keys, switched with the
 * Ctrl+Page Down action, saved on the way, marked done, next-to-do, closed
 * and opened again; the search through every document; a JSONL corpus;
 * Export to spaCy and CoNLL (and what a misaligned span does); Import of a
 * doccano file; documents in subfolders (and the file name Export
 * proposes for one); the folder followed as another program adds, removes
 * and renames documents, and removes the one shown; the document shown
 * changed by another program and read again in its place (a folder's), or
 * kept (a JSONL file's).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libglib-testing/signal-logger.h>

#include "annota-export-dialog.h"
#include "annota-window-private.h"
#include "ui-test-util.h"
#include "../test-signals.h"

#define N_DOCS 3

static AnnotaApplication *app;

typedef struct {
  char         *tmpdir;
  char         *corpus_dir;
  char         *texts[N_DOCS];
  AnnotaWindow *window;
} Fixture;

/* Runs the main loop until predicate holds; 20 s without it is an error. */
static void
wait_for (UiTestCondition  predicate,
          gpointer         data,
          const char      *what)
{
  if (!ui_test_wait_for (predicate, data, 20 * 1000))
    g_error ("timed out waiting for %s", what);
  ui_test_flush_events ();
}

/* The sample's ten paragraphs as three documents: 1-3, 4-7, 8-10. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const guint ends[N_DOCS] = { 3, 7, 10 };
  g_autofree char *sample = ui_test_source_path ("data", "samples", "kerry-lavrov-moscow.vi.txt", NULL);
  g_autofree char *labels = ui_test_source_path ("tests", "data", "labels.json", NULL);
  g_autofree char *sample_text = ui_test_read_file (sample, NULL);
  g_autofree char *labels_text = ui_test_read_file (labels, NULL);
  g_autofree char *labels_path = NULL;
  g_auto(GStrv) lines = g_strsplit (sample_text, "\n", -1);
  g_autoptr(GError) error = NULL;
  guint line = 0;
  g_autofree char *recent = NULL;
  g_autofree char *recent_dir = NULL;

  /* The recent-documents list is made once, in the first test's data
   * folder, which goes away with that test: keep its folder there. */
  g_object_get (gtk_recent_manager_get_default (), "filename", &recent, NULL);
  recent_dir = g_path_get_dirname (recent);
  g_assert_cmpint (g_mkdir_with_parents (recent_dir, 0700), ==, 0);

  f->tmpdir = g_dir_make_tmp ("annota-test-corpus-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->corpus_dir = g_build_filename (f->tmpdir, "corpus", NULL);
  g_assert_cmpint (g_mkdir (f->corpus_dir, 0700), ==, 0);
  labels_path = g_build_filename (f->corpus_dir, "labels.json", NULL);
  ui_test_write_file (labels_path, labels_text, -1);

  for (guint i = 0; i < N_DOCS; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("doc-%u.txt", i + 1);
      g_autofree char *path = g_build_filename (f->corpus_dir, name, NULL);

      for (; line < ends[i]; line++)
        {
          g_assert_nonnull (lines[line]);
          g_string_append (text, lines[line]);
          g_string_append_c (text, '\n');
        }
      ui_test_write_file (path, text->str, -1);
      f->texts[i] = g_string_free (g_steal_pointer (&text), FALSE);
    }

  f->window = annota_window_new (app);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  ui_test_flush_events ();
}

static void
destroy_all_windows (void)
{
  GList *windows;

  /* Dialogs first, then the windows, discarding whatever they hold. */
  while ((windows = gtk_window_list_toplevels ()) != NULL)
    {
      GtkWindow *window = windows->data;

      g_list_free (windows);
      if (ANNOTA_IS_WINDOW (window))
        ANNOTA_WINDOW (window)->close_confirmed = TRUE;
      gtk_window_destroy (window);
      ui_test_flush_events ();
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  destroy_all_windows ();
  ui_test_flush_events ();
  g_assert_null (f->window);

  ui_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->corpus_dir);
  for (guint i = 0; i < N_DOCS; i++)
    g_free (f->texts[i]);
}

static void
activate (AnnotaWindow *window,
          const char   *action,
          const char   *string_parameter)
{
  if (string_parameter != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, "s", string_parameter));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  ui_test_flush_events ();
}

static gboolean
not_scanning (gpointer data)
{
  return !annota_corpus_sidebar_get_scanning (ANNOTA_WINDOW (data)->corpus_sidebar);
}

static gboolean
has_corpus (gpointer data)
{
  return ANNOTA_WINDOW (data)->corpus != NULL;
}

static void
load_corpus (AnnotaWindow *window,
             const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (_annota_window_load_corpus (window, file, &error));
  g_assert_no_error (error);
  wait_for (not_scanning, window, "the scan");
}

/* The code point range of the first occurrence of needle. */
static void
find_text (AnnotaDocument *document,
           const char     *needle,
           guint          *start,
           guint          *end)
{
  AnnotaText *text = annota_document_get_text (document);
  const char *utf8 = annota_text_get_utf8 (text);
  const char *hit = strstr (utf8, needle);

  g_assert_nonnull (hit);
  *start = annota_text_byte_to_cp (text, hit - utf8);
  *end = *start + g_utf8_strlen (needle, -1);
}

/* Labels needle with a label key, as a person would: select, press. */
static AnnotaSpan *
label_with_key (AnnotaWindow *window,
                const char   *needle,
                guint         keyval)
{
  AnnotaDocument *document = annota_window_get_document (window);
  AnnotaTextView *view = annota_window_get_text_view (window);
  AnnotaSpan *span;
  guint start, end;

  find_text (document, needle, &start, &end);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  annota_text_view_select_range (view, start, end);
  ui_test_flush_events ();
  g_assert_true (_annota_window_handle_key (window, keyval, 0));
  ui_test_flush_events ();
  span = annota_text_view_get_selected_span (view);
  g_assert_nonnull (span);
  g_assert_cmpuint (annota_span_get_start (span), ==, start);
  g_assert_cmpuint (annota_span_get_end (span), ==, end);
  return span;
}

static AnnotaCorpusEntry *
entry_at (AnnotaWindow *window,
          guint         position)
{
  return annota_corpus_peek_entry (window->corpus, position);
}

static char *
doc_path (Fixture    *f,
          guint       i,
          const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("doc-%u%s", i + 1, suffix);

  return g_build_filename (f->corpus_dir, name, NULL);
}

static const char *
title (AnnotaWindow *window)
{
  return gtk_window_get_title (GTK_WINDOW (window));
}

/* Open */

static void
test_open_folder (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->corpus_dir);
  AnnotaCorpusSidebar *sidebar = _annota_window_corpus_get_sidebar (f->window);
  g_auto(GStrv) accels = NULL;

  g_assert_false (adw_flap_get_reveal_flap (f->window->corpus_flap));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->search_all_check)));
  g_assert_true (_annota_window_is_corpus_file (folder));

  /* What the command line does with a folder: the application's open. */
  g_application_open (G_APPLICATION (app), &folder, 1, "");
  wait_for (has_corpus, f->window, "the corpus to open");
  wait_for (not_scanning, f->window, "the scan");

  g_assert_cmpuint (annota_corpus_get_n_documents (f->window->corpus), ==, N_DOCS);
  g_assert_true (adw_flap_get_reveal_flap (f->window->corpus_flap));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->search_all_check)));
  g_assert_cmpuint (f->window->corpus_position, ==, 0);
  g_assert_cmpuint (annota_corpus_sidebar_get_current (sidebar), ==, 0);
  g_assert_cmpuint (annota_corpus_sidebar_get_n_visible (sidebar), ==, N_DOCS);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (annota_window_get_document (f->window))),
                   ==, f->texts[0]);
  g_assert_cmpstr (title (f->window), ==, "doc-1");
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, "corpus · 1 of 3");
  g_assert_cmpstr (annota_corpus_sidebar_get_progress_text (sidebar), ==, "0 of 3 documents done");
  /* The scan knows every state now: the texts are all to do. */
  for (guint i = 0; i < N_DOCS; i++)
    g_assert_cmpint (annota_corpus_entry_get_state (entry_at (f->window, i)), ==, ANNOTA_DOCUMENT_STATE_TODO);

  /* The keys of the corpus's actions. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.next-document");
  g_assert_cmpstr (accels[0], ==, "<Control>Page_Down");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.previous-document");
  g_assert_cmpstr (accels[0], ==, "<Control>Page_Up");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.next-todo");
  g_assert_cmpstr (accels[0], ==, "<Control>j");

  /* Save As would take the document out of its corpus: disabled. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-as", NULL);
  ui_test_flush_events ();
  g_assert_null (f->window->chooser);

  /* The name filter and the state filter. */
  annota_corpus_sidebar_set_filter (sidebar, ANNOTA_CORPUS_SIDEBAR_ALL_STATES, "DOC-2");
  /* doc-2 matches; doc-1 stays listed as the current document. */
  g_assert_cmpuint (annota_corpus_sidebar_get_n_visible (sidebar), ==, 2);
  annota_corpus_sidebar_set_filter (sidebar, ANNOTA_DOCUMENT_STATE_DONE, NULL);
  g_assert_cmpuint (annota_corpus_sidebar_get_n_visible (sidebar), ==, 1);
  annota_corpus_sidebar_set_filter (sidebar, ANNOTA_DOCUMENT_STATE_TODO, NULL);
  g_assert_cmpuint (annota_corpus_sidebar_get_n_visible (sidebar), ==, N_DOCS);
  annota_corpus_sidebar_set_filter (sidebar, ANNOTA_CORPUS_SIDEBAR_ALL_STATES, NULL);
  g_assert_cmpuint (annota_corpus_sidebar_get_n_visible (sidebar), ==, N_DOCS);
}

/* Labelling, switching, saving on the way, undo kept per document. */
static void
test_label_switch_save (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *json1 = doc_path (f, 0, ".json");
  g_autofree char *counts = NULL;
  g_autoptr(AnnotaDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  AnnotaCorpusSidebar *sidebar = _annota_window_corpus_get_sidebar (f->window);
  AnnotaDocument *doc1, *doc2;
  AnnotaCorpusEntry *entry1;
  AnnotaSpan *span;
  guint start, end;

  load_corpus (f->window, f->corpus_dir);
  doc1 = annota_window_get_document (f->window);
  entry1 = entry_at (f->window, 0);
  g_assert_cmpuint (annota_corpus_entry_get_n_spans (entry1), ==, 0);

  span = label_with_key (f->window, "John Kerry", GDK_KEY_1);
  g_assert_cmpstr (annota_span_get_label (span), ==, "PER");
  label_with_key (f->window, "Matxcơva", GDK_KEY_2);
  g_assert_cmpuint (annota_corpus_entry_get_n_spans (entry1), ==, 2);
  g_assert_true (annota_corpus_entry_get_modified (entry1));
  g_assert_cmpstr (title (f->window), ==, "doc-1 •");
  counts = annota_corpus_sidebar_dup_label_counts_text (sidebar);
  g_assert_cmpstr (counts, ==, "PER 1 · LOC 1");
  g_assert_false (g_file_test (json1, G_FILE_TEST_EXISTS));

  /* Ctrl+Page Down: the next document; the first one is saved first. */
  activate (f->window, "win.next-document", NULL);
  g_assert_cmpuint (f->window->corpus_position, ==, 1);
  g_assert_cmpuint (annota_corpus_sidebar_get_current (sidebar), ==, 1);
  doc2 = annota_window_get_document (f->window);
  g_assert_true (doc2 != doc1);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (doc2)), ==, f->texts[1]);
  g_assert_cmpstr (title (f->window), ==, "doc-2");
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, "corpus · 2 of 3");

  g_assert_true (g_file_test (json1, G_FILE_TEST_EXISTS));
  saved = annota_document_load_file (json1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (saved)), ==, f->texts[0]);
  g_assert_cmpuint (annota_document_count_spans (saved, "PER", ANNOTA_SPAN_STATUS_ACCEPTED), ==, 1);
  g_assert_cmpuint (annota_document_count_spans (saved, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED), ==, 1);
  find_text (saved, "John Kerry", &start, &end);
  g_assert_cmpuint (annota_document_count_spans (saved, NULL, -1), ==, 2);
  /* A text with saved changes is in progress. */
  g_assert_cmpint (annota_document_get_state (saved), ==, ANNOTA_DOCUMENT_STATE_IN_PROGRESS);
  g_assert_cmpint (annota_corpus_entry_get_state (entry1), ==, ANNOTA_DOCUMENT_STATE_IN_PROGRESS);
  g_assert_false (annota_corpus_entry_get_modified (entry1));
  g_assert_cmpuint (annota_corpus_entry_get_n_spans (entry1), ==, 2);
  g_assert_cmpstr (annota_corpus_sidebar_get_progress_text (sidebar), ==, "0 of 3 documents done");

  /* Ctrl+Page Up: the same document, its undo history with it. */
  activate (f->window, "win.previous-document", NULL);
  g_assert_cmpuint (f->window->corpus_position, ==, 0);
  g_assert_true (annota_window_get_document (f->window) == doc1);
  g_assert_true (annota_document_get_can_undo (doc1));
  activate (f->window, "win.undo", NULL);
  activate (f->window, "win.undo", NULL);
  g_assert_cmpuint (annota_document_count_spans (doc1, "LOC", -1), ==, 0);
  g_assert_cmpuint (annota_corpus_entry_get_n_spans (entry1), ==, 1);
  activate (f->window, "win.redo", NULL);
  activate (f->window, "win.redo", NULL);
  g_assert_cmpuint (annota_document_count_spans (doc1, "LOC", -1), ==, 1);

  /* The first and the last have nothing before or after them. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.previous-document", NULL);
  ui_test_flush_events ();
  g_assert_cmpuint (f->window->corpus_position, ==, 0);

  /* Save (Ctrl+S) saves through the corpus. */
  label_with_key (f->window, "Lavrov", GDK_KEY_1);
  g_assert_true (annota_document_get_modified (doc1));
  activate (f->window, "win.save", NULL);
  g_assert_false (annota_document_get_modified (doc1));
  g_clear_object (&saved);
  saved = annota_document_load_file (json1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annota_document_count_spans (saved, NULL, -1), ==, 3);
}

/* Done, the progress, next-to-do and its wrap-around; closing saves, and
 * opening again finds everything as it was left. */
static void
test_done_next_todo_reopen (Fixture       *f,
                            gconstpointer  data)
{
  AnnotaCorpusSidebar *sidebar;
  g_autoptr(GFile) folder = g_file_new_for_path (f->corpus_dir);
  AnnotaDocument *doc;

  load_corpus (f->window, f->corpus_dir);
  sidebar = _annota_window_corpus_get_sidebar (f->window);
  label_with_key (f->window, "John Kerry", GDK_KEY_1);

  activate (f->window, "win.set-document-state", "done");
  g_assert_cmpint (annota_corpus_entry_get_state (entry_at (f->window, 0)), ==, ANNOTA_DOCUMENT_STATE_DONE);
  g_assert_cmpstr (annota_corpus_sidebar_get_progress_text (sidebar), ==, "1 of 3 documents done");
  annota_corpus_sidebar_set_filter (sidebar, ANNOTA_DOCUMENT_STATE_DONE, NULL);
  g_assert_cmpuint (annota_corpus_sidebar_get_n_visible (sidebar), ==, 1);
  annota_corpus_sidebar_set_filter (sidebar, ANNOTA_CORPUS_SIDEBAR_ALL_STATES, NULL);

  /* Next to do: doc-2. */
  activate (f->window, "win.next-todo", NULL);
  g_assert_cmpuint (f->window->corpus_position, ==, 1);
  /* Then to doc-3 through the list, as a click would. */
  g_signal_emit_by_name (sidebar, "document-activated", 2);
  ui_test_flush_events ();
  g_assert_cmpuint (f->window->corpus_position, ==, 2);
  label_with_key (f->window, "Barack Obama", GDK_KEY_1);
  activate (f->window, "win.set-document-state", "done");
  g_assert_cmpstr (annota_corpus_sidebar_get_progress_text (sidebar), ==, "2 of 3 documents done");
  /* From doc-3, next to do wraps around past doc-1 (done) to doc-2. */
  activate (f->window, "win.next-todo", NULL);
  g_assert_cmpuint (f->window->corpus_position, ==, 1);
  /* With every other document done it stays. */
  activate (f->window, "win.next-todo", NULL);
  g_assert_cmpuint (f->window->corpus_position, ==, 1);

  /* Closing saves the corpus; nothing asks. */
  gtk_window_close (GTK_WINDOW (f->window));
  ui_test_flush_events ();
  g_assert_null (f->window);

  f->window = annota_window_new (app);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  annota_window_open_file (f->window, folder);
  wait_for (has_corpus, f->window, "the corpus to open again");
  wait_for (not_scanning, f->window, "the scan");
  sidebar = _annota_window_corpus_get_sidebar (f->window);

  /* It opens on the first document to do. */
  g_assert_cmpuint (f->window->corpus_position, ==, 1);
  g_assert_cmpstr (annota_corpus_sidebar_get_progress_text (sidebar), ==, "2 of 3 documents done");
  g_assert_cmpint (annota_corpus_entry_get_state (entry_at (f->window, 0)), ==, ANNOTA_DOCUMENT_STATE_DONE);
  g_assert_cmpint (annota_corpus_entry_get_state (entry_at (f->window, 1)), ==, ANNOTA_DOCUMENT_STATE_TODO);
  g_assert_cmpint (annota_corpus_entry_get_state (entry_at (f->window, 2)), ==, ANNOTA_DOCUMENT_STATE_DONE);
  g_assert_cmpuint (annota_corpus_entry_get_n_spans (entry_at (f->window, 0)), ==, 1);
  g_assert_cmpuint (annota_corpus_entry_get_n_spans (entry_at (f->window, 2)), ==, 1);
  activate (f->window, "win.next-document", NULL);
  doc = annota_window_get_document (f->window);
  g_assert_cmpuint (annota_document_count_spans (doc, "PER", ANNOTA_SPAN_STATUS_ACCEPTED), ==, 1);
  g_assert_cmpint (annota_document_get_state (doc), ==, ANNOTA_DOCUMENT_STATE_DONE);
  g_assert_cmpuint (f->window->corpus_position, ==, 2);
}

/* Search every document */

typedef struct {
  guint position;
  guint start;
  guint end;
} ExpectedHit;

static gboolean
search_finished (gpointer data)
{
  return !annota_corpus_sidebar_get_searching (ANNOTA_CORPUS_SIDEBAR (data));
}

static void
test_search_all (Fixture       *f,
                 gconstpointer  data)
{
  AnnotaCorpusSidebar *sidebar;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (ExpectedHit));
  GListModel *hits;
  GtkTextBuffer *buffer;
  GtkTextIter from, to;
  guint chosen = G_MAXUINT;

  load_corpus (f->window, f->corpus_dir);
  sidebar = _annota_window_corpus_get_sidebar (f->window);

  for (guint i = 0; i < N_DOCS; i++)
    {
      g_autoptr(AnnotaText) text = annota_text_new (f->texts[i], -1);
      g_autoptr(GArray) ranges = annota_text_search (text, "putin", ANNOTA_SEARCH_CASE_INSENSITIVE);

      for (guint j = 0; j < ranges->len; j++)
        {
          AnnotaRange *range = &g_array_index (ranges, AnnotaRange, j);
          ExpectedHit hit = { i, range->start, range->end };

          g_array_append_val (expected, hit);
        }
    }
  g_assert_cmpuint (expected->len, >=, 2);

  activate (f->window, "win.find", NULL);
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), "putin");
  /* The entry tells of a change once typing pauses. */
  g_usleep (300000);
  ui_test_flush_events ();
  gtk_check_button_set_active (f->window->search_all_check, TRUE);
  g_assert_true (annota_corpus_sidebar_get_searching (sidebar));
  /* Until the worker reports, the count says none of the documents. */
  {
    g_autofree char *searching = g_strdup_printf ("Searching 0 of %d documents…", N_DOCS);

    g_assert_true (ui_test_find_label (GTK_WIDGET (sidebar), searching, TRUE));
  }
  wait_for (search_finished, sidebar, "the search");

  hits = annota_corpus_sidebar_get_hits (sidebar);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(AnnotaCorpusHit) hit = g_list_model_get_item (hits, i);
      ExpectedHit *want = &g_array_index (expected, ExpectedHit, i);

      g_assert_cmpuint (annota_corpus_hit_get_position (hit), ==, want->position);
      g_assert_cmpuint (annota_corpus_hit_get_start (hit), ==, want->start);
      g_assert_cmpuint (annota_corpus_hit_get_end (hit), ==, want->end);
      g_assert_nonnull (strstr (annota_corpus_hit_get_context (hit), "Putin"));
      if (want->position == 2 && chosen == G_MAXUINT)
        chosen = i;
    }
  g_assert_cmpuint (chosen, !=, G_MAXUINT);

  /* Choosing a hit in doc-3 opens it there, selected. */
  annota_corpus_sidebar_activate_hit (sidebar, chosen);
  ui_test_flush_events ();
  g_assert_cmpuint (f->window->corpus_position, ==, 2);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (annota_window_get_text_view (f->window)));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &from, &to));
  g_assert_cmpint (gtk_text_iter_get_offset (&from), ==, g_array_index (expected, ExpectedHit, chosen).start);
  g_assert_cmpint (gtk_text_iter_get_offset (&to), ==, g_array_index (expected, ExpectedHit, chosen).end);

  /* Unticking All Documents goes back to the list. */
  gtk_check_button_set_active (f->window->search_all_check, FALSE);
  ui_test_flush_events ();
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 0);
}

/* A JSONL corpus: a line is saved in place, the others keep every byte. */
static void
test_jsonl_corpus (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "news.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_autofree char *contents = NULL;
  const char *lines =
    "{\"text\": \"Ông John Kerry tuyên bố ở Matxcơva.\", \"meta\": {\"id\": 1}}\n"
    "{\"text\": \"Tổng thống Nga Vladimir Putin.\"}\n"
    "{\"text\": \"Ngoại trưởng Sergei Lavrov.\"}\n";

  ui_test_write_file (path, lines, -1);
  g_assert_true (_annota_window_is_corpus_file (file));
  annota_window_open_file (f->window, file);
  wait_for (has_corpus, f->window, "the JSONL corpus");
  wait_for (not_scanning, f->window, "the scan");
  g_assert_cmpint (annota_corpus_get_kind (f->window->corpus), ==, ANNOTA_CORPUS_KIND_JSONL);
  g_assert_cmpuint (annota_corpus_get_n_documents (f->window->corpus), ==, 3);
  g_assert_cmpstr (title (f->window), ==, "1");

  label_with_key (f->window, "John Kerry", GDK_KEY_1);
  activate (f->window, "win.next-document", NULL);
  g_assert_cmpuint (f->window->corpus_position, ==, 1);

  before = g_strsplit (lines, "\n", -1);
  contents = ui_test_read_file (path, NULL);
  after = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (after), ==, 4);
  g_assert_cmpstr (after[1], ==, before[1]);
  g_assert_cmpstr (after[2], ==, before[2]);
  g_assert_cmpstr (after[3], ==, "");
  g_assert_nonnull (strstr (after[0], "\"PER\""));
  g_assert_nonnull (strstr (after[0], "\"meta\""));
}

/* Export */

static gboolean
export_finished (gpointer data)
{
  return !annota_export_dialog_get_running (ANNOTA_EXPORT_DIALOG (data));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static AnnotaExportDialog *
new_export_dialog (Fixture          *f,
                   AnnotaFormatKind  kind,
                   AnnotaMisalignedPolicy misaligned)
{
  AnnotaExportDialog *dialog = ANNOTA_EXPORT_DIALOG (annota_export_dialog_new (f->window));
  AnnotaFormatOptions opts;

  annota_format_options_init (&opts);
  opts.scheme = ANNOTA_CONLL_SCHEME_IOB2;
  opts.misaligned = misaligned;
  annota_export_dialog_set_format (dialog, kind);
  annota_export_dialog_set_options (dialog, &opts);
  annota_export_dialog_set_whole_corpus (dialog, TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_flush_events ();
  return dialog;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *spacy = g_build_filename (f->tmpdir, "out.jsonl", NULL);
  g_autofree char *conll = g_build_filename (f->tmpdir, "out.conll", NULL);
  g_autofree char *conll_text = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;
  AnnotaExportDialog *dialog;
  AdwMessageDialog *message;
  AnnotaDocument *doc1;
  guint start, end;
  guint n_b_per = 0;

  load_corpus (f->window, f->corpus_dir);
  doc1 = annota_window_get_document (f->window);
  label_with_key (f->window, "John Kerry", GDK_KEY_1);
  activate (f->window, "win.next-document", NULL);
  activate (f->window, "win.next-document", NULL);
  /* Left unsaved: the export takes the document as it is shown. */
  label_with_key (f->window, "Barack Obama", GDK_KEY_1);
  g_assert_true (annota_document_get_modified (annota_window_get_document (f->window)));

  /* spaCy JSONL of the whole corpus. */
  dialog = new_export_dialog (f, ANNOTA_FORMAT_SPACY, ANNOTA_MISALIGNED_ERROR);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  annota_export_dialog_export_to (dialog, spacy);
  g_assert_true (annota_export_dialog_get_running (dialog));
  wait_for (is_null, &dialog, "the spaCy export to close its dialog");

  read = annota_format_read (ANNOTA_FORMAT_SPACY, spacy, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, N_DOCS);
  for (guint i = 0; i < N_DOCS; i++)
    g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (g_ptr_array_index (read, i))), ==, f->texts[i]);
  g_assert_cmpuint (annota_document_count_spans (g_ptr_array_index (read, 0), "PER", -1), ==, 1);
  g_assert_cmpuint (annota_document_count_spans (g_ptr_array_index (read, 1), NULL, -1), ==, 0);
  g_assert_cmpuint (annota_document_count_spans (g_ptr_array_index (read, 2), "PER", -1), ==, 1);
  find_text (g_ptr_array_index (read, 0), "John Kerry", &start, &end);
  {
    AnnotaSpan *span = annota_span_store_peek (annota_document_get_spans (g_ptr_array_index (read, 0)), 0);

    g_assert_cmpuint (annota_span_get_start (span), ==, start);
    g_assert_cmpuint (annota_span_get_end (span), ==, end);
  }

  /* CoNLL, IOB2: John B-PER, Kerry I-PER, Barack B-PER, Obama I-PER. */
  dialog = new_export_dialog (f, ANNOTA_FORMAT_CONLL, ANNOTA_MISALIGNED_ERROR);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  annota_export_dialog_export_to (dialog, conll);
  wait_for (is_null, &dialog, "the CoNLL export to close its dialog");
  conll_text = ui_test_read_file (conll, NULL);
  g_assert_nonnull (strstr (conll_text, "John\tB-PER\nKerry\tI-PER\n"));
  g_assert_nonnull (strstr (conll_text, "Barack\tB-PER\nObama\tI-PER\n"));
  for (const char *p = conll_text; (p = strstr (p, "\tB-")) != NULL; p++)
    n_b_per++;
  g_assert_cmpuint (n_b_per, ==, 2);
  g_clear_pointer (&conll_text, g_free);
  g_remove (conll);

  /* A span off the token boundaries: CoNLL refuses it, writes nothing, and
   * says where it is. */
  find_text (doc1, "Kerry", &start, &end);
  g_assert_nonnull (annota_document_add_span (doc1, start, end - 1, "PER",
                                              ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1.0, &error));
  g_assert_no_error (error);
  dialog = new_export_dialog (f, ANNOTA_FORMAT_CONLL, ANNOTA_MISALIGNED_ERROR);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  annota_export_dialog_export_to (dialog, conll);
  wait_for (export_finished, dialog, "the refused export");
  g_assert_nonnull (dialog);
  g_assert_nonnull (annota_export_dialog_get_error (dialog));
  g_assert_cmpuint (annota_export_dialog_get_problems (dialog)->len, ==, 1);
  {
    const char *problem = g_ptr_array_index (annota_export_dialog_get_problems (dialog), 0);

    g_assert_nonnull (strstr (problem, "doc-1"));
    g_assert_nonnull (strstr (problem, "Kerr"));
  }
  g_assert_false (g_file_test (conll, G_FILE_TEST_EXISTS));
  message = find_message_dialog ();
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Export");
  gtk_window_destroy (GTK_WINDOW (message));
  ui_test_flush_events ();

  /* Leaving it out: written, and the list says what was left out. */
  {
    AnnotaFormatOptions opts;

    annota_format_options_init (&opts);
    opts.scheme = ANNOTA_CONLL_SCHEME_IOB2;
    opts.misaligned = ANNOTA_MISALIGNED_SKIP;
    annota_export_dialog_set_options (dialog, &opts);
  }
  annota_export_dialog_export_to (dialog, conll);
  wait_for (is_null, &dialog, "the export with a span left out");
  g_assert_true (g_file_test (conll, G_FILE_TEST_EXISTS));
  message = find_message_dialog ();
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Exported With Changes");
  gtk_window_destroy (GTK_WINDOW (message));
  ui_test_flush_events ();
}

/* n native documents, a third of them done. */
static char *
make_big_folder (Fixture *f,
                 guint    n)
{
  char *big = g_build_filename (f->tmpdir, "big", NULL);

  g_assert_cmpint (g_mkdir (big, 0700), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("doc-%u.json", i);
      g_autofree char *path = g_build_filename (big, name, NULL);
      g_autofree char *json = g_strdup_printf ("{\"annota\": 1, \"text\": \"%s\", \"state\": \"%s\"}\n",
                                               i % 2 ? "Ông John Kerry." : "Matxcơva.",
                                               i % 3 ? "todo" : "done");

      ui_test_write_file (path, json, -1);
    }
  return big;
}

/* Cancel: a cancelled export wrote nothing, one that finished first wrote
 * everything; both say which. */
static void
test_export_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *spacy = g_build_filename (f->tmpdir, "out.jsonl", NULL);
  g_autofree char *big = make_big_folder (f, 400);
  AnnotaExportDialog *dialog;
  gboolean cancelled = FALSE, written = FALSE;

  /* Enough documents that a Cancel comes in the middle. */
  load_corpus (f->window, big);
  for (guint round = 0; round < 20 && !(cancelled && written); round++)
    {
      const GError *error;

      g_remove (spacy);
      dialog = new_export_dialog (f, ANNOTA_FORMAT_SPACY, ANNOTA_MISALIGNED_ERROR);
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      annota_export_dialog_export_to (dialog, spacy);
      /* Sooner or later in the export, as the round goes. */
      g_usleep (round * 500);
      annota_export_dialog_cancel (dialog);
      while (dialog != NULL && annota_export_dialog_get_running (dialog))
        g_main_context_iteration (NULL, TRUE);
      ui_test_flush_events ();
      if (dialog == NULL)
        {
          /* It finished before the Cancel: the file is there, whole. */
          g_autoptr(GPtrArray) read = annota_format_read (ANNOTA_FORMAT_SPACY, spacy, NULL, NULL, NULL);

          g_assert_nonnull (read);
          g_assert_cmpuint (read->len, ==, 400);
          written = TRUE;
          continue;
        }
      error = annota_export_dialog_get_error (dialog);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_false (g_file_test (spacy, G_FILE_TEST_EXISTS));
      cancelled = TRUE;
      gtk_window_destroy (GTK_WINDOW (dialog));
      ui_test_flush_events ();
    }
  g_assert_true (cancelled);

  /* Closed while it runs: the export stops and lets the dialog go. */
  dialog = new_export_dialog (f, ANNOTA_FORMAT_SPACY, ANNOTA_MISALIGNED_ERROR);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  annota_export_dialog_export_to (dialog, spacy);
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for (is_null, &dialog, "the closed export to let its dialog go");
}

/* Cancel stops the scan; a scan started again finishes it. */
static void
test_scan_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *big = make_big_folder (f, 400);
  g_autoptr(GFile) folder = g_file_new_for_path (big);
  g_autoptr(GError) error = NULL;
  AnnotaCorpusSidebar *sidebar = _annota_window_corpus_get_sidebar (f->window);
  guint n_unknown;

  g_assert_true (_annota_window_load_corpus (f->window, folder, &error));
  g_assert_no_error (error);
  g_assert_true (annota_corpus_sidebar_get_scanning (sidebar));
  annota_corpus_sidebar_cancel (sidebar);
  wait_for (not_scanning, f->window, "the cancelled scan");
  n_unknown = annota_corpus_count_documents (f->window->corpus, ANNOTA_CORPUS_STATE_UNKNOWN);
  g_test_message ("%u documents not read when the scan stopped", n_unknown);

  annota_corpus_sidebar_scan (sidebar);
  wait_for (not_scanning, f->window, "the scan again");
  g_assert_cmpuint (annota_corpus_count_documents (f->window->corpus, ANNOTA_CORPUS_STATE_UNKNOWN), ==, 0);
  g_assert_cmpuint (annota_corpus_count_documents (f->window->corpus, ANNOTA_DOCUMENT_STATE_DONE), ==, 134);
  g_assert_cmpstr (annota_corpus_sidebar_get_progress_text (sidebar), ==, "134 of 400 documents done");
}

/* Import */

static gboolean
has_document (gpointer data)
{
  return annota_window_get_document (ANNOTA_WINDOW (data)) != NULL;
}

static void
test_import_doccano (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "news.jsonl", NULL);
  g_autofree char *several = g_build_filename (f->tmpdir, "several.jsonl", NULL);
  g_autofree char *folder_path = g_build_filename (f->tmpdir, "imported", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) several_file = g_file_new_for_path (several);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  AnnotaImportDialog *dialog;
  AnnotaDocument *doc;
  AnnotaSpanStore *store;
  AnnotaWindow *other;

  /* doccano counts UTF-16 code units: the emoji is two of them. */
  ui_test_write_file (path, "{\"text\": \"😀 Ông John Kerry ở Matxcơva.\", \"label\": [[7, 17, \"PER\"], [20, 28, \"LOC\"]]}\n", -1);
  dialog = ANNOTA_IMPORT_DIALOG (annota_import_dialog_new (f->window, file));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_flush_events ();
  annota_import_dialog_import (dialog);
  wait_for (is_null, &dialog, "the import");

  doc = annota_window_get_document (f->window);
  g_assert_nonnull (doc);
  g_assert_null (f->window->corpus);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (doc)), ==, "😀 Ông John Kerry ở Matxcơva.");
  store = annota_document_get_spans (doc);
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, 2);
  g_assert_cmpuint (annota_span_get_start (annota_span_store_peek (store, 0)), ==, 6);
  g_assert_cmpuint (annota_span_get_end (annota_span_store_peek (store, 0)), ==, 16);
  g_assert_cmpstr (annota_span_get_label (annota_span_store_peek (store, 0)), ==, "PER");
  g_assert_cmpuint (annota_span_get_start (annota_span_store_peek (store, 1)), ==, 19);
  g_assert_cmpuint (annota_span_get_end (annota_span_store_peek (store, 1)), ==, 27);
  g_assert_null (annota_document_get_file (doc));
  g_assert_cmpstr (title (f->window), ==, "news.json");
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, "Imported from news.jsonl, not saved yet");

  /* Several documents become a corpus in a folder; this window holds a
   * document, so it opens in a new one. */
  ui_test_write_file (several,
                      "{\"text\": \"Ông John Kerry.\", \"label\": [[4, 14, \"PER\"]]}\n"
                      "{\"text\": \"Matxcơva.\", \"label\": [[0, 8, \"LOC\"]]}\n", -1);
  dialog = ANNOTA_IMPORT_DIALOG (annota_import_dialog_new (f->window, several_file));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  annota_import_dialog_set_format (dialog, ANNOTA_FORMAT_DOCCANO);
  annota_import_dialog_set_folder (dialog, folder);
  gtk_window_present (GTK_WINDOW (dialog));
  annota_import_dialog_import (dialog);
  wait_for (is_null, &dialog, "the import of several documents");

  other = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (l->data != f->window && ANNOTA_IS_WINDOW (l->data))
      other = l->data;
  g_assert_nonnull (other);
  wait_for (has_corpus, other, "the imported corpus");
  wait_for (not_scanning, other, "its scan");
  g_assert_cmpuint (annota_corpus_get_n_documents (other->corpus), ==, 2);
  g_assert_true (has_document (other));
  g_assert_cmpuint (annota_document_count_spans (annota_window_get_document (other), "PER", -1), ==, 1);
  g_assert_true (g_str_has_prefix (annota_corpus_entry_get_path (entry_at (other, 0)), folder_path));
  g_assert_true (g_str_has_suffix (annota_corpus_entry_get_path (entry_at (other, 0)), ".json"));

  /* The same file again: the folder holds documents now, and is refused. */
  dialog = ANNOTA_IMPORT_DIALOG (annota_import_dialog_new (f->window, several_file));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  annota_import_dialog_set_folder (dialog, folder);
  gtk_window_present (GTK_WINDOW (dialog));
  annota_import_dialog_import (dialog);
  while (annota_import_dialog_get_error (dialog) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (annota_import_dialog_get_error (dialog), G_IO_ERROR, G_IO_ERROR_EXISTS);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_flush_events ();
}

/* A document that cannot be saved stays shown, and says why. */
static void
test_save_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *json1 = doc_path (f, 0, ".json");

  load_corpus (f->window, f->corpus_dir);
  label_with_key (f->window, "John Kerry", GDK_KEY_1);
  /* A folder where the document would be written. */
  g_assert_cmpint (g_mkdir (json1, 0700), ==, 0);
  activate (f->window, "win.next-document", NULL);
  g_assert_cmpuint (f->window->corpus_position, ==, 0);
  g_assert_true (annota_document_get_modified (annota_window_get_document (f->window)));
  g_assert_true (g_file_test (json1, G_FILE_TEST_IS_DIR));
  g_rmdir (json1);
  activate (f->window, "win.next-document", NULL);
  g_assert_cmpuint (f->window->corpus_position, ==, 1);
  g_assert_true (g_file_test (json1, G_FILE_TEST_IS_REGULAR));
}

/* Whether a toast of the window shows a text with needle in it. */
static gboolean
has_toast (AnnotaWindow *window,
           const char   *needle)
{
  GtkWidget *overlay = GTK_WIDGET (window->toast_overlay);
  GtkWidget *child = gtk_widget_get_first_child (overlay);
  GPtrArray *stack = g_ptr_array_new ();
  gboolean found = FALSE;

  /* The overlay's children after the first are its toasts. */
  for (child = child ? gtk_widget_get_next_sibling (child) : NULL; child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (stack, child);
  while (stack->len > 0 && !found)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
        found = TRUE;
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_free (stack, TRUE);
  return found;
}

/* A document's own label that labels.json lacks joins the corpus's labels,
 * and a toast says so when it is opened. */
static void
test_load_warning (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *json2 = doc_path (f, 1, ".json");
  g_autofree char *txt2 = doc_path (f, 1, ".txt");
  g_autoptr(AnnotaDocument) doc = annota_document_new_from_string ("Hội nghị Minsk.", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaLabel) label = annota_label_new ("EVENTX", "Event", NULL, NULL);

  g_assert_true (annota_label_set_append (annota_document_get_labels (doc), label, &error));
  g_assert_no_error (error);
  g_assert_nonnull (annota_document_add_span (doc, 0, 14, "EVENTX", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1.0, &error));
  g_assert_no_error (error);
  g_assert_true (annota_document_save_file (doc, json2, &error));
  g_assert_no_error (error);
  g_remove (txt2);

  load_corpus (f->window, f->corpus_dir);
  g_assert_false (has_toast (f->window, "EVENTX"));
  activate (f->window, "win.next-document", NULL);
  g_assert_cmpuint (f->window->corpus_position, ==, 1);
  g_assert_true (has_toast (f->window, "EVENTX"));
  g_assert_true (annota_label_set_find (annota_corpus_get_labels (f->window->corpus), "EVENTX", NULL));
}

/* Opening a single document leaves the corpus, after saving it. */
static void
test_leave_corpus (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *sample = ui_test_source_path ("data", "samples", "kerry-lavrov-moscow.vi.json", NULL);
  g_autofree char *copy = g_build_filename (f->tmpdir, "sample.json", NULL);
  g_autofree char *contents = ui_test_read_file (sample, NULL);
  g_autofree char *json1 = doc_path (f, 0, ".json");
  g_autoptr(GFile) file = NULL;

  ui_test_write_file (copy, contents, -1);
  file = g_file_new_for_path (copy);
  load_corpus (f->window, f->corpus_dir);
  label_with_key (f->window, "John Kerry", GDK_KEY_1);
  annota_window_open_file (f->window, file);
  ui_test_flush_events ();
  g_assert_null (f->window->corpus);
  g_assert_false (adw_flap_get_reveal_flap (f->window->corpus_flap));
  g_assert_true (g_file_test (json1, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (title (f->window), ==, "sample.json");
  g_assert_null (adw_window_title_get_subtitle (f->window->window_title) == NULL ? NULL : strstr (adw_window_title_get_subtitle (f->window->window_title), "of 3"));
}

/* Subfolders and other programs */

static void
put_text (Fixture    *f,
          const char *rel,
          const char *text)
{
  g_autofree char *path = g_build_filename (f->corpus_dir, rel, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  ui_test_write_file (path, text, -1);
}

static void
remove_text (Fixture    *f,
             const char *rel)
{
  g_autofree char *path = g_build_filename (f->corpus_dir, rel, NULL);

  g_assert_cmpint (g_remove (path), ==, 0);
}

/* The model the sidebar's list of documents shows. */
static GListModel *
find_documents_model (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));
      GListModel *filtered = GTK_IS_SINGLE_SELECTION (model) ? gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)) : NULL;

      /* The documents through their filter, not the hits. */
      if (GTK_IS_FILTER_LIST_MODEL (filtered) &&
          ANNOTA_IS_CORPUS (gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (filtered))))
        return G_LIST_MODEL (model);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GListModel *model = find_documents_model (child);

      if (model != NULL)
        return model;
    }
  return NULL;
}

static char *
sidebar_names (GListModel *model)
{
  GString *out = g_string_new ("");

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AnnotaCorpusEntry) entry = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, annota_corpus_entry_get_name (entry));
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  GListModel *model;
  guint       n;
} ModelCount;

static gboolean
model_has_n (gpointer data)
{
  ModelCount *count = data;

  return g_list_model_get_n_items (count->model) == count->n;
}

/* Waits for the folder to be listed again: another program's change shows
 * within a second or so; 20 s without it is an error. */
static void
wait_for_n (GListModel *model,
            guint       n)
{
  ModelCount count = { model, n };
  gint64 t0 = g_get_monotonic_time ();

  wait_for (model_has_n, &count, "the sidebar to follow the folder");
  g_test_message ("the sidebar followed the folder in %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
}

static gboolean
has_emissions (gpointer data)
{
  return gt_signal_logger_get_n_emissions (data) > 0;
}

static gboolean
entry_is_missing (gpointer data)
{
  return annota_corpus_entry_get_missing (data);
}

static gboolean
changed_bar_shown (gpointer data)
{
  return gtk_info_bar_get_revealed (_annota_window_get_changed_bar (data));
}

/* Documents in subfolders are listed by their path from the folder, and
 * count in the progress. */
static void
test_subfolders (Fixture       *f,
                 gconstpointer  data)
{
  AnnotaCorpusSidebar *sidebar = _annota_window_corpus_get_sidebar (f->window);
  GListModel *model;
  g_autofree char *names = NULL;
  guint position;

  put_text (f, "dev/doc-10.txt", "Hà Nội\n");
  put_text (f, "dev/doc-9.txt", "Huế\n");
  put_text (f, "train/part 2/doc-1.txt", "Sài Gòn\n");
  put_text (f, ".git/doc-0.txt", "hidden\n");

  load_corpus (f->window, f->corpus_dir);
  model = find_documents_model (GTK_WIDGET (sidebar));
  g_assert_nonnull (model);
  names = sidebar_names (model);
  g_assert_cmpstr (names, ==, "dev/doc-9 dev/doc-10 doc-1 doc-2 doc-3 train/part 2/doc-1");
  g_assert_cmpstr (annota_corpus_sidebar_get_progress_text (sidebar), ==, "0 of 6 documents done");
  /* The first to do is the first listed. */
  g_assert_cmpuint (f->window->corpus_position, ==, 0);
  g_assert_cmpstr (title (f->window), ==, "dev/doc-9");
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, "corpus · 1 of 6");

  /* The name filter sees the folders. */
  annota_corpus_sidebar_set_filter (sidebar, ANNOTA_CORPUS_SIDEBAR_ALL_STATES, "train/");
  g_assert_cmpuint (annota_corpus_sidebar_get_n_visible (sidebar), ==, 2);
  annota_corpus_sidebar_set_filter (sidebar, ANNOTA_CORPUS_SIDEBAR_ALL_STATES, NULL);

  g_assert_true (annota_corpus_find (f->window->corpus, "train/part 2/doc-1", &position));
  g_signal_emit_by_name (sidebar, "document-activated", position);
  ui_test_flush_events ();
  g_assert_cmpuint (f->window->corpus_position, ==, 5);
  g_assert_cmpstr (title (f->window), ==, "train/part 2/doc-1");

  /* Marked done and saved beside its text. */
  annota_document_set_state (annota_window_get_document (f->window), ANNOTA_DOCUMENT_STATE_DONE);
  activate (f->window, "win.previous-document", NULL);
  {
    g_autofree char *json = g_build_filename (f->corpus_dir, "train", "part 2", "doc-1.json", NULL);
    g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));
  }
  g_assert_cmpstr (annota_corpus_sidebar_get_progress_text (sidebar), ==, "1 of 6 documents done");
}

/* Documents another program adds, removes and renames in the folder come
 * and go in the sidebar, each change at its place. */
static void
test_watch (Fixture       *f,
            gconstpointer  data)
{
  AnnotaCorpusSidebar *sidebar = _annota_window_corpus_get_sidebar (f->window);
  GtSignalLogger *logger = gt_signal_logger_new ();
  AnnotaDocument *document;
  GListModel *model;
  g_autofree char *names = NULL;

  load_corpus (f->window, f->corpus_dir);
  document = annota_window_get_document (f->window);
  model = find_documents_model (GTK_WIDGET (sidebar));
  g_assert_nonnull (model);
  gt_signal_logger_connect (logger, model, "items-changed");

  /* Added after the others. */
  put_text (f, "doc-4.txt", "Bốn\n");
  wait_for_n (model, 4);
  test_assert_items_changed (logger, model, 3, 0, 1);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, "corpus · 1 of 4");
  g_assert_cmpstr (annota_corpus_sidebar_get_progress_text (sidebar), ==, "0 of 4 documents done");

  /* Added before the document shown, which keeps its place. */
  put_text (f, "a.txt", "A\n");
  wait_for_n (model, 5);
  test_assert_items_changed (logger, model, 0, 0, 1);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (f->window->corpus_position, ==, 1);
  g_assert_cmpuint (annota_corpus_sidebar_get_current (sidebar), ==, 1);
  g_assert_true (annota_window_get_document (f->window) == document);
  g_assert_cmpstr (title (f->window), ==, "doc-1");
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, "corpus · 2 of 5");

  /* Removed. */
  remove_text (f, "doc-2.txt");
  wait_for_n (model, 4);
  test_assert_items_changed (logger, model, 2, 1, 0);
  gt_signal_logger_assert_no_emissions (logger);

  /* A new subfolder, and a document in it. */
  put_text (f, "sub/x.txt", "X\n");
  wait_for_n (model, 5);
  test_assert_items_changed (logger, model, 4, 0, 1);
  gt_signal_logger_assert_no_emissions (logger);

  /* Renamed: gone from its place, new at the other. */
  {
    g_autofree char *from = g_build_filename (f->corpus_dir, "doc-4.txt", NULL);
    g_autofree char *to = g_build_filename (f->corpus_dir, "0.txt", NULL);

    g_assert_cmpint (g_rename (from, to), ==, 0);
  }
  wait_for (has_emissions, logger, "the rename");
  test_assert_items_changed (logger, model, 0, 0, 1);
  test_assert_items_changed (logger, model, 4, 1, 0);
  gt_signal_logger_assert_no_emissions (logger);
  names = sidebar_names (model);
  g_assert_cmpstr (names, ==, "0 a doc-1 doc-3 sub/x");
  g_assert_cmpuint (f->window->corpus_position, ==, 2);
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, "corpus · 3 of 5");

  /* Moving on saves through the corpus as before. */
  activate (f->window, "win.next-document", NULL);
  g_assert_cmpstr (title (f->window), ==, "doc-3");
  gt_signal_logger_assert_no_emissions (logger);

  gt_signal_logger_free (logger);
}

/* The document shown, removed by another program: it stays open with its
 * changes, the sidebar keeps it, the window says so, and Save writes it
 * again. */
static void
test_open_document_removed (Fixture       *f,
                            gconstpointer  data)
{
  AnnotaCorpusSidebar *sidebar = _annota_window_corpus_get_sidebar (f->window);
  GtSignalLogger *logger = gt_signal_logger_new ();
  g_autofree char *json1 = doc_path (f, 0, ".json");
  g_autofree char *contents = NULL;
  AnnotaCorpusEntry *entry;
  AnnotaDocument *document;
  GListModel *model;

  load_corpus (f->window, f->corpus_dir);
  model = find_documents_model (GTK_WIDGET (sidebar));
  gt_signal_logger_connect (logger, model, "items-changed");
  document = annota_window_get_document (f->window);
  entry = entry_at (f->window, 0);
  label_with_key (f->window, "John Kerry", GDK_KEY_1);
  g_assert_true (annota_document_get_modified (document));

  /* A text read from its .txt, with unsaved changes. */
  remove_text (f, "doc-1.txt");
  wait_for (entry_is_missing, entry, "the removal to be seen");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_DOCS);
  g_assert_true (annota_window_get_document (f->window) == document);
  g_assert_true (annota_document_get_modified (document));
  g_assert_cmpuint (annota_document_count_spans (document, NULL, -1), ==, 1);
  g_assert_true (ui_test_toast_shows (f->window, "“doc-1” was removed from the folder by another program", FALSE));

  /* Saved, it is a document of the folder again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  ui_test_flush_events ();
  g_assert_false (annota_corpus_entry_get_missing (entry));
  g_assert_false (annota_document_get_modified (document));
  contents = ui_test_read_file (json1, NULL);
  g_assert_nonnull (strstr (contents, "\"label\": \"PER\""));
  ui_test_run_for (500);
  gt_signal_logger_assert_no_emissions (logger);

  /* Its .json removed while shown, without changes: the window's notice
   * says so, and the sidebar keeps it until another document is shown. */
  g_assert_cmpint (g_remove (json1), ==, 0);
  wait_for (entry_is_missing, entry, "the removal to be seen");
  wait_for (changed_bar_shown, f->window, "the notice");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (annota_window_get_document (f->window) == document);
  activate (f->window, "win.next-document", NULL);
  g_assert_cmpstr (title (f->window), ==, "doc-2");
  wait_for_n (model, N_DOCS - 1);
  test_assert_items_changed (logger, model, 0, 1, 0);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (f->window->corpus_position, ==, 0);
  g_assert_cmpuint (annota_corpus_sidebar_get_current (sidebar), ==, 0);
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, "corpus · 1 of 2");
  g_assert_false (g_file_test (json1, G_FILE_TEST_EXISTS));

  gt_signal_logger_free (logger);
}

/* Export's file name */

/* The file chooser that is open, or NULL. */
static GtkFileChooser *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkFileChooser *chooser = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        chooser = GTK_FILE_CHOOSER (window);
    }
  return chooser;
}

/* The name Export proposes for the document shown, asked as a person
 * would: the dialog's Export… button. */
static char *
proposed_export_name (Fixture *f)
{
  AnnotaExportDialog *dialog = ANNOTA_EXPORT_DIALOG (annota_export_dialog_new (f->window));
  GtkFileChooser *chooser;
  char *name;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  annota_export_dialog_set_format (dialog, ANNOTA_FORMAT_CONLL);
  annota_export_dialog_set_whole_corpus (dialog, FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_flush_events ();
  g_assert_null (find_file_chooser ());
  g_signal_emit_by_name (ui_test_find_button (GTK_WIDGET (dialog), "_Export…"), "clicked");
  ui_test_flush_events ();
  chooser = find_file_chooser ();
  g_assert_nonnull (chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  name = gtk_file_chooser_get_current_name (chooser);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_flush_events ();
  g_assert_null (dialog);
  g_assert_null (find_file_chooser ());
  return name;
}

/* A document in a subfolder is exported under a file name, without the
 * folders of its name. */
static void
test_export_name (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *name = NULL;
  guint position;

  put_text (f, "dev/doc-3.txt", "Huế\n");
  load_corpus (f->window, f->corpus_dir);
  g_assert_true (annota_corpus_find (f->window->corpus, "dev/doc-3", &position));
  g_signal_emit_by_name (_annota_window_corpus_get_sidebar (f->window), "document-activated", position);
  ui_test_flush_events ();
  g_assert_cmpstr (title (f->window), ==, "dev/doc-3");

  name = proposed_export_name (f);
  g_assert_cmpstr (name, ==, "doc-3.conll");
  g_clear_pointer (&name, g_free);

  activate (f->window, "win.next-document", NULL);
  g_assert_cmpstr (title (f->window), ==, "doc-1");
  name = proposed_export_name (f);
  g_assert_cmpstr (name, ==, "doc-1.conll");
}

/* Reloading a document another program changed */

/* Clicks a button as a person would; it must be there and usable. */
static void
click (GtkWidget  *widget,
       const char *label)
{
  GtkWidget *button = ui_test_find_button (widget, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  ui_test_flush_events ();
}

/* The label of the sidebar's row whose name is name, or NULL. */
static GtkWidget *
find_row_name (GtkWidget  *widget,
               const char *name)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), name) == 0 &&
      GTK_IS_BOX (gtk_widget_get_parent (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_name (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The span count the sidebar's row of name shows (its last label). */
static const char *
row_spans (AnnotaWindow *window,
           const char   *name)
{
  GtkWidget *label = find_row_name (GTK_WIDGET (_annota_window_corpus_get_sidebar (window)), name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (gtk_widget_get_parent (label))));
}

typedef struct {
  AnnotaWindow *window;
  const char   *message;
} ToastWait;

static gboolean
toast_shown (gpointer data)
{
  ToastWait *wait = data;

  return ui_test_toast_shows (wait->window, wait->message, TRUE);
}

/* The document shown, changed by another program: Reload reads it again
 * in its place, the corpus open, the sidebar's row following; a file that
 * cannot be read leaves the document shown as it was, and says why. */
static void
test_reload (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *json2 = doc_path (f, 1, ".json");
  g_autofree char *theirs_json = NULL;
  g_autofree char *theirs_spans = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(AnnotaDocument) theirs = NULL;
  g_autoptr(GError) error = NULL;
  GtkInfoBar *bar = _annota_window_get_changed_bar (f->window);
  AnnotaCorpusSidebar *sidebar = _annota_window_corpus_get_sidebar (f->window);
  const char *broken = "{\"annota\": 1, \"text\": \"Kerry\", \"spans\": [";
  AnnotaCorpus *corpus;
  AnnotaCorpusEntry *entry;
  AnnotaDocument *before;
  AdwMessageDialog *dialog;
  guint start, end;

  load_corpus (f->window, f->corpus_dir);
  corpus = f->window->corpus;
  activate (f->window, "win.next-document", NULL);
  g_assert_cmpuint (f->window->corpus_position, ==, 1);
  entry = entry_at (f->window, 1);
  /* Saved, the text is a document of its own file, which the window
   * watches. */
  label_with_key (f->window, "Kerry", GDK_KEY_1);
  activate (f->window, "win.save", NULL);
  g_assert_true (g_file_test (json2, G_FILE_TEST_IS_REGULAR));
  ui_test_run_for (500);
  g_assert_false (changed_bar_shown (f->window));
  g_assert_cmpstr (row_spans (f->window, "doc-2"), ==, "1");

  /* Another program marks it done and adds a span. */
  theirs = annota_document_load_file (json2, NULL, NULL, &error);
  g_assert_no_error (error);
  find_text (theirs, "Matxcơva", &start, &end);
  g_assert_nonnull (annota_document_add_span (theirs, start, end, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "other", -1.0, &error));
  g_assert_no_error (error);
  annota_document_set_state (theirs, ANNOTA_DOCUMENT_STATE_DONE);
  theirs_json = annota_document_to_json (theirs, NULL);
  theirs_spans = ui_test_describe_spans (theirs);
  ui_test_write_file (json2, theirs_json, -1);

  wait_for (changed_bar_shown, f->window, "the notice of the change");
  g_assert_true (ui_test_find_label (GTK_WIDGET (bar), "The file was changed by another program", TRUE));
  before = annota_window_get_document (f->window);
  g_assert_false (annota_document_get_modified (before));

  /* Unmodified: read again at once, in its place. */
  click (GTK_WIDGET (bar), "_Reload");
  g_assert_null (ui_test_find_message_dialog (NULL, "Reload the File?"));
  g_assert_true (f->window->corpus == corpus);
  g_assert_true (adw_flap_get_reveal_flap (f->window->corpus_flap));
  g_assert_cmpuint (f->window->corpus_position, ==, 1);
  g_assert_cmpuint (annota_corpus_sidebar_get_current (sidebar), ==, 1);
  g_assert_cmpstr (title (f->window), ==, "doc-2");
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, "corpus · 2 of 3");
  g_assert_true (annota_window_get_document (f->window) != before);
  g_assert_true (annota_window_get_document (f->window) == annota_corpus_entry_get_document (entry));
  mine = ui_test_describe_spans (annota_window_get_document (f->window));
  g_assert_cmpstr (mine, ==, theirs_spans);
  g_assert_false (annota_document_get_modified (annota_window_get_document (f->window)));
  g_assert_false (gtk_info_bar_get_revealed (bar));
  g_assert_cmpint (annota_corpus_entry_get_state (entry), ==, ANNOTA_DOCUMENT_STATE_DONE);
  g_assert_cmpuint (annota_corpus_entry_get_n_spans (entry), ==, 2);
  g_assert_cmpstr (row_spans (f->window, "doc-2"), ==, "2");
  g_assert_cmpstr (annota_corpus_sidebar_get_progress_text (sidebar), ==, "1 of 3 documents done");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->search_all_check)));
  g_clear_pointer (&mine, g_free);

  /* With unsaved changes, and a file that cannot be read: asked first,
   * then the document stays as it is, and the toast says why. */
  before = annota_window_get_document (f->window);
  label_with_key (f->window, "Syria", GDK_KEY_2);
  g_assert_true (annota_document_get_modified (before));
  mine = ui_test_describe_spans (before);
  ui_test_write_file (json2, broken, -1);
  {
    g_autoptr(AnnotaDocument) unread = annota_document_load_file (json2, NULL, NULL, &error);

    g_assert_null (unread);
    g_assert_nonnull (error);
    expected = g_strdup (error->message);
    g_clear_error (&error);
  }
  wait_for (changed_bar_shown, f->window, "the notice of the second change");
  click (GTK_WIDGET (bar), "_Reload");
  dialog = ui_test_find_message_dialog (NULL, "Reload the File?");
  g_assert_nonnull (dialog);
  click (GTK_WIDGET (dialog), "_Reload");
  {
    ToastWait wait = { f->window, expected };

    wait_for (toast_shown, &wait, "the error");
  }
  g_assert_true (f->window->corpus == corpus);
  g_assert_cmpuint (f->window->corpus_position, ==, 1);
  g_assert_true (annota_window_get_document (f->window) == before);
  g_assert_true (annota_corpus_entry_get_document (entry) == before);
  g_assert_true (annota_document_get_modified (before));
  {
    g_autofree char *now = ui_test_describe_spans (before);

    g_assert_cmpstr (now, ==, mine);
  }
  g_assert_cmpstr (title (f->window), ==, "doc-2 •");
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, "corpus · 2 of 3");
  g_assert_cmpstr (row_spans (f->window, "doc-2 •"), ==, "3");

  /* Keep Mine, and Save: the window's version is the file again. */
  click (GTK_WIDGET (bar), "_Keep Mine");
  g_assert_false (gtk_info_bar_get_revealed (bar));
  activate (f->window, "win.save", NULL);
  g_assert_false (annota_document_get_modified (before));
  {
    g_autoptr(AnnotaDocument) saved = annota_document_load_file (json2, NULL, NULL, &error);
    g_autofree char *spans = NULL;

    g_assert_no_error (error);
    spans = ui_test_describe_spans (saved);
    g_assert_cmpstr (spans, ==, mine);
  }
}

/* A JSONL corpus another program changed: its lines may have moved, so
 * nothing is read again; the window stays in the corpus with the user's
 * version, and Save says why it cannot write it there. */
static void
test_reload_jsonl (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "news.jsonl", NULL);
  g_autofree char *message = NULL;
  g_autofree char *contents = NULL;
  const char *lines =
    "{\"text\": \"Ông John Kerry tuyên bố ở Matxcơva.\"}\n"
    "{\"text\": \"Ngoại trưởng Sergei Lavrov.\"}\n";
  const char *theirs =
    "{\"text\": \"Tổng thống Nga Vladimir Putin.\"}\n"
    "{\"text\": \"Ông John Kerry tuyên bố ở Matxcơva.\"}\n"
    "{\"text\": \"Ngoại trưởng Sergei Lavrov.\"}\n";
  AnnotaCorpus *corpus;
  AnnotaDocument *document;

  ui_test_write_file (path, lines, -1);
  load_corpus (f->window, path);
  corpus = f->window->corpus;
  document = annota_window_get_document (f->window);
  label_with_key (f->window, "John Kerry", GDK_KEY_1);

  ui_test_write_file (path, theirs, -1);
  ui_test_run_for (1000);
  g_assert_false (changed_bar_shown (f->window));
  g_assert_true (f->window->corpus == corpus);
  g_assert_true (annota_window_get_document (f->window) == document);
  g_assert_true (annota_document_get_modified (document));
  g_assert_cmpstr (title (f->window), ==, "1 •");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  ui_test_flush_events ();
  message = g_strdup_printf ("Could not save: %s: the file changed on disk since the corpus was opened; open it again", path);
  g_assert_true (ui_test_toast_shows (f->window, message, TRUE));
  g_assert_true (f->window->corpus == corpus);
  g_assert_true (annota_window_get_document (f->window) == document);
  g_assert_true (annota_document_get_modified (document));
  contents = ui_test_read_file (path, NULL);
  g_assert_cmpstr (contents, ==, theirs);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!ui_test_init (&argc, &argv, "/annota/corpus-ui/no-display"))
    return g_test_run ();

  app = ui_test_application_new (G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/annota/corpus-ui/open-folder", test_open_folder);
  ADD ("/annota/corpus-ui/label-switch-save", test_label_switch_save);
  ADD ("/annota/corpus-ui/done-next-todo-reopen", test_done_next_todo_reopen);
  ADD ("/annota/corpus-ui/search-all", test_search_all);
  ADD ("/annota/corpus-ui/jsonl", test_jsonl_corpus);
  ADD ("/annota/corpus-ui/export", test_export);
  ADD ("/annota/corpus-ui/export-cancel", test_export_cancel);
  ADD ("/annota/corpus-ui/export-name", test_export_name);
  ADD ("/annota/corpus-ui/scan-cancel", test_scan_cancel);
  ADD ("/annota/corpus-ui/import-doccano", test_import_doccano);
  ADD ("/annota/corpus-ui/save-error", test_save_error);
  ADD ("/annota/corpus-ui/load-warning", test_load_warning);
  ADD ("/annota/corpus-ui/leave-corpus", test_leave_corpus);
  ADD ("/annota/corpus-ui/subfolders", test_subfolders);
  ADD ("/annota/corpus-ui/watch", test_watch);
  ADD ("/annota/corpus-ui/open-document-removed", test_open_document_removed);
  ADD ("/annota/corpus-ui/reload", test_reload);
  ADD ("/annota/corpus-ui/reload-jsonl", test_reload_jsonl);

  ret = g_test_run ();

  ui_test_application_free (app);
  return ret;
}
