"""The measures of a batch of CheXmask rows, vectorised over the batch.

:func:`measure_frame` gives one row of measures per input row: the id,
dataset, Dice scores (and whether they are swapped), the organ areas and
cardiothoracic ratio (from :mod:`.cell_runs`, or from the file's bytes by
:mod:`.fast`), the mask size, CheXmask-U σ, and ``problem``: the first
malformed cell in the row checks' order, in the row view's words.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..format.cells import RowFormatError, is_missing, mask_side
from ..format.columns import (
    DEFAULT_MASK_SIZE,
    DICE_MAX_COLUMN,
    DICE_MEAN_COLUMN,
    HEART_COLUMN,
    HEIGHT_COLUMN,
    ID_COLUMNS,
    LANDMARK_SLICES,
    LANDMARKS_STD_COLUMN,
    LEFT_LUNG_COLUMN,
    ORGAN_COLUMNS,
    RIGHT_LUNG_COLUMN,
    WIDTH_COLUMN,
)
from ..format.landmarks import parse_landmark_std
from ..format.rle import MAX_MASK_PIXELS
from ..row.check import dice_score
from ..types import FloatArray, IntArray
from .cell_runs import OrganMeasurer, Problems, cell_measurer

#: The CheXmask-U column of each landmark's standard deviations (σx, σy per node).
STD_COLUMN = LANDMARKS_STD_COLUMN
#: The output column of the mean landmark σ, and of each organ's.
SIGMA_COLUMN = "Landmark σ"
SIGMA_COLUMNS = {organ: f"{organ} σ" for organ in ORGAN_COLUMNS}
CTR_COLUMN = "CTR"
PROBLEM_COLUMN = "problem"
AREA_COLUMNS = {organ: f"{organ} area" for organ in ORGAN_COLUMNS}
#: The columns of every result (after the id column, which is the source's own).
ID_AND_MEASURES: list[str] = [
    "dataset",
    DICE_MEAN_COLUMN,
    DICE_MAX_COLUMN,
    "swapped",
    *AREA_COLUMNS.values(),
    CTR_COLUMN,
    HEIGHT_COLUMN,
    WIDTH_COLUMN,
    PROBLEM_COLUMN,
]


def wanted_columns(names: list[str]) -> list[str]:
    """The columns of a header that :func:`measure_frame` reads (the id column first)."""
    id_column = next((c for c in ID_COLUMNS if c in names), None)
    wanted = [
        DICE_MEAN_COLUMN,
        DICE_MAX_COLUMN,
        *ORGAN_COLUMNS,
        HEIGHT_COLUMN,
        WIDTH_COLUMN,
        STD_COLUMN,
    ]
    return ([id_column] if id_column else []) + [c for c in wanted if c in names]


def mask_sides(
    frame: pd.DataFrame, problems: Problems
) -> tuple[IntArray, IntArray, np.ndarray, FloatArray, FloatArray]:
    """Height and Width (default 1024), which rows have a usable size, and the output columns.

    The output columns are NaN where that cell is bad.
    """
    n = len(frame)
    sides = []
    ok = np.ones(n, dtype=bool)
    shown: list[FloatArray] = []
    for order, column in enumerate((HEIGHT_COLUMN, WIDTH_COLUMN)):
        if column not in frame.columns:
            sides.append(np.full(n, DEFAULT_MASK_SIZE, np.int64))
            shown.append(np.full(n, float(DEFAULT_MASK_SIZE)))
            continue
        values = frame[column].to_numpy(dtype=object)
        number = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(np.float64, copy=True)
        fast = np.isfinite(number) & (number >= 1) & (np.mod(number, 1) == 0)
        side = np.where(fast, number, DEFAULT_MASK_SIZE).astype(np.int64)
        bad = np.zeros(n, dtype=bool)
        for i in np.flatnonzero(~fast):
            try:
                side[i] = mask_side({column: values[i]}, column)
            except RowFormatError as error:
                problems[i].append((order, str(error)))
                ok[i] = False
                bad[i] = True
        sides.append(side)
        shown.append(np.where(bad, np.nan, side).astype(np.float64))
    height, width = sides
    big = ok & (height * width > MAX_MASK_PIXELS)
    for i in np.flatnonzero(big):
        problems[i].append(
            (
                2,
                f"{HEIGHT_COLUMN}: a {height[i]}×{width[i]} mask has {height[i] * width[i]} "
                f"pixels, above the limit of {MAX_MASK_PIXELS}",
            )
        )
    ok &= ~big
    return np.where(ok, height, 1), np.where(ok, width, 1), ok, shown[0], shown[1]


def _dice_values(frame: pd.DataFrame, column: str, order: int, problems: Problems) -> FloatArray:
    """A Dice column as float64: NaN where missing or bad (bad ones get a problem)."""
    n = len(frame)
    if column not in frame.columns:
        return np.full(n, np.nan)
    values = frame[column].to_numpy(dtype=object)
    number = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(np.float64, copy=True)
    fast = np.isfinite(number) & (number >= 0) & (number <= 1)
    for i in np.flatnonzero(~fast):
        try:
            value = dice_score({column: values[i]}, column)
        except RowFormatError as error:
            problems[i].append((order, str(error)))
            value = None
        number[i] = np.nan if value is None else value
    return number


def _sigmas(values: Sequence[object], problems: Problems, order: int) -> FloatArray:
    """Per row: the mean landmark σ and each organ's, shape (n, 4); NaN where missing or bad.

    Each cell is read by :func:`~..format.landmarks.parse_landmark_std` (the
    row view's check): a bad one's problem is the view's error message. A
    landmark's σ is (σx+σy)/2 (``nodeSigma`` in ``src/core/uncertainty.ts``).
    """
    n = len(values)
    out = np.full((n, 4), np.nan)
    for i, value in enumerate(values):
        if is_missing(value):
            continue
        try:
            sigma = parse_landmark_std(value, STD_COLUMN)
        except ValueError as error:
            problems[i].append((order, str(error)))
            continue
        node = sigma.mean(axis=1)
        out[i, 0] = node.mean()
        for k, organ in enumerate(ORGAN_COLUMNS):
            a, b = LANDMARK_SLICES[organ]
            out[i, k + 1] = node[a:b].mean()
    return out


def measure_frame(
    frame: pd.DataFrame,
    id_column: str | None,
    datasets: Sequence[str] | str,
    organs: OrganMeasurer | None = None,
) -> pd.DataFrame:
    """The measures of a DataFrame's rows (cells as read: text, numbers or missing).

    ``organs`` measures the masks (default: :func:`cell_measurer` of ``frame``;
    :mod:`.fast` reads them from the file's bytes instead).
    """
    n = len(frame)
    problems: Problems = [[] for _ in range(n)]
    height, width, size_ok, height_out, width_out = mask_sides(frame, problems)
    mean = _dice_values(frame, DICE_MEAN_COLUMN, 3, problems)
    top = _dice_values(frame, DICE_MAX_COLUMN, 4, problems)
    areas, heart, thorax = (organs or cell_measurer(frame))(height, width, size_ok, problems)
    ctr = heart / thorax
    usable = ~np.isnan(areas[HEART_COLUMN])
    usable &= ~np.isnan(areas[RIGHT_LUNG_COLUMN]) & ~np.isnan(areas[LEFT_LUNG_COLUMN])
    ctr[~usable] = np.nan
    out: dict[str, object] = {}
    if id_column is not None:
        out[id_column] = frame[id_column].to_numpy(dtype=object)
    out["dataset"] = (
        np.full(n, datasets, dtype=object) if isinstance(datasets, str) else list(datasets)
    )
    out[DICE_MEAN_COLUMN] = mean
    out[DICE_MAX_COLUMN] = top
    swapped = pd.array(mean > top, dtype="boolean")
    swapped[np.isnan(mean) | np.isnan(top)] = pd.NA
    out["swapped"] = swapped
    for column in ORGAN_COLUMNS:
        out[AREA_COLUMNS[column]] = areas[column]
    out[CTR_COLUMN] = ctr
    out[HEIGHT_COLUMN] = height_out
    out[WIDTH_COLUMN] = width_out
    if STD_COLUMN in frame.columns:
        # Order 5: the row checks read Landmarks (Std) before the masks.
        sigma = _sigmas(list(frame[STD_COLUMN].to_numpy(dtype=object)), problems, 5)
        out[SIGMA_COLUMN] = sigma[:, 0]
        for k, column in enumerate(ORGAN_COLUMNS):
            out[SIGMA_COLUMNS[column]] = sigma[:, k + 1]
    out[PROBLEM_COLUMN] = [min(p)[1] if p else "" for p in problems]
    return pd.DataFrame(out, index=pd.RangeIndex(n))
