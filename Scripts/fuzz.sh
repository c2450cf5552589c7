#!/usr/bin/env bash
# Builds one fuzz target of Fuzz/ (libFuzzer + AddressSanitizer) and runs it for SECONDS.
#
#   Scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#   Scripts/fuzz.sh all SECONDS        # each target in turn, SECONDS each
#   Scripts/fuzz.sh list
#
# Targets: FuzzPrediction (the predict text: parse, score, call diff), FuzzDataJSON (a data.json),
# FuzzGeneration (a generation.jsonl), FuzzJournal (an annotations journal: read, replay, append),
# FuzzEditValue (a value typed after a `:` gold edit).
# The corpus grows in .build-fuzz/corpus/TARGET (seeded from the reference vectors by
# Scripts/fuzz_seeds.py); a crash, a hang (> 1 s for one input) or an out-of-memory (> 2 GB) stops
# the run, is saved in .build-fuzz/findings/TARGET/ and makes the exit status non-zero.
# The last line is a summary: executions, executions per second, coverage and features.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(FuzzPrediction FuzzDataJSON FuzzGeneration FuzzJournal FuzzEditValue)
target=${1:?usage: Scripts/fuzz.sh TARGET|all|list SECONDS [libFuzzer options...]}
if [ "$target" = list ]; then printf '%s\n' "${targets[@]}"; exit 0; fi
seconds=${2:?usage: Scripts/fuzz.sh TARGET|all SECONDS [libFuzzer options...]}
shift 2
if [ "$target" = all ]; then
  passed=0 failed=0
  for t in "${targets[@]}"; do
    if "$0" "$t" "$seconds" "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
  echo "fuzz: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
fi
case " ${targets[*]} " in *" $target "*) ;; *) echo "fuzz.sh: no target $target (one of: ${targets[*]})" >&2; exit 2 ;; esac

scratch=$PWD/.build-fuzz
(cd Fuzz && swift build -c release --scratch-path "$scratch" --product "$target" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -v "Cannot export local symbol" | tail -n 3)
bin=$scratch/release/$target
[ -x "$bin" ] || { echo "fuzz.sh: $target did not build" >&2; exit 2; }

seeds=$scratch/seeds
[ -d "$seeds/$target" ] || python3 Scripts/fuzz_seeds.py "$seeds" >/dev/null
corpus=$scratch/corpus/$target
findings=$scratch/findings/$target
mkdir -p "$corpus" "$findings"
dict=()
case $target in
  FuzzPrediction | FuzzEditValue) dict=(-dict=Fuzz/python.dict) ;;
  *) dict=(-dict=Fuzz/json.dict) ;;
esac

log=$scratch/$target.log
start=$SECONDS
set +e
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1} "$bin" "$corpus" "$seeds/$target" \
  -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len=4096 \
  -artifact_prefix="$findings/" -print_final_stats=1 "${dict[@]}" "$@" >"$log" 2>&1
status=$?
set -e
elapsed=$((SECONDS - start))
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
last=$(grep -E '^#[0-9]+.*(pulse|NEW|REDUCE|DONE)' "$log" | tail -n 1 || true)
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
units=$(ls "$corpus" | wc -l)
if [ $status -ne 0 ]; then
  grep -E 'ERROR|SUMMARY|Test unit written|timeout|out-of-memory' "$log" | head -n 8 >&2
  echo "$target: FINDING after ${runs:-?} executions (log: $log, input in $findings/)"
  exit 1
fi
echo "$target: ${runs:-?} executions in ${elapsed} s, ${speed:-?} exec/s, cov ${cov:-?}, ft ${ft:-?}, corpus ${units} inputs, no crash, hang or OOM"
