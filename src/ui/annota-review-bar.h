/* annota-review-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bar under the text in review mode: the suggestion under review in its
 * context, with its label, score, origin and conflicts, the progress ("12 of
 * 41 reviewed"), the order of review, and the buttons of the window's review
 * actions. It also finds the next open suggestion in that order.
 *
 * A review item is a span that is suggested (open) or carries the reviewed
 * mark (decided); progress counts the decided ones among all of them.
 */
#pragma once

#include <gtk/gtk.h>

#include "annota-core.h"

G_BEGIN_DECLS

typedef enum {
  ANNOTA_REVIEW_ORDER_POSITION,
  ANNOTA_REVIEW_ORDER_LEAST_CONFIDENT,
} AnnotaReviewOrder;

#define ANNOTA_TYPE_REVIEW_ORDER (annota_review_order_get_type ())
GType annota_review_order_get_type (void) G_GNUC_CONST;

#define ANNOTA_TYPE_REVIEW_BAR (annota_review_bar_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaReviewBar, annota_review_bar, ANNOTA, REVIEW_BAR, GtkWidget)

GtkWidget        *annota_review_bar_new          (void);
void              annota_review_bar_set_document (AnnotaReviewBar   *self,
                                                  AnnotaDocument    *document);
/* The span shown (property "span"), borrowed; NULL for none. */
AnnotaSpan       *annota_review_bar_get_span     (AnnotaReviewBar   *self);
void              annota_review_bar_set_span     (AnnotaReviewBar   *self,
                                                  AnnotaSpan        *span);
/* Property "order". */
AnnotaReviewOrder annota_review_bar_get_order    (AnnotaReviewBar   *self);
void              annota_review_bar_set_order    (AnnotaReviewBar   *self,
                                                  AnnotaReviewOrder  order);
/* The next (direction 1) or previous (-1) open suggestion after from in the
 * order, going round at the end; when from is NULL, the first at or after
 * offset (by position) or the least confident one. Never from itself; NULL
 * when there is none. Borrowed. */
AnnotaSpan       *annota_review_bar_find_next    (AnnotaReviewBar   *self,
                                                  AnnotaSpan        *from,
                                                  guint              offset,
                                                  int                direction);
/* Review items decided and in all (see above), as shown. */
guint             annota_review_bar_get_n_reviewed (AnnotaReviewBar *self);
guint             annota_review_bar_get_n_items    (AnnotaReviewBar *self);
/* The open suggestions with a score of at least threshold, in store order,
 * as a new array of new references. */
GPtrArray        *annota_review_bar_collect_above  (AnnotaReviewBar *self,
                                                    double           threshold);
/* The threshold popover: its scale's value, and how many it would accept
 * (the live label's number). */
void              annota_review_bar_popup_threshold (AnnotaReviewBar *self);
/* What the popover's Accept button does (and Enter in its slider); FALSE
 * when the popover is not open or would accept nothing. */
gboolean          annota_review_bar_accept_threshold (AnnotaReviewBar *self);
void              annota_review_bar_set_threshold   (AnnotaReviewBar *self,
                                                     double           threshold);
double            annota_review_bar_get_threshold   (AnnotaReviewBar *self);
guint             annota_review_bar_get_n_above     (AnnotaReviewBar *self);
/* The text the bar shows, for tests: the context line and the progress. */
const char       *annota_review_bar_get_context_text  (AnnotaReviewBar *self);
const char       *annota_review_bar_get_progress_text (AnnotaReviewBar *self);
/* "span", "none" or "done": which of its faces the bar shows. */
const char       *annota_review_bar_get_page          (AnnotaReviewBar *self);

G_END_DECLS
