/* test-template.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "stocktake-core.h"

static void
test_template_gds (void)
{
  g_autoptr(StTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sections1 = NULL;
  g_autoptr(GPtrArray) sections15 = NULL;
  const StItem *item1, *item15;
  const StRespondent *respondent;
  const StSection *progress, *plan;

  template = st_template_new_builtin ("gds-2012", &error);
  g_assert_no_error (error);
  g_assert_nonnull (template);

  g_assert_cmpstr (st_template_get_id (template), ==, "gds-2012");
  g_assert_cmpstr (st_template_get_title (template), ==, "Government Digital Strategy");
  g_assert_cmpuint (st_template_get_n_items (template), ==, 16);
  g_assert_cmpuint (st_template_get_n_respondents (template), ==, 17);
  g_assert_cmpuint (st_template_get_n_rounds (template), ==, 3);
  g_assert_cmpuint (st_template_get_n_sections (template), ==, 5);
  g_assert_cmpstr (st_template_get_word (template, ST_WORD_ITEM), ==, "Action");

  /* Departments in the published order */
  g_assert_cmpstr (st_template_get_respondent (template, 0)->abbreviation, ==, "AGO");
  g_assert_cmpstr (st_template_get_respondent (template, 1)->abbreviation, ==, "CO");
  g_assert_cmpstr (st_template_get_respondent (template, 16)->abbreviation, ==, "MOJ");

  /* The headings exactly as published */
  g_assert_cmpstr (st_template_get_section (template, 0)->heading, ==,
                   "Departmental digital strategy commitments (December 2012)");
  g_assert_cmpstr (st_template_get_section (template, 3)->heading, ==, "Progress during 2014");
  g_assert_cmpint (st_template_get_section (template, 3)->kind, ==, ST_SECTION_KIND_PROGRESS);
  g_assert_cmpint (st_template_get_section (template, 3)->year, ==, 2014);

  /* Action 1 has both titles; action 15 starts with the 2014 round */
  item1 = st_template_find_item_by_number (template, 1);
  g_assert_nonnull (item1);
  g_assert_cmpstr (item1->title, ==,
                   "ensure there is an active digital leader on departmental and transactional agency boards");
  g_assert_cmpstr (item1->statement, ==,
                   "Departmental and transactional agency boards will include an active digital leader");
  g_assert_null (item1->note);

  item15 = st_template_find_item (template, "15");
  g_assert_nonnull (item15);
  g_assert_cmpstr (st_template_get_round (template, item15->starts)->id, ==, "2014");
  g_assert_nonnull (item15->note);
  g_assert_true (g_str_has_prefix (item15->note, "Action 15 was added to the Digital Strategy in December 2013"));

  sections1 = st_template_item_sections (template, item1, G_MAXUINT);
  sections15 = st_template_item_sections (template, item15, G_MAXUINT);
  g_assert_cmpuint (sections1->len, ==, 5);
  g_assert_cmpuint (sections15->len, ==, 2);
  g_assert_cmpstr (((StSection *) g_ptr_array_index (sections15, 0))->id, ==, "progress-2014");

  /* Up to the 2013 round, action 1 has three sections and action 15 none */
  g_clear_pointer (&sections1, g_ptr_array_unref);
  g_clear_pointer (&sections15, g_ptr_array_unref);
  sections1 = st_template_item_sections (template, item1, 1);
  sections15 = st_template_item_sections (template, item15, 1);
  g_assert_cmpuint (sections1->len, ==, 3);
  g_assert_cmpuint (sections15->len, ==, 0);

  /* A progress section answers the plan for its year, from an earlier round */
  progress = st_template_find_section (template, "progress-2014");
  plan = st_template_find_plan_for (template, progress);
  g_assert_nonnull (plan);
  g_assert_cmpstr (plan->id, ==, "plans-2014");
  g_assert_null (st_template_find_plan_for (template, st_template_find_section (template, "plans-2015")));

  /* Names, abbreviations and variants find the department */
  respondent = st_template_match_respondent (template, "Cabinet Office");
  g_assert_nonnull (respondent);
  g_assert_cmpstr (respondent->id, ==, "CO");
  respondent = st_template_match_respondent (template, "hm treasury");
  g_assert_nonnull (respondent);
  g_assert_cmpstr (respondent->id, ==, "HMT");
  respondent = st_template_match_respondent (template, "The Attorney General's Office");
  g_assert_nonnull (respondent);
  g_assert_cmpstr (respondent->id, ==, "AGO");
  g_assert_null (st_template_match_respondent (template, "Ministry of Magic"));
  g_assert_null (st_template_match_respondent (template, ""));

  /* The 2015 pages: none of the optional layout, so the defaults */
  g_assert_null (st_template_get_layout (template, ST_LAYOUT_DOCUMENT_TYPE));
  g_assert_null (st_template_get_layout_lines (template, ST_LAYOUT_DOCUMENT_INTRO)[0]);
  g_assert_true (st_template_has_respondent_headings (template));
  g_assert_cmpstr (st_template_get_text_bullet (template), ==, "- ");
  g_assert_cmpstr (st_template_get_text_separator (template), ==, "\n");
}

static void
test_template_dec_2022 (void)
{
  g_autoptr(StTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  const StItem *item;

  template = st_template_new_builtin ("dec-2022", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (st_template_get_n_items (template), ==, 8);
  g_assert_cmpstr (st_template_get_word (template, ST_WORD_ITEM), ==, "Recommendation");
  g_assert_cmpuint (st_template_get_n_preamble (template), ==, 2);
  g_assert_cmpstr (st_template_get_preamble (template, 0)->heading, ==, "Overview");
  g_assert_cmpstr (st_template_get_preamble (template, 1)->heading, ==, "Summary Progress Update");

  item = st_template_find_item_by_number (template, 3);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->title, ==, "Hire a Permanent Secretary level head of function");
  g_assert_cmpstr (st_template_get_section (template, 0)->heading, ==, "Progress update");

  /* The page's layout, as data */
  g_assert_cmpstr (st_template_get_layout (template, ST_LAYOUT_DOCUMENT_TYPE), ==, "Transparency data");
  g_assert_cmpstr (st_template_get_layout_lines (template, ST_LAYOUT_DOCUMENT_INTRO)[0], ==,
                   "Progress update: February 2022.");
  g_assert_cmpstr (st_template_get_layout (template, ST_LAYOUT_ITEMS_HEADING), ==,
                   "Annex A: Recommendation by Recommendation Progress Update");
  g_assert_false (st_template_has_respondent_headings (template));
  g_assert_cmpstr (st_template_get_text_bullet (template), ==, "  • ");
  g_assert_cmpstr (st_template_get_text_separator (template), ==, "\n\n");
}

static void
test_template_unknown_builtin (void)
{
  g_autoptr(GError) error = NULL;
  StTemplate *template;

  template = st_template_new_builtin ("gds-2099", &error);
  g_assert_null (template);
  g_assert_error (error, ST_ERROR, ST_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gds-2099"));
  g_assert_nonnull (strstr (error->message, "gds-2012"));
}

static void
test_template_expand (void)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);
  const StItem *item = st_template_find_item (template, "1");
  const StRespondent *co = st_template_find_respondent (template, "CO");
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *unknown = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, G_DATE_JANUARY, 2015);

  title = st_template_expand (template, st_template_get_layout (template, ST_LAYOUT_RESPONDENT_TITLE),
                              NULL, co, NULL);
  g_assert_cmpstr (title, ==, "CO's actions in response to the Government Digital Strategy");
  heading = st_template_expand (template, st_template_get_layout (template, ST_LAYOUT_RESPONDENT_ITEM_HEADING),
                                item, co, NULL);
  g_assert_cmpstr (heading, ==,
                   "Action 1: Departmental and transactional agency boards will include an active digital leader");
  updated = st_template_expand (template, st_template_get_layout (template, ST_LAYOUT_UPDATED),
                                NULL, NULL, &date);
  g_assert_cmpstr (updated, ==, "Updated 16 January 2015");

  /* Unknown or unavailable fields stay as written, so a mistake shows */
  unknown = st_template_expand (template, "{colour} {number} {", NULL, NULL, NULL);
  g_assert_cmpstr (unknown, ==, "{colour} {number} {");

  g_assert_cmpuint (g_strv_length ((char **) st_template_get_layout_lines (template, ST_LAYOUT_ITEM_INTRO)), ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) st_template_get_layout_lines (template, "no-such-key")), ==, 0);
}

static void
test_dates (void)
{
  GDate date;
  g_autofree char *text = NULL;

  g_assert_true (st_parse_date ("16 January 2015", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 16);
  g_assert_cmpuint (g_date_get_month (&date), ==, 1);
  g_assert_cmpuint (g_date_get_year (&date), ==, 2015);
  text = st_format_date (&date);
  g_assert_cmpstr (text, ==, "16 January 2015");

  g_assert_true (st_parse_date ("2022-03-07", &date));
  g_assert_cmpuint (g_date_get_month (&date), ==, 3);

  g_assert_false (st_parse_date ("31 February 2015", &date));
  g_assert_false (st_parse_date ("16 Janvier 2015", &date));
  g_assert_false (st_parse_date ("16/01/2015", &date));
  g_assert_false (st_parse_date ("2015-13-01", &date));
  g_assert_false (st_parse_date ("2015-1-16", &date));
  g_assert_false (st_parse_date ("", &date));
  g_assert_false (st_parse_date ("January 16 2015", &date));
}

/* What a person types: the forms above, and the day first with slashes */
static void
test_typed_dates (void)
{
  GDate date;

  g_assert_true (st_parse_typed_date ("15/01/2016", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 15);
  g_assert_cmpuint (g_date_get_month (&date), ==, 1);
  g_assert_cmpuint (g_date_get_year (&date), ==, 2016);
  g_assert_true (st_parse_typed_date ("3/2/2016", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 3);
  g_assert_cmpuint (g_date_get_month (&date), ==, 2);
  g_assert_true (st_parse_typed_date ("29/02/2016", &date));
  g_assert_true (st_parse_typed_date ("15 January 2016", &date));
  g_assert_cmpuint (g_date_get_month (&date), ==, 1);
  g_assert_true (st_parse_typed_date ("2016-01-15", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 15);

  /* Impossible dates, month first, and what is not a date */
  g_assert_false (st_parse_typed_date ("31/02/2016", &date));
  g_assert_false (g_date_valid (&date));
  g_assert_false (st_parse_typed_date ("29/02/2015", &date));
  g_assert_false (st_parse_typed_date ("01/15/2016", &date));
  g_assert_false (st_parse_typed_date ("0/01/2016", &date));
  g_assert_false (st_parse_typed_date ("15/01/16", &date));
  g_assert_false (st_parse_typed_date ("15/01/20166", &date));
  g_assert_false (st_parse_typed_date ("015/01/2016", &date));
  g_assert_false (st_parse_typed_date ("15/01/2016/", &date));
  g_assert_false (st_parse_typed_date ("15//2016", &date));
  g_assert_false (st_parse_typed_date ("a5/01/2016", &date));
  g_assert_false (st_parse_typed_date ("15/01/20x6", &date));
  g_assert_false (st_parse_typed_date ("15.01.2016", &date));
  g_assert_false (st_parse_typed_date ("", &date));

  /* Files keep to the two forms they are written in */
  g_assert_false (st_parse_date ("15/01/2016", &date));
}

static StTemplate *
load_template_text (const char       *text,
                    StErrorLocation  *location,
                    GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return st_template_new_from_json (json_parser_get_root (parser), "$", location, error);
}

#define MINIMAL_ROUNDS "\"rounds\": [{\"id\": \"r1\", \"title\": \"R1\", \"sections\": [" \
  "{\"id\": \"s1\", \"heading\": \"S1\", \"kind\": \"progress\", \"year\": 2020}]}]"

static void
test_template_errors (void)
{
  static const struct {
    const char *json;
    const char *path;
    const char *message;
  } cases[] = {
    { "[]", "$", "expected an object" },
    { "{\"id\": \"t\"}", "$", "“title” is missing" },
    { "{\"id\": \"t\", \"title\": 3}", "$.title", "expected a string" },
    { "{\"id\": \"t\", \"title\": \"T\", \"rounds\": []}", "$.rounds", "at least one round" },
    { "{\"id\": \"t\", \"title\": \"T\", \"rounds\": [{\"id\": \"r1\", \"title\": \"R1\", \"sections\": ["
      "{\"id\": \"s1\", \"heading\": \"S1\", \"kind\": \"wish\"}]}], \"items\": [], \"respondents\": []}",
      "$.rounds[0].sections[0].kind", "unknown section kind “wish”" },
    { "{\"id\": \"t\", \"title\": \"T\", \"rounds\": [{\"id\": \"r1\", \"title\": \"R1\", \"sections\": ["
      "{\"id\": \"s1\", \"heading\": \"S1\", \"kind\": \"plan\"}, {\"id\": \"s1\", \"heading\": \"S2\", \"kind\": \"plan\"}]}],"
      " \"items\": [], \"respondents\": []}",
      "$.rounds[0].sections[1].id", "used twice" },
    { "{\"id\": \"t\", \"title\": \"T\", " MINIMAL_ROUNDS ", \"items\": [{\"id\": \"1\", \"title\": \"A\", \"starts\": \"r9\"}],"
      " \"respondents\": []}",
      "$.items[0].starts", "no round “r9”" },
    { "{\"id\": \"t\", \"title\": \"T\", " MINIMAL_ROUNDS ", \"items\": [{\"id\": \"1\", \"title\": \"A\"}, {\"id\": \"1\", \"title\": \"B\"}],"
      " \"respondents\": []}",
      "$.items[1].id", "used twice" },
    { "{\"id\": \"t\", \"title\": \"T\", " MINIMAL_ROUNDS ", \"items\": [{\"id\": \"1\", \"title\": \"A\", \"sections\": [\"s9\"]}],"
      " \"respondents\": []}",
      "$.items[0].sections[0]", "no section “s9”" },
    { "{\"id\": \"t\", \"title\": \"T\", " MINIMAL_ROUNDS ", \"items\": [], \"respondents\": [{\"id\": \"X\"}]}",
      "$.respondents[0]", "“name” is missing" },
    { "{\"id\": \"t\", \"title\": \"T\", " MINIMAL_ROUNDS ", \"items\": [], \"respondents\": [], \"layout\": {\"updated\": 4}}",
      "$.layout.updated", "expected a string" },
    { "{\"format\": \"something-else\", \"id\": \"t\"}", "$.format", "not a Stocktake template" },
    { "{\"id\": \"t\", \"title\": \"T\", " MINIMAL_ROUNDS ", \"items\": [], \"respondents\": [],"
      " \"layout\": {\"respondent-heading\": \"{abbreviation}\"}}",
      "$.layout.respondent-heading", "either “{name}” or empty" },
    { "{\"id\": \"t\", \"title\": \"T\", " MINIMAL_ROUNDS ", \"items\": [], \"respondents\": ["
      "{\"id\": \"A\", \"name\": \"Ay\"}, {\"id\": \"B\", \"name\": \"Bee\"}],"
      " \"layout\": {\"respondent-heading\": \"\"}}",
      "$.layout.respondent-heading", "only a template with one respondent" },
    { "{\"id\": \"t\", \"title\": \"T\", " MINIMAL_ROUNDS ", \"items\": [], \"respondents\": [],"
      " \"layout\": {\"text-bullet\": \"  \"}}",
      "$.layout.text-bullet", "a mark other than white space" },
    { "{\"id\": \"t\", \"title\": \"T\", " MINIMAL_ROUNDS ", \"items\": [], \"respondents\": [],"
      " \"layout\": {\"text-bullet\": \"*\\n\"}}",
      "$.layout.text-bullet", "on one line" },
    { "{\"id\": \"t\", \"title\": \"T\", " MINIMAL_ROUNDS ", \"items\": [], \"respondents\": [],"
      " \"layout\": {\"text-separator\": \"\\n--\\n\"}}",
      "$.layout.text-separator", "one or more line breaks" },
    { "{\"id\": \"t\", \"title\": \"T\", " MINIMAL_ROUNDS ", \"items\": [], \"respondents\": [],"
      " \"layout\": {\"text-separator\": \"\"}}",
      "$.layout.text-separator", "one or more line breaks" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      StErrorLocation location = { 0 };
      StTemplate *template;

      template = load_template_text (cases[i].json, &location, &error);
      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (template);
      g_assert_error (error, ST_ERROR, ST_ERROR_STRUCTURE);
      g_assert_cmpstr (location.path, ==, cases[i].path);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      st_error_location_clear (&location);
    }
}

static void
test_template_newer_version (void)
{
  g_autoptr(GError) error = NULL;
  StTemplate *template;

  template = load_template_text ("{\"format\": \"stocktake-template\", \"version\": 2, \"id\": \"t\"}", NULL, &error);
  g_assert_null (template);
  g_assert_error (error, ST_ERROR, ST_ERROR_VERSION);
}

static void
test_template_json_round_trip (void)
{
  for (guint i = 0; st_template_list_builtin ()[i] != NULL; i++)
    {
      g_autoptr(StTemplate) template = st_template_new_builtin (st_template_list_builtin ()[i], NULL);
      g_autoptr(JsonNode) node = st_template_to_json (template);
      g_autoptr(StTemplate) again = st_template_new_from_json (node, "$", NULL, NULL);
      g_autoptr(JsonNode) node2 = NULL;

      g_assert_nonnull (again);
      node2 = st_template_to_json (again);
      g_assert_true (json_node_equal (node, node2));
      g_assert_cmpuint (st_template_get_n_items (again), ==, st_template_get_n_items (template));
    }
}

/* The installed starter templates are the files the resource is built
 * from: check the data files themselves load, so a broken edit fails here */
static void
test_template_data_files (void)
{
  for (guint i = 0; st_template_list_builtin ()[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.json", st_template_list_builtin ()[i]);
      g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "templates", name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(StTemplate) template = st_template_new_from_file (path, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (st_template_get_id (template), ==, st_template_list_builtin ()[i]);
    }
}

static void
test_template_next_round (void)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);
  g_autoptr(StTemplate) next = NULL;
  g_autoptr(StTemplate) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sections15 = NULL;
  const StRound *round;
  const StSection *progress, *plan;

  next = st_template_new_with_next_round (template, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  g_assert_true (next != template);

  /* The original stays as it was */
  g_assert_cmpuint (st_template_get_n_rounds (template), ==, 3);
  g_assert_cmpuint (st_template_get_n_sections (template), ==, 5);
  g_assert_null (st_template_find_section (template, "progress-2015"));

  g_assert_cmpuint (st_template_get_n_rounds (next), ==, 4);
  g_assert_cmpuint (st_template_get_n_sections (next), ==, 7);
  round = st_template_get_round (next, 3);
  g_assert_cmpstr (round->id, ==, "2015");
  g_assert_cmpstr (round->title, ==, "2015");
  g_assert_true (st_template_find_round (next, "2015") == round);
  g_assert_cmpuint (round->sections->len, ==, 2);

  /* Progress for the year just planned, plans for the year after */
  progress = g_ptr_array_index (round->sections, 0);
  plan = g_ptr_array_index (round->sections, 1);
  g_assert_cmpstr (progress->id, ==, "progress-2015");
  g_assert_cmpstr (progress->heading, ==, "Progress during 2015");
  g_assert_cmpint (progress->kind, ==, ST_SECTION_KIND_PROGRESS);
  g_assert_cmpint (progress->year, ==, 2015);
  g_assert_cmpuint (progress->round, ==, 3);
  g_assert_cmpuint (progress->index, ==, 5);
  g_assert_cmpstr (plan->id, ==, "plans-2016");
  g_assert_cmpstr (plan->heading, ==, "Planned activities in 2016");
  g_assert_cmpint (plan->kind, ==, ST_SECTION_KIND_PLAN);
  g_assert_cmpint (plan->year, ==, 2016);
  g_assert_true (st_template_find_section (next, "plans-2016") == plan);
  g_assert_true (st_template_get_section (next, 6) == plan);

  /* The new progress answers the plan of the round before */
  g_assert_cmpstr (st_template_find_plan_for (next, progress)->id, ==, "plans-2015");

  /* Earlier rounds' sections are the same */
  for (guint i = 0; i < st_template_get_n_sections (template); i++)
    {
      const StSection *a = st_template_get_section (template, i);
      const StSection *b = st_template_get_section (next, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->heading, ==, b->heading);
      g_assert_cmpint (a->year, ==, b->year);
      g_assert_cmpuint (a->round, ==, b->round);
    }

  /* Every action reports on the new round, those added in 2014 too */
  sections15 = st_template_item_sections (next, st_template_find_item (next, "15"), G_MAXUINT);
  g_assert_cmpuint (sections15->len, ==, 4);
  g_assert_cmpstr (((StSection *) g_ptr_array_index (sections15, 3))->id, ==, "plans-2016");

  /* And again: the years go on */
  after = st_template_new_with_next_round (next, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (st_template_get_round (after, 4)->id, ==, "2016");
  g_assert_cmpstr (st_template_find_section (after, "progress-2016")->heading, ==, "Progress during 2016");
  g_assert_cmpstr (st_template_find_section (after, "plans-2017")->heading, ==, "Planned activities in 2017");
}

/* A round and its sections saved and read back are the same */
static void
test_template_next_round_json (void)
{
  g_autoptr(StTemplate) template = st_template_new_builtin ("gds-2012", NULL);
  g_autoptr(StTemplate) next = st_template_new_with_next_round (template, NULL);
  g_autoptr(JsonNode) node = st_template_to_json (next);
  g_autoptr(StTemplate) again = st_template_new_from_json (node, "$", NULL, NULL);
  g_autoptr(JsonNode) node2 = NULL;
  g_autoptr(JsonNode) old_node = st_template_to_json (template);
  JsonArray *rounds;

  g_assert_nonnull (again);
  node2 = st_template_to_json (again);
  g_assert_true (json_node_equal (node, node2));
  g_assert_false (json_node_equal (node, old_node));

  rounds = json_object_get_array_member (json_node_get_object (node), "rounds");
  g_assert_cmpuint (json_array_get_length (rounds), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rounds, 3), "title"), ==, "2015");
}

/* An item limited to some sections keeps to the ones that follow them */
static void
test_template_next_round_restricted (void)
{
  g_autoptr(StTemplate) template = NULL;
  g_autoptr(StTemplate) next = NULL;
  g_autoptr(GError) error = NULL;
  const StItem *item;

  template = load_template_text ("{\"id\": \"t\", \"title\": \"T\", \"rounds\": ["
                                 "{\"id\": \"round-2020\", \"title\": \"Spring 2020\", \"sections\": ["
                                 "{\"id\": \"p2020\", \"heading\": \"Progress in 2020\", \"kind\": \"progress\", \"year\": 2020},"
                                 "{\"id\": \"q2021\", \"heading\": \"Plans for 2021\", \"kind\": \"plan\", \"year\": 2021}]}],"
                                 " \"items\": [{\"id\": \"1\", \"title\": \"A\", \"sections\": [\"q2021\"]},"
                                 "{\"id\": \"2\", \"title\": \"B\"}],"
                                 " \"respondents\": []}", NULL, &error);
  g_assert_no_error (error);
  next = st_template_new_with_next_round (template, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (st_template_get_round (next, 1)->id, ==, "round-2021");
  g_assert_cmpstr (st_template_get_round (next, 1)->title, ==, "Spring 2021");
  item = st_template_find_item (next, "1");
  g_assert_cmpstrv (item->sections, ((const char * const[]) { "q2021", "q2022", NULL }));
  g_assert_false (st_template_item_has_section (next, item, st_template_find_section (next, "p2021")));
  g_assert_true (st_template_item_has_section (next, item, st_template_find_section (next, "q2022")));
  g_assert_null (st_template_find_item (next, "2")->sections);
}

static void
test_template_next_round_refused (void)
{
  static const struct {
    const char *rounds;
    const char *message;
  } cases[] = {
    /* Round ids name no year */
    { "{\"id\": \"first\", \"title\": \"2020\", \"sections\": ["
      "{\"id\": \"p2020\", \"heading\": \"Progress in 2020\", \"kind\": \"progress\", \"year\": 2020}]}",
      "The last round’s id, “first”, names no year" },
    /* A heading with no year would read the same in every round */
    { "{\"id\": \"2020\", \"title\": \"2020\", \"sections\": ["
      "{\"id\": \"p2020\", \"heading\": \"Progress update\", \"kind\": \"progress\", \"year\": 2020}]}",
      "The heading “Progress update” does not name its year" },
    { "{\"id\": \"2020\", \"title\": \"2020\", \"sections\": ["
      "{\"id\": \"p2020\", \"heading\": \"Progress in 2020\", \"kind\": \"other\"}]}",
      "The section “Progress in 2020” is about no year" },
    { "{\"id\": \"2020\", \"title\": \"2020\", \"sections\": ["
      "{\"id\": \"progress\", \"heading\": \"Progress in 2020\", \"kind\": \"progress\", \"year\": 2020}]}",
      "The section id “progress” does not name a year" },
    /* The next ids are taken already */
    { "{\"id\": \"2021\", \"title\": \"2021\", \"sections\": []},"
      "{\"id\": \"2020\", \"title\": \"2020\", \"sections\": ["
      "{\"id\": \"p2020\", \"heading\": \"Progress in 2020\", \"kind\": \"progress\", \"year\": 2020}]}",
      "already has a round “2021”" },
    { "{\"id\": \"2019\", \"title\": \"2019\", \"sections\": ["
      "{\"id\": \"p2021\", \"heading\": \"Progress in 2021\", \"kind\": \"progress\", \"year\": 2021}]},"
      "{\"id\": \"2020\", \"title\": \"2020\", \"sections\": ["
      "{\"id\": \"p2020\", \"heading\": \"Progress in 2020\", \"kind\": \"progress\", \"year\": 2020}]}",
      "The section id “p2020” does not name a year that could be continued" },
    { "{\"id\": \"2020\", \"title\": \"2020\", \"sections\": []}",
      "adds no sections" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": \"t\", \"title\": \"T\", \"rounds\": [%s],"
                                               " \"items\": [], \"respondents\": []}", cases[i].rounds);
      g_autoptr(StTemplate) template = NULL;
      g_autoptr(StTemplate) next = NULL;
      g_autoptr(GError) error = NULL;

      template = load_template_text (json, NULL, &error);
      g_assert_no_error (error);
      next = st_template_new_with_next_round (template, &error);
      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (next);
      g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  /* The 2022 update's one heading names no year */
  {
    g_autoptr(StTemplate) template = st_template_new_builtin ("dec-2022", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_null (st_template_new_with_next_round (template, &error));
    g_assert_error (error, ST_ERROR, ST_ERROR_REFUSED);
    g_assert_nonnull (strstr (error->message, "“Progress update”"));
  }
}

/* A template with words of its own, one of them a standard word for
 * another thing, one the standard word, and one left to the standard */
#define OWN_WORDS_TEMPLATE "{\"id\": \"t\", \"title\": \"T\", " MINIMAL_ROUNDS ", \"items\": [], " \
  "\"respondents\": [], \"words\": {\"item\": \"Department\", \"items\": \"Priorities\", " \
  "\"respondent\": \"Department\"}}"

static void
test_template_display_words (void)
{
  g_autoptr(StTemplate) gds = st_template_new_builtin ("gds-2012", NULL);
  g_autoptr(StTemplate) dec = st_template_new_builtin ("dec-2022", NULL);
  g_autoptr(StTemplate) own = NULL;
  g_autoptr(GError) error = NULL;

  own = load_template_text (OWN_WORDS_TEMPLATE, NULL, &error);
  g_assert_no_error (error);

  /* In English the interface shows the template's words as they are */
  g_assert_cmpstr (st_template_get_display_word (gds, ST_WORD_ITEM), ==, "Action");
  g_assert_cmpstr (st_template_get_display_word (gds, ST_WORD_RESPONDENTS), ==, "Departments");
  g_assert_cmpstr (st_template_get_display_word (dec, ST_WORD_RESPONDENT), ==, "Organisation");
  g_assert_cmpstr (st_template_get_display_word (own, ST_WORD_ITEM), ==, "Department");
  g_assert_cmpstr (st_template_get_display_word (own, ST_WORD_RESPONDENTS), ==, "Departments");
  g_assert_cmpstr (st_template_get_display_word (own, "no-such-word"), ==, "no-such-word");
}

/* Run alone, with the translations built beside the tests */
static void
display_words_in_welsh (void)
{
  g_autoptr(StTemplate) gds = st_template_new_builtin ("gds-2012", NULL);
  g_autoptr(StTemplate) dec = st_template_new_builtin ("dec-2022", NULL);
  g_autoptr(StTemplate) own = load_template_text (OWN_WORDS_TEMPLATE, NULL, NULL);

  g_setenv ("LANGUAGE", "cy", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, ""));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STOCKTAKE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* The standard words are the interface's own, so translated */
  g_print ("%s|%s|%s|%s\n",
           st_template_get_display_word (gds, ST_WORD_ITEM),
           st_template_get_display_word (gds, ST_WORD_ITEMS),
           st_template_get_display_word (gds, ST_WORD_RESPONDENT),
           st_template_get_display_word (gds, ST_WORD_RESPONDENTS));
  /* A template's own words are kept as written, even one that is a
   * standard word for something else; one that spells out the standard
   * word, as gds-2012 does, is translated; published pages stay in
   * English */
  g_print ("%s|%s|%s|%s\n",
           st_template_get_display_word (dec, ST_WORD_ITEMS),
           st_template_get_display_word (own, ST_WORD_ITEM),
           st_template_get_display_word (own, ST_WORD_ITEMS),
           st_template_get_display_word (own, ST_WORD_RESPONDENT));
  g_print ("%s\n", st_template_get_word (gds, ST_WORD_RESPONDENT));
}

static void
test_template_display_words_welsh (void)
{
  const char *locale_dir = g_getenv ("STOCKTAKE_LOCALEDIR");
  g_autofree char *catalogue = NULL;

  if (g_test_subprocess ())
    {
      display_words_in_welsh ();
      return;
    }

  if (locale_dir == NULL)
    {
      g_test_skip ("STOCKTAKE_LOCALEDIR does not say where the translations are built");
      return;
    }
  catalogue = g_build_filename (locale_dir, "cy", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the Welsh translation is not built");
      return;
    }
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_test_skip ("the locale the tests run in is not installed");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Cam gweithredu|Camau gweithredu|Adran|Adrannau\n"
                             "Recommendations|Department|Priorities|Adran\n"
                             "Department\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/gds", test_template_gds);
  g_test_add_func ("/template/dec-2022", test_template_dec_2022);
  g_test_add_func ("/template/unknown-builtin", test_template_unknown_builtin);
  g_test_add_func ("/template/expand", test_template_expand);
  g_test_add_func ("/template/dates", test_dates);
  g_test_add_func ("/template/typed-dates", test_typed_dates);
  g_test_add_func ("/template/errors", test_template_errors);
  g_test_add_func ("/template/newer-version", test_template_newer_version);
  g_test_add_func ("/template/json-round-trip", test_template_json_round_trip);
  g_test_add_func ("/template/data-files", test_template_data_files);
  g_test_add_func ("/template/next-round", test_template_next_round);
  g_test_add_func ("/template/next-round-json", test_template_next_round_json);
  g_test_add_func ("/template/next-round-restricted", test_template_next_round_restricted);
  g_test_add_func ("/template/next-round-refused", test_template_next_round_refused);
  g_test_add_func ("/template/display-words", test_template_display_words);
  g_test_add_func ("/template/display-words-welsh", test_template_display_words_welsh);

  return g_test_run ();
}
