"""Measuring a chunk of a CSV file straight from its bytes, with the loop of :mod:`.compiled`.

pandas turning every mask cell into a Python string costs more than reading
the file; here the masks are measured where they lie in the chunk's bytes,
and pandas reads only the small cells (id, scores, size, σ), copied into a
small CSV of their own so they are read exactly as before. What the compiled
loop does not call plain goes to the general path, whose result is the
definition: a whole chunk of unusual shape (:func:`measure_chunk_bytes`
returns ``None``), or a record's mask cells (read by pandas and measured by
:func:`.cell_runs.cell_measurer`). The equality of both paths on every shared
row and on the hostile cells is tested.

Needs numba (``pip install jupyterlab_chexmask[fast]``); imported only when used
(:data:`.api.NUMBA` says whether it is installed).
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from ..format.columns import HEIGHT_COLUMN, ID_COLUMNS, ORGAN_COLUMNS, WIDTH_COLUMN
from ..types import FloatArray, IntArray
from . import compiled
from .cell_runs import OrganMeasurer, OrganMeasures, Problems, cell_measurer
from .frame import measure_frame, wanted_columns

#: The name given to the extra last field of :func:`.compiled.quoted_fields`' records.
_END_NAME = "\x00end"


def _read_fields(
    data: np.ndarray, bounds: IntArray, rows: IntArray, slots: list[int], columns: list[str]
) -> pd.DataFrame:
    """``rows``' fields in ``slots``, named ``columns``, read by pandas as ``measure_chunk``
    reads them (copied out as a small CSV of their own, every field quoted)."""
    cells: pd.DataFrame = pd.read_csv(
        io.BytesIO(
            compiled.quoted_fields(
                data, bounds, rows.astype(np.int64), np.array(slots, dtype=np.int64)
            ).tobytes()
        ),
        header=None,
        names=[*columns, _END_NAME],
        dtype=str,
        engine="c",
        encoding="utf-8",
        encoding_errors="replace",
    )
    kept: pd.DataFrame = cells.drop(columns=_END_NAME)
    return kept


def _record_measurer(
    data: np.ndarray,
    bounds: IntArray,
    organ_slots: list[int],
    measured: tuple[FloatArray, FloatArray, np.ndarray],
) -> OrganMeasurer:
    """The organ measures of the records in ``bounds`` as the compiled loop ``measured`` them;
    records it did not call plain are read by pandas and measured by the general path."""

    def measure(
        height: IntArray, width: IntArray, size_ok: np.ndarray, problems: Problems
    ) -> OrganMeasures:
        areas, extents, plain = measured
        rest = np.flatnonzero(~plain)
        if rest.size:
            present = [(c, s) for c, s in zip(ORGAN_COLUMNS, organ_slots, strict=True) if s >= 0]
            cells = _read_fields(
                data, bounds, rest, [s for _, s in present], [c for c, _ in present]
            )
            found: Problems = [[] for _ in rest]
            their_areas, heart, lungs = cell_measurer(cells)(
                height[rest], width[rest], size_ok[rest], found
            )
            for k, column in enumerate(ORGAN_COLUMNS):
                areas[rest, k] = their_areas[column]
            extents[rest, 0], extents[rest, 1] = heart, lungs
            for r, own in zip(rest, found, strict=True):
                problems[r].extend(own)
        return (
            {c: areas[:, k] for k, c in enumerate(ORGAN_COLUMNS)},
            extents[:, 0],
            extents[:, 1],
        )

    return measure


def _kinds(names: list[str], small: list[str], organs: list[str]) -> tuple[IntArray, IntArray]:
    """What the compiled loop does with each column, and the slot of its bounds."""
    slot_of = {c: k for k, c in enumerate(small + organs)}
    kinds = []
    for name in names:
        if name in ORGAN_COLUMNS and name in slot_of:
            kinds.append(compiled.ORGAN + ORGAN_COLUMNS.index(name))
        elif name == HEIGHT_COLUMN:
            kinds.append(compiled.HEIGHT)
        elif name == WIDTH_COLUMN:
            kinds.append(compiled.WIDTH)
        else:
            kinds.append(compiled.SMALL if name in slot_of else compiled.SKIP)
    slots = [slot_of.get(name, 0) for name in names]
    return np.array(kinds, dtype=np.int64), np.array(slots, dtype=np.int64)


def measure_chunk_bytes(names: list[str], data: np.ndarray, dataset: str) -> pd.DataFrame | None:
    """The measures of a chunk of whole records (bytes as ``uint8``, after the header of
    ``names``), or ``None`` when the chunk is not of the plain shape the compiled loop reads
    (see :func:`.compiled.measure_records`) or the header repeats a name.

    Most of the time is spent in the compiled loop, which releases the GIL:
    chunks measured on two threads use two cores.
    """
    if len(set(names)) != len(names):
        return None
    wanted = wanted_columns(names)
    organs = [c for c in wanted if c in ORGAN_COLUMNS]
    small = [c for c in wanted if c not in ORGAN_COLUMNS]
    kinds, slots = _kinds(names, small, organs)
    capacity = data.size // 4096 + 16
    runs = np.empty(data.size // 2 + 2, dtype=np.int32)
    while True:
        bounds = np.empty((capacity, len(small) + len(organs), 2), dtype=np.int64)
        areas: FloatArray = np.empty((capacity, 3))
        extents: FloatArray = np.empty((capacity, 2))
        plain = np.empty(capacity, dtype=bool)
        count = compiled.measure_records(data, kinds, slots, bounds, areas, extents, plain, runs)
        if count != compiled.FULL:
            break
        capacity *= 4
    if count == compiled.NOT_PLAIN:
        return None
    bounds = bounds[:count]
    cells = _read_fields(data, bounds, np.arange(count), list(range(len(small))), small)
    organ_slots = [len(small) + organs.index(c) if c in organs else -1 for c in ORGAN_COLUMNS]
    measured = (areas[:count], extents[:count], plain[:count])
    id_column = next((c for c in ID_COLUMNS if c in cells.columns), None)
    return measure_frame(
        cells, id_column, dataset, _record_measurer(data, bounds, organ_slots, measured)
    )
