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
import re
from dataclasses import dataclass

# Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252; like
# browsers and ftfy's "sloppy" codec we read them as the matching C1 controls.
_CP1252 = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]


_ESCAPED = re.compile("[\udc80-\udcff]")


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
    # Each byte that is not part of valid UTF-8 becomes a lone surrogate
    # U+DC80..U+DCFF; replacing those keeps the whole decoding linear in the
    # size of the file, however many bad bytes it has.
    escaped = data.decode("utf-8", errors="surrogateescape")
    pieces: list[str] = []
    invalid: list[InvalidByte] = []
    byte_offset = 0
    previous = 0
    for match in _ESCAPED.finditer(escaped):
        at = match.start()
        pieces.append(escaped[previous:at])
        byte_offset += len(escaped[previous:at].encode("utf-8"))
        value = ord(escaped[at]) - 0xDC00
        read_as = _CP1252[value]
        invalid.append(InvalidByte(byte_offset, at, value, read_as))
        pieces.append(read_as)
        byte_offset += 1
        previous = at + 1
    pieces.append(escaped[previous:])
    return DecodedText("".join(pieces), tuple(invalid), bom)
