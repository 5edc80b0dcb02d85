/* annota-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The interchange formats (spaCy/Prodigy JSONL, doccano JSONL, brat
 * standoff, CoNLL, Label Studio JSON) and the native format behind one
 * registry: guess a format from a path and its content, read documents one
 * at a time or all at once, and write them atomically.
 */
#pragma once

#include "annota-core.h"

G_BEGIN_DECLS

typedef enum {
  ANNOTA_FORMAT_UNKNOWN,
  ANNOTA_FORMAT_NATIVE,
  ANNOTA_FORMAT_SPACY,
  ANNOTA_FORMAT_DOCCANO,
  ANNOTA_FORMAT_BRAT,
  ANNOTA_FORMAT_CONLL,
  ANNOTA_FORMAT_LABELSTUDIO,
} AnnotaFormatKind;

typedef enum {
  ANNOTA_CONLL_SCHEME_AUTO,   /* import: detected; export: the one the document came with, else IOB2 */
  ANNOTA_CONLL_SCHEME_IOB2,
  ANNOTA_CONLL_SCHEME_IOB1,
  ANNOTA_CONLL_SCHEME_BIOES,
  ANNOTA_CONLL_SCHEME_BILOU,
} AnnotaConllScheme;

typedef enum {
  ANNOTA_OFFSETS_UTF16,        /* doccano's default: UTF-16 code units */
  ANNOTA_OFFSETS_CODEPOINTS,
} AnnotaOffsetUnit;

/* What an export does with a span the target cannot express: a span off
 * token boundaries or overlapping another (CoNLL), a discontinuous span
 * (everything but brat). */
typedef enum {
  ANNOTA_MISALIGNED_ERROR,
  ANNOTA_MISALIGNED_EXPAND,
  ANNOTA_MISALIGNED_SKIP,
} AnnotaMisalignedPolicy;

/* Accepted spans are always exported; these add the others. */
typedef enum {
  ANNOTA_INCLUDE_ACCEPTED  = 0,
  ANNOTA_INCLUDE_SUGGESTED = 1 << 0,
  ANNOTA_INCLUDE_REJECTED  = 1 << 1,
  ANNOTA_INCLUDE_ALL       = ANNOTA_INCLUDE_SUGGESTED | ANNOTA_INCLUDE_REJECTED,
} AnnotaIncludeFlags;

typedef struct {
  AnnotaConllScheme      scheme;
  AnnotaOffsetUnit       offsets;
  AnnotaMisalignedPolicy misaligned;
  AnnotaIncludeFlags     include;
  /* Import: the label set the documents share (labels are added to it as
   * they are met); NULL for a new one per reader. */
  AnnotaLabelSet        *labels;
} AnnotaFormatOptions;

void              annota_format_options_init   (AnnotaFormatOptions *opts);

const char       *annota_format_kind_to_string (AnnotaFormatKind     kind);
/* "native", "spacy" (or "prodigy"), "doccano", "brat", "conll", "labelstudio". */
AnnotaFormatKind  annota_format_kind_from_string (const char        *name);
gboolean          annota_conll_scheme_from_string (const char       *name,
                                                   AnnotaConllScheme *scheme);
const char       *annota_conll_scheme_to_string   (AnnotaConllScheme  scheme);

/* Guesses the format of an existing input from its extension and, for
 * .json and .jsonl, its content; a folder is brat when it holds .ann files,
 * else native. */
AnnotaFormatKind  annota_format_detect_input   (const char          *path,
                                                GError             **error);
/* Guesses the format of an output path from its extension (.json native,
 * .jsonl spaCy, .ann brat, .conll/.iob/.bio CoNLL). */
AnnotaFormatKind  annota_format_detect_output  (const char          *path,
                                                GError             **error);

/* The name importers give a document, for messages: "FILE:LINE" for a
 * record of a JSONL file or a CoNLL document, the path for a file. */
const char       *annota_format_get_document_name (AnnotaDocument   *document);
void              annota_format_set_document_name (AnnotaDocument   *document,
                                                   const char       *name);

/* Streaming reader: one document at a time, so that memory does not grow
 * with a JSONL corpus. */
typedef struct _AnnotaFormatReader AnnotaFormatReader;

AnnotaFormatReader *annota_format_reader_open  (AnnotaFormatKind           kind,
                                                const char                *path,
                                                const AnnotaFormatOptions *opts,
                                                GError                   **error);
/* A new reference to the next document; NULL at the end (error unset) or on
 * a bad input (error set, "FILE:LINE: message"). Warnings are appended to
 * warnings (strings) when it is not NULL. */
AnnotaDocument     *annota_format_reader_next  (AnnotaFormatReader        *self,
                                                GPtrArray                 *warnings,
                                                GError                   **error);
AnnotaLabelSet     *annota_format_reader_get_labels (AnnotaFormatReader   *self);
/* Bytes read so far and in all, for a progress line. */
void                annota_format_reader_get_progress (AnnotaFormatReader *self,
                                                       guint64            *done,
                                                       guint64            *total);
void                annota_format_reader_free  (AnnotaFormatReader        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnotaFormatReader, annota_format_reader_free)

/* Streaming writer: everything goes to temporary files that replace the
 * targets only in annota_format_writer_commit(); freeing a writer that was
 * not committed leaves the targets as they were. For brat, path is a folder
 * (created if needed) or a path ending in .ann (one document). */
typedef struct _AnnotaFormatWriter AnnotaFormatWriter;

AnnotaFormatWriter *annota_format_writer_open  (AnnotaFormatKind           kind,
                                                const char                *path,
                                                const AnnotaFormatOptions *opts,
                                                GError                   **error);
/* Writes one document. What the target cannot express is appended to
 * problems (strings naming the document, offsets and text); under
 * ANNOTA_MISALIGNED_ERROR it also fails. */
gboolean            annota_format_writer_add   (AnnotaFormatWriter        *self,
                                                AnnotaDocument            *document,
                                                GPtrArray                 *problems,
                                                GError                   **error);
gboolean            annota_format_writer_commit (AnnotaFormatWriter       *self,
                                                 GError                  **error);
void                annota_format_writer_free  (AnnotaFormatWriter        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnotaFormatWriter, annota_format_writer_free)

/* Reads the next document and writes it, without making an AnnotaDocument
 * when neither format is native: the fast path of a conversion. Returns
 * FALSE at the end (error unset) or on an error of either side; n_spans
 * (if given) gets the number of spans read. */
gboolean            annota_format_convert_next (AnnotaFormatReader    *reader,
                                                AnnotaFormatWriter    *writer,
                                                GPtrArray             *warnings,
                                                GPtrArray             *problems,
                                                guint                 *n_spans,
                                                GError               **error);

/* Called after each document of annota_format_convert(), in the caller's
 * thread, with what reading warned of and what writing reported (both
 * emptied after the call), the reader's progress and whether the document
 * was written; a last call with n_spans 0 and written FALSE may bring the
 * warnings of the end. */
typedef void (*AnnotaFormatConvertFunc) (guint      n_spans,
                                         GPtrArray *warnings,
                                         GPtrArray *problems,
                                         guint64    done,
                                         guint64    total,
                                         gboolean   written,
                                         gpointer   user_data);

/* Converts every document from reader to writer (without committing),
 * reading in a thread of its own unless a side is native. FALSE on the
 * first error of either side. */
gboolean            annota_format_convert      (AnnotaFormatReader     *reader,
                                                AnnotaFormatWriter     *writer,
                                                AnnotaFormatConvertFunc func,
                                                gpointer                user_data,
                                                GError                **error);

/* All at once: a new array of AnnotaDocument, or NULL with error set. */
GPtrArray          *annota_format_read         (AnnotaFormatKind           kind,
                                                const char                *path,
                                                const AnnotaFormatOptions *opts,
                                                GPtrArray                 *warnings,
                                                GError                   **error);
gboolean            annota_format_write        (AnnotaFormatKind           kind,
                                                GPtrArray                 *documents,
                                                const char                *path,
                                                const AnnotaFormatOptions *opts,
                                                GPtrArray                 *problems,
                                                GError                   **error);

G_END_DECLS
