"""``rca_histogram`` of a ``dask.dataframe`` DataFrame: per-partition counts, merged.

Each partition is counted where it lives (a worker of a dask cluster, or
dask's local scheduler) into :class:`.bins.Dataset` accumulators by the
pandas path's :func:`.sources.add_frame`; the accumulators are additive
(counts, exact scaled sums, min/max, raw values in row order within the
limit), so merging them in partition order gives the payload of the same
rows as one pandas DataFrame, exactly. dask is imported only here, and only
when a dask DataFrame is passed.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..format.columns import DICE_MAX_COLUMN, DICE_MEAN_COLUMN, ID_COLUMNS
from ..types import FloatArray
from .bins import Dataset
from .sources import add_frame


def count_partition(
    frame: Any, bins: int, dataset_column: str | None, raw_values_limit: int
) -> dict[str, Dataset]:
    """The datasets of one pandas partition, in order of first appearance."""
    datasets: dict[str, Dataset] = {}

    def add(name: str, mean: FloatArray, top: FloatArray) -> None:
        dataset = datasets.get(name)
        if dataset is None:
            dataset = datasets[name] = Dataset(name, bins, raw_values_limit)
        if len(mean):
            dataset.add(mean, top)

    add_frame(add, frame, dataset_column, "the dask DataFrame", None)
    return datasets


def dask_datasets(
    frame: Any, bins: int, dataset_column: str | None, raw_values_limit: int
) -> list[dict[str, Dataset]]:
    """Each partition's datasets (computed by dask, on its workers if a client is active).

    Raises:
        ValueError: a Dice column or ``dataset_column`` is missing.

    """
    dask: Any = importlib.import_module("dask")  # untyped here; imported only when used
    columns = list(frame.columns)
    for column in (DICE_MEAN_COLUMN, DICE_MAX_COLUMN):
        if column not in columns:
            raise ValueError(f"the dask DataFrame has no column {column!r}")
    if dataset_column is not None:
        if dataset_column not in columns:
            raise ValueError(f"the dask DataFrame has no dataset column {dataset_column!r}")
        keep = [dataset_column]
    else:
        keep = [c for c in ID_COLUMNS if c in columns]
    keep += [DICE_MEAN_COLUMN, DICE_MAX_COLUMN]
    parts = frame[list(dict.fromkeys(keep))].to_delayed()
    count = dask.delayed(count_partition, pure=True)
    tasks = [count(part, bins, dataset_column, raw_values_limit) for part in parts]
    results: tuple[dict[str, Dataset], ...] = dask.compute(*tasks)
    return list(results)
