/* annota-cli-convert.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * annota-cli convert IN OUT [--from F] [--to F] [--scheme S] [--offsets U]
 * [--misaligned P] [--include I]: reads IN one document at a time and
 * writes OUT through a temporary file that replaces OUT only when every
 * document converted, so a failure leaves nothing half-written.
 */
#define G_LOG_DOMAIN "annota-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "annota-core.h"
#include "annota-format.h"
#include "annota-cli-convert.h"

#define EXIT_PROBLEM 1
#define EXIT_USAGE   2

/* A progress line is drawn for inputs that take longer than this. */
#define PROGRESS_DELAY_USEC (G_USEC_PER_SEC)

static int
usage_error (const char *message)
{
  g_printerr ("annota-cli convert: %s\n", message);
  g_printerr (_("Run “annota-cli convert --help” for help.\n"));
  return EXIT_USAGE;
}

static gboolean
parse_include (const char         *value,
               AnnotaIncludeFlags *include)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = g_strstrip (parts[i]);

      if (strcmp (p, "suggested") == 0)
        *include |= ANNOTA_INCLUDE_SUGGESTED;
      else if (strcmp (p, "rejected") == 0)
        *include |= ANNOTA_INCLUDE_REJECTED;
      else if (strcmp (p, "all") == 0)
        *include |= ANNOTA_INCLUDE_ALL;
      else if (strcmp (p, "accepted") != 0)
        return FALSE;
    }
  return TRUE;
}

static void
print_and_clear (GPtrArray  *messages,
                 const char *kind)
{
  for (guint i = 0; i < messages->len; i++)
    g_printerr ("%s%s\n", kind, (const char *) g_ptr_array_index (messages, i));
  g_ptr_array_set_size (messages, 0);
}

typedef struct {
  gboolean               quiet;
  AnnotaMisalignedPolicy misaligned;
  gboolean               show_progress;
  gboolean               progress;
  gint64                 started;
  guint                  n_documents;
  guint64                n_spans;
  guint64                done;
  guint64                total;
} ConvertState;

static void
draw_progress (ConvertState *state,
               gboolean      last)
{
  /* The carriage return, which draws over the last line, is no
   * translator's business. */
  g_printerr ("\r");
  if (state->total > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "Converting: %3u%% (%u document)",
                             "Converting: %3u%% (%u documents)",
                             state->n_documents),
                (guint) MIN (100, state->done * 100 / state->total), state->n_documents);
  else
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "Converting: %u document",
                             "Converting: %u documents",
                             state->n_documents),
                state->n_documents);
  if (last)
    g_printerr ("\n");
}

static void
on_document (guint      n_spans,
             GPtrArray *warnings,
             GPtrArray *problems,
             guint64    done,
             guint64    total,
             gboolean   written,
             gpointer   user_data)
{
  ConvertState *state = user_data;

  if (!state->quiet)
    print_and_clear (warnings, _("warning: "));

  if (!written)
    {
      /* The problems that made the document fail are errors under
       * --misaligned error. */
      if (state->progress)
        g_printerr ("\n");
      state->progress = FALSE;
      print_and_clear (problems, state->misaligned == ANNOTA_MISALIGNED_ERROR ? "" : _("warning: "));
      return;
    }

  state->n_documents++;
  state->n_spans += n_spans;
  state->done = done;
  state->total = total;
  if (!state->quiet)
    print_and_clear (problems, _("warning: "));

  if (state->show_progress && (state->n_documents & 255) == 0 &&
      g_get_monotonic_time () - state->started > PROGRESS_DELAY_USEC)
    {
      draw_progress (state, FALSE);
      state->progress = TRUE;
    }
}

int
annota_cli_convert (int    argc,
                    char **argv)
{
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) include_values = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *offsets = NULL;
  g_autofree char *misaligned = NULL;
  gboolean quiet = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaFormatReader) reader = NULL;
  g_autoptr(AnnotaFormatWriter) writer = NULL;
  AnnotaFormatOptions opts;
  AnnotaFormatKind from_kind = ANNOTA_FORMAT_UNKNOWN;
  AnnotaFormatKind to_kind = ANNOTA_FORMAT_UNKNOWN;
  ConvertState state = { 0, };
  GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from,
      N_("Format of IN: native, spacy, doccano, brat, conll or labelstudio (default: guessed)"), N_("FORMAT") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &to,
      N_("Format of OUT (default: guessed from its name)"), N_("FORMAT") },
    { "scheme", 0, 0, G_OPTION_ARG_STRING, &scheme,
      N_("CoNLL tags: iob2, iob1, bioes or bilou (default: as read, else iob2)"), N_("SCHEME") },
    { "offsets", 0, 0, G_OPTION_ARG_STRING, &offsets,
      N_("doccano offsets: utf16 (doccano’s own) or codepoints (default: utf16)"), N_("UNIT") },
    { "misaligned", 0, 0, G_OPTION_ARG_STRING, &misaligned,
      N_("A span the target cannot express: error, expand or skip (default: error)"), N_("POLICY") },
    { "include", 0, 0, G_OPTION_ARG_STRING_ARRAY, &include_values,
      N_("Also export suggested, rejected or all spans (default: accepted only)"), N_("STATUS") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only problems"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("IN OUT") },
    { NULL }
  };

  g_set_prgname ("annota-cli convert");
  context = g_option_context_new (_("— convert documents between formats"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Formats: native (.json, a folder), spacy (spaCy/Prodigy .jsonl), doccano (.jsonl),\n"
                                  "brat (.ann with its .txt, or a folder), conll (.conll, .iob, .bio), labelstudio (.json).\n"
                                  "Suggested and rejected spans are left out of exports unless --include asks for them."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 converted, 1 bad input or a span the target cannot express,\n"
                                      "2 a wrong command line. Problems are printed on standard error as FILE:LINE: message."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);

  if (files == NULL || files[0] == NULL || files[1] == NULL)
    return usage_error (_("expected IN and OUT"));
  if (files[2] != NULL)
    return usage_error (_("too many arguments; expected IN and OUT"));

  annota_format_options_init (&opts);

  if (from != NULL && (from_kind = annota_format_kind_from_string (from)) == ANNOTA_FORMAT_UNKNOWN)
    {
      g_autofree char *message = g_strdup_printf (_("unknown format “%s”"), from);
      return usage_error (message);
    }
  if (to != NULL && (to_kind = annota_format_kind_from_string (to)) == ANNOTA_FORMAT_UNKNOWN)
    {
      g_autofree char *message = g_strdup_printf (_("unknown format “%s”"), to);
      return usage_error (message);
    }
  if (scheme != NULL && !annota_conll_scheme_from_string (scheme, &opts.scheme))
    {
      g_autofree char *message = g_strdup_printf (_("unknown scheme “%s” (expected iob2, iob1, bioes or bilou)"), scheme);
      return usage_error (message);
    }
  if (offsets != NULL)
    {
      if (strcmp (offsets, "utf16") == 0 || strcmp (offsets, "utf-16") == 0)
        opts.offsets = ANNOTA_OFFSETS_UTF16;
      else if (strcmp (offsets, "codepoints") == 0)
        opts.offsets = ANNOTA_OFFSETS_CODEPOINTS;
      else
        {
          g_autofree char *message = g_strdup_printf (_("unknown offsets “%s” (expected utf16 or codepoints)"), offsets);
          return usage_error (message);
        }
    }
  if (misaligned != NULL)
    {
      if (strcmp (misaligned, "error") == 0)
        opts.misaligned = ANNOTA_MISALIGNED_ERROR;
      else if (strcmp (misaligned, "expand") == 0)
        opts.misaligned = ANNOTA_MISALIGNED_EXPAND;
      else if (strcmp (misaligned, "skip") == 0)
        opts.misaligned = ANNOTA_MISALIGNED_SKIP;
      else
        {
          g_autofree char *message = g_strdup_printf (_("unknown policy “%s” (expected error, expand or skip)"), misaligned);
          return usage_error (message);
        }
    }
  for (guint i = 0; include_values != NULL && include_values[i] != NULL; i++)
    if (!parse_include (include_values[i], &opts.include))
      {
        g_autofree char *message = g_strdup_printf (_("unknown status “%s” (expected suggested, rejected or all)"),
                                                    include_values[i]);
        return usage_error (message);
      }

  if (!g_file_test (files[0], G_FILE_TEST_EXISTS))
    {
      g_printerr (_("%s: no such file or folder\n"), files[0]);
      return EXIT_PROBLEM;
    }
  if (from_kind == ANNOTA_FORMAT_UNKNOWN)
    {
      from_kind = annota_format_detect_input (files[0], &error);
      if (from_kind == ANNOTA_FORMAT_UNKNOWN)
        {
          if (error->code == ANNOTA_FORMAT_ERROR_VALUE)
            return usage_error (error->message);
          g_printerr ("%s\n", error->message);
          return EXIT_PROBLEM;
        }
    }
  if (to_kind == ANNOTA_FORMAT_UNKNOWN)
    {
      to_kind = annota_format_detect_output (files[1], &error);
      if (to_kind == ANNOTA_FORMAT_UNKNOWN)
        return usage_error (error->message);
    }

  reader = annota_format_reader_open (from_kind, files[0], &opts, &error);
  if (reader == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_PROBLEM;
    }
  writer = annota_format_writer_open (to_kind, files[1], &opts, &error);
  if (writer == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_PROBLEM;
    }

  state.quiet = quiet;
  state.misaligned = opts.misaligned;
  state.show_progress = !quiet && isatty (STDERR_FILENO);
  state.started = g_get_monotonic_time ();

  if (!annota_format_convert (reader, writer, on_document, &state, &error))
    {
      if (state.progress)
        g_printerr ("\n");
      g_printerr ("%s\n", error->message);
      return EXIT_PROBLEM;
    }

  if (state.progress)
    draw_progress (&state, TRUE);

  if (!annota_format_writer_commit (writer, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_PROBLEM;
    }

  if (!quiet)
    {
      g_autofree char *spans = NULL;

      /* Translators: how many spans, in the message "OUT: 1 document
       * (3 spans) converted from spacy to conll". */
      spans = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu span", "%llu spans",
                                            (gulong) MIN (state.n_spans, G_MAXULONG)),
                               (unsigned long long) state.n_spans);
      /* Translators: the first %s is the file written, the second how many
       * spans ("3 spans"), the last two format names. */
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%s: %u document (%s) converted from %s to %s\n",
                               "%s: %u documents (%s) converted from %s to %s\n",
                               state.n_documents),
                  files[1], state.n_documents, spans,
                  annota_format_kind_to_string (from_kind), annota_format_kind_to_string (to_kind));
    }
  return 0;
}
