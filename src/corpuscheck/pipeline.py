"""The whole pipeline: read → clean → check → publish → report, streaming.

Documents flow in batches from the reader (:mod:`corpuscheck.read.sources`)
through the per-document stage (:mod:`corpuscheck.stage`: cleaning, the
document checks, the corpus checks' observations), run by an engine
(:mod:`corpuscheck.engines`: this process, worker processes or Ray), into
*sinks*: the package's tables (:class:`corpuscheck.publish.tables.PackageWriter`),
the report (:class:`corpuscheck.report.context.ReportBuilder`), or a list in
memory for :func:`check`.

A document's findings are complete only when the corpus checks have seen
the whole corpus, so :func:`run` makes two passes: the first streams every
processed document to a spill file on disk (:mod:`corpuscheck.spill`) while
the corpus checks fold their compact observations; the corpus checks then
finish, and the second pass reads the spill back in the same order, adds the
corpus checks' findings to their documents and hands each document to the
sinks. Memory holds a few batches, the corpus checks' state and a stub per
document (id, file, metadata), whatever the corpus size.

Order: the corpus-level findings first, then each document in reader order
(by document id for a corpus folder), its findings sorted by
:meth:`Finding.sort_key`.

The command line is a thin shell over :func:`build` and :func:`check`; so
are the tests.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import threading
import traceback
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from corpuscheck.config import Config
from corpuscheck.model import BuildResult, Corpus, Document, Finding, Severity

__all__ = ["BuildResult", "Progress", "Sink", "build", "check", "run"]

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while a build runs (the progress bar)."""

BATCH_SIZE = 16
"""Documents handed to the per-document stage at once."""


class Sink(Protocol):
    """Where the second pass of :func:`run` delivers the corpus, in order."""

    def start(self, corpus: Corpus, findings: list[Finding]) -> None:
        """The corpus (stubs) and its corpus-level findings, before any document."""

    def document(self, doc: Document, findings: list[Finding], row: dict[str, Any]) -> None:
        """One document, cleaned, with all its findings and its row of the documents table."""

    def finish(self) -> None:
        """After the last document."""

    # A sink may also have ``warm()``: what it loads before it can start (libraries,
    # templates), which a build with worker processes does while they check the documents.


@dataclass(slots=True)
class Summary:
    """What :func:`run` counted: the corpus (stubs), documents and findings per severity."""

    corpus: Corpus
    places: dict[str, tuple[str, int]] = field(default_factory=dict)
    documents: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Severity})


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _after_first(items: Iterable[Any], then: Callable[[], None]) -> Iterator[Any]:
    """``items``, calling ``then`` once the first has been taken and the next is asked for."""
    iterator = iter(items)
    for item in iterator:
        yield item
        then()
        break
    yield from iterator


_frozen_depth = 0
"""How many :func:`frozen_gc` blocks this process is inside."""


@contextlib.contextmanager
def frozen_gc() -> Iterator[None]:
    """The objects alive now left out of the garbage collector's passes until the end.

    A build's processes hold, for the rest of it, what they loaded (models,
    word tables, the imports of the corpus checks) and then a stub per
    document and the corpus checks' state; each full pass of the collector
    walked them all again (0.1 to 0.3 s a pass). They stay alive anyway;
    what is made afterwards is collected as usual, and a frozen object is
    still freed when nothing refers to it. Inside a block, another block
    freezes what was made since; the objects are given back when the
    outermost ends. Nothing is done when something else has frozen objects
    already (``gc.freeze``).
    """
    global _frozen_depth
    if not _frozen_depth and gc.get_freeze_count():
        yield
        return
    _frozen_depth += 1
    gc.freeze()
    try:
        yield
    finally:
        _frozen_depth -= 1
        if not _frozen_depth:
            gc.unfreeze()


def run(
    seeds: str | Path,
    config: Config,
    sinks: list[Any],
    *,
    only: Collection[str] | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Stream the corpus at ``seeds`` through the checks into ``sinks``.

    ``only`` names the files (relative to the corpus folder) whose documents
    are checked, for ``corpuscheck check --since``: every document is still
    read, cleaned and seen by the corpus checks, but only the named ones go
    through the document checks, and only their findings and those about
    the corpus as a whole are delivered.
    """
    from corpuscheck.checks.runner import enabled_checks, warm_up
    from corpuscheck.engines import SerialEngine, make_engine
    from corpuscheck.read.sources import open_source
    from corpuscheck.spill import Parked, Spill
    from corpuscheck.stage import DocumentStage
    from corpuscheck.tables import document_row

    source = open_source(seeds, config)
    corpus = source.corpus
    checks = enabled_checks(config, "corpus")
    states = {c.name: c.func(config) for c in checks if c.stateful}
    failures: dict[str, tuple[Document | None, str]] = {}
    stubs: list[Document] = []
    stage = DocumentStage(config, only, config.cache)
    engine = make_engine(config.jobs, config.engine, config.ray_address)
    summary = Summary(corpus)
    batches: Iterator[list[Any]] = batched(source.documents, BATCH_SIZE)
    warming: list[threading.Thread | None] = []
    if not isinstance(engine, SerialEngine):
        # While the workers check the documents this process mostly waits: the
        # corpus checks' slow imports are done meanwhile, in a thread started
        # once the engine has taken the first batch, when the processes it
        # forks from this one exist (a process forked while a thread imports
        # could inherit a held lock; the other workers are forked from the
        # first, see corpuscheck.engines).
        also = [s.warm for s in sinks if hasattr(s, "warm")]
        # numpy, which every worker imports for its first document (the
        # near-duplicate sketches) and this process for the corpus checks and
        # the tables, is imported here, before the workers are forked: once
        # instead of once per worker (0.07 CPU s each).
        import numpy  # noqa: F401

        batches = _after_first(
            batches, lambda: warming.append(warm_up(checks, corpus, config, also))
        )
    with Spill() as spill, Parked() as parked, contextlib.ExitStack() as tail:
        frozen = False
        for results in engine.imap(stage, batches):
            for shipped in results:
                stub = shipped.stub
                for name, state in states.items():
                    if name in shipped.failures:
                        failures.setdefault(name, (stub, shipped.failures[name]))
                    elif name not in failures:
                        state.add(stub, shipped.observations.get(name))
                spill.append_pickled(stub.id, shipped.record)
                stubs.append(stub)
                if progress is not None:
                    progress("documents", len(stubs), source.total or len(stubs))
            if not frozen and not any(t is not None and t.is_alive() for t in warming):
                # After a batch, with the imports of the warm-up done: what this
                # process loaded stays to the end (in one process, the models too).
                tail.enter_context(frozen_gc())
                frozen = True
        tail.enter_context(frozen_gc())
        if progress is not None:
            progress("corpus checks", 0, 1)
        for thread in warming:
            if thread is not None:
                thread.join()

        view = Corpus(
            corpus.root,
            stubs,
            corpus.manifest,
            corpus.manifest_file,
            corpus.read_findings,
            loader=lambda doc_id: spill.load(doc_id)[0],
        )
        ids = {stub.id for stub in stubs}
        places = {s.id: s.computed["place"] for s in stubs if "place" in s.computed}
        checked = ids if only is None else {s.id for s in stubs if s.file in only}
        top = [f for f in corpus.read_findings if f.doc_id is None or f.doc_id in checked]
        for f in _finish(checks, states, failures, view, config):
            if f.doc_id is None or f.doc_id not in ids:
                top.append(f)
            elif f.doc_id in checked:
                parked.park(f.doc_id, f)
        view.rows = None  # not needed any more
        top.sort(key=Finding.sort_key)
        summary.places = places
        if progress is not None:
            progress("corpus checks", 1, 1)

        for sink in sinks:
            sink.start(view, top)
        _tally(summary, top)
        for doc, findings in spill:
            findings = sorted([*findings, *parked.take(doc.id)], key=Finding.sort_key)
            row = document_row(doc, findings)
            for sink in sinks:
                sink.document(doc, findings, row)
            summary.documents += 1
            _tally(summary, findings)
            if progress is not None:
                progress("writing", summary.documents, len(stubs))
        for sink in sinks:
            sink.finish()
    return summary


def _tally(summary: Summary, findings: Iterable[Finding]) -> None:
    for f in findings:
        summary.counts[f.severity.value] += 1


def _finish(
    checks: list[Any],
    states: dict[str, Any],
    failures: dict[str, tuple[Document | None, str]],
    corpus: Corpus,
    config: Config,
) -> Iterator[Finding]:
    """Every corpus check's findings, as they come; a check that fails becomes a finding naming it."""
    from corpuscheck.checks.runner import _run

    for check in checks:
        if not check.stateful:
            yield from _run(check, corpus, config, doc_id=None, file=None)
            continue
        failed: tuple[Document | None, str] | None = failures.get(check.name)
        if failed is None:
            try:
                yield from states[check.name].finish(corpus)
                continue
            except Exception as err:
                failed = (None, f"{type(err).__name__}: {err}\n{traceback.format_exc(limit=5)}")
        doc, trace = failed
        first = trace.strip().splitlines()[-1] if trace.strip() else "error"
        yield Finding(
            f"{check.category}.check_failed",
            Severity.ERROR,
            f"check {check.name} failed: {first}",
            doc_id=None,
            file=doc.file if doc is not None else None,
            evidence={"check": check.name, "traceback": trace},
        )


class _Collect:
    """A sink that keeps everything in memory: the result of :func:`check`."""

    def __init__(self) -> None:
        self.corpus: Corpus | None = None
        self.documents: list[Document] = []
        self.findings: list[Finding] = []

    def start(self, corpus: Corpus, findings: list[Finding]) -> None:
        self.corpus = corpus
        self.findings.extend(findings)

    def document(self, doc: Document, findings: list[Finding], row: dict[str, Any]) -> None:
        self.documents.append(doc)
        self.findings.extend(findings)

    def finish(self) -> None:
        pass


def check(
    seeds: str | Path,
    config: Config | None = None,
    *,
    only: Collection[str] | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Read, clean and check a corpus; write nothing; return everything in memory.

    See :func:`run` for ``only``. The result holds every document and every
    finding, for ``corpuscheck check``, the tests and scripts; a build of a
    large corpus uses :func:`build`, which holds neither.
    """
    config = config or Config()
    collect = _Collect()
    summary = run(seeds, config, [collect], only=only, progress=progress)
    corpus = Corpus(
        summary.corpus.root,
        collect.documents,
        summary.corpus.manifest,
        summary.corpus.manifest_file,
        summary.corpus.read_findings,
        validations=collect.corpus.validations if collect.corpus is not None else {},
    )
    return BuildResult(corpus, collect.findings, None)


def build(
    seeds: str | Path,
    out: str | Path,
    config: Config | None = None,
    *,
    progress: Progress | None = None,
    fix: bool = False,
) -> BuildResult:
    """Check a corpus and publish the data package and report into ``out``, streaming.

    ``out`` is replaced as a whole, atomically: a failed build leaves the
    previous output untouched. With ``fix`` the cleaner's repairs are
    written back into the corpus folder as documents pass.

    The result holds no document; its findings are read back from the
    published findings table when iterated.
    """
    from concurrent.futures import ThreadPoolExecutor

    from corpuscheck.publish import OUTPUT_NAMES, finish_package
    from corpuscheck.publish.atomic import check_replaceable, replace_folder
    from corpuscheck.publish.tables import PackageWriter
    from corpuscheck.report import write_context
    from corpuscheck.report.baseline import load_baseline
    from corpuscheck.report.context import ReportBuilder

    config = config or Config()
    out = Path(out)
    baseline = load_baseline(config.baseline) if config.baseline is not None else None
    summaries: list[Summary] = []
    fixer = _Fixer()

    def write_all(tmp: Path) -> None:
        package = PackageWriter(tmp)
        report = ReportBuilder(baseline)
        sinks: list[Any] = [package, report]
        if fix:
            sinks.append(fixer)
        try:
            summary = run(seeds, config, sinks, progress=progress)
        except BaseException:
            package.abort()  # its threads may be writing or deflating a table
            raise
        summaries.append(summary)
        if progress is not None:
            progress("publishing and report", 0, 1)
        # Side by side: the package (hashing the tables, the rest of deflating
        # the CSV files, which began as they were written, and the zip) lets go
        # of the interpreter, and the report is rendered meanwhile. Neither
        # reads what the other writes.
        with frozen_gc(), ThreadPoolExecutor(max_workers=1) as pool:
            packaged = pool.submit(finish_package, tmp, summary.corpus.root, package)
            write_context(tmp, report)
            packaged.result()
        if progress is not None:
            progress("publishing and report", 1, 1)

    check_replaceable(out, OUTPUT_NAMES)
    replace_folder(out, write_all)
    if config.cache is not None:
        from corpuscheck.cache import prune

        # After a whole build only: it touched every entry the corpus needs.
        prune(config.cache)
    (summary,) = summaries
    from corpuscheck.publish.findings import FindingsTable

    corpus = Corpus(
        summary.corpus.root,
        [],
        summary.corpus.manifest,
        summary.corpus.manifest_file,
        summary.corpus.read_findings,
        places=summary.places,
    )
    return BuildResult(
        corpus,
        FindingsTable(out / "data" / "findings.parquet"),
        out,
        document_count=summary.documents,
        severity_counts=summary.counts,
        fixed=tuple(fixer.written),
    )


class _Fixer:
    """A sink that writes the cleaner's repairs back into the corpus folder (``--fix``)."""

    def __init__(self) -> None:
        self.root = "."
        self.written: list[Any] = []  # corpuscheck.fix.Fix: the path, its backup, the diff

    def start(self, corpus: Corpus, findings: list[Finding]) -> None:
        self.root = corpus.root

    def document(self, doc: Document, findings: list[Finding], row: dict[str, Any]) -> None:
        from corpuscheck.fix import write_fixes

        if doc.readable:
            self.written.extend(write_fixes(Corpus(self.root, [doc])))

    def finish(self) -> None:
        pass


def clean_only(doc: Document) -> Document:
    """Clean one document without checking it (its repairs are not reported)."""
    from corpuscheck.clean import clean_document

    if doc.readable:
        clean_document(doc)
    return doc
