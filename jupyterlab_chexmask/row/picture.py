"""The kernel's picture of a row: its overlay drawn in Python (numpy and Pillow).

:func:`row_picture` draws what the view first shows: the three masks blended
over the x-ray or a neutral grey, in the extension's default colours and
opacity, the cardiothoracic ratio's two widths (:mod:`.ratio`), and for a
CheXmask-U row its uncertainty layer (:mod:`.uncertainty`:
the view shows it by default; landmarks, off by default, are not drawn). It
checks the row as the view does first (:func:`~.check.check_row`, the
TypeScript core's rules), so a malformed row, or a size above the mask limit,
is refused before anything is allocated.

It is fast because it never does per-pixel float maths. The run-length masks
are decoded straight into one label image, a bit per organ
(:func:`organ_labels`); each of the 8 combinations of organs has one blended
colour per background value, computed once (:func:`blend_table`) with the
same float32 sums as a per-pixel blend. Without an x-ray the picture is a
palette image of those 8 colours (a few KB of PNG); over an x-ray each pixel
is a lookup of its label and grey value. The RCA histogram and the landmark
plot draw theirs in their own ``picture`` modules;
:mod:`~jupyterlab_chexmask.common.picture` encodes and carries any of them.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..common.colors import OPACITY, ORGAN_COLORS
from ..common.js_numbers import to_fixed
from ..format.columns import ORGAN_COLUMNS
from .check import CheckedRow
from .image import fit_size
from .measure import Extent
from .ratio import draw_ratio
from .summary import RowSummary
from .uncertainty import draw_uncertainty

if TYPE_CHECKING:
    from PIL import Image

#: The background of a row without an x-ray.
NEUTRAL_GREY = 119

#: The longest side of the picture of a row over its x-ray. An x-ray does not
#: compress (a 1024×1024 one is some 100–700 KB of PNG, and the payload holds
#: the x-ray already): the picture is a preview, the view shows the full size.
XRAY_PICTURE_SIDE = 512

#: Organ combinations: bit ``i`` is the ``i``-th organ of ``ORGAN_COLORS``.
LABELS = 1 << len(ORGAN_COLORS)

#: One table row per label, one column per background value: ``table[label, channel, value]``.
BlendTable = npt.NDArray[np.uint8]


def blend_table() -> BlendTable:
    """``(LABELS, 3, 256)``: each background value under each combination of organs.

    The organs are blended in the order of ``ORGAN_COLORS`` at ``OPACITY``, in
    float32 then rounded, as a per-pixel blend would be: a picture built from
    the table is the same as one blended pixel by pixel.
    """
    values = np.arange(256, dtype=np.float32)
    table = np.empty((LABELS, 3, 256), dtype=np.uint8)
    colors = [np.asarray(color, dtype=np.float32) * OPACITY for color in ORGAN_COLORS.values()]
    for label in range(LABELS):
        for channel in range(3):
            blended = values
            for bit, color in enumerate(colors):
                if label >> bit & 1:
                    blended = blended * (1 - OPACITY) + color[channel]
            table[label, channel] = np.clip(np.rint(blended), 0, 255).astype(np.uint8)
    return table


_TABLE = blend_table()


def organ_labels(row: CheckedRow) -> npt.NDArray[np.uint8]:
    """The row's masks as one ``(height, width)`` image, bit ``i`` set inside the ``i``-th
    organ of ``ORGAN_COLORS`` (0 outside every organ; an empty cell is an empty mask).

    Each mask is decoded from the runs the check read, with one ``np.repeat``
    of its gaps and runs. The row is checked, so its size is within the mask
    limit.
    """
    total = row.height * row.width
    labels = np.zeros(total, dtype=np.uint8)
    for bit, column in enumerate(ORGAN_COLORS):
        runs = row.runs.get(column)
        if runs is None or not runs[0].size:
            continue
        starts, lengths = runs
        ends = starts - 1 + lengths  # exclusive, 0-based
        gaps = starts - 1 - np.concatenate([[0], ends[:-1]])
        counts = np.empty(2 * starts.size + 1, dtype=np.int64)
        counts[0:-1:2], counts[1::2], counts[-1] = gaps, lengths, total - ends[-1]
        values = np.zeros(counts.size, dtype=np.uint8)
        values[1::2] = 1 << bit
        labels |= np.repeat(values, counts)
    return labels.reshape(row.height, row.width)


def picture_size(row: CheckedRow, xray: bool, max_side: int) -> tuple[int, int]:
    """``(width, height)`` of the picture: the mask's, scaled down to ``max_side``, and to
    :data:`XRAY_PICTURE_SIDE` over an x-ray."""
    side = min(max_side, XRAY_PICTURE_SIDE) if xray else max_side
    return fit_size(row.width, row.height, side)


def row_picture(
    row: CheckedRow,
    image: Mapping[str, Any] | None,
    max_side: int = 1024,
    ratio_widths: tuple[Extent, Extent] | None = None,
) -> Image.Image:
    """The overlay of a row: a palette picture over grey, or an RGB picture over the x-ray;
    with the cardiothoracic ratio's widths, and for a CheXmask-U row its landmarks coloured
    by their σ.

    Args:
        row: The row as checked (:func:`~.check.check_row`; the summary keeps it), so
            a malformed row or an absurd size never gets here.
        image: The payload's embedded x-ray, or ``None`` for a grey background.
        max_side: The picture's longest side at most (over an x-ray, at most
            :data:`XRAY_PICTURE_SIDE`).
        ratio_widths: The ratio's widths ``(thorax, heart)`` (the summary's), drawn
            as the view draws them; ``None``: no lines.
    """
    from PIL import Image  # only when a picture is drawn: importing the package stays light

    size = picture_size(row, image is not None, max_side)
    labels = Image.fromarray(organ_labels(row), "P")
    if labels.size != size:
        # Nearest: every pixel of the picture is one of the mask's, in its exact colour.
        labels = labels.resize(size, Image.Resampling.NEAREST)
    if image is None:
        labels.putpalette(_TABLE[:, :, NEUTRAL_GREY].ravel().tolist())  # (LABELS, 3) colours
        draw_ratio(labels, row, ratio_widths)
        draw_uncertainty(labels, row)
        return labels

    with Image.open(io.BytesIO(base64.b64decode(image["data"]))) as opened:
        xray = opened.convert("L" if opened.mode in ("L", "1") else "RGB")
    if xray.size != size:
        xray = xray.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    # Each channel is a lookup of (label, background value) in the flattened table.
    index = np.asarray(labels).astype(np.intp) << 8
    pixels = np.asarray(xray)
    planes = []
    for channel in range(3):
        values = pixels if pixels.ndim == 2 else pixels[..., channel]
        planes.append(Image.fromarray(np.take(_TABLE[:, channel].ravel(), index | values), "L"))
    picture = Image.merge("RGB", planes)
    draw_ratio(picture, row, ratio_widths)
    draw_uncertainty(picture, row)
    return picture


def row_alt_text(summary: RowSummary) -> str:
    """What the picture shows, in the view's words (``rowAltText`` in ``src/row/picture.ts``),
    with a CheXmask-U row's mean landmark σ.

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

    sigma = (
        ""
        if summary.sigma_mean is None
        else f"; landmark σ mean {to_fixed(summary.sigma_mean, 2)} px"
    )
    return (
        f"CheXmask segmentation of {summary.id or 'an image'}{where}, "
        f"{summary.size[0]}×{summary.size[1]} px: {organs}{ctr}; "
        f"Dice RCA mean {score(summary.dice_mean)}, max {score(summary.dice_max)}{sigma}."
    )
