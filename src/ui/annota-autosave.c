/* annota-autosave.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recovery copies of documents with unsaved changes, and the copies a
 * process left behind when it ended without saving or discarding them.
 *
 * A copy is NAME.json (the document as it would be saved) and NAME.info, a
 * key file naming the document's file and the process keeping the copy.
 * The copy is written the interval after the last change; changes that
 * emit no signal the window could hear (a note, a label's colour) still
 * leave their trace in the history, which a tick at the same interval
 * compares with what was written.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "annota-autosave.h"

#define DEFAULT_INTERVAL_MS 5000
/* A copy waits for a pause in the changes, but never longer than this many
 * intervals. */
#define MAX_WAIT_INTERVALS 3
#define INFO_GROUP "Recovery"
#define JSON_SUFFIX ".json"
#define INFO_SUFFIX ".info"

struct _AnnotaAutosave
{
  GObject         parent_instance;

  AnnotaDocument *document;
  GFile          *source;
  gboolean        is_sample;
  guint           interval;

  char           *path;
  /* The key file as last written, so that it is written only when it
   * changes. */
  char           *info;

  guint           debounce_id;
  gint64          pending_since;
  guint           tick_id;

  /* What the copy on disk shows: the count of change signals heard and the
   * history's shape when it was written. */
  guint64         changes;
  gboolean        written;
  guint64         written_changes;
  guint           written_n_undo;
  gboolean        written_can_redo;

  gboolean        failing;
};

struct _AnnotaRecovery
{
  char      *path;
  char      *info_path;
  char      *name;
  GFile     *file;
  GFile     *source;
  gboolean   is_sample;
  GDateTime *time;
};

G_DEFINE_FINAL_TYPE (AnnotaAutosave, annota_autosave, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_INTERVAL,
  PROP_PATH,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The copies kept by AnnotaAutosave objects of this process. */
static GHashTable *live_paths;

static void
live_add (const char *path)
{
  if (live_paths == NULL)
    live_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (live_paths, g_strdup (path));
}

static void
live_remove (const char *path)
{
  if (live_paths == NULL)
    return;
  g_hash_table_remove (live_paths, path);
  if (g_hash_table_size (live_paths) == 0)
    g_clear_pointer (&live_paths, g_hash_table_unref);
}

static gboolean
live_contains (const char *path)
{
  return live_paths != NULL && g_hash_table_contains (live_paths, path);
}

static char *
info_path_for (const char *path)
{
  g_autofree char *stem = NULL;

  if (g_str_has_suffix (path, JSON_SUFFIX))
    stem = g_strndup (path, strlen (path) - strlen (JSON_SUFFIX));
  else
    stem = g_strdup (path);
  return g_strconcat (stem, INFO_SUFFIX, NULL);
}

static char *
read_boot_id (void)
{
  char *contents = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &contents, NULL, NULL))
    return NULL;
  return g_strstrip (contents);
}

/* The state letter and start time (in clock ticks after boot) of a
 * process, from /proc; FALSE when it cannot be read. */
static gboolean
read_process (gint64   pid,
              char    *state,
              guint64 *start_time)
{
  g_autofree char *path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/stat", pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;
  /* The name in parentheses may hold spaces and parentheses itself. */
  after_name = strrchr (contents, ')');
  if (after_name == NULL)
    return FALSE;
  fields = g_strsplit (after_name + 1, " ", -1);
  /* fields[0] is empty (the space after the parenthesis); the state is the
   * third field of the line, the start time the 22nd. */
  if (g_strv_length (fields) < 21)
    return FALSE;
  *state = fields[1][0];
  *start_time = g_ascii_strtoull (fields[20], NULL, 10);
  return TRUE;
}

/* TRUE when the process that wrote the key file still runs, and keeps its
 * copy up to date. */
static gboolean
owner_is_running (GKeyFile *info)
{
  gint64 pid = g_key_file_get_int64 (info, INFO_GROUP, "Pid", NULL);
  guint64 started = g_key_file_get_uint64 (info, INFO_GROUP, "Started", NULL);
  g_autofree char *boot = g_key_file_get_string (info, INFO_GROUP, "Boot", NULL);
  g_autofree char *our_boot = read_boot_id ();
  guint64 start_time = 0;
  char state = 0;

  /* Copies of this process that no live object keeps were let go of. */
  if (pid <= 0 || pid == (gint64) getpid ())
    return FALSE;
  if (boot != NULL && our_boot != NULL && strcmp (boot, our_boot) != 0)
    return FALSE;
  if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
    return FALSE;
  if (read_process (pid, &state, &start_time))
    {
      /* A killed process waiting to be reaped, or another one that was
       * given the same number. */
      if (state == 'Z' || state == 'X')
        return FALSE;
      if (started != 0 && start_time != started)
        return FALSE;
    }
  return TRUE;
}

char *
annota_recovery_get_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "annota", "recovery", NULL);
}

/* AnnotaAutosave */

static void
stop_timers (AnnotaAutosave *self)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
set_path (AnnotaAutosave *self,
          const char     *path)
{
  if (g_strcmp0 (self->path, path) == 0)
    return;
  if (self->path != NULL)
    live_remove (self->path);
  g_free (self->path);
  self->path = g_strdup (path);
  if (path != NULL)
    live_add (path);
  g_clear_pointer (&self->info, g_free);
  self->written = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

static void
delete_copy (AnnotaAutosave *self)
{
  g_autofree char *info_path = NULL;

  if (self->path == NULL)
    return;
  info_path = info_path_for (self->path);
  if (g_unlink (self->path) != 0 && errno != ENOENT)
    g_debug ("Cannot delete the recovery copy “%s”: %s", self->path, g_strerror (errno));
  if (g_unlink (info_path) != 0 && errno != ENOENT)
    g_debug ("Cannot delete “%s”: %s", info_path, g_strerror (errno));
  set_path (self, NULL);
}

static char *
build_info (AnnotaAutosave *self)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *boot = read_boot_id ();
  GFile *file = annota_document_get_file (self->document);
  guint64 start_time = 0;
  char state = 0;

  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_key_file_set_string (info, INFO_GROUP, "File", uri);
    }
  else if (self->source != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->source);

      g_key_file_set_string (info, INFO_GROUP, "Source", uri);
      if (self->is_sample)
        g_key_file_set_boolean (info, INFO_GROUP, "Sample", TRUE);
    }
  g_key_file_set_int64 (info, INFO_GROUP, "Pid", getpid ());
  if (boot != NULL)
    g_key_file_set_string (info, INFO_GROUP, "Boot", boot);
  if (read_process (getpid (), &state, &start_time))
    g_key_file_set_uint64 (info, INFO_GROUP, "Started", start_time);
  return g_key_file_to_data (info, NULL, NULL);
}

static gboolean
write_info (AnnotaAutosave  *self,
            GError         **error)
{
  g_autofree char *info = build_info (self);
  g_autofree char *info_path = NULL;

  if (g_strcmp0 (info, self->info) == 0)
    return TRUE;
  info_path = info_path_for (self->path);
  if (!annota_write_file_atomic (info_path, info, strlen (info), error))
    return FALSE;
  g_free (self->info);
  self->info = g_steal_pointer (&info);
  return TRUE;
}

static void
remember_written (AnnotaAutosave *self)
{
  AnnotaHistory *history = annota_document_get_history (self->document);

  self->written = TRUE;
  self->written_changes = self->changes;
  self->written_n_undo = annota_history_get_n_undo (history);
  self->written_can_redo = annota_history_can_redo (history);
}

static gboolean
is_written (AnnotaAutosave *self)
{
  AnnotaHistory *history = annota_document_get_history (self->document);

  return self->written && self->path != NULL &&
         self->written_changes == self->changes &&
         self->written_n_undo == annota_history_get_n_undo (history) &&
         self->written_can_redo == annota_history_can_redo (history);
}

gboolean
annota_autosave_write_now (AnnotaAutosave  *self,
                           GError         **error)
{
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  gsize len = 0;

  g_return_val_if_fail (ANNOTA_IS_AUTOSAVE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->document == NULL || !annota_document_get_modified (self->document))
    return TRUE;

  if (self->path == NULL)
    {
      g_autofree char *dir = annota_recovery_get_dir ();
      g_autofree char *id = g_uuid_string_random ();

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot make the folder “%s”: %s"), dir, g_strerror (saved_errno));
          return FALSE;
        }
      path = g_strconcat (dir, G_DIR_SEPARATOR_S, id, JSON_SUFFIX, NULL);
    }
  else
    path = g_strdup (self->path);

  json = annota_document_to_json (self->document, &len);
  if (!annota_write_file_atomic (path, json, len, error))
    return FALSE;
  set_path (self, path);
  if (!write_info (self, error))
    return FALSE;
  remember_written (self);
  return TRUE;
}

static void
write_and_report (AnnotaAutosave *self)
{
  g_autoptr(GError) error = NULL;

  if (annota_autosave_write_now (self, &error))
    {
      self->failing = FALSE;
      return;
    }
  /* Said once, not at every tick, until a copy is written again. */
  if (!self->failing)
    {
      g_autofree char *message = g_strdup_printf (_("Could not keep a recovery copy: %s"), error->message);

      self->failing = TRUE;
      g_signal_emit (self, signals[FAILED], 0, message);
    }
}

static gboolean
on_debounce (gpointer user_data)
{
  AnnotaAutosave *self = user_data;

  self->debounce_id = 0;
  if (!is_written (self))
    write_and_report (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_tick (gpointer user_data)
{
  AnnotaAutosave *self = user_data;

  if (self->debounce_id == 0 && !is_written (self))
    write_and_report (self);
  return G_SOURCE_CONTINUE;
}

static void
schedule (AnnotaAutosave *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->debounce_id != 0)
    {
      /* Changes without a pause: the pending write is not put off again. */
      if (now - self->pending_since >= (gint64) self->interval * 1000 * MAX_WAIT_INTERVALS)
        return;
      g_source_remove (self->debounce_id);
    }
  else
    self->pending_since = now;
  self->debounce_id = g_timeout_add (self->interval, on_debounce, self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add (self->interval, on_tick, self);
}

static void
on_changed (AnnotaAutosave *self)
{
  self->changes++;
  if (annota_document_get_modified (self->document))
    schedule (self);
}

static void
on_modified (AnnotaAutosave *self)
{
  self->changes++;
  if (annota_document_get_modified (self->document))
    schedule (self);
  else
    {
      /* Saved, or undone back to what was saved: nothing to recover. */
      stop_timers (self);
      delete_copy (self);
    }
}

static void
disconnect_document (AnnotaAutosave *self)
{
  if (self->document == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->document, self);
  g_signal_handlers_disconnect_by_data (annota_document_get_spans (self->document), self);
  g_signal_handlers_disconnect_by_data (annota_document_get_labels (self->document), self);
}

static void
connect_document (AnnotaAutosave *self)
{
  static const char * const document_signals[] = {
    "counts-changed", "notify::state", "notify::can-undo", "notify::can-redo", "notify::file",
  };

  for (guint i = 0; i < G_N_ELEMENTS (document_signals); i++)
    g_signal_connect_object (self->document, document_signals[i],
                             G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified",
                           G_CALLBACK (on_modified), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (annota_document_get_spans (self->document), "items-changed",
                           G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (annota_document_get_labels (self->document), "items-changed",
                           G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
}

void
annota_autosave_set_document (AnnotaAutosave *self,
                              AnnotaDocument *document,
                              GFile          *source,
                              gboolean        is_sample)
{
  g_return_if_fail (ANNOTA_IS_AUTOSAVE (self));
  g_return_if_fail (document == NULL || ANNOTA_IS_DOCUMENT (document));
  g_return_if_fail (source == NULL || G_IS_FILE (source));

  g_set_object (&self->source, source);
  self->is_sample = is_sample;
  g_clear_pointer (&self->info, g_free);

  if (self->document == document)
    return;

  stop_timers (self);
  delete_copy (self);
  disconnect_document (self);
  g_set_object (&self->document, document);
  self->changes = 0;
  if (document != NULL)
    {
      connect_document (self);
      if (annota_document_get_modified (document))
        schedule (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

AnnotaDocument *
annota_autosave_get_document (AnnotaAutosave *self)
{
  g_return_val_if_fail (ANNOTA_IS_AUTOSAVE (self), NULL);

  return self->document;
}

guint
annota_autosave_get_interval (AnnotaAutosave *self)
{
  g_return_val_if_fail (ANNOTA_IS_AUTOSAVE (self), 0);

  return self->interval;
}

void
annota_autosave_set_interval (AnnotaAutosave *self,
                              guint           interval)
{
  g_return_if_fail (ANNOTA_IS_AUTOSAVE (self));
  g_return_if_fail (interval > 0);

  if (self->interval == interval)
    return;
  self->interval = interval;
  if (self->tick_id != 0)
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      self->tick_id = g_timeout_add (self->interval, on_tick, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

const char *
annota_autosave_get_path (AnnotaAutosave *self)
{
  g_return_val_if_fail (ANNOTA_IS_AUTOSAVE (self), NULL);

  return self->path;
}

void
annota_autosave_take_over (AnnotaAutosave *self,
                           AnnotaRecovery *recovery)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ANNOTA_IS_AUTOSAVE (self));
  g_return_if_fail (recovery != NULL);
  g_return_if_fail (self->document != NULL);

  if (g_strcmp0 (self->path, recovery->path) != 0)
    delete_copy (self);
  set_path (self, recovery->path);
  /* The copy holds this very document; the key file now names this
   * process as its keeper. */
  remember_written (self);
  if (!write_info (self, &error))
    g_debug ("Cannot take over “%s”: %s", recovery->path, error->message);
}

void
annota_autosave_abandon (AnnotaAutosave *self)
{
  g_return_if_fail (ANNOTA_IS_AUTOSAVE (self));

  stop_timers (self);
  disconnect_document (self);
  if (self->document != NULL)
    {
      g_clear_object (&self->document);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
    }
  if (self->path != NULL)
    {
      live_remove (self->path);
      g_clear_pointer (&self->path, g_free);
      g_clear_pointer (&self->info, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
    }
}

static void
annota_autosave_dispose (GObject *object)
{
  AnnotaAutosave *self = ANNOTA_AUTOSAVE (object);

  /* Its owner let go of the document on purpose (saved, or discarded). */
  stop_timers (self);
  delete_copy (self);
  disconnect_document (self);
  g_clear_object (&self->document);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (annota_autosave_parent_class)->dispose (object);
}

static void
annota_autosave_finalize (GObject *object)
{
  AnnotaAutosave *self = ANNOTA_AUTOSAVE (object);

  g_free (self->path);
  g_free (self->info);

  G_OBJECT_CLASS (annota_autosave_parent_class)->finalize (object);
}

static void
annota_autosave_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AnnotaAutosave *self = ANNOTA_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_autosave_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AnnotaAutosave *self = ANNOTA_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      annota_autosave_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_autosave_class_init (AnnotaAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = annota_autosave_dispose;
  object_class->finalize = annota_autosave_finalize;
  object_class->get_property = annota_autosave_get_property;
  object_class->set_property = annota_autosave_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         ANNOTA_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A copy could not be written; the message says why. Emitted once until
   * a copy is written again. */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
annota_autosave_init (AnnotaAutosave *self)
{
  const char *env = g_getenv ("ANNOTA_AUTOSAVE_INTERVAL");

  self->interval = DEFAULT_INTERVAL_MS;
  if (env != NULL && *env != '\0')
    {
      char *end = NULL;
      double seconds = g_ascii_strtod (env, &end);

      if (end != env && *end == '\0' && seconds > 0 && seconds <= 24 * 60 * 60)
        self->interval = MAX (1, (guint) (seconds * 1000));
    }
}

AnnotaAutosave *
annota_autosave_new (void)
{
  return g_object_new (ANNOTA_TYPE_AUTOSAVE, NULL);
}

/* AnnotaRecovery */

static char *
display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

static AnnotaRecovery *
recovery_new (const char *path,
              GKeyFile   *info)
{
  AnnotaRecovery *self = g_new0 (AnnotaRecovery, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) file_info = NULL;

  self->path = g_strdup (path);
  self->info_path = info_path_for (path);
  if (info != NULL)
    {
      g_autofree char *uri = g_key_file_get_string (info, INFO_GROUP, "File", NULL);
      g_autofree char *source_uri = g_key_file_get_string (info, INFO_GROUP, "Source", NULL);

      if (uri != NULL && *uri != '\0')
        self->file = g_file_new_for_uri (uri);
      else if (source_uri != NULL && *source_uri != '\0')
        {
          self->source = g_file_new_for_uri (source_uri);
          self->is_sample = g_key_file_get_boolean (info, INFO_GROUP, "Sample", NULL);
        }
    }

  if (self->file != NULL)
    self->name = display_name (self->file);
  else if (self->source != NULL)
    self->name = display_name (self->source);
  else
    self->name = g_strdup (_("Untitled Document"));

  file_info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (file_info != NULL)
    self->time = g_file_info_get_modification_date_time (file_info);
  if (self->time == NULL)
    self->time = g_date_time_new_now_utc ();
  return self;
}

void
annota_recovery_free (AnnotaRecovery *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->info_path);
  g_free (self->name);
  g_clear_object (&self->file);
  g_clear_object (&self->source);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self);
}

static gint
compare_time (gconstpointer a,
              gconstpointer b)
{
  const AnnotaRecovery *ra = *(AnnotaRecovery * const *) a;
  const AnnotaRecovery *rb = *(AnnotaRecovery * const *) b;
  int cmp = g_date_time_compare (ra->time, rb->time);

  return cmp != 0 ? cmp : strcmp (ra->path, rb->path);
}

GPtrArray *
annota_recovery_list (void)
{
  g_autofree char *dir_path = annota_recovery_get_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) annota_recovery_free);
  const char *name;

  if (dir == NULL)
    return list;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *info_path = NULL;
      g_autoptr(GKeyFile) info = NULL;

      /* Dot files are the temporary files of writes that never finished. */
      if (name[0] == '.' || !g_str_has_suffix (name, JSON_SUFFIX))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (live_contains (path))
        continue;

      /* A copy without its key file (a crash between the two writes) is
       * still a document: it comes back untitled. */
      info_path = info_path_for (path);
      info = g_key_file_new ();
      if (!g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL))
        g_clear_pointer (&info, g_key_file_unref);
      else if (owner_is_running (info))
        continue;

      g_ptr_array_add (list, recovery_new (path, info));
    }

  g_ptr_array_sort (list, compare_time);
  return list;
}

const char *
annota_recovery_get_path (AnnotaRecovery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

const char *
annota_recovery_get_name (AnnotaRecovery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

GFile *
annota_recovery_get_file (AnnotaRecovery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->file;
}

GFile *
annota_recovery_get_source (AnnotaRecovery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->source;
}

gboolean
annota_recovery_get_is_sample (AnnotaRecovery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->is_sample;
}

GDateTime *
annota_recovery_get_time (AnnotaRecovery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->time;
}

AnnotaDocument *
annota_recovery_load (AnnotaRecovery  *self,
                      GError         **error)
{
  g_autoptr(AnnotaDocument) document = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  document = annota_document_load_file (self->path, NULL, NULL, error);
  if (document == NULL)
    return NULL;
  annota_document_set_file (document, self->file);
  /* Unsaved, with nothing to undo: the copy's history died with it. */
  annota_document_mark_modified (document);
  annota_history_clear (annota_document_get_history (document));
  return g_steal_pointer (&document);
}

void
annota_recovery_delete (AnnotaRecovery *self)
{
  g_return_if_fail (self != NULL);

  if (g_unlink (self->path) != 0 && errno != ENOENT)
    g_debug ("Cannot delete the recovery copy “%s”: %s", self->path, g_strerror (errno));
  if (g_unlink (self->info_path) != 0 && errno != ENOENT)
    g_debug ("Cannot delete “%s”: %s", self->info_path, g_strerror (errno));
}
