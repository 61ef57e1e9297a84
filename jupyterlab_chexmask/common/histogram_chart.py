"""The static histogram chart of the RCA and generic histogram views, on :mod:`.chart`'s parts.

Bars per series (translucent fills with step outlines, so overlaid series
stay readable), a threshold line with its label, and :func:`histogram_chart`,
which lays out the canvas, axes, legend and title the way both views'
pictures share.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw

from ..types import AnyArray
from .chart import (
    FONT_SIZE,
    TICK,
    Axes,
    draw_axes,
    draw_legend,
    draw_title,
    finish,
    font,
    legend_height,
    new_canvas,
    nice_ticks,
    put_text,
    text_width,
    title_height,
    translucent,
)
from .colors import RGB

#: Fill opacity of a histogram's bars: overlaid series stay visible through each other.
BAR_ALPHA = 0.25

#: The threshold line: black, which neither the palette nor the grey text uses.
THRESHOLD: RGB = (0, 0, 0)


def draw_histogram(
    canvas: Image.Image,
    draw: ImageDraw.ImageDraw,
    axes: Axes,
    series: Sequence[tuple[AnyArray, RGB]],
    lower: float,
    width: float,
) -> None:
    """Bars of several series overlaid: translucent fills, then each outline in its colour.

    Drawn bin ``i`` of every series spans ``[lower + i * width, lower + (i + 1) * width)``
    on the x axis; its count is the bar's height.
    """
    with translucent(canvas) as layer:
        for counts, color in series:
            for i in np.flatnonzero(counts):
                box = (
                    axes.px(lower + i * width),
                    axes.py(counts[i]),
                    axes.px(lower + (i + 1) * width),
                    axes.bottom,
                )
                layer.rectangle(tuple(round(v) for v in box), fill=(*color, round(BAR_ALPHA * 255)))
    for counts, color in series:
        outline = _step_outline(counts, axes, lower, width)
        if outline:
            draw.line(outline, fill=color, width=2)


def _step_outline(
    counts: AnyArray, axes: Axes, lower: float, width: float
) -> list[tuple[int, int]]:
    """The outline of a histogram's bars from its first to its last non-empty bin."""
    filled = np.flatnonzero(counts)
    if filled.size == 0:
        return []
    first, last = int(filled[0]), int(filled[-1])
    points: list[tuple[float, float]] = [(axes.px(lower + first * width), axes.bottom)]
    for i in range(first, last + 1):
        y = axes.py(counts[i])
        points += [(axes.px(lower + i * width), y), (axes.px(lower + (i + 1) * width), y)]
    points.append((axes.px(lower + (last + 1) * width), axes.bottom))
    return [(round(x), round(y)) for x, y in points]


def draw_threshold(draw: ImageDraw.ImageDraw, axes: Axes, value: float, label: str) -> None:
    """A vertical threshold line at ``value`` with its label beside it, on the side with room."""
    x = round(axes.px(value))
    draw.line((x, axes.top, x, axes.bottom), fill=THRESHOLD, width=2)
    face = font()
    if x + 6 + text_width(label, face) < axes.right:
        put_text(draw, (x + 6, axes.top + 4), label, "lt", face)
    else:
        put_text(draw, (x - 6, axes.top + 4), label, "rt", face)


#: A histogram picture's width and its plot area's height, in pixels.
HISTOGRAM_WIDTH = 760
HISTOGRAM_PLOT_HEIGHT = 300

_HIST_LEFT, _HIST_RIGHT, _HIST_TOP = 64, 24, 12
_BELOW_AXIS = TICK + 2 + FONT_SIZE + 6 + FONT_SIZE + 14


def histogram_chart(
    title: str | None,
    series: Sequence[tuple[str, RGB, AnyArray]],
    x_range: tuple[float, float],
    labels: tuple[str, str],
    threshold: tuple[float, str],
) -> tuple[Image.Image, Axes]:
    """The picture of overlaid histograms (the RCA view's and the generic one's) and its plot area.

    Args:
        title: The payload's title, or ``None``.
        series: Per series its legend label, colour and counts in equal bins
            spanning ``x_range``.
        x_range: The x values of the first bin's lower edge and the last's upper.
        labels: The x and y axis titles.
        threshold: Where the threshold line goes, and its label.
    """
    low, high = x_range
    n = max((len(counts) for _, _, counts in series), default=1)
    peak = max((int(np.max(counts)) for _, _, counts in series if len(counts)), default=0)
    entries = [(label, color) for label, color, _ in series]
    plot_width = HISTOGRAM_WIDTH - _HIST_LEFT - _HIST_RIGHT
    legend = legend_height([label for label, _ in entries], plot_width)
    top = _HIST_TOP + title_height(title) + FONT_SIZE + 8  # + the y-axis title
    height = top + HISTOGRAM_PLOT_HEIGHT + _BELOW_AXIS + legend + 10
    y_ticks = nice_ticks(0, max(1, peak), 5)
    axes = Axes(
        left=_HIST_LEFT,
        top=top,
        right=_HIST_LEFT + plot_width,
        bottom=top + HISTOGRAM_PLOT_HEIGHT,
        x_range=(low, high),
        # A little air above the highest bar, and never a zero-height range.
        y_range=(0.0, max(1.0, peak * 1.05, y_ticks[-1])),
    )
    canvas = new_canvas(HISTOGRAM_WIDTH, height)
    draw = ImageDraw.Draw(canvas)
    draw_title(draw, title, _HIST_LEFT, _HIST_TOP)
    draw_histogram(
        canvas, draw, axes, [(c, color) for _, color, c in series], low, (high - low) / n
    )
    draw_axes(draw, axes, nice_ticks(low, high, 10), y_ticks, *labels)
    draw_threshold(draw, axes, *threshold)
    draw_legend(draw, entries, _HIST_LEFT, axes.bottom + _BELOW_AXIS, plot_width)
    return finish(canvas), axes
