/* annota-span.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document may hold hundreds of thousands of spans, so a span is a plain
 * GObject with its fields inline: interned label and origin, no private
 * struct, no hash table, a single pointer back to its store node.
 */
#define G_LOG_DOMAIN "annota"

#include "config.h"

#include "annota-span.h"
#include "annota-span-private.h"
#include "annota-span-store-private.h"

struct _AnnotaSpan
{
  GObject              parent_instance;

  guint                start;
  guint                end;
  const char          *label;
  const char          *origin;
  double               score;
  char                *note;
  char                *extra;
  AnnotaSpanStoreNode *node;
  guint8               status;
  guint8               reviewed : 1;
  guint8               mark : 1;
};

G_DEFINE_FINAL_TYPE (AnnotaSpan, annota_span, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_START,
  PROP_END,
  PROP_LABEL,
  PROP_STATUS,
  PROP_ORIGIN,
  PROP_SCORE,
  PROP_NOTE,
  PROP_EXTRA,
  PROP_REVIEWED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
annota_span_status_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { ANNOTA_SPAN_STATUS_SUGGESTED, "ANNOTA_SPAN_STATUS_SUGGESTED", "suggested" },
        { ANNOTA_SPAN_STATUS_ACCEPTED, "ANNOTA_SPAN_STATUS_ACCEPTED", "accepted" },
        { ANNOTA_SPAN_STATUS_REJECTED, "ANNOTA_SPAN_STATUS_REJECTED", "rejected" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("AnnotaSpanStatus"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static inline gboolean
status_is_valid (AnnotaSpanStatus status)
{
  return (guint) status <= ANNOTA_SPAN_STATUS_REJECTED;
}

/* A score is either in use (>= 0) or "none", stored as -1; NaN counts as none. */
static inline double
normalize_score (double score)
{
  return score >= 0 ? score : -1.0;
}

static void
annota_span_finalize (GObject *object)
{
  AnnotaSpan *self = (AnnotaSpan *) object;

  /* The store holds a reference, so a span in a store cannot die. */
  g_assert (self->node == NULL);

  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->extra, g_free);

  G_OBJECT_CLASS (annota_span_parent_class)->finalize (object);
}

static void
annota_span_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AnnotaSpan *self = ANNOTA_SPAN (object);

  switch (prop_id)
    {
    case PROP_START:
      g_value_set_uint (value, self->start);
      break;

    case PROP_END:
      g_value_set_uint (value, self->end);
      break;

    case PROP_LABEL:
      g_value_set_static_string (value, self->label);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_ORIGIN:
      g_value_set_static_string (value, self->origin);
      break;

    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_EXTRA:
      g_value_set_string (value, self->extra);
      break;

    case PROP_REVIEWED:
      g_value_set_boolean (value, self->reviewed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_span_class_init (AnnotaSpanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = annota_span_finalize;
  object_class->get_property = annota_span_get_property;

  /* Read-only: spans change only through annota-span-private.h. */
  properties[PROP_START] =
    g_param_spec_uint ("start", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_END] =
    g_param_spec_uint ("end", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       ANNOTA_TYPE_SPAN_STATUS,
                       ANNOTA_SPAN_STATUS_ACCEPTED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ORIGIN] =
    g_param_spec_string ("origin", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL,
                         -1.0, G_MAXDOUBLE, -1.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EXTRA] =
    g_param_spec_string ("extra", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REVIEWED] =
    g_param_spec_boolean ("reviewed", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
annota_span_init (AnnotaSpan *self)
{
  self->status = ANNOTA_SPAN_STATUS_ACCEPTED;
  self->score = -1.0;
}

/* Offsets are not checked here: loaders build spans from file values and
 * AnnotaDocument reports bad ones with a GError. */
AnnotaSpan *
annota_span_new (guint             start,
                 guint             end,
                 const char       *label,
                 AnnotaSpanStatus  status,
                 const char       *origin,
                 double            score)
{
  AnnotaSpan *self;

  g_return_val_if_fail (status_is_valid (status), NULL);

  self = g_object_new (ANNOTA_TYPE_SPAN, NULL);
  self->start = start;
  self->end = end;
  self->label = g_intern_string (label);
  self->status = status;
  self->origin = g_intern_string (origin);
  self->score = normalize_score (score);

  return self;
}

/* g_intern_string() takes a global lock and hashes the string: a loader
 * interns each distinct label and origin once, not twice per span. */
AnnotaSpan *
_annota_span_new_interned (guint             start,
                           guint             end,
                           const char       *label,
                           AnnotaSpanStatus  status,
                           const char       *origin,
                           double            score)
{
  AnnotaSpan *self;

  g_return_val_if_fail (status_is_valid (status), NULL);

  self = g_object_new (ANNOTA_TYPE_SPAN, NULL);
  self->start = start;
  self->end = end;
  self->label = label;
  self->status = status;
  self->origin = origin;
  self->score = normalize_score (score);

  return self;
}

void
_annota_span_get_fields (AnnotaSpan       *self,
                         guint            *start,
                         guint            *end,
                         const char      **label,
                         AnnotaSpanStatus *status)
{
  *start = self->start;
  *end = self->end;
  *label = self->label;
  *status = self->status;
}

guint
annota_span_get_start (AnnotaSpan *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (self), 0);

  return self->start;
}

guint
annota_span_get_end (AnnotaSpan *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (self), 0);

  return self->end;
}

guint
annota_span_get_length (AnnotaSpan *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (self), 0);

  return self->end > self->start ? self->end - self->start : 0;
}

const char *
annota_span_get_label (AnnotaSpan *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (self), NULL);

  return self->label;
}

AnnotaSpanStatus
annota_span_get_status (AnnotaSpan *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (self), ANNOTA_SPAN_STATUS_ACCEPTED);

  return self->status;
}

const char *
annota_span_get_origin (AnnotaSpan *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (self), NULL);

  return self->origin;
}

gboolean
annota_span_has_score (AnnotaSpan *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (self), FALSE);

  return self->score >= 0;
}

double
annota_span_get_score (AnnotaSpan *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (self), -1.0);

  return self->score;
}

const char *
annota_span_get_note (AnnotaSpan *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (self), NULL);

  return self->note;
}

const char *
annota_span_get_extra (AnnotaSpan *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (self), NULL);

  return self->extra;
}

gboolean
annota_span_get_reviewed (AnnotaSpan *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (self), FALSE);

  return self->reviewed;
}

/* The copy is in no store. */
AnnotaSpan *
annota_span_copy (AnnotaSpan *self)
{
  AnnotaSpan *copy;

  g_return_val_if_fail (ANNOTA_IS_SPAN (self), NULL);

  copy = g_object_new (ANNOTA_TYPE_SPAN, NULL);
  copy->start = self->start;
  copy->end = self->end;
  copy->label = self->label;
  copy->status = self->status;
  copy->origin = self->origin;
  copy->score = self->score;
  copy->note = g_strdup (self->note);
  copy->extra = g_strdup (self->extra);
  copy->reviewed = self->reviewed;

  return copy;
}

static inline int
compare_labels (const char *a,
                const char *b)
{
  /* Interned: equal strings are the same pointer. */
  if (a == b)
    return 0;

  return g_strcmp0 (a, b);
}

int
annota_span_compare (AnnotaSpan *a,
                     AnnotaSpan *b)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (a), 0);
  g_return_val_if_fail (ANNOTA_IS_SPAN (b), 0);

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;

  return compare_labels (a->label, b->label);
}

gboolean
annota_span_equal (AnnotaSpan *a,
                   AnnotaSpan *b)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN (a), FALSE);
  g_return_val_if_fail (ANNOTA_IS_SPAN (b), FALSE);

  return a->start == b->start &&
         a->end == b->end &&
         a->label == b->label &&
         a->status == b->status &&
         a->origin == b->origin &&
         a->score == b->score &&
         g_strcmp0 (a->note, b->note) == 0;
}

enum {
  KEY_START = 1 << 0,
  KEY_END   = 1 << 1,
  KEY_LABEL = 1 << 2,
};

static guint
replace_key (AnnotaSpan *self,
             guint       start,
             guint       end,
             const char *label)
{
  guint changed = 0;

  label = g_intern_string (label);

  if (self->start != start)
    changed |= KEY_START;
  if (self->end != end)
    changed |= KEY_END;
  if (self->label != label)
    changed |= KEY_LABEL;

  self->start = start;
  self->end = end;
  self->label = label;

  return changed;
}

static void
notify_key (AnnotaSpan *self,
            guint       changed)
{
  if (changed & KEY_START)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
  if (changed & KEY_END)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
  if (changed & KEY_LABEL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

void
_annota_span_set_range (AnnotaSpan *self,
                        guint       start,
                        guint       end)
{
  g_return_if_fail (ANNOTA_IS_SPAN (self));
  g_return_if_fail (self->node == NULL);

  notify_key (self, replace_key (self, start, end, self->label));
}

void
_annota_span_set_label (AnnotaSpan *self,
                        const char *label)
{
  g_return_if_fail (ANNOTA_IS_SPAN (self));
  g_return_if_fail (self->node == NULL);

  notify_key (self, replace_key (self, self->start, self->end, label));
}

void
_annota_span_set_status (AnnotaSpan       *self,
                         AnnotaSpanStatus  status)
{
  g_return_if_fail (ANNOTA_IS_SPAN (self));
  g_return_if_fail (status_is_valid (status));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
_annota_span_set_origin (AnnotaSpan *self,
                         const char *origin)
{
  g_return_if_fail (ANNOTA_IS_SPAN (self));

  origin = g_intern_string (origin);
  if (self->origin == origin)
    return;

  self->origin = origin;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN]);
}

void
_annota_span_set_score (AnnotaSpan *self,
                        double      score)
{
  g_return_if_fail (ANNOTA_IS_SPAN (self));

  score = normalize_score (score);
  if (self->score == score)
    return;

  self->score = score;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

void
_annota_span_set_note (AnnotaSpan *self,
                       const char *note)
{
  g_return_if_fail (ANNOTA_IS_SPAN (self));

  if (replace_string (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

void
_annota_span_set_extra (AnnotaSpan *self,
                        const char *extra_json)
{
  g_return_if_fail (ANNOTA_IS_SPAN (self));

  if (replace_string (&self->extra, extra_json))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA]);
}

void
_annota_span_set_reviewed (AnnotaSpan *self,
                           gboolean    reviewed)
{
  g_return_if_fail (ANNOTA_IS_SPAN (self));

  reviewed = !!reviewed;
  if (self->reviewed == (guint) reviewed)
    return;

  self->reviewed = reviewed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWED]);
}

AnnotaSpanStoreNode *
_annota_span_get_store_node (AnnotaSpan *self)
{
  return self->node;
}

void
_annota_span_set_store_node (AnnotaSpan          *self,
                             AnnotaSpanStoreNode *node)
{
  self->node = node;
}

gboolean
_annota_span_get_mark (AnnotaSpan *self)
{
  return self->mark;
}

void
_annota_span_set_mark (AnnotaSpan *self,
                       gboolean    mark)
{
  self->mark = !!mark;
}

void
_annota_span_get_key (AnnotaSpan  *self,
                      guint       *start,
                      guint       *end,
                      const char **label)
{
  *start = self->start;
  *end = self->end;
  *label = self->label;
}

guint
_annota_span_replace_key (AnnotaSpan *self,
                          guint       start,
                          guint       end,
                          const char *label)
{
  return replace_key (self, start, end, label);
}

void
_annota_span_notify_key (AnnotaSpan *self,
                         guint       changed)
{
  notify_key (self, changed);
}
