"""Drawing primitives of the static charts, in Pillow: canvas, axes, ticks, legend, text.

The views draw their pictures for headless runs (see :mod:`.picture`) with
these, so all look alike and none depends on matplotlib. Text from payloads
(dataset names, ids, titles) is only ever passed to Pillow as glyphs to draw,
after :func:`clean_label`.
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
