/* annota-suggestions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "annota-agreement.h"
#include "annota-format.h"
#include "annota-span-private.h"
#include "annota-suggestions.h"

/* The same text the native loader writes back for this member, so that a
 * mark made here and one read from a file look alike. */
#define CONFLICT_EXTRA "{\"conflict\": true}"

gboolean
annota_suggestions_is_conflict (AnnotaSpan *span)
{
  const char *extra;
  const char *p;

  g_return_val_if_fail (ANNOTA_IS_SPAN (span), FALSE);

  extra = annota_span_get_extra (span);
  if (extra == NULL || (p = strstr (extra, "\"conflict\"")) == NULL)
    return FALSE;
  p += strlen ("\"conflict\"");
  while (*p == ' ')
    p++;
  if (*p++ != ':')
    return FALSE;
  while (*p == ' ')
    p++;
  return g_str_has_prefix (p, "true");
}

/* A prediction's origin: the model's name when the file gave one, else the
 * file's name, since "manual" or "import:spacy" would not say whose
 * suggestion it is. */
static const char *
pick_origin (AnnotaSpan *span,
             const char *fallback)
{
  const char *origin = annota_span_get_origin (span);

  if (origin == NULL || *origin == '\0' || strcmp (origin, "manual") == 0 ||
      g_str_has_prefix (origin, "import:"))
    return fallback;
  return origin;
}

static char *
origin_from_name (const char *name)
{
  g_autofree char *basename = g_path_get_basename (name);
  char *dot = strrchr (basename, '.');

  if (dot != NULL && dot != basename)
    *dot = '\0';
  return g_steal_pointer (&basename);
}

typedef struct {
  AnnotaSpan *candidate;
  gboolean    merged;
  gboolean    conflict;
} Classify;

static gboolean
classify_cb (AnnotaSpan *span,
             gpointer    user_data)
{
  Classify *c = user_data;
  gboolean same_label = annota_span_get_label (span) == annota_span_get_label (c->candidate);

  if (same_label &&
      annota_span_get_start (span) == annota_span_get_start (c->candidate) &&
      annota_span_get_end (span) == annota_span_get_end (c->candidate))
    {
      c->merged = TRUE;
      return FALSE;
    }
  if (!same_label && annota_span_get_status (span) != ANNOTA_SPAN_STATUS_REJECTED)
    c->conflict = TRUE;
  return TRUE;
}

/* The source's labels that the document lacks, as copies (with a colour of
 * the palette and no key when theirs is taken). */
static GPtrArray *
missing_labels (AnnotaDocument *document,
                AnnotaDocument *source,
                GPtrArray      *spans)
{
  AnnotaLabelSet *labels = annota_document_get_labels (document);
  AnnotaLabelSet *source_labels = annota_document_get_labels (source);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *missing = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = annota_label_set_get_n_labels (labels);

  for (guint i = 0; i < spans->len; i++)
    {
      const char *id = annota_span_get_label (g_ptr_array_index (spans, i));
      AnnotaLabel *theirs;
      const char *key = NULL;
      const char *color;

      if (annota_label_set_lookup (labels, id) != NULL || !g_hash_table_add (seen, (gpointer) id))
        continue;
      theirs = source_labels ? annota_label_set_lookup (source_labels, id) : NULL;
      if (theirs != NULL && annota_label_get_key (theirs) != NULL && *annota_label_get_key (theirs) != '\0' &&
          annota_label_set_lookup_key (labels, annota_label_get_key (theirs)) == NULL &&
          g_hash_table_add (keys, (gpointer) annota_label_get_key (theirs)))
        key = annota_label_get_key (theirs);
      color = theirs != NULL && annota_label_color_is_valid (annota_label_get_color (theirs)) ?
              annota_label_get_color (theirs) : annota_label_default_color (n + missing->len);
      g_ptr_array_add (missing, annota_label_new (id, theirs ? annota_label_get_name (theirs) : id, color, key));
    }
  return missing;
}

/* name is for messages, origin_name gives the origin of spans that lack
 * one (a file name). */
static gboolean
import_source (AnnotaDocument          *document,
               AnnotaDocument          *source,
               const char              *name,
               const char              *origin_name,
               AnnotaSuggestionsResult *result,
               GError                 **error)
{
  AnnotaSpanStore *store;
  AnnotaSpanStore *source_store;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autofree char *fallback = NULL;
  AnnotaSuggestionsResult r = { 0 };
  AnnotaSpan *previous = NULL;
  gboolean any_suggested = FALSE;
  guint n;

  if (!annota_agreement_check_texts (annota_document_get_text (document), _("this document"),
                                     annota_document_get_text (source), name,
                                     &r.differ_at, error))
    {
      /* Translators: said before where two texts differ. */
      g_prefix_error (error, "%s", _("Nothing imported. "));
      r.texts_differ = TRUE;
      if (result != NULL)
        *result = r;
      return FALSE;
    }

  store = annota_document_get_spans (document);
  source_store = annota_document_get_spans (source);
  n = annota_span_store_get_n_spans (source_store);
  fallback = origin_from_name (origin_name ? origin_name : name ? name : _("suggestions"));

  /* Label Studio keeps a task's annotations next to its predictions: when a
   * file has suggested spans, those are the suggestions. */
  if (annota_document_count_spans (source, NULL, ANNOTA_SPAN_STATUS_SUGGESTED) > 0)
    any_suggested = TRUE;

  candidates = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      AnnotaSpan *span = annota_span_store_peek (source_store, i);
      AnnotaSpanStatus status = annota_span_get_status (span);

      if (status == ANNOTA_SPAN_STATUS_REJECTED ||
          (any_suggested && status != ANNOTA_SPAN_STATUS_SUGGESTED))
        continue;
      /* Equal keys sit side by side in the store: one of each. */
      if (previous != NULL && annota_span_compare (previous, span) == 0)
        continue;
      previous = span;
      g_ptr_array_add (candidates, g_object_ref (span));
    }

  labels = missing_labels (document, source, candidates);
  added = g_ptr_array_new_with_free_func (g_object_unref);

  /* Classified against the spans there before the import, then added. */
  for (guint i = 0; i < candidates->len; i++)
    {
      AnnotaSpan *theirs = g_ptr_array_index (candidates, i);
      Classify c = { theirs, FALSE, FALSE };
      AnnotaSpan *span;

      annota_span_store_foreach_in_range (store, annota_span_get_start (theirs),
                                          annota_span_get_end (theirs), classify_cb, &c);
      if (c.merged)
        {
          r.n_merged++;
          continue;
        }
      span = annota_span_new (annota_span_get_start (theirs), annota_span_get_end (theirs),
                              annota_span_get_label (theirs), ANNOTA_SPAN_STATUS_SUGGESTED,
                              pick_origin (theirs, fallback),
                              annota_span_has_score (theirs) ? annota_span_get_score (theirs) : -1.0);
      if (annota_span_get_note (theirs) != NULL)
        _annota_span_set_note (span, annota_span_get_note (theirs));
      if (c.conflict)
        {
          _annota_span_set_extra (span, CONFLICT_EXTRA);
          r.n_conflicts++;
        }
      g_ptr_array_add (added, span);
    }

  if (added->len > 0)
    {
      g_autoptr(GError) local_error = NULL;

      annota_document_begin_step (document);
      for (guint i = 0; i < labels->len && local_error == NULL; i++)
        {
          AnnotaLabel *label = g_ptr_array_index (labels, i);

          /* Only labels that some added span uses. */
          for (guint j = 0; j < added->len; j++)
            if (annota_span_get_label (g_ptr_array_index (added, j)) == g_intern_string (annota_label_get_id (label)))
              {
                if (annota_document_add_label (document, label, &local_error))
                  r.n_labels++;
                break;
              }
        }
      for (guint i = 0; i < added->len && local_error == NULL; i++)
        annota_document_add_span_object (document, g_ptr_array_index (added, i), &local_error);
      annota_document_end_step (document);

      if (local_error != NULL)
        {
          /* Cannot happen after the checks above; undo what was done. */
          annota_document_undo (document);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  r.n_added = added->len;
  if (result != NULL)
    *result = r;
  return TRUE;
}

gboolean
annota_suggestions_import_document (AnnotaDocument          *document,
                                    AnnotaDocument          *source,
                                    const char              *name,
                                    AnnotaSuggestionsResult *result,
                                    GError                 **error)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (source), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return import_source (document, source, name, NULL, result, error);
}

gboolean
annota_suggestions_import_file (AnnotaDocument          *document,
                                const char              *path,
                                AnnotaSuggestionsResult *result,
                                GError                 **error)
{
  g_autoptr(AnnotaFormatReader) reader = NULL;
  g_autoptr(AnnotaDocument) first = NULL;
  g_autofree char *display = NULL;
  AnnotaFormatOptions opts;
  AnnotaFormatKind kind;
  AnnotaText *text;
  guint n_read = 0;

  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Messages name the file, not its folders: the toast that shows them
   * has one line. */
  display = g_filename_display_basename (path);
  kind = annota_format_detect_input (path, error);
  if (kind == ANNOTA_FORMAT_UNKNOWN)
    return FALSE;

  if (kind == ANNOTA_FORMAT_NATIVE && !g_file_test (path, G_FILE_TEST_IS_DIR) &&
      !g_str_has_suffix (path, ".jsonl"))
    {
      g_autoptr(AnnotaDocument) source = annota_document_load_file (path, NULL, NULL, error);

      if (source == NULL)
        return FALSE;
      return import_source (document, source, display, display, result, error);
    }

  annota_format_options_init (&opts);
  reader = annota_format_reader_open (kind, path, &opts, error);
  if (reader == NULL)
    return FALSE;

  text = annota_document_get_text (document);
  for (;;)
    {
      g_autoptr(AnnotaDocument) source = NULL;
      g_autoptr(GError) local_error = NULL;
      AnnotaText *source_text;

      source = annota_format_reader_next (reader, NULL, &local_error);
      if (source == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }
      n_read++;
      source_text = annota_document_get_text (source);
      if (annota_text_get_n_bytes (source_text) == annota_text_get_n_bytes (text) &&
          memcmp (annota_text_get_utf8 (source_text), annota_text_get_utf8 (text),
                  annota_text_get_n_bytes (text)) == 0)
        {
          const char *name = annota_format_get_document_name (source);
          g_autofree char *short_name = name ? g_path_get_basename (name) : NULL;

          return import_source (document, source, short_name ? short_name : display, display, result, error);
        }
      if (first == NULL)
        first = g_steal_pointer (&source);
    }

  if (first == NULL)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_MISSING,
                   _("%s: holds no document"), display);
      return FALSE;
    }
  if (n_read == 1)
    {
      const char *name = annota_format_get_document_name (first);
      g_autofree char *short_name = name ? g_path_get_basename (name) : NULL;

      /* Fails, saying where the texts differ. */
      return import_source (document, first, short_name ? short_name : display, display, result, error);
    }

  {
    g_autoptr(GError) local_error = NULL;
    g_autofree char *short_name = NULL;
    AnnotaSuggestionsResult r = { 0 };

    if (annota_format_get_document_name (first) != NULL)
      short_name = g_path_get_basename (annota_format_get_document_name (first));
    annota_agreement_check_texts (text, _("this document"), annota_document_get_text (first),
                                  short_name, &r.differ_at, &local_error);
    r.texts_differ = TRUE;
    if (result != NULL)
      *result = r;
    g_set_error (error, ANNOTA_AGREEMENT_ERROR, ANNOTA_AGREEMENT_ERROR_TEXT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Nothing imported. None of the %u documents in %s has this document’s text. The first: %s",
                              "Nothing imported. None of the %u documents in %s has this document’s text. The first: %s",
                              n_read),
                 n_read, display, local_error->message);
  }
  return FALSE;
}
