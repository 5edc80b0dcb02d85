/* annota-corpus-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fast partial parse a corpus uses to list documents it has not
 * loaded: one pass of yajl that keeps the state, the text's length, the
 * label and status of each span and the label definitions, and builds no
 * model. It checks only what it reads; loading the document checks the
 * rest. Thread-safe: it touches nothing shared.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <yajl/yajl_parse.h>

#include "annota-corpus-private.h"
#include "annota-document-io.h"

#define MAX_DEPTH 64

typedef enum {
  FRAME_TOP,
  FRAME_SPANS,
  FRAME_SPAN,
  FRAME_LABELS,
  FRAME_LABEL,
  FRAME_OTHER,
} FrameKind;

typedef enum {
  KEY_NONE,
  KEY_ANNOTA,
  KEY_TEXT,
  KEY_STATE,
  KEY_SPANS,
  KEY_LABELS,
  KEY_LABEL,
  KEY_STATUS,
  KEY_ID,
  KEY_NAME,
  KEY_COLOR,
  KEY_KEY,
} Key;

typedef struct {
  FrameKind kind;
  Key       key;
} Frame;

typedef struct {
  AnnotaScan *scan;
  gboolean    want_text;
  gboolean    want_defs;
  AnnotaLabelDef def;
  Frame       frames[MAX_DEPTH];
  guint       depth;          /* frames in use; deeper ones are FRAME_OTHER */
  guint       real_depth;
  yajl_handle handle;
  char       *span_label;
  int         span_status;
  gsize       labels_start;   /* the "labels" array's bytes, to read it */
  gsize       labels_end;     /* with the native loader */
} Scanner;

void
_annota_scan_init (AnnotaScan *scan)
{
  memset (scan, 0, sizeof *scan);
  _annota_entry_stats_init (&scan->stats);
}

static void
label_def_clear (AnnotaLabelDef *def)
{
  g_clear_pointer (&def->id, g_free);
  g_clear_pointer (&def->name, g_free);
  g_clear_pointer (&def->color, g_free);
  g_clear_pointer (&def->key, g_free);
}

static void
label_def_free (gpointer data)
{
  label_def_clear (data);
  g_free (data);
}

void
_annota_scan_clear (AnnotaScan *scan)
{
  g_clear_pointer (&scan->label_defs, g_ptr_array_unref);
  _annota_entry_stats_clear (&scan->stats);
  g_clear_pointer (&scan->text, g_free);
  g_clear_object (&scan->labels);
}

static Frame *
top_frame (Scanner *s)
{
  if (s->real_depth == 0 || s->real_depth > s->depth)
    return NULL;
  return &s->frames[s->depth - 1];
}

static Key
key_for (FrameKind            kind,
         const unsigned char *str,
         size_t               len)
{
  static const struct {
    FrameKind   kind;
    Key         key;
    const char *name;
  } keys[] = {
    { FRAME_TOP, KEY_ANNOTA, "annota" },
    { FRAME_TOP, KEY_TEXT, "text" },
    { FRAME_TOP, KEY_STATE, "state" },
    { FRAME_TOP, KEY_SPANS, "spans" },
    { FRAME_TOP, KEY_LABELS, "labels" },
    { FRAME_SPAN, KEY_LABEL, "label" },
    { FRAME_SPAN, KEY_STATUS, "status" },
    { FRAME_LABEL, KEY_ID, "id" },
    { FRAME_LABEL, KEY_NAME, "name" },
    { FRAME_LABEL, KEY_COLOR, "color" },
    { FRAME_LABEL, KEY_KEY, "key" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].kind == kind && strlen (keys[i].name) == len &&
        memcmp (keys[i].name, str, len) == 0)
      return keys[i].key;
  return KEY_NONE;
}

/* A scalar value has been read: the key it belonged to is spent. */
static void
scalar_done (Scanner *s,
             Frame   *f)
{
  if (f != NULL)
    f->key = KEY_NONE;
}

static int
on_scalar (void *ctx)
{
  Scanner *s = ctx;
  Frame *f = top_frame (s);

  if (f != NULL && f->kind == FRAME_TOP && f->key == KEY_ANNOTA)
    s->scan->native = TRUE;
  scalar_done (s, f);
  return 1;
}

static int
on_boolean (void *ctx,
            int   value)
{
  return on_scalar (ctx);
}

static int
on_number (void       *ctx,
           const char *num,
           size_t      len)
{
  return on_scalar (ctx);
}

static int
on_string (void                *ctx,
           const unsigned char *str,
           size_t               len)
{
  Scanner *s = ctx;
  Frame *f = top_frame (s);

  if (f == NULL)
    return 1;

  switch (f->key)
    {
    case KEY_ANNOTA:
      s->scan->native = TRUE;
      break;
    case KEY_TEXT:
      s->scan->has_text = TRUE;
      s->scan->stats.length = g_utf8_strlen ((const char *) str, len);
      if (s->want_text)
        {
          g_free (s->scan->text);
          s->scan->text = g_strndup ((const char *) str, len);
          s->scan->text_len = len;
        }
      break;
    case KEY_STATE:
      {
        g_autofree char *value = g_strndup ((const char *) str, len);
        AnnotaDocumentState state;

        if (annota_document_state_from_string (value, &state))
          s->scan->stats.state = state;
      }
      break;
    case KEY_LABEL:
      g_free (s->span_label);
      s->span_label = g_strndup ((const char *) str, len);
      break;
    case KEY_STATUS:
      {
        g_autofree char *value = g_strndup ((const char *) str, len);
        AnnotaSpanStatus status;

        if (annota_span_status_from_string (value, &status))
          s->span_status = status;
      }
      break;
    case KEY_ID:
    case KEY_NAME:
    case KEY_COLOR:
    case KEY_KEY:
      {
        char **field = f->key == KEY_ID ? &s->def.id :
                       f->key == KEY_NAME ? &s->def.name :
                       f->key == KEY_COLOR ? &s->def.color : &s->def.key;

        g_free (*field);
        *field = g_strndup ((const char *) str, len);
      }
      break;
    case KEY_NONE:
    case KEY_SPANS:
    case KEY_LABELS:
    default:
      break;
    }

  scalar_done (s, f);
  return 1;
}

static int
on_null (void *ctx)
{
  return on_scalar (ctx);
}

static void
push (Scanner   *s,
      FrameKind  kind)
{
  if (s->depth == s->real_depth && s->depth < MAX_DEPTH)
    {
      s->frames[s->depth].kind = kind;
      s->frames[s->depth].key = KEY_NONE;
      s->depth++;
    }
  s->real_depth++;
}

static void
pop (Scanner *s)
{
  if (s->real_depth == s->depth && s->depth > 0)
    s->depth--;
  s->real_depth--;
  scalar_done (s, top_frame (s));
}

static int
on_start_map (void *ctx)
{
  Scanner *s = ctx;
  Frame *f = top_frame (s);
  FrameKind kind = FRAME_OTHER;

  if (s->real_depth == 0)
    kind = FRAME_TOP;
  else if (f != NULL && f->kind == FRAME_SPANS)
    {
      kind = FRAME_SPAN;
      g_clear_pointer (&s->span_label, g_free);
      s->span_status = ANNOTA_SPAN_STATUS_ACCEPTED;
    }
  else if (f != NULL && f->kind == FRAME_LABELS && s->want_defs)
    {
      kind = FRAME_LABEL;
      label_def_clear (&s->def);
    }

  push (s, kind);
  return 1;
}

static int
on_map_key (void                *ctx,
            const unsigned char *str,
            size_t               len)
{
  Scanner *s = ctx;
  Frame *f = top_frame (s);

  if (f != NULL)
    f->key = key_for (f->kind, str, len);
  return 1;
}

static int
on_end_map (void *ctx)
{
  Scanner *s = ctx;
  Frame *f = top_frame (s);

  if (f != NULL && f->kind == FRAME_SPAN && s->span_label != NULL)
    _annota_entry_stats_add (&s->scan->stats, s->span_label, s->span_status, 1);
  else if (f != NULL && f->kind == FRAME_LABEL && s->def.id != NULL)
    {
      AnnotaLabelDef *def = g_new (AnnotaLabelDef, 1);

      *def = s->def;
      memset (&s->def, 0, sizeof s->def);
      if (s->scan->label_defs == NULL)
        s->scan->label_defs = g_ptr_array_new_with_free_func (label_def_free);
      g_ptr_array_add (s->scan->label_defs, def);
    }

  pop (s);
  return 1;
}

static int
on_start_array (void *ctx)
{
  Scanner *s = ctx;
  Frame *f = top_frame (s);
  FrameKind kind = FRAME_OTHER;

  if (f != NULL && f->kind == FRAME_TOP && f->key == KEY_SPANS)
    kind = FRAME_SPANS;
  else if (f != NULL && f->kind == FRAME_TOP && f->key == KEY_LABELS)
    {
      kind = FRAME_LABELS;
      s->labels_start = yajl_get_bytes_consumed (s->handle);
    }
  else if (f != NULL && f->kind == FRAME_TOP && f->key == KEY_ANNOTA)
    s->scan->native = TRUE;

  push (s, kind);
  return 1;
}

static int
on_end_array (void *ctx)
{
  Scanner *s = ctx;
  Frame *f = top_frame (s);

  if (f != NULL && f->kind == FRAME_LABELS)
    s->labels_end = yajl_get_bytes_consumed (s->handle);
  pop (s);
  return 1;
}

/* The labels are read by the native loader, so that they are exactly what
 * loading the document gives (default colours, descriptions, unknown
 * members). yajl has counted the bytes up to and including each bracket. */
static void
read_labels (Scanner    *s,
             const char *data,
             gsize       len,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  GString *json;

  if (s->labels_start == 0 || s->labels_end <= s->labels_start || s->labels_end > len ||
      data[s->labels_start - 1] != '[' || data[s->labels_end - 1] != ']')
    return;

  json = g_string_new ("{\"annota\": 1, \"labels\": ");
  g_string_append_len (json, data + s->labels_start - 1, s->labels_end - s->labels_start + 1);
  g_string_append_c (json, '}');
  s->scan->labels = annota_label_set_load_data (json->str, json->len, name, &error);
  if (error != NULL)
    g_debug ("%s", error->message);
  g_string_free (json, TRUE);
}

static const yajl_callbacks callbacks = {
  on_null,
  on_boolean,
  NULL,
  NULL,
  on_number,
  on_string,
  on_start_map,
  on_map_key,
  on_end_map,
  on_start_array,
  on_end_array,
};

gboolean
_annota_scan_json (const char       *data,
                   gsize             len,
                   const char       *name,
                   AnnotaScanFlags   flags,
                   AnnotaScan       *scan,
                   GError          **error)
{
  Scanner s = { 0, };
  yajl_handle handle;
  yajl_status status;
  gboolean ok = TRUE;
  gsize i;

  for (i = 0; i < len && g_ascii_isspace (data[i]); i++)
    ;
  if (i == len || data[i] != '{')
    {
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_TYPE,
                   _("%s: expected a JSON object"), name);
      return FALSE;
    }

  s.scan = scan;
  s.want_text = (flags & ANNOTA_SCAN_TEXT) != 0;
  s.want_defs = (flags & ANNOTA_SCAN_LABEL_DEFS) != 0;
  scan->stats.known = TRUE;
  scan->stats.state = ANNOTA_DOCUMENT_STATE_TODO;

  handle = yajl_alloc (&callbacks, NULL, &s);
  s.handle = handle;
  status = yajl_parse (handle, (const unsigned char *) data, len);
  if (status == yajl_status_ok)
    status = yajl_complete_parse (handle);
  if (status != yajl_status_ok)
    {
      unsigned char *message = yajl_get_error (handle, 0, NULL, 0);

      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
                   "%s: %s", name, g_strchomp ((char *) message));
      yajl_free_error (handle, message);
      ok = FALSE;
    }
  yajl_free (handle);
  g_free (s.span_label);
  label_def_clear (&s.def);

  if (ok && (flags & ANNOTA_SCAN_LABELS) != 0)
    read_labels (&s, data, len, name);
  if (!ok)
    scan->stats.known = FALSE;
  return ok;
}

/* Natural order */

static gsize
digit_run (const char *s)
{
  gsize n = 0;

  while (g_ascii_isdigit (s[n]))
    n++;
  return n;
}

/* File names need not be UTF-8: a byte that does not start a valid
 * character sorts after every character. A folder separator sorts before
 * every character, so that a folder's documents stay together and come
 * right after a document of the folder's name ("a/x" before "a b"). */
static gunichar
next_char (const char **s)
{
  gunichar c = g_utf8_get_char_validated (*s, -1);

  if (c == '/')
    {
      *s += 1;
      return 0;
    }

  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      c = 0x110000 + (guchar) **s;
      *s += 1;
      return c;
    }
  *s = g_utf8_next_char (*s);
  return g_unichar_tolower (c);
}

int
_annota_natural_compare (const char *a,
                         const char *b)
{
  const char *p = a;
  const char *q = b;

  while (*p != '\0' && *q != '\0')
    {
      if (g_ascii_isdigit (*p) && g_ascii_isdigit (*q))
        {
          gsize np = digit_run (p);
          gsize nq = digit_run (q);
          const char *dp = p;
          const char *dq = q;
          gsize sp, sq;
          int cmp;

          while (*dp == '0' && (gsize) (dp - p) + 1 < np)
            dp++;
          while (*dq == '0' && (gsize) (dq - q) + 1 < nq)
            dq++;
          sp = np - (dp - p);
          sq = nq - (dq - q);
          if (sp != sq)
            return sp < sq ? -1 : 1;
          cmp = memcmp (dp, dq, sp);
          if (cmp != 0)
            return cmp;
          p += np;
          q += nq;
        }
      else
        {
          gunichar cp = next_char (&p);
          gunichar cq = next_char (&q);

          if (cp != cq)
            return cp < cq ? -1 : 1;
        }
    }

  if (*p != *q)
    return *p == '\0' ? -1 : 1;
  return strcmp (a, b);
}
