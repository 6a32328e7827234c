"""Time ``corpuscheck build`` on a large generated corpus.

The corpus is made from the seeds' real French sentences, reshuffled into
new documents (with a fixed random seed, so every run builds the same corpus),
with a small share of planted damage (mojibake, placeholders, HTML entities)
so that the cleaner and the checks have real work. Run by hand::

    python benchmarks/bench_build.py [--docs 10000] [--jobs 1 2]

It prints, for each number of jobs: wall time, MB/s, documents/s and the
peak memory (RSS) of the build process, and the speed-up between job counts.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = "file_name,language,title,source,url,published,translated_from,license\n"


def sentences() -> list[str]:
    """Every sentence of the seeds, as written."""
    found = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found += [s.strip() for s in re.split(r"(?<=[.!?»”])\s+", text) if len(s.strip()) > 20]
    return found


def damage(text: str, rng: random.Random) -> str:
    """Plant one defect of a kind the pipeline repairs or reports."""
    kind = rng.choice(["mojibake", "placeholder", "entity"])
    if kind == "mojibake":
        return text.encode("utf-8").decode("windows-1252", errors="replace")
    if kind == "placeholder":
        return re.sub(r"\b(\d+)\b", r"\1 XNUMX", text, count=1)
    return text.replace("'", "&#39;", 1).replace("’", "&rsquo;", 1)


def make_corpus(folder: Path, docs: int, seed: int = 1) -> int:
    """Write ``docs`` documents and a manifest; return the corpus size in bytes."""
    rng = random.Random(seed)
    pool = sentences()
    folder.mkdir(parents=True)
    rows = []
    size = 0
    for i in range(docs):
        paragraphs = []
        for _ in range(rng.randint(3, 8)):
            paragraphs.append(" ".join(rng.sample(pool, rng.randint(1, 4))))
        text = "\n".join(paragraphs)
        if rng.random() < 0.05:
            text = damage(text, rng)
        name = f"{i:06d}.txt"
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        size += len(data)
        rows.append(f"{name},fr,,,,,,\n")
    (folder / "metadata.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    return size


_MEASURE = (
    "import resource, subprocess, sys\n"
    "status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, status)\n"
)


def time_build(corpus: Path, out: Path, jobs: int) -> tuple[float, float, int]:
    """Run the build in a fresh child; return (seconds, peak RSS in MiB, exit status).

    The peak is the largest resident set of the build process or of any of its
    worker processes, measured by a wrapper process of its own for each run.
    """
    command = [sys.executable, "-m", "corpuscheck", "build", str(corpus), "--out", str(out)]
    command += ["--jobs", str(jobs), "--quiet"]
    start = time.perf_counter()
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    peak_kib, status = measured.stdout.split()
    return seconds, int(peak_kib) / 1024, int(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="corpuscheck-bench-"))
    try:
        corpus = work / "corpus"
        size = make_corpus(corpus, args.docs)
        mb = size / 1e6
        print(f"corpus: {args.docs} documents, {mb:.1f} MB of French text")
        print(f"{'jobs':>4} {'seconds':>8} {'MB/s':>7} {'docs/s':>8} {'peak MiB':>9} {'exit':>4}")
        timings = {}
        for jobs in args.jobs:
            seconds, peak, status = time_build(corpus, work / f"out-{jobs}", jobs)
            timings[jobs] = seconds
            print(
                f"{jobs:>4} {seconds:8.1f} {mb / seconds:7.2f} {args.docs / seconds:8.0f} "
                f"{peak:9.0f} {status:>4}"
            )
        base = timings[args.jobs[0]]
        for jobs in args.jobs[1:]:
            print(f"speed-up {args.jobs[0]} -> {jobs} jobs: {base / timings[jobs]:.2f}x")
        if args.keep:
            print(f"kept {work}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
