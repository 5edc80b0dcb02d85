/* annota-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Error domains and the string forms of the enums that files store.
 */
#define G_LOG_DOMAIN "annota"
#include "config.h"

#include <string.h>

#include "annota-types.h"

G_DEFINE_QUARK (annota-format-error-quark, annota_format_error)
G_DEFINE_QUARK (annota-document-error-quark, annota_document_error)

static const char * const status_names[] = { "suggested", "accepted", "rejected" };
static const char * const state_names[] = { "todo", "in-progress", "done" };

const char *
annota_span_status_to_string (AnnotaSpanStatus status)
{
  g_return_val_if_fail (status <= ANNOTA_SPAN_STATUS_REJECTED, NULL);

  return status_names[status];
}

gboolean
annota_span_status_from_string (const char       *str,
                                AnnotaSpanStatus *status)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (strcmp (str, status_names[i]) == 0)
        {
          if (status != NULL)
            *status = (AnnotaSpanStatus) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
annota_document_state_to_string (AnnotaDocumentState state)
{
  g_return_val_if_fail (state <= ANNOTA_DOCUMENT_STATE_DONE, NULL);

  return state_names[state];
}

gboolean
annota_document_state_from_string (const char          *str,
                                   AnnotaDocumentState *state)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    {
      if (strcmp (str, state_names[i]) == 0)
        {
          if (state != NULL)
            *state = (AnnotaDocumentState) i;
          return TRUE;
        }
    }
  return FALSE;
}
