"""The translation checks on the seeds: the targets of the issue, measured on annotated sentences."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from corpuscheck.checks.translation.text import sentence_spans
from corpuscheck.checks.translation.transliteration import inconsistent_transliteration_corpus
from corpuscheck.config import Config
from corpuscheck.model import CATEGORIES, Severity
from corpuscheck.pipeline import check

ROOT = Path(__file__).resolve().parents[3]
ANNOTATIONS = ROOT / "tests" / "devset" / "seeds_sentences.json"


def _evaluate_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "evaluate_sentences", ROOT / "scripts" / "evaluate_sentences.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def findings() -> list[Any]:
    config = Config(disabled=frozenset(c for c in CATEGORIES if c != "translation"))
    return [f for f in check(ROOT / "seeds", config).findings if f.category == "translation"]


def _warned(findings: list[Any], prefix: str) -> list[Any]:
    return [
        f
        for f in findings
        if f.doc_id and f.doc_id.startswith(prefix) and f.severity is not Severity.INFO
    ]


@pytest.mark.parametrize("prefix", ["001", "002", "004"])
def test_garbled_seeds_are_flagged(findings: list[Any], prefix: str) -> None:
    assert _warned(findings, prefix)


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_clean_seeds_get_no_warning(findings: list[Any], prefix: str) -> None:
    assert _warned(findings, prefix) == []


def test_native_seed_gets_only_style_and_spelling_infos(findings: list[Any]) -> None:
    found = [f for f in findings if f.doc_id and f.doc_id.startswith("003")]
    assert {f.rule for f in found} <= {
        "translation.quote_style",
        "translation.inconsistent_transliteration",  # a spelling the other seeds write otherwise
    }
    assert all(f.severity is Severity.INFO for f in found)
    assert all(
        f.evidence.get("scope") == "corpus"
        for f in found
        if f.rule == "translation.inconsistent_transliteration"
    )


def test_sentence_level_precision(findings: list[Any]) -> None:
    scores = _evaluate_module().sentence_scores(findings=findings)
    assert scores["sentences"] == 133
    assert scores["precision"] >= 0.9
    assert scores["recall"] >= 0.4  # a floor against regressions, not a target
    assert set(scores) >= {"precision", "recall", "f1", "per_document", "false_positives", "missed"}


def test_annotations_follow_the_sentence_splitter() -> None:
    data = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for s in data["sentences"]:
        by_doc.setdefault(s["doc_id"], []).append(s)
    assert len(by_doc) == 5
    for doc_id, sentences in by_doc.items():
        text = (ROOT / "seeds" / f"{doc_id}.txt").read_text(encoding="utf-8")
        assert [(s["start"], s["end"]) for s in sentences] == sentence_spans(text)
        for s in sentences:
            assert text[s["start"] : s["end"]] == s["text"]
            assert isinstance(s["garbled"], bool)
            assert set(s["kinds"]) <= set(data["kinds"])


def test_corpus_wide_spellings(seeds: Path) -> None:
    from corpuscheck.read import read_corpus

    corpus = read_corpus(seeds)
    for doc in corpus.documents:
        doc.text = doc.original
    findings = list(inconsistent_transliteration_corpus(corpus, Config()))
    assert {f.evidence["group"] for f in findings} >= {"Kiev", "Zelensky", "Volodymyr", "Sergueï"}
    zelensky = [f for f in findings if f.evidence["group"] == "Zelensky"]
    texts = {d.id: d.original for d in corpus.documents}
    # Every minority spelling at each occurrence, in the file that holds it.
    spelled = sorted({(f.doc_id, texts[f.doc_id][f.start : f.end]) for f in zelensky})
    assert ("002_4c650dff4ef67526", "Selenskyj") in spelled
    assert all(form != "Zelensky" for _, form in spelled)
    assert all(f.severity is Severity.INFO for f in zelensky)
    variants = zelensky[0].evidence["variants"]
    assert list(variants) == ["Zelensky", "Zelenskyy", "Selenskyj"]
    assert variants["Selenskyj"]["documents"] == ["002_4c650dff4ef67526"]
