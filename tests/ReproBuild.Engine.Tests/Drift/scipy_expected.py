#!/usr/bin/env python3
"""Writes scipy-expected.json: the drift statistics SciPy (and Evidently's recipes around it) give on fixed data.

The C# tests (DriftStatisticsTests) read the data and the expected values from that file, so the suite needs no
Python. Regenerate after changing a case: /usr/bin/python3 scipy_expected.py (Debian's python3-scipy, python3-numpy).
Evidently's recipes are written out below from its stattests (chisquare, jensenshannon, psi, wasserstein_distance_norm,
get_binned_data) so that the expected values do not depend on an Evidently install.
"""
import json
import os

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance


def binned(reference, current, numeric, fill_zeroes):
    """Evidently's get_binned_data."""
    reference = np.asarray(reference)
    current = np.asarray(current)
    if numeric and len(np.unique(reference)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([reference, current]), bins="sturges")
        reference_percents = np.histogram(reference, bins)[0] / len(reference)
        current_percents = np.histogram(current, bins)[0] / len(current)
    else:
        keys = sorted(set(reference.tolist()) | set(current.tolist()))
        reference_percents = np.array([np.sum(reference == k) / len(reference) for k in keys])
        current_percents = np.array([np.sum(current == k) / len(current) for k in keys])
    if fill_zeroes:
        for percents in (reference_percents, current_percents):
            smallest = min(percents[percents != 0])
            np.place(percents, percents == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return reference_percents, current_percents


def chi_square(reference, current):
    """Evidently's chi_stat_test: current counts against reference frequencies scaled to the current total."""
    keys = sorted(set(reference) | set(current))
    k_norm = len(current) / len(reference)
    f_exp = [reference.count(k) * k_norm for k in keys]
    f_obs = [current.count(k) for k in keys]
    with np.errstate(divide="ignore", invalid="ignore"):
        return stats.chisquare(f_obs, f_exp)[1]


def numeric_case(name, reference, current):
    reference = [float(v) for v in reference]
    current = [float(v) for v in current]
    exact = stats.ks_2samp(reference, current, method="exact")
    auto = stats.ks_2samp(reference, current)
    js_ref, js_cur = binned(reference, current, True, False)
    psi_ref, psi_cur = binned(reference, current, True, True)
    return {
        "name": name,
        "reference": reference,
        "current": current,
        "ksStatistic": float(exact.statistic),
        "ksPValue": float(exact.pvalue),
        "ksPValueScipyDefault": float(auto.pvalue),
        "wassersteinNormed": float(stats.wasserstein_distance(reference, current) / max(np.std(reference), 0.001)),
        "referenceDeviation": float(np.std(reference)),
        "jensenShannon": float(distance.jensenshannon(js_ref, js_cur)),
        "psi": float(np.sum((psi_ref - psi_cur) * np.log(psi_ref / psi_cur))),
    }


def categorical_case(name, reference, current):
    js_ref, js_cur = binned(reference, current, False, False)
    psi_ref, psi_cur = binned(reference, current, False, True)
    return {
        "name": name,
        "reference": reference,
        "current": current,
        "chiSquarePValue": float(chi_square(reference, current)),
        "jensenShannon": float(distance.jensenshannon(js_ref, js_cur)),
        "psi": float(np.sum((psi_ref - psi_cur) * np.log(psi_ref / psi_cur))),
    }


def main():
    rng = np.random.default_rng(20240601)
    normal = lambda n, mean=0.0, sd=1.0: np.round(rng.normal(mean, sd, n), 4)
    numeric = [
        numeric_case("same distribution, equal sizes", normal(60), normal(60)),
        numeric_case("same distribution, 100 vs 80", normal(100, 5, 2), normal(80, 5, 2)),
        numeric_case("mean shifted by half a deviation", normal(300), normal(400, 0.5)),
        numeric_case("wider spread", normal(500, 10, 1), normal(700, 10, 1.6)),
        numeric_case("integer scores 1-10 with ties", rng.integers(1, 11, 683), rng.integers(1, 11, 170)),
        numeric_case("few values, shifted", rng.integers(1, 6, 900), rng.integers(2, 7, 250)),
        numeric_case("1000-value reference, 2500 current, tiny shift", normal(1000), normal(2500, 0.05)),
        numeric_case("large current (SciPy's default goes asymptotic)", normal(200), normal(10500, 0.2)),
        numeric_case("identical samples", [1.5, 2.5, 3.5, 4.5] * 10, [1.5, 2.5, 3.5, 4.5] * 10),
    ]
    colours = ["red", "green", "blue", "black"]
    categorical = [
        categorical_case("same frequencies", list(rng.choice(colours, 400, p=[0.4, 0.3, 0.2, 0.1])), list(rng.choice(colours, 300, p=[0.4, 0.3, 0.2, 0.1]))),
        categorical_case("frequencies moved", list(rng.choice(colours, 400, p=[0.4, 0.3, 0.2, 0.1])), list(rng.choice(colours, 300, p=[0.1, 0.2, 0.3, 0.4]))),
        categorical_case("a new category", list(rng.choice(colours[:3], 500)), list(rng.choice(colours, 200))),
        categorical_case("a category gone", list(rng.choice(colours, 500)), list(rng.choice(colours[:2], 200))),
        categorical_case("two categories", list(rng.choice(["yes", "no"], 1500, p=[0.7, 0.3])), list(rng.choice(["yes", "no"], 600, p=[0.6, 0.4]))),
    ]
    for case in categorical:
        case["reference"] = [str(v) for v in case["reference"]]
        case["current"] = [str(v) for v in case["current"]]
    document = {
        "generator": f"tests/ReproBuild.Engine.Tests/Drift/scipy_expected.py with SciPy {scipy.__version__}, NumPy {np.__version__}",
        "numeric": numeric,
        "categorical": categorical,
    }
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "scipy-expected.json"), "w", encoding="utf-8") as out:
        json.dump(document, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
