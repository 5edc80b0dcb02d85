/* annota-label-set.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "annota-label-set.h"

struct _AnnotaLabelSet
{
  GObject     parent_instance;
  GPtrArray  *labels;   /* AnnotaLabel, owned */
  GHashTable *by_id;    /* id → AnnotaLabel, borrowed */
  GHashTable *by_key;   /* key → AnnotaLabel, borrowed; first label wins */
};

static void annota_label_set_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AnnotaLabelSet, annota_label_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      annota_label_set_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
annota_label_set_get_item_type (GListModel *model)
{
  return ANNOTA_TYPE_LABEL;
}

static guint
annota_label_set_get_n_items (GListModel *model)
{
  return ANNOTA_LABEL_SET (model)->labels->len;
}

static gpointer
annota_label_set_get_item (GListModel *model,
                           guint       position)
{
  AnnotaLabelSet *self = ANNOTA_LABEL_SET (model);

  if (position >= self->labels->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->labels, position));
}

static void
annota_label_set_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = annota_label_set_get_item_type;
  iface->get_n_items = annota_label_set_get_n_items;
  iface->get_item = annota_label_set_get_item;
}

static void
items_changed (AnnotaLabelSet *self,
               guint           position,
               guint           removed,
               guint           added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
rebuild_keys (AnnotaLabelSet *self)
{
  g_hash_table_remove_all (self->by_key);
  for (guint i = 0; i < self->labels->len; i++)
    {
      AnnotaLabel *label = g_ptr_array_index (self->labels, i);
      const char *key = annota_label_get_key (label);

      if (key != NULL && !g_hash_table_contains (self->by_key, key))
        g_hash_table_insert (self->by_key, g_strdup (key), label);
    }
}

static void
on_label_key_changed (AnnotaLabel    *label,
                      GParamSpec     *pspec,
                      AnnotaLabelSet *self)
{
  rebuild_keys (self);
}

static void
annota_label_set_dispose (GObject *object)
{
  AnnotaLabelSet *self = ANNOTA_LABEL_SET (object);

  for (guint i = 0; i < self->labels->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->labels, i),
                                          on_label_key_changed, self);
  g_ptr_array_set_size (self->labels, 0);
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->by_key);

  G_OBJECT_CLASS (annota_label_set_parent_class)->dispose (object);
}

static void
annota_label_set_finalize (GObject *object)
{
  AnnotaLabelSet *self = ANNOTA_LABEL_SET (object);

  g_ptr_array_unref (self->labels);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->by_key);

  G_OBJECT_CLASS (annota_label_set_parent_class)->finalize (object);
}

static void
annota_label_set_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AnnotaLabelSet *self = ANNOTA_LABEL_SET (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->labels->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_label_set_class_init (AnnotaLabelSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = annota_label_set_dispose;
  object_class->finalize = annota_label_set_finalize;
  object_class->get_property = annota_label_set_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
annota_label_set_init (AnnotaLabelSet *self)
{
  self->labels = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

AnnotaLabelSet *
annota_label_set_new (void)
{
  return g_object_new (ANNOTA_TYPE_LABEL_SET, NULL);
}

AnnotaLabelSet *
annota_label_set_new_default (void)
{
  static const struct { const char *id; const char *name; } defaults[] = {
    { "PER", N_("Person") },
    { "LOC", N_("Location") },
    { "ORG", N_("Organization") },
    { "MISC", N_("Miscellaneous") },
  };
  AnnotaLabelSet *self = annota_label_set_new ();

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      char key[2] = { (char) ('1' + i), '\0' };
      g_autoptr(AnnotaLabel) label = annota_label_new (defaults[i].id,
                                                       g_dgettext (GETTEXT_PACKAGE, defaults[i].name),
                                                       annota_label_default_color (i), key);
      annota_label_set_append (self, label, NULL);
    }
  return self;
}

guint
annota_label_set_get_n_labels (AnnotaLabelSet *self)
{
  g_return_val_if_fail (ANNOTA_IS_LABEL_SET (self), 0);
  return self->labels->len;
}

AnnotaLabel *
annota_label_set_peek (AnnotaLabelSet *self,
                       guint           position)
{
  g_return_val_if_fail (ANNOTA_IS_LABEL_SET (self), NULL);

  if (position >= self->labels->len)
    return NULL;
  return g_ptr_array_index (self->labels, position);
}

AnnotaLabel *
annota_label_set_lookup (AnnotaLabelSet *self,
                         const char     *id)
{
  g_return_val_if_fail (ANNOTA_IS_LABEL_SET (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

AnnotaLabel *
annota_label_set_lookup_key (AnnotaLabelSet *self,
                             const char     *key)
{
  g_return_val_if_fail (ANNOTA_IS_LABEL_SET (self), NULL);

  if (key == NULL || *key == '\0')
    return NULL;
  return g_hash_table_lookup (self->by_key, key);
}

gboolean
annota_label_set_find (AnnotaLabelSet *self,
                       const char     *id,
                       guint          *position)
{
  AnnotaLabel *label;

  g_return_val_if_fail (ANNOTA_IS_LABEL_SET (self), FALSE);

  label = annota_label_set_lookup (self, id);
  if (label == NULL)
    return FALSE;
  return g_ptr_array_find (self->labels, label, position);
}

gboolean
annota_label_set_insert (AnnotaLabelSet *self,
                         guint           position,
                         AnnotaLabel    *label,
                         GError        **error)
{
  const char *id;

  g_return_val_if_fail (ANNOTA_IS_LABEL_SET (self), FALSE);
  g_return_val_if_fail (ANNOTA_IS_LABEL (label), FALSE);

  id = annota_label_get_id (label);
  if (g_hash_table_contains (self->by_id, id))
    {
      g_set_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_DUPLICATE,
                   _("There is already a label “%s”"), id);
      return FALSE;
    }

  position = MIN (position, self->labels->len);
  g_ptr_array_insert (self->labels, position, g_object_ref (label));
  g_hash_table_insert (self->by_id, (gpointer) id, label);
  g_signal_connect (label, "notify::key", G_CALLBACK (on_label_key_changed), self);
  rebuild_keys (self);
  items_changed (self, position, 0, 1);
  return TRUE;
}

gboolean
annota_label_set_append (AnnotaLabelSet *self,
                         AnnotaLabel    *label,
                         GError        **error)
{
  g_return_val_if_fail (ANNOTA_IS_LABEL_SET (self), FALSE);
  return annota_label_set_insert (self, self->labels->len, label, error);
}

gboolean
annota_label_set_remove (AnnotaLabelSet *self,
                         const char     *id)
{
  AnnotaLabel *label;
  guint position;

  g_return_val_if_fail (ANNOTA_IS_LABEL_SET (self), FALSE);

  label = annota_label_set_lookup (self, id);
  if (label == NULL || !g_ptr_array_find (self->labels, label, &position))
    return FALSE;

  g_signal_handlers_disconnect_by_func (label, on_label_key_changed, self);
  g_hash_table_remove (self->by_id, id);
  g_ptr_array_remove_index (self->labels, position);
  rebuild_keys (self);
  items_changed (self, position, 1, 0);
  return TRUE;
}

void
annota_label_set_merge (AnnotaLabelSet *self,
                        AnnotaLabelSet *other)
{
  guint first, added = 0;

  g_return_if_fail (ANNOTA_IS_LABEL_SET (self));
  g_return_if_fail (ANNOTA_IS_LABEL_SET (other));

  first = self->labels->len;
  for (guint i = 0; i < other->labels->len; i++)
    {
      AnnotaLabel *label = g_ptr_array_index (other->labels, i);
      AnnotaLabel *copy;

      if (g_hash_table_contains (self->by_id, annota_label_get_id (label)))
        continue;
      copy = annota_label_copy (label);
      g_ptr_array_add (self->labels, copy);
      g_hash_table_insert (self->by_id, (gpointer) annota_label_get_id (copy), copy);
      g_signal_connect (copy, "notify::key", G_CALLBACK (on_label_key_changed), self);
      added++;
    }
  if (added > 0)
    {
      rebuild_keys (self);
      items_changed (self, first, 0, added);
    }
}

void
_annota_label_set_rekey (AnnotaLabelSet *self)
{
  g_return_if_fail (ANNOTA_IS_LABEL_SET (self));
  rebuild_keys (self);
}
