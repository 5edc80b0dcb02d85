/* annota-core.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole core library in one include.
 */
#pragma once

#include "annota-types.h"
#include "annota-label.h"
#include "annota-label-set.h"
#include "annota-span.h"
#include "annota-span-store.h"
#include "annota-history.h"
#include "annota-text.h"
#include "annota-document.h"
#include "annota-document-io.h"
#include "annota-json.h"
#include "annota-agreement.h"
#include "annota-corpus.h"
