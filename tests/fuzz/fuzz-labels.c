/* fuzz-labels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for labels.json. Any input must either fail with an
 * error or give a label set that survives the round trip: its JSON loads
 * back to an equal set, and writing that again gives the same bytes.
 */
#define G_LOG_DOMAIN "annota-fuzz"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "annota-core.h"
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AnnotaLabelSet) labels = NULL;
  g_autoptr(AnnotaLabelSet) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  gsize len = 0;
  gsize len_again = 0;
  guint i;

  fuzz_init ();

  labels = annota_label_set_load_data ((const char *) data, size, "labels.json", &error);
  if (labels == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (g_str_has_prefix (error->message, "labels.json: "));
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  FUZZ_CHECK (error == NULL);

  /* Every label is found by its id, and by its key when it has one. */
  for (i = 0; i < annota_label_set_get_n_labels (labels); i++)
    {
      AnnotaLabel *label = annota_label_set_peek (labels, i);
      const char *key = annota_label_get_key (label);

      FUZZ_CHECK (annota_label_set_lookup (labels, annota_label_get_id (label)) == label);
      if (key != NULL && key[0] != '\0')
        FUZZ_CHECK (annota_label_set_lookup_key (labels, key) == label);
    }

  json = annota_label_set_to_json (labels, &len);
  FUZZ_CHECK (json != NULL && strlen (json) == len);
  again = annota_label_set_load_data (json, len, "round-trip", &error);
  if (again == NULL)
    fuzz_fail ("the written labels do not load back: %s\n%s", error->message, json);
  fuzz_assert_label_sets_equal (labels, again);

  json_again = annota_label_set_to_json (again, &len_again);
  if (len != len_again || memcmp (json, json_again, len) != 0)
    fuzz_fail ("the written labels are not a fixed point:\n%s\n---\n%s", json, json_again);

  return 0;
}
