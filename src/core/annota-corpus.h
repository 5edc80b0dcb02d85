/* annota-corpus.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A corpus: a GListModel of AnnotaCorpusEntry, one per document, over a
 * folder (native *.json documents, plain *.txt texts, in the folder and its
 * subfolders, an optional labels.json) or one JSONL file, with one label
 * set shared by all its documents. Listing reads only what the list shows;
 * a document is parsed when it is opened and kept for the session, so its
 * undo history survives switching. A folder corpus can follow its folders
 * as other programs add, remove and rename documents.
 */
#pragma once

#include <gio/gio.h>

#include "annota-corpus-entry.h"
#include "annota-document.h"
#include "annota-text.h"

G_BEGIN_DECLS

/* Returned by the navigation functions when there is no such document. */
#define ANNOTA_CORPUS_NO_POSITION G_MAXUINT

typedef enum {
  ANNOTA_CORPUS_KIND_FOLDER,
  ANNOTA_CORPUS_KIND_JSONL,
} AnnotaCorpusKind;

#define ANNOTA_TYPE_CORPUS (annota_corpus_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaCorpus, annota_corpus, ANNOTA, CORPUS, GObject)

/* Called for each hit of a corpus search: text is the document's text
 * (borrowed; ref it to keep it), [start, end) the hit in code points. */
typedef void (*AnnotaCorpusHitFunc)      (AnnotaCorpus *corpus,
                                          guint         position,
                                          AnnotaText   *text,
                                          guint         start,
                                          guint         end,
                                          gpointer      user_data);
/* Called now and then by a long operation: n_done of n_total documents. */
typedef void (*AnnotaCorpusProgressFunc) (AnnotaCorpus *corpus,
                                          guint         n_done,
                                          guint         n_total,
                                          gpointer      user_data);

/* Subfolders of a folder corpus are listed down to this depth (the folder
 * itself is depth 0). */
#define ANNOTA_CORPUS_MAX_DEPTH 16

/* Opens a folder or a JSONL file (anything that is not a folder). A folder
 * is listed with its subfolders, without reading its documents (states and
 * counts come from its index, .annota-index.json, when it is fresh); hidden
 * files and folders and labels.json are skipped, a folder reached twice
 * (through links) is listed once, and documents are sorted by their path
 * from the folder in natural order. A JSONL file is read and each line
 * scanned. Fails with G_IO_ERROR_CANCELLED when cancelled, and with an
 * ANNOTA_FORMAT_ERROR for an unreadable labels.json. */
AnnotaCorpus     *annota_corpus_open              (const char           *path,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
/* The same in a worker thread. */
void              annota_corpus_open_async        (const char           *path,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
AnnotaCorpus     *annota_corpus_open_finish       (GAsyncResult         *result,
                                                   GError              **error);

const char       *annota_corpus_get_path          (AnnotaCorpus         *self);
AnnotaCorpusKind  annota_corpus_get_kind          (AnnotaCorpus         *self);
/* The label set shared by every document of the corpus. */
AnnotaLabelSet   *annota_corpus_get_labels        (AnnotaCorpus         *self);
/* Problems found while listing (files skipped, lines that are not JSON
 * objects, a stale index); borrowed strings. */
GPtrArray        *annota_corpus_get_warnings      (AnnotaCorpus         *self);
guint             annota_corpus_get_n_documents   (AnnotaCorpus         *self);
/* Borrowed. */
AnnotaCorpusEntry *annota_corpus_peek_entry       (AnnotaCorpus         *self,
                                                   guint                 position);
/* Finds an entry by name. */
gboolean          annota_corpus_find              (AnnotaCorpus         *self,
                                                   const char           *name,
                                                   guint                *position);

/* Loads the document at position, or returns the one loaded before
 * (borrowed; the corpus keeps it until it is finalized). The document uses
 * the corpus's label set; labels of its own that the set lacks are added
 * to the set, and when the set comes from labels.json each addition is
 * reported in the entry's warnings. */
AnnotaDocument   *annota_corpus_load_document     (AnnotaCorpus         *self,
                                                   guint                 position,
                                                   GError              **error);
/* Reads the document at position again, for a file another program
 * changed: the document loaded before is let go, with its unsaved changes
 * and its history, and a new one read in its place (the entry notifies
 * "document", and its state and counts as they change); a document not
 * loaded yet is loaded. On error nothing changes and the document loaded
 * before stays. A line of a JSONL file is read again only while the file
 * is as the corpus listed it: once another program changed it, its lines
 * may have moved, and this fails with G_IO_ERROR_WRONG_ETAG. Returns the
 * document (borrowed). */
AnnotaDocument   *annota_corpus_reload_document   (AnnotaCorpus         *self,
                                                   guint                 position,
                                                   GError              **error);
/* Saves the loaded document at position atomically: to its .json file (a
 * plain text becomes NAME.json beside its .txt), or into its line of the
 * JSONL file (every other line kept byte for byte). Updates the entry and
 * the index, and writes labels.json (folders) when the label set changed.
 * Saving a document that is not loaded does nothing. */
gboolean          annota_corpus_save_document     (AnnotaCorpus         *self,
                                                   guint                 position,
                                                   GError              **error);
/* Saves every loaded document with unsaved changes; stops at the first
 * error. */
gboolean          annota_corpus_save_modified     (AnnotaCorpus         *self,
                                                   GError              **error);

/* Reads the documents whose state or counts are unknown (no fresh index
 * entry) with a fast partial parse, fills their entries and writes the
 * index. The async variant reads in a worker thread and fills the entries
 * when it completes; progress is called in the caller's main context. */
gboolean          annota_corpus_scan              (AnnotaCorpus         *self,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void              annota_corpus_scan_async        (AnnotaCorpus         *self,
                                                   GCancellable         *cancellable,
                                                   AnnotaCorpusProgressFunc progress,
                                                   gpointer              progress_data,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          annota_corpus_scan_finish       (AnnotaCorpus         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Searches every document in order with annota_text_search (a loaded
 * document's text as it is, the others read one at a time and dropped),
 * calling hit for each match. A document that cannot be read is skipped. */
gboolean          annota_corpus_search            (AnnotaCorpus         *self,
                                                   const char           *query,
                                                   AnnotaSearchFlags     flags,
                                                   GCancellable         *cancellable,
                                                   AnnotaCorpusHitFunc   hit,
                                                   gpointer              hit_data,
                                                   GError              **error);
/* The same in a worker thread; hit and progress are called in the
 * caller's main context, in order, and all before callback. */
void              annota_corpus_search_async      (AnnotaCorpus         *self,
                                                   const char           *query,
                                                   AnnotaSearchFlags     flags,
                                                   GCancellable         *cancellable,
                                                   AnnotaCorpusHitFunc   hit,
                                                   AnnotaCorpusProgressFunc progress,
                                                   gpointer              hit_data,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          annota_corpus_search_finish     (AnnotaCorpus         *self,
                                                   GAsyncResult         *result,
                                                   guint                *n_hits,
                                                   GError              **error);

/* Navigation: the next / previous position, or ANNOTA_CORPUS_NO_POSITION. */
guint             annota_corpus_get_next          (AnnotaCorpus         *self,
                                                   guint                 position);
guint             annota_corpus_get_previous      (AnnotaCorpus         *self,
                                                   guint                 position);
/* The first document after position (ANNOTA_CORPUS_NO_POSITION: from the
 * start), wrapping around, that is not done; a document of unknown state
 * on the way is scanned to know. ANNOTA_CORPUS_NO_POSITION when every
 * other document is done. */
guint             annota_corpus_find_next_todo    (AnnotaCorpus         *self,
                                                   guint                 position);

/* Progress over the corpus, from the entries (live for loaded documents).
 * "progress-changed" is emitted whenever any of these may have changed. */
guint             annota_corpus_count_documents   (AnnotaCorpus         *self,
                                                   int                   state);
guint64           annota_corpus_count_spans       (AnnotaCorpus         *self,
                                                   const char           *label,
                                                   int                   status);
guint64           annota_corpus_get_n_characters  (AnnotaCorpus         *self);
/* Every label id that has spans somewhere, the label set's order first. */
GStrv             annota_corpus_list_span_labels  (AnnotaCorpus         *self);

/* Lists a folder corpus again and brings the list in line with the disk:
 * documents added since are inserted, and documents whose file is gone
 * removed, with one "items-changed" for each run of them at its exact
 * position; a document whose file changed is unknown again until scanned.
 * A loaded document with unsaved changes, and the current one, stay
 * listed when their file is gone, marked "missing" (saving writes the file
 * again). A JSONL corpus is left as it is. */
gboolean          annota_corpus_refresh           (AnnotaCorpus         *self,
                                                   GError              **error);
/* While watching (a folder corpus), file monitors on the folder and its
 * subfolders refresh the corpus shortly after each burst of changes, and
 * the documents that refresh finds unknown are scanned in a worker
 * thread. */
void              annota_corpus_set_watching      (AnnotaCorpus         *self,
                                                   gboolean              watching);
gboolean          annota_corpus_get_watching      (AnnotaCorpus         *self);
/* The document shown to the user (ANNOTA_CORPUS_NO_POSITION for none): a
 * refresh keeps it listed when its file is gone. Its position follows the
 * insertions and removals before it. */
void              annota_corpus_set_current       (AnnotaCorpus         *self,
                                                   guint                 position);
guint             annota_corpus_get_current       (AnnotaCorpus         *self);

/* Test hook: how many times a document was read from disk (loads, scans
 * and search reads); listing from a fresh index reads none. */
guint             _annota_corpus_get_n_reads      (AnnotaCorpus         *self);

G_END_DECLS
