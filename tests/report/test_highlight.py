import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.report.highlight import Highlight, highlight, segments


class MarkCoverage(HTMLParser):
    """Collects, for each span (``data-i``), the text inside its ``<mark>`` pieces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[int] = []
        self.covered: dict[int, str] = {}
        self.ids: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        assert tag == "mark"
        values = dict(attrs)
        self.stack.append(int(values["data-i"]))
        if "id" in values:
            self.ids.append(values["id"])

    def handle_endtag(self, tag):
        assert tag == "mark"
        self.stack.pop()

    def handle_data(self, data):
        self.text += data
        for i in set(self.stack):
            self.covered[i] = self.covered.get(i, "") + data


def marks(spans):
    return [
        Highlight(s, e, (("data-i", str(i)),), anchor=f"m{i}") for i, (s, e) in enumerate(spans)
    ]


def parse(markup):
    parser = MarkCoverage()
    parser.feed(str(markup))
    parser.close()
    assert parser.stack == [], "every <mark> is closed"
    return parser


@st.composite
def text_and_spans(draw):
    alphabet = st.sampled_from(list("ab <>&\"';#\n\r\té⟦")) | st.characters()
    text = draw(st.text(alphabet, max_size=40))
    bound = st.integers(0, len(text))
    pairs = draw(st.lists(st.tuples(bound, bound), max_size=8))
    return text, [(min(a, b), max(a, b)) for a, b in pairs]


@given(text_and_spans())
def test_stripping_tags_and_unescaping_gives_back_the_text(case):
    text, spans = case
    markup = str(highlight(text, marks(spans)))
    assert html.unescape(re.sub(r"<[^>]*>", "", markup)) == text


@given(text_and_spans())
def test_each_span_covers_exactly_its_text_and_has_one_anchor(case):
    text, spans = case
    parser = parse(highlight(text, marks(spans)))
    assert parser.text == text
    for i, (start, end) in enumerate(spans):
        assert parser.covered.get(i, "") == text[start:end]
    assert sorted(parser.ids) == sorted(f"m{i}" for i in range(len(spans)))


@given(text_and_spans())
def test_segments_partition_the_text(case):
    text, spans = case
    pieces = segments(text, spans)
    assert "".join(p for p, _ in pieces) == text
    position = 0
    for piece, covering in pieces:
        assert piece
        wanted = {
            i for i, (s, e) in enumerate(spans) if s <= position and position + len(piece) <= e
        }
        assert set(covering) == wanted
        position += len(piece)


@pytest.mark.parametrize(
    "spans, expected",
    [
        # Crossing: the second span is cut where the first ends.
        (
            [(1, 4), (2, 6)],
            'a<mark data-i="0" id="m0">b<mark data-i="1" id="m1">cd</mark></mark>'
            '<mark data-i="1" data-cont="">ef</mark>g',
        ),
        # Nested: the inner span sits inside the outer one.
        (
            [(1, 6), (2, 4)],
            'a<mark data-i="0" id="m0">b<mark data-i="1" id="m1">cd</mark>ef</mark>g',
        ),
        # Adjacent: one closes, the next opens.
        (
            [(0, 2), (2, 4)],
            '<mark data-i="0" id="m0">ab</mark><mark data-i="1" id="m1">cd</mark>efg',
        ),
        # Same span twice: both marks, nested.
        (
            [(3, 5), (3, 5)],
            'abc<mark data-i="0" id="m0"><mark data-i="1" id="m1">de</mark></mark>fg',
        ),
        # Empty span: an empty mark where it is.
        ([(3, 3)], 'abc<mark data-i="0" id="m0"></mark>defg'),
        # Past the end: clamped.
        ([(5, 99)], 'abcde<mark data-i="0" id="m0">fg</mark>'),
        ([(99, 99)], 'abcdefg<mark data-i="0" id="m0"></mark>'),
    ],
)
def test_overlapping_nested_adjacent_empty(spans, expected):
    assert str(highlight("abcdefg", marks(spans))) == expected


def test_text_and_attribute_values_are_escaped():
    span = Highlight(0, 8, (("title", '"><img src=x>'),), anchor='a"b')
    out = str(highlight("<script>x", [span]))
    assert out == ('<mark title="&#34;&gt;&lt;img src=x&gt;" id="a&#34;b">&lt;script&gt;</mark>x')


@pytest.mark.parametrize("name", ["id", "on click", "x>", ""])
def test_bad_attribute_names_are_refused(name):
    with pytest.raises(ValueError):
        Highlight(0, 1, ((name, "v"),))
