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
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.problems == []
    assert parser.stack == [], "every element is closed"
    return parser


@pytest.fixture(scope="module")
def seeds_result() -> BuildResult:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return check("seeds")


@pytest.fixture
def seeds_page(seeds_result: BuildResult, tmp_path: Path) -> str:
    write_report(tmp_path / "report.html", seeds_result)
    return (tmp_path / "report.html").read_text(encoding="utf-8")


def test_seeds_report_highlights_xnumx(seeds_page):
    mark = re.search(
        r'<mark class="f cat-artifact sev-error"[^>]*'
        r'data-rule="artifact.placeholder"[^>]*id="doc-000_a55f85f9d2cdd8e4-f1">XNUMX</mark>',
        seeds_page,
    )
    assert mark, "the XNUMX placeholder is highlighted in document 000"
    assert seeds_page[mark.start() - len("1000 ") : mark.start()] == "1000 "
    assert seeds_page[mark.end() : mark.end() + len(" personnes")] == " personnes"
    assert 'href="#doc-000_a55f85f9d2cdd8e4-f1"' in seeds_page


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
    assert csp == [
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
    ]
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            if name in NETWORK_ATTRIBUTES and value:
                assert value.startswith(("#", "data:")), f"<{tag} {name}={value!r}>"
        assert tag not in {"link", "iframe", "object", "embed", "base", "img"}
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
    assert re.search(r"&lt;script&gt;alert\(<mark [^>]*>XNUMX</mark>\)&lt;/script&gt;", page)


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
    clean = page.split('<ul class="clean mono">', 1)[1].split("</ul>", 1)[0]
    assert "b.txt" in clean
    assert 'id="doc-b"' not in page, "no text shown for a clean document"
