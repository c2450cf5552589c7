#!/usr/bin/env python3
"""Inputs for the lone-surrogate reference vectors (issue 13, class 4).

A Python str holds any code points, lone surrogates (U+D800-U+DFFF) included: from a
prediction's escape ('\\ud83c') or from gold JSON ("\\ud83c"). These inputs cover escapes in
str literals (\\u, \\U, upper/lower hex, boundaries, pairs that stay two code points), raw and
bytes literals where \\u is not an escape, implicit concatenation, operations (+, *, %, f-strings,
subscripts), containers, dict keys, platform names, texts that themselves hold a lone surrogate
(UnicodeEncodeError), gold JSON with escapes (a pair joined by json.load), lower() matching,
lists compared as sets, and seeded random mixes.

Regenerate (generator -> harness -> fixtures), from the repository root:

    python3 Scripts/reference/gen_surrogates.py /tmp/surr
    python3 Scripts/reference/ptbench_reference.py parse /tmp/surr/parse.jsonl \\
        Tests/EvaluatorTests/Fixtures/reference/parse-surrogates.jsonl
    python3 Scripts/reference/ptbench_reference.py cases /tmp/surr/cases.jsonl \\
        Tests/EvaluatorTests/Fixtures/reference/cases-surrogates.jsonl
    rm -rf Tests/EvaluatorTests/Fixtures/reference/sets/lone_surrogates
    python3 Scripts/reference/ptbench_reference.py set /tmp/surr/set.jsonl \\
        "$PWD/Tests/EvaluatorTests/Fixtures/reference/sets/lone_surrogates"

(set mode needs an absolute OUTDIR; then put back sets/lone_surrogates/ABOUT.txt from git). The output is deterministic (seed 13).
"""
import json
import os
import random
import sys

SEED = 13

# Code points around and inside the surrogate range, and ordinary ones to mix with.
SURROGATES = [0xD800, 0xD83C, 0xD83D, 0xDBFF, 0xDC00, 0xDF89, 0xDE00, 0xDFFF]
NEIGHBOURS = [0xD7FF, 0xE000, 0xFFFD]
PLAIN = ["a", "Z", "é", "Σ", "ß", "İ", "日", "😀", " ", "'", '"']


def esc(v, upper=False, long=False):
    """The Python escape of code point v: \\uXXXX or \\UXXXXXXXX."""
    digits = f"{v:08x}" if long else f"{v:04x}"
    return ("\\U" if long else "\\u") + (digits.upper() if upper else digits)


def call(value, platform="Amazon", name="search", param="q"):
    return f"{platform}:[{name}({param}={value})]"


def parse_inputs(rng):
    items = []

    def add(text, note):
        items.append({"input": text, "class": "surrogates", "note": note})

    # Single escapes, every form and boundary.
    for v in SURROGATES + NEIGHBOURS:
        add(call(f"'{esc(v)}'"), "one \\u escape")
        add(call(f"'{esc(v, upper=True)}'"), "upper-case hex")
        add(call(f"'{esc(v, long=True)}'"), "\\U escape")
        add(call(f"\"x{esc(v)}y\""), "between characters, double quotes")
        add(call(f"u'{esc(v)}'"), "u prefix")
        add(call(f"r'{esc(v)}'"), "raw: no escape")
        add(call(f"b'{esc(v)}'"), "bytes: \\u is not an escape")
        add(call(f"'''{esc(v)}\n'''"), "triple-quoted")
    # Pairs stay two code points; a \\U of the joined value is one.
    add(call(r"'\ud83c\udf89'"), "escaped pair")
    add(call(r"'\U0001f389'"), "the joined character")
    add(call(r"'\ud83c' '\udf89'"), "pair by implicit concatenation")
    add(call(r"'\udf89\ud83c'"), "reversed pair")
    add(call(r"'\ud83c\ud83c\udf89'"), "high, then a pair")
    add(call(r"'🎉\ud83c'"), "a real character, then a lone high")
    # Malformed escapes (syntax errors).
    for bad in [r"'\ud8'", r"'\ud80'", r"'\udx00'", r"'\U0000d8'", r"'\U00110000'", r"'\u+d80'"]:
        add(call(bad), "malformed escape")
    # Containers, dict keys, sets, tuples.
    add(call(r"['\ud800', '\udc00', '\ud800']"), "list")
    add(call(r"{'\ud800', '\udc00'}"), "set")
    add(call(r"('\ud800',)"), "tuple")
    add(call(r"{'\ud800': 1, '\udc00': 2, '\ud800': 3}"), "dict keys, repeated")
    add(call(r"{'\ud800': '\udfff'}"), "dict key and value")
    add(call(r"[['\ud83c'], {'k': '\ud83d'}]"), "nested")
    # Platform names.
    add(call("'x'", platform=r"'\ud83c'"), "platform with an escape")
    add(call("'x'", platform=r"'Uber\udc00Eats'"), "platform with an inner escape")
    add(call("'x'", platform=r"'\ud83c\udf89'"), "platform: an escaped pair")
    # Operations on literals.
    for expr in [r"'\ud83c' + '\udf89'", r"'a\ud800' * 3", r"2 * '\udfff'", r"'%s' % '\ud800'",
                 r"'%c' % 0xd800", r"'%c' % 55296 + 'x'", r"'%r' % '\ud800'", r"'%a' % '\udc00'",
                 r"'%5s|' % '\ud800'", r"'%-3s|' % '\udc00'", r"'%.1s' % '\ud800\udc00'",
                 r"'\ud800%s' % 'x'", r"'%(\ud800)s' % {'\ud800': 1}", r"f'\ud800{1}' + ''",
                 r"f'{1}\udc00' + 'x'", r"f'{\"a\"!r}' + '\ud800'", r"'\ud800\udc00'[0] + ''",
                 r"'\ud800\udc00'[-1] + ''", r"'\ud800' + '\ud800'", r"('\ud800',) + ('\udc00',)",
                 r"['\ud800'] * 2", r"'\ud800' < '\udc00'", r"'a' + '\U0000dfff'",
                 # 3.11 allows no backslash in a field: the surrogate comes from '%c' % 55296 there.
                 "f\"{'%c' % 55296:>3}\" + ''", "f\"{'a%cb' % 56320:.2}\" + ''", "f\"{'%c' % 57343:^6}\" + 'x'",
                 "f\"{'%c' % 55296:*<4}\" + ''", "f\"{'e%c' % 55296:>4s}\" + ''", "f\"{'%c%c' % (55357, 56832):3}\" + ''",
                 r"'\ud800\udc00x'[::-1] + ''", r"'a\ud800b'[1:] + ''"]:
        add(call(expr), "operation")
    # Unparsed (a subscript's text is the value): str constants and f-strings with surrogates.
    for expr in [r"x['\ud800']", r"x['a\udc00\'\n']", r"x[\"\udfff'\"]", r"x[f'\udc00{y}']", r"x[f'a\udc00']",
                 r"x[f'{y!r:\ud800}']", r"x[f'\ud800{y}\n{{']", r"x[f'{y}' f'\udbff' '\udc00']", r"x[b'\ud800']"]:
        add(call(expr), "unparsed")
    # Mixed with \N{}, \x, octal and real characters.
    add(call(r"'\N{SNOWMAN}\ud800\x41\101'"), "mixed escapes")
    add(call(r"'Σ\ud800Σ'"), "sigma around a surrogate")
    add(call(r"'ΑΣ\udc00'"), "final sigma before a surrogate")
    # A text that itself holds a lone surrogate cannot be encoded (UnicodeEncodeError).
    for v in SURROGATES[:4]:
        add(call("'x'") + chr(v), "raw surrogate after the call")
        add(call(f"'{chr(v)}'"), "raw surrogate in a literal")
    add(chr(0xD800) + call("'x'"), "raw surrogate first")
    # Seeded random mixes.
    for _ in range(160):
        parts = []
        for _ in range(rng.randint(1, 5)):
            r = rng.random()
            if r < 0.45:
                parts.append(esc(rng.choice(SURROGATES), upper=rng.random() < 0.2, long=rng.random() < 0.2))
            elif r < 0.55:
                parts.append(esc(rng.choice(NEIGHBOURS)))
            else:
                c = rng.choice(PLAIN)
                parts.append("\\" + c if c in "'\\" else c)
        body = "".join(parts)
        shape = rng.randrange(5)
        if shape == 0:
            value = f"'{body}'"
        elif shape == 1:
            value = f"['{body}', '{body.upper()}']"
        elif shape == 2:
            value = f"{{'{body}': 1}}"
        elif shape == 3:
            value = f"'{body}' + '{rng.choice(PLAIN)}'"
        else:
            value = f"'{body}' * {rng.randint(0, 3)}"
        add(call(value), "random")
    return items


def cases_inputs(rng):
    items = []

    def add(gold_values, predict, note, answer_json=None, platform="Amazon", gold_platform="Amazon", kind="q"):
        answer = [gold_platform, [{"search": {"q": gold_values}}]]
        item = {"answer": answer, "query_params": ["q"] if kind == "q" else [],
                "profile_params": ["q"] if kind == "p" else [], "predict": predict, "note": note}
        if answer_json is not None:
            item["answer"] = None
            item["answer_json"] = answer_json
        items.append(item)

    def pred(value, platform="Amazon"):
        return f"{platform}:[search(q={value})]"

    lone = [chr(v) for v in SURROGATES]
    for s in lone:
        e = esc(ord(s))
        add([s], pred(f"'{e}'"), "same lone surrogate")
        add([s], pred("'" + esc(ord(s), upper=True) + "'"), "same, upper-case hex", kind="p")
        add([s], pred(r"'\ufffd'"), "U+FFFD is not a surrogate")
        add([chr(0xFFFD)], pred(f"'{e}'"), "a surrogate is not U+FFFD")
        add([s], pred(r"'\ud801'" if ord(s) != 0xD801 else r"'\ud800'"), "another surrogate")
        add(["A" + s], pred(f"'a{e}'"), "lower() around it", kind="p")
        add(["a" + s], pred(f"'A{e}'"), "upper in the prediction")
        add([[s, "x"]], pred(f"['X', '{e}']"), "a list compared as a set after lower()")
        add([[s, s]], pred(f"['{e}']"), "set semantics: repeats")
        add([s + "b"], pred(f"'{e}' + 'B'"), "a concatenation evaluated")
        add([s * 2], pred(f"'{e}' * 2"), "a repetition evaluated")
    # JSON joins an escaped pair; Python's literal does not.
    pair_json = '["Amazon", [{"search": {"q": ["\\ud83c\\udf89"]}}]]'
    add(None, pred(r"'\ud83c\udf89'"), "json pair vs literal pair", answer_json=pair_json)
    add(None, pred(r"'\U0001f389'"), "json pair vs the character", answer_json=pair_json)
    add(None, pred("'🎉'"), "json pair vs the raw character", answer_json=pair_json)
    lone_json = '["Amazon", [{"search": {"q": ["\\ud83c", "\\udf89x"]}}]]'
    add(None, pred(r"'\ud83c'"), "alternatives with lone surrogates", answer_json=lone_json)
    add(None, pred(r"'\uDF89X'"), "second alternative, lowered", answer_json=lone_json)
    add(None, pred(r"'\ud83c\udf89'"), "the two alternatives joined are not one", answer_json=lone_json)
    mixed = '["Amazon", [{"search": {"q": ["\\u00e9\\udc00\\u03a3"]}}]]'
    add(None, pred(r"'É\udc00Σ'"), "mixed, lowered", answer_json=mixed)
    add(None, pred(r"'é\udc00σ'"), "mixed, final sigma context", answer_json=mixed)
    # Platform names.
    add(["x"], pred("'x'", platform=r"'\ud83c'"), "platform with a surrogate", gold_platform="\ud83c")
    add(["x"], pred("'x'", platform=r"'\ud83d'"), "platform, another surrogate", gold_platform="\ud83c")
    add(["x"], pred("'x'", platform=r"'\ufffd'"), "platform U+FFFD", gold_platform="\ud83c")
    add(["x"], pred("'x'", platform="'Uber Eats'"), "gold platform with a surrogate", gold_platform="Uber\udc00Eats")
    add(["x"], pred("'x'", platform=r"'Uber\udc00Eats'"), "both", gold_platform="Uber\udc00Eats")
    # Dict values with surrogate keys and values (values compared exactly).
    add([{"k": "\ud800"}], pred(r"{'k': '\ud800'}"), "dict value")
    add([{"k": "\ud800"}], pred(r"{'k': '\udc00'}"), "dict value differs")
    # Gold dict keys with escapes (object keys keep lone surrogates too).
    keys_json = '["Amazon", [{"search": {"q": [{"\\ud800": 1, "a\\udc00": 2, "\\ud800": 3}]}}]]'
    for value, note in [(r"{'\ud800': 3, 'a\udc00': 2}", "dict keys, last value wins"),
                        (r"{'\ud800': 1, 'a\udc00': 2}", "dict keys, first value"),
                        (r"{'\ufffd': 3, 'a\ufffd': 2}", "dict keys U+FFFD"),
                        (r"{'\udc00': 3, 'a\ud800': 2}", "dict keys swapped surrogates"),
                        (r"{'a\udc00': 2, '\ud800': 3}", "dict keys, other order")]:
        add(None, pred(value), note, answer_json=keys_json)
    # A prediction text holding a lone surrogate: a format failure.
    add(["x"], pred("'x'") + "\ud800", "raw surrogate in the text")
    add(["\ud800"], pred("'\ud800'"), "raw surrogate in the literal")
    # Seeded random: gold and prediction drawn from a small pool, so some match.
    pool = SURROGATES[:4] + [0xFFFD, 0x61, 0x41]
    for _ in range(150):
        n = rng.randint(1, 3)
        gold = "".join(chr(rng.choice(pool)) for _ in range(n))
        if rng.random() < 0.5:
            guess = gold
        else:
            guess = "".join(chr(rng.choice(pool)) for _ in range(n))
        literal = "".join(esc(ord(c)) if 0xD800 <= ord(c) <= 0xDFFF or rng.random() < 0.3 else c for c in guess)
        if rng.random() < 0.3:
            add([[gold, "z"]], pred(f"['z', '{literal}']"), "random list")
        else:
            add([gold], pred(f"'{literal}'"), "random", kind=rng.choice("qp"))
    return items


def set_inputs(cases):
    picked = []
    chosen = cases[:40] + [c for c in cases if c["note"].startswith(("raw surrogate", "json pair", "platform"))]
    for i, c in enumerate(chosen):
        item = dict(c)
        item["split"] = "test_untrained_user" if i % 2 == 0 else "test_trained_user"
        picked.append(item)
    return picked


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/surr"
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    parse = parse_inputs(rng)
    cases = cases_inputs(rng)
    for name, items in [("parse", parse), ("cases", cases), ("set", set_inputs(cases))]:
        with open(os.path.join(out, name + ".jsonl"), "w") as f:
            for item in items:
                f.write(json.dumps(item, ensure_ascii=True) + "\n")
        print(f"{name}: {len(items)} inputs", file=sys.stderr)


if __name__ == "__main__":
    main()
