/* annota-format-labelstudio.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Label Studio JSON tasks: [{"data": {"text": …}, "annotations": [{"result":
 * [{"type": "labels", "value": {"start", "end", "text", "labels"}}]}],
 * "predictions": [{"model_version", "score", "result": […]}]}]. Offsets are
 * code points. Annotations become accepted spans, predictions suggested
 * spans with their score and the model version as origin. What else a task,
 * an annotation or a result holds is kept, so export writes the same
 * annotations back, and the same predictions when suggested spans are
 * included (else none: a prediction is a suggestion).
 */
#define G_LOG_DOMAIN "annota"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "annota-format-private.h"
#include "annota-span-private.h"

#define PREFIX "labelstudio"

static const char * const task_known[] = { "data", "annotations", "predictions", NULL };
static const char * const result_known[] = { "value", "score", NULL };
static const char * const value_known[] = { "start", "end", "text", "labels", NULL };

static gboolean
is_span_result (AjNode *result)
{
  AjNode *value = _aj_get (result, "value");
  AjNode *type = _aj_get (result, "type");

  if (type != NULL && (type->type != AJ_STRING || strcmp (type->v.str, "labels") != 0))
    return FALSE;
  return value != NULL && _aj_get (value, "start") != NULL && _aj_get (value, "labels") != NULL;
}

static void
append_object_without (GString            *out,
                       AjNode             *object,
                       const char * const *known)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (guint i = 0; i < object->len; i++)
    {
      if (g_strv_contains (known, object->keys[i]))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      annota_json_append_string (out, object->keys[i], -1);
      g_string_append_c (out, ':');
      _aj_append (out, object->v.items[i]);
    }
  g_string_append_c (out, '}');
}

/* A score as the native format holds it: a number from 0 to 1 (null for
 * none). where is its path, for messages. */
static gboolean
check_score (AjNode      *score,
             const char  *name,
             const char  *where,
             GError     **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;
  double value;

  if (score == NULL || score->type == AJ_NULL)
    return TRUE;
  if (score->type != AJ_NUMBER)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s: %s is %s, expected a number from 0 to 1"), name, where, _aj_type_name (score));
      return FALSE;
    }
  if (_aj_get_double (score, &value) && isfinite (value) && value >= 0.0 && value <= 1.0)
    return TRUE;

  shown = score->len > 24 ? g_strdup_printf ("%.20s…", score->v.str) : g_strdup (score->v.str);
  message = g_strdup_printf (_("%s is out of range; expected a number from 0 to 1"), shown);
  g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE, "%s: %s: %s", name, where, message);
  return FALSE;
}

/* Reads the spans of one annotation or prediction and appends its other
 * parts to metas. */
static gboolean
read_group (AnnotaImportContext *ctx,
            AnnotaRecord        *record,
            AjNode              *group,
            const char          *what,
            guint                k,
            gboolean             suggested,
            GString             *metas,
            const char          *name,
            GError             **error)
{
  static const char * const group_known[] = { "result", NULL };
  AjNode *results = _aj_get (group, "result");
  AjNode *model = _aj_get (group, "model_version");
  AjNode *group_score = _aj_get (group, "score");
  const char *origin = "import:labelstudio";
  guint length = record->n_cp;
  gboolean first_kept = TRUE;
  GString *kept_at;
  guint n_spans = 0;
  GString *meta;

  if (group->type != AJ_OBJECT)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s: %s[%u] is %s, expected an object"), name, what, k, _aj_type_name (group));
      return FALSE;
    }
  if (results != NULL && results->type != AJ_ARRAY)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s: %s[%u].result is %s, expected an array"), name, what, k, _aj_type_name (results));
      return FALSE;
    }
  if (suggested && model != NULL && model->type == AJ_STRING && model->len > 0 &&
      memchr (model->v.str, '\0', model->len) == NULL)
    origin = g_intern_string (model->v.str);

  kept_at = g_string_new ("[");
  meta = g_string_new (NULL);
  append_object_without (meta, group, group_known);
  g_string_truncate (meta, meta->len - 1);
  g_string_append (meta, meta->len > 1 ? ",\"result\":[" : "\"result\":[");

  for (guint j = 0; results != NULL && j < results->len; j++)
    {
      AjNode *result = results->v.items[j];
      AjNode *value, *labels, *score;
      gint64 start, end;
      double score_value = -1;
      GString *extra;

      if (!is_span_result (result))
        {
          if (!first_kept)
            g_string_append_c (meta, ',');
          first_kept = FALSE;
          _aj_append (meta, result);
          g_string_append_printf (kept_at, "%s%u", kept_at->len > 1 ? "," : "", j);
          continue;
        }

      value = _aj_get (result, "value");
      labels = _aj_get (value, "labels");
      if (!_aj_get_int (_aj_get (value, "start"), &start) ||
          !_aj_get_int (_aj_get (value, "end"), &end) ||
          labels->type != AJ_ARRAY)
        {
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                       _("%s: %s[%u].result[%u].value: expected integer “start” and “end” and an array of “labels”"),
                       name, what, k, j);
          g_string_free (meta, TRUE);
          g_string_free (kept_at, TRUE);
          return FALSE;
        }
      if (start < 0 || end > length || start >= end)
        {
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                       _("%s: %s[%u].result[%u]: [%lld, %lld) is not a range "
                         "of the text (0 ≤ start < end ≤ %u)"),
                       name, what, k, j, (long long) start, (long long) end, length);
          g_string_free (meta, TRUE);
          g_string_free (kept_at, TRUE);
          return FALSE;
        }

      /* A prediction's score is its spans' score: the result's own, else
       * the prediction's. */
      score = _aj_get (result, "score");
      if (suggested)
        {
          g_autofree char *where = NULL;

          if (score != NULL && score->type != AJ_NULL)
            where = g_strdup_printf ("%s[%u].result[%u].score", what, k, j);
          else if (group_score != NULL && group_score->type != AJ_NULL)
            {
              score = group_score;
              where = g_strdup_printf ("%s[%u].score", what, k);
            }
          else
            score = NULL;
          if (!check_score (score, name, where, error))
            {
              g_string_free (meta, TRUE);
              g_string_free (kept_at, TRUE);
              return FALSE;
            }
          if (!_aj_get_double (score, &score_value))
            score_value = -1;
          score = _aj_get (result, "score");
        }

      extra = g_string_new (NULL);
      g_string_append_printf (extra, "{\"labelstudio:%s\":%u,\"labelstudio:index\":%u,\"labelstudio:result\":",
                              suggested ? "prediction" : "annotation", k, j);
      n_spans++;
      append_object_without (extra, result, result_known);
      if (value->len > 4 || (value->len == 4 && _aj_get (value, "text") == NULL))
        {
          g_string_append (extra, ",\"labelstudio:value\":");
          append_object_without (extra, value, value_known);
        }
      if (!suggested && score != NULL)
        {
          g_string_append (extra, ",\"labelstudio:score\":");
          _aj_append (extra, score);
        }
      g_string_append_c (extra, '}');

      for (guint l = 0; l < labels->len; l++)
        {
          AjNode *label = labels->v.items[l];
          AnnotaRecordSpan *rs;

          if (label->type != AJ_STRING || label->len == 0 || memchr (label->v.str, '\0', label->len) != NULL)
            {
              g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                           _("%s: %s[%u].result[%u].value.labels[%u] is %s, expected a non-empty string"),
                           name, what, k, j, l, _aj_type_name (label));
              g_string_free (extra, TRUE);
              g_string_free (meta, TRUE);
              g_string_free (kept_at, TRUE);
              return FALSE;
            }
          rs = _annota_record_add_span (record, (guint) start, (guint) end,
                                        _annota_ensure_label (ctx->labels, label->v.str),
                                        suggested ? ANNOTA_SPAN_STATUS_SUGGESTED : ANNOTA_SPAN_STATUS_ACCEPTED,
                                        origin, score_value);
          rs->extra = _annota_record_strdup (record, extra->str, extra->len);
        }
      g_string_free (extra, TRUE);
    }

  g_string_append_c (meta, ']');
  /* Where the kept results stood among the spans, so that the order comes
   * back as it was. */
  if (!first_kept && n_spans > 0)
    g_string_append_printf (meta, ",\"labelstudio:kept_at\":%s]", kept_at->str);
  g_string_append_c (meta, '}');
  g_string_free (kept_at, TRUE);
  if (metas->len > 1)
    g_string_append_c (metas, ',');
  g_string_append_len (metas, meta->str, meta->len);
  g_string_free (meta, TRUE);
  return TRUE;
}

static gboolean
read_groups (AnnotaImportContext *ctx,
             AnnotaRecord        *record,
             AjNode              *task,
             const char          *what,
             gboolean             suggested,
             char               **metas_out,
             const char          *name,
             GError             **error)
{
  AjNode *groups = _aj_get (task, what);
  GString *metas;

  *metas_out = NULL;
  if (groups == NULL)
    return TRUE;
  if (groups->type != AJ_ARRAY)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s: “%s” is %s, expected an array"), name, what, _aj_type_name (groups));
      return FALSE;
    }

  metas = g_string_new ("[");
  for (guint k = 0; k < groups->len; k++)
    if (!read_group (ctx, record, groups->v.items[k], what, k, suggested, metas, name, error))
      {
        g_string_free (metas, TRUE);
        return FALSE;
      }
  g_string_append_c (metas, ']');
  *metas_out = g_string_free (metas, FALSE);
  return TRUE;
}

gboolean
_annota_labelstudio_import (AnnotaImportContext *ctx,
                            AjNode              *task,
                            const char          *name,
                            AnnotaRecord        *record,
                            GPtrArray           *warnings,
                            GError             **error)
{
  static const char * const data_known[] = { "text", NULL };
  g_autofree char *annotations = NULL;
  g_autofree char *predictions = NULL;
  AjNode *data = _aj_get (task, "data");

  if (data == NULL || data->type != AJ_OBJECT)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, data == NULL ? ANNOTA_FORMAT_ERROR_MISSING : ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s: “data” is %s, expected an object with the text"), name, _aj_type_name (data));
      return FALSE;
    }

  if (!_annota_import_text (record, data, "text", name, error))
    return FALSE;

  if (!read_groups (ctx, record, task, "annotations", FALSE, &annotations, name, error) ||
      !read_groups (ctx, record, task, "predictions", TRUE, &predictions, name, error))
    return FALSE;

  _annota_keep_members (record, task, task_known, PREFIX);
  if (data->len > 1)
    {
      GString *rest = g_string_new (NULL);

      append_object_without (rest, data, data_known);
      _annota_record_set_extra (record, "labelstudio:data", rest->str);
      g_string_free (rest, TRUE);
    }
  if (annotations != NULL)
    _annota_record_set_extra (record, "labelstudio:annotations", annotations);
  if (predictions != NULL)
    _annota_record_set_extra (record, "labelstudio:predictions", predictions);

  return TRUE;
}

/* Export */

typedef struct {
  AnnotaExportSpan  e;
  gboolean          suggested;
  int               group;         /* -1: none */
  gint64            index;         /* place in its group's results */
  char             *result_extra;  /* members, without braces, or NULL */
  char             *value_extra;
  char             *kept_score;
} OutSpan;

static void
out_span_clear (gpointer data)
{
  OutSpan *s = data;

  g_free (s->result_extra);
  g_free (s->value_extra);
  g_free (s->kept_score);
}

static char *
members_of (AjNode *object)
{
  g_autofree char *json = NULL;

  if (object == NULL || object->type != AJ_OBJECT || object->len == 0)
    return NULL;
  json = _aj_to_string (object);
  return g_strndup (json + 1, strlen (json) - 2);
}

static void
append_result (GString      *out,
               AnnotaRecord *record,
               OutSpan      *s)
{
  AnnotaText *text = _annota_record_get_text (record);
  gsize n_bytes = 0;
  const char *p = annota_text_peek_at (text, s->e.start, &n_bytes, s->e.end);

  g_string_append (out, "{\"value\":{");
  g_string_append_printf (out, "\"start\":%u,\"end\":%u,\"text\":", s->e.start, s->e.end);
  annota_json_append_string (out, p, n_bytes);
  g_string_append (out, ",\"labels\":[");
  annota_json_append_string (out, s->e.label, -1);
  g_string_append_c (out, ']');
  if (s->value_extra != NULL)
    {
      g_string_append_c (out, ',');
      g_string_append (out, s->value_extra);
    }
  g_string_append_c (out, '}');
  if (s->result_extra != NULL)
    {
      g_string_append_c (out, ',');
      g_string_append (out, s->result_extra);
    }
  else
    g_string_append (out, ",\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"labels\"");
  if (s->suggested && s->e.rs->score >= 0)
    {
      g_string_append (out, ",\"score\":");
      annota_json_append_double (out, s->e.rs->score);
    }
  else if (s->kept_score != NULL)
    {
      g_string_append (out, ",\"score\":");
      g_string_append (out, s->kept_score);
    }
  g_string_append_c (out, '}');
}

/* Writes the groups (annotations or predictions) kept in metas, each with
 * its kept results and its spans; spans of no kept group follow in new
 * groups, one per origin for predictions. */
static void
append_groups (GString        *out,
               AnnotaRecord   *record,
               AjNode         *metas,
               GArray         *spans,
               gboolean        suggested)
{
  guint n_metas = metas != NULL && metas->type == AJ_ARRAY ? metas->len : 0;
  g_autoptr(GPtrArray) new_origins = g_ptr_array_new ();
  gboolean first_group = TRUE;

  for (guint i = 0; i < spans->len; i++)
    {
      OutSpan *s = &g_array_index (spans, OutSpan, i);

      if (s->suggested != suggested)
        continue;
      if (s->group < 0 || (guint) s->group >= n_metas)
        {
          const char *key = suggested && s->e.rs->origin != NULL ? s->e.rs->origin : "";

          s->group = -1;
          if (!g_ptr_array_find (new_origins, key, NULL))
            g_ptr_array_add (new_origins, (gpointer) key);
        }
    }
  /* Accepted spans of no annotation join the first one when there is one. */
  if (!suggested && n_metas > 0 && new_origins->len > 0)
    {
      for (guint i = 0; i < spans->len; i++)
        {
          OutSpan *s = &g_array_index (spans, OutSpan, i);
          if (!s->suggested && s->group < 0)
            s->group = 0;
        }
      g_ptr_array_set_size (new_origins, 0);
    }

  g_string_append_c (out, '[');
  for (guint k = 0; k < n_metas + new_origins->len; k++)
    {
      AjNode *meta = k < n_metas ? metas->v.items[k] : NULL;
      AjNode *kept = _aj_get (meta, "result");
      const char *origin = k >= n_metas ? g_ptr_array_index (new_origins, k - n_metas) : NULL;
      gboolean first = TRUE;

      if (!first_group)
        g_string_append_c (out, ',');
      first_group = FALSE;

      g_string_append_c (out, '{');
      if (meta != NULL && meta->type == AJ_OBJECT)
        for (guint m = 0; m < meta->len; m++)
          {
            if (strcmp (meta->keys[m], "result") == 0 || strcmp (meta->keys[m], "labelstudio:kept_at") == 0)
              continue;
            annota_json_append_string (out, meta->keys[m], -1);
            g_string_append_c (out, ':');
            _aj_append (out, meta->v.items[m]);
            g_string_append_c (out, ',');
          }
      if (origin != NULL && origin[0] != '\0' && suggested)
        {
          g_string_append (out, "\"model_version\":");
          annota_json_append_string (out, origin, -1);
          g_string_append_c (out, ',');
        }
      g_string_append (out, "\"result\":[");
      {
        AjNode *kept_at = _aj_get (meta, "labelstudio:kept_at");
        guint n_kept = kept != NULL && kept->type == AJ_ARRAY ? kept->len : 0;
        guint next_kept = 0;

        /* Kept results and spans merged back in their first order. */
        for (guint i = 0; i <= spans->len; i++)
          {
            OutSpan *s = i < spans->len ? &g_array_index (spans, OutSpan, i) : NULL;
            gint64 at = G_MAXINT64;

            if (s != NULL)
              {
                if (s->suggested != suggested)
                  continue;
                if (k < n_metas ? s->group != (int) k
                                : (s->group >= 0 ||
                                   strcmp (suggested && s->e.rs->origin != NULL ? s->e.rs->origin : "", origin) != 0))
                  continue;
                at = s->index;
              }

            while (next_kept < n_kept)
              {
                gint64 kept_index = G_MAXINT64 - 1;

                if (kept_at != NULL && kept_at->type == AJ_ARRAY && next_kept < kept_at->len)
                  _aj_get_int (kept_at->v.items[next_kept], &kept_index);
                if (s != NULL && kept_index > at)
                  break;
                if (!first)
                  g_string_append_c (out, ',');
                first = FALSE;
                _aj_append (out, kept->v.items[next_kept++]);
              }

            if (s == NULL)
              break;
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_result (out, record, s);
          }
      }
      g_string_append (out, "]}");
    }
  g_string_append_c (out, ']');
}

gboolean
_annota_labelstudio_export (GString                   *out,
                            AjParser                  *parser,
                            AnnotaRecord              *record,
                            const AnnotaFormatOptions *opts,
                            GPtrArray                 *problems,
                            GError                   **error)
{
  static const char * const skip[] = { "data", "annotations", "predictions", NULL };
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) out_spans = NULL;
  AjParser *metas_parser;
  const char *data_extra;
  const char *json;
  AjNode *metas;

  /* Suggested spans are predictions, written only when asked for, as in
   * every other format; rejected ones asked for are annotations. */
  spans = _annota_export_spans (record, opts, "Label Studio", problems, error);
  if (spans == NULL)
    return FALSE;

  out_spans = g_array_sized_new (FALSE, TRUE, sizeof (OutSpan), spans->len);
  g_array_set_clear_func (out_spans, out_span_clear);
  for (guint i = 0; i < spans->len; i++)
    {
      OutSpan s = { 0, };
      const char *extra;
      AjNode *root;
      gint64 group;

      s.e = g_array_index (spans, AnnotaExportSpan, i);
      s.suggested = s.e.rs->status == ANNOTA_SPAN_STATUS_SUGGESTED;
      s.group = -1;
      s.index = G_MAXINT64;
      extra = s.e.rs->extra;
      if (extra != NULL)
        {
          root = _aj_parse (parser, extra, strlen (extra), NULL, NULL);
          if (_aj_get_int (_aj_get (root, s.suggested ? "labelstudio:prediction" : "labelstudio:annotation"), &group) &&
              group >= 0 && group < G_MAXINT)
            s.group = (int) group;
          if (!_aj_get_int (_aj_get (root, "labelstudio:index"), &s.index))
            s.index = G_MAXINT64;
          if (_aj_get (root, "labelstudio:result") != NULL)
            s.result_extra = members_of (_aj_get (root, "labelstudio:result"));
          s.value_extra = members_of (_aj_get (root, "labelstudio:value"));
          if (_aj_get (root, "labelstudio:score") != NULL)
            s.kept_score = _aj_to_string (_aj_get (root, "labelstudio:score"));
        }
      g_array_append_val (out_spans, s);
    }

  metas_parser = _aj_parser_new ();

  g_string_append (out, "{\"data\":{\"text\":");
  annota_json_append_string (out, record->text, record->n_bytes);
  data_extra = _annota_record_get_extra (record, "labelstudio:data");
  if (data_extra != NULL && strlen (data_extra) > 2)
    {
      g_string_append_c (out, ',');
      g_string_append_len (out, data_extra + 1, strlen (data_extra) - 2);
    }
  g_string_append (out, "},\"annotations\":");
  json = _annota_record_get_extra (record, "labelstudio:annotations");
  metas = json != NULL ? _aj_parse (metas_parser, json, strlen (json), NULL, NULL) : NULL;
  append_groups (out, record, metas, out_spans, FALSE);

  g_string_append (out, ",\"predictions\":");
  if (opts->include & ANNOTA_INCLUDE_SUGGESTED)
    {
      json = _annota_record_get_extra (record, "labelstudio:predictions");
      metas = json != NULL ? _aj_parse (metas_parser, json, strlen (json), NULL, NULL) : NULL;
      append_groups (out, record, metas, out_spans, TRUE);
    }
  else
    g_string_append (out, "[]");

  _aj_parser_free (metas_parser);

  _annota_append_record_extra (out, record, PREFIX, skip);
  g_string_append_c (out, '}');
  return TRUE;
}
