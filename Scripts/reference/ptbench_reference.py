#!/usr/bin/env python3
"""Run PTBench's own scorer locally on inputs and write what it did, as test vectors.

    python3 Scripts/reference/ptbench_reference.py parse IN.jsonl OUT.jsonl [--ptbench PATH]
    python3 Scripts/reference/ptbench_reference.py cases IN.jsonl OUT.jsonl [--ptbench PATH]
    python3 Scripts/reference/ptbench_reference.py set IN.jsonl OUTDIR [--ptbench PATH]

PATH is a PTBench checkout (a folder holding src/parse.py) or a git directory of one (then
`git archive` extracts src/ into a temporary folder). Default: $PTBENCH, else the mirror the
search tools fetch (/work/.mirror/hyfshadow+PTBench/repo). Nothing of the reference is copied
into this repository: it is imported at run time, and only inputs and outputs are written.
Run it with Python 3.11 (what the vectors say they were made with: `python3 --version`).

Input lines (JSON):
  parse: {"input": "<prediction text>", ...}   any other keys (e.g. "class") are kept.
  cases: {"answer": <gold JSON> | "answer_json": "<raw JSON text>", "query_params",
          "profile_params", "predict": <JSON value>, ...}
  set:   like cases, plus "split" ("test_untrained_user" | "test_trained_user"); writes a set
         in the conformance layout (data/, pred/, expected/ with the reference's CSV bytes and
         expected/cases.jsonl), as Tests/EvaluatorTests/Fixtures/reference/README.md describes.
         Each split needs at least one query and one profile parameter in all (the reference
         divides by their counts and crashes on zero: then no CSVs are kept).

Every input runs in a worker process with a 2 s alarm and a 2 GB address-space limit; a worker
that dies or stalls is replaced and that input is dropped (counted on stderr), as the README of
the existing vectors says. The outputs use the tagged value form of that README.
"""
import argparse
import ast
import json
import math
import multiprocessing as mp
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

MIRROR = "/work/.mirror/hyfshadow+PTBench/repo"
SPLITS = ["test_untrained_user", "test_trained_user"]


# --- locating and importing the reference -------------------------------------------------

def reference_root(path):
    """A folder holding src/ of PTBench (extracted from a git directory when needed)."""
    path = path or os.environ.get("PTBENCH") or MIRROR
    if os.path.exists(os.path.join(path, "src", "parse.py")):
        return path
    out = tempfile.mkdtemp(prefix="ptbench-ref-")
    archive = subprocess.run(["git", "--git-dir", path, "archive", "HEAD", "src"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", out], input=archive.stdout, check=True)
    return out


def import_reference(root):
    sys.path.insert(0, root)
    import src.parse as parse  # noqa: E402  (the reference, imported at run time)
    import src.test_acc as test_acc
    import src.test_error as test_error
    import src.overall as overall
    return parse, test_acc, test_error, overall


# --- tagged values --------------------------------------------------------------------------

def tag(v):
    if v is None:
        return ["none"]
    if v is Ellipsis:
        return ["ellipsis"]
    if isinstance(v, bool):
        return ["bool", v]
    if isinstance(v, int):
        return ["int", str(v)]
    if isinstance(v, float):
        return ["float", repr(v)]
    if isinstance(v, complex):
        return ["complex", repr(v.real), repr(v.imag)]
    if isinstance(v, str):
        # JSON spells a lone high surrogate followed by a lone low one like the pair's character:
        # a str holding any surrogate also lists its code points, which are unambiguous.
        if any(0xD800 <= ord(c) <= 0xDFFF for c in v):
            return ["str", v, [ord(c) for c in v]]
        return ["str", v]
    if isinstance(v, (bytes, bytearray)):
        return ["bytes", bytes(v).hex()]
    if isinstance(v, list):
        return ["list", [tag(x) for x in v]]
    if isinstance(v, tuple):
        return ["tuple", [tag(x) for x in v]]
    if isinstance(v, dict):
        return ["dict", [[tag(k), tag(x)] for k, x in v.items()]]
    if isinstance(v, (set, frozenset)):
        items = [tag(x) for x in v]
        return ["set", sorted(items, key=lambda t: json.dumps(t, ensure_ascii=True))]
    raise TypeError(f"cannot tag {type(v).__name__}")


def error_text(e):
    return f"{type(e).__name__}: {e}"


# --- what ptscope deliberately does not run --------------------------------------------------

def evaluated_binops(body):
    """The BinOp nodes the reference hands to eval, found by walking the values it resolves."""
    found = []

    def value(v):
        if isinstance(v, ast.BinOp):
            found.append(v)
        elif isinstance(v, ast.UnaryOp):
            pass
        elif isinstance(v, (ast.List, ast.Tuple)):
            for x in v.elts:
                value(x)
        elif isinstance(v, ast.Dict):
            for k in v.keys:
                if k is not None:
                    value(k)
            for x in v.values:
                value(x)
        elif isinstance(v, ast.Call) and v.keywords:
            call(v)

    def call(c):
        for kw in c.keywords:
            value(kw.value)

    calls = [body] if isinstance(body, ast.Call) else list(getattr(body, "elts", []))
    for c in calls:
        if isinstance(c, ast.Call):
            call(c)
    return found


def deviation_flags(text):
    """expected_deviation / binop_exotic for a prediction, as the vectors' README defines them."""
    try:
        tree = ast.parse("{" + text + "}", mode="eval")
        body = tree.body.values[0]
    except Exception:
        return {}
    plain = (ast.Constant, ast.UnaryOp, ast.BinOp, ast.List, ast.Tuple, ast.Set, ast.Dict,
             ast.operator, ast.unaryop, ast.expr_context)
    flags, exotic = {}, set()
    for op in evaluated_binops(body):
        for node in ast.walk(op):
            if isinstance(node, (ast.Name, ast.Call)):
                flags["expected_deviation"] = True
            elif not isinstance(node, plain):
                exotic.add(type(node).__name__)
    if exotic:
        flags["binop_exotic"] = sorted(exotic)
    return flags


# --- the worker ---------------------------------------------------------------------------

REF = None


def worker_init(root):
    global REF
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    REF = import_reference(root)
    signal.signal(signal.SIGALRM, on_alarm)


def on_alarm(*_):
    raise TimeoutError("alarm")


def run_parse(item):
    parse = REF[0]
    text = item["input"]
    out = dict(item)
    signal.alarm(2)
    try:
        platform, calls = parse.ast_parse(text)
        encoded = [[name, [[["none"] if k is None else tag(k), tag(v)] for k, v in args.items()]]
                   for call in calls for name, args in call.items()]
        out.update({"ok": True, "platform": tag(platform), "calls": encoded})
        out.update(deviation_flags(text))
    except TimeoutError:
        return None
    except MemoryError:
        return None
    except BaseException as e:  # the reference raises anything, RecursionError included
        out.update({"ok": False, "error": error_text(e)})
    finally:
        signal.alarm(0)
    json.dumps(out, ensure_ascii=True)  # values that cannot be encoded drop the input
    return out


def gold_answer(item):
    if "answer_json" in item:
        return json.loads(item["answer_json"])
    return item["answer"]


def run_case(item):
    parse, test_acc, test_error, _ = REF
    out = dict(item)
    params = {"query_params": item["query_params"], "profile_params": item["profile_params"]}
    signal.alarm(2)
    try:
        real = gold_answer(item)
        try:
            flags = test_acc.evaluate(real, parse.ast_parse(item["predict"]), params)
            names = ["overall", "platforms", "tool_names", "tool_param_names", "tool_param_values",
                     "query_params_hit", "profile_params_hit"]
            out["acc"] = {"ok": True, **dict(zip(names, flags))}
        except (TimeoutError, MemoryError):
            raise
        except BaseException as e:
            out["acc"] = {"ok": False, "error": error_text(e)}
        try:
            flags = test_error.error_analysis(real, parse.ast_parse(item["predict"]), params)
            names = ["platform", "func_lack", "func_excess", "param_lack", "param_excess", "value",
                     "query_value", "profile_value"]
            out["err"] = {"ok": True, **{k: int(bool(v)) for k, v in zip(names, flags)}}
        except (TimeoutError, MemoryError):
            raise
        except BaseException as e:
            out["err"] = {"ok": False, "error": error_text(e)}
        for key in ("query_params", "profile_params"):
            try:
                len(item[key])
            except TypeError:
                out["set_level_crash"] = True
        if isinstance(item.get("predict"), str):
            out.update(deviation_flags(item["predict"]))
    except (TimeoutError, MemoryError):
        return None
    finally:
        signal.alarm(0)
    json.dumps(out, ensure_ascii=True)
    return out


def run_all(fn, items, root):
    """fn over items in worker processes; an input whose worker stalls or dies is dropped."""
    results, dropped = [], 0
    ctx = mp.get_context("fork")
    i = 0
    while i < len(items):
        with ctx.Pool(processes=max(1, (os.cpu_count() or 2)), initializer=worker_init, initargs=(root,),
                      maxtasksperchild=200) as pool:
            pending = [(k, pool.apply_async(fn, (items[k],))) for k in range(i, len(items))]
            restart = None
            for k, res in pending:
                try:
                    r = res.get(timeout=10)
                except Exception:
                    dropped += 1
                    restart = k + 1
                    break
                if r is None:
                    dropped += 1
                else:
                    results.append(r)
            if restart is None:
                break
            pool.terminate()
            i = restart
    if dropped:
        print(f"{dropped} input(s) dropped (timed out, out of memory or not encodable)", file=sys.stderr)
    return results


# --- a whole set --------------------------------------------------------------------------

def case_record(item, index):
    """One data.json entry as raw JSON text, keeping answer_json's bytes when given."""
    fields = {
        "user_profile": item.get("user_profile", {"basic_features": {"name": "Test User"}}),
        "platforms": item.get("platforms", []),
        "tools": item.get("tools", []),
        "query": item.get("query", f"case {index}"),
    }
    parts = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=True)}" for k, v in fields.items()]
    answer = item["answer_json"] if "answer_json" in item else json.dumps(item["answer"], ensure_ascii=True)
    parts.append(f'"answer": {answer}')
    for key in ("query_params", "profile_params"):
        parts.append(f"{json.dumps(key)}: {json.dumps(item[key], ensure_ascii=True)}")
    return "{" + ", ".join(parts) + "}"


def make_set(items, out_dir, root):
    out_dir = os.path.abspath(out_dir)
    by_split = {s: [x for x in items if x.get("split") == s] for s in SPLITS}
    for s in SPLITS:
        if not by_split[s]:
            raise SystemExit(f"set: no case with split {s!r}; a set needs both splits")
    for s in SPLITS:
        os.makedirs(os.path.join(out_dir, "data", s), exist_ok=True)
        os.makedirs(os.path.join(out_dir, "pred", s), exist_ok=True)
        with open(os.path.join(out_dir, "data", s, "data.json"), "w", encoding="utf-8") as f:
            f.write("[\n" + ",\n".join(case_record(x, i) for i, x in enumerate(by_split[s])) + "\n]\n")
        with open(os.path.join(out_dir, "pred", s, "generation.jsonl"), "w", encoding="utf-8") as f:
            for x in by_split[s]:
                f.write(json.dumps({"query": x.get("query", ""), "label": gold_answer(x), "predict": x["predict"]},
                                   ensure_ascii=True) + "\n")
    # The reference's own pipeline, as run.py calls it, in a scratch folder.
    work = tempfile.mkdtemp(prefix="ptbench-set-")
    expected = os.path.join(out_dir, "expected")
    shutil.rmtree(expected, ignore_errors=True)
    code = (
        "import sys, os; sys.path.insert(0, sys.argv[1]); os.chdir(sys.argv[2])\n"
        "from src.test_acc import cal_acc\nfrom src.test_error import cal_error\nfrom src.overall import conclude\n"
        f"for d in {SPLITS!r}:\n    cal_acc(d, sys.argv[3]); cal_error(d, sys.argv[3])\n"
        "conclude(sys.argv[3])\n"
    )
    for s in SPLITS:
        shutil.copytree(os.path.join(out_dir, "data", s), os.path.join(work, s))
        os.makedirs(os.path.join(expected, s), exist_ok=True)
        shutil.copy(os.path.join(out_dir, "pred", s, "generation.jsonl"), os.path.join(expected, s))
    run = subprocess.run([sys.executable, "-c", code, root, work, expected], capture_output=True, text=True, timeout=600)
    for s in SPLITS:
        os.remove(os.path.join(expected, s, "generation.jsonl"))
    if run.returncode != 0:
        print(f"the reference's pipeline crashed on this set (no CSVs kept):\n{run.stderr[-2000:]}", file=sys.stderr)
        shutil.rmtree(expected)
        return 1
    cases = run_all(run_case, items, root)
    if len(cases) != len(items):
        print("a case was dropped: the set is incomplete", file=sys.stderr)
        return 1
    with open(os.path.join(expected, "cases.jsonl"), "w", encoding="utf-8") as f:
        for s in SPLITS:
            for i, c in enumerate(x for x in cases if x.get("split") == s):
                f.write(json.dumps(set_line(s, i, c), ensure_ascii=True) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def set_line(split, index, c):
    acc, err = c["acc"], c["err"]
    line = {"split": split, "index": index}
    if acc["ok"]:
        line["format"] = 1
        line.update({k: acc[k] for k in ["overall", "platforms", "tool_names", "tool_param_names",
                                         "tool_param_values", "query_params_hit", "profile_params_hit"]})
    else:
        line["format"] = 0
        line["exception"] = acc["error"].split(":")[0]
    if err["ok"]:
        line["errors"] = {k: err[k] for k in ["platform", "func_lack", "func_excess", "param_lack",
                                              "param_excess", "value", "query_value", "profile_value"]}
    elif acc["ok"] or err["error"].split(":")[0] != line.get("exception"):
        line["errors_exception"] = err["error"].split(":")[0]
    return line


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["parse", "cases", "set"])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--ptbench", help="a PTBench checkout or git directory")
    a = ap.parse_args()
    if sys.version_info[:2] != (3, 11):
        print(f"warning: the vectors are made with Python 3.11; this is {sys.version.split()[0]}", file=sys.stderr)
    root = reference_root(a.ptbench)
    items = []
    with open(a.input, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise SystemExit(f"{a.input}:{n}: not a JSON line: {e}")
    if a.mode == "set":
        return make_set(items, a.output, root)
    fn = run_parse if a.mode == "parse" else run_case
    results = run_all(fn, items, root)
    with open(a.output, "w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r, ensure_ascii=True) + "\n")
    print(f"{len(results)} vectors written to {a.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
