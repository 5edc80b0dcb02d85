/* test-formats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The interchange formats: every third-party file in tests/data/formats
 * goes through the native format and back and comes out the same (equal
 * JSON values for spaCy and doccano, the same bytes for brat, the same
 * tokens, columns and tags for CoNLL); doccano's UTF-16 offsets; discontinuous
 * brat spans; span selection by status; detection; exact error messages,
 * for the files of tests/data/bad too; strings checked as the native format
 * checks them; the first native save of an imported document canonical;
 * files too large refused without being read; nothing half-written.
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <yajl/yajl_tree.h>

#include "annota-core.h"
#include "annota-format.h"
#include "annota-format-private.h"

/* Helpers */

static char *
data_path (const char *first,
           ...)
{
  va_list args;
  GString *path = g_string_new (g_test_get_dir (G_TEST_DIST));
  const char *part = first;

  g_string_append (path, "/data/formats");
  va_start (args, first);
  while (part != NULL)
    {
      g_string_append_c (path, '/');
      g_string_append (path, part);
      part = va_arg (args, const char *);
    }
  va_end (args);
  return g_string_free (path, FALSE);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("annota-formats-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
tmp_path (Fixture    *fixture,
          const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_text (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* JSON values equal as Python's ==: objects by members, numbers by value.
 * yajl's own tree, so the comparison owes nothing to the code under test. */
static gboolean
json_equal (yajl_val a,
            yajl_val b)
{
  if (YAJL_IS_NUMBER (a) && YAJL_IS_NUMBER (b))
    {
      if (YAJL_IS_INTEGER (a) && YAJL_IS_INTEGER (b))
        return YAJL_GET_INTEGER (a) == YAJL_GET_INTEGER (b);
      return YAJL_GET_DOUBLE (a) == YAJL_GET_DOUBLE (b);
    }
  if (a->type != b->type)
    return FALSE;

  switch (a->type)
    {
    case yajl_t_string:
      return strcmp (a->u.string, b->u.string) == 0;
    case yajl_t_object:
      if (a->u.object.len != b->u.object.len)
        return FALSE;
      for (gsize i = 0; i < a->u.object.len; i++)
        {
          gboolean found = FALSE;

          for (gsize j = 0; j < b->u.object.len && !found; j++)
            if (strcmp (a->u.object.keys[i], b->u.object.keys[j]) == 0)
              {
                if (!json_equal (a->u.object.values[i], b->u.object.values[j]))
                  return FALSE;
                found = TRUE;
              }
          if (!found)
            return FALSE;
        }
      return TRUE;
    case yajl_t_array:
      if (a->u.array.len != b->u.array.len)
        return FALSE;
      for (gsize i = 0; i < a->u.array.len; i++)
        if (!json_equal (a->u.array.values[i], b->u.array.values[i]))
          return FALSE;
      return TRUE;
    case yajl_t_true:
    case yajl_t_false:
    case yajl_t_null:
      return TRUE;
    case yajl_t_number:
    case yajl_t_any:
    default:
      return FALSE;
    }
}

static yajl_val
parse_json (const char *text)
{
  char message[256];
  yajl_val value = yajl_tree_parse (text, message, sizeof message);

  if (value == NULL)
    g_error ("not JSON (%s): %.200s", message, text);
  return value;
}

static void
assert_json_equal (const char *expected,
                   const char *found,
                   const char *where)
{
  yajl_val a = parse_json (expected);
  yajl_val b = parse_json (found);

  if (!json_equal (a, b))
    g_error ("%s: JSON values differ:\n%s\n%s", where, expected, found);
  yajl_tree_free (a);
  yajl_tree_free (b);
}

/* The non-blank lines of a JSONL file, each compared as a JSON value. */
static void
assert_jsonl_equal (const char *expected_path,
                    const char *found_path)
{
  g_autofree char *expected = read_text (expected_path);
  g_autofree char *found = read_text (found_path);
  g_auto(GStrv) a = g_strsplit (expected, "\n", -1);
  g_auto(GStrv) b = g_strsplit (found, "\n", -1);
  guint i = 0, j = 0;

  for (;;)
    {
      while (a[i] != NULL && g_strstrip (a[i])[0] == '\0')
        i++;
      while (b[j] != NULL && g_strstrip (b[j])[0] == '\0')
        j++;
      if (a[i] == NULL || b[j] == NULL)
        break;
      assert_json_equal (a[i], b[j], expected_path);
      i++;
      j++;
    }
  g_assert_null (a[i]);
  g_assert_null (b[j]);
}

static GPtrArray *
read_all (AnnotaFormatKind           kind,
          const char                *path,
          const AnnotaFormatOptions *opts)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *documents = annota_format_read (kind, path, opts, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (documents);
  return documents;
}

static void
write_all (AnnotaFormatKind           kind,
           GPtrArray                 *documents,
           const char                *path,
           const AnnotaFormatOptions *opts)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (annota_format_write (kind, documents, path, opts, NULL, &error));
  g_assert_no_error (error);
}

/* FORMAT → native files (a folder) → the documents read back. */
static GPtrArray *
through_native (Fixture    *fixture,
                GPtrArray  *documents,
                const char *name)
{
  g_autofree char *folder = tmp_path (fixture, name);

  write_all (ANNOTA_FORMAT_NATIVE, documents, folder, NULL);
  return read_all (ANNOTA_FORMAT_NATIVE, folder, NULL);
}

static GPtrArray *
list_files (const char *dir,
            const char *suffix)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, suffix))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

static guint
count_spans (AnnotaDocument *document)
{
  return annota_span_store_get_n_spans (annota_document_get_spans (document));
}

static AnnotaSpan *
span_at (AnnotaDocument *document,
         guint           i)
{
  return annota_span_store_peek (annota_document_get_spans (document), i);
}

/* spaCy / Prodigy JSONL */

static void
test_spacy_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *files[] = {
    "ner_tweets_demo.jsonl",
    "nel_emerson_annotated_text.jsonl",
    "ner_fashion_brands_eval.first20.jsonl",
    "rel_component_annotations.first5.jsonl",
  };
  guint total_spans = 0;

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *src = data_path ("jsonl", "spacy-projects", files[f], NULL);
      g_autofree char *dir_name = g_strdup_printf ("native-%u", f);
      g_autofree char *out = tmp_path (fixture, files[f]);
      g_autoptr(GPtrArray) documents = read_all (ANNOTA_FORMAT_SPACY, src, NULL);
      g_autoptr(GPtrArray) again = through_native (fixture, documents, dir_name);

      g_assert_cmpuint (again->len, ==, documents->len);
      for (guint i = 0; i < again->len; i++)
        total_spans += count_spans (g_ptr_array_index (again, i));

      write_all (ANNOTA_FORMAT_SPACY, again, out, NULL);
      assert_jsonl_equal (src, out);
    }

  /* Every span came through. */
  g_assert_cmpuint (total_spans, ==, 1 + 30 + 4 + 21);
}

static void
test_spacy_members (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *src = data_path ("jsonl", "spacy-projects", "ner_tweets_demo.jsonl", NULL);
  g_autoptr(GPtrArray) documents = read_all (ANNOTA_FORMAT_SPACY, src, NULL);
  AnnotaDocument *document = g_ptr_array_index (documents, 0);
  AnnotaSpan *span = span_at (document, 0);
  GArray *tokens = annota_document_get_tokens (document);
  g_autofree char *name = g_strdup_printf ("%s:1", src);

  g_assert_cmpstr (annota_format_get_document_name (document), ==, name);
  g_assert_cmpuint (annota_span_get_start (span), ==, 11);
  g_assert_cmpuint (annota_span_get_end (span), ==, 21);
  g_assert_cmpstr (annota_span_get_label (span), ==, "PERSON");
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_ACCEPTED);
  /* Kept members as the native loader keeps them. */
  g_assert_cmpstr (annota_span_get_extra (span), ==,
                   "{\"token_start\": 3, \"token_end\": 4, \"text\": \"Ed Sheeran\", "
                   "\"source\": \"en_core_web_lg\", \"input_hash\": 885944384}");
  g_assert_cmpstr (annota_document_get_extra_member (document, "answer"), ==, "\"accept\"");
  g_assert_cmpstr (annota_document_get_extra_member (document, "_timestamp"), ==, "1633999979");
  /* Prodigy's tokens are the document's tokenisation, and kept as they were. */
  g_assert_nonnull (tokens);
  g_assert_cmpuint (tokens->len, ==, 20);
  g_assert_cmpuint (g_array_index (tokens, AnnotaRange, 1).start, ==, 1);
  g_assert_cmpuint (g_array_index (tokens, AnnotaRange, 1).end, ==, 3);
  g_assert_true (g_str_has_prefix (annota_document_get_extra_member (document, "spacy:tokens"),
                                   "[{\"text\": \"I\", \"start\": 0, \"end\": 1, \"id\": 0, \"ws\": false}"));
}

/* doccano JSONL */

static void
test_doccano_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *files[] = {
    "export_sequence_labeling_example.jsonl",
    "import_relation_extraction_example.jsonl",
    "tests_sequence_labeling_example_overlapping.jsonl",
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *src = data_path ("jsonl", "doccano", files[f], NULL);
      g_autofree char *dir_name = g_strdup_printf ("native-%u", f);
      g_autofree char *out = tmp_path (fixture, files[f]);
      g_autoptr(GPtrArray) documents = read_all (ANNOTA_FORMAT_DOCCANO, src, NULL);
      g_autoptr(GPtrArray) again = through_native (fixture, documents, dir_name);

      write_all (ANNOTA_FORMAT_DOCCANO, again, out, NULL);
      assert_jsonl_equal (src, out);
    }
}

static void
test_doccano_pretty_json (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *src = data_path ("jsonl", "doccano", "export_relation_extraction_example_prettyprinted.json", NULL);
  g_autofree char *out = tmp_path (fixture, "out.jsonl");
  g_autofree char *expected = read_text (src);
  g_autofree char *found = NULL;
  g_autoptr(GPtrArray) documents = read_all (ANNOTA_FORMAT_DOCCANO, src, NULL);

  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpuint (count_spans (g_ptr_array_index (documents, 0)), ==, 4);
  write_all (ANNOTA_FORMAT_DOCCANO, documents, out, NULL);
  found = read_text (out);
  assert_json_equal (expected, found, src);
}

static void
test_doccano_no_text (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *src = data_path ("jsonl", "doccano", "tests_sequence_labeling_example.jsonl", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:3: no “text” member: every record needs its text", src);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = annota_format_read (ANNOTA_FORMAT_DOCCANO, src, NULL, NULL, &error);

  g_assert_null (documents);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_MISSING);
  g_assert_cmpstr (error->message, ==, expected);
}

/* One record: "😀 Ada" with Ada at UTF-16 [3, 6) = code points [2, 5);
 * "e\u0301" (NFD) and CJK are BMP, one unit per code point. */
static const char utf16_input[] =
  "{\"text\":\"\xf0\x9f\x98\x80 Ada, Re\xcc\x81ne\xcc\x81 and \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x87\xbb\xf0\x9f\x87\xb3 Hanoi\","
  "\"label\":[[3,6,\"PER\"],[8,14,\"PER\"],[19,21,\"LOC\"],[27,32,\"LOC\"]]}\n";

static void
test_doccano_utf16 (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *src = tmp_path (fixture, "utf16.jsonl");
  g_autofree char *out = tmp_path (fixture, "out.jsonl");
  g_autofree char *found = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  AnnotaDocument *document;
  AnnotaText *text;
  const struct { guint start, end; const char *label, *covered; } expected[] = {
    { 2, 5, "PER", "Ada" },
    { 7, 13, "PER", "Re\xcc\x81ne\xcc\x81" },
    { 18, 20, "LOC", "\xe6\x9d\xb1\xe4\xba\xac" },
    { 24, 29, "LOC", "Hanoi" },
  };

  write_text (src, utf16_input);
  documents = read_all (ANNOTA_FORMAT_DOCCANO, src, NULL);
  document = g_ptr_array_index (documents, 0);
  text = annota_document_get_text (document);
  g_assert_cmpuint (count_spans (document), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      AnnotaSpan *span = span_at (document, i);
      g_autofree char *covered = annota_text_substring (text, annota_span_get_start (span),
                                                        annota_span_get_end (span));

      g_assert_cmpuint (annota_span_get_start (span), ==, expected[i].start);
      g_assert_cmpuint (annota_span_get_end (span), ==, expected[i].end);
      g_assert_cmpstr (annota_span_get_label (span), ==, expected[i].label);
      g_assert_cmpstr (covered, ==, expected[i].covered);
    }

  write_all (ANNOTA_FORMAT_DOCCANO, documents, out, NULL);
  found = read_text (out);
  g_assert_cmpstr (found, ==, utf16_input);
}

static void
test_doccano_codepoints (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *src = tmp_path (fixture, "cp.jsonl");
  g_autofree char *out = tmp_path (fixture, "out.jsonl");
  g_autofree char *found = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  AnnotaFormatOptions opts;
  AnnotaDocument *document;

  annota_format_options_init (&opts);
  opts.offsets = ANNOTA_OFFSETS_CODEPOINTS;
  write_text (src, "{\"text\":\"\xf0\x9f\x98\x80 Ada\",\"label\":[[2,5,\"PER\"]]}\n");
  documents = read_all (ANNOTA_FORMAT_DOCCANO, src, &opts);
  document = g_ptr_array_index (documents, 0);
  g_assert_cmpuint (annota_span_get_start (span_at (document, 0)), ==, 2);
  g_assert_cmpuint (annota_span_get_end (span_at (document, 0)), ==, 5);

  /* Written in doccano's own units unless asked otherwise. */
  write_all (ANNOTA_FORMAT_DOCCANO, documents, out, NULL);
  found = read_text (out);
  g_assert_cmpstr (found, ==, "{\"text\":\"\xf0\x9f\x98\x80 Ada\",\"label\":[[3,6,\"PER\"]]}\n");
  write_all (ANNOTA_FORMAT_DOCCANO, documents, out, &opts);
  g_clear_pointer (&found, g_free);
  found = read_text (out);
  g_assert_cmpstr (found, ==, "{\"text\":\"\xf0\x9f\x98\x80 Ada\",\"label\":[[2,5,\"PER\"]]}\n");
}

static void
test_doccano_surrogate (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *src = tmp_path (fixture, "bad.jsonl");
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  write_text (src, "{\"text\":\"a\"}\n{\"text\":\"\xf0\x9f\x98\x80 Ada\",\"label\":[[1,5,\"PER\"]]}\n");
  documents = annota_format_read (ANNOTA_FORMAT_DOCCANO, src, NULL, NULL, &error);
  expected = g_strdup_printf ("%s:2: label[0]: offset 1 falls inside a character outside the BMP "
                              "(offsets are read as UTF-16 code units; use --offsets codepoints for "
                              "files that count code points)", src);
  g_assert_null (documents);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, expected);
}

/* brat */

static void
collect_ann (const char *dir,
             GPtrArray  *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        collect_ann (child, files);
      else if (g_str_has_suffix (name, ".ann"))
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

static void
test_brat_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *root = data_path ("brat", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint total_spans = 0;

  collect_ann (root, files);
  g_assert_cmpuint (files->len, ==, 8);

  for (guint f = 0; f < files->len; f++)
    {
      const char *ann = g_ptr_array_index (files, f);
      g_autofree char *stem = g_strndup (ann, strlen (ann) - 4);
      g_autofree char *txt = g_strconcat (stem, ".txt", NULL);
      g_autofree char *native = g_strdup_printf ("%s/doc-%u.json", fixture->dir, f);
      g_autofree char *out_ann = g_strdup_printf ("%s/out-%u.ann", fixture->dir, f);
      g_autofree char *out_txt = g_strdup_printf ("%s/out-%u.txt", fixture->dir, f);
      g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
      g_autoptr(GPtrArray) documents = read_all (ANNOTA_FORMAT_BRAT, ann, NULL);
      g_autoptr(GPtrArray) again = NULL;

      write_all (ANNOTA_FORMAT_NATIVE, documents, native, NULL);
      again = read_all (ANNOTA_FORMAT_NATIVE, native, NULL);
      total_spans += count_spans (g_ptr_array_index (again, 0));
      write_all (ANNOTA_FORMAT_BRAT, again, out_ann, NULL);

      a = read_text (ann);
      b = read_text (out_ann);
      c = read_text (txt);
      d = read_text (out_txt);
      g_assert_cmpstr (b, ==, a);
      g_assert_cmpstr (d, ==, c);
    }
  /* A span per T line, two for the discontinuous one. */
  g_assert_cmpuint (total_spans, ==, 5 + (4 + 1) + 44 + 33 + 18 + 43 + 23 + 10);
}

static void
test_brat_discontinuous (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *ann = data_path ("brat", "dkpro-core", "document0d.ann", NULL);
  g_autofree char *out = tmp_path (fixture, "out.jsonl");
  g_autofree char *warning = g_strdup_printf ("%s:2: T2 is discontinuous: imported as 2 spans linked by the note “brat:T2”", ann);
  g_autofree char *problem1 = g_strdup_printf ("%s: span [5, 7) Token “is”: a fragment of the discontinuous span T2, which spaCy JSONL cannot express", ann);
  g_autofree char *problem2 = g_strdup_printf ("%s: span [9, 10) Token “n”: a fragment of the discontinuous span T2, which spaCy JSONL cannot express", ann);
  g_autofree char *message = g_strdup_printf ("%s: 2 span fragments cannot be written as spaCy JSONL (use --misaligned expand or skip)", ann);
  g_autofree char *found = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  AnnotaFormatOptions opts;
  AnnotaDocument *document;

  documents = annota_format_read (ANNOTA_FORMAT_BRAT, ann, NULL, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==, warning);

  document = g_ptr_array_index (documents, 0);
  g_assert_cmpuint (count_spans (document), ==, 5);
  g_assert_cmpuint (annota_span_get_start (span_at (document, 1)), ==, 5);
  g_assert_cmpuint (annota_span_get_end (span_at (document, 1)), ==, 7);
  g_assert_cmpstr (annota_span_get_note (span_at (document, 1)), ==, "brat:T2");
  g_assert_cmpuint (annota_span_get_start (span_at (document, 2)), ==, 9);
  g_assert_cmpstr (annota_span_get_note (span_at (document, 2)), ==, "brat:T2");
  g_assert_null (annota_span_get_note (span_at (document, 0)));

  /* Outside brat: refused by default, reported either way. */
  annota_format_options_init (&opts);
  g_assert_false (annota_format_write (ANNOTA_FORMAT_SPACY, documents, out, &opts, problems, &error));
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, problem1);
  g_assert_cmpstr (g_ptr_array_index (problems, 1), ==, problem2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_ptr_array_set_size (problems, 0);
  opts.misaligned = ANNOTA_MISALIGNED_SKIP;
  g_assert_true (annota_format_write (ANNOTA_FORMAT_SPACY, documents, out, &opts, problems, &error));
  g_assert_no_error (error);
  found = read_text (out);
  g_assert_cmpstr (found, ==,
                   "{\"text\":\"This is\\nan other test.\\n\",\"spans\":["
                   "{\"start\":0,\"end\":4,\"label\":\"Token\"},"
                   "{\"start\":11,\"end\":21,\"label\":\"Token\"},"
                   "{\"start\":21,\"end\":22,\"label\":\"Token\"}]}\n");
  g_assert_cmpuint (problems->len, ==, 2);

  g_clear_pointer (&found, g_free);
  opts.misaligned = ANNOTA_MISALIGNED_EXPAND;
  write_all (ANNOTA_FORMAT_SPACY, documents, out, &opts);
  found = read_text (out);
  /* The fragments became one span from the first start to the last end;
   * brat's own members are not spaCy's. */
  g_assert_cmpstr (found, ==,
                   "{\"text\":\"This is\\nan other test.\\n\",\"spans\":["
                   "{\"start\":0,\"end\":4,\"label\":\"Token\"},"
                   "{\"start\":5,\"end\":10,\"label\":\"Token\"},"
                   "{\"start\":11,\"end\":21,\"label\":\"Token\"},"
                   "{\"start\":21,\"end\":22,\"label\":\"Token\"}]}\n");
}

static void
test_brat_mismatch (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *txt = tmp_path (fixture, "doc.txt");
  g_autofree char *ann = tmp_path (fixture, "doc.ann");
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  write_text (txt, "This is\nan other test.");
  write_text (ann, "T1\tToken 0 4\tThis\nT2\tToken 5 7\tis\nT3\tToken 8 10\tAn\n");
  documents = annota_format_read (ANNOTA_FORMAT_BRAT, ann, NULL, NULL, &error);
  expected = g_strdup_printf ("%s:3: T3: text mismatch: the .txt has “an” there, the line says “An”", ann);
  g_assert_null (documents);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, expected);

  g_clear_error (&error);
  g_free (expected);
  write_text (ann, "T1\tToken 0 40\tThis\n");
  documents = annota_format_read (ANNOTA_FORMAT_BRAT, ann, NULL, NULL, &error);
  expected = g_strdup_printf ("%s:1: T1: [0, 40) is not a range of the text (0 ≤ start < end ≤ 22)", ann);
  g_assert_null (documents);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_brat_folder (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *root = data_path ("brat", NULL);
  g_autofree char *out = tmp_path (fixture, "brat-out");
  g_autofree char *a = NULL, *b = NULL;
  g_autofree char *expected = data_path ("brat", "nlplab-brat", "example-data", "corpora", "NCBI-disease", "PMID-10429004.ann", NULL);
  g_autofree char *found = g_build_filename (out, "nlplab-brat", "example-data", "corpora", "NCBI-disease", "PMID-10429004.ann", NULL);
  g_autoptr(GPtrArray) documents = read_all (ANNOTA_FORMAT_BRAT, root, NULL);

  /* A folder reads as a corpus, in natural order, and writes back as one. */
  g_assert_cmpuint (documents->len, ==, 8);
  write_all (ANNOTA_FORMAT_BRAT, documents, out, NULL);
  a = read_text (expected);
  b = read_text (found);
  g_assert_cmpstr (b, ==, a);
}

/* Label Studio */

static const char ls_tasks[] =
  "[\n"
  "{\"id\":7,\"data\":{\"text\":\"Emoji \xf0\x9f\x98\x80 then Ada Lovelace in London.\",\"source\":\"x\"},"
  "\"annotations\":[{\"id\":1,\"completed_by\":3,\"result\":["
  "{\"id\":\"r1\",\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"labels\",\"value\":{\"start\":13,\"end\":25,\"text\":\"Ada Lovelace\",\"labels\":[\"PER\"]}},"
  "{\"id\":\"c1\",\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\",\"value\":{\"choices\":[\"pos\"]}}]}],"
  "\"predictions\":[{\"model_version\":\"ner-v2\",\"score\":0.8,\"result\":["
  "{\"id\":\"p1\",\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"labels\",\"score\":0.91,\"value\":{\"start\":29,\"end\":35,\"text\":\"London\",\"labels\":[\"LOC\"]}}]}]},\n"
  "{\"data\":{\"text\":\"Nothing here.\"},\"annotations\":[],\"predictions\":[]}\n"
  "]\n";

static const char ls_tasks_no_predictions[] =
  "[\n"
  "{\"id\":7,\"data\":{\"text\":\"Emoji \xf0\x9f\x98\x80 then Ada Lovelace in London.\",\"source\":\"x\"},"
  "\"annotations\":[{\"id\":1,\"completed_by\":3,\"result\":["
  "{\"id\":\"r1\",\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"labels\",\"value\":{\"start\":13,\"end\":25,\"text\":\"Ada Lovelace\",\"labels\":[\"PER\"]}},"
  "{\"id\":\"c1\",\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\",\"value\":{\"choices\":[\"pos\"]}}]}],"
  "\"predictions\":[]},\n"
  "{\"data\":{\"text\":\"Nothing here.\"},\"annotations\":[],\"predictions\":[]}\n"
  "]\n";

static void
test_labelstudio_round_trip (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *src = tmp_path (fixture, "tasks.json");
  g_autofree char *out = tmp_path (fixture, "out.json");
  g_autofree char *found = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) again = NULL;
  AnnotaFormatOptions opts;
  AnnotaDocument *document;
  AnnotaSpan *span;

  write_text (src, ls_tasks);
  g_assert_cmpint (annota_format_detect_input (src, NULL), ==, ANNOTA_FORMAT_LABELSTUDIO);
  documents = read_all (ANNOTA_FORMAT_UNKNOWN, src, NULL);
  g_assert_cmpuint (documents->len, ==, 2);

  document = g_ptr_array_index (documents, 0);
  g_assert_cmpuint (count_spans (document), ==, 2);
  span = span_at (document, 0);
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_ACCEPTED);
  g_assert_cmpuint (annota_span_get_start (span), ==, 13);
  g_assert_false (annota_span_has_score (span));
  span = span_at (document, 1);
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_SUGGESTED);
  g_assert_cmpstr (annota_span_get_label (span), ==, "LOC");
  g_assert_cmpstr (annota_span_get_origin (span), ==, "ner-v2");
  g_assert_cmpfloat (annota_span_get_score (span), ==, 0.91);

  /* With the suggested spans, the predictions come back as they were. */
  again = through_native (fixture, documents, "native");
  annota_format_options_init (&opts);
  opts.include = ANNOTA_INCLUDE_SUGGESTED;
  write_all (ANNOTA_FORMAT_LABELSTUDIO, again, out, &opts);
  found = read_text (out);
  assert_json_equal (ls_tasks, found, src);

  /* By default, accepted spans only: no predictions at all. */
  g_clear_pointer (&found, g_free);
  write_all (ANNOTA_FORMAT_LABELSTUDIO, again, out, NULL);
  found = read_text (out);
  assert_json_equal (ls_tasks_no_predictions, found, src);
}

/* Status selection */

static AnnotaDocument *
three_statuses (void)
{
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();
  AnnotaDocument *document = annota_document_new_from_string ("John Kerry met Sergey Lavrov in Moscow.", labels);

  g_assert_nonnull (annota_document_add_span (document, 0, 10, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL));
  g_assert_nonnull (annota_document_add_span (document, 15, 28, "PER", ANNOTA_SPAN_STATUS_SUGGESTED, "model", 0.5, NULL));
  g_assert_nonnull (annota_document_add_span (document, 32, 38, "LOC", ANNOTA_SPAN_STATUS_REJECTED, "model", 0.25, NULL));
  annota_format_set_document_name (document, "doc");
  return document;
}

static void
test_include (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *out = tmp_path (fixture, "out.jsonl");
  const struct { AnnotaIncludeFlags include; const char *spans; } cases[] = {
    { ANNOTA_INCLUDE_ACCEPTED, "[{\"start\":0,\"end\":10,\"label\":\"PER\"}]" },
    { ANNOTA_INCLUDE_SUGGESTED, "[{\"start\":0,\"end\":10,\"label\":\"PER\"},{\"start\":15,\"end\":28,\"label\":\"PER\"}]" },
    { ANNOTA_INCLUDE_REJECTED, "[{\"start\":0,\"end\":10,\"label\":\"PER\"},{\"start\":32,\"end\":38,\"label\":\"LOC\"}]" },
    { ANNOTA_INCLUDE_ALL, "[{\"start\":0,\"end\":10,\"label\":\"PER\"},{\"start\":15,\"end\":28,\"label\":\"PER\"},"
                          "{\"start\":32,\"end\":38,\"label\":\"LOC\"}]" },
  };

  g_ptr_array_add (documents, three_statuses ());
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AnnotaFormatOptions opts;
      g_autofree char *found = NULL;
      g_autofree char *expected = NULL;

      annota_format_options_init (&opts);
      opts.include = cases[i].include;
      write_all (ANNOTA_FORMAT_SPACY, documents, out, &opts);
      found = read_text (out);
      expected = g_strdup_printf ("{\"text\":\"John Kerry met Sergey Lavrov in Moscow.\",\"spans\":%s}\n",
                                  cases[i].spans);
      g_assert_cmpstr (found, ==, expected);
    }
}

#define LS_TASK(annotations, predictions) \
  "[\n{\"data\":{\"text\":\"John Kerry met Sergey Lavrov in Moscow.\"}," \
  "\"annotations\":[{\"result\":[" annotations "]}],\"predictions\":" predictions "}\n]\n"
#define LS_SPAN(start, end, text, label, more) \
  "{\"value\":{\"start\":" #start ",\"end\":" #end ",\"text\":\"" text "\",\"labels\":[\"" label "\"]}," \
  "\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"labels\"" more "}"

/* Label Studio follows the same selection: suggested spans are its
 * predictions, rejected ones (when asked for) annotations like the others. */
static void
test_labelstudio_include (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *out = tmp_path (fixture, "out.json");
  const struct { AnnotaIncludeFlags include; const char *task; } cases[] = {
    { ANNOTA_INCLUDE_ACCEPTED,
      LS_TASK (LS_SPAN (0, 10, "John Kerry", "PER", ""), "[]") },
    { ANNOTA_INCLUDE_SUGGESTED,
      LS_TASK (LS_SPAN (0, 10, "John Kerry", "PER", ""),
               "[{\"model_version\":\"model\",\"result\":["
               LS_SPAN (15, 28, "Sergey Lavrov", "PER", ",\"score\":0.5") "]}]") },
    { ANNOTA_INCLUDE_REJECTED,
      LS_TASK (LS_SPAN (0, 10, "John Kerry", "PER", "") "," LS_SPAN (32, 38, "Moscow", "LOC", ""), "[]") },
    { ANNOTA_INCLUDE_ALL,
      LS_TASK (LS_SPAN (0, 10, "John Kerry", "PER", "") "," LS_SPAN (32, 38, "Moscow", "LOC", ""),
               "[{\"model_version\":\"model\",\"result\":["
               LS_SPAN (15, 28, "Sergey Lavrov", "PER", ",\"score\":0.5") "]}]") },
  };

  g_ptr_array_add (documents, three_statuses ());
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AnnotaFormatOptions opts;
      g_autofree char *found = NULL;

      annota_format_options_init (&opts);
      opts.include = cases[i].include;
      write_all (ANNOTA_FORMAT_LABELSTUDIO, documents, out, &opts);
      found = read_text (out);
      g_assert_cmpstr (found, ==, cases[i].task);
    }
}

/* The sample document through every format. */
static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("ANNOTA_SOURCE_ROOT") ? g_getenv ("ANNOTA_SOURCE_ROOT") : "..",
                                              "data", "samples", "kerry-lavrov-moscow.vi.json", NULL);
  const struct { AnnotaFormatKind kind; const char *name; } kinds[] = {
    { ANNOTA_FORMAT_SPACY, "s.jsonl" },
    { ANNOTA_FORMAT_DOCCANO, "d.jsonl" },
    { ANNOTA_FORMAT_BRAT, "b.ann" },
    { ANNOTA_FORMAT_LABELSTUDIO, "l.json" },
  };
  g_autoptr(GPtrArray) documents = read_all (ANNOTA_FORMAT_NATIVE, sample, NULL);
  AnnotaDocument *original = g_ptr_array_index (documents, 0);
  AnnotaFormatOptions opts;

  annota_format_options_init (&opts);
  opts.include = ANNOTA_INCLUDE_ALL;
  g_assert_cmpuint (count_spans (original), ==, 14);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *path = tmp_path (fixture, kinds[k].name);
      g_autoptr(GPtrArray) back = NULL;
      AnnotaDocument *document;

      write_all (kinds[k].kind, documents, path, &opts);
      back = read_all (kinds[k].kind, path, NULL);
      document = g_ptr_array_index (back, 0);
      g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (document)), ==,
                       annota_text_get_utf8 (annota_document_get_text (original)));
      g_assert_cmpuint (count_spans (document), ==, 14);
      for (guint i = 0; i < 14; i++)
        {
          AnnotaSpan *a = span_at (original, i), *b = span_at (document, i);

          g_assert_cmpuint (annota_span_get_start (b), ==, annota_span_get_start (a));
          g_assert_cmpuint (annota_span_get_end (b), ==, annota_span_get_end (a));
          g_assert_cmpstr (annota_span_get_label (b), ==, annota_span_get_label (a));
          /* Only Label Studio tells suggested spans from the others. */
          if (kinds[k].kind == ANNOTA_FORMAT_LABELSTUDIO)
            {
              g_assert_cmpint (annota_span_get_status (b), ==, annota_span_get_status (a));
              g_assert_cmpint (annota_span_has_score (b), ==, annota_span_has_score (a));
            }
        }
    }
}

/* Detection */

static void
test_detect (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *spacy = data_path ("jsonl", "spacy-projects", "ner_tweets_demo.jsonl", NULL);
  g_autofree char *doccano = data_path ("jsonl", "doccano", "import_relation_extraction_example.jsonl", NULL);
  g_autofree char *doccano_json = data_path ("jsonl", "doccano", "export_relation_extraction_example_prettyprinted.json", NULL);
  g_autofree char *iob = data_path ("jsonl", "spacy", "ner_example_data", "ner-token-per-line.iob", NULL);
  g_autofree char *conll = data_path ("jsonl", "doccano", "tests_sequence_labeling_example.conll", NULL);
  g_autofree char *conll_txt = data_path ("jsonl", "doccano", "import_sequence_labeling_example_conll.txt", NULL);
  g_autofree char *ann = data_path ("brat", "dkpro-core", "document0d.ann", NULL);
  g_autofree char *txt = data_path ("brat", "dkpro-core", "document0d.txt", NULL);
  g_autofree char *brat_dir = data_path ("brat", NULL);
  g_autofree char *native = tmp_path (fixture, "n.json");
  g_autofree char *message = g_strdup_printf ("%s: cannot tell the format from the name; give it with --from", conll_txt);
  g_autoptr(GError) error = NULL;

  write_text (native, "{\"annota\": 1, \"text\": \"x\"}");
  g_assert_cmpint (annota_format_detect_input (spacy, NULL), ==, ANNOTA_FORMAT_SPACY);
  g_assert_cmpint (annota_format_detect_input (doccano, NULL), ==, ANNOTA_FORMAT_DOCCANO);
  g_assert_cmpint (annota_format_detect_input (doccano_json, NULL), ==, ANNOTA_FORMAT_DOCCANO);
  g_assert_cmpint (annota_format_detect_input (iob, NULL), ==, ANNOTA_FORMAT_CONLL);
  g_assert_cmpint (annota_format_detect_input (conll, NULL), ==, ANNOTA_FORMAT_CONLL);
  g_assert_cmpint (annota_format_detect_input (ann, NULL), ==, ANNOTA_FORMAT_BRAT);
  g_assert_cmpint (annota_format_detect_input (txt, NULL), ==, ANNOTA_FORMAT_BRAT);
  g_assert_cmpint (annota_format_detect_input (brat_dir, NULL), ==, ANNOTA_FORMAT_BRAT);
  g_assert_cmpint (annota_format_detect_input (native, NULL), ==, ANNOTA_FORMAT_NATIVE);
  g_assert_cmpint (annota_format_detect_input (fixture->dir, NULL), ==, ANNOTA_FORMAT_NATIVE);

  g_assert_cmpint (annota_format_detect_input (conll_txt, &error), ==, ANNOTA_FORMAT_UNKNOWN);
  g_assert_cmpstr (error->message, ==, message);

  g_assert_cmpint (annota_format_detect_output ("a.jsonl", NULL), ==, ANNOTA_FORMAT_SPACY);
  g_assert_cmpint (annota_format_detect_output ("a.json", NULL), ==, ANNOTA_FORMAT_NATIVE);
  g_assert_cmpint (annota_format_detect_output ("a.ann", NULL), ==, ANNOTA_FORMAT_BRAT);
  g_assert_cmpint (annota_format_detect_output ("a.conll", NULL), ==, ANNOTA_FORMAT_CONLL);
  g_assert_cmpint (annota_format_detect_output ("a.iob", NULL), ==, ANNOTA_FORMAT_CONLL);
  g_assert_cmpint (annota_format_detect_output ("a.bio", NULL), ==, ANNOTA_FORMAT_CONLL);

  g_assert_cmpint (annota_format_kind_from_string ("prodigy"), ==, ANNOTA_FORMAT_SPACY);
  g_assert_cmpint (annota_format_kind_from_string ("labelstudio"), ==, ANNOTA_FORMAT_LABELSTUDIO);
  g_assert_cmpint (annota_format_kind_from_string ("csv"), ==, ANNOTA_FORMAT_UNKNOWN);
}

/* Errors */

static void
assert_read_error (Fixture          *fixture,
                   AnnotaFormatKind  kind,
                   const char       *name,
                   const char       *contents,
                   const char       *message_after_path)
{
  g_autofree char *path = tmp_path (fixture, name);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  write_text (path, contents);
  documents = annota_format_read (kind, path, NULL, NULL, &error);
  expected = g_strconcat (path, message_after_path, NULL);
  g_assert_null (documents);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "a.jsonl",
                     "{\"text\":\"ok\"}\n\n{\"text\": \"x\", }\n",
                     ":3: invalid JSON at column 16: parse error: invalid object key (must be a string)");
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "dup.jsonl",
                     "{\"text\":\"ab\",\"meta\":{\"id\":1,\"id\":2}}\n",
                     ":1: invalid JSON at column 33: the member “id” is given twice");
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "low.jsonl",
                     "{\"text\":\"a\\udc00b\"}\n",
                     ":1: invalid JSON at column 19: a string escape is a lone surrogate");
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "high.jsonl",
                     "{\"text\":\"a\\ud800b\"}\n",
                     ":1: invalid JSON at column 11: a string escape is a lone surrogate");
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "b.jsonl",
                     "[1]\n", ":1: expected an object, found an array");
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "c.jsonl",
                     "{\"text\":\"abc\",\"spans\":[{\"start\":1,\"end\":4,\"label\":\"X\"}]}\n",
                     ":1: spans[0]: [1, 4) is not a range of the text (0 ≤ start < end ≤ 3)");
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "d.jsonl",
                     "{\"text\":\"abc\",\"spans\":[{\"start\":\"1\",\"end\":2,\"label\":\"X\"}]}\n",
                     ":1: spans[0]: “start” is a string, expected an integer");
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "e.jsonl",
                     "{\"text\":\"abc\",\"spans\":[{\"start\":0,\"end\":2}]}\n",
                     ":1: spans[0]: “label” is nothing, expected a non-empty string");
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "f.jsonl",
                     "{\"text\":7}\n", ":1: “text” is a number, expected a string");
  assert_read_error (fixture, ANNOTA_FORMAT_DOCCANO, "g.jsonl",
                     "{\"text\":\"abc\",\"label\":[[0,1]]}\n",
                     ":1: label[0] is an array, expected [start, end, label]");
  assert_read_error (fixture, ANNOTA_FORMAT_CONLL, "h.conll",
                     "EU\tB-ORG\nrejects\tOUT\n",
                     ":2: “OUT” is not a tag (expected O, or B-, I-, E-, S-, L- or U- before a label)");
  assert_read_error (fixture, ANNOTA_FORMAT_CONLL, "i.conll",
                     "EU\tB-ORG\n\nlonely\n",
                     ":3: expected a token and a tag, found “lonely”");
  assert_read_error (fixture, ANNOTA_FORMAT_CONLL, "empty.conll",
                     "EU\tB-ORG\n\tO\n",
                     ":2: empty token (the first column is empty)");
  assert_read_error (fixture, ANNOTA_FORMAT_CONLL, "empty-pipe.conll",
                     "EU|B-ORG rejects|O\nEU|B-ORG |O\n",
                     ":2: empty token (the first column is empty)");
  assert_read_error (fixture, ANNOTA_FORMAT_LABELSTUDIO, "j.json",
                     "[{\"data\":{\"text\":\"abc\"},\n \"annotations\":[{\"result\":[{\"type\":\"labels\",\"value\":{\"start\":0,\"end\":9,\"labels\":[\"X\"]}}]}]}]\n",
                     ": [0]: annotations[0].result[0]: [0, 9) is not a range of the text (0 ≤ start < end ≤ 3)");
  assert_read_error (fixture, ANNOTA_FORMAT_LABELSTUDIO, "k.json",
                     "[{\"data\":{\"text\":\"abc\"}},\n{\"data\": 5}]\n",
                     ": [1]: “data” is a number, expected an object with the text");
  assert_read_error (fixture, ANNOTA_FORMAT_LABELSTUDIO, "l.json",
                     "[{\"data\":{\"text\":\"abc\"}},\n{\"data\" 5}]\n",
                     ":2: invalid JSON: parse error: object key and value must be separated by a colon (':')");
}

/* Strings are checked as the native format checks them: valid UTF-8
 * without NUL, wherever they are, named by their path. */
static void
test_strings (Fixture       *fixture,
              gconstpointer  data)
{
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "nested.jsonl",
                     "{\"text\":\"a\"}\n{\"text\":\"a\",\"meta\":{\"tags\":[\"x\",\"\\u0000\"]}}\n",
                     ":2: meta.tags[1]: NUL character (\\u0000) in a string");
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "name.jsonl",
                     "{\"text\":\"a\",\"a b\":{\"\xc0\xaf\":1}}\n",
                     ":1: [\"a b\"]: invalid UTF-8 at byte 0 of a string");
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "label.jsonl",
                     "{\"text\":\"ab\",\"spans\":[{\"start\":0,\"end\":1,\"label\":\"X\\u0000\"}]}\n",
                     ":1: spans[0].label: NUL character (\\u0000) in a string");
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "byte.jsonl",
                     "{\"text\":\"Hà\xff Nội\",\"spans\":[]}\n",
                     ":1: text: invalid UTF-8 at byte 3 of a string");
  assert_read_error (fixture, ANNOTA_FORMAT_SPACY, "cut.jsonl",
                     "{\"text\":\"a\"}\n{\"text\":\"ab\",\"spans\":[{\"start\":0,\"end\":1,\"label\":\"\xe1\xba\"}]}\n",
                     ":2: spans[0].label: invalid UTF-8 at byte 0 of a string");
  assert_read_error (fixture, ANNOTA_FORMAT_DOCCANO, "surrogate.jsonl",
                     "{\"text\":\"a\xed\xa0\x80\",\"label\":[]}\n",
                     ":1: text: invalid UTF-8 at byte 1 of a string");
  assert_read_error (fixture, ANNOTA_FORMAT_DOCCANO, "pretty.json",
                     "{\n  \"text\": \"ab\",\n  \"label\": [[0, 1, \"\xe0\x80\xaf\"]]\n}\n",
                     ":3: label[0][2]: invalid UTF-8 at byte 0 of a string");
  assert_read_error (fixture, ANNOTA_FORMAT_LABELSTUDIO, "model.json",
                     "[{\"data\":{\"text\":\"ab\"}},\n"
                     " {\"data\":{\"text\":\"ab\"},\"predictions\":[{\"model_version\":\"v\\u0000\",\"result\":[]}]}]\n",
                     ":2: [1].predictions[0].model_version: NUL character (\\u0000) in a string");
}

/* A prediction's score is a span's score, from 0 to 1 as in the native
 * format; an annotation's is only kept. */
static void
test_labelstudio_scores (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *src = tmp_path (fixture, "scores.json");
  g_autoptr(GPtrArray) documents = NULL;
  AnnotaDocument *document;
  AnnotaSpan *span;

#define LS_RESULT(score) \
  "{\"type\":\"labels\"" score ",\"value\":{\"start\":0,\"end\":1,\"labels\":[\"X\"]}}"
  assert_read_error (fixture, ANNOTA_FORMAT_LABELSTUDIO, "above.json",
                     "[{\"data\":{\"text\":\"ab\"},\"predictions\":[{\"result\":[" LS_RESULT (",\"score\":1.5") "]}]}]",
                     ": [0]: predictions[0].result[0].score: 1.5 is out of range; expected a number from 0 to 1");
  assert_read_error (fixture, ANNOTA_FORMAT_LABELSTUDIO, "below.json",
                     "[{\"data\":{\"text\":\"ab\"},\"predictions\":[{\"result\":[" LS_RESULT (",\"score\":-0.1") "]}]}]",
                     ": [0]: predictions[0].result[0].score: -0.1 is out of range; expected a number from 0 to 1");
  assert_read_error (fixture, ANNOTA_FORMAT_LABELSTUDIO, "infinite.json",
                     "[{\"data\":{\"text\":\"ab\"},\"predictions\":[{\"result\":[" LS_RESULT (",\"score\":1e400") "]}]}]",
                     ": [0]: predictions[0].result[0].score: 1e400 is out of range; expected a number from 0 to 1");
  assert_read_error (fixture, ANNOTA_FORMAT_LABELSTUDIO, "group.json",
                     "[{\"data\":{\"text\":\"ab\"},\"predictions\":[{\"score\":85,\"result\":[" LS_RESULT ("") "]}]}]",
                     ": [0]: predictions[0].score: 85 is out of range; expected a number from 0 to 1");
  assert_read_error (fixture, ANNOTA_FORMAT_LABELSTUDIO, "string.json",
                     "[{\"data\":{\"text\":\"ab\"},\"predictions\":[{\"result\":[" LS_RESULT (",\"score\":\"high\"") "]}]}]",
                     ": [0]: predictions[0].result[0].score is a string, expected a number from 0 to 1");

  /* A null score falls back on the prediction's; a group score out of
   * range that no span takes is kept; an annotation's score is kept as it
   * is, whatever it is. */
  write_text (src,
              "[{\"data\":{\"text\":\"ab\"},"
              "\"annotations\":[{\"result\":[" LS_RESULT (",\"score\":7") "]}],"
              "\"predictions\":[{\"score\":0.25,\"result\":[" LS_RESULT (",\"score\":null") "]},"
              "{\"score\":85,\"result\":[" LS_RESULT (",\"score\":0") "]}]}]");
#undef LS_RESULT
  documents = read_all (ANNOTA_FORMAT_LABELSTUDIO, src, NULL);
  document = g_ptr_array_index (documents, 0);
  g_assert_cmpuint (count_spans (document), ==, 3);
  span = span_at (document, 0);
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_ACCEPTED);
  g_assert_false (annota_span_has_score (span));
  g_assert_nonnull (strstr (annota_span_get_extra (span), "\"labelstudio:score\": 7"));
  span = span_at (document, 1);
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_SUGGESTED);
  g_assert_cmpfloat (annota_span_get_score (span), ==, 0.25);
  span = span_at (document, 2);
  g_assert_cmpfloat (annota_span_get_score (span), ==, 0.0);
}

/* Every refused file of tests/data/bad (but native's, which the core's
 * tests check) with its exact message. */
static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct {
    AnnotaFormatKind  kind;
    const char       *file;
    int               code;
    const char       *message;
  } cases[] = {
    { ANNOTA_FORMAT_SPACY, "spacy/duplicate-member-in-tokens.jsonl", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: invalid JSON at column 69: the member “end” is given twice" },
    { ANNOTA_FORMAT_SPACY, "spacy/nul-in-unknown-member.jsonl", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: x: NUL character (\\u0000) in a string" },
    { ANNOTA_FORMAT_SPACY, "spacy/overlong-utf8-text.jsonl", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: text: invalid UTF-8 at byte 1 of a string" },
    { ANNOTA_FORMAT_DOCCANO, "doccano/duplicate-member-in-relations.jsonl", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: invalid JSON at column 57: the member “id” is given twice" },
    { ANNOTA_FORMAT_DOCCANO, "doccano/encoded-surrogate-text.jsonl", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: text: invalid UTF-8 at byte 1 of a string" },
    { ANNOTA_FORMAT_DOCCANO, "doccano/infinite-offset.jsonl", ANNOTA_FORMAT_ERROR_TYPE,
      ":1: label[0][0] is 1e400, expected an integer offset" },
    { ANNOTA_FORMAT_DOCCANO, "doccano/string-end-offset.jsonl", ANNOTA_FORMAT_ERROR_TYPE,
      ":1: entities[0].end_offset is a string, expected an integer offset" },
    { ANNOTA_FORMAT_DOCCANO, "doccano/lone-surrogate-text.jsonl", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: invalid JSON at column 20: a string escape is a lone surrogate" },
    { ANNOTA_FORMAT_DOCCANO, "doccano/nul-in-unknown-member.jsonl", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: x: NUL character (\\u0000) in a string" },
    { ANNOTA_FORMAT_DOCCANO, "doccano/overlong-utf8-in-unknown-member.jsonl", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: x: invalid UTF-8 at byte 0 of a string" },
    { ANNOTA_FORMAT_DOCCANO, "doccano/overlong-utf8-text.jsonl", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: text: invalid UTF-8 at byte 1 of a string" },
    { ANNOTA_FORMAT_LABELSTUDIO, "labelstudio/annotation-not-object.json", ANNOTA_FORMAT_ERROR_TYPE,
      ": [0]: annotations[0] is a number, expected an object" },
    { ANNOTA_FORMAT_LABELSTUDIO, "labelstudio/duplicate-member-in-data.json", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: invalid JSON: the member “x” is given twice" },
    { ANNOTA_FORMAT_LABELSTUDIO, "labelstudio/duplicate-member-in-result.json", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: invalid JSON: the member “value” is given twice" },
    { ANNOTA_FORMAT_LABELSTUDIO, "labelstudio/nul-in-unknown-member.json", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: [0].x: NUL character (\\u0000) in a string" },
    { ANNOTA_FORMAT_LABELSTUDIO, "labelstudio/overlong-utf8-text.json", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":1: [0].data.text: invalid UTF-8 at byte 1 of a string" },
    { ANNOTA_FORMAT_LABELSTUDIO, "labelstudio/score-above-one.json", ANNOTA_FORMAT_ERROR_VALUE,
      ": [0]: predictions[0].result[0].score: 1.5 is out of range; expected a number from 0 to 1" },
    { ANNOTA_FORMAT_CONLL, "conll/empty-token.conll", ANNOTA_FORMAT_ERROR_SYNTAX,
      ":2: empty token (the first column is empty)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (g_test_get_dir (G_TEST_DIST), "data", "bad", cases[i].file, NULL);
      g_autofree char *expected = g_strconcat (path, cases[i].message, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) documents = NULL;

      documents = annota_format_read (cases[i].kind, path, NULL, NULL, &error);
      g_assert_null (documents);
      g_assert_error (error, ANNOTA_FORMAT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, expected);
    }
}

/* Documents made by an importer save in the canonical form the first
 * time: loading that JSON and saving it again gives the same bytes. */
static void
assert_first_save_canonical (AnnotaFormatKind  kind,
                             const char       *path)
{
  g_autoptr(GPtrArray) documents = read_all (kind, path, NULL);

  g_assert_cmpuint (documents->len, >, 0);
  for (guint i = 0; i < documents->len; i++)
    {
      AnnotaDocument *document = g_ptr_array_index (documents, i);
      g_autoptr(AnnotaDocument) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *json = NULL;
      g_autofree char *json_again = NULL;
      gsize len = 0;

      json = annota_document_to_json (document, &len);
      again = annota_document_load_data (json, len, "first save", NULL, NULL, &error);
      g_assert_no_error (error);
      json_again = annota_document_to_json (again, NULL);
      g_assert_cmpstr (json_again, ==, json);
    }
}

static void
test_first_save_canonical (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *spacy[] = {
    "ner_tweets_demo.jsonl",
    "nel_emerson_annotated_text.jsonl",
    "ner_fashion_brands_eval.first20.jsonl",
    "rel_component_annotations.first5.jsonl",
  };
  const char *doccano[] = {
    "import_relation_extraction_example.jsonl",
    "export_sequence_labeling_example.jsonl",
    "tests_sequence_labeling_example_overlapping.jsonl",
    "export_relation_extraction_example_prettyprinted.json",
  };
  g_autofree char *ls = tmp_path (fixture, "tasks.json");
  g_autofree char *ann = data_path ("brat", "dkpro-core", "document0d.ann", NULL);
  g_autofree char *conll = data_path ("jsonl", "doccano", "tests_sequence_labeling_example.conll", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (spacy); i++)
    {
      g_autofree char *path = data_path ("jsonl", "spacy-projects", spacy[i], NULL);
      assert_first_save_canonical (ANNOTA_FORMAT_SPACY, path);
    }
  for (guint i = 0; i < G_N_ELEMENTS (doccano); i++)
    {
      g_autofree char *path = data_path ("jsonl", "doccano", doccano[i], NULL);
      assert_first_save_canonical (ANNOTA_FORMAT_DOCCANO, path);
    }
  write_text (ls, ls_tasks);
  assert_first_save_canonical (ANNOTA_FORMAT_LABELSTUDIO, ls);
  assert_first_save_canonical (ANNOTA_FORMAT_BRAT, ann);
  assert_first_save_canonical (ANNOTA_FORMAT_CONLL, conll);
}

/* Inputs too large to read */

/* Bytes this process has read so far, from /proc/self/io. */
static guint64
bytes_read (void)
{
  g_autofree char *io = NULL;
  const char *rchar;

  g_assert_true (g_file_get_contents ("/proc/self/io", &io, NULL, NULL));
  rchar = strstr (io, "rchar: ");
  g_assert_nonnull (rchar);
  return g_ascii_strtoull (rchar + strlen ("rchar: "), NULL, 10);
}

/* A file that starts with head and is size bytes long, the rest a hole:
 * no disk space, and zeros to whoever reads it. */
static char *
make_sparse_file (Fixture    *fixture,
                  const char *name,
                  const char *head,
                  goffset     size)
{
  char *path = tmp_path (fixture, name);
  int fd;

  write_text (path, head);
  fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  return path;
}

/* Reads path as kind, and (when detect) guesses its format first as the
 * window does: refused with the message after the path, having read fewer
 * than max_read bytes. */
static void
assert_refused (AnnotaFormatKind  kind,
                const char       *path,
                gboolean          detect,
                int               code,
                const char       *message_after_path,
                guint64           max_read)
{
  g_autofree char *expected = g_strconcat (path, message_after_path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  guint64 before = bytes_read ();

  if (detect)
    {
      g_assert_cmpint (annota_format_detect_input (path, &error), ==, ANNOTA_FORMAT_UNKNOWN);
      g_assert_error (error, ANNOTA_FORMAT_ERROR, code);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);
    }
  documents = annota_format_read (kind, path, NULL, NULL, &error);
  g_assert_null (documents);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (bytes_read () - before, <, max_read);
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  const goffset size = 600 * 1024 * 1024;
  const char *too_large = ": the file is larger than 512 MB, the largest Annota reads";
  g_autofree char *json = make_sparse_file (fixture, "tasks.json", "[{\"data\": {\"text\": \"", size);
  g_autofree char *doccano_json = make_sparse_file (fixture, "doccano.json", "{\"text\": \"", size);
  g_autofree char *ann = make_sparse_file (fixture, "big-ann.ann", "T1\tX 0 1\ta\n", size);
  g_autofree char *ann_txt = tmp_path (fixture, "big-ann.txt");
  g_autofree char *txt = make_sparse_file (fixture, "big-txt.txt", "a", size);
  g_autofree char *txt_ann = tmp_path (fixture, "big-txt.ann");
  g_autofree char *jsonl = make_sparse_file (fixture, "corpus.jsonl", "{\"text\": \"ok\"}\n{\"text\": \"", size);
  g_autofree char *conll = make_sparse_file (fixture, "tags.conll", "EU\tB-ORG\nrejects\tO\n\nx", size);
  /* Whole files are refused from their size, lines once the longest line
   * was read. */
  const guint64 little = 64 * 1024;
  const guint64 one_line = 66 * 1024 * 1024;

  write_text (ann_txt, "abc");
  write_text (txt_ann, "T1\tX 0 1\ta\n");

  assert_refused (ANNOTA_FORMAT_LABELSTUDIO, json, TRUE, ANNOTA_FORMAT_ERROR_LIMIT, too_large, little);
  assert_refused (ANNOTA_FORMAT_DOCCANO, doccano_json, TRUE, ANNOTA_FORMAT_ERROR_LIMIT, too_large, little);
  assert_refused (ANNOTA_FORMAT_BRAT, ann, FALSE, ANNOTA_FORMAT_ERROR_LIMIT, too_large, little);
  {
    /* The .txt is read first, and named. */
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) documents = NULL;
    g_autofree char *expected = g_strconcat (txt, too_large, NULL);
    guint64 before = bytes_read ();

    documents = annota_format_read (ANNOTA_FORMAT_UNKNOWN, txt_ann, NULL, NULL, &error);
    g_assert_null (documents);
    g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_LIMIT);
    g_assert_cmpstr (error->message, ==, expected);
    g_assert_cmpuint (bytes_read () - before, <, little);
  }
  assert_refused (ANNOTA_FORMAT_SPACY, jsonl, FALSE, ANNOTA_FORMAT_ERROR_LIMIT,
                  ":2: the line is longer than 64 MB, the longest Annota reads", one_line);
  assert_refused (ANNOTA_FORMAT_CONLL, conll, FALSE, ANNOTA_FORMAT_ERROR_LIMIT,
                  ":4: the line is longer than 64 MB, the longest Annota reads", one_line);

  /* A first line too long is found when the format is guessed. */
  {
    g_autofree char *first = make_sparse_file (fixture, "first.jsonl", "{\"text\": \"", size);
    assert_refused (ANNOTA_FORMAT_UNKNOWN, first, TRUE, ANNOTA_FORMAT_ERROR_LIMIT,
                    ":1: the line is longer than 64 MB, the longest Annota reads", 2 * one_line);
  }
}

/* Nothing half-written */

static void
test_atomic (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *src = tmp_path (fixture, "in.jsonl");
  g_autofree char *out = tmp_path (fixture, "out.jsonl");
  g_autoptr(AnnotaFormatReader) reader = NULL;
  g_autoptr(AnnotaFormatWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *found = NULL;
  guint n = 0;

  write_text (src, "{\"text\":\"one\"}\n{\"text\":\"two\"}\n{\"text\":\"three\",\"spans\":[{\"start\":0}]}\n");
  write_text (out, "old contents\n");

  reader = annota_format_reader_open (ANNOTA_FORMAT_UNKNOWN, src, NULL, &error);
  g_assert_no_error (error);
  writer = annota_format_writer_open (ANNOTA_FORMAT_UNKNOWN, out, NULL, &error);
  g_assert_no_error (error);
  while (annota_format_convert_next (reader, writer, NULL, NULL, NULL, &error))
    n++;
  g_assert_cmpuint (n, ==, 2);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_MISSING);
  g_clear_pointer (&writer, annota_format_writer_free);

  /* The old file is as it was and no temporary file is left. */
  found = read_text (out);
  g_assert_cmpstr (found, ==, "old contents\n");
  files = list_files (fixture->dir, "");
  g_assert_cmpuint (files->len, ==, 2);
}

typedef struct {
  guint      written;
  guint      failed;
  guint      spans;
  GPtrArray *messages;
} ConvertLog;

static void
log_document (guint      n_spans,
              GPtrArray *warnings,
              GPtrArray *problems,
              guint64    done,
              guint64    total,
              gboolean   written,
              gpointer   user_data)
{
  ConvertLog *log = user_data;

  if (written)
    {
      log->written++;
      log->spans += n_spans;
      g_assert_cmpuint (done, <=, total);
    }
  else if (problems->len > 0)
    log->failed++;
  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (log->messages, g_strdup (g_ptr_array_index (problems, i)));
}

/* Whole conversions, with the reader in a thread: documents in order, the
 * first error of either side ends it, and the target is left alone. */
static void
test_convert (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *src = tmp_path (fixture, "in.jsonl");
  g_autofree char *out = tmp_path (fixture, "out.conll");
  g_autofree char *found = NULL;
  GString *input = g_string_new (NULL);
  AnnotaFormatOptions opts;

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (input, "{\"text\":\"Doc %u by John Kerry.\",\"spans\":[{\"start\":%u,\"end\":%u,\"label\":\"PER\"}]}\n",
                            i, i < 10 ? 9 : 10, i < 10 ? 19 : 20);
  write_text (src, input->str);
  annota_format_options_init (&opts);

  /* All well. */
  {
    g_autoptr(AnnotaFormatReader) reader = annota_format_reader_open (ANNOTA_FORMAT_UNKNOWN, src, &opts, NULL);
    g_autoptr(AnnotaFormatWriter) writer = annota_format_writer_open (ANNOTA_FORMAT_UNKNOWN, out, &opts, NULL);
    g_autoptr(GError) error = NULL;
    ConvertLog log = { 0, 0, 0, g_ptr_array_new_with_free_func (g_free) };

    g_assert_true (annota_format_convert (reader, writer, log_document, &log, &error));
    g_assert_no_error (error);
    g_assert_true (annota_format_writer_commit (writer, &error));
    g_assert_cmpuint (log.written, ==, 50);
    g_assert_cmpuint (log.spans, ==, 50);
    g_ptr_array_unref (log.messages);
    found = read_text (out);
    g_assert_true (g_str_has_prefix (found, "Doc\tO\n0\tO\nby\tO\nJohn\tB-PER\nKerry\tI-PER\n.\tO\n\n"
                                            "-DOCSTART- -X- O O\n\nDoc\tO\n1\tO\n"));
  }

  /* A span off the tokens in the 21st document. */
  g_string_truncate (input, 0);
  for (guint i = 0; i < 50; i++)
    g_string_append_printf (input, "{\"text\":\"Doc %02u by John Kerry.\",\"spans\":[{\"start\":10,\"end\":%u,\"label\":\"PER\"}]}\n",
                            i, i == 20 ? 18 : 20);
  write_text (src, input->str);
  {
    g_autoptr(AnnotaFormatReader) reader = annota_format_reader_open (ANNOTA_FORMAT_UNKNOWN, src, &opts, NULL);
    g_autoptr(AnnotaFormatWriter) writer = annota_format_writer_open (ANNOTA_FORMAT_UNKNOWN, out, &opts, NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *message = g_strdup_printf ("%s:21: 1 span cannot be written as CoNLL tags "
                                                "(use --misaligned expand or skip)", src);
    g_autofree char *problem = g_strdup_printf ("%s:21: span [10, 18) PER “John Ker”: does not fall on token boundaries", src);
    ConvertLog log = { 0, 0, 0, g_ptr_array_new_with_free_func (g_free) };

    g_assert_false (annota_format_convert (reader, writer, log_document, &log, &error));
    g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE);
    g_assert_cmpstr (error->message, ==, message);
    g_assert_cmpuint (log.written, ==, 20);
    g_assert_cmpuint (log.failed, ==, 1);
    g_assert_cmpuint (log.messages->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (log.messages, 0), ==, problem);
    g_ptr_array_unref (log.messages);
  }

  /* Bad input in the 31st record. */
  g_string_truncate (input, 0);
  for (guint i = 0; i < 50; i++)
    g_string_append (input, i == 30 ? "{\"text\": 3}\n" : "{\"text\":\"ok\"}\n");
  write_text (src, input->str);
  {
    g_autoptr(AnnotaFormatReader) reader = annota_format_reader_open (ANNOTA_FORMAT_UNKNOWN, src, &opts, NULL);
    g_autoptr(AnnotaFormatWriter) writer = annota_format_writer_open (ANNOTA_FORMAT_UNKNOWN, out, &opts, NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *message = g_strdup_printf ("%s:31: “text” is a number, expected a string", src);
    ConvertLog log = { 0, 0, 0, g_ptr_array_new_with_free_func (g_free) };

    g_assert_false (annota_format_convert (reader, writer, log_document, &log, &error));
    g_assert_cmpstr (error->message, ==, message);
    g_assert_cmpuint (log.written, ==, 30);
    g_ptr_array_unref (log.messages);
  }

  /* Nothing of the failed runs replaced the first output. */
  {
    g_autofree char *again = read_text (out);
    g_assert_cmpstr (again, ==, found);
  }
  g_string_free (input, TRUE);
}

/* The parser of the common case and yajl agree: the same tree, or the
 * same message at the same offset. On hand-made cases around every rule,
 * on every line of the real and the broken files, and on mutations of
 * them. */
static void
assert_parsers_agree (const char *data,
                      gsize       len)
{
  g_autofree char *difference = NULL;

  if (!_aj_parsers_agree (data, len, &difference))
    g_error ("the parsers disagree on %s: %s", g_strescape (g_strndup (data, len), NULL), difference);
}

static void
check_lines_and_mutations (const char *contents,
                           gsize       len,
                           GRand      *rand)
{
  static const char pieces[] = "{}[]\",:\\ \t\n\r\f\v0123456789-+.eEu\"tfnl\x01\x80\xc3\xed\xff";
  const char *p = contents, *end = contents + len;

  assert_parsers_agree (contents, len);
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = (nl != NULL ? nl : end) - p;
      g_autofree char *copy = NULL;

      assert_parsers_agree (p, n);
      for (guint m = 0; m < 40 && n > 0; m++)
        {
          guint at = (guint) g_rand_int_range (rand, 0, (gint32) n);

          g_free (copy);
          copy = g_strndup (p, n);
          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              copy[at] = pieces[g_rand_int_range (rand, 0, sizeof pieces - 1)];
              assert_parsers_agree (copy, n);
              break;
            case 1:
              assert_parsers_agree (copy, at);
              break;
            default:
              copy[at] = copy[g_rand_int_range (rand, 0, (gint32) n)];
              assert_parsers_agree (copy, n);
              break;
            }
        }
      p += n + 1;
    }
}

static void
check_files_in (const char *dir,
                GRand      *rand)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          check_files_in (path, rand);
          continue;
        }
      if (!g_str_has_suffix (name, ".json") && !g_str_has_suffix (name, ".jsonl"))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      check_lines_and_mutations (contents, len, rand);
    }
}

static void
test_json_parsers (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const cases[] = {
    "", " ", "{}", "[]", " [ ] ", "{\"a\":1}", "{\"a\" : [1, 2.5, -0, 1e5, 1E+5, 2e-3, true, false, null]}",
    "\f{}", "{}\v", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{1:2}", "[01]", "[1.]", "[.5]", "[+1]",
    "[-]", "[1e]", "[1e+]", "[tru]", "[nul]", "[falsey]", "[true1]", "\"abc\"", "\"abc", "42", "-1.5e-7",
    "{\"a\":1}x", "{\"a\":1} {}", "\xef\xbb\xbf{}", "[\"a\x01b\"]", "[\"\\u00e9\\u1EA1\"]",
    "[\"\\ud83d\\ude00\"]", "[\"\\ud83d\"]", "[\"\\ude00\"]", "[\"\\u0000\"]", "[\"\\uzzzz\"]", "[\"\\x\"]",
    "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]", "[\"\xc0\xaf\"]", "[\"\xed\xa0\x80\"]", "{\"\xff\":1}",
    "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}", "[\"Hà Nội\",\"👩‍👩‍👧\",\"東京\",\"مرحبا\"]",
    "{\"text\":\"Hà\\r\\nNội\",\"spans\":[{\"start\":0,\"end\":2,\"label\":\"LOC\"}]}",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1126);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) wide = g_string_new ("{");
  g_autofree char *formats = data_path (NULL, NULL);
  g_autofree char *bad = g_build_filename (g_test_get_dir (G_TEST_DIST), "data", "bad", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parsers_agree (cases[i], strlen (cases[i]));

  /* Nesting at and past the limit; objects past the names compared in
   * turn, with and without a name given twice. */
  for (guint depth = ANNOTA_MAX_JSON_DEPTH - 1; depth <= ANNOTA_MAX_JSON_DEPTH + 1; depth++)
    {
      g_string_truncate (deep, 0);
      for (guint i = 0; i < depth; i++)
        g_string_append_c (deep, '[');
      for (guint i = 0; i < depth; i++)
        g_string_append_c (deep, ']');
      assert_parsers_agree (deep->str, deep->len);
    }
  for (guint i = 0; i < 40; i++)
    {
      g_string_append_printf (wide, "%s\"m%u\":%u", i > 0 ? "," : "", i, i);
      assert_parsers_agree (wide->str, wide->len);
      g_string_append_c (wide, '}');
      assert_parsers_agree (wide->str, wide->len);
      g_string_append_printf (wide, ",\"m0\":0}");
      assert_parsers_agree (wide->str, wide->len);
      g_string_truncate (wide, wide->len - strlen (",\"m0\":0}") - 1);
    }

  check_files_in (formats, rand);
  check_files_in (bad, rand);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/annota/formats/spacy/round-trip", test_spacy_round_trip);
  ADD ("/annota/formats/spacy/members", test_spacy_members);
  ADD ("/annota/formats/doccano/round-trip", test_doccano_round_trip);
  ADD ("/annota/formats/doccano/pretty-json", test_doccano_pretty_json);
  ADD ("/annota/formats/doccano/no-text", test_doccano_no_text);
  ADD ("/annota/formats/doccano/utf16", test_doccano_utf16);
  ADD ("/annota/formats/doccano/codepoints", test_doccano_codepoints);
  ADD ("/annota/formats/doccano/surrogate", test_doccano_surrogate);
  ADD ("/annota/formats/brat/round-trip", test_brat_round_trip);
  ADD ("/annota/formats/brat/discontinuous", test_brat_discontinuous);
  ADD ("/annota/formats/brat/mismatch", test_brat_mismatch);
  ADD ("/annota/formats/brat/folder", test_brat_folder);
  ADD ("/annota/formats/labelstudio/round-trip", test_labelstudio_round_trip);
  ADD ("/annota/formats/include", test_include);
  ADD ("/annota/formats/labelstudio/include", test_labelstudio_include);
  ADD ("/annota/formats/sample", test_sample);
  ADD ("/annota/formats/detect", test_detect);
  ADD ("/annota/formats/errors", test_errors);
  ADD ("/annota/formats/strings", test_strings);
  ADD ("/annota/formats/json-parsers", test_json_parsers);
  ADD ("/annota/formats/labelstudio/scores", test_labelstudio_scores);
  ADD ("/annota/formats/bad-files", test_bad_files);
  ADD ("/annota/formats/first-save-canonical", test_first_save_canonical);
  ADD ("/annota/formats/too-large", test_too_large);
  ADD ("/annota/formats/atomic", test_atomic);
  ADD ("/annota/formats/convert", test_convert);
#undef ADD

  return g_test_run ();
}
