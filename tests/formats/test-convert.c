/* test-convert.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * annota-cli convert, run in a subprocess: exit statuses (0 converted,
 * 1 bad input or a span the target cannot express, 2 a wrong command
 * line), the messages on standard error, and guessing from names.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "annota-cli-convert.h"

static char *dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static int
run (const char *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  const char *arg = first;

  g_ptr_array_add (args, (gpointer) "convert");
  va_start (ap, first);
  while (arg != NULL)
    {
      g_ptr_array_add (args, (gpointer) arg);
      arg = va_arg (ap, const char *);
    }
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return annota_cli_convert ((int) args->len - 1, (char **) args->pdata);
}

static void
write_text (const char *path,
            const char *contents)
{
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
test_ok (void)
{
  if (g_test_subprocess ())
    {
      int status;

      {
        g_autofree char *in = tmp_path ("ok.jsonl");
        g_autofree char *out = tmp_path ("ok.conll");

        write_text (in, "{\"text\":\"John Kerry left.\",\"spans\":[{\"start\":0,\"end\":10,\"label\":\"PER\"}]}\n");
        status = run (in, out, NULL);
      }
      exit (status);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*ok.conll: 1 document (1 span) converted from spacy to conll\n");
  {
    g_autofree char *out = tmp_path ("ok.conll");
    g_autofree char *found = NULL;

    g_assert_true (g_file_get_contents (out, &found, NULL, NULL));
    g_assert_cmpstr (found, ==, "John\tB-PER\nKerry\tI-PER\nleft\tO\n.\tO\n\n");
  }
}

/* Documents and spans each get their own plural. */
static void
test_ok_plural (void)
{
  if (g_test_subprocess ())
    {
      int status;

      {
        g_autofree char *in = tmp_path ("plural.jsonl");
        g_autofree char *out = tmp_path ("plural.conll");

        write_text (in, "{\"text\":\"John Kerry left.\",\"spans\":[{\"start\":0,\"end\":10,\"label\":\"PER\"}]}\n"
                        "{\"text\":\"Ada met Bob.\",\"spans\":[{\"start\":0,\"end\":3,\"label\":\"PER\"},"
                        "{\"start\":8,\"end\":11,\"label\":\"PER\"}]}\n");
        status = run (in, out, NULL);
        if (status == 0)
          {
            g_autofree char *none = tmp_path ("none.jsonl");
            g_autofree char *none_out = tmp_path ("none.conll");

            write_text (none, "{\"text\":\"Nobody.\"}\n");
            status = run (none, none_out, NULL);
          }
      }
      exit (status);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*plural.conll: 2 documents (3 spans) converted from spacy to conll\n"
                             "*none.conll: 1 document (0 spans) converted from spacy to conll\n");
}

static void
test_bad_input (void)
{
  if (g_test_subprocess ())
    {
      int status;

      {
        g_autofree char *in = tmp_path ("bad.jsonl");
        g_autofree char *out = tmp_path ("bad.conll");

        write_text (in, "{\"text\":\"a\"}\n{\"text\":\"b\",\"spans\":[{\"start\":0,\"end\":5,\"label\":\"X\"}]}\n");
        status = run (in, out, NULL);
      }
      exit (status);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*bad.jsonl:2: spans[0]: [0, 5) is not a range of the text (0 ≤ start < end ≤ 1)\n");
  {
    g_autofree char *out = tmp_path ("bad.conll");
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
}

static void
test_misaligned (void)
{
  if (g_test_subprocess ())
    {
      int status;

      {
        g_autofree char *in = tmp_path ("mis.jsonl");
        g_autofree char *out = tmp_path ("mis.conll");

        write_text (in, "{\"text\":\"John Kerry left.\",\"spans\":[{\"start\":0,\"end\":7,\"label\":\"PER\"}]}\n");
        status = run (in, out, NULL);
      }
      exit (status);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*mis.jsonl:1: span [0, 7) PER “John Ke”: does not fall on token boundaries\n"
                             "*mis.jsonl:1: 1 span cannot be written as CoNLL tags (use --misaligned expand or skip)\n");
}

static void
test_misaligned_skip (void)
{
  if (g_test_subprocess ())
    {
      int status;

      {
        g_autofree char *in = tmp_path ("skip.jsonl");
        g_autofree char *out = tmp_path ("skip.conll");

        write_text (in, "{\"text\":\"John Kerry left.\",\"spans\":[{\"start\":0,\"end\":7,\"label\":\"PER\"}]}\n");
        status = run ("--misaligned", "skip", "-q", in, out, NULL);
      }
      exit (status);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

/* The subprocess exits 0 when the status is the expected one. */
#define EXPECT_STATUS(expected, call) exit ((call) == (expected) ? 0 : 100)

static void
test_usage_scheme (void)
{
  if (g_test_subprocess ())
    EXPECT_STATUS (2, run ("--scheme", "iob3", "a.jsonl", "b.conll", NULL));
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("annota-cli convert: unknown scheme “iob3” (expected iob2, iob1, bioes or bilou)\n*");
}

static void
test_usage_arguments (void)
{
  if (g_test_subprocess ())
    EXPECT_STATUS (2, run ("a.jsonl", NULL));
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("annota-cli convert: expected IN and OUT\n*");
}

static void
test_usage_format (void)
{
  if (g_test_subprocess ())
    EXPECT_STATUS (2, run ("--to", "csv", "a.jsonl", "b.csv", NULL));
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("annota-cli convert: unknown format “csv”\n*");
}

static void
test_usage_guess (void)
{
  if (g_test_subprocess ())
    {
      int status;

      {
        g_autofree char *in = tmp_path ("guess.jsonl");

        write_text (in, "{\"text\":\"a\"}\n");
        status = run (in, "out.xyz", NULL);
      }
      EXPECT_STATUS (2, status);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("annota-cli convert: out.xyz: cannot tell the format from the name; give it with --to\n*");
}

static void
test_exit_one (void)
{
  if (g_test_subprocess ())
    {
      int status;

      {
        g_autofree char *in = tmp_path ("one.jsonl");

        write_text (in, "not json\n");
        status = run (in, "out.conll", NULL);
      }
      EXPECT_STATUS (1, status);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*one.jsonl:1: invalid JSON at column 2: lexical error: invalid string in json text.\n");
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The subprocesses work in the folder their parent made. */
  if (g_getenv ("ANNOTA_CONVERT_TEST_DIR") != NULL)
    dir = g_strdup (g_getenv ("ANNOTA_CONVERT_TEST_DIR"));
  else
    {
      dir = g_dir_make_tmp ("annota-convert-XXXXXX", NULL);
      g_setenv ("ANNOTA_CONVERT_TEST_DIR", dir, TRUE);
    }

  g_test_add_func ("/annota/formats/convert/ok", test_ok);
  g_test_add_func ("/annota/formats/convert/ok-plural", test_ok_plural);
  g_test_add_func ("/annota/formats/convert/bad-input", test_bad_input);
  g_test_add_func ("/annota/formats/convert/misaligned", test_misaligned);
  g_test_add_func ("/annota/formats/convert/misaligned-skip", test_misaligned_skip);
  g_test_add_func ("/annota/formats/convert/usage-scheme", test_usage_scheme);
  g_test_add_func ("/annota/formats/convert/usage-arguments", test_usage_arguments);
  g_test_add_func ("/annota/formats/convert/usage-format", test_usage_format);
  g_test_add_func ("/annota/formats/convert/usage-guess", test_usage_guess);
  g_test_add_func ("/annota/formats/convert/exit-one", test_exit_one);

  status = g_test_run ();
  if (!g_test_subprocess ())
    {
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (dir, name, NULL);
          g_unlink (child);
        }
      g_rmdir (dir);
    }
  g_free (dir);
  return status;
}
