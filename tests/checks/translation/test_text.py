"""Tokens and sentences: properties that hold for any text."""

from __future__ import annotations

import bisect
import re
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpuscheck.checks.translation.text import sentence_spans, tokenize
from tests.conftest import real_texts

TEXTS = st.text(
    alphabet=st.sampled_from(list("abcAB éÉ’'-.!?…«»“”\"\n 0123456789M,;:—")), max_size=200
)


@given(TEXTS)
def test_sentences_are_ordered_trimmed_and_cover_every_word(text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    covered = {i for s, e in spans for i in range(s, e)}
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


@given(TEXTS)
def test_tokens_are_ordered_words_of_the_text(text: str) -> None:
    tokens = tokenize(text, {"l", "d", "qu"})
    for i, t in enumerate(tokens):
        assert t.index == i
        assert text[t.start : t.end] == t.text
        if i:
            assert tokens[i - 1].end <= t.start
    assert tokenize(text, {"l", "d", "qu"}) == tokens


def test_elisions_and_context() -> None:
    tokens = tokenize("« L’Air Force de l’Ukraine », dit-il. Jusqu’au 1er mai.", {"l", "jusqu"})
    assert [t.text for t in tokens] == [
        "L’",
        "Air",
        "Force",
        "de",
        "l’",
        "Ukraine",
        "dit-il",
        "Jusqu’",
        "au",
        "er",
        "mai",
    ]
    assert [t.elided for t in tokens][:2] == [True, False]
    assert tokens[0].after_opening and tokens[0].sentence_initial
    assert tokens[7].sentence_initial and not tokens[8].sentence_initial
    assert tokens[9].touches_digit
    assert tokens[1].capitalised and tokens[1].lower == "air"


CODE_TEXTS = st.lists(
    st.sampled_from(
        [
            *"abcéAÉ 0123\n«“„‹‘\"(:[—–\u00a0\t’'-.{}<>|/@_\\=#~+\ufffd();*$&ÃÂ©",
            *("https://", "www.", "--", "bind(2)", "Ã©", "â€™"),
        ]
    ),
    max_size=80,
).map("".join)


def _after_opening(text: str, start: int) -> bool:
    # The definition: the nearest character before the word, spaces skipped, opens something.
    before = text[:start].rstrip(" \u00a0\u202f\t")
    return bool(before) and before[-1] in '«“„‹‘"(:[—–'


def _technical(text: str, start: int, end: int, bad: list[tuple[int, int]]) -> bool:
    # The definition, one token at a time: inside damaged or code spans, or glued to syntax.
    before, after = text[start - 1 : start], text[end : end + 1]
    if any(s < end and start < e for s, e in bad) or "\ufffd" in (before, after):
        return True
    if before in tuple("{}<>|") or after in tuple("{}<>|"):
        return True
    glued_before = before in tuple("./@_\\=#~:+") and start > 1 and text[start - 2].isalnum()
    glued_after = after in tuple("./@_\\=#~:+") and text[end + 1 : end + 2].isalnum()
    return glued_before or glued_after


@given(CODE_TEXTS)
@example("s\ufffdlection et s\ufffd")
@example("Voir docs.example.org, a|b, {post,pre} et « ( Oui » : —  non.")
@example("a.1 b 1.c d.e. F x._ _.y é@2 fin.\nDébut")
@example(".ab c9")  # a joiner opening the text: nothing before it, whatever ends it
@example("1ab2 ²c3 d’4 5e-f6")
@settings(max_examples=400)
def test_flags_are_their_definitions(text: str) -> None:
    from ftfy.badness import BADNESS_RE

    bad = [m.span() for m in BADNESS_RE.finditer(text)] + defined_code_lines(text)
    for t in tokenize(text, {"l", "qu"}):
        assert text[t.start : t.end] == t.text
        assert t.after_opening == _after_opening(text, t.start), t
        assert t.technical == _technical(text, t.start, t.end, bad), t
        digits = text[t.start - 1 : t.start] + text[t.end : t.end + 1]
        assert t.touches_digit == any(c.isdigit() for c in digits), t


def test_code_spans_on_a_line_of_prose_with_code() -> None:
    from corpuscheck.checks.translation.text import (
        _character_classes,
        _code_spans,
        _merged,
        _rare_characters,
    )

    text = "Lancez ls --all, puis bind(2) ; écrivez à root@example.org.\nSans rien."
    expected = ["--all", "bind(2)", "root@example.org."]
    assert [text[s:e] for s, e in defined_code_lines(text)] == expected
    spans = _merged(_code_spans(text, *_rare_characters(_character_classes(text)[1])))
    assert [text[s:e] for s, e in spans] == expected


def defined_code_lines(text: str) -> list[tuple[int, int]]:
    """Spans of code in prose, found line by line: the definition of the tokenizer's code spans.

    A line with at least four characters of code syntax making a twentieth
    of it (``#include <linux/fs.h> /* pour … */``) is code as a whole.
    """
    from corpuscheck.checks.translation.text import _ADDRESS, _CODE_CHARS, _OPTION, _calls, _merged

    code_char = re.compile("[" + re.escape("".join(sorted(_CODE_CHARS))) + "]")
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        body = line.group()
        # Each pattern runs only on lines holding a character it cannot match
        # without: scanning every word of prose for a "(" or an "@" after it
        # was most of the tokenizer's regular-expression time.
        address = "@" in body or "://" in body or "www." in body
        prose = _ADDRESS.sub("", body) if address else body
        syntax = len(code_char.findall(prose))  # one C loop, not one per character
        if syntax >= 4 and syntax * 20 >= len(body):
            spans.append(line.span())
            continue
        found = []
        if "-" in body or "\\" in body:
            found.append(_OPTION.finditer(body))
        if address:
            found.append(_ADDRESS.finditer(body))
        calls = _calls(body) if "(" in body else []
        if found or calls:
            offset = line.start()
            spans.extend((offset + m.start(), offset + m.end()) for ms in found for m in ms)
            spans.extend((offset + start, offset + end) for start, end in calls)
    return _merged(spans)


def _covered(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    covered = [False] * len(text)
    for start, end in spans:
        covered[start:end] = [True] * (end - start)
    return covered


@given(CODE_TEXTS)
@example("a@b.c (x) ; { } < > | / & $ #\nf(x) -v --all \\clef www.a.b https://c/d e@f.g.h")
@example("#include <a/b.h> /* x */\n@@@ a@b.cd {{{{ x")
@example("x@y.z;;;; a@b.c\n-a --b,-c (-d [-e |-f a-b \\g-h")
@example("abcwww.a@b.cd x https://y.z@w.v a:// b@c.de www. f@g.hi\nj@k.lm:////")
@settings(max_examples=500)
def test_the_code_spans_cover_what_the_line_by_line_search_covers(text: str) -> None:
    from corpuscheck.checks.translation.text import (
        _character_classes,
        _code_spans,
        _rare_characters,
    )

    spans = _code_spans(text, *_rare_characters(_character_classes(text)[1]))
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert _covered(text, spans) == _covered(text, defined_code_lines(text))


def test_the_tokens_of_a_real_document_slice_back(tmp_path) -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "pinned" / "slice"
    for path in sorted(root.glob("*.txt"))[:10]:
        text = path.read_text(encoding="utf-8")
        tokens = tokenize(text, {"l", "d", "qu"})
        assert tokens, path.name
        assert all(text[t.start : t.end] == t.text for t in tokens)
        assert [t.index for t in tokens] == list(range(len(tokens)))


def test_tokens_are_shared_and_immutable() -> None:
    import pytest

    text = "Le même texte, vu par deux checks."
    first, again = tokenize(text, {"l"}), tokenize(text, ["l"])
    assert first is again  # tokenised once per document, whichever check asks first
    with pytest.raises(AttributeError):
        first[0].text = "x"  # type: ignore[misc]


MOJIBAKE_TEXTS = st.lists(
    st.sampled_from(
        [
            *"aéÉ «»“”’ \n.,ÃÂâ€™©®°×²Œœàµ¦¤ВГРСЂўΒΓ‚Ä√≈ØÙ─│┌",
            *("Ã©", "â€™", "Ã¨", "Â«", "â€œ", "Ã ", "ГўВЂВ", "вЂ"),
        ]
    ),
    max_size=60,
).map("".join)


@given(MOJIBAKE_TEXTS)
@example("a\nÃ  et Lâ€™Ukraine, « oui », Ã©tÃ©")
@settings(max_examples=500)
def test_badness_spans_are_those_of_ftfys_pattern(text: str) -> None:
    from ftfy.badness import BADNESS_RE

    from corpuscheck.checks.translation.text import badness_spans

    assert badness_spans(text) == [m.span() for m in BADNESS_RE.finditer(text)]


@given(MOJIBAKE_TEXTS)
@example("a\nÃ  et Lâ€™Ukraine, « oui », Ã©tÃ© ГўВЂВ a")
@settings(max_examples=500)
def test_the_badness_shapes_hold_every_character_a_match_holds(text: str) -> None:
    # The quick test skips the search around a character no match may hold: it must
    # say "may" for every character of every match, wherever a match is tried.
    from ftfy.badness import BADNESS_RE

    from corpuscheck.checks.translation.text import _badness_shapes

    shapes = _badness_shapes()
    assert shapes is not None  # ftfy's pattern is read: else every search is made
    for start in range(len(text)):
        m = BADNESS_RE.match(text, start)
        for at in range(m.start(), m.end()) if m else ():
            assert shapes.may_hold(text, at), (text, m.span(), at)


def test_ftfys_pattern_has_no_empty_match() -> None:
    # badness_spans steps past each match as finditer does: right only if none is empty.
    from ftfy.badness import BADNESS_RE

    from corpuscheck.checks.translation.text import pattern_widths

    assert pattern_widths(BADNESS_RE)[0] > 0


def test_a_word_memo_judges_each_word_once_and_forgets_at_its_limit() -> None:
    from corpuscheck.checks.translation.text import WordMemo

    judged: list[str] = []

    def judge(word: str) -> int | None:
        judged.append(word)
        return len(word) if word.startswith("c") else None

    memo = WordMemo(judge, limit=4)
    assert memo.among({"chat", "le", "chien"}) == {"chat": 4, "chien": 5}
    assert memo.among({"chat", "le"}) == {"chat": 4}
    assert sorted(judged) == ["chat", "chien", "le"]
    assert memo.among({"cou", "de"}) == {"cou": 3}  # five words seen: afresh
    assert len(memo.seen) == 2 and memo.among({"chat"}) == {"chat": 4}


@given(TEXTS)
def test_tokens_among_and_word_uses_are_their_definitions(text: str) -> None:
    from collections import Counter

    from corpuscheck.checks.translation.text import tokens_among, word_uses

    tokens = tokenize(text, {"l"})
    assert word_uses(text, frozenset({"l"})) == Counter(t.lower for t in tokens)
    words = {t.lower for t in tokens[::2]}
    assert tokens_among(tokens, words) == [t for t in tokens if t.lower in words]


def _is_prose(token: Any) -> bool:
    """The definition of the ``prose`` column, from a token's fields."""
    return not (
        token.elided
        or token.technical
        or token.touches_digit
        or (token.capitalised and not token.sentence_initial)
    )


FIELDS = (
    ("words", "text"),
    ("starts", "start"),
    ("ends", "end"),
    ("sentence_initial", "sentence_initial"),
    ("after_opening", "after_opening"),
    ("touches_digit", "touches_digit"),
    ("elided", "elided"),
    ("lowers", "lower"),
    ("capitalised", "capitalised"),
    ("all_caps", "all_caps"),
    ("technical", "technical"),
)


@given(TEXTS)
def test_the_token_columns_are_the_tokens_fields(text: str) -> None:
    import pytest

    tokens = tokenize(text, {"l", "qu"})
    made = list(tokens)
    assert made == [tokens[i] for i in range(len(tokens))]
    for column, field in FIELDS:
        assert getattr(tokens, column) == [getattr(t, field) for t in made], column
    assert tokens.prose == list(map(_is_prose, made))
    assert [t.index for t in made] == list(range(len(tokens)))
    assert tokens[1::2] == tuple(made[1::2]) and tokens[-3:] == tuple(made[-3:])
    if made:
        assert tokens[-1] == made[-1] and tokens[-len(made)] == made[0]
    for outside in (len(made), -len(made) - 1):
        with pytest.raises(IndexError):
            tokens[outside]
    words = {t.lower for t in made[::3]}
    assert tokens.among(words) == [t.index for t in made if t.lower in words]
    assert tokens.indexes(tokens.capitalised) == [t.index for t in made if t.capitalised]


# The tokenizer's earlier definitions, a step at a time: the sentence splitter
# line by line, the elisions split word by word, the calls found from their
# names. The faster code must give what they give, for any text.

_DEFINED_BOUNDARY = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]*[»”\"’')\]])*(?=\s)")


def defined_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Each line split on its own, at a boundary followed by spaces and a sentence's start."""
    from corpuscheck.checks.translation.text import _ABBREVIATIONS

    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        offset, body, start = line.start(), line.group(), 0
        for m in _DEFINED_BOUNDARY.finditer(body):
            following = re.compile(r"\s+(\S)").match(body, m.end())
            if not following:
                continue
            char = following.group(1)
            if not (char.isupper() or char.isdigit() or char in "\"“«„‘'([—–-"):
                continue
            if m.start() > 0 and body[m.start() - 1] in "([":
                continue
            word = re.search(r"[^\W\d_]+$", body[: m.start()])
            if m.group().startswith(".") and word:
                w = word.group()
                if (len(w) == 1 and w.isupper()) or w.lower() in _ABBREVIATIONS:
                    continue
            spans.append((offset + start, offset + m.end()))
            start = m.end()
        spans.append((offset + start, offset + len(body)))
    out = []
    for start, end in spans:
        kept = text[start:end].strip()
        if kept:
            first = start + len(text[start:end]) - len(text[start:end].lstrip())
            out.append((first, first + len(kept)))
    return out


def defined_pieces(text: str, elided: frozenset[str]) -> list[tuple[str, int, int, bool]]:
    """Every word, its elisions split off one after another while they are elisions."""
    from corpuscheck.checks.translation.text import WORD

    pieces = []
    for m in WORD.finditer(text):
        word, start = m.group(), m.start()
        while e := re.match(r"([^\W\d_]+)['’](?=[^\W\d_])", word):
            if e.group(1).lower() not in elided:
                break
            pieces.append((word[: e.end()], start, start + e.end(), True))
            start, word = start + e.end(), word[e.end() :]
        pieces.append((word, start, start + len(word), False))
    return pieces


# Letters of every kind beside the elisions (ſ and the Kelvin sign are not s and k
# to lower(), İ lower-cases to two characters), digits that are and are not
# decimal, every space, marks, quotes, brackets, abbreviations.
TRICKY_TEXTS = st.lists(
    st.sampled_from(
        [
            *"aeEsSkKſİıéÉ²١0 \u00a0\u202f\t\n\r\x1c’'-.!?…«»“”\"()[]—:;,",
            *("l’", "L'", "qu’", "QU’", "jusqu’", "d'", "ſ’", "K’", "İ’"),
            *("M. ", "Mme. ", "etc. ", "J. ", "nº. ", "(...) ", "Fin. ", "Oui. « "),
        ]
    ),
    max_size=60,
).map("".join)


@given(TRICKY_TEXTS)
@example("M. Dupont. J. D. Salinger… (...) Il « Non. » 2. ſt. Fin.\n. Etc\n. A")
@example('Il dit. " non" et. » Oui. ?! A.. B Xmlles. Oui. Aetc. Non. Bm. Oui. ÉTC. Non')
@example('Il dit. " \nOui. » \nNon. "\nFin')
@example("qu’l’l’homme d’aujourd’hui jusqu’à l’²a l’١ a-l’b L’’x")
@settings(max_examples=600)
def test_sentences_are_those_of_the_line_by_line_definition(text: str) -> None:
    from corpuscheck.checks.translation.text import _sentence_spans

    assert sentence_spans(text) == defined_sentence_spans(text)
    assert _sentence_spans.__wrapped__(text) == tuple(defined_sentence_spans(text))


ELISION_SETS = st.sampled_from(
    [
        frozenset(),
        frozenset({"l", "qu", "jusqu", "d", "s", "k"}),
        # Never elisions: not letters alone.
        frozenset({"l", "l’e", "l-e", "i̇"}),
    ]
)


def assert_columns_defined(tokens: Any, pieces: list[Any]) -> None:
    """The tokens' words, offsets, elisions and lower-cased forms are those of the pieces."""
    assert tokens.words == [p[0] for p in pieces]
    assert tokens.starts == [p[1] for p in pieces]
    assert tokens.ends == [p[2] for p in pieces]
    assert tokens.elided == [p[3] for p in pieces]
    assert tokens.lowers == [p[0].lower().replace("’", "'") for p in pieces]


@given(TRICKY_TEXTS, ELISION_SETS)
@example("qu’l’l’homme d’aujourd’hui jusqu’à l’²a l’١ a-l’b L’’x ſ’a K’a İ’a", frozenset({"l"}))
@example("l’e’a l-e’a İ’a", frozenset({"l", "l’e", "l-e", "i̇"}))
@settings(max_examples=600)
def test_tokens_are_those_of_the_word_by_word_definition(text: str, elided: frozenset[str]) -> None:
    from corpuscheck.checks.translation.text import _tokenize

    tokens = _tokenize.__wrapped__(text, elided)
    pieces = defined_pieces(text, elided)
    assert_columns_defined(tokens, pieces)
    assert tokens.sentence_initial == defined_initial(text, pieces)
    for t in tokens:
        digits = text[t.start - 1 : t.start] + text[t.end : t.end + 1]
        assert t.touches_digit == any(c.isdigit() for c in digits), t
        assert t.after_opening == _after_opening(text, t.start), t


_DEFINED_CALL = re.compile(r"[^\W\d_][\w.]*\((?:\d\w*|\w*)\)")

CALL_TEXTS = st.lists(
    st.sampled_from([*"ab2_.( )é²١\n-", *("f(x)", "os.path(", "()", "(2)", ".x", "a.(b)")]),
    max_size=40,
).map("".join)


@given(CALL_TEXTS)
@example("voir os.path.join() et 2f(x), pas (a) ni f (b), _g(1) .h() 2.5(x) f(ab(c)")
@settings(max_examples=500)
def test_calls_are_those_of_the_pattern(text: str) -> None:
    from corpuscheck.checks.translation.text import _calls

    assert _calls(text) == [m.span() for m in _DEFINED_CALL.finditer(text)]


def test_the_character_classes_read_as_the_string_methods() -> None:
    # The tokenizer's patterns say [^\W_] for str.isalnum (a joiner before a letter
    # or digit) and \S for what str.strip keeps: so for every character.
    everything = "".join(map(chr, range(0x110000)))
    assert "".join(re.findall(r"[^\W_]", everything)) == "".join(filter(str.isalnum, everything))
    assert "".join(re.findall(r"\s", everything)) == "".join(filter(str.isspace, everything))


def test_a_word_of_many_apostrophes_is_judged_until_its_elisions_end() -> None:
    # Not once per apostrophe, each time from the word's start: on a word of
    # thousands of apostrophes (a hostile document) that was quadratic.
    from corpuscheck.checks.translation.text import WORD, _elision_ends

    asked: list[str] = []

    class Elisions(frozenset[str]):
        def __contains__(self, word: object) -> bool:
            asked.append(str(word))
            return super().__contains__(word)

    text = "l’l’" + "b’" * 2000 + "b et l’a"
    apostrophes, holders = [], []
    for m in WORD.finditer(text):
        inner = [i for i in range(m.start() + 1, m.end() - 1) if text[i] in "'’"]
        apostrophes += inner
        holders += [m.start()] * len(inner)
    assert _elision_ends(text, apostrophes, holders, Elisions({"l"})) == [2, 4, len(text) - 1]
    assert asked == ["l", "l", "b", "l"]


def _defined_flags(text: str, pieces: list[tuple[str, int, int, bool]]) -> dict[str, list[bool]]:
    """Each flag of each word, from its definition, one word at a time (linear in the text)."""
    from ftfy.badness import BADNESS_RE

    bad = [m.span() for m in BADNESS_RE.finditer(text)] + defined_code_lines(text)
    flags: dict[str, list[bool]] = {
        "after_opening": [],
        "touches_digit": [],
        "technical": [],
        "capitalised": [],
        "all_caps": [],
    }
    for word, start, end, _ in pieces:
        before = start
        while before > 0 and text[before - 1] in " \u00a0\u202f\t":
            before -= 1
        flags["after_opening"].append(before > 0 and text[before - 1] in '«“„‹‘"(:[—–')
        digits = text[start - 1 : start] + text[end : end + 1] if start else text[end : end + 1]
        flags["touches_digit"].append(any(c.isdigit() for c in digits))
        all_caps = word.isupper() and sum(map(str.isalpha, word)) > 1
        flags["all_caps"].append(all_caps)
        flags["capitalised"].append(word[0].isupper() and not all_caps)
    # The spans sorted by start: a word's overlapping ones are found by bisection.
    bad.sort()
    bad_starts = [s for s, _ in bad]
    longest = max((e - s for s, e in bad), default=0)
    for _, start, end, _ in pieces:
        low = bisect.bisect_left(bad_starts, start - longest)
        high = bisect.bisect_left(bad_starts, end)
        inside = any(s < end and start < e for s, e in bad[low:high])
        flags["technical"].append(inside or _technical(text, start, end, []))
    return flags


def test_the_tokens_of_real_texts_are_those_of_the_definitions() -> None:
    # Every text of the development set and of the pinned slice: every column
    # of the tokens, as the word-by-word and flag-by-flag definitions give it.
    from corpuscheck.checks.translation.resources import profile
    from corpuscheck.checks.translation.text import _tokenize

    elided = profile("fr").elisions  # type: ignore[union-attr]
    texts = real_texts()
    assert len(texts) > 300
    counts = dict.fromkeys(("technical", "touches_digit", "all_caps", "after_opening"), 0)
    for text in texts:
        tokens = _tokenize.__wrapped__(text, elided)
        pieces = defined_pieces(text, elided)
        assert_columns_defined(tokens, pieces)
        for name, defined in _defined_flags(text, pieces).items():
            assert getattr(tokens, name) == defined, name
            counts[name] = counts.get(name, 0) + sum(defined)
        assert tokens.prose == list(map(_is_prose, tokens))
    assert min(counts.values()) > 100, counts


def defined_initial(text: str, pieces: list[tuple[str, int, int, bool]]) -> list[bool]:
    """Whether each piece opens its sentence: the first at or after a sentence's start."""
    initial = [False] * len(pieces)
    for start, _ in defined_sentence_spans(text):
        following = [i for i, p in enumerate(pieces) if p[1] >= start]
        if following:
            initial[following[0]] = True
    if pieces:
        initial[0] = True
    return initial


# Beside the tricky texts' characters: letters, digits and capitals beyond the
# Basic Multilingual Plane, combining marks (no word characters), digits that
# are letters to WORD (², Ⅻ, ½), title case (ǅ), a final sigma, a lone
# surrogate, code and damaged text.
WIDE_TEXTS = st.lists(
    st.sampled_from(
        [
            *"aeEsSkKſİıéÉ²١0 \u00a0\u202f\t\n’'-.!?…«»“”\"()[]—:;,",
            *("l’", "L'", "qu’", "QU’", "jusqu’", "d'", "İ’", "M. ", "Fin. "),
            *"𝐀𝐚𐐀𐐨𝟙𑁒🙂\U00020000\u0301\u0345Ⅻⅻ½ǅǆΣσΟßﬁªº\ud800",
            *("e\u0301", "ΟΔΟΣ", "𐐀𐐀", "AB", "É’", "ÉTÉ"),
            *"@/_{}<>|\ufffd\\#=~+*$&;",
            *("https://", "www.", "--", "bind(2)", "Ã©", "â€™", "a.b"),
        ]
    ),
    max_size=60,
).map("".join)


@given(WIDE_TEXTS, ELISION_SETS)
@example("𐐀’𝐚 l’𝐀b ΟΔΟΣ’ ǅa ÉTÉ² Ⅻe-ﬁ l’\u0301a A\ud800B", frozenset({"l", "𐐀"}))
@example("L’ÉTÉ d’AB (a) x.y {z} qu’İ’a 𝟙a a𝟙 ²b", frozenset({"l", "d", "qu", "i̇"}))
@settings(max_examples=800)
def test_every_column_is_its_definition(text: str, elided: frozenset[str]) -> None:
    from corpuscheck.checks.translation.text import _tokenize

    tokens = _tokenize.__wrapped__(text, elided)
    pieces = defined_pieces(text, elided)
    assert_columns_defined(tokens, pieces)
    assert tokens.sentence_initial == defined_initial(text, pieces)
    for name, defined in _defined_flags(text, pieces).items():
        assert getattr(tokens, name) == defined, name


def test_the_character_classes_are_their_definitions() -> None:
    # Every code point: the table of the Basic Multilingual Plane, and the
    # classes of those beyond it, one at a time.
    import numpy as np

    from corpuscheck.checks.translation import text as tx
    from corpuscheck.clean.repair import _BADNESS_NEEDS

    everything = "".join(map(chr, range(0x110000)))
    codes, classes = tx._character_classes(everything)
    assert codes.tolist() == list(range(0x110000))

    def matches(pattern: str) -> Any:
        found = np.zeros(len(everything), dtype=bool)
        found[[m.start() for m in re.finditer(pattern, everything)]] = True
        return found

    def holds(predicate: Any) -> Any:
        return np.fromiter(map(predicate, everything), bool, len(everything))

    def among(chars: str) -> Any:
        return np.isin(codes, list(map(ord, chars)))

    defined = {
        tx._LETTER_CLASS: matches(r"[^\W\d_]"),
        tx._WORD_CLASS: matches(r"\w"),
        tx._ALNUM_CLASS: holds(str.isalnum),
        tx._DIGIT_CLASS: holds(str.isdigit),
        tx._UPPER_CLASS: holds(str.isupper),
        # In a longer word, a character that keeps the word from being in capitals.
        tx._NOT_UPPER_CLASS: ~holds(lambda char: ("A" + char).isupper()),
        tx._JOIN_CLASS: among("-'’"),
        tx._APOSTROPHE_CLASS: among("'’"),
        tx._SPACE_CLASS: among(" \u00a0\u202f\t"),
        tx._OPENING_CLASS: among('«“„‹‘"(:[—–'),
        tx._SYNTAX_CLASS: among("{}<>|\ufffd"),
        tx._JOINER_CLASS: among("./@_\\=#~:+"),
        tx._CODE_CLASS: among("{}();=<>#*|[]\\$/&"),
        tx._OPTION_CLASS: among("-\\"),
        tx._BADNESS_CLASS: holds(lambda char: bool(_BADNESS_NEEDS.fullmatch(char))),
        tx._LINE_BREAK_CLASS: among("\n"),
    }
    for bit, expected in defined.items():
        assert np.array_equal((classes & bit) != 0, expected), bit
    assert sum(defined) == (1 << len(defined)) - 1  # every class, one bit each
    # A word of two characters or more is in capitals when none of them keeps it from
    # being, and one is upper case.
    upper, not_upper = (classes & tx._UPPER_CLASS) != 0, (classes & tx._NOT_UPPER_CLASS) != 0
    assert np.array_equal(holds(lambda char: (char + char).isupper()), upper & ~not_upper)


def test_the_lower_case_table_is_str_lower_where_it_is_read() -> None:
    # Every character of the Basic Multilingual Plane: the table's lower case is
    # str.lower's (’ read as '), but for the characters left to str.lower.
    from corpuscheck.checks.translation.text import _bmp_lowers

    table, exceptions = _bmp_lowers()
    assert "İ" in exceptions and "Σ" in exceptions
    for code in range(0x10000):
        char = chr(code)
        lowered = char.lower().replace("’", "'")
        if char not in exceptions:
            assert len(lowered) == 1 and table[code] == ord(lowered), hex(code)
        else:
            assert len(lowered) != 1 or char == "Σ", hex(code)
            # The words holding one are lower-cased by str.lower: the table tells them apart.
            assert table[code] != code, hex(code)
