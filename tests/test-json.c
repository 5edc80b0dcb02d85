/* test-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON text helpers: string escaping as Python's json.dumps with
 * ensure_ascii=False, and doubles as Python's repr().
 */
#include "config.h"

#include <math.h>

#include "annota-core.h"

static char *
escaped (const char *str,
         gssize      len)
{
  GString *out = g_string_new ("x");

  annota_json_append_string (out, str, len);
  return g_string_free (out, FALSE);
}

static void
test_string_plain (void)
{
  g_autofree char *empty = escaped ("", -1);
  g_autofree char *plain = escaped ("John Kerry", -1);

  /* Appends, and keeps what was there. */
  g_assert_cmpstr (empty, ==, "x\"\"");
  g_assert_cmpstr (plain, ==, "x\"John Kerry\"");
}

static void
test_string_escapes (void)
{
  g_autofree char *quotes = escaped ("say \"hi\"", -1);
  g_autofree char *backslash = escaped ("C:\\dir\\", -1);
  g_autofree char *shorts = escaped ("a\nb\rc\td\be\ff", -1);
  g_autofree char *controls = escaped ("\x01\x1f\x0b\x7f", -1);
  g_autofree char *slash = escaped ("a/b", -1);

  g_assert_cmpstr (quotes, ==, "x\"say \\\"hi\\\"\"");
  g_assert_cmpstr (backslash, ==, "x\"C:\\\\dir\\\\\"");
  g_assert_cmpstr (shorts, ==, "x\"a\\nb\\rc\\td\\be\\ff\"");
  /* Lowercase hex like Python; DEL is not a JSON control character. */
  g_assert_cmpstr (controls, ==, "x\"\\u0001\\u001f\\u000b\x7f\"");
  /* The solidus needs no escape and gets none. */
  g_assert_cmpstr (slash, ==, "x\"a/b\"");
}

static void
test_string_nul_with_length (void)
{
  g_autofree char *nul = escaped ("a\0b", 3);
  g_autofree char *prefix = escaped ("abcdef", 3);

  g_assert_cmpstr (nul, ==, "x\"a\\u0000b\"");
  g_assert_cmpstr (prefix, ==, "x\"abc\"");
}

static void
test_string_non_ascii (void)
{
  /* Vietnamese, NFD combining marks, an emoji ZWJ sequence, a flag, Arabic,
   * CJK, and the line and paragraph separators: all kept as UTF-8. */
  static const char * const samples[] = {
    "Ông John Kerry tuyên bố",
    "Ô\xcc\x82ng",
    "👩‍👩‍👧",
    "🇻🇳",
    "مرحبا",
    "北京市",
    "\xe2\x80\xa8\xe2\x80\xa9",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *out = escaped (samples[i], -1);
      g_autofree char *expected = g_strdup_printf ("x\"%s\"", samples[i]);

      g_assert_cmpstr (out, ==, expected);
    }
}

static char *
formatted (double value)
{
  GString *out = g_string_new (NULL);

  annota_json_append_double (out, value);
  return g_string_free (out, FALSE);
}

static void
test_double_repr (void)
{
  /* What Python's repr() gives for each. */
  static const struct {
    double      value;
    const char *repr;
  } cases[] = {
    { 0.91, "0.91" },
    { 0.1, "0.1" },
    { 1.0, "1.0" },
    { 0.5, "0.5" },
    { 0.0, "0.0" },
    { 1e-07, "1e-07" },
    { 0.0001, "0.0001" },
    { 0.00001, "1e-05" },
    { 0.000123, "0.000123" },
    { 0.0000123, "1.23e-05" },
    { 100.0, "100.0" },
    { 123.456, "123.456" },
    { -2.5, "-2.5" },
    { 1e15, "1000000000000000.0" },
    { 1e16, "1e+16" },
    { 1.5e16, "1.5e+16" },
    { 1234567890123456.7, "1234567890123456.8" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { 2.0 / 3.0, "0.6666666666666666" },
    { 5e-324, "5e-324" },
    { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 1e100, "1e+100" },
    { 0.9999999999999999, "0.9999999999999999" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = formatted (cases[i].value);

      g_assert_cmpstr (out, ==, cases[i].repr);
    }
}

static void
test_double_special (void)
{
  g_autofree char *neg_zero = formatted (-0.0);
  g_autofree char *nan = formatted (NAN);
  g_autofree char *inf = formatted (INFINITY);
  g_autofree char *ninf = formatted (-INFINITY);

  g_assert_cmpstr (neg_zero, ==, "-0.0");
  /* JSON has no NaN or infinity. */
  g_assert_cmpstr (nan, ==, "null");
  g_assert_cmpstr (inf, ==, "null");
  g_assert_cmpstr (ninf, ==, "null");
}

static void
test_double_round_trip (void)
{
  guint i;

  for (i = 0; i < 20000; i++)
    {
      double value;
      g_autofree char *out = NULL;
      char *end = NULL;

      if (i % 2 == 0)
        value = g_test_rand_double_range (0.0, 1.0);
      else
        value = g_test_rand_double_range (-1e6, 1e6) * pow (10.0, g_test_rand_int_range (-30, 30));

      out = formatted (value);
      g_assert_cmpfloat (g_ascii_strtod (out, &end), ==, value);
      g_assert_cmpint (*end, ==, '\0');
      /* Always a fraction or an exponent, so it reads back as a float. */
      g_assert_true (strchr (out, '.') != NULL || strchr (out, 'e') != NULL);
      /* Never longer than 17 significant digits plus sign, point, exponent. */
      g_assert_cmpuint (strlen (out), <=, 24);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/annota/json/string/plain", test_string_plain);
  g_test_add_func ("/annota/json/string/escapes", test_string_escapes);
  g_test_add_func ("/annota/json/string/nul-with-length", test_string_nul_with_length);
  g_test_add_func ("/annota/json/string/non-ascii", test_string_non_ascii);
  g_test_add_func ("/annota/json/double/repr", test_double_repr);
  g_test_add_func ("/annota/json/double/special", test_double_special);
  g_test_add_func ("/annota/json/double/round-trip", test_double_round_trip);

  return g_test_run ();
}
