/* test-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Corpora: listing in natural order without reading documents, loading
 * when opened and keeping the document, the shared label set and the
 * labels a document adds to it, state and span counts, next-todo, saving
 * through the corpus (index, labels.json, plain texts, JSONL lines kept
 * byte for byte), search, cancellation and a folder of 10,000 documents;
 * subfolders (hidden ones, links, depth, the index), a folder followed
 * as other programs change it, and a document read again after another
 * program changed its file.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libglib-testing/signal-logger.h>

#include "annota-core.h"
#include "annota-corpus.h"
#include "annota-corpus-private.h"
#include "test-signals.h"

/* Helpers */

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("annota-corpus-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_remove (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  FILE *file;

  /* Without g_file_set_contents's fsync, which for 10,000 files takes
   * most of a minute (and G_FILE_SET_CONTENTS_NONE does not truncate in
   * GLib 2.74). */
  file = fopen (path, "wb");

  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (contents, 1, strlen (contents), file), ==, strlen (contents));
  g_assert_cmpint (fclose (file), ==, 0);
  return path;
}

static void
put_file (const char *dir,
          const char *name,
          const char *contents)
{
  g_free (write_file (dir, name, contents));
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* A native document; spans is the inside of the "spans" array. */
static char *
doc_json (const char *text,
          const char *state,
          const char *labels,
          const char *spans)
{
  return g_strdup_printf ("{\"annota\": 1, \"text\": \"%s\"%s%s%s, \"spans\": [%s], \"state\": \"%s\"}\n",
                          text,
                          labels != NULL ? ", \"labels\": [" : "",
                          labels != NULL ? labels : "",
                          labels != NULL ? "]" : "",
                          spans != NULL ? spans : "", state);
}

static void
put_doc (const char *dir,
         const char *name,
         const char *text,
         const char *state,
         const char *labels,
         const char *spans)
{
  g_autofree char *json = doc_json (text, state, labels, spans);
  put_file (dir, name, json);
}

static const char *default_labels =
  "{\"id\": \"PER\", \"name\": \"Person\", \"color\": \"#3584e4\", \"key\": \"1\"}, "
  "{\"id\": \"LOC\", \"name\": \"Location\", \"color\": \"#33d17a\", \"key\": \"2\"}";

static void
put_labels (const char *dir)
{
  g_autofree char *json = g_strdup_printf ("{\"annota\": 1, \"labels\": [%s]}\n", default_labels);
  put_file (dir, "labels.json", json);
}

static AnnotaCorpus *
open_corpus (const char *path)
{
  g_autoptr(GError) error = NULL;
  AnnotaCorpus *corpus = annota_corpus_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (corpus);
  return corpus;
}

static AnnotaDocument *
load (AnnotaCorpus *corpus,
      guint         position)
{
  g_autoptr(GError) error = NULL;
  AnnotaDocument *document = annota_corpus_load_document (corpus, position, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static void
save (AnnotaCorpus *corpus,
      guint         position)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (annota_corpus_save_document (corpus, position, &error));
  g_assert_no_error (error);
}

static void
scan (AnnotaCorpus *corpus)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (annota_corpus_scan (corpus, NULL, &error));
  g_assert_no_error (error);
}

static char *
entry_names (AnnotaCorpus *corpus)
{
  GString *out = g_string_new ("");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (corpus));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AnnotaCorpusEntry) entry = g_list_model_get_item (G_LIST_MODEL (corpus), i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, annota_corpus_entry_get_name (entry));
    }
  return g_string_free (out, FALSE);
}

/* "state/accepted/suggested" of each entry. */
static char *
entry_states (AnnotaCorpus *corpus)
{
  GString *out = g_string_new ("");
  guint n = annota_corpus_get_n_documents (corpus);

  for (guint i = 0; i < n; i++)
    {
      AnnotaCorpusEntry *entry = annota_corpus_peek_entry (corpus, i);
      int state = annota_corpus_entry_get_state (entry);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s/%u/%u",
                              state < 0 ? "?" : annota_document_state_to_string (state),
                              annota_corpus_entry_get_n_spans (entry),
                              annota_corpus_entry_get_n_suggested (entry));
    }
  return g_string_free (out, FALSE);
}

static char *
label_ids (AnnotaLabelSet *labels)
{
  GString *out = g_string_new ("");

  for (guint i = 0; i < annota_label_set_get_n_labels (labels); i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, annota_label_get_id (annota_label_set_peek (labels, i)));
    }
  return g_string_free (out, FALSE);
}

static void
set_mtime_later (const char *path)
{
  struct timespec times[2] = { { 0, UTIME_OMIT }, { 2000000000, 0 } };

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

/* Listing */

static void
test_list_folder (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *sub = g_build_filename (dir, "sub.json", NULL);
  g_autoptr(AnnotaCorpus) corpus = NULL;
  g_autofree char *names = NULL;
  AnnotaCorpusEntry *entry;
  g_autofree char *expected_path = NULL;

  put_labels (dir);
  put_doc (dir, "doc-10.json", "ten", "todo", NULL, NULL);
  put_doc (dir, "doc-2.json", "two", "todo", NULL, NULL);
  put_doc (dir, "doc-1.json", "one", "todo", NULL, NULL);
  put_file (dir, "notes.md", "not a document");
  put_file (dir, ".hidden.json", "{}");
  put_file (dir, "a.txt", "plain text");
  put_file (dir, "doc-2.txt", "the text doc-2.json came from");
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);

  corpus = open_corpus (dir);
  names = entry_names (corpus);
  g_assert_cmpstr (names, ==, "a doc-1 doc-2 doc-10");
  g_assert_cmpuint (annota_corpus_get_n_documents (corpus), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus)), ==, 4);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (corpus)) == ANNOTA_TYPE_CORPUS_ENTRY);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (corpus), 4));
  g_assert_cmpint (annota_corpus_get_kind (corpus), ==, ANNOTA_CORPUS_KIND_FOLDER);
  g_assert_cmpstr (annota_corpus_get_path (corpus), ==, dir);
  g_assert_cmpuint (annota_corpus_get_warnings (corpus)->len, ==, 0);

  /* doc-2.json, not the text it was made from. */
  entry = annota_corpus_peek_entry (corpus, 2);
  expected_path = g_build_filename (dir, "doc-2.json", NULL);
  g_assert_cmpstr (annota_corpus_entry_get_path (entry), ==, expected_path);
  g_assert_cmpuint (annota_corpus_entry_get_line (entry), ==, 0);

  /* A plain text is a new document: known without reading it. */
  entry = annota_corpus_peek_entry (corpus, 0);
  g_assert_cmpint (annota_corpus_entry_get_state (entry), ==, ANNOTA_DOCUMENT_STATE_TODO);
  g_assert_cmpint (annota_corpus_entry_get_state (annota_corpus_peek_entry (corpus, 1)), ==,
                   ANNOTA_CORPUS_STATE_UNKNOWN);

  g_assert_true (annota_corpus_find (corpus, "doc-10", NULL));
  g_assert_false (annota_corpus_find (corpus, "notes", NULL));

  g_assert_finalize_object (g_steal_pointer (&corpus));
  remove_tree (dir);
}

static void
test_natural_order (void)
{
  const char *sorted[] = {
    "", "01", "1", "2", "10", "a", "a/b", "a/c2", "a/c10", "a/c10/d", "a b", "B", "doc", "doc-1", "doc-02", "doc-2", "doc-9", "doc-10",
    "doc-10a", "doc-10b", "doc-11", "doc-100", "x99999999999999999999", "x100000000000000000000",
    "é",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    for (guint j = 0; j < G_N_ELEMENTS (sorted); j++)
      {
        int cmp = _annota_natural_compare (sorted[i], sorted[j]);

        if (i < j)
          g_assert_cmpint (cmp, <, 0);
        else if (i > j)
          g_assert_cmpint (cmp, >, 0);
        else
          g_assert_cmpint (cmp, ==, 0);
      }
}

static void
test_list_errors (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr(GError) error = NULL;
  AnnotaCorpus *corpus;

  corpus = annota_corpus_open (missing, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (corpus);
  g_clear_error (&error);

  put_file (dir, "labels.json", "{\"annota\": 1, \"labels\": [");
  corpus = annota_corpus_open (dir, NULL, &error);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX);
  g_assert_null (corpus);

  remove_tree (dir);
}

/* Lazy loading */

static void
test_lazy (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(AnnotaCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  AnnotaDocument *doc1, *doc2;
  AnnotaCorpusEntry *entry;

  put_labels (dir);
  put_doc (dir, "doc-1.json", "John lives in Moscow", "in-progress", NULL,
           "{\"start\": 0, \"end\": 4, \"label\": \"PER\"}");
  put_doc (dir, "doc-2.json", "Ada", "todo", NULL, NULL);
  put_file (dir, "doc-3.json", "{\"annota\": 1, \"text\": 12}");

  corpus = open_corpus (dir);
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 0);
  entry = annota_corpus_peek_entry (corpus, 0);
  g_assert_false (annota_corpus_entry_get_loaded (entry));
  g_assert_null (annota_corpus_entry_get_document (entry));
  g_assert_cmpint (annota_corpus_entry_get_state (entry), ==, ANNOTA_CORPUS_STATE_UNKNOWN);

  doc1 = load (corpus, 0);
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 1);
  g_assert_true (annota_corpus_entry_get_loaded (entry));
  g_assert_true (annota_corpus_entry_get_document (entry) == doc1);
  g_assert_true (annota_document_get_labels (doc1) == annota_corpus_get_labels (corpus));
  g_assert_cmpint (annota_corpus_entry_get_state (entry), ==, ANNOTA_DOCUMENT_STATE_IN_PROGRESS);
  g_assert_cmpuint (annota_corpus_entry_get_n_spans (entry), ==, 1);
  g_assert_nonnull (annota_document_get_file (doc1));
  g_assert_cmpint (annota_corpus_entry_get_state (annota_corpus_peek_entry (corpus, 1)), ==,
                   ANNOTA_CORPUS_STATE_UNKNOWN);

  /* Kept for the session, with its history. */
  g_assert_nonnull (annota_document_add_span (doc1, 14, 20, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED,
                                              "manual", -1, &error));
  g_assert_no_error (error);
  doc2 = load (corpus, 1);
  g_assert_true (doc2 != doc1);
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 2);
  g_assert_true (load (corpus, 0) == doc1);
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 2);
  g_assert_true (annota_document_get_can_undo (doc1));
  g_assert_true (annota_corpus_entry_get_modified (entry));

  /* A broken document is reported when opened, and stays unloaded. */
  g_assert_null (annota_corpus_load_document (corpus, 2, &error));
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE);
  g_assert_nonnull (strstr (error->message, "doc-3.json"));
  g_assert_false (annota_corpus_entry_get_loaded (annota_corpus_peek_entry (corpus, 2)));
  g_assert_cmpstr (annota_corpus_entry_get_problem (annota_corpus_peek_entry (corpus, 2)), ==,
                   error->message);
  g_assert_null (annota_corpus_entry_get_problem (entry));

  g_assert_finalize_object (g_steal_pointer (&corpus));
  remove_tree (dir);
}

static void
test_problems (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *broken = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  AnnotaCorpus *corpus;
  AnnotaCorpusEntry *entry;
  GtSignalLogger *logger;

  put_doc (dir, "a.json", "fine", "done", NULL, NULL);
  broken = write_file (dir, "b.json", "{\"annota\": 1, \"text\": ");

  corpus = open_corpus (dir);
  entry = annota_corpus_peek_entry (corpus, 1);
  g_assert_null (annota_corpus_entry_get_problem (entry));

  logger = gt_signal_logger_new ();
  gt_signal_logger_connect (logger, entry, "notify");
  scan (corpus);
  gt_signal_logger_assert_notify_emission_pop (logger, entry, "problem");
  gt_signal_logger_assert_no_emissions (logger);
  gt_signal_logger_free (logger);
  expected = g_strdup_printf ("%s: parse error: premature EOF", broken);
  g_assert_cmpstr (annota_corpus_entry_get_problem (entry), ==, expected);
  g_assert_cmpint (annota_corpus_entry_get_state (entry), ==, ANNOTA_CORPUS_STATE_UNKNOWN);

  /* Unknown still needs a look. */
  g_assert_cmpuint (annota_corpus_find_next_todo (corpus, 0), ==, 1);

  g_assert_null (annota_corpus_load_document (corpus, 1, &error));
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX);
  g_assert_cmpstr (annota_corpus_entry_get_problem (entry), ==, error->message);

  g_assert_finalize_object (corpus);
  remove_tree (dir);
}

/* The index */

static void
test_index (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *index = g_build_filename (dir, ".annota-index.json", NULL);
  g_autofree char *doc2 = NULL;
  g_autofree char *states = NULL;
  AnnotaCorpus *corpus;

  put_labels (dir);
  put_doc (dir, "doc-1.json", "John in Moscow", "done", NULL,
           "{\"start\": 0, \"end\": 4, \"label\": \"PER\"}, "
           "{\"start\": 8, \"end\": 14, \"label\": \"LOC\", \"status\": \"suggested\"}");
  put_doc (dir, "doc-2.json", "Ada", "in-progress", NULL,
           "{\"start\": 0, \"end\": 3, \"label\": \"PER\", \"status\": \"rejected\"}");
  put_file (dir, "doc-3.txt", "Plain");

  corpus = open_corpus (dir);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "?/0/0 ?/0/0 todo/0/0");
  g_clear_pointer (&states, g_free);
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));

  scan (corpus);
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 3);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "done/1/1 in-progress/0/0 todo/0/0");
  g_clear_pointer (&states, g_free);
  g_assert_true (g_file_test (index, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (annota_corpus_get_n_characters (corpus), ==, 14 + 3 + 5);
  g_assert_finalize_object (corpus);

  /* Fresh records: nothing is read. */
  corpus = open_corpus (dir);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "done/1/1 in-progress/0/0 todo/0/0");
  g_clear_pointer (&states, g_free);
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 0);
  g_assert_cmpuint (annota_corpus_count_spans (corpus, "PER", ANNOTA_SPAN_STATUS_REJECTED), ==, 1);
  g_assert_cmpuint (annota_corpus_get_n_characters (corpus), ==, 14 + 3);
  g_assert_finalize_object (corpus);

  /* A file changed behind the index's back is unknown again. */
  doc2 = doc_json ("Ada Lovelace", "done", NULL, NULL);
  put_file (dir, "doc-2.json", doc2);
  corpus = open_corpus (dir);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "done/1/1 ?/0/0 todo/0/0");
  g_clear_pointer (&states, g_free);
  g_assert_finalize_object (corpus);

  /* A record that is not what we write is skipped; the others count. */
  corpus = open_corpus (dir);
  scan (corpus);
  g_assert_finalize_object (corpus);
  {
    g_autofree char *contents = read_file (index);
    g_auto(GStrv) parts = g_strsplit (contents, "\"state\": \"done\"", 2);
    g_autofree char *bad = NULL;

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    bad = g_strjoinv ("\"state\": 123456", parts);
    put_file (dir, ".annota-index.json", bad);
  }
  corpus = open_corpus (dir);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "?/0/0 done/0/0 todo/0/0");
  g_clear_pointer (&states, g_free);
  g_assert_finalize_object (corpus);

  /* A broken index is only a cache: ignored. */
  put_file (dir, ".annota-index.json", "{\"documents\": [{\"file\": 3}");
  corpus = open_corpus (dir);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "?/0/0 ?/0/0 todo/0/0");
  g_clear_pointer (&states, g_free);
  g_assert_finalize_object (corpus);

  remove_tree (dir);
}

/* Labels */

static void
test_labels_merge (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *labels_path = g_build_filename (dir, "labels.json", NULL);
  g_autoptr(AnnotaCorpus) corpus = NULL;
  g_autoptr(AnnotaLabelSet) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  AnnotaLabelSet *labels;
  AnnotaCorpusEntry *entry;
  GPtrArray *warnings;

  put_labels (dir);
  /* doc-1 uses the set's labels only; doc-2 has its own PER (another
   * colour: the set wins) and an EVT the set lacks. */
  put_doc (dir, "doc-1.json", "John", "todo", NULL, "{\"start\": 0, \"end\": 4, \"label\": \"PER\"}");
  put_doc (dir, "doc-2.json", "Moscow Games", "todo",
           "{\"id\": \"PER\", \"name\": \"Person\", \"color\": \"#000000\", \"key\": \"9\"}, "
           "{\"id\": \"LOC\"}, "
           "{\"id\": \"EVT\", \"name\": \"Event\", \"color\": \"#9141ac\", \"key\": \"5\"}",
           "{\"start\": 0, \"end\": 12, \"label\": \"EVT\"}");

  corpus = open_corpus (dir);
  labels = annota_corpus_get_labels (corpus);
  ids = label_ids (labels);
  g_assert_cmpstr (ids, ==, "PER LOC");
  g_clear_pointer (&ids, g_free);

  load (corpus, 0);
  g_assert_null (annota_corpus_entry_get_warnings (annota_corpus_peek_entry (corpus, 0)));

  load (corpus, 1);
  entry = annota_corpus_peek_entry (corpus, 1);
  ids = label_ids (labels);
  g_assert_cmpstr (ids, ==, "PER LOC EVT");
  g_assert_cmpstr (annota_label_get_color (annota_label_set_lookup (labels, "PER")), ==, "#3584e4");
  g_assert_cmpstr (annota_label_get_name (annota_label_set_lookup (labels, "EVT")), ==, "Event");
  warnings = annota_corpus_entry_get_warnings (entry);
  g_assert_nonnull (warnings);
  g_assert_cmpuint (warnings->len, ==, 2);
  /* LOC gives only its id: nothing differs. */
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==,
                   "doc-2: label “PER” is defined otherwise here (colour “#000000”, key “9”); the corpus’s labels.json is used");
  g_assert_cmpstr (g_ptr_array_index (warnings, 1), ==,
                   "doc-2: label “EVT” is not in the corpus’s labels.json; it was added to the corpus’s labels");
  g_assert_cmpstr (annota_label_get_key (annota_label_set_lookup (labels, "PER")), ==, "1");

  /* labels.json learns it on the next save. */
  save (corpus, 1);
  saved = annota_label_set_load_file (labels_path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_free);
  ids = label_ids (saved);
  g_assert_cmpstr (ids, ==, "PER LOC EVT");

  remove_tree (dir);
}

static void
test_labels_union (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *labels_path = g_build_filename (dir, "labels.json", NULL);
  g_autoptr(AnnotaCorpus) corpus = NULL;
  g_autofree char *ids = NULL;

  /* No labels.json: the set is the documents' labels, no warnings. */
  put_doc (dir, "a.json", "John", "todo", "{\"id\": \"PER\"}", "{\"start\": 0, \"end\": 4, \"label\": \"PER\"}");
  put_doc (dir, "b.json", "Moscow", "todo", "{\"id\": \"LOC\"}, {\"id\": \"PER\"}", NULL);

  corpus = open_corpus (dir);
  g_assert_cmpuint (annota_label_set_get_n_labels (annota_corpus_get_labels (corpus)), ==, 0);
  scan (corpus);
  ids = label_ids (annota_corpus_get_labels (corpus));
  g_assert_cmpstr (ids, ==, "PER LOC");
  load (corpus, 1);
  g_assert_null (annota_corpus_entry_get_warnings (annota_corpus_peek_entry (corpus, 1)));
  g_assert_false (g_file_test (labels_path, G_FILE_TEST_EXISTS));

  /* The first save declares the set. */
  save (corpus, 1);
  g_assert_true (g_file_test (labels_path, G_FILE_TEST_EXISTS));

  remove_tree (dir);
}

/* Progress */

static void
test_state_counts (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(AnnotaCorpus) corpus = NULL;
  g_auto(GStrv) span_labels = NULL;
  GtSignalLogger *logger;
  AnnotaDocument *document;
  AnnotaCorpusEntry *entry;
  g_autoptr(GError) error = NULL;

  put_labels (dir);
  put_doc (dir, "d1.json", "John in Moscow", "todo", NULL,
           "{\"start\": 0, \"end\": 4, \"label\": \"PER\"}, "
           "{\"start\": 8, \"end\": 14, \"label\": \"LOC\", \"status\": \"suggested\"}");
  put_doc (dir, "d2.json", "Ada", "in-progress", NULL,
           "{\"start\": 0, \"end\": 3, \"label\": \"PER\"}");
  put_doc (dir, "d3.json", "x", "done", NULL, NULL);
  put_doc (dir, "d4.json", "y", "done", NULL, NULL);
  put_doc (dir, "d5.json", "z", "todo", NULL, NULL);

  corpus = open_corpus (dir);
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_CORPUS_STATE_UNKNOWN), ==, 5);
  scan (corpus);
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_CORPUS_STATE_UNKNOWN), ==, 0);
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_DOCUMENT_STATE_TODO), ==, 2);
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_DOCUMENT_STATE_IN_PROGRESS), ==, 1);
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_DOCUMENT_STATE_DONE), ==, 2);
  g_assert_cmpuint (annota_corpus_count_spans (corpus, NULL, -1), ==, 3);
  g_assert_cmpuint (annota_corpus_count_spans (corpus, "PER", -1), ==, 2);
  g_assert_cmpuint (annota_corpus_count_spans (corpus, "LOC", ANNOTA_SPAN_STATUS_SUGGESTED), ==, 1);
  g_assert_cmpuint (annota_corpus_count_spans (corpus, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED), ==, 0);
  g_assert_cmpuint (annota_corpus_count_spans (corpus, "ORG", -1), ==, 0);
  span_labels = annota_corpus_list_span_labels (corpus);
  g_assert_cmpstrv (span_labels, ((const char *[]) { "PER", "LOC", NULL }));

  /* A loaded document counts live, and the entry notifies real changes. */
  document = load (corpus, 0);
  entry = annota_corpus_peek_entry (corpus, 0);
  logger = gt_signal_logger_new ();
  gt_signal_logger_connect (logger, entry, "notify");
  gt_signal_logger_connect (logger, corpus, "progress-changed");

  annota_document_set_state (document, ANNOTA_DOCUMENT_STATE_DONE);
  gt_signal_logger_assert_notify_emission_pop (logger, entry, "state");
  gt_signal_logger_assert_emission_pop (logger, corpus, "progress-changed", NULL);
  gt_signal_logger_assert_notify_emission_pop (logger, entry, "modified");
  gt_signal_logger_assert_emission_pop (logger, corpus, "progress-changed", NULL);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_DOCUMENT_STATE_DONE), ==, 3);

  annota_document_add_span (document, 5, 7, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, &error);
  g_assert_no_error (error);
  gt_signal_logger_assert_notify_emission_pop (logger, entry, "n-spans");
  gt_signal_logger_assert_emission_pop (logger, corpus, "progress-changed", NULL);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (annota_corpus_entry_get_n_spans (entry), ==, 2);
  g_assert_cmpuint (annota_corpus_count_spans (corpus, "LOC", -1), ==, 2);

  /* Nothing changes, nothing is notified. */
  annota_document_set_state (document, ANNOTA_DOCUMENT_STATE_DONE);
  gt_signal_logger_assert_no_emissions (logger);

  gt_signal_logger_free (logger);
  remove_tree (dir);
}

static void
test_next_todo (void)
{
  g_autofree char *dir = make_dir ();
  AnnotaCorpus *corpus;

  put_doc (dir, "d1.json", "a", "done", NULL, NULL);
  put_doc (dir, "d2.json", "b", "todo", NULL, NULL);
  put_doc (dir, "d3.json", "c", "done", NULL, NULL);
  put_doc (dir, "d4.json", "d", "in-progress", NULL, NULL);

  corpus = open_corpus (dir);
  g_assert_cmpuint (annota_corpus_find_next_todo (corpus, ANNOTA_CORPUS_NO_POSITION), ==, 1);
  /* Only the documents on the way were read. */
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 2);
  g_assert_cmpint (annota_corpus_entry_get_state (annota_corpus_peek_entry (corpus, 2)), ==,
                   ANNOTA_CORPUS_STATE_UNKNOWN);
  g_assert_cmpuint (annota_corpus_find_next_todo (corpus, 1), ==, 3);
  g_assert_cmpuint (annota_corpus_find_next_todo (corpus, 3), ==, 1);
  g_assert_cmpuint (annota_corpus_find_next_todo (corpus, 2), ==, 3);

  annota_document_set_state (load (corpus, 1), ANNOTA_DOCUMENT_STATE_DONE);
  g_assert_cmpuint (annota_corpus_find_next_todo (corpus, 1), ==, 3);
  /* Every other document is done. */
  g_assert_cmpuint (annota_corpus_find_next_todo (corpus, 3), ==, ANNOTA_CORPUS_NO_POSITION);

  g_assert_cmpuint (annota_corpus_get_next (corpus, ANNOTA_CORPUS_NO_POSITION), ==, 0);
  g_assert_cmpuint (annota_corpus_get_next (corpus, 2), ==, 3);
  g_assert_cmpuint (annota_corpus_get_next (corpus, 3), ==, ANNOTA_CORPUS_NO_POSITION);
  g_assert_cmpuint (annota_corpus_get_previous (corpus, 0), ==, ANNOTA_CORPUS_NO_POSITION);
  g_assert_cmpuint (annota_corpus_get_previous (corpus, 3), ==, 2);
  g_assert_cmpuint (annota_corpus_get_previous (corpus, ANNOTA_CORPUS_NO_POSITION), ==, 3);

  g_assert_finalize_object (corpus);
  remove_tree (dir);
}

/* Saving */

static void
test_save_updates_entry (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *index = NULL;
  g_autofree char *index_path = g_build_filename (dir, ".annota-index.json", NULL);
  g_autofree char *states = NULL;
  g_autoptr(GError) error = NULL;
  AnnotaCorpus *corpus;
  AnnotaDocument *document;
  AnnotaCorpusEntry *entry;
  GtSignalLogger *logger;

  put_labels (dir);
  put_doc (dir, "a.json", "John in Moscow", "todo", NULL, NULL);
  put_doc (dir, "b.json", "Ada", "todo", NULL, NULL);
  path = g_build_filename (dir, "a.json", NULL);

  corpus = open_corpus (dir);
  entry = annota_corpus_peek_entry (corpus, 0);
  document = load (corpus, 0);
  annota_document_add_span (document, 0, 4, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, &error);
  g_assert_no_error (error);
  annota_document_set_state (document, ANNOTA_DOCUMENT_STATE_DONE);
  g_assert_true (annota_corpus_entry_get_modified (entry));

  logger = gt_signal_logger_new ();
  gt_signal_logger_connect (logger, entry, "notify");
  save (corpus, 0);
  gt_signal_logger_assert_notify_emission_pop (logger, entry, "modified");
  gt_signal_logger_assert_no_emissions (logger);
  gt_signal_logger_free (logger);
  g_assert_false (annota_corpus_entry_get_modified (entry));
  g_assert_false (annota_document_get_modified (document));

  json = annota_document_to_json (document, NULL);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, json);

  index = read_file (index_path);
  g_assert_nonnull (strstr (index, "{\"file\": \"a.json\", \"mtime\": "));
  g_assert_nonnull (strstr (index, ", \"state\": \"done\", \"length\": 14, \"spans\": {\"PER\": [0, 1, 0]}}"));
  g_assert_null (strstr (index, "b.json"));

  /* Saving what is not loaded does nothing. */
  save (corpus, 1);
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 1);
  g_assert_finalize_object (corpus);

  corpus = open_corpus (dir);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "done/1/0 ?/0/0");
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 0);

  /* save_modified saves the modified ones only. */
  annota_document_set_state (load (corpus, 1), ANNOTA_DOCUMENT_STATE_IN_PROGRESS);
  load (corpus, 0);
  g_assert_true (annota_corpus_save_modified (corpus, &error));
  g_assert_no_error (error);
  g_assert_false (annota_corpus_entry_get_modified (annota_corpus_peek_entry (corpus, 1)));
  g_assert_finalize_object (corpus);

  corpus = open_corpus (dir);
  g_clear_pointer (&states, g_free);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "done/1/0 in-progress/0/0");
  g_assert_finalize_object (corpus);

  remove_tree (dir);
}

static void
test_text_folder (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *json_path = g_build_filename (dir, "b.json", NULL);
  g_autofree char *txt_path = g_build_filename (dir, "b.txt", NULL);
  g_autofree char *labels_path = g_build_filename (dir, "labels.json", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  AnnotaCorpus *corpus;
  AnnotaDocument *document;
  AnnotaCorpusEntry *entry;

  put_file (dir, "a.txt", "First text.");
  put_file (dir, "b.txt", "Sergey Lavrov in Moscow.");
  put_file (dir, "c.txt", "bad \xff bytes");

  corpus = open_corpus (dir);
  g_assert_cmpuint (annota_label_set_get_n_labels (annota_corpus_get_labels (corpus)), ==, 4);
  document = load (corpus, 1);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (document)), ==, "Sergey Lavrov in Moscow.");
  g_assert_null (annota_document_get_file (document));
  g_assert_false (annota_document_get_modified (document));
  g_assert_false (g_file_test (json_path, G_FILE_TEST_EXISTS));

  g_assert_null (annota_corpus_load_document (corpus, 2, &error));
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX);
  g_clear_error (&error);

  annota_document_add_span (document, 0, 13, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, &error);
  g_assert_no_error (error);
  save (corpus, 1);
  entry = annota_corpus_peek_entry (corpus, 1);
  g_assert_true (g_file_test (json_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (txt_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (labels_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (annota_corpus_entry_get_path (entry), ==, json_path);
  g_assert_nonnull (annota_document_get_file (document));
  g_assert_finalize_object (corpus);

  corpus = open_corpus (dir);
  names = entry_names (corpus);
  g_assert_cmpstr (names, ==, "a b c");
  entry = annota_corpus_peek_entry (corpus, 1);
  g_assert_cmpstr (annota_corpus_entry_get_path (entry), ==, json_path);
  g_assert_cmpuint (annota_corpus_entry_get_n_spans (entry), ==, 1);
  g_assert_finalize_object (corpus);

  remove_tree (dir);
}

/* JSONL */

static void
test_jsonl_round_trip (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *line1 = doc_json ("John", "done", "{\"id\": \"PER\"}",
                                     "{\"start\": 0, \"end\": 4, \"label\": \"PER\"}");
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *names = NULL;
  g_autofree char *states = NULL;
  g_autoptr(GError) error = NULL;
  AnnotaCorpus *corpus;
  AnnotaDocument *document;
  const char *rest;

  g_strchomp (line1);
  contents = g_strconcat (line1, "\n",
                          "\n",
                          "{\"text\": \"Ada in London\", \"meta\": {\"id\": 7}}\n",
                          "{\"annota\": 1, \"text\": \"crlf\", \"labels\": [{\"id\": \"LOC\"}], \"spans\": [], \"state\": \"in-progress\"}\r\n",
                          "{\"text\": \"last, no line end\"}",
                          NULL);
  path = write_file (dir, "corpus.jsonl", contents);

  corpus = open_corpus (path);
  g_assert_cmpint (annota_corpus_get_kind (corpus), ==, ANNOTA_CORPUS_KIND_JSONL);
  names = entry_names (corpus);
  g_assert_cmpstr (names, ==, "1 3 4 5");
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "done/1/0 todo/0/0 in-progress/0/0 todo/0/0");
  g_assert_cmpuint (annota_corpus_entry_get_line (annota_corpus_peek_entry (corpus, 1)), ==, 3);
  g_clear_pointer (&names, g_free);
  names = label_ids (annota_corpus_get_labels (corpus));
  g_assert_cmpstr (names, ==, "PER LOC");
  g_assert_cmpuint (annota_corpus_get_n_characters (corpus), ==, 4 + 13 + 4 + 17);

  /* A {"text": …} line becomes a document that keeps its other members. */
  document = load (corpus, 1);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (document)), ==, "Ada in London");
  g_assert_cmpstr (annota_document_get_extra_member (document, "meta"), ==, "{\"id\": 7}");
  annota_document_add_span (document, 7, 13, "LOC", ANNOTA_SPAN_STATUS_SUGGESTED, "model", 0.5, &error);
  g_assert_no_error (error);
  annota_document_set_state (load (corpus, 2), ANNOTA_DOCUMENT_STATE_DONE);
  save (corpus, 1);

  /* Line 3 is the document on one line; every other byte is as it was,
   * including line 4, which is modified but not saved. */
  after = read_file (path);
  expected = g_strconcat (line1, "\n\n",
                          "{\"annota\": 1, \"text\": \"Ada in London\", \"labels\": ["
                          "{\"id\": \"PER\", \"name\": \"PER\", \"color\": \"#3584e4\"}, "
                          "{\"id\": \"LOC\", \"name\": \"LOC\", \"color\": \"#3584e4\"}], "
                          "\"spans\": [{\"start\": 7, \"end\": 13, \"label\": \"LOC\", \"status\": \"suggested\", \"origin\": \"model\", \"score\": 0.5}], "
                          "\"state\": \"todo\", \"meta\": {\"id\": 7}}\n",
                          NULL);
  g_assert_true (g_str_has_prefix (after, expected));
  rest = after + strlen (expected);
  g_assert_cmpstr (rest, ==, "{\"annota\": 1, \"text\": \"crlf\", \"labels\": [{\"id\": \"LOC\"}], \"spans\": [], \"state\": \"in-progress\"}\r\n"
                             "{\"text\": \"last, no line end\"}");

  /* Offsets moved with the line: line 4 saves into its own place. */
  save (corpus, 2);
  g_free (after);
  after = read_file (path);
  g_assert_true (g_str_has_prefix (after, expected));
  rest = after + strlen (expected);
  g_assert_true (g_str_has_prefix (rest, "{\"annota\": 1, \"text\": \"crlf\""));
  g_assert_true (g_str_has_suffix (rest, "\"state\": \"done\"}\r\n{\"text\": \"last, no line end\"}"));
  g_assert_finalize_object (corpus);

  corpus = open_corpus (path);
  g_clear_pointer (&states, g_free);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "done/1/0 todo/0/1 done/0/0 todo/0/0");
  document = load (corpus, 1);
  g_assert_cmpuint (annota_span_store_get_n_spans (annota_document_get_spans (document)), ==, 1);
  document = load (corpus, 3);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (document)), ==, "last, no line end");

  /* Changed on disk since: not saved over. */
  annota_document_set_state (document, ANNOTA_DOCUMENT_STATE_DONE);
  set_mtime_later (path);
  g_assert_false (annota_corpus_save_document (corpus, 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_assert_null (annota_corpus_load_document (corpus, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_assert_finalize_object (corpus);

  remove_tree (dir);
}

static void
test_jsonl_text_lines (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = write_file (dir, "spacy.jsonl",
                                      "{\"text\": \"Ada in London\", \"spans\": [{\"start\": 7, \"end\": 13, \"label\": \"GPE\", \"token_start\": 2}], \"answer\": \"accept\"}\n"
                                      "{\"text\": \"Bob\"}\n");
  g_autofree char *ids = NULL;
  g_autofree char *states = NULL;
  g_autofree char *after = NULL;
  AnnotaCorpus *corpus;
  AnnotaDocument *document;
  AnnotaSpan *span;

  corpus = open_corpus (path);
  /* The labels its spans use, not the default set. */
  ids = label_ids (annota_corpus_get_labels (corpus));
  g_assert_cmpstr (ids, ==, "GPE");
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "todo/1/0 todo/0/0");

  document = load (corpus, 0);
  g_assert_cmpuint (annota_span_store_get_n_spans (annota_document_get_spans (document)), ==, 1);
  span = annota_span_store_peek (annota_document_get_spans (document), 0);
  g_assert_cmpstr (annota_span_get_label (span), ==, "GPE");
  g_assert_cmpstr (annota_document_get_extra_member (document, "answer"), ==, "\"accept\"");
  g_assert_null (annota_corpus_entry_get_warnings (annota_corpus_peek_entry (corpus, 0)));

  annota_document_set_state (document, ANNOTA_DOCUMENT_STATE_DONE);
  save (corpus, 0);
  after = read_file (path);
  g_assert_cmpstr (after, ==,
                   "{\"annota\": 1, \"text\": \"Ada in London\", \"labels\": [{\"id\": \"GPE\", \"name\": \"GPE\", \"color\": \"#3584e4\"}], "
                   "\"spans\": [{\"start\": 7, \"end\": 13, \"label\": \"GPE\", \"status\": \"accepted\", \"token_start\": 2}], \"state\": \"done\", \"answer\": \"accept\"}\n"
                   "{\"text\": \"Bob\"}\n");

  g_assert_finalize_object (corpus);
  remove_tree (dir);
}

static void
test_jsonl_bad_lines (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = write_file (dir, "bad.jsonl",
                                      "{\"text\": \"fine\"}\n"
                                      "[1, 2]\n"
                                      "{\"text\": \"unterminated\n"
                                      "{\"other\": 1}\n");
  g_autofree char *states = NULL;
  g_autoptr(GError) error = NULL;
  AnnotaCorpus *corpus;
  GPtrArray *warnings;
  g_autofree char *w0 = NULL, *w1 = NULL, *w2 = NULL;

  corpus = open_corpus (path);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "todo/0/0 ?/0/0 ?/0/0 todo/0/0");
  warnings = annota_corpus_get_warnings (corpus);
  g_assert_cmpuint (warnings->len, ==, 3);
  w0 = g_strdup_printf ("%s:2: expected a JSON object", path);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==, w0);
  g_assert_cmpstr (annota_corpus_entry_get_problem (annota_corpus_peek_entry (corpus, 1)), ==, w0);
  g_assert_null (annota_corpus_entry_get_problem (annota_corpus_peek_entry (corpus, 0)));
  w1 = g_strdup_printf ("%s:3: ", path);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (warnings, 1), w1));
  w2 = g_strdup_printf ("%s:4: neither an Annota document nor a line with “text”", path);
  g_assert_cmpstr (g_ptr_array_index (warnings, 2), ==, w2);

  g_assert_null (annota_corpus_load_document (corpus, 1, &error));
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE);
  g_clear_error (&error);
  g_assert_null (annota_corpus_load_document (corpus, 3, &error));
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_MISSING);

  g_assert_finalize_object (corpus);
  remove_tree (dir);
}

/* Search */

typedef struct {
  GString *hits;
  guint    n_progress;
  guint    last_done;
  guint    last_total;
  gboolean finished;
  gboolean ok;
  guint    n_hits;
  GError  *error;
  GCancellable *cancel_on_hit;
} SearchResult;

static void
on_hit (AnnotaCorpus *corpus,
        guint         position,
        AnnotaText   *text,
        guint         start,
        guint         end,
        gpointer      user_data)
{
  SearchResult *result = user_data;
  g_autofree char *covered = annota_text_substring (text, start, end);

  g_assert_false (result->finished);
  g_string_append_printf (result->hits, "%s%s:%u-%u:%s", result->hits->len > 0 ? " " : "",
                          annota_corpus_entry_get_name (annota_corpus_peek_entry (corpus, position)),
                          start, end, covered);
  if (result->cancel_on_hit != NULL)
    g_cancellable_cancel (result->cancel_on_hit);
}

static void
on_progress (AnnotaCorpus *corpus,
             guint         n_done,
             guint         n_total,
             gpointer      user_data)
{
  SearchResult *result = user_data;

  g_assert_false (result->finished);
  g_assert_cmpuint (n_done, >, result->last_done);
  result->n_progress++;
  result->last_done = n_done;
  result->last_total = n_total;
}

static void
on_search_done (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  SearchResult *result = user_data;

  result->ok = annota_corpus_search_finish (ANNOTA_CORPUS (object), res, &result->n_hits, &result->error);
  result->finished = TRUE;
}

static void
test_search (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;
  AnnotaCorpus *corpus;
  SearchResult result = { 0, };

  put_labels (dir);
  put_doc (dir, "d1.json", "Lavrov flew to Moscow. MOSCOW!", "todo", NULL, NULL);
  put_doc (dir, "d2.json", "Nothing here", "todo", NULL, NULL);
  put_file (dir, "d3.txt", "Moscow, again");
  put_doc (dir, "d4.json", "Moscöw", "todo", NULL, NULL);
  put_file (dir, "d5.json", "{\"broken\": ");

  corpus = open_corpus (dir);
  load (corpus, 2);

  result.hits = g_string_new ("");
  g_assert_true (annota_corpus_search (corpus, "Moscow", 0, NULL, on_hit, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.hits->str, ==, "d1:15-21:Moscow d3:0-6:Moscow");
  /* Read one at a time; none kept but the one loaded before. */
  g_assert_false (annota_corpus_entry_get_loaded (annota_corpus_peek_entry (corpus, 0)));

  g_string_truncate (result.hits, 0);
  g_assert_true (annota_corpus_search (corpus, "moscow", ANNOTA_SEARCH_DIACRITIC_INSENSITIVE, NULL,
                                       on_hit, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.hits->str, ==, "d1:15-21:Moscow d1:23-29:MOSCOW d3:0-6:Moscow d4:0-6:Moscöw");

  /* The same off the main thread. */
  g_string_truncate (result.hits, 0);
  annota_corpus_search_async (corpus, "moscow", ANNOTA_SEARCH_CASE_INSENSITIVE, NULL,
                              on_hit, on_progress, &result, on_search_done, &result);
  while (!result.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  g_assert_cmpuint (result.n_hits, ==, 3);
  g_assert_cmpstr (result.hits->str, ==, "d1:15-21:Moscow d1:23-29:MOSCOW d3:0-6:Moscow");
  g_assert_cmpuint (result.n_progress, >=, 1);
  g_assert_cmpuint (result.last_done, ==, 5);
  g_assert_cmpuint (result.last_total, ==, 5);

  g_string_free (result.hits, TRUE);
  g_assert_finalize_object (corpus);
  remove_tree (dir);
}

/* Cancellation */

static void
on_open_done (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  AnnotaCorpus **corpus = user_data;
  g_autoptr(GError) error = NULL;

  *corpus = annota_corpus_open_finish (res, &error);
  g_assert_no_error (error);
}

static void
on_open_cancelled (GObject      *object,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_null (annota_corpus_open_finish (res, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
on_scan_done (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  SearchResult *result = user_data;

  result->ok = annota_corpus_scan_finish (ANNOTA_CORPUS (object), res, &result->error);
  result->finished = TRUE;
}

static void
test_cancel (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *states = NULL;
  AnnotaCorpus *corpus = NULL;
  SearchResult result = { 0, };
  gboolean done = FALSE;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("d%u.json", i);
      put_doc (dir, name, "Moscow and Moscow", "done", NULL, NULL);
    }

  g_cancellable_cancel (cancellable);
  g_assert_null (annota_corpus_open (dir, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  annota_corpus_open_async (dir, cancellable, on_open_cancelled, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  annota_corpus_open_async (dir, NULL, on_open_done, &corpus);
  while (corpus == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (annota_corpus_get_n_documents (corpus), ==, 20);

  g_assert_false (annota_corpus_scan (corpus, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_CORPUS_STATE_UNKNOWN), ==, 20);

  result.hits = g_string_new ("");
  g_assert_false (annota_corpus_search (corpus, "Moscow", 0, cancellable, on_hit, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpstr (result.hits->str, ==, "");

  /* Cancelled from the first hit (the worker may have finished by then):
   * the search fails as cancelled, and nothing is delivered after the
   * callback (on_hit checks). */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  result.cancel_on_hit = cancellable;
  annota_corpus_search_async (corpus, "Moscow", 0, cancellable, on_hit, NULL, &result,
                              on_search_done, &result);
  while (!result.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (result.ok);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
  g_assert_true (g_str_has_prefix (result.hits->str, "d0:0-6:Moscow d0:11-17:Moscow"));
  g_string_free (result.hits, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* A cancelled scan fills nothing. */
  memset (&result, 0, sizeof result);
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  annota_corpus_scan_async (corpus, cancellable, on_progress, &result, on_scan_done, &result);
  while (!result.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (result.ok);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_CORPUS_STATE_UNKNOWN), ==, 20);

  /* And one that runs fills everything, reporting progress first. */
  memset (&result, 0, sizeof result);
  annota_corpus_scan_async (corpus, NULL, on_progress, &result, on_scan_done, &result);
  while (!result.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (result.ok);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.last_done, ==, 20);
  g_assert_cmpuint (result.last_total, ==, 20);
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_DOCUMENT_STATE_DONE), ==, 20);

  g_assert_finalize_object (corpus);
  remove_tree (dir);
}

/* Scale */

static void
test_ten_thousand (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;
  AnnotaCorpus *corpus;
  gint64 t0, t1;
  guint n = 10000;

  put_labels (dir);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("doc-%u.json", i);
      put_doc (dir, name, "Sergey Lavrov met John Kerry in Moscow.",
               i % 3 == 0 ? "done" : "todo", "{\"id\": \"PER\"}, {\"id\": \"LOC\"}",
               "{\"start\": 0, \"end\": 13, \"label\": \"PER\"}, "
               "{\"start\": 32, \"end\": 38, \"label\": \"LOC\", \"status\": \"suggested\"}");
    }

  t0 = g_get_monotonic_time ();
  corpus = open_corpus (dir);
  t1 = g_get_monotonic_time ();
  g_test_message ("10,000 documents without an index: listed in %.1f ms", (t1 - t0) / 1000.0);
  g_assert_cmpuint (annota_corpus_get_n_documents (corpus), ==, n);
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("doc-%u", i + 1);
      g_assert_cmpstr (annota_corpus_entry_get_name (annota_corpus_peek_entry (corpus, i)), ==, name);
    }

  t0 = g_get_monotonic_time ();
  scan (corpus);
  t1 = g_get_monotonic_time ();
  g_test_message ("10,000 documents: scanned and indexed in %.1f ms", (t1 - t0) / 1000.0);
  g_assert_finalize_object (corpus);

  t0 = g_get_monotonic_time ();
  corpus = open_corpus (dir);
  t1 = g_get_monotonic_time ();
  g_test_message ("10,000 documents with a fresh index: listed in %.1f ms", (t1 - t0) / 1000.0);
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 0);
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_DOCUMENT_STATE_DONE), ==, n / 3);
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_DOCUMENT_STATE_TODO), ==, n - n / 3);
  g_assert_cmpuint (annota_corpus_count_spans (corpus, "PER", ANNOTA_SPAN_STATUS_ACCEPTED), ==, n);
  g_assert_cmpuint (annota_corpus_count_spans (corpus, NULL, ANNOTA_SPAN_STATUS_SUGGESTED), ==, n);

  /* A save rewrites the index of 10,000 records. */
  annota_document_set_state (load (corpus, 0), ANNOTA_DOCUMENT_STATE_DONE);
  t0 = g_get_monotonic_time ();
  save (corpus, 0);
  t1 = g_get_monotonic_time ();
  g_test_message ("10,000 documents: a save with its index in %.1f ms", (t1 - t0) / 1000.0);
  g_assert_finalize_object (corpus);

  remove_tree (dir);
}

/* Subfolders */

static void
make_dirs (const char *dir,
           const char *rel)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
}

static void
test_list_subfolders (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *expected = NULL;
  g_autofree char *names = NULL;
  g_autofree char *states = NULL;
  g_autofree char *json = NULL;
  AnnotaCorpus *corpus;
  AnnotaCorpusEntry *entry;
  AnnotaDocument *document;
  guint position;

  put_labels (dir);
  put_doc (dir, "doc-1.json", "John", "done", NULL, "{\"start\": 0, \"end\": 4, \"label\": \"PER\"}");
  make_dirs (dir, "train");
  put_doc (dir, "train/doc-2.json", "Ada", "in-progress", NULL, NULL);
  put_doc (dir, "train/doc-10.json", "Moscow", "done", NULL, "{\"start\": 0, \"end\": 6, \"label\": \"LOC\"}");
  put_file (dir, "train/doc-2.txt", "the text train/doc-2.json came from");
  put_file (dir, "train/labels.json", "{\"annota\": 1, \"labels\": []}");
  make_dirs (dir, "dev/deep/deeper");
  put_file (dir, "dev/doc-3.txt", "Plain text");
  put_doc (dir, "dev/deep/deeper/doc-4.json", "Paris", "todo", NULL, "{\"start\": 0, \"end\": 5, \"label\": \"LOC\"}");
  make_dirs (dir, "dev b");
  put_doc (dir, "dev b/doc-5.json", "Kerry", "done", NULL, NULL);
  /* Hidden folders, a hidden file and an empty folder list nothing. */
  make_dirs (dir, ".git/objects");
  put_doc (dir, ".git/objects/x.json", "hidden", "todo", NULL, NULL);
  make_dirs (dir, "train/.cache");
  put_doc (dir, "train/.cache/y.json", "hidden", "todo", NULL, NULL);
  put_file (dir, "dev/.z.txt", "hidden");
  make_dirs (dir, "empty");

  corpus = open_corpus (dir);
  names = entry_names (corpus);
  /* A folder's documents stay together: "dev/" before "dev b/". */
  g_assert_cmpstr (names, ==, "dev/deep/deeper/doc-4 dev/doc-3 dev b/doc-5 doc-1 train/doc-2 train/doc-10");
  g_assert_cmpuint (annota_corpus_get_warnings (corpus)->len, ==, 0);

  g_assert_true (annota_corpus_find (corpus, "train/doc-10", &position));
  g_assert_cmpuint (position, ==, 5);
  g_assert_false (annota_corpus_find (corpus, "doc-10", NULL));
  entry = annota_corpus_peek_entry (corpus, 1);
  expected = g_build_filename (dir, "dev", "doc-3.txt", NULL);
  g_assert_cmpstr (annota_corpus_entry_get_path (entry), ==, expected);
  g_clear_pointer (&expected, g_free);
  entry = annota_corpus_peek_entry (corpus, 4);
  expected = g_build_filename (dir, "train", "doc-2.json", NULL);
  g_assert_cmpstr (annota_corpus_entry_get_path (entry), ==, expected);
  g_clear_pointer (&expected, g_free);

  /* Counts and progress over every folder. */
  scan (corpus);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "todo/1/0 todo/0/0 done/0/0 done/1/0 in-progress/0/0 done/1/0");
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_DOCUMENT_STATE_DONE), ==, 3);
  g_assert_cmpuint (annota_corpus_count_spans (corpus, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED), ==, 2);
  g_assert_cmpuint (annota_corpus_get_n_characters (corpus), ==, 5 + 10 + 5 + 4 + 3 + 6);

  /* A text in a subfolder is saved beside it. */
  document = load (corpus, 1);
  annota_document_set_state (document, ANNOTA_DOCUMENT_STATE_DONE);
  save (corpus, 1);
  expected = g_build_filename (dir, "dev", "doc-3.json", NULL);
  g_assert_cmpstr (annota_corpus_entry_get_path (annota_corpus_peek_entry (corpus, 1)), ==, expected);
  g_assert_cmpstr (annota_corpus_entry_get_name (annota_corpus_peek_entry (corpus, 1)), ==, "dev/doc-3");
  json = read_file (expected);
  g_assert_nonnull (strstr (json, "\"state\": \"done\""));
  g_assert_finalize_object (corpus);

  /* Listed again, the saved text is its .json. */
  corpus = open_corpus (dir);
  g_clear_pointer (&names, g_free);
  names = entry_names (corpus);
  g_assert_cmpstr (names, ==, "dev/deep/deeper/doc-4 dev/doc-3 dev b/doc-5 doc-1 train/doc-2 train/doc-10");
  g_assert_cmpstr (annota_corpus_entry_get_path (annota_corpus_peek_entry (corpus, 1)), ==, expected);
  g_assert_cmpint (annota_corpus_entry_get_state (annota_corpus_peek_entry (corpus, 1)), ==,
                   ANNOTA_DOCUMENT_STATE_DONE);
  g_assert_finalize_object (corpus);

  remove_tree (dir);
}

static void
make_link (const char *target,
           const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

static void
test_list_links (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *outside = make_dir ();
  g_autofree char *names = NULL;
  AnnotaCorpus *corpus;

  put_doc (dir, "top.json", "Top", "todo", NULL, NULL);
  make_dirs (dir, "sub");
  put_doc (dir, "sub/doc-a.json", "A", "todo", NULL, NULL);
  /* Loops: the folder's parent and the folder itself. */
  make_link ("..", dir, "sub/loop");
  make_link (".", dir, "sub/self");
  make_link (dir, dir, "sub/root");
  /* A second way to a folder listed already, sorted before it. */
  make_link ("sub", dir, "a-alias");
  /* A link out of the corpus is followed, and one to nothing skipped. */
  put_doc (outside, "ext.json", "Outside", "todo", NULL, NULL);
  make_link (outside, dir, "outside");
  make_link ("nothing-here", dir, "broken");

  corpus = open_corpus (dir);
  names = entry_names (corpus);
  g_assert_cmpstr (names, ==, "outside/ext sub/doc-a top");
  g_assert_cmpuint (annota_corpus_get_warnings (corpus)->len, ==, 0);
  g_assert_finalize_object (corpus);

  remove_tree (outside);
  remove_tree (dir);
}

static void
test_list_depth (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GString) rel = g_string_new ("");
  g_autofree char *deepest = NULL;
  g_autofree char *expected = NULL;
  AnnotaCorpus *corpus;
  GPtrArray *warnings;

  for (guint depth = 1; depth <= ANNOTA_CORPUS_MAX_DEPTH + 1; depth++)
    {
      g_autofree char *name = NULL;

      g_string_append_printf (rel, "%sd%u", depth > 1 ? "/" : "", depth);
      make_dirs (dir, rel->str);
      name = g_strdup_printf ("%s/doc-%u.json", rel->str, depth);
      put_doc (dir, name, "Deep", "todo", NULL, NULL);
    }

  corpus = open_corpus (dir);
  g_assert_cmpuint (annota_corpus_get_n_documents (corpus), ==, ANNOTA_CORPUS_MAX_DEPTH);
  /* "d1/d2/…" sorts before "d1/doc-1": digits before letters. */
  deepest = g_strdup (annota_corpus_entry_get_name (annota_corpus_peek_entry (corpus, 0)));
  g_assert_true (g_str_has_prefix (deepest, "d1/d2/d3/"));
  g_assert_true (g_str_has_suffix (deepest, "/d15/d16/doc-16"));
  g_assert_cmpstr (annota_corpus_entry_get_name (annota_corpus_peek_entry (corpus, ANNOTA_CORPUS_MAX_DEPTH - 1)),
                   ==, "d1/doc-1");
  warnings = annota_corpus_get_warnings (corpus);
  g_assert_cmpuint (warnings->len, ==, 1);
  expected = g_strdup_printf ("%s/%s: skipped: more than 16 folders deep", dir, rel->str);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==, expected);
  g_assert_finalize_object (corpus);

  remove_tree (dir);
}

static void
test_index_subfolders (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *index = g_build_filename (dir, ".annota-index.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *states = NULL;
  AnnotaCorpus *corpus;

  put_labels (dir);
  make_dirs (dir, "train");
  make_dirs (dir, "dev");
  /* The same file name in two folders: two records. */
  put_doc (dir, "train/a.json", "John", "done", NULL, "{\"start\": 0, \"end\": 4, \"label\": \"PER\"}");
  put_doc (dir, "dev/a.json", "Ada", "in-progress", NULL, NULL);
  put_doc (dir, "a.json", "Moscow", "todo", NULL, NULL);

  corpus = open_corpus (dir);
  scan (corpus);
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 3);
  g_assert_finalize_object (corpus);

  contents = read_file (index);
  g_assert_nonnull (strstr (contents, "\"file\": \"train/a.json\""));
  g_assert_nonnull (strstr (contents, "\"file\": \"dev/a.json\""));
  g_assert_nonnull (strstr (contents, "\"file\": \"a.json\""));

  corpus = open_corpus (dir);
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 0);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "todo/0/0 in-progress/0/0 done/1/0");
  g_clear_pointer (&states, g_free);
  g_assert_finalize_object (corpus);

  /* An index record by file name alone is not one of a subfolder's. */
  put_file (dir, ".annota-index.json", "{\"annota-index\": 1, \"documents\": []}\n");
  corpus = open_corpus (dir);
  scan (corpus);
  g_assert_finalize_object (corpus);
  {
    /* Split rather than pointed into: GCC 12 at -O3 takes pointers into
     * a buffer freed and read again for dangling ones. */
    g_autofree char *now = read_file (index);
    g_auto(GStrv) around = g_strsplit (now, "{\"file\": \"dev/a.json\"", 2);
    g_auto(GStrv) fields = NULL;
    g_autofree char *moved = NULL;

    g_assert_cmpuint (g_strv_length (around), ==, 2);
    /* The record's members, its inner object's }, its own }. */
    fields = g_strsplit (around[1], "}", 3);
    g_assert_cmpuint (g_strv_length (fields), ==, 3);
    /* dev/a.json's record, claimed by the top folder's a.json. */
    moved = g_strdup_printf ("{\"annota-index\": 1, \"documents\": [\n{\"file\": \"a.json\"%s}%s}\n]}\n",
                             fields[0], fields[1]);
    put_file (dir, ".annota-index.json", moved);
  }
  corpus = open_corpus (dir);
  states = entry_states (corpus);
  /* Its mtime and size are not the top a.json's: nothing is taken. */
  g_assert_cmpstr (states, ==, "?/0/0 ?/0/0 ?/0/0");
  g_assert_finalize_object (corpus);

  remove_tree (dir);
}

/* Following the folder */

static void
refresh (AnnotaCorpus *corpus)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (annota_corpus_refresh (corpus, &error));
  g_assert_no_error (error);
}

static void
remove_file (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_remove (path), ==, 0);
}

static void
test_refresh (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *names = NULL;
  g_autofree char *doc4 = g_build_filename (dir, "doc-4.json", NULL);
  g_autofree char *json = NULL;
  GtSignalLogger *logger = gt_signal_logger_new ();
  AnnotaCorpus *corpus;
  AnnotaCorpusEntry *entry;
  AnnotaDocument *document;

  put_labels (dir);
  put_doc (dir, "doc-1.json", "One", "todo", NULL, NULL);
  put_doc (dir, "doc-3.json", "Three", "todo", NULL, NULL);
  put_doc (dir, "doc-5.json", "Five", "todo", NULL, NULL);
  corpus = open_corpus (dir);
  scan (corpus);
  gt_signal_logger_connect (logger, corpus, "items-changed");

  /* Nothing changed: nothing said. */
  refresh (corpus);
  gt_signal_logger_assert_no_emissions (logger);

  /* Each new document where it sorts. */
  put_doc (dir, "doc-2.json", "Two", "todo", NULL, NULL);
  put_doc (dir, "doc-4.json", "Four", "done", NULL, NULL);
  put_doc (dir, "doc-6.json", "Six", "todo", NULL, NULL);
  refresh (corpus);
  test_assert_items_changed (logger, corpus, 1, 0, 1);
  test_assert_items_changed (logger, corpus, 3, 0, 1);
  test_assert_items_changed (logger, corpus, 5, 0, 1);
  gt_signal_logger_assert_no_emissions (logger);
  names = entry_names (corpus);
  g_assert_cmpstr (names, ==, "doc-1 doc-2 doc-3 doc-4 doc-5 doc-6");
  g_clear_pointer (&names, g_free);
  /* Not read yet. */
  g_assert_cmpint (annota_corpus_entry_get_state (annota_corpus_peek_entry (corpus, 3)), ==,
                   ANNOTA_CORPUS_STATE_UNKNOWN);
  scan (corpus);
  g_assert_cmpint (annota_corpus_entry_get_state (annota_corpus_peek_entry (corpus, 3)), ==,
                   ANNOTA_DOCUMENT_STATE_DONE);

  /* Two removed and one added next to them: one change. */
  remove_file (dir, "doc-1.json");
  remove_file (dir, "doc-2.json");
  put_doc (dir, "a.json", "A", "todo", NULL, NULL);
  refresh (corpus);
  test_assert_items_changed (logger, corpus, 0, 2, 1);
  gt_signal_logger_assert_no_emissions (logger);

  /* Moved into a new subfolder: gone here, new there. */
  make_dirs (dir, "sub");
  {
    g_autofree char *from = g_build_filename (dir, "doc-6.json", NULL);
    g_autofree char *to = g_build_filename (dir, "sub", "doc-6.json", NULL);

    g_assert_cmpint (g_rename (from, to), ==, 0);
  }
  refresh (corpus);
  test_assert_items_changed (logger, corpus, 4, 1, 1);
  gt_signal_logger_assert_no_emissions (logger);
  names = entry_names (corpus);
  g_assert_cmpstr (names, ==, "a doc-3 doc-4 doc-5 sub/doc-6");
  g_clear_pointer (&names, g_free);

  /* Changed by another program: the same entry, unknown until read. */
  entry = annota_corpus_peek_entry (corpus, 1);
  g_assert_cmpint (annota_corpus_entry_get_state (entry), ==, ANNOTA_DOCUMENT_STATE_TODO);
  put_doc (dir, "doc-3.json", "Three, done", "done", NULL, NULL);
  {
    g_autofree char *path = g_build_filename (dir, "doc-3.json", NULL);
    set_mtime_later (path);
  }
  refresh (corpus);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (annota_corpus_peek_entry (corpus, 1) == entry);
  g_assert_cmpint (annota_corpus_entry_get_state (entry), ==, ANNOTA_CORPUS_STATE_UNKNOWN);
  scan (corpus);
  g_assert_cmpint (annota_corpus_entry_get_state (entry), ==, ANNOTA_DOCUMENT_STATE_DONE);
  g_assert_cmpuint (annota_corpus_entry_get_length (entry), ==, 11);

  /* A document with unsaved changes stays when its file goes, and saving
   * writes it again. */
  document = load (corpus, 2);
  annota_document_set_state (document, ANNOTA_DOCUMENT_STATE_IN_PROGRESS);
  g_assert_cmpint (g_remove (doc4), ==, 0);
  refresh (corpus);
  gt_signal_logger_assert_no_emissions (logger);
  entry = annota_corpus_peek_entry (corpus, 2);
  g_assert_cmpstr (annota_corpus_entry_get_name (entry), ==, "doc-4");
  g_assert_true (annota_corpus_entry_get_missing (entry));
  g_assert_true (annota_corpus_entry_get_document (entry) == document);
  save (corpus, 2);
  g_assert_false (annota_corpus_entry_get_missing (entry));
  json = read_file (doc4);
  g_assert_nonnull (strstr (json, "\"state\": \"in-progress\""));
  refresh (corpus);
  gt_signal_logger_assert_no_emissions (logger);

  /* The current document stays too, unchanged, until another is current;
   * its position follows what comes before it. */
  load (corpus, 3);
  annota_corpus_set_current (corpus, 3);
  remove_file (dir, "doc-5.json");
  put_doc (dir, "0.json", "Zero", "todo", NULL, NULL);
  refresh (corpus);
  test_assert_items_changed (logger, corpus, 0, 0, 1);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (annota_corpus_get_current (corpus), ==, 4);
  entry = annota_corpus_peek_entry (corpus, 4);
  g_assert_cmpstr (annota_corpus_entry_get_name (entry), ==, "doc-5");
  g_assert_true (annota_corpus_entry_get_missing (entry));
  annota_corpus_set_current (corpus, 1);
  refresh (corpus);
  test_assert_items_changed (logger, corpus, 4, 1, 0);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (annota_corpus_get_current (corpus), ==, 1);

  /* A loaded document without changes, not current, simply goes. */
  load (corpus, 0);
  remove_file (dir, "0.json");
  refresh (corpus);
  test_assert_items_changed (logger, corpus, 0, 1, 0);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (annota_corpus_get_current (corpus), ==, 0);
  names = entry_names (corpus);
  g_assert_cmpstr (names, ==, "a doc-3 doc-4 sub/doc-6");
  g_clear_pointer (&names, g_free);

  /* Its folder removed with it: saving makes the folder again. */
  {
    g_autofree char *sub = g_build_filename (dir, "sub", NULL);
    g_autofree char *doc6 = g_build_filename (dir, "sub", "doc-6.json", NULL);

    document = load (corpus, 3);
    annota_document_set_state (document, ANNOTA_DOCUMENT_STATE_DONE);
    remove_tree (sub);
    refresh (corpus);
    gt_signal_logger_assert_no_emissions (logger);
    entry = annota_corpus_peek_entry (corpus, 3);
    g_assert_cmpstr (annota_corpus_entry_get_name (entry), ==, "sub/doc-6");
    g_assert_true (annota_corpus_entry_get_missing (entry));
    save (corpus, 3);
    g_assert_true (g_file_test (doc6, G_FILE_TEST_IS_REGULAR));
    g_assert_false (annota_corpus_entry_get_missing (entry));
  }

  /* The corpus's folder gone: an error, and the list as it was. */
  {
    g_autoptr(GError) error = NULL;

    remove_tree (dir);
    g_assert_false (annota_corpus_refresh (corpus, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    gt_signal_logger_assert_no_emissions (logger);
    g_assert_cmpuint (annota_corpus_get_n_documents (corpus), ==, 4);
  }

  gt_signal_logger_free (logger);
  g_assert_finalize_object (corpus);
}

typedef struct {
  AnnotaCorpus *corpus;
  guint         n;
} CountData;

static gboolean
has_n_documents (gpointer data)
{
  CountData *count = data;

  return annota_corpus_get_n_documents (count->corpus) == count->n;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until predicate holds, at most timeout_ms. */
static gboolean
wait_until (GSourceFunc  predicate,
            gpointer     data,
            guint        timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static gboolean
has_emissions (gpointer data)
{
  return gt_signal_logger_get_n_emissions (data) > 0;
}

/* Longer than the corpus waits after a change. */
#define REFRESH_WAIT_MS 300

static gboolean
all_known (gpointer data)
{
  AnnotaCorpus *corpus = data;

  return annota_corpus_count_documents (corpus, ANNOTA_CORPUS_STATE_UNKNOWN) == 0;
}

static void
test_watch (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *names = NULL;
  GtSignalLogger *logger = gt_signal_logger_new ();
  CountData count;
  AnnotaCorpus *corpus;
  gint64 t0;

  put_doc (dir, "doc-1.json", "One", "todo", NULL, NULL);
  put_doc (dir, "doc-3.json", "Three", "todo", NULL, NULL);
  corpus = open_corpus (dir);
  g_assert_false (annota_corpus_get_watching (corpus));
  annota_corpus_set_watching (corpus, TRUE);
  g_assert_true (annota_corpus_get_watching (corpus));
  gt_signal_logger_connect (logger, corpus, "items-changed");
  count.corpus = corpus;

  /* A new document shows within a second, and is read in the
   * background. */
  t0 = g_get_monotonic_time ();
  put_doc (dir, "doc-2.json", "Two", "done", NULL, NULL);
  count.n = 3;
  g_assert_true (wait_until (has_n_documents, &count, 10000));
  g_test_message ("a new document listed after %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
  test_assert_items_changed (logger, corpus, 1, 0, 1);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (wait_until (all_known, corpus, 10000));
  g_assert_cmpint (annota_corpus_entry_get_state (annota_corpus_peek_entry (corpus, 1)), ==,
                   ANNOTA_DOCUMENT_STATE_DONE);

  /* A burst of twenty: one change. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("batch-%02u.json", i);
      put_doc (dir, name, "Batch", "todo", NULL, NULL);
    }
  count.n = 23;
  g_assert_true (wait_until (has_n_documents, &count, 10000));
  test_assert_items_changed (logger, corpus, 0, 0, 20);
  gt_signal_logger_assert_no_emissions (logger);

  /* A new subfolder is watched as well. */
  make_dirs (dir, "new");
  put_doc (dir, "new/x.json", "X", "todo", NULL, NULL);
  count.n = 24;
  g_assert_true (wait_until (has_n_documents, &count, 10000));
  test_assert_items_changed (logger, corpus, 23, 0, 1);
  put_doc (dir, "new/y.json", "Y", "todo", NULL, NULL);
  count.n = 25;
  g_assert_true (wait_until (has_n_documents, &count, 10000));
  test_assert_items_changed (logger, corpus, 24, 0, 1);
  gt_signal_logger_assert_no_emissions (logger);

  /* Removed, and renamed. */
  remove_file (dir, "doc-1.json");
  count.n = 24;
  g_assert_true (wait_until (has_n_documents, &count, 10000));
  test_assert_items_changed (logger, corpus, 20, 1, 0);
  gt_signal_logger_assert_no_emissions (logger);
  {
    g_autofree char *from = g_build_filename (dir, "new", "y.json", NULL);
    g_autofree char *to = g_build_filename (dir, "new", "a.json", NULL);

    g_assert_cmpint (g_rename (from, to), ==, 0);
  }
  g_assert_true (wait_until (has_emissions, logger, 10000));
  test_assert_items_changed (logger, corpus, 22, 0, 1);
  test_assert_items_changed (logger, corpus, 24, 1, 0);
  gt_signal_logger_assert_no_emissions (logger);
  names = entry_names (corpus);
  g_assert_true (g_str_has_suffix (names, " doc-2 doc-3 new/a new/x"));

  /* Hidden files (a save's temporary file, the index) change nothing. */
  put_doc (dir, ".doc-2.json.XYZ", "Temporary", "todo", NULL, NULL);
  g_assert_false (wait_until (has_emissions, logger, 3 * REFRESH_WAIT_MS));
  gt_signal_logger_assert_no_emissions (logger);

  /* Not watching, nothing follows. */
  g_assert_true (wait_until (all_known, corpus, 10000));
  annota_corpus_set_watching (corpus, FALSE);
  g_assert_false (annota_corpus_get_watching (corpus));
  put_doc (dir, "doc-4.json", "Four", "todo", NULL, NULL);
  g_assert_false (wait_until (has_emissions, logger, 3 * REFRESH_WAIT_MS));
  g_assert_cmpuint (annota_corpus_get_n_documents (corpus), ==, 24);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  gt_signal_logger_free (logger);
  g_assert_finalize_object (corpus);
  remove_tree (dir);
}

/* Reloading */

/* A document another program changed is read again: the new content, the
 * entry's state and counts with it, the old document let go; a file that
 * cannot be read changes nothing. */
static void
test_reload (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *index = NULL;
  g_autofree char *index_path = g_build_filename (dir, ".annota-index.json", NULL);
  g_autofree char *states = NULL;
  g_autofree char *expected_message = NULL;
  g_autoptr(GError) error = NULL;
  AnnotaCorpus *corpus;
  AnnotaCorpusEntry *entry;
  AnnotaDocument *old;
  AnnotaDocument *document;
  GtSignalLogger *logger;
  const char *broken = "{\"annota\": 1, \"text\": \"John";

  put_labels (dir);
  put_doc (dir, "a.json", "John in Moscow", "todo", NULL,
           "{\"start\": 0, \"end\": 4, \"label\": \"PER\"}");
  put_doc (dir, "b.json", "Ada", "todo", NULL, NULL);
  path = g_build_filename (dir, "a.json", NULL);

  corpus = open_corpus (dir);
  entry = annota_corpus_peek_entry (corpus, 0);
  old = g_object_ref (load (corpus, 0));
  annota_document_add_span (old, 8, 14, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, &error);
  g_assert_no_error (error);
  g_assert_true (annota_corpus_entry_get_modified (entry));
  g_clear_pointer (&states, g_free);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "todo/2/0 ?/0/0");

  /* Another program writes another text, done, with other spans. */
  theirs = doc_json ("Ada Lovelace in London", "done", NULL,
                     "{\"start\": 0, \"end\": 12, \"label\": \"PER\"}, "
                     "{\"start\": 16, \"end\": 22, \"label\": \"LOC\"}, "
                     "{\"start\": 4, \"end\": 12, \"label\": \"PER\", \"status\": \"suggested\"}");
  put_file (dir, "a.json", theirs);

  logger = gt_signal_logger_new ();
  gt_signal_logger_connect (logger, entry, "notify");
  gt_signal_logger_connect (logger, corpus, "progress-changed");
  gt_signal_logger_connect (logger, corpus, "items-changed");

  document = annota_corpus_reload_document (corpus, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_true (document != old);
  g_assert_true (annota_corpus_entry_get_document (entry) == document);
  g_assert_true (annota_corpus_load_document (corpus, 0, NULL) == document);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (document)), ==, "Ada Lovelace in London");
  g_assert_false (annota_document_get_modified (document));
  g_assert_false (annota_document_get_can_undo (document));
  g_assert_true (annota_document_get_labels (document) == annota_corpus_get_labels (corpus));
  g_assert_true (g_str_equal (g_file_peek_path (annota_document_get_file (document)), path));

  /* The row's values follow, each notified once; the list is the same. */
  gt_signal_logger_assert_notify_emission_pop (logger, entry, "modified");
  gt_signal_logger_assert_notify_emission_pop (logger, entry, "n-suggested");
  gt_signal_logger_assert_notify_emission_pop (logger, entry, "state");
  gt_signal_logger_assert_notify_emission_pop (logger, entry, "document");
  gt_signal_logger_assert_emission_pop (logger, corpus, "progress-changed", NULL);
  gt_signal_logger_assert_no_emissions (logger);
  g_clear_pointer (&states, g_free);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "done/2/1 ?/0/0");
  g_assert_false (annota_corpus_entry_get_modified (entry));
  g_assert_true (annota_corpus_entry_get_loaded (entry));
  g_assert_cmpuint (annota_corpus_entry_get_length (entry), ==, 22);
  g_assert_cmpuint (annota_corpus_count_documents (corpus, ANNOTA_DOCUMENT_STATE_DONE), ==, 1);
  g_assert_cmpuint (annota_corpus_count_spans (corpus, "LOC", -1), ==, 1);

  /* The old document is let go, and no longer counts. */
  annota_document_set_state (old, ANNOTA_DOCUMENT_STATE_IN_PROGRESS);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpint (annota_corpus_entry_get_state (entry), ==, ANNOTA_DOCUMENT_STATE_DONE);
  g_assert_finalize_object (old);

  /* The index knows the file as it is now. */
  index = read_file (index_path);
  g_assert_nonnull (strstr (index, "{\"file\": \"a.json\", \"mtime\": "));
  g_assert_nonnull (strstr (index, ", \"state\": \"done\", \"length\": 22, \"spans\": {\"PER\": [1, 1, 0], \"LOC\": [0, 1, 0]}}"));

  /* A file that cannot be read: the document stays as it is, unsaved
   * changes and all, and the error is the loader's. */
  annota_document_set_state (document, ANNOTA_DOCUMENT_STATE_IN_PROGRESS);
  gt_signal_logger_assert_notify_emission_pop (logger, entry, "state");
  gt_signal_logger_assert_emission_pop (logger, corpus, "progress-changed", NULL);
  gt_signal_logger_assert_notify_emission_pop (logger, entry, "modified");
  gt_signal_logger_assert_emission_pop (logger, corpus, "progress-changed", NULL);
  gt_signal_logger_assert_no_emissions (logger);
  put_file (dir, "a.json", broken);
  {
    g_autoptr(AnnotaDocument) unread = annota_document_load_file (path, NULL, NULL, &error);

    g_assert_null (unread);
    g_assert_nonnull (error);
    expected_message = g_strdup (error->message);
    g_clear_error (&error);
  }
  g_assert_null (annota_corpus_reload_document (corpus, 0, &error));
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, expected_message);
  g_clear_error (&error);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (annota_corpus_entry_get_document (entry) == document);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (document)), ==, "Ada Lovelace in London");
  g_assert_true (annota_document_get_modified (document));
  g_assert_null (annota_corpus_entry_get_problem (entry));
  g_clear_pointer (&states, g_free);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "in-progress/2/1 ?/0/0");

  /* Gone: the same. */
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_null (annota_corpus_reload_document (corpus, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (annota_corpus_entry_get_document (entry) == document);
  put_file (dir, "a.json", broken);

  /* Not loaded yet: loaded. */
  document = annota_corpus_reload_document (corpus, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (document)), ==, "Ada");
  gt_signal_logger_free (logger);

  /* What the index says of the broken file is not the old document's:
   * opened again, it is unknown until read. */
  annota_document_set_state (document, ANNOTA_DOCUMENT_STATE_DONE);
  save (corpus, 1);
  g_assert_finalize_object (corpus);
  corpus = open_corpus (dir);
  g_clear_pointer (&states, g_free);
  states = entry_states (corpus);
  g_assert_cmpstr (states, ==, "?/0/0 done/0/0");
  g_assert_cmpuint (_annota_corpus_get_n_reads (corpus), ==, 0);
  g_assert_finalize_object (corpus);

  remove_tree (dir);
}

/* A line of a JSONL file is read again while the file is unchanged; once
 * another program changed it, the lines may have moved: nothing is read,
 * and the document stays. */
static void
test_reload_jsonl (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = write_file (dir, "corpus.jsonl",
                                      "{\"text\": \"John in Moscow\"}\n"
                                      "{\"text\": \"Ada\"}\n");
  g_autoptr(GError) error = NULL;
  AnnotaCorpus *corpus = open_corpus (path);
  AnnotaDocument *document = load (corpus, 0);
  AnnotaDocument *again;

  annota_document_set_state (document, ANNOTA_DOCUMENT_STATE_DONE);
  again = annota_corpus_reload_document (corpus, 0, &error);
  g_assert_no_error (error);
  g_assert_true (again != document);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (again)), ==, "John in Moscow");
  g_assert_cmpint (annota_document_get_state (again), ==, ANNOTA_DOCUMENT_STATE_TODO);
  g_assert_false (annota_document_get_modified (again));
  g_assert_null (annota_document_get_file (again));

  annota_document_set_state (again, ANNOTA_DOCUMENT_STATE_DONE);
  put_file (dir, "corpus.jsonl",
            "{\"text\": \"New first line\"}\n"
            "{\"text\": \"John in Moscow\"}\n"
            "{\"text\": \"Ada\"}\n");
  g_assert_null (annota_corpus_reload_document (corpus, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_assert_true (annota_corpus_entry_get_document (annota_corpus_peek_entry (corpus, 0)) == again);
  g_assert_true (annota_document_get_modified (again));
  g_assert_cmpint (annota_corpus_entry_get_state (annota_corpus_peek_entry (corpus, 0)), ==, ANNOTA_DOCUMENT_STATE_DONE);
  g_assert_finalize_object (corpus);

  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/annota/corpus/list/folder", test_list_folder);
  g_test_add_func ("/annota/corpus/list/natural-order", test_natural_order);
  g_test_add_func ("/annota/corpus/list/errors", test_list_errors);
  g_test_add_func ("/annota/corpus/lazy", test_lazy);
  g_test_add_func ("/annota/corpus/problems", test_problems);
  g_test_add_func ("/annota/corpus/index", test_index);
  g_test_add_func ("/annota/corpus/labels/merge", test_labels_merge);
  g_test_add_func ("/annota/corpus/labels/union", test_labels_union);
  g_test_add_func ("/annota/corpus/progress/state-counts", test_state_counts);
  g_test_add_func ("/annota/corpus/progress/next-todo", test_next_todo);
  g_test_add_func ("/annota/corpus/save/updates-entry", test_save_updates_entry);
  g_test_add_func ("/annota/corpus/save/text-folder", test_text_folder);
  g_test_add_func ("/annota/corpus/jsonl/round-trip", test_jsonl_round_trip);
  g_test_add_func ("/annota/corpus/jsonl/text-lines", test_jsonl_text_lines);
  g_test_add_func ("/annota/corpus/jsonl/bad-lines", test_jsonl_bad_lines);
  g_test_add_func ("/annota/corpus/search", test_search);
  g_test_add_func ("/annota/corpus/cancel", test_cancel);
  g_test_add_func ("/annota/corpus/scale/ten-thousand", test_ten_thousand);
  g_test_add_func ("/annota/corpus/list/subfolders", test_list_subfolders);
  g_test_add_func ("/annota/corpus/list/links", test_list_links);
  g_test_add_func ("/annota/corpus/list/depth-limit", test_list_depth);
  g_test_add_func ("/annota/corpus/index/subfolders", test_index_subfolders);
  g_test_add_func ("/annota/corpus/refresh/items-changed", test_refresh);
  g_test_add_func ("/annota/corpus/refresh/watch", test_watch);
  g_test_add_func ("/annota/corpus/reload/folder", test_reload);
  g_test_add_func ("/annota/corpus/reload/jsonl", test_reload_jsonl);

  return g_test_run ();
}
