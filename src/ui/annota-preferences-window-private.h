/* annota-preferences-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of the Preferences window, for the tests that drive them.
 */
#pragma once

#include "annota-preferences-window.h"

G_BEGIN_DECLS

struct _AnnotaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *snap_row;
  GtkSwitch            *show_rejected_switch;
  AdwComboRow          *review_order_row;
  AdwActionRow         *label_set_row;
  GtkButton            *label_set_clear_button;

  GSettings            *settings;
  GtkNativeDialog      *chooser;
};

G_END_DECLS
