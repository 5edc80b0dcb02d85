/* annota-label-palette.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder until the widget lands.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include "annota-label-palette.h"

struct _AnnotaLabelPalette
{
  GtkWidget       parent_instance;
  AnnotaDocument *document;
};

G_DEFINE_FINAL_TYPE (AnnotaLabelPalette, annota_label_palette, GTK_TYPE_WIDGET)

static void
annota_label_palette_dispose (GObject *object)
{
  AnnotaLabelPalette *self = ANNOTA_LABEL_PALETTE (object);

  g_clear_object (&self->document);
  G_OBJECT_CLASS (annota_label_palette_parent_class)->dispose (object);
}

static void
annota_label_palette_class_init (AnnotaLabelPaletteClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = annota_label_palette_dispose;
}

static void
annota_label_palette_init (AnnotaLabelPalette *self)
{
}

GtkWidget *
annota_label_palette_new (void)
{
  return g_object_new (ANNOTA_TYPE_LABEL_PALETTE, NULL);
}

void
annota_label_palette_set_document (AnnotaLabelPalette       *self,
                          AnnotaDocument *document)
{
  g_set_object (&self->document, document);
}
