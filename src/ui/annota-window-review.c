/* annota-window-review.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's review workflow: importing a model's suggestions, review
 * mode with its bar and keys, accepting by score, marking the document
 * done, comparing with another file, and the statistics page.
 *
 * The span under review is the text view's selected span when it is a
 * review item (suggested, or decided with the reviewed mark): the text view
 * outlines it strongly and scrolls to it, and the span panel and the review
 * bar follow it. Every decision is one undoable step, after which the next
 * open suggestion in the bar's order is selected.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>

#include "annota-compare.h"
#include "annota-review-bar.h"
#include "annota-stats-view.h"
#include "annota-suggestions.h"
#include "annota-window-private.h"

static gboolean
is_review_item (AnnotaSpan *span)
{
  return span != NULL &&
         (annota_span_get_status (span) == ANNOTA_SPAN_STATUS_SUGGESTED || annota_span_get_reviewed (span));
}

static guint
count_open (AnnotaWindow *self)
{
  return annota_document_count_spans (self->document, NULL, ANNOTA_SPAN_STATUS_SUGGESTED);
}

static AnnotaSpan *
current_span (AnnotaWindow *self)
{
  AnnotaSpan *selected = annota_text_view_get_selected_span (self->text_view);

  return is_review_item (selected) ? selected : NULL;
}

static void
sync_bar (AnnotaWindow *self)
{
  if (self->review_bar != NULL)
    annota_review_bar_set_span (self->review_bar, current_span (self));
}

static void
on_selected_span (AnnotaWindow *self)
{
  sync_bar (self);
}

/* The review bar says it in review mode; a toast says it otherwise. */
static void
show_finished (AnnotaWindow *self)
{
  AdwToast *toast;

  if (self->review_mode)
    return;
  if (annota_document_get_state (self->document) == ANNOTA_DOCUMENT_STATE_DONE)
    {
      _annota_window_show_toast (self, _("All suggestions reviewed"));
      return;
    }
  toast = adw_toast_new (_("All suggestions reviewed"));
  adw_toast_set_button_label (toast, _("_Mark Document Done"));
  adw_toast_set_action_name (toast, "win.mark-done");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Selects the next open suggestion after from (or after the cursor); FALSE
 * when there is none left. */
static gboolean
go_next (AnnotaWindow *self,
         AnnotaSpan   *from,
         int           direction)
{
  AnnotaSpan *next;

  next = annota_review_bar_find_next (_annota_window_review_get_bar (self), from,
                                      annota_text_view_get_cursor_offset (self->text_view), direction);
  if (next == NULL)
    return FALSE;
  annota_text_view_set_selected_span (self->text_view, next);
  sync_bar (self);
  return TRUE;
}

static void
after_decision (AnnotaWindow *self,
                AnnotaSpan   *span)
{
  if (go_next (self, span, 1))
    return;
  sync_bar (self);
  if (count_open (self) == 0)
    show_finished (self);
}

/* A decision on the span under review: relabel it first when label is not
 * NULL, then accept or reject it, in one step. */
static gboolean
decide (AnnotaWindow      *self,
        AnnotaSpanStatus   status,
        const char        *label,
        GError           **error)
{
  g_autoptr(AnnotaSpan) span = NULL;
  gboolean ok = TRUE;

  /* Nothing left open: Enter (or A) is the bar's "Mark Document Done". */
  if (count_open (self) == 0 && label == NULL)
    {
      if (status == ANNOTA_SPAN_STATUS_ACCEPTED &&
          annota_document_get_state (self->document) != ANNOTA_DOCUMENT_STATE_DONE)
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "win.mark-done", NULL);
          return TRUE;
        }
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("All suggestions are reviewed"));
      return FALSE;
    }

  if (current_span (self) == NULL)
    {
      /* Nothing under review yet: the first key goes to a suggestion. */
      if (!go_next (self, NULL, 1))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No suggestion to review"));
          return FALSE;
        }
      return TRUE;
    }

  span = g_object_ref (current_span (self));
  annota_document_begin_step (self->document);
  if (label != NULL && g_strcmp0 (annota_span_get_label (span), label) != 0)
    ok = annota_document_relabel_span (self->document, span, label, error);
  if (ok)
    annota_document_set_span_status (self->document, span, status, TRUE);
  annota_document_end_step (self->document);
  if (!ok)
    return FALSE;

  g_ptr_array_add (self->review_decided, g_object_ref (span));
  after_decision (self, span);
  return TRUE;
}

gboolean
_annota_window_review_decide (AnnotaWindow     *self,
                              AnnotaSpanStatus  status,
                              const char       *label,
                              GError          **error)
{
  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), FALSE);

  if (self->document == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No document is open"));
      return FALSE;
    }
  return decide (self, status, label, error);
}

static void
decide_or_bell (AnnotaWindow     *self,
                AnnotaSpanStatus  status,
                const char       *label)
{
  g_autoptr(GError) error = NULL;

  if (!_annota_window_review_decide (self, status, label, &error))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      _annota_window_show_toast (self, error->message);
    }
}

static void
step (AnnotaWindow *self,
      int           direction)
{
  if (self->document == NULL || !go_next (self, current_span (self), direction))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

gboolean
_annota_window_set_review_mode (AnnotaWindow *self,
                                gboolean      review_mode)
{
  review_mode = !!review_mode;
  if (self->review_mode == review_mode)
    return FALSE;
  self->review_mode = review_mode;
  if (review_mode)
    _annota_window_review_get_bar (self);
  gtk_revealer_set_reveal_child (self->review_revealer, review_mode);
  if (review_mode && self->document != NULL)
    {
      if (current_span (self) == NULL || annota_span_get_status (current_span (self)) != ANNOTA_SPAN_STATUS_SUGGESTED)
        go_next (self, NULL, 1);
      sync_bar (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
    }
  _annota_window_update_actions (self);
  return TRUE;
}

/* Keys */

/* Where the focus is, for the review keys: the text (or nothing), the
 * review bar (in_button when on one of its buttons), or its popover. */
typedef enum {
  FOCUS_ELSEWHERE,
  FOCUS_TEXT,
  FOCUS_BAR,
  FOCUS_BAR_BUTTON,
  FOCUS_POPOVER,
} ReviewFocus;

static ReviewFocus
get_review_focus (AnnotaWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  ReviewFocus where = FOCUS_BAR;

  if (focus == NULL || focus == GTK_WIDGET (self->text_view))
    return FOCUS_TEXT;
  if (self->review_bar == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->review_bar)))
    return FOCUS_ELSEWHERE;
  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self->review_bar); w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_POPOVER (w))
        return FOCUS_POPOVER;
      if (GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w) || GTK_IS_DROP_DOWN (w))
        where = FOCUS_BAR_BUTTON;
    }
  return where;
}

gboolean
_annota_window_review_handle_key (AnnotaWindow    *self,
                                  guint            keyval,
                                  GdkModifierType  state)
{
  ReviewFocus focus;
  AnnotaLabel *label;
  AnnotaSpan *selected;
  gboolean other_selected;
  gunichar c;

  if (!self->review_mode || self->document == NULL)
    return FALSE;
  focus = get_review_focus (self);
  if (focus == FOCUS_ELSEWHERE)
    return FALSE;

  /* In the accept-by-score popover, Enter accepts (GTK 4.8's popovers do
   * not activate their default widget) and other keys are the slider's. */
  if (focus == FOCUS_POPOVER)
    {
      if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
        return FALSE;
      if (GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (self))))
        return FALSE;
      if (!annota_review_bar_accept_threshold (self->review_bar))
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }

  /* A span that is no suggestion, selected by hand, keeps the usual keys:
   * Delete removes it, a label key relabels it. */
  selected = annota_text_view_get_selected_span (self->text_view);
  other_selected = selected != NULL && !is_review_item (selected);

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      /* A focused button of the bar takes Enter as a click. */
      if (focus == FOCUS_BAR_BUTTON || other_selected)
        return FALSE;
      decide_or_bell (self, ANNOTA_SPAN_STATUS_ACCEPTED, NULL);
      return TRUE;

    case GDK_KEY_a:
    case GDK_KEY_A:
      if (other_selected)
        return FALSE;
      decide_or_bell (self, ANNOTA_SPAN_STATUS_ACCEPTED, NULL);
      return TRUE;

    case GDK_KEY_x:
    case GDK_KEY_X:
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (other_selected)
        return FALSE;
      decide_or_bell (self, ANNOTA_SPAN_STATUS_REJECTED, NULL);
      return TRUE;

    case GDK_KEY_j:
    case GDK_KEY_J:
      step (self, 1);
      return TRUE;

    case GDK_KEY_k:
    case GDK_KEY_K:
      step (self, -1);
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      /* In the bar, Tab moves the focus between its buttons. */
      if (focus != FOCUS_TEXT)
        return FALSE;
      step (self, (state & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab ? -1 : 1);
      return TRUE;

    default:
      break;
    }

  c = gdk_keyval_to_unicode (keyval);
  if (c == 0 || !g_unichar_isgraph (c))
    return FALSE;
  label = _annota_window_label_for_key (annota_document_get_labels (self->document), c);
  if (label == NULL || current_span (self) == NULL)
    return FALSE;
  decide_or_bell (self, ANNOTA_SPAN_STATUS_ACCEPTED, annota_label_get_id (label));
  return TRUE;
}

void
_annota_window_review_after_undo (AnnotaWindow *self)
{
  AnnotaSpan *last;

  if (self->document == NULL || self->review_decided->len == 0)
    return;
  last = g_ptr_array_index (self->review_decided, self->review_decided->len - 1);
  if (annota_span_get_status (last) != ANNOTA_SPAN_STATUS_SUGGESTED ||
      !annota_span_store_find (annota_document_get_spans (self->document), last, NULL))
    return;
  /* The decision just undone: that suggestion is under review again. */
  if (self->review_mode)
    annota_text_view_set_selected_span (self->text_view, last);
  g_ptr_array_remove_index (self->review_decided, self->review_decided->len - 1);
  sync_bar (self);
}

/* Import */

/* The local path of file, for what works on the document shown; NULL with
 * error when no document is shown (no_document says what to do) or the
 * file is not local. */
static char *
document_file_path (AnnotaWindow  *self,
                    GFile         *file,
                    const char    *no_document,
                    GError       **error)
{
  char *path;

  if (self->document == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, no_document);
      return NULL;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("%s: only local files can be read"), uri);
    }
  return path;
}

gboolean
annota_window_import_suggestions (AnnotaWindow  *self,
                                  GFile         *file,
                                  GError       **error)
{
  AnnotaSuggestionsResult result = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(GString) message = NULL;

  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = document_file_path (self, file, _("Open a document to import suggestions into"), error);
  if (path == NULL)
    return FALSE;
  if (!annota_suggestions_import_file (self->document, path, &result, error))
    {
      /* Show where this document's text stops matching theirs. */
      if (result.texts_differ)
        {
          guint length = annota_document_get_length (self->document);

          annota_text_view_select_range (self->text_view, MIN (result.differ_at, length),
                                         MIN (result.differ_at + 1, length));
        }
      return FALSE;
    }

  message = g_string_new (NULL);
  if (result.n_added == 0)
    g_string_append (message, _("No new suggestions"));
  else
    g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "Imported %u suggestion",
                                                  "Imported %u suggestions", result.n_added),
                            result.n_added);
  if (result.n_merged > 0)
    {
      g_string_append (message, " · ");
      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "%u already there", "%u already there",
                                                    result.n_merged),
                              result.n_merged);
    }
  if (result.n_conflicts > 0)
    {
      g_string_append (message, " · ");
      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "%u conflict", "%u conflicts",
                                                    result.n_conflicts),
                              result.n_conflicts);
    }
  _annota_window_show_toast (self, message->str);

  if (result.n_added > 0)
    {
      g_object_set (self, "review-mode", TRUE, NULL);
      if (current_span (self) == NULL || annota_span_get_status (current_span (self)) != ANNOTA_SPAN_STATUS_SUGGESTED)
        go_next (self, NULL, 1);
      sync_bar (self);
    }
  return TRUE;
}

void
_annota_window_review_import (AnnotaWindow *self,
                              GFile        *file)
{
  g_autoptr(GError) error = NULL;

  if (!annota_window_import_suggestions (self, file, &error))
    _annota_window_show_error (self, error->message);
}

static void
compare_chosen (AnnotaWindow *self,
                GFile        *file)
{
  g_autoptr(GError) error = NULL;

  if (!annota_window_compare_with (self, file, &error))
    _annota_window_show_error (self, error->message);
}

static void
choose_file (AnnotaWindow         *self,
             const char           *title,
             gboolean              predictions,
             AnnotaWindowFileFunc  done)
{
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GtkFileFilter) all = NULL;
  GtkFileChooser *chooser;
  GFile *file;

  chooser = _annota_window_choose (self, title, GTK_FILE_CHOOSER_ACTION_OPEN, done);
  if (chooser == NULL)
    return;

  filter = gtk_file_filter_new ();
  if (predictions)
    {
      gtk_file_filter_set_name (filter, _("Predictions (Annota, spaCy, doccano, Label Studio)"));
      gtk_file_filter_add_pattern (filter, "*.json");
      gtk_file_filter_add_pattern (filter, "*.jsonl");
      gtk_file_filter_add_pattern (filter, "*.ndjson");
      gtk_file_filter_add_pattern (filter, "*.ann");
      gtk_file_filter_add_pattern (filter, "*.conll");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Annota Documents"));
      gtk_file_filter_add_pattern (filter, "*.json");
    }
  gtk_file_chooser_add_filter (chooser, filter);
  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  file = self->document ? annota_document_get_file (self->document) : NULL;
  if (file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (chooser, parent, NULL);
    }

  gtk_native_dialog_show (self->chooser);
}

/* Compare */

static void
on_compare_updated (AnnotaWindow *self)
{
  AnnotaAgreement *agreement = annota_compare_view_get_agreement (self->compare_view);
  GtkStackPage *page = gtk_stack_get_page (self->side_stack, GTK_WIDGET (self->compare_view));

  annota_stats_view_set_agreement (self->stats_view, agreement,
                                   annota_compare_view_get_other_name (self->compare_view));
  if (agreement == NULL && gtk_stack_page_get_visible (page))
    {
      if (gtk_stack_get_visible_child (self->side_stack) == GTK_WIDGET (self->compare_view))
        gtk_stack_set_visible_child_name (self->side_stack, "spans");
      gtk_stack_page_set_visible (page, FALSE);
    }
  _annota_window_update_actions (self);
}

static void
on_compare_span_activated (AnnotaWindow *self,
                           guint         start,
                           guint         end,
                           AnnotaSpan   *mine)
{
  if (mine != NULL && annota_span_store_find (annota_document_get_spans (self->document), mine, NULL))
    annota_text_view_set_selected_span (self->text_view, mine);
  else
    annota_text_view_select_range (self->text_view, start, end);
}

gboolean
annota_window_compare_with (AnnotaWindow  *self,
                            GFile         *file,
                            GError       **error)
{
  g_autoptr(AnnotaDocument) other = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = document_file_path (self, file, _("Open a document to compare first"), error);
  if (path == NULL)
    return FALSE;
  other = annota_document_load_file (path, NULL, NULL, error);
  if (other == NULL)
    return FALSE;
  basename = g_file_get_basename (file);
  name = g_filename_display_name (basename);
  if (!annota_compare_view_open (self->compare_view, other, name, error))
    return FALSE;

  gtk_stack_page_set_visible (gtk_stack_get_page (self->side_stack, GTK_WIDGET (self->compare_view)), TRUE);
  gtk_stack_set_visible_child (self->side_stack, GTK_WIDGET (self->compare_view));
  adw_flap_set_reveal_flap (self->flap, TRUE);
  on_compare_updated (self);
  return TRUE;
}

/* Actions */

static void
import_suggestions_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  choose_file (ANNOTA_WINDOW (widget), _("Import Suggestions"), TRUE, _annota_window_review_import);
}

static void
compare_with_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_file (ANNOTA_WINDOW (widget), _("Compare With"), FALSE, compare_chosen);
}

static void
close_comparison_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  annota_compare_view_close (ANNOTA_WINDOW (widget)->compare_view);
}

static void
review_accept_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  decide_or_bell (ANNOTA_WINDOW (widget), ANNOTA_SPAN_STATUS_ACCEPTED, NULL);
}

static void
review_reject_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  decide_or_bell (ANNOTA_WINDOW (widget), ANNOTA_SPAN_STATUS_REJECTED, NULL);
}

static void
review_relabel_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  decide_or_bell (ANNOTA_WINDOW (widget), ANNOTA_SPAN_STATUS_ACCEPTED, g_variant_get_string (parameter, NULL));
}

static void
review_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  step (ANNOTA_WINDOW (widget), 1);
}

static void
review_previous_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  step (ANNOTA_WINDOW (widget), -1);
}

guint
_annota_window_review_accept_above (AnnotaWindow *self,
                                    double        threshold)
{
  g_autoptr(GPtrArray) spans = NULL;
  AnnotaSpan *current;

  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), 0);

  if (self->document == NULL)
    return 0;
  spans = annota_review_bar_collect_above (_annota_window_review_get_bar (self), threshold);
  current = current_span (self);

  annota_document_begin_step (self->document);
  for (guint i = 0; i < spans->len; i++)
    annota_document_set_span_status (self->document, spans->pdata[i], ANNOTA_SPAN_STATUS_ACCEPTED, TRUE);
  annota_document_end_step (self->document);

  if (spans->len > 0 && current != NULL && annota_span_get_status (current) != ANNOTA_SPAN_STATUS_SUGGESTED)
    after_decision (self, current);
  else if (spans->len > 0 && count_open (self) == 0)
    show_finished (self);
  sync_bar (self);
  return spans->len;
}

static void
accept_above_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);
  double threshold = g_variant_get_double (parameter);
  g_autofree char *message = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  guint n;

  n = _annota_window_review_accept_above (self, threshold);
  /* From the popover, back to the text and its keys. */
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  g_snprintf (number, sizeof number, "%.2f", threshold);
  if (n == 0)
    /* Translators: %s is a score between 0 and 1. */
    message = g_strdup_printf (_("No open suggestion has a score of %s or more"), number);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Accepted %u suggestion with a score of %s or more",
                                            "Accepted %u suggestions with a score of %s or more", n),
                               n, number);
  _annota_window_show_toast (self, message);
}

static void
accept_above_dialog_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);

  g_object_set (self, "review-mode", TRUE, NULL);
  annota_review_bar_popup_threshold (_annota_window_review_get_bar (self));
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);

  if (self->document == NULL)
    return;
  annota_document_set_state (self->document, ANNOTA_DOCUMENT_STATE_DONE);
  _annota_window_show_toast (self, _("The document is marked done"));
  _annota_window_update_actions (self);
}

static void
show_stats_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AnnotaWindow *self = ANNOTA_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_stack_set_visible_child_name (self->side_stack, "stats");
}

void
_annota_window_review_update_actions (AnnotaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_document = self->document != NULL;
  gboolean reviewing = has_document && self->review_mode;

  gtk_widget_action_set_enabled (widget, "win.import-suggestions", has_document);
  gtk_widget_action_set_enabled (widget, "win.review-mode", has_document);
  gtk_widget_action_set_enabled (widget, "win.review-accept", reviewing);
  gtk_widget_action_set_enabled (widget, "win.review-reject", reviewing);
  gtk_widget_action_set_enabled (widget, "win.review-relabel", reviewing);
  gtk_widget_action_set_enabled (widget, "win.review-next", reviewing);
  gtk_widget_action_set_enabled (widget, "win.review-previous", reviewing);
  gtk_widget_action_set_enabled (widget, "win.accept-above", has_document);
  gtk_widget_action_set_enabled (widget, "win.accept-above-dialog", has_document);
  gtk_widget_action_set_enabled (widget, "win.mark-done",
                                 has_document && annota_document_get_state (self->document) != ANNOTA_DOCUMENT_STATE_DONE);
  gtk_widget_action_set_enabled (widget, "win.compare-with", has_document);
  gtk_widget_action_set_enabled (widget, "win.close-comparison",
                                 has_document && annota_compare_view_get_other_name (self->compare_view) != NULL);
  gtk_widget_action_set_enabled (widget, "win.show-stats", has_document);
}

void
_annota_window_review_set_document (AnnotaWindow *self)
{
  g_ptr_array_set_size (self->review_decided, 0);
  if (self->review_bar != NULL)
    annota_review_bar_set_document (self->review_bar, self->document);
  annota_compare_view_set_document (self->compare_view, self->document);
  annota_stats_view_set_document (self->stats_view, self->document);
  on_compare_updated (self);
  if (self->review_mode && self->document != NULL)
    go_next (self, NULL, 1);
  sync_bar (self);
}

static void
on_document_state (AnnotaWindow *self)
{
  _annota_window_update_actions (self);
}

/* The window's "review-order" (the setting's "position" or "confidence")
 * and the bar's order follow each other. */
static gboolean
order_from_name (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_set_enum (to, g_strcmp0 (g_value_get_string (from), "confidence") == 0 ?
                        ANNOTA_REVIEW_ORDER_LEAST_CONFIDENT : ANNOTA_REVIEW_ORDER_POSITION);
  return TRUE;
}

static gboolean
order_to_name (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_value_set_string (to, g_value_get_enum (from) == ANNOTA_REVIEW_ORDER_LEAST_CONFIDENT ?
                          "confidence" : "position");
  return TRUE;
}

/* The review bar is built when it is first needed, for review mode or for
 * its list of suggestions, not with every window. */
AnnotaReviewBar *
_annota_window_review_get_bar (AnnotaWindow *self)
{
  g_return_val_if_fail (ANNOTA_IS_WINDOW (self), NULL);

  if (self->review_bar == NULL)
    {
      self->review_bar = g_object_new (ANNOTA_TYPE_REVIEW_BAR, NULL);
      gtk_box_append (self->review_box, GTK_WIDGET (self->review_bar));
      g_object_bind_property_full (self, "review-order", self->review_bar, "order",
                                   G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                   order_from_name, order_to_name, NULL, NULL);
      annota_review_bar_set_document (self->review_bar, self->document);
      annota_review_bar_set_span (self->review_bar, current_span (self));
    }
  return self->review_bar;
}

void
_annota_window_review_init (AnnotaWindow *self)
{
  self->review_decided = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (self->text_view, "notify::selected-span",
                           G_CALLBACK (on_selected_span), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_view, "updated",
                           G_CALLBACK (on_compare_updated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_view, "span-activated",
                           G_CALLBACK (on_compare_span_activated), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_swapped (self->document_signals, "notify::state",
                                  G_CALLBACK (on_document_state), self);
}

void
_annota_window_review_dispose (AnnotaWindow *self)
{
  g_clear_pointer (&self->review_decided, g_ptr_array_unref);
}

void
_annota_window_class_add_review (GtkWidgetClass *widget_class)
{
  g_type_ensure (ANNOTA_TYPE_COMPARE_VIEW);
  g_type_ensure (ANNOTA_TYPE_STATS_VIEW);

  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, review_revealer);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, review_box);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, compare_view);
  gtk_widget_class_bind_template_child (widget_class, AnnotaWindow, stats_view);

  gtk_widget_class_install_action (widget_class, "win.import-suggestions", NULL, import_suggestions_action);
  gtk_widget_class_install_property_action (widget_class, "win.review-mode", "review-mode");
  gtk_widget_class_install_action (widget_class, "win.review-accept", NULL, review_accept_action);
  gtk_widget_class_install_action (widget_class, "win.review-reject", NULL, review_reject_action);
  gtk_widget_class_install_action (widget_class, "win.review-relabel", "s", review_relabel_action);
  gtk_widget_class_install_action (widget_class, "win.review-next", NULL, review_next_action);
  gtk_widget_class_install_action (widget_class, "win.review-previous", NULL, review_previous_action);
  gtk_widget_class_install_action (widget_class, "win.accept-above", "d", accept_above_action);
  gtk_widget_class_install_action (widget_class, "win.accept-above-dialog", NULL, accept_above_dialog_action);
  gtk_widget_class_install_action (widget_class, "win.mark-done", NULL, mark_done_action);
  gtk_widget_class_install_action (widget_class, "win.compare-with", NULL, compare_with_action);
  gtk_widget_class_install_action (widget_class, "win.close-comparison", NULL, close_comparison_action);
  gtk_widget_class_install_action (widget_class, "win.show-stats", NULL, show_stats_action);
}
