#!/usr/bin/env bash
# Decoding speed per image format at the model's input (448), 2 threads: AIA
# Studio's guarded decode (load_image_rgb) beside Pillow on the same files, in
# one run. The photographs are those python3-skimage ships (astronaut, coffee,
# chelsea, the two motorcycles, the Hubble deep field, a retina), fetched from
# Debian's repository with apt-get download and unpacked, not installed; each
# is written in every format by a real encoder (Pillow for JPEG q90, PNG, WebP
# q90, TIFF and GIF; heif-enc q80 for HEIC and AVIF; cjxl -d 1 for JPEG XL) and
# as a DNG of its pixels by bench_decode.
#   bash bench/run_decode_bench.sh [build-dir] [work-dir]
set -euo pipefail
b=${1:-build/release}/bench
work=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
photos="$work/photos"
if [ ! -d "$photos" ]; then
  mkdir -p "$photos" "$work/deb"
  (cd "$work/deb" && apt-get download python3-skimage >/dev/null && dpkg-deb -x python3-skimage_*.deb .)
  data=$(find "$work/deb" -type d -path '*skimage/data' | head -1)
  for f in astronaut.png coffee.png chelsea.png motorcycle_left.png motorcycle_right.png hubble_deep_field.jpg retina.jpg; do
    "$py" -c "import sys; from PIL import Image; Image.open(sys.argv[1]).convert('RGB').save(sys.argv[2])" \
      "$data/$f" "$photos/${f%.*}.png"
  done
fi
formats="$work/formats"
if [ ! -d "$formats" ]; then
  mkdir -p "$formats"/{jpeg,png,webp,tiff,gif,heic,avif,jxl,dng}
  for p in "$photos"/*.png; do
    n=$(basename "${p%.png}")
    "$py" - "$p" "$formats" "$n" <<'PY'
import sys
from PIL import Image
src, out, n = sys.argv[1:]
im = Image.open(src).convert("RGB")
im.save(f"{out}/jpeg/{n}.jpg", quality=90)
im.save(f"{out}/png/{n}.png")
im.save(f"{out}/webp/{n}.webp", quality=90)
im.save(f"{out}/tiff/{n}.tif")
im.save(f"{out}/gif/{n}.gif")
PY
    heif-enc -q 80 -o "$formats/heic/$n.heic" "$p" >/dev/null
    heif-enc -A -q 80 -o "$formats/avif/$n.avif" "$p" >/dev/null
    cjxl "$p" "$formats/jxl/$n.jxl" -d 1 >/dev/null 2>&1
    "$b/bench_decode" --dng "$formats/dng/$n.dng" "$p" 2>/dev/null
  done
fi
echo "## decoding per format, $(ls "$photos" | wc -l) photographs (python3-skimage's data) -> 448 x 448, 2 threads"
echo "| format | AIA Studio images/s | Pillow $("$py" -c 'import PIL; print(PIL.__version__)') images/s | ratio |"
echo "|---|---|---|---|"
join <("$b/bench_decode" "$formats" 448 | sort) <("$py" "$here/python/decode_pillow.py" "$formats" 448 | sort) |
  while read -r fmt ours pillow; do
    if [ "$pillow" = cannot-open ]; then
      echo "| $fmt | $ours | cannot open it | - |"
    else
      echo "| $fmt | $ours | $pillow | $(awk -v a="$ours" -v b="$pillow" 'BEGIN { printf "%.2f", a / b }') |"
    fi
  done
echo
echo "## JPEG and PNG through either decoder of core (load_image_rgb_with), the same files -> 448 x 448, 2 threads"
echo "| format | OpenCV images/s | torchvision images/s | torchvision / OpenCV |"
echo "|---|---|---|---|"
mkdir -p "$work/two"
for f in jpeg png; do ln -sfn "$formats/$f" "$work/two/$f"; done
join <("$b/bench_decode" "$work/two" 448 opencv | sort) <("$b/bench_decode" "$work/two" 448 torchvision | sort) |
  while read -r fmt cv tv; do
    echo "| $fmt | $cv | $tv | $(awk -v a="$tv" -v b="$cv" 'BEGIN { printf "%.2f", a / b }') |"
  done
