/* test-label-palette.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The label palette against a real document: its rows and counts follow
 * every change and its undo, and a row's activation names its label.
 */
#include <libglib-testing/signal-logger.h>
#include <adwaita.h>

#include "annota-core.h"
#include "annota-label-palette.h"
#include "ui-test-util.h"

/* The text is "John Kerry met Sergei Lavrov in Moscow. Kerry thanked Lavrov."
 * with PER 0-10, 15-28, 40-45, 54-60 and LOC 32-38. */
typedef UiTestPaletteFixture Fixture;

static void
test_palette_rows (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *key;

  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0");
  g_assert_cmpstr (ui_test_palette_text (f->palette, 0, "name"), ==, "Person");
  key = ui_test_find_named (GTK_WIDGET (gtk_list_box_get_row_at_index (ui_test_palette_list (f->palette), 1)), "key");
  g_assert_true (GTK_IS_SHORTCUT_LABEL (key));
  g_assert_cmpstr (gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (key)), ==, "2");

  annota_label_palette_set_document (f->palette, NULL);
  g_assert_cmpuint (ui_test_n_rows (ui_test_palette_list (f->palette)), ==, 0);
  annota_label_palette_set_document (f->palette, f->doc);
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0");
}

static void
test_palette_counts (Fixture       *f,
                     gconstpointer  data)
{
  AnnotaSpan *span = ui_test_palette_add (f, 11, 14, "ORG");

  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=1 MISC=0");
  g_assert_true (annota_document_relabel_span (f->doc, span, "MISC", NULL));
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=1");
  g_assert_true (annota_document_relabel_span (f->doc, annota_span_store_peek (f->store, 0), "LOC", NULL));
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=3 LOC=2 ORG=0 MISC=1");
  annota_document_remove_span (f->doc, span);
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=3 LOC=2 ORG=0 MISC=0");

  /* A review decision keeps the span, and the count. */
  annota_document_set_span_status (f->doc, annota_span_store_peek (f->store, 1),
                                   ANNOTA_SPAN_STATUS_REJECTED, TRUE);
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=3 LOC=2 ORG=0 MISC=0");

  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=3 LOC=2 ORG=0 MISC=1");
  g_assert_true (annota_document_undo (f->doc));
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=1");
  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0");
  g_assert_true (annota_document_redo (f->doc));
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=1 MISC=0");
}

static void
test_palette_activate (Fixture       *f,
                       gconstpointer  data)
{
  GtkListBox *list = ui_test_palette_list (f->palette);
  g_autofree char *id = NULL;

  gt_signal_logger_connect (f->logger, f->palette, "label-activated");
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 1));
  gt_signal_logger_assert_emission_pop (f->logger, f->palette, "label-activated", &id);
  g_assert_cmpstr (id, ==, "LOC");
  g_clear_pointer (&id, g_free);

  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 3));
  gt_signal_logger_assert_emission_pop (f->logger, f->palette, "label-activated", &id);
  g_assert_cmpstr (id, ==, "MISC");
}

static void
test_palette_follows_labels (Fixture       *f,
                             gconstpointer  data)
{
  AnnotaLabelSet *labels = annota_document_get_labels (f->doc);
  g_autoptr(AnnotaLabel) label = annota_label_new ("EVT", "Event", "#ff7800", "e");
  GtkWidget *key;

  g_assert_true (annota_document_add_label (f->doc, label, NULL));
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0 EVT=0");
  g_assert_cmpstr (ui_test_palette_text (f->palette, 4, "name"), ==, "Event");
  ui_test_palette_add (f, 11, 14, "EVT");
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0 EVT=1");

  annota_document_set_label_name (f->doc, annota_label_set_lookup (labels, "PER"), "Human");
  g_assert_cmpstr (ui_test_palette_text (f->palette, 0, "name"), ==, "Human");
  g_assert_true (annota_document_set_label_key (f->doc, annota_label_set_lookup (labels, "PER"), "p", NULL));
  key = ui_test_find_named (GTK_WIDGET (gtk_list_box_get_row_at_index (ui_test_palette_list (f->palette), 0)), "key");
  g_assert_cmpstr (gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (key)), ==, "p");
  g_assert_true (annota_document_set_label_key (f->doc, annota_label_set_lookup (labels, "PER"), NULL, NULL));
  g_assert_false (gtk_widget_get_visible (key));

  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (gtk_widget_get_visible (key));
  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  g_assert_cmpstr (ui_test_palette_text (f->palette, 0, "name"), ==, "Person");
  g_assert_cmpstr (gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (key)), ==, "1");
  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0");
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "/annota/label-palette/no-display"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, ui_test_palette_set_up, func, ui_test_palette_tear_down)
  ADD ("/annota/label-palette/rows", test_palette_rows);
  ADD ("/annota/label-palette/counts", test_palette_counts);
  ADD ("/annota/label-palette/activate", test_palette_activate);
  ADD ("/annota/label-palette/follows-labels", test_palette_follows_labels);
#undef ADD

  return g_test_run ();
}
