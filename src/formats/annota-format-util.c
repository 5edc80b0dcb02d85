/* annota-format-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The line reader, the atomic sink, kept members and the span selection
 * that every format shares.
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

#include "annota-format-private.h"
#include "annota-span-private.h"
#include "annota-utf8-private.h"

/* g_strv_contains() that looks at the first letter before calling strcmp:
 * it runs for every member of every record. */
static inline gboolean
strv_has (const char * const *strv,
          const char         *str)
{
  for (; *strv != NULL; strv++)
    if ((*strv)[0] == str[0] && strcmp (*strv, str) == 0)
      return TRUE;
  return FALSE;
}

#define READ_SIZE  (1024 * 1024)
#define FLUSH_SIZE (1024 * 1024)

const char * const _annota_document_reserved[] = {
  "annota", "text", "labels", "spans", "tokens", "sentences", "state", NULL,
};

const char * const _annota_span_reserved[] = {
  "start", "end", "label", "status", "origin", "score", "note", "reviewed", NULL,
};

/* Line reader */

gboolean
_annota_line_reader_open (AnnotaLineReader *self,
                          const char       *path,
                          GError          **error)
{
  struct stat st;

  memset (self, 0, sizeof *self);
  self->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("%s: cannot open: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (self->fd, &st) == 0)
    self->total = (guint64) st.st_size;
  self->path = g_strdup (path);
  self->size = READ_SIZE;
  self->buf = g_malloc (self->size);
  return TRUE;
}

static void
set_line_too_long (AnnotaLineReader  *self,
                   GError           **error)
{
  g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_LIMIT,
               _("%s:%u: the line is longer than %d MB, the longest Annota reads"),
               self->path, self->line_no + 1, ANNOTA_MAX_LINE_SIZE / (1024 * 1024));
}

static gboolean
fill (AnnotaLineReader *self,
      GError          **error)
{
  gssize n;

  if (self->start > 0)
    {
      memmove (self->buf, self->buf + self->start, self->end - self->start);
      self->end -= self->start;
      self->start = 0;
    }
  /* The buffer holds at most one byte more than the longest line, which
   * tells a line that is too long. */
  if (self->end == self->size)
    {
      self->size = MIN (self->size * 2, (gsize) ANNOTA_MAX_LINE_SIZE + 1);
      self->buf = g_realloc (self->buf, self->size);
    }

  do
    n = read (self->fd, self->buf + self->end, self->size - self->end);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      int saved_errno = errno;
      g_autofree char *message = g_strdup_printf (_("cannot read: %s"), g_strerror (saved_errno));

      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   "%s:%u: %s", self->path, self->line_no + 1, message);
      return FALSE;
    }
  if (n == 0)
    self->eof = TRUE;
  self->end += (gsize) n;
  return TRUE;
}

gboolean
_annota_line_reader_next (AnnotaLineReader *self,
                          const char      **line,
                          gsize            *len,
                          gboolean         *has_eol,
                          GError          **error)
{
  gsize scanned = 0;

  for (;;)
    {
      const char *nl = memchr (self->buf + self->start + scanned, '\n',
                               self->end - self->start - scanned);

      if (nl != NULL)
        {
          *line = self->buf + self->start;
          *len = (gsize) (nl - *line);
          if (*len > ANNOTA_MAX_LINE_SIZE)
            {
              set_line_too_long (self, error);
              return FALSE;
            }
          if (has_eol != NULL)
            *has_eol = TRUE;
          self->start += *len + 1;
          self->consumed += *len + 1;
          self->line_no++;
          return TRUE;
        }

      if (self->eof)
        {
          if (self->start == self->end)
            return FALSE;
          if (self->end - self->start > ANNOTA_MAX_LINE_SIZE)
            {
              set_line_too_long (self, error);
              return FALSE;
            }
          *line = self->buf + self->start;
          *len = self->end - self->start;
          if (has_eol != NULL)
            *has_eol = FALSE;
          self->consumed += *len;
          self->start = self->end;
          self->line_no++;
          return TRUE;
        }

      scanned = self->end - self->start;
      if (scanned > ANNOTA_MAX_LINE_SIZE)
        {
          set_line_too_long (self, error);
          return FALSE;
        }
      if (!fill (self, error))
        return FALSE;
    }
}

void
_annota_line_reader_close (AnnotaLineReader *self)
{
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  g_clear_pointer (&self->buf, g_free);
  g_clear_pointer (&self->path, g_free);
}

/* Whole files */

static void
set_file_too_large (const char  *path,
                    GError     **error)
{
  g_autofree char *message = g_strdup_printf (_("the file is larger than %d MB, the largest Annota reads"),
                                              (int) (ANNOTA_MAX_FILE_SIZE / (1024 * 1024)));

  g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_LIMIT, "%s: %s", path, message);
}

gboolean
_annota_read_file (const char  *path,
                   char       **contents,
                   gsize       *len,
                   GError     **error)
{
  g_autofree char *buf = NULL;
  gsize size = READ_SIZE;
  gsize have = 0;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("%s: cannot open: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    {
      if (st.st_size > ANNOTA_MAX_FILE_SIZE)
        {
          close (fd);
          set_file_too_large (path, error);
          return FALSE;
        }
      /* Room for the end of the file to be seen, and a NUL. */
      size = (gsize) st.st_size + 2;
    }

  /* A file that grows while it is read, or one that is not a regular file,
   * is held to the same limit as it is read. */
  buf = g_malloc (size);
  for (;;)
    {
      gssize n;

      if (have + 1 >= size)
        {
          size = MIN (size * 2, (gsize) ANNOTA_MAX_FILE_SIZE + 2);
          buf = g_realloc (buf, size);
        }

      do
        n = read (fd, buf + have, size - have - 1);
      while (n < 0 && errno == EINTR);

      if (n < 0)
        {
          int saved_errno = errno;
          g_autofree char *message = g_strdup_printf (_("cannot read: %s"), g_strerror (saved_errno));

          close (fd);
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO, "%s: %s", path, message);
          return FALSE;
        }
      if (n == 0)
        break;
      have += (gsize) n;
      if (have > (gsize) ANNOTA_MAX_FILE_SIZE)
        {
          close (fd);
          set_file_too_large (path, error);
          return FALSE;
        }
    }
  close (fd);

  buf[have] = '\0';
  *contents = g_steal_pointer (&buf);
  *len = have;
  return TRUE;
}

/* Sink */

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len,
           int         *saved_errno)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
_annota_sink_open (AnnotaSink  *self,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *target;

  memset (self, 0, sizeof *self);
  self->fd = -1;

  target = realpath (path, NULL);
  self->path = target != NULL ? target : g_strdup (path);
  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("Cannot write “%s”: it is a folder"), path);
      g_clear_pointer (&self->path, g_free);
      return FALSE;
    }

  dir = g_path_get_dirname (self->path);
  base = g_path_get_basename (self->path);
  self->tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  self->fd = g_mkstemp_full (self->tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("Cannot write “%s”: cannot create a file in “%s”: %s"),
                   path, dir, g_strerror (saved_errno));
      g_clear_pointer (&self->path, g_free);
      g_clear_pointer (&self->tmp_path, g_free);
      return FALSE;
    }

  self->buf = g_string_sized_new (FLUSH_SIZE + FLUSH_SIZE / 4);
  return TRUE;
}

static gboolean
sink_flush (AnnotaSink  *self,
            GError     **error)
{
  int saved_errno = 0;

  if (self->buf->len == 0)
    return TRUE;

  if (!write_all (self->fd, self->buf->str, self->buf->len, &saved_errno))
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("Cannot write “%s”: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }
  g_string_truncate (self->buf, 0);
  return TRUE;
}

gboolean
_annota_sink_maybe_flush (AnnotaSink  *self,
                          GError     **error)
{
  if (self->buf->len < FLUSH_SIZE)
    return TRUE;
  return sink_flush (self, error);
}

gboolean
_annota_sink_commit (AnnotaSink  *self,
                     GError     **error)
{
  struct stat st;
  int saved_errno;

  if (!sink_flush (self, error))
    return FALSE;

  if (g_stat (self->path, &st) == 0 && S_ISREG (st.st_mode))
    (void) fchmod (self->fd, st.st_mode & 07777);

  if (fsync (self->fd) != 0 || close (self->fd) != 0)
    {
      saved_errno = errno;
      self->fd = -1;
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("Cannot write “%s”: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }
  self->fd = -1;

  if (g_rename (self->tmp_path, self->path) != 0)
    {
      saved_errno = errno;
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("Cannot write “%s”: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }

  g_clear_pointer (&self->tmp_path, g_free);
  _annota_sink_abort (self);
  return TRUE;
}

void
_annota_sink_abort (AnnotaSink *self)
{
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_clear_pointer (&self->tmp_path, g_free);
  g_clear_pointer (&self->path, g_free);
  if (self->buf != NULL)
    g_string_free (self->buf, TRUE);
  self->buf = NULL;
}

/* Records */

void
_annota_record_init (AnnotaRecord *record)
{
  memset (record, 0, sizeof *record);
  record->spans = g_array_new (FALSE, FALSE, sizeof (AnnotaRecordSpan));
  record->extras = g_ptr_array_new ();
  record->owned = g_ptr_array_new_with_free_func (g_free);
  record->chunk = g_string_chunk_new (4096);
}

void
_annota_record_reset (AnnotaRecord *record)
{
  record->name = NULL;
  record->stem = NULL;
  record->text = NULL;
  record->n_bytes = 0;
  record->n_cp = 0;
  g_array_set_size (record->spans, 0);
  g_clear_pointer (&record->tokens, g_array_unref);
  g_clear_pointer (&record->sentences, g_array_unref);
  if (record->icu_tokens != NULL)
    g_array_set_size (record->icu_tokens, 0);
  if (record->icu_sentences != NULL)
    g_array_set_size (record->icu_sentences, 0);
  g_ptr_array_set_size (record->extras, 0);
  g_ptr_array_set_size (record->owned, 0);
  g_clear_object (&record->document);
  g_clear_object (&record->text_object);
  g_string_chunk_clear (record->chunk);
}

void
_annota_record_clear (AnnotaRecord *record)
{
  _annota_record_reset (record);
  g_clear_pointer (&record->icu_tokens, g_array_unref);
  g_clear_pointer (&record->icu_sentences, g_array_unref);
  g_array_unref (record->spans);
  g_ptr_array_unref (record->extras);
  g_ptr_array_unref (record->owned);
  g_string_chunk_free (record->chunk);
  memset (record, 0, sizeof *record);
}

const char *
_annota_record_strdup (AnnotaRecord *record,
                       const char   *str,
                       gssize        len)
{
  if (str == NULL)
    return NULL;
  return g_string_chunk_insert_len (record->chunk, str, len);
}

void
_annota_record_set_text (AnnotaRecord *record,
                         const char   *text,
                         gsize         n_bytes)
{
  record->text = g_string_chunk_insert_len (record->chunk, text, n_bytes);
  record->n_bytes = n_bytes;
  record->n_cp = (guint) _annota_utf8_count (text, n_bytes, NULL);
}

AnnotaRecordSpan *
_annota_record_add_span (AnnotaRecord     *record,
                         guint             start,
                         guint             end,
                         const char       *label,
                         AnnotaSpanStatus  status,
                         const char       *origin,
                         double            score)
{
  AnnotaRecordSpan span = { start, end, label, status, origin, score, NULL, NULL };

  g_array_append_val (record->spans, span);
  return &g_array_index (record->spans, AnnotaRecordSpan, record->spans->len - 1);
}

void
_annota_record_set_extra (AnnotaRecord *record,
                          const char   *name,
                          const char   *json)
{
  AnnotaJsonMember *member = g_new (AnnotaJsonMember, 1);

  member->name = (char *) _annota_record_strdup (record, name, -1);
  member->json = (char *) _annota_record_strdup (record, json, -1);
  g_ptr_array_add (record->owned, member);
  g_ptr_array_add (record->extras, member);
}

const char *
_annota_record_get_extra (AnnotaRecord *record,
                          const char   *name)
{
  for (guint i = 0; i < record->extras->len; i++)
    {
      AnnotaJsonMember *member = g_ptr_array_index (record->extras, i);

      if (strcmp (member->name, name) == 0)
        return member->json;
    }
  return NULL;
}

AnnotaText *
_annota_record_get_text (AnnotaRecord *record)
{
  if (record->text_object == NULL)
    record->text_object = annota_text_new (record->text, record->n_bytes);
  return record->text_object;
}

AnnotaDocument *
_annota_record_to_document (AnnotaRecord   *record,
                            AnnotaLabelSet *labels,
                            GError        **error)
{
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AnnotaLabelSet) owned_labels = NULL;

  if (record->document != NULL)
    return g_object_ref (record->document);

  if (labels == NULL)
    labels = owned_labels = annota_label_set_new ();
  document = annota_document_new (_annota_record_get_text (record), labels);

  spans = g_ptr_array_new_full (record->spans->len, g_object_unref);
  for (guint i = 0; i < record->spans->len; i++)
    {
      AnnotaRecordSpan *rs = &g_array_index (record->spans, AnnotaRecordSpan, i);
      AnnotaSpan *span = annota_span_new (rs->start, rs->end, rs->label, rs->status,
                                          rs->origin, rs->score);

      if (labels != NULL)
        _annota_ensure_label (labels, rs->label);

      if (rs->note != NULL)
        _annota_span_set_note (span, rs->note);
      if (rs->extra != NULL)
        {
          g_autofree char *extra = _annota_json_native_style (rs->extra);
          _annota_span_set_extra (span, extra);
        }
      g_ptr_array_add (spans, span);
    }
  if (spans->len > 0 && !annota_document_load_spans (document, spans, &local_error))
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                   "%s: %s", record->name, local_error->message);
      return NULL;
    }

  for (guint i = 0; i < record->extras->len; i++)
    {
      AnnotaJsonMember *member = g_ptr_array_index (record->extras, i);
      g_autofree char *json = _annota_json_native_style (member->json);

      annota_document_set_extra_member (document, member->name, json);
    }
  if (record->tokens != NULL)
    annota_document_set_tokens (document, g_array_ref (record->tokens));
  if (record->sentences != NULL)
    annota_document_set_sentences (document, g_array_ref (record->sentences));

  annota_format_set_document_name (document, record->name);
  if (record->stem != NULL)
    g_object_set_data_full (G_OBJECT (document), "annota-format-stem", g_strdup (record->stem), g_free);

  return g_steal_pointer (&document);
}

static gboolean
add_document_span (AnnotaSpan *span,
                   gpointer    user_data)
{
  AnnotaRecord *record = user_data;
  AnnotaRecordSpan *rs;

  rs = _annota_record_add_span (record, annota_span_get_start (span), annota_span_get_end (span),
                                annota_span_get_label (span), annota_span_get_status (span),
                                annota_span_get_origin (span),
                                annota_span_has_score (span) ? annota_span_get_score (span) : -1);
  rs->note = annota_span_get_note (span);
  rs->extra = annota_span_get_extra (span);
  return TRUE;
}

void
_annota_record_from_document (AnnotaRecord   *record,
                              AnnotaDocument *document)
{
  AnnotaText *text = annota_document_get_text (document);
  GPtrArray *extras = annota_document_get_extra_members (document);
  GArray *ranges;

  _annota_record_reset (record);
  record->document = g_object_ref (document);
  record->text_object = g_object_ref (text);
  record->name = annota_format_get_document_name (document);
  record->stem = g_object_get_data (G_OBJECT (document), "annota-format-stem");
  record->text = annota_text_get_utf8 (text);
  record->n_bytes = annota_text_get_n_bytes (text);
  record->n_cp = annota_text_get_length (text);

  annota_span_store_foreach_in_range (annota_document_get_spans (document), 0, G_MAXUINT,
                                      add_document_span, record);
  for (guint i = 0; extras != NULL && i < extras->len; i++)
    g_ptr_array_add (record->extras, g_ptr_array_index (extras, i));
  if ((ranges = annota_document_get_tokens (document)) != NULL)
    record->tokens = g_array_ref (ranges);
  if ((ranges = annota_document_get_sentences (document)) != NULL)
    record->sentences = g_array_ref (ranges);
}

/* Kept members */

char *
_annota_extra_in_name (const char         *prefix,
                       const char         *name,
                       const char * const *reserved)
{
  if (strchr (name, ':') != NULL ||
      (reserved != NULL && strv_has (reserved, name)))
    return g_strconcat (prefix, ":", name, NULL);
  return g_strdup (name);
}

const char *
_annota_extra_out_name (const char *prefix,
                        const char *name)
{
  gsize n = strlen (prefix);

  if (strncmp (name, prefix, n) == 0 && name[n] == ':')
    return name + n + 1;
  if (strchr (name, ':') != NULL)
    return NULL;
  return name;
}

gboolean
_annota_append_span_extra (GString    *out,
                           AjParser   *parser,
                           const char *extra,
                           const char *prefix,
                           gboolean    first)
{
  AjNode *root;
  gboolean wrote = FALSE;

  if (extra == NULL)
    return FALSE;

  root = _aj_parse (parser, extra, strlen (extra), NULL, NULL);
  if (root == NULL || root->type != AJ_OBJECT)
    return FALSE;

  for (guint i = 0; i < root->len; i++)
    {
      const char *name = _annota_extra_out_name (prefix, root->keys[i]);

      if (name == NULL)
        continue;
      if (!first || wrote)
        g_string_append_c (out, ',');
      annota_json_append_string (out, name, -1);
      g_string_append_c (out, ':');
      _aj_append (out, root->v.items[i]);
      wrote = TRUE;
    }

  return wrote;
}

void
_annota_append_record_extra (GString            *out,
                             AnnotaRecord       *record,
                             const char         *prefix,
                             const char * const *skip)
{
  for (guint i = 0; i < record->extras->len; i++)
    {
      AnnotaJsonMember *member = g_ptr_array_index (record->extras, i);
      const char *name = _annota_extra_out_name (prefix, member->name);

      if (name == NULL ||
          (skip != NULL && (strv_has (skip, name) || strv_has (skip, member->name))))
        continue;
      g_string_append_c (out, ',');
      annota_json_append_string (out, name, -1);
      g_string_append_c (out, ':');
      g_string_append (out, member->json);
    }
}

char *
_annota_json_native_style (const char *json)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  GString *out;

  /* A string or a number, most of the time. */
  if (strpbrk (json, ",: \t\n\r") == NULL)
    return g_strdup (json);

  out = g_string_sized_new (strlen (json) + 16);
  for (const char *p = json; *p != '\0'; p++)
    {
      char c = *p;

      if (in_string)
        {
          g_string_append_c (out, c);
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
          break;
        case ',':
        case ':':
          g_string_append_c (out, c);
          g_string_append_c (out, ' ');
          break;
        case '"':
          in_string = TRUE;
          g_string_append_c (out, c);
          break;
        default:
          g_string_append_c (out, c);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

char *
_annota_extra_string (const char *extra,
                      AjParser   *parser,
                      const char *key)
{
  AjNode *root, *node;

  if (extra == NULL || strstr (extra, key) == NULL)
    return NULL;

  root = _aj_parse (parser, extra, strlen (extra), NULL, NULL);
  node = _aj_get (root, key);
  if (node == NULL || node->type != AJ_STRING)
    return NULL;
  return g_strndup (node->v.str, node->len);
}

/* Import helpers */

gboolean
_annota_import_text (AnnotaRecord  *record,
                     AjNode        *object,
                     const char    *key,
                     const char    *name,
                     GError       **error)
{
  AjNode *node = _aj_get (object, key);

  if (node == NULL)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_MISSING,
                   _("%s: no “%s” member: every record needs its text"), name, key);
      return FALSE;
    }
  if (node->type != AJ_STRING)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s: “%s” is %s, expected a string"), name, key, _aj_type_name (node));
      return FALSE;
    }
  if (memchr (node->v.str, '\0', node->len) != NULL)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                   _("%s: “%s” contains a NUL character"), name, key);
      return FALSE;
    }

  _annota_record_set_text (record, node->v.str, node->len);
  return TRUE;
}

const char *
_annota_collect_extra (AnnotaRecord       *record,
                       AjNode             *object,
                       const char * const *known,
                       const char         *prefix,
                       const char * const *reserved)
{
  GString *out = NULL;
  const char *result;

  for (guint i = 0; i < object->len; i++)
    {
      const char *key = object->keys[i];
      g_autofree char *renamed = NULL;

      if (strv_has (known, key))
        continue;
      if (out == NULL)
        out = g_string_new ("{");
      else
        g_string_append_c (out, ',');
      if (strchr (key, ':') != NULL || (reserved != NULL && strv_has (reserved, key)))
        renamed = _annota_extra_in_name (prefix, key, reserved);
      annota_json_append_string (out, renamed != NULL ? renamed : key, -1);
      g_string_append_c (out, ':');
      _aj_append (out, object->v.items[i]);
    }

  if (out == NULL)
    return NULL;
  g_string_append_c (out, '}');
  result = _annota_record_strdup (record, out->str, out->len);
  g_string_free (out, TRUE);
  return result;
}

void
_annota_keep_members (AnnotaRecord       *record,
                      AjNode             *object,
                      const char * const *known,
                      const char         *prefix)
{
  GString *value = g_string_new (NULL);

  for (guint i = 0; i < object->len; i++)
    {
      const char *key = object->keys[i];
      g_autofree char *renamed = NULL;

      if (strv_has (known, key))
        continue;
      if (strchr (key, ':') != NULL || strv_has (_annota_document_reserved, key))
        renamed = _annota_extra_in_name (prefix, key, _annota_document_reserved);
      g_string_truncate (value, 0);
      _aj_append (value, object->v.items[i]);
      _annota_record_set_extra (record, renamed != NULL ? renamed : key, value->str);
    }
  g_string_free (value, TRUE);
}

const char *
_annota_ensure_label (AnnotaLabelSet *labels,
                      const char     *id)
{
  g_autoptr(AnnotaLabel) label = NULL;
  AnnotaLabel *found = annota_label_set_lookup (labels, id);

  if (found != NULL)
    return annota_label_get_id (found);

  label = annota_label_new (id, id,
                            annota_label_default_color (annota_label_set_get_n_labels (labels)),
                            NULL);
  annota_label_set_append (labels, label, NULL);
  return annota_label_get_id (label);
}

/* Export helpers */

char *
_annota_describe_span (AnnotaRecord *record,
                       guint         start,
                       guint         end,
                       const char   *label)
{
  AnnotaText *text = _annota_record_get_text (record);
  g_autofree char *covered = NULL;

  if (end - start > 60)
    {
      g_autofree char *head = annota_text_substring (text, start, start + 59);
      covered = g_strconcat (head, "…", NULL);
    }
  else
    covered = annota_text_substring (text, start, end);

  /* Translators: a span in a message: the document, the offsets, the label
   * and the text it covers. */
  return g_strdup_printf (_("%s: span [%u, %u) %s “%s”"),
                          record->name != NULL ? record->name : _("document"),
                          start, end, label, covered);
}

void
_annota_add_problem (GPtrArray *problems,
                     char      *message)
{
  if (problems != NULL)
    g_ptr_array_add (problems, message);
  else
    g_free (message);
}

static gboolean
is_fragment_note (const char *note)
{
  return note != NULL && g_str_has_prefix (note, "brat:");
}

GArray *
_annota_export_spans (AnnotaRecord              *record,
                      const AnnotaFormatOptions *opts,
                      const char                *format_name,
                      GPtrArray                 *problems,
                      GError                   **error)
{
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) out = NULL;
  guint n_fragments = 0;
  gboolean any_note = FALSE;

  spans = g_array_sized_new (FALSE, FALSE, sizeof (AnnotaExportSpan), record->spans->len);
  for (guint i = 0; i < record->spans->len; i++)
    {
      const AnnotaRecordSpan *rs = &g_array_index (record->spans, AnnotaRecordSpan, i);
      AnnotaExportSpan e;

      if ((rs->status == ANNOTA_SPAN_STATUS_SUGGESTED && !(opts->include & ANNOTA_INCLUDE_SUGGESTED)) ||
          (rs->status == ANNOTA_SPAN_STATUS_REJECTED && !(opts->include & ANNOTA_INCLUDE_REJECTED)))
        continue;
      e.start = rs->start;
      e.end = rs->end;
      e.label = rs->label;
      e.rs = rs;
      g_array_append_val (spans, e);
      any_note = any_note || is_fragment_note (rs->note);
    }
  if (!any_note)
    return g_steal_pointer (&spans);

  /* Fragments of one discontinuous span share a "brat:T…" note. */
  groups = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < spans->len; i++)
    {
      const char *note = g_array_index (spans, AnnotaExportSpan, i).rs->note;

      if (is_fragment_note (note))
        g_hash_table_insert (groups, (gpointer) note,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (groups, note)) + 1));
    }

  out = g_array_new (FALSE, FALSE, sizeof (AnnotaExportSpan));
  for (guint i = 0; i < spans->len; i++)
    {
      AnnotaExportSpan *e = &g_array_index (spans, AnnotaExportSpan, i);
      const char *note = e->rs->note;
      g_autofree char *what = NULL;
      guint n;

      n = is_fragment_note (note) ? GPOINTER_TO_UINT (g_hash_table_lookup (groups, note)) : 0;
      if (n < 2)
        {
          g_array_append_val (out, *e);
          continue;
        }

      n_fragments++;
      what = _annota_describe_span (record, e->start, e->end, e->label);
      /* Translators: the first %s is a span, the second an id such as
       * "T2", the third a format name. */
      _annota_add_problem (problems,
                           g_strdup_printf (_("%s: a fragment of the discontinuous span %s, which %s cannot express"),
                                            what, note + strlen ("brat:"), format_name));

      if (opts->misaligned == ANNOTA_MISALIGNED_EXPAND)
        {
          gboolean seen = FALSE;

          /* The first fragment stands for the whole, from the first start
           * to the last end. */
          for (guint j = 0; j < out->len && !seen; j++)
            {
              AnnotaExportSpan *m = &g_array_index (out, AnnotaExportSpan, j);

              if (g_strcmp0 (m->rs->note, note) == 0)
                {
                  m->end = MAX (m->end, e->end);
                  seen = TRUE;
                }
            }
          if (!seen)
            g_array_append_val (out, *e);
        }
    }

  if (n_fragments > 0 && opts->misaligned == ANNOTA_MISALIGNED_ERROR)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u span fragment cannot be written as %s (use --misaligned expand or skip)",
                                "%s: %u span fragments cannot be written as %s (use --misaligned expand or skip)",
                                n_fragments),
                   record->name, n_fragments, format_name);
      return NULL;
    }

  return g_steal_pointer (&out);
}
