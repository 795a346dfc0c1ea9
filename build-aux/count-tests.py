#!/usr/bin/env python3
"""Counts test cases from meson's testlog.json and prints "N passed, N failed".

A TAP suite counts each "ok" and "not ok" line ("# SKIP" lines as skipped);
a suite that crashed, timed out or exited non-zero without a failing case
counts one failure more; a test without TAP counts as one case, passed when it succeeded or, marked
should_fail, failed as expected (an unexpected pass is a failure).
"""
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        if not line.strip():
            continue
        test = json.loads(line)
        result = test.get("result")
        stdout = test.get("stdout") or ""
        ok = notok = skip = 0
        if test.get("protocol") == "tap" or re.search(r"^1\.\.\d+", stdout, re.M):
            for tap in stdout.splitlines():
                if re.match(r"^not ok\b", tap):
                    if "# TODO" in tap:
                        continue
                    notok += 1
                elif re.match(r"^ok\b", tap):
                    if "# SKIP" in tap or "# skip" in tap:
                        skip += 1
                    else:
                        ok += 1
            if re.search(r"^1\.\.0\s*#\s*SKIP", stdout, re.M | re.I):
                skip += 1
        else:
            # A should_fail test that failed did what it checks
            if result in ("OK", "EXPECTEDFAIL"):
                ok = 1
            elif result == "SKIP":
                skip = 1
        if result not in ("OK", "SKIP", "EXPECTEDFAIL") and notok == 0:
            notok += 1
            print(f"suite {test.get('name')} ended with {result}", file=sys.stderr)
        passed += ok
        failed += notok
        skipped += skip

print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
