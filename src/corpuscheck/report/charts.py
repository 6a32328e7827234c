"""The report's two charts, laid out here as plain SVG shapes the template draws.

* :func:`bar_chart`: languages, declared against detected, one row per language;
* :func:`histogram`: document lengths, each bar split into documents with and
  without findings; on a log scale when lengths span orders of magnitude.

Each chart also comes as a table (the same numbers, for screen readers and
for copying). Coordinates are formatted here, so the output is deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

WIDTH = 360
"""The width of every chart's viewBox; it scales to its box on the page."""


@dataclass(frozen=True, slots=True)
class Rect:
    x: str
    y: str
    width: str
    height: str
    css: str
    title: str


@dataclass(frozen=True, slots=True)
class Text:
    x: str
    y: str
    text: str
    anchor: str = "start"
    css: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    x1: str
    y1: str
    x2: str
    y2: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart: its SVG shapes, a legend, and the same numbers as a table."""

    title: str
    description: str
    width: int
    height: int
    rects: tuple[Rect, ...]
    texts: tuple[Text, ...]
    lines: tuple[Line, ...]
    legend: tuple[tuple[str, str], ...]
    """(label, css class) of each series."""
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


BarChart = Chart
Histogram = Chart


def _n(value: float) -> str:
    """A coordinate: at most one decimal, no trailing ``.0``.

    >>> _n(3.0), _n(2.25), _n(-0.0)
    ('3', '2.2', '0')
    """
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def compact(value: int) -> str:
    """A length written short: ``950``, ``1.2k``, ``25k``, ``3M``.

    >>> [compact(v) for v in (0, 950, 1000, 1250, 25_000, 3_000_000)]
    ['0', '950', '1k', '1.2k', '25k', '3M']
    """
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if value >= size:
            short = f"{value / size:.1f}".removesuffix(".0")
            if len(short) > 3:
                short = f"{value // size}"
            return short + suffix
    return str(value)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def bar_chart(
    title: str, series: Sequence[str], values: Mapping[str, Mapping[str, int]], top: int = 10
) -> Chart:
    """Horizontal bars, one row per label (most first), one bar per series.

    ``values[series][label]`` is a count. Labels past the ``top`` most
    frequent are added up as ``other``.
    """
    totals: dict[str, int] = {}
    for per_label in values.values():
        for label, count in per_label.items():
            totals[label] = totals.get(label, 0) + count
    labels = sorted(totals, key=lambda lab: (-totals[lab], lab))
    shown, rest = labels[:top], labels[top:]
    rows: list[tuple[str, list[int]]] = [
        (lab, [values[s].get(lab, 0) for s in series]) for lab in shown
    ]
    if rest:
        rows.append(("other", [sum(values[s].get(lab, 0) for lab in rest) for s in series]))

    bar_h, gap, row_h, top_pad = 10, 2, 8 + len(series) * 12, 4
    left, right = 58, 40
    span = WIDTH - left - right
    most = max((n for _, ns in rows for n in ns), default=0) or 1
    height = top_pad * 2 + row_h * max(len(rows), 1)
    rects, texts = [], []
    for i, (label, counts) in enumerate(rows):
        y0 = top_pad + i * row_h
        texts.append(Text(_n(left - 6), _n(y0 + row_h / 2 + 3), label, "end", "label"))
        for j, (name, n) in enumerate(zip(series, counts, strict=True)):
            y = y0 + 4 + j * (bar_h + gap)
            w = span * n / most
            rects.append(
                Rect(
                    _n(left),
                    _n(y),
                    _n(max(w, 0.5 if n else 0)),
                    _n(bar_h),
                    f"s{j}",
                    f"{label}, {name}: {_plural(n, 'document')}",
                )
            )
            texts.append(Text(_n(left + w + 4), _n(y + bar_h - 1.5), f"{n:,}", "start", "count"))
    lines = (Line(_n(left), "0", _n(left), _n(height)),)
    return Chart(
        title=title,
        description=", ".join(
            f"{label}: " + ", ".join(f"{n:,} {s}" for s, n in zip(series, counts, strict=True))
            for label, counts in rows
        ),
        width=WIDTH,
        height=height,
        rects=tuple(rects),
        texts=tuple(texts),
        lines=lines,
        legend=tuple((s, f"s{j}") for j, s in enumerate(series)),
        head=("language", *series),
        rows=tuple((label, *(f"{n:,}" for n in counts)) for label, counts in rows),
    )


def _nice(step: float) -> int:
    """The smallest of 1, 2, 5 × 10ⁿ that is at least ``step`` (and at least 1).

    >>> [_nice(x) for x in (0.3, 1, 3, 7, 12, 180)]
    [1, 1, 5, 10, 20, 200]
    """
    if step <= 1:
        return 1
    power = 10 ** math.floor(math.log10(step))
    for m in (1, 2, 5, 10):
        if m * power >= step:
            return int(m * power)
    return int(10 * power)  # pragma: no cover - the loop always returns


def bin_edges(lengths: Sequence[int], target: int = 12) -> tuple[list[int], bool]:
    """Edges of the length bins, and whether they are on a log scale.

    Linear bins of a round width when the lengths are of one order of
    magnitude; else bins at 1, 2, 5 × 10ⁿ.

    >>> bin_edges([2000, 2600, 3100])
    ([2000, 2100, 2200, 2300, 2400, 2500, 2600, 2700, 2800, 2900, 3000, 3100, 3200], False)
    >>> bin_edges([3, 40, 5000])
    ([2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000], True)
    """
    if not lengths:
        return [0, 1], False
    low, high = min(lengths), max(lengths)
    if high >= 200 and high > 20 * max(low, 1):
        sequence = ((1, 2, 5)[k % 3] * 10 ** (k // 3) for k in range(60))
        edges = [0]
        for value in sequence:
            if value <= low:
                edges = [value]
            else:
                edges.append(value)
                if value > high:
                    break
        return edges, True
    step = _nice((high - low) / target) if high > low else _nice(max(high, 1) / target)
    start = low // step * step
    edges = [start]
    while edges[-1] <= high:
        edges.append(edges[-1] + step)
    return edges, False


def histogram(lengths: Sequence[tuple[int, bool]]) -> Chart:
    """Documents by length; ``lengths`` holds (length, has findings) per document."""
    edges, log = bin_edges([n for n, _ in lengths])
    bins = [[0, 0] for _ in edges[:-1]]
    for length, has_findings in lengths:
        i = max(0, min(len(bins) - 1, _bin(edges, length)))
        bins[i][1 if has_findings else 0] += 1

    height, top, bottom, left, right = 190, 10, 44, 34, 16
    plot_h = height - top - bottom
    span = WIDTH - left - right
    most = max((c + f for c, f in bins), default=0) or 1
    width = span / len(bins)
    rects, texts = [], []
    for i, (clean, flagged) in enumerate(bins):
        x = left + i * width
        label = _range_label(edges[i], edges[i + 1])
        title = (
            f"{label} characters: {_plural(clean + flagged, 'document')}, {flagged:,} with findings"
        )
        base: float = top + plot_h
        for count, css in ((flagged, "s1"), (clean, "s0")):
            if count:
                h = plot_h * count / most
                rects.append(
                    Rect(_n(x + 1), _n(base - h), _n(max(width - 2, 1)), _n(h), css, title)
                )
                base -= h
    labelled = _label_every(len(edges), width)
    for i, edge in enumerate(edges):
        if i % labelled == 0 or i == len(edges) - 1:
            texts.append(
                Text(_n(left + i * width), _n(top + plot_h + 14), compact(edge), "middle", "tick")
            )
    texts.append(Text(_n(left - 4), _n(top + 8), f"{most:,}", "end", "tick"))
    texts.append(Text(_n(left - 4), _n(top + plot_h), "0", "end", "tick"))
    axis = "length in characters" + (" (log scale)" if log else "")
    texts.append(Text(_n(left + span / 2), _n(height - 6), axis, "middle", "axis"))
    lines = (
        Line(_n(left), _n(top + plot_h), _n(WIDTH - right), _n(top + plot_h)),
        Line(_n(left), _n(top), _n(left), _n(top + plot_h)),
    )
    rows = tuple(
        (_range_label(edges[i], edges[i + 1]), f"{c + f:,}", f"{f:,}")
        for i, (c, f) in enumerate(bins)
        if c + f
    )
    return Chart(
        title="Document lengths",
        description="; ".join(
            f"{r[0]} characters: {r[1]} documents, {r[2]} with findings" for r in rows
        ),
        width=WIDTH,
        height=height,
        rects=tuple(rects),
        texts=tuple(texts),
        lines=lines,
        legend=(("no findings", "s0"), ("with findings", "s1")),
        head=("characters", "documents", "with findings"),
        rows=rows,
    )


def _bin(edges: Sequence[int], n: int) -> int:
    import bisect

    return bisect.bisect_right(edges, n) - 1


def _range_label(low: int, high: int) -> str:
    """``low`` to ``high - 1`` (bins hold ``low <= n < high``)."""
    if high - low == 1:
        return f"{low:,}"
    return f"{low:,}–{high - 1:,}"


def _label_every(count: int, width: float) -> int:
    """Label every k-th edge so that labels (about 30 units wide) do not collide."""
    return max(1, math.ceil(40 / max(width, 1)))
