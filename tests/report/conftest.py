"""Fixtures of the report tests: reports to look at, a real browser, the Nu HTML checker.

The browser is Debian's Chromium driven by Playwright for Python (never a
browser Playwright downloads itself); the checker is the W3C Nu HTML checker
(vnu-jar, from the npm registry) run with Java. ``scripts/install-test-tools.sh``
installs both; ``make test`` runs it first. Where a tool is missing the tests
that need it are skipped with the reason, except under CI (``CI=true``), where
they fail: CI must run them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from corpuscheck.model import Corpus, Document, Finding, Severity
from corpuscheck.pipeline import BuildResult, build, check
from corpuscheck.report import write_report

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tests" / "report" / "tools"
VNU_JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL = "run scripts/install-test-tools.sh (make test does)"

MANIFEST_HEADER = "file_name,language,title,source,url,published,translated_from,license\n"

EVIL_TEXT = (
    "Texte <script>window.__pwned = 1; alert(1)</script> puis "
    '"><img src=x onerror="window.__pwned = 2"> et encore 1000 XNUMX personnes '
    "selon les autorités locales, qui ont confirmé le bilan dans la soirée.\n"
)
EVIL_TITLE = '"><img src=x onerror="window.__pwned = 3"><script>window.__pwned = 4</script>'
EVIL_FILE = 'x"><img src=y onerror="window.__pwned=5">.txt'
PARAGRAPH = (
    "Les négociations entre les deux délégations se poursuivent à Istanbul, "
    "où les représentants ont discuté d'un échange de prisonniers. "
)
LONG_FILLER = PARAGRAPH * 260  # about 33,000 characters: shown around its findings


def missing(reason: str) -> None:
    """Skip the test, or fail it under CI, where every test must run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}: {INSTALL}", pytrace=False)
    pytest.skip(f"{reason}: {INSTALL}")


def rich_files(old: bool = False) -> dict[str, str]:
    """A small corpus with one of everything the report shows.

    ``old`` is its earlier state, for a baseline: ``long.txt`` had a second
    placeholder (fixed since), ``unique.txt`` did not exist (its finding is
    new), and ``mojibake.txt`` had a sentence more at the start (which moves
    every later offset but makes no finding new).
    """
    long = LONG_FILLER[:15_000] + " Il y a eu XNUMX blessés. " + LONG_FILLER[15_000:]
    mojibake = (
        "\ufeffLâ€™Ukraine et la Russie ont Ã©changÃ© des prisonniers. "
        "Le prÃ©sident a dÃ©clarÃ© que XNUMX soldats Ã©taient rentrÃ©s.\n"
        "La suite du texte est propre et parle des négociations à Istanbul.\n"
    )
    files = {
        "mojibake.txt": mojibake,
        "evil.txt": EVIL_TEXT * 2,
        EVIL_FILE: EVIL_TEXT,
        "long.txt": long,
        "propre.txt": PARAGRAPH * 3,
        "unique.txt": (
            "Un muscle zygomatique et 25 XNUMX réfugiés, selon le gouvernement, qui a "
            "publié ces chiffres lundi soir après une réunion du conseil des ministres.\n"
        ),
    }
    if old:
        files["long.txt"] = long[:500] + " On compte XNUMX morts. " + long[500:]
        files["mojibake.txt"] = "\ufeffUne phrase de plus au début. " + mojibake[1:]
        del files["unique.txt"]
    return files


def write_corpus(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    rows = []
    for name, text in sorted(files.items()):
        (root / name).write_text(text, encoding="utf-8")
        title = EVIL_TITLE.replace('"', '""') if name == "evil.txt" else ""
        rows.append(f'"{name.replace(chr(34), chr(34) * 2)}",fr,"{title}",,,,,\n')
    (root / "metadata.csv").write_text(MANIFEST_HEADER + "".join(rows), encoding="utf-8")
    return root


@dataclass
class Report:
    """A report written to ``path`` from ``result``."""

    path: Path
    result: BuildResult
    html: str = field(repr=False)

    @property
    def url(self) -> str:
        return self.path.as_uri()


@pytest.fixture(scope="session")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    result = check(ROOT / "seeds")
    path = tmp_path_factory.mktemp("seeds-report") / "report.html"
    write_report(path, result)
    return Report(path, result, path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def rich_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The rich corpus's report, compared with the build of its earlier state."""
    base = tmp_path_factory.mktemp("rich")
    old_out = base / "old-out"
    build(write_corpus(base / "old" / "corpus", rich_files(old=True)), old_out)
    result = check(write_corpus(base / "new" / "corpus", rich_files()))
    path = base / "report.html"
    write_report(path, result, old_out)
    return Report(path, result, path.read_text(encoding="utf-8"))


def large_result(documents: int = 3000, every: int = 3) -> BuildResult:
    """A generated corpus of small documents; every ``every``-th has a placeholder."""
    docs, findings = [], []
    for i in range(documents):
        text = f"Document {i}. " + PARAGRAPH * (1 + i % 7)
        if i % every == 0:
            text += f"Il y a {i} XNUMX personnes. "
        doc = Document(
            id=f"doc{i:05d}",
            file=f"doc{i:05d}.txt",
            original=text,
            text=text,
            metadata={"language": "fr" if i % 10 else "de"},
            computed={"detected_language": "fr"},
        )
        docs.append(doc)
        start = text.find("XNUMX")
        if start >= 0:
            findings.append(
                doc.finding(
                    "artifact.placeholder",
                    Severity.ERROR,
                    "placeholder token 'XNUMX' left in the text",
                    start,
                    start + 5,
                    evidence={"token": "XNUMX"},
                )
            )
        if i % 10 == 0:
            findings.append(
                doc.finding("language.mismatch", Severity.WARNING, "declared de, reads as fr")
            )
    findings.sort(key=Finding.sort_key)
    return BuildResult(Corpus("large", docs), findings, None)


@pytest.fixture(scope="session")
def large_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    result = large_result()
    path = tmp_path_factory.mktemp("large") / "report.html"
    write_report(path, result)
    return Report(path, result, path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def chromium() -> str:
    path = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if path is None:
        missing("Chromium is not installed")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Page:
    """A page in a fresh browser context, with everything it logged."""

    page: Any
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        logged = [m for m in self.console if m.startswith(("error", "warning"))]
        return logged + self.errors + [f"dialog: {d}" for d in self.dialogs]


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Page]]:
    """``open_page(url, width=1280, height=900)``: load ``url`` and record what it logs."""
    contexts = []

    def open_(url: str, width: int = 1280, height: int = 900, **options: Any) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        seen = Page(page)
        page.on("console", lambda m: seen.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: seen.errors.append(f"page error: {e}"))
        page.on("request", lambda r: seen.requests.append(r.url))

        def dialog(d: Any) -> None:
            seen.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(url)
        page.wait_for_load_state("load")
        return seen

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the Nu HTML checker."""
    java = shutil.which("java")
    if java is None:
        missing("Java is not installed")
    if not VNU_JAR.is_file():
        missing("the Nu HTML checker (vnu-jar) is not installed")
    assert java is not None
    return [java, "-jar", str(VNU_JAR)]
