/* annota-corpus-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry shows what is known of its document on disk until the document
 * is loaded, and the live document after that: the corpus calls refresh
 * when the document signals a change, and only real changes are notified.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <string.h>

#include "annota-corpus-private.h"

G_DEFINE_FINAL_TYPE (AnnotaCorpusEntry, annota_corpus_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_STATE,
  PROP_N_SPANS,
  PROP_N_SUGGESTED,
  PROP_LOADED,
  PROP_MODIFIED,
  PROP_DOCUMENT,
  PROP_PROBLEM,
  PROP_MISSING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Stats */

void
_annota_entry_stats_init (AnnotaEntryStats *stats)
{
  stats->known = FALSE;
  stats->state = ANNOTA_CORPUS_STATE_UNKNOWN;
  stats->length = ANNOTA_LENGTH_UNKNOWN;
  stats->labels = g_array_new (FALSE, TRUE, sizeof (AnnotaLabelCount));
}

void
_annota_entry_stats_clear (AnnotaEntryStats *stats)
{
  g_clear_pointer (&stats->labels, g_array_unref);
}

void
_annota_entry_stats_move (AnnotaEntryStats *dest,
                          AnnotaEntryStats *src)
{
  _annota_entry_stats_clear (dest);
  *dest = *src;
  _annota_entry_stats_init (src);
}

void
_annota_entry_stats_add (AnnotaEntryStats *stats,
                         const char       *label,
                         AnnotaSpanStatus  status,
                         guint             n)
{
  AnnotaLabelCount count = { NULL, { 0, } };
  const char *interned = g_intern_string (label);

  for (guint i = 0; i < stats->labels->len; i++)
    {
      AnnotaLabelCount *c = &g_array_index (stats->labels, AnnotaLabelCount, i);

      if (c->label == interned)
        {
          c->by_status[status] += n;
          return;
        }
    }
  count.label = interned;
  count.by_status[status] = n;
  g_array_append_val (stats->labels, count);
}

guint
_annota_entry_stats_count (const AnnotaEntryStats *stats,
                           const char             *label,
                           int                     status)
{
  const char *interned = label != NULL ? g_intern_string (label) : NULL;
  guint n = 0;

  for (guint i = 0; i < stats->labels->len; i++)
    {
      const AnnotaLabelCount *c = &g_array_index (stats->labels, AnnotaLabelCount, i);

      if (interned != NULL && c->label != interned)
        continue;
      if (status >= 0)
        n += c->by_status[status];
      else
        n += c->by_status[0] + c->by_status[1] + c->by_status[2];
    }
  return n;
}

void
_annota_entry_stats_from_document (AnnotaEntryStats *stats,
                                   AnnotaDocument   *document)
{
  AnnotaLabelSet *labels = annota_document_get_labels (document);
  guint n_labels = annota_label_set_get_n_labels (labels);

  g_array_set_size (stats->labels, 0);
  for (guint i = 0; i < n_labels; i++)
    {
      const char *id = annota_label_get_id (annota_label_set_peek (labels, i));

      for (int s = ANNOTA_SPAN_STATUS_SUGGESTED; s <= ANNOTA_SPAN_STATUS_REJECTED; s++)
        {
          guint n = annota_document_count_spans (document, id, s);

          if (n > 0)
            _annota_entry_stats_add (stats, id, s, n);
        }
    }
  stats->known = TRUE;
  stats->state = annota_document_get_state (document);
  stats->length = annota_document_get_length (document);
}

/* The object */

static void
annota_corpus_entry_finalize (GObject *object)
{
  AnnotaCorpusEntry *self = ANNOTA_CORPUS_ENTRY (object);

  g_free (self->name);
  g_free (self->path);
  _annota_entry_stats_clear (&self->disk);
  g_clear_object (&self->document);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self->problem);

  G_OBJECT_CLASS (annota_corpus_entry_parent_class)->finalize (object);
}

static void
annota_corpus_entry_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AnnotaCorpusEntry *self = ANNOTA_CORPUS_ENTRY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_N_SPANS:
      g_value_set_uint (value, self->n_spans);
      break;
    case PROP_N_SUGGESTED:
      g_value_set_uint (value, self->n_suggested);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->document != NULL);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_MISSING:
      g_value_set_boolean (value, self->missing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_corpus_entry_class_init (AnnotaCorpusEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = annota_corpus_entry_finalize;
  object_class->get_property = annota_corpus_entry_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      ANNOTA_CORPUS_STATE_UNKNOWN, ANNOTA_DOCUMENT_STATE_DONE,
                      ANNOTA_CORPUS_STATE_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_SPANS] =
    g_param_spec_uint ("n-spans", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_SUGGESTED] =
    g_param_spec_uint ("n-suggested", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ANNOTA_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MISSING] =
    g_param_spec_boolean ("missing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
annota_corpus_entry_init (AnnotaCorpusEntry *self)
{
  _annota_entry_stats_init (&self->disk);
  self->state = ANNOTA_CORPUS_STATE_UNKNOWN;
}

AnnotaCorpusEntry *
_annota_corpus_entry_new (const char      *name,
                          const char      *path,
                          AnnotaEntryKind  kind)
{
  AnnotaCorpusEntry *self = g_object_new (ANNOTA_TYPE_CORPUS_ENTRY, NULL);

  self->name = g_strdup (name);
  self->path = g_strdup (path);
  self->kind = kind;
  self->native = TRUE;
  return self;
}

gboolean
_annota_corpus_entry_refresh (AnnotaCorpusEntry *self)
{
  int state;
  guint n_spans, n_suggested;
  gboolean modified;
  gboolean changed = FALSE;

  if (self->document != NULL)
    {
      state = annota_document_get_state (self->document);
      n_spans = annota_document_count_spans (self->document, NULL, ANNOTA_SPAN_STATUS_ACCEPTED);
      n_suggested = annota_document_count_spans (self->document, NULL, ANNOTA_SPAN_STATUS_SUGGESTED);
      modified = annota_document_get_modified (self->document);
    }
  else
    {
      state = self->disk.known ? self->disk.state : ANNOTA_CORPUS_STATE_UNKNOWN;
      n_spans = _annota_entry_stats_count (&self->disk, NULL, ANNOTA_SPAN_STATUS_ACCEPTED);
      n_suggested = _annota_entry_stats_count (&self->disk, NULL, ANNOTA_SPAN_STATUS_SUGGESTED);
      modified = FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      changed = TRUE;
    }
  if (self->n_spans != n_spans)
    {
      self->n_spans = n_spans;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SPANS]);
      changed = TRUE;
    }
  if (self->n_suggested != n_suggested)
    {
      self->n_suggested = n_suggested;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SUGGESTED]);
      changed = TRUE;
    }
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  /* Counts per label are not notified one by one; a document that is
   * loaded may have changed any of them. */
  return changed || self->document != NULL;
}

gboolean
_annota_corpus_entry_set_disk_stats (AnnotaCorpusEntry *self,
                                     AnnotaEntryStats  *stats)
{
  _annota_entry_stats_move (&self->disk, stats);
  return _annota_corpus_entry_refresh (self) || self->document == NULL;
}

void
_annota_corpus_entry_set_problem (AnnotaCorpusEntry *self,
                                  const char        *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

void
_annota_corpus_entry_set_missing (AnnotaCorpusEntry *self,
                                  gboolean           missing)
{
  if (self->missing == !!missing)
    return;
  self->missing = !!missing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MISSING]);
}

void
_annota_corpus_entry_set_document (AnnotaCorpusEntry *self,
                                   AnnotaDocument    *document,
                                   GPtrArray         *warnings)
{
  gboolean was_loaded = self->document != NULL;

  g_return_if_fail (document != NULL && document != self->document);

  g_set_object (&self->document, document);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  self->warnings = warnings;

  g_object_freeze_notify (G_OBJECT (self));
  if (!was_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  _annota_corpus_entry_set_problem (self, NULL);
  _annota_corpus_entry_refresh (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Public */

const char *
annota_corpus_entry_get_name (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), NULL);
  return self->name;
}

const char *
annota_corpus_entry_get_path (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), NULL);
  return self->path;
}

guint
annota_corpus_entry_get_line (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), 0);
  return self->line;
}

int
annota_corpus_entry_get_state (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), ANNOTA_CORPUS_STATE_UNKNOWN);
  return self->state;
}

guint
annota_corpus_entry_get_n_spans (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), 0);
  return self->n_spans;
}

guint
annota_corpus_entry_get_n_suggested (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), 0);
  return self->n_suggested;
}

guint
annota_corpus_entry_count_spans (AnnotaCorpusEntry *self,
                                 const char        *label,
                                 int                status)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), 0);
  g_return_val_if_fail (status >= -1 && status <= ANNOTA_SPAN_STATUS_REJECTED, 0);

  if (self->document != NULL)
    return annota_document_count_spans (self->document, label, status);
  return _annota_entry_stats_count (&self->disk, label, status);
}

guint
annota_corpus_entry_get_length (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), 0);

  if (self->document != NULL)
    return annota_document_get_length (self->document);
  return self->disk.length == ANNOTA_LENGTH_UNKNOWN ? 0 : self->disk.length;
}

gboolean
annota_corpus_entry_get_loaded (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), FALSE);
  return self->document != NULL;
}

gboolean
annota_corpus_entry_get_modified (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), FALSE);
  return self->modified;
}

AnnotaDocument *
annota_corpus_entry_get_document (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), NULL);
  return self->document;
}

gboolean
annota_corpus_entry_get_missing (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), FALSE);
  return self->missing;
}

const char *
annota_corpus_entry_get_problem (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), NULL);
  return self->problem;
}

GPtrArray *
annota_corpus_entry_get_warnings (AnnotaCorpusEntry *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_ENTRY (self), NULL);
  return self->warnings;
}
