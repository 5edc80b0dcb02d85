/* annota-format-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the format readers and writers share: a small JSON tree built in an
 * arena (one per record, so a JSONL corpus costs the memory of its largest
 * line), a buffered line reader, a buffered atomic file sink, and the rules
 * for keeping members a format does not know.
 */
#pragma once

#include "annota-format.h"

G_BEGIN_DECLS

/* JSON tree */

typedef enum {
  AJ_NULL,
  AJ_BOOL,
  AJ_NUMBER,
  AJ_STRING,
  AJ_OBJECT,
  AJ_ARRAY,
} AjType;

typedef struct _AjNode AjNode;
struct _AjNode {
  AjType       type;
  guint        len;    /* bytes of a string or number text, members of a container */
  union {
    const char *str;   /* string (may hold NUL) or the number's own text */
    gboolean    boolean;
    AjNode    **items;
  } v;
  const char **keys;   /* object member names, NUL-terminated */
};

typedef struct _AjParser AjParser;

AjParser     *_aj_parser_new      (void);
void          _aj_parser_free     (AjParser     *self);
/* Parses one JSON value; the tree lives until the next parse or the free.
 * On error, *error_offset (if given) is the byte offset of the problem. */
AjNode       *_aj_parse           (AjParser     *self,
                                   const char   *data,
                                   gsize         len,
                                   gsize        *error_offset,
                                   char        **message);
/* The same, always with yajl, never the parser of the common case: for
 * the tests and fuzzers that compare the two. */
AjNode       *_aj_parse_with_yajl (AjParser     *self,
                                   const char   *data,
                                   gsize         len,
                                   gsize        *error_offset,
                                   char        **message);
/* Whether the two give the same tree, or fail with the same message at the
 * same offset; if not, *difference says how. */
gboolean      _aj_parsers_agree   (const char   *data,
                                   gsize         len,
                                   char        **difference);
/* Whether the last parse failed on a string's content (a NUL character or
 * invalid UTF-8, which the native format refuses too) rather than on the
 * syntax; the message then starts with the string's path, not a column. */
gboolean      _aj_parser_bad_string (AjParser   *self);
AjNode       *_aj_get             (AjNode       *object,
                                   const char   *key);
gboolean      _aj_get_int         (AjNode       *node,
                                   gint64       *value);
gboolean      _aj_get_double      (AjNode       *node,
                                   double       *value);
/* Compact JSON text, as json.dumps (separators (",", ":"), ensure_ascii off). */
void          _aj_append          (GString      *out,
                                   AjNode       *node);
char         *_aj_to_string       (AjNode       *node);
gboolean      _aj_equal           (AjNode       *a,
                                   AjNode       *b);
const char   *_aj_type_name       (AjNode       *node);

/* Line reader */

/* The longest line the line reader takes: far above any record or CoNLL
 * line met in practice, and so far below the native format's file limit
 * that a document made from one line can be saved and opened again; it
 * bounds the reader's buffer. */
#define ANNOTA_MAX_LINE_SIZE (64 * 1024 * 1024)

typedef struct {
  int      fd;
  char    *path;
  char    *buf;
  gsize    size;
  gsize    start;
  gsize    end;
  gboolean eof;
  guint64  consumed;
  guint64  total;
  guint    line_no;
} AnnotaLineReader;

gboolean      _annota_line_reader_open  (AnnotaLineReader *self,
                                         const char       *path,
                                         GError          **error);
/* Borrowed line without its "\n" (a "\r" before it stays); FALSE at the end
 * (error unset) or on error ("FILE:LINE: message": a line longer than
 * ANNOTA_MAX_LINE_SIZE, a read error). has_eol tells whether the line ended
 * with "\n". */
gboolean      _annota_line_reader_next  (AnnotaLineReader *self,
                                         const char      **line,
                                         gsize            *len,
                                         gboolean         *has_eol,
                                         GError          **error);
void          _annota_line_reader_close (AnnotaLineReader *self);

/* The whole of a file that must be read at once (a JSON tree, brat's
 * pair), refused without reading it when it is larger than
 * ANNOTA_MAX_FILE_SIZE, as the native loader does. */
gboolean      _annota_read_file         (const char       *path,
                                         char            **contents,
                                         gsize            *len,
                                         GError          **error);

/* Atomic sink: a temporary sibling written through a buffer, renamed over
 * the target on commit. */
typedef struct {
  char    *path;
  char    *tmp_path;
  int      fd;
  GString *buf;
} AnnotaSink;

gboolean      _annota_sink_open    (AnnotaSink  *self,
                                    const char  *path,
                                    GError     **error);
gboolean      _annota_sink_maybe_flush (AnnotaSink *self,
                                        GError    **error);
gboolean      _annota_sink_commit  (AnnotaSink  *self,
                                    GError     **error);
void          _annota_sink_abort   (AnnotaSink  *self);

/* A record: one document as the formats see it, without GObjects, so a
 * streamed conversion costs no object per span. Importers fill one,
 * exporters read one; AnnotaDocument is made from it (reader) or lends
 * its parts to it (writer). Strings live in the record's chunk or are
 * borrowed from the document. */
typedef struct {
  guint             start;
  guint             end;
  const char       *label;    /* interned */
  AnnotaSpanStatus  status;
  const char       *origin;   /* interned */
  double            score;    /* < 0: none */
  const char       *note;
  const char       *extra;    /* compact JSON object or NULL */
} AnnotaRecordSpan;

typedef struct {
  const char     *name;
  const char     *stem;       /* file name in a folder, or NULL */
  const char     *text;
  gsize           n_bytes;
  guint           n_cp;
  GArray         *spans;      /* AnnotaRecordSpan */
  GArray         *tokens;     /* AnnotaRange or NULL (a reference) */
  GArray         *sentences;
  /* ICU's tokens and sentences, when made ahead (by the reader thread of
   * a conversion to CoNLL); NULL otherwise. */
  GArray         *icu_tokens;
  GArray         *icu_sentences;
  GPtrArray      *extras;     /* AnnotaJsonMember*, in order */
  AnnotaDocument *document;   /* when it lends its parts */
  AnnotaText     *text_object;
  GStringChunk   *chunk;
  GPtrArray      *owned;      /* AnnotaJsonMember* made here */
} AnnotaRecord;

void          _annota_record_init      (AnnotaRecord   *record);
void          _annota_record_reset     (AnnotaRecord   *record);
void          _annota_record_clear     (AnnotaRecord   *record);
const char   *_annota_record_strdup    (AnnotaRecord   *record,
                                        const char     *str,
                                        gssize          len);
/* text is copied; its code points are counted. */
void          _annota_record_set_text  (AnnotaRecord   *record,
                                        const char     *text,
                                        gsize           n_bytes);
AnnotaRecordSpan *_annota_record_add_span (AnnotaRecord *record,
                                           guint         start,
                                           guint         end,
                                           const char   *label,
                                           AnnotaSpanStatus status,
                                           const char   *origin,
                                           double        score);
void          _annota_record_set_extra (AnnotaRecord   *record,
                                        const char     *name,
                                        const char     *json);
const char   *_annota_record_get_extra (AnnotaRecord   *record,
                                        const char     *name);
/* The text as an AnnotaText (the document's, or made once). */
AnnotaText   *_annota_record_get_text  (AnnotaRecord   *record);
AnnotaDocument *_annota_record_to_document (AnnotaRecord   *record,
                                            AnnotaLabelSet *labels,
                                            GError        **error);
void          _annota_record_from_document (AnnotaRecord   *record,
                                            AnnotaDocument *document);

/* Members a format does not know: a member NAME of format PREFIX is kept
 * under NAME, or under "PREFIX:NAME" when NAME has a colon or is one the
 * native format uses itself (reserved). A writer of PREFIX writes members
 * "PREFIX:X" as X, plain members as they are, and leaves out members of
 * other formats. */
char         *_annota_extra_in_name   (const char          *prefix,
                                       const char          *name,
                                       const char * const  *reserved);
const char   *_annota_extra_out_name  (const char          *prefix,
                                       const char          *name);
extern const char * const _annota_document_reserved[];
extern const char * const _annota_span_reserved[];

/* Appends the members of a span's extra object that PREFIX writes, as
 * ",\"name\":value" (no leading comma when first is TRUE); returns whether
 * it wrote any. */
gboolean      _annota_append_span_extra (GString      *out,
                                         AjParser     *parser,
                                         const char   *extra,
                                         const char   *prefix,
                                         gboolean      first);
/* Same for the record's extra members; skip lists names left out (as
 * written or as kept). */
void          _annota_append_record_extra (GString            *out,
                                           AnnotaRecord       *record,
                                           const char         *prefix,
                                           const char * const *skip);
/* A string member of a span's extra object (a new string), or NULL. */
char         *_annota_extra_string      (const char  *extra,
                                         AjParser    *parser,
                                         const char  *key);

/* Import helpers */

/* The text member KEY of an object set as the record's text, or an error
 * naming the record ("NAME: no “text” member"). */
gboolean      _annota_import_text       (AnnotaRecord    *record,
                                         AjNode          *object,
                                         const char      *key,
                                         const char      *name,
                                         GError         **error);
/* A compact JSON object of the members of object that are not in known,
 * named for format prefix, in the record's chunk; NULL when none. */
const char   *_annota_collect_extra     (AnnotaRecord       *record,
                                         AjNode             *object,
                                         const char * const *known,
                                         const char         *prefix,
                                         const char * const *reserved);
/* JSON text in the native loader's form for kept members: ", " and ": "
 * between tokens at every level, no other space outside strings. A
 * document made from a record gets its kept members in this form, so that
 * its first native save is already canonical. A new string. */
char         *_annota_json_native_style (const char         *json);
/* Keeps the members of object that are not in known as extra members. */
void          _annota_keep_members      (AnnotaRecord       *record,
                                         AjNode             *object,
                                         const char * const *known,
                                         const char         *prefix);
/* The label set gets the label when it lacks it; returns the interned id. */
const char   *_annota_ensure_label      (AnnotaLabelSet *labels,
                                         const char     *id);

/* Export helpers */

typedef struct {
  guint                   start;
  guint                   end;
  const char             *label;   /* interned */
  const AnnotaRecordSpan *rs;      /* the first of its group */
} AnnotaExportSpan;

/* The spans an export writes, in order: status filtered by include, and
 * the fragments of a discontinuous brat span (a shared "brat:T…" note)
 * reported and, by policy, merged (expand), dropped (skip) or refused
 * (error, returns NULL). */
GArray       *_annota_export_spans      (AnnotaRecord              *record,
                                         const AnnotaFormatOptions *opts,
                                         const char                *format_name,
                                         GPtrArray                 *problems,
                                         GError                   **error);
/* "NAME: span [s, e) LABEL “text”" */
char         *_annota_describe_span     (AnnotaRecord   *record,
                                         guint           start,
                                         guint           end,
                                         const char     *label);
void          _annota_add_problem       (GPtrArray      *problems,
                                         char           *message);

/* The formats */

typedef struct {
  const AnnotaFormatOptions *opts;
  AnnotaLabelSet            *labels;
  AjParser                  *parser;
  const char                *path;
} AnnotaImportContext;

typedef gboolean (*AnnotaImportFunc) (AnnotaImportContext *ctx,
                                      AjNode              *object,
                                      const char          *name,
                                      AnnotaRecord        *record,
                                      GPtrArray           *warnings,
                                      GError             **error);
typedef gboolean (*AnnotaExportFunc) (GString                   *out,
                                      AjParser                  *parser,
                                      AnnotaRecord              *record,
                                      const AnnotaFormatOptions *opts,
                                      GPtrArray                 *problems,
                                      GError                   **error);

gboolean _annota_spacy_import       (AnnotaImportContext *, AjNode *, const char *, AnnotaRecord *, GPtrArray *, GError **);
gboolean _annota_doccano_import     (AnnotaImportContext *, AjNode *, const char *, AnnotaRecord *, GPtrArray *, GError **);
gboolean _annota_labelstudio_import (AnnotaImportContext *, AjNode *, const char *, AnnotaRecord *, GPtrArray *, GError **);
gboolean _annota_spacy_export       (GString *, AjParser *, AnnotaRecord *, const AnnotaFormatOptions *, GPtrArray *, GError **);
gboolean _annota_doccano_export     (GString *, AjParser *, AnnotaRecord *, const AnnotaFormatOptions *, GPtrArray *, GError **);
gboolean _annota_labelstudio_export (GString *, AjParser *, AnnotaRecord *, const AnnotaFormatOptions *, GPtrArray *, GError **);

/* brat: one .ann/.txt pair; the export is the .ann text. */
gboolean        _annota_brat_import     (AnnotaImportContext *ctx,
                                         const char          *ann_path,
                                         const char          *txt_path,
                                         AnnotaRecord        *record,
                                         GPtrArray           *warnings,
                                         GError             **error);
char           *_annota_brat_export     (AnnotaRecord              *record,
                                         AjParser                  *parser,
                                         const AnnotaFormatOptions *opts,
                                         GPtrArray                 *problems,
                                         GError                   **error);

/* CoNLL reads from a line reader, one -DOCSTART- document at a time;
 * returns FALSE at the end (error unset) or on error. */
typedef struct _AnnotaConllReader AnnotaConllReader;
AnnotaConllReader *_annota_conll_reader_new  (AnnotaImportContext *ctx,
                                              AnnotaLineReader    *lines);
gboolean           _annota_conll_reader_next (AnnotaConllReader   *self,
                                              AnnotaRecord        *record,
                                              GPtrArray           *warnings,
                                              GError             **error);
void               _annota_conll_reader_free (AnnotaConllReader   *self);
/* ICU tokens and sentences for a stream of texts, equal to AnnotaText's. */
typedef struct _AnnotaSegmenter AnnotaSegmenter;
AnnotaSegmenter *_annota_segmenter_new  (void);
void             _annota_segmenter_free (AnnotaSegmenter *self);
void             _annota_segmenter_run  (AnnotaSegmenter *self,
                                         const char      *text,
                                         gsize            n_bytes,
                                         GArray          *tokens,
                                         GArray          *sentences);

/* n_written counts the documents already written (a -DOCSTART- line
 * separates the second and later ones). */
gboolean        _annota_conll_export    (GString                   *out,
                                         AjParser                  *parser,
                                         AnnotaSegmenter           *segmenter,
                                         AnnotaRecord              *record,
                                         guint                      n_written,
                                         const AnnotaFormatOptions *opts,
                                         GPtrArray                 *problems,
                                         GError                   **error);

G_END_DECLS
