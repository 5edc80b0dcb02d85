/* annota-format-conll.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CoNLL: one token per line, the tag in the last column (tab- or
 * space-separated), a blank line between sentences, "-DOCSTART-" lines
 * between documents. Import joins tokens with single spaces and sentences
 * with newlines and keeps the tokens, the sentences, the columns between
 * token and tag, the separator, the -DOCSTART- line and the tagging scheme
 * (extra member "conll:layout"), so that exporting again gives the same tokens,
 * tags and columns. Export without stored tokens uses ICU's words and
 * sentences; a span the tags cannot express is reported, never cut.
 *
 * Import is lenient and the same for every scheme: B- and S-/U- start a
 * span, I- continues one of its label or starts one, E-/L- ends one. The
 * scheme matters on export, where it is the one asked for, else the one
 * the document came with, else IOB2.
 */
#define G_LOG_DOMAIN "annota"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "annota-format-private.h"

#define DEFAULT_DOCSTART "-DOCSTART- -X- O O"

struct _AnnotaConllReader {
  AnnotaImportContext *ctx;
  AnnotaLineReader    *lines;
  char                *docstart;
  guint                docstart_line;
};

AnnotaConllReader *
_annota_conll_reader_new (AnnotaImportContext *ctx,
                          AnnotaLineReader    *lines)
{
  AnnotaConllReader *self = g_new0 (AnnotaConllReader, 1);

  self->ctx = ctx;
  self->lines = lines;
  return self;
}

void
_annota_conll_reader_free (AnnotaConllReader *self)
{
  if (self == NULL)
    return;
  g_free (self->docstart);
  g_free (self);
}

typedef struct {
  AnnotaConllReader *reader;
  GString      *text;
  GArray       *tokens;
  GArray       *sentences;
  AnnotaRecord *record;
  GString      *columns;
  guint         max_fields;
  char          separator;
  guint         n_cp;
  guint         sentence_start;   /* code point */
  guint         sentence_tokens;
  const char   *label;            /* open span, the label set's id */
  guint         span_start;
  guint         span_end;
  gboolean      saw_se;
  gboolean      saw_ul;
  gboolean      saw_iob1;
  guint         first_line;
} Builder;

static void
close_span (Builder *b)
{
  if (b->label == NULL)
    return;
  _annota_record_add_span (b->record, b->span_start, b->span_end, b->label,
                           ANNOTA_SPAN_STATUS_ACCEPTED, "import:conll", -1);
  b->label = NULL;
}

static void
open_span (Builder     *b,
           const char  *type,
           gsize        type_len,
           AnnotaRange *token)
{
  g_autofree char *id = g_strndup (type, type_len);

  close_span (b);
  b->label = _annota_ensure_label (b->reader->ctx->labels, id);
  b->span_start = token->start;
  b->span_end = token->end;
}

static gboolean
is_open (Builder    *b,
         const char *type,
         gsize       type_len)
{
  return b->label != NULL && strncmp (b->label, type, type_len) == 0 && b->label[type_len] == '\0';
}

static void
end_sentence (Builder *b)
{
  AnnotaRange r;

  close_span (b);
  if (b->sentence_tokens == 0)
    return;
  r.start = b->sentence_start;
  r.end = b->n_cp;
  g_array_append_val (b->sentences, r);
  b->sentence_tokens = 0;
}

static gboolean
apply_tag (Builder     *b,
           const char  *tag,
           gsize        len,
           AnnotaRange *token,
           const char  *where,
           GError     **error)
{
  const char *type;
  gsize type_len;
  char prefix;

  if (len == 1 && tag[0] == 'O')
    {
      close_span (b);
      return TRUE;
    }

  if (len < 3 || tag[1] != '-' || strchr ("BIESLU", tag[0]) == NULL)
    {
      g_autofree char *found = g_strndup (tag, len);

      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                   _("%s: “%s” is not a tag (expected O, or B-, I-, E-, S-, L- or U- before a label)"),
                   where, found);
      return FALSE;
    }

  type = tag + 2;
  type_len = len - 2;
  prefix = tag[0];

  switch (prefix)
    {
    case 'B':
      open_span (b, type, type_len, token);
      break;
    case 'I':
      if (is_open (b, type, type_len))
        b->span_end = token->end;
      else
        {
          b->saw_iob1 = TRUE;
          open_span (b, type, type_len, token);
        }
      break;
    case 'E':
    case 'L':
      if (prefix == 'E')
        b->saw_se = TRUE;
      else
        b->saw_ul = TRUE;
      if (is_open (b, type, type_len))
        b->span_end = token->end;
      else
        open_span (b, type, type_len, token);
      close_span (b);
      break;
    case 'S':
    case 'U':
      if (prefix == 'S')
        b->saw_se = TRUE;
      else
        b->saw_ul = TRUE;
      open_span (b, type, type_len, token);
      close_span (b);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* Splits on tabs when the line has one, else on runs of spaces. */
static guint
split_fields (const char  *line,
              gsize        len,
              const char **starts,
              gsize       *lens,
              guint        max,
              char        *separator)
{
  const char *end = line + len;
  const char *p = line;
  guint n = 0;

  if (memchr (line, '\t', len) != NULL)
    {
      *separator = '\t';
      while (n < max)
        {
          const char *tab = memchr (p, '\t', end - p);
          const char *field_end = tab != NULL ? tab : end;

          starts[n] = p;
          lens[n] = field_end - p;
          n++;
          if (tab == NULL)
            break;
          p = tab + 1;
        }
      return n;
    }

  *separator = ' ';
  while (n < max)
    {
      const char *s;

      while (p < end && *p == ' ')
        p++;
      if (p == end)
        break;
      s = p;
      while (p < end && *p != ' ')
        p++;
      starts[n] = s;
      lens[n] = p - s;
      n++;
    }
  return n;
}

static gboolean
is_blank (const char *line,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t')
      return FALSE;
  return TRUE;
}

static void
finish_record (Builder *b)
{
  AnnotaConllReader *self = b->reader;
  AnnotaRecord *record = b->record;
  AnnotaConllScheme scheme = self->ctx->opts->scheme;
  g_autofree char *name = g_strdup_printf ("%s:%u", self->ctx->path, b->first_line);
  GString *extra;

  end_sentence (b);

  if (scheme == ANNOTA_CONLL_SCHEME_AUTO)
    {
      if (b->saw_se)
        scheme = ANNOTA_CONLL_SCHEME_BIOES;
      else if (b->saw_ul)
        scheme = ANNOTA_CONLL_SCHEME_BILOU;
      else if (b->saw_iob1)
        scheme = ANNOTA_CONLL_SCHEME_IOB1;
      else
        scheme = ANNOTA_CONLL_SCHEME_IOB2;
    }

  record->name = _annota_record_strdup (record, name, -1);
  _annota_record_set_text (record, b->text->str, b->text->len);
  record->tokens = g_steal_pointer (&b->tokens);
  record->sentences = g_steal_pointer (&b->sentences);

  extra = g_string_new ("{\"scheme\":");
  annota_json_append_string (extra, annota_conll_scheme_to_string (scheme), -1);
  g_string_append_printf (extra, ",\"separator\":\"%s\"",
                          b->separator == '\t' ? "\\t" : b->separator == '|' ? "|" : " ");
  if (self->docstart != NULL)
    {
      g_string_append (extra, ",\"docstart\":");
      annota_json_append_string (extra, self->docstart, -1);
      g_clear_pointer (&self->docstart, g_free);
    }
  if (b->max_fields > 2)
    {
      g_string_append (extra, ",\"columns\":");
      g_string_append_len (extra, b->columns->str, b->columns->len);
      g_string_append_c (extra, ']');
    }
  g_string_append_c (extra, '}');
  _annota_record_set_extra (record, "conll:layout", extra->str);
  g_string_free (extra, TRUE);
}

static void
builder_clear (Builder *b)
{
  if (b->text != NULL)
    g_string_free (b->text, TRUE);
  b->text = NULL;
  g_clear_pointer (&b->tokens, g_array_unref);
  g_clear_pointer (&b->sentences, g_array_unref);
  if (b->columns != NULL)
    g_string_free (b->columns, TRUE);
  b->columns = NULL;
}

static gboolean
add_token (Builder     *b,
           const char **starts,
           gsize       *lens,
           guint        n,
           char         separator,
           guint        line_no,
           const char  *where,
           GError     **error)
{
  AnnotaRange token;

  if (n < 2)
    {
      g_autofree char *found = g_strndup (starts[0], starts[n - 1] + lens[n - 1] - starts[0]);

      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                   _("%s: expected a token and a tag, found “%s”"), where, found);
      return FALSE;
    }

  /* An empty first field would be a token of no text, which no span
   * could cover and no export could write. */
  if (lens[0] == 0)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                   _("%s: empty token (the first column is empty)"), where);
      return FALSE;
    }

  if (b->tokens->len == 0)
    {
      b->separator = separator;
      if (b->first_line == 0)
        b->first_line = line_no;
    }

  if (b->sentence_tokens > 0)
    {
      g_string_append_c (b->text, ' ');
      b->n_cp++;
    }
  else
    {
      if (b->sentences->len > 0)
        {
          g_string_append_c (b->text, '\n');
          b->n_cp++;
        }
      b->sentence_start = b->n_cp;
    }

  token.start = b->n_cp;
  g_string_append_len (b->text, starts[0], lens[0]);
  b->n_cp += (guint) g_utf8_strlen (starts[0], lens[0]);
  token.end = b->n_cp;
  g_array_append_val (b->tokens, token);
  b->sentence_tokens++;

  if (b->tokens->len > 1)
    g_string_append_c (b->columns, ',');
  g_string_append_c (b->columns, '[');
  for (guint i = 1; i + 1 < n; i++)
    {
      if (i > 1)
        g_string_append_c (b->columns, ',');
      annota_json_append_string (b->columns, starts[i], lens[i]);
    }
  g_string_append_c (b->columns, ']');
  b->max_fields = MAX (b->max_fields, n);

  return apply_tag (b, starts[n - 1], lens[n - 1], &token, where, error);
}

#define MAX_FIELDS 64

gboolean
_annota_conll_reader_next (AnnotaConllReader *self,
                           AnnotaRecord      *record,
                           GPtrArray         *warnings,
                           GError           **error)
{
  Builder b = { 0, };
  g_autoptr(GError) local_error = NULL;
  const char *line;
  gsize len;

  b.reader = self;
  b.text = g_string_new (NULL);
  b.tokens = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
  b.sentences = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
  b.record = record;
  b.columns = g_string_new ("[");
  b.separator = '\t';
  b.first_line = self->docstart_line;

  while (_annota_line_reader_next (self->lines, &line, &len, NULL, &local_error))
    {
      const char *starts[MAX_FIELDS];
      gsize lens[MAX_FIELDS];
      char separator;
      guint n;
      guint line_no = self->lines->line_no;
      g_autofree char *where = NULL;

      if (len > 0 && line[len - 1] == '\r')
        len--;

      if (!g_utf8_validate_len (line, len, NULL))
        {
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                       memchr (line, '\0', len) != NULL ? _("%s:%u: a NUL character")
                                                        : _("%s:%u: not valid UTF-8"),
                       self->ctx->path, line_no);
          builder_clear (&b);
          return FALSE;
        }

      if (is_blank (line, len))
        {
          end_sentence (&b);
          continue;
        }

      n = split_fields (line, len, starts, lens, MAX_FIELDS, &separator);

      if (lens[0] == strlen ("-DOCSTART-") && memcmp (starts[0], "-DOCSTART-", lens[0]) == 0)
        {
          if (b.tokens->len > 0)
            {
              finish_record (&b);
              self->docstart = g_strndup (line, len);
              self->docstart_line = line_no;
              builder_clear (&b);
              return TRUE;
            }
          g_free (self->docstart);
          self->docstart = g_strndup (line, len);
          b.first_line = self->docstart_line = line_no;
          continue;
        }

      where = g_strdup_printf ("%s:%u", self->ctx->path, line_no);

      /* spaCy's sentence-per-line shape: "word|POS|tag word|POS|tag". */
      if (separator == ' ' && memchr (starts[0], '|', lens[0]) != NULL &&
          (b.tokens->len == 0 || b.separator == '|'))
        {
          gsize rest_len = len;
          const char *rest = line;

          end_sentence (&b);
          while (rest_len > 0)
            {
              const char *sp = memchr (rest, ' ', rest_len);
              gsize item_len = sp != NULL ? (gsize) (sp - rest) : rest_len;
              const char *item_starts[MAX_FIELDS];
              gsize item_lens[MAX_FIELDS];
              guint m = 0;
              const char *q = rest, *item_end = rest + item_len;

              while (item_len > 0 && m < MAX_FIELDS)
                {
                  const char *bar = memchr (q, '|', item_end - q);
                  const char *field_end = bar != NULL ? bar : item_end;

                  item_starts[m] = q;
                  item_lens[m] = field_end - q;
                  m++;
                  if (bar == NULL)
                    break;
                  q = bar + 1;
                }
              if (item_len > 0 && !add_token (&b, item_starts, item_lens, m, '|', line_no, where, error))
                {
                  builder_clear (&b);
                  return FALSE;
                }
              if (sp == NULL)
                break;
              rest_len -= item_len + 1;
              rest = sp + 1;
            }
          end_sentence (&b);
          continue;
        }

      if (!add_token (&b, starts, lens, n, separator, line_no, where, error))
        {
          builder_clear (&b);
          return FALSE;
        }
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      builder_clear (&b);
      return FALSE;
    }

  if (b.tokens->len > 0 || self->docstart != NULL)
    {
      if (b.first_line == 0)
        b.first_line = 1;
      finish_record (&b);
      builder_clear (&b);
      return TRUE;
    }
  builder_clear (&b);
  return FALSE;
}

/* Export */

typedef struct {
  const char *label;   /* NULL: O */
  guint       span;    /* index of the span that holds the token */
  gboolean    begin;
  gboolean    end;
} TokenTag;

/* First token whose end is past offset. */
static guint
token_after (AnnotaRange *tokens,
             guint        n,
             guint        offset)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (tokens[mid].end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Tokens come in order, so their bytes are found by walking forward from
 * the previous one rather than by a lookup each. */
typedef struct {
  const char *p;
  guint       cp;
} Cursor;

static const char *
cursor_seek (Cursor *c,
             guint   cp)
{
  const guchar *p = (const guchar *) c->p;
  guint n = c->cp;

  while (n < cp)
    {
      p += *p < 0x80 ? 1 : (guchar) g_utf8_skip[*p];
      n++;
    }
  c->p = (const char *) p;
  c->cp = n;
  return c->p;
}

static gboolean
is_space_text (const char *p,
               const char *end)
{
  while (p < end)
    {
      guchar b = (guchar) *p;

      if (b < 0x80)
        {
          if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f')
            return FALSE;
          p++;
          continue;
        }
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
      p = g_utf8_next_char (p);
    }
  return TRUE;
}

/* A token's bytes at w, without the separators of the format: they become
 * "_". Returns the byte after them. */
static char *
write_token_text (char       *w,
                  const char *p,
                  gsize       n_bytes)
{
  const char *end = p + n_bytes;

  for (; p < end; p++)
    *w++ = (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '|') ? '_' : *p;
  return w;
}

static char
scheme_letter (AnnotaConllScheme scheme,
               TokenTag         *tags,
               guint             i,
               gboolean          same_sentence_as_previous)
{
  TokenTag *t = &tags[i];

  switch (scheme)
    {
    case ANNOTA_CONLL_SCHEME_IOB1:
      if (t->begin && i > 0 && same_sentence_as_previous &&
          tags[i - 1].label != NULL && strcmp (tags[i - 1].label, t->label) == 0 &&
          tags[i - 1].span != t->span)
        return 'B';
      return 'I';
    case ANNOTA_CONLL_SCHEME_BIOES:
      if (t->begin && t->end)
        return 'S';
      return t->begin ? 'B' : t->end ? 'E' : 'I';
    case ANNOTA_CONLL_SCHEME_BILOU:
      if (t->begin && t->end)
        return 'U';
      return t->begin ? 'B' : t->end ? 'L' : 'I';
    case ANNOTA_CONLL_SCHEME_IOB2:
    case ANNOTA_CONLL_SCHEME_AUTO:
    default:
      return t->begin ? 'B' : 'I';
    }
}

gboolean
_annota_conll_export (GString                   *out,
                      AjParser                  *parser,
                      AnnotaSegmenter           *segmenter,
                      AnnotaRecord              *record,
                      guint                      n_written,
                      const AnnotaFormatOptions *opts,
                      GPtrArray                 *problems,
                      GError                   **error)
{
  g_autoptr(GArray) icu_tokens = NULL;
  g_autoptr(GArray) icu_sentences = NULL;
  GArray *all_tokens = record->tokens;
  GArray *sentences = record->sentences;
  const char *conll_json = _annota_record_get_extra (record, "conll:layout");
  g_autofree char *conll_copy = NULL;
  AjNode *conll = NULL, *columns = NULL, *node;
  AnnotaConllScheme scheme = opts->scheme;
  const char *docstart = NULL;
  char separator = '\t';
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) tokens = NULL;     /* AnnotaRange, without whitespace tokens */
  g_autoptr(GArray) origin = NULL;     /* guint: index in all_tokens */
  g_autoptr(GArray) sentence_of = NULL;
  g_autoptr(GArray) bytes = NULL;      /* AnnotaRange of byte offsets */
  Cursor cursor;
  g_autofree TokenTag *tags = NULL;
  AnnotaRange *tok;
  guint n_tokens;
  guint n_bad = 0;
  gboolean stored_tokens = all_tokens != NULL;
  gsize column_bytes = 0, label_bytes = 0;
  char *w;

  spans = _annota_export_spans (record, opts, "CoNLL", problems, error);
  if (spans == NULL)
    return FALSE;

  if (conll_json != NULL)
    {
      conll_copy = g_strdup (conll_json);
      conll = _aj_parse (parser, conll_copy, strlen (conll_copy), NULL, NULL);
      node = _aj_get (conll, "scheme");
      if (scheme == ANNOTA_CONLL_SCHEME_AUTO && node != NULL && node->type == AJ_STRING)
        annota_conll_scheme_from_string (node->v.str, &scheme);
      node = _aj_get (conll, "separator");
      if (node != NULL && node->type == AJ_STRING && node->len == 1 &&
          (node->v.str[0] == ' ' || node->v.str[0] == '\t' || node->v.str[0] == '|'))
        separator = node->v.str[0];
      node = _aj_get (conll, "docstart");
      if (node != NULL && node->type == AJ_STRING)
        docstart = node->v.str;
      columns = _aj_get (conll, "columns");
    }
  if (scheme == ANNOTA_CONLL_SCHEME_AUTO)
    scheme = ANNOTA_CONLL_SCHEME_IOB2;

  /* A label is one field of a line: a tab or a line break in it cannot be
   * written, a space only between tabs. */
  for (guint k = 0; k < spans->len; k++)
    {
      const char *label = g_array_index (spans, AnnotaExportSpan, k).label;

      if (strpbrk (label, "\t\n\r") != NULL)
        {
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                       _("%s: the label “%s” holds a tab or a line break, which CoNLL cannot write"),
                       record->name, label);
          return FALSE;
        }
      if (separator != '\t' && (strchr (label, ' ') != NULL || strchr (label, '|') != NULL))
        separator = '\t';
      label_bytes = MAX (label_bytes, strlen (label));
    }

  if ((all_tokens == NULL || sentences == NULL) && record->icu_tokens != NULL && record->icu_tokens->len > 0)
    {
      if (all_tokens == NULL)
        all_tokens = record->icu_tokens;
      if (sentences == NULL)
        sentences = record->icu_sentences;
    }
  else if (all_tokens == NULL || sentences == NULL)
    {
      icu_tokens = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
      icu_sentences = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
      _annota_segmenter_run (segmenter, record->text, record->n_bytes, icu_tokens, icu_sentences);
      if (all_tokens == NULL)
        all_tokens = icu_tokens;
      if (sentences == NULL)
        sentences = icu_sentences;
    }
  if (columns != NULL && (columns->type != AJ_ARRAY || !stored_tokens || columns->len != all_tokens->len))
    columns = NULL;
  /* Columns that hold a separator of the shape keep to tabs, and those
   * that hold a tab or line break are not written. */
  for (guint i = 0; columns != NULL && i < columns->len; i++)
    {
      AjNode *cols = columns->v.items[i];

      for (guint c = 0; cols->type == AJ_ARRAY && c < cols->len; c++)
        {
          AjNode *col = cols->v.items[c];

          column_bytes += 1 + (col->type == AJ_STRING ? col->len : 0);

          if (col->type != AJ_STRING || memchr (col->v.str, '\t', col->len) != NULL ||
              memchr (col->v.str, '\n', col->len) != NULL || memchr (col->v.str, '\r', col->len) != NULL ||
              memchr (col->v.str, '\0', col->len) != NULL || col->len == 0)
            {
              columns = NULL;
              break;
            }
          if (separator != '\t' && (memchr (col->v.str, ' ', col->len) != NULL ||
                                    memchr (col->v.str, '|', col->len) != NULL))
            separator = '\t';
        }
    }

  /* Millions of tokens: the arrays are sized for all and written in place. */
  tokens = g_array_sized_new (FALSE, FALSE, sizeof (AnnotaRange), all_tokens->len);
  origin = g_array_sized_new (FALSE, FALSE, sizeof (guint), all_tokens->len);
  bytes = g_array_sized_new (FALSE, FALSE, sizeof (AnnotaRange), all_tokens->len);
  g_array_set_size (tokens, all_tokens->len);
  g_array_set_size (origin, all_tokens->len);
  g_array_set_size (bytes, all_tokens->len);
  tok = (AnnotaRange *) (gpointer) tokens->data;
  n_tokens = 0;
  cursor.p = record->text;
  cursor.cp = 0;
  for (guint i = 0; i < all_tokens->len; i++)
    {
      AnnotaRange *r = &g_array_index (all_tokens, AnnotaRange, i);
      const char *from, *to;

      if (r->end <= r->start || r->start < cursor.cp)
        continue;
      from = cursor_seek (&cursor, r->start);
      to = cursor_seek (&cursor, r->end);
      if (is_space_text (from, to))
        continue;
      tok[n_tokens] = *r;
      g_array_index (origin, guint, n_tokens) = i;
      g_array_index (bytes, AnnotaRange, n_tokens).start = (guint) (from - record->text);
      g_array_index (bytes, AnnotaRange, n_tokens).end = (guint) (to - record->text);
      n_tokens++;
    }
  g_array_set_size (tokens, n_tokens);
  g_array_set_size (origin, n_tokens);
  g_array_set_size (bytes, n_tokens);

  /* Sentence of every token: the first sentence that ends after its start. */
  sentence_of = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_tokens);
  g_array_set_size (sentence_of, n_tokens);
  {
    guint *sent = (guint *) (gpointer) sentence_of->data;
    guint j = 0;

    for (guint i = 0; i < n_tokens; i++)
      {
        while (j < sentences->len && g_array_index (sentences, AnnotaRange, j).end <= tok[i].start)
          j++;
        sent[i] = j;
      }
  }

  /* ICU's sentences are a guess ("J. K. Rowling" holds two breaks): a span
   * joins the sentences it crosses. Stored sentences are the file's own. */
  if (record->sentences == NULL && n_tokens > 0)
    {
      guint *sent = (guint *) (gpointer) sentence_of->data;
      guint n_sentences = sent[n_tokens - 1] + 1;
      g_autofree gboolean *joined = g_new0 (gboolean, n_sentences + 1);
      guint id = 0;

      for (guint k = 0; k < spans->len; k++)
        {
          AnnotaExportSpan *e = &g_array_index (spans, AnnotaExportSpan, k);
          guint a = token_after (tok, n_tokens, e->start);
          guint b;

          if (a >= n_tokens || tok[a].start >= e->end)
            continue;
          b = token_after (tok, n_tokens, e->end - 1);
          if (b >= n_tokens || tok[b].start >= e->end)
            b--;
          for (guint j = sent[a] + 1; j <= sent[b]; j++)
            joined[j] = TRUE;
        }

      for (guint i = 0, previous = sent[0]; i < n_tokens; i++)
        {
          guint original = sent[i];

          if (original != previous && !joined[original])
            id++;
          previous = original;
          sent[i] = id;
        }
    }

  tags = g_new0 (TokenTag, MAX (n_tokens, 1));
  for (guint k = 0; k < spans->len; k++)
    {
      AnnotaExportSpan *e = &g_array_index (spans, AnnotaExportSpan, k);
      guint a = token_after (tok, n_tokens, e->start);
      guint b = a;
      g_autofree char *what = NULL;
      const char *problem = NULL;
      gboolean fixable = FALSE;

      if (a < n_tokens && tok[a].start < e->end)
        {
          /* The last token that starts before the end. */
          b = token_after (tok, n_tokens, e->end - 1);
          if (b >= n_tokens || tok[b].start >= e->end)
            b--;
        }

      if (a >= n_tokens || tok[a].start >= e->end)
        problem = _("covers no token");
      else if (g_array_index (sentence_of, guint, a) != g_array_index (sentence_of, guint, b))
        problem = _("crosses a sentence boundary");
      else
        {
          for (guint i = a; i <= b && problem == NULL; i++)
            if (tags[i].label != NULL)
              problem = _("overlaps another span");
          if (problem == NULL && (tok[a].start != e->start || tok[b].end != e->end))
            {
              problem = _("does not fall on token boundaries");
              fixable = TRUE;
            }
        }

      if (problem != NULL)
        {
          what = _annota_describe_span (record, e->start, e->end, e->label);
          n_bad++;
          if (opts->misaligned == ANNOTA_MISALIGNED_EXPAND && fixable)
            _annota_add_problem (problems,
                                 /* Translators: a span, what is wrong with it, and the new offsets. */
                                 g_strdup_printf (_("%s: %s: expanded to [%u, %u)"),
                                                  what, problem, tok[a].start, tok[b].end));
          else if (opts->misaligned == ANNOTA_MISALIGNED_ERROR)
            {
              _annota_add_problem (problems, g_strdup_printf ("%s: %s", what, problem));
              continue;
            }
          else
            {
              _annota_add_problem (problems, g_strdup_printf (_("%s: %s: left out"), what, problem));
              continue;
            }
        }

      for (guint i = a; i <= b; i++)
        {
          tags[i].label = e->label;
          tags[i].span = k;
          tags[i].begin = i == a;
          tags[i].end = i == b;
        }
    }

  if (n_bad > 0 && opts->misaligned == ANNOTA_MISALIGNED_ERROR)
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VALUE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u span cannot be written as CoNLL tags (use --misaligned expand or skip)",
                                "%s: %u spans cannot be written as CoNLL tags (use --misaligned expand or skip)",
                                n_bad),
                   record->name, n_bad);
      return FALSE;
    }

  if (docstart != NULL || n_written > 0)
    {
      g_string_append (out, docstart != NULL ? docstart : DEFAULT_DOCSTART);
      g_string_append (out, "\n\n");
    }

  /* The lines are written in place, in room made once: at most two line
   * breaks, the token's bytes, its columns, a separator and a tag each. */
  {
    gsize at = out->len;

    g_string_set_size (out, at + record->n_bytes + column_bytes + (gsize) n_tokens * (2 + 1 + 2 + label_bytes) + 2);
    w = out->str + at;
  }
  for (guint i = 0; i < n_tokens; i++)
    {
      gboolean same_sentence = i > 0 && g_array_index (sentence_of, guint, i - 1) == g_array_index (sentence_of, guint, i);

      if (i > 0)
        *w++ = separator != '|' ? '\n' : same_sentence ? ' ' : '\n';
      if (i > 0 && !same_sentence && separator != '|')
        *w++ = '\n';

      {
        AnnotaRange *b = &g_array_index (bytes, AnnotaRange, i);

        w = write_token_text (w, record->text + b->start, b->end - b->start);
      }
      if (columns != NULL)
        {
          AjNode *cols = columns->v.items[g_array_index (origin, guint, i)];

          for (guint c = 0; cols->type == AJ_ARRAY && c < cols->len; c++)
            if (cols->v.items[c]->type == AJ_STRING)
              {
                *w++ = separator;
                memcpy (w, cols->v.items[c]->v.str, cols->v.items[c]->len);
                w += cols->v.items[c]->len;
              }
        }
      *w++ = separator;
      if (tags[i].label == NULL)
        *w++ = 'O';
      else
        {
          gsize n = strlen (tags[i].label);

          *w++ = scheme_letter (scheme, tags, i, same_sentence);
          *w++ = '-';
          memcpy (w, tags[i].label, n);
          w += n;
        }
    }
  /* Token per line: a blank line closes the last sentence too. */
  if (n_tokens > 0)
    {
      *w++ = '\n';
      if (separator != '|')
        *w++ = '\n';
    }
  g_assert (w <= out->str + out->len);
  g_string_truncate (out, w - out->str);

  return TRUE;
}
