import json

import pandera.polars as pa
import polars as pl
import pytest

import corpuscheck.schemas
from corpuscheck.read import read_corpus
from corpuscheck.schemas import table_schema
from corpuscheck.schemas.pandera_model import documents_model, field_checks, is_uri, table_model
from corpuscheck.tables import document_rows, documents_frame, polars_schema


def checks_of(column):
    return {c.name: c for c in column.checks}


def failing(model, frame):
    """(column, check, row) for every failure of validating ``frame``."""
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        return sorted(
            (r["column"], r["check"], r["index"]) for r in err.failure_cases.rows(named=True)
        )
    return []


@pytest.fixture
def extended_schema(monkeypatch):
    """The documents schema with one more field, as if documents.json had gained it."""
    schema = table_schema("documents")
    schema["fields"].append(
        {
            "name": "reviewed",
            "type": "date",
            "constraints": {"required": True, "enum": ["2025-01-01", "2025-02-01"]},
        }
    )
    schema["fields"].append(
        {"name": "score", "type": "integer", "constraints": {"minimum": 1, "maximum": 5}}
    )
    text = json.dumps(schema)
    monkeypatch.setattr(corpuscheck.schemas, "_load", lambda name: text)
    return schema


def test_every_field_of_the_schema_is_a_column_as_declared():
    model = documents_model()
    fields = table_schema("documents")["fields"]
    assert list(model.columns) == [f["name"] for f in fields]
    dtypes = polars_schema("documents")
    for field in fields:
        column = model.columns[field["name"]]
        constraints = field.get("constraints", {})
        expected = pl.String if field["type"] == "date" else dtypes[field["name"]]
        assert column.dtype.type == expected, field["name"]
        assert column.nullable is not constraints.get("required", False), field["name"]
        checks = checks_of(column)
        if "pattern" in constraints:
            assert checks["matches_pattern"].error.endswith(constraints["pattern"])
        assert ("is_unique" in checks) is constraints.get("unique", False)
        assert ("is_date" in checks) is (field["type"] == "date")
        assert ("is_uri" in checks) is (field.get("format") == "uri")
        if "minimum" in constraints:
            assert "greater_than_or_equal_to" in checks


def test_a_field_added_to_the_schema_shows_up(extended_schema):
    model = table_model("documents")
    assert list(model.columns)[-2:] == ["reviewed", "score"]
    reviewed = model.columns["reviewed"]
    assert reviewed.dtype.type == pl.String  # a date, validated as the declared string
    assert reviewed.nullable is False
    assert set(checks_of(reviewed)) == {"is_date", "isin"}
    assert set(checks_of(model.columns["score"])) == {
        "greater_than_or_equal_to",
        "less_than_or_equal_to",
    }


def test_an_unsupported_constraint_is_refused(monkeypatch):
    schema = table_schema("documents")
    schema["fields"][0]["constraints"]["jsonSchema"] = {}
    monkeypatch.setattr(corpuscheck.schemas, "_load", lambda name: json.dumps(schema))
    with pytest.raises(ValueError, match="constraint 'jsonSchema' is not supported"):
        table_model("documents")


def test_the_seeds_validate():
    rows = document_rows(read_corpus("seeds").documents, [])
    assert failing(documents_model(), documents_frame(rows, raw=True)) == []


def one_column_model(field):
    """A model of one string column with the checks derived from ``field``."""
    column = pa.Column(pl.String, checks=field_checks(field), nullable=True)
    return pa.DataFrameSchema({field["name"]: column})


@pytest.mark.parametrize(
    "value, ok",
    [
        ("2025-05-19", True),
        ("2024-02-29", True),
        ("2025-02-29", False),
        ("2025-13-45", False),
        ("2025-1-5", False),
        (" 2025-05-19", False),
        ("2025-05-19T10:00:00", False),
        ("19/05/2025", False),
        ("hier", False),
        (None, True),  # missing: only `required` can reject it
    ],
)
def test_dates_must_exist_and_be_iso(value, ok):
    model = one_column_model({"name": "d", "type": "date"})
    frame = pl.DataFrame({"d": [value]}, schema={"d": pl.String})
    assert (failing(model, frame) == []) is ok


def test_a_date_format_from_the_schema_is_used():
    model = one_column_model({"name": "d", "type": "date", "format": "%d/%m/%Y"})
    frame = pl.DataFrame({"d": ["19/05/2025", "2025-05-19", "31/02/2025"]})
    assert [row for _, _, row in failing(model, frame)] == [1, 2]


def test_a_pattern_must_match_the_whole_value():
    model = one_column_model(
        {"name": "lang", "type": "string", "constraints": {"pattern": "[a-z]{2}"}}
    )
    frame = pl.DataFrame({"lang": ["fr", "fra", "xfr", None]})
    assert [row for _, _, row in failing(model, frame)] == [1, 2]


def test_unique_ignores_missing_values():
    model = one_column_model({"name": "u", "type": "string", "constraints": {"unique": True}})
    frame = pl.DataFrame({"u": ["a", None, None, "b", "a"]})
    assert [row for _, _, row in failing(model, frame)] == [0, 4]


@pytest.mark.parametrize(
    "value, ok",
    [
        ("https://www.example.org/article?id=3#top", True),
        ("http://example.org", True),
        ("ftp:/x", False),
        ("not a url", False),
        ("example.org/article", False),
        ("https://exa mple.org", False),
        ("http://[::1", False),
    ],
)
def test_uris_are_absolute(value, ok):
    assert is_uri(value) is ok
