/* annota-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions (win.*): open and save, annotate through
 * AnnotaDocument, search, and the keys that are not accelerators because
 * they must not be taken from a text entry.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-label-editor.h"
#include "annota-preferences-window.h"
#include "annota-window-private.h"

static AnnotaText *
get_text (AnnotaWindow *self)
{
  return annota_document_get_text (self->document);
}

/* Finds the span covering exactly [start, end), if any. */
typedef struct {
  guint       start;
  guint       end;
  AnnotaSpan *found;
} FindExact;

static gboolean
find_exact_cb (AnnotaSpan *span,
               gpointer    user_data)
{
  FindExact *find = user_data;

  if (annota_span_get_start (span) == find->start &&
      annota_span_get_end (span) == find->end &&
      annota_span_get_status (span) != ANNOTA_SPAN_STATUS_REJECTED)
    {
      find->found = span;
      return FALSE;
    }
  return TRUE;
}

static AnnotaSpan *
find_exact_span (AnnotaWindow *self,
                 guint         start,
                 guint         end)
{
  FindExact find = { start, end, NULL };

  annota_span_store_foreach_in_range (annota_document_get_spans (self->document),
                                      start, end, find_exact_cb, &find);
  return find.found;
}

static gboolean
relabel (AnnotaWindow  *self,
         AnnotaSpan    *span,
         const char    *label_id,
         GError       **error)
{
  gboolean ok = TRUE;

  /* A label key on a suggestion is a review decision: it accepts it, as
   * that label, in one undoable step. */
  annota_document_begin_step (self->document);
  if (g_strcmp0 (annota_span_get_label (span), label_id) != 0)
    ok = annota_document_relabel_span (self->document, span, label_id, error);
  if (ok && annota_span_get_status (span) != ANNOTA_SPAN_STATUS_ACCEPTED)
    annota_document_set_span_status (self->document, span, ANNOTA_SPAN_STATUS_ACCEPTED, TRUE);
  annota_document_end_step (self->document);

  if (ok)
    annota_text_view_set_selected_span (self->text_view, span);
  return ok;
}

gboolean
_annota_window_apply_label (AnnotaWindow  *self,
                            const char    *label_id,
                            GError       **error)
{
  AnnotaSpan *selected;
  AnnotaSpan *span;
  guint start = 0, end = 0;
  gboolean has_selection;

  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (label_id != NULL, FALSE);

  if (self->document == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No document is open"));
      return FALSE;
    }

  selected = annota_text_view_get_selected_span (self->text_view);
  has_selection = annota_text_view_get_snapped_selection (self->text_view, &start, &end) && start < end;

  if (selected != NULL &&
      (!has_selection ||
       (start == annota_span_get_start (selected) && end == annota_span_get_end (selected))))
    return relabel (self, selected, label_id, error);

  if (!has_selection)
    {
      g_set_error_literal (error, ANNOTA_DOCUMENT_ERROR, ANNOTA_DOCUMENT_ERROR_RANGE,
                           _("Select some text to label first"));
      return FALSE;
    }

  /* One span per range: labelling a range that already is a span relabels it. */
  span = find_exact_span (self, start, end);
  if (span != NULL)
    return relabel (self, span, label_id, error);

  span = annota_document_add_span (self->document, start, end, label_id,
                                   ANNOTA_SPAN_STATUS_ACCEPTED, "manual", -1.0, error);
  if (span == NULL)
    return FALSE;

  /* Keep the new span selected, so that another key relabels it. */
  annota_text_view_set_selected_span (self->text_view, span);
  return TRUE;
}

static void
label_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!_annota_window_apply_label (self, g_variant_get_string (parameter, NULL), &error))
    {
      gtk_widget_error_bell (widget);
      _annota_window_show_toast (self, error->message);
    }
}

static void
delete_span_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);
  AnnotaSpan *selected = annota_text_view_get_selected_span (self->text_view);
  g_autoptr(AnnotaSpan) span = NULL;

  if (self->document == NULL || selected == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  span = g_object_ref (selected);
  annota_text_view_set_selected_span (self->text_view, NULL);
  annota_document_remove_span (self->document, span);
}

/* TRUE when [a, b) holds only white space and punctuation: the ICU word
 * segments a boundary move skips. */
static gboolean
is_gap (AnnotaText *text,
        guint       a,
        guint       b)
{
  gsize n_bytes = 0;
  const char *p;
  const char *end;

  if (a >= b)
    return TRUE;
  p = annota_text_peek_at (text, a, &n_bytes, b);
  end = p + n_bytes;
  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && !g_unichar_ispunct (c))
        return FALSE;
    }
  return TRUE;
}

static guint
word_forward (AnnotaText *text,
              guint       cp,
              gboolean    to_start)
{
  guint length = annota_text_get_length (text);
  guint b = annota_text_next_word (text, cp);

  if (to_start)
    {
      /* Land on the start of the next word. */
      while (b < length && is_gap (text, b, annota_text_next_word (text, b)))
        b = annota_text_next_word (text, b);
    }
  else
    {
      /* Land on the end of the next word. */
      while (b < length && is_gap (text, annota_text_prev_word (text, b), b))
        b = annota_text_next_word (text, b);
    }
  return b;
}

static guint
word_backward (AnnotaText *text,
               guint       cp,
               gboolean    to_start)
{
  guint b = annota_text_prev_word (text, cp);

  if (to_start)
    {
      while (b > 0 && is_gap (text, b, annota_text_next_word (text, b)))
        b = annota_text_prev_word (text, b);
    }
  else
    {
      while (b > 0 && is_gap (text, annota_text_prev_word (text, b), b))
        b = annota_text_prev_word (text, b);
    }
  return b;
}

/* Parameter: "start-" or "end-", then "backward-" or "forward-", then
 * "word" or "char". */
static void
move_span_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);
  AnnotaSpan *span = annota_text_view_get_selected_span (self->text_view);
  const char *how = g_variant_get_string (parameter, NULL);
  gboolean move_start, forward, by_word;
  guint start, end;
  AnnotaText *text;

  if (self->document == NULL || span == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  text = get_text (self);
  start = annota_span_get_start (span);
  end = annota_span_get_end (span);
  move_start = g_str_has_prefix (how, "start-");
  forward = strstr (how, "-forward-") != NULL;
  by_word = g_str_has_suffix (how, "-word");

  if (move_start)
    {
      if (by_word)
        start = forward ? word_forward (text, start, TRUE) : word_backward (text, start, TRUE);
      else
        start = forward ? annota_text_next_grapheme (text, start) : annota_text_prev_grapheme (text, start);
    }
  else
    {
      if (by_word)
        end = forward ? word_forward (text, end, FALSE) : word_backward (text, end, FALSE);
      else
        end = forward ? annota_text_next_grapheme (text, end) : annota_text_prev_grapheme (text, end);
    }

  if (start >= end ||
      (start == annota_span_get_start (span) && end == annota_span_get_end (span)) ||
      !annota_document_move_span (self->document, span, start, end, NULL))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  annota_text_view_set_selected_span (self->text_view, span);
}

static void
next_span_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->text_view), "text.next-span", NULL);
}

static void
previous_span_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->text_view), "text.prev-span", NULL);
}

static gboolean
focus_is_editable (AnnotaWindow *self)
{
  for (GtkWidget *w = gtk_root_get_focus (GTK_ROOT (self)); w != NULL; w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_EDITABLE (w))
        return TRUE;
      if (GTK_IS_TEXT_VIEW (w) && gtk_text_view_get_editable (GTK_TEXT_VIEW (w)))
        return TRUE;
    }
  return FALSE;
}

AnnotaLabel *
_annota_window_label_for_key (AnnotaLabelSet *labels,
                              gunichar        c)
{
  char key[8] = { 0 };
  AnnotaLabel *label;

  key[g_unichar_to_utf8 (c, key)] = '\0';
  label = annota_label_set_lookup_key (labels, key);
  if (label != NULL)
    return label;

  /* 1-9 also reach the first nine labels that have no key of their own. */
  if (c >= '1' && c <= '9')
    {
      AnnotaLabel *nth = annota_label_set_peek (labels, c - '1');
      const char *nth_key = nth ? annota_label_get_key (nth) : NULL;

      if (nth != NULL && (nth_key == NULL || *nth_key == '\0'))
        return nth;
    }
  return NULL;
}

gboolean
_annota_window_handle_key (AnnotaWindow    *self,
                           guint            keyval,
                           GdkModifierType  state)
{
  AnnotaLabel *label;
  gunichar c;

  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), FALSE);

  if (self->document == NULL)
    return FALSE;

  state &= gtk_accelerator_get_default_mod_mask ();
  if ((state & ~GDK_SHIFT_MASK) != 0)
    return FALSE;
  if (focus_is_editable (self))
    return FALSE;
  if (_annota_window_review_handle_key (self, keyval, state))
    return TRUE;

  switch (keyval)
    {
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (state != 0)
        return FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-span", NULL);
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      /* Tab walks the spans inside the text. GtkTextView's own key handler
       * would move the focus before the text view's bindings see it, so
       * the key is routed here; elsewhere Tab moves the focus, and
       * Ctrl+Tab leaves the text. */
      if (gtk_root_get_focus (GTK_ROOT (self)) != GTK_WIDGET (self->text_view))
        return FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self->text_view),
                                  (state & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab ?
                                  "text.prev-span" : "text.next-span",
                                  NULL);
      return TRUE;

    default:
      break;
    }

  c = gdk_keyval_to_unicode (keyval);
  if (c == 0 || !g_unichar_isgraph (c))
    return FALSE;

  label = _annota_window_label_for_key (annota_document_get_labels (self->document), c);
  if (label == NULL)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.label", "s", annota_label_get_id (label));
  return TRUE;
}

static void
select_match (AnnotaWindow *self)
{
  AnnotaRange *range;

  if (self->matches == NULL || self->matches->len == 0)
    return;
  range = &g_array_index (self->matches, AnnotaRange, self->match_index);
  annota_text_view_select_range (self->text_view, range->start, range->end);
}

static void
update_match_label (AnnotaWindow *self)
{
  g_autofree char *text = NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->matches == NULL || query == NULL || *query == '\0')
    text = g_strdup ("");
  else if (self->matches->len == 0)
    text = g_strdup (_("No matches"));
  else
    /* Translators: the current search match and the number of matches. */
    text = g_strdup_printf (_("%u of %u"), self->match_index + 1, self->matches->len);
  gtk_label_set_label (self->match_label, text);
}

void
_annota_window_search_update (AnnotaWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->matches, g_array_unref);
  self->match_index = 0;

  if (self->document != NULL && query != NULL && *query != '\0')
    {
      AnnotaSearchFlags flags = ANNOTA_SEARCH_CASE_INSENSITIVE;
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
      GtkTextIter from, to;

      if (gtk_check_button_get_active (self->ignore_accents_check))
        flags |= ANNOTA_SEARCH_DIACRITIC_INSENSITIVE;
      self->matches = annota_text_search (get_text (self), query, flags);

      /* Search on from where the selection starts, as one types. */
      gtk_text_buffer_get_selection_bounds (buffer, &from, &to);
      for (guint i = 0; i < self->matches->len; i++)
        {
          if (g_array_index (self->matches, AnnotaRange, i).start >= (guint) gtk_text_iter_get_offset (&from))
            {
              self->match_index = i;
              break;
            }
        }
      select_match (self);
    }

  update_match_label (self);
  _annota_window_update_actions (self);
}

void
_annota_window_search_step (AnnotaWindow *self,
                            int           direction)
{
  guint n;

  if (self->matches == NULL || self->matches->len == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  n = self->matches->len;
  self->match_index = (self->match_index + n + (direction > 0 ? 1 : n - 1)) % n;
  select_match (self);
  update_match_label (self);
}

guint
_annota_window_get_n_matches (AnnotaWindow *self)
{
  return self->matches ? self->matches->len : 0;
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _annota_window_search_step (ANNOTA_WINDOW (widget), 1);
}

static void
find_previous_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _annota_window_search_step (ANNOTA_WINDOW (widget), -1);
}

static void
label_all_matches_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);
  AnnotaLabel *label = gtk_drop_down_get_selected_item (self->search_label_dropdown);
  g_autofree char *message = NULL;
  guint n_added = 0;

  if (self->document == NULL || self->matches == NULL || label == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  /* One step, so that one undo takes all of them back. */
  annota_document_begin_step (self->document);
  for (guint i = 0; i < self->matches->len; i++)
    {
      AnnotaRange *range = &g_array_index (self->matches, AnnotaRange, i);
      AnnotaSpan *existing = find_exact_span (self, range->start, range->end);

      if (existing != NULL &&
          g_strcmp0 (annota_span_get_label (existing), annota_label_get_id (label)) == 0)
        continue;
      if (annota_document_add_span (self->document, range->start, range->end,
                                    annota_label_get_id (label), ANNOTA_SPAN_STATUS_SUGGESTED,
                                    "search", -1.0, NULL) != NULL)
        n_added++;
    }
  annota_document_end_step (self->document);

  if (n_added == 0)
    message = g_strdup (_("Every match already has this label"));
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Added %u suggested span",
                                            "Added %u suggested spans",
                                            n_added),
                               n_added);
  _annota_window_show_toast (self, message);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);
  g_autoptr(GtkFileFilter) all_filter = NULL;
  g_autoptr(GtkFileFilter) json_filter = NULL;
  g_autoptr(GtkFileFilter) text_filter = NULL;
  GtkFileChooser *chooser;

  chooser = _annota_window_choose (self, _("Open Document"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                   annota_window_open_file);
  if (chooser == NULL)
    return;

  all_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (all_filter, _("All Documents"));
  gtk_file_filter_add_pattern (all_filter, "*.json");
  gtk_file_filter_add_pattern (all_filter, "*.jsonl");
  gtk_file_filter_add_mime_type (all_filter, "text/plain");
  gtk_file_chooser_add_filter (chooser, all_filter);

  json_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (json_filter, _("Annota Documents"));
  gtk_file_filter_add_pattern (json_filter, "*.json");
  gtk_file_chooser_add_filter (chooser, json_filter);

  text_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (text_filter, _("Plain Text"));
  gtk_file_filter_add_mime_type (text_filter, "text/plain");
  gtk_file_chooser_add_filter (chooser, text_filter);

  gtk_native_dialog_show (self->chooser);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  annota_window_open_file (ANNOTA_WINDOW (widget), file);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  annota_window_open_sample (ANNOTA_WINDOW (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _annota_window_save (ANNOTA_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _annota_window_save_as (ANNOTA_WINDOW (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);

  if (self->document == NULL || !annota_document_undo (self->document))
    gtk_widget_error_bell (widget);
  else
    _annota_window_review_after_undo (self);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);

  if (self->document == NULL || !annota_document_redo (self->document))
    gtk_widget_error_bell (widget);
}

static void
toggle_side_panel_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* The label set loaded or saved last is the one new documents start with. */
static void
on_label_editor_file_used (AnnotaWindow *self,
                           GFile        *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (self->settings != NULL && path != NULL)
    g_settings_set_string (self->settings, "last-label-set", path);
}

static void
edit_labels_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);
  GtkWidget *editor;

  if (self->document == NULL)
    return;
  editor = annota_label_editor_new (GTK_WINDOW (self), self->document);
  g_signal_connect_object (editor, "file-used", G_CALLBACK (on_label_editor_file_used),
                           self, G_CONNECT_SWAPPED);
  gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);
  GtkWidget *preferences;

  if (self->settings == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  preferences = annota_preferences_window_new (GTK_WINDOW (self), self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* With a single section, GTK 4.8 heads the shortcuts window with a label
 * of its own, "Shortcuts" (the page "title" of the stack that is the
 * header's title widget), which it has no Vietnamese for; the section's
 * title shows only when there are several. That label says the window's
 * title instead, which is ours and translated. The stack keeps its other
 * pages, "Search Results" while searching. */
static void
title_shortcuts_header (GtkWindow *window)
{
  GtkWidget *header = gtk_window_get_titlebar (window);
  GtkWidget *titles = NULL;
  GtkWidget *label = NULL;

  if (GTK_IS_HEADER_BAR (header))
    titles = gtk_header_bar_get_title_widget (GTK_HEADER_BAR (header));
  if (GTK_IS_STACK (titles))
    label = gtk_stack_get_child_by_name (GTK_STACK (titles), "title");
  if (GTK_IS_LABEL (label))
    gtk_label_set_label (GTK_LABEL (label), gtk_window_get_title (window));
}

/* Built the first time it is asked for, not with every window: it is a
 * few hundred widgets that most starts never show. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/annota/Annota/annota-shortcuts-window.ui");

      self->shortcuts_window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
      g_object_add_weak_pointer (G_OBJECT (self->shortcuts_window), (gpointer *) &self->shortcuts_window);
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (self->shortcuts_window, TRUE);
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
      title_shortcuts_header (self->shortcuts_window);
    }
  gtk_window_present (self->shortcuts_window);
}

static void
about_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  static const char *developers[] = { "The Annota Developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", widget,
                        "modal", TRUE,
                        "application-name", _("Annota"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Annota Developers"),
                        "developers", developers,
                        "comments", _("Mark the people, places and other entities in a text, by hand or by reviewing what a model suggested, and export them as training data."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The placeholder item of an empty recent menu; always disabled. */
static void
nothing_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
}

void
_annota_window_update_actions (AnnotaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_document = self->document != NULL;
  gboolean has_span = has_document && annota_text_view_get_selected_span (self->text_view) != NULL;
  gboolean has_matches = has_document && self->matches != NULL && self->matches->len > 0;

  gtk_widget_action_set_enabled (widget, "win.save", has_document);
  gtk_widget_action_set_enabled (widget, "win.save-as", has_document);
  gtk_widget_action_set_enabled (widget, "win.undo", has_document && annota_document_get_can_undo (self->document));
  gtk_widget_action_set_enabled (widget, "win.redo", has_document && annota_document_get_can_redo (self->document));
  gtk_widget_action_set_enabled (widget, "win.label", has_document);
  gtk_widget_action_set_enabled (widget, "win.delete-span", has_span);
  gtk_widget_action_set_enabled (widget, "win.move-span", has_span);
  gtk_widget_action_set_enabled (widget, "win.next-span", has_document);
  gtk_widget_action_set_enabled (widget, "win.previous-span", has_document);
  gtk_widget_action_set_enabled (widget, "win.find", has_document);
  gtk_widget_action_set_enabled (widget, "win.find-next", has_matches);
  gtk_widget_action_set_enabled (widget, "win.find-previous", has_matches);
  gtk_widget_action_set_enabled (widget, "win.label-all-matches", has_matches);
  gtk_widget_action_set_enabled (widget, "win.toggle-side-panel", has_document);
  gtk_widget_action_set_enabled (widget, "win.edit-labels", has_document);
  gtk_widget_action_set_enabled (widget, "win.no-recent-documents", FALSE);
  _annota_window_review_update_actions (self);
  gtk_widget_action_set_enabled (widget, "win.preferences", self->settings != NULL);
  _annota_window_corpus_update_actions (self);
}

void
_annota_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.no-recent-documents", NULL, nothing_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.label", "s", label_action);
  gtk_widget_class_install_action (widget_class, "win.delete-span", NULL, delete_span_action);
  gtk_widget_class_install_action (widget_class, "win.move-span", "s", move_span_action);
  gtk_widget_class_install_action (widget_class, "win.next-span", NULL, next_span_action);
  gtk_widget_class_install_action (widget_class, "win.previous-span", NULL, previous_span_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_previous_action);
  gtk_widget_class_install_action (widget_class, "win.label-all-matches", NULL, label_all_matches_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-side-panel", NULL, toggle_side_panel_action);
  gtk_widget_class_install_action (widget_class, "win.edit-labels", NULL, edit_labels_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-rejected", "show-rejected");
  gtk_widget_class_install_property_action (widget_class, "win.snap-to-words", "snap-to-words");
  gtk_widget_class_install_property_action (widget_class, "win.review-order", "review-order");
}
