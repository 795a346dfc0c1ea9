/* stocktake-core.h: everything the app, the CLI and the tests use
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "st-document.h"
#include "st-drafts.h"
#include "st-error.h"
#include "st-finding.h"
#include "st-history.h"
#include "st-merge.h"
#include "st-odt-writer.h"
#include "st-pack.h"
#include "st-page-layout.h"
#include "st-pdf-writer.h"
#include "st-progress.h"
#include "st-report.h"
#include "st-search.h"
#include "st-submission.h"
#include "st-template.h"
#include "st-types.h"
#include "st-validator.h"
#include "st-workflow.h"
