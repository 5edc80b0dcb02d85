/* annota-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers for writing JSON text into a GString: string escaping and
 * numbers in their shortest form that reads back to the same double.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends a quoted JSON string; len -1 for NUL-terminated. Non-ASCII is kept
 * as UTF-8; control characters are escaped. */
void annota_json_append_string (GString    *out,
                                const char *str,
                                gssize      len);
/* Shortest decimal that parses back to value (no exponent for "usual"
 * magnitudes, like Python's repr). */
void annota_json_append_double (GString    *out,
                                double      value);

G_END_DECLS
