"""Sentence-level precision and recall of the translation checks on the seeds.

The seeds' sentences are annotated in ``tests/devset/seeds_sentences.json``
(garbled or not, by a careful French reader). A sentence is *predicted*
garbled when a span finding of the translation checks overlaps it (they are
infos on their own, weighed by the document verdict), except the style
remarks: quote style, straight quotes, and lexicon entries for anglicisms
native writers use. Run::

    python scripts/evaluate_sentences.py

The main evaluation script imports :func:`sentence_scores`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "tests" / "devset" / "seeds_sentences.json"
SEEDS = ROOT / "seeds"

DETECTED_KINDS = frozenset(
    {"untranslated", "non_word", "quote_structure", "transliteration", "calque"}
)
"""Kinds of garble the translation checks look for. Mistranslations and grammar
errors that leave no such trace are out of their reach without the source."""


def _translation_findings(seeds: Path) -> list[Any]:
    from corpuscheck.config import Config
    from corpuscheck.model import CATEGORIES
    from corpuscheck.pipeline import check

    config = Config(disabled=frozenset(c for c in CATEGORIES if c != "translation"))
    return [f for f in check(seeds, config).findings if f.category == "translation"]


def _signal(f: Any) -> bool:
    """A span finding that marks garble, not a style remark."""
    if f.rule in ("translation.quote_style", "translation.garbled"):
        return False
    return (
        f.evidence.get("strength") != "straight"
        and f.evidence.get("lexicon_severity") != "info"
        and f.evidence.get("scope") != "corpus"
    )


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def sentence_scores(
    annotations: Path = ANNOTATIONS, seeds: Path = SEEDS, findings: list[Any] | None = None
) -> dict[str, Any]:
    """Score the translation findings against the annotated sentences.

    Returns precision, recall, F1 and the confusion counts over all
    sentences, the recall on the garbled sentences whose defects are of the
    kinds the checks look for (``recall_in_scope``), the same per document, the rules that fired per document
    (warnings and errors), and the sentences wrongly flagged or missed.
    ``findings`` may be given (from a build already run); else the
    translation checks are run on ``seeds``.
    """
    data = json.loads(annotations.read_text(encoding="utf-8"))
    sentences = data["sentences"]
    if findings is None:
        findings = _translation_findings(seeds)
    garble = [
        f
        for f in findings
        if f.category == "translation"
        and _signal(f)
        and f.doc_id is not None
        and f.start is not None
    ]
    by_doc: dict[str, list[Any]] = {}
    for f in garble:
        by_doc.setdefault(f.doc_id, []).append(f)

    counts: Counter[str] = Counter()
    in_scope: Counter[str] = Counter()
    per_doc: dict[str, Counter[str]] = {}
    false_positives: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    for s in sentences:
        hits = [f for f in by_doc.get(s["doc_id"], []) if f.start < s["end"] and f.end > s["start"]]
        predicted = bool(hits)
        actual = bool(s["garbled"])
        outcome = {
            (True, True): "tp",
            (True, False): "fp",
            (False, True): "fn",
            (False, False): "tn",
        }[(predicted, actual)]
        counts[outcome] += 1
        if actual and DETECTED_KINDS & set(s.get("kinds", [])):
            in_scope[outcome] += 1
        per_doc.setdefault(s["doc_id"], Counter())[outcome] += 1
        row = {"doc_id": s["doc_id"], "index": s["index"], "text": s["text"]}
        if outcome == "fp":
            false_positives.append({**row, "rules": sorted({f.rule for f in hits})})
        elif outcome == "fn":
            missed.append({**row, "kinds": s.get("kinds", [])})

    def scores(c: Counter[str]) -> dict[str, Any]:
        precision = _ratio(c["tp"], c["tp"] + c["fp"])
        recall = _ratio(c["tp"], c["tp"] + c["fn"])
        f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            **{k: c[k] for k in ("tp", "fp", "fn", "tn")},
        }

    rules: dict[str, Counter[str]] = {}
    for f in garble:
        rules.setdefault(f.doc_id, Counter())[f.rule] += 1
    return {
        **scores(counts),
        "sentences": len(sentences),
        "garbled": sum(bool(s["garbled"]) for s in sentences),
        "recall_in_scope": _ratio(in_scope["tp"], in_scope["tp"] + in_scope["fn"]),
        "garbled_in_scope": in_scope["tp"] + in_scope["fn"],
        "per_document": {doc: scores(c) for doc, c in sorted(per_doc.items())},
        "documents_flagged": {doc: doc in by_doc for doc in sorted(per_doc)},
        "rules": {doc: dict(sorted(r.items())) for doc, r in sorted(rules.items())},
        "false_positives": false_positives,
        "missed": missed,
    }


def main() -> int:
    result = sentence_scores()
    print("Translation checks, sentence level, on the seeds")
    print(
        f"{'document':<24} {'prec.':>6} {'recall':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'tn':>4}"
    )
    rows = [*result["per_document"].items(), ("all", result)]
    for name, s in rows:

        def cell(value: float, defined: bool) -> str:
            return f"{value:>6.2f}" if defined else f"{'-':>6}"

        print(
            f"{name:<24} {cell(s['precision'], s['tp'] + s['fp'] > 0)}"
            f" {cell(s['recall'], s['tp'] + s['fn'] > 0)} {cell(s['f1'], s['tp'] > 0)}"
            f" {s['tp']:>4} {s['fp']:>4} {s['fn']:>4} {s['tn']:>4}"
        )
    print(f"\n{result['garbled']} garbled sentences of {result['sentences']}")
    print(
        f"recall on the {result['garbled_in_scope']} garbled sentences whose defects are of the"
        f" kinds the checks look for ({', '.join(sorted(DETECTED_KINDS))}):"
        f" {result['recall_in_scope']:.2f}"
    )
    print("\nWarnings by document:")
    for doc, flagged in result["documents_flagged"].items():
        detail = ", ".join(f"{r} ×{n}" for r, n in result["rules"].get(doc, {}).items())
        print(
            f"  {doc}: {'flagged' if flagged else 'not flagged'}{': ' + detail if detail else ''}"
        )
    if result["false_positives"]:
        print("\nFlagged but annotated clean:")
        for s in result["false_positives"]:
            print(f"  {s['doc_id'][:3]}#{s['index']} {s['rules']}: {s['text'][:90]}")
    if "-v" in sys.argv[1:]:
        print("\nMissed:")
        for s in result["missed"]:
            print(f"  {s['doc_id'][:3]}#{s['index']} {s['kinds']}: {s['text'][:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
