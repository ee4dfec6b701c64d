#!/usr/bin/env bash
# The GPU path in one script: builds the torch-only engine and aia-check
# (cmake -DAIA_TORCH_ONLY=ON: LibTorch alone, no Qt, OpenCV or JSON library)
# against the LibTorch at hand, then runs the check on the best device.
#
#   bash bench/gpu_check.sh            on a CUDA machine: TResNet-M, 448 px, batch 32
#   bash bench/gpu_check.sh --quick    on CPU (the test suite): small sizes
#
# LibTorch: $TORCH_PREFIX if set, else the one inside the first python3 whose
# torch package carries CMake files (PyTorch's wheel:
# torch.utils.cmake_prefix_path), else the system's (Debian's libtorch-dev).
# Other settings: BUILD_DIR (default build/torch-only), AIA_FIXTURES (default
# ../shared/fixtures/tresnet_m), and any aia-check options after `--`.
# The report (key <TAB> value) lands in $BUILD_DIR/check-report.tsv.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build/torch-only}
fixtures=${AIA_FIXTURES:-$root/../shared/fixtures/tresnet_m}
quick=0
extra=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) quick=1 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "gpu_check.sh: unknown argument $1 (see the header of this script)" >&2; exit 2 ;;
  esac
  shift
done

source "$root/bench/torch_env.sh"
prefix=$torch_prefix
echo "gpu_check: LibTorch from ${prefix:-the system}"

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
configure=(-S "$root" -B "$build" "${generator[@]}" -DAIA_TORCH_ONLY=ON -DCMAKE_BUILD_TYPE=Release)
[[ -n $prefix ]] && configure+=(-DCMAKE_PREFIX_PATH="$prefix")
[[ -n $nccl_include && -f $nccl_include/nccl.h ]] && configure+=(-DAIA_NCCL_INCLUDE_DIR="$nccl_include")
cmake "${configure[@]}" >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
grep -E "LibTorch .*c10d" "$build.configure.log" || true
jobs=$(nproc 2>/dev/null || echo 2)
if ! cmake --build "$build" -j"$jobs" --target aia-check; then
  # A LibTorch whose NCCL headers do not build with ours: go on without NCCL.
  grep -q "AIA_WITH_NCCL=1\|USE_C10D_NCCL" "$build/build.ninja" 2>/dev/null || exit 1
  echo "gpu_check: build failed with NCCL; building again without it"
  cmake "${configure[@]}" -DAIA_ENABLE_NCCL=OFF >>"$build.configure.log" 2>&1
  cmake --build "$build" -j"$jobs" --target aia-check
fi

args=(--report "$build/check-report.tsv")
[[ -d $fixtures ]] && args+=(--fixtures "$fixtures") || echo "gpu_check: no fixtures at $fixtures, parity skipped"
if [[ $quick == 1 ]]; then
  args+=(--device cpu --size 64 --batch 4 --steps 2 --warmup 1 --labels 20 --threshold-images 500 --threads "$jobs")
else
  args+=(--size 448 --batch 32 --steps 6 --warmup 2 --labels 260 --threshold-images 20000)
fi
"$build/app/check/aia-check" "${args[@]}" "${extra[@]}"
