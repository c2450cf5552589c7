#!/usr/bin/env python3
"""Write a PTBench-sized synthetic set for benchmarks, streaming it to disk.

    python3 Scripts/make_synthetic.py --scale N --out DIR [--seed S] [--pretty] [--unique]

writes
    DIR/data/test_untrained_user/data.json     609 x N cases, 6 users
    DIR/data/test_trained_user/data.json       474 x N cases, 74 other users
    DIR/pred/<split>/generation.jsonl          one simulated model: {"query", "label", "predict"} a line

Each case is PTBench-sized: its full user profile plus a tool catalog of 18 API schemas (the
scenario's 3 platforms x 6 APIs), about 8 KB of compact JSON (one case a line inside the array;
--pretty writes the bundled sample's indented layout instead, about 40% larger). The predictions
are a realistic mix: about 60% correct (a few with quirks the reference still accepts), about 8%
format failures of every kind, and every error kind of the reference scorer.

Everything (users, queries, injected mistakes) comes from make_sample.py's vocabulary; the output
is a pure function of --scale and --seed. Cases are generated and written one at a time, so memory
stays flat at any scale; only each (user, scenario)'s profile-and-catalog text is cached.
Python 3 standard library only.
"""

import argparse
import json
import os
import random
import sys
import time
from collections import Counter, OrderedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_sample as V  # noqa: E402

SPLITS = OrderedDict([("test_untrained_user", (609, 6)), ("test_trained_user", (474, 74))])

# Share of each outcome group per split (untrained users are harder, as in PTBench).
GROUP_SHARE = {
    "test_untrained_user": {"ok": 0.57, "format": 0.08},
    "test_trained_user": {"ok": 0.64, "format": 0.08},
}
OK_KINDS = {"ok_plain": 72, "ok_case": 7, "ok_alternative": 5, "ok_double_quotes": 5, "ok_quoted_key": 2,
            "ok_positional": 1.5, "ok_bare_word": 2, "ok_string_bool": 2, "ok_list_order": 1.5,
            "ok_int_tolerance": 1, "ok_binop": 0.5}
ERROR_KINDS = {"wrong_platform": 28, "extra_function": 7, "missing_function": 7, "wrong_function": 6,
               "extra_param": 9, "missing_param": 13, "extra_and_missing_param": 5, "query_value": 11,
               "profile_value_address": 6, "profile_value_invented": 7, "float_not_tolerated": 1}
FORMAT_KINDS = {"fmt_think": 25, "fmt_fence": 15, "fmt_prose_before": 10, "fmt_prose_after": 10, "fmt_json": 8,
                "fmt_unbalanced": 8, "fmt_comment": 6, "fmt_attribute": 5, "fmt_comparison": 3, "fmt_fstring": 4,
                "fmt_string_for_number": 4, "fmt_binop_name": 2}
GROUPS = (("ok", OK_KINDS), ("error", ERROR_KINDS), ("format", FORMAT_KINDS))


def calibrated_groups(users, seed, n=1500):
    """GROUPS with each weight divided by how often its kind applies to a case, so that kinds that
    need something rare (a boolean parameter, a non-integer amount) still show up at their share."""
    rng = random.Random(f"{seed}/calibrate")
    applies = Counter()
    for _ in range(n):
        u = users[rng.randrange(len(users))]
        sc = V.SCENARIOS[rng.randrange(len(V.SCENARIOS))]
        c = V.build_case(u, sc, rng, explicit=V.pick_explicit(u, sc, rng))
        for k in V.KINDS:
            applies[k] += V.inject(k, c, rng) is not None
    return tuple((g, {k: w * n / max(applies[k], 1) for k, w in table.items()}) for g, table in GROUPS)


def group_weights(split):
    share = GROUP_SHARE[split]
    return [share["ok"], 1.0 - share["ok"] - share["format"], share["format"]]


def make_users(seed):
    """80 generated users: 6 for the untrained split, 74 for the trained one, a few with CJK names."""
    users = []
    for i in range(sum(n for _, n in SPLITS.values())):
        users.append(V.make_persona(random.Random(f"{seed}/user/{i}"), i, cjk=(i % 13 == 4)))
    return users[:6], users[6:]


class CaseWriter:
    """Serializes cases fast: the profile + platforms + tools text is built once per (user, scenario)."""

    def __init__(self, seed, pretty, unique=False):
        self.seed, self.pretty, self.unique, self.cache, self.written = seed, pretty, unique, {}, 0

    def heavy(self, ui, u, scenario):
        key = (ui, scenario)
        text = None if self.unique else self.cache.get(key)
        if text is None:
            parts = OrderedDict([("user_profile", V.profile_json(u, self.seed)),
                                 ("platforms", V.platforms_json(scenario)), ("tools", V.tools_json(scenario))])
            if self.unique:
                # A case number first in each block: no block repeats byte for byte.
                n = self.written
                parts = OrderedDict([("user_profile", OrderedDict([("case", n)] + list(parts["user_profile"].items()))),
                                     ("platforms", [{"case": n}] + list(parts["platforms"])),
                                     ("tools", [{"case": n}] + list(parts["tools"]))])
            if self.pretty:
                text = ",\n".join(f'  "{k}": {V.dumps_indent1(v, 2)}' for k, v in parts.items())
            else:
                text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))[1:-1]
            if not self.unique:
                self.cache[key] = text
        return text

    def case(self, ui, c):
        light = OrderedDict([("query", c["query"]), ("answer", c["answer"]),
                             ("query_params", c["query_params"]), ("profile_params", c["profile_params"])])
        heavy = self.heavy(ui, c["user"], c["scenario"])
        self.written += 1
        if self.pretty:
            rest = ",\n".join(f'  "{k}": {V.dumps_indent1(v, 2)}' for k, v in light.items())
            return " {\n" + heavy + ",\n" + rest + "\n }"
        return "{" + heavy + "," + json.dumps(light, ensure_ascii=False, separators=(",", ":"))[1:]


def predict(c, groups, gweights, rng):
    """(kind, predict text): an outcome group by its share, then a kind of that group that applies
    to this case (no boolean, no `true`; no address, no address swap), drawn by weight."""
    _, table = groups[rng.choices(range(len(groups)), gweights)[0]]
    kinds, weights = list(table), list(table.values())
    while kinds:
        i = rng.choices(range(len(kinds)), weights)[0]
        r = V.inject(kinds[i], c, rng)
        if r is not None:
            return kinds[i], r[0]
        del kinds[i], weights[i]
    raise AssertionError("no kind of the group applies")  # ok_plain, missing_param and fmt_think always do


def write_split(out, split, scale, users, user_offset, writer, groups, rng):
    n_per, _ = SPLITS[split]
    n = n_per * scale
    data_path = os.path.join(out, "data", split, "data.json")
    pred_path = os.path.join(out, "pred", split, "generation.jsonl")
    os.makedirs(os.path.dirname(data_path), exist_ok=True)
    os.makedirs(os.path.dirname(pred_path), exist_ok=True)
    gweights = group_weights(split)
    counts = Counter()
    with open(data_path, "w", encoding="utf-8", buffering=1 << 20) as df, \
            open(pred_path, "w", encoding="utf-8", buffering=1 << 20) as pf:
        df.write("[\n")
        for i in range(n):
            ui = rng.randrange(len(users))
            u = users[ui]
            sc = V.SCENARIOS[rng.randrange(len(V.SCENARIOS))]
            c = V.build_case(u, sc, rng, explicit=V.pick_explicit(u, sc, rng))
            kind, text = predict(c, groups, gweights, rng)
            counts[kind] += 1
            if i:
                df.write(",\n")
            df.write(writer.case(user_offset + ui, c))
            pf.write(json.dumps({"query": c["query"], "label": c["answer"], "predict": text}, ensure_ascii=False))
            pf.write("\n")
        df.write("\n]\n")
    return n, counts, [data_path, pred_path]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, required=True, help="N: 609 x N + 474 x N cases")
    ap.add_argument("--out", required=True, help="output folder (data/ and pred/ are written inside)")
    ap.add_argument("--seed", type=int, default=V.SEED)
    ap.add_argument("--pretty", action="store_true", help="indented like the bundled sample (larger)")
    ap.add_argument("--unique", action="store_true",
                    help="give every case its own profile, platforms and tools (a case number first in each), so no "
                         "block repeats byte for byte as PTBench's do (a worst case for readers that skip repeats)")
    a = ap.parse_args(argv)
    if a.scale < 1:
        ap.error("--scale must be at least 1")
    t0 = time.time()
    untrained, trained = make_users(a.seed)
    writer = CaseWriter(a.seed, a.pretty, a.unique)
    groups = calibrated_groups(untrained + trained, a.seed)
    rng = random.Random(f"{a.seed}/synthetic")
    total_bytes, all_counts = 0, Counter()
    print(f"== synthetic PTBench-sized set: scale {a.scale}, seed {a.seed} ==")
    for split, users, offset in (("test_untrained_user", untrained, 0), ("test_trained_user", trained, len(untrained))):
        n, counts, paths = write_split(a.out, split, a.scale, users, offset, writer, groups, rng)
        all_counts.update(counts)
        outcome = Counter()
        for k, v in counts.items():
            outcome[V.EXPECT[k] if V.EXPECT[k] in ("ok", "format", "platform") else "error column"] += v
        print(f"{split}: {n:,} cases, {len(users)} users; expected overall {outcome['ok'] / n:.1%}, "
              f"format failures {outcome['format'] / n:.1%}, platform only {outcome['platform'] / n:.1%}, "
              f"other errors {outcome['error column'] / n:.1%}")
        for p in paths:
            size = os.path.getsize(p)
            total_bytes += size
            extra = f"  ({size / n / 1000:.2f} KB/case)" if p.endswith(".json") else ""
            print(f"  {p}  {size / 1e6:,.1f} MB{extra}")
    n_all = sum(all_counts.values())
    print("kinds injected (both splits):")
    for k in V.KINDS:
        if all_counts[k]:
            print(f"  {k:26s} {all_counts[k]:8,d}  {all_counts[k] / n_all:6.2%}  -> {V.OUTCOME[k]}")
    print(f"total {total_bytes / 1e6:,.1f} MB in {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
