/* fuzz-brat.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for the brat standoff reader. The input is the .txt
 * and the .ann of one document, split at the first NUL byte (no NUL: all
 * of it is the .ann of an empty text); see fuzz_check_format_read() for
 * what must hold.
 */
#define G_LOG_DOMAIN "annota-fuzz"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *txt_path = NULL;
  g_autofree char *ann_path = NULL;
  const uint8_t *nul = memchr (data, '\0', size);
  AnnotaFormatOptions opts;

  fuzz_init ();
  annota_format_options_init (&opts);
  if (nul != NULL)
    {
      txt_path = fuzz_write_scratch ("input.txt", data, nul - data);
      ann_path = fuzz_write_scratch ("input.ann", nul + 1, size - (nul - data) - 1);
    }
  else
    {
      txt_path = fuzz_write_scratch ("input.txt", (const uint8_t *) "", 0);
      ann_path = fuzz_write_scratch ("input.ann", data, size);
    }
  fuzz_check_format_read (ANNOTA_FORMAT_BRAT, ann_path, &opts);
  return 0;
}
