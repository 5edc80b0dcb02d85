/* test-signals.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signal checks the core and UI tests share.
 */
#pragma once

#include <glib-object.h>
#include <libglib-testing/signal-logger.h>

G_BEGIN_DECLS

/* Pops model's next "items-changed" from logger and checks its arguments. */
static inline void
test_assert_items_changed (GtSignalLogger *logger,
                           gpointer        model,
                           guint           position,
                           guint           removed,
                           guint           added)
{
  guint p = G_MAXUINT, r = G_MAXUINT, a = G_MAXUINT;

  gt_signal_logger_assert_emission_pop (logger, model, "items-changed", &p, &r, &a);
  g_assert_cmpuint (p, ==, position);
  g_assert_cmpuint (r, ==, removed);
  g_assert_cmpuint (a, ==, added);
}

G_END_DECLS
