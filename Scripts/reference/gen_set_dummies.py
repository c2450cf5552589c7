#!/usr/bin/env python3
"""Inputs whose printed set depends on where CPython's set_add_entry puts a new element when its
probe passes deleted slots (the last one met): `{a} ^ {c}` with colliding ints copies c, then
discards and adds in the same table.

    python3 Scripts/reference/gen_set_dummies.py /tmp/dummies.jsonl
    python3 Scripts/reference/ptbench_reference.py parse /tmp/dummies.jsonl \\
        Tests/EvaluatorTests/Fixtures/reference/parse-set-dummies.jsonl

Seeded (6): the output is the same each time.
"""
import json
import random
import sys


def main():
    r = random.Random(6)
    with open(sys.argv[1], "w") as f:
        for _ in range(400):
            m = r.choice([8, 32, 64])
            pool = [r.choice([0, 1]) + m * k for k in range(40)]
            c = r.sample(pool, r.randint(3, 12))
            a = list(dict.fromkeys(r.sample(c, r.randint(1, len(c))) + r.sample(pool, r.randint(1, 8))))
            expr = "{%s} ^ {%s}" % (", ".join(map(str, a)), ", ".join(map(str, c)))
            f.write(json.dumps({"input": "Amazon:[f(x='%%s' %% (%s,))]" % expr}) + "\n")


if __name__ == "__main__":
    main()
