"""Telling text from binary data and from UTF-16/32 (corpuscheck.read.sniff)."""

from __future__ import annotations

import codecs
import re

from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.read.sniff import CONTROL_SHARE, INVALID_SHARE, _invalid_bytes, sniff


def invalid_bytes(data: bytes) -> int:
    """The characters ``surrogateescape`` makes of bytes that are not valid UTF-8, one by one."""
    decoded = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape").decode(data, True)
    return sum(1 for c in decoded if "\udc80" <= c <= "\udcff")


def test_french_text_in_latin_1_is_damaged_text_not_binary() -> None:
    assert sniff("Un été à Genève, où il fait chaud.".encode("latin-1")) is None


def test_random_bytes_are_binary_with_their_invalid_bytes_counted() -> None:
    data = bytes((i * 97 + 13) % 256 for i in range(4096))
    found = sniff(data)
    assert found is not None and found.rule == "structure.binary"
    assert found.evidence["invalid_utf8_bytes"] == invalid_bytes(data)


@given(st.binary(min_size=1, max_size=2048))
def test_the_invalid_bytes_counted_are_those_the_decoder_escapes(data: bytes) -> None:
    found = sniff(data)
    if found is not None and found.rule == "structure.binary":
        assert found.evidence["invalid_utf8_bytes"] == invalid_bytes(data)
    elif found is None:
        # Text: few enough controls and invalid bytes.
        assert invalid_bytes(data) / len(data) <= INVALID_SHARE
        controls = sum(1 for b in data if (b < 32 and b not in (9, 10, 11, 12, 13, 27)) or b == 127)
        assert controls / len(data) <= CONTROL_SHARE


def former_invalid_bytes(sample: bytes, whole: bool) -> int:
    """How sniff counted invalid bytes before its strict-decoding shortcut."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    return len(re.findall("[\udc80-\udcff]", decoder.decode(sample, final=whole)))


utf8_pieces = st.lists(
    st.one_of(
        st.text(max_size=20).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.binary(max_size=4),
    ),
    max_size=12,
).map(b"".join)


@given(st.one_of(utf8_pieces, st.binary(max_size=200)), st.booleans(), st.integers(0, 200))
def test_invalid_bytes_are_counted_as_before(data: bytes, whole: bool, cut: int) -> None:
    """Valid text, damaged text, samples cut inside a character, lone surrogates' bytes."""
    sample = data if whole else data[:cut]
    assert _invalid_bytes(sample, whole=whole) == former_invalid_bytes(sample, whole)
