/* annota-format-spacy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * spaCy / Prodigy JSONL: {"text": …, "spans": [{"start", "end", "label"}]}
 * one per line. Every other member (answer, meta, _input_hash, a span's
 * token_start, token_end, text, source…) is kept and written back, so a
 * file read and written again gives the same JSON values. Prodigy's
 * "tokens" also become the document's tokenisation.
 */
#define G_LOG_DOMAIN "annota"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "annota-format-private.h"
#include "annota-span-private.h"

#define PREFIX "spacy"

static const char * const record_known[] = { "text", "spans", NULL };
static const char * const span_known[] = { "start", "end", "label", NULL };

/* Offsets of a span or token member, checked against the text. */
static gboolean
get_offset (AjNode      *object,
            const char  *key,
            const char  *name,
            const char  *what,
            guint        index,
            gint64      *value,
            GError     **error)
{
  AjNode *node = _aj_get (object, key);

  if (node == NULL)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_MISSING,
                   _("%s: %s[%u]: no “%s”"), name, what, index, key);
      return FALSE;
    }
  if (!_aj_get_int (node, value))
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s: %s[%u]: “%s” is %s, expected an integer"),
                   name, what, index, key, _aj_type_name (node));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_range (gint64       start,
             gint64       end,
             guint        length,
             const char  *name,
             const char  *what,
             guint        index,
             GError     **error)
{
  if (start < 0 || end > length || start >= end)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                   _("%s: %s[%u]: [%lld, %lld) is not a range "
                     "of the text (0 ≤ start < end ≤ %u)"),
                   name, what, index, (long long) start, (long long) end, length);
      return FALSE;
    }
  return TRUE;
}

/* Prodigy's tokens as the document's tokenisation, when they are sound:
 * in order, inside the text, not overlapping. */
static GArray *
read_tokens (AjNode *tokens,
             guint   length)
{
  g_autoptr(GArray) ranges = NULL;
  guint last_end = 0;

  if (tokens == NULL || tokens->type != AJ_ARRAY)
    return NULL;

  ranges = g_array_sized_new (FALSE, FALSE, sizeof (AnnotaRange), tokens->len);
  for (guint i = 0; i < tokens->len; i++)
    {
      AjNode *token = tokens->v.items[i];
      gint64 start, end;
      AnnotaRange r;

      if (!_aj_get_int (_aj_get (token, "start"), &start) ||
          !_aj_get_int (_aj_get (token, "end"), &end) ||
          start < last_end || end > length || start >= end)
        return NULL;
      r.start = (guint) start;
      r.end = (guint) end;
      last_end = r.end;
      g_array_append_val (ranges, r);
    }

  return g_steal_pointer (&ranges);
}

gboolean
_annota_spacy_import (AnnotaImportContext *ctx,
                      AjNode              *object,
                      const char          *name,
                      AnnotaRecord        *record,
                      GPtrArray           *warnings,
                      GError             **error)
{
  AjNode *list, *tokens_node;
  GArray *tokens;

  if (!_annota_import_text (record, object, "text", name, error))
    return FALSE;

  list = _aj_get (object, "spans");
  if (list != NULL && list->type != AJ_ARRAY && list->type != AJ_NULL)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s: “spans” is %s, expected an array"), name, _aj_type_name (list));
      return FALSE;
    }

  for (guint i = 0; list != NULL && list->type == AJ_ARRAY && i < list->len; i++)
    {
      AjNode *item = list->v.items[i];
      AjNode *label;
      gint64 start, end;
      AnnotaRecordSpan *rs;

      if (item->type != AJ_OBJECT)
        {
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                       _("%s: spans[%u] is %s, expected an object"), name, i, _aj_type_name (item));
          return FALSE;
        }
      if (!get_offset (item, "start", name, "spans", i, &start, error) ||
          !get_offset (item, "end", name, "spans", i, &end, error) ||
          !check_range (start, end, record->n_cp, name, "spans", i, error))
        return FALSE;

      label = _aj_get (item, "label");
      if (label == NULL || label->type != AJ_STRING || label->len == 0 ||
          memchr (label->v.str, '\0', label->len) != NULL)
        {
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                       _("%s: spans[%u]: “label” is %s, expected a non-empty string"),
                       name, i, label != NULL && label->type == AJ_STRING ? _("an empty string") : _aj_type_name (label));
          return FALSE;
        }

      rs = _annota_record_add_span (record, (guint) start, (guint) end,
                                    _annota_ensure_label (ctx->labels, label->v.str),
                                    ANNOTA_SPAN_STATUS_ACCEPTED, "import:spacy", -1);
      if (item->len > 3)
        rs->extra = _annota_collect_extra (record, item, span_known, PREFIX, _annota_span_reserved);
    }

  _annota_keep_members (record, object, record_known, PREFIX);

  tokens_node = _aj_get (object, "tokens");
  if (tokens_node != NULL)
    {
      tokens = read_tokens (tokens_node, record->n_cp);
      if (tokens != NULL)
        record->tokens = tokens;
      else
        _annota_add_problem (warnings,
                             g_strdup_printf (_("%s: “tokens” are not in order inside the text; kept, "
                                                "but not used as the tokenisation"), name));
    }

  return TRUE;
}

static void
append_uint (GString *out,
             guint    value)
{
  char buf[16];
  int i = sizeof buf;

  do
    {
      buf[--i] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value > 0);
  g_string_append_len (out, buf + i, sizeof buf - i);
}

/* Tokens in Prodigy's shape, for a document that has a tokenisation of its
 * own (from CoNLL) but no Prodigy tokens. */
static void
append_tokens (GString      *out,
               AnnotaRecord *record)
{
  const char *p = record->text;
  guint cp = 0;

  g_string_append (out, ",\"tokens\":[");
  for (guint i = 0; i < record->tokens->len; i++)
    {
      AnnotaRange *r = &g_array_index (record->tokens, AnnotaRange, i);
      const char *from;

      if (r->start < cp)
        break;
      for (; cp < r->start; cp++)
        p = g_utf8_next_char (p);
      from = p;
      for (; cp < r->end; cp++)
        p = g_utf8_next_char (p);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"text\":");
      annota_json_append_string (out, from, p - from);
      g_string_append (out, ",\"start\":");
      append_uint (out, r->start);
      g_string_append (out, ",\"end\":");
      append_uint (out, r->end);
      g_string_append (out, ",\"id\":");
      append_uint (out, i);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

gboolean
_annota_spacy_export (GString                   *out,
                      AjParser                  *parser,
                      AnnotaRecord              *record,
                      const AnnotaFormatOptions *opts,
                      GPtrArray                 *problems,
                      GError                   **error)
{
  static const char * const skip[] = { "text", "spans", NULL };
  g_autoptr(GArray) spans = NULL;

  spans = _annota_export_spans (record, opts, "spaCy JSONL", problems, error);
  if (spans == NULL)
    return FALSE;

  g_string_append (out, "{\"text\":");
  annota_json_append_string (out, record->text, record->n_bytes);
  g_string_append (out, ",\"spans\":[");
  for (guint i = 0; i < spans->len; i++)
    {
      AnnotaExportSpan *e = &g_array_index (spans, AnnotaExportSpan, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"start\":");
      append_uint (out, e->start);
      g_string_append (out, ",\"end\":");
      append_uint (out, e->end);
      g_string_append (out, ",\"label\":");
      annota_json_append_string (out, e->label, -1);
      _annota_append_span_extra (out, parser, e->rs->extra, PREFIX, FALSE);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');

  if (record->tokens != NULL && _annota_record_get_extra (record, "spacy:tokens") == NULL &&
      _annota_record_get_extra (record, "tokens") == NULL)
    append_tokens (out, record);

  _annota_append_record_extra (out, record, PREFIX, skip);
  g_string_append (out, "}\n");
  return TRUE;
}
