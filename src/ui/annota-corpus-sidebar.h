/* annota-corpus-sidebar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The documents of a corpus beside the text: a list in natural order with
 * each document's state, name, span count and open suggestions, filters by
 * state and by name, the progress (documents done, spans by label), the
 * background scan with its Cancel, and the hits of a search through every
 * document. The sidebar only shows and reports; the window opens what is
 * chosen ("document-activated", "hit-activated").
 */
#pragma once

#include <gtk/gtk.h>

#include "annota-core.h"

G_BEGIN_DECLS

/* The state filter that lets every document through. */
#define ANNOTA_CORPUS_SIDEBAR_ALL_STATES (-2)

#define ANNOTA_TYPE_CORPUS_HIT (annota_corpus_hit_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaCorpusHit, annota_corpus_hit, ANNOTA, CORPUS_HIT, GObject)

/* A match of a corpus search: the document's position, the match in code
 * points, and a line of context around it. */
guint        annota_corpus_hit_get_position (AnnotaCorpusHit *self);
guint        annota_corpus_hit_get_start    (AnnotaCorpusHit *self);
guint        annota_corpus_hit_get_end      (AnnotaCorpusHit *self);
const char  *annota_corpus_hit_get_context  (AnnotaCorpusHit *self);

#define ANNOTA_TYPE_CORPUS_SIDEBAR (annota_corpus_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaCorpusSidebar, annota_corpus_sidebar, ANNOTA, CORPUS_SIDEBAR, GtkWidget)

GtkWidget    *annota_corpus_sidebar_new            (void);
/* Property "corpus"; setting another one stops a scan or search. */
void          annota_corpus_sidebar_set_corpus     (AnnotaCorpusSidebar *self,
                                                    AnnotaCorpus        *corpus);
AnnotaCorpus *annota_corpus_sidebar_get_corpus     (AnnotaCorpusSidebar *self);
/* The document shown in the window, highlighted and scrolled to (property
 * "current"); ANNOTA_CORPUS_NO_POSITION for none. It stays listed whatever
 * the filters say. */
void          annota_corpus_sidebar_set_current    (AnnotaCorpusSidebar *self,
                                                    guint                position);
guint         annota_corpus_sidebar_get_current    (AnnotaCorpusSidebar *self);

/* Filters: a document state or ANNOTA_CORPUS_SIDEBAR_ALL_STATES (documents
 * whose state is not known yet count as to do), and a part of the name
 * (NULL or "" for any), case-insensitive. */
void          annota_corpus_sidebar_set_filter     (AnnotaCorpusSidebar *self,
                                                    int                  state,
                                                    const char          *name);
/* The number of documents listed (for tests). */
guint         annota_corpus_sidebar_get_n_visible  (AnnotaCorpusSidebar *self);
/* The progress line under the list, and the accepted spans by label
 * ("PER 12 · LOC 3"), as shown (for tests). */
const char   *annota_corpus_sidebar_get_progress_text (AnnotaCorpusSidebar *self);
char         *annota_corpus_sidebar_dup_label_counts_text (AnnotaCorpusSidebar *self);

/* Reads what the corpus does not know of its documents yet, in a worker
 * thread, with a progress bar and Cancel (property "scanning"). */
void          annota_corpus_sidebar_scan           (AnnotaCorpusSidebar *self);
void          annota_corpus_sidebar_cancel         (AnnotaCorpusSidebar *self);
gboolean      annota_corpus_sidebar_get_scanning   (AnnotaCorpusSidebar *self);

/* Searches every document in a worker thread and lists the hits instead of
 * the documents (property "searching" while it runs); a NULL or empty query
 * goes back to the documents. At most ANNOTA_CORPUS_SIDEBAR_MAX_HITS are
 * listed. */
#define ANNOTA_CORPUS_SIDEBAR_MAX_HITS 1000
void          annota_corpus_sidebar_search         (AnnotaCorpusSidebar *self,
                                                    const char          *query,
                                                    AnnotaSearchFlags    flags);
gboolean      annota_corpus_sidebar_get_searching  (AnnotaCorpusSidebar *self);
/* The hits listed, AnnotaCorpusHit in document order. */
GListModel   *annota_corpus_sidebar_get_hits       (AnnotaCorpusSidebar *self);
/* What choosing hit i in the list does: emits "hit-activated". */
void          annota_corpus_sidebar_activate_hit   (AnnotaCorpusSidebar *self,
                                                    guint                i);

G_END_DECLS
