"""Golden cases for the checks, as data: one JSON file per category beside its tests.

A case of a per-document check::

    {"label": "…", "check": "artifact.caption_credit", "text": "…",
     "metadata": {"language": "fr"},      # optional (language fr by default)
     "found": ["exact text of each span reported, in order"],
     "rules": ["…"],                      # optional: the rules fired, in order
     "expect": "pass" | "fail", "why": "…"}

The text goes through the cleaner first, as in a build; ``found`` lists the
spans of the *original* text that warning and error findings cover (infos
are remarks, not detections). A case of a corpus check has ``documents``
(``{id: text}``) instead of ``text`` and ``pairs``: the ``[id, other]`` of
each finding. A case that is known to fail is kept with ``"expect":
"fail"`` and a ``why``: it runs as a strict xfail, so fixing it is noticed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corpuscheck.checks.registry import load_checks
from corpuscheck.clean import clean_document
from corpuscheck.config import Config
from corpuscheck.model import METADATA_FIELDS, Corpus, Document, Finding, Severity


def load_cases(path: Path) -> list[Any]:
    """The cases of ``path`` as pytest parameters; expected failures are strict xfails."""
    cases = json.loads(path.read_text(encoding="utf-8"))
    return [
        pytest.param(
            case,
            id=case["label"],
            marks=[pytest.mark.xfail(strict=True, reason=case.get("why", ""))]
            if case.get("expect") == "fail"
            else [],
        )
        for case in cases
    ]


def _document(doc_id: str, text: str, metadata: dict[str, str] | None) -> Document:
    doc = Document(doc_id, f"{doc_id}.txt", text)
    doc.metadata = dict.fromkeys(METADATA_FIELDS, "") | {"language": "fr"} | (metadata or {})
    clean_document(doc)
    return doc


def run_case(case: dict[str, Any]) -> list[Finding]:
    """Run the case's check; return its warning and error findings."""
    check = load_checks()[case["check"]]
    config = Config()
    if "documents" in case:
        docs = [_document(k, v, case.get("metadata")) for k, v in case["documents"].items()]
        findings = list(check.apply(Corpus(".", docs), config))
    else:
        doc = _document("d", case["text"], case.get("metadata"))
        findings = list(check.apply(doc, config))
    return [f for f in findings if f.severity is not Severity.INFO]


def assert_case(case: dict[str, Any]) -> None:
    """The case's check reports exactly what the case says."""
    findings = run_case(case)
    if "documents" in case:
        got = sorted([f.doc_id, f.evidence["other"]] for f in findings)
        assert got == sorted(case["pairs"])
        return
    text = case["text"]
    assert [text[f.start : f.end] for f in findings] == case["found"]
    if "rules" in case:
        assert [f.rule for f in findings] == case["rules"]
    for finding in findings:
        assert finding.message and finding.evidence, "a finding says why it fired"
