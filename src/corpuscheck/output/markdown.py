"""Markdown digest of a check: the GitHub step summary (``--output-format markdown``).

The digest holds the counts, a table of findings per rule and the list of
findings, the worst first, each with its place (a link to the line on GitHub
when the run's repository and commit are known) and the text around it. With
``--since`` it starts with what the change adds and fixes, and lists the
added findings first.

It is bounded: the list stops before the digest passes :data:`MAX_BYTES`
(64 KiB, far below the 1 MiB GitHub accepts for a step summary) and says how
many findings it left out. Text that comes from the corpus (messages,
excerpts) is escaped, so a document cannot add links, mentions or HTML to the
page.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from corpuscheck.model import BuildResult, Finding, Severity
from corpuscheck.output.github import worst_first
from corpuscheck.output.locate import Location, Locator
from corpuscheck.since import Comparison, describe
from corpuscheck.wording import plural

MAX_BYTES = 64 * 1024
"""The most bytes (UTF-8) a digest takes."""

MAX_MESSAGE = 300
"""Characters of a message or excerpt shown at most; the rest becomes "…"."""

ICONS = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~@&])")
"""What can start Markdown or HTML in a line of text (links need ``[``, so ``(`` can stay)."""


def escape(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` on one line, at most ``limit`` characters, with Markdown and HTML made inert.

    >>> print(escape("see <b>[this](x)</b> @team | *now*"))
    see \\<b\\>\\[this\\](x)\\</b\\> \\@team \\| \\*now\\*
    """
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return _SPECIAL.sub(r"\\\1", flat)


def code(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` as an inline code span, whatever backticks it holds.

    >>> code("a `b` c")
    '``a `b` c``'
    """
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def counts_line(counts: Mapping[str, int]) -> str:
    return " · ".join(plural(counts[s.value], s.value) for s in Severity)


def blob_url(location: Location, environ: Mapping[str, str]) -> str | None:
    """A link to the location's lines in the run's commit, when running in GitHub Actions."""
    server = environ.get("GITHUB_SERVER_URL", "")
    repository = environ.get("GITHUB_REPOSITORY", "")
    sha = environ.get("GITHUB_SHA", "")
    if not (server and repository and sha and location.path) or location.path.startswith(".."):
        return None
    url = f"{server}/{repository}/blob/{sha}/{quote(location.path)}"
    if location.line is not None:
        url += f"#L{location.line}"
        if location.end_line not in (None, location.line):
            url += f"-L{location.end_line}"
    return url


def place(location: Location) -> str:
    """``path:line:column`` (as much as is known)."""
    if location.path is None:
        return "the corpus"
    text = location.path
    if location.line is not None:
        text += f":{location.line}"
        if location.column is not None:
            text += f":{location.column}"
    return text


def item(finding: Finding, location: Location, environ: Mapping[str, str]) -> str:
    """One finding as a list item."""
    where = place(location)
    url = blob_url(location, environ)
    shown = f"[{escape(where)}]({url})" if url else code(where)
    line = f"- {ICONS[finding.severity]} `{finding.rule}` {shown}: {escape(finding.message)}"
    if finding.excerpt:
        line += f" — {code(finding.excerpt)}"
    return line


def rules_table(findings: Sequence[Finding], comparison: Comparison | None) -> list[str]:
    per_rule = Counter((f.rule, f.severity) for f in findings)
    added = Counter((f.rule, f.severity) for f in comparison.added) if comparison else Counter()
    fixed = Counter((f.rule, f.severity) for f in comparison.fixed) if comparison else Counter()
    keys = sorted(per_rule.keys() | added.keys() | fixed.keys(), key=lambda k: (k[1].rank, k[0]))
    if not keys:
        return []
    if comparison is None:
        lines = ["| Rule | Severity | Findings |", "| --- | --- | ---: |"]
        lines += [f"| `{r}` | {s.value} | {per_rule[(r, s)]} |" for r, s in keys]
    else:
        lines = [
            "| Rule | Severity | Findings | Added | Fixed |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        lines += [
            f"| `{r}` | {s.value} | {per_rule[(r, s)]} | {added[(r, s)]} | {fixed[(r, s)]} |"
            for r, s in keys
        ]
    return ["### Findings by rule", "", *lines, ""]


def digest(
    result: BuildResult,
    locator: Locator,
    comparison: Comparison | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    max_bytes: int = MAX_BYTES,
) -> str:
    """The Markdown digest of ``result`` (see the module)."""
    environ = os.environ if environ is None else environ
    counts = result.counts()
    documents = result.documents
    head = [f"## corpuscheck: `{locator.corpus_path}`", ""]
    verdict = ICONS[Severity.ERROR] if counts["error"] else "✅"
    if comparison is None:
        head += [f"{verdict} **{counts_line(counts)}** in {plural(documents, 'document')}", ""]
    else:
        added = comparison.added_counts()
        verdict = ICONS[Severity.ERROR] if added["error"] else "✅"
        head += [
            f"{verdict} {escape(describe(comparison))}.",
            "",
            f"Added: **{counts_line(added)}**. In the changed documents and the corpus "
            f"as a whole: {counts_line(counts)} ({plural(documents, 'document')} in the corpus).",
            "",
        ]
    head += rules_table(result.findings, comparison)

    sections: list[tuple[str, list[str]]] = []
    if comparison is None:
        ordered = worst_first(result.findings)
        sections.append(("### Findings", [item(f, locator.locate(f), environ) for f in ordered]))
    else:
        added_items = [item(f, locator.locate(f), environ) for f in worst_first(comparison.added)]
        others = [f for f in worst_first(result.findings) if not comparison.is_added(f)]
        sections.append(("### Added by this change", added_items))
        sections.append(
            (
                "### Fixed by this change",
                [
                    f"- ✅ `{f.rule}` {code(locator.path(f.file) if f.file else 'the corpus')}: "
                    f"{escape(f.message)}"
                    for f in worst_first(comparison.fixed)
                ],
            )
        )
        sections.append(
            (
                "### Already there before this change",
                [item(f, locator.locate(f), environ) for f in others],
            )
        )

    lines = list(head)
    size = len("\n".join(lines).encode("utf-8"))
    reserve = 200  # the closing note
    left_out = 0
    for title, items in sections:
        if not items:
            continue
        block = [title, ""] if lines and not lines[-1] else ["", title, ""]
        block_size = len("\n".join(block).encode("utf-8")) + 1
        if size + block_size + reserve > max_bytes:
            left_out += len(items)
            continue
        lines += block
        size += block_size
        for i, text in enumerate(items):
            cost = len(text.encode("utf-8")) + 1
            if size + cost + reserve > max_bytes:
                left_out += len(items) - i
                break
            lines.append(text)
            size += cost
    if left_out:
        lines += [
            "",
            f"_{plural(left_out, 'more finding')} not listed, to keep this summary short: "
            "every finding is in report.html and in the JSON view "
            "(`--output-format json`)._",
        ]
    return "\n".join(lines).strip("\n") + "\n"
