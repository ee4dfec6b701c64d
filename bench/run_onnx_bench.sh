#!/usr/bin/env bash
# ONNX Runtime on our exported TResNet-M beside our own forward pass, same
# architecture and weights' shapes, 2 threads, side by side in one run: at
# 224 and 448 px, batch 1 and 8; ours in the training form (fwd: batch norm
# as trained) and the inference form that annotate and scoring use (infer:
# batch norm folded, InferenceMode), NCHW and channels-last, float32 and,
# where the CPU has bfloat16 instructions, bfloat16 autocast.
#   bash bench/run_onnx_bench.sh [build-dir] [work-dir]
set -euo pipefail
b=${1:-build/release}/bench
work=${2:-$(mktemp -d)}
mkdir -p "$work"
here=$(cd "$(dirname "$0")" && pwd)
export NODE_PATH=${NODE_PATH:-/usr/local/share/aia-test-tools/node_modules}
ours() { "$b/bench_model" --threads 2 --iters "$2" "$1" | awk -F'|' '{gsub(/ /, "", $10); print $10}'; }
bf16=0
"$b/bench_model" --cpu >/dev/null && bf16=1
echo "## TResNet-M inference, 2 threads (images/s; ratio to ONNX Runtime in brackets)"
echo "CPU: $("$b/bench_model" --cpu || true)"
echo "| size | batch | ONNX Runtime $(node -e "console.log(require('onnxruntime-node/package.json').version)") fp32 | ours, training form fp32 | ours, inference form fp32 NCHW | ours, inference form fp32 channels-last | ours, inference form bf16 channels-last |"
echo "|---|---|---|---|---|---|---|"
for size in 224 448; do
  "$b/bench_onnx_export" "$work/tresnet_m_$size.onnx" tresnet_m "$size" 1000 >/dev/null
  for batch in 1 8; do
    iters=$(( batch == 1 ? 12 : 3 ))
    ort=$(node "$here/onnx_speed.js" "$work/tresnet_m_$size.onnx" "$size" "$batch" 2)
    row="| $size | $batch | $ort"
    for c in fwd:nchw:fp32 infer:nchw:fp32 infer:cl:fp32 infer:cl:bf16; do
      if [[ $c == *bf16 && $bf16 == 0 ]]; then row+=" | (no bfloat16 instructions)"; continue; fi
      v=$(ours "tresnet_m:$size:$batch:$c" "$iters")
      row+=" | $v ($(awk -v a="$v" -v b="$ort" 'BEGIN { printf "%.2fx", a / b }'))"
    done
    echo "$row |"
  done
done
