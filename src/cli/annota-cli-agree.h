/* annota-cli-agree.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `annota-cli agree A B`: how well document B agrees with the reference A
 * (the same text): precision, recall and F1 per label, micro and macro, and
 * token-level Cohen's kappa, as a table or as JSON.
 */
#pragma once

/* argv[0] is the command's name ("agree"). Returns the exit status: 0 done,
 * 1 a file could not be read or the texts differ, 2 a wrong command line. */
int annota_cli_agree (int    argc,
                      char **argv);
