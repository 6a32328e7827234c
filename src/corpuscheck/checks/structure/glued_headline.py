"""A headline glued to the body: "…par téléphoneAprès une réunion…"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.structure.layout import lines
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

LOWER = "a-zà-öø-ÿœæ"
UPPER = "A-ZÀ-ÖØ-ÞŒÆ"

# A lower-case word running straight into a capitalised one: "téléphoneAprès".
# The lower-case part has three letters or more, so iPhone, eBay or macOS
# (and the camel case of product names, which starts with a capital) pass.
_GLUED = re.compile(rf"(?<![\w@/.\\-])([{LOWER}]{{3,}})([{UPPER}][{LOWER}]{{2,}})(?![\w@/])")

# A sentence running into the next one without a space: "immédiatement.Le".
_NO_SPACE = re.compile(
    rf"(?<![\w@/.\\-])([{LOWER}]{{3,}}[.!?])([{UPPER}][{LOWER}]{{1,}})(?![\w@/.])"
)

STARTERS = [
    "Le", "La", "Les", "L'", "L’", "Un", "Une", "Des", "Du", "Il", "Elle", "Ils", "Elles", "On",
    "Nous", "Vous", "Je", "Ce", "Cet", "Cette", "Ces", "Cela", "Ceci", "Après", "Avant",
    "Selon", "Depuis", "Pendant", "Lors", "Dans", "Pour", "Par", "Sur", "Avec", "Sans", "Si",
    "Quand", "Lorsque", "Alors", "Mais", "Et", "Or", "Pourtant", "Cependant", "Toutefois",
    "Ainsi", "En", "Au", "Aux", "À", "Quelques", "Plusieurs", "Tous", "Toutes", "Chaque",
    "Certains", "Certaines", "Aucun", "Aucune", "Son", "Sa", "Ses", "Leur", "Leurs", "Notre",
    "Nos", "Votre", "Vos", "Comme", "Voici", "Malgré", "Face", "Outre", "Enfin", "Désormais",
    "D'après", "D’après", "Jusqu'à", "Jusqu’à", "Lundi", "Mardi", "Mercredi", "Jeudi",
    "Vendredi", "Samedi", "Dimanche", "Hier", "Aujourd'hui", "Aujourd’hui", "Demain", "Ici",
    "Puis", "Ensuite", "Pourquoi", "Comment", "Quel", "Quelle", "Quels", "Quelles", "Qui",
    "Que", "Où", "Parmi", "Entre", "Vers", "Contre", "Sous", "Chez", "Grâce", "Afin", "Tout",
    "Rien", "Peu", "Beaucoup", "Non", "Oui", "Pas", "Ne", "Ça", "Car", "Donc", "Celui", "Celle",
    "Ceux", "Celles", "C'", "C’", "J'", "J’", "N'", "N’", "Qu'", "Qu’", "S'", "S’", "Lorsqu'",
    "Lorsqu’", "Puisqu'", "Puisqu’", "D'", "D’"
]  # fmt: skip
"""French words that start a sentence: after a lower-case word, with no punctuation, they start a new one."""

_NAMED_STARTER = "|".join(re.escape(w) for w in STARTERS if w[-1] not in "'’" and len(w) > 1)
# A capitalised word running into a word that starts sentences: "GazaAprès".
# (Not into any capital: LibreOffice or PowerPoint are names.)
_GLUED_NAME = re.compile(
    rf"(?<![\w@/.\\-])([{UPPER}][{LOWER}]{{2,}})({_NAMED_STARTER})(?=\s+[{LOWER}])(?![\w@/])"
)
_STARTER = "|".join(
    re.escape(w) + ("" if w[-1] in "'’" else r"\s+")
    for w in sorted(STARTERS, key=len, reverse=True)
)
# A title line without punctuation, then a sentence starting with one of the
# starters followed by a lower-case word (so "La Haye" or "Le Monde" pass).
_STARTER_FIRSTS = "".join(sorted({w[0] for w in STARTERS}))
# The look-aheads for a starter's first letter (here and in _BODY_START) change no match, as
# every starter opens with one of them: where a lower-case letter follows the space, the
# usual case, they fail at once instead of trying the 150 starters one after the other.
_TITLE_THEN_BODY = re.compile(
    r"^(?P<title>(?:[^\s.!?:;«»\"“”]+ ){2,}[^.!?:;«»\"“”]{0,150}?(?:[^\W_]|\))) "
    rf"(?P<body>(?=[{_STARTER_FIRSTS}])(?:{_STARTER})[{LOWER}][{LOWER}'’-]*\b)"
)

# Whatever _TITLE_THEN_BODY matches holds none of these marks (the title
# excludes them, the starters and the word after them have none), so it lies
# before the first one; and its body starts with a space, a starter and a
# lower-case letter. Lines with no such start before their first mark are
# not tried: the pattern's backtracking over every split of a long line
# between title and body was most of this check's time.
_MARKS = '.!?:;«»"“”'
_BODY_START = re.compile(rf" (?=[{_STARTER_FIRSTS}])(?:{_STARTER})[{LOWER}]")

_CAN_START_BODY = re.compile(rf"(?:[^\s{_MARKS}]+ ){{2}}[^{_MARKS}]+{_BODY_START.pattern}")
"""Whether a line may match :data:`_TITLE_THEN_BODY`: two words, each followed by one space,
then a body start before the line's first mark, one character at least after the two words.

Every title opens with two such words, then has one character more at least (a letter,
a digit or a bracket) before the space that precedes the body, so the body starts no
sooner. Searched only from there, a starter that opens a heading (*note À la place…*)
sends no line to the pattern, whose backtracking over every way of cutting the title fails
slowly (40 ms on one such line). One match reads the line once up to its first mark, where
a search for the words, one for the mark and one for the body start read it three times.
"""


def title_then_body(line: str) -> re.Match[str] | None:
    """``_TITLE_THEN_BODY.match(line)``, without trying lines it cannot match.

    >>> title_then_body("Pas de cessez-le-feu Après une réunion à Istanbul").group("body")
    'Après une'
    >>> title_then_body("Le chat dort. Le chien aussi.") is None
    True
    """
    if _CAN_START_BODY.match(line) is None:
        return None
    return _TITLE_THEN_BODY.match(line)


# Every match of the three patterns above holds a capital (or a starter's first letter)
# right after a lower-case letter or after . ! ?, and no white space. Such a turn is found
# by a pattern that opens with the capital, which the regular-expression engine looks for
# in one quick scan; the three patterns, which open with a look-behind and so are tried at
# every position of a text, then run only around the turns.
_CAPITALS = UPPER + "".join(sorted({w[0] for w in STARTERS} - set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
_TURN = re.compile(rf"[{_CAPITALS}](?<=[{LOWER}.!?].)")
# Œ is the only capital past the first 256 characters: without it, the engine tests each
# character against a table of 256 bits instead of one of the whole plane. Where a text
# has no Œ, no turn can be one, so this pattern finds what _TURN finds.
_TURN_WITHOUT_OE = re.compile(rf"[{_CAPITALS.replace('Œ', '')}](?<=[{LOWER}.!?].)")
_TO_NEXT_WORD = re.compile(r"\S*\s*")

_LATIN_TURN_MARKS = bytes(
    ord("u")
    if re.fullmatch(f"[{_CAPITALS}]", chr(code))
    else ord("l")
    if re.fullmatch(f"[{LOWER}.!?]", chr(code))
    else ord(" ")
    for code in range(256)
)
"""Each Latin-1 character marked ``u`` when it is a capital of :data:`_TURN`, ``l`` when a
turn may follow it (a lower-case letter, . ! ?), else a space."""


def _turns(text: str) -> list[int]:
    """Where :data:`_TURN` matches in ``text``, in order: each capital after a lower-case
    letter or . ! ?.

    A text whose characters all fit in one byte (Latin-1: much French prose)
    is marked through a table of its 256 bytes (:data:`_LATIN_TURN_MARKS`),
    where each turn is a ``lu`` that ``bytes.find`` jumps to; the pattern's
    set of capitals is tried at every character of the text.

    >>> _turns("par téléphoneAprès une fin.Le soir, LibreOffice"), _turns("l’étéAprès")
    ([13, 27, 41], [5])
    """
    try:
        latin = text.encode("latin-1")
    except UnicodeEncodeError:
        turns = _TURN if "Œ" in text else _TURN_WITHOUT_OE
        return [turn.start() for turn in turns.finditer(text)]
    marked = latin.translate(_LATIN_TURN_MARKS)
    found = []
    at = marked.find(b"lu")
    while at >= 0:
        found.append(at + 1)
        at = marked.find(b"lu", at + 2)  # the capital after it cannot open one
    return found


def _turn_windows(text: str) -> list[tuple[int, int]]:
    """Where the three patterns may match: each run of non-space characters holding a turn.

    A window ends one character into the next run, so that the patterns'
    look-aheads (over the spaces after a word, and one character more) see
    what they would see in the whole text; their look-behinds see before
    the window anyway.
    """
    windows: list[tuple[int, int]] = []
    covered = 0
    for at in _turns(text):
        if at < covered:
            continue  # in the run of the turn before
        start = at
        while start > covered and not text[start - 1].isspace():
            start -= 1
        after = _TO_NEXT_WORD.match(text, at)
        assert after is not None  # \S*\s* matches anywhere
        word_end = at + len(after.group().rstrip())
        windows.append((start, min(len(text), after.end() + 1)))
        covered = word_end
    return windows


MIN_BODY_WORDS = 6

_LEADING_WORDS = (
    "de du des d' d’ le la les l' l’ un une à au aux en et ou que qui dont pour par sur dans "
    "avec sans sous vers chez entre comme est sont était fut intitulé intitulée intitulés "
    "appelé appelée nommé nommée baptisé baptisée selon contre depuis pendant lire voir"
)
LEADING = frozenset(_LEADING_WORDS.split())
"""Words after which a capitalised word starts a title or a name, not a new sentence."""


@document_check("structure.glued_headline")
def glued_headline(doc: Document, config: Config) -> Iterator[Finding]:
    """A headline glued to the body: "…par téléphoneAprès une réunion", or title and text on one line.

    When a page's title and its first paragraph are extracted without the
    break between them, the last word of the title runs into the first of
    the text ("téléphoneAprès"), or the title is followed on the same line
    by the first sentence ("Pas de cessez-le-feu Après une réunion…").
    Reported: a lower-case word running straight into a capitalised word
    anywhere in the text (also after a full stop with no space:
    "immédiatement.Le"); the title declared in metadata.csv followed by
    more text on the first line; and at the start of a paragraph, a run of
    words without punctuation followed by a capitalised word that starts
    sentences (Après, Le, Selon…) and a lower-case word. A heading on its
    own line is not glued, nor is "La Haye" or "Le Monde" after a word.

    >>> from corpuscheck.model import Document
    >>> text = "Pas de cessez-le-feu par téléphoneAprès une réunion à Istanbul, ils parlent."
    >>> [text[f.start:f.end] for f in glued_headline(Document("d", "d.txt", text, text), Config())]
    ['téléphoneAprès']
    """
    text = doc.text
    reported: list[tuple[int, int]] = []
    windows = _turn_windows(text)
    for pattern, kind in (
        (_GLUED, "words run together"),
        (_GLUED_NAME, "words run together"),
        (_NO_SPACE, "no space after a full stop"),
    ):
        for match in (m for start, end in windows for m in pattern.finditer(text, start, end)):
            yield doc.finding(
                "structure.glued_headline",
                Severity.WARNING,
                f"{kind}: {match.group()!r} (a heading or sentence glued to the next)",
                match.start(),
                match.end(),
                evidence={"kind": kind, "left": match.group(1), "right": match.group(2)},
            )
            reported.append(match.span())
    content = [line for line in lines(text) if line.text.strip()]
    if not content:
        return
    title = unicodedata.normalize("NFC", doc.metadata.get("title", "")).strip()
    first = content[0]
    first_text = unicodedata.normalize("NFC", first.text)
    if (
        len(title) >= 10
        and first_text.startswith(title)
        and len(first_text[len(title) :].split()) >= MIN_BODY_WORDS
        and not re.match(r"\s*[.!?:;|\-–—]", first_text[len(title) :])
    ):
        at = first.start + len(title)
        if not any(a <= at <= b for a, b in reported):
            yield doc.finding(
                "structure.glued_headline",
                Severity.WARNING,
                f"the title {title!r} runs on into the text on the same line",
                first.start,
                min(first.end, at + 30),
                evidence={"kind": "title from metadata.csv", "title": title},
            )
            reported.append((first.start, first.end))
    for line in content:
        glued = title_then_body(line.text)
        if glued is None or len(line.text[glued.start("body") :].split()) < MIN_BODY_WORDS:
            continue
        if glued.group("title").split()[-1].lower() in LEADING:
            continue  # "décrite dans Le coin des…": the title of a work, not a new sentence
        at = line.start + glued.start("body")
        if any(a <= at <= b for a, b in reported):
            continue
        yield doc.finding(
            "structure.glued_headline",
            Severity.WARNING,
            f"a line without punctuation runs into a sentence: {glued.group('title')[-30:]!r} "
            f"then {glued.group('body')!r}",
            line.start,
            at + len(glued.group("body")),
            evidence={
                "kind": "heading run into a sentence",
                "heading": glued.group("title"),
                "sentence_start": glued.group("body"),
            },
        )
