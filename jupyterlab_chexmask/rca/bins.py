"""The fine-bin counts and exact additive statistics of one score, and per dataset.

Binning rule (the same as ``binIndex`` in ``src/rca/bins.ts``): bin ``i``
holds ``i / bins <= v < (i + 1) / bins`` evaluated in float64, and 1.0 goes to
the last bin. It is computed as ``floor(v * bins)``, then decremented if
``i / bins > v`` or incremented if ``(i + 1) / bins <= v``. So a threshold on
a bin edge ``t = j / bins`` (0.7 with 1000 bins) keeps exactly the values
``>= t``: the sum of ``counts[j:]``.

``count``, ``min`` and ``max`` are exact. ``sum`` is the exact sum of the
binned values and ``sumSquares`` the exact sum of their float64 squares
``v * v``: both are kept as exact integers scaled by ``2**_SCALE`` and rounded
once to float64 when read, so they do not depend on how the rows were chunked
or in which order sources were added. Every count and sum adds up across
sources; ``min``/``max`` combine by min/max.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from ..common.fine_bins import quantile_index
from ..types import FloatArray, IntArray

# A float64 v in [0, 1] is M * 2**(e - 53) with M = frexp mantissa * 2**53 and
# e >= -1073, so v * 2**_SCALE = M << (e + 1073) is an integer.
_SCALE = 1126
_MANTISSA_SPLIT = 26


def bin_index(values: npt.ArrayLike, bins: int) -> IntArray:
    """The fine bin of each value in [0, 1] (the binning rule of the module docstring).

    Values must already be in [0, 1]; the result is an int64 array.
    """
    v = np.asarray(values, dtype=np.float64)
    i = np.floor(v * bins).astype(np.int64)
    i -= i / bins > v
    i += (i + 1) / bins <= v
    np.clip(i, 0, bins - 1, out=i)  # 1.0 (and nothing else) lands on bins
    return i


def _exact_scaled_sum(x: FloatArray) -> int:
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
    for e, h, lo in zip(exponent[starts].tolist(), high, low, strict=True):
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
        self.min: float | None = None
        self.max: float | None = None

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
        """Count a batch of values.

        NaN is missing; finite or infinite values outside [0, 1] are out of range.
        """
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


class Dataset:
    """Everything counted for one dataset name."""

    def __init__(self, name: str, bins: int, raw_values_limit: int) -> None:
        self.name = name
        self.rows = 0
        self.swapped = 0
        self.mean = ScoreHistogram(bins)
        self.max = ScoreHistogram(bins)
        self._limit = raw_values_limit
        self._values: tuple[list[FloatArray], list[FloatArray]] | None = (
            ([], []) if raw_values_limit > 0 else None
        )

    def add(self, mean: FloatArray, top: FloatArray) -> None:
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

    def merge(self, other: Dataset) -> None:
        """Add the rows of ``other`` (the same name and bins), as if they had been added after
        this one's: the counts and sums add up, the raw values concatenate (within the limit)."""
        rows = self.rows + other.rows
        if self._values is not None and other._values is not None and rows <= self._limit:
            self._values[0].extend(other._values[0])
            self._values[1].extend(other._values[1])
        else:
            self._values = None
        self.rows = rows
        self.swapped += other.swapped
        self.mean.merge(other.mean)
        self.max.merge(other.max)

    def values_payload(self) -> dict[str, list[float | None]] | None:
        if self._values is None:
            return None
        return {
            key: [float(v) if math.isfinite(v) else None for part in parts for v in part.tolist()]
            for key, parts in zip(("mean", "max"), self._values, strict=True)
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
    """The fine-bin edge nearest to ``threshold``, as JavaScript's ``Math.round`` picks it,
    at most ``bins - 1``: 1.0 shares the last bin, so the edge at 1 cannot be counted exactly."""
    return min(bins - 1, max(0, math.floor(threshold * bins + 0.5)))


def kept_at_threshold(counts: Any, threshold: float) -> int:
    """The binned values ``>= threshold`` once it snaps to the nearest fine-bin edge
    (as ``keptAtThreshold`` in ``src/rca/bins.ts``): exact, the number the view shows."""
    counts = np.asarray(counts, dtype=np.int64)
    return int(counts[_edge_index(float(threshold), len(counts)) :].sum())


def snap_to_edge(threshold: float, bins: int) -> float:
    """The fine-bin edge a threshold snaps to (as ``snapToEdge`` in ``src/rca/bins.ts``)."""
    return _edge_index(float(threshold), bins) / bins


def quantile_bin(counts: IntArray, q: float) -> int | None:
    """The fine bin holding the ``q``-quantile: the value of rank ``max(1, ceil(q * n))``."""
    return quantile_index(counts, q)
