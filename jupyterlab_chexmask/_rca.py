"""Distributions of the CheXmask quality scores (Dice RCA Mean and Max), per dataset.

:func:`rca_histogram` counts both scores of every row into fine bins over
[0, 1], per dataset, from DataFrames or straight from CSV files of any size
(streamed, see :mod:`._rca_reader`). The result displays in JupyterLab as an
interactive histogram (MIME type :data:`MIME_RCA`) and as a text table
elsewhere.

Payload (``application/vnd.chexmask.rca.v1+json``), JSON-safe (no NaN or
infinity anywhere)::

    {
      "version": 1,
      "bins": 1000,                       # fine bins over [0, 1]
      "datasets": [                       # in the order first seen; names unique
        {
          "name": "CheXpert",
          "rows": 187825,                 # every row seen (blank lines are not rows)
          "swapped": 0,                   # rows with both scores present and Mean > Max
          "mean": {                       # Dice RCA (Mean)
            "counts": [int, ...],         # `bins` counts, see the binning rule below
            "missing": int,               # empty, "nan" or not a number
            "outOfRange": int,            # a number outside [0, 1] (±inf too): not binned
            "count": int,                 # binned values = sum(counts)
            "sum": float,                 # sum of the binned values
            "sumSquares": float,          # sum of their squares
            "min": float | null,          # smallest and largest binned value,
            "max": float | null           #   null when count == 0
          },
          "max": { same shape },          # Dice RCA (Max)
          "values": null | {              # raw values in row order, only when
            "mean": [float | null, ...],  #   rows <= raw_values_limit; null for a
            "max": [float | null, ...]    #   missing (or infinite) value
          }
        }, ...
      ],
      "title": null | str
    }

Binning rule (the same as ``binIndex`` in ``src/rca/bins.ts``): bin ``i``
holds ``i / bins <= v < (i + 1) / bins`` evaluated in float64, and 1.0 goes to
the last bin. It is computed as ``floor(v * bins)``, then decremented if
``i / bins > v`` or incremented if ``(i + 1) / bins <= v``. So a threshold on
a bin edge ``t = j / bins`` (0.7 with 1000 bins) keeps exactly the values
``>= t``: the sum of ``counts[j:]``.

``count``, ``min`` and ``max`` are exact. ``sum`` is the exact sum of the
binned values and ``sumSquares`` the exact sum of their float64 squares
``v * v``, each rounded once to float64 at the end, so they do not depend on
how the rows were chunked or in which order sources were added. All of
``counts``, ``missing``, ``outOfRange``, ``count``, ``sum``, ``sumSquares``
and ``rows``/``swapped`` add up across sources; ``min``/``max`` combine by
min/max.
"""

from __future__ import annotations

import json
import math
import os
import warnings
from collections.abc import Container, Mapping
from typing import Any, Optional

import numpy as np
import pandas as pd

from ._format import (
    DICE_MAX_COLUMN,
    DICE_MEAN_COLUMN,
    ID_COLUMNS,
    RECOMMENDED_MIN_DICE_MEAN,
    infer_dataset,
)
from ._rca_reader import dataset_name_of, read_dice_columns
from ._bundle import mime_bundle

#: The MIME type the JupyterLab extension renders as an RCA histogram.
MIME_RCA = "application/vnd.chexmask.rca.v1+json"

#: The payload's ``version`` field.
PAYLOAD_VERSION = 1

#: Limits the frontend accepts (``MAX_BINS`` and ``MAX_DATASETS`` in ``src/rca/payload.ts``).
MAX_BINS = 100_000
MAX_DATASETS = 64

#: The dataset of rows of a DataFrame without ``dataset_column`` whose id column says nothing.
DEFAULT_DATASET = "all"
#: The dataset of rows whose ``dataset_column`` cell is empty.
UNKNOWN_DATASET = "unknown"

# A float64 v in [0, 1] is M * 2**(e - 53) with M = frexp mantissa * 2**53 and
# e >= -1073, so v * 2**_SCALE = M << (e + 1073) is an integer.
_SCALE = 1126
_MANTISSA_SPLIT = 26


def bin_index(values: Any, bins: int) -> np.ndarray:
    """The fine bin of each value in [0, 1] (see the module docstring for the rule).

    Values must already be in [0, 1]; the result is an int64 array.
    """
    v = np.asarray(values, dtype=np.float64)
    i = np.floor(v * bins).astype(np.int64)
    i -= i / bins > v
    i += (i + 1) / bins <= v
    np.clip(i, 0, bins - 1, out=i)  # 1.0 (and nothing else) lands on bins
    return i


def _exact_scaled_sum(x: np.ndarray) -> int:
    """``sum(x) * 2**_SCALE`` exactly, as a Python int, for float64 values in [0, 1]."""
    if x.size == 0:
        return 0
    mantissa, exponent = np.frexp(x)
    m = (mantissa * float(1 << 53)).astype(np.int64)  # exact: 53-bit integers
    order = np.argsort(exponent, kind="stable")
    exponent = exponent[order]
    m = m[order]
    starts = np.flatnonzero(np.concatenate(([True], exponent[1:] != exponent[:-1])))
    # Split the 53-bit mantissas so the per-exponent sums cannot overflow int64.
    high = np.add.reduceat(m >> _MANTISSA_SPLIT, starts).tolist()
    low = np.add.reduceat(m & ((1 << _MANTISSA_SPLIT) - 1), starts).tolist()
    total = 0
    for e, h, lo in zip(exponent[starts].tolist(), high, low):
        total += ((h << _MANTISSA_SPLIT) + lo) << (e + 1073)
    return total


def _scaled_to_float(total: int) -> float:
    """An exact scaled sum rounded once to float64 (int / int is correctly rounded)."""
    return total / (1 << _SCALE)


class ScoreHistogram:
    """Fine-bin counts and additive statistics of one score (accumulates batches)."""

    def __init__(self, bins: int) -> None:
        """An empty histogram of ``bins`` fine bins over [0, 1]."""
        self.bins = bins
        self.counts = np.zeros(bins, dtype=np.int64)
        self.missing = 0
        self.out_of_range = 0
        self._sum = 0  # exact, scaled by 2**_SCALE
        self._sum_squares = 0
        self.min: Optional[float] = None
        self.max: Optional[float] = None

    @property
    def count(self) -> int:
        """The binned values."""
        return int(self.counts.sum())

    @property
    def sum(self) -> float:
        """Sum of the binned values (exact, rounded once)."""
        return _scaled_to_float(self._sum)

    @property
    def sum_squares(self) -> float:
        """Sum of the squares ``v * v`` of the binned values (exact, rounded once)."""
        return _scaled_to_float(self._sum_squares)

    def add(self, values: Any) -> ScoreHistogram:
        """Count a batch of values: NaN is missing, finite or infinite values outside [0, 1] are out of range."""
        v = np.asarray(values, dtype=np.float64).ravel()
        nan = np.isnan(v)
        inside = (v >= 0.0) & (v <= 1.0)
        self.missing += int(nan.sum())
        self.out_of_range += int(v.size - nan.sum() - inside.sum())
        x = v[inside]
        if x.size:
            self.counts += np.bincount(bin_index(x, self.bins), minlength=self.bins)
            self._sum += _exact_scaled_sum(x)
            self._sum_squares += _exact_scaled_sum(x * x)
            lo, hi = float(x.min()), float(x.max())
            self.min = lo if self.min is None else min(self.min, lo)
            self.max = hi if self.max is None else max(self.max, hi)
        return self

    def merge(self, other: ScoreHistogram) -> None:
        """Add another histogram of the same bins into this one."""
        self.counts += other.counts
        self.missing += other.missing
        self.out_of_range += other.out_of_range
        self._sum += other._sum
        self._sum_squares += other._sum_squares
        if other.min is not None:
            self.min = other.min if self.min is None else min(self.min, other.min)
        if other.max is not None:
            self.max = other.max if self.max is None else max(self.max, other.max)

    def to_payload(self) -> dict[str, Any]:
        """The ``mean``/``max`` object of the payload."""
        return {
            "counts": self.counts.tolist(),
            "missing": self.missing,
            "outOfRange": self.out_of_range,
            "count": self.count,
            "sum": self.sum,
            "sumSquares": self.sum_squares,
            "min": self.min,
            "max": self.max,
        }


def bin_values(values: Any, bins: int = 1000) -> ScoreHistogram:
    """A :class:`ScoreHistogram` of some values (NaN missing; outside [0, 1] out of range)."""
    return ScoreHistogram(bins).add(values)


class _Dataset:
    """Everything counted for one dataset name."""

    def __init__(self, name: str, bins: int, raw_values_limit: int) -> None:
        self.name = name
        self.rows = 0
        self.swapped = 0
        self.mean = ScoreHistogram(bins)
        self.max = ScoreHistogram(bins)
        self._limit = raw_values_limit
        self._values: Optional[tuple[list[np.ndarray], list[np.ndarray]]] = (
            ([], []) if raw_values_limit > 0 else None
        )

    def add(self, mean: np.ndarray, top: np.ndarray) -> None:
        self.rows += len(mean)
        self.swapped += int(np.count_nonzero(mean > top))  # NaN compares False
        self.mean.add(mean)
        self.max.add(top)
        if self._values is not None:
            if self.rows > self._limit:
                self._values = None
            else:
                self._values[0].append(np.array(mean, dtype=np.float64))
                self._values[1].append(np.array(top, dtype=np.float64))

    def values_payload(self) -> Optional[dict[str, list[Optional[float]]]]:
        if self._values is None:
            return None
        return {
            key: [float(v) if math.isfinite(v) else None for part in parts for v in part.tolist()]
            for key, parts in zip(("mean", "max"), self._values)
        }

    def to_payload(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "rows": self.rows,
            "swapped": self.swapped,
            "mean": self.mean.to_payload(),
            "max": self.max.to_payload(),
            "values": self.values_payload(),
        }


def _edge_index(threshold: float, bins: int) -> int:
    """The fine-bin edge nearest to ``threshold``, as JavaScript's ``Math.round`` picks it."""
    return min(bins, max(0, math.floor(threshold * bins + 0.5)))


def _quantile_bin(counts: np.ndarray, q: float) -> Optional[int]:
    """The fine bin holding the ``q``-quantile: the value of rank ``max(1, ceil(q * n))``."""
    n = int(counts.sum())
    if n == 0:
        return None
    rank = max(1, math.ceil(q * n))
    return int(np.searchsorted(np.cumsum(counts), rank, side="left"))


class RcaHistogram:
    """Per-dataset histograms of Dice RCA (Mean) and (Max); made by :func:`rca_histogram`.

    In JupyterLab (with the extension) it renders as an interactive histogram;
    elsewhere as a table of the datasets (see :meth:`summary`).
    """

    def __init__(self, payload: dict[str, Any]) -> None:
        """Wrap a payload (see the module docstring)."""
        self._payload = payload

    @property
    def payload(self) -> dict[str, Any]:
        """The JSON-serialisable payload sent under :data:`MIME_RCA`."""
        return self._payload

    def to_json(self) -> str:
        """The payload as compact JSON text."""
        return json.dumps(self._payload, allow_nan=False, separators=(",", ":"))

    def summary(
        self, threshold: float = RECOMMENDED_MIN_DICE_MEAN, score: str = "mean"
    ) -> pd.DataFrame:
        """One row per dataset: counts, the rows kept at ``threshold``, mean, median and 5th percentile.

        Columns: ``rows``; ``missing`` and ``out_of_range`` (of the score);
        ``kept``, the values ``>= threshold``; ``kept %``, kept as a percentage
        of the binned values (rows with a score in [0, 1]); ``mean``, exact
        (``sum / count``); ``median`` and ``p5``, the **centre of the fine
        bin** holding the value of rank ``max(1, ceil(q * count))`` (the
        "inverted CDF" quantile), so they are within half a bin width
        (0.0005 at 1000 bins) of the exact quantile; ``swapped``. The same
        numbers as the JupyterLab view's table.

        ``threshold`` snaps to the nearest fine-bin edge (0.7 is an edge for
        any multiple of 10 bins); at an edge ``kept`` is exact.

        Args:
            threshold: The minimum score kept (CheXmask recommends 0.7 for the Mean).
            score: ``"mean"`` for Dice RCA (Mean) or ``"max"`` for Dice RCA (Max).

        """
        if score not in ("mean", "max"):
            raise ValueError(f"score must be 'mean' or 'max', got {score!r}")
        bins = self._payload["bins"]
        first = _edge_index(float(threshold), bins)
        records = []
        for d in self._payload["datasets"]:
            h = d[score]
            counts = np.asarray(h["counts"], dtype=np.int64)
            count = int(h["count"])
            kept = int(counts[first:].sum())

            def centre(q: float, counts: np.ndarray = counts) -> float:
                i = _quantile_bin(counts, q)
                return math.nan if i is None else (i + 0.5) / bins

            records.append(
                {
                    "dataset": d["name"],
                    "rows": d["rows"],
                    "missing": h["missing"],
                    "out_of_range": h["outOfRange"],
                    "kept": kept,
                    "kept %": 100.0 * kept / count if count else math.nan,
                    "mean": h["sum"] / count if count else math.nan,
                    "median": centre(0.5),
                    "p5": centre(0.05),
                    "swapped": d["swapped"],
                }
            )
        frame = pd.DataFrame.from_records(records, index="dataset")
        frame.attrs["threshold"] = first / bins
        frame.attrs["score"] = DICE_MEAN_COLUMN if score == "mean" else DICE_MAX_COLUMN
        return frame

    def _text(self) -> str:
        frame = self.summary()
        threshold = frame.attrs["threshold"]
        lines = [
            f"CheXmask RCA histogram: {len(frame)} dataset{'s' if len(frame) != 1 else ''}, "
            f"{self._payload['bins']} bins; kept = {DICE_MEAN_COLUMN} >= {threshold:g}; "
            "median and p5 are fine-bin centres"
        ]
        if self._payload.get("title"):
            lines.insert(0, str(self._payload["title"]))
        shown = frame.copy()
        formats = {"kept %": "{:.1f}", "mean": "{:.4f}", "median": "{:.4f}", "p5": "{:.4f}"}
        for column, fmt in formats.items():
            shown[column] = [
                "-" if isinstance(v, float) and math.isnan(v) else fmt.format(v)
                for v in shown[column]
            ]
        lines.append(shown.to_string())
        return "\n".join(lines)

    def _repr_mimebundle_(
        self,
        include: Optional[Container[str]] = None,
        exclude: Optional[Container[str]] = None,
    ) -> dict[str, Any]:
        """The MIME bundle: the payload under :data:`MIME_RCA` and the table as ``text/plain``."""
        return mime_bundle(MIME_RCA, self._payload, self._text(), include, exclude)

    def __repr__(self) -> str:
        """One line: the datasets and their row counts."""
        parts = ", ".join(f"{d['name']} {d['rows']} rows" for d in self._payload["datasets"])
        return f"<RcaHistogram {self._payload['bins']} bins: {parts}>"


# ---------------------------------------------------------------------------
# Sources


def _is_path(value: Any) -> bool:
    return isinstance(value, (str, os.PathLike))


def _frame_scores(frame: pd.DataFrame, where: str) -> tuple[np.ndarray, np.ndarray]:
    """The two Dice columns of a DataFrame as float64 (anything not a number is NaN)."""
    out = []
    for column in (DICE_MEAN_COLUMN, DICE_MAX_COLUMN):
        if column not in frame.columns:
            raise ValueError(f"{where} has no column {column!r}")
        values = pd.to_numeric(frame[column], errors="coerce")
        out.append(values.to_numpy(dtype=np.float64, na_value=np.nan))
    return out[0], out[1]


def _frame_names(frame: pd.DataFrame, dataset_column: Optional[str], where: str) -> np.ndarray:
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
        if column == "ImageID":  # Padchest or CANDID-PTX, by the id
            rows = np.flatnonzero(present)
            names[rows] = [infer_dataset(column, str(ids[i])) or DEFAULT_DATASET for i in rows]
        else:
            names[present] = infer_dataset(column, None) or DEFAULT_DATASET
        todo &= ~present
    return names


def _add_frame(
    add: Any, frame: pd.DataFrame, dataset_column: Optional[str], where: str, name: Optional[str]
) -> None:
    mean, top = _frame_scores(frame, where)
    if name is not None:
        add(name, mean, top)
        return
    names = _frame_names(frame, dataset_column, where)
    if len(names) == 0:
        return
    codes, uniques = pd.factorize(names, sort=False)
    if len(uniques) == 1:
        add(str(uniques[0]), mean, top)
        return
    for code, label in enumerate(uniques):
        rows = codes == code
        add(str(label), mean[rows], top[rows])


def _progress_bar(total: int, enabled: bool) -> Any:
    if not enabled or total <= 0:
        return None
    with warnings.catch_warnings():  # tqdm.auto warns when ipywidgets is missing
        warnings.simplefilter("ignore")
        from tqdm.auto import tqdm

        return tqdm(
            total=total, unit="B", unit_scale=True, unit_divisor=1024, desc="RCA", leave=True
        )


def rca_histogram(
    source: Any,
    *,
    bins: int = 1000,
    dataset_column: Optional[str] = None,
    raw_values_limit: int = 10_000,
    progress: bool = True,
    title: Optional[str] = None,
) -> RcaHistogram:
    """Histograms of Dice RCA (Mean) and (Max) per dataset, from DataFrames or CSV files of any size.

    CSV files are streamed reading only the two Dice columns, never the masks,
    in bounded memory (a 32 MB memory-mapped window, whatever the file's
    size) and several times faster than ``pandas.read_csv(usecols=...)``
    (see ``scripts/bench_rca.py``); a plain file of 512 MB or more is split
    between this process and worker processes on the other CPUs (see
    :mod:`._rca_reader`).

    Args:
        source: One of
            - a pandas DataFrame with the columns ``Dice RCA (Mean)`` and
              ``Dice RCA (Max)``; each row's dataset is ``dataset_column`` if
              given, else inferred from the image-id column (``Path`` is
              CheXpert, ``ImageID`` Padchest or CANDID-PTX by the id, ...),
              else ``"all"``;
            - a dict of dataset name to a DataFrame, a CSV path or a list of
              CSV paths;
            - a CSV path (``str`` or ``Path``; ``.csv`` or ``.csv.gz``, any
              CheXmask layout) or a list of paths (or DataFrames). A file's
              dataset is its name without ``.csv``/``.csv.gz``:
              ``MIMIC-CXR-JPG.csv.gz`` is ``MIMIC-CXR-JPG``.
            Sources with the same dataset name add up.
        bins: Fine bins over [0, 1] (1 to 100,000); the view merges them into
            coarser ones exactly, so keep a multiple of 10 for a 0.7 edge.
        dataset_column: For DataFrames: the column naming each row's dataset.
        raw_values_limit: Send each dataset's raw values too when it has at
            most this many rows (0: never).
        progress: Show a progress bar (bytes read from disk; compressed bytes
            for gzip) while reading files.
        title: A caption for the view.

    Returns:
        An :class:`RcaHistogram`; as the last expression of a cell it is displayed.

    Raises:
        ValueError: a file or DataFrame lacks a Dice column (the message names
            it and the column), a file is not found or not CSV, ``bins`` is
            out of range, or there are more than 64 datasets.
        TypeError: ``source`` is of an unsupported kind.

    """
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or not 1 <= bins <= MAX_BINS:
        raise ValueError(f"bins must be a whole number from 1 to {MAX_BINS}, got {bins!r}")
    bins = int(bins)
    if (
        isinstance(raw_values_limit, bool)
        or not isinstance(raw_values_limit, (int, np.integer))
        or raw_values_limit < 0
    ):
        raise ValueError(f"raw_values_limit must be a whole number >= 0, got {raw_values_limit!r}")

    # (name or None, DataFrame or path) in order.
    items: list[tuple[Optional[str], Any]] = []

    def collect(value: Any, name: Optional[str], top_level: bool) -> None:
        if isinstance(value, pd.DataFrame) or _is_path(value):
            items.append((name, value))
        elif isinstance(value, Mapping) and top_level:
            for key, inner in value.items():
                collect(inner, str(key), False)
        elif isinstance(value, (list, tuple)) and (top_level or name is not None):
            for inner in value:
                if not (isinstance(inner, pd.DataFrame) or _is_path(inner)):
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

    datasets: dict[str, _Dataset] = {}

    def add(name: str, mean: np.ndarray, top: np.ndarray) -> None:
        dataset = datasets.get(name)
        if dataset is None:
            if len(datasets) >= MAX_DATASETS:
                raise ValueError(f"more than {MAX_DATASETS} datasets; the view shows at most {MAX_DATASETS}")
            dataset = datasets[name] = _Dataset(name, bins, int(raw_values_limit))
        if len(mean):
            dataset.add(mean, top)

    paths = [os.fspath(v) for _, v in items if _is_path(v)]
    for path in paths:
        if not os.path.isfile(path):
            raise ValueError(f"CheXmask CSV not found: '{path}' is not a file")
    bar = _progress_bar(sum(os.path.getsize(p) for p in paths), progress)
    try:
        for name, value in items:
            if isinstance(value, pd.DataFrame):
                where = "the DataFrame" if name is None else f"the DataFrame {name!r}"
                _add_frame(add, value, dataset_column, where, name)
                continue
            path = os.fspath(value)
            label = name if name is not None else dataset_name_of(path)
            add(label, np.empty(0), np.empty(0))  # a file with no rows still shows
            if bar is not None:
                bar.set_description(os.path.basename(path))
            on_bytes = bar.update if bar is not None else None
            for mean, top in read_dice_columns(path, on_bytes=on_bytes):
                add(label, mean, top)
    finally:
        if bar is not None:
            bar.close()

    if not datasets:
        add(DEFAULT_DATASET, np.empty(0), np.empty(0))
    payload = {
        "version": PAYLOAD_VERSION,
        "bins": bins,
        "datasets": [d.to_payload() for d in datasets.values()],
        "title": None if title is None else str(title),
    }
    return RcaHistogram(payload)
