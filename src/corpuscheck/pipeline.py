"""The whole pipeline as one function: read → clean → check → publish → report.

The command line is a thin shell over :func:`build`; so are the tests.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from corpuscheck.config import Config
from corpuscheck.model import Corpus, Document, Finding, Severity


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced: the corpus as cleaned, every finding, and the output folder."""

    corpus: Corpus
    findings: list[Finding]
    out: Path | None

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        return {s.value: sum(f.severity is s for f in self.findings) for s in Severity}


Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while a build runs (the progress bar)."""


def check(
    seeds: str | Path,
    config: Config | None = None,
    *,
    only: Collection[str] | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Read, clean and check a corpus folder; write nothing.

    ``only`` names the files (relative to the corpus folder) whose documents
    are checked, for ``corpuscheck check --since``: every document is still
    read and cleaned, so the corpus-level checks see the whole corpus, but only
    the named documents go through the document checks, and the result keeps
    only their findings and the findings about the corpus as a whole. Without
    ``only`` every document is checked.
    """
    from corpuscheck.checks.runner import process_document, run_corpus_checks
    from corpuscheck.engines import make_engine
    from corpuscheck.read import read_corpus

    config = config or Config()
    corpus = read_corpus(seeds)
    selected = [d for d in corpus.documents if only is None or d.file in only]
    others = [d for d in corpus.documents if only is not None and d.file not in only]
    engine = make_engine(config.jobs)
    done = 0

    def advance() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress("documents", done, len(selected))

    results = engine.map(
        functools.partial(process_document, config=config), selected, on_result=advance
    )
    checked = {doc.file: doc for doc, _ in results}
    cleaned = {doc.file: doc for doc in engine.map(clean_only, others)}
    corpus.documents = [checked.get(d.file) or cleaned[d.file] for d in corpus.documents]
    findings = [f for f in corpus.read_findings if f.doc_id is None or f.file in checked]
    for _, doc_findings in results:
        findings.extend(doc_findings)
    if progress is not None:
        progress("corpus checks", 0, 1)
    ids = {doc.id for doc in checked.values()}
    findings.extend(
        f for f in run_corpus_checks(corpus, config) if f.doc_id is None or f.doc_id in ids
    )
    if progress is not None:
        progress("corpus checks", 1, 1)
    findings.sort(key=Finding.sort_key)
    return BuildResult(corpus, findings, None)


def clean_only(doc: Document) -> Document:
    """Clean one document without checking it (its repairs are not reported)."""
    from corpuscheck.clean import clean_document

    if doc.readable:
        clean_document(doc)
    return doc


def build(
    seeds: str | Path,
    out: str | Path,
    config: Config | None = None,
    *,
    progress: Progress | None = None,
) -> BuildResult:
    """Check a corpus folder and publish the data package and report into ``out``.

    ``out`` is replaced as a whole, atomically: a failed build leaves the
    previous output untouched.
    """
    from corpuscheck.publish import write_outputs

    result = check(seeds, config, progress=progress)
    if progress is not None:
        progress("publishing", 0, 1)
    write_outputs(Path(out), result, baseline=config.baseline if config else None)
    if progress is not None:
        progress("publishing", 1, 1)
    return BuildResult(result.corpus, result.findings, Path(out))
