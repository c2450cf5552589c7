# An independent re-implementation of ptscope's PairedBootstrap (SplitMix64, multiply-high
# index, per-stratum resampling, numpy-style linear percentiles) for the test vectors.
import sys
M = (1 << 64) - 1
class SM:
    def __init__(s, seed): s.state = seed & M
    def next(s):
        s.state = (s.state + 0x9E3779B97F4A7C15) & M
        z = s.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)
    def below(s, n): return (s.next() * n) >> 64
def interval(strata, R, seed):
    tot = sum(w for _, _, w in strata)
    rng = SM(seed); vals = []
    for _ in range(R):
        v = 0.0
        for a, b, w in strata:
            d = [int(y) - int(x) for x, y in zip(a, b)]
            s = sum(d[rng.below(len(d))] for _ in range(len(d)))
            v += s * (w / tot / len(d))
        vals.append(v)
    vals.sort()
    def pct(p):
        h = p * (len(vals) - 1); lo = int(h); hi = min(lo + 1, len(vals) - 1)
        return vals[lo] + (h - lo) * (vals[hi] - vals[lo])
    return pct(0.025), pct(0.975)
rng = SM(0)
print("first SplitMix64(0) outputs", [hex(rng.next()) for _ in range(3)])
# Stratum 1: 40 cases, 2: 30 cases; pattern fixed by index.
a1 = [i % 3 != 0 for i in range(40)]; b1 = [i % 4 != 0 for i in range(40)]
a2 = [i % 2 == 0 for i in range(30)]; b2 = [i % 5 != 1 for i in range(30)]
print("single", repr(interval([(a1, b1, 1.0)], 2000, 7)))
print("strata", repr(interval([(a1, b1, 609.0), (a2, b2, 474.0)], 2000, 7)))
