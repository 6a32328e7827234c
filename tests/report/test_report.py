import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from corpuscheck.model import Finding, Severity
from corpuscheck.pipeline import BuildResult, check
from corpuscheck.report import write_report

ROOT = Path(__file__).resolve().parents[2]

VOID = {"meta", "br", "hr", "input", "img", "link", "wbr", "source", "area", "col"}
NETWORK_ATTRIBUTES = {"src", "href", "action", "formaction", "srcset", "poster", "data", "ping"}


class Page(HTMLParser):
    """Checks that tags balance and collects ids, local links and resource references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.tags.append((tag, values))
        if values.get("id"):
            self.ids.append(values["id"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if "svg" not in self.stack:
            self.problems.append(f"self-closing <{tag}/> outside SVG")
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def sha256(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.problems == []
    assert parser.stack == [], "every element is closed"
    return parser


@pytest.fixture(scope="module")
def seeds_result(seeds_report) -> BuildResult:
    return seeds_report.result


@pytest.fixture
def seeds_page(seeds_report) -> str:
    return seeds_report.html


def test_seeds_report_highlights_xnumx(seeds_page):
    mark = re.search(
        r'<mark class="f cat-artifact sev-error"[^>]*'
        r'data-rule="artifact.placeholder"[^>]*id="(doc-000_a55f85f9d2cdd8e4-f\d+)">XNUMX</mark>',
        seeds_page,
    )
    assert mark, "the XNUMX placeholder is highlighted in document 000"
    assert seeds_page[mark.start() - len("1000 ") : mark.start()] == "1000 "
    assert seeds_page[mark.end() : mark.end() + len(" personnes")] == " personnes"
    assert f'href="#{mark.group(1)}"' in seeds_page, "the finding's row links to it"


def test_seeds_report_summary(seeds_result, seeds_page):
    assert "<title>seeds: corpuscheck report</title>" in seeds_page
    for doc in seeds_result.corpus.documents:
        assert doc.file in seeds_page
    errors = seeds_result.errors
    assert f'<span class="num">{errors}</span>error' in seeds_page


def test_seeds_report_is_well_formed_and_offline(seeds_page):
    page = parse(seeds_page)
    assert seeds_page.startswith("<!DOCTYPE html>\n")
    assert page.tags[2] == ("meta", {"charset": "utf-8"})
    csp = [
        a["content"]
        for t, a in page.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    style = seeds_page.split("<style>", 1)[1].split("</style>", 1)[0]
    script = seeds_page.split("<script>", 1)[1].split("</script>", 1)[0]
    assert csp == [
        f"default-src 'none'; style-src {sha256(style)}; script-src {sha256(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    ], "nothing from the network, and only the page's own style and script"
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            if name in NETWORK_ATTRIBUTES and value:
                assert value.startswith(("#", "data:")), f"<{tag} {name}={value!r}>"
            assert not name.startswith("on"), f"<{tag} {name}>: an event handler attribute"
            assert name != "style", f"<{tag} style>: the policy would block it"
        assert tag not in {"iframe", "object", "embed", "base", "img"}
        if tag == "link":
            assert attrs == {"rel": "icon", "href": "data:,"}, "no favicon request"
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", seeds_page)
    assert not re.search(r"url\(\s*[\"']?(?!data:)", seeds_page)
    assert "@import" not in seeds_page
    assert len(page.ids) == len(set(page.ids)), "ids are unique"
    for _, attrs in page.tags:
        if (attrs.get("href") or "").startswith("#"):
            assert attrs["href"][1:] in page.ids, f"link to a missing id {attrs['href']}"


def test_report_is_deterministic(seeds_result, tmp_path):
    write_report(tmp_path / "a.html", seeds_result)
    write_report(tmp_path / "b.html", seeds_result)
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


INJECTION = (
    'Texte <script>alert(XNUMX)</script> puis "><img src=x onerror=alert(1)> '
    "et encore 1000 XNUMX personnes.\n"
)


def test_corpus_content_is_escaped(make_corpus, tmp_path):
    title = '"><img src=x onerror=alert(2)><script>alert(3)</script>'
    manifest = (
        "file_name,language,title,source,url,published,translated_from,license\n"
        f'evil.txt,fr,"{title.replace(chr(34), chr(34) * 2)}",,javascript:alert(4),,,\n'
        '"x""><img src=y>.txt",fr,,,,,,\n'
    )
    root = make_corpus(
        {"evil.txt": INJECTION * 3, 'x"><img src=y>.txt': INJECTION * 3}, manifest=manifest
    )
    result = check(root)
    assert any(f.rule == "artifact.placeholder" for f in result.findings)
    write_report(tmp_path / "report.html", result)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")

    parse(page)
    assert "<script>alert" not in page
    assert "<img" not in page.lower()
    assert 'href="javascript' not in page
    assert page.count("<script>") == 1, "only the report's own script"
    assert "&lt;script&gt;alert(" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # The placeholder inside the script text is highlighted, as text.
    assert re.search(r"&lt;script&gt;(</mark>)?alert\(<mark [^>]*>XNUMX</mark>\)", page)


def test_findings_with_and_without_span_and_corpus_level(make_corpus, tmp_path):
    root = make_corpus({"a.txt": "un deux XNUMX trois quatre cinq six sept", "b.txt": "propre"})
    result = check(root)
    doc = next(d for d in result.corpus.documents if d.id == "a")
    extra = [
        doc.finding("duplicate.near", Severity.WARNING, "near <b>duplicate</b>"),
        doc.finding("encoding.mojibake", Severity.INFO, "overlaps", 3, 12, original_span=True),
        Finding("metadata.missing_file", Severity.ERROR, "row names gone.txt", file="gone.txt"),
    ]
    findings = sorted([*result.findings, *extra], key=Finding.sort_key)
    write_report(tmp_path / "report.html", BuildResult(result.corpus, findings, None))
    page = (tmp_path / "report.html").read_text(encoding="utf-8")

    parse(page)
    assert "near &lt;b&gt;duplicate&lt;/b&gt;" in page
    # The two spans cross: the placeholder is cut in two where the other ends.
    assert len(re.findall(r'<mark [^>]*data-rule="encoding.mojibake"', page)) == 1
    assert len(re.findall(r'<mark [^>]*data-rule="artifact.placeholder"', page)) == 2
    assert "gone.txt" in page.split('id="corpus"', 1)[1]
    clean = page.split('<tr data-doc="b"', 1)[1].split("</tr>", 1)[0]
    assert "b.txt" in clean and "<a " not in clean, "listed, with no link"
    assert 'id="doc-b"' not in page, "no text shown for a clean document"


def test_caps_keep_a_large_corpus_readable_and_say_so():
    from corpuscheck.report import Limits, render_report
    from tests.report.conftest import large_result

    result = large_result(documents=60, every=2)
    limits = Limits(table_rows=20, detailed=5, text_chars=120, findings_per_document=1)
    page = render_report(result, limits=limits)
    parsed = parse(page)
    assert page.count('<tr data-doc="') == 20
    assert page.count('<article class="doc"') == 5
    assert "The table lists the 20 worst of 60 documents" in page
    assert "Text and findings are shown for the 5 worst of the 30 documents with findings" in page
    assert "shown around its findings" in page and "characters not shown" in page
    assert "1 more finding of this document is in" in page
    for _, attrs in parsed.tags:
        if (attrs.get("href") or "").startswith("#"):
            assert attrs["href"][1:] in parsed.ids, f"link to a missing id {attrs['href']}"
    assert len(parsed.ids) == len(set(parsed.ids))


def test_documents_are_sorted_worst_first():
    from corpuscheck.report.context import build_context

    context = build_context(large_result_for_sorting())
    assert [row.id for row in context.table][:2] == ["b", "a"]


def large_result_for_sorting() -> BuildResult:
    from corpuscheck.model import Corpus, Document

    docs = [Document(i, f"{i}.txt", "texte " * 20, "texte " * 20) for i in ("a", "b", "c")]
    findings = [
        docs[0].finding("artifact.placeholder", Severity.WARNING, "w", 0, 5),
        docs[1].finding("artifact.placeholder", Severity.ERROR, "e", 0, 5),
    ]
    return BuildResult(Corpus("c", docs), findings, None)
