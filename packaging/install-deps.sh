#!/usr/bin/env bash
# Installs every Debian 12 package AIA Studio needs to build, test and run.
# Usage: sudo bash packaging/install-deps.sh   (idempotent; root needed for apt-get)
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # core: LibTorch (CPU) with Gloo for c10d, OpenCV, JSON, fast BLAS and allocator
  libtorch-dev libgloo-dev libopencv-dev nlohmann-json3-dev
  # the image formats OpenCV does not read: HEIC and AVIF, GIF, camera RAW, JPEG XL
  libheif-dev libgif-dev libraw-dev libjxl-dev libwebp-dev
  # ONNX export (libonnx-dev: protobuf types and checker); python3-onnx checks files in the tests
  libonnx-dev libprotobuf-dev python3-onnx
  libopenblas0-pthread libopenblas-dev libgoogle-perftools-dev
  # CLI and benchmarks
  libcli11-dev libbenchmark-dev zlib1g-dev
  # the Hub's downloads (aia get-model): HTTP(S) and the sha256 / git sha1 checks
  libcurl4-openssl-dev libssl-dev
  # GUI: Qt 6 and the Qt 6 build of QCustomPlot
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
  libqcustomplot-dev libgl-dev
  # interop tests: Python reads and writes the checkpoints we exchange
  python3-torch python3-numpy
  # benchmarks against the paper's Python pipeline
  python3-torchvision python3-pil
  # XMP sidecars, and the tools that check them and the package
  libexiv2-dev libimage-exiftool-perl desktop-file-utils appstream dpkg-dev file lintian help2man
  # real encoders for the image-format tests and the fuzz seeds (heif-enc, cjxl)
  libheif-examples libjxl-tools
  # formatting (.ci/run fails on a difference)
  clang-format
  # the sanitizer presets and the libFuzzer harnesses (clang's runtimes)
  clang libclang-rt-14-dev
  # real images for the demo dataset
  dataset-fashion-mnist
  # the documentation's screenshots, taken from the application (docs/tools/screenshots.sh)
  xvfb xauth
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# ONNX Runtime for the ONNX export's test: npm's onnxruntime-node, whose CPU
# build for linux x64 is inside the package (its postinstall script fetches
# extras from a host that cannot be reached: --ignore-scripts).
install_test_tools() {
  local tools=/usr/local/share/aia-test-tools
  [ -d "$tools/node_modules/onnxruntime-node/bin" ] && return 0
  command -v npm >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends nodejs npm; }
  $SUDO mkdir -p "$tools"
  $SUDO npm install --prefix "$tools" --ignore-scripts --no-audit --no-fund onnxruntime-node@1.20.1 >/dev/null
  echo "install-deps: onnxruntime-node in $tools"
}

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  install_test_tools
  exit 0
fi

$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: installed ${missing[*]}"
install_test_tools
