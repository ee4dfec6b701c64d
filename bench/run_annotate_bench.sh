#!/usr/bin/env bash
# Tagging a photo library, side by side in one run (issue 39, parts 3 and 4):
# - `Annotator::annotate` (what `aia annotate`, the Annotate page and project
#   scoring call) against the same TResNet-M's pure forward pass in the same
#   inference form, at 448 px: decoding on worker threads must keep >= 0.9;
# - two passes over 5,000 photos at 224 px with the score cache: the first
#   scores and caches every file, the second reuses them all.
#   bash bench/run_annotate_bench.sh [build-dir] [work-dir] [N-forward] [N-cache]
set -euo pipefail
b=${1:-build/release}/bench
work=${2:-$(mktemp -d)}
n_forward=${3:-320}
n_cache=${4:-5000}
mkdir -p "$work"
[[ -d $work/jpeg ]] || "$b/bench_pipeline" --make "$work/jpeg" "$n_cache" >/dev/null
echo "## annotate against the pure forward pass, 448 px, $n_forward photos"
"$b/bench_annotate" "$work/forward" "$work/jpeg" "$n_forward" 448
echo
echo "## the score cache, 224 px, $n_cache photos"
"$b/bench_annotate" "$work/cache" "$work/jpeg" "$n_cache" 224 --cache
