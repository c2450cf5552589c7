#!/usr/bin/env python3
"""Floats formatted with a precision past a double's exact expansion (1,074 digits after the
point, 767 significant), where every further digit is a zero: `%.Nf`, `%.Ne`, `%.Ng` in str and
bytes `%` formatting and f-string specs, around the 1,100-digit point where ptscope stops asking
glibc and appends the zeros itself.

    python3 Scripts/reference/gen_precision.py /tmp/precision.jsonl
    python3 Scripts/reference/ptbench_reference.py parse /tmp/precision.jsonl \\
        Tests/EvaluatorTests/Fixtures/reference/parse-precision.jsonl
"""
import json
import sys

VALUES = ["0.1", "5e-324", "2.2250738585072014e-308", "1e300", "1.7976931348623157e308", "-0.0", "2", "-1.5",
          "123456.789", "1/3", "2**-1074 * 3", "10**22 * 1.0"]
PRECISIONS = [1099, 1100, 1101, 1250]


def main():
    inputs = []
    for v in VALUES:
        for p in PRECISIONS:
            for conv in "fFeEgG":
                inputs.append(f"'%.{p}{conv}' % ({v})")
            inputs.append(f"b'%#.{p}e' % ({v})")
            inputs.append(f"f'{{{v}:.{p}f}}' + ''")
            inputs.append(f"f'{{{v}:.{p}e}}' + ''")
            inputs.append(f"f'{{{v}:#.{p}g}}' + ''")
            inputs.append(f"f'{{{v}:>{p + 5}.{p}E}}' + ''")
    with open(sys.argv[1], "w") as f:
        for expr in inputs:
            f.write(json.dumps({"input": f"Amazon:[f(x={expr})]"}) + "\n")


if __name__ == "__main__":
    main()
