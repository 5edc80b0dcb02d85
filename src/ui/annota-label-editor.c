/* annota-label-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are bound to the label set, so that undo in the main window (adding
 * or removing a label) shows here at once; each row follows its label's
 * notifications. Nothing here changes a label directly: every edit is an
 * AnnotaDocument operation and so undoable.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-document-io.h"
#include "annota-label-editor.h"
#include "annota-swatch-private.h"

struct _AnnotaLabelEditor
{
  AdwWindow             parent_instance;

  AnnotaDocument       *document;

  GtkWidget            *toast_overlay;
  GtkWidget            *list_box;
  GtkWidget            *add_row;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (AnnotaLabelEditor, annota_label_editor, ADW_TYPE_WINDOW)

enum {
  FILE_USED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  AnnotaLabelEditor *editor;
  AnnotaLabel       *label;
  GtkWidget         *row;
  GtkWidget         *color;
  GtkWidget         *key;
  guint              updating;
  guint              clear_key_id;
} Row;

static void
show_toast (AnnotaLabelEditor *self,
            const char        *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), toast);
}

static void
show_error (AnnotaLabelEditor *self,
            const GError      *error)
{
  show_toast (self, error->message);
}

/* Rows */

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_handle_id (&row->clear_key_id, g_source_remove);
  g_clear_object (&row->label);
  g_free (row);
}

static void
row_update (Row *row)
{
  const char *name = annota_label_get_name (row->label);
  const char *key = annota_label_get_key (row->label);
  GdkRGBA rgba;

  row->updating++;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), annota_label_get_id (row->label));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->row)), name != NULL ? name : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row->row), name != NULL ? name : "");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->key)), key != NULL ? key : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row->key), key != NULL ? key : "");
  if (gdk_rgba_parse (&rgba, annota_label_get_color (row->label)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (row->color), &rgba);
  row->updating--;
}

static void
on_row_label_notify (AnnotaLabel *label,
                     GParamSpec  *pspec,
                     GtkWidget   *widget)
{
  row_update (g_object_get_data (G_OBJECT (widget), "annota-row"));
}

static void
on_name_apply (AdwEntryRow *entry_row,
               Row         *row)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry_row))));

  if (row->updating > 0)
    return;
  /* An empty name falls back to the id in the document. */
  annota_document_set_label_name (row->editor->document, row->label, name);
  row_update (row);
}

static void
set_key (Row        *row,
         const char *key)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (key, annota_label_get_key (row->label)) == 0)
    return;
  if (!annota_document_set_label_key (row->editor->document, row->label, key, &error))
    {
      show_error (row->editor, error);
      row_update (row);
    }
}

static gboolean
clear_key (gpointer user_data)
{
  Row *row = user_data;

  row->clear_key_id = 0;
  if (*gtk_editable_get_text (GTK_EDITABLE (row->key)) == '\0')
    set_key (row, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_key_changed (GtkEditable *editable,
                Row         *row)
{
  const char *key = gtk_editable_get_text (editable);

  if (row->updating > 0)
    return;
  /* Typing over the key empties the entry for a moment before the new
   * character arrives: only an entry still empty afterwards means "no key". */
  if (*key == '\0')
    {
      if (row->clear_key_id == 0)
        row->clear_key_id = g_idle_add (clear_key, row);
      return;
    }
  g_clear_handle_id (&row->clear_key_id, g_source_remove);
  set_key (row, key);
}

static void
on_color_set (GtkColorButton *button,
              Row            *row)
{
  GdkRGBA rgba;
  char color[8];

  if (row->updating > 0)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  g_snprintf (color, sizeof color, "#%02x%02x%02x",
              (guint) CLAMP (rgba.red * 255 + 0.5, 0, 255),
              (guint) CLAMP (rgba.green * 255 + 0.5, 0, 255),
              (guint) CLAMP (rgba.blue * 255 + 0.5, 0, 255));
  annota_document_set_label_color (row->editor->document, row->label, color);
}

static void
on_remove_clicked (GtkButton *button,
                   Row       *row)
{
  /* The row goes away with the label: keep the id alive meanwhile. */
  g_autofree char *id = g_strdup (annota_label_get_id (row->label));

  annota_label_editor_remove_label (row->editor, id);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  AnnotaLabelEditor *self = user_data;
  AnnotaLabel *label = item;
  Row *row = g_new0 (Row, 1);
  GtkWidget *remove;

  row->editor = self;
  row->label = g_object_ref (label);
  row->row = adw_entry_row_new ();
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row->row), TRUE);
  gtk_widget_set_tooltip_text (row->row, _("Name"));

  row->color = gtk_color_button_new ();
  gtk_widget_set_name (row->color, "color");
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (row->color), FALSE);
  gtk_color_button_set_modal (GTK_COLOR_BUTTON (row->color), TRUE);
  gtk_color_button_set_title (GTK_COLOR_BUTTON (row->color), _("Label Colour"));
  gtk_widget_set_valign (row->color, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (row->color, _("Colour"));
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row->row), row->color);

  row->key = gtk_entry_new ();
  gtk_widget_set_name (row->key, "key");
  gtk_entry_set_max_length (GTK_ENTRY (row->key), 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (row->key), 2);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (row->key), 2);
  gtk_editable_set_alignment (GTK_EDITABLE (row->key), 0.5);
  gtk_widget_set_valign (row->key, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (row->key, _("Shortcut Key"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->key),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Shortcut Key"),
                                  -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row->row), row->key);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_name (remove, "remove");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Label"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row->row), remove);

  g_object_set_data_full (G_OBJECT (row->row), "annota-row", row, row_free);
  row_update (row);

  g_signal_connect (row->row, "apply", G_CALLBACK (on_name_apply), row);
  g_signal_connect (row->key, "changed", G_CALLBACK (on_key_changed), row);
  g_signal_connect (row->color, "color-set", G_CALLBACK (on_color_set), row);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), row);
  g_signal_connect_object (label, "notify", G_CALLBACK (on_row_label_notify), row->row, 0);

  return row->row;
}

/* Adding */

static char *
free_key (AnnotaLabelSet *labels)
{
  for (char c = '1'; c <= '9'; c++)
    {
      char key[2] = { c, '\0' };

      if (annota_label_set_lookup_key (labels, key) == NULL)
        return g_strdup (key);
    }
  return NULL;
}

gboolean
annota_label_editor_add_label (AnnotaLabelEditor  *self,
                               const char         *id,
                               GError            **error)
{
  AnnotaLabelSet *labels;
  g_autoptr(AnnotaLabel) label = NULL;
  g_autofree char *key = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (ANNOTA_IS_LABEL_EDITOR (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_strdup (id));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_LABEL,
                           _("A label needs an ID"));
      return FALSE;
    }

  labels = annota_document_get_labels (self->document);
  key = free_key (labels);
  label = annota_label_new (stripped, stripped,
                            annota_label_default_color (annota_label_set_get_n_labels (labels)),
                            key);
  return annota_document_add_label (self->document, label, error);
}

static void
on_add_apply (AdwEntryRow       *entry_row,
              AnnotaLabelEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (annota_label_editor_add_label (self, gtk_editable_get_text (GTK_EDITABLE (entry_row)), &error))
    gtk_editable_set_text (GTK_EDITABLE (entry_row), "");
  else
    show_error (self, error);
}

/* Removing */

static void
on_remove_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    AnnotaLabelEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "annota-label-id");
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (g_strcmp0 (response, "remove") == 0)
    {
      ok = annota_document_remove_label (self->document, id, ANNOTA_LABEL_REMOVAL_DELETE_SPANS,
                                         NULL, &error);
    }
  else if (g_strcmp0 (response, "move") == 0)
    {
      GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);
      GtkWidget *dropdown = g_object_get_data (G_OBJECT (extra), "annota-dropdown");
      GtkStringObject *target = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

      if (target != NULL)
        ok = annota_document_remove_label (self->document, id, ANNOTA_LABEL_REMOVAL_RELABEL_SPANS,
                                           gtk_string_object_get_string (target), &error);
    }

  if (!ok)
    show_error (self, error);
}

GtkWidget *
annota_label_editor_remove_label (AnnotaLabelEditor *self,
                                  const char        *id)
{
  AnnotaLabelSet *labels;
  g_autoptr(GtkStringList) others = NULL;
  GtkWidget *dialog;
  GtkWidget *extra;
  GtkWidget *caption;
  GtkWidget *dropdown;
  guint n_spans;

  g_return_val_if_fail (ANNOTA_IS_LABEL_EDITOR (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  labels = annota_document_get_labels (self->document);
  if (annota_label_set_lookup (labels, id) == NULL)
    return NULL;

  n_spans = annota_document_count_spans (self->document, id, -1);
  if (n_spans == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!annota_document_remove_label (self->document, id, ANNOTA_LABEL_REMOVAL_DELETE_SPANS,
                                         NULL, &error))
        show_error (self, error);
      return NULL;
    }

  others = gtk_string_list_new (NULL);
  for (guint i = 0; i < annota_label_set_get_n_labels (labels); i++)
    {
      const char *other = annota_label_get_id (annota_label_set_peek (labels, i));

      if (g_strcmp0 (other, id) != 0)
        gtk_string_list_append (others, other);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  /* TRANSLATORS: %s is a label id such as PER */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove Label “%s”?"), id);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u span has this label. Remove it too, or move it to another label?",
                                               "%u spans have this label. Remove them too, or move them to another label?",
                                               n_spans),
                                  n_spans);
  g_object_set_data_full (G_OBJECT (dialog), "annota-label-id", g_strdup (id), g_free);

  extra = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (extra, GTK_ALIGN_CENTER);
  caption = gtk_label_new (_("Move to"));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (others)), NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (extra), caption);
  gtk_box_append (GTK_BOX (extra), dropdown);
  g_object_set_data (G_OBJECT (extra), "annota-dropdown", dropdown);
  gtk_widget_set_sensitive (extra, g_list_model_get_n_items (G_LIST_MODEL (others)) > 0);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move to Label"),
                                    "remove", _("_Remove Spans"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move",
                                           g_list_model_get_n_items (G_LIST_MODEL (others)) > 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Loading and saving */

gboolean
annota_label_editor_load_labels (AnnotaLabelEditor  *self,
                                 GFile              *file,
                                 GError            **error)
{
  g_autoptr(AnnotaLabelSet) loaded = NULL;
  g_autofree char *path = NULL;
  AnnotaLabelSet *labels;
  guint n;
  guint n_conflicts = 0;
  g_autofree char *first_conflict = NULL;

  g_return_val_if_fail (ANNOTA_IS_LABEL_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("%s: only local files can be read"), uri);
      return FALSE;
    }
  loaded = annota_label_set_load_file (path, error);
  if (loaded == NULL)
    return FALSE;

  labels = annota_document_get_labels (self->document);
  n = annota_label_set_get_n_labels (loaded);

  annota_document_begin_step (self->document);

  /* Keys first leave the labels that get another one, so that two labels
   * can swap keys. */
  for (guint i = 0; i < n; i++)
    {
      AnnotaLabel *want = annota_label_set_peek (loaded, i);
      AnnotaLabel *have = annota_label_set_lookup (labels, annota_label_get_id (want));

      if (have != NULL && g_strcmp0 (annota_label_get_key (have), annota_label_get_key (want)) != 0)
        annota_document_set_label_key (self->document, have, NULL, NULL);
    }

  for (guint i = 0; i < n; i++)
    {
      AnnotaLabel *want = annota_label_set_peek (loaded, i);
      AnnotaLabel *have = annota_label_set_lookup (labels, annota_label_get_id (want));
      const char *key = annota_label_get_key (want);
      gboolean key_ok = TRUE;

      if (have == NULL)
        {
          g_autoptr(AnnotaLabel) copy = annota_label_copy (want);
          g_autoptr(AnnotaLabel) keyless = NULL;

          if (key != NULL && annota_label_set_lookup_key (labels, key) != NULL)
            {
              keyless = annota_label_new (annota_label_get_id (want), annota_label_get_name (want),
                                          annota_label_get_color (want), NULL);
              key_ok = FALSE;
            }
          if (!annota_document_add_label (self->document, keyless != NULL ? keyless : copy, NULL))
            continue;
        }
      else
        {
          annota_document_set_label_name (self->document, have, annota_label_get_name (want));
          if (annota_label_color_is_valid (annota_label_get_color (want)))
            annota_document_set_label_color (self->document, have, annota_label_get_color (want));
          if (g_strcmp0 (annota_label_get_key (have), key) != 0)
            key_ok = annota_document_set_label_key (self->document, have, key, NULL);
        }

      if (!key_ok)
        {
          n_conflicts++;
          if (first_conflict == NULL)
            first_conflict = g_strdup (annota_label_get_id (want));
        }
    }

  annota_document_end_step (self->document);

  if (n_conflicts > 0)
    {
      g_autofree char *message = NULL;

      if (n_conflicts == 1)
        /* TRANSLATORS: %s is a label id; its shortcut key belongs to another label */
        message = g_strdup_printf (_("Labels loaded; the key of “%s” is taken by another label and was left out"),
                                   first_conflict);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Labels loaded; the keys of %u label are taken by other labels and were left out",
                                                "Labels loaded; the keys of %u labels are taken by other labels and were left out",
                                                n_conflicts),
                                   n_conflicts);
      show_toast (self, message);
    }
  g_signal_emit (self, signals[FILE_USED], 0, file);
  return TRUE;
}

gboolean
annota_label_editor_save_labels (AnnotaLabelEditor  *self,
                                 GFile              *file,
                                 GError            **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (ANNOTA_IS_LABEL_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("%s: only local files can be written"), uri);
      return FALSE;
    }
  if (!annota_label_set_save_file (annota_document_get_labels (self->document), path, error))
    return FALSE;
  g_signal_emit (self, signals[FILE_USED], 0, file);
  return TRUE;
}

static void
on_chooser_response (GtkNativeDialog   *chooser,
                     int                response,
                     AnnotaLabelEditor *self)
{
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (file == NULL)
        ;
      else if (saving)
        {
          if (annota_label_editor_save_labels (self, file, &error))
            {
              g_autofree char *name = g_file_get_basename (file);
              g_autofree char *message = g_strdup_printf (_("Labels saved to “%s”"), name);

              show_toast (self, message);
            }
          else
            show_error (self, error);
        }
      else if (!annota_label_editor_load_labels (self, file, &error))
        show_error (self, error);
    }

  g_clear_object (&self->chooser);
}

static void
run_chooser (AnnotaLabelEditor    *self,
             GtkFileChooserAction  action)
{
  gboolean saving = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (saving ? _("Save Labels") : _("Load Labels"),
                                               GTK_WINDOW (self), action,
                                               saving ? _("_Save") : _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Label Sets"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (saving)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "labels.json");
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_load_clicked (GtkButton         *button,
                 AnnotaLabelEditor *self)
{
  run_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
on_save_clicked (GtkButton         *button,
                 AnnotaLabelEditor *self)
{
  run_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* The window */

static void
annota_label_editor_dispose (GObject *object)
{
  AnnotaLabelEditor *self = ANNOTA_LABEL_EDITOR (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->list_box != NULL)
    gtk_list_box_bind_model (GTK_LIST_BOX (self->list_box), NULL, NULL, NULL, NULL);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (annota_label_editor_parent_class)->dispose (object);
}

static void
annota_label_editor_class_init (AnnotaLabelEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = annota_label_editor_dispose;

  signals[FILE_USED] =
    g_signal_new ("file-used",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
annota_label_editor_init (AnnotaLabelEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *load = gtk_button_new_from_icon_name ("document-open-symbolic");
  GtkWidget *save = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *add_group = adw_preferences_group_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Labels"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 600);

  gtk_widget_set_tooltip_text (load, _("Load Labels…"));
  g_signal_connect (load, "clicked", G_CALLBACK (on_load_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), load);
  gtk_widget_set_tooltip_text (save, _("Save Labels…"));
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Colour, name and shortcut key of each label. Every change can be undone in the main window."));
  self->list_box = gtk_list_box_new ();
  gtk_widget_set_name (self->list_box, "labels");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list_box, "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->list_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  self->add_row = adw_entry_row_new ();
  gtk_widget_set_name (self->add_row, "add");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("Add Label"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->add_row), TRUE);
  gtk_widget_set_tooltip_text (self->add_row, _("The ID of the new label, as files store it"));
  g_signal_connect (self->add_row, "apply", G_CALLBACK (on_add_apply), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (add_group), self->add_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (add_group));

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  self->toast_overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toast_overlay), box);
  adw_window_set_content (ADW_WINDOW (self), self->toast_overlay);
}

GtkWidget *
annota_label_editor_new (GtkWindow      *parent,
                         AnnotaDocument *document)
{
  AnnotaLabelEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (document), NULL);

  self = g_object_new (ANNOTA_TYPE_LABEL_EDITOR, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list_box),
                           G_LIST_MODEL (annota_document_get_labels (document)),
                           create_row, self, NULL);
  return GTK_WIDGET (self);
}
