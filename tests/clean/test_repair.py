"""The cleaner: ftfy's repairs, found line by line and recorded as data."""

import json
from pathlib import Path

import ftfy
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpuscheck.clean import FTFY_CONFIG, clean_document, find_repairs
from corpuscheck.clean.repair import _lines, apply_repairs, fix_line, needs_ftfy
from corpuscheck.model import Document
from corpuscheck.read import read_corpus

CASES = json.loads((Path(__file__).parent / "cases.json").read_text(encoding="utf-8"))


def _case_id(case):
    return case["label"]


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c.get("why", "")))
        if c["expect"] == "fail"
        else c
        for c in CASES
    ],
    ids=_case_id,
)
def test_golden_case(case):
    doc = Document("d", "d.txt", case["original"])
    findings = clean_document(doc)
    assert doc.text == case["fixed"]
    assert sorted({f.rule for f in findings}) == sorted(case["rules"])
    for f in findings:
        assert case["original"][f.start : f.end] == f.evidence["original"]


def test_every_seed_comes_out_byte_identical(seeds):
    for doc in read_corpus(seeds).documents:
        assert clean_document(doc) == []
        assert doc.text.encode("utf-8") == (seeds / doc.file).read_bytes()


def test_french_typography_survives():
    text = "L’été « chaud » — dit-il… “quotes” ‘single’ œuvre ﬁn ＡＢ 50 %"
    doc = Document("d", "d.txt", text)
    assert clean_document(doc) == []
    assert doc.text == text


def test_prefilter_skips_only_lines_ftfy_would_not_change():
    for line in ["L’Ukraine", "Été à Genève", "AT&T", "Lâ€™Ukraine", "x\x00y"]:
        if not needs_ftfy(line):
            assert ftfy.fix_text(line, FTFY_CONFIG._replace(explain=False)) == line


def test_spans_map_back_to_the_original():
    doc = Document("d", "d.txt", "Ã‰tÃ© Ã  GenÃ¨ve &amp; ailleurs")
    findings = clean_document(doc)
    assert doc.text == "Été à Genève & ailleurs"
    # A span of the cleaned text maps onto the original: "Genève" -> "GenÃ¨ve".
    start = doc.text.index("Genève")
    o_start, o_end = doc.span(start, start + len("Genève"))
    assert doc.original[o_start:o_end] == "GenÃ¨ve"
    assert all(f.fixed and f.replacement is not None for f in findings)


_FRENCH = st.text(
    alphabet=st.sampled_from(list("abcdeéèêàçôûïœ’«» —…,.;:!?\n\tÉÀ0123456789&<>\"'")),
    max_size=200,
)


@given(_FRENCH)
def test_repairs_reproduce_ftfy_line_by_line(text):
    # ftfy line by line, each line fixed until ftfy changes nothing more.
    expected = "".join(fix_line(line)[0] for line in _lines(text))
    repaired, offsets = apply_repairs(text, list(find_repairs(text)))
    assert repaired == expected
    assert offsets.to_original(len(repaired), is_end=True) == len(text)


_WORDS = [
    "l’été",
    "à",
    "Genève",
    "«",
    "déjà",
    "»",
    "—",
    "où",
    "ça",
    "?",
    "l’œuvre",
    "très",
    "française",
    "naïve",
    "garçon",
    "Noël",
    "cœur",
    "août",
    "forêt",
    "élève",
    "côte",
    "dû",
    "hôtel",
    "fenêtre",
    "crème",
    "brûlée",
    "Ukraine",
    "président",
    "déclaré",
    "négociations",
    "1",
    "000",
    "soldats…",
    "prisonniers",
    "échange",
]


@given(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=30))
def test_mojibake_of_french_sentences_is_repaired_exactly(words):
    # Real sentences, not random characters: on two or three random letters
    # ftfy can legitimately prefer another reading ("Å“Ã‰" is also "σ").
    text = " ".join(words)
    broken = text.encode("utf-8").decode("windows-1252", errors="replace")
    if "\ufffd" in broken:
        return
    repaired, _ = apply_repairs(broken, list(find_repairs(broken)))
    assert repaired == text


def _required_sets(branch: list) -> list[set[int]]:
    """The character sets of the items every match of one alternative must contain."""
    import re._constants as c

    sets = []
    for op, arg in branch:
        if op is c.LITERAL:
            sets.append({arg})
        elif op is c.IN and all(o in (c.LITERAL, c.RANGE) for o, _ in arg):
            chars: set[int] = set()
            for o, a in arg:
                chars.update({a} if o is c.LITERAL else range(a[0], a[1] + 1))
            sets.append(chars)
    return sets


def test_every_alternative_of_ftfys_badness_pattern_needs_a_character_of_the_prefilter():
    # The cleaner runs BADNESS_RE only on lines with a character of
    # _BADNESS_NEEDS: that is exact as long as each alternative has an item
    # whose characters are all in the class.
    import re._constants as c
    import re._parser

    from ftfy.badness import BADNESS_RE

    from corpuscheck.clean.repair import _BADNESS_NEEDS

    ((op, (_, branches)),) = re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    assert op is c.BRANCH and not BADNESS_RE.flags & re.IGNORECASE
    needed = {ord(ch) for ch in map(chr, range(0x110000)) if _BADNESS_NEEDS.fullmatch(ch)}
    for branch in branches:
        assert any(chars <= needed for chars in _required_sets(list(branch))), branch


@given(st.text(alphabet=st.characters(max_codepoint=0x2600), max_size=40))
def test_the_prefilter_gives_what_the_two_patterns_give(line):
    from ftfy.badness import BADNESS_RE

    from corpuscheck.clean.repair import _OTHER_TRIGGERS

    assert needs_ftfy(line) == bool(_OTHER_TRIGGERS.search(line) or BADNESS_RE.search(line))


def _find_repairs_line_by_line(text):
    """The definition of find_repairs before it skipped the lines without a trigger."""
    from corpuscheck.clean.repair import _diff, _pieces

    offset = 0
    for line in _pieces(text):
        if needs_ftfy(line):
            fixed, explanation = fix_line(line)
            if fixed != line:
                steps = tuple(f"{step.action}:{step.parameter}" for step in explanation)
                yield from _diff(line, fixed, offset, steps)
        offset += len(line)


_LINE = st.one_of(
    _FRENCH,
    st.text(alphabet=st.characters(max_codepoint=0x2600), max_size=40),
    st.sampled_from(["Lâ€™Ukraine", "AT&amp;T", "x\x00y", "\ufeffdébut", "Ã©tÃ©\r"]),
    # Longer than PIECE_CHARS: cut into pieces, a damaged one among them.
    st.builds(
        lambda a, damage, b: (
            " ".join(map(str, range(a))) + f" {damage} " + " ".join(map(str, range(b)))
        ),
        st.integers(0, 1500),
        st.sampled_from(["Ã©tÃ©", "é", "« »"]),
        st.integers(0, 1500),
    ),
)


@settings(deadline=None, max_examples=50)  # a long damaged line takes ftfy a while
@given(st.lists(_LINE, max_size=6), st.sampled_from(["\n", "\r\n"]))
def test_repairs_are_those_of_every_line_asked_in_turn(lines, end):
    text = end.join(lines)
    assert list(find_repairs(text)) == list(_find_repairs_line_by_line(text))


def test_badness_matches_are_short_and_look_only_at_themselves_and_the_start() -> None:
    # Why BADNESS_RE may be searched only near the characters it needs: no match is longer than
    # BADNESS_WIDTH, and no alternative looks around its match but with ``^``.
    import re._constants as c
    import re._parser

    from ftfy.badness import BADNESS_RE

    from corpuscheck.clean.repair import BADNESS_WIDTH

    tree = re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert tree.getwidth()[1] <= BADNESS_WIDTH
    assert not BADNESS_RE.flags & (re.MULTILINE | re.DOTALL)

    def ops(data):
        for op, arg in data:
            yield op, arg
            if op is c.BRANCH:
                for branch in arg[1]:
                    yield from ops(branch)
            elif op is c.SUBPATTERN:
                yield from ops(arg[3])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                yield from ops(arg[2])

    found = list(ops(tree.data))
    assert not any(op in (c.ASSERT, c.ASSERT_NOT, c.GROUPREF) for op, _ in found)
    assert {arg for op, arg in found if op is c.AT} <= {c.AT_BEGINNING}


_MOJIBAKE = st.lists(
    st.sampled_from(
        [
            "Ã©",
            "â€™",
            "Ã",
            "Ø§Ù„",
            "вЂ",
            "‚Ä†",
            "Ã ",
            "Â",
            "«",
            "»",
            " ",
            "é",
            "mot",
            "Ð",
            "¢",
            "\n",
        ]
    ),
    max_size=30,
).map("".join)


@given(_MOJIBAKE)
@example("Ø" + "«" * 9 + "Ø§")
def test_badness_near_its_needs_is_badness_anywhere(line: str) -> None:
    from ftfy.badness import BADNESS_RE

    from corpuscheck.clean.repair import _badness_near_needs

    assert _badness_near_needs(line) == bool(BADNESS_RE.search(line))


def test_a_badness_match_holding_a_guillemet_has_mojibake_beside_it() -> None:
    # Why _badness_near_needs passes over a guillemet with none of _BESIDE_GUILLEMET on either
    # side: in every alternative, an item that may match a guillemet is a single character
    # next to an item whose characters are all in that set.
    import re._constants as c
    import re._parser

    from ftfy.badness import BADNESS_RE

    from corpuscheck.clean.repair import _BESIDE_GUILLEMET

    beside = {ord(ch) for ch in _BESIDE_GUILLEMET}
    ((op, (_, branches)),) = re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    assert op is c.BRANCH
    for branch in branches:
        items = list(branch)
        for i, item in enumerate(items):
            if not _may_match_a_guillemet(item):
                continue
            assert all(_single(it) for it in items), branch
            neighbours = [items[j] for j in (i - 1, i + 1) if 0 <= j < len(items)]
            assert any(_exact_set(n) is not None and _exact_set(n) <= beside for n in neighbours), (
                branch
            )


def _single(item) -> bool:
    """True for an item that matches exactly one character."""
    import re._constants as c

    return item[0] in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY)


def _exact_set(item) -> set[int] | None:
    """The characters ``item`` matches, when it lists them (None otherwise)."""
    sets = _required_sets([item])
    return sets[0] if sets else None


def _may_match_a_guillemet(item) -> bool:
    import re._constants as c

    chars = _exact_set(item)
    if chars is not None:
        return bool(chars & {ord("«"), ord("»")})
    # A negated set or a category is taken as matching one; a repeat or an anchor does not,
    # and the test checks that an alternative holding a guillemet has neither.
    return item[0] in (c.NOT_LITERAL, c.IN, c.ANY)


_GUILLEMETS_AND_MOJIBAKE = st.lists(
    st.one_of(
        st.sampled_from(["«", "»", "« ", " »", "«\u00a0", "\u00a0»", " ", "é", "Â", "Ã", "mot"]),
        st.characters(max_codepoint=0x2600),
    ),
    max_size=30,
).map("".join)


@given(_GUILLEMETS_AND_MOJIBAKE)
@example("é» mot « mot » « mot » « mot » « mot » « mot »Â")
@example("ГўВЂВ«a")
def test_badness_near_its_needs_is_badness_anywhere_around_guillemets(line: str) -> None:
    from ftfy.badness import BADNESS_RE

    from corpuscheck.clean.repair import _badness_near_needs

    assert _badness_near_needs(line) == bool(BADNESS_RE.search(line))


def test_the_triggers_without_the_astral_ones_are_the_same_below_them() -> None:
    from corpuscheck.clean.repair import (
        _ANY_TRIGGER,
        _BMP_OTHER_TRIGGERS,
        _BMP_TRIGGER,
        _OTHER_TRIGGERS,
    )

    assert _BMP_TRIGGER.pattern != _ANY_TRIGGER.pattern
    assert _BMP_OTHER_TRIGGERS.pattern != _OTHER_TRIGGERS.pattern
    for ch in map(chr, range(0x10000)):
        assert bool(_BMP_TRIGGER.match(ch)) == bool(_ANY_TRIGGER.match(ch))
        assert bool(_BMP_OTHER_TRIGGERS.match(ch)) == bool(_OTHER_TRIGGERS.match(ch))
