"""One pair of segmentations: their masks from any input kind, and the per-organ table.

``a`` is a CheXmask row; ``b`` a row in the CheXmask format (any dataset
layout) or a dict ``organ → mask``, a mask being a 0/1 numpy array, a PNG
path (any non-zero pixel is inside) or a CheXmask RLE string (at ``a``'s
size). Every problem is a ``ValueError`` naming the source (its label) and the
field. Different sizes are refused, naming both, unless ``resize="nearest"``:
``b``'s masks are then resampled to ``a``'s size with Pillow's nearest filter.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..format.cells import row_cells
from ..format.columns import LANDMARK_SLICES, ORGAN_COLUMNS
from ..format.rle import MAX_MASK_PIXELS, check_rle
from ..row.check import check_row
from ..types import FloatArray, IntArray
from .metrics import Planes, Runs, plane_metrics, runs_of_mask

#: The table's columns, in order.
TABLE_COLUMNS = (
    "Dice",
    "IoU",
    "HD",
    "HD95",
    "ASSD",
    "area A",
    "area B",
    "area B − A",
    "mean landmark distance",
)


@dataclass(frozen=True)
class Segmentation:
    """One side of a pair: each organ's 0-based runs, the size, and the landmarks if any."""

    label: str
    height: int
    width: int
    runs: dict[str, tuple[IntArray, IntArray]]
    landmarks: FloatArray | None
    resized_from: tuple[int, int] | None = None
    #: The row's image id, when the side is a row that has one.
    image_id: str | None = None


def segmentation_of_row(row: Any, label: str) -> Segmentation:
    """A CheXmask row's masks (empty cells are empty masks), checked as the row view does."""
    try:
        checked = check_row(row_cells(row))
    except ValueError as error:
        raise ValueError(f"{label}: {error}") from None
    runs = {}
    for organ in ORGAN_COLUMNS:
        found = checked.runs.get(organ)
        starts, lengths = found if found is not None else (np.zeros(0, np.int64),) * 2
        runs[organ] = (np.asarray(starts, np.int64) - 1, np.asarray(lengths, np.int64))
    return Segmentation(
        label, checked.height, checked.width, runs, checked.landmarks, image_id=checked.id
    )


def _mask_array(value: object, organ: str, label: str, size: tuple[int, int]) -> np.ndarray:
    """One organ's mask of a dict as a 2-D bool array."""
    where = f"{label} {organ}"
    if isinstance(value, (str, os.PathLike)) and os.path.isfile(value):
        from PIL import Image

        try:
            with Image.open(value) as image:
                pixels: np.ndarray = np.asarray(image.convert("L")) != 0
                return pixels
        except OSError as error:
            raise ValueError(
                f"{where}: {os.fspath(value)!r} is not a readable image ({error})"
            ) from None
    if isinstance(value, str):
        height, width = size
        try:
            starts, lengths = check_rle(value, height, width, where) if value.strip() else ((), ())
        except ValueError as error:
            raise ValueError(f"{error} (an RLE string is read at {label}'s size)") from None
        mask = np.zeros(height * width, dtype=bool)
        for s, n in zip(starts, lengths, strict=True):
            mask[int(s) - 1 : int(s) - 1 + int(n)] = True
        return mask.reshape(height, width)
    if isinstance(value, np.ndarray):
        if value.ndim != 2 or value.size == 0:
            raise ValueError(f"{where}: a mask array must be 2-D, got shape {value.shape}")
        if value.size > MAX_MASK_PIXELS:
            raise ValueError(f"{where}: {value.size} pixels, above the limit of {MAX_MASK_PIXELS}")
        if value.dtype != bool and not np.isin(value, (0, 1)).all():
            raise ValueError(f"{where}: a mask array must hold only 0 and 1")
        return value.astype(bool)
    raise ValueError(
        f"{where}: a mask must be a 0/1 numpy array, a PNG path or an RLE string, "
        f"got {type(value).__name__}"
    )


def segmentation_of_masks(
    masks: Mapping[str, object], label: str, size: tuple[int, int]
) -> tuple[Segmentation, dict[str, np.ndarray]]:
    """A dict ``organ → mask`` as a segmentation (organs it leaves out are empty)."""
    unknown = [k for k in masks if k not in ORGAN_COLUMNS]
    if unknown:
        raise ValueError(
            f"{label}: unknown organ {unknown[0]!r} (the organs are {', '.join(ORGAN_COLUMNS)})"
        )
    arrays = {organ: _mask_array(v, organ, label, size) for organ, v in masks.items()}
    shapes = {a.shape for a in arrays.values()}
    if len(shapes) > 1:
        listed = ", ".join(f"{o} {a.shape[0]}×{a.shape[1]}" for o, a in arrays.items())
        raise ValueError(f"{label}: the masks differ in size ({listed})")
    height, width = shapes.pop() if shapes else size
    runs = {}
    for organ in ORGAN_COLUMNS:
        mask = arrays.get(organ)
        runs[organ] = runs_of_mask(mask) if mask is not None else (np.zeros(0, np.int64),) * 2
    return Segmentation(label, height, width, runs, None), arrays


def _nearest(seg: Segmentation, height: int, width: int) -> Segmentation:
    """``seg`` resampled to ``height × width`` with Pillow's nearest filter."""
    from PIL import Image

    runs = {}
    for organ, (starts, lengths) in seg.runs.items():
        flat = np.zeros(seg.height * seg.width, dtype=np.uint8)
        for s, n in zip(starts.tolist(), lengths.tolist(), strict=True):
            flat[s : s + n] = 255
        image = Image.fromarray(flat.reshape(seg.height, seg.width))
        runs[organ] = runs_of_mask(
            np.asarray(image.resize((width, height), Image.Resampling.NEAREST))
        )
    landmarks = None
    if seg.landmarks is not None:
        landmarks = seg.landmarks * np.array([width / seg.width, height / seg.height])
    return Segmentation(
        seg.label, height, width, runs, landmarks, (seg.height, seg.width), seg.image_id
    )


def as_segmentation(value: object, label: str, reference: Segmentation | None) -> Segmentation:
    """A row, or (for ``b``, with ``reference``) a dict ``organ → mask``.

    A dict whose keys are all organ columns, or that holds an array or a
    ``Path``, is masks (an RLE string is then read at the reference's size);
    any other dict or a Series is a row.
    """
    is_masks = (
        reference is not None
        and isinstance(value, Mapping)
        and not isinstance(value, pd.Series)
        and len(value) > 0
        and (
            all(k in ORGAN_COLUMNS for k in value)
            or any(isinstance(v, (np.ndarray, os.PathLike)) for v in value.values())
        )
    )
    if is_masks and reference is not None and isinstance(value, Mapping):
        return segmentation_of_masks(value, label, (reference.height, reference.width))[0]
    if isinstance(value, (pd.Series, Mapping)):
        return segmentation_of_row(value, label)
    raise ValueError(
        f"{label}: must be a CheXmask row (a pandas Series or a dict of its columns)"
        + ("" if reference is None else " or a dict organ → mask")
        + f", got {type(value).__name__}"
    )


def matched_pair(
    a: object, b: object, labels: tuple[str, str], resize: str | None
) -> tuple[Segmentation, Segmentation]:
    """Both sides at one size (see the module docstring)."""
    if resize not in (None, "nearest"):
        raise ValueError(f"resize must be None or 'nearest', got {resize!r}")
    first = as_segmentation(a, labels[0], None)
    second = as_segmentation(b, labels[1], first)
    if (second.height, second.width) != (first.height, first.width):
        if resize != "nearest":
            raise ValueError(
                f"the masks differ in size: {labels[0]} is {first.height}×{first.width}, "
                f"{labels[1]} is {second.height}×{second.width} "
                f"(resize='nearest' resamples {labels[1]} to {labels[0]}'s size)"
            )
        second = _nearest(second, first.height, first.width)
    return first, second


def pair_table(first: Segmentation, second: Segmentation) -> pd.DataFrame:
    """The per-organ table: Dice, IoU, HD, HD95, ASSD (pixels), areas and landmark distance."""
    planes = Planes.of_sizes(np.full(3, first.height), np.full(3, first.width))
    a = Runs.of_planes([first.runs[o] for o in ORGAN_COLUMNS], planes)
    b = Runs.of_planes([second.runs[o] for o in ORGAN_COLUMNS], planes)
    m = plane_metrics(a, b, planes)
    landmark = np.full(3, np.nan)
    if first.landmarks is not None and second.landmarks is not None:
        delta = first.landmarks - second.landmarks
        each = np.sqrt(delta[:, 0] * delta[:, 0] + delta[:, 1] * delta[:, 1])
        for k, organ in enumerate(ORGAN_COLUMNS):
            start, end = LANDMARK_SLICES[organ]
            landmark[k] = float(each[start:end].mean())
    table = pd.DataFrame(
        {
            "Dice": m.dice,
            "IoU": m.iou,
            "HD": m.hd,
            "HD95": m.hd95,
            "ASSD": m.assd,
            "area A": m.area_a,
            "area B": m.area_b,
            "area B − A": m.area_b - m.area_a,
            "mean landmark distance": landmark,
        },
        index=pd.Index(list(ORGAN_COLUMNS), name="organ"),
    )
    return table
