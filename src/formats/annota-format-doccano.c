/* annota-format-doccano.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * doccano JSONL, both shapes: {"text", "label": [[s, e, "L"], …]} and
 * {"text", "entities": [{"id", "start_offset", "end_offset", "label"}],
 * "relations": […]}. doccano counts offsets in UTF-16 code units (its
 * browser front end), so by default they are converted through AnnotaText
 * and an emoji before a span shifts nothing. A document read from the
 * entities shape is written back in it, with its ids and relations.
 */
#define G_LOG_DOMAIN "annota"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "annota-format-private.h"
#include "annota-span-private.h"

#define PREFIX "doccano"

static const char * const label_known[] = { "text", "label", NULL };
static const char * const entities_known[] = { "text", "entities", "relations", NULL };
static const char * const entity_known[] = { "start_offset", "end_offset", "label", NULL };

/* A file offset to a code point. */
static gboolean
to_cp (AnnotaText                *text,
       const AnnotaFormatOptions *opts,
       gint64                     value,
       guint                     *cp,
       const char                *name,
       const char                *where,
       GError                   **error)
{
  guint limit = opts->offsets == ANNOTA_OFFSETS_UTF16 ? annota_text_get_utf16_length (text)
                                                      : annota_text_get_length (text);
  gboolean exact = TRUE;

  if (value < 0 || value > limit)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                   opts->offsets == ANNOTA_OFFSETS_UTF16
                   ? _("%s: %s: offset %lld is outside the text (%u UTF-16 code units)")
                   : _("%s: %s: offset %lld is outside the text (%u code points)"),
                   name, where, (long long) value, limit);
      return FALSE;
    }

  if (opts->offsets == ANNOTA_OFFSETS_CODEPOINTS)
    {
      *cp = (guint) value;
      return TRUE;
    }

  *cp = annota_text_utf16_to_cp (text, (guint) value, &exact);
  if (!exact)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                   _("%s: %s: offset %lld falls inside a character outside the BMP "
                     "(offsets are read as UTF-16 code units; use --offsets codepoints for files "
                     "that count code points)"),
                   name, where, (long long) value);
      return FALSE;
    }
  return TRUE;
}

/* An offset as a 64-bit integer; otherwise an error that names its place
 * (label[0][1], entities[0].end_offset) and shows a number as written. */
static gboolean
get_offset (AjNode      *node,
            gint64      *value,
            const char  *name,
            const char  *where,
            const char  *member,
            GError     **error)
{
  g_autofree char *what = NULL;

  if (_aj_get_int (node, value))
    return TRUE;
  if (node != NULL && node->type == AJ_NUMBER)
    what = g_strndup (node->v.str, MIN (node->len, 40));
  else
    what = g_strdup (_aj_type_name (node));
  g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
               _("%s: %s%s is %s, expected an integer offset"), name, where, member, what);
  return FALSE;
}

static AnnotaRecordSpan *
add_span (AnnotaImportContext *ctx,
          AnnotaRecord        *record,
          AjNode              *start_node,
          AjNode              *end_node,
          AjNode              *label,
          const char          *name,
          const char          *where,
          gboolean             in_array,
          GError             **error)
{
  AnnotaText *text = _annota_record_get_text (record);
  gint64 s, e;
  guint start, end;

  if (!get_offset (start_node, &s, name, where, in_array ? "[0]" : ".start_offset", error) ||
      !get_offset (end_node, &e, name, where, in_array ? "[1]" : ".end_offset", error))
    return NULL;
  if (label == NULL || label->type != AJ_STRING || label->len == 0 ||
      memchr (label->v.str, '\0', label->len) != NULL)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s: %s: the label is %s, expected a non-empty string"),
                   name, where, _aj_type_name (label));
      return NULL;
    }
  if (!to_cp (text, ctx->opts, s, &start, name, where, error) ||
      !to_cp (text, ctx->opts, e, &end, name, where, error))
    return NULL;
  if (start >= end)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                   _("%s: %s: [%lld, %lld) is empty or reversed"),
                   name, where, (long long) s, (long long) e);
      return NULL;
    }

  return _annota_record_add_span (record, start, end, _annota_ensure_label (ctx->labels, label->v.str),
                                  ANNOTA_SPAN_STATUS_ACCEPTED, "import:doccano", -1);
}

gboolean
_annota_doccano_import (AnnotaImportContext *ctx,
                        AjNode              *object,
                        const char          *name,
                        AnnotaRecord        *record,
                        GPtrArray           *warnings,
                        GError             **error)
{
  AjNode *entities = _aj_get (object, "entities");
  AjNode *label = _aj_get (object, "label");
  AjNode *list;
  gboolean entity_shape;

  if (!_annota_import_text (record, object, "text", name, error))
    return FALSE;

  entity_shape = entities != NULL;
  list = entity_shape ? entities : label;
  if (list != NULL && list->type != AJ_ARRAY)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s: “%s” is %s, expected an array"),
                   name, entity_shape ? "entities" : "label", _aj_type_name (list));
      return FALSE;
    }

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      AjNode *item = list->v.items[i];
      g_autofree char *where = g_strdup_printf ("%s[%u]", entity_shape ? "entities" : "label", i);
      AnnotaRecordSpan *rs;

      if (entity_shape)
        {
          if (item->type != AJ_OBJECT)
            {
              g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                           _("%s: %s is %s, expected an object"), name, where, _aj_type_name (item));
              return FALSE;
            }
          rs = add_span (ctx, record, _aj_get (item, "start_offset"), _aj_get (item, "end_offset"),
                         _aj_get (item, "label"), name, where, FALSE, error);
          if (rs == NULL)
            return FALSE;
          rs->extra = _annota_collect_extra (record, item, entity_known, PREFIX, _annota_span_reserved);
        }
      else
        {
          if (item->type != AJ_ARRAY || item->len != 3)
            {
              g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                           _("%s: %s is %s, expected [start, end, label]"),
                           name, where, _aj_type_name (item));
              return FALSE;
            }
          if (add_span (ctx, record, item->v.items[0], item->v.items[1], item->v.items[2],
                        name, where, TRUE, error) == NULL)
            return FALSE;
        }
    }

  _annota_keep_members (record, object, entity_shape ? entities_known : label_known, PREFIX);
  if (entity_shape)
    {
      AjNode *relations = _aj_get (object, "relations");
      g_autofree char *json = relations != NULL ? _aj_to_string (relations) : NULL;

      _annota_record_set_extra (record, "doccano:shape", "\"entities\"");
      if (json != NULL)
        _annota_record_set_extra (record, "doccano:relations", json);
    }

  return TRUE;
}

static void
append_offset (GString                   *out,
               AnnotaText                *text,
               const AnnotaFormatOptions *opts,
               guint                      cp)
{
  g_string_append_printf (out, "%u",
                          opts->offsets == ANNOTA_OFFSETS_UTF16 ? annota_text_cp_to_utf16 (text, cp) : cp);
}

gboolean
_annota_doccano_export (GString                   *out,
                        AjParser                  *parser,
                        AnnotaRecord              *record,
                        const AnnotaFormatOptions *opts,
                        GPtrArray                 *problems,
                        GError                   **error)
{
  static const char * const skip_label[] = { "text", "label", NULL };
  static const char * const skip_entities[] = { "text", "entities", "relations", "doccano:shape", NULL };
  AnnotaText *text = _annota_record_get_text (record);
  const char *shape = _annota_record_get_extra (record, "doccano:shape");
  const char *relations = _annota_record_get_extra (record, "doccano:relations");
  gboolean entity_shape = g_strcmp0 (shape, "\"entities\"") == 0;
  g_autoptr(GArray) spans = NULL;
  gint64 next_id = 0;

  spans = _annota_export_spans (record, opts, "doccano JSONL", problems, error);
  if (spans == NULL)
    return FALSE;

  g_string_append (out, "{\"text\":");
  annota_json_append_string (out, record->text, record->n_bytes);

  if (!entity_shape)
    {
      g_string_append (out, ",\"label\":[");
      for (guint i = 0; i < spans->len; i++)
        {
          AnnotaExportSpan *e = &g_array_index (spans, AnnotaExportSpan, i);

          g_string_append (out, i > 0 ? ",[" : "[");
          append_offset (out, text, opts, e->start);
          g_string_append_c (out, ',');
          append_offset (out, text, opts, e->end);
          g_string_append_c (out, ',');
          annota_json_append_string (out, e->label, -1);
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, ']');
      _annota_append_record_extra (out, record, PREFIX, skip_label);
      g_string_append (out, "}\n");
      return TRUE;
    }

  /* Entities keep their ids, which relations refer to; a new entity gets
   * one past the largest. */
  for (guint i = 0; i < spans->len; i++)
    {
      const char *extra = g_array_index (spans, AnnotaExportSpan, i).rs->extra;
      gint64 id;

      if (extra != NULL &&
          _aj_get_int (_aj_get (_aj_parse (parser, extra, strlen (extra), NULL, NULL), "id"), &id))
        next_id = MAX (next_id, id + 1);
    }

  g_string_append (out, ",\"entities\":[");
  for (guint i = 0; i < spans->len; i++)
    {
      AnnotaExportSpan *e = &g_array_index (spans, AnnotaExportSpan, i);
      const char *extra = e->rs->extra;
      gboolean has_id = FALSE;

      if (extra != NULL)
        has_id = _aj_get (_aj_parse (parser, extra, strlen (extra), NULL, NULL), "id") != NULL;

      g_string_append (out, i > 0 ? ",{" : "{");
      if (!has_id)
        g_string_append_printf (out, "\"id\":%" G_GINT64_FORMAT ",", next_id++);
      g_string_append (out, "\"start_offset\":");
      append_offset (out, text, opts, e->start);
      g_string_append (out, ",\"end_offset\":");
      append_offset (out, text, opts, e->end);
      g_string_append (out, ",\"label\":");
      annota_json_append_string (out, e->label, -1);
      _annota_append_span_extra (out, parser, extra, PREFIX, FALSE);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');

  if (relations != NULL)
    {
      g_string_append (out, ",\"relations\":");
      g_string_append (out, relations);
    }
  _annota_append_record_extra (out, record, PREFIX, skip_entities);
  g_string_append (out, "}\n");
  return TRUE;
}
