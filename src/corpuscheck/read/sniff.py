"""Tell, from a file's bytes, that it is not UTF-8 text at all.

A document should be UTF-8 text. Two kinds of files are not, and reading them
byte by byte as damaged UTF-8 would drown the report in findings (200 KB of
random bytes holds about 100,000 bytes that are not valid UTF-8):

* **UTF-16 or UTF-32 text**, with a byte-order mark or without one (then
  recognised by its NUL bytes falling at every second or every fourth
  position). corpuscheck does not decode it: offsets, lines and columns are
  those of the file read as UTF-8, and ``--fix`` never converts a file. The
  document is one ``encoding.not_utf8`` finding telling how to convert it, and
  its text is not checked.
* **Binary data**: more than 5 % of the first 64 KiB are NUL bytes or control
  characters other than white space, or more than 30 % are not valid UTF-8
  (Latin-1 French text has under 5 %). The document is one ``structure.binary``
  finding with the counts as evidence, and its text is not checked.

A text with a few stray NUL or control characters is still text: the cleaner
reports and removes them (``encoding.control_character``).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

SAMPLE_BYTES = 64 * 1024
"""How much of a file is looked at to tell text from binary data."""

CONTROL_SHARE = 0.05
"""Above this share of NUL and control bytes, a file is binary."""

INVALID_SHARE = 0.30
"""Above this share of bytes that are not valid UTF-8, a file is binary."""

_BOMS = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "UTF-32BE"),
    (codecs.BOM_UTF16_LE, "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "UTF-16BE"),
)

# C0 controls other than tab, line feed, vertical tab, form feed, carriage
# return and escape (terminal escapes are text damage the cleaner repairs).
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"

# A byte that is not valid UTF-8, as the ``surrogateescape`` decoder gives it.
# Counted by the regular-expression engine: a loop over every character in
# Python is most of the time spent reading a corpus of small files.
_ESCAPED = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True, slots=True)
class NotText:
    """Why a file is not read as text: ``rule``, a ``message`` and its ``evidence``."""

    rule: str
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)


def sniff(data: bytes, name: str = "the file") -> NotText | None:
    """``None`` when ``data`` is (possibly damaged) UTF-8 text, else why it is not.

    >>> sniff("Le café est chaud.".encode()) is None
    True
    >>> sniff("Un été à Genève.".encode("latin-1")) is None  # damaged UTF-8, still text
    True
    >>> sniff("Bonjour".encode("utf-16")).rule
    'encoding.not_utf8'
    >>> sniff("Bonjour, le monde".encode("utf-16-le")).evidence["encoding"]
    'UTF-16LE'
    >>> found = sniff(bytes(range(256)) * 4)
    >>> found.rule, found.evidence["control_bytes"]
    ('structure.binary', 108)
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _not_utf8(name, encoding, bom=True, size=len(data))
    sample = data[:SAMPLE_BYTES]
    if not sample:
        return None
    wide = _wide_without_bom(sample)
    if wide is not None:
        return _not_utf8(name, wide, bom=False, size=len(data))
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    nul = sample.count(0)
    invalid = _invalid_bytes(sample, whole=len(sample) == len(data))
    if controls / len(sample) <= CONTROL_SHARE and invalid / len(sample) <= INVALID_SHARE:
        return None
    evidence = {
        "bytes": len(data),
        "sampled_bytes": len(sample),
        "nul_bytes": nul,
        "control_bytes": controls,
        "invalid_utf8_bytes": invalid,
    }
    return NotText(
        "structure.binary",
        f"{name} is binary data, not text ({controls} control and {invalid} non-UTF-8 bytes "
        f"in its first {len(sample):,} bytes): not checked",
        evidence,
    )


def _invalid_bytes(sample: bytes, *, whole: bool) -> int:
    """How many bytes of ``sample`` are not valid UTF-8 (``whole``: it is the whole file).

    A sample cut inside a character must not count its first bytes as invalid.
    Most files are valid UTF-8 throughout: for them a strict decoding, in C,
    says so without looking for escaped bytes character by character.
    """
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return 0
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    return len(_ESCAPED.findall(decoder.decode(sample, final=whole)))


def _wide_without_bom(sample: bytes) -> str | None:
    """``UTF-16LE``/``BE`` or ``UTF-32LE``/``BE`` when NUL bytes fall where those put them."""
    if len(sample) < 8 or sample.count(0) < len(sample) // 4:
        return None
    by_position = [sample[i::4].count(0) / len(sample[i::4]) for i in range(4)]
    high = [share > 0.9 for share in by_position]
    low = [share < 0.1 for share in by_position]
    if low[0] and high[1] and high[2] and high[3]:
        return "UTF-32LE"
    if high[0] and high[1] and high[2] and low[3]:
        return "UTF-32BE"
    even = (by_position[0] + by_position[2]) / 2
    odd = (by_position[1] + by_position[3]) / 2
    if odd > 0.6 and even < 0.1:
        return "UTF-16LE"
    if even > 0.6 and odd < 0.1:
        return "UTF-16BE"
    return None


def _not_utf8(name: str, encoding: str, *, bom: bool, size: int) -> NotText:
    marked = "with a byte-order mark" if bom else "without a byte-order mark"
    return NotText(
        "encoding.not_utf8",
        f"{name} is {encoding} text ({marked}), not UTF-8: not checked; convert it "
        f"(iconv -f {encoding} -t UTF-8)",
        {"encoding": encoding, "bom": bom, "bytes": size},
    )
