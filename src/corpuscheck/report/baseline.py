"""Compare a build with an earlier one: which findings are new, which were fixed.

``corpuscheck build SEEDS --out OUT --baseline OLD_OUT`` reads the findings
table of the build that wrote ``OLD_OUT`` (``data/findings.parquet``, or
``data/findings.csv`` when there is no Parquet copy) and the report shows
what changed. ``OLD_OUT`` may be ``OUT`` itself: the old table is read before
the new output takes its place.

A finding is matched by what it is about, not by its offsets, so that an edit
elsewhere in a file does not turn every later finding into a "new" one. Its
key (:func:`finding_key`) is:

* where: the document id, or the file for a corpus-level finding;
* the rule;
* what: the text its span covers (the part of the excerpt between ``⟦`` and
  ``⟧``, whitespace collapsed; only its first 80 characters for a long span,
  such as a whole paragraph or document, so that an edit inside it does not
  make its finding new), or its message when it has no span.

Keys are compared as multisets: a document that had one ``XNUMX`` and now has
two has one new finding. A baseline folder that does not exist or holds no
readable findings table raises :class:`BaselineError`; the command line
reports it as a usage error (exit status 2) before building anything.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from corpuscheck.model import Finding

__all__ = ["Baseline", "BaselineError", "Changes", "OldFinding", "compare", "load_baseline"]

_COLUMNS = ("doc_id", "file", "rule", "severity", "start", "excerpt", "message")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What the published CSV quotes with a leading ``'`` (see ``publish.csvfile``)."""

Key = tuple[str, str, str, str]
LONG_SPAN = 80
"""Of a span's text, only this many first characters identify its finding."""
T = TypeVar("T")


class BaselineError(ValueError):
    """The baseline folder cannot be read; the message says what to do."""


def span_text(excerpt: str) -> str:
    """The part of an excerpt between ``⟦`` and ``⟧`` (the whole excerpt if it has none).

    >>> span_text("…1000 ⟦XNUMX⟧ personnes…")
    'XNUMX'
    """
    start, end = excerpt.find("⟦"), excerpt.rfind("⟧")
    if start < 0 or end < start:
        return excerpt
    return excerpt[start + 1 : end]


def finding_key(
    doc_id: str | None, file: str | None, rule: str, excerpt: str, message: str, has_span: bool
) -> Key:
    """What a finding is about: where, which rule, and what text (or message).

    >>> finding_key("a", "a.txt", "artifact.placeholder", "x ⟦XNUMX⟧ y", "token", True)
    ('a', 'artifact.placeholder', 'span', 'XNUMX')
    """
    where = doc_id or file or ""
    if has_span:
        return (where, rule, "span", span_text(excerpt)[:LONG_SPAN])
    return (where, rule, "message", message)


def _key(f: Finding) -> Key:
    return finding_key(f.doc_id, f.file, f.rule, f.excerpt, f.message, f.start is not None)


@dataclass(frozen=True, slots=True)
class OldFinding:
    """One row of the baseline's findings table (what the report lists as fixed)."""

    doc_id: str | None
    file: str | None
    rule: str
    severity: str
    message: str
    excerpt: str
    has_span: bool

    @property
    def category(self) -> str:
        return self.rule.split(".", 1)[0]

    @property
    def key(self) -> Key:
        return finding_key(
            self.doc_id, self.file, self.rule, self.excerpt, self.message, self.has_span
        )


@dataclass(frozen=True, slots=True)
class Baseline:
    """The findings of an earlier build; ``name`` is its folder's name (never a full path)."""

    name: str
    findings: tuple[OldFinding, ...]


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed since the baseline: current findings that are new, old ones now gone."""

    baseline: str
    before: int
    after: int
    new: tuple[Finding, ...]
    fixed: tuple[OldFinding, ...]

    @property
    def unchanged(self) -> int:
        return self.after - len(self.new)


def _unquote(value: str) -> str:
    """Undo the spreadsheet-safety quote the published CSV puts before formula-like text."""
    if value.startswith("'") and value[1:2] and value[1] in _FORMULA_STARTS:
        return value[1:]
    return value


def _read_table(path: Path) -> list[dict[str, object]]:
    import polars as pl

    try:
        if path.suffix == ".parquet":
            frame = pl.read_parquet(path)
        else:
            frame = pl.read_csv(path, infer_schema=False)
    except Exception as err:  # polars raises many kinds of errors for a broken file
        raise BaselineError(f"cannot read the baseline findings table {path}: {err}") from err
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise BaselineError(
            f"the baseline findings table {path} lacks the columns {', '.join(missing)}: "
            "is it from a corpuscheck build?"
        )
    return frame.select(_COLUMNS).to_dicts()


def load_baseline(folder: str | Path) -> Baseline:
    """Read the findings table of the build output in ``folder``.

    Raises :class:`BaselineError` when the folder or its findings table is
    missing or unreadable.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise BaselineError(
            f"baseline folder not found: {folder} (give the --out folder of an earlier build)"
        )
    for name in ("findings.parquet", "findings.csv"):
        path = folder / "data" / name
        if path.is_file():
            break
    else:
        raise BaselineError(
            f"the baseline folder {folder} has no data/findings.parquet or data/findings.csv: "
            "give the --out folder of an earlier build"
        )
    csv = path.suffix == ".csv"

    def text(value: object) -> str:
        if value is None:
            return ""
        return _unquote(str(value)) if csv else str(value)

    findings = []
    for row in _read_table(path):
        start = row["start"]
        findings.append(
            OldFinding(
                doc_id=text(row["doc_id"]) or None,
                file=text(row["file"]) or None,
                rule=text(row["rule"]),
                severity=text(row["severity"]),
                message=text(row["message"]),
                excerpt=text(row["excerpt"]),
                has_span=start is not None and start != "",
            )
        )
    name = folder.name or folder.resolve().name
    findings.sort(key=lambda f: (f.doc_id or "", f.file or "", f.rule, f.excerpt, f.message))
    return Baseline(name, tuple(findings))


def compare(baseline: Baseline, findings: Sequence[Finding]) -> Changes:
    """Which of ``findings`` are new since ``baseline``, and which baseline findings are gone.

    Equal keys pair off in order: the first ones found are unchanged, any more are new.
    """
    old: Counter[Key] = Counter(f.key for f in baseline.findings)
    now: Counter[Key] = Counter(_key(f) for f in findings)
    new = _surplus(findings, old, _key)
    fixed = _surplus(baseline.findings, now, lambda f: f.key)
    return Changes(baseline.name, len(baseline.findings), len(findings), new, fixed)


def _surplus(items: Iterable[T], other: Counter[Key], key: Callable[[T], Key]) -> tuple[T, ...]:
    """The items whose key occurs more often among ``items`` than in ``other``."""
    seen: defaultdict[Key, int] = defaultdict(int)
    out = []
    for item in items:
        k = key(item)
        seen[k] += 1
        if seen[k] > other[k]:
            out.append(item)
    return tuple(out)
