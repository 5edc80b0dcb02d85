/* annota-cli-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A corpus's figures for "annota-cli stats": the corpus is opened and
 * scanned (only documents without a fresh index record are read), then
 * counted from its entries.
 */
#define G_LOG_DOMAIN "annota-cli"

#include "config.h"

#include <string.h>

#include "annota-core.h"
#include "annota-corpus.h"
#include "annota-cli-corpus.h"

void
annota_cli_label_count_free (gpointer data)
{
  AnnotaCliLabelCount *count = data;

  g_free (count->id);
  g_free (count->name);
  g_free (count);
}

gboolean
annota_cli_is_corpus (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return g_file_test (path, G_FILE_TEST_IS_DIR) ||
         g_str_has_suffix (path, ".jsonl") || g_str_has_suffix (path, ".ndjson");
}

gboolean
annota_cli_corpus_stats (const char            *path,
                         AnnotaCliCorpusStats  *stats,
                         GError               **error)
{
  g_autoptr(AnnotaCorpus) corpus = NULL;
  g_auto(GStrv) ids = NULL;
  AnnotaLabelSet *labels;
  GPtrArray *warnings;
  guint n;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  stats->labels = g_ptr_array_new_with_free_func (annota_cli_label_count_free);

  corpus = annota_corpus_open (path, NULL, error);
  if (corpus == NULL || !annota_corpus_scan (corpus, NULL, error))
    return FALSE;

  warnings = annota_corpus_get_warnings (corpus);
  for (guint i = 0; i < warnings->len; i++)
    g_printerr ("annota-cli stats: %s\n", (const char *) g_ptr_array_index (warnings, i));

  n = annota_corpus_get_n_documents (corpus);
  for (guint i = 0; i < n; i++)
    {
      AnnotaCorpusEntry *entry = annota_corpus_peek_entry (corpus, i);
      int state = annota_corpus_entry_get_state (entry);
      const char *problem = annota_corpus_entry_get_problem (entry);

      if (state == ANNOTA_CORPUS_STATE_UNKNOWN)
        {
          /* A JSONL line that is not an object was reported with the
           * listing warnings already. */
          if (problem != NULL && annota_corpus_get_kind (corpus) == ANNOTA_CORPUS_KIND_FOLDER)
            g_printerr ("annota-cli stats: %s\n", problem);
          stats->unreadable++;
          continue;
        }

      stats->documents++;
      stats->states[state]++;
      stats->characters += annota_corpus_entry_get_length (entry);
      for (int s = ANNOTA_SPAN_STATUS_SUGGESTED; s <= ANNOTA_SPAN_STATUS_REJECTED; s++)
        {
          guint count = annota_corpus_entry_count_spans (entry, NULL, s);

          stats->statuses[s] += count;
          stats->spans += count;
        }
    }

  labels = annota_corpus_get_labels (corpus);
  ids = annota_corpus_list_span_labels (corpus);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      AnnotaLabel *label = annota_label_set_lookup (labels, ids[i]);
      AnnotaCliLabelCount *count = g_new0 (AnnotaCliLabelCount, 1);

      count->id = g_strdup (ids[i]);
      count->name = g_strdup (label != NULL ? annota_label_get_name (label) : ids[i]);
      count->count = annota_corpus_count_spans (corpus, ids[i], -1);
      g_ptr_array_add (stats->labels, count);
    }
  return TRUE;
}

void
annota_cli_corpus_stats_clear (AnnotaCliCorpusStats *stats)
{
  g_return_if_fail (stats != NULL);

  g_clear_pointer (&stats->labels, g_ptr_array_unref);
}
