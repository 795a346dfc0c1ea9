#!/usr/bin/env bash
# Installs what the tests need, builds Stocktake in ./build-tests and runs
# every test: core, CLI, data validators and the UI under Xvfb. Ends with a
# line "N passed, N failed" counting every test case.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${STOCKTAKE_BUILD_DIR:-$top/build-tests}
cd "$top"

build-aux/install-deps.sh --test || exit 1

if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" >/dev/null || exit 1
else
  meson setup "$build" >/dev/null || exit 1
fi
ninja -C "$build" || { echo "0 passed, 1 failed"; exit 1; }

# GTK needs a session bus and a display; a fresh HOME keeps the user's
# settings, drafts and recent files out of the tests.
export HOME=$(mktemp -d)
export XDG_RUNTIME_DIR=$(mktemp -d)
chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24' \
  meson test -C "$build" --print-errorlogs --num-processes 2 "$@"
status=$?

python3 build-aux/count-tests.py "$build/meson-logs/testlog.json" || status=1
exit $status
