/* ui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the window and widget tests and the UI benchmarks.
 */
#define G_LOG_DOMAIN "annota-test"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "annota-window-private.h"
#include "ui-test-util.h"

/* G_TEST_OPTION_ISOLATE_DIRS hides the system's XDG_DATA_DIRS, and with
 * them the GSettings schemas GTK and libadwaita look up and the MIME
 * database GTK loads icons by. A GSETTINGS_SCHEMA_DIR already set (the
 * build tree's schemas, for test-settings) comes first. Read from the
 * environment, not g_get_system_data_dirs (), whose cache the isolation
 * drops (and LeakSanitizer would report). Returns the MIME directories. */
static GStrv
keep_system_data (void)
{
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");
  const char *schema_dir = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_auto(GStrv) dirs = NULL;
  g_autoptr(GPtrArray) schemas = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *mime = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  if (data_dirs == NULL || *data_dirs == '\0')
    data_dirs = "/usr/local/share:/usr/share";
  if (schema_dir != NULL && *schema_dir != '\0')
    g_ptr_array_add (schemas, g_strdup (schema_dir));
  dirs = g_strsplit (data_dirs, G_SEARCHPATH_SEPARATOR_S, -1);
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      if (*dirs[i] == '\0')
        continue;
      g_ptr_array_add (schemas, g_build_filename (dirs[i], "glib-2.0", "schemas", NULL));
      g_ptr_array_add (mime, g_build_filename (dirs[i], "mime", NULL));
    }
  g_ptr_array_add (schemas, NULL);
  g_ptr_array_add (mime, NULL);
  joined = g_strjoinv (G_SEARCHPATH_SEPARATOR_S, (char **) schemas->pdata);
  g_setenv ("GSETTINGS_SCHEMA_DIR", joined, TRUE);
  return (GStrv) g_ptr_array_free (mime, FALSE);
}

static void
skip_without_display (void)
{
  g_test_skip ("No display: run under xvfb-run");
}

gboolean
ui_test_init (int         *argc,
              char      ***argv,
              const char  *no_display_path)
{
  g_auto(GStrv) mime_dirs = keep_system_data ();

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs);

  if (!gtk_init_check ())
    {
      g_test_add_func (no_display_path, skip_without_display);
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

AnnotaApplication *
ui_test_application_new (GApplicationFlags flags)
{
  g_autoptr(GError) error = NULL;
  AnnotaApplication *app = annota_application_new ();

  g_application_set_flags (G_APPLICATION (app), flags);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  return app;
}

void
ui_test_application_free (AnnotaApplication *app)
{
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
}

AnnotaWindow *
ui_test_window_new (AnnotaApplication  *app,
                    AnnotaWindow      **location)
{
  *location = annota_window_new (app);
  g_object_add_weak_pointer (G_OBJECT (*location), (gpointer *) location);
  gtk_window_present (GTK_WINDOW (*location));
  ui_test_flush_events ();
  return *location;
}

void
ui_test_window_discard (AnnotaWindow **location)
{
  if (*location != NULL)
    {
      (*location)->close_confirmed = TRUE;
      gtk_window_destroy (GTK_WINDOW (*location));
    }
  ui_test_flush_events ();
  g_assert_null (*location);
}

AnnotaDocument *
ui_test_window_document (AnnotaWindow *window)
{
  AnnotaDocument *doc = annota_window_get_document (window);

  g_assert_nonnull (doc);
  return doc;
}

guint
ui_test_count_spans_at (AnnotaDocument  *doc,
                        guint            start,
                        guint            end,
                        AnnotaSpan     **found)
{
  AnnotaSpanStore *store = annota_document_get_spans (doc);
  guint n = 0;

  for (guint i = 0; i < annota_span_store_get_n_spans (store); i++)
    {
      AnnotaSpan *span = annota_span_store_peek (store, i);

      if (annota_span_get_start (span) == start && annota_span_get_end (span) == end)
        {
          if (found != NULL)
            *found = span;
          n++;
        }
    }
  return n;
}

void
ui_test_flush_events (void)
{
  for (guint i = 0; i < 5; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

void
ui_test_iterate_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
ui_test_spin (void)
{
  for (guint i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

gboolean
ui_test_wait_for (UiTestCondition cond,
                  gpointer        data,
                  guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!cond (data) && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
  return cond (data);
}

void
ui_test_run_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

char *
ui_test_source_path (const char *first,
                     ...)
{
  const char *root = g_getenv ("ANNOTA_SOURCE_ROOT");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_assert_nonnull (root);
  g_ptr_array_add (parts, (gpointer) root);
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

char *
ui_test_sample_path (void)
{
  return ui_test_source_path ("data", "samples", "kerry-lavrov-moscow.vi.json", NULL);
}

char *
ui_test_read_file (const char *path,
                   gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

void
ui_test_write_file (const char *path,
                    const char *contents,
                    gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

char *
ui_test_copy_sample (const char  *tmpl,
                     char       **tmpdir,
                     char       **contents,
                     gsize       *len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = ui_test_sample_path ();
  g_autofree char *text = NULL;
  gsize text_len = 0;
  char *path;

  *tmpdir = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
  path = g_build_filename (*tmpdir, "kerry-lavrov-moscow.vi.json", NULL);
  text = ui_test_read_file (sample, &text_len);
  ui_test_write_file (path, text, text_len);
  if (len != NULL)
    *len = text_len;
  if (contents != NULL)
    *contents = g_steal_pointer (&text);
  return path;
}

void
ui_test_load_path (AnnotaWindow *window,
                   const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (annota_window_load_file (window, file, &error));
  g_assert_no_error (error);
}

void
ui_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          ui_test_remove_tree (child);
        }
    }
  g_remove (path);
}

void
ui_test_keep_recent_dir (void)
{
  g_autofree char *recent = NULL;
  g_autofree char *recent_dir = NULL;

  g_object_get (gtk_recent_manager_get_default (), "filename", &recent, NULL);
  recent_dir = g_path_get_dirname (recent);
  g_assert_cmpint (g_mkdir_with_parents (recent_dir, 0700), ==, 0);
}

AnnotaSpan *
ui_test_add_span (AnnotaDocument   *doc,
                  guint             start,
                  guint             end,
                  const char       *label,
                  AnnotaSpanStatus  status,
                  const char       *source,
                  double            score)
{
  g_autoptr(GError) error = NULL;
  AnnotaSpan *span;

  span = annota_document_add_span (doc, start, end, label, status, source, score, &error);
  g_assert_no_error (error);
  g_assert_nonnull (span);
  return span;
}

GtkWidget *
ui_test_present (GtkWidget *child,
                 int        width,
                 int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_spin ();
  return window;
}

void
ui_test_widget_tear_down (GtSignalLogger *logger,
                          GtkWidget      *window,
                          AnnotaDocument *doc)
{
  gt_signal_logger_assert_no_emissions (logger);
  gt_signal_logger_free (logger);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin ();
  g_assert_finalize_object (doc);
}

guint
ui_test_n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

GtkListBox *
ui_test_palette_list (AnnotaLabelPalette *palette)
{
  GtkWidget *list = ui_test_find_named (GTK_WIDGET (palette), "labels");

  g_assert_true (GTK_IS_LIST_BOX (list));
  return GTK_LIST_BOX (list);
}

const char *
ui_test_palette_text (AnnotaLabelPalette *palette,
                      guint               index,
                      const char         *name)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (ui_test_palette_list (palette), index);
  GtkWidget *widget;

  g_assert_nonnull (row);
  widget = ui_test_find_named (GTK_WIDGET (row), name);
  g_assert_true (GTK_IS_LABEL (widget));
  return gtk_label_get_text (GTK_LABEL (widget));
}

void
ui_test_palette_assert_counts (AnnotaLabelPalette *palette,
                               AnnotaDocument     *doc,
                               const char         *expected)
{
  AnnotaLabelSet *labels = annota_document_get_labels (doc);
  g_autoptr(GString) str = g_string_new (NULL);
  guint n = ui_test_n_rows (ui_test_palette_list (palette));

  g_assert_cmpuint (n, ==, annota_label_set_get_n_labels (labels));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (ui_test_palette_text (palette, i, "id"), ==,
                       annota_label_get_id (annota_label_set_peek (labels, i)));
      g_string_append_printf (str, "%s%s=%s", i > 0 ? " " : "",
                              ui_test_palette_text (palette, i, "id"), ui_test_palette_text (palette, i, "count"));
    }
  g_assert_cmpstr (str->str, ==, expected);
}

AnnotaSpan *
ui_test_palette_add (UiTestPaletteFixture *f,
                     guint                 start,
                     guint                 end,
                     const char           *label)
{
  return ui_test_add_span (f->doc, start, end, label, ANNOTA_SPAN_STATUS_ACCEPTED, "user", -1);
}

void
ui_test_palette_set_up (UiTestPaletteFixture *f,
                        gconstpointer         data)
{
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();

  f->doc = annota_document_new_from_string ("John Kerry met Sergei Lavrov in Moscow. Kerry thanked Lavrov.", labels);
  f->store = annota_document_get_spans (f->doc);
  ui_test_palette_add (f, 0, 10, "PER");
  ui_test_palette_add (f, 15, 28, "PER");
  ui_test_palette_add (f, 32, 38, "LOC");
  ui_test_palette_add (f, 40, 45, "PER");
  ui_test_palette_add (f, 54, 60, "PER");

  f->palette = ANNOTA_LABEL_PALETTE (annota_label_palette_new ());
  annota_label_palette_set_document (f->palette, f->doc);
  f->window = ui_test_present (GTK_WIDGET (f->palette), 300, 400);

  f->logger = gt_signal_logger_new ();
}

void
ui_test_palette_tear_down (UiTestPaletteFixture *f,
                           gconstpointer         data)
{
  ui_test_widget_tear_down (f->logger, f->window, f->doc);
}

GtkWidget *
ui_test_find_named (GtkWidget  *widget,
                    const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
ui_test_find_button (GtkWidget  *widget,
                     const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
ui_test_find_label (GtkWidget  *widget,
                    const char *text,
                    gboolean    exact)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *shown = gtk_label_get_text (GTK_LABEL (widget));

      if (exact ? g_strcmp0 (shown, text) == 0 : strstr (shown, text) != NULL)
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ui_test_find_label (child, text, exact))
        return TRUE;
    }
  return FALSE;
}

/* The toasts are the toast overlay's children other than its content. */
gboolean
ui_test_toast_shows (AnnotaWindow *window,
                     const char   *text,
                     gboolean      exact)
{
  GtkWidget *overlay = GTK_WIDGET (window->toast_overlay);
  GtkWidget *content = adw_toast_overlay_get_child (window->toast_overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (child != content && ui_test_find_label (child, text, exact))
        return TRUE;
    }
  return FALSE;
}

AdwMessageDialog *
ui_test_find_message_dialog (GtkWindow  *parent,
                             const char *heading)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
          (parent == NULL || gtk_window_get_transient_for (l->data) == parent) &&
          (heading == NULL || g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0))
        found = l->data;
    }
  g_list_free (toplevels);
  return found;
}

AnnotaDocument *
ui_test_repeated_sample (gsize text_bytes)
{
  g_autofree char *sample_path = ui_test_sample_path ();
  g_autoptr(AnnotaDocument) sample = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  sample = annota_document_load_file (sample_path, NULL, NULL, &error);
  g_assert_no_error (error);
  while (text->len < text_bytes)
    {
      g_string_append (text, annota_text_get_utf8 (annota_document_get_text (sample)));
      g_string_append_c (text, '\n');
    }
  return annota_document_new_from_string (text->str, annota_document_get_labels (sample));
}

void
ui_test_after_paint_cb (GdkFrameClock *clock,
                        gpointer       user_data)
{
  gboolean *painted = user_data;

  *painted = TRUE;
}

double
ui_test_wait_for_paint (gboolean *painted,
                        gint64    start)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!*painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!*painted)
    g_error ("no frame was painted within 30 s");
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
ui_test_report_times (const char *indent,
                      int         width,
                      const char *what,
                      GArray     *times)
{
  g_array_sort (times, compare_double);
  g_print ("%s%-*s median %7.1f ms   worst %7.1f ms   (%u runs)\n", indent, width, what,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, times->len - 1),
           times->len);
}

char *
ui_test_describe_spans (AnnotaDocument *doc)
{
  AnnotaSpanStore *store = annota_document_get_spans (doc);
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < annota_span_store_get_n_spans (store); i++)
    {
      AnnotaSpan *span = annota_span_store_peek (store, i);

      g_string_append_printf (str, "%u %u %s %d %s %s\n",
                              annota_span_get_start (span), annota_span_get_end (span),
                              annota_span_get_label (span), annota_span_get_status (span),
                              annota_span_get_origin (span) ? annota_span_get_origin (span) : "-",
                              annota_span_get_note (span) ? annota_span_get_note (span) : "-");
    }
  return g_string_free (str, FALSE);
}
