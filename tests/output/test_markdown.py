"""The Markdown digest (the GitHub step summary): content, escaping and its bound."""

from __future__ import annotations

from corpuscheck.model import Corpus, Document, Severity
from corpuscheck.output.locate import Locator
from corpuscheck.output.markdown import MAX_BYTES, code, digest, escape
from corpuscheck.pipeline import BuildResult


def test_the_seeds_digest_counts_and_lists_the_findings(seeds_result, seeds_locator):
    text = digest(seeds_result, seeds_locator, environ={})
    counts = seeds_result.counts()
    assert text.startswith("## corpuscheck: `seeds`\n")
    assert f"**{counts['error']} error" in text
    assert "| `artifact.placeholder` | error | 1 |" in text
    assert "`seeds/000_a55f85f9d2cdd8e4.txt:3:" in text
    assert "⟦XNUMX⟧" in text


def test_text_from_the_corpus_cannot_add_markup_or_mentions():
    assert escape("<img src=x> [a](b) @everyone | **x**") == (
        "\\<img src=x\\> \\[a\\](b) \\@everyone \\| \\*\\*x\\*\\*"
    )
    assert code("a ``b`` c") == "```a ``b`` c```"
    assert escape("x" * 1000).endswith("…") and len(escape("x" * 1000)) == 300


def test_the_digest_stays_under_its_bound_and_says_what_it_left_out():
    text = "Un texte XNUMX.\n" * 20_000
    doc = Document("big", "big.txt", text, text)
    findings = [
        doc.finding(
            "artifact.placeholder", Severity.ERROR, f"placeholder {i} " + "é" * 200, s, s + 5
        )
        for i, s in enumerate(range(9, len(text), 16))
    ]
    result = BuildResult(Corpus(".", [doc]), findings, None)
    text_out = digest(result, Locator(result.corpus, "."), environ={})
    assert len(text_out.encode("utf-8")) <= MAX_BYTES
    assert "more findings not listed" in text_out
    assert f"| `artifact.placeholder` | error | {len(findings)} |" in text_out
