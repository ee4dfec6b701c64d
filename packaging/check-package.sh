#!/usr/bin/env bash
# Builds the .deb from a build folder, unpacks it into a temporary root and
# runs what it installed. Usage: check-package.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
out=$(mktemp -d)
root=$(mktemp -d)
trap 'rm -rf "$out" "$root"' EXIT
(cd "$build" && cpack -G DEB -B "$out" > "$out/cpack.log") || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/*.deb)
echo "package: $(basename "$deb")"
dpkg-deb --field "$deb" Package Version Depends | sed 's/^/  /'
dpkg-deb -x "$deb" "$root"
"$root/usr/bin/aia" --version
"$root/usr/bin/aia" metrics --scores "$src/packaging/smoke/scores.csv" --targets "$src/packaging/smoke/targets.csv"
test -f "$root/usr/share/aia-studio/datasets/Corel-5k/train.json"
test -f "$root/usr/share/aia-studio/translations/aia_studio_de.qm"
test -f "$root/usr/share/aia-studio/translations/aia_studio_fa.qm"
test -f "$root/usr/share/icons/hicolor/scalable/apps/org.aiastudio.AIAStudio.svg"
test -x "$root/usr/bin/aia-studio"
test -x "$root/usr/lib/aia-studio/aia-full"
# The installed aia hands train to aia-full, which finds the installed datasets (relative to its own location).
said=$("$root/usr/bin/aia" train --data Corel-5k --epochs 1 --out "$out/run" 2>&1 || true)
grep -q "$root/usr/share/aia-studio/datasets/Corel-5k: no training image found" <<< "$said" || { echo "$said"; exit 1; }
echo "the installed aia finds the installed datasets"
desktop-file-validate "$root/usr/share/applications/org.aiastudio.AIAStudio.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.aiastudio.AIAStudio.metainfo.xml"
# Debian's own checker: no error and no warning (informational tags aside).
lintian_out=$(lintian --no-tag-display-limit "$deb" 2>&1 || true)
echo "$lintian_out" | sed 's/^/  lintian: /'
if grep -E '^[EW]: ' <<< "$lintian_out"; then echo "lintian reports errors or warnings"; exit 1; fi
test -f "$root/usr/share/man/man1/aia.1.gz" && test -f "$root/usr/share/man/man1/aia-studio.1.gz"
echo "package check passed"
