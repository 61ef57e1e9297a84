"""A row's masks on a small tile grid, exact: sampled at the grid's pixel centres.

A gallery carries no full RLE cells (20–30 KB a row at 1024²). Each organ is
sampled instead at the centres of a tile grid whose long side is
:data:`TILE_SIDE`: tile pixel ``(r, c)`` of a ``h × w`` tile is mask pixel
``((2r + 1)·H // 2h, (2c + 1)·W // 2w)`` of the ``H × W`` mask, read from the
checked runs by binary search (no mask is decoded), and written back as
CheXmask RLE of the tile (the formula is in ``schema/payloads/gallery.v1.json``).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ..format.rle import encode_rle
from ..types import IntArray

#: The long side of the tile grid, in pixels.
TILE_SIDE = 96


def tile_size(height: int, width: int, side: int = TILE_SIDE) -> tuple[int, int]:
    """``(tile height, tile width)``: the mask's aspect, the long side ``side``."""
    scale = side / max(height, width)
    return max(1, round(height * scale)), max(1, round(width * scale))


def sample_centres(size: int, tile: int) -> IntArray:
    """The mask rows (or columns) under the centres of ``tile`` tile pixels."""
    result: IntArray = ((2 * np.arange(tile, dtype=np.int64) + 1) * size) // (2 * tile)
    return result


def tile_mask(
    runs: tuple[IntArray, IntArray] | None,
    height: int,
    width: int,
    tile: tuple[int, int],
) -> npt.NDArray[np.bool_]:
    """The tile mask of one organ from its checked runs (1-based starts, lengths)."""
    th, tw = tile
    mask = np.zeros((th, tw), dtype=np.bool_)
    if runs is None or not runs[0].size:
        return mask
    starts0 = runs[0].astype(np.int64) - 1
    ends = starts0 + runs[1]
    index = sample_centres(height, th)[:, None] * width + sample_centres(width, tw)[None, :]
    k = np.searchsorted(starts0, index, side="right") - 1
    inside: npt.NDArray[np.bool_] = (k >= 0) & (index < ends[np.maximum(k, 0)])
    return inside


def tile_rle(
    runs: tuple[IntArray, IntArray] | None,
    height: int,
    width: int,
    tile: tuple[int, int],
) -> str | None:
    """The organ's tile mask as CheXmask RLE; ``None`` for an empty cell (no runs given).

    A mask with pixels, none of which is under a tile pixel centre, is ``""``.
    """
    if runs is None:
        return None
    return encode_rle(tile_mask(runs, height, width, tile))
