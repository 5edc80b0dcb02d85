/* test-conll.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CoNLL: every .iob/.conll file of tests/data/formats goes through the
 * native format and back with the same tokens, columns, tags and
 * sentences; the schemes (IOB2, IOB1, BIOES, BILOU) on hand-made cases;
 * ICU tokens and sentences for documents that have none of their own;
 * spans that CoNLL cannot express, reported with the exact message.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "annota-core.h"
#include "annota-format.h"
#include "annota-format-private.h"

static char *dir;

static char *
data_path (const char *name)
{
  return g_build_filename (g_test_get_dir (G_TEST_DIST), "data", "formats", "jsonl", name, NULL);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (dir, name, NULL);
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

/* A CoNLL file as the test reads it, independently of the reader: one
 * string per sentence ("token cols… tag" items joined by " | "), and a
 * "DOC …" item for a -DOCSTART- line. */
static GPtrArray *
parse_conll (const char *path)
{
  g_autofree char *text = read_text (path);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GString *sentence = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);
      g_auto(GStrv) fields = NULL;
      guint n;

      if (line[0] == '\0')
        {
          if (sentence->len > 0)
            g_ptr_array_add (out, g_strdup (sentence->str));
          g_string_truncate (sentence, 0);
          continue;
        }
      if (g_str_has_prefix (line, "-DOCSTART-"))
        {
          g_ptr_array_add (out, g_strconcat ("DOC ", line, NULL));
          continue;
        }
      if (strchr (line, '\t') == NULL && strchr (line, '|') != NULL)
        {
          /* Sentence per line: word|POS|tag … */
          g_auto(GStrv) items = g_strsplit (line, " ", -1);

          for (guint j = 0; items[j] != NULL; j++)
            {
              g_auto(GStrv) parts = g_strsplit (items[j], "|", -1);
              g_autofree char *joined = g_strjoinv (" ", parts);

              if (sentence->len > 0)
                g_string_append (sentence, " | ");
              g_string_append (sentence, joined);
            }
          g_ptr_array_add (out, g_strdup (sentence->str));
          g_string_truncate (sentence, 0);
          continue;
        }

      fields = strchr (line, '\t') != NULL ? g_strsplit (line, "\t", -1) : g_strsplit_set (line, " ", -1);
      if (sentence->len > 0)
        g_string_append (sentence, " | ");
      n = 0;
      for (guint j = 0; fields[j] != NULL; j++)
        if (fields[j][0] != '\0')
          {
            g_string_append_printf (sentence, "%s%s", n > 0 ? " " : "", fields[j]);
            n++;
          }
    }
  if (sentence->len > 0)
    g_ptr_array_add (out, g_strdup (sentence->str));
  g_string_free (sentence, TRUE);
  return out;
}

static void
assert_same_conll (const char *expected_path,
                   const char *found_path)
{
  g_autoptr(GPtrArray) a = parse_conll (expected_path);
  g_autoptr(GPtrArray) b = parse_conll (found_path);

  for (guint i = 0; i < MIN (a->len, b->len); i++)
    g_assert_cmpstr (g_ptr_array_index (b, i), ==, g_ptr_array_index (a, i));
  g_assert_cmpuint (b->len, ==, a->len);
}

static GPtrArray *
read_all (AnnotaFormatKind           kind,
          const char                *path,
          const AnnotaFormatOptions *opts)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *documents = annota_format_read (kind, path, opts, NULL, &error);

  g_assert_no_error (error);
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

/* What CoNLL keeps is its own: a spaCy export of a CoNLL document has
 * none of it, but the tokens in Prodigy's shape. */
static void
test_to_spacy (void)
{
  g_autofree char *src = data_path ("doccano/tests_sequence_labeling_example.conll");
  g_autofree char *out = tmp_path ("from-conll.jsonl");
  g_autofree char *found = NULL;
  g_autoptr(GPtrArray) documents = read_all (ANNOTA_FORMAT_CONLL, src, NULL);

  write_all (ANNOTA_FORMAT_SPACY, documents, out, NULL);
  found = read_text (out);
  g_assert_cmpstr (found, ==,
                   "{\"text\":\"JAPAN GET\\nNadim Ladki\",\"spans\":["
                   "{\"start\":0,\"end\":5,\"label\":\"LOC\"},{\"start\":10,\"end\":21,\"label\":\"PER\"}],"
                   "\"tokens\":[{\"text\":\"JAPAN\",\"start\":0,\"end\":5,\"id\":0},"
                   "{\"text\":\"GET\",\"start\":6,\"end\":9,\"id\":1},"
                   "{\"text\":\"Nadim\",\"start\":10,\"end\":15,\"id\":2},"
                   "{\"text\":\"Ladki\",\"start\":16,\"end\":21,\"id\":3}]}\n");
}

static void
test_round_trip (void)
{
  const char *files[] = {
    "spacy/ner_example_data/ner-token-per-line.iob",
    "spacy/ner_example_data/ner-token-per-line-with-pos.iob",
    "spacy/ner_example_data/ner-token-per-line-conll2003.iob",
    "spacy/ner_example_data/ner-sent-per-line.iob",
    "doccano/tests_sequence_labeling_example.conll",
    "doccano/import_sequence_labeling_example_conll.txt",
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *src = data_path (files[f]);
      g_autofree char *native = g_strdup_printf ("%s/native-%u", dir, f);
      g_autofree char *out = g_strdup_printf ("%s/out-%u.conll", dir, f);
      g_autoptr(GPtrArray) documents = read_all (ANNOTA_FORMAT_CONLL, src, NULL);
      g_autoptr(GPtrArray) again = NULL;

      write_all (ANNOTA_FORMAT_NATIVE, documents, native, NULL);
      again = read_all (ANNOTA_FORMAT_NATIVE, native, NULL);
      g_assert_cmpuint (again->len, ==, documents->len);
      write_all (ANNOTA_FORMAT_CONLL, again, out, NULL);
      assert_same_conll (src, out);
    }
}

static void
test_import (void)
{
  g_autofree char *src = data_path ("spacy/ner_example_data/ner-token-per-line-conll2003.iob");
  g_autoptr(GPtrArray) documents = read_all (ANNOTA_FORMAT_CONLL, src, NULL);
  AnnotaDocument *document = g_ptr_array_index (documents, 0);
  AnnotaText *text = annota_document_get_text (document);
  AnnotaSpanStore *spans = annota_document_get_spans (document);
  GArray *tokens = annota_document_get_tokens (document);
  GArray *sentences = annota_document_get_sentences (document);
  g_autofree char *name = g_strdup_printf ("%s:1", src);
  g_autofree char *first = annota_text_substring (text, 0, 59);
  g_autofree char *span = NULL;

  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (annota_format_get_document_name (document), ==, name);
  /* Tokens joined by spaces, sentences by newlines. */
  g_assert_cmpstr (first, ==, "When Sebastian Thrun started working on self - driving cars");
  g_assert_cmpuint (sentences->len, ==, 2);
  g_assert_cmpuint (g_array_index (sentences, AnnotaRange, 1).start,
                    ==, g_array_index (sentences, AnnotaRange, 0).end + 1);
  g_assert_cmpuint (tokens->len, ==, 25 + 41);
  g_assert_cmpuint (annota_span_store_get_n_spans (spans), ==, 7);
  span = annota_text_substring (text, annota_span_get_start (annota_span_store_peek (spans, 0)),
                                annota_span_get_end (annota_span_store_peek (spans, 0)));
  g_assert_cmpstr (span, ==, "Sebastian Thrun");
  /* Kept as the native loader keeps members, so a save is canonical. */
  g_assert_true (g_str_has_prefix (annota_document_get_extra_member (document, "conll:layout"),
                                   "{\"scheme\": \"iob2\", \"separator\": \" \", \"docstart\": \"-DOCSTART- -X- O O\", "
                                   "\"columns\": [[\"WRB\", \"_\"], [\"NNP\", \"_\"]"));
}

/* Tags of one document read with one scheme and written with another. */
static char *
convert_tags (const char        *input,
              AnnotaConllScheme  read_as,
              AnnotaConllScheme  write_as)
{
  g_autofree char *src = tmp_path ("in.conll");
  g_autofree char *out = tmp_path ("out.conll");
  g_autoptr(GPtrArray) documents = NULL;
  AnnotaFormatOptions opts;

  annota_format_options_init (&opts);
  opts.scheme = read_as;
  write_text (src, input);
  documents = read_all (ANNOTA_FORMAT_CONLL, src, &opts);
  opts.scheme = write_as;
  write_all (ANNOTA_FORMAT_CONLL, documents, out, &opts);
  return read_text (out);
}

static void
test_schemes (void)
{
  /* IOB1: I- starts a span unless it follows one of the same label; B-
   * only between two adjacent spans of one label. */
  const char *iob1 =
    "Kerry\tI-PER\nLavrov\tI-PER\nPutin\tB-PER\nin\tO\nMoscow\tI-LOC\n.\tO\n\n";
  const struct { AnnotaConllScheme scheme; const char *expected; } cases[] = {
    { ANNOTA_CONLL_SCHEME_AUTO, "Kerry\tI-PER\nLavrov\tI-PER\nPutin\tB-PER\nin\tO\nMoscow\tI-LOC\n.\tO\n\n" },
    { ANNOTA_CONLL_SCHEME_IOB1, "Kerry\tI-PER\nLavrov\tI-PER\nPutin\tB-PER\nin\tO\nMoscow\tI-LOC\n.\tO\n\n" },
    { ANNOTA_CONLL_SCHEME_IOB2, "Kerry\tB-PER\nLavrov\tI-PER\nPutin\tB-PER\nin\tO\nMoscow\tB-LOC\n.\tO\n\n" },
    { ANNOTA_CONLL_SCHEME_BIOES, "Kerry\tB-PER\nLavrov\tE-PER\nPutin\tS-PER\nin\tO\nMoscow\tS-LOC\n.\tO\n\n" },
    { ANNOTA_CONLL_SCHEME_BILOU, "Kerry\tB-PER\nLavrov\tL-PER\nPutin\tU-PER\nin\tO\nMoscow\tU-LOC\n.\tO\n\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = convert_tags (iob1, ANNOTA_CONLL_SCHEME_AUTO, cases[i].scheme);
      g_assert_cmpstr (found, ==, cases[i].expected);
    }

  /* BILOU in, and back as it came when no scheme is asked for. */
  {
    const char *bilou = "A\tU-X\nB\tB-Y\nC\tI-Y\nD\tL-Y\nE\tO\n\nF\tU-X\n\n";
    g_autofree char *same = convert_tags (bilou, ANNOTA_CONLL_SCHEME_AUTO, ANNOTA_CONLL_SCHEME_AUTO);
    g_autofree char *iob2 = convert_tags (bilou, ANNOTA_CONLL_SCHEME_AUTO, ANNOTA_CONLL_SCHEME_IOB2);
    g_autofree char *iob1_out = convert_tags (bilou, ANNOTA_CONLL_SCHEME_AUTO, ANNOTA_CONLL_SCHEME_IOB1);

    g_assert_cmpstr (same, ==, bilou);
    g_assert_cmpstr (iob2, ==, "A\tB-X\nB\tB-Y\nC\tI-Y\nD\tI-Y\nE\tO\n\nF\tB-X\n\n");
    g_assert_cmpstr (iob1_out, ==, "A\tI-X\nB\tI-Y\nC\tI-Y\nD\tI-Y\nE\tO\n\nF\tI-X\n\n");
  }

  /* Lenient reading: an I- after another label, E- without B-, and a
   * sentence break all start or end spans where they must. */
  {
    const char *messy = "a\tB-X\nb\tI-Y\nc\tE-Y\nd\tE-Z\ne\tI-Z\n\nf\tI-Z\n\n";
    g_autofree char *found = convert_tags (messy, ANNOTA_CONLL_SCHEME_AUTO, ANNOTA_CONLL_SCHEME_BIOES);

    g_assert_cmpstr (found, ==, "a\tS-X\nb\tB-Y\nc\tE-Y\nd\tS-Z\ne\tS-Z\n\nf\tS-Z\n\n");
  }
}

static AnnotaDocument *
make_document (const char *text)
{
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();
  AnnotaDocument *document = annota_document_new_from_string (text, labels);

  annota_format_set_document_name (document, "doc");
  return document;
}

static void
test_icu_tokens (void)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  AnnotaDocument *document = make_document ("Ông John Kerry tuyên bố. Ông Lavrov (Nga) nói: \"Hi!\"");
  g_autofree char *out = tmp_path ("icu.conll");
  g_autofree char *found = NULL;

  g_ptr_array_add (documents, document);
  g_assert_nonnull (annota_document_add_span (document, 4, 14, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL));
  g_assert_nonnull (annota_document_add_span (document, 29, 35, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL));
  g_assert_nonnull (annota_document_add_span (document, 37, 40, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL));
  write_all (ANNOTA_FORMAT_CONLL, documents, out, NULL);
  found = read_text (out);
  g_assert_cmpstr (found, ==,
                   "Ông\tO\nJohn\tB-PER\nKerry\tI-PER\ntuyên\tO\nbố\tO\n.\tO\n\n"
                   "Ông\tO\nLavrov\tB-PER\n(\tO\nNga\tB-LOC\n)\tO\nnói\tO\n:\tO\n\"\tO\nHi\tO\n!\tO\n\"\tO\n\n");
}

/* The segmenter kept by exports gives what AnnotaText gives. */
static void
test_segmenter (void)
{
  const char *texts[] = {
    "",
    "   ",
    "tab\there, vertical\vtab \f form feed\x1c" " and \xc2\xa0no-break \xe2\x80\x83" "em.",
    "John Kerry met Sergey Lavrov. They talked!",
    "Emoji \xf0\x9f\x98\x80 then \xf0\x9f\x87\xbb\xf0\x9f\x87\xb3 flags, and \xf0\x9d\x90\x80 math. Done.",
    "Re\xcc\x81ne\xcc\x81 e\xcc\x81tait la\xcc\x80.\n\nNew para  here .",
    "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa8\xe5\xa4\xa7\xe9\x98\xaa\xe3\x80\x82\xe4\xbb\x8a\xe6\x97\xa5\xe3\x81\xaf\xe6\x99\xb4\xe3\x82\x8c\xe3\x80\x82",
    "Ông John Kerry tuyên bố những cuộc đối thoại của ông ở Matxcơva là có hiệu suất.\r\n\"Tôi xin cảm ơn\", — ông nói.",
  };
  AnnotaSegmenter *segmenter = _annota_segmenter_new ();
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
  g_autoptr(GArray) sentences = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(AnnotaText) text = annota_text_new (texts[i], -1);
      GArray *expected_tokens = annota_text_get_tokens (text);
      GArray *expected_sentences = annota_text_get_sentences (text);

      _annota_segmenter_run (segmenter, texts[i], strlen (texts[i]), tokens, sentences);
      g_assert_cmpuint (tokens->len, ==, expected_tokens->len);
      g_assert_cmpmem (tokens->data, tokens->len * sizeof (AnnotaRange),
                       expected_tokens->data, expected_tokens->len * sizeof (AnnotaRange));
      g_assert_cmpuint (sentences->len, ==, expected_sentences->len);
      g_assert_cmpmem (sentences->data, sentences->len * sizeof (AnnotaRange),
                       expected_sentences->data, expected_sentences->len * sizeof (AnnotaRange));
    }
  _annota_segmenter_free (segmenter);
}

static void
test_misaligned (void)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  AnnotaDocument *document = make_document ("John Kerry went to Moscow. Then home.");
  g_autofree char *out = tmp_path ("mis.conll");
  g_autofree char *found = NULL;
  AnnotaFormatOptions opts;

  g_ptr_array_add (documents, document);
  /* On tokens; off ("Ker"); overlapping the first; nested in the first;
   * across the sentence break, which ICU would put there. */
  g_assert_nonnull (annota_document_add_span (document, 0, 10, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL));
  g_assert_nonnull (annota_document_add_span (document, 19, 22, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL));
  g_assert_nonnull (annota_document_add_span (document, 5, 15, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL));
  g_assert_nonnull (annota_document_add_span (document, 32, 36, "ORG", ANNOTA_SPAN_STATUS_SUGGESTED, "model", 0.5, NULL));

  annota_format_options_init (&opts);
  g_assert_false (annota_format_write (ANNOTA_FORMAT_CONLL, documents, out, &opts, problems, &error));
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "doc: 2 spans cannot be written as CoNLL tags (use --misaligned expand or skip)");
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, "doc: span [5, 15) MISC “Kerry went”: overlaps another span");
  g_assert_cmpstr (g_ptr_array_index (problems, 1), ==, "doc: span [19, 22) LOC “Mos”: does not fall on token boundaries");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_ptr_array_set_size (problems, 0);
  opts.misaligned = ANNOTA_MISALIGNED_EXPAND;
  opts.include = ANNOTA_INCLUDE_SUGGESTED;
  g_assert_true (annota_format_write (ANNOTA_FORMAT_CONLL, documents, out, &opts, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, "doc: span [5, 15) MISC “Kerry went”: overlaps another span: left out");
  g_assert_cmpstr (g_ptr_array_index (problems, 1), ==,
                   "doc: span [19, 22) LOC “Mos”: does not fall on token boundaries: expanded to [19, 25)");
  found = read_text (out);
  g_assert_cmpstr (found, ==,
                   "John\tB-PER\nKerry\tI-PER\nwent\tO\nto\tO\nMoscow\tB-LOC\n.\tO\n\n"
                   "Then\tO\nhome\tB-ORG\n.\tO\n\n");

  g_ptr_array_set_size (problems, 0);
  g_clear_pointer (&found, g_free);
  opts.misaligned = ANNOTA_MISALIGNED_SKIP;
  opts.include = ANNOTA_INCLUDE_ACCEPTED;
  g_assert_true (annota_format_write (ANNOTA_FORMAT_CONLL, documents, out, &opts, problems, &error));
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (problems, 1), ==,
                   "doc: span [19, 22) LOC “Mos”: does not fall on token boundaries: left out");
  found = read_text (out);
  g_assert_cmpstr (found, ==,
                   "John\tB-PER\nKerry\tI-PER\nwent\tO\nto\tO\nMoscow\tO\n.\tO\n\n"
                   "Then\tO\nhome\tO\n.\tO\n\n");
}

/* A span across ICU's sentence break joins the two sentences. */
static void
test_joined_sentences (void)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  AnnotaDocument *document = make_document ("She met J. K. Rowling. Later.");
  g_autofree char *out = tmp_path ("join.conll");
  g_autofree char *found = NULL;

  g_ptr_array_add (documents, document);
  g_assert_nonnull (annota_document_add_span (document, 8, 21, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1, NULL));
  write_all (ANNOTA_FORMAT_CONLL, documents, out, NULL);
  found = read_text (out);
  g_assert_cmpstr (found, ==,
                   "She\tO\nmet\tO\nJ\tB-PER\n.\tI-PER\nK\tI-PER\n.\tI-PER\nRowling\tI-PER\n.\tO\n\n"
                   "Later\tO\n.\tO\n\n");
}

/* Documents after the first are told apart by -DOCSTART- lines, and read
 * back as separate documents. */
static void
test_documents (void)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *out = tmp_path ("docs.conll");
  g_autofree char *found = NULL;

  g_ptr_array_add (documents, make_document ("One."));
  g_ptr_array_add (documents, make_document ("Two."));
  write_all (ANNOTA_FORMAT_CONLL, documents, out, NULL);
  found = read_text (out);
  g_assert_cmpstr (found, ==, "One\tO\n.\tO\n\n-DOCSTART- -X- O O\n\nTwo\tO\n.\tO\n\n");
  again = read_all (ANNOTA_FORMAT_CONLL, out, NULL);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (g_ptr_array_index (again, 1))), ==, "Two .");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dir = g_dir_make_tmp ("annota-conll-XXXXXX", NULL);

  g_test_add_func ("/annota/formats/conll/round-trip", test_round_trip);
  g_test_add_func ("/annota/formats/conll/import", test_import);
  g_test_add_func ("/annota/formats/conll/to-spacy", test_to_spacy);
  g_test_add_func ("/annota/formats/conll/schemes", test_schemes);
  g_test_add_func ("/annota/formats/conll/icu-tokens", test_icu_tokens);
  g_test_add_func ("/annota/formats/conll/segmenter", test_segmenter);
  g_test_add_func ("/annota/formats/conll/misaligned", test_misaligned);
  g_test_add_func ("/annota/formats/conll/joined-sentences", test_joined_sentences);
  g_test_add_func ("/annota/formats/conll/documents", test_documents);

  status = g_test_run ();

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    /* Native folders hold files of their own. */
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          {
            g_autoptr(GDir) sub = g_dir_open (child, 0, NULL);
            const char *n;

            while (sub != NULL && (n = g_dir_read_name (sub)) != NULL)
              {
                g_autofree char *f = g_build_filename (child, n, NULL);
                g_unlink (f);
              }
            g_rmdir (child);
          }
        else
          g_unlink (child);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  return status;
}
