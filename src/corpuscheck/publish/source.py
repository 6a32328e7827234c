"""The corpus repository's own ``datapackage.json``: the corpus as committed.

A build publishes a *derived* package into ``OUT`` (cleaned text, findings).
The repository that holds the corpus carries a second descriptor at its top
level that describes the files beside it, so that ``frictionless validate
datapackage.json`` in a fresh clone checks what is committed:

- ``metadata``: the corpus folder's ``metadata.csv`` as a table, with the
  manifest's table schema (:func:`corpuscheck.schemas.manifest_schema`, taken
  from the same single source as the published tables);
- one ``text`` resource per document, with its path, media type, encoding,
  size in bytes and SHA-256.

Every resource carries its size and hash, so the descriptor fails validation
as soon as a document or the manifest changes without it; a document added or
removed is caught by :func:`stale` (``corpuscheck datapackage --check``).

Only regular files directly inside the corpus folder are described (a link or
a FIFO is left out, as the reader leaves it out), and paths are relative to
the descriptor, with ``/`` separators, in sorted order: the same files always
give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePosixPath
from typing import Any

from corpuscheck.publish.datapackage import PACKAGE_PROFILE, RESOURCE_PROFILE, package_name
from corpuscheck.read.safe import read_inside
from corpuscheck.schemas import manifest_schema

MANIFEST = "metadata.csv"
DOCUMENT_SUFFIX = ".txt"


class SourceError(Exception):
    """The corpus folder cannot be described (missing, or not inside the repository)."""


def resource_name(file_name: str) -> str:
    """A resource name for a document file: lower case, only ``a-z0-9._-``.

    >>> resource_name("000_a55f85f9d2cdd8e4.txt")
    '000_a55f85f9d2cdd8e4'
    >>> resource_name("Été 2025.txt")
    't-2025'
    """
    stem = file_name.removesuffix(DOCUMENT_SUFFIX).lower()
    cleaned = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in stem)
    cleaned = "-".join(part for part in cleaned.split("-") if part)
    return cleaned or "document"


def _facts(folder: Path, name: str) -> tuple[int, str]:
    data = read_inside(folder, name)
    return len(data), f"sha256:{hashlib.sha256(data).hexdigest()}"


def document_files(folder: Path) -> list[str]:
    """The documents a build reads: regular ``*.txt`` files directly in ``folder``, sorted."""
    names = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.endswith(DOCUMENT_SUFFIX) and entry.is_file(follow_symlinks=False):
            names.append(entry.name)
    return names


def source_descriptor(
    corpus: str | os.PathLike[str], root: str | os.PathLike[str]
) -> dict[str, Any]:
    """The descriptor of the corpus folder ``corpus``, for a file at the top of ``root``."""
    folder, top = Path(corpus).resolve(), Path(root).resolve()
    if not folder.is_dir():
        raise SourceError(f"corpus folder not found: {corpus}")
    try:
        rel = PurePosixPath(folder.relative_to(top).as_posix())
    except ValueError:
        raise SourceError(f"the corpus folder {corpus} is not inside {root}") from None
    files = document_files(folder)
    package: dict[str, Any] = {
        "$schema": PACKAGE_PROFILE,
        "name": package_name(folder),
        "title": f"{rel}: the corpus as committed",
        "description": (
            f"The {len(files)} documents of {rel}/ as committed, with their manifest "
            f"{rel / MANIFEST}. Sizes and SHA-256 hashes make `frictionless validate "
            "datapackage.json` fail as soon as a file changes without this descriptor; "
            f"regenerate it with `corpuscheck datapackage {rel}` (or `make datapackage`). "
            "The package a build publishes (cleaned text, findings) is described by the "
            "datapackage.json inside the build's output folder."
        ),
        "resources": [],
    }
    resources: list[dict[str, Any]] = package["resources"]
    if os.path.isfile(folder / MANIFEST) and not os.path.islink(folder / MANIFEST):
        size, digest = _facts(folder, MANIFEST)
        resources.append(
            {
                "$schema": RESOURCE_PROFILE,
                "name": "metadata",
                "type": "table",
                "path": str(rel / MANIFEST),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": size,
                "hash": digest,
                "title": "Manifest",
                "description": "One row per document: its file name and declared metadata.",
                "schema": manifest_schema(),
            }
        )
    used: set[str] = {"metadata"}
    for name in files:
        size, digest = _facts(folder, name)
        res_name = resource_name(name)
        while res_name in used:  # two files that fold to one name
            res_name += "-"
        used.add(res_name)
        resources.append(
            {
                "$schema": RESOURCE_PROFILE,
                "name": res_name,
                "type": "text",
                "path": str(rel / name),
                "format": "txt",
                "mediatype": "text/plain",
                "encoding": "utf-8",
                "bytes": size,
                "hash": digest,
            }
        )
    return package


def render(package: dict[str, Any]) -> bytes:
    """The descriptor's bytes: indented UTF-8 JSON with a final newline."""
    return (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def stale(corpus: str | os.PathLike[str], root: str | os.PathLike[str], target: Path) -> bool:
    """Whether ``target`` differs from the descriptor the corpus folder gives now."""
    wanted = render(source_descriptor(corpus, root))
    try:
        return target.read_bytes() != wanted
    except OSError:
        return True


def write_source_descriptor(
    corpus: str | os.PathLike[str], root: str | os.PathLike[str], target: Path
) -> bool:
    """Write the descriptor into ``target`` atomically; return whether it changed."""
    from corpuscheck.fix import write_atomic

    wanted = render(source_descriptor(corpus, root))
    if target.is_file() and target.read_bytes() == wanted:
        return False
    write_atomic(target, wanted)
    return True
