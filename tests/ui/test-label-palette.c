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

static void
test_palette_rows (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *key;

  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0");
  g_assert_cmpstr (palette_text (f, 0, "name"), ==, "Person");
  key = find_named (GTK_WIDGET (gtk_list_box_get_row_at_index (palette_list (f), 1)), "key");
  g_assert_true (GTK_IS_SHORTCUT_LABEL (key));
  g_assert_cmpstr (gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (key)), ==, "2");

  annota_label_palette_set_document (f->palette, NULL);
  g_assert_cmpuint (n_rows (palette_list (f)), ==, 0);
  annota_label_palette_set_document (f->palette, f->doc);
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0");
}

static void
test_palette_counts (Fixture       *f,
                     gconstpointer  data)
{
  AnnotaSpan *span = add (f, 11, 14, "ORG");

  assert_counts (f, "PER=4 LOC=1 ORG=1 MISC=0");
  g_assert_true (annota_document_relabel_span (f->doc, span, "MISC", NULL));
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=1");
  g_assert_true (annota_document_relabel_span (f->doc, annota_span_store_peek (f->store, 0), "LOC", NULL));
  assert_counts (f, "PER=3 LOC=2 ORG=0 MISC=1");
  annota_document_remove_span (f->doc, span);
  assert_counts (f, "PER=3 LOC=2 ORG=0 MISC=0");

  /* A review decision keeps the span, and the count. */
  annota_document_set_span_status (f->doc, annota_span_store_peek (f->store, 1),
                                   ANNOTA_SPAN_STATUS_REJECTED, TRUE);
  assert_counts (f, "PER=3 LOC=2 ORG=0 MISC=0");

  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  assert_counts (f, "PER=3 LOC=2 ORG=0 MISC=1");
  g_assert_true (annota_document_undo (f->doc));
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=1");
  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0");
  g_assert_true (annota_document_redo (f->doc));
  assert_counts (f, "PER=4 LOC=1 ORG=1 MISC=0");
}

static void
test_palette_activate (Fixture       *f,
                       gconstpointer  data)
{
  GtkListBox *list = palette_list (f);
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
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0 EVT=0");
  g_assert_cmpstr (palette_text (f, 4, "name"), ==, "Event");
  add (f, 11, 14, "EVT");
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0 EVT=1");

  annota_document_set_label_name (f->doc, annota_label_set_lookup (labels, "PER"), "Human");
  g_assert_cmpstr (palette_text (f, 0, "name"), ==, "Human");
  g_assert_true (annota_document_set_label_key (f->doc, annota_label_set_lookup (labels, "PER"), "p", NULL));
  key = find_named (GTK_WIDGET (gtk_list_box_get_row_at_index (palette_list (f), 0)), "key");
  g_assert_cmpstr (gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (key)), ==, "p");
  g_assert_true (annota_document_set_label_key (f->doc, annota_label_set_lookup (labels, "PER"), NULL, NULL));
  g_assert_false (gtk_widget_get_visible (key));

  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (gtk_widget_get_visible (key));
  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  g_assert_cmpstr (palette_text (f, 0, "name"), ==, "Person");
  g_assert_cmpstr (gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (key)), ==, "1");
  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  assert_counts (f, "PER=4 LOC=1 ORG=0 MISC=0");
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
  ADD ("/annota/label-palette/rows", test_palette_rows);
  ADD ("/annota/label-palette/counts", test_palette_counts);
  ADD ("/annota/label-palette/activate", test_palette_activate);
  ADD ("/annota/label-palette/follows-labels", test_palette_follows_labels);
#undef ADD

  return g_test_run ();
}
