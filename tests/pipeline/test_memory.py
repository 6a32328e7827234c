"""A streaming build's memory does not grow with the corpus's texts.

Two builds in one fresh process, of N and 5N documents of 20,000 characters
or more each (clean ones: the report keeps the worst documents with findings
in full, up to its cap), measured with tracemalloc (Python's own allocations, precise and
independent of the machine's load). A build that held the corpus would grow
by at least the added texts (twice: as read and as cleaned); a streaming one
grows only by a small stub per document. Not a timing test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = r"""
import json, sys, tracemalloc
from pathlib import Path
from corpuscheck.config import Config
from corpuscheck.pipeline import build
import corpuscheck.publish.tables as tables

tables.CHUNK_CHARS = 500_000  # several chunks of the documents table in each build

sentences = [s.strip() + "." for s in
             (Path(sys.argv[1]) / "000_a55f85f9d2cdd8e4.txt").read_text("utf-8").split(".")
             if len(s.strip()) > 30 and "XNUMX" not in s]
work = Path(sys.argv[2])

def corpus(name, docs):
    folder = work / name
    folder.mkdir()
    rows = ["file_name,language,title,source,url,published,translated_from,license"]
    for i in range(docs):
        lines = []
        n = i
        while sum(map(len, lines)) < 20_000:
            pair = " ".join(sentences[(n + k) % len(sentences)] for k in range(2))
            lines.append(f"{pair} Voir le paragraphe {i}.{len(lines)}.")
            n = n * 7 + 3
        (folder / f"{i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        rows.append(f"{i:05d}.txt,fr,,,,,,")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder

# Cheap checks only: what is measured is the pipeline, not the checks.
config = Config(disabled=frozenset({"translation", "language", "duplicate", "metadata"}))
build(corpus("warm", 5), work / "out-warm", config)
tracemalloc.start()
peaks = {}
for docs in (int(sys.argv[3]), 5 * int(sys.argv[3])):
    folder = corpus(f"c{docs}", docs)
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    build(folder, work / f"out-{docs}", config)
    peaks[docs] = tracemalloc.get_traced_memory()[1] - before
print(json.dumps(peaks))
"""


def test_a_streaming_build_does_not_hold_the_texts(tmp_path: Path) -> None:
    n = 40
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT / "seeds"), str(tmp_path), str(n)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    peaks = {int(k): v for k, v in json.loads(done.stdout.strip().splitlines()[-1]).items()}
    added_docs = 4 * n
    added_text = added_docs * 20_000  # at least
    growth = peaks[5 * n] - peaks[n]
    # Holding the texts would add at least added_text bytes (ASCII-and-Latin-1
    # text is one byte a character in Python, twice over: original and cleaned).
    assert growth < added_text / 4, (peaks, growth / added_docs)
