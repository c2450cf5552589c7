#!/usr/bin/env python3
"""Writes the parse inputs for escapes in bytes literals (issue 13, class 3) to stdout.

    python3 Scripts/reference/gen_bytes.py > /tmp/bytes-in.jsonl
    python3 Scripts/reference/ptbench_reference.py parse /tmp/bytes-in.jsonl \\
        Tests/EvaluatorTests/Fixtures/reference/parse-bytes.jsonl

Each escape is written in a bytes literal and, beside it, in a str literal: a backslash before
every printable ASCII character, `\\x` before every pair drawn from hex digits, signs, spaces,
`_`, non-hex letters, non-ASCII digits and the end of the literal, octal escapes of one to four
digits around 0o377, `\\N`, `\\u`, `\\U` (escapes only in str), non-ASCII characters in every
bytes prefix, raw prefixes, line continuations and concatenation. Seeded: the output is the same
each run.
"""
import json
import random

rng = random.Random(1303)
out = []


def add(prediction, cls):
    out.append({"input": prediction, "class": cls})


def both(body, cls, quote="'"):
    add("Amazon:[send(data=b%s%s%s)]" % (quote, body, quote), cls)
    add("Amazon:[send(data=%s%s%s)]" % (quote, body, quote), cls + "-str")


# A backslash before every printable ASCII character (but the quote and the backslash itself
# are paired with something after them).
for c in map(chr, range(0x20, 0x7F)):
    if c == "'":
        both("\\'", "simple")
    else:
        both("a\\" + c + "z", "simple")

# \x with every pair from a set of interesting characters (and the literal's end).
chars = ["0", "9", "a", "f", "A", "F", "g", "G", "+", "-", " ", "_", ".", "x", "\u0661", "\uff11"]
for a in chars:
    for b in chars:
        if rng.random() < 0.55 or (a in "09afAF" and b in "09afAF"):
            both("\\x" + a + b, "hex")
for body in ["\\x", "\\x0", "\\xf", "\\x+", "\\x-f", "\\x+0f", "\\x 0", "\\x0 ", "ab\\x", "ab\\x1", "\\x41\\x", "\\xff\\x00",
             "\\X41", "\\x414", "\\x0x1", "\\x_0", "\\x0_", "\\x\\x", "\\x\\\\", "\\x' + b'00"]:
    both(body, "hex-edge")

# Octal escapes.
for body in ["\\0", "\\7", "\\8", "\\9", "\\07", "\\08", "\\77", "\\78", "\\177", "\\377", "\\400", "\\477", "\\777", "\\1234",
             "\\0000", "\\3770", "\\000\\001", "\\101\\102", "a\\0b", "\\18", "\\1a", "\\01 "]:
    both(body, "octal")

# Escapes that only str literals have, and unknown escapes.
for body in ["\\N{NBSP}", "\\N{LATIN SMALL LETTER A}", "\\N", "\\u0041", "\\u00e9", "\\U00000041", "\\U0001F600", "\\u",
             "\\U", "\\u004", "\\q", "\\d", "\\w", "\\s", "\\.", "\\ ", "\\(", "\\%", "\\{", "\\}", "\\/", "\\z"]:
    both(body, "other")

# Non-ASCII characters in every bytes prefix (raw too), and non-ASCII in escapes.
for prefix in ["b", "B", "rb", "Rb", "bR", "BR", "br"]:
    for body in ["caf\u00e9", "\u00e9", "\u65e5\u672c", "\U0001F600", "a\u00a0b", "\\x41\u00e9", "\\\u00e9", "\u00ff"]:
        add("Amazon:[send(data=%s'%s')]" % (prefix, body), "nonascii")
    for body in ["\\x41", "\\x+1", "\\777", "\\N{NBSP}", "\\'"]:
        add("Amazon:[send(data=%s'%s')]" % (prefix, body), "raw")

# Line continuations, triple quotes, concatenation.
for text in ["b'a\\\nb'", "b'''a\nb'''", "b'''a\\\nb'''", "b\"\\x41\"", "b'\\x41' b'\\x42'", "b'\\x41' 'x'",
             "'x' b'\\x41'", "b'\\x4' b'1'", "b'\\x' b'41'", "b'\\\\x41'", "b'\\\\\\x41'", "b'\\x41' + b'\\x42'",
             "b'\\x41' * 2", "[b'\\x00', b'\\xff']", "{b'\\x01': b'\\x02'}", "b''", "b'\\''", "b\"\\\"\"",
             "bytes(b'\\x41')", "b'%s' % b'\\x41'", "b'\\x41'[0]", "b'\\x41\\x42'[1:]"]:
    add("Amazon:[send(data=%s)]" % text, "layout")

# Seeded random escape strings.
pieces = ["\\x", "\\", "0", "7", "f", "F", "g", "+", "-", " ", "a", "\\0", "\\x4", "1", "\\n", "\\t", "\\\\", "N", "u"]
for _ in range(120):
    body = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
    if body.endswith("\\") and not body.endswith("\\\\"):
        body += "n"
    both(body, "random")

for row in out:
    print(json.dumps(row, ensure_ascii=True))
