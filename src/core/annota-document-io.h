/* annota-document-io.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The native JSON format (format.md, version 1): a streaming yajl parser
 * that fills the models directly, and a writer that emits the canonical
 * form (sorted spans, one per line; unknown members kept). Saves are atomic.
 */
#pragma once

#include "annota-document.h"

G_BEGIN_DECLS

#define ANNOTA_FORMAT_VERSION 1
/* Files larger than this are refused rather than read. */
#define ANNOTA_MAX_FILE_SIZE (G_GINT64_CONSTANT (512) * 1024 * 1024)
#define ANNOTA_MAX_JSON_DEPTH 64

/* Loads a native document. name is used in messages (a path or a display
 * name). warnings, if given, receives a new GPtrArray of strings
 * ("FILE: spans[3]: ends inside a grapheme cluster"). On error returns NULL
 * and builds nothing. When labels is not NULL (a corpus), the document's own
 * labels are merged into it and the document uses it. */
AnnotaDocument *annota_document_load_data  (const char      *data,
                                            gsize            len,
                                            const char      *name,
                                            AnnotaLabelSet  *labels,
                                            GPtrArray      **warnings,
                                            GError         **error);
AnnotaDocument *annota_document_load_file  (const char      *path,
                                            AnnotaLabelSet  *labels,
                                            GPtrArray      **warnings,
                                            GError         **error);
/* The canonical JSON text of the document. */
char           *annota_document_to_json    (AnnotaDocument  *self,
                                            gsize           *len);
/* Writes atomically (temporary sibling, fsync, rename), keeping the old
 * file's permissions; on failure the old file is intact. Does not change
 * the document's file or modified flag. */
gboolean        annota_document_save_file  (AnnotaDocument  *self,
                                            const char      *path,
                                            GError         **error);

/* labels.json: {"annota": 1, "labels": [...]} */
AnnotaLabelSet *annota_label_set_load_file (const char      *path,
                                            GError         **error);
AnnotaLabelSet *annota_label_set_load_data (const char      *data,
                                            gsize            len,
                                            const char      *name,
                                            GError         **error);
char           *annota_label_set_to_json   (AnnotaLabelSet  *self,
                                            gsize           *len);
gboolean        annota_label_set_save_file (AnnotaLabelSet  *self,
                                            const char      *path,
                                            GError         **error);

/* Atomic write of any contents (used by every writer). */
gboolean        annota_write_file_atomic   (const char      *path,
                                            const char      *contents,
                                            gsize            len,
                                            GError         **error);

G_END_DECLS
