"""CheXmask cells: missing or not, JSON-safe, the mask size, and the error naming a bad one.

Shared by every view: the row view checks its cells with these, the landmark
plot reads its rows' sizes and ids with them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..common.js_numbers import js_number
from ..types import Row
from .columns import DEFAULT_MASK_SIZE, HEIGHT_COLUMN, WIDTH_COLUMN, is_index_column


class RowFormatError(ValueError):
    """A malformed cell: ``field`` names the column, ``problem`` says what is wrong.

    ``str(error)`` is ``"<field>: <problem>"``, as the view's error panel says it.
    """

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def is_missing(value: object) -> bool:
    """An absent, null, NaN or blank cell: an empty mask, a missing score.

    ``pd.NA`` (the missing cell of pandas' ``string`` dtype, which dask's CSV
    reader gives) is null too.
    """
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


#: A number written in a cell, as the core's grammar reads it (no ``nan``, no ``inf``).
NUMBER_TEXT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")

_SIDE = re.compile(r"\s*\d+(\.0*)?\s*")


def mask_side(cells: Mapping[str, object], column: str) -> int:
    """``Height`` or ``Width``: ``"1024"``, ``"1024.0"``, ``1024.0``; missing means 1024."""
    value = cells.get(column)
    if is_missing(value):
        return DEFAULT_MASK_SIZE
    if (isinstance(value, (int, float)) and not isinstance(value, bool)) or (
        isinstance(value, str) and _SIDE.fullmatch(value)
    ):
        number = float(value)
    else:
        shown = quote_for_message(value) if isinstance(value, str) else describe_type(value)
        raise RowFormatError(column, f"must be a positive integer number of pixels, got {shown}")
    if not number.is_integer() or number < 1:
        raise RowFormatError(
            column, f"must be a positive integer number of pixels, got {js_number(number)}"
        )
    return int(number)


def row_cells(row: Row) -> dict[str, Any]:
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


def mask_size(cells: Mapping[str, Any]) -> tuple[int, int]:
    """The mask's ``(height, width)``; 1024 for a side that is missing or empty.

    Raises:
        RowFormatError: ``Height`` or ``Width`` is present but not a positive
            integer (a ``ValueError`` naming the column).

    """
    return mask_side(cells, HEIGHT_COLUMN), mask_side(cells, WIDTH_COLUMN)


def describe_type(value: object) -> str:
    """What a value is, in the core's words (``describeType``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    return "an object"


def quote_for_message(text: str) -> str:
    """Untrusted text in a message, bounded."""
    return '"' + (text if len(text) <= 40 else text[:40] + "…") + '"'
