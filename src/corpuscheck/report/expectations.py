"""The report's Great Expectations section: each suite's expectations and the rows that failed.

Read from the validation results as Great Expectations wrote them (kept in
the package as ``expectations/<suite>.result.json``, see
:mod:`corpuscheck.publish.validations`): one line per expectation with its
outcome, and for a failed one the documents it failed on, each linked to its
card in the report when the report shows that document.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from corpuscheck.report.context import anchor

_SHOWN_KWARGS = ("column", "column_A", "column_B", "value_set", "min_value", "max_value")


@dataclass(frozen=True, slots=True)
class RowLink:
    """A document an expectation failed on: its id and, when it has a card, the card's anchor."""

    id: str
    anchor: str | None


@dataclass(frozen=True, slots=True)
class ExpectationView:
    type: str
    arguments: str
    severity: str
    success: bool
    observed: str
    rows: tuple[RowLink, ...]
    unexpected: int


@dataclass(frozen=True, slots=True)
class SuiteView:
    name: str
    result_file: str
    evaluated: int
    failed: int
    expectations: tuple[ExpectationView, ...]


def _arguments(kwargs: Mapping[str, Any]) -> str:
    shown = [f"{k}={kwargs[k]!r}" for k in _SHOWN_KWARGS if k in kwargs]
    return ", ".join(shown)


def suite_views(
    validations: Mapping[str, tuple[str, Mapping[str, Any]]], with_cards: Collection[str]
) -> tuple[SuiteView, ...]:
    """One view per suite, from ``{suite: (result file, validation result JSON)}``.

    ``with_cards`` are the ids of the documents the report has a card for.

    >>> result = {"statistics": {"evaluated_expectations": 1, "unsuccessful_expectations": 1},
    ...     "results": [{"success": False, "expectation_config": {"type": "expect_column_values_"
    ...     "to_not_be_null", "kwargs": {"column": "language"}, "severity": "warning"},
    ...     "result": {"unexpected_count": 2, "unexpected_index_list": [{"id": "a"}, {"id": "b"}]}}]}
    >>> (view,) = suite_views({"documents": ("expectations/documents.result.json", result)}, {"a"})
    >>> view.expectations[0].rows
    (RowLink(id='a', anchor='doc-a'), RowLink(id='b', anchor=None))
    """
    views = []
    for name, (file, validation) in sorted(validations.items()):
        statistics = validation.get("statistics") or {}
        expectations = []
        for item in validation.get("results") or []:
            config = item.get("expectation_config") or {}
            outcome = item.get("result") or {}
            ids = [
                str(row.get("id"))
                for row in outcome.get("unexpected_index_list") or []
                if isinstance(row, Mapping)
            ]
            observed = outcome.get("observed_value")
            expectations.append(
                ExpectationView(
                    type=str(config.get("type", "")),
                    arguments=_arguments(config.get("kwargs") or {}),
                    severity=str(config.get("severity") or "critical"),
                    success=bool(item.get("success")),
                    observed="" if observed is None else repr(observed),
                    rows=tuple(RowLink(i, anchor(i) if i in with_cards else None) for i in ids),
                    unexpected=int(outcome.get("unexpected_count") or len(ids)),
                )
            )
        views.append(
            SuiteView(
                name=name,
                result_file=file,
                evaluated=int(statistics.get("evaluated_expectations") or len(expectations)),
                failed=int(
                    statistics.get("unsuccessful_expectations")
                    or sum(not e.success for e in expectations)
                ),
                expectations=tuple(expectations),
            )
        )
    return tuple(views)
