/* annota-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include "annota-history.h"

typedef struct {
  AnnotaEditFunc undo;
  AnnotaEditFunc redo;
  gpointer       data;
  GDestroyNotify destroy;
} Edit;

struct _AnnotaHistory
{
  GObject    parent_instance;
  GPtrArray *undo_steps;   /* of GPtrArray of Edit */
  GPtrArray *redo_steps;
  GPtrArray *open_step;    /* collecting edits between begin and end */
  guint      depth;
  gint64     clean_at;     /* undo_steps->len at the last save, -1 if unreachable */
  gboolean   busy;         /* replaying: recording now is a bug */
};

G_DEFINE_FINAL_TYPE (AnnotaHistory, annota_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_CLEAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  if (edit->destroy != NULL)
    edit->destroy (edit->data);
  g_free (edit);
}

static GPtrArray *
step_new (void)
{
  return g_ptr_array_new_with_free_func (edit_free);
}

typedef struct {
  gboolean can_undo;
  gboolean can_redo;
  gboolean clean;
} State;

static State
get_state (AnnotaHistory *self)
{
  return (State) {
    annota_history_can_undo (self),
    annota_history_can_redo (self),
    annota_history_is_clean (self),
  };
}

static void
notify_changes (AnnotaHistory *self,
                State          before)
{
  State after = get_state (self);

  if (before.can_undo != after.can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (before.can_redo != after.can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (before.clean != after.clean)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLEAN]);
}

static void
annota_history_finalize (GObject *object)
{
  AnnotaHistory *self = ANNOTA_HISTORY (object);

  g_clear_pointer (&self->open_step, g_ptr_array_unref);
  g_ptr_array_unref (self->undo_steps);
  g_ptr_array_unref (self->redo_steps);

  G_OBJECT_CLASS (annota_history_parent_class)->finalize (object);
}

static void
annota_history_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AnnotaHistory *self = ANNOTA_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, annota_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, annota_history_can_redo (self));
      break;
    case PROP_CLEAN:
      g_value_set_boolean (value, annota_history_is_clean (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_history_class_init (AnnotaHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = annota_history_finalize;
  object_class->get_property = annota_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CLEAN] =
    g_param_spec_boolean ("clean", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
annota_history_init (AnnotaHistory *self)
{
  self->undo_steps = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->redo_steps = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->clean_at = 0;
}

AnnotaHistory *
annota_history_new (void)
{
  return g_object_new (ANNOTA_TYPE_HISTORY, NULL);
}

static void
push_step (AnnotaHistory *self,
           GPtrArray     *step)
{
  /* A new step makes every redo impossible; if the saved point was among
   * them, it can never be reached again. */
  if (self->clean_at > (gint64) self->undo_steps->len)
    self->clean_at = -1;
  g_ptr_array_set_size (self->redo_steps, 0);
  g_ptr_array_add (self->undo_steps, step);
}

void
annota_history_record (AnnotaHistory  *self,
                       AnnotaEditFunc  undo,
                       AnnotaEditFunc  redo,
                       gpointer        edit_data,
                       GDestroyNotify  destroy)
{
  Edit *edit;
  State before;

  g_return_if_fail (ANNOTA_IS_HISTORY (self));
  g_return_if_fail (undo != NULL && redo != NULL);
  g_return_if_fail (!self->busy);

  edit = g_new0 (Edit, 1);
  edit->undo = undo;
  edit->redo = redo;
  edit->data = edit_data;
  edit->destroy = destroy;

  if (self->depth > 0)
    {
      g_ptr_array_add (self->open_step, edit);
      return;
    }

  before = get_state (self);
  {
    GPtrArray *step = step_new ();

    g_ptr_array_add (step, edit);
    push_step (self, step);
  }
  notify_changes (self, before);
}

void
annota_history_begin_step (AnnotaHistory *self)
{
  g_return_if_fail (ANNOTA_IS_HISTORY (self));

  if (self->depth++ == 0)
    self->open_step = step_new ();
}

void
annota_history_end_step (AnnotaHistory *self)
{
  GPtrArray *step;
  State before;

  g_return_if_fail (ANNOTA_IS_HISTORY (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    return;

  step = g_steal_pointer (&self->open_step);
  if (step->len == 0)
    {
      g_ptr_array_unref (step);
      return;
    }
  before = get_state (self);
  push_step (self, step);
  notify_changes (self, before);
}

gboolean
annota_history_can_undo (AnnotaHistory *self)
{
  g_return_val_if_fail (ANNOTA_IS_HISTORY (self), FALSE);
  return self->undo_steps->len > 0;
}

gboolean
annota_history_can_redo (AnnotaHistory *self)
{
  g_return_val_if_fail (ANNOTA_IS_HISTORY (self), FALSE);
  return self->redo_steps->len > 0;
}

gboolean
annota_history_undo (AnnotaHistory *self,
                     gpointer       owner)
{
  GPtrArray *step;
  State before;

  g_return_val_if_fail (ANNOTA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (self->undo_steps->len == 0)
    return FALSE;

  before = get_state (self);
  step = g_ptr_array_steal_index (self->undo_steps, self->undo_steps->len - 1);
  self->busy = TRUE;
  for (guint i = step->len; i > 0; i--)
    {
      Edit *edit = g_ptr_array_index (step, i - 1);
      edit->undo (owner, edit->data);
    }
  self->busy = FALSE;
  g_ptr_array_add (self->redo_steps, step);
  notify_changes (self, before);
  return TRUE;
}

gboolean
annota_history_redo (AnnotaHistory *self,
                     gpointer       owner)
{
  GPtrArray *step;
  State before;

  g_return_val_if_fail (ANNOTA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (self->redo_steps->len == 0)
    return FALSE;

  before = get_state (self);
  step = g_ptr_array_steal_index (self->redo_steps, self->redo_steps->len - 1);
  self->busy = TRUE;
  for (guint i = 0; i < step->len; i++)
    {
      Edit *edit = g_ptr_array_index (step, i);
      edit->redo (owner, edit->data);
    }
  self->busy = FALSE;
  g_ptr_array_add (self->undo_steps, step);
  notify_changes (self, before);
  return TRUE;
}

void
annota_history_mark_clean (AnnotaHistory *self)
{
  State before;

  g_return_if_fail (ANNOTA_IS_HISTORY (self));

  before = get_state (self);
  self->clean_at = self->undo_steps->len;
  notify_changes (self, before);
}

gboolean
annota_history_is_clean (AnnotaHistory *self)
{
  g_return_val_if_fail (ANNOTA_IS_HISTORY (self), FALSE);
  return self->clean_at == (gint64) self->undo_steps->len;
}

void
annota_history_clear (AnnotaHistory *self)
{
  State before;
  gboolean was_clean;

  g_return_if_fail (ANNOTA_IS_HISTORY (self));
  g_return_if_fail (self->depth == 0);

  before = get_state (self);
  was_clean = annota_history_is_clean (self);
  g_ptr_array_set_size (self->undo_steps, 0);
  g_ptr_array_set_size (self->redo_steps, 0);
  self->clean_at = was_clean ? 0 : -1;
  notify_changes (self, before);
}

guint
annota_history_get_n_undo (AnnotaHistory *self)
{
  g_return_val_if_fail (ANNOTA_IS_HISTORY (self), 0);
  return self->undo_steps->len;
}
