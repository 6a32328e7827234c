"""Work out everything the report template shows, from a build result.

The template only lays things out; every count, order, anchor, label and
chart coordinate is decided here, in plain data. Corpus text stays a plain
``str`` (the template escapes it) except a document's highlighted text, which
:func:`corpuscheck.report.highlight.highlight` builds from escaped pieces.
Every list is sorted, so the same build always gives the same report.

A report must stay readable for large corpora, so what it shows in full is
capped (:class:`Limits`), and the page says so where a cap applies: the
documents table lists the worst documents first, full text is shown only
for the worst documents with findings, and a long text only around its
findings. Everything left out is in the published tables.
"""

from __future__ import annotations

import json
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from corpuscheck import __version__
from corpuscheck.checks.registry import load_checks
from corpuscheck.model import (
    CATEGORIES,
    SEVERITY_VALUES,
    BuildResult,
    Corpus,
    Document,
    Finding,
    Severity,
)
from corpuscheck.quality import VERDICTS as QUALITY_VERDICTS
from corpuscheck.report.baseline import Baseline, OldFinding
from corpuscheck.report.baseline import _key as finding_key
from corpuscheck.report.charts import BarChart, Histogram, bar_chart, histogram
from corpuscheck.report.highlight import Highlight, highlight
from corpuscheck.schemas import table_schema

SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)
"""error, warning, info: the worst first."""


@dataclass(frozen=True, slots=True)
class Limits:
    """How much the report shows in full; the rest is in the published tables."""

    table_rows: int = 2000
    """Documents listed in the documents table (the worst first)."""
    detailed: int = 200
    """Documents with findings shown with their metadata, findings and text."""
    text_chars: int = 20_000
    """A longer text is shown only around its findings."""
    findings_per_document: int = 200
    """Findings listed (and highlighted) per document."""
    listed_findings: int = 500
    """Corpus-level findings, and new and fixed findings since the baseline."""
    examples: int = 3
    """Example findings shown for each rule."""


LIMITS = Limits()

_CONTEXT = 200
"""Characters of text shown on each side of a finding in a long text."""

_DOCUMENT_FIELDS = (
    "file_name",
    "language",
    "detected_language",
    "translated_from",
    "title",
    "source",
    "url",
    "published",
    "license",
    "length",
)
"""The documents-table columns shown for each document, in this order."""

_ALWAYS_SHOWN = {"file_name", "language", "detected_language"}


@dataclass(frozen=True, slots=True)
class Field:
    """One labelled value of a document; label and description come from the table schema."""

    name: str
    label: str
    description: str
    value: str


@dataclass(frozen=True, slots=True)
class FindingView:
    """One finding as listed: ``n`` numbers it within its document (from 1)."""

    n: int
    rule: str
    category: str
    severity: str
    message: str
    position: str
    mark_id: str | None
    row_id: str
    file: str
    excerpt: tuple[str, str, str]
    """The excerpt cut at its span: before, inside, after."""
    evidence: tuple[tuple[str, str], ...]
    fixed: bool
    before: str | None
    replacement: str | None
    new: bool


@dataclass(frozen=True, slots=True)
class TextPiece:
    """A stretch of a document's text, or (``text`` None) a gap of ``skipped`` characters."""

    text: Markup | None
    skipped: int = 0


@dataclass(frozen=True, slots=True)
class DocumentView:
    """A document with findings: its fields, findings and highlighted original text."""

    rank: int
    id: str
    file: str
    anchor: str
    score: str
    counts: Mapping[str, int]
    worst: str
    fields: tuple[Field, ...]
    findings: tuple[FindingView, ...]
    omitted_findings: int
    pieces: tuple[TextPiece, ...]
    excerpted: bool
    readable: bool
    empty: bool
    language: str
    repairs: int
    cleaned: Markup | None
    """The cleaned text with its repairs marked, when the document has repairs and is short."""


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One line of the documents table."""

    rank: int
    id: str
    file: str
    anchor: str | None
    score: str
    counts: Mapping[str, int]
    worst: str
    language: str
    detected: str
    length: int
    findings: str
    """Space-separated ``rule:severity`` pairs, for filtering."""
    search: str
    """Metadata not shown in the row, for the text search."""
    new: int


@dataclass(frozen=True, slots=True)
class Example:
    """A finding shown as an example of its rule: its excerpt cut around the span."""

    file: str
    href: str | None
    left: str
    inner: str
    right: str
    message: str
    severity: str


@dataclass(frozen=True, slots=True)
class RuleView:
    """A rule that fired: how often, where, what it means, and a few examples."""

    rule: str
    anchor: str
    category: str
    counts: Mapping[str, int]
    total: int
    documents: int
    severities: str
    """Space-separated severities it fired with, for filtering."""
    summary: Markup
    details: Markup
    check: str
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class CategoryRow:
    category: str
    counts: Mapping[str, int]
    total: int


@dataclass(frozen=True, slots=True)
class FixedView:
    """A baseline finding that the current build no longer has."""

    rule: str
    category: str
    severity: str
    where: str
    message: str
    left: str
    inner: str
    right: str


@dataclass(frozen=True, slots=True)
class ChangesView:
    """What changed since the baseline build."""

    baseline: str
    before: int
    after: int
    new_count: int
    fixed_count: int
    unchanged: int
    new: tuple[tuple[str, str | None, FindingView], ...]
    """(where, link, finding) for each new finding listed."""
    fixed: tuple[FixedView, ...]


@dataclass(frozen=True, slots=True)
class ReportContext:
    """Everything ``report.html.j2`` shows."""

    corpus_name: str
    version: str
    documents: int
    flagged_count: int
    findings: int
    fixed: int
    counts: Mapping[str, int]
    categories: tuple[CategoryRow, ...]
    fired_categories: tuple[tuple[str, int], ...]
    rules: tuple[RuleView, ...]
    rule_options: tuple[tuple[str, int], ...]
    quiet_rules: tuple[tuple[str, Markup], ...]
    scored: bool
    table: tuple[DocumentRow, ...]
    detailed: tuple[DocumentView, ...]
    corpus_findings: tuple[FindingView, ...]
    corpus_total: int
    languages: BarChart
    lengths: Histogram
    changes: ChangesView | None
    limits: Limits
    garbled_count: int = 0
    """Documents the translation verdict (``translation.garbled``) says read as machine-translated."""
    severities: tuple[str, ...] = SEVERITIES
    category_names: tuple[str, ...] = CATEGORIES
    suites: tuple[Any, ...] = ()
    """The Great Expectations suites (:class:`corpuscheck.report.expectations.SuiteView`)."""


VERDICTS = frozenset(QUALITY_VERDICTS)
"""Rules that judge a whole document: their cards come first."""


def anchor(doc_id: str) -> str:
    """``doc-<id>``, usable as an HTML id and a URL fragment whatever the id holds.

    Letters, digits, ``_``, ``.`` and ``-`` stay; any other character becomes
    ``~<hex>~``, so two different ids never get the same anchor.

    >>> anchor("000_a55f85f9d2cdd8e4")
    'doc-000_a55f85f9d2cdd8e4'
    >>> anchor('a b"<')
    'doc-a~20~b~22~~3c~'
    """
    return "doc-" + _safe_id(doc_id)


def _safe_id(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", lambda m: f"~{ord(m.group()):x}~", name)


def line_column(text: str, offset: int) -> str:
    """``line:column`` of a character offset, both counted from 1.

    >>> line_column("ab\\ncd", 4)
    '2:2'
    """
    offset = min(offset, len(text))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def visible(text: str) -> str:
    """``text`` with invisible characters spelled out, for before/after views.

    >>> visible("\\ufeffa\\u00a0b\\n")
    '⟨U+FEFF⟩a⟨U+00A0⟩b↵'
    """
    out = []
    for ch in text:
        if ch == "\n":
            out.append("↵")
        elif ch != " " and unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zs"}:
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return "".join(out)


def split_excerpt(excerpt: str, longest: int = 160) -> tuple[str, str, str]:
    """An excerpt cut at its ``⟦ ⟧`` markers: before, inside, after.

    A span longer than ``longest`` characters keeps only its two ends.

    >>> split_excerpt("…a ⟦XNUMX⟧ b…")
    ('…a ', 'XNUMX', ' b…')
    >>> split_excerpt("no span")
    ('no span', '', '')
    >>> split_excerpt("⟦" + "a" * 20 + "b" * 20 + "⟧.", longest=10)
    ('', 'aaaaa … [30 characters] … bbbbb', '.')
    """
    start, end = excerpt.find("⟦"), excerpt.rfind("⟧")
    if start < 0 or end < start:
        return excerpt, "", ""
    inner = excerpt[start + 1 : end]
    if len(inner) > longest:
        half = longest // 2
        inner = f"{inner[:half]} … [{len(inner) - 2 * half:,} characters] … {inner[-half:]}"
    return excerpt[:start], inner, excerpt[end + 1 :]


def evidence_items(evidence: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """A finding's evidence as (name, value) pairs for reading: lists joined, other values as JSON.

    >>> evidence_items({"token": "XNUMX", "steps": ["a", "b"], "n": 2})
    (('n', '2'), ('steps', 'a, b'), ('token', 'XNUMX'))
    """
    items = []
    for key in sorted(evidence):
        value = evidence[key]
        if isinstance(value, str):
            text = visible(value)
        elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            text = ", ".join(visible(v) for v in value)
        else:
            text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
        items.append((str(key), text))
    return tuple(items)


def _finding_view(
    f: Finding, n: int, doc: Document | None, base: str, *, new: bool, marked: bool
) -> FindingView:
    """``doc`` is the document whose text the span points into (None for corpus-level)."""
    position = ""
    before = None
    if doc is not None and f.start is not None and f.end is not None:
        position = line_column(doc.original, f.start)
        if f.fixed:
            before = doc.original[f.start : f.end]
    return FindingView(
        n=n,
        rule=f.rule,
        category=f.category,
        severity=f.severity.value,
        message=f.message,
        position=position,
        mark_id=f"{base}-f{n}" if position and marked else None,
        row_id=f"{base}-r{n}",
        file=f.file or "",
        excerpt=split_excerpt(f.excerpt) if f.excerpt else ("", "", ""),
        evidence=evidence_items(f.evidence),
        fixed=f.fixed,
        before=visible(before) if before is not None else None,
        replacement=visible(f.replacement) if f.replacement is not None else None,
        new=new,
    )


def _severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[SEVERITY_VALUES[f.severity]] += 1
    return counts


def _worst(counts: Mapping[str, int]) -> str:
    return next((s for s in SEVERITIES if counts[s]), "none")


def _schema_fields() -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in table_schema("documents")["fields"]}


def _detected(doc: Document) -> str:
    detected = doc.computed.get("detected_language")
    return str(detected) if detected else ""


def _fields(doc: Document, schema: Mapping[str, Mapping[str, Any]]) -> tuple[Field, ...]:
    values = dict(doc.metadata)
    values["file_name"] = doc.file
    values["length"] = f"{len(doc.text):,} characters"
    probability = doc.computed.get("detected_language_probability")
    values["detected_language"] = _detected(doc)
    if values["detected_language"] and isinstance(probability, int | float):
        values["detected_language"] += f" (probability {probability:.2f})"
    fields = []
    for name in _DOCUMENT_FIELDS:
        value = str(values.get(name) or "")
        if value or name in _ALWAYS_SHOWN:
            spec = schema.get(name, {})
            fields.append(
                Field(name, spec.get("title", name), spec.get("description", ""), value or "—")
            )
    return tuple(fields)


def _windows(size: int, spans: Sequence[tuple[int, int]], cap: int) -> list[tuple[int, int]]:
    """The stretches of a text of ``size`` characters to show: all of it, or around the spans.

    >>> _windows(100, [(50, 52)], 1000)
    [(0, 100)]
    >>> _windows(10_000, [(5000, 5002), (5100, 5101), (9990, 9995)], 1000)
    [(4800, 5301), (9790, 10000)]
    """
    if size <= cap:
        return [(0, size)]
    windows: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        a = max(0, start - _CONTEXT)
        b = min(size, min(end, start + 2 * _CONTEXT) + _CONTEXT)
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], b))
        else:
            windows.append((a, b))
    shown, kept = 0, []
    for a, b in windows:
        if shown >= cap:
            break
        kept.append((a, b))
        shown += b - a
    return kept


def _pieces(
    text: str, marks: Sequence[Highlight], cap: int
) -> tuple[tuple[TextPiece, ...], set[str]]:
    """The text (or its windows around the marks) highlighted, and the anchors it holds."""
    size = len(text)
    windows = _windows(size, [(min(m.start, size), min(m.end, size)) for m in marks], cap)
    pieces: list[TextPiece] = []
    anchored: set[str] = set()
    position = 0
    for a, b in windows:
        if a > position:
            pieces.append(TextPiece(None, a - position))
        inside = []
        for m in marks:
            start, end = min(m.start, size), min(m.end, size)
            if (start < b and end > a) or (start == end and a <= start <= b):
                first = m.anchor is not None and m.anchor not in anchored
                if first and m.anchor is not None:
                    anchored.add(m.anchor)
                inside.append(
                    Highlight(
                        max(start, a) - a,
                        min(end, b) - a,
                        m.attrs,
                        anchor=m.anchor if first else None,
                    )
                )
        pieces.append(TextPiece(highlight(text[a:b], inside)))
        position = b
    if position < size:
        pieces.append(TextPiece(None, size - position))
    return tuple(pieces), anchored


def cleaned_with_repairs(doc: Document, repairs: Sequence[Finding]) -> Markup | None:
    """``doc.text`` with each repair's replacement marked, or None if the repairs do not rebuild it.

    The fixed findings carry original spans and replacements; applying them to
    the original must give the cleaned text, else nothing is marked.
    """
    spans = sorted(
        (f.start, f.end, f.replacement or "")
        for f in repairs
        if f.start is not None and f.end is not None
    )
    pieces, marks, position, offset = [], [], 0, 0
    for start, end, replacement in spans:
        if start < position:
            return None
        pieces.append(doc.original[position:start])
        offset += start - position
        marks.append(Highlight(offset, offset + len(replacement), (("class", "r"),)))
        pieces.append(replacement)
        offset += len(replacement)
        position = end
    pieces.append(doc.original[position:])
    if "".join(pieces) != doc.text:
        return None
    return highlight(doc.text, marks)


def _document_view(
    doc: Document,
    findings: Sequence[Finding],
    rank: int,
    score: str,
    new: set[int],
    schema: Mapping[str, Mapping[str, Any]],
    limits: Limits,
) -> DocumentView:
    base = anchor(doc.id)
    listed = findings[: limits.findings_per_document]
    marks = [
        Highlight(
            f.start,
            f.end,
            (
                ("class", f"f cat-{f.category} sev-{f.severity.value}"),
                ("title", f"{f.rule} ({f.severity.value}): {f.message}"),
                ("tabindex", "0"),
                ("aria-describedby", f"{base}-r{n}-m"),
                ("data-rule", f.rule),
                ("data-severity", f.severity.value),
                ("data-category", f.category),
                ("data-row", f"{base}-r{n}"),
            ),
            anchor=f"{base}-f{n}",
        )
        for n, f in enumerate(listed, 1)
        if f.start is not None and f.end is not None
    ]
    pieces, anchored = _pieces(doc.original, marks, limits.text_chars)
    views = tuple(
        _finding_view(f, n, doc, base, new=id(f) in new, marked=f"{base}-f{n}" in anchored)
        for n, f in enumerate(listed, 1)
    )
    counts = _severity_counts(findings)
    repairs = [f for f in findings if f.fixed and f.start is not None]
    cleaned = None
    if repairs and doc.text != doc.original and len(doc.text) <= limits.text_chars:
        cleaned = cleaned_with_repairs(doc, repairs)
    return DocumentView(
        rank=rank,
        id=doc.id,
        file=doc.file,
        anchor=base,
        score=score,
        counts=counts,
        worst=_worst(counts),
        fields=_fields(doc, schema),
        findings=views,
        omitted_findings=len(findings) - len(listed),
        pieces=pieces,
        excerpted=len(doc.original) > limits.text_chars,
        readable=doc.readable,
        empty=not doc.original,
        language=doc.metadata.get("language", "").strip(),
        repairs=len(repairs),
        cleaned=cleaned,
    )


def corpus_name(root: str) -> str:
    """The name of the corpus folder (never its full path)."""
    return Path(root).name or Path(root).resolve().name


def quality_scores(result: BuildResult) -> dict[str, float]:
    """Each document's quality score (0 to 1, 1 = clean), where the build computed one.

    Read from the ``quality_score`` column of the documents table (or the
    document's computed values); documents without one are left out.
    """
    from corpuscheck.tables import document_rows

    scores: dict[str, float] = {}
    for doc in result.corpus.documents:
        value = doc.computed.get("quality_score")
        if isinstance(value, int | float) and not isinstance(value, bool):
            scores[doc.id] = float(value)
    for row in document_rows(result.corpus.documents, result.findings):
        value = row.get("quality_score")
        if isinstance(value, int | float) and not isinstance(value, bool):
            scores[str(row["id"])] = float(value)
    return scores


def inline_markup(text: str) -> Markup:
    """Docstring text as HTML: escaped, with ````code```` and ``*emphasis*`` kept.

    >>> print(inline_markup("a *b* ``<c>``"))
    a <em>b</em> <code>&lt;c&gt;</code>
    """
    html = str(escape(text))
    html = re.sub(r"``(.+?)``", r"<code>\1</code>", html)
    html = re.sub(r"(?<![\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])", r"<em>\1</em>", html)
    return Markup(html)


def _paragraphs(doc: str) -> list[str]:
    return [" ".join(p.split()) for p in doc.split("\n\n") if p.strip()]


def _rule_docs() -> dict[str, tuple[str, str, str]]:
    """Each rule's check name, summary and the rest of that check's docstring.

    The cleaner's ``encoding.*`` rules come from no check: they are described
    by the cleaner's message for them and its module's documentation.
    """
    docs: dict[str, tuple[str, str, str]] = {}
    for check in load_checks().values():
        rest = "\n\n".join(_paragraphs(check.doc)[1:])
        for rule in check.rules:
            docs.setdefault(rule, (check.name, check.summary, rest))
    from corpuscheck.clean import repair

    about = "\n\n".join(_paragraphs(repair.__doc__ or "")[:1])
    messages: Mapping[str, str] = getattr(repair, "_MESSAGES", {})
    for rule, message in messages.items():
        summary = (
            f"{message[:1].upper()}{message[1:]}: repaired by the cleaner in the published text."
        )
        docs.setdefault(rule, ("", summary, about))
    return docs


def _examples(
    findings: Sequence[Finding], links: Mapping[int, str], files: Mapping[str, str], count: int
) -> tuple[Example, ...]:
    """Up to ``count`` findings, from different documents where possible (the worst first)."""
    chosen: list[Finding] = []
    seen: set[str | None] = set()
    for f in findings:
        if len(chosen) < count and f.doc_id not in seen:
            chosen.append(f)
            seen.add(f.doc_id)
    for f in findings:
        if len(chosen) >= count:
            break
        if not any(f is c for c in chosen):
            chosen.append(f)
    examples = []
    for f in chosen:
        left, inner, right = split_excerpt(f.excerpt) if f.excerpt else (f.message, "", "")
        examples.append(
            Example(
                file=f.file or files.get(f.doc_id or "", "") or "corpus",
                href=links.get(id(f)),
                left=left,
                inner=inner,
                right=right,
                message=f.message,
                severity=f.severity.value,
            )
        )
    return tuple(examples)


def _fixed_view(f: OldFinding) -> FixedView:
    left, inner, right = split_excerpt(f.excerpt)
    return FixedView(
        rule=f.rule,
        category=f.category,
        severity=f.severity,
        where=f.file or f.doc_id or "corpus",
        message=f.message,
        left=left,
        inner=inner,
        right=right,
    )


def build_context(
    result: BuildResult, baseline: Baseline | None = None, limits: Limits = LIMITS
) -> ReportContext:
    """Everything the report shows, worked out from an in-memory ``result``.

    The same as a streaming build's :class:`ReportBuilder` fed with every
    document of ``result``.
    """
    from corpuscheck.tables import document_rows

    builder = ReportBuilder(baseline, limits)
    findings = sorted(result.findings, key=Finding.sort_key)
    documents = sorted(result.corpus.documents, key=lambda d: d.id)
    by_doc: dict[str, list[Finding]] = {d.id: [] for d in documents}
    corpus_level: list[Finding] = []
    for f in findings:
        if f.doc_id is not None and f.doc_id in by_doc:
            by_doc[f.doc_id].append(f)
        else:
            corpus_level.append(f)
    builder.start(result.corpus, corpus_level)
    for doc in documents:
        (row,) = document_rows([doc], by_doc[doc.id])
        value = doc.computed.get("quality_score")
        if isinstance(value, int | float) and not isinstance(value, bool):
            row = {**row, "quality_score": row.get("quality_score", value)}
        builder.document(doc, by_doc[doc.id], row)
    return builder.context()


def _keep_best(items: list[Any], count: int) -> None:
    """Sort ``items`` (in place) and keep the ``count`` first, once there are twice as many."""
    if len(items) >= 2 * max(count, 1):
        items.sort(key=lambda item: item[0])
        del items[count:]


class _Lengths(Sequence[tuple[int, bool]]):
    """(length, has findings) of every document, in two compact arrays."""

    def __init__(self) -> None:
        self.lengths = array("q")
        self.flagged = bytearray()

    def append(self, length: int, flagged: bool) -> None:
        self.lengths.append(length)
        self.flagged.append(flagged)

    def __len__(self) -> int:
        return len(self.lengths)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self.lengths[i], bool(self.flagged[i])


class ReportBuilder:
    """Works out the report while a build streams its documents, in bounded memory.

    A sink of the pipeline: :meth:`start` receives the corpus-level findings,
    :meth:`document` each document with its findings and its row of the
    documents table, in order; :meth:`context` then gives what the report
    shows. It keeps running counts, the documents the report shows in full
    (the worst ones, within :class:`Limits`), each rule's example findings
    and, for the charts, each document's language and length: never every
    text or every finding. Findings are compared with the baseline as they
    come (see :mod:`corpuscheck.report.baseline`).
    """

    def __init__(self, baseline: Baseline | None = None, limits: Limits = LIMITS) -> None:
        self.baseline = baseline
        self.limits = limits
        self.corpus_root = "."
        self.validations: Mapping[str, Mapping[str, Any]] = {}
        self.counts: Counter[str] = Counter()
        self.by_category: dict[str, Counter[str]] = {c: Counter() for c in CATEGORIES}
        self.fixed = 0
        self.total = 0
        self.documents = 0
        self.flagged = 0
        self.scored = False
        self.corpus_level: list[tuple[Finding, bool]] = []
        self.corpus_total = 0
        # (badness, row data) of the worst documents, for the table.
        self.worst: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        # (badness, document, findings, which are new) of the worst documents with findings.
        self.details: list[tuple[tuple[Any, ...], Document, list[Finding], list[bool]]] = []
        self.rule_counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.rule_documents: Counter[str] = Counter()
        self.rule_corpus_examples: dict[str, list[Finding]] = defaultdict(list)
        self.rule_examples: dict[str, list[tuple[tuple[Any, ...], str, list[Finding]]]] = (
            defaultdict(list)
        )
        self.declared: Counter[str] = Counter()
        self.detected: Counter[str] = Counter()
        self.lengths = _Lengths()
        self.new_listed: list[Finding] = []
        self.new_count = 0
        self._old: Counter[Any] = (
            Counter(f.key for f in baseline.findings) if baseline else Counter()
        )
        self._seen: Counter[Any] = Counter()

    # The pipeline's sink interface.

    def warm(self) -> None:
        """Compile the report's template (a fifth of a second)."""
        from corpuscheck.report import warm_template

        warm_template()

    def start(self, corpus: Corpus, findings: Sequence[Finding]) -> None:
        self.corpus_root = corpus.root
        self.validations = corpus.validations
        for f in findings:
            is_new = self._count(f)
            self.corpus_total += 1
            if len(self.corpus_level) < self.limits.listed_findings:
                self.corpus_level.append((f, is_new))
            examples = self.rule_corpus_examples[f.rule]
            if len(examples) < self.limits.examples:
                examples.append(f)

    def document(self, doc: Document, findings: Sequence[Finding], row: Mapping[str, Any]) -> None:
        findings = list(findings)
        self.documents += 1
        flags = [self._count(f) for f in findings]
        value = row.get("quality_score")
        score = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            score, self.scored = float(value), True
        counts = _severity_counts(findings)
        badness = (1.0 if score is None else score, *(-counts[s] for s in SEVERITIES), doc.id)
        self.declared[doc.metadata.get("language", "").strip() or "none"] += 1
        self.detected[_detected(doc) or "none"] += 1
        self.lengths.append(len(doc.text), bool(findings))
        new = sum(flags)
        meta = [doc.metadata.get(k, "") for k in ("title", "source", "url", "license")]
        self.worst.append(
            (
                badness,
                {
                    "id": doc.id,
                    "file": doc.file,
                    "score": score,
                    "counts": counts,
                    "language": doc.metadata.get("language", ""),
                    "detected": _detected(doc),
                    "length": len(doc.text),
                    "findings": " ".join(
                        sorted({f"{f.rule}:{SEVERITY_VALUES[f.severity]}" for f in findings})
                    ),
                    "search": " ".join(m for m in meta if m),
                    "new": new,
                },
            )
        )
        _keep_best(self.worst, max(self.limits.table_rows, self.limits.detailed))
        if not findings:
            return
        self.flagged += 1
        self.details.append((badness, doc, findings, flags))
        _keep_best(self.details, self.limits.detailed)
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            by_rule[f.rule].append(f)
        for rule, fired in by_rule.items():
            self.rule_documents[rule] += 1
            examples = self.rule_examples[rule]
            examples.append((badness, doc.file, fired[: self.limits.examples]))
            _keep_best(examples, self.limits.examples)

    def finish(self) -> None:
        """Nothing to do: :meth:`context` works the report out when asked."""

    def _count(self, f: Finding) -> bool:
        """Count ``f``; True when it is new since the baseline."""
        self.total += 1
        severity = SEVERITY_VALUES[f.severity]
        self.counts[severity] += 1
        self.by_category[f.category][severity] += 1
        self.rule_counts[f.rule][severity] += 1
        self.fixed += f.fixed
        if self.baseline is not None:
            key = finding_key(f)
            self._seen[key] += 1
            if self._seen[key] > self._old[key]:
                self.new_count += 1
                if len(self.new_listed) < self.limits.listed_findings:
                    self.new_listed.append(f)
                return True
        return False

    def context(self) -> ReportContext:
        """What the report shows, once every document was added."""
        limits = self.limits
        self.worst.sort(key=lambda item: item[0])
        self.details.sort(key=lambda item: item[0])
        rank = {row["id"]: i for i, (_, row) in enumerate(self.worst, 1)}
        for _, doc, _, _ in self.details:
            rank.setdefault(doc.id, len(rank) + 1)
        # Findings are told apart by identity: only those kept (alive) are in ``new``.
        new = {
            id(f) for _, _, fs, flags in self.details for f, n in zip(fs, flags, strict=True) if n
        }
        new |= {id(f) for f, n in self.corpus_level if n}

        def score(value: float | None) -> str:
            return f"{value:.2f}" if value is not None else ""

        schema = _schema_fields()
        detailed = tuple(
            _document_view(d, fs, rank[d.id], score(_score(b)), new, schema, limits)
            for b, d, fs, _ in self.details[: limits.detailed]
        )
        detailed_ids = {v.id for v in detailed}
        links: dict[int, str] = {}
        for view, (_, _, fs, _) in zip(detailed, self.details, strict=False):
            for v, f in zip(view.findings, fs, strict=False):
                links[id(f)] = f"#{v.mark_id or v.row_id}"

        table = []
        for _, row in self.worst[: limits.table_rows]:
            c = row["counts"]
            table.append(
                DocumentRow(
                    rank=rank[row["id"]],
                    id=row["id"],
                    file=row["file"],
                    anchor=anchor(row["id"]) if row["id"] in detailed_ids else None,
                    score=score(row["score"]),
                    counts=c,
                    worst=_worst(c),
                    language=row["language"],
                    detected=row["detected"],
                    length=row["length"],
                    findings=row["findings"],
                    search=row["search"],
                    new=row["new"],
                )
            )

        categories = []
        for category in CATEGORIES:
            counts = {s: self.by_category[category][s] for s in SEVERITIES}
            categories.append(CategoryRow(category, counts, sum(counts.values())))

        rule_docs = _rule_docs()
        rules = []
        for rule, tally in self.rule_counts.items():
            counts = {s: tally[s] for s in SEVERITIES}
            check_name, summary, details = rule_docs.get(rule, ("", "", ""))
            examples = self.rule_examples.get(rule, [])
            examples.sort(key=lambda item: item[0])
            candidates = list(self.rule_corpus_examples.get(rule, []))
            files: dict[str, str] = {}
            for badness, file, fired in examples[: limits.examples]:
                candidates.extend(fired)
                files[badness[-1]] = file
            rules.append(
                RuleView(
                    rule=rule,
                    anchor="rule-" + _safe_id(rule),
                    category=rule.split(".", 1)[0],
                    counts=counts,
                    total=sum(counts.values()),
                    documents=self.rule_documents[rule],
                    severities=" ".join(s for s in SEVERITIES if counts[s]),
                    summary=inline_markup(summary),
                    details=inline_markup(details),
                    check=check_name,
                    examples=_examples(candidates, links, files, limits.examples),
                )
            )
        # Document verdicts lead: they judge whole documents, the other rules point at spans.
        rules.sort(
            key=lambda r: (r.rule not in VERDICTS, *(-r.counts[s] for s in SEVERITIES), r.rule)
        )
        quiet = tuple(
            sorted(
                (r, inline_markup(d[1])) for r, d in rule_docs.items() if r not in self.rule_counts
            )
        )

        changes_view = None
        if self.baseline is not None:
            fixed = self._fixed()
            doc_of_new: list[tuple[str, str | None, FindingView]] = []
            for n, f in enumerate(self.new_listed, 1):
                listed = _finding_view(f, n, None, "new", new=False, marked=False)
                doc_of_new.append((f.file or f.doc_id or "corpus", links.get(id(f)), listed))
            changes_view = ChangesView(
                baseline=self.baseline.name,
                before=len(self.baseline.findings),
                after=self.total,
                new_count=self.new_count,
                fixed_count=len(fixed),
                unchanged=self.total - self.new_count,
                new=tuple(doc_of_new),
                fixed=tuple(_fixed_view(f) for f in fixed[: limits.listed_findings]),
            )

        fired_categories = tuple((c.category, c.total) for c in categories if c.total)
        return ReportContext(
            corpus_name=corpus_name(self.corpus_root),
            version=__version__,
            documents=self.documents,
            flagged_count=self.flagged,
            findings=self.total,
            fixed=self.fixed,
            counts={s: self.counts[s] for s in SEVERITIES},
            categories=tuple(categories),
            fired_categories=fired_categories,
            rules=tuple(rules),
            rule_options=tuple(sorted((r.rule, r.total) for r in rules)),
            quiet_rules=quiet,
            scored=self.scored,
            table=tuple(table),
            detailed=detailed,
            corpus_findings=tuple(
                _finding_view(f, n, None, "corpus", new=id(f) in new, marked=False)
                for n, (f, _) in enumerate(self.corpus_level, 1)
            ),
            corpus_total=self.corpus_total,
            languages=bar_chart(
                "Languages",
                ("declared", "detected"),
                {"declared": self.declared, "detected": self.detected},
            ),
            lengths=histogram(self.lengths),
            changes=changes_view,
            limits=limits,
            suites=self._suites(detailed),
            garbled_count=self.rule_documents.get("translation.garbled", 0),
        )

    def _suites(self, detailed: Sequence[DocumentView]) -> tuple[Any, ...]:
        """Each suite's expectations, failing documents linked to their cards."""
        from corpuscheck.publish.validations import result_path
        from corpuscheck.report.expectations import suite_views

        return suite_views(
            {name: (result_path(name), v) for name, v in self.validations.items()},
            {d.id for d in detailed},
        )

    def _fixed(self) -> tuple[OldFinding, ...]:
        """The baseline findings no finding of this build matches."""
        assert self.baseline is not None
        seen: Counter[Any] = Counter()
        out = []
        for f in self.baseline.findings:
            seen[f.key] += 1
            if seen[f.key] > self._seen[f.key]:
                out.append(f)
        return tuple(out)


def _score(badness: tuple[Any, ...]) -> float | None:
    return float(badness[0])
