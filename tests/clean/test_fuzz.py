"""The cleaner on any text: no exception, spans inside, and cleaning is idempotent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.clean import clean_document
from corpuscheck.model import Document

DAMAGE = st.lists(
    st.sampled_from(
        [
            *"aéè’«» \n\r\t.",
            "Ã©",
            "Ã¨",
            "â€™",
            "Ã ",
            "&amp;",
            "&eacute;",
            "\x00",
            "\x1b[1m",
            "\x85",
            "\x9c",
            "\ufeff",
            "\u200b",
            "\ud83d",
            "\ufffd",
            "Â ",
        ]
    ),
    max_size=80,
).map("".join)


def cleaned(text: str) -> tuple[Document, list]:
    doc = Document("d", "d.txt", text)
    return doc, clean_document(doc)


@settings(max_examples=300, deadline=None)
@given(st.one_of(DAMAGE, st.text(max_size=300)))
def test_cleaning_any_text_keeps_spans_inside(text):
    doc, findings = cleaned(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.evidence["original"]
    again, more = cleaned(doc.text)
    assert again.text == doc.text, "cleaning cleaned text changed it"
    assert more == []


def test_side_by_side_damage_loses_no_character():
    # An HTML entity next to mojibake: the widened entity span once swallowed
    # the repaired characters ("&eacute;aÃ©é" became "aé").
    doc, _ = cleaned("&eacute;aÃ©é\ufffd’a")
    assert doc.text == "éaéé\ufffd’a"
    assert cleaned(doc.text)[0].text == doc.text
