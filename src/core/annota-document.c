/* annota-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every public change is split in two: an apply function that changes the
 * models (and is what undo and redo replay), and the public operation that
 * checks arguments, applies and records the edit.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "annota-document.h"
#include "annota-span-private.h"

typedef struct {
  guint by_status[3];
} Counts;

struct _AnnotaDocument
{
  GObject              parent_instance;
  AnnotaText          *text;
  AnnotaSpanStore     *spans;
  AnnotaLabelSet      *labels;
  AnnotaHistory       *history;
  GFile               *file;
  AnnotaDocumentState  state;
  gboolean             unsaved;    /* differs from its file beyond the history */
  GPtrArray           *extra;      /* AnnotaJsonMember */
  GArray              *tokens;
  GArray              *sentences;
  GHashTable          *counts;     /* interned label id → Counts */
  Counts               total;
};

G_DEFINE_FINAL_TYPE (AnnotaDocument, annota_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_SPANS,
  PROP_LABELS,
  PROP_FILE,
  PROP_STATE,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  COUNTS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
json_member_free (gpointer data)
{
  AnnotaJsonMember *member = data;

  g_free (member->name);
  g_free (member->json);
  g_free (member);
}

/* Counting */

static Counts *
counts_for (AnnotaDocument *self,
            const char     *label)
{
  Counts *counts = g_hash_table_lookup (self->counts, label);

  if (counts == NULL)
    {
      counts = g_new0 (Counts, 1);
      g_hash_table_insert (self->counts, (gpointer) label, counts);
    }
  return counts;
}

static void
count_span (AnnotaDocument *self,
            AnnotaSpan     *span,
            int             delta)
{
  AnnotaSpanStatus status = annota_span_get_status (span);
  Counts *counts = counts_for (self, annota_span_get_label (span));

  counts->by_status[status] += delta;
  self->total.by_status[status] += delta;
}

typedef struct {
  AnnotaDocument *self;
  const char     *label;    /* interned */
  Counts         *counts;   /* of label */
} Recount;

static gboolean
recount_span (AnnotaSpan *span,
              gpointer    user_data)
{
  Recount *r = user_data;
  const char *label = annota_span_get_label (span);
  AnnotaSpanStatus status = annota_span_get_status (span);

  /* Spans of one label often follow each other: a lookup only when the
   * label changes. */
  if (label != r->label || r->counts == NULL)
    {
      r->label = label;
      r->counts = counts_for (r->self, label);
    }
  r->counts->by_status[status]++;
  r->self->total.by_status[status]++;
  return TRUE;
}

/* A walk of the tree in order: O(n), where a position at a time would
 * look each one up. */
static void
recount (AnnotaDocument *self)
{
  Recount r = { self, NULL, NULL };

  g_hash_table_remove_all (self->counts);
  memset (&self->total, 0, sizeof self->total);
  annota_span_store_foreach_in_range (self->spans, 0, G_MAXUINT, recount_span, &r);
}

static void
emit_counts_changed (AnnotaDocument *self)
{
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

/* Properties */

static void
on_history_notify (AnnotaHistory  *history,
                   GParamSpec     *pspec,
                   AnnotaDocument *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (strcmp (name, "can-undo") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  else if (strcmp (name, "can-redo") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  else if (strcmp (name, "clean") == 0 && !self->unsaved)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
annota_document_dispose (GObject *object)
{
  AnnotaDocument *self = ANNOTA_DOCUMENT (object);

  if (self->history != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->history, on_history_notify, self);
      annota_history_clear (self->history);
    }
  g_clear_object (&self->history);
  g_clear_object (&self->spans);
  g_clear_object (&self->labels);
  g_clear_object (&self->text);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (annota_document_parent_class)->dispose (object);
}

static void
annota_document_finalize (GObject *object)
{
  AnnotaDocument *self = ANNOTA_DOCUMENT (object);

  g_ptr_array_unref (self->extra);
  g_clear_pointer (&self->tokens, g_array_unref);
  g_clear_pointer (&self->sentences, g_array_unref);
  g_hash_table_unref (self->counts);

  G_OBJECT_CLASS (annota_document_parent_class)->finalize (object);
}

static void
annota_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AnnotaDocument *self = ANNOTA_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_object (value, self->text);
      break;
    case PROP_SPANS:
      g_value_set_object (value, self->spans);
      break;
    case PROP_LABELS:
      g_value_set_object (value, self->labels);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, annota_document_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, annota_document_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, annota_document_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_document_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AnnotaDocument *self = ANNOTA_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      annota_document_set_file (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_document_class_init (AnnotaDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = annota_document_dispose;
  object_class->finalize = annota_document_finalize;
  object_class->get_property = annota_document_get_property;
  object_class->set_property = annota_document_set_property;

  properties[PROP_TEXT] =
    g_param_spec_object ("text", NULL, NULL, ANNOTA_TYPE_TEXT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPANS] =
    g_param_spec_object ("spans", NULL, NULL, ANNOTA_TYPE_SPAN_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LABELS] =
    g_param_spec_object ("labels", NULL, NULL, ANNOTA_TYPE_LABEL_SET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      ANNOTA_DOCUMENT_STATE_TODO, ANNOTA_DOCUMENT_STATE_DONE,
                      ANNOTA_DOCUMENT_STATE_TODO,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnnotaDocument::counts-changed:
   *
   * Emitted once after every change that alters a span count.
   */
  signals[COUNTS_CHANGED] =
    g_signal_new ("counts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
annota_document_init (AnnotaDocument *self)
{
  self->spans = annota_span_store_new ();
  self->history = annota_history_new ();
  self->extra = g_ptr_array_new_with_free_func (json_member_free);
  self->counts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_signal_connect (self->history, "notify", G_CALLBACK (on_history_notify), self);
}

AnnotaDocument *
annota_document_new (AnnotaText     *text,
                     AnnotaLabelSet *labels)
{
  AnnotaDocument *self;

  g_return_val_if_fail (ANNOTA_IS_TEXT (text), NULL);
  g_return_val_if_fail (labels == NULL || ANNOTA_IS_LABEL_SET (labels), NULL);

  self = g_object_new (ANNOTA_TYPE_DOCUMENT, NULL);
  self->text = g_object_ref (text);
  self->labels = labels != NULL ? g_object_ref (labels) : annota_label_set_new ();
  return self;
}

AnnotaDocument *
annota_document_new_from_string (const char     *utf8,
                                 AnnotaLabelSet *labels)
{
  g_autoptr(AnnotaText) text = NULL;

  g_return_val_if_fail (utf8 != NULL, NULL);

  text = annota_text_new (utf8, -1);
  return annota_document_new (text, labels);
}

AnnotaText *
annota_document_get_text (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), NULL);
  return self->text;
}

guint
annota_document_get_length (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), 0);
  return annota_text_get_length (self->text);
}

AnnotaSpanStore *
annota_document_get_spans (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), NULL);
  return self->spans;
}

AnnotaLabelSet *
annota_document_get_labels (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), NULL);
  return self->labels;
}

AnnotaHistory *
annota_document_get_history (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), NULL);
  return self->history;
}

GFile *
annota_document_get_file (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), NULL);
  return self->file;
}

void
annota_document_set_file (AnnotaDocument *self,
                          GFile          *file)
{
  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;
  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

AnnotaDocumentState
annota_document_get_state (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), ANNOTA_DOCUMENT_STATE_TODO);
  return self->state;
}

gboolean
annota_document_get_modified (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  return self->unsaved || !annota_history_is_clean (self->history);
}

gboolean
annota_document_get_can_undo (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  return annota_history_can_undo (self->history);
}

gboolean
annota_document_get_can_redo (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  return annota_history_can_redo (self->history);
}

void
annota_document_mark_saved (AnnotaDocument *self)
{
  gboolean was_modified;
  gboolean was_clean;

  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));

  was_modified = annota_document_get_modified (self);
  was_clean = annota_history_is_clean (self->history);
  self->unsaved = FALSE;
  /* A history that stops being dirty notifies "modified" itself. */
  annota_history_mark_clean (self->history);
  if (was_modified && was_clean)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
annota_document_mark_modified (AnnotaDocument *self)
{
  gboolean was_modified;

  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));

  was_modified = annota_document_get_modified (self);
  self->unsaved = TRUE;
  if (!was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

guint
annota_document_count_spans (AnnotaDocument *self,
                             const char     *label,
                             int             status)
{
  const Counts *counts;

  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (status >= -1 && status <= ANNOTA_SPAN_STATUS_REJECTED, 0);

  if (label == NULL)
    counts = &self->total;
  else if ((counts = g_hash_table_lookup (self->counts, g_intern_string (label))) == NULL)
    return 0;

  if (status >= 0)
    return counts->by_status[status];
  return counts->by_status[0] + counts->by_status[1] + counts->by_status[2];
}

/* Checks */

static gboolean
check_range (AnnotaDocument  *self,
             guint            start,
             guint            end,
             GError         **error)
{
  guint length = annota_text_get_length (self->text);

  if (start < end && end <= length)
    return TRUE;
  g_set_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_RANGE,
               _("The range %u–%u is not inside the text (0–%u) or is empty"),
               start, end, length);
  return FALSE;
}

static gboolean
check_label (AnnotaDocument  *self,
             const char      *label,
             GError         **error)
{
  if (label != NULL && annota_label_set_lookup (self->labels, label) != NULL)
    return TRUE;
  g_set_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_LABEL,
               _("There is no label “%s”"), label != NULL ? label : "");
  return FALSE;
}

static gboolean
span_in_store (AnnotaDocument *self,
               AnnotaSpan     *span)
{
  return annota_span_store_find (self->spans, span, NULL);
}

/* Span edits */

static void
apply_insert (AnnotaDocument *self,
              AnnotaSpan     *span)
{
  annota_span_store_insert (self->spans, span);
  count_span (self, span, +1);
  emit_counts_changed (self);
}

static void
apply_remove (AnnotaDocument *self,
              AnnotaSpan     *span)
{
  count_span (self, span, -1);
  annota_span_store_remove (self->spans, span);
  emit_counts_changed (self);
}

static void
edit_insert (gpointer owner,
             gpointer data)
{
  apply_insert (owner, data);
}

static void
edit_remove (gpointer owner,
             gpointer data)
{
  apply_remove (owner, data);
}

AnnotaSpan *
annota_document_add_span (AnnotaDocument    *self,
                          guint              start,
                          guint              end,
                          const char        *label,
                          AnnotaSpanStatus   status,
                          const char        *origin,
                          double             score,
                          GError           **error)
{
  g_autoptr(AnnotaSpan) span = NULL;

  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (status <= ANNOTA_SPAN_STATUS_REJECTED, NULL);

  if (!check_range (self, start, end, error) || !check_label (self, label, error))
    return NULL;

  span = annota_span_new (start, end, label, status, origin, score);
  if (!annota_document_add_span_object (self, span, error))
    return NULL;
  return span;
}

gboolean
annota_document_add_span_object (AnnotaDocument  *self,
                                 AnnotaSpan      *span,
                                 GError         **error)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ANNOTA_IS_SPAN (span), FALSE);
  g_return_val_if_fail (!span_in_store (self, span), FALSE);

  if (!check_range (self, annota_span_get_start (span), annota_span_get_end (span), error) ||
      !check_label (self, annota_span_get_label (span), error))
    return FALSE;

  apply_insert (self, span);
  annota_history_record (self->history, edit_remove, edit_insert,
                         g_object_ref (span), g_object_unref);
  return TRUE;
}

void
annota_document_remove_span (AnnotaDocument *self,
                             AnnotaSpan     *span)
{
  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));
  g_return_if_fail (ANNOTA_IS_SPAN (span));
  g_return_if_fail (span_in_store (self, span));

  g_object_ref (span);
  apply_remove (self, span);
  annota_history_record (self->history, edit_insert, edit_remove,
                         span, g_object_unref);
}

typedef struct {
  AnnotaSpan *span;
  guint       old_start, old_end;
  const char *old_label;
  guint       new_start, new_end;
  const char *new_label;
} UpdateEdit;

static void
update_edit_free (gpointer data)
{
  UpdateEdit *edit = data;

  g_object_unref (edit->span);
  g_free (edit);
}

static void
apply_update (AnnotaDocument *self,
              AnnotaSpan     *span,
              guint           start,
              guint           end,
              const char     *label)
{
  gboolean relabel = annota_span_get_label (span) != label;

  if (relabel)
    count_span (self, span, -1);
  annota_span_store_update (self->spans, span, start, end, label);
  if (relabel)
    {
      count_span (self, span, +1);
      emit_counts_changed (self);
    }
}

static void
edit_update_undo (gpointer owner,
                  gpointer data)
{
  UpdateEdit *edit = data;

  apply_update (owner, edit->span, edit->old_start, edit->old_end, edit->old_label);
}

static void
edit_update_redo (gpointer owner,
                  gpointer data)
{
  UpdateEdit *edit = data;

  apply_update (owner, edit->span, edit->new_start, edit->new_end, edit->new_label);
}

static void
record_update (AnnotaDocument *self,
               AnnotaSpan     *span,
               guint           start,
               guint           end,
               const char     *label)
{
  UpdateEdit *edit = g_new0 (UpdateEdit, 1);

  edit->span = g_object_ref (span);
  edit->old_start = annota_span_get_start (span);
  edit->old_end = annota_span_get_end (span);
  edit->old_label = annota_span_get_label (span);
  edit->new_start = start;
  edit->new_end = end;
  edit->new_label = g_intern_string (label);

  if (edit->old_start == start && edit->old_end == end && edit->old_label == edit->new_label)
    {
      update_edit_free (edit);
      return;
    }
  apply_update (self, span, start, end, edit->new_label);
  annota_history_record (self->history, edit_update_undo, edit_update_redo,
                         edit, update_edit_free);
}

gboolean
annota_document_relabel_span (AnnotaDocument  *self,
                              AnnotaSpan      *span,
                              const char      *label,
                              GError         **error)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ANNOTA_IS_SPAN (span), FALSE);
  g_return_val_if_fail (span_in_store (self, span), FALSE);

  if (!check_label (self, label, error))
    return FALSE;
  record_update (self, span, annota_span_get_start (span), annota_span_get_end (span), label);
  return TRUE;
}

gboolean
annota_document_move_span (AnnotaDocument  *self,
                           AnnotaSpan      *span,
                           guint            start,
                           guint            end,
                           GError         **error)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ANNOTA_IS_SPAN (span), FALSE);
  g_return_val_if_fail (span_in_store (self, span), FALSE);

  if (!check_range (self, start, end, error))
    return FALSE;
  record_update (self, span, start, end, annota_span_get_label (span));
  return TRUE;
}

typedef struct {
  AnnotaSpan       *span;
  AnnotaSpanStatus  old_status, new_status;
  gboolean          old_reviewed, new_reviewed;
} StatusEdit;

static void
status_edit_free (gpointer data)
{
  StatusEdit *edit = data;

  g_object_unref (edit->span);
  g_free (edit);
}

static void
apply_status (AnnotaDocument   *self,
              AnnotaSpan       *span,
              AnnotaSpanStatus  status,
              gboolean          reviewed)
{
  gboolean recount_needed = annota_span_get_status (span) != status;

  if (recount_needed)
    count_span (self, span, -1);
  _annota_span_set_status (span, status);
  _annota_span_set_reviewed (span, reviewed);
  if (recount_needed)
    {
      count_span (self, span, +1);
      emit_counts_changed (self);
    }
}

static void
edit_status_undo (gpointer owner,
                  gpointer data)
{
  StatusEdit *edit = data;

  apply_status (owner, edit->span, edit->old_status, edit->old_reviewed);
}

static void
edit_status_redo (gpointer owner,
                  gpointer data)
{
  StatusEdit *edit = data;

  apply_status (owner, edit->span, edit->new_status, edit->new_reviewed);
}

void
annota_document_set_span_status (AnnotaDocument   *self,
                                 AnnotaSpan       *span,
                                 AnnotaSpanStatus  status,
                                 gboolean          reviewed)
{
  StatusEdit *edit;

  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));
  g_return_if_fail (ANNOTA_IS_SPAN (span));
  g_return_if_fail (status <= ANNOTA_SPAN_STATUS_REJECTED);
  g_return_if_fail (span_in_store (self, span));

  reviewed = !!reviewed;
  if (annota_span_get_status (span) == status && annota_span_get_reviewed (span) == reviewed)
    return;

  edit = g_new0 (StatusEdit, 1);
  edit->span = g_object_ref (span);
  edit->old_status = annota_span_get_status (span);
  edit->old_reviewed = annota_span_get_reviewed (span);
  edit->new_status = status;
  edit->new_reviewed = reviewed;
  apply_status (self, span, status, reviewed);
  annota_history_record (self->history, edit_status_undo, edit_status_redo,
                         edit, status_edit_free);
}

typedef struct {
  gpointer  object;       /* AnnotaSpan or AnnotaLabel */
  int       field;
  char     *old_value;
  char     *new_value;
} StringEdit;

enum {
  FIELD_SPAN_NOTE,
  FIELD_LABEL_NAME,
  FIELD_LABEL_COLOR,
  FIELD_LABEL_KEY,
};

static void
string_edit_free (gpointer data)
{
  StringEdit *edit = data;

  g_object_unref (edit->object);
  g_free (edit->old_value);
  g_free (edit->new_value);
  g_free (edit);
}

static void
apply_string (gpointer    object,
              int         field,
              const char *value)
{
  switch (field)
    {
    case FIELD_SPAN_NOTE:
      _annota_span_set_note (object, value);
      break;
    case FIELD_LABEL_NAME:
      _annota_label_set_name (object, value);
      break;
    case FIELD_LABEL_COLOR:
      _annota_label_set_color (object, value);
      break;
    case FIELD_LABEL_KEY:
      _annota_label_set_key (object, value);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
edit_string_undo (gpointer owner,
                  gpointer data)
{
  StringEdit *edit = data;

  apply_string (edit->object, edit->field, edit->old_value);
}

static void
edit_string_redo (gpointer owner,
                  gpointer data)
{
  StringEdit *edit = data;

  apply_string (edit->object, edit->field, edit->new_value);
}

static void
record_string (AnnotaDocument *self,
               gpointer        object,
               int             field,
               const char     *old_value,
               const char     *new_value)
{
  StringEdit *edit;

  if (new_value != NULL && *new_value == '\0')
    new_value = NULL;
  if (g_strcmp0 (old_value, new_value) == 0)
    return;

  edit = g_new0 (StringEdit, 1);
  edit->object = g_object_ref (object);
  edit->field = field;
  edit->old_value = g_strdup (old_value);
  edit->new_value = g_strdup (new_value);
  apply_string (object, field, new_value);
  annota_history_record (self->history, edit_string_undo, edit_string_redo,
                         edit, string_edit_free);
}

void
annota_document_set_span_note (AnnotaDocument *self,
                               AnnotaSpan     *span,
                               const char     *note)
{
  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));
  g_return_if_fail (ANNOTA_IS_SPAN (span));
  g_return_if_fail (span_in_store (self, span));

  record_string (self, span, FIELD_SPAN_NOTE, annota_span_get_note (span), note);
}

static void
apply_state (AnnotaDocument      *self,
             AnnotaDocumentState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
edit_state_undo (gpointer owner,
                 gpointer data)
{
  apply_state (owner, GPOINTER_TO_UINT (data) >> 4);
}

static void
edit_state_redo (gpointer owner,
                 gpointer data)
{
  apply_state (owner, GPOINTER_TO_UINT (data) & 0xf);
}

void
annota_document_set_state (AnnotaDocument      *self,
                           AnnotaDocumentState  state)
{
  guint packed;

  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));
  g_return_if_fail (state <= ANNOTA_DOCUMENT_STATE_DONE);

  if (self->state == state)
    return;
  packed = (self->state << 4) | state;
  apply_state (self, state);
  annota_history_record (self->history, edit_state_undo, edit_state_redo,
                         GUINT_TO_POINTER (packed), NULL);
}

/* The label of a span in load_spans() and its counts so far: labels are
 * interned, so the few recent ones are compared by pointer. */
typedef struct {
  const char *label;
  Counts     *counts;
} RecentLabel;

gboolean
annota_document_load_spans (AnnotaDocument  *self,
                            GPtrArray       *spans,
                            GError         **error)
{
  g_autoptr(GHashTable) counts = NULL;
  RecentLabel recent[8] = { { NULL, NULL }, };
  guint n_recent = 0;
  Counts total = { { 0, } };
  guint length;

  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (spans != NULL, FALSE);

  /* One pass over the spans, in the order they lie in memory, checks them
   * as check_range() and check_label() do and counts them; the counts
   * replace the document's once the spans are in. */
  counts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  length = annota_text_get_length (self->text);
  for (guint i = 0; i < spans->len; i++)
    {
      AnnotaSpan *span = g_ptr_array_index (spans, i);
      guint start;
      guint end;
      const char *label;
      AnnotaSpanStatus status;
      Counts *label_counts = NULL;

      g_return_val_if_fail (ANNOTA_IS_SPAN (span), FALSE);
      _annota_span_get_fields (span, &start, &end, &label, &status);

      for (guint k = 0; k < G_N_ELEMENTS (recent); k++)
        if (recent[k].label == label && label != NULL)
          {
            label_counts = recent[k].counts;
            break;
          }

      if (label_counts == NULL || !(start < end && end <= length))
        {
          if (!check_range (self, start, end, error) || !check_label (self, label, error))
            {
              g_prefix_error (error, _("Span %u: "), i);
              return FALSE;
            }
          label_counts = g_hash_table_lookup (counts, label);
          if (label_counts == NULL)
            {
              label_counts = g_new0 (Counts, 1);
              g_hash_table_insert (counts, (gpointer) label, label_counts);
            }
          recent[n_recent % G_N_ELEMENTS (recent)].label = label;
          recent[n_recent % G_N_ELEMENTS (recent)].counts = label_counts;
          n_recent++;
        }

      label_counts->by_status[status]++;
      total.by_status[status]++;
    }

  annota_span_store_splice_all (self->spans, (AnnotaSpan **) spans->pdata, spans->len);

  /* The store holds exactly the spans now, unless splice_all() refused
   * them (and said why): then it is counted as it is. */
  if (annota_span_store_get_n_spans (self->spans) == spans->len &&
      (spans->len == 0 || annota_span_store_find (self->spans, g_ptr_array_index (spans, 0), NULL)))
    {
      g_hash_table_unref (self->counts);
      self->counts = g_steal_pointer (&counts);
      self->total = total;
    }
  else
    recount (self);
  emit_counts_changed (self);
  return TRUE;
}

/* Labels */

typedef struct {
  AnnotaLabel *label;
  guint        position;
} LabelEdit;

static void
label_edit_free (gpointer data)
{
  LabelEdit *edit = data;

  g_object_unref (edit->label);
  g_free (edit);
}

static void
edit_label_insert (gpointer owner,
                   gpointer data)
{
  AnnotaDocument *self = owner;
  LabelEdit *edit = data;

  annota_label_set_insert (self->labels, edit->position, edit->label, NULL);
}

static void
edit_label_remove (gpointer owner,
                   gpointer data)
{
  AnnotaDocument *self = owner;
  LabelEdit *edit = data;

  annota_label_set_remove (self->labels, annota_label_get_id (edit->label));
}

gboolean
annota_document_add_label (AnnotaDocument  *self,
                           AnnotaLabel     *label,
                           GError         **error)
{
  LabelEdit *edit;
  const char *key;

  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ANNOTA_IS_LABEL (label), FALSE);

  key = annota_label_get_key (label);
  if (key != NULL && annota_label_set_lookup_key (self->labels, key) != NULL)
    {
      g_set_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_DUPLICATE,
                   _("The key “%s” is already used by the label “%s”"), key,
                   annota_label_get_id (annota_label_set_lookup_key (self->labels, key)));
      return FALSE;
    }
  if (!annota_label_set_append (self->labels, label, error))
    return FALSE;

  edit = g_new0 (LabelEdit, 1);
  edit->label = g_object_ref (label);
  edit->position = annota_label_set_get_n_labels (self->labels) - 1;
  annota_history_record (self->history, edit_label_remove, edit_label_insert,
                         edit, label_edit_free);
  return TRUE;
}

gboolean
annota_document_remove_label (AnnotaDocument      *self,
                              const char          *id,
                              AnnotaLabelRemoval   removal,
                              const char          *relabel_to,
                              GError             **error)
{
  AnnotaLabel *label;
  LabelEdit *edit;
  g_autoptr(GPtrArray) affected = NULL;
  guint position, n;

  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!check_label (self, id, error))
    return FALSE;
  if (removal == ANNOTA_LABEL_REMOVAL_RELABEL_SPANS)
    {
      if (g_strcmp0 (relabel_to, id) == 0)
        {
          g_set_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_LABEL,
                       _("The spans of “%s” cannot be moved to the label being removed"), id);
          return FALSE;
        }
      if (!check_label (self, relabel_to, error))
        return FALSE;
    }

  label = annota_label_set_lookup (self->labels, id);
  annota_label_set_find (self->labels, id, &position);
  id = annota_label_get_id (label);

  /* The spans go first, in one step with the label, so that one undo brings
   * both back. */
  affected = g_ptr_array_new_with_free_func (g_object_unref);
  n = annota_span_store_get_n_spans (self->spans);
  if (annota_document_count_spans (self, id, -1) > 0)
    {
      const char *interned = g_intern_string (id);

      for (guint i = 0; i < n; i++)
        {
          AnnotaSpan *span = annota_span_store_peek (self->spans, i);

          if (annota_span_get_label (span) == interned)
            g_ptr_array_add (affected, g_object_ref (span));
        }
    }

  annota_history_begin_step (self->history);
  for (guint i = 0; i < affected->len; i++)
    {
      AnnotaSpan *span = g_ptr_array_index (affected, i);

      if (removal == ANNOTA_LABEL_REMOVAL_DELETE_SPANS)
        annota_document_remove_span (self, span);
      else
        record_update (self, span, annota_span_get_start (span), annota_span_get_end (span),
                       relabel_to);
    }

  edit = g_new0 (LabelEdit, 1);
  edit->label = g_object_ref (label);
  edit->position = position;
  annota_label_set_remove (self->labels, id);
  annota_history_record (self->history, edit_label_insert, edit_label_remove,
                         edit, label_edit_free);
  annota_history_end_step (self->history);
  return TRUE;
}

void
annota_document_set_label_name (AnnotaDocument *self,
                                AnnotaLabel    *label,
                                const char     *name)
{
  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));
  g_return_if_fail (ANNOTA_IS_LABEL (label));

  if (name == NULL || *name == '\0')
    name = annota_label_get_id (label);
  record_string (self, label, FIELD_LABEL_NAME, annota_label_get_name (label), name);
}

void
annota_document_set_label_color (AnnotaDocument *self,
                                 AnnotaLabel    *label,
                                 const char     *color)
{
  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));
  g_return_if_fail (ANNOTA_IS_LABEL (label));
  g_return_if_fail (annota_label_color_is_valid (color));

  record_string (self, label, FIELD_LABEL_COLOR, annota_label_get_color (label), color);
}

gboolean
annota_document_set_label_key (AnnotaDocument  *self,
                               AnnotaLabel     *label,
                               const char      *key,
                               GError         **error)
{
  AnnotaLabel *other;

  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ANNOTA_IS_LABEL (label), FALSE);

  if (key != NULL && *key != '\0')
    {
      if (g_utf8_strlen (key, -1) != 1)
        {
          g_set_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_DUPLICATE,
                       _("A label’s key must be one character, not “%s”"), key);
          return FALSE;
        }
      other = annota_label_set_lookup_key (self->labels, key);
      if (other != NULL && other != label)
        {
          g_set_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_DUPLICATE,
                       _("The key “%s” is already used by the label “%s”"), key,
                       annota_label_get_id (other));
          return FALSE;
        }
    }
  record_string (self, label, FIELD_LABEL_KEY, annota_label_get_key (label), key);
  return TRUE;
}

/* Steps and undo */

void
annota_document_begin_step (AnnotaDocument *self)
{
  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));
  annota_history_begin_step (self->history);
}

void
annota_document_end_step (AnnotaDocument *self)
{
  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));
  annota_history_end_step (self->history);
}

gboolean
annota_document_undo (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  return annota_history_undo (self->history, self);
}

gboolean
annota_document_redo (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  return annota_history_redo (self->history, self);
}

/* Kept members */

GPtrArray *
annota_document_get_extra_members (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), NULL);
  return self->extra;
}

const char *
annota_document_get_extra_member (AnnotaDocument *self,
                                  const char     *name)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->extra->len; i++)
    {
      AnnotaJsonMember *member = g_ptr_array_index (self->extra, i);

      if (strcmp (member->name, name) == 0)
        return member->json;
    }
  return NULL;
}

void
annota_document_set_extra_member (AnnotaDocument *self,
                                  const char     *name,
                                  const char     *json)
{
  AnnotaJsonMember *member;

  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));
  g_return_if_fail (name != NULL);

  for (guint i = 0; i < self->extra->len; i++)
    {
      member = g_ptr_array_index (self->extra, i);
      if (strcmp (member->name, name) != 0)
        continue;
      if (json == NULL)
        g_ptr_array_remove_index (self->extra, i);
      else
        {
          g_free (member->json);
          member->json = g_strdup (json);
        }
      return;
    }
  if (json == NULL)
    return;
  member = g_new0 (AnnotaJsonMember, 1);
  member->name = g_strdup (name);
  member->json = g_strdup (json);
  g_ptr_array_add (self->extra, member);
}

GArray *
annota_document_get_tokens (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), NULL);
  return self->tokens;
}

void
annota_document_set_tokens (AnnotaDocument *self,
                            GArray         *tokens)
{
  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));

  g_clear_pointer (&self->tokens, g_array_unref);
  self->tokens = tokens;
}

GArray *
annota_document_get_sentences (AnnotaDocument *self)
{
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), NULL);
  return self->sentences;
}

void
annota_document_set_sentences (AnnotaDocument *self,
                               GArray         *sentences)
{
  g_return_if_fail (ANNOTA_IS_DOCUMENT (self));

  g_clear_pointer (&self->sentences, g_array_unref);
  self->sentences = sentences;
}
