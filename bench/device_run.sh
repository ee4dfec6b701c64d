#!/usr/bin/env bash
# The GPU path end to end in one script (issue 28): the training build
# against the LibTorch at hand, labelled JPEGs, the whole `aia train` (decode,
# train, evaluate, thresholds, checkpoints), a stop and a resume, a
# data-parallel run of one rank (NCCL on a GPU, Gloo on the CPU), and the
# training step against the same step in PyTorch Python.
#
#   bash bench/device_run.sh              a CUDA machine with PyTorch's wheel: TResNet-M, 448 px, batch 32,
#                                         a Corel-5k-sized dataset (4,500 + 499 JPEGs, 384 x 256, 260 labels)
#   bash bench/device_run.sh --dry-run    here, on the CPU, in about two minutes: every stage at small sizes
#   bash bench/device_run.sh --pack-headers DIR
#                                         copies the header-only libraries the training build needs
#                                         (nlohmann/json, CLI11, zlib's headers) into DIR, for a machine that
#                                         lacks them: carry DIR there and set AIA_HEADERS=DIR
#
# Settings: OUT (default build/device-run: the report, logs, data and runs),
# STAGES (default "build data train resume group steps"), TORCH_PREFIX (see
# bench/torch_env.sh), AIA_HEADERS, AIA_WERROR (ON: warnings are errors, as CI
# builds it; off by default, for another compiler's new warnings). The report lands in $OUT/report.tsv
# (key <TAB> value), each stage's output in $OUT/<stage>.log.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$root/build/device-run}
stages=${STAGES:-build data train resume group steps}
dry=0
case ${1:-} in
  --dry-run) dry=1 ;;
  --pack-headers)
    dir=${2:?--pack-headers DIR}
    mkdir -p "$dir"
    cp -r /usr/include/nlohmann /usr/include/CLI /usr/include/zlib.h /usr/include/zconf.h "$dir"/
    echo "device_run: headers in $dir"; exit 0 ;;
  "") ;;
  *) echo "device_run.sh: unknown argument $1 (see the header of this script)" >&2; exit 2 ;;
esac

source "$root/bench/torch_env.sh"
build=$out/build
mkdir -p "$out"
report=$out/report.tsv
: >"$report"
say() { printf '%s\t%s\n' "$1" "$2" | tee -a "$report"; }
jobs=$(nproc 2>/dev/null || echo 2)
if [[ $dry == 1 ]]; then
  device=cpu size=64 batch=4 backbone=tresnet_m train=24 test=8 width=96 height=64 labels=20 steps=2
else
  device=cuda size=448 batch=32 backbone=tresnet_m train=4500 test=499 width=384 height=256 labels=260 steps=6
fi
data=$out/data
say "libtorch" "${torch_prefix:-the system (Debian)}; python $torch_python"
say "device" "$device; $jobs cores"

# Runs stage $1 (the rest: the command), its output in $OUT/$1.log, its time in the report.
stage() {
  local name=$1
  shift
  [[ " $stages " == *" $name "* ]] || return 0
  local start=$SECONDS
  if "$@" >"$out/$name.log" 2>&1; then
    say "$name seconds" "$((SECONDS - start))"
  else
    say "$name" "FAILED after $((SECONDS - start)) s (see $out/$name.log)"
    tail -20 "$out/$name.log"
    exit 1
  fi
}

build_all() {
  local configure=(-S "$root" -B "$build" -DAIA_HEADLESS=ON -DCMAKE_BUILD_TYPE=Release -DAIA_PYTHON="$torch_python"
                   -DAIA_WERROR="${AIA_WERROR:-OFF}")
  command -v ninja >/dev/null && configure+=(-G Ninja)
  [[ -n $torch_prefix ]] && configure+=(-DCMAKE_PREFIX_PATH="$torch_prefix")
  [[ -n $nccl_include && -f $nccl_include/nccl.h ]] && configure+=(-DAIA_NCCL_INCLUDE_DIR="$nccl_include")
  if [[ -n ${AIA_HEADERS:-} ]]; then
    configure+=(-DCMAKE_INCLUDE_PATH="$AIA_HEADERS" -DZLIB_INCLUDE_DIR="$AIA_HEADERS")
    # zlib's library without its development symlink: the runtime's libz.so.1 links as well.
    local libz
    libz=$(ldconfig -p 2>/dev/null | awk '/libz\.so\.1 .*x86-64/ {print $NF; exit}')
    [[ -n $libz ]] && configure+=(-DZLIB_LIBRARY="$libz")
  fi
  cmake "${configure[@]}"
  cmake --build "$build" -j"$jobs" --target aia aia-full aia-check
}
stage build build_all
[[ -f $build/CMakeCache.txt ]] && say "configure" "$(grep -E 'LibTorch .*c10d' "$out/build.log" | sed 's/^-- //' || true)"

stage data "$torch_python" "$root/bench/python/make_jpeg_dataset.py" "$data" "$train" "$test" "$width" "$height" "$labels"

aia=$build/app/aia
common=(--data "$data" --backbone "$backbone" --image-size "$size" --batch-size "$batch" --device "$device"
        --workers "$jobs" --cache-mb 0)
# One whole epoch, decode to thresholds; its training seconds and images/s from metrics.jsonl.
stage train "$aia" train "${common[@]}" --epochs 1 --out "$out/run"
epoch_line() {
  "$torch_python" - "$1" <<'PY'
import json, sys
m = json.loads(open(sys.argv[1]).readline())
print("%.1f s, %.1f images/s, per-class F1 %.3f" % (m["seconds"], m["images_per_second"], m["per_class_f1"]))
PY
}
[[ -f $out/run/metrics.jsonl ]] && say "train epoch (training steps with decoding)" "$(epoch_line "$out/run/metrics.jsonl")"

# Stopped after a few steps as Ctrl-C does, then resumed to the end of two short epochs.
resume_run() {
  rm -rf "$out/resumed"
  "$aia" train "${common[@]}" --epochs 2 --max-batches 5 --stop-after-steps 3 --out "$out/resumed" || true
  grep -q "stopped" "$out/resumed/log.txt"
  "$aia" train --resume "$out/resumed"
  grep -q '"epoch":2' "$out/resumed/metrics.jsonl"
}
stage resume resume_run

# A process group of one rank, as torchrun --nproc_per_node 1 starts it: NCCL for CUDA where the build has it.
one_rank() {
  rm -rf "$out/one-rank"
  WORLD_SIZE=1 RANK=0 LOCAL_RANK=0 MASTER_ADDR=127.0.0.1 MASTER_PORT=${MASTER_PORT:-29533} \
    "$aia" train "${common[@]}" --epochs 1 --max-batches 5 --out "$out/one-rank"
  grep -q "rank 0 of 1: joining" "$out/group.log"  # this stage's own output
}
stage group one_rank
[[ " $stages " == *" group "* ]] && say "group" "$(grep -o 'joining at .*' "$out/group.log" | head -1)"

# The training step: aia-check (the engine, NCHW and channels-last) beside PyTorch Python.
steps_compare() {
  local fixtures=$root/../shared/fixtures/tresnet_m check=(--device "$device" --backbone "$backbone" --size "$size")
  check+=(--batch "$batch" --steps "$steps" --warmup 2 --labels "$labels" --threads "$jobs")
  [[ -d $fixtures ]] && check+=(--fixtures "$fixtures")
  "$build/app/check/aia-check" "${check[@]}" --report "$out/check-nchw.tsv"
  "$build/app/check/aia-check" "${check[@]}" --memory-format channels-last --report "$out/check-cl.tsv"
  "$torch_python" "$root/bench/python/tresnet_m.py" --device-steps "$size" "$batch" "$steps"
  "$torch_python" "$root/bench/python/tresnet_m.py" --device-steps "$size" "$batch" "$steps" cl
}
stage steps steps_compare
if [[ " $stages " == *" steps "* ]]; then
  grep -h "images/s" "$out/check-nchw.tsv" "$out/check-cl.tsv" | tee -a "$report"
  grep "^pytorch" "$out/steps.log" | tee -a "$report"
fi
echo "device_run: report in $report"
