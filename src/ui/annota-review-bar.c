/* annota-review-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order of review. By position it walks the store itself, from the
 * current span, so that a step costs O(log n + k) for k spans skipped. Least
 * confident first sorts the open suggestions once and keeps that order: a
 * decision only skips its entry, and the order is made again when open
 * suggestions appear (an import, an undo).
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "annota-review-bar.h"
#include "annota-suggestions.h"
#include "annota-swatch-private.h"

#define CONTEXT_CHARS 60

struct _AnnotaReviewBar
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  GtkLabel          *before_label;
  GtkLabel          *inside_label;
  GtkLabel          *after_label;
  char              *context_text;
  GtkBox            *label_box;
  GtkLabel          *label_label;
  GtkLabel          *score_label;
  GtkLabel          *origin_label;
  GtkLabel          *conflict_label;
  GtkLabel          *status_label;
  GtkLabel          *none_label;
  GtkLabel          *done_label;
  GtkButton         *mark_done_button;
  GtkProgressBar    *progress_bar;
  GtkLabel          *progress_label;
  GtkDropDown       *order_dropdown;
  GtkMenuButton     *threshold_button;
  GtkPopover        *threshold_popover;
  GtkAdjustment     *threshold_adjustment;
  GtkLabel          *threshold_label;
  GtkWidget         *threshold_accept_button;
  GtkWidget         *swatch;

  AnnotaDocument    *document;
  GSignalGroup      *document_signals;
  AnnotaSpan        *span;
  GSignalGroup      *span_signals;
  AnnotaReviewOrder  order;

  guint              n_reviewed;
  guint              n_open;
  guint              refresh_id;

  /* The reviewed marks are counted as they change, not by a walk over the
   * store per decision: every review item is watched (notify::reviewed),
   * spans added to the store are looked at as they come, and a removal
   * (rare: a delete, a move, an undone import) asks for one recount. */
  GSignalGroup      *store_signals;
  GHashTable        *watched;      /* AnnotaSpan → signal handler id */
  gboolean           recount;
  /* Spans that left the store and did not come back (a move or relabel
   * takes a span out and puts it back). */
  guint              n_gone;

  /* Least confident first: the open suggestions, sorted when the order was
   * made, and where each is in it. */
  GPtrArray         *by_score;
  GHashTable        *score_index;

  /* Scores of the open suggestions, ascending, while the popover shows. */
  GArray            *scores;
  guint              n_above;
};

G_DEFINE_FINAL_TYPE (AnnotaReviewBar, annota_review_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPAN,
  PROP_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
annota_review_order_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { ANNOTA_REVIEW_ORDER_POSITION, "ANNOTA_REVIEW_ORDER_POSITION", "position" },
        { ANNOTA_REVIEW_ORDER_LEAST_CONFIDENT, "ANNOTA_REVIEW_ORDER_LEAST_CONFIDENT", "least-confident" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("AnnotaReviewOrder"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static AnnotaSpanStore *
get_store (AnnotaReviewBar *self)
{
  return annota_document_get_spans (self->document);
}

static gboolean
is_open (AnnotaReviewBar *self,
         AnnotaSpan      *span)
{
  return annota_span_get_status (span) == ANNOTA_SPAN_STATUS_SUGGESTED &&
         annota_span_store_find (get_store (self), span, NULL);
}

/* Counting */

static void queue_refresh (AnnotaReviewBar *self);

static void
on_reviewed_notify (AnnotaSpan      *span,
                    GParamSpec      *pspec,
                    AnnotaReviewBar *self)
{
  if (annota_span_get_reviewed (span))
    self->n_reviewed++;
  else if (self->n_reviewed > 0)
    self->n_reviewed--;
  queue_refresh (self);
}

static void
watch (AnnotaReviewBar *self,
       AnnotaSpan      *span)
{
  gulong id;

  if (g_hash_table_contains (self->watched, span))
    return;
  id = g_signal_connect (span, "notify::reviewed", G_CALLBACK (on_reviewed_notify), self);
  g_hash_table_insert (self->watched, g_object_ref (span), GSIZE_TO_POINTER ((gsize) id));
  if (annota_span_get_reviewed (span))
    self->n_reviewed++;
}

static void
unwatch_all (AnnotaReviewBar *self)
{
  GHashTableIter iter;
  gpointer span, id;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &span, &id))
    g_signal_handler_disconnect (span, (gulong) GPOINTER_TO_SIZE (id));
  g_hash_table_remove_all (self->watched);
  self->n_reviewed = 0;
}

static gboolean
is_review_item (AnnotaSpan *span)
{
  return annota_span_get_status (span) == ANNOTA_SPAN_STATUS_SUGGESTED || annota_span_get_reviewed (span);
}

static void
recount (AnnotaReviewBar *self)
{
  AnnotaSpanStore *store = get_store (self);
  guint n = annota_span_store_get_n_spans (store);

  unwatch_all (self);
  for (guint i = 0; i < n; i++)
    {
      AnnotaSpan *span = annota_span_store_peek (store, i);

      if (is_review_item (span))
        watch (self, span);
    }
  self->recount = FALSE;
  self->n_gone = 0;
}

static void
on_store_items_changed (AnnotaReviewBar *self,
                        guint            position,
                        guint            removed,
                        guint            added,
                        AnnotaSpanStore *store)
{
  /* A bulk change (a load) is counted again whole. */
  if (removed > 1 && added > 1)
    self->recount = TRUE;
  self->n_gone += removed;
  for (guint i = position; i < position + added && !self->recount; i++)
    {
      AnnotaSpan *span = annota_span_store_peek (store, i);

      if (g_hash_table_contains (self->watched, span))
        {
          /* Back after a move or a relabel: the same span. */
          if (self->n_gone > 0)
            self->n_gone--;
        }
      else if (is_review_item (span))
        watch (self, span);
    }
  queue_refresh (self);
}

/* Display */

static char *
flatten (const char *text)
{
  char *copy = g_strdup (text);

  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return copy;
}

/* The span's text with a few words either side, cut at a space. Three
 * labels, so that a narrow bar shortens the context and never the span. */
static void
update_context (AnnotaReviewBar *self,
                AnnotaSpan      *span)
{
  AnnotaText *text = annota_document_get_text (self->document);
  guint length = annota_text_get_length (text);
  guint start = annota_span_get_start (span);
  guint end = annota_span_get_end (span);
  guint a = start > CONTEXT_CHARS ? start - CONTEXT_CHARS : 0;
  guint b = MIN (length, end + CONTEXT_CHARS);
  g_autofree char *before = annota_text_substring (text, a, start);
  g_autofree char *after = annota_text_substring (text, end, b);
  g_autofree char *inside = annota_text_substring (text, start, end);
  g_autofree char *flat_before = flatten (before);
  g_autofree char *flat_after = flatten (after);
  g_autofree char *flat_inside = flatten (inside);
  g_autofree char *shown_before = NULL;
  g_autofree char *shown_after = NULL;
  const char *cut;

  /* Whole words only, at either end. */
  if (a > 0 && (cut = strchr (flat_before, ' ')) != NULL)
    shown_before = g_strconcat ("…", cut, NULL);
  else
    shown_before = g_strdup (flat_before);
  if (b < length && (cut = strrchr (flat_after, ' ')) != NULL && cut != flat_after)
    {
      g_autofree char *kept = g_strndup (flat_after, cut - flat_after);

      shown_after = g_strconcat (kept, " …", NULL);
    }
  else
    shown_after = g_strdup (flat_after);

  gtk_label_set_text (self->before_label, shown_before);
  gtk_label_set_text (self->inside_label, flat_inside);
  gtk_label_set_text (self->after_label, shown_after);
  g_free (self->context_text);
  self->context_text = g_strconcat (shown_before, "[", flat_inside, "]", shown_after, NULL);
}

typedef struct {
  AnnotaSpan *span;
  AnnotaText *text;
  GString    *names;
  guint       n;
} Conflicts;

static gboolean
conflicts_cb (AnnotaSpan *other,
              gpointer    user_data)
{
  Conflicts *c = user_data;

  if (other == c->span ||
      annota_span_get_label (other) == annota_span_get_label (c->span) ||
      annota_span_get_status (other) == ANNOTA_SPAN_STATUS_REJECTED)
    return TRUE;
  if (c->n++ < 3)
    {
      g_autofree char *covered = annota_text_substring (c->text, annota_span_get_start (other),
                                                        MIN (annota_span_get_end (other),
                                                             annota_span_get_start (other) + 30));

      if (c->names->len > 0)
        g_string_append (c->names, ", ");
      /* Translators: a span this suggestion conflicts with: its label and text. */
      g_string_append_printf (c->names, _("%s “%s”"), annota_span_get_label (other), covered);
    }
  return TRUE;
}

static void
update_conflict (AnnotaReviewBar *self,
                 AnnotaSpan      *span)
{
  Conflicts c = { span, annota_document_get_text (self->document), g_string_new (NULL), 0 };
  g_autofree char *text = NULL;
  gboolean marked = annota_suggestions_is_conflict (span);

  annota_span_store_foreach_in_range (get_store (self), annota_span_get_start (span),
                                      annota_span_get_end (span), conflicts_cb, &c);

  if (c.n > 3)
    g_string_append (c.names, "…");
  if (c.n > 0 && marked)
    /* Translators: %s lists the spans of other labels the suggestion overlaps. */
    text = g_strdup_printf (_("Conflict: %s"), c.names->str);
  else if (c.n > 0)
    /* Translators: %s lists the spans of other labels the suggestion overlaps. */
    text = g_strdup_printf (_("Overlaps %s"), c.names->str);
  else if (marked)
    text = g_strdup (_("Conflict"));

  if (marked)
    gtk_widget_add_css_class (GTK_WIDGET (self->conflict_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->conflict_label), "warning");

  gtk_label_set_label (self->conflict_label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->conflict_label),
                               !marked ? _("It overlaps spans of another label, perhaps nested in them")
                               : c.n > 0 ? _("It overlapped a span of another label when it was imported, and still does")
                                         : _("It overlapped a span of another label when it was imported"));
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_label), text != NULL);
  g_string_free (c.names, TRUE);
}

static void
update_span (AnnotaReviewBar *self)
{
  AnnotaSpan *span = self->span;
  AnnotaLabel *label;
  g_autofree char *label_text = NULL;
  char score[G_ASCII_DTOSTR_BUF_SIZE];
  const char *origin;

  if (span == NULL || self->document == NULL)
    return;

  update_context (self, span);

  label = annota_label_set_lookup (annota_document_get_labels (self->document), annota_span_get_label (span));
  _annota_swatch_set_color (self->swatch, label ? annota_label_get_color (label) : NULL);
  if (label != NULL && g_strcmp0 (annota_label_get_name (label), annota_label_get_id (label)) != 0)
    label_text = g_strdup_printf ("%s · %s", annota_label_get_id (label), annota_label_get_name (label));
  else
    label_text = g_strdup (annota_span_get_label (span));
  gtk_label_set_label (self->label_label, label_text);

  if (annota_span_has_score (span))
    g_snprintf (score, sizeof score, "%.2f", annota_span_get_score (span));
  else
    g_strlcpy (score, "–", sizeof score);
  gtk_label_set_label (self->score_label, score);

  origin = annota_span_get_origin (span);
  gtk_label_set_label (self->origin_label, origin ? origin : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->origin_label), origin);
  gtk_widget_set_visible (GTK_WIDGET (self->origin_label), origin != NULL && *origin != '\0');

  update_conflict (self, span);

  switch (annota_span_get_status (span))
    {
    case ANNOTA_SPAN_STATUS_ACCEPTED:
      gtk_label_set_label (self->status_label, _("Accepted"));
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      break;
    case ANNOTA_SPAN_STATUS_REJECTED:
      gtk_label_set_label (self->status_label, _("Rejected"));
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      break;
    case ANNOTA_SPAN_STATUS_SUGGESTED:
    default:
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
      break;
    }
}

static void
update_page (AnnotaReviewBar *self)
{
  guint n_items = self->n_reviewed + self->n_open;
  gboolean has_document = self->document != NULL;

  if (has_document && n_items > 0 && self->n_open == 0)
    {
      gboolean done = annota_document_get_state (self->document) == ANNOTA_DOCUMENT_STATE_DONE;

      gtk_label_set_label (self->done_label,
                           done ? _("All suggestions reviewed — the document is done")
                                : _("All suggestions reviewed"));
      gtk_widget_set_visible (GTK_WIDGET (self->mark_done_button), !done);
      gtk_stack_set_visible_child_name (self->stack, "done");
    }
  else if (has_document && self->span != NULL)
    {
      update_span (self);
      gtk_stack_set_visible_child_name (self->stack, "span");
    }
  else
    {
      gtk_label_set_label (self->none_label,
                           self->n_open > 0 ? _("Press J for the next suggestion, or select one in the text")
                                            : _("No suggestions to review: import a model’s predictions first"));
      gtk_stack_set_visible_child_name (self->stack, "none");
    }
}

static void
update_progress (AnnotaReviewBar *self)
{
  guint n_items = self->n_reviewed + self->n_open;
  g_autofree char *text = NULL;

  if (n_items == 0)
    text = g_strdup (_("No suggestions"));
  else
    /* Translators: "12 of 41 reviewed": review decisions made, of all suggestions. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u reviewed", "%u of %u reviewed", n_items),
                            self->n_reviewed, n_items);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, n_items ? (double) self->n_reviewed / n_items : 0.0);
}

static void
drop_score_order (AnnotaReviewBar *self)
{
  g_clear_pointer (&self->by_score, g_ptr_array_unref);
  g_clear_pointer (&self->score_index, g_hash_table_unref);
}

static void
refresh_now (AnnotaReviewBar *self)
{
  guint n_open;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->document == NULL)
    {
      self->n_open = 0;
      unwatch_all (self);
    }
  else
    {
      n_open = annota_document_count_spans (self->document, NULL, ANNOTA_SPAN_STATUS_SUGGESTED);
      /* Suggestions that were not open when the order was made. */
      if (n_open > self->n_open)
        drop_score_order (self);
      self->n_open = n_open;
      /* A recount walks the whole store: while the bar is hidden it waits
       * until the bar shows or someone asks for the figures. */
      if ((self->recount || self->n_gone > 0) && gtk_widget_get_mapped (GTK_WIDGET (self)))
        recount (self);
      /* The span shown was removed (or its addition undone). */
      if (self->span != NULL && !annota_span_store_find (get_store (self), self->span, NULL))
        {
          g_clear_object (&self->span);
          g_signal_group_set_target (self->span_signals, NULL);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPAN]);
        }
    }
  update_progress (self);
  update_page (self);
}

static gboolean
refresh_idle (gpointer data)
{
  AnnotaReviewBar *self = data;

  self->refresh_id = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

/* Many changes of one step come one by one: count once, before the next
 * frame is drawn. */
static void
queue_refresh (AnnotaReviewBar *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, refresh_idle, self, NULL);
}

/* For the getters: the figures exact now, hidden or not. */
static void
refresh_for_caller (AnnotaReviewBar *self)
{
  if (self->refresh_id != 0)
    refresh_now (self);
  if (self->document != NULL && (self->recount || self->n_gone > 0))
    {
      recount (self);
      update_progress (self);
      update_page (self);
    }
}

static void
on_map (AnnotaReviewBar *self)
{
  if (self->recount || self->n_gone > 0)
    refresh_now (self);
}

static void
on_span_changed (AnnotaReviewBar *self)
{
  update_page (self);
}

/* The order of review */

typedef struct {
  AnnotaSpan *from;
  gboolean    from_gone;
  guint       offset;
  gboolean    passed;
  AnnotaSpan *exclude;
  AnnotaSpan *found;
} Forward;

static gboolean
forward_cb (AnnotaSpan *span,
            gpointer    user_data)
{
  Forward *f = user_data;

  if (!f->passed)
    {
      if (f->from != NULL)
        {
          if (span == f->from)
            {
              f->passed = TRUE;
              return TRUE;
            }
          if (!f->from_gone || annota_span_compare (span, f->from) <= 0)
            return TRUE;
        }
      else if (annota_span_get_start (span) < f->offset)
        return TRUE;
      f->passed = TRUE;
    }
  if (span != f->exclude && annota_span_get_status (span) == ANNOTA_SPAN_STATUS_SUGGESTED)
    {
      f->found = span;
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  AnnotaSpan *from;
  gboolean    from_gone;
  guint       offset;
  gboolean    bounded;
  guint       min_start;
  AnnotaSpan *exclude;
  AnnotaSpan *last;
} Backward;

static gboolean
backward_cb (AnnotaSpan *span,
             gpointer    user_data)
{
  Backward *b = user_data;

  if (b->from != NULL)
    {
      if (span == b->from)
        return FALSE;
      if (b->from_gone && annota_span_compare (span, b->from) >= 0)
        return FALSE;
    }
  else if (b->bounded && annota_span_get_start (span) >= b->offset)
    return FALSE;
  if (span != b->exclude && annota_span_get_start (span) >= b->min_start &&
      annota_span_get_status (span) == ANNOTA_SPAN_STATUS_SUGGESTED)
    b->last = span;
  return TRUE;
}

/* The last open suggestion before the bound, in windows that grow
 * backwards from it: a span that starts before a window only counts once
 * the window reaches its start, since one starting later comes after it. */
static AnnotaSpan *
find_backward (AnnotaReviewBar *self,
               Backward        *b,
               guint            bound)
{
  AnnotaSpanStore *store = get_store (self);
  guint width = 256;

  while (bound > 0)
    {
      guint a = bound > width ? bound - width : 0;

      b->min_start = a;
      b->last = NULL;
      annota_span_store_foreach_in_range (store, a, bound, backward_cb, b);
      if (b->last != NULL || a == 0)
        return b->last;
      width *= 4;
    }
  return NULL;
}

static AnnotaSpan *
find_by_position (AnnotaReviewBar *self,
                  AnnotaSpan      *from,
                  guint            offset,
                  int              direction)
{
  AnnotaSpanStore *store = get_store (self);
  guint length = annota_document_get_length (self->document);
  gboolean from_gone = from != NULL && !annota_span_store_find (store, from, NULL);

  if (length == 0 || annota_span_store_get_n_spans (store) == 0)
    return NULL;

  if (direction > 0)
    {
      Forward f = { from, from_gone, offset, FALSE, from, NULL };
      guint a = from ? annota_span_get_start (from) : MIN (offset, length);

      if (a < length)
        annota_span_store_foreach_in_range (store, a, length, forward_cb, &f);
      if (f.found == NULL)
        {
          Forward wrap = { NULL, FALSE, 0, FALSE, from, NULL };

          annota_span_store_foreach_in_range (store, 0, length, forward_cb, &wrap);
          f.found = wrap.found;
        }
      return f.found;
    }
  else
    {
      Backward b = { from, from_gone, offset, TRUE, 0, from, NULL };
      AnnotaSpan *found;
      guint bound = from ? MIN (annota_span_get_start (from) + 1, length) : MIN (offset, length);

      found = find_backward (self, &b, bound);
      if (found == NULL)
        {
          Backward wrap = { NULL, FALSE, length, FALSE, 0, from, NULL };

          found = find_backward (self, &wrap, length);
        }
      return found;
    }
}

static gboolean
collect_open_cb (AnnotaSpan *span,
                 gpointer    user_data)
{
  if (annota_span_get_status (span) == ANNOTA_SPAN_STATUS_SUGGESTED)
    g_ptr_array_add (user_data, g_object_ref (span));
  return TRUE;
}

static GPtrArray *
collect_open (AnnotaReviewBar *self)
{
  GPtrArray *spans = g_ptr_array_new_full (self->n_open, g_object_unref);
  guint length = annota_document_get_length (self->document);

  if (length > 0)
    annota_span_store_foreach_in_range (get_store (self), 0, length, collect_open_cb, spans);
  return spans;
}

/* Sorted on plain keys, made once: the score (none after every scored one)
 * and the place in the store, which breaks ties. */
typedef struct {
  double score;
  guint  index;
} ScoreKey;

static int
compare_score_keys (const void *a,
                    const void *b)
{
  const ScoreKey *x = a;
  const ScoreKey *y = b;

  if (x->score != y->score)
    return x->score < y->score ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static void
ensure_score_order (AnnotaReviewBar *self)
{
  g_autoptr(GPtrArray) open = NULL;
  g_autofree ScoreKey *keys = NULL;

  if (self->by_score != NULL)
    return;
  open = collect_open (self);
  keys = g_new (ScoreKey, MAX (open->len, 1));
  for (guint i = 0; i < open->len; i++)
    {
      AnnotaSpan *span = open->pdata[i];

      keys[i].score = annota_span_has_score (span) ? annota_span_get_score (span) : INFINITY;
      keys[i].index = i;
    }
  qsort (keys, open->len, sizeof (ScoreKey), compare_score_keys);

  self->by_score = g_ptr_array_new_full (open->len, g_object_unref);
  self->score_index = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < open->len; i++)
    {
      AnnotaSpan *span = open->pdata[keys[i].index];

      g_ptr_array_add (self->by_score, g_object_ref (span));
      g_hash_table_insert (self->score_index, span, GUINT_TO_POINTER (i + 1));
    }
}

static AnnotaSpan *
find_by_score (AnnotaReviewBar *self,
               AnnotaSpan      *from,
               int              direction)
{
  guint n, index = 0;
  gboolean known;

  ensure_score_order (self);
  n = self->by_score->len;
  if (n == 0)
    return NULL;
  known = from != NULL && (index = GPOINTER_TO_UINT (g_hash_table_lookup (self->score_index, from))) != 0;

  for (guint k = 0; k < n; k++)
    {
      guint i;
      AnnotaSpan *span;

      if (!known)
        i = direction > 0 ? k : n - 1 - k;
      else if (direction > 0)
        i = (index - 1 + 1 + k) % n;
      else
        i = (index - 1 + n - 1 - k) % n;
      span = self->by_score->pdata[i];
      if (span != from && is_open (self, span))
        return span;
    }
  return NULL;
}

AnnotaSpan *
annota_review_bar_find_next (AnnotaReviewBar *self,
                             AnnotaSpan      *from,
                             guint            offset,
                             int              direction)
{
  g_return_val_if_fail (ANNOTA_IS_REVIEW_BAR (self), NULL);
  g_return_val_if_fail (from == NULL || ANNOTA_IS_SPAN (from), NULL);

  if (self->document == NULL)
    return NULL;
  if (self->refresh_id != 0)
    refresh_now (self);
  if (self->order == ANNOTA_REVIEW_ORDER_LEAST_CONFIDENT)
    return find_by_score (self, from, direction);
  return find_by_position (self, from, offset, direction);
}

/* Accept by score */

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The slider works in hundredths: what it shows is what it compares. */
static double
round_threshold (double value)
{
  return round (CLAMP (value, 0.0, 1.0) * 100.0) / 100.0;
}

static void
update_threshold_label (AnnotaReviewBar *self)
{
  double t = round_threshold (gtk_adjustment_get_value (self->threshold_adjustment));
  g_autofree char *text = NULL;
  guint lo = 0, hi;

  if (self->scores == NULL)
    return;

  /* The first score >= t. */
  hi = self->scores->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->scores, double, mid) < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  self->n_above = self->scores->len - lo;

  if (self->n_above == 0)
    text = g_strdup (_("Accepts no suggestion"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Accepts %u suggestion", "Accepts %u suggestions",
                                         self->n_above),
                            self->n_above);
  gtk_label_set_label (self->threshold_label, text);
  gtk_widget_set_sensitive (self->threshold_accept_button, self->n_above > 0);
}

static void
on_threshold_popover_show (AnnotaReviewBar *self)
{
  g_autoptr(GPtrArray) open = NULL;

  g_clear_pointer (&self->scores, g_array_unref);
  self->scores = g_array_new (FALSE, FALSE, sizeof (double));
  if (self->document != NULL)
    {
      open = collect_open (self);
      for (guint i = 0; i < open->len; i++)
        if (annota_span_has_score (open->pdata[i]))
          {
            double score = annota_span_get_score (open->pdata[i]);

            g_array_append_val (self->scores, score);
          }
      g_array_sort (self->scores, compare_double);
    }
  update_threshold_label (self);
}

static void
on_threshold_changed (AnnotaReviewBar *self)
{
  update_threshold_label (self);
}

static void
on_threshold_accept (AnnotaReviewBar *self)
{
  double t = round_threshold (gtk_adjustment_get_value (self->threshold_adjustment));

  gtk_popover_popdown (self->threshold_popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.accept-above", "d", t);
}

gboolean
annota_review_bar_accept_threshold (AnnotaReviewBar *self)
{
  g_return_val_if_fail (ANNOTA_IS_REVIEW_BAR (self), FALSE);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->threshold_popover)) || self->n_above == 0)
    return FALSE;
  on_threshold_accept (self);
  return TRUE;
}

void
annota_review_bar_popup_threshold (AnnotaReviewBar *self)
{
  g_return_if_fail (ANNOTA_IS_REVIEW_BAR (self));

  gtk_menu_button_popup (self->threshold_button);
}

void
annota_review_bar_set_threshold (AnnotaReviewBar *self,
                                 double           threshold)
{
  g_return_if_fail (ANNOTA_IS_REVIEW_BAR (self));

  gtk_adjustment_set_value (self->threshold_adjustment, threshold);
}

double
annota_review_bar_get_threshold (AnnotaReviewBar *self)
{
  g_return_val_if_fail (ANNOTA_IS_REVIEW_BAR (self), 0.0);

  return round_threshold (gtk_adjustment_get_value (self->threshold_adjustment));
}

guint
annota_review_bar_get_n_above (AnnotaReviewBar *self)
{
  g_return_val_if_fail (ANNOTA_IS_REVIEW_BAR (self), 0);

  return self->n_above;
}

GPtrArray *
annota_review_bar_collect_above (AnnotaReviewBar *self,
                                 double           threshold)
{
  GPtrArray *open;
  guint j = 0;

  g_return_val_if_fail (ANNOTA_IS_REVIEW_BAR (self), NULL);

  if (self->document == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);
  open = collect_open (self);
  for (guint i = 0; i < open->len; i++)
    {
      AnnotaSpan *span = open->pdata[i];

      if (annota_span_has_score (span) && annota_span_get_score (span) >= threshold)
        open->pdata[j++] = span;
      else
        g_object_unref (span);
    }
  open->len = j;
  return open;
}

/* The rest */

static void
on_order_selected (AnnotaReviewBar *self)
{
  annota_review_bar_set_order (self, gtk_drop_down_get_selected (self->order_dropdown));
}

void
annota_review_bar_set_document (AnnotaReviewBar *self,
                                AnnotaDocument  *document)
{
  g_return_if_fail (ANNOTA_IS_REVIEW_BAR (self));
  g_return_if_fail (document == NULL || ANNOTA_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  annota_review_bar_set_span (self, NULL);
  drop_score_order (self);
  unwatch_all (self);
  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);
  g_signal_group_set_target (self->store_signals, document ? annota_document_get_spans (document) : NULL);
  self->n_open = 0;
  self->recount = document != NULL;
  refresh_now (self);
}

AnnotaSpan *
annota_review_bar_get_span (AnnotaReviewBar *self)
{
  g_return_val_if_fail (ANNOTA_IS_REVIEW_BAR (self), NULL);

  return self->span;
}

void
annota_review_bar_set_span (AnnotaReviewBar *self,
                            AnnotaSpan      *span)
{
  g_return_if_fail (ANNOTA_IS_REVIEW_BAR (self));
  g_return_if_fail (span == NULL || ANNOTA_IS_SPAN (span));

  if (!g_set_object (&self->span, span))
    return;
  g_signal_group_set_target (self->span_signals, span);
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPAN]);
}

AnnotaReviewOrder
annota_review_bar_get_order (AnnotaReviewBar *self)
{
  g_return_val_if_fail (ANNOTA_IS_REVIEW_BAR (self), ANNOTA_REVIEW_ORDER_POSITION);

  return self->order;
}

void
annota_review_bar_set_order (AnnotaReviewBar   *self,
                             AnnotaReviewOrder  order)
{
  g_return_if_fail (ANNOTA_IS_REVIEW_BAR (self));
  g_return_if_fail (order <= ANNOTA_REVIEW_ORDER_LEAST_CONFIDENT);

  if (self->order == order)
    return;
  self->order = order;
  drop_score_order (self);
  gtk_drop_down_set_selected (self->order_dropdown, order);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}

guint
annota_review_bar_get_n_reviewed (AnnotaReviewBar *self)
{
  g_return_val_if_fail (ANNOTA_IS_REVIEW_BAR (self), 0);

  refresh_for_caller (self);
  return self->n_reviewed;
}

guint
annota_review_bar_get_n_items (AnnotaReviewBar *self)
{
  g_return_val_if_fail (ANNOTA_IS_REVIEW_BAR (self), 0);

  refresh_for_caller (self);
  return self->n_reviewed + self->n_open;
}

const char *
annota_review_bar_get_context_text (AnnotaReviewBar *self)
{
  g_return_val_if_fail (ANNOTA_IS_REVIEW_BAR (self), NULL);

  return self->context_text;
}

const char *
annota_review_bar_get_progress_text (AnnotaReviewBar *self)
{
  g_return_val_if_fail (ANNOTA_IS_REVIEW_BAR (self), NULL);

  refresh_for_caller (self);
  return gtk_label_get_text (self->progress_label);
}

const char *
annota_review_bar_get_page (AnnotaReviewBar *self)
{
  g_return_val_if_fail (ANNOTA_IS_REVIEW_BAR (self), NULL);

  refresh_for_caller (self);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
annota_review_bar_new (void)
{
  return g_object_new (ANNOTA_TYPE_REVIEW_BAR, NULL);
}

static void
annota_review_bar_dispose (GObject *object)
{
  AnnotaReviewBar *self = ANNOTA_REVIEW_BAR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  if (self->span_signals != NULL)
    g_signal_group_set_target (self->span_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->watched != NULL)
    unwatch_all (self);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ANNOTA_TYPE_REVIEW_BAR);
  /* The template's unnamed row too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->span_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->span);
  g_clear_object (&self->document);
  drop_score_order (self);
  g_clear_pointer (&self->scores, g_array_unref);
  g_clear_pointer (&self->context_text, g_free);

  G_OBJECT_CLASS (annota_review_bar_parent_class)->dispose (object);
}

static void
annota_review_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnnotaReviewBar *self = ANNOTA_REVIEW_BAR (object);

  switch (prop_id)
    {
    case PROP_SPAN:
      g_value_set_object (value, self->span);
      break;
    case PROP_ORDER:
      g_value_set_enum (value, self->order);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_review_bar_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnnotaReviewBar *self = ANNOTA_REVIEW_BAR (object);

  switch (prop_id)
    {
    case PROP_SPAN:
      annota_review_bar_set_span (self, g_value_get_object (value));
      break;
    case PROP_ORDER:
      annota_review_bar_set_order (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_review_bar_class_init (AnnotaReviewBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = annota_review_bar_dispose;
  object_class->get_property = annota_review_bar_get_property;
  object_class->set_property = annota_review_bar_set_property;

  properties[PROP_SPAN] =
    g_param_spec_object ("span", NULL, NULL, ANNOTA_TYPE_SPAN,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ORDER] =
    g_param_spec_enum ("order", NULL, NULL, ANNOTA_TYPE_REVIEW_ORDER, ANNOTA_REVIEW_ORDER_POSITION,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/annota/Annota/annota-review-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, stack);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, before_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, inside_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, after_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, label_box);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, label_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, score_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, origin_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, status_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, none_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, done_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, mark_done_button);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, order_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, threshold_button);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, threshold_popover);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, threshold_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, threshold_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaReviewBar, threshold_accept_button);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_accept);
  gtk_widget_class_set_css_name (widget_class, "annota-review-bar");
}

static void
annota_review_bar_init (AnnotaReviewBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_popover_set_default_widget (self->threshold_popover, self->threshold_accept_button);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  self->swatch = _annota_swatch_new (14);
  gtk_widget_set_valign (self->swatch, GTK_ALIGN_CENTER);
  gtk_box_prepend (self->label_box, self->swatch);

  g_signal_connect_object (self->order_dropdown, "notify::selected",
                           G_CALLBACK (on_order_selected), self, G_CONNECT_SWAPPED);

  self->document_signals = g_signal_group_new (ANNOTA_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "counts-changed",
                                  G_CALLBACK (queue_refresh), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::state",
                                  G_CALLBACK (update_page), self);

  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->store_signals = g_signal_group_new (ANNOTA_TYPE_SPAN_STORE);
  g_signal_group_connect_swapped (self->store_signals, "items-changed",
                                  G_CALLBACK (on_store_items_changed), self);

  self->span_signals = g_signal_group_new (ANNOTA_TYPE_SPAN);
  g_signal_group_connect_swapped (self->span_signals, "notify",
                                  G_CALLBACK (on_span_changed), self);

  refresh_now (self);
}
