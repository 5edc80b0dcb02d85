/* fuzz-doccano.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for the doccano JSONL reader: the input is read as a
 * .jsonl file, with offsets in UTF-16 code units (doccano's) and again in
 * code points; see fuzz_check_format_read() for what must hold.
 */
#define G_LOG_DOMAIN "annota-fuzz"

#include "config.h"

#include <stdint.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  AnnotaFormatOptions opts;

  fuzz_init ();
  fuzz_check_json_parsers (data, size);
  annota_format_options_init (&opts);
  path = fuzz_write_scratch ("input.jsonl", data, size);
  fuzz_check_format_read (ANNOTA_FORMAT_DOCCANO, path, &opts);
  opts.offsets = ANNOTA_OFFSETS_CODEPOINTS;
  fuzz_check_format_read (ANNOTA_FORMAT_DOCCANO, path, &opts);
  return 0;
}
