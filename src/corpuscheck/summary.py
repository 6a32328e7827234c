"""A short text summary of a build, for the terminal."""

from __future__ import annotations

from collections import Counter

from corpuscheck.pipeline import BuildResult


def text_summary(result: BuildResult, limit: int = 20) -> str:
    """Findings per rule (most first), then the first ``limit`` errors."""
    lines = []
    by_rule = Counter((f.rule, f.severity.value) for f in result.findings)
    for (rule, severity), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{n:6d}  {severity:<7}  {rule}")
    shown = [f for f in result.findings if f.severity.value == "error"][:limit]
    for f in shown:
        where = f.file or f.doc_id or "corpus"
        pos = "" if f.start is None else f":{f.start}"
        lines.append(f"{where}{pos}: {f.rule}: {f.message}")
    return "\n".join(lines)
