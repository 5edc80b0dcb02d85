/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "annota"
#include "config.h"
#include "annota-core.h"
