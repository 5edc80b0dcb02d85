/* fuzz-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the libFuzzer harnesses share: fatal GLib warnings, a failure that
 * libFuzzer records as a crash, model comparisons for round-trip oracles,
 * and a scratch file for readers that take a path.
 */
#pragma once

#include "annota-core.h"
#include "annota-format.h"

G_BEGIN_DECLS

/* Makes criticals and warnings fatal, so a g_return_if_fail reached by
 * some input is a finding. Safe to call more than once. */
void  fuzz_init                     (void);

/* Prints the message and aborts: libFuzzer keeps the input as a crash. */
G_NORETURN
void  fuzz_fail                     (const char     *format,
                                     ...) G_GNUC_PRINTF (1, 2);

#define FUZZ_CHECK(expr) \
  G_STMT_START { \
    if (G_UNLIKELY (!(expr))) \
      fuzz_fail ("%s:%d: check failed: %s", __FILE__, __LINE__, #expr); \
  } G_STMT_END

/* Fail unless the two hold the same labels, in the same order, with the
 * same members (an empty colour, key or description counts as none, as the
 * writer leaves those out; unknown members compare as JSON, spaces aside). */
void  fuzz_assert_label_sets_equal  (AnnotaLabelSet *a,
                                     AnnotaLabelSet *b);
/* Fail unless the two documents have the same text, labels, spans (every
 * member), tokens, sentences, state and unknown top-level members. */
void  fuzz_assert_documents_equal   (AnnotaDocument *a,
                                     AnnotaDocument *b);

/* The native round trip: the document's canonical JSON loads back to an
 * equal document, and writing that again gives the same bytes (for a
 * document from an importer, from the second save on). */
void  fuzz_check_round_trip         (AnnotaDocument *document,
                                     gboolean        loaded_natively);

/* Writes data to a file named basename in a scratch folder of this process
 * and returns its path. */
char *fuzz_write_scratch            (const char     *basename,
                                     const guint8   *data,
                                     gsize           size);

/* Reads path as kind with opts: a failure must say why and name the file;
 * every document read must pass the native round trip; and writing them
 * back in kind must give a file the same reader reads again. */
void  fuzz_check_format_read        (AnnotaFormatKind           kind,
                                     const char                *path,
                                     const AnnotaFormatOptions *opts);

/* The interchange readers' JSON parser and yajl give the same tree, or the
 * same message at the same offset, for data and for each of its lines. */
void  fuzz_check_json_parsers       (const guint8              *data,
                                     gsize                      size);

G_END_DECLS
