import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.checks.artifact.placeholder import placeholder
from corpuscheck.config import Config
from corpuscheck.model import Document
from corpuscheck.read import read_corpus


def spans(text):
    doc = Document("d", "d.txt", text, text)
    return [text[f.start : f.end] for f in placeholder(doc, Config())]


def test_xnumx_in_seed_000_at_the_right_offsets(seeds):
    corpus = read_corpus(seeds)
    doc = next(d for d in corpus.documents if d.id == "000_a55f85f9d2cdd8e4")
    doc.text = doc.original
    findings = list(placeholder(doc, Config()))
    assert [(f.start, f.end) for f in findings] == [(1556, 1561)]
    assert doc.original[1556:1561] == "XNUMX"
    assert doc.original[1537:1572] == "prisonniers - 1000 XNUMX personnes "
    assert findings[0].evidence == {"token": "XNUMX", "number_before": "1000"}


@pytest.mark.parametrize(
    "text, found",
    [
        ("1000 XNUMX personnes", ["XNUMX"]),
        ("environ XNUM euros", ["XNUM"]),
        ("il y a XXNUMXX ans et XNUMXX jours", ["XXNUMXX", "XNUMXX"]),
        ("le __NUM__ mai", ["__NUM__"]),
        ("un <unk> mot", ["<unk>"]),
        ("un [UNK] mot", ["[UNK]"]),
        ("(XNUMX)", ["XNUMX"]),
    ],
)
def test_placeholder_variants(text, found):
    assert spans(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Le modèle XNUMXA est sorti",  # part of a product name
        "NUMBER ONE",
        "L’équipe de la NUM a gagné",
        "une référence XN-123",
        "",
    ],
)
def test_no_false_alarms(text):
    assert spans(text) == []


@given(
    st.lists(
        st.sampled_from([*"X_NUM@<>[]a 1", "NUMBER", "DATE", "URL", "EMAIL", "UNK", "unk", "MASK"]),
        max_size=12,
    ).map("".join)
)
def test_a_text_without_what_placeholders_need_holds_none(text: str) -> None:
    from corpuscheck.checks.artifact.placeholder import _PLACEHOLDER, NEEDS

    if not any(s in text for s in NEEDS):
        assert _PLACEHOLDER.search(text) is None
    assert spans(text) == [m.group() for m in _PLACEHOLDER.finditer(text)]
