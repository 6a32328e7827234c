"""Markup left in the text: HTML tags and comments, Markdown, wiki syntax, shortcodes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpuscheck.checks.registry import document_check
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

HTML_TAGS = [
    "a", "abbr", "article", "aside", "audio", "b", "blockquote", "body", "br", "button",
    "caption", "center", "cite", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "embed", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "head", "header", "hr", "html", "i", "iframe", "img", "input", "ins", "label", "li",
    "link", "main", "mark", "meta", "nav", "noscript", "ol", "p", "picture", "pre", "q", "s",
    "script", "section", "small", "source", "span", "strike", "strong", "style", "sub",
    "summary", "sup", "table", "tbody", "td", "th", "thead", "time", "title", "tr", "u", "ul",
    "video", "wbr"
]  # fmt: skip
"""Tag names that are HTML: ``<paquet>`` in a sentence is a placeholder, ``<p>`` is markup."""

SHORTCODES = [
    "caption", "gallery", "embed", "video", "audio", "image", "img", "photo", "url", "link",
    "quote", "b", "i", "u", "youtube", "tweet", "instagram", "facebook", "iframe", "ad", "pub"
]  # fmt: skip
"""Bracketed shortcodes of blog engines and forums (``[caption ...]``, BBCode ``[b]``)."""

_TAGS = "|".join(sorted(HTML_TAGS, key=len, reverse=True))
_CODES = "|".join(sorted(SHORTCODES, key=len, reverse=True))

PATTERNS: dict[str, re.Pattern[str]] = {
    "html comment": re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S),
    "html tag": re.compile(
        rf"</?(?:{_TAGS})(?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))?)*\s*/?>",
        re.I,
    ),
    "html tag with attributes": re.compile(
        r"<[a-zA-Z][\w:-]*(?:\s+[a-zA-Z-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'))+\s*/?>"
    ),
    "shortcode": re.compile(rf"\[/?(?:{_CODES})(?:[\s=][^\]\n]*)?\]", re.I),
    "markdown link": re.compile(r"!?\[[^\]\n]{1,200}\]\((?:https?://|/|#|www\.)[^)\s]*\)"),
    "markdown emphasis": re.compile(r"(?<![\w*])\*\*(?=\S)[^*\n]{1,200}(?<=\S)\*\*(?![\w*])"),
    "markdown heading": re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S.*$", re.M),
    "wiki link": re.compile(r"\[\[[^\[\]\n]{1,200}\]\]"),
    "wiki template": re.compile(r"\{\{[^{}\n]{1,200}\}\}"),
    "wiki emphasis": re.compile(r"'''+[^'\n]{1,200}'''+"),
    "wiki heading": re.compile(r"^[ \t]*={2,6}[^=\n]{1,200}={2,6}[ \t]*$", re.M),
    "url in brackets": re.compile(
        r"\[\s*(?:https?://|www\.)[^\]\s]+\s*\]|<(?:https?://|www\.)[^>\s]+>"
    ),
}
"""Each kind of markup and how it is recognised."""


NEEDS: dict[str, tuple[str, ...]] = {
    "html comment": ("<!",),
    "html tag": ("<",),
    "html tag with attributes": ("<",),
    "shortcode": ("[",),
    "markdown link": ("](",),
    "markdown emphasis": ("**",),
    "markdown heading": ("#",),
    "wiki link": ("[[",),
    "wiki template": ("{{",),
    "wiki emphasis": ("''",),
    "wiki heading": ("==",),
    "url in brackets": ("[", "<"),
}
"""What every match of a pattern contains one of: a text without any is not searched. Most
prose holds none of these characters; a pattern whose look-behind or optional ``!`` leaves
the regular-expression engine no quick start costs a step per character."""

ALSO_NEEDS: dict[str, tuple[str, ...]] = {"url in brackets": ("http", "www.")}
"""What every match of a pattern contains one of too, beside :data:`NEEDS`: a bracket is in
a text of a manual in three, an address in one in ten."""


def _holds_one(text: str, needles: tuple[str, ...]) -> bool:
    """True when ``text`` contains one of ``needles``: each asked only when the text holds its
    first character, which a scan in C finds (or not) several times faster than the string."""
    return any(needle[0] in text and needle in text for needle in needles)


def _may_match(kind: str, text: str) -> bool:
    """False when ``text`` lacks what every match of the pattern of ``kind`` holds."""
    also = ALSO_NEEDS.get(kind)
    return _holds_one(text, NEEDS[kind]) and (also is None or _holds_one(text, also))


def find_markup(text: str) -> list[tuple[int, int, str]]:
    """Spans of markup in ``text`` as ``(start, end, kind)``, overlaps merged, in order.

    >>> find_markup("Le <b>paquet</b> et apt-get install <paquet>")
    [(3, 6, 'html tag'), (12, 16, 'html tag')]
    >>> find_markup("Voir [[Debian]] et **ceci**")
    [(5, 15, 'wiki link'), (19, 27, 'markdown emphasis')]
    """
    found = sorted(
        (m.start(), m.end(), kind)
        for kind, pattern in PATTERNS.items()
        if _may_match(kind, text)
        for m in pattern.finditer(text)
    )
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in found:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, kind))
    return merged


@document_check("artifact.markup")
def markup(doc: Document, config: Config) -> Iterator[Finding]:
    """Markup left in the text: HTML tags or comments, Markdown, wiki syntax, shortcodes.

    A corpus scraped from web pages or converted from a CMS keeps traces of
    its source: ``<p>``, ``<br/>``, ``<!-- more -->``, ``**gras**``,
    ``[texte](https://…)``, ``[[lien]]``, ``{{modèle}}``, ``[caption …]``
    or a bare ``[https://…]``. Only real markup is reported: ``<paquet>``
    standing for a name in a sentence, ``[…]`` in a quotation and ``&``
    are not markup (entities are reported by the encoding checks).

    >>> from corpuscheck.model import Document
    >>> text = "<p>Le paquet est <em>prêt</em>.</p>"
    >>> [text[f.start:f.end] for f in markup(Document("d", "d.txt", text, text), Config())]
    ['<p>', '<em>', '</em>', '</p>']
    """
    for start, end, kind in find_markup(doc.text):
        shown = doc.text[start:end]
        yield doc.finding(
            "artifact.markup",
            Severity.WARNING,
            f"{kind} left in the text: {shown if len(shown) <= 60 else shown[:57] + '…'!r}",
            start,
            end,
            evidence={"kind": kind, "markup": shown[:200]},
        )
