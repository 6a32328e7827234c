"""Plain French prose from Debian's documentation packages: documents as a reader gets them.

Reads the HTML help of a documentation package (or its manual pages) as
unpacked with ``apt-get download PKG && dpkg-deb -x PKG_*.deb DIR`` and turns
each page into one plain-text document: its paragraphs, list items and
headings, one per line, inline code kept as it stands in the sentence
(``Sheet1.A1:C10``, ``--help``), code blocks, scripts and navigation left
out. Pages with less than ``--min-bytes`` of text are skipped; longer ones
are cut at a paragraph boundary before ``--max-bytes``. A deterministic
sample (by a hash of the page's path) of ``--count`` pages is written as
``<genre>_NNN.txt`` with a ``metadata.csv`` naming the source page::

    python tests/devset/extract_genres.py DIR --genre libreoffice --pattern '**/*.html' \\
        --out tests/devset/genres/libreoffice --count 100

Manual pages (``--man``) are rendered with ``man -l`` at a width wide enough
to keep each paragraph on one line.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

BLOCKS = {"p", "title", "li", "dd", "dt", "h1", "h2", "h3", "h4", "td", "caption", "blockquote"}
SKIPPED = {"script", "style", "pre", "nav", "header", "footer", "head", "noscript", "svg", "form"}
SKIPPED |= {"screen", "info", "credit", "license", "revision", "media"}  # Mallard pages
VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "wbr", "source"}
SKIPPED_CLASS = re.compile(r"\b(nav|navigation|navheader|navfooter|toc|breadcrumb|menu|footer)\b")


class _Blocks(HTMLParser):
    """The text of each block element, inline markup flattened, skipped elements left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipping)
        self._text: list[str] = []
        self._open = 0

    @property
    def _skipping(self) -> bool:
        return any(skip for _, skip in self._stack)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.split(":")[-1] == "br":
            self._text.append(" ")  # <br/>: an empty element opens and closes nothing

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.split(":")[-1]  # mal:credit is a credit
        if tag in VOID:
            if tag == "br":
                self._text.append(" ")
            return
        classes = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        skip = tag in SKIPPED or bool(SKIPPED_CLASS.search(classes))
        if tag in BLOCKS and not self._skipping:
            self._flush()
            self._open += 1
        self._stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        tag = tag.split(":")[-1]
        if tag in VOID or all(open_tag != tag for open_tag, _ in self._stack):
            return  # a stray end tag closes nothing
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break
        if tag in BLOCKS and not self._skipping:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.blocks.append(text)
        self._text = []

    def close(self) -> None:
        super().close()
        self._flush()


def html_paragraphs(path: Path) -> list[str]:
    parser = _Blocks()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.blocks


def man_paragraphs(path: Path) -> list[str]:
    env = dict(os.environ, MANWIDTH="4000", LANG="C.UTF-8", MAN_KEEP_FORMATTING="")
    out = subprocess.run(
        ["man", "-E", "UTF-8", "-l", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    ).stdout
    out = re.sub(r".\x08", "", out)  # overstrike bold and underline
    paragraphs = []
    for line in out.splitlines():
        line = " ".join(line.split())
        if line:
            paragraphs.append(line)
    return paragraphs[1:-1]  # the header and footer lines


def documents(paragraphs: list[str], min_bytes: int, max_bytes: int, chunks: bool) -> list[str]:
    """Paragraphs of prose (a letter, 40 characters or more) joined, cut before ``max_bytes``.

    One document per page, or with ``chunks`` as many as the page fills (long single-page manuals).
    """
    out: list[str] = []
    kept: list[str] = []
    size = 0
    seen: set[str] = set()
    for paragraph in paragraphs:
        if len(paragraph) < 40 or not re.search(r"[^\W\d_]{3}", paragraph) or paragraph in seen:
            continue
        seen.add(paragraph)
        length = len(paragraph.encode("utf-8")) + 1
        if size + length > max_bytes:
            if size >= min_bytes:
                out.append("\n".join(kept) + "\n")
            if not chunks:
                return out
            kept, size = [], 0
            if length > max_bytes:
                continue
        kept.append(paragraph)
        size += length
    if size >= min_bytes:
        out.append("\n".join(kept) + "\n")
    return out if chunks else out[:1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="the unpacked package (dpkg-deb -x)")
    parser.add_argument("--genre", required=True)
    parser.add_argument("--pattern", default="**/*.html")
    parser.add_argument("--man", action="store_true", help="the files are manual pages")
    parser.add_argument("--chunks", action="store_true", help="several documents per long page")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--min-bytes", type=int, default=1000)
    parser.add_argument("--max-bytes", type=int, default=4000)
    parser.add_argument("--source", default="", help="the source package and version")
    parser.add_argument("--license", default="")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.root.glob(args.pattern) if p.is_file())
    files.sort(key=lambda p: hashlib.sha256(str(p.relative_to(args.root)).encode()).hexdigest())
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for path in files:
        if len(rows) >= args.count:
            break
        paragraphs = man_paragraphs(path) if args.man else html_paragraphs(path)
        for text in documents(paragraphs, args.min_bytes, args.max_bytes, args.chunks):
            if len(rows) >= args.count:
                break
            name = f"{args.genre}_{len(rows):03d}.txt"
            (args.out / name).write_text(text, encoding="utf-8")
            rows.append(
                {
                    "file_name": name,
                    "language": "fr",
                    "title": "",
                    "source": f"{args.source} {path.relative_to(args.root)}".strip(),
                    "url": "",
                    "published": "",
                    "translated_from": "",
                    "license": args.license,
                }
            )
    with open(args.out / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["file_name"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{args.genre}: {len(rows)} documents from {len(files)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
