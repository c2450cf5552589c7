#!/usr/bin/env python3
"""Unusual gold data, and predictions against it, for PTBench's scorer.

    python3 Scripts/reference/gen_unusual_gold.py OUT_DIR [--seed 11] [--cases 1500]
    R=Scripts/reference/ptbench_reference.py F=Tests/EvaluatorTests/Fixtures/reference
    python3 $R cases OUT_DIR/cases.in.jsonl $F/cases-unusual-gold.jsonl
    python3 $R set OUT_DIR/set.in.jsonl $F/sets/unusual_gold

Gold answers as data.json may hold them, not only as PTBench's own files do: platforms that are
not strings, functions repeated or given as several keys of one object, parameter values that are
not lists (a string is iterated character by character, a number is not iterable), empty lists,
None, mixed types, bools against ints, NaN and infinities, -0.0, huge and float-spelled numbers,
Unicode whose case mapping changes the length, duplicate keys, extra members, query_params and
profile_params as strings, dicts or with names in both. Each gold gets predictions that are right,
nearly right and wrong in the ways those shapes make interesting. The whole set (set.in.jsonl)
leaves out the cases that crash the reference's whole run (a parameter list without len()).
"""
import argparse
import json
import os
import random

SPLITS = ["test_untrained_user", "test_trained_user"]

# (raw gold value JSON text, prediction values to try) for one parameter.
VALUES = [
    ('["Shoes"]', ["'shoes'", "'SHOES'", "'Shoe'", "['shoes']", "None", "1"]),
    ('"shoes"', ["'shoes'", "'s'", "'o'", "'sh'", "'SHOES'", "['s']", "1"]),
    ('"a"', ["'a'", "'A'", "['a']", "True"]),
    ("5", ["5", "'5'", "5.0", "True"]),
    ("[]", ["'x'", "5", "['x']", "[]", "True"]),
    ("[null]", ["None", "'None'", "'x'", "[None]", "0"]),
    ('[null, "x"]', ["'x'", "'X'", "None"]),
    ('[1, "one"]', ["1", "'one'", "'ONE'", "1.005", "True"]),
    ("[true]", ["True", "1", "'true'", "'True'", "true", "1.0"]),
    ("[false]", ["False", "0", "'false'", "0.0", "-0.0"]),
    ("[1]", ["True", "1", "1.0", "1.009", "0.991", "1.011", "'1'"]),
    ("[0]", ["False", "0", "-0.0", "0.0", "-0.005", "1e-300"]),
    ("[NaN]", ["float('nan')", "1e999 - 1e999", "0", "'nan'"]),
    ("[Infinity]", ["1e999", "1e308 * 10", "9" * 400, "-1e999"]),
    ("[-Infinity]", ["-1e999", "1e999"]),
    ("[-0.0]", ["0", "-0.0", "0.0", "False"]),
    ("[1e400]", ["1e999", "1e400", "10**400"]),
    ("[9007199254740993]", ["9007199254740993", "9007199254740992", "9007199254740993.0", "2**53 + 1"]),
    ("[12345678901234567890123]", ["12345678901234567890123", "12345678901234567890123.0", "1.2345678901234568e22"]),
    ("[1.0]", ["1", "1.0", "True", "1.004", "'1.0'"]),
    ("[2.5]", ["2.5", "2", "3", "2.505", "2.51", "5/2"]),
    ("[1e2]", ["100", "100.0", "1e2", "99.995"]),
    ('["Stra\\u00dfe"]', ["'strasse'", "'STRASSE'", "'straße'", "'STRAßE'"]),
    ('["\\u0130stanbul"]', ["'istanbul'", "'i̇stanbul'", "'İSTANBUL'", "'\\u0130stanbul'"]),
    ('["\\u03a3\\u03c3"]', ["'σσ'", "'ΣΣ'", "'σς'", "'Σς'"]),
    ('[["a", "B"]]', ["['b', 'A']", "['a']", "['a', 'b', 'b']", "('a', 'B')", "{'a', 'b'}", "'a'"]),
    ('[["a"], ["b", "c"]]', ["['B', 'C']", "['c', 'b']", "['a']", "[['a']]"]),
    ('[[1, 2]]', ["[1, 2]", "[2, 1]", "['1', '2']"]),
    ('[{"k": "v"}]', ["{'k': 'v'}", "{'k': 'V'}", "{'K': 'v'}", "'v'"]),
    ('[[]]', ["[]", "['']", "''"]),
    ('["true"]', ["'true'", "True", "true", "'TRUE'"]),
    ('["false"]', ["'false'", "False", "false"]),
    ('["x", "x"]', ["'x'", "'X'"]),
    ('{"a": 1}', ["'a'", "'A'", "1", "{'a': 1}"]),
]

PLATFORMS = ['"Amazon"', '"amazon"', "null", "3", '["Amazon"]', '""', '"Uber Eats"', '"\\u00e9Bay"']


def pred_platform(raw, rnd):
    value = json.loads(raw)
    options = {"Amazon": ["Amazon", "amazon", "'Amazon'"], "amazon": ["Amazon", "amazon"], None: ["None", "null", "Amazon"],
               3: ["3", "'3'", "3.0"], "": ["''", "Amazon"], "Uber Eats": ["'Uber Eats'", "Uber_Eats"],
               "\u00e9Bay": ["éBay", "'éBay'", "ebay"]}
    key = value if not isinstance(value, list) else None
    return rnd.choice(options.get(key, ["Amazon", "['Amazon']"]) if key in options or key is None else ["Amazon"])


def gold_case(rnd):
    """One case: raw answer JSON text, query/profile params, and a prediction."""
    platform = rnd.choice(PLATFORMS)
    n_funcs = rnd.choice([1, 1, 1, 2, 2, 3])
    funcs_raw, calls = [], []
    names = ["search", "book", "search", "order"]
    query, profile = [], []
    for f in range(n_funcs):
        name = rnd.choice(names[:2 + f])
        params_raw, args = [], []
        for p in range(rnd.choice([1, 2, 2, 3])):
            raw, preds = rnd.choice(VALUES)
            pname = f"p{p}"
            params_raw.append(f'"{pname}": {raw}')
            (query if rnd.random() < 0.5 else profile).append(pname)
            r = rnd.random()
            if r < 0.75:
                args.append(f"{pname}={rnd.choice(preds)}")
            elif r < 0.85:
                pass  # missing parameter
            else:
                args.append(f"{pname}_x={rnd.choice(preds)}")
        shape = rnd.random()
        if shape < 0.05:
            params_raw.append(params_raw[0])  # a duplicate key: the last one counts
        body = "{" + ", ".join(params_raw) + "}"
        if shape > 0.95:
            funcs_raw.append('{"%s": %s, "other": {}}' % (name, body))  # several keys: the first counts
        else:
            funcs_raw.append('{"%s": %s}' % (name, body))
        if rnd.random() < 0.9:
            calls.append(f"{name}({', '.join(args)})")
    if rnd.random() < 0.05:
        calls.append("extra(q=1)")
    funcs = "[" + ", ".join(funcs_raw) + "]"
    r = rnd.random()
    if r < 0.03:
        answer = f"[{platform}, {funcs}, \"extra\"]"
    elif r < 0.05:
        answer = f"[{platform}, []]"
        calls = calls[:1]
    else:
        answer = f"[{platform}, {funcs}]"
    q, p = sorted(set(query)), sorted(set(profile))
    r = rnd.random()
    if r < 0.05:
        q = " ".join(q)  # a string: `in` is a substring test
    elif r < 0.08:
        p = {k: 1 for k in p}  # a dict: `in` tests its keys
    elif r < 0.11 and q:
        p = p + q[:1]  # a name in both lists: query_params is tested first
    elif r < 0.13:
        q = q + ["p9", "p9"]
    predict = f"{pred_platform(platform, rnd)}:[{', '.join(calls)}]"
    return {"answer_json": answer, "query_params": q, "profile_params": p, "predict": predict}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--cases", type=int, default=1500)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    cases = []
    for n in range(a.cases):
        c = gold_case(rnd)
        c["split"] = SPLITS[n % 2]
        cases.append(c)
    # Set-level crashes: parameter lists without len() (a number, null) stop the reference's whole run.
    crash = [{"split": SPLITS[0], "answer_json": '["Amazon", [{"search": {"q": ["x"]}}]]', "query_params": v,
              "profile_params": ["q"], "predict": "Amazon:[search(q='x')]"} for v in (None, 3, 2.5)]
    with open(os.path.join(a.out, "cases.in.jsonl"), "w", encoding="utf-8") as f:
        for c in cases + crash:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    with open(os.path.join(a.out, "set.in.jsonl"), "w", encoding="utf-8") as f:
        for c in cases[:600]:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(cases) + len(crash)} cases, {min(600, len(cases))} in the set, written to {a.out}")


if __name__ == "__main__":
    main()
