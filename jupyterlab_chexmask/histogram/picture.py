"""The kernel's picture of a histogram, in its output by default (see ``common.picture``).

:func:`histogram_picture` draws what the JupyterLab view first shows (see
``src/histogram/``): every group overlaid at the view's first bin width
(the nice width nearest ``shownBins``, else 50 bins), in d3's Tableau 10 in
payload order, and the threshold line where the view starts it. The alt
text (:func:`histogram_alt_text`) is the view's (``histogramAltText`` in
``src/histogram/picture.ts``), word for word.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from PIL import Image

from ..common import chart, histogram_chart
from ..common.js_numbers import to_fixed
from .grid import DEFAULT_SHOWN_BINS, drawn_range, edge_value, width_for
from .summary import KEEP_SIGNS, initial_edge, kept_at_edge, threshold_text


def histogram_image(payload: Mapping[str, Any]) -> tuple[Image.Image, chart.Axes]:
    """The picture and its plot area (tests map data to pixels with it)."""
    exponent, start, bins = int(payload["exponent"]), int(payload["start"]), int(payload["bins"])
    factor = width_for(start, bins, int(payload.get("shownBins") or DEFAULT_SHOWN_BINS))
    first, n = drawn_range(start, bins, factor)
    offset = start - first * factor  # fine bins before the grid in the first drawn bin
    coarse = []
    for g in payload["groups"]:
        padded = np.zeros(n * factor, dtype=np.int64)
        padded[offset : offset + bins] = g["counts"]
        coarse.append(padded.reshape(n, factor).sum(axis=1))
    edge = initial_edge(dict(payload))
    keep = payload.get("keep") or "above"
    return histogram_chart.histogram_chart(
        payload.get("title"),
        [
            (chart.clean_label(g["name"]), chart.series_color(i), c)
            for i, (g, c) in enumerate(zip(payload["groups"], coarse, strict=True))
        ],
        (edge_value(first * factor, exponent), edge_value((first + n) * factor, exponent)),
        (
            chart.clean_label(payload["column"], 90),
            f"rows per bin of {edge_value(factor, exponent):g}",
        ),
        (
            edge_value(edge, exponent),
            # ASCII: Pillow's default font has no "≥".
            f"keep {'>=' if keep == 'above' else '<'} {threshold_text(dict(payload), edge)}",
        ),
    )


def histogram_alt_text(payload: Mapping[str, Any]) -> str:
    """What the view first shows, in words: per group its rows and what the threshold keeps."""
    data = dict(payload)
    edge = initial_edge(data)
    keep = data.get("keep") or "above"
    parts = []
    for g in data["groups"]:
        count = int(g["count"])
        if count:
            kept = kept_at_edge(data, g, edge, keep)
            share = f"{kept:,} kept ({to_fixed(kept / count * 100, 1)}%)"
        else:
            share = "no values"
        parts.append(f"{g['name']} {int(g['rows']):,} rows, {share}")
    by = f" by {data['by']}" if data.get("by") else ""
    column = data["column"]
    return (
        f"Histogram of {column}{by}, keeping {column} {KEEP_SIGNS[keep]} "
        f"{threshold_text(data, edge)}: {'; '.join(parts)}."
    )


def histogram_picture(payload: Mapping[str, Any]) -> tuple[Image.Image, str]:
    """The picture of a histogram payload and its alt text, for the kernel's picture."""
    picture, _ = histogram_image(payload)
    return picture, histogram_alt_text(payload)
