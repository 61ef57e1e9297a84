"""What a histogram payload says per group at a threshold: the view's table, in Python.

The same numbers as the JupyterLab view (``summarizeGroup`` and
``initialEdge`` in ``src/histogram/summary.ts``), from the fine-bin counts.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ..common.fine_bins import kept_record, quantile_index
from ..common.js_numbers import to_fixed
from .grid import decimals_of, edge_value, nearest_edge

#: The sides a threshold keeps, as the payload names them, and their signs.
KEEP_SIGNS = {"above": "≥", "below": "<"}


def snap_edge(payload: dict[str, Any], value: float) -> int:
    """The lattice edge nearest a threshold, within the fine bins (``snapEdge``)."""
    start, bins = int(payload["start"]), int(payload["bins"])
    if math.isfinite(value):
        k = nearest_edge(value, int(payload["exponent"]))
    else:
        k = start + bins if value > 0 else start
    return min(start + bins, max(start, k))


def initial_edge(payload: dict[str, Any]) -> int:
    """The edge the view starts at: the payload's threshold snapped, else the
    lower edge of the fine bin holding the median of all groups together."""
    if payload.get("threshold") is not None:
        return snap_edge(payload, float(payload["threshold"]))
    total = np.sum([np.asarray(g["counts"], dtype=np.int64) for g in payload["groups"]], axis=0)
    i = quantile_index(total, 0.5)
    return int(payload["start"]) + (0 if i is None else i)


def kept_at_edge(payload: dict[str, Any], group: dict[str, Any], edge: int, keep: str) -> int:
    """The group's binned values ``>=`` (``above``) or ``<`` (``below``) edge ``edge``: exact."""
    counts = np.asarray(group["counts"], dtype=np.int64)
    j = edge - int(payload["start"])
    return int(counts[max(0, j) :].sum() if keep == "above" else counts[: max(0, j)].sum())


def threshold_text(payload: dict[str, Any], edge: int) -> str:
    """An edge as the view writes it: with the decimals of the fine bins."""
    exponent = int(payload["exponent"])
    return to_fixed(edge_value(edge, exponent), min(100, decimals_of(exponent)))


def summary_frame(payload: dict[str, Any], edge: int, keep: str) -> pd.DataFrame:
    """One row per group: rows, missing, out_of_range, kept, kept %, mean, median, min, max."""
    exponent, start = int(payload["exponent"]), int(payload["start"])
    records = []
    for g in payload["groups"]:
        kept = kept_at_edge(payload, g, edge, keep)
        i = quantile_index(g["counts"], 0.5)
        median = (
            math.nan
            if i is None
            else (edge_value(start + i, exponent) + edge_value(start + i + 1, exponent)) / 2
        )
        records.append(
            {
                "group": g["name"],
                **kept_record(g, g["rows"], kept, median),
                "min": math.nan if g["min"] is None else g["min"],
                "max": math.nan if g["max"] is None else g["max"],
            }
        )
    frame: pd.DataFrame = pd.DataFrame.from_records(records, index="group")
    frame.index.name = payload.get("by") or "group"
    frame.attrs["threshold"] = edge_value(edge, exponent)
    frame.attrs["keep"] = keep
    frame.attrs["column"] = payload["column"]
    return frame


def summary_text(payload: dict[str, Any]) -> str:
    """The table at the view's first threshold as plain text, under a line saying what it is."""
    edge = initial_edge(payload)
    keep = payload.get("keep") or "above"
    frame = summary_frame(payload, edge, keep)
    by = f" by {payload['by']}" if payload.get("by") else ""
    lines = [
        f"CheXmask histogram of {payload['column']}{by}: {len(frame)} group"
        f"{'s' if len(frame) != 1 else ''}; kept = {payload['column']} {KEEP_SIGNS[keep]} "
        f"{threshold_text(payload, edge)}; median is a fine-bin centre"
    ]
    if payload.get("title"):
        lines.insert(0, str(payload["title"]))
    shown = frame.copy().astype(object)
    for column in ("kept %", "mean", "median", "min", "max"):
        fmt = "{:.1f}" if column == "kept %" else "{:.6g}"
        shown[column] = [
            "-" if isinstance(v, float) and math.isnan(v) else fmt.format(v) for v in frame[column]
        ]
    lines.append(shown.to_string())
    return "\n".join(lines)
