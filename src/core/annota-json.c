/* annota-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON text helpers for the writers. Strings follow Python's
 * json.dumps (ensure_ascii=False): only '"', '\\' and control characters
 * are escaped, with the short forms where JSON has them and lowercase
 * \u00xx otherwise. Doubles follow Python's repr(): the shortest digits
 * that read back to the same value, fixed notation for decimal exponents
 * from -4 to 15 (always with a fraction: 1.0, 0.5, 0.0001), scientific
 * notation outside it with a signed two-digit exponent (1e-05, 1e+16).
 * JSON has no NaN or infinity, so those are written as null.
 */
#define G_LOG_DOMAIN "annota"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "annota-json.h"

/* Non-zero for bytes that need escaping: the letter of the short form, or
 * 'u' for \u00xx. */
static const char escape_table[256] = {
  ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't',
  [0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u',
  [0x05] = 'u', [0x06] = 'u', [0x07] = 'u', [0x0b] = 'u', [0x0e] = 'u',
  [0x0f] = 'u', [0x10] = 'u', [0x11] = 'u', [0x12] = 'u', [0x13] = 'u',
  [0x14] = 'u', [0x15] = 'u', [0x16] = 'u', [0x17] = 'u', [0x18] = 'u',
  [0x19] = 'u', [0x1a] = 'u', [0x1b] = 'u', [0x1c] = 'u', [0x1d] = 'u',
  [0x1e] = 'u', [0x1f] = 'u',
  ['"'] = '"', ['\\'] = '\\',
};

void
annota_json_append_string (GString    *out,
                           const char *str,
                           gssize      len)
{
  static const char hex[] = "0123456789abcdef";
  const char *p;
  const char *end;
  const char *run;

  g_return_if_fail (out != NULL);
  g_return_if_fail (str != NULL || len == 0);

  if (len < 0)
    len = strlen (str);

  g_string_append_c (out, '"');

  p = run = str;
  end = str + len;
  while (p < end)
    {
      char e = escape_table[(guchar) *p];

      if (G_LIKELY (e == 0))
        {
          p++;
          continue;
        }

      if (p > run)
        g_string_append_len (out, run, p - run);

      if (e == 'u')
        {
          char buf[6] = { '\\', 'u', '0', '0', hex[((guchar) *p) >> 4], hex[((guchar) *p) & 0xf] };
          g_string_append_len (out, buf, sizeof buf);
        }
      else
        {
          char buf[2] = { '\\', e };
          g_string_append_len (out, buf, sizeof buf);
        }

      run = ++p;
    }

  if (p > run)
    g_string_append_len (out, run, p - run);

  g_string_append_c (out, '"');
}

/* Formats used to find the shortest round-tripping precision; g_ascii_formatd
 * needs the precision written into the format. */
static const char * const exp_formats[] = {
  "%.0e", "%.1e", "%.2e", "%.3e", "%.4e", "%.5e", "%.6e", "%.7e", "%.8e",
  "%.9e", "%.10e", "%.11e", "%.12e", "%.13e", "%.14e", "%.15e", "%.16e",
};

void
annota_json_append_double (GString *out,
                           double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char digits[24];
  guint n_digits = 0;
  int exponent;
  int decpt;
  const char *p;
  guint i;

  g_return_if_fail (out != NULL);

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  if (value == 0.0)
    {
      g_string_append (out, signbit (value) ? "-0.0" : "0.0");
      return;
    }

  for (i = 0; i < G_N_ELEMENTS (exp_formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, exp_formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  /* buf is now "-d.ddde-07" or "de+16". */
  p = buf;
  if (*p == '-')
    {
      g_string_append_c (out, '-');
      p++;
    }
  for (; *p != 'e' && *p != '\0'; p++)
    if (g_ascii_isdigit (*p) && n_digits < sizeof digits - 1)
      digits[n_digits++] = *p;
  exponent = (*p == 'e') ? atoi (p + 1) : 0;

  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';

  decpt = exponent + 1;
  if (decpt > -4 && decpt <= 16)
    {
      if (decpt <= 0)
        {
          g_string_append (out, "0.");
          for (i = 0; i < (guint) -decpt; i++)
            g_string_append_c (out, '0');
          g_string_append_len (out, digits, n_digits);
        }
      else if ((guint) decpt < n_digits)
        {
          g_string_append_len (out, digits, decpt);
          g_string_append_c (out, '.');
          g_string_append_len (out, digits + decpt, n_digits - decpt);
        }
      else
        {
          g_string_append_len (out, digits, n_digits);
          for (i = n_digits; i < (guint) decpt; i++)
            g_string_append_c (out, '0');
          g_string_append (out, ".0");
        }
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append_len (out, digits + 1, n_digits - 1);
        }
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
}
