/* test-label-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The label editor against a real document, with a label palette beside it
 * as the window has one: every edit goes through the document, so undo
 * restores it, and the palette shows it; removing a label with spans does
 * what the user chose.
 */
#include <libglib-testing/signal-logger.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "annota-core.h"
#include "annota-label-editor.h"
#include "annota-label-palette.h"
#include <string.h>

#include "ui-test-util.h"

/* The text is "John Kerry met Sergei Lavrov in Moscow. Kerry thanked Lavrov."
 * with PER 0-10, 15-28, 40-45, 54-60 and LOC 32-38. */
typedef UiTestPaletteFixture Fixture;

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Editor */

static AnnotaLabelEditor *
open_editor (Fixture *f)
{
  GtkWidget *editor = annota_label_editor_new (GTK_WINDOW (f->window), f->doc);

  g_assert_true (ANNOTA_IS_LABEL_EDITOR (editor));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (f->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  gtk_window_present (GTK_WINDOW (editor));
  ui_test_spin ();
  return ANNOTA_LABEL_EDITOR (editor);
}

static void
close_editor (AnnotaLabelEditor *editor)
{
  g_object_ref (editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  ui_test_spin ();
  g_assert_finalize_object (editor);
}

static GtkWidget *
editor_row (AnnotaLabelEditor *editor,
            guint              index)
{
  GtkWidget *list = ui_test_find_named (GTK_WIDGET (editor), "labels");
  GtkListBoxRow *row;

  g_assert_true (GTK_IS_LIST_BOX (list));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return GTK_WIDGET (row);
}

static guint
editor_n_rows (AnnotaLabelEditor *editor)
{
  return ui_test_n_rows (GTK_LIST_BOX (ui_test_find_named (GTK_WIDGET (editor), "labels")));
}

static AnnotaLabel *
lookup (Fixture    *f,
        const char *id)
{
  return annota_label_set_lookup (annota_document_get_labels (f->doc), id);
}

static void
test_editor_rows (Fixture       *f,
                  gconstpointer  data)
{
  AnnotaLabelEditor *editor = open_editor (f);
  GtkWidget *row = editor_row (editor, 2);
  GdkRGBA rgba, expected;

  g_assert_cmpuint (editor_n_rows (editor), ==, 4);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "ORG");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Organization");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_find_named (row, "key"))), ==, "3");
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (ui_test_find_named (row, "color")), &rgba);
  g_assert_true (gdk_rgba_parse (&expected, annota_label_get_color (lookup (f, "ORG"))));
  g_assert_true (gdk_rgba_equal (&rgba, &expected));

  close_editor (editor);
}

static void
test_editor_rename (Fixture       *f,
                    gconstpointer  data)
{
  AnnotaLabelEditor *editor = open_editor (f);
  GtkWidget *row = editor_row (editor, 1);

  gtk_editable_set_text (GTK_EDITABLE (row), "Place");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpstr (annota_label_get_name (lookup (f, "LOC")), ==, "Place");
  g_assert_cmpstr (ui_test_palette_text (f->palette, 1, "name"), ==, "Place");

  g_assert_true (annota_document_undo (f->doc));
  g_assert_cmpstr (annota_label_get_name (lookup (f, "LOC")), ==, "Location");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Location");
  g_assert_cmpstr (ui_test_palette_text (f->palette, 1, "name"), ==, "Location");

  close_editor (editor);
}

static void
test_editor_color (Fixture       *f,
                   gconstpointer  data)
{
  AnnotaLabelEditor *editor = open_editor (f);
  GtkWidget *button = ui_test_find_named (editor_row (editor, 0), "color");
  g_autofree char *old = g_strdup (annota_label_get_color (lookup (f, "PER")));
  GdkRGBA red = { 1.0, 0.0, 0.0, 1.0 };
  GdkRGBA rgba, expected;

  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &red);
  g_signal_emit_by_name (button, "color-set");
  g_assert_cmpstr (annota_label_get_color (lookup (f, "PER")), ==, "#ff0000");

  g_assert_true (annota_document_undo (f->doc));
  g_assert_cmpstr (annota_label_get_color (lookup (f, "PER")), ==, old);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  g_assert_true (gdk_rgba_parse (&expected, old));
  g_assert_true (gdk_rgba_equal (&rgba, &expected));

  close_editor (editor);
}

static void
test_editor_key (Fixture       *f,
                 gconstpointer  data)
{
  AnnotaLabelEditor *editor = open_editor (f);
  GtkWidget *key = ui_test_find_named (editor_row (editor, 0), "key");

  gtk_editable_set_text (GTK_EDITABLE (key), "7");
  g_assert_cmpstr (annota_label_get_key (lookup (f, "PER")), ==, "7");

  /* A key another label has is refused, and the entry shows the key kept. */
  gtk_editable_set_text (GTK_EDITABLE (key), "2");
  g_assert_cmpstr (annota_label_get_key (lookup (f, "PER")), ==, "7");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key)), ==, "7");

  /* Emptied, the key goes once the entry stays empty. */
  gtk_editable_set_text (GTK_EDITABLE (key), "");
  g_assert_cmpstr (annota_label_get_key (lookup (f, "PER")), ==, "7");
  ui_test_spin ();
  g_assert_null (annota_label_get_key (lookup (f, "PER")));

  g_assert_true (annota_document_undo (f->doc));
  g_assert_cmpstr (annota_label_get_key (lookup (f, "PER")), ==, "7");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key)), ==, "7");
  g_assert_true (annota_document_undo (f->doc));
  g_assert_cmpstr (annota_label_get_key (lookup (f, "PER")), ==, "1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key)), ==, "1");

  close_editor (editor);
}

static void
test_editor_add (Fixture       *f,
                 gconstpointer  data)
{
  AnnotaLabelEditor *editor = open_editor (f);
  GtkWidget *add_row = ui_test_find_named (GTK_WIDGET (editor), "add");
  g_autoptr(GError) error = NULL;

  g_assert_true (annota_label_editor_add_label (editor, "EVT", &error));
  g_assert_no_error (error);
  g_assert_nonnull (lookup (f, "EVT"));
  g_assert_cmpstr (annota_label_get_key (lookup (f, "EVT")), ==, "5");
  g_assert_cmpstr (annota_label_get_color (lookup (f, "EVT")), ==, annota_label_default_color (4));
  g_assert_cmpuint (editor_n_rows (editor), ==, 5);
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0 EVT=0");

  g_assert_false (annota_label_editor_add_label (editor, "EVT", &error));
  g_assert_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (annota_label_editor_add_label (editor, "  ", &error));
  g_assert_error (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_LABEL);
  g_clear_error (&error);

  /* Through the row: applied, and the row empties for the next one. */
  gtk_editable_set_text (GTK_EDITABLE (add_row), "DATE");
  g_signal_emit_by_name (add_row, "apply");
  g_assert_nonnull (lookup (f, "DATE"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");
  /* A duplicate through the row is a toast, not a crash, and stays typed. */
  gtk_editable_set_text (GTK_EDITABLE (add_row), "DATE");
  g_signal_emit_by_name (add_row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "DATE");
  g_assert_cmpuint (editor_n_rows (editor), ==, 6);

  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  g_assert_null (lookup (f, "EVT"));
  g_assert_null (lookup (f, "DATE"));
  g_assert_cmpuint (editor_n_rows (editor), ==, 4);

  close_editor (editor);
}

static void
test_editor_remove_unused (Fixture       *f,
                           gconstpointer  data)
{
  AnnotaLabelEditor *editor = open_editor (f);

  g_assert_null (annota_label_editor_remove_label (editor, "ORG"));
  g_assert_null (lookup (f, "ORG"));
  g_assert_cmpuint (editor_n_rows (editor), ==, 3);
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 MISC=0");

  /* The row's own button does the same. */
  g_signal_emit_by_name (ui_test_find_named (editor_row (editor, 2), "remove"), "clicked");
  g_assert_null (lookup (f, "MISC"));
  g_assert_cmpuint (editor_n_rows (editor), ==, 2);

  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  g_assert_nonnull (lookup (f, "ORG"));
  g_assert_nonnull (lookup (f, "MISC"));
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0");
  g_assert_cmpuint (editor_n_rows (editor), ==, 4);

  close_editor (editor);
}

static AdwMessageDialog *
ask_remove (AnnotaLabelEditor *editor,
            const char        *id)
{
  GtkWidget *dialog = annota_label_editor_remove_label (editor, id);

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (editor));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "cancel"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "move"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "remove"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);
  ui_test_spin ();
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_ref (dialog);
  /* What a click on the response's button does. */
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_test_spin ();
  g_assert_finalize_object (dialog);
}

static void
test_editor_remove_used (Fixture       *f,
                         gconstpointer  data)
{
  AnnotaLabelEditor *editor = open_editor (f);
  AdwMessageDialog *dialog;
  GtkDropDown *dropdown;
  GListModel *targets;

  /* Cancel: nothing changes. */
  dialog = ask_remove (editor, "PER");
  respond (dialog, "cancel");
  g_assert_nonnull (lookup (f, "PER"));
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0");
  g_assert_cmpuint (annota_span_store_get_n_spans (f->store), ==, 5);

  /* Remove Spans: the label and its spans go, one undo brings both back. */
  dialog = ask_remove (editor, "PER");
  respond (dialog, "remove");
  g_assert_null (lookup (f, "PER"));
  g_assert_cmpuint (annota_span_store_get_n_spans (f->store), ==, 1);
  ui_test_palette_assert_counts (f->palette, f->doc, "LOC=1 ORG=0 MISC=0");
  g_assert_cmpuint (editor_n_rows (editor), ==, 3);
  g_assert_true (annota_document_undo (f->doc));
  g_assert_nonnull (lookup (f, "PER"));
  g_assert_cmpuint (annota_span_store_get_n_spans (f->store), ==, 5);
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0");

  /* Move: the spans get the chosen label. */
  dialog = ask_remove (editor, "PER");
  dropdown = GTK_DROP_DOWN (find_type (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_DROP_DOWN));
  targets = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (targets), 0), ==, "LOC");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (targets), 1), ==, "ORG");
  gtk_drop_down_set_selected (dropdown, 1);
  respond (dialog, "move");
  g_assert_null (lookup (f, "PER"));
  g_assert_cmpuint (annota_span_store_get_n_spans (f->store), ==, 5);
  g_assert_cmpuint (annota_document_count_spans (f->doc, "ORG", -1), ==, 4);
  ui_test_palette_assert_counts (f->palette, f->doc, "LOC=1 ORG=4 MISC=0");
  g_assert_true (annota_document_undo (f->doc));
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0");
  g_assert_cmpstr (annota_span_get_label (annota_span_store_peek (f->store, 0)), ==, "PER");

  close_editor (editor);
}

static void
test_editor_remove_last (Fixture       *f,
                         gconstpointer  data)
{
  AnnotaLabelEditor *editor = open_editor (f);
  AdwMessageDialog *dialog;

  g_assert_null (annota_label_editor_remove_label (editor, "ORG"));
  g_assert_null (annota_label_editor_remove_label (editor, "MISC"));
  dialog = ask_remove (editor, "LOC");
  respond (dialog, "move");
  g_assert_null (lookup (f, "LOC"));

  /* With no label left to move to, moving is not offered. */
  dialog = ask_remove (editor, "PER");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "move"));
  respond (dialog, "remove");
  g_assert_cmpuint (annota_label_set_get_n_labels (annota_document_get_labels (f->doc)), ==, 0);
  g_assert_cmpuint (annota_span_store_get_n_spans (f->store), ==, 0);
  g_assert_cmpuint (editor_n_rows (editor), ==, 0);

  /* An unknown id is nothing to do. */
  g_assert_null (annota_label_editor_remove_label (editor, "NOPE"));

  for (guint i = 0; i < 4; i++)
    g_assert_true (annota_document_undo (f->doc));
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0");

  close_editor (editor);
}

static void
test_editor_load_save (Fixture       *f,
                       gconstpointer  data)
{
  AnnotaLabelEditor *editor = open_editor (f);
  g_autofree char *dir = g_dir_make_tmp ("annota-labels-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "labels.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) missing = g_file_new_build_filename (dir, "missing.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaLabel) evt = annota_label_new ("EVT", "Event", "#ff7800", "e");

  g_assert_nonnull (dir);
  g_assert_true (annota_document_add_label (f->doc, evt, NULL));
  g_assert_true (annota_label_editor_save_labels (editor, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Change the labels, and swap two keys in the file's favour. */
  g_assert_true (annota_document_undo (f->doc));
  annota_document_set_label_name (f->doc, lookup (f, "PER"), "Human");
  annota_document_set_label_color (f->doc, lookup (f, "LOC"), "#000000");
  g_assert_true (annota_document_set_label_key (f->doc, lookup (f, "ORG"), NULL, NULL));
  g_assert_true (annota_document_set_label_key (f->doc, lookup (f, "MISC"), "3", NULL));

  g_assert_true (annota_label_editor_load_labels (editor, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (annota_label_get_name (lookup (f, "PER")), ==, "Person");
  g_assert_cmpstr (annota_label_get_color (lookup (f, "LOC")), !=, "#000000");
  g_assert_cmpstr (annota_label_get_key (lookup (f, "ORG")), ==, "3");
  g_assert_cmpstr (annota_label_get_key (lookup (f, "MISC")), ==, "4");
  g_assert_nonnull (lookup (f, "EVT"));
  g_assert_cmpstr (annota_label_get_key (lookup (f, "EVT")), ==, "e");
  ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0 EVT=0");

  /* One undo takes the whole load back. */
  g_assert_true (annota_document_undo (f->doc));
  g_assert_cmpstr (annota_label_get_name (lookup (f, "PER")), ==, "Human");
  g_assert_cmpstr (annota_label_get_color (lookup (f, "LOC")), ==, "#000000");
  g_assert_null (annota_label_get_key (lookup (f, "ORG")));
  g_assert_cmpstr (annota_label_get_key (lookup (f, "MISC")), ==, "3");
  g_assert_null (lookup (f, "EVT"));

  /* Bad files are errors, and change nothing. */
  g_assert_false (annota_label_editor_load_labels (editor, missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (bad_path, "{\"annota\": 1, \"labels\": [", -1, NULL));
  g_assert_false (annota_label_editor_load_labels (editor, bad, &error));
  g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_cmpstr (annota_label_get_name (lookup (f, "PER")), ==, "Human");

  close_editor (editor);
  g_unlink (path);
  g_unlink (bad_path);
  g_rmdir (dir);
}

/* Every malformed labels.json of tests/data/bad/labels is refused by the
 * editor with the message its EXPECTED list gives, and changes neither the
 * labels nor the file. */
static void
test_editor_bad_files (Fixture       *f,
                       gconstpointer  data)
{
  AnnotaLabelEditor *editor = open_editor (f);
  g_autofree char *dir = ui_test_source_path ("tests", "data", "bad", "labels", NULL);
  g_autofree char *list_path = g_build_filename (dir, "EXPECTED", NULL);
  g_autofree char *list = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_checked = 0;
  guint n_undo = annota_history_get_n_undo (annota_document_get_history (f->doc));

  g_assert_true (g_file_get_contents (list_path, &list, NULL, NULL));
  lines = g_strsplit (list, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gsize before_len, after_len;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      const char *colon;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      colon = strchr (lines[i], ':');
      g_assert_nonnull (colon);
      name = g_strndup (lines[i], colon - lines[i]);
      path = g_build_filename (dir, name, NULL);
      expected = g_build_filename (dir, lines[i], NULL);
      file = g_file_new_for_path (path);
      before = ui_test_read_file (path, &before_len);

      g_assert_false (annota_label_editor_load_labels (editor, file, &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, expected);
      after = ui_test_read_file (path, &after_len);
      g_assert_cmpmem (before, before_len, after, after_len);
      ui_test_palette_assert_counts (f->palette, f->doc, "PER=4 LOC=1 ORG=0 MISC=0");
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 10);
  g_assert_cmpuint (annota_history_get_n_undo (annota_document_get_history (f->doc)), ==, n_undo);

  close_editor (editor);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "/annota/label-editor/no-display"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, ui_test_palette_set_up, func, ui_test_palette_tear_down)
  ADD ("/annota/label-editor/rows", test_editor_rows);
  ADD ("/annota/label-editor/rename", test_editor_rename);
  ADD ("/annota/label-editor/color", test_editor_color);
  ADD ("/annota/label-editor/key", test_editor_key);
  ADD ("/annota/label-editor/add", test_editor_add);
  ADD ("/annota/label-editor/remove-unused", test_editor_remove_unused);
  ADD ("/annota/label-editor/remove-used", test_editor_remove_used);
  ADD ("/annota/label-editor/remove-last", test_editor_remove_last);
  ADD ("/annota/label-editor/load-save", test_editor_load_save);
  ADD ("/annota/label-editor/bad-files", test_editor_bad_files);
#undef ADD

  return g_test_run ();
}
