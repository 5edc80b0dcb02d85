/* annota-label-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder until the label editor lands.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include "annota-label-editor.h"

struct _AnnotaLabelEditor
{
  AdwWindow       parent_instance;
  AnnotaDocument *document;
};

G_DEFINE_FINAL_TYPE (AnnotaLabelEditor, annota_label_editor, ADW_TYPE_WINDOW)

static void
annota_label_editor_dispose (GObject *object)
{
  AnnotaLabelEditor *self = ANNOTA_LABEL_EDITOR (object);

  g_clear_object (&self->document);
  G_OBJECT_CLASS (annota_label_editor_parent_class)->dispose (object);
}

static void
annota_label_editor_class_init (AnnotaLabelEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = annota_label_editor_dispose;
}

static void
annota_label_editor_init (AnnotaLabelEditor *self)
{
}

GtkWidget *
annota_label_editor_new (GtkWindow      *parent,
                         AnnotaDocument *document)
{
  AnnotaLabelEditor *self = g_object_new (ANNOTA_TYPE_LABEL_EDITOR, "transient-for", parent, NULL);

  g_set_object (&self->document, document);
  return GTK_WIDGET (self);
}
