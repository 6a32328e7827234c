"""Text view, for a terminal (the default outside GitHub Actions).

Findings per rule (most first), then the first errors, each as
``path:line:column: rule: message``, the form editors and terminals turn into
a link to the place. With ``--since``: what the change adds and fixes, then
the added findings, the worst first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from corpuscheck.model import BuildResult, Finding, Severity
from corpuscheck.output.github import worst_first
from corpuscheck.output.locate import Location, Locator
from corpuscheck.since import Comparison, describe
from corpuscheck.wording import plural

LIMIT = 20
"""Findings listed one by one at most; the counts per rule cover them all."""


def place(location: Location) -> str:
    """``path:line:column``, or as much of it as is known.

    >>> place(Location("seeds/a.txt", 3, 145, 3, 149)), place(Location(None))
    ('seeds/a.txt:3:145', 'corpus')
    """
    if location.path is None:
        return "corpus"
    parts = [location.path]
    if location.line is not None:
        parts.append(str(location.line))
        if location.column is not None:
            parts.append(str(location.column))
    return ":".join(parts)


def per_rule(findings: Iterable[Finding]) -> list[str]:
    counted = Counter((f.rule, f.severity.value) for f in findings)
    return [
        f"{n:6d}  {severity:<7}  {rule}"
        for (rule, severity), n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def line(finding: Finding, locator: Locator, prefix: str = "") -> str:
    return f"{prefix}{place(locator.locate(finding))}: {finding.rule}: {finding.message}"


def render(
    result: BuildResult,
    locator: Locator,
    comparison: Comparison | None = None,
    limit: int = LIMIT,
) -> str:
    """The text view (no final newline)."""
    if comparison is None:
        lines = per_rule(result.findings)
        errors = [f for f in result.findings if f.severity is Severity.ERROR]
        lines += [line(f, locator) for f in errors[:limit]]
        if len(errors) > limit:
            lines.append(f"... and {plural(len(errors) - limit, 'more error')} (see report.html)")
        return "\n".join(lines)
    lines = [describe(comparison)]
    lines += per_rule(comparison.added)
    added = worst_first(comparison.added)
    lines += [line(f, locator, "added: ") for f in added[:limit]]
    if len(added) > limit:
        lines.append(f"... and {len(added) - limit} more added findings")
    for f in worst_first(comparison.fixed)[:limit]:
        where = locator.path(f.file) if f.file else "corpus"
        lines.append(f"fixed: {where}: {f.rule}: {f.message}")
    return "\n".join(lines)
