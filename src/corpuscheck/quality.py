"""Each document's quality score: a number from 0 to 1, so that the worst come first.

The score is computed from the document's findings alone::

    penalty = Σ over rules  min(RULE_CAP, Σ weight(severity) of the rule's findings)
    density = penalty / max(1, characters / 1000)
    score   = 1 / (1 + density)          (rounded to 4 decimals)

Errors weigh 1, warnings 0.3 and infos nothing, and the document verdict
``translation.garbled`` weighs 1 (it judges the whole text); one rule counts at most
``RULE_CAP`` (3), so that a document with 200 decomposed accents is not
judged 200 times worse than one with a single defect; and the penalty is
taken per 1,000 characters (at least one unit, so a short document is not
excused). A document without warnings or errors scores 1; one error in a
text of 1,000 characters scores 0.5. A document that could not be read, or
that is empty, scores 0: there is nothing usable in it. The score counts
every finding about the document, corpus-level ones (duplicates, metadata)
included.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from corpuscheck.model import Finding, Severity

WEIGHTS = {Severity.ERROR: 1.0, Severity.WARNING: 0.3, Severity.INFO: 0.0}
"""How much one finding of each severity costs."""

VERDICTS = {"translation.garbled": 1.0}
"""Rules that judge a whole document, and what they cost: a document that reads as
machine-translated costs as much as an error, whatever its span findings."""

RULE_CAP = 3.0
"""The most one rule can cost a document, however often it fires."""

UNIT_CHARS = 1000
"""The penalty is per this many characters of text."""

UNUSABLE = frozenset({"structure.empty", "structure.unreadable"})
"""Rules that leave nothing to use: the document scores 0."""


def quality_score(length: int, findings: Iterable[Finding]) -> float:
    """The quality score of a document of ``length`` characters with these ``findings``.

    >>> from corpuscheck.model import Finding, Severity
    >>> error = Finding("artifact.placeholder", Severity.ERROR, "XNUMX", doc_id="d")
    >>> warning = Finding("artifact.markup", Severity.WARNING, "<p>", doc_id="d")
    >>> quality_score(1000, []), quality_score(1000, [error]), quality_score(4000, [error])
    (1.0, 0.5, 0.8)
    >>> quality_score(2000, [warning] * 50)  # a rule costs at most 3
    0.4
    >>> quality_score(0, [Finding("structure.empty", Severity.ERROR, "empty", doc_id="d")])
    0.0
    """
    per_rule: dict[str, float] = defaultdict(float)
    for finding in findings:
        if finding.rule in UNUSABLE:
            return 0.0
        per_rule[finding.rule] += VERDICTS.get(finding.rule, WEIGHTS[finding.severity])
    penalty = sum(min(RULE_CAP, cost) for cost in per_rule.values())
    density = penalty / max(1.0, length / UNIT_CHARS)
    return round(1.0 / (1.0 + density), 4)
