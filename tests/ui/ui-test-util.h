/* ui-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the window and widget tests and the UI benchmarks.
 */
#pragma once

#include <adwaita.h>
#include <libglib-testing/signal-logger.h>

#include "annota-application.h"
#include "annota-core.h"
#include "annota-label-palette.h"
#include "annota-window.h"

G_BEGIN_DECLS

typedef gboolean (*UiTestCondition) (gpointer data);

/* Keeps the system's schemas and MIME data, runs g_test_init () with isolated dirs and starts GTK and libadwaita; without a display adds a skipped test at no_display_path and returns FALSE. */
gboolean           ui_test_init                 (int         *argc,
                                                 char      ***argv,
                                                 const char  *no_display_path);
/* A registered application with flags, held so that it lives between windows. */
AnnotaApplication *ui_test_application_new      (GApplicationFlags flags);
/* Releases and drops the application of ui_test_application_new (). */
void               ui_test_application_free     (AnnotaApplication *app);

/* A new window of app, presented and drawn, that clears *location when it goes. */
AnnotaWindow      *ui_test_window_new           (AnnotaApplication  *app,
                                                 AnnotaWindow      **location);
/* Destroys the window at *location, if any, discarding its changes without a dialog, and asserts that it is gone. */
void               ui_test_window_discard       (AnnotaWindow **location);
/* The window's document, which must be there. */
AnnotaDocument    *ui_test_window_document      (AnnotaWindow *window);
/* The number of spans of doc whose range is exactly [start, end); found, where not NULL, gets the last. */
guint              ui_test_count_spans_at       (AnnotaDocument  *doc,
                                                 guint            start,
                                                 guint            end,
                                                 AnnotaSpan     **found);

/* Lets idles, layout and drawing run: five rounds of pending events, 2 ms apart. */
void               ui_test_flush_events         (void);
/* Runs the pending events of the main context once, until none is left. */
void               ui_test_iterate_pending      (void);
/* Runs up to 1000 pending events, so that a widget that keeps redrawing cannot hang the test. */
void               ui_test_spin                 (void);
/* Runs the main loop until cond holds or timeout_ms passed; returns cond. */
gboolean           ui_test_wait_for             (UiTestCondition cond,
                                                 gpointer        data,
                                                 guint           timeout_ms);
/* Runs the main loop for ms milliseconds. */
void               ui_test_run_for              (guint ms);

/* The path below ANNOTA_SOURCE_ROOT of the NULL-terminated parts. */
char              *ui_test_source_path          (const char *first,
                                                 ...) G_GNUC_NULL_TERMINATED;
/* The path of the Vietnamese sample in the source tree. */
char              *ui_test_sample_path          (void);
/* The contents of path, which must be readable; len may be NULL. */
char              *ui_test_read_file            (const char *path,
                                                 gsize      *len);
/* Writes len bytes (-1: up to the NUL) of contents to path, which must work. */
void               ui_test_write_file           (const char *path,
                                                 const char *contents,
                                                 gssize      len);
/* Copies the sample into a new temporary folder named from tmpl; returns the copy's path, and the folder and the sample's contents where not NULL. */
char              *ui_test_copy_sample          (const char  *tmpl,
                                                 char       **tmpdir,
                                                 char       **contents,
                                                 gsize       *len);
/* Loads the file at path into window, which must succeed. */
void               ui_test_load_path            (AnnotaWindow *window,
                                                 const char   *path);
/* Removes path and, if it is a folder, everything below it. */
void               ui_test_remove_tree          (const char *path);
/* Makes again the folder of the recent-documents list, which the first test's data folder took with it. */
void               ui_test_keep_recent_dir      (void);

/* Adds a span to doc, which must take it. */
AnnotaSpan        *ui_test_add_span             (AnnotaDocument   *doc,
                                                 guint             start,
                                                 guint             end,
                                                 const char       *label,
                                                 AnnotaSpanStatus  status,
                                                 const char       *source,
                                                 double            score);
/* A new window of width by height holding child, presented and laid out. */
GtkWidget         *ui_test_present              (GtkWidget *child,
                                                 int        width,
                                                 int        height);
/* Ends a widget test: no signal left unasserted in logger, which it frees, window destroyed and doc finalized. */
void               ui_test_widget_tear_down     (GtSignalLogger *logger,
                                                 GtkWidget      *window,
                                                 AnnotaDocument *doc);
/* The number of rows of list. */
guint              ui_test_n_rows               (GtkListBox *list);
/* The list of labels of palette. */
GtkListBox        *ui_test_palette_list         (AnnotaLabelPalette *palette);
/* The text of the label named name in the palette's row at index. */
const char        *ui_test_palette_text         (AnnotaLabelPalette *palette,
                                                 guint               index,
                                                 const char         *name);
/* Asserts that the palette shows doc's labels in order, with counts as in expected ("PER=2 LOC=1"). */
void               ui_test_palette_assert_counts (AnnotaLabelPalette *palette,
                                                  AnnotaDocument     *doc,
                                                  const char         *expected);

/* A label palette beside a short English document with five accepted spans (PER, PER, LOC, PER, PER). */
typedef struct {
  AnnotaDocument     *doc;
  AnnotaSpanStore    *store;
  GtkWidget          *window;
  AnnotaLabelPalette *palette;
  GtSignalLogger     *logger;
} UiTestPaletteFixture;

/* Adds an accepted span of the user to the fixture's document. */
AnnotaSpan        *ui_test_palette_add          (UiTestPaletteFixture *f,
                                                 guint                 start,
                                                 guint                 end,
                                                 const char           *label);
/* Sets up the palette fixture: the document, its spans and the palette shown in a window. */
void               ui_test_palette_set_up       (UiTestPaletteFixture *f,
                                                 gconstpointer         data);
/* Tears the palette fixture down: no signal left unasserted, the document finalized. */
void               ui_test_palette_tear_down    (UiTestPaletteFixture *f,
                                                 gconstpointer         data);

/* The first widget below (or at) widget whose name is name, or NULL. */
GtkWidget         *ui_test_find_named           (GtkWidget  *widget,
                                                 const char *name);
/* The first button below (or at) widget whose label is label, or NULL. */
GtkWidget         *ui_test_find_button          (GtkWidget  *widget,
                                                 const char *label);
/* Whether a label below (or at) widget shows text (exact) or a text containing it. */
gboolean           ui_test_find_label           (GtkWidget  *widget,
                                                 const char *text,
                                                 gboolean    exact);
/* Whether a toast of window shows text (exact) or a text containing it. */
gboolean           ui_test_toast_shows          (AnnotaWindow *window,
                                                 const char   *text,
                                                 gboolean      exact);
/* The last visible message dialog, transient for parent and with heading where not NULL. */
AdwMessageDialog  *ui_test_find_message_dialog  (GtkWindow  *parent,
                                                 const char *heading);

/* A document of the sample's text repeated, a paragraph each time, to text_bytes at least, with its labels and no spans. */
AnnotaDocument    *ui_test_repeated_sample      (gsize text_bytes);
/* Every span of doc, one per line: start, end, label, status, origin, note. */
char              *ui_test_describe_spans       (AnnotaDocument *doc);
/* An "after-paint" handler that sets the gboolean user_data points to. */
void               ui_test_after_paint_cb       (GdkFrameClock *clock,
                                                 gpointer       user_data);
/* Runs the main loop until *painted (30 s at most); returns the ms since start. */
double             ui_test_wait_for_paint       (gboolean *painted,
                                                 gint64    start);
/* Prints the median and worst of times (doubles, in ms, which it sorts) after indent and what padded to width. */
void               ui_test_report_times         (const char *indent,
                                                 int         width,
                                                 const char *what,
                                                 GArray     *times);

G_END_DECLS
