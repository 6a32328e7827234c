"""The published package of the real seeds: valid, self-consistent, byte-for-byte stable."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import frictionless
import pyarrow.parquet as pq

from corpuscheck.publish.archive import ZIP_DATE
from corpuscheck.publish.datapackage import PACKAGE_PROFILE, RESOURCE_PROFILE
from corpuscheck.schemas import field_names, table_schema
from tests.conftest import ROOT, SEEDS
from tests.publish.conftest import snapshot

RESULT = "expectations/documents.result.json"
"""The validation result of the repository's one suite, expectations/documents.json."""
DATA_FILES = [
    "data/documents.csv",
    "data/documents.parquet",
    "data/findings.csv",
    "data/findings.parquet",
]
RESOURCES = ["documents", "findings", "documents-parquet", "findings-parquet"]


def descriptor(out: Path) -> dict:
    return json.loads((out / "datapackage.json").read_text(encoding="utf-8"))


def errors_of(report: frictionless.Report) -> list:
    return report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])


def test_the_output_folder_holds_the_package_its_zip_and_the_report(build_seeds):
    out = build_seeds()
    assert sorted(snapshot(out)) == sorted(
        ["corpus.zip", "datapackage.json", "report.html", "README.md", RESULT, *DATA_FILES]
    )


def test_frictionless_finds_the_package_valid(build_seeds):
    out = build_seeds()
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, errors_of(report)
    assert [task.name for task in report.tasks] == RESOURCES
    assert all(task.stats["rows"] == 5 for task in report.tasks[::2])  # the five seeds
    package = frictionless.Package(str(out / "datapackage.json"))
    assert package.resource_names == RESOURCES


def test_the_frictionless_command_finds_the_package_valid(build_seeds, tmp_path):
    out = build_seeds()
    command = Path(sys.executable).with_name("frictionless")
    result = subprocess.run(
        [str(command), "validate", "--json", str(out / "datapackage.json")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["valid"] is True, result.stdout
    assert [task["name"] for task in report["tasks"]] == RESOURCES
    assert all(task["valid"] for task in report["tasks"])


def test_the_descriptor_is_data_package_v2(build_seeds):
    package = descriptor(build_seeds())
    assert package["$schema"] == PACKAGE_PROFILE
    assert package["name"] == "seeds"
    assert "licenses" not in package  # the seeds declare no license
    assert [r["name"] for r in package["resources"]] == RESOURCES
    for resource in package["resources"]:
        assert resource["$schema"] == RESOURCE_PROFILE
        assert resource["type"] == "table"
    formats = {r["name"]: (r["format"], r["mediatype"]) for r in package["resources"]}
    assert formats["documents"] == ("csv", "text/csv")
    assert formats["findings-parquet"][0] == "parquet"


def test_the_descriptor_embeds_the_table_schemas_unchanged(build_seeds):
    resources = descriptor(build_seeds())["resources"]
    for resource in resources:
        if resource["format"] == "csv":
            assert resource["schema"] == table_schema(resource["name"])
        else:
            # Parquet resources point to the CSV resource's schema (see publish.datapackage).
            assert "schema" not in resource


def test_declared_hashes_and_sizes_match_the_files(build_seeds):
    out = build_seeds()
    for resource in descriptor(out)["resources"]:
        data = (out / resource["path"]).read_bytes()
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"
        if resource["format"] == "csv":
            assert resource["bytes"] == len(data)


def test_csv_files_are_utf8_with_a_header_and_unix_line_endings(build_seeds):
    out = build_seeds()
    for table in ("documents", "findings"):
        data = (out / f"data/{table}.csv").read_bytes()
        text = data.decode("utf-8")
        assert text.splitlines()[0] == ",".join(field_names(table))
        assert text.endswith("\n")
        assert b"\r\n" not in data


def test_parquet_columns_follow_the_table_schemas(build_seeds):
    out = build_seeds()
    for table in ("documents", "findings"):
        parquet = pq.read_table(out / f"data/{table}.parquet")
        assert parquet.column_names == field_names(table)
    documents = pq.read_table(out / "data/documents.parquet").to_pylist()
    assert [row["file_name"] for row in documents] == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_the_zip_holds_the_package_and_nothing_else(build_seeds):
    out = build_seeds()
    with zipfile.ZipFile(out / "corpus.zip") as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        assert [i.filename for i in infos] == sorted(
            ["datapackage.json", "README.md", RESULT, *DATA_FILES]
        )
        for info in infos:
            assert info.date_time == ZIP_DATE
            # Parquet is compressed inside already: stored as it is.
            stored = info.filename.endswith(".parquet")
            assert info.compress_type == (zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
            assert info.external_attr >> 16 == 0o100644
            assert archive.read(info) == (out / info.filename).read_bytes()


def test_two_builds_give_the_same_bytes(build_seeds):
    first, second = snapshot(build_seeds("one")), snapshot(build_seeds("two"))
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], f"{name} differs between two builds"


def test_another_process_with_another_hash_seed_gives_the_same_package(build_seeds, tmp_path):
    out = build_seeds()
    other = tmp_path / "other"
    other.mkdir()
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from corpuscheck.pipeline import check\nfrom corpuscheck.publish import write_package\n"
        "write_package(Path(sys.argv[2]), check(sys.argv[1]))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-c", code, str(SEEDS), str(other)], check=True, env=env, cwd=ROOT
    )
    produced = snapshot(other)
    assert sorted(produced) == sorted(
        ["corpus.zip", "datapackage.json", "README.md", RESULT, *DATA_FILES]
    )
    for name, data in produced.items():
        assert data == (out / name).read_bytes(), f"{name} differs in another process"
