/* annota-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-application.h"
#include "annota-text-view-private.h"
#include "annota-window-private.h"

typedef struct
{
  GFile          *file;
  GThread        *thread;
  AnnotaDocument *document;
  GPtrArray      *warnings;
  GError         *error;
  /* The document's text in a text buffer, filled in the thread too once
   * GTK has started in the main thread (gtk_ready), unless the preload was
   * given up first (abandoned). */
  GtkTextBuffer  *buffer;
  GMutex          lock;
  GCond           cond;
  gboolean        gtk_ready;
  gboolean        abandoned;
} Preload;

struct _AnnotaApplication
{
  AdwApplication parent_instance;

  /* --suggestions: imported into the first FILE once it is open. */
  GFile         *suggestions;
  /* The first FILE of the command line, read in a thread while GTK
   * starts, until its window takes it. */
  Preload       *preload;
};

G_DEFINE_FINAL_TYPE (AnnotaApplication, annota_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.close", { "<Control>w", NULL } },
  { "win.preferences", { "<Control>comma", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.find", { "<Control>f", NULL } },
  { "win.find-next", { "<Control>g", NULL } },
  { "win.find-previous", { "<Control><Shift>g", NULL } },
  { "win.toggle-side-panel", { "F9", NULL } },
  { "win.next-document", { "<Control>Page_Down", NULL } },
  { "win.previous-document", { "<Control>Page_Up", NULL } },
  { "win.next-todo", { "<Control>j", NULL } },
  { "win.review-mode", { "<Control>r", NULL } },
  { "win.import-suggestions", { "<Control>i", NULL } },
  { "win.move-span('end-backward-word')", { "<Alt>Left", NULL } },
  { "win.move-span('end-forward-word')", { "<Alt>Right", NULL } },
  { "win.move-span('start-backward-word')", { "<Alt><Shift>Left", NULL } },
  { "win.move-span('start-forward-word')", { "<Alt><Shift>Right", NULL } },
  { "win.move-span('end-backward-char')", { "<Control><Alt>Left", NULL } },
  { "win.move-span('end-forward-char')", { "<Control><Alt>Right", NULL } },
  { "win.move-span('start-backward-char')", { "<Control><Alt><Shift>Left", NULL } },
  { "win.move-span('start-forward-char')", { "<Control><Alt><Shift>Right", NULL } },
};

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing asks each modified document whether to save it; the
   * application ends when the last window is gone. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static gpointer
preload_thread (gpointer user_data)
{
  Preload *preload = user_data;
  gboolean fill;

  preload->document = _annota_window_read_native (preload->file, &preload->warnings, &preload->error);
  if (preload->document == NULL)
    return NULL;

  g_mutex_lock (&preload->lock);
  while (!preload->gtk_ready && !preload->abandoned)
    g_cond_wait (&preload->cond, &preload->lock);
  fill = !preload->abandoned;
  g_mutex_unlock (&preload->lock);
  if (fill)
    preload->buffer = _annota_text_view_new_buffer (annota_document_get_text (preload->document));
  return NULL;
}

/* Waits for the thread, and what it read is dropped if nobody took it. */
static void
preload_free (Preload *preload)
{
  if (preload->thread != NULL)
    {
      g_mutex_lock (&preload->lock);
      preload->abandoned = TRUE;
      g_cond_signal (&preload->cond);
      g_mutex_unlock (&preload->lock);
      g_thread_join (preload->thread);
    }
  g_clear_object (&preload->buffer);
  g_mutex_clear (&preload->lock);
  g_cond_clear (&preload->cond);
  g_clear_object (&preload->file);
  g_clear_object (&preload->document);
  g_clear_pointer (&preload->warnings, g_ptr_array_unref);
  g_clear_error (&preload->error);
  g_free (preload);
}

/* The first FILE among the arguments, found the way GApplication will find
 * it (after the options, --suggestions taking a value), or NULL when there
 * is none or the command line asks for something else (--help, --version,
 * an option it does not know). */
static GFile *
first_file_argument (char **arguments)
{
  g_auto(GStrv) copy = g_strdupv (arguments);
  g_auto(GStrv) files = NULL;
  g_autofree char *suggestions = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &version, NULL, NULL },
    { "suggestions", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &suggestions, NULL, NULL },
    { G_OPTION_REMAINING, 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &copy, NULL) || version ||
      files == NULL || files[0] == NULL)
    return NULL;
  return g_file_new_for_commandline_arg (files[0]);
}

/* Opening a large document from the command line would read and parse it
 * only after GTK has started and the window is built; a thread does it in
 * the meantime, and then, GTK started, puts its text in a text buffer while
 * the window is built. Only native documents: a plain text file needs the
 * settings, a corpus is listed, not read. */
static gboolean
annota_application_local_command_line (GApplication   *app,
                                       char         ***arguments,
                                       int            *exit_status)
{
  AnnotaApplication *self = ANNOTA_APPLICATION (app);
  g_autoptr(GFile) file = first_file_argument (*arguments);

  if (file != NULL && self->preload == NULL && _annota_window_is_native_file (file))
    {
      self->preload = g_new0 (Preload, 1);
      self->preload->file = g_steal_pointer (&file);
      g_mutex_init (&self->preload->lock);
      g_cond_init (&self->preload->cond);
      self->preload->thread = g_thread_new ("annota-preload", preload_thread, self->preload);
    }

  return G_APPLICATION_CLASS (annota_application_parent_class)->local_command_line (app, arguments, exit_status);
}

gboolean
_annota_application_is_preloading (AnnotaApplication *self,
                                   GFile             *file)
{
  g_return_val_if_fail (ANNOTA_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return self->preload != NULL && g_file_equal (self->preload->file, file);
}

gboolean
_annota_application_take_preloaded (AnnotaApplication  *self,
                                    GFile              *file,
                                    AnnotaDocument    **document,
                                    GtkTextBuffer     **buffer,
                                    GPtrArray         **warnings,
                                    GError            **error)
{
  Preload *preload;

  g_return_val_if_fail (ANNOTA_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (document != NULL && buffer != NULL && warnings != NULL, FALSE);

  if (self->preload == NULL || !g_file_equal (self->preload->file, file))
    return FALSE;

  preload = g_steal_pointer (&self->preload);
  g_thread_join (preload->thread);
  preload->thread = NULL;
  *document = g_steal_pointer (&preload->document);
  *buffer = g_steal_pointer (&preload->buffer);
  *warnings = g_steal_pointer (&preload->warnings);
  if (preload->error != NULL)
    g_propagate_error (error, g_steal_pointer (&preload->error));
  preload_free (preload);
  return TRUE;
}

static const GOptionEntry option_entries[] = {
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
  { "suggestions", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Import a model’s predictions for FILE (native, spaCy, doccano or Label Studio) as suggestions to review"),
    N_("PRED") },
  { NULL }
};

static const GActionEntry app_actions[] = {
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
};

static AnnotaWindow *
get_empty_window (AnnotaApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (ANNOTA_IS_WINDOW (l->data) && annota_window_get_document (l->data) == NULL)
        return l->data;
    }
  return NULL;
}

static void
annota_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (annota_window_new (ANNOTA_APPLICATION (app)));
  gtk_window_present (window);
  /* What a crash left unsaved is offered back first. */
  if (ANNOTA_IS_WINDOW (window))
    _annota_window_offer_recovery (ANNOTA_WINDOW (window));
  if (ANNOTA_APPLICATION (app)->suggestions != NULL)
    {
      g_printerr (_("annota: --suggestions needs a FILE to import them into\n"));
      g_clear_object (&ANNOTA_APPLICATION (app)->suggestions);
    }
}

static void
annota_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  AnnotaApplication *self = ANNOTA_APPLICATION (app);
  AnnotaWindow *last = NULL;

  for (int i = 0; i < n_files; i++)
    {
      AnnotaWindow *window = get_empty_window (self);

      if (window == NULL)
        window = annota_window_new (self);
      gtk_window_present (GTK_WINDOW (window));
      annota_window_open_file (window, files[i]);
      if (i == 0 && self->suggestions != NULL)
        {
          g_autoptr(GFile) suggestions = g_steal_pointer (&self->suggestions);

          _annota_window_review_import (window, suggestions);
        }
      last = window;
    }
  /* Not taken: the file was opened some other way (a folder named .json). */
  g_clear_pointer (&self->preload, preload_free);
  if (last != NULL)
    _annota_window_offer_recovery (last);
}

static int
annota_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("annota %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (g_variant_dict_contains (options, "suggestions"))
    {
      g_autofree char *path = NULL;

      g_variant_dict_lookup (options, "suggestions", "^ay", &path);
      g_clear_object (&ANNOTA_APPLICATION (app)->suggestions);
      ANNOTA_APPLICATION (app)->suggestions = g_file_new_for_commandline_arg (path);
      /* The running instance would not get the option: this one opens the
       * file itself. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
annota_application_startup (GApplication *app)
{
  AnnotaApplication *self = ANNOTA_APPLICATION (app);

  G_APPLICATION_CLASS (annota_application_parent_class)->startup (app);

  /* GTK has started: the reading thread may fill a text buffer now. Its
   * classes are set up here, as they register things process-wide. */
  if (self->preload != NULL)
    {
      g_type_class_unref (g_type_class_ref (GTK_TYPE_TEXT_TAG_TABLE));
      g_type_class_unref (g_type_class_ref (GTK_TYPE_TEXT_MARK));
      g_type_class_unref (g_type_class_ref (GTK_TYPE_TEXT_BUFFER));
      g_mutex_lock (&self->preload->lock);
      self->preload->gtk_ready = TRUE;
      g_cond_signal (&self->preload->cond);
      g_mutex_unlock (&self->preload->lock);
    }

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
annota_application_dispose (GObject *object)
{
  g_clear_object (&ANNOTA_APPLICATION (object)->suggestions);
  g_clear_pointer (&ANNOTA_APPLICATION (object)->preload, preload_free);

  G_OBJECT_CLASS (annota_application_parent_class)->dispose (object);
}

static void
annota_application_class_init (AnnotaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = annota_application_dispose;
  app_class->startup = annota_application_startup;
  app_class->activate = annota_application_activate;
  app_class->open = annota_application_open;
  app_class->handle_local_options = annota_application_handle_local_options;
  app_class->local_command_line = annota_application_local_command_line;
}

static void
annota_application_init (AnnotaApplication *self)
{
  GApplication *app = G_APPLICATION (self);

  g_application_add_main_option_entries (app, option_entries);
  /* Translators: the arguments in "annota --help"; keep FILE as it is in
   * the description below. */
  g_application_set_option_context_parameter_string (app, _("[FILE…]"));
  g_application_set_option_context_summary (app,
                                            _("Mark the people, places and other entities in a text, by hand or by reviewing what a model suggested."));
  g_application_set_option_context_description (app,
                                                _("Each FILE opens in a window of its own: an Annota document (.json), or a plain text file, which becomes a new document with the default labels; a folder of documents or a JSONL file opens as a corpus, its documents listed beside the text. Without a FILE, an empty window offers to open one or the sample.\n\n"
                                                  "To check, count, convert or compare documents without a window, use annota-cli(1)."));
}

AnnotaApplication *
annota_application_new (void)
{
  return g_object_new (ANNOTA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/annota/Annota",
                       NULL);
}

static GFile *
sample_in (const char *dir)
{
  g_autoptr(GFile) file = NULL;

  if (dir == NULL || *dir == '\0')
    return NULL;
  file = g_file_new_build_filename (dir, "kerry-lavrov-moscow.vi.json", NULL);
  if (!g_file_query_exists (file, NULL))
    return NULL;
  return g_steal_pointer (&file);
}

GFile *
annota_application_find_sample (void)
{
  GFile *file;

  if ((file = sample_in (g_getenv ("ANNOTA_SAMPLES_DIR"))) != NULL)
    return file;
  if ((file = sample_in (PKGDATADIR "/samples")) != NULL)
    return file;
#ifdef ANNOTA_SOURCE_SAMPLES_DIR
  if ((file = sample_in (ANNOTA_SOURCE_SAMPLES_DIR)) != NULL)
    return file;
#endif
  return NULL;
}
