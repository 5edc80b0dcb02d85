/* test-autosave.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window keeps work safe: a recovery copy written a moment after a
 * change and deleted on save, on discard and on undo back to the saved
 * state; a copy left by a "crash" offered at the next activation and
 * restored span for span, attached to its file; a file changed or deleted
 * by another program noticed, but not our own saves; a file on a
 * read-only file system annotated and saved elsewhere; a file above the
 * size limit refused without being read; and every bad file of
 * tests/data/bad/ refused with its exact message, the app running on and
 * the file untouched.
 *
 * The read-only case mounts a tmpfs in a mount namespace of the test's own
 * (as tests/reliability/test-file-system.c does); where that is not allowed
 * it is skipped.
 */
#define _GNU_SOURCE 1

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "annota-suggestions.h"
#include "annota-window-private.h"
#include "ui-test-util.h"

/* Short, so that the tests wait little; long enough that a burst of
 * changes is one write. */
#define TEST_INTERVAL_MS 100
#define WAIT_MS 5000

static AnnotaApplication *app;
static gboolean can_mount;
static const char *no_mount_reason = "";

typedef struct {
  char           *tmpdir;
  char           *path;        /* a copy of the sample */
  char           *original;
  gsize           original_len;
  AnnotaWindow   *window;
} Fixture;

/* Helpers */

static void
assert_file_is (const char *path,
                const char *expected)
{
  g_autofree char *contents = ui_test_read_file (path, NULL);

  g_assert_cmpstr (contents, ==, expected);
}

static char *
checksum_file (const char *path)
{
  gsize len = 0;
  g_autofree char *contents = ui_test_read_file (path, &len);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
copy_file (const char *from,
           const char *to)
{
  gsize len = 0;
  g_autofree char *contents = ui_test_read_file (from, &len);

  ui_test_write_file (to, contents, len);
}

static AnnotaWindow *
new_window (void)
{
  AnnotaWindow *window = annota_window_new (app);

  annota_autosave_set_interval (_annota_window_get_autosave (window), TEST_INTERVAL_MS);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
set_window (Fixture      *f,
            AnnotaWindow *window)
{
  if (f->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  f->window = window;
  if (window != NULL)
    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &f->window);
}

static void
destroy_window (AnnotaWindow *window)
{
  /* Whatever the test left is discarded, without a dialog. */
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ui_test_keep_recent_dir ();
  f->path = ui_test_copy_sample ("annota-test-autosave-XXXXXX", &f->tmpdir, &f->original, &f->original_len);

  set_window (f, new_window ());
  ui_test_flush_events ();

  if (data != NULL)
    {
      ui_test_load_path (f->window, f->path);
      ui_test_flush_events ();
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (ANNOTA_IS_WINDOW (l->data))
        destroy_window (l->data);
    }
  g_list_free (windows);
  ui_test_flush_events ();
  g_assert_null (f->window);

  ui_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->path);
  g_free (f->original);
}

static AnnotaDocument *
document (Fixture *f)
{
  return ui_test_window_document (f->window);
}

static AnnotaAutosave *
autosave (Fixture *f)
{
  return _annota_window_get_autosave (f->window);
}

static void
activate (Fixture    *f,
          const char *action,
          const char *label)
{
  if (label != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, "s", label));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
  ui_test_flush_events ();
}

static void
find_text (AnnotaDocument *doc,
           const char     *needle,
           guint          *start,
           guint          *end)
{
  const char *text = annota_text_get_utf8 (annota_document_get_text (doc));
  const char *p = strstr (text, needle);

  g_assert_nonnull (p);
  *start = g_utf8_pointer_to_offset (text, p);
  *end = *start + g_utf8_strlen (needle, -1);
}

/* Labels a word of the sample through the window. */
static void
label_word (Fixture    *f,
            const char *word,
            const char *label)
{
  guint start, end;

  find_text (document (f), word, &start, &end);
  annota_text_view_select_range (annota_window_get_text_view (f->window), start, end);
  activate (f, "win.label", label);
  g_assert_true (annota_document_get_modified (document (f)));
}

static char *
describe_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) doc = annota_document_load_file (path, NULL, NULL, &error);

  g_assert_no_error (error);
  return ui_test_describe_spans (doc);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
recovery_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "annota", "recovery", NULL);
}

/* The names in the recovery folder, sorted, space-separated. */
static char *
list_recovery_dir (void)
{
  g_autofree char *dir_path = recovery_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return g_strdup ("");
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static gboolean
has_copy (gpointer data)
{
  return annota_autosave_get_path (data) != NULL;
}

typedef struct {
  const char *path;
  const char *spans;
} CopyShows;

static gboolean
copy_shows (gpointer data)
{
  CopyShows *expected = data;
  g_autoptr(AnnotaDocument) doc = NULL;
  g_autofree char *spans = NULL;

  doc = annota_document_load_file (expected->path, NULL, NULL, NULL);
  if (doc == NULL)
    return FALSE;
  spans = ui_test_describe_spans (doc);
  return g_strcmp0 (spans, expected->spans) == 0;
}

/* Waits for the copy and checks that it is the document as it would be
 * saved, with a key file naming its file; returns the copy's path. */
static char *
wait_for_copy (Fixture *f)
{
  g_autofree char *dir = recovery_dir ();
  g_autofree char *spans = ui_test_describe_spans (document (f));
  g_autofree char *json = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *info_path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  CopyShows expected;
  const char *path;
  gsize len = 0;

  g_assert_true (ui_test_wait_for (has_copy, autosave (f), WAIT_MS));
  path = annota_autosave_get_path (autosave (f));
  g_assert_true (g_str_has_prefix (path, dir));
  g_assert_true (g_str_has_suffix (path, ".json"));
  expected.path = path;
  expected.spans = spans;
  g_assert_true (ui_test_wait_for (copy_shows, &expected, WAIT_MS));

  json = annota_document_to_json (document (f), &len);
  copy = ui_test_read_file (path, NULL);
  g_assert_cmpstr (copy, ==, json);

  {
    g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".json"));

    info_path = g_strconcat (stem, ".info", NULL);
  }
  g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  if (annota_document_get_file (document (f)) != NULL)
    {
      g_autofree char *file = g_key_file_get_string (info, "Recovery", "File", &error);

      g_assert_no_error (error);
      uri = g_file_get_uri (annota_document_get_file (document (f)));
      g_assert_cmpstr (file, ==, uri);
    }
  g_assert_cmpint (g_key_file_get_int64 (info, "Recovery", "Pid", NULL), ==, getpid ());
  return g_strdup (path);
}

/* Clicks a button as a person would; it must be there and usable. */
static void
click (GtkWidget  *widget,
       const char *label)
{
  GtkWidget *button = ui_test_find_button (widget, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  ui_test_flush_events ();
}

static gboolean
bar_is_shown (GtkInfoBar *bar)
{
  return gtk_info_bar_get_revealed (bar) && gtk_widget_get_visible (GTK_WIDGET (bar));
}

static gboolean
changed_bar_shown (gpointer data)
{
  return bar_is_shown (_annota_window_get_changed_bar (data));
}

/* Autosave */

static void
test_copy_written_and_saved (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *first = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *spans = NULL;

  /* Nothing to keep while nothing changed. */
  ui_test_run_for (3 * TEST_INTERVAL_MS);
  g_assert_null (annota_autosave_get_path (autosave (f)));
  listing = list_recovery_dir ();
  g_assert_cmpstr (listing, ==, "");
  g_clear_pointer (&listing, g_free);

  /* A change is copied a moment later, to the state folder. */
  label_word (f, "Donbass", "LOC");
  path = wait_for_copy (f);
  first = ui_test_read_file (path, NULL);

  /* The next change goes to the same copy. */
  label_word (f, "Lavrov", "PER");
  {
    g_autofree char *again = wait_for_copy (f);
    g_autofree char *second = ui_test_read_file (path, NULL);

    g_assert_cmpstr (again, ==, path);
    g_assert_cmpstr (second, !=, first);
  }
  listing = list_recovery_dir ();
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *stem = g_strndup (base, strlen (base) - strlen (".json"));
    g_autofree char *expected = g_strdup_printf ("%s.info %s.json", stem, stem);

    g_assert_cmpstr (listing, ==, expected);
  }

  /* Saving deletes it: the file has it all. */
  spans = ui_test_describe_spans (document (f));
  activate (f, "win.save", NULL);
  g_assert_false (annota_document_get_modified (document (f)));
  g_assert_null (annota_autosave_get_path (autosave (f)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&listing, g_free);
  listing = list_recovery_dir ();
  g_assert_cmpstr (listing, ==, "");
  saved = describe_file (f->path);
  g_assert_cmpstr (saved, ==, spans);

  /* And nothing comes back while the document stays saved. */
  ui_test_run_for (3 * TEST_INTERVAL_MS);
  g_assert_null (annota_autosave_get_path (autosave (f)));
}

static void
test_undo_and_discard_delete (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *listing = NULL;
  AdwMessageDialog *dialog;

  /* Undone back to the file: nothing left to recover. */
  label_word (f, "Donbass", "LOC");
  path = wait_for_copy (f);
  activate (f, "win.undo", NULL);
  g_assert_false (annota_document_get_modified (document (f)));
  g_assert_null (annota_autosave_get_path (autosave (f)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&path, g_free);

  /* Closed with Discard: the changes were given up on purpose. */
  label_word (f, "Donbass", "LOC");
  path = wait_for_copy (f);
  gtk_window_close (GTK_WINDOW (f->window));
  ui_test_flush_events ();
  dialog = ui_test_find_message_dialog (NULL, "Save Changes?");
  g_assert_nonnull (dialog);
  click (GTK_WIDGET (dialog), "_Discard");
  g_assert_null (f->window);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = list_recovery_dir ();
  g_assert_cmpstr (listing, ==, "");
  assert_file_is (f->path, f->original);
}

/* Labels two words, waits for the copy and "crashes": the window goes
 * without deleting the copy, as a killed process would. Returns the spans
 * the copy holds. */
static char *
crash_with_changes (Fixture  *f,
                    char    **copy_path)
{
  char *spans;

  label_word (f, "Donbass", "LOC");
  label_word (f, "Lavrov", "ORG");
  spans = ui_test_describe_spans (document (f));
  *copy_path = wait_for_copy (f);

  annota_autosave_abandon (autosave (f));
  destroy_window (f->window);
  ui_test_flush_events ();
  g_assert_null (f->window);
  g_assert_true (g_file_test (*copy_path, G_FILE_TEST_EXISTS));
  return spans;
}

static AdwMessageDialog *
start_again (Fixture *f)
{
  AdwMessageDialog *dialog;
  GtkWindow *parent;

  /* The next start: the application is activated with no window open. */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_application_activate (G_APPLICATION (app));
  ui_test_flush_events ();
  dialog = ui_test_find_message_dialog (NULL, "Recover Unsaved Work?");
  g_assert_nonnull (dialog);
  parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_assert_true (ANNOTA_IS_WINDOW (parent));
  set_window (f, ANNOTA_WINDOW (parent));
  annota_autosave_set_interval (autosave (f), TEST_INTERVAL_MS);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Recover Unsaved Work?");
  return dialog;
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *copy_path = NULL;
  g_autofree char *spans = crash_with_changes (f, &copy_path);
  g_autofree char *restored = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->path);
  AdwMessageDialog *dialog;
  AnnotaDocument *doc;

  /* The file itself never got the changes. */
  assert_file_is (f->path, f->original);

  dialog = start_again (f);
  g_assert_null (annota_window_get_document (f->window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "• kerry-lavrov-moscow.vi.json, changed "));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "restore");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "discard"), ==, ADW_RESPONSE_DESTRUCTIVE);
  click (GTK_WIDGET (dialog), "_Restore");
  g_assert_null (ui_test_find_message_dialog (NULL, "Recover Unsaved Work?"));

  /* Exactly the spans of the copy, unsaved, attached to the file, with
   * nothing to undo; the window keeps the same copy going. */
  doc = document (f);
  restored = ui_test_describe_spans (doc);
  g_assert_cmpstr (restored, ==, spans);
  g_assert_true (annota_document_get_modified (doc));
  g_assert_false (annota_document_get_can_undo (doc));
  g_assert_true (g_file_equal (annota_document_get_file (doc), file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "kerry-lavrov-moscow.vi.json •");
  g_assert_cmpstr (annota_autosave_get_path (autosave (f)), ==, copy_path);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app))->next);

  /* Not offered again while this window keeps it. */
  g_application_activate (G_APPLICATION (app));
  ui_test_flush_events ();
  g_assert_null (ui_test_find_message_dialog (NULL, "Recover Unsaved Work?"));

  /* Save writes them to the file, and the copy goes. */
  activate (f, "win.save", NULL);
  g_assert_false (annota_document_get_modified (doc));
  saved = describe_file (f->path);
  g_assert_cmpstr (saved, ==, spans);
  listing = list_recovery_dir ();
  g_assert_cmpstr (listing, ==, "");
}

static void
test_restore_later_and_discard (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *copy_path = NULL;
  g_autofree char *spans = crash_with_changes (f, &copy_path);
  g_autofree char *listing = NULL;
  AdwMessageDialog *dialog;

  /* Closed without an answer (Escape): the copy waits. */
  dialog = start_again (f);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_test_flush_events ();
  g_assert_null (ui_test_find_message_dialog (NULL, "Recover Unsaved Work?"));
  g_assert_null (annota_window_get_document (f->window));
  g_assert_true (g_file_test (copy_path, G_FILE_TEST_EXISTS));

  /* Asked again at the next activation; Discard deletes it. */
  destroy_window (f->window);
  ui_test_flush_events ();
  dialog = start_again (f);
  click (GTK_WIDGET (dialog), "_Discard");
  g_assert_null (annota_window_get_document (f->window));
  listing = list_recovery_dir ();
  g_assert_cmpstr (listing, ==, "");
  assert_file_is (f->path, f->original);

  /* And it is not offered any more. */
  destroy_window (f->window);
  ui_test_flush_events ();
  g_application_activate (G_APPLICATION (app));
  ui_test_flush_events ();
  g_assert_null (ui_test_find_message_dialog (NULL, "Recover Unsaved Work?"));
  set_window (f, ANNOTA_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data));
}

/* A plain text never saved comes back untitled, named after its text
 * file, and Save asks where. */
static void
test_restore_plain_text (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *txt = g_build_filename (f->tmpdir, "note.txt", NULL);
  g_autoptr(GFile) txt_file = g_file_new_for_path (txt);
  g_autoptr(GError) error = NULL;
  g_autofree char *spans = NULL;
  g_autofree char *copy_path = NULL;
  AdwMessageDialog *dialog;
  AnnotaDocument *doc;

  ui_test_write_file (txt, "Ông John Kerry ở Matxcơva.\n", -1);
  g_assert_true (annota_window_load_file (f->window, txt_file, &error));
  g_assert_no_error (error);
  ui_test_flush_events ();
  label_word (f, "Kerry", "PER");
  spans = ui_test_describe_spans (document (f));
  copy_path = wait_for_copy (f);
  annota_autosave_abandon (autosave (f));
  destroy_window (f->window);
  ui_test_flush_events ();

  dialog = start_again (f);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "• note.txt, changed "));
  click (GTK_WIDGET (dialog), "_Restore");
  doc = document (f);
  {
    g_autofree char *restored = ui_test_describe_spans (doc);

    g_assert_cmpstr (restored, ==, spans);
  }
  g_assert_null (annota_document_get_file (doc));
  g_assert_true (annota_document_get_modified (doc));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "note.txt •");

  activate (f, "win.save", NULL);
  g_assert_nonnull (f->window->chooser);
  gtk_native_dialog_hide (f->window->chooser);
  g_signal_emit_by_name (f->window->chooser, "response", GTK_RESPONSE_CANCEL);
  ui_test_flush_events ();
  assert_file_is (txt, "Ông John Kerry ở Matxcơva.\n");
}

/* Copies of another running process are its own; those of a process that
 * is gone are offered. */
static void
test_other_process (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = recovery_dir ();
  g_autofree char *alive_json = g_build_filename (dir, "alive.json", NULL);
  g_autofree char *alive_info = g_build_filename (dir, "alive.info", NULL);
  g_autofree char *dead_json = g_build_filename (dir, "dead.json", NULL);
  g_autofree char *dead_info = g_build_filename (dir, "dead.info", NULL);
  g_autofree char *lone_json = g_build_filename (dir, "lone.json", NULL);
  g_autofree char *temp = g_build_filename (dir, ".dead.json.XYZ123", NULL);
  g_autofree char *stat_contents = NULL;
  g_autofree char *boot = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *uri = g_filename_to_uri (f->path, NULL, NULL);
  pid_t child;
  int status;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  ui_test_write_file (alive_json, f->original, f->original_len);
  ui_test_write_file (dead_json, f->original, f->original_len);
  ui_test_write_file (lone_json, f->original, f->original_len);
  ui_test_write_file (temp, "{", -1);

  /* Our parent runs (meson, or a shell), and started when /proc says. */
  g_file_get_contents ("/proc/sys/kernel/random/boot_id", &boot, NULL, &error);
  g_assert_no_error (error);
  g_strstrip (boot);
  {
    g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", getppid ());

    g_file_get_contents (stat_path, &stat_contents, NULL, &error);
    g_assert_no_error (error);
    fields = g_strsplit (strrchr (stat_contents, ')') + 2, " ", -1);
  }
  info = g_strdup_printf ("[Recovery]\nFile=%s\nPid=%d\nBoot=%s\nStarted=%s\n", uri, getppid (), boot, fields[19]);
  ui_test_write_file (alive_info, info, -1);
  g_clear_pointer (&info, g_free);

  /* A child that ended and was reaped. */
  child = fork ();
  if (child == 0)
    _exit (0);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  info = g_strdup_printf ("[Recovery]\nFile=%s\nPid=%d\nBoot=%s\nStarted=1\n", uri, child, boot);
  ui_test_write_file (dead_info, info, -1);

  list = annota_recovery_list ();
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    {
      AnnotaRecovery *recovery = g_ptr_array_index (list, i);
      const char *path = annota_recovery_get_path (recovery);

      if (g_strcmp0 (path, dead_json) == 0)
        {
          g_autoptr(GFile) file = g_file_new_for_path (f->path);

          g_assert_cmpstr (annota_recovery_get_name (recovery), ==, "kerry-lavrov-moscow.vi.json");
          g_assert_true (g_file_equal (annota_recovery_get_file (recovery), file));
        }
      else
        {
          /* Without its key file: an untitled document. */
          g_assert_cmpstr (path, ==, lone_json);
          g_assert_cmpstr (annota_recovery_get_name (recovery), ==, "Untitled Document");
          g_assert_null (annota_recovery_get_file (recovery));
          g_assert_null (annota_recovery_get_source (recovery));
        }
    }

  /* The same process id given to another process later. */
  g_clear_pointer (&info, g_free);
  info = g_strdup_printf ("[Recovery]\nFile=%s\nPid=%d\nBoot=%s\nStarted=1\n", uri, getppid (), boot);
  ui_test_write_file (alive_info, info, -1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = annota_recovery_list ();
  g_assert_cmpuint (list->len, ==, 3);
}

/* The file on disk */

static void
test_own_save_ignored (Fixture       *f,
                       gconstpointer  data)
{
  GtkInfoBar *bar = _annota_window_get_changed_bar (f->window);

  g_assert_false (bar_is_shown (bar));
  label_word (f, "Donbass", "LOC");
  activate (f, "win.save", NULL);
  ui_test_run_for (1500);
  g_assert_false (bar_is_shown (bar));

  /* Save As elsewhere, then Save there: both ours. */
  {
    g_autofree char *other = g_build_filename (f->tmpdir, "other.json", NULL);
    g_autoptr(GFile) other_file = g_file_new_for_path (other);
    g_autoptr(GError) error = NULL;

    g_assert_true (annota_window_save_to_file (f->window, other_file, &error));
    g_assert_no_error (error);
    label_word (f, "Lavrov", "PER");
    activate (f, "win.save", NULL);
    ui_test_run_for (1500);
    g_assert_false (bar_is_shown (bar));

    /* Writing the old file is no concern of this window any more. */
    ui_test_write_file (f->path, "{}", -1);
    ui_test_run_for (1000);
    g_assert_false (bar_is_shown (bar));
  }
}

/* The mnemonic letters of the labels on screen under widget (not those
 * of menus that are not open; with visible, those of visible labels:
 * the bar's buttons are mapped only once it has slid in), sorted, as
 * "a b c ". The bar itself is left out of the window's. */
static void
collect_one_mnemonic (GtkWidget *widget,
                      gboolean   visible,
                      GPtrArray *found)
{
  if (visible ? !gtk_widget_get_visible (widget) : !gtk_widget_get_mapped (widget))
    return;
  if (!visible && GTK_IS_INFO_BAR (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)) &&
      gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol)
    g_ptr_array_add (found, g_strdup (gdk_keyval_name (gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget))))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_one_mnemonic (child, visible, found);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect_mnemonics (GtkWidget *widget,
                   gboolean   visible,
                   GString   *keys)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  collect_one_mnemonic (widget, visible, found);
  g_ptr_array_sort (found, compare_strings);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (keys, "%s ", (const char *) g_ptr_array_index (found, i));
}

static void
test_external_change (Fixture       *f,
                      gconstpointer  data)
{
  GtkInfoBar *bar = _annota_window_get_changed_bar (f->window);
  g_autoptr(AnnotaDocument) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *their_json = NULL;
  g_autofree char *their_spans = NULL;
  g_autofree char *mine = NULL;
  AnnotaDocument *before;
  AdwMessageDialog *dialog;
  guint start, end;

  /* Another program adds a span and writes the file. */
  theirs = annota_document_load_file (f->path, NULL, NULL, &error);
  g_assert_no_error (error);
  find_text (theirs, "Matxcơva", &start, &end);
  annota_document_add_span (theirs, start, end, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED, "other", -1.0, &error);
  g_assert_no_error (error);
  their_json = annota_document_to_json (theirs, NULL);
  their_spans = ui_test_describe_spans (theirs);
  ui_test_write_file (f->path, their_json, -1);

  g_assert_true (ui_test_wait_for (changed_bar_shown, f->window, WAIT_MS));
  g_assert_true (ui_test_find_label (GTK_WIDGET (bar), "The file was changed by another program", TRUE));
  /* Alt+R reloads: no other mnemonic of the window shown with the bar
   * takes R (the header's Review button once did). */
  {
    g_autoptr(GString) window_keys = g_string_new (NULL);
    g_autoptr(GString) bar_keys = g_string_new (NULL);

    collect_mnemonics (GTK_WIDGET (f->window), FALSE, window_keys);
    collect_mnemonics (GTK_WIDGET (bar), TRUE, bar_keys);
    /* Edit Labels, Open, Save, Review; Keep Mine, Reload. */
    g_assert_cmpstr (window_keys->str, ==, "e o s v ");
    g_assert_cmpstr (bar_keys->str, ==, "k r ");
  }

  /* Keep Mine: the window's version stays, unsaved, and the history is
   * what it was: no step that undoes nothing. */
  before = document (f);
  g_assert_false (annota_document_get_modified (before));
  g_assert_false (annota_document_get_can_undo (before));
  g_assert_false (annota_document_get_can_redo (before));
  mine = ui_test_describe_spans (before);
  click (GTK_WIDGET (bar), "_Keep Mine");
  g_assert_false (bar_is_shown (bar));
  g_assert_true (document (f) == before);
  g_assert_true (annota_document_get_modified (before));
  g_assert_false (annota_document_get_can_undo (before));
  g_assert_false (annota_document_get_can_redo (before));
  g_assert_cmpuint (annota_history_get_n_undo (annota_document_get_history (before)), ==, 0);

  /* One edit, one undo: back to the spans kept, nothing more to undo, and
   * still different from the file. */
  label_word (f, "Donbass", "LOC");
  g_assert_true (annota_document_get_can_undo (before));
  activate (f, "win.undo", NULL);
  {
    g_autofree char *undone = ui_test_describe_spans (before);

    g_assert_cmpstr (undone, ==, mine);
  }
  g_assert_false (annota_document_get_can_undo (before));
  g_assert_true (annota_document_get_can_redo (before));
  g_assert_true (annota_document_get_modified (before));

  /* Changed again: Reload asks first, since there are unsaved changes;
   * Cancel keeps them. */
  ui_test_write_file (f->path, their_json, -1);
  g_assert_true (ui_test_wait_for (changed_bar_shown, f->window, WAIT_MS));
  click (GTK_WIDGET (bar), "_Reload");
  dialog = ui_test_find_message_dialog (NULL, "Reload the File?");
  g_assert_nonnull (dialog);
  click (GTK_WIDGET (dialog), "_Cancel");
  g_assert_true (document (f) == before);

  click (GTK_WIDGET (bar), "_Reload");
  dialog = ui_test_find_message_dialog (NULL, "Reload the File?");
  g_assert_nonnull (dialog);
  click (GTK_WIDGET (dialog), "_Reload");
  g_assert_true (document (f) != before);
  {
    g_autofree char *now = ui_test_describe_spans (document (f));

    g_assert_cmpstr (now, ==, their_spans);
    g_assert_cmpstr (now, !=, mine);
  }
  g_assert_false (annota_document_get_modified (document (f)));
  g_assert_false (bar_is_shown (bar));

  /* Unmodified, Reload reloads at once. */
  before = document (f);
  ui_test_write_file (f->path, f->original, f->original_len);
  g_assert_true (ui_test_wait_for (changed_bar_shown, f->window, WAIT_MS));
  click (GTK_WIDGET (bar), "_Reload");
  g_assert_null (ui_test_find_message_dialog (NULL, "Reload the File?"));
  g_assert_true (document (f) != before);
  g_assert_false (bar_is_shown (bar));
}

static void
test_external_delete (Fixture       *f,
                      gconstpointer  data)
{
  GtkInfoBar *bar = _annota_window_get_changed_bar (f->window);
  g_autofree char *spans = ui_test_describe_spans (document (f));
  g_autofree char *saved = NULL;

  g_assert_cmpint (g_unlink (f->path), ==, 0);
  g_assert_true (ui_test_wait_for (changed_bar_shown, f->window, WAIT_MS));
  g_assert_true (ui_test_find_label (GTK_WIDGET (bar), "The file was deleted by another program", TRUE));
  g_assert_false (gtk_widget_get_visible (ui_test_find_button (GTK_WIDGET (bar), "_Reload")));

  /* Keep Mine, then Save: the file is back. */
  click (GTK_WIDGET (bar), "_Keep Mine");
  g_assert_true (annota_document_get_modified (document (f)));
  activate (f, "win.save", NULL);
  g_assert_false (annota_document_get_modified (document (f)));
  saved = describe_file (f->path);
  g_assert_cmpstr (saved, ==, spans);
  ui_test_run_for (1000);
  g_assert_false (bar_is_shown (bar));
}

/* Read-only */

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *mount_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *spans = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) elsewhere_file = NULL;
  g_autoptr(GError) error = NULL;
  GtkInfoBar *bar = _annota_window_get_read_only_bar (f->window);

  if (!can_mount)
    {
      g_test_skip_printf ("cannot mount file systems here: %s", no_mount_reason);
      return;
    }

  /* A writable file is not read-only. */
  g_assert_false (bar_is_shown (bar));

  mount_dir = g_build_filename (f->tmpdir, "ro", NULL);
  g_assert_cmpint (g_mkdir (mount_dir, 0755), ==, 0);
  g_assert_cmpint (mount ("tmpfs", mount_dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755"), ==, 0);
  path = g_build_filename (mount_dir, "kerry-lavrov-moscow.vi.json", NULL);
  ui_test_write_file (path, f->original, f->original_len);
  g_assert_cmpint (mount (NULL, mount_dir, NULL, MS_REMOUNT | MS_RDONLY, NULL), ==, 0);

  file = g_file_new_for_path (path);
  g_assert_true (annota_window_load_file (f->window, file, &error));
  g_assert_no_error (error);
  ui_test_flush_events ();
  g_assert_true (bar_is_shown (bar));
  g_assert_true (ui_test_find_label (GTK_WIDGET (bar), "Read-only — Save As to keep your changes", TRUE));

  /* Annotating works; Save asks where. */
  label_word (f, "Donbass", "LOC");
  spans = ui_test_describe_spans (document (f));
  activate (f, "win.save", NULL);
  g_assert_nonnull (f->window->chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (f->window->chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SAVE);
  gtk_native_dialog_hide (f->window->chooser);
  g_signal_emit_by_name (f->window->chooser, "response", GTK_RESPONSE_CANCEL);
  ui_test_flush_events ();
  g_assert_true (annota_document_get_modified (document (f)));

  /* The notice's own button asks too. */
  click (GTK_WIDGET (bar), "Save _As…");
  g_assert_nonnull (f->window->chooser);
  gtk_native_dialog_hide (f->window->chooser);
  g_signal_emit_by_name (f->window->chooser, "response", GTK_RESPONSE_CANCEL);
  ui_test_flush_events ();

  /* Saved elsewhere, the notice goes; the file stays as it was. */
  elsewhere = g_build_filename (f->tmpdir, "elsewhere.json", NULL);
  elsewhere_file = g_file_new_for_path (elsewhere);
  g_assert_true (annota_window_save_to_file (f->window, elsewhere_file, &error));
  g_assert_no_error (error);
  ui_test_flush_events ();
  g_assert_false (bar_is_shown (bar));
  g_assert_false (annota_document_get_modified (document (f)));
  {
    g_autofree char *saved = describe_file (elsewhere);
    g_autofree char *untouched = ui_test_read_file (path, NULL);

    g_assert_cmpstr (saved, ==, spans);
    g_assert_cmpstr (untouched, ==, f->original);
  }

  destroy_window (f->window);
  ui_test_flush_events ();
  g_assert_cmpint (umount2 (mount_dir, MNT_DETACH), ==, 0);
}

/* Large input */

static glong
max_rss_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  static const char * const names[] = { "huge.json", "huge.txt" };
  AnnotaDocument *before = document (f);
  /* In the binary units the core's limit is set in (512 MiB), a no-break
   * space before the unit, as g_format_size_full writes them. */
  const char *limit = "512.0\u00a0MiB";
  const char *size = "600.0\u00a0MiB";
  guint64 huge = 600 * 1024 * 1024;
  glong rss_before = max_rss_kb ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->tmpdir, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *parse_name = g_file_get_parse_name (file);
      g_autofree char *expected = NULL;
      int fd;

      /* Sparse: 600 MB of nothing, which costs no disk. */
      fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (ftruncate (fd, huge), ==, 0);
      g_assert_cmpint (close (fd), ==, 0);

      annota_window_open_file (f->window, file);
      ui_test_flush_events ();
      expected = g_strdup_printf ("%s: the file is too large to open (%s, at most %s)", parse_name, size, limit);
      g_assert_true (ui_test_toast_shows (f->window, expected, TRUE));
      g_assert_true (document (f) == before);
      g_assert_false (annota_document_get_modified (before));
    }

  /* Refused by its size, not after reading it. */
  g_assert_cmpint (max_rss_kb () - rss_before, <, 64 * 1024);
}

/* Bad input */

/* The EXPECTED list of a folder: file name to message. */
static GHashTable *
read_expected (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "EXPECTED", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *expected;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      colon = strchr (lines[i], ':');
      g_assert_nonnull (colon);
      g_hash_table_insert (expected, g_strndup (lines[i], colon - lines[i]), g_strdup (lines[i]));
    }
  return expected;
}

static GPtrArray *
sorted_names (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* Opens (native) or imports as suggestions (the other formats) one bad
 * file in the window: the exact message shows, the window and its document
 * stay, the file stays byte for byte. */
static void
check_bad_file (Fixture    *f,
                const char *format,
                const char *copy,
                const char *expected)
{
  g_autoptr(GFile) file = g_file_new_for_path (copy);
  g_autofree char *before_sum = checksum_file (copy);
  g_autofree char *after_sum = NULL;
  g_autofree char *spans = ui_test_describe_spans (document (f));
  g_autofree char *spans_after = NULL;
  AnnotaDocument *before = document (f);

  if (strcmp (format, "native") == 0)
    annota_window_open_file (f->window, file);
  else
    _annota_window_review_import (f->window, file);
  ui_test_flush_events ();

  g_assert_nonnull (f->window);
  if (!ui_test_toast_shows (f->window, expected, TRUE))
    g_error ("%s: the window does not show “%s”", copy, expected);
  g_assert_true (document (f) == before);
  g_assert_false (annota_document_get_modified (before));
  spans_after = ui_test_describe_spans (before);
  g_assert_cmpstr (spans_after, ==, spans);
  after_sum = checksum_file (copy);
  g_assert_cmpstr (after_sum, ==, before_sum);
}

/* Copies the bad files of a format's folder (with whatever lies beside
 * them: brat's .txt next to its .ann) into the test's folder, so that the
 * source tree is safe whatever happens. Returns the copies to open, and
 * the folder's EXPECTED list, if any. */
static GPtrArray *
copy_bad_files (Fixture     *f,
                const char  *format,
                GHashTable **expected)
{
  g_autofree char *dir = ui_test_source_path ("tests", "data", "bad", format, NULL);
  g_autofree char *copy_dir = g_build_filename (f->tmpdir, format, NULL);
  g_autoptr(GPtrArray) names = sorted_names (dir);
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_free);

  *expected = read_expected (dir);
  g_assert_cmpint (g_mkdir (copy_dir, 0755), ==, 0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *from = g_build_filename (dir, name, NULL);
      g_autofree char *to = g_build_filename (copy_dir, name, NULL);

      if (!g_file_test (from, G_FILE_TEST_IS_REGULAR))
        continue;
      copy_file (from, to);
      if (strcmp (name, "EXPECTED") == 0 || g_str_has_prefix (name, "README") ||
          (strcmp (format, "brat") == 0 && !g_str_has_suffix (name, ".ann")))
        continue;
      g_ptr_array_add (copies, g_steal_pointer (&to));
    }
  return copies;
}

/* The message EXPECTED gives for a copy: the list names files relative to
 * their folder, the window names them in full. */
static char *
expected_message (GHashTable *expected,
                  const char *copy)
{
  g_autofree char *name = g_path_get_basename (copy);
  g_autofree char *dir = g_path_get_dirname (copy);
  const char *line = g_hash_table_lookup (expected, name);

  if (line == NULL)
    g_error ("%s is not in its EXPECTED list", name);
  return g_build_filename (dir, line, NULL);
}

static void
test_bad_native (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GPtrArray) copies = copy_bad_files (f, "native", &expected);

  /* Every bad native file has its message in the list. */
  g_assert_nonnull (expected);
  g_assert_cmpuint (copies->len, >=, 40);
  g_assert_cmpuint (copies->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < copies->len; i++)
    {
      const char *copy = g_ptr_array_index (copies, i);
      g_autofree char *message = expected_message (expected, copy);

      check_bad_file (f, "native", copy, message);
    }
}

/* One file of another format, in a process of its own (run by
 * test_bad_other_formats): imported as suggestions into the sample, it is
 * refused with its EXPECTED message, or without a list with the reader's
 * own error. */
static void
test_bad_one_file (Fixture       *f,
                   gconstpointer  data)
{
  const char *format = g_getenv ("ANNOTA_TEST_BAD_FORMAT");
  const char *copy = g_getenv ("ANNOTA_TEST_BAD_FILE");
  g_autofree char *dir = NULL;
  g_autoptr(GHashTable) expected = NULL;
  g_autofree char *message = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /annota/bad-input/other-formats, a file at a time");
      return;
    }
  g_assert_nonnull (format);
  g_assert_nonnull (copy);
  dir = ui_test_source_path ("tests", "data", "bad", format, NULL);
  expected = read_expected (dir);
  if (expected != NULL)
    message = expected_message (expected, copy);
  else
    {
      g_autofree char *sample = ui_test_sample_path ();
      g_autoptr(AnnotaDocument) fresh = annota_document_load_file (sample, NULL, NULL, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (annota_suggestions_import_file (fresh, copy, NULL, &error));
      g_assert_nonnull (error);
      message = g_strdup (error->message);
    }
  check_bad_file (f, format, copy, message);
}

/* Every other format's bad files, each in a process of its own, so that
 * one that takes the window down does not hide the others: the test fails
 * naming all of them. */
static void
test_bad_other_formats (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *bad_root = ui_test_source_path ("tests", "data", "bad", NULL);
  g_autoptr(GPtrArray) formats = sorted_names (bad_root);
  g_autoptr(GString) failed = g_string_new (NULL);
  guint n_checked = 0;
  guint n_failed = 0;

  for (guint i = 0; i < formats->len; i++)
    {
      const char *format = g_ptr_array_index (formats, i);
      g_autofree char *dir = g_build_filename (bad_root, format, NULL);
      g_autoptr(GHashTable) expected = NULL;
      g_autoptr(GPtrArray) copies = NULL;

      /* A labels.json is no document: the app reads it in the label
       * editor (test-label-editor), the CLI checks these (test-bad-inputs). */
      if (strcmp (format, "native") == 0 || strcmp (format, "labels") == 0 ||
          !g_file_test (dir, G_FILE_TEST_IS_DIR))
        continue;
      copies = copy_bad_files (f, format, &expected);
      for (guint j = 0; j < copies->len; j++)
        {
          const char *copy = g_ptr_array_index (copies, j);

          g_setenv ("ANNOTA_TEST_BAD_FORMAT", format, TRUE);
          g_setenv ("ANNOTA_TEST_BAD_FILE", copy, TRUE);
          g_test_trap_subprocess ("/annota/bad-input/one-file", 60 * G_USEC_PER_SEC,
                                  G_TEST_SUBPROCESS_INHERIT_STDERR);
          n_checked++;
          if (!g_test_trap_has_passed ())
            {
              g_autofree char *name = g_path_get_basename (copy);

              g_string_append_printf (failed, " %s/%s", format, name);
              n_failed++;
            }
        }
    }
  g_unsetenv ("ANNOTA_TEST_BAD_FORMAT");
  g_unsetenv ("ANNOTA_TEST_BAD_FILE");

  g_test_message ("%u bad files of the other formats imported in the window", n_checked);
  g_assert_cmpuint (n_checked, >, 0);
  if (n_failed > 0)
    g_test_fail_printf ("%u of %u bad files broke the window or showed another message:%s",
                        n_failed, n_checked, failed->str);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* A mount namespace of this process, before any thread exists: mounts
   * made in it vanish with the process. */
  if (unshare (CLONE_NEWNS) != 0)
    no_mount_reason = g_strerror (errno);
  else if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    no_mount_reason = g_strerror (errno);
  else
    can_mount = TRUE;

  if (!ui_test_init (&argc, &argv, "/annota/autosave/no-display"))
    return g_test_run ();

  app = ui_test_application_new (G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);

#define ADD(path, func, with_document) \
  g_test_add (path, Fixture, (with_document) ? "document" : NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/annota/autosave/copy-written-and-saved", test_copy_written_and_saved, TRUE);
  ADD ("/annota/autosave/undo-and-discard-delete", test_undo_and_discard_delete, TRUE);
  ADD ("/annota/autosave/restore", test_restore, TRUE);
  ADD ("/annota/autosave/restore-later-and-discard", test_restore_later_and_discard, TRUE);
  ADD ("/annota/autosave/restore-plain-text", test_restore_plain_text, FALSE);
  ADD ("/annota/autosave/other-process", test_other_process, FALSE);
  ADD ("/annota/file-monitor/own-save-ignored", test_own_save_ignored, TRUE);
  ADD ("/annota/file-monitor/external-change", test_external_change, TRUE);
  ADD ("/annota/file-monitor/external-delete", test_external_delete, TRUE);
  ADD ("/annota/read-only/save-elsewhere", test_read_only, FALSE);
  ADD ("/annota/large-file/refused", test_too_large, TRUE);
  ADD ("/annota/bad-input/native", test_bad_native, TRUE);
  ADD ("/annota/bad-input/other-formats", test_bad_other_formats, FALSE);
  ADD ("/annota/bad-input/one-file", test_bad_one_file, TRUE);

  ret = g_test_run ();

  ui_test_application_free (app);
  return ret;
}
