"""One CheXmask row: its cells made JSON-safe, its mask size and a cheap summary.

Nothing here decodes a mask or parses landmarks: the TypeScript core does that
from the raw cells, so there is one parser, not two.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

import numpy as np
import pandas as pd

from ._format import (
    DEFAULT_MASK_SIZE,
    DICE_MAX_COLUMN,
    DICE_MEAN_COLUMN,
    HEIGHT_COLUMN,
    ID_COLUMNS,
    ORGAN_COLUMNS,
    RECOMMENDED_MIN_DICE_MEAN,
    WIDTH_COLUMN,
    infer_dataset,
    is_index_column,
)


def row_cells(row: Any) -> dict[str, Any]:
    """The cells of ``row`` (a pandas Series or a mapping), JSON-safe, keyed by column name.

    NaN, None and pandas' missing markers become ``None``; numpy scalars become
    Python numbers; strings are unchanged; arrays and lists become lists. The
    pandas index column (``""`` or ``Unnamed: 0``) is dropped.

    Raises:
        TypeError: ``row`` is neither a Series nor a Mapping.

    """
    if isinstance(row, pd.DataFrame):
        raise TypeError("row must be one row, e.g. df.iloc[0], not a whole DataFrame")
    if not isinstance(row, (pd.Series, Mapping)):
        raise TypeError(
            f"row must be a pandas Series or a mapping of column name to value, "
            f"got {type(row).__name__}"
        )
    return {str(k): json_safe(v) for k, v in row.items() if not is_index_column(k)}


def json_safe(value: Any) -> Any:
    """``value`` as something :func:`json.dumps` accepts with ``allow_nan=False``."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, (np.ndarray, list, tuple)):
        return [json_safe(v) for v in (value.tolist() if isinstance(value, np.ndarray) else value)]
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    try:
        if bool(pd.isna(value)):  # pd.NA, pd.NaT and friends
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _is_missing(value: Any) -> bool:
    """An absent, null, NaN or blank cell."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


def _side(cells: Mapping[str, Any], column: str) -> int:
    """``Height`` or ``Width``: ``"1024"``, ``"1024.0"``, ``1024.0``; missing means 1024."""
    value = cells.get(column)
    if _is_missing(value):
        return DEFAULT_MASK_SIZE
    number: Optional[float] = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    if number is None or not number.is_integer() or number < 1:
        raise ValueError(f"{column} must be a positive integer number of pixels, got {value!r}")
    return int(number)


def mask_size(cells: Mapping[str, Any]) -> tuple[int, int]:
    """The mask's ``(height, width)``; 1024 for a side that is missing or empty.

    Raises:
        ValueError: ``Height`` or ``Width`` is present but not a positive integer.

    """
    return _side(cells, HEIGHT_COLUMN), _side(cells, WIDTH_COLUMN)


def organ_pixels(rle: Any) -> Optional[int]:
    """Pixels in a run-length mask: the sum of its run lengths (every second number).

    An empty or missing mask has 0 pixels. Returns ``None`` for a value that is
    not ``start length`` pairs of integers with positive lengths (the frontend
    reports the details). The mask is never decoded.
    """
    if _is_missing(rle):
        return 0
    if not isinstance(rle, str):
        return None
    numbers = rle.split()
    if len(numbers) % 2:
        return None
    try:
        lengths = [int(n) for n in numbers[1::2]]
    except ValueError:
        return None
    if any(n <= 0 for n in lengths):
        return None
    return sum(lengths)


def _dice(cells: Mapping[str, Any], column: str) -> Optional[float]:
    """A Dice RCA value as a float, or ``None`` when missing or not a number."""
    value: Any = cells.get(column)
    if _is_missing(value) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


@dataclass
class RowSummary:
    """What a person wants to know about a row at a glance."""

    id: Optional[str]
    id_column: Optional[str]
    dataset: Optional[str]
    size: Optional[tuple[int, int]]  # (height, width); None when Height/Width is invalid
    size_given: bool  # whether the row states Height and Width
    size_error: Optional[str]
    dice_mean: Optional[float]
    dice_max: Optional[float]
    pixels: dict[str, Optional[int]] = field(default_factory=dict)  # absent organs are left out

    @property
    def dice_swapped(self) -> bool:
        """Whether ``Dice RCA (Mean)`` exceeds ``Dice RCA (Max)`` (impossible unless swapped)."""
        return (
            self.dice_mean is not None
            and self.dice_max is not None
            and (self.dice_mean > self.dice_max)
        )


def summarize(cells: Mapping[str, Any]) -> RowSummary:
    """Summarise a row's cells (as given by :func:`row_cells`) without decoding anything."""
    id_column = next((c for c in ID_COLUMNS if c in cells), None)
    raw_id = cells.get(id_column) if id_column else None
    image_id = None if _is_missing(raw_id) else str(raw_id)
    try:
        size, size_error = mask_size(cells), None
    except ValueError as exc:
        size, size_error = None, str(exc)
    return RowSummary(
        id=image_id,
        id_column=id_column,
        dataset=infer_dataset(id_column, image_id),
        size=size,
        size_given=not (
            _is_missing(cells.get(HEIGHT_COLUMN)) or _is_missing(cells.get(WIDTH_COLUMN))
        ),
        size_error=size_error,
        dice_mean=_dice(cells, DICE_MEAN_COLUMN),
        dice_max=_dice(cells, DICE_MAX_COLUMN),
        pixels={c: organ_pixels(cells[c]) for c in ORGAN_COLUMNS if c in cells},
    )


def format_summary(summary: RowSummary) -> str:
    """The summary as a few lines of plain text."""
    if summary.id_column is None:
        head = "CheXmask row (no image-id column)"
    else:
        origin = f" from {summary.dataset}" if summary.dataset else ""
        shown = repr(summary.id) if summary.id is not None else "empty"
        head = f"CheXmask row{origin}: {summary.id_column} = {shown}"
    lines = [head]

    if summary.size is None:
        lines.append(f"  mask: invalid size ({summary.size_error})")
    else:
        note = "" if summary.size_given else "; no Height/Width given, 1024 by default"
        lines.append(f"  mask: {summary.size[0]}x{summary.size[1]} (height x width{note})")

    def fmt(v: Optional[float]) -> str:
        return "n/a" if v is None else f"{v:.4f}"

    dice = f"  Dice RCA: mean {fmt(summary.dice_mean)}, max {fmt(summary.dice_max)}"
    if summary.dice_swapped:
        dice += " -- values look swapped (Mean > Max)"
    if summary.dice_mean is not None and summary.dice_mean < RECOMMENDED_MIN_DICE_MEAN:
        dice += f" -- mean below the recommended {RECOMMENDED_MIN_DICE_MEAN}"
    lines.append(dice)

    parts = [
        f"{organ} {'unreadable RLE' if n is None else f'{n:,}'}"
        for organ, n in summary.pixels.items()
    ]
    lines.append("  pixels: " + ("; ".join(parts) if parts else "no mask columns"))
    return "\n".join(lines)
