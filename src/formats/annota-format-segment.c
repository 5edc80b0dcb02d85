/* annota-format-segment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tokens and sentences for exports, the same as annota_text_get_tokens()
 * and annota_text_get_sentences() give (tests check it), but made for a
 * stream of documents: the break iterators and the UTF-16 buffer are kept
 * from one text to the next instead of being opened and freed for each,
 * which in a corpus of short records costs more than the segmenting.
 */
#define G_LOG_DOMAIN "annota"

#include "config.h"

#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utf16.h>

#include "annota-format-private.h"

struct _AnnotaSegmenter {
  UBreakIterator *word;
  UBreakIterator *sentence;
  UChar          *u16;
  guint          *cp_of;     /* code point of each UTF-16 unit, when a text needs it */
  gsize           size;
  gboolean        identity;  /* no surrogate pairs: unit == code point */
};

AnnotaSegmenter *
_annota_segmenter_new (void)
{
  AnnotaSegmenter *self = g_new0 (AnnotaSegmenter, 1);
  UErrorCode status = U_ZERO_ERROR;
  static const UChar empty[1] = { 0 };

  self->word = ubrk_open (UBRK_WORD, "vi", empty, 0, &status);
  if (U_SUCCESS (status))
    self->sentence = ubrk_open (UBRK_SENTENCE, "vi", empty, 0, &status);
  if (U_FAILURE (status))
    g_error ("ICU break iterator: %s", u_errorName (status));
  return self;
}

void
_annota_segmenter_free (AnnotaSegmenter *self)
{
  if (self == NULL)
    return;
  ubrk_close (self->word);
  ubrk_close (self->sentence);
  g_free (self->u16);
  g_free (self->cp_of);
  g_free (self);
}

/* Valid UTF-8 to UTF-16, noting each unit's code point only when the text
 * has a character outside the BMP. */
static gint32
to_utf16 (AnnotaSegmenter *self,
          const char      *text,
          gsize            n_bytes)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + n_bytes;
  UChar *out;
  gint32 n = 0;
  guint cp = 0;

  if (n_bytes + 1 > self->size)
    {
      self->size = MAX (n_bytes + 1, self->size * 2);
      self->u16 = g_renew (UChar, self->u16, self->size);
      g_clear_pointer (&self->cp_of, g_free);
    }
  out = self->u16;
  self->identity = TRUE;

  while (p < end)
    {
      gunichar c = *p;

      if (c < 0x80)
        {
          out[n++] = (UChar) c;
          p++;
          continue;
        }
      c = g_utf8_get_char ((const char *) p);
      p = (const guchar *) g_utf8_next_char ((const char *) p);
      if (c < 0x10000)
        out[n++] = (UChar) c;
      else
        {
          out[n++] = U16_LEAD (c);
          out[n++] = U16_TRAIL (c);
          self->identity = FALSE;
        }
    }

  if (!self->identity)
    {
      if (self->cp_of == NULL)
        self->cp_of = g_new (guint, self->size + 1);
      for (gint32 i = 0; i < n; cp++)
        {
          self->cp_of[i] = cp;
          if (U16_IS_LEAD (out[i]) && i + 1 < n && U16_IS_TRAIL (out[i + 1]))
            {
              self->cp_of[i + 1] = cp;
              i += 2;
            }
          else
            i++;
        }
      self->cp_of[n] = cp;
    }

  return n;
}

static inline guint
unit_to_cp (AnnotaSegmenter *self,
            gint32           unit)
{
  return self->identity ? (guint) unit : self->cp_of[unit];
}

static gboolean
range_is_space (const UChar *u16,
                gint32       start,
                gint32       end)
{
  gint32 i = start;

  while (i < end)
    {
      UChar32 c = u16[i];

      /* ASCII first: most segments are words, decided by their first
       * letter. */
      if (c < 0x80)
        {
          if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            return FALSE;
          i++;
          continue;
        }
      U16_NEXT (u16, i, end, c);
      if (!g_unichar_isspace ((gunichar) c))
        return FALSE;
    }
  return TRUE;
}

void
_annota_segmenter_run (AnnotaSegmenter *self,
                       const char      *text,
                       gsize            n_bytes,
                       GArray          *tokens,
                       GArray          *sentences)
{
  UErrorCode status = U_ZERO_ERROR;
  gint32 n = to_utf16 (self, text, n_bytes);
  const UChar *u16 = self->u16;
  AnnotaRange *out;
  guint n_out;
  gint32 s, e;

  g_array_set_size (tokens, 0);
  g_array_set_size (sentences, 0);
  if (n == 0)
    return;

  ubrk_setText (self->word, u16, n, &status);
  ubrk_setText (self->sentence, u16, n, &status);
  if (U_FAILURE (status))
    g_error ("ICU break iterator: %s", u_errorName (status));

  /* No more segments than units: room for all, written in place, as a
   * text has millions of tokens. */
  g_array_set_size (tokens, n);
  out = (AnnotaRange *) (gpointer) tokens->data;
  n_out = 0;
  for (s = ubrk_first (self->word), e = ubrk_next (self->word);
       e != UBRK_DONE;
       s = e, e = ubrk_next (self->word))
    {
      if (range_is_space (u16, s, e))
        continue;
      out[n_out].start = unit_to_cp (self, s);
      out[n_out].end = unit_to_cp (self, e);
      n_out++;
    }
  g_array_set_size (tokens, n_out);

  /* ICU keeps the spaces after a sentence inside it; both ends are
   * trimmed, as AnnotaText does. */
  for (s = ubrk_first (self->sentence), e = ubrk_next (self->sentence);
       e != UBRK_DONE;
       s = e, e = ubrk_next (self->sentence))
    {
      AnnotaRange r;
      gint32 a = s, b = e;

      while (a < b)
        {
          gint32 i = a;
          UChar32 c;

          U16_NEXT (u16, i, b, c);
          if (!g_unichar_isspace ((gunichar) c))
            break;
          a = i;
        }
      while (b > a)
        {
          gint32 i = b;
          UChar32 c;

          U16_PREV (u16, a, i, c);
          if (!g_unichar_isspace ((gunichar) c))
            break;
          b = i;
        }
      if (a == b)
        continue;

      r.start = unit_to_cp (self, a);
      r.end = unit_to_cp (self, b);
      g_array_append_val (sentences, r);
    }
}
