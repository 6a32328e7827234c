"""Rebuild time after editing one document, with the per-document cache, against a cold build.

Generates a corpus (``bench_build.py``'s generator, 5,000 documents by
default), builds it cold with a fresh cache, edits one document, rebuilds
with the cache, then builds the edited corpus without cache and compares
every output file byte for byte. Run by hand::

    python benchmarks/bench_cache.py [--docs 5000] [--jobs 1]

It prints the cold build's time, the rebuild's, their ratio (the goal: at
most 10 %) and whether the rebuild's output is identical to a cold build's.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import make_corpus


def run(corpus: Path, out: Path, jobs: int, cache: Path | None) -> float:
    command = [sys.executable, "-m", "corpuscheck", "build", str(corpus), "--out", str(out)]
    command += ["--jobs", str(jobs), "--quiet"]
    command += ["--cache", str(cache)] if cache else ["--no-cache"]
    start = time.perf_counter()
    status = subprocess.run(command, stdout=subprocess.DEVNULL).returncode
    if status not in (0, 1):
        raise SystemExit(f"build failed with exit status {status}")
    return time.perf_counter() - start


def files_of(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="corpuscheck-cache-bench-"))
    try:
        corpus = work / "corpus"
        size = make_corpus(corpus, args.docs)
        print(f"corpus: {args.docs} documents, {size / 1e6:.1f} MB")
        cache = work / "cache"
        cold = run(corpus, work / "out", args.jobs, cache)
        print(f"cold build (filling the cache): {cold:8.1f} s")
        edited = sorted(corpus.glob("*.txt"))[args.docs // 2]
        edited.write_text(edited.read_text("utf-8") + "\nUne phrase de plus.\n", "utf-8")
        warm = run(corpus, work / "out", args.jobs, cache)
        print(
            f"rebuild after editing 1 document: {warm:8.1f} s ({100 * warm / cold:.1f} % of cold)"
        )
        again = run(corpus, work / "cold", args.jobs, None)
        print(f"cold build of the edited corpus, no cache: {again:8.1f} s")
        same = files_of(work / "out") == files_of(work / "cold")
        print(f"rebuild byte-identical to a cold build: {'yes' if same else 'NO'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
