"""GitHub Actions view: workflow-command annotations and the step summary.

Each finding becomes one workflow command, which GitHub shows as an
annotation on the file, at the line and columns of its span::

    ::error file=seeds/000_a55f85f9d2cdd8e4.txt,line=3,endLine=3,col=145,endColumn=149,title=artifact.placeholder::placeholder token 'XNUMX' ...

Errors become ``::error``, warnings ``::warning`` and infos ``::notice``.
Positions follow :mod:`corpuscheck.output.locate`: 1-based lines, columns
counted in characters (code points), ``endColumn`` the column of the span's
last character. A span over several lines gets ``line`` and ``endLine`` only,
since GitHub drops the columns of such an annotation. Message and properties
are escaped as GitHub's toolkit does (``%``, carriage return and line feed;
also ``:`` and ``,`` in properties), so no finding can end its command early
or inject another one.

GitHub shows at most 10 annotations of each kind per step, in the order they
are printed: the worst findings come first, and when some are left over the
last notice says how many, and where to read them all (the step summary and
the report).

The step summary (``$GITHUB_STEP_SUMMARY``) receives the Markdown digest of
:mod:`corpuscheck.output.markdown`, which stays well under GitHub's 1 MiB.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from corpuscheck.model import Finding, Severity
from corpuscheck.output.locate import Location, Locator
from corpuscheck.quality import VERDICTS
from corpuscheck.wording import plural

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
"""The workflow command of each severity."""

PER_KIND = 10
"""Annotations of one kind (error, warning, notice) GitHub shows per step."""


def escape_data(text: str) -> str:
    """Escape the message of a workflow command.

    >>> escape_data("50% done\\nnext")
    '50%25 done%0Anext'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value of a workflow command.

    >>> escape_property("a:b,c%")
    'a%3Ab%2Cc%25'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, properties: Mapping[str, str | int | None]) -> str:
    """One workflow command line: ``::name key=value,...::message``.

    >>> command("error", "bad", {"file": "a.txt", "line": 3, "col": None, "title": "x.y"})
    '::error file=a.txt,line=3,title=x.y::bad'
    """
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def location_properties(location: Location) -> dict[str, str | int | None]:
    """The ``file``/``line``/``endLine``/``col``/``endColumn`` properties of a location."""
    props: dict[str, str | int | None] = {"file": location.path}
    if location.line is None:
        return props
    props["line"] = location.line
    props["endLine"] = location.end_line or location.line
    if location.column is not None and location.end_line in (None, location.line):
        props["col"] = location.column
        props["endColumn"] = location.end_column or location.column
    return props


def annotation(finding: Finding, location: Location) -> str:
    """The workflow command of one finding."""
    props = location_properties(location)
    props["title"] = finding.rule
    return command(COMMANDS[finding.severity], finding.message, props)


def worst_first(findings: Iterable[Finding]) -> list[Finding]:
    """Errors, then warnings, then infos; document verdicts first, then document order."""
    return sorted(findings, key=lambda f: (f.severity.rank, f.rule not in VERDICTS, f.sort_key()))


def workflow_commands(
    findings: Sequence[Finding],
    locator: Locator,
    *,
    per_kind: int = PER_KIND,
    where: str = "the step summary and report.html",
) -> list[str]:
    """The workflow commands for ``findings``, the worst first, within GitHub's limits.

    At most ``per_kind`` errors, warnings and notices; when findings are left
    over, one notice (in the last place notices have) counts them.
    """
    ordered = worst_first(findings)
    shown: list[int] = []
    per: Counter[Severity] = Counter()
    for i, finding in enumerate(ordered):
        if per[finding.severity] < per_kind:
            shown.append(i)
            per[finding.severity] += 1
    if len(shown) < len(ordered) and per[Severity.INFO] == per_kind:
        # The count of the rest takes the last place notices have.
        shown.remove(max(i for i in shown if ordered[i].severity is Severity.INFO))
    lines = [annotation(ordered[i], locator.locate(ordered[i])) for i in shown]
    kept = set(shown)
    left = Counter(f.severity for i, f in enumerate(ordered) if i not in kept)
    rest = sum(left.values())
    if rest:
        detail = ", ".join(plural(left[s], s.value) for s in Severity if left[s])
        lines.append(
            command(
                "notice",
                f"{plural(rest, 'more finding')} ({detail}) not shown as "
                f"annotations: GitHub shows {per_kind} of each kind per step. All are in {where}.",
                {"title": "corpuscheck: more findings"},
            )
        )
    return lines


def append_step_summary(markdown: str, environ: Mapping[str, str] | None = None) -> Path | None:
    """Append ``markdown`` to the file named by ``$GITHUB_STEP_SUMMARY``, if any."""
    environ = os.environ if environ is None else environ
    target = environ.get("GITHUB_STEP_SUMMARY", "")
    if not target:
        return None
    with open(target, "a", encoding="utf-8", newline="\n") as stream:
        stream.write(markdown if markdown.endswith("\n") else markdown + "\n")
    return Path(target)


def in_github_actions(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this runs as a GitHub Actions step (``GITHUB_ACTIONS=true``)."""
    environ = os.environ if environ is None else environ
    return environ.get("GITHUB_ACTIONS", "").lower() == "true"
