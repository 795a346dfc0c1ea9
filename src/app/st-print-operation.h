/* st-print-operation.h: printing a document with the PDF's page layout
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stocktake-core.h"

G_BEGIN_DECLS

#define ST_TYPE_PRINT_OPERATION (st_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (StPrintOperation, st_print_operation, ST, PRINT_OPERATION, GtkPrintOperation)

/* A4 portrait until the user chooses otherwise; the pages are laid out for
 * the paper chosen when printing begins */
StPrintOperation *st_print_operation_new          (StDocument       *document);
StDocument       *st_print_operation_get_document (StPrintOperation *self);

G_END_DECLS
