"""Example rows of a histogram: ``cm.histogram(table, column, ..., examples=k)``.

When the table carries row data (the RLE columns of CheXmask rows, e.g. a
``cm.read_csv`` frame merged with ``cm.measure`` output), each group keeps
up to ``k`` rows per **band**: ``bandBins`` fine bins of the payload's own
lattice (band ``b`` holds lattice bins ``b * bandBins`` to
``(b + 1) * bandBins - 1``), ``bandBins`` being the drawn width the view
starts with, so a band is a drawn bar and its edges are threshold edges.
Each row also carries its fine bin, so any bar (of any width) or any range
next to the threshold selects exactly the sampled rows inside it.

The sample is deterministic and uniform: every row gets a key, a hash of
its image id (of its position when it has none) taken from the top 53 bits
(so JSON numbers hold it exactly), and each (group, band) keeps the ``k``
rows of smallest key, ties by position. Keys depend on the row only, so the
samples of two parts of a table merge (:func:`merge_examples`) into the
sample of the whole when both use the same bands.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..common.examples import example_row
from ..format.cells import row_cells
from ..format.columns import ID_COLUMNS, ORGAN_COLUMNS
from ..types import FloatArray, IntArray
from .grid import lattice_index

#: The columns a table must have for examples: the masks' run lengths.
ROW_DATA_COLUMNS: tuple[str, ...] = ORGAN_COLUMNS


def check_row_data(table: pd.DataFrame) -> None:
    """Raise unless ``table`` carries row data (see :data:`ROW_DATA_COLUMNS`).

    Raises:
        ValueError: naming the missing columns.
    """
    missing = [c for c in ROW_DATA_COLUMNS if c not in table.columns]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        raise ValueError(
            f"examples= needs the rows' masks, but the table has no column {names}: "
            "merge the cm.read_csv rows into it (e.g. on the image id), or leave examples= out"
        )


def row_keys(table: pd.DataFrame) -> npt.NDArray[np.uint64]:
    """Each row's sampling key: a hash of its image id (else of its position), 53 bits."""
    ids = pd.Series([None] * len(table), index=table.index, dtype=object)
    for column in ID_COLUMNS:
        if column in table.columns:
            ids = ids.combine_first(table[column].astype(object).where(table[column].notna()))
    places = pd.Series(np.arange(len(table)), index=table.index).map(lambda i: f"#{i}")
    text = ids.map(str).where(ids.notna(), places)
    hashed = pd.util.hash_pandas_object(text, index=False).to_numpy(dtype=np.uint64)
    keys: npt.NDArray[np.uint64] = (hashed >> np.uint64(11)).astype(np.uint64)
    return keys


def sample_examples(
    values: FloatArray,
    codes: IntArray,
    keys: npt.NDArray[np.uint64],
    *,
    exponent: int,
    start: int,
    bins: int,
    band_bins: int,
    per_band: int,
) -> tuple[IntArray, IntArray]:
    """The sampled rows' positions, by group, band and key, and their lattice bins.

    Only values inside the fine bins are sampled (missing and out-of-range ones are not).
    """
    finite = np.flatnonzero(np.isfinite(values))
    lattice = lattice_index(values[finite], exponent)
    inside = (lattice >= start) & (lattice < start + bins)
    rows, lattice = finite[inside], lattice[inside].astype(np.int64)
    band = lattice // band_bins
    group = codes[rows]
    key = keys[rows]
    order = np.lexsort((rows, key, band, group))
    rows, lattice, band, group = rows[order], lattice[order], band[order], group[order]
    cell = np.stack([group, band], axis=1)
    fresh = np.ones(len(rows), dtype=bool)
    fresh[1:] = np.any(cell[1:] != cell[:-1], axis=1)
    first = np.maximum.accumulate(np.where(fresh, np.arange(len(rows)), 0))
    keep = np.arange(len(rows)) - first < per_band
    return rows[keep], lattice[keep]


def add_examples(
    payload: dict[str, Any],
    table: pd.DataFrame,
    values: FloatArray,
    codes: IntArray,
    band_bins: int,
    per_band: int,
) -> None:
    """Put each group's sampled rows (gallery rows with ``bin`` and ``key``) in the payload."""
    keys = row_keys(table)
    rows, lattice = sample_examples(
        values,
        codes,
        keys,
        exponent=payload["exponent"],
        start=payload["start"],
        bins=payload["bins"],
        band_bins=band_bins,
        per_band=per_band,
    )
    columns = [payload["column"]]
    chosen: list[list[dict[str, Any]]] = [[] for _ in payload["groups"]]
    for position, fine in zip(rows.tolist(), lattice.tolist(), strict=True):
        row = example_row(
            row_cells(table.iloc[position]), columns, {"bin": fine, "key": int(keys[position])}
        )
        chosen[int(codes[position])].append(row)
    for group, examples in zip(payload["groups"], chosen, strict=True):
        group["examples"] = {"bandBins": band_bins, "perBand": per_band, "rows": examples}


def merge_examples(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    """Two parts' examples of one group as those of both (``mergeExamples`` in TypeScript).

    The bands are the least common multiple of both widths (a nice width
    again, each part's band a whole number of them) and ``perBand`` the
    smaller; each band keeps the rows of smallest key (ties: ``a``'s first),
    so the result is the sample those bands would give the whole table.
    Without examples on one side there are none.
    """
    if a is None or b is None:
        return None
    band_bins = math.lcm(int(a["bandBins"]), int(b["bandBins"]))
    per_band = min(int(a["perBand"]), int(b["perBand"]))
    return {
        "bandBins": band_bins,
        "perBand": per_band,
        "rows": pick_rows([*a["rows"], *b["rows"]], band_bins, per_band),
    }


def pick_rows(
    rows: Sequence[dict[str, Any]], band_bins: int, per_band: int
) -> list[dict[str, Any]]:
    """Up to ``per_band`` rows per band of smallest key, by band then key (stable)."""
    ordered = sorted(
        enumerate(rows), key=lambda ir: (ir[1]["bin"] // band_bins, ir[1]["key"], ir[0])
    )
    taken: dict[int, int] = {}
    out: list[dict[str, Any]] = []
    for _, row in ordered:
        band = row["bin"] // band_bins
        if taken.get(band, 0) < per_band:
            taken[band] = taken.get(band, 0) + 1
            out.append(row)
    return out
