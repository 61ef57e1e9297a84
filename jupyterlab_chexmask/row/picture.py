"""Static pictures of rows, drawn in Python, for notebooks no frontend renders.

A notebook executed headless (``jupyter nbconvert --execute``, papermill) has no
JupyterLab to draw the interactive view and write its picture back, so
:func:`row_picture` draws the same overlay with numpy and Pillow: the three
masks decoded by :func:`~jupyterlab_chexmask.decode_rle` (checked against the
same oracles as the TypeScript core) blended over the x-ray or a neutral grey,
in the extension's default colours and opacity. The RCA histogram and the
landmark plot draw theirs in their own ``picture`` modules;
:mod:`~jupyterlab_chexmask.common.picture` puts any of them in the MIME bundle.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ..common.colors import OPACITY, ORGAN_COLORS
from ..common.js_numbers import to_fixed
from ..format.columns import ORGAN_COLUMNS
from ..format.rle import decode_rle
from .check import check_row
from .summary import RowSummary

if TYPE_CHECKING:
    from PIL import Image

#: The background of a row without an x-ray.
NEUTRAL_GREY = 119


def row_picture(
    cells: Mapping[str, Any], image: Mapping[str, Any] | None, max_side: int = 1024
) -> Image.Image:
    """The overlay of a row as an RGB picture (for a static picture).

    The row is checked as the view checks it first, so a malformed row (or
    an absurd size) is refused before anything is allocated; an empty organ
    cell is an empty mask, as in the view.

    Args:
        cells: The row's cells (as in the payload).
        image: The payload's embedded x-ray, or ``None`` for a grey background.
        max_side: The picture's longest side at most, to keep notebooks small.

    Raises:
        RowFormatError: the row is malformed (a ``ValueError`` naming the column).
    """
    from PIL import Image  # only when a picture is drawn: importing the package stays light

    row = check_row(cells)
    height, width = row.height, row.width
    if image is not None:
        xray = Image.open(io.BytesIO(base64.b64decode(image["data"]))).convert("RGB")
        rgb = np.asarray(xray.resize((width, height)), dtype=np.float32).copy()
    else:
        rgb = np.full((height, width, 3), NEUTRAL_GREY, dtype=np.float32)
    for column, color in ORGAN_COLORS.items():
        mask = decode_rle(row.masks[column], height, width, column).astype(bool)
        rgb[mask] = rgb[mask] * (1 - OPACITY) + np.asarray(color, dtype=np.float32) * OPACITY
    picture = Image.fromarray(np.clip(np.rint(rgb), 0, 255).astype(np.uint8))
    scale = min(1.0, max_side / max(width, height))
    if scale < 1:
        picture = picture.resize((max(1, round(width * scale)), max(1, round(height * scale))))
    return picture


def row_alt_text(summary: RowSummary) -> str:
    """What the picture shows, in the view's words (``rowAltText`` in ``src/overlay/picture.ts``).

    Raises:
        RowFormatError: the summary is of a malformed row (nothing is drawn).
    """
    if summary.error is not None or summary.size is None:
        raise summary.error or ValueError("the row has no size")
    where = f" ({summary.dataset})" if summary.dataset else ""
    organs = ", ".join(
        f"{column.lower()} empty"
        if summary.sources.get(column) == "empty"
        else f"{column.lower()} {summary.pixels.get(column, 0):,} px"
        for column in ORGAN_COLUMNS
    )
    ctr = (
        "; no cardiothoracic ratio"
        if summary.ctr is None
        else f"; cardiothoracic ratio {to_fixed(summary.ctr, 3)}"
    )

    def score(value: float | None) -> str:
        return "—" if value is None else to_fixed(value, 3)

    return (
        f"CheXmask segmentation of {summary.id or 'an image'}{where}, "
        f"{summary.size[0]}×{summary.size[1]} px: {organs}{ctr}; "
        f"Dice RCA mean {score(summary.dice_mean)}, max {score(summary.dice_max)}."
    )
