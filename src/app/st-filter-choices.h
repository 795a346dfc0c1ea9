/* st-filter-choices.h: the department and action filters of a list
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stocktake-core.h"

G_BEGIN_DECLS

/* Fills two drop-downs with "all" and then every respondent, and every
 * item, of a report's template, in its order (a department pack: only its
 * department), and tells which ids are chosen */
typedef struct _StFilterChoices StFilterChoices;

StFilterChoices *st_filter_choices_new            (GtkDropDown     *respondents,
                                                   GtkDropDown     *items);
void             st_filter_choices_free           (StFilterChoices *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StFilterChoices, st_filter_choices_free)

/* NULL leaves only the "all" choices */
void             st_filter_choices_set_report     (StFilterChoices *self,
                                                   StReport        *report);
/* The chosen ids, NULL for all */
const char      *st_filter_choices_get_respondent (StFilterChoices *self);
const char      *st_filter_choices_get_item       (StFilterChoices *self);
/* Chooses them (NULL, or an id the template lacks: all) */
void             st_filter_choices_select         (StFilterChoices *self,
                                                   const char      *respondent_id,
                                                   const char      *item_id);

/* "Action 4", or the item's title when it has no number */
char            *st_filter_choices_item_label     (StTemplate      *template,
                                                   const StItem    *item);

G_END_DECLS
