#!/usr/bin/env bash
# Data-parallel training on one machine, side by side in one run: the demo
# recipe for 2 epochs as one process (every core) and as 2 ranks over c10d/Gloo
# on loopback (one core each), with and without synchronised BatchNorm, and
# (as root) as 2 ranks in two network namespaces joined by a veth pair: two
# "hosts" on one machine, MASTER_ADDR the first's address.
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
      "$aia" --threads 1 train --data demo --out "$out" --epochs 2 "$@" >"$out-rank$r.log" 2>&1 &
  done
  wait
}
# Two hosts: network namespaces aiab<pid>a/b, 10.201.<n>.1 and .2, removed on exit.
hosts() {
  local out=$1 port=$((29600 + RANDOM % 1000)) a=aiab$$a b=aiab$$b net=10.201.$(($$ % 250))
  ip netns add "$a" && ip netns add "$b" || return 1
  ip link add "va$$" type veth peer name "vb$$"
  ip link set "va$$" netns "$a" && ip link set "vb$$" netns "$b"
  ip -n "$a" addr add "$net.1/24" dev "va$$" && ip -n "$b" addr add "$net.2/24" dev "vb$$"
  for n in "$a" "$b"; do ip -n "$n" link set lo up; done
  ip -n "$a" link set "va$$" up && ip -n "$b" link set "vb$$" up
  local r=0
  for n in "$a" "$b"; do
    WORLD_SIZE=2 RANK=$r LOCAL_RANK=0 MASTER_ADDR=$net.1 MASTER_PORT=$port \
      ip netns exec "$n" "$aia" --threads 1 train --data demo --out "$out" --epochs 2 >"$out-rank$r.log" 2>&1 &
    r=$((r + 1))
  done
  wait
  ip netns del "$a"; ip netns del "$b"  # the veth pair goes with them
}
share() { grep -o 'all-reduces took .*' "$1" | tail -2 | tr '\n' ' '; }

ips() { /usr/bin/python3 -c "import json,sys; l=[json.loads(x) for x in open(sys.argv[1])]; print(round(sum(e['images_per_second'] for e in l)/len(l),1))" "$1/metrics.jsonl"; }

echo "| launch | wall time (2 epochs + thresholds) | training images/s |"
echo "|---|---|---|"
t=$(seconds one single); echo "| 1 process, 2 threads | ${t} s | $(ips single) |"
t=$(seconds two sync); echo "| 2 ranks x 1 thread, SyncBatchNorm | ${t} s | $(ips sync) |"
t=$(seconds two local --no-sync-bn); echo "| 2 ranks x 1 thread, --no-sync-bn | ${t} s | $(ips local) |"
if [ "$(id -u)" = 0 ]; then
  t=$(seconds hosts hosts); echo "| 2 ranks x 1 thread in two network namespaces (veth), SyncBatchNorm | ${t} s | $(ips hosts) |"
  echo
  echo "rank 0 over loopback, SyncBatchNorm: $(share sync-rank0.log)"
  echo "rank 0 over loopback, --no-sync-bn: $(share local-rank0.log)"
  echo "rank 0 in the namespaces: $(share hosts-rank0.log)"
else
  echo "(two network namespaces need root: not run)"
fi
