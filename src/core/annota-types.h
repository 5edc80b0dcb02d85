/* annota-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Forward declarations, enums and error domains shared by the core library.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _AnnotaLabel     AnnotaLabel;
typedef struct _AnnotaLabelSet  AnnotaLabelSet;
typedef struct _AnnotaSpan      AnnotaSpan;
typedef struct _AnnotaSpanStore AnnotaSpanStore;
typedef struct _AnnotaHistory   AnnotaHistory;
typedef struct _AnnotaDocument  AnnotaDocument;
typedef struct _AnnotaText      AnnotaText;

typedef enum {
  ANNOTA_SPAN_STATUS_SUGGESTED,
  ANNOTA_SPAN_STATUS_ACCEPTED,
  ANNOTA_SPAN_STATUS_REJECTED,
} AnnotaSpanStatus;

typedef enum {
  ANNOTA_DOCUMENT_STATE_TODO,
  ANNOTA_DOCUMENT_STATE_IN_PROGRESS,
  ANNOTA_DOCUMENT_STATE_DONE,
} AnnotaDocumentState;

/* Errors of the native format and of every interchange format: the message
 * always names the file, the JSON path or line, what was found and what was
 * expected. */
typedef enum {
  ANNOTA_FORMAT_ERROR_SYNTAX,       /* not JSON, truncated, invalid UTF-8, NUL, lone surrogate */
  ANNOTA_FORMAT_ERROR_VERSION,      /* "annota" is newer than this build knows */
  ANNOTA_FORMAT_ERROR_TYPE,         /* a member has the wrong JSON type */
  ANNOTA_FORMAT_ERROR_MISSING,      /* a required member is absent */
  ANNOTA_FORMAT_ERROR_VALUE,        /* a value is out of range or not one of the allowed ones */
  ANNOTA_FORMAT_ERROR_LIMIT,        /* nesting too deep, number too large, file too large */
  ANNOTA_FORMAT_ERROR_IO,           /* the file could not be read or written */
} AnnotaFormatError;

#define ANNOTA_FORMAT_ERROR (annota_format_error_quark ())
GQuark annota_format_error_quark (void);

/* Errors of document operations (bad offsets, unknown labels, duplicate ids). */
typedef enum {
  ANNOTA_DOCUMENT_ERROR_RANGE,
  ANNOTA_DOCUMENT_ERROR_LABEL,
  ANNOTA_DOCUMENT_ERROR_DUPLICATE,
} AnnotaDocumentError;

#define ANNOTA_DOCUMENT_ERROR (annota_document_error_quark ())
GQuark annota_document_error_quark (void);

const char         *annota_span_status_to_string    (AnnotaSpanStatus     status);
gboolean            annota_span_status_from_string  (const char          *str,
                                                     AnnotaSpanStatus    *status);
const char         *annota_document_state_to_string (AnnotaDocumentState  state);
gboolean            annota_document_state_from_string (const char        *str,
                                                       AnnotaDocumentState *state);

G_END_DECLS
