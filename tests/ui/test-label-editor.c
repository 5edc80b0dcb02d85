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

#define TEXT "John Kerry met Sergei Lavrov in Moscow. Kerry thanked Lavrov."

typedef struct {
  AnnotaDocument     *doc;
  AnnotaSpanStore    *store;
  GtkWidget          *window;
  AnnotaLabelPalette *palette;
  GtSignalLogger     *logger;
} Fixture;

static AnnotaSpan *
add (Fixture    *f,
     guint       start,
     guint       end,
     const char *label)
{
  g_autoptr(GError) error = NULL;
  AnnotaSpan *span;

  span = annota_document_add_span (f->doc, start, end, label, ANNOTA_SPAN_STATUS_ACCEPTED,
                                   "user", -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (span);
  return span;
}

static void
spin (void)
{
  for (guint i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();

  f->doc = annota_document_new_from_string (TEXT, labels);
  f->store = annota_document_get_spans (f->doc);
  add (f, 0, 10, "PER");
  add (f, 15, 28, "PER");
  add (f, 32, 38, "LOC");
  add (f, 40, 45, "PER");
  add (f, 54, 60, "PER");

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 300, 400);
  f->palette = ANNOTA_LABEL_PALETTE (annota_label_palette_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->palette));
  annota_label_palette_set_document (f->palette, f->doc);
  gtk_window_present (GTK_WINDOW (f->window));
  spin ();

  f->logger = gt_signal_logger_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gt_signal_logger_assert_no_emissions (f->logger);
  gt_signal_logger_free (f->logger);
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin ();
  g_assert_finalize_object (f->doc);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

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

/* Palette */

static GtkListBox *
palette_list (Fixture *f)
{
  GtkWidget *list = find_named (GTK_WIDGET (f->palette), "labels");

  g_assert_true (GTK_IS_LIST_BOX (list));
  return GTK_LIST_BOX (list);
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static const char *
palette_text (Fixture    *f,
              guint       index,
              const char *name)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (palette_list (f), index);
  GtkWidget *widget;

  g_assert_nonnull (row);
  widget = find_named (GTK_WIDGET (row), name);
  g_assert_true (GTK_IS_LABEL (widget));
  return gtk_label_get_text (GTK_LABEL (widget));
}

static void
assert_counts (Fixture    *f,
               const char *expected)
{
  g_autoptr(GString) str = g_string_new (NULL);
  guint n = n_rows (palette_list (f));

  g_assert_cmpuint (n, ==, annota_label_set_get_n_labels (annota_document_get_labels (f->doc)));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (palette_text (f, i, "id"), ==,
                       annota_label_get_id (annota_label_set_peek (annota_document_get_labels (f->doc), i)));
      g_string_append_printf (str, "%s%s=%s", i > 0 ? " " : "",
                              palette_text (f, i, "id"), palette_text (f, i, "count"));
    }
  g_assert_cmpstr (str->str, ==, expected);
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
  spin ();
  return ANNOTA_LABEL_EDITOR (editor);
}

static void
close_editor (AnnotaLabelEditor *editor)
{
  g_object_ref (editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  spin ();
  g_assert_finalize_object (editor);
}

static GtkWidget *
editor_row (AnnotaLabelEditor *editor,
            guint              index)
{
  GtkWidget *list = find_named (GTK_WIDGET (editor), "labels");
  GtkListBoxRow *row;

  g_assert_true (GTK_IS_LIST_BOX (list));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return GTK_WIDGET (row);
}

static guint
editor_n_rows (AnnotaLabelEditor *editor)
{
  return n_rows (GTK_LIST_BOX (find_named (GTK_WIDGET (editor), "labels")));
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
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_named (row, "key"))), ==, "3");
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (find_named (row, "color")), &rgba);
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
  g_assert_cmpstr (palette_text (f, 1, "name"), ==, "Place");

  g_assert_true (annota_document_undo (f->doc));
  g_assert_cmpstr (annota_label_get_name (lookup (f, "LOC")), ==, "Location");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Location");
  g_assert_cmpstr (palette_text (f, 1, "name"), ==, "Location");

  close_editor (editor);
}

static void
test_editor_color (Fixture       *f,
                   gconstpointer  data)
{
  AnnotaLabelEditor *editor = open_editor (f);
  GtkWidget *button = find_named (editor_row (editor, 0), "color");
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
  GtkWidget *key = find_named (editor_row (editor, 0), "key");

  gtk_editable_set_text (GTK_EDITABLE (key), "7");
  g_assert_cmpstr (annota_label_get_key (lookup (f, "PER")), ==, "7");

  /* A key another label has is refused, and the entry shows the key kept. */
  gtk_editable_set_text (GTK_EDITABLE (key), "2");
  g_assert_cmpstr (annota_label_get_key (lookup (f, "PER")), ==, "7");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key)), ==, "7");

  /* Emptied, the key goes once the entry stays empty. */
  gtk_editable_set_text (GTK_EDITABLE (key), "");
  g_assert_cmpstr (annota_label_get_key (lookup (f, "PER")), ==, "7");
  spin ();
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
  GtkWidget *add_row = find_named (GTK_WIDGET (editor), "add");
  g_autoptr(GError) error = NULL;

  g_assert_true (annota_label_editor_add_label (editor, "EVT", &error));
  g_assert_no_error (error);
  g_assert_nonnull (lookup (f, "EVT"));
  g_assert_cmpstr (annota_label_get_key (lookup (f, "EVT")), ==, "5");
  g_assert_cmpstr (annota_label_get_color (lookup (f, "EVT")), ==, annota_label_default_color (4));
  g_assert_cmpuint (editor_n_rows (editor), ==, 5);
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0 EVT=0");

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
  assert_counts (f, "PER=4 LOC=1 MISC=0");

  /* The row's own button does the same. */
  g_signal_emit_by_name (find_named (editor_row (editor, 2), "remove"), "clicked");
  g_assert_null (lookup (f, "MISC"));
  g_assert_cmpuint (editor_n_rows (editor), ==, 2);

  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  g_assert_nonnull (lookup (f, "ORG"));
  g_assert_nonnull (lookup (f, "MISC"));
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0");
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
  spin ();
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
  spin ();
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
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0");
  g_assert_cmpuint (annota_span_store_get_n_spans (f->store), ==, 5);

  /* Remove Spans: the label and its spans go, one undo brings both back. */
  dialog = ask_remove (editor, "PER");
  respond (dialog, "remove");
  g_assert_null (lookup (f, "PER"));
  g_assert_cmpuint (annota_span_store_get_n_spans (f->store), ==, 1);
  assert_counts (f, "LOC=1 ORG=0 MISC=0");
  g_assert_cmpuint (editor_n_rows (editor), ==, 3);
  g_assert_true (annota_document_undo (f->doc));
  g_assert_nonnull (lookup (f, "PER"));
  g_assert_cmpuint (annota_span_store_get_n_spans (f->store), ==, 5);
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0");

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
  assert_counts (f, "LOC=1 ORG=4 MISC=0");
  g_assert_true (annota_document_undo (f->doc));
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0");
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
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0");

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
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0 EVT=0");

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

/* G_TEST_OPTION_ISOLATE_DIRS hides the system's XDG_DATA_DIRS, and with
 * them the GSettings schemas that libadwaita and GTK look up. Read from the
 * environment, not g_get_system_data_dirs (), whose cache the isolation
 * drops (and LeakSanitizer would report). */
static void
keep_system_schemas (void)
{
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");
  g_auto(GStrv) dirs = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") != NULL)
    return;
  if (data_dirs == NULL || *data_dirs == '\0')
    data_dirs = "/usr/local/share:/usr/share";
  dirs = g_strsplit (data_dirs, G_SEARCHPATH_SEPARATOR_S, -1);
  for (guint i = 0; dirs[i] != NULL; i++)
    if (*dirs[i] != '\0')
      g_ptr_array_add (paths, g_build_filename (dirs[i], "glib-2.0", "schemas", NULL));
  g_ptr_array_add (paths, NULL);
  joined = g_strjoinv (G_SEARCHPATH_SEPARATOR_S, (char **) paths->pdata);
  g_setenv ("GSETTINGS_SCHEMA_DIR", joined, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  keep_system_schemas ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/annota/label-editor/rows", test_editor_rows);
  ADD ("/annota/label-editor/rename", test_editor_rename);
  ADD ("/annota/label-editor/color", test_editor_color);
  ADD ("/annota/label-editor/key", test_editor_key);
  ADD ("/annota/label-editor/add", test_editor_add);
  ADD ("/annota/label-editor/remove-unused", test_editor_remove_unused);
  ADD ("/annota/label-editor/remove-used", test_editor_remove_used);
  ADD ("/annota/label-editor/remove-last", test_editor_remove_last);
  ADD ("/annota/label-editor/load-save", test_editor_load_save);
#undef ADD

  return g_test_run ();
}
