#!/usr/bin/env python3
"""Writes a large report for the import and export benchmarks: 50
departments x 30 actions x 20 sections (about 11 MB), on a template of its
own in the same shape as the built-in ones."""

import json
import random
import sys

DEPARTMENTS = 50
ACTIONS = 30
ROUNDS = 10          # two sections each: progress and plans

WORDS = ("digital service department board leader strategy users government data "
         "platform team programme delivery support transformation assessment "
         "capability skills technology procurement policy online agency").split()


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 14))]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))


def section_text(rng):
    parts = [paragraph(rng) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.15:
        parts.append("\n".join("- " + sentence(rng)[:-1] for _ in range(rng.randint(1, 3))))
    return "\n\n".join(parts)


def main():
    rng = random.Random(20150116)
    rounds = []
    for r in range(ROUNDS):
        year = 2010 + r
        rounds.append({
            "id": str(year), "title": str(year),
            "sections": [
                {"id": "progress-%d" % year, "heading": "Progress during %d" % year,
                 "kind": "progress", "year": year},
                {"id": "plans-%d" % (year + 1), "heading": "Planned activities in %d" % (year + 1),
                 "kind": "plan", "year": year + 1},
            ]})
    items = [{"id": str(n), "number": n, "title": "make progress on area %d" % n,
              "statement": "Departments will make progress on area %d" % n, "starts": rounds[0]["id"]}
             for n in range(1, ACTIONS + 1)]
    respondents = [{"id": "D%02d" % n, "name": "Department number %d" % n,
                    "abbreviation": "D%02d" % n} for n in range(1, DEPARTMENTS + 1)]
    template = {
        "format": "stocktake-template", "version": 1, "id": "bench", "title": "Benchmark Strategy",
        "words": {"item": "Action", "items": "Actions", "respondent": "Department",
                  "respondents": "Departments"},
        "rounds": rounds, "items": items, "respondents": respondents,
        "layout": {
            "item-title": "Action {number}: {title}",
            "item-intro": ["This action forms part of the Benchmark Strategy.",
                           "Here’s how departments are responding to this action:"],
            "respondent-title": "{abbreviation}'s actions in response to the Benchmark Strategy",
            "respondent-item-heading": "Action {number}: {statement}",
            "updated": "Updated {date}",
            "document-title": "Benchmark Strategy: departmental progress",
            "not-applicable": "This action is not applicable to {abbreviation}.",
        },
    }
    submissions = []
    for d in respondents:
        for item in items:
            sections = {}
            for rnd in rounds:
                for s in rnd["sections"]:
                    sections[s["id"]] = section_text(rng)
            submissions.append({"respondent": d["id"], "item": item["id"], "status": "draft",
                                "sections": sections})
    report = {"format": "stocktake-report", "version": 1, "updated": "2015-01-16",
              "round": rounds[-1]["id"], "template": template, "submissions": submissions}
    out = open(sys.argv[1], "w", encoding="utf-8") if len(sys.argv) > 1 else sys.stdout
    json.dump(report, out, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
