"""CPU seconds per document check over a corpus folder, with one process.

Every document is read into memory first; the checks, their models and
tables are loaded on a warm-up text (that one-time cost is printed apart);
then each document is cleaned and checked as a build does (every enabled
document check in the registry's order, then the observers of the corpus
checks), and the CPU time of each step is added up. Run by hand::

    python benchmarks/bench_checks.py CORPUS [--disable NAME ...] [--profile FILE]

The corpus of the peer benchmark's profile is its every 17th document
(``scripts/debian_prose.py``: ``write_slice(build_corpus(), dest, every=17)``).
With ``--profile`` the checking runs under cProfile and the statistics are
written to ``FILE`` (the CPU times are then inflated by the profiler).
"""

from __future__ import annotations

import argparse
import cProfile
import time
from collections import defaultdict
from pathlib import Path

from corpuscheck.checks.runner import enabled_checks
from corpuscheck.clean import clean_document
from corpuscheck.config import Config
from corpuscheck.model import Document
from corpuscheck.read.corpus import scan_corpus

WARM_UP = (
    "Le président a félicité le Deal de cessez-le-feu et the talks. Les espoirs ont été "
    "schâchés. It is known to work well in many cases. Faire la bonne chose, que il faut.\n"
)


def documents(folder: Path) -> list[Document]:
    """The corpus's documents, read (not cleaned)."""
    _, items, _ = scan_corpus(folder)
    return [doc for doc, _ in items]


def check_all(docs: list[Document], config: Config) -> dict[str, float]:
    """Clean and check every document; the CPU seconds of each step, summed."""
    checks = enabled_checks(config, "document")
    observers = {c.name: c.func(config) for c in enabled_checks(config, "corpus") if c.stateful}
    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time
    for doc in docs:
        began = clock()
        if doc.readable:
            clean_document(doc)
        spent["cleaning"] += clock() - began
        for check in checks:
            began = clock()
            list(check.apply(doc, config))
            spent[check.name] += clock() - began
        for name, observer in observers.items():
            began = clock()
            observer.observe(doc)
            spent[f"{name} (observe)"] += clock() - began
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--disable", action="append", default=[])
    parser.add_argument("--profile", type=Path, default=None)
    args = parser.parse_args()
    config = Config(jobs=1, disabled=frozenset(args.disable))
    docs = documents(args.corpus)
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    began = time.process_time()
    warm = Document("warm-up", "warm-up.txt", WARM_UP, metadata={"language": "fr"})
    check_all([warm], config)
    print(f"warm-up (imports, models, tables): {time.process_time() - began:.2f} CPU s")
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    spent = check_all(docs, config)
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    total = sum(spent.values())
    print(
        f"{len(docs)} documents, {size / 1e6:.2f} MB: {total:.2f} CPU s, "
        f"{size / 1e6 / total:.3f} MB per CPU s"
    )
    print("| check | CPU s |\n| --- | ---: |")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"| `{name}` | {seconds:.2f} |")


if __name__ == "__main__":
    main()
