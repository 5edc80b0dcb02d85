/* annota-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What annota-window.c and annota-window-actions.c share, and the entry
 * points the window tests drive.
 */
#pragma once

#include "annota-autosave.h"
#include "annota-compare.h"
#include "annota-corpus-sidebar.h"
#include "annota-label-palette.h"
#include "annota-review-bar.h"
#include "annota-stats-view.h"
#include "annota-window.h"

G_BEGIN_DECLS

struct _AnnotaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GMenu                *recent_menu;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  AnnotaTextView       *text_view;
  AnnotaSpanPanel      *span_panel;
  AnnotaLabelPalette   *label_palette;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkCheckButton       *ignore_accents_check;
  GtkLabel             *match_label;
  GtkDropDown          *search_label_dropdown;
  GtkLabel             *footer_label;

  AnnotaDocument       *document;
  GSignalGroup         *document_signals;
  /* Where the document came from (a .json, a .txt or the sample), for the
   * title and for the name Save As proposes. */
  GFile                *source_file;
  gboolean              is_sample;
  GPtrArray            *load_warnings;

  GArray               *matches;
  guint                 match_index;

  /* What to do once the user answered "Save Changes?" (and saved). */
  int                   pending;
  GFile                *pending_file;
  gboolean              close_confirmed;
  AdwMessageDialog     *save_dialog;
  GtkWindow            *shortcuts_window;  /* weak; built on first use */
  GtkNativeDialog      *chooser;

  gboolean              syncing_selection;
  gboolean              show_rejected;
  gboolean              snap_to_words;
  /* "position" or "confidence", as the review-order key (interned). */
  const char           *review_order;
  /* NULL when the schema is not installed: nothing is remembered then. */
  GSettings            *settings;

  /* Review (annota-window-review.c). */
  GtkRevealer          *review_revealer;
  GtkBox               *review_box;
  /* Built on first use: _annota_window_review_get_bar (). */
  AnnotaReviewBar      *review_bar;
  GtkStack             *side_stack;
  AnnotaCompareView    *compare_view;
  AnnotaStatsView      *stats_view;
  gboolean              review_mode;
  /* The spans decided in review, last last: an undo puts the last one
   * under review again. */
  GPtrArray            *review_decided;

  /* Corpus, import and export (annota-window-corpus.c). */
  AdwFlap              *corpus_flap;
  /* Built with the first corpus: _annota_window_corpus_get_sidebar (). */
  AnnotaCorpusSidebar  *corpus_sidebar;
  GtkCheckButton       *search_all_check;
  AnnotaCorpus         *corpus;
  guint                 corpus_position;
  GCancellable         *corpus_cancellable;
  /* An imported document not saved yet, and the file it came from. */
  AnnotaDocument       *imported_document;
  GFile                *import_source;

  /* Recovery copies, the file on disk, read-only files
   * (annota-window-autosave.c). */
  struct _AnnotaWindowAutosave *autosave;
};

enum {
  ANNOTA_PENDING_NONE,
  ANNOTA_PENDING_CLOSE,
  ANNOTA_PENDING_OPEN,
  ANNOTA_PENDING_OPEN_SAMPLE,
  ANNOTA_PENDING_OPEN_CORPUS,
};

/* annota-window-actions.c */
void     _annota_window_class_add_actions  (GtkWidgetClass *widget_class);
void     _annota_window_update_actions     (AnnotaWindow   *self);
/* Labels the snapped selection, or relabels the selected span when nothing
 * new is selected. */
gboolean _annota_window_apply_label        (AnnotaWindow   *self,
                                            const char     *label_id,
                                            GError        **error);
/* The bare keys of the window (label keys, Delete, Tab): what the
 * capture-phase key controller calls; FALSE when the key is not ours, for
 * example while an entry has the focus. */
gboolean _annota_window_handle_key         (AnnotaWindow   *self,
                                            guint           keyval,
                                            GdkModifierType state);
void     _annota_window_search_update      (AnnotaWindow   *self);
void     _annota_window_search_step        (AnnotaWindow   *self,
                                            int             direction);
/* Number of search matches (for tests). */
guint    _annota_window_get_n_matches      (AnnotaWindow   *self);
gboolean _annota_window_save               (AnnotaWindow   *self);

/* Opens a file chooser (the window's only one) with Open and Cancel; done
 * gets the chosen file. Add filters to what it returns, then show it with
 * gtk_native_dialog_show; NULL when one is open already (it is shown). */
typedef void (*AnnotaWindowFileFunc) (AnnotaWindow *self,
                                      GFile        *file);
GtkFileChooser *_annota_window_choose (AnnotaWindow         *self,
                                       const char           *title,
                                       GtkFileChooserAction  action,
                                       AnnotaWindowFileFunc  done);
void     _annota_window_save_as            (AnnotaWindow   *self);
void     _annota_window_show_toast         (AnnotaWindow   *self,
                                            const char     *message);
char    *_annota_window_dup_document_name  (AnnotaWindow   *self);
/* Runs the pending action (after Discard, or a successful save). */
void     _annota_window_run_pending        (AnnotaWindow   *self);
/* Asks "Save Changes?" before pending; runs it at once when the document
 * is not modified. */
void     _annota_window_maybe_ask_save     (AnnotaWindow   *self,
                                            int             pending,
                                            GFile          *file);

/* A label by its key, or 1-9 for the first nine labels without one. */
AnnotaLabel *_annota_window_label_for_key  (AnnotaLabelSet *labels,
                                            gunichar        c);

/* annota-window-review.c */
void     _annota_window_class_add_review   (GtkWidgetClass *widget_class);
void     _annota_window_review_init        (AnnotaWindow   *self);
void     _annota_window_review_dispose     (AnnotaWindow   *self);
void     _annota_window_review_set_document (AnnotaWindow  *self);
AnnotaReviewBar *_annota_window_review_get_bar (AnnotaWindow *self);
void     _annota_window_review_update_actions (AnnotaWindow *self);
/* Review mode on or off; TRUE when it changed (property "review-mode"). */
gboolean _annota_window_set_review_mode    (AnnotaWindow   *self,
                                            gboolean        review_mode);
/* The review keys (Enter, A, X, Delete, J, K, Tab, label keys) while
 * review mode is on and the text or the review bar has the focus. */
gboolean _annota_window_review_handle_key  (AnnotaWindow   *self,
                                            guint           keyval,
                                            GdkModifierType state);
void     _annota_window_review_after_undo  (AnnotaWindow   *self);
/* annota_window_import_suggestions(), saying what went wrong in a toast. */
void     _annota_window_review_import      (AnnotaWindow   *self,
                                            GFile          *file);
/* Accepts (or, with label, relabels and accepts) or rejects the span under
 * review and moves to the next open suggestion; with none under review,
 * only moves to the first. */
gboolean _annota_window_review_decide      (AnnotaWindow     *self,
                                            AnnotaSpanStatus  status,
                                            const char       *label,
                                            GError          **error);
/* Accepts every open suggestion with a score >= threshold in one step;
 * returns how many. */
guint    _annota_window_review_accept_above (AnnotaWindow  *self,
                                             double         threshold);

/* annota-window.c, for annota-window-corpus.c */
void     _annota_window_set_document       (AnnotaWindow   *self,
                                            AnnotaDocument *document,
                                            GFile          *source_file,
                                            gboolean        is_sample);
/* A toast that stays until dismissed. */
void     _annota_window_show_error         (AnnotaWindow   *self,
                                            const char     *message);
void     _annota_window_add_recent         (AnnotaWindow   *self,
                                            GFile          *file);

/* annota-window-corpus.c */
void     _annota_window_class_add_corpus   (GtkWidgetClass *widget_class);
void     _annota_window_corpus_init        (AnnotaWindow   *self);
void     _annota_window_corpus_dispose     (AnnotaWindow   *self);
AnnotaCorpusSidebar *_annota_window_corpus_get_sidebar (AnnotaWindow *self);
void     _annota_window_corpus_update_actions (AnnotaWindow *self);
/* A toast that stays: the first of warnings, and how many more there are. */
void     _annota_window_show_warnings      (AnnotaWindow   *self,
                                            GPtrArray      *warnings);
/* A folder or a .jsonl file: what opens as a corpus. */
gboolean _annota_window_is_corpus_file     (GFile          *file);
/* Whether file is named as a native document (.json, .annota), and the
 * reading of one, safe in any thread: it touches no widget. */
gboolean        _annota_window_is_native_file (GFile      *file);
AnnotaDocument *_annota_window_read_native    (GFile      *file,
                                               GPtrArray **warnings,
                                               GError    **error);
/* Opens a corpus in the background, after saving (corpus) or asking
 * about (single document) what the window holds. */
void     _annota_window_open_corpus        (AnnotaWindow   *self,
                                            GFile          *file);
void     _annota_window_open_corpus_now    (AnnotaWindow   *self,
                                            GFile          *file);
/* The same at once, without asking: for tests. */
gboolean _annota_window_load_corpus        (AnnotaWindow   *self,
                                            GFile          *file,
                                            GError        **error);
/* Leaves corpus mode (without saving). */
void     _annota_window_corpus_leave       (AnnotaWindow   *self);
/* Saves the current document of the corpus (Save), or every modified one;
 * shows what went wrong and returns FALSE. */
gboolean _annota_window_corpus_save        (AnnotaWindow   *self);
gboolean _annota_window_corpus_save_all    (AnnotaWindow   *self,
                                            GError        **error);
/* Before the window closes: saves the corpus; FALSE (and a question) when
 * that failed. */
gboolean _annota_window_corpus_close_request (AnnotaWindow *self);
/* Saves the document shown if it changed, then shows the one at position. */
gboolean _annota_window_corpus_go_to       (AnnotaWindow   *self,
                                            guint           position,
                                            GError        **error);
/* Reads the document shown again from its file, in its place in the
 * corpus; on error the document shown stays. */
gboolean _annota_window_corpus_reload      (AnnotaWindow   *self,
                                            GError        **error);
/* The title for a corpus document or an imported one; FALSE otherwise. */
gboolean _annota_window_corpus_update_title (AnnotaWindow  *self);
/* The document's name in corpus mode, or NULL. */
char    *_annota_window_corpus_dup_name    (AnnotaWindow   *self);
/* Shows a document read from another format as a new, unsaved one, first
 * leaving the corpus (without saving: the window is expected empty). */
void     _annota_window_show_imported      (AnnotaWindow   *self,
                                            AnnotaDocument *document,
                                            GFile          *source);

/* annota-window-autosave.c */
void     _annota_window_autosave_init      (AnnotaWindow   *self);
void     _annota_window_autosave_dispose   (AnnotaWindow   *self);
/* After set_document: the recovery copy, the watched file and the
 * notices follow the document. */
void     _annota_window_autosave_set_document (AnnotaWindow *self);
/* After a save: what the file holds now is the window's own. */
void     _annota_window_autosave_saved     (AnnotaWindow   *self);
/* The document's file cannot be written: Save asks where instead. */
gboolean _annota_window_autosave_is_read_only (AnnotaWindow *self);
/* Asks whether to restore the recovery copies that no running Annota
 * keeps (a crash left them); at start. */
void     _annota_window_offer_recovery     (AnnotaWindow   *self);
/* For tests. */
AnnotaAutosave *_annota_window_get_autosave (AnnotaWindow  *self);
GtkInfoBar *_annota_window_get_changed_bar (AnnotaWindow   *self);
GtkInfoBar *_annota_window_get_read_only_bar (AnnotaWindow *self);

G_END_DECLS
