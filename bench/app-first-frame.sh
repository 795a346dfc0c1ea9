#!/bin/sh
# bench/app-first-frame.sh: how long the desktop app takes to show a report
#
# Copyright 2026 The Stocktake authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the app on a report several times and prints the median time from
# the app's start to the first frame of its window (the app measures it
# itself when STOCKTAKE_FIRST_FRAME is set), for the sample report and for
# a large one (50 departments x 30 actions, from bench/make-large-report.py).
# Needs a display: run it under xvfb-run on a machine without one.
#
#   bench/app-first-frame.sh [BUILD_DIR] [RUNS]

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
runs=${2:-7}
app=$build/src/app/stocktake
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$app" ]; then
  echo "bench/app-first-frame.sh: no app at $app; build first" >&2
  exit 2
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "bench/app-first-frame.sh: no display; try xvfb-run -a -s '-screen 0 1280x1024x24' $0" >&2
  exit 2
fi

python3 "$top/bench/make-large-report.py" "$tmp/large.stocktake"

export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build/data"
export XDG_DATA_HOME="$tmp/data"
export GTK_A11Y=none
export STOCKTAKE_FIRST_FRAME=quit

median () {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

measure () {
  label=$1
  report=$2
  size=$(du -h "$report" | cut -f1)
  for renderer in gl cairo; do
    : > "$tmp/times"
    for i in $(seq "$runs"); do
      GSK_RENDERER=$renderer "$app" "$report" 2>/dev/null | sed -n 's/^first-frame \([0-9.]*\) ms$/\1/p' >> "$tmp/times"
    done
    printf '%-8s %-6s %5s  %-6s median %7.1f ms over %s runs (min %s, max %s)\n' \
      "$label" "$size" "" "$renderer" "$(median < "$tmp/times")" "$(wc -l < "$tmp/times")" \
      "$(sort -n "$tmp/times" | head -1)" "$(sort -n "$tmp/times" | tail -1)"
  done
}

echo "Time from start to the first frame of the window, opening a report"
measure sample "$top/data/sample/digital-leaders.stocktake"
measure large "$tmp/large.stocktake"
