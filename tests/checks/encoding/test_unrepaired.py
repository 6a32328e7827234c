import re._parser as sre_parse

from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.checks.encoding.unrepaired import _MOJIBAKE, _MOJIBAKE_FIRST, unrepaired
from corpuscheck.config import Config
from corpuscheck.model import Document


def test_every_mojibake_sequence_starts_with_one_of_the_screened_characters() -> None:
    (branch,) = sre_parse.parse(_MOJIBAKE.pattern).data
    assert branch[0] == sre_parse.BRANCH
    firsts = set()
    for alternative in branch[1][1]:
        kind, value = alternative[0]
        assert kind == sre_parse.LITERAL  # each alternative opens with one character
        firsts.add(chr(value))
    assert firsts == set(_MOJIBAKE_FIRST)


_PIECES = ["a", "é", " ", "\n", "&amp;", "Ã©", "Ã", "Â«", "â€™", "ï»¿", "Å“", "’", "\u200b"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_a_text_the_screen_skips_has_no_mojibake_finding(text: str) -> None:
    doc = Document("d", "d.txt", text, text)
    found = [f.rule for f in unrepaired(doc, Config()) if f.rule.endswith("mojibake")]
    if not any(c in text for c in _MOJIBAKE_FIRST):
        assert not _MOJIBAKE.search(text) and not found
    if "Ã©" in text:
        assert found
