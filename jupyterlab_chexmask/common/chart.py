"""Drawing primitives of the static charts, in Pillow: canvas, axes, ticks, legend, text.

The RCA histogram and the landmark plot draw their pictures for headless runs
(see :mod:`.picture`) with these, so both look alike and neither depends on
matplotlib. Text from payloads (dataset names, ids, titles) is only ever
passed to Pillow as glyphs to draw, after :func:`clean_label`.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ..types import AnyArray
from .colors import RGB

BACKGROUND: RGB = (255, 255, 255)
#: Axis lines and ticks: mid grey, so they never read as data.
AXIS: RGB = (128, 128, 128)
TEXT: RGB = (51, 51, 51)
#: The image area behind landmarks: a light grey, as the view's frame.
IMAGE_AREA: RGB = (238, 238, 238)

#: d3's ``schemeTableau10``, which the views use for datasets and groups.
TABLEAU10: tuple[RGB, ...] = tuple(
    (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
    for h in (
        "4e79a7",
        "f28e2c",
        "e15759",
        "76b7b2",
        "59a14f",
        "edc949",
        "af7aa1",
        "ff9da7",
        "9c755f",
        "bab0ab",
    )
)

FONT_SIZE = 12
TICK = 4
_LABEL_CHARS = 48


def series_color(index: int) -> RGB:
    """The colour of the ``index``-th dataset or group, repeating after ten as in the views."""
    return TABLEAU10[index % len(TABLEAU10)]


def font(size: int = FONT_SIZE) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """Pillow's default font at ``size`` (its bitmap font where FreeType or sizes are missing)."""
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, ImportError, OSError):  # Pillow < 10.1, or built without FreeType
        return ImageFont.load_default()


def text_width(text: str, face: ImageFont.ImageFont | ImageFont.FreeTypeFont) -> float:
    """The drawn width of one line of text, in pixels."""
    return ImageDraw.Draw(Image.new("L", (1, 1))).textlength(text, font=face)


def put_text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    anchor: str = "lt",
    face: ImageFont.ImageFont | ImageFont.FreeTypeFont | None = None,
) -> None:
    """One line of text placed by its drawn box: ``anchor`` is horizontal ``l``/``m``/``r``
    then vertical ``t``/``m``/``d`` (as Pillow's anchors, which bitmap fonts refuse).

    Vertically the box of ``"Hg"`` is used, so labels with and without
    descenders line up."""
    face = face or font()
    left, _, right, _ = draw.textbbox((0, 0), text, font=face)
    _, top, _, bottom = draw.textbbox((0, 0), "Hg", font=face)
    x = xy[0] - {"l": left, "m": (left + right) / 2, "r": right}[anchor[0]]
    y = xy[1] - {"t": top, "m": (top + bottom) / 2, "d": bottom}[anchor[1]]
    draw.text((round(x), round(y)), text, fill=TEXT, font=face)


def clean_label(text: object, max_chars: int = _LABEL_CHARS) -> str:
    """Text from a payload as one line to draw: control characters (newlines
    would start a second line) become spaces, and long text is shortened."""
    line = "".join(" " if unicodedata.category(c).startswith("C") else c for c in str(text))
    return line if len(line) <= max_chars else line[: max_chars - 3] + "..."


def new_canvas(width: int, height: int) -> Image.Image:
    """A blank RGBA canvas (RGBA so translucent layers can be composited onto it)."""
    return Image.new("RGBA", (width, height), (*BACKGROUND, 255))


@contextmanager
def translucent(canvas: Image.Image) -> Iterator[ImageDraw.ImageDraw]:
    """Draw on a transparent layer, composited onto ``canvas`` at the end.

    Pillow's ``ImageDraw`` writes RGBA values without blending them, so
    semi-transparent shapes must be drawn apart and composited.
    """
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    yield ImageDraw.Draw(layer)
    canvas.alpha_composite(layer)


def blend(canvas: Image.Image, alpha: AnyArray, color: RGB) -> None:
    """Paint ``color`` over ``canvas`` with a per-pixel opacity (0–1, the canvas's shape)."""
    layer = np.zeros((*alpha.shape, 4), dtype=np.uint8)
    layer[..., :3] = color
    layer[..., 3] = np.clip(np.rint(alpha * 255), 0, 255).astype(np.uint8)
    canvas.alpha_composite(Image.fromarray(layer, "RGBA"))


@dataclass(frozen=True)
class Axes:
    """A plot area on the canvas and the data ranges it shows.

    ``left``/``right`` and ``top``/``bottom`` are the area's edges in canvas
    pixels; ``x_range`` maps onto left→right, ``y_range`` onto bottom→top, or
    top→bottom when ``y_down`` (image coordinates).
    """

    left: int
    top: int
    right: int
    bottom: int
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    y_down: bool = False

    def px(self, x: float) -> float:
        """The canvas column of a data x."""
        x0, x1 = self.x_range
        return self.left + (x - x0) / (x1 - x0) * (self.right - self.left)

    def py(self, y: float) -> float:
        """The canvas row of a data y."""
        y0, y1 = self.y_range
        share = (y - y0) / (y1 - y0) * (self.bottom - self.top)
        return self.top + share if self.y_down else self.bottom - share


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """About ``count`` round tick values in [low, high], steps of 1, 2 or 5 × 10ⁿ.

    As d3's ``ticks``.
    """
    if not high > low:
        return [low]
    step = (high - low) / count
    power = math.floor(math.log10(step))
    error = step / 10**power
    factor = (
        10
        if error >= math.sqrt(50)
        else 5
        if error >= math.sqrt(10)
        else 2
        if error >= math.sqrt(2)
        else 1
    )
    step = factor * 10.0**power
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    # Rounded so 3 × 0.1 labels as 0.3, not 0.30000000000000004.
    return [round(i * step, 12) for i in range(first, last + 1)]


def tick_format(ticks: Sequence[float]) -> Callable[[float], str]:
    """Labels with as many decimals as the step needs; thousands as ``k``, millions as ``M``."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))

    def label(value: float) -> str:
        size = abs(value)
        if size >= 1e6 and step >= 1e5:
            return f"{value / 1e6:g}M"
        if size >= 1e4 and step >= 1e3:
            return f"{value / 1e3:g}k"
        return f"{value:.{decimals}f}"

    return label


def draw_axes(
    draw: ImageDraw.ImageDraw,
    axes: Axes,
    x_ticks: Sequence[float],
    y_ticks: Sequence[float],
    x_label: str,
    y_label: str,
) -> None:
    """The plot area's frame, outward ticks with labels on the left and bottom, and axis titles.

    The x title is centred under the tick labels; the y title sits above the
    area's top-left corner (no rotated text: Pillow would need a second image).
    """
    face = font()
    draw.rectangle((axes.left, axes.top, axes.right, axes.bottom), outline=AXIS, width=1)
    x_text, y_text = tick_format(x_ticks), tick_format(y_ticks)
    for value in x_ticks:
        x = round(axes.px(value))
        draw.line((x, axes.bottom, x, axes.bottom + TICK), fill=AXIS)
        put_text(draw, (x, axes.bottom + TICK + 2), x_text(value), "mt", face)
    for value in y_ticks:
        y = round(axes.py(value))
        draw.line((axes.left - TICK, y, axes.left, y), fill=AXIS)
        put_text(draw, (axes.left - TICK - 3, y), y_text(value), "rm", face)
    centre = (axes.left + axes.right) / 2
    put_text(draw, (centre, axes.bottom + TICK + 2 + FONT_SIZE + 6), x_label, "mt", face)
    put_text(draw, (axes.left, axes.top - 6), y_label, "ld", face)


#: Legend geometry: swatch side, gap after it, gap between entries, line height.
_SWATCH, _SWATCH_GAP, _ENTRY_GAP, _LINE = 10, 5, 16, 18


def _legend_lines(labels: Sequence[str], max_width: int) -> list[list[tuple[int, float]]]:
    """Entries flowed into lines no wider than ``max_width``: (entry index, x offset) per line."""
    face = font()
    lines: list[list[tuple[int, float]]] = [[]]
    x = 0.0
    for i, label in enumerate(labels):
        width = _SWATCH + _SWATCH_GAP + text_width(label, face)
        if lines[-1] and x + width > max_width:
            lines.append([])
            x = 0.0
        lines[-1].append((i, x))
        x += width + _ENTRY_GAP
    return lines


def legend_height(labels: Sequence[str], max_width: int) -> int:
    """The height :func:`draw_legend` takes for these labels (to size the canvas first)."""
    return len(_legend_lines(labels, max_width)) * _LINE if labels else 0


def draw_legend(
    draw: ImageDraw.ImageDraw,
    entries: Sequence[tuple[str, RGB]],
    left: int,
    top: int,
    max_width: int,
    swatch: str = "square",
) -> None:
    """A colour swatch and a label per entry, flowed left to right into lines.

    ``swatch`` is ``"square"`` (a filled square) or ``"line"`` (a short thick
    stroke, for outlines and contours).
    """
    face = font()
    labels = [label for label, _ in entries]
    for row, line in enumerate(_legend_lines(labels, max_width)):
        middle = top + row * _LINE + _LINE // 2
        for i, offset in line:
            label, color = entries[i]
            x = left + round(offset)
            if swatch == "line":
                draw.line((x, middle, x + _SWATCH, middle), fill=color, width=3)
            else:
                half = _SWATCH // 2
                draw.rectangle((x, middle - half, x + _SWATCH - 1, middle + half - 1), fill=color)
            put_text(draw, (x + _SWATCH + _SWATCH_GAP, middle), label, "lm", face)


def title_height(title: str | None) -> int:
    """The height :func:`draw_title` takes (0 without a title)."""
    return FONT_SIZE + 10 if title else 0


def draw_title(draw: ImageDraw.ImageDraw, title: str | None, left: int, top: int) -> None:
    """The payload's title (cleaned, shortened) at the top left, if there is one."""
    if title:
        put_text(draw, (left, top), clean_label(title, 90), "lt", font(FONT_SIZE + 2))


def finish(canvas: Image.Image) -> Image.Image:
    """The canvas as the RGB picture to encode (no alpha: smaller PNGs, same look)."""
    return canvas.convert("RGB")


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
