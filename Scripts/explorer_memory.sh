#!/usr/bin/env bash
# Resident memory of the explorer on a set: fresh, then after each R (reload) and each s (re-score),
# read from /proc/PID/status once the header says it is no longer loading or scoring.
#   Scripts/explorer_memory.sh .build/release/ptscope /tmp/x100/data /tmp/x100/pred
set -u
bin=$1; data=$2; pred=$3
journal=$(mktemp -u /tmp/ptscope-mem-journal.XXXXXX)
tmux kill-session -t ptscope-mem 2>/dev/null
tmux new-session -d -s ptscope-mem -x 200 -y 50 "$bin $data $pred --journal $journal"
pid=$(tmux display -p -t ptscope-mem '#{pane_pid}')
rss() { awk '/VmRSS/{printf "%.0f MB", $2/1024}' "/proc/$pid/status"; }
settled() {
  sleep 4
  for _ in $(seq 60); do tmux capture-pane -p -t ptscope-mem | head -1 | grep -q "scoring\|loading" || break; sleep 1; done
  sleep 3
}
settled; echo "fresh: $(rss)"
for k in R R R s s; do tmux send-keys -t ptscope-mem "$k"; settled; echo "after $k: $(rss)"; done
tmux send-keys -t ptscope-mem q; sleep 1; tmux kill-session -t ptscope-mem 2>/dev/null
rm -f "$journal"
