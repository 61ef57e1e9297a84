"""The kernel's picture of an RCA histogram, in its output by default (see ``common.picture``).

:func:`rca_picture` draws what the JupyterLab view first shows (see
``src/rca/picture.ts``): the Dice RCA (Mean) of each dataset overlaid, as a
translucent histogram with its outline in the dataset's colour (d3's
Tableau 10, in payload order), and a vertical line at the threshold (the
settings' default, 0.7, snapped to a fine-bin edge as the view snaps it). The
alt text states, per dataset, its rows and the values kept at the threshold,
counted with the view's rule (:func:`~.bins.kept_at_threshold`), so the
numbers are those the view's table shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from PIL import Image

from ..common import chart, histogram_chart
from ..common.js_numbers import to_fixed
from ..format.columns import RECOMMENDED_MIN_DICE_MEAN
from .bins import kept_at_threshold, snap_to_edge
from .summary import SCORE_COLUMNS

#: About this many coarse bins: the fine bins are merged by a factor that divides them.
TARGET_BINS = 50


def merge_factor(bins: int, target: int = TARGET_BINS) -> int:
    """The factor merging ``bins`` fine bins into about ``target`` coarse ones.

    Among the factors that divide ``bins`` and leave at least 5 bins (the
    view's bin-width choices, ``rebinFactors``), the one nearest to ``target``
    bins; merging is exact because counts only add. 1 when none qualifies.
    """
    factors = [f for f in range(1, bins + 1) if bins % f == 0 and bins // f >= 5]
    return min(factors, key=lambda f: (abs(bins / f - target), f)) if factors else 1


def rca_image(
    payload: Mapping[str, Any],
    threshold: float = RECOMMENDED_MIN_DICE_MEAN,
    score: str = "mean",
) -> tuple[Image.Image, chart.Axes]:
    """The histogram picture and its plot area (tests map data to pixels with it).

    Args:
        payload: An RCA payload (``schema/payloads/rca.v1.json``).
        threshold: Where the threshold line goes; it snaps to a fine-bin edge.
        score: ``"mean"`` or ``"max"``, the Dice RCA column drawn.
    """
    bins = int(payload["bins"])
    factor = merge_factor(bins)
    datasets = payload["datasets"]
    coarse = [
        np.asarray(d[score]["counts"], dtype=np.int64).reshape(-1, factor).sum(axis=1)
        for d in datasets
    ]
    n = bins // factor
    snapped = snap_to_edge(threshold, bins)
    return histogram_chart.histogram_chart(
        payload.get("title"),
        [
            (chart.clean_label(d["name"]), chart.series_color(i), c)
            for i, (d, c) in enumerate(zip(datasets, coarse, strict=True))
        ],
        (0.0, 1.0),
        (SCORE_COLUMNS[score], f"rows per bin of {1 / n:g}"),
        (snapped, f"threshold {to_fixed(snapped, 3)}"),
    )


def rca_picture(
    payload: Mapping[str, Any], threshold: float = RECOMMENDED_MIN_DICE_MEAN
) -> tuple[Image.Image, str]:
    """The picture of an RCA payload (Dice RCA (Mean)) and its alt text.

    For the kernel's picture.
    """
    picture, _ = rca_image(payload, threshold)
    return picture, rca_alt_text(payload, threshold)


def rca_alt_text(
    payload: Mapping[str, Any],
    threshold: float = RECOMMENDED_MIN_DICE_MEAN,
    score: str = "mean",
) -> str:
    """What the picture shows, in words: per dataset its rows and the values kept at the threshold.

    Worded like the view's alt text (``rcaAltText`` in ``src/rca/picture.ts``),
    with the kept count too: the threshold with three decimals, rows with
    thousands separators, the share of the binned values with one decimal,
    rounded as JavaScript's ``toFixed`` rounds.
    """
    bins = int(payload["bins"])
    snapped = snap_to_edge(threshold, bins)
    parts = []
    for d in payload["datasets"]:
        histogram = d[score]
        count = int(histogram["count"])
        if count:
            kept = kept_at_threshold(histogram["counts"], snapped)
            share = f"{kept:,} kept ({to_fixed(kept / count * 100, 1)}%)"
        else:
            share = "no values"
        parts.append(f"{d['name']} {int(d['rows']):,} rows, {share}")
    n = len(parts)
    return (
        f"RCA histogram of {SCORE_COLUMNS[score]} for {n} dataset{'s' if n != 1 else ''} "
        f"at threshold {to_fixed(snapped, 3)}: {'; '.join(parts)}."
    )
