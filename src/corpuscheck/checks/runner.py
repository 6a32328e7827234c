"""Run the registered checks: per document (in any engine) and on the corpus."""

from __future__ import annotations

import dataclasses
import functools
import os
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from corpuscheck.checks.registry import Check, load_checks
from corpuscheck.clean import clean_document
from corpuscheck.config import Config
from corpuscheck.model import Corpus, Document, Finding, Severity


def enabled_checks(config: Config, scope: str) -> list[Check]:
    """The registered checks of ``scope`` that ``config`` does not disable."""
    return [
        c
        for c in load_checks().values()
        if c.scope == scope and c.name not in config.disabled and c.category not in config.disabled
    ]


def warm_up(
    checks: Iterable[Check],
    corpus: Corpus,
    config: Config,
    also: Iterable[Callable[[], object]] = (),
) -> threading.Thread | None:
    """Start, in a background thread, each check's :attr:`~Check.warm`, then each of ``also``.

    Returns the thread, or None when there is nothing to warm up. For a build
    whose documents are checked in worker processes: this process only waits
    for them meanwhile, and the corpus checks that follow would otherwise
    import their libraries (Great Expectations takes seconds) after the last
    document. ``also`` are the same for what comes after the corpus checks
    (the sinks' libraries and templates). A warm-up that fails is left to its
    check or sink, which meets the same failure when it runs and reports it.
    """
    steps: list[Callable[[], object]] = [
        functools.partial(c.warm, corpus, config) for c in checks if c.warm is not None
    ]
    steps += also
    if not steps:
        return None

    def warm_all() -> None:
        for step in steps:
            try:
                step()
            except Exception:  # the check or sink meets it again and reports it
                continue

    thread = threading.Thread(target=warm_all, name="corpuscheck-warm-up", daemon=True)
    thread.start()
    return thread


def process_document(
    doc: Document, config: Config, found: Iterable[Finding] = ()
) -> tuple[Document, list[Finding]]:
    """Clean one document and run every document check on it.

    ``found`` are the findings reading the document gave; they come first in
    the result, and every rule is capped (:func:`cap_findings`) over all of
    them. Runs in a worker process under the process engine, so it takes and
    returns plain picklable data.
    """
    ((doc, findings),) = process_documents([(doc, list(found))], config)
    return doc, findings


def process_documents(
    items: list[tuple[Document, list[Finding]]], config: Config
) -> Iterator[tuple[Document, list[Finding]]]:
    """:func:`process_document` for each document of a batch (with the findings reading gave).

    The checks marked ``batch_first`` run on every document first, each over
    the whole batch before the next, then the others document by document,
    each document yielded as soon as they are done with it (what is kept of
    it for the next steps, its tokens, is still there): a language model's
    tables stay in the processor's caches between documents instead of
    being pushed out by the other checks (a tenth of the CPU on
    documentation prose), and the model's calls on whole documents
    (``language.detection``) are not pushed out by the word tables of the
    paragraph check between them. Each document's findings are in the
    order of the checks all the same, so the result is that of running the
    checks in order on each document.
    """
    if _first_document_mark is not None:
        _mark_first_document()
    checks = enabled_checks(config, "document")
    first = [c for c in checks if c.batch_first]
    by_check: list[dict[str, list[Finding]]] = []
    cleaning: list[list[Finding]] = []
    for doc, _ in items:
        cleaning.append(clean_document(doc) if doc.readable else [])
        by_check.append({})
    for check in first:
        for (doc, _), found in zip(items, by_check, strict=True):
            found[check.name] = _run(check, doc, config, doc_id=doc.id, file=doc.file)
    for (doc, read), cleaned, found in zip(items, cleaning, by_check, strict=True):
        findings = [*read, *cleaned]
        for check in checks:
            if check.name not in found:
                found[check.name] = _run(check, doc, config, doc_id=doc.id, file=doc.file)
            findings.extend(found[check.name])
        yield doc, cap_findings(findings)


MAX_PER_RULE = 50
"""The most findings of one rule kept for one document (the rest are counted)."""


def cap_findings(findings: list[Finding], cap: int = MAX_PER_RULE) -> list[Finding]:
    """Keep the first ``cap`` findings of each rule in each document, in the order given.

    A damaged document must not bury the report, the annotations and SARIF:
    past ``cap`` the findings of a rule are dropped, and the last one kept
    says how many were left out (``evidence["omitted"]``, also in its
    message). Findings about no document are never dropped.

    >>> from corpuscheck.model import Document, Severity
    >>> doc = Document("d", "d.txt", "x" * 10)
    >>> many = [doc.finding("artifact.markup", Severity.ERROR, "m", i, i + 1) for i in range(5)]
    >>> kept = cap_findings(many, cap=2)
    >>> len(kept), kept[-1].evidence["omitted"], kept[-1].message
    (2, 3, 'm (and 3 more artifact.markup findings in this document, not listed)')
    """
    if len(findings) <= cap:  # no rule can have more
        return findings
    totals: Counter[tuple[str | None, str]] = Counter(
        (f.doc_id, f.rule) for f in findings if f.doc_id is not None
    )
    if all(n <= cap for n in totals.values()):
        return findings
    kept: list[Finding] = []
    seen: Counter[tuple[str | None, str]] = Counter()
    for finding in findings:
        key = (finding.doc_id, finding.rule)
        if finding.doc_id is None:
            kept.append(finding)
            continue
        seen[key] += 1
        if seen[key] < cap or (seen[key] == cap and totals[key] == cap):
            kept.append(finding)
        elif seen[key] == cap:
            omitted = totals[key] - cap
            kept.append(
                dataclasses.replace(
                    finding,
                    message=f"{finding.message} (and {omitted} more {finding.rule} findings "
                    "in this document, not listed)",
                    evidence={**finding.evidence, "omitted": omitted},
                )
            )
    return kept


_first_document_mark = os.environ.get("CORPUSCHECK_FIRST_DOCUMENT_MARK")
"""A file to write the time into when the first document is checked (for the benchmarks)."""


def _mark_first_document() -> None:
    # Only the first document of the whole build writes the file (the first
    # worker to get there creates it); the benchmark measures start-up with it.
    global _first_document_mark
    path, _first_document_mark = _first_document_mark, None
    try:
        fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError:
        return
    with os.fdopen(fd, "w") as mark:
        mark.write(repr(time.time()))


def run_corpus_checks(corpus: Corpus, config: Config) -> list[Finding]:
    """Run every corpus-level check."""
    findings: list[Finding] = []
    for check in enabled_checks(config, "corpus"):
        findings.extend(_run(check, corpus, config, doc_id=None, file=None))
    return findings


def _run(
    check: Check, subject: Document | Corpus, config: Config, doc_id: str | None, file: str | None
) -> list[Finding]:
    # A check that crashes must not take the build down or hide the rest: its
    # failure becomes a finding naming the check, with the traceback as evidence.
    try:
        return list(check.apply(subject, config))
    except Exception as err:
        return [
            Finding(
                f"{check.category}.check_failed",
                Severity.ERROR,
                f"check {check.name} failed: {type(err).__name__}: {err}",
                doc_id=doc_id,
                file=file,
                evidence={"check": check.name, "traceback": traceback.format_exc(limit=5)},
            )
        ]
