"""The table of an RCA payload: per dataset, its counts, the rows kept, mean, median and p5.

The same numbers as the JupyterLab view's table (``summarize`` in
``src/rca/summary.ts``), from the fine-bin counts of the payload.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..common.fine_bins import kept_record
from ..format.columns import DICE_MAX_COLUMN, DICE_MEAN_COLUMN, RECOMMENDED_MIN_DICE_MEAN
from ..types import IntArray
from .bins import kept_at_threshold, quantile_bin, snap_to_edge

#: Which Dice RCA column a score names.
Score = Literal["mean", "max"]
SCORE_COLUMNS: dict[str, str] = {"mean": DICE_MEAN_COLUMN, "max": DICE_MAX_COLUMN}


def summary_frame(
    payload: dict[str, Any],
    threshold: float = RECOMMENDED_MIN_DICE_MEAN,
    score: Score = "mean",
) -> pd.DataFrame:
    """One row per dataset of the payload (see :meth:`~jupyterlab_chexmask.RcaHistogram.summary`).

    Raises:
        ValueError: ``score`` is neither ``"mean"`` nor ``"max"``.
    """
    if score not in SCORE_COLUMNS:
        raise ValueError(f"score must be 'mean' or 'max', got {score!r}")
    bins = payload["bins"]
    records = []
    for d in payload["datasets"]:
        h = d[score]
        counts = np.asarray(h["counts"], dtype=np.int64)
        kept = kept_at_threshold(counts, threshold)

        def centre(q: float, counts: IntArray = counts) -> float:
            i = quantile_bin(counts, q)
            return math.nan if i is None else (i + 0.5) / bins

        records.append(
            {
                "dataset": d["name"],
                **kept_record(h, d["rows"], kept, centre(0.5)),
                "p5": centre(0.05),
                "swapped": d["swapped"],
            }
        )
    frame: pd.DataFrame = pd.DataFrame.from_records(records, index="dataset")
    frame.attrs["threshold"] = snap_to_edge(threshold, bins)
    frame.attrs["score"] = SCORE_COLUMNS[score]
    return frame


def summary_text(payload: dict[str, Any]) -> str:
    """The table at the recommended threshold as plain text, under a line saying what it is."""
    frame = summary_frame(payload)
    threshold = frame.attrs["threshold"]
    lines = [
        f"CheXmask RCA histogram: {len(frame)} dataset{'s' if len(frame) != 1 else ''}, "
        f"{payload['bins']} bins; kept = {DICE_MEAN_COLUMN} >= {threshold:g}; "
        "median and p5 are fine-bin centres"
    ]
    if payload.get("title"):
        lines.insert(0, str(payload["title"]))
    shown = frame.copy()
    formats = {"kept %": "{:.1f}", "mean": "{:.4f}", "median": "{:.4f}", "p5": "{:.4f}"}
    for column, fmt in formats.items():
        shown[column] = [
            "-" if isinstance(v, float) and math.isnan(v) else fmt.format(v) for v in shown[column]
        ]
    lines.append(shown.to_string())
    return "\n".join(lines)
