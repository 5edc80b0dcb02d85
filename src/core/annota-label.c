/* annota-label.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <string.h>

#include "annota-label.h"

struct _AnnotaLabel
{
  GObject  parent_instance;
  char    *id;
  char    *name;
  char    *color;
  char    *key;
  char    *description;
  char    *extra;
};

G_DEFINE_FINAL_TYPE (AnnotaLabel, annota_label, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  PROP_KEY,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The GNOME palette: blue 3, green 3, yellow 3, orange 3, red 3, purple 3,
 * brown 3, then the 2 and 4 shades. */
static const char * const palette[] = {
  "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#e01b24", "#9141ac", "#986a44",
  "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#ed333b", "#c061cb", "#b5835a",
  "#1c71d8", "#2ec27e", "#f5c211", "#e66100", "#c01c28", "#813d9c", "#865e3c",
};

static void
annota_label_finalize (GObject *object)
{
  AnnotaLabel *self = ANNOTA_LABEL (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->color);
  g_free (self->key);
  g_free (self->description);
  g_free (self->extra);

  G_OBJECT_CLASS (annota_label_parent_class)->finalize (object);
}

static void
annota_label_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AnnotaLabel *self = ANNOTA_LABEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_label_class_init (AnnotaLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = annota_label_finalize;
  object_class->get_property = annota_label_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
annota_label_init (AnnotaLabel *self)
{
}

/* An empty string and NULL both mean "none" for optional members. */
static char *
dup_or_null (const char *str)
{
  return (str != NULL && *str != '\0') ? g_strdup (str) : NULL;
}

AnnotaLabel *
annota_label_new (const char *id,
                  const char *name,
                  const char *color,
                  const char *key)
{
  AnnotaLabel *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (ANNOTA_TYPE_LABEL, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name != NULL && *name != '\0' ? name : id);
  self->color = g_strdup (color != NULL && annota_label_color_is_valid (color) ? color : palette[0]);
  self->key = dup_or_null (key);
  return self;
}

const char *
annota_label_get_id (AnnotaLabel *self)
{
  g_return_val_if_fail (ANNOTA_IS_LABEL (self), NULL);
  return self->id;
}

const char *
annota_label_get_name (AnnotaLabel *self)
{
  g_return_val_if_fail (ANNOTA_IS_LABEL (self), NULL);
  return self->name;
}

const char *
annota_label_get_color (AnnotaLabel *self)
{
  g_return_val_if_fail (ANNOTA_IS_LABEL (self), NULL);
  return self->color;
}

const char *
annota_label_get_key (AnnotaLabel *self)
{
  g_return_val_if_fail (ANNOTA_IS_LABEL (self), NULL);
  return self->key;
}

const char *
annota_label_get_description (AnnotaLabel *self)
{
  g_return_val_if_fail (ANNOTA_IS_LABEL (self), NULL);
  return self->description;
}

const char *
annota_label_get_extra (AnnotaLabel *self)
{
  g_return_val_if_fail (ANNOTA_IS_LABEL (self), NULL);
  return self->extra;
}

AnnotaLabel *
annota_label_copy (AnnotaLabel *self)
{
  AnnotaLabel *copy;

  g_return_val_if_fail (ANNOTA_IS_LABEL (self), NULL);

  copy = annota_label_new (self->id, self->name, self->color, self->key);
  copy->description = g_strdup (self->description);
  copy->extra = g_strdup (self->extra);
  return copy;
}

gboolean
annota_label_color_is_valid (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

const char *
annota_label_default_color (guint n)
{
  return palette[n % G_N_ELEMENTS (palette)];
}

static void
set_string (AnnotaLabel  *self,
            char        **field,
            const char   *value,
            guint         prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  if (prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_annota_label_set_name (AnnotaLabel *self,
                        const char  *name)
{
  g_return_if_fail (ANNOTA_IS_LABEL (self));
  set_string (self, &self->name, (name != NULL && *name != '\0') ? name : self->id, PROP_NAME);
}

void
_annota_label_set_color (AnnotaLabel *self,
                         const char  *color)
{
  g_return_if_fail (ANNOTA_IS_LABEL (self));
  g_return_if_fail (annota_label_color_is_valid (color));
  set_string (self, &self->color, color, PROP_COLOR);
}

void
_annota_label_set_key (AnnotaLabel *self,
                       const char  *key)
{
  g_return_if_fail (ANNOTA_IS_LABEL (self));
  set_string (self, &self->key, (key != NULL && *key != '\0') ? key : NULL, PROP_KEY);
}

void
_annota_label_set_description (AnnotaLabel *self,
                               const char  *description)
{
  g_return_if_fail (ANNOTA_IS_LABEL (self));
  set_string (self, &self->description,
              (description != NULL && *description != '\0') ? description : NULL,
              PROP_DESCRIPTION);
}

void
_annota_label_set_extra (AnnotaLabel *self,
                         const char  *extra_json)
{
  g_return_if_fail (ANNOTA_IS_LABEL (self));
  set_string (self, &self->extra, extra_json, PROP_0);
}
