"""The per-document stage hands back each document as the pipeline keeps it: stub and record."""

from __future__ import annotations

import pickle
import subprocess
import sys

from corpuscheck.config import Config
from corpuscheck.read.sources import open_source
from corpuscheck.stage import DocumentStage, Shipped
from tests.conftest import SEEDS


def test_each_document_comes_back_as_its_stub_and_its_pickled_record():
    config = Config(jobs=1, cache=None)

    def batch() -> list:
        return list(open_source(SEEDS, config).documents)[:6]  # each time afresh

    stage = DocumentStage(config)
    expected = DocumentStage(config).process(batch())
    # The stage travels to the workers pickled, as an engine sends it.
    shipped = pickle.loads(pickle.dumps(stage))(batch())
    assert [type(s) for s in shipped] == [Shipped] * len(expected)
    for got, want in zip(shipped, expected, strict=True):
        assert got.stub == want.doc.stub()
        doc, findings = pickle.loads(got.record)
        # The document keeps the digest its stub carries (for its row of the table).
        assert doc.computed.pop("sha256") == got.stub.computed["sha256"]
        assert (doc, findings) == (want.doc, want.findings)
        assert got.observations == want.observations
        assert got.failures == want.failures
    assert any(p.findings for p in expected)  # the comparison covers findings


def test_the_stage_and_what_a_build_imports_before_its_workers_load_no_table_library():
    """A worker never makes a frame, and the building process forks the first one before it
    needs polars or pyarrow (its warm-up imports them beside the workers): neither is
    imported by what a build imports up to then, nor by the stage over real documents."""
    code = "\n".join(
        [
            "import sys",
            "from corpuscheck.config import Config",
            "from corpuscheck.pipeline import build, run",
            "from corpuscheck.publish import OUTPUT_NAMES, finish_package",
            "from corpuscheck.publish.tables import PackageWriter",
            "from corpuscheck.report import write_context",
            "from corpuscheck.report.context import ReportBuilder",
            "from corpuscheck.checks.runner import enabled_checks",
            "from corpuscheck.read.sources import open_source",
            "from corpuscheck.stage import DocumentStage",
            "from corpuscheck.tables import document_row, finding_rows",
            "config = Config(jobs=1, cache=None)",
            "enabled_checks(config, 'corpus')",
            f"batch = list(open_source({str(SEEDS)!r}, config).documents)[:4]",
            "shipped = DocumentStage(config)(batch)",
            "document_row(batch[0][0], [])",
            "print(sorted(m for m in ('polars', 'pyarrow', 'pandas', 'pandera') if m in sys.modules))",
        ]
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
