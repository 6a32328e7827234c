"""Turn a file's bytes into text without losing anything.

A file should be UTF-8. When it is not, each byte that does not belong to a
valid UTF-8 sequence is read as the Windows-1252 character it stands for (how
a Latin-1 or Windows text editor would show it), and its position is recorded
so that the reader can report it. For a file that is wholly in Windows-1252 or
Latin-1 this gives back exactly the text its author wrote; for a UTF-8 file
with a few stray bytes it keeps every other character as it was.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252; like
# browsers and ftfy's "sloppy" codec we read them as the matching C1 controls.
_CP1252 = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]


@dataclass(frozen=True, slots=True)
class InvalidByte:
    """One byte that is not valid UTF-8: where it was and what it became."""

    byte_offset: int
    char_offset: int
    value: int
    read_as: str


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    invalid: tuple[InvalidByte, ...]
    bom: bool


def decode_bytes(data: bytes) -> DecodedText:
    """Decode ``data`` as UTF-8, reading invalid bytes as Windows-1252.

    >>> decode_bytes("café".encode()).text
    'café'
    >>> d = decode_bytes(b"caf\\xe9 cr\\xc3\\xa8me")
    >>> d.text, [(b.char_offset, hex(b.value)) for b in d.invalid]
    ('café crème', [(3, '0xe9')])

    A leading byte-order mark is kept in the text (as U+FEFF) so that offsets
    still match the file; ``bom`` says it was there.
    """
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        return DecodedText(data.decode("utf-8"), (), bom)
    except UnicodeDecodeError:
        pass
    pieces: list[str] = []
    invalid: list[InvalidByte] = []
    char_offset = 0
    pos = 0
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    while pos < len(data):
        try:
            chunk = decoder.decode(data[pos:], final=True)
            pieces.append(chunk)
            break
        except UnicodeDecodeError as err:
            good = data[pos : pos + err.start].decode("utf-8")
            pieces.append(good)
            char_offset += len(good)
            bad_at = pos + err.start
            read_as = _CP1252[data[bad_at]]
            invalid.append(InvalidByte(bad_at, char_offset, data[bad_at], read_as))
            pieces.append(read_as)
            char_offset += 1
            pos = bad_at + 1
            decoder.reset()
    return DecodedText("".join(pieces), tuple(invalid), bom)
