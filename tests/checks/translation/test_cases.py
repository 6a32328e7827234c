"""Golden cases of the translation checks: ``cases/<check>.json``, ftfy style.

Each case gives a French text, the substrings the check must report (in
order) and ``expect``: ``pass``, or ``fail`` for a known miss, run as a
strict xfail so that fixing it is noticed. Known misses are never deleted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corpuscheck.checks.registry import load_checks
from corpuscheck.config import Config
from corpuscheck.model import Document, Severity

CASES = Path(__file__).parent / "cases"
CHECK_FILES = sorted(p for p in CASES.glob("*.json") if p.stem != "controls")


def _params() -> list[Any]:
    params = []
    for path in CHECK_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            marks = [pytest.mark.xfail(strict=True)] if case["expect"] == "fail" else []
            params.append(
                pytest.param(
                    data["check"],
                    data["rule"],
                    case,
                    marks=marks,
                    id=f"{path.stem}: {case['label']}",
                )
            )
    return params


def _document(text: str, metadata: dict[str, str] | None = None) -> Document:
    return Document("case", "case.txt", text, text, metadata={"language": "fr", **(metadata or {})})


@pytest.mark.parametrize(("check", "rule", "case"), _params())
def test_golden_case(check: str, rule: str, case: dict[str, Any]) -> None:
    doc = _document(case["text"], case.get("metadata"))
    findings = [f for f in load_checks()[check].func(doc, Config()) if f.rule == rule]
    assert [case["text"][f.start : f.end] for f in findings] == case["spans"]
    for f in findings:
        # Every span rule is an info on its own: the document verdict
        # (translation.garbled) weighs them. A calque keeps its lexicon's severity as evidence.
        assert f.severity is Severity.INFO
        if rule == "translation.calque":
            assert f.evidence["lexicon_severity"] == case.get("severity", "warning")
        assert f.evidence, "every finding says why it fired"
        assert f.excerpt
    for key, value in case.get("evidence", {}).items():
        assert findings[0].evidence[key] == value


CONTROLS = json.loads((CASES / "controls.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CONTROLS, ids=[c["label"] for c in CONTROLS])
def test_french_prose_raises_no_warning(case: dict[str, Any]) -> None:
    doc = _document(case["text"])
    checks = [
        c for c in load_checks().values() if c.category == "translation" and c.scope == "document"
    ]
    raised = [
        (f.rule, case["text"][f.start : f.end])
        for c in checks
        for f in c.func(doc, Config())
        if f.severity is not Severity.INFO
    ]
    assert raised == []


def test_every_check_has_golden_cases() -> None:
    checks = {
        c.name
        for c in load_checks().values()
        if c.category == "translation" and c.scope == "document"
    }
    covered = {json.loads(p.read_text(encoding="utf-8"))["check"] for p in CHECK_FILES}
    assert checks <= covered


def test_every_case_file_has_clean_and_failing_texts() -> None:
    for path in CHECK_FILES:
        cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
        assert any(c["spans"] and c["expect"] == "pass" for c in cases), path.name
        assert any(not c["spans"] for c in cases), path.name
