#!/usr/bin/env python3
"""Measures the explorer for real: starts the release binary in a private tmux server at 200x50
with PTSCOPE_TIMINGS set, sends a fixed sequence of keys (waiting for each frame), and prints the
time to the first frame, to the loaded list, to the scored verdicts, and per-key frame times
(reduce + render + ncurses flush, measured inside ptscope around each key).

    python3 Scripts/bench_explorer.py [DATA PRED] [--bin .build/release/ptscope]

Without DATA PRED it opens the bundled sample."""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("data", nargs="?")
ap.add_argument("pred", nargs="?")
ap.add_argument("--bin", default=".build/release/ptscope")
ap.add_argument("--width", type=int, default=200)
ap.add_argument("--height", type=int, default=50)
ap.add_argument("--search", default="Zoë")
ap.add_argument("--rescore", action="store_true", help="also press s and keep typing j/k while it re-scores")
args = ap.parse_args()

tmp = tempfile.mkdtemp(prefix="ptscope-bench-")
sock = os.path.join(tmp, "sock")
timings = os.path.join(tmp, "timings.jsonl")
cmd = [os.path.abspath(args.bin)] + ([os.path.abspath(args.data), os.path.abspath(args.pred)] if args.data else [])


def tmux(*a):
    return subprocess.run(["tmux", "-S", sock, *a], capture_output=True, text=True).stdout


def events():
    try:
        return [json.loads(l) for l in open(timings) if l.strip()]
    except FileNotFoundError:
        return []


def wait(pred, what, timeout=120):
    t = time.time()
    while time.time() - t < timeout:
        ev = events()
        if pred(ev):
            return ev
        time.sleep(0.02)
    sys.exit(f"timed out waiting for {what}; screen:\n" + tmux("capture-pane", "-p"))


tmux("-f", "/dev/null", "new-session", "-d", "-x", str(args.width), "-y", str(args.height),
     "-e", "LANG=C.UTF-8", "-e", "TERM=xterm-256color", "-e", f"PTSCOPE_TIMINGS={timings}",
     " ".join(f"'{c}'" for c in cmd) + "; sleep 5")
try:
    ev = wait(lambda e: any(x["event"] == "scored" for x in e), "scoring")
    keys = (["j"] * 40 + ["]"] * 20 + ["[" ] * 5 + ["G", "g"] + ["NPage"] * 10 + ["PPage"] * 5
            + ["Tab", "j", "j", "NPage", "Tab", "c", "j", "c", "Tab", "Enter", "Escape", "Escape"]
            + ["f", "j", "Space", "Escape", "]", "]", "f", "x", "Escape"] + ["?", "Escape", "r", "j", "Escape"])
    for k in keys:
        n = sum(1 for x in events() if x["event"] == "key")
        tmux("send-keys", k)
        wait(lambda e: sum(1 for x in e if x["event"] == "key") > n, f"key {k}")
    # A search runs off the input loop: the key returns at once, the result arrives later.
    n = sum(1 for x in events() if x["event"] == "key")
    tmux("send-keys", "/")
    for ch in args.search:
        tmux("send-keys", "-l", ch)
    tmux("send-keys", "Enter")
    ev = wait(lambda e: any(x["event"] == "search_finished" for x in e), "search")
    tmux("send-keys", "n")
    ev = wait(lambda e: sum(1 for x in e if x["event"] == "key") >= n + 6, "n")
    if args.rescore:
        # Re-score (s), then keep pressing j/k until the new verdicts arrive: every one of those
        # keys is handled while the scorer runs on the other threads.
        scored_before = sum(1 for x in events() if x["event"] == "scored")
        n = sum(1 for x in events() if x["event"] == "key")
        tmux("send-keys", "s")
        wait(lambda e: sum(1 for x in e if x["event"] == "key") > n, "s")
        during_start = len(events())
        i = 0
        while sum(1 for x in events() if x["event"] == "scored") == scored_before:
            n = sum(1 for x in events() if x["event"] == "key")
            tmux("send-keys", "j" if i % 4 < 2 else "k")
            wait(lambda e: sum(1 for x in e if x["event"] == "key") > n, "key while scoring")
            i += 1
        rescore_events = events()[during_start:]
    tmux("send-keys", "q")
finally:
    time.sleep(0.3)
    tmux("kill-server")

ev = events()
def at(name):
    return next((x["ms"] for x in ev if x["event"] == name), None)
ks = [x["ms"] for x in ev if x["event"] == "key"]
ks_sorted = sorted(ks)
search = next((x for x in ev if x["event"] == "search"), None)
print(f"binary: {cmd}")
print(f"first frame: {at('first_frame'):.1f} ms after start")
print(f"list loaded: {at('loaded'):.0f} ms; scored: {at('scored'):.0f} ms")
print(f"keys: {len(ks)}; frame time per key: median {statistics.median(ks):.2f} ms, "
      f"p95 {ks_sorted[int(len(ks) * 0.95) - 1]:.2f} ms, max {max(ks):.2f} ms")
if search:
    print(f"search {args.search!r} (background): {search['matches']} matches in {search['ms']:.0f} ms")
kk = [x for x in ev if x["event"] == "key" and "reduce_ms" in x]
if kk:
    print("of which (median): reduce {:.2f} ms, render {:.2f} ms, ncurses flush {:.2f} ms".format(
        statistics.median(x["reduce_ms"] for x in kk), statistics.median(x["render_ms"] for x in kk),
        statistics.median(x["draw_ms"] for x in kk)))
slow = [x for x in ev if x["event"] == "key" and x["ms"] >= 16]
print("keys over 16 ms: " + (", ".join(f"{x['key']} {x['ms']:.1f}" for x in slow) if slow else "none"))

if args.rescore:
    during = []
    for x in rescore_events:
        if x["event"] == "scored":
            break
        if x["event"] == "key":
            during.append(x["ms"])
    if during:
        print(f"while re-scoring: {len(during)} keys, median {statistics.median(during):.2f} ms, max {max(during):.2f} ms"
              + ("" if max(during) < 16 else "  (over 16 ms!)"))
