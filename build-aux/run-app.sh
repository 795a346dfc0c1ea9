#!/usr/bin/env bash
# Installs what Stocktake needs, builds it in ./build and opens the editor
# on the bundled sample report (or on the files given).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
cd "$top"

build-aux/install-deps.sh --run

if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" >/dev/null
else
  meson setup "$build" >/dev/null
fi
ninja -C "$build"

if [ $# -eq 0 ]; then
  # A copy, so trying the app never changes the bundled sample
  sample=$(mktemp -d)/digital-leaders.stocktake
  cp data/sample/digital-leaders.stocktake "$sample"
  set -- "$sample"
fi

export GSETTINGS_SCHEMA_DIR=$build/data
# The translations built in the tree, as po/ lays them out
export STOCKTAKE_LOCALEDIR=$build/po
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: run this from a desktop session." >&2
  exit 1
fi
exec "$build/src/app/stocktake" "$@"
