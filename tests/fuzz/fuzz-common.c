/* fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "annota-fuzz"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "annota-format-private.h"

/* GLib stops on a fatal message with SIGTRAP, which libFuzzer does not
 * catch: abort instead, so that the input is kept. */
static GLogWriterOutput
fatal_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  g_autofree char *line = NULL;

  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return G_LOG_WRITER_HANDLED;

  line = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);
  fuzz_fail ("%s", line);
}

void
fuzz_init (void)
{
  static gboolean done = FALSE;

  if (done)
    return;
  done = TRUE;
  g_log_set_writer_func (fatal_writer, NULL, NULL);
}

void
fuzz_fail (const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  fflush (stderr);
  abort ();
}

/* The writer leaves out an empty colour, key or description. */
static const char *
none_if_empty (const char *s)
{
  return s != NULL && s[0] != '\0' ? s : NULL;
}

/* JSON texts equal but for the spaces between tokens: the native loader
 * keeps unknown members with ", " and ": ", importers compactly. */
static gboolean
json_equal (const char *a,
            const char *b)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;

  if (a == NULL || b == NULL)
    return a == b;

  for (;;)
    {
      if (!in_string)
        {
          while (g_ascii_isspace (*a))
            a++;
          while (g_ascii_isspace (*b))
            b++;
        }
      if (*a != *b)
        return FALSE;
      if (*a == '\0')
        return TRUE;
      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (*a == '\\')
            escaped = TRUE;
          else if (*a == '"')
            in_string = FALSE;
        }
      else if (*a == '"')
        in_string = TRUE;
      a++;
      b++;
    }
}

#define CHECK_JSON(what, i, x, y) \
  G_STMT_START { \
    if (!json_equal ((x), (y))) \
      fuzz_fail ("%s %u differs: “%s” and “%s”", (what), (i), \
                 (x) != NULL ? (x) : "(null)", (y) != NULL ? (y) : "(null)"); \
  } G_STMT_END

#define CHECK_STR(what, i, x, y) \
  G_STMT_START { \
    if (g_strcmp0 ((x), (y)) != 0) \
      fuzz_fail ("%s %u differs: “%s” and “%s”", (what), (i), \
                 (x) != NULL ? (x) : "(null)", (y) != NULL ? (y) : "(null)"); \
  } G_STMT_END

void
fuzz_assert_label_sets_equal (AnnotaLabelSet *a,
                              AnnotaLabelSet *b)
{
  guint n = annota_label_set_get_n_labels (a);
  guint i;

  if (n != annota_label_set_get_n_labels (b))
    fuzz_fail ("%u labels, then %u", n, annota_label_set_get_n_labels (b));

  for (i = 0; i < n; i++)
    {
      AnnotaLabel *x = annota_label_set_peek (a, i);
      AnnotaLabel *y = annota_label_set_peek (b, i);

      CHECK_STR ("label id", i, annota_label_get_id (x), annota_label_get_id (y));
      CHECK_STR ("label name", i, annota_label_get_name (x), annota_label_get_name (y));
      CHECK_STR ("label color", i, none_if_empty (annota_label_get_color (x)),
                 none_if_empty (annota_label_get_color (y)));
      CHECK_STR ("label key", i, none_if_empty (annota_label_get_key (x)),
                 none_if_empty (annota_label_get_key (y)));
      CHECK_STR ("label description", i, none_if_empty (annota_label_get_description (x)),
                 none_if_empty (annota_label_get_description (y)));
      CHECK_JSON ("label extra", i, annota_label_get_extra (x), annota_label_get_extra (y));
    }
}

static void
assert_ranges_equal (const char *what,
                     GArray     *a,
                     GArray     *b)
{
  if ((a == NULL) != (b == NULL))
    fuzz_fail ("%s: %s, then %s", what, a != NULL ? "present" : "absent",
               b != NULL ? "present" : "absent");
  if (a == NULL)
    return;
  if (a->len != b->len)
    fuzz_fail ("%s: %u ranges, then %u", what, a->len, b->len);
  if (a->len > 0 && memcmp (a->data, b->data, a->len * sizeof (AnnotaRange)) != 0)
    fuzz_fail ("%s: the ranges differ", what);
}

void
fuzz_assert_documents_equal (AnnotaDocument *a,
                             AnnotaDocument *b)
{
  AnnotaText *ta = annota_document_get_text (a);
  AnnotaText *tb = annota_document_get_text (b);
  AnnotaSpanStore *sa = annota_document_get_spans (a);
  AnnotaSpanStore *sb = annota_document_get_spans (b);
  GPtrArray *ea = annota_document_get_extra_members (a);
  GPtrArray *eb = annota_document_get_extra_members (b);
  guint n;
  guint i;

  if (annota_text_get_n_bytes (ta) != annota_text_get_n_bytes (tb) ||
      memcmp (annota_text_get_utf8 (ta), annota_text_get_utf8 (tb), annota_text_get_n_bytes (ta)) != 0)
    fuzz_fail ("the texts differ");
  if (annota_text_get_length (ta) != annota_text_get_length (tb))
    fuzz_fail ("the same text has %u and %u code points",
               annota_text_get_length (ta), annota_text_get_length (tb));

  fuzz_assert_label_sets_equal (annota_document_get_labels (a), annota_document_get_labels (b));

  n = annota_span_store_get_n_spans (sa);
  if (n != annota_span_store_get_n_spans (sb))
    fuzz_fail ("%u spans, then %u", n, annota_span_store_get_n_spans (sb));
  for (i = 0; i < n; i++)
    {
      AnnotaSpan *x = annota_span_store_peek (sa, i);
      AnnotaSpan *y = annota_span_store_peek (sb, i);

      if (annota_span_get_start (x) != annota_span_get_start (y) ||
          annota_span_get_end (x) != annota_span_get_end (y))
        fuzz_fail ("span %u: [%u, %u), then [%u, %u)", i,
                   annota_span_get_start (x), annota_span_get_end (x),
                   annota_span_get_start (y), annota_span_get_end (y));
      CHECK_STR ("span label", i, annota_span_get_label (x), annota_span_get_label (y));
      CHECK_STR ("span origin", i, annota_span_get_origin (x), annota_span_get_origin (y));
      CHECK_STR ("span note", i, annota_span_get_note (x), annota_span_get_note (y));
      CHECK_JSON ("span extra", i, annota_span_get_extra (x), annota_span_get_extra (y));
      if (annota_span_get_status (x) != annota_span_get_status (y))
        fuzz_fail ("span %u: status %d, then %d", i,
                   annota_span_get_status (x), annota_span_get_status (y));
      if (annota_span_get_reviewed (x) != annota_span_get_reviewed (y))
        fuzz_fail ("span %u: reviewed differs", i);
      if (annota_span_has_score (x) != annota_span_has_score (y))
        fuzz_fail ("span %u: a score, then none (or the other way)", i);
      /* Scores are written so that they read back to the same double. */
      if (annota_span_has_score (x) &&
          memcmp (&(double) { annota_span_get_score (x) },
                  &(double) { annota_span_get_score (y) }, sizeof (double)) != 0)
        fuzz_fail ("span %u: score %.17g, then %.17g", i,
                   annota_span_get_score (x), annota_span_get_score (y));
    }

  assert_ranges_equal ("tokens", annota_document_get_tokens (a), annota_document_get_tokens (b));
  assert_ranges_equal ("sentences", annota_document_get_sentences (a),
                       annota_document_get_sentences (b));

  if (annota_document_get_state (a) != annota_document_get_state (b))
    fuzz_fail ("state %d, then %d", annota_document_get_state (a), annota_document_get_state (b));

  n = ea != NULL ? ea->len : 0;
  if (n != (eb != NULL ? eb->len : 0))
    fuzz_fail ("%u unknown members, then %u", n, eb != NULL ? eb->len : 0);
  for (i = 0; i < n; i++)
    {
      AnnotaJsonMember *x = g_ptr_array_index (ea, i);
      AnnotaJsonMember *y = g_ptr_array_index (eb, i);

      CHECK_STR ("member name", i, x->name, y->name);
      CHECK_JSON ("member value", i, x->json, y->json);
    }
}

void
fuzz_check_round_trip (AnnotaDocument *document,
                       gboolean        loaded_natively)
{
  g_autoptr(AnnotaDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  gsize len = 0;
  gsize len_again = 0;

  json = annota_document_to_json (document, &len);
  FUZZ_CHECK (json != NULL && strlen (json) == len);

  again = annota_document_load_data (json, len, "round-trip", NULL, NULL, &error);
  if (again == NULL)
    fuzz_fail ("the canonical JSON does not load back: %s\n%s", error->message, json);

  fuzz_assert_documents_equal (document, again);

  /* The JSON of a document the native loader made is a fixed point;
   * importers keep unknown members compact, which the first save keeps. */
  json_again = annota_document_to_json (again, &len_again);
  if (loaded_natively && (len != len_again || memcmp (json, json_again, len) != 0))
    fuzz_fail ("the canonical JSON is not a fixed point:\n%s\n---\n%s", json, json_again);
  if (!loaded_natively)
    {
      g_autoptr(AnnotaDocument) third = NULL;
      g_autofree char *json_third = NULL;
      gsize len_third = 0;

      third = annota_document_load_data (json_again, len_again, "round-trip", NULL, NULL, &error);
      if (third == NULL)
        fuzz_fail ("the canonical JSON does not load back: %s\n%s", error->message, json_again);
      json_third = annota_document_to_json (third, &len_third);
      if (len_third != len_again || memcmp (json_third, json_again, len_again) != 0)
        fuzz_fail ("the canonical JSON is not a fixed point:\n%s\n---\n%s", json_again, json_third);
    }
}

static const char *
scratch_dir (void)
{
  static char *dir = NULL;

  if (dir == NULL)
    {
      /* Under /dev/shm when there is one: the readers take paths, and a
       * file system in memory keeps the disk out of every execution. */
      g_autofree char *tmpl = g_build_filename (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR)
                                                  ? "/dev/shm" : g_get_tmp_dir (),
                                                "annota-fuzz-XXXXXX", NULL);
      dir = g_mkdtemp (g_steal_pointer (&tmpl));
      if (dir == NULL)
        fuzz_fail ("no scratch folder: %s", g_strerror (errno));
    }
  return dir;
}

char *
fuzz_write_scratch (const char   *basename,
                    const guint8 *data,
                    gsize         size)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (scratch_dir (), basename, NULL);

  if (!g_file_set_contents (path, (const char *) data, size, &error))
    fuzz_fail ("cannot write the scratch file: %s", error->message);
  return path;
}

void
fuzz_check_format_read (AnnotaFormatKind           kind,
                        const char                *path,
                        const AnnotaFormatOptions *opts)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  AnnotaFormatOptions out_opts;
  const char *base = strrchr (path, '/') != NULL ? strrchr (path, '/') + 1 : path;
  g_autofree char *stem = g_strndup (base, strcspn (base, "."));
  guint i;

  documents = annota_format_read (kind, path, opts, warnings, &error);
  if (documents == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      /* brat's messages name the .txt or the .ann. */
      if (strstr (error->message, stem) == NULL)
        fuzz_fail ("the message does not name the file: %s", error->message);
      return;
    }
  FUZZ_CHECK (error == NULL);
  for (i = 0; i < warnings->len; i++)
    FUZZ_CHECK (g_utf8_validate (g_ptr_array_index (warnings, i), -1, NULL));

  for (i = 0; i < documents->len; i++)
    fuzz_check_round_trip (g_ptr_array_index (documents, i), kind == ANNOTA_FORMAT_NATIVE);

  /* What Annota writes, Annota reads. */
  out_opts = *opts;
  out_opts.labels = NULL;
  out_opts.misaligned = ANNOTA_MISALIGNED_SKIP;
  out_opts.include = ANNOTA_INCLUDE_ALL;
  {
    g_autofree char *name = g_strconcat ("out-", base, NULL);
    out_path = g_build_filename (scratch_dir (), name, NULL);
  }
  if (!annota_format_write (kind, documents, out_path, &out_opts, problems, &error))
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  again = annota_format_read (kind, out_path, &out_opts, NULL, &error);
  if (again == NULL)
    fuzz_fail ("what was written does not read back: %s", error->message);
}

static void
check_json_parsers_on (const char *data,
                       gsize       len)
{
  g_autofree char *difference = NULL;

  if (!_aj_parsers_agree (data, len, &difference))
    fuzz_fail ("the JSON parsers disagree: %s", difference);
}

void
fuzz_check_json_parsers (const guint8 *data,
                         gsize         size)
{
  const char *p = (const char *) data, *end = p + size;

  check_json_parsers_on (p, size);
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = (nl != NULL ? nl : end) - p;

      check_json_parsers_on (p, n);
      p += n + 1;
    }
}
