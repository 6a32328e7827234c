"""Links to related articles (artifact.related_headline): the screens change nothing."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpuscheck.checks.artifact import related_headline as rh
from corpuscheck.checks.structure.layout import lines
from corpuscheck.config import Config
from corpuscheck.model import Document
from tests.conftest import real_texts


def reason_words_first(line: str) -> str | None:
    """:func:`related_reason` as it was written: the words counted before the patterns."""
    text = line.strip()
    words = text.split(None, rh.MAX_WORDS)
    if not words or len(words) > rh.MAX_WORDS:
        return None
    match = rh._SEPARATED.match(text)
    if match:
        return f"starts with {match.group().strip()!r}"
    match = rh._BRACKETED.match(text)
    if match:
        return f"starts with {match.group().strip()!r}"
    match = rh._SHOUTED.match(text)
    if match and match.group().strip().isupper() and len(match.group().strip()) > 4:
        return f"starts with {match.group().strip()!r} in capitals"
    return None


def found_line_by_line(text: str) -> list[tuple[int | None, int | None, str]]:
    """The check's findings with every line searched for a trailing teaser."""
    out = []
    for line in lines(text):
        if reason_words_first(line.text) is None:
            trailing = rh._TRAILING.search(line.text)
            if trailing is not None:
                shown = trailing.group().strip()
                start = line.start + trailing.start() + len(trailing.group())
                start -= len(trailing.group().lstrip())
                out.append((start, line.start + len(line.text.rstrip()), shown))
        else:
            out.append((line.start + len(line.text) - len(line.text.lstrip()), line.end, ""))
    return out


def found(text: str) -> list[tuple[int | None, int | None, str]]:
    doc = Document("d", "d.txt", text, text)
    return [
        (f.start, f.end, f.evidence["line"] if f.evidence["why"].startswith("ends") else "")
        for f in rh.related_headline(doc, Config())
    ]


WORDS = st.sampled_from(
    ["Lire", "aussi", "LIRE AUSSI", "lire la suite", "Read more", "VIDÉO", "(photo)", "[live]",
     ":", "-", " — ", "»", "Un", "titre", ".", "…", " ", "\n", "\u2028", "mots " * 12,
     ">", "•", "▶", "\t", "(", "[", "audio", "Photos", "à voir"]
)  # fmt: skip
TEXTS = st.lists(WORDS, max_size=20).map(" ".join)


@given(TEXTS)
@example("Un titre. Lire la suite »\nLIRE AUSSI - La réforme\nVoir aussi la section 3.")
@settings(max_examples=400)
def test_the_screens_change_no_finding(text: str) -> None:
    assert found(text) == found_line_by_line(text)
    for line in text.splitlines():
        assert rh.related_reason(line) == reason_words_first(line)


def test_the_screens_change_no_finding_on_real_text() -> None:
    texts = real_texts()
    assert len(texts) > 1000
    reported = 0
    for text in texts:
        expected = found_line_by_line(text)
        assert found(text) == expected
        reported += len(expected)
    assert reported > 5


def test_the_teasers_lower_case_copy_reads_every_match_as_written() -> None:
    # The screen is exact when each character the pattern's letters match (case ignored)
    # lowers to that letter, but for the traps, and lowers to one character.
    every = "".join(map(chr, range(0x110000)))
    letters = {c for teaser in rh.TEASERS for c in teaser if c.isalpha()}
    for letter in sorted(letters):
        for match in re.finditer(re.escape(letter), every, re.IGNORECASE):
            char = match.group()
            assert char in rh._CASE_TRAPS or char.lower() == letter, (letter, char)
    assert " ".lower() == " " and rh._TRAILING.flags & re.IGNORECASE
    assert [c for c in every if len(c.lower()) != 1] == ["İ"]


@given(st.text(alphabet=st.sampled_from("lireLIRE aSuUtTİıſ\n."), max_size=30))
def test_the_teaser_screen_passes_every_text_the_pattern_matches(text: str) -> None:
    if any(rh._TRAILING.search(line) for line in text.splitlines()):
        assert rh.may_have_teaser(text)
    found = re.search("|".join(rh.TEASERS), text, re.IGNORECASE) is not None
    assert rh.may_have_teaser(text) or not found


_MAY_START_ONE_BY_ONE = re.compile(
    rf"[\s>»•|▶►→\[(-]*(?:{rh._MARKER}|photos?|audio|live)", re.IGNORECASE
)
"""The opening screen as first written: the markers one after the other, longest first."""


@given(TEXTS | st.text(st.sampled_from(list("AaÀàLlİıſ ireèéduv(>")), max_size=12))
@example("À VOIR")
@example("")
def test_the_grouped_markers_open_the_lines_the_markers_open(line: str) -> None:
    assert bool(rh._MAY_START.match(line)) == bool(_MAY_START_ONE_BY_ONE.match(line))


def test_the_grouped_markers_open_the_real_lines_the_markers_open() -> None:
    for text in real_texts():
        for line in lines(text):
            expected = bool(_MAY_START_ONE_BY_ONE.match(line.text))
            assert bool(rh._MAY_START.match(line.text)) == expected
