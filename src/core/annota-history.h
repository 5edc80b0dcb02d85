/* annota-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Undo and redo: a stack of steps, each a list of reversible edits. The
 * history knows nothing of what an edit does; AnnotaDocument records edits
 * with functions that apply and revert them. Several edits recorded between
 * begin_step and end_step (which nest) form one step.
 */
#pragma once

#include "annota-types.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_HISTORY (annota_history_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaHistory, annota_history, ANNOTA, HISTORY, GObject)

typedef void (*AnnotaEditFunc) (gpointer owner,
                                gpointer edit_data);

AnnotaHistory *annota_history_new        (void);
/* Records an edit that has already been applied. redo re-applies it, undo
 * reverts it; destroy frees edit_data when the edit leaves the history.
 * Recording clears the redo stack. */
void           annota_history_record     (AnnotaHistory  *self,
                                          AnnotaEditFunc  undo,
                                          AnnotaEditFunc  redo,
                                          gpointer        edit_data,
                                          GDestroyNotify  destroy);
void           annota_history_begin_step (AnnotaHistory  *self);
void           annota_history_end_step   (AnnotaHistory  *self);
gboolean       annota_history_can_undo   (AnnotaHistory  *self);
gboolean       annota_history_can_redo   (AnnotaHistory  *self);
/* owner is passed to the edit functions. Return FALSE if nothing to do. */
gboolean       annota_history_undo       (AnnotaHistory  *self,
                                          gpointer        owner);
gboolean       annota_history_redo       (AnnotaHistory  *self,
                                          gpointer        owner);
/* Marks the current point as saved; is-clean is TRUE while the history is
 * back at that point. */
void           annota_history_mark_clean (AnnotaHistory  *self);
gboolean       annota_history_is_clean   (AnnotaHistory  *self);
void           annota_history_clear      (AnnotaHistory  *self);
guint          annota_history_get_n_undo (AnnotaHistory  *self);

G_END_DECLS
