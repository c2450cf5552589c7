from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.contingency_tables import mcnemar
for k, n in [(0, 10), (7, 10), (10, 10), (1, 1), (500, 1083), (9876, 10000)]:
    lo, hi = proportion_confint(k, n, alpha=0.05, method='wilson')
    print(f"wilson {k} {n} {lo!r} {hi!r}")
for b, c in [(0, 0), (1, 0), (0, 5), (3, 7), (10, 10), (12, 30), (4900, 5100), (4000, 6000), (1, 9999), (20, 4)]:
    p = mcnemar([[0, b], [c, 0]], exact=True).pvalue
    print(f"mcnemar {b} {c} {p!r}")
