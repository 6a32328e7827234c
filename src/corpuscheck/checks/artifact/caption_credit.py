"""Photo captions and agency or photographer credits left in the body text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.structure.layout import Span, is_nfc, lines
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

AGENCIES = (
    "AFP", "AP", "AP Photo", "Associated Press", "Reuters", "Thomson Reuters", "EPA", "EPA-EFE",
    "EFE", "Getty", "Getty Images", "Sipa", "Sipa Press", "Sipa USA", "Maxppp", "Hans Lucas",
    "Abaca", "Abacapress", "dpa", "picture alliance", "Xinhua", "Bloomberg", "Anadolu",
    "Anadolu Agency", "NurPhoto", "Belga", "Keystone", "ANSA", "Shutterstock", "iStock",
    "iStockphoto", "Alamy", "Zuma", "Zuma Press", "ZUMA Wire", "SOPA Images", "LightRocket",
    "Pool", "TASS", "RIA Novosti", "Sputnik", "UPI", "PA", "PA Images", "PA Wire", "Kyodo",
    "Yonhap", "WENN", "Wikimedia Commons", "Wikimedia", "Unsplash", "Pixabay", "Flickr",
    "Leemage", "Bridgeman", "Gamma", "Gamma-Rapho", "Rapho", "Magnum", "Magnum Photos",
    "Divergence", "Photononstop", "Andia", "Hemis", "Biosphoto", "Panoramic", "Icon Sport",
    "DPPI", "Presse Sports", "Best Image", "Bestimage", "ABACA", "MAXPPP", "SIPA", "DR",
    "Imago", "Imago Images", "ANP", "TT", "NTB", "PAP", "CTK", "MTI", "BTA", "Ukrinform",
    "Unian", "SPA", "WAFA", "MAP", "APS", "TAP", "Lusa", "Agencia Brasil", "Telam", "Kyodo News",
)  # fmt: skip
"""Press and photo agencies whose name alone on a line is a credit."""

AMBIGUOUS = frozenset(
    {"AP", "PA", "DR", "TT", "MAP", "SPA", "TAP", "APS", "NTB", "PAP", "CTK", "MTI", "BTA", "ANP",
     "Pool", "Gamma", "Zuma", "Getty", "Magnum", "Divergence", "Panoramic", "Unian", "WAFA"}
)  # fmt: skip
"""Agency names that are also ordinary words or acronyms: a credit only with a slash or alone."""


def _alternatives(names: list[str]) -> str:
    return "|".join(re.escape(a) for a in sorted(names, key=len, reverse=True))


# Distinctive names in any case (REUTERS, Reuters); ambiguous ones only as written.
_AGENCY = re.compile(
    r"(?<![\w-])(?:(?i:"
    + _alternatives([a for a in AGENCIES if a not in AMBIGUOUS])
    + r")|"
    + _alternatives([a for a in AGENCIES if a in AMBIGUOUS])
    + r")(?![\w-])"
)
# A credit in brackets at the end of a caption: "… le 12 mars. (Photo by X / AFP)".
_BRACKETED = (
    r"[(\[]\s*(?:photos?|cr[ée]dits?|credit|image|illustration|©)\b[^()\[\]]{0,80}[)\]]\s*$"
)
# or a bare copyright at the end of a caption: "… mardi. © Getty Images"
_BARE = r"(?<=[.!?…)\s])©\s*[^\W\d][^()\[\]©.!?]{0,60}$"
_TRAILING_CREDIT = re.compile(f"{_BRACKETED}|{_BARE}", re.I)
_BRACKETED_CREDIT = re.compile(_BRACKETED, re.I)
_BARE_CREDIT = re.compile(_BARE, re.I)
_CREDIT_LEAD = re.compile(
    r"^\(?\s*(?:©|\(c\)|copyright\b|cr[ée]dits?(?:\s+photos?)?\s*:|photos?\s*(?:[:©]|d['’]illustration)"
    r"|illustrations?\s*:|images?\s*:|photographies?\s*:|source\s+photo\s*:|photo\s+credit\s*:"
    r"|photograph(?:ie)?\s*:|capture d['’][ée]cran\b|infographie\s*:|vid[ée]o\s*:?\s*capture)",
    re.I,
)
_CAPTION_LEAD = re.compile(
    r"^(?:sur (?:cette|la|notre) (?:photo|image|illustration|vidéo)|(?:cette|une|la) (?:photo|image)"
    r"(?: \w+)? (?:montre|représente|prise)|(?:photo|image) (?:prise|d['’]archives?|d['’]illustration)"
    r"|ci-dessus|en (?:photo|image)\s*:|légende\s*:|on (?:voit|aperçoit) (?:ici|sur))",
    re.I,
)
_DATE = re.compile(
    r"\b(?:le |du |\d{1,2}(?:er)? )(?:\d{1,2}(?:er)? )?(?:janvier|février|mars|avril|mai|juin|juillet|"
    r"août|septembre|octobre|novembre|décembre)(?: \d{4})?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.I,
)
_CONNECTORS = {"/", "via", "pour", "for", "par", "by", "de", "-", "–", "—", "|", "et", "and", "&"}
_CREDIT_WORDS = {"photo", "photos", "crédit", "crédits", "credit", "image", "images", "©", "(c)"}

MAX_CREDIT_WORDS = 10
MAX_CAPTION_WORDS = 60


_WORD = re.compile(r"[^\s/|]+|/|\|")
_ACRONYM_END = re.compile(r"\b[A-Z]{2,}\.$")
_CAPITAL_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _acronym_end(text: str) -> bool:
    """``_ACRONYM_END.search(text)`` for a text that ends with a full stop, searched only from
    the run of capitals before it: a match of capitals ending there starts with the run (no
    word boundary inside it), where the pattern searched from the line's start was tried at
    each of its positions (most lines ending so are sentences).

    >>> _acronym_end("Photo AFP."), _acronym_end("PhotoAFP."), _acronym_end("Un mot.")
    (True, False, False)
    """
    run_start = len(text[:-1].rstrip(_CAPITAL_LETTERS))
    return _ACRONYM_END.search(text, run_start) is not None


# "Firstname Lastname / XYZ": a name, a spaced slash, an agency the list does not know.
_NAME_SLASH_AGENCY = re.compile(
    r"(?:[A-ZÀ-Þ][\w'’.-]+\s+){1,3}[A-ZÀ-Þ][\w'’.-]+\s+/\s+[A-Z][A-Za-z.-]*(?:\s+[A-Z][\w.-]*){0,3}"
)


def _words(line: str) -> list[str]:
    """``_WORD.findall(line)``: the runs of characters other than white space, ``/`` and ``|``,
    and each ``/`` and ``|``, found by splitting at white space once each of those two stands
    between spaces (the pattern tried at each character cost several times more).

    >>> _words("Jean Dupont/AFP | Reuters")
    ['Jean', 'Dupont', '/', 'AFP', '|', 'Reuters']
    """
    return line.replace("/", " / ").replace("|", " | ").split()


_PARTICLES = frozenset(
    {"de", "du", "des", "van", "von", "der", "da", "di", "le", "la", "al", "el", "bin", "ibn"}
)
_NAME_WORDS = frozenset(_CONNECTORS | _CREDIT_WORDS | _PARTICLES)
"""Lower-case words that may stand in a credit's name: connectors, credit words, particles."""

_AGENCY_LENGTHS = range(min(map(len, AGENCIES)), max(map(len, AGENCIES)) + 1)
"""How long a text :data:`_AGENCY` matches whole may be: as long as a name it lists (case is
ignored character by character, so a match is as long as the name)."""


def _is_agency(text: str) -> bool:
    """``bool(_AGENCY.fullmatch(text))``, not tried on a text no agency's name is as long as.

    An ASCII text is looked up instead: the names are ASCII, and an ASCII
    character is one of their letters, case ignored, when its lower case is.
    Another text is no name unless it holds one of the four characters that
    are an ASCII letter to the pattern, case ignored (:data:`_LOOKALIKES`). The
    pattern tries each name in turn, and most words it is asked about
    (*uniquement*, *entrées*) are no name.

    >>> _is_agency("REUTERS"), _is_agency("Reuters a dit"), _is_agency("pa"), _is_agency("PA")
    (True, False, False, True)
    """
    if len(text) not in _AGENCY_LENGTHS:
        return False
    if text.isascii():
        return text in AMBIGUOUS or text.lower() in _DISTINCTIVE_AGENCIES
    if not any(lookalike in text for lookalike in _LOOKALIKES):
        return False
    return _AGENCY.fullmatch(text) is not None


_DISTINCTIVE_AGENCIES = frozenset(a.lower() for a in AGENCIES if a not in AMBIGUOUS)
"""The names :data:`_AGENCY` matches in any case, lower-cased."""

_LOOKALIKES = "İıſ\u212a"
"""The characters beyond ASCII that a regular expression ignoring case takes for an ASCII
letter: İ and ı for i, ſ for s, the Kelvin sign for k."""


def _name_like(word: str) -> bool:
    """A capitalised word, an initial, an acronym, a particle of a name or a symbol."""
    word = word.strip("()[],;:«»\"“”'’.")
    if not word:
        return True
    first = word[0]
    return first.isupper() or not first.isalpha() or word.lower() in _NAME_WORDS or _is_agency(word)


def is_credit(line: str, *, nfc: bool = False) -> str | None:
    """Why ``line`` is a photo or agency credit, or None when it is not one.

    ``nfc`` says that the line is in NFC already (a line of a text in NFC),
    so that it is not normalised again.

    >>> [is_credit(s) for s in ("AP", "Sofiia Gatilova / Reuters", "Photo : Jean Dupont")]
    ['agency', 'name and agency', 'credit keyword']
    >>> is_credit("Reuters a rapporté la nouvelle lundi.") is None
    True
    """
    text = (line if nfc else unicodedata.normalize("NFC", line)).strip()
    if len(text) > 100:
        return None  # before cutting the words: most lines are whole paragraphs
    if (
        text.endswith((".", "!", "?", "…", ":", ",", ";"))
        and not (text.endswith(".") and _acronym_end(text))
        and not _CREDIT_LEAD.match(text)
    ):
        # A sentence, not a credit (credits end with the name of the agency): told before
        # cutting the words, as many short lines of a manual are.
        return None
    words = _words(text)
    if not words or len(words) > MAX_CREDIT_WORDS:
        return None
    bare = text.strip("()[] ")
    if _is_agency(bare):
        return "agency"
    if _CREDIT_LEAD.match(text):
        return "credit keyword"
    # Names first: most short lines have a lower-case word, and then the agencies
    # need not be looked for (a pattern tried at every position of the line).
    if all(_name_like(w) for w in words):
        agencies = [m.group() for m in _AGENCY.finditer(text)]
        linked = any(w.lower() in {"/", "via", "pour", "for", "©", "|"} for w in words)
        distinctive = any(a not in AMBIGUOUS for a in agencies)
        if agencies and (linked or distinctive):
            return "name and agency"
    if "/" in text and _NAME_SLASH_AGENCY.fullmatch(text):
        return "name and agency"
    return None


def is_caption(line: str, *, before_credit: bool) -> str | None:
    """Why ``line`` is a photo caption, or None.

    A line is a caption when it says so ("Sur cette photo…", "Photo prise le…"),
    or when it stands just before a credit line as one short sentence or two.
    """
    text = line.strip()
    if not before_credit and not _CAPTION_LEAD.match(text):
        return None  # before splitting: most lines are no caption, and few stand before a credit
    # One piece more than a caption may have words is enough to tell it is too long.
    words = text.split(None, MAX_CAPTION_WORDS)
    if not words or len(words) > MAX_CAPTION_WORDS:
        return None
    if _CAPTION_LEAD.match(text):
        return "caption wording"
    if before_credit and len(words) >= 3 and text[0].isupper():
        if _DATE.search(text):
            return "dated line before a credit"
        if len(words) <= 25 and re.search(r"\b(?:à|au|aux|en|près de|dans) [A-ZÀ-Þ]\w", text):
            return "line naming a place before a credit"
    return None


@document_check("artifact.caption_credit")
def caption_credit(doc: Document, config: Config) -> Iterator[Finding]:
    """Photo captions and credit lines ("AFP", "Jean Dupont / Reuters", "Photo : …") in the body.

    Articles taken from news sites keep the caption of each photo and its
    credit as lines of the text: "Un soldat … le 16 mai 2025." followed by
    "Sofiia Gatilova / Reuters". A credit is a short line that is an agency
    name, a name with an agency, or starts with "Photo :", "©", "Crédit :"…;
    a caption is the line just before a credit, or a line worded as one
    ("Sur cette photo…"). Each caption and credit pair is one finding.

    >>> from corpuscheck.model import Document
    >>> text = "Le texte.\\nDes soldats près de Kharkiv, le 3 mai 2024.\\nJane Roe / AFP\\nSuite."
    >>> [text[f.start:f.end] for f in caption_credit(Document("d", "d.txt", text, text), Config())]
    ['Des soldats près de Kharkiv, le 3 mai 2024.\\nJane Roe / AFP']
    """
    content = [line for line in lines(doc.text) if line.text.strip()]
    # Each line of a text in NFC is in NFC: one question for the text, none per line.
    nfc = is_nfc(doc.text)
    used: set[int] = set()
    for i, line in enumerate(content):
        credit = is_credit(line.text, nfc=nfc)
        if credit is None:
            continue
        start, evidence = line, {"credit": line.text.strip(), "why": credit}
        if i > 0 and i - 1 not in used:
            caption = is_caption(content[i - 1].text, before_credit=True)
            if caption is not None:
                start = content[i - 1]
                used.add(i - 1)
                evidence.update(caption=start.text.strip(), caption_why=caption)
        used.add(i)
        yield _finding(doc, start, line, evidence)
    for i, line in enumerate(content):
        if i in used:
            continue
        caption = is_caption(line.text, before_credit=False)
        trailing = _trailing_credit(line.text)
        if trailing and len(line.words) <= MAX_CAPTION_WORDS:
            evidence = {
                "caption": line.text[: trailing.start()].strip(),
                "credit": trailing.group(),
            }
            yield _finding(doc, line, line, {**evidence, "why": "credit in brackets"})
        elif caption is not None:
            yield _finding(doc, line, line, {"caption": line.text.strip(), "caption_why": caption})


def _trailing_credit(line: str) -> re.Match[str] | None:
    """``_TRAILING_CREDIT.search(line)``, each branch run only on lines holding what it needs.

    The bracketed credit needs a bracket, the bare one a ©. Run apart, the
    bracketed branch opens with a bracket, which the regular-expression
    engine finds in one quick scan; the whole pattern, whose other branch
    opens with a look-behind, is tried at every position. Of the two
    matches the leftmost is the pattern's (the first branch's on a tie).
    """
    bracketed = _BRACKETED_CREDIT.search(line) if "(" in line or "[" in line else None
    bare = _BARE_CREDIT.search(line) if "©" in line else None
    if bracketed is None or (bare is not None and bare.start() < bracketed.start()):
        return bare
    return bracketed


def _finding(doc: Document, first: Span, last: Span, evidence: dict[str, str]) -> Finding:
    what = " and ".join(k for k in ("caption", "credit") if k in evidence)
    shown = evidence.get("credit") or evidence.get("caption", "")
    return doc.finding(
        "artifact.caption_credit",
        Severity.WARNING,
        f"photo {what} left in the text: {shown[:60]!r}",
        first.start,
        last.end,
        evidence=evidence,
    )
