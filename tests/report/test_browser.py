"""The report in a real browser: Debian's Chromium, driven by Playwright for Python.

One browser serves the whole session; each test opens its page in a fresh
context and fails on anything the page logs as an error or warning (a script
error, a blocked resource, a Content-Security-Policy violation) or any
dialog it opens.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpuscheck.report.context import anchor
from tests.report.conftest import EVIL_FILE, Page, Report

pytestmark = pytest.mark.usefixtures("browser")


def visible_docs(page: Page) -> list[str]:
    """Ids of the documents-table rows shown now (not filtered out, on this page)."""
    return page.page.eval_on_selector_all(
        "#doc-table tbody tr",
        "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.doc)",
    )


def wait_for_search(page: Page, text: str) -> None:
    """Until the page has applied the search for ``text`` (it waits for typing to pause)."""
    applied = "() => document.getElementById('filters').getAttribute('data-applied')"
    deadline = time.monotonic() + 10
    while page.page.evaluate(applied) != text.strip().lower():
        assert time.monotonic() < deadline, f"the search for {text!r} was not applied"
        page.page.wait_for_timeout(25)


def test_seeds_report_loads_clean_from_disk(seeds_report: Report, open_page) -> None:
    seen = open_page(seeds_report.url)
    page = seen.page
    assert page.title() == "seeds: corpuscheck report"
    assert page.locator("html.js").count() == 1, "the script ran"
    assert page.locator("#filters").is_visible()
    assert page.locator("#status").inner_text() == "Showing all 5 documents of the table."
    assert seen.problems() == []
    assert all(url.startswith(("file:", "data:")) for url in seen.requests), seen.requests


@pytest.fixture(scope="module")
def served(rich_report: Report) -> Iterator[str]:
    """The rich report's folder on a local web server, as GitHub Pages would serve it."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(rich_report.path.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{rich_report.path.name}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_rich_report_loads_clean_over_http(served: str, open_page) -> None:
    seen = open_page(served)
    assert seen.page.locator("html.js").count() == 1
    assert seen.problems() == []
    # Nothing is requested but the page itself (the icon is a data: URL).
    assert [u for u in seen.requests if not u.startswith("data:")] == [served]


def test_highlights_sit_on_the_right_words(rich_report: Report, open_page) -> None:
    seen = open_page(rich_report.url)
    page = seen.page
    # Each finding's highlight may be cut in pieces (where spans cross); joined in
    # order, the pieces hold exactly the text the finding points at.
    covered = page.evaluate(
        """() => { const out = {};
        for (const m of document.querySelectorAll("mark.f")) {
            out[m.dataset.row] = (out[m.dataset.row] || "") + m.textContent; }
        return out; }"""
    )
    checked = 0
    for doc in rich_report.result.corpus.documents:
        if len(doc.original) > 20_000:
            continue  # shown in stretches: see test_long_text_is_shown_around_its_findings
        findings = [f for f in rich_report.result.findings if f.doc_id == doc.id]
        for n, f in enumerate(findings, 1):
            if f.start is not None and f.end is not None:
                row = f"{anchor(doc.id)}-r{n}"
                assert covered.pop(row) == doc.original[f.start : f.end], (doc.id, f.rule)
                checked += 1
    # Enough spans to trust the check (translation signals vary, and the
    # repairs of one line are one finding).
    assert checked >= 20
    assert [row for row in covered if not row.startswith("doc-long-")] == []

    # And the highlight is painted where the words are: what is under the middle of the
    # placeholder's box is the placeholder's own mark.
    mark = page.locator("article[data-doc='unique'] mark.f[data-rule='artifact.placeholder']")
    assert mark.inner_text() == "XNUMX"
    box = mark.bounding_box()
    assert box is not None and box["width"] > 10 and box["height"] > 5
    mark.scroll_into_view_if_needed()
    assert page.evaluate(
        """m => { const r = m.getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === m; }""",
        mark.element_handle(),
    )
    before = page.evaluate("m => m.previousSibling.textContent", mark.element_handle())
    assert before.endswith("Un muscle zygomatique et 25 ")
    assert seen.problems() == []


def test_long_text_is_shown_around_its_findings(rich_report: Report, open_page) -> None:
    page = open_page(rich_report.url).page
    article = page.locator("article[data-doc='long']")
    assert "around its findings" in article.text_content()
    assert article.locator(".gap").count() >= 1
    mark = article.locator("mark.f[data-rule='artifact.placeholder']")
    assert mark.inner_text() == "XNUMX"
    assert len(article.locator(".text").first.inner_text()) < 20_000


def test_tooltip_on_hover_and_on_focus(rich_report: Report, open_page) -> None:
    seen = open_page(rich_report.url)
    page = seen.page
    tip = page.locator("#tip")
    mark = page.locator("article[data-doc='unique'] mark.f[data-rule='artifact.placeholder']")
    assert mark.get_attribute("title") is None, "the script's tooltip replaces the title"
    mark.hover()
    assert tip.is_visible()
    text = tip.inner_text()
    assert "artifact.placeholder" in text
    assert "placeholder token 'XNUMX' left in the text" in text
    assert "token: XNUMX" in text, "the evidence"
    page.mouse.move(0, 0)
    assert tip.is_hidden()

    # Keyboard: a highlight takes the focus, shows the same; Escape hides it;
    # Enter goes to its row in the findings table.
    repair = page.locator("article[data-doc='mojibake'] mark.f[data-rule='encoding.mojibake']")
    repair.first.focus()
    assert tip.is_visible()
    assert "encoding.mojibake" in tip.inner_text()
    # The repairs of a line are one finding; its message shows the first one.
    assert "'â€™' → '’'" in tip.inner_text(), "an encoding repair shows before and after"
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    repair.first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#doc-mojibake-r2"
    assert seen.problems() == []


def test_repairs_show_before_and_after(rich_report: Report, open_page) -> None:
    page = open_page(rich_report.url).page
    article = page.locator("article[data-doc='mojibake']")
    cleaned = article.locator(".text.cleaned")
    assert cleaned.is_visible()
    assert cleaned.inner_text().startswith("L’Ukraine et la Russie ont échangé")
    assert article.locator(".text").first.inner_text().startswith("\ufeffLâ€™Ukraine")
    # The line's repairs are one finding: its mark covers the repaired run.
    repaired = cleaned.locator("mark.r").nth(1).inner_text()
    assert repaired.startswith("’Ukraine et la Russie ont échangé")
    assert "Ã" not in repaired and "â€" not in repaired


def test_keyboard_reaches_the_filters_and_the_highlights(seeds_report: Report, open_page) -> None:
    seen = open_page(seeds_report.url)
    page = seen.page
    reached = []
    for _ in range(16):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "() => { const e = document.activeElement;"
                " return e.id || e.getAttribute('href') || e.getAttribute('value') || e.tagName; }"
            )
        )
    assert reached[0] == "#documents", "a skip link comes first"
    for control in ("q", "rule-filter", "reset", "error", "warning", "info", "artifact"):
        assert control in reached, (control, reached)
    page.locator("#q").focus()
    page.keyboard.type("XNUMX")
    wait_for_search(seen, "XNUMX")
    assert page.locator("#status").inner_text().startswith("Showing 1 of 5 documents")
    # Every highlight can take the focus.
    assert page.eval_on_selector_all("mark.f", "ms => ms.every(m => m.tabIndex === 0)")


def test_filters_by_severity_category_and_rule(rich_report: Report, open_page) -> None:
    seen = open_page(rich_report.url)
    page = seen.page
    everything = visible_docs(seen)
    assert len(everything) == len(rich_report.result.corpus.documents)

    page.locator("input[data-filter-severity='error']").uncheck()
    without_errors = visible_docs(seen)
    assert "unique" not in without_errors, "its only finding is an error"
    assert page.locator("article[data-doc='unique']").is_hidden()
    assert (
        page.locator("article[data-doc='mojibake'] mark.f[data-severity='error']")
        .first.get_attribute("class")
        .endswith(" off")
    )
    assert page.locator("#doc-mojibake-r2").is_hidden(), "an error row is hidden"
    assert page.locator("#doc-mojibake-r1").is_visible(), "the byte-order mark is a warning"
    page.locator("input[data-filter-severity='error']").check()

    page.select_option("#rule-filter", "encoding.mojibake")
    assert visible_docs(seen) == ["mojibake"]
    assert page.locator("article.rule-card:visible").count() == 1
    page.select_option("#rule-filter", "")

    page.locator("input[data-filter-category='artifact']").uncheck()
    assert "unique" not in visible_docs(seen)
    assert "mojibake" in visible_docs(seen)
    assert page.locator("[id='rule-artifact.placeholder']").is_hidden()
    page.locator("#reset").click()
    assert visible_docs(seen) == everything
    assert seen.problems() == []


def test_text_search(rich_report: Report, open_page) -> None:
    seen = open_page(rich_report.url)
    page = seen.page

    def search(text: str) -> list[str]:
        page.fill("#q", text)
        wait_for_search(seen, text)
        return visible_docs(seen)

    assert search("zygomatique") == ["unique"], "a word of one text"
    assert search("ZYGOMATIQUE") == ["unique"], "case does not matter"
    assert search("UNIQUE.TXT") == ["unique"], "a file name"
    assert search("ÉCHANGÉ") == ["mojibake"], "accents; words of the cleaned text"
    assert sorted(search("un échange")) == ["long", "propre"]
    assert search("no such words anywhere") == []
    assert "nothing matches" in page.locator("#status").inner_text()
    # The fixed-findings list is searched too.
    assert page.locator("#fixed-table tbody tr:visible").count() == 0
    search("On compte XNUMX")
    assert page.locator("#fixed-table tbody tr:visible").count() == 1
    page.locator("#reset").click()
    assert len(visible_docs(seen)) == len(rich_report.result.corpus.documents)
    assert seen.problems() == []


def test_injected_markup_executes_nothing(rich_report: Report, open_page) -> None:
    seen = open_page(rich_report.url)
    page = seen.page
    # Go over everything a reader can: hover and focus the highlights, search, filter.
    for mark in page.locator("article[data-doc='evil'] mark.f").all()[:8]:
        mark.hover()
        mark.focus()
    for text in ("<script>", '"><img'):
        page.fill("#q", text)
        wait_for_search(seen, text)
    page.locator("#reset").click()
    page.goto(rich_report.url + "#" + "doc-x~22~~3e~~3c~img")
    page.wait_for_timeout(100)

    assert page.evaluate("window.__pwned") is None
    assert seen.dialogs == []
    assert page.evaluate("document.images.length") == 0
    assert page.evaluate("document.scripts.length") == 1, "only the report's own script"
    evil = page.locator("article[data-doc='evil'] .text").first.inner_text()
    assert "<script>window.__pwned = 1; alert(1)</script>" in evil, "shown as text"
    assert '"><img src=x onerror="window.__pwned = 2">' in evil
    fields = page.locator("article[data-doc='evil'] dd[data-field='title']").inner_text()
    assert fields == '"><img src=x onerror="window.__pwned = 3"><script>window.__pwned = 4</script>'
    assert page.get_by_text(EVIL_FILE, exact=True).count() >= 1
    assert seen.problems() == []


def test_changes_since_the_baseline(rich_report: Report, open_page) -> None:
    page = open_page(rich_report.url).page
    changes = page.locator("#changes")
    assert changes.is_visible()
    new = page.locator("#new-table tbody tr")
    fixed = page.locator("#fixed-table tbody tr")
    assert new.count() == 1
    assert "unique.txt" in new.first.inner_text()
    assert fixed.count() == 1
    assert "long.txt" in fixed.first.inner_text()
    # The moved sentences of mojibake.txt made nothing new there.
    assert "mojibake" not in page.locator("#new-table").inner_text()


def test_large_corpus_is_capped_paged_and_loads(large_report: Report, open_page) -> None:
    size = large_report.path.stat().st_size
    assert size < 3_000_000, f"{size:,} bytes for 3,000 small documents"
    started = time.monotonic()
    seen = open_page(large_report.url)
    loaded = time.monotonic() - started
    page = seen.page
    assert loaded < 15, f"took {loaded:.1f} s to load"
    intro = page.locator("#documents > p").first.inner_text()
    assert "The table lists the 2,000 worst of 3,000 documents" in intro
    assert "Text and findings are shown for the 200 worst of the 1,200 documents" in intro
    assert page.locator("#doc-table tbody tr").count() == 2000
    assert page.locator("article.doc").count() == 200
    assert len(visible_docs(seen)) == 50
    assert page.locator("#page-label").inner_text() == "Page 1 of 40 (2000 documents)"
    first = visible_docs(seen)[0]
    page.locator("#pager button[data-page='1']").click()
    assert page.locator("#page-label").inner_text().startswith("Page 2 of 40")
    assert first not in visible_docs(seen)
    page.select_option("#rule-filter", "language.mismatch")
    assert page.locator("#page-label").inner_text() == "Page 1 of 6 (300 documents)"
    assert seen.problems() == []


def test_phone_width_has_no_sideways_scrolling(rich_report: Report, open_page) -> None:
    seen = open_page(rich_report.url, width=390, height=844, is_mobile=True, has_touch=True)
    page = seen.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    mark = page.locator("article[data-doc='unique'] mark.f").first
    mark.tap()
    assert page.locator("#tip").is_visible(), "a tap shows what a hover would"
    tip = page.locator("#tip").bounding_box()
    assert tip is not None and tip["x"] >= 0 and tip["x"] + tip["width"] <= 390
    assert seen.problems() == []


def test_print_shows_everything_but_the_controls(large_report: Report, open_page) -> None:
    seen = open_page(large_report.url)
    page = seen.page
    page.emulate_media(media="print")
    assert page.locator("#filters").is_hidden()
    assert page.locator("#pager").is_hidden()
    assert page.locator("#doc-table tbody tr:visible").count() == 2000, "every page of the table"
    page.emulate_media(media="screen")
    assert page.locator("#doc-table tbody tr:visible").count() == 50


def test_renders_at_desktop_phone_and_print(
    seeds_report: Report, open_page, tmp_path: Path
) -> None:
    """The seeds' report renders in each of the three ways a reader meets it."""
    for name, width, media in (
        ("desktop", 1280, "screen"),
        ("phone", 390, "screen"),
        ("print", 900, "print"),
    ):
        seen = open_page(seeds_report.url, width=width)
        seen.page.emulate_media(media=media)
        shot = tmp_path / f"{name}.png"
        seen.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        assert seen.problems() == []
