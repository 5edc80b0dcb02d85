/* test-crash-safety.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A process that saves a growing document over and over is killed with
 * SIGKILL at a random moment, a hundred times. After every kill the file
 * loads and is, byte for byte, either the last version the process said it
 * had saved or the one after it.
 *
 * What an interrupted save may leave behind: the save writes a hidden
 * sibling ".NAME.XXXXXX" and renames it over NAME, so a kill before the
 * rename can leave that one temporary file, and never touches NAME. Nothing
 * cleans such a leftover up later (the process that made it is gone); it is
 * hidden, never read by the loader, and a folder of documents skips hidden
 * files. The test checks that each kill leaves at most one, named so, and
 * removes it before the next round.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "annota-core.h"
#include "annota-format.h"

#define N_KILLS 100
/* The rounds share this time; the kill delays shrink to keep to it. */
#define TIME_BUDGET_US (18 * G_USEC_PER_SEC)

static const char sentence[] = "Ông Kerry gặp Lavrov ở Matxcơva. ";

/* Generation g: 1 + g % 100 sentences, three spans in each, and the
 * generation in "meta". */
static AnnotaDocument *
make_version (guint generation)
{
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *meta = NULL;
  guint n_sentences = 1 + generation % 100;
  guint sentence_len = g_utf8_strlen (sentence, -1);
  guint i;

  for (i = 0; i < n_sentences; i++)
    g_string_append (text, sentence);
  document = annota_document_new_from_string (text->str, labels);

  for (i = 0; i < n_sentences; i++)
    {
      guint base = i * sentence_len;

      g_ptr_array_add (spans, annota_span_new (base + 4, base + 9, "PER",
                                               ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1.0));
      g_ptr_array_add (spans, annota_span_new (base + 14, base + 20, "PER",
                                               ANNOTA_SPAN_STATUS_SUGGESTED, "vi-ner",
                                               (i % 10) / 10.0 + 0.05));
      g_ptr_array_add (spans, annota_span_new (base + 23, base + 31, "LOC",
                                               (i + generation) % 3 == 0
                                                 ? ANNOTA_SPAN_STATUS_REJECTED
                                                 : ANNOTA_SPAN_STATUS_ACCEPTED,
                                               NULL, -1.0));
    }
  g_assert_true (annota_document_load_spans (document, spans, &error));
  g_assert_no_error (error);

  meta = g_strdup_printf ("{\"generation\": %u}", generation);
  annota_document_set_extra_member (document, "meta", meta);
  return g_steal_pointer (&document);
}

static char *
version_json (guint  generation,
              gsize *len)
{
  g_autoptr(AnnotaDocument) document = make_version (generation);

  return annota_document_to_json (document, len);
}

/* The child: saves generation after generation to path, and says so on
 * stdout after each save returned, until it is killed. */
static int
run_saver (const char *path,
           const char *first)
{
  guint64 generation = g_ascii_strtoull (first, NULL, 10);

  for (;; generation++)
    {
      g_autoptr(AnnotaDocument) document = make_version (generation);
      g_autoptr(GError) error = NULL;
      char line[32];
      int n;

      if (!annota_document_save_file (document, path, &error))
        {
          fprintf (stderr, "saver: %s\n", error->message);
          return 1;
        }
      n = g_snprintf (line, sizeof line, "%" G_GUINT64_FORMAT "\n", generation);
      if (write (STDOUT_FILENO, line, n) != n)
        return 1;
    }
}

/* The last complete line the child wrote, or fallback. */
static guint
last_reported (int   fd,
               guint fallback)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char buf[4096];
  gssize n;
  char *end;
  char *start;

  while ((n = read (fd, buf, sizeof buf)) != 0)
    {
      if (n < 0)
        {
          g_assert_cmpint (errno, ==, EINTR);
          continue;
        }
      g_string_append_len (out, buf, n);
    }

  end = strrchr (out->str, '\n');
  if (end == NULL)
    return fallback;
  *end = '\0';
  start = strrchr (out->str, '\n');
  start = start != NULL ? start + 1 : out->str;
  return (guint) g_ascii_strtoull (start, NULL, 10);
}

/* Checks the folder holds the document and at most one leftover of an
 * interrupted save, which it removes; TRUE if there was one. */
static gboolean
check_leftovers (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GRegex) pattern = g_regex_new ("^\\.doc\\.json\\.[A-Za-z0-9]{6}$", 0, 0, NULL);
  g_autofree char *leftover = NULL;
  gboolean have_document = FALSE;
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (strcmp (name, "doc.json") == 0)
        {
          have_document = TRUE;
          continue;
        }
      if (!g_regex_match (pattern, name, 0, NULL))
        g_error ("unexpected file after a kill: %s", name);
      if (leftover != NULL)
        g_error ("more than one leftover after a kill: %s and %s", leftover, name);
      leftover = g_strdup (name);
    }
  g_assert_true (have_document);

  if (leftover != NULL)
    {
      g_autofree char *path = g_build_filename (dir, leftover, NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
      return TRUE;
    }
  return FALSE;
}

static void
test_sigkill (void)
{
  g_autofree char *dir = g_dir_make_tmp ("annota-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "doc.json", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  guint on_disk = 0;
  guint n_leftovers = 0;
  guint n_new = 0;
  guint kill_n;

  g_assert_nonnull (dir);
  g_assert_nonnull (self);

  {
    g_autoptr(AnnotaDocument) first = make_version (0);
    g_assert_true (annota_document_save_file (first, path, &error));
    g_assert_no_error (error);
  }

  for (kill_n = 0; kill_n < N_KILLS; kill_n++)
    {
      g_autofree char *start = g_strdup_printf ("%u", on_disk + 1);
      const char *argv[] = { self, "--saver", path, start, NULL };
      g_autoptr(AnnotaDocument) loaded = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *expected = NULL;
      const char *meta;
      gint64 left = TIME_BUDGET_US - (g_get_monotonic_time () - started);
      gint64 max_delay;
      gint64 delay;
      GPid pid;
      int out_fd;
      int wstatus;
      guint reported;
      guint generation;
      gsize len;
      gsize expected_len;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      /* Up to twice the fair share of the time left, so that kills land
       * before the first save, in the middle of one, between two. */
      max_delay = MAX (left, 0) * 2 / (N_KILLS - kill_n);
      max_delay = CLAMP (max_delay, 2000, 300000);
      delay = g_test_rand_int_range (0, (gint32) max_delay);
      g_usleep (delay);

      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &wstatus, 0), ==, pid);
      g_spawn_close_pid (pid);
      /* The child died by the kill, not by an error of its own. */
      g_assert_true (WIFSIGNALED (wstatus));
      g_assert_cmpint (WTERMSIG (wstatus), ==, SIGKILL);

      reported = last_reported (out_fd, on_disk);
      close (out_fd);

      loaded = annota_document_load_file (path, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (loaded);
      meta = annota_document_get_extra_member (loaded, "meta");
      g_assert_nonnull (meta);
      g_assert_true (sscanf (meta, "{\"generation\": %u}", &generation) == 1);

      /* The last save the child finished, or the one it was about to
       * finish when it died. */
      if (generation != reported && generation != reported + 1)
        g_error ("kill %u: the file holds generation %u, the child had saved %u",
                 kill_n, generation, reported);
      g_assert_cmpuint (annota_span_store_get_n_spans (annota_document_get_spans (loaded)), ==,
                        3 * (1 + generation % 100));

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      expected = version_json (generation, &expected_len);
      g_assert_cmpuint (len, ==, expected_len);
      g_assert_true (memcmp (contents, expected, len) == 0);

      if (check_leftovers (dir))
        n_leftovers++;
      if (generation > on_disk)
        n_new++;
      on_disk = generation;
    }

  g_test_message ("%u kills in %.1f s: %u generations saved, %u kills left a temporary file, "
                  "%u rounds ended with a new version on disk",
                  N_KILLS, (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC,
                  on_disk, n_leftovers, n_new);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A folder of documents with the leftover of an interrupted save reads as
 * the documents alone. */
static void
test_leftover_ignored (void)
{
  g_autofree char *dir = g_dir_make_tmp ("annota-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "doc.json", NULL);
  g_autofree char *leftover = g_build_filename (dir, ".doc.json.Ab12Cd", NULL);
  g_autoptr(AnnotaDocument) version = make_version (7);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize len;

  g_assert_true (annota_document_save_file (version, path, &error));
  g_assert_no_error (error);
  json = version_json (8, &len);
  g_assert_true (g_file_set_contents (leftover, json, len / 2, NULL));

  documents = annota_format_read (ANNOTA_FORMAT_NATIVE, dir, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (documents);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (annota_document_get_extra_member (g_ptr_array_index (documents, 0), "meta"),
                   ==, "{\"generation\": 7}");

  g_assert_cmpint (g_unlink (leftover), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A sanity check of the helper itself: without a kill, versions differ
 * and each one loads back to the same bytes. */
static void
test_versions (void)
{
  guint g;

  for (g = 0; g < 3; g++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AnnotaDocument) loaded = NULL;
      g_autofree char *json = NULL;
      g_autofree char *next = NULL;
      g_autofree char *again = NULL;
      gsize len;

      json = version_json (g, &len);
      next = version_json (g + 1, NULL);
      g_assert_cmpstr (json, !=, next);
      loaded = annota_document_load_data (json, len, "doc.json", NULL, NULL, &error);
      g_assert_no_error (error);
      again = annota_document_to_json (loaded, NULL);
      g_assert_cmpstr (again, ==, json);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && strcmp (argv[1], "--saver") == 0)
    return run_saver (argv[2], argv[3]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/annota/reliability/crash-safety/versions", test_versions);
  g_test_add_func ("/annota/reliability/crash-safety/sigkill", test_sigkill);
  g_test_add_func ("/annota/reliability/crash-safety/leftover-ignored", test_leftover_ignored);

  return g_test_run ();
}
