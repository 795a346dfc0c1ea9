#!/usr/bin/env python3
# check-templates.py: check the starter templates against the published pages
#
# Copyright 2026 The Stocktake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The titles, headings and fixed sentences in data/templates/ must match the
# pages published on GOV.UK byte for byte, or the importer and the plain text
# export cannot reproduce them.  Usage:
#
#   check-templates.py TEMPLATES_DIR FIXTURES_DIR

import json
import re
import sys


def read_lines(path):
    with open(path, encoding='utf-8') as f:
        return f.read().split('\n')


def numbered(lines, word):
    found = {}
    for line in lines:
        m = re.match(r'^%s (\d+): (.*)$' % word, line)
        if m:
            found[int(m.group(1))] = m.group(2)
    return found


def main(templates, fixtures):
    errors = []

    def check(condition, message):
        if not condition:
            errors.append(message)

    with open(templates + '/gds-2012.json', encoding='utf-8') as f:
        gds = json.load(f)
    co = read_lines(fixtures + '/cabinet-office-actions.txt')
    action1 = read_lines(fixtures + '/action-1-digital-leaders.txt')
    statements = numbered(co, 'Action')

    check(gds['format'] == 'stocktake-template' and gds['version'] == 1, 'gds-2012: format')
    check(len(gds['items']) == 16, 'gds-2012: expected 16 actions')
    for item in gds['items']:
        n = item['number']
        check(item['id'] == str(n), 'gds-2012: action %d: id' % n)
        check(item['statement'] == statements.get(n), 'gds-2012: action %d: statement differs from the CO page' % n)
        if n == 1:
            check('Action 1: ' + item['title'] == action1[0], 'gds-2012: action 1: title differs from the action 1 page')
        else:
            check(item['title'] == item['statement'], 'gds-2012: action %d: title' % n)
        if n >= 15:
            note = 'Action %d was added to the Digital Strategy in December 2013, ' \
                   'so reporting on departments’ actions will begin with 2014.' % n
            check(item['starts'] == '2014', 'gds-2012: action %d: starts' % n)
            check(item.get('note') == note and note in co, 'gds-2012: action %d: note' % n)
        else:
            check(item['starts'] == '2012' and 'note' not in item, 'gds-2012: action %d: starts' % n)

    # Departments in the order of the action 1 page, under its headings
    names = [r['name'] for r in gds['respondents']]
    headings = [line for line in action1 if line in names or line.removesuffix('’s') in names]
    check([h.removesuffix('’s') for h in headings] == names, 'gds-2012: departments differ from the action 1 page')
    check(len(names) == 17, 'gds-2012: expected 17 departments')
    for r in gds['respondents']:
        check(r['id'] == r['abbreviation'], 'gds-2012: %s: id' % r['id'])

    section_headings = {s['heading'] for r in gds['rounds'] for s in r['sections']}
    for heading in section_headings:
        check(heading in co, 'gds-2012: section heading “%s” is not on the CO page' % heading)
    for line in gds['layout']['item-intro']:
        check(line in action1[:6], 'gds-2012: intro line “%s” is not on the action 1 page' % line)
    check(gds['layout']['respondent-title'].replace('{abbreviation}', 'CO') == co[0], 'gds-2012: respondent-title')
    check(gds['layout']['updated'].replace('{date}', '16 January 2015') == co[1], 'gds-2012: updated')

    with open(templates + '/dec-2022.json', encoding='utf-8') as f:
        dec = json.load(f)
    page = read_lines(fixtures + '/organising-for-digital-delivery-2022.txt')
    recommendations = numbered(page, 'Recommendation')
    check(len(dec['items']) == 8, 'dec-2022: expected 8 recommendations')
    for item in dec['items']:
        n = item['number']
        check(item['title'] == recommendations.get(n) == item['statement'],
              'dec-2022: recommendation %d: title differs from the page' % n)
    for section in dec['preamble'] + dec['rounds'][0]['sections']:
        check(section['heading'] in page, 'dec-2022: heading “%s” is not on the page' % section['heading'])
    check(dec['layout']['document-title'] in page, 'dec-2022: document-title')
    check(dec['layout']['updated'].replace('{date}', '7 March 2022') in page, 'dec-2022: updated')
    # The page's own layout: a document type first, an introduction, a
    # heading over the recommendations, "  • " bullets, blank lines between
    layout = dec['layout']
    check(layout['document-type'] == page[0], 'dec-2022: document-type is not the first line')
    for line in layout['document-intro']:
        check(line in page, 'dec-2022: intro line “%s” is not on the page' % line)
    check(layout['items-heading'] in page, 'dec-2022: items-heading')
    check(layout['respondent-heading'] == '' and len(dec['respondents']) == 1, 'dec-2022: respondent-heading')
    bullets = [line for line in page if line.lstrip().startswith('•')]
    check(bullets and all(line.startswith(layout['text-bullet']) for line in bullets), 'dec-2022: text-bullet')
    check(layout['text-separator'] == '\n\n' and page[1] == '' and page[3] == '', 'dec-2022: text-separator')

    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit('usage: check-templates.py TEMPLATES_DIR FIXTURES_DIR')
    sys.exit(main(sys.argv[1], sys.argv[2]))
