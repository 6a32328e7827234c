"""The table schemas of the published package: the one source of truth.

``documents.json`` and ``findings.json`` are Frictionless Table Schemas (v2).
The published ``datapackage.json`` embeds them as they are; the pandera model
that validates the documents table (:mod:`corpuscheck.schemas.pandera_model`)
and the report's column descriptions are derived from them, so the three
cannot drift apart.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

TABLES = ("documents", "findings")


@cache
def _load(name: str) -> str:
    return resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")


def table_schema(name: str) -> dict[str, Any]:
    """Return a fresh copy of the Frictionless table schema of table ``name``."""
    if name not in TABLES:
        raise KeyError(f"no table schema {name!r}; tables are {', '.join(TABLES)}")
    result: dict[str, Any] = json.loads(_load(name))
    return result


def field_names(name: str) -> list[str]:
    """The column names of table ``name``, in order."""
    return [f["name"] for f in table_schema(name)["fields"]]


MANIFEST_KEY = "file_name"


def manifest_schema() -> dict[str, Any]:
    """The table schema of a corpus folder's ``metadata.csv``.

    Not a file of its own: its columns are ``file_name`` and the declared
    metadata, defined once in the documents table's schema and taken from it
    here, so the manifest, the published table, the pandera model and the
    report cannot disagree about them.

    >>> [f["name"] for f in manifest_schema()["fields"]][:3]
    ['file_name', 'language', 'title']
    >>> manifest_schema()["primaryKey"]
    ['file_name']
    """
    from corpuscheck.model import METADATA_FIELDS

    documents = table_schema("documents")
    by_name = {f["name"]: f for f in documents["fields"]}
    fields = [by_name[MANIFEST_KEY]] + [by_name[name] for name in METADATA_FIELDS]
    return {"$schema": documents["$schema"], "fields": fields, "primaryKey": [MANIFEST_KEY]}
