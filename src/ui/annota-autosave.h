/* annota-autosave.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recovery copies: while a document has unsaved changes, AnnotaAutosave
 * writes it (native JSON, atomically) under
 * $XDG_STATE_HOME/annota/recovery/ a few seconds after the last change,
 * with a small key file beside it naming the document's file. The copy is
 * deleted once the document is saved, or let go of on purpose; a copy that
 * outlives its process (a crash, a kill) is an AnnotaRecovery, which the
 * next start offers to restore.
 */
#pragma once

#include "annota-core.h"

G_BEGIN_DECLS

#define ANNOTA_TYPE_AUTOSAVE (annota_autosave_get_type ())
G_DECLARE_FINAL_TYPE (AnnotaAutosave, annota_autosave, ANNOTA, AUTOSAVE, GObject)

typedef struct _AnnotaRecovery AnnotaRecovery;

/* The interval is $ANNOTA_AUTOSAVE_INTERVAL seconds (fractions allowed), or
 * 5 seconds. */
AnnotaAutosave *annota_autosave_new          (void);
/* The document to keep a copy of (property "document"), or NULL. source
 * names a document without a file (the plain text or the sample it came
 * from); is_sample tells the sample apart. Replacing the document deletes
 * the copy of the previous one: the window does that only once the user
 * saved or discarded it. */
void            annota_autosave_set_document (AnnotaAutosave *self,
                                              AnnotaDocument *document,
                                              GFile          *source,
                                              gboolean        is_sample);
AnnotaDocument *annota_autosave_get_document (AnnotaAutosave *self);
/* Milliseconds from the last change to the write (property "interval"). */
guint           annota_autosave_get_interval (AnnotaAutosave *self);
void            annota_autosave_set_interval (AnnotaAutosave *self,
                                              guint           interval);
/* The copy's JSON file, or NULL while there is none (property "path"). */
const char     *annota_autosave_get_path     (AnnotaAutosave *self);
/* Writes the copy at once when the document has unsaved changes; TRUE
 * when there was nothing to write. */
gboolean        annota_autosave_write_now    (AnnotaAutosave *self,
                                              GError        **error);
/* Continues recovery's copy instead of starting one of its own, for the
 * document restored from it. */
void            annota_autosave_take_over    (AnnotaAutosave *self,
                                              AnnotaRecovery *recovery);
/* Stops and lets go of the copy without deleting it, as if the process had
 * been killed: for tests. */
void            annota_autosave_abandon      (AnnotaAutosave *self);

/* The folder of the copies. */
char           *annota_recovery_get_dir      (void);
/* The copies no running process is keeping, oldest first; a GPtrArray of
 * AnnotaRecovery that frees them. */
GPtrArray      *annota_recovery_list         (void);
/* The JSON copy. */
const char     *annota_recovery_get_path     (AnnotaRecovery *self);
/* The document's name, for people. */
const char     *annota_recovery_get_name     (AnnotaRecovery *self);
/* The document's own file, or NULL when it had none. */
GFile          *annota_recovery_get_file     (AnnotaRecovery *self);
/* What a document without a file came from, or NULL. */
GFile          *annota_recovery_get_source   (AnnotaRecovery *self);
gboolean        annota_recovery_get_is_sample (AnnotaRecovery *self);
/* When the copy was written last. */
GDateTime      *annota_recovery_get_time     (AnnotaRecovery *self);
/* The copy as a modified document whose file is the original's. */
AnnotaDocument *annota_recovery_load         (AnnotaRecovery *self,
                                              GError        **error);
/* Deletes the copy and its key file. */
void            annota_recovery_delete       (AnnotaRecovery *self);
void            annota_recovery_free         (AnnotaRecovery *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnotaRecovery, annota_recovery_free)

G_END_DECLS
