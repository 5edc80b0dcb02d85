/* annota-compare.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The differences come from AnnotaAgreement's exact matching: this
 * document's unpaired spans and the other's. An unpaired span of each side
 * at the same range makes one label disagreement; the rest are only here or
 * only there. The comparison is made again in an idle after every change of
 * this document, so that taking a side shows at once in the lists and the
 * figures.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-compare.h"

struct _AnnotaCompareView
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkLabel        *title_label;
  GtkToggleButton *kind_buttons[3];
  GtkLabel        *hint_label;
  GtkWidget       *mine_all_button;
  GtkWidget       *theirs_all_button;
  GtkStack        *list_stack;
  GtkListView     *list_view;
  GtkSingleSelection *selection;

  AnnotaDocument  *document;
  GSignalGroup    *document_signals;
  GSignalGroup    *store_signals;
  AnnotaDocument  *other;
  char            *other_name;
  AnnotaAgreement *agreement;
  GListStore      *diffs[3];
  GHashTable      *mine_for;     /* their span → this document's span */
  GHashTable      *settled;      /* keys of the differences kept as they are here */
  AnnotaDiffKind   kind;
  guint            update_id;
  gboolean         updating_buttons;
};

G_DEFINE_FINAL_TYPE (AnnotaCompareView, annota_compare_view, GTK_TYPE_WIDGET)

enum {
  UPDATED,
  SPAN_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GType
annota_diff_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { ANNOTA_DIFF_ONLY_HERE, "ANNOTA_DIFF_ONLY_HERE", "only-here" },
        { ANNOTA_DIFF_ONLY_THERE, "ANNOTA_DIFF_ONLY_THERE", "only-there" },
        { ANNOTA_DIFF_LABEL, "ANNOTA_DIFF_LABEL", "label" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("AnnotaDiffKind"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static char *
settled_key (AnnotaDiffKind  kind,
             AnnotaSpan     *span)
{
  return g_strdup_printf ("%d:%u:%u:%s", kind, annota_span_get_start (span), annota_span_get_end (span),
                          annota_span_get_label (span));
}

static guint64
range_key (AnnotaSpan *span)
{
  return ((guint64) annota_span_get_start (span) << 32) | annota_span_get_end (span);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  return annota_span_compare (*(AnnotaSpan **) a, *(AnnotaSpan **) b);
}

static void
update_kind_buttons (AnnotaCompareView *self)
{
  static const char *names[] = { N_("Only Here"), N_("Only There"), N_("Labels Differ") };
  static const char *hints[] = {
    N_("Spans this document has and the other lacks. Theirs removes them."),
    N_("Spans only the other document has. Theirs adds them here."),
    N_("The same text with another label there. Theirs relabels."),
  };

  self->updating_buttons = TRUE;
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *text = g_strdup_printf ("%s  %u", _(names[k]),
                                               g_list_model_get_n_items (G_LIST_MODEL (self->diffs[k])));

      gtk_button_set_label (GTK_BUTTON (self->kind_buttons[k]), text);
      gtk_toggle_button_set_active (self->kind_buttons[k], k == self->kind);
    }
  self->updating_buttons = FALSE;
  gtk_label_set_label (self->hint_label, _(hints[self->kind]));

  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->diffs[self->kind])) > 0 ?
                                    "list" : "empty");
  gtk_widget_set_sensitive (self->mine_all_button,
                            g_list_model_get_n_items (G_LIST_MODEL (self->diffs[self->kind])) > 0);
  gtk_widget_set_sensitive (self->theirs_all_button,
                            g_list_model_get_n_items (G_LIST_MODEL (self->diffs[self->kind])) > 0);
}

static void
set_kind (AnnotaCompareView *self,
          AnnotaDiffKind     kind)
{
  self->kind = kind;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->diffs[kind]));
  update_kind_buttons (self);
}

static void
replace_items (GListStore *store,
               GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

void
annota_compare_view_update (AnnotaCompareView *self)
{
  g_autoptr(GPtrArray) here = NULL;
  g_autoptr(GPtrArray) there = NULL;
  g_autoptr(GPtrArray) label = NULL;
  g_autoptr(GHashTable) by_range = NULL;
  g_autoptr(GHashTable) used = NULL;
  GPtrArray *fn, *fp;

  g_return_if_fail (ANNOTA_IS_COMPARE_VIEW (self));

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->other == NULL || self->document == NULL)
    return;

  annota_agreement_compare (self->agreement,
                            annota_document_get_spans (self->document),
                            annota_document_get_spans (self->other),
                            annota_document_get_text (self->document));
  fn = annota_agreement_get_false_negatives (self->agreement);
  fp = annota_agreement_get_false_positives (self->agreement);

  /* Their unpaired spans by range, the first of each range first. */
  by_range = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < fp->len; i++)
    {
      guint64 key = range_key (fp->pdata[i]);
      GPtrArray *list = g_hash_table_lookup (by_range, &key);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_range, g_memdup2 (&key, sizeof key), list);
        }
      g_ptr_array_add (list, fp->pdata[i]);
    }

  here = g_ptr_array_new ();
  there = g_ptr_array_new ();
  label = g_ptr_array_new ();
  used = g_hash_table_new (NULL, NULL);
  g_hash_table_remove_all (self->mine_for);

  for (guint i = 0; i < fn->len; i++)
    {
      AnnotaSpan *mine = fn->pdata[i];
      guint64 key = range_key (mine);
      GPtrArray *list = g_hash_table_lookup (by_range, &key);
      AnnotaSpan *theirs = NULL;

      for (guint j = 0; list != NULL && j < list->len && theirs == NULL; j++)
        if (!g_hash_table_contains (used, list->pdata[j]))
          theirs = list->pdata[j];

      if (theirs != NULL)
        {
          g_autofree char *k = settled_key (ANNOTA_DIFF_LABEL, theirs);

          g_hash_table_add (used, theirs);
          if (g_hash_table_contains (self->settled, k))
            continue;
          g_hash_table_insert (self->mine_for, theirs, mine);
          g_ptr_array_add (label, theirs);
        }
      else
        {
          g_autofree char *k = settled_key (ANNOTA_DIFF_ONLY_HERE, mine);

          if (!g_hash_table_contains (self->settled, k))
            g_ptr_array_add (here, mine);
        }
    }
  for (guint i = 0; i < fp->len; i++)
    {
      g_autofree char *k = NULL;

      if (g_hash_table_contains (used, fp->pdata[i]))
        continue;
      k = settled_key (ANNOTA_DIFF_ONLY_THERE, fp->pdata[i]);
      if (!g_hash_table_contains (self->settled, k))
        g_ptr_array_add (there, fp->pdata[i]);
    }
  /* The label disagreements in store order, as the others are. */
  g_ptr_array_sort (label, compare_spans);

  replace_items (self->diffs[ANNOTA_DIFF_ONLY_HERE], here);
  replace_items (self->diffs[ANNOTA_DIFF_ONLY_THERE], there);
  replace_items (self->diffs[ANNOTA_DIFF_LABEL], label);
  update_kind_buttons (self);
  g_signal_emit (self, signals[UPDATED], 0);
}

static gboolean
update_idle (gpointer data)
{
  AnnotaCompareView *self = data;

  self->update_id = 0;
  annota_compare_view_update (self);
  return G_SOURCE_REMOVE;
}

static void
queue_update (AnnotaCompareView *self)
{
  if (self->other != NULL && self->update_id == 0)
    self->update_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, update_idle, self, NULL);
}

/* The other document's label, added here when this document lacks it. */
static gboolean
ensure_label (AnnotaCompareView  *self,
              const char         *id,
              GError            **error)
{
  AnnotaLabelSet *labels = annota_document_get_labels (self->document);
  AnnotaLabel *theirs;
  g_autoptr(AnnotaLabel) label = NULL;
  const char *key;

  if (annota_label_set_lookup (labels, id) != NULL)
    return TRUE;
  theirs = annota_label_set_lookup (annota_document_get_labels (self->other), id);
  key = theirs ? annota_label_get_key (theirs) : NULL;
  if (key != NULL && annota_label_set_lookup_key (labels, key) != NULL)
    key = NULL;
  label = annota_label_new (id, theirs ? annota_label_get_name (theirs) : id,
                            theirs && annota_label_color_is_valid (annota_label_get_color (theirs)) ?
                            annota_label_get_color (theirs) :
                            annota_label_default_color (annota_label_set_get_n_labels (labels)),
                            key);
  return annota_document_add_label (self->document, label, error);
}

static gboolean
take_theirs (AnnotaCompareView  *self,
             AnnotaDiffKind      kind,
             AnnotaSpan         *span,
             GError            **error)
{
  AnnotaSpanStore *store = annota_document_get_spans (self->document);
  AnnotaSpan *mine;

  switch (kind)
    {
    case ANNOTA_DIFF_ONLY_HERE:
      if (!annota_span_store_find (store, span, NULL))
        return TRUE;
      annota_document_remove_span (self->document, span);
      return TRUE;

    case ANNOTA_DIFF_ONLY_THERE:
      if (!ensure_label (self, annota_span_get_label (span), error))
        return FALSE;
      return annota_document_add_span (self->document, annota_span_get_start (span), annota_span_get_end (span),
                                       annota_span_get_label (span), annota_span_get_status (span),
                                       annota_span_get_origin (span),
                                       annota_span_has_score (span) ? annota_span_get_score (span) : -1.0,
                                       error) != NULL;

    case ANNOTA_DIFF_LABEL:
      mine = g_hash_table_lookup (self->mine_for, span);
      if (mine == NULL || !annota_span_store_find (store, mine, NULL))
        return TRUE;
      if (!ensure_label (self, annota_span_get_label (span), error))
        return FALSE;
      return annota_document_relabel_span (self->document, mine, annota_span_get_label (span), error);

    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static void
keep_mine (AnnotaCompareView *self,
           AnnotaDiffKind     kind,
           AnnotaSpan        *span)
{
  guint position;

  g_hash_table_add (self->settled, settled_key (kind, span));
  if (g_list_store_find (self->diffs[kind], span, &position))
    g_list_store_remove (self->diffs[kind], position);
  update_kind_buttons (self);
  g_signal_emit (self, signals[UPDATED], 0);
}

gboolean
annota_compare_view_take (AnnotaCompareView *self,
                          AnnotaDiffKind     kind,
                          AnnotaSpan        *span,
                          gboolean           theirs)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (ANNOTA_IS_COMPARE_VIEW (self), FALSE);
  g_return_val_if_fail (kind <= ANNOTA_DIFF_LABEL, FALSE);
  g_return_val_if_fail (ANNOTA_IS_SPAN (span), FALSE);

  if (self->other == NULL || !g_list_store_find (self->diffs[kind], span, NULL))
    return FALSE;
  if (!theirs)
    {
      keep_mine (self, kind, span);
      return TRUE;
    }
  annota_document_begin_step (self->document);
  ok = take_theirs (self, kind, span, &error);
  annota_document_end_step (self->document);
  if (!ok)
    g_warning ("Could not take the other side: %s", error->message);
  annota_compare_view_update (self);
  return ok;
}

void
annota_compare_view_take_all (AnnotaCompareView *self,
                              AnnotaDiffKind     kind,
                              gboolean           theirs)
{
  g_autoptr(GPtrArray) spans = NULL;
  guint n;

  g_return_if_fail (ANNOTA_IS_COMPARE_VIEW (self));
  g_return_if_fail (kind <= ANNOTA_DIFF_LABEL);

  if (self->other == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->diffs[kind]));
  spans = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (spans, g_list_model_get_item (G_LIST_MODEL (self->diffs[kind]), i));

  if (!theirs)
    {
      for (guint i = 0; i < spans->len; i++)
        g_hash_table_add (self->settled, settled_key (kind, spans->pdata[i]));
      g_list_store_remove_all (self->diffs[kind]);
      update_kind_buttons (self);
      g_signal_emit (self, signals[UPDATED], 0);
      return;
    }

  annota_document_begin_step (self->document);
  for (guint i = 0; i < spans->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!take_theirs (self, kind, spans->pdata[i], &error))
        g_warning ("Could not take the other side: %s", error->message);
    }
  annota_document_end_step (self->document);
  annota_compare_view_update (self);
}

gboolean
annota_compare_view_open (AnnotaCompareView  *self,
                          AnnotaDocument     *other,
                          const char         *other_name,
                          GError            **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (ANNOTA_IS_COMPARE_VIEW (self), FALSE);
  g_return_val_if_fail (ANNOTA_IS_DOCUMENT (other), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->document == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No document is open"));
      return FALSE;
    }
  if (!annota_agreement_check_texts (annota_document_get_text (self->document), _("this document"),
                                     annota_document_get_text (other), other_name, NULL, error))
    return FALSE;

  g_set_object (&self->other, other);
  g_free (self->other_name);
  self->other_name = g_strdup (other_name ? other_name : _("the other document"));
  g_hash_table_remove_all (self->settled);
  /* Translators: %s is the name of the file compared with this document. */
  title = g_strdup_printf (_("Compared with %s"), self->other_name);
  gtk_label_set_label (self->title_label, title);
  annota_compare_view_update (self);
  return TRUE;
}

void
annota_compare_view_close (AnnotaCompareView *self)
{
  g_return_if_fail (ANNOTA_IS_COMPARE_VIEW (self));

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->other == NULL)
    return;
  g_clear_object (&self->other);
  g_clear_pointer (&self->other_name, g_free);
  g_hash_table_remove_all (self->mine_for);
  for (guint k = 0; k < 3; k++)
    g_list_store_remove_all (self->diffs[k]);
  update_kind_buttons (self);
  g_signal_emit (self, signals[UPDATED], 0);
}

void
annota_compare_view_set_document (AnnotaCompareView *self,
                                  AnnotaDocument    *document)
{
  g_return_if_fail (ANNOTA_IS_COMPARE_VIEW (self));
  g_return_if_fail (document == NULL || ANNOTA_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  annota_compare_view_close (self);
  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);
  g_signal_group_set_target (self->store_signals, document ? annota_document_get_spans (document) : NULL);
}

AnnotaAgreement *
annota_compare_view_get_agreement (AnnotaCompareView *self)
{
  g_return_val_if_fail (ANNOTA_IS_COMPARE_VIEW (self), NULL);

  if (self->other == NULL)
    return NULL;
  if (self->update_id != 0)
    annota_compare_view_update (self);
  return self->agreement;
}

const char *
annota_compare_view_get_other_name (AnnotaCompareView *self)
{
  g_return_val_if_fail (ANNOTA_IS_COMPARE_VIEW (self), NULL);

  return self->other_name;
}

GListModel *
annota_compare_view_get_diffs (AnnotaCompareView *self,
                               AnnotaDiffKind     kind)
{
  g_return_val_if_fail (ANNOTA_IS_COMPARE_VIEW (self), NULL);
  g_return_val_if_fail (kind <= ANNOTA_DIFF_LABEL, NULL);

  if (self->update_id != 0)
    annota_compare_view_update (self);
  return G_LIST_MODEL (self->diffs[kind]);
}

AnnotaSpan *
annota_compare_view_get_mine (AnnotaCompareView *self,
                              AnnotaSpan        *theirs)
{
  g_return_val_if_fail (ANNOTA_IS_COMPARE_VIEW (self), NULL);

  return g_hash_table_lookup (self->mine_for, theirs);
}

/* Rows */

static void
on_row_button_clicked (GtkButton         *button,
                       AnnotaCompareView *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (button), "annota-list-item");
  gboolean theirs = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "annota-theirs"));
  AnnotaSpan *span = gtk_list_item_get_item (item);

  if (span != NULL)
    annota_compare_view_take (self, self->kind, span, theirs);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           AnnotaCompareView        *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *text = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *mine = gtk_button_new_with_label (_("Mine"));
  GtkWidget *theirs = gtk_button_new_with_label (_("Theirs"));

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "numeric");
  gtk_box_append (GTK_BOX (texts), text);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (row), texts);

  gtk_widget_add_css_class (mine, "flat");
  gtk_widget_add_css_class (theirs, "flat");
  gtk_widget_set_valign (mine, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (theirs, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (mine, _("Keep this document’s side"));
  gtk_widget_set_tooltip_text (theirs, _("Take the other document’s side"));
  g_object_set_data (G_OBJECT (mine), "annota-list-item", item);
  g_object_set_data (G_OBJECT (theirs), "annota-list-item", item);
  g_object_set_data (G_OBJECT (theirs), "annota-theirs", GINT_TO_POINTER (TRUE));
  g_signal_connect_object (mine, "clicked", G_CALLBACK (on_row_button_clicked), self, 0);
  g_signal_connect_object (theirs, "clicked", G_CALLBACK (on_row_button_clicked), self, 0);
  gtk_box_append (GTK_BOX (row), mine);
  gtk_box_append (GTK_BOX (row), theirs);

  g_object_set_data (G_OBJECT (item), "annota-text", text);
  g_object_set_data (G_OBJECT (item), "annota-detail", detail);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          AnnotaCompareView        *self)
{
  AnnotaSpan *span = gtk_list_item_get_item (item);
  GtkLabel *text = g_object_get_data (G_OBJECT (item), "annota-text");
  GtkLabel *detail = g_object_get_data (G_OBJECT (item), "annota-detail");
  g_autofree char *covered = NULL;
  g_autofree char *info = NULL;
  AnnotaSpan *mine;

  if (self->document == NULL)
    return;
  covered = annota_text_substring (annota_document_get_text (self->document),
                                   annota_span_get_start (span), annota_span_get_end (span));
  for (char *p = covered; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  gtk_label_set_text (text, covered);

  mine = self->kind == ANNOTA_DIFF_LABEL ? g_hash_table_lookup (self->mine_for, span) : NULL;
  if (mine != NULL)
    /* Translators: "PER here, LOC there · 205–210" */
    info = g_strdup_printf (_("%s here, %s there · %u–%u"), annota_span_get_label (mine),
                            annota_span_get_label (span), annota_span_get_start (span), annota_span_get_end (span));
  else
    info = g_strdup_printf ("%s · %s · %u–%u", annota_span_get_label (span),
                            annota_span_status_to_string (annota_span_get_status (span)),
                            annota_span_get_start (span), annota_span_get_end (span));
  gtk_label_set_text (detail, info);
}

static void
on_selected (AnnotaCompareView *self)
{
  AnnotaSpan *span = gtk_single_selection_get_selected_item (self->selection);
  AnnotaSpan *mine = NULL;

  if (span == NULL)
    return;
  if (self->kind == ANNOTA_DIFF_ONLY_HERE)
    mine = span;
  else if (self->kind == ANNOTA_DIFF_LABEL)
    mine = g_hash_table_lookup (self->mine_for, span);
  g_signal_emit (self, signals[SPAN_ACTIVATED], 0,
                 annota_span_get_start (span), annota_span_get_end (span), mine);
}

static void
on_kind_toggled (GtkToggleButton   *button,
                 AnnotaCompareView *self)
{
  if (self->updating_buttons || !gtk_toggle_button_get_active (button))
    return;
  for (guint k = 0; k < 3; k++)
    if (self->kind_buttons[k] == button)
      set_kind (self, k);
}

static void
on_mine_all (AnnotaCompareView *self)
{
  annota_compare_view_take_all (self, self->kind, FALSE);
}

static void
on_theirs_all (AnnotaCompareView *self)
{
  annota_compare_view_take_all (self, self->kind, TRUE);
}

static void
on_close_clicked (AnnotaCompareView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.close-comparison", NULL);
}

GtkWidget *
annota_compare_view_new (void)
{
  return g_object_new (ANNOTA_TYPE_COMPARE_VIEW, NULL);
}

static void
annota_compare_view_dispose (GObject *object)
{
  AnnotaCompareView *self = ANNOTA_COMPARE_VIEW (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->document);
  g_clear_object (&self->other);
  g_clear_pointer (&self->other_name, g_free);
  g_clear_object (&self->agreement);
  for (guint k = 0; k < 3; k++)
    g_clear_object (&self->diffs[k]);
  g_clear_pointer (&self->mine_for, g_hash_table_unref);
  g_clear_pointer (&self->settled, g_hash_table_unref);

  G_OBJECT_CLASS (annota_compare_view_parent_class)->dispose (object);
}

static void
annota_compare_view_class_init (AnnotaCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = annota_compare_view_dispose;

  /**
   * AnnotaCompareView::updated:
   *
   * The comparison was made again, or a difference was settled.
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * AnnotaCompareView::span-activated:
   * @start: the difference's range
   * @end:
   * @mine: (nullable): this document's span there, if any
   *
   * A difference was chosen in the list: show it in the text.
   */
  signals[SPAN_ACTIVATED] =
    g_signal_new ("span-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, ANNOTA_TYPE_SPAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annota-compare-view");
}

static void
annota_compare_view_init (AnnotaCompareView *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *kinds = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *all = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *empty = gtk_label_new (_("No differences of this kind"));
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->agreement = annota_agreement_new ();
  self->mine_for = g_hash_table_new (NULL, NULL);
  self->settled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint k = 0; k < 3; k++)
    self->diffs[k] = g_list_store_new (ANNOTA_TYPE_SPAN);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0.0f);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_tooltip_text (close, _("Close the Comparison"));
  g_signal_connect_object (close, "clicked", G_CALLBACK (on_close_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (header), close);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_set_margin_top (header, 6);
  gtk_box_append (GTK_BOX (self->box), header);

  gtk_widget_add_css_class (kinds, "linked");
  gtk_widget_set_halign (kinds, GTK_ALIGN_CENTER);
  for (guint k = 0; k < 3; k++)
    {
      self->kind_buttons[k] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
      if (k > 0)
        gtk_toggle_button_set_group (self->kind_buttons[k], self->kind_buttons[0]);
      g_signal_connect_object (self->kind_buttons[k], "toggled", G_CALLBACK (on_kind_toggled), self, 0);
      gtk_box_append (GTK_BOX (kinds), GTK_WIDGET (self->kind_buttons[k]));
    }
  gtk_box_append (GTK_BOX (self->box), kinds);

  self->hint_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->hint_label, TRUE);
  gtk_label_set_xalign (self->hint_label, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "caption");
  gtk_widget_set_margin_start (GTK_WIDGET (self->hint_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->hint_label), 12);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->hint_label));

  self->mine_all_button = gtk_button_new_with_mnemonic (_("Keep All _Mine"));
  self->theirs_all_button = gtk_button_new_with_mnemonic (_("Take All _Theirs"));
  g_signal_connect_object (self->mine_all_button, "clicked", G_CALLBACK (on_mine_all), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->theirs_all_button, "clicked", G_CALLBACK (on_theirs_all), self, G_CONNECT_SWAPPED);
  gtk_widget_set_halign (all, GTK_ALIGN_END);
  gtk_widget_set_margin_end (all, 12);
  gtk_box_append (GTK_BOX (all), self->mine_all_button);
  gtk_box_append (GTK_BOX (all), self->theirs_all_button);
  gtk_box_append (GTK_BOX (self->box), all);

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->diffs[0])));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selected), self,
                           G_CONNECT_SWAPPED);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                      factory));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list_view));
  gtk_widget_add_css_class (empty, "dim-label");

  self->list_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->list_stack), TRUE);
  gtk_stack_add_named (self->list_stack, scroller, "list");
  gtk_stack_add_named (self->list_stack, empty, "empty");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->list_stack));

  self->document_signals = g_signal_group_new (ANNOTA_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "counts-changed", G_CALLBACK (queue_update), self);
  self->store_signals = g_signal_group_new (ANNOTA_TYPE_SPAN_STORE);
  g_signal_group_connect_swapped (self->store_signals, "items-changed", G_CALLBACK (queue_update), self);

  set_kind (self, ANNOTA_DIFF_ONLY_HERE);
}
