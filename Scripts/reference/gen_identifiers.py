#!/usr/bin/env python3
"""Writes the parse inputs for identifiers (issue 13, class 2) to stdout.

    python3 Scripts/reference/gen_identifiers.py > /tmp/identifiers-in.jsonl
    python3 Scripts/reference/ptbench_reference.py parse /tmp/identifiers-in.jsonl \\
        Tests/EvaluatorTests/Fixtures/reference/parse-identifiers.jsonl

Non-ASCII identifiers as platform names, function names, keyword names and bare-name values:
the characters whose identifier properties changed after Unicode 14 (middle dots, ZWJ/ZWNJ),
characters assigned after Unicode 14, every edge of a seeded sample of Python's XID_Start and
XID_Continue ranges, a seeded sample inside them, NFKC normalization (compatibility letters,
keyword look-alikes that stay names), and realistic CJK predictions. Seeded: the output is the
same each run.
"""
import json
import random

rng = random.Random(1313)
out = []


def add(prediction, cls):
    out.append({"input": prediction, "class": cls})


def ranges(pred):
    rs, start = [], None
    for cp in range(0x110000):
        ok = pred(cp)
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            rs.append((start, cp - 1))
            start = None
    return rs


def positions(word):
    """The identifier `word` as platform, function, keyword and value."""
    return ["%s:[search(q='x')]" % word, "Amazon:[%s(q='x')]" % word, "Amazon:[search(%s='x')]" % word,
            "Amazon:[search(q=%s)]" % word]


# Characters whose identifier properties changed after Unicode 14, and their neighbours.
for cp in [0x00B7, 0x0387, 0x1369, 0x19DA, 0x200C, 0x200D, 0x30FB, 0xFF65, 0x2E2F, 0x0F84, 0x1885, 0x2118, 0x212E,
           0x309B, 0x309C, 0x30A0, 0x30FC, 0xFF70, 0x00B2, 0x2070, 0x0660, 0xFF10, 0x1FBF0, 0x20E3]:
    c = chr(cp)
    for word in ["a" + c, "a" + c + "b", c + "a", "\u30bd\u30d5\u30c8" + c + "\u30d0\u30f3\u30af"]:
        for text in positions(word)[:2]:
            add(text, "changed")

# Characters assigned after Unicode 14.0 (letters and marks Swift knows).
for cp in [0x1E030, 0x1E4D0, 0x11F04, 0x10EFD, 0x1E08F, 0x31350, 0x2B739, 0x11B00, 0x1E5D0, 0x16D40, 0x0CF3,
           0x1DF25, 0x0ECE, 0x2EBF0, 0x1B132, 0x1B155, 0x1D2C0, 0x10D4A, 0x11380]:
    add("%s:[search(q='x')]" % chr(cp), "later")
    add("Amazon:[search(a%s='x')]" % chr(cp), "later")

# Edges of a sample of XID_Start / XID_Continue ranges (non-ASCII), and points inside.
start = [r for r in ranges(lambda cp: chr(cp).isidentifier()) if r[1] >= 0x80]
cont = [r for r in ranges(lambda cp: ("a" + chr(cp)).isidentifier()) if r[1] >= 0x80]
for lo, hi in rng.sample(start, 60):
    for cp in sorted({lo, hi, lo - 1, hi + 1}):
        if 0x80 <= cp < 0x110000 and not 0xD800 <= cp < 0xE000:
            add(positions(chr(cp) + "x")[rng.randrange(4)], "start-edge")
for lo, hi in rng.sample(cont, 60):
    for cp in sorted({lo, hi, lo - 1, hi + 1}):
        if 0x80 <= cp < 0x110000 and not 0xD800 <= cp < 0xE000:
            add(positions("x" + chr(cp))[rng.randrange(4)], "continue-edge")
for _ in range(80):
    lo, hi = rng.choice(start)
    cp = rng.randint(lo, hi)
    add(positions(chr(cp) + chr(cp))[rng.randrange(4)], "start-sample")
for _ in range(40):
    cp = rng.randrange(0x80, 0x30000)
    if not 0xD800 <= cp < 0xE000:
        add(positions("_" + chr(cp))[rng.randrange(4)], "random")

# NFKC normalization of names (CPython normalizes a NAME's text; keywords are matched before).
for word in ["\ufb01le", "\u210cotel", "\uff21mazon", "\U0001d400pple", "\u2160\u2161", "\u1d43b", "\u01c5x", "\u017fort",
             "\u212bngstrom", "\u00b5", "\u00aa", "\u33a1", "x\u0301", "\u00e9", "e\u0301", "\ufe4f", "\uff3f",
             "\U0001d42d\U0001d42b\U0001d42e\U0001d41e", "\U0001d413\U0001d42b\U0001d42e\U0001d41e",
             "\U0001d40d\U0001d428\U0001d427\U0001d41e", "\U0001d41f\U0001d41a\U0001d425\U0001d42c\U0001d41e",
             "\U0001d422\U0001d41f", "\U0001d425\U0001d41a\U0001d426\U0001d41b\U0001d41d\U0001d41a",
             "\U0001d427\U0001d428\U0001d42d", "\uff54\uff52\uff55\uff45", "\uff34\uff52\uff55\uff45", "\uff2e\uff4f\uff4e\uff45"]:
    for text in positions(word):
        add(text, "nfkc")
add("Amazon:[search(q=\U0001d413\U0001d42b\U0001d42e\U0001d41e, r=\U0001d40d\U0001d428\U0001d427\U0001d41e)]", "nfkc")
add("Amazon:[search(\U0001d422\U0001d41f=1, r=2)]", "nfkc")
add("Amazon:[search(**{'\ufb01': 1})]", "nfkc")
add("Amazon:[search(\ufb01=1, fi=2)]", "nfkc")
add("Amazon:[search(fi=1, \ufb01=2)]", "nfkc")

# Realistic predictions.
for text in ["\u540d\u524d:[search(q='x')]", "\u30a2\u30de\u30be\u30f3:[\u691c\u7d22(\u30ad\u30fc\u30ef\u30fc\u30c9='\u9774')]",
             "\u7f8e\u56e2:[\u70b9\u9910(\u83dc\u540d='\u5bab\u4fdd\u9e21\u4e01', \u6570\u91cf=2)]",
             "\ub124\uc774\ubc84:[\uac80\uc0c9(\ucffc\ub9ac='\ub0a0\uc528')]", "Uber_Eats:[order(item='pad thai', qty=1)]",
             "Uber Eats:[order(item='pad thai')]", "\u30bd\u30d5\u30c8\u30d0\u30f3\u30af:[call(n='1')]",
             "\u30bd\u30d5\u30c8\u30fb\u30d0\u30f3\u30af:[call(n='1')]", "\u30e4\u30d5\u30fc\uff65\u30b7\u30e7\u30c3\u30d4\u30f3\u30b0:[search(q='x')]",
             "Caf\u00e9:[order(size='grande')]", "M\u00fcller_Shop:[buy(item='x')]", "\u0928\u092e\u0938\u094d\u0924\u0947:[greet(to='x')]",
             "\u0645\u062a\u062c\u0631:[search(q='x')]", "\u05d7\u05e0\u05d5\u05ea:[search(q='x')]", "\u041e\u0437\u043e\u043d:[search(q='x')]",
             "\u0e25\u0e32\u0e0b\u0e32\u0e14\u0e49\u0e32:[search(q='x')]", "Amazon:[search(q='x', \u7a2e\u985e='\u672c')]",
             "Amazon:[search(q=\u540d\u524d)]", "Amazon:[search(q=x\u00b2)]", "\u2460:[search(q='x')]", "Amazon\u2122:[search(q='x')]",
             "Amazon:[search\u00a0(q='x')]", "Amazon:[search(q='x')\u3000]", "\U0001f600:[search(q='x')]", "Amazon:[\u200bsearch(q='x')]",
             "Amazon:[search(q='x', \u0101=1, \u0100=2)]"]:
    add(text, "realistic")

for row in out:
    print(json.dumps(row, ensure_ascii=True))
