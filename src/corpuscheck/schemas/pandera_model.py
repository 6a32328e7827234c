"""The pandera model of the documents table, derived from its table schema.

Nothing here restates ``documents.json``: every column, its type and its
constraints are read from :func:`corpuscheck.schemas.table_schema`, so a field
added to the schema is validated without touching this module. The model
validates the *raw* documents table (``documents_frame(rows, raw=True)``), in
which metadata is still the string that ``metadata.csv`` declared: a date is
checked as a string that must parse as a date, not as a date column.

How each part of a Frictionless field becomes pandera:

==========================  ==============================================
``type``                    the column's polars dtype (``date`` → String)
``constraints.required``    ``nullable=False``
``constraints.unique``      :func:`is_unique` (missing values ignored)
``constraints.pattern``     :func:`matches_pattern` (the whole value)
``constraints.enum``        ``Check.isin``
``constraints.minimum``     ``Check.ge`` (``maximum``: ``Check.le``, and
                            the exclusive variants ``gt`` / ``lt``)
``constraints.minLength``   ``Check.str_length`` (and ``maxLength``)
``format: uri``             :func:`is_uri`
``type: date``              :func:`is_date` (ISO 8601 unless ``format``
                            gives a ``%``-pattern)
==========================  ==============================================

A constraint or format this module does not know raises ``ValueError`` when
the model is built, so the schema cannot gain a rule that silently goes
unchecked. Missing values (null) pass every check but ``required``, as in
Frictionless.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlsplit

import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData

from corpuscheck.schemas import table_schema
from corpuscheck.tables import polars_schema

ISO_DATE_FORMAT = "%Y-%m-%d"
"""The Frictionless ``default`` format of a date: ISO 8601, ``2025-05-19``."""

_ISO_DATE_SHAPE = r"^\d{4}-\d{2}-\d{2}$"


# The checks. Each is a named function so that a failure names it: pandera
# reports the check's name in its failure cases, and the metadata checks turn
# that name into a rule.


def matches_pattern(data: PolarsData, pattern: str) -> pl.LazyFrame:
    """The whole value matches ``pattern`` (a Frictionless pattern is anchored at both ends)."""
    return data.lazyframe.select(pl.col(data.key).str.contains(f"^(?:{pattern})$"))


def is_date(data: PolarsData, format: str = ISO_DATE_FORMAT) -> pl.LazyFrame:
    """The value is a real calendar date written in ``format`` (``2025-13-45`` is not)."""
    value = pl.col(data.key)
    ok = value.str.to_date(format, strict=False).is_not_null()
    if format == ISO_DATE_FORMAT:
        # polars also reads "2025-1-5" or " 2025-01-05" with this format.
        ok = ok & value.str.contains(_ISO_DATE_SHAPE)
    return data.lazyframe.select(pl.when(value.is_not_null()).then(ok))


def is_unique(data: PolarsData) -> pl.LazyFrame:
    """No other row has the same value; missing values are not compared."""
    value = pl.col(data.key)
    return data.lazyframe.select(pl.when(value.is_not_null()).then(value.is_unique()))


def is_uri(value: str) -> bool:
    """An absolute URI with a scheme and a host, without spaces (``ftp:/x`` is not)."""
    if any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return bool(parts.scheme and parts.netloc)


def _date_format(field: dict[str, Any]) -> str:
    fmt = field.get("format", "default")
    if fmt == "default":
        return ISO_DATE_FORMAT
    if "%" in fmt:
        return str(fmt)
    raise ValueError(f"field {field['name']!r}: date format {fmt!r} is not supported")


def field_checks(field: dict[str, Any]) -> list[pa.Check]:
    """The pandera checks of one Frictionless field (``required`` aside: that is nullability)."""
    name = field["name"]
    checks: list[pa.Check] = []
    if field["type"] == "date":
        fmt = _date_format(field)
        what = "an ISO 8601 date (YYYY-MM-DD)" if fmt == ISO_DATE_FORMAT else f"a date ({fmt})"
        checks.append(pa.Check(is_date, format=fmt, name="is_date", error=f"must be {what}"))
    fmt = field.get("format", "default")
    if fmt == "uri":
        checks.append(
            pa.Check(is_uri, element_wise=True, name="is_uri", error="must be an absolute URI")
        )
    elif fmt != "default" and field["type"] != "date":
        raise ValueError(f"field {name!r}: format {fmt!r} is not supported")

    for key, value in field.get("constraints", {}).items():
        if key == "required":
            continue
        if key == "unique":
            if value:
                checks.append(pa.Check(is_unique, name="is_unique", error="must be unique"))
        elif key == "pattern":
            checks.append(
                pa.Check(
                    matches_pattern,
                    pattern=value,
                    name="matches_pattern",
                    error=f"must match the pattern {value}",
                )
            )
        elif key == "enum":
            checks.append(
                pa.Check.isin(value, error=f"must be one of {', '.join(map(str, value))}")
            )
        elif key == "minimum":
            checks.append(pa.Check.ge(value, error=f"must be at least {value}"))
        elif key == "maximum":
            checks.append(pa.Check.le(value, error=f"must be at most {value}"))
        elif key == "exclusiveMinimum":
            checks.append(pa.Check.gt(value, error=f"must be more than {value}"))
        elif key == "exclusiveMaximum":
            checks.append(pa.Check.lt(value, error=f"must be less than {value}"))
        elif key == "minLength":
            checks.append(
                pa.Check.str_length(min_value=value, error=f"must be at least {value} characters")
            )
        elif key == "maxLength":
            checks.append(
                pa.Check.str_length(max_value=value, error=f"must be at most {value} characters")
            )
        else:
            raise ValueError(f"field {name!r}: constraint {key!r} is not supported")
    return checks


def table_model(name: str) -> pa.DataFrameSchema:
    """A pandera model of raw table ``name``: one column per field of its table schema."""
    dtypes = polars_schema(name)
    columns = {}
    for field in table_schema(name)["fields"]:
        dtype = pl.String if field["type"] == "date" else dtypes[field["name"]]
        required = bool(field.get("constraints", {}).get("required", False))
        columns[field["name"]] = pa.Column(
            dtype,
            checks=field_checks(field),
            nullable=not required,
            title=field.get("title"),
            description=field.get("description"),
        )
    return pa.DataFrameSchema(columns, name=name, strict=True, ordered=True)


@cache
def documents_model() -> pa.DataFrameSchema:
    """The pandera model of the raw documents table (built once per process).

    >>> from corpuscheck.schemas import field_names
    >>> list(documents_model().columns) == field_names("documents")
    True
    >>> [c.name for c in documents_model().columns["published"].checks]
    ['is_date']
    """
    return table_model("documents")


__all__ = [
    "ISO_DATE_FORMAT",
    "documents_model",
    "field_checks",
    "is_date",
    "is_unique",
    "is_uri",
    "matches_pattern",
    "table_model",
]
