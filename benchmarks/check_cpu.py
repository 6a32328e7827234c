"""CPU seconds of each stage of the per-document work, on one corpus, in one process.

Reads a corpus, then for every document cleans it and runs every document
check and every corpus check's observation in the order a build runs them,
adding up the CPU time (``time.process_time``) of each. A check pays for
what it computes first and leaves on the document or in a cache (the
tokens, the foreign sentences), as in a build. Models and tables are
loaded on a first document before timing starts; their loading is printed
as ``setup``. Run by hand, on the benchmark corpus's slice for example::

    .venv/bin/python -c "import sys; sys.path.insert(0, 'scripts'); import debian_prose as d; \\
        d.write_slice(d.build_corpus(), __import__('pathlib').Path('/tmp/slice17'), every=17)"
    .venv/bin/python benchmarks/check_cpu.py /tmp/slice17

CPU times move with the machine's load (caches, frequency): compare runs
made one after the other.

With ``--batches``, the documents go through the checks as a build's
workers send them: in batches of ``pipeline.BATCH_SIZE``, the checks marked
``batch_first`` over the whole batch first (``runner.process_documents``);
the cleaning is then counted with the batch's plumbing (``BATCH``).
"""

from __future__ import annotations

import argparse
import copy
import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import corpuscheck.checks.runner as runner
from corpuscheck.checks.runner import _run, enabled_checks
from corpuscheck.clean import clean_document
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding
from corpuscheck.read.sources import open_source
from corpuscheck.stage import DocumentStage


def measure(folder: Path) -> tuple[int, int, float, dict[str, float]]:
    """Documents, bytes, setup seconds and CPU seconds per stage for the corpus at ``folder``."""
    config = Config(jobs=1)
    started = time.process_time()
    checks = enabled_checks(config, "document")
    observers = DocumentStage(config)._setup()
    items = [doc for doc, _ in open_source(folder, config).documents]
    first = copy.deepcopy(items[0])
    clean_document(first)
    for check in checks:
        _run(check, first, config, first.id, first.file)
    for observer in observers.values():
        observer.observe(first)
    setup = time.process_time() - started
    cpu: dict[str, float] = defaultdict(float)
    size = 0
    for doc in items:
        size += len(doc.original.encode("utf-8", "surrogatepass"))
        cpu["cleaning"] += _timed(clean_document, doc)
        for check in checks:
            cpu[check.name] += _timed(_run, check, doc, config, doc.id, doc.file)
        for name, observer in observers.items():
            cpu[f"{name} (observe)"] += _timed(observer.observe, doc)
    return len(items), size, setup, dict(cpu)


BATCH = "cleaning and the batches' plumbing"


def measure_batches(folder: Path) -> tuple[int, int, float, dict[str, float]]:
    """:func:`measure` with the documents in a build's batches and order."""
    from corpuscheck.pipeline import BATCH_SIZE

    config = Config(jobs=1)
    started = time.process_time()
    observers = DocumentStage(config)._setup()
    items = [doc for doc, _ in open_source(folder, config).documents]
    for doc, _ in runner.process_documents([(copy.deepcopy(items[0]), [])], config):
        for observer in observers.values():
            observer.observe(doc)
    setup = time.process_time() - started
    cpu: dict[str, float] = defaultdict(float)
    observed = [f"{name} (observe)" for name in observers]
    run = runner._run

    def timed_run(check: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return run(check, *args, **kwargs)
        finally:
            cpu[check.name] += time.process_time() - start

    runner._run = timed_run
    size = sum(len(doc.original.encode("utf-8", "surrogatepass")) for doc in items)
    try:
        for first in range(0, len(items), BATCH_SIZE):
            batch: list[tuple[Document, list[Finding]]] = [
                (doc, []) for doc in items[first : first + BATCH_SIZE]
            ]
            start = time.process_time()
            observing = 0.0
            for doc, _ in runner.process_documents(batch, config):
                observing -= time.process_time()
                for name, observer in observers.items():
                    cpu[f"{name} (observe)"] += _timed(observer.observe, doc)
                observing += time.process_time()
            cpu[BATCH] += time.process_time() - start - observing
    finally:
        runner._run = run
    checks = sum(seconds for name, seconds in cpu.items() if name not in (BATCH, *observed))
    cpu[BATCH] -= checks
    return len(items), size, setup, dict(cpu)


def _timed(func: Callable[..., object], *args: object) -> float:
    start = time.process_time()
    func(*args)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a corpus folder")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--batches", action="store_true", help="in a build's batches and order of checks"
    )
    args = parser.parse_args()
    documents, size, setup, cpu = (measure_batches if args.batches else measure)(args.corpus)
    total = sum(cpu.values())
    print(f"{documents} documents, {size / 1e6:.2f} MB: {total:.2f} CPU s ({setup:.2f} s setup)")
    for name, seconds in sorted(cpu.items(), key=lambda item: -item[1]):
        print(f"{seconds:7.2f}  {name}")
    if args.json:
        args.json.write_text(json.dumps(cpu, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
