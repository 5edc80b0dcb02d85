/* annota-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * annota-cli: Annota's documents from the command line, without a display.
 * validate checks files and reports every problem as FILE: JSON-PATH:
 * message; stats counts documents, characters and spans; format rewrites a
 * file in the canonical form. Exit status: 0 fine, 1 a file has a problem,
 * 2 the command line is wrong.
 */
#define G_LOG_DOMAIN "annota-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "annota-core.h"
#include "annota-cli-agree.h"
#include "annota-cli-convert.h"
#include "annota-cli-corpus.h"

#define EXIT_PROBLEM 1
#define EXIT_USAGE   2

/* Freeing a large document one span at a time (200,000 g_object_unref
 * calls) took about a third of `stats` on a large file, just before the
 * process exits and the system takes its memory back in one go. So the
 * last document a command loaded is left to the exit, except under a
 * sanitizer, where everything is freed so that LeakSanitizer still sees
 * every real leak. */
#if defined(__SANITIZE_ADDRESS__)
#define FREE_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define FREE_AT_EXIT 1
#endif
#endif

typedef struct {
  const char *name;
  int       (*run)     (int argc, char **argv);
  const char *summary;
} Command;

static int run_validate (int argc, char **argv);
static int run_stats    (int argc, char **argv);
static int run_format   (int argc, char **argv);

static const Command commands[] = {
  { "validate", run_validate, N_("Check documents and report every problem") },
  { "stats", run_stats, N_("Count documents, characters and spans per label, status and state") },
  { "format", run_format, N_("Rewrite a document in the canonical form") },
  { "convert", annota_cli_convert, N_("Convert between the native format and spaCy, doccano, brat, CoNLL or Label Studio") },
  { "agree", annota_cli_agree, N_("Compare two annotations of one text: precision, recall, F1 and kappa") },
};

static void
print_usage (FILE *stream)
{
  guint i;

  fprintf (stream, "%s\n  annota-cli %s\n\n%s\n", _("Usage:"), _("COMMAND [OPTION…] FILE…"), _("Commands:"));
  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n  -h, --help     %s\n  --version      %s\n\n%s\n",
           _("Options:"), _("Show this help"), _("Show the version"),
           _("Run “annota-cli COMMAND --help” for the options of a command."));
}

static int
usage_error (const char *command,
             const char *message)
{
  if (command != NULL)
    g_printerr ("annota-cli %s: %s\n", command, message);
  else
    g_printerr ("annota-cli: %s\n", message);
  g_printerr (_("Run “annota-cli%s%s --help” for help.\n"),
              command != NULL ? " " : "", command != NULL ? command : "");
  return EXIT_USAGE;
}

/* Parses the options of a command; argv[0] is the command's name. */
static gboolean
parse_options (const char    *command,
               const char    *parameters,
               const char    *summary,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               int           *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("annota-cli %s", command);

  g_set_prgname (prgname);
  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (command, error->message);
      return FALSE;
    }
  return TRUE;
}

/* A loader warning is "FILE: PATH: message"; the CLI shows it as
 * "FILE: PATH: warning: message". */
static void
print_warning (const char *file,
               const char *warning)
{
  gsize n = strlen (file);
  const char *rest;
  const char *sep;

  if (strncmp (warning, file, n) == 0 && strncmp (warning + n, ": ", 2) == 0)
    {
      rest = warning + n + 2;
      sep = strstr (rest, ": ");
      if (sep != NULL)
        {
          g_printerr ("%s: %.*s: %s %s\n", file, (int) (sep - rest), rest, _("warning:"), sep + 2);
          return;
        }
      g_printerr ("%s: %s %s\n", file, _("warning:"), rest);
      return;
    }
  g_printerr ("%s: %s %s\n", file, _("warning:"), warning);
}

/* The document of the last file is left to the exit (see FREE_AT_EXIT);
 * earlier ones are freed, so that memory does not grow with the number of
 * files. */
static void
release (AnnotaDocument *document,
         gboolean        last)
{
#ifndef FREE_AT_EXIT
  if (last)
    return;
#endif
  g_object_unref (document);
}

static AnnotaDocument *
load (const char *file,
      gboolean    show_warnings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  AnnotaDocument *document;

  document = annota_document_load_file (file, NULL, show_warnings ? &warnings : NULL, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }

  if (warnings != NULL)
    for (guint i = 0; i < warnings->len; i++)
      print_warning (file, g_ptr_array_index (warnings, i));

  return document;
}

/* validate */

static int
run_validate (int    argc,
              char **argv)
{
  g_auto(GStrv) files = NULL;
  gboolean quiet = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only problems"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };

  if (!parse_options ("validate", _("FILE… — check Annota documents"),
                      _("Exit status: 0 when every file is valid, 1 when one is not, 2 for a wrong command line.\n"
                        "Problems are printed on standard error as FILE: JSON-PATH: message."),
                      entries, &argc, &argv, &status))
    return status;

  if (files == NULL || files[0] == NULL)
    return usage_error ("validate", _("no file given"));

  for (guint i = 0; files[i] != NULL; i++)
    {
      AnnotaDocument *document = load (files[i], TRUE);

      if (document == NULL)
        {
          status = EXIT_PROBLEM;
          continue;
        }
      if (!quiet)
        {
          guint n_spans = annota_span_store_get_n_spans (annota_document_get_spans (document));

          g_print (g_dngettext (GETTEXT_PACKAGE, "%s: valid (%u span)\n", "%s: valid (%u spans)\n", n_spans),
                   files[i], n_spans);
        }
      release (document, files[i + 1] == NULL);
    }

  return status;
}

/* stats */

typedef struct {
  guint      documents;
  guint64    characters;
  guint64    spans;
  GPtrArray *labels;   /* AnnotaCliLabelCount, in order of first appearance */
  guint64    statuses[ANNOTA_SPAN_STATUS_REJECTED + 1];
  guint      states[ANNOTA_DOCUMENT_STATE_DONE + 1];
} Totals;

static AnnotaCliLabelCount *
totals_label (Totals      *totals,
              const char  *id,
              const char  *name)
{
  AnnotaCliLabelCount *count;

  for (guint i = 0; i < totals->labels->len; i++)
    {
      count = g_ptr_array_index (totals->labels, i);
      if (strcmp (count->id, id) == 0)
        return count;
    }

  count = g_new0 (AnnotaCliLabelCount, 1);
  count->id = g_strdup (id);
  count->name = g_strdup (name != NULL ? name : id);
  g_ptr_array_add (totals->labels, count);
  return count;
}

static void
totals_add (Totals         *totals,
            AnnotaDocument *document)
{
  AnnotaLabelSet *labels = annota_document_get_labels (document);
  guint n_labels = annota_label_set_get_n_labels (labels);
  int s;

  totals->documents++;
  totals->characters += annota_document_get_length (document);
  totals->spans += annota_span_store_get_n_spans (annota_document_get_spans (document));
  totals->states[annota_document_get_state (document)]++;

  for (s = ANNOTA_SPAN_STATUS_SUGGESTED; s <= ANNOTA_SPAN_STATUS_REJECTED; s++)
    totals->statuses[s] += annota_document_count_spans (document, NULL, s);

  for (guint i = 0; i < n_labels; i++)
    {
      AnnotaLabel *label = annota_label_set_peek (labels, i);
      AnnotaCliLabelCount *count = totals_label (totals, annota_label_get_id (label),
                                                 annota_label_get_name (label));

      count->count += annota_document_count_spans (document, annota_label_get_id (label), -1);
    }
}

/* A corpus (folder or JSONL) is counted from its index, without loading
 * every document. */
static gboolean
totals_add_corpus (Totals     *totals,
                   const char *path)
{
  AnnotaCliCorpusStats stats;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!annota_cli_corpus_stats (path, &stats, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  totals->documents += stats.documents;
  totals->characters += stats.characters;
  totals->spans += stats.spans;
  for (guint s = 0; s < G_N_ELEMENTS (totals->statuses); s++)
    totals->statuses[s] += stats.statuses[s];
  for (guint s = 0; s < G_N_ELEMENTS (totals->states); s++)
    totals->states[s] += stats.states[s];
  for (guint i = 0; i < stats.labels->len; i++)
    {
      AnnotaCliLabelCount *label = g_ptr_array_index (stats.labels, i);

      totals_label (totals, label->id, label->name)->count += label->count;
    }
  ok = stats.unreadable == 0;
  annota_cli_corpus_stats_clear (&stats);
  return ok;
}

static int
utf8_width (const char *str)
{
  return (int) g_utf8_strlen (str, -1);
}

/* printf pads by bytes; this pads by characters. */
static void
print_padded (const char *str,
              int         width)
{
  int pad = width - utf8_width (str);

  g_print ("%s%*s", str, pad > 0 ? pad : 0, "");
}

static void
print_table (Totals *totals)
{
  const char *h_label = _("Label");
  const char *h_name = _("Name");
  const char *h_spans = _("Spans");
  const char *h_status = _("Status");
  const char *h_state = _("State");
  const char *h_documents = _("Documents");
  int w_id = utf8_width (h_label);
  int w_name = utf8_width (h_name);
  int w_first;
  int s;

  g_print ("%-12s %" G_GUINT64_FORMAT "\n", _("Documents:"), (guint64) totals->documents);
  g_print ("%-12s %" G_GUINT64_FORMAT "\n", _("Characters:"), totals->characters);
  g_print ("%-12s %" G_GUINT64_FORMAT "\n", _("Spans:"), totals->spans);

  for (guint i = 0; i < totals->labels->len; i++)
    {
      AnnotaCliLabelCount *count = g_ptr_array_index (totals->labels, i);

      w_id = MAX (w_id, utf8_width (count->id));
      w_name = MAX (w_name, utf8_width (count->name));
    }

  g_print ("\n");
  print_padded (h_label, w_id + 2);
  print_padded (h_name, w_name + 2);
  g_print ("%8s\n", h_spans);
  for (guint i = 0; i < totals->labels->len; i++)
    {
      AnnotaCliLabelCount *count = g_ptr_array_index (totals->labels, i);

      print_padded (count->id, w_id + 2);
      print_padded (count->name, w_name + 2);
      g_print ("%8" G_GUINT64_FORMAT "\n", count->count);
    }

  w_first = MAX (utf8_width (h_status), 11);
  g_print ("\n");
  print_padded (h_status, w_first + 2);
  g_print ("%8s\n", h_spans);
  for (s = ANNOTA_SPAN_STATUS_SUGGESTED; s <= ANNOTA_SPAN_STATUS_REJECTED; s++)
    {
      print_padded (annota_span_status_to_string (s), w_first + 2);
      g_print ("%8" G_GUINT64_FORMAT "\n", totals->statuses[s]);
    }

  w_first = MAX (utf8_width (h_state), 11);
  g_print ("\n");
  print_padded (h_state, w_first + 2);
  g_print ("%10s\n", h_documents);
  for (s = ANNOTA_DOCUMENT_STATE_TODO; s <= ANNOTA_DOCUMENT_STATE_DONE; s++)
    {
      print_padded (annota_document_state_to_string (s), w_first + 2);
      g_print ("%10u\n", totals->states[s]);
    }
}

static void
print_json (Totals *totals)
{
  GString *out = g_string_new ("{\n");
  int s;

  g_string_append_printf (out, "  \"documents\": %u,\n", totals->documents);
  g_string_append_printf (out, "  \"characters\": %" G_GUINT64_FORMAT ",\n", totals->characters);
  g_string_append_printf (out, "  \"spans\": %" G_GUINT64_FORMAT ",\n", totals->spans);

  g_string_append (out, "  \"labels\": {");
  for (guint i = 0; i < totals->labels->len; i++)
    {
      AnnotaCliLabelCount *count = g_ptr_array_index (totals->labels, i);

      g_string_append (out, i > 0 ? ", " : "");
      annota_json_append_string (out, count->id, -1);
      g_string_append_printf (out, ": %" G_GUINT64_FORMAT, count->count);
    }
  g_string_append (out, "},\n");

  g_string_append (out, "  \"statuses\": {");
  for (s = ANNOTA_SPAN_STATUS_SUGGESTED; s <= ANNOTA_SPAN_STATUS_REJECTED; s++)
    g_string_append_printf (out, "%s\"%s\": %" G_GUINT64_FORMAT, s > 0 ? ", " : "",
                            annota_span_status_to_string (s), totals->statuses[s]);
  g_string_append (out, "},\n");

  g_string_append (out, "  \"states\": {");
  for (s = ANNOTA_DOCUMENT_STATE_TODO; s <= ANNOTA_DOCUMENT_STATE_DONE; s++)
    g_string_append_printf (out, "%s\"%s\": %u", s > 0 ? ", " : "",
                            annota_document_state_to_string (s), totals->states[s]);
  g_string_append (out, "}\n}\n");

  fwrite (out->str, 1, out->len, stdout);
  g_string_free (out, TRUE);
}

static int
run_stats (int    argc,
           char **argv)
{
  g_auto(GStrv) files = NULL;
  gboolean json = FALSE;
  Totals totals = { 0, };
  int status = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };

  if (!parse_options ("stats", _("FILE… — count documents, characters and spans"),
                      _("Spans are counted per label, per status, and documents per state."),
                      entries, &argc, &argv, &status))
    return status;

  if (files == NULL || files[0] == NULL)
    return usage_error ("stats", _("no file given"));

  totals.labels = g_ptr_array_new_with_free_func (annota_cli_label_count_free);
  for (guint i = 0; files[i] != NULL; i++)
    {
      AnnotaDocument *document;

      if (annota_cli_is_corpus (files[i]))
        {
          if (!totals_add_corpus (&totals, files[i]))
            status = EXIT_PROBLEM;
          continue;
        }
      document = load (files[i], FALSE);
      if (document == NULL)
        {
          status = EXIT_PROBLEM;
          continue;
        }
      totals_add (&totals, document);
      release (document, files[i + 1] == NULL);
    }

  if (json)
    print_json (&totals);
  else
    print_table (&totals);

  g_ptr_array_unref (totals.labels);
  return status;
}

/* format */

static int
run_format (int    argc,
            char **argv)
{
  g_auto(GStrv) files = NULL;
  AnnotaDocument *document;
  g_autoptr(GError) error = NULL;
  const char *output;
  int status = 0;
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE [OUTPUT]") },
    { NULL }
  };

  if (!parse_options ("format", _("FILE [OUTPUT] — rewrite a document in the canonical form"),
                      _("Writes OUTPUT (by default FILE itself, replaced atomically; “-” for standard output)\n"
                        "with spans sorted, one label or span per line, and unknown members kept."),
                      entries, &argc, &argv, &status))
    return status;

  if (files == NULL || files[0] == NULL)
    return usage_error ("format", _("no file given"));
  if (files[1] != NULL && files[2] != NULL)
    return usage_error ("format", _("too many files; expected FILE and at most one OUTPUT"));

  output = files[1] != NULL ? files[1] : files[0];

  document = load (files[0], FALSE);
  if (document == NULL)
    return EXIT_PROBLEM;

  if (strcmp (output, "-") == 0)
    {
      gsize len = 0;
      g_autofree char *json = annota_document_to_json (document, &len);

      if (fwrite (json, 1, len, stdout) != len || fflush (stdout) != 0)
        status = EXIT_PROBLEM;
    }
  else if (!annota_document_save_file (document, output, &error))
    {
      g_printerr ("%s\n", error->message);
      status = EXIT_PROBLEM;
    }

  release (document, TRUE);
  return status;
}

int
main (int    argc,
      char **argv)
{
  const char *name;

  setlocale (LC_ALL, "");
  /* $ANNOTA_LOCALEDIR: the translations of a build tree (build-aux/run.sh),
   * before they are installed. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ANNOTA_LOCALEDIR") ? g_getenv ("ANNOTA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("annota-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  name = argv[1];
  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0 || strcmp (name, "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }
  if (strcmp (name, "--version") == 0)
    {
      g_print ("annota-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (name, commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  if (name[0] == '-')
    {
      g_autofree char *message = g_strdup_printf (_("unknown option “%s”"), name);
      return usage_error (NULL, message);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), name);
      return usage_error (NULL, message);
    }
}
