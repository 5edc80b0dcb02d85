/* annota-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offsets are converted through small tables built on first use: the byte
 * offset of every 64th code point, and the code points of the characters
 * outside the BMP (each takes two UTF-16 units). Pure ASCII and pure BMP
 * texts need neither. ICU gets a UTF-16 copy of the text, also made once on
 * first use, and the break iterators over it are kept.
 */
#define G_LOG_DOMAIN "annota"

#include "config.h"

#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/usearch.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "annota-text.h"
#include "annota-text-private.h"
#include "annota-utf8-private.h"

#define CHECKPOINT_SHIFT 6
#define CHECKPOINT_STEP  (1u << CHECKPOINT_SHIFT)
#define NFC_CHUNK        8192

struct _AnnotaText
{
  GObject parent_instance;

  char *utf8;
  gsize n_bytes;
  guint n_cp;
  guint n_u16;

  /* Byte offset of code point k * CHECKPOINT_STEP; NULL until needed. */
  guint32 *checkpoints;
  /* Sorted code points of the supplementary-plane characters. */
  guint32 *supplementary;
  guint n_supplementary;

  UChar *u16;
  UBreakIterator *char_bi;
  UBreakIterator *word_bi;
  UBreakIterator *sentence_bi;

  GArray *tokens;
  GArray *sentences;

  /* -1 unknown, else the answer. */
  gint8 nfc;
};

G_DEFINE_FINAL_TYPE (AnnotaText, annota_text, G_TYPE_OBJECT)

static void
annota_text_finalize (GObject *object)
{
  AnnotaText *self = ANNOTA_TEXT (object);

  g_clear_pointer (&self->char_bi, ubrk_close);
  g_clear_pointer (&self->word_bi, ubrk_close);
  g_clear_pointer (&self->sentence_bi, ubrk_close);
  g_clear_pointer (&self->u16, g_free);
  g_clear_pointer (&self->checkpoints, g_free);
  g_clear_pointer (&self->supplementary, g_free);
  g_clear_pointer (&self->tokens, g_array_unref);
  g_clear_pointer (&self->sentences, g_array_unref);
  g_clear_pointer (&self->utf8, g_free);

  G_OBJECT_CLASS (annota_text_parent_class)->finalize (object);
}

static void
annota_text_class_init (AnnotaTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = annota_text_finalize;
}

static void
annota_text_init (AnnotaText *self)
{
  self->nfc = -1;
}

static inline gboolean
is_lead_byte (guchar b)
{
  return (b & 0xC0) != 0x80;
}

static AnnotaText *
text_new_internal (char  *utf8,
                   gsize  n_bytes)
{
  AnnotaText *self = g_object_new (ANNOTA_TYPE_TEXT, NULL);
  gsize n_four = 0;
  gsize n_cp = _annota_utf8_count (utf8, n_bytes, &n_four);

  self->utf8 = utf8;
  self->n_bytes = n_bytes;
  self->n_cp = (guint) n_cp;
  self->n_u16 = (guint) (n_cp + n_four);
  self->n_supplementary = (guint) n_four;

  return self;
}

/* ICU takes int32_t lengths, which bounds the text; a UTF-8 text shorter
 * than G_MAXINT32 bytes never has more UTF-16 units than that. */
AnnotaText *
annota_text_new (const char *utf8,
                 gssize      len)
{
  gsize n_bytes;

  g_return_val_if_fail (utf8 != NULL || len == 0, NULL);

  n_bytes = len < 0 ? strlen (utf8) : (gsize) len;
  g_return_val_if_fail (n_bytes < G_MAXINT32, NULL);
  g_return_val_if_fail (_annota_utf8_validate (utf8, n_bytes, NULL), NULL);

  return text_new_internal (g_strndup (utf8 ? utf8 : "", n_bytes), n_bytes);
}

AnnotaText *
annota_text_new_take (char  *utf8,
                      gsize  len)
{
  gboolean valid;

  g_return_val_if_fail (utf8 != NULL, NULL);

  valid = len < G_MAXINT32 && utf8[len] == '\0' && _annota_utf8_validate (utf8, len, NULL);
  if (!valid)
    g_free (utf8);
  g_return_val_if_fail (valid, NULL);

  return text_new_internal (utf8, len);
}

AnnotaText *
_annota_text_new_take_checked (char  *utf8,
                               gsize  len)
{
  g_return_val_if_fail (utf8 != NULL && len < G_MAXINT32 && utf8[len] == '\0', NULL);

  return text_new_internal (utf8, len);
}

const char *
annota_text_get_utf8 (AnnotaText *self)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), NULL);

  return self->utf8;
}

gsize
annota_text_get_n_bytes (AnnotaText *self)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), 0);

  return self->n_bytes;
}

guint
annota_text_get_length (AnnotaText *self)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), 0);

  return self->n_cp;
}

guint
annota_text_get_utf16_length (AnnotaText *self)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), 0);

  return self->n_u16;
}

/* Tables and ICU objects, each made on first use. */

static inline gboolean
is_ascii (AnnotaText *self)
{
  return self->n_bytes == self->n_cp;
}

static inline gboolean
is_bmp (AnnotaText *self)
{
  return self->n_supplementary == 0;
}

static const guint32 *
ensure_checkpoints (AnnotaText *self)
{
  const guchar *p = (const guchar *) self->utf8;
  guint n, cp = 0;

  if (self->checkpoints != NULL)
    return self->checkpoints;

  n = (self->n_cp + CHECKPOINT_STEP - 1) / CHECKPOINT_STEP;
  self->checkpoints = g_new (guint32, MAX (n, 1));

  for (gsize i = 0; i < self->n_bytes; i++)
    {
      if (!is_lead_byte (p[i]))
        continue;
      if ((cp & (CHECKPOINT_STEP - 1)) == 0)
        self->checkpoints[cp >> CHECKPOINT_SHIFT] = (guint32) i;
      cp++;
    }

  return self->checkpoints;
}

static const guint32 *
ensure_supplementary (AnnotaText *self)
{
  const guchar *p = (const guchar *) self->utf8;
  guint cp = 0, k = 0;

  if (self->supplementary != NULL)
    return self->supplementary;

  self->supplementary = g_new (guint32, MAX (self->n_supplementary, 1));

  for (gsize i = 0; i < self->n_bytes; i++)
    {
      if (!is_lead_byte (p[i]))
        continue;
      if (p[i] >= 0xF0)
        self->supplementary[k++] = cp;
      cp++;
    }
  g_assert (k == self->n_supplementary);

  return self->supplementary;
}

static const UChar *
ensure_utf16 (AnnotaText *self)
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t written = 0;

  if (self->u16 != NULL)
    return self->u16;

  self->u16 = g_new (UChar, (gsize) self->n_u16 + 1);
  u_strFromUTF8 (self->u16, (int32_t) self->n_u16 + 1, &written,
                 self->utf8, (int32_t) self->n_bytes, &status);
  g_assert (U_SUCCESS (status) && (guint) written == self->n_u16);

  return self->u16;
}

static UBreakIterator *
open_break_iterator (AnnotaText     *self,
                     UBreakIteratorType type,
                     const char     *locale)
{
  UErrorCode status = U_ZERO_ERROR;
  const UChar *u16 = ensure_utf16 (self);
  UBreakIterator *bi;

  bi = ubrk_open (type, locale, u16, (int32_t) self->n_u16, &status);
  if (U_FAILURE (status))
    g_error ("ICU break iterator: %s", u_errorName (status));

  return bi;
}

static UBreakIterator *
ensure_char_bi (AnnotaText *self)
{
  if (self->char_bi == NULL)
    self->char_bi = open_break_iterator (self, UBRK_CHARACTER, "");
  return self->char_bi;
}

static UBreakIterator *
ensure_word_bi (AnnotaText *self)
{
  if (self->word_bi == NULL)
    self->word_bi = open_break_iterator (self, UBRK_WORD, "vi");
  return self->word_bi;
}

static UBreakIterator *
ensure_sentence_bi (AnnotaText *self)
{
  if (self->sentence_bi == NULL)
    self->sentence_bi = open_break_iterator (self, UBRK_SENTENCE, "vi");
  return self->sentence_bi;
}

/* Conversions. */

static gsize
cp_to_byte (AnnotaText *self,
            guint       cp)
{
  const guchar *p;
  guint rest;

  if (cp >= self->n_cp)
    return self->n_bytes;
  if (is_ascii (self))
    return cp;

  p = (const guchar *) self->utf8 + ensure_checkpoints (self)[cp >> CHECKPOINT_SHIFT];
  for (rest = cp & (CHECKPOINT_STEP - 1); rest > 0; rest--)
    p += g_utf8_skip[*p];

  return (gsize) (p - (const guchar *) self->utf8);
}

/* A byte inside a character maps to that character. */
static guint
byte_to_cp (AnnotaText *self,
            gsize       byte)
{
  const guint32 *cps;
  const guchar *p = (const guchar *) self->utf8;
  guint lo, hi, cp;

  if (byte >= self->n_bytes)
    return self->n_cp;
  if (is_ascii (self))
    return (guint) byte;

  cps = ensure_checkpoints (self);
  lo = 0;
  hi = (self->n_cp + CHECKPOINT_STEP - 1) / CHECKPOINT_STEP;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (cps[mid] <= byte)
        lo = mid;
      else
        hi = mid;
    }

  cp = lo << CHECKPOINT_SHIFT;
  for (gsize i = cps[lo] + 1; i <= byte; i++)
    cp += is_lead_byte (p[i]);

  return cp;
}

/* Number of supplementary characters before code point cp. */
static guint
n_supplementary_before (AnnotaText *self,
                        guint       cp)
{
  const guint32 *supp = ensure_supplementary (self);
  guint lo = 0, hi = self->n_supplementary;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (supp[mid] < cp)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static guint
cp_to_utf16 (AnnotaText *self,
             guint       cp)
{
  if (cp >= self->n_cp)
    return self->n_u16;
  if (is_bmp (self))
    return cp;

  return cp + n_supplementary_before (self, cp);
}

/* The i-th supplementary character starts at UTF-16 offset supp[i] + i. */
static guint
utf16_to_cp (AnnotaText *self,
             guint       u16,
             gboolean   *exact)
{
  const guint32 *supp;
  guint lo = 0, hi;

  if (exact != NULL)
    *exact = TRUE;
  if (u16 >= self->n_u16)
    return self->n_cp;
  if (is_bmp (self))
    return u16;

  supp = ensure_supplementary (self);
  hi = self->n_supplementary;
  /* Count the pairs that end at or before u16. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((guint64) supp[mid] + mid + 2 <= u16)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < self->n_supplementary && supp[lo] + lo + 1 == u16)
    {
      if (exact != NULL)
        *exact = FALSE;
      return supp[lo];
    }

  return u16 - lo;
}

gsize
annota_text_cp_to_byte (AnnotaText *self,
                        guint       cp)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), 0);

  return cp_to_byte (self, cp);
}

guint
annota_text_byte_to_cp (AnnotaText *self,
                        gsize       byte)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), 0);

  return byte_to_cp (self, byte);
}

guint
annota_text_cp_to_utf16 (AnnotaText *self,
                         guint       cp)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), 0);

  return cp_to_utf16 (self, cp);
}

guint
annota_text_utf16_to_cp (AnnotaText *self,
                         guint       u16,
                         gboolean   *exact)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), 0);

  return utf16_to_cp (self, u16, exact);
}

char *
annota_text_substring (AnnotaText *self,
                       guint       start,
                       guint       end)
{
  gsize from, to;

  g_return_val_if_fail (ANNOTA_IS_TEXT (self), NULL);

  from = cp_to_byte (self, start);
  to = end > start ? cp_to_byte (self, end) : from;

  return g_strndup (self->utf8 + from, to - from);
}

const char *
annota_text_peek_at (AnnotaText *self,
                     guint       cp,
                     gsize      *n_bytes_to,
                     guint       end)
{
  gsize from;

  g_return_val_if_fail (ANNOTA_IS_TEXT (self), NULL);

  from = cp_to_byte (self, cp);
  if (n_bytes_to != NULL)
    *n_bytes_to = end > cp ? cp_to_byte (self, end) - from : 0;

  return self->utf8 + from;
}

/* Boundaries. */

static gboolean
is_boundary (AnnotaText     *self,
             UBreakIterator *bi,
             guint           cp)
{
  if (cp == 0 || cp >= self->n_cp)
    return TRUE;

  return ubrk_isBoundary (bi, (int32_t) cp_to_utf16 (self, cp)) != 0;
}

static guint
following (AnnotaText     *self,
           UBreakIterator *bi,
           guint           cp)
{
  int32_t b;

  if (cp >= self->n_cp)
    return self->n_cp;

  b = ubrk_following (bi, (int32_t) cp_to_utf16 (self, cp));
  return b == UBRK_DONE ? self->n_cp : utf16_to_cp (self, (guint) b, NULL);
}

static guint
preceding (AnnotaText     *self,
           UBreakIterator *bi,
           guint           cp)
{
  int32_t b;

  if (cp == 0)
    return 0;

  b = ubrk_preceding (bi, (int32_t) cp_to_utf16 (self, MIN (cp, self->n_cp)));
  return b == UBRK_DONE ? 0 : utf16_to_cp (self, (guint) b, NULL);
}

gboolean
annota_text_is_grapheme_boundary (AnnotaText *self,
                                  guint       cp)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), FALSE);

  if (cp == 0 || cp >= self->n_cp)
    return TRUE;

  return is_boundary (self, ensure_char_bi (self), cp);
}

guint
annota_text_next_grapheme (AnnotaText *self,
                           guint       cp)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), 0);

  if (cp >= self->n_cp)
    return self->n_cp;

  return following (self, ensure_char_bi (self), cp);
}

guint
annota_text_prev_grapheme (AnnotaText *self,
                           guint       cp)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), 0);

  if (cp == 0)
    return 0;

  return preceding (self, ensure_char_bi (self), cp);
}

guint
annota_text_next_word (AnnotaText *self,
                       guint       cp)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), 0);

  if (cp >= self->n_cp)
    return self->n_cp;

  return following (self, ensure_word_bi (self), cp);
}

guint
annota_text_prev_word (AnnotaText *self,
                       guint       cp)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT (self), 0);

  if (cp == 0)
    return 0;

  return preceding (self, ensure_word_bi (self), cp);
}

static void
snap_graphemes (AnnotaText *self,
                guint      *start,
                guint      *end)
{
  guint s = MIN (*start, self->n_cp);
  guint e = MIN (*end, self->n_cp);

  if (s > e)
    {
      guint tmp = s;

      s = e;
      e = tmp;
    }

  if (!annota_text_is_grapheme_boundary (self, s))
    s = preceding (self, ensure_char_bi (self), s);
  if (!annota_text_is_grapheme_boundary (self, e))
    e = following (self, ensure_char_bi (self), e);

  *start = s;
  *end = e;
}

void
annota_text_snap_graphemes (AnnotaText *self,
                            guint      *start,
                            guint      *end)
{
  g_return_if_fail (ANNOTA_IS_TEXT (self));
  g_return_if_fail (start != NULL && end != NULL);

  snap_graphemes (self, start, end);
}

/* The word segment around cp, which must not be a word boundary: its
 * bounds in code points, and whether it is a word rather than spaces or
 * punctuation. */
static gboolean
word_segment_at (AnnotaText *self,
                 guint       cp,
                 guint      *seg_start,
                 guint      *seg_end)
{
  UBreakIterator *bi = ensure_word_bi (self);
  int32_t e, s, status;

  e = ubrk_following (bi, (int32_t) cp_to_utf16 (self, cp));
  if (e == UBRK_DONE)
    e = (int32_t) self->n_u16;
  status = ubrk_getRuleStatus (bi);
  s = ubrk_previous (bi);
  if (s == UBRK_DONE)
    s = 0;

  *seg_start = utf16_to_cp (self, (guint) s, NULL);
  *seg_end = utf16_to_cp (self, (guint) e, NULL);

  return status >= UBRK_WORD_NONE_LIMIT;
}

static gboolean
range_is_space (AnnotaText *self,
                guint       start,
                guint       end)
{
  gsize n;
  const char *p = annota_text_peek_at (self, start, &n, end);
  const char *stop = p + n;

  for (; p < stop; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

void
annota_text_snap_words (AnnotaText *self,
                        guint      *start,
                        guint      *end)
{
  UBreakIterator *char_bi;
  guint s, e, seg_start, seg_end;

  g_return_if_fail (ANNOTA_IS_TEXT (self));
  g_return_if_fail (start != NULL && end != NULL);

  snap_graphemes (self, start, end);
  s = *start;
  e = *end;
  if (self->n_cp == 0)
    return;

  if (!is_boundary (self, ensure_word_bi (self), s) &&
      word_segment_at (self, s, &seg_start, &seg_end))
    {
      s = seg_start;
      if (e < seg_end)
        e = seg_end;
    }
  if (!is_boundary (self, ensure_word_bi (self), e) &&
      word_segment_at (self, e, &seg_start, &seg_end))
    e = seg_end;

  if (s == e || range_is_space (self, s, e))
    {
      *start = s;
      *end = e;
      return;
    }

  /* Trim whole grapheme clusters so that a space carrying a combining
   * mark, or CR LF, never leaves an edge inside a cluster. */
  char_bi = ensure_char_bi (self);
  for (;;)
    {
      guint next = following (self, char_bi, s);

      if (next > e || !range_is_space (self, s, next))
        break;
      s = next;
    }
  for (;;)
    {
      guint prev = preceding (self, char_bi, e);

      if (prev < s || !range_is_space (self, prev, e))
        break;
      e = prev;
    }

  *start = s;
  *end = e;
}

/* Tokens and sentences. */

static gboolean
u16_range_is_space (const UChar *u16,
                    int32_t      start,
                    int32_t      end)
{
  int32_t i = start;

  while (i < end)
    {
      UChar32 c;

      U16_NEXT (u16, i, end, c);
      if (!g_unichar_isspace ((gunichar) c))
        return FALSE;
    }

  return TRUE;
}

GArray *
annota_text_get_tokens (AnnotaText *self)
{
  UBreakIterator *bi;
  const UChar *u16;
  int32_t s, e;

  g_return_val_if_fail (ANNOTA_IS_TEXT (self), NULL);

  if (self->tokens != NULL)
    return self->tokens;

  self->tokens = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
  if (self->n_cp == 0)
    return self->tokens;

  bi = ensure_word_bi (self);
  u16 = ensure_utf16 (self);
  for (s = ubrk_first (bi), e = ubrk_next (bi);
       e != UBRK_DONE;
       s = e, e = ubrk_next (bi))
    {
      AnnotaRange r;

      if (u16_range_is_space (u16, s, e))
        continue;
      r.start = utf16_to_cp (self, (guint) s, NULL);
      r.end = utf16_to_cp (self, (guint) e, NULL);
      g_array_append_val (self->tokens, r);
    }

  return self->tokens;
}

/* ICU keeps the spaces after a sentence inside it, and an indented line
 * starts with spaces; both ends are trimmed. */
GArray *
annota_text_get_sentences (AnnotaText *self)
{
  UBreakIterator *bi;
  const UChar *u16;
  int32_t s, e;

  g_return_val_if_fail (ANNOTA_IS_TEXT (self), NULL);

  if (self->sentences != NULL)
    return self->sentences;

  self->sentences = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
  if (self->n_cp == 0)
    return self->sentences;

  bi = ensure_sentence_bi (self);
  u16 = ensure_utf16 (self);
  for (s = ubrk_first (bi), e = ubrk_next (bi);
       e != UBRK_DONE;
       s = e, e = ubrk_next (bi))
    {
      AnnotaRange r;
      int32_t a = s, b = e;

      while (a < b)
        {
          int32_t i = a;
          UChar32 c;

          U16_NEXT (u16, i, b, c);
          if (!g_unichar_isspace ((gunichar) c))
            break;
          a = i;
        }
      while (b > a)
        {
          int32_t i = b;
          UChar32 c;

          U16_PREV (u16, a, i, c);
          if (!g_unichar_isspace ((gunichar) c))
            break;
          b = i;
        }
      if (a == b)
        continue;

      r.start = utf16_to_cp (self, (guint) a, NULL);
      r.end = utf16_to_cp (self, (guint) b, NULL);
      g_array_append_val (self->sentences, r);
    }

  return self->sentences;
}

/* Normalisation. Without a UTF-16 copy at hand, the check goes through the
 * text in pieces cut where NFC has a boundary, which normalise
 * independently, so that a check alone never copies the whole text. */

static gboolean
u16_is_nfc (const UNormalizer2 *nfc,
            const UChar        *u16,
            int32_t             len)
{
  UErrorCode status = U_ZERO_ERROR;
  UNormalizationCheckResult qc;
  UBool normalized;

  qc = unorm2_quickCheck (nfc, u16, len, &status);
  g_assert (U_SUCCESS (status));
  if (qc != UNORM_MAYBE)
    return qc == UNORM_YES;

  normalized = unorm2_isNormalized (nfc, u16, len, &status);
  g_assert (U_SUCCESS (status));

  return normalized != 0;
}

static gboolean
utf8_is_nfc (const UNormalizer2 *nfc,
             const char         *utf8,
             gsize               n_bytes)
{
  const char *p = utf8, *stop = utf8 + n_bytes;
  g_autofree UChar *buffer = NULL;
  gsize buffer_len = 0;

  while (p < stop)
    {
      const char *cut = p + MIN (NFC_CHUNK, (gsize) (stop - p));
      UErrorCode status = U_ZERO_ERROR;
      int32_t n = 0;

      while (cut < stop && !is_lead_byte ((guchar) *cut))
        cut++;
      while (cut < stop && !unorm2_hasBoundaryBefore (nfc, (UChar32) g_utf8_get_char (cut)))
        cut = g_utf8_next_char (cut);

      /* A piece never has more UTF-16 units than UTF-8 bytes. */
      if ((gsize) (cut - p) + 1 > buffer_len)
        {
          buffer_len = (gsize) (cut - p) + 1;
          buffer = g_renew (UChar, buffer, buffer_len);
        }
      u_strFromUTF8 (buffer, (int32_t) buffer_len, &n, p, (int32_t) (cut - p), &status);
      g_assert (U_SUCCESS (status));

      if (!u16_is_nfc (nfc, buffer, n))
        return FALSE;
      p = cut;
    }

  return TRUE;
}

gboolean
annota_text_is_nfc (AnnotaText *self)
{
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfc;

  g_return_val_if_fail (ANNOTA_IS_TEXT (self), FALSE);

  if (self->nfc >= 0)
    return self->nfc;

  if (is_ascii (self))
    {
      self->nfc = TRUE;
      return TRUE;
    }

  nfc = unorm2_getNFCInstance (&status);
  if (U_FAILURE (status))
    g_error ("ICU NFC data: %s", u_errorName (status));

  if (self->u16 != NULL)
    self->nfc = u16_is_nfc (nfc, self->u16, (int32_t) self->n_u16);
  else
    self->nfc = utf8_is_nfc (nfc, self->utf8, self->n_bytes);

  return self->nfc;
}

/* Search. */

/* Cheap for the common case: two ASCII neighbours other than CR LF never
 * share a cluster, so ICU is asked only around other characters. */
static gboolean
is_grapheme_boundary_at_byte (AnnotaText *self,
                              gsize       byte,
                              guint       cp)
{
  guchar before, after;

  if (byte == 0 || byte >= self->n_bytes)
    return TRUE;

  before = (guchar) self->utf8[byte - 1];
  after = (guchar) self->utf8[byte];
  if (before < 0x80 && after < 0x80)
    return !(before == '\r' && after == '\n');

  return is_boundary (self, ensure_char_bi (self), cp);
}

static void
search_exact (AnnotaText        *self,
              const char        *query,
              AnnotaSearchFlags  flags,
              GArray            *matches)
{
  gsize query_len = strlen (query);
  const char *from = self->utf8;
  const char *stop = self->utf8 + self->n_bytes;

  /* memchr and memcmp rather than strstr: under AddressSanitizer each
   * strstr or memmem call checks the whole rest of the text, which makes
   * a search with many matches quadratic. */
  while ((gsize) (stop - from) >= query_len)
    {
      const char *hit = memchr (from, query[0], (gsize) (stop - from) - query_len + 1);
      gsize start_byte, end_byte;
      AnnotaRange r;

      if (hit == NULL)
        break;
      if (memcmp (hit, query, query_len) != 0)
        {
          from = hit + 1;
          continue;
        }

      start_byte = (gsize) (hit - self->utf8);
      end_byte = start_byte + query_len;

      r.start = byte_to_cp (self, start_byte);
      r.end = byte_to_cp (self, end_byte);

      if (is_grapheme_boundary_at_byte (self, start_byte, r.start) &&
          is_grapheme_boundary_at_byte (self, end_byte, r.end) &&
          (!(flags & ANNOTA_SEARCH_WHOLE_WORD) ||
           (is_boundary (self, ensure_word_bi (self), r.start) &&
            is_boundary (self, ensure_word_bi (self), r.end))))
        {
          g_array_append_val (matches, r);
          from = self->utf8 + end_byte;
        }
      else
        {
          /* A rejected match may hide an overlapping one that fits. */
          from = g_utf8_next_char (hit);
        }
    }
}

static void
search_collated (AnnotaText        *self,
                 const char        *query,
                 AnnotaSearchFlags  flags,
                 GArray            *matches)
{
  UErrorCode status = U_ZERO_ERROR;
  g_autofree UChar *pattern = NULL;
  int32_t pattern_len = 0;
  UCollator *collator;
  UStringSearch *search;
  int32_t pos;

  u_strFromUTF8 (NULL, 0, &pattern_len, query, -1, &status);
  status = U_ZERO_ERROR;
  pattern = g_new (UChar, (gsize) pattern_len + 1);
  u_strFromUTF8 (pattern, pattern_len + 1, NULL, query, -1, &status);
  g_assert (U_SUCCESS (status));

  /* The root collation, not the Vietnamese one: that one makes ơ, ư, ă, â,
   * ê, ô and đ letters of their own, which a diacritic-insensitive search
   * must not tell from o, u, a, e and d. */
  collator = ucol_open ("", &status);
  if (U_FAILURE (status))
    g_error ("ICU collator: %s", u_errorName (status));
  ucol_setStrength (collator, (flags & ANNOTA_SEARCH_DIACRITIC_INSENSITIVE) ? UCOL_PRIMARY : UCOL_SECONDARY);
  ucol_setAttribute (collator, UCOL_NORMALIZATION_MODE, UCOL_ON, &status);
  g_assert (U_SUCCESS (status));

  search = usearch_openFromCollator (pattern, pattern_len,
                                     ensure_utf16 (self), (int32_t) self->n_u16,
                                     collator,
                                     (flags & ANNOTA_SEARCH_WHOLE_WORD) ? ensure_word_bi (self) : NULL,
                                     &status);
  if (U_FAILURE (status))
    {
      g_warning ("ICU string search: %s", u_errorName (status));
      ucol_close (collator);
      return;
    }

  for (pos = usearch_first (search, &status);
       pos != USEARCH_DONE && U_SUCCESS (status);
       pos = usearch_next (search, &status))
    {
      AnnotaRange r;
      int32_t len = usearch_getMatchedLength (search);

      r.start = utf16_to_cp (self, (guint) pos, NULL);
      r.end = utf16_to_cp (self, (guint) (pos + len), NULL);
      g_array_append_val (matches, r);
    }

  usearch_close (search);
  ucol_close (collator);
}

GArray *
annota_text_search (AnnotaText        *self,
                    const char        *query,
                    AnnotaSearchFlags  flags)
{
  GArray *matches;

  g_return_val_if_fail (ANNOTA_IS_TEXT (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (query, -1, NULL), NULL);

  matches = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
  if (*query == '\0' || self->n_cp == 0)
    return matches;

  if (flags & (ANNOTA_SEARCH_CASE_INSENSITIVE | ANNOTA_SEARCH_DIACRITIC_INSENSITIVE))
    search_collated (self, query, flags, matches);
  else
    search_exact (self, query, flags, matches);

  return matches;
}
