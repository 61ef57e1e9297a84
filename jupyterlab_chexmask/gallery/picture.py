"""The kernel's picture of a gallery: a contact sheet of its first tiles, and its alt text.

Each cell is the row's tile masks blended over its thumbnail (or the
neutral grey) in the default colours and opacity, with the short id and
``Dice RCA (Mean)`` under it; a malformed row's cell names the field. The
alt text lists the ids and scores, as the view's does
(``galleryAltText`` in ``src/gallery/picture.ts``).
"""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..common.colors import ORGAN_COLORS
from ..common.js_numbers import to_fixed
from ..format.columns import DICE_MEAN_COLUMN
from ..format.rle import decode_rle
from ..row.picture import NEUTRAL_GREY, blend_table

if TYPE_CHECKING:
    from PIL import Image

#: Tiles on the sheet at most, and per row (``SHEET_TILES``, ``SHEET_COLUMNS`` in TypeScript).
SHEET_TILES = 24
SHEET_COLUMNS = 6
#: A cell's picture side and caption height, in pixels.
SIDE = 128
CAPTION = 30

_ORGAN_KEYS = {"Right Lung": "rightLung", "Left Lung": "leftLung", "Heart": "heart"}


def _score(value: object) -> str:
    return "—" if not isinstance(value, (int, float)) else to_fixed(float(value), 3)


def short_id(image_id: str | None, limit: int = 28) -> str:
    """The id under a tile (``shortId`` in TypeScript): a path's last three parts, cut."""
    if image_id is None:
        return "(no id)"
    parts = [p for p in image_id.split("/") if p]
    name = "/".join(parts[-3:]) if "/" in image_id and len(parts) >= 3 else image_id
    return f"…{name[len(name) - limit + 1 :]}" if len(name) > limit else name


def gallery_alt_text(rows: Sequence[Mapping[str, Any]], limit: int = SHEET_TILES) -> str:
    """How many rows, then the first ones' ids and scores (``galleryAltText``)."""
    first = []
    for row in rows[:limit]:
        what = (
            f"malformed: {row['error']['field']}"
            if row.get("error")
            else f"Dice RCA (Mean) {_score((row.get('values') or {}).get(DICE_MEAN_COLUMN))}"
        )
        first.append(f"{row.get('id') or '(no id)'} ({what})")
    more = len(rows) - len(first)
    return (
        f"Gallery of {len(rows)} of {len(rows)} rows; first {len(first)}: "
        + "; ".join(first)
        + (f"; and {more} more." if more > 0 else ".")
    )


@functools.cache
def _table() -> np.ndarray[Any, np.dtype[np.uint8]]:
    """The row picture's blend table, made once when a picture is first drawn."""
    return blend_table()


def _labels(tile: Mapping[str, Any]) -> np.ndarray[Any, np.dtype[np.uint8]]:
    """The tile masks as one label image, a bit per organ (as ``organ_labels``)."""
    height, width = int(tile["height"]), int(tile["width"])
    labels = np.zeros((height, width), dtype=np.uint8)
    for bit, column in enumerate(ORGAN_COLORS):
        rle = tile.get(_ORGAN_KEYS[column])
        if rle:
            labels |= decode_rle(rle, height, width).astype(np.uint8) << bit
    return labels


def _cell(row: Mapping[str, Any]) -> Image.Image:
    """One tile's picture: ``SIDE`` on its long side."""
    from PIL import Image

    tile = row["tile"]
    labels = _labels(tile)
    th, tw = labels.shape
    scale = SIDE / max(th, tw)
    size = (max(1, round(tw * scale)), max(1, round(th * scale)))
    grey = np.full(labels.shape, NEUTRAL_GREY, dtype=np.uint8)
    label_image = Image.fromarray(labels, "L").resize(size, Image.Resampling.NEAREST)
    if row.get("image"):
        with Image.open(io.BytesIO(base64.b64decode(row["image"]["data"]))) as opened:
            xray = opened.convert("L").resize(size, Image.Resampling.BILINEAR)
    else:
        xray = Image.fromarray(grey, "L").resize(size, Image.Resampling.NEAREST)
    index = np.asarray(label_image).astype(np.intp) << 8 | np.asarray(xray)
    planes = [Image.fromarray(np.take(_table()[:, c].ravel(), index), "L") for c in range(3)]
    return Image.merge("RGB", planes)


def gallery_picture(rows: Sequence[Mapping[str, Any]]) -> Image.Image:
    """The contact sheet of the first :data:`SHEET_TILES` rows (see the module's comment)."""
    from PIL import ImageDraw

    from ..common import chart  # Pillow: only when a picture is drawn

    shown = rows[:SHEET_TILES]
    columns = max(1, min(SHEET_COLUMNS, len(shown)))
    lines = max(1, -(-len(shown) // columns))
    canvas = chart.new_canvas(columns * SIDE, lines * (SIDE + CAPTION)).convert("RGB")
    draw = ImageDraw.Draw(canvas)
    face = chart.font(11)
    for i, row in enumerate(shown):
        x, y = (i % columns) * SIDE, (i // columns) * (SIDE + CAPTION)
        if row.get("error"):
            draw.rectangle((x + 2, y + 2, x + SIDE - 3, y + SIDE - 3), fill=(119, 119, 119))
            chart.put_text(
                draw,
                (x + 6, y + 8),
                chart.clean_label(f"malformed: {row['error']['field']}", 22),
                face=face,
            )
        else:
            cell = _cell(row)
            canvas.paste(cell, (x + (SIDE - cell.width) // 2, y + (SIDE - cell.height) // 2))
        chart.put_text(
            draw, (x + 4, y + SIDE + 2), chart.clean_label(short_id(row.get("id")), 20), face=face
        )
        chart.put_text(
            draw,
            (x + 4, y + SIDE + 15),
            _score((row.get("values") or {}).get(DICE_MEAN_COLUMN)),
            face=face,
        )
    return canvas
