/* annota-window-autosave.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What keeps the window's work safe: the recovery copy of the document
 * (AnnotaAutosave) and the offer to restore the copies a crash left
 * behind; the document's file watched for changes by other programs, with
 * a notice offering to reload it or keep the window's version; and the
 * notice for a file that cannot be written, which Save turns into Save As.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-autosave.h"
#include "annota-window-private.h"

/* Events come in bursts (a write, then its end; a rename as a deletion and
 * a creation): the file is looked at once they settle. */
#define CHECK_DELAY_MS 200

enum {
  RESPONSE_RELOAD = 1,
  RESPONSE_KEEP_MINE,
  RESPONSE_SAVE_AS,
};

typedef struct _AnnotaWindowAutosave AnnotaWindowAutosave;

struct _AnnotaWindowAutosave
{
  AnnotaAutosave   *autosave;

  GFileMonitor     *monitor;
  GFile            *monitored;
  /* The file as the window last read or wrote it (etag, size and inode),
   * or NULL when it is not there. */
  char             *disk_state;
  guint             check_id;

  GtkInfoBar       *changed_bar;
  GtkLabel         *changed_label;
  GtkWidget        *reload_button;
  GtkInfoBar       *read_only_bar;
  gboolean          read_only;
  AdwMessageDialog *reload_dialog;
};

/* The one recovery question at a time, whichever window asks it. */
static AdwMessageDialog *recovery_dialog;

static char *
query_disk_state (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_ETAG_VALUE "," G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_UNIX_INODE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return NULL;
  return g_strdup_printf ("%s/%" G_GINT64_FORMAT "/%" G_GUINT64_FORMAT,
                          g_file_info_get_etag (info) ? g_file_info_get_etag (info) : "",
                          g_file_info_get_size (info),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE));
}

static gboolean
can_write (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  /* When it cannot be told, the save will say what is wrong. */
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE))
    return TRUE;
  return g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE);
}

/* A save writes a sibling and renames it over the file: both the file and
 * its folder must be writable. */
static gboolean
is_writable (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);

  if (!g_file_query_exists (file, NULL))
    return parent == NULL || can_write (parent);
  return can_write (file) && (parent == NULL || can_write (parent));
}

static void
hide_changed_notice (AnnotaWindow *self)
{
  gtk_info_bar_set_revealed (self->autosave->changed_bar, FALSE);
}

static void
show_changed_notice (AnnotaWindow *self,
                     gboolean      deleted)
{
  AnnotaWindowAutosave *state = self->autosave;

  gtk_label_set_label (state->changed_label,
                       deleted ? _("The file was deleted by another program")
                               : _("The file was changed by another program"));
  gtk_widget_set_visible (state->reload_button, !deleted);
  gtk_info_bar_set_revealed (state->changed_bar, TRUE);
}

/* TRUE when the file holds what saving the document would write: whoever
 * wrote it (a save of the corpus, another window), nothing differs. */
static gboolean
file_matches_document (GFile          *file,
                       AnnotaDocument *document)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autofree char *json = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  gsize contents_len = 0;

  json = annota_document_to_json (document, &len);
  if (info == NULL || g_file_info_get_size (info) != (goffset) len)
    return FALSE;
  if (!g_file_load_contents (file, NULL, &contents, &contents_len, NULL, NULL))
    return FALSE;
  return contents_len == len && memcmp (contents, json, len) == 0;
}

static gboolean
check_disk (gpointer user_data)
{
  AnnotaWindow *self = user_data;
  AnnotaWindowAutosave *state = self->autosave;
  g_autofree char *disk_state = NULL;

  state->check_id = 0;
  if (state->monitored == NULL)
    return G_SOURCE_REMOVE;

  /* Our own saves recorded what they left, so they end here. */
  disk_state = query_disk_state (state->monitored);
  if (g_strcmp0 (disk_state, state->disk_state) == 0)
    return G_SOURCE_REMOVE;

  g_free (state->disk_state);
  state->disk_state = g_steal_pointer (&disk_state);
  if (state->disk_state != NULL && self->document != NULL &&
      file_matches_document (state->monitored, self->document))
    return G_SOURCE_REMOVE;
  show_changed_notice (self, state->disk_state == NULL);
  return G_SOURCE_REMOVE;
}

static void
on_monitor_changed (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    AnnotaWindow      *self)
{
  AnnotaWindowAutosave *state = self->autosave;

  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED ||
      event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;
  g_clear_handle_id (&state->check_id, g_source_remove);
  state->check_id = g_timeout_add (CHECK_DELAY_MS, check_disk, self);
}

static void
stop_monitor (AnnotaWindowAutosave *state)
{
  g_clear_handle_id (&state->check_id, g_source_remove);
  if (state->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (state->monitor, on_monitor_changed, NULL);
      g_file_monitor_cancel (state->monitor);
      g_clear_object (&state->monitor);
    }
  g_clear_object (&state->monitored);
  g_clear_pointer (&state->disk_state, g_free);
}

/* Watches file from now on, as it is now. */
static void
watch_file (AnnotaWindow *self,
            GFile        *file)
{
  AnnotaWindowAutosave *state = self->autosave;
  g_autoptr(GError) error = NULL;

  stop_monitor (state);
  if (file == NULL)
    return;

  state->monitored = g_object_ref (file);
  state->disk_state = query_disk_state (file);
  state->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (state->monitor == NULL)
    {
      g_debug ("Cannot watch “%s”: %s", g_file_peek_path (file), error->message);
      return;
    }
  g_signal_connect (state->monitor, "changed", G_CALLBACK (on_monitor_changed), self);
}

static void
update_read_only (AnnotaWindow *self)
{
  AnnotaWindowAutosave *state = self->autosave;
  GFile *file = self->document ? annota_document_get_file (self->document) : NULL;

  state->read_only = file != NULL && !is_writable (file);
  gtk_info_bar_set_revealed (state->read_only_bar, state->read_only);
}

void
_annota_window_autosave_set_document (AnnotaWindow *self)
{
  AnnotaWindowAutosave *state = self->autosave;
  GFile *file = self->document ? annota_document_get_file (self->document) : NULL;

  if (state == NULL)
    return;
  annota_autosave_set_document (state->autosave, self->document,
                                file ? NULL : self->source_file, self->is_sample);
  hide_changed_notice (self);
  watch_file (self, file);
  update_read_only (self);
}

void
_annota_window_autosave_saved (AnnotaWindow *self)
{
  AnnotaWindowAutosave *state = self->autosave;
  GFile *file = self->document ? annota_document_get_file (self->document) : NULL;

  if (state == NULL)
    return;
  /* Save As gives the document another file, and a sample a file at all. */
  annota_autosave_set_document (state->autosave, self->document, NULL, FALSE);
  if (file != NULL && state->monitored != NULL && g_file_equal (file, state->monitored))
    {
      g_free (state->disk_state);
      state->disk_state = query_disk_state (file);
    }
  else
    watch_file (self, file);
  hide_changed_notice (self);
  update_read_only (self);
}

gboolean
_annota_window_autosave_is_read_only (AnnotaWindow *self)
{
  return self->autosave != NULL && self->autosave->read_only;
}

AnnotaAutosave *
_annota_window_get_autosave (AnnotaWindow *self)
{
  return self->autosave ? self->autosave->autosave : NULL;
}

GtkInfoBar *
_annota_window_get_changed_bar (AnnotaWindow *self)
{
  return self->autosave ? self->autosave->changed_bar : NULL;
}

GtkInfoBar *
_annota_window_get_read_only_bar (AnnotaWindow *self)
{
  return self->autosave ? self->autosave->read_only_bar : NULL;
}

static void
reload (AnnotaWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (self->document == NULL || annota_document_get_file (self->document) == NULL)
    return;
  /* A document of a corpus is read again in its place: the window stays
   * in the corpus. */
  if (self->corpus != NULL)
    {
      if (!_annota_window_corpus_reload (self, &error))
        _annota_window_show_error (self, error->message);
      return;
    }
  file = g_object_ref (annota_document_get_file (self->document));
  if (!annota_window_load_file (self, file, &error))
    _annota_window_show_error (self, error->message);
}

static gboolean
reload_idle (gpointer user_data)
{
  reload (user_data);
  return G_SOURCE_REMOVE;
}

/* The reload happens once the dialog has closed itself, not under its feet. */
static void
on_reload_dialog_response (AdwMessageDialog *dialog,
                           const char       *response,
                           AnnotaWindow     *self)
{
  if (g_strcmp0 (response, "reload") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT, reload_idle, g_object_ref (self), g_object_unref);
}

static void
ask_reload (AnnotaWindow *self)
{
  AnnotaWindowAutosave *state = self->autosave;
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  if (!annota_document_get_modified (self->document))
    {
      reload (self);
      return;
    }
  if (state->reload_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (state->reload_dialog));
      return;
    }

  name = _annota_window_dup_document_name (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Reload the File?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The changes made to “%s” in this window will be lost."),
                                  name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "reload", _("_Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reload_dialog_response), self, 0);

  state->reload_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &state->reload_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_changed_bar_response (GtkInfoBar   *bar,
                         int           response,
                         AnnotaWindow *self)
{
  if (self->document == NULL)
    return;

  switch (response)
    {
    case RESPONSE_RELOAD:
      ask_reload (self);
      break;

    case RESPONSE_KEEP_MINE:
      /* The window's version differs from the file now, whatever is undone:
       * it stays unsaved, and kept in a recovery copy, until saved. */
      hide_changed_notice (self);
      annota_document_mark_modified (self->document);
      break;

    default:
      break;
    }
}

static void
on_read_only_bar_response (GtkInfoBar   *bar,
                           int           response,
                           AnnotaWindow *self)
{
  if (response == RESPONSE_SAVE_AS)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
}

static void
on_autosave_failed (AnnotaWindow *self,
                    const char   *message)
{
  _annota_window_show_error (self, message);
}

static GtkInfoBar *
make_bar (GtkMessageType  type,
          const char     *message,
          GtkLabel      **label_out)
{
  GtkInfoBar *bar = GTK_INFO_BAR (gtk_info_bar_new ());
  GtkWidget *label = gtk_label_new (message);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_info_bar_set_message_type (bar, type);
  gtk_info_bar_add_child (bar, label);
  gtk_info_bar_set_revealed (bar, FALSE);
  if (label_out != NULL)
    *label_out = GTK_LABEL (label);
  return bar;
}

void
_annota_window_autosave_init (AnnotaWindow *self)
{
  AnnotaWindowAutosave *state = g_new0 (AnnotaWindowAutosave, 1);
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (self->search_bar));

  self->autosave = state;
  state->autosave = annota_autosave_new ();
  g_signal_connect_object (state->autosave, "failed", G_CALLBACK (on_autosave_failed),
                           self, G_CONNECT_SWAPPED);

  /* Both notices go under the search bar, above the text they are about. */
  state->changed_bar = make_bar (GTK_MESSAGE_WARNING, _("The file was changed by another program"),
                                 &state->changed_label);
  state->reload_button = gtk_info_bar_add_button (state->changed_bar, _("_Reload"), RESPONSE_RELOAD);
  gtk_info_bar_add_button (state->changed_bar, _("_Keep Mine"), RESPONSE_KEEP_MINE);
  g_signal_connect (state->changed_bar, "response", G_CALLBACK (on_changed_bar_response), self);

  state->read_only_bar = make_bar (GTK_MESSAGE_INFO, _("Read-only — Save As to keep your changes"), NULL);
  gtk_info_bar_add_button (state->read_only_bar, _("Save _As…"), RESPONSE_SAVE_AS);
  g_signal_connect (state->read_only_bar, "response", G_CALLBACK (on_read_only_bar_response), self);

  gtk_box_insert_child_after (GTK_BOX (box), GTK_WIDGET (state->read_only_bar), GTK_WIDGET (self->search_bar));
  gtk_box_insert_child_after (GTK_BOX (box), GTK_WIDGET (state->changed_bar), GTK_WIDGET (self->search_bar));
}

void
_annota_window_autosave_dispose (AnnotaWindow *self)
{
  AnnotaWindowAutosave *state = self->autosave;

  if (state == NULL)
    return;
  self->autosave = NULL;

  stop_monitor (state);
  if (state->reload_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (state->reload_dialog), (gpointer *) &state->reload_dialog);
      state->reload_dialog = NULL;
    }
  /* The window goes once its document was saved or discarded: the copy
   * goes with it. */
  g_clear_object (&state->autosave);
  g_free (state);
}

/* Restoring */

static AnnotaWindow *
find_window_for (GtkApplication *app,
                 AnnotaRecovery *recovery)
{
  GFile *file = annota_recovery_get_file (recovery);

  /* The unchanged window of the same file, opened from the command line
   * for instance; else an empty one. */
  for (GList *l = gtk_application_get_windows (app); l != NULL && file != NULL; l = l->next)
    {
      AnnotaDocument *document;

      if (!ANNOTA_IS_WINDOW (l->data))
        continue;
      document = annota_window_get_document (l->data);
      if (document != NULL && !annota_document_get_modified (document) &&
          annota_document_get_file (document) != NULL &&
          g_file_equal (annota_document_get_file (document), file))
        return l->data;
    }
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      if (ANNOTA_IS_WINDOW (l->data) && annota_window_get_document (l->data) == NULL)
        return l->data;
    }
  return NULL;
}

static void
restore_into (AnnotaWindow   *window,
              AnnotaRecovery *recovery)
{
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GFile *source;

  /* A copy that cannot be read stays where it is, for a person to look at;
   * the message names it. */
  document = annota_recovery_load (recovery, &error);
  if (document == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not restore “%s”: %s"),
                                                  annota_recovery_get_name (recovery), error->message);

      _annota_window_show_error (window, message);
      return;
    }

  source = annota_recovery_get_file (recovery);
  if (source == NULL)
    source = annota_recovery_get_source (recovery);
  _annota_window_set_document (window, document, source, annota_recovery_get_is_sample (recovery));
  if (window->autosave != NULL)
    annota_autosave_take_over (window->autosave->autosave, recovery);
}

static void
restore_all (AnnotaWindow *self,
             GPtrArray    *recoveries)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  for (guint i = 0; i < recoveries->len; i++)
    {
      AnnotaRecovery *recovery = g_ptr_array_index (recoveries, i);
      AnnotaWindow *window = NULL;

      if (app != NULL)
        window = find_window_for (app, recovery);
      else if (self->document == NULL)
        window = self;
      if (window == NULL && app != NULL)
        window = annota_window_new (ANNOTA_APPLICATION (app));
      if (window == NULL)
        continue;
      gtk_window_present (GTK_WINDOW (window));
      restore_into (window, recovery);
    }
}

static void
on_recovery_response (AdwMessageDialog *dialog,
                      const char       *response,
                      AnnotaWindow     *self)
{
  GPtrArray *recoveries = g_object_get_data (G_OBJECT (dialog), "recoveries");

  if (g_strcmp0 (response, "restore") == 0)
    restore_all (self, recoveries);
  else if (g_strcmp0 (response, "discard") == 0)
    {
      for (guint i = 0; i < recoveries->len; i++)
        annota_recovery_delete (g_ptr_array_index (recoveries, i));
    }
  /* Closed without an answer: the copies wait for the next start. */
}

void
_annota_window_offer_recovery (AnnotaWindow *self)
{
  g_autoptr(GPtrArray) recoveries = NULL;
  g_autoptr(GString) body = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (ANNOTA_IS_WINDOW (self));

  if (recovery_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (recovery_dialog));
      return;
    }

  recoveries = annota_recovery_list ();
  if (recoveries->len == 0)
    return;

  body = g_string_new (g_dngettext (GETTEXT_PACKAGE,
                                    "Annota ended before this document was saved. Restore it to keep the changes, or discard them:",
                                    "Annota ended before these documents were saved. Restore them to keep the changes, or discard them:",
                                    recoveries->len));
  for (guint i = 0; i < recoveries->len; i++)
    {
      AnnotaRecovery *recovery = g_ptr_array_index (recoveries, i);
      g_autoptr(GDateTime) local = g_date_time_to_local (annota_recovery_get_time (recovery));
      g_autofree char *when = g_date_time_format (local, "%x %X");

      g_string_append_c (body, '\n');
      /* Translators: one document in the list of documents to recover: its
       * name and when it was last copied. */
      g_string_append_printf (body, _("• %s, changed %s"), annota_recovery_get_name (recovery), when);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Recover Unsaved Work?"), body->str));
  /* The heading as the title too, which is what window lists show. */
  gtk_window_set_title (GTK_WINDOW (dialog), _("Recover Unsaved Work?"));
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "later");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "recoveries", g_steal_pointer (&recoveries),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_recovery_response), self, 0);

  recovery_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &recovery_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}
