#!/usr/bin/env bash
# Data-parallel training on one machine, side by side in one run: the demo
# recipe for 2 epochs as one process (every core) and as 2 ranks over c10d/Gloo
# on loopback (one core each), with and without synchronised BatchNorm.
# Usage: bash bench/run_dp_bench.sh [build-dir]
set -euo pipefail
aia=$(cd "${1:-build/release}" && pwd)/app/aia
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$aia" train --data demo --out warm --epochs 1 --max-batches 1 >/dev/null 2>&1  # the demo images, once

seconds() { local start=$SECONDS; "$@"; echo $((SECONDS - start)); }
one() { "$aia" train --data demo --out "$1" --epochs 2 >/dev/null 2>&1; }
# The two ranks share one port, picked once per launch.
two() {
  local out=$1 port=$((29600 + RANDOM % 1000)); shift
  for r in 0 1; do
    WORLD_SIZE=2 RANK=$r LOCAL_RANK=$r MASTER_ADDR=127.0.0.1 MASTER_PORT=$port \
      "$aia" --threads 1 train --data demo --out "$out" --epochs 2 "$@" >/dev/null 2>&1 &
  done
  wait
}
ips() { /usr/bin/python3 -c "import json,sys; l=[json.loads(x) for x in open(sys.argv[1])]; print(round(sum(e['images_per_second'] for e in l)/len(l),1))" "$1/metrics.jsonl"; }

echo "| launch | wall time (2 epochs + thresholds) | training images/s |"
echo "|---|---|---|"
t=$(seconds one single); echo "| 1 process, 2 threads | ${t} s | $(ips single) |"
t=$(seconds two sync); echo "| 2 ranks x 1 thread, SyncBatchNorm | ${t} s | $(ips sync) |"
t=$(seconds two local --no-sync-bn); echo "| 2 ranks x 1 thread, --no-sync-bn | ${t} s | $(ips local) |"
