/* annota-utf8-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * UTF-8 checks and counts for the readers, eight bytes at a time where the
 * text is ASCII: most of the bytes of a document are its text, and GLib
 * 2.74 looks at them one by one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean _annota_utf8_validate (const char  *str,
                                gsize        len,
                                const char **end);
gsize    _annota_utf8_count    (const char  *str,
                                gsize        len,
                                gsize       *n_supplementary);

G_END_DECLS
