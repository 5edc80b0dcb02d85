/* test-document-io.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The native format: canonical files round-trip byte for byte, unknown
 * members survive at every level, offsets are code points in every script,
 * every error the loader knows gives its exact message, and saving is
 * atomic.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "annota-core.h"

static char *
data_path (const char *first,
           ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;
  va_list args;

  g_ptr_array_add (parts, (gpointer) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (gpointer) "data");
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

static char *
read_file (const char *path,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static AnnotaDocument *
load_string (const char *json)
{
  g_autoptr(GError) error = NULL;
  AnnotaDocument *document;

  document = annota_document_load_data (json, strlen (json), "doc.json", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static char *
to_json (AnnotaDocument *document)
{
  gsize len = 0;
  char *json = annota_document_to_json (document, &len);

  g_assert_cmpuint (strlen (json), ==, len);
  return json;
}

static void
assert_round_trip (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) document = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *json = NULL;
  gsize len;

  contents = read_file (path, &len);
  document = annota_document_load_file (path, NULL, NULL, &error);
  g_assert_no_error (error);
  json = to_json (document);
  g_assert_cmpstr (json, ==, contents);
}

static void
test_round_trip_canonical (void)
{
  static const char * const files[] = {
    "canonical.json", "unknown-members.canonical.json", "nfd.json", "emoji-zwj.json",
    "flags.json", "crlf.json", "arabic.json", "cjk.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = data_path ("native", files[i], NULL);
      assert_round_trip (path);
    }
}

static void
test_round_trip_sample (void)
{
  const char *root = g_getenv ("ANNOTA_SOURCE_ROOT");
  g_autofree char *path = NULL;

  if (root == NULL)
    {
      g_test_skip ("ANNOTA_SOURCE_ROOT is not set");
      return;
    }
  path = g_build_filename (root, "data", "samples", "kerry-lavrov-moscow.vi.json", NULL);
  assert_round_trip (path);
}

static AnnotaSpan *
find_span (AnnotaDocument *document,
           guint           start,
           guint           end,
           const char     *label)
{
  AnnotaSpanStore *store = annota_document_get_spans (document);

  for (guint i = 0; i < annota_span_store_get_n_spans (store); i++)
    {
      AnnotaSpan *span = annota_span_store_peek (store, i);

      if (annota_span_get_start (span) == start && annota_span_get_end (span) == end &&
          g_strcmp0 (annota_span_get_label (span), label) == 0)
        return span;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_model (void)
{
  g_autofree char *path = data_path ("native", "canonical.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(AnnotaDocument) document = NULL;
  AnnotaLabelSet *labels;
  AnnotaLabel *label;
  AnnotaSpan *span;
  GArray *ranges;

  document = annota_document_load_file (path, NULL, &warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (warnings);
  g_assert_cmpuint (warnings->len, ==, 0);

  g_assert_cmpuint (annota_document_get_length (document), ==, 89);
  g_assert_cmpint (annota_document_get_state (document), ==, ANNOTA_DOCUMENT_STATE_IN_PROGRESS);
  /* A freshly loaded document has nothing to save and nothing to undo. */
  g_assert_false (annota_document_get_modified (document));
  g_assert_false (annota_document_get_can_undo (document));
  g_assert_false (annota_document_get_can_redo (document));

  labels = annota_document_get_labels (document);
  g_assert_cmpuint (annota_label_set_get_n_labels (labels), ==, 3);
  label = annota_label_set_peek (labels, 0);
  g_assert_cmpstr (annota_label_get_id (label), ==, "PER");
  g_assert_cmpstr (annota_label_get_name (label), ==, "Person");
  g_assert_cmpstr (annota_label_get_color (label), ==, "#3584e4");
  g_assert_cmpstr (annota_label_get_key (label), ==, "1");
  g_assert_cmpstr (annota_label_get_description (label), ==, "People, real or fictional");
  g_assert_cmpstr (annota_label_get_extra (label), ==, "{\"aliases\": [\"person\", \"người\"]}");
  label = annota_label_set_peek (labels, 2);
  g_assert_cmpstr (annota_label_get_id (label), ==, "ORG");
  g_assert_null (annota_label_get_key (label));
  g_assert_null (annota_label_get_extra (label));

  g_assert_cmpuint (annota_span_store_get_n_spans (annota_document_get_spans (document)), ==, 4);
  span = find_span (document, 4, 14, "PER");
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_ACCEPTED);
  g_assert_cmpstr (annota_span_get_origin (span), ==, "manual");
  g_assert_false (annota_span_has_score (span));
  g_assert_true (annota_span_get_reviewed (span));
  g_assert_null (annota_span_get_note (span));
  g_assert_null (annota_span_get_extra (span));

  span = find_span (document, 19, 32, "PER");
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_SUGGESTED);
  g_assert_cmpstr (annota_span_get_origin (span), ==, "vi-ner-model");
  g_assert_true (annota_span_has_score (span));
  g_assert_cmpfloat (annota_span_get_score (span), ==, 0.91);
  g_assert_cmpstr (annota_span_get_note (span), ==, "check the spelling");
  g_assert_cmpstr (annota_span_get_extra (span), ==, "{\"x-review\": {\"by\": \"lan\", \"at\": [2024, 5, 1]}}");
  g_assert_false (annota_span_get_reviewed (span));

  span = find_span (document, 35, 43, "LOC");
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_REJECTED);
  g_assert_cmpfloat (annota_span_get_score (span), ==, 1.0);
  span = find_span (document, 35, 43, "ORG");
  g_assert_cmpfloat (annota_span_get_score (span), ==, 1e-07);

  ranges = annota_document_get_tokens (document);
  g_assert_nonnull (ranges);
  g_assert_cmpuint (ranges->len, ==, 9);
  g_assert_cmpuint (g_array_index (ranges, AnnotaRange, 8).start, ==, 43);
  g_assert_cmpuint (g_array_index (ranges, AnnotaRange, 8).end, ==, 44);
  ranges = annota_document_get_sentences (document);
  g_assert_nonnull (ranges);
  g_assert_cmpuint (ranges->len, ==, 2);
  g_assert_cmpuint (g_array_index (ranges, AnnotaRange, 1).start, ==, 45);
  g_assert_cmpuint (g_array_index (ranges, AnnotaRange, 1).end, ==, 89);

  g_assert_cmpstr (annota_document_get_extra_member (document, "meta"), ==,
                   "{\"source\": \"test\", \"nested\": {\"a\": [1, 2.5, -3e-07, true, false, null], \"b\": \"ư\"}}");
  g_assert_cmpstr (annota_document_get_extra_member (document, "x-extra"), ==, "42");
}

static void
test_unknown_members (void)
{
  g_autofree char *path = data_path ("native", "unknown-members.json", NULL);
  g_autofree char *expected_path = data_path ("native", "unknown-members.canonical.json", NULL);
  g_autofree char *expected = read_file (expected_path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(AnnotaDocument) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  GPtrArray *extras;
  AnnotaJsonMember *member;

  document = annota_document_load_file (path, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Top level, in file order. */
  extras = annota_document_get_extra_members (document);
  g_assert_cmpuint (extras->len, ==, 2);
  member = g_ptr_array_index (extras, 0);
  g_assert_cmpstr (member->name, ==, "meta");
  g_assert_cmpstr (member->json, ==,
                   "{\"source\": \"test\", \"nested\": {\"a\": [1, 2.5, -3e-07, true, false, null], \"b\": \"ư\"}}");
  member = g_ptr_array_index (extras, 1);
  g_assert_cmpstr (member->name, ==, "x-extra");
  g_assert_cmpstr (member->json, ==, "42");

  /* In a label (written before the known members in the file). */
  g_assert_cmpstr (annota_label_get_extra (annota_label_set_lookup (annota_document_get_labels (document), "PER")),
                   ==, "{\"aliases\": [\"person\", \"người\"]}");
  /* In a span (also before the known members). */
  g_assert_cmpstr (annota_span_get_extra (find_span (document, 19, 32, "PER")), ==,
                   "{\"x-review\": {\"by\": \"lan\", \"at\": [2024, 5, 1]}}");

  json = to_json (document);
  g_assert_cmpstr (json, ==, expected);

  /* And they survive a second trip. */
  again = load_string (json);
  json_again = to_json (again);
  g_assert_cmpstr (json_again, ==, expected);
}

static void
test_defaults (void)
{
  g_autoptr(AnnotaDocument) document = NULL;
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  AnnotaLabel *label;
  AnnotaSpan *span;

  document = load_string ("{\"annota\": 1, \"text\": \"abc\", \"labels\": [{\"id\": \"X\"}, {\"id\": \"Y\", \"key\": \"\"}],"
                          " \"spans\": [{\"label\": \"X\", \"end\": 2, \"start\": 1, \"score\": null,"
                          " \"origin\": null, \"note\": null}, {\"start\": 0, \"end\": 3, \"label\": \"Y\","
                          " \"reviewed\": false, \"score\": 0}]}");

  label = annota_label_set_lookup (annota_document_get_labels (document), "X");
  g_assert_cmpstr (annota_label_get_name (label), ==, "X");
  g_assert_cmpstr (annota_label_get_color (label), ==, annota_label_default_color (0));
  g_assert_null (annota_label_get_key (label));
  /* No description: written as none. */
  g_assert_true (annota_label_get_description (label) == NULL || annota_label_get_description (label)[0] == '\0');
  label = annota_label_set_lookup (annota_document_get_labels (document), "Y");
  g_assert_cmpstr (annota_label_get_color (label), ==, annota_label_default_color (1));

  span = find_span (document, 1, 2, "X");
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_ACCEPTED);
  g_assert_null (annota_span_get_origin (span));
  g_assert_false (annota_span_has_score (span));
  g_assert_null (annota_span_get_note (span));
  g_assert_false (annota_span_get_reviewed (span));
  g_assert_cmpint (annota_document_get_state (document), ==, ANNOTA_DOCUMENT_STATE_TODO);
  g_assert_null (annota_document_get_tokens (document));
  g_assert_null (annota_document_get_sentences (document));

  json = to_json (document);
  expected = g_strdup_printf ("{\n"
                              "  \"annota\": 1,\n"
                              "  \"text\": \"abc\",\n"
                              "  \"labels\": [\n"
                              "    {\"id\": \"X\", \"name\": \"X\", \"color\": \"%s\"},\n"
                              "    {\"id\": \"Y\", \"name\": \"Y\", \"color\": \"%s\"}\n"
                              "  ],\n"
                              "  \"spans\": [\n"
                              "    {\"start\": 0, \"end\": 3, \"label\": \"Y\", \"status\": \"accepted\", \"score\": 0.0},\n"
                              "    {\"start\": 1, \"end\": 2, \"label\": \"X\", \"status\": \"accepted\"}\n"
                              "  ],\n"
                              "  \"state\": \"todo\"\n"
                              "}\n",
                              annota_label_default_color (0), annota_label_default_color (1));
  g_assert_cmpstr (json, ==, expected);
}

static void
test_empty_document (void)
{
  g_autoptr(AnnotaDocument) document = load_string ("{\"text\": \"\", \"annota\": 1}");
  g_autofree char *json = to_json (document);

  g_assert_cmpuint (annota_document_get_length (document), ==, 0);
  g_assert_cmpstr (json, ==,
                   "{\n  \"annota\": 1,\n  \"text\": \"\",\n  \"labels\": [],\n  \"spans\": [],\n  \"state\": \"todo\"\n}\n");
}

static void
test_sorted_output (void)
{
  g_autoptr(AnnotaDocument) document = NULL;
  g_autofree char *json = NULL;

  document = load_string ("{\"annota\": 1, \"text\": \"0123456789\", \"labels\": [{\"id\": \"B\"}, {\"id\": \"A\"}],"
                          " \"spans\": ["
                          "{\"start\": 5, \"end\": 6, \"label\": \"A\"},"
                          "{\"start\": 1, \"end\": 4, \"label\": \"B\"},"
                          "{\"start\": 1, \"end\": 4, \"label\": \"A\"},"
                          "{\"start\": 1, \"end\": 2, \"label\": \"B\"},"
                          "{\"start\": 0, \"end\": 9, \"label\": \"B\"}]}");
  json = to_json (document);
  g_assert_nonnull (strstr (json,
                            "  \"spans\": [\n"
                            "    {\"start\": 0, \"end\": 9, \"label\": \"B\", \"status\": \"accepted\"},\n"
                            "    {\"start\": 1, \"end\": 2, \"label\": \"B\", \"status\": \"accepted\"},\n"
                            "    {\"start\": 1, \"end\": 4, \"label\": \"A\", \"status\": \"accepted\"},\n"
                            "    {\"start\": 1, \"end\": 4, \"label\": \"B\", \"status\": \"accepted\"},\n"
                            "    {\"start\": 5, \"end\": 6, \"label\": \"A\", \"status\": \"accepted\"}\n"
                            "  ],\n"));
}

/* Bad input */

static void
test_bad_files (void)
{
  g_autofree char *dir = data_path ("bad", "native", NULL);
  g_autofree char *expected_path = g_build_filename (dir, "EXPECTED", NULL);
  g_autofree char *expected = read_file (expected_path, NULL);
  g_auto(GStrv) lines = g_strsplit (expected, "\n", -1);
  guint n_checked = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) data_error = NULL;
      g_autoptr(AnnotaDocument) document = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *want = NULL;
      g_autofree char *contents = NULL;
      const char *sep;
      gsize len;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      sep = strstr (lines[i], ": ");
      g_assert_nonnull (sep);
      name = g_strndup (lines[i], sep - lines[i]);
      path = g_build_filename (dir, name, NULL);
      want = g_strdup_printf ("%s%s", path, sep);

      g_test_message ("%s", name);
      document = annota_document_load_file (path, NULL, NULL, &error);
      g_assert_null (document);
      g_assert_nonnull (error);
      g_assert_true (error->domain == ANNOTA_FORMAT_ERROR);
      g_assert_cmpstr (error->message, ==, want);

      /* The same message from memory, with the name given. */
      contents = read_file (path, &len);
      document = annota_document_load_data (contents, len, name, NULL, NULL, &data_error);
      g_assert_null (document);
      g_assert_nonnull (data_error);
      g_assert_cmpstr (data_error->message, ==, lines[i]);
      g_assert_cmpint (data_error->code, ==, error->code);
      n_checked++;
    }

  g_assert_cmpuint (n_checked, >=, 40);
}

typedef struct {
  const char        *json;
  AnnotaFormatError  code;
  const char        *message;
} ErrorCase;

#define H "{\"annota\": 1, \"text\": \"Hello world\", \"labels\": [{\"id\": \"PER\"}], "

static const ErrorCase error_cases[] = {
  { "", ANNOTA_FORMAT_ERROR_SYNTAX, "doc.json: the file is empty; expected a JSON object" },
  { "   \n", ANNOTA_FORMAT_ERROR_SYNTAX, "doc.json: line 2, column 1: unexpected end of the file; is it truncated?" },
  { "{\"annota\": 1, \"text\": \"a\\ud800\"}", ANNOTA_FORMAT_ERROR_SYNTAX,
    "doc.json: line 1, column 25: lone surrogate escape \\ud800; a high surrogate must be followed by a low one" },
  { "{\"annota\": 1, \"text\": \"a\\ud800\\ud800\\udc00\"}", ANNOTA_FORMAT_ERROR_SYNTAX,
    "doc.json: line 1, column 25: lone surrogate escape \\ud800; a high surrogate must be followed by a low one" },
  { "{\"annota\": 1, \"text\": \"a\\ud800\\u0041\"}", ANNOTA_FORMAT_ERROR_SYNTAX,
    "doc.json: line 1, column 25: lone surrogate escape \\ud800; a high surrogate must be followed by a low one" },
  { "{\"annota\": 1, \"text\": \"a\\ud800\\n\"}", ANNOTA_FORMAT_ERROR_SYNTAX,
    "doc.json: line 1, column 25: lone surrogate escape \\ud800; a high surrogate must be followed by a low one" },
  { "{\"annota\": 1, \"text\": \"é\\uDFFF\"}", ANNOTA_FORMAT_ERROR_SYNTAX,
    "doc.json: line 1, column 25: lone surrogate escape \\udfff; a low surrogate must follow a high one" },
  { "{\"annota\": 1, \"text\": \"a\", \"m\\u0000\": 1}", ANNOTA_FORMAT_ERROR_SYNTAX,
    "doc.json: line 1, column 30: NUL character (\\u0000) in a string" },
  { "{\"annota\": 1, \"text\": \"a\", \"m e\": {\"a.b\": [1, {\"c\": \"\xc0\x80\"}]}}", ANNOTA_FORMAT_ERROR_SYNTAX,
    "doc.json: [\"m e\"][\"a.b\"][1].c: invalid UTF-8 at byte 0 of a string" },
  { "{\"annota\": 1, \"text\": \"a\", \"\xed\xbf\xbf\": 1}", ANNOTA_FORMAT_ERROR_SYNTAX,
    "doc.json: invalid UTF-8 at byte 0 of a string" },
  { "{\"annota\": 1, \"text\": \"a\"} {}", ANNOTA_FORMAT_ERROR_SYNTAX,
    "doc.json: line 1, column 28: invalid JSON: trailing garbage" },
  { "{\"annota\": 1, \"text\": \"a\" \"b\"}", ANNOTA_FORMAT_ERROR_SYNTAX,
    "doc.json: line 1, column 27: invalid JSON: after key and value, inside map, I expect ',' or '}'" },
  { "{\"annota\": \"1\", \"text\": \"a\"}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: annota: expected an integer (the format version), found a string" },
  { "{\"annota\": 1.0, \"text\": \"a\"}", ANNOTA_FORMAT_ERROR_TYPE, "doc.json: annota: expected an integer, found 1.0" },
  { "{\"annota\": 0, \"text\": \"a\"}", ANNOTA_FORMAT_ERROR_VALUE, "doc.json: annota: format version 0 is not valid; expected 1" },
  { "{\"annota\": 3, \"text\": \"a\"}", ANNOTA_FORMAT_ERROR_VERSION,
    "doc.json: annota: made by a newer Annota (format version 3; this version reads 1)" },
  { "{\"annota\": 1, \"text\": null}", ANNOTA_FORMAT_ERROR_TYPE, "doc.json: text: expected a string, found null" },
  { "{\"annota\": 1, \"text\": \"a\", \"labels\": {}}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: labels: expected an array of objects, found an object" },
  { "{\"annota\": 1, \"text\": \"a\", \"spans\": \"none\"}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: spans: expected an array of objects, found a string" },
  { "{\"annota\": 1, \"text\": \"a\", \"state\": 2}", ANNOTA_FORMAT_ERROR_TYPE, "doc.json: state: expected a string, found a number" },
  { "{\"annota\": 1, \"text\": \"a\", \"labels\": [\"PER\"]}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: labels[0]: expected an object, found a string" },
  { "{\"annota\": 1, \"text\": \"a\", \"labels\": [{\"id\": 1}]}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: labels[0].id: expected a string, found a number" },
  { "{\"annota\": 1, \"text\": \"a\", \"labels\": [{\"id\": \"\"}]}", ANNOTA_FORMAT_ERROR_VALUE,
    "doc.json: labels[0].id: empty id; expected a non-empty string" },
  { "{\"annota\": 1, \"text\": \"a\", \"labels\": [{\"id\": \"A\", \"key\": \"12\"}]}", ANNOTA_FORMAT_ERROR_VALUE,
    "doc.json: labels[0].key: “12” is not one character" },
  { "{\"annota\": 1, \"text\": \"a\", \"labels\": [{\"id\": \"A\", \"name\": true}]}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: labels[0].name: expected a string, found true" },
  { "{\"annota\": 1, \"text\": \"a\", \"labels\": [{\"id\": \"A\", \"id\": \"B\"}]}", ANNOTA_FORMAT_ERROR_VALUE,
    "doc.json: labels[0].id: duplicate member “id”" },
  { H "\"spans\": [{\"start\": \"1\", \"end\": 2, \"label\": \"PER\"}]}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: spans[0].start: expected a non-negative integer, found a string" },
  { H "\"spans\": [{\"start\": 1e1, \"end\": 20, \"label\": \"PER\"}]}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: spans[0].start: expected an integer, found 1e1" },
  { H "\"spans\": [{\"start\": 4294967296, \"end\": 2, \"label\": \"PER\"}]}", ANNOTA_FORMAT_ERROR_LIMIT,
    "doc.json: spans[0].start: 4294967296 is too large; expected at most 4294967295" },
  { H "\"spans\": [{\"start\": 1, \"end\": 123456789012345678901234567890, \"label\": \"PER\"}]}", ANNOTA_FORMAT_ERROR_LIMIT,
    "doc.json: spans[0].end: 12345678901234567890… is too large; expected at most 4294967295" },
  { H "\"spans\": [{\"start\": 1, \"end\": 2, \"label\": \"PER\", \"score\": -0.1}]}", ANNOTA_FORMAT_ERROR_VALUE,
    "doc.json: spans[0].score: -0.1 is out of range; expected a number from 0 to 1" },
  { H "\"spans\": [{\"start\": 1, \"end\": 2, \"label\": \"PER\", \"score\": 1e999}]}", ANNOTA_FORMAT_ERROR_VALUE,
    "doc.json: spans[0].score: 1e999 is out of range; expected a number from 0 to 1" },
  { H "\"spans\": [{\"start\": 1, \"end\": 2, \"label\": \"PER\", \"score\": \"high\"}]}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: spans[0].score: expected a number from 0 to 1, found a string" },
  { H "\"spans\": [{\"start\": 1, \"end\": 2, \"label\": \"PER\", \"reviewed\": \"yes\"}]}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: spans[0].reviewed: expected true or false, found a string" },
  { H "\"spans\": [{\"start\": 1, \"end\": 2, \"label\": \"\"}]}", ANNOTA_FORMAT_ERROR_VALUE,
    "doc.json: spans[0].label: empty label; expected a label id" },
  { H "\"spans\": [{\"start\": 1, \"end\": 2, \"label\": null}]}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: spans[0].label: expected a string, found null" },
  { H "\"spans\": [{\"end\": 2, \"label\": \"PER\"}]}", ANNOTA_FORMAT_ERROR_MISSING,
    "doc.json: spans[0]: missing member “start”" },
  { H "\"spans\": [{\"start\": 0, \"end\": 2, \"label\": \"PER\"}, {\"start\": 0, \"label\": \"PER\"}]}", ANNOTA_FORMAT_ERROR_MISSING,
    "doc.json: spans[1]: missing member “end”" },
  { H "\"spans\": [{\"start\": 0, \"end\": 2, \"label\": \"PER\", \"x\": 1, \"x\": 2}]}", ANNOTA_FORMAT_ERROR_VALUE,
    "doc.json: spans[0].x: duplicate member “x”" },
  { H "\"spans\": [], \"meta\": 1, \"meta\": 2}", ANNOTA_FORMAT_ERROR_VALUE, "doc.json: meta: duplicate member “meta”" },
  { "{\"annota\": 1, \"text\": \"abc\", \"tokens\": [[0, 1], [1, 1]]}", ANNOTA_FORMAT_ERROR_VALUE,
    "doc.json: tokens[1]: start 1 is not before end 1; expected start < end" },
  { "{\"annota\": 1, \"text\": \"abc\", \"sentences\": [[0, 2], [1, 3]]}", ANNOTA_FORMAT_ERROR_VALUE,
    "doc.json: sentences[1]: [1, 3] overlaps or comes before the previous range, which ends at 2" },
  { "{\"annota\": 1, \"text\": \"abc\", \"sentences\": [[0, 2], []]}", ANNOTA_FORMAT_ERROR_VALUE,
    "doc.json: sentences[1]: expected a [start, end] pair, found 0 values" },
  { "{\"annota\": 1, \"text\": \"abc\", \"tokens\": [0, 2]}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: tokens[0]: expected a [start, end] pair, found a number" },
  { "{\"annota\": 1, \"text\": \"abc\", \"tokens\": [[0, \"2\"]]}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: tokens[0][1]: expected a non-negative integer, found a string" },
  { "{\"annota\": 1, \"text\": \"abc\", \"tokens\": [[0, 4]]}", ANNOTA_FORMAT_ERROR_VALUE,
    "doc.json: tokens[0]: end 4 is past the end of the text (3 code points)" },
  /* Offsets are code points: "Ông" is three, not four bytes' worth. */
  { "{\"annota\": 1, \"text\": \"Ông\", \"labels\": [{\"id\": \"PER\"}], \"spans\": [{\"start\": 0, \"end\": 4, \"label\": \"PER\"}]}",
    ANNOTA_FORMAT_ERROR_VALUE, "doc.json: spans[0].end: 4 is past the end of the text (3 code points)" },
  /* The first problem in file order is the one reported. */
  { H "\"spans\": [{\"start\": 0, \"end\": 20, \"label\": \"PER\"}, {\"start\": 0, \"end\": 1, \"label\": \"X\"}]}",
    ANNOTA_FORMAT_ERROR_VALUE, "doc.json: spans[0].end: 20 is past the end of the text (11 code points)" },
  /* A newer version found after another problem is the better message. */
  { "{\"text\": 1, \"labels\": [[[]]], \"annota\": 2}", ANNOTA_FORMAT_ERROR_VERSION,
    "doc.json: annota: made by a newer Annota (format version 2; this version reads 1)" },
  { "{\"text\": 1, \"meta\": {\"annota\": 2}, \"annota\": 1}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: text: expected a string, found a number" },
  { "{\"labels\": 1, \"annota\": 1}", ANNOTA_FORMAT_ERROR_TYPE,
    "doc.json: labels: expected an array of objects, found a number" },
  { "\"text\"", ANNOTA_FORMAT_ERROR_TYPE, "doc.json: expected a JSON object at the top level, found a string" },
  { "null", ANNOTA_FORMAT_ERROR_TYPE, "doc.json: expected a JSON object at the top level, found null" },
};

static void
test_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) warnings = NULL;
      AnnotaDocument *document;

      {
        /* Some cases are invalid UTF-8 on purpose; TAP output must stay text. */
        g_autofree char *shown = g_strescape (error_cases[i].json, NULL);

        g_test_message ("%s", shown);
      }
      document = annota_document_load_data (error_cases[i].json, strlen (error_cases[i].json),
                                            "doc.json", NULL, &warnings, &error);
      g_assert_null (document);
      g_assert_null (warnings);
      g_assert_error (error, ANNOTA_FORMAT_ERROR, (int) error_cases[i].code);
      g_assert_cmpstr (error->message, ==, error_cases[i].message);
    }
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) json = g_string_new ("{\"annota\": 1, \"text\": \"a\", \"meta\": ");
  g_autoptr(GString) path = g_string_new ("doc.json: meta");
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) ok = NULL;
  AnnotaDocument *document;
  guint i;

  /* 63 levels below the top object are fine. */
  for (i = 0; i < 63; i++)
    g_string_append_c (json, '[');
  for (i = 0; i < 63; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');
  ok = load_string (json->str);

  /* Far deeper is refused without a crash, also in yajl. */
  g_string_assign (json, "{\"annota\": 1, \"text\": \"a\", \"meta\": ");
  for (i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  for (i = 0; i < 100000; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');
  for (i = 0; i < 63; i++)
    g_string_append (path, "[0]");
  g_string_append (path, ": nested deeper than 64 levels");

  document = annota_document_load_data (json->str, json->len, "doc.json", NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==, path->str);
}

static void
test_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("annota-io-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *big = g_build_filename (dir, "big.json", NULL);
  g_autofree char *message = NULL;
  AnnotaDocument *document;
  int fd;

  document = annota_document_load_file (missing, NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO);
  message = g_strdup_printf ("%s: cannot open the file: %s", missing, g_strerror (ENOENT));
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);
  g_clear_pointer (&message, g_free);

  document = annota_document_load_file (dir, NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO);
  message = g_strdup_printf ("%s: is a folder, not a document", dir);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);
  g_clear_pointer (&message, g_free);

  /* A sparse file past the limit is refused before it is read. */
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, ANNOTA_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);
  document = annota_document_load_file (big, NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_LIMIT);
  message = g_strdup_printf ("%s: the file is larger than 512 MB, the largest Annota reads", big);
  g_assert_cmpstr (error->message, ==, message);

  g_assert_cmpint (g_unlink (big), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Escapes and multi-byte characters that straddle the 128 KiB read chunks
 * are read exactly, and a lone surrogate there is still found. */
static void
test_chunk_edges (void)
{
  g_autofree char *dir = g_dir_make_tmp ("annota-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "edge.json", NULL);
  const gsize chunk = 128 * 1024;
  const char *prefix = "{\"annota\": 1, \"text\": \"";
  gsize prefix_len = strlen (prefix);
  int shift;

  for (shift = -13; shift <= 2; shift++)
    {
      g_autoptr(GString) json = g_string_new (prefix);
      g_autoptr(GError) error = NULL;
      g_autoptr(AnnotaDocument) document = NULL;
      g_autofree char *substring = NULL;
      gsize n_a = chunk - prefix_len + shift;
      AnnotaText *text;

      /* a…a😀\nệ then a lone high surrogate in a second version. */
      for (gsize i = 0; i < n_a; i++)
        g_string_append_c (json, 'a');
      g_string_append (json, "\\ud83d\\ude00\\n\\u1ec7ệ\"}");
      g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));

      document = annota_document_load_file (path, NULL, NULL, &error);
      g_assert_no_error (error);
      text = annota_document_get_text (document);
      g_assert_cmpuint (annota_text_get_length (text), ==, n_a + 4);
      substring = annota_text_substring (text, n_a, n_a + 4);
      g_assert_cmpstr (substring, ==, "😀\nệệ");
      g_clear_object (&document);

      g_string_truncate (json, prefix_len + n_a);
      g_string_append (json, "\\ud83d\\u0041\"}");
      g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
      document = annota_document_load_file (path, NULL, NULL, &error);
      g_assert_null (document);
      {
        g_autofree char *want = g_strdup_printf ("%s: line 1, column %" G_GSIZE_FORMAT ": lone surrogate escape \\ud83d;"
                                                 " a high surrogate must be followed by a low one",
                                                 path, prefix_len + n_a + 1);
        g_assert_cmpstr (error->message, ==, want);
      }
    }

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Files on one long line and texts far longer than a read: the loader
 * cuts what it gives yajl at line ends, or before the string a long line
 * ends in (a quote after an escaped backslash ends a string, an escaped
 * quote does not); from a file it must read exactly what it reads from
 * memory in one piece. */
static void
test_long_lines (void)
{
  g_autofree char *dir = g_dir_make_tmp ("annota-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.json", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_cp;
  int layout;

  /* Backslashes and quotes in every combination, \ at the very end. */
  while (text->len < 700 * 1024)
    g_string_append (text, "Ông \"Kerry\" nói: C:\\dir\\\" và \\\\\"; ");
  g_string_append (text, "cuối\\");
  n_cp = g_utf8_strlen (text->str, -1);

  for (layout = 0; layout < 2; layout++)
    {
      g_autoptr(GString) json = g_string_new ("{\"annota\": 1, \"note\": \"x\\\\\", \"text\": ");
      const char *sep = layout == 0 ? ", " : ",\n    ";
      g_autoptr(GError) error = NULL;
      g_autoptr(AnnotaDocument) from_data = NULL;
      g_autoptr(AnnotaDocument) from_file = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      guint i;

      annota_json_append_string (json, text->str, text->len);
      g_string_append (json, ", \"labels\": [{\"id\": \"PER\", \"x\": \"\\\\\"}], \"spans\": [");
      for (i = 0; i < 20000; i++)
        g_string_append_printf (json, "%s{\"start\": %u, \"end\": %u, \"label\": \"PER\", \"note\": \"\\\"%u\\\\\"}",
                                i > 0 ? sep : "", i * 30, i * 30 + 7, i);
      g_string_append (json, "], \"meta\": {\"s\": \"}\\\"]\"}}\n");
      g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));

      from_data = annota_document_load_data (json->str, json->len, "long.json", NULL, NULL, &error);
      g_assert_no_error (error);
      from_file = annota_document_load_file (path, NULL, NULL, &error);
      g_assert_no_error (error);

      g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (from_file)), ==, text->str);
      g_assert_cmpuint (annota_document_get_length (from_file), ==, n_cp);
      g_assert_cmpuint (annota_span_store_get_n_spans (annota_document_get_spans (from_file)), ==, 20000);
      g_assert_cmpstr (annota_span_get_note (annota_span_store_peek (annota_document_get_spans (from_file), 7)),
                       ==, "\"7\\");
      g_assert_cmpstr (annota_document_get_extra_member (from_file, "note"), ==, "\"x\\\\\"");
      g_assert_cmpstr (annota_document_get_extra_member (from_file, "meta"), ==, "{\"s\": \"}\\\"]\"}");
      a = to_json (from_data);
      b = to_json (from_file);
      g_assert_true (strcmp (a, b) == 0);
    }

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Offsets in every script */

typedef struct {
  const char *file;
  guint       n_spans;
  guint       first_start;
  guint       first_end;
  const char *warnings[3];
} OffsetCase;

static void
test_offsets (void)
{
  static const OffsetCase cases[] = {
    /* Ô in NFD is O + U+0302: "Ông" is four code points. */
    { "nfd.json", 4, 0, 1,
      { "nfd.json: text: not in Unicode NFC; offsets count the code points as they are",
        "nfd.json: spans[0]: ends inside a grapheme cluster (at 1)", NULL } },
    /* The family is five code points (three people, two ZWJ). */
    { "emoji-zwj.json", 4, 9, 10,
      { "emoji-zwj.json: spans[0]: ends inside a grapheme cluster (at 10)", NULL } },
    /* A flag is two regional indicators. */
    { "flags.json", 3, 0, 2, { NULL } },
    /* CRLF counts as two. */
    { "crlf.json", 2, 10, 20, { NULL } },
    { "arabic.json", 3, 4, 12, { NULL } },
    /* U+20000 is one code point (two UTF-16 units). */
    { "cjk.json", 4, 1, 6, { NULL } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = data_path ("native", cases[c].file, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) warnings = NULL;
      g_autoptr(AnnotaDocument) document = NULL;
      AnnotaSpanStore *store;
      AnnotaText *text;
      gsize len;
      guint n_warnings = 0;

      g_test_message ("%s", cases[c].file);
      contents = read_file (path, &len);
      document = annota_document_load_data (contents, len, cases[c].file, NULL, &warnings, &error);
      g_assert_no_error (error);

      store = annota_document_get_spans (document);
      text = annota_document_get_text (document);
      g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, cases[c].n_spans);
      g_assert_cmpuint (annota_span_get_start (annota_span_store_peek (store, 0)), ==, cases[c].first_start);
      g_assert_cmpuint (annota_span_get_end (annota_span_store_peek (store, 0)), ==, cases[c].first_end);

      /* The generator put each span's text (counted in code points by
       * Python) in its note. */
      for (guint i = 0; i < annota_span_store_get_n_spans (store); i++)
        {
          AnnotaSpan *span = annota_span_store_peek (store, i);
          g_autofree char *covered = annota_text_substring (text, annota_span_get_start (span),
                                                            annota_span_get_end (span));

          g_assert_cmpstr (covered, ==, annota_span_get_note (span));
        }

      while (cases[c].warnings[n_warnings] != NULL)
        n_warnings++;
      g_assert_cmpuint (warnings->len, ==, n_warnings);
      for (guint i = 0; i < n_warnings; i++)
        g_assert_cmpstr (g_ptr_array_index (warnings, i), ==, cases[c].warnings[i]);
    }
}

/* The loader decides most grapheme boundaries without ICU: at every
 * offset of a text full of characters that do and do not join, a span
 * starting or ending there is warned about exactly where ICU sees no
 * boundary. */
static void
test_grapheme_warnings (void)
{
  /* As JSON: CRLF, a lone CR, a tab and a C1 control (escaped), dashes
   * and quotes, NFD Vietnamese, an emoji family (ZWJ), a flag, Hangul
   * jamo, Arabic with a prepended number sign, a soft hyphen, a lone
   * zero-width joiner, pictographic punctuation. */
  static const char text[] =
    "a\\r\\nb\\rc\\t\\u0085d \u2014 \u201c\u00d4ng\u201d O\u0302ng. "
    "\U0001F468\u200D\U0001F469\u200D\U0001F467 \U0001F1FB\U0001F1F3\\n"
    "\u1100\u1161\u11A8 \u0600\u0661 x\u00ADy z\u200Dw \u203C\u2049 \u1EA1\\n";
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(AnnotaDocument) plain = NULL;
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  AnnotaText *decoded;
  guint n, i;

  g_string_printf (json, "{\"annota\": 1, \"text\": \"%s\"}", text);
  plain = load_string (json->str);
  decoded = annota_document_get_text (plain);
  n = annota_text_get_length (decoded);

  g_string_printf (json, "{\"annota\": 1, \"text\": \"%s\", \"labels\": [{\"id\": \"X\"}], \"spans\": [", text);
  for (i = 1; i < n; i++)
    {
      g_string_append_printf (json, "%s{\"start\": 0, \"end\": %u, \"label\": \"X\"}, "
                              "{\"start\": %u, \"end\": %u, \"label\": \"X\"}",
                              i > 1 ? ", " : "", i, i, n);
      if (!annota_text_is_grapheme_boundary (decoded, i))
        {
          g_ptr_array_add (expected, g_strdup_printf ("g.json: spans[%u]: ends inside a grapheme cluster (at %u)",
                                                      2 * (i - 1), i));
          g_ptr_array_add (expected, g_strdup_printf ("g.json: spans[%u]: starts inside a grapheme cluster (at %u)",
                                                      2 * (i - 1) + 1, i));
        }
    }
  g_string_append (json, "]}");

  document = annota_document_load_data (json->str, json->len, "g.json", NULL, &warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  /* ICU sees clusters inside CRLF, the NFD letter, the family, the flag,
   * the jamo and after the number sign: the fast path is tested against
   * them. */
  g_assert_cmpuint (expected->len, >=, 2 * 9);
  g_assert_cmpuint (warnings->len, ==, expected->len + 1);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==,
                   "g.json: text: not in Unicode NFC; offsets count the code points as they are");
  for (i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (warnings, i + 1), ==, g_ptr_array_index (expected, i));

  /* With few spans the loader looks at each offset on its own rather than
   * walking the whole text first: one span per document. */
  for (i = 1; i < n; i++)
    for (guint side = 0; side < 2; side++)
      {
        g_autoptr(AnnotaDocument) one = NULL;
        g_autoptr(GPtrArray) one_warnings = NULL;

        g_string_printf (json, "{\"annota\": 1, \"text\": \"%s\", \"labels\": [{\"id\": \"X\"}], "
                         "\"spans\": [{\"start\": %u, \"end\": %u, \"label\": \"X\"}]}",
                         text, side == 0 ? 0 : i, side == 0 ? i : n);
        one = annota_document_load_data (json->str, json->len, "g.json", NULL, &one_warnings, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (one_warnings->len, ==, annota_text_is_grapheme_boundary (decoded, i) ? 1 : 2);
        if (one_warnings->len == 2)
          {
            g_autofree char *message = g_strdup_printf ("g.json: spans[0]: %s inside a grapheme cluster (at %u)",
                                                        side == 0 ? "ends" : "starts", i);

            g_assert_cmpstr (g_ptr_array_index (one_warnings, 1), ==, message);
          }
      }
}

static void
test_crlf_kept (void)
{
  g_autoptr(AnnotaDocument) document = load_string ("{\"annota\": 1, \"text\": \"a\\r\\nb\\rc\\n\"}");
  AnnotaText *text = annota_document_get_text (document);

  g_assert_cmpuint (annota_text_get_length (text), ==, 7);
  g_assert_cmpstr (annota_text_get_utf8 (text), ==, "a\r\nb\rc\n");
}

/* Corpora: a shared label set */

static void
test_corpus_labels (void)
{
  g_autoptr(AnnotaLabelSet) corpus = annota_label_set_new ();
  g_autoptr(AnnotaLabel) per = annota_label_new ("PER", "Người", "#000000", "p");
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) document = NULL;
  AnnotaDocument *bad;
  const char *json =
    "{\"annota\": 1, \"text\": \"John in Moscow\","
    " \"labels\": [{\"id\": \"PER\", \"name\": \"Person\", \"color\": \"#3584e4\"}, {\"id\": \"LOC\", \"color\": \"#33d17a\"}],"
    " \"spans\": [{\"start\": 0, \"end\": 4, \"label\": \"PER\"}, {\"start\": 8, \"end\": 14, \"label\": \"LOC\"}]}";
  const char *bad_json =
    "{\"annota\": 1, \"text\": \"John\","
    " \"labels\": [{\"id\": \"ORG\"}], \"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\"}]}";
  const char *corpus_only =
    "{\"annota\": 1, \"text\": \"John\", \"spans\": [{\"start\": 0, \"end\": 4, \"label\": \"PER\"}]}";

  g_assert_true (annota_label_set_append (corpus, per, NULL));

  /* Nothing is merged when the document has a problem. */
  bad = annota_document_load_data (bad_json, strlen (bad_json), "bad.json", corpus, NULL, &error);
  g_assert_null (bad);
  g_assert_cmpstr (error->message, ==, "bad.json: spans[0].end: 5 is past the end of the text (4 code points)");
  g_assert_cmpuint (annota_label_set_get_n_labels (corpus), ==, 1);
  g_clear_error (&error);

  document = annota_document_load_data (json, strlen (json), "doc.json", corpus, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (annota_document_get_labels (document) == corpus);
  /* The corpus's PER wins; LOC is added. */
  g_assert_cmpuint (annota_label_set_get_n_labels (corpus), ==, 2);
  g_assert_cmpstr (annota_label_get_color (annota_label_set_lookup (corpus, "PER")), ==, "#000000");
  g_assert_cmpstr (annota_label_get_color (annota_label_set_lookup (corpus, "LOC")), ==, "#33d17a");
  g_clear_object (&document);

  /* A document may use the corpus's labels without listing them. */
  document = annota_document_load_data (corpus_only, strlen (corpus_only), "doc.json", corpus, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annota_span_store_get_n_spans (annota_document_get_spans (document)), ==, 1);
}

/* labels.json */

static void
test_label_set (void)
{
  g_autofree char *path = data_path ("labels.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaLabelSet) labels = NULL;
  AnnotaLabelSet *bad;
  AnnotaLabel *label;
  gsize len;
  static const struct {
    const char *json;
    const char *message;
  } bad_cases[] = {
    { "{\"annota\": 1}", "labels.json: missing member “labels”" },
    { "{\"labels\": []}", "labels.json: missing member “annota” (the format version); is this an Annota label file?" },
    { "{\"annota\": 1, \"labels\": [{\"id\": \"A\"}, {\"id\": \"A\"}]}",
      "labels.json: labels[1].id: duplicate label id “A” (also labels[0])" },
    { "{\"annota\": 1, \"labels\": [{\"id\": \"A\", \"color\": \"#12345\"}]}",
      "labels.json: labels[0].color: “#12345” is not a colour; expected “#rrggbb”" },
    { "{\"annota\": 2, \"labels\": []}",
      "labels.json: annota: made by a newer Annota (format version 2; this version reads 1)" },
    { "{\"annota\": 1, \"labels\": [], \"x\": [", "labels.json: line 1, column 35: unexpected end of the file; is it truncated?" },
  };

  contents = read_file (path, &len);
  labels = annota_label_set_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annota_label_set_get_n_labels (labels), ==, 5);
  label = annota_label_set_lookup (labels, "EVT");
  g_assert_cmpstr (annota_label_get_name (label), ==, "Sự kiện");
  g_assert_cmpstr (annota_label_get_color (label), ==, "#9141ac");
  g_assert_cmpstr (annota_label_get_key (label), ==, "5");
  g_assert_cmpstr (annota_label_get_description (label), ==, "Events");
  g_assert_cmpstr (annota_label_get_extra (label), ==, "{\"x-group\": \"extra\"}");
  g_assert_true (annota_label_set_lookup_key (labels, "5") == label);

  json = annota_label_set_to_json (labels, NULL);
  g_assert_cmpstr (json, ==, contents);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(GError) bad_error = NULL;

      bad = annota_label_set_load_data (bad_cases[i].json, strlen (bad_cases[i].json), "labels.json", &bad_error);
      g_assert_null (bad);
      g_assert_nonnull (bad_error);
      g_assert_cmpstr (bad_error->message, ==, bad_cases[i].message);
    }
}

static void
test_label_set_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("annota-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "labels.json", NULL);
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();
  g_autoptr(AnnotaLabelSet) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *json = NULL;

  g_assert_true (annota_label_set_save_file (labels, path, &error));
  g_assert_no_error (error);
  loaded = annota_label_set_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annota_label_set_get_n_labels (loaded), ==, annota_label_set_get_n_labels (labels));
  for (guint i = 0; i < annota_label_set_get_n_labels (labels); i++)
    {
      AnnotaLabel *a = annota_label_set_peek (labels, i);
      AnnotaLabel *b = annota_label_set_peek (loaded, i);

      g_assert_cmpstr (annota_label_get_id (a), ==, annota_label_get_id (b));
      g_assert_cmpstr (annota_label_get_name (a), ==, annota_label_get_name (b));
      g_assert_cmpstr (annota_label_get_color (a), ==, annota_label_get_color (b));
      g_assert_cmpstr (annota_label_get_key (a), ==, annota_label_get_key (b));
    }
  saved = read_file (path, NULL);
  json = annota_label_set_to_json (loaded, NULL);
  g_assert_cmpstr (saved, ==, json);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Saving */

static void
assert_dir_holds (const char *dir,
                  const char *only)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (only != NULL)
        g_assert_cmpstr (name, ==, only);
      n++;
    }
  g_assert_cmpuint (n, ==, only != NULL ? 1 : 0);
}

static AnnotaDocument *
sample_document (void)
{
  g_autofree char *path = data_path ("native", "canonical.json", NULL);
  g_autoptr(GError) error = NULL;
  AnnotaDocument *document = annota_document_load_file (path, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static void
test_save_keeps_mode (void)
{
  g_autoptr(AnnotaDocument) document = sample_document ();
  g_autofree char *dir = g_dir_make_tmp ("annota-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "doc.json", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *json = to_json (document);
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  g_assert_true (annota_document_save_file (document, path, &error));
  g_assert_no_error (error);
  saved = read_file (path, NULL);
  g_assert_cmpstr (saved, ==, json);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  /* No temporary file is left behind. */
  assert_dir_holds (dir, "doc.json");
  /* Saving does not change the document. */
  g_assert_false (annota_document_get_modified (document));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_save_new_file (void)
{
  g_autoptr(AnnotaDocument) document = sample_document ();
  g_autofree char *dir = g_dir_make_tmp ("annota-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "new.json", NULL);
  g_autoptr(GError) error = NULL;
  mode_t mask = umask (022);
  struct stat st;

  g_assert_true (annota_document_save_file (document, path, &error));
  umask (mask);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);
  assert_dir_holds (dir, "new.json");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_save_through_symlink (void)
{
  g_autoptr(AnnotaDocument) document = sample_document ();
  g_autofree char *dir = g_dir_make_tmp ("annota-io-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "real.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *json = to_json (document);
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("real.json", link), ==, 0);

  g_assert_true (annota_document_save_file (document, link, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  saved = read_file (target, NULL);
  g_assert_cmpstr (saved, ==, json);

  g_assert_cmpint (g_unlink (link), ==, 0);
  g_assert_cmpint (g_unlink (target), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_save_failure_keeps_old (void)
{
  g_autoptr(AnnotaDocument) document = sample_document ();
  g_autofree char *dir = g_dir_make_tmp ("annota-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "doc.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.json", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "doc.json", NULL);
  g_autofree char *missing_dir = g_build_filename (dir, "missing", NULL);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));

  /* The target is a folder. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (annota_document_save_file (document, folder, &error));
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO);
  message = g_strdup_printf ("Cannot save “%s”: it is a folder", folder);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (g_rmdir (folder), ==, 0);

  /* The folder does not exist. */
  g_assert_false (annota_document_save_file (document, nowhere, &error));
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO);
  message = g_strdup_printf ("Cannot save “%s”: cannot create a file in “%s”: %s",
                             nowhere, missing_dir, g_strerror (ENOENT));
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);
  g_clear_pointer (&message, g_free);

  /* A read-only folder; permissions do not stop root. */
  if (geteuid () != 0)
    {
      g_autofree char *old = NULL;

      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      g_assert_false (annota_document_save_file (document, path, &error));
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO);
      message = g_strdup_printf ("Cannot save “%s”: cannot create a file in “%s”: %s",
                                 path, dir, g_strerror (EACCES));
      g_assert_cmpstr (error->message, ==, message);
      g_clear_error (&error);
      old = read_file (path, NULL);
      g_assert_cmpstr (old, ==, "old contents");
    }
  else
    g_test_message ("running as root: the read-only folder case is not checked");

  /* Whatever failed, the old file is intact and nothing else is left. */
  {
    g_autofree char *old = read_file (path, NULL);
    g_assert_cmpstr (old, ==, "old contents");
  }
  assert_dir_holds (dir, "doc.json");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_write_atomic_empty_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("annota-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "x.txt", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (annota_write_file_atomic (path, "", 0, &error));
  g_assert_no_error (error);
  contents = read_file (path, &len);
  g_assert_cmpuint (len, ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A large document: 200,000 spans */

static char *
large_document (guint  n_spans,
                gsize *len)
{
  static const char * const labels[] = { "LOC", "MISC", "ORG", "PER" };
  static const char * const sentence = "Ông Kerry gặp Lavrov ở Matxcơva. ";
  GString *out = g_string_new ("{\n  \"annota\": 1,\n  \"text\": \"");
  guint sentence_len = g_utf8_strlen (sentence, -1);
  guint n_sentences = n_spans / 4 + 1;
  guint i;

  for (i = 0; i < n_sentences; i++)
    g_string_append (out, sentence);
  g_string_append (out, "\",\n  \"labels\": [\n"
                        "    {\"id\": \"LOC\", \"name\": \"Location\", \"color\": \"#33d17a\", \"key\": \"2\"},\n"
                        "    {\"id\": \"MISC\", \"name\": \"Miscellaneous\", \"color\": \"#ff7800\", \"key\": \"4\"},\n"
                        "    {\"id\": \"ORG\", \"name\": \"Organization\", \"color\": \"#f6d32d\", \"key\": \"3\"},\n"
                        "    {\"id\": \"PER\", \"name\": \"Person\", \"color\": \"#3584e4\", \"key\": \"1\"}\n"
                        "  ],\n  \"spans\": [\n");
  for (i = 0; i < n_spans; i++)
    {
      guint base = (i / 4) * sentence_len;

      /* Four spans per sentence, in canonical order. */
      g_string_append_printf (out, "    {\"start\": %u, \"end\": %u, \"label\": \"%s\", \"status\": \"%s\"",
                              base + (i % 4) * 4, base + (i % 4) * 4 + 3 + (i % 3), labels[i % 4],
                              i % 5 == 0 ? "suggested" : "accepted");
      if (i % 5 == 0)
        g_string_append_printf (out, ", \"origin\": \"vi-ner\", \"score\": 0.%u5", i % 10);
      else
        g_string_append (out, ", \"origin\": \"manual\"");
      g_string_append (out, i + 1 < n_spans ? "},\n" : "}\n");
    }
  g_string_append (out, "  ],\n  \"state\": \"done\"\n}\n");

  *len = out->len;
  return g_string_free (out, FALSE);
}

static void
test_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(AnnotaDocument) from_file = NULL;
  g_autofree char *dir = g_dir_make_tmp ("annota-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autofree char *saved = NULL;
  gsize len;
  g_autofree char *json = large_document (200000, &len);
  g_autofree char *out = NULL;
  gint64 t0;

  t0 = g_get_monotonic_time ();
  document = annota_document_load_data (json, len, "large.json", NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("loaded %" G_GSIZE_FORMAT " bytes in %.1f ms", len, (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpuint (annota_span_store_get_n_spans (annota_document_get_spans (document)), ==, 200000);

  t0 = g_get_monotonic_time ();
  out = to_json (document);
  g_test_message ("written in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_true (strcmp (out, json) == 0);

  g_assert_true (annota_document_save_file (document, path, &error));
  g_assert_no_error (error);
  from_file = annota_document_load_file (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annota_span_store_get_n_spans (annota_document_get_spans (from_file)), ==, 200000);
  g_clear_pointer (&out, g_free);
  out = to_json (from_file);
  g_assert_true (strcmp (out, json) == 0);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/annota/document-io/round-trip/canonical", test_round_trip_canonical);
  g_test_add_func ("/annota/document-io/round-trip/sample", test_round_trip_sample);
  g_test_add_func ("/annota/document-io/model", test_model);
  g_test_add_func ("/annota/document-io/unknown-members", test_unknown_members);
  g_test_add_func ("/annota/document-io/defaults", test_defaults);
  g_test_add_func ("/annota/document-io/empty-document", test_empty_document);
  g_test_add_func ("/annota/document-io/sorted-output", test_sorted_output);
  g_test_add_func ("/annota/document-io/errors/files", test_bad_files);
  g_test_add_func ("/annota/document-io/errors/strings", test_errors);
  g_test_add_func ("/annota/document-io/errors/deep-nesting", test_deep_nesting);
  g_test_add_func ("/annota/document-io/errors/file-system", test_file_errors);
  g_test_add_func ("/annota/document-io/chunk-edges", test_chunk_edges);
  g_test_add_func ("/annota/document-io/long-lines", test_long_lines);
  g_test_add_func ("/annota/document-io/offsets", test_offsets);
  g_test_add_func ("/annota/document-io/grapheme-warnings", test_grapheme_warnings);
  g_test_add_func ("/annota/document-io/crlf-kept", test_crlf_kept);
  g_test_add_func ("/annota/document-io/corpus-labels", test_corpus_labels);
  g_test_add_func ("/annota/document-io/label-set/load", test_label_set);
  g_test_add_func ("/annota/document-io/label-set/save", test_label_set_save);
  g_test_add_func ("/annota/document-io/save/keeps-mode", test_save_keeps_mode);
  g_test_add_func ("/annota/document-io/save/new-file", test_save_new_file);
  g_test_add_func ("/annota/document-io/save/through-symlink", test_save_through_symlink);
  g_test_add_func ("/annota/document-io/save/failure-keeps-old", test_save_failure_keeps_old);
  g_test_add_func ("/annota/document-io/save/empty-contents", test_write_atomic_empty_dir);
  g_test_add_func ("/annota/document-io/large", test_large);

  return g_test_run ();
}
