/* annota-stats-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statistics page of the side panel: a chart of the spans per label,
 * split by status, the review progress and the document's state, and, while
 * a comparison is open, the agreement figures of `annota-cli agree` for the
 * two documents (this one as the reference).
 */
#pragma once

#include <gtk/gtk.h>

#include "annota-core.h"
#include "annota-agreement.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_STATS_VIEW (annota_stats_view_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaStatsView, annota_stats_view, ANNOTA, STATS_VIEW, GtkWidget)

GtkWidget *annota_stats_view_new            (void);
void       annota_stats_view_set_document   (AnnotaStatsView *self,
                                             AnnotaDocument  *document);
/* Shows the figures of agreement's last comparison (the view keeps a
 * reference; call again after another comparison); NULL hides them. */
void       annota_stats_view_set_agreement  (AnnotaStatsView *self,
                                             AnnotaAgreement *agreement,
                                             const char      *other_name);
/* What the page shows, as text, for tests: the progress line, and the
 * agreement table as "LABEL P R F1 TP FP FN" lines (figures as the CLI
 * prints them) followed by "kappa K". */
char      *annota_stats_view_dup_progress_text  (AnnotaStatsView *self);
char      *annota_stats_view_dup_agreement_text (AnnotaStatsView *self);

G_END_DECLS
