/* annota-corpus-entry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One document of a corpus, as the corpus lists it: its name, review state
 * and span counts (read cheaply from the corpus index or a scan, or live
 * from the document once it is loaded), so that a GtkListView can bind it.
 */
#pragma once

#include "annota-document.h"

G_BEGIN_DECLS

/* The "state" of an entry whose document was neither loaded nor scanned. */
#define ANNOTA_CORPUS_STATE_UNKNOWN (-1)

#define ANNOTA_TYPE_CORPUS_ENTRY (annota_corpus_entry_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaCorpusEntry, annota_corpus_entry, ANNOTA, CORPUS_ENTRY, GObject)

/* "doc-2" for doc-2.json or doc-2.txt, "dev/doc-3" for dev/doc-3.json in
 * a subfolder (the path from the corpus's folder, with "/" between
 * folders, without the extension); the line number ("12") for a line of a
 * JSONL corpus. */
const char     *annota_corpus_entry_get_name        (AnnotaCorpusEntry *self);
/* The file the document is read from: its own file in a folder (the .txt
 * until a plain text is first saved, then the .json), the JSONL file for
 * a line. */
const char     *annota_corpus_entry_get_path        (AnnotaCorpusEntry *self);
/* The 1-based line in a JSONL corpus; 0 in a folder. */
guint           annota_corpus_entry_get_line        (AnnotaCorpusEntry *self);
/* An AnnotaDocumentState, or ANNOTA_CORPUS_STATE_UNKNOWN. */
int             annota_corpus_entry_get_state       (AnnotaCorpusEntry *self);
/* Accepted spans, and suggested spans still to review (0 while unknown). */
guint           annota_corpus_entry_get_n_spans     (AnnotaCorpusEntry *self);
guint           annota_corpus_entry_get_n_suggested (AnnotaCorpusEntry *self);
/* Spans with this label (NULL: any) and status (-1: any). */
guint           annota_corpus_entry_count_spans     (AnnotaCorpusEntry *self,
                                                     const char        *label,
                                                     int                status);
/* Length of the text in code points, or 0 while unknown. */
guint           annota_corpus_entry_get_length      (AnnotaCorpusEntry *self);
gboolean        annota_corpus_entry_get_loaded      (AnnotaCorpusEntry *self);
gboolean        annota_corpus_entry_get_modified    (AnnotaCorpusEntry *self);
/* The loaded document (borrowed), or NULL. */
AnnotaDocument *annota_corpus_entry_get_document    (AnnotaCorpusEntry *self);
/* TRUE when the document's file was removed from the folder by another
 * program while the document was open with unsaved changes, or shown
 * (annota_corpus_set_current): it stays listed, and saving it writes the
 * file again (property "missing"). */
gboolean        annota_corpus_entry_get_missing     (AnnotaCorpusEntry *self);
/* Why the document could not be read (by a scan or a load), or NULL. */
const char     *annota_corpus_entry_get_problem     (AnnotaCorpusEntry *self);
/* Strings reported when the document was loaded (labels added to the
 * corpus's set, spans inside grapheme clusters…), or NULL. Borrowed. */
GPtrArray      *annota_corpus_entry_get_warnings    (AnnotaCorpusEntry *self);

G_END_DECLS
