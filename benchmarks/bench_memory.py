"""Peak memory of ``corpuscheck build`` as the corpus grows: it must not grow with it.

Generates corpora of the given sizes, runs the real command line on each and
polls the resident memory of the whole process tree (the build and any
worker) in ``/proc`` every 50 ms. The corpora come from the generator of
``bench_build.py`` (the seeds' real French sentences reshuffled, with
planted damage), or with ``--prose`` from the peer benchmark's 20 MB of
Debian documentation prose: its paragraphs in their order, grouped into
documents of 2.5 to 4 KB, then shuffled and grouped anew, as many rounds as
the size asks (each paragraph comes back once per round; no document
repeats another). Run by hand::

    python benchmarks/bench_memory.py [--sizes 20 100 1000] [--jobs 1] [--prose] [--disable language ...]

It prints, per corpus size in MB: documents, wall time, peak RSS of the
process tree, and the ratio of each peak to the first one.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import HEADER, make_corpus
from bench_peer import process_children

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from debian_prose import MAX_DOC_BYTES, MIN_DOC_BYTES, build_corpus

DOC_BYTES = 2_000
"""About the mean size of a generated document, to aim at a corpus size."""


def make_prose_corpus(folder: Path, megabytes: float) -> tuple[int, int]:
    """``megabytes`` of Debian documentation prose in ``folder``; (documents, bytes).

    The first round groups the peer benchmark's paragraphs in their order;
    each further round shuffles them (seeded by the round) first, so no
    document repeats another.
    """
    source = build_corpus(quiet=True).corpus
    with open(source / "metadata.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    paragraphs = [
        p for row in rows for p in (source / row["file_name"]).read_text("utf-8").split("\n\n")
    ]
    folder.mkdir(parents=True)
    lines: list[str] = []
    size = 0

    def emit(group: list[str], round_: int) -> None:
        nonlocal size
        name = f"{round_:02d}_{len(lines) + 1:07d}.txt"
        data = ("\n\n".join(group).strip() + "\n").encode("utf-8")
        (folder / name).write_bytes(data)
        lines.append(f"{name},fr,,,,,en,\n")
        size += len(data)

    round_ = 0
    while size < megabytes * 1e6:
        order = list(paragraphs)
        if round_:
            random.Random(round_).shuffle(order)
        group: list[str] = []
        length = 0
        for paragraph in order:
            if size >= megabytes * 1e6:
                break
            grows = len(paragraph.encode("utf-8")) + 2
            if group and length >= MIN_DOC_BYTES and length + grows > MAX_DOC_BYTES:
                emit(group, round_)
                group, length = [], 0
            group.append(paragraph)
            length += grows
        if group and size < megabytes * 1e6:
            emit(group, round_)
        round_ += 1
    (folder / "metadata.csv").write_text(HEADER + "".join(lines), encoding="utf-8")
    return len(lines), size


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
    parser.add_argument(
        "--prose", action="store_true", help="Debian documentation prose, not generated news"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="corpuscheck-memory-"))
    rows = []
    try:
        print(f"{'MB':>7} {'docs':>8} {'seconds':>8} {'peak MiB':>9} {'ratio':>6} {'exit':>4}")
        for mb in args.sizes:
            corpus = work / f"corpus-{mb:g}"
            if args.prose:
                docs, size = make_prose_corpus(corpus, mb)
            else:
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
