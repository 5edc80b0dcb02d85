/* test-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libglib-testing/signal-logger.h>

#include "annota-core.h"

/* The owner is a GString log of what was replayed; each edit is a letter. */
static void
edit_undo (gpointer owner,
           gpointer data)
{
  g_string_append_printf (owner, "-%c", GPOINTER_TO_INT (data));
}

static void
edit_redo (gpointer owner,
           gpointer data)
{
  g_string_append_printf (owner, "+%c", GPOINTER_TO_INT (data));
}

static guint freed;

static void
edit_destroy (gpointer data)
{
  freed++;
}

static void
record (AnnotaHistory *history,
        char           name)
{
  annota_history_record (history, edit_undo, edit_redo, GINT_TO_POINTER (name), edit_destroy);
}

static void
test_undo_redo (void)
{
  AnnotaHistory *history = annota_history_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();

  gt_signal_logger_connect (logger, history, "notify");
  g_assert_false (annota_history_can_undo (history));
  g_assert_true (annota_history_is_clean (history));

  record (history, 'a');
  gt_signal_logger_assert_notify_emission_pop (logger, history, "can-undo");
  gt_signal_logger_assert_notify_emission_pop (logger, history, "clean");
  gt_signal_logger_assert_no_emissions (logger);
  record (history, 'b');
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (annota_history_get_n_undo (history), ==, 2);

  g_assert_true (annota_history_undo (history, log));
  g_assert_cmpstr (log->str, ==, "-b");
  gt_signal_logger_assert_notify_emission_pop (logger, history, "can-redo");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (annota_history_undo (history, log));
  g_assert_cmpstr (log->str, ==, "-b-a");
  gt_signal_logger_assert_notify_emission_pop (logger, history, "can-undo");
  gt_signal_logger_assert_notify_emission_pop (logger, history, "clean");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_false (annota_history_undo (history, log));
  g_assert_true (annota_history_redo (history, log));
  g_assert_cmpstr (log->str, ==, "-b-a+a");
  gt_signal_logger_assert_notify_emission_pop (logger, history, "can-undo");
  gt_signal_logger_assert_notify_emission_pop (logger, history, "clean");
  gt_signal_logger_assert_no_emissions (logger);

  /* A new edit drops the redo stack and frees its edits. */
  freed = 0;
  record (history, 'c');
  g_assert_cmpuint (freed, ==, 1);
  g_assert_false (annota_history_can_redo (history));
  gt_signal_logger_assert_notify_emission_pop (logger, history, "can-redo");
  gt_signal_logger_assert_no_emissions (logger);

  freed = 0;
  g_clear_pointer (&logger, gt_signal_logger_free);
  g_assert_finalize_object (history);
  g_assert_cmpuint (freed, ==, 2);
}

static void
test_steps (void)
{
  g_autoptr(AnnotaHistory) history = annota_history_new ();
  g_autoptr(GString) log = g_string_new (NULL);

  annota_history_begin_step (history);
  record (history, 'a');
  annota_history_begin_step (history);
  record (history, 'b');
  annota_history_end_step (history);
  g_assert_false (annota_history_can_undo (history));
  record (history, 'c');
  annota_history_end_step (history);
  g_assert_cmpuint (annota_history_get_n_undo (history), ==, 1);

  /* An empty step is no step. */
  annota_history_begin_step (history);
  annota_history_end_step (history);
  g_assert_cmpuint (annota_history_get_n_undo (history), ==, 1);

  annota_history_undo (history, log);
  g_assert_cmpstr (log->str, ==, "-c-b-a");
  annota_history_redo (history, log);
  g_assert_cmpstr (log->str, ==, "-c-b-a+a+b+c");
}

static void
test_clean_point (void)
{
  g_autoptr(AnnotaHistory) history = annota_history_new ();
  g_autoptr(GString) log = g_string_new (NULL);

  record (history, 'a');
  record (history, 'b');
  annota_history_mark_clean (history);
  g_assert_true (annota_history_is_clean (history));
  annota_history_undo (history, log);
  g_assert_false (annota_history_is_clean (history));
  annota_history_redo (history, log);
  g_assert_true (annota_history_is_clean (history));

  /* Undo past the save, then a new edit: the saved state is gone for good. */
  annota_history_undo (history, log);
  record (history, 'x');
  g_assert_false (annota_history_is_clean (history));
  annota_history_undo (history, log);
  g_assert_false (annota_history_is_clean (history));
  annota_history_redo (history, log);
  g_assert_false (annota_history_is_clean (history));

  annota_history_clear (history);
  g_assert_false (annota_history_can_undo (history));
  g_assert_false (annota_history_is_clean (history));
  annota_history_mark_clean (history);
  g_assert_true (annota_history_is_clean (history));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/annota/history/undo-redo", test_undo_redo);
  g_test_add_func ("/annota/history/steps", test_steps);
  g_test_add_func ("/annota/history/clean-point", test_clean_point);

  return g_test_run ();
}
