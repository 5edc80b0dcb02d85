/* annota-text-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "annota-text.h"

G_BEGIN_DECLS

/* As annota_text_new_take (), for a reader that has checked the UTF-8
 * itself: a document's text is most of its bytes, and not read twice. */
AnnotaText *_annota_text_new_take_checked (char  *utf8,
                                           gsize  len);

G_END_DECLS
