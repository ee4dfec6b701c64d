#!/usr/bin/env bash
# The attention head beside the GAP head on TResNet-M at 448 px (260 labels,
# the follow-up's sizes 1024 / 8 / 2048), forward and training step, one case
# per process so that each peak resident memory is its own.
# Usage: bash bench/run_head_bench.sh [build-dir] [iters]
set -euo pipefail
b=${1:-build/release}/bench
iters=${2:-3}
echo "| backbone | size | batch | mode | device | threads | allocator | format | images/s | head | learnable parameters | peak RSS (MB) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for mode in fwd train; do
  for head in gap attention; do
    "$b/bench_model" --extra --head "$head" --iters "$iters" "tresnet_m:448:8:$mode"
  done
done
