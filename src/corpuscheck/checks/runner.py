"""Run the registered checks: per document (in any engine) and on the corpus."""

from __future__ import annotations

import traceback

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


def process_document(doc: Document, config: Config) -> tuple[Document, list[Finding]]:
    """Clean one document and run every document check on it.

    Runs in a worker process under the process engine, so it takes and returns
    plain picklable data.
    """
    findings: list[Finding] = []
    if doc.readable:
        findings.extend(clean_document(doc))
    for check in enabled_checks(config, "document"):
        findings.extend(_run(check, doc, config, doc_id=doc.id, file=doc.file))
    return doc, findings


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
