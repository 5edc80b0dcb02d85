/* annota-utf8.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "annota-utf8-private.h"

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

static inline gboolean
is_continuation (guchar b)
{
  return (b & 0xC0) == 0x80;
}

/* As g_utf8_validate_len (): TRUE when [str, str + len) is well-formed
 * UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF) without
 * a NUL byte; otherwise FALSE, and *end, if given, is the first byte of
 * the first sequence that is not. */
gboolean
_annota_utf8_validate (const char  *str,
                       gsize        len,
                       const char **end)
{
  const guchar *p = (const guchar *) str;
  const guchar *stop = p + len;

  while (p < stop)
    {
      guchar c;

      /* Eight bytes at a time while they are ASCII and not NUL: (w - 1) & ~w
       * sets the top bit of a byte that was 0 (and maybe of bytes after it),
       * so the lowest bit of the mask is the first byte to look at. */
      if (stop - p >= 8)
        {
          guint64 w, mask;

          memcpy (&w, p, 8);
          mask = (w | ((w - ONES) & ~w)) & HIGHS;
          if (mask == 0)
            {
              p += 8;
              continue;
            }
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
          p += __builtin_ctzll (mask) / 8;
#endif
        }

      c = *p;
      if (c < 0x80)
        {
          if (c == 0)
            break;
          p++;
        }
      /* The table of well-formed sequences (Unicode 15, table 3-7). */
      else if (c < 0xE0)
        {
          if (c < 0xC2 || stop - p < 2 || !is_continuation (p[1]))
            break;
          p += 2;
        }
      else if (c < 0xF0)
        {
          if (stop - p < 3 || !is_continuation (p[1]) || !is_continuation (p[2]) ||
              (c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
            break;
          p += 3;
        }
      else
        {
          if (c > 0xF4 || stop - p < 4 || !is_continuation (p[1]) || !is_continuation (p[2]) ||
              !is_continuation (p[3]) || (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
            break;
          p += 4;
        }
    }

  if (end != NULL)
    *end = (const char *) p;
  return p == stop;
}

/* The number of code points of valid UTF-8: the bytes that are not
 * continuation bytes (10xxxxxx), counted eight at a time; and, if
 * n_supplementary is given, how many of them are above U+FFFF (their lead
 * byte is 11110xxx), which take two UTF-16 units. */
gsize
_annota_utf8_count (const char *str,
                    gsize       len,
                    gsize      *n_supplementary)
{
  const guchar *p = (const guchar *) str;
  gsize n_continuation = 0, n_four = 0;
  gsize i = 0;

  while (len - i >= 8)
    {
      guint64 sums = 0, fours = 0;

      /* Each byte of the sums counts to at most 31 before they are added
       * up, so that no byte carries into the next. */
      for (guint k = 0; k < 31 && len - i >= 8; k++, i += 8)
        {
          guint64 w;

          memcpy (&w, p + i, 8);
          sums += ((w & ~(w << 1)) & HIGHS) >> 7;
          fours += ((w & (w << 1) & (w << 2) & (w << 3)) & HIGHS) >> 7;
        }
      n_continuation += (sums * ONES) >> 56;
      n_four += (fours * ONES) >> 56;
    }
  for (; i < len; i++)
    {
      n_continuation += is_continuation (p[i]);
      n_four += p[i] >= 0xF0;
    }

  if (n_supplementary != NULL)
    *n_supplementary = n_four;
  return len - n_continuation;
}
