/* annota-stats-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart is drawn with cairo in a GtkDrawingArea: one row per label, a
 * bar of its accepted spans in the label's colour, then its suggested ones
 * lighter, then its rejected ones in grey. Counts come from the document's
 * live counts, so a redraw costs O(labels); the review progress needs a walk
 * over the spans and is made only while the page is shown.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "annota-stats-view.h"

#define ROW_HEIGHT   26
#define BAR_HEIGHT   14
#define NAME_WIDTH   72
#define COUNT_WIDTH  56

struct _AnnotaStatsView
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkWidget       *chart;
  GtkWidget       *empty_label;
  GtkProgressBar  *progress_bar;
  GtkLabel        *progress_label;
  GtkLabel        *state_label;
  GtkWidget       *agreement_box;
  GtkLabel        *agreement_title;
  GtkGrid         *agreement_grid;
  GtkLabel        *kappa_label;

  AnnotaDocument  *document;
  GSignalGroup    *document_signals;
  GSignalGroup    *labels_signals;
  AnnotaAgreement *agreement;
  guint            refresh_id;
};

G_DEFINE_FINAL_TYPE (AnnotaStatsView, annota_stats_view, GTK_TYPE_WIDGET)

static void
parse_color (const char *spec,
             GdkRGBA    *rgba)
{
  if (spec == NULL || !gdk_rgba_parse (rgba, spec))
    gdk_rgba_parse (rgba, "#9a9996");
}

static guint
label_total (AnnotaDocument *document,
             const char     *id,
             guint          *by_status)
{
  by_status[0] = annota_document_count_spans (document, id, ANNOTA_SPAN_STATUS_ACCEPTED);
  by_status[1] = annota_document_count_spans (document, id, ANNOTA_SPAN_STATUS_SUGGESTED);
  by_status[2] = annota_document_count_spans (document, id, ANNOTA_SPAN_STATUS_REJECTED);
  return by_status[0] + by_status[1] + by_status[2];
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  AnnotaStatsView *self = user_data;
  AnnotaLabelSet *labels;
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (area));
  GdkRGBA fg;
  guint n, max = 1;
  double bar_width;

  if (self->document == NULL)
    return;
  labels = annota_document_get_labels (self->document);
  n = annota_label_set_get_n_labels (labels);
  gtk_style_context_get_color (style, &fg);

  for (guint i = 0; i < n; i++)
    {
      guint by_status[3];

      max = MAX (max, label_total (self->document, annota_label_get_id (annota_label_set_peek (labels, i)),
                                   by_status));
    }
  bar_width = MAX (1, width - NAME_WIDTH - COUNT_WIDTH - 12);

  for (guint i = 0; i < n; i++)
    {
      AnnotaLabel *label = annota_label_set_peek (labels, i);
      PangoLayout *layout;
      guint by_status[3];
      guint total = label_total (self->document, annota_label_get_id (label), by_status);
      double y = i * ROW_HEIGHT;
      double x = NAME_WIDTH;
      GdkRGBA color;
      char count[16];
      int text_w, text_h;

      parse_color (annota_label_get_color (label), &color);

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), annota_label_get_id (label));
      pango_layout_set_width (layout, (NAME_WIDTH - 8) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 0, y + (ROW_HEIGHT - text_h) / 2.0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);

      for (guint s = 0; s < 3; s++)
        {
          double w = bar_width * by_status[s] / max;
          double top = y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0;

          if (by_status[s] == 0)
            continue;
          w = MAX (w, 2);
          cairo_rectangle (cr, x, top, w, BAR_HEIGHT);
          if (s == 0)
            {
              gdk_cairo_set_source_rgba (cr, &color);
              cairo_fill (cr);
            }
          else if (s == 1)
            {
              /* Suggested: lighter, outlined in the label's colour, as in the text. */
              cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.35);
              cairo_fill_preserve (cr);
              gdk_cairo_set_source_rgba (cr, &color);
              cairo_set_line_width (cr, 1);
              cairo_save (cr);
              cairo_new_path (cr);
              cairo_rectangle (cr, x + 0.5, top + 0.5, w - 1, BAR_HEIGHT - 1);
              cairo_stroke (cr);
              cairo_restore (cr);
            }
          else
            {
              cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.2);
              cairo_fill (cr);
            }
          cairo_new_path (cr);
          x += w;
        }

      g_snprintf (count, sizeof count, "%u", total);
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), count);
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      cairo_move_to (cr, x + 6, y + (ROW_HEIGHT - text_h) / 2.0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
}

static gboolean
on_chart_query_tooltip (GtkWidget       *widget,
                        int              x,
                        int              y,
                        gboolean         keyboard,
                        GtkTooltip      *tooltip,
                        AnnotaStatsView *self)
{
  AnnotaLabelSet *labels;
  AnnotaLabel *label;
  guint by_status[3];
  g_autofree char *text = NULL;
  guint row = y / ROW_HEIGHT;

  if (self->document == NULL || y < 0)
    return FALSE;
  labels = annota_document_get_labels (self->document);
  label = annota_label_set_peek (labels, row);
  if (label == NULL)
    return FALSE;
  label_total (self->document, annota_label_get_id (label), by_status);
  /* Translators: the tooltip of a label's bar in the statistics chart. */
  text = g_strdup_printf (_("%s: %u accepted, %u suggested, %u rejected"),
                          annota_label_get_name (label), by_status[0], by_status[1], by_status[2]);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static gboolean
count_reviewed_cb (AnnotaSpan *span,
                   gpointer    user_data)
{
  guint *n = user_data;

  if (annota_span_get_reviewed (span))
    (*n)++;
  return TRUE;
}

static void
update_progress (AnnotaStatsView *self)
{
  g_autofree char *text = NULL;
  guint n_reviewed = 0, n_open, n_items, length;
  const char *state = NULL;

  if (self->document == NULL)
    return;

  length = annota_document_get_length (self->document);
  if (length > 0)
    annota_span_store_foreach_in_range (annota_document_get_spans (self->document), 0, length,
                                        count_reviewed_cb, &n_reviewed);
  n_open = annota_document_count_spans (self->document, NULL, ANNOTA_SPAN_STATUS_SUGGESTED);
  n_items = n_reviewed + n_open;
  if (n_items == 0)
    text = g_strdup (_("No suggestions to review"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u reviewed, %u open", "%u of %u reviewed, %u open",
                                         n_items),
                            n_reviewed, n_items, n_open);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, n_items ? (double) n_reviewed / n_items : 0.0);

  switch (annota_document_get_state (self->document))
    {
    case ANNOTA_DOCUMENT_STATE_TODO:
      state = _("Document: to do");
      break;
    case ANNOTA_DOCUMENT_STATE_IN_PROGRESS:
      state = _("Document: in progress");
      break;
    case ANNOTA_DOCUMENT_STATE_DONE:
    default:
      state = _("Document: done");
      break;
    }
  gtk_label_set_label (self->state_label, state);
}

static void
update_chart (AnnotaStatsView *self)
{
  guint n = self->document ? annota_label_set_get_n_labels (annota_document_get_labels (self->document)) : 0;
  guint total = self->document ? annota_document_count_spans (self->document, NULL, -1) : 0;

  gtk_widget_set_size_request (self->chart, -1, MAX (1, n) * ROW_HEIGHT);
  gtk_widget_set_visible (self->empty_label, total == 0);
  gtk_widget_queue_draw (self->chart);
}

static void
refresh_now (AnnotaStatsView *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  update_chart (self);
  update_progress (self);
}

static gboolean
refresh_idle (gpointer data)
{
  AnnotaStatsView *self = data;

  self->refresh_id = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (AnnotaStatsView *self)
{
  /* Hidden, it catches up when shown (map). */
  if (self->refresh_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, refresh_idle, self, NULL);
}

static void
format_figure (char   *buf,
               gsize   size,
               double  value)
{
  /* As annota-cli agree prints them. */
  if (isnan (value))
    g_strlcpy (buf, "–", size);
  else
    g_snprintf (buf, size, "%.4f", value);
}

static void
grid_add (AnnotaStatsView *self,
          const char      *text,
          int              column,
          int              row,
          gboolean         heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0f : 1.0f);
  gtk_widget_add_css_class (label, "numeric");
  if (column == 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
    }
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (self->agreement_grid, label, column, row, 1, 1);
}

static void
grid_add_row (AnnotaStatsView             *self,
              const char                  *name,
              const AnnotaAgreementScores *scores,
              int                          row,
              gboolean                     counts)
{
  double figures[] = { scores->precision, scores->recall, scores->f1 };
  guint numbers[] = { scores->tp, scores->fp, scores->fn };
  char buf[32];

  grid_add (self, name, 0, row, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      format_figure (buf, sizeof buf, figures[i]);
      grid_add (self, buf, 1 + i, row, FALSE);
    }
  for (guint i = 0; counts && i < G_N_ELEMENTS (numbers); i++)
    {
      g_snprintf (buf, sizeof buf, "%u", numbers[i]);
      grid_add (self, buf, 4 + i, row, FALSE);
    }
}

static void
update_agreement (AnnotaStatsView *self)
{
  GtkWidget *child;
  guint n;
  char kappa[32];
  g_autofree char *kappa_text = NULL;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agreement_grid))) != NULL)
    gtk_grid_remove (self->agreement_grid, child);

  gtk_widget_set_visible (self->agreement_box, self->agreement != NULL);
  if (self->agreement == NULL)
    return;

  grid_add (self, _("Label"), 0, row, TRUE);
  /* Translators: column headings of the agreement table: precision, recall,
   * F1, true positives, false positives, false negatives. */
  grid_add (self, C_("agreement", "P"), 1, row, TRUE);
  grid_add (self, C_("agreement", "R"), 2, row, TRUE);
  grid_add (self, C_("agreement", "F1"), 3, row, TRUE);
  grid_add (self, C_("agreement", "TP"), 4, row, TRUE);
  grid_add (self, C_("agreement", "FP"), 5, row, TRUE);
  grid_add (self, C_("agreement", "FN"), 6, row, TRUE);
  row++;

  n = annota_agreement_get_n_labels (self->agreement);
  for (guint i = 0; i < n; i++)
    {
      const AnnotaAgreementScores *scores = annota_agreement_get_scores (self->agreement, i);

      grid_add_row (self, scores->label, scores, row++, TRUE);
    }
  grid_add_row (self, _("micro"), annota_agreement_get_micro (self->agreement), row++, TRUE);
  grid_add_row (self, _("macro"), annota_agreement_get_macro (self->agreement), row++, FALSE);

  format_figure (kappa, sizeof kappa, annota_agreement_get_kappa (self->agreement));
  /* Translators: Cohen's kappa over the text's tokens. */
  kappa_text = g_strdup_printf (_("Token kappa %s over %u tokens (%s match)"), kappa,
                                annota_agreement_get_n_tokens (self->agreement),
                                annota_match_to_string (annota_agreement_get_match (self->agreement)));
  gtk_label_set_label (self->kappa_label, kappa_text);
}

void
annota_stats_view_set_agreement (AnnotaStatsView *self,
                                 AnnotaAgreement *agreement,
                                 const char      *other_name)
{
  g_autofree char *title = NULL;

  g_return_if_fail (ANNOTA_IS_STATS_VIEW (self));
  g_return_if_fail (agreement == NULL || ANNOTA_IS_AGREEMENT (agreement));

  g_set_object (&self->agreement, agreement);
  if (other_name != NULL)
    /* Translators: %s is the file this document is compared with. */
    title = g_strdup_printf (_("Agreement with %s"), other_name);
  gtk_label_set_label (self->agreement_title, title ? title : _("Agreement"));
  update_agreement (self);
}

void
annota_stats_view_set_document (AnnotaStatsView *self,
                                AnnotaDocument  *document)
{
  g_return_if_fail (ANNOTA_IS_STATS_VIEW (self));
  g_return_if_fail (document == NULL || ANNOTA_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  g_signal_group_set_target (self->document_signals, document);
  g_signal_group_set_target (self->labels_signals, document ? annota_document_get_labels (document) : NULL);
  /* The progress walks every span: hidden (as it is when a document
   * opens), the view catches up when it is shown, or asked. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_now (self);
}

char *
annota_stats_view_dup_progress_text (AnnotaStatsView *self)
{
  g_return_val_if_fail (ANNOTA_IS_STATS_VIEW (self), NULL);

  refresh_now (self);
  return g_strdup_printf ("%s; %s", gtk_label_get_text (self->progress_label),
                          gtk_label_get_text (self->state_label));
}

char *
annota_stats_view_dup_agreement_text (AnnotaStatsView *self)
{
  GString *out;
  int row;

  g_return_val_if_fail (ANNOTA_IS_STATS_VIEW (self), NULL);

  if (self->agreement == NULL || !gtk_widget_get_visible (self->agreement_box))
    return NULL;

  out = g_string_new (NULL);
  for (row = 1; gtk_grid_get_child_at (self->agreement_grid, 0, row) != NULL; row++)
    {
      for (int column = 0; column < 7; column++)
        {
          GtkWidget *cell = gtk_grid_get_child_at (self->agreement_grid, column, row);

          if (cell == NULL)
            continue;
          if (column > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, gtk_label_get_text (GTK_LABEL (cell)));
        }
      g_string_append_c (out, '\n');
    }
  g_string_append (out, gtk_label_get_text (self->kappa_label));
  return g_string_free (out, FALSE);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
legend_item (AnnotaStatsView *self,
             const char      *text,
             const char      *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *sample = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_size_request (sample, 16, 10);
  gtk_widget_set_valign (sample, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (sample, "annota-stats-legend");
  gtk_widget_add_css_class (sample, css_class);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), sample);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
annota_stats_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (annota_stats_view_parent_class)->map (widget);
  refresh_now (ANNOTA_STATS_VIEW (widget));
}

static void
annota_stats_view_dispose (GObject *object)
{
  AnnotaStatsView *self = ANNOTA_STATS_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  if (self->labels_signals != NULL)
    g_signal_group_set_target (self->labels_signals, NULL);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->labels_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->agreement);

  G_OBJECT_CLASS (annota_stats_view_parent_class)->dispose (object);
}

static void
annota_stats_view_class_init (AnnotaStatsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = annota_stats_view_dispose;
  widget_class->map = annota_stats_view_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annota-stats-view");
}

static void
annota_stats_view_init (AnnotaStatsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *legend = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *progress = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), box);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);

  gtk_box_append (GTK_BOX (box), heading (_("Spans per Label")));
  self->chart = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart), draw_chart, self, NULL);
  gtk_widget_set_has_tooltip (self->chart, TRUE);
  g_signal_connect_object (self->chart, "query-tooltip", G_CALLBACK (on_chart_query_tooltip), self, 0);
  gtk_box_append (GTK_BOX (box), self->chart);
  self->empty_label = gtk_label_new (_("No spans yet"));
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0.0f);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_box_append (GTK_BOX (box), self->empty_label);
  gtk_box_append (GTK_BOX (legend), legend_item (self, _("Accepted"), "accepted"));
  gtk_box_append (GTK_BOX (legend), legend_item (self, _("Suggested"), "suggested"));
  gtk_box_append (GTK_BOX (legend), legend_item (self, _("Rejected"), "rejected"));
  gtk_box_append (GTK_BOX (box), legend);

  gtk_box_append (GTK_BOX (box), heading (_("Review")));
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  self->progress_label = GTK_LABEL (gtk_label_new (NULL));
  self->state_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->progress_label, 0.0f);
  gtk_label_set_xalign (self->state_label, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->progress_label), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "dim-label");
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->progress_bar));
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->progress_label));
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->state_label));
  gtk_box_append (GTK_BOX (box), progress);

  self->agreement_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->agreement_title = GTK_LABEL (heading (_("Agreement")));
  self->agreement_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->agreement_grid, 12);
  gtk_grid_set_row_spacing (self->agreement_grid, 2);
  self->kappa_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->kappa_label, 0.0f);
  gtk_label_set_wrap (self->kappa_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->kappa_label), "numeric");
  gtk_box_append (GTK_BOX (self->agreement_box), GTK_WIDGET (self->agreement_title));
  {
    GtkWidget *caption = gtk_label_new (_("This document is the reference, as for annota-cli agree THIS OTHER; exact matches."));

    gtk_label_set_xalign (GTK_LABEL (caption), 0.0f);
    gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
    gtk_widget_add_css_class (caption, "dim-label");
    gtk_widget_add_css_class (caption, "caption");
    gtk_box_append (GTK_BOX (self->agreement_box), caption);
  }
  gtk_box_append (GTK_BOX (self->agreement_box), GTK_WIDGET (self->agreement_grid));
  gtk_box_append (GTK_BOX (self->agreement_box), GTK_WIDGET (self->kappa_label));
  gtk_widget_set_visible (self->agreement_box, FALSE);
  gtk_box_append (GTK_BOX (box), self->agreement_box);

  self->document_signals = g_signal_group_new (ANNOTA_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "counts-changed", G_CALLBACK (queue_refresh), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::state", G_CALLBACK (queue_refresh), self);
  self->labels_signals = g_signal_group_new (ANNOTA_TYPE_LABEL_SET);
  g_signal_group_connect_swapped (self->labels_signals, "items-changed", G_CALLBACK (queue_refresh), self);
}

GtkWidget *
annota_stats_view_new (void)
{
  return g_object_new (ANNOTA_TYPE_STATS_VIEW, NULL);
}
