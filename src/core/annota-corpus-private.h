/* annota-corpus-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What annota-corpus.c, annota-corpus-entry.c and annota-corpus-scan.c
 * share: the entry's fields, the counts a listing knows of a document, and
 * the fast partial parse that reads them from a native document.
 */
#pragma once

#include "annota-corpus.h"

G_BEGIN_DECLS

#define ANNOTA_LENGTH_UNKNOWN G_MAXUINT

typedef enum {
  ANNOTA_ENTRY_JSON,    /* NAME.json in a folder */
  ANNOTA_ENTRY_TEXT,    /* NAME.txt in a folder, not saved yet */
  ANNOTA_ENTRY_LINE,    /* a line of a JSONL file */
} AnnotaEntryKind;

typedef struct {
  const char *label;    /* interned */
  guint       by_status[3];
} AnnotaLabelCount;

/* What is known of a document on disk without loading it. */
typedef struct {
  gboolean known;       /* state and counts */
  int      state;
  guint    length;      /* code points, or ANNOTA_LENGTH_UNKNOWN */
  GArray  *labels;      /* AnnotaLabelCount, never NULL */
} AnnotaEntryStats;

void     _annota_entry_stats_init   (AnnotaEntryStats *stats);
void     _annota_entry_stats_clear  (AnnotaEntryStats *stats);
void     _annota_entry_stats_add    (AnnotaEntryStats *stats,
                                     const char       *label,
                                     AnnotaSpanStatus  status,
                                     guint             n);
guint    _annota_entry_stats_count  (const AnnotaEntryStats *stats,
                                     const char             *label,
                                     int                     status);
/* Moves src into dest (src is left empty). */
void     _annota_entry_stats_move   (AnnotaEntryStats *dest,
                                     AnnotaEntryStats *src);
/* The counts of a document as it is now. */
void     _annota_entry_stats_from_document (AnnotaEntryStats *stats,
                                            AnnotaDocument   *document);

struct _AnnotaCorpusEntry
{
  GObject           parent_instance;

  char             *name;
  char             *path;
  AnnotaEntryKind   kind;
  guint             line;
  gboolean          native;     /* a line with "annota"; else a {"text": …} line */
  goffset           offset;     /* of a line, in bytes */
  gsize             len;        /* of a line, without its line end */
  gint64            mtime;      /* of the file the stats were read from, µs */
  goffset           size;
  AnnotaEntryStats  disk;
  AnnotaDocument   *document;
  AnnotaCorpus     *corpus;     /* unowned, while the document's signals are connected */
  GPtrArray        *warnings;
  char             *problem;
  gboolean          missing;    /* loaded, its file gone from the folder */

  /* The values last notified. */
  int               state;
  guint             n_spans;
  guint             n_suggested;
  gboolean          modified;
};

AnnotaCorpusEntry *_annota_corpus_entry_new     (const char        *name,
                                                 const char        *path,
                                                 AnnotaEntryKind    kind);
/* Recomputes the live values and notifies those that changed; returns
 * TRUE when the state or a count changed. */
gboolean           _annota_corpus_entry_refresh (AnnotaCorpusEntry *self);
/* Takes stats. */
gboolean           _annota_corpus_entry_set_disk_stats (AnnotaCorpusEntry *self,
                                                        AnnotaEntryStats  *stats);
void               _annota_corpus_entry_set_problem (AnnotaCorpusEntry *self,
                                                     const char        *problem);
void               _annota_corpus_entry_set_missing (AnnotaCorpusEntry *self,
                                                     gboolean           missing);
/* Takes warnings; replaces the document loaded before, if any (a file
 * read again). */
void               _annota_corpus_entry_set_document (AnnotaCorpusEntry *self,
                                                      AnnotaDocument    *document,
                                                      GPtrArray         *warnings);

/* The fast partial parse of a native document (or of a {"text": …} line):
 * only the members a listing needs; the text itself only when asked. */
typedef struct {
  gboolean          native;     /* has an "annota" member */
  gboolean          has_text;
  AnnotaEntryStats  stats;      /* known is set; state todo when absent */
  char             *text;       /* when asked for */
  gsize             text_len;
  AnnotaLabelSet   *labels;     /* its "labels" member, if any */
  GPtrArray        *label_defs; /* AnnotaLabelDef */
} AnnotaScan;

void               _annota_scan_init  (AnnotaScan  *scan);
void               _annota_scan_clear (AnnotaScan  *scan);
typedef enum {
  ANNOTA_SCAN_TEXT        = 1 << 0,  /* keep the text */
  ANNOTA_SCAN_LABELS      = 1 << 1,  /* read the "labels" member */
  ANNOTA_SCAN_LABEL_DEFS  = 1 << 2,  /* and the members each label gives */
} AnnotaScanFlags;

/* A label as its document writes it: members it does not give are NULL. */
typedef struct {
  char *id;
  char *name;
  char *color;
  char *key;
} AnnotaLabelDef;

gboolean           _annota_scan_json  (const char      *data,
                                       gsize            len,
                                       const char      *name,
                                       AnnotaScanFlags  flags,
                                       AnnotaScan      *scan,
                                       GError         **error);

/* Natural order of names: runs of digits compare as numbers, and "/"
 * (between folders) comes before any other character. */
int                _annota_natural_compare (const char *a,
                                            const char *b);

G_END_DECLS
