/* annota-window-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window over a corpus: opening a folder or a JSONL file, the sidebar
 * of its documents, moving between them, the search through all of them,
 * and the Import and Export actions.
 *
 * A corpus saves as it goes: the document shown is saved through the
 * corpus (atomically) before another is shown, on Save, before the window
 * opens something else and when it closes. Every document opened stays
 * loaded in the corpus for the session, and with it its undo history.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-export-dialog.h"
#include "annota-window-private.h"

gboolean
_annota_window_is_corpus_file (GFile *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    return TRUE;
  basename = g_file_get_basename (file);
  lower = g_utf8_strdown (basename ? basename : "", -1);
  return g_str_has_suffix (lower, ".jsonl");
}

static AnnotaCorpusEntry *
current_entry (AnnotaWindow *self)
{
  if (self->corpus == NULL || self->corpus_position >= annota_corpus_get_n_documents (self->corpus))
    return NULL;
  return annota_corpus_peek_entry (self->corpus, self->corpus_position);
}

static char *
corpus_display_name (AnnotaCorpus *corpus)
{
  return g_filename_display_basename (annota_corpus_get_path (corpus));
}

/* Titles */

gboolean
_annota_window_corpus_update_title (AnnotaWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *name;

  if (self->document == NULL)
    return FALSE;

  if (self->corpus != NULL && current_entry (self) != NULL)
    {
      g_autofree char *corpus_name = corpus_display_name (self->corpus);

      name = annota_corpus_entry_get_name (current_entry (self));
      /* Translators: the subtitle of a corpus document: the corpus's
       * folder or file, the document's position and the number of
       * documents. */
      subtitle = g_strdup_printf (_("%s · %u of %u"), corpus_name, self->corpus_position + 1,
                                  annota_corpus_get_n_documents (self->corpus));
    }
  else if (self->document == self->imported_document && self->import_source != NULL &&
           annota_document_get_file (self->document) == NULL)
    {
      g_autofree char *source = g_file_get_basename (self->import_source);
      g_autofree char *display = g_filename_display_name (source);

      title = _annota_window_dup_document_name (self);
      /* Translators: the subtitle of a document imported from another
       * format; %s is the file it came from. */
      subtitle = g_strdup_printf (_("Imported from %s, not saved yet"), display);
      adw_window_title_set_title (self->window_title, title);
      adw_window_title_set_subtitle (self->window_title, subtitle);
      gtk_window_set_title (GTK_WINDOW (self), title);
      return TRUE;
    }
  else
    return FALSE;

  if (annota_document_get_modified (self->document))
    /* Translators: the title of a document with unsaved changes. */
    title = g_strdup_printf (_("%s •"), name);
  else
    title = g_strdup (name);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
  return TRUE;
}

char *
_annota_window_corpus_dup_name (AnnotaWindow *self)
{
  AnnotaCorpusEntry *entry = current_entry (self);

  return entry ? g_strdup (annota_corpus_entry_get_name (entry)) : NULL;
}

/* Saving */

/* A document to do becomes in progress once changes to it are saved. */
static gboolean
save_current (AnnotaWindow  *self,
              GError       **error)
{
  if (current_entry (self) == NULL || self->document == NULL ||
      !annota_document_get_modified (self->document))
    return TRUE;
  if (annota_document_get_state (self->document) == ANNOTA_DOCUMENT_STATE_TODO)
    annota_document_set_state (self->document, ANNOTA_DOCUMENT_STATE_IN_PROGRESS);
  return annota_corpus_save_document (self->corpus, self->corpus_position, error);
}

gboolean
_annota_window_corpus_save_all (AnnotaWindow  *self,
                                GError       **error)
{
  if (self->corpus == NULL)
    return TRUE;
  return save_current (self, error) && annota_corpus_save_modified (self->corpus, error);
}

gboolean
_annota_window_corpus_save (AnnotaWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!save_current (self, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

      _annota_window_show_error (self, message);
      return FALSE;
    }
  /* A file another program removed is there again. */
  _annota_window_autosave_saved (self);
  return TRUE;
}

static void
on_close_unsaved_response (AdwMessageDialog *dialog,
                           const char       *response,
                           AnnotaWindow     *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

gboolean
_annota_window_corpus_close_request (AnnotaWindow *self)
{
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (_annota_window_corpus_save_all (self, &error))
    return TRUE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s\n\nClosing now loses the changes that could not be saved."),
                                  error->message);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("Close _Without Saving"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_unsaved_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/* Moving between documents */

static gboolean
show_position (AnnotaWindow  *self,
               guint          position,
               GError       **error)
{
  AnnotaCorpusEntry *entry = annota_corpus_peek_entry (self->corpus, position);
  gboolean was_loaded = annota_corpus_entry_get_loaded (entry);
  g_autoptr(GFile) source = NULL;
  AnnotaDocument *document;

  document = annota_corpus_load_document (self->corpus, position, error);
  if (document == NULL)
    return FALSE;

  self->corpus_position = position;
  annota_corpus_set_current (self->corpus, position);
  source = g_file_new_for_path (annota_corpus_entry_get_path (entry));
  _annota_window_set_document (self, document, source, FALSE);
  annota_corpus_sidebar_set_current (_annota_window_corpus_get_sidebar (self), position);
  /* set_document titles a new document only; a corpus has several. */
  _annota_window_corpus_update_title (self);
  _annota_window_update_actions (self);
  if (!was_loaded)
    _annota_window_show_warnings (self, annota_corpus_entry_get_warnings (entry));
  return TRUE;
}

gboolean
_annota_window_corpus_go_to (AnnotaWindow  *self,
                             guint          position,
                             GError       **error)
{
  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->corpus != NULL, FALSE);
  g_return_val_if_fail (position < annota_corpus_get_n_documents (self->corpus), FALSE);

  if (position == self->corpus_position)
    return TRUE;
  /* Never lose work: a document that cannot be saved stays shown. */
  if (!save_current (self, error))
    return FALSE;
  return show_position (self, position, error);
}

gboolean
_annota_window_corpus_reload (AnnotaWindow  *self,
                              GError       **error)
{
  AnnotaCorpusEntry *entry;

  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), FALSE);

  entry = current_entry (self);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (annota_corpus_reload_document (self->corpus, self->corpus_position, error) == NULL)
    return FALSE;
  if (!show_position (self, self->corpus_position, error))
    return FALSE;
  _annota_window_show_warnings (self, annota_corpus_entry_get_warnings (entry));
  return TRUE;
}

static void
go_to_or_tell (AnnotaWindow *self,
               guint         position)
{
  g_autoptr(GError) error = NULL;

  if (!_annota_window_corpus_go_to (self, position, &error))
    {
      _annota_window_show_error (self, error->message);
      annota_corpus_sidebar_set_current (_annota_window_corpus_get_sidebar (self), self->corpus_position);
    }
}

static void
on_document_activated (AnnotaWindow *self,
                       guint         position)
{
  go_to_or_tell (self, position);
}

static void
on_hit_activated (AnnotaWindow *self,
                  guint         position,
                  guint         start,
                  guint         end)
{
  g_autoptr(GError) error = NULL;

  if (self->corpus == NULL)
    return;
  if (!_annota_window_corpus_go_to (self, position, &error))
    {
      _annota_window_show_error (self, error->message);
      return;
    }
  annota_text_view_select_range (self->text_view, start, end);
  /* The search in the text starts over from the hit, so that Ctrl+G goes
   * on from there. */
  _annota_window_search_update (self);
}

static void
on_sidebar_message (AnnotaWindow *self,
                    const char   *message)
{
  _annota_window_show_error (self, message);
}

/* The sidebar is built with the first corpus a window opens: most windows
 * show single documents. */
AnnotaCorpusSidebar *
_annota_window_corpus_get_sidebar (AnnotaWindow *self)
{
  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), NULL);

  if (self->corpus_sidebar == NULL)
    {
      self->corpus_sidebar = g_object_new (ANNOTA_TYPE_CORPUS_SIDEBAR, "width-request", 280, NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->corpus_sidebar), "background");
      g_signal_connect_swapped (self->corpus_sidebar, "document-activated",
                                G_CALLBACK (on_document_activated), self);
      g_signal_connect_swapped (self->corpus_sidebar, "hit-activated",
                                G_CALLBACK (on_hit_activated), self);
      g_signal_connect_swapped (self->corpus_sidebar, "message",
                                G_CALLBACK (on_sidebar_message), self);
      adw_flap_set_flap (self->corpus_flap, GTK_WIDGET (self->corpus_sidebar));
    }
  return self->corpus_sidebar;
}

/* Other programs adding and removing documents */

/* The corpus keeps the document shown listed, whatever happens to its
 * file; documents before it move it. */
static void
on_corpus_items_changed (AnnotaWindow *self)
{
  self->corpus_position = annota_corpus_get_current (self->corpus);
  annota_corpus_sidebar_set_current (_annota_window_corpus_get_sidebar (self), self->corpus_position);
  _annota_window_corpus_update_title (self);
  _annota_window_update_actions (self);
}

static void
unwatch_corpus (AnnotaWindow *self)
{
  if (self->corpus == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->corpus, self);
  annota_corpus_set_watching (self->corpus, FALSE);
}

/* Opening */

void
_annota_window_corpus_leave (AnnotaWindow *self)
{
  g_return_if_fail (ANNOTA_IS_WINDOW (self));

  if (self->corpus_cancellable != NULL)
    {
      g_cancellable_cancel (self->corpus_cancellable);
      g_clear_object (&self->corpus_cancellable);
    }
  if (self->corpus == NULL)
    return;

  if (self->corpus_sidebar != NULL)
    annota_corpus_sidebar_set_corpus (self->corpus_sidebar, NULL);
  adw_flap_set_reveal_flap (self->corpus_flap, FALSE);
  gtk_check_button_set_active (self->search_all_check, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->search_all_check), FALSE);
  unwatch_corpus (self);
  g_clear_object (&self->corpus);
  self->corpus_position = ANNOTA_CORPUS_NO_POSITION;
  _annota_window_update_actions (self);
}

/* Shows corpus in the window: the first document not done yet (or the
 * first one, when all are), or the first after it that can be read. */
static gboolean
set_corpus (AnnotaWindow  *self,
            AnnotaCorpus  *corpus,
            GFile         *file,
            GError       **error)
{
  g_autoptr(AnnotaCorpus) old = NULL;
  g_autoptr(GError) first_error = NULL;
  guint n = annota_corpus_get_n_documents (corpus);
  guint start, position = ANNOTA_CORPUS_NO_POSITION;

  if (n == 0)
    {
      g_autofree char *name = corpus_display_name (corpus);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s holds no documents (.json or .txt files, or lines of JSON)"), name);
      return FALSE;
    }

  start = annota_corpus_find_next_todo (corpus, ANNOTA_CORPUS_NO_POSITION);
  if (start == ANNOTA_CORPUS_NO_POSITION)
    start = 0;
  for (guint k = 0; k < n && position == ANNOTA_CORPUS_NO_POSITION; k++)
    {
      guint i = (start + k) % n;
      g_autoptr(GError) local_error = NULL;

      if (annota_corpus_load_document (corpus, i, &local_error) != NULL)
        position = i;
      else if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }
  if (position == ANNOTA_CORPUS_NO_POSITION)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  /* The window's document is replaced: whatever it was is left behind,
   * after the caller saved or asked. */
  if (self->corpus_cancellable != NULL)
    {
      g_cancellable_cancel (self->corpus_cancellable);
      g_clear_object (&self->corpus_cancellable);
    }
  if (self->corpus_sidebar != NULL)
    annota_corpus_sidebar_set_corpus (self->corpus_sidebar, NULL);
  unwatch_corpus (self);
  old = g_steal_pointer (&self->corpus);
  self->corpus = g_object_ref (corpus);
  self->corpus_position = ANNOTA_CORPUS_NO_POSITION;
  annota_corpus_sidebar_set_corpus (_annota_window_corpus_get_sidebar (self), corpus);
  g_signal_connect_swapped (corpus, "items-changed", G_CALLBACK (on_corpus_items_changed), self);
  annota_corpus_set_watching (corpus, TRUE);
  adw_flap_set_reveal_flap (self->corpus_flap, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->search_all_check), TRUE);

  show_position (self, position, NULL);
  if (first_error != NULL)
    _annota_window_show_error (self, first_error->message);
  _annota_window_show_warnings (self, annota_corpus_get_warnings (self->corpus));
  if (file != NULL)
    _annota_window_add_recent (self, file);
  annota_corpus_sidebar_scan (_annota_window_corpus_get_sidebar (self));
  return TRUE;
}

gboolean
_annota_window_load_corpus (AnnotaWindow  *self,
                            GFile         *file,
                            GError       **error)
{
  g_autoptr(AnnotaCorpus) corpus = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: only local folders and files can be opened as a corpus"), uri);
      return FALSE;
    }
  corpus = annota_corpus_open (path, NULL, error);
  if (corpus == NULL)
    return FALSE;
  return set_corpus (self, corpus, file, error);
}

typedef struct {
  AnnotaWindow *window;
  GFile        *file;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->file);
  g_free (data);
}

static void
on_corpus_opened (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OpenData *data = user_data;
  AnnotaWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaCorpus) corpus = annota_corpus_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      open_data_free (data);
      return;
    }
  g_clear_object (&self->corpus_cancellable);

  if (corpus == NULL || !set_corpus (self, corpus, data->file, &error))
    {
      g_autofree char *name = g_file_get_parse_name (data->file);
      g_autofree char *message = NULL;

      /* The corpus's own messages name the file already. */
      if (strstr (error->message, name) != NULL)
        message = g_strdup (error->message);
      else
        message = g_strdup_printf (_("Could not open %s: %s"), name, error->message);
      _annota_window_show_error (self, message);
    }
  open_data_free (data);
}

void
_annota_window_open_corpus_now (AnnotaWindow *self,
                                GFile        *file)
{
  g_autofree char *path = NULL;
  OpenData *data;

  g_return_if_fail (ANNOTA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("%s: only local folders and files can be opened as a corpus"), uri);

      _annota_window_show_error (self, message);
      return;
    }

  if (self->corpus_cancellable != NULL)
    g_cancellable_cancel (self->corpus_cancellable);
  g_clear_object (&self->corpus_cancellable);
  self->corpus_cancellable = g_cancellable_new ();

  data = g_new0 (OpenData, 1);
  data->window = g_object_ref (self);
  data->file = g_object_ref (file);
  annota_corpus_open_async (path, self->corpus_cancellable, on_corpus_opened, data);
}

void
_annota_window_open_corpus (AnnotaWindow *self,
                            GFile        *file)
{
  g_return_if_fail (ANNOTA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _annota_window_maybe_ask_save (self, ANNOTA_PENDING_OPEN_CORPUS, file);
}

void
_annota_window_show_imported (AnnotaWindow   *self,
                              AnnotaDocument *document,
                              GFile          *source)
{
  g_autoptr(GFile) parent = g_file_get_parent (source);
  g_autofree char *basename = g_file_get_basename (source);
  g_autofree char *json_name = NULL;
  g_autoptr(GFile) proposed = NULL;
  char *dot;

  g_return_if_fail (ANNOTA_IS_WINDOW (self));
  g_return_if_fail (ANNOTA_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (source));

  /* Save proposes the source's name as a native document, beside it. */
  dot = strrchr (basename, '.');
  if (dot != NULL && dot != basename)
    *dot = '\0';
  json_name = g_strconcat (basename, ".json", NULL);
  proposed = parent ? g_file_get_child (parent, json_name) : g_file_new_for_path (json_name);

  _annota_window_corpus_leave (self);
  annota_document_set_file (document, NULL);
  g_set_object (&self->imported_document, document);
  g_set_object (&self->import_source, source);
  _annota_window_set_document (self, document, proposed, FALSE);
  _annota_window_corpus_update_title (self);
}

/* Searching every document */

static void
update_corpus_search (AnnotaWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  AnnotaSearchFlags flags = ANNOTA_SEARCH_CASE_INSENSITIVE;

  if (self->corpus == NULL || !gtk_check_button_get_active (self->search_all_check) ||
      !gtk_search_bar_get_search_mode (self->search_bar))
    {
      if (self->corpus_sidebar != NULL)
        annota_corpus_sidebar_search (self->corpus_sidebar, NULL, 0);
      return;
    }
  if (gtk_check_button_get_active (self->ignore_accents_check))
    flags |= ANNOTA_SEARCH_DIACRITIC_INSENSITIVE;
  annota_corpus_sidebar_search (_annota_window_corpus_get_sidebar (self), query, flags);
}

/* Actions */

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);

  if (_annota_window_choose (self, _("Open a Folder of Documents"),
                             GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _annota_window_open_corpus) != NULL)
    gtk_native_dialog_show (self->chooser);
}

/* win.next-document, win.previous-document and win.next-todo: the corpus
 * says which document comes next, and the bell rings when none does. */
static void
move_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);
  gboolean todo = g_str_equal (action_name, "win.next-todo");
  guint position;

  if (self->corpus == NULL)
    return;
  if (todo)
    position = annota_corpus_find_next_todo (self->corpus, self->corpus_position);
  else if (g_str_equal (action_name, "win.next-document"))
    position = annota_corpus_get_next (self->corpus, self->corpus_position);
  else
    position = annota_corpus_get_previous (self->corpus, self->corpus_position);

  if (position != ANNOTA_CORPUS_NO_POSITION)
    go_to_or_tell (self, position);
  else
    {
      gtk_widget_error_bell (widget);
      if (todo)
        _annota_window_show_toast (self, _("Every other document is done"));
    }
}

static void
set_document_state_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);
  AnnotaDocumentState state;

  if (self->document == NULL ||
      !annota_document_state_from_string (g_variant_get_string (parameter, NULL), &state))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  annota_document_set_state (self->document, state);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  annota_import_dialog_choose (ANNOTA_WINDOW (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);
  GtkWidget *dialog;

  if (self->document == NULL)
    return;
  dialog = annota_export_dialog_new (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_annota_window_corpus_update_actions (AnnotaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean in_corpus = self->corpus != NULL && current_entry (self) != NULL;

  gtk_widget_action_set_enabled (widget, "win.next-document",
                                 in_corpus && annota_corpus_get_next (self->corpus, self->corpus_position) != ANNOTA_CORPUS_NO_POSITION);
  gtk_widget_action_set_enabled (widget, "win.previous-document",
                                 in_corpus && annota_corpus_get_previous (self->corpus, self->corpus_position) != ANNOTA_CORPUS_NO_POSITION);
  gtk_widget_action_set_enabled (widget, "win.next-todo", in_corpus);
  gtk_widget_action_set_enabled (widget, "win.set-document-state", self->document != NULL);
  gtk_widget_action_set_enabled (widget, "win.export", self->document != NULL);
  /* A corpus document belongs to its corpus: it is saved there, and
   * exported to be had elsewhere. */
  if (in_corpus)
    gtk_widget_action_set_enabled (widget, "win.save-as", FALSE);
}

void
_annota_window_class_add_corpus (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, corpus_flap);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, search_all_check);

  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.next-document", NULL, move_document_action);
  gtk_widget_class_install_action (widget_class, "win.previous-document", NULL, move_document_action);
  gtk_widget_class_install_action (widget_class, "win.next-todo", NULL, move_document_action);
  gtk_widget_class_install_action (widget_class, "win.set-document-state", "s", set_document_state_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
}

static void
on_document_state (AnnotaWindow *self)
{
  _annota_window_update_actions (self);
}

static void
on_notify_document (AnnotaWindow *self)
{
  /* An imported document is titled as such until another one replaces it. */
  if (self->imported_document != NULL && self->document != self->imported_document)
    {
      g_clear_object (&self->imported_document);
      g_clear_object (&self->import_source);
    }
}

void
_annota_window_corpus_init (AnnotaWindow *self)
{
  self->corpus_position = ANNOTA_CORPUS_NO_POSITION;

  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (update_corpus_search), self);
  g_signal_connect_swapped (self->search_all_check, "notify::active",
                            G_CALLBACK (update_corpus_search), self);
  g_signal_connect_swapped (self->ignore_accents_check, "notify::active",
                            G_CALLBACK (update_corpus_search), self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (update_corpus_search), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::state",
                                  G_CALLBACK (on_document_state), self);
  g_signal_connect_swapped (self, "notify::document", G_CALLBACK (on_notify_document), self);
}

void
_annota_window_corpus_dispose (AnnotaWindow *self)
{
  if (self->corpus_cancellable != NULL)
    g_cancellable_cancel (self->corpus_cancellable);
  g_clear_object (&self->corpus_cancellable);
  if (self->corpus_sidebar != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->corpus_sidebar, self);
      annota_corpus_sidebar_set_corpus (self->corpus_sidebar, NULL);
    }
  if (self->search_entry != NULL)
    g_signal_handlers_disconnect_by_data (self->search_entry, self);
  if (self->search_all_check != NULL)
    g_signal_handlers_disconnect_by_data (self->search_all_check, self);
  if (self->ignore_accents_check != NULL)
    g_signal_handlers_disconnect_by_data (self->ignore_accents_check, self);
  if (self->search_bar != NULL)
    g_signal_handlers_disconnect_by_data (self->search_bar, self);
  unwatch_corpus (self);
  g_clear_object (&self->corpus);
  g_clear_object (&self->imported_document);
  g_clear_object (&self->import_source);
}
