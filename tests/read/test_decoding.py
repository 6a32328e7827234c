from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.read import decode_bytes


def test_valid_utf8_is_decoded_as_is():
    text = "L’Ukraine « résiste » — 1 000 soldats…"
    decoded = decode_bytes(text.encode("utf-8"))
    assert decoded.text == text
    assert decoded.invalid == ()
    assert not decoded.bom


def test_latin1_file_reads_as_its_author_wrote_it():
    decoded = decode_bytes("Été à Genève".encode("latin-1"))
    assert decoded.text == "Été à Genève"
    assert [b.char_offset for b in decoded.invalid] == [0, 2, 4, 9]


def test_stray_byte_in_utf8_keeps_everything_else():
    decoded = decode_bytes("crème ".encode() + b"caf\xe9 " + "été".encode())
    assert decoded.text == "crème café été"
    assert [(b.byte_offset, b.char_offset, b.read_as) for b in decoded.invalid] == [(10, 9, "é")]


def test_bom_is_kept_as_a_character():
    decoded = decode_bytes(b"\xef\xbb\xbfBonjour")
    assert decoded.bom
    assert decoded.text == "\ufeffBonjour"


@given(st.binary(max_size=300))
def test_any_bytes_decode_and_offsets_point_at_the_bad_bytes(data):
    decoded = decode_bytes(data)
    for bad in decoded.invalid:
        assert data[bad.byte_offset] == bad.value
        assert decoded.text[bad.char_offset] == bad.read_as


@given(st.text(max_size=200))
def test_utf8_text_round_trips(text):
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    assert decode_bytes(text.encode("utf-8")).text == text
