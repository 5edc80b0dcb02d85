/* test-text-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text view against real documents in a real window: the label tags sit
 * on exactly the characters of the shown spans and follow every change; a
 * document of 5 MB with 200,000 spans is tagged only around what is visible;
 * selections snap to words and grapheme clusters; clicks and Tab select
 * spans, innermost first; a span's chip sits above where it starts to be
 * read, its left edge in English and its right edge in Arabic.
 */
#include <libglib-testing/signal-logger.h>
#include <adwaita.h>

#include "annota-core.h"
#include "annota-text-view.h"
#include "annota-text-view-private.h"
#include "ui-test-util.h"

/* Offsets: John Kerry 0–10, Sergei Lavrov 15–28, Matxcơva 32–40,
 * Bộ Ngoại giao Nga 42–59 (Nga 56–59). */
#define TEXT "John Kerry met Sergei Lavrov in Matxcơva. Bộ Ngoại giao Nga nói thêm."

typedef struct {
  AnnotaDocument  *doc;
  AnnotaSpanStore *store;
  GtkWidget       *window;
  AnnotaTextView  *view;
  GtSignalLogger  *logger;
} Fixture;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  gboolean *painted = user_data;

  *painted = TRUE;
}

/* Iterates until the view has painted one more frame. */
static void
wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  g_assert_true (painted);
}

static AnnotaSpan *
add (AnnotaDocument   *doc,
     guint             start,
     guint             end,
     const char       *label,
     AnnotaSpanStatus  status)
{
  return ui_test_add_span (doc, start, end, label, status, "user", -1);
}

static GtkWidget *
show_view (AnnotaTextView *view,
           int             width,
           int             height)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  wait_frame (GTK_WIDGET (view));
  return window;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();

  f->doc = annota_document_new_from_string (TEXT, labels);
  f->store = annota_document_get_spans (f->doc);
  add (f->doc, 0, 10, "PER", ANNOTA_SPAN_STATUS_ACCEPTED);
  add (f->doc, 15, 28, "PER", ANNOTA_SPAN_STATUS_ACCEPTED);
  add (f->doc, 32, 40, "LOC", ANNOTA_SPAN_STATUS_SUGGESTED);

  f->view = ANNOTA_TEXT_VIEW (annota_text_view_new ());
  annota_text_view_set_document (f->view, f->doc);
  f->window = show_view (f->view, 700, 400);
  f->logger = gt_signal_logger_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gt_signal_logger_free (f->logger);
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_spin ();
  g_assert_finalize_object (f->doc);
}

/* The ranges the tag covers, as "a-b a-b". */
static char *
tag_ranges (AnnotaTextView *view,
            const char     *label,
            AnnotaSpanStatus status)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag = annota_text_view_get_label_tag (view, label, status);
  GString *out = g_string_new (NULL);
  GtkTextIter it;

  if (tag == NULL)
    return g_string_free (out, FALSE);
  gtk_text_buffer_get_start_iter (buffer, &it);
  if (!gtk_text_iter_starts_tag (&it, tag) && !gtk_text_iter_forward_to_tag_toggle (&it, tag))
    return g_string_free (out, FALSE);
  do
    {
      int start = gtk_text_iter_get_offset (&it);

      g_assert_true (gtk_text_iter_starts_tag (&it, tag));
      gtk_text_iter_forward_to_tag_toggle (&it, tag);
      g_string_append_printf (out, "%s%d-%d", out->len ? " " : "", start, gtk_text_iter_get_offset (&it));
    }
  while (gtk_text_iter_forward_to_tag_toggle (&it, tag));
  return g_string_free (out, FALSE);
}

#define assert_tags(view, label, status, expected) \
  G_STMT_START { \
    g_autofree char *ranges_ = tag_ranges ((view), (label), (status)); \
    g_assert_cmpstr (ranges_, ==, (expected)); \
  } G_STMT_END

typedef struct {
  AnnotaTextView *view;
  guint           offset;
  GPtrArray      *tags;
} ExpectData;

static gboolean
expect_tag_cb (AnnotaSpan *span,
               gpointer    user_data)
{
  ExpectData *d = user_data;

  if (annota_span_get_status (span) != ANNOTA_SPAN_STATUS_REJECTED &&
      _annota_text_view_get_span_depth (d->view, span) == 0)
    g_ptr_array_add (d->tags, annota_text_view_get_label_tag (d->view, annota_span_get_label (span),
                                                              annota_span_get_status (span)));
  return TRUE;
}

/* Every character of [start, end) carries exactly the tags of the shown
 * outermost spans over it. */
static void
assert_tags_match (AnnotaTextView *view,
                   AnnotaDocument *doc,
                   guint           start,
                   guint           end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  const char *labels[] = { "PER", "LOC", "ORG", "MISC" };
  guint n_tagged = 0;

  for (guint o = start; o < end; o++)
    {
      g_autoptr(GPtrArray) expected = g_ptr_array_new ();
      ExpectData d = { view, o, expected };
      GtkTextIter it;

      annota_span_store_foreach_in_range (annota_document_get_spans (doc), o, o, expect_tag_cb, &d);
      gtk_text_buffer_get_iter_at_offset (buffer, &it, o);
      for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
        for (int status = ANNOTA_SPAN_STATUS_SUGGESTED; status <= ANNOTA_SPAN_STATUS_REJECTED; status++)
          {
            GtkTextTag *tag = annota_text_view_get_label_tag (view, labels[l], status);
            gboolean want = tag != NULL && g_ptr_array_find (expected, tag, NULL);

            if (tag == NULL)
              continue;
            if (gtk_text_iter_has_tag (&it, tag) != want)
              g_error ("offset %u: tag %s/%d is %s", o, labels[l], status, want ? "missing" : "extra");
            n_tagged += want;
          }
    }
  /* The range had spans to check. */
  g_assert_cmpuint (n_tagged, >, 0);
}

static void
test_tags_visible (Fixture       *f,
                   gconstpointer  data)
{
  assert_tags (f->view, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "0-10 15-28");
  assert_tags (f->view, "LOC", ANNOTA_SPAN_STATUS_SUGGESTED, "32-40");
  assert_tags (f->view, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "");
  g_assert_null (annota_text_view_get_label_tag (f->view, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED));
  g_assert_true (_annota_text_view_is_range_tagged (f->view, 0, annota_document_get_length (f->doc)));
  g_assert_cmpuint (_annota_text_view_get_n_tagged_spans (f->view), ==, 3);
  g_assert_cmpuint (_annota_text_view_get_n_tag_applications (f->view), ==, 3);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (f->view)));
  g_assert_true (gtk_text_view_get_cursor_visible (GTK_TEXT_VIEW (f->view)));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (f->view)), ==, GTK_WRAP_WORD_CHAR);
}

static void
test_add_remove_relabel (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AnnotaSpan *span;
  guint applied;

  span = add (f->doc, 42, 59, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED);
  assert_tags (f->view, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED, "42-59");
  assert_tags (f->view, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "0-10 15-28");

  annota_document_relabel_span (f->doc, span, "MISC", &error);
  g_assert_no_error (error);
  assert_tags (f->view, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED, "");
  assert_tags (f->view, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED, "42-59");

  annota_document_move_span (f->doc, span, 45, 59, &error);
  g_assert_no_error (error);
  assert_tags (f->view, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED, "45-59");

  annota_document_set_span_status (f->doc, span, ANNOTA_SPAN_STATUS_SUGGESTED, FALSE);
  assert_tags (f->view, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED, "");
  assert_tags (f->view, "MISC", ANNOTA_SPAN_STATUS_SUGGESTED, "45-59");

  /* One change re-tags one range: the neighbours are left alone. */
  applied = _annota_text_view_get_n_tag_applications (f->view);
  annota_document_remove_span (f->doc, span);
  assert_tags (f->view, "MISC", ANNOTA_SPAN_STATUS_SUGGESTED, "");
  assert_tags (f->view, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "0-10 15-28");
  assert_tags (f->view, "LOC", ANNOTA_SPAN_STATUS_SUGGESTED, "32-40");
  g_assert_cmpuint (_annota_text_view_get_n_tag_applications (f->view), ==, applied);

  g_assert_true (annota_document_undo (f->doc));
  assert_tags (f->view, "MISC", ANNOTA_SPAN_STATUS_SUGGESTED, "45-59");
  g_assert_cmpuint (_annota_text_view_get_n_tag_applications (f->view), ==, applied + 1);
  g_assert_true (annota_document_undo (f->doc));
  assert_tags (f->view, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED, "45-59");
  g_assert_true (annota_document_undo (f->doc));
  g_assert_true (annota_document_undo (f->doc));
  assert_tags (f->view, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED, "42-59");
  assert_tags (f->view, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED, "");
  g_assert_true (annota_document_undo (f->doc));
  assert_tags (f->view, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED, "");
  g_assert_cmpuint (_annota_text_view_get_n_tagged_spans (f->view), ==, 3);
}

static void
test_nested (Fixture       *f,
             gconstpointer  data)
{
  AnnotaSpan *outer, *inner, *crossing;

  inner = add (f->doc, 56, 59, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED);
  assert_tags (f->view, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "56-59");
  g_assert_cmpuint (_annota_text_view_get_span_depth (f->view, inner), ==, 0);

  /* The outer span takes the background, the inner one becomes a bar. */
  outer = add (f->doc, 42, 59, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED);
  assert_tags (f->view, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED, "42-59");
  assert_tags (f->view, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "");
  g_assert_cmpuint (_annota_text_view_get_span_depth (f->view, outer), ==, 0);
  g_assert_cmpuint (_annota_text_view_get_span_depth (f->view, inner), ==, 1);

  /* Same start: the longer one is outside. */
  crossing = add (f->doc, 42, 50, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED);
  g_assert_cmpuint (_annota_text_view_get_span_depth (f->view, crossing), ==, 1);
  assert_tags (f->view, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED, "");

  annota_document_remove_span (f->doc, outer);
  assert_tags (f->view, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED, "");
  assert_tags (f->view, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "56-59");
  assert_tags (f->view, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED, "42-50");
  g_assert_cmpuint (_annota_text_view_get_span_depth (f->view, inner), ==, 0);

  /* A rejected span is hidden, and so does not nest what it covers. */
  annota_document_set_span_status (f->doc, crossing, ANNOTA_SPAN_STATUS_REJECTED, TRUE);
  assert_tags (f->view, "MISC", ANNOTA_SPAN_STATUS_REJECTED, "");
  outer = add (f->doc, 40, 60, "ORG", ANNOTA_SPAN_STATUS_REJECTED);
  assert_tags (f->view, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "56-59");
  annota_text_view_set_show_rejected (f->view, TRUE);
  _annota_text_view_flush (f->view);
  assert_tags (f->view, "ORG", ANNOTA_SPAN_STATUS_REJECTED, "40-60");
  assert_tags (f->view, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "");
  g_assert_cmpuint (_annota_text_view_get_span_depth (f->view, crossing), ==, 1);
  annota_text_view_set_show_rejected (f->view, FALSE);
  _annota_text_view_flush (f->view);
  assert_tags (f->view, "ORG", ANNOTA_SPAN_STATUS_REJECTED, "");
  assert_tags (f->view, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED, "56-59");
  wait_frame (GTK_WIDGET (f->view));
}

static void
test_label_color (Fixture       *f,
                  gconstpointer  data)
{
  AnnotaLabel *per = annota_label_set_lookup (annota_document_get_labels (f->doc), "PER");
  GtkTextTag *tag = annota_text_view_get_label_tag (f->view, "PER", ANNOTA_SPAN_STATUS_ACCEPTED);
  GdkRGBA *bg = NULL;

  annota_document_set_label_color (f->doc, per, "#ff0000");
  g_object_get (tag, "background-rgba", &bg, NULL);
  g_assert_nonnull (bg);
  g_assert_cmpfloat_with_epsilon (bg->red, 1.0, 0.001);
  g_assert_cmpfloat_with_epsilon (bg->green, 0.0, 0.001);
  g_assert_cmpfloat (bg->alpha, >, 0.2);
  g_assert_cmpfloat (bg->alpha, <, 0.5);
  gdk_rgba_free (bg);
  assert_tags (f->view, "PER", ANNOTA_SPAN_STATUS_ACCEPTED, "0-10 15-28");
}

static void
test_selection_properties (Fixture       *f,
                           gconstpointer  data)
{
  gt_signal_logger_connect (f->logger, f->view, "notify");
  annota_text_view_select_range (f->view, 15, 28);
  /* The cursor ends up at the end, as after a drag to the right. */
  g_assert_cmpuint (annota_text_view_get_cursor_offset (f->view), ==, 28);
  g_assert_cmpuint (annota_text_view_get_selection_length (f->view), ==, 13);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->view, "cursor-offset");
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->view, "selection-length");
  gt_signal_logger_assert_no_emissions (f->logger);

  /* The same selection again notifies nothing. */
  annota_text_view_select_range (f->view, 15, 28);
  gt_signal_logger_assert_no_emissions (f->logger);
}

static void
test_click_select (Fixture       *f,
                   gconstpointer  data)
{
  AnnotaSpan *outer, *inner, *chosen;
  guint start, end;

  outer = add (f->doc, 42, 59, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED);
  inner = add (f->doc, 56, 59, "LOC", ANNOTA_SPAN_STATUS_ACCEPTED);
  gt_signal_logger_connect (f->logger, f->view, "notify::selected-span");

  chosen = _annota_text_view_click_offset (f->view, 57, NULL);
  g_assert_true (chosen == inner);
  g_assert_true (annota_text_view_get_selected_span (f->view) == inner);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->view, "selected-span");
  g_assert_true (annota_text_view_get_snapped_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, 56);
  g_assert_cmpuint (end, ==, 59);

  /* Clicking again cycles outwards, then back in. */
  chosen = _annota_text_view_click_offset (f->view, 57, inner);
  g_assert_true (chosen == outer);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->view, "selected-span");
  chosen = _annota_text_view_click_offset (f->view, 57, outer);
  g_assert_true (chosen == inner);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->view, "selected-span");

  /* Outside any span nothing is selected. */
  g_assert_null (_annota_text_view_click_offset (f->view, 12, inner));
  gt_signal_logger_assert_no_emissions (f->logger);

  /* A selection by hand lets go of the span. */
  annota_text_view_select_range (f->view, 0, 4);
  g_assert_null (annota_text_view_get_selected_span (f->view));
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->view, "selected-span");

  /* A selected span that moves keeps the selection on its text; one that
   * leaves the store is dropped. */
  annota_text_view_set_selected_span (f->view, outer);
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->view, "selected-span");
  g_assert_true (annota_document_move_span (f->doc, outer, 45, 59, NULL));
  g_assert_true (annota_text_view_get_selected_span (f->view) == outer);
  g_assert_true (annota_text_view_get_snapped_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, 45);
  g_assert_cmpuint (end, ==, 59);
  gt_signal_logger_assert_no_emissions (f->logger);
  annota_document_remove_span (f->doc, outer);
  g_assert_null (annota_text_view_get_selected_span (f->view));
  gt_signal_logger_assert_notify_emission_pop (f->logger, f->view, "selected-span");
  gt_signal_logger_assert_no_emissions (f->logger);
  wait_frame (GTK_WIDGET (f->view));
}

static void
test_next_prev_span (Fixture       *f,
                     gconstpointer  data)
{
  AnnotaSpan *rejected;

  rejected = add (f->doc, 42, 59, "ORG", ANNOTA_SPAN_STATUS_REJECTED);
  add (f->doc, 60, 63, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED);

  annota_text_view_select_range (f->view, 12, 12);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "text.next-span", NULL);
  g_assert_cmpuint (annota_span_get_start (annota_text_view_get_selected_span (f->view)), ==, 15);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "text.next-span", NULL);
  g_assert_cmpuint (annota_span_get_start (annota_text_view_get_selected_span (f->view)), ==, 32);
  /* The hidden rejected span is skipped. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "text.next-span", NULL);
  g_assert_cmpuint (annota_span_get_start (annota_text_view_get_selected_span (f->view)), ==, 60);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "text.next-span", NULL);
  g_assert_cmpuint (annota_span_get_start (annota_text_view_get_selected_span (f->view)), ==, 60);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "text.prev-span", NULL);
  g_assert_cmpuint (annota_span_get_start (annota_text_view_get_selected_span (f->view)), ==, 32);

  annota_text_view_set_show_rejected (f->view, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "text.next-span", NULL);
  g_assert_true (annota_text_view_get_selected_span (f->view) == rejected);

  /* Without a selected span, from the cursor backwards. */
  annota_text_view_select_range (f->view, 30, 30);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "text.prev-span", NULL);
  g_assert_cmpuint (annota_span_get_start (annota_text_view_get_selected_span (f->view)), ==, 15);
}

/* The place of [start, end) on its display line, from GTK's own places of
 * its characters, which in right-to-left text start at their right edge
 * and have a negative width. */
typedef struct {
  int left;
  int right;
  int y;                       /* the top of the first character */
  int first_x;                 /* where the first and last characters start */
  int last_x;
} Extent;

static Extent
span_extent (AnnotaTextView *view,
             guint           start,
             guint           end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  Extent ext = { G_MAXINT, G_MININT, 0, 0, 0 };

  for (guint o = start; o < end; o++)
    {
      GtkTextIter it;
      GdkRectangle loc;

      gtk_text_buffer_get_iter_at_offset (buffer, &it, o);
      gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &it, &loc);
      ext.left = MIN (ext.left, MIN (loc.x, loc.x + loc.width));
      ext.right = MAX (ext.right, MAX (loc.x, loc.x + loc.width));
      if (o == start)
        {
          ext.y = loc.y;
          ext.first_x = loc.x;
        }
      ext.last_x = loc.x;
    }
  return ext;
}

/* The chip the view draws for span, which must be one. */
static graphene_rect_t
chip_rect (AnnotaTextView *view,
           AnnotaSpan     *span)
{
  graphene_rect_t rect;

  g_assert_true (_annota_text_view_get_chip_rect (view, span, &rect));
  g_assert_cmpfloat (rect.size.width, >, 0);
  g_assert_cmpfloat (rect.size.height, >, 0);
  return rect;
}

/* Left to right, a chip starts at its span's left edge, just above it; one
 * that would run into the chip before it on the line goes right of it. */
static void
test_chips_ltr (Fixture       *f,
                gconstpointer  data)
{
  AnnotaSpan *kerry, *lavrov, *inner;
  graphene_rect_t chip, inner_chip;
  Extent ext;

  g_assert_cmpuint (ui_test_count_spans_at (f->doc, 0, 10, &kerry), ==, 1);
  g_assert_cmpuint (ui_test_count_spans_at (f->doc, 15, 28, &lavrov), ==, 1);
  wait_frame (GTK_WIDGET (f->view));

  ext = span_extent (f->view, 0, 10);
  g_assert_cmpint (ext.first_x, <, ext.last_x);
  chip = chip_rect (f->view, kerry);
  g_assert_cmpfloat (chip.origin.x, ==, ext.left);
  g_assert_cmpfloat (chip.origin.y + chip.size.height + 1, ==, ext.y);
  g_assert_cmpfloat (chip.origin.x + chip.size.width, <=, ext.right);

  ext = span_extent (f->view, 15, 28);
  chip = chip_rect (f->view, lavrov);
  g_assert_cmpfloat (chip.origin.x, ==, ext.left);
  g_assert_cmpfloat (chip.origin.y + chip.size.height + 1, ==, ext.y);

  /* A shorter span of the same start comes first in the store: the chip
   * of the longer one then follows it to the right, 3 pixels apart. */
  inner = add (f->doc, 15, 21, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED);
  wait_frame (GTK_WIDGET (f->view));
  chip = chip_rect (f->view, lavrov);
  inner_chip = chip_rect (f->view, inner);
  g_assert_cmpfloat (inner_chip.origin.x, ==, ext.left);
  g_assert_cmpfloat (chip.origin.x, ==, inner_chip.origin.x + inner_chip.size.width + 3);
  g_assert_cmpfloat (inner_chip.origin.y, ==, chip.origin.y);

  /* A hidden span has no chip. */
  annota_document_set_span_status (f->doc, inner, ANNOTA_SPAN_STATUS_REJECTED, FALSE);
  wait_frame (GTK_WIDGET (f->view));
  g_assert_false (_annota_text_view_get_chip_rect (f->view, inner, &inner_chip));
}

/* Right to left, a chip ends at its span's right edge, where the span
 * starts, so that it does not hang over the next word; one that would run
 * into the chip before it goes left of it. An English name in the Arabic
 * reads left to right, and so does its chip. */
static void
test_chips_rtl (void)
{
  /* "Zar John Kerry Musku ams." in Arabic letters but for the name:
   * زار 0–3, John Kerry 4–14, موسكو 15–20, أمس 21–24. */
  const char *text = "زار John Kerry موسكو أمس. زار جون كيري موسكو.";
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();
  AnnotaDocument *doc = annota_document_new_from_string (text, labels);
  AnnotaTextView *view = ANNOTA_TEXT_VIEW (annota_text_view_new ());
  AnnotaSpan *moscow, *name, *arabic_name, *first_name;
  graphene_rect_t chip, inner_chip;
  GtkWidget *window;
  Extent ext;

  /* جون كيري is 30–38. */
  g_assert_cmpuint (g_utf8_pointer_to_offset (text, strstr (text, "جون")), ==, 30);
  name = add (doc, 4, 14, "PER", ANNOTA_SPAN_STATUS_ACCEPTED);
  moscow = add (doc, 15, 20, "LOC", ANNOTA_SPAN_STATUS_SUGGESTED);
  arabic_name = add (doc, 30, 38, "PER", ANNOTA_SPAN_STATUS_ACCEPTED);
  annota_text_view_set_document (view, doc);
  window = show_view (view, 700, 400);

  /* GTK lays the paragraph out right to left: موسكو starts at its right. */
  ext = span_extent (view, 15, 20);
  g_assert_cmpint (ext.first_x, >, ext.last_x);
  g_assert_cmpint (ext.first_x, ==, ext.right);
  chip = chip_rect (view, moscow);
  g_assert_cmpfloat (chip.origin.x + chip.size.width, ==, ext.right);
  g_assert_cmpfloat (chip.origin.x, >=, ext.left);
  g_assert_cmpfloat (chip.origin.y + chip.size.height + 1, ==, ext.y);

  ext = span_extent (view, 30, 38);
  g_assert_cmpint (ext.first_x, >, ext.last_x);
  chip = chip_rect (view, arabic_name);
  g_assert_cmpfloat (chip.origin.x + chip.size.width, ==, ext.right);
  g_assert_cmpfloat (chip.origin.x, >=, ext.left);
  g_assert_cmpfloat (chip.origin.y + chip.size.height + 1, ==, ext.y);

  /* The Latin name inside it reads left to right. */
  ext = span_extent (view, 4, 14);
  g_assert_cmpint (ext.first_x, <, ext.last_x);
  chip = chip_rect (view, name);
  g_assert_cmpfloat (chip.origin.x, ==, ext.left);
  g_assert_cmpfloat (chip.origin.x + chip.size.width, <=, ext.right);

  /* A shorter span of the same start comes first: the chip of the longer
   * one then follows it to the left, 3 pixels apart. */
  first_name = add (doc, 30, 33, "MISC", ANNOTA_SPAN_STATUS_ACCEPTED);
  wait_frame (GTK_WIDGET (view));
  ext = span_extent (view, 30, 38);
  chip = chip_rect (view, arabic_name);
  inner_chip = chip_rect (view, first_name);
  g_assert_cmpfloat (inner_chip.origin.x + inner_chip.size.width, ==, ext.right);
  g_assert_cmpfloat (chip.origin.x + chip.size.width + 3, ==, inner_chip.origin.x);
  g_assert_cmpfloat (inner_chip.origin.y, ==, chip.origin.y);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin ();
  g_assert_finalize_object (doc);
}

static void
test_snap (void)
{
  /* "Ngoại" is written with a combining dot below in the second word so
   * that a grapheme cluster spans two code points; 👍🏽 is two code points
   * and 👨‍👩‍👧 five. */
  const char *text = "Ngoại trưởng Mỹ ta\xcc\xa3i Matxcơva 👍🏽 ok 👨‍👩‍👧 end";
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();
  AnnotaDocument *doc = annota_document_new_from_string (text, labels);
  AnnotaTextView *view = ANNOTA_TEXT_VIEW (g_object_ref_sink (annota_text_view_new ()));
  guint start, end, thumb, family;

  annota_text_view_set_document (view, doc);
  g_assert_false (annota_text_view_get_snapped_selection (view, &start, &end));

  /* Words: part of a syllable grows to the syllable. */
  annota_text_view_select_range (view, 2, 4);
  g_assert_true (annota_text_view_get_snapped_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 5);

  /* From inside "trưởng" to inside "Mỹ": both syllables, no space around. */
  annota_text_view_select_range (view, 8, 14);
  g_assert_true (annota_text_view_get_snapped_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, 6);
  g_assert_cmpuint (end, ==, 15);

  /* Graphemes: never inside a cluster. "a" + U+0323 is 17–19. */
  annota_text_view_set_snap_mode (view, ANNOTA_SNAP_GRAPHEMES);
  annota_text_view_select_range (view, 18, 19);
  g_assert_true (annota_text_view_get_snapped_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, 17);
  g_assert_cmpuint (end, ==, 19);
  annota_text_view_select_range (view, 18, 20);
  g_assert_true (annota_text_view_get_snapped_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, 17);
  g_assert_cmpuint (end, ==, 20);

  thumb = g_utf8_pointer_to_offset (text, strstr (text, "👍"));
  annota_text_view_select_range (view, thumb + 1, thumb + 2);
  g_assert_true (annota_text_view_get_snapped_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, thumb);
  g_assert_cmpuint (end, ==, thumb + 2);

  family = g_utf8_pointer_to_offset (text, strstr (text, "👨"));
  annota_text_view_select_range (view, family + 2, family + 3);
  g_assert_true (annota_text_view_get_snapped_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, family);
  g_assert_cmpuint (end, ==, family + 5);

  /* Words: part of "ok" after the emoji grows to "ok". */
  annota_text_view_set_snap_mode (view, ANNOTA_SNAP_WORDS);
  annota_text_view_select_range (view, thumb + 3, thumb + 4);
  g_assert_true (annota_text_view_get_snapped_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, thumb + 3);
  g_assert_cmpuint (end, ==, thumb + 5);

  annota_text_view_set_document (view, NULL);
  g_object_unref (view);
  g_assert_finalize_object (doc);
}

/* 5 MB of text with 200,000 spans, some nested. */
static AnnotaDocument *
make_big_document (guint n_spans)
{
  static const char *sentence =
    "Ngoại trưởng Mỹ John Kerry tuyên bố những cuộc đối thoại của ông ở Matxcơva là có hiệu suất. ";
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(AnnotaLabelSet) labels = annota_label_set_new_default ();
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  static const char *ids[] = { "PER", "LOC", "ORG", "MISC" };
  AnnotaDocument *doc;
  guint i, length;

  for (i = 0; text->len < 5 * 1000 * 1000; i++)
    {
      g_string_append (text, sentence);
      if (i % 6 == 5)
        g_string_append (text, "\n");
    }
  doc = annota_document_new_from_string (text->str, labels);
  length = annota_document_get_length (doc);
  g_assert_cmpuint (length / n_spans, >=, 12);
  for (i = 0; i < n_spans; i++)
    {
      guint start = (guint) ((guint64) i * (length - 40) / n_spans);
      /* Every tenth span covers the next one's start. */
      guint end = i % 10 == 0 ? start + 24 : start + 8;

      g_ptr_array_add (spans, annota_span_new (start, MIN (end, length), ids[i % 4],
                                               i % 7 == 0 ? ANNOTA_SPAN_STATUS_SUGGESTED
                                                          : ANNOTA_SPAN_STATUS_ACCEPTED,
                                               "bench", -1));
    }
  annota_span_store_splice_all (annota_document_get_spans (doc),
                                (AnnotaSpan **) spans->pdata, spans->len);
  return doc;
}

static void
test_scale (void)
{
  const guint n_spans = 200000;
  AnnotaDocument *doc = make_big_document (n_spans);
  AnnotaSpanStore *store = annota_document_get_spans (doc);
  AnnotaTextView *view = ANNOTA_TEXT_VIEW (annota_text_view_new ());
  GtkWidget *window;
  guint applied, tagged, length;
  gint64 t0, t1, t2;
  AnnotaSpan *span;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (annota_span_store_get_n_spans (store), ==, n_spans);
  length = annota_document_get_length (doc);

  t0 = g_get_monotonic_time ();
  annota_text_view_set_document (view, doc);
  t2 = g_get_monotonic_time ();
  window = show_view (view, 900, 700);
  t1 = g_get_monotonic_time ();
  g_test_message ("5 MB, %u spans: document set in %.1f ms, first frame after %.1f ms",
                  n_spans, (t2 - t0) / 1000.0, (t1 - t0) / 1000.0);

  /* Only the region around the first screen is tagged. */
  applied = _annota_text_view_get_n_tag_applications (view);
  tagged = _annota_text_view_get_n_tagged_spans (view);
  g_test_message ("first frame: %u tag applications, %u spans mirrored", applied, tagged);
  g_assert_cmpuint (applied, >, 10);
  g_assert_cmpuint (applied, <, 2000);
  g_assert_cmpuint (tagged, <, 2000);
  g_assert_true (_annota_text_view_is_range_tagged (view, 0, 500));
  g_assert_false (_annota_text_view_is_range_tagged (view, length - 500, length));

  /* Exactly the span characters, on the first screen. */
  assert_tags_match (view, doc, 0, 2000);

  /* One label action and its undo, each to the next frame. */
  applied = _annota_text_view_get_n_tag_applications (view);
  t0 = g_get_monotonic_time ();
  span = annota_document_add_span (doc, 3, 6, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED, "user", -1, &error);
  g_assert_no_error (error);
  t2 = g_get_monotonic_time ();
  wait_frame (GTK_WIDGET (view));
  t1 = g_get_monotonic_time ();
  g_test_message ("add one span with %u spans: %.2f ms in the call, %.2f ms to the next frame (%u tags applied)",
                  n_spans, (t2 - t0) / 1000.0, (t1 - t0) / 1000.0,
                  _annota_text_view_get_n_tag_applications (view) - applied);
  g_assert_cmpuint (_annota_text_view_get_n_tag_applications (view) - applied, <, 10);
  g_assert_cmpuint (_annota_text_view_get_span_depth (view, span), ==, 1);

  applied = _annota_text_view_get_n_tag_applications (view);
  t0 = g_get_monotonic_time ();
  g_assert_true (annota_document_undo (doc));
  t2 = g_get_monotonic_time ();
  wait_frame (GTK_WIDGET (view));
  t1 = g_get_monotonic_time ();
  g_test_message ("undo (remove) one span with %u spans: %.2f ms in the call, %.2f ms to the next frame (%u tags applied)",
                  n_spans, (t2 - t0) / 1000.0, (t1 - t0) / 1000.0,
                  _annota_text_view_get_n_tag_applications (view) - applied);
  g_assert_cmpuint (_annota_text_view_get_n_tag_applications (view) - applied, <, 10);

  /* A span far outside the region costs no tag at all. */
  g_assert_cmpuint (annota_span_get_end (annota_span_store_peek (store, n_spans - 1)), <, length - 10);
  applied = _annota_text_view_get_n_tag_applications (view);
  span = annota_document_add_span (doc, length - 10, length - 2, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED, "user", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (_annota_text_view_get_n_tag_applications (view), ==, applied);

  /* Selecting at the end scrolls there, although GTK is still measuring
   * the lines in the background, and tags the new region, and only that. */
  t0 = g_get_monotonic_time ();
  annota_text_view_select_range (view, length - 5, length - 3);
  for (guint i = 0; i < 100 && !_annota_text_view_is_range_tagged (view, length - 100, length); i++)
    wait_frame (GTK_WIDGET (view));
  t1 = g_get_monotonic_time ();
  g_test_message ("scroll to the end: %.1f ms, %u more tag applications", (t1 - t0) / 1000.0,
                  _annota_text_view_get_n_tag_applications (view) - applied);
  g_assert_true (_annota_text_view_is_range_tagged (view, length - 100, length));
  assert_tags_match (view, doc, length - 1000, length);
  g_assert_cmpuint (_annota_text_view_get_n_tag_applications (view) - applied, <, 4000);
  g_assert_cmpuint (_annota_text_view_get_n_tagged_spans (view), <, 6000);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    GtkTextIter it;

    gtk_text_buffer_get_iter_at_offset (buffer, &it, length - 5);
    g_assert_true (gtk_text_iter_has_tag (&it, annota_text_view_get_label_tag (view, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED)));
    gtk_text_buffer_get_iter_at_offset (buffer, &it, length - 1);
    g_assert_false (gtk_text_iter_has_tag (&it, annota_text_view_get_label_tag (view, "ORG", ANNOTA_SPAN_STATUS_ACCEPTED)));
  }

  applied = _annota_text_view_get_n_tag_applications (view);
  t0 = g_get_monotonic_time ();
  annota_document_remove_span (doc, span);
  wait_frame (GTK_WIDGET (view));
  t1 = g_get_monotonic_time ();
  g_test_message ("remove one visible span at the end: %.2f ms to the next frame", (t1 - t0) / 1000.0);
  g_assert_cmpuint (_annota_text_view_get_n_tag_applications (view), ==, applied);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin ();
  g_assert_finalize_object (doc);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "/annota/text-view/no-display"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add ("/annota/text-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("tags-visible", test_tags_visible);
  ADD ("add-remove-relabel", test_add_remove_relabel);
  ADD ("nested", test_nested);
  ADD ("label-color", test_label_color);
  ADD ("selection-properties", test_selection_properties);
  ADD ("click-select", test_click_select);
  ADD ("next-prev-span", test_next_prev_span);
  ADD ("chips-ltr", test_chips_ltr);
#undef ADD
  g_test_add_func ("/annota/text-view/chips-rtl", test_chips_rtl);
  g_test_add_func ("/annota/text-view/snap", test_snap);
  g_test_add_func ("/annota/text-view/scale", test_scale);

  return g_test_run ();
}
