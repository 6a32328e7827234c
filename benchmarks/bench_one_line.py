"""Time ``corpuscheck check`` on one document written on a single line.

A document of ``--mb`` megabytes (20 by default) is made from the seeds'
French text with every line break replaced by a space, once clean and once
with mojibake planted every few hundred characters (so that the cleaner has
work on the giant line). Nothing in a build may be quadratic in the length of
a line: the MB/s printed here should be close to that of a corpus of short
documents (``bench_build.py``). Run by hand::

    python benchmarks/bench_one_line.py [--mb 20] [--all-checks]

Without ``--all-checks`` the language and translation checks are left out,
so that the reading, cleaning and the other checks are measured alone.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = "file_name,language,title,source,url,published,translated_from,license\n"


def one_line(size: int, damaged: bool) -> bytes:
    text = " ".join(
        p.read_text(encoding="utf-8").replace("\n", " ")
        for p in sorted((ROOT / "seeds").glob("*.txt"))
    )
    if damaged:
        words = text.split(" ")
        text = " ".join(w.replace("é", "Ã©") if i % 60 == 0 else w for i, w in enumerate(words))
    data = ((text + " ") * (size // len(text.encode()) + 1)).encode()[:size]
    return data.decode("utf-8", errors="ignore").encode() + b"\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--all-checks", action="store_true")
    args = parser.parse_args()
    size = int(args.mb * 1024 * 1024)
    for damaged in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            (corpus / "big.txt").write_bytes(one_line(size, damaged))
            (corpus / "metadata.csv").write_text(HEADER + "big.txt,fr,,,,,,\n", encoding="utf-8")
            command = [sys.executable, "-m", "corpuscheck", "check", str(corpus), "--quiet"]
            command += ["--jobs", "1"]
            if not args.all_checks:
                command += ["--disable", "language", "--disable", "translation"]
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            seconds = time.perf_counter() - start
            kind = "with mojibake" if damaged else "clean"
            print(
                f"{args.mb:g} MB on one line, {kind}: {seconds:.1f} s, "
                f"{args.mb / seconds:.2f} MB/s (exit {done.returncode})"
            )
            if done.returncode not in (0, 1):
                print(done.stderr[-2000:])


if __name__ == "__main__":
    main()
