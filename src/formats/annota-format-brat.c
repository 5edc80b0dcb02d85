/* annota-format-brat.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * brat standoff: name.txt and name.ann. A T line becomes a span that
 * remembers its id; a discontinuous one ("L 5 7;9 10") becomes one span per
 * fragment, linked by the note "brat:T2". Every other line (R, E, A, M, N,
 * *, #) is kept, with the place of each T line, in the document's extra
 * member "brat:ann" = {"lines": [...], "final_newline": bool}, where a T
 * line is held as its id alone (plus "\r" when it ended so); writing the
 * document back gives the .ann byte for byte.
 */
#define G_LOG_DOMAIN "annota"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "annota-format-private.h"
#include "annota-span-private.h"

static gboolean
read_utf8 (const char  *path,
           char       **contents,
           gsize       *len,
           GError     **error)
{
  const char *bad = NULL;

  if (!_annota_read_file (path, contents, len, error))
    return FALSE;
  if (!g_utf8_validate_len (*contents, *len, &bad))
    {
      guint line = 1;

      for (const char *p = *contents; p < bad; p++)
        line += *p == '\n';
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                   *bad == '\0' ? _("%s:%u: a NUL character") : _("%s:%u: not valid UTF-8"),
                   path, line);
      g_clear_pointer (contents, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_uint (const char *str,
            const char *end,
            guint      *value)
{
  guint64 v = 0;

  if (str == end)
    return FALSE;
  for (const char *p = str; p < end; p++)
    {
      if (*p < '0' || *p > '9')
        return FALSE;
      v = v * 10 + (guint64) (*p - '0');
      if (v > G_MAXINT32)
        return FALSE;
    }
  *value = (guint) v;
  return TRUE;
}

/* brat writes a newline inside a span's text as a space. */
static char *
covered_text (AnnotaText  *text,
              AnnotaRange *fragments,
              guint        n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      gsize n_bytes = 0;
      const char *p = annota_text_peek_at (text, fragments[i].start, &n_bytes, fragments[i].end);

      if (i > 0)
        g_string_append_c (s, ' ');
      for (gsize j = 0; j < n_bytes; j++)
        g_string_append_c (s, p[j] == '\n' || p[j] == '\r' ? ' ' : p[j]);
    }
  return g_string_free (s, FALSE);
}

static gboolean
parse_t_line (AnnotaImportContext *ctx,
              AnnotaRecord        *record,
              const char          *line,
              gsize                len,
              const char          *where,
              GPtrArray           *warnings,
              char               **id_out,
              GError             **error)
{
  const char *end = line + len;
  const char *tab1, *tab2, *space, *p;
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GArray) fragments = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
  AnnotaText *text = _annota_record_get_text (record);
  guint length = record->n_cp;
  const char *extra, *note = NULL, *interned;
  GString *json;

  tab1 = memchr (line, '\t', len);
  tab2 = tab1 != NULL ? memchr (tab1 + 1, '\t', end - tab1 - 1) : NULL;
  if (tab2 == NULL)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                   _("%s: expected “ID<TAB>TYPE START END<TAB>TEXT”"), where);
      return FALSE;
    }
  id = g_strndup (line, tab1 - line);

  space = memchr (tab1 + 1, ' ', tab2 - tab1 - 1);
  if (space == NULL || space == tab1 + 1)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                   _("%s: %s: expected “TYPE START END”"), where, id);
      return FALSE;
    }
  label = g_strndup (tab1 + 1, space - tab1 - 1);

  /* Fragments "s e;s e". */
  p = space + 1;
  while (p < tab2)
    {
      const char *semi = memchr (p, ';', tab2 - p);
      const char *frag_end = semi != NULL ? semi : tab2;
      const char *mid = memchr (p, ' ', frag_end - p);
      AnnotaRange r;

      if (mid == NULL || !parse_uint (p, mid, &r.start) || !parse_uint (mid + 1, frag_end, &r.end))
        {
          g_autofree char *offsets = g_strndup (space + 1, tab2 - space - 1);

          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                       _("%s: %s: “%s” are not offsets (expected “START END” or “START END;START END”)"),
                       where, id, offsets);
          return FALSE;
        }
      if (r.start >= r.end || r.end > length)
        {
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                       _("%s: %s: [%u, %u) is not a range of the text (0 ≤ start < end ≤ %u)"),
                       where, id, r.start, r.end, length);
          return FALSE;
        }
      g_array_append_val (fragments, r);
      p = frag_end + 1;
    }

  expected = covered_text (text, (AnnotaRange *) (gpointer) fragments->data, fragments->len);
  if ((gsize) (end - tab2 - 1) != strlen (expected) ||
      memcmp (tab2 + 1, expected, end - tab2 - 1) != 0)
    {
      g_autofree char *found = g_strndup (tab2 + 1, end - tab2 - 1);

      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                   _("%s: %s: text mismatch: the .txt has “%s” there, the line says “%s”"),
                   where, id, expected, found);
      return FALSE;
    }

  interned = _annota_ensure_label (ctx->labels, label);

  json = g_string_new ("{\"brat:id\":");
  annota_json_append_string (json, id, -1);
  g_string_append_c (json, '}');
  extra = _annota_record_strdup (record, json->str, json->len);
  g_string_free (json, TRUE);

  if (fragments->len > 1)
    {
      g_autofree char *n = g_strconcat ("brat:", id, NULL);

      note = _annota_record_strdup (record, n, -1);
      _annota_add_problem (warnings,
                           g_strdup_printf (_("%s: %s is discontinuous: imported as %u spans linked by the note “%s”"),
                                            where, id, fragments->len, note));
    }

  for (guint i = 0; i < fragments->len; i++)
    {
      AnnotaRange *r = &g_array_index (fragments, AnnotaRange, i);
      AnnotaRecordSpan *rs = _annota_record_add_span (record, r->start, r->end, interned,
                                                      ANNOTA_SPAN_STATUS_ACCEPTED, "import:brat", -1);

      rs->extra = extra;
      rs->note = note;
    }

  *id_out = g_steal_pointer (&id);
  return TRUE;
}

gboolean
_annota_brat_import (AnnotaImportContext *ctx,
                     const char          *ann_path,
                     const char          *txt_path,
                     AnnotaRecord        *record,
                     GPtrArray           *warnings,
                     GError             **error)
{
  g_autofree char *txt = NULL;
  g_autofree char *ann = NULL;
  gsize txt_len = 0, ann_len = 0;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *layout;
  const char *p, *end;
  gboolean final_newline = FALSE;
  guint line_no = 0;
  gboolean first = TRUE;

  if (!read_utf8 (txt_path, &txt, &txt_len, error) ||
      !read_utf8 (ann_path, &ann, &ann_len, error))
    return FALSE;

  record->name = _annota_record_strdup (record, ann_path, -1);
  _annota_record_set_text (record, txt, txt_len);

  layout = g_string_new ("{\"lines\":[");
  p = ann;
  end = ann + ann_len;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      gsize len = line_end - p;
      gboolean cr = len > 0 && p[len - 1] == '\r';

      line_no++;
      final_newline = nl != NULL;

      if (!first)
        g_string_append_c (layout, ',');
      first = FALSE;

      if (len > 0 && p[0] == 'T')
        {
          g_autofree char *where = g_strdup_printf ("%s:%u", ann_path, line_no);
          g_autofree char *id = NULL;

          if (!parse_t_line (ctx, record, p, cr ? len - 1 : len, where, warnings, &id, error))
            {
              g_string_free (layout, TRUE);
              return FALSE;
            }
          if (g_hash_table_contains (ids, id))
            {
              g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                           _("%s: %s is used twice"), where, id);
              g_string_free (layout, TRUE);
              return FALSE;
            }
          if (cr)
            {
              g_autofree char *with_cr = g_strconcat (id, "\r", NULL);
              annota_json_append_string (layout, with_cr, -1);
            }
          else
            annota_json_append_string (layout, id, -1);
          g_hash_table_add (ids, g_steal_pointer (&id));
        }
      else
        annota_json_append_string (layout, p, len);

      p = line_end + (nl != NULL ? 1 : 0);
    }
  g_string_append_printf (layout, "],\"final_newline\":%s}", final_newline ? "true" : "false");

  _annota_record_set_extra (record, "brat:ann", layout->str);
  g_string_free (layout, TRUE);
  return TRUE;
}

/* Export */

typedef struct {
  char       *id;
  const char *label;
  GArray     *fragments;  /* AnnotaRange */
  gboolean    written;
} Entity;

static void
entity_free (gpointer data)
{
  Entity *entity = data;

  g_free (entity->id);
  g_array_unref (entity->fragments);
  g_free (entity);
}

static gboolean
include_span (const AnnotaRecordSpan    *rs,
              const AnnotaFormatOptions *opts)
{
  switch (rs->status)
    {
    case ANNOTA_SPAN_STATUS_SUGGESTED:
      return (opts->include & ANNOTA_INCLUDE_SUGGESTED) != 0;
    case ANNOTA_SPAN_STATUS_REJECTED:
      return (opts->include & ANNOTA_INCLUDE_REJECTED) != 0;
    case ANNOTA_SPAN_STATUS_ACCEPTED:
    default:
      return TRUE;
    }
}

static void
append_entity (GString    *out,
               AnnotaText *text,
               Entity     *entity)
{
  g_autofree char *covered = NULL;

  g_string_append (out, entity->id);
  g_string_append_c (out, '\t');
  g_string_append (out, entity->label);
  for (guint i = 0; i < entity->fragments->len; i++)
    {
      AnnotaRange *r = &g_array_index (entity->fragments, AnnotaRange, i);
      g_string_append_printf (out, "%s%u %u", i > 0 ? ";" : " ", r->start, r->end);
    }
  g_string_append_c (out, '\t');
  covered = covered_text (text, (AnnotaRange *) (gpointer) entity->fragments->data,
                          entity->fragments->len);
  g_string_append (out, covered);
}

static guint
id_number (const char *id)
{
  guint64 n = g_ascii_strtoull (id + 1, NULL, 10);

  return n > G_MAXINT32 ? 0 : (guint) n;
}

char *
_annota_brat_export (AnnotaRecord              *record,
                     AjParser                  *parser,
                     const AnnotaFormatOptions *opts,
                     GPtrArray                 *problems,
                     GError                   **error)
{
  AnnotaText *text = _annota_record_get_text (record);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (entity_free);
  const char *layout_json = _annota_record_get_extra (record, "brat:ann");
  g_autofree char *layout_copy = NULL;
  AjNode *layout = NULL, *lines = NULL, *final_node;
  GString *out;
  guint max_id = 0;
  gboolean final_newline = TRUE;
  gboolean any = FALSE;

  /* Spans that share an id (or a "brat:T…" note) are one entity. */
  for (guint i = 0; i < record->spans->len; i++)
    {
      const AnnotaRecordSpan *rs = &g_array_index (record->spans, AnnotaRecordSpan, i);
      g_autofree char *id = NULL;
      const char *note = rs->note;
      Entity *entity;
      AnnotaRange r;

      if (!include_span (rs, opts))
        continue;
      id = _annota_extra_string (rs->extra, parser, "brat:id");

      if (id == NULL && note != NULL && g_str_has_prefix (note, "brat:T"))
        id = g_strdup (note + strlen ("brat:"));

      entity = id != NULL ? g_hash_table_lookup (by_id, id) : NULL;
      if (entity == NULL || strcmp (entity->label, rs->label) != 0)
        {
          entity = g_new0 (Entity, 1);
          entity->id = g_steal_pointer (&id);
          entity->label = rs->label;
          entity->fragments = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
          g_ptr_array_add (entities, entity);
          if (entity->id != NULL && !g_hash_table_contains (by_id, entity->id))
            g_hash_table_insert (by_id, entity->id, entity);
          else
            g_clear_pointer (&entity->id, g_free);
        }
      r.start = rs->start;
      r.end = rs->end;
      g_array_append_val (entity->fragments, r);
      if (entity->id != NULL && entity->id[0] == 'T')
        max_id = MAX (max_id, id_number (entity->id));
    }

  /* A brat type is one word. */
  for (guint i = 0; i < entities->len; i++)
    {
      Entity *entity = g_ptr_array_index (entities, i);

      if (strpbrk (entity->label, " \t\n\r") != NULL)
        {
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                       _("%s: the label “%s” holds a space, a tab or a line break, which brat cannot write"),
                       record->name, entity->label);
          return NULL;
        }
      if (entity->id != NULL && (entity->id[0] != 'T' || strpbrk (entity->id, " \t\n\r") != NULL))
        {
          /* by_id holds the id as its key. */
          g_hash_table_remove (by_id, entity->id);
          g_clear_pointer (&entity->id, g_free);
        }
    }

  out = g_string_new (NULL);

  /* The layout is parsed last, as the parser is shared. */
  if (layout_json != NULL)
    {
      layout_copy = g_strdup (layout_json);
      layout = _aj_parse (parser, layout_copy, strlen (layout_copy), NULL, NULL);
      lines = _aj_get (layout, "lines");
      final_node = _aj_get (layout, "final_newline");
      if (final_node != NULL && final_node->type == AJ_BOOL)
        final_newline = final_node->v.boolean;
    }

  for (guint i = 0; lines != NULL && lines->type == AJ_ARRAY && i < lines->len; i++)
    {
      AjNode *line = lines->v.items[i];

      if (line->type != AJ_STRING)
        continue;

      if (line->len > 0 && line->v.str[0] == 'T' && memchr (line->v.str, '\t', line->len) == NULL)
        {
          gboolean cr = line->v.str[line->len - 1] == '\r';
          g_autofree char *id = g_strndup (line->v.str, cr ? line->len - 1 : line->len);
          Entity *entity = g_hash_table_lookup (by_id, id);

          max_id = MAX (max_id, id_number (id));
          /* A span deleted since, or left out by its status. */
          if (entity == NULL)
            continue;
          if (any)
            g_string_append_c (out, '\n');
          append_entity (out, text, entity);
          if (cr)
            g_string_append_c (out, '\r');
          entity->written = TRUE;
        }
      else
        {
          if (any)
            g_string_append_c (out, '\n');
          g_string_append_len (out, line->v.str, line->len);
        }
      any = TRUE;
    }

  for (guint i = 0; i < entities->len; i++)
    {
      Entity *entity = g_ptr_array_index (entities, i);

      if (entity->written)
        continue;
      if (entity->id == NULL)
        entity->id = g_strdup_printf ("T%u", ++max_id);
      if (any)
        g_string_append_c (out, '\n');
      append_entity (out, text, entity);
      any = TRUE;
      final_newline = TRUE;
    }

  if (any && final_newline)
    g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}
