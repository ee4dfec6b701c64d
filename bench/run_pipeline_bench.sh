#!/usr/bin/env bash
# Image pipeline and training step against the paper's Python code, side by
# side in one run. Usage: bash bench/run_pipeline_bench.sh [build-dir] [work-dir]
set -euo pipefail
b=${1:-build/release}/bench
work=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
tcmalloc=$(ls /usr/lib/x86_64-linux-gnu/libtcmalloc.so.4 2>/dev/null || true)
py=/usr/bin/python3

[ -d "$work/jpeg" ] || "$b/bench_pipeline" --make "$work/jpeg" 600
echo "## image pipeline, 600 JPEGs (384 x 256) -> 448 x 448, batch 32, 2 workers"
echo "| pipeline | images/s |"
echo "|---|---|"
read -r cold cached < <("$b/bench_pipeline" "$work/jpeg" 448)
echo "| AIA Studio (OpenCV, C++ threads), first epoch | $cold |"
echo "| AIA Studio, epoch served from the decoded-image cache | $cached |"
echo "| paper's Python (PIL + torchvision, DataLoader 2 workers) | $("$py" "$here/python/paper_pipeline.py" "$work/jpeg" 448) |"
if [ -n "$tcmalloc" ]; then
  echo "| paper's Python with tcmalloc preloaded | $(LD_PRELOAD=$tcmalloc "$py" "$here/python/paper_pipeline.py" "$work/jpeg" 448) |"
fi

echo
echo "## TResNet-M training step, 224, batch 8, same weights"
"$b/bench_export_tresnet" "$work" > /dev/null
echo "Python model vs C++ logits, max |difference|: $("$py" "$here/python/tresnet_m.py" "$work/tresnet_m.pth" "$work/check.safetensors")"
echo "| implementation | images/s |"
echo "|---|---|"
echo "| AIA Studio (LibTorch C++, tcmalloc) | $("$b/bench_model" --iters 2 tresnet_m:224:8:train | awk -F'|' '{print $10}') |"
echo "| PyTorch Python (same Debian torch 1.13, 2 threads) | $("$py" "$here/python/tresnet_m.py" "$work/tresnet_m.pth" --train-step 224 8) |"
if [ -n "$tcmalloc" ]; then
  echo "| PyTorch Python with tcmalloc preloaded | $(LD_PRELOAD=$tcmalloc "$py" "$here/python/tresnet_m.py" "$work/tresnet_m.pth" --train-step 224 8) |"
fi
