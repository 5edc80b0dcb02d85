/* test-file-system.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saves that fail leave the old file byte for byte, leave no temporary file,
 * leave the document modified and say why: a folder or a file where a
 * folder should be, a read-only file system, a full one, a file size limit,
 * a target that cannot be replaced. Saves that succeed keep the file's
 * mode and owner. Inputs larger than ANNOTA_MAX_FILE_SIZE are refused without being
 * read.
 *
 * The file system cases mount small tmpfs file systems in a mount namespace
 * of the test's own (so nothing outlives the process); where that is not
 * allowed (not root, or a container without CAP_SYS_ADMIN) they are
 * skipped, and permission bits cannot stand in for them when running as
 * root, which ignores them.
 */
#define _GNU_SOURCE 1

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "annota-core.h"

static gboolean can_mount;
static const char *no_mount_reason = "";

/* Helpers */

/* A document with n sentences, a span on each, and an unsaved edit. */
static AnnotaDocument *
make_document (guint n)
{
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  AnnotaDocument *document;
  guint i;

  for (i = 0; i < n; i++)
    g_string_append (text, "Ông Kerry gặp Lavrov ở Matxcơva. ");
  document = annota_document_new_from_string (text->str, labels);
  for (i = 0; i < n; i++)
    {
      annota_document_add_span (document, i * 33 + 4, i * 33 + 9, "PER",
                                ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1.0, &error);
      g_assert_no_error (error);
    }
  g_assert_true (annota_document_get_modified (document));
  return document;
}

static char *
read_file (const char *path,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

/* The folder holds exactly the given names (NULL-terminated). */
static void
assert_dir_holds (const char *dir,
                  ...)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) want = g_ptr_array_new ();
  const char *name;
  guint n = 0;
  va_list args;

  va_start (args, dir);
  for (name = va_arg (args, const char *); name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (want, (gpointer) name);
  va_end (args);

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (!g_ptr_array_find_with_equal_func (want, name, g_str_equal, NULL))
        g_error ("unexpected file in %s: %s", dir, name);
      n++;
    }
  g_assert_cmpuint (n, ==, want->len);
}

static void
assert_file_is (const char *path,
                const char *contents,
                gsize       len)
{
  gsize now_len;
  g_autofree char *now = read_file (path, &now_len);

  g_assert_cmpuint (now_len, ==, len);
  g_assert_true (memcmp (now, contents, len) == 0);
}

/* A failed save: the exact message, and the document still unsaved. */
static void
assert_save_fails (AnnotaDocument *document,
                   const char     *path,
                   const char     *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (annota_document_save_file (document, path, &error));
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_true (annota_document_get_modified (document));
}

static char *
mount_tmpfs (const char *options)
{
  g_autofree char *dir = g_dir_make_tmp ("annota-tmpfs-XXXXXX", NULL);

  g_assert_nonnull (dir);
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
    g_error ("mount tmpfs on %s: %s", dir, g_strerror (errno));
  return g_steal_pointer (&dir);
}

static void
unmount_tmpfs (const char *dir)
{
  g_assert_cmpint (umount2 (dir, MNT_DETACH), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static gboolean
skip_without_mount (void)
{
  if (can_mount)
    return FALSE;
  g_test_skip_printf ("cannot mount file systems here: %s", no_mount_reason);
  return TRUE;
}

/* Saves that fail */

static void
test_parent_is_a_file (void)
{
  g_autoptr(AnnotaDocument) document = make_document (2);
  g_autofree char *dir = g_dir_make_tmp ("annota-rel-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *path = g_build_filename (file, "doc.json", NULL);
  g_autofree char *message = NULL;

  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));

  message = g_strdup_printf ("Cannot save “%s”: cannot create a file in “%s”: %s",
                             path, file, g_strerror (ENOTDIR));
  assert_save_fails (document, path, message);

  assert_file_is (file, "not a folder", strlen ("not a folder"));
  assert_dir_holds (dir, "notes.txt", NULL);

  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_folder_in_place (void)
{
  g_autoptr(AnnotaDocument) document = make_document (2);
  g_autofree char *dir = g_dir_make_tmp ("annota-rel-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "doc.json", NULL);
  g_autofree char *inside = g_build_filename (folder, "kept.txt", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autofree char *message = NULL;

  /* A folder, not empty, where the document should be; and a link to it. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, "kept", -1, NULL));
  g_assert_cmpint (symlink ("doc.json", link), ==, 0);

  message = g_strdup_printf ("Cannot save “%s”: it is a folder", folder);
  assert_save_fails (document, folder, message);
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("Cannot save “%s”: it is a folder", link);
  assert_save_fails (document, link, message);

  assert_file_is (inside, "kept", 4);
  assert_dir_holds (dir, "doc.json", "link.json", NULL);
  assert_dir_holds (folder, "kept.txt", NULL);

  g_assert_cmpint (g_unlink (inside), ==, 0);
  g_assert_cmpint (g_unlink (link), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_read_only_file_system (void)
{
  g_autoptr(AnnotaDocument) old_version = make_document (2);
  g_autoptr(AnnotaDocument) document = make_document (3);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *old = NULL;
  g_autofree char *message = NULL;
  gsize old_len;

  if (skip_without_mount ())
    return;

  dir = mount_tmpfs ("size=256k,mode=0755");
  path = g_build_filename (dir, "doc.json", NULL);
  g_assert_true (annota_document_save_file (old_version, path, &error));
  g_assert_no_error (error);
  old = read_file (path, &old_len);

  g_assert_cmpint (mount (NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL), ==, 0);

  message = g_strdup_printf ("Cannot save “%s”: cannot create a file in “%s”: %s",
                             path, dir, g_strerror (EROFS));
  assert_save_fails (document, path, message);
  assert_file_is (path, old, old_len);
  assert_dir_holds (dir, "doc.json", NULL);

  unmount_tmpfs (dir);
}

static void
test_disk_full (void)
{
  g_autoptr(AnnotaDocument) old_version = make_document (10);
  g_autoptr(AnnotaDocument) huge = make_document (3000);
  g_autoptr(AnnotaDocument) larger = make_document (40);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *old = NULL;
  g_autofree char *message = NULL;
  g_autofree char *zeros = NULL;
  gsize old_len;
  gsize filler_len;
  gsize larger_len;
  struct statvfs sv;
  struct stat st;

  if (skip_without_mount ())
    return;

  dir = mount_tmpfs ("size=64k,mode=0755");
  path = g_build_filename (dir, "doc.json", NULL);
  filler = g_build_filename (dir, "filler", NULL);
  g_assert_true (annota_document_save_file (old_version, path, &error));
  g_assert_no_error (error);
  old = read_file (path, &old_len);
  g_assert_cmpuint (old_len, <, 4096);

  message = g_strdup_printf ("Cannot save “%s”: %s", path, g_strerror (ENOSPC));

  /* A document larger than the whole file system. */
  g_free (annota_document_to_json (huge, &larger_len));
  g_assert_cmpuint (larger_len, >, 64 * 1024);
  assert_save_fails (huge, path, message);
  assert_file_is (path, old, old_len);
  assert_dir_holds (dir, "doc.json", NULL);

  /* A full file system: the old file and a filler leave less room than the
   * new version needs. An atomic save needs room for both versions at
   * once, so it fails even where an overwrite in place would fit. */
  g_free (annota_document_to_json (larger, &larger_len));
  g_assert_cmpuint (larger_len, >, old_len);
  g_assert_cmpuint (larger_len, <, 8192);
  filler_len = 64 * 1024 - 4096 - 4096;
  zeros = g_malloc0 (filler_len);
  g_assert_true (g_file_set_contents (filler, zeros, filler_len, NULL));
  g_assert_cmpint (statvfs (dir, &sv), ==, 0);
  g_assert_cmpuint ((guint64) sv.f_bavail * sv.f_frsize, <, larger_len);
  assert_save_fails (larger, path, message);
  assert_file_is (path, old, old_len);
  assert_dir_holds (dir, "doc.json", "filler", NULL);

  /* The failed saves gave their room back: with the filler gone, the same
   * save succeeds. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_true (annota_document_save_file (larger, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_size, ==, larger_len);
  assert_dir_holds (dir, "doc.json", NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
  unmount_tmpfs (dir);
}

static void
test_file_size_limit (void)
{
  g_autoptr(AnnotaDocument) old_version = make_document (2);
  g_autoptr(AnnotaDocument) document = make_document (100);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("annota-rel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "doc.json", NULL);
  g_autofree char *old = NULL;
  g_autofree char *message = NULL;
  struct rlimit saved;
  struct rlimit limit;
  void (*saved_handler) (int);
  gsize old_len;

  /* The same failure in the middle of a write as a full disk, but any user
   * can cause it: a file size limit. */
  g_assert_true (annota_document_save_file (old_version, path, &error));
  g_assert_no_error (error);
  old = read_file (path, &old_len);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 4096;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  message = g_strdup_printf ("Cannot save “%s”: %s", path, g_strerror (EFBIG));
  assert_save_fails (document, path, message);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  assert_file_is (path, old, old_len);
  assert_dir_holds (dir, "doc.json", NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_target_busy (void)
{
  g_autoptr(AnnotaDocument) document = make_document (2);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other = NULL;
  g_autofree char *message = NULL;

  if (skip_without_mount ())
    return;

  /* A file mounted over the target cannot be replaced: everything works up
   * to the rename, which fails. */
  dir = mount_tmpfs ("size=256k,mode=0755");
  path = g_build_filename (dir, "doc.json", NULL);
  other = g_build_filename (dir, "other.json", NULL);
  g_assert_true (g_file_set_contents (path, "under", -1, NULL));
  g_assert_true (g_file_set_contents (other, "old contents", -1, NULL));
  g_assert_cmpint (mount (other, path, NULL, MS_BIND, NULL), ==, 0);

  message = g_strdup_printf ("Cannot save “%s”: %s", path, g_strerror (EBUSY));
  assert_save_fails (document, path, message);
  assert_file_is (path, "old contents", strlen ("old contents"));
  assert_dir_holds (dir, "doc.json", "other.json", NULL);

  g_assert_cmpint (umount2 (path, 0), ==, 0);
  assert_file_is (path, "under", strlen ("under"));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_unlink (other), ==, 0);
  unmount_tmpfs (dir);
}

/* Saves that succeed */

static void
test_keeps_mode (void)
{
  static const mode_t modes[] = { 0640, 0600, 0664, 0604, 0444, 0660 | S_ISGID };
  g_autoptr(AnnotaDocument) document = make_document (2);
  g_autofree char *dir = g_dir_make_tmp ("annota-rel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "doc.json", NULL);
  mode_t mask = umask (077);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      struct stat st;

      g_test_message ("mode %04o", (guint) modes[i]);
      g_assert_true (g_file_set_contents (path, "old", -1, NULL));
      g_assert_cmpint (g_chmod (path, modes[i]), ==, 0);

      g_assert_true (annota_document_save_file (document, path, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpuint (st.st_mode & 07777, ==, modes[i]);
      assert_dir_holds (dir, "doc.json", NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  umask (mask);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_keeps_owner (void)
{
  g_autoptr(AnnotaDocument) document = make_document (2);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  struct stat st;

  /* A file of a shared corpus, owned by another user and a group, saved by
   * someone allowed to write it: it must stay theirs, or the others lose
   * access. Only root can make a file owned by someone else. */
  if (geteuid () != 0)
    {
      g_test_skip ("needs root to give a file another owner");
      return;
    }

  dir = g_dir_make_tmp ("annota-rel-XXXXXX", NULL);
  path = g_build_filename (dir, "doc.json", NULL);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (chown (path, 4242, 4343), ==, 0);
  g_assert_cmpint (g_chmod (path, 0664), ==, 0);

  g_assert_true (annota_document_save_file (document, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_uid, ==, 4242);
  g_assert_cmpuint (st.st_gid, ==, 4343);
  g_assert_cmpuint (st.st_mode & 07777, ==, 0664);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Inputs too large to read */

/* Bytes this process has read so far, from /proc/self/io. */
static guint64
bytes_read (void)
{
  g_autofree char *io = NULL;
  const char *rchar;

  g_assert_true (g_file_get_contents ("/proc/self/io", &io, NULL, NULL));
  rchar = strstr (io, "rchar: ");
  g_assert_nonnull (rchar);
  return g_ascii_strtoull (rchar + strlen ("rchar: "), NULL, 10);
}

static char *
make_sparse_file (const char *dir,
                  const char *name,
                  goffset     size)
{
  char *path = g_build_filename (dir, name, NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "{\"annota\": 1, ", 14), ==, 14);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  return path;
}

static void
test_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("annota-rel-XXXXXX", NULL);
  g_autofree char *path = make_sparse_file (dir, "huge.json", ANNOTA_MAX_FILE_SIZE + 1);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(AnnotaLabelSet) labels = NULL;
  gint64 started = g_get_monotonic_time ();
  guint64 read_before = bytes_read ();
  guint64 read_after;

  message = g_strdup_printf ("%s: the file is larger than 512 MB, the largest Annota reads", path);

  document = annota_document_load_file (path, NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  labels = annota_label_set_load_file (path, &error);
  g_assert_null (labels);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  /* Refused from its size, without reading it. */
  read_after = bytes_read ();
  g_assert_cmpuint (read_after - read_before, <, 64 * 1024);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_largest_allowed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("annota-rel-XXXXXX", NULL);
  g_autofree char *path = make_sparse_file (dir, "largest.json", ANNOTA_MAX_FILE_SIZE);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) document = NULL;
  guint64 read_before = bytes_read ();

  /* At the limit the file is read, and its first NUL byte ends the parse:
   * reading stops at the first chunk. */
  document = annota_document_load_file (path, NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_cmpuint (bytes_read () - read_before, <, 2 * 1024 * 1024);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_too_large_in_memory (void)
{
  gsize size = (gsize) ANNOTA_MAX_FILE_SIZE + 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(AnnotaLabelSet) labels = NULL;
  void *data;

  /* Address space only, which faults if touched: the size alone decides. */
  data = mmap (NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  g_assert_true (data != MAP_FAILED);

  document = annota_document_load_data (data, size, "huge.json", NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==, "huge.json: the file is larger than 512 MB, the largest Annota reads");
  g_clear_error (&error);

  labels = annota_label_set_load_data (data, size, "huge.json", &error);
  g_assert_null (labels);
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_LIMIT);

  g_assert_cmpint (munmap (data, size), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* A mount namespace of this process, before any thread exists: mounts
   * made in it vanish with the process. */
  if (unshare (CLONE_NEWNS) != 0)
    no_mount_reason = g_strerror (errno);
  else if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    no_mount_reason = g_strerror (errno);
  else
    can_mount = TRUE;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/annota/reliability/save/parent-is-a-file", test_parent_is_a_file);
  g_test_add_func ("/annota/reliability/save/folder-in-place", test_folder_in_place);
  g_test_add_func ("/annota/reliability/save/read-only-file-system", test_read_only_file_system);
  g_test_add_func ("/annota/reliability/save/disk-full", test_disk_full);
  g_test_add_func ("/annota/reliability/save/file-size-limit", test_file_size_limit);
  g_test_add_func ("/annota/reliability/save/target-busy", test_target_busy);
  g_test_add_func ("/annota/reliability/save/keeps-mode", test_keeps_mode);
  g_test_add_func ("/annota/reliability/save/keeps-owner", test_keeps_owner);
  g_test_add_func ("/annota/reliability/load/too-large", test_too_large);
  g_test_add_func ("/annota/reliability/load/largest-allowed", test_largest_allowed);
  g_test_add_func ("/annota/reliability/load/too-large-in-memory", test_too_large_in_memory);

  return g_test_run ();
}
