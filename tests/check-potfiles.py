#!/usr/bin/env python3
"""Checks po/POTFILES.in against the sources: every file with translatable
strings is listed, and every listed file exists. Prints TAP."""
import os
import re
import sys

top = sys.argv[1]
listed = []
with open(os.path.join(top, "po", "POTFILES.in"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.append(line)

marker = re.compile(r'\b(?:N_|_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"|translatable="yes"')
needed = []
for root in ("src",):
    for dirpath, dirnames, filenames in os.walk(os.path.join(top, root)):
        for name in sorted(filenames):
            if not name.endswith((".c", ".ui")):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                if marker.search(f.read()):
                    needed.append(os.path.relpath(path, top))

checks = []
for path in sorted(needed):
    checks.append((path in listed, f"{path} has translatable strings and is in po/POTFILES.in"))
for path in listed:
    checks.append((os.path.exists(os.path.join(top, path)), f"{path} in po/POTFILES.in exists"))

print(f"1..{len(checks)}")
for i, (ok, what) in enumerate(checks, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {what}")
sys.exit(0 if all(ok for ok, _ in checks) else 1)
