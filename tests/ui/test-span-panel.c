/* test-span-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The span panel against a real document: its rows are the store's spans,
 * the filters give exact row counts, the selection and "selected-span"
 * follow each other, and rows follow their spans.
 */
#include <libglib-testing/signal-logger.h>
#include <adwaita.h>

#include "annota-core.h"
#include "annota-span-panel.h"
#include "ui-test-util.h"

/* Offsets: John Kerry 0–10, Sergei Lavrov 15–28, Moscow 32–38, Kerry 40–45,
 * Lavrov 54–60, MATXCƠVA 62–70, Matxcơva 74–82. */
#define TEXT "John Kerry met Sergei Lavrov in Moscow. Kerry thanked Lavrov. MATXCƠVA là Matxcơva."

typedef struct {
  AnnotaDocument  *doc;
  AnnotaSpanStore *store;
  GtkWidget       *window;
  AnnotaSpanPanel *panel;
  GtSignalLogger  *logger;
} Fixture;

static AnnotaSpan *
add (Fixture          *f,
     guint             start,
     guint             end,
     const char       *label,
     AnnotaSpanStatus  status,
     double            score)
{
  return ui_test_add_span (f->doc, start, end, label, status,
                           status == ANNOTA_SPAN_STATUS_SUGGESTED ? "model" : "user", score);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();

  f->doc = annota_document_new_from_string (TEXT, labels);
  f->store = annota_document_get_spans (f->doc);
  add (f, 0, 10, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, -1);
  add (f, 15, 28, "PER", ANNOTA_SPAN_STATUS_SUGGESTED, 0.9);
  add (f, 32, 38, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, -1);
  add (f, 32, 38, "ORG", ANNOTA_SPAN_STATUS_SUGGESTED, 0.2);
  add (f, 40, 45, "PER", ANNOTA_SPAN_STATUS_REJECTED, 0.3);
  add (f, 54, 60, "PER", ANNOTA_SPAN_STATUS_SUGGESTED, 0.75);
  add (f, 62, 70, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, -1);
  add (f, 74, 82, "LOC", ANNOTA_SPAN_STATUS_SUGGESTED, 0.5);

  f->panel = ANNOTA_SPAN_PANEL (annota_span_panel_new ());
  annota_span_panel_set_document (f->panel, f->doc);
  f->window = ui_test_present (GTK_WIDGET (f->panel), 600, 500);

  f->logger = gt_signal_logger_new ();
  gt_signal_logger_connect (f->logger, f->panel, "notify::selected-span");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_test_widget_tear_down (f->logger, f->window, f->doc);
}

static GtkWidget *
find_nth (GtkWidget *widget,
          GType      type,
          guint     *n)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (*n == 0)
        return widget;
      (*n)--;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth (child, type, n);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find (GtkWidget *widget,
      GType      type,
      guint      n)
{
  GtkWidget *found = find_nth (widget, type, &n);

  g_assert_nonnull (found);
  return found;
}

static GtkSingleSelection *
get_selection (Fixture *f)
{
  GtkWidget *view = find (GTK_WIDGET (f->panel), GTK_TYPE_COLUMN_VIEW, 0);

  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
}

static gpointer
row (Fixture *f,
     guint    position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (get_selection (f)), position);

  return item;
}

static void
assert_rows_are_store (Fixture *f)
{
  guint n = annota_span_store_get_n_spans (f->store);

  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_selection (f))), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_true (row (f, i) == annota_span_store_peek (f->store, i));
}

static void
set_query (Fixture    *f,
           const char *query)
{
  GtkWidget *entry = find (GTK_WIDGET (f->panel), GTK_TYPE_SEARCH_ENTRY, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  /* The entry waits a moment before it tells; do not wait. */
  g_signal_emit_by_name (entry, "search-changed");
}

static void
set_label_filter (Fixture    *f,
                  const char *id)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (find (GTK_WIDGET (f->panel), GTK_TYPE_DROP_DOWN, 0));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  if (id == NULL)
    {
      gtk_drop_down_set_selected (dropdown, 0);
      return;
    }
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), id) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_assert_not_reached ();
}

static void
set_status_filter (Fixture *f,
                   int      status)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (find (GTK_WIDGET (f->panel), GTK_TYPE_DROP_DOWN, 1));

  gtk_drop_down_set_selected (dropdown, status + 1);
}

static guint
count_texts (GtkWidget  *widget,
             const char *text)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_texts (child, text);
  return n;
}

static guint
count_cells (Fixture    *f,
             const char *text)
{
  return count_texts (find (GTK_WIDGET (f->panel), GTK_TYPE_COLUMN_VIEW, 0), text);
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  assert_rows_are_store (f);
  /* Every row is bound and shows its text. */
  g_assert_cmpuint (count_cells (f, "Sergei Lavrov"), ==, 1);
  g_assert_cmpuint (count_cells (f, "Moscow"), ==, 2);
  g_assert_cmpuint (count_cells (f, "15–28"), ==, 1);
  g_assert_cmpuint (count_cells (f, "0.90"), ==, 1);
  g_assert_cmpuint (count_cells (f, "Suggested"), ==, 4);
  g_assert_cmpuint (count_cells (f, "Rejected"), ==, 1);
  g_assert_cmpuint (count_cells (f, "model"), ==, 4);
  g_assert_cmpuint (count_cells (f, "ORG"), ==, 1);
}

static void
test_add_remove (Fixture       *f,
                 gconstpointer  data)
{
  AnnotaSpan *span = add (f, 11, 14, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED, -1);

  assert_rows_are_store (f);
  g_assert_true (row (f, 1) == span);
  ui_test_spin ();
  g_assert_cmpuint (count_cells (f, "met"), ==, 1);

  annota_document_remove_span (f->doc, span);
  assert_rows_are_store (f);
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 8);

  g_assert_true (annota_document_undo (f->doc));
  assert_rows_are_store (f);
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 9);

  annota_span_panel_set_document (f->panel, NULL);
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 0);
  annota_span_panel_set_document (f->panel, f->doc);
  assert_rows_are_store (f);
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  set_label_filter (f, "PER");
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 4);
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==,
                    annota_document_count_spans (f->doc, "PER", -1));
  set_label_filter (f, "LOC");
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 3);
  set_label_filter (f, "MISC");
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 0);
  set_label_filter (f, NULL);
  assert_rows_are_store (f);

  set_status_filter (f, ANNOTA_SPAN_STATUS_SUGGESTED);
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 4);
  set_status_filter (f, ANNOTA_SPAN_STATUS_ACCEPTED);
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 3);
  set_status_filter (f, ANNOTA_SPAN_STATUS_REJECTED);
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 1);

  /* Both at once. */
  set_status_filter (f, ANNOTA_SPAN_STATUS_SUGGESTED);
  set_label_filter (f, "PER");
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 2);
  g_assert_true (row (f, 0) == annota_span_store_peek (f->store, 1));
  g_assert_true (row (f, 1) == annota_span_store_peek (f->store, 5));

  /* A review decision takes the span out of a status filter. */
  annota_document_set_span_status (f->doc, annota_span_store_peek (f->store, 1),
                                   ANNOTA_SPAN_STATUS_ACCEPTED, TRUE);
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 1);
  g_assert_true (annota_document_undo (f->doc));
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 2);

  /* Spans added and relabelled meet the filter too. */
  add (f, 11, 14, "PER", ANNOTA_SPAN_STATUS_SUGGESTED, 0.1);
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 3);
  g_assert_true (annota_document_relabel_span (f->doc, annota_span_store_peek (f->store, 1), "LOC", NULL));
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 2);
  g_assert_true (annota_document_undo (f->doc));
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 3);
  g_assert_true (annota_document_undo (f->doc));
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 2);

  set_label_filter (f, NULL);
  set_status_filter (f, -1);
  assert_rows_are_store (f);
}

static void
test_filter_query (Fixture       *f,
                   gconstpointer  data)
{
  set_query (f, "kerry");
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 2);
  set_query (f, "LAV");
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 2);
  /* Case-insensitive beyond ASCII. */
  set_query (f, "matxcơva");
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 2);
  set_query (f, "MATXCƠ");
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 2);
  set_query (f, "o");
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 5);
  set_query (f, "zzz");
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 0);

  /* With a label filter. */
  set_query (f, "o");
  set_label_filter (f, "LOC");
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 1);
  set_label_filter (f, NULL);

  set_query (f, "");
  assert_rows_are_store (f);
}

static void
test_label_filter_follows_labels (Fixture       *f,
                                  gconstpointer  data)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (find (GTK_WIDGET (f->panel), GTK_TYPE_DROP_DOWN, 0));
  g_autoptr(AnnotaLabel) label = annota_label_new ("EVT", "Event", "#ff7800", NULL);
  GListModel *model = gtk_drop_down_get_model (dropdown);

  /* All Labels + PER LOC ORG MISC */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_true (annota_document_add_label (f->doc, label, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 5), ==, "EVT");

  /* Filtering by a label that then goes away shows all spans again. */
  set_label_filter (f, "EVT");
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 0);
  g_assert_true (annota_document_undo (f->doc));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  assert_rows_are_store (f);
}

static void
test_select_row (Fixture       *f,
                 gconstpointer  data)
{
  GtkSingleSelection *selection = get_selection (f);
  AnnotaSpan *span = annota_span_store_peek (f->store, 3);

  g_assert_null (annota_span_panel_get_selected_span (f->panel));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 3, TRUE);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->panel, "selected-span");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_true (annota_span_panel_get_selected_span (f->panel) == span);

  /* The same row again changes nothing. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 3, TRUE);
  gt_signal_logger_assert_no_emissions (f->logger);

  gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (selection), 3);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->panel, "selected-span");
  g_assert_null (annota_span_panel_get_selected_span (f->panel));

  /* In a filtered list, the row's span. */
  set_label_filter (f, "LOC");
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 1, TRUE);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->panel, "selected-span");
  g_assert_true (annota_span_panel_get_selected_span (f->panel) == annota_span_store_peek (f->store, 6));
}

static void
test_set_selected_span (Fixture       *f,
                        gconstpointer  data)
{
  GtkSingleSelection *selection = get_selection (f);
  GtkWidget *view = find (GTK_WIDGET (f->panel), GTK_TYPE_COLUMN_VIEW, 0);
  AnnotaSpan *lavrov = annota_span_store_peek (f->store, 5);
  AnnotaSpan *moscow = annota_span_store_peek (f->store, 2);
  g_autoptr(GtkColumnViewColumn) score =
    g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view)), 4);

  annota_span_panel_set_selected_span (f->panel, lavrov);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->panel, "selected-span");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 5);
  annota_span_panel_set_selected_span (f->panel, lavrov);
  gt_signal_logger_assert_no_emissions (f->logger);

  /* Filtered: the row found by its place in store order. */
  set_label_filter (f, "PER");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 3);
  g_assert_true (annota_span_panel_get_selected_span (f->panel) == lavrov);
  gt_signal_logger_assert_no_emissions (f->logger);

  /* Hidden by the filter: stays the selected span, no row selected, and its
   * row comes back selected with it. */
  annota_span_panel_set_selected_span (f->panel, moscow);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->panel, "selected-span");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
  g_assert_true (annota_span_panel_get_selected_span (f->panel) == moscow);
  set_label_filter (f, NULL);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);
  gt_signal_logger_assert_no_emissions (f->logger);

  /* Sorted by score, descending: 0.9 0.75 0.5 0.3 0.2 and then the unscored. */
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), score, GTK_SORT_DESCENDING);
  g_assert_true (row (f, 0) == annota_span_store_peek (f->store, 1));
  g_assert_true (row (f, 1) == lavrov);
  g_assert_true (row (f, 4) == annota_span_store_peek (f->store, 3));
  g_assert_true (gtk_single_selection_get_selected_item (selection) == moscow);
  annota_span_panel_set_selected_span (f->panel, lavrov);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->panel, "selected-span");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);

  /* Unsorted again: the store's order, selection kept. */
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), NULL, GTK_SORT_ASCENDING);
  assert_rows_are_store (f);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 5);

  annota_span_panel_set_selected_span (f->panel, NULL);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->panel, "selected-span");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
}

static void
test_selection_survives_changes (Fixture       *f,
                                 gconstpointer  data)
{
  GtkSingleSelection *selection = get_selection (f);
  AnnotaSpan *span = annota_span_store_peek (f->store, 2);

  annota_span_panel_set_selected_span (f->panel, span);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->panel, "selected-span");

  /* Moving the span moves its row (one removal, one addition): still the
   * selected span, with no notification. */
  g_assert_true (annota_document_move_span (f->doc, span, 11, 14, NULL));
  ui_test_spin ();
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_true (annota_span_panel_get_selected_span (f->panel) == span);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);

  /* Other spans coming and going do not touch it. */
  add (f, 0, 4, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, -1);
  ui_test_spin ();
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);
  gt_signal_logger_assert_no_emissions (f->logger);

  /* Removed: no longer selected, told once. */
  annota_document_remove_span (f->doc, span);
  g_assert_null (annota_span_panel_get_selected_span (f->panel));
  ui_test_spin ();
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->panel, "selected-span");
  g_assert_null (annota_span_panel_get_selected_span (f->panel));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
}

static void
test_relabel_updates_row (Fixture       *f,
                          gconstpointer  data)
{
  AnnotaSpan *span = annota_span_store_peek (f->store, 0);

  g_assert_cmpuint (count_cells (f, "MISC"), ==, 0);
  g_assert_cmpuint (count_cells (f, "PER"), ==, 4);
  g_assert_true (annota_document_relabel_span (f->doc, span, "MISC", NULL));
  ui_test_spin ();
  g_assert_cmpuint (count_cells (f, "MISC"), ==, 1);
  g_assert_cmpuint (count_cells (f, "PER"), ==, 3);

  annota_document_set_span_status (f->doc, span, ANNOTA_SPAN_STATUS_REJECTED, TRUE);
  ui_test_spin ();
  g_assert_cmpuint (count_cells (f, "Rejected"), ==, 2);

  g_assert_true (annota_document_move_span (f->doc, span, 0, 4, NULL));
  ui_test_spin ();
  g_assert_cmpuint (count_cells (f, "0–4"), ==, 1);
  g_assert_cmpuint (count_cells (f, "John"), ==, 1);

  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  ui_test_spin ();
  g_assert_cmpuint (count_cells (f, "MISC"), ==, 0);
  g_assert_cmpuint (count_cells (f, "PER"), ==, 4);
  g_assert_cmpuint (count_cells (f, "Rejected"), ==, 1);
  g_assert_cmpuint (count_cells (f, "John Kerry"), ==, 1);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *view = find (GTK_WIDGET (f->panel), GTK_TYPE_COLUMN_VIEW, 0);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  g_autoptr(GtkColumnViewColumn) text = g_list_model_get_item (columns, 0);
  g_autoptr(GtkColumnViewColumn) label = g_list_model_get_item (columns, 1);
  g_autoptr(GtkColumnViewColumn) status = g_list_model_get_item (columns, 3);

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 6);

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), text, GTK_SORT_ASCENDING);
  /* John Kerry, Kerry, Lavrov, MATXCƠVA, Matxcơva, Moscow ×2, Sergei Lavrov */
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 8);
  g_assert_true (row (f, 0) == annota_span_store_peek (f->store, 0));
  g_assert_true (row (f, 1) == annota_span_store_peek (f->store, 4));
  g_assert_true (row (f, 2) == annota_span_store_peek (f->store, 5));
  g_assert_true (row (f, 7) == annota_span_store_peek (f->store, 1));

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), label, GTK_SORT_DESCENDING);
  g_assert_cmpstr (annota_span_get_label (row (f, 0)), ==, "PER");
  g_assert_cmpstr (annota_span_get_label (row (f, 4)), ==, "ORG");
  g_assert_cmpstr (annota_span_get_label (row (f, 7)), ==, "LOC");

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), status, GTK_SORT_ASCENDING);
  g_assert_cmpint (annota_span_get_status (row (f, 0)), ==, ANNOTA_SPAN_STATUS_SUGGESTED);
  g_assert_cmpint (annota_span_get_status (row (f, 7)), ==, ANNOTA_SPAN_STATUS_REJECTED);

  /* A sorted list takes new spans in their sorted place. */
  add (f, 11, 14, "PER", ANNOTA_SPAN_STATUS_REJECTED, -1);
  g_assert_cmpuint (annota_span_panel_get_n_visible (f->panel), ==, 9);
  g_assert_cmpint (annota_span_get_status (row (f, 8)), ==, ANNOTA_SPAN_STATUS_REJECTED);

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), NULL, GTK_SORT_ASCENDING);
  assert_rows_are_store (f);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "/annota/span-panel/no-display"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add ("/annota/span-panel/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("rows", test_rows);
  ADD ("add-remove", test_add_remove);
  ADD ("filter", test_filter);
  ADD ("filter-query", test_filter_query);
  ADD ("label-filter-follows-labels", test_label_filter_follows_labels);
  ADD ("select-row", test_select_row);
  ADD ("set-selected-span", test_set_selected_span);
  ADD ("selection-survives-changes", test_selection_survives_changes);
  ADD ("relabel-updates-row", test_relabel_updates_row);
  ADD ("sort", test_sort);
#undef ADD

  return g_test_run ();
}
