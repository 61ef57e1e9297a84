"""Areas and the cardiothoracic ratio of a checked row, as the view measures them.

The same definitions as ``measureRow`` in ``src/core/row-measurements.ts``: an
organ's area is the pixels of its RLE mask, and an empty cell is an empty mask
(0 pixels; the kernel never fills a missing organ from its landmarks). The
ratio is the widest horizontal extent of the heart over the widest horizontal
extent across both lungs (first widest row wins), undefined without a heart or
without both lungs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..format.columns import HEART_COLUMN, LEFT_LUNG_COLUMN, ORGAN_COLUMNS, RIGHT_LUNG_COLUMN
from ..format.rle import decode_rle
from ..types import AnyArray
from .check import CheckedRow

#: Where an organ's mask comes from on the kernel side (``MaskSource`` in the core).
MaskSource = Literal["rle", "empty"]


@dataclass(frozen=True)
class Extent:
    """A horizontal measurement on one image row, columns inclusive."""

    row: int
    x0: int
    x1: int

    @property
    def width(self) -> int:
        """``x1 - x0 + 1`` pixels."""
        return self.x1 - self.x0 + 1


@dataclass(frozen=True)
class RowMeasures:
    """Pixels and source per organ column, and the cardiothoracic ratio."""

    pixels: dict[str, int]
    sources: dict[str, MaskSource]
    #: Heart width over thorax width, or ``None`` without a heart or lungs.
    ctr: float | None
    heart: Extent | None
    thorax: Extent | None


def measure_row(row: CheckedRow) -> RowMeasures:
    """Measure a checked row's masks (decoded with numpy; sizes are checked already)."""
    masks = {
        column: decode_rle(row.masks[column], row.height, row.width, column).astype(bool)
        for column in ORGAN_COLUMNS
    }
    pixels = {column: int(mask.sum()) for column, mask in masks.items()}
    sources: dict[str, MaskSource] = {
        column: "empty" if row.masks[column] is None else "rle" for column in ORGAN_COLUMNS
    }
    heart = widest_extent([masks[HEART_COLUMN]])
    thorax = widest_extent([masks[RIGHT_LUNG_COLUMN], masks[LEFT_LUNG_COLUMN]])
    ctr = heart.width / thorax.width if heart and thorax else None
    return RowMeasures(
        pixels=pixels,
        sources=sources,
        ctr=ctr,
        heart=heart if ctr is not None else None,
        thorax=thorax if ctr is not None else None,
    )


def widest_extent(masks: list[AnyArray]) -> Extent | None:
    """The widest horizontal extent of the union of ``masks`` (``widestExtent`` in the core)."""
    union = np.logical_or.reduce(masks)
    rows = np.flatnonzero(union.any(axis=1))
    if rows.size == 0:
        return None
    width = union.shape[1]
    first = np.argmax(union[rows], axis=1)
    last = width - 1 - np.argmax(union[rows, ::-1], axis=1)
    k = int(np.argmax(last - first))  # argmax takes the first widest row
    return Extent(row=int(rows[k]), x0=int(first[k]), x1=int(last[k]))
