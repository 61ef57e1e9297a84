"""The cardiothoracic ratio's two widths in the kernel's picture of a row.

As ``drawRowAnnotations`` in ``src/row/picture.ts`` draws them (the view shows
them by default, ``showRatio`` in ``initialRowState``): the widest horizontal
extent of the lungs (thorax) and of the heart, each a dashed line along the
middle of its image row from its first column to past its last, 2 × scale
pixels wide, dashes 6 × scale on and 3 × scale off, where scale is
``max(1, longest side / 512)`` mask pixels, in the picture's colours.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..common.colors import RGB
from .check import CheckedRow
from .measure import Extent

if TYPE_CHECKING:
    from PIL import Image

#: The thorax's and the heart's line, as the view's picture strokes them.
THORAX_COLOR: RGB = (0xF0, 0xA0, 0x30)
HEART_COLOR: RGB = (0x30, 0xA0, 0xF0)
LINE_WIDTH = 2.0
DASH = (6.0, 3.0)


def draw_ratio(picture: Image.Image, row: CheckedRow, widths: tuple[Extent, Extent] | None) -> None:
    """Draw the ratio's widths ``(thorax, heart)`` onto a row's picture (nothing for ``None``).

    ``picture`` is the row's mask scaled to its size: a palette picture (the
    two colours are added to its palette) or RGB.
    """
    if widths is None:
        return
    from PIL import ImageDraw

    fx, fy = picture.width / row.width, picture.height / row.height
    scale = max(1.0, max(row.width, row.height) / 512)
    width = max(1, round(LINE_WIDTH * scale * min(fx, fy)))
    on, off = DASH[0] * scale * fx, DASH[1] * scale * fx
    colors: tuple[int | RGB, int | RGB] = (THORAX_COLOR, HEART_COLOR)
    if picture.mode == "P":
        palette = picture.getpalette() or []
        used = len(palette) // 3
        picture.putpalette([*palette, *THORAX_COLOR, *HEART_COLOR])
        colors = (used, used + 1)
    draw = ImageDraw.Draw(picture)
    for extent, color in zip(widths, colors, strict=True):
        y = (extent.row + 0.5) * fy
        x, end = extent.x0 * fx, (extent.x1 + 1) * fx
        while x < end:  # the dashes from the line's start, as a canvas dashes a path
            stop = min(x + on, end)
            draw.line([(x, y), (stop, y)], fill=color, width=width)
            x = stop + off
