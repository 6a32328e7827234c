"""Fit the weights of the translation verdict on the TUNING part of the evaluation.

The verdict (``translation.garbled``) is a logistic regression over the
signal counts of the translation span checks (see
:mod:`corpuscheck.checks.translation.garbled`). This script runs the checks
on the tuning documents of ``scripts/evaluate.py`` (never the held-out ones),
fits the regression with L2 regularisation by gradient descent (a handful of
features and a few hundred documents: no library needed) and writes
``src/corpuscheck/data/fr/garbled.json``. The threshold is the lowest
probability at which the tuning set keeps a precision of 0.9 and no group of
clean tuning documents has more than 1 % flagged::

    .venv/bin/python scripts/fit_garbled.py          # fit and write the weights
    .venv/bin/python scripts/fit_garbled.py --show   # also print every tuning document's inputs
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
from pathlib import Path

from corpuscheck.checks.translation import garbled
from corpuscheck.config import Config
from corpuscheck.model import CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "corpuscheck" / "data" / "fr" / "garbled.json"
L2 = 0.0002
"""Regularisation: small data, so keep the weights modest."""
STEPS = 20000
RATE = 0.1


def _evaluate_module():  # type: ignore[no-untyped-def]
    path = ROOT / "scripts" / "evaluate.py"
    spec = importlib.util.spec_from_file_location("evaluate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate"] = module
    spec.loader.exec_module(module)
    return module


def tuning_rows() -> list[tuple[str, dict[str, float], bool]]:
    """(name, inputs, garbled) for every tuning document."""
    from corpuscheck.checks.runner import process_document
    from corpuscheck.read import read_corpus

    evaluate = _evaluate_module()
    items = [i for i in evaluate.translation_split() if i.split == "tuning"]
    config = Config(disabled=frozenset(c for c in CATEGORIES if c != "translation"))
    rows = []
    for folder in sorted({i.folder for i in items}):
        corpus = read_corpus(folder)
        observed = []
        for doc in corpus.documents:
            doc, _ = process_document(doc, config)
            obs = garbled.observe_document(doc, config)
            if obs is not None:
                observed.append((doc.id, obs))
        inputs = {
            doc_id: values for doc_id, _, values in garbled.judged(observed, len(corpus.documents))
        }
        for i in items:
            if i.folder == folder and i.doc_id in inputs:
                rows.append((f"{i.group}/{i.doc_id}", inputs[i.doc_id], i.garbled))
    return rows


def fit(rows: list[tuple[str, dict[str, float], bool]]) -> tuple[float, dict[str, float]]:
    names = list(garbled.FEATURES)
    xs = [[r[1][k] for k in names] for r in rows]
    ys = [1.0 if r[2] else 0.0 for r in rows]
    sample_weight = [1.0 / len(ys)] * len(ys)
    w = [0.0] * len(names)
    b = 0.0
    for _ in range(STEPS):
        gw = [L2 * wi for wi in w]
        gb = 0.0
        for x, y, sw in zip(xs, ys, sample_weight, strict=True):
            z = b + sum(wi * xi for wi, xi in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
            d = (p - y) * sw
            gb += d
            for j, xj in enumerate(x):
                gw[j] += d * xj
        b -= RATE * gb
        w = [wi - RATE * g for wi, g in zip(w, gw, strict=True)]
    return b, dict(zip(names, w, strict=True))


PRECISION = 0.95
"""The tuning precision the threshold must keep..."""

FALSE_ALARMS = 0.005
"""...and the share of clean tuning documents it may flag, in each group."""


def choose_threshold(
    probabilities: list[tuple[float, tuple[str, dict[str, float], bool]]],
) -> float:
    """The lowest probability that keeps tuning precision and every group's false alarms in bounds.

    Calibrated probabilities depend on how many garbled documents the tuning
    set holds; the threshold is where the verdict keeps its promises instead.
    """
    groups = {name.split("/", 1)[0] for _, (name, _, _) in probabilities}
    for candidate in sorted({round(p - 0.0005, 4) for p, _ in probabilities}):
        said = [(p >= candidate, r) for p, r in probabilities]
        tp = sum(s and r[2] for s, r in said)
        fp = sum(s and not r[2] for s, r in said)
        if tp + fp == 0 or tp / (tp + fp) < PRECISION:
            continue
        worst = 0.0
        for group in groups:
            clean = [s for s, r in said if not r[2] and r[0].startswith(group + "/")]
            if clean:
                worst = max(worst, sum(clean) / len(clean))
        if worst <= FALSE_ALARMS:
            return candidate
    return 0.5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    rows = tuning_rows()
    bias, weights = fit(rows)
    model = garbled.Model(bias, weights, 0.5, "")
    probabilities = [(model.probability(r[1]), r) for r in rows]
    threshold = choose_threshold(probabilities)
    if args.show:
        for p, (name, values, label) in sorted(probabilities, key=lambda t: -t[0]):
            shown = " ".join(f"{k}={v:.2f}" for k, v in values.items() if v)
            print(f"{p:.3f} {'G' if label else '-'} {name:<34} {shown}")
    tp = sum(p >= threshold and r[2] for p, r in probabilities)
    positives = sum(r[2] for _, r in probabilities)
    print(f"threshold {threshold}: {tp}/{positives} garbled tuning documents above it")
    print("bias", round(bias, 4), {k: round(v, 4) for k, v in weights.items()})
    OUT.write_text(
        json.dumps(
            {
                "comment": "Weights of the translation verdict (translation.garbled), written by "
                "scripts/fit_garbled.py: a logistic regression over log1p of each signal's count "
                "in the document.",
                "bias": round(bias, 4),
                "weights": {k: round(v, 4) for k, v in weights.items()},
                "threshold": threshold,
                "fitted_on": f"the tuning split of scripts/evaluate.py ({len(rows)} documents, "
                f"{positives} garbled)",
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
