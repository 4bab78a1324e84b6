"""Writes anderson-darling-vectors.json: two-sample Anderson-Darling reference values from SciPy.

Run from this folder with the Debian python3-scipy (SciPy 1.10.1, NumPy 1.24.2):

    /usr/bin/python3 anderson_darling_vectors.py

Every case holds its two samples as `input` and `scipy.stats.anderson_ksamp([reference, current])` (default
midrank=True) as `expected`: `statistic` is SciPy's normalised statistic (A2akN - 1) / sigma_N and `pvalue` its
approximate significance level, floored at 0.001 and capped at 0.25. Cases SciPy cannot answer (fewer than four
values in all, a single distinct value) have null expectations. The numeric cases of drift-vectors.json are reused
by name (`input.driftCase`); the others are drawn from a seeded generator and rounded to six decimals before the test is run.
"""
import json
import warnings

import numpy as np
import scipy
from scipy import stats

SEED = 20261205


def expected(reference, current):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = stats.anderson_ksamp([np.asarray(reference, float), np.asarray(current, float)])
        except ValueError:
            return {"statistic": None, "pvalue": None}
    if not np.isfinite(result.statistic):
        return {"statistic": None, "pvalue": None}
    return {"statistic": float(result.statistic), "pvalue": float(result.pvalue)}


def case(name, reference, current):
    reference = [float(x) for x in reference]
    current = [float(x) for x in current]
    return {"name": name, "input": {"reference": reference, "current": current}, "expected": expected(reference, current)}


def shared_case(shared):
    """A numeric case of drift-vectors.json, named by reference so its samples are not copied."""
    data = shared["input"]
    return {"name": "drift-" + shared["name"], "input": {"driftCase": shared["name"]}, "expected": expected(data["reference"], data["current"])}


def main():
    rng = np.random.default_rng(SEED)
    rounded = lambda values: np.round(values, 6)
    cases = []
    with open("drift-vectors.json") as f:
        for shared in json.load(f)["cases"]:
            if shared["input"]["kind"] == "numeric":
                cases.append(shared_case(shared))

    cases.append(case("four-values", [1, 2], [3, 4]))
    cases.append(case("three-values-undefined", [1, 2], [3]))
    cases.append(case("one-distinct-value-undefined", [5, 5, 5], [5, 5]))
    cases.append(case("one-value-differs", [1, 1], [1, 2]))
    same = rounded(rng.normal(size=60))
    cases.append(case("identical-samples-capped", same, same))
    cases.append(case("large-shift-floored", rounded(rng.normal(size=80)), rounded(rng.normal(loc=2.0, size=70))))
    for i, shift in enumerate([0.1, 0.2, 0.25, 0.35, 0.6]):
        cases.append(case(f"normal-shift-{i}", rounded(rng.normal(size=120)), rounded(rng.normal(loc=shift, size=90))))
    for i, scale in enumerate([1.3, 1.6]):
        cases.append(case(f"normal-scale-{i}", rounded(rng.normal(size=150)), rounded(rng.normal(scale=scale, size=140))))
    cases.append(case("integer-ties", rng.integers(0, 6, size=45), rng.integers(1, 7, size=40)))
    cases.append(case("integer-ties-heavy", rng.integers(0, 3, size=200), rng.integers(0, 3, size=150) + (rng.random(150) < 0.2)))
    cases.append(case("unequal-sizes-large", rounded(rng.exponential(size=1500)), rounded(rng.exponential(scale=1.08, size=1100))))

    document = {
        "seed": SEED,
        "generator": {
            "script": "anderson_darling_vectors.py",
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "function": "scipy.stats.anderson_ksamp([reference, current]) with midrank=True",
        },
        "cases": cases,
    }
    with open("anderson-darling-vectors.json", "w") as f:
        json.dump(document, f, separators=(",", ":"))
        f.write("\n")
    for c in cases:
        print(c["name"], c["expected"])


if __name__ == "__main__":
    main()
