/* annota-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's state and what it shows: the document, its title, the empty
 * state, the footer, the toasts, opening and saving, and the "Save
 * Changes?" question. The actions live in annota-window-actions.c.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-label-palette.h"
#include "annota-settings.h"
#include "annota-text-view-private.h"
#include "annota-window-private.h"

#define MAX_RECENT_ITEMS 10

G_DEFINE_FINAL_TYPE (AnnotaWindow, annota_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_HAS_DOCUMENT,
  PROP_SHOW_REJECTED,
  PROP_SNAP_TO_WORDS,
  PROP_REVIEW_ORDER,
  PROP_REVIEW_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
get_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

static char *
get_display_dir (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = NULL;

  if (parent == NULL)
    return NULL;
  if (g_file_equal (parent, home))
    return g_strdup ("~");
  relative = g_file_get_relative_path (home, parent);
  if (relative != NULL)
    {
      g_autofree char *display = g_filename_display_name (relative);

      return g_strconcat ("~/", display, NULL);
    }
  return g_file_get_parse_name (parent);
}

/* The file the title names: the document's own, or where it came from. */
static GFile *
get_title_file (AnnotaWindow *self)
{
  GFile *file = self->document ? annota_document_get_file (self->document) : NULL;

  return file ? file : self->source_file;
}

char *
_annota_window_dup_document_name (AnnotaWindow *self)
{
  GFile *file = get_title_file (self);
  char *corpus_name = _annota_window_corpus_dup_name (self);

  if (corpus_name != NULL)
    return corpus_name;
  if (file == NULL)
    return g_strdup (_("Untitled Document"));
  return get_display_name (file);
}

static void
update_title (AnnotaWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GFile *file;

  if (self->document == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Annota"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Annota"));
      return;
    }

  if (_annota_window_corpus_update_title (self))
    return;

  name = _annota_window_dup_document_name (self);
  if (annota_document_get_modified (self->document))
    /* Translators: the title of a document with unsaved changes. */
    title = g_strdup_printf (_("%s •"), name);
  else
    title = g_strdup (name);

  file = annota_document_get_file (self->document);
  if (file != NULL)
    subtitle = get_display_dir (file);
  else if (self->is_sample)
    subtitle = g_strdup (_("Sample, not saved yet"));
  else if (self->source_file != NULL)
    {
      g_autofree char *dir = get_display_dir (self->source_file);

      /* Translators: the subtitle of a plain text file that has not been
       * saved as an Annota document yet; %s is its folder. */
      subtitle = g_strdup_printf (_("Plain text in %s"), dir ? dir : "/");
    }

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_footer (AnnotaWindow *self)
{
  g_autoptr(GString) str = NULL;
  guint n_spans, n_suggested, n_rejected, cursor, selection;

  if (self->document == NULL)
    {
      gtk_label_set_label (self->footer_label, "");
      return;
    }

  n_spans = annota_document_count_spans (self->document, NULL, -1);
  n_suggested = annota_document_count_spans (self->document, NULL, ANNOTA_SPAN_STATUS_SUGGESTED);
  n_rejected = annota_document_count_spans (self->document, NULL, ANNOTA_SPAN_STATUS_REJECTED);
  cursor = annota_text_view_get_cursor_offset (self->text_view);
  selection = annota_text_view_get_selection_length (self->text_view);

  str = g_string_new (NULL);
  g_string_append_printf (str, g_dngettext (GETTEXT_PACKAGE, "%u span", "%u spans", n_spans), n_spans);
  g_string_append (str, " · ");
  g_string_append_printf (str, g_dngettext (GETTEXT_PACKAGE, "%u suggested", "%u suggested", n_suggested), n_suggested);
  if (n_rejected > 0)
    {
      g_string_append (str, " · ");
      g_string_append_printf (str, g_dngettext (GETTEXT_PACKAGE, "%u rejected", "%u rejected", n_rejected), n_rejected);
    }
  g_string_append (str, " · ");
  /* Translators: the cursor's offset in the text, in characters. */
  g_string_append_printf (str, _("cursor %u"), cursor);
  g_string_append (str, " · ");
  /* Translators: the length of the selection, in characters. */
  g_string_append_printf (str, _("selection %u"), selection);

  gtk_label_set_label (self->footer_label, str->str);
}

static void
on_document_modified (AnnotaWindow *self)
{
  update_title (self);
  _annota_window_update_actions (self);
}

static void
on_text_view_selected_span (AnnotaWindow *self)
{
  _annota_window_update_actions (self);
  if (self->syncing_selection)
    return;
  self->syncing_selection = TRUE;
  annota_span_panel_set_selected_span (self->span_panel,
                                       annota_text_view_get_selected_span (self->text_view));
  self->syncing_selection = FALSE;
}

static void
on_span_panel_selected_span (AnnotaWindow *self)
{
  if (self->syncing_selection)
    return;
  self->syncing_selection = TRUE;
  annota_text_view_set_selected_span (self->text_view,
                                      annota_span_panel_get_selected_span (self->span_panel));
  self->syncing_selection = FALSE;
}

static void
on_palette_label_activated (AnnotaWindow *self,
                            const char   *label_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.label", "s", label_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_search_changed (AnnotaWindow *self)
{
  _annota_window_search_update (self);
}

static void
on_search_options_changed (AnnotaWindow *self)
{
  _annota_window_search_update (self);
}

static void
on_search_activate (AnnotaWindow *self)
{
  _annota_window_search_step (self, 1);
}

static void
on_search_next_match (AnnotaWindow *self)
{
  _annota_window_search_step (self, 1);
}

static void
on_search_previous_match (AnnotaWindow *self)
{
  _annota_window_search_step (self, -1);
}

static void
on_search_stop (AnnotaWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static char *
dup_label_name (AnnotaLabel *label)
{
  const char *key;

  if (label == NULL)
    return NULL;
  key = annota_label_get_key (label);
  if (key != NULL && *key != '\0')
    return g_strdup_printf ("%s  %s", annota_label_get_name (label), key);
  return g_strdup (annota_label_get_name (label));
}

/* The window's file choosers: one at a time (asking again shows the open
 * one), and when it closes, done gets the chosen file or nothing. */
static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     AnnotaWindow    *self)
{
  AnnotaWindowFileFunc done = g_object_get_data (G_OBJECT (dialog), "annota-done");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL)
    done (self, file);
}

GtkFileChooser *
_annota_window_choose (AnnotaWindow         *self,
                       const char           *title,
                       GtkFileChooserAction  action,
                       AnnotaWindowFileFunc  done)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return NULL;
    }
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "annota-done", done);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  return GTK_FILE_CHOOSER (chooser);
}


void
_annota_window_show_toast (AnnotaWindow *self,
                           const char   *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* An error stays until dismissed: its message names the file and the place
 * in it, which takes time to read. */
static void
show_error (AnnotaWindow *self,
            const char   *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_annota_window_show_error (AnnotaWindow *self,
                           const char   *message)
{
  show_error (self, message);
}

/* Recent documents are recorded under a fixed name, not the translated
 * application name, so that they survive a change of language. */
#define RECENT_APP_NAME "Annota"

static void
add_recent (AnnotaWindow *self,
            GFile        *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *path = g_file_get_path (file);
  GtkRecentData data = { 0 };
  g_autofree char *basename = g_file_get_basename (file);

  if (self->settings != NULL && path != NULL)
    annota_settings_add_recent (self->settings, "recent-documents", path);

  data.display_name = NULL;
  data.mime_type = g_str_has_suffix (basename, ".json") ? (char *) "application/json" : (char *) "text/plain";
  data.app_name = (char *) RECENT_APP_NAME;
  data.app_exec = (char *) "annota %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

void
_annota_window_add_recent (AnnotaWindow *self,
                           GFile        *file)
{
  add_recent (self, file);
}

static gint
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = (GtkRecentInfo *) a;
  GtkRecentInfo *ib = (GtkRecentInfo *) b;

  return g_date_time_compare (gtk_recent_info_get_modified (ib),
                              gtk_recent_info_get_modified (ia));
}

static void
append_recent_item (AnnotaWindow *self,
                    const char   *display_name,
                    const char   *uri)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GMenuItem) item = NULL;

  /* Menu labels take mnemonics: keep the underscores of file names. */
  parts = g_strsplit (display_name, "_", -1);
  escaped = g_strjoinv ("__", parts);
  item = g_menu_item_new (escaped, NULL);
  g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
  g_menu_append_item (self->recent_menu, item);
}

/* The recent-documents key, newest first, skipping files that are gone. */
static guint
append_recent_from_settings (AnnotaWindow *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-documents");
  guint n = 0;

  for (guint i = 0; paths[i] != NULL && n < MAX_RECENT_ITEMS; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autofree char *uri = NULL;
      g_autofree char *display_name = NULL;

      if (!g_path_is_absolute (paths[i]) || !g_file_query_exists (file, NULL))
        continue;
      uri = g_file_get_uri (file);
      display_name = g_filename_display_basename (paths[i]);
      append_recent_item (self, display_name, uri);
      n++;
    }
  return n;
}

/* Without settings, the desktop's list of recent files, ours only. */
static guint
append_recent_from_manager (AnnotaWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  items = g_list_sort (items, compare_recent);
  for (GList *l = items; l != NULL && n < MAX_RECENT_ITEMS; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (!gtk_recent_info_has_application (info, RECENT_APP_NAME))
        continue;
      if (!gtk_recent_info_is_local (info) || !gtk_recent_info_exists (info))
        continue;

      append_recent_item (self, gtk_recent_info_get_display_name (info), gtk_recent_info_get_uri (info));
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  return n;
}

static void
update_recent_menu (AnnotaWindow *self)
{
  guint n;

  g_menu_remove_all (self->recent_menu);
  if (self->settings != NULL)
    n = append_recent_from_settings (self);
  else
    n = append_recent_from_manager (self);

  if (n == 0)
    g_menu_append (self->recent_menu, _("No Recent Documents"), "win.no-recent-documents");
}

static gboolean
is_plain_text (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = g_utf8_strdown (basename, -1);
  g_autofree char *content_type = NULL;

  if (_annota_window_is_native_file (file))
    return FALSE;
  if (g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".text"))
    return TRUE;
  content_type = g_content_type_guess (basename, NULL, 0, NULL);
  return g_content_type_equals (content_type, "text/plain");
}

/* The checks that need no reading: not a folder, not over the size limit;
 * and the size. */
static gboolean
check_file (GFile       *file,
            const char  *name,
            goffset     *size,
            GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s: is a folder, not a document"), name);
      return FALSE;
    }
  if (g_file_info_get_size (info) > ANNOTA_MAX_FILE_SIZE)
    {
      g_autofree char *size_text = g_format_size_full (g_file_info_get_size (info), G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (ANNOTA_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_LIMIT,
                   _("%s: the file is too large to open (%s, at most %s)"), name, size_text, limit);
      return FALSE;
    }
  if (size != NULL)
    *size = g_file_info_get_size (info);
  return TRUE;
}

/* The whole file, after those checks. Read into a buffer of the size the
 * file has, as a large document would otherwise be copied as its buffer
 * grows. */
static gboolean
read_contents (GFile       *file,
               const char  *name,
               char       **data,
               gsize       *len,
               GError     **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *buffer = NULL;
  goffset size = 0;
  gsize n_read = 0;
  char extra;

  if (!check_file (file, name, &size, error))
    return FALSE;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;
  buffer = g_malloc ((gsize) size + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, (gsize) size, &n_read, NULL, error))
    return FALSE;
  /* Changed since it was measured (a file being written, or not a regular
   * file): read it the slow way, to its end. */
  if (n_read < (gsize) size ||
      g_input_stream_read (G_INPUT_STREAM (stream), &extra, 1, NULL, NULL) != 0)
    return g_file_load_contents (file, NULL, data, len, NULL, error);

  buffer[n_read] = '\0';
  *data = g_steal_pointer (&buffer);
  *len = n_read;
  return TRUE;
}

gboolean
_annota_window_is_native_file (GFile *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  basename = g_file_get_basename (file);
  lower = g_utf8_strdown (basename != NULL ? basename : "", -1);
  return g_str_has_suffix (lower, ".json") || g_str_has_suffix (lower, ".annota");
}

AnnotaDocument *
_annota_window_read_native (GFile      *file,
                            GPtrArray **warnings,
                            GError    **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (warnings != NULL)
    *warnings = NULL;
  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  /* A local file is parsed as it is read, a piece at a time: no buffer of
   * its size to fill first. The checks are the same as read_contents'. */
  if (path != NULL && g_str_equal (path, name))
    {
      if (!check_file (file, name, NULL, error))
        return NULL;
      return annota_document_load_file (path, NULL, warnings, error);
    }
  if (!read_contents (file, name, &data, &len, error))
    return NULL;
  return annota_document_load_data (data, len, name, NULL, warnings, error);
}

/* Reads a native document, or a plain text file as a new document with the
 * default labels. Builds nothing on error. */
static AnnotaDocument *
read_document (GSettings  *settings,
               GFile      *file,
               GPtrArray **warnings,
               GError    **error)
{
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  g_autoptr(AnnotaLabelSet) labels = NULL;
  g_autofree char *labels_warning = NULL;
  const char *end = NULL;
  gsize len = 0;

  if (!is_plain_text (file))
    return _annota_window_read_native (file, warnings, error);

  name = g_file_get_parse_name (file);
  if (!read_contents (file, name, &data, &len, error))
    return NULL;
  if (!g_utf8_validate_len (data, len, &end))
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                   _("%s: byte %zu: not UTF-8 text (expected a UTF-8 text file without NUL bytes)"),
                   name, (gsize) (end - data));
      return NULL;
    }
  labels = annota_settings_new_default_labels (settings, &labels_warning);
  if (labels_warning != NULL && warnings != NULL)
    {
      *warnings = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (*warnings, g_steal_pointer (&labels_warning));
    }
  return annota_document_new_from_string (data, labels);
}

/* filled: the document's text already in a buffer for the text view
 * (_annota_text_view_new_buffer), or NULL. */
static void
set_document_full (AnnotaWindow   *self,
                   AnnotaDocument *document,
                   GFile          *source_file,
                   gboolean        is_sample,
                   GtkTextBuffer  *filled)
{
  gboolean had_document = self->document != NULL;

  g_set_object (&self->source_file, source_file);
  self->is_sample = is_sample;

  if (g_set_object (&self->document, document))
    {
      g_signal_group_set_target (self->document_signals, document);
      _annota_text_view_set_document_with_buffer (self->text_view, document, filled);
      annota_span_panel_set_document (self->span_panel, document);
      annota_label_palette_set_document (self->label_palette, document);
      _annota_window_review_set_document (self);
      gtk_drop_down_set_model (self->search_label_dropdown,
                               document ? G_LIST_MODEL (annota_document_get_labels (document)) : NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
      if (had_document != (document != NULL))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_DOCUMENT]);
    }

  gtk_stack_set_visible_child_name (self->main_stack, document ? "document" : "empty");
  _annota_window_search_update (self);
  update_title (self);
  update_footer (self);
  _annota_window_update_actions (self);
  _annota_window_autosave_set_document (self);
  if (document != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
set_document (AnnotaWindow   *self,
              AnnotaDocument *document,
              GFile          *source_file,
              gboolean        is_sample)
{
  set_document_full (self, document, source_file, is_sample, NULL);
}

void
_annota_window_set_document (AnnotaWindow   *self,
                             AnnotaDocument *document,
                             GFile          *source_file,
                             gboolean        is_sample)
{
  set_document (self, document, source_file, is_sample);
}

void
_annota_window_show_warnings (AnnotaWindow *self,
                              GPtrArray    *warnings)
{
  g_autofree char *message = NULL;

  g_return_if_fail (ANNOTA_IS_WINDOW (self));

  if (warnings == NULL || warnings->len == 0)
    return;
  if (warnings->len == 1)
    message = g_strdup (g_ptr_array_index (warnings, 0));
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s (and %u more problem)",
                                            "%s (and %u more problems)",
                                            warnings->len - 1),
                               (const char *) g_ptr_array_index (warnings, 0),
                               warnings->len - 1);
  show_error (self, message);
}

/* The warnings of the document just opened: kept for the window, shown. */
static void
report_warnings (AnnotaWindow *self,
                 GPtrArray    *warnings)
{
  g_clear_pointer (&self->load_warnings, g_ptr_array_unref);
  if (warnings != NULL && warnings->len > 0)
    self->load_warnings = g_ptr_array_ref (warnings);
  _annota_window_show_warnings (self, warnings);
}

gboolean
annota_window_load_file (AnnotaWindow  *self,
                         GFile         *file,
                         GError       **error)
{
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(GtkTextBuffer) buffer = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  GtkApplication *app;

  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A file named on the command line was read while GTK started. */
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (!ANNOTA_IS_APPLICATION (app) ||
      !_annota_application_take_preloaded (ANNOTA_APPLICATION (app), file, &document, &buffer, &warnings, error))
    document = read_document (self->settings, file, &warnings, error);
  if (document == NULL)
    return FALSE;

  if (!is_plain_text (file))
    annota_document_set_file (document, file);
  _annota_window_corpus_leave (self);
  set_document_full (self, document, file, FALSE, buffer);
  add_recent (self, file);
  report_warnings (self, warnings);
  return TRUE;
}

static gboolean
open_sample_now (AnnotaWindow *self)
{
  g_autoptr(GFile) sample = annota_application_find_sample ();
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;

  if (sample == NULL)
    {
      show_error (self, _("The sample document is not installed"));
      return FALSE;
    }

  /* The sample is a template: saving it asks where, so that the installed
   * copy is never written to. */
  document = read_document (self->settings, sample, &warnings, &error);
  if (document == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  annota_document_set_file (document, NULL);
  _annota_window_corpus_leave (self);
  set_document (self, document, sample, TRUE);
  report_warnings (self, warnings);
  return TRUE;
}

gboolean
annota_window_open_sample (AnnotaWindow *self)
{
  g_autoptr(GFile) sample = NULL;

  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), FALSE);

  sample = annota_application_find_sample ();
  if (sample == NULL)
    {
      show_error (self, _("The sample document is not installed"));
      return FALSE;
    }
  _annota_window_maybe_ask_save (self, ANNOTA_PENDING_OPEN_SAMPLE, NULL);
  return TRUE;
}

void
annota_window_open_file (AnnotaWindow *self,
                         GFile        *file)
{
  g_return_if_fail (ANNOTA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (_annota_window_is_corpus_file (file))
    _annota_window_open_corpus (self, file);
  else
    _annota_window_maybe_ask_save (self, ANNOTA_PENDING_OPEN, file);
}

static gboolean
has_json_suffix (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = g_utf8_strdown (basename, -1);

  return g_str_has_suffix (lower, ".json");
}

gboolean
annota_window_save_to_file (AnnotaWindow  *self,
                            GFile         *file,
                            GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->document != NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: only local files can be saved"), uri);
      return FALSE;
    }

  if (!annota_document_save_file (self->document, path, error))
    return FALSE;

  if (annota_document_get_file (self->document) == NULL ||
      !g_file_equal (annota_document_get_file (self->document), file))
    annota_document_set_file (self->document, file);
  g_set_object (&self->source_file, file);
  self->is_sample = FALSE;
  annota_document_mark_saved (self->document);
  _annota_window_autosave_saved (self);
  add_recent (self, file);
  update_title (self);
  _annota_window_update_actions (self);
  return TRUE;
}

gboolean
_annota_window_save (AnnotaWindow *self)
{
  g_autoptr(GError) error = NULL;
  GFile *file;

  if (self->document == NULL)
    return FALSE;
  if (self->corpus != NULL)
    return _annota_window_corpus_save (self);

  /* A file that cannot be written is kept as it is: the changes go
   * elsewhere. */
  file = annota_document_get_file (self->document);
  if (file == NULL || _annota_window_autosave_is_read_only (self))
    {
      _annota_window_save_as (self);
      return FALSE;
    }

  if (!annota_window_save_to_file (self, file, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

      show_error (self, message);
      self->pending = ANNOTA_PENDING_NONE;
      g_clear_object (&self->pending_file);
      return FALSE;
    }
  return TRUE;
}

static void
on_save_as_response (GtkNativeDialog *dialog,
                     int              response,
                     AnnotaWindow    *self)
{
  g_autoptr(AnnotaWindow) hold = g_object_ref (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);

  if (file == NULL || self->document == NULL)
    {
      self->pending = ANNOTA_PENDING_NONE;
      g_clear_object (&self->pending_file);
      return;
    }

  /* A native document is always .json, which also keeps a .txt from being
   * overwritten by its annotations. */
  if (!has_json_suffix (file))
    {
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *with_suffix = g_strconcat (path ? path : "", ".json", NULL);

      if (path != NULL)
        g_set_object (&file, g_file_new_for_path (with_suffix));
    }

  if (!annota_window_save_to_file (self, file, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

      show_error (self, message);
      self->pending = ANNOTA_PENDING_NONE;
      g_clear_object (&self->pending_file);
      return;
    }

  _annota_window_run_pending (self);
}

static char *
suggest_save_name (AnnotaWindow *self)
{
  GFile *file = get_title_file (self);
  g_autofree char *name = NULL;
  char *dot;

  if (file == NULL)
    return g_strdup (_("Untitled.json"));
  name = get_display_name (file);
  if (has_json_suffix (file))
    return g_steal_pointer (&name);
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name)
    *dot = '\0';
  return g_strconcat (name, ".json", NULL);
}

void
_annota_window_save_as (AnnotaWindow *self)
{
  g_autoptr(GtkFileFilter) json_filter = NULL;
  g_autoptr(GtkFileFilter) all_filter = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GFile *file;

  if (self->document == NULL)
    return;
  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Save Document As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  json_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (json_filter, _("Annota Documents"));
  gtk_file_filter_add_pattern (json_filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json_filter);

  name = suggest_save_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  file = get_title_file (self);
  if (file != NULL && !self->is_sample)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, NULL);
    }
  else
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
      g_autoptr(GFile) folder = g_file_new_for_path (documents ? documents : g_get_home_dir ());

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_as_response), self);
  gtk_native_dialog_show (self->chooser);
}

void
_annota_window_run_pending (AnnotaWindow *self)
{
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);
  g_autoptr(GError) error = NULL;
  int pending = self->pending;

  self->pending = ANNOTA_PENDING_NONE;

  switch (pending)
    {
    case ANNOTA_PENDING_CLOSE:
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      break;

    case ANNOTA_PENDING_OPEN:
      if (!annota_window_load_file (self, file, &error))
        show_error (self, error->message);
      break;

    case ANNOTA_PENDING_OPEN_SAMPLE:
      open_sample_now (self);
      break;

    case ANNOTA_PENDING_OPEN_CORPUS:
      _annota_window_open_corpus_now (self, file);
      break;

    case ANNOTA_PENDING_NONE:
    default:
      break;
    }
}

typedef struct {
  AnnotaWindow *window;
  char         *response;
} DialogAnswer;

static void
dialog_answer_free (gpointer data)
{
  DialogAnswer *answer = data;

  g_object_unref (answer->window);
  g_free (answer->response);
  g_free (answer);
}

static gboolean
handle_dialog_answer (gpointer data)
{
  DialogAnswer *answer = data;
  AnnotaWindow *self = answer->window;

  if (g_strcmp0 (answer->response, "discard") == 0)
    _annota_window_run_pending (self);
  else if (g_strcmp0 (answer->response, "save") == 0)
    {
      /* Without a file, Save As runs the pending action once it saved. */
      if (_annota_window_save (self))
        _annota_window_run_pending (self);
    }
  else
    {
      self->pending = ANNOTA_PENDING_NONE;
      g_clear_object (&self->pending_file);
    }
  return G_SOURCE_REMOVE;
}

/* The answer is acted on once the dialog has closed itself: closing the
 * window from inside the response would destroy the dialog under its feet. */
static void
on_save_dialog_response (AdwMessageDialog *dialog,
                         const char       *response,
                         AnnotaWindow     *self)
{
  DialogAnswer *answer = g_new0 (DialogAnswer, 1);

  answer->window = g_object_ref (self);
  answer->response = g_strdup (response);
  g_idle_add_full (G_PRIORITY_DEFAULT, handle_dialog_answer, answer, dialog_answer_free);
}

void
_annota_window_maybe_ask_save (AnnotaWindow *self,
                               int           pending,
                               GFile        *file)
{
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  self->pending = pending;
  g_set_object (&self->pending_file, file);

  /* A corpus saves as it goes: its documents are saved, not asked about. */
  if (self->corpus != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (_annota_window_corpus_save_all (self, &error))
        _annota_window_run_pending (self);
      else
        {
          g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

          show_error (self, message);
          self->pending = ANNOTA_PENDING_NONE;
          g_clear_object (&self->pending_file);
        }
      return;
    }

  if (self->document == NULL || !annota_document_get_modified (self->document))
    {
      _annota_window_run_pending (self);
      return;
    }

  if (self->save_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->save_dialog));
      return;
    }

  name = _annota_window_dup_document_name (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” has unsaved changes. Changes which are not saved will be permanently lost."),
                                  name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_dialog_response), self, 0);

  self->save_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->save_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The size is the unmaximized one: GTK keeps the default size while the
 * window is maximized. */
static void
save_window_state (AnnotaWindow *self)
{
  int width = 0, height = 0;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
restore_window_state (AnnotaWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
annota_window_close_request (GtkWindow *window)
{
  AnnotaWindow *self = ANNOTA_WINDOW (window);

  if (!self->close_confirmed && self->corpus != NULL &&
      !_annota_window_corpus_close_request (self))
    return TRUE;
  if (!self->close_confirmed && self->document != NULL &&
      annota_document_get_modified (self->document))
    {
      _annota_window_maybe_ask_save (self, ANNOTA_PENDING_CLOSE, NULL);
      return TRUE;
    }

  save_window_state (self);
  return GTK_WINDOW_CLASS (annota_window_parent_class)->close_request (window);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         AnnotaWindow  *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  annota_window_open_file (self, G_FILE (files->data));
  /* More than one file: the others open in windows of their own. */
  if (files->next != NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      guint n = g_slist_length (files->next);
      g_autofree GFile **rest = g_new0 (GFile *, n);
      guint i = 0;

      for (GSList *l = files->next; l != NULL; l = l->next)
        rest[i++] = l->data;
      if (app != NULL)
        g_application_open (G_APPLICATION (app), rest, n, "");
    }
  g_slist_free (files);
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AnnotaWindow          *self)
{
  return _annota_window_handle_key (self, keyval, state);
}

AnnotaWindow *
annota_window_new (AnnotaApplication *application)
{
  return g_object_new (ANNOTA_TYPE_WINDOW, "application", application, NULL);
}

AnnotaDocument *
annota_window_get_document (AnnotaWindow *self)
{
  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), NULL);

  return self->document;
}

AnnotaTextView *
annota_window_get_text_view (AnnotaWindow *self)
{
  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), NULL);

  return self->text_view;
}

AnnotaSpanPanel *
annota_window_get_span_panel (AnnotaWindow *self)
{
  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), NULL);

  return self->span_panel;
}

static void
annota_window_dispose (GObject *object)
{
  AnnotaWindow *self = ANNOTA_WINDOW (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  if (self->save_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->save_dialog), (gpointer *) &self->save_dialog);
      self->save_dialog = NULL;
    }
  if (self->shortcuts_window != NULL)
    {
      GtkWindow *shortcuts = self->shortcuts_window;

      g_object_remove_weak_pointer (G_OBJECT (shortcuts), (gpointer *) &self->shortcuts_window);
      self->shortcuts_window = NULL;
      gtk_window_destroy (shortcuts);
    }
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);

  _annota_window_corpus_dispose (self);
  _annota_window_autosave_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ANNOTA_TYPE_WINDOW);
  _annota_window_review_dispose (self);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->source_file);
  g_clear_object (&self->pending_file);
  g_clear_pointer (&self->load_warnings, g_ptr_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (annota_window_parent_class)->dispose (object);
}

/* Restored here rather than in init: "maximized" is a construct property,
 * set after init. */
static void
annota_window_constructed (GObject *object)
{
  AnnotaWindow *self = ANNOTA_WINDOW (object);

  G_OBJECT_CLASS (annota_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    restore_window_state (self);
}

static void
annota_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AnnotaWindow *self = ANNOTA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_HAS_DOCUMENT:
      g_value_set_boolean (value, self->document != NULL);
      break;
    case PROP_SHOW_REJECTED:
      g_value_set_boolean (value, self->show_rejected);
      break;
    case PROP_SNAP_TO_WORDS:
      g_value_set_boolean (value, self->snap_to_words);
      break;
    case PROP_REVIEW_ORDER:
      g_value_set_string (value, self->review_order);
      break;
    case PROP_REVIEW_MODE:
      g_value_set_boolean (value, self->review_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AnnotaWindow *self = ANNOTA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_REJECTED:
      if (self->show_rejected != g_value_get_boolean (value))
        {
          self->show_rejected = g_value_get_boolean (value);
          annota_text_view_set_show_rejected (self->text_view, self->show_rejected);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SNAP_TO_WORDS:
      if (self->snap_to_words != g_value_get_boolean (value))
        {
          self->snap_to_words = g_value_get_boolean (value);
          annota_text_view_set_snap_mode (self->text_view,
                                          self->snap_to_words ? ANNOTA_SNAP_WORDS : ANNOTA_SNAP_GRAPHEMES);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_REVIEW_ORDER:
      {
        const char *order = g_value_get_string (value);

        if (g_strcmp0 (order, "position") != 0 && g_strcmp0 (order, "confidence") != 0)
          g_warning ("Unknown review order “%s”", order ? order : "(null)");
        else if (g_strcmp0 (self->review_order, order) != 0)
          {
            self->review_order = g_intern_string (order);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_REVIEW_MODE:
      if (_annota_window_set_review_mode (self, g_value_get_boolean (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_window_class_init (AnnotaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = annota_window_constructed;
  object_class->dispose = annota_window_dispose;
  object_class->get_property = annota_window_get_property;
  object_class->set_property = annota_window_set_property;
  window_class->close_request = annota_window_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         ANNOTA_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_DOCUMENT] =
    g_param_spec_boolean ("has-document", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_REJECTED] =
    g_param_spec_boolean ("show-rejected", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SNAP_TO_WORDS] =
    g_param_spec_boolean ("snap-to-words", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The order in which review walks the suggestions: "position" (through
   * the text) or "confidence" (least sure first); the review-order key. */
  properties[PROP_REVIEW_ORDER] =
    g_param_spec_string ("review-order", NULL, NULL,
                         "position",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REVIEW_MODE] =
    g_param_spec_boolean ("review-mode", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ANNOTA_TYPE_TEXT_VIEW);
  g_type_ensure (ANNOTA_TYPE_SPAN_PANEL);
  g_type_ensure (ANNOTA_TYPE_LABEL_PALETTE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/annota/Annota/annota-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, span_panel);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, label_palette);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, ignore_accents_check);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, match_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, search_label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, footer_label);
  gtk_widget_class_bind_template_callback (widget_class, on_text_view_selected_span);
  gtk_widget_class_bind_template_callback (widget_class, on_span_panel_selected_span);
  gtk_widget_class_bind_template_callback (widget_class, on_palette_label_activated);
  gtk_widget_class_bind_template_callback (widget_class, update_footer);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_options_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous_match);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);

  _annota_window_class_add_actions (widget_class);
  _annota_window_class_add_review (widget_class);
  _annota_window_class_add_corpus (widget_class);
}

static gboolean
snap_mode_to_words (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_boolean (value, g_strcmp0 (g_variant_get_string (variant, NULL), "words") == 0);
  return TRUE;
}

static GVariant *
words_to_snap_mode (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  return g_variant_new_string (g_value_get_boolean (value) ? "words" : "graphemes");
}

static void
annota_window_init (AnnotaWindow *self)
{
  GtkEventController *controller;
  GtkDropTarget *drop_target;
  g_autoptr(GtkExpression) expression = NULL;

  self->snap_to_words = TRUE;
  self->review_order = g_intern_static_string ("position");
  gtk_widget_init_template (GTK_WIDGET (self));

  self->document_signals = g_signal_group_new (ANNOTA_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "notify::modified",
                                  G_CALLBACK (on_document_modified), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::can-undo",
                                  G_CALLBACK (_annota_window_update_actions), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::can-redo",
                                  G_CALLBACK (_annota_window_update_actions), self);
  g_signal_group_connect_swapped (self->document_signals, "counts-changed",
                                  G_CALLBACK (update_footer), self);
  _annota_window_review_init (self);
  _annota_window_autosave_init (self);
  _annota_window_corpus_init (self);

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (dup_label_name), NULL, NULL);
  gtk_drop_down_set_expression (self->search_label_dropdown, expression);

  annota_text_view_set_snap_mode (self->text_view, ANNOTA_SNAP_WORDS);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  /* Capture phase, so that a label key reaches us before the text view's
   * input method swallows it; _annota_window_handle_key lets keys through
   * while an entry has the focus. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  self->settings = annota_settings_new ();
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "show-rejected", self, "show-rejected", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind_with_mapping (self->settings, "snap-mode", self, "snap-to-words", G_SETTINGS_BIND_DEFAULT,
                                    snap_mode_to_words, words_to_snap_mode, NULL, NULL);
      g_settings_bind (self->settings, "review-order", self, "review-order", G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (self->settings, "changed::recent-documents",
                               G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
    }
  else
    g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                             G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);

  set_document (self, NULL, NULL, FALSE);
}
