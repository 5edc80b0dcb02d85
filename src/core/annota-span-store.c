/* annota-span-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AVL tree of spans in (start, end, label) order. Each node knows its
 * parent, the size of its subtree (positions in O(log n)) and the maximal
 * end in its subtree (interval queries skip whole subtrees that end before
 * the range). Each span points back at its node, so finding, removing and
 * moving a span never searches. The nodes of splice_all() come in one
 * block, which goes when its last node does.
 */
#define G_LOG_DOMAIN "annota"

#include "config.h"

#include <string.h>

#include "annota-span-store.h"
#include "annota-span-store-private.h"

struct _AnnotaSpanStoreNode
{
  AnnotaSpanStoreNode *left;
  AnnotaSpanStoreNode *right;
  AnnotaSpanStoreNode *parent;
  AnnotaSpan          *span;
  guint                size;
  guint                max_end;
  guint                height;
  guint                block;   /* index + 1 in the store's blocks, or 0 */
};

typedef AnnotaSpanStoreNode Node;

struct _AnnotaSpanStore
{
  GObject  parent_instance;

  Node    *root;

  /* The node get_item() found last, so that walking the model in order
   * costs O(1) per item instead of a descent from the root. */
  Node    *cursor;
  guint    cursor_pos;

  /* Non-zero while foreach_in_range() runs: the tree must not change. */
  guint    busy;

  /* NodeBlock: the nodes of a splice_all(), allocated at once. */
  GArray  *blocks;
};

typedef struct
{
  Node  *nodes;
  guint  live;
} NodeBlock;

typedef struct
{
  guint       start;
  guint       end;
  const char *label;
} Key;

/* A span in splice_all(): start and end in one integer that sorts as the
 * pair does, the label, and the span's index in the caller's array. */
typedef struct
{
  guint64     offsets;
  const char *label;
  guint       index;
} SortItem;

static void annota_span_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AnnotaSpanStore, annota_span_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      annota_span_store_list_model_init))

static inline void
span_key (AnnotaSpan *span,
          Key        *key)
{
  _annota_span_get_key (span, &key->start, &key->end, &key->label);
}

static inline int
key_compare (const Key *a,
             const Key *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  /* Labels are interned: equal strings are the same pointer. */
  if (a->label == b->label)
    return 0;
  return g_strcmp0 (a->label, b->label);
}

static inline guint
node_size (Node *n)
{
  return n != NULL ? n->size : 0;
}

static inline guint
node_height (Node *n)
{
  return n != NULL ? n->height : 0;
}

static inline void
node_update (Node *n)
{
  Key key;
  guint max_end;
  guint height = 0;
  guint size = 1;

  span_key (n->span, &key);
  max_end = key.end;

  if (n->left != NULL)
    {
      size += n->left->size;
      max_end = MAX (max_end, n->left->max_end);
      height = n->left->height;
    }

  if (n->right != NULL)
    {
      size += n->right->size;
      max_end = MAX (max_end, n->right->max_end);
      height = MAX (height, n->right->height);
    }

  n->size = size;
  n->max_end = max_end;
  n->height = height + 1;
}

static inline void
replace_child (AnnotaSpanStore *self,
               Node            *parent,
               Node            *old_child,
               Node            *new_child)
{
  if (parent == NULL)
    self->root = new_child;
  else if (parent->left == old_child)
    parent->left = new_child;
  else
    parent->right = new_child;

  if (new_child != NULL)
    new_child->parent = parent;
}

static Node *
rotate_right (AnnotaSpanStore *self,
              Node            *x)
{
  Node *y = x->left;

  x->left = y->right;
  if (y->right != NULL)
    y->right->parent = x;
  replace_child (self, x->parent, x, y);
  y->right = x;
  x->parent = y;

  node_update (x);
  node_update (y);

  return y;
}

static Node *
rotate_left (AnnotaSpanStore *self,
             Node            *x)
{
  Node *y = x->right;

  x->right = y->left;
  if (y->left != NULL)
    y->left->parent = x;
  replace_child (self, x->parent, x, y);
  y->left = x;
  x->parent = y;

  node_update (x);
  node_update (y);

  return y;
}

/* Restores the AVL balance at n, whose subtrees are balanced and up to
 * date, and returns the node now at n's place. */
static Node *
rebalance (AnnotaSpanStore *self,
           Node            *n)
{
  guint hl = node_height (n->left);
  guint hr = node_height (n->right);

  if (hl > hr + 1)
    {
      if (node_height (n->left->left) < node_height (n->left->right))
        rotate_left (self, n->left);
      return rotate_right (self, n);
    }

  if (hr > hl + 1)
    {
      if (node_height (n->right->right) < node_height (n->right->left))
        rotate_right (self, n->right);
      return rotate_left (self, n);
    }

  node_update (n);

  return n;
}

/* Sizes change on the whole path, so the walk always goes up to the root. */
static void
fix_up (AnnotaSpanStore *self,
        Node            *n)
{
  while (n != NULL)
    n = rebalance (self, n)->parent;
}

/* Returns the root of the tree that holds n, and n's position in it. */
static Node *
node_position (Node  *n,
               guint *position)
{
  guint pos = node_size (n->left);

  while (n->parent != NULL)
    {
      if (n == n->parent->right)
        pos += node_size (n->parent->left) + 1;
      n = n->parent;
    }

  *position = pos;

  return n;
}

static Node *
node_at (Node  *n,
         guint  position)
{
  while (n != NULL)
    {
      guint left_size = node_size (n->left);

      if (position < left_size)
        {
          n = n->left;
        }
      else if (position == left_size)
        {
          return n;
        }
      else
        {
          position -= left_size + 1;
          n = n->right;
        }
    }

  return NULL;
}

static Node *
node_next (Node *n)
{
  if (n->right != NULL)
    {
      n = n->right;
      while (n->left != NULL)
        n = n->left;
      return n;
    }

  while (n->parent != NULL && n == n->parent->right)
    n = n->parent;

  return n->parent;
}

static Node *
node_prev (Node *n)
{
  if (n->left != NULL)
    {
      n = n->left;
      while (n->right != NULL)
        n = n->right;
      return n;
    }

  while (n->parent != NULL && n == n->parent->left)
    n = n->parent;

  return n->parent;
}

/* The node of span if the span is in this store, with its position. */
static Node *
lookup_span (AnnotaSpanStore *self,
             AnnotaSpan      *span,
             guint           *position)
{
  Node *n = _annota_span_get_store_node (span);

  if (n == NULL || node_position (n, position) != self->root)
    return NULL;

  return n;
}

static Node *
lookup_position (AnnotaSpanStore *self,
                 guint            position)
{
  Node *n = NULL;

  if (position >= node_size (self->root))
    return NULL;

  if (self->cursor != NULL)
    {
      if (position == self->cursor_pos)
        n = self->cursor;
      else if (position == self->cursor_pos + 1)
        n = node_next (self->cursor);
      else if (position + 1 == self->cursor_pos)
        n = node_prev (self->cursor);
    }

  if (n == NULL)
    n = node_at (self->root, position);

  self->cursor = n;
  self->cursor_pos = position;

  return n;
}

static void
tree_changed (AnnotaSpanStore *self)
{
  self->cursor = NULL;
}

static void
node_free (AnnotaSpanStore *self,
           Node            *node)
{
  NodeBlock *block;

  if (node->block == 0)
    {
      g_free (node);
      return;
    }

  block = &g_array_index (self->blocks, NodeBlock, node->block - 1);
  if (--block->live == 0)
    g_clear_pointer (&block->nodes, g_free);
}

/* A block of n nodes, which know it. */
static Node *
block_new (AnnotaSpanStore *self,
           guint            n)
{
  NodeBlock *block = NULL;
  guint i;

  if (self->blocks == NULL)
    self->blocks = g_array_new (FALSE, FALSE, sizeof (NodeBlock));
  for (i = 0; i < self->blocks->len; i++)
    if (g_array_index (self->blocks, NodeBlock, i).nodes == NULL)
      {
        block = &g_array_index (self->blocks, NodeBlock, i);
        break;
      }
  if (block == NULL)
    {
      g_array_set_size (self->blocks, self->blocks->len + 1);
      block = &g_array_index (self->blocks, NodeBlock, i);
    }

  block->nodes = g_new (Node, n);
  block->live = n;
  for (guint k = 0; k < n; k++)
    block->nodes[k].block = i + 1;
  return block->nodes;
}

/* Takes the reference on span; returns its position. Equal keys go after
 * the ones already there. */
static guint
tree_insert (AnnotaSpanStore *self,
             AnnotaSpan      *span)
{
  Node **link = &self->root;
  Node *parent = NULL;
  Node *node;
  guint position = 0;
  Key key;

  span_key (span, &key);

  while (*link != NULL)
    {
      Key other;

      parent = *link;
      span_key (parent->span, &other);

      if (key_compare (&key, &other) < 0)
        {
          link = &parent->left;
        }
      else
        {
          position += node_size (parent->left) + 1;
          link = &parent->right;
        }
    }

  node = g_new0 (Node, 1);
  node->span = span;
  node->parent = parent;
  node_update (node);
  *link = node;
  _annota_span_set_store_node (span, node);

  fix_up (self, parent);
  tree_changed (self);

  return position;
}

/* Unlinks node and returns its span with the store's reference. */
static AnnotaSpan *
tree_remove (AnnotaSpanStore *self,
             Node            *node)
{
  AnnotaSpan *span = node->span;
  Node *child;
  Node *parent;

  _annota_span_set_store_node (span, NULL);

  /* A node with two children takes its successor's span, and the
   * successor's node, which has at most one child, goes instead. */
  if (node->left != NULL && node->right != NULL)
    {
      Node *next = node->right;

      while (next->left != NULL)
        next = next->left;

      node->span = next->span;
      _annota_span_set_store_node (node->span, node);
      node = next;
    }

  child = node->left != NULL ? node->left : node->right;
  parent = node->parent;
  replace_child (self, parent, node, child);
  node_free (self, node);

  fix_up (self, parent);
  tree_changed (self);

  return span;
}

/* Frees the nodes and drops their references. A span that another tree
 * already points at (splice_all() of spans that were in the store) keeps
 * its new back-pointer. */
static void
tree_free (AnnotaSpanStore *self,
           Node            *n)
{
  while (n != NULL)
    {
      Node *right = n->right;

      tree_free (self, n->left);

      if (_annota_span_get_store_node (n->span) == n)
        _annota_span_set_store_node (n->span, NULL);
      g_object_unref (n->span);
      node_free (self, n);

      n = right;
    }
}

/* Links nodes[lo, hi), which hold the sorted spans and their ends in
 * max_end, into a perfectly balanced tree. */
static Node *
tree_build (Node  *nodes,
            guint  lo,
            guint  hi)
{
  Node *n;
  guint mid;
  guint max_end;

  if (lo >= hi)
    return NULL;

  mid = lo + (hi - lo) / 2;
  n = &nodes[mid];
  n->parent = NULL;
  n->left = tree_build (nodes, lo, mid);
  n->right = tree_build (nodes, mid + 1, hi);

  /* As node_update(), but with the end at hand instead of in the span. */
  max_end = n->max_end;
  n->size = 1;
  n->height = 1;
  if (n->left != NULL)
    {
      n->left->parent = n;
      n->size += n->left->size;
      max_end = MAX (max_end, n->left->max_end);
      n->height = n->left->height + 1;
    }
  if (n->right != NULL)
    {
      n->right->parent = n;
      n->size += n->right->size;
      max_end = MAX (max_end, n->right->max_end);
      n->height = MAX (n->height, n->right->height + 1);
    }
  n->max_end = max_end;

  return n;
}

static void
emit_items_changed (AnnotaSpanStore *self,
                    guint            position,
                    guint            removed,
                    guint            added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static GType
annota_span_store_get_item_type (GListModel *model)
{
  return ANNOTA_TYPE_SPAN;
}

static guint
annota_span_store_get_n_items (GListModel *model)
{
  AnnotaSpanStore *self = ANNOTA_SPAN_STORE (model);

  return node_size (self->root);
}

static gpointer
annota_span_store_get_item (GListModel *model,
                            guint       position)
{
  AnnotaSpanStore *self = ANNOTA_SPAN_STORE (model);
  Node *n = lookup_position (self, position);

  return n != NULL ? g_object_ref (n->span) : NULL;
}

static void
annota_span_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = annota_span_store_get_item_type;
  iface->get_n_items = annota_span_store_get_n_items;
  iface->get_item = annota_span_store_get_item;
}

static void
annota_span_store_dispose (GObject *object)
{
  AnnotaSpanStore *self = (AnnotaSpanStore *) object;
  Node *root = g_steal_pointer (&self->root);

  tree_changed (self);
  tree_free (self, root);

  G_OBJECT_CLASS (annota_span_store_parent_class)->dispose (object);
}

static void
annota_span_store_finalize (GObject *object)
{
  AnnotaSpanStore *self = (AnnotaSpanStore *) object;

  /* Every node went with the tree, and every block with its last node. */
  g_clear_pointer (&self->blocks, g_array_unref);

  G_OBJECT_CLASS (annota_span_store_parent_class)->finalize (object);
}

static void
annota_span_store_class_init (AnnotaSpanStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = annota_span_store_dispose;
  object_class->finalize = annota_span_store_finalize;
}

static void
annota_span_store_init (AnnotaSpanStore *self)
{
}

AnnotaSpanStore *
annota_span_store_new (void)
{
  return g_object_new (ANNOTA_TYPE_SPAN_STORE, NULL);
}

guint
annota_span_store_get_n_spans (AnnotaSpanStore *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN_STORE (self), 0);

  return node_size (self->root);
}

AnnotaSpan *
annota_span_store_peek (AnnotaSpanStore *self,
                        guint            position)
{
  Node *n;

  g_return_val_if_fail (ANNOTA_IS_SPAN_STORE (self), NULL);

  n = lookup_position (self, position);

  return n != NULL ? n->span : NULL;
}

/* Returns G_MAXUINT when the span cannot be inserted. */
guint
annota_span_store_insert (AnnotaSpanStore *self,
                          AnnotaSpan      *span)
{
  guint position;

  g_return_val_if_fail (ANNOTA_IS_SPAN_STORE (self), G_MAXUINT);
  g_return_val_if_fail (ANNOTA_IS_SPAN (span), G_MAXUINT);
  g_return_val_if_fail (_annota_span_get_store_node (span) == NULL, G_MAXUINT);
  g_return_val_if_fail (self->busy == 0, G_MAXUINT);

  position = tree_insert (self, g_object_ref (span));
  emit_items_changed (self, position, 0, 1);

  return position;
}

gboolean
annota_span_store_remove (AnnotaSpanStore *self,
                          AnnotaSpan      *span)
{
  Node *node;
  guint position;

  g_return_val_if_fail (ANNOTA_IS_SPAN_STORE (self), FALSE);
  g_return_val_if_fail (ANNOTA_IS_SPAN (span), FALSE);
  g_return_val_if_fail (self->busy == 0, FALSE);

  node = lookup_span (self, span, &position);
  if (node == NULL)
    return FALSE;

  span = tree_remove (self, node);
  emit_items_changed (self, position, 1, 0);
  g_object_unref (span);

  return TRUE;
}

gboolean
annota_span_store_find (AnnotaSpanStore *self,
                        AnnotaSpan      *span,
                        guint           *position)
{
  guint pos;

  g_return_val_if_fail (ANNOTA_IS_SPAN_STORE (self), FALSE);
  g_return_val_if_fail (ANNOTA_IS_SPAN (span), FALSE);

  if (lookup_span (self, span, &pos) == NULL)
    return FALSE;

  if (position != NULL)
    *position = pos;

  return TRUE;
}

/* Whether key sorts between the neighbours of node. */
static gboolean
key_fits_at (Node      *node,
             const Key *key)
{
  Node *prev = node_prev (node);
  Node *next = node_next (node);
  Key other;

  if (prev != NULL)
    {
      span_key (prev->span, &other);
      if (key_compare (&other, key) > 0)
        return FALSE;
    }

  if (next != NULL)
    {
      span_key (next->span, &other);
      if (key_compare (key, &other) > 0)
        return FALSE;
    }

  return TRUE;
}

/* A span stays where it is when its new key still fits between its
 * neighbours; otherwise it moves after the spans with an equal key, as an
 * insertion would put it. */
void
annota_span_store_update (AnnotaSpanStore *self,
                          AnnotaSpan      *span,
                          guint            start,
                          guint            end,
                          const char      *label)
{
  Node *node;
  guint position;
  guint changed;
  Key old_key;
  Key new_key = { start, end, g_intern_string (label) };

  g_return_if_fail (ANNOTA_IS_SPAN_STORE (self));
  g_return_if_fail (ANNOTA_IS_SPAN (span));
  g_return_if_fail (self->busy == 0);

  node = lookup_span (self, span, &position);
  g_return_if_fail (node != NULL);

  span_key (span, &old_key);
  if (old_key.start == new_key.start &&
      old_key.end == new_key.end &&
      old_key.label == new_key.label)
    return;

  if (key_fits_at (node, &new_key))
    {
      Node *n;

      /* The tree is consistent again before anyone hears of the change. */
      changed = _annota_span_replace_key (span, new_key.start, new_key.end, new_key.label);
      for (n = node; n != NULL; n = n->parent)
        node_update (n);

      g_object_ref (span);
      _annota_span_notify_key (span, changed);
      emit_items_changed (self, position, 1, 1);
      g_object_unref (span);
    }
  else
    {
      guint new_position;

      span = tree_remove (self, node);
      emit_items_changed (self, position, 1, 0);

      changed = _annota_span_replace_key (span, new_key.start, new_key.end, new_key.label);
      _annota_span_notify_key (span, changed);

      /* A handler may have put the span somewhere else meanwhile. */
      if (_annota_span_get_store_node (span) != NULL)
        {
          g_critical ("%s: span %p was inserted into a store while it moved",
                      G_STRFUNC, (gpointer) span);
          g_object_unref (span);
          return;
        }

      new_position = tree_insert (self, span);
      emit_items_changed (self, new_position, 0, 1);
    }
}

static gboolean
foreach_in_range (Node           *n,
                  guint           a,
                  guint           b,
                  AnnotaSpanFunc  func,
                  gpointer        user_data)
{
  while (n != NULL)
    {
      Key key;

      if (n->max_end <= a)
        return TRUE;

      if (n->left != NULL && !foreach_in_range (n->left, a, b, func, user_data))
        return FALSE;

      span_key (n->span, &key);

      /* Everything from here on in the order starts at or after b, so
       * the whole walk can stop. */
      if (key.start >= b)
        return FALSE;

      if (key.end > a && !func (n->span, user_data))
        return FALSE;

      n = n->right;
    }

  return TRUE;
}

/* The callback must not change the store. */
void
annota_span_store_foreach_in_range (AnnotaSpanStore *self,
                                    guint            a,
                                    guint            b,
                                    AnnotaSpanFunc   func,
                                    gpointer         user_data)
{
  g_return_if_fail (ANNOTA_IS_SPAN_STORE (self));
  g_return_if_fail (a <= b);
  g_return_if_fail (func != NULL);

  /* A point query [a, a) means the spans that contain a, which is
   * [a, a + 1) except that nothing can contain the largest offset. */
  if (a == b)
    {
      if (a == G_MAXUINT)
        return;
      b = a + 1;
    }

  self->busy++;
  foreach_in_range (self->root, a, b, func, user_data);
  self->busy--;
}

static gboolean
collect_span (AnnotaSpan *span,
              gpointer    user_data)
{
  g_ptr_array_add (user_data, g_object_ref (span));

  return TRUE;
}

GPtrArray *
annota_span_store_query (AnnotaSpanStore *self,
                         guint            a,
                         guint            b)
{
  GPtrArray *spans;

  g_return_val_if_fail (ANNOTA_IS_SPAN_STORE (self), NULL);
  g_return_val_if_fail (a <= b, NULL);

  spans = g_ptr_array_new_with_free_func (g_object_unref);
  annota_span_store_foreach_in_range (self, a, b, collect_span, spans);

  return spans;
}

guint
annota_span_store_lower_bound (AnnotaSpanStore *self,
                               guint            offset)
{
  Node *n;
  guint position = 0;

  g_return_val_if_fail (ANNOTA_IS_SPAN_STORE (self), 0);

  n = self->root;
  while (n != NULL)
    {
      Key key;

      span_key (n->span, &key);
      if (key.start >= offset)
        {
          n = n->left;
        }
      else
        {
          position += node_size (n->left) + 1;
          n = n->right;
        }
    }

  return position;
}

static inline int
sort_item_compare (const SortItem *a,
                   const SortItem *b)
{
  if (a->offsets != b->offsets)
    return a->offsets < b->offsets ? -1 : 1;
  if (a->label != b->label)
    return g_strcmp0 (a->label, b->label);
  return a->index < b->index ? -1 : a->index > b->index;
}

static int
sort_item_compare_func (const void *a,
                        const void *b)
{
  return sort_item_compare (a, b);
}

/* Sorts by offsets, then label, then index: equal keys keep the order the
 * caller gave them in. A merge or quick sort of 200,000 spans spends most
 * of its time on mispredicted branches; a radix sort on the offsets does
 * not, and labels only matter among spans with equal offsets, which are
 * few. */
static void
sort_items (SortItem *items,
            guint     n)
{
  g_autofree SortItem *buffer = NULL;
  guint *counts;
  SortItem *from = items;
  SortItem *to;
  guint digit;
  guint i;

  for (i = 1; i < n; i++)
    if (sort_item_compare (&items[i - 1], &items[i]) > 0)
      break;
  if (i >= n)
    return;

  counts = g_new0 (guint, 8 * 256);
  for (i = 0; i < n; i++)
    for (digit = 0; digit < 8; digit++)
      counts[digit * 256 + ((items[i].offsets >> (8 * digit)) & 0xff)]++;

  buffer = g_new (SortItem, n);
  to = buffer;

  for (digit = 0; digit < 8; digit++)
    {
      guint shift = 8 * digit;
      guint offsets[256];
      guint sum = 0;
      guint b;

      /* Offsets of a document rarely use the top bytes. */
      if (counts[digit * 256 + ((items[0].offsets >> shift) & 0xff)] == n)
        continue;

      for (b = 0; b < 256; b++)
        {
          offsets[b] = sum;
          sum += counts[digit * 256 + b];
        }

      for (i = 0; i < n; i++)
        to[offsets[(from[i].offsets >> shift) & 0xff]++] = from[i];

      {
        SortItem *swap = from;

        from = to;
        to = swap;
      }
    }

  if (from != items)
    memcpy (items, from, n * sizeof (SortItem));
  g_free (counts);

  /* The radix sort is stable, so each run of equal offsets is in index
   * order; order it by label. */
  for (i = 0; i < n;)
    {
      guint end = i + 1;
      gboolean one_label = TRUE;

      while (end < n && items[end].offsets == items[i].offsets)
        {
          if (items[end].label != items[i].label)
            one_label = FALSE;
          end++;
        }

      if (!one_label)
        qsort (&items[i], end - i, sizeof (SortItem), sort_item_compare_func);

      i = end;
    }
}

/* A span may go into the new contents when it is in no store, or in this
 * one, and was not given before. */
static gboolean
span_can_be_spliced (AnnotaSpanStore *self,
                     AnnotaSpan      *span)
{
  Node *node;
  guint position;

  if (!ANNOTA_IS_SPAN (span) || _annota_span_get_mark (span))
    return FALSE;

  node = _annota_span_get_store_node (span);

  return node == NULL || node_position (node, &position) == self->root;
}

void
annota_span_store_splice_all (AnnotaSpanStore  *self,
                              AnnotaSpan      **spans,
                              guint             n_spans)
{
  g_autofree SortItem *items = NULL;
  g_autofree guint *positions = NULL;
  Node *nodes;
  Node *old_root;
  gboolean sorted = TRUE;
  Key prev_key = { 0, 0, NULL };
  guint old_n;
  guint i;

  g_return_if_fail (ANNOTA_IS_SPAN_STORE (self));
  g_return_if_fail (spans != NULL || n_spans == 0);
  g_return_if_fail (self->busy == 0);

  old_n = node_size (self->root);
  if (old_n == 0 && n_spans == 0)
    return;

  /* Spans are touched only in the order given, which is usually the
   * order they were made in and so the order they lie in memory: visiting
   * 200,000 of them in sorted order instead would cost a cache miss each.
   * The marks find a span given twice. Spans that come sorted, as a file
   * has them, go to the nodes as they are. */
  for (i = 0; i < n_spans; i++)
    {
      AnnotaSpan *span = spans[i];
      Key key;

      if (!span_can_be_spliced (self, span))
        {
          while (i-- > 0)
            {
              _annota_span_set_mark (spans[i], FALSE);
              g_object_unref (spans[i]);
            }
          g_critical ("%s: a span is not a span, is given twice, or is in another store",
                      G_STRFUNC);
          return;
        }

      _annota_span_set_mark (span, TRUE);
      g_object_ref (span);
      span_key (span, &key);
      if (i > 0 && key_compare (&prev_key, &key) > 0)
        sorted = FALSE;
      prev_key = key;
    }

  /* The nodes lie in sorted order, so that walking the model in order
   * walks memory in order too. */
  nodes = n_spans > 0 ? block_new (self, n_spans) : NULL;
  if (sorted)
    {
      for (i = 0; i < n_spans; i++)
        {
          Key key;

          span_key (spans[i], &key);
          nodes[i].span = spans[i];
          nodes[i].max_end = key.end;
          _annota_span_set_store_node (spans[i], &nodes[i]);
          _annota_span_set_mark (spans[i], FALSE);
        }
    }
  else
    {
      items = g_new (SortItem, n_spans);
      for (i = 0; i < n_spans; i++)
        {
          Key key;

          span_key (spans[i], &key);
          items[i].offsets = ((guint64) key.start << 32) | key.end;
          items[i].label = key.label;
          items[i].index = i;
        }

      sort_items (items, n_spans);

      positions = g_new (guint, n_spans);
      for (i = 0; i < n_spans; i++)
        {
          nodes[i].span = spans[items[i].index];
          nodes[i].max_end = (guint) items[i].offsets;
          positions[items[i].index] = i;
        }
      for (i = 0; i < n_spans; i++)
        {
          _annota_span_set_store_node (spans[i], &nodes[positions[i]]);
          _annota_span_set_mark (spans[i], FALSE);
        }
    }

  /* The new tree exists before the old one goes, so that spans in both
   * keep a reference and end up pointing at their new node. */
  old_root = self->root;
  self->root = tree_build (nodes, 0, n_spans);
  tree_changed (self);
  tree_free (self, old_root);

  emit_items_changed (self, 0, old_n, n_spans);
}

void
annota_span_store_clear (AnnotaSpanStore *self)
{
  guint old_n;

  g_return_if_fail (ANNOTA_IS_SPAN_STORE (self));
  g_return_if_fail (self->busy == 0);

  old_n = node_size (self->root);
  if (old_n == 0)
    return;

  tree_free (self, g_steal_pointer (&self->root));
  tree_changed (self);

  emit_items_changed (self, 0, old_n, 0);
}

static guint
check_subtree (Node *n,
               Node *parent)
{
  Key key;
  guint max_end;
  guint size;
  guint hl;
  guint hr;

  if (n == NULL)
    return 0;

  g_assert (n->parent == parent);
  g_assert (_annota_span_get_store_node (n->span) == n);

  size = 1 + check_subtree (n->left, n) + check_subtree (n->right, n);
  g_assert_cmpuint (n->size, ==, size);

  hl = node_height (n->left);
  hr = node_height (n->right);
  g_assert_cmpuint (n->height, ==, MAX (hl, hr) + 1);
  g_assert_cmpuint (hl, <=, hr + 1);
  g_assert_cmpuint (hr, <=, hl + 1);

  span_key (n->span, &key);
  max_end = key.end;
  if (n->left != NULL)
    max_end = MAX (max_end, n->left->max_end);
  if (n->right != NULL)
    max_end = MAX (max_end, n->right->max_end);
  g_assert_cmpuint (n->max_end, ==, max_end);

  return size;
}

void
_annota_span_store_check (AnnotaSpanStore *self)
{
  Key prev_key = { 0, 0, NULL };
  Node *n;
  guint count = 0;

  g_return_if_fail (ANNOTA_IS_SPAN_STORE (self));

  check_subtree (self->root, NULL);

  for (n = node_at (self->root, 0); n != NULL; n = node_next (n))
    {
      Key key;

      span_key (n->span, &key);
      if (count > 0)
        g_assert_cmpint (key_compare (&prev_key, &key), <=, 0);
      prev_key = key;
      count++;
    }

  g_assert_cmpuint (count, ==, node_size (self->root));
}

gsize
_annota_span_store_node_size (void)
{
  return sizeof (Node);
}
