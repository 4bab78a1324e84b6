"""Reference p-values and q-values for the worst-slice search's significance tests.

Run with the system Python (/usr/bin/python3, Debian's python3-scipy and python3-statsmodels):
    /usr/bin/python3 slice_significance_vectors.py > slice-significance-vectors.json
"""
import json

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

rng = np.random.default_rng(20211)
cases = []

for name, counts in [
    ("z-balanced", (40, 100, 30, 120)),
    ("z-large", (4967, 10000, 31890, 100000)),
    ("z-equal", (25, 100, 50, 200)),
    ("z-tiny-p", (900, 1800, 18234, 58200)),
]:
    s1, n1, s2, n2 = counts
    _, p = proportions_ztest([s1, s2], [n1, n2], alternative="two-sided")
    cases.append({"name": name, "input": {"test": "twoProportionZ", "counts": list(counts)}, "expected": {"pValue": float(p)}})

for name, table in [
    ("fisher-small", ((3, 7), (12, 80))),
    ("fisher-zero", ((0, 20), (15, 300))),
    ("fisher-all", ((6, 0), (40, 60))),
    ("fisher-balanced", ((2, 3), (4, 1))),
]:
    _, p = stats.fisher_exact(table, alternative="two-sided")
    cases.append({"name": name, "input": {"test": "fisherExact", "table": [list(r) for r in table]}, "expected": {"pValue": float(p)}})

for name, (n1, m1, s1, n2, m2, s2) in [
    ("welch-shifted", (40, 1.3, 0.8, 400, 1.0, 0.5)),
    ("welch-same", (60, 2.0, 1.0, 90, 2.0, 3.0)),
    ("welch-small", (5, 0.4, 0.2, 30, 0.9, 0.7)),
]:
    a = np.abs(rng.normal(m1, s1, n1))
    b = np.abs(rng.normal(m2, s2, n2))
    _, p = stats.ttest_ind(a, b, equal_var=False)
    cases.append({"name": name, "input": {"test": "welchT", "slice": a.tolist(), "rest": b.tolist()}, "expected": {"pValue": float(p)}})

for name, pvalues in [
    ("bh-mixed", [0.01, 0.04, 0.03, 0.005, 0.2, 0.9, 0.04, 1.0]),
    ("bh-random", rng.uniform(0, 0.2, 25).tolist()),
    ("bh-ties", [0.02, 0.02, 0.02, 0.5]),
]:
    _, q, _, _ = multipletests(pvalues, method="fdr_bh")
    cases.append({"name": name, "input": {"test": "benjaminiHochberg", "pValues": pvalues}, "expected": {"qValues": q.tolist()}})

print(json.dumps({
    "generator": "slice_significance_vectors.py",
    "libraries": {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__},
    "cases": cases,
}, indent=1))
