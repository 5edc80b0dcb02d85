/* annota-cli-agree.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * annota-cli agree A B [--json] [--match exact|overlap] [--labels L1,L2]
 * [--accepted-only]: B compared against the reference A. The figures and
 * their edge cases are defined in annota-agreement.h.
 */
#define G_LOG_DOMAIN "annota-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "annota-core.h"
#include "annota-agreement.h"
#include "annota-cli-agree.h"

#define EXIT_PROBLEM 1
#define EXIT_USAGE   2

static int
usage_error (const char *message)
{
  g_printerr ("annota-cli agree: %s\n", message);
  g_printerr (_("Run “annota-cli agree --help” for help.\n"));
  return EXIT_USAGE;
}

static AnnotaDocument *
load (const char *file)
{
  g_autoptr(GError) error = NULL;
  AnnotaDocument *document;

  document = annota_document_load_file (file, NULL, NULL, &error);
  if (document == NULL)
    g_printerr ("%s\n", error->message);
  return document;
}

/* Every --labels value, split at commas, blanks trimmed, empty parts
 * dropped; NULL when the option was not given. */
static GStrv
split_labels (char **values)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  if (values == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (values[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_strstrip (parts[j]);
          if (parts[j][0] != '\0')
            g_strv_builder_add (builder, parts[j]);
        }
    }
  return g_strv_builder_end (builder);
}

static void
format_figure (char   *buf,
               gsize   size,
               double  value)
{
  if (isnan (value))
    g_strlcpy (buf, "–", size);
  else
    g_snprintf (buf, size, "%.4f", value);
}

/* printf pads by bytes; this pads by characters. */
static void
print_padded (const char *str,
              int         width,
              gboolean    right)
{
  int pad = width - (int) g_utf8_strlen (str, -1);

  if (pad < 0)
    pad = 0;
  if (right)
    g_print ("%*s%s", pad, "", str);
  else
    g_print ("%s%*s", str, pad, "");
}

static void
print_row (const char                  *name,
           int                          name_width,
           const int                   *widths,
           const AnnotaAgreementScores *scores,
           gboolean                     counts)
{
  double figures[] = { scores->precision, scores->recall, scores->f1 };
  guint numbers[] = { scores->tp, scores->fp, scores->fn };
  char buf[32];

  print_padded (name, name_width, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      format_figure (buf, sizeof buf, figures[i]);
      g_print ("  ");
      print_padded (buf, widths[i], TRUE);
    }
  for (guint i = 0; counts && i < G_N_ELEMENTS (numbers); i++)
    {
      g_snprintf (buf, sizeof buf, "%u", numbers[i]);
      g_print ("  ");
      print_padded (buf, widths[3 + i], TRUE);
    }
  g_print ("\n");
}

static void
print_table (AnnotaAgreement *agreement,
             const char      *reference,
             const char      *other)
{
  /* TRANSLATORS: column headers of the agreement table. */
  const char *headers[] = { _("Precision"), _("Recall"), _("F1"), _("TP"), _("FP"), _("FN") };
  /* TRANSLATORS: the rows that sum over labels (micro) and average them (macro). */
  const char *micro = _("micro");
  const char *macro = _("macro");
  const char *h_label = _("Label");
  guint n_labels = annota_agreement_get_n_labels (agreement);
  int widths[G_N_ELEMENTS (headers)];
  int name_width;
  char kappa[32], observed[32], expected[32];

  g_print (_("Reference: %s (%u spans counted)\n"), reference,
           annota_agreement_get_n_reference_spans (agreement));
  g_print (_("Compared:  %s (%u spans counted)\n"), other,
           annota_agreement_get_n_other_spans (agreement));
  g_print (_("Match: %s\n"), annota_match_to_string (annota_agreement_get_match (agreement)));
  g_print ("\n");

  name_width = (int) MAX (g_utf8_strlen (h_label, -1),
                          MAX (g_utf8_strlen (micro, -1), g_utf8_strlen (macro, -1)));
  for (guint i = 0; i < n_labels; i++)
    name_width = MAX (name_width,
                      (int) g_utf8_strlen (annota_agreement_get_scores (agreement, i)->label, -1));
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    widths[i] = MAX ((int) g_utf8_strlen (headers[i], -1), i < 3 ? 6 : 5);
  /* The micro counts are the sums, so the widest. */
  {
    const AnnotaAgreementScores *sums = annota_agreement_get_micro (agreement);
    guint counts[] = { sums->tp, sums->fp, sums->fn };

    for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
      {
        char buf[16];

        widths[3 + i] = MAX (widths[3 + i], g_snprintf (buf, sizeof buf, "%u", counts[i]));
      }
  }

  print_padded (h_label, name_width, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_print ("  ");
      print_padded (headers[i], widths[i], TRUE);
    }
  g_print ("\n");

  for (guint i = 0; i < n_labels; i++)
    {
      const AnnotaAgreementScores *scores = annota_agreement_get_scores (agreement, i);

      print_row (scores->label, name_width, widths, scores, TRUE);
    }
  print_row (micro, name_width, widths, annota_agreement_get_micro (agreement), TRUE);
  print_row (macro, name_width, widths, annota_agreement_get_macro (agreement), FALSE);

  format_figure (kappa, sizeof kappa, annota_agreement_get_kappa (agreement));
  format_figure (observed, sizeof observed, annota_agreement_get_observed_agreement (agreement));
  format_figure (expected, sizeof expected, annota_agreement_get_expected_agreement (agreement));
  g_print ("\n");
  g_print (_("Cohen’s kappa over %u tokens: %s (observed agreement %s, expected %s)\n"),
           annota_agreement_get_n_tokens (agreement), kappa, observed, expected);
}

static void
append_scores (GString                     *out,
               const AnnotaAgreementScores *scores,
               gboolean                     counts)
{
  if (counts)
    g_string_append_printf (out, "{\"tp\": %u, \"fp\": %u, \"fn\": %u, ",
                            scores->tp, scores->fp, scores->fn);
  else
    g_string_append (out, "{");
  g_string_append (out, "\"precision\": ");
  annota_json_append_double (out, scores->precision);
  g_string_append (out, ", \"recall\": ");
  annota_json_append_double (out, scores->recall);
  g_string_append (out, ", \"f1\": ");
  annota_json_append_double (out, scores->f1);
  g_string_append (out, "}");
}

/* NaN figures are written as null (annota_json_append_double does so). */
static void
print_json (AnnotaAgreement *agreement,
            const char      *reference,
            const char      *other)
{
  GString *out = g_string_new ("{\n");
  const char * const *filter = annota_agreement_get_labels (agreement);
  guint n_labels = annota_agreement_get_n_labels (agreement);

  g_string_append (out, "  \"reference\": ");
  annota_json_append_string (out, reference, -1);
  g_string_append (out, ",\n  \"compared\": ");
  annota_json_append_string (out, other, -1);
  g_string_append_printf (out, ",\n  \"match\": \"%s\",\n",
                          annota_match_to_string (annota_agreement_get_match (agreement)));
  g_string_append_printf (out, "  \"accepted_only\": %s,\n",
                          annota_agreement_get_accepted_only (agreement) ? "true" : "false");

  g_string_append (out, "  \"filter\": ");
  if (filter == NULL)
    g_string_append (out, "null");
  else
    {
      g_string_append (out, "[");
      for (guint i = 0; filter[i] != NULL; i++)
        {
          g_string_append (out, i > 0 ? ", " : "");
          annota_json_append_string (out, filter[i], -1);
        }
      g_string_append (out, "]");
    }
  g_string_append (out, ",\n");

  g_string_append_printf (out, "  \"spans\": {\"reference\": %u, \"compared\": %u},\n",
                          annota_agreement_get_n_reference_spans (agreement),
                          annota_agreement_get_n_other_spans (agreement));

  g_string_append (out, "  \"labels\": {");
  for (guint i = 0; i < n_labels; i++)
    {
      const AnnotaAgreementScores *scores = annota_agreement_get_scores (agreement, i);

      g_string_append (out, i > 0 ? ",\n    " : "\n    ");
      annota_json_append_string (out, scores->label, -1);
      g_string_append (out, ": ");
      append_scores (out, scores, TRUE);
    }
  g_string_append (out, n_labels > 0 ? "\n  },\n" : "},\n");

  g_string_append (out, "  \"micro\": ");
  append_scores (out, annota_agreement_get_micro (agreement), TRUE);
  g_string_append (out, ",\n  \"macro\": ");
  append_scores (out, annota_agreement_get_macro (agreement), FALSE);

  g_string_append (out, ",\n  \"kappa\": ");
  annota_json_append_double (out, annota_agreement_get_kappa (agreement));
  g_string_append_printf (out, ",\n  \"tokens\": %u", annota_agreement_get_n_tokens (agreement));
  g_string_append (out, ",\n  \"observed_agreement\": ");
  annota_json_append_double (out, annota_agreement_get_observed_agreement (agreement));
  g_string_append (out, ",\n  \"expected_agreement\": ");
  annota_json_append_double (out, annota_agreement_get_expected_agreement (agreement));
  g_string_append (out, "\n}\n");

  fwrite (out->str, 1, out->len, stdout);
  g_string_free (out, TRUE);
}

int
annota_cli_agree (int    argc,
                  char **argv)
{
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) label_values = NULL;
  g_auto(GStrv) labels = NULL;
  g_autofree char *match_name = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) reference = NULL;
  g_autoptr(AnnotaDocument) other = NULL;
  g_autoptr(AnnotaAgreement) agreement = NULL;
  g_autofree char *reference_name = NULL;
  g_autofree char *other_name = NULL;
  AnnotaMatch match = ANNOTA_MATCH_EXACT;
  gboolean json = FALSE;
  gboolean accepted_only = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    { "match", 0, 0, G_OPTION_ARG_STRING, &match_name,
      N_("How spans pair: “exact” (same start, end and label; the default) or “overlap” (same label, sharing a character)"),
      N_("MODE") },
    { "labels", 0, 0, G_OPTION_ARG_STRING_ARRAY, &label_values,
      N_("Compare only these labels (comma-separated ids)"), N_("L1,L2") },
    { "accepted-only", 0, 0, G_OPTION_ARG_NONE, &accepted_only,
      N_("Count only accepted spans (suggested ones count by default; rejected ones never)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("A B") },
    { NULL }
  };

  g_set_prgname ("annota-cli agree");
  context = g_option_context_new (_("— how well document B agrees with the reference A"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Precision, recall and F1 of B against A per label, summed (micro) and\n"
                                  "averaged (macro), with TP/FP/FN counts, and Cohen’s kappa over the\n"
                                  "text’s tokens. Both files must hold the same text. A figure that is\n"
                                  "undefined (a division by zero) is printed as “–”, in JSON as null.\n"
                                  "Exit status: 0 done, 1 a file could not be read or the texts differ,\n"
                                  "2 a wrong command line."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);

  if (files == NULL || files[0] == NULL || files[1] == NULL)
    return usage_error (_("expected two files, the reference A and the compared B"));
  if (files[2] != NULL)
    return usage_error (_("too many files; expected the reference A and the compared B"));

  if (match_name != NULL && !annota_match_from_string (match_name, &match))
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown match “%s”; expected “exact” or “overlap”"), match_name);

      return usage_error (message);
    }

  labels = split_labels (label_values);
  if (labels != NULL && labels[0] == NULL)
    return usage_error (_("--labels names no label"));

  reference = load (files[0]);
  other = load (files[1]);
  if (reference == NULL || other == NULL)
    return EXIT_PROBLEM;

  /* File names need not be UTF-8; messages and JSON must be. */
  reference_name = g_filename_display_name (files[0]);
  other_name = g_filename_display_name (files[1]);
  if (!annota_agreement_check_texts (annota_document_get_text (reference), reference_name,
                                     annota_document_get_text (other), other_name,
                                     NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_PROBLEM;
    }

  /* A misspelt label would silently compare nothing. */
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    if (annota_label_set_lookup (annota_document_get_labels (reference), labels[i]) == NULL &&
        annota_label_set_lookup (annota_document_get_labels (other), labels[i]) == NULL)
      g_printerr (_("annota-cli agree: warning: neither document has the label “%s”\n"), labels[i]);

  agreement = annota_agreement_new ();
  annota_agreement_set_match (agreement, match);
  annota_agreement_set_accepted_only (agreement, accepted_only);
  annota_agreement_set_labels (agreement, (const char * const *) labels);
  annota_agreement_compare (agreement,
                            annota_document_get_spans (reference),
                            annota_document_get_spans (other),
                            annota_document_get_text (reference));

  if (json)
    print_json (agreement, reference_name, other_name);
  else
    print_table (agreement, reference_name, other_name);

  return 0;
}
