"""Find and apply ftfy's repairs line by line, as data.

ftfy's defaults are made for text of unknown quality: they also uncurl quotes
(’ “ ” become ' "), fold ligatures and full-width letters and normalise to NFC.
French typography needs its curly apostrophes and quotes, so only the fixers
that undo *damage* are on: mojibake (also double-encoded, with the lossy and
inconsistent variants), HTML entities, C1 and other control characters,
terminal escapes and lone surrogates. A document without such damage is left
exactly as it was.

ftfy decides per line, as its own ``fix_text`` does, and a cheap pre-filter
skips the lines that none of the enabled fixers could change (most lines of a
clean corpus), so cleaning costs almost nothing when there is nothing to do.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import ftfy
from ftfy.badness import BADNESS_RE

from corpuscheck.model import Document, Finding, OffsetMap, Severity

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html="auto",
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization=None,
    explain=True,
)
"""The ftfy configuration: the damage-repairing fixers only."""

# Anything one of the enabled fixers could act on, apart from mojibake (which
# ftfy itself only touches where its BADNESS_RE matches): an entity, a C0 or C1
# control or DEL, an escape, a lone surrogate, and the invisible characters
# that ftfy's remove_control_chars deletes.
_OTHER_TRIGGERS = re.compile(
    "[&\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\u206a-\u206f\ufeff\ufff9-\ufffc"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f]"
)

# Every alternative of ftfy's BADNESS_RE needs one character of this class
# (tests/clean/test_repair.py checks it against the pattern itself): a line
# with none cannot match. BADNESS_RE, 37 alternatives tried at every
# position of every line, was most of the cleaner's time; this class is one
# test per character, and few lines hold one of its characters.
_BADNESS_NEEDS = re.compile(
    "["
    "\u0080-\u00ac\u00ae-\u00b3\u00b5-\u00b6\u00b8-\u00d1\u00d7-\u00d9\u00dc-\u00de\u00f7"
    "\u0100-\u0102\u0104\u0106\u010c\u010e\u0110\u0112\u0116\u0118\u011a\u011e\u0122"
    "\u012a\u0130\u0136\u0139\u013b\u013d\u0141\u0143\u0145\u0147\u0152-\u0153\u0158"
    "\u015a\u015e\u0160\u0162\u0164\u016e\u0170\u0178-\u0179\u017b\u017d\u0192"
    "\u02c6-\u02c7\u02d8\u02db-\u02dd\u0384-\u0386\u0388-\u038a\u038c\u038e-\u038f"
    "\u0391-\u03c9\u0401-\u045f\u0490\u2018\u201a\u201c-\u201e\u2020-\u2022\u2030"
    "\u2039-\u203a\u2044\u20a7\u20ac\u2116\u2122\u2202\u2206\u220f\u2211\u221a\u221e"
    "\u2229\u222b\u2248\u2260-\u2261\u2264-\u2265\u2310\u2502\u250c\u2510\u2518\u251c"
    "\u2524\u252c\u253c\u2550-\u256c\u2580\u2584\u2588\u258c\u2590-\u2593\u25ca\uf8ff"
    "\ufffd"
    "]"
)

_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


_ANY_TRIGGER = re.compile("[" + _OTHER_TRIGGERS.pattern[1:-1] + _BADNESS_NEEDS.pattern[1:-1] + "]")
"""A character of either class: a line without one needs no ftfy (:func:`needs_ftfy`)."""

_ASTRAL_TRIGGERS = "\U0001d173-\U0001d17a\U000e0000-\U000e007f"

_BMP_TRIGGER = re.compile(_ANY_TRIGGER.pattern.replace(_ASTRAL_TRIGGERS, ""))
""":data:`_ANY_TRIGGER` without its characters past U+FFFF, for a text that has none: the
regular-expression engine tests each character against one table, where the two ranges past
it take as long again (:func:`_has_astral`)."""


_BMP_OTHER_TRIGGERS = re.compile(_OTHER_TRIGGERS.pattern.replace(_ASTRAL_TRIGGERS, ""))
""":data:`_OTHER_TRIGGERS` below U+FFFF, as :data:`_BMP_TRIGGER` is :data:`_ANY_TRIGGER`."""


def _has_astral(text: str) -> bool:
    """True when ``text`` has a character past U+FFFF (four bytes in UTF-16, the others two).

    >>> _has_astral("« été »"), _has_astral("a\U000e0041")
    (False, True)
    """
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def needs_ftfy(text: str, others: re.Pattern[str] = _OTHER_TRIGGERS) -> bool:
    """True when ftfy (as configured) might change ``text``.

    ``others`` may be :data:`_BMP_OTHER_TRIGGERS` for a text with no character
    past U+FFFF (:func:`_has_astral`).

    >>> needs_ftfy("L’Ukraine a déclaré « non ».")
    False
    >>> needs_ftfy("Lâ€™Ukraine")
    True
    """
    if others.search(text):
        return True
    return _badness_near_needs(text)


BADNESS_WIDTH = 7
"""The most characters a match of ftfy's BADNESS_RE spans (the tests check it on the pattern)."""

NEAR_NEEDS = 8
"""Characters of :data:`_BADNESS_NEEDS` around which BADNESS_RE is searched before the rest of
the text is searched in one go (a line of Cyrillic or Greek is made of them)."""


BESIDE_GUILLEMET_CATEGORIES = (
    "c1",
    "bad",
    "law",
    "currency",
    "start_punctuation",
    "end_punctuation",
    "numeric",
    "upper_accented",
    "lower_accented",
    "box",
)
"""ftfy's categories (``MOJIBAKE_CATEGORIES``) of which a match of BADNESS_RE that holds a
guillemet has a character right before or after it, unless that character is one of
:data:`BESIDE_GUILLEMET_LETTERS` (the tests check it on the pattern)."""

BESIDE_GUILLEMET_LETTERS = "ØÙВГРСΒΓΞΟ"
"""The letters that BADNESS_RE names one by one beside a guillemet."""


def _category_characters(chars: str) -> Iterator[str]:
    """The characters of one of ftfy's categories, written as in a character class.

    >>> "".join(_category_characters("a-cxÒ-Ô"))
    'abcxÒÓÔ'
    """
    at = 0
    while at < len(chars):
        if chars[at + 1 : at + 2] == "-" and at + 2 < len(chars):
            yield from map(chr, range(ord(chars[at]), ord(chars[at + 2]) + 1))
            at += 3
        else:
            yield chars[at]
            at += 1


def _mojibake_characters() -> frozenset[str]:
    """The characters of :data:`BESIDE_GUILLEMET_CATEGORIES` and
    :data:`BESIDE_GUILLEMET_LETTERS`."""
    from ftfy.badness import MOJIBAKE_CATEGORIES

    chars = set(BESIDE_GUILLEMET_LETTERS)
    for name in BESIDE_GUILLEMET_CATEGORIES:
        chars.update(_category_characters(MOJIBAKE_CATEGORIES[name]))
    return frozenset(chars)


_BESIDE_GUILLEMET = _mojibake_characters()


def _lone_guillemet(text: str, at: int) -> bool:
    """True when ``text[at]`` is a guillemet with no character of mojibake right beside it:
    no match of BADNESS_RE holds it (the other characters it needs have their own windows).

    >>> _lone_guillemet("un « mot »", 3), _lone_guillemet("Â« mot", 1), _lone_guillemet("é»", 1)
    (True, False, False)
    """
    return (
        text[at] in "«»"
        and (at == 0 or text[at - 1] not in _BESIDE_GUILLEMET)
        and text[at + 1 : at + 2] not in _BESIDE_GUILLEMET
    )


def _badness_near_needs(text: str) -> bool:
    """``bool(BADNESS_RE.search(text))``, searched around the characters a match needs.

    Every match holds a character of :data:`_BADNESS_NEEDS` and spans at
    most :data:`BADNESS_WIDTH` characters, and the pattern looks at nothing
    outside its match but the start of the text (``^``, which a search from a
    later position does not take for it): so a match is within that width of
    such a character. Searched at every position of a paragraph, the 37
    alternatives cost more than all the rest of the cleaning of a clean
    corpus; around its guillemets, next to nothing.

    A guillemet, most of those characters in French, is passed over when
    no character of mojibake stands beside it (:func:`_lone_guillemet`).

    >>> _badness_near_needs("« Il a dit » que lâ€™on"), _badness_near_needs("« Il a dit »")
    (True, False)
    """
    count = 0
    for need in _BADNESS_NEEDS.finditer(text):
        at = need.start()
        if _lone_guillemet(text, at):
            continue
        start = max(0, at - BADNESS_WIDTH + 1)
        if count == NEAR_NEEDS:
            return bool(BADNESS_RE.search(text, start))
        if BADNESS_RE.search(text, start, at + BADNESS_WIDTH):
            return True
        count += 1
    return False


@dataclass(frozen=True, slots=True)
class Repair:
    """One change the cleaner made: ``original[start:end]`` became ``replacement``."""

    rule: str
    start: int
    end: int
    replacement: str
    steps: tuple[str, ...]


def _classify(removed: str, steps: tuple[str, ...], at_start: bool) -> str:
    """Name the rule for one change from what it removed and ftfy's steps."""
    if at_start and removed.startswith("\ufeff"):
        return "encoding.bom"
    if _ENTITY.search(removed) and "apply:unescape_html" in steps:
        return "encoding.html_entity"
    if "\x1b" in removed:
        return "encoding.terminal_escape"
    if removed and all(0xD800 <= ord(c) <= 0xDFFF for c in removed):
        return "encoding.surrogate"
    if removed and all(0x80 <= ord(c) <= 0x9F for c in removed):
        return "encoding.c1_control"
    if (
        removed
        and _OTHER_TRIGGERS.fullmatch(removed[0])
        and all(_OTHER_TRIGGERS.fullmatch(c) for c in removed)
    ):
        return "encoding.control_character"
    return "encoding.mojibake"


MAX_PASSES = 4
"""ftfy runs again on its own output until it changes nothing, at most this many times."""


def fix_line(line: str) -> tuple[str, list[ftfy.ExplanationStep]]:
    """ftfy's fix of one line, repeated until it changes nothing, and its steps.

    One pass of ftfy can leave damage that a second pass repairs (text
    encoded wrongly twice, when the first pass undoes only one layer), and
    then cleaned text would not be clean. Fixing to a fixed point keeps
    cleaning idempotent.

    >>> fix_line("Lâ€™Ukraine")[0]
    'L’Ukraine'
    """
    fixed, explanation = ftfy.fix_and_explain(line, FTFY_CONFIG)
    steps = list(explanation or [])
    for _ in range(MAX_PASSES - 1):
        if not needs_ftfy(fixed):
            break
        again, more = ftfy.fix_and_explain(fixed, FTFY_CONFIG)
        if again == fixed:
            break
        fixed = again
        steps.extend(more or [])
    return fixed, steps


PIECE_CHARS = 4096
"""Longer lines are cleaned in pieces of about this size, cut at a space."""

_SAFE_BEFORE_CUT = re.compile(r"[A-Za-z0-9.,;:!?)\]\"']")


def _lines(text: str) -> Iterator[str]:
    r"""The lines of ``text`` with their ends, a line ending at each line feed only.

    Not ``str.splitlines``: it also cuts at U+001C-U+001E and U+0085, which
    are damage to repair, and the pieces it leaves can join into new mojibake.

    >>> list(_lines("a\x1eb\r\nc"))
    ['a\x1eb\r\n', 'c']
    """
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _pieces(text: str) -> Iterator[str]:
    """The lines of ``text`` (with their ends), a very long line cut into pieces.

    A 20 MB document on one line must not go to ftfy and to the character
    diff in one piece: both would take minutes. A cut falls on a space after
    an ASCII letter, digit or punctuation mark, never inside a mojibake
    sequence (``Ã`` before a space is one).

    >>> [len(p) for p in _pieces("ab " * 3000 + "\\nfin")]
    [4095, 4095, 811, 3]
    """
    for line in _lines(text):
        start = 0
        while len(line) - start > PIECE_CHARS:
            low, high = start + PIECE_CHARS // 2, start + PIECE_CHARS
            space = line.rfind(" ", low, high)
            while space > low and not _SAFE_BEFORE_CUT.match(line, space - 1):
                space = line.rfind(" ", low, space)
            cut = space + 1 if space > low else high
            yield line[start:cut]
            start = cut
        yield line[start:] if start else line


def find_repairs(text: str) -> Iterator[Repair]:
    """Yield the repairs ftfy makes to ``text``, with spans in ``text``.

    >>> [(r.rule, r.start, r.end, r.replacement) for r in find_repairs("Lâ€™Ukraine")]
    [('encoding.mojibake', 1, 4, '’')]
    >>> list(find_repairs("L’Ukraine « libre »"))
    []
    """
    # Only the lines holding a trigger are cut into pieces and asked; the others, most
    # of them (the benchmark slice has 49,771 lines, 2,753 with a trigger, guillemets
    # included), are passed over in one scan of the text.
    astral = _has_astral(text)
    triggers, others = (
        (_ANY_TRIGGER, _OTHER_TRIGGERS) if astral else (_BMP_TRIGGER, _BMP_OTHER_TRIGGERS)
    )
    for offset, line in _lines_holding(text, triggers):
        for piece in _pieces(line):
            if needs_ftfy(piece, others):
                fixed, explanation = fix_line(piece)
                if fixed != piece:
                    steps = tuple(f"{step.action}:{step.parameter}" for step in explanation)
                    yield from _diff(piece, fixed, offset, steps)
            offset += len(piece)


def _lines_holding(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    r"""The lines of ``text`` (with their ends, as :func:`_lines` cuts them) that hold a
    match of ``pattern``, with their offsets.

    >>> list(_lines_holding("ab\ncd\nef", re.compile("[ce]")))
    [(3, 'cd\n'), (6, 'ef')]
    """
    found = pattern.search(text)
    while found:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.start())
        end = len(text) if end < 0 else end + 1
        yield start, text[start:end]
        found = pattern.search(text, end)


def _diff(line: str, fixed: str, offset: int, steps: tuple[str, ...]) -> Iterator[Repair]:
    matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
    # Each change as (start, end) in the line and (start, end) in the fixed line,
    # so that an insertion keeps what it inserted.
    changes = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    if "apply:unescape_html" in steps:
        # A character diff of "&amp;" -> "&" keeps the "&" and removes "amp;";
        # widen such changes to the whole entity so the span shows what was there
        # (the widening covers unchanged text, so both sides widen alike).
        for entity in _ENTITY.finditer(line):
            a, b = entity.span()
            changes = [
                (min(i1, a), max(i2, b), j1 - (i1 - min(i1, a)), j2 + (max(i2, b) - i2))
                if i1 <= b and i2 >= a
                else (i1, i2, j1, j2)
                for i1, i2, j1, j2 in changes
            ]
    merged = _merge(changes)
    if _replay(line, merged, fixed) != fixed:
        # Widened or merged changes that no longer spell ``fixed`` (two kinds of
        # damage side by side): one change over everything between the common
        # start and end, so that no character is lost and cleaning stays idempotent.
        merged = [_whole_change(line, fixed)]
    for i1, i2, j1, j2 in merged:
        rule = _classify(line[i1:i2], steps, at_start=offset + i1 == 0)
        yield Repair(rule, offset + i1, offset + i2, fixed[j1:j2], steps)


def _replay(line: str, changes: list[tuple[int, int, int, int]], fixed: str) -> str:
    """``line`` with each change's span replaced by its part of ``fixed``."""
    pieces, pos = [], 0
    for i1, i2, j1, j2 in changes:
        if i1 < pos:
            return ""  # overlapping changes cannot be applied one after the other
        pieces += [line[pos:i1], fixed[j1:j2]]
        pos = i2
    return "".join(pieces) + line[pos:]


def _whole_change(line: str, fixed: str) -> tuple[int, int, int, int]:
    """The one change from the first character where the two differ to the last.

    >>> _whole_change("abXcd", "abYYcd")
    (2, 3, 2, 4)
    """
    start = 0
    while start < min(len(line), len(fixed)) and line[start] == fixed[start]:
        start += 1
    end = 0
    while end < min(len(line), len(fixed)) - start and line[-1 - end] == fixed[-1 - end]:
        end += 1
    return start, len(line) - end, start, len(fixed) - end


def _merge(changes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Merge changes whose ranges in the line overlap or touch."""
    merged: list[tuple[int, int, int, int]] = []
    for i1, i2, j1, j2 in sorted(changes):
        if merged and i1 <= merged[-1][1]:
            m1, m2, n1, n2 = merged[-1]
            merged[-1] = (m1, max(m2, i2), min(n1, j1), max(n2, j2))
        else:
            merged.append((i1, i2, j1, j2))
    return merged


def apply_repairs(text: str, repairs: list[Repair]) -> tuple[str, OffsetMap]:
    """Apply repairs (sorted, non-overlapping) and map cleaned offsets back."""
    if not repairs:
        return text, OffsetMap.identity()
    pieces: list[str] = []
    blocks: list[tuple[int, int, int]] = []
    pos = 0
    clean_pos = 0
    for repair in repairs:
        if repair.start > pos:
            blocks.append((clean_pos, pos, repair.start - pos))
            pieces.append(text[pos : repair.start])
            clean_pos += repair.start - pos
        pieces.append(repair.replacement)
        clean_pos += len(repair.replacement)
        pos = repair.end
    if pos < len(text):
        blocks.append((clean_pos, pos, len(text) - pos))
        pieces.append(text[pos:])
        clean_pos += len(text) - pos
    blocks.append((clean_pos, len(text), 0))  # so that ends map past a final change
    return "".join(pieces), OffsetMap(tuple(blocks))


_MESSAGES = {
    "encoding.bom": "byte-order mark at the start of the file",
    "encoding.html_entity": "HTML entity left in the text",
    "encoding.terminal_escape": "terminal escape sequence",
    "encoding.surrogate": "lone surrogate character",
    "encoding.c1_control": "C1 control character (Windows-1252 text read as Latin-1)",
    "encoding.control_character": "control or invisible character",
    "encoding.mojibake": "mojibake (text decoded with the wrong encoding)",
}


GROUP_SPAN = 500
"""A finding groups the repairs of one rule on one line that fit in this many characters."""


def group_repairs(text: str, repairs: list[Repair]) -> list[list[Repair]]:
    """Group sorted repairs into runs: same rule, same line, within :data:`GROUP_SPAN`.

    A mojibake line gets one finding, not one per accented character, and the
    groups never overlap, so applying them still rebuilds the cleaned text.

    >>> text = "Ã© Ã¨\\nÃ "
    >>> [[(r.start, r.end) for r in g] for g in group_repairs(text, list(find_repairs(text)))]
    [[(0, 2), (3, 5)], [(6, 7)]]
    """
    groups: list[list[Repair]] = []
    line_end = -1
    for repair in repairs:
        current = groups[-1] if groups else None
        if (
            current is None
            or repair.start > line_end
            or repair.rule != current[0].rule
            or repair.end - current[0].start > GROUP_SPAN
        ):
            groups.append([repair])
            if repair.start > line_end:
                found = text.find("\n", repair.start)
                line_end = len(text) if found < 0 else found
        else:
            current.append(repair)
    return groups


def clean_document(doc: Document) -> list[Finding]:
    """Clean ``doc`` in place (sets ``text`` and ``offsets``); return its repairs as findings.

    One finding per run of repairs (see :func:`group_repairs`), with the number
    of repairs and the first changes as evidence.
    """
    repairs = list(find_repairs(doc.original))
    doc.text, doc.offsets = apply_repairs(doc.original, repairs)
    findings = []
    for group in group_repairs(doc.original, repairs):
        first = group[0]
        start, end = first.start, group[-1].end
        before = doc.original[start:end]
        pieces = []
        pos = start
        for r in group:
            pieces.append(doc.original[pos : r.start])
            pieces.append(r.replacement)
            pos = r.end
        after = "".join(pieces) + doc.original[pos:end]
        severity = Severity.WARNING if first.rule == "encoding.bom" else Severity.ERROR
        if len(group) == 1:
            message = f"{_MESSAGES[first.rule]}: {before!r} → {after!r}"
        else:
            shown = doc.original[first.start : first.end]
            message = (
                f"{_MESSAGES[first.rule]}: {len(group)} repairs on this line, "
                f"first {shown!r} → {first.replacement!r}"
            )
        # ftfy explains a whole line, so every repair of a group has the same steps.
        evidence: dict[str, object] = {"ftfy_steps": list(first.steps), "original": before}
        if len(group) > 1:
            evidence["repairs"] = len(group)
            evidence["changes"] = [
                [doc.original[r.start : r.end], r.replacement] for r in group[:20]
            ]
        findings.append(
            doc.finding(
                first.rule,
                severity,
                message,
                start,
                end,
                original_span=True,
                replacement=after,
                fixed=True,
                evidence=evidence,
            )
        )
    return findings
