/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "annota-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AnnotaApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* $ANNOTA_LOCALEDIR: the translations of a build tree (build-aux/run.sh),
   * before they are installed. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ANNOTA_LOCALEDIR") ? g_getenv ("ANNOTA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = annota_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
