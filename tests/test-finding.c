/* test-finding.c: one validation finding
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "stocktake-core.h"

static void
test_finding_getters (void)
{
  g_autoptr(StFinding) finding = st_finding_new ("placeholder", ST_SEVERITY_WARNING,
                                                 "CO", "4", "progress-2014", 3, 6,
                                                 "Replace the placeholder “TBC” with the real text");

  g_assert_cmpstr (st_finding_get_rule_id (finding), ==, "placeholder");
  g_assert_cmpint (st_finding_get_severity (finding), ==, ST_SEVERITY_WARNING);
  g_assert_cmpstr (st_finding_get_respondent_id (finding), ==, "CO");
  g_assert_cmpstr (st_finding_get_item_id (finding), ==, "4");
  g_assert_cmpstr (st_finding_get_section_id (finding), ==, "progress-2014");
  g_assert_cmpuint (st_finding_get_start (finding), ==, 3);
  g_assert_cmpuint (st_finding_get_end (finding), ==, 6);
  g_assert_cmpstr (st_finding_get_message (finding), ==, "Replace the placeholder “TBC” with the real text");
}

static void
test_finding_whole_submission (void)
{
  g_autoptr(StFinding) finding = st_finding_new ("unanswered", ST_SEVERITY_ERROR,
                                                 "AGO", "15", NULL, 0, 0, "No answer");

  g_assert_null (st_finding_get_section_id (finding));
  g_assert_cmpuint (st_finding_get_start (finding), ==, 0);
  g_assert_cmpuint (st_finding_get_end (finding), ==, 0);
}

static void
test_finding_properties (void)
{
  g_autoptr(StFinding) finding = NULL;
  g_autofree char *rule_id = NULL;
  g_autofree char *section_id = NULL;
  g_autofree char *message = NULL;
  StSeverity severity;
  guint start, end;

  finding = g_object_new (ST_TYPE_FINDING,
                          "rule-id", "style-date",
                          "severity", ST_SEVERITY_INFO,
                          "respondent-id", "HO",
                          "item-id", "2",
                          "section-id", "plans-2015",
                          "start", 10,
                          "end", 20,
                          "message", "Write the date as “16 January 2015”",
                          NULL);
  g_object_get (finding,
                "rule-id", &rule_id,
                "severity", &severity,
                "section-id", &section_id,
                "start", &start,
                "end", &end,
                "message", &message,
                NULL);

  g_assert_cmpstr (rule_id, ==, "style-date");
  g_assert_cmpint (severity, ==, ST_SEVERITY_INFO);
  g_assert_cmpstr (section_id, ==, "plans-2015");
  g_assert_cmpuint (start, ==, 10);
  g_assert_cmpuint (end, ==, 20);
  g_assert_cmpstr (message, ==, "Write the date as “16 January 2015”");
  g_assert_cmpstr (st_finding_get_respondent_id (finding), ==, "HO");
}

static void
test_finding_copies_strings (void)
{
  char rule[] = "placeholder";
  char message[] = "Replace it";
  g_autoptr(StFinding) finding = st_finding_new (rule, ST_SEVERITY_WARNING, "CO", "1",
                                                 "plans-2015", 0, 3, message);

  /* The caller's buffers may change afterwards */
  rule[0] = 'X';
  message[0] = 'X';
  g_assert_cmpstr (st_finding_get_rule_id (finding), ==, "placeholder");
  g_assert_cmpstr (st_finding_get_message (finding), ==, "Replace it");
}

static void
test_severity_strings (void)
{
  StSeverity severity = ST_SEVERITY_INFO;
  GEnumClass *klass;

  g_assert_cmpstr (st_severity_to_string (ST_SEVERITY_ERROR), ==, "error");
  g_assert_cmpstr (st_severity_to_string (ST_SEVERITY_WARNING), ==, "warning");
  g_assert_cmpstr (st_severity_to_string (ST_SEVERITY_INFO), ==, "info");

  g_assert_true (st_severity_from_string ("error", &severity));
  g_assert_cmpint (severity, ==, ST_SEVERITY_ERROR);
  g_assert_true (st_severity_from_string ("warning", &severity));
  g_assert_cmpint (severity, ==, ST_SEVERITY_WARNING);

  /* Bad input leaves the value alone */
  severity = ST_SEVERITY_INFO;
  g_assert_false (st_severity_from_string ("Error", &severity));
  g_assert_false (st_severity_from_string ("", &severity));
  g_assert_false (st_severity_from_string (NULL, &severity));
  g_assert_cmpint (severity, ==, ST_SEVERITY_INFO);

  klass = g_type_class_ref (ST_TYPE_SEVERITY);
  g_assert_cmpuint (klass->n_values, ==, 3);
  g_assert_cmpstr (g_enum_get_value (klass, ST_SEVERITY_WARNING)->value_nick, ==, "warning");
  g_type_class_unref (klass);
}

static void
test_finding_list_model (void)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(StFinding) second = NULL;

  g_ptr_array_add (findings, st_finding_new ("unanswered", ST_SEVERITY_ERROR, "AGO", "1", NULL, 0, 0, "a"));
  g_ptr_array_add (findings, st_finding_new ("placeholder", ST_SEVERITY_WARNING, "AGO", "2", "plans-2015", 0, 3, "b"));

  model = st_validator_to_list_model (findings);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (g_list_model_get_item_type (model) == ST_TYPE_FINDING);
  second = g_list_model_get_item (model, 1);
  g_assert_true (second == g_ptr_array_index (findings, 1));
  g_assert_null (g_list_model_get_item (model, 2));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/finding/getters", test_finding_getters);
  g_test_add_func ("/finding/whole-submission", test_finding_whole_submission);
  g_test_add_func ("/finding/properties", test_finding_properties);
  g_test_add_func ("/finding/copies-strings", test_finding_copies_strings);
  g_test_add_func ("/finding/severity-strings", test_severity_strings);
  g_test_add_func ("/finding/list-model", test_finding_list_model);

  return g_test_run ();
}
