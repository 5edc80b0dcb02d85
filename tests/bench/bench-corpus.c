/* bench-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listing a folder corpus: annota_corpus_open on a folder of many small
 * documents, first with no index (names only; states and counts unknown),
 * then the scan that reads every document's state and counts and writes the
 * index, then opening again with the index fresh (the list complete at
 * once). The index is removed before each run.
 *
 *   bench-corpus [--runs N] DIR
 *
 * Prints one line per figure: NAME: VALUE UNIT (baseline VALUE UNIT,
 * ratio R), then the noise and the target.
 */
#define G_LOG_DOMAIN "annota-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annota-core.h"
#include "annota-corpus.h"

#define TARGET_MS 1000.0

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* 10000 as "10,000". */
static char *
grouped (guint n)
{
  GString *s = g_string_new (NULL);
  g_autofree char *digits = g_strdup_printf ("%u", n);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

static void
report (const char *verb,
        const char *what,
        GArray     *ms,
        guint       n_documents)
{
  g_autofree char *count = grouped (n_documents);
  double med, lo, hi;

  g_array_sort (ms, compare_double);
  lo = g_array_index (ms, double, 0);
  hi = g_array_index (ms, double, ms->len - 1);
  med = ms->len % 2 ? g_array_index (ms, double, ms->len / 2)
                    : (g_array_index (ms, double, ms->len / 2 - 1) + g_array_index (ms, double, ms->len / 2)) / 2;
  printf ("%s a %s-document corpus %s: %.0f ms (baseline %.0f ms, ratio %.2f) noise %.0f–%.0f ms over %u runs; "
          "target ≤ %.0f ms: %s\n",
          verb, count, what, med, TARGET_MS, med / TARGET_MS, lo, hi, ms->len, TARGET_MS,
          med <= TARGET_MS ? "ok" : "MISSED");
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  int n_runs = 5;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scan = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *index = NULL;
  guint n_documents = 0;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs (default 5)", "N" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new ("DIR");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      files == NULL || files[0] == NULL || n_runs < 1)
    {
      g_printerr ("usage: bench-corpus [--runs N] DIR\n");
      return 2;
    }
  index = g_build_filename (files[0], ".annota-index.json", NULL);

  for (int run = 0; run < n_runs; run++)
    {
      g_autoptr(AnnotaCorpus) corpus = NULL;
      g_autoptr(AnnotaCorpus) again = NULL;
      gint64 t;
      double v;

      g_unlink (index);

      t = g_get_monotonic_time ();
      corpus = annota_corpus_open (files[0], NULL, &error);
      v = ms_since (t);
      if (corpus == NULL)
        {
          printf ("corpus-list: not measured (%s)\n", error->message);
          return EXIT_SUCCESS;
        }
      g_array_append_val (cold, v);
      n_documents = annota_corpus_get_n_documents (corpus);

      t = g_get_monotonic_time ();
      if (!annota_corpus_scan (corpus, NULL, &error))
        {
          printf ("corpus-list: the scan failed (%s)\n", error->message);
          return EXIT_SUCCESS;
        }
      v = ms_since (t);
      g_array_append_val (scan, v);

      t = g_get_monotonic_time ();
      again = annota_corpus_open (files[0], NULL, &error);
      v = ms_since (t);
      g_assert_no_error (error);
      g_array_append_val (warm, v);
      if (annota_corpus_get_n_documents (again) != n_documents)
        printf ("  the second listing found %u documents, the first %u\n",
                annota_corpus_get_n_documents (again), n_documents);
    }

  report ("list", "(open, no index yet)", cold, n_documents);
  report ("list", "(open with the index fresh)", warm, n_documents);
  report ("scan", "for states and counts (first visit, writes the index)", scan, n_documents);
  return EXIT_SUCCESS;
}
