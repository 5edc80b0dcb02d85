/* annota-text-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of a document with its spans. Applying a GtkTextTag costs a few
 * microseconds, so a document with 200,000 spans cannot be tagged up front:
 * the view tags only the region around what is visible and remembers it as a
 * set of code-point ranges. Every span intersecting that region is kept in a
 * mirror (span → what was tagged), sorted like the store, so that a change
 * reported by items-changed, which does not say what was removed, is found
 * among the few mirrored spans between the neighbours of the change. A change
 * then re-tags only the ranges it touched. The mirror also holds, untagged,
 * the spans that cover the start of a tagged span, since they decide its
 * nesting level. Chips, nesting bars and outlines
 * are drawn for the visible spans only.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <string.h>

#include "annota-text-view.h"
#include "annota-text-view-private.h"

G_DEFINE_ENUM_TYPE (AnnotaSnapMode, annota_snap_mode,
                    G_DEFINE_ENUM_VALUE (ANNOTA_SNAP_WORDS, "words"),
                    G_DEFINE_ENUM_VALUE (ANNOTA_SNAP_GRAPHEMES, "graphemes"))

/* More changes than this in one items-changed are cheaper to redo from the
 * visible region than to follow one by one. */
#define BULK_CHANGE_LIMIT 512
/* The region tagged around the visible text, in code points on each side,
 * at least. */
#define MIN_MARGIN 2000
/* Tagged as soon as a document is set: about what a large screen shows of
 * its top, which so is laid out once, with its highlights. */
#define FIRST_SCREEN 4000
/* Paragraphs on screen longer than this together are narrowed down to the
 * display lines shown. */
#define LONG_RANGE 20000
/* Spans up to this long keep the boxes of their display lines measured;
 * longer ones are measured where they show, every frame. */
#define SEGMENTS_CACHED 2000
/* Measured places kept, at most. */
#define GEOMETRY_LIMIT 50000
/* Places measured in one step ahead of the screen. */
#define WARM_STEP 48
#define CHIP_GAP 17
#define BELOW_GAP 4
#define BAR_HEIGHT 3
#define BAR_STEP 4
#define CHIP_PAD_X 3
#define CHIP_SPACING 3
#define FALLBACK_COLOR "#9a9996"

typedef struct
{
  AnnotaSpan       *span;      /* owned */
  guint             start;
  guint             end;
  const char       *label;     /* interned */
  AnnotaSpanStatus  status;
  guint             depth;
  gboolean          hidden;
  /* A context entry is a span outside the region kept only because it
   * covers the start of a tagged span: its removal or status change moves
   * that span's nesting level. It has no tag and no level of its own. */
  gboolean          context;
  GtkTextTag       *tag;       /* the tag applied over [start, end), or NULL */
  gulong            notify_id;
  GSequenceIter    *iter;
  int               bias;      /* probes only: sorts before (-1) or after (1) equal keys */
} Entry;

typedef struct
{
  GtkTextTag *tags[3];         /* one per AnnotaSpanStatus */
} LabelTags;

/* What a label looks like, made once: its colour parsed, and its chip
 * drawn at the origin, once for accepted spans and once dimmed. */
typedef struct
{
  GdkRGBA        color;
  PangoLayout   *layout;       /* NULL until a chip is drawn */
  int            width;
  int            height;
  GskRenderNode *chip[2];      /* accepted, other */
} LabelLook;

/* Where a piece of text is, relative to the top of its paragraph, so that
 * it stays true while GTK measures the lines above and moves them. */
typedef struct
{
  int line;                    /* the paragraph */
  int x;
  int dy;
  int width;
  int height;
} Box;

/* The display-line pieces of [start, end). */
typedef struct
{
  guint64 key;                 /* start << 32 | end */
  guint   n_boxes;
  Box     boxes[];
} Segments;

/* The paragraphs drawn in one frame and their tops, in buffer
 * coordinates. */
typedef struct
{
  guint  start;                /* offsets of [first line start, last line end) */
  guint  end;
  int    first_line;
  int    n_lines;
  int   *tops;
  int    top;                  /* the rows drawn, widened by a chip's room */
  int    bottom;
} Frame;

struct _AnnotaTextView
{
  GtkTextView      parent_instance;

  AnnotaDocument  *document;
  AnnotaSpanStore *store;
  AnnotaLabelSet  *labels;
  gulong           store_changed_id;
  gulong           labels_changed_id;
  GPtrArray       *watched_labels;     /* AnnotaLabel, notify::color connected */

  AnnotaSpan      *selected_span;      /* owned */
  AnnotaSnapMode   snap_mode;
  gboolean         show_rejected;
  guint            cursor_offset;
  guint            selection_length;
  gboolean         selecting;

  GHashTable      *mirror;             /* AnnotaSpan → Entry */
  GSequence       *by_key;             /* Entry, in store order */
  GArray          *region;             /* AnnotaRange, sorted, disjoint */
  GHashTable      *label_tags;         /* interned label → LabelTags */
  GHashTable      *looks;              /* interned label → LabelLook */
  GHashTable      *anchors;            /* offset + 1 → Box of that character */
  GHashTable      *segments;           /* &Segments.key → Segments */
  int              geometry_width;     /* the width the boxes were measured at */
  guint            update_id;
  guint            ahead_id;
  guint            warm_from;          /* where the ahead idle measures on */
  gboolean         tagging;            /* our own tag changes, which move no text */
  PangoFontDescription *font;          /* the font the boxes were measured in */
  double           resolution;
  guint            n_tag_applications;

  GtkAdjustment   *vadjustment;
  gulong           vadjustment_id;
  gulong           style_dark_id;
  GtkTextMark     *scroll_mark;
  guint            scroll_tick_id;
  guint            scroll_target;
  guint            scroll_frames;
  gboolean         scroll_corrected;
  GtkTextBuffer   *buffer;             /* the one connected to; not owned */

  double           press_x;
  double           press_y;
  gboolean         pressed;
  AnnotaSpan      *press_selected;     /* owned */
  guint            click_id;
  guint            click_offset;
};

G_DEFINE_FINAL_TYPE (AnnotaTextView, annota_text_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SELECTED_SPAN,
  PROP_SNAP_MODE,
  PROP_SHOW_REJECTED,
  PROP_CURSOR_OFFSET,
  PROP_SELECTION_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char css_data[] =
  "textview.annota-text-view { font-size: 15pt; }\n"
  "textview.annota-text-view > text { padding: 0; }\n";

static void queue_update (AnnotaTextView *self);
static void set_selected_internal (AnnotaTextView *self,
                                   AnnotaSpan     *span);

/* The set of tagged code-point ranges. */

static guint
region_first_ending_after (GArray *region,
                           guint   offset)
{
  guint lo = 0, hi = region->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (region, AnnotaRange, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
region_intersects (GArray *region,
                   guint   start,
                   guint   end)
{
  guint i = region_first_ending_after (region, start);

  return i < region->len && g_array_index (region, AnnotaRange, i).start < end;
}

static gboolean
region_covers (GArray *region,
               guint   start,
               guint   end)
{
  guint i;

  if (start >= end)
    return TRUE;
  i = region_first_ending_after (region, start);
  return i < region->len &&
         g_array_index (region, AnnotaRange, i).start <= start &&
         g_array_index (region, AnnotaRange, i).end >= end;
}

static void
region_add (GArray *region,
            guint   start,
            guint   end)
{
  guint i, j;
  AnnotaRange merged = { start, end };

  if (start >= end)
    return;
  /* Ranges that touch [start, end) merge with it. */
  i = start > 0 ? region_first_ending_after (region, start - 1) : 0;
  for (j = i; j < region->len && g_array_index (region, AnnotaRange, j).start <= end; j++)
    {
      merged.start = MIN (merged.start, g_array_index (region, AnnotaRange, j).start);
      merged.end = MAX (merged.end, g_array_index (region, AnnotaRange, j).end);
    }
  if (j > i)
    g_array_remove_range (region, i, j - i);
  g_array_insert_val (region, i, merged);
}

/* The parts of [start, end) outside the region. */
static GArray *
region_uncovered (GArray *region,
                  guint   start,
                  guint   end)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
  guint i = region_first_ending_after (region, start);
  guint pos = start;

  for (; i < region->len && pos < end; i++)
    {
      const AnnotaRange *r = &g_array_index (region, AnnotaRange, i);

      if (r->start >= end)
        break;
      if (r->start > pos)
        {
          AnnotaRange gap = { pos, r->start };
          g_array_append_val (out, gap);
        }
      pos = MAX (pos, r->end);
    }
  if (pos < end)
    {
      AnnotaRange gap = { pos, end };
      g_array_append_val (out, gap);
    }
  return out;
}

static void
ranges_add (GArray *ranges,
            guint   start,
            guint   end)
{
  AnnotaRange r = { start, end };

  if (start < end)
    g_array_append_val (ranges, r);
}

static int
range_compare (gconstpointer a,
               gconstpointer b)
{
  const AnnotaRange *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* Sorts and merges overlapping or touching ranges in place. */
static void
ranges_normalize (GArray *ranges)
{
  guint i, out = 0;

  if (ranges->len < 2)
    return;
  g_array_sort (ranges, range_compare);
  for (i = 1; i < ranges->len; i++)
    {
      AnnotaRange *last = &g_array_index (ranges, AnnotaRange, out);
      const AnnotaRange *r = &g_array_index (ranges, AnnotaRange, i);

      if (r->start <= last->end)
        last->end = MAX (last->end, r->end);
      else
        g_array_index (ranges, AnnotaRange, ++out) = *r;
    }
  g_array_set_size (ranges, out + 1);
}

/* Colours and tags. */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
look_free (gpointer data)
{
  LabelLook *look = data;

  g_clear_object (&look->layout);
  g_clear_pointer (&look->chip[0], gsk_render_node_unref);
  g_clear_pointer (&look->chip[1], gsk_render_node_unref);
  g_free (look);
}

/* The look of an interned label id; a frame asks for it once per span, so
 * the colour is parsed once per label rather than every time. */
static LabelLook *
get_look (AnnotaTextView *self,
          const char     *label)
{
  LabelLook *look = g_hash_table_lookup (self->looks, label);

  if (look == NULL)
    {
      AnnotaLabel *l = self->labels ? annota_label_set_lookup (self->labels, label) : NULL;
      const char *color = l ? annota_label_get_color (l) : NULL;

      look = g_new0 (LabelLook, 1);
      if (color == NULL || !gdk_rgba_parse (&look->color, color))
        gdk_rgba_parse (&look->color, FALLBACK_COLOR);
      g_hash_table_insert (self->looks, (gpointer) label, look);
    }
  return look;
}

static void
label_rgba (AnnotaTextView *self,
            const char     *label,
            GdkRGBA        *rgba)
{
  *rgba = get_look (self, label)->color;
}

/* The highlight colour: the label colour at about 30 % alpha, darker and a
 * little denser on a dark background so that light text stays readable. */
static GdkRGBA
tint (const GdkRGBA *color,
      double         alpha)
{
  GdkRGBA out = *color;

  if (is_dark ())
    {
      out.red *= 0.7f;
      out.green *= 0.7f;
      out.blue *= 0.7f;
      out.alpha = MIN (1.0, alpha * 1.5);
    }
  else
    out.alpha = alpha;
  return out;
}

static void
style_tag (AnnotaTextView   *self,
           GtkTextTag       *tag,
           const char       *label,
           AnnotaSpanStatus  status)
{
  GdkRGBA color, bg;

  label_rgba (self, label, &color);
  switch (status)
    {
    case ANNOTA_SPAN_STATUS_SUGGESTED:
      bg = tint (&color, 0.14);
      g_object_set (tag,
                    "background-rgba", &bg,
                    "underline", PANGO_UNDERLINE_SINGLE,
                    "underline-rgba", &color,
                    NULL);
      break;
    case ANNOTA_SPAN_STATUS_REJECTED:
      bg = tint (&color, 0.08);
      g_object_set (tag,
                    "background-rgba", &bg,
                    "strikethrough", TRUE,
                    "strikethrough-rgba", &color,
                    NULL);
      break;
    case ANNOTA_SPAN_STATUS_ACCEPTED:
    default:
      bg = tint (&color, 0.30);
      g_object_set (tag, "background-rgba", &bg, NULL);
      break;
    }
}

static GtkTextTag *
lookup_tag (AnnotaTextView   *self,
            const char       *label,
            AnnotaSpanStatus  status,
            gboolean          create)
{
  LabelTags *lt;
  GtkTextTag *tag;
  g_autofree char *name = NULL;

  if ((guint) status > ANNOTA_SPAN_STATUS_REJECTED)
    return NULL;
  lt = g_hash_table_lookup (self->label_tags, label);
  if (lt == NULL)
    {
      if (!create)
        return NULL;
      lt = g_new0 (LabelTags, 1);
      g_hash_table_insert (self->label_tags, (gpointer) label, lt);
    }
  if (lt->tags[status] != NULL || !create)
    return lt->tags[status];

  name = g_strdup_printf ("annota-span:%s:%s", label, annota_span_status_to_string (status));
  tag = gtk_text_tag_new (name);
  style_tag (self, tag, label, status);
  gtk_text_tag_table_add (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self))), tag);
  /* Below any other tag, so that search hits and the like stay on top. */
  gtk_text_tag_set_priority (tag, 0);
  lt->tags[status] = tag;
  g_object_unref (tag);
  return tag;
}

static void
restyle_label (AnnotaTextView *self,
               const char     *label)
{
  LabelTags *lt = g_hash_table_lookup (self->label_tags, label);
  guint i;

  /* The old colour goes first, so that the tags take the new one. */
  g_hash_table_remove (self->looks, label);
  if (lt != NULL)
    for (i = 0; i < G_N_ELEMENTS (lt->tags); i++)
      if (lt->tags[i] != NULL)
        style_tag (self, lt->tags[i], label, i);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
restyle_all (AnnotaTextView *self)
{
  GHashTableIter it;
  gpointer key;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint i;

  g_hash_table_remove_all (self->looks);
  g_hash_table_iter_init (&it, self->label_tags);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_ptr_array_add (labels, key);
  for (i = 0; i < labels->len; i++)
    restyle_label (self, labels->pdata[i]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
remove_all_tags (AnnotaTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GHashTableIter it;
  gpointer value;
  guint i;

  g_hash_table_iter_init (&it, self->label_tags);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      LabelTags *lt = value;

      self->tagging = TRUE;
      for (i = 0; i < G_N_ELEMENTS (lt->tags); i++)
        if (lt->tags[i] != NULL)
          gtk_text_tag_table_remove (table, lt->tags[i]);
      self->tagging = FALSE;
    }
  g_hash_table_remove_all (self->label_tags);
}

/* The mirror. */

static int
key_compare (guint s1, guint e1, const char *l1,
             guint s2, guint e2, const char *l2)
{
  if (s1 != s2)
    return s1 < s2 ? -1 : 1;
  if (e1 != e2)
    return e1 < e2 ? -1 : 1;
  if (l1 == l2)
    return 0;
  if (l1 == NULL)
    return -1;
  if (l2 == NULL)
    return 1;
  return strcmp (l1, l2);
}

static int
entry_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Entry *x = a, *y = b;
  int c = key_compare (x->start, x->end, x->label, y->start, y->end, y->label);

  if (c != 0)
    return c;
  if (x->bias != y->bias)
    return x->bias < y->bias ? -1 : 1;
  return (x->span > y->span) - (x->span < y->span);
}

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_clear_signal_handler (&e->notify_id, e->span);
  g_object_unref (e->span);
  g_free (e);
}

static gboolean
span_hidden (AnnotaTextView *self,
             AnnotaSpan     *span)
{
  return !self->show_rejected && annota_span_get_status (span) == ANNOTA_SPAN_STATUS_REJECTED;
}

typedef struct
{
  AnnotaTextView *self;
  AnnotaSpan     *span;
  guint           start;
  guint           end;
  guint           depth;
  gboolean        seen;
  gboolean        track;
} DepthData;

static Entry *mirror_add_context (AnnotaTextView *self,
                                  AnnotaSpan     *span);

static gboolean
depth_cb (AnnotaSpan *t,
          gpointer    user_data)
{
  DepthData *d = user_data;
  guint ts, te;

  if (t == d->span)
    {
      d->seen = TRUE;
      return TRUE;
    }
  if (d->track && !g_hash_table_contains (d->self->mirror, t))
    mirror_add_context (d->self, t);
  if (span_hidden (d->self, t))
    return TRUE;
  ts = annota_span_get_start (t);
  te = annota_span_get_end (t);
  /* t covers our start; it is outside us when it starts earlier, is
   * longer, or is the same range and comes first in the store. */
  if (ts < d->start || te > d->end || (te == d->end && !d->seen))
    d->depth++;
  return TRUE;
}

/* The nesting level: how many shown spans that come before it (by start,
 * longer first, then store order) cover its start. Level 0 spans never
 * overlap each other, so their backgrounds never fight. */
static guint
compute_depth (AnnotaTextView *self,
               AnnotaSpan     *span)
{
  DepthData d = { self, span, annota_span_get_start (span), annota_span_get_end (span), 0, FALSE, FALSE };

  annota_span_store_foreach_in_range (self->store, d.start, d.start, depth_cb, &d);
  return d.depth;
}

/* The level of a tagged span, keeping the spans that decide it in the
 * mirror. */
static void
entry_update_depth (AnnotaTextView *self,
                    Entry          *e)
{
  DepthData d = { self, e->span, e->start, e->end, 0, FALSE, TRUE };

  annota_span_store_foreach_in_range (self->store, d.start, d.start, depth_cb, &d);
  e->depth = e->hidden ? 0 : d.depth;
}

static GtkTextTag *
choose_tag (AnnotaTextView *self,
            Entry          *e)
{
  if (e->context || e->hidden || e->depth > 0)
    return NULL;
  return lookup_tag (self, e->label, e->status, TRUE);
}

static void on_span_status (AnnotaSpan     *span,
                            GParamSpec     *pspec,
                            AnnotaTextView *self);

static Entry *
mirror_insert (AnnotaTextView *self,
               AnnotaSpan     *span,
               gboolean        context)
{
  Entry *e = g_new0 (Entry, 1);

  e->span = g_object_ref (span);
  e->start = annota_span_get_start (span);
  e->end = annota_span_get_end (span);
  e->label = annota_span_get_label (span);
  e->status = annota_span_get_status (span);
  e->hidden = span_hidden (self, span);
  e->context = context;
  e->notify_id = g_signal_connect (span, "notify::status", G_CALLBACK (on_span_status), self);
  e->iter = g_sequence_insert_sorted (self->by_key, e, entry_compare, NULL);
  g_hash_table_insert (self->mirror, span, e);
  return e;
}

static Entry *
mirror_add_context (AnnotaTextView *self,
                    AnnotaSpan     *span)
{
  return mirror_insert (self, span, TRUE);
}

/* Makes a context entry a tagged one; the caller applies the tag. */
static void
entry_promote (AnnotaTextView *self,
               Entry          *e)
{
  e->context = FALSE;
  entry_update_depth (self, e);
  e->tag = choose_tag (self, e);
}

static Entry *
mirror_add (AnnotaTextView *self,
            AnnotaSpan     *span)
{
  Entry *e = mirror_insert (self, span, TRUE);

  entry_promote (self, e);
  return e;
}

/* TRUE when some tagged span starts inside [start, end). */
static gboolean
covers_tagged_start (AnnotaTextView *self,
                     guint           start,
                     guint           end)
{
  Entry probe = { .start = start, .end = 0, .label = NULL, .bias = -1 };
  GSequenceIter *it = g_sequence_search (self->by_key, &probe, entry_compare, NULL);

  for (; !g_sequence_iter_is_end (it); it = g_sequence_iter_next (it))
    {
      Entry *e = g_sequence_get (it);

      if (e->start >= end)
        return FALSE;
      if (!e->context)
        return TRUE;
    }
  return FALSE;
}

static void
mirror_remove (AnnotaTextView *self,
               Entry          *e)
{
  g_sequence_remove (e->iter);
  g_hash_table_remove (self->mirror, e->span);
}

static void
mirror_clear (AnnotaTextView *self)
{
  g_sequence_remove_range (g_sequence_get_begin_iter (self->by_key),
                           g_sequence_get_end_iter (self->by_key));
  g_hash_table_remove_all (self->mirror);
}

static void
apply_tag (AnnotaTextView *self,
           GtkTextTag     *tag,
           guint           start,
           guint           end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  self->tagging = TRUE;
  gtk_text_buffer_apply_tag (buffer, tag, &s, &e);
  self->tagging = FALSE;
  self->n_tag_applications++;
}

/* Forgets every tag and the region; the visible part is tagged again on the
 * next update. */
static void
reset_tagging (AnnotaTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GHashTableIter it;
  gpointer value;
  GtkTextIter s, e;
  guint i;

  gtk_text_buffer_get_bounds (buffer, &s, &e);
  g_hash_table_iter_init (&it, self->label_tags);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      LabelTags *lt = value;

      self->tagging = TRUE;
      for (i = 0; i < G_N_ELEMENTS (lt->tags); i++)
        if (lt->tags[i] != NULL)
          gtk_text_buffer_remove_tag (buffer, lt->tags[i], &s, &e);
      self->tagging = FALSE;
    }
  mirror_clear (self);
  g_array_set_size (self->region, 0);
  queue_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Tagging the visible region. */

static gboolean
collect_untagged_cb (AnnotaSpan *span,
                     gpointer    user_data)
{
  gpointer *data = user_data;
  AnnotaTextView *self = data[0];

  Entry *e = g_hash_table_lookup (self->mirror, span);

  if (e == NULL || e->context)
    g_ptr_array_add (data[1], span);
  return TRUE;
}

static void
tag_region (AnnotaTextView *self,
            guint           start,
            guint           end)
{
  g_autoptr(GArray) gaps = region_uncovered (self->region, start, end);
  g_autoptr(GPtrArray) spans = g_ptr_array_new ();
  gpointer data[2] = { self, spans };
  guint i;

  for (i = 0; i < gaps->len; i++)
    {
      const AnnotaRange *r = &g_array_index (gaps, AnnotaRange, i);

      annota_span_store_foreach_in_range (self->store, r->start, r->end, collect_untagged_cb, data);
    }
  for (i = 0; i < spans->len; i++)
    {
      Entry *e;

      e = g_hash_table_lookup (self->mirror, spans->pdata[i]);
      /* A span can meet two gaps. */
      if (e != NULL && !e->context)
        continue;
      if (e != NULL)
        entry_promote (self, e);
      else
        e = mirror_add (self, spans->pdata[i]);
      if (e->tag != NULL)
        apply_tag (self, e->tag, e->start, e->end);
    }
  region_add (self->region, start, end);
}

/* The display lines on screen, exactly; this lays out the paragraphs at
 * both ends. */
static gboolean
visible_offsets (AnnotaTextView *self,
                 guint          *start,
                 guint          *end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle rect;
  GtkTextIter s, e;

  gtk_text_view_get_visible_rect (view, &rect);
  if (rect.width <= 0 || rect.height <= 0)
    return FALSE;
  gtk_text_view_get_iter_at_location (view, &s, rect.x, rect.y);
  gtk_text_view_get_iter_at_location (view, &e, rect.x + rect.width, rect.y + rect.height);
  gtk_text_view_backward_display_line_start (view, &s);
  if (!gtk_text_view_forward_display_line (view, &e))
    gtk_text_iter_forward_to_end (&e);
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
  return TRUE;
}

/* The paragraphs that rows [top, bottom) of the buffer show: GTK finds
 * them by their heights alone, without laying out any text. */
static void
paragraphs_at (AnnotaTextView *self,
               int             top,
               int             bottom,
               GtkTextIter    *first,
               GtkTextIter    *last)
{
  gtk_text_view_get_line_at_y (GTK_TEXT_VIEW (self), first, MAX (top, 0), NULL);
  gtk_text_view_get_line_at_y (GTK_TEXT_VIEW (self), last, MAX (bottom, 0), NULL);
}

/* [start, end) of the text on screen, widened to whole paragraphs, or
 * narrowed to the display lines on screen when a paragraph is so long that
 * its spans would be too many to go through. */
static gboolean
visible_range (AnnotaTextView *self,
               guint          *start,
               guint          *end)
{
  GdkRectangle rect;
  GtkTextIter s, e;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &rect);
  if (rect.width <= 0 || rect.height <= 0)
    return FALSE;
  paragraphs_at (self, rect.y, rect.y + rect.height, &s, &e);
  if (!gtk_text_iter_forward_line (&e))
    gtk_text_iter_forward_to_end (&e);
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
  if (*end - *start > LONG_RANGE)
    return visible_offsets (self, start, end);
  return TRUE;
}

static void queue_ahead (AnnotaTextView *self);

/* The region tagged around [start, end): a screen or so on either side. */
static void
ahead_range (AnnotaTextView *self,
             guint           start,
             guint           end,
             guint          *lo,
             guint          *hi)
{
  guint margin = MAX (end - start, MIN_MARGIN);

  *lo = start > margin ? start - margin : 0;
  *hi = MIN (annota_document_get_length (self->document), end + margin);
}

/* Before a frame: what is on screen must be tagged by now. Scrolling
 * usually finds it done by the idle that tags ahead, since a tag applied
 * to lines GTK has just measured makes it lay them out again; after a jump
 * the screen and what lies around it are tagged at once. */
static void
update_visible (AnnotaTextView *self)
{
  guint a, b, lo, hi;

  if (self->document == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (!visible_range (self, &a, &b))
    return;
  if (a < b && !region_covers (self->region, a, b))
    {
      ahead_range (self, a, b, &lo, &hi);
      tag_region (self, lo, hi);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  queue_ahead (self);
}

static gboolean
update_idle_cb (gpointer user_data)
{
  AnnotaTextView *self = user_data;

  self->update_id = 0;
  update_visible (self);
  return G_SOURCE_REMOVE;
}

static void
queue_update (AnnotaTextView *self)
{
  /* After GTK's resize (110) and before the frame is painted (120). */
  if (self->update_id == 0)
    self->update_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, update_idle_cb, self, NULL);
}

static gboolean warm_geometry (AnnotaTextView *self,
                               guint           start,
                               guint           end);

/* One step of the work ahead of the screen: a screen or so on either side
 * tagged, then the places of the spans there measured, so that the next
 * page finds both done. Each step is short, so that frames keep coming. */
static gboolean
ahead_step (AnnotaTextView *self)
{
  guint a, b, lo, hi;

  if (self->document == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      !visible_range (self, &a, &b))
    return FALSE;
  ahead_range (self, a, b, &lo, &hi);
  /* Below first: that is where reading goes. */
  if (b < hi && !region_covers (self->region, b, hi))
    {
      tag_region (self, b, hi);
      return TRUE;
    }
  if (lo < a && !region_covers (self->region, lo, a))
    {
      tag_region (self, lo, a);
      return TRUE;
    }
  return warm_geometry (self, b, hi) || warm_geometry (self, lo, a);
}

static gboolean
ahead_idle_cb (gpointer user_data)
{
  AnnotaTextView *self = user_data;

  if (ahead_step (self))
    return G_SOURCE_CONTINUE;
  self->ahead_id = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_ahead (AnnotaTextView *self)
{
  /* After the frame is painted (120), before GTK measures more lines in
   * the background (125), which would otherwise hold it off for seconds
   * after a large text is set. */
  if (self->ahead_id == 0)
    self->ahead_id = g_idle_add_full (GDK_PRIORITY_REDRAW + 4, ahead_idle_cb, self, NULL);
}

/* Following the store. */

typedef struct
{
  GArray *dirty;   /* ranges whose tags are rebuilt from the mirror */
  GArray *nested;  /* ranges whose spans may have changed nesting level */
} Batch;

static void
batch_init (Batch *batch)
{
  batch->dirty = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
  batch->nested = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
}

static void
batch_touch (Batch *batch,
             guint  start,
             guint  end)
{
  ranges_add (batch->dirty, start, end);
  ranges_add (batch->nested, start, end);
}

static void
batch_touch_nested (Batch *batch,
                    guint  start,
                    guint  end)
{
  ranges_add (batch->nested, start, end);
}

/* Brings one mirrored span up to date with the store: gone, moved,
 * relabelled or restated. */
static void
sync_entry (AnnotaTextView *self,
            Entry          *e,
            Batch          *batch)
{
  AnnotaSpan *span = e->span;
  guint start, end;
  const char *label;
  AnnotaSpanStatus status;
  gboolean hidden;

  if (!annota_span_store_find (self->store, span, NULL))
    {
      if (e->context)
        batch_touch_nested (batch, e->start, e->end);
      else
        batch_touch (batch, e->start, e->end);
      mirror_remove (self, e);
      return;
    }
  start = annota_span_get_start (span);
  end = annota_span_get_end (span);
  label = annota_span_get_label (span);
  status = annota_span_get_status (span);
  hidden = span_hidden (self, span);
  if (start == e->start && end == e->end && label == e->label &&
      status == e->status && hidden == e->hidden)
    return;

  if (e->context)
    batch_touch_nested (batch, e->start, e->end);
  else
    batch_touch (batch, e->start, e->end);
  e->start = start;
  e->end = end;
  e->label = label;
  e->status = status;
  e->hidden = hidden;
  g_sequence_sort_changed (e->iter, entry_compare, NULL);
  if (e->context && region_intersects (self->region, start, end))
    e->context = FALSE;
  if (e->context)
    {
      batch_touch_nested (batch, start, end);
      return;
    }
  entry_update_depth (self, e);
  e->tag = choose_tag (self, e);
  batch_touch (batch, start, end);
}

static void
batch_finish (AnnotaTextView *self,
              Batch          *batch)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  guint i, j;

  /* Levels depend on the spans covering a span's start, so a change over
   * [a, b) can move only the spans that start inside it. */
  ranges_normalize (batch->nested);
  for (i = 0; i < batch->nested->len; i++)
    {
      const AnnotaRange *r = &g_array_index (batch->nested, AnnotaRange, i);
      Entry probe = { .start = r->start, .end = 0, .label = NULL, .bias = -1 };
      GSequenceIter *it = g_sequence_search (self->by_key, &probe, entry_compare, NULL);

      for (; !g_sequence_iter_is_end (it); it = g_sequence_iter_next (it))
        {
          Entry *e = g_sequence_get (it);

          if (e->start >= r->end)
            break;
          g_ptr_array_add (entries, e);
        }
    }
  for (i = 0; i < entries->len; i++)
    {
      Entry *e = entries->pdata[i];
      GtkTextTag *tag;

      if (e->context)
        continue;
      entry_update_depth (self, e);
      tag = choose_tag (self, e);
      if (tag != e->tag)
        {
          e->tag = tag;
          ranges_add (batch->dirty, e->start, e->end);
        }
    }

  /* Rebuild the tags of the touched ranges from the mirror: remove ours,
   * then apply each mirrored span's tag clipped to the range. */
  ranges_normalize (batch->dirty);
  for (i = 0; i < batch->dirty->len; i++)
    {
      const AnnotaRange *r = &g_array_index (batch->dirty, AnnotaRange, i);
      g_autoptr(GPtrArray) spans = NULL;
      GHashTableIter it;
      gpointer value;
      GtkTextIter s, e;

      gtk_text_buffer_get_iter_at_offset (buffer, &s, r->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &e, r->end);
      g_hash_table_iter_init (&it, self->label_tags);
      while (g_hash_table_iter_next (&it, NULL, &value))
        {
          LabelTags *lt = value;

          self->tagging = TRUE;
          for (j = 0; j < G_N_ELEMENTS (lt->tags); j++)
            if (lt->tags[j] != NULL)
              gtk_text_buffer_remove_tag (buffer, lt->tags[j], &s, &e);
          self->tagging = FALSE;
        }
      spans = annota_span_store_query (self->store, r->start, r->end);
      for (j = 0; j < spans->len; j++)
        {
          Entry *entry = g_hash_table_lookup (self->mirror, spans->pdata[j]);

          if (entry != NULL && entry->tag != NULL)
            apply_tag (self, entry->tag, MAX (entry->start, r->start), MIN (entry->end, r->end));
        }
    }
  if (batch->dirty->len > 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));

  g_array_unref (batch->dirty);
  g_array_unref (batch->nested);
}

/* The selection follows the selected span when it moves, and the property
 * drops it when it leaves the store. */
static void
check_selected_span (AnnotaTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter s, e;
  guint start, end;

  if (self->selected_span == NULL)
    return;
  if (self->store == NULL || !annota_span_store_find (self->store, self->selected_span, NULL))
    {
      set_selected_internal (self, NULL);
      return;
    }
  start = annota_span_get_start (self->selected_span);
  end = annota_span_get_end (self->selected_span);
  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  if ((guint) gtk_text_iter_get_offset (&s) != start || (guint) gtk_text_iter_get_offset (&e) != end)
    {
      self->selecting = TRUE;
      gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
      gtk_text_buffer_select_range (buffer, &e, &s);
      self->selecting = FALSE;
    }
}

static void
on_items_changed (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  AnnotaTextView *self)
{
  guint n = g_list_model_get_n_items (model);
  Batch batch;
  guint i;

  if (removed + added > BULK_CHANGE_LIMIT)
    {
      reset_tagging (self);
      check_selected_span (self);
      return;
    }

  batch_init (&batch);
  if (removed > 0 && g_hash_table_size (self->mirror) > 0)
    {
      /* The removed spans sat between the neighbours of the change, so they
       * are among the mirrored spans between those neighbours' keys. */
      AnnotaSpan *lower = position > 0 ? annota_span_store_peek (self->store, position - 1) : NULL;
      AnnotaSpan *upper = position + added < n ? annota_span_store_peek (self->store, position + added) : NULL;
      Entry probe = { .bias = -1 };
      GSequenceIter *it;
      g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

      if (lower != NULL)
        {
          probe.start = annota_span_get_start (lower);
          probe.end = annota_span_get_end (lower);
          probe.label = annota_span_get_label (lower);
          it = g_sequence_search (self->by_key, &probe, entry_compare, NULL);
        }
      else
        it = g_sequence_get_begin_iter (self->by_key);
      for (; !g_sequence_iter_is_end (it); it = g_sequence_iter_next (it))
        {
          Entry *e = g_sequence_get (it);

          if (upper != NULL &&
              key_compare (e->start, e->end, e->label,
                           annota_span_get_start (upper), annota_span_get_end (upper),
                           annota_span_get_label (upper)) > 0)
            break;
          g_ptr_array_add (candidates, e);
        }
      for (i = 0; i < candidates->len; i++)
        sync_entry (self, candidates->pdata[i], &batch);
    }

  for (i = position; i < position + added; i++)
    {
      AnnotaSpan *span = annota_span_store_peek (self->store, i);
      Entry *e = g_hash_table_lookup (self->mirror, span);
      guint start = annota_span_get_start (span);
      guint end = annota_span_get_end (span);

      if (e != NULL)
        sync_entry (self, e, &batch);
      else if (region_intersects (self->region, start, end))
        {
          e = mirror_add (self, span);
          batch_touch (&batch, start, end);
        }
      else if (covers_tagged_start (self, start, end))
        {
          mirror_add_context (self, span);
          batch_touch_nested (&batch, start, end);
        }
    }
  batch_finish (self, &batch);
  check_selected_span (self);
}

static void
on_span_status (AnnotaSpan     *span,
                GParamSpec     *pspec,
                AnnotaTextView *self)
{
  Entry *e = g_hash_table_lookup (self->mirror, span);
  Batch batch;

  if (e == NULL)
    return;
  batch_init (&batch);
  sync_entry (self, e, &batch);
  batch_finish (self, &batch);
}

/* Labels. */

static void
on_label_color (AnnotaLabel    *label,
                GParamSpec     *pspec,
                AnnotaTextView *self)
{
  restyle_label (self, g_intern_string (annota_label_get_id (label)));
}

static void
unwatch_labels (AnnotaTextView *self)
{
  guint i;

  for (i = 0; i < self->watched_labels->len; i++)
    g_signal_handlers_disconnect_by_func (self->watched_labels->pdata[i], on_label_color, self);
  g_ptr_array_set_size (self->watched_labels, 0);
}

static void
watch_labels (AnnotaTextView *self)
{
  guint i, n;

  unwatch_labels (self);
  if (self->labels == NULL)
    return;
  n = annota_label_set_get_n_labels (self->labels);
  for (i = 0; i < n; i++)
    {
      AnnotaLabel *label = annota_label_set_peek (self->labels, i);

      g_signal_connect (label, "notify::color", G_CALLBACK (on_label_color), self);
      g_ptr_array_add (self->watched_labels, g_object_ref (label));
    }
}

static void
on_labels_changed (GListModel     *model,
                   guint           position,
                   guint           removed,
                   guint           added,
                   AnnotaTextView *self)
{
  watch_labels (self);
  restyle_all (self);
}

/* Geometry and drawing. The places of spans are measured once and kept
 * relative to their paragraphs: a frame then only adds each paragraph's
 * top, which GTK knows without laying out any text. They go stale only
 * when the text is laid out differently: another width, font or text. */

static void
clear_geometry (AnnotaTextView *self)
{
  g_hash_table_remove_all (self->anchors);
  g_hash_table_remove_all (self->segments);
}

static int
paragraph_top (AnnotaTextView    *self,
               const GtkTextIter *iter)
{
  int y;

  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (self), iter, &y, NULL);
  return y;
}

static const Box *
anchor_box (AnnotaTextView *self,
            guint           offset)
{
  gpointer key = GUINT_TO_POINTER (offset + 1);
  Box *box = g_hash_table_lookup (self->anchors, key);

  if (box == NULL)
    {
      GtkTextIter it;
      GdkRectangle loc;

      if (g_hash_table_size (self->anchors) >= GEOMETRY_LIMIT)
        g_hash_table_remove_all (self->anchors);
      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &it, offset);
      gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &it, &loc);
      box = g_new (Box, 1);
      box->line = gtk_text_iter_get_line (&it);
      box->x = loc.x;
      box->dy = loc.y - paragraph_top (self, &it);
      box->width = loc.width;
      box->height = loc.height;
      g_hash_table_insert (self->anchors, key, box);
    }
  return box;
}

/* The last character of [start, end) that has a place of its own on a
 * line, which a line break at the end has not; start when it is the only
 * one. */
static guint
last_char_offset (AnnotaTextView *self,
                  guint           start,
                  guint           end)
{
  GtkTextIter it;

  if (end <= start + 1)
    return start;
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &it, end - 1);
  return gtk_text_iter_ends_line (&it) ? end - 2 : end - 1;
}

/* The left and right edges of a character's place: in right-to-left
 * text GTK gives it from its right edge with a negative width. */
static inline int
left_edge (int x,
           int width)
{
  return MIN (x, x + width);
}

static inline int
right_edge (int x,
            int width)
{
  return MAX (x, x + width);
}

/* Whether two characters' places share a display line: runs in other
 * fonts sit a little higher or lower on it, but all of them straddle its
 * baseline, while the next display line starts below them all. */
static inline gboolean
same_display_line (int y0,
                   int height0,
                   int y1,
                   int height1)
{
  return y0 < y1 + MAX (height1, 1) && y1 < y0 + MAX (height0, 1);
}

/* Appends to boxes one box per display line of [start, end), stopping
 * below row bottom. */
static void
measure_segments (AnnotaTextView *self,
                  guint           start,
                  guint           end,
                  int             bottom,
                  GArray         *boxes)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter it, stop;
  guint guard = 0;

  gtk_text_buffer_get_iter_at_offset (buffer, &it, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &stop, end);
  while (gtk_text_iter_compare (&it, &stop) < 0 && guard++ < 1000)
    {
      GdkRectangle first, last;
      GtkTextIter next = it, last_char;
      Box box;

      gtk_text_view_get_iter_location (view, &it, &first);
      if (first.y >= bottom)
        break;
      if (!gtk_text_view_forward_display_line (view, &next) ||
          gtk_text_iter_compare (&next, &stop) > 0)
        next = stop;
      last_char = next;
      gtk_text_iter_backward_char (&last_char);
      /* A line break at the end of a display line has no width. */
      if (gtk_text_iter_ends_line (&last_char) && gtk_text_iter_compare (&last_char, &it) > 0)
        gtk_text_iter_backward_char (&last_char);
      gtk_text_view_get_iter_location (view, &last_char, &last);
      box.line = gtk_text_iter_get_line (&it);
      box.dy = first.y - paragraph_top (self, &it);
      box.height = first.height;
      if (same_display_line (first.y, first.height, last.y, last.height))
        {
          int x0 = MIN (left_edge (first.x, first.width), left_edge (last.x, last.width));
          int x1 = MAX (right_edge (first.x, first.width), right_edge (last.x, last.width));

          box.x = x0;
          box.width = MAX (x1 - x0, 1);
        }
      else
        {
          box.x = left_edge (first.x, first.width);
          box.width = MAX (ABS (first.width), 1);
        }
      g_array_append_val (boxes, box);
      if (gtk_text_iter_equal (&next, &it))
        break;
      it = next;
    }
}

static const Segments *
get_segments (AnnotaTextView *self,
              guint           start,
              guint           end)
{
  guint64 key = (guint64) start << 32 | end;
  Segments *segs = g_hash_table_lookup (self->segments, &key);

  if (segs == NULL)
    {
      g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));

      if (g_hash_table_size (self->segments) >= GEOMETRY_LIMIT)
        g_hash_table_remove_all (self->segments);
      measure_segments (self, start, end, G_MAXINT, boxes);
      segs = g_malloc (sizeof (Segments) + boxes->len * sizeof (Box));
      segs->key = key;
      segs->n_boxes = boxes->len;
      memcpy (segs->boxes, boxes->data, boxes->len * sizeof (Box));
      g_hash_table_insert (self->segments, &segs->key, segs);
    }
  return segs;
}

/* Measures the spans starting in [start, end) that have not been yet, a
 * few at a time; TRUE while some are left. */
typedef struct
{
  AnnotaTextView *self;
  guint           start;
  guint           budget;
} WarmData;

static gboolean
warm_cb (AnnotaSpan *span,
         gpointer    user_data)
{
  WarmData *d = user_data;
  AnnotaTextView *self = d->self;
  guint start = annota_span_get_start (span);
  guint end = annota_span_get_end (span);
  guint last;
  Entry *e;

  if (start < d->start || span_hidden (self, span))
    return TRUE;
  if (!g_hash_table_contains (self->anchors, GUINT_TO_POINTER (start + 1)))
    {
      anchor_box (self, start);
      d->budget--;
    }
  /* Where its chip goes depends on its last character too. */
  last = last_char_offset (self, start, end);
  if (!g_hash_table_contains (self->anchors, GUINT_TO_POINTER (last + 1)))
    {
      anchor_box (self, last);
      d->budget--;
    }
  e = g_hash_table_lookup (self->mirror, span);
  if (e != NULL && !e->context && e->depth > 0 && end - start <= SEGMENTS_CACHED)
    {
      guint64 key = (guint64) start << 32 | end;

      if (!g_hash_table_contains (self->segments, &key))
        {
          get_segments (self, start, end);
          d->budget--;
        }
    }
  return d->budget > 0;
}

static gboolean
warm_geometry (AnnotaTextView *self,
               guint           start,
               guint           end)
{
  WarmData d = { self, start, WARM_STEP };

  if (start >= end)
    return FALSE;
  annota_span_store_foreach_in_range (self->store, start, end, warm_cb, &d);
  return d.budget == 0;
}

static void
frame_init (AnnotaTextView     *self,
            const GdkRectangle *visible,
            Frame              *frame)
{
  GtkTextIter it, last;
  int i;

  frame->top = visible->y - CHIP_GAP;
  frame->bottom = visible->y + visible->height + CHIP_GAP;
  paragraphs_at (self, frame->top, frame->bottom, &it, &last);
  frame->first_line = gtk_text_iter_get_line (&it);
  frame->n_lines = gtk_text_iter_get_line (&last) - frame->first_line + 1;
  frame->tops = g_new (int, frame->n_lines);
  for (i = 0; i < frame->n_lines; i++)
    {
      frame->tops[i] = paragraph_top (self, &it);
      gtk_text_iter_forward_line (&it);
    }
}

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->tops, g_free);
}

/* Where box is in buffer coordinates this frame; FALSE when its rows are
 * not drawn. */
static gboolean
frame_place (const Frame     *frame,
             const Box       *box,
             graphene_rect_t *rect)
{
  int i = box->line - frame->first_line;
  int y;

  if (i < 0 || i >= frame->n_lines)
    return FALSE;
  y = frame->tops[i] + box->dy;
  if (y >= frame->bottom || y + box->height <= frame->top)
    return FALSE;
  graphene_rect_init (rect, box->x, y, box->width, box->height);
  return TRUE;
}

typedef void (*SegmentFunc) (AnnotaTextView        *self,
                             const graphene_rect_t *rect,
                             gpointer               user_data);

/* Calls func with the rectangle (buffer coordinates) of each display line
 * of [start, end) that lies within the rows drawn. */
static void
foreach_segment (AnnotaTextView *self,
                 const Frame    *frame,
                 guint           start,
                 guint           end,
                 SegmentFunc     func,
                 gpointer        user_data)
{
  graphene_rect_t rect;
  guint i;

  if (end - start <= SEGMENTS_CACHED)
    {
      const Segments *segs = get_segments (self, start, end);

      for (i = 0; i < segs->n_boxes; i++)
        if (frame_place (frame, &segs->boxes[i], &rect))
          func (self, &rect, user_data);
    }
  else
    {
      g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));
      guint a, b;

      /* Only the part on screen, and measured afresh. */
      if (!visible_offsets (self, &a, &b))
        return;
      measure_segments (self, MAX (start, a), end, frame->bottom, boxes);
      for (i = 0; i < boxes->len; i++)
        if (frame_place (frame, &g_array_index (boxes, Box, i), &rect))
          func (self, &rect, user_data);
    }
}

static void
chip_colors (const GdkRGBA *color,
             GdkRGBA       *bg,
             GdkRGBA       *fg)
{
  double lum = 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;

  *bg = *color;
  bg->alpha = 1;
  if (lum > 0.55)
    *fg = (GdkRGBA) { 0.14f, 0.12f, 0.16f, 1 };
  else
    *fg = (GdkRGBA) { 1, 1, 1, 1 };
}

/* Lays out the name of a label for its chip, once per look, and so gives
 * the chip its size. */
static void
look_measure (AnnotaTextView *self,
              LabelLook      *look,
              const char     *label)
{
  if (look->layout == NULL)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      const PangoFontDescription *base = pango_context_get_font_description (context);
      PangoFontDescription *desc = pango_font_description_copy (base);
      int size = pango_font_description_get_size (desc);

      pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
      if (size <= 0 || pango_font_description_get_size_is_absolute (desc))
        pango_font_description_set_size (desc, 7 * PANGO_SCALE);
      else
        pango_font_description_set_size (desc, MAX (6 * PANGO_SCALE, size * 11 / 20));
      look->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), label);
      pango_layout_set_font_description (look->layout, desc);
      pango_layout_get_pixel_size (look->layout, &look->width, &look->height);
      look->width += 2 * CHIP_PAD_X;
      pango_font_description_free (desc);
    }
}

/* The chip of a label drawn at the origin; made once per look. */
static GskRenderNode *
look_chip (AnnotaTextView *self,
           LabelLook      *look,
           const char     *label,
           gboolean        accepted)
{
  GskRenderNode **node = &look->chip[accepted ? 0 : 1];

  look_measure (self, look, label);
  if (*node == NULL)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GdkRGBA bg, fg;
      GskRoundedRect rr;

      chip_colors (&look->color, &bg, &fg);
      if (!accepted)
        bg.alpha = 0.6f;
      gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (0, 0, look->width, look->height), 3);
      gtk_snapshot_push_rounded_clip (snapshot, &rr);
      gtk_snapshot_append_color (snapshot, &bg, &rr.bounds);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (CHIP_PAD_X, 0));
      gtk_snapshot_append_layout (snapshot, look->layout, &fg);
      *node = gtk_snapshot_free_to_node (snapshot);
    }
  return *node;
}

/* The chips of a frame, placed one after the other in text order. */
typedef struct
{
  graphene_rect_t last;        /* the chip placed before */
  gboolean        placed;      /* whether there was one */
} ChipRow;

/* Where the chip of span goes this frame, in buffer coordinates, or FALSE
 * when the row of its start is not drawn. It sits above the visual start
 * of the span's first display line: the left edge of a span read left to
 * right, the right edge of one read right to left. Which way it reads is
 * what GTK laid out: its first character is to the right of the last one
 * of that display line in right-to-left text (an English name in Arabic
 * reads left to right). A chip that would run into the one placed before
 * it moves past that one, further along the way its span reads. */
static gboolean
place_chip (AnnotaTextView  *self,
            const Frame     *frame,
            AnnotaSpan      *span,
            ChipRow         *row,
            graphene_rect_t *rect)
{
  const char *label = annota_span_get_label (span);
  guint start = annota_span_get_start (span);
  guint last_offset = last_char_offset (self, start, annota_span_get_end (span));
  graphene_rect_t loc;
  LabelLook *look;
  Box first;
  gboolean rtl;
  int left, right, x, y;

  /* By value: measuring another place may empty the cache. */
  first = *anchor_box (self, start);
  if (!frame_place (frame, &first, &loc))
    return FALSE;
  rtl = first.width < 0;
  left = left_edge (first.x, first.width);
  right = right_edge (first.x, first.width);
  if (last_offset > start)
    {
      Box last = *anchor_box (self, last_offset);

      if (last.line == first.line && same_display_line (first.dy, first.height, last.dy, last.height))
        {
          rtl = first.x > last.x || (first.x == last.x && rtl);
          left = MIN (left, left_edge (last.x, last.width));
          right = MAX (right, right_edge (last.x, last.width));
        }
    }

  look = get_look (self, label);
  look_measure (self, look, label);
  x = rtl ? right - look->width : left;
  y = (int) loc.origin.y - look->height - 1;
  if (row->placed &&
      y < row->last.origin.y + row->last.size.height && row->last.origin.y < y + look->height &&
      x < row->last.origin.x + row->last.size.width + CHIP_SPACING &&
      row->last.origin.x < x + look->width + CHIP_SPACING)
    {
      if (rtl)
        x = (int) row->last.origin.x - CHIP_SPACING - look->width;
      else
        x = (int) (row->last.origin.x + row->last.size.width) + CHIP_SPACING;
    }
  graphene_rect_init (rect, x, y, look->width, look->height);
  row->last = *rect;
  row->placed = TRUE;
  return TRUE;
}

typedef struct
{
  GtkSnapshot *snapshot;
  GdkRGBA      color;
  guint        depth;
  gboolean     dashed;
} BarData;

static void
draw_bar (AnnotaTextView        *self,
          const graphene_rect_t *rect,
          gpointer               user_data)
{
  BarData *d = user_data;
  float y = rect->origin.y + rect->size.height + 2 + (d->depth - 1) * BAR_STEP;
  float x;

  if (!d->dashed)
    {
      gtk_snapshot_append_color (d->snapshot, &d->color,
                                 &GRAPHENE_RECT_INIT (rect->origin.x, y, rect->size.width, BAR_HEIGHT));
      return;
    }
  for (x = rect->origin.x; x < rect->origin.x + rect->size.width; x += 6)
    {
      float w = MIN (4, rect->origin.x + rect->size.width - x);

      gtk_snapshot_append_color (d->snapshot, &d->color, &GRAPHENE_RECT_INIT (x, y, w, BAR_HEIGHT));
    }
}

static void
draw_outline (AnnotaTextView        *self,
              const graphene_rect_t *rect,
              gpointer               user_data)
{
  BarData *d = user_data;
  GskRoundedRect rr;
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA colors[4] = { d->color, d->color, d->color, d->color };

  gsk_rounded_rect_init_from_rect (&rr,
                                   &GRAPHENE_RECT_INIT (rect->origin.x - 2, rect->origin.y - 1,
                                                        rect->size.width + 4, rect->size.height + 2),
                                   3);
  gtk_snapshot_append_border (d->snapshot, &rr, widths, colors);
}

static gboolean
collect_shown_cb (AnnotaSpan *span,
                  gpointer    user_data)
{
  gpointer *data = user_data;

  if (!span_hidden (data[0], span))
    g_ptr_array_add (data[1], span);
  return TRUE;
}

/* The spans shown in [a, b), in text order; not referenced. */
static GPtrArray *
collect_shown (AnnotaTextView *self,
               guint           a,
               guint           b)
{
  GPtrArray *spans = g_ptr_array_new ();
  gpointer data[2] = { self, spans };

  annota_span_store_foreach_in_range (self->store, a, b, collect_shown_cb, data);
  return spans;
}

static void
annota_text_view_snapshot_layer (GtkTextView      *view,
                                 GtkTextViewLayer  layer,
                                 GtkSnapshot      *snapshot)
{
  AnnotaTextView *self = ANNOTA_TEXT_VIEW (view);
  g_autoptr(GPtrArray) spans = NULL;
  GdkRectangle visible;
  Frame frame = { 0 };
  ChipRow row = { 0 };
  guint a, b, i;

  if (layer != GTK_TEXT_VIEW_LAYER_ABOVE_TEXT || self->store == NULL)
    return;
  gtk_text_view_get_visible_rect (view, &visible);
  if (!visible_range (self, &a, &b))
    return;
  if (!region_covers (self->region, a, b))
    queue_update (self);

  frame_init (self, &visible, &frame);
  spans = collect_shown (self, a, b);

  /* Nesting bars below the text. */
  for (i = 0; i < spans->len; i++)
    {
      AnnotaSpan *span = spans->pdata[i];
      Entry *e = g_hash_table_lookup (self->mirror, span);
      BarData d = { snapshot };

      d.depth = e != NULL && !e->context ? e->depth : compute_depth (self, span);
      if (d.depth == 0)
        continue;
      label_rgba (self, annota_span_get_label (span), &d.color);
      switch (annota_span_get_status (span))
        {
        case ANNOTA_SPAN_STATUS_SUGGESTED:
          d.dashed = TRUE;
          break;
        case ANNOTA_SPAN_STATUS_REJECTED:
          d.color.alpha = 0.4f;
          d.dashed = TRUE;
          break;
        case ANNOTA_SPAN_STATUS_ACCEPTED:
        default:
          break;
        }
      foreach_segment (self, &frame, annota_span_get_start (span), annota_span_get_end (span),
                       draw_bar, &d);
    }

  /* The selected span, strongly outlined. */
  if (self->selected_span != NULL &&
      annota_span_get_end (self->selected_span) > a && annota_span_get_start (self->selected_span) < b)
    {
      BarData d = { snapshot };

      label_rgba (self, annota_span_get_label (self->selected_span), &d.color);
      if (is_dark ())
        {
          d.color.red = 0.5f + d.color.red / 2;
          d.color.green = 0.5f + d.color.green / 2;
          d.color.blue = 0.5f + d.color.blue / 2;
        }
      else
        {
          d.color.red *= 0.6f;
          d.color.green *= 0.6f;
          d.color.blue *= 0.6f;
        }
      foreach_segment (self, &frame, annota_span_get_start (self->selected_span),
                       annota_span_get_end (self->selected_span), draw_outline, &d);
    }

  /* Chips above the first line of each span: the spans come in text
   * order, so the chip one could run into is the one just drawn. */
  for (i = 0; i < spans->len; i++)
    {
      AnnotaSpan *span = spans->pdata[i];
      const char *label = annota_span_get_label (span);
      GskRenderNode *node;
      graphene_rect_t rect;

      if (annota_span_get_start (span) < a || !place_chip (self, &frame, span, &row, &rect))
        continue;
      node = look_chip (self, get_look (self, label), label,
                        annota_span_get_status (span) == ANNOTA_SPAN_STATUS_ACCEPTED);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &rect.origin);
      gtk_snapshot_append_node (snapshot, node);
      gtk_snapshot_restore (snapshot);
    }
  frame_clear (&frame);
}

/* Selection, clicks and keys. */

static void
set_selected_internal (AnnotaTextView *self,
                       AnnotaSpan     *span)
{
  if (self->selected_span == span)
    return;
  g_set_object (&self->selected_span, span);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SPAN]);
}

/* Where offset is on screen, in buffer coordinates; FALSE while GTK has
 * not measured its line yet (its height is then 0). */
static gboolean
offset_location (AnnotaTextView *self,
                 guint           offset,
                 GdkRectangle   *rect)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter it;
  int y, height;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &it, offset);
  gtk_text_view_get_line_yrange (view, &it, &y, &height);
  if (height <= 0)
    return FALSE;
  gtk_text_view_get_iter_location (view, &it, rect);
  return TRUE;
}

static gboolean
rect_comfortably_visible (AnnotaTextView     *self,
                          const GdkRectangle *rect)
{
  GdkRectangle visible;
  int margin;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  margin = visible.height / 10;
  return rect->y >= visible.y + margin &&
         rect->y + rect->height <= visible.y + visible.height - margin;
}

/* Puts rect a third down the screen, at once. */
static void
scroll_rect_into_view (AnnotaTextView     *self,
                       const GdkRectangle *rect)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));
  GdkRectangle visible;

  if (vadj == NULL)
    return;
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + (rect->y - visible.y) - visible.height / 3);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  AnnotaTextView *self = ANNOTA_TEXT_VIEW (widget);
  GdkRectangle rect;

  if (offset_location (self, self->scroll_target, &rect) &&
      (!self->scroll_corrected || !rect_comfortably_visible (self, &rect)))
    {
      scroll_rect_into_view (self, &rect);
      if (!self->scroll_corrected)
        self->scroll_frames = 0;
      self->scroll_corrected = TRUE;
    }
  /* A few frames after the correction the user's own scrolling wins; and a
   * target GTK never measured is given up after a second. */
  if (++self->scroll_frames < (self->scroll_corrected ? 8 : 60))
    return G_SOURCE_CONTINUE;
  self->scroll_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
scroll_to_offset (AnnotaTextView *self,
                  guint           offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GdkRectangle rect;
  GtkTextIter it;

  if (self->scroll_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
      self->scroll_tick_id = 0;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &it, offset);
      gtk_text_buffer_move_mark (buffer, self->scroll_mark, &it);
      gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), self->scroll_mark, 0.2, FALSE, 0, 0);
      return;
    }
  if (offset_location (self, offset, &rect))
    {
      if (!rect_comfortably_visible (self, &rect))
        scroll_rect_into_view (self, &rect);
      return;
    }

  /* GTK has not measured that far yet: only its own pending scroll makes it
   * measure the lines around a mark, and it flushes that scroll in its next
   * first-validation pass, which only an invalidation starts (otherwise it
   * waits until the whole text is measured: half a minute for 5 MB). Moving
   * the cursor where it is invalidates just the cursor. GTK then animates
   * towards a height that goes stale while it keeps measuring the lines
   * above, so once the target's line is measured the tick puts it in place
   * at once, and keeps it there for a few frames. */
  gtk_text_buffer_get_iter_at_offset (buffer, &it, offset);
  gtk_text_buffer_move_mark (buffer, self->scroll_mark, &it);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), self->scroll_mark, 0, TRUE, 0, 0.33);
  gtk_text_buffer_get_iter_at_mark (buffer, &it, gtk_text_buffer_get_insert (buffer));
  gtk_text_buffer_move_mark (buffer, gtk_text_buffer_get_insert (buffer), &it);
  self->scroll_target = offset;
  self->scroll_frames = 0;
  self->scroll_corrected = FALSE;
  self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb, NULL, NULL);
}

static void
select_offsets (AnnotaTextView *self,
                guint           start,
                guint           end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  self->selecting = TRUE;
  gtk_text_buffer_select_range (buffer, &e, &s);
  self->selecting = FALSE;
}

static void
select_span (AnnotaTextView *self,
             AnnotaSpan     *span,
             gboolean        scroll)
{
  if (span != NULL)
    {
      select_offsets (self, annota_span_get_start (span), annota_span_get_end (span));
      if (scroll)
        scroll_to_offset (self, annota_span_get_start (span));
    }
  set_selected_internal (self, span);
}

static void
update_cursor_properties (AnnotaTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter ins, bound;
  guint cursor, length, o1, o2;

  gtk_text_buffer_get_iter_at_mark (buffer, &ins, gtk_text_buffer_get_insert (buffer));
  gtk_text_buffer_get_iter_at_mark (buffer, &bound, gtk_text_buffer_get_selection_bound (buffer));
  o1 = gtk_text_iter_get_offset (&ins);
  o2 = gtk_text_iter_get_offset (&bound);
  cursor = o1;
  length = o1 > o2 ? o1 - o2 : o2 - o1;

  if (cursor != self->cursor_offset)
    {
      self->cursor_offset = cursor;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_OFFSET]);
    }
  if (length != self->selection_length)
    {
      self->selection_length = length;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_LENGTH]);
    }
}

static void
on_mark_set (GtkTextBuffer  *buffer,
             GtkTextIter    *location,
             GtkTextMark    *mark,
             AnnotaTextView *self)
{
  GtkTextIter s, e;

  if (mark != gtk_text_buffer_get_insert (buffer) && mark != gtk_text_buffer_get_selection_bound (buffer))
    return;
  update_cursor_properties (self);
  if (self->selecting || self->selected_span == NULL)
    return;
  /* A selection made by hand that is not the span's text lets go of it. */
  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  if ((guint) gtk_text_iter_get_offset (&s) != annota_span_get_start (self->selected_span) ||
      (guint) gtk_text_iter_get_offset (&e) != annota_span_get_end (self->selected_span))
    set_selected_internal (self, NULL);
}

static void
on_cursor_position (GtkTextBuffer  *buffer,
                    GParamSpec     *pspec,
                    AnnotaTextView *self)
{
  update_cursor_properties (self);
}

static gboolean
collect_at_cb (AnnotaSpan *span,
               gpointer    user_data)
{
  gpointer *data = user_data;

  if (!span_hidden (data[0], span))
    g_ptr_array_add (data[1], g_object_ref (span));
  return TRUE;
}

static int
innermost_first (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  AnnotaTextView *self = user_data;
  AnnotaSpan *x = *(AnnotaSpan * const *) a, *y = *(AnnotaSpan * const *) b;
  guint lx = annota_span_get_length (x), ly = annota_span_get_length (y);
  guint dx, dy;

  if (lx != ly)
    return lx < ly ? -1 : 1;
  dx = compute_depth (self, x);
  dy = compute_depth (self, y);
  return (dx < dy) - (dx > dy);
}

/* The shown spans at offset, innermost first. */
static GPtrArray *
spans_at (AnnotaTextView *self,
          guint           offset)
{
  GPtrArray *spans = g_ptr_array_new_with_free_func (g_object_unref);
  gpointer data[2] = { self, spans };

  if (self->store == NULL)
    return spans;
  annota_span_store_foreach_in_range (self->store, offset, offset, collect_at_cb, data);
  g_ptr_array_sort_with_data (spans, innermost_first, self);
  return spans;
}

AnnotaSpan *
_annota_text_view_click_offset (AnnotaTextView *self,
                                guint           offset,
                                AnnotaSpan     *previous)
{
  g_autoptr(GPtrArray) spans = NULL;
  AnnotaSpan *chosen;
  guint i;

  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), NULL);

  spans = spans_at (self, offset);
  if (spans->len == 0)
    return NULL;
  chosen = spans->pdata[0];
  if (previous != NULL && g_ptr_array_find (spans, previous, &i))
    chosen = spans->pdata[(i + 1) % spans->len];
  select_span (self, chosen, FALSE);
  return chosen;
}

static gboolean
click_idle_cb (gpointer user_data)
{
  AnnotaTextView *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autoptr(AnnotaSpan) previous = g_steal_pointer (&self->press_selected);

  self->click_id = 0;
  /* A double click selected a word, or the pointer dragged a selection. */
  if (gtk_text_buffer_get_has_selection (buffer))
    return G_SOURCE_REMOVE;
  _annota_text_view_click_offset (self, self->click_offset, previous);
  return G_SOURCE_REMOVE;
}

static gboolean
widget_point_to_offset (AnnotaTextView *self,
                        double          x,
                        double          y,
                        guint          *offset)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter it;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (view, &it, bx, by))
    return FALSE;
  *offset = gtk_text_iter_get_offset (&it);
  return TRUE;
}

static gboolean
event_widget_point (AnnotaTextView *self,
                    GdkEvent       *event,
                    double         *x,
                    double         *y)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  double ex, ey, nx, ny;

  if (native == NULL || !gdk_event_get_position (event, &ex, &ey))
    return FALSE;
  gtk_native_get_surface_transform (native, &nx, &ny);
  return gtk_widget_translate_coordinates (GTK_WIDGET (native), GTK_WIDGET (self),
                                           ex - nx, ey - ny, x, y);
}

/* Raw events in the capture phase: the text view's own gestures claim the
 * pointer, and a click that did not drag selects the span under it once the
 * text view is done with the event. */
static gboolean
on_legacy_event (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 AnnotaTextView           *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  double x, y;
  guint offset;

  if (type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE)
    return FALSE;
  if (gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
    return FALSE;
  if (!event_widget_point (self, event, &x, &y))
    return FALSE;

  if (type == GDK_BUTTON_PRESS)
    {
      self->pressed = TRUE;
      self->press_x = x;
      self->press_y = y;
      g_set_object (&self->press_selected, self->selected_span);
      return FALSE;
    }
  if (!self->pressed)
    return FALSE;
  self->pressed = FALSE;
  if (ABS (x - self->press_x) > 3 || ABS (y - self->press_y) > 3 ||
      (gdk_event_get_modifier_state (event) & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0 ||
      !widget_point_to_offset (self, x, y, &offset))
    {
      g_clear_object (&self->press_selected);
      return FALSE;
    }
  self->click_offset = offset;
  g_clear_handle_id (&self->click_id, g_source_remove);
  self->click_id = g_idle_add (click_idle_cb, self);
  return FALSE;
}

static gboolean
span_shown (AnnotaTextView *self,
            AnnotaSpan     *span)
{
  return span != NULL && !span_hidden (self, span);
}

/* Selects the next (direction 1) or previous (-1) shown span after the
 * selected one, or else after the cursor. */
static void
step_span (AnnotaTextView *self,
           int             direction)
{
  AnnotaSpan *span = NULL;
  guint n, pos;
  gboolean from_selected;

  if (self->store == NULL || (n = annota_span_store_get_n_spans (self->store)) == 0)
    return;
  from_selected = self->selected_span != NULL &&
                  annota_span_store_find (self->store, self->selected_span, &pos);
  if (!from_selected)
    pos = annota_span_store_lower_bound (self->store, self->cursor_offset);

  if (direction > 0)
    {
      /* Without a selected span, the first span at or after the cursor. */
      if (from_selected)
        pos++;
      for (; pos < n; pos++)
        {
          span = annota_span_store_peek (self->store, pos);
          if (span_shown (self, span))
            break;
          span = NULL;
        }
    }
  else
    {
      while (pos > 0)
        {
          span = annota_span_store_peek (self->store, --pos);
          if (span_shown (self, span))
            break;
          span = NULL;
        }
    }
  if (span != NULL)
    select_span (self, span, TRUE);
}

/* Tab and Shift+Tab. With no span to go to they move the focus on, as in
 * any read-only text. */
static gboolean
tab_shortcut_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  AnnotaTextView *self = ANNOTA_TEXT_VIEW (widget);

  if (self->store == NULL || annota_span_store_get_n_spans (self->store) == 0)
    return FALSE;
  step_span (self, GPOINTER_TO_INT (user_data));
  return TRUE;
}

static void
add_tab_shortcut (GtkShortcutController *controller,
                  guint                  keyval,
                  GdkModifierType        modifiers,
                  int                    direction)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_callback_action_new (tab_shortcut_cb,
                                                                                   GINT_TO_POINTER (direction),
                                                                                   NULL)));
}

static void
next_span_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step_span (ANNOTA_TEXT_VIEW (widget), 1);
}

static void
prev_span_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step_span (ANNOTA_TEXT_VIEW (widget), -1);
}

static gboolean
annota_text_view_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  AnnotaTextView *self = ANNOTA_TEXT_VIEW (widget);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GString) markup = NULL;
  guint offset, i;

  if (keyboard_mode)
    offset = self->cursor_offset;
  else if (!widget_point_to_offset (self, x, y, &offset))
    return FALSE;
  spans = spans_at (self, offset);
  if (spans->len == 0)
    return FALSE;

  markup = g_string_new (NULL);
  for (i = 0; i < spans->len; i++)
    {
      AnnotaSpan *span = spans->pdata[i];
      AnnotaLabel *label = self->labels ? annota_label_set_lookup (self->labels, annota_span_get_label (span)) : NULL;
      const char *status;
      g_autofree char *line = NULL;

      switch (annota_span_get_status (span))
        {
        case ANNOTA_SPAN_STATUS_SUGGESTED:
          status = _("suggested");
          break;
        case ANNOTA_SPAN_STATUS_REJECTED:
          status = _("rejected");
          break;
        case ANNOTA_SPAN_STATUS_ACCEPTED:
        default:
          status = _("accepted");
          break;
        }
      line = g_markup_printf_escaped ("<b>%s</b> %s · %s",
                                      annota_span_get_label (span),
                                      label ? annota_label_get_name (label) : "",
                                      status);
      if (i > 0)
        g_string_append_c (markup, '\n');
      g_string_append (markup, line);
      if (annota_span_has_score (span))
        {
          /* TRANSLATORS: the confidence of a suggested span, 0.00 to 1.00 */
          g_autofree char *score = g_strdup_printf (_("score %.2f"), annota_span_get_score (span));
          g_string_append_printf (markup, " · %s", score);
        }
    }
  gtk_tooltip_set_markup (tooltip, markup->str);
  return TRUE;
}

/* Scrolling and style. */

static void
on_vadjustment_changed (GtkAdjustment  *adjustment,
                        AnnotaTextView *self)
{
  /* Not at once: the text view changes its adjustments while it validates
   * the lines on screen, and a tag applied then would invalidate them under
   * its feet. The idle runs before the frame is painted. */
  queue_update (self);
}

static void
on_notify_vadjustment (AnnotaTextView *self)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));

  if (adj == self->vadjustment)
    return;
  if (self->vadjustment != NULL)
    {
      g_clear_signal_handler (&self->vadjustment_id, self->vadjustment);
      g_signal_handlers_disconnect_by_func (self->vadjustment, on_vadjustment_changed, self);
    }
  g_set_object (&self->vadjustment, adj);
  if (adj != NULL)
    {
      self->vadjustment_id = g_signal_connect (adj, "value-changed", G_CALLBACK (on_vadjustment_changed), self);
      g_signal_connect (adj, "changed", G_CALLBACK (on_vadjustment_changed), self);
    }
}

static void
on_style_dark (AdwStyleManager *manager,
               GParamSpec      *pspec,
               AnnotaTextView  *self)
{
  restyle_all (self);
}

static void
annota_text_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  AnnotaTextView *self = ANNOTA_TEXT_VIEW (widget);

  if (width != self->geometry_width)
    {
      clear_geometry (self);
      self->geometry_width = width;
    }
  GTK_WIDGET_CLASS (annota_text_view_parent_class)->size_allocate (widget, width, height, baseline);
  /* The text view has just validated what is on screen: what of it is not
   * tagged yet is tagged now, so that this very frame shows the
   * highlights. */
  g_clear_handle_id (&self->update_id, g_source_remove);
  update_visible (self);
}

static void
annota_text_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (annota_text_view_parent_class)->map (widget);
  queue_update (ANNOTA_TEXT_VIEW (widget));
}

static void
annota_text_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  AnnotaTextView *self = ANNOTA_TEXT_VIEW (widget);
  PangoContext *context;
  const PangoFontDescription *font;
  double resolution;

  GTK_WIDGET_CLASS (annota_text_view_parent_class)->css_changed (widget, change);
  /* Focus and other states come here too; only another font moves text. */
  context = gtk_widget_get_pango_context (widget);
  font = pango_context_get_font_description (context);
  resolution = pango_cairo_context_get_resolution (context);
  if (self->font != NULL && font != NULL && pango_font_description_equal (self->font, font) &&
      resolution == self->resolution)
    return;
  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = font != NULL ? pango_font_description_copy (font) : NULL;
  self->resolution = resolution;
  g_hash_table_remove_all (self->looks);
  clear_geometry (self);
  gtk_widget_queue_draw (widget);
}

/* Text laid out anew: another text, a tag that is not ours (ours change
 * no sizes), another wrapping or spacing. */
static void
on_text_relaid (AnnotaTextView *self)
{
  clear_geometry (self);
}

static void
on_buffer_tag (GtkTextBuffer     *buffer,
               GtkTextTag        *tag,
               const GtkTextIter *start,
               const GtkTextIter *end,
               AnnotaTextView    *self)
{
  if (!self->tagging)
    clear_geometry (self);
}

/* The document. */

static void
disconnect_document (AnnotaTextView *self)
{
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  if (self->labels != NULL)
    g_clear_signal_handler (&self->labels_changed_id, self->labels);
  unwatch_labels (self);
  g_clear_object (&self->store);
  g_clear_object (&self->labels);
}

/* The buffer the view shows: its own from the start, or one filled
 * elsewhere (_annota_text_view_set_document_with_buffer). */
static void
attach_buffer (AnnotaTextView *self,
               GtkTextBuffer  *buffer)
{
  GtkTextIter start;

  self->buffer = buffer;
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_buffer_get_start_iter (buffer, &start);
  self->scroll_mark = gtk_text_buffer_create_mark (buffer, "annota-scroll", &start, TRUE);
  g_signal_connect (buffer, "mark-set", G_CALLBACK (on_mark_set), self);
  g_signal_connect (buffer, "notify::cursor-position", G_CALLBACK (on_cursor_position), self);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_text_relaid), self);
  g_signal_connect (buffer, "apply-tag", G_CALLBACK (on_buffer_tag), self);
  g_signal_connect (buffer, "remove-tag", G_CALLBACK (on_buffer_tag), self);
}

static void
detach_buffer (AnnotaTextView *self)
{
  if (self->buffer == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->buffer, on_mark_set, self);
  g_signal_handlers_disconnect_by_func (self->buffer, on_cursor_position, self);
  g_signal_handlers_disconnect_by_func (self->buffer, on_text_relaid, self);
  g_signal_handlers_disconnect_by_func (self->buffer, on_buffer_tag, self);
  self->buffer = NULL;
  self->scroll_mark = NULL;
}

static void
annota_text_view_dispose (GObject *object)
{
  AnnotaTextView *self = ANNOTA_TEXT_VIEW (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_handle_id (&self->ahead_id, g_source_remove);
  g_clear_handle_id (&self->click_id, g_source_remove);
  if (self->scroll_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
      self->scroll_tick_id = 0;
    }
  detach_buffer (self);
  if (self->vadjustment != NULL)
    {
      g_clear_signal_handler (&self->vadjustment_id, self->vadjustment);
      g_signal_handlers_disconnect_by_func (self->vadjustment, on_vadjustment_changed, self);
      g_clear_object (&self->vadjustment);
    }
  g_clear_signal_handler (&self->style_dark_id, adw_style_manager_get_default ());
  if (self->mirror != NULL)
    mirror_clear (self);
  disconnect_document (self);
  g_clear_object (&self->document);
  g_clear_object (&self->selected_span);
  g_clear_object (&self->press_selected);
  if (self->looks != NULL)
    g_hash_table_remove_all (self->looks);

  G_OBJECT_CLASS (annota_text_view_parent_class)->dispose (object);
}

static void
annota_text_view_finalize (GObject *object)
{
  AnnotaTextView *self = ANNOTA_TEXT_VIEW (object);

  g_clear_pointer (&self->mirror, g_hash_table_unref);
  g_clear_pointer (&self->by_key, g_sequence_free);
  g_clear_pointer (&self->region, g_array_unref);
  g_clear_pointer (&self->label_tags, g_hash_table_unref);
  g_clear_pointer (&self->looks, g_hash_table_unref);
  g_clear_pointer (&self->anchors, g_hash_table_unref);
  g_clear_pointer (&self->segments, g_hash_table_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->watched_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (annota_text_view_parent_class)->finalize (object);
}

static void
annota_text_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AnnotaTextView *self = ANNOTA_TEXT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SELECTED_SPAN:
      g_value_set_object (value, self->selected_span);
      break;
    case PROP_SNAP_MODE:
      g_value_set_enum (value, self->snap_mode);
      break;
    case PROP_SHOW_REJECTED:
      g_value_set_boolean (value, self->show_rejected);
      break;
    case PROP_CURSOR_OFFSET:
      g_value_set_uint (value, self->cursor_offset);
      break;
    case PROP_SELECTION_LENGTH:
      g_value_set_uint (value, self->selection_length);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_text_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AnnotaTextView *self = ANNOTA_TEXT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      annota_text_view_set_document (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_SPAN:
      annota_text_view_set_selected_span (self, g_value_get_object (value));
      break;
    case PROP_SNAP_MODE:
      annota_text_view_set_snap_mode (self, g_value_get_enum (value));
      break;
    case PROP_SHOW_REJECTED:
      annota_text_view_set_show_rejected (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_text_view_class_init (AnnotaTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = annota_text_view_dispose;
  object_class->finalize = annota_text_view_finalize;
  object_class->get_property = annota_text_view_get_property;
  object_class->set_property = annota_text_view_set_property;
  widget_class->size_allocate = annota_text_view_size_allocate;
  widget_class->map = annota_text_view_map;
  widget_class->css_changed = annota_text_view_css_changed;
  widget_class->query_tooltip = annota_text_view_query_tooltip;
  text_view_class->snapshot_layer = annota_text_view_snapshot_layer;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ANNOTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_SPAN] =
    g_param_spec_object ("selected-span", NULL, NULL, ANNOTA_TYPE_SPAN,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SNAP_MODE] =
    g_param_spec_enum ("snap-mode", NULL, NULL, ANNOTA_TYPE_SNAP_MODE, ANNOTA_SNAP_WORDS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_REJECTED] =
    g_param_spec_boolean ("show-rejected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURSOR_OFFSET] =
    g_param_spec_uint ("cursor-offset", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTION_LENGTH] =
    g_param_spec_uint ("selection-length", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "text.next-span", NULL, next_span_activated);
  gtk_widget_class_install_action (widget_class, "text.prev-span", NULL, prev_span_activated);
}

static void
install_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "annota-text-view-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css_data, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "annota-text-view-css",
                          g_object_ref (provider), g_object_unref);
}

static void
annota_text_view_init (AnnotaTextView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkEventController *legacy, *shortcuts;
  /* The properties of a text view that move text within its paragraphs. */
  static const char * const layout_properties[] = {
    "wrap-mode", "left-margin", "right-margin", "indent", "justification",
    "pixels-above-lines", "pixels-inside-wrap", "monospace", "tabs",
  };
  guint i;

  self->snap_mode = ANNOTA_SNAP_WORDS;
  self->mirror = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, entry_free);
  self->by_key = g_sequence_new (NULL);
  self->region = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
  self->label_tags = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->looks = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, look_free);
  self->anchors = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->segments = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  self->watched_labels = g_ptr_array_new_with_free_func (g_object_unref);

  install_css (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "annota-text-view");
  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, TRUE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (view, 32);
  gtk_text_view_set_right_margin (view, 32);
  gtk_text_view_set_top_margin (view, 24);
  gtk_text_view_set_bottom_margin (view, 32);
  /* Room above every display line for the chips, below for the bars. */
  gtk_text_view_set_pixels_above_lines (view, CHIP_GAP);
  gtk_text_view_set_pixels_inside_wrap (view, CHIP_GAP);
  gtk_text_view_set_pixels_below_lines (view, BELOW_GAP);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  attach_buffer (self, buffer);
  for (i = 0; i < G_N_ELEMENTS (layout_properties); i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", layout_properties[i], NULL);

      g_signal_connect (self, signal, G_CALLBACK (on_text_relaid), NULL);
    }

  g_signal_connect (self, "notify::vadjustment", G_CALLBACK (on_notify_vadjustment), NULL);
  self->style_dark_id = g_signal_connect (adw_style_manager_get_default (), "notify::dark",
                                          G_CALLBACK (on_style_dark), self);

  /* In the capture phase: the text view's own key handler turns Tab into
   * a focus move before any class shortcut would see it. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  add_tab_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Tab, 0, 1);
  add_tab_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_KP_Tab, 0, 1);
  add_tab_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, -1);
  add_tab_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Tab, GDK_SHIFT_MASK, -1);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  legacy = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (on_legacy_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self), legacy);
}

GtkWidget *
annota_text_view_new (void)
{
  return g_object_new (ANNOTA_TYPE_TEXT_VIEW, NULL);
}

void
annota_text_view_set_document (AnnotaTextView *self,
                               AnnotaDocument *document)
{
  g_return_if_fail (ANNOTA_IS_TEXT_VIEW (self));
  g_return_if_fail (document == NULL || ANNOTA_IS_DOCUMENT (document));

  _annota_text_view_set_document_with_buffer (self, document, NULL);
}

/* A buffer for the view holding text, made without touching any widget:
 * it may be made in another thread once GTK has started (its classes set
 * up in the main thread), and then belongs to the thread that takes it. */
GtkTextBuffer *
_annota_text_view_new_buffer (AnnotaText *text)
{
  GtkTextBuffer *buffer;

  g_return_val_if_fail (ANNOTA_IS_TEXT (text), NULL);

  buffer = gtk_text_buffer_new (NULL);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_buffer_set_text (buffer, annota_text_get_utf8 (text), annota_text_get_n_bytes (text));
  return buffer;
}

/* As annota_text_view_set_document (), with the document's text already
 * in filled (from _annota_text_view_new_buffer ()), which the view then
 * shows instead of copying the text into its own buffer. A buffer that
 * does not hold as many characters as the text is not used. */
void
_annota_text_view_set_document_with_buffer (AnnotaTextView *self,
                                            AnnotaDocument *document,
                                            GtkTextBuffer  *filled)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (ANNOTA_IS_TEXT_VIEW (self));
  g_return_if_fail (document == NULL || ANNOTA_IS_DOCUMENT (document));
  g_return_if_fail (filled == NULL || GTK_IS_TEXT_BUFFER (filled));

  if (self->document == document)
    return;
  if (filled != NULL &&
      (document == NULL ||
       (guint) gtk_text_buffer_get_char_count (filled) != annota_text_get_length (annota_document_get_text (document))))
    filled = NULL;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  set_selected_internal (self, NULL);
  g_clear_object (&self->press_selected);
  mirror_clear (self);
  g_array_set_size (self->region, 0);
  disconnect_document (self);
  /* Emptying the buffer drops every applied tag at once. */
  gtk_text_buffer_set_text (buffer, "", 0);
  remove_all_tags (self);
  g_hash_table_remove_all (self->looks);

  g_set_object (&self->document, document);
  if (document != NULL)
    {
      AnnotaText *text = annota_document_get_text (document);

      self->store = g_object_ref (annota_document_get_spans (document));
      self->labels = g_object_ref (annota_document_get_labels (document));
      self->store_changed_id = g_signal_connect (self->store, "items-changed",
                                                 G_CALLBACK (on_items_changed), self);
      self->labels_changed_id = g_signal_connect (self->labels, "items-changed",
                                                  G_CALLBACK (on_labels_changed), self);
      watch_labels (self);
      if (filled != NULL)
        {
          detach_buffer (self);
          gtk_text_view_set_buffer (GTK_TEXT_VIEW (self), filled);
          buffer = filled;
          attach_buffer (self, buffer);
          clear_geometry (self);
        }
      else
        gtk_text_buffer_set_text (buffer, annota_text_get_utf8 (text), annota_text_get_n_bytes (text));
      /* The view shows the top of a new text: tagged now, before GTK
       * measures those lines, they are laid out once, with their
       * highlights. The rest of the screen and what lies ahead follow. */
      tag_region (self, 0, MIN (annota_text_get_length (text), FIRST_SCREEN));
    }
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_place_cursor (buffer, &start);
  }
  update_cursor_properties (self);
  queue_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

AnnotaDocument *
annota_text_view_get_document (AnnotaTextView *self)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), NULL);

  return self->document;
}

AnnotaSpan *
annota_text_view_get_selected_span (AnnotaTextView *self)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), NULL);

  return self->selected_span;
}

void
annota_text_view_set_selected_span (AnnotaTextView *self,
                                    AnnotaSpan     *span)
{
  g_return_if_fail (ANNOTA_IS_TEXT_VIEW (self));
  g_return_if_fail (span == NULL || ANNOTA_IS_SPAN (span));
  g_return_if_fail (span == NULL || (self->store != NULL && annota_span_store_find (self->store, span, NULL)));

  select_span (self, span, TRUE);
}

gboolean
annota_text_view_get_snapped_selection (AnnotaTextView *self,
                                        guint          *start,
                                        guint          *end)
{
  GtkTextIter s, e;
  guint a, b;

  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), FALSE);

  if (self->document == NULL ||
      !gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &s, &e))
    return FALSE;
  a = gtk_text_iter_get_offset (&s);
  b = gtk_text_iter_get_offset (&e);
  if (self->snap_mode == ANNOTA_SNAP_WORDS)
    annota_text_snap_words (annota_document_get_text (self->document), &a, &b);
  else
    annota_text_snap_graphemes (annota_document_get_text (self->document), &a, &b);
  if (a >= b)
    return FALSE;
  if (start != NULL)
    *start = a;
  if (end != NULL)
    *end = b;
  return TRUE;
}

void
annota_text_view_select_range (AnnotaTextView *self,
                               guint           start,
                               guint           end)
{
  guint length;

  g_return_if_fail (ANNOTA_IS_TEXT_VIEW (self));
  g_return_if_fail (start <= end);

  length = self->document ? annota_document_get_length (self->document) : 0;
  start = MIN (start, length);
  end = MIN (end, length);
  select_offsets (self, start, end);
  if (self->selected_span != NULL &&
      (annota_span_get_start (self->selected_span) != start || annota_span_get_end (self->selected_span) != end))
    set_selected_internal (self, NULL);
  scroll_to_offset (self, start);
}

AnnotaSnapMode
annota_text_view_get_snap_mode (AnnotaTextView *self)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), ANNOTA_SNAP_WORDS);

  return self->snap_mode;
}

void
annota_text_view_set_snap_mode (AnnotaTextView *self,
                                AnnotaSnapMode  mode)
{
  g_return_if_fail (ANNOTA_IS_TEXT_VIEW (self));
  g_return_if_fail (mode == ANNOTA_SNAP_WORDS || mode == ANNOTA_SNAP_GRAPHEMES);

  if (self->snap_mode == mode)
    return;
  self->snap_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_MODE]);
}

gboolean
annota_text_view_get_show_rejected (AnnotaTextView *self)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), FALSE);

  return self->show_rejected;
}

void
annota_text_view_set_show_rejected (AnnotaTextView *self,
                                    gboolean        show)
{
  g_return_if_fail (ANNOTA_IS_TEXT_VIEW (self));

  show = !!show;
  if (self->show_rejected == show)
    return;
  self->show_rejected = show;
  /* Rejected spans change every nesting level around them: start over from
   * the visible region, which costs what the first frame costs. */
  if (self->document != NULL)
    reset_tagging (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_REJECTED]);
}

guint
annota_text_view_get_cursor_offset (AnnotaTextView *self)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), 0);

  return self->cursor_offset;
}

guint
annota_text_view_get_selection_length (AnnotaTextView *self)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), 0);

  return self->selection_length;
}

GtkTextTag *
annota_text_view_get_label_tag (AnnotaTextView   *self,
                                const char       *label,
                                AnnotaSpanStatus  status)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  return lookup_tag (self, g_intern_string (label), status, FALSE);
}

/* Test hooks. */

guint
_annota_text_view_get_n_tag_applications (AnnotaTextView *self)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), 0);

  return self->n_tag_applications;
}

guint
_annota_text_view_get_n_tagged_spans (AnnotaTextView *self)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), 0);

  return g_hash_table_size (self->mirror);
}

gboolean
_annota_text_view_is_range_tagged (AnnotaTextView *self,
                                   guint           start,
                                   guint           end)
{
  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), FALSE);

  return region_covers (self->region, start, end);
}

void
_annota_text_view_flush (AnnotaTextView *self)
{
  g_return_if_fail (ANNOTA_IS_TEXT_VIEW (self));

  g_clear_handle_id (&self->update_id, g_source_remove);
  update_visible (self);
}

guint
_annota_text_view_get_span_depth (AnnotaTextView *self,
                                  AnnotaSpan     *span)
{
  Entry *e;

  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), 0);
  g_return_val_if_fail (ANNOTA_IS_SPAN (span), 0);

  e = g_hash_table_lookup (self->mirror, span);
  if (e != NULL && !e->context)
    return e->depth;
  return self->store ? compute_depth (self, span) : 0;
}

gboolean
_annota_text_view_get_chip_rect (AnnotaTextView  *self,
                                 AnnotaSpan      *span,
                                 graphene_rect_t *rect)
{
  g_autoptr(GPtrArray) spans = NULL;
  GdkRectangle visible;
  Frame frame = { 0 };
  ChipRow row = { 0 };
  gboolean found = FALSE;
  guint a, b, i;

  g_return_val_if_fail (ANNOTA_IS_TEXT_VIEW (self), FALSE);
  g_return_val_if_fail (ANNOTA_IS_SPAN (span), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  /* The same steps as the snapshot's, since a chip's place depends on the
   * chips placed before it. */
  if (self->store == NULL || !visible_range (self, &a, &b))
    return FALSE;
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  frame_init (self, &visible, &frame);
  spans = collect_shown (self, a, b);
  for (i = 0; i < spans->len && !found; i++)
    {
      graphene_rect_t placed;

      if (annota_span_get_start (spans->pdata[i]) < a ||
          !place_chip (self, &frame, spans->pdata[i], &row, &placed))
        continue;
      if (spans->pdata[i] == span)
        {
          *rect = placed;
          found = TRUE;
        }
    }
  frame_clear (&frame);
  return found;
}
