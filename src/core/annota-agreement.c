/* annota-agreement.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Agreement between two span sets; the definitions are in the header.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "annota-agreement.h"

/* Code points shown of each text where two texts differ. */
#define EXCERPT_LENGTH 24

struct _AnnotaAgreement
{
  GObject     parent_instance;

  AnnotaMatch match;
  gboolean    accepted_only;
  char      **labels;
  GHashTable *filter;             /* interned label ids, or NULL for all */

  GArray     *rows;               /* AnnotaAgreementScores, sorted by label */
  GHashTable *row_index;          /* interned label → position + 1 */
  AnnotaAgreementScores micro;
  AnnotaAgreementScores macro;
  guint       n_reference;
  guint       n_other;
  GPtrArray  *false_negatives;
  GPtrArray  *false_positives;
  double      kappa;
  double      observed;
  double      expected;
  guint       n_tokens;
};

G_DEFINE_FINAL_TYPE (AnnotaAgreement, annota_agreement, G_TYPE_OBJECT)

G_DEFINE_QUARK (annota-agreement-error-quark, annota_agreement_error)

G_DEFINE_ENUM_TYPE (AnnotaMatch, annota_match,
                    G_DEFINE_ENUM_VALUE (ANNOTA_MATCH_EXACT, "exact"),
                    G_DEFINE_ENUM_VALUE (ANNOTA_MATCH_OVERLAP, "overlap"))

enum {
  PROP_0,
  PROP_MATCH,
  PROP_ACCEPTED_ONLY,
  PROP_LABELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const match_names[] = { "exact", "overlap" };

const char *
annota_match_to_string (AnnotaMatch match)
{
  g_return_val_if_fail ((guint) match <= ANNOTA_MATCH_OVERLAP, NULL);

  return match_names[match];
}

gboolean
annota_match_from_string (const char  *str,
                          AnnotaMatch *match)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (match_names); i++)
    {
      if (strcmp (str, match_names[i]) == 0)
        {
          if (match != NULL)
            *match = (AnnotaMatch) i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
scores_init (AnnotaAgreementScores *scores,
             const char            *label)
{
  scores->label = label;
  scores->tp = scores->fp = scores->fn = 0;
  scores->precision = scores->recall = scores->f1 = NAN;
}

/* Each figure is one division of two exact integers, so it is the double
 * nearest the true ratio and tests can compare it exactly. */
static void
scores_compute (AnnotaAgreementScores *scores)
{
  guint64 tp = scores->tp, fp = scores->fp, fn = scores->fn;

  scores->precision = tp + fp > 0 ? (double) tp / (double) (tp + fp) : NAN;
  scores->recall = tp + fn > 0 ? (double) tp / (double) (tp + fn) : NAN;
  scores->f1 = tp + fp + fn > 0 ? (double) (2 * tp) / (double) (2 * tp + fp + fn) : NAN;
}

static void
reset_results (AnnotaAgreement *self)
{
  g_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->row_index);
  scores_init (&self->micro, NULL);
  scores_init (&self->macro, NULL);
  self->n_reference = 0;
  self->n_other = 0;
  g_ptr_array_set_size (self->false_negatives, 0);
  g_ptr_array_set_size (self->false_positives, 0);
  self->kappa = NAN;
  self->observed = NAN;
  self->expected = NAN;
  self->n_tokens = 0;
}

static void
annota_agreement_finalize (GObject *object)
{
  AnnotaAgreement *self = ANNOTA_AGREEMENT (object);

  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->filter, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->row_index, g_hash_table_unref);
  g_clear_pointer (&self->false_negatives, g_ptr_array_unref);
  g_clear_pointer (&self->false_positives, g_ptr_array_unref);

  G_OBJECT_CLASS (annota_agreement_parent_class)->finalize (object);
}

static void
annota_agreement_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AnnotaAgreement *self = ANNOTA_AGREEMENT (object);

  switch (prop_id)
    {
    case PROP_MATCH:
      g_value_set_enum (value, self->match);
      break;
    case PROP_ACCEPTED_ONLY:
      g_value_set_boolean (value, self->accepted_only);
      break;
    case PROP_LABELS:
      g_value_set_boxed (value, self->labels);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_agreement_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AnnotaAgreement *self = ANNOTA_AGREEMENT (object);

  switch (prop_id)
    {
    case PROP_MATCH:
      annota_agreement_set_match (self, g_value_get_enum (value));
      break;
    case PROP_ACCEPTED_ONLY:
      annota_agreement_set_accepted_only (self, g_value_get_boolean (value));
      break;
    case PROP_LABELS:
      annota_agreement_set_labels (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_agreement_class_init (AnnotaAgreementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = annota_agreement_finalize;
  object_class->get_property = annota_agreement_get_property;
  object_class->set_property = annota_agreement_set_property;

  properties[PROP_MATCH] =
    g_param_spec_enum ("match", NULL, NULL,
                       ANNOTA_TYPE_MATCH, ANNOTA_MATCH_EXACT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACCEPTED_ONLY] =
    g_param_spec_boolean ("accepted-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LABELS] =
    g_param_spec_boxed ("labels", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
annota_agreement_init (AnnotaAgreement *self)
{
  self->match = ANNOTA_MATCH_EXACT;
  self->rows = g_array_new (FALSE, FALSE, sizeof (AnnotaAgreementScores));
  self->row_index = g_hash_table_new (NULL, NULL);
  self->false_negatives = g_ptr_array_new_with_free_func (g_object_unref);
  self->false_positives = g_ptr_array_new_with_free_func (g_object_unref);
  reset_results (self);
}

AnnotaAgreement *
annota_agreement_new (void)
{
  return g_object_new (ANNOTA_TYPE_AGREEMENT, NULL);
}

AnnotaMatch
annota_agreement_get_match (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), ANNOTA_MATCH_EXACT);

  return self->match;
}

void
annota_agreement_set_match (AnnotaAgreement *self,
                            AnnotaMatch      match)
{
  g_return_if_fail (ANNOTA_IS_AGREEMENT (self));
  g_return_if_fail ((guint) match <= ANNOTA_MATCH_OVERLAP);

  if (self->match == match)
    return;
  self->match = match;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH]);
}

gboolean
annota_agreement_get_accepted_only (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), FALSE);

  return self->accepted_only;
}

void
annota_agreement_set_accepted_only (AnnotaAgreement *self,
                                    gboolean         accepted_only)
{
  g_return_if_fail (ANNOTA_IS_AGREEMENT (self));

  accepted_only = !!accepted_only;
  if (self->accepted_only == accepted_only)
    return;
  self->accepted_only = accepted_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCEPTED_ONLY]);
}

const char * const *
annota_agreement_get_labels (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), NULL);

  return (const char * const *) self->labels;
}

void
annota_agreement_set_labels (AnnotaAgreement    *self,
                             const char * const *labels)
{
  g_return_if_fail (ANNOTA_IS_AGREEMENT (self));

  /* An empty filter would make every span absent; it means "no filter". */
  if (labels != NULL && labels[0] == NULL)
    labels = NULL;

  if (labels == NULL && self->labels == NULL)
    return;
  if (labels != NULL && self->labels != NULL &&
      g_strv_equal (labels, (const char * const *) self->labels))
    return;

  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->filter, g_hash_table_unref);
  if (labels != NULL)
    {
      self->labels = g_strdupv ((char **) labels);
      self->filter = g_hash_table_new (NULL, NULL);
      for (guint i = 0; labels[i] != NULL; i++)
        g_hash_table_add (self->filter, (gpointer) g_intern_string (labels[i]));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABELS]);
}

static gboolean
span_counts (AnnotaAgreement *self,
             AnnotaSpan      *span)
{
  AnnotaSpanStatus status = annota_span_get_status (span);

  if (status == ANNOTA_SPAN_STATUS_REJECTED)
    return FALSE;
  if (self->accepted_only && status != ANNOTA_SPAN_STATUS_ACCEPTED)
    return FALSE;
  if (self->filter != NULL &&
      !g_hash_table_contains (self->filter, annota_span_get_label (span)))
    return FALSE;
  return TRUE;
}

static GPtrArray *
counted_spans (AnnotaAgreement *self,
               AnnotaSpanStore *store)
{
  guint n = annota_span_store_get_n_spans (store);
  GPtrArray *spans = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      AnnotaSpan *span = annota_span_store_peek (store, i);

      if (span_counts (self, span))
        g_ptr_array_add (spans, span);
    }
  return spans;
}

static AnnotaAgreementScores *
row_for (AnnotaAgreement *self,
         const char      *label)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->row_index, label));
  AnnotaAgreementScores scores;

  if (position == 0)
    {
      scores_init (&scores, label);
      g_array_append_val (self->rows, scores);
      position = self->rows->len;
      g_hash_table_insert (self->row_index, (gpointer) label, GUINT_TO_POINTER (position));
    }
  return &g_array_index (self->rows, AnnotaAgreementScores, position - 1);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const AnnotaAgreementScores *ra = a;
  const AnnotaAgreementScores *rb = b;

  return strcmp (ra->label, rb->label);
}

typedef struct {
  GHashTable *index;      /* counted reference span → position + 1 */
  gboolean   *paired;
  const char *label;
  guint       found;      /* position + 1, 0 while none */
} OverlapSearch;

static gboolean
find_overlapping (AnnotaSpan *span,
                  gpointer    user_data)
{
  OverlapSearch *search = user_data;
  guint position;

  if (annota_span_get_label (span) != search->label)
    return TRUE;
  position = GPOINTER_TO_UINT (g_hash_table_lookup (search->index, span));
  if (position == 0 || search->paired[position - 1])
    return TRUE;
  search->found = position;
  return FALSE;
}

/* Pairs the counted spans and fills the rows and the unpaired lists. */
static void
match_spans (AnnotaAgreement *self,
             AnnotaSpanStore *reference_store,
             GPtrArray       *reference,
             GPtrArray       *other)
{
  g_autofree gboolean *ref_paired = g_new0 (gboolean, reference->len + 1);
  g_autofree gboolean *other_paired = g_new0 (gboolean, other->len + 1);
  guint i = 0, j = 0;

  /* Both lists are in store order, so equal spans meet in one merge. */
  while (i < reference->len && j < other->len)
    {
      int cmp = annota_span_compare (g_ptr_array_index (reference, i),
                                     g_ptr_array_index (other, j));

      if (cmp == 0)
        {
          ref_paired[i++] = TRUE;
          other_paired[j++] = TRUE;
        }
      else if (cmp < 0)
        i++;
      else
        j++;
    }

  if (self->match == ANNOTA_MATCH_OVERLAP)
    {
      g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
      OverlapSearch search;

      for (i = 0; i < reference->len; i++)
        g_hash_table_insert (index, g_ptr_array_index (reference, i), GUINT_TO_POINTER (i + 1));

      search.index = index;
      search.paired = ref_paired;
      for (j = 0; j < other->len; j++)
        {
          AnnotaSpan *span = g_ptr_array_index (other, j);

          if (other_paired[j])
            continue;
          search.label = annota_span_get_label (span);
          search.found = 0;
          annota_span_store_foreach_in_range (reference_store,
                                              annota_span_get_start (span),
                                              annota_span_get_end (span),
                                              find_overlapping, &search);
          if (search.found != 0)
            {
              ref_paired[search.found - 1] = TRUE;
              other_paired[j] = TRUE;
            }
        }
    }

  for (i = 0; i < reference->len; i++)
    {
      AnnotaSpan *span = g_ptr_array_index (reference, i);
      AnnotaAgreementScores *row = row_for (self, annota_span_get_label (span));

      if (ref_paired[i])
        row->tp++;
      else
        {
          row->fn++;
          g_ptr_array_add (self->false_negatives, g_object_ref (span));
        }
    }

  for (j = 0; j < other->len; j++)
    {
      AnnotaSpan *span = g_ptr_array_index (other, j);
      AnnotaAgreementScores *row = row_for (self, annota_span_get_label (span));

      if (!other_paired[j])
        {
          row->fp++;
          g_ptr_array_add (self->false_positives, g_object_ref (span));
        }
    }
}

static void
compute_totals (AnnotaAgreement *self)
{
  double sum_p = 0, sum_r = 0, sum_f = 0;
  guint n_p = 0, n_r = 0, n_f = 0;

  g_array_sort (self->rows, compare_rows);
  g_hash_table_remove_all (self->row_index);

  for (guint i = 0; i < self->rows->len; i++)
    {
      AnnotaAgreementScores *row = &g_array_index (self->rows, AnnotaAgreementScores, i);

      g_hash_table_insert (self->row_index, (gpointer) row->label, GUINT_TO_POINTER (i + 1));
      scores_compute (row);
      self->micro.tp += row->tp;
      self->micro.fp += row->fp;
      self->micro.fn += row->fn;

      if (!isnan (row->precision))
        {
          sum_p += row->precision;
          n_p++;
        }
      if (!isnan (row->recall))
        {
          sum_r += row->recall;
          n_r++;
        }
      if (!isnan (row->f1))
        {
          sum_f += row->f1;
          n_f++;
        }
    }

  scores_compute (&self->micro);
  self->macro.tp = self->micro.tp;
  self->macro.fp = self->micro.fp;
  self->macro.fn = self->micro.fn;
  self->macro.precision = n_p > 0 ? sum_p / n_p : NAN;
  self->macro.recall = n_r > 0 ? sum_r / n_r : NAN;
  self->macro.f1 = n_f > 0 ? sum_f / n_f : NAN;
}

/* The category of a token on one side: the shortest counted span over it. */
typedef struct {
  AnnotaAgreement *self;
  AnnotaSpan      *best;
} CoverSearch;

static gboolean
find_cover (AnnotaSpan *span,
            gpointer    user_data)
{
  CoverSearch *search = user_data;

  if (!span_counts (search->self, span))
    return TRUE;
  if (search->best == NULL ||
      annota_span_get_length (span) < annota_span_get_length (search->best))
    search->best = span;
  return TRUE;
}

/* Not an interned string, so no label id can be mistaken for it. */
static const char outside_category[] = "O";

static const char *
token_category (AnnotaAgreement *self,
                AnnotaSpanStore *store,
                AnnotaRange     *token)
{
  CoverSearch search = { self, NULL };

  annota_span_store_foreach_in_range (store, token->start, token->end, find_cover, &search);
  return search.best != NULL ? annota_span_get_label (search.best) : outside_category;
}

typedef struct {
  guint64 reference;
  guint64 other;
} CategoryCount;

static void
compute_kappa (AnnotaAgreement *self,
               AnnotaSpanStore *reference,
               AnnotaSpanStore *other,
               AnnotaText      *text)
{
  GArray *tokens = annota_text_get_tokens (text);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GHashTableIter iter;
  gpointer value;
  guint64 n = tokens->len, agree = 0, chance = 0;

  self->n_tokens = tokens->len;
  if (n == 0)
    return;

  for (guint i = 0; i < tokens->len; i++)
    {
      AnnotaRange *token = &g_array_index (tokens, AnnotaRange, i);
      const char *a = token_category (self, reference, token);
      const char *b = token_category (self, other, token);
      CategoryCount *count;

      if (a == b)
        agree++;

      count = g_hash_table_lookup (counts, a);
      if (count == NULL)
        {
          count = g_new0 (CategoryCount, 1);
          g_hash_table_insert (counts, (gpointer) a, count);
        }
      count->reference++;

      count = g_hash_table_lookup (counts, b);
      if (count == NULL)
        {
          count = g_new0 (CategoryCount, 1);
          g_hash_table_insert (counts, (gpointer) b, count);
        }
      count->other++;
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CategoryCount *count = value;

      chance += count->reference * count->other;
    }

  /* chance = Σ a_c b_c ≤ n², with equality only when both sides put every
   * token in one and the same category; the numerator may be negative. */
  self->observed = (double) agree / (double) n;
  self->expected = (double) chance / ((double) n * (double) n);
  if (n * n != chance)
    self->kappa = ((double) ((gint64) (n * agree) - (gint64) chance)) /
                  (double) (n * n - chance);
}

void
annota_agreement_compare (AnnotaAgreement *self,
                          AnnotaSpanStore *reference,
                          AnnotaSpanStore *other,
                          AnnotaText      *text)
{
  g_autoptr(GPtrArray) reference_spans = NULL;
  g_autoptr(GPtrArray) other_spans = NULL;

  g_return_if_fail (ANNOTA_IS_AGREEMENT (self));
  g_return_if_fail (ANNOTA_IS_SPAN_STORE (reference));
  g_return_if_fail (ANNOTA_IS_SPAN_STORE (other));
  g_return_if_fail (text == NULL || ANNOTA_IS_TEXT (text));

  reset_results (self);

  reference_spans = counted_spans (self, reference);
  other_spans = counted_spans (self, other);
  self->n_reference = reference_spans->len;
  self->n_other = other_spans->len;

  match_spans (self, reference, reference_spans, other_spans);
  compute_totals (self);

  if (text != NULL)
    compute_kappa (self, reference, other, text);
}

static gboolean
needs_escape (gunichar c)
{
  switch ((int) g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return TRUE;
    case G_UNICODE_SPACE_SEPARATOR:
      return c != ' ';
    default:
      return FALSE;
    }
}

/* The text from byte `from` on, shortened, with line breaks and invisible
 * characters escaped so that a CRLF or a no-break space shows. */
static char *
excerpt (const char *text,
         gsize       len,
         gsize       from)
{
  GString *out = g_string_new (NULL);
  const char *p = text + from;
  const char *end = text + len;
  guint n;

  if (from > 0)
    g_string_append (out, "…");
  for (n = 0; p < end && n < EXCERPT_LENGTH; n++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else if (needs_escape (c))
        g_string_append_printf (out, "\\u{%04X}", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  if (p < end)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static char *
describe_side (const char *name,
               const char *text,
               gsize       len,
               gsize       from)
{
  g_autofree char *shown = NULL;

  if (from >= len)
    /* TRANSLATORS: the first %s is a file name; the text stops where the other one goes on. */
    return g_strdup_printf (_("%s ends there"), name);

  shown = excerpt (text, len, from);
  /* TRANSLATORS: "a.json has “Kerry…” (U+004B)": a file name, the text
   * from where it differs, and the code point of its first character. */
  return g_strdup_printf (_("%s has “%s” (U+%04X)"), name, shown, g_utf8_get_char (text + from));
}

gboolean
annota_agreement_check_texts (AnnotaText  *reference,
                              const char  *reference_name,
                              AnnotaText  *other,
                              const char  *other_name,
                              guint       *offset,
                              GError     **error)
{
  const char *a, *b;
  gsize len_a, len_b, common, i;
  guint cp;
  g_autofree char *side_a = NULL;
  g_autofree char *side_b = NULL;

  g_return_val_if_fail (ANNOTA_IS_TEXT (reference), FALSE);
  g_return_val_if_fail (ANNOTA_IS_TEXT (other), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  a = annota_text_get_utf8 (reference);
  b = annota_text_get_utf8 (other);
  len_a = annota_text_get_n_bytes (reference);
  len_b = annota_text_get_n_bytes (other);
  common = MIN (len_a, len_b);

  for (i = 0; i < common && a[i] == b[i]; i++)
    ;
  if (i == common && len_a == len_b)
    return TRUE;

  /* The bytes before i are equal, so the character that holds byte i starts
   * at the same place in both texts; when a text ends at i, both have a
   * character boundary there. */
  while (i > 0 && i < len_a && ((guchar) a[i] & 0xC0) == 0x80)
    i--;

  cp = annota_text_byte_to_cp (reference, i);
  if (offset != NULL)
    *offset = cp;

  if (reference_name == NULL)
    reference_name = _("the reference");
  if (other_name == NULL)
    other_name = _("the other text");
  side_a = describe_side (reference_name, a, len_a, i);
  side_b = describe_side (other_name, b, len_b, i);
  /* TRANSLATORS: the second and third %s are "a.json has “…” (U+004B)" or "a.json ends there". */
  g_set_error (error, ANNOTA_AGREEMENT_ERROR, ANNOTA_AGREEMENT_ERROR_TEXT,
               _("The texts differ at code point %u: %s; %s"), cp, side_a, side_b);
  return FALSE;
}

static char *
document_name (AnnotaDocument *document)
{
  GFile *file = annota_document_get_file (document);

  return file != NULL ? g_file_get_parse_name (file) : NULL;
}

gboolean
annota_agreement_compare_documents (AnnotaAgreement *self,
                                    AnnotaDocument  *reference,
                                    AnnotaDocument  *other,
                                    GError         **error)
{
  g_autofree char *reference_name = NULL;
  g_autofree char *other_name = NULL;

  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), FALSE);
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (reference), FALSE);
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (other), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reference_name = document_name (reference);
  other_name = document_name (other);
  if (!annota_agreement_check_texts (annota_document_get_text (reference), reference_name,
                                     annota_document_get_text (other), other_name,
                                     NULL, error))
    return FALSE;

  annota_agreement_compare (self,
                            annota_document_get_spans (reference),
                            annota_document_get_spans (other),
                            annota_document_get_text (reference));
  return TRUE;
}

guint
annota_agreement_get_n_labels (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), 0);

  return self->rows->len;
}

const AnnotaAgreementScores *
annota_agreement_get_scores (AnnotaAgreement *self,
                             guint            position)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), NULL);
  g_return_val_if_fail (position < self->rows->len, NULL);

  return &g_array_index (self->rows, AnnotaAgreementScores, position);
}

const AnnotaAgreementScores *
annota_agreement_lookup (AnnotaAgreement *self,
                         const char      *label)
{
  guint position;

  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->row_index, g_intern_string (label)));
  if (position == 0)
    return NULL;
  return &g_array_index (self->rows, AnnotaAgreementScores, position - 1);
}

const AnnotaAgreementScores *
annota_agreement_get_micro (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), NULL);

  return &self->micro;
}

const AnnotaAgreementScores *
annota_agreement_get_macro (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), NULL);

  return &self->macro;
}

guint
annota_agreement_get_n_reference_spans (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), 0);

  return self->n_reference;
}

guint
annota_agreement_get_n_other_spans (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), 0);

  return self->n_other;
}

GPtrArray *
annota_agreement_get_false_negatives (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), NULL);

  return self->false_negatives;
}

GPtrArray *
annota_agreement_get_false_positives (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), NULL);

  return self->false_positives;
}

double
annota_agreement_get_kappa (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), NAN);

  return self->kappa;
}

guint
annota_agreement_get_n_tokens (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), 0);

  return self->n_tokens;
}

double
annota_agreement_get_observed_agreement (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), NAN);

  return self->observed;
}

double
annota_agreement_get_expected_agreement (AnnotaAgreement *self)
{
  g_return_val_if_fail (ANNOTA_IS_AGREEMENT (self), NAN);

  return self->expected;
}
