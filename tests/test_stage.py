"""The per-document stage hands back each document as the pipeline keeps it: stub and record."""

from __future__ import annotations

import pickle

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
