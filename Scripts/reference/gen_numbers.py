#!/usr/bin/env python3
"""Inputs for the reference vectors of issue 13, class 5: integers beyond 2^53 as floats.

Every path where Python turns an int into a float, each correctly rounded (half to even): the
±0.01 window of `include` around an integer gold value (`x <= z + 0.01`: the int x is compared
with the float exactly, z is converted), true division (`int / int` is correctly rounded as a
whole, subnormals and overflow included), promotion in mixed arithmetic and comparisons, `%f`,
`%e`, `%g` and f-string `{:f}`-style formatting, and `float()`'s OverflowError.

Regenerate (generator → harness → fixture):

    python3 Scripts/reference/gen_numbers.py parse > /tmp/parse-numbers-in.jsonl
    python3 Scripts/reference/ptbench_reference.py parse /tmp/parse-numbers-in.jsonl \\
        Tests/EvaluatorTests/Fixtures/reference/parse-numbers.jsonl
    python3 Scripts/reference/gen_numbers.py cases > /tmp/cases-numbers-in.jsonl
    python3 Scripts/reference/ptbench_reference.py cases /tmp/cases-numbers-in.jsonl \\
        Tests/EvaluatorTests/Fixtures/reference/cases-numbers.jsonl

The random part is seeded, so the output is the same on every run.
"""
import json
import random
import sys

# Integers where rounding to 53 bits is decided: exact halves (ties to even, both ways), just
# above and below a half, carries into the next power of two, the largest finite double and
# the first int that overflows.
EDGES = []
for k in (53, 54, 55, 60, 63, 64, 65, 100, 127, 128, 200, 500, 1000, 1023):
    base = 1 << k
    ulp = 1 << (k - 52)
    for d in (0, 1, -1, ulp // 2, ulp // 2 + 1, ulp // 2 - 1, ulp + ulp // 2, ulp + ulp // 2 - 1,
              ulp + ulp // 2 + 1, ulp, 3 * ulp // 2 + ulp):
        EDGES.append(base + d)
    EDGES.append(base - 1)
    EDGES.append(base - ulp // 4)
MAXF = (2 ** 53 - 1) << 971
EDGES += [MAXF, MAXF + (1 << 969), MAXF + (1 << 970) - 1, MAXF + (1 << 970), 2 ** 1024 - 1, 2 ** 1024,
          9007199254740993, 18014398509481987, 10 ** 16 + 1, 10 ** 17 + 3, 10 ** 22 + 1, 10 ** 23,
          123456789012345678901234567890, 10 ** 308, 10 ** 309]


def rand_int(rng):
    bits = rng.choice([54, 55, 60, 64, 65, 70, 80, 100, 128, 300, 1000, 1023, 1024, 1025])
    n = rng.getrandbits(bits) | (1 << (bits - 1))
    if rng.random() < 0.3:
        # Force a tie or a near-tie below the 53rd bit.
        low = bits - 53
        if low > 1:
            n = (n >> low) << low
            n |= rng.choice([1 << (low - 1), (1 << (low - 1)) + 1, (1 << (low - 1)) - 1])
    return -n if rng.random() < 0.25 else n


def call(expr):
    return "Shop:[f(x=" + expr + ")]"


def parse_inputs():
    out = []
    for n in EDGES:
        out.append(call(str(n) + " * 1.0"))
        out.append(call("-" + str(n) + " / 1"))
        out.append(call(str(n) + " / 3"))
        out.append(call("'%.17e' % " + str(n)))
        out.append(call("(" + str(n) + " < " + repr(float(min(n, 2 ** 1023))) + ") + 0"))
    # True division with quotients at every scale: subnormal, underflow to zero, overflow.
    for expr in ["2**60/3", "(2**53+1)/1", "(2**54+3)/2", "10**400/10**399", "1/10**400", "3/10**310",
                 "10**320/10**5", "2**1024/1", "2**1025/2", "2**2000/2**1000", "-(2**64+1)/7",
                 "(2**53+1)/(2**53-1)", "(10**30+1)/(10**15)", "1/(2**1074)", "1/(2**1075)",
                 "3/(2**1076)", "2**-1074 + 0", "(2**1074+2**1073)/2**2148", "0/10**400", "-0/10**400",
                 "(-2**64)/(2**64)", "10**300/10**-1", "7/-(2**70)", "2**1023*2/1", "(2**1024-2**970)/1",
                 "(2**1024-2**970-1)/1", "(2**1024-2**971)/1", "int/1", "2**64 % 2.5", "2**64 // 3.0",
                 "2**100 ** 0.5", "2.0 ** (2**64)", "(2**64+1) - 2.0**64", "(2**64 + 1.0) - 2**64",
                 "2**1024 + 1.0", "2**1024 * 0.0", "1.5 * 2**1023", "2**1024 < 1.0", "(2**1024 > 1e308) + 0",
                 "(2**53+1 == 2.0**53) + 0", "(2**53+1 > 2.0**53) + 0", "(2**64 == 2.0**64) + 0",
                 "(2**1024 == float('inf')) + 0", "(10**400 > 1e308) + 0", "(-10**400 < -1e308) + 0",
                 "(2**53+1) + 0j", "(2**64+1) * 1j", "2**1024 + 0j", "'%f' % 2**1024", "'%e' % -2**1024",
                 "'%d' % 1e20", "'%d' % 2.0**70", "'%i' % -1.5e19", "'%x' % 2**70", "'%.0f' % (2**64+1)",
                 "'%.20e' % (2**54+3)", "'%.17g' % (2**53+1)", "'%#.0f' % 10**22", "'%+.2f' % 10**16",
                 "'%010.1f' % (2**60+1)", "'%s' % (2**64/3)", "'%r' % (2**60 * 1.5)",
                 "f'{2**64:f}' + ''", "f'{2**64+1:e}' + ''", "f'{10**22+1:g}' + ''", "f'{2**54+3:.1f}' + ''",
                 "f'{2**70:.3%}' + ''", "f'{2**1024:f}' + ''", "f'{-(2**64):,.2f}' + ''", "f'{2**64:n}' + ''",
                 "f'{2**53+1:.0f}' + ''", "f'{(2**53+1)/1}' + ''", "f'{2**64:E}' + ''", "f'{2**64:G}' + ''",
                 "f'{2**64:_}' + ''", "f'{2**64:,}' + ''", "f'{2**64:x}' + ''", "f'{2**64:#b}' + ''",
                 "True / 3", "True + 2**63", "2**63 * True", "2**64 / True", "2**64 / False"]:
        out.append(call(expr))
    rng = random.Random(1305)
    ops = ["{a} / {b}", "{a} * 1.0", "{a} + 0.5", "{a} - 1e-3", "{a} / 3", "1e300 / {a}", "{a} / {b} * 2",
           "'%.6e' % {a}", "'%f' % ({a} / {b})", "f'{{{a}:e}}' + ''", "({a} <= {a}.0) + 0"]
    for _ in range(300):
        a, b = rand_int(rng), rand_int(rng)
        if rng.random() < 0.3:
            b = rng.choice([3, 7, 10, 1000003, -3])
        template = rng.choice(ops)
        if "{a}.0" in template:
            expr = "(%d <= %r) + 0" % (a, float(a) if abs(a) < 2 ** 1023 else 1e308)
        else:
            expr = template.format(a="(%d)" % a, b="(%d)" % b)
        out.append(call(expr))
    return out


def cases_inputs():
    out = []

    def case(gold_text, predict, note=""):
        out.append({"answer_json": '["Shop", [{"f": {"x": ' + gold_text + '}}]]', "query_params": ["x"],
                    "profile_params": [], "predict": predict})

    golds = ["[9007199254740993]", "[9007199254740992]", "[1e16]", "[18014398509481987]", "[1.8014398509481988e16]",
             "[10000000000000001]", "[99999999999999999]", "[123456789012345678901234567890]",
             "[1.2345678901234568e29]", "[179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222473107589328044950232051584013891522138214617280044949232066957]",
             "[17976931348623157e292]", "[1e309]", "[-9007199254740993]", "[9223372036854775807]",
             "[9223372036854775808]", "[18446744073709551615]", "[18446744073709551617]", "[true]", "[0.005]",
             "[1e400]", "[-1e400]", "[NaN]", "[\"9007199254740993\"]", "[[1]]", "[{}]", "[null]", "[]",
             "[295147905179352825856]", "[295147905179352825857]", "[2.9514790517935283e20]"]
    preds = ["9007199254740992", "9007199254740993", "9007199254740994", "9007199254740991", "10000000000000000",
             "10000000000000001", "10000000000000002", "18014398509481984", "18014398509481988",
             "18014398509481987", "18014398509481986", "99999999999999999", "100000000000000000",
             "123456789012345678901234567890", "123456789012345677877719597056", "123456789012345678000000000000",
             "-9007199254740993", "-9007199254740992", "9223372036854775807", "9223372036854775808",
             "9223372036854775806", "18446744073709551616", "18446744073709551615", "295147905179352825856",
             "295147905179352825857", "295147905179352891392", "1", "0", "True", "2**53+1", "10**16",
             "10**309", "2**1024", "1.0e16", "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222473107589328044950232051584013891522138214617280044949232066957"]
    for g in golds:
        for p in preds:
            case(g, "Shop:[f(x=" + p + ")]")
    rng = random.Random(1306)
    for _ in range(150):
        n = abs(rand_int(rng))
        if n >= 2 ** 1024:
            n >>= rng.randint(1, 900)
        g = rng.choice([str(n), repr(float(n)) if n < 2 ** 1024 else str(n)])
        p = n + rng.choice([-2, -1, 0, 1, 2, 1 << max(0, n.bit_length() - 54), -(1 << max(0, n.bit_length() - 54))])
        case("[" + g + "]", "Shop:[f(x=" + str(p) + ")]")
    # The window holds exactly the int equal to float(gold): predict it, and its neighbours one
    # unit in the last place away (where a conversion that truncates or rounds wrongly lands).
    for _ in range(120):
        bits = rng.choice([64, 65, 70, 100, 200, 1000])
        low = bits - 53
        n = rng.getrandbits(bits) | (1 << (bits - 1))
        n = (n >> low) << low | rng.choice([1 << (low - 1) | 1, (1 << (low - 1)) + (1 << (low - 2)), 1 << (low - 1)])
        centre = int(float(n))
        for p in (centre, centre - (1 << low), centre + (1 << low)):
            case("[" + str(n) + "]", "Shop:[f(x=" + str(p) + ")]")
    # Realistic predictions.
    for g, p in [("[1.0]", "Amazon:[f(x=2**60/3)]"), ("[384307168202282325.3333]", "Amazon:[f(x=2**60/3)]"),
                 ("[59.97]", "Shop:[f(x=19.99*3)]"), ("[60]", "Shop:[f(x=20*3)]"),
                 ("[9007199254740993]", "Shop:[f(x=9007199254740993)]")]:
        case(g, p)
    return out


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "parse"
    if kind == "parse":
        for text in parse_inputs():
            print(json.dumps({"input": text}))
    else:
        for item in cases_inputs():
            print(json.dumps(item))
