#!/usr/bin/env python3
"""Measures the explorer on many runs of one data set: load and score N runs with progress, keys
typed all along (frame times from PTSCOPE_TIMINGS, as bench_explorer.py reads them), the
leaderboard opened and sorted, and the resident memory (VmRSS) with the data alone, with one run
and with N runs, so the data's share and each run's are plain.

    python3 Scripts/bench_runs.py SET [--runs 20] [--bin .build/release/ptscope]

SET is a folder written by Scripts/make_synthetic.py (SET/data, SET/pred); the N runs are made
from SET/pred under SET/runs (run01 … runNN, each with a different share of its predictions
swapped between neighbouring lines, so their scores differ), once. Each configuration starts the
release binary in a private tmux server at 200x50 and presses j/k the whole time it loads and
scores; the header's scoring text is sampled to show the progress."""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("set")
ap.add_argument("--runs", type=int, default=20)
ap.add_argument("--bin", default=".build/release/ptscope")
ap.add_argument("--edit", action="store_true",
                help="with N runs, after scoring: a gold edit (:platform! on the selected case) and the "
                     "time to score every run again with it in effect (each run's original-gold report too)")
args = ap.parse_args()
data = os.path.abspath(os.path.join(args.set, "data"))
pred = os.path.abspath(os.path.join(args.set, "pred"))
runs_dir = os.path.abspath(os.path.join(args.set, "runs"))
binary = os.path.abspath(args.bin)
SPLITS = ["test_untrained_user", "test_trained_user"]


def make_runs():
    """runNN: the simulated model's lines with every (k+6)-th line swapped with the next one."""
    for k in range(1, args.runs + 1):
        run = os.path.join(runs_dir, f"run{k:02d}")
        if os.path.exists(run):
            continue
        for split in SPLITS:
            lines = open(os.path.join(pred, split, "generation.jsonl"), "rb").read().split(b"\n")
            step = k + 6
            for i in range(k % step, len(lines) - 2, step):
                lines[i], lines[i + 1] = lines[i + 1], lines[i]
            os.makedirs(os.path.join(run, split), exist_ok=True)
            with open(os.path.join(run, split, "generation.jsonl"), "wb") as f:
                f.write(b"\n".join(lines))


def measure(label, argv):
    tmp = tempfile.mkdtemp(prefix="ptscope-bench-runs-")
    sock = os.path.join(tmp, "sock")
    timings = os.path.join(tmp, "timings.jsonl")
    journal = os.path.join(tmp, "journal.jsonl")

    def tmux(*a):
        return subprocess.run(["tmux", "-S", sock, *a], capture_output=True, text=True).stdout

    def events():
        try:
            return [json.loads(l) for l in open(timings) if l.strip()]
        except FileNotFoundError:
            return []

    def keys():
        return sum(1 for x in events() if x["event"] == "key")

    def wait_key(n, timeout=10):
        t = time.time()
        while keys() <= n and time.time() - t < timeout:
            time.sleep(0.005)

    def rss():
        # The pane runs `sh -c 'ptscope …; sleep 5'`: ptscope is the shell's child.
        shell = tmux("display", "-p", "#{pane_pid}").strip()
        children = open(f"/proc/{shell}/task/{shell}/children").read().split()
        pid = next(c for c in children if os.path.basename(os.readlink(f"/proc/{c}/exe")) == "ptscope")
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
        return None

    def header():
        return tmux("capture-pane", "-p").split("\n")[0]

    cmd = [binary, data] + argv + ["--fresh", "--journal", journal]
    tmux("-f", "/dev/null", "new-session", "-d", "-x", "200", "-y", "50",
         "-e", "LANG=C.UTF-8", "-e", "TERM=xterm-256color", "-e", f"PTSCOPE_TIMINGS={timings}",
         " ".join(f"'{c}'" for c in cmd) + "; sleep 5")
    progress = []
    out = {"label": label}
    try:
        # j/k the whole time it loads and scores (a key is handled once the first frame is up).
        t0 = time.time()
        i = 0
        scored = argv == []
        while time.time() - t0 < 300:
            ev = events()
            if any(x["event"] == "first_frame" for x in ev):
                n = keys()
                tmux("send-keys", "j" if i % 4 < 2 else "k")
                wait_key(n)
                i += 1
                h = header()
                if "scoring" in h:
                    text = h[h.index("scoring"):].split("  ")[0].strip()
                    if not progress or progress[-1] != text:
                        progress.append(text)
            if argv == [] and any(x["event"] == "loaded" for x in ev):
                break
            if any(x["event"] == "scored" for x in ev):
                scored = True
                break
            time.sleep(0.01)
        if not scored:
            sys.exit(f"{label}: not scored in 300 s; screen:\n" + tmux("capture-pane", "-p"))
        during = [x["ms"] for x in events() if x["event"] == "key"]
        parts = [x for x in events() if x["event"] == "key"]
        out["parts"] = [statistics.median(x[k] for x in parts) for k in ("reduce_ms", "render_ms", "draw_ms")] if parts else None
        # Settle: the summary model is built after scoring; memory read once the header is quiet.
        time.sleep(3)
        out["rss_mb"] = rss()
        ev = events()
        at = lambda name: next((x["ms"] for x in ev if x["event"] == name), None)
        out["loaded_ms"], out["scored_ms"] = at("loaded"), at("scored")
        out["keys_during"] = during
        out["slowest"] = sorted(parts, key=lambda x: -x["ms"])[:3]
        out["progress"] = progress
        # The list after scoring: 40 j/k.
        n0 = keys()
        for i in range(40):
            n = keys()
            tmux("send-keys", "j" if i % 4 < 2 else "k")
            wait_key(n)
        out["keys_after"] = [x["ms"] for x in events() if x["event"] == "key"][n0:]
        if argv and args.edit and len(argv) > 1:
            # A gold edit on the selected case: every run scored again against the corrected gold,
            # and (only the edited cases again) against the original gold for the deltas.
            n_scored = sum(1 for x in events() if x["event"] == "scored")
            tmux("send-keys", ":")
            tmux("send-keys", "-l", "platform! Nowhere")
            t_edit = time.time()
            tmux("send-keys", "Enter")
            n_edit = keys() + 1
            i = 0
            # j/k all along the re-score, as while the first scoring.
            while sum(1 for x in events() if x["event"] == "scored") == n_scored and time.time() - t_edit < 300:
                n = keys()
                tmux("send-keys", "j" if i % 4 < 2 else "k")
                wait_key(n)
                i += 1
            out["edit_rescore_ms"] = (time.time() - t_edit) * 1000
            edit_parts = [x for x in events() if x["event"] == "key"][n_edit:]
            out["edit_keys"] = [x["ms"] for x in edit_parts]
            out["edit_slowest"] = sorted(edit_parts, key=lambda x: -x["ms"])[:3]
            out["edit_parts"] = [statistics.median(x[k] for x in edit_parts) for k in ("reduce_ms", "render_ms", "draw_ms")] if edit_parts else None
            time.sleep(2)
            out["edit_board"] = "gold edits in effect" in tmux("capture-pane", "-p") or None
        if argv:
            # The leaderboard: open it, sort through a few columns, scroll right, close.
            n0 = keys()
            for k in ["L", ">", ">", "<", ">", "l", "l", "h", "j", "k", "Escape"]:
                n = keys()
                tmux("send-keys", k)
                wait_key(n, timeout=30)
            out["board_keys"] = [x for x in events() if x["event"] == "key"][n0:]
        tmux("send-keys", "q")
    finally:
        time.sleep(0.3)
        tmux("kill-server")
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def size_mb(folder):
    total = 0
    for root, _, files in os.walk(folder):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total / 1e6


make_runs()
configs = [("data only", []), ("1 run", [os.path.join(runs_dir, "run01")]),
           (f"{args.runs} runs", ["--runs-dir", runs_dir])]
print(f"binary: {binary}\ndata: {data} ({size_mb(data):.0f} MB); one run's predictions "
      f"{size_mb(os.path.join(runs_dir, 'run01')):.1f} MB; {args.runs} runs {size_mb(runs_dir):.0f} MB")
results = [measure(label, argv) for label, argv in configs]
for r in results:
    ks = sorted(r["keys_during"])
    line = f"{r['label']:>9}: RSS {r['rss_mb']:.0f} MB; loaded {r['loaded_ms']:.0f} ms"
    if r["scored_ms"]:
        line += f", scored {r['scored_ms']:.0f} ms"
    if ks:
        line += (f"; {len(ks)} keys while loading/scoring: median {statistics.median(ks):.2f} ms, "
                 f"p95 {ks[max(0, int(len(ks) * 0.95) - 1)]:.2f} ms, max {ks[-1]:.2f} ms")
    print(line)
    if r.get("keys_after"):
        ka = sorted(r["keys_after"])
        print(f"           {len(ka)} keys after scoring: median {statistics.median(ka):.2f} ms, "
              f"p95 {ka[max(0, int(len(ka) * 0.95) - 1)]:.2f} ms, max {ka[-1]:.2f} ms")
    if r.get("slowest") and r["slowest"][0]["ms"] > 16:
        print("           slowest keys while scoring (ms: reduce/render/flush): " + "; ".join(
            f"{x['ms']:.1f}: {x['reduce_ms']:.1f}/{x['render_ms']:.1f}/{x['draw_ms']:.1f}" for x in r["slowest"]))
    if r.get("parts"):
        print("           of which (median): reduce {:.2f} ms, render {:.2f} ms, flush {:.2f} ms".format(*r["parts"]))
    if r.get("progress"):
        shown = r["progress"]
        print(f"           header while scoring: {', '.join(shown[:3])} … {shown[-1]} ({len(shown)} distinct)")
    if r.get("edit_rescore_ms"):
        print(f"           a gold edit: every run scored again in {r['edit_rescore_ms']:.0f} ms "
              f"(first scoring, no edit: {r['scored_ms'] - r['loaded_ms']:.0f} ms after loading)")
    if r.get("edit_keys"):
        ek = sorted(r["edit_keys"])
        print(f"           {len(ek)} keys during that re-score: median {statistics.median(ek):.2f} ms, "
              f"p95 {ek[max(0, int(len(ek) * 0.95) - 1)]:.2f} ms, max {ek[-1]:.2f} ms")
        print("           of which (median): reduce {:.2f} ms, render {:.2f} ms, flush {:.2f} ms".format(*r["edit_parts"]))
        print("           slowest (ms: reduce/render/flush): " + "; ".join(
            f"{x['ms']:.1f}: {x['reduce_ms']:.1f}/{x['render_ms']:.1f}/{x['draw_ms']:.1f}" for x in r["edit_slowest"]))
    if r.get("board_keys"):
        b = r["board_keys"]
        print("           leaderboard keys: " + ", ".join(f"{x['key']} {x['ms']:.1f}" for x in b)
              + f" (max {max(x['ms'] for x in b):.1f} ms)")
d, one, many = (r["rss_mb"] for r in results)
print(f"data's share: {d:.0f} MB; one run adds {one - d:.0f} MB; {args.runs} runs add {many - d:.0f} MB "
      f"({(many - d) / args.runs:.1f} MB a run)")
slow = [x for r in results for x in r["keys_during"] + r.get("edit_keys", []) if x >= 16]
print("keys over 16 ms while loading, scoring or re-scoring: " + (", ".join(f"{x:.1f}" for x in slow) if slow else "none"))
