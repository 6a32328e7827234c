"""What the checks of encoding, artifact, structure, language, duplicate and metadata say of the seeds.

Checked by hand: 000 keeps its XNUMX placeholder; 001 ends two photo
blocks with a caption and a credit ("AP", "Sofiia Gatilova / Reuters");
002's headline and subtitle lines are headings, not glued text; 003 reads
as native French and gets nothing; 004's defects are translation ones.
"""

from __future__ import annotations

import pytest

from corpuscheck.model import Severity
from corpuscheck.pipeline import check

MINE = {"encoding", "artifact", "structure", "language", "duplicate", "metadata"}


@pytest.fixture(scope="module")
def findings(seeds):
    result = check(seeds)
    by_doc: dict[str, list[tuple[str, str]]] = {d.id[:3]: [] for d in result.corpus.documents}
    originals = {d.id: d.original for d in result.corpus.documents}
    for f in result.findings:
        if f.category in MINE and f.severity is not Severity.INFO:
            assert f.doc_id is not None, f
            shown = originals[f.doc_id][f.start : f.end] if f.start is not None else ""
            by_doc[f.doc_id[:3]].append((f.rule, shown))
    return by_doc


@pytest.fixture(scope="module")
def seeds():
    from tests.conftest import SEEDS

    return SEEDS


def test_000_has_its_placeholder_only(findings):
    assert findings["000"] == [("artifact.placeholder", "XNUMX")]


def test_001_has_two_captions_with_their_credits(findings):
    assert [rule for rule, _ in findings["001"]] == ["artifact.caption_credit"] * 2
    first, second = (shown for _, shown in findings["001"])
    assert first.startswith("Cette photo combinée montre") and first.endswith("\nAP")
    assert second.startswith("Un soldat ukrainien") and second.endswith("Sofiia Gatilova / Reuters")


@pytest.mark.parametrize("seed", ["002", "003", "004"])
def test_headings_and_native_french_are_left_alone(findings, seed):
    assert findings[seed] == []
