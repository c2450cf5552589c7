#!/usr/bin/env python3
"""Requests per second of `ptscope run` at several concurrencies, next to PTBench's own runner.

    python3 Scripts/bench_run.py [--url URL --model NAME | --fault-delay S] [--cases N]
                                 [--concurrency 1,4,8] [--small] [--n-ctx N]
                                 [--ptscope BIN] [--ptbench PATH] [--data ROOT]

Both ask the same server for the first N cases of test_untrained_user (of ROOT, default the
bundled sample; with --small, N invented cases with a one-line profile, two platforms and one
tool, so that a small model on 2 cores answers in seconds) with exactly what src/predict_api.py
sends (model and messages, nothing else: no max_tokens, so the server's context bounds the answer).
--fault-delay S asks Scripts/fault_server.py instead, which answers every request after S seconds,
many at once (as vLLM batches): it measures the runners, not a model.
PTBench's runner is imported at run time from a checkout or its git directory (default: $PTBENCH,
else /work/.mirror/hyfshadow+PTBench/repo); nothing of it is copied here. It needs the `openai`
package: run this script with a Python that has it (the CI venv: pip install openai tqdm).

Without --url, a llama.cpp server (llama-cpp-python) is started from the CI venv
(${XDG_CACHE_HOME:-~/.cache}/ptscope-ci/venv and gemma.gguf beside it) on a free port, with the
options the tests use (2 threads, n_ctx 8192, --chat_format llama-2: the GGUF has no chat template,
and llama-2's format keeps the system message).

Prints one row per run: seconds, requests/s, cases/min; and checks that both runners wrote the same
`query` and `label` bytes on every line (the `predict` texts differ: the server samples).
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MIRROR = "/work/.mirror/hyfshadow+PTBench/repo"
CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "ptscope-ci")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_fault(delay):
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, "fault_server.py"), "--port", "0", "--delay",
                             str(delay)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    return proc, f"http://127.0.0.1:{int(line.split()[1])}/v1", "fault-model"


def start_llama(n_ctx):
    port = free_port()
    python = os.path.join(CACHE, "venv", "bin", "python")
    model = os.path.join(CACHE, "gemma.gguf")
    proc = subprocess.Popen(
        [python, "-m", "llama_cpp.server", "--model", model, "--model_alias", "gemma3-270m", "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", "2", "--chat_format", "llama-2",
         "--interrupt_requests", "False"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    import urllib.request
    for _ in range(240):
        try:
            urllib.request.urlopen(url + "/models", timeout=1).read()
            return proc, url, "gemma3-270m"
        except Exception:
            time.sleep(0.5)
    proc.kill()
    sys.exit("the llama server did not start")


def reference_src(path):
    path = path or os.environ.get("PTBENCH") or MIRROR
    if os.path.exists(os.path.join(path, "src", "predict_api.py")):
        return path
    out = tempfile.mkdtemp(prefix="ptbench-ref-")
    archive = subprocess.run(["git", "--git-dir", path, "archive", "HEAD", "src"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", out], input=archive.stdout, check=True)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url")
    ap.add_argument("--model")
    ap.add_argument("--cases", type=int, default=16)
    ap.add_argument("--concurrency", default="1,4,8")
    ap.add_argument("--ptscope", default=os.path.join(REPO, ".build", "release", "ptscope"))
    ap.add_argument("--ptbench")
    ap.add_argument("--data", default=os.path.join(REPO, "Sources", "Sample", "Data", "data"))
    ap.add_argument("--skip-reference", action="store_true")
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--n-ctx", type=int, default=8192)
    ap.add_argument("--fault-delay", type=float)
    args = ap.parse_args()

    server = None
    if args.url:
        url, model = args.url, args.model or "model"
    elif args.fault_delay is not None:
        server, url, model = start_fault(args.fault_delay)
    else:
        server, url, model = start_llama(args.n_ctx)
    work = tempfile.mkdtemp(prefix="bench-run-")
    try:
        data = os.path.join(work, "data")
        split = os.path.join(data, "test_untrained_user")
        os.makedirs(split)
        if args.small:
            things = ["a pizza", "a taxi home", "two tickets", "a hotel room", "flowers", "a haircut", "a desk",
                      "sushi", "a train seat", "a concert seat", "running shoes", "a plumber"]
            cases = [{"user_profile": {"city": "Oslo"}, "platforms": ["A", "B"], "tools": [{"name": "order"}],
                      "query": f"Order {things[i % len(things)]} for me ({i})",
                      "answer": ["A", [{"order": {"city": ["Oslo"]}}]], "query_params": ["item"],
                      "profile_params": ["city"]} for i in range(args.cases)]
        else:
            with open(os.path.join(args.data, "test_untrained_user", "data.json")) as f:
                cases = json.load(f)[: args.cases]
        with open(os.path.join(split, "data.json"), "w") as f:
            json.dump(cases, f, ensure_ascii=False)
        rows = []
        # One warm-up request, so the model's first load is in no row.
        subprocess.run([args.ptscope, "run", data, "--base-url", url, "--model", model, "--out",
                        os.path.join(work, "warm"), "--limit", "1", "--no-score"], capture_output=True)
        for c in [int(x) for x in args.concurrency.split(",")]:
            out = os.path.join(work, f"ptscope-{c}")
            t = time.monotonic()
            r = subprocess.run([args.ptscope, "run", data, "--base-url", url, "--model", model, "--out", out,
                                "--concurrency", str(c), "--no-score"], capture_output=True, text=True)
            seconds = time.monotonic() - t
            if r.returncode != 0:
                sys.exit(f"ptscope run failed: {r.stderr[-2000:]}")
            rows.append((f"ptscope run --concurrency {c}", seconds))
        if not args.skip_reference:
            root = reference_src(args.ptbench)
            out = os.path.join(work, "reference")
            code = (
                "import sys; sys.path.insert(0, %r)\n"
                "from src.predict_api import predict_api\n"
                "predict_api(output_dir=%r, OPENAI_API_KEY='none', OPENAI_BASE_URL=%r, test_dir=%r, api_model_name=%r)\n"
            ) % (root, out, url, split, model)
            t = time.monotonic()
            r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            seconds = time.monotonic() - t
            if r.returncode != 0:
                sys.exit(f"PTBench's predict_api.py failed: {r.stderr[-2000:]}")
            rows.append(("PTBench src/predict_api.py", seconds))
            ours = open(os.path.join(work, "ptscope-" + args.concurrency.split(",")[0], "test_untrained_user",
                                     "generation.jsonl"), encoding="ascii").read().splitlines()
            theirs = open(out + "/" + split + "/generation.jsonl", encoding="ascii").read().splitlines()
            same = len(ours) == len(theirs) and all(
                a.split(', "predict": ')[0] == b.split(', "predict": ')[0] for a, b in zip(ours, theirs))
            print(f"query and label bytes equal on all {len(ours)} lines: {same}")
        what = "invented small" if args.small else "the first"
        print(f"{args.cases} {what} cases of test_untrained_user, server {url}, model {model}")
        print("| runner | seconds | requests/s | cases/min |")
        print("|---|---|---|---|")
        for name, seconds in rows:
            print(f"| {name} | {seconds:.1f} | {args.cases / seconds:.2f} | {args.cases / seconds * 60:.1f} |")
    finally:
        if server:
            server.terminate()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
