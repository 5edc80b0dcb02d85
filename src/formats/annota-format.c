/* annota-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registry: format names, guessing, and the readers and writers that
 * drive the formats. JSONL is read a line at a time and written through a
 * buffer to a temporary file, so a corpus of any size converts in the
 * memory of its largest record, and nothing replaces the target until
 * every document was converted.
 */
#define G_LOG_DOMAIN "annota"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "annota-format-private.h"

#define NAME_KEY "annota-format-name"

void
annota_format_options_init (AnnotaFormatOptions *opts)
{
  g_return_if_fail (opts != NULL);

  memset (opts, 0, sizeof *opts);
  opts->scheme = ANNOTA_CONLL_SCHEME_AUTO;
  opts->offsets = ANNOTA_OFFSETS_UTF16;
  opts->misaligned = ANNOTA_MISALIGNED_ERROR;
  opts->include = ANNOTA_INCLUDE_ACCEPTED;
}

static const char * const kind_names[] = {
  [ANNOTA_FORMAT_UNKNOWN] = "unknown",
  [ANNOTA_FORMAT_NATIVE] = "native",
  [ANNOTA_FORMAT_SPACY] = "spacy",
  [ANNOTA_FORMAT_DOCCANO] = "doccano",
  [ANNOTA_FORMAT_BRAT] = "brat",
  [ANNOTA_FORMAT_CONLL] = "conll",
  [ANNOTA_FORMAT_LABELSTUDIO] = "labelstudio",
};

const char *
annota_format_kind_to_string (AnnotaFormatKind kind)
{
  g_return_val_if_fail (kind <= ANNOTA_FORMAT_LABELSTUDIO, NULL);
  return kind_names[kind];
}

AnnotaFormatKind
annota_format_kind_from_string (const char *name)
{
  g_return_val_if_fail (name != NULL, ANNOTA_FORMAT_UNKNOWN);

  for (guint i = ANNOTA_FORMAT_NATIVE; i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (name, kind_names[i]) == 0)
      return i;
  if (g_ascii_strcasecmp (name, "prodigy") == 0)
    return ANNOTA_FORMAT_SPACY;
  if (g_ascii_strcasecmp (name, "label-studio") == 0)
    return ANNOTA_FORMAT_LABELSTUDIO;
  return ANNOTA_FORMAT_UNKNOWN;
}

static const char * const scheme_names[] = {
  [ANNOTA_CONLL_SCHEME_AUTO] = "auto",
  [ANNOTA_CONLL_SCHEME_IOB2] = "iob2",
  [ANNOTA_CONLL_SCHEME_IOB1] = "iob1",
  [ANNOTA_CONLL_SCHEME_BIOES] = "bioes",
  [ANNOTA_CONLL_SCHEME_BILOU] = "bilou",
};

gboolean
annota_conll_scheme_from_string (const char        *name,
                                 AnnotaConllScheme *scheme)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (scheme_names); i++)
    if (g_ascii_strcasecmp (name, scheme_names[i]) == 0)
      {
        *scheme = i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (name, "iob") == 0 || g_ascii_strcasecmp (name, "bio") == 0)
    {
      *scheme = ANNOTA_CONLL_SCHEME_IOB2;
      return TRUE;
    }
  if (g_ascii_strcasecmp (name, "biluo") == 0)
    {
      *scheme = ANNOTA_CONLL_SCHEME_BILOU;
      return TRUE;
    }
  return FALSE;
}

const char *
annota_conll_scheme_to_string (AnnotaConllScheme scheme)
{
  g_return_val_if_fail (scheme <= ANNOTA_CONLL_SCHEME_BILOU, NULL);
  return scheme_names[scheme];
}

/* Document names */

const char *
annota_format_get_document_name (AnnotaDocument *document)
{
  const char *name;

  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (document), NULL);

  name = g_object_get_data (G_OBJECT (document), NAME_KEY);
  if (name == NULL)
    {
      GFile *file = annota_document_get_file (document);

      if (file != NULL)
        {
          g_object_set_data_full (G_OBJECT (document), NAME_KEY,
                                  g_file_get_parse_name (file), g_free);
          name = g_object_get_data (G_OBJECT (document), NAME_KEY);
        }
    }
  return name != NULL ? name : _("document");
}

void
annota_format_set_document_name (AnnotaDocument *document,
                                 const char     *name)
{
  g_return_if_fail (ANNOTA_IS_DOCUMENT (document));
  g_object_set_data_full (G_OBJECT (document), NAME_KEY, g_strdup (name), g_free);
}

/* Detection */

static gboolean
has_suffix_ci (const char *path,
               const char *suffix)
{
  gsize n = strlen (path), m = strlen (suffix);

  return n >= m && g_ascii_strcasecmp (path + n - m, suffix) == 0;
}

static char *
replace_suffix (const char *path,
                const char *old_suffix,
                const char *new_suffix)
{
  g_autofree char *stem = g_strndup (path, strlen (path) - strlen (old_suffix));

  return g_strconcat (stem, new_suffix, NULL);
}

static gboolean
dir_has_suffix (const char *dir,
                const char *suffix,
                guint       depth)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (has_suffix_ci (name, suffix))
        return TRUE;
      if (depth < 8 && g_file_test (child, G_FILE_TEST_IS_DIR) &&
          dir_has_suffix (child, suffix, depth + 1))
        return TRUE;
    }
  return FALSE;
}

/* Which JSON-lines format a record belongs to, or UNKNOWN when it does not
 * tell. */
static AnnotaFormatKind
sniff_record (AjNode *record)
{
  AjNode *label;

  if (record == NULL || record->type != AJ_OBJECT)
    return ANNOTA_FORMAT_UNKNOWN;
  if (_aj_get (record, "annota") != NULL)
    return ANNOTA_FORMAT_NATIVE;
  if (_aj_get (record, "data") != NULL &&
      (_aj_get (record, "annotations") != NULL || _aj_get (record, "predictions") != NULL))
    return ANNOTA_FORMAT_LABELSTUDIO;
  if (_aj_get (record, "entities") != NULL)
    return ANNOTA_FORMAT_DOCCANO;
  label = _aj_get (record, "label");
  if (label != NULL && label->type == AJ_ARRAY)
    return ANNOTA_FORMAT_DOCCANO;
  if (_aj_get (record, "spans") != NULL || _aj_get (record, "tokens") != NULL ||
      _aj_get (record, "answer") != NULL)
    return ANNOTA_FORMAT_SPACY;
  return ANNOTA_FORMAT_UNKNOWN;
}

static AnnotaFormatKind
sniff_jsonl (const char  *path,
             GError     **error)
{
  AnnotaLineReader lines;
  g_autoptr(GError) local_error = NULL;
  AjParser *parser;
  AnnotaFormatKind kind = ANNOTA_FORMAT_UNKNOWN;
  const char *line;
  gsize len;
  guint n = 0;

  if (!_annota_line_reader_open (&lines, path, error))
    return ANNOTA_FORMAT_UNKNOWN;

  parser = _aj_parser_new ();
  while (kind == ANNOTA_FORMAT_UNKNOWN && n < 100 &&
         _annota_line_reader_next (&lines, &line, &len, NULL, &local_error))
    {
      AjNode *root;

      if (len == 0 || g_ascii_isspace (line[0]))
        continue;
      n++;
      root = _aj_parse (parser, line, len, NULL, NULL);
      kind = sniff_record (root);
    }
  _aj_parser_free (parser);
  _annota_line_reader_close (&lines);

  /* A line too long to read would be refused by any reader: say so now,
   * not after reading it again. */
  if (kind == ANNOTA_FORMAT_UNKNOWN && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return ANNOTA_FORMAT_UNKNOWN;
    }

  /* A corpus of bare {"text": …} records is spaCy's shape too. */
  return kind == ANNOTA_FORMAT_UNKNOWN ? ANNOTA_FORMAT_SPACY : kind;
}

static AnnotaFormatKind
sniff_json (const char  *path,
            GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  AjParser *parser;
  AjNode *root;
  AnnotaFormatKind kind;
  gsize i = 0;

  if (!_annota_read_file (path, &data, &len, error))
    return ANNOTA_FORMAT_UNKNOWN;

  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i < len && data[i] == '[')
    return ANNOTA_FORMAT_LABELSTUDIO;

  parser = _aj_parser_new ();
  root = _aj_parse (parser, data, len, NULL, NULL);
  kind = sniff_record (root);
  _aj_parser_free (parser);

  return kind == ANNOTA_FORMAT_UNKNOWN ? ANNOTA_FORMAT_NATIVE : kind;
}

AnnotaFormatKind
annota_format_detect_input (const char  *path,
                            GError     **error)
{
  g_return_val_if_fail (path != NULL, ANNOTA_FORMAT_UNKNOWN);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return dir_has_suffix (path, ".ann", 0) ? ANNOTA_FORMAT_BRAT : ANNOTA_FORMAT_NATIVE;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("%s: no such file or folder"), path);
      return ANNOTA_FORMAT_UNKNOWN;
    }

  if (has_suffix_ci (path, ".jsonl") || has_suffix_ci (path, ".ndjson"))
    return sniff_jsonl (path, error);
  if (has_suffix_ci (path, ".json"))
    return sniff_json (path, error);
  if (has_suffix_ci (path, ".ann"))
    return ANNOTA_FORMAT_BRAT;
  if (has_suffix_ci (path, ".conll") || has_suffix_ci (path, ".iob") ||
      has_suffix_ci (path, ".bio") || has_suffix_ci (path, ".conllu"))
    return ANNOTA_FORMAT_CONLL;
  if (has_suffix_ci (path, ".txt"))
    {
      g_autofree char *ann = replace_suffix (path, ".txt", ".ann");

      if (g_file_test (ann, G_FILE_TEST_EXISTS))
        return ANNOTA_FORMAT_BRAT;
    }

  g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
               _("%s: cannot tell the format from the name; give it with --from"), path);
  return ANNOTA_FORMAT_UNKNOWN;
}

AnnotaFormatKind
annota_format_detect_output (const char  *path,
                             GError     **error)
{
  g_return_val_if_fail (path != NULL, ANNOTA_FORMAT_UNKNOWN);

  if (has_suffix_ci (path, ".jsonl") || has_suffix_ci (path, ".ndjson"))
    return ANNOTA_FORMAT_SPACY;
  if (has_suffix_ci (path, ".json"))
    return ANNOTA_FORMAT_NATIVE;
  if (has_suffix_ci (path, ".ann"))
    return ANNOTA_FORMAT_BRAT;
  if (has_suffix_ci (path, ".conll") || has_suffix_ci (path, ".iob") ||
      has_suffix_ci (path, ".bio"))
    return ANNOTA_FORMAT_CONLL;

  g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
               _("%s: cannot tell the format from the name; give it with --to"), path);
  return ANNOTA_FORMAT_UNKNOWN;
}

/* Reader */

typedef enum {
  MODE_LINES,      /* JSONL: one record per line */
  MODE_TREE,       /* a JSON file: an array of records, or one */
  MODE_FILES,      /* brat pairs, native files */
  MODE_CONLL,
} ReaderMode;

struct _AnnotaFormatReader {
  AnnotaFormatKind     kind;
  AnnotaFormatOptions  opts;
  ReaderMode           mode;
  char                *path;
  AnnotaLabelSet      *labels;
  AjParser            *parser;     /* records */
  AjParser            *extra_parser;
  AnnotaImportContext  ctx;
  AnnotaRecord         record;
  AnnotaRecord        *current;     /* the record being filled */

  AnnotaLineReader     lines;
  gboolean             lines_open;
  AnnotaConllReader   *conll;

  char                *data;       /* MODE_TREE */
  AjNode              *root;
  guint                index;

  GPtrArray           *files;      /* MODE_FILES: paths */
  GPtrArray           *stems;
  guint64              done;
  guint64              total;
};

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect_files (const char *root,
               const char *rel,
               const char *suffix,
               GPtrArray  *files,
               guint       depth)
{
  g_autofree char *dir = rel[0] ? g_build_filename (root, rel, NULL) : g_strdup (root);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  /* Natural order: "doc2" before "doc10". */
  for (guint i = 0; i < names->len; i++)
    {
      char *key = g_utf8_collate_key_for_filename (g_ptr_array_index (names, i), -1);
      char *pair = g_strconcat (key, "\n", (char *) g_ptr_array_index (names, i), NULL);

      g_free (key);
      g_free (names->pdata[i]);
      names->pdata[i] = pair;
    }
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *n = strchr (g_ptr_array_index (names, i), '\n') + 1;
      g_autofree char *child_rel = rel[0] ? g_build_filename (rel, n, NULL) : g_strdup (n);
      g_autofree char *child = g_build_filename (root, child_rel, NULL);

      if (n[0] == '.')
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (depth < 16)
            collect_files (root, child_rel, suffix, files, depth + 1);
        }
      else if (has_suffix_ci (n, suffix))
        g_ptr_array_add (files, g_steal_pointer (&child_rel));
    }
}

static gboolean
open_files (AnnotaFormatReader  *self,
            const char          *suffix,
            GError             **error)
{
  self->mode = MODE_FILES;
  self->files = g_ptr_array_new_with_free_func (g_free);
  self->stems = g_ptr_array_new_with_free_func (g_free);

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GPtrArray) rel = g_ptr_array_new_with_free_func (g_free);

      collect_files (self->path, "", suffix, rel, 0);
      for (guint i = 0; i < rel->len; i++)
        {
          const char *r = g_ptr_array_index (rel, i);

          if (self->kind == ANNOTA_FORMAT_NATIVE && strcmp (r, "labels.json") == 0)
            continue;
          g_ptr_array_add (self->files, g_build_filename (self->path, r, NULL));
          g_ptr_array_add (self->stems, g_strndup (r, strlen (r) - strlen (suffix)));
        }
    }
  else if (g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *base = g_path_get_basename (self->path);
      const char *dot = strrchr (base, '.');

      g_ptr_array_add (self->files, g_strdup (self->path));
      g_ptr_array_add (self->stems, dot != NULL ? g_strndup (base, dot - base) : g_strdup (base));
    }
  else
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("%s: no such file or folder"), self->path);
      return FALSE;
    }

  self->total = self->files->len;
  return TRUE;
}

static gboolean
open_tree (AnnotaFormatReader  *self,
           GError             **error)
{
  g_autofree char *message = NULL;
  gsize len = 0;
  gsize offset = 0;

  self->mode = MODE_TREE;
  if (!_annota_read_file (self->path, &self->data, &len, error))
    return FALSE;

  self->root = _aj_parse (self->parser, self->data, len, &offset, &message);
  if (self->root == NULL)
    {
      guint line = 1;

      for (gsize i = 0; i < offset && i < len; i++)
        line += self->data[i] == '\n';
      if (_aj_parser_bad_string (self->parser))
        g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                     "%s:%u: %s", self->path, line, message);
      else
        g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                     _("%s:%u: invalid JSON: %s"), self->path, line, message);
      return FALSE;
    }

  if (self->root->type != AJ_ARRAY && self->root->type != AJ_OBJECT)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s:1: expected an array or an object, found %s"),
                   self->path, _aj_type_name (self->root));
      return FALSE;
    }

  self->total = self->root->type == AJ_ARRAY ? self->root->len : 1;
  return TRUE;
}

AnnotaFormatReader *
annota_format_reader_open (AnnotaFormatKind           kind,
                           const char                *path,
                           const AnnotaFormatOptions *opts,
                           GError                   **error)
{
  g_autoptr(AnnotaFormatReader) self = NULL;
  gboolean is_dir;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (kind == ANNOTA_FORMAT_UNKNOWN)
    {
      kind = annota_format_detect_input (path, error);
      if (kind == ANNOTA_FORMAT_UNKNOWN)
        return NULL;
    }

  self = g_new0 (AnnotaFormatReader, 1);
  self->kind = kind;
  if (opts != NULL)
    self->opts = *opts;
  else
    annota_format_options_init (&self->opts);
  self->path = g_strdup (path);
  self->labels = self->opts.labels != NULL ? g_object_ref (self->opts.labels) : annota_label_set_new ();
  self->opts.labels = self->labels;
  self->parser = _aj_parser_new ();
  self->extra_parser = _aj_parser_new ();
  self->ctx.opts = &self->opts;
  self->ctx.labels = self->labels;
  self->ctx.parser = self->extra_parser;
  self->ctx.path = self->path;
  _annota_record_init (&self->record);

  is_dir = g_file_test (path, G_FILE_TEST_IS_DIR);

  switch (kind)
    {
    case ANNOTA_FORMAT_BRAT:
      if (!is_dir && has_suffix_ci (path, ".txt"))
        {
          g_free (self->path);
          self->path = replace_suffix (path, ".txt", ".ann");
          self->ctx.path = self->path;
        }
      if (!open_files (self, ".ann", error))
        return NULL;
      break;

    case ANNOTA_FORMAT_NATIVE:
      if (is_dir)
        {
          g_autofree char *labels_path = g_build_filename (path, "labels.json", NULL);

          if (g_file_test (labels_path, G_FILE_TEST_EXISTS))
            {
              g_autoptr(AnnotaLabelSet) shared = annota_label_set_load_file (labels_path, error);

              if (shared == NULL)
                return NULL;
              annota_label_set_merge (self->labels, shared);
            }
        }
      if (is_dir || !has_suffix_ci (path, ".jsonl"))
        {
          if (!open_files (self, ".json", error))
            return NULL;
          break;
        }
      G_GNUC_FALLTHROUGH;

    case ANNOTA_FORMAT_SPACY:
    case ANNOTA_FORMAT_DOCCANO:
      if (!has_suffix_ci (path, ".json"))
        {
          self->mode = MODE_LINES;
          if (!_annota_line_reader_open (&self->lines, path, error))
            return NULL;
          self->lines_open = TRUE;
          break;
        }
      G_GNUC_FALLTHROUGH;

    case ANNOTA_FORMAT_LABELSTUDIO:
      if (!open_tree (self, error))
        return NULL;
      break;

    case ANNOTA_FORMAT_CONLL:
      self->mode = MODE_CONLL;
      if (!_annota_line_reader_open (&self->lines, path, error))
        return NULL;
      self->lines_open = TRUE;
      self->conll = _annota_conll_reader_new (&self->ctx, &self->lines);
      break;

    case ANNOTA_FORMAT_UNKNOWN:
    default:
      g_assert_not_reached ();
    }

  return g_steal_pointer (&self);
}

static gboolean
import_record (AnnotaFormatReader *self,
               AjNode             *object,
               const char         *name,
               GPtrArray          *warnings,
               GError            **error)
{
  AnnotaImportFunc import;

  switch (self->kind)
    {
    case ANNOTA_FORMAT_SPACY:
      import = _annota_spacy_import;
      break;
    case ANNOTA_FORMAT_DOCCANO:
      import = _annota_doccano_import;
      break;
    case ANNOTA_FORMAT_LABELSTUDIO:
      import = _annota_labelstudio_import;
      break;
    case ANNOTA_FORMAT_NATIVE:
    case ANNOTA_FORMAT_BRAT:
    case ANNOTA_FORMAT_CONLL:
    case ANNOTA_FORMAT_UNKNOWN:
    default:
      g_assert_not_reached ();
    }

  self->current->name = _annota_record_strdup (self->current, name, -1);
  return import (&self->ctx, object, name, self->current, warnings, error);
}

/* A native document lends itself to the record. */
static gboolean
take_document (AnnotaFormatReader *self,
               AnnotaDocument     *document,
               const char         *name)
{
  if (document == NULL)
    return FALSE;
  annota_format_set_document_name (document, name);
  _annota_record_from_document (self->current, document);
  g_object_unref (document);
  return TRUE;
}

static void
add_warnings (GPtrArray *warnings,
              GPtrArray *more)
{
  if (more == NULL)
    return;
  for (guint i = 0; i < more->len; i++)
    _annota_add_problem (warnings, g_strdup (g_ptr_array_index (more, i)));
  g_ptr_array_unref (more);
}

static gboolean
next_line_record (AnnotaFormatReader *self,
                  GPtrArray          *warnings,
                  GError            **error)
{
  const char *line;
  gsize len;
  g_autoptr(GError) local_error = NULL;

  while (_annota_line_reader_next (&self->lines, &line, &len, NULL, &local_error))
    {
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;
      AjNode *record;
      gsize offset = 0;
      gsize i = 0;

      while (i < len && g_ascii_isspace (line[i]))
        i++;
      if (i == len)
        continue;

      name = g_strdup_printf ("%s:%u", self->path, self->lines.line_no);

      if (self->kind == ANNOTA_FORMAT_NATIVE)
        {
          GPtrArray *more = NULL;
          AnnotaDocument *document;

          document = annota_document_load_data (line, len, name, self->labels, &more, error);
          add_warnings (warnings, more);
          return take_document (self, document, name);
        }

      record = _aj_parse (self->parser, line, len, &offset, &message);
      if (record == NULL)
        {
          if (_aj_parser_bad_string (self->parser))
            g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                         "%s: %s", name, message);
          else
            g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                         _("%s: invalid JSON at column %u: %s"),
                         name, (guint) offset + 1, message);
          return FALSE;
        }
      if (record->type != AJ_OBJECT)
        {
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                       _("%s: expected an object, found %s"), name, _aj_type_name (record));
          return FALSE;
        }

      return import_record (self, record, name, warnings, error);
    }

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
next_tree_record (AnnotaFormatReader *self,
                  GPtrArray          *warnings,
                  GError            **error)
{
  g_autofree char *name = NULL;
  AjNode *record;

  if (self->index >= self->total)
    return FALSE;

  if (self->root->type == AJ_ARRAY)
    {
      record = self->root->v.items[self->index];
      name = g_strdup_printf ("%s: [%u]", self->path, self->index);
    }
  else
    {
      record = self->root;
      name = g_strdup (self->path);
    }
  self->index++;

  if (record->type != AJ_OBJECT)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s: expected an object, found %s"), name, _aj_type_name (record));
      return FALSE;
    }

  if (self->kind == ANNOTA_FORMAT_NATIVE)
    {
      /* Native JSON is read by the core's own parser. */
      g_autofree char *json = _aj_to_string (record);
      GPtrArray *more = NULL;
      AnnotaDocument *document;

      document = annota_document_load_data (json, strlen (json), name, self->labels, &more, error);
      add_warnings (warnings, more);
      return take_document (self, document, name);
    }

  return import_record (self, record, name, warnings, error);
}

static gboolean
next_file (AnnotaFormatReader *self,
           GPtrArray          *warnings,
           GError            **error)
{
  gboolean ok;
  const char *path;

  while (self->done < self->files->len)
    {
      path = g_ptr_array_index (self->files, self->done);

      if (self->kind == ANNOTA_FORMAT_BRAT)
        {
          g_autofree char *txt = replace_suffix (path, ".ann", ".txt");

          if (!g_file_test (txt, G_FILE_TEST_EXISTS))
            {
              if (self->files->len == 1)
                {
                  g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                               _("%s: no text file “%s” beside it"), path, txt);
                  return FALSE;
                }
              _annota_add_problem (warnings,
                                   g_strdup_printf (_("%s: left out: no text file “%s” beside it"),
                                                    path, txt));
              self->done++;
              continue;
            }
          ok = _annota_brat_import (&self->ctx, path, txt, self->current, warnings, error);
        }
      else
        {
          GPtrArray *more = NULL;
          AnnotaDocument *document;

          document = annota_document_load_file (path, self->labels, &more, error);
          add_warnings (warnings, more);
          ok = take_document (self, document, path);
        }

      if (ok)
        self->current->stem = _annota_record_strdup (self->current, g_ptr_array_index (self->stems, self->done), -1);
      self->done++;
      return ok;
    }

  return FALSE;
}

/* Fills the reader's record with the next document; FALSE at the end or
 * on error. */
static gboolean
next_record (AnnotaFormatReader *self,
             AnnotaRecord       *record,
             GPtrArray          *warnings,
             GError            **error)
{
  _annota_record_reset (record);
  self->current = record;

  switch (self->mode)
    {
    case MODE_LINES:
      return next_line_record (self, warnings, error);
    case MODE_TREE:
      return next_tree_record (self, warnings, error);
    case MODE_FILES:
      return next_file (self, warnings, error);
    case MODE_CONLL:
      return _annota_conll_reader_next (self->conll, record, warnings, error);
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

AnnotaDocument *
annota_format_reader_next (AnnotaFormatReader *self,
                           GPtrArray          *warnings,
                           GError            **error)
{
  AnnotaDocument *document;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!next_record (self, &self->record, warnings, error))
    return NULL;

  document = _annota_record_to_document (&self->record, self->labels, error);
  _annota_record_reset (&self->record);
  return document;
}

AnnotaLabelSet *
annota_format_reader_get_labels (AnnotaFormatReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->labels;
}

void
annota_format_reader_get_progress (AnnotaFormatReader *self,
                                   guint64            *done,
                                   guint64            *total)
{
  g_return_if_fail (self != NULL);

  switch (self->mode)
    {
    case MODE_LINES:
    case MODE_CONLL:
      *done = self->lines.consumed;
      *total = self->lines.total;
      break;
    case MODE_TREE:
      *done = self->index;
      *total = self->total;
      break;
    case MODE_FILES:
    default:
      *done = self->done;
      *total = self->total;
      break;
    }
}

void
annota_format_reader_free (AnnotaFormatReader *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->conll, _annota_conll_reader_free);
  _annota_record_clear (&self->record);
  if (self->lines_open)
    _annota_line_reader_close (&self->lines);
  g_clear_pointer (&self->parser, _aj_parser_free);
  g_clear_pointer (&self->extra_parser, _aj_parser_free);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->stems, g_ptr_array_unref);
  g_clear_object (&self->labels);
  g_free (self->data);
  g_free (self->path);
  g_free (self);
}

/* Writer */

typedef struct {
  char *path;
  char *contents;
  gsize len;
} PendingFile;

static void
pending_file_free (gpointer data)
{
  PendingFile *file = data;

  g_free (file->path);
  g_free (file->contents);
  g_free (file);
}

struct _AnnotaFormatWriter {
  AnnotaFormatKind     kind;
  AnnotaFormatOptions  opts;
  char                *path;
  AnnotaSink           sink;
  gboolean             sink_open;
  gboolean             folder;      /* brat or native: one file per document */
  gboolean             jsonl;       /* native: one compact document per line */
  AjParser            *parser;
  GPtrArray           *pending;     /* PendingFile, for folders */
  GHashTable          *stems;
  guint                n_written;
  AnnotaRecord         record;
  AnnotaLabelSet      *labels;      /* for records that become documents */
  AnnotaSegmenter     *segmenter;
};

AnnotaFormatWriter *
annota_format_writer_open (AnnotaFormatKind           kind,
                           const char                *path,
                           const AnnotaFormatOptions *opts,
                           GError                   **error)
{
  g_autoptr(AnnotaFormatWriter) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (kind == ANNOTA_FORMAT_UNKNOWN)
    {
      kind = annota_format_detect_output (path, error);
      if (kind == ANNOTA_FORMAT_UNKNOWN)
        return NULL;
    }

  self = g_new0 (AnnotaFormatWriter, 1);
  self->kind = kind;
  if (opts != NULL)
    self->opts = *opts;
  else
    annota_format_options_init (&self->opts);
  self->path = g_strdup (path);
  self->parser = _aj_parser_new ();
  self->pending = g_ptr_array_new_with_free_func (pending_file_free);
  self->stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  _annota_record_init (&self->record);
  self->labels = self->opts.labels != NULL ? g_object_ref (self->opts.labels) : annota_label_set_new ();
  self->opts.labels = NULL;

  if (kind == ANNOTA_FORMAT_BRAT)
    {
      self->folder = !has_suffix_ci (path, ".ann");
      if (self->folder && g_file_test (path, G_FILE_TEST_EXISTS) &&
          !g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                       _("%s: brat output is a folder or a path ending in .ann"), path);
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  if (kind == ANNOTA_FORMAT_NATIVE)
    {
      self->jsonl = has_suffix_ci (path, ".jsonl");
      self->folder = !self->jsonl && !has_suffix_ci (path, ".json");
      if (self->folder)
        return g_steal_pointer (&self);
    }

  if (!_annota_sink_open (&self->sink, path, error))
    return NULL;
  self->sink_open = TRUE;

  if (kind == ANNOTA_FORMAT_LABELSTUDIO)
    g_string_append (self->sink.buf, "[");

  return g_steal_pointer (&self);
}

/* The file name a document gets in a folder: its own stem when it came
 * from a file, else the source's name with its line ("corpus-12"). */
static char *
record_stem (AnnotaFormatWriter *self,
             AnnotaRecord       *record)
{
  g_autofree char *base = NULL;
  guint n = 2;
  char *unique;

  if (record->stem != NULL)
    base = g_strdup (record->stem);
  else
    {
      g_autofree char *file = g_path_get_basename (record->name != NULL ? record->name : "document");
      char *colon = strrchr (file, ':');
      g_autofree char *line = colon != NULL ? g_strdup (colon + 1) : NULL;
      GString *str;
      char *dot;

      if (colon != NULL)
        *colon = '\0';
      dot = strrchr (file, '.');
      if (dot != NULL && dot != file)
        *dot = '\0';
      str = g_string_new (file);
      if (line != NULL)
        g_string_append_printf (str, "-%s", g_strstrip (line));
      base = g_string_free (str, FALSE);
      g_strdelimit (base, " []", '_');
    }

  unique = g_strdup (base);
  while (g_hash_table_contains (self->stems, unique))
    {
      g_free (unique);
      unique = g_strdup_printf ("%s-%u", base, n++);
    }
  g_hash_table_add (self->stems, g_strdup (unique));
  return unique;
}

static void
add_pending (AnnotaFormatWriter *self,
             char               *path,
             char               *contents,
             gsize               len)
{
  PendingFile *file = g_new0 (PendingFile, 1);

  file->path = path;
  file->contents = contents;
  file->len = len;
  g_ptr_array_add (self->pending, file);
}

static gboolean
add_record (AnnotaFormatWriter *self,
            AnnotaRecord       *record,
            GPtrArray          *problems,
            GError            **error)
{
  g_autoptr(AnnotaDocument) document = NULL;
  GString *out;
  gsize mark;
  gboolean ok = TRUE;

  if (!self->folder && self->n_written > 0 &&
      (self->kind == ANNOTA_FORMAT_BRAT || (self->kind == ANNOTA_FORMAT_NATIVE && !self->jsonl)))
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                   _("%s: holds one document, but there are more; write to a folder"),
                   self->path);
      return FALSE;
    }

  if (self->kind == ANNOTA_FORMAT_BRAT)
    {
      g_autofree char *ann = _annota_brat_export (record, self->parser, &self->opts, problems, error);
      g_autofree char *stem = NULL;
      char *ann_path, *txt_path;
      gsize len;

      if (ann == NULL)
        return FALSE;
      if (self->folder)
        {
          stem = record_stem (self, record);
          ann_path = g_strconcat (self->path, G_DIR_SEPARATOR_S, stem, ".ann", NULL);
          txt_path = g_strconcat (self->path, G_DIR_SEPARATOR_S, stem, ".txt", NULL);
        }
      else
        {
          ann_path = g_strdup (self->path);
          txt_path = replace_suffix (self->path, ".ann", ".txt");
        }
      add_pending (self, txt_path, g_strndup (record->text, record->n_bytes), record->n_bytes);
      len = strlen (ann);
      add_pending (self, ann_path, g_steal_pointer (&ann), len);
      self->n_written++;
      return TRUE;
    }

  if (self->kind == ANNOTA_FORMAT_NATIVE)
    {
      document = _annota_record_to_document (record, self->labels, error);
      if (document == NULL)
        return FALSE;
    }

  if (self->kind == ANNOTA_FORMAT_NATIVE && self->folder)
    {
      g_autofree char *stem = record_stem (self, record);
      gsize len = 0;
      char *json = annota_document_to_json (document, &len);

      add_pending (self, g_strconcat (self->path, G_DIR_SEPARATOR_S, stem, ".json", NULL), json, len);
      self->n_written++;
      return TRUE;
    }

  out = self->sink.buf;
  mark = out->len;

  switch (self->kind)
    {
    case ANNOTA_FORMAT_NATIVE:
      {
        gsize len = 0;
        g_autofree char *json = annota_document_to_json (document, &len);

        if (self->jsonl)
          {
            /* The canonical text, on one line. */
            AjNode *root = _aj_parse (self->parser, json, len, NULL, NULL);

            g_assert (root != NULL);
            _aj_append (out, root);
            g_string_append_c (out, '\n');
          }
        else
          g_string_append_len (out, json, len);
      }
      break;
    case ANNOTA_FORMAT_SPACY:
      ok = _annota_spacy_export (out, self->parser, record, &self->opts, problems, error);
      break;
    case ANNOTA_FORMAT_DOCCANO:
      ok = _annota_doccano_export (out, self->parser, record, &self->opts, problems, error);
      break;
    case ANNOTA_FORMAT_CONLL:
      if (self->segmenter == NULL)
        self->segmenter = _annota_segmenter_new ();
      ok = _annota_conll_export (out, self->parser, self->segmenter, record, self->n_written,
                                 &self->opts, problems, error);
      break;
    case ANNOTA_FORMAT_LABELSTUDIO:
      g_string_append (out, self->n_written > 0 ? ",\n" : "\n");
      ok = _annota_labelstudio_export (out, self->parser, record, &self->opts, problems, error);
      break;
    case ANNOTA_FORMAT_BRAT:
    case ANNOTA_FORMAT_UNKNOWN:
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      g_string_truncate (out, mark);
      return FALSE;
    }

  self->n_written++;
  return _annota_sink_maybe_flush (&self->sink, error);
}

gboolean
annota_format_writer_add (AnnotaFormatWriter *self,
                          AnnotaDocument     *document,
                          GPtrArray          *problems,
                          GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _annota_record_from_document (&self->record, document);
  ok = add_record (self, &self->record, problems, error);
  _annota_record_reset (&self->record);
  return ok;
}

gboolean
annota_format_convert_next (AnnotaFormatReader *reader,
                            AnnotaFormatWriter *writer,
                            GPtrArray          *warnings,
                            GPtrArray          *problems,
                            guint              *n_spans,
                            GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!next_record (reader, &reader->record, warnings, error))
    return FALSE;

  if (n_spans != NULL)
    *n_spans = reader->record.spans->len;
  ok = add_record (writer, &reader->record, problems, error);
  _annota_record_reset (&reader->record);
  return ok;
}

gboolean
annota_format_writer_commit (AnnotaFormatWriter *self,
                             GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->sink_open)
    {
      if (self->kind == ANNOTA_FORMAT_LABELSTUDIO)
        g_string_append (self->sink.buf, self->n_written > 0 ? "\n]\n" : "]\n");
      self->sink_open = FALSE;
      return _annota_sink_commit (&self->sink, error);
    }

  if (self->folder && g_mkdir_with_parents (self->path, 0777) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingFile *file = g_ptr_array_index (self->pending, i);
      g_autofree char *dir = g_path_get_dirname (file->path);

      if (g_mkdir_with_parents (dir, 0777) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                       _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
          return FALSE;
        }
      if (!annota_write_file_atomic (file->path, file->contents, file->len, error))
        return FALSE;
    }
  g_ptr_array_set_size (self->pending, 0);
  return TRUE;
}

void
annota_format_writer_free (AnnotaFormatWriter *self)
{
  if (self == NULL)
    return;

  if (self->sink_open)
    _annota_sink_abort (&self->sink);
  g_clear_pointer (&self->parser, _aj_parser_free);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->stems, g_hash_table_unref);
  _annota_record_clear (&self->record);
  g_clear_object (&self->labels);
  g_clear_pointer (&self->segmenter, _annota_segmenter_free);
  g_free (self->path);
  g_free (self);
}

/* Whole conversions: the reader runs in a thread of its own, a few
 * records ahead of the writer, so parsing and writing share the two cores
 * a conversion of a large corpus has. Records own all they hold (strings
 * in their chunk, label ids from the reader's label set, which only the
 * reader thread changes), so they pass between the threads as they are.
 * Native documents are GObjects that share a label set: they stay on one
 * thread. */

#define PIPE_DEPTH 4
/* Records go between the threads in batches, as waking the other thread
 * for each record costs more than a short record's conversion. */
#define PIPE_BATCH 64

typedef struct {
  AnnotaRecord  records[PIPE_BATCH];
  GPtrArray    *warnings[PIPE_BATCH];
  guint64       done[PIPE_BATCH];
  guint         n;
  guint64       total;
  GError       *error;
  gboolean      end;
} PipeItem;

typedef struct {
  AnnotaFormatReader *reader;
  GAsyncQueue        *full;
  GAsyncQueue        *empty;
  gint                cancelled;
  /* For CoNLL the reader thread segments too, so that the two threads
   * have work of about the same size. */
  AnnotaSegmenter    *segmenter;
} Pipe;

static gpointer
pipe_reader_thread (gpointer data)
{
  Pipe *pipe = data;

  for (;;)
    {
      PipeItem *item = g_async_queue_pop (pipe->empty);

      for (item->n = 0; item->n < PIPE_BATCH; item->n++)
        {
          guint i = item->n;

          g_ptr_array_set_size (item->warnings[i], 0);
          if (g_atomic_int_get (&pipe->cancelled) ||
              !next_record (pipe->reader, &item->records[i], item->warnings[i], &item->error))
            {
              item->end = TRUE;
              break;
            }
          annota_format_reader_get_progress (pipe->reader, &item->done[i], &item->total);

          if (pipe->segmenter != NULL &&
              (item->records[i].tokens == NULL || item->records[i].sentences == NULL))
            {
              AnnotaRecord *record = &item->records[i];

              if (record->icu_tokens == NULL)
                {
                  record->icu_tokens = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
                  record->icu_sentences = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
                }
              _annota_segmenter_run (pipe->segmenter, record->text, record->n_bytes,
                                     record->icu_tokens, record->icu_sentences);
            }
        }

      g_async_queue_push (pipe->full, item);
      if (item->end)
        return NULL;
    }
}

static gboolean
convert_in_one_thread (AnnotaFormatReader      *reader,
                       AnnotaFormatWriter      *writer,
                       AnnotaFormatConvertFunc  func,
                       gpointer                 user_data,
                       GError                 **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      guint n_spans = 0;
      guint64 done = 0, total = 0;
      gboolean ok;

      if (!next_record (reader, &reader->record, warnings, error))
        {
          if (func != NULL && warnings->len > 0)
            func (0, warnings, problems, 0, 0, FALSE, user_data);
          return error == NULL || *error == NULL;
        }
      n_spans = reader->record.spans->len;
      annota_format_reader_get_progress (reader, &done, &total);
      ok = add_record (writer, &reader->record, problems, error);
      _annota_record_reset (&reader->record);
      if (func != NULL)
        func (n_spans, warnings, problems, done, total, ok, user_data);
      g_ptr_array_set_size (warnings, 0);
      g_ptr_array_set_size (problems, 0);
      if (!ok)
        return FALSE;
    }
}

gboolean
annota_format_convert (AnnotaFormatReader      *reader,
                       AnnotaFormatWriter      *writer,
                       AnnotaFormatConvertFunc  func,
                       gpointer                 user_data,
                       GError                 **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  PipeItem *items;
  GError *local_error = NULL;
  GThread *thread;
  Pipe pipe;
  gboolean ok = TRUE;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reader->kind == ANNOTA_FORMAT_NATIVE || writer->kind == ANNOTA_FORMAT_NATIVE)
    return convert_in_one_thread (reader, writer, func, user_data, error);

  problems = g_ptr_array_new_with_free_func (g_free);
  pipe.reader = reader;
  pipe.full = g_async_queue_new ();
  pipe.empty = g_async_queue_new ();
  pipe.cancelled = 0;
  pipe.segmenter = writer->kind == ANNOTA_FORMAT_CONLL ? _annota_segmenter_new () : NULL;
  items = g_new0 (PipeItem, PIPE_DEPTH);
  for (guint i = 0; i < PIPE_DEPTH; i++)
    {
      for (guint j = 0; j < PIPE_BATCH; j++)
        {
          _annota_record_init (&items[i].records[j]);
          items[i].warnings[j] = g_ptr_array_new_with_free_func (g_free);
        }
      g_async_queue_push (pipe.empty, &items[i]);
    }

  thread = g_thread_new ("annota-format-reader", pipe_reader_thread, &pipe);

  for (gboolean end = FALSE; !end;)
    {
      PipeItem *item = g_async_queue_pop (pipe.full);

      for (guint i = 0; i < item->n; i++)
        {
          AnnotaRecord *record = &item->records[i];

          if (ok)
            {
              guint n_spans = record->spans->len;

              ok = add_record (writer, record, problems, &local_error);
              if (func != NULL)
                func (n_spans, item->warnings[i], problems, item->done[i], item->total, ok, user_data);
              g_ptr_array_set_size (problems, 0);
              /* The reader stops at its next record; what it has read
               * is let go unwritten. */
              if (!ok)
                g_atomic_int_set (&pipe.cancelled, 1);
            }
        }
      /* The reader thread empties the records before it fills them again:
       * memory freed by the thread that took it stays out of the other
       * thread's malloc arena, which would hand it back to the kernel. */

      if (item->end)
        {
          end = TRUE;
          if (ok && func != NULL && item->warnings[item->n]->len > 0)
            func (0, item->warnings[item->n], problems, 0, 0, FALSE, user_data);
          if (ok && item->error != NULL)
            {
              g_propagate_error (&local_error, g_steal_pointer (&item->error));
              ok = FALSE;
            }
        }
      else
        g_async_queue_push (pipe.empty, item);
    }

  g_thread_join (thread);
  for (guint i = 0; i < PIPE_DEPTH; i++)
    {
      for (guint j = 0; j < PIPE_BATCH; j++)
        {
          _annota_record_clear (&items[i].records[j]);
          g_ptr_array_unref (items[i].warnings[j]);
        }
      g_clear_error (&items[i].error);
    }
  g_free (items);
  g_clear_pointer (&pipe.segmenter, _annota_segmenter_free);
  g_async_queue_unref (pipe.full);
  g_async_queue_unref (pipe.empty);

  if (!ok)
    g_propagate_error (error, local_error);
  return ok;
}

/* All at once */

GPtrArray *
annota_format_read (AnnotaFormatKind           kind,
                    const char                *path,
                    const AnnotaFormatOptions *opts,
                    GPtrArray                 *warnings,
                    GError                   **error)
{
  g_autoptr(AnnotaFormatReader) reader = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  AnnotaDocument *document;
  GError *local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = annota_format_reader_open (kind, path, opts, error);
  if (reader == NULL)
    return NULL;

  documents = g_ptr_array_new_with_free_func (g_object_unref);
  while ((document = annota_format_reader_next (reader, warnings, &local_error)) != NULL)
    g_ptr_array_add (documents, document);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&documents);
}

gboolean
annota_format_write (AnnotaFormatKind           kind,
                     GPtrArray                 *documents,
                     const char                *path,
                     const AnnotaFormatOptions *opts,
                     GPtrArray                 *problems,
                     GError                   **error)
{
  g_autoptr(AnnotaFormatWriter) writer = NULL;

  g_return_val_if_fail (documents != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = annota_format_writer_open (kind, path, opts, error);
  if (writer == NULL)
    return FALSE;

  for (guint i = 0; i < documents->len; i++)
    if (!annota_format_writer_add (writer, g_ptr_array_index (documents, i), problems, error))
      return FALSE;

  return annota_format_writer_commit (writer, error);
}
