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

Then the translation verdict on text the checks were not tuned on
(:func:`translation_split`): the development set is split by source
package into a tuning part and a held-out part; clean documentation of
other genres (``tests/devset/genres/``, one genre kept for tuning) and news
briefs written by hand (``tests/devset/briefs/tuning`` and ``heldout*``, the
held-out batches each written after a freeze of the checks) are added. Tuning and
held-out figures print separately, with the false-alarm rate of each clean
genre and the precision each translation rule would have alone.

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
SEEDS = ROOT / "seeds"
GENRES = DEVSET / "genres"
BRIEFS = DEVSET / "briefs"

TUNING_PACKAGES = frozenset({"developers-reference-fr", "debian-reference-fr", None})
"""Development-set sources the translation checks may be tuned on; the others are held out."""

TUNING_GENRES = frozenset({"manpages", "handbook", "gnome"})
"""Clean genres the checks may be tuned on; the others are held out."""

GARBLED_SEEDS = frozenset({"001", "002", "004"})
"""Seeds read as machine-translated (by their hand-annotated sentences); 000 and 003 are not."""

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


@dataclass(frozen=True, slots=True)
class Labelled:
    """One document of the translation evaluation."""

    split: str  # "tuning" or "held-out"
    group: str  # where it comes from: devset, seeds, genre:<name>, briefs
    folder: Path
    doc_id: str
    garbled: bool


def translation_split() -> list[Labelled]:
    """Every document of the translation evaluation, with its split and its label."""
    out: list[Labelled] = []
    data = json.loads(LABELS.read_text(encoding="utf-8"))["documents"]
    for doc_id, entry in sorted(data.items()):
        if not entry["exists"]:
            continue
        package = (entry.get("source") or {}).get("package")
        split = "tuning" if package in TUNING_PACKAGES else "held-out"
        out.append(Labelled(split, "devset", CORPUS, doc_id, "translation" in entry["categories"]))
    for path in sorted(SEEDS.glob("*.txt")):
        out.append(Labelled("tuning", "seeds", SEEDS, path.stem, path.stem[:3] in GARBLED_SEEDS))
    for folder in sorted(p for p in GENRES.iterdir() if p.is_dir()) if GENRES.is_dir() else []:
        split = "tuning" if folder.name in TUNING_GENRES else "held-out"
        for path in sorted(folder.glob("*.txt")):
            out.append(Labelled(split, f"genre:{folder.name}", folder, path.stem, False))
    for folder in sorted(p for p in BRIEFS.iterdir() if p.is_dir()) if BRIEFS.is_dir() else []:
        if not (folder / "labels.json").is_file():
            continue
        split = "tuning" if folder.name == "tuning" else "held-out"
        labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))["documents"]
        for doc_id, entry in sorted(labels.items()):
            out.append(
                Labelled(split, f"briefs:{folder.name}", folder, doc_id, bool(entry["garbled"]))
            )
    return out


_RESULTS: dict[Path, Any] = {}


def translation_result(folder: Path) -> Any:
    """The translation checks run on one folder (once per process)."""
    if folder not in _RESULTS:
        from corpuscheck.config import Config

        config = Config(disabled=frozenset(c for c in CATEGORIES if c != "translation"))
        _RESULTS[folder] = check(folder, config)
    return _RESULTS[folder]


@dataclass(frozen=True, slots=True)
class TranslationEvaluation:
    """The translation verdict's scores per split, false alarms per clean group, rules alone."""

    scores: dict[str, Score]
    false_alarms: dict[str, tuple[int, int]]  # group -> (flagged, clean documents)
    rules_alone: dict[str, dict[str, Score]]  # split -> rule -> doc-level score if it decided alone
    recall_by_group: dict[str, tuple[int, int]]  # group -> (garbled flagged, garbled documents)
    wrong: dict[str, list[tuple[str, str, str]]]  # split -> (group, doc, "missed"/"false alarm")


def evaluate_translation(items: list[Labelled] | None = None) -> TranslationEvaluation:
    """Document-level scores of the translation category on the tuning and held-out parts."""
    items = translation_split() if items is None else items
    flagged: dict[tuple[Path, str], set[str]] = {}
    rules_of: dict[tuple[Path, str], set[str]] = {}
    for folder in sorted({i.folder for i in items}):
        for f in translation_result(folder).findings:
            if f.category != "translation" or f.doc_id is None:
                continue
            rules_of.setdefault((folder, f.doc_id), set()).add(f.rule)
            if f.severity in COUNTED:
                flagged.setdefault((folder, f.doc_id), set()).add(f.rule)
    scores: dict[str, Score] = {}
    wrong: dict[str, list[tuple[str, str, str]]] = {}
    for split in ("tuning", "held-out"):
        part = [i for i in items if i.split == split]
        said = {(i.folder, i.doc_id): bool(flagged.get((i.folder, i.doc_id))) for i in part}
        scores[split] = _score_of(split, part, said)
        wrong[split] = [
            (i.group, i.doc_id, "missed" if i.garbled else "false alarm")
            for i in part
            if said[(i.folder, i.doc_id)] != i.garbled
        ]
    false_alarms: dict[str, tuple[int, int]] = {}
    for i in items:
        if not i.garbled:
            n, total = false_alarms.get(i.group, (0, 0))
            false_alarms[i.group] = (n + bool(flagged.get((i.folder, i.doc_id))), total + 1)
    recall_by_group: dict[str, tuple[int, int]] = {}
    for i in items:
        if i.garbled:
            n, total = recall_by_group.get(i.group, (0, 0))
            recall_by_group[i.group] = (n + bool(flagged.get((i.folder, i.doc_id))), total + 1)
    rules = sorted({r for v in rules_of.values() for r in v})
    rules_alone: dict[str, dict[str, Score]] = {}
    for split in ("tuning", "held-out"):
        part = [i for i in items if i.split == split]
        rules_alone[split] = {
            rule: _score_of(
                rule,
                part,
                {
                    (i.folder, i.doc_id): rule in rules_of.get((i.folder, i.doc_id), ())
                    for i in part
                },
            )
            for rule in rules
        }
    return TranslationEvaluation(
        scores=scores,
        false_alarms=dict(sorted(false_alarms.items())),
        rules_alone=rules_alone,
        recall_by_group=dict(sorted(recall_by_group.items())),
        wrong=wrong,
    )


def _score_of(name: str, part: list[Labelled], said: Mapping[tuple[Path, str], bool]) -> Score:
    tp = sum(i.garbled and said[(i.folder, i.doc_id)] for i in part)
    fp = sum(not i.garbled and said[(i.folder, i.doc_id)] for i in part)
    fn = sum(i.garbled and not said[(i.folder, i.doc_id)] for i in part)
    tn = len(part) - tp - fp - fn
    return Score(name, tp, fp, fn, tn)


def news_false_alarms(result: TranslationEvaluation) -> tuple[int, int]:
    """Clean held-out news briefs flagged, all batches together: news is one genre."""
    batches = [g for g in result.false_alarms if g.startswith("briefs:heldout")]
    return (
        sum(result.false_alarms[g][0] for g in batches),
        sum(result.false_alarms[g][1] for g in batches),
    )


def translation_tables(result: TranslationEvaluation, details: bool = False) -> str:
    lines = [
        "translation verdict, document level (positive: a translation warning or error)",
        f"{'split':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>5}",
    ]
    for split, s in result.scores.items():
        lines.append(
            f"{split:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} "
            f"{s.tp:>4} {s.fp:>4} {s.fn:>4} {s.tn:>5}"
        )
    tuning_groups = {f"genre:{g}" for g in TUNING_GENRES} | {"seeds", "briefs:tuning"}

    def part(group: str) -> str:
        return "tuning" if group in tuning_groups else "mixed" if group == "devset" else "held-out"

    lines += ["", "garbled documents found per group (flagged / garbled documents)"]
    for group, (n, total) in result.recall_by_group.items():
        lines.append(f"  {group:<20} {n:>4} / {total:<4} {n / total:>7.1%}  ({part(group)})")
    lines += ["", "held-out news briefs, per batch (each written after a freeze of the checks)"]
    batches = sorted(g for g in result.recall_by_group if g.startswith("briefs:heldout"))
    for name, groups in [(g.split(":", 1)[1], [g]) for g in batches] + [("combined", batches)]:
        tp = sum(result.recall_by_group.get(g, (0, 0))[0] for g in groups)
        fn = sum(result.recall_by_group.get(g, (0, 0))[1] for g in groups) - tp
        fp = sum(result.false_alarms.get(g, (0, 0))[0] for g in groups)
        tn = sum(result.false_alarms.get(g, (0, 0))[1] for g in groups) - fp
        s = Score(name, tp, fp, fn, tn)
        lines.append(
            f"  {name:<12} precision {s.precision:.3f}  recall {s.recall:.3f}  "
            f"TP {tp:>3} FP {fp:>3} FN {fn:>3} TN {tn:>3}"
        )
    lines += ["", "false alarms per clean group (documents flagged / clean documents)"]
    for group, (n, total) in result.false_alarms.items():
        lines.append(f"  {group:<20} {n:>4} / {total:<4} {n / total:>7.1%}  ({part(group)})")
    n, total = news_false_alarms(result)
    if total:
        name = "news (all batches)"
        lines.append(f"  {name:<20} {n:>4} / {total:<4} {n / total:>7.1%}  (held-out, one genre)")
    lines += ["", "each translation rule alone on the held-out part (any severity)"]
    for rule, s in result.rules_alone["held-out"].items():
        lines.append(f"  {rule:<46} precision {s.precision:.3f}  recall {s.recall:.3f}")
    if details:
        for split, items in result.wrong.items():
            lines.append("")
            lines.append(f"wrong calls, {split}:")
            lines += [f"  {kind:<12} {group:<18} {doc}" for group, doc, kind in items]
    return "\n".join(lines)


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
    print()
    print(translation_tables(evaluate_translation(), details=args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
