"""Counted nouns for the messages people read: "1 error", "2 errors", "0 infos".

>>> plural(1, "error"), plural(2, "error"), plural(0, "info"), plural(1_500, "document")
('1 error', '2 errors', '0 infos', '1,500 documents')
>>> severity_counts(3, {"error": 1, "warning": 0, "info": 2})
'3 documents, 1 error, 0 warnings, 2 infos'
"""

from __future__ import annotations

from collections.abc import Mapping


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, with ``many`` (``word`` + "s" by default) unless it is 1."""
    noun = word if count == 1 else (many or f"{word}s")
    return f"{count:,} {noun}"


def severity_counts(documents: int, counts: Mapping[str, int]) -> str:
    """The summary line's counts: documents, then findings per severity."""
    parts = [plural(documents, "document")]
    parts += [plural(counts.get(s, 0), s) for s in ("error", "warning", "info")]
    return ", ".join(parts)
