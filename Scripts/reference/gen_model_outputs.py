#!/usr/bin/env python3
"""Predictions written the way real models write them, for every branch of PTBench's scorer.

    python3 Scripts/reference/gen_model_outputs.py OUT_DIR [--seed 7] [--cases 2500]

Writes OUT_DIR/cases.in.jsonl (gold + prediction pairs, with a split each) and
OUT_DIR/parse.in.jsonl (the prediction texts alone). Then the reference is run on them:

    R=Scripts/reference/ptbench_reference.py F=Tests/EvaluatorTests/Fixtures/reference
    python3 $R parse OUT_DIR/parse.in.jsonl $F/parse-generated.jsonl
    python3 $R cases OUT_DIR/cases.in.jsonl $F/cases-generated.jsonl
    head -600 OUT_DIR/cases.in.jsonl > OUT_DIR/set.in.jsonl
    python3 $R set OUT_DIR/set.in.jsonl $F/sets/model_outputs

Scripts/reference/reference_coverage.py OUT_DIR/cases.in.jsonl shows that these inputs run every
line of the reference's parse, evaluate, error_analysis and include functions (but two that
can never run).

The gold answers come from the bundled sample (invented data shaped like PTBench's): every
value type PTBench's gold has (lists of alternative strings, ints, floats, bools, lists of
lists). Each prediction starts from the gold and goes through one or more rewrites, each
named in the vector's "rules" field, covering the branches of the reference's functions:

  ast_parse: platform as a bare name, a string, a number, an attribute or a call; the body as
    one call, a list, a tuple, a set, a non-call element, nothing; dotted and called function
    names; keyword and positional arguments, `**kwargs`, repeated keywords; every value node
    (constants, `-x`/`+x`/`not x`/`~x`, lists, tuples, dicts with `**`, sets, names, calls with
    and without keywords, binary operations on literals and on names, subscripts, lambdas,
    f-strings, comparisons, conditional expressions, starred values, attributes).
  evaluate / error_analysis: platform equal or not (case), functions missing, extra, repeated,
    renamed; parameters missing, extra, renamed; values equal, in another case, another
    alternative, within and beyond 0.01, int for float and float for int, bool for int,
    'true' strings, lists in another order or case, a str against non-str gold, empty lists.
  the way models write: single or double quotes, spaces and newlines between calls, a
    trailing comma, JSON literals (true/false/null) as bare names, numbers as strings, unicode
    text and escapes, think blocks, Markdown fences, prose before or after, a JSON object,
    <tool_call> tags; curly quotes, a fullwidth colon, no-break and zero-width spaces, a byte
    order mark, CRLF line ends, tabs, emoji.
"""
import argparse
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "Sources", "Sample", "Data", "data")
SPLITS = ["test_untrained_user", "test_trained_user"]


def load_gold():
    cases = []
    for split in SPLITS:
        with open(os.path.join(SAMPLE, split, "data.json"), encoding="utf-8") as f:
            for c in json.load(f):
                cases.append((split, c["answer"], c["query_params"], c["profile_params"]))
    return cases


def py(v, rnd, quote=None):
    """A Python literal for a JSON value, in a style a model might use."""
    if isinstance(v, bool):
        return rnd.choice(["True", "True", "true", "1"]) if v else rnd.choice(["False", "False", "false", "0"])
    if isinstance(v, int):
        return rnd.choice([str(v), str(v), f"{v}.0", f"'{v}'", f"{v} + 0"]) if rnd.random() < 0.15 else str(v)
    if isinstance(v, float):
        return rnd.choice([repr(v), repr(v), f"{v:.1f}", f"{v + 0.004!r}", f"{v + 0.02!r}", str(int(v))])
    if isinstance(v, str):
        q = quote or rnd.choice(["'", "'", '"'])
        s = v.replace("\\", "\\\\").replace(q, "\\" + q)
        return q + s + q
    if isinstance(v, list):
        items = [py(x, rnd, quote) for x in v]
        if rnd.random() < 0.2:
            items.reverse()
        return "[" + ", ".join(items) + "]"
    return repr(v)


def value_rewrite(v, rnd):
    """A rewrite of one gold value and its rule name."""
    choices = []
    if isinstance(v, str) and v:
        choices += [
            ("upper", lambda: py(v.upper(), rnd)), ("concat", lambda: f"{py(v[:1], rnd)} + {py(v[1:], rnd)}"),
            ("fstring", lambda: "f" + py(v, rnd)), ("slice_op", lambda: f"{py(v + 'zz', rnd)}[:{len(v)}] + ''"),
            ("unicode_escape", lambda: "'" + "".join(f"\\u{ord(c):04x}" if c.isalpha() and ord(c) < 0x10000 else c for c in v) + "'"),
            ("name_escape", lambda: "'" + v.replace("e", "\\N{LATIN SMALL LETTER E}") + "'"),
            ("wrong", lambda: py(v + " please", rnd)), ("name", lambda: "user.home_address"),
            ("call_no_kw", lambda: f"get_profile({py(v, rnd)})"), ("bytes", lambda: "b" + py(v.encode('ascii', 'ignore').decode(), rnd)),
            ("truthy_text", lambda: rnd.choice(["'true'", "'false'", "'True'"])),
            ("list_wrap", lambda: f"[{py(v, rnd)}]"), ("tuple_wrap", lambda: f"({py(v, rnd)},)"),
            ("implicit_concat", lambda: py(v[: len(v) // 2], rnd, "'") + " " + py(v[len(v) // 2:], rnd, "'")),
            ("percent", lambda: "'%s' % " + py(v, rnd)), ("repeat", lambda: f"{py(v, rnd)} * 1"),
            ("ifexp", lambda: f"{py(v, rnd)} if True else 'x'"), ("compare", lambda: f"{py(v, rnd)} == 'x'"),
        ]
    if isinstance(v, bool):
        choices += [("bool_as_int", lambda: "1" if v else "0"), ("bool_text", lambda: "'true'" if v else "'false'"),
                    ("not", lambda: "not False" if v else "not True"), ("json_bool", lambda: "true" if v else "false")]
    elif isinstance(v, int):
        choices += [
            ("int_float", lambda: f"{v}.0"), ("int_near", lambda: repr(v + 0.005)), ("int_far", lambda: repr(v + 0.5)),
            ("int_str", lambda: f"'{v}'"), ("negative", lambda: f"-{v}"), ("plus", lambda: f"+{v}"), ("invert", lambda: f"~{v}"),
            ("arith", lambda: f"{v - 1} + 1"), ("div", lambda: f"{v * 2} / 2"), ("floordiv", lambda: f"{v * 2 + 1} // 2"),
            ("big", lambda: str(v + 2 ** 60)), ("hex", lambda: hex(v)), ("underscore", lambda: f"{v:_}"),
            ("power", lambda: f"{v} ** 1"), ("negneg", lambda: f"-(-{v})"), ("complex", lambda: f"{v} + 0j"),
        ]
    elif isinstance(v, float):
        choices += [("float_near", lambda: repr(v + 0.009)), ("float_far", lambda: repr(v + 0.011)),
                    ("float_str", lambda: f"'{v}'"), ("float_exp", lambda: f"{v:e}"), ("float_int", lambda: str(round(v))),
                    ("float_arith", lambda: f"{v} * 1")]
    elif isinstance(v, list):
        choices += [
            ("list_reorder", lambda: py(list(reversed(v)), rnd)), ("list_upper", lambda: py([str(x).upper() for x in v], rnd)),
            ("list_partial", lambda: py(v[:-1], rnd)), ("list_tuple", lambda: "(" + ", ".join(py(x, rnd) for x in v) + ",)"),
            ("list_set", lambda: "{" + ", ".join(py(x, rnd) for x in v) + "}" if v else "set()"),
            ("list_joined", lambda: py(", ".join(map(str, v)), rnd)), ("list_concat", lambda: f"{py(v[:1], rnd)} + {py(v[1:], rnd)}"),
            ("list_dup", lambda: py(v + v[:1], rnd)), ("list_empty", lambda: "[]"),
        ]
    choices += [("none", lambda: "None"), ("json_null", lambda: "null"), ("dict", lambda: "{'value': " + py(v, rnd) + "}"),
                ("dict_unpack", lambda: "{**{'a': 1}}"), ("lambda", lambda: "lambda: 1"), ("starred", lambda: "[*'ab']"),
                ("attribute", lambda: "profile.address"), ("subscript_name", lambda: "profile['address']"),
                ("ellipsis", lambda: "..."), ("call_kw", lambda: "lookup(key='home')"), ("walrus", lambda: "(x := 1)")]
    name, make = rnd.choice(choices)
    return name, make()


def render(platform, calls, rnd, rules):
    """The prediction text for a platform and a list of (name, [(key, text)]) calls."""
    sep = rnd.choice([", ", ", ", ",", ",\n", ",\n  "])
    kv = rnd.choice(["=", "=", " = "])
    parts = []
    for name, args in calls:
        inner = (", " if rnd.random() < 0.9 else ",\n    ").join(f"{k}{kv}{t}" if k is not None else t for k, t in args)
        if rnd.random() < 0.05:
            inner += ","
            rules.append("trailing_comma_args")
        parts.append(f"{name}({inner})")
    body = sep.join(parts)
    style = rnd.random()
    if style < 0.06 and len(parts) == 1:
        rules.append("bare_call")
        body_text = body
    elif style < 0.1:
        rules.append("tuple_body")
        body_text = "(" + body + ",)"
    elif style < 0.12:
        rules.append("set_body")
        body_text = "{" + body + "}"
    else:
        body_text = "[" + body + ("," if rnd.random() < 0.05 else "") + "]"
    pstyle = rnd.random()
    if pstyle < 0.1:
        rules.append("platform_string")
        ptext = py(platform, rnd)
    elif pstyle < 0.13:
        rules.append("platform_lower")
        ptext = platform.lower() if platform.replace("_", "").isalnum() else py(platform.lower(), rnd)
    elif pstyle < 0.15:
        rules.append(rnd.choice(["platform_number", "platform_attribute", "platform_call", "platform_none"]))
        ptext = {"platform_number": "1", "platform_attribute": "api.Amazon", "platform_call": "Amazon()",
                 "platform_none": "None"}[rules[-1]]
    elif pstyle < 0.17:
        rules.append("platform_other")
        ptext = rnd.choice(["Amazon", "Uber Eats", "Google Maps", "'Uber Eats'", "platform"])
    else:
        ptext = platform if platform.replace("_", "").isalnum() and not platform[:1].isdigit() else py(platform, rnd)
    colon = rnd.choice([":", ":", ": ", " : "])
    text = f"{ptext}{colon}{body_text}"
    wrap = rnd.random()
    if wrap < 0.04:
        rules.append("think")
        text = f"<think>The user wants {platform}.</think>\n{text}"
    elif wrap < 0.07:
        rules.append("fence")
        text = f"```python\n{text}\n```"
    elif wrap < 0.09:
        rules.append("prose")
        text = f"Sure! Here is the call:\n{text}"
    elif wrap < 0.1:
        rules.append("newline_around")
        text = f"\n{text}\n"
    elif wrap < 0.11:
        rules.append("comment")
        text = f"{text}  # done"
    elif wrap < 0.12:
        rules.append("tool_call_tags")
        text = f"<tool_call>\n{text}\n</tool_call>"
    # Odd Unicode and layout models produce: curly quotes, a fullwidth colon, no-break and
    # zero-width spaces, a byte order mark, CRLF line ends, tabs.
    odd = rnd.random()
    if odd < 0.02:
        rules.append("curly_quotes")
        text = text.replace("'", "\u2019", 2).replace("'", "\u2018", 1)
    elif odd < 0.035:
        rules.append("fullwidth_colon")
        text = text.replace(":", "\uff1a", 1)
    elif odd < 0.05:
        rules.append("nbsp")
        text = text.replace(" ", "\u00a0", 1)
    elif odd < 0.06:
        rules.append("zero_width")
        text = text.replace("(", "\u200b(", 1)
    elif odd < 0.07:
        rules.append("bom")
        text = "\ufeff" + text
    elif odd < 0.085:
        rules.append("crlf")
        text = text.replace("\n", "\r\n")
    elif odd < 0.1:
        rules.append("tabs")
        text = text.replace(", ", ",\t")
    elif odd < 0.11:
        rules.append("emoji")
        text = text.replace("')", " \U0001F600')", 1)
    return text


def prediction(answer, rnd):
    """A model-like prediction for one gold answer and the names of the rewrites it went through."""
    platform, funcs = answer
    rules = []
    calls = []
    for f in funcs:
        for name, params in f.items():
            args = []
            for key, alts in params.items():
                value = rnd.choice(alts) if alts else None
                if rnd.random() < 0.3:
                    rule, text = value_rewrite(value, rnd)
                    rules.append(rule)
                else:
                    text = py(value, rnd)
                args.append((key, text))
            calls.append([name, args])
    # Structural rewrites of functions and parameters.
    for _ in range(rnd.choice([0, 0, 1, 1, 2])):
        kind = rnd.choice(["drop_param", "extra_param", "rename_param", "drop_func", "extra_func", "rename_func",
                           "repeat_func", "dotted_func", "positional", "kwargs", "repeat_kw", "swap_funcs",
                           "platform_wrong", "platform_case", "called_func", "non_call_element", "empty_body"])
        rules.append(kind)
        if kind == "drop_param" and calls and calls[0][1]:
            calls[0][1].pop(rnd.randrange(len(calls[0][1])))
        elif kind == "extra_param" and calls:
            calls[0][1].append(("note", py("asap", rnd)))
        elif kind == "rename_param" and calls and calls[0][1]:
            k, t = calls[0][1][0]
            calls[0][1][0] = ((k or "arg") + "_name", t)
        elif kind == "drop_func" and calls:
            calls.pop()
        elif kind == "extra_func":
            calls.append(["get_user_profile", [("user_id", "'me'")]])
        elif kind == "rename_func" and calls:
            calls[0][0] = calls[0][0] + "s"
        elif kind == "repeat_func" and calls:
            calls.append([calls[0][0], list(calls[0][1])])
        elif kind == "dotted_func" and calls:
            calls[0][0] = rnd.choice(["default_api.", "api.", "tools.v1."]) + calls[0][0]
        elif kind == "called_func" and calls:
            calls[0][0] = calls[0][0] + "()"
        elif kind == "positional" and calls:
            calls[0][1].insert(0, (None, "'positional'"))
        elif kind == "kwargs" and calls:
            calls[0][1].append((None, "**{'extra': 1}"))
        elif kind == "repeat_kw" and calls and calls[0][1]:
            calls[0][1].append(calls[0][1][0])
        elif kind == "swap_funcs" and len(calls) > 1:
            calls.reverse()
        elif kind == "platform_wrong":
            platform = rnd.choice(["Amazon", "Walmart", "Lark", "DoorDash", "Expedia"])
        elif kind == "platform_case":
            platform = platform.upper()
        elif kind == "non_call_element":
            calls.append(["", [(None, "'just text'")]])
        elif kind == "empty_body":
            calls = []
    text = render(platform, calls, rnd, rules)
    if rnd.random() < 0.03:
        rules.append("json_object")
        text = json.dumps({"platform": platform, "functions": [{"name": n, "parameters": {k: t for k, t in a if k and not k.startswith("*")}} for n, a in calls]})
    return text, rules


def odd_params(qp, pp, rnd):
    """query_params/profile_params, sometimes shaped oddly (a string, duplicates, unknown names)."""
    r = rnd.random()
    if r < 0.02:
        return " ".join(qp), pp, ["query_params_string"]
    if r < 0.04:
        return qp + qp[:1], pp, ["query_params_duplicate"]
    if r < 0.06:
        return qp, pp + ["nonexistent"], ["profile_params_unknown"]
    if r < 0.09:  # an extra or renamed predicted parameter that is listed as a query parameter
        return qp + ["note", "keyword_name", "order_id_name"], pp, ["query_params_extra_names"]
    if r < 0.12:
        return qp, pp + ["note", "keyword_name", "recipient_name"], ["profile_params_extra_names"]
    return qp, pp, []


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cases", type=int, default=2500)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    gold = load_gold()
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "cases.in.jsonl"), "w", encoding="utf-8") as cf, \
            open(os.path.join(a.out, "parse.in.jsonl"), "w", encoding="utf-8") as pf:
        for n in range(a.cases):
            split, answer, qp, pp = gold[n % len(gold)] if n < len(gold) else rnd.choice(gold)
            text, rules = prediction(answer, rnd)
            qp2, pp2, prules = odd_params(qp, pp, rnd)
            item = {"split": split, "answer": answer, "query_params": qp2, "profile_params": pp2, "predict": text,
                    "rules": rules + prules}
            cf.write(json.dumps(item, ensure_ascii=False) + "\n")
            pf.write(json.dumps({"input": text, "rules": rules}, ensure_ascii=False) + "\n")
    print(f"{a.cases} cases and predictions written to {a.out}")


if __name__ == "__main__":
    main()
