/* bench-span-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How AnnotaSpanStore behaves at the size of a large document: 200,000
 * spans over 5,000,000 code points. Prints "NAME: VALUE UNIT" lines.
 */
#define G_LOG_DOMAIN "annota-bench"

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "annota-core.h"
#include "annota-span-store-private.h"

#define N_SPANS     200000
#define TEXT_LENGTH 5000000
#define N_REPEATS   1001

static const char *labels[] = { "PER", "LOC", "ORG", "MISC", "DATE", "EVENT" };

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
report_times (const char *name,
              gint64     *samples,
              guint       n,
              double      divisor,
              const char *unit)
{
  qsort (samples, n, sizeof (gint64), compare_gint64);
  printf ("%s: %.2f %s (median of %u)\n", name, samples[n / 2] / divisor, unit, n);
  printf ("%s, max: %.2f %s (of %u)\n", name, samples[n - 1] / divisor, unit, n);
}

typedef struct
{
  guint       start;
  guint       end;
  const char *label;
} Key;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const Key *x = a;
  const Key *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return strcmp (x->label, y->label);
}

/* Mostly short entities, some long and nested ones, like model output. */
static void
random_key (GRand *rand,
            Key   *key)
{
  guint length;

  key->start = g_rand_int_range (rand, 0, TEXT_LENGTH - 1000);
  if (g_rand_int_range (rand, 0, 100) < 95)
    length = g_rand_int_range (rand, 1, 30);
  else
    length = g_rand_int_range (rand, 30, 1000);
  key->end = key->start + length;
  key->label = labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))];
}

static AnnotaSpan *
span_from_key (const Key *key)
{
  return annota_span_new (key->start, key->end, key->label,
                          ANNOTA_SPAN_STATUS_SUGGESTED, "bench-model", 0.5);
}

/* With sorted, the spans are made in sorted order, as a loader reading a
 * native file (written sorted) makes them; they then also lie in memory
 * in that order. Otherwise they come in random order. */
static GPtrArray *
make_spans (GRand    *rand,
            guint     n,
            gboolean  sorted)
{
  GPtrArray *spans = g_ptr_array_new_full (n, g_object_unref);
  g_autofree Key *keys = g_new (Key, n);
  guint i;

  for (i = 0; i < n; i++)
    random_key (rand, &keys[i]);
  if (sorted)
    qsort (keys, n, sizeof (Key), compare_keys);

  for (i = 0; i < n; i++)
    g_ptr_array_add (spans, span_from_key (&keys[i]));

  return spans;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
bench_splice_all_once (GRand      *rand,
                       gboolean    sorted,
                       const char *name)
{
  g_autoptr(GPtrArray) spans = make_spans (rand, N_SPANS, sorted);
  gint64 samples[7];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(AnnotaSpanStore) store = annota_span_store_new ();
      gint64 t0 = now_ns ();

      annota_span_store_splice_all (store, (AnnotaSpan **) spans->pdata, spans->len);
      samples[i] = now_ns () - t0;
    }

  report_times (name, samples, G_N_ELEMENTS (samples), 1e6, "ms");
}

static void
bench_splice_all (GRand *rand)
{
  bench_splice_all_once (rand, TRUE, "splice_all of 200000 spans in file order");
  bench_splice_all_once (rand, FALSE, "splice_all of 200000 spans in random order");
}

static void
bench_edits (GRand *rand)
{
  g_autoptr(GPtrArray) spans = make_spans (rand, N_SPANS, TRUE);
  g_autoptr(GPtrArray) extra = make_spans (rand, N_REPEATS, FALSE);
  g_autoptr(AnnotaSpanStore) store = annota_span_store_new ();
  g_autofree gint64 *insert = g_new (gint64, N_REPEATS);
  g_autofree gint64 *remove = g_new (gint64, N_REPEATS);
  g_autofree gint64 *update_stay = g_new (gint64, N_REPEATS);
  g_autofree gint64 *update_move = g_new (gint64, N_REPEATS);
  g_autofree gint64 *find = g_new (gint64, N_REPEATS);
  guint emissions = 0;
  guint i;

  annota_span_store_splice_all (store, (AnnotaSpan **) spans->pdata, spans->len);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &emissions);

  for (i = 0; i < N_REPEATS; i++)
    {
      AnnotaSpan *span = g_ptr_array_index (extra, i);
      gint64 t0 = now_ns ();

      annota_span_store_insert (store, span);
      insert[i] = now_ns () - t0;
    }

  for (i = 0; i < N_REPEATS; i++)
    {
      AnnotaSpan *span = g_ptr_array_index (spans, g_rand_int_range (rand, 0, N_SPANS));
      guint position;
      gint64 t0 = now_ns ();

      annota_span_store_find (store, span, &position);
      find[i] = now_ns () - t0;
    }

  /* Widening by one code point keeps most spans where they are. */
  for (i = 0; i < N_REPEATS; i++)
    {
      AnnotaSpan *span = g_ptr_array_index (extra, i);
      gint64 t0 = now_ns ();

      annota_span_store_update (store, span,
                                annota_span_get_start (span),
                                annota_span_get_end (span) + 1,
                                annota_span_get_label (span));
      update_stay[i] = now_ns () - t0;
    }

  for (i = 0; i < N_REPEATS; i++)
    {
      AnnotaSpan *span = g_ptr_array_index (extra, i);
      guint start = g_rand_int_range (rand, 0, TEXT_LENGTH - 100);
      gint64 t0 = now_ns ();

      annota_span_store_update (store, span, start, start + 5, annota_span_get_label (span));
      update_move[i] = now_ns () - t0;
    }

  for (i = 0; i < N_REPEATS; i++)
    {
      AnnotaSpan *span = g_ptr_array_index (extra, i);
      gint64 t0 = now_ns ();

      annota_span_store_remove (store, span);
      remove[i] = now_ns () - t0;
    }

  report_times ("insert one span among 200000", insert, N_REPEATS, 1e3, "us");
  report_times ("remove one span among 200000", remove, N_REPEATS, 1e3, "us");
  report_times ("update one span in place among 200000", update_stay, N_REPEATS, 1e3, "us");
  report_times ("update one span to a new place among 200000", update_move, N_REPEATS, 1e3, "us");
  report_times ("find the position of one span among 200000", find, N_REPEATS, 1e3, "us");
  printf ("items-changed per edit: %.2f emissions\n", (double) emissions / (4 * N_REPEATS));
}

static gboolean
count_span (AnnotaSpan *span,
            gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;

  return TRUE;
}

static void
bench_reads (GRand *rand)
{
  g_autoptr(GPtrArray) spans = make_spans (rand, N_SPANS, TRUE);
  g_autoptr(AnnotaSpanStore) store = annota_span_store_new ();
  g_autofree gint64 *query = g_new (gint64, N_REPEATS);
  g_autofree gint64 *point = g_new (gint64, N_REPEATS);
  g_autofree gint64 *random_get = g_new (gint64, N_REPEATS);
  guint64 found = 0;
  gint64 t0;
  guint i;

  annota_span_store_splice_all (store, (AnnotaSpan **) spans->pdata, spans->len);

  for (i = 0; i < N_REPEATS; i++)
    {
      guint a = g_rand_int_range (rand, 0, TEXT_LENGTH - 2000);
      guint count = 0;

      t0 = now_ns ();
      annota_span_store_foreach_in_range (store, a, a + 2000, count_span, &count);
      query[i] = now_ns () - t0;
      found += count;
    }

  for (i = 0; i < N_REPEATS; i++)
    {
      guint a = g_rand_int_range (rand, 0, TEXT_LENGTH);
      guint count = 0;

      t0 = now_ns ();
      annota_span_store_foreach_in_range (store, a, a, count_span, &count);
      point[i] = now_ns () - t0;
    }

  for (i = 0; i < N_REPEATS; i++)
    {
      guint position = g_rand_int_range (rand, 0, N_SPANS);
      gpointer item;

      t0 = now_ns ();
      item = g_list_model_get_item (G_LIST_MODEL (store), position);
      random_get[i] = now_ns () - t0;
      g_object_unref (item);
    }

  t0 = now_ns ();
  for (i = 0; i < N_SPANS; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (store), i));
  printf ("g_list_model_get_item over all 200000 positions in order: %.3f us per item\n",
          (now_ns () - t0) / 1e3 / N_SPANS);

  report_times ("query a 2000-code-point window in 200000 spans", query, N_REPEATS, 1e3, "us");
  printf ("spans found per 2000-code-point window: %.1f spans (mean of %u)\n",
          (double) found / N_REPEATS, N_REPEATS);
  report_times ("point query in 200000 spans", point, N_REPEATS, 1e3, "us");
  report_times ("g_list_model_get_item at a random position among 200000", random_get, N_REPEATS, 1e3, "us");
}

static void
bench_memory (GRand *rand)
{
  GTypeQuery query;
  struct mallinfo2 before;
  struct mallinfo2 after;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(AnnotaSpanStore) store = annota_span_store_new ();

  g_type_query (ANNOTA_TYPE_SPAN, &query);
  printf ("span instance size: %u bytes\n", query.instance_size);
  printf ("store node size: %" G_GSIZE_FORMAT " bytes\n", _annota_span_store_node_size ());
  printf ("memory per span by sizes: %" G_GSIZE_FORMAT " bytes\n",
          query.instance_size + _annota_span_store_node_size ());

  malloc_trim (0);
  before = mallinfo2 ();
  spans = make_spans (rand, N_SPANS, TRUE);
  annota_span_store_splice_all (store, (AnnotaSpan **) spans->pdata, spans->len);
  /* Only the store's reference remains, as after loading a document. */
  g_clear_pointer (&spans, g_ptr_array_unref);
  after = mallinfo2 ();

  printf ("memory per span in a store, measured: %.1f bytes (mallinfo2, %u spans)\n",
          (double) ((after.uordblks + after.hblkhd) - (before.uordblks + before.hblkhd)) / N_SPANS,
          N_SPANS);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);

  /* Memory first, before other runs leave freed chunks to reuse. */
  bench_memory (rand);
  bench_splice_all (rand);
  bench_edits (rand);
  bench_reads (rand);

  return 0;
}
