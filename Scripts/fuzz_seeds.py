#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (Fuzz/) from the project's reference vectors.

usage: fuzz_seeds.py OUT_DIR
Makes OUT_DIR/<Target>/ for each target: predictions and typed values from the reference
vectors, single cases of the reference sets' data.json files, a few lines of their
generation.jsonl files, and journal lines of every kind.
"""
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = os.path.join(ROOT, "Tests", "EvaluatorTests", "Fixtures", "reference")
SETS = os.path.join(REF, "sets")


def write(out, target, items):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    seen = set()
    for item in items:
        data = item.encode("utf-8", "surrogatepass") if isinstance(item, str) else item
        if len(data) > 4096 or data in seen:
            continue
        seen.add(data)
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    return len(seen)


def jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def set_files(kind, name):
    for s in sorted(os.listdir(SETS)):
        for split in ("test_trained_user", "test_untrained_user"):
            p = os.path.join(SETS, s, kind, split, name)
            if os.path.exists(p):
                yield p


def main():
    out = sys.argv[1]
    # Every vector file: the fidelity classes' and the model-like ones (think blocks, fences,
    # <tool_call> tags, JSON), which also seed the lenient reading.
    names = sorted(os.listdir(REF))
    parse = [v for n in names if n.startswith("parse") and n.endswith(".jsonl") for v in jsonl(os.path.join(REF, n))]
    cases = [c for n in names if n.startswith("cases") and n.endswith(".jsonl") for c in jsonl(os.path.join(REF, n))]
    predictions = [v["input"] for v in parse] + [c["predict"] for c in cases if isinstance(c.get("predict"), str)]

    values = []
    for c in cases:
        answer = c.get("answer")
        if isinstance(answer, list) and len(answer) == 2 and isinstance(answer[1], list):
            for call in answer[1]:
                for params in (call.values() if isinstance(call, dict) else []):
                    for alternatives in (params.values() if isinstance(params, dict) else []):
                        for v in alternatives if isinstance(alternatives, list) else [alternatives]:
                            values += [json.dumps(v, ensure_ascii=False), repr(v)]
    values += [v["input"].split("=", 1)[1].rstrip(")]") for v in parse if v["input"].count("=") == 1]

    data_cases, generation = [], []
    for p in set_files("data", "data.json"):
        with open(p, encoding="utf-8") as f:
            for case in json.load(f)[:40]:
                data_cases.append(json.dumps([case], ensure_ascii=False))
    for p in set_files("pred", "generation.jsonl"):
        with open(p, encoding="utf-8", errors="surrogatepass") as f:
            lines = f.read().splitlines(keepends=True)
        for k in range(0, min(len(lines), 60), 3):
            generation.append("".join(lines[k : k + 3]))

    def entry(seq, kind, **extra):
        e = {"v": 1, "seq": seq, "time": "2026-12-04T00:00:00Z", "author": "seed", "split": "test_trained_user",
             "index": extra.pop("index", 0), "hash": "0000000000000000", "kind": kind, "changes": extra.pop("changes", [])}
        e.update(extra)
        return json.dumps(e, ensure_ascii=False)

    add = {"field": "answer", "path": [1, 0, "search", "q"], "before": ["shoes", "sneakers"], "after": ["shoes", "sneakers", "boots"]}
    plat = {"field": "answer", "path": [0], "before": "Amazon", "after": "eBay"}
    move = {"field": "query_params", "path": [], "before": ["q", "n"], "after": ["q"]}
    journal = [
        entry(1, "add_alternative", changes=[add]) + "\n",
        entry(1, "set_platform", changes=[plat]) + "\n" + entry(2, "set_status", status="confirmed") + "\n",
        entry(1, "set_status", status="flagged", reason="gold is wrong") + "\n" + entry(2, "set_status", status="unreviewed", undo_of=1) + "\n",
        entry(1, "move_parameter", changes=[move], note="moved") + "\n" + entry(2, "set_note", index=1, note="x"),
        entry(3, "remove_function", index=1, changes=[{"field": "answer", "path": [1, 1], "before": {"pay": {"tip": [0.1]}}}]) + "\n",
    ]

    counts = {
        "FuzzPrediction": write(out, "FuzzPrediction", predictions),
        "FuzzEditValue": write(out, "FuzzEditValue", values),
        "FuzzDataJSON": write(out, "FuzzDataJSON", data_cases),
        "FuzzGeneration": write(out, "FuzzGeneration", generation),
        "FuzzJournal": write(out, "FuzzJournal", journal),
    }
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
