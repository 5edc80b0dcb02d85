/* annota-document-io.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The native JSON format. Loading streams the file through yajl in chunks;
 * the callbacks fill plain records and span objects directly, so no JSON
 * tree is ever built. A JSON path is kept for messages. Members the model
 * does not know are re-emitted as one-line JSON while they stream past
 * (with Python's default separators ", " and ": ", like the rest of the
 * file), and written back by the writer, which produces the canonical form
 * with one label or span per line.
 */
#define G_LOG_DOMAIN "annota"
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <yajl/yajl_parse.h>

#include "annota-document-io.h"
#include "annota-json.h"
#include "annota-span-private.h"
#include "annota-text-private.h"
#include "annota-utf8-private.h"

#define READ_CHUNK_SIZE (128 * 1024)
/* Data held back without a line end before strings are looked for. */
#define STRING_SCAN_THRESHOLD (2 * READ_CHUNK_SIZE)

typedef enum {
  MODE_DOCUMENT,
  MODE_LABEL_SET,
} ParseMode;

typedef enum {
  FRAME_TOP,
  FRAME_LABELS,
  FRAME_LABEL,
  FRAME_SPANS,
  FRAME_SPAN,
  FRAME_RANGES,
  FRAME_RANGE,
  FRAME_CAPTURE_OBJECT,
  FRAME_CAPTURE_ARRAY,
} FrameKind;

typedef enum {
  KEY_NONE,
  KEY_UNKNOWN,
  KEY_ANNOTA,
  KEY_TEXT,
  KEY_LABELS,
  KEY_SPANS,
  KEY_TOKENS,
  KEY_SENTENCES,
  KEY_STATE,
  KEY_ID,
  KEY_NAME,
  KEY_COLOR,
  KEY_KEY,
  KEY_DESCRIPTION,
  KEY_START,
  KEY_END,
  KEY_LABEL,
  KEY_STATUS,
  KEY_ORIGIN,
  KEY_SCORE,
  KEY_NOTE,
  KEY_REVIEWED,
  N_KEYS
} Key;

typedef struct {
  const char *name;
  gsize       len;
} KeyName;

#define K(s) { s, sizeof s - 1 }
static const KeyName key_names[N_KEYS] = {
  [KEY_NONE] = K (""),
  [KEY_UNKNOWN] = K (""),
  [KEY_ANNOTA] = K ("annota"),
  [KEY_TEXT] = K ("text"),
  [KEY_LABELS] = K ("labels"),
  [KEY_SPANS] = K ("spans"),
  [KEY_TOKENS] = K ("tokens"),
  [KEY_SENTENCES] = K ("sentences"),
  [KEY_STATE] = K ("state"),
  [KEY_ID] = K ("id"),
  [KEY_NAME] = K ("name"),
  [KEY_COLOR] = K ("color"),
  [KEY_KEY] = K ("key"),
  [KEY_DESCRIPTION] = K ("description"),
  [KEY_START] = K ("start"),
  [KEY_END] = K ("end"),
  [KEY_LABEL] = K ("label"),
  [KEY_STATUS] = K ("status"),
  [KEY_ORIGIN] = K ("origin"),
  [KEY_SCORE] = K ("score"),
  [KEY_NOTE] = K ("note"),
  [KEY_REVIEWED] = K ("reviewed"),
};
#undef K

static const Key document_keys[] = {
  KEY_ANNOTA, KEY_TEXT, KEY_LABELS, KEY_SPANS, KEY_TOKENS, KEY_SENTENCES, KEY_STATE,
};
static const Key label_set_keys[] = { KEY_ANNOTA, KEY_LABELS };
static const Key label_keys[] = { KEY_ID, KEY_NAME, KEY_COLOR, KEY_KEY, KEY_DESCRIPTION };
static const Key span_keys[] = {
  KEY_START, KEY_END, KEY_LABEL, KEY_STATUS, KEY_ORIGIN, KEY_SCORE, KEY_NOTE, KEY_REVIEWED,
};

/* JSON value types, as a mask of what a place accepts. */
typedef enum {
  T_NULL   = 1 << 0,
  T_BOOL   = 1 << 1,
  T_NUMBER = 1 << 2,
  T_STRING = 1 << 3,
  T_OBJECT = 1 << 4,
  T_ARRAY  = 1 << 5,
  T_ANY    = 0x3f,
} JType;

typedef struct {
  FrameKind   kind;
  Key         key;       /* the current member of an object */
  guint32     seen;      /* known members seen, 1 << Key */
  guint       index;     /* values (arrays) or members (objects) seen */
  char       *key_name;  /* the current member's name when it is unknown */
  GHashTable *keys;      /* unknown member names seen, for duplicates */
} Frame;

typedef struct {
  char    *id;
  char    *name;
  char    *color;
  char    *key;
  char    *description;
  GString *extra;
} PendingLabel;

typedef struct {
  guint             start;
  guint             end;
  const char       *label;
  AnnotaSpanStatus  status;
  const char       *origin;
  double            score;
  char             *note;
  GString          *extra;
  gboolean          reviewed;
} PendingSpan;

#define N_INTERN_CACHE 16

typedef struct {
  const char *str;
  gsize       len;
  gboolean    plain;   /* no quote, backslash or control character */
} InternEntry;

typedef enum {
  ESC_NONE,
  ESC_BACKSLASH,
  ESC_HEX,
} EscState;

typedef struct {
  ParseMode       mode;
  const char     *name;
  yajl_handle     yajl;
  GError         *error;

  /* After a problem the parse goes on only to find a newer "annota"
   * version later in the file, which is the better message. */
  gboolean        skipping;
  guint           skip_depth;
  gboolean        skip_expect_version;
  gboolean        newer_version;

  /* Syntax errors are located (line, column) by the caller. */
  gboolean        syntax_pending;
  guint64         syntax_offset;
  char           *syntax_message;

  /* Where the data yajl is given next starts in the file. */
  guint64         offset;

  /* The string scan: a string is given to yajl in one piece, because
   * yajl lexes a string that spans two calls again from its start. */
  gboolean        in_string;
  gsize           string_start;

  /* The escape pre-scan (lone surrogates, \u0000). */
  guint64         scan_offset;
  EscState        esc_state;
  guint           esc_digits;
  guint32         esc_value;
  guint64         esc_start;
  gboolean        pending_high;
  guint64         pending_high_offset;
  guint32         pending_high_value;

  GArray         *frames;
  gboolean        seen_root;
  guint32         top_seen;

  GString        *capture;
  guint           capture_base;
  GString        *top_capture;

  gboolean        have_version;
  guint           version;
  char           *text;
  gsize           text_len;
  AnnotaLabelSet *labels;
  GHashTable     *label_ids;     /* id -> GUINT_TO_POINTER (index + 1) */
  GHashTable     *label_keys;    /* key -> id */
  PendingLabel    label;
  PendingSpan     span;
  GPtrArray      *spans;
  GArray         *tokens;
  GArray         *sentences;
  GArray         *ranges;        /* borrowed: tokens or sentences */
  guint           range[2];
  GPtrArray      *extras;        /* AnnotaJsonMember */
  gboolean        have_state;
  AnnotaDocumentState state;

  InternEntry     intern_cache[N_INTERN_CACHE];
  guint           intern_next;

  /* The last byte other than white space that yajl was given: '[' or ','
   * in the spans array means that it expects a span next. */
  guchar          last_token;
  /* The text was read by parser_take_text(), and yajl is given "" in its
   * place. */
  gboolean        text_taken;
} Parser;

static void
json_member_free (gpointer data)
{
  AnnotaJsonMember *member = data;

  g_free (member->name);
  g_free (member->json);
  g_free (member);
}

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->key_name, g_free);
  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

static void
pending_label_clear (PendingLabel *label)
{
  g_clear_pointer (&label->id, g_free);
  g_clear_pointer (&label->name, g_free);
  g_clear_pointer (&label->color, g_free);
  g_clear_pointer (&label->key, g_free);
  g_clear_pointer (&label->description, g_free);
  if (label->extra != NULL)
    g_string_free (label->extra, TRUE);
  label->extra = NULL;
}

static void
pending_span_reset (PendingSpan *span)
{
  g_clear_pointer (&span->note, g_free);
  if (span->extra != NULL)
    g_string_free (span->extra, TRUE);
  memset (span, 0, sizeof *span);
  span->status = ANNOTA_SPAN_STATUS_ACCEPTED;
  span->score = -1.0;
}

/* Paths and errors */

static Frame *
parser_top (Parser *p)
{
  if (p->frames->len == 0)
    return NULL;
  return &g_array_index (p->frames, Frame, p->frames->len - 1);
}

static gboolean
is_plain_key (const char *key)
{
  const char *s;

  if (key[0] == '\0' || g_ascii_isdigit (key[0]))
    return FALSE;
  for (s = key; *s != '\0'; s++)
    if (!g_ascii_isalnum (*s) && *s != '_' && *s != '-' && *s != '@' && *s != '$')
      return FALSE;
  return TRUE;
}

static void
append_path_key (GString    *path,
                 const char *key)
{
  if (is_plain_key (key))
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, key);
    }
  else
    {
      g_string_append_c (path, '[');
      annota_json_append_string (path, key, -1);
      g_string_append_c (path, ']');
    }
}

/* The path through the first n_frames frames: their current member or
 * element. */
static GString *
parser_path (Parser *p,
             guint   n_frames)
{
  GString *path = g_string_new (NULL);
  guint i;

  for (i = 0; i < n_frames && i < p->frames->len; i++)
    {
      Frame *f = &g_array_index (p->frames, Frame, i);

      switch (f->kind)
        {
        case FRAME_TOP:
        case FRAME_LABEL:
        case FRAME_SPAN:
        case FRAME_CAPTURE_OBJECT:
          if (f->key == KEY_UNKNOWN || f->kind == FRAME_CAPTURE_OBJECT)
            {
              if (f->key_name != NULL)
                append_path_key (path, f->key_name);
            }
          else if (f->key != KEY_NONE)
            append_path_key (path, key_names[f->key].name);
          break;

        case FRAME_LABELS:
        case FRAME_SPANS:
        case FRAME_RANGES:
        case FRAME_RANGE:
        case FRAME_CAPTURE_ARRAY:
        default:
          g_string_append_printf (path, "[%u]", f->index > 0 ? f->index - 1 : 0);
          break;
        }
    }

  return path;
}

static void parser_set_error (Parser            *p,
                              AnnotaFormatError  code,
                              const char        *path,
                              const char        *format,
                              ...) G_GNUC_PRINTF (4, 5);

static void
parser_set_error (Parser            *p,
                  AnnotaFormatError  code,
                  const char        *path,
                  const char        *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (p->error != NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL && path[0] != '\0')
    g_set_error (&p->error, ANNOTA_FORMAT_ERROR, code, "%s: %s: %s", p->name, path, message);
  else
    g_set_error (&p->error, ANNOTA_FORMAT_ERROR, code, "%s: %s", p->name, message);
}

/* Error at the value being read (after parser_begin_value). */
#define value_error(p, code, ...) \
  G_STMT_START { \
    g_autoptr(GString) _path = parser_path ((p), (p)->frames->len); \
    parser_set_error ((p), (code), _path->str, __VA_ARGS__); \
  } G_STMT_END

/* Error at the object or array of the top frame. */
#define container_error(p, code, ...) \
  G_STMT_START { \
    g_autoptr(GString) _path = parser_path ((p), (p)->frames->len - 1); \
    parser_set_error ((p), (code), _path->str, __VA_ARGS__); \
  } G_STMT_END

/* Error at a member of the object of the top frame. */
#define member_error(p, member, code, ...) \
  G_STMT_START { \
    g_autoptr(GString) _path = parser_path ((p), (p)->frames->len - 1); \
    append_path_key (_path, (member)); \
    parser_set_error ((p), (code), _path->str, __VA_ARGS__); \
  } G_STMT_END

/* Called by a callback that found a problem. depth_change is how the
 * nesting changes by the event being handled (+1 for a start, -1 for an
 * end). Returns the value for yajl: carry on only to find the version. */
static int
parser_fail (Parser *p,
             int     depth_change)
{
  g_assert (p->error != NULL);

  if (p->have_version || p->skipping)
    return 0;

  p->skipping = TRUE;
  p->skip_depth = p->frames->len + depth_change;
  p->skip_expect_version = FALSE;
  return 1;
}

static const char *
found_name (JType type,
            int   boolean)
{
  switch (type)
    {
    case T_NULL:
      return "null";
    case T_BOOL:
      return boolean ? "true" : "false";
    case T_NUMBER:
      return _("a number");
    case T_STRING:
      return _("a string");
    case T_OBJECT:
      return _("an object");
    case T_ARRAY:
      return _("an array");
    case T_ANY:
    default:
      return "?";
    }
}

/* What the place of the current value accepts; *what is untranslated,
 * because this runs for every value. */
static guint
parser_expected (Parser      *p,
                 const char **what)
{
  Frame *f = parser_top (p);

  *what = NULL;

  if (f == NULL)
    {
      *what = N_("a JSON object");
      return T_OBJECT;
    }

  switch (f->kind)
    {
    case FRAME_TOP:
      switch (f->key)
        {
        case KEY_ANNOTA:
          *what = N_("an integer (the format version)");
          return T_NUMBER;
        case KEY_TEXT:
        case KEY_STATE:
          *what = N_("a string");
          return T_STRING;
        case KEY_LABELS:
        case KEY_SPANS:
          *what = N_("an array of objects");
          return T_ARRAY;
        case KEY_TOKENS:
        case KEY_SENTENCES:
          *what = N_("an array of [start, end] pairs");
          return T_ARRAY;
        default:
          return T_ANY;
        }

    case FRAME_LABELS:
    case FRAME_SPANS:
      *what = N_("an object");
      return T_OBJECT;

    case FRAME_LABEL:
      switch (f->key)
        {
        case KEY_ID:
          *what = N_("a string");
          return T_STRING;
        case KEY_NAME:
        case KEY_COLOR:
        case KEY_KEY:
        case KEY_DESCRIPTION:
          *what = N_("a string");
          return T_STRING | T_NULL;
        default:
          return T_ANY;
        }

    case FRAME_SPAN:
      switch (f->key)
        {
        case KEY_START:
        case KEY_END:
          *what = N_("a non-negative integer");
          return T_NUMBER;
        case KEY_LABEL:
        case KEY_STATUS:
          *what = N_("a string");
          return T_STRING;
        case KEY_ORIGIN:
        case KEY_NOTE:
          *what = N_("a string");
          return T_STRING | T_NULL;
        case KEY_SCORE:
          *what = N_("a number from 0 to 1");
          return T_NUMBER | T_NULL;
        case KEY_REVIEWED:
          *what = N_("true or false");
          return T_BOOL;
        default:
          return T_ANY;
        }

    case FRAME_RANGES:
      *what = N_("a [start, end] pair");
      return T_ARRAY;

    case FRAME_RANGE:
      *what = N_("a non-negative integer");
      return T_NUMBER;

    case FRAME_CAPTURE_OBJECT:
    case FRAME_CAPTURE_ARRAY:
    default:
      return T_ANY;
    }
}

/* What parser_expected() says, as tables for the common case: by member
 * in objects (member names are unique across kinds of object), by kind of
 * array otherwise. */
static const guint8 member_accepts[N_KEYS] = {
  [KEY_UNKNOWN] = T_ANY,
  [KEY_ANNOTA] = T_NUMBER,
  [KEY_TEXT] = T_STRING,
  [KEY_LABELS] = T_ARRAY,
  [KEY_SPANS] = T_ARRAY,
  [KEY_TOKENS] = T_ARRAY,
  [KEY_SENTENCES] = T_ARRAY,
  [KEY_STATE] = T_STRING,
  [KEY_ID] = T_STRING,
  [KEY_NAME] = T_STRING | T_NULL,
  [KEY_COLOR] = T_STRING | T_NULL,
  [KEY_KEY] = T_STRING | T_NULL,
  [KEY_DESCRIPTION] = T_STRING | T_NULL,
  [KEY_START] = T_NUMBER,
  [KEY_END] = T_NUMBER,
  [KEY_LABEL] = T_STRING,
  [KEY_STATUS] = T_STRING,
  [KEY_ORIGIN] = T_STRING | T_NULL,
  [KEY_SCORE] = T_NUMBER | T_NULL,
  [KEY_NOTE] = T_STRING | T_NULL,
  [KEY_REVIEWED] = T_BOOL,
};

static const guint8 element_accepts[] = {
  [FRAME_LABELS] = T_OBJECT,
  [FRAME_SPANS] = T_OBJECT,
  [FRAME_RANGES] = T_ARRAY,
  [FRAME_RANGE] = T_NUMBER,
  [FRAME_CAPTURE_ARRAY] = T_ANY,
  [FRAME_CAPTURE_OBJECT] = T_ANY,
};

/* Counts the value in an array and checks its type. */
static gboolean
parser_begin_value (Parser *p,
                    JType   type,
                    int     boolean)
{
  Frame *f = parser_top (p);
  const char *what;
  guint accepted;

  if (G_LIKELY (f != NULL))
    {
      switch (f->kind)
        {
        case FRAME_TOP:
        case FRAME_LABEL:
        case FRAME_SPAN:
          accepted = member_accepts[f->key];
          break;
        case FRAME_RANGE:
          if (++f->index > 2)
            {
              container_error (p, ANNOTA_FORMAT_ERROR_VALUE,
                               _("expected a [start, end] pair, found more than two values"));
              return FALSE;
            }
          accepted = element_accepts[f->kind];
          break;
        case FRAME_LABELS:
        case FRAME_SPANS:
        case FRAME_RANGES:
        case FRAME_CAPTURE_ARRAY:
          f->index++;
          accepted = element_accepts[f->kind];
          break;
        case FRAME_CAPTURE_OBJECT:
        default:
          accepted = T_ANY;
          break;
        }
      if (G_LIKELY ((accepted & type) != 0))
        return TRUE;
    }
  else
    {
      if (p->seen_root)
        return TRUE;
      p->seen_root = TRUE;
      if (type == T_OBJECT)
        return TRUE;
    }

  accepted = parser_expected (p, &what);
  g_assert ((accepted & type) == 0);

  if (f == NULL)
    parser_set_error (p, ANNOTA_FORMAT_ERROR_TYPE, NULL,
                      _("expected a JSON object at the top level, found %s"),
                      found_name (type, boolean));
  else
    value_error (p, ANNOTA_FORMAT_ERROR_TYPE, _("expected %s, found %s"),
                 _(what), found_name (type, boolean));
  return FALSE;
}

/* Strings must be valid UTF-8 (yajl lets overlong forms and encoded
 * surrogates through) without NUL characters. */
static gboolean
parser_check_string (Parser              *p,
                     const unsigned char *str,
                     size_t               len,
                     gboolean             is_key)
{
  const char *end;
  g_autoptr(GString) path = NULL;

  if (G_LIKELY (_annota_utf8_validate ((const char *) str, len, &end)))
    return TRUE;

  path = parser_path (p, is_key ? p->frames->len - 1 : p->frames->len);
  if (*end == '\0')
    parser_set_error (p, ANNOTA_FORMAT_ERROR_SYNTAX, path->str,
                      _("NUL character (\\u0000) in a string"));
  else
    parser_set_error (p, ANNOTA_FORMAT_ERROR_SYNTAX, path->str,
                      _("invalid UTF-8 at byte %zu of a string"),
                      (gsize) (end - (const char *) str));
  return FALSE;
}

/* A short form of a number for messages. */
static char *
number_for_message (const char *num,
                    gsize       len)
{
  if (len > 24)
    return g_strdup_printf ("%.20s…", num);
  return g_strndup (num, len);
}

/* Reads a JSON number that must be a non-negative integer that fits guint. */
static gboolean
parser_read_uint (Parser     *p,
                  const char *num,
                  gsize       len,
                  guint      *out)
{
  guint64 value = 0;
  gsize i;

  if (len > 0 && num[0] == '-')
    {
      g_autofree char *shown = number_for_message (num, len);
      value_error (p, ANNOTA_FORMAT_ERROR_VALUE,
                   _("expected a non-negative integer, found %s"), shown);
      return FALSE;
    }

  for (i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (num[i]))
        {
          g_autofree char *shown = number_for_message (num, len);
          value_error (p, ANNOTA_FORMAT_ERROR_TYPE,
                       _("expected an integer, found %s"), shown);
          return FALSE;
        }
      if (value <= G_MAXUINT)
        value = value * 10 + (num[i] - '0');
    }

  if (value > G_MAXUINT)
    {
      g_autofree char *shown = number_for_message (num, len);
      value_error (p, ANNOTA_FORMAT_ERROR_LIMIT,
                   _("%s is too large; expected at most %u"), shown, G_MAXUINT);
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}

/* Labels and origins repeat: a hit in this cache is a string that was
 * checked and interned before. */
static const char *
parser_intern_cached (Parser     *p,
                      const char *str,
                      gsize       len)
{
  guint i;

  for (i = 0; i < N_INTERN_CACHE; i++)
    {
      InternEntry *entry = &p->intern_cache[i];

      if (entry->len == len && entry->str != NULL && (len == 0 || entry->str[0] == str[0]) &&
          memcmp (entry->str, str, len) == 0)
        return entry->str;
    }
  return NULL;
}

static const char *
parser_intern (Parser     *p,
               const char *str,
               gsize       len)
{
  g_autofree char *copy = NULL;
  const char *cached = parser_intern_cached (p, str, len);
  InternEntry *entry;

  if (cached != NULL)
    return cached;

  copy = g_strndup (str, len);
  entry = &p->intern_cache[p->intern_next];
  entry->str = g_intern_string (copy);
  entry->len = len;
  entry->plain = TRUE;
  for (gsize i = 0; i < len; i++)
    if ((guchar) str[i] < 0x20 || str[i] == '"' || str[i] == '\\')
      entry->plain = FALSE;
  p->intern_next = (p->intern_next + 1) % N_INTERN_CACHE;
  return entry->str;
}

/* Capturing unknown members as one-line JSON */

static gboolean
frame_is_capture (Frame *f)
{
  return f != NULL && (f->kind == FRAME_CAPTURE_OBJECT || f->kind == FRAME_CAPTURE_ARRAY);
}

static void
append_extra_key (GString    **extra,
                  const char  *key)
{
  if (*extra == NULL)
    *extra = g_string_new ("{");
  else
    g_string_append (*extra, ", ");
  annota_json_append_string (*extra, key, -1);
  g_string_append (*extra, ": ");
}

/* Decides whether the current value goes to a capture, and if it starts
 * one, sets it up. */
static gboolean
parser_capture_value (Parser *p)
{
  Frame *f = parser_top (p);

  if (f == NULL)
    return FALSE;

  if (frame_is_capture (f))
    {
      if (f->kind == FRAME_CAPTURE_ARRAY && f->index > 1)
        g_string_append (p->capture, ", ");
      return TRUE;
    }

  if (f->key != KEY_UNKNOWN ||
      (f->kind != FRAME_TOP && f->kind != FRAME_LABEL && f->kind != FRAME_SPAN))
    return FALSE;

  p->capture_base = p->frames->len;
  if (f->kind == FRAME_TOP)
    {
      g_string_truncate (p->top_capture, 0);
      p->capture = p->top_capture;
    }
  else if (f->kind == FRAME_LABEL)
    {
      append_extra_key (&p->label.extra, f->key_name);
      p->capture = p->label.extra;
    }
  else
    {
      append_extra_key (&p->span.extra, f->key_name);
      p->capture = p->span.extra;
    }
  return TRUE;
}

/* Called after a whole value was appended to the capture. */
static void
parser_capture_done (Parser *p)
{
  Frame *owner;
  AnnotaJsonMember *member;

  if (p->frames->len != p->capture_base)
    return;

  owner = parser_top (p);
  if (owner->kind == FRAME_TOP && p->mode == MODE_DOCUMENT)
    {
      member = g_new0 (AnnotaJsonMember, 1);
      member->name = g_steal_pointer (&owner->key_name);
      member->json = g_strndup (p->top_capture->str, p->top_capture->len);
      g_ptr_array_add (p->extras, member);
    }
  p->capture = NULL;
}

/* Frames */

static gboolean
parser_push (Parser    *p,
             FrameKind  kind)
{
  Frame frame = { 0, };

  if (p->frames->len >= ANNOTA_MAX_JSON_DEPTH)
    {
      value_error (p, ANNOTA_FORMAT_ERROR_LIMIT,
                   _("nested deeper than %d levels"), ANNOTA_MAX_JSON_DEPTH);
      return FALSE;
    }

  frame.kind = kind;
  frame.key = KEY_NONE;
  g_array_append_val (p->frames, frame);
  return TRUE;
}

static void
parser_pop (Parser *p)
{
  Frame *f = parser_top (p);

  frame_clear (f);
  g_array_set_size (p->frames, p->frames->len - 1);
}

/* Finishing objects */

static gboolean
parser_finish_label (Parser *p)
{
  PendingLabel *l = &p->label;
  g_autoptr(AnnotaLabel) label = NULL;
  guint n = annota_label_set_get_n_labels (p->labels);
  gpointer other;

  if (l->id == NULL)
    {
      container_error (p, ANNOTA_FORMAT_ERROR_MISSING, _("missing member “%s”"), "id");
      return FALSE;
    }
  if (l->id[0] == '\0')
    {
      member_error (p, "id", ANNOTA_FORMAT_ERROR_VALUE, _("empty id; expected a non-empty string"));
      return FALSE;
    }
  if (g_hash_table_lookup_extended (p->label_ids, l->id, NULL, &other))
    {
      member_error (p, "id", ANNOTA_FORMAT_ERROR_VALUE,
                    _("duplicate label id “%s” (also labels[%u])"),
                    l->id, GPOINTER_TO_UINT (other));
      return FALSE;
    }
  if (l->color != NULL && !annota_label_color_is_valid (l->color))
    {
      member_error (p, "color", ANNOTA_FORMAT_ERROR_VALUE,
                    _("“%s” is not a colour; expected “#rrggbb”"), l->color);
      return FALSE;
    }
  if (l->key != NULL && l->key[0] != '\0')
    {
      const char *owner;

      if (g_utf8_strlen (l->key, -1) != 1)
        {
          member_error (p, "key", ANNOTA_FORMAT_ERROR_VALUE,
                        _("“%s” is not one character"), l->key);
          return FALSE;
        }
      owner = g_hash_table_lookup (p->label_keys, l->key);
      if (owner != NULL)
        {
          member_error (p, "key", ANNOTA_FORMAT_ERROR_VALUE,
                        _("key “%s” is already the key of label “%s”"), l->key, owner);
          return FALSE;
        }
    }

  label = annota_label_new (l->id,
                            l->name != NULL ? l->name : l->id,
                            l->color != NULL ? l->color : annota_label_default_color (n),
                            l->key != NULL && l->key[0] != '\0' ? l->key : NULL);
  if (l->description != NULL && l->description[0] != '\0')
    _annota_label_set_description (label, l->description);
  if (l->extra != NULL)
    {
      g_string_append_c (l->extra, '}');
      _annota_label_set_extra (label, l->extra->str);
    }

  if (!annota_label_set_append (p->labels, label, NULL))
    {
      member_error (p, "id", ANNOTA_FORMAT_ERROR_VALUE, _("duplicate label id “%s”"), l->id);
      return FALSE;
    }

  g_hash_table_insert (p->label_ids, g_strdup (l->id), GUINT_TO_POINTER (n));
  if (l->key != NULL && l->key[0] != '\0')
    g_hash_table_insert (p->label_keys, g_strdup (l->key), g_strdup (l->id));

  pending_label_clear (l);
  return TRUE;
}

static gboolean
parser_finish_span (Parser *p)
{
  PendingSpan *s = &p->span;
  Frame *f = parser_top (p);
  static const Key required[] = { KEY_START, KEY_END, KEY_LABEL };
  AnnotaSpan *span;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (required); i++)
    if ((f->seen & (1u << required[i])) == 0)
      {
        container_error (p, ANNOTA_FORMAT_ERROR_MISSING, _("missing member “%s”"),
                         key_names[required[i]].name);
        return FALSE;
      }

  if (s->start >= s->end)
    {
      container_error (p, ANNOTA_FORMAT_ERROR_VALUE,
                       _("start %u is not before end %u; expected start < end"),
                       s->start, s->end);
      return FALSE;
    }

  span = _annota_span_new_interned (s->start, s->end, s->label, s->status, s->origin, s->score);
  if (s->note != NULL)
    _annota_span_set_note (span, s->note);
  if (s->extra != NULL)
    {
      g_string_append_c (s->extra, '}');
      _annota_span_set_extra (span, s->extra->str);
    }
  if (s->reviewed)
    _annota_span_set_reviewed (span, TRUE);
  g_ptr_array_add (p->spans, span);

  pending_span_reset (s);
  return TRUE;
}

/* yajl callbacks */

/* A JSON number of up to 15 significant digits without an exponent, as
 * g_ascii_strtod() reads it: digits / 10^k is the correctly rounded
 * quotient of two doubles that hold their values exactly, and strtod()
 * rounds correctly too. FALSE for any other number. */
static gboolean
read_decimal_exactly (const char *num,
                      gsize       len,
                      double     *out)
{
  static const double powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  };
  guint64 digits = 0;
  guint n_digits = 0;
  guint n_fraction = 0;
  gboolean in_fraction = FALSE;
  gsize i;

  for (i = 0; i < len; i++)
    {
      char c = num[i];

      if (c >= '0' && c <= '9')
        {
          if (++n_digits > 15)
            return FALSE;
          digits = digits * 10 + (guint64) (c - '0');
          n_fraction += in_fraction;
        }
      else if (c == '.' && !in_fraction && n_digits > 0)
        in_fraction = TRUE;
      else
        return FALSE;
    }
  if (n_digits == 0 || (in_fraction && n_fraction == 0))
    return FALSE;

  *out = (double) digits / powers[n_fraction];
  return TRUE;
}

static int
skip_scalar (Parser *p)
{
  p->skip_expect_version = FALSE;
  return 1;
}

static int
on_null (void *user_data)
{
  Parser *p = user_data;
  Frame *f;

  if (p->skipping)
    return skip_scalar (p);
  if (!parser_begin_value (p, T_NULL, 0))
    return parser_fail (p, 0);

  if (parser_capture_value (p))
    {
      g_string_append (p->capture, "null");
      parser_capture_done (p);
      return 1;
    }

  /* null stands for "absent" in the optional members. */
  f = parser_top (p);
  if (f->kind == FRAME_SPAN && f->key == KEY_SCORE)
    p->span.score = -1.0;
  return 1;
}

static int
on_boolean (void *user_data,
            int   value)
{
  Parser *p = user_data;
  Frame *f;

  if (p->skipping)
    return skip_scalar (p);
  if (!parser_begin_value (p, T_BOOL, value))
    return parser_fail (p, 0);

  if (parser_capture_value (p))
    {
      g_string_append (p->capture, value ? "true" : "false");
      parser_capture_done (p);
      return 1;
    }

  f = parser_top (p);
  if (f->kind == FRAME_SPAN && f->key == KEY_REVIEWED)
    p->span.reviewed = value != 0;
  return 1;
}

static int
on_number (void       *user_data,
           const char *num,
           size_t      len)
{
  Parser *p = user_data;
  Frame *f;

  if (p->skipping)
    {
      if (p->skip_expect_version)
        {
          guint version = 0;
          gsize i;

          p->skip_expect_version = FALSE;
          for (i = 0; i < len && g_ascii_isdigit (num[i]) && version < 1000000; i++)
            version = version * 10 + (num[i] - '0');
          if (i == len && version > ANNOTA_FORMAT_VERSION)
            {
              p->newer_version = TRUE;
              p->version = version;
            }
          /* The version is known now: nothing more to look for. */
          return 0;
        }
      return 1;
    }

  if (!parser_begin_value (p, T_NUMBER, 0))
    return parser_fail (p, 0);

  if (parser_capture_value (p))
    {
      g_string_append_len (p->capture, num, len);
      parser_capture_done (p);
      return 1;
    }

  f = parser_top (p);
  switch (f->kind)
    {
    case FRAME_TOP:
      /* Only "annota" takes a number here. */
      if (!parser_read_uint (p, num, len, &p->version))
        return parser_fail (p, 0);
      p->have_version = TRUE;
      if (p->version > ANNOTA_FORMAT_VERSION)
        {
          g_clear_error (&p->error);
          p->newer_version = TRUE;
          return 0;
        }
      if (p->version < 1)
        {
          value_error (p, ANNOTA_FORMAT_ERROR_VALUE,
                       _("format version %u is not valid; expected %d"),
                       p->version, ANNOTA_FORMAT_VERSION);
          return parser_fail (p, 0);
        }
      break;

    case FRAME_SPAN:
      if (f->key == KEY_START)
        {
          if (!parser_read_uint (p, num, len, &p->span.start))
            return parser_fail (p, 0);
        }
      else if (f->key == KEY_END)
        {
          if (!parser_read_uint (p, num, len, &p->span.end))
            return parser_fail (p, 0);
        }
      else
        {
          char buf[64];
          double score;
          char *end = NULL;

          if (len >= sizeof buf)
            {
              g_autofree char *shown = number_for_message (num, len);
              value_error (p, ANNOTA_FORMAT_ERROR_VALUE,
                           _("%s is out of range; expected a number from 0 to 1"), shown);
              return parser_fail (p, 0);
            }
          memcpy (buf, num, len);
          buf[len] = '\0';
          if (!read_decimal_exactly (num, len, &score))
            score = g_ascii_strtod (buf, &end);
          if (!isfinite (score) || score < 0.0 || score > 1.0)
            {
              value_error (p, ANNOTA_FORMAT_ERROR_VALUE,
                           _("%s is out of range; expected a number from 0 to 1"), buf);
              return parser_fail (p, 0);
            }
          p->span.score = score;
        }
      break;

    case FRAME_RANGE:
      if (!parser_read_uint (p, num, len, &p->range[f->index - 1]))
        return parser_fail (p, 0);
      break;

    case FRAME_LABELS:
    case FRAME_LABEL:
    case FRAME_SPANS:
    case FRAME_RANGES:
    case FRAME_CAPTURE_OBJECT:
    case FRAME_CAPTURE_ARRAY:
    default:
      g_assert_not_reached ();
    }

  return 1;
}

static gboolean
parse_status (const unsigned char *str,
              size_t               len,
              AnnotaSpanStatus    *status)
{
  static const AnnotaSpanStatus all[] = {
    ANNOTA_SPAN_STATUS_ACCEPTED, ANNOTA_SPAN_STATUS_SUGGESTED, ANNOTA_SPAN_STATUS_REJECTED,
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (all); i++)
    {
      const char *name = annota_span_status_to_string (all[i]);

      if (strlen (name) == len && memcmp (name, str, len) == 0)
        {
          *status = all[i];
          return TRUE;
        }
    }
  return FALSE;
}

static int
on_string (void                *user_data,
           const unsigned char *str,
           size_t               len)
{
  Parser *p = user_data;
  Frame *f;

  if (p->skipping)
    return skip_scalar (p);
  if (!parser_begin_value (p, T_STRING, 0))
    return parser_fail (p, 0);

  /* The members of every span first, without the checks their values
   * already passed. */
  f = parser_top (p);
  if (f->kind == FRAME_SPAN)
    {
      const char *cached;

      switch (f->key)
        {
        case KEY_LABEL:
          if ((cached = parser_intern_cached (p, (const char *) str, len)) != NULL && len > 0)
            {
              p->span.label = cached;
              return 1;
            }
          break;
        case KEY_ORIGIN:
          if ((cached = parser_intern_cached (p, (const char *) str, len)) != NULL)
            {
              p->span.origin = cached;
              return 1;
            }
          break;
        case KEY_STATUS:
          if (parse_status (str, len, &p->span.status))
            return 1;
          break;
        default:
          break;
        }
    }

  if (!parser_check_string (p, str, len, FALSE))
    return parser_fail (p, 0);

  if (parser_capture_value (p))
    {
      annota_json_append_string (p->capture, (const char *) str, len);
      parser_capture_done (p);
      return 1;
    }

  switch (f->key)
    {
    case KEY_TEXT:
      if (p->text_taken)
        {
          p->text_taken = FALSE;
          break;
        }
      g_free (p->text);
      p->text = g_strndup ((const char *) str, len);
      p->text_len = len;
      break;

    case KEY_STATE:
      {
        g_autofree char *state = g_strndup ((const char *) str, len);

        if (!annota_document_state_from_string (state, &p->state))
          {
            value_error (p, ANNOTA_FORMAT_ERROR_VALUE,
                         _("“%s” is not a document state; expected “todo”, “in-progress” or “done”"),
                         state);
            return parser_fail (p, 0);
          }
        p->have_state = TRUE;
      }
      break;

    case KEY_ID:
      g_free (p->label.id);
      p->label.id = g_strndup ((const char *) str, len);
      break;

    case KEY_NAME:
      g_free (p->label.name);
      p->label.name = g_strndup ((const char *) str, len);
      break;

    case KEY_COLOR:
      g_free (p->label.color);
      p->label.color = g_strndup ((const char *) str, len);
      break;

    case KEY_KEY:
      g_free (p->label.key);
      p->label.key = g_strndup ((const char *) str, len);
      break;

    case KEY_DESCRIPTION:
      g_free (p->label.description);
      p->label.description = g_strndup ((const char *) str, len);
      break;

    case KEY_LABEL:
      if (len == 0)
        {
          value_error (p, ANNOTA_FORMAT_ERROR_VALUE, _("empty label; expected a label id"));
          return parser_fail (p, 0);
        }
      p->span.label = parser_intern (p, (const char *) str, len);
      break;

    case KEY_STATUS:
      if (!parse_status (str, len, &p->span.status))
        {
          g_autofree char *status = g_strndup ((const char *) str, len);

          value_error (p, ANNOTA_FORMAT_ERROR_VALUE,
                       _("“%s” is not a status; expected “suggested”, “accepted” or “rejected”"),
                       status);
          return parser_fail (p, 0);
        }
      break;

    case KEY_ORIGIN:
      p->span.origin = parser_intern (p, (const char *) str, len);
      break;

    case KEY_NOTE:
      g_free (p->span.note);
      p->span.note = g_strndup ((const char *) str, len);
      break;

    case KEY_NONE:
    case KEY_UNKNOWN:
    case KEY_ANNOTA:
    case KEY_LABELS:
    case KEY_SPANS:
    case KEY_TOKENS:
    case KEY_SENTENCES:
    case KEY_START:
    case KEY_END:
    case KEY_SCORE:
    case KEY_REVIEWED:
    case N_KEYS:
    default:
      g_assert_not_reached ();
    }

  return 1;
}

static int
on_start_map (void *user_data)
{
  Parser *p = user_data;
  Frame *f;

  if (p->skipping)
    {
      p->skip_expect_version = FALSE;
      if (++p->skip_depth > ANNOTA_MAX_JSON_DEPTH)
        return 0;
      return 1;
    }
  if (!parser_begin_value (p, T_OBJECT, 0))
    return parser_fail (p, 1);

  f = parser_top (p);
  if (parser_capture_value (p))
    {
      if (!parser_push (p, FRAME_CAPTURE_OBJECT))
        return parser_fail (p, 1);
      g_string_append_c (p->capture, '{');
      return 1;
    }

  if (f == NULL)
    {
      if (!parser_push (p, FRAME_TOP))
        return parser_fail (p, 1);
    }
  else if (f->kind == FRAME_LABELS)
    {
      if (!parser_push (p, FRAME_LABEL))
        return parser_fail (p, 1);
      pending_label_clear (&p->label);
    }
  else
    {
      g_assert (f->kind == FRAME_SPANS);
      if (!parser_push (p, FRAME_SPAN))
        return parser_fail (p, 1);
      pending_span_reset (&p->span);
    }

  return 1;
}

static int
on_map_key (void                *user_data,
            const unsigned char *str,
            size_t               len)
{
  Parser *p = user_data;
  Frame *f;
  const Key *keys = NULL;
  guint n_keys = 0;
  Key key = KEY_UNKNOWN;
  guint i;

  if (p->skipping)
    {
      p->skip_expect_version = (p->skip_depth == 1 && len == 6 && memcmp (str, "annota", 6) == 0);
      return 1;
    }

  f = parser_top (p);
  f->index++;
  g_clear_pointer (&f->key_name, g_free);
  f->key = KEY_NONE;

  switch (f->kind)
    {
    case FRAME_TOP:
      if (p->mode == MODE_DOCUMENT)
        {
          keys = document_keys;
          n_keys = G_N_ELEMENTS (document_keys);
        }
      else
        {
          keys = label_set_keys;
          n_keys = G_N_ELEMENTS (label_set_keys);
        }
      break;
    case FRAME_LABEL:
      keys = label_keys;
      n_keys = G_N_ELEMENTS (label_keys);
      break;
    case FRAME_SPAN:
      keys = span_keys;
      n_keys = G_N_ELEMENTS (span_keys);
      break;
    case FRAME_CAPTURE_OBJECT:
      break;
    case FRAME_LABELS:
    case FRAME_SPANS:
    case FRAME_RANGES:
    case FRAME_RANGE:
    case FRAME_CAPTURE_ARRAY:
    default:
      g_assert_not_reached ();
    }

  for (i = 0; i < n_keys; i++)
    if (key_names[keys[i]].len == len && key_names[keys[i]].name[0] == (char) str[0] &&
        memcmp (key_names[keys[i]].name, str, len) == 0)
      {
        key = keys[i];
        break;
      }

  if (key != KEY_UNKNOWN)
    {
      f->key = key;
      if (f->seen & (1u << key))
        {
          value_error (p, ANNOTA_FORMAT_ERROR_VALUE, _("duplicate member “%s”"),
                       key_names[key].name);
          return parser_fail (p, 0);
        }
      f->seen |= 1u << key;
      return 1;
    }

  /* Known names are plain ASCII; others are checked. */
  if (!parser_check_string (p, str, len, TRUE))
    return parser_fail (p, 0);

  f->key = KEY_UNKNOWN;
  f->key_name = g_strndup ((const char *) str, len);
  if (f->keys == NULL)
    f->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_add (f->keys, g_strdup (f->key_name)))
    {
      value_error (p, ANNOTA_FORMAT_ERROR_VALUE, _("duplicate member “%s”"), f->key_name);
      return parser_fail (p, 0);
    }

  if (f->kind == FRAME_CAPTURE_OBJECT)
    {
      if (f->index > 1)
        g_string_append (p->capture, ", ");
      annota_json_append_string (p->capture, (const char *) str, len);
      g_string_append (p->capture, ": ");
    }

  return 1;
}

static int
on_end_map (void *user_data)
{
  Parser *p = user_data;
  Frame *f;

  if (p->skipping)
    {
      p->skip_expect_version = FALSE;
      p->skip_depth--;
      return 1;
    }

  f = parser_top (p);
  switch (f->kind)
    {
    case FRAME_TOP:
      p->top_seen = f->seen;
      break;

    case FRAME_LABEL:
      if (!parser_finish_label (p))
        return parser_fail (p, -1);
      break;

    case FRAME_SPAN:
      if (!parser_finish_span (p))
        return parser_fail (p, -1);
      break;

    case FRAME_CAPTURE_OBJECT:
      g_string_append_c (p->capture, '}');
      parser_pop (p);
      parser_capture_done (p);
      return 1;

    case FRAME_LABELS:
    case FRAME_SPANS:
    case FRAME_RANGES:
    case FRAME_RANGE:
    case FRAME_CAPTURE_ARRAY:
    default:
      g_assert_not_reached ();
    }

  parser_pop (p);
  return 1;
}

static int
on_start_array (void *user_data)
{
  Parser *p = user_data;
  Frame *f;

  if (p->skipping)
    {
      p->skip_expect_version = FALSE;
      if (++p->skip_depth > ANNOTA_MAX_JSON_DEPTH)
        return 0;
      return 1;
    }
  if (!parser_begin_value (p, T_ARRAY, 0))
    return parser_fail (p, 1);

  if (parser_capture_value (p))
    {
      if (!parser_push (p, FRAME_CAPTURE_ARRAY))
        return parser_fail (p, 1);
      g_string_append_c (p->capture, '[');
      return 1;
    }

  f = parser_top (p);
  if (f->kind == FRAME_RANGES)
    {
      if (!parser_push (p, FRAME_RANGE))
        return parser_fail (p, 1);
      return 1;
    }

  g_assert (f->kind == FRAME_TOP);
  switch (f->key)
    {
    case KEY_LABELS:
      if (!parser_push (p, FRAME_LABELS))
        return parser_fail (p, 1);
      break;

    case KEY_SPANS:
      if (!parser_push (p, FRAME_SPANS))
        return parser_fail (p, 1);
      break;

    case KEY_TOKENS:
    case KEY_SENTENCES:
      if (!parser_push (p, FRAME_RANGES))
        return parser_fail (p, 1);
      if (f->key == KEY_TOKENS)
        p->ranges = p->tokens = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
      else
        p->ranges = p->sentences = g_array_new (FALSE, FALSE, sizeof (AnnotaRange));
      break;

    case KEY_NONE:
    case KEY_UNKNOWN:
    case KEY_ANNOTA:
    case KEY_TEXT:
    case KEY_STATE:
    case KEY_ID:
    case KEY_NAME:
    case KEY_COLOR:
    case KEY_KEY:
    case KEY_DESCRIPTION:
    case KEY_START:
    case KEY_END:
    case KEY_LABEL:
    case KEY_STATUS:
    case KEY_ORIGIN:
    case KEY_SCORE:
    case KEY_NOTE:
    case KEY_REVIEWED:
    case N_KEYS:
    default:
      g_assert_not_reached ();
    }

  return 1;
}

static int
on_end_array (void *user_data)
{
  Parser *p = user_data;
  Frame *f;

  if (p->skipping)
    {
      p->skip_expect_version = FALSE;
      p->skip_depth--;
      return 1;
    }

  f = parser_top (p);
  switch (f->kind)
    {
    case FRAME_CAPTURE_ARRAY:
      g_string_append_c (p->capture, ']');
      parser_pop (p);
      parser_capture_done (p);
      return 1;

    case FRAME_RANGE:
      {
        AnnotaRange range;
        guint n;

        if (f->index != 2)
          {
            container_error (p, ANNOTA_FORMAT_ERROR_VALUE,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "expected a [start, end] pair, found %u value",
                                          "expected a [start, end] pair, found %u values",
                                          f->index),
                             f->index);
            return parser_fail (p, -1);
          }
        range.start = p->range[0];
        range.end = p->range[1];
        if (range.start >= range.end)
          {
            container_error (p, ANNOTA_FORMAT_ERROR_VALUE,
                             _("start %u is not before end %u; expected start < end"),
                             range.start, range.end);
            return parser_fail (p, -1);
          }
        n = p->ranges->len;
        if (n > 0 && range.start < g_array_index (p->ranges, AnnotaRange, n - 1).end)
          {
            container_error (p, ANNOTA_FORMAT_ERROR_VALUE,
                             _("[%u, %u] overlaps or comes before the previous range, which ends at %u"),
                             range.start, range.end,
                             g_array_index (p->ranges, AnnotaRange, n - 1).end);
            return parser_fail (p, -1);
          }
        g_array_append_val (p->ranges, range);
      }
      break;

    case FRAME_RANGES:
      p->ranges = NULL;
      break;

    case FRAME_LABELS:
    case FRAME_SPANS:
      break;

    case FRAME_TOP:
    case FRAME_LABEL:
    case FRAME_SPAN:
    case FRAME_CAPTURE_OBJECT:
    default:
      g_assert_not_reached ();
    }

  parser_pop (p);
  return 1;
}

static const yajl_callbacks parser_callbacks = {
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

/* Driving the parse */

static void
parser_init (Parser     *p,
             ParseMode   mode,
             const char *name)
{
  memset (p, 0, sizeof *p);
  p->mode = mode;
  p->name = name;
  p->yajl = yajl_alloc (&parser_callbacks, NULL, p);
  p->frames = g_array_sized_new (FALSE, TRUE, sizeof (Frame), 8);
  p->top_capture = g_string_new (NULL);
  p->labels = annota_label_set_new ();
  p->label_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->label_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p->spans = g_ptr_array_new_with_free_func (g_object_unref);
  p->extras = g_ptr_array_new_with_free_func (json_member_free);
  pending_span_reset (&p->span);
}

static void
parser_clear (Parser *p)
{
  guint i;

  g_clear_pointer (&p->yajl, yajl_free);
  g_clear_error (&p->error);
  g_clear_pointer (&p->syntax_message, g_free);
  for (i = 0; i < p->frames->len; i++)
    frame_clear (&g_array_index (p->frames, Frame, i));
  g_array_unref (p->frames);
  g_string_free (p->top_capture, TRUE);
  g_free (p->text);
  g_clear_object (&p->labels);
  g_hash_table_unref (p->label_ids);
  g_hash_table_unref (p->label_keys);
  pending_label_clear (&p->label);
  pending_span_reset (&p->span);
  g_ptr_array_unref (p->spans);
  g_clear_pointer (&p->tokens, g_array_unref);
  g_clear_pointer (&p->sentences, g_array_unref);
  g_ptr_array_unref (p->extras);
}

static void
parser_syntax_error (Parser     *p,
                     guint64     offset,
                     const char *message)
{
  if (p->error != NULL || (p->syntax_pending && offset >= p->syntax_offset))
    return;
  p->syntax_pending = TRUE;
  p->syntax_offset = offset;
  g_free (p->syntax_message);
  p->syntax_message = g_strdup (message);
}

static void
parser_escape_error (Parser  *p,
                     guint64  offset,
                     guint32  value)
{
  g_autofree char *message = NULL;

  if (value == 0)
    message = g_strdup (_("NUL character (\\u0000) in a string"));
  else if (value >= 0xdc00)
    message = g_strdup_printf (_("lone surrogate escape \\u%04x; a low surrogate must follow a high one"),
                               value);
  else
    message = g_strdup_printf (_("lone surrogate escape \\u%04x; a high surrogate must be followed by a low one"),
                               value);
  parser_syntax_error (p, offset, message);
}

/* yajl turns a lone high surrogate escape into "?", a lone low one into
 * invalid UTF-8 and drops \u0000, so escapes are checked before yajl sees
 * them. Escapes only occur in strings, so no string state is needed.
 * Returns how many bytes of the chunk are fine to parse. */
static gsize
parser_scan_escapes (Parser       *p,
                     const guchar *data,
                     gsize         len,
                     gboolean     *bad)
{
  gsize i = 0;

  *bad = FALSE;

  while (i < len)
    {
      switch (p->esc_state)
        {
        case ESC_NONE:
          if (!p->pending_high)
            {
              const guchar *bs = memchr (data + i, '\\', len - i);

              if (bs == NULL)
                {
                  i = len;
                  break;
                }
              i = bs - data;
            }
          else if (data[i] != '\\')
            goto lone_high;
          p->esc_start = p->scan_offset + i;
          p->esc_state = ESC_BACKSLASH;
          i++;
          break;

        case ESC_BACKSLASH:
          if (data[i] == 'u')
            {
              p->esc_state = ESC_HEX;
              p->esc_digits = 0;
              p->esc_value = 0;
            }
          else if (p->pending_high)
            goto lone_high;
          else
            p->esc_state = ESC_NONE;
          i++;
          break;

        case ESC_HEX:
          {
            int digit = g_ascii_xdigit_value (data[i]);

            if (digit < 0)
              {
                /* Not an escape yajl accepts: it reports it. */
                p->esc_state = ESC_NONE;
                p->pending_high = FALSE;
                break;
              }
            p->esc_value = p->esc_value * 16 + digit;
            i++;
            if (++p->esc_digits < 4)
              break;

            p->esc_state = ESC_NONE;
            if (p->pending_high)
              {
                if (p->esc_value < 0xdc00 || p->esc_value > 0xdfff)
                  goto lone_high;
                p->pending_high = FALSE;
              }
            else if (p->esc_value >= 0xd800 && p->esc_value <= 0xdbff)
              {
                p->pending_high = TRUE;
                p->pending_high_offset = p->esc_start;
                p->pending_high_value = p->esc_value;
              }
            else if ((p->esc_value >= 0xdc00 && p->esc_value <= 0xdfff) || p->esc_value == 0)
              {
                *bad = TRUE;
                parser_escape_error (p, p->esc_start, p->esc_value);
                return p->esc_start >= p->scan_offset ? p->esc_start - p->scan_offset : 0;
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  p->scan_offset += len;
  return len;

lone_high:
  *bad = TRUE;
  parser_escape_error (p, p->pending_high_offset, p->pending_high_value);
  return p->pending_high_offset >= p->scan_offset ? p->pending_high_offset - p->scan_offset : 0;
}

/* Where the token that ends at offset starts, when it is in this chunk:
 * yajl reports parse errors after the token it did not expect. */
static guint64
token_start (Parser       *p,
             const guchar *data,
             guint64       offset)
{
  gsize i = offset - p->offset;
  guchar c;

  if (data == NULL || offset <= p->offset)
    return offset;

  c = data[i - 1];
  if (strchr (",:[]{}", c) != NULL)
    return offset - 1;

  if (c == '"')
    {
      gsize j = i - 1;

      while (j > 0)
        {
          gsize n_backslashes = 0;

          j--;
          if (data[j] != '"')
            continue;
          while (n_backslashes < j && data[j - 1 - n_backslashes] == '\\')
            n_backslashes++;
          if (n_backslashes % 2 == 0)
            return p->offset + j;
        }
      return offset;
    }

  while (i > 0 && (g_ascii_isalnum (data[i - 1]) || strchr (".-+", data[i - 1]) != NULL))
    i--;
  return p->offset + i;
}

static void
parser_yajl_error (Parser       *p,
                   const guchar *data,
                   gsize         len,
                   guint64       offset)
{
  unsigned char *text = yajl_get_error (p->yajl, 0, data, len);
  g_autofree char *message = NULL;
  const char *detail = (const char *) text;
  gboolean lexical = FALSE;
  gsize n;

  if (g_str_has_prefix (detail, "lexical error: "))
    {
      detail += strlen ("lexical error: ");
      lexical = TRUE;
    }
  else if (g_str_has_prefix (detail, "parse error: "))
    detail += strlen ("parse error: ");
  n = strlen (detail);
  while (n > 0 && (g_ascii_isspace (detail[n - 1]) || detail[n - 1] == '.'))
    n--;

#define DETAIL_IS(s) (n == strlen (s) && strncmp (detail, (s), n) == 0)
  if (DETAIL_IS ("invalid bytes in UTF8 string"))
    {
      message = g_strdup (_("invalid UTF-8"));

      /* yajl stops after the bad sequence: find its first byte. */
      if (data != NULL && offset > p->offset)
        {
          gsize consumed = offset - p->offset;
          gsize i = 0;
          const char *end;

          while (i < consumed && i < 3 && (data[i] & 0xc0) == 0x80)
            i++;
          if (!g_utf8_validate_len ((const char *) data + i, consumed - i, &end))
            offset = p->offset + (end - (const char *) data);
        }
    }
  else if (DETAIL_IS ("premature EOF"))
    message = g_strdup (_("unexpected end of the file; is it truncated?"));
  else
    {
      message = g_strdup_printf (_("invalid JSON: %.*s"), (int) n, detail);
      /* The lexer stops after a character it does not expect anywhere. */
      if (DETAIL_IS ("invalid char in json text"))
        offset = offset > p->offset ? offset - 1 : offset;
      else if (DETAIL_IS ("after key and value, inside map, I expect ',' or '}'"))
        {
          /* Here yajl moves back by the token's content length, which
           * lands two bytes after the start of a string. */
          gsize i = offset - p->offset;

          if (data != NULL && i >= 2 && i < len && data[i - 2] == '"' && !g_ascii_isspace (data[i - 1]))
            offset -= 2;
        }
      else if (!lexical)
        offset = token_start (p, data, offset);
    }
#undef DETAIL_IS

  yajl_free_error (p->yajl, text);
  parser_syntax_error (p, offset, message);
}

/* Gives yajl data that starts at p->offset; FALSE when the parse is over
 * (an error). */
static gboolean
parser_parse (Parser       *p,
              const guchar *data,
              gsize         len)
{
  yajl_status status;

  if (len == 0)
    return TRUE;

  status = yajl_parse (p->yajl, data, len);
  if (status == yajl_status_client_canceled)
    return FALSE;
  if (status != yajl_status_ok)
    {
      parser_yajl_error (p, data, len, p->offset + yajl_get_bytes_consumed (p->yajl));
      return FALSE;
    }

  p->offset += len;
  return TRUE;
}

/* The spans of a file, one per line as Annota writes them, are most of
 * it: yajl and the callbacks cost about 200 ns a span, which the loop
 * below cuts to a fraction. It takes a line that holds one span with
 * nothing but start, end, label, status, origin and score, all valid, and
 * a comma, when yajl expects a value of the spans array next and the next
 * line starts another object; anything else, even if valid, goes to yajl,
 * so every problem is still found and reported by the code above. yajl is
 * left expecting a value, and since an object follows, what it parses
 * next is what it would have parsed. */

typedef struct {
  const guchar *at;
  const guchar *end;
} Scan;

static inline void
scan_space (Scan *sc)
{
  while (sc->at < sc->end && (*sc->at == ' ' || *sc->at == '\t' || *sc->at == '\r'))
    sc->at++;
}

static inline gboolean
scan_char (Scan   *sc,
           guchar  c)
{
  scan_space (sc);
  if (sc->at >= sc->end || *sc->at != c)
    return FALSE;
  sc->at++;
  return TRUE;
}

/* A string without escapes or control characters, valid UTF-8: what yajl
 * and parser_check_string() let through unchanged. */
static gboolean
scan_string (Scan        *sc,
             const char **str,
             gsize       *len)
{
  const guchar *start;
  gboolean high = FALSE;

  if (!scan_char (sc, '"'))
    return FALSE;
  start = sc->at;
  while (sc->at < sc->end && *sc->at != '"')
    {
      if (*sc->at < 0x20 || *sc->at == '\\')
        return FALSE;
      high |= *sc->at >= 0x80;
      sc->at++;
    }
  if (sc->at >= sc->end)
    return FALSE;
  *str = (const char *) start;
  *len = sc->at - start;
  sc->at++;
  return !high || _annota_utf8_validate (*str, *len, NULL);
}

/* An integer that fits guint, in JSON's form (no leading zero). */
static gboolean
scan_uint (Scan  *sc,
           guint *out)
{
  guint64 value = 0;
  const guchar *start;

  scan_space (sc);
  start = sc->at;
  while (sc->at < sc->end && g_ascii_isdigit (*sc->at) && sc->at - start < 11)
    value = value * 10 + (*sc->at++ - '0');
  if (sc->at == start || sc->at - start > 10 || (*start == '0' && sc->at - start > 1) ||
      value > G_MAXUINT)
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

/* Whether the scan is at the literal lit; the size is known when this
 * is compiled, so the comparison takes no call. */
#define SCAN_AT(sc, lit) \
  ((gsize) ((sc)->end - (sc)->at) >= sizeof (lit) - 1 && memcmp ((sc)->at, (lit), sizeof (lit) - 1) == 0)

/* The member name, as a Key among the ones the fast path takes: as the
 * raw bytes are, so a name with an escape is not one of them. */
static Key
scan_key (Scan *sc)
{
  Key key = KEY_NONE;

  scan_space (sc);
  if (sc->end - sc->at < 8 || sc->at[0] != '"')
    return KEY_NONE;
  switch (sc->at[1])
    {
    case 's':
      if (SCAN_AT (sc, "\"start\""))
        key = KEY_START;
      else if (SCAN_AT (sc, "\"status\""))
        key = KEY_STATUS;
      else if (SCAN_AT (sc, "\"score\""))
        key = KEY_SCORE;
      break;
    case 'e':
      if (SCAN_AT (sc, "\"end\""))
        key = KEY_END;
      break;
    case 'l':
      if (SCAN_AT (sc, "\"label\""))
        key = KEY_LABEL;
      break;
    case 'o':
      if (SCAN_AT (sc, "\"origin\""))
        key = KEY_ORIGIN;
      break;
    default:
      break;
    }
  if (key == KEY_NONE)
    return KEY_NONE;
  sc->at += key_names[key].len + 2;
  return scan_char (sc, ':') ? key : KEY_NONE;
}

/* A string that the intern cache holds, as it is in the file, or a new one
 * interned. */
static gboolean
scan_interned (Parser      *p,
               Scan        *sc,
               const char **out)
{
  const char *str;
  gsize len;

  scan_space (sc);
  if (sc->at < sc->end && *sc->at == '"')
    for (guint i = 0; i < N_INTERN_CACHE; i++)
      {
        InternEntry *entry = &p->intern_cache[i];

        gsize k;

        if (entry->str == NULL || !entry->plain ||
            (gsize) (sc->end - sc->at) <= entry->len + 1 || sc->at[entry->len + 1] != '"')
          continue;
        /* Labels and origins are short: a loop beats a call. */
        for (k = 0; k < entry->len && sc->at[1 + k] == (guchar) entry->str[k]; k++)
          ;
        if (k == entry->len)
          {
            sc->at += entry->len + 2;
            *out = entry->str;
            return TRUE;
          }
      }

  if (!scan_string (sc, &str, &len))
    return FALSE;
  *out = parser_intern (p, str, len);
  return TRUE;
}

/* The status, as it is in the file. */
static gboolean
scan_status (Scan             *sc,
             AnnotaSpanStatus *status)
{
  scan_space (sc);
  if (SCAN_AT (sc, "\"accepted\""))
    {
      *status = ANNOTA_SPAN_STATUS_ACCEPTED;
      sc->at += sizeof "\"accepted\"" - 1;
    }
  else if (SCAN_AT (sc, "\"suggested\""))
    {
      *status = ANNOTA_SPAN_STATUS_SUGGESTED;
      sc->at += sizeof "\"suggested\"" - 1;
    }
  else if (SCAN_AT (sc, "\"rejected\""))
    {
      *status = ANNOTA_SPAN_STATUS_REJECTED;
      sc->at += sizeof "\"rejected\"" - 1;
    }
  else
    return FALSE;
  return TRUE;
}

static gboolean
scan_null (Scan *sc)
{
  scan_space (sc);
  if (!SCAN_AT (sc, "null"))
    return FALSE;
  sc->at += 4;
  return TRUE;
}

/* The line at data as a span; returns its length with the line end, or 0
 * when yajl must read it. */
static gsize
parser_fast_span (Parser       *p,
                  const guchar *data,
                  const guchar *end)
{
  Scan sc = { data, end };
  guint start = 0;
  guint span_end = 0;
  const char *label = NULL;
  const char *origin = NULL;
  AnnotaSpanStatus status = ANNOTA_SPAN_STATUS_ACCEPTED;
  double score = -1.0;
  guint32 seen = 0;
  const guchar *line_end;

  if (!scan_char (&sc, '{'))
    return 0;
  do
    {
      Key key = scan_key (&sc);

      if (key == KEY_NONE || (seen & (1u << key)) != 0)
        return 0;
      seen |= 1u << key;

      switch ((int) key)
        {
        case KEY_START:
          if (!scan_uint (&sc, &start))
            return 0;
          break;

        case KEY_END:
          if (!scan_uint (&sc, &span_end))
            return 0;
          break;

        case KEY_LABEL:
          if (!scan_interned (p, &sc, &label) || label[0] == '\0')
            return 0;
          break;

        case KEY_STATUS:
          if (!scan_status (&sc, &status))
            return 0;
          break;

        case KEY_ORIGIN:
          if (scan_null (&sc))
            origin = NULL;
          else if (!scan_interned (p, &sc, &origin))
            return 0;
          break;

        case KEY_SCORE:
          scan_space (&sc);
          if (scan_null (&sc))
            score = -1.0;
          else
            {
              const guchar *num = sc.at;

              while (sc.at < sc.end && (g_ascii_isdigit (*sc.at) || *sc.at == '.'))
                sc.at++;
              /* JSON has no leading zeros, and yajl reads "01" as two
               * numbers. */
              if (sc.at - num > 1 && num[0] == '0' && num[1] != '.')
                return 0;
              if (!read_decimal_exactly ((const char *) num, sc.at - num, &score) ||
                  !(score >= 0.0 && score <= 1.0))
                return 0;
            }
          break;

        default:
          return 0;
        }
    }
  while (scan_char (&sc, ','));

  if (!scan_char (&sc, '}') || !scan_char (&sc, ',') ||
      (seen & ((1u << KEY_START) | (1u << KEY_END) | (1u << KEY_LABEL))) !=
        ((1u << KEY_START) | (1u << KEY_END) | (1u << KEY_LABEL)) ||
      start >= span_end)
    return 0;

  /* The line ends here, and the next one starts an object. */
  scan_space (&sc);
  if (sc.at >= sc.end || *sc.at != '\n')
    return 0;
  line_end = ++sc.at;
  if (!scan_char (&sc, '{'))
    return 0;

  g_ptr_array_add (p->spans,
                   _annota_span_new_interned (start, span_end, label, status, origin, score));
  parser_top (p)->index++;
  return line_end - data;
}

static gboolean
parser_expects_span (Parser *p)
{
  Frame *f = parser_top (p);

  return f != NULL && f->kind == FRAME_SPANS && !p->skipping && p->error == NULL &&
         !p->syntax_pending && (p->last_token == '[' || p->last_token == ',');
}

/* The text is most of the bytes of a file, in one string, which yajl
 * would lex, decode into a buffer of its own and hand to on_string() to
 * copy again. Here a string value of "text" is decoded once into the
 * document's buffer, and yajl is given "" in its place. That only happens
 * when the string is valid (escapes, UTF-8, no control characters) and a
 * comma or the end of the object follows, so that what yajl reads next,
 * and where it says a problem is, stays the same; anything else goes to
 * yajl. */
static gboolean
parser_expects_text (Parser *p)
{
  Frame *f = parser_top (p);

  return f != NULL && f->kind == FRAME_TOP && f->key == KEY_TEXT && p->mode == MODE_DOCUMENT &&
         !p->skipping && p->error == NULL && !p->syntax_pending && p->last_token == ':';
}

static inline int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The four hex digits of a \u escape at s (after the "u"), or -1. */
static inline int
read_hex4 (const guchar *s,
           const guchar *end)
{
  int value = 0;

  if (end - s < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (s[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Decodes the body of a JSON string, [s, end), into out; FALSE when yajl
 * would not take it as it is, or would decode it with a replacement. */
static gboolean
decode_string (const guchar *s,
               const guchar *end,
               char         *out,
               gsize        *out_len)
{
  char *o = out;

  while (s < end)
    {
      const guchar *run = s;
      int cp;

      /* Eight bytes at a time while none is below 0x20 or a backslash
       * (a classic bit trick: a byte below n sets its top bit in
       * (w - n) & ~w). */
      while (end - s >= 8)
        {
          guint64 w;
          guint64 bs;

          memcpy (&w, s, 8);
          bs = w ^ G_GUINT64_CONSTANT (0x5c5c5c5c5c5c5c5c);
          if ((((w - G_GUINT64_CONSTANT (0x2020202020202020)) & ~w) |
               ((bs - G_GUINT64_CONSTANT (0x0101010101010101)) & ~bs)) &
              G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          s += 8;
        }
      while (s < end && *s >= 0x20 && *s != '\\')
        s++;
      memcpy (o, run, s - run);
      o += s - run;
      if (s >= end)
        break;
      if (*s < 0x20 || end - s < 2)
        return FALSE;

      s++;
      switch (*s++)
        {
        case '"':
          *o++ = '"';
          break;
        case '\\':
          *o++ = '\\';
          break;
        case '/':
          *o++ = '/';
          break;
        case 'b':
          *o++ = '\b';
          break;
        case 'f':
          *o++ = '\f';
          break;
        case 'n':
          *o++ = '\n';
          break;
        case 'r':
          *o++ = '\r';
          break;
        case 't':
          *o++ = '\t';
          break;
        case 'u':
          cp = read_hex4 (s, end);
          if (cp <= 0 || (cp >= 0xdc00 && cp <= 0xdfff))
            return FALSE;
          s += 4;
          if (cp >= 0xd800 && cp <= 0xdbff)
            {
              int low;

              if (end - s < 6 || s[0] != '\\' || s[1] != 'u' ||
                  (low = read_hex4 (s + 2, end)) < 0xdc00 || low > 0xdfff)
                return FALSE;
              cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
              s += 6;
            }
          o += g_unichar_to_utf8 (cp, o);
          break;
        default:
          return FALSE;
        }
    }

  *out_len = o - out;
  return TRUE;
}

/* Takes the string value at data; returns the bytes it takes, 0 when yajl
 * must read it, or G_MAXSIZE when yajl refused its stand-in (never). */
static gsize
parser_take_text (Parser       *p,
                  const guchar *data,
                  const guchar *end)
{
  const guchar *s = data + 1;
  const guchar *close;
  const guchar *after;
  g_autofree char *text = NULL;
  gsize text_len;
  yajl_status status;

  if (data >= end || *data != '"')
    return 0;

  /* The closing quote is the first one after an even run of backslashes. */
  for (;;)
    {
      const guchar *q = memchr (s, '"', end - s);
      gsize n = 0;

      if (q == NULL)
        return 0;
      while (q - n - 1 > data && q[-1 - (gssize) n] == '\\')
        n++;
      if (n % 2 == 0)
        {
          close = q;
          break;
        }
      s = q + 1;
    }

  for (after = close + 1;
       after < end && (*after == ' ' || *after == '\t' || *after == '\n' || *after == '\r');
       after++)
    ;
  if (after >= end || (*after != ',' && *after != '}'))
    return 0;

  /* Valid UTF-8 as it is, escapes aside, is what yajl and
   * parser_check_string() take; the decoded text is never longer. */
  if (!_annota_utf8_validate ((const char *) data + 1, close - data - 1, NULL))
    return 0;
  text = g_malloc (close - data);
  if (!decode_string (data + 1, close, text, &text_len))
    return 0;
  text[text_len] = '\0';

  g_free (p->text);
  p->text = g_steal_pointer (&text);
  p->text_len = text_len;
  p->text_taken = TRUE;
  status = yajl_parse (p->yajl, (const unsigned char *) "\"\"", 2);
  p->text_taken = FALSE;
  if (status != yajl_status_ok)
    {
      if (status != yajl_status_client_canceled)
        parser_yajl_error (p, NULL, 0, p->offset);
      return G_MAXSIZE;
    }
  p->last_token = '"';
  p->offset += close + 1 - data;
  return close + 1 - data;
}

/* parser_parse(), and what the last token it was given is. */
static gboolean
parser_parse_yajl (Parser       *p,
                   const guchar *data,
                   gsize         len)
{
  gsize i = len;

  while (i > 0 && (data[i - 1] == ' ' || data[i - 1] == '\t' || data[i - 1] == '\r' ||
                   data[i - 1] == '\n'))
    i--;
  if (i > 0)
    p->last_token = data[i - 1];
  return parser_parse (p, data, len);
}

/* Gives data to yajl, but the spans the fast path takes. yajl is given
 * everything before a line that starts an object, so that what it
 * expects next is known there. */
static gboolean
parser_feed (Parser       *p,
             const guchar *data,
             gsize         len)
{
  const guchar *end = data + len;
  const guchar *at = data;
  const guchar *batch = data;

  while (at < end)
    {
      const guchar *c = at;
      const guchar *nl;

      while (c < end && (*c == ' ' || *c == '\t'))
        c++;

      /* The value of "text", where yajl has read everything before. */
      if (c < end && *c == '"' && batch == at && parser_expects_text (p))
        {
          gsize n;

          if (!parser_parse_yajl (p, at, c - at))
            return FALSE;
          n = parser_take_text (p, c, end);
          if (n == G_MAXSIZE)
            return FALSE;
          batch = at = c + n;
          if (n > 0)
            continue;
        }
      /* The name "text": yajl reads up to the colon, and the value goes
       * above. */
      else if (c < end && *c == '"' && end - c > 6 && memcmp (c, "\"text\"", 6) == 0)
        {
          const guchar *colon = c + 6;

          while (colon < end && (*colon == ' ' || *colon == '\t'))
            colon++;
          if (colon < end && *colon == ':')
            {
              if (!parser_parse_yajl (p, batch, colon + 1 - batch))
                return FALSE;
              batch = at = colon + 1;
              continue;
            }
        }
      else if (c < end && *c == '{')
        {
          gsize n;

          if (batch < at && !parser_parse_yajl (p, batch, at - batch))
            return FALSE;
          batch = at;
          while (parser_expects_span (p) && (n = parser_fast_span (p, at, end)) > 0)
            {
              at += n;
              p->offset += n;
              p->last_token = ',';
            }
          batch = at;
        }
      nl = memchr (at, '\n', end - at);
      if (nl == NULL)
        break;
      at = nl + 1;
    }

  return parser_parse_yajl (p, batch, end - batch);
}

/* After a bad escape: parses what comes before it, so that an earlier
 * problem is reported first. Always FALSE. */
static gboolean
parser_parse_until_bad_escape (Parser       *p,
                               const guchar *data,
                               gsize         len)
{
  if (p->syntax_pending && p->syntax_offset > p->offset)
    parser_parse (p, data, MIN (len, p->syntax_offset - p->offset));
  return FALSE;
}

/* Scans data[from, len) for quotes and returns how much of data ends
 * outside a string. */
static gsize
parser_scan_strings (Parser       *p,
                     const guchar *data,
                     gsize         from,
                     gsize         len)
{
  gsize i = from;

  while (i < len)
    {
      const guchar *quote = memchr (data + i, '"', len - i);
      gsize pos;

      if (quote == NULL)
        break;
      pos = quote - data;

      if (!p->in_string)
        {
          p->in_string = TRUE;
          p->string_start = pos;
        }
      else
        {
          /* Escaped when preceded by an odd number of backslashes. */
          gsize n = 0;

          while (pos - n - 1 > p->string_start && data[pos - n - 1] == '\\')
            n++;
          if (n % 2 == 0)
            p->in_string = FALSE;
        }
      i = pos + 1;
    }

  return p->in_string ? p->string_start : len;
}

static gboolean
parser_complete (Parser *p)
{
  yajl_status status = yajl_complete_parse (p->yajl);

  if (status == yajl_status_client_canceled)
    return FALSE;
  if (status != yajl_status_ok)
    {
      parser_yajl_error (p, NULL, 0, p->offset);
      return FALSE;
    }
  return TRUE;
}

/* Counts lines and code point columns (both from 1) up to offset. */
typedef struct {
  guint64 done;
  guint   line;
  guint   column;
} Locator;

static gboolean
locator_feed (Locator      *loc,
              const guchar *data,
              gsize         len,
              guint64       offset)
{
  gsize i;

  for (i = 0; i < len && loc->done < offset; i++, loc->done++)
    {
      if (data[i] == '\n')
        {
          loc->line++;
          loc->column = 1;
        }
      else if ((data[i] & 0xc0) != 0x80)
        loc->column++;
    }
  return loc->done < offset;
}

/* Turns a pending syntax error into the GError, with line and column. */
static void
parser_locate_syntax_error (Parser       *p,
                            const guchar *data,
                            gsize         len,
                            const char   *path)
{
  Locator loc = { 0, 1, 1 };

  if (!p->syntax_pending)
    return;

  if (data != NULL)
    locator_feed (&loc, data, len, p->syntax_offset);
  else if (path != NULL)
    {
      int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

      if (fd >= 0)
        {
          guchar buf[16384];
          gssize n;

          do
            n = read (fd, buf, sizeof buf);
          while ((n > 0 && locator_feed (&loc, buf, n, p->syntax_offset)) ||
                 (n < 0 && errno == EINTR));
          close (fd);
        }
    }

  g_clear_error (&p->error);
  g_set_error (&p->error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_SYNTAX,
               _("%s: line %u, column %u: %s"), p->name, loc.line, loc.column, p->syntax_message);
  p->syntax_pending = FALSE;
}

/* After the parse: the best error, if any. */
static gboolean
parser_check_end (Parser *p)
{
  if (p->newer_version)
    {
      g_clear_error (&p->error);
      p->syntax_pending = FALSE;
      g_set_error (&p->error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_VERSION,
                   _("%s: annota: made by a newer Annota (format version %u; this version reads %d)"),
                   p->name, p->version, ANNOTA_FORMAT_VERSION);
      return FALSE;
    }

  if (p->error != NULL)
    {
      p->syntax_pending = FALSE;
      return FALSE;
    }

  return !p->syntax_pending;
}

/* Characters that never join a grapheme cluster with their neighbours
 * (no Extend, ZWJ, SpacingMark, Prepend, Hangul, regional indicator,
 * pictographic or control): ASCII, Latin-1 and Latin Extended-A/B, IPA,
 * Latin Extended Additional, which covers Vietnamese, and the dashes,
 * quotes and ellipsis of General Punctuation (not its zero-width and
 * direction controls). */
static inline gboolean
is_simple_char (gunichar c)
{
  return (c >= 0x20 && c <= 0x7e) ||
         (c >= 0xa0 && c <= 0x2ff && c != 0xa9 && c != 0xad && c != 0xae) ||
         (c >= 0x1e00 && c <= 0x1eff) ||
         (c >= 0x2010 && c <= 0x2027) ||
         (c >= 0x2030 && c <= 0x205e && c != 0x203c && c != 0x2049);
}

/* C0 and C1 controls, CR and LF among them: a grapheme cluster always
 * ends before and after one (GB4, GB5), except between CR and LF (GB3). */
static gboolean
is_control_char (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/* Walks the text to offsets that mostly come in order, or close by. */
typedef struct {
  AnnotaText *text;
  guint       cp;
  const char *at;
} TextCursor;

static const char *
text_cursor_seek (TextCursor *cursor,
                  guint       cp)
{
  if (cursor->at == NULL || (cp < cursor->cp ? cursor->cp - cp : cp - cursor->cp) > 256)
    {
      cursor->at = annota_text_get_utf8 (cursor->text) + annota_text_cp_to_byte (cursor->text, cp);
      cursor->cp = cp;
    }
  for (; cursor->cp < cp; cursor->cp++)
    cursor->at = g_utf8_next_char (cursor->at);
  for (; cursor->cp > cp; cursor->cp--)
    cursor->at = g_utf8_prev_char (cursor->at);
  return cursor->at;
}

/* ICU break iteration costs a few hundred nanoseconds per offset: ask it
 * only when a character next to the offset could join a cluster. */
static gboolean
is_grapheme_boundary (TextCursor *cursor,
                      guint       cp,
                      guint       length)
{
  const char *at;
  gunichar before, after;

  if (cp == 0 || cp >= length)
    return TRUE;

  at = text_cursor_seek (cursor, cp - 1);
  before = g_utf8_get_char (at);
  after = g_utf8_get_char (g_utf8_next_char (at));
  if (is_simple_char (before) && is_simple_char (after))
    return TRUE;
  if (is_control_char (before) || is_control_char (after))
    return before != '\r' || after != '\n';

  return annota_text_is_grapheme_boundary (cursor->text, cp);
}

/* One pass over the text, for documents with many spans: bit cp is set
 * where the simple characters on both sides do not settle that cp is a
 * grapheme boundary, and is_grapheme_boundary has to look closer. */
static guint8 *
unsettled_boundaries (AnnotaText *text,
                      guint       length)
{
  const guchar *p = (const guchar *) annota_text_get_utf8 (text);
  guint8 *bits = g_malloc0 (length / 8 + 1);
  gboolean simple_before = TRUE;

  /* The text is valid UTF-8: decoded here inline, the pass costs about a
   * nanosecond per character rather than a call or two. */
  for (guint cp = 0; cp < length; cp++)
    {
      gunichar c = *p;
      gboolean simple;

      if (c < 0x80)
        p++;
      else if (c < 0xe0)
        {
          c = ((c & 0x1f) << 6) | (p[1] & 0x3f);
          p += 2;
        }
      else if (c < 0xf0)
        {
          c = ((c & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
          p += 3;
        }
      else
        {
          c = ((c & 0x07) << 18) | ((p[1] & 0x3f) << 12) | ((p[2] & 0x3f) << 6) | (p[3] & 0x3f);
          p += 4;
        }
      simple = is_simple_char (c);
      if (!(simple && simple_before))
        bits[cp >> 3] |= (guint8) (1u << (cp & 7));
      simple_before = simple;
    }
  return bits;
}

/* Checks that need the whole file, and the assembly of the document. */
static AnnotaDocument *
parser_build_document (Parser          *p,
                       AnnotaLabelSet  *corpus_labels,
                       GPtrArray      **warnings)
{
  g_autoptr(AnnotaText) text = NULL;
  g_autoptr(AnnotaDocument) document = NULL;
  g_autoptr(GPtrArray) found_warnings = NULL;
  const char *known_labels[8] = { NULL, };
  guint n_known = 0;
  guint length;
  guint i;

  if (!p->have_version)
    {
      parser_set_error (p, ANNOTA_FORMAT_ERROR_MISSING, NULL,
                        _("missing member “annota” (the format version); is this an Annota document?"));
      return NULL;
    }
  if (p->text == NULL)
    {
      parser_set_error (p, ANNOTA_FORMAT_ERROR_MISSING, NULL, _("missing member “text”"));
      return NULL;
    }

  /* Checked as it was read: parser_check_string () or parser_take_text (). */
  text = _annota_text_new_take_checked (g_steal_pointer (&p->text), p->text_len);
  length = annota_text_get_length (text);

  for (i = 0; i < p->spans->len; i++)
    {
      AnnotaSpan *span = g_ptr_array_index (p->spans, i);
      const char *label = annota_span_get_label (span);
      guint end = annota_span_get_end (span);
      gboolean known = FALSE;

      if (end > length)
        {
          g_autofree char *path = g_strdup_printf ("spans[%u].end", i);
          parser_set_error (p, ANNOTA_FORMAT_ERROR_VALUE, path,
                            _("%u is past the end of the text (%u code points)"), end, length);
          return NULL;
        }

      /* Labels are interned: a small cache of known ones saves lookups. */
      for (guint k = 0; k < G_N_ELEMENTS (known_labels); k++)
        if (known_labels[k] == label)
          {
            known = TRUE;
            break;
          }
      if (!known &&
          annota_label_set_lookup (p->labels, label) == NULL &&
          (corpus_labels == NULL || annota_label_set_lookup (corpus_labels, label) == NULL))
        {
          g_autofree char *path = g_strdup_printf ("spans[%u].label", i);
          parser_set_error (p, ANNOTA_FORMAT_ERROR_VALUE, path,
                            _("unknown label “%s”; it is not in “labels”"), label);
          return NULL;
        }
      if (!known)
        known_labels[n_known++ % G_N_ELEMENTS (known_labels)] = label;
    }

  for (i = 0; i < 2; i++)
    {
      GArray *ranges = i == 0 ? p->tokens : p->sentences;
      const char *member = i == 0 ? "tokens" : "sentences";

      if (ranges != NULL && ranges->len > 0 &&
          g_array_index (ranges, AnnotaRange, ranges->len - 1).end > length)
        {
          g_autofree char *path = g_strdup_printf ("%s[%u]", member, ranges->len - 1);
          parser_set_error (p, ANNOTA_FORMAT_ERROR_VALUE, path,
                            _("end %u is past the end of the text (%u code points)"),
                            g_array_index (ranges, AnnotaRange, ranges->len - 1).end, length);
          return NULL;
        }
    }

  if (warnings != NULL)
    {
      /* Starts come in order, ends nearly: a cursor each. */
      TextCursor starts = { text, 0, NULL }, ends = { text, 0, NULL };
      /* With more than a span per 64 code points, walking the text once
       * beats walking to every offset. */
      g_autofree guint8 *unsettled = p->spans->len > length / 64 ? unsettled_boundaries (text, length) : NULL;

      found_warnings = g_ptr_array_new_with_free_func (g_free);

      if (!annota_text_is_nfc (text))
        g_ptr_array_add (found_warnings,
                         g_strdup_printf (_("%s: text: not in Unicode NFC; offsets count the code points as they are"),
                                          p->name));

      for (i = 0; i < p->spans->len; i++)
        {
          AnnotaSpan *span = g_ptr_array_index (p->spans, i);
          guint start = annota_span_get_start (span);
          guint end = annota_span_get_end (span);

#define SETTLED(cp) (unsettled != NULL && (cp) < length && !(unsettled[(cp) >> 3] & (1u << ((cp) & 7))))
          if (!SETTLED (start) && !is_grapheme_boundary (&starts, start, length))
            g_ptr_array_add (found_warnings,
                             g_strdup_printf (_("%s: spans[%u]: starts inside a grapheme cluster (at %u)"),
                                              p->name, i, start));
          if (!SETTLED (end) && !is_grapheme_boundary (&ends, end, length))
            g_ptr_array_add (found_warnings,
                             g_strdup_printf (_("%s: spans[%u]: ends inside a grapheme cluster (at %u)"),
                                              p->name, i, end));
#undef SETTLED
        }
    }

  if (corpus_labels != NULL)
    {
      annota_label_set_merge (corpus_labels, p->labels);
      document = annota_document_new (text, corpus_labels);
    }
  else
    document = annota_document_new (text, p->labels);

  /* Every span was checked above, so this cannot fail. */
  if (!annota_document_load_spans (document, p->spans, &p->error))
    return NULL;

  for (i = 0; i < p->extras->len; i++)
    {
      AnnotaJsonMember *member = g_ptr_array_index (p->extras, i);
      annota_document_set_extra_member (document, member->name, member->json);
    }
  if (p->tokens != NULL)
    annota_document_set_tokens (document, g_steal_pointer (&p->tokens));
  if (p->sentences != NULL)
    annota_document_set_sentences (document, g_steal_pointer (&p->sentences));
  if (p->have_state && p->state != annota_document_get_state (document))
    annota_document_set_state (document, p->state);

  /* A loaded document starts with nothing to undo and nothing to save. */
  annota_history_clear (annota_document_get_history (document));
  annota_document_mark_saved (document);

  if (warnings != NULL)
    *warnings = g_steal_pointer (&found_warnings);

  return g_steal_pointer (&document);
}

static AnnotaLabelSet *
parser_build_label_set (Parser *p)
{
  if (!p->have_version)
    {
      parser_set_error (p, ANNOTA_FORMAT_ERROR_MISSING, NULL,
                        _("missing member “annota” (the format version); is this an Annota label file?"));
      return NULL;
    }
  if ((p->top_seen & (1u << KEY_LABELS)) == 0)
    {
      parser_set_error (p, ANNOTA_FORMAT_ERROR_MISSING, NULL, _("missing member “labels”"));
      return NULL;
    }
  return g_steal_pointer (&p->labels);
}

static void
parser_too_large (Parser *p)
{
  parser_set_error (p, ANNOTA_FORMAT_ERROR_LIMIT, NULL,
                    _("the file is larger than %d MB, the largest Annota reads"),
                    (int) (ANNOTA_MAX_FILE_SIZE / (1024 * 1024)));
}

static gboolean
parse_data (Parser     *p,
            const char *data,
            gsize       len)
{
  const guchar *bytes = (const guchar *) data;
  gboolean bad;

  if (len == 0)
    {
      parser_set_error (p, ANNOTA_FORMAT_ERROR_SYNTAX, NULL,
                        _("the file is empty; expected a JSON object"));
      return FALSE;
    }
  if (len > (gsize) ANNOTA_MAX_FILE_SIZE)
    {
      parser_too_large (p);
      return FALSE;
    }

  parser_scan_escapes (p, bytes, len, &bad);
  if (bad)
    parser_parse_until_bad_escape (p, bytes, len);
  else if (parser_feed (p, bytes, len))
    parser_complete (p);

  if (!parser_check_end (p))
    {
      parser_locate_syntax_error (p, bytes, len, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Reads the file in chunks. yajl lexes a string that spans two calls again
 * from its start, so a string must reach it in one piece: each chunk is
 * given to yajl up to its last line end, which is never inside a string;
 * a long line (a long text, or a file on one line) is cut before the
 * string it ends in instead, found by a scan of its quotes. */
static gboolean
parse_file_fd (Parser *p,
               int     fd)
{
  g_autofree guchar *buf = NULL;
  gsize cap = 2 * READ_CHUNK_SIZE;
  gsize have = 0;
  gsize scanned = 0;
  guint64 total = 0;

  buf = g_malloc (cap);
  for (;;)
    {
      const guchar *line_end;
      gssize n;
      gsize cut;
      gboolean bad;

      if (cap - have < READ_CHUNK_SIZE)
        {
          cap = MAX (cap * 2, have + READ_CHUNK_SIZE);
          buf = g_realloc (buf, cap);
        }

      n = read (fd, buf + have, READ_CHUNK_SIZE);
      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          parser_set_error (p, ANNOTA_FORMAT_ERROR_IO, NULL, _("cannot read the file: %s"),
                            g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;

      total += n;
      if (total > (guint64) ANNOTA_MAX_FILE_SIZE)
        {
          parser_too_large (p);
          return FALSE;
        }

      parser_scan_escapes (p, buf + have, n, &bad);
      if (bad)
        return parser_parse_until_bad_escape (p, buf, have + n);

      line_end = memrchr (buf + have, '\n', n);
      have += n;
      if (line_end != NULL)
        {
          cut = line_end - buf + 1;
          p->in_string = FALSE;
          scanned = cut;
        }
      else if (have >= STRING_SCAN_THRESHOLD)
        {
          cut = parser_scan_strings (p, buf, scanned, have);
          scanned = have;
        }
      else
        continue;

      if (!parser_feed (p, buf, cut))
        return FALSE;
      memmove (buf, buf + cut, have - cut);
      have -= cut;
      scanned -= cut;
      if (p->in_string)
        p->string_start -= cut;
    }

  if (total == 0)
    {
      parser_set_error (p, ANNOTA_FORMAT_ERROR_SYNTAX, NULL,
                        _("the file is empty; expected a JSON object"));
      return FALSE;
    }

  return parser_feed (p, buf, have) && parser_complete (p);
}

static gboolean
parse_file (Parser     *p,
            const char *path)
{
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      parser_set_error (p, ANNOTA_FORMAT_ERROR_IO, NULL, _("cannot open the file: %s"),
                        g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          parser_set_error (p, ANNOTA_FORMAT_ERROR_IO, NULL, _("is a folder, not a document"));
          close (fd);
          return FALSE;
        }
      if (S_ISREG (st.st_mode) && st.st_size > ANNOTA_MAX_FILE_SIZE)
        {
          parser_too_large (p);
          close (fd);
          return FALSE;
        }
    }

  parse_file_fd (p, fd);
  close (fd);

  if (!parser_check_end (p))
    {
      parser_locate_syntax_error (p, NULL, 0, path);
      return FALSE;
    }
  return TRUE;
}

/* Parses the whole input, from memory or from a file. */
static gboolean
parse_input (Parser      *p,
             const char  *data,
             gsize        len,
             const char  *path)
{
  if (path != NULL)
    return parse_file (p, path);
  return parse_data (p, data, len);
}

static AnnotaDocument *
load_document (const char      *data,
               gsize            len,
               const char      *path,
               const char      *name,
               AnnotaLabelSet  *labels,
               GPtrArray      **warnings,
               GError         **error)
{
  Parser p;
  AnnotaDocument *document = NULL;

  parser_init (&p, MODE_DOCUMENT, name);
  if (parse_input (&p, data, len, path))
    {
      g_clear_pointer (&p.yajl, yajl_free);
      document = parser_build_document (&p, labels, warnings);
    }

  if (document == NULL)
    g_propagate_error (error, g_steal_pointer (&p.error));
  parser_clear (&p);
  return document;
}

AnnotaDocument *
annota_document_load_data (const char      *data,
                           gsize            len,
                           const char      *name,
                           AnnotaLabelSet  *labels,
                           GPtrArray      **warnings,
                           GError         **error)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (labels == NULL || ANNOTA_IS_LABEL_SET (labels), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings != NULL)
    *warnings = NULL;
  return load_document (data != NULL ? data : "", len, NULL, name != NULL ? name : "-",
                        labels, warnings, error);
}

AnnotaDocument *
annota_document_load_file (const char      *path,
                           AnnotaLabelSet  *labels,
                           GPtrArray      **warnings,
                           GError         **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (labels == NULL || ANNOTA_IS_LABEL_SET (labels), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings != NULL)
    *warnings = NULL;
  return load_document (NULL, 0, path, path, labels, warnings, error);
}

static AnnotaLabelSet *
load_label_set (const char  *data,
                gsize        len,
                const char  *path,
                const char  *name,
                GError     **error)
{
  Parser p;
  AnnotaLabelSet *labels = NULL;

  parser_init (&p, MODE_LABEL_SET, name);
  if (parse_input (&p, data, len, path))
    labels = parser_build_label_set (&p);

  if (labels == NULL)
    g_propagate_error (error, g_steal_pointer (&p.error));
  parser_clear (&p);
  return labels;
}

AnnotaLabelSet *
annota_label_set_load_file (const char  *path,
                            GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_label_set (NULL, 0, path, path, error);
}

AnnotaLabelSet *
annota_label_set_load_data (const char  *data,
                            gsize        len,
                            const char  *name,
                            GError     **error)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_label_set (data != NULL ? data : "", len, NULL, name != NULL ? name : "-", error);
}

/* Writing */

static inline void
append_uint (GString *out,
             guint    value)
{
  char buf[16];
  int i = sizeof buf;

  do
    {
      buf[--i] = '0' + value % 10;
      value /= 10;
    }
  while (value != 0);

  g_string_append_len (out, buf + i, sizeof buf - i);
}

/* Appends the members of a one-line JSON object text after members already
 * written, with the spacing of the canonical form at its first level. */
static void
append_extra_members (GString    *out,
                      const char *extra)
{
  const char *p = extra;
  const char *run;
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  int depth = 0;

  while (g_ascii_isspace (*p))
    p++;
  if (*p != '{')
    return;
  p++;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '}' || *p == '\0')
    return;

  g_string_append (out, ", ");
  for (run = p; *p != '\0'; p++)
    {
      char c = *p;

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (depth == 0)
            {
              g_string_append_len (out, run, p - run);
              return;
            }
          depth--;
          break;
        case ':':
        case ',':
          if (depth == 0)
            {
              g_string_append_len (out, run, p + 1 - run);
              if (!g_ascii_isspace (p[1]))
                g_string_append_c (out, ' ');
              run = p + 1;
            }
          break;
        default:
          break;
        }
    }
  g_string_append_len (out, run, p - run);
}

static void
append_label (GString     *out,
              AnnotaLabel *label)
{
  const char *name = annota_label_get_name (label);
  const char *color = annota_label_get_color (label);
  const char *key = annota_label_get_key (label);
  const char *description = annota_label_get_description (label);
  const char *extra = annota_label_get_extra (label);

  g_string_append (out, "    {\"id\": ");
  annota_json_append_string (out, annota_label_get_id (label), -1);
  g_string_append (out, ", \"name\": ");
  annota_json_append_string (out, name != NULL ? name : annota_label_get_id (label), -1);
  if (color != NULL && color[0] != '\0')
    {
      g_string_append (out, ", \"color\": ");
      annota_json_append_string (out, color, -1);
    }
  if (key != NULL && key[0] != '\0')
    {
      g_string_append (out, ", \"key\": ");
      annota_json_append_string (out, key, -1);
    }
  if (description != NULL && description[0] != '\0')
    {
      g_string_append (out, ", \"description\": ");
      annota_json_append_string (out, description, -1);
    }
  if (extra != NULL)
    append_extra_members (out, extra);
  g_string_append_c (out, '}');
}

static void
append_labels (GString        *out,
               AnnotaLabelSet *labels)
{
  guint n = labels != NULL ? annota_label_set_get_n_labels (labels) : 0;
  guint i;

  if (n == 0)
    {
      g_string_append (out, "  \"labels\": []");
      return;
    }

  g_string_append (out, "  \"labels\": [\n");
  for (i = 0; i < n; i++)
    {
      append_label (out, annota_label_set_peek (labels, i));
      g_string_append (out, i + 1 < n ? ",\n" : "\n");
    }
  g_string_append (out, "  ]");
}

typedef struct {
  GString  *out;
  gboolean  first;
} SpanWriter;

static gboolean
append_span (AnnotaSpan *span,
             gpointer    user_data)
{
  SpanWriter *writer = user_data;
  GString *out = writer->out;
  const char *origin = annota_span_get_origin (span);
  const char *note = annota_span_get_note (span);
  const char *extra = annota_span_get_extra (span);

  g_string_append (out, writer->first ? "    {\"start\": " : ",\n    {\"start\": ");
  writer->first = FALSE;
  append_uint (out, annota_span_get_start (span));
  g_string_append (out, ", \"end\": ");
  append_uint (out, annota_span_get_end (span));
  g_string_append (out, ", \"label\": ");
  annota_json_append_string (out, annota_span_get_label (span), -1);
  g_string_append (out, ", \"status\": \"");
  g_string_append (out, annota_span_status_to_string (annota_span_get_status (span)));
  g_string_append_c (out, '"');
  if (origin != NULL)
    {
      g_string_append (out, ", \"origin\": ");
      annota_json_append_string (out, origin, -1);
    }
  if (annota_span_has_score (span))
    {
      g_string_append (out, ", \"score\": ");
      annota_json_append_double (out, annota_span_get_score (span));
    }
  if (note != NULL)
    {
      g_string_append (out, ", \"note\": ");
      annota_json_append_string (out, note, -1);
    }
  if (annota_span_get_reviewed (span))
    g_string_append (out, ", \"reviewed\": true");
  if (extra != NULL)
    append_extra_members (out, extra);

  g_string_append_c (out, '}');
  return TRUE;
}

static void
append_ranges (GString    *out,
               const char *member,
               GArray     *ranges)
{
  guint i;

  g_string_append (out, ",\n  \"");
  g_string_append (out, member);
  g_string_append (out, "\": [");
  for (i = 0; i < ranges->len; i++)
    {
      AnnotaRange *range = &g_array_index (ranges, AnnotaRange, i);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_c (out, '[');
      append_uint (out, range->start);
      g_string_append (out, ", ");
      append_uint (out, range->end);
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
}

char *
annota_document_to_json (AnnotaDocument *self,
                         gsize          *len)
{
  AnnotaText *text;
  AnnotaSpanStore *store;
  GPtrArray *extras;
  GArray *ranges;
  GString *out;
  SpanWriter writer;
  guint n_spans;
  guint i;

  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), NULL);

  text = annota_document_get_text (self);
  store = annota_document_get_spans (self);
  n_spans = annota_span_store_get_n_spans (store);

  out = g_string_sized_new (annota_text_get_n_bytes (text) + 128 + (gsize) n_spans * 96);

  g_string_append (out, "{\n  \"annota\": ");
  append_uint (out, ANNOTA_FORMAT_VERSION);
  g_string_append (out, ",\n  \"text\": ");
  annota_json_append_string (out, annota_text_get_utf8 (text), annota_text_get_n_bytes (text));
  g_string_append (out, ",\n");

  append_labels (out, annota_document_get_labels (self));
  g_string_append (out, ",\n");

  if (n_spans == 0)
    g_string_append (out, "  \"spans\": []");
  else
    {
      g_string_append (out, "  \"spans\": [\n");
      writer.out = out;
      writer.first = TRUE;
      annota_span_store_foreach_in_range (store, 0, G_MAXUINT, append_span, &writer);
      g_string_append (out, "\n  ]");
    }

  ranges = annota_document_get_tokens (self);
  if (ranges != NULL)
    append_ranges (out, "tokens", ranges);
  ranges = annota_document_get_sentences (self);
  if (ranges != NULL)
    append_ranges (out, "sentences", ranges);

  g_string_append (out, ",\n  \"state\": \"");
  g_string_append (out, annota_document_state_to_string (annota_document_get_state (self)));
  g_string_append_c (out, '"');

  extras = annota_document_get_extra_members (self);
  for (i = 0; extras != NULL && i < extras->len; i++)
    {
      AnnotaJsonMember *member = g_ptr_array_index (extras, i);

      g_string_append (out, ",\n  ");
      annota_json_append_string (out, member->name, -1);
      g_string_append (out, ": ");
      g_string_append (out, member->json);
    }

  g_string_append (out, "\n}\n");

  if (len != NULL)
    *len = out->len;
  return g_string_free (out, FALSE);
}

char *
annota_label_set_to_json (AnnotaLabelSet *self,
                          gsize          *len)
{
  GString *out;

  g_return_val_if_fail (ANNOTA_IS_LABEL_SET (self), NULL);

  out = g_string_new ("{\n  \"annota\": ");
  append_uint (out, ANNOTA_FORMAT_VERSION);
  g_string_append (out, ",\n");
  append_labels (out, self);
  g_string_append (out, "\n}\n");

  if (len != NULL)
    *len = out->len;
  return g_string_free (out, FALSE);
}

/* Saving */

static gboolean
write_all (int          fd,
           const char  *contents,
           gsize        len,
           int         *saved_errno)
{
  while (len > 0)
    {
      gssize n = write (fd, contents, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      contents += n;
      len -= n;
    }
  return TRUE;
}

gboolean
annota_write_file_atomic (const char  *path,
                          const char  *contents,
                          gsize        len,
                          GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  struct stat st;
  gboolean have_mode = FALSE;
  int saved_errno = 0;
  int fd;
  int dir_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Saving through a symbolic link replaces the file it points to. */
  target = realpath (path, NULL);
  if (target == NULL)
    target = g_strdup (path);

  if (g_stat (target, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                       _("Cannot save “%s”: it is a folder"), path);
          return FALSE;
        }
      have_mode = S_ISREG (st.st_mode);
    }

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("Cannot save “%s”: cannot create a file in “%s”: %s"),
                   path, dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* The replacement keeps the old file's owner and group where that is
   * allowed (root; a group of the user's), so that the others sharing a
   * corpus keep their access. Before the mode, which chown may clear. */
  if (have_mode && fchown (fd, st.st_uid, st.st_gid) != 0 && fchown (fd, -1, st.st_gid) != 0)
    g_debug ("cannot keep the owner of “%s”: %s", path, g_strerror (errno));

  if ((have_mode && fchmod (fd, st.st_mode & 07777) != 0) ||
      !write_all (fd, contents, len, &saved_errno) ||
      fsync (fd) != 0)
    {
      if (saved_errno == 0)
        saved_errno = errno;
      close (fd);
      g_unlink (tmp_path);
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("Cannot save “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("Cannot save “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_rename (tmp_path, target) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      g_set_error (error, ANNOTA_FORMAT_ERROR, ANNOTA_FORMAT_ERROR_IO,
                   _("Cannot save “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  /* Makes the rename itself durable. */
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }

  return TRUE;
}

gboolean
annota_document_save_file (AnnotaDocument  *self,
                           const char      *path,
                           GError         **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  contents = annota_document_to_json (self, &len);
  return annota_write_file_atomic (path, contents, len, error);
}

gboolean
annota_label_set_save_file (AnnotaLabelSet  *self,
                            const char      *path,
                            GError         **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (ANNOTA_IS_LABEL_SET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  contents = annota_label_set_to_json (self, &len);
  return annota_write_file_atomic (path, contents, len, error);
}
