"""Histograms of any numeric column of a table, per group: :func:`histogram`, as :class:`Histogram`.

The column (a measure of :func:`~jupyterlab_chexmask.measure` such as
``CTR`` or ``Heart area``, or any column of the user's) is counted per group
into fine bins of a decimal grid (:mod:`.grid`) by :mod:`.payload`; the
result displays in JupyterLab as an interactive histogram (MIME type
:data:`MIME_HISTOGRAM`) and as its picture (:mod:`.picture`) or a text table
(:mod:`.summary`) elsewhere. The payload is additive: histograms of parts
of a table made with the same ``step`` merge into that of the whole
(:meth:`Histogram.merge`). The payload is described by the JSON Schema
``schema/payloads/histogram.v1.json``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..common.display import PayloadDisplay, mime_type
from ..common.examples import check_examples
from ..rca.sources import is_dask_frame
from ..types import FloatArray, IntArray
from .examples import add_examples, check_row_data
from .grid import DEFAULT_SHOWN_BINS, width_for
from .payload import (
    ALL_GROUP,
    MAX_BINS,
    MAX_GROUPS,
    MISSING_GROUP,
    build_payload,
    merge_payloads,
)
from .summary import initial_edge, snap_edge, summary_frame, summary_text

if TYPE_CHECKING:
    from PIL import Image

#: The MIME type the JupyterLab extension renders as a histogram
#: (``application/vnd.chexmask.histogram.v1+json``).
MIME_HISTOGRAM = mime_type("histogram")

#: How ``keep=`` may be written, and the payload's name for each side.
_KEEP = {">=": "above", "≥": "above", "above": "above", "<": "below", "below": "below"}


class Histogram(PayloadDisplay):
    """Histograms of one column per group; made by :func:`histogram`.

    In JupyterLab (with the extension) it renders as an interactive
    histogram; elsewhere as its picture (drawn in Python), or as a table of
    the groups (see :meth:`summary`) when pictures are off. As a cell's last
    expression it is displayed; :meth:`show` displays it at once, :meth:`save`
    writes its picture; ``a + b`` (:meth:`merge`) adds the histograms of two
    parts of a table.
    """

    MIME = MIME_HISTOGRAM

    def __init__(self, payload: dict[str, Any], static: bool | None = None) -> None:
        """Wrap a payload (the text is its table); ``static`` as for :func:`histogram`."""
        super().__init__(payload, summary_text(payload), static)

    def _draw(self) -> tuple[Image.Image, str]:
        # Imported here: Pillow only loads when a picture is drawn.
        from .picture import histogram_picture

        return histogram_picture(self._payload)

    def summary(self, threshold: float | None = None, keep: str | None = None) -> pd.DataFrame:
        """One row per group: what the view's table shows at a threshold.

        Columns: ``rows``; ``missing`` (NaN or no value) and ``out_of_range``
        (infinite, or outside ``range=``); ``kept``, the values ``>=`` the
        threshold (or ``<`` it), exact; ``kept %`` of the binned values;
        ``mean`` (exact to float64 summing); ``median``, the centre of the fine
        bin holding it; ``min`` and ``max``.

        Args:
            threshold: Snapped to the nearest fine-bin edge; ``None`` for the
                view's first threshold (the payload's, else the median's bin edge).
            keep: ``">="`` or ``"<"``; ``None`` for the payload's.
        """
        payload = self._payload
        edge = initial_edge(payload) if threshold is None else snap_edge(payload, float(threshold))
        return summary_frame(payload, edge, _keep(keep) if keep else payload["keep"])

    def merge(self, other: Histogram) -> Histogram:
        """The histogram of the rows of both (made with the same ``step``; see the schema).

        Raises:
            ValueError: the two differ in column, ``by`` or fine-bin width, or
                have out-of-range values and different ranges.
        """
        return Histogram(merge_payloads(self._payload, other._payload), self._static)

    def __add__(self, other: Histogram) -> Histogram:
        """``a + b`` is :meth:`merge`."""
        return self.merge(other)

    def __repr__(self) -> str:
        """One line: the column, the grouping and the groups' row counts."""
        p = self._payload
        parts = ", ".join(f"{g['name']} {g['rows']} rows" for g in p["groups"])
        by = f" by {p['by']}" if p["by"] else ""
        return f"<Histogram of {p['column']}{by}: {parts}>"


def histogram(
    table: pd.DataFrame,
    column: str,
    by: str | None = None,
    threshold: float | None = None,
    bins: int | None = None,
    title: str | None = None,
    *,
    keep: str = ">=",
    step: float | None = None,
    range: tuple[float, float] | None = None,  # numpy.histogram's name
    static: bool | None = None,
    examples: int = 0,
) -> Histogram:
    """A histogram of one numeric column of a table, per group, with a threshold.

    Works on any DataFrame with a numeric column, e.g. the output of
    :func:`~jupyterlab_chexmask.measure` (``CTR``, ``Heart area``,
    ``Landmark σ``, the Dice scores) with metadata merged in::

        m = cm.measure("ChestX-Ray8.csv").merge(meta, on="Image Index")
        cm.histogram(m, "CTR", by="View Position", threshold=0.5)

    Every row is counted: NaN, None and ``pd.NA`` values as ``missing``,
    infinite values (and, with ``range``, values outside it) as
    ``out_of_range``, both shown in the view's table and :meth:`Histogram.summary`;
    nothing is dropped silently. Counting is vectorised (numpy), a few passes
    over the column whatever its length.

    Args:
        table: A pandas DataFrame, or a ``dask.dataframe`` DataFrame (e.g. the
            lazy output of ``cm.measure(ddf)``): only ``column`` and ``by`` are
            computed (one number and one label per row, brought into this
            process), so the payload is exactly that of the same rows in pandas.
        column: The numeric column counted (numbers, nullable numbers or booleans).
        by: A column whose values name the groups (at most 64), e.g.
            ``"dataset"`` or ``"View Position"``; rows without one form the
            group ``"(missing)"``. ``None``: one group, ``"all"``.
        threshold: Where the view's threshold starts (it snaps to the nearest
            fine-bin edge); ``None``: the median's bin edge.
        bins: About how many bins the view first draws (it picks the nice
            width nearest); ``None``: about 50. The view's bin-width control
            offers every nice width; the counts are always kept in fine bins.
        title: A caption for the view.
        keep: Which values the threshold keeps: ``">="`` (default) or ``"<"``.
        step: The fine bins' width, a power of ten (``0.001``); ``None``: the
            largest giving the data's range at least 500 fine bins. Give the
            same step (and ``range``) to histograms of parts of a table that
            you will merge.
        range: ``(low, high)``: bin only this range, counting values outside
            as out of range (e.g. to leave out a few absurd values).
        static: Whether the output carries the picture drawn in Python; ``None``
            follows :data:`~jupyterlab_chexmask.pictures`.
        examples: Carry up to this many rows per group per band (0: none; at
            most 100) when the table carries row data (the columns ``Right
            Lung``, ``Left Lung`` and ``Heart`` of CheXmask rows, e.g.
            ``cm.read_csv`` rows merged with ``cm.measure`` output); the view
            shows the rows of a clicked bar as a gallery under the chart. A band
            is a bar of the width the view starts with; the sample is
            deterministic (see :mod:`.examples`).

    Raises:
        TypeError: ``table`` is not a DataFrame.
        ValueError: ``column`` or ``by`` is not a column of the table (the
            message names it), ``column`` is not numeric, ``by`` has more than
            64 values, or ``bins``, ``keep``, ``step`` or ``range`` is invalid,
            or ``examples`` is given for a table without row data (the message
            names the missing columns) or for a dask DataFrame.
    """
    if is_dask_frame(table):
        table = _dask_columns(table, column, by, examples)
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"histogram() takes a pandas DataFrame, got {type(table).__name__}")
    values = _numeric_column(table, column)
    if bins is not None and (
        isinstance(bins, bool)
        or not isinstance(bins, (int, np.integer))
        or not 1 <= bins <= MAX_BINS
    ):
        raise ValueError(f"bins must be a whole number from 1 to {MAX_BINS} or None, got {bins!r}")
    if threshold is not None and (
        isinstance(threshold, bool)
        or not isinstance(threshold, (int, float, np.number))
        or not math.isfinite(threshold)
    ):
        raise ValueError(f"threshold must be a finite number or None, got {threshold!r}")
    per_band = check_examples(examples)
    if per_band:
        check_row_data(table)
    codes, names = _groups(table, by)
    payload = build_payload(
        values,
        codes,
        names,
        column=str(column),
        by=None if by is None else str(by),
        step=step,
        value_range=range,
        threshold=None if threshold is None else float(threshold),
        keep=_keep(keep),
        shown_bins=None if bins is None else int(bins),
        title=None if title is None else str(title),
    )
    if per_band:
        shown = DEFAULT_SHOWN_BINS if bins is None else int(bins)
        band_bins = width_for(payload["start"], payload["bins"], shown)
        add_examples(payload, table, values, codes, band_bins, per_band)
    return Histogram(payload, static)


def _dask_columns(table: Any, column: str, by: str | None, examples: int) -> pd.DataFrame:
    """The counted columns of a dask DataFrame, computed (the rows' order and index kept)."""
    if examples:
        raise ValueError(
            "examples= is not available for a dask DataFrame: compute the rows you want "
            "sampled (with their masks) into a pandas DataFrame first"
        )
    names = [str(c) for c in table.columns]
    wanted = list(dict.fromkeys(c for c in (column, by) if c is not None and c in names))
    missing = next((c for c in (column, by) if c is not None and c not in names), None)
    if missing is not None:  # named as for a pandas table, before any computing
        _column(table._meta, missing, "column" if missing == column else "by")
    computed: pd.DataFrame = table[wanted].compute()
    return computed


def _keep(keep: str) -> str:
    if keep not in _KEEP:
        raise ValueError(f"keep must be '>=' or '<', got {keep!r}")
    return _KEEP[keep]


def _column(table: pd.DataFrame, name: str, role: str) -> pd.Series[Any]:
    if name not in table.columns:
        shown = ", ".join(repr(c) for c in list(table.columns)[:20])
        raise ValueError(f"{role} {name!r} is not a column of the table (its columns: {shown})")
    column = table[name]
    if isinstance(column, pd.DataFrame):
        raise ValueError(f"{role} {name!r} names {column.shape[1]} columns of the table")
    return column


def _numeric_column(table: pd.DataFrame, name: str) -> FloatArray:
    """The column as float64, NaN where a value is missing (None, NaN, ``pd.NA``)."""
    column = _column(table, name, "column")
    if pd.api.types.is_numeric_dtype(column.dtype):
        return np.asarray(column.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)
    if column.dtype == object:
        # Python numbers and missing values only (an object column of floats and None).
        present = column[column.notna()]
        bad = present[~present.map(_is_number)]
        if bad.empty:
            return np.asarray(
                pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan),
                dtype=np.float64,
            )
        example = bad.iloc[0]
        raise ValueError(f"column {name!r} is not numeric: row {bad.index[0]!r} holds {example!r}")
    raise ValueError(f"column {name!r} is not numeric (its dtype is {column.dtype})")


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, np.number)) and not isinstance(value, (bool, np.bool_))


def _groups(table: pd.DataFrame, by: str | None) -> tuple[IntArray, list[str]]:
    """Each row's group code and the groups' names, sorted (missing last)."""
    if by is None:
        return np.zeros(len(table), dtype=np.int64), [ALL_GROUP]
    column = _column(table, by, "by")
    # Factorised in order of appearance (pandas sorts whole columns of text
    # slowly), then the few distinct values are sorted and the codes renumbered.
    codes, uniques = pd.factorize(column, sort=False)
    values = list(uniques)
    try:
        order = sorted(range(len(values)), key=lambda i: values[i])
    except TypeError:  # values that do not sort together (numbers and text)
        order = sorted(range(len(values)), key=lambda i: str(values[i]))
    rank = np.empty(len(values) + 1, dtype=np.int64)
    rank[order] = np.arange(len(values))
    rank[-1] = -1  # pandas' code of a missing value
    codes = rank[codes]
    names = [str(values[i]) for i in order]
    codes = np.asarray(codes, dtype=np.int64)
    if (codes < 0).any():
        codes = np.where(codes < 0, len(names), codes)
        names.append(MISSING_GROUP)
    # Values written alike (1 and "1") are one group.
    distinct = list(dict.fromkeys(names))
    if len(distinct) != len(names):
        remap = np.asarray([distinct.index(n) for n in names], dtype=np.int64)
        codes, names = remap[codes], distinct
    if len(names) > MAX_GROUPS:
        raise ValueError(
            f"by {by!r} has {len(names)} distinct values; "
            f"the view shows at most {MAX_GROUPS} groups"
        )
    return codes, names
