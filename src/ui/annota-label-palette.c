/* annota-label-palette.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListBox bound to the document's label set: one row per label, each
 * following its label's notifications; the counts follow the document's
 * "counts-changed".
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-label-editor.h"
#include "annota-label-palette.h"
#include "annota-swatch-private.h"

struct _AnnotaLabelPalette
{
  GtkWidget       parent_instance;

  AnnotaDocument *document;

  GtkWidget      *list_box;
  GtkWidget      *edit_button;
};

G_DEFINE_FINAL_TYPE (AnnotaLabelPalette, annota_label_palette, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

enum {
  LABEL_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  AnnotaLabel *label;
  GtkWidget   *widget;   /* the GtkListBoxRow, which owns this */
  GtkWidget   *swatch;
  GtkWidget   *keycap;
  GtkWidget   *id;
  GtkWidget   *name;
  GtkWidget   *count;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->label);
  g_free (row);
}

static void
row_update_count (AnnotaLabelPalette *self,
                  Row                *row)
{
  char buf[16];
  guint count = 0;

  if (self->document != NULL)
    count = annota_document_count_spans (self->document, annota_label_get_id (row->label), -1);
  g_snprintf (buf, sizeof buf, "%u", count);
  gtk_label_set_text (GTK_LABEL (row->count), buf);
}

static void
row_update (Row *row)
{
  const char *key = annota_label_get_key (row->label);
  const char *name = annota_label_get_name (row->label);
  g_autofree char *accel = NULL;
  g_autofree char *tip = NULL;

  _annota_swatch_set_color (row->swatch, annota_label_get_color (row->label));
  gtk_label_set_text (GTK_LABEL (row->id), annota_label_get_id (row->label));
  /* A name that only repeats the id says nothing. */
  if (name != NULL && g_strcmp0 (name, annota_label_get_id (row->label)) != 0)
    gtk_label_set_text (GTK_LABEL (row->name), name);
  else
    gtk_label_set_text (GTK_LABEL (row->name), "");

  /* Any character makes a keycap through its keyval, punctuation too. */
  if (key != NULL && *key != '\0')
    {
      guint keyval = gdk_unicode_to_keyval (g_utf8_get_char (key));

      accel = gtk_accelerator_name (keyval, 0);
    }
  gtk_shortcut_label_set_accelerator (GTK_SHORTCUT_LABEL (row->keycap), accel != NULL ? accel : "");
  gtk_widget_set_visible (row->keycap, accel != NULL);

  /* TRANSLATORS: tooltip of a label in the palette; %s is its name */
  tip = g_strdup_printf (_("Label the Selection “%s”"), name != NULL ? name : annota_label_get_id (row->label));
  gtk_widget_set_tooltip_text (row->widget, tip);
}

static void
on_label_notify (AnnotaLabel *label,
                 GParamSpec  *pspec,
                 GtkWidget   *widget)
{
  row_update (g_object_get_data (G_OBJECT (widget), "annota-row"));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  AnnotaLabelPalette *self = user_data;
  AnnotaLabel *label = item;
  Row *row = g_new0 (Row, 1);
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *keybox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  row->label = g_object_ref (label);
  row->widget = list_row;

  row->swatch = _annota_swatch_new (14);
  gtk_box_append (GTK_BOX (box), row->swatch);

  /* A fixed slot keeps the ids aligned whether a label has a key or not. */
  gtk_widget_set_size_request (keybox, 28, -1);
  row->keycap = gtk_shortcut_label_new (NULL);
  gtk_widget_set_name (row->keycap, "key");
  gtk_widget_set_valign (row->keycap, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (keybox), row->keycap);
  gtk_box_append (GTK_BOX (box), keybox);

  row->id = gtk_label_new (NULL);
  gtk_widget_set_name (row->id, "id");
  gtk_label_set_xalign (GTK_LABEL (row->id), 0);
  gtk_widget_add_css_class (row->id, "heading");
  gtk_box_append (GTK_BOX (box), row->id);

  row->name = gtk_label_new (NULL);
  gtk_widget_set_name (row->name, "name");
  gtk_label_set_xalign (GTK_LABEL (row->name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (row->name, TRUE);
  gtk_widget_add_css_class (row->name, "dim-label");
  gtk_box_append (GTK_BOX (box), row->name);

  row->count = gtk_label_new (NULL);
  gtk_widget_set_name (row->count, "count");
  gtk_label_set_xalign (GTK_LABEL (row->count), 1);
  gtk_widget_add_css_class (row->count, "numeric");
  gtk_widget_add_css_class (row->count, "dim-label");
  gtk_box_append (GTK_BOX (box), row->count);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  g_object_set_data_full (G_OBJECT (list_row), "annota-row", row, row_free);
  g_signal_connect_object (label, "notify", G_CALLBACK (on_label_notify), list_row, 0);

  row_update (row);
  row_update_count (self, row);
  return list_row;
}

static void
update_counts (AnnotaLabelPalette *self)
{
  GtkListBoxRow *list_row;

  for (int i = 0; (list_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), i)) != NULL; i++)
    {
      Row *row = g_object_get_data (G_OBJECT (list_row), "annota-row");

      if (row != NULL)
        row_update_count (self, row);
    }
}

static void
on_counts_changed (AnnotaDocument     *document,
                   AnnotaLabelPalette *self)
{
  update_counts (self);
}

static void
on_row_activated (GtkListBox         *list_box,
                  GtkListBoxRow      *list_row,
                  AnnotaLabelPalette *self)
{
  Row *row = g_object_get_data (G_OBJECT (list_row), "annota-row");

  if (row != NULL)
    g_signal_emit (self, signals[LABEL_ACTIVATED], 0, annota_label_get_id (row->label));
}

static void
on_edit_clicked (GtkButton          *button,
                 AnnotaLabelPalette *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *editor;

  if (self->document == NULL)
    return;
  editor = annota_label_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->document);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
annota_label_palette_dispose (GObject *object)
{
  AnnotaLabelPalette *self = ANNOTA_LABEL_PALETTE (object);
  GtkWidget *child;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->list_box = NULL;
  self->edit_button = NULL;

  G_OBJECT_CLASS (annota_label_palette_parent_class)->dispose (object);
}

static void
annota_label_palette_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AnnotaLabelPalette *self = ANNOTA_LABEL_PALETTE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_label_palette_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AnnotaLabelPalette *self = ANNOTA_LABEL_PALETTE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      annota_label_palette_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_label_palette_class_init (AnnotaLabelPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = annota_label_palette_dispose;
  object_class->get_property = annota_label_palette_get_property;
  object_class->set_property = annota_label_palette_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         ANNOTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnnotaLabelPalette::label-activated:
   * @self: the palette
   * @label_id: the id of the label the user picked
   *
   * Emitted when the user activates a label's row (click or Enter); the
   * window labels the selection (or relabels the selected span) with it.
   */
  signals[LABEL_ACTIVATED] =
    g_signal_new ("label-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annota-label-palette");
}

static void
annota_label_palette_init (AnnotaLabelPalette *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *placeholder;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->list_box = gtk_list_box_new ();
  gtk_widget_set_name (self->list_box, "labels");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list_box), TRUE);
  gtk_widget_add_css_class (self->list_box, "navigation-sidebar");
  placeholder = gtk_label_new (_("No Labels"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list_box), placeholder);
  g_signal_connect (self->list_box, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_widget_set_parent (self->list_box, GTK_WIDGET (self));

  self->edit_button = gtk_button_new_with_mnemonic (_("_Edit Labels…"));
  gtk_widget_set_halign (self->edit_button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_bottom (self->edit_button, 6);
  gtk_widget_set_sensitive (self->edit_button, FALSE);
  g_signal_connect (self->edit_button, "clicked", G_CALLBACK (on_edit_clicked), self);
  gtk_widget_set_parent (self->edit_button, GTK_WIDGET (self));
}

GtkWidget *
annota_label_palette_new (void)
{
  return g_object_new (ANNOTA_TYPE_LABEL_PALETTE, NULL);
}

void
annota_label_palette_set_document (AnnotaLabelPalette *self,
                                   AnnotaDocument     *document)
{
  g_return_if_fail (ANNOTA_IS_LABEL_PALETTE (self));
  g_return_if_fail (document == NULL || ANNOTA_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);

  if (document != NULL)
    {
      g_signal_connect (document, "counts-changed", G_CALLBACK (on_counts_changed), self);
      gtk_list_box_bind_model (GTK_LIST_BOX (self->list_box),
                               G_LIST_MODEL (annota_document_get_labels (document)),
                               create_row, self, NULL);
    }
  else
    gtk_list_box_bind_model (GTK_LIST_BOX (self->list_box), NULL, NULL, NULL, NULL);
  gtk_widget_set_sensitive (self->edit_button, document != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}
