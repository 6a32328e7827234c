"""Rebuild time after editing one document, with the per-document cache, against a cold build.

Generates a corpus (``bench_build.py``'s generator, 5,000 documents by
default), builds it cold with a fresh cache, edits one document, rebuilds
with the cache, then builds the edited corpus without cache and compares
every output file byte for byte. Run by hand::

    python benchmarks/bench_cache.py [--docs 5000] [--jobs 1]

It prints the cold build's time, the rebuild's, their ratio (the goal: at
most 10 %), where each build's time went, stage by stage, and whether the
rebuild's output is identical to a cold build's.

Each build runs in a process of its own (``bench_cache.py --timed ...``),
which imports corpuscheck, runs :func:`corpuscheck.pipeline.build` and
reads the time of each stage from its progress calls.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before any import: the imports are part of a build's time

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

STAGES = ("start-up", "documents", "corpus checks", "writing", "publishing", "report")
"""The stages of a build in order: each lasts until the next one's first progress call."""


def timed_build(corpus: str, out: str, jobs: int, cache: str) -> None:
    """Build ``corpus`` into ``out`` in this process; print the seconds of each stage as JSON."""
    from corpuscheck.config import Config
    from corpuscheck.pipeline import build

    marks = [("start-up", STARTED)]

    def progress(stage: str, done: int, total: int) -> None:
        if stage != marks[-1][0]:
            marks.append((stage, time.perf_counter()))

    config = Config(jobs=jobs, cache=Path(cache) if cache else None)
    build(corpus, out, config, progress=progress)
    marks.append(("end", time.perf_counter()))
    seconds: dict[str, float] = {}
    for (stage, start), (_, end) in itertools.pairwise(marks):
        seconds[stage] = seconds.get(stage, 0.0) + end - start
    print(json.dumps(seconds))


def run(corpus: Path, out: Path, jobs: int, cache: Path | None) -> dict[str, float]:
    """One build in a new process: the seconds of each stage, and ``total`` (wall time)."""
    command = [sys.executable, __file__, "--timed", str(corpus), str(out), str(jobs)]
    command.append(str(cache) if cache else "")
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    seconds: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    seconds["total"] = time.perf_counter() - start
    return seconds


def files_of(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def show(name: str, seconds: dict[str, float]) -> None:
    parts = ", ".join(f"{s} {seconds[s]:.1f}" for s in STAGES if s in seconds)
    print(f"{name:<42} {seconds['total']:8.1f} s  ({parts})", flush=True)


def main() -> None:
    if sys.argv[1:2] == ["--timed"]:
        corpus, out, jobs, cache = sys.argv[2:6]
        timed_build(corpus, out, int(jobs), cache)
        return
    from bench_build import make_corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="corpuscheck-cache-bench-"))
    try:
        corpus = work / "corpus"
        size = make_corpus(corpus, args.docs)
        print(f"corpus: {args.docs} documents, {size / 1e6:.1f} MB; seconds per stage:")
        cache = work / "cache"
        cold = run(corpus, work / "out", args.jobs, cache)
        show("cold build (filling the cache)", cold)
        edited = sorted(corpus.glob("*.txt"))[args.docs // 2]
        edited.write_text(edited.read_text("utf-8") + "\nUne phrase de plus.\n", "utf-8")
        warm = run(corpus, work / "out", args.jobs, cache)
        show("rebuild after editing 1 document", warm)
        print(f"rebuild / cold: {100 * warm['total'] / cold['total']:.1f} %")
        again = run(corpus, work / "cold", args.jobs, None)
        show("cold build of the edited corpus, no cache", again)
        same = files_of(work / "out") == files_of(work / "cold")
        print(f"rebuild byte-identical to a cold build: {'yes' if same else 'NO'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
