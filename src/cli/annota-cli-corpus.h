/* annota-cli-corpus.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "annota-cli stats DIR|FILE.jsonl": the figures of a whole corpus, read
 * from its index or a fast scan of each document, without loading them,
 * for run_stats to add to its totals.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char    *id;
  char    *name;
  guint64  count;     /* spans of any status */
} AnnotaCliLabelCount;

/* Frees an AnnotaCliLabelCount: the free function of stats' labels, and
 * of the totals annota-cli stats adds them to. */
void     annota_cli_label_count_free     (gpointer              count);

typedef struct {
  guint      documents;
  guint64    characters;
  guint64    spans;
  guint64    statuses[3];   /* by AnnotaSpanStatus */
  guint      states[3];     /* by AnnotaDocumentState */
  guint      unreadable;    /* documents that could not be read: not counted */
  GPtrArray *labels;        /* AnnotaCliLabelCount: the corpus's label set order, then others */
} AnnotaCliCorpusStats;

/* TRUE for what stats should read as a corpus: a folder, or a file named
 * *.jsonl or *.ndjson. */
gboolean annota_cli_is_corpus            (const char           *path);
/* Fills stats (which it initialises). Each document that cannot be read
 * and each listing warning is printed to stderr as "annota-cli stats:
 * MESSAGE", and counted in unreadable. FALSE with error when the corpus
 * itself cannot be opened. Writes the folder's .annota-index.json as a
 * scan does, so that the next run reads nothing. */
gboolean annota_cli_corpus_stats         (const char           *path,
                                          AnnotaCliCorpusStats *stats,
                                          GError              **error);
void     annota_cli_corpus_stats_clear   (AnnotaCliCorpusStats *stats);

G_END_DECLS
