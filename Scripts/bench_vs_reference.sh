#!/usr/bin/env bash
# Whole-process wall time of `ptscope score` against PTBench's own scorer on the same files.
#
#   Scripts/bench_vs_reference.sh PTBENCH SET [RUNS]
#
# PTBENCH  a checkout of hyfshadow/PTBench (its src/ is imported from there; nothing is copied here)
# SET      a folder with data/<split>/data.json and pred/<split>/generation.jsonl
#          (e.g. from `python3 Scripts/make_synthetic.py --scale 10 --out SET`)
# RUNS     hyperfine runs per tool (default 5; one warm-up run each)
#
# The reference runs as `run.py` calls it after prediction: cal_acc and cal_error per split, then
# conclude, in a scratch folder laid out as it expects (data in place, predictions as output_dir).
# ptscope is the release build at .build/release/ptscope (override with PTSCOPE=...).
# Needs hyperfine and Python 3 (the figures in README.md used 3.11.7).
set -euo pipefail
PTBENCH=$(cd "$1" && pwd)
SET=$(cd "$2" && pwd)
RUNS=${3:-5}
PTSCOPE=${PTSCOPE:-.build/release/ptscope}
[ -x "$PTSCOPE" ] || { echo "no $PTSCOPE: run swift build -c release (or set PTSCOPE)" >&2; exit 2; }
PTSCOPE=$(cd "$(dirname "$PTSCOPE")" && pwd)/$(basename "$PTSCOPE")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/ref/out" "$WORK/ptscope-out"
cp -r "$SET/data/." "$WORK/ref/"
cp -r "$SET/pred/." "$WORK/ref/out/"
cat > "$WORK/ref/score.py" <<EOF
import sys
sys.path.insert(0, "$PTBENCH")
from src.test_acc import cal_acc
from src.test_error import cal_error
from src.overall import conclude
for d in ["test_untrained_user", "test_trained_user"]:
    cal_acc(d, "out")
    cal_error(d, "out")
conclude("out")
EOF
echo "set: $SET ($(du -shL "$SET/data" | cut -f1) data), $(nproc) core(s)"
hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/times.json" \
    -n ptscope "$PTSCOPE score '$SET/data' '$SET/pred' --out '$WORK/ptscope-out'" \
    -n reference "cd '$WORK/ref' && python3 score.py"
for f in test_untrained_user/acc_results.csv test_untrained_user/error_results.csv test_trained_user/acc_results.csv \
    test_trained_user/error_results.csv overall/acc_results.csv overall/error_results.csv; do
    cmp -s "$WORK/ptscope-out/$f" "$WORK/ref/out/$f" || { echo "DIFFERENT: $f" >&2; exit 1; }
done
python3 - "$WORK/times.json" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
p, q = r["ptscope"], r["reference"]
print(f"ptscope   mean {p['mean']:.3f} s (min {p['min']:.3f}, max {p['max']:.3f})")
print(f"reference mean {q['mean']:.3f} s (min {q['min']:.3f}, max {q['max']:.3f})")
print(f"ratio of means: {q['mean'] / p['mean']:.1f}x; the six CSV files are byte-identical")
EOF
