/* annota-cli-convert.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "annota-cli convert IN OUT": documents from one format to another,
 * streamed one document at a time. argv[0] is the command's name.
 * Exit status: 0 converted, 1 bad input or a span the target cannot
 * express, 2 a wrong command line.
 */
#pragma once

int annota_cli_convert (int    argc,
                        char **argv);
