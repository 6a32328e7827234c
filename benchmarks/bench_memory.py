"""Peak memory of ``corpuscheck build`` as the corpus grows: it must not grow with it.

Generates corpora of the given sizes (the generator of ``bench_build.py``:
the seeds' real French sentences reshuffled, with planted damage), runs the
real command line on each and polls the resident memory of the whole
process tree (the build and any worker) in ``/proc`` every 50 ms. Run by
hand::

    python benchmarks/bench_memory.py [--sizes 20 100 1000] [--jobs 1] [--disable language ...]

It prints, per corpus size in MB: documents, wall time, peak RSS of the
process tree, and the ratio of each peak to the first one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import make_corpus
from bench_peer import process_children

DOC_BYTES = 2_000
"""About the mean size of a generated document, to aim at a corpus size."""


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants."""
    tree = process_children()
    total, todo = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm") as f:
                total += int(f.read().split()[1]) * page
        except OSError:
            pass
        todo.extend(tree.get(current, []))
    return total


def measure(command: list[str]) -> tuple[float, int, int]:
    """Run ``command``; return (seconds, peak RSS of its process tree in bytes, exit status)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        sys.stderr.write(process.stderr.read().decode() if process.stderr else "")
    return seconds, peak, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[20, 100, 1000])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--engine", default="local")
    parser.add_argument(
        "--disable",
        nargs="*",
        default=[],
        metavar="CHECK",
        help="checks or categories to skip (the pipeline's memory is what is measured)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="corpuscheck-memory-"))
    rows = []
    try:
        print(f"{'MB':>7} {'docs':>8} {'seconds':>8} {'peak MiB':>9} {'ratio':>6} {'exit':>4}")
        for mb in args.sizes:
            corpus = work / f"corpus-{mb:g}"
            docs = max(1, int(mb * 1e6 / DOC_BYTES))
            size = make_corpus(corpus, docs)
            command = [sys.executable, "-m", "corpuscheck", "build", str(corpus)]
            command += ["--out", str(work / f"out-{mb:g}"), "--jobs", str(args.jobs), "--quiet"]
            command += ["--no-cache"]
            for name in args.disable:
                command += ["--disable", name]
            if args.engine != "local":
                command += ["--engine", args.engine]
            seconds, peak, status = measure(command)
            rows.append(peak)
            print(
                f"{size / 1e6:7.1f} {docs:>8} {seconds:8.1f} {peak / 2**20:9.0f} "
                f"{peak / rows[0]:6.2f} {status:>4}",
                flush=True,
            )
            if not args.keep:
                shutil.rmtree(corpus, ignore_errors=True)
                shutil.rmtree(work / f"out-{mb:g}", ignore_errors=True)
        if args.keep:
            print(f"kept {work}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
