"""The trailing credit of a caption, found branch by branch (artifact.caption_credit)."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from corpuscheck.checks.artifact.caption_credit import _TRAILING_CREDIT, _trailing_credit
from tests.conftest import real_files, real_texts

LINES = st.lists(
    st.sampled_from(
        [*"()[]©. !?…aéX1", "Photo", "photo by", "Crédit", "image", "© Getty", "AFP", " / "]
    ),
    max_size=14,
).map("".join)


@given(LINES)
@example("Un soldat, le 12 mars. (Photo by X / AFP)")
@example("Le port. © Getty Images (photo X)")
@example("(photo X) mardi. © Getty")
def test_the_trailing_credit_is_the_patterns(line: str) -> None:
    expected = _TRAILING_CREDIT.search(line)
    found = _trailing_credit(line)
    assert (found and found.span()) == (expected and expected.span())


def _is_caption_by_definition(line: str, *, before_credit: bool) -> str | None:
    """is_caption as first written: the words counted before the wording is looked at."""
    from corpuscheck.checks.artifact.caption_credit import _CAPTION_LEAD, _DATE, MAX_CAPTION_WORDS

    text = line.strip()
    words = text.split(None, MAX_CAPTION_WORDS)
    if not words or len(words) > MAX_CAPTION_WORDS:
        return None
    if _CAPTION_LEAD.match(text):
        return "caption wording"
    if before_credit and len(words) >= 3 and text[0].isupper():
        if _DATE.search(text):
            return "dated line before a credit"
        if len(words) <= 25 and re.search(r"\b(?:à|au|aux|en|près de|dans) [A-ZÀ-Þ]\w", text):
            return "line naming a place before a credit"
    return None


CAPTIONS = st.builds(
    lambda lead, words, tail: lead + " ".join(words) + tail,
    st.sampled_from(
        ["", " ", "Sur cette photo ", "SUR LA PHOTO", "Légende : ", "ci-dessus ", "x "]
    ),
    st.lists(st.sampled_from(["mot", "Paris", "à Kyiv", "le 3 mai 2024", "\t", "é"]), max_size=70),
    st.sampled_from(["", ".", "\n", "  "]),
)


@given(CAPTIONS, st.booleans())
@example("Sur cette photo " + "mot " * 60, False)
@example("   ", False)
def test_a_caption_is_what_the_first_definition_says(line: str, before_credit: bool) -> None:
    from corpuscheck.checks.artifact.caption_credit import is_caption

    expected = _is_caption_by_definition(line, before_credit=before_credit)
    assert is_caption(line, before_credit=before_credit) == expected


def _is_credit_by_definition(line: str) -> str | None:
    """is_credit as first written: the words cut before a sentence is told apart."""
    import unicodedata

    from corpuscheck.checks.artifact.caption_credit import (
        _AGENCY,
        _CREDIT_LEAD,
        AMBIGUOUS,
        MAX_CREDIT_WORDS,
        _name_like,
        _words,
    )

    text = unicodedata.normalize("NFC", line).strip()
    if len(text) > 100:
        return None
    words = _words(text)
    if not words or len(words) > MAX_CREDIT_WORDS:
        return None
    sentence = text.endswith((".", "!", "?", "…", ":", ",", ";"))
    if sentence and not re.search(r"\b[A-Z]{2,}\.$", text) and not _CREDIT_LEAD.match(text):
        return None
    bare = text.strip("()[] ")
    if _AGENCY.fullmatch(bare):
        return "agency"
    if _CREDIT_LEAD.match(text):
        return "credit keyword"
    if all(_name_like(w) for w in words):
        agencies = [m.group() for m in _AGENCY.finditer(text)]
        linked = any(w.lower() in {"/", "via", "pour", "for", "©", "|"} for w in words)
        distinctive = any(a not in AMBIGUOUS for a in agencies)
        if agencies and (linked or distinctive):
            return "name and agency"
    if re.fullmatch(
        r"(?:[A-ZÀ-Þ][\w'’.-]+\s+){1,3}[A-ZÀ-Þ][\w'’.-]+\s+/\s+[A-Z][A-Za-z.-]*(?:\s+[A-Z][\w.-]*){0,3}",
        text,
    ):
        return "name and agency"
    return None


CREDITS = st.lists(
    st.sampled_from(
        ["AFP", "AP", "Reuters", "REUTERS", "Getty Images", "Jane", "Roe", "de", "Photo :", "©",
         "Crédit photo :", "/", " / ", "|", "via", "le", "mot", "XYZ", "ONU.", "AFP.", ".", "!", ",", ":",
         "(", ")", "\n", "  ", "É", "e\u0301", "x" * 40]
    ),
    max_size=12,
).map(" ".join)  # fmt: skip


@given(CREDITS)
@example("Sofiia Gatilova / Reuters")
@example("Jean Dupont / XYZ")
@example("Selon l'ONU.")
@example("Jane Roe / AFP.")
def test_a_credit_is_what_the_first_definition_says(line: str) -> None:
    from corpuscheck.checks.artifact.caption_credit import is_credit

    assert is_credit(line) == _is_credit_by_definition(line)


@given(st.lists(st.sampled_from([*"ABZaé1_ -'’.", "ONU", "Ç"]), max_size=12).map("".join))
@example("l'ONU.")
@example("xONU.")
@example("_AB.")
@example("AB.")
@example("A.")
@example(".")
def test_an_acronym_end_is_the_pattern_s(line: str) -> None:
    from corpuscheck.checks.artifact.caption_credit import _ACRONYM_END, _acronym_end

    text = line + "."
    assert _acronym_end(text) == (_ACRONYM_END.search(text) is not None)


def _name_like_by_definition(word: str) -> bool:
    """_name_like as first written: every agency's name tried whatever the word's length."""
    from corpuscheck.checks.artifact.caption_credit import _AGENCY, _CONNECTORS, _CREDIT_WORDS

    word = word.strip("()[],;:«»\"“”'’.")
    if not word:
        return True
    first = word[0]
    particles = {"de", "du", "des", "van", "von", "der", "da", "di", "le", "la", "al", "el"}
    return (
        first.isupper()
        or not first.isalpha()
        or bool(_AGENCY.fullmatch(word))
        or word.lower() in _CONNECTORS
        or word.lower() in _CREDIT_WORDS
        or word.lower() in particles | {"bin", "ibn"}
    )


WORDS = st.one_of(
    st.sampled_from(
        ["reuters", "afp", "getty images", "zuma press", "pool", "ap", "dpa", "via", "de", "ibn",
         "(c)", "©", "photos", "mot", "thomson reuters", "épa", "sipa usa", "(afp)", "«", ""]
    ).flatmap(lambda w: st.sampled_from([w, w.upper(), w.title(), f"({w})", f"{w}."])),
    st.text(alphabet=st.sampled_from("aAéÉkKſ-()«.1 "), max_size=8),
)  # fmt: skip


@given(WORDS)
def test_a_name_like_word_is_what_the_first_definition_says(word: str) -> None:
    from corpuscheck.checks.artifact.caption_credit import _name_like

    assert _name_like(word) == _name_like_by_definition(word)


def test_name_like_words_are_what_the_first_definition_says_on_real_text() -> None:
    from corpuscheck.checks.artifact.caption_credit import AGENCIES, _name_like, _words

    files = real_files()
    words = {w for f in files for w in _words(f.read_text(encoding="utf-8", errors="replace"))}
    words |= {variant for a in AGENCIES for variant in (a, a.lower(), a.upper(), f"({a})")}
    assert len(words) > 10_000
    assert [w for w in sorted(words) if _name_like(w) != _name_like_by_definition(w)] == []


def test_a_credit_read_in_nfc_is_the_credit_normalised() -> None:
    # The lines of a text in NFC are read as they are (is_credit's nfc), of the others
    # normalised one by one: the same findings either way.
    import unicodedata

    from corpuscheck.checks.artifact.caption_credit import is_credit
    from corpuscheck.checks.structure.layout import lines

    for path in real_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        nfc = unicodedata.normalize("NFC", text)
        for line in lines(nfc):
            assert is_credit(line.text, nfc=True) == is_credit(line.text), (path, line)


CREDIT_WORDS = st.text(
    st.sampled_from(list("/| \t\u00a0\u2003\x1c\x85\u200bAPaprRsSeEuUtTkK\u212aſıİ-.é"))
    | st.characters(codec="utf-8"),
    max_size=20,
)


@given(CREDIT_WORDS)
@example("Jean Dupont/AFP | Reuters")
@example("a\x1cb\x85c\u200bd")
def test_the_words_of_a_line_are_the_pattern_s(line: str) -> None:
    from corpuscheck.checks.artifact.caption_credit import _WORD, _words

    assert _words(line) == _WORD.findall(line)


_AGENCY_SPELLINGS = (
    "Reuters,REUTERS,reuters,ReUtErS,PA,pa,Pa,AP Photo,ap photo,EPA-EFE,epa-efe,Zuma,ZUMA,dpa,"
    "DPA,Getty Images,getty images,Kyodo News,kyodo  news,Sipa\u00a0Press,ZUMA Wire,zuma wire,ANP"
)
AGENCY_LIKE = st.sampled_from(_AGENCY_SPELLINGS.split(",")) | st.text(
    st.sampled_from(list("APEReutrsGyKkſıİ\u212a -")), max_size=16
)


@given(AGENCY_LIKE)
@example("\u212ayodo")
@example("Reuter\u017f")
def test_an_agency_is_what_the_pattern_matches(text: str) -> None:
    from corpuscheck.checks.artifact.caption_credit import _AGENCY, AGENCIES, _is_agency

    assert all(name.isascii() for name in AGENCIES)
    assert _is_agency(text) == (_AGENCY.fullmatch(text) is not None)


def test_every_name_and_every_real_word_is_an_agency_as_the_pattern_says() -> None:
    from corpuscheck.checks.artifact.caption_credit import _AGENCY, AGENCIES, _is_agency, _words

    words = {w for name in AGENCIES for w in (name, name.lower(), name.upper())}
    for text in real_texts():
        for line in text.splitlines():
            words.update(_words(line))
            assert _words(line) == re.findall(r"[^\s/|]+|/|\|", line)
    for word in words:
        assert _is_agency(word) == (_AGENCY.fullmatch(word) is not None), word


def test_only_the_lookalikes_are_a_letter_of_an_agency_s_name_case_ignored() -> None:
    from corpuscheck.checks.artifact.caption_credit import _LOOKALIKES, AGENCIES

    name_characters = "".join(sorted(set("".join(AGENCIES))))
    assert name_characters.isascii()
    any_of_them = re.compile(f"(?i:[{re.escape(name_characters)}])")
    beyond_ascii = [chr(c) for c in range(0x80, 0x110000) if any_of_them.fullmatch(chr(c))]
    assert set(beyond_ascii) <= set(_LOOKALIKES)
