/* annota-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker never touches the window's documents: an export takes, on the
 * main thread, a snapshot (native JSON) of every document loaded in the
 * corpus and the paths of the others, and reads them in its own thread with
 * a label set of its own. Progress crosses back through an atomic counter
 * that a timeout reads.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-export-dialog.h"
#include "annota-window-private.h"

/* Problems listed in the dialog at most; the count says how many more. */
#define MAX_LISTED_PROBLEMS 1000

/* The formats, in the order the rows list them. */
static const AnnotaFormatKind export_kinds[] = {
  ANNOTA_FORMAT_SPACY,
  ANNOTA_FORMAT_DOCCANO,
  ANNOTA_FORMAT_BRAT,
  ANNOTA_FORMAT_CONLL,
  ANNOTA_FORMAT_LABELSTUDIO,
  ANNOTA_FORMAT_NATIVE,
};

static const char *
format_title (AnnotaFormatKind kind)
{
  switch (kind)
    {
    case ANNOTA_FORMAT_SPACY:
      return _("spaCy / Prodigy JSONL");
    case ANNOTA_FORMAT_DOCCANO:
      return _("doccano JSONL");
    case ANNOTA_FORMAT_BRAT:
      return _("brat Standoff");
    case ANNOTA_FORMAT_CONLL:
      return _("CoNLL");
    case ANNOTA_FORMAT_LABELSTUDIO:
      return _("Label Studio JSON");
    case ANNOTA_FORMAT_NATIVE:
      return _("Annota");
    case ANNOTA_FORMAT_UNKNOWN:
    default:
      return _("Unknown");
    }
}

static const AnnotaConllScheme scheme_values[] = {
  ANNOTA_CONLL_SCHEME_IOB2,
  ANNOTA_CONLL_SCHEME_IOB1,
  ANNOTA_CONLL_SCHEME_BIOES,
  ANNOTA_CONLL_SCHEME_BILOU,
  ANNOTA_CONLL_SCHEME_AUTO,
};

static const AnnotaMisalignedPolicy misaligned_values[] = {
  ANNOTA_MISALIGNED_ERROR,
  ANNOTA_MISALIGNED_EXPAND,
  ANNOTA_MISALIGNED_SKIP,
};

static guint
index_of (const int *values,
          guint      n,
          int        value)
{
  for (guint i = 0; i < n; i++)
    if (values[i] == value)
      return i;
  return 0;
}

/* Selects kind in a row that lists kinds; a kind it lacks changes nothing. */
static void
select_kind (GtkWidget              *row,
             const AnnotaFormatKind *kinds,
             guint                   n_kinds,
             AnnotaFormatKind        kind)
{
  for (guint i = 0; i < n_kinds; i++)
    if (kinds[i] == kind)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
}

static GtkStringList *
new_string_list (const char *first,
                 ...)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    gtk_string_list_append (list, s);
  va_end (args);
  return list;
}

static GtkWidget *
new_combo_row (const char    *title,
               GtkStringList *model)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_object_unref (model);
  return row;
}

static GtkWidget *
new_switch_row (const char  *title,
                const char  *subtitle,
                GtkWidget  **toggle)
{
  GtkWidget *row = adw_action_row_new ();

  *toggle = gtk_switch_new ();
  gtk_widget_set_valign (*toggle, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), *toggle);
  return row;
}

/* A dialog that lists what went wrong, one line each. */
static void
show_problems (GtkWindow  *parent,
               const char *heading,
               const char *body,
               GPtrArray  *problems)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");

  if (problems != NULL && problems->len > 0)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *label;
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < problems->len && i < MAX_LISTED_PROBLEMS; i++)
        {
          if (i > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, g_ptr_array_index (problems, i));
        }
      if (problems->len > MAX_LISTED_PROBLEMS)
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more",
                                                     problems->len - MAX_LISTED_PROBLEMS),
                                  problems->len - MAX_LISTED_PROBLEMS);
        }
      label = gtk_label_new (text->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "monospace");
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_widget_add_css_class (scroller, "card");
      adw_message_dialog_set_extra_child (dialog, scroller);
    }

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export jobs */

typedef enum {
  ITEM_SNAPSHOT,   /* native JSON taken on the main thread */
  ITEM_JSON,       /* a native document on disk */
  ITEM_TEXT,       /* a plain text on disk */
  ITEM_LINE,       /* a line of the corpus's JSONL file */
} ItemKind;

typedef struct {
  ItemKind  kind;
  char     *name;
  char     *data;
  gsize     len;
  char     *path;
  guint     line;
} ExportItem;

static void
export_item_free (gpointer data)
{
  ExportItem *item = data;

  g_free (item->name);
  g_free (item->data);
  g_free (item->path);
  g_free (item);
}

typedef struct {
  GPtrArray           *items;
  char                *jsonl_path;
  AnnotaFormatKind     kind;
  AnnotaFormatOptions  opts;
  AnnotaLabelSet      *labels;
  char                *path;
  GPtrArray           *problems;
  guint                n_problem_documents;
  int                  n_done;     /* atomic */
  guint                n_total;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_ptr_array_unref (job->items);
  g_free (job->jsonl_path);
  g_clear_object (&job->labels);
  g_free (job->path);
  g_ptr_array_unref (job->problems);
  g_free (job);
}

/* Cuts a file name's extension off, in place: what is exported is named
 * after the file it came from. */
static char *
strip_extension (char *name)
{
  char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    *dot = '\0';
  return name;
}

/* The name a document is given in the output and in messages. */
static char *
document_name (AnnotaDocument *document)
{
  GFile *file = annota_document_get_file (document);

  if (file == NULL)
    return g_strdup ("document");
  return strip_extension (g_file_get_basename (file));
}

static ExportItem *
snapshot_item (AnnotaDocument *document,
               const char     *name)
{
  ExportItem *item = g_new0 (ExportItem, 1);

  item->kind = ITEM_SNAPSHOT;
  item->name = g_strdup (name);
  item->data = annota_document_to_json (document, &item->len);
  return item;
}

/* Reads line number line (1-based) of a JSONL file, going on from where the
 * reader is: the items come in line order. */
typedef struct {
  GDataInputStream *stream;
  guint             line;
} LineReader;

static char *
line_reader_get (LineReader  *reader,
                 const char  *path,
                 guint        line,
                 gsize       *len,
                 GError     **error)
{
  if (reader->stream == NULL || line <= reader->line)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInputStream) input = g_file_read (file, NULL, error);

      if (input == NULL)
        return NULL;
      g_clear_object (&reader->stream);
      reader->stream = g_data_input_stream_new (G_INPUT_STREAM (input));
      g_data_input_stream_set_newline_type (reader->stream, G_DATA_STREAM_NEWLINE_TYPE_ANY);
      reader->line = 0;
    }
  while (reader->line < line)
    {
      g_autoptr(GError) local_error = NULL;
      char *data = g_data_input_stream_read_line (reader->stream, len, NULL, &local_error);

      if (data == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                         _("%s: line %u is gone"), path, line);
          return NULL;
        }
      reader->line++;
      if (reader->line == line)
        return data;
      g_free (data);
    }
  g_assert_not_reached ();
}

/* A {"text": …} line reads as a native document, as the corpus reads it. */
static char *
wrap_line (const char *data,
           gsize       len,
           gsize      *wrapped_len)
{
  const char *brace = memchr (data, '{', len);
  GString *out = g_string_sized_new (len + 16);
  const char *rest;

  if (brace == NULL)
    g_string_append_len (out, data, len);
  else
    {
      rest = brace + 1;
      while (rest < data + len && g_ascii_isspace (*rest))
        rest++;
      g_string_append (out, "{\"annota\": 1");
      if (rest < data + len && *rest != '}')
        g_string_append (out, ", ");
      g_string_append_len (out, rest, data + len - rest);
    }
  *wrapped_len = out->len;
  return g_string_free (out, FALSE);
}

static AnnotaDocument *
load_item (ExportJob   *job,
           ExportItem  *item,
           LineReader  *lines,
           GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  switch (item->kind)
    {
    case ITEM_SNAPSHOT:
      return annota_document_load_data (item->data, item->len, item->name, job->labels, NULL, error);

    case ITEM_JSON:
      return annota_document_load_file (item->path, job->labels, NULL, error);

    case ITEM_TEXT:
      if (!g_file_get_contents (item->path, &data, &len, error))
        return NULL;
      if (!g_utf8_validate_len (data, len, NULL))
        {
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                       _("%s: not UTF-8 text"), item->path);
          return NULL;
        }
      return annota_document_new_from_string (data, job->labels);

    case ITEM_LINE:
      {
        g_autofree char *wrapped = NULL;
        g_autofree char *name = g_strdup_printf ("%s:%u", job->jsonl_path, item->line);

        data = line_reader_get (lines, job->jsonl_path, item->line, &len, error);
        if (data == NULL)
          return NULL;
        if (strstr (data, "\"annota\"") != NULL)
          {
            g_autoptr(GError) local_error = NULL;
            AnnotaDocument *document = annota_document_load_data (data, len, name, job->labels, NULL, &local_error);

            if (document != NULL)
              return document;
          }
        wrapped = wrap_line (data, len, &len);
        return annota_document_load_data (wrapped, len, name, job->labels, NULL, error);
      }

    default:
      g_assert_not_reached ();
    }
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(AnnotaFormatWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  LineReader lines = { NULL, 0 };
  gboolean refused = FALSE;

  job->opts.labels = job->labels;
  writer = annota_format_writer_open (job->kind, job->path, &job->opts, &error);
  if (writer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < job->items->len; i++)
    {
      ExportItem *item = g_ptr_array_index (job->items, i);
      g_autoptr(AnnotaDocument) document = NULL;
      guint n_before = job->problems->len;

      if (g_task_return_error_if_cancelled (task))
        {
          g_clear_object (&lines.stream);
          return;
        }

      document = load_item (job, item, &lines, &error);
      if (document == NULL)
        {
          g_clear_object (&lines.stream);
          g_prefix_error (&error, _("%s: "), item->name);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      annota_format_set_document_name (document, item->name);

      /* A span the format cannot hold fails the export, but the others are
       * still looked at, so that one look at the list shows them all. */
      if (!annota_format_writer_add (writer, document, job->problems, &error))
        {
          if (job->problems->len == n_before)
            {
              g_clear_object (&lines.stream);
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          g_clear_error (&error);
          refused = TRUE;
        }
      if (job->problems->len > n_before)
        job->n_problem_documents++;
      g_atomic_int_inc (&job->n_done);
    }
  g_clear_object (&lines.stream);

  if (refused)
    {
      g_task_return_new_error (task, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u span cannot be written as %s",
                                            "%u spans cannot be written as %s",
                                            job->problems->len),
                               job->problems->len, format_title (job->kind));
      return;
    }
  /* Past this point the files are written: a Cancel that comes later
   * must not say otherwise (the task does not check it again). */
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!annota_format_writer_commit (writer, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* What both dialogs have */

/* The frame build_frame makes, the file chooser a dialog may show, and the
 * worker that runs: its cancellable, a timeout that shows its progress,
 * and its error. */
typedef struct {
  GtkWidget       *cancel_button;
  GtkWidget       *action_button;
  GtkWidget       *progress_revealer;
  GtkWidget       *progress_bar;
  GtkWidget       *status_label;

  GtkNativeDialog *chooser;
  GCancellable    *cancellable;
  guint            timeout_id;
  GError          *error;
  /* Destroyed while the worker ran: its widgets are gone. */
  gboolean         disposed;
} TaskFrame;

static TaskFrame *frame_of (gpointer dialog);

static void
frame_show_status (TaskFrame  *frame,
                   const char *text)
{
  gtk_label_set_label (GTK_LABEL (frame->status_label), text);
  gtk_revealer_set_reveal_child (GTK_REVEALER (frame->progress_revealer), TRUE);
}

/* Shows the progress bar with text; tick runs every 100 ms until
 * frame_stop. A worker that goes on keeps its cancellable. */
static void
frame_start (TaskFrame   *frame,
             const char  *text,
             GSourceFunc  tick,
             gpointer     data)
{
  if (frame->cancellable == NULL)
    frame->cancellable = g_cancellable_new ();
  if (frame->timeout_id == 0)
    frame->timeout_id = g_timeout_add (100, tick, data);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (frame->progress_bar), text);
  gtk_widget_set_visible (frame->progress_bar, TRUE);
  frame_show_status (frame, "");
}

static void
frame_stop (TaskFrame *frame)
{
  g_clear_object (&frame->cancellable);
  g_clear_handle_id (&frame->timeout_id, g_source_remove);
  gtk_widget_set_visible (frame->progress_bar, FALSE);
}

static void
frame_set_error (TaskFrame    *frame,
                 const GError *error)
{
  g_clear_error (&frame->error);
  if (error != NULL)
    frame->error = g_error_copy (error);
}

/* A modal file chooser over the dialog; on_response gets data. */
static void
frame_choose (TaskFrame            *frame,
              GtkWindow            *dialog,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept_label,
              const char           *current_name,
              GCallback             on_response,
              gpointer              data)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, dialog, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  frame->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", on_response, data);
  gtk_native_dialog_show (frame->chooser);
}

/* What the chooser answered (NULL unless accepted); it is done with. */
static GFile *
frame_chooser_done (TaskFrame       *frame,
                    GtkNativeDialog *chooser,
                    int              response)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&frame->chooser);
  return file;
}

/* Cancel stops the worker, or closes the dialog when none runs. */
static void
on_frame_cancel_clicked (GtkWindow *dialog)
{
  TaskFrame *frame = frame_of (dialog);

  if (frame->cancellable != NULL)
    g_cancellable_cancel (frame->cancellable);
  else
    gtk_window_close (dialog);
}

static void
frame_dispose (TaskFrame *frame,
               gpointer   dialog)
{
  frame->disposed = TRUE;
  if (frame->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (frame->chooser, dialog);
      gtk_native_dialog_destroy (frame->chooser);
      g_clear_object (&frame->chooser);
    }
  if (frame->cancellable != NULL)
    g_cancellable_cancel (frame->cancellable);
  g_clear_handle_id (&frame->timeout_id, g_source_remove);
}

static void
frame_finalize (TaskFrame *frame)
{
  g_clear_object (&frame->cancellable);
  g_clear_error (&frame->error);
}

/* The parts both dialogs have: a header bar with Cancel and the action
 * button, a preferences page, and a progress bar with a status line. */
static GtkWidget *
build_frame (GtkWindow   *window,
             const char  *title,
             const char  *action,
             TaskFrame   *frame,
             GtkWidget  **page)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  frame->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (frame->cancel_button, "clicked", G_CALLBACK (on_frame_cancel_clicked), window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), frame->cancel_button);
  frame->action_button = gtk_button_new_with_mnemonic (action);
  gtk_widget_add_css_class (frame->action_button, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), frame->action_button);
  gtk_box_append (GTK_BOX (box), header);

  *page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (*page, TRUE);
  gtk_box_append (GTK_BOX (box), *page);

  frame->progress_bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (frame->progress_bar), TRUE);
  frame->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (frame->status_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (frame->status_label), 0);
  gtk_widget_add_css_class (frame->status_label, "dim-label");
  gtk_widget_set_margin_start (progress_box, 18);
  gtk_widget_set_margin_end (progress_box, 18);
  gtk_widget_set_margin_bottom (progress_box, 18);
  gtk_box_append (GTK_BOX (progress_box), frame->progress_bar);
  gtk_box_append (GTK_BOX (progress_box), frame->status_label);
  frame->progress_revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (frame->progress_revealer), progress_box);
  gtk_box_append (GTK_BOX (box), frame->progress_revealer);

  gtk_window_set_title (window, title);
  gtk_window_set_default_size (window, 560, -1);
  gtk_window_set_modal (window, TRUE);
  gtk_window_set_destroy_with_parent (window, TRUE);
  adw_window_set_content (ADW_WINDOW (window), box);
  return box;
}

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static void
dialog_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, frame_of (object)->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The property "running" (in properties, the class's own), and Escape
 * closes. */
static void
dialog_class_init (GObjectClass  *object_class,
                   GParamSpec   **properties)
{
  object_class->get_property = dialog_get_property;
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (object_class), GDK_KEY_Escape, 0, "window.close", NULL);
}

/* The export dialog */

struct _AnnotaExportDialog
{
  AdwWindow        parent_instance;

  AnnotaWindow    *window;
  AnnotaCorpus    *corpus;
  AnnotaDocument  *document;
  char            *document_name;

  TaskFrame        frame;
  GtkWidget       *scope_row;
  GtkWidget       *format_row;
  GtkWidget       *scheme_row;
  GtkWidget       *offsets_row;
  GtkWidget       *misaligned_row;
  GtkWidget       *suggested_switch;
  GtkWidget       *rejected_switch;

  ExportJob       *job;         /* borrowed from the running task */
  GPtrArray       *problems;
};

G_DEFINE_FINAL_TYPE (AnnotaExportDialog, annota_export_dialog, ADW_TYPE_WINDOW)

static GParamSpec *export_properties[N_PROPS];

static AnnotaFormatKind
selected_kind (AnnotaExportDialog *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row));

  return i < G_N_ELEMENTS (export_kinds) ? export_kinds[i] : ANNOTA_FORMAT_SPACY;
}

static gboolean
whole_corpus (AnnotaExportDialog *self)
{
  return self->corpus != NULL && adw_combo_row_get_selected (ADW_COMBO_ROW (self->scope_row)) == 1;
}

static void
get_options (AnnotaExportDialog  *self,
             AnnotaFormatOptions *opts)
{
  guint scheme = adw_combo_row_get_selected (ADW_COMBO_ROW (self->scheme_row));
  guint misaligned = adw_combo_row_get_selected (ADW_COMBO_ROW (self->misaligned_row));

  annota_format_options_init (opts);
  opts->scheme = scheme_values[MIN (scheme, G_N_ELEMENTS (scheme_values) - 1)];
  opts->offsets = adw_combo_row_get_selected (ADW_COMBO_ROW (self->offsets_row)) == 1 ?
                  ANNOTA_OFFSETS_CODEPOINTS : ANNOTA_OFFSETS_UTF16;
  opts->misaligned = misaligned_values[MIN (misaligned, G_N_ELEMENTS (misaligned_values) - 1)];
  opts->include = ANNOTA_INCLUDE_ACCEPTED;
  if (gtk_switch_get_active (GTK_SWITCH (self->suggested_switch)))
    opts->include |= ANNOTA_INCLUDE_SUGGESTED;
  if (gtk_switch_get_active (GTK_SWITCH (self->rejected_switch)))
    opts->include |= ANNOTA_INCLUDE_REJECTED;
}

static void
update_rows (AnnotaExportDialog *self)
{
  AnnotaFormatKind kind = selected_kind (self);
  gboolean running = self->frame.cancellable != NULL;

  gtk_widget_set_visible (self->scheme_row, kind == ANNOTA_FORMAT_CONLL);
  gtk_widget_set_visible (self->offsets_row, kind == ANNOTA_FORMAT_DOCCANO);
  gtk_widget_set_visible (self->misaligned_row, kind != ANNOTA_FORMAT_NATIVE && kind != ANNOTA_FORMAT_BRAT);
  gtk_widget_set_visible (gtk_widget_get_ancestor (self->suggested_switch, ADW_TYPE_ACTION_ROW),
                          kind != ANNOTA_FORMAT_NATIVE);
  gtk_widget_set_visible (gtk_widget_get_ancestor (self->rejected_switch, ADW_TYPE_ACTION_ROW),
                          kind != ANNOTA_FORMAT_NATIVE);
  gtk_widget_set_sensitive (self->frame.action_button, !running);
}

/* Whether the output is a folder: brat always, native for several documents. */
static gboolean
output_is_folder (AnnotaFormatKind kind,
                  gboolean         corpus)
{
  return kind == ANNOTA_FORMAT_BRAT || (kind == ANNOTA_FORMAT_NATIVE && corpus);
}

static const char *
output_suffix (AnnotaFormatKind kind)
{
  switch (kind)
    {
    case ANNOTA_FORMAT_SPACY:
    case ANNOTA_FORMAT_DOCCANO:
      return ".jsonl";
    case ANNOTA_FORMAT_CONLL:
      return ".conll";
    case ANNOTA_FORMAT_LABELSTUDIO:
    case ANNOTA_FORMAT_NATIVE:
      return ".json";
    case ANNOTA_FORMAT_BRAT:
    case ANNOTA_FORMAT_UNKNOWN:
    default:
      return "";
    }
}

static gboolean
update_progress (gpointer data)
{
  AnnotaExportDialog *self = data;
  g_autofree char *text = NULL;
  guint n_done;

  if (self->job == NULL)
    return G_SOURCE_CONTINUE;
  n_done = (guint) g_atomic_int_get (&self->job->n_done);
  /* Translators: while an export runs: documents written of all. */
  text = g_strdup_printf (_("Exporting %u of %u"), n_done, self->job->n_total);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->frame.progress_bar), text);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->frame.progress_bar),
                                 self->job->n_total > 0 ? (double) n_done / self->job->n_total : 0);
  return G_SOURCE_CONTINUE;
}

static void
set_running (AnnotaExportDialog *self,
             gboolean            running)
{
  if ((self->frame.cancellable != NULL) == running)
    return;
  if (running)
    {
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->frame.progress_bar), 0);
      frame_start (&self->frame, _("Exporting"), update_progress, self);
    }
  else
    {
      frame_stop (&self->frame);
      self->job = NULL;
    }
  update_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), export_properties[PROP_RUNNING]);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AnnotaExportDialog) self = user_data;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (job->path);
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);
  guint n_written = (guint) g_atomic_int_get (&job->n_done);
  AnnotaWindow *window = self->window;

  if (self->frame.disposed)
    return;
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_ptr_array_ref (job->problems);
  frame_set_error (&self->frame, error);
  set_running (self, FALSE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      frame_show_status (&self->frame, _("Cancelled; nothing was written."));
      return;
    }

  if (!ok)
    {
      g_autofree char *body = NULL;

      if (job->problems->len > 0)
        /* Translators: %s says how many spans the format cannot hold. */
        body = g_strdup_printf (_("%s. Nothing was written. Widen them or leave them out (Spans the Format Cannot Hold), or change them in their documents."),
                                error->message);
      else
        body = g_strdup_printf (_("%s. Nothing was written."), error->message);
      frame_show_status (&self->frame, _("Nothing was written."));
      show_problems (GTK_WINDOW (self), _("Could Not Export"), body, job->problems);
      return;
    }

  if (window != NULL)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Exported %u document to %s",
                                                               "Exported %u documents to %s",
                                                               n_written),
                                                  n_written, name);

      _annota_window_show_toast (window, message);
      if (job->problems->len > 0)
        {
          g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u span was widened or left out, as asked:",
                                                                "%u spans were widened or left out, as asked:",
                                                                job->problems->len),
                                                   job->problems->len);

          show_problems (GTK_WINDOW (window), _("Exported With Changes"), body, job->problems);
        }
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static ExportJob *
export_job_new (AnnotaExportDialog *self,
                const char         *path)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->items = g_ptr_array_new_with_free_func (export_item_free);
  job->problems = g_ptr_array_new_with_free_func (g_free);
  job->kind = selected_kind (self);
  job->path = g_strdup (path);
  get_options (self, &job->opts);

  /* The worker gets a label set of its own, with the same labels. */
  job->labels = annota_label_set_new ();
  annota_label_set_merge (job->labels,
                          self->corpus ? annota_corpus_get_labels (self->corpus)
                                       : annota_document_get_labels (self->document));

  if (!whole_corpus (self))
    g_ptr_array_add (job->items, snapshot_item (self->document, self->document_name));
  else
    {
      guint n = annota_corpus_get_n_documents (self->corpus);

      if (annota_corpus_get_kind (self->corpus) == ANNOTA_CORPUS_KIND_JSONL)
        job->jsonl_path = g_strdup (annota_corpus_get_path (self->corpus));
      for (guint i = 0; i < n; i++)
        {
          AnnotaCorpusEntry *entry = annota_corpus_peek_entry (self->corpus, i);
          AnnotaDocument *document = annota_corpus_entry_get_document (entry);
          const char *entry_path = annota_corpus_entry_get_path (entry);
          ExportItem *item;

          if (document != NULL)
            {
              g_ptr_array_add (job->items, snapshot_item (document, annota_corpus_entry_get_name (entry)));
              continue;
            }
          item = g_new0 (ExportItem, 1);
          item->name = g_strdup (annota_corpus_entry_get_name (entry));
          if (annota_corpus_entry_get_line (entry) > 0)
            {
              item->kind = ITEM_LINE;
              item->line = annota_corpus_entry_get_line (entry);
            }
          else
            {
              g_autofree char *lower = g_utf8_strdown (entry_path, -1);

              item->kind = g_str_has_suffix (lower, ".json") ? ITEM_JSON : ITEM_TEXT;
              item->path = g_strdup (entry_path);
            }
          g_ptr_array_add (job->items, item);
        }
    }
  job->n_total = job->items->len;
  return job;
}

void
annota_export_dialog_export_to (AnnotaExportDialog *self,
                                const char         *path)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (ANNOTA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->frame.cancellable != NULL)
    return;

  job = export_job_new (self, path);
  set_running (self, TRUE);
  self->job = job;
  task = g_task_new (NULL, self->frame.cancellable, on_export_done, g_object_ref (self));
  g_task_set_source_tag (task, annota_export_dialog_export_to);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_chooser_response (GtkNativeDialog    *dialog,
                     int                 response,
                     AnnotaExportDialog *self)
{
  g_autoptr(GFile) file = frame_chooser_done (&self->frame, dialog, response);
  g_autofree char *path = NULL;

  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      frame_show_status (&self->frame, _("Only local files can be written."));
      return;
    }
  annota_export_dialog_export_to (self, path);
}

static void
on_export_clicked (AnnotaExportDialog *self)
{
  AnnotaFormatKind kind = selected_kind (self);
  gboolean corpus = whole_corpus (self);
  gboolean folder = output_is_folder (kind, corpus);
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (self->frame.chooser != NULL || self->frame.cancellable != NULL)
    return;

  if (corpus)
    stem = strip_extension (g_path_get_basename (annota_corpus_get_path (self->corpus)));
  else
    {
      /* A document in a subfolder is named by its path from the corpus's
       * folder ("dev/doc-3"): a file name is its last part. */
      const char *slash = strrchr (self->document_name, '/');

      stem = g_strdup (slash != NULL ? slash + 1 : self->document_name);
    }
  if (!folder)
    name = g_strconcat (stem, output_suffix (kind), NULL);

  frame_choose (&self->frame, GTK_WINDOW (self),
                folder ? _("Export to a Folder") : _("Export As"),
                folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_SAVE,
                _("_Export"), name, G_CALLBACK (on_chooser_response), self);
}

gboolean
annota_export_dialog_get_running (AnnotaExportDialog *self)
{
  g_return_val_if_fail (ANNOTA_IS_EXPORT_DIALOG (self), FALSE);
  return self->frame.cancellable != NULL;
}

void
annota_export_dialog_cancel (AnnotaExportDialog *self)
{
  g_return_if_fail (ANNOTA_IS_EXPORT_DIALOG (self));
  if (self->frame.cancellable != NULL)
    g_cancellable_cancel (self->frame.cancellable);
}

GPtrArray *
annota_export_dialog_get_problems (AnnotaExportDialog *self)
{
  g_return_val_if_fail (ANNOTA_IS_EXPORT_DIALOG (self), NULL);
  return self->problems;
}

const GError *
annota_export_dialog_get_error (AnnotaExportDialog *self)
{
  g_return_val_if_fail (ANNOTA_IS_EXPORT_DIALOG (self), NULL);
  return self->frame.error;
}

void
annota_export_dialog_set_format (AnnotaExportDialog *self,
                                 AnnotaFormatKind    kind)
{
  g_return_if_fail (ANNOTA_IS_EXPORT_DIALOG (self));

  select_kind (self->format_row, export_kinds, G_N_ELEMENTS (export_kinds), kind);
}

void
annota_export_dialog_set_options (AnnotaExportDialog        *self,
                                  const AnnotaFormatOptions *opts)
{
  g_return_if_fail (ANNOTA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (opts != NULL);

  adw_combo_row_set_selected (ADW_COMBO_ROW (self->scheme_row),
                              index_of ((const int *) scheme_values, G_N_ELEMENTS (scheme_values), opts->scheme));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->offsets_row), opts->offsets == ANNOTA_OFFSETS_CODEPOINTS);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->misaligned_row),
                              index_of ((const int *) misaligned_values, G_N_ELEMENTS (misaligned_values),
                                        opts->misaligned));
  gtk_switch_set_active (GTK_SWITCH (self->suggested_switch), (opts->include & ANNOTA_INCLUDE_SUGGESTED) != 0);
  gtk_switch_set_active (GTK_SWITCH (self->rejected_switch), (opts->include & ANNOTA_INCLUDE_REJECTED) != 0);
}

void
annota_export_dialog_set_whole_corpus (AnnotaExportDialog *self,
                                       gboolean            corpus)
{
  g_return_if_fail (ANNOTA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (!corpus || self->corpus != NULL);

  adw_combo_row_set_selected (ADW_COMBO_ROW (self->scope_row), corpus ? 1 : 0);
}

static void
annota_export_dialog_dispose (GObject *object)
{
  AnnotaExportDialog *self = ANNOTA_EXPORT_DIALOG (object);

  frame_dispose (&self->frame, self);
  g_clear_object (&self->window);
  g_clear_object (&self->corpus);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (annota_export_dialog_parent_class)->dispose (object);
}

static void
annota_export_dialog_finalize (GObject *object)
{
  AnnotaExportDialog *self = ANNOTA_EXPORT_DIALOG (object);

  frame_finalize (&self->frame);
  g_free (self->document_name);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (annota_export_dialog_parent_class)->finalize (object);
}

static void
annota_export_dialog_class_init (AnnotaExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = annota_export_dialog_dispose;
  object_class->finalize = annota_export_dialog_finalize;
  dialog_class_init (object_class, export_properties);
}

static void
annota_export_dialog_init (AnnotaExportDialog *self)
{
}

GtkWidget *
annota_export_dialog_new (AnnotaWindow *window)
{
  AnnotaExportDialog *self;
  GtkWidget *page, *group, *row;
  AnnotaCorpusEntry *entry = NULL;

  g_return_val_if_fail (ANNOTA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (window->document != NULL, NULL);

  self = g_object_new (ANNOTA_TYPE_EXPORT_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);
  self->document = g_object_ref (window->document);
  if (window->corpus != NULL)
    {
      self->corpus = g_object_ref (window->corpus);
      if (window->corpus_position < annota_corpus_get_n_documents (window->corpus))
        entry = annota_corpus_peek_entry (window->corpus, window->corpus_position);
    }
  self->document_name = entry ? g_strdup (annota_corpus_entry_get_name (entry)) : document_name (window->document);
  if (entry == NULL && annota_document_get_file (window->document) == NULL && window->source_file != NULL)
    {
      g_free (self->document_name);
      self->document_name = strip_extension (g_file_get_basename (window->source_file));
    }

  build_frame (GTK_WINDOW (self), _("Export"), _("_Export…"), &self->frame, &page);
  g_signal_connect_swapped (self->frame.action_button, "clicked", G_CALLBACK (on_export_clicked), self);

  group = adw_preferences_group_new ();
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  {
    g_autofree char *this_one = g_strdup_printf (_("This Document (%s)"), self->document_name);
    g_autofree char *all = NULL;
    guint n = self->corpus ? annota_corpus_get_n_documents (self->corpus) : 1;

    all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Whole Corpus (%u document)",
                                        "Whole Corpus (%u documents)", n), n);
    self->scope_row = new_combo_row (_("_Documents"), new_string_list (this_one, all, NULL));
    /* The choice names the document: below the title, it has room. */
    adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (self->scope_row), TRUE);
    gtk_widget_set_visible (self->scope_row, self->corpus != NULL);
    if (self->corpus != NULL)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->scope_row), 1);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->scope_row);
  }

  {
    g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (export_kinds); i++)
      gtk_string_list_append (formats, format_title (export_kinds[i]));
    self->format_row = new_combo_row (_("_Format"), g_steal_pointer (&formats));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->format_row);
    g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (update_rows), self);
  }

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Options"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  self->scheme_row = new_combo_row (_("Tag _Scheme"),
                                    new_string_list ("IOB2", "IOB1", "BIOES", "BILOU",
                                                     _("As Imported, Else IOB2"), NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->scheme_row);

  self->offsets_row = new_combo_row (_("_Offsets"),
                                     new_string_list (_("UTF-16 Code Units (doccano’s)"),
                                                      _("Code Points"), NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->offsets_row);

  self->misaligned_row = new_combo_row (_("Spans the Format _Cannot Hold"),
                                        new_string_list (_("Stop, Write Nothing"),
                                                         _("Widen to Tokens"),
                                                         _("Leave Out"), NULL));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->misaligned_row),
                               _("Off token boundaries, overlapping or in pieces"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->misaligned_row);

  row = new_switch_row (_("Include _Suggested Spans"), _("Those not reviewed yet"), &self->suggested_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = new_switch_row (_("Include _Rejected Spans"), NULL, &self->rejected_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  update_rows (self);
  return GTK_WIDGET (self);
}

/* Import */

typedef struct {
  AnnotaFormatKind     kind;
  AnnotaFormatOptions  opts;
  char                *path;
  GPtrArray           *warnings;
  GPtrArray           *documents;
  char                *folder;     /* where several documents go */
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_free (job->path);
  g_free (job->folder);
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_clear_pointer (&job->documents, g_ptr_array_unref);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;

  job->documents = annota_format_read (job->kind, job->path, &job->opts, job->warnings, &error);
  if (job->documents == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, TRUE);
}

/* Several documents become files of a folder that must not hold
 * documents already. */
static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (job->folder, 0, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  AnnotaFormatOptions opts;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".json") || g_str_has_suffix (name, ".txt"))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                                   _("%s holds documents already; choose an empty folder"), job->folder);
          return;
        }
    }

  annota_format_options_init (&opts);
  if (!annota_format_write (ANNOTA_FORMAT_NATIVE, job->documents, job->folder, &opts, problems, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

struct _AnnotaImportDialog
{
  AdwWindow        parent_instance;

  AnnotaWindow    *window;
  GFile           *file;
  GFile           *folder;
  AnnotaFormatKind detected;

  TaskFrame        frame;
  GtkWidget       *format_row;
  GtkWidget       *offsets_row;
  GtkWidget       *scheme_row;

  ImportJob       *job;         /* waiting for a folder */
};

G_DEFINE_FINAL_TYPE (AnnotaImportDialog, annota_import_dialog, ADW_TYPE_WINDOW)

static GParamSpec *import_properties[N_PROPS];

static TaskFrame *
frame_of (gpointer dialog)
{
  if (ANNOTA_IS_EXPORT_DIALOG (dialog))
    return &ANNOTA_EXPORT_DIALOG (dialog)->frame;
  return &ANNOTA_IMPORT_DIALOG (dialog)->frame;
}

/* The import formats: "Automatic" first, then these. */
static const AnnotaFormatKind import_kinds[] = {
  ANNOTA_FORMAT_UNKNOWN,
  ANNOTA_FORMAT_SPACY,
  ANNOTA_FORMAT_DOCCANO,
  ANNOTA_FORMAT_BRAT,
  ANNOTA_FORMAT_CONLL,
  ANNOTA_FORMAT_LABELSTUDIO,
  ANNOTA_FORMAT_NATIVE,
};

static const AnnotaConllScheme import_schemes[] = {
  ANNOTA_CONLL_SCHEME_AUTO,
  ANNOTA_CONLL_SCHEME_IOB2,
  ANNOTA_CONLL_SCHEME_IOB1,
  ANNOTA_CONLL_SCHEME_BIOES,
  ANNOTA_CONLL_SCHEME_BILOU,
};

static AnnotaFormatKind
import_kind (AnnotaImportDialog *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row));
  AnnotaFormatKind kind = i < G_N_ELEMENTS (import_kinds) ? import_kinds[i] : ANNOTA_FORMAT_UNKNOWN;

  return kind == ANNOTA_FORMAT_UNKNOWN ? self->detected : kind;
}

static void
update_import_rows (AnnotaImportDialog *self)
{
  AnnotaFormatKind kind = import_kind (self);

  gtk_widget_set_visible (self->offsets_row, kind == ANNOTA_FORMAT_DOCCANO);
  gtk_widget_set_visible (self->scheme_row, kind == ANNOTA_FORMAT_CONLL);
  gtk_widget_set_sensitive (self->frame.action_button, self->frame.cancellable == NULL && kind != ANNOTA_FORMAT_UNKNOWN);
}

static gboolean
pulse (gpointer data)
{
  AnnotaImportDialog *self = data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->frame.progress_bar));
  return G_SOURCE_CONTINUE;
}

static void
set_import_running (AnnotaImportDialog *self,
                    gboolean            running,
                    const char         *text)
{
  if (running)
    frame_start (&self->frame, text, pulse, self);
  else
    frame_stop (&self->frame);
  update_import_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), import_properties[PROP_RUNNING]);
}

static void
import_failed (AnnotaImportDialog *self,
               GError             *error)
{
  frame_set_error (&self->frame, error);
  set_import_running (self, FALSE, NULL);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    frame_show_status (&self->frame, _("Cancelled."));
  else
    frame_show_status (&self->frame, error->message);
}

/* The window the result goes to: this one when it shows nothing. */
static AnnotaWindow *
target_window (AnnotaImportDialog *self)
{
  GtkApplication *app;
  AnnotaWindow *window;

  if (self->window->document == NULL && self->window->corpus == NULL)
    return self->window;
  app = gtk_window_get_application (GTK_WINDOW (self->window));
  window = g_object_new (ANNOTA_TYPE_WINDOW, "application", app, NULL);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AnnotaImportDialog) self = user_data;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  AnnotaWindow *window;

  if (self->frame.disposed)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      import_failed (self, error);
      return;
    }
  set_import_running (self, FALSE, NULL);
  folder = g_file_new_for_path (job->folder);
  window = target_window (self);
  _annota_window_open_corpus (window, folder);
  _annota_window_show_warnings (window, job->warnings);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
write_to_folder (AnnotaImportDialog *self,
                 ImportJob          *job,
                 GFile              *folder)
{
  g_autoptr(GTask) task = NULL;

  job->folder = g_file_get_path (folder);
  if (job->folder == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("Only local folders can be written"));

      import_job_free (job);
      import_failed (self, error);
      return;
    }
  set_import_running (self, TRUE, _("Writing the documents"));
  task = g_task_new (NULL, self->frame.cancellable, on_written, g_object_ref (self));
  /* Once written, the folder opens, whenever Cancel came. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, write_thread);
}

static void
on_folder_response (GtkNativeDialog    *dialog,
                    int                 response,
                    AnnotaImportDialog *self)
{
  g_autoptr(GFile) folder = frame_chooser_done (&self->frame, dialog, response);
  ImportJob *job = g_steal_pointer (&self->job);

  if (folder == NULL)
    {
      import_job_free (job);
      frame_show_status (&self->frame, _("Nothing was imported."));
      return;
    }
  write_to_folder (self, job, folder);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AnnotaImportDialog) self = user_data;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n;

  if (self->frame.disposed)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      import_failed (self, error);
      return;
    }

  n = job->documents->len;
  if (n == 0)
    {
      g_autofree char *name = g_file_get_parse_name (self->file);

      error = g_error_new (ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_MISSING, _("%s holds no documents"), name);
      import_failed (self, error);
      return;
    }

  if (n == 1)
    {
      AnnotaWindow *window;

      set_import_running (self, FALSE, NULL);
      window = target_window (self);
      _annota_window_show_imported (window, g_ptr_array_index (job->documents, 0), self->file);
      _annota_window_show_warnings (window, job->warnings);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* The task is done with the job: it moves on to the writing. */
  job = g_new0 (ImportJob, 1);
  {
    ImportJob *read = g_task_get_task_data (G_TASK (result));

    job->documents = g_steal_pointer (&read->documents);
    job->warnings = g_steal_pointer (&read->warnings);
  }
  if (self->folder != NULL)
    {
      write_to_folder (self, job, self->folder);
      return;
    }

  set_import_running (self, FALSE, NULL);
  self->job = job;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A Folder for the %u Document",
                                        "A Folder for the %u Documents", n), n);
  frame_choose (&self->frame, GTK_WINDOW (self), title, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                _("_Import"), NULL, G_CALLBACK (on_folder_response), self);
  frame_show_status (&self->frame,
                     _("The file holds several documents: they become a corpus in a folder of their own."));
}

void
annota_import_dialog_import (AnnotaImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;
  guint scheme;

  g_return_if_fail (ANNOTA_IS_IMPORT_DIALOG (self));

  if (self->frame.cancellable != NULL || self->frame.chooser != NULL || import_kind (self) == ANNOTA_FORMAT_UNKNOWN)
    return;

  job = g_new0 (ImportJob, 1);
  job->kind = import_kind (self);
  job->path = g_file_get_path (self->file);
  job->warnings = g_ptr_array_new_with_free_func (g_free);
  annota_format_options_init (&job->opts);
  job->opts.offsets = adw_combo_row_get_selected (ADW_COMBO_ROW (self->offsets_row)) == 1 ?
                      ANNOTA_OFFSETS_CODEPOINTS : ANNOTA_OFFSETS_UTF16;
  scheme = adw_combo_row_get_selected (ADW_COMBO_ROW (self->scheme_row));
  job->opts.scheme = import_schemes[MIN (scheme, G_N_ELEMENTS (import_schemes) - 1)];

  frame_set_error (&self->frame, NULL);
  set_import_running (self, TRUE, _("Reading"));
  task = g_task_new (NULL, self->frame.cancellable, on_imported, g_object_ref (self));
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
annota_import_dialog_get_running (AnnotaImportDialog *self)
{
  g_return_val_if_fail (ANNOTA_IS_IMPORT_DIALOG (self), FALSE);
  return self->frame.cancellable != NULL;
}

const GError *
annota_import_dialog_get_error (AnnotaImportDialog *self)
{
  g_return_val_if_fail (ANNOTA_IS_IMPORT_DIALOG (self), NULL);
  return self->frame.error;
}

void
annota_import_dialog_set_format (AnnotaImportDialog *self,
                                 AnnotaFormatKind    kind)
{
  g_return_if_fail (ANNOTA_IS_IMPORT_DIALOG (self));

  select_kind (self->format_row, import_kinds, G_N_ELEMENTS (import_kinds), kind);
}

void
annota_import_dialog_set_options (AnnotaImportDialog        *self,
                                  const AnnotaFormatOptions *opts)
{
  g_return_if_fail (ANNOTA_IS_IMPORT_DIALOG (self));
  g_return_if_fail (opts != NULL);

  adw_combo_row_set_selected (ADW_COMBO_ROW (self->offsets_row), opts->offsets == ANNOTA_OFFSETS_CODEPOINTS);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->scheme_row),
                              index_of ((const int *) import_schemes, G_N_ELEMENTS (import_schemes), opts->scheme));
}

void
annota_import_dialog_set_folder (AnnotaImportDialog *self,
                                 GFile              *folder)
{
  g_return_if_fail (ANNOTA_IS_IMPORT_DIALOG (self));
  g_set_object (&self->folder, folder);
}

static void
on_import_clicked (AnnotaImportDialog *self)
{
  annota_import_dialog_import (self);
}

static void
annota_import_dialog_dispose (GObject *object)
{
  AnnotaImportDialog *self = ANNOTA_IMPORT_DIALOG (object);

  frame_dispose (&self->frame, self);
  g_clear_pointer (&self->job, import_job_free);
  g_clear_object (&self->window);
  g_clear_object (&self->file);
  g_clear_object (&self->folder);

  G_OBJECT_CLASS (annota_import_dialog_parent_class)->dispose (object);
}

static void
annota_import_dialog_finalize (GObject *object)
{
  AnnotaImportDialog *self = ANNOTA_IMPORT_DIALOG (object);

  frame_finalize (&self->frame);

  G_OBJECT_CLASS (annota_import_dialog_parent_class)->finalize (object);
}

static void
annota_import_dialog_class_init (AnnotaImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = annota_import_dialog_dispose;
  object_class->finalize = annota_import_dialog_finalize;
  dialog_class_init (object_class, import_properties);
}

static void
annota_import_dialog_init (AnnotaImportDialog *self)
{
}

GtkWidget *
annota_import_dialog_new (AnnotaWindow *window,
                          GFile        *file)
{
  AnnotaImportDialog *self;
  g_autoptr(GtkStringList) formats = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *automatic = NULL;
  GtkWidget *page, *group;

  g_return_val_if_fail (ANNOTA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (ANNOTA_TYPE_IMPORT_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);
  self->file = g_object_ref (file);
  path = g_file_get_path (file);
  self->detected = path ? annota_format_detect_input (path, NULL) : ANNOTA_FORMAT_UNKNOWN;

  build_frame (GTK_WINDOW (self), _("Import"), _("_Import"), &self->frame, &page);
  g_signal_connect_swapped (self->frame.action_button, "clicked", G_CALLBACK (on_import_clicked), self);

  group = adw_preferences_group_new ();
  name = g_file_get_basename (file);
  {
    g_autofree char *display = g_filename_display_name (name);

    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), display);
  }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  formats = gtk_string_list_new (NULL);
  if (self->detected != ANNOTA_FORMAT_UNKNOWN)
    /* Translators: the first choice of format; %s is the format found. */
    automatic = g_strdup_printf (_("Automatic (%s)"), format_title (self->detected));
  else
    automatic = g_strdup (_("Automatic (not recognised)"));
  gtk_string_list_append (formats, automatic);
  for (guint i = 1; i < G_N_ELEMENTS (import_kinds); i++)
    gtk_string_list_append (formats, format_title (import_kinds[i]));
  self->format_row = new_combo_row (_("_Format"), g_steal_pointer (&formats));
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (update_import_rows), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->format_row);

  self->offsets_row = new_combo_row (_("_Offsets"),
                                     new_string_list (_("UTF-16 Code Units (doccano’s)"),
                                                      _("Code Points"), NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->offsets_row);
  self->scheme_row = new_combo_row (_("Tag _Scheme"),
                                    new_string_list (_("Detect"), "IOB2", "IOB1", "BIOES", "BILOU", NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->scheme_row);

  update_import_rows (self);
  return GTK_WIDGET (self);
}

static void
on_import_file_response (GtkNativeDialog *dialog,
                         int              response,
                         AnnotaWindow    *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL)
    gtk_window_present (GTK_WINDOW (annota_import_dialog_new (self, file)));
}

void
annota_import_dialog_choose (AnnotaWindow *window)
{
  g_autoptr(GtkFileFilter) all_filter = NULL;
  g_autoptr(GtkFileFilter) any_filter = NULL;
  GtkFileChooserNative *chooser;
  static const char * const patterns[] = {
    "*.jsonl", "*.json", "*.conll", "*.iob", "*.bio", "*.ann", NULL
  };

  g_return_if_fail (ANNOTA_IS_WINDOW (window));

  if (window->chooser != NULL)
    {
      gtk_native_dialog_show (window->chooser);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  all_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (all_filter, _("spaCy, doccano, brat, CoNLL and Label Studio Files"));
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (all_filter, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_filter);
  any_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (any_filter, _("All Files"));
  gtk_file_filter_add_pattern (any_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), any_filter);

  window->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_file_response), window);
  gtk_native_dialog_show (window->chooser);
}
