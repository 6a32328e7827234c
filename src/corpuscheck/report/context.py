"""Work out everything the report template shows, from a build result.

The template only lays things out; every count, order, anchor and label is
decided here, in plain data. Corpus text stays a plain ``str`` (the template
escapes it) except a document's highlighted text, which
:func:`corpuscheck.report.highlight.highlight` builds from escaped pieces.
Every list is sorted, so the same build always gives the same report.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from corpuscheck import __version__
from corpuscheck.checks.registry import rule_descriptions
from corpuscheck.model import CATEGORIES, Document, Finding, Severity
from corpuscheck.pipeline import BuildResult
from corpuscheck.report.highlight import Highlight, highlight
from corpuscheck.schemas import table_schema

SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)
"""error, warning, info: the worst first."""

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
    excerpt: str
    evidence: str
    fixed: bool
    replacement: str | None


@dataclass(frozen=True, slots=True)
class DocumentView:
    """A document with findings: its fields, findings and highlighted original text."""

    id: str
    file: str
    anchor: str
    counts: Mapping[str, int]
    worst: str
    fields: tuple[Field, ...]
    findings: tuple[FindingView, ...]
    text: Markup
    readable: bool
    language: str


@dataclass(frozen=True, slots=True)
class RuleRow:
    """Findings of one rule at one severity."""

    rule: str
    category: str
    severity: str
    count: int
    documents: int
    description: str


@dataclass(frozen=True, slots=True)
class CategoryRow:
    category: str
    counts: Mapping[str, int]
    total: int


@dataclass(frozen=True, slots=True)
class ReportContext:
    """Everything ``report.html.j2`` shows."""

    corpus_name: str
    version: str
    documents: int
    findings: int
    fixed: int
    counts: Mapping[str, int]
    categories: tuple[CategoryRow, ...]
    rules: tuple[RuleRow, ...]
    quiet_rules: tuple[tuple[str, str], ...]
    flagged: tuple[DocumentView, ...]
    clean: tuple[tuple[str, str], ...]
    corpus_findings: tuple[FindingView, ...]
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
    return "doc-" + re.sub(r"[^A-Za-z0-9_.-]", lambda m: f"~{ord(m.group()):x}~", doc_id)


def line_column(text: str, offset: int) -> str:
    """``line:column`` of a character offset, both counted from 1.

    >>> line_column("ab\\ncd", 4)
    '2:2'
    """
    offset = min(offset, len(text))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def _evidence(evidence: Mapping[str, Any]) -> str:
    if not evidence:
        return ""
    return json.dumps(evidence, sort_keys=True, ensure_ascii=False, default=str)


def _finding_view(f: Finding, n: int, doc: Document | None, base: str) -> FindingView:
    """``doc`` is the document whose text the span points into (None for corpus-level)."""
    position = ""
    if doc is not None and f.start is not None:
        position = line_column(doc.original, f.start)
    return FindingView(
        n=n,
        rule=f.rule,
        category=f.category,
        severity=f.severity.value,
        message=f.message,
        position=position,
        mark_id=f"{base}-f{n}" if position else None,
        row_id=f"{base}-r{n}",
        file=f.file or "",
        excerpt=f.excerpt,
        evidence=_evidence(f.evidence),
        fixed=f.fixed,
        replacement=f.replacement,
    )


def _severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.severity.value for f in findings)
    return {s: counts[s] for s in SEVERITIES}


def _fields(doc: Document) -> tuple[Field, ...]:
    schema = {f["name"]: f for f in table_schema("documents")["fields"]}
    values = dict(doc.metadata)
    values["file_name"] = doc.file
    values["length"] = str(len(doc.text))
    detected = doc.computed.get("detected_language")
    probability = doc.computed.get("detected_language_probability")
    if detected:
        values["detected_language"] = str(detected)
        if isinstance(probability, int | float):
            values["detected_language"] += f" ({probability:.2f})"
    fields = []
    for name in _DOCUMENT_FIELDS:
        value = str(values.get(name) or "")
        if value or name in _ALWAYS_SHOWN:
            spec = schema.get(name, {})
            fields.append(
                Field(name, spec.get("title", name), spec.get("description", ""), value or "—")
            )
    return tuple(fields)


def _document_view(doc: Document, findings: Sequence[Finding]) -> DocumentView:
    base = anchor(doc.id)
    views = tuple(_finding_view(f, n, doc, base) for n, f in enumerate(findings, 1))
    marks = [
        Highlight(
            f.start,
            f.end,
            (
                ("class", f"f cat-{f.category} sev-{f.severity.value}"),
                ("title", f"{f.rule} ({f.severity.value}): {f.message}"),
                ("data-rule", f.rule),
                ("data-severity", f.severity.value),
                ("data-category", f.category),
                ("data-finding", str(n)),
            ),
            anchor=f"{base}-f{n}",
        )
        for n, f in enumerate(findings, 1)
        if f.start is not None and f.end is not None
    ]
    counts = _severity_counts(findings)
    worst = next((s for s in SEVERITIES if counts[s]), "info")
    return DocumentView(
        id=doc.id,
        file=doc.file,
        anchor=base,
        counts=counts,
        worst=worst,
        fields=_fields(doc),
        findings=views,
        text=highlight(doc.original, marks),
        readable=doc.readable,
        language=doc.metadata.get("language", "").strip(),
    )


def corpus_name(root: str) -> str:
    """The name of the corpus folder (never its full path)."""
    return Path(root).name or Path(root).resolve().name


def build_context(result: BuildResult) -> ReportContext:
    """Everything the report shows, worked out from ``result``."""
    findings = sorted(result.findings, key=Finding.sort_key)
    documents = sorted(result.corpus.documents, key=lambda d: d.id)
    by_doc: dict[str, list[Finding]] = {d.id: [] for d in documents}
    corpus_level: list[Finding] = []
    for f in findings:
        if f.doc_id is not None and f.doc_id in by_doc:
            by_doc[f.doc_id].append(f)
        else:
            corpus_level.append(f)

    flagged = [_document_view(d, by_doc[d.id]) for d in documents if by_doc[d.id]]
    flagged.sort(key=lambda v: (*(-v.counts[s] for s in SEVERITIES), v.id))
    clean = tuple((d.id, d.file) for d in documents if not by_doc[d.id])

    categories = []
    for category in CATEGORIES:
        counts = _severity_counts(f for f in findings if f.category == category)
        categories.append(CategoryRow(category, counts, sum(counts.values())))

    descriptions = rule_descriptions()
    per_rule: Counter[tuple[str, str]] = Counter()
    docs_per_rule: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in findings:
        per_rule[(f.rule, f.severity.value)] += 1
        if f.doc_id is not None:
            docs_per_rule[(f.rule, f.severity.value)].add(f.doc_id)
    rules = sorted(
        (
            RuleRow(
                rule,
                rule.split(".", 1)[0],
                severity,
                count,
                len(docs_per_rule[(rule, severity)]),
                descriptions.get(rule, ""),
            )
            for (rule, severity), count in per_rule.items()
        ),
        key=lambda r: (SEVERITIES.index(r.severity), -r.count, r.rule),
    )
    fired = {f.rule for f in findings}
    quiet = tuple(sorted((r, d) for r, d in descriptions.items() if r not in fired))

    return ReportContext(
        corpus_name=corpus_name(result.corpus.root),
        version=__version__,
        documents=len(documents),
        findings=len(findings),
        fixed=sum(f.fixed for f in findings),
        counts=_severity_counts(findings),
        categories=tuple(categories),
        rules=tuple(rules),
        quiet_rules=quiet,
        flagged=tuple(flagged),
        clean=clean,
        corpus_findings=tuple(
            _finding_view(f, n, None, "corpus") for n, f in enumerate(corpus_level, 1)
        ),
    )
