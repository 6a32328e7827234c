"""The whole pipeline as one function: read → clean → check → publish → report.

The command line is a thin shell over :func:`build`; so are the tests.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from corpuscheck.config import Config
from corpuscheck.model import Corpus, Finding, Severity


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


def check(seeds: str | Path, config: Config | None = None) -> BuildResult:
    """Read, clean and check a corpus folder; write nothing."""
    from corpuscheck.checks.runner import process_document, run_corpus_checks
    from corpuscheck.engines import make_engine
    from corpuscheck.read import read_corpus

    config = config or Config()
    corpus = read_corpus(seeds)
    findings = list(corpus.read_findings)
    engine = make_engine(config.jobs)
    results = engine.map(functools.partial(process_document, config=config), corpus.documents)
    corpus.documents = [doc for doc, _ in results]
    for _, doc_findings in results:
        findings.extend(doc_findings)
    findings.extend(run_corpus_checks(corpus, config))
    findings.sort(key=Finding.sort_key)
    return BuildResult(corpus, findings, None)


def build(seeds: str | Path, out: str | Path, config: Config | None = None) -> BuildResult:
    """Check a corpus folder and publish the data package and report into ``out``.

    ``out`` is replaced as a whole, atomically: a failed build leaves the
    previous output untouched.
    """
    from corpuscheck.publish import write_outputs

    result = check(seeds, config)
    write_outputs(Path(out), result)
    return BuildResult(result.corpus, result.findings, Path(out))
