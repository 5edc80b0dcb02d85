/* annota-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A corpus lists its documents without parsing them: a folder is read with
 * one stat per file, and states and counts come from .annota-index.json
 * when its record for a file matches the file's mtime and size (the index
 * is only a cache: a stale or broken one costs a scan, never a wrong
 * save). A JSONL file is read once and each line scanned. Documents are
 * parsed when opened and kept, with their history, for the session.
 *
 * The label set: labels.json when the folder has one (a document whose
 * own labels the set lacks has them added, and each addition is reported
 * in the entry's warnings and written to labels.json on the next save).
 * Without labels.json the set is the union of the documents' labels, as
 * scans and loads find them, or the default set for a corpus of plain
 * texts; labels.json is written on the first save of a folder corpus.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <yajl/yajl_parse.h>

#include "annota-corpus-private.h"
#include "annota-document-io.h"
#include "annota-json.h"

#define INDEX_NAME        ".annota-index.json"
#define LABELS_NAME       "labels.json"
#define INDEX_VERSION     1
#define CANCEL_EVERY      256
/* Changes come in bursts (a script writing files, a checkout): the folder
 * is listed again once, this long after the first change of a burst. */
#define REFRESH_DELAY_MS  250

struct _AnnotaCorpus
{
  GObject           parent_instance;

  AnnotaCorpusKind  kind;
  char             *path;
  GPtrArray        *entries;
  AnnotaLabelSet   *labels;
  gboolean          labels_declared;  /* labels.json exists */
  char             *labels_json;      /* as last read or written */
  GPtrArray        *warnings;
  gint64            mtime;            /* of the JSONL file */
  goffset           size;
  int               n_reads;          /* atomic */

  GPtrArray        *folders;          /* the folders listed, the corpus's first */
  AnnotaCorpusEntry *current;         /* unowned, kept while its file is gone */
  guint             current_position;

  /* Watching. */
  gboolean          watching;
  GHashTable       *monitors;         /* folder → GFileMonitor */
  GMainContext     *watch_context;
  GSource          *refresh_source;
  GCancellable     *watch_cancellable;
  gboolean          watch_scanning;
  gboolean          watch_rescan;
  gboolean          watch_listing;
  gboolean          watch_relist;
};

static void annota_corpus_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AnnotaCorpus, annota_corpus, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, annota_corpus_list_model_init))

enum {
  PROP_0,
  PROP_LABELS,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  PROGRESS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* GListModel */

static GType
annota_corpus_get_item_type (GListModel *model)
{
  return ANNOTA_TYPE_CORPUS_ENTRY;
}

static guint
annota_corpus_get_n_items (GListModel *model)
{
  return ANNOTA_CORPUS (model)->entries->len;
}

static gpointer
annota_corpus_get_item (GListModel *model,
                        guint       position)
{
  AnnotaCorpus *self = ANNOTA_CORPUS (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
annota_corpus_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = annota_corpus_get_item_type;
  iface->get_n_items = annota_corpus_get_n_items;
  iface->get_item = annota_corpus_get_item;
}

/* The object */

static void stop_watching (AnnotaCorpus *self);

static void
annota_corpus_dispose (GObject *object)
{
  AnnotaCorpus *self = ANNOTA_CORPUS (object);

  stop_watching (self);
  self->current = NULL;

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->document != NULL && entry->corpus == self)
        {
          g_signal_handlers_disconnect_by_data (entry->document, entry);
          entry->corpus = NULL;
        }
    }
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->labels);

  G_OBJECT_CLASS (annota_corpus_parent_class)->dispose (object);
}

static void
annota_corpus_finalize (GObject *object)
{
  AnnotaCorpus *self = ANNOTA_CORPUS (object);

  g_free (self->path);
  g_free (self->labels_json);
  g_ptr_array_unref (self->warnings);
  g_clear_pointer (&self->folders, g_ptr_array_unref);

  G_OBJECT_CLASS (annota_corpus_parent_class)->finalize (object);
}

static void
annota_corpus_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AnnotaCorpus *self = ANNOTA_CORPUS (object);

  switch (prop_id)
    {
    case PROP_LABELS:
      g_value_set_object (value, self->labels);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->entries->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_corpus_class_init (AnnotaCorpusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = annota_corpus_dispose;
  object_class->finalize = annota_corpus_finalize;
  object_class->get_property = annota_corpus_get_property;

  properties[PROP_LABELS] =
    g_param_spec_object ("labels", NULL, NULL, ANNOTA_TYPE_LABEL_SET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when a document's state or counts may have changed, so that a
   * progress bar can recount. */
  signals[PROGRESS_CHANGED] =
    g_signal_new ("progress-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
annota_corpus_init (AnnotaCorpus *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->current_position = ANNOTA_CORPUS_NO_POSITION;
}

static void
emit_progress_changed (AnnotaCorpus *self)
{
  g_signal_emit (self, signals[PROGRESS_CHANGED], 0);
}

/* Files */

static gint64
stat_mtime (const GStatBuf *st)
{
  return (gint64) st->st_mtim.tv_sec * G_USEC_PER_SEC + st->st_mtim.tv_nsec / 1000;
}

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path,
              const char  *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s: %s", path, what, g_strerror (saved_errno));
}

static gboolean
stat_file (const char  *path,
           gint64      *mtime,
           goffset     *size,
           GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      set_io_error (error, errno, path, _("cannot read the file"));
      return FALSE;
    }
  *mtime = stat_mtime (&st);
  *size = st.st_size;
  return TRUE;
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Reads one line of a JSONL file, after checking that the file is the one
 * the offsets were taken from. */
static char *
read_range (const char  *path,
            gint64       mtime,
            goffset      size,
            goffset      offset,
            gsize        len,
            GError     **error)
{
  g_autofree char *data = NULL;
  GStatBuf st;
  gsize done = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_io_error (error, errno, path, _("cannot open the file"));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || stat_mtime (&st) != mtime || st.st_size != size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                   _("%s: the file changed on disk since the corpus was opened; open it again"),
                   path);
      close (fd);
      return NULL;
    }

  data = g_malloc (len + 1);
  while (done < len)
    {
      gssize n = pread (fd, data + done, len - done, offset + done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          set_io_error (error, n < 0 ? errno : EIO, path, _("cannot read the file"));
          close (fd);
          return NULL;
        }
      done += n;
    }
  close (fd);
  data[len] = '\0';
  return g_steal_pointer (&data);
}

static gboolean
read_text_file (const char  *path,
                char       **contents,
                gsize       *len,
                GError     **error)
{
  const char *end = NULL;

  if (!g_file_get_contents (path, contents, len, error))
    return FALSE;
  if (!g_utf8_validate_len (*contents, *len, &end))
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                   _("%s: byte %zu: not UTF-8 text (expected a UTF-8 text file without NUL bytes)"),
                   path, (gsize) (end - *contents));
      g_clear_pointer (contents, g_free);
      return FALSE;
    }
  return TRUE;
}

static char *
line_name (AnnotaCorpus      *self,
           AnnotaCorpusEntry *entry)
{
  return g_strdup_printf ("%s:%u", self->path, entry->line);
}

/* The index */

static char *
index_path (AnnotaCorpus *self)
{
  return g_build_filename (self->path, INDEX_NAME, NULL);
}

/* The path of a file of the folder from the folder, as the index records
 * it ("dev/doc-3.json"). */
static const char *
relative_path (AnnotaCorpus *self,
               const char   *path)
{
  gsize n = strlen (self->path);

  if (strncmp (path, self->path, n) == 0)
    {
      path += n;
      while (*path == G_DIR_SEPARATOR)
        path++;
    }
  return path;
}

/* The index is read by a streaming parse that keeps only the record at
 * hand: {"annota-index": 1, "documents": [{"file": F, "mtime": N,
 * "size": N, "state": S, "length": N, "spans": {LABEL: [s, a, r]}}, …]}.
 * Anything else in it is skipped. */

typedef enum {
  INDEX_KEY_NONE,
  INDEX_KEY_DOCUMENTS,
  INDEX_KEY_FILE,
  INDEX_KEY_MTIME,
  INDEX_KEY_SIZE,
  INDEX_KEY_STATE,
  INDEX_KEY_LENGTH,
  INDEX_KEY_SPANS,
} IndexKey;

typedef struct {
  GHashTable       *by_file;
  guint             depth;
  IndexKey          key;          /* at depth 1 or 3 */
  gboolean          in_documents; /* the array at depth 2 */
  gboolean          in_record;    /* a map at depth 3 */
  gboolean          in_spans;     /* the map at depth 4 */
  gboolean          bad;          /* the record is not one we wrote */
  char             *file;
  gint64            mtime;
  gint64            size;
  AnnotaEntryStats  stats;
  const char       *label;        /* interned, at depth 5 */
  guint             n_counts;
} IndexReader;

static IndexKey
index_key (const unsigned char *str,
           size_t               len,
           guint                depth)
{
  static const char *names[] = {
    NULL, "documents", "file", "mtime", "size", "state", "length", "spans",
  };

  for (guint i = 1; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == len && memcmp (names[i], str, len) == 0 &&
        (i == INDEX_KEY_DOCUMENTS) == (depth == 1))
      return i;
  return INDEX_KEY_NONE;
}

static int
index_on_map_key (void                *ctx,
                  const unsigned char *str,
                  size_t               len)
{
  IndexReader *r = ctx;

  if (r->depth == 1 || (r->depth == 3 && r->in_record))
    r->key = index_key (str, len, r->depth);
  else if (r->depth == 4 && r->in_spans)
    {
      char buf[128];
      g_autofree char *copy = NULL;

      if (len < sizeof buf)
        {
          memcpy (buf, str, len);
          buf[len] = '\0';
          r->label = g_intern_string (buf);
        }
      else
        {
          copy = g_strndup ((const char *) str, len);
          r->label = g_intern_string (copy);
        }
    }
  return 1;
}

static int
index_on_integer (void      *ctx,
                  long long  value)
{
  IndexReader *r = ctx;

  if (r->depth == 3 && r->in_record)
    {
      if (r->key == INDEX_KEY_MTIME)
        r->mtime = value;
      else if (r->key == INDEX_KEY_SIZE)
        r->size = value;
      else if (r->key == INDEX_KEY_LENGTH && value >= 0 && value < G_MAXUINT)
        r->stats.length = value;
      else if (r->key != INDEX_KEY_NONE)
        r->bad = TRUE;
    }
  else if (r->depth == 5 && r->in_spans && r->label != NULL)
    {
      if (r->n_counts >= 3 || value < 0 || value > G_MAXUINT)
        r->bad = TRUE;
      else if (value > 0)
        _annota_entry_stats_add (&r->stats, r->label, r->n_counts, value);
      r->n_counts++;
    }
  return 1;
}

static int
index_on_string (void                *ctx,
                 const unsigned char *str,
                 size_t               len)
{
  IndexReader *r = ctx;

  if (r->depth == 3 && r->in_record)
    {
      if (r->key == INDEX_KEY_FILE)
        {
          g_free (r->file);
          r->file = g_strndup ((const char *) str, len);
        }
      else if (r->key == INDEX_KEY_STATE)
        {
          g_autofree char *value = g_strndup ((const char *) str, len);
          AnnotaDocumentState state;

          if (annota_document_state_from_string (value, &state))
            {
              r->stats.known = TRUE;
              r->stats.state = state;
            }
        }
      else if (r->key != INDEX_KEY_NONE)
        r->bad = TRUE;
    }
  else if (r->depth == 5 && r->in_spans)
    r->bad = TRUE;
  return 1;
}

static int
index_on_other (void *ctx)
{
  IndexReader *r = ctx;

  if ((r->depth == 3 && r->in_record && r->key != INDEX_KEY_NONE) ||
      (r->depth == 5 && r->in_spans))
    r->bad = TRUE;
  return 1;
}

static int
index_on_boolean (void *ctx,
                  int   value)
{
  return index_on_other (ctx);
}

static int
index_on_double (void   *ctx,
                 double  value)
{
  return index_on_other (ctx);
}

static int
index_on_start_map (void *ctx)
{
  IndexReader *r = ctx;

  if (r->depth == 2 && r->in_documents)
    {
      r->in_record = TRUE;
      r->bad = FALSE;
      r->mtime = -1;
      r->size = -1;
      g_clear_pointer (&r->file, g_free);
      _annota_entry_stats_clear (&r->stats);
      _annota_entry_stats_init (&r->stats);
    }
  else if (r->depth == 3 && r->in_record && r->key == INDEX_KEY_SPANS)
    r->in_spans = TRUE;
  else if (r->depth == 3 && r->in_record && r->key != INDEX_KEY_NONE)
    r->bad = TRUE;
  r->depth++;
  return 1;
}

static int
index_on_end_map (void *ctx)
{
  IndexReader *r = ctx;
  AnnotaCorpusEntry *entry;

  r->depth--;
  if (r->depth == 3 && r->in_spans)
    r->in_spans = FALSE;
  else if (r->depth == 2 && r->in_record)
    {
      r->in_record = FALSE;
      if (!r->bad && r->file != NULL && r->stats.known &&
          (entry = g_hash_table_lookup (r->by_file, r->file)) != NULL &&
          entry->mtime == r->mtime && entry->size == r->size)
        _annota_entry_stats_move (&entry->disk, &r->stats);
    }
  if (r->depth == 1 || r->depth == 3)
    r->key = INDEX_KEY_NONE;
  return 1;
}

static int
index_on_start_array (void *ctx)
{
  IndexReader *r = ctx;

  if (r->depth == 1 && r->key == INDEX_KEY_DOCUMENTS)
    r->in_documents = TRUE;
  else if (r->depth == 4 && r->in_spans)
    r->n_counts = 0;
  else if (r->depth == 3 && r->in_record && r->key != INDEX_KEY_NONE)
    r->bad = TRUE;
  r->depth++;
  return 1;
}

static int
index_on_end_array (void *ctx)
{
  IndexReader *r = ctx;

  r->depth--;
  if (r->depth == 1)
    r->in_documents = FALSE;
  else if (r->depth == 4 && r->in_spans && r->n_counts != 3)
    r->bad = TRUE;
  if (r->depth == 1 || r->depth == 3)
    r->key = INDEX_KEY_NONE;
  return 1;
}

static const yajl_callbacks index_callbacks = {
  index_on_other,
  index_on_boolean,
  index_on_integer,
  index_on_double,
  NULL,
  index_on_string,
  index_on_start_map,
  index_on_map_key,
  index_on_end_map,
  index_on_start_array,
  index_on_end_array,
};

/* Fills the entries whose index record matches their file. by_file maps
 * a file's path from the folder ("dev/doc-3.json") to its entry. A broken
 * index is only a stale cache: what was read before the problem is kept,
 * and the next save writes a good one. */
static void
read_index (AnnotaCorpus *self,
            GHashTable   *by_file)
{
  g_autofree char *path = index_path (self);
  g_autofree char *contents = NULL;
  IndexReader reader = { 0, };
  yajl_handle handle;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return;

  reader.by_file = by_file;
  _annota_entry_stats_init (&reader.stats);
  handle = yajl_alloc (&index_callbacks, NULL, &reader);
  if (yajl_parse (handle, (const unsigned char *) contents, len) != yajl_status_ok ||
      yajl_complete_parse (handle) != yajl_status_ok)
    {
      unsigned char *message = yajl_get_error (handle, 0, NULL, 0);

      g_debug ("%s: %s", path, g_strchomp ((char *) message));
      yajl_free_error (handle, message);
    }
  yajl_free (handle);
  g_free (reader.file);
  _annota_entry_stats_clear (&reader.stats);
}

static void
write_index (AnnotaCorpus *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GString *out;
  guint n = 0;

  if (self->kind != ANNOTA_CORPUS_KIND_FOLDER)
    return;

  out = g_string_new ("{\"annota-index\": 1, \"documents\": [\n");
  for (guint i = 0; i < self->entries->len; i++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);
      const char *file;

      if (entry->kind != ANNOTA_ENTRY_JSON || !entry->disk.known || entry->missing)
        continue;

      file = relative_path (self, entry->path);
      g_string_append (out, n++ > 0 ? ",\n{\"file\": " : "{\"file\": ");
      annota_json_append_string (out, file, -1);
      g_string_append_printf (out, ", \"mtime\": %" G_GINT64_FORMAT ", \"size\": %" G_GINT64_FORMAT
                              ", \"state\": \"%s\"",
                              entry->mtime, (gint64) entry->size,
                              annota_document_state_to_string (entry->disk.state));
      if (entry->disk.length != ANNOTA_LENGTH_UNKNOWN)
        g_string_append_printf (out, ", \"length\": %u", entry->disk.length);
      g_string_append (out, ", \"spans\": {");
      for (guint j = 0; j < entry->disk.labels->len; j++)
        {
          AnnotaLabelCount *c = &g_array_index (entry->disk.labels, AnnotaLabelCount, j);

          if (j > 0)
            g_string_append (out, ", ");
          annota_json_append_string (out, c->label, -1);
          g_string_append_printf (out, ": [%u, %u, %u]",
                                  c->by_status[0], c->by_status[1], c->by_status[2]);
        }
      g_string_append (out, "}}");
    }
  g_string_append (out, "\n]}\n");

  path = index_path (self);
  if (n > 0 || g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* The index is a cache: a folder we cannot write to still works. */
      if (!annota_write_file_atomic (path, out->str, out->len, &error))
        g_debug ("%s", error->message);
    }
  g_string_free (out, TRUE);
}

/* Listing */

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  AnnotaCorpusEntry *ea = *(AnnotaCorpusEntry **) a;
  AnnotaCorpusEntry *eb = *(AnnotaCorpusEntry **) b;

  return _annota_natural_compare (ea->name, eb->name);
}

/* A file or folder found while listing. */
typedef struct {
  char    *path;
  char    *rel;      /* from the corpus's folder; a text's without .txt */
  guint    depth;    /* of a folder */
  gint64   mtime;    /* of a text */
  goffset  size;
} Found;

static void
found_free (gpointer data)
{
  Found *found = data;

  g_free (found->path);
  g_free (found->rel);
  g_free (found);
}

static Found *
found_new (const char *path,
           char       *rel,
           guint       depth)
{
  Found *found = g_new0 (Found, 1);

  found->path = g_strdup (path);
  found->rel = rel;
  found->depth = depth;
  return found;
}

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  const Found *fa = *(Found **) a;
  const Found *fb = *(Found **) b;

  return _annota_natural_compare (fa->rel, fb->rel);
}

typedef struct {
  GCancellable *cancellable;
  GPtrArray    *entries;    /* AnnotaCorpusEntry */
  GHashTable   *by_stem;    /* name → JSON entry, borrowed */
  GPtrArray    *texts;      /* Found */
  GPtrArray    *links;      /* Found: folders reached through a link */
  GHashTable   *seen;       /* "device:inode" of each folder listed */
  GPtrArray    *folders;    /* path of each folder listed */
  GPtrArray    *warnings;
  guint         n_json;
  guint         n;
} Listing;

static void
listing_clear (Listing *l)
{
  g_clear_pointer (&l->entries, g_ptr_array_unref);
  g_clear_pointer (&l->by_stem, g_hash_table_unref);
  g_clear_pointer (&l->texts, g_ptr_array_unref);
  g_clear_pointer (&l->links, g_ptr_array_unref);
  g_clear_pointer (&l->seen, g_hash_table_unref);
  g_clear_pointer (&l->folders, g_ptr_array_unref);
}

static char *
folder_id (const GStatBuf *st)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                          (guint64) st->st_dev, (guint64) st->st_ino);
}

static gboolean walk_folder (Listing     *l,
                             const char  *path,
                             const char  *rel,
                             guint        depth,
                             GError     **error);

/* A folder met twice (a link to a folder listed already, or to one of its
 * own parents) is listed once: a link never makes a loop. */
static gboolean
enter_folder (Listing     *l,
              Found       *folder,
              GError     **error)
{
  GStatBuf st;
  char *id;

  if (folder->depth > ANNOTA_CORPUS_MAX_DEPTH)
    {
      g_ptr_array_add (l->warnings,
                       g_strdup_printf (_("%s: skipped: more than %u folders deep"),
                                        folder->path, (guint) ANNOTA_CORPUS_MAX_DEPTH));
      return TRUE;
    }
  if (g_stat (folder->path, &st) != 0 || !S_ISDIR (st.st_mode))
    return TRUE;
  id = folder_id (&st);
  if (!g_hash_table_add (l->seen, id))
    return TRUE;
  return walk_folder (l, folder->path, folder->rel, folder->depth, error);
}

/* Takes rel. */
static void
add_folder (GPtrArray  *folders,
            GPtrArray  *links,
            const char *path,
            char       *rel,
            guint       depth)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    g_free (rel);
  else if (S_ISDIR (st.st_mode))
    g_ptr_array_add (folders, found_new (path, rel, depth));
  else if (S_ISLNK (st.st_mode))
    g_ptr_array_add (links, found_new (path, rel, depth));
  else
    g_free (rel);
}

static gboolean
walk_folder (Listing     *l,
             const char  *path,
             const char  *rel,
             guint        depth,
             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) folders = NULL;
  g_autoptr(GPtrArray) links = NULL;
  const char *name;

  dir = g_dir_open (path, 0, &local_error);
  if (dir == NULL)
    {
      if (depth == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_file_error (local_error->code),
                               local_error->message);
          return FALSE;
        }
      g_ptr_array_add (l->warnings, g_strdup_printf (_("%s: skipped: %s"), path, local_error->message));
      return TRUE;
    }
  g_ptr_array_add (l->folders, g_strdup (path));
  folders = g_ptr_array_new_with_free_func (found_free);
  links = g_ptr_array_new_with_free_func (found_free);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;
      char *child_rel;
      gboolean is_json, is_text;
      GStatBuf st;

      if (++l->n % CANCEL_EVERY == 0 && check_cancelled (l->cancellable, error))
        return FALSE;
      if (name[0] == '.' || strcmp (name, LABELS_NAME) == 0)
        continue;
      is_json = g_str_has_suffix (name, ".json");
      is_text = !is_json && g_str_has_suffix (name, ".txt");
      child = g_build_filename (path, name, NULL);
      child_rel = rel != NULL ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);

      /* Among other names only folders matter. */
      if (!is_json && !is_text)
        {
          add_folder (folders, links, child, child_rel, depth + 1);
          continue;
        }
      if (g_stat (child, &st) != 0)
        {
          int saved_errno = errno;

          g_ptr_array_add (l->warnings, g_strdup_printf (_("%s: skipped: %s"), child,
                                                         g_strerror (saved_errno)));
          g_free (child_rel);
          continue;
        }
      if (S_ISDIR (st.st_mode))
        {
          add_folder (folders, links, child, child_rel, depth + 1);
          continue;
        }
      if (!S_ISREG (st.st_mode))
        {
          g_free (child_rel);
          continue;
        }

      if (is_json)
        {
          g_autofree char *stem = g_strndup (child_rel, strlen (child_rel) - strlen (".json"));
          AnnotaCorpusEntry *entry = _annota_corpus_entry_new (stem, child, ANNOTA_ENTRY_JSON);

          entry->mtime = stat_mtime (&st);
          entry->size = st.st_size;
          g_ptr_array_add (l->entries, entry);
          g_hash_table_insert (l->by_stem, entry->name, entry);
          l->n_json++;
          g_free (child_rel);
        }
      else
        {
          Found *text;

          child_rel[strlen (child_rel) - strlen (".txt")] = '\0';
          text = found_new (child, child_rel, depth);
          text->mtime = stat_mtime (&st);
          text->size = st.st_size;
          g_ptr_array_add (l->texts, text);
        }
    }

  /* In natural order, so that which path a folder met twice is listed
   * under does not depend on the order the system gives; folders reached
   * through links wait until every real folder is listed. */
  g_ptr_array_sort (folders, compare_found);
  for (guint i = 0; i < folders->len; i++)
    if (!enter_folder (l, g_ptr_array_index (folders, i), error))
      return FALSE;
  g_ptr_array_sort (links, compare_found);
  g_ptr_array_extend_and_steal (l->links, g_steal_pointer (&links));
  return TRUE;
}

/* The documents of the corpus's folder and its subfolders, sorted. */
static GPtrArray *
list_files (AnnotaCorpus  *self,
            GCancellable  *cancellable,
            GPtrArray     *warnings,
            GPtrArray    **folders,
            guint         *n_json,
            GError       **error)
{
  Listing l = { 0, };
  GStatBuf st;
  GPtrArray *entries;

  l.cancellable = cancellable;
  l.entries = g_ptr_array_new_with_free_func (g_object_unref);
  l.by_stem = g_hash_table_new (g_str_hash, g_str_equal);
  l.texts = g_ptr_array_new_with_free_func (found_free);
  l.links = g_ptr_array_new_with_free_func (found_free);
  l.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l.folders = g_ptr_array_new_with_free_func (g_free);
  l.warnings = warnings;

  if (g_stat (self->path, &st) == 0)
    g_hash_table_add (l.seen, folder_id (&st));
  if (!walk_folder (&l, self->path, NULL, 0, error))
    {
      listing_clear (&l);
      return NULL;
    }
  /* The list of links grows as linked folders are listed. */
  for (guint i = 0; i < l.links->len; i++)
    if (!enter_folder (&l, g_ptr_array_index (l.links, i), error))
      {
        listing_clear (&l);
        return NULL;
      }

  /* A text saved once has its .json beside it, which is the document. */
  for (guint i = 0; i < l.texts->len; i++)
    {
      Found *text = g_ptr_array_index (l.texts, i);
      AnnotaCorpusEntry *entry;

      if (g_hash_table_contains (l.by_stem, text->rel))
        continue;
      entry = _annota_corpus_entry_new (text->rel, text->path, ANNOTA_ENTRY_TEXT);
      entry->disk.known = TRUE;
      entry->disk.state = ANNOTA_DOCUMENT_STATE_TODO;
      entry->mtime = text->mtime;
      entry->size = text->size;
      g_ptr_array_add (l.entries, entry);
    }

  g_ptr_array_sort (l.entries, compare_entries);
  if (n_json != NULL)
    *n_json = l.n_json;
  if (folders != NULL)
    *folders = g_steal_pointer (&l.folders);
  entries = g_steal_pointer (&l.entries);
  listing_clear (&l);
  return entries;
}

static gboolean
list_folder (AnnotaCorpus  *self,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) by_file = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *labels_path = NULL;
  guint n_json = 0;

  entries = list_files (self, cancellable, self->warnings, &self->folders, &n_json, error);
  if (entries == NULL)
    return FALSE;
  g_ptr_array_extend_and_steal (self->entries, g_steal_pointer (&entries));

  for (guint i = 0; i < self->entries->len; i++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->kind == ANNOTA_ENTRY_JSON)
        g_hash_table_insert (by_file, (gpointer) relative_path (self, entry->path), entry);
    }
  read_index (self, by_file);
  for (guint i = 0; i < self->entries->len; i++)
    _annota_corpus_entry_refresh (g_ptr_array_index (self->entries, i));

  labels_path = g_build_filename (self->path, LABELS_NAME, NULL);
  if (g_file_test (labels_path, G_FILE_TEST_EXISTS))
    {
      self->labels = annota_label_set_load_file (labels_path, error);
      if (self->labels == NULL)
        return FALSE;
      self->labels_declared = TRUE;
      self->labels_json = annota_label_set_to_json (self->labels, NULL);
    }
  else if (n_json == 0)
    self->labels = annota_label_set_new_default ();
  else
    self->labels = annota_label_set_new ();

  return TRUE;
}

static void
merge_labels (AnnotaLabelSet *labels,
              AnnotaLabelSet *other)
{
  if (other != NULL)
    annota_label_set_merge (labels, other);
}

/* A {"text": …} line may carry spans (spaCy's and Prodigy's have the
 * native shape) whose labels it does not define: the set gets them, so
 * that the line loads. */
static void
add_used_labels (AnnotaLabelSet         *labels,
                 const AnnotaEntryStats *stats)
{
  for (guint i = 0; i < stats->labels->len; i++)
    {
      const char *id = g_array_index (stats->labels, AnnotaLabelCount, i).label;

      if (annota_label_set_lookup (labels, id) == NULL)
        {
          g_autoptr(AnnotaLabel) label =
            annota_label_new (id, NULL, annota_label_default_color (annota_label_set_get_n_labels (labels)), NULL);

          annota_label_set_append (labels, label, NULL);
        }
    }
}

static gboolean
list_jsonl (AnnotaCorpus  *self,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  gsize pos = 0;
  guint line = 0;
  gboolean any_native = FALSE;

  if (!stat_file (self->path, &self->mtime, &self->size, error))
    return FALSE;
  if (!g_file_get_contents (self->path, &contents, &len, error))
    return FALSE;
  g_atomic_int_inc (&self->n_reads);

  self->labels = annota_label_set_new ();

  while (pos < len)
    {
      const char *start = contents + pos;
      const char *nl = memchr (start, '\n', len - pos);
      gsize line_len = nl != NULL ? (gsize) (nl - start) : len - pos;
      gsize content_len = line_len;
      g_autoptr(GError) scan_error = NULL;
      g_autofree char *name = NULL;
      AnnotaCorpusEntry *entry;
      AnnotaScan scan;
      gsize i;

      line++;
      if (line % CANCEL_EVERY == 0 && check_cancelled (cancellable, error))
        return FALSE;

      if (content_len > 0 && start[content_len - 1] == '\r')
        content_len--;
      for (i = 0; i < content_len && g_ascii_isspace (start[i]); i++)
        ;

      if (i < content_len)
        {
          name = g_strdup_printf ("%u", line);
          entry = _annota_corpus_entry_new (name, self->path, ANNOTA_ENTRY_LINE);
          entry->line = line;
          entry->offset = pos;
          entry->len = content_len;
          entry->mtime = self->mtime;
          entry->size = self->size;
          g_ptr_array_add (self->entries, entry);

          g_clear_pointer (&name, g_free);
          name = line_name (self, entry);
          _annota_scan_init (&scan);
          if (_annota_scan_json (start, content_len, name, ANNOTA_SCAN_LABELS, &scan, &scan_error))
            {
              entry->native = scan.native;
              any_native |= scan.native;
              if (!scan.native && !scan.has_text)
                g_ptr_array_add (self->warnings,
                                 g_strdup_printf (_("%s: neither an Annota document nor a line with “text”"),
                                                  name));
              merge_labels (self->labels, scan.labels);
              if (!scan.native)
                add_used_labels (self->labels, &scan.stats);
              _annota_corpus_entry_set_disk_stats (entry, &scan.stats);
            }
          else
            {
              g_ptr_array_add (self->warnings, g_strdup (scan_error->message));
              _annota_corpus_entry_set_problem (entry, scan_error->message);
            }
          _annota_scan_clear (&scan);
        }

      pos += line_len + (nl != NULL ? 1 : 0);
    }

  if (!any_native && annota_label_set_get_n_labels (self->labels) == 0)
    {
      g_clear_object (&self->labels);
      self->labels = annota_label_set_new_default ();
    }
  return TRUE;
}

AnnotaCorpus *
annota_corpus_open (const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(AnnotaCorpus) self = NULL;
  GStatBuf st;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (check_cancelled (cancellable, error))
    return NULL;
  if (g_stat (path, &st) != 0)
    {
      set_io_error (error, errno, path, _("cannot open the corpus"));
      return NULL;
    }

  self = g_object_new (ANNOTA_TYPE_CORPUS, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  if (S_ISDIR (st.st_mode))
    {
      self->kind = ANNOTA_CORPUS_KIND_FOLDER;
      ok = list_folder (self, cancellable, error);
    }
  else
    {
      self->kind = ANNOTA_CORPUS_KIND_JSONL;
      ok = list_jsonl (self, cancellable, error);
    }

  if (!ok || check_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  AnnotaCorpus *corpus = annota_corpus_open (task_data, cancellable, &error);

  if (corpus == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, corpus, g_object_unref);
}

void
annota_corpus_open_async (const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, annota_corpus_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

AnnotaCorpus *
annota_corpus_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == annota_corpus_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Accessors */

const char *
annota_corpus_get_path (AnnotaCorpus *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), NULL);
  return self->path;
}

AnnotaCorpusKind
annota_corpus_get_kind (AnnotaCorpus *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), ANNOTA_CORPUS_KIND_FOLDER);
  return self->kind;
}

AnnotaLabelSet *
annota_corpus_get_labels (AnnotaCorpus *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), NULL);
  return self->labels;
}

GPtrArray *
annota_corpus_get_warnings (AnnotaCorpus *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), NULL);
  return self->warnings;
}

guint
annota_corpus_get_n_documents (AnnotaCorpus *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), 0);
  return self->entries->len;
}

AnnotaCorpusEntry *
annota_corpus_peek_entry (AnnotaCorpus *self,
                          guint         position)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);
  return g_ptr_array_index (self->entries, position);
}

gboolean
annota_corpus_find (AnnotaCorpus *self,
                    const char   *name,
                    guint        *position)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);

      if (strcmp (entry->name, name) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

guint
_annota_corpus_get_n_reads (AnnotaCorpus *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), 0);
  return g_atomic_int_get (&self->n_reads);
}

/* Loading */

static void
on_document_changed (AnnotaCorpusEntry *entry)
{
  AnnotaCorpus *self = entry->corpus;

  if (_annota_corpus_entry_refresh (entry) && self != NULL)
    emit_progress_changed (self);
}

static void
on_document_notify (AnnotaDocument    *document,
                    GParamSpec        *pspec,
                    AnnotaCorpusEntry *entry)
{
  on_document_changed (entry);
}

/* A {"text": …} line becomes a native document: the loader then keeps its
 * other members as it keeps any unknown member. */
static char *
wrap_text_line (const char *data,
                gsize       len,
                gsize      *wrapped_len)
{
  GString *out = g_string_sized_new (len + 16);
  const char *brace = memchr (data, '{', len);
  const char *rest;
  gsize i;

  if (brace == NULL)
    {
      g_string_append_len (out, data, len);
      *wrapped_len = out->len;
      return g_string_free (out, FALSE);
    }

  rest = brace + 1;
  for (i = 0; rest + i < data + len && g_ascii_isspace (rest[i]); i++)
    ;
  g_string_append (out, "{\"annota\": 1");
  if (rest + i < data + len && rest[i] != '}')
    g_string_append (out, ", ");
  g_string_append_len (out, rest, data + len - rest);
  *wrapped_len = out->len;
  return g_string_free (out, FALSE);
}

/* The labels a document defines, as it writes them. */
static GPtrArray *
read_label_defs (const char *data,
                 gsize       len,
                 const char *name)
{
  AnnotaScan scan;
  GPtrArray *defs = NULL;

  _annota_scan_init (&scan);
  if (_annota_scan_json (data, len, name, ANNOTA_SCAN_LABEL_DEFS, &scan, NULL))
    defs = g_steal_pointer (&scan.label_defs);
  _annota_scan_clear (&scan);
  return defs;
}

static AnnotaDocument *
load_entry (AnnotaCorpus       *self,
            AnnotaCorpusEntry  *entry,
            GPtrArray         **label_defs,
            GPtrArray         **warnings,
            GError            **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  gsize len = 0;

  switch (entry->kind)
    {
    case ANNOTA_ENTRY_JSON:
      if (!stat_file (entry->path, &entry->mtime, &entry->size, error))
        return NULL;
      g_atomic_int_inc (&self->n_reads);
      /* With a labels.json, the document's own definitions are compared
       * with it; the loader reports a file it cannot read. */
      if (!self->labels_declared || entry->size > ANNOTA_MAX_FILE_SIZE ||
          !g_file_get_contents (entry->path, &data, &len, NULL))
        return annota_document_load_file (entry->path, self->labels, warnings, error);
      *label_defs = read_label_defs (data, len, entry->path);
      return annota_document_load_data (data, len, entry->path, self->labels, warnings, error);

    case ANNOTA_ENTRY_TEXT:
      g_atomic_int_inc (&self->n_reads);
      if (!read_text_file (entry->path, &data, &len, error))
        return NULL;
      return annota_document_new_from_string (data, self->labels);

    case ANNOTA_ENTRY_LINE:
      data = read_range (self->path, self->mtime, self->size, entry->offset, entry->len, error);
      if (data == NULL)
        return NULL;
      g_atomic_int_inc (&self->n_reads);
      name = line_name (self, entry);
      if (!entry->native)
        {
          g_autofree char *wrapped = wrap_text_line (data, entry->len, &len);

          add_used_labels (self->labels, &entry->disk);
          return annota_document_load_data (wrapped, len, name, self->labels, warnings, error);
        }
      return annota_document_load_data (data, entry->len, name, self->labels, warnings, error);

    default:
      g_assert_not_reached ();
    }
}

/* labels.json wins over a document's own definition of a label; where
 * they differ, the entry's warnings say how. */
static void
report_label_differences (AnnotaCorpus      *self,
                          AnnotaCorpusEntry *entry,
                          GPtrArray         *defs,
                          guint              n_before,
                          GPtrArray         *warnings)
{
  for (guint i = 0; i < defs->len; i++)
    {
      AnnotaLabelDef *def = g_ptr_array_index (defs, i);
      g_autoptr(GString) details = NULL;
      AnnotaLabel *label;
      guint position;

      if (!annota_label_set_find (self->labels, def->id, &position) || position >= n_before)
        continue;
      label = annota_label_set_peek (self->labels, position);
      details = g_string_new ("");
      if (def->name != NULL && strcmp (def->name, annota_label_get_name (label)) != 0)
        g_string_append_printf (details, _("name “%s”"), def->name);
      if (def->color != NULL && g_ascii_strcasecmp (def->color, annota_label_get_color (label)) != 0)
        {
          if (details->len > 0)
            g_string_append (details, ", ");
          g_string_append_printf (details, _("colour “%s”"), def->color);
        }
      if (def->key != NULL && g_strcmp0 (def->key[0] != '\0' ? def->key : NULL, annota_label_get_key (label)) != 0)
        {
          if (details->len > 0)
            g_string_append (details, ", ");
          g_string_append_printf (details, _("key “%s”"), def->key);
        }
      if (details->len > 0)
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("%s: label “%s” is defined otherwise here (%s); the corpus’s labels.json is used"),
                                          entry->name, def->id, details->str));
    }
}

/* Makes document, just read, the entry's: its warnings, its file, what
 * is on disk, and its changes followed. Takes warnings. */
static void
adopt_document (AnnotaCorpus      *self,
                AnnotaCorpusEntry *entry,
                AnnotaDocument    *document,
                GPtrArray         *label_defs,
                GPtrArray         *warnings,
                guint              n_before)
{
  guint n_after = annota_label_set_get_n_labels (self->labels);

  if (warnings == NULL)
    warnings = g_ptr_array_new_with_free_func (g_free);
  if (label_defs != NULL)
    report_label_differences (self, entry, label_defs, n_before, warnings);
  if (self->labels_declared && n_after > n_before)
    {
      for (guint i = n_before; i < n_after; i++)
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("%s: label “%s” is not in the corpus’s labels.json; it was added to the corpus’s labels"),
                                          entry->name,
                                          annota_label_get_id (annota_label_set_peek (self->labels, i))));
    }
  if (warnings->len == 0)
    g_clear_pointer (&warnings, g_ptr_array_unref);

  if (entry->kind == ANNOTA_ENTRY_JSON)
    {
      g_autoptr(GFile) file = g_file_new_for_path (entry->path);
      annota_document_set_file (document, file);
    }

  /* Freshly loaded, the document is what is on disk. */
  _annota_entry_stats_from_document (&entry->disk, document);

  entry->corpus = self;
  g_signal_connect_swapped (document, "counts-changed", G_CALLBACK (on_document_changed), entry);
  g_signal_connect (document, "notify::state", G_CALLBACK (on_document_notify), entry);
  g_signal_connect (document, "notify::modified", G_CALLBACK (on_document_notify), entry);
  _annota_corpus_entry_set_document (entry, document, warnings);
}

AnnotaDocument *
annota_corpus_load_document (AnnotaCorpus  *self,
                             guint          position,
                             GError       **error)
{
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) label_defs = NULL;
  g_autoptr(GError) local_error = NULL;
  AnnotaCorpusEntry *entry;
  guint n_before;

  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entry = g_ptr_array_index (self->entries, position);
  if (entry->document != NULL)
    return entry->document;

  n_before = annota_label_set_get_n_labels (self->labels);
  document = load_entry (self, entry, &label_defs, &warnings, &local_error);
  if (document == NULL)
    {
      _annota_corpus_entry_set_problem (entry, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  adopt_document (self, entry, document, label_defs, g_steal_pointer (&warnings), n_before);

  emit_progress_changed (self);
  return entry->document;
}

AnnotaDocument *
annota_corpus_reload_document (AnnotaCorpus  *self,
                               guint          position,
                               GError       **error)
{
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) label_defs = NULL;
  AnnotaCorpusEntry *entry;
  gint64 mtime;
  goffset size;
  guint n_before;

  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entry = g_ptr_array_index (self->entries, position);
  if (entry->document == NULL)
    return annota_corpus_load_document (self, position, error);

  /* Until the new document is read, the entry describes the old one: a
   * file that cannot be read changes nothing, not even what the index
   * will say of it. */
  mtime = entry->mtime;
  size = entry->size;
  n_before = annota_label_set_get_n_labels (self->labels);
  document = load_entry (self, entry, &label_defs, &warnings, error);
  if (document == NULL)
    {
      entry->mtime = mtime;
      entry->size = size;
      return NULL;
    }

  g_signal_handlers_disconnect_by_data (entry->document, entry);
  adopt_document (self, entry, document, label_defs, g_steal_pointer (&warnings), n_before);
  _annota_corpus_entry_set_missing (entry, FALSE);
  write_index (self);

  emit_progress_changed (self);
  return entry->document;
}

/* Saving */

static gboolean
save_labels (AnnotaCorpus  *self,
             GError       **error)
{
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  gsize len = 0;

  if (self->kind != ANNOTA_CORPUS_KIND_FOLDER)
    return TRUE;
  if (!self->labels_declared && annota_label_set_get_n_labels (self->labels) == 0)
    return TRUE;

  json = annota_label_set_to_json (self->labels, &len);
  if (self->labels_json != NULL && strcmp (json, self->labels_json) == 0)
    return TRUE;

  path = g_build_filename (self->path, LABELS_NAME, NULL);
  if (!annota_write_file_atomic (path, json, len, error))
    return FALSE;
  self->labels_declared = TRUE;
  g_free (self->labels_json);
  self->labels_json = g_steal_pointer (&json);
  return TRUE;
}

/* The canonical form on one line: a line end in it is never inside a
 * string (JSON escapes those), so each line end and the indentation after
 * it can go; one after a comma becomes a space. */
static char *
compact_json (const char *json,
              gsize       len,
              gsize      *out_len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (json[i] != '\n')
        {
          g_string_append_c (out, json[i]);
          continue;
        }
      while (i + 1 < len && json[i + 1] == ' ')
        i++;
      if (out->len > 0 && out->str[out->len - 1] == ',' && i + 1 < len)
        g_string_append_c (out, ' ');
    }

  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
save_line (AnnotaCorpus       *self,
           AnnotaCorpusEntry  *target,
           GError            **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *json = NULL;
  g_autofree char *line = NULL;
  g_autofree goffset *offsets = NULL;
  gsize len = 0;
  gsize json_len = 0;
  gsize line_len = 0;
  gsize pos = 0;
  gint64 mtime;
  goffset size;
  GString *out;
  gboolean ok;

  if (!stat_file (self->path, &mtime, &size, error))
    return FALSE;
  if (mtime != self->mtime || size != self->size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                   _("%s: the file changed on disk since the corpus was opened; open it again"),
                   self->path);
      return FALSE;
    }
  if (!g_file_get_contents (self->path, &contents, &len, error))
    return FALSE;

  json = annota_document_to_json (target->document, &json_len);
  line = compact_json (json, json_len, &line_len);

  out = g_string_sized_new (len + line_len);
  offsets = g_new (goffset, self->entries->len);
  for (guint i = 0; i < self->entries->len; i++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);

      g_string_append_len (out, contents + pos, entry->offset - pos);
      offsets[i] = out->len;
      if (entry == target)
        g_string_append_len (out, line, line_len);
      else
        g_string_append_len (out, contents + entry->offset, entry->len);
      pos = entry->offset + entry->len;
    }
  g_string_append_len (out, contents + pos, len - pos);

  ok = annota_write_file_atomic (self->path, out->str, out->len, error);
  g_string_free (out, TRUE);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < self->entries->len; i++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);

      entry->offset = offsets[i];
      if (entry == target)
        {
          entry->len = line_len;
          entry->native = TRUE;
        }
    }
  if (stat_file (self->path, &self->mtime, &self->size, error))
    return TRUE;
  return FALSE;
}

static gboolean
save_file (AnnotaCorpus       *self,
           AnnotaCorpusEntry  *entry,
           GError            **error)
{
  g_autofree char *json_path = NULL;

  if (entry->kind == ANNOTA_ENTRY_TEXT)
    {
      gsize n = strlen (entry->path);

      if (g_str_has_suffix (entry->path, ".txt"))
        n -= strlen (".txt");
      json_path = g_strdup_printf ("%.*s.json", (int) n, entry->path);
      if (g_file_test (json_path, G_FILE_TEST_EXISTS))
        {
          /* Appeared since the folder was listed: not ours to replace. */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("%s: already exists; the text was not saved over it"), json_path);
          return FALSE;
        }
    }
  else
    json_path = g_strdup (entry->path);

  /* Its folder may have gone with it. */
  if (entry->missing)
    {
      g_autofree char *dir = g_path_get_dirname (json_path);

      g_mkdir_with_parents (dir, 0777);
    }
  if (!annota_document_save_file (entry->document, json_path, error))
    return FALSE;
  _annota_corpus_entry_set_missing (entry, FALSE);

  if (entry->kind == ANNOTA_ENTRY_TEXT)
    {
      g_autoptr(GFile) file = g_file_new_for_path (json_path);

      g_free (entry->path);
      entry->path = g_steal_pointer (&json_path);
      entry->kind = ANNOTA_ENTRY_JSON;
      annota_document_set_file (entry->document, file);
    }

  if (!stat_file (entry->path, &entry->mtime, &entry->size, error))
    return FALSE;
  return TRUE;
}

gboolean
annota_corpus_save_document (AnnotaCorpus  *self,
                             guint          position,
                             GError       **error)
{
  AnnotaCorpusEntry *entry;
  gboolean ok;

  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (position < self->entries->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entry = g_ptr_array_index (self->entries, position);
  if (entry->document == NULL)
    return TRUE;

  if (entry->kind == ANNOTA_ENTRY_LINE)
    ok = save_line (self, entry, error);
  else
    ok = save_file (self, entry, error);
  if (!ok)
    return FALSE;

  annota_document_mark_saved (entry->document);
  _annota_entry_stats_from_document (&entry->disk, entry->document);
  _annota_corpus_entry_refresh (entry);
  write_index (self);
  emit_progress_changed (self);

  return save_labels (self, error);
}

gboolean
annota_corpus_save_modified (AnnotaCorpus  *self,
                             GError       **error)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->document != NULL && annota_document_get_modified (entry->document) &&
          !annota_corpus_save_document (self, i, error))
        return FALSE;
    }
  return TRUE;
}

/* Work off the main thread: results, hits and progress reach the caller's
 * main context through a relay, in order, and all of them before the
 * operation's callback. */

typedef struct {
  guint       position;
  AnnotaText *text;
  guint       start;
  guint       end;
} Hit;

typedef struct {
  gatomicrefcount           ref_count;
  GMutex                    lock;
  GMainContext             *context;
  AnnotaCorpus             *corpus;
  AnnotaCorpusHitFunc       hit;
  AnnotaCorpusProgressFunc  progress;
  gpointer                  data;
  GArray                   *hits;
  guint                     n_done;
  guint                     n_total;
  gboolean                  progress_pending;
  gboolean                  idle_pending;
  gboolean                  closed;
} Relay;

static void
hit_clear (gpointer data)
{
  Hit *hit = data;

  g_clear_object (&hit->text);
}

static Relay *
relay_new (AnnotaCorpus             *corpus,
           AnnotaCorpusHitFunc       hit,
           AnnotaCorpusProgressFunc  progress,
           gpointer                  data)
{
  Relay *relay = g_new0 (Relay, 1);

  g_atomic_ref_count_init (&relay->ref_count);
  g_mutex_init (&relay->lock);
  relay->context = g_main_context_ref_thread_default ();
  relay->corpus = g_object_ref (corpus);
  relay->hit = hit;
  relay->progress = progress;
  relay->data = data;
  relay->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_array_set_clear_func (relay->hits, hit_clear);
  return relay;
}

static Relay *
relay_ref (Relay *relay)
{
  g_atomic_ref_count_inc (&relay->ref_count);
  return relay;
}

static void
relay_unref (gpointer data)
{
  Relay *relay = data;

  if (!g_atomic_ref_count_dec (&relay->ref_count))
    return;
  g_array_unref (relay->hits);
  g_mutex_clear (&relay->lock);
  g_main_context_unref (relay->context);
  g_clear_object (&relay->corpus);
  g_free (relay);
}

/* In the main context. */
static void
relay_deliver (Relay *relay)
{
  g_autoptr(GArray) hits = NULL;
  gboolean progress;
  guint n_done, n_total;

  g_mutex_lock (&relay->lock);
  relay->idle_pending = FALSE;
  if (relay->closed)
    {
      g_mutex_unlock (&relay->lock);
      return;
    }
  hits = relay->hits;
  relay->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_array_set_clear_func (relay->hits, hit_clear);
  progress = relay->progress_pending;
  relay->progress_pending = FALSE;
  n_done = relay->n_done;
  n_total = relay->n_total;
  g_mutex_unlock (&relay->lock);

  for (guint i = 0; i < hits->len && relay->hit != NULL; i++)
    {
      Hit *hit = &g_array_index (hits, Hit, i);
      relay->hit (relay->corpus, hit->position, hit->text, hit->start, hit->end, relay->data);
    }
  if (progress && relay->progress != NULL)
    relay->progress (relay->corpus, n_done, n_total, relay->data);
}

static gboolean
relay_idle (gpointer data)
{
  relay_deliver (data);
  return G_SOURCE_REMOVE;
}

/* Called with the lock held. */
static void
relay_schedule (Relay *relay)
{
  GSource *source;

  if (relay->idle_pending)
    return;
  relay->idle_pending = TRUE;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, relay_idle, relay_ref (relay), relay_unref);
  g_source_set_static_name (source, "[annota] corpus relay");
  g_source_attach (source, relay->context);
  g_source_unref (source);
}

static void
relay_push_hit (Relay      *relay,
                guint       position,
                AnnotaText *text,
                guint       start,
                guint       end)
{
  Hit hit = { position, g_object_ref (text), start, end };

  g_mutex_lock (&relay->lock);
  g_array_append_val (relay->hits, hit);
  relay_schedule (relay);
  g_mutex_unlock (&relay->lock);
}

static void
relay_push_progress (Relay *relay,
                     guint  n_done,
                     guint  n_total)
{
  if (relay->progress == NULL)
    return;
  g_mutex_lock (&relay->lock);
  relay->n_done = n_done;
  relay->n_total = n_total;
  relay->progress_pending = TRUE;
  relay_schedule (relay);
  g_mutex_unlock (&relay->lock);
}

/* Delivers what is left and stops any later delivery. */
static void
relay_close (Relay *relay)
{
  relay_deliver (relay);
  g_mutex_lock (&relay->lock);
  relay->closed = TRUE;
  g_mutex_unlock (&relay->lock);
  g_clear_object (&relay->corpus);
}

/* Scanning */

typedef struct {
  AnnotaCorpusEntry *entry;
  AnnotaEntryKind    kind;
  char              *path;
  goffset            offset;
  gsize              len;
  gint64             mtime;   /* of the JSONL file before; of the file after */
  goffset            size;
  AnnotaScanFlags    flags;
  gboolean           done;
  char              *problem;
  AnnotaScan         scan;
} ScanJob;

static void
scan_job_free (gpointer data)
{
  ScanJob *job = data;

  g_object_unref (job->entry);
  g_free (job->path);
  g_free (job->problem);
  _annota_scan_clear (&job->scan);
  g_free (job);
}

static ScanJob *
scan_job_new (AnnotaCorpus      *self,
              AnnotaCorpusEntry *entry)
{
  ScanJob *job = g_new0 (ScanJob, 1);

  job->entry = g_object_ref (entry);
  job->kind = entry->kind;
  job->path = g_strdup (entry->path);
  job->offset = entry->offset;
  job->len = entry->len;
  job->mtime = self->mtime;
  job->size = self->size;
  /* A declared set does not learn from scans, only from loads. */
  job->flags = self->labels_declared ? 0 : ANNOTA_SCAN_LABELS;
  _annota_scan_init (&job->scan);
  return job;
}

static gboolean
entry_needs_scan (AnnotaCorpusEntry *entry)
{
  return entry->document == NULL &&
         (!entry->disk.known || entry->disk.length == ANNOTA_LENGTH_UNKNOWN);
}

static GPtrArray *
scan_jobs_new (AnnotaCorpus *self)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func (scan_job_free);

  for (guint i = 0; i < self->entries->len; i++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry_needs_scan (entry))
        g_ptr_array_add (jobs, scan_job_new (self, entry));
    }
  return jobs;
}

/* Any thread: reads what the job names and touches nothing shared but the
 * read counter. A document that cannot be read stays unknown; opening it
 * reports the problem. */
static void
scan_job_run (AnnotaCorpus *self,
              ScanJob      *job)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  gsize len = 0;

  switch (job->kind)
    {
    case ANNOTA_ENTRY_JSON:
      if (!stat_file (job->path, &job->mtime, &job->size, &error) ||
          !g_file_get_contents (job->path, &data, &len, &error))
        break;
      g_atomic_int_inc (&self->n_reads);
      job->done = _annota_scan_json (data, len, job->path, job->flags, &job->scan, &error);
      break;

    case ANNOTA_ENTRY_TEXT:
      if (!read_text_file (job->path, &data, &len, &error))
        break;
      g_atomic_int_inc (&self->n_reads);
      job->scan.stats.known = TRUE;
      job->scan.stats.state = ANNOTA_DOCUMENT_STATE_TODO;
      job->scan.stats.length = g_utf8_strlen (data, len);
      job->done = TRUE;
      break;

    case ANNOTA_ENTRY_LINE:
      data = read_range (job->path, job->mtime, job->size, job->offset, job->len, &error);
      if (data == NULL)
        break;
      g_atomic_int_inc (&self->n_reads);
      name = g_strdup_printf ("%s:%u", job->path, job->entry->line);
      job->done = _annota_scan_json (data, job->len, name, job->flags, &job->scan, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    job->problem = g_strdup (error->message);
}

static gboolean
scan_jobs_run (AnnotaCorpus  *self,
               GPtrArray     *jobs,
               Relay         *relay,
               GCancellable  *cancellable,
               GError       **error)
{
  for (guint i = 0; i < jobs->len; i++)
    {
      if (check_cancelled (cancellable, error))
        return FALSE;
      scan_job_run (self, g_ptr_array_index (jobs, i));
      if (relay != NULL)
        relay_push_progress (relay, i + 1, jobs->len);
    }
  return TRUE;
}

/* In the main context. */
static void
scan_jobs_apply (AnnotaCorpus *self,
                 GPtrArray    *jobs)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < jobs->len; i++)
    {
      ScanJob *job = g_ptr_array_index (jobs, i);
      AnnotaCorpusEntry *entry = job->entry;

      /* Loaded or saved meanwhile: the entry knows better (a JSONL file
       * we rewrote has moved its lines). */
      if (entry->document != NULL || entry->kind != job->kind ||
          (job->kind == ANNOTA_ENTRY_LINE && (job->mtime != self->mtime || job->size != self->size)))
        continue;
      _annota_corpus_entry_set_problem (entry, job->problem);
      if (!job->done)
        continue;
      if (job->kind == ANNOTA_ENTRY_JSON)
        {
          entry->mtime = job->mtime;
          entry->size = job->size;
        }
      if (job->kind == ANNOTA_ENTRY_LINE)
        entry->native = job->scan.native;
      if (!self->labels_declared)
        merge_labels (self->labels, job->scan.labels);
      _annota_corpus_entry_set_disk_stats (entry, &job->scan.stats);
      changed = TRUE;
    }

  if (changed)
    {
      write_index (self);
      emit_progress_changed (self);
    }
}

gboolean
annota_corpus_scan (AnnotaCorpus  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) jobs = NULL;

  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  jobs = scan_jobs_new (self);
  if (!scan_jobs_run (self, jobs, NULL, cancellable, error))
    return FALSE;
  scan_jobs_apply (self, jobs);
  return TRUE;
}

/* The worker's task has no source object and lets go of the corpus when
 * it completes: the thread may hold the task a little longer. */
typedef struct {
  AnnotaCorpus *corpus;
  GPtrArray    *jobs;
  Relay        *relay;
  GTask        *outer;
} ScanData;

static void
scan_data_free (gpointer data)
{
  ScanData *scan = data;

  g_clear_pointer (&scan->jobs, g_ptr_array_unref);
  g_clear_pointer (&scan->relay, relay_unref);
  g_clear_object (&scan->outer);
  g_clear_object (&scan->corpus);
  g_free (scan);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *data = task_data;
  GError *error = NULL;

  if (scan_jobs_run (data->corpus, data->jobs, data->relay, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
scan_done (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ScanData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(AnnotaCorpus) self = g_steal_pointer (&data->corpus);
  g_autoptr(GTask) outer = g_steal_pointer (&data->outer);
  GError *error = NULL;

  relay_close (data->relay);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    scan_jobs_apply (self, data->jobs);
  /* The entries are let go here, in the main context. */
  g_clear_pointer (&data->jobs, g_ptr_array_unref);

  if (error == NULL)
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

void
annota_corpus_scan_async (AnnotaCorpus             *self,
                          GCancellable             *cancellable,
                          AnnotaCorpusProgressFunc  progress,
                          gpointer                  progress_data,
                          GAsyncReadyCallback       callback,
                          gpointer                  user_data)
{
  g_autoptr(GTask) inner = NULL;
  ScanData *data;

  g_return_if_fail (ANNOTA_IS_CORPUS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ScanData, 1);
  data->corpus = g_object_ref (self);
  data->jobs = scan_jobs_new (self);
  data->relay = relay_new (self, NULL, progress, progress_data);
  data->outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (data->outer, annota_corpus_scan_async);

  inner = g_task_new (NULL, cancellable, scan_done, NULL);
  g_task_set_source_tag (inner, scan_thread);
  g_task_set_task_data (inner, data, scan_data_free);
  g_task_run_in_thread (inner, scan_thread);
}

gboolean
annota_corpus_scan_finish (AnnotaCorpus  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == annota_corpus_scan_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Searching */

typedef struct {
  guint            position;
  AnnotaEntryKind  kind;
  char            *path;
  char            *name;
  goffset          offset;
  gsize            len;
  gint64           mtime;
  goffset          size;
  AnnotaText      *text;     /* of a loaded document */
} SearchItem;

typedef struct {
  AnnotaCorpus            *corpus;
  GPtrArray               *items;
  char                    *query;
  AnnotaSearchFlags        flags;
  Relay                   *relay;
  AnnotaCorpusHitFunc      hit;    /* without a relay */
  gpointer                 hit_data;
  guint                    n_hits;
  GTask                   *outer;
} Search;

static void
search_item_free (gpointer data)
{
  SearchItem *item = data;

  g_free (item->path);
  g_free (item->name);
  g_clear_object (&item->text);
  g_free (item);
}

static void
search_free (gpointer data)
{
  Search *search = data;

  g_clear_pointer (&search->items, g_ptr_array_unref);
  g_free (search->query);
  g_clear_pointer (&search->relay, relay_unref);
  g_clear_object (&search->outer);
  g_clear_object (&search->corpus);
  g_free (search);
}

/* A worker thread must not share a loaded document's text, whose caches
 * the main thread may be filling: it gets a copy. */
static Search *
search_new (AnnotaCorpus      *self,
            const char        *query,
            AnnotaSearchFlags  flags,
            gboolean           copy_texts)
{
  Search *search = g_new0 (Search, 1);

  search->corpus = g_object_ref (self);
  search->query = g_strdup (query);
  search->flags = flags;
  search->items = g_ptr_array_new_with_free_func (search_item_free);

  for (guint i = 0; i < self->entries->len; i++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);
      SearchItem *item = g_new0 (SearchItem, 1);

      item->position = i;
      item->kind = entry->kind;
      item->path = g_strdup (entry->path);
      item->name = entry->kind == ANNOTA_ENTRY_LINE ? line_name (self, entry) : g_strdup (entry->path);
      item->offset = entry->offset;
      item->len = entry->len;
      item->mtime = self->mtime;
      item->size = self->size;
      if (entry->document != NULL)
        {
          AnnotaText *text = annota_document_get_text (entry->document);

          if (copy_texts)
            item->text = annota_text_new (annota_text_get_utf8 (text), annota_text_get_n_bytes (text));
          else
            item->text = g_object_ref (text);
        }
      g_ptr_array_add (search->items, item);
    }
  return search;
}

static AnnotaText *
text_from_json (const char  *data,
                gsize        len,
                const char  *name,
                GError     **error)
{
  AnnotaScan scan;
  AnnotaText *text = NULL;

  _annota_scan_init (&scan);
  if (_annota_scan_json (data, len, name, ANNOTA_SCAN_TEXT, &scan, error))
    {
      if (scan.text == NULL || memchr (scan.text, '\0', scan.text_len) != NULL)
        g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_MISSING,
                     _("%s: no text to search"), name);
      else
        text = annota_text_new_take (g_steal_pointer (&scan.text), scan.text_len);
    }
  _annota_scan_clear (&scan);
  return text;
}

static AnnotaText *
search_item_read (AnnotaCorpus  *self,
                  SearchItem    *item,
                  GError       **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (item->text != NULL)
    return g_object_ref (item->text);

  switch (item->kind)
    {
    case ANNOTA_ENTRY_JSON:
      if (!g_file_get_contents (item->path, &data, &len, error))
        return NULL;
      g_atomic_int_inc (&self->n_reads);
      return text_from_json (data, len, item->name, error);

    case ANNOTA_ENTRY_TEXT:
      if (!read_text_file (item->path, &data, &len, error))
        return NULL;
      g_atomic_int_inc (&self->n_reads);
      return annota_text_new_take (g_steal_pointer (&data), len);

    case ANNOTA_ENTRY_LINE:
      data = read_range (item->path, item->mtime, item->size, item->offset, item->len, error);
      if (data == NULL)
        return NULL;
      g_atomic_int_inc (&self->n_reads);
      return text_from_json (data, item->len, item->name, error);

    default:
      g_assert_not_reached ();
    }
}

static gboolean
search_run (Search        *search,
            GCancellable  *cancellable,
            GError       **error)
{
  GPtrArray *items = search->items;

  for (guint i = 0; i < items->len; i++)
    {
      SearchItem *item = g_ptr_array_index (items, i);
      g_autoptr(GError) read_error = NULL;
      g_autoptr(AnnotaText) text = NULL;
      g_autoptr(GArray) matches = NULL;

      if (check_cancelled (cancellable, error))
        return FALSE;

      text = search_item_read (search->corpus, item, &read_error);
      if (text == NULL)
        g_debug ("search: %s", read_error->message);
      else
        {
          matches = annota_text_search (text, search->query, search->flags);
          for (guint j = 0; j < matches->len; j++)
            {
              AnnotaRange *range = &g_array_index (matches, AnnotaRange, j);

              search->n_hits++;
              if (search->relay != NULL)
                relay_push_hit (search->relay, item->position, text, range->start, range->end);
              else if (search->hit != NULL)
                search->hit (search->corpus, item->position, text, range->start, range->end,
                             search->hit_data);
            }
        }
      if (search->relay != NULL)
        relay_push_progress (search->relay, i + 1, items->len);
    }
  return TRUE;
}

gboolean
annota_corpus_search (AnnotaCorpus         *self,
                      const char           *query,
                      AnnotaSearchFlags     flags,
                      GCancellable         *cancellable,
                      AnnotaCorpusHitFunc   hit,
                      gpointer              hit_data,
                      GError              **error)
{
  Search *search;
  gboolean ok;

  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (query != NULL && g_utf8_validate (query, -1, NULL), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  search = search_new (self, query, flags, FALSE);
  search->hit = hit;
  search->hit_data = hit_data;
  ok = search_run (search, cancellable, error);
  search_free (search);
  return ok;
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (search_run (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
search_done (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Search *search = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) outer = g_steal_pointer (&search->outer);
  GError *error = NULL;

  relay_close (search->relay);
  g_task_propagate_boolean (G_TASK (result), &error);
  g_clear_pointer (&search->items, g_ptr_array_unref);
  g_clear_object (&search->corpus);

  if (error == NULL)
    g_task_return_int (outer, search->n_hits);
  else
    g_task_return_error (outer, error);
}

void
annota_corpus_search_async (AnnotaCorpus             *self,
                            const char               *query,
                            AnnotaSearchFlags         flags,
                            GCancellable             *cancellable,
                            AnnotaCorpusHitFunc       hit,
                            AnnotaCorpusProgressFunc  progress,
                            gpointer                  hit_data,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  g_autoptr(GTask) inner = NULL;
  Search *search;

  g_return_if_fail (ANNOTA_IS_CORPUS (self));
  g_return_if_fail (query != NULL && g_utf8_validate (query, -1, NULL));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  search = search_new (self, query, flags, TRUE);
  search->relay = relay_new (self, hit, progress, hit_data);
  search->outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (search->outer, annota_corpus_search_async);

  inner = g_task_new (NULL, cancellable, search_done, NULL);
  g_task_set_source_tag (inner, search_thread);
  g_task_set_task_data (inner, search, search_free);
  g_task_run_in_thread (inner, search_thread);
}

gboolean
annota_corpus_search_finish (AnnotaCorpus  *self,
                             GAsyncResult  *result,
                             guint         *n_hits,
                             GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == annota_corpus_search_async, FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_hits != NULL)
    *n_hits = n;
  return TRUE;
}

/* Navigation */

guint
annota_corpus_get_next (AnnotaCorpus *self,
                        guint         position)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), ANNOTA_CORPUS_NO_POSITION);

  if (position == ANNOTA_CORPUS_NO_POSITION)
    return self->entries->len > 0 ? 0 : ANNOTA_CORPUS_NO_POSITION;
  if (position + 1 < self->entries->len)
    return position + 1;
  return ANNOTA_CORPUS_NO_POSITION;
}

guint
annota_corpus_get_previous (AnnotaCorpus *self,
                            guint         position)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), ANNOTA_CORPUS_NO_POSITION);

  if (position == ANNOTA_CORPUS_NO_POSITION)
    return self->entries->len > 0 ? self->entries->len - 1 : ANNOTA_CORPUS_NO_POSITION;
  if (position > 0 && position <= self->entries->len)
    return position - 1;
  return ANNOTA_CORPUS_NO_POSITION;
}

guint
annota_corpus_find_next_todo (AnnotaCorpus *self,
                              guint         position)
{
  guint n, start;

  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), ANNOTA_CORPUS_NO_POSITION);

  n = self->entries->len;
  start = position == ANNOTA_CORPUS_NO_POSITION || position >= n ? 0 : position + 1;
  for (guint k = 0; k < n; k++)
    {
      guint i = (start + k) % n;
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);

      if (i == position)
        continue;
      if (entry->state == ANNOTA_CORPUS_STATE_UNKNOWN)
        {
          g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (scan_job_free);

          g_ptr_array_add (jobs, scan_job_new (self, entry));
          scan_job_run (self, g_ptr_array_index (jobs, 0));
          scan_jobs_apply (self, jobs);
        }
      /* One that cannot be read is still unknown: it needs a look too. */
      if (entry->state != ANNOTA_DOCUMENT_STATE_DONE)
        return i;
    }
  return ANNOTA_CORPUS_NO_POSITION;
}

/* Following the folder */

/* A document removed from the list lets go of its document's signals. */
static void
forget_entry (AnnotaCorpus      *self,
              AnnotaCorpusEntry *entry)
{
  if (entry->document != NULL && entry->corpus == self)
    {
      g_signal_handlers_disconnect_by_data (entry->document, entry);
      entry->corpus = NULL;
    }
  if (self->current == entry)
    {
      self->current = NULL;
      self->current_position = ANNOTA_CORPUS_NO_POSITION;
    }
}

/* Replaces n_removed entries at position with n_added of added from
 * start, and says so. */
static void
splice_entries (AnnotaCorpus *self,
                guint         position,
                guint         n_removed,
                GPtrArray    *added,
                guint         start,
                guint         n_added)
{
  GPtrArray *entries = self->entries;
  guint n_after;

  for (guint k = 0; k < n_removed; k++)
    forget_entry (self, g_ptr_array_index (entries, position + k));
  g_ptr_array_remove_range (entries, position, n_removed);

  n_after = entries->len - position;
  g_ptr_array_set_size (entries, entries->len + n_added);
  memmove (entries->pdata + position + n_added, entries->pdata + position, n_after * sizeof (gpointer));
  for (guint k = 0; k < n_added; k++)
    entries->pdata[position + k] = g_object_ref (g_ptr_array_index (added, start + k));

  if (self->current_position != ANNOTA_CORPUS_NO_POSITION && self->current_position >= position)
    self->current_position = self->current_position + n_added - n_removed;

  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, n_added);
}

/* A loaded document whose file is gone stays while it holds work. */
static gboolean
keeps_entry (AnnotaCorpus      *self,
             AnnotaCorpusEntry *entry)
{
  return entry->document != NULL &&
         (entry == self->current || annota_document_get_modified (entry->document));
}

/* The same document as listed now: returns TRUE when what is known of it
 * changed. */
static gboolean
update_entry (AnnotaCorpus      *self,
              AnnotaCorpusEntry *entry,
              AnnotaCorpusEntry *listed)
{
  if (entry->document != NULL)
    {
      /* The loaded document is the user's; the window tells of a change
       * to the file it shows. A text saved by another program as NAME.json
       * is not the file the document came from. */
      _annota_corpus_entry_set_missing (entry, !g_file_test (entry->path, G_FILE_TEST_EXISTS));
      return FALSE;
    }
  if (entry->kind == listed->kind && strcmp (entry->path, listed->path) == 0 &&
      entry->mtime == listed->mtime && entry->size == listed->size)
    return FALSE;

  /* Another file, or the file changed: unknown until scanned again. */
  g_free (entry->path);
  entry->path = g_strdup (listed->path);
  entry->kind = listed->kind;
  entry->mtime = listed->mtime;
  entry->size = listed->size;
  _annota_corpus_entry_set_problem (entry, NULL);
  _annota_corpus_entry_set_disk_stats (entry, &listed->disk);
  return TRUE;
}

static void sync_monitors (AnnotaCorpus *self);

static gpointer
copy_entry (gconstpointer entry,
            gpointer      user_data)
{
  return g_object_ref ((gpointer) entry);
}

/* A listing made again, to be applied in the corpus's context. */
typedef struct {
  GPtrArray *listed;
  GPtrArray *folders;
} Relisting;

static void
relisting_free (gpointer data)
{
  Relisting *relisting = data;

  g_clear_pointer (&relisting->listed, g_ptr_array_unref);
  g_clear_pointer (&relisting->folders, g_ptr_array_unref);
  g_free (relisting);
}

/* Any thread: reads only the folder. */
static Relisting *
relist (AnnotaCorpus  *self,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  Relisting *relisting = g_new0 (Relisting, 1);

  relisting->listed = list_files (self, cancellable, warnings, &relisting->folders, NULL, error);
  if (relisting->listed == NULL)
    {
      relisting_free (relisting);
      return NULL;
    }
  /* What listing finds wrong is not news each time it lists again. */
  for (guint k = 0; k < warnings->len; k++)
    g_debug ("%s", (const char *) g_ptr_array_index (warnings, k));
  return relisting;
}

/* Brings the list in line with a listing made since. */
static void
apply_relisting (AnnotaCorpus *self,
                 Relisting    *relisting)
{
  GPtrArray *listed = relisting->listed;
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GHashTable) by_file = NULL;
  guint n_before;
  guint i = 0, j = 0, position = 0;
  gboolean changed = FALSE;

  g_clear_pointer (&self->folders, g_ptr_array_unref);
  self->folders = g_steal_pointer (&relisting->folders);

  /* A checkout may bring back files the index knows. */
  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < self->entries->len; k++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, k);
      g_hash_table_add (names, entry->name);
    }
  by_file = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < listed->len; k++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (listed, k);

      if (entry->kind == ANNOTA_ENTRY_JSON && !g_hash_table_contains (names, entry->name))
        g_hash_table_insert (by_file, (gpointer) relative_path (self, entry->path), entry);
    }
  if (g_hash_table_size (by_file) > 0)
    read_index (self, by_file);

  /* Both lists are sorted: one walk through them finds each run of
   * documents gone and new between two that stay. */
  old = g_ptr_array_copy (self->entries, copy_entry, NULL);
  n_before = old->len;
  while (i < old->len || j < listed->len)
    {
      AnnotaCorpusEntry *stays = NULL;
      AnnotaCorpusEntry *match = NULL;
      guint n_removed = 0;
      guint start = j;

      while (i < old->len || j < listed->len)
        {
          AnnotaCorpusEntry *o = i < old->len ? g_ptr_array_index (old, i) : NULL;
          AnnotaCorpusEntry *n = j < listed->len ? g_ptr_array_index (listed, j) : NULL;
          int cmp = o == NULL ? 1 : n == NULL ? -1 : _annota_natural_compare (o->name, n->name);

          if (cmp == 0)
            {
              stays = o;
              match = n;
              break;
            }
          if (cmp < 0 && keeps_entry (self, o))
            {
              stays = o;
              break;
            }
          if (cmp < 0)
            {
              n_removed++;
              i++;
            }
          else
            {
              _annota_corpus_entry_refresh (n);
              j++;
            }
        }

      if (n_removed > 0 || j > start)
        {
          splice_entries (self, position, n_removed, listed, start, j - start);
          position += j - start;
          changed = TRUE;
        }
      if (stays != NULL)
        {
          if (match != NULL)
            changed |= update_entry (self, stays, match);
          else
            _annota_corpus_entry_set_missing (stays, !g_file_test (stays->path, G_FILE_TEST_EXISTS));
          position++;
          i++;
          if (match != NULL)
            j++;
        }
    }

  if (self->entries->len != n_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (changed)
    emit_progress_changed (self);
  if (self->watching)
    sync_monitors (self);
}

gboolean
annota_corpus_refresh (AnnotaCorpus  *self,
                       GError       **error)
{
  Relisting *relisting;

  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->kind != ANNOTA_CORPUS_KIND_FOLDER)
    return TRUE;
  relisting = relist (self, NULL, error);
  if (relisting == NULL)
    return FALSE;
  apply_relisting (self, relisting);
  relisting_free (relisting);
  return TRUE;
}

void
annota_corpus_set_current (AnnotaCorpus *self,
                           guint         position)
{
  AnnotaCorpusEntry *previous;

  g_return_if_fail (ANNOTA_IS_CORPUS (self));
  g_return_if_fail (position == ANNOTA_CORPUS_NO_POSITION || position < self->entries->len);

  previous = self->current;
  self->current = position != ANNOTA_CORPUS_NO_POSITION ? g_ptr_array_index (self->entries, position) : NULL;
  self->current_position = position;

  /* A document left behind whose file is gone goes too, unless it holds
   * unsaved changes. */
  if (previous != NULL && previous != self->current && previous->missing && self->watching)
    g_source_set_ready_time (self->refresh_source, 0);
}

guint
annota_corpus_get_current (AnnotaCorpus *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), ANNOTA_CORPUS_NO_POSITION);
  return self->current_position;
}

/* Watching */

static gboolean
refresh_source_dispatch (GSource     *source,
                         GSourceFunc  callback,
                         gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs refresh_source_funcs = {
  NULL, NULL, refresh_source_dispatch, NULL, NULL, NULL,
};

static void watch_scan (AnnotaCorpus *self);

static void
on_watch_scan_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AnnotaCorpus *self = ANNOTA_CORPUS (source);
  g_autoptr(GError) error = NULL;

  if (!annota_corpus_scan_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("%s: %s", self->path, error->message);
    }
  self->watch_scanning = FALSE;
  if (self->watch_rescan && self->watching)
    watch_scan (self);
}

/* The documents a refresh made unknown are read in a worker thread, one
 * scan at a time. */
static void
watch_scan (AnnotaCorpus *self)
{
  gboolean needed = FALSE;

  if (self->watch_scanning)
    {
      self->watch_rescan = TRUE;
      return;
    }
  self->watch_rescan = FALSE;
  for (guint i = 0; i < self->entries->len && !needed; i++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);

      needed = entry_needs_scan (entry) && entry->problem == NULL;
    }
  if (!needed)
    return;
  self->watch_scanning = TRUE;
  annota_corpus_scan_async (self, self->watch_cancellable, NULL, NULL, on_watch_scan_done, NULL);
}

static void
relist_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  Relisting *relisting = relist (source_object, cancellable, &error);

  if (relisting == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, relisting, relisting_free);
}

static void
on_relisted (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AnnotaCorpus *self = ANNOTA_CORPUS (source);
  g_autoptr(GError) error = NULL;
  Relisting *relisting = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean listed = relisting != NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->watching)
    {
      g_clear_pointer (&relisting, relisting_free);
      return;
    }
  self->watch_listing = FALSE;
  /* The corpus's folder itself gone or unreadable: the list stays as it
   * is, and the window tells of the document it shows. */
  if (!listed)
    g_debug ("%s", error->message);
  else
    {
      apply_relisting (self, relisting);
      relisting_free (relisting);
    }
  /* Whoever heard of the changes may have stopped watching. */
  if (!self->watching)
    return;
  if (self->watch_relist)
    {
      self->watch_relist = FALSE;
      g_source_set_ready_time (self->refresh_source, 0);
    }
  else if (listed)
    watch_scan (self);
}

/* The folders are listed again in a worker thread (10,000 documents take
 * tens of milliseconds), one listing at a time. */
static gboolean
on_refresh_due (gpointer user_data)
{
  AnnotaCorpus *self = user_data;
  g_autoptr(GTask) task = NULL;

  g_source_set_ready_time (self->refresh_source, -1);
  if (self->watch_listing)
    {
      self->watch_relist = TRUE;
      return G_SOURCE_CONTINUE;
    }
  self->watch_listing = TRUE;
  task = g_task_new (self, self->watch_cancellable, on_relisted, NULL);
  g_task_set_source_tag (task, on_refresh_due);
  g_task_run_in_thread (task, relist_thread);
  return G_SOURCE_CONTINUE;
}

static gboolean
is_hidden (GFile *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  return name == NULL || name[0] == '.';
}

static void
on_folder_changed (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   AnnotaCorpus      *self)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED ||
      event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;
  /* Saves write a hidden file and rename it over the document; the index
   * is hidden too. */
  if (is_hidden (file) && (other_file == NULL || is_hidden (other_file)))
    return;
  /* The first change of a burst sets the time; the others join it. */
  if (g_source_get_ready_time (self->refresh_source) == -1)
    g_source_set_ready_time (self->refresh_source,
                             g_get_monotonic_time () + REFRESH_DELAY_MS * G_TIME_SPAN_MILLISECOND);
}

static void
monitor_free (gpointer data)
{
  GFileMonitor *monitor = data;

  g_signal_handlers_disconnect_matched (monitor, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_folder_changed, NULL);
  g_file_monitor_cancel (monitor);
  g_object_unref (monitor);
}

/* One monitor for each folder listed: inotify does not watch subfolders. */
static void
sync_monitors (AnnotaCorpus *self)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  if (self->folders == NULL)
    return;
  g_main_context_push_thread_default (self->watch_context);
  for (guint i = 0; i < self->folders->len; i++)
    {
      const char *path = g_ptr_array_index (self->folders, i);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      GFileMonitor *monitor;

      g_hash_table_add (wanted, (gpointer) path);
      if (g_hash_table_contains (self->monitors, path))
        continue;
      file = g_file_new_for_path (path);
      monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (monitor == NULL)
        {
          g_debug ("Cannot watch “%s”: %s", path, error->message);
          continue;
        }
      g_signal_connect (monitor, "changed", G_CALLBACK (on_folder_changed), self);
      g_hash_table_insert (self->monitors, g_strdup (path), monitor);
    }
  g_main_context_pop_thread_default (self->watch_context);

  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (wanted, key))
      g_hash_table_iter_remove (&iter);
}

static void
stop_watching (AnnotaCorpus *self)
{
  self->watching = FALSE;
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  if (self->refresh_source != NULL)
    {
      g_source_destroy (self->refresh_source);
      g_clear_pointer (&self->refresh_source, g_source_unref);
    }
  if (self->watch_cancellable != NULL)
    g_cancellable_cancel (self->watch_cancellable);
  g_clear_object (&self->watch_cancellable);
  self->watch_scanning = FALSE;
  self->watch_rescan = FALSE;
  self->watch_listing = FALSE;
  self->watch_relist = FALSE;
  g_clear_pointer (&self->watch_context, g_main_context_unref);
}

void
annota_corpus_set_watching (AnnotaCorpus *self,
                            gboolean      watching)
{
  g_return_if_fail (ANNOTA_IS_CORPUS (self));

  watching = watching && self->kind == ANNOTA_CORPUS_KIND_FOLDER;
  if (self->watching == watching)
    return;
  if (!watching)
    {
      stop_watching (self);
      return;
    }

  self->watching = TRUE;
  self->watch_context = g_main_context_ref_thread_default ();
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, monitor_free);
  self->watch_cancellable = g_cancellable_new ();
  /* One source for the whole watch, ready when a refresh is due. */
  self->refresh_source = g_source_new (&refresh_source_funcs, sizeof (GSource));
  g_source_set_callback (self->refresh_source, on_refresh_due, self, NULL);
  g_source_set_ready_time (self->refresh_source, -1);
  g_source_set_static_name (self->refresh_source, "[annota] corpus refresh");
  g_source_attach (self->refresh_source, self->watch_context);
  sync_monitors (self);
}

gboolean
annota_corpus_get_watching (AnnotaCorpus *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), FALSE);
  return self->watching;
}

/* Progress */

guint
annota_corpus_count_documents (AnnotaCorpus *self,
                               int           state)
{
  guint n = 0;

  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), 0);
  g_return_val_if_fail (state >= ANNOTA_CORPUS_STATE_UNKNOWN && state <= ANNOTA_DOCUMENT_STATE_DONE, 0);

  for (guint i = 0; i < self->entries->len; i++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->state == state)
        n++;
    }
  return n;
}

guint64
annota_corpus_count_spans (AnnotaCorpus *self,
                           const char   *label,
                           int           status)
{
  guint64 n = 0;

  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), 0);
  g_return_val_if_fail (status >= -1 && status <= ANNOTA_SPAN_STATUS_REJECTED, 0);

  for (guint i = 0; i < self->entries->len; i++)
    n += annota_corpus_entry_count_spans (g_ptr_array_index (self->entries, i), label, status);
  return n;
}

guint64
annota_corpus_get_n_characters (AnnotaCorpus *self)
{
  guint64 n = 0;

  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    n += annota_corpus_entry_get_length (g_ptr_array_index (self->entries, i));
  return n;
}

GStrv
annota_corpus_list_span_labels (AnnotaCorpus *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint n_labels;

  g_return_val_if_fail (ANNOTA_IS_CORPUS (self), NULL);

  builder = g_strv_builder_new ();
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  n_labels = annota_label_set_get_n_labels (self->labels);
  for (guint i = 0; i < n_labels; i++)
    {
      const char *id = g_intern_string (annota_label_get_id (annota_label_set_peek (self->labels, i)));

      if (annota_corpus_count_spans (self, id, -1) > 0)
        {
          g_strv_builder_add (builder, id);
          g_hash_table_add (seen, (gpointer) id);
        }
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      AnnotaCorpusEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->document != NULL)
        continue;
      for (guint j = 0; j < entry->disk.labels->len; j++)
        {
          AnnotaLabelCount *c = &g_array_index (entry->disk.labels, AnnotaLabelCount, j);

          if (!g_hash_table_contains (seen, c->label) &&
              c->by_status[0] + c->by_status[1] + c->by_status[2] > 0)
            {
              g_strv_builder_add (builder, c->label);
              g_hash_table_add (seen, (gpointer) c->label);
            }
        }
    }
  return g_strv_builder_end (builder);
}
