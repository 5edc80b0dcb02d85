/* annota-span-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The models form one chain: the document's store, a GtkFilterListModel
 * (label, status, query), a GtkSortListModel (the column view's sorter, only
 * while the user asked for an order) and a GtkSingleSelection. With no
 * filter and no sort both middle models pass the store through untouched,
 * so 200,000 spans cost nothing until the user asks for something.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-span-panel.h"
#include "annota-swatch-private.h"

/* Stores larger than this are filtered and sorted in idle steps so that the
 * window stays responsive; smaller ones synchronously, which keeps the
 * results exact at once. */
#define INCREMENTAL_THRESHOLD 20000
/* Code points of a span's text shown in its row. */
#define MAX_SHOWN_CHARS 120

typedef enum {
  COLUMN_TEXT,
  COLUMN_LABEL,
  COLUMN_RANGE,
  COLUMN_STATUS,
  COLUMN_SCORE,
  COLUMN_ORIGIN,
} Column;

struct _AnnotaSpanPanel
{
  GtkWidget           parent_instance;

  AnnotaDocument     *document;
  AnnotaSpanStore    *store;
  AnnotaLabelSet     *labels;

  GtkWidget          *search_entry;
  GtkWidget          *label_dropdown;
  GtkWidget          *status_dropdown;
  GtkStringList      *label_ids;
  GtkWidget          *scroller;
  GtkWidget          *column_view;
  GtkWidget          *count_label;

  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;

  const char         *filter_label;   /* interned, NULL for any */
  int                 filter_status;  /* -1 for any */
  char               *filter_query;   /* casefolded, NULL for none */

  AnnotaSpan         *selected_span;
  guint               model_changing;
  guint               syncing;
  guint               removal_check_id;
  gboolean            rebuilding_labels;
  gboolean            scroll_when_done;
  guint               scroll_id;

  /* A large store reaches the list after the first frame (attach_model ()). */
  gboolean            attach_pending;
  guint               attach_id;
  gulong              map_id;
  GdkFrameClock      *attach_clock;
  gulong              after_paint_id;
};

G_DEFINE_FINAL_TYPE (AnnotaSpanPanel, annota_span_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SELECTED_SPAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Swatches */

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const GdkRGBA *rgba = g_object_get_data (G_OBJECT (area), "annota-swatch-rgba");
  GdkRGBA grey = { 0.6, 0.6, 0.6, 1.0 };
  double r = MIN (width, height) / 4.0;

  if (rgba == NULL)
    rgba = &grey;

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - r, r, r, -G_PI / 2, 0);
  cairo_arc (cr, width - r, height - r, r, 0, G_PI / 2);
  cairo_arc (cr, r, height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, r, r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, rgba);
  cairo_fill_preserve (cr);
  /* A faint edge keeps pale colours visible on a white row. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

GtkWidget *
_annota_swatch_new (int size)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), swatch_draw, NULL, NULL);
  return area;
}

void
_annota_swatch_set_color (GtkWidget  *swatch,
                          const char *color)
{
  GdkRGBA rgba;

  g_return_if_fail (GTK_IS_DRAWING_AREA (swatch));

  if (color != NULL && gdk_rgba_parse (&rgba, color))
    g_object_set_data_full (G_OBJECT (swatch), "annota-swatch-rgba",
                            gdk_rgba_copy (&rgba), (GDestroyNotify) gdk_rgba_free);
  else
    g_object_set_data (G_OBJECT (swatch), "annota-swatch-rgba", NULL);
  gtk_widget_queue_draw (swatch);
}

/* Texts */

static char *
covered_text (AnnotaSpanPanel *self,
              AnnotaSpan      *span,
              guint            max_chars)
{
  guint start = annota_span_get_start (span);
  guint end = annota_span_get_end (span);
  gboolean cut = FALSE;
  char *str;

  if (self->document == NULL)
    return g_strdup ("");

  if (max_chars > 0 && end - start > max_chars)
    {
      end = start + max_chars;
      cut = TRUE;
    }
  str = annota_text_substring (annota_document_get_text (self->document), start, end);
  if (max_chars > 0)
    {
      /* A row is one line. */
      for (char *p = str; *p != '\0'; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
          *p = ' ';
    }
  if (cut)
    {
      char *tmp = g_strconcat (str, "…", NULL);

      g_free (str);
      str = tmp;
    }
  return str;
}

static const char *
status_display_name (AnnotaSpanStatus status)
{
  switch (status)
    {
    case ANNOTA_SPAN_STATUS_SUGGESTED:
      return _("Suggested");
    case ANNOTA_SPAN_STATUS_ACCEPTED:
      return _("Accepted");
    case ANNOTA_SPAN_STATUS_REJECTED:
      return _("Rejected");
    default:
      return "";
    }
}

/* Cells */

typedef struct {
  AnnotaSpanPanel *panel;
  Column           column;
  AnnotaSpan      *span;
  AnnotaLabel     *label;
  gulong           span_handler;
  gulong           label_handler;
} Cell;

static void
cell_unwatch (Cell *cell)
{
  if (cell->label != NULL)
    {
      g_clear_signal_handler (&cell->label_handler, cell->label);
      g_clear_object (&cell->label);
    }
  if (cell->span != NULL)
    {
      g_clear_signal_handler (&cell->span_handler, cell->span);
      g_clear_object (&cell->span);
    }
}

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  cell_unwatch (cell);
  g_free (cell);
}

static void cell_refresh (Cell *cell, GtkListItem *item);

static void
on_cell_label_notify (AnnotaLabel *label,
                      GParamSpec  *pspec,
                      GtkListItem *item)
{
  Cell *cell = g_object_get_data (G_OBJECT (item), "annota-cell");

  cell_refresh (cell, item);
}

/* The label cell follows the colour of the label its span has now. */
static void
cell_watch_label (Cell        *cell,
                  GtkListItem *item)
{
  AnnotaLabel *label = NULL;

  if (cell->panel->labels != NULL && cell->span != NULL)
    label = annota_label_set_lookup (cell->panel->labels, annota_span_get_label (cell->span));
  if (label == cell->label)
    return;
  if (cell->label != NULL)
    {
      g_clear_signal_handler (&cell->label_handler, cell->label);
      g_clear_object (&cell->label);
    }
  if (label != NULL)
    {
      cell->label = g_object_ref (label);
      cell->label_handler = g_signal_connect (label, "notify::color",
                                              G_CALLBACK (on_cell_label_notify), item);
    }
}

static void
cell_refresh (Cell        *cell,
              GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);
  AnnotaSpan *span = cell->span;
  g_autofree char *str = NULL;

  if (span == NULL || child == NULL)
    return;

  switch (cell->column)
    {
    case COLUMN_TEXT:
      str = covered_text (cell->panel, span, MAX_SHOWN_CHARS);
      gtk_label_set_text (GTK_LABEL (child), str);
      break;

    case COLUMN_LABEL:
      {
        GtkWidget *swatch = gtk_widget_get_first_child (child);
        GtkWidget *label = gtk_widget_get_next_sibling (swatch);

        cell_watch_label (cell, item);
        _annota_swatch_set_color (swatch, cell->label != NULL ? annota_label_get_color (cell->label) : NULL);
        gtk_label_set_text (GTK_LABEL (label), annota_span_get_label (span));
      }
      break;

    case COLUMN_RANGE:
      /* TRANSLATORS: a span's range of characters, start–end */
      str = g_strdup_printf (_("%u–%u"), annota_span_get_start (span), annota_span_get_end (span));
      gtk_label_set_text (GTK_LABEL (child), str);
      break;

    case COLUMN_STATUS:
      gtk_label_set_text (GTK_LABEL (child), status_display_name (annota_span_get_status (span)));
      break;

    case COLUMN_SCORE:
      if (annota_span_has_score (span))
        str = g_strdup_printf ("%.2f", annota_span_get_score (span));
      gtk_label_set_text (GTK_LABEL (child), str != NULL ? str : "");
      break;

    case COLUMN_ORIGIN:
      {
        const char *origin = annota_span_get_origin (span);

        gtk_label_set_text (GTK_LABEL (child), origin != NULL ? origin : "");
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* An origin is ellipsized in a narrow panel: the whole name shows on hover.
 * It is looked up only then, since setting a tooltip asks the display where
 * the pointer is, a round trip for every cell bound. */
static gboolean
on_origin_query_tooltip (GtkWidget  *label,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip,
                         gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_cell_span_notify (AnnotaSpan  *span,
                     GParamSpec  *pspec,
                     GtkListItem *item)
{
  Cell *cell = g_object_get_data (G_OBJECT (item), "annota-cell");

  cell_refresh (cell, item);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            AnnotaSpanPanel          *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "annota-column"));
  Cell *cell = g_new0 (Cell, 1);
  GtkWidget *child;

  cell->panel = self;
  cell->column = column;
  g_object_set_data_full (G_OBJECT (item), "annota-cell", cell, cell_free);

  if (column == COLUMN_LABEL)
    {
      GtkWidget *label = gtk_label_new (NULL);

      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (child), _annota_swatch_new (12));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (child), label);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), column == COLUMN_SCORE ? 1 : 0);
      gtk_label_set_single_line_mode (GTK_LABEL (child), TRUE);
      if (column == COLUMN_TEXT)
        {
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
          /* The covered text matters most in a narrow panel: it gets room
           * before the other columns grow. */
          gtk_label_set_width_chars (GTK_LABEL (child), 14);
          gtk_label_set_max_width_chars (GTK_LABEL (child), 32);
        }
      else if (column == COLUMN_ORIGIN)
        {
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
          gtk_label_set_width_chars (GTK_LABEL (child), 4);
          gtk_label_set_max_width_chars (GTK_LABEL (child), 8);
          gtk_widget_add_css_class (child, "dim-label");
          gtk_widget_set_has_tooltip (child, TRUE);
          g_signal_connect (child, "query-tooltip", G_CALLBACK (on_origin_query_tooltip), NULL);
        }
      if (column == COLUMN_RANGE || column == COLUMN_SCORE)
        gtk_widget_add_css_class (child, "numeric");
    }
  gtk_list_item_set_child (item, child);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           AnnotaSpanPanel          *self)
{
  Cell *cell = g_object_get_data (G_OBJECT (item), "annota-cell");
  AnnotaSpan *span = gtk_list_item_get_item (item);

  cell_unwatch (cell);
  if (span == NULL)
    return;
  cell->span = g_object_ref (span);
  cell->span_handler = g_signal_connect (span, "notify", G_CALLBACK (on_cell_span_notify), item);
  cell_refresh (cell, item);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AnnotaSpanPanel          *self)
{
  Cell *cell = g_object_get_data (G_OBJECT (item), "annota-cell");

  cell_unwatch (cell);
}

static void
teardown_cell (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AnnotaSpanPanel          *self)
{
  g_object_set_data (G_OBJECT (item), "annota-cell", NULL);
}

/* Sort keys */

static char *
span_text_key (AnnotaSpan      *span,
               AnnotaSpanPanel *self)
{
  return covered_text (self, span, 0);
}

static char *
span_origin_key (AnnotaSpan *span,
                 gpointer    user_data)
{
  const char *origin = annota_span_get_origin (span);

  return g_strdup (origin != NULL ? origin : "");
}

static int
span_status_key (AnnotaSpan *span,
                 gpointer    user_data)
{
  return annota_span_get_status (span);
}

static double
span_score_key (AnnotaSpan *span,
                gpointer    user_data)
{
  return annota_span_has_score (span) ? annota_span_get_score (span) : -1.0;
}

static int
compare_by_range (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return annota_span_compare ((AnnotaSpan *) a, (AnnotaSpan *) b);
}

static void
add_column (AnnotaSpanPanel *self,
            Column           column,
            const char      *title,
            GtkSorter       *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_object_set_data (G_OBJECT (factory), "annota-column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_cell), self);

  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (col, sorter);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (column == COLUMN_TEXT)
    gtk_column_view_column_set_expand (col, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), col);
  g_object_unref (col);
  g_object_unref (sorter);
}

/* Filtering */

static gboolean
span_matches (gpointer item,
              gpointer user_data)
{
  AnnotaSpanPanel *self = user_data;
  AnnotaSpan *span = item;

  /* Span labels are interned, so pointers compare. */
  if (self->filter_label != NULL && annota_span_get_label (span) != self->filter_label)
    return FALSE;
  if (self->filter_status >= 0 && (int) annota_span_get_status (span) != self->filter_status)
    return FALSE;
  if (self->filter_query != NULL)
    {
      g_autofree char *text = covered_text (self, span, 0);
      g_autofree char *folded = g_utf8_casefold (text, -1);

      if (strstr (folded, self->filter_query) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_filtered (AnnotaSpanPanel *self)
{
  return self->filter_label != NULL || self->filter_status >= 0 || self->filter_query != NULL;
}

static gboolean
is_sorted (AnnotaSpanPanel *self)
{
  return gtk_sort_list_model_get_sorter (self->sort_model) != NULL;
}

static void on_pending_changed (GObject         *model,
                                GParamSpec      *pspec,
                                AnnotaSpanPanel *self);

/* GTK 4.8 cannot turn incremental filtering off: it filters what is left
 * without telling the list (which then aborts), and with no filter set it
 * copies matches it does not have (a critical). So once a large document
 * gives way to a small one, the filter model is made anew. */
static void
set_filter_incremental (AnnotaSpanPanel *self,
                        gboolean         incremental)
{
  GtkFilterListModel *old = self->filter_model;
  GListModel *model;

  if (gtk_filter_list_model_get_incremental (old) == incremental)
    return;
  if (incremental)
    {
      gtk_filter_list_model_set_incremental (old, TRUE);
      return;
    }
  model = gtk_filter_list_model_get_model (old);
  self->filter_model = gtk_filter_list_model_new (model != NULL ? g_object_ref (model) : NULL,
                                                  GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect (self->filter_model, "notify::pending", G_CALLBACK (on_pending_changed), self);
  self->syncing++;
  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->filter_model));
  self->syncing--;
  g_signal_handlers_disconnect_by_data (old, self);
  g_object_unref (old);
}

static void
update_incremental (AnnotaSpanPanel *self)
{
  gboolean large = self->store != NULL &&
                   annota_span_store_get_n_spans (self->store) > INCREMENTAL_THRESHOLD;

  set_filter_incremental (self, large);
  gtk_sort_list_model_set_incremental (self->sort_model, large);
}

static void scroll_to_selection_or_top (AnnotaSpanPanel *self);

static void
refilter (AnnotaSpanPanel *self)
{
  update_incremental (self);
  if (is_filtered (self))
    gtk_custom_filter_set_filter_func (self->filter, span_matches, self, NULL);
  else
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  scroll_to_selection_or_top (self);
}

static void
on_search_changed (GtkSearchEntry  *entry,
                   AnnotaSpanPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  char *query = NULL;

  if (text != NULL && *text != '\0')
    query = g_utf8_casefold (text, -1);
  if (g_strcmp0 (query, self->filter_query) == 0)
    {
      g_free (query);
      return;
    }
  g_free (self->filter_query);
  self->filter_query = query;
  refilter (self);
}

static void
on_status_selected (GtkDropDown     *dropdown,
                    GParamSpec      *pspec,
                    AnnotaSpanPanel *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  int status = (selected == 0 || selected == GTK_INVALID_LIST_POSITION) ? -1 : (int) selected - 1;

  if (status == self->filter_status)
    return;
  self->filter_status = status;
  refilter (self);
}

static void
on_label_selected (GtkDropDown     *dropdown,
                   GParamSpec      *pspec,
                   AnnotaSpanPanel *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *label = NULL;

  if (self->rebuilding_labels)
    return;
  if (selected != 0 && selected != GTK_INVALID_LIST_POSITION)
    label = g_intern_string (gtk_string_list_get_string (self->label_ids, selected));
  if (label == self->filter_label)
    return;
  self->filter_label = label;
  refilter (self);
}

static void
rebuild_label_ids (AnnotaSpanPanel *self)
{
  guint n = self->labels != NULL ? annota_label_set_get_n_labels (self->labels) : 0;
  g_autofree const char **ids = g_new0 (const char *, n + 2);
  guint selected = 0;
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->label_ids));

  ids[0] = _("All Labels");
  for (guint i = 0; i < n; i++)
    {
      ids[i + 1] = annota_label_get_id (annota_label_set_peek (self->labels, i));
      if (self->filter_label != NULL && g_strcmp0 (ids[i + 1], self->filter_label) == 0)
        selected = i + 1;
    }

  self->rebuilding_labels = TRUE;
  gtk_string_list_splice (self->label_ids, 0, old_n, ids);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->label_dropdown), selected);
  self->rebuilding_labels = FALSE;

  /* The label filtered by may be gone. */
  on_label_selected (GTK_DROP_DOWN (self->label_dropdown), NULL, self);
}

static void
on_labels_changed (GListModel      *model,
                   guint            position,
                   guint            removed,
                   guint            added,
                   AnnotaSpanPanel *self)
{
  rebuild_label_ids (self);
}

static void
on_counts_changed (AnnotaDocument  *document,
                   AnnotaSpanPanel *self)
{
  /* A status changes without any items-changed, so a status filter has to
   * look again. */
  if (self->filter_status >= 0)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Counting */

static void
update_count (AnnotaSpanPanel *self)
{
  guint total = self->store != NULL ? annota_span_store_get_n_spans (self->store) : 0;
  guint shown = self->attach_pending ? total : g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *str = NULL;

  if (shown == total)
    str = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u span", "%u spans", total), total);
  else
    /* TRANSLATORS: spans shown by the filters, of all spans */
    str = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u span", "%u of %u spans", total),
                           shown, total);
  gtk_label_set_text (GTK_LABEL (self->count_label), str);
}

/* Selection */

static gboolean
span_in_store (AnnotaSpanPanel *self,
               AnnotaSpan      *span,
               guint           *position)
{
  guint pos;

  if (span == NULL || self->store == NULL)
    return FALSE;
  return annota_span_store_find (self->store, span, position != NULL ? position : &pos);
}

/* The row of span in the shown model, or GTK_INVALID_LIST_POSITION. Without
 * a sort the shown rows keep the store's order, so a binary search finds it;
 * without a filter either, the store knows the position itself. */
static guint
find_row (AnnotaSpanPanel *self,
          AnnotaSpan      *span)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);
  guint store_pos;
  guint lo = 0;
  guint hi = n;

  if (!span_in_store (self, span, &store_pos))
    return GTK_INVALID_LIST_POSITION;

  if (is_sorted (self))
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AnnotaSpan) item = g_list_model_get_item (model, i);

          if (item == span)
            return i;
        }
      return GTK_INVALID_LIST_POSITION;
    }

  if (n == annota_span_store_get_n_spans (self->store))
    return store_pos;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(AnnotaSpan) item = g_list_model_get_item (model, mid);

      if (annota_span_compare (item, span) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (; lo < n; lo++)
    {
      g_autoptr(AnnotaSpan) item = g_list_model_get_item (model, lo);

      if (item == span)
        return lo;
      if (annota_span_compare (item, span) != 0)
        break;
    }
  return GTK_INVALID_LIST_POSITION;
}

static GtkWidget *
get_list_view (AnnotaSpanPanel *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->column_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

static void
scroll_to_row (AnnotaSpanPanel *self,
               guint            position)
{
  GtkWidget *list_view = get_list_view (self);

  if (list_view != NULL && position < g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)))
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

/* After the rows changed wholesale, the place the list was scrolled to
 * means nothing: show the selected row, or the first. */
static void
scroll_to_selection_or_top (AnnotaSpanPanel *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  scroll_to_row (self, position != GTK_INVALID_LIST_POSITION ? position : 0);
  /* Incremental filtering and sorting finish later: scroll again then. */
  self->scroll_when_done = gtk_filter_list_model_get_pending (self->filter_model) > 0 ||
                           gtk_sort_list_model_get_pending (self->sort_model) > 0;
}

static gboolean
scroll_when_done (gpointer user_data)
{
  AnnotaSpanPanel *self = user_data;

  self->scroll_id = 0;
  scroll_to_selection_or_top (self);
  return G_SOURCE_REMOVE;
}

static void
on_pending_changed (GObject         *model,
                    GParamSpec      *pspec,
                    AnnotaSpanPanel *self)
{
  /* The models tell of pending before they tell of their items: scroll
   * once they are consistent again. */
  if (self->scroll_when_done && self->scroll_id == 0 &&
      gtk_filter_list_model_get_pending (self->filter_model) == 0 &&
      gtk_sort_list_model_get_pending (self->sort_model) == 0)
    self->scroll_id = g_idle_add (scroll_when_done, self);
}

/* Makes the selection model show self->selected_span (or nothing). */
static guint
sync_selection (AnnotaSpanPanel *self)
{
  AnnotaSpan *current = gtk_single_selection_get_selected_item (self->selection);
  guint position;

  if (current != NULL && current == self->selected_span)
    return gtk_single_selection_get_selected (self->selection);

  position = self->selected_span != NULL ? find_row (self, self->selected_span)
                                         : GTK_INVALID_LIST_POSITION;
  self->syncing++;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing--;
  return position;
}

static void
set_selected_span_internal (AnnotaSpanPanel *self,
                            AnnotaSpan      *span)
{
  if (g_set_object (&self->selected_span, span))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SPAN]);
}

static void
on_selected_item_changed (GtkSingleSelection *selection,
                          GParamSpec         *pspec,
                          AnnotaSpanPanel    *self)
{
  /* Rows that come and go with the models do not change the user's choice;
   * sync_selection () puts it back once the models are done. */
  if (self->syncing > 0 || self->model_changing > 0)
    return;
  set_selected_span_internal (self, gtk_single_selection_get_selected_item (selection));
}

static void
on_shown_items_changed_before (GListModel      *model,
                               guint            position,
                               guint            removed,
                               guint            added,
                               AnnotaSpanPanel *self)
{
  self->model_changing++;
}

static void
on_shown_items_changed_after (GListModel      *model,
                              guint            position,
                              guint            removed,
                              guint            added,
                              AnnotaSpanPanel *self)
{
  self->model_changing--;
  if (self->model_changing == 0)
    {
      sync_selection (self);
      update_count (self);
    }
}

static gboolean
check_selected_removed (gpointer user_data)
{
  AnnotaSpanPanel *self = user_data;

  self->removal_check_id = 0;
  if (self->selected_span != NULL && !span_in_store (self, self->selected_span, NULL))
    {
      set_selected_span_internal (self, NULL);
      sync_selection (self);
    }
  return G_SOURCE_REMOVE;
}

static void
on_store_items_changed (GListModel      *model,
                        guint            position,
                        guint            removed,
                        guint            added,
                        AnnotaSpanPanel *self)
{
  /* The store moves a span by a removal and an addition, so a selected span
   * missing now may be back in a moment: decide once the change is over. */
  if (removed > 0 && self->selected_span != NULL && self->removal_check_id == 0 &&
      !span_in_store (self, self->selected_span, NULL))
    self->removal_check_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, check_selected_removed, self, NULL);
  update_count (self);
}

static void
on_sorter_changed (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   AnnotaSpanPanel *self)
{
  GtkSorter *want = gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE ? NULL : sorter;

  if (gtk_sort_list_model_get_sorter (self->sort_model) == want)
    return;
  update_incremental (self);
  gtk_sort_list_model_set_sorter (self->sort_model, want);
  scroll_to_selection_or_top (self);
}

/* Attaching. Giving the list a store of 200,000 spans costs it a good part
 * of a frame, so a large store reaches it only once the first frame in
 * which the panel shows has been painted: the text comes first. */

static void
cancel_attach (AnnotaSpanPanel *self)
{
  g_clear_handle_id (&self->attach_id, g_source_remove);
  if (self->attach_clock != NULL)
    {
      g_clear_signal_handler (&self->after_paint_id, self->attach_clock);
      g_clear_object (&self->attach_clock);
    }
  g_clear_signal_handler (&self->map_id, self);
  self->attach_pending = FALSE;
}

static void
attach_model (AnnotaSpanPanel *self)
{
  guint position;

  cancel_attach (self);
  self->syncing++;
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->store));
  self->syncing--;
  position = sync_selection (self);
  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to_row (self, position);
  update_count (self);
}

static gboolean
attach_idle_cb (gpointer user_data)
{
  AnnotaSpanPanel *self = user_data;

  self->attach_id = 0;
  attach_model (self);
  return G_SOURCE_REMOVE;
}

static void
on_attach_after_paint (GdkFrameClock   *clock,
                       AnnotaSpanPanel *self)
{
  g_clear_signal_handler (&self->after_paint_id, self->attach_clock);
  g_clear_object (&self->attach_clock);
  /* Right after the frame, before anything else waiting. */
  if (self->attach_id == 0)
    self->attach_id = g_idle_add_full (GDK_PRIORITY_REDRAW + 1, attach_idle_cb, self, NULL);
}

static void wait_for_paint (AnnotaSpanPanel *self);

static void
on_attach_map (AnnotaSpanPanel *self)
{
  g_clear_signal_handler (&self->map_id, self);
  wait_for_paint (self);
}

/* Attaches after the next frame in which the panel is shown. */
static void
wait_for_paint (AnnotaSpanPanel *self)
{
  GdkFrameClock *clock = NULL;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    {
      self->map_id = g_signal_connect (self, "map", G_CALLBACK (on_attach_map), NULL);
      return;
    }
  self->attach_clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_attach_after_paint), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Document */

static void
disconnect_document (AnnotaSpanPanel *self)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->labels != NULL)
    g_signal_handlers_disconnect_by_data (self->labels, self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->store);
  g_clear_object (&self->labels);
}

static void
annota_span_panel_dispose (GObject *object)
{
  AnnotaSpanPanel *self = ANNOTA_SPAN_PANEL (object);
  GtkWidget *child;

  g_clear_handle_id (&self->removal_check_id, g_source_remove);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  cancel_attach (self);
  disconnect_document (self);
  g_clear_object (&self->document);
  g_clear_object (&self->selected_span);

  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view)), self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->sort_model != NULL)
    g_signal_handlers_disconnect_by_data (self->sort_model, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->column_view = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->label_ids);

  G_OBJECT_CLASS (annota_span_panel_parent_class)->dispose (object);
}

static void
annota_span_panel_finalize (GObject *object)
{
  AnnotaSpanPanel *self = ANNOTA_SPAN_PANEL (object);

  g_free (self->filter_query);
  G_OBJECT_CLASS (annota_span_panel_parent_class)->finalize (object);
}

static void
annota_span_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnnotaSpanPanel *self = ANNOTA_SPAN_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_SELECTED_SPAN:
      g_value_set_object (value, annota_span_panel_get_selected_span (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_span_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnnotaSpanPanel *self = ANNOTA_SPAN_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      annota_span_panel_set_document (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_SPAN:
      annota_span_panel_set_selected_span (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_span_panel_class_init (AnnotaSpanPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = annota_span_panel_dispose;
  object_class->finalize = annota_span_panel_finalize;
  object_class->get_property = annota_span_panel_get_property;
  object_class->set_property = annota_span_panel_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         ANNOTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * AnnotaSpanPanel:selected-span:
   *
   * The span of the selected row: notified when the user picks a row (or
   * unselects it) and when the span leaves the document; setting it selects
   * and shows its row. A span hidden by the filters stays selected and its
   * row is selected again when the filters show it.
   */
  properties[PROP_SELECTED_SPAN] =
    g_param_spec_object ("selected-span", NULL, NULL,
                         ANNOTA_TYPE_SPAN,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annota-span-panel");
}

static void
annota_span_panel_init (AnnotaSpanPanel *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *filters;
  const char *statuses[] = { _("All Statuses"), _("Suggested"), _("Accepted"), _("Rejected"), NULL };
  const char *all_labels[] = { _("All Labels"), NULL };

  self->filter_status = -1;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  /* Filters */
  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Filter Spans"), NULL);
  gtk_widget_set_margin_start (self->search_entry, 6);
  gtk_widget_set_margin_end (self->search_entry, 6);
  gtk_widget_set_margin_top (self->search_entry, 6);
  gtk_widget_set_parent (self->search_entry, GTK_WIDGET (self));
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);

  filters = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (filters), TRUE);
  gtk_widget_set_margin_start (filters, 6);
  gtk_widget_set_margin_end (filters, 6);
  gtk_widget_set_parent (filters, GTK_WIDGET (self));

  self->label_ids = gtk_string_list_new (all_labels);
  self->label_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->label_ids)), NULL);
  gtk_widget_set_tooltip_text (self->label_dropdown, _("Show Spans of One Label"));
  gtk_box_append (GTK_BOX (filters), self->label_dropdown);
  g_signal_connect (self->label_dropdown, "notify::selected", G_CALLBACK (on_label_selected), self);

  self->status_dropdown = gtk_drop_down_new_from_strings (statuses);
  gtk_widget_set_tooltip_text (self->status_dropdown, _("Show Spans of One Status"));
  gtk_box_append (GTK_BOX (filters), self->status_dropdown);
  g_signal_connect (self->status_dropdown, "notify::selected", G_CALLBACK (on_status_selected), self);

  /* Models. The brackets around the shown model's items-changed must be
   * connected before the selection model connects its own handler. */
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)), NULL);
  g_signal_connect (self->sort_model, "items-changed", G_CALLBACK (on_shown_items_changed_before), self);
  g_signal_connect_after (self->sort_model, "items-changed", G_CALLBACK (on_shown_items_changed_after), self);
  g_signal_connect (self->sort_model, "notify::pending", G_CALLBACK (on_pending_changed), self);
  g_signal_connect (self->filter_model, "notify::pending", G_CALLBACK (on_pending_changed), self);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (on_selected_item_changed), self);

  /* The list */
  self->column_view = gtk_column_view_new (NULL);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->column_view), FALSE);
  gtk_widget_add_css_class (self->column_view, "data-table");

  add_column (self, COLUMN_TEXT, _("Text"),
              GTK_SORTER (gtk_string_sorter_new (gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                                              G_CALLBACK (span_text_key),
                                                                              self, NULL))));
  add_column (self, COLUMN_LABEL, _("Label"),
              GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (ANNOTA_TYPE_SPAN, NULL, "label"))));
  add_column (self, COLUMN_RANGE, _("Range"),
              GTK_SORTER (gtk_custom_sorter_new (compare_by_range, NULL, NULL)));
  add_column (self, COLUMN_STATUS, _("Status"),
              GTK_SORTER (gtk_numeric_sorter_new (gtk_cclosure_expression_new (G_TYPE_INT, NULL, 0, NULL,
                                                                               G_CALLBACK (span_status_key),
                                                                               NULL, NULL))));
  add_column (self, COLUMN_SCORE, _("Score"),
              GTK_SORTER (gtk_numeric_sorter_new (gtk_cclosure_expression_new (G_TYPE_DOUBLE, NULL, 0, NULL,
                                                                               G_CALLBACK (span_score_key),
                                                                               NULL, NULL))));
  add_column (self, COLUMN_ORIGIN, _("Origin"),
              GTK_SORTER (gtk_string_sorter_new (gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                                              G_CALLBACK (span_origin_key),
                                                                              NULL, NULL))));
  g_signal_connect (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view)), "changed",
                    G_CALLBACK (on_sorter_changed), self);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->column_view);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->count_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->count_label), 0);
  gtk_widget_add_css_class (self->count_label, "caption");
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_widget_set_margin_start (self->count_label, 6);
  gtk_widget_set_margin_end (self->count_label, 6);
  gtk_widget_set_margin_bottom (self->count_label, 6);
  gtk_widget_set_parent (self->count_label, GTK_WIDGET (self));
  update_count (self);
}

GtkWidget *
annota_span_panel_new (void)
{
  return g_object_new (ANNOTA_TYPE_SPAN_PANEL, NULL);
}

void
annota_span_panel_set_document (AnnotaSpanPanel *self,
                                AnnotaDocument  *document)
{
  g_return_if_fail (ANNOTA_IS_SPAN_PANEL (self));
  g_return_if_fail (document == NULL || ANNOTA_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  g_clear_handle_id (&self->removal_check_id, g_source_remove);
  cancel_attach (self);
  /* Let go of the old store first: nothing filters it any more. */
  self->syncing++;
  gtk_filter_list_model_set_model (self->filter_model, NULL);
  self->syncing--;
  disconnect_document (self);
  g_set_object (&self->document, document);
  set_selected_span_internal (self, NULL);

  if (document != NULL)
    {
      self->store = g_object_ref (annota_document_get_spans (document));
      self->labels = g_object_ref (annota_document_get_labels (document));
      /* Connected before the filter model sees the store, so it runs
       * after it too: the removal check sees the finished change. */
      g_signal_connect_after (self->store, "items-changed", G_CALLBACK (on_store_items_changed), self);
      g_signal_connect (self->labels, "items-changed", G_CALLBACK (on_labels_changed), self);
      g_signal_connect (document, "counts-changed", G_CALLBACK (on_counts_changed), self);
    }

  rebuild_label_ids (self);
  update_incremental (self);
  if (self->store != NULL && annota_span_store_get_n_spans (self->store) > INCREMENTAL_THRESHOLD)
    {
      self->attach_pending = TRUE;
      wait_for_paint (self);
      sync_selection (self);
      update_count (self);
    }
  else
    attach_model (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

AnnotaSpan *
annota_span_panel_get_selected_span (AnnotaSpanPanel *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN_PANEL (self), NULL);

  /* A span just removed is already gone here, before the notify. */
  if (self->selected_span != NULL && !span_in_store (self, self->selected_span, NULL))
    return NULL;
  return self->selected_span;
}

void
annota_span_panel_set_selected_span (AnnotaSpanPanel *self,
                                     AnnotaSpan      *span)
{
  guint position;

  g_return_if_fail (ANNOTA_IS_SPAN_PANEL (self));
  g_return_if_fail (span == NULL || ANNOTA_IS_SPAN (span));

  if (span != NULL && !span_in_store (self, span, NULL))
    span = NULL;

  set_selected_span_internal (self, span);
  position = sync_selection (self);
  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to_row (self, position);
}

guint
annota_span_panel_get_n_visible (AnnotaSpanPanel *self)
{
  g_return_val_if_fail (ANNOTA_IS_SPAN_PANEL (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
}
