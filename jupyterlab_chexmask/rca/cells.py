"""The two Dice cells of CheXmask CSV records, from the header's column positions to batches.

:class:`Columns` finds the two Dice columns in a header record; the scans of
:mod:`.scan` append their cells to a :class:`Batches`, which converts
them in batches by pandas' C parser, so the values are exactly those of
``pandas.read_csv`` on the file, with the same missing-value markers (empty,
``nan``, ``NA``, ``NULL``...). A batch holding a cell that is not a number
falls back to ``float()``, where it is NaN.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Optional

import numpy as np
import pandas as pd

from ..format.columns import DICE_MAX_COLUMN, DICE_MEAN_COLUMN
from ..types import FloatArray
from .scan import csv_fields, number

#: Rows converted and handed on at a time.
CHUNK_ROWS = 1 << 16

_BOM = b"\xef\xbb\xbf"
_CELLS_HEADER = b"v"

#: The Mean and Max values of a batch of rows, float64.
Batch = tuple[FloatArray, FloatArray]
#: Called with a number of bytes read (a progress bar's ``update``); its result is ignored.
#: Evaluated at run time, so ``Optional`` rather than ``X | None`` (Python 3.9).
Progress = Optional[Callable[[int], object]]  # noqa: UP045


class Columns:
    """Where the two Dice columns are, from a file's header record."""

    def __init__(self, path: str, header: bytes) -> None:
        if header.startswith(_BOM):
            header = header[len(_BOM) :]
        names = csv_fields(header.rstrip(b"\r"))
        missing = [c for c in (DICE_MEAN_COLUMN, DICE_MAX_COLUMN) if c not in names]
        if missing:
            shown = ", ".join(repr(c) for c in names[:12]) + (", ..." if len(names) > 12 else "")
            raise ValueError(
                f"'{path}' has no column {' and no column '.join(repr(c) for c in missing)} "
                f"(its columns: {shown or 'none'})"
            )
        self.mean = names.index(DICE_MEAN_COLUMN)
        self.max = names.index(DICE_MAX_COLUMN)
        self.k = max(self.mean, self.max) + 1

    @property
    def args(self) -> tuple[int, int, int]:
        return self.k, self.mean, self.max


def _parse_cells(text: bytes) -> FloatArray:
    """Cells joined by newlines (Mean, Max, Mean, Max...) as float64, by pandas' C parser."""
    try:
        frame = pd.read_csv(
            io.BytesIO(_CELLS_HEADER + b"\n" + text),
            header=0,
            skip_blank_lines=False,
            dtype=np.float64,
            engine="c",
        )
        return frame.iloc[:, 0].to_numpy(dtype=np.float64)
    except ValueError:  # a cell that is not a number
        return np.array([number(c) for c in text.split(b"\n")], dtype=np.float64)


class Batches:
    """Cells gathered from scans, handed on as (mean, max) arrays of about :data:`CHUNK_ROWS`."""

    def __init__(self) -> None:
        self.cells: list[bytes] = []  # filled by scan()
        self._chunks: list[bytes] = []
        self._rows = 0

    def add_joined(self, payload: bytes, rows: int) -> None:
        """Cells already joined by newlines (from a worker)."""
        self._chunks.append(payload)
        self._rows += rows

    def take(self, last: bool = False) -> Batch | None:
        if self.cells:
            self._rows += len(self.cells) // 2
            self._chunks.append(b"\n".join(self.cells))
            self.cells.clear()  # the scan holds this very list
        if not self._rows or (self._rows < CHUNK_ROWS and not last):
            return None
        values = _parse_cells(b"\n".join(self._chunks))
        self._chunks, self._rows = [], 0
        return values[0::2].copy(), values[1::2].copy()
