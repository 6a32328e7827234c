"""Validate the documents table against its table schema, with pandera."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from corpuscheck.checks.registry import corpus_check
from corpuscheck.config import Config
from corpuscheck.model import Corpus, Finding, Severity
from corpuscheck.schemas import table_schema
from corpuscheck.tables import documents_frame

if TYPE_CHECKING:
    import pandera.polars as pa
    import polars as pl

LANGUAGE_FIELDS: tuple[str, ...] = ("language", "translated_from")
"""Columns holding a language code: besides the schema's pattern, the code must exist."""

# pandera's own names for the checks it runs besides a column's checks.
_MISSING, _DUPLICATE = "not_nullable", "is_unique"


def is_language_tag(value: str) -> bool:
    """A well-formed BCP 47 tag whose subtags are registered (``fr``, ``pt-BR``; not ``xx``).

    >>> [is_language_tag(v) for v in ("fr", "pt-BR", "xx", "english")]
    [True, True, False, False]
    """
    import langcodes

    return bool(langcodes.tag_is_valid(value))


@cache
def _model() -> pa.DataFrameSchema:
    """The documents model, with the language columns also checked against the registry."""
    import pandera.polars as pa

    from corpuscheck.schemas.pandera_model import documents_model

    model = documents_model()
    registered = pa.Check(
        is_language_tag,
        element_wise=True,
        name="is_language_tag",
        error="must be a registered language code (BCP 47, e.g. fr, en, pt-BR)",
    )
    for name in LANGUAGE_FIELDS:
        if name in model.columns:
            model = model.update_column(name, checks=[*model.columns[name].checks, registered])
    return model


def _missing_as_null(frame: pl.DataFrame, missing: list[str]) -> pl.DataFrame:
    """Read the schema's ``missingValues`` (``""``) as null, as Frictionless does."""
    import polars as pl

    strings = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).is_in(missing)).then(None).otherwise(pl.col(name)).alias(name)
        for name in strings
    )


def _rule(column: str | None, check: str, fields: dict[str, dict[str, Any]]) -> str:
    """The finding rule for a failed pandera check on ``column``."""
    if check == _MISSING:
        return "metadata.missing_value"
    if check == _DUPLICATE:
        return "metadata.duplicate_value"
    field = fields.get(column or "")
    if field is None:
        return "metadata.schema"
    if column in LANGUAGE_FIELDS:
        return "metadata.invalid_language_code"
    if field["type"] == "date":
        return "metadata.invalid_date"
    if field.get("format") == "uri":
        return "metadata.invalid_url"
    return "metadata.schema"


def _warm(config: Config) -> None:
    """Validate an empty documents table: pandera imports in about a second, and its
    first validation registers its polars backends, which import hypothesis (a
    quarter of a second more)."""
    for _ in metadata_schema(Corpus(".", []), config):
        pass
    is_language_tag("fr")  # langcodes' registry


@corpus_check(
    "metadata.schema",
    rules=[
        "metadata.invalid_date",
        "metadata.invalid_url",
        "metadata.invalid_language_code",
        "metadata.missing_value",
        "metadata.duplicate_value",
        "metadata.schema",
    ],
    warm=lambda corpus, config: _warm(config),
)
def metadata_schema(corpus: Corpus, config: Config) -> Iterator[Finding]:
    """A value of the documents table breaks its schema: a bad date, URL or language code.

    The documents table is validated with a pandera model derived from the
    published table schema (``documents.json``): types, required and unique
    values, patterns, ranges, dates that must exist (``2025-13-45`` does not)
    and URLs that must be absolute. Language codes must also be registered
    BCP 47 tags: ``fr``, ``en`` or ``pt-BR``, not ``xx`` or ``english``. Each
    value that fails is reported once on its document, naming every check it
    failed.

    >>> from corpuscheck.model import Document
    >>> doc = Document("d", "d.txt", "Bonjour.", "Bonjour.")
    >>> doc.metadata = {"language": "english", "published": "2025-13-45"}
    >>> sorted(f.rule for f in metadata_schema(Corpus(".", [doc]), Config()))
    ['metadata.invalid_date', 'metadata.invalid_language_code']
    """
    import pandera.errors
    from pandera.config import config_context

    schema = table_schema("documents")
    frame = _missing_as_null(
        documents_frame(corpus.table(), raw=True),
        schema.get("missingValues", [""]),
    )
    model = _model()
    try:
        with config_context(validation_enabled=True, validation_depth="SCHEMA_AND_DATA"):
            model.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        cases = err.failure_cases.rows(named=True)
    else:
        return

    fields = {f["name"]: f for f in schema["fields"]}
    # One finding per (row, column, rule), naming every check the value failed.
    grouped: dict[tuple[int | None, str | None, str], list[dict[str, Any]]] = defaultdict(list)
    for case in cases:
        column, number = case["column"], case["check_number"]
        name = error = str(case["check"])
        if column in model.columns and number is not None:
            check = model.columns[column].checks[number]
            name, error = str(check.name), str(check.error or check.name)
        case["check_name"], case["check_error"] = name, error
        grouped[(case["index"], column, _rule(column, name, fields))].append(case)

    for (index, column, rule), failed in grouped.items():
        names = [c["check_name"] for c in failed]
        evidence: dict[str, Any] = {"column": column, "check": names[0], "checks": names}
        if index is None or column not in frame.columns:
            # About the table as a whole: a missing column, a wrong type.
            evidence["value"] = failed[0]["failure_case"]
            yield Finding(
                rule,
                Severity.ERROR,
                f"documents table: {column} fails {', '.join(names)}",
                evidence=evidence,
            )
            continue
        doc = corpus.documents[index]
        value = frame[column][index]
        evidence["value"] = value
        where = f"{corpus.manifest_file}: " if column in doc.metadata else ""
        if rule == "metadata.missing_value":
            message = f"{where}{column} is missing: it is required"
        elif rule == "metadata.duplicate_value":
            others = [
                corpus.documents[i].file
                for i in frame.with_row_index().filter(frame[column] == value)["index"]
                if i != index
            ]
            evidence["shared_with"] = others
            message = f"{where}{column} {value!r} must be unique; also in {', '.join(others)}"
        else:
            reasons = "; ".join(dict.fromkeys(c["check_error"] for c in failed))
            message = f"{where}{column} {value!r} {reasons}"
        yield doc.finding(rule, Severity.ERROR, message, evidence=evidence)
