"""Making and merging histogram payloads, vectorised with numpy.

:func:`build_payload` counts one column of a table per group into the fine
bins of :mod:`.grid` in a few passes over the arrays (``np.bincount`` over
``group * bins + bin``), whatever the number of rows. :func:`merge_payloads`
adds the payloads of parts of a table (chunks, files, partitions) into that
of the whole, as ``mergeHistograms`` in ``src/histogram/merge.ts`` does.
The format is ``schema/payloads/histogram.v1.json``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..common.display import PAYLOAD_VERSION
from ..types import FloatArray, IntArray
from .examples import merge_examples
from .grid import (
    auto_exponent,
    edge_value,
    exponent_of_step,
    lattice_index,
)

#: Limits the frontend accepts (``src/histogram/payload.ts``).
MAX_BINS = 100_000
MAX_GROUPS = 64
MAX_COUNTS = 2_000_000

#: The group of rows whose ``by`` value is missing, and the one group without ``by``.
MISSING_GROUP = "(missing)"
ALL_GROUP = "all"

_SAFE_INDEX = 2.0**52


def build_payload(
    values: FloatArray,
    codes: IntArray,
    names: Sequence[str],
    *,
    column: str,
    by: str | None,
    step: float | None = None,
    value_range: tuple[float, float] | None = None,
    threshold: float | None = None,
    keep: str = "above",
    shown_bins: int | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """The payload of ``values`` (float64, NaN when missing) in groups ``codes`` (0, 1, ...).

    The fine grid is ``10**exponent`` wide (from ``step``, else the largest
    power of ten giving the range at least 500 bins) over ``value_range``
    (values outside are counted as out of range), else over the finite values.

    Raises:
        ValueError: the grid would need more than 100,000 fine bins, or more
            than 2,000,000 counts in all; or ``value_range``/``step`` is invalid.
    """
    missing = np.isnan(values)
    finite = np.isfinite(values)
    present = values[finite]
    if value_range is not None:
        low, high = (float(x) for x in value_range)
        if not (math.isfinite(low) and math.isfinite(high) and low <= high):
            raise ValueError(f"range must be two finite numbers, low <= high, got {value_range!r}")
    elif present.size:
        low, high = float(present.min()), float(present.max())
    else:
        low = high = 0.0
    exponent = exponent_of_step(step) if step is not None else auto_exponent(low, high)
    width = edge_value(1, exponent)
    if max(abs(low), abs(high)) / width >= _SAFE_INDEX:
        raise ValueError(
            f"step {width:g} is too fine for values as large as {max(abs(low), abs(high)):g}"
        )
    start = int(lattice_index(low, exponent))
    bins = int(lattice_index(high, exponent)) - start + 1
    if bins > MAX_BINS:
        raise ValueError(
            f"the range [{low:g}, {high:g}] in fine bins of {width:g} needs {bins:,} bins, "
            f"more than {MAX_BINS:,}: give a larger step= or a narrower range="
        )
    groups = len(names)
    if groups * bins > MAX_COUNTS:
        raise ValueError(
            f"{groups} groups of {bins:,} fine bins are more than {MAX_COUNTS:,} counts: "
            "give a larger step= or fewer groups"
        )

    index = lattice_index(values[finite], exponent) - start
    inside = (index >= 0) & (index < bins)
    binned_codes = codes[finite][inside]
    binned = present[inside]
    counts = np.bincount(binned_codes * bins + index[inside], minlength=groups * bins).reshape(
        groups, bins
    )
    rows = np.bincount(codes, minlength=groups)
    missing_n = np.bincount(codes[missing], minlength=groups)
    count = np.bincount(binned_codes, minlength=groups)
    sums = np.bincount(binned_codes, weights=binned, minlength=groups)
    squares = np.bincount(binned_codes, weights=binned * binned, minlength=groups)
    extremes = pd.Series(binned).groupby(binned_codes).agg(["min", "max"])
    lows: dict[int, float] = dict(
        zip(extremes.index.tolist(), extremes["min"].tolist(), strict=True)
    )
    highs: dict[int, float] = dict(
        zip(extremes.index.tolist(), extremes["max"].tolist(), strict=True)
    )
    out = []
    for g, name in enumerate(names):
        out.append(
            {
                "name": name,
                "rows": int(rows[g]),
                "counts": counts[g].tolist(),
                "missing": int(missing_n[g]),
                "outOfRange": int(rows[g] - missing_n[g] - count[g]),
                "count": int(count[g]),
                "sum": float(sums[g]),
                "sumSquares": float(squares[g]),
                "min": lows.get(g),
                "max": highs.get(g),
            }
        )
    return {
        "version": PAYLOAD_VERSION,
        "column": column,
        "by": by,
        "exponent": exponent,
        "start": start,
        "bins": bins,
        "groups": out,
        "threshold": None if threshold is None else float(threshold),
        "keep": keep,
        "shownBins": shown_bins,
        "title": title,
    }


def merge_payloads(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """The payload of the rows of both parts (``mergeHistograms`` in ``src/histogram/merge.ts``).

    Counts, rows, missing and out-of-range values and sums add, extremes
    combine; groups keep ``a``'s order, then ``b``'s new ones. A part without
    binned values does not widen the grid.

    Raises:
        ValueError: the parts differ in column, ``by`` or exponent (their bins
            do not line up), or have out-of-range values and different grids.
    """
    for field in ("column", "by", "exponent"):
        if a[field] != b[field]:
            raise ValueError(
                f"{field} differs between the parts ({a[field]!r} and {b[field]!r}): "
                "their bins cannot be merged"
            )
    parts = (a, b)
    if any(g["outOfRange"] for p in parts for g in p["groups"]) and (
        a["start"] != b["start"] or a["bins"] != b["bins"]
    ):
        raise ValueError(
            "start differs between parts that have out-of-range values: "
            "make both with the same range="
        )
    grids = [p for p in parts if any(g["count"] for g in p["groups"])] or [a]
    start = min(p["start"] for p in grids)
    bins = max(p["start"] + p["bins"] for p in grids) - start
    merged: dict[str, dict[str, Any]] = {}
    examples: dict[str, list[dict[str, Any] | None]] = {}
    for part in parts:
        offset = part["start"] - start
        for g in part["groups"]:
            into = merged.setdefault(
                g["name"],
                {
                    "name": g["name"],
                    "rows": 0,
                    "counts": np.zeros(bins, dtype=np.int64),
                    "missing": 0,
                    "outOfRange": 0,
                    "count": 0,
                    "sum": 0.0,
                    "sumSquares": 0.0,
                    "min": None,
                    "max": None,
                },
            )
            examples.setdefault(g["name"], []).append(g.get("examples"))
            counts = np.asarray(g["counts"], dtype=np.int64)
            filled = np.flatnonzero(counts)
            into["counts"][offset + filled] += counts[filled]
            for key in ("rows", "missing", "outOfRange", "count", "sum", "sumSquares"):
                into[key] += g[key]
            for key, pick in (("min", min), ("max", max)):
                if g[key] is not None:
                    into[key] = g[key] if into[key] is None else pick(into[key], g[key])
    groups = [{**g, "counts": g["counts"].tolist()} for g in merged.values()]
    for g in groups:
        # A group of one part keeps its examples; of both, a deterministic subset (see
        # merge_examples); a group without them in a part has none.
        sides = examples[g["name"]]
        both = sides[0] if len(sides) == 1 else merge_examples(sides[0], sides[1])
        if both is not None:
            g["examples"] = both
    threshold = a["threshold"] if a["threshold"] is not None else b["threshold"]
    return {**a, "start": start, "bins": bins, "groups": groups, "threshold": threshold}
