/* annota-format-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A JSON tree for the interchange formats, built from yajl's streaming
 * callbacks into an arena that is reused for every record: a JSONL line
 * costs a few pointer bumps per value instead of a malloc each, and the
 * memory of a whole corpus is the memory of its largest line. Numbers keep
 * their own text so that what is kept is written back digit for digit.
 */
#define G_LOG_DOMAIN "annota"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <yajl/yajl_parse.h>

#include "annota-format-private.h"
#include "annota-utf8-private.h"

#define BLOCK_SIZE (64 * 1024)

typedef struct {
  AjNode     *node;
  guint       base;       /* first pending child */
  guint       key_base;   /* first pending key */
  GHashTable *names;      /* of a large object, to find a name given twice */
} Frame;

/* Past this many members an object's names go into a hash table. */
#define LINEAR_NAMES 32

struct _AjParser {
  /* Arena: blocks kept between parses; big allocations get their own. */
  GPtrArray *blocks;
  guint      block;
  gsize      offset;
  GPtrArray *big;

  GArray    *frames;   /* Frame */
  GPtrArray *pending;  /* AjNode* children of open containers */
  GPtrArray *keys;     /* const char* names of open objects */
  AjNode    *root;
  char      *error;
  gboolean   has_escapes;  /* the text being parsed has a backslash */
  gboolean   bad_string;   /* the error is a string's content */
};

static gpointer
arena_alloc (AjParser *self,
             gsize     size)
{
  gpointer p;

  size = (size + 7) & ~(gsize) 7;
  if (size > BLOCK_SIZE / 4)
    {
      p = g_malloc (size);
      g_ptr_array_add (self->big, p);
      return p;
    }

  if (self->offset + size > BLOCK_SIZE)
    {
      self->block++;
      self->offset = 0;
      if (self->block == self->blocks->len)
        g_ptr_array_add (self->blocks, g_malloc (BLOCK_SIZE));
    }

  p = (char *) g_ptr_array_index (self->blocks, self->block) + self->offset;
  self->offset += size;
  return p;
}

static const char *
arena_strndup (AjParser      *self,
               const guchar  *str,
               gsize          len)
{
  char *p = arena_alloc (self, len + 1);

  memcpy (p, str, len);
  p[len] = '\0';
  return p;
}

static void
arena_reset (AjParser *self)
{
  self->block = 0;
  self->offset = 0;
  g_ptr_array_set_size (self->big, 0);
}

AjParser *
_aj_parser_new (void)
{
  AjParser *self = g_new0 (AjParser, 1);

  self->blocks = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->blocks, g_malloc (BLOCK_SIZE));
  self->big = g_ptr_array_new_with_free_func (g_free);
  self->frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  self->pending = g_ptr_array_new ();
  self->keys = g_ptr_array_new ();
  return self;
}

void
_aj_parser_free (AjParser *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->frames->len; i++)
    g_clear_pointer (&g_array_index (self->frames, Frame, i).names, g_hash_table_unref);
  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->big);
  g_array_unref (self->frames);
  g_ptr_array_unref (self->pending);
  g_ptr_array_unref (self->keys);
  g_free (self->error);
  g_free (self);
}

static int
add_value (AjParser *self,
           AjNode   *node)
{
  if (self->frames->len == 0)
    self->root = node;
  else
    g_ptr_array_add (self->pending, node);
  return 1;
}

static AjNode *
new_node (AjParser *self,
          AjType    type)
{
  AjNode *node = arena_alloc (self, sizeof (AjNode));

  node->type = type;
  node->len = 0;
  node->keys = NULL;
  node->v.items = NULL;
  return node;
}

static int
on_null (void *ctx)
{
  AjParser *self = ctx;

  return add_value (self, new_node (self, AJ_NULL));
}

static int
on_boolean (void *ctx,
            int   value)
{
  AjParser *self = ctx;
  AjNode *node = new_node (self, AJ_BOOL);

  node->v.boolean = value != 0;
  return add_value (self, node);
}

static int
on_number (void       *ctx,
           const char *str,
           size_t      len)
{
  AjParser *self = ctx;
  AjNode *node = new_node (self, AJ_NUMBER);

  node->v.str = arena_strndup (self, (const guchar *) str, len);
  node->len = (guint) len;
  return add_value (self, node);
}

/* A member name as the native loader writes it in a path: plain, or
 * quoted in brackets. */
static gboolean
is_plain_key (const char *key)
{
  if (key[0] == '\0' || g_ascii_isdigit (key[0]))
    return FALSE;
  for (const char *s = key; *s != '\0'; s++)
    if (!g_ascii_isalnum (*s) && *s != '_' && *s != '-' && *s != '@' && *s != '$')
      return FALSE;
  return TRUE;
}

/* The path of the value being read ("meta.tags[2]"), or for a member name
 * of the object it is in, as the native loader writes paths. */
static GString *
value_path (AjParser *self,
            gboolean  is_key)
{
  GString *path = g_string_new (NULL);
  guint n = self->frames->len;

  for (guint i = 0; i < n; i++)
    {
      Frame *f = &g_array_index (self->frames, Frame, i);
      Frame *next = i + 1 < n ? &g_array_index (self->frames, Frame, i + 1) : NULL;

      if (f->node->type == AJ_ARRAY)
        {
          guint end = next != NULL ? next->base : self->pending->len;

          g_string_append_printf (path, "[%u]", end - f->base);
        }
      else if (next != NULL || !is_key)
        {
          guint end = next != NULL ? next->key_base : self->keys->len;
          const char *key;

          if (end == f->key_base)
            continue;
          key = g_ptr_array_index (self->keys, end - 1);
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
    }
  return path;
}

/* Strings must be valid UTF-8 without NUL, as in the native format: yajl
 * lets overlong forms, encoded surrogates and "\u0000" through. */
static gboolean
check_string (AjParser            *self,
              const unsigned char *str,
              size_t               len,
              gboolean             is_key)
{
  const char *bad;
  g_autoptr(GString) path = NULL;
  g_autofree char *what = NULL;

  if (G_LIKELY (_annota_utf8_validate ((const char *) str, len, &bad)))
    return TRUE;

  g_free (self->error);

  /* yajl writes a lone surrogate escape ("\udc00") as the three bytes of
   * its code point: 0xED and 0xA0-0xBF. */
  if (self->has_escapes && (guchar) bad[0] == 0xED &&
      bad + 1 < (const char *) str + len && (guchar) bad[1] >= 0xA0)
    {
      self->error = g_strdup (_("a string escape is a lone surrogate"));
      return FALSE;
    }

  if (*bad == '\0')
    what = g_strdup (_("NUL character (\\u0000) in a string"));
  else
    what = g_strdup_printf (_("invalid UTF-8 at byte %zu of a string"),
                            (gsize) (bad - (const char *) str));
  path = value_path (self, is_key);
  self->error = path->len > 0 ? g_strdup_printf ("%s: %s", path->str, what) : g_steal_pointer (&what);
  self->bad_string = TRUE;
  return FALSE;
}

static int
on_string (void                *ctx,
           const unsigned char *str,
           size_t               len)
{
  AjParser *self = ctx;
  AjNode *node;

  if (!check_string (self, str, len, FALSE))
    return 0;
  node = new_node (self, AJ_STRING);

  node->v.str = arena_strndup (self, str, len);
  node->len = (guint) len;
  return add_value (self, node);
}

static int
start_container (AjParser *self,
                 AjType    type)
{
  Frame frame;

  if (self->frames->len >= ANNOTA_MAX_JSON_DEPTH)
    {
      g_free (self->error);
      self->error = g_strdup_printf (_("nesting deeper than %d levels"), ANNOTA_MAX_JSON_DEPTH);
      return 0;
    }

  frame.node = new_node (self, type);
  frame.base = self->pending->len;
  frame.key_base = self->keys->len;
  frame.names = NULL;
  g_array_append_val (self->frames, frame);
  return 1;
}

/* The children of a container, pending from base (and their names from
 * key_base), moved into the arena. */
static void
take_children (AjParser *self,
               AjNode   *node,
               guint     base,
               guint     key_base)
{
  guint n = self->pending->len - base;

  node->len = n;
  node->v.items = arena_alloc (self, sizeof (AjNode *) * MAX (n, 1));
  if (n > 0)
    memcpy (node->v.items, self->pending->pdata + base, sizeof (AjNode *) * n);
  g_ptr_array_set_size (self->pending, base);

  if (node->type == AJ_OBJECT)
    {
      node->keys = arena_alloc (self, sizeof (char *) * (n + 1));
      if (n > 0)
        memcpy (node->keys, self->keys->pdata + key_base, sizeof (char *) * n);
      node->keys[n] = NULL;
      g_ptr_array_set_size (self->keys, key_base);
    }
}

static int
end_container (AjParser *self)
{
  Frame *frame = &g_array_index (self->frames, Frame, self->frames->len - 1);
  AjNode *node = frame->node;

  take_children (self, node, frame->base, frame->key_base);
  g_clear_pointer (&frame->names, g_hash_table_unref);
  g_array_set_size (self->frames, self->frames->len - 1);
  return add_value (self, node);
}

static int
on_start_map (void *ctx)
{
  return start_container (ctx, AJ_OBJECT);
}

static int
on_map_key (void                *ctx,
            const unsigned char *key,
            size_t               len)
{
  AjParser *self = ctx;
  Frame *frame = &g_array_index (self->frames, Frame, self->frames->len - 1);
  guint n = self->keys->len - frame->key_base;
  const char *name;
  gboolean twice = FALSE;

  if (!check_string (self, key, len, TRUE))
    return 0;
  name = arena_strndup (self, key, len);

  if (frame->names != NULL)
    twice = !g_hash_table_add (frame->names, (gpointer) name);
  else
    {
      for (guint i = 0; i < n && !twice; i++)
        {
          const char *other = g_ptr_array_index (self->keys, frame->key_base + i);

          twice = other[0] == name[0] && strcmp (other, name) == 0;
        }
      if (!twice && n + 1 > LINEAR_NAMES)
        {
          frame->names = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint i = 0; i < n; i++)
            g_hash_table_add (frame->names, g_ptr_array_index (self->keys, frame->key_base + i));
          g_hash_table_add (frame->names, (gpointer) name);
        }
    }

  /* A name given twice has no one value, and would not read back. */
  if (twice)
    {
      g_free (self->error);
      self->error = g_strdup_printf (_("the member “%s” is given twice"), name);
      return 0;
    }

  g_ptr_array_add (self->keys, (gpointer) name);
  return 1;
}

static int
on_end_map (void *ctx)
{
  return end_container (ctx);
}

static int
on_start_array (void *ctx)
{
  return start_container (ctx, AJ_ARRAY);
}

static int
on_end_array (void *ctx)
{
  return end_container (ctx);
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

/* The message is yajl's first line ("lexical error: invalid char in json
 * text."), without the excerpt it draws below. */
static char *
yajl_message (yajl_handle          handle,
              const unsigned char *data,
              gsize                len)
{
  unsigned char *err = yajl_get_error (handle, 0, data, len);
  char *msg = g_strstrip (g_strdup ((const char *) err));

  yajl_free_error (handle, err);
  return msg;
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

/* yajl turns a high surrogate escape that no low one follows into "?":
 * found here first, so that no text is changed in silence. Returns the
 * offset of the first such escape, or -1. */
static gssize
find_lone_high_surrogate (const char *data,
                          gsize       len)
{
  const char *p = data, *end = data + len;

  while ((p = memchr (p, '\\', end - p)) != NULL)
    {
      guint code = 0;

      if (p + 1 >= end)
        break;
      if (p[1] != 'u')
        {
          p += 2;
          continue;
        }
      if (p + 6 > end)
        break;
      for (int i = 2; i < 6; i++)
        code = code * 16 + (guint) MAX (hex_value (p[i]), 0);
      if (code >= 0xD800 && code <= 0xDBFF)
        {
          guint low = 0;

          if (p + 12 > end || p[6] != '\\' || p[7] != 'u')
            return p - data;
          for (int i = 8; i < 12; i++)
            low = low * 16 + (guint) MAX (hex_value (p[i]), 0);
          if (low < 0xDC00 || low > 0xDFFF)
            return p - data;
          p += 12;
          continue;
        }
      p += 6;
    }
  return -1;
}


/* The common case without yajl: a value that is plain JSON, strings of
 * valid UTF-8 without NUL, no name given twice, not too deep. Anything
 * else, or anything that would need a message, makes it give up (NULL),
 * and yajl reads the same text again, to accept it or to say what is
 * wrong as it always has; the tree is the same either way (the tests and
 * the fuzzers compare them). yajl's lexer takes a few things this does
 * not ("\f" and "\v" as spaces): those go to yajl too. */

typedef struct {
  AjParser     *self;
  const guchar *p;
  const guchar *end;
  guint         depth;
} Fast;

static inline void
fast_space (Fast *f)
{
  while (f->p < f->end && (*f->p == ' ' || *f->p == '\n' || *f->p == '\r' || *f->p == '\t'))
    f->p++;
}

static inline int
fast_hex4 (const guchar *s)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value ((char) s[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A string at f->p (its opening quote), decoded into the arena. */
static gboolean
fast_string (Fast        *f,
             const char **str,
             guint       *len)
{
  const guchar *start = ++f->p, *q = start;
  gboolean escapes = FALSE;
  char *out, *o;

  while (q < f->end && *q != '"')
    {
      if (*q < 0x20)
        return FALSE;
      if (*q == '\\')
        {
          escapes = TRUE;
          q++;
          if (q >= f->end)
            return FALSE;
        }
      q++;
    }
  if (q >= f->end || (gsize) (q - start) > G_MAXUINT / 2)
    return FALSE;

  /* A \u escape of six bytes gives at most three of UTF-8, a pair of
   * twelve four: the decoded text is never longer. */
  out = arena_alloc (f->self, (q - start) + 1);
  if (!escapes)
    {
      memcpy (out, start, q - start);
      o = out + (q - start);
    }
  else
    {
      const guchar *r = start;

      o = out;
      while (r < q)
        {
          int code;

          if (*r != '\\')
            {
              *o++ = (char) *r++;
              continue;
            }
          r++;
          switch (*r++)
            {
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            case '/': *o++ = '/'; break;
            case 'b': *o++ = '\b'; break;
            case 'f': *o++ = '\f'; break;
            case 'n': *o++ = '\n'; break;
            case 'r': *o++ = '\r'; break;
            case 't': *o++ = '\t'; break;
            case 'u':
              /* NUL and lone surrogates are for yajl and its messages. */
              if (q - r < 4 || (code = fast_hex4 (r)) <= 0)
                return FALSE;
              r += 4;
              if (code >= 0xDC00 && code <= 0xDFFF)
                return FALSE;
              if (code >= 0xD800 && code <= 0xDBFF)
                {
                  int low;

                  if (q - r < 6 || r[0] != '\\' || r[1] != 'u' ||
                      (low = fast_hex4 (r + 2)) < 0xDC00 || low > 0xDFFF)
                    return FALSE;
                  r += 6;
                  code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
              o += g_unichar_to_utf8 ((gunichar) code, o);
              break;
            default:
              return FALSE;
            }
        }
    }
  *o = '\0';
  if (!_annota_utf8_validate (out, o - out, NULL))
    return FALSE;

  *str = out;
  *len = (guint) (o - out);
  f->p = q + 1;
  return TRUE;
}

/* A number as JSON writes them, kept as its text. */
static gboolean
fast_number (Fast   *f,
             AjNode *node)
{
  const guchar *start = f->p, *q = f->p;

  if (q < f->end && *q == '-')
    q++;
  if (q >= f->end || !g_ascii_isdigit (*q))
    return FALSE;
  if (*q == '0')
    q++;
  else
    while (q < f->end && g_ascii_isdigit (*q))
      q++;
  if (q < f->end && *q == '.')
    {
      q++;
      if (q >= f->end || !g_ascii_isdigit (*q))
        return FALSE;
      while (q < f->end && g_ascii_isdigit (*q))
        q++;
    }
  if (q < f->end && (*q == 'e' || *q == 'E'))
    {
      q++;
      if (q < f->end && (*q == '+' || *q == '-'))
        q++;
      if (q >= f->end || !g_ascii_isdigit (*q))
        return FALSE;
      while (q < f->end && g_ascii_isdigit (*q))
        q++;
    }
  node->v.str = arena_strndup (f->self, start, q - start);
  node->len = (guint) (q - start);
  f->p = q;
  return TRUE;
}

static gboolean
fast_literal (Fast       *f,
              const char *word,
              gsize       n)
{
  if ((gsize) (f->end - f->p) < n || memcmp (f->p, word, n) != 0)
    return FALSE;
  f->p += n;
  return TRUE;
}

static AjNode *fast_value (Fast *f);

/* A name not given before in its object: a few are compared in turn, a
 * large object goes to yajl, which keeps a table of them. */
static gboolean
fast_name_is_new (Fast       *f,
                  guint       key_base,
                  const char *name,
                  guint       len)
{
  AjParser *self = f->self;
  guint n = self->keys->len - key_base;

  if (n >= LINEAR_NAMES)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const char *other = g_ptr_array_index (self->keys, key_base + i);

      if (other[0] == name[0] && strcmp (other, name) == 0)
        return FALSE;
    }
  return TRUE;
}

static AjNode *
fast_container (Fast   *f,
                AjType  type)
{
  AjParser *self = f->self;
  guint base = self->pending->len, key_base = self->keys->len;
  guchar close = type == AJ_OBJECT ? '}' : ']';
  AjNode *node;

  if (f->depth >= ANNOTA_MAX_JSON_DEPTH)
    return NULL;
  f->depth++;
  node = new_node (self, type);
  f->p++;
  fast_space (f);
  if (f->p < f->end && *f->p == close)
    f->p++;
  else
    for (;;)
      {
        AjNode *child;

        if (type == AJ_OBJECT)
          {
            const char *name;
            guint len;

            if (f->p >= f->end || *f->p != '"' || !fast_string (f, &name, &len) ||
                !fast_name_is_new (f, key_base, name, len))
              return NULL;
            g_ptr_array_add (self->keys, (gpointer) name);
            fast_space (f);
            if (f->p >= f->end || *f->p != ':')
              return NULL;
            f->p++;
            fast_space (f);
          }
        child = fast_value (f);
        if (child == NULL)
          return NULL;
        g_ptr_array_add (self->pending, child);
        fast_space (f);
        if (f->p >= f->end)
          return NULL;
        if (*f->p == close)
          {
            f->p++;
            break;
          }
        if (*f->p != ',')
          return NULL;
        f->p++;
        fast_space (f);
      }
  f->depth--;
  take_children (self, node, base, key_base);
  return node;
}

static AjNode *
fast_value (Fast *f)
{
  AjNode *node;

  if (f->p >= f->end)
    return NULL;
  switch (*f->p)
    {
    case '{':
      return fast_container (f, AJ_OBJECT);
    case '[':
      return fast_container (f, AJ_ARRAY);
    case '"':
      node = new_node (f->self, AJ_STRING);
      return fast_string (f, &node->v.str, &node->len) ? node : NULL;
    case 't':
    case 'f':
      node = new_node (f->self, AJ_BOOL);
      node->v.boolean = *f->p == 't';
      return fast_literal (f, node->v.boolean ? "true" : "false", node->v.boolean ? 4 : 5) ? node : NULL;
    case 'n':
      node = new_node (f->self, AJ_NULL);
      return fast_literal (f, "null", 4) ? node : NULL;
    default:
      node = new_node (f->self, AJ_NUMBER);
      return fast_number (f, node) ? node : NULL;
    }
}

static AjNode *
fast_parse (AjParser   *self,
            const char *data,
            gsize       len)
{
  Fast f = { self, (const guchar *) data, (const guchar *) data + len, 0 };
  AjNode *root;

  fast_space (&f);
  root = fast_value (&f);
  fast_space (&f);
  if (root == NULL || f.p != f.end)
    return NULL;
  return root;
}

static void
parser_reset (AjParser *self)
{
  arena_reset (self);
  for (guint i = 0; i < self->frames->len; i++)
    g_clear_pointer (&g_array_index (self->frames, Frame, i).names, g_hash_table_unref);
  g_array_set_size (self->frames, 0);
  g_ptr_array_set_size (self->pending, 0);
  g_ptr_array_set_size (self->keys, 0);
  g_clear_pointer (&self->error, g_free);
  self->root = NULL;
  self->bad_string = FALSE;
}

static AjNode *
parse (AjParser    *self,
       const char  *data,
       gsize        len,
       gsize       *error_offset,
       char       **message,
       gboolean     fast)
{
  yajl_handle handle;
  yajl_status status;

  parser_reset (self);
  self->has_escapes = memchr (data, '\\', len) != NULL;

  if (self->has_escapes)
    {
      gssize at = find_lone_high_surrogate (data, len);

      if (at >= 0)
        {
          if (error_offset != NULL)
            *error_offset = (gsize) at;
          if (message != NULL)
            *message = g_strdup (_("a string escape is a lone surrogate"));
          return NULL;
        }
    }

  if (fast)
    {
      AjNode *root = fast_parse (self, data, len);

      if (root != NULL)
        return root;
      parser_reset (self);
    }

  handle = yajl_alloc (&callbacks, NULL, self);
  yajl_config (handle, yajl_dont_validate_strings, 1);
  status = yajl_parse (handle, (const unsigned char *) data, len);
  if (status == yajl_status_ok)
    status = yajl_complete_parse (handle);

  if (status != yajl_status_ok)
    {
      if (error_offset != NULL)
        *error_offset = yajl_get_bytes_consumed (handle);
      if (message != NULL)
        {
          if (status == yajl_status_client_canceled && self->error != NULL)
            *message = g_strdup (self->error);
          else
            *message = yajl_message (handle, (const unsigned char *) data, len);
        }
      yajl_free (handle);
      self->root = NULL;
      return NULL;
    }

  yajl_free (handle);
  return self->root;
}

AjNode *
_aj_parse (AjParser    *self,
           const char  *data,
           gsize        len,
           gsize       *error_offset,
           char       **message)
{
  return parse (self, data, len, error_offset, message, TRUE);
}

AjNode *
_aj_parse_with_yajl (AjParser    *self,
                     const char  *data,
                     gsize        len,
                     gsize       *error_offset,
                     char       **message)
{
  return parse (self, data, len, error_offset, message, FALSE);
}

/* For the tests and fuzzers: whether both parsers give the same tree, or
 * fail with the same message at the same offset; if not, what differs. */
gboolean
_aj_parsers_agree (const char  *data,
                   gsize        len,
                   char       **difference)
{
  AjParser *fast = _aj_parser_new ();
  AjParser *slow = _aj_parser_new ();
  gsize fast_offset = 0, slow_offset = 0;
  g_autofree char *fast_message = NULL, *slow_message = NULL;
  g_autofree char *fast_text = NULL, *slow_text = NULL;
  AjNode *a, *b;
  gboolean same;

  a = _aj_parse (fast, data, len, &fast_offset, &fast_message);
  b = _aj_parse_with_yajl (slow, data, len, &slow_offset, &slow_message);
  if (a != NULL && b != NULL)
    {
      fast_text = _aj_to_string (a);
      slow_text = _aj_to_string (b);
      same = strcmp (fast_text, slow_text) == 0;
    }
  else
    same = a == NULL && b == NULL && g_strcmp0 (fast_message, slow_message) == 0 &&
           fast_offset == slow_offset && _aj_parser_bad_string (fast) == _aj_parser_bad_string (slow);
  if (!same && difference != NULL)
    *difference = g_strdup_printf ("%s (at %zu) against yajl’s %s (at %zu)",
                                   a != NULL ? fast_text : fast_message, fast_offset,
                                   b != NULL ? slow_text : slow_message, slow_offset);
  _aj_parser_free (fast);
  _aj_parser_free (slow);
  return same;
}

gboolean
_aj_parser_bad_string (AjParser *self)
{
  return self->bad_string;
}

AjNode *
_aj_get (AjNode     *object,
         const char *key)
{
  if (object == NULL || object->type != AJ_OBJECT)
    return NULL;

  for (guint i = 0; i < object->len; i++)
    if (object->keys[i][0] == key[0] && strcmp (object->keys[i], key) == 0)
      return object->v.items[i];

  return NULL;
}

gboolean
_aj_get_int (AjNode *node,
             gint64 *value)
{
  char *end = NULL;
  gint64 v;

  if (node == NULL || node->type != AJ_NUMBER)
    return FALSE;

  /* Most numbers are short plain integers: offsets. */
  if (node->len > 0 && node->len < 19)
    {
      const char *p = node->v.str;
      gboolean negative = *p == '-';
      gint64 n = 0;

      if (negative)
        p++;
      while (*p >= '0' && *p <= '9')
        n = n * 10 + (*p++ - '0');
      if (*p == '\0' && p > node->v.str + negative)
        {
          *value = negative ? -n : n;
          return TRUE;
        }
    }

  errno = 0;
  v = g_ascii_strtoll (node->v.str, &end, 10);
  if (errno != 0 || end == node->v.str || *end != '\0')
    {
      double d;

      /* 3.0 and 3e0 are integers too. */
      if (!_aj_get_double (node, &d) || !(d >= -0x1p63 && d < 0x1p63) || d != (double) (gint64) d)
        return FALSE;
      v = (gint64) d;
    }

  *value = v;
  return TRUE;
}

gboolean
_aj_get_double (AjNode *node,
                double *value)
{
  char *end = NULL;

  if (node == NULL || node->type != AJ_NUMBER)
    return FALSE;

  *value = g_ascii_strtod (node->v.str, &end);
  return end != node->v.str && *end == '\0';
}

void
_aj_append (GString *out,
            AjNode  *node)
{
  switch (node->type)
    {
    case AJ_NULL:
      g_string_append (out, "null");
      break;
    case AJ_BOOL:
      g_string_append (out, node->v.boolean ? "true" : "false");
      break;
    case AJ_NUMBER:
      g_string_append_len (out, node->v.str, node->len);
      break;
    case AJ_STRING:
      annota_json_append_string (out, node->v.str, node->len);
      break;
    case AJ_OBJECT:
      g_string_append_c (out, '{');
      for (guint i = 0; i < node->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          annota_json_append_string (out, node->keys[i], -1);
          g_string_append_c (out, ':');
          _aj_append (out, node->v.items[i]);
        }
      g_string_append_c (out, '}');
      break;
    case AJ_ARRAY:
      g_string_append_c (out, '[');
      for (guint i = 0; i < node->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          _aj_append (out, node->v.items[i]);
        }
      g_string_append_c (out, ']');
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
_aj_to_string (AjNode *node)
{
  GString *out = g_string_new (NULL);

  _aj_append (out, node);
  return g_string_free (out, FALSE);
}

gboolean
_aj_equal (AjNode *a,
           AjNode *b)
{
  if (a->type != b->type)
    return FALSE;

  switch (a->type)
    {
    case AJ_NULL:
      return TRUE;
    case AJ_BOOL:
      return a->v.boolean == b->v.boolean;
    case AJ_NUMBER:
      {
        gint64 ia, ib;
        double da, db;

        if (_aj_get_int (a, &ia) && _aj_get_int (b, &ib))
          return ia == ib;
        return _aj_get_double (a, &da) && _aj_get_double (b, &db) && da == db;
      }
    case AJ_STRING:
      return a->len == b->len && memcmp (a->v.str, b->v.str, a->len) == 0;
    case AJ_OBJECT:
      if (a->len != b->len)
        return FALSE;
      for (guint i = 0; i < a->len; i++)
        {
          AjNode *other = _aj_get (b, a->keys[i]);

          if (other == NULL || !_aj_equal (a->v.items[i], other))
            return FALSE;
        }
      return TRUE;
    case AJ_ARRAY:
      if (a->len != b->len)
        return FALSE;
      for (guint i = 0; i < a->len; i++)
        if (!_aj_equal (a->v.items[i], b->v.items[i]))
          return FALSE;
      return TRUE;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

const char *
_aj_type_name (AjNode *node)
{
  if (node == NULL)
    return _("nothing");

  switch (node->type)
    {
    case AJ_NULL:
      return _("null");
    case AJ_BOOL:
      return _("a boolean");
    case AJ_NUMBER:
      return _("a number");
    case AJ_STRING:
      return _("a string");
    case AJ_OBJECT:
      return _("an object");
    case AJ_ARRAY:
      return _("an array");
    default:
      g_assert_not_reached ();
    }
  return NULL;
}
