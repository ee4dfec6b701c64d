#!/usr/bin/env bash
# Model speed side by side in one run: allocator (glibc as is, glibc tuned at
# start-up, tcmalloc linked) and thread count. Usage: bash bench/run_model_bench.sh [build-dir]
set -euo pipefail
b=${1:-build/release}/bench
echo "| backbone | size | batch | mode | device | threads | allocator | format | images/s |"
echo "|---|---|---|---|---|---|---|---|---|"
"$b/bench_model_glibc" --no-malloc-tuning --iters 2 tresnet_m:224:8:fwd tresnet_m:224:8:train tresnet_m:448:8:fwd tresnet_m:448:8:train
"$b/bench_model_glibc" --iters 2 tresnet_m:224:8:train tresnet_m:448:8:train
"$b/bench_model" --iters 2 tresnet_m:224:8:fwd tresnet_m:224:8:train tresnet_m:448:8:fwd tresnet_m:448:8:train
"$b/bench_model" --threads 1 --iters 2 tresnet_m:224:8:train
"$b/bench_model" --iters 5 tresnet_nano:224:8:fwd tresnet_nano:224:8:train
