/* fuzz-labelstudio.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for the Label Studio JSON reader: the input is read as a
 * .json file; see fuzz_check_format_read() for what must hold.
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
  path = fuzz_write_scratch ("input.json", data, size);
  fuzz_check_format_read (ANNOTA_FORMAT_LABELSTUDIO, path, &opts);
  return 0;
}
