"""The shared types: a finding survives pickling (workers, spill file, cache) whole."""

from __future__ import annotations

import copy
import dataclasses
import pickle

from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.model import Finding, Severity

_text = st.text(max_size=30)
_maybe = st.none() | _text


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    start = draw(st.none() | st.integers(0, 10**6))
    end = None if start is None else start + draw(st.integers(0, 1000))
    return Finding(
        rule=draw(st.sampled_from(["translation.calque", "encoding.mojibake", "metadata.schema"])),
        severity=draw(st.sampled_from(list(Severity))),
        message=draw(_text),
        doc_id=draw(_maybe),
        file=draw(_maybe),
        start=start,
        end=end,
        excerpt=draw(_text),
        replacement=draw(_maybe),
        fixed=draw(st.booleans()),
        evidence=draw(st.dictionaries(_text, st.integers() | _text, max_size=3)),
    )


@given(findings())
def test_a_finding_comes_back_from_pickle_and_copies_equal(finding):
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(finding, protocol=protocol))
        assert back == finding
        assert dataclasses.astuple(back) == dataclasses.astuple(finding)
    assert copy.copy(finding) == finding
    assert copy.deepcopy(finding) == finding


def test_a_finding_pickled_with_the_former_state_still_loads():
    finding = Finding("translation.calque", Severity.INFO, "m", doc_id="d", start=1, end=2)
    former = [getattr(finding, f.name) for f in dataclasses.fields(Finding)]
    # What dataclasses gave as the state of a frozen class with slots: a list of the values.
    blank = object.__new__(Finding)
    blank.__setstate__(former)
    assert blank == finding
