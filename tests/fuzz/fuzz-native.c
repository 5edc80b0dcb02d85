/* fuzz-native.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for the native loader. Any input must either fail with
 * an error or give a document; a document must survive the round trip:
 * its canonical JSON loads back to an equal document (same text, labels,
 * spans, ranges, state and unknown members), and writing that again gives
 * the same bytes, since the canonical form is a fixed point.
 */
#define G_LOG_DOMAIN "annota-fuzz"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "annota-core.h"
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(AnnotaDocument) in_corpus = NULL;
  g_autoptr(AnnotaLabelSet) corpus = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();

  document = annota_document_load_data ((const char *) data, size, "fuzz.json",
                                        NULL, &warnings, &error);
  if (document == NULL)
    {
      /* A failure always says why, and names the input. */
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (g_str_has_prefix (error->message, "fuzz.json: "));
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      FUZZ_CHECK (warnings == NULL);
      return 0;
    }
  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (warnings != NULL);

  /* The loader settles most grapheme boundaries without ICU: as many
   * warnings as ICU finds span ends inside a cluster. */
  {
    AnnotaText *text = annota_document_get_text (document);
    AnnotaSpanStore *store = annota_document_get_spans (document);
    guint expected = 0, found = 0;

    for (guint i = 0; i < annota_span_store_get_n_spans (store); i++)
      {
        AnnotaSpan *span = annota_span_store_peek (store, i);

        expected += !annota_text_is_grapheme_boundary (text, annota_span_get_start (span));
        expected += !annota_text_is_grapheme_boundary (text, annota_span_get_end (span));
      }
    for (guint i = 0; i < warnings->len; i++)
      found += strstr (g_ptr_array_index (warnings, i), "inside a grapheme cluster") != NULL;
    if (found != expected)
      fuzz_fail ("%u grapheme warnings, ICU finds %u span ends inside a cluster", found, expected);
  }

  fuzz_check_round_trip (document, TRUE);

  /* The same input in a corpus: the labels merge into a shared set that
   * already holds a label with a key, and the document still loads with
   * every span. */
  corpus = annota_label_set_new ();
  {
    g_autoptr(AnnotaLabel) label = annota_label_new ("PER", "Person", NULL, "1");
    annota_label_set_append (corpus, label, NULL);
  }
  in_corpus = annota_document_load_data ((const char *) data, size, "fuzz.json",
                                         corpus, NULL, &error);
  if (in_corpus == NULL)
    fuzz_fail ("loads alone but not in a corpus: %s", error->message);
  FUZZ_CHECK (annota_span_store_get_n_spans (annota_document_get_spans (in_corpus)) ==
              annota_span_store_get_n_spans (annota_document_get_spans (document)));
  FUZZ_CHECK (annota_document_get_labels (in_corpus) == corpus);

  return 0;
}
