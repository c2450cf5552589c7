#!/usr/bin/env python3
"""Which lines of the reference's scoring functions a set of inputs never runs.

    python3 Scripts/reference/reference_coverage.py CASES.in.jsonl [--ptbench PATH]

CASES.in.jsonl is a harness input in `cases` form (gen_model_outputs.py writes one). Each case
runs through the reference's ast_parse, evaluate and error_analysis (and the include functions
they call) under a line tracer; the script prints, per function, the lines that no input ran,
and exits 1 if there are any. Two lines of resolve_ast_by_type can never run on Python 3.8 or
later: the `ast.NameConstant` and `ast.Ellipsis` branches come after `ast.Constant`, which
already takes every constant. The reference is imported at run time (see ptbench_reference.py).
"""
import argparse
import dis
import inspect
import json
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
import ptbench_reference as harness  # noqa: E402


def nested(code):
    yield code
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            yield from nested(c)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases")
    ap.add_argument("--ptbench")
    a = ap.parse_args()
    parse, test_acc, test_error, _ = harness.import_reference(harness.reference_root(a.ptbench))
    functions = [parse.ast_parse_1, parse.resolve_ast_call, parse.resolve_ast_by_type, test_acc.include,
                 test_acc.evaluate, test_error.include, test_error.error_analysis]
    # By id: the two include functions have equal code objects. Comprehensions inside a
    # function are code objects of their own, counted as the function's.
    code_of = {}
    for f in functions:
        for code in nested(f.__code__):
            code_of[id(code)] = f
    hit = {f: set() for f in functions}

    def tracer(frame, event, _):
        f = code_of.get(id(frame.f_code))
        if f is None:
            return None

        def local(frame, event, _):
            if event == "line":
                hit[f].add(frame.f_lineno)
            return local
        return local

    items = [json.loads(line) for line in open(a.cases, encoding="utf-8") if line.strip()]
    sys.setrecursionlimit(10000)
    for item in items:
        params = {"query_params": item["query_params"], "profile_params": item["profile_params"]}
        real = harness.gold_answer(item)
        sys.settrace(tracer)
        for fn in (test_acc.evaluate, test_error.error_analysis):
            try:
                fn(real, parse.ast_parse(item["predict"]), params)
            except BaseException:
                pass
        sys.settrace(None)
    missing = 0
    for f in functions:
        body = sorted({n for code in nested(f.__code__) for _, n in dis.findlinestarts(code)
                       if n is not None and n != f.__code__.co_firstlineno})
        source, start = inspect.getsourcelines(f)
        dead = {n for n in body if source[n - start].strip().startswith("output") and any(
            "ast.NameConstant" in t or "ast.Ellipsis)" in t for t in source[max(0, n - start - 3):n - start])}
        never = [n for n in body if n not in hit[f] and n not in dead]
        live = [n for n in body if n not in dead]
        print(f"{f.__module__}.{f.__name__}: {len(live) - len(never)}/{len(live)} lines run"
              + (f" (and {len(dead)} dead: {sorted(dead)})" if dead else "") + (f"; never: {never}" if never else ""))
        missing += len(never)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
