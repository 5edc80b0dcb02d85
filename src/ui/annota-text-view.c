/* annota-text-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder until the text view lands: shows the text, no spans.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include "annota-text-view.h"

struct _AnnotaTextView
{
  GtkTextView     parent_instance;
  AnnotaDocument *document;
  AnnotaSpan     *selected_span;
  AnnotaSnapMode  snap_mode;
  gboolean        show_rejected;
};

G_DEFINE_FINAL_TYPE (AnnotaTextView, annota_text_view, GTK_TYPE_TEXT_VIEW)

static void
annota_text_view_dispose (GObject *object)
{
  AnnotaTextView *self = ANNOTA_TEXT_VIEW (object);

  g_clear_object (&self->document);
  G_OBJECT_CLASS (annota_text_view_parent_class)->dispose (object);
}

static void
annota_text_view_class_init (AnnotaTextViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = annota_text_view_dispose;
}

static void
annota_text_view_init (AnnotaTextView *self)
{
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self), FALSE);
}

GtkWidget *
annota_text_view_new (void)
{
  return g_object_new (ANNOTA_TYPE_TEXT_VIEW, NULL);
}

void
annota_text_view_set_document (AnnotaTextView *self,
                               AnnotaDocument *document)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  g_set_object (&self->document, document);
  gtk_text_buffer_set_text (buffer,
                            document ? annota_text_get_utf8 (annota_document_get_text (document)) : "",
                            -1);
}

AnnotaDocument *
annota_text_view_get_document (AnnotaTextView *self)
{
  return self->document;
}

AnnotaSpan *
annota_text_view_get_selected_span (AnnotaTextView *self)
{
  return self->selected_span;
}

void
annota_text_view_set_selected_span (AnnotaTextView *self,
                                    AnnotaSpan     *span)
{
  self->selected_span = span;
}

gboolean
annota_text_view_get_snapped_selection (AnnotaTextView *self,
                                        guint          *start,
                                        guint          *end)
{
  GtkTextIter s, e;

  if (!gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &s, &e))
    return FALSE;
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
  return TRUE;
}

void
annota_text_view_select_range (AnnotaTextView *self,
                               guint           start,
                               guint           end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  gtk_text_buffer_select_range (buffer, &s, &e);
}

AnnotaSnapMode
annota_text_view_get_snap_mode (AnnotaTextView *self)
{
  return self->snap_mode;
}

void
annota_text_view_set_snap_mode (AnnotaTextView *self,
                                AnnotaSnapMode  mode)
{
  self->snap_mode = mode;
}

gboolean
annota_text_view_get_show_rejected (AnnotaTextView *self)
{
  return self->show_rejected;
}

void
annota_text_view_set_show_rejected (AnnotaTextView *self,
                                    gboolean        show)
{
  self->show_rejected = show;
}

guint
annota_text_view_get_cursor_offset (AnnotaTextView *self)
{
  return 0;
}

guint
annota_text_view_get_selection_length (AnnotaTextView *self)
{
  return 0;
}

GtkTextTag *
annota_text_view_get_label_tag (AnnotaTextView   *self,
                                const char       *label,
                                AnnotaSpanStatus  status)
{
  return NULL;
}
