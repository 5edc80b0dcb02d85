/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window driven through its actions and keys, on a copy of the
 * Vietnamese sample: label, relabel, move, delete, undo, redo, save and
 * read the file back; the "Save Changes?" dialog and its answers; bad
 * files that open nothing and say why in a toast.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libglib-testing/signal-logger.h>

#include "annota-text-view-private.h"
#include "annota-window-private.h"
#include "ui-test-util.h"

static AnnotaApplication *app;

typedef struct {
  char           *tmpdir;
  char           *path;        /* a copy of the sample */
  char           *original;    /* its contents before the test */
  gsize           original_len;
  AnnotaWindow   *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ui_test_keep_recent_dir ();
  f->path = ui_test_copy_sample ("annota-test-window-XXXXXX", &f->tmpdir, &f->original, &f->original_len);

  ui_test_window_new (app, &f->window);

  if (data != NULL)
    {
      ui_test_load_path (f->window, f->path);
      ui_test_flush_events ();
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Whatever the test left is discarded, without a dialog. */
  ui_test_window_discard (&f->window);

  ui_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->path);
  g_free (f->original);
}

static AnnotaDocument *
document (Fixture *f)
{
  return ui_test_window_document (f->window);
}

/* The code point range of the first occurrence of needle in the text. */
static void
find_text (Fixture    *f,
           const char *needle,
           guint      *start,
           guint      *end)
{
  AnnotaText *text = annota_document_get_text (document (f));
  const char *utf8 = annota_text_get_utf8 (text);
  const char *hit = strstr (utf8, needle);

  g_assert_nonnull (hit);
  *start = annota_text_byte_to_cp (text, hit - utf8);
  *end = *start + g_utf8_strlen (needle, -1);
}

/* Asserts that the label's tag covers exactly [start, end) within the
 * neighbourhood [start - margin, end + margin). */
static void
assert_tag_exactly (Fixture    *f,
                    const char *label,
                    guint       start,
                    guint       end)
{
  AnnotaTextView *view = annota_window_get_text_view (f->window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag = annota_text_view_get_label_tag (view, label, ANNOTA_SPAN_STATUS_ACCEPTED);
  guint from = start > 3 ? start - 3 : 0;

  g_assert_nonnull (tag);
  for (guint i = from; i < end + 3; i++)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, i);
      if (gtk_text_iter_has_tag (&iter, tag) != (i >= start && i < end))
        g_error ("tag %s at offset %u: expected %s", label, i, i >= start && i < end ? "present" : "absent");
    }
}

static void
assert_no_tag_in (Fixture    *f,
                  const char *label,
                  guint       start,
                  guint       end)
{
  AnnotaTextView *view = annota_window_get_text_view (f->window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag = annota_text_view_get_label_tag (view, label, ANNOTA_SPAN_STATUS_ACCEPTED);

  if (tag == NULL)
    return;
  for (guint i = start; i < end; i++)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, i);
      g_assert_false (gtk_text_iter_has_tag (&iter, tag));
    }
}

static void
activate (Fixture    *f,
          const char *action,
          const char *string_parameter)
{
  if (string_parameter != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, "s", string_parameter));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
  ui_test_flush_events ();
}

typedef struct {
  guint       start;
  guint       end;
  const char *label;
  const char *status;
  const char *origin;
} ExpectedSpan;

static char *
describe_spans (AnnotaDocument *doc)
{
  AnnotaSpanStore *store = annota_document_get_spans (doc);
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < annota_span_store_get_n_spans (store); i++)
    {
      AnnotaSpan *span = annota_span_store_peek (store, i);

      g_string_append_printf (str, "%u-%u %s %s %s\n",
                              annota_span_get_start (span), annota_span_get_end (span),
                              annota_span_get_label (span),
                              annota_span_status_to_string (annota_span_get_status (span)),
                              annota_span_get_origin (span));
    }
  return g_string_free (str, FALSE);
}

/* The spans of the original sample plus extra, as describe_spans writes
 * them, in the store's order. */
static char *
expected_spans (Fixture            *f,
                const ExpectedSpan *extra,
                guint               n_extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = ui_test_sample_path ();
  g_autoptr(AnnotaDocument) doc = annota_document_load_file (sample, NULL, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_extra; i++)
    {
      AnnotaSpanStatus status;

      g_assert_true (annota_span_status_from_string (extra[i].status, &status));
      g_assert_nonnull (annota_document_add_span (doc, extra[i].start, extra[i].end, extra[i].label,
                                                  status, extra[i].origin, -1.0, &error));
      g_assert_no_error (error);
    }
  return describe_spans (doc);
}

/* The one visible-or-hidden toplevel of type, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      {
        g_assert_null (found);
        found = l->data;
      }
  return found;
}

/* Whether a label below (or at) widget that is drawn shows text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *overlay;
  AdwAboutWindow *about = NULL;
  GList *toplevels;

  g_assert_null (annota_window_get_document (f->window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->main_stack), ==, "empty");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Annota");
  /* Label keys do nothing without a document. */
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_1, 0));
  /* The shortcuts window is built from the resources when first asked
   * for (not with the window), shows (under fatal warnings) without a
   * complaint from GTK, on Ctrl+?, and is the same window the next time. */
  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");

    g_assert_cmpstrv (accels, ((const char *[]) { "<Control>question", NULL }));
  }
  activate (f, "win.show-help-overlay", NULL);
  overlay = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (overlay) == GTK_WINDOW (f->window));
  g_assert_cmpstr (gtk_window_get_title (overlay), ==, "Keyboard Shortcuts");
  /* Its header says that title too, not GTK's own "Shortcuts", which
   * GTK 4.8 has no Vietnamese for. */
  ui_test_flush_events ();
  g_assert_true (shows_label (gtk_window_get_titlebar (overlay), "Keyboard Shortcuts"));
  g_assert_false (shows_label (gtk_window_get_titlebar (overlay), "Shortcuts"));
  gtk_window_close (overlay);
  ui_test_flush_events ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  activate (f, "win.show-help-overlay", NULL);
  g_assert_true (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (overlay);
  ui_test_flush_events ();

  /* The About window: the version and licence of the build. */
  activate (f, "win.about", NULL);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_ABOUT_WINDOW (l->data))
        about = l->data;
    }
  g_list_free (toplevels);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (f->window));
  gtk_window_destroy (GTK_WINDOW (about));
  ui_test_flush_events ();
}

static gboolean
recent_menu_has (Fixture    *f,
                 const char *uri)
{
  GMenuModel *menu = G_MENU_MODEL (f->window->recent_menu);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                           G_VARIANT_TYPE_STRING);

      if (target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), uri) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_recent_and_toggles (Fixture       *f,
                         gconstpointer  data)
{
  AnnotaTextView *view = annota_window_get_text_view (f->window);
  g_autoptr(GFile) file = g_file_new_for_path (f->path);
  g_autofree char *uri = g_file_get_uri (file);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* The opened file joins the Open button's menu of recent documents. */
  while (!recent_menu_has (f, uri) && g_get_monotonic_time () < deadline)
    ui_test_flush_events ();
  g_assert_true (recent_menu_has (f, uri));

  /* The menu's toggles reach the text view. */
  g_assert_cmpint (annota_text_view_get_snap_mode (view), ==, ANNOTA_SNAP_WORDS);
  activate (f, "win.snap-to-words", NULL);
  g_assert_cmpint (annota_text_view_get_snap_mode (view), ==, ANNOTA_SNAP_GRAPHEMES);
  activate (f, "win.snap-to-words", NULL);
  g_assert_cmpint (annota_text_view_get_snap_mode (view), ==, ANNOTA_SNAP_WORDS);
  g_assert_false (annota_text_view_get_show_rejected (view));
  activate (f, "win.show-rejected", NULL);
  g_assert_true (annota_text_view_get_show_rejected (view));

  /* F9's action hides the side panel and shows it again. */
  g_assert_true (adw_flap_get_reveal_flap (f->window->flap));
  activate (f, "win.toggle-side-panel", NULL);
  g_assert_false (adw_flap_get_reveal_flap (f->window->flap));
  activate (f, "win.toggle-side-panel", NULL);
  g_assert_true (adw_flap_get_reveal_flap (f->window->flap));
}

static void
test_open_sample (Fixture       *f,
                  gconstpointer  data)
{
  AnnotaDocument *doc;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  g_setenv ("ANNOTA_SAMPLES_DIR", f->tmpdir, TRUE);
  activate (f, "win.open-sample", NULL);
  doc = document (f);

  /* The sample opens as a template: not modified, no file of its own. */
  g_assert_null (annota_document_get_file (doc));
  g_assert_false (annota_document_get_modified (doc));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->main_stack), ==, "document");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "kerry-lavrov-moscow.vi.json");
  g_assert_cmpuint (annota_document_get_length (doc), ==, 2174);

  expected = expected_spans (f, NULL, 0);
  actual = describe_spans (doc);
  g_assert_cmpstr (actual, ==, expected);
  g_unsetenv ("ANNOTA_SAMPLES_DIR");
}

static void
test_label_flow (Fixture       *f,
                 gconstpointer  data)
{
  AnnotaDocument *doc = document (f);
  AnnotaTextView *view = annota_window_get_text_view (f->window);
  AnnotaSpanStore *store = annota_document_get_spans (doc);
  guint n0 = annota_span_store_get_n_spans (store);
  AnnotaSpan *span = NULL;
  guint start, end, barack_end;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) saved = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *footer = NULL;

  find_text (f, "Barack Obama", &start, &end);
  barack_end = start + strlen ("Barack");
  g_assert_cmpuint (ui_test_count_spans_at (doc, start, end, NULL), ==, 0);
  g_assert_false (annota_document_get_modified (doc));

  /* Select and label with the action a label key triggers. */
  annota_text_view_select_range (view, start, end);
  activate (f, "win.label", "PER");
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, n0 + 1);
  g_assert_cmpuint (ui_test_count_spans_at (doc, start, end, &span), ==, 1);
  g_assert_cmpstr (annota_span_get_label (span), ==, "PER");
  g_assert_cmpint (annota_span_get_status (span), ==, ANNOTA_SPAN_STATUS_ACCEPTED);
  g_assert_cmpstr (annota_span_get_origin (span), ==, "manual");
  g_assert_true (annota_text_view_get_selected_span (view) == span);
  g_assert_true (annota_document_get_modified (doc));
  g_assert_true (g_str_has_suffix (gtk_window_get_title (GTK_WINDOW (f->window)), "•"));
  assert_tag_exactly (f, "PER", start, end);
  footer = g_strdup_printf ("%u spans · 3 suggested · ", n0 + 1);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (f->window->footer_label), footer));

  /* The key 2 (LOC) on the selected span relabels it: still one span. */
  g_assert_true (_annota_window_handle_key (f->window, GDK_KEY_2, 0));
  ui_test_flush_events ();
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, n0 + 1);
  g_assert_cmpuint (ui_test_count_spans_at (doc, start, end, &span), ==, 1);
  g_assert_cmpstr (annota_span_get_label (span), ==, "LOC");
  g_assert_true (annota_text_view_get_selected_span (view) == span);
  assert_tag_exactly (f, "LOC", start, end);
  assert_no_tag_in (f, "PER", start, end);

  /* While the search entry has the focus, label keys are typing. */
  activate (f, "win.find", NULL);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->window->search_entry)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (f->window->search_entry)));
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_3, 0));
  g_assert_cmpstr (annota_span_get_label (span), ==, "LOC");
  gtk_search_bar_set_search_mode (f->window->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  annota_text_view_set_selected_span (view, span);
  ui_test_flush_events ();

  /* Alt+Left: the end moves back by a word, to the end of "Barack". */
  activate (f, "win.move-span", "end-backward-word");
  g_assert_cmpuint (annota_span_get_start (span), ==, start);
  g_assert_cmpuint (annota_span_get_end (span), ==, barack_end);
  g_assert_true (annota_text_view_get_selected_span (view) == span);
  assert_tag_exactly (f, "LOC", start, barack_end);
  /* Ctrl+Alt+Right: by one character. */
  activate (f, "win.move-span", "end-forward-char");
  g_assert_cmpuint (annota_span_get_end (span), ==, barack_end + 1);
  /* Alt+Right: on to the end of "Obama". */
  activate (f, "win.move-span", "end-forward-word");
  g_assert_cmpuint (annota_span_get_end (span), ==, end);
  /* Alt+Shift+Right: the start moves to "Obama". */
  activate (f, "win.move-span", "start-forward-word");
  g_assert_cmpuint (annota_span_get_start (span), ==, barack_end + 1);
  g_assert_cmpuint (annota_span_get_end (span), ==, end);
  /* Alt+Shift+Left: back to "Barack". */
  activate (f, "win.move-span", "start-backward-word");
  g_assert_cmpuint (annota_span_get_start (span), ==, start);
  g_assert_cmpuint (annota_span_get_end (span), ==, end);
  /* Alt+Left again, so that what is saved differs from what was labelled. */
  activate (f, "win.move-span", "end-backward-word");
  g_assert_cmpuint (annota_span_get_end (span), ==, barack_end);

  /* Delete removes it, and its highlight. */
  g_assert_true (_annota_window_handle_key (f->window, GDK_KEY_Delete, 0));
  ui_test_flush_events ();
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, n0);
  g_assert_cmpuint (ui_test_count_spans_at (doc, start, barack_end, NULL), ==, 0);
  g_assert_null (annota_text_view_get_selected_span (view));
  assert_no_tag_in (f, "LOC", start, end);

  /* Undo brings it back, redo removes it again, undo once more. */
  activate (f, "win.undo", NULL);
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, n0 + 1);
  g_assert_cmpuint (ui_test_count_spans_at (doc, start, barack_end, &span), ==, 1);
  g_assert_cmpstr (annota_span_get_label (span), ==, "LOC");
  assert_tag_exactly (f, "LOC", start, barack_end);
  activate (f, "win.redo", NULL);
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, n0);
  assert_no_tag_in (f, "LOC", start, end);
  activate (f, "win.undo", NULL);
  g_assert_cmpuint (ui_test_count_spans_at (doc, start, barack_end, &span), ==, 1);

  /* Save writes the file; reading it back gives exactly these spans. */
  activate (f, "win.save", NULL);
  g_assert_false (annota_document_get_modified (doc));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "kerry-lavrov-moscow.vi.json");
  saved = annota_document_load_file (f->path, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    const ExpectedSpan extra[] = { { start, barack_end, "LOC", "accepted", "manual" } };

    expected = expected_spans (f, extra, G_N_ELEMENTS (extra));
  }
  actual = describe_spans (saved);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpuint (annota_span_store_get_n_spans (annota_document_get_spans (saved)), ==, n0 + 1);
}

static void
test_label_keys (Fixture       *f,
                 gconstpointer  data)
{
  AnnotaDocument *doc = document (f);
  AnnotaTextView *view = annota_window_get_text_view (f->window);
  AnnotaSpan *span = NULL;
  guint start, end;

  find_text (f, "Donbass", &start, &end);
  g_assert_cmpuint (ui_test_count_spans_at (doc, start, end, NULL), ==, 0);

  /* A selection inside the word snaps to the whole word. */
  annota_text_view_select_range (view, start + 1, end - 2);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (_annota_window_handle_key (f->window, GDK_KEY_KP_2, 0));
  ui_test_flush_events ();
  g_assert_cmpuint (ui_test_count_spans_at (doc, start, end, &span), ==, 1);
  g_assert_cmpstr (annota_span_get_label (span), ==, "LOC");

  /* Keys with Ctrl are accelerators, not label keys; a key no label has
   * is not ours either. */
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_3, GDK_CONTROL_MASK));
  g_assert_false (_annota_window_handle_key (f->window, GDK_KEY_9, 0));
  g_assert_cmpstr (annota_span_get_label (span), ==, "LOC");

  /* Tab in the text walks to the next span and Shift+Tab back; so do the
   * window's actions. */
  g_assert_true (_annota_window_handle_key (f->window, GDK_KEY_Tab, 0));
  ui_test_flush_events ();
  g_assert_true (annota_text_view_get_selected_span (view) != span);
  g_assert_nonnull (annota_text_view_get_selected_span (view));
  g_assert_cmpuint (annota_span_get_start (annota_text_view_get_selected_span (view)), >, start);
  g_assert_true (_annota_window_handle_key (f->window, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  ui_test_flush_events ();
  g_assert_true (annota_text_view_get_selected_span (view) == span);
  activate (f, "win.next-span", NULL);
  g_assert_true (annota_text_view_get_selected_span (view) != span);
  activate (f, "win.previous-span", NULL);
  g_assert_true (annota_text_view_get_selected_span (view) == span);

  /* A click in the palette labels too: here it relabels the span. */
  g_signal_emit_by_name (f->window->label_palette, "label-activated", "MISC");
  ui_test_flush_events ();
  g_assert_cmpuint (ui_test_count_spans_at (doc, start, end, &span), ==, 1);
  g_assert_cmpstr (annota_span_get_label (span), ==, "MISC");
}

static void
test_selection_sync (Fixture       *f,
                     gconstpointer  data)
{
  AnnotaDocument *doc = document (f);
  AnnotaTextView *view = annota_window_get_text_view (f->window);
  AnnotaSpanPanel *panel = annota_window_get_span_panel (f->window);
  AnnotaSpanStore *store = annota_document_get_spans (doc);
  AnnotaSpan *first = annota_span_store_peek (store, 0);
  AnnotaSpan *third = annota_span_store_peek (store, 2);

  annota_text_view_set_selected_span (view, first);
  ui_test_flush_events ();
  g_assert_true (annota_span_panel_get_selected_span (panel) == first);

  annota_span_panel_set_selected_span (panel, third);
  ui_test_flush_events ();
  g_assert_true (annota_text_view_get_selected_span (view) == third);
}

/* Answers the dialog as a person would: by clicking the response's button. */
static void
click_response (AdwMessageDialog *dialog,
                const char       *button_label)
{
  GtkWidget *button = ui_test_find_button (GTK_WIDGET (dialog), button_label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  ui_test_flush_events ();
}

static void
label_something (Fixture *f)
{
  AnnotaTextView *view = annota_window_get_text_view (f->window);
  guint start, end;

  find_text (f, "Donbass", &start, &end);
  annota_text_view_select_range (view, start, end);
  activate (f, "win.label", "LOC");
  g_assert_true (annota_document_get_modified (document (f)));
}

static void
test_close_cancel_discard (Fixture       *f,
                           gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autofree char *after = NULL;

  label_something (f);

  /* Ctrl+W asks; Cancel keeps the window and the changes. */
  activate (f, "win.close", NULL);
  dialog = ui_test_find_message_dialog (GTK_WINDOW (f->window), NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "discard"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "save"), ==, ADW_RESPONSE_SUGGESTED);
  click_response (dialog, "_Cancel");
  g_assert_nonnull (f->window);
  g_assert_null (ui_test_find_message_dialog (GTK_WINDOW (f->window), NULL));
  g_assert_true (annota_document_get_modified (document (f)));

  /* Closing the window asks too; Discard closes it and writes nothing. */
  gtk_window_close (GTK_WINDOW (f->window));
  ui_test_flush_events ();
  g_assert_nonnull (f->window);
  dialog = ui_test_find_message_dialog (GTK_WINDOW (f->window), NULL);
  g_assert_nonnull (dialog);
  click_response (dialog, "_Discard");
  g_assert_null (f->window);
  after = ui_test_read_file (f->path, NULL);
  g_assert_cmpstr (after, ==, f->original);
}

static void
test_close_save (Fixture       *f,
                 gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) saved = NULL;
  guint start, end;
  guint n;

  label_something (f);
  find_text (f, "Donbass", &start, &end);
  n = annota_span_store_get_n_spans (annota_document_get_spans (document (f)));

  /* Quit (Ctrl+Q) asks as well; Save writes the file, then the window goes. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  ui_test_flush_events ();
  dialog = ui_test_find_message_dialog (GTK_WINDOW (f->window), NULL);
  g_assert_nonnull (dialog);
  click_response (dialog, "_Save");
  g_assert_null (f->window);

  saved = annota_document_load_file (f->path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annota_span_store_get_n_spans (annota_document_get_spans (saved)), ==, n);
  g_assert_cmpuint (ui_test_count_spans_at (saved, start, end, NULL), ==, 1);
}

static void
test_open_asks (Fixture       *f,
                gconstpointer  data)
{
  AdwMessageDialog *dialog;
  AnnotaDocument *before;
  g_autofree char *other = g_build_filename (f->tmpdir, "other.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (other);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (other, "Ông John Kerry tuyên bố.", -1, &error);
  g_assert_no_error (error);
  label_something (f);
  before = document (f);

  /* Opening another file asks first; Cancel keeps the document. */
  annota_window_open_file (f->window, file);
  ui_test_flush_events ();
  dialog = ui_test_find_message_dialog (GTK_WINDOW (f->window), NULL);
  g_assert_nonnull (dialog);
  click_response (dialog, "_Cancel");
  g_assert_true (document (f) == before);

  /* Discard opens it. */
  annota_window_open_file (f->window, file);
  ui_test_flush_events ();
  dialog = ui_test_find_message_dialog (GTK_WINDOW (f->window), NULL);
  g_assert_nonnull (dialog);
  click_response (dialog, "_Discard");
  g_assert_true (document (f) != before);
  g_assert_cmpstr (annota_text_get_utf8 (annota_document_get_text (document (f))), ==, "Ông John Kerry tuyên bố.");
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  AnnotaDocument *before = document (f);
  g_autofree char *bad = g_build_filename (f->tmpdir, "bad.json", NULL);
  g_autofree char *bad_text = g_build_filename (f->tmpdir, "latin1.txt", NULL);
  g_autofree char *missing = g_build_filename (f->tmpdir, "missing.json", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GFile) bad_text_file = g_file_new_for_path (bad_text);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  const char *bad_json = "{\"annota\": 1, \"text\": \"abc\", \"spans\": [{\"start\": 2, \"end\": 9, \"label\": \"X\"}]}";

  g_file_set_contents (bad, bad_json, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (bad_text, "caf\xe9", -1, &error);
  g_assert_no_error (error);

  /* A bad document: nothing opens, a toast names the file and the span. */
  annota_window_open_file (f->window, bad_file);
  ui_test_flush_events ();
  g_assert_true (document (f) == before);
  g_assert_true (ui_test_toast_shows (f->window, "bad.json", FALSE));
  g_assert_true (ui_test_toast_shows (f->window, "spans[0]", FALSE));
  after = ui_test_read_file (bad, NULL);
  g_assert_cmpstr (after, ==, bad_json);

  /* Text that is not UTF-8, and a file that is not there. */
  annota_window_open_file (f->window, bad_text_file);
  ui_test_flush_events ();
  g_assert_true (document (f) == before);
  g_assert_true (ui_test_toast_shows (f->window, "latin1.txt: byte 3", FALSE));

  g_assert_false (annota_window_load_file (f->window, missing_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  annota_window_open_file (f->window, missing_file);
  ui_test_flush_events ();
  g_assert_true (document (f) == before);
  g_assert_true (ui_test_toast_shows (f->window, "missing.json", FALSE));
  g_assert_nonnull (f->window);
}

static void
test_save_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->tmpdir, "no-such-dir", "x.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;

  label_something (f);

  /* A failed save leaves the document modified. */
  g_assert_false (annota_window_save_to_file (f->window, file, &error));
  g_assert_nonnull (error);
  g_assert_true (annota_document_get_modified (document (f)));
  g_assert_cmpstr (g_file_peek_path (annota_document_get_file (document (f))), ==, f->path);
}

static void
test_plain_text (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *txt = g_build_filename (f->tmpdir, "note.txt", NULL);
  g_autofree char *json = g_build_filename (f->tmpdir, "note.json", NULL);
  g_autoptr(GFile) txt_file = g_file_new_for_path (txt);
  g_autoptr(GFile) json_file = g_file_new_for_path (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnotaDocument) saved = NULL;
  g_autofree char *txt_after = NULL;
  AnnotaDocument *doc;
  GListModel *toplevels;
  GtkFileChooser *chooser = NULL;

  g_file_set_contents (txt, "Ông John Kerry ở Matxcơva.\n", -1, &error);
  g_assert_no_error (error);

  g_assert_true (annota_window_load_file (f->window, txt_file, &error));
  g_assert_no_error (error);
  ui_test_flush_events ();
  doc = document (f);
  g_assert_null (annota_document_get_file (doc));
  g_assert_false (annota_document_get_modified (doc));
  g_assert_cmpuint (annota_label_set_get_n_labels (annota_document_get_labels (doc)), ==, 4);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "note.txt");

  annota_text_view_select_range (annota_window_get_text_view (f->window), 4, 14);
  activate (f, "win.label", "PER");

  /* Ctrl+S asks where, proposing a .json name; the .txt stays as it is. */
  activate (f, "win.save", NULL);
  g_assert_nonnull (f->window->chooser);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (w))
        chooser = GTK_FILE_CHOOSER (w);
    }
  g_assert_nonnull (chooser);
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (chooser);

    g_assert_cmpstr (name, ==, "note.json");
  }
  gtk_native_dialog_hide (f->window->chooser);
  g_signal_emit_by_name (f->window->chooser, "response", GTK_RESPONSE_CANCEL);
  ui_test_flush_events ();
  g_assert_null (f->window->chooser);
  g_assert_true (annota_document_get_modified (doc));

  /* What the chooser's answer does. */
  g_assert_true (annota_window_save_to_file (f->window, json_file, &error));
  g_assert_no_error (error);
  g_assert_false (annota_document_get_modified (doc));
  g_assert_true (g_file_equal (annota_document_get_file (doc), json_file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "note.json");
  txt_after = ui_test_read_file (txt, NULL);
  g_assert_cmpstr (txt_after, ==, "Ông John Kerry ở Matxcơva.\n");
  saved = annota_document_load_file (json, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ui_test_count_spans_at (saved, 4, 14, NULL), ==, 1);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  AnnotaDocument *doc = document (f);
  AnnotaSpanStore *store = annota_document_get_spans (doc);
  guint n0 = annota_span_store_get_n_spans (store);
  guint suggested0 = annota_document_count_spans (doc, NULL, ANNOTA_SPAN_STATUS_SUGGESTED);
  guint org_suggested0 = annota_document_count_spans (doc, "ORG", ANNOTA_SPAN_STATUS_SUGGESTED);
  guint n_matches;

  activate (f, "win.find", NULL);
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), "matxcova");
  _annota_window_search_update (f->window);
  g_assert_cmpuint (_annota_window_get_n_matches (f->window), ==, 0);
  g_assert_cmpstr (gtk_label_get_label (f->window->match_label), ==, "No matches");

  /* Ignoring accents, "matxcova" finds every "Matxcơva". */
  gtk_check_button_set_active (f->window->ignore_accents_check, TRUE);
  ui_test_flush_events ();
  n_matches = _annota_window_get_n_matches (f->window);
  g_assert_cmpuint (n_matches, >, 1);
  g_assert_cmpstr (gtk_label_get_label (f->window->match_label), !=, "No matches");

  /* Next and previous cycle through them. */
  activate (f, "win.find-next", NULL);
  g_assert_cmpuint (f->window->match_index, ==, 1);
  activate (f, "win.find-previous", NULL);
  activate (f, "win.find-previous", NULL);
  g_assert_cmpuint (f->window->match_index, ==, n_matches - 1);

  /* Label All Matches with ORG: suggested spans, one undo takes them back.
   * A match that is a LOC span already gets an ORG suggestion as well. */
  gtk_drop_down_set_selected (f->window->search_label_dropdown, 2);
  activate (f, "win.label-all-matches", NULL);
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, n0 + n_matches);
  g_assert_cmpuint (annota_document_count_spans (doc, "ORG", ANNOTA_SPAN_STATUS_SUGGESTED), ==, org_suggested0 + n_matches);
  g_assert_cmpuint (annota_document_count_spans (doc, NULL, ANNOTA_SPAN_STATUS_SUGGESTED), ==, suggested0 + n_matches);
  for (guint i = 0; i < n_matches; i++)
    {
      AnnotaRange *range = &g_array_index (f->window->matches, AnnotaRange, i);
      g_autofree char *covered = annota_text_substring (annota_document_get_text (doc), range->start, range->end);

      g_assert_cmpstr (covered, ==, "Matxcơva");
    }
  activate (f, "win.undo", NULL);
  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, n0);
  g_assert_cmpuint (annota_document_count_spans (doc, NULL, ANNOTA_SPAN_STATUS_SUGGESTED), ==, suggested0);
}

/* annota FILE, started the way a user starts it, in a child process each:
 * the first FILE is read in a thread while GTK starts, and its window takes
 * what was read (the document, or the error in the same words as when
 * opened from the window). The child prints what it saw. */
static void
on_command_line_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint,
                      gpointer       user_data)
{
  g_print ("open: preloading %s\n",
           _annota_application_is_preloading (ANNOTA_APPLICATION (application), files[0]) ? "yes" : "no");
}

/* The buffer the window's text view starts with. */
static void
on_command_line_window (GtkApplication *application,
                        GtkWindow      *window,
                        gpointer        user_data)
{
  AnnotaTextView *view = annota_window_get_text_view (ANNOTA_WINDOW (window));

  g_object_set_data (G_OBJECT (window), "annota-test-first-buffer",
                     gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
}

static gboolean
has_corpus (gpointer data)
{
  return ANNOTA_WINDOW (data)->corpus != NULL;
}

static void
on_command_line_opened (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint,
                        gpointer       user_data)
{
  AnnotaWindow *window = ANNOTA_WINDOW (gtk_application_get_windows (GTK_APPLICATION (application))->data);
  AnnotaDocument *doc = annota_window_get_document (window);
  const char *error = g_getenv ("ANNOTA_TEST_ERROR");

  g_print ("opened: preloading %s\n",
           _annota_application_is_preloading (ANNOTA_APPLICATION (application), files[0]) ? "yes" : "no");
  if (doc != NULL)
    {
      GtkTextView *view = GTK_TEXT_VIEW (annota_window_get_text_view (window));
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      AnnotaSpanStore *store = annota_document_get_spans (doc);
      AnnotaSpan *first = annota_span_store_get_n_spans (store) > 0 ? annota_span_store_peek (store, 0) : NULL;
      g_autofree char *text = NULL;
      GtkTextIter start, end;

      g_print ("document: %u code points, %u spans, %s\n", annota_document_get_length (doc),
               annota_span_store_get_n_spans (store), gtk_window_get_title (GTK_WINDOW (window)));
      /* The text is shown whole, in a buffer filled in the reading thread
       * or in the view's own, and the first span is highlighted. */
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      g_print ("buffer: %s, %s text%s\n",
               buffer == g_object_get_data (G_OBJECT (window), "annota-test-first-buffer") ? "own" : "filled in the thread",
               g_str_equal (text, annota_text_get_utf8 (annota_document_get_text (doc))) ? "the document's" : "another",
               first != NULL && _annota_text_view_is_range_tagged (ANNOTA_TEXT_VIEW (view),
                                                                   annota_span_get_start (first),
                                                                   annota_span_get_end (first))
                 ? ", first span tagged" : "");
    }
  else
    g_print ("no document\n");
  /* A corpus is listed in a thread of its own. */
  if (g_file_query_file_type (files[0], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY &&
      ui_test_wait_for (has_corpus, window, 10000))
    g_print ("corpus: %u documents\n", annota_corpus_get_n_documents (window->corpus));
  if (error != NULL)
    g_print ("error shown: %s\n", ui_test_toast_shows (window, error, TRUE) ? "yes" : "no");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
run_app_on (void)
{
  g_autoptr(AnnotaApplication) other = annota_application_new ();
  g_auto(GStrv) args = g_strsplit (g_getenv ("ANNOTA_TEST_ARGS"), "\n", -1);

  g_application_set_flags (G_APPLICATION (other), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (other, "open", G_CALLBACK (on_command_line_open), NULL);
  g_signal_connect (other, "window-added", G_CALLBACK (on_command_line_window), NULL);
  g_signal_connect_after (other, "open", G_CALLBACK (on_command_line_opened), NULL);
  exit (g_application_run (G_APPLICATION (other), (int) g_strv_length (args), args));
}

static void
assert_command_line (const char *error,
                     const char *expected_stdout,
                     const char *first_arg,
                     ...)
{
  g_autoptr(GString) args = g_string_new ("annota");
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_string_append_printf (args, "\n%s", arg);
  va_end (ap);

  g_setenv ("ANNOTA_TEST_ARGS", args->str, TRUE);
  if (error != NULL)
    g_setenv ("ANNOTA_TEST_ERROR", error, TRUE);
  else
    g_unsetenv ("ANNOTA_TEST_ERROR");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout (expected_stdout);
}

static void
test_command_line_file (void)
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *bad = ui_test_source_path ("tests", "data", "bad", "native", "past-end.json", NULL);
  g_autofree char *bad_message = NULL;
  g_autofree char *text = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(AnnotaDocument) reference = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      run_app_on ();
      return;
    }

  sample = ui_test_copy_sample ("annota-test-command-line-XXXXXX", &tmpdir, NULL, NULL);
  reference = annota_document_load_file (sample, NULL, NULL, &error);
  g_assert_no_error (error);

  /* A native document: read while GTK started, taken by its window. */
  expected = g_strdup_printf ("open: preloading yes\nopened: preloading no\n"
                              "document: %u code points, %u spans, kerry-lavrov-moscow.vi.json\n"
                              "buffer: filled in the thread, the document's text, first span tagged\n",
                              annota_document_get_length (reference),
                              annota_span_store_get_n_spans (annota_document_get_spans (reference)));
  assert_command_line (NULL, expected, sample, NULL);
  /* The first FILE after the options, "--" included. */
  assert_command_line (NULL, expected, "--", sample, NULL);

  /* A broken one: the same message as opening it from the window, the
   * file untouched, no document. */
  bad_message = g_strdup_printf ("%s: spans[1].end: 12 is past the end of the text (11 code points)", bad);
  assert_command_line (bad_message, "open: preloading yes\nopened: preloading no\nno document\nerror shown: yes\n",
                       bad, NULL);

  /* Plain text needs the settings: read by the window itself. */
  text = g_build_filename (tmpdir, "note.txt", NULL);
  ui_test_write_file (text, "Hà Nội\r\n", strlen ("Hà Nội\r\n"));
  assert_command_line (NULL, "open: preloading no\nopened: preloading no\ndocument: 8 code points, 0 spans, note.txt\n"
                       "buffer: own, the document's text\n", text, NULL);

  /* A folder named like a document is a corpus: what the thread read (an
   * error) is dropped. */
  folder = g_build_filename (tmpdir, "batch.json", NULL);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  inside = g_build_filename (folder, "one.json", NULL);
  g_assert_cmpint (rename (sample, inside), ==, 0);
  assert_command_line (NULL, "open: preloading yes\nopened: preloading no\nno document\ncorpus: 1 documents\n",
                       folder, NULL);

  ui_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!ui_test_init (&argc, &argv, "/annota/window/no-display"))
    return g_test_run ();

  app = ui_test_application_new (G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);

#define ADD(path, func, with_document) \
  g_test_add (path, Fixture, (with_document) ? "document" : NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/annota/window/empty-state", test_empty_state, FALSE);
  ADD ("/annota/window/open-sample", test_open_sample, FALSE);
  ADD ("/annota/window/label-relabel-move-delete-undo-save", test_label_flow, TRUE);
  ADD ("/annota/window/label-keys", test_label_keys, TRUE);
  ADD ("/annota/window/selection-sync", test_selection_sync, TRUE);
  ADD ("/annota/window/close-cancel-discard", test_close_cancel_discard, TRUE);
  ADD ("/annota/window/quit-save", test_close_save, TRUE);
  ADD ("/annota/window/open-asks", test_open_asks, TRUE);
  ADD ("/annota/window/bad-files", test_bad_files, TRUE);
  ADD ("/annota/window/save-error", test_save_error, TRUE);
  ADD ("/annota/window/plain-text", test_plain_text, FALSE);
  ADD ("/annota/window/search", test_search, TRUE);
  ADD ("/annota/window/recent-and-toggles", test_recent_and_toggles, TRUE);
  g_test_add_func ("/annota/window/command-line-file", test_command_line_file);

  ret = g_test_run ();

  ui_test_application_free (app);
  return ret;
}
