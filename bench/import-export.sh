#!/bin/sh
# Times whole-report export and import as whole processes, on a report of
# 50 departments × 30 actions × 20 sections (about 11 MB).
#
#   bench/import-export.sh [BUILD_DIR] [RUNS]
#
# BUILD_DIR defaults to build-bench, set up as a release build if missing.
# Prints the median and the fastest of RUNS runs (default 7) in milliseconds.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-bench}
runs=${2:-7}

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" --buildtype=release >/dev/null
fi
ninja -C "$build" src/cli/stocktake-cli >/dev/null
cli=$build/src/cli/stocktake-cli

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$src/bench/make-large-report.py" "$work/large.stocktake"
python3 - "$work/large.stocktake" "$work/template.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump(report["template"], open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$cli" export "$work/large.stocktake" --format text --view all -o "$work/large.txt"

# Milliseconds of wall time for one run of the command
time_ms () {
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

measure () {
  label=$1
  shift
  times=""
  i=0
  while [ "$i" -lt "$runs" ]; do
    times="$times $(time_ms "$@")"
    i=$((i + 1))
  done
  echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk -v label="$label" '
    { t[NR] = $1 }
    END { printf "%-34s median %5d ms   fastest %5d ms   (%d runs)\n", label, t[int((NR + 1) / 2)], t[1], NR }'
}

size=$(wc -c < "$work/large.stocktake")
echo "report: $size bytes, 50 departments × 30 actions × 20 sections"
measure "info (load only, for reference)" "$cli" info "$work/large.stocktake"
measure "export --format html --view all" "$cli" export "$work/large.stocktake" --format html --view all -o "$work/out.html"
measure "export --format text --view all" "$cli" export "$work/large.stocktake" --format text --view all -o "$work/out.txt"
measure "export --format markdown --view all" "$cli" export "$work/large.stocktake" --format markdown --view all -o "$work/out.md"
measure "import the exported text" "$cli" import --template "$work/template.json" -o "$work/imported.stocktake" "$work/large.txt"
measure "export --view site (html)" "$cli" export "$work/large.stocktake" --format html --view site -o "$work/site"
