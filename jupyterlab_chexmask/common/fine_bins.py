"""Fine-bin arithmetic every histogram shares (``src/common/fine-bins.ts``), and its table's row.

The RCA view's bins over [0, 1] and the generic histogram's decimal grid both
keep counts per fine bin; quantiles and the table's counts come from them
the same way, so the kernel's tables say what the views' tables say.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt


def quantile_index(counts: npt.ArrayLike, q: float) -> int | None:
    """The fine bin holding the ``q``-quantile: the value of rank ``max(1, ceil(q * n))``
    (``quantileIndex``), or ``None`` when nothing is binned."""
    counts = np.asarray(counts, dtype=np.int64)
    n = int(counts.sum())
    if n == 0:
        return None
    rank = max(1, math.ceil(q * n))
    return int(np.searchsorted(np.cumsum(counts), rank, side="left"))


def kept_record(stats: dict[str, Any], rows: int, kept: int, median: float) -> dict[str, Any]:
    """The columns every histogram's summary has, for one series of a payload.

    ``stats`` is the series' binned statistics (``missing``, ``outOfRange``,
    ``count``, ``sum``); ``kept %`` is of the binned values, ``mean`` exact
    (``sum / count``); NaN where nothing is binned.
    """
    count = int(stats["count"])
    return {
        "rows": rows,
        "missing": stats["missing"],
        "out_of_range": stats["outOfRange"],
        "kept": kept,
        "kept %": 100.0 * kept / count if count else math.nan,
        "mean": stats["sum"] / count if count else math.nan,
        "median": median,
    }
