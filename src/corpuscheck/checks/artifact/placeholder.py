"""Placeholder tokens that a translation or processing pipeline left in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpuscheck.checks.registry import document_check
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

# The XNUMX family: machine-translation systems replace numbers by a token
# such as XNUMX before translating and sometimes fail to put them back
# ("1000 XNUMX personnes" for "1 000 000 personnes"). Variants seen in the
# wild: XNUMX, XNUMXX, XXNUMXX, XNUM, NUMX, X_NUM_X, __NUM__, @NUM@, <NUM>.
_PLACEHOLDER = re.compile(
    r"""
    (?<![\w])
    (?:
        X{1,2}_?NUM(?:BER)?_?X{0,2}          # XNUMX, XNUM, XXNUMXX, X_NUM_X, XNUMBERX
      | NUM_?X{1,2}                           # NUMX
      | __(?:NUM|NUMBER|DATE|URL|EMAIL|UNK)__ # __NUM__
      | @(?:NUM|NUMBER)@                      # @NUM@
      | <(?:NUM|NUMBER|unk|UNK)>              # <NUM>, <unk>
      | \[(?:UNK|NUM|NUMBER|MASK)\]           # [UNK]
    )
    (?![\w])
    """,
    re.VERBOSE,
)


NEEDS = ("NUM", "UNK", "unk", "MASK", "__")
"""What every placeholder holds one of: a text without any is not searched (the pattern opens
with a look-behind, which leaves the regular-expression engine no quick start)."""


@document_check("artifact.placeholder")
def placeholder(doc: Document, config: Config) -> Iterator[Finding]:
    """Placeholder tokens such as XNUMX that replaced numbers or words and were never restored.

    Machine-translation pipelines mask numbers with a token (XNUMX) and
    sometimes leave it in the output, losing the number: ``1000 XNUMX
    personnes`` stood for a million people. Also caught: ``XNUM``, ``__NUM__``,
    ``<unk>``, ``[UNK]`` and similar tokens.

    >>> from corpuscheck.model import Document
    >>> doc = Document("d", "d.txt", "1000 XNUMX personnes", "1000 XNUMX personnes")
    >>> [(f.start, f.end) for f in placeholder(doc, Config())]
    [(5, 10)]
    """
    if not any(s in doc.text for s in NEEDS):
        return
    for match in _PLACEHOLDER.finditer(doc.text):
        token = match.group()
        before = doc.text[max(0, match.start() - 20) : match.start()]
        number_before = re.search(r"\d[\d\s.,]*\s*$", before)
        evidence = {"token": token}
        if number_before:
            evidence["number_before"] = number_before.group().strip()
        yield doc.finding(
            "artifact.placeholder",
            Severity.ERROR,
            f"placeholder token {token!r} left in the text (a number or word was lost)",
            match.start(),
            match.end(),
            evidence=evidence,
        )
