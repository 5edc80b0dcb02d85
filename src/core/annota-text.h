/* annota-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of a document and the one place that speaks ICU: conversions
 * between code points, UTF-8 bytes and UTF-16 units (identity-fast when the
 * text allows it), grapheme, word and sentence boundaries, tokens, an NFC
 * check and diacritic- or case-insensitive search. Offsets are code points.
 * The text is immutable.
 */
#pragma once

#include "annota-types.h"

G_BEGIN_DECLS

typedef struct {
  guint start;
  guint end;
} AnnotaRange;

typedef enum {
  ANNOTA_SEARCH_CASE_INSENSITIVE      = 1 << 0,
  ANNOTA_SEARCH_DIACRITIC_INSENSITIVE = 1 << 1,  /* implies case-insensitive */
  ANNOTA_SEARCH_WHOLE_WORD            = 1 << 2,
} AnnotaSearchFlags;

#define ANNOTA_TYPE_TEXT (annota_text_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaText, annota_text, ANNOTA, TEXT, GObject)

/* utf8 must be valid UTF-8 (checked with g_return_val_if_fail); len -1 for
 * NUL-terminated. _take adopts a g_malloc'ed NUL-terminated string. */
AnnotaText   *annota_text_new            (const char        *utf8,
                                          gssize             len);
AnnotaText   *annota_text_new_take       (char              *utf8,
                                          gsize              len);
const char   *annota_text_get_utf8       (AnnotaText        *self);
gsize         annota_text_get_n_bytes    (AnnotaText        *self);
/* Length in code points. */
guint         annota_text_get_length     (AnnotaText        *self);
/* Length in UTF-16 code units. */
guint         annota_text_get_utf16_length (AnnotaText      *self);

/* Conversions; offsets past the end are clamped to the end. */
gsize         annota_text_cp_to_byte     (AnnotaText        *self,
                                          guint              cp);
guint         annota_text_byte_to_cp     (AnnotaText        *self,
                                          gsize              byte);
guint         annota_text_cp_to_utf16    (AnnotaText        *self,
                                          guint              cp);
/* A UTF-16 offset inside a surrogate pair maps to the pair's code point and
 * sets *exact (if given) to FALSE. */
guint         annota_text_utf16_to_cp    (AnnotaText        *self,
                                          guint              u16,
                                          gboolean          *exact);
/* New string with text[start:end]. */
char         *annota_text_substring      (AnnotaText        *self,
                                          guint              start,
                                          guint              end);
/* Borrowed pointer to the byte at code point cp, and the byte length of
 * [start, end). */
const char   *annota_text_peek_at        (AnnotaText        *self,
                                          guint              cp,
                                          gsize             *n_bytes_to,
                                          guint              end);

/* Boundaries. prev/next return the nearest boundary strictly before/after
 * cp (0 and length at the ends). */
gboolean      annota_text_is_grapheme_boundary (AnnotaText  *self,
                                                guint        cp);
guint         annota_text_next_grapheme  (AnnotaText        *self,
                                          guint              cp);
guint         annota_text_prev_grapheme  (AnnotaText        *self,
                                          guint              cp);
guint         annota_text_next_word      (AnnotaText        *self,
                                          guint              cp);
guint         annota_text_prev_word      (AnnotaText        *self,
                                          guint              cp);
/* Widens [start, end) to grapheme-cluster boundaries. */
void          annota_text_snap_graphemes (AnnotaText        *self,
                                          guint             *start,
                                          guint             *end);
/* Widens [start, end) to the words (ICU word segments that are not
 * whitespace or punctuation) it touches, then trims surrounding whitespace;
 * a selection of only whitespace is left as grapheme-snapped. */
void          annota_text_snap_words     (AnnotaText        *self,
                                          guint             *start,
                                          guint             *end);
/* Tokens: ICU word segments that are not whitespace; punctuation is a token
 * of its own. Sentences: ICU sentence segments with trailing whitespace
 * trimmed. Both computed once and cached; the arrays are borrowed. */
GArray       *annota_text_get_tokens     (AnnotaText        *self);
GArray       *annota_text_get_sentences  (AnnotaText        *self);
/* TRUE when the text is in NFC. */
gboolean      annota_text_is_nfc         (AnnotaText        *self);
/* All matches of query, as a new GArray of AnnotaRange, in order. */
GArray       *annota_text_search         (AnnotaText        *self,
                                          const char        *query,
                                          AnnotaSearchFlags  flags);

G_END_DECLS
