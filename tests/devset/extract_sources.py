"""Extract running prose from Debian's documentation packages into ``sources/``.

The development set is built from French written by people: the French
translations of Debian's manuals (see README.md for the packages and their
licenses). This script reads their HTML as installed by::

    apt-get install debian-reference-fr maint-guide-fr developers-reference-fr \
        debian-edu-doc-fr aptitude-doc-fr debian-reference-en debian-reference-de \
        debian-reference-es

and keeps only paragraphs of prose: no code, no command, no URL, between 120
and 900 characters, ending like a sentence, and identified as French by the
language model (the French Debian Reference leaves some paragraphs in
English). Paragraphs are grouped by the section they belong to, with the
section's title. The English, German and Spanish manuals give the foreign
sentences that the generator plants. The output is committed, so running
this again is only needed to change the selection::

    .venv/bin/python tests/devset/extract_sources.py
"""

from __future__ import annotations

import glob
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from corpuscheck.checks.language.identify import identify

HERE = Path(__file__).resolve().parent
OUT = HERE / "sources"
DOC = "/usr/share"

FRENCH = {
    "debian-reference-fr": f"{DOC}/debian-reference/ch*.fr.html",
    "maint-guide-fr": f"{DOC}/doc/maint-guide-fr/html/*.fr.html",
    "developers-reference-fr": f"{DOC}/developers-reference/fr/*.html",
    "debian-edu-doc-fr": f"{DOC}/doc/debian-edu-doc-fr/debian-edu-bookworm-manual.html",
    "aptitude-doc-fr": f"{DOC}/doc/aptitude/html/fr/*.html",
}
FOREIGN = {
    "en": ("debian-reference-en", f"{DOC}/debian-reference/ch*.en.html"),
    "de": ("debian-reference-de", f"{DOC}/debian-reference/ch*.de.html"),
    "es": ("debian-reference-es", f"{DOC}/debian-reference/ch*.es.html"),
}

CODE_TAGS = {"code", "tt", "pre", "kbd", "samp", "literal", "var"}
CODE_CLASSES = re.compile(r"\b(command|literal|filename|package|code|option|userinput|screen)\b")
MAX_PARAGRAPHS_PER_SECTION = 12
MAX_SENTENCES_PER_LANGUAGE = 120


class _Prose(HTMLParser):
    """Collect (heading, paragraph) events; a paragraph with code in it is marked."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, bool]] = []
        self._kind: str | None = None
        self._text: list[str] = []
        self._code = False
        self._depth = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = " ".join(v or "" for k, v in attrs if k == "class")
        if tag in ("script", "style"):
            self._skip += 1
        if self._kind is None and tag in ("p", "h1", "h2", "h3"):
            self._kind = "p" if tag == "p" else "h"
            self._text, self._code, self._depth = [], False, 0
        elif self._kind is not None:
            self._depth += 1
            if tag in CODE_TAGS or CODE_CLASSES.search(classes) or tag in ("img", "br"):
                self._code = True
            if "headerlink" in classes or "section-number" in classes:
                self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
            return
        if self._kind is None:
            return
        if self._depth == 0 and tag in ("p", "h1", "h2", "h3"):
            text = " ".join("".join(self._text).split())
            self.events.append((self._kind, text, self._code))
            self._kind = None
            self._skip = 0
        else:
            self._depth = max(0, self._depth - 1)
            if self._skip and tag in ("a", "span"):
                self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._kind is not None and not self._skip:
            self._text.append(data)


_SENTENCE_END = re.compile(r"[.!?…»]$")
_BAD = re.compile(
    r"https?://|www\.|[<>{}\[\]|\\$=_#@*`~]|(?<![A-Za-z])/|/(?![A-Za-z])|\w/\w+/"
    r"|\(\)|\s-{1,2}\w|\w+\.\w{1,4}\b"
)


def is_prose(text: str, language: str) -> bool:
    if not 120 <= len(text) <= 1100 or not _SENTENCE_END.search(text) or _BAD.search(text):
        return False
    if not text[0].isupper():
        return False
    guesses = identify(text)
    return bool(guesses) and guesses[0][0] == language and guesses[0][1] >= 0.9


def heading(text: str) -> str:
    text = re.sub(r"^(Chapitre\s+)?[\dA-Z]+(\.\d+)*\.?\s+", "", text).strip(" ¶")
    return html.unescape(text)


def sections(pattern: str, language: str, seen: set[str]) -> list[dict[str, object]]:
    """Sections of prose of the files matching ``pattern``; a paragraph in ``seen`` is skipped.

    Manuals are installed both as one page per chapter and as a single page:
    each paragraph is kept once, from the first file (by name) that has it.
    """
    found: list[dict[str, object]] = []
    for file in sorted(glob.glob(pattern)):
        parser = _Prose()
        parser.feed(Path(file).read_text(encoding="utf-8"))
        title, paragraphs = "", []
        for kind, text, code in [*parser.events, ("h", "", False)]:
            if kind == "h":
                if title and len(paragraphs) >= 2:
                    found.append(
                        {
                            "file": Path(file).name,
                            "title": title,
                            "paragraphs": paragraphs[:MAX_PARAGRAPHS_PER_SECTION],
                        }
                    )
                title, paragraphs = heading(text), []
            elif not code and text not in seen and is_prose(text, language):
                seen.add(text)
                paragraphs.append(text)
    return found


_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])")


def foreign_sentences(pattern: str, language: str) -> list[str]:
    sentences: list[str] = []
    for section in sections(pattern, language, set()):
        for paragraph in section["paragraphs"]:  # type: ignore[attr-defined]
            for sentence in _SPLIT.split(paragraph):
                words = sentence.split()
                if 10 <= len(words) <= 40 and sentence.endswith("."):
                    guesses = identify(sentence)
                    if guesses and guesses[0][0] == language and guesses[0][1] >= 0.95:
                        sentences.append(sentence)
    # Spread the selection over the whole manual, deterministically.
    step = max(1, len(sentences) // MAX_SENTENCES_PER_LANGUAGE)
    return sentences[::step][:MAX_SENTENCES_PER_LANGUAGE]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    seen: set[str] = set()
    french = {package: sections(pattern, "fr", seen) for package, pattern in FRENCH.items()}
    (OUT / "french.json").write_text(
        json.dumps(french, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    foreign = {
        lang: {"package": package, "sentences": foreign_sentences(pattern, lang)}
        for lang, (package, pattern) in FOREIGN.items()
    }
    (OUT / "foreign.json").write_text(
        json.dumps(foreign, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    for package, found in french.items():
        count = sum(len(s["paragraphs"]) for s in found)  # type: ignore[misc, arg-type]
        print(f"{package}: {len(found)} sections, {count} paragraphs")
    for lang, data in foreign.items():
        print(f"{lang}: {len(data['sentences'])} sentences")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
