#!/usr/bin/env bash
# Installs what Stocktake needs on Debian 12, to build (--build), to run the
# app (--run), to run every test (--test, the default) or to run the
# benchmarks beside the tools they compare with (--bench). Needs root for
# apt-get; does nothing when everything is there already.
set -euo pipefail

build_packages=(
  meson ninja-build gcc pkg-config gettext libglib2.0-bin libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libxml2-dev libcmark-dev
  libgsf-1-dev libpango1.0-dev libcairo2-dev libepoxy-dev
)
run_packages=(
  xvfb xauth dbus dbus-x11
)
test_packages=(
  "${run_packages[@]}"
  desktop-file-utils appstream libxml2-utils python3 python3-odf poppler-utils
  chromium libreoffice-writer-nogui flatpak-builder fonts-liberation2
  xdotool imagemagick
)
bench_packages=(
  "${run_packages[@]}"
  python3 time pandoc cmark gnome-text-editor
)

mode=${1:---test}
case "$mode" in
  --build) wanted=("${build_packages[@]}") ;;
  --run)   wanted=("${build_packages[@]}" "${run_packages[@]}") ;;
  --test)  wanted=("${build_packages[@]}" "${test_packages[@]}") ;;
  --bench) wanted=("${build_packages[@]}" "${bench_packages[@]}") ;;
  *) echo "usage: $0 [--build|--run|--test|--bench]" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=sudo
  else
    echo "These packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
else
  sudo=
fi

echo "Installing: ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
