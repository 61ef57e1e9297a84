"""Where :func:`.display.rca_histogram` takes its rows from: DataFrames, dicts, CSV paths.

:func:`collect_sources` flattens the ``source`` argument into ``(name or
None, DataFrame or path)`` items; :func:`add_frame` splits a DataFrame's rows
by dataset (a ``dataset_column``, else the image-id column); paths are read by
:mod:`.reader`.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..format.columns import (
    DICE_MAX_COLUMN,
    DICE_MEAN_COLUMN,
    ID_COLUMNS,
    SHARED_ID_COLUMN,
    infer_dataset,
)
from ..format.csv_file import existing_file
from ..types import FloatArray, PathLike, Source, SourceItem

if TYPE_CHECKING:
    from typing import TypeGuard

    from tqdm import tqdm

#: Where :func:`add_frame` sends scores: ``add(dataset name, mean, max)``.
AddScores = Callable[[str, FloatArray, FloatArray], None]

#: The dataset of rows of a DataFrame without ``dataset_column`` whose id column says nothing.
DEFAULT_DATASET = "all"
#: The dataset of rows whose ``dataset_column`` cell is empty.
UNKNOWN_DATASET = "unknown"


def is_path(value: object) -> TypeGuard[PathLike]:
    """Whether ``value`` names a file (a ``str`` or ``os.PathLike``)."""
    return isinstance(value, (str, os.PathLike))


def is_dask_frame(value: object) -> bool:
    """Whether ``value`` is a ``dask.dataframe`` DataFrame (checked without importing dask)."""
    return type(value).__module__.startswith("dask") and hasattr(value, "map_partitions")


def _frame_scores(frame: pd.DataFrame, where: str) -> tuple[FloatArray, FloatArray]:
    """The two Dice columns of a DataFrame as float64 (anything not a number is NaN)."""
    out = []
    for column in (DICE_MEAN_COLUMN, DICE_MAX_COLUMN):
        if column not in frame.columns:
            raise ValueError(f"{where} has no column {column!r}")
        values = pd.to_numeric(frame[column], errors="coerce")
        out.append(values.to_numpy(dtype=np.float64, na_value=np.nan))
    return out[0], out[1]


def frame_names(
    frame: pd.DataFrame, dataset_column: str | None, where: str
) -> npt.NDArray[np.object_]:
    """Each row's dataset name."""
    n = len(frame)
    if dataset_column is not None:
        if dataset_column not in frame.columns:
            raise ValueError(f"{where} has no dataset column {dataset_column!r}")
        values = frame[dataset_column]
        text = values.astype(str)
        blank = values.isna().to_numpy() | (text.str.strip() == "").to_numpy()
        names = text.to_numpy(dtype=object)
        names[blank] = UNKNOWN_DATASET
        return names
    # Per row: the first id column (in ID_COLUMNS order) that has a value, so
    # a concatenation of several datasets' frames is split correctly.
    names = np.full(n, DEFAULT_DATASET, dtype=object)
    todo = np.ones(n, dtype=bool)
    for column in ID_COLUMNS:
        if column not in frame.columns or not todo.any():
            continue
        ids = frame[column].to_numpy(dtype=object)
        present = todo & ~pd.isna(ids)
        if column == SHARED_ID_COLUMN:  # Padchest or CANDID-PTX, by the id
            rows = np.flatnonzero(present)
            names[rows] = [infer_dataset(column, str(ids[i])) or DEFAULT_DATASET for i in rows]
        else:
            names[present] = infer_dataset(column, None) or DEFAULT_DATASET
        todo &= ~present
    return names


def add_frame(
    add: AddScores, frame: pd.DataFrame, dataset_column: str | None, where: str, name: str | None
) -> None:
    """Pass a DataFrame's scores to ``add(name, mean, max)``.

    One call per dataset, or one for ``name`` if given.
    """
    mean, top = _frame_scores(frame, where)
    if name is not None:
        add(name, mean, top)
        return
    names = frame_names(frame, dataset_column, where)
    if len(names) == 0:
        return
    codes, uniques = pd.factorize(names, sort=False)
    if len(uniques) == 1:
        add(str(uniques[0]), mean, top)
        return
    for code, label in enumerate(uniques):
        rows = codes == code
        add(str(label), mean[rows], top[rows])


def progress_bar(total: int, enabled: bool, desc: str = "RCA", unit: str = "B") -> tqdm[Any] | None:
    """A tqdm bar of ``total`` bytes (or other ``unit``s), or ``None`` when disabled or empty."""
    if not enabled or total <= 0:
        return None
    with warnings.catch_warnings():  # tqdm.auto warns when ipywidgets is missing
        warnings.simplefilter("ignore")
        from tqdm.auto import tqdm

        if unit != "B":
            return tqdm(total=total, unit=unit, desc=desc, leave=True)
        return tqdm(
            total=total, unit="B", unit_scale=True, unit_divisor=1024, desc=desc, leave=True
        )


def collect_sources(source: Source) -> list[tuple[str | None, SourceItem]]:
    """The DataFrames and CSV paths of a ``source``, in order, each with its dataset name.

    The name is ``None`` where the source does not give one.

    Raises:
        TypeError: ``source`` (or an item of it) is of an unsupported kind.
        ValueError: ``source`` holds nothing, or a path is not a file.

    """
    items: list[tuple[str | None, SourceItem]] = []

    def collect(value: object, name: str | None, top_level: bool) -> None:
        if isinstance(value, pd.DataFrame) or is_path(value):
            items.append((name, value))
        elif isinstance(value, Mapping) and top_level:
            for key, inner in value.items():
                collect(inner, str(key), False)
        elif (
            isinstance(value, Sequence)
            and not isinstance(value, (str, bytes))
            and (top_level or name is not None)
        ):
            for inner in value:
                if not (isinstance(inner, pd.DataFrame) or is_path(inner)):
                    raise TypeError(
                        "a list of sources must hold CSV paths or DataFrames, "
                        f"got {type(inner).__name__}"
                    )
                collect(inner, name, False)
        else:
            raise TypeError(
                "source must be a DataFrame, a CSV path, a list of them or a dict of "
                f"dataset name to them, got {type(value).__name__}"
            )

    collect(source, None, True)
    if not items:
        raise ValueError("source holds no DataFrame or CSV path")
    for _, value in items:
        if is_path(value):
            existing_file(value)
    return items
