"""SARIF 2.1.0 view, for GitHub code scanning and other SARIF readers.

One run of the tool ``corpuscheck``: its ``rules`` are every rule the checks
can emit, described by :func:`corpuscheck.checks.registry.rule_descriptions`
(plus any other rule a finding has, such as those of the reader and the
cleaner); its ``results`` are the findings, in the order of the findings table.

* ``level``: ``error``, ``warning`` or ``note`` (for infos).
* ``locations``: the file from the repository root (``uriBaseId``
  ``%SRCROOT%``) and the region of the span. The run declares
  ``columnKind: unicodeCodePoints``: columns count characters, as the
  finding offsets do; ``endColumn`` is exclusive, as SARIF defines it.
* ``partialFingerprints``: a hash of the rule, the document and the text the
  span covers (the message without a span), so that code scanning follows a
  finding across commits that move it, as ``--since`` matches findings.
* ``properties``: the finding's id in the published table, its excerpt,
  whether the cleaner repaired it, and its evidence.

With ``--since`` a result's ``baselineState`` is ``new`` (added by the
change) or ``unchanged``, and the run's properties count what the change adds
and fixes. Fixed findings are not results: code scanning would show them.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from corpuscheck import __version__
from corpuscheck.model import BuildResult, Finding, Severity
from corpuscheck.output.json import finding_ids
from corpuscheck.output.locate import Location, Locator
from corpuscheck.since import Comparison, finding_key

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "corpuscheck/v1"


def rules(findings: list[Finding]) -> list[dict[str, Any]]:
    """The reporting descriptors: every known rule, then any other rule a finding has."""
    from corpuscheck.checks.registry import rule_descriptions

    descriptions = rule_descriptions()
    for finding in findings:
        descriptions.setdefault(finding.rule, "")
    return [
        {
            "id": rule,
            "shortDescription": {"text": text or rule},
            "properties": {"category": rule.split(".", 1)[0]},
        }
        for rule, text in sorted(descriptions.items())
    ]


def region(location: Location) -> dict[str, int] | None:
    """The SARIF region of a location (end column exclusive), None for a whole file."""
    if location.line is None:
        return None
    found = {"startLine": location.line}
    if location.end_line is not None:
        found["endLine"] = location.end_line
    if location.column is not None:
        found["startColumn"] = location.column
        if location.end_column is not None:
            found["endColumn"] = location.end_column + 1
    return found


def view(
    result: BuildResult, locator: Locator, comparison: Comparison | None = None
) -> dict[str, Any]:
    """The SARIF log as a Python object."""
    descriptors = rules(list(result.findings))
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    texts = locator.texts
    seen: Counter[str] = Counter()
    results = []
    for finding, fid in zip(result.findings, finding_ids(result.findings), strict=True):
        key = json.dumps(finding_key(finding, texts), ensure_ascii=False)
        seen[key] += 1
        digest = hashlib.sha256(f"{key}#{seen[key]}".encode()).hexdigest()
        item: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
        }
        location = locator.locate(finding)
        if location.path is not None:
            physical: dict[str, Any] = {
                "artifactLocation": {"uri": location.path, "uriBaseId": "%SRCROOT%"}
            }
            found = region(location)
            if found is not None:
                physical["region"] = found
            item["locations"] = [{"physicalLocation": physical}]
        item["partialFingerprints"] = {FINGERPRINT: digest}
        if comparison is not None:
            item["baselineState"] = "new" if comparison.is_added(finding) else "unchanged"
        item["properties"] = {
            "findingId": fid,
            "excerpt": finding.excerpt,
            "fixed": finding.fixed,
            "evidence": json.loads(
                json.dumps(finding.evidence, ensure_ascii=False, sort_keys=True, default=str)
            ),
        }
        results.append(item)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "corpuscheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "originalUriBaseIds": {
            "%SRCROOT%": {"description": {"text": "The root of the repository holding the corpus."}}
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if comparison is not None:
        run["properties"] = {
            "since": comparison.changes.ref,
            "base": comparison.changes.base,
            "added": comparison.added_counts(),
            "fixed": len(comparison.fixed),
        }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(result: BuildResult, locator: Locator, comparison: Comparison | None = None) -> str:
    """The SARIF log as indented JSON text, with a final newline."""
    return json.dumps(view(result, locator, comparison), indent=2, ensure_ascii=False) + "\n"
