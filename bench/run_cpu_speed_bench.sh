#!/usr/bin/env bash
# TResNet-M on this CPU in each memory format and precision, C++ beside
# PyTorch Python (same weights, same format and precision), one run; then the
# start-up of the model-free commands. Usage:
#   bash bench/run_cpu_speed_bench.sh [build-dir] [work-dir]
# ITERS (default 2) timed iterations per case after one warm-up.
# bfloat16 rows run only on a CPU with AVX512_BF16 or AMX: elsewhere oneDNN
# emulates it 10-40x slower than float32 (measured: BENCHMARKS.md) and the
# rows say "skipped".
set -euo pipefail
b=${1:-build/release}
work=${2:-$(mktemp -d)}
iters=${ITERS:-2}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
export AIA_THREADS=2

cpu=$("$b/bench/bench_model" --cpu) && has_bf16=1 || has_bf16=0
echo "CPU: $cpu; LibTorch threads 2; $iters timed iterations per case"
[ -f "$work/tresnet_m.pth" ] || "$b/bench/bench_export_tresnet" "$work" > /dev/null

row() {  # mode size batch layout precision
  local mode=$1 size=$2 batch=$3 layout=$4 prec=$5 c p
  if [ "$prec" = bf16 ] && [ "$has_bf16" = 0 ]; then
    echo "| $mode $size px, batch $batch | $layout | $prec | skipped: no bfloat16 instructions | | |"
    return
  fi
  c=$("$b/bench/bench_model" --iters "$iters" --weights "$work/tresnet_m.pth" \
    "tresnet_m:$size:$batch:$mode:$layout:$prec" | awk -F'|' '{gsub(/ /, "", $10); print $10}')
  p=$("$py" "$here/python/tresnet_m.py" "$work/tresnet_m.pth" --bench "$mode" "$size" "$batch" "$layout" "$prec" "$iters")
  base_c=${base_c:-$c}
  echo "| $mode $size px, batch $batch | $layout | $prec | $c | $p | $(awk -v a="$c" -v b="$base_c" 'BEGIN{printf "%.2fx", a/b}') | $(awk -v a="$c" -v b="$p" 'BEGIN{printf "%.2fx", a/b}') |"
}

echo
echo "| case | memory format | precision | AIA Studio (C++) img/s | PyTorch Python img/s | C++ vs C++ float32 NCHW | C++ vs Python |"
echo "|---|---|---|---|---|---|---|"
unset base_c
for f in "nchw fp32" "cl fp32" "cl bf16"; do row fwd 448 8 $f; done
unset base_c
for f in "nchw fp32" "cl fp32" "cl bf16"; do row train 224 8 $f; done

if [ "$has_bf16" = 0 ]; then
  # What "auto" avoids here: bfloat16 without the instructions (C++ only, one iteration, 224 px).
  f=$("$b/bench/bench_model" --iters 1 tresnet_m:224:8:fwd:nchw:fp32 | awk -F'|' '{gsub(/ /, "", $10); print $10}')
  e=$("$b/bench/bench_model" --iters 1 tresnet_m:224:8:fwd:cl:bf16 | awk -F'|' '{gsub(/ /, "", $10); print $10}')
  echo
  echo "emulated bfloat16 on this CPU, fwd 224 px, batch 8: $e img/s against float32 NCHW $f img/s ($(awk -v a="$f" -v b="$e" 'BEGIN{printf "%.0fx", a/b}') slower)"
fi

echo
echo "## start-up, median of 20 runs (ms)"
scores=$(mktemp); targets=$(mktemp)
printf 'image,a,b\nx.jpg,0.9,0.2\ny.jpg,0.1,0.7\n' > "$scores"
printf 'image,a,b\nx.jpg,1,0\ny.jpg,0,1\n' > "$targets"
median_ms() {
  for _ in $(seq 20); do
    s=$(date +%s%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s%N); echo $(((e - s) / 1000))
  done | sort -n | awk '{a[NR]=$1} END{printf "%.1f", a[int((NR+1)/2)]/1000}'
}
echo "| command | aia (launcher) | aia-full (every command, LibTorch loaded) | ratio |"
echo "|---|---|---|---|"
for args in "--version" "--help" "metrics --scores $scores --targets $targets" "thresholds --scores $scores --targets $targets"; do
  # shellcheck disable=SC2086
  l=$(median_ms "$b/app/aia" $args); f=$(median_ms "$b/app/aia-full" $args)
  echo "| aia ${args%% *} | $l | $f | $(awk -v a="$f" -v b="$l" 'BEGIN{printf "%.0fx", a/b}') |"
done
rm -f "$scores" "$targets"
