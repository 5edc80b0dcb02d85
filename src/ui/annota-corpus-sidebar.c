/* annota-corpus-sidebar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is the corpus itself (a GListModel of entries) behind a
 * GtkFilterListModel whose filter is unset while nothing is filtered, so
 * that 10,000 documents cost only the rows on screen. Rows follow their
 * entry's notifications; the progress under the list follows the corpus's
 * "progress-changed", gathered into one update per main-loop turn.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-corpus-sidebar.h"
#include "annota-swatch-private.h"

/* Code points of context before and after a hit: fewer before, so that
 * the hit shows in a narrow sidebar. */
#define HIT_BEFORE 18
#define HIT_AFTER  48

/* Hits */

struct _AnnotaCorpusHit
{
  GObject  parent_instance;

  guint    position;
  guint    start;
  guint    end;
  char    *before;
  char    *match;
  char    *after;
  char    *context;
};

G_DEFINE_FINAL_TYPE (AnnotaCorpusHit, annota_corpus_hit, G_TYPE_OBJECT)

static void
annota_corpus_hit_finalize (GObject *object)
{
  AnnotaCorpusHit *self = ANNOTA_CORPUS_HIT (object);

  g_free (self->before);
  g_free (self->match);
  g_free (self->after);
  g_free (self->context);

  G_OBJECT_CLASS (annota_corpus_hit_parent_class)->finalize (object);
}

static void
annota_corpus_hit_class_init (AnnotaCorpusHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = annota_corpus_hit_finalize;
}

static void
annota_corpus_hit_init (AnnotaCorpusHit *self)
{
}

/* Line ends and tabs become spaces, so that the context stays on one line. */
static char *
one_line (char *str)
{
  for (char *p = str; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        *p = ' ';
    }
  return str;
}

static AnnotaCorpusHit *
annota_corpus_hit_new (guint       position,
                       AnnotaText *text,
                       guint       start,
                       guint       end)
{
  AnnotaCorpusHit *self = g_object_new (ANNOTA_TYPE_CORPUS_HIT, NULL);
  guint length = annota_text_get_length (text);
  guint from = start > HIT_BEFORE ? start - HIT_BEFORE : 0;
  guint to = MIN (length, end + HIT_AFTER);

  self->position = position;
  self->start = start;
  self->end = end;
  self->before = one_line (annota_text_substring (text, from, start));
  self->match = one_line (annota_text_substring (text, start, end));
  self->after = one_line (annota_text_substring (text, end, to));
  self->context = g_strconcat (self->before, self->match, self->after, NULL);
  return self;
}

guint
annota_corpus_hit_get_position (AnnotaCorpusHit *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_HIT (self), 0);
  return self->position;
}

guint
annota_corpus_hit_get_start (AnnotaCorpusHit *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_HIT (self), 0);
  return self->start;
}

guint
annota_corpus_hit_get_end (AnnotaCorpusHit *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_HIT (self), 0);
  return self->end;
}

const char *
annota_corpus_hit_get_context (AnnotaCorpusHit *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_HIT (self), NULL);
  return self->context;
}

/* The sidebar */

struct _AnnotaCorpusSidebar
{
  GtkWidget           parent_instance;

  AnnotaCorpus       *corpus;
  /* Entry → position + 1, to map a filtered row back to the corpus. */
  GHashTable         *positions;
  gboolean            positions_stale;
  guint               current;
  AnnotaCorpusEntry  *current_entry;
  gulong              missing_id;

  /* Template children. */
  GtkWidget          *box;
  GtkSearchEntry     *name_entry;
  GtkDropDown        *state_dropdown;
  GtkRevealer        *scan_revealer;
  GtkProgressBar     *scan_bar;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkListView        *hits_view;
  GtkSpinner         *search_spinner;
  GtkLabel           *search_label;
  GtkWidget          *search_cancel_button;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  GtkFlowBox         *label_counts;
  GtkToggleButton    *done_button;

  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;
  GListStore         *hits;
  GtkSingleSelection *hits_selection;

  int                 filter_state;
  char               *filter_name;     /* casefolded, NULL for any */

  GCancellable       *scan_cancellable;
  GCancellable       *search_cancellable;
  gboolean            search_active;   /* the hits are shown */
  char               *search_query;    /* searched again when the corpus changes */
  AnnotaSearchFlags   search_flags;
  gboolean            search_stale;
  gboolean            searching;
  gboolean            truncated;
  guint               n_hit_documents;
  guint               last_hit_position;
  /* Hits not listed yet: they join the list together, once per turn of
   * the main loop, rather than one list change each. */
  GPtrArray          *pending_hits;
  guint               flush_id;
  guint               search_done;
  guint               search_total;

  guint               generation;

  guint               update_id;
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (AnnotaCorpusSidebar, annota_corpus_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CORPUS,
  PROP_CURRENT,
  PROP_SCANNING,
  PROP_SEARCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DOCUMENT_ACTIVATED,
  HIT_ACTIVATED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
state_icon_name (int state)
{
  switch (state)
    {
    case ANNOTA_DOCUMENT_STATE_TODO:
      return "radio-symbolic";
    case ANNOTA_DOCUMENT_STATE_IN_PROGRESS:
      return "radio-mixed-symbolic";
    case ANNOTA_DOCUMENT_STATE_DONE:
      return "object-select-symbolic";
    default:
      return "content-loading-symbolic";
    }
}

static const char *
state_description (int state)
{
  switch (state)
    {
    case ANNOTA_DOCUMENT_STATE_TODO:
      return C_("document state", "To do");
    case ANNOTA_DOCUMENT_STATE_IN_PROGRESS:
      return C_("document state", "In progress");
    case ANNOTA_DOCUMENT_STATE_DONE:
      return C_("document state", "Done");
    default:
      return C_("document state", "Not read yet");
    }
}

/* Rows */

typedef struct {
  GtkWidget         *icon;
  GtkWidget         *name;
  GtkWidget         *spans;
  GtkWidget         *suggested;
  AnnotaCorpusEntry *entry;
  gulong             notify_id;
  /* What the row shows: a row is rebound as the list scrolls or filters,
   * and an icon or style class set again costs a restyle. */
  const char        *icon_name;
  const char        *icon_class;
} Row;

static void
set_label_text (GtkWidget  *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), text) != 0)
    gtk_label_set_label (GTK_LABEL (label), text);
}

static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  const char *current = gtk_widget_get_tooltip_text (widget);

  if (g_strcmp0 (current, text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_signal_handler (&row->notify_id, row->entry);
  g_clear_object (&row->entry);
  g_free (row);
}

static void
row_update (Row *row)
{
  AnnotaCorpusEntry *entry = row->entry;
  int state = annota_corpus_entry_get_state (entry);
  const char *problem = annota_corpus_entry_get_problem (entry);
  guint n_spans = annota_corpus_entry_get_n_spans (entry);
  guint n_suggested = annota_corpus_entry_get_n_suggested (entry);
  g_autofree char *name = NULL;
  g_autofree char *spans = NULL;
  g_autofree char *suggested = NULL;
  const char *icon_name, *icon_class;

  if (annota_corpus_entry_get_missing (entry))
    {
      icon_name = "dialog-warning-symbolic";
      icon_class = "warning";
      problem = _("Removed from the folder by another program; saving writes it again");
    }
  else if (problem != NULL)
    {
      icon_name = "dialog-warning-symbolic";
      icon_class = "warning";
    }
  else
    {
      icon_name = state_icon_name (state);
      icon_class = state == ANNOTA_DOCUMENT_STATE_DONE ? "success" : NULL;
    }
  if (icon_name != row->icon_name)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (row->icon), icon_name);
      row->icon_name = icon_name;
    }
  if (icon_class != row->icon_class)
    {
      if (row->icon_class != NULL)
        gtk_widget_remove_css_class (row->icon, row->icon_class);
      if (icon_class != NULL)
        gtk_widget_add_css_class (row->icon, icon_class);
      row->icon_class = icon_class;
    }
  set_tooltip (row->icon, problem != NULL ? problem : state_description (state));

  if (annota_corpus_entry_get_modified (entry))
    /* Translators: a document name with unsaved changes, in the corpus list. */
    name = g_strdup_printf (_("%s •"), annota_corpus_entry_get_name (entry));
  else
    name = g_strdup (annota_corpus_entry_get_name (entry));
  set_label_text (row->name, name);

  if (state == ANNOTA_CORPUS_STATE_UNKNOWN && problem == NULL)
    spans = g_strdup ("");
  else
    spans = g_strdup_printf ("%u", n_spans);
  set_label_text (row->spans, spans);
  set_tooltip (row->spans, *spans ? g_dngettext (GETTEXT_PACKAGE, "Span", "Spans", n_spans) : NULL);

  gtk_widget_set_visible (row->suggested, n_suggested > 0);
  if (n_suggested > 0)
    {
      suggested = g_strdup_printf ("%u", n_suggested);
      set_label_text (row->suggested, suggested);
      set_tooltip (row->suggested, g_dngettext (GETTEXT_PACKAGE, "Suggestion to review",
                                                "Suggestions to review", n_suggested));
    }
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           AnnotaCorpusSidebar      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  Row *row = g_new0 (Row, 1);

  row->icon = gtk_image_new ();
  row->name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (row->name, TRUE);
  row->spans = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->spans, "dim-label");
  gtk_widget_add_css_class (row->spans, "numeric");
  row->suggested = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->suggested, "annota-corpus-suggested");
  gtk_widget_add_css_class (row->suggested, "numeric");
  gtk_widget_set_valign (row->suggested, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), row->icon);
  gtk_box_append (GTK_BOX (box), row->name);
  gtk_box_append (GTK_BOX (box), row->suggested);
  gtk_box_append (GTK_BOX (box), row->spans);
  g_object_set_data_full (G_OBJECT (box), "annota-row", row, row_free);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          AnnotaCorpusSidebar      *self)
{
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "annota-row");

  g_clear_signal_handler (&row->notify_id, row->entry);
  g_set_object (&row->entry, gtk_list_item_get_item (item));
  row->notify_id = g_signal_connect_swapped (row->entry, "notify", G_CALLBACK (row_update), row);
  row_update (row);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            AnnotaCorpusSidebar      *self)
{
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "annota-row");

  g_clear_signal_handler (&row->notify_id, row->entry);
  g_clear_object (&row->entry);
}

/* Hit rows: the document's name over the context, the match in bold.
 * Every row has both lines: rows of one height keep GTK 4.8's list from
 * misplacing them. */

static void
setup_hit (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           AnnotaCorpusSidebar      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *context = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (context), 0);
  gtk_label_set_ellipsize (GTK_LABEL (context), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (context), TRUE);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), context);
  g_object_set_data (G_OBJECT (box), "annota-heading", heading);
  g_object_set_data (G_OBJECT (box), "annota-context", context);
  gtk_list_item_set_child (item, box);
}

static void
bind_hit (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          AnnotaCorpusSidebar      *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *heading = g_object_get_data (G_OBJECT (box), "annota-heading");
  GtkWidget *context = g_object_get_data (G_OBJECT (box), "annota-context");
  AnnotaCorpusHit *hit = gtk_list_item_get_item (item);
  g_autofree char *before = g_markup_escape_text (hit->before, -1);
  g_autofree char *match = g_markup_escape_text (hit->match, -1);
  g_autofree char *after = g_markup_escape_text (hit->after, -1);
  g_autofree char *markup = NULL;

  if (self->corpus != NULL && hit->position < annota_corpus_get_n_documents (self->corpus))
    gtk_label_set_label (GTK_LABEL (heading),
                         annota_corpus_entry_get_name (annota_corpus_peek_entry (self->corpus, hit->position)));

  /* Translators: the context of a search hit; the middle %s is the hit. */
  markup = g_strdup_printf (C_("search hit", "…%s<b>%s</b>%s…"), before, match, after);
  gtk_label_set_markup (GTK_LABEL (context), markup);
}

/* Filtering */

static gboolean
filter_entry (gpointer item,
              gpointer user_data)
{
  AnnotaCorpusSidebar *self = user_data;
  AnnotaCorpusEntry *entry = item;

  if (entry == self->current_entry)
    return TRUE;

  if (self->filter_state != ANNOTA_CORPUS_SIDEBAR_ALL_STATES)
    {
      int state = annota_corpus_entry_get_state (entry);

      if (state == ANNOTA_CORPUS_STATE_UNKNOWN)
        state = ANNOTA_DOCUMENT_STATE_TODO;
      if (state != self->filter_state)
        return FALSE;
    }

  if (self->filter_name != NULL)
    {
      /* Casefolded once per entry: typing refilters every document. */
      static GQuark folded_quark;
      const char *folded;

      if (folded_quark == 0)
        folded_quark = g_quark_from_static_string ("annota-corpus-sidebar-folded-name");
      folded = g_object_get_qdata (G_OBJECT (entry), folded_quark);
      if (folded == NULL)
        {
          char *name = g_utf8_casefold (annota_corpus_entry_get_name (entry), -1);

          g_object_set_qdata_full (G_OBJECT (entry), folded_quark, name, g_free);
          folded = name;
        }
      if (strstr (folded, self->filter_name) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_filtering (AnnotaCorpusSidebar *self)
{
  return self->filter_state != ANNOTA_CORPUS_SIDEBAR_ALL_STATES || self->filter_name != NULL;
}

static void
update_stack (AnnotaCorpusSidebar *self)
{
  const char *page;

  if (self->search_active)
    page = "hits";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0 && is_filtering (self))
    page = "no-match";
  else
    page = "documents";
  gtk_stack_set_visible_child_name (self->stack, page);
}

/* The position of entry in the filtered list, or GTK_INVALID_LIST_POSITION. */
static guint
filtered_position (AnnotaCorpusSidebar *self,
                   AnnotaCorpusEntry   *entry)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);

  if (entry == NULL)
    return GTK_INVALID_LIST_POSITION;
  if (gtk_filter_list_model_get_filter (self->filter_model) == NULL)
    return self->current < n ? self->current : GTK_INVALID_LIST_POSITION;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AnnotaCorpusEntry) item = g_list_model_get_item (model, i);

      if (item == entry)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
sync_selection (AnnotaCorpusSidebar *self,
                gboolean             scroll)
{
  guint position = filtered_position (self, self->current_entry);

  self->syncing = TRUE;
  if (position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;

  /* gtk_list_view_scroll_to() is GTK 4.12; the list's own action does it. */
  if (scroll && position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
refilter (AnnotaCorpusSidebar *self)
{
  /* What the selection does meanwhile is no choice of the user's. */
  self->syncing = TRUE;
  if (!is_filtering (self))
    gtk_filter_list_model_set_filter (self->filter_model, NULL);
  else if (gtk_filter_list_model_get_filter (self->filter_model) == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  else
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  self->syncing = FALSE;
  sync_selection (self, TRUE);
  update_stack (self);
}

static void
on_filter_changed (AnnotaCorpusSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  guint selected = gtk_drop_down_get_selected (self->state_dropdown);
  int state = ANNOTA_CORPUS_SIDEBAR_ALL_STATES;

  switch (selected)
    {
    case 1:
      state = ANNOTA_DOCUMENT_STATE_TODO;
      break;
    case 2:
      state = ANNOTA_DOCUMENT_STATE_IN_PROGRESS;
      break;
    case 3:
      state = ANNOTA_DOCUMENT_STATE_DONE;
      break;
    default:
      break;
    }

  {
    g_autofree char *name = text != NULL && *text != '\0' ? g_utf8_casefold (text, -1) : NULL;

    if (state == self->filter_state && g_strcmp0 (name, self->filter_name) == 0)
      return;
    self->filter_state = state;
    g_free (self->filter_name);
    self->filter_name = g_steal_pointer (&name);
  }
  refilter (self);
}

/* Progress */

static GtkWidget *
new_label_count (AnnotaLabel *label,
                 const char  *id,
                 guint64      n)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *swatch = _annota_swatch_new (10);
  g_autofree char *text = g_strdup_printf ("%s %" G_GUINT64_FORMAT, id, n);
  GtkWidget *name = gtk_label_new (text);

  _annota_swatch_set_color (swatch, label ? annota_label_get_color (label) : NULL);
  gtk_widget_add_css_class (name, "caption");
  gtk_widget_add_css_class (name, "numeric");
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), name);
  if (label != NULL)
    gtk_widget_set_tooltip_text (box, annota_label_get_name (label));
  return box;
}

static void
update_progress (AnnotaCorpusSidebar *self)
{
  g_auto(GStrv) labels = NULL;
  g_autofree char *text = NULL;
  AnnotaLabelSet *label_set;
  GtkWidget *child;
  guint n_done, n_total;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->label_counts))) != NULL)
    gtk_flow_box_remove (self->label_counts, child);

  if (self->corpus == NULL)
    {
      gtk_label_set_label (self->progress_label, "");
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      return;
    }

  n_total = annota_corpus_get_n_documents (self->corpus);
  n_done = annota_corpus_count_documents (self->corpus, ANNOTA_DOCUMENT_STATE_DONE);
  /* Translators: documents done of all the corpus's documents. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u document done", "%u of %u documents done", n_total),
                          n_done, n_total);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, n_total > 0 ? (double) n_done / n_total : 0);

  label_set = annota_corpus_get_labels (self->corpus);
  labels = annota_corpus_list_span_labels (self->corpus);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      guint64 n = annota_corpus_count_spans (self->corpus, labels[i], ANNOTA_SPAN_STATUS_ACCEPTED);
      guint position;
      AnnotaLabel *label = NULL;

      if (n == 0)
        continue;
      if (annota_label_set_find (label_set, labels[i], &position))
        label = annota_label_set_peek (label_set, position);
      gtk_flow_box_append (self->label_counts, new_label_count (label, labels[i], n));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->label_counts),
                          gtk_widget_get_first_child (GTK_WIDGET (self->label_counts)) != NULL);
}

static void
sync_done_button (AnnotaCorpusSidebar *self)
{
  gboolean done = self->current_entry != NULL &&
                  annota_corpus_entry_get_state (self->current_entry) == ANNOTA_DOCUMENT_STATE_DONE;

  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->done_button, done);
  self->syncing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->done_button),
                            self->current_entry != NULL &&
                            annota_corpus_entry_get_document (self->current_entry) != NULL);
}

static gboolean
update_idle (gpointer data)
{
  AnnotaCorpusSidebar *self = data;

  self->update_id = 0;
  if (self->search_stale && self->search_active && self->search_query != NULL)
    {
      g_autofree char *query = g_strdup (self->search_query);

      annota_corpus_sidebar_search (self, query, self->search_flags);
    }
  self->search_stale = FALSE;
  update_progress (self);
  sync_done_button (self);
  /* A state filter follows the states as they change. */
  if (self->filter_state != ANNOTA_CORPUS_SIDEBAR_ALL_STATES)
    refilter (self);
  return G_SOURCE_REMOVE;
}

static void
queue_update (AnnotaCorpusSidebar *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_idle, self, NULL);
}

static void
on_done_toggled (AnnotaCorpusSidebar *self)
{
  AnnotaDocument *document;
  AnnotaDocumentState state;

  if (self->syncing || self->current_entry == NULL)
    return;
  document = annota_corpus_entry_get_document (self->current_entry);
  if (document == NULL)
    {
      sync_done_button (self);
      return;
    }

  if (gtk_toggle_button_get_active (self->done_button))
    state = ANNOTA_DOCUMENT_STATE_DONE;
  else if (annota_document_count_spans (document, NULL, -1) > 0)
    state = ANNOTA_DOCUMENT_STATE_IN_PROGRESS;
  else
    state = ANNOTA_DOCUMENT_STATE_TODO;
  annota_document_set_state (document, state);
}

/* Positions */

static void
rebuild_positions (AnnotaCorpusSidebar *self)
{
  guint n = self->corpus ? annota_corpus_get_n_documents (self->corpus) : 0;

  g_hash_table_remove_all (self->positions);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (self->positions, annota_corpus_peek_entry (self->corpus, i), GUINT_TO_POINTER (i + 1));
  self->positions_stale = FALSE;
}

/* The position of entry in the corpus, or ANNOTA_CORPUS_NO_POSITION. */
static guint
lookup_position (AnnotaCorpusSidebar *self,
                 AnnotaCorpusEntry   *entry)
{
  gpointer value;

  if (self->positions_stale)
    rebuild_positions (self);
  value = g_hash_table_lookup (self->positions, entry);
  return value != NULL ? GPOINTER_TO_UINT (value) - 1 : ANNOTA_CORPUS_NO_POSITION;
}

/* The window watches the file of the document it shows and says when
 * another program removes it; a text read from a .txt has no file of its
 * own yet, and is told of here. */
static void
on_current_missing (AnnotaCorpusSidebar *self)
{
  AnnotaDocument *document = annota_corpus_entry_get_document (self->current_entry);
  g_autofree char *message = NULL;

  if (!annota_corpus_entry_get_missing (self->current_entry) || document == NULL ||
      annota_document_get_file (document) != NULL)
    return;
  /* Translators: %s is a document of a corpus, "dev/doc-3". */
  message = g_strdup_printf (_("“%s” was removed from the folder by another program; it stays open, and saving writes it again"),
                             annota_corpus_entry_get_name (self->current_entry));
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

static void
set_current_entry (AnnotaCorpusSidebar *self,
                   AnnotaCorpusEntry   *entry)
{
  if (self->current_entry != NULL)
    g_clear_signal_handler (&self->missing_id, self->current_entry);
  g_set_object (&self->current_entry, entry);
  if (entry != NULL)
    self->missing_id = g_signal_connect_swapped (entry, "notify::missing", G_CALLBACK (on_current_missing), self);
}

/* Documents added or removed by another program: the current one stays
 * (the corpus keeps it), at its new position, and hits are looked for
 * again once the changes of this turn of the main loop are in. A checkout
 * may bring thousands of changes: each costs no walk through the list. */
static void
on_corpus_items_changed (AnnotaCorpusSidebar *self,
                         guint                position,
                         guint                removed,
                         guint                added)
{
  guint current = self->current;

  self->positions_stale = TRUE;
  if (current != ANNOTA_CORPUS_NO_POSITION && current >= position + removed)
    current = current + added - removed;
  else if (current != ANNOTA_CORPUS_NO_POSITION && current >= position)
    current = lookup_position (self, self->current_entry);
  if (current != self->current)
    {
      self->current = current;
      sync_selection (self, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }
  self->search_stale |= self->search_active;
  queue_update (self);
}

static void
on_selection_changed (AnnotaCorpusSidebar *self)
{
  AnnotaCorpusEntry *entry;
  guint position;

  if (self->syncing)
    return;
  entry = gtk_single_selection_get_selected_item (self->selection);
  if (entry == NULL || entry == self->current_entry)
    return;
  position = lookup_position (self, entry);
  if (position == ANNOTA_CORPUS_NO_POSITION)
    return;
  g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, position);
  /* Whatever the window made of it, the highlight shows the current one. */
  sync_selection (self, FALSE);
}

/* Scanning */

/* What a worker's callbacks get: the sidebar may be gone when they run,
 * and a newer search may have replaced the one they belong to. */
typedef struct {
  GWeakRef sidebar;
  guint    generation;
} OpData;

static OpData *
op_data_new (AnnotaCorpusSidebar *self)
{
  OpData *data = g_new0 (OpData, 1);

  g_weak_ref_init (&data->sidebar, self);
  data->generation = self->generation;
  return data;
}

static void
op_data_free (OpData *data)
{
  g_weak_ref_clear (&data->sidebar);
  g_free (data);
}

static void
on_scan_progress (AnnotaCorpus *corpus,
                  guint         n_done,
                  guint         n_total,
                  gpointer      user_data)
{
  g_autoptr(AnnotaCorpusSidebar) self = g_weak_ref_get (&((OpData *) user_data)->sidebar);
  g_autofree char *text = NULL;

  if (self == NULL || self->corpus != corpus)
    return;
  /* Translators: while the documents of a corpus are read for their states and counts. */
  text = g_strdup_printf (_("Reading %u of %u"), n_done, n_total);
  gtk_progress_bar_set_text (self->scan_bar, text);
  gtk_progress_bar_set_fraction (self->scan_bar, n_total > 0 ? (double) n_done / n_total : 0);
}

static void
on_scan_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  OpData *data = user_data;
  g_autoptr(AnnotaCorpusSidebar) self = g_weak_ref_get (&data->sidebar);
  g_autoptr(GError) error = NULL;
  gboolean ok = annota_corpus_scan_finish (ANNOTA_CORPUS (source), result, &error);

  op_data_free (data);
  if (self == NULL || self->corpus != ANNOTA_CORPUS (source))
    return;

  g_clear_object (&self->scan_cancellable);
  gtk_revealer_set_reveal_child (self->scan_revealer, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Could not read every document: %s"), error->message);

      g_signal_emit (self, signals[MESSAGE], 0, message);
    }
  queue_update (self);
}

void
annota_corpus_sidebar_scan (AnnotaCorpusSidebar *self)
{
  OpData *data;

  g_return_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self));
  g_return_if_fail (self->corpus != NULL);

  if (self->scan_cancellable != NULL)
    return;
  self->scan_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->scan_bar, 0);
  gtk_progress_bar_set_text (self->scan_bar, _("Reading the documents"));
  gtk_revealer_set_reveal_child (self->scan_revealer, TRUE);
  data = op_data_new (self);
  annota_corpus_scan_async (self->corpus, self->scan_cancellable,
                            on_scan_progress, data,
                            on_scan_done, data);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
}

gboolean
annota_corpus_sidebar_get_scanning (AnnotaCorpusSidebar *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self), FALSE);
  return self->scan_cancellable != NULL;
}

void
annota_corpus_sidebar_cancel (AnnotaCorpusSidebar *self)
{
  g_return_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self));

  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
}

static void
on_scan_cancel_clicked (AnnotaCorpusSidebar *self)
{
  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
}

/* Searching */

static void
update_search_label (AnnotaCorpusSidebar *self)
{
  guint n_hits = g_list_model_get_n_items (G_LIST_MODEL (self->hits));
  g_autofree char *text = NULL;

  if (self->searching)
    /* Translators: while every document of a corpus is searched; the
     * plural goes with the second number, the documents in all. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Searching %u of %u document…",
                                         "Searching %u of %u documents…",
                                         self->search_total),
                            self->search_done, self->search_total);
  else if (self->truncated)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The first %u hit; the search stopped there",
                                         "The first %u hits; the search stopped there", n_hits),
                            n_hits);
  else if (n_hits == 0)
    text = g_strdup (_("No hits in any document"));
  else
    {
      g_autofree char *hits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hit", "%u hits", n_hits), n_hits);

      /* Translators: "%s" is "N hits"; %u the number of documents with a hit. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %u document", "%s in %u documents",
                                           self->n_hit_documents),
                              hits, self->n_hit_documents);
    }
  gtk_label_set_label (self->search_label, text);
  gtk_spinner_set_spinning (self->search_spinner, self->searching);
  gtk_widget_set_visible (GTK_WIDGET (self->search_spinner), self->searching);
  gtk_widget_set_visible (self->search_cancel_button, self->searching);
}

static void
flush_hits (AnnotaCorpusSidebar *self)
{
  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (self->pending_hits->len == 0)
    return;
  g_list_store_splice (self->hits, g_list_model_get_n_items (G_LIST_MODEL (self->hits)), 0,
                       self->pending_hits->pdata, self->pending_hits->len);
  g_ptr_array_set_size (self->pending_hits, 0);
}

static gboolean
flush_hits_idle (gpointer data)
{
  AnnotaCorpusSidebar *self = data;

  self->flush_id = 0;
  flush_hits (self);
  update_search_label (self);
  return G_SOURCE_REMOVE;
}

static void
on_search_hit (AnnotaCorpus *corpus,
               guint         position,
               AnnotaText   *text,
               guint         start,
               guint         end,
               gpointer      user_data)
{
  OpData *data = user_data;
  g_autoptr(AnnotaCorpusSidebar) self = g_weak_ref_get (&data->sidebar);
  g_autoptr(AnnotaCorpusHit) hit = NULL;
  guint n;

  if (self == NULL || data->generation != self->generation || self->truncated)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->hits)) + self->pending_hits->len;
  if (n >= ANNOTA_CORPUS_SIDEBAR_MAX_HITS)
    {
      /* Enough to read through: more would only slow the list down. */
      self->truncated = TRUE;
      g_cancellable_cancel (self->search_cancellable);
      return;
    }
  if (n == 0 || self->last_hit_position != position)
    self->n_hit_documents++;
  self->last_hit_position = position;
  hit = annota_corpus_hit_new (position, text, start, end);
  g_ptr_array_add (self->pending_hits, g_steal_pointer (&hit));
  if (self->flush_id == 0)
    self->flush_id = g_idle_add_full (G_PRIORITY_DEFAULT, flush_hits_idle, self, NULL);
}

static void
on_search_progress (AnnotaCorpus *corpus,
                    guint         n_done,
                    guint         n_total,
                    gpointer      user_data)
{
  OpData *data = user_data;
  g_autoptr(AnnotaCorpusSidebar) self = g_weak_ref_get (&data->sidebar);

  if (self == NULL || data->generation != self->generation)
    return;
  self->search_done = n_done;
  self->search_total = n_total;
  update_search_label (self);
}

static void
on_search_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  OpData *data = user_data;
  g_autoptr(AnnotaCorpusSidebar) self = g_weak_ref_get (&data->sidebar);
  g_autoptr(GError) error = NULL;
  guint n_hits = 0;
  gboolean ok = annota_corpus_search_finish (ANNOTA_CORPUS (source), result, &n_hits, &error);
  gboolean current = self != NULL && data->generation == self->generation;

  op_data_free (data);
  if (!current)
    return;

  g_clear_object (&self->search_cancellable);
  self->searching = FALSE;
  flush_hits (self);
  update_search_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Could not search the documents: %s"), error->message);

      g_signal_emit (self, signals[MESSAGE], 0, message);
    }
}

static void
stop_search (AnnotaCorpusSidebar *self)
{
  gboolean was_searching = self->searching;

  self->generation++;
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->searching = FALSE;
  self->truncated = FALSE;
  self->n_hit_documents = 0;
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_ptr_array_set_size (self->pending_hits, 0);
  g_list_store_remove_all (self->hits);
  if (was_searching)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

void
annota_corpus_sidebar_search (AnnotaCorpusSidebar *self,
                              const char          *query,
                              AnnotaSearchFlags    flags)
{
  OpData *data;

  g_return_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self));

  stop_search (self);
  self->search_active = query != NULL && *query != '\0' && self->corpus != NULL;
  g_free (self->search_query);
  self->search_query = self->search_active ? g_strdup (query) : NULL;
  self->search_flags = flags;
  if (!self->search_active)
    {
      update_stack (self);
      return;
    }

  self->searching = TRUE;
  self->search_done = 0;
  self->search_total = annota_corpus_get_n_documents (self->corpus);
  self->search_cancellable = g_cancellable_new ();
  update_search_label (self);
  update_stack (self);

  data = op_data_new (self);
  annota_corpus_search_async (self->corpus, query, flags, self->search_cancellable,
                              on_search_hit, on_search_progress, data,
                              on_search_done, data);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

gboolean
annota_corpus_sidebar_get_searching (AnnotaCorpusSidebar *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self), FALSE);
  return self->searching;
}

GListModel *
annota_corpus_sidebar_get_hits (AnnotaCorpusSidebar *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->hits);
}

void
annota_corpus_sidebar_activate_hit (AnnotaCorpusSidebar *self,
                                    guint                i)
{
  g_autoptr(AnnotaCorpusHit) hit = NULL;

  g_return_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self));

  hit = g_list_model_get_item (G_LIST_MODEL (self->hits), i);
  g_return_if_fail (hit != NULL);
  g_signal_emit (self, signals[HIT_ACTIVATED], 0, hit->position, hit->start, hit->end);
}

static void
on_hit_activate (AnnotaCorpusSidebar *self,
                 guint                position)
{
  annota_corpus_sidebar_activate_hit (self, position);
}

static void
on_search_cancel_clicked (AnnotaCorpusSidebar *self)
{
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
}

/* The corpus and the current document */

static void
on_progress_changed (AnnotaCorpusSidebar *self)
{
  queue_update (self);
}

void
annota_corpus_sidebar_set_corpus (AnnotaCorpusSidebar *self,
                                  AnnotaCorpus        *corpus)
{
  g_return_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self));
  g_return_if_fail (corpus == NULL || ANNOTA_IS_CORPUS (corpus));

  if (self->corpus == corpus)
    return;

  stop_search (self);
  if (self->scan_cancellable != NULL)
    {
      g_cancellable_cancel (self->scan_cancellable);
      g_clear_object (&self->scan_cancellable);
      gtk_revealer_set_reveal_child (self->scan_revealer, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
    }
  if (self->corpus != NULL)
    g_signal_handlers_disconnect_by_data (self->corpus, self);

  set_current_entry (self, NULL);
  self->current = ANNOTA_CORPUS_NO_POSITION;
  g_set_object (&self->corpus, corpus);
  rebuild_positions (self);
  self->syncing = TRUE;
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (corpus));
  self->syncing = FALSE;
  if (corpus != NULL)
    {
      g_signal_connect_swapped (corpus, "progress-changed", G_CALLBACK (on_progress_changed), self);
      g_signal_connect_swapped (corpus, "items-changed", G_CALLBACK (on_corpus_items_changed), self);
    }
  self->search_active = FALSE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_drop_down_set_selected (self->state_dropdown, 0);
  refilter (self);
  update_progress (self);
  sync_done_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORPUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

AnnotaCorpus *
annota_corpus_sidebar_get_corpus (AnnotaCorpusSidebar *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self), NULL);
  return self->corpus;
}

void
annota_corpus_sidebar_set_current (AnnotaCorpusSidebar *self,
                                   guint                position)
{
  AnnotaCorpusEntry *entry = NULL;

  g_return_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self));

  if (self->corpus != NULL && position < annota_corpus_get_n_documents (self->corpus))
    entry = annota_corpus_peek_entry (self->corpus, position);
  else
    position = ANNOTA_CORPUS_NO_POSITION;

  if (self->current == position && self->current_entry == entry)
    return;

  self->current = position;
  set_current_entry (self, entry);
  /* The filter keeps the current document listed. */
  if (is_filtering (self))
    {
      self->syncing = TRUE;
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      self->syncing = FALSE;
    }
  sync_selection (self, TRUE);
  sync_done_button (self);
  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

guint
annota_corpus_sidebar_get_current (AnnotaCorpusSidebar *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self), ANNOTA_CORPUS_NO_POSITION);
  return self->current;
}

void
annota_corpus_sidebar_set_filter (AnnotaCorpusSidebar *self,
                                  int                  state,
                                  const char          *name)
{
  guint selected = 0;

  g_return_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self));
  g_return_if_fail (state == ANNOTA_CORPUS_SIDEBAR_ALL_STATES ||
                    (state >= ANNOTA_DOCUMENT_STATE_TODO && state <= ANNOTA_DOCUMENT_STATE_DONE));

  if (state != ANNOTA_CORPUS_SIDEBAR_ALL_STATES)
    selected = state + 1;
  gtk_drop_down_set_selected (self->state_dropdown, selected);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name ? name : "");
  /* The entry's own signal waits for the typing to pause. */
  on_filter_changed (self);
}

guint
annota_corpus_sidebar_get_n_visible (AnnotaCorpusSidebar *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

const char *
annota_corpus_sidebar_get_progress_text (AnnotaCorpusSidebar *self)
{
  g_return_val_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self), NULL);

  /* What a person would see once the main loop has turned. */
  if (self->update_id != 0)
    {
      g_source_remove (self->update_id);
      update_idle (self);
    }
  return gtk_label_get_label (self->progress_label);
}

char *
annota_corpus_sidebar_dup_label_counts_text (AnnotaCorpusSidebar *self)
{
  GString *str = g_string_new (NULL);

  g_return_val_if_fail (ANNOTA_IS_CORPUS_SIDEBAR (self), NULL);

  annota_corpus_sidebar_get_progress_text (self);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->label_counts));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *label = gtk_widget_get_last_child (box);

      if (str->len > 0)
        g_string_append (str, " · ");
      g_string_append (str, gtk_label_get_label (GTK_LABEL (label)));
    }
  return g_string_free (str, FALSE);
}

GtkWidget *
annota_corpus_sidebar_new (void)
{
  return g_object_new (ANNOTA_TYPE_CORPUS_SIDEBAR, NULL);
}

static void
annota_corpus_sidebar_dispose (GObject *object)
{
  AnnotaCorpusSidebar *self = ANNOTA_CORPUS_SIDEBAR (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  self->generation++;
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->scan_cancellable);
  if (self->corpus != NULL)
    g_signal_handlers_disconnect_by_data (self->corpus, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ANNOTA_TYPE_CORPUS_SIDEBAR);

  set_current_entry (self, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->hits_selection);
  g_clear_object (&self->hits);
  g_clear_pointer (&self->pending_hits, g_ptr_array_unref);
  g_clear_object (&self->filter);
  g_clear_object (&self->corpus);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->filter_name, g_free);
  g_clear_pointer (&self->search_query, g_free);

  G_OBJECT_CLASS (annota_corpus_sidebar_parent_class)->dispose (object);
}

static void
annota_corpus_sidebar_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AnnotaCorpusSidebar *self = ANNOTA_CORPUS_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_CORPUS:
      g_value_set_object (value, self->corpus);
      break;
    case PROP_CURRENT:
      g_value_set_uint (value, self->current);
      break;
    case PROP_SCANNING:
      g_value_set_boolean (value, self->scan_cancellable != NULL);
      break;
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_corpus_sidebar_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AnnotaCorpusSidebar *self = ANNOTA_CORPUS_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_CORPUS:
      annota_corpus_sidebar_set_corpus (self, g_value_get_object (value));
      break;
    case PROP_CURRENT:
      annota_corpus_sidebar_set_current (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annota_corpus_sidebar_class_init (AnnotaCorpusSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = annota_corpus_sidebar_dispose;
  object_class->get_property = annota_corpus_sidebar_get_property;
  object_class->set_property = annota_corpus_sidebar_set_property;

  properties[PROP_CORPUS] =
    g_param_spec_object ("corpus", NULL, NULL, ANNOTA_TYPE_CORPUS,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURRENT] =
    g_param_spec_uint ("current", NULL, NULL, 0, G_MAXUINT, ANNOTA_CORPUS_NO_POSITION,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCANNING] =
    g_param_spec_boolean ("scanning", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user chose the document at this position of the corpus. */
  signals[DOCUMENT_ACTIVATED] =
    g_signal_new ("document-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* The user chose a search hit: position, start, end. */
  signals[HIT_ACTIVATED] =
    g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  /* Something went wrong in the background, to be told to the user. */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annota-corpus-sidebar");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/annota/Annota/annota-corpus-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, name_entry);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, scan_revealer);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, scan_bar);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, hits_view);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, search_spinner);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, search_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, search_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, label_counts);
  gtk_widget_class_bind_template_child (widget_class, AnnotaCorpusSidebar, done_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_scan_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_search_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_hit_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_done_toggled);
}

static void
annota_corpus_sidebar_init (AnnotaCorpusSidebar *self)
{
  GtkListItemFactory *factory;

  self->current = ANNOTA_CORPUS_NO_POSITION;
  self->filter_state = ANNOTA_CORPUS_SIDEBAR_ALL_STATES;
  self->positions = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_entry, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filter_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (update_stack), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->hits = g_list_store_new (ANNOTA_TYPE_CORPUS_HIT);
  self->pending_hits = g_ptr_array_new_with_free_func (g_object_unref);
  self->hits_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->hits)));
  gtk_single_selection_set_autoselect (self->hits_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->hits_selection, TRUE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_hit), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_hit), self);
  gtk_list_view_set_factory (self->hits_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->hits_view, GTK_SELECTION_MODEL (self->hits_selection));

  gtk_widget_set_visible (self->search_cancel_button, FALSE);
  update_progress (self);
  sync_done_button (self);
  update_stack (self);
}
