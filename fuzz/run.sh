#!/usr/bin/env bash
# Runs the libFuzzer harnesses of the fuzz preset's build, each for SECONDS
# (default 60), over a working copy of its committed corpus with its
# dictionary. Limits: 1 s per input (a hang), 2 GB of memory, 2 GB in one
# allocation. Findings land in $FUZZ_OUT/findings/<target>/; a summary line per
# harness (executions, coverage in edges, findings) goes to $FUZZ_OUT/summary.tsv.
#   bash fuzz/run.sh [SECONDS] [TARGET...]       (FUZZ_JOBS=2 runs two at once)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-60}"
shift || true
build="${BUILD_DIR:-$here/../build/fuzz}/fuzz"
out="${FUZZ_OUT:-$here/../build/fuzz/runs}"
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(pickle zip_checkpoint safetensors csv dataset train_config thresholds xmp image score_cache)
mkdir -p "$out"

dict_of() {
  case "$1" in
    pickle) cat "$here/dict/pickle.dict" ;;
    zip_checkpoint) cat "$here/dict/zip.dict" "$here/dict/pickle.dict" ;;
    safetensors | train_config | thresholds) cat "$here/dict/json.dict" ;;
    dataset) cat "$here/dict/json.dict" "$here/dict/csv.dict" ;;
    csv) cat "$here/dict/csv.dict" ;;
    xmp) cat "$here/dict/xmp.dict" ;;
    image) cat "$here/dict/image.dict" ;;
    score_cache) cat "$here/dict/score_cache.dict" ;;
  esac
}

run_one() {
  local t="$1" exe="$build/fuzz_$1"
  [[ -x "$exe" ]] || { echo "fuzz/run.sh: $exe is not built (cmake --build --preset fuzz)" >&2; return 1; }
  local work="$out/corpus/$t" findings="$out/findings/$t"
  mkdir -p "$work" "$findings"
  cp -n "$here/corpus/$t"/* "$work"/ 2>/dev/null || true
  dict_of "$t" > "$out/$t.dict"
  local status=0
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}" \
  UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
    "$exe" "$work" -dict="$out/$t.dict" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 \
      -malloc_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$findings/" > "$out/$t.log" 2>&1 || status=$?
  local execs edges found ran
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$t.log" | grep -o '[0-9]*$' || echo 0)
  ran=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$out/$t.log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo "<$seconds")
  edges=$(grep -o 'cov: [0-9]*' "$out/$t.log" | tail -1 | grep -o '[0-9]*' || echo 0)
  found=$(find "$findings" -type f | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "${ran:-?}" "${execs:-0}" "${edges:-0}" "$found" "$status" | tee -a "$out/summary.tsv"
  [[ $status -eq 0 ]]
}

printf 'target\tseconds\texecutions\tedges\tfindings\texit\n' | tee -a "$out/summary.tsv"
failed=0
if [[ "${FUZZ_JOBS:-1}" -gt 1 ]]; then
  export -f run_one dict_of
  export build out here seconds
  printf '%s\n' "${targets[@]}" | xargs -P "$FUZZ_JOBS" -I{} bash -c 'run_one {}' || failed=1
else
  for t in "${targets[@]}"; do run_one "$t" || failed=1; done
fi
[[ $failed -eq 0 ]] || { echo "fuzz/run.sh: a fuzzer found something; see $out/findings and $out/<target>.log" >&2; exit 1; }
