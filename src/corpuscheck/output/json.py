"""JSON view: every finding with its place, for scripts (``--output-format json``).

One JSON object::

    {
      "tool": {"name": "corpuscheck", "version": "0.1.0"},
      "corpus": "seeds",                    # the corpus folder, from the repository root
      "documents": 5,                       # documents in the corpus
      "checked": 5,                         # documents checked (fewer with --since)
      "counts": {"error": 1, "warning": 0, "info": 0},
      "findings": [...],
      "since": null                         # or what the change adds and fixes
    }

Each finding carries the columns of the published findings table
(``finding_id`` ... ``evidence``, with the same ids) and its place:
``path`` (from the repository root), ``line``, ``column``, ``end_line``,
``end_column`` (see :mod:`corpuscheck.output.locate`; null when unknown). With
``--since``, each finding also says whether the change ``added`` it, and
``since`` holds the revision compared with, the changed documents, the
counts of added findings and the fixed findings (as found in the base, so
without a place in the current files).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from corpuscheck import __version__
from corpuscheck.model import BuildResult, Finding
from corpuscheck.output.locate import Locator
from corpuscheck.since import Comparison


def finding_ids(findings: Sequence[Finding]) -> list[str]:
    """The ids the published findings table gives these findings."""
    from corpuscheck.tables import findings_frame

    return [str(v) for v in findings_frame(findings)["finding_id"].to_list()]


def finding_object(finding: Finding, finding_id: str) -> dict[str, Any]:
    """A finding as the published table has it, the evidence as JSON rather than text."""
    return {
        "finding_id": finding_id,
        "doc_id": finding.doc_id,
        "file": finding.file,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "start": finding.start,
        "end": finding.end,
        "excerpt": finding.excerpt,
        "message": finding.message,
        "fixed": finding.fixed,
        "replacement": finding.replacement,
        "evidence": json.loads(
            json.dumps(finding.evidence, ensure_ascii=False, sort_keys=True, default=str)
        ),
    }


def view(
    result: BuildResult, locator: Locator, comparison: Comparison | None = None
) -> dict[str, Any]:
    """The JSON view as a Python object."""
    findings = []
    for finding, fid in zip(result.findings, finding_ids(result.findings), strict=True):
        item = finding_object(finding, fid)
        location = locator.locate(finding)
        item |= {
            "path": location.path,
            "line": location.line,
            "column": location.column,
            "end_line": location.end_line,
            "end_column": location.end_column,
        }
        if comparison is not None:
            item["added"] = comparison.is_added(finding)
        findings.append(item)
    since = None
    if comparison is not None:
        changes = comparison.changes
        fixed = list(comparison.fixed)
        since = {
            "ref": changes.ref,
            "base": changes.base,
            "changed": sorted(changes.documents),
            "checked": list(comparison.checked),
            "manifest_changed": changes.manifest,
            "added": comparison.added_counts(),
            "fixed": [
                finding_object(f, fid) for f, fid in zip(fixed, finding_ids(fixed), strict=True)
            ],
        }
    checked = result.documents if comparison is None else len(comparison.checked)
    return {
        "tool": {"name": "corpuscheck", "version": __version__},
        "corpus": locator.corpus_path,
        "documents": result.documents,
        "checked": checked,
        "counts": result.counts(),
        "findings": findings,
        "since": since,
    }


def render(result: BuildResult, locator: Locator, comparison: Comparison | None = None) -> str:
    """The JSON view as indented text, with a final newline."""
    return json.dumps(view(result, locator, comparison), indent=2, ensure_ascii=False) + "\n"
