"""The development set: its labels, its generator, and how well the checks do on it."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from corpuscheck.checks.registry import load_checks
from corpuscheck.model import CATEGORIES
from corpuscheck.read import read_corpus

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "corpus"
LABELS = json.loads((HERE / "labels.json").read_text(encoding="utf-8"))["documents"]
TARGET_F1 = 0.9

KNOWN_BELOW_TARGET: dict[str, str] = {
    "translation": (
        "the translation verdict says whether a document reads as machine-translated; a lone "
        "planted typo or straight quote does not make a manual machine-translated. Translation "
        "is held to its targets on held-out text in tests/checks/translation/test_heldout.py"
    ),
}
"""Categories under the target, as strict xfails: reaching it shows as a failure to remove."""


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluation():
    evaluate = _load(ROOT / "scripts" / "evaluate.py", "devset_evaluate")
    scores, misses = evaluate.evaluate()
    return {s.category: s for s in scores}, misses


def test_every_file_is_labelled_and_every_label_has_its_file():
    files = {p.stem for p in CORPUS.glob("*.txt")}
    assert files == {k for k, v in LABELS.items() if v["exists"]}
    assert all(set(v["categories"]) <= set(CATEGORIES) for v in LABELS.values())
    clean = [k for k, v in LABELS.items() if not v["categories"]]
    assert len(clean) >= 30, "enough clean controls"
    for category in CATEGORIES:
        assert sum(category in v["categories"] for v in LABELS.values()) >= 20, category


def test_the_generator_gives_back_the_committed_corpus(tmp_path):
    generate = _load(HERE / "generate.py", "devset_generate")
    labels = generate.main(tmp_path / "corpus", tmp_path / "labels.json")
    assert labels == LABELS
    for file in sorted(CORPUS.iterdir()):
        assert (tmp_path / "corpus" / file.name).read_bytes() == file.read_bytes(), file.name
    assert len(list((tmp_path / "corpus").iterdir())) == len(list(CORPUS.iterdir()))


def test_cleaning_never_changes_a_document_without_encoding_damage():
    from corpuscheck.clean import clean_document

    for doc in read_corpus(CORPUS).documents:
        if "encoding" in LABELS[doc.id]["categories"]:
            continue
        assert clean_document(doc) == [], doc.id
        assert doc.text.encode("utf-8") == (CORPUS / doc.file).read_bytes(), doc.id


@pytest.mark.parametrize(
    "category",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BELOW_TARGET[c]))
        if c in KNOWN_BELOW_TARGET
        else c
        for c in CATEGORIES
    ],
)
def test_category_f1_on_the_development_set(evaluation, category):
    scores, misses = evaluation
    if not any(check.category == category for check in load_checks().values()):
        pytest.skip(f"no {category} check is registered yet")
    score = scores[category]
    wrong = {
        k: v for k, v in misses.items() if category in v["missed"] or category in v["false_alarms"]
    }
    assert score.f1 >= TARGET_F1, (score, wrong)
