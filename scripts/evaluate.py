"""How well the checks find the defects of the labelled development set.

Runs :func:`corpuscheck.pipeline.check` on ``tests/devset/corpus`` (writing
nothing) and compares what it finds with ``tests/devset/labels.json``, per
category, at document level: a document is *predicted* to have a defect of
a category when it has at least one finding of that category with severity
warning or error (info findings do not count: they are remarks, not
defects). A manifest row naming no file is counted under that file's id.
Prints precision, recall and F1 per category; then, when
``scripts/evaluate_sentences.py`` exists, the sentence-level scores of the
translation checks on the seeds from its ``sentence_scores()``.

    .venv/bin/python scripts/evaluate.py            # the tables
    .venv/bin/python scripts/evaluate.py --misses   # also list each wrong document

Exit status 0 unless the evaluation itself crashes.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpuscheck.model import CATEGORIES, Finding, Severity
from corpuscheck.pipeline import check

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "devset"
CORPUS = DEVSET / "corpus"
LABELS = DEVSET / "labels.json"
SENTENCES = Path(__file__).resolve().parent / "evaluate_sentences.py"

COUNTED = frozenset({Severity.ERROR, Severity.WARNING})
"""Severities that make a document positive; info findings are remarks, not defects."""


@dataclass(frozen=True, slots=True)
class Score:
    """Document-level counts for one category."""

    category: str
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_labels(path: Path = LABELS) -> dict[str, set[str]]:
    """The labelled categories of each document id (including ids of orphan manifest rows)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {doc_id: set(entry["categories"]) for doc_id, entry in data["documents"].items()}


def _doc_key(finding: Finding) -> str | None:
    """The document id a finding counts for; orphan manifest rows count for the file they name."""
    if finding.doc_id is not None:
        return finding.doc_id
    name = finding.evidence.get("file_name") if finding.rule == "metadata.orphan_row" else None
    if isinstance(name, str) and name:
        return name.removesuffix(".txt")
    return None


def predictions(findings: Iterable[Finding]) -> dict[str, dict[str, list[str]]]:
    """For each document, the rules of its counted findings by category."""
    found: dict[str, dict[str, list[str]]] = {}
    for finding in findings:
        key = _doc_key(finding)
        if key is None or finding.severity not in COUNTED:
            continue
        found.setdefault(key, {}).setdefault(finding.category, []).append(finding.rule)
    return found


def score(
    labels: Mapping[str, set[str]], predicted: Mapping[str, Mapping[str, list[str]]]
) -> list[Score]:
    """Precision and recall per category over the labelled documents."""
    scores = []
    for category in CATEGORIES:
        tp = fp = fn = tn = 0
        for doc_id, truth in labels.items():
            has = category in truth
            said = category in predicted.get(doc_id, {})
            tp += has and said
            fp += said and not has
            fn += has and not said
            tn += not has and not said
        scores.append(Score(category, tp, fp, fn, tn))
    return scores


def evaluate(
    corpus: Path = CORPUS, labels_file: Path = LABELS
) -> tuple[list[Score], dict[str, Any]]:
    """Run the checks on the development set; the scores and the details of every miss."""
    labels = load_labels(labels_file)
    result = check(corpus)
    predicted = predictions(result.findings)
    misses: dict[str, Any] = {}
    for doc_id, truth in sorted(labels.items()):
        said = set(predicted.get(doc_id, {}))
        if said != truth:
            misses[doc_id] = {
                "missed": sorted(truth - said),
                "false_alarms": {c: predicted[doc_id][c] for c in sorted(said - truth)},
            }
    return score(labels, predicted), misses


def table(scores: Iterable[Score], title: str) -> str:
    rows = [
        f"{title}",
        f"{'category':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}",
    ]
    for s in scores:
        rows.append(
            f"{s.category:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} "
            f"{s.tp:>4} {s.fp:>4} {s.fn:>4}"
        )
    return "\n".join(rows)


def sentence_table(details: bool = False) -> str | None:
    """The translation checks' sentence-level table on the seeds, if that evaluation exists.

    Shows the scalar scores of ``sentence_scores()`` (precision, recall,
    F1, counts) and, per document, its own scores when given; the lists of
    sentences missed or wrongly flagged only with ``details``.
    """
    if not SENTENCES.is_file():
        return None
    spec = importlib.util.spec_from_file_location("evaluate_sentences", SENTENCES)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("evaluate_sentences", module)
    spec.loader.exec_module(module)
    scores: dict[str, Any] = module.sentence_scores()
    lines = ["translation, sentence level, on the seeds (scripts/evaluate_sentences.py)"]
    scalars = {k: v for k, v in scores.items() if isinstance(v, (int, float, str))}
    lines.append("  " + "  ".join(f"{k} {_shown(v)}" for k, v in scalars.items()))
    per_document = scores.get("per_document")
    if isinstance(per_document, Mapping):
        for doc_id, values in per_document.items():
            shown = (
                values
                if not isinstance(values, Mapping)
                else "  ".join(
                    f"{k} {_shown(v)}"
                    for k, v in values.items()
                    if isinstance(v, (int, float, str))
                )
            )
            lines.append(f"  {doc_id}: {shown}")
    if details:
        rest = {k: v for k, v in scores.items() if k not in scalars and k != "per_document"}
        lines.append(json.dumps(rest, ensure_ascii=False, indent=1, sort_keys=True, default=str))
    return "\n".join(lines)


def _shown(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list each wrongly judged document")
    args = parser.parse_args(argv)
    scores, misses = evaluate()
    labels = load_labels()
    print(
        table(
            scores,
            f"document level, {len(labels)} documents of tests/devset "
            "(positive: a warning or error of the category; info findings are not counted)",
        )
    )
    if args.misses:
        print()
        for doc_id, miss in misses.items():
            print(f"{doc_id}: missed {miss['missed']} false alarms {miss['false_alarms']}")
    sentences = sentence_table(details=args.misses)
    if sentences is not None:
        print()
        print(sentences)
    return 0


if __name__ == "__main__":
    sys.exit(main())
