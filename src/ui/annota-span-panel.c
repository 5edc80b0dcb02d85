/* annota-span-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder until the widget lands.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include "annota-span-panel.h"

struct _AnnotaSpanPanel
{
  GtkWidget       parent_instance;
  AnnotaDocument *document;
};

G_DEFINE_FINAL_TYPE (AnnotaSpanPanel, annota_span_panel, GTK_TYPE_WIDGET)

static void
annota_span_panel_dispose (GObject *object)
{
  AnnotaSpanPanel *self = ANNOTA_SPAN_PANEL (object);

  g_clear_object (&self->document);
  G_OBJECT_CLASS (annota_span_panel_parent_class)->dispose (object);
}

static void
annota_span_panel_class_init (AnnotaSpanPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = annota_span_panel_dispose;
}

static void
annota_span_panel_init (AnnotaSpanPanel *self)
{
}

GtkWidget *
annota_span_panel_new (void)
{
  return g_object_new (ANNOTA_TYPE_SPAN_PANEL, NULL);
}

void
annota_span_panel_set_document (AnnotaSpanPanel       *self,
                          AnnotaDocument *document)
{
  g_set_object (&self->document, document);
}

AnnotaSpan *
annota_span_panel_get_selected_span (AnnotaSpanPanel *self)
{
  return NULL;
}

void
annota_span_panel_set_selected_span (AnnotaSpanPanel *self,
                                     AnnotaSpan      *span)
{
}

guint
annota_span_panel_get_n_visible (AnnotaSpanPanel *self)
{
  return 0;
}
