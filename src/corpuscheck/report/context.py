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
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from corpuscheck import __version__
from corpuscheck.checks.registry import load_checks
from corpuscheck.model import CATEGORIES, Document, Finding, Severity
from corpuscheck.pipeline import BuildResult
from corpuscheck.report.baseline import Baseline, Changes, OldFinding, compare
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
    severities: tuple[str, ...] = SEVERITIES
    category_names: tuple[str, ...] = CATEGORIES


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
    counts = Counter(f.severity.value for f in findings)
    return {s: counts[s] for s in SEVERITIES}


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
    """Everything the report shows, worked out from ``result`` (and an earlier build's findings)."""
    findings = sorted(result.findings, key=Finding.sort_key)
    documents = sorted(result.corpus.documents, key=lambda d: d.id)
    by_doc: dict[str, list[Finding]] = {d.id: [] for d in documents}
    corpus_level: list[Finding] = []
    for f in findings:
        if f.doc_id is not None and f.doc_id in by_doc:
            by_doc[f.doc_id].append(f)
        else:
            corpus_level.append(f)

    changes: Changes | None = compare(baseline, findings) if baseline is not None else None
    new = {id(f) for f in changes.new} if changes else set()

    scores = quality_scores(result)
    counts_by_doc = {d.id: _severity_counts(by_doc[d.id]) for d in documents}

    def badness(d: Document) -> tuple[Any, ...]:
        c = counts_by_doc[d.id]
        return (scores.get(d.id, 1.0), *(-c[s] for s in SEVERITIES), d.id)

    ranked = sorted(documents, key=badness)
    rank = {d.id: i for i, d in enumerate(ranked, 1)}

    def score(doc_id: str) -> str:
        return f"{scores[doc_id]:.2f}" if doc_id in scores else ""

    flagged = [d for d in ranked if by_doc[d.id]]
    schema = _schema_fields()
    detailed = tuple(
        _document_view(d, by_doc[d.id], rank[d.id], score(d.id), new, schema, limits)
        for d in flagged[: limits.detailed]
    )
    detailed_ids = {v.id: v for v in detailed}

    # Where each finding can be seen: its highlight, else its row in the document.
    links: dict[int, str] = {}
    for view in detailed:
        for v, f in zip(view.findings, by_doc[view.id], strict=False):
            links[id(f)] = f"#{v.mark_id or v.row_id}"

    table = []
    for d in ranked[: limits.table_rows]:
        c = counts_by_doc[d.id]
        pairs = sorted({f"{f.rule}:{f.severity.value}" for f in by_doc[d.id]})
        meta = [d.metadata.get(k, "") for k in ("title", "source", "url", "license")]
        table.append(
            DocumentRow(
                rank=rank[d.id],
                id=d.id,
                file=d.file,
                anchor=anchor(d.id) if d.id in detailed_ids else None,
                score=score(d.id),
                counts=c,
                worst=_worst(c),
                language=d.metadata.get("language", ""),
                detected=_detected(d),
                length=len(d.text),
                findings=" ".join(pairs),
                search=" ".join(m for m in meta if m),
                new=sum(id(f) in new for f in by_doc[d.id]),
            )
        )

    categories = []
    for category in CATEGORIES:
        counts = _severity_counts(f for f in findings if f.category == category)
        categories.append(CategoryRow(category, counts, sum(counts.values())))

    rule_docs = _rule_docs()
    files = {d.id: d.file for d in documents}
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in sorted(findings, key=lambda f: (rank.get(f.doc_id or "", 0), f.sort_key())):
        by_rule[f.rule].append(f)
    rules = []
    for rule, fired in by_rule.items():
        counts = _severity_counts(fired)
        check_name, summary, details = rule_docs.get(rule, ("", "", ""))
        rules.append(
            RuleView(
                rule=rule,
                anchor="rule-" + _safe_id(rule),
                category=rule.split(".", 1)[0],
                counts=counts,
                total=len(fired),
                documents=len({f.doc_id for f in fired if f.doc_id is not None}),
                severities=" ".join(s for s in SEVERITIES if counts[s]),
                summary=inline_markup(summary),
                details=inline_markup(details),
                check=check_name,
                examples=_examples(fired, links, files, limits.examples),
            )
        )
    rules.sort(key=lambda r: (*(-r.counts[s] for s in SEVERITIES), r.rule))
    quiet = tuple(
        sorted((r, inline_markup(d[1])) for r, d in rule_docs.items() if r not in by_rule)
    )

    changes_view = None
    if changes is not None:
        doc_of_new: list[tuple[str, str | None, FindingView]] = []
        for n, f in enumerate(changes.new[: limits.listed_findings], 1):
            listed = _finding_view(f, n, None, "new", new=False, marked=False)
            doc_of_new.append((f.file or f.doc_id or "corpus", links.get(id(f)), listed))
        changes_view = ChangesView(
            baseline=changes.baseline,
            before=changes.before,
            after=changes.after,
            new_count=len(changes.new),
            fixed_count=len(changes.fixed),
            unchanged=changes.unchanged,
            new=tuple(doc_of_new),
            fixed=tuple(_fixed_view(f) for f in changes.fixed[: limits.listed_findings]),
        )

    fired_categories = tuple((c.category, c.total) for c in categories if c.total)
    return ReportContext(
        corpus_name=corpus_name(result.corpus.root),
        version=__version__,
        documents=len(documents),
        flagged_count=len(flagged),
        findings=len(findings),
        fixed=sum(f.fixed for f in findings),
        counts=_severity_counts(findings),
        categories=tuple(categories),
        fired_categories=fired_categories,
        rules=tuple(rules),
        rule_options=tuple(sorted((r.rule, r.total) for r in rules)),
        quiet_rules=quiet,
        scored=bool(scores),
        table=tuple(table),
        detailed=detailed,
        corpus_findings=tuple(
            _finding_view(f, n, None, "corpus", new=id(f) in new, marked=False)
            for n, f in enumerate(corpus_level[: limits.listed_findings], 1)
        ),
        corpus_total=len(corpus_level),
        languages=_language_chart(documents),
        lengths=_length_chart(documents, by_doc),
        changes=changes_view,
        limits=limits,
    )


def _language_chart(documents: Sequence[Document]) -> BarChart:
    declared = Counter(d.metadata.get("language", "").strip() or "none" for d in documents)
    detected = Counter(_detected(d) or "none" for d in documents)
    return bar_chart(
        "Languages",
        ("declared", "detected"),
        {"declared": declared, "detected": detected},
    )


def _length_chart(documents: Sequence[Document], by_doc: Mapping[str, list[Finding]]) -> Histogram:
    lengths = [(len(d.text), bool(by_doc[d.id])) for d in documents]
    return histogram(lengths)
