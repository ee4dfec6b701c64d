#!/usr/bin/env bash
# The README's and the user guide's screenshots, taken from the application:
# aia-screenshots drives a real main window under Xvfb (the demo dataset, a
# training run started with Start, a drop on Annotate, a project scored and
# five images reviewed, a two-loss experiment) and writes docs/images/*.png.
#
# Usage: bash docs/tools/screenshots.sh [BUILD_DIR]   (default build/release)
# Needs a full build (cmake --preset release && cmake --build --preset release)
# and Xvfb (packaging/install-deps.sh installs it). About 5 minutes on 2 cores.
# Settings, the data folder and the demo's cache live in a temporary folder,
# so a person's own settings and recent runs are never touched.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
for exe in "$build/app/aia" "$build/app/aia-screenshots"; do
  [[ -x $exe ]] || { echo "screenshots: $exe is missing; build the full build first" >&2; exit 1; }
done
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache
mkdir -p "$HOME" docs/images

# An experiment for the Experiments page: two losses, one seed, a short recipe.
"$build/app/aia" experiment --data demo --losses bce,proposed --seeds 1 --epochs 4 --out "$work/experiment" >/dev/null

# Photos to annotate and review: 60 of the demo's test images (built above).
demo=$(find "$XDG_CACHE_HOME" -type d -name 'demo-v*' | head -n 1)
mkdir -p "$work/photos"
find "$demo/images" -name '*.png' | sort | sed -n '1,60p' | xargs -I{} cp {} "$work/photos/"

out=$(mktemp -d "$work/shots.XXXX")
xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \
  "$build/app/aia-screenshots" --out "$out" --photos "$work/photos" --project "$work/project" \
  --experiment "$work/experiment" --epochs 12
for f in "$out"/*.png; do mv "$f" "docs/images/$(basename "$f")"; done
ls -l docs/images/*.png
