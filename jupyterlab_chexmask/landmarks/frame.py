"""A landmark payload's rows in one frame, with groups, mean shapes and the furthest row.

The interactive plot parses the raw ``Landmarks`` cells in its TypeScript core
(``parseLandmarkCoordinates``) and lays them out in ``buildLandmarkModel``
(``src/landmarks/model.ts``). A static picture drawn in the kernel has no
frontend to ask, so this module does the same, for pictures only: the same
parser (:func:`~jupyterlab_chexmask.format.landmarks.parse_landmarks`), the
same frame, image area, bounds and grouping, and the same distance to the mean
shape, so picture and view agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..format.landmarks import mean_sigma, parse_integer_cells, parse_landmark_std, parse_landmarks
from ..types import FloatArray, IntArray
from .packed import PACKED_VERSION, unpack_payload

#: Group names of the view (``ALL_ROWS`` and ``NO_GROUP`` in ``src/landmarks/model.ts``).
ALL_ROWS = "all rows"
NO_GROUP = "(none)"


@dataclass(frozen=True)
class Group:
    """One group of rows: its name as shown, its index (for its colour) and its rows."""

    name: str
    index: int
    rows: IntArray


@dataclass(frozen=True)
class LandmarkFrame:
    """The payload's rows laid out in one frame, as ``buildLandmarkModel`` lays them out.

    ``coords`` is (rows, 120, 2) in frame units (mask pixels, or x / Width and
    y / Height); boxes are ``(x0, y0, x1, y1)`` with y down.
    """

    rows: list[Mapping[str, Any]]
    frame: str
    common_size: tuple[int, int] | None  # (height, width) every row shares
    coords: FloatArray
    groups: list[Group]
    group_by: str | None
    image: tuple[float, float, float, float]
    bounds: tuple[float, float, float, float]
    #: Each row's mean landmark σ, (σx+σy)/2 over its 120 landmarks (``meanSigma``), in
    #: mask pixels; ``None`` for a row without CheXmask-U's ``Landmarks (Std)``.
    sigma_means: list[float | None]

    def mean_shape(self, rows: IntArray | None = None) -> FloatArray:
        """The mean of the rows' shapes (all rows by default), (120, 2)."""
        mean: FloatArray = self.coords[slice(None) if rows is None else rows].mean(axis=0)
        return mean

    def furthest_row(self) -> int:
        """The row furthest from the mean shape: the largest mean Euclidean distance of
        its 120 landmarks to the mean's (``shapeDistance``); the earliest on a tie."""
        offset = self.coords - self.mean_shape()
        dx, dy = offset[..., 0], offset[..., 1]
        distances = np.sqrt(dx * dx + dy * dy).mean(axis=1)
        return int(np.argmax(distances))  # argmax returns the first of equal maxima


def build_frame(payload: Mapping[str, Any]) -> LandmarkFrame:
    """Parse every row's landmarks and lay them out in the payload's frame (either version).

    Raises:
        ValueError: a row's landmarks do not parse (the message names the row and its id).
    """
    rows: list[Mapping[str, Any]]
    if payload.get("version") == PACKED_VERSION:
        unpacked, coords = unpack_payload(payload)
        rows = list(unpacked)
    else:
        rows = list(payload["rows"])
        coords, others = parse_integer_cells([row["landmarks"] for row in rows])
        for i in others:  # cells the fast reader leaves: decimals, lists, malformed text
            where = f"row {i}" + (f" ({rows[i]['id']})" if rows[i].get("id") is not None else "")
            try:
                coords[i] = parse_landmarks(rows[i]["landmarks"])
            except ValueError as error:
                raise ValueError(f"{where}: {error}") from error
    sizes = {(int(r["height"]), int(r["width"])) for r in rows}
    common = next(iter(sizes)) if len(sizes) == 1 else None
    frame = payload.get("frame") or ("pixels" if common else "normalized")
    if frame != "pixels":
        sides = np.asarray([(r["width"], r["height"]) for r in rows], dtype=np.float64)
        coords /= sides[:, np.newaxis, :]

    if frame == "pixels":
        # A landmark (x, y) is the centre of pixel (x, y): the image covers [-0.5, W - 0.5].
        image = (-0.5, -0.5, max(w for _, w in sizes) - 0.5, max(h for h, _ in sizes) - 0.5)
    else:
        image = (0.0, 0.0, 1.0, 1.0)
    # Points are not clipped to the image: keep them all in view, with air.
    pad = 0.02 * max(image[2] - image[0], image[3] - image[1])
    xs, ys = coords[..., 0], coords[..., 1]  # per column: a reduction along a short axis is slow
    low, high = (xs.min(), ys.min()), (xs.max(), ys.max())
    bounds = (
        low[0] - pad if low[0] < image[0] else image[0],
        low[1] - pad if low[1] < image[1] else image[1],
        high[0] + pad if high[0] > image[2] else image[2],
        high[1] + pad if high[1] > image[3] else image[3],
    )
    group_by = payload.get("groupBy")
    return LandmarkFrame(
        rows,
        frame,
        common,
        coords,
        _groups(rows, group_by),
        group_by,
        image,
        bounds,
        [_sigma_mean(i, row) for i, row in enumerate(rows)],
    )


def _sigma_mean(i: int, row: Mapping[str, Any]) -> float | None:
    """A row's mean landmark σ, or ``None`` without σ: absent, ``None`` or short blank text, as
    the view reads a row's ``sigma`` (``Private.sigma`` in ``src/landmarks/payload.ts``).

    Raises:
        ValueError: the σ do not parse (the message names the row and its id).
    """
    value = row.get("sigma")
    if value is None or (isinstance(value, str) and len(value) < 1024 and not value.strip()):
        return None
    try:
        return mean_sigma(parse_landmark_std(value))
    except ValueError as error:
        where = f"row {i}" + (f" ({row['id']})" if row.get("id") is not None else "")
        raise ValueError(f"{where}: {error}") from error


def _groups(rows: list[Mapping[str, Any]], group_by: str | None) -> list[Group]:
    """Rows grouped by their group name, in order of first appearance."""
    members: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        group = row.get("group")
        name = ALL_ROWS if group_by is None else NO_GROUP if group is None else group
        members.setdefault(str(name), []).append(i)
    return [
        Group(name, g, np.asarray(m, dtype=np.int64)) for g, (name, m) in enumerate(members.items())
    ]


def describe_size(frame: LandmarkFrame) -> str:
    """The frame in a few words.

    E.g. ``pixels, 1024 × 1024`` or ``normalized, image sizes differ``.
    """
    if frame.common_size is None:
        return f"{frame.frame}, image sizes differ"
    height, width = frame.common_size
    return f"{frame.frame}, {width} × {height}" if frame.frame == "pixels" else frame.frame
