/* test-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window and the Preferences window against the real schema (compiled
 * in the build tree) on the memory backend: the window's size comes back,
 * the menu's toggles and the settings follow each other, the recent
 * documents are kept newest first and capped, new documents start with the
 * last label set, every Preferences row writes its key, and annota --help
 * and --version say what they should.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libglib-testing/signal-logger.h>

#include "annota-label-editor.h"
#include "annota-preferences-window-private.h"
#include "annota-settings.h"
#include "annota-window-private.h"
#include "ui-test-util.h"

static AnnotaApplication *app;

static const char * const all_keys[] = {
  "window-width", "window-height", "window-maximized", "recent-documents", "recent-corpora",
  "snap-mode", "show-rejected", "review-order", "last-label-set",
};

typedef struct {
  char           *tmpdir;
  GSettings      *settings;
  GtSignalLogger *logger;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ui_test_keep_recent_dir ();

  f->tmpdir = g_dir_make_tmp ("annota-test-settings-XXXXXX", &error);
  g_assert_no_error (error);

  /* The memory backend lives as long as the process: start each test from
   * the schema's defaults. */
  f->settings = annota_settings_new ();
  g_assert_nonnull (f->settings);
  for (guint i = 0; i < G_N_ELEMENTS (all_keys); i++)
    g_settings_reset (f->settings, all_keys[i]);

  f->logger = gt_signal_logger_new ();
}

static void
destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      if (ANNOTA_IS_WINDOW (window))
        ANNOTA_WINDOW (window)->close_confirmed = TRUE;
      gtk_window_destroy (window);
    }
  ui_test_flush_events ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  destroy_toplevels ();
  gt_signal_logger_assert_no_emissions (f->logger);
  gt_signal_logger_free (f->logger);
  g_assert_finalize_object (f->settings);
  ui_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

static AnnotaWindow *
new_window (void)
{
  AnnotaWindow *window = annota_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  ui_test_flush_events ();
  return window;
}

/* Closes the window as its close button does, which saves its state. */
static void
close_window (AnnotaWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  ui_test_flush_events ();
  g_assert_null (window);
}

static void
activate (AnnotaWindow *window,
          const char   *action,
          GVariant     *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, parameter));
  ui_test_flush_events ();
}

static char *
write_text_file (Fixture    *f,
                 const char *name,
                 const char *text)
{
  char *path = g_build_filename (f->tmpdir, name, NULL);

  ui_test_write_file (path, text, -1);
  return path;
}

static void
test_window_size (Fixture       *f,
                  gconstpointer  data)
{
  AnnotaWindow *window;
  int width = 0, height = 0;

  /* The schema's default size is the one a first start gets. */
  window = new_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1200);
  g_assert_cmpint (height, ==, 800);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));

  /* A new size is kept once the window closes, and not before. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  ui_test_flush_events ();
  g_assert_cmpint (g_settings_get_int (f->settings, "window-width"), ==, 1200);
  close_window (window);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (f->settings, "window-maximized"));

  /* The next window opens at that size. */
  window = new_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  close_window (window);

  /* Maximised comes back maximised, and closing it keeps the size it had
   * before. */
  g_settings_set_boolean (f->settings, "window-maximized", TRUE);
  window = new_window ();
  g_assert_true (gtk_window_is_maximized (GTK_WINDOW (window)));
  close_window (window);
  g_assert_true (g_settings_get_boolean (f->settings, "window-maximized"));
  g_assert_cmpint (g_settings_get_int (f->settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-height"), ==, 640);
}

static void
test_toggles (Fixture       *f,
              gconstpointer  data)
{
  AnnotaWindow *window = new_window ();
  AnnotaWindow *other = new_window ();
  AnnotaTextView *view = annota_window_get_text_view (window);
  g_autofree char *mode = NULL;
  g_autofree char *order = NULL;
  gboolean show = FALSE, words = FALSE;

  g_assert_false (window->show_rejected);
  g_assert_true (window->snap_to_words);
  g_assert_cmpstr (window->review_order, ==, "position");

  gt_signal_logger_connect (f->logger, window, "notify::show-rejected");
  gt_signal_logger_connect (f->logger, window, "notify::snap-to-words");
  gt_signal_logger_connect (f->logger, window, "notify::review-order");
  gt_signal_logger_connect (f->logger, f->settings, "changed");

  /* A setting reaches the window, its text view and the other window. */
  g_settings_set_boolean (f->settings, "show-rejected", TRUE);
  gt_signal_logger_assert_emission_pop (f->logger, f->settings, "changed", NULL);
  gt_signal_logger_assert_notify_emission_pop (f->logger, window, "show-rejected");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_true (annota_text_view_get_show_rejected (view));
  g_object_get (other, "show-rejected", &show, NULL);
  g_assert_true (show);

  g_settings_set_string (f->settings, "snap-mode", "graphemes");
  gt_signal_logger_assert_emission_pop (f->logger, f->settings, "changed", NULL);
  gt_signal_logger_assert_notify_emission_pop (f->logger, window, "snap-to-words");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_cmpint (annota_text_view_get_snap_mode (view), ==, ANNOTA_SNAP_GRAPHEMES);
  g_object_get (other, "snap-to-words", &words, NULL);
  g_assert_false (words);

  g_settings_set_string (f->settings, "review-order", "confidence");
  gt_signal_logger_assert_emission_pop (f->logger, f->settings, "changed", NULL);
  gt_signal_logger_assert_notify_emission_pop (f->logger, window, "review-order");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_cmpstr (window->review_order, ==, "confidence");

  /* The menu's toggles write the settings (the binding writes the key
   * before the logger hears the notify). */
  activate (window, "win.show-rejected", NULL);
  gt_signal_logger_assert_emission_pop (f->logger, f->settings, "changed", NULL);
  gt_signal_logger_assert_notify_emission_pop (f->logger, window, "show-rejected");
  gt_signal_logger_assert_no_emissions (f->logger);
  g_assert_false (g_settings_get_boolean (f->settings, "show-rejected"));
  g_assert_false (annota_text_view_get_show_rejected (view));
  g_object_get (other, "show-rejected", &show, NULL);
  g_assert_false (show);

  activate (window, "win.snap-to-words", NULL);
  gt_signal_logger_assert_emission_pop (f->logger, f->settings, "changed", NULL);
  gt_signal_logger_assert_notify_emission_pop (f->logger, window, "snap-to-words");
  gt_signal_logger_assert_no_emissions (f->logger);
  mode = g_settings_get_string (f->settings, "snap-mode");
  g_assert_cmpstr (mode, ==, "words");
  g_assert_cmpint (annota_text_view_get_snap_mode (view), ==, ANNOTA_SNAP_WORDS);

  activate (window, "win.review-order", g_variant_new_string ("position"));
  gt_signal_logger_assert_emission_pop (f->logger, f->settings, "changed", NULL);
  gt_signal_logger_assert_notify_emission_pop (f->logger, window, "review-order");
  gt_signal_logger_assert_no_emissions (f->logger);
  order = g_settings_get_string (f->settings, "review-order");
  g_assert_cmpstr (order, ==, "position");

  /* The same value again changes nothing. */
  g_settings_set_boolean (f->settings, "show-rejected", FALSE);
  g_object_set (window, "review-order", "position", NULL);
  ui_test_flush_events ();
  gt_signal_logger_assert_no_emissions (f->logger);
}

static guint
menu_n_items (AnnotaWindow *window)
{
  return g_menu_model_get_n_items (G_MENU_MODEL (window->recent_menu));
}

static char *
menu_label (AnnotaWindow *window,
            guint         i)
{
  char *label = NULL;

  g_menu_model_get_item_attribute (G_MENU_MODEL (window->recent_menu), i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  return label;
}

static char *
menu_target_path (AnnotaWindow *window,
                  guint         i)
{
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GFile) file = NULL;

  target = g_menu_model_get_item_attribute_value (G_MENU_MODEL (window->recent_menu), i,
                                                  G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
  if (target == NULL)
    return NULL;
  file = g_file_new_for_uri (g_variant_get_string (target, NULL));
  return g_file_get_path (file);
}

static void
test_recent_documents (Fixture       *f,
                       gconstpointer  data)
{
  AnnotaWindow *window = new_window ();
  AnnotaWindow *other = new_window ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) recent = NULL;
  g_autofree char *label = NULL;
  g_autofree char *under = NULL;

  /* Nothing opened yet: the menu says so, with a disabled item. */
  g_assert_cmpuint (menu_n_items (window), ==, 1);
  label = menu_label (window, 0);
  g_assert_cmpstr (label, ==, "No Recent Documents");
  g_clear_pointer (&label, g_free);

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("text_%02u.txt", i);

      g_ptr_array_add (paths, write_text_file (f, name, "Ông John Kerry ở Matxcơva.\n"));
    }

  gt_signal_logger_connect (f->logger, f->settings, "changed");
  for (guint i = 0; i < 12; i++)
    {
      ui_test_load_path (window, g_ptr_array_index (paths, i));
      gt_signal_logger_assert_emission_pop (f->logger, f->settings, "changed", NULL);
    }
  gt_signal_logger_assert_no_emissions (f->logger);

  /* Newest first, ten of them. */
  recent = g_settings_get_strv (f->settings, "recent-documents");
  g_assert_cmpuint (g_strv_length (recent), ==, ANNOTA_SETTINGS_MAX_RECENT);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpstr (recent[i], ==, g_ptr_array_index (paths, 11 - i));
  g_clear_pointer (&recent, g_strfreev);

  /* Both windows' menus show them in that order; underscores stay
   * underscores, not mnemonics. */
  g_assert_cmpuint (menu_n_items (window), ==, 10);
  g_assert_cmpuint (menu_n_items (other), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *path = menu_target_path (other, i);

      g_assert_cmpstr (path, ==, g_ptr_array_index (paths, 11 - i));
    }
  label = menu_label (window, 0);
  g_assert_cmpstr (label, ==, "text__11.txt");
  g_clear_pointer (&label, g_free);

  /* Opening one again moves it to the top, once. */
  ui_test_load_path (window, g_ptr_array_index (paths, 5));
  gt_signal_logger_assert_emission_pop (f->logger, f->settings, "changed", NULL);
  recent = g_settings_get_strv (f->settings, "recent-documents");
  g_assert_cmpuint (g_strv_length (recent), ==, 10);
  g_assert_cmpstr (recent[0], ==, g_ptr_array_index (paths, 5));
  g_assert_cmpstr (recent[1], ==, g_ptr_array_index (paths, 11));
  g_assert_cmpstr (recent[7], ==, g_ptr_array_index (paths, 4));
  g_assert_cmpstr (recent[9], ==, g_ptr_array_index (paths, 2));
  g_clear_pointer (&recent, g_strfreev);

  /* The newest again writes nothing. */
  ui_test_load_path (window, g_ptr_array_index (paths, 5));
  gt_signal_logger_assert_no_emissions (f->logger);

  /* A file that is gone stays out of the menu. */
  g_assert_cmpint (g_remove (g_ptr_array_index (paths, 11)), ==, 0);
  g_settings_set_strv (f->settings, "recent-documents", NULL);
  gt_signal_logger_assert_emission_pop (f->logger, f->settings, "changed", NULL);
  annota_settings_add_recent (f->settings, "recent-documents", g_ptr_array_index (paths, 11));
  annota_settings_add_recent (f->settings, "recent-documents", g_ptr_array_index (paths, 3));
  gt_signal_logger_assert_emission_pop (f->logger, f->settings, "changed", NULL);
  gt_signal_logger_assert_emission_pop (f->logger, f->settings, "changed", NULL);
  g_assert_cmpuint (menu_n_items (window), ==, 1);
  under = menu_target_path (window, 0);
  g_assert_cmpstr (under, ==, g_ptr_array_index (paths, 3));

  /* The menu's item opens the file. */
  activate (window, "win.open-recent", g_variant_new_take_string (g_filename_to_uri (g_ptr_array_index (paths, 3), NULL, NULL)));
  g_assert_nonnull (annota_window_get_document (window));
  gt_signal_logger_assert_no_emissions (f->logger);
}

static AnnotaLabelSet *
custom_labels (void)
{
  AnnotaLabelSet *labels = annota_label_set_new ();
  g_autoptr(AnnotaLabel) drug = annota_label_new ("DRUG", "Drug", "#3584e4", "d");
  g_autoptr(AnnotaLabel) dose = annota_label_new ("DOSE", "Dose", "#33d17a", "o");

  g_assert_true (annota_label_set_append (labels, drug, NULL));
  g_assert_true (annota_label_set_append (labels, dose, NULL));
  return labels;
}

static char *
describe_labels (AnnotaLabelSet *labels)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < annota_label_set_get_n_labels (labels); i++)
    g_string_append_printf (str, "%s%s", i > 0 ? " " : "", annota_label_get_id (annota_label_set_peek (labels, i)));
  return g_string_free (str, FALSE);
}

static AnnotaLabelEditor *
find_label_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ANNOTA_IS_LABEL_EDITOR (window))
        return ANNOTA_LABEL_EDITOR (window);
    }
  return NULL;
}

static void
test_default_labels (Fixture       *f,
                     gconstpointer  data)
{
  AnnotaWindow *window = new_window ();
  g_autofree char *text = write_text_file (f, "note.txt", "Aspirin 100 mg.\n");
  g_autofree char *labels_path = g_build_filename (f->tmpdir, "drugs.json", NULL);
  g_autofree char *saved_path = g_build_filename (f->tmpdir, "saved.json", NULL);
  g_autofree char *missing = g_build_filename (f->tmpdir, "missing.json", NULL);
  g_autofree char *ids = NULL;
  g_autofree char *last = NULL;
  g_autoptr(AnnotaLabelSet) labels = custom_labels ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved_path);
  g_autoptr(GFile) labels_file = g_file_new_for_path (labels_path);
  AnnotaLabelEditor *editor;

  g_assert_true (annota_label_set_save_file (labels, labels_path, &error));
  g_assert_no_error (error);

  /* No label set yet: the built-in labels. */
  ui_test_load_path (window, text);
  ids = describe_labels (annota_document_get_labels (annota_window_get_document (window)));
  g_assert_cmpstr (ids, ==, "PER LOC ORG MISC");
  g_clear_pointer (&ids, g_free);

  /* With one, a plain text starts with its labels. */
  g_settings_set_string (f->settings, "last-label-set", labels_path);
  ui_test_load_path (window, text);
  ids = describe_labels (annota_document_get_labels (annota_window_get_document (window)));
  g_assert_cmpstr (ids, ==, "DRUG DOSE");
  g_clear_pointer (&ids, g_free);
  g_assert_null (window->load_warnings);

  /* One that is gone: the built-in labels, and a message that names it. */
  g_settings_set_string (f->settings, "last-label-set", missing);
  ui_test_load_path (window, text);
  ids = describe_labels (annota_document_get_labels (annota_window_get_document (window)));
  g_assert_cmpstr (ids, ==, "PER LOC ORG MISC");
  g_clear_pointer (&ids, g_free);
  g_assert_nonnull (window->load_warnings);
  g_assert_cmpuint (window->load_warnings->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (window->load_warnings, 0),
                                   "The default labels could not be loaded, so the built-in ones are used: "));
  g_assert_nonnull (strstr (g_ptr_array_index (window->load_warnings, 0), "missing.json"));

  /* The label editor's Save and Load make their file the last label set. */
  activate (window, "win.edit-labels", NULL);
  editor = find_label_editor ();
  g_assert_nonnull (editor);
  g_assert_true (annota_label_editor_save_labels (editor, saved_file, &error));
  g_assert_no_error (error);
  last = g_settings_get_string (f->settings, "last-label-set");
  g_assert_cmpstr (last, ==, saved_path);
  g_clear_pointer (&last, g_free);

  g_assert_true (annota_label_editor_load_labels (editor, labels_file, &error));
  g_assert_no_error (error);
  last = g_settings_get_string (f->settings, "last-label-set");
  g_assert_cmpstr (last, ==, labels_path);
  g_clear_pointer (&last, g_free);

  /* A load that fails leaves it. */
  {
    g_autoptr(GFile) gone = g_file_new_for_path (missing);

    g_assert_false (annota_label_editor_load_labels (editor, gone, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  last = g_settings_get_string (f->settings, "last-label-set");
  g_assert_cmpstr (last, ==, labels_path);
}

static AnnotaPreferencesWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ANNOTA_IS_PREFERENCES_WINDOW (window))
        return ANNOTA_PREFERENCES_WINDOW (window);
    }
  return NULL;
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  AnnotaWindow *window = new_window ();
  AnnotaPreferencesWindow *prefs;
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.preferences");
  g_autofree char *labels_path = g_build_filename (f->tmpdir, "drugs.json", NULL);
  g_autofree char *not_labels = write_text_file (f, "not-labels.json", "{\"annota\": 1, \"labels\": 3}");
  g_autoptr(AnnotaLabelSet) labels = custom_labels ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  const char *subtitle;

  /* Ctrl+comma, and the main menu's action, open it. */
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>comma");
  g_assert_null (find_preferences ());
  activate (window, "win.preferences", NULL);
  prefs = find_preferences ();
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (window));

  /* The rows start from the settings. */
  g_assert_cmpuint (adw_combo_row_get_selected (prefs->snap_row), ==, 0);
  g_assert_false (gtk_switch_get_active (prefs->show_rejected_switch));
  g_assert_cmpuint (adw_combo_row_get_selected (prefs->review_order_row), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (prefs->label_set_clear_button)));
  g_assert_cmpstr (adw_action_row_get_subtitle (prefs->label_set_row), ==,
                   "New documents start with the built-in labels");

  gt_signal_logger_connect (f->logger, window, "notify::show-rejected");
  gt_signal_logger_connect (f->logger, window, "notify::snap-to-words");
  gt_signal_logger_connect (f->logger, window, "notify::review-order");

  /* Each row writes its key, which the open window follows. */
  adw_combo_row_set_selected (prefs->snap_row, 1);
  gt_signal_logger_assert_notify_emission_pop (f->logger, window, "snap-to-words");
  value = g_settings_get_string (f->settings, "snap-mode");
  g_assert_cmpstr (value, ==, "graphemes");
  g_clear_pointer (&value, g_free);
  g_assert_false (window->snap_to_words);

  gtk_switch_set_active (prefs->show_rejected_switch, TRUE);
  gt_signal_logger_assert_notify_emission_pop (f->logger, window, "show-rejected");
  g_assert_true (g_settings_get_boolean (f->settings, "show-rejected"));
  g_assert_true (window->show_rejected);

  adw_combo_row_set_selected (prefs->review_order_row, 1);
  gt_signal_logger_assert_notify_emission_pop (f->logger, window, "review-order");
  value = g_settings_get_string (f->settings, "review-order");
  g_assert_cmpstr (value, ==, "confidence");
  g_clear_pointer (&value, g_free);
  g_assert_cmpstr (window->review_order, ==, "confidence");
  gt_signal_logger_assert_no_emissions (f->logger);

  /* The window's toggles move the rows. */
  activate (window, "win.snap-to-words", NULL);
  gt_signal_logger_assert_notify_emission_pop (f->logger, window, "snap-to-words");
  g_assert_cmpuint (adw_combo_row_get_selected (prefs->snap_row), ==, 0);
  activate (window, "win.show-rejected", NULL);
  gt_signal_logger_assert_notify_emission_pop (f->logger, window, "show-rejected");
  g_assert_false (gtk_switch_get_active (prefs->show_rejected_switch));
  g_settings_set_string (f->settings, "review-order", "position");
  gt_signal_logger_assert_notify_emission_pop (f->logger, window, "review-order");
  g_assert_cmpuint (adw_combo_row_get_selected (prefs->review_order_row), ==, 0);
  gt_signal_logger_assert_no_emissions (f->logger);

  /* The label set row: a label set is taken, anything else refused. */
  g_assert_true (annota_label_set_save_file (labels, labels_path, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GFile) file = g_file_new_for_path (labels_path);

    g_assert_true (annota_preferences_window_set_label_set_file (prefs, file, &error));
    g_assert_no_error (error);
  }
  value = g_settings_get_string (f->settings, "last-label-set");
  g_assert_cmpstr (value, ==, labels_path);
  g_clear_pointer (&value, g_free);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (prefs->label_set_clear_button)));
  subtitle = adw_action_row_get_subtitle (prefs->label_set_row);
  g_assert_true (g_str_has_prefix (subtitle, "New documents start with the labels of "));
  g_assert_true (g_str_has_suffix (subtitle, "/drugs.json"));

  {
    g_autoptr(GFile) file = g_file_new_for_path (not_labels);

    g_assert_false (annota_preferences_window_set_label_set_file (prefs, file, &error));
    g_assert_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE);
    g_assert_nonnull (strstr (error->message, "not-labels.json"));
    g_clear_error (&error);
  }
  value = g_settings_get_string (f->settings, "last-label-set");
  g_assert_cmpstr (value, ==, labels_path);
  g_clear_pointer (&value, g_free);

  /* The clear button goes back to the built-in labels. */
  g_signal_emit_by_name (prefs->label_set_clear_button, "clicked");
  value = g_settings_get_string (f->settings, "last-label-set");
  g_assert_cmpstr (value, ==, "");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (prefs->label_set_clear_button)));
  g_assert_cmpstr (adw_action_row_get_subtitle (prefs->label_set_row), ==,
                   "New documents start with the built-in labels");
  gt_signal_logger_assert_no_emissions (f->logger);
}

/* annota --help and --version, in a child process each: GApplication
 * prints and returns before it registers. */
static void
run_app_with (const char *option)
{
  g_autoptr(AnnotaApplication) other = annota_application_new ();
  char *argv[] = { (char *) "annota", (char *) option, NULL };

  exit (g_application_run (G_APPLICATION (other), 2, argv));
}

static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      run_app_with (g_getenv ("ANNOTA_TEST_OPTION"));
      return;
    }

  g_setenv ("ANNOTA_TEST_OPTION", "--version", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("annota " PACKAGE_VERSION "\n");

  g_setenv ("ANNOTA_TEST_OPTION", "--help", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  /* The program's name is the test's: g_test_init () set it. */
  g_test_trap_assert_stdout ("Usage:*[OPTION…] [FILE…]\n\n"
                             "Mark the people, places and other entities in a text*"
                             "--version*Show the version*"
                             "Each FILE opens in a window of its own*annota-cli(1)*");
  g_unsetenv ("ANNOTA_TEST_OPTION");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!ui_test_init (&argc, &argv, "/annota/settings/no-display"))
    return g_test_run ();

  app = ui_test_application_new (G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/annota/settings/window-size", test_window_size);
  ADD ("/annota/settings/toggles", test_toggles);
  ADD ("/annota/settings/recent-documents", test_recent_documents);
  ADD ("/annota/settings/default-labels", test_default_labels);
  ADD ("/annota/settings/preferences", test_preferences);
  ADD ("/annota/settings/command-line", test_command_line);

  ret = g_test_run ();

  ui_test_application_free (app);
  return ret;
}
