#!/usr/bin/env bash
# ONNX Runtime on our exported TResNet-M beside our own forward pass, same
# architecture, 448 px, batch 8, 2 threads, side by side in one run.
#   bash bench/run_onnx_bench.sh [build-dir] [work-dir]
set -euo pipefail
b=${1:-build/release}/bench
work=${2:-$(mktemp -d)}
mkdir -p "$work"
here=$(cd "$(dirname "$0")" && pwd)
export NODE_PATH=${NODE_PATH:-/usr/local/share/aia-test-tools/node_modules}
"$b/bench_onnx_export" "$work/tresnet_m_448.onnx" tresnet_m 448 1000 >/dev/null
ours() { "$b/bench_model" --threads 2 --iters 3 "$1" | awk -F'|' '{gsub(/ /, "", $10); print $10}'; }
echo "## TResNet-M inference, 448 x 448, batch 8, 2 threads (images/s)"
echo "| engine | images/s |"
echo "|---|---|"
echo "| ONNX Runtime $(node -e "console.log(require('onnxruntime-node/package.json').version)") (CPU, the exported file, float32) | $(node "$here/onnx_speed.js" "$work/tresnet_m_448.onnx" 448 8 2) |"
echo "| AIA Studio (LibTorch), float32 NCHW | $(ours tresnet_m:448:8:fwd:nchw:fp32) |"
echo "| AIA Studio (LibTorch), channels-last + bfloat16 autocast | $(ours tresnet_m:448:8:fwd:cl:bf16) |"
