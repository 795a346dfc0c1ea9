/* st-finding-private.h: how the validator makes findings cheaply
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "st-finding.h"

G_BEGIN_DECLS

/* The ids must be interned strings (g_intern_string); takes @message */
StFinding *st_finding_new_take (const char *rule_id,
                                StSeverity  severity,
                                const char *respondent_id,
                                const char *item_id,
                                const char *section_id,
                                guint       start,
                                guint       end,
                                char       *message);

G_END_DECLS
