/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "annota-core.h"

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  return g_test_run ();
}
