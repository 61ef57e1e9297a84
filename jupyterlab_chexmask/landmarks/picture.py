"""The kernel's picture of a landmark plot, in its output by default (see ``common.picture``).

:func:`landmark_picture` draws what the JupyterLab view shows first (see
``src/landmarks/``), in the frame of :mod:`.frame` with y down like
the image, the image area in light grey:

- one row: its three closed rings and 120 points in the organ colours of the
  settings (right lung red, left lung blue, heart green: :mod:`~jupyterlab_chexmask.common.colors`);
- many rows: each row's contour, faint, as a density per group (opacity
  growing with the logarithm of the contours crossing a pixel, as the view's
  density painter does, so 10,000 rows do not turn into a solid blot), and
  each group's mean shape in bold in the group's colour (d3's Tableau 10).

The alt text says rows, groups, frame and, for one row, its id; for many the
row furthest from the mean shape, as the view's alt text does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from ..common import chart
from ..common.colors import ORGAN_COLORS, RGB
from ..common.js_numbers import to_fixed
from ..format.columns import LANDMARK_SLICES
from ..types import FloatArray, IntArray
from .frame import LandmarkFrame, build_frame, describe_size

#: The plot area's longest side; the other follows the frame's aspect (one unit is one unit).
PLOT_SIDE = 560

#: Rows of contours sampled at once, to bound memory at 10,000 rows.
_CHUNK = 128

#: Past this many rows the contour density is counted on cells of 2×2 canvas pixels,
#: as the view counts it (``paintContourDensity`` in ``src/landmarks/density.ts``).
_CELL_ROWS = 2000

_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP = 64, 24, 12
_BELOW_AXIS = chart.TICK + 2 + chart.FONT_SIZE + 6 + chart.FONT_SIZE + 14
_POINT_RADIUS = 3


def landmark_image(payload: Mapping[str, Any]) -> tuple[Image.Image, chart.Axes, LandmarkFrame]:
    """The picture, its plot area (data to canvas pixels) and the laid-out rows.

    Raises:
        ValueError: a row's landmarks do not parse (the message names the row).
    """
    frame = build_frame(payload)
    x0, y0, x1, y1 = frame.bounds
    scale = PLOT_SIDE / max(x1 - x0, y1 - y0)
    plot_width, plot_height = max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale))
    single = len(frame.rows) == 1
    entries = _legend(frame, single)

    width = _MARGIN_LEFT + max(plot_width, 240) + _MARGIN_RIGHT
    legend_width = width - _MARGIN_LEFT - _MARGIN_RIGHT
    top = _MARGIN_TOP + chart.title_height(payload.get("title")) + chart.FONT_SIZE + 8
    height = (
        top
        + plot_height
        + _BELOW_AXIS
        + chart.legend_height([e[0] for e in entries], legend_width)
        + 10
    )
    axes = chart.Axes(
        left=_MARGIN_LEFT,
        top=top,
        right=_MARGIN_LEFT + plot_width,
        bottom=top + plot_height,
        x_range=(x0, x1),
        y_range=(y0, y1),
        y_down=True,
    )

    canvas = chart.new_canvas(width, height)
    draw = ImageDraw.Draw(canvas)
    chart.draw_title(draw, payload.get("title"), _MARGIN_LEFT, _MARGIN_TOP)
    ix0, iy0, ix1, iy1 = frame.image
    draw.rectangle(
        (round(axes.px(ix0)), round(axes.py(iy0)), round(axes.px(ix1)), round(axes.py(iy1))),
        fill=chart.IMAGE_AREA,
    )
    if single:
        _draw_row(draw, axes, frame.coords[0])
    else:
        _draw_rows(canvas, axes, frame)
    unit = "px" if frame.frame == "pixels" else "/ size"
    chart.draw_axes(
        draw,
        axes,
        chart.nice_ticks(x0, x1, 6),
        chart.nice_ticks(y0, y1, 6),
        "x (px)" if frame.frame == "pixels" else "x / Width",
        f"y ({unit}, down)" if frame.frame == "pixels" else "y / Height (down)",
    )
    chart.draw_legend(
        draw, entries, _MARGIN_LEFT, axes.bottom + _BELOW_AXIS, legend_width, swatch="line"
    )
    return chart.finish(canvas), axes, frame


def _legend(frame: LandmarkFrame, single: bool) -> list[tuple[str, RGB]]:
    """Organs with their point counts for one row; groups with their row counts for many."""
    if single:
        return [
            (f"{organ.lower()} ({end - start})", ORGAN_COLORS[organ])
            for organ, (start, end) in LANDMARK_SLICES.items()
        ]
    return [
        (f"{chart.clean_label(g.name)} ({len(g.rows):,})", chart.series_color(g.index))
        for g in frame.groups
    ]


def _canvas_points(axes: chart.Axes, shape: FloatArray) -> FloatArray:
    """A shape's (…, 120, 2) frame coordinates as canvas pixel coordinates."""
    x0, x1 = axes.x_range
    y0, y1 = axes.y_range
    sx = (axes.right - axes.left) / (x1 - x0)
    sy = (axes.bottom - axes.top) / (y1 - y0)
    return np.stack(
        [axes.left + (shape[..., 0] - x0) * sx, axes.top + (shape[..., 1] - y0) * sy], axis=-1
    )


def _rings(points: FloatArray) -> list[tuple[str, list[tuple[float, float]]]]:
    """Each organ's closed ring of canvas points (the last point joins the first)."""
    rings = []
    for organ, (start, end) in LANDMARK_SLICES.items():
        ring = [(float(x), float(y)) for x, y in points[start:end]]
        rings.append((organ, ring + ring[:1]))
    return rings


def _draw_row(draw: ImageDraw.ImageDraw, axes: chart.Axes, shape: FloatArray) -> None:
    """One row: the rings, then every point on top, in the organ colours."""
    points = _canvas_points(axes, shape)
    for organ, ring in _rings(points):
        draw.line(ring, fill=ORGAN_COLORS[organ], width=2)
    for organ, (start, end) in LANDMARK_SLICES.items():
        for x, y in np.rint(points[start:end]).astype(int).tolist():
            draw.ellipse(
                (x - _POINT_RADIUS, y - _POINT_RADIUS, x + _POINT_RADIUS, y + _POINT_RADIUS),
                fill=ORGAN_COLORS[organ],
            )


def _draw_rows(canvas: Image.Image, axes: chart.Axes, frame: LandmarkFrame) -> None:
    """Many rows: each group's contour density, then each group's mean shape in bold."""
    # The plot area only: every point lies in it (the frame's bounds hold them all).
    area = (axes.right - axes.left + 1, axes.bottom - axes.top + 1)
    # As the view: past a couple of thousand rows, count on cells of 2×2 pixels.
    cell = 2 if len(frame.rows) > _CELL_ROWS else 1
    grid = (-(-area[0] // cell), -(-area[1] // cell))
    for group in frame.groups:
        counts = np.zeros(grid[0] * grid[1], dtype=np.int64)
        for start in range(0, len(group.rows), _CHUNK):
            rows = group.rows[start : start + _CHUNK]
            points = _canvas_points(axes, frame.coords[rows]) - (axes.left, axes.top)
            counts += _contour_counts(points / cell, grid)
        peak = int(counts.max())
        if peak == 0:
            continue
        # As the view's density painter: faint for one contour, stronger where many pass.
        alpha = np.where(counts > 0, 0.12 + 0.45 * np.log1p(counts) / np.log1p(peak), 0.0)
        opacity = Image.fromarray(np.rint(alpha * 255).astype(np.uint8).reshape(grid[::-1]), "L")
        if cell > 1:
            opacity = opacity.resize((grid[0] * cell, grid[1] * cell), Image.Resampling.NEAREST)
        layer = Image.new("RGBA", area, (*chart.series_color(group.index), 0))
        layer.putalpha(opacity.crop((0, 0, *area)))
        canvas.alpha_composite(layer, dest=(axes.left, axes.top))
    draw = ImageDraw.Draw(canvas)
    for group in frame.groups:
        points = _canvas_points(axes, frame.mean_shape(group.rows))
        for _, ring in _rings(points):
            # A white halo keeps the mean readable over its own group's contours.
            draw.line(ring, fill=chart.BACKGROUND, width=6, joint="curve")
            draw.line(ring, fill=chart.series_color(group.index), width=3, joint="curve")


def _contour_counts(points: FloatArray, grid: tuple[int, int]) -> IntArray:
    """How many steps of the rows' rings fall in each cell of a ``(width, height)`` grid
    (flat, row-major); ``points`` are (rows, 120, 2) in cells.

    ``rasterSegment`` in ``src/landmarks/density.ts``: a segment takes one step
    per cell along its longer axis, from its start up to (not including) its
    end, which starts the next segment of the ring; a step counts in the cell
    it falls in. float32, for one chunk of rows at a time.
    """
    width, height = grid
    # Clipped to the grid (points lie in it but for rounding): so does every step between.
    points = np.clip(points, 0, (width - 1, height - 1)).astype(np.float32)
    # The organ slices are contiguous and in order, so each point's successor
    # on its ring lines up with the point itself.
    ends = np.concatenate(
        [np.roll(points[:, start:end], -1, axis=1) for start, end in LANDMARK_SLICES.values()],
        axis=1,
    )
    a = points.reshape(-1, 2)
    d = ends.reshape(-1, 2) - a
    longer = np.maximum(np.abs(d[:, 0]), np.abs(d[:, 1]))
    steps = np.maximum(np.ceil(longer), 1).astype(np.int64)
    slope = d / steps[:, np.newaxis].astype(np.float32)
    # The step's index within its segment, for every step of every segment.
    first = np.repeat((np.cumsum(steps) - steps).astype(np.float32), steps)
    k = np.arange(first.size, dtype=np.float32) - first
    x = np.repeat(a[:, 0], steps) + k * np.repeat(slope[:, 0], steps)
    y = np.repeat(a[:, 1], steps) + k * np.repeat(slope[:, 1], steps)
    # Non-negative: truncation is floor, as the view's `| 0`.
    cells = y.astype(np.int32) * np.int32(width) + x.astype(np.int32)
    return np.bincount(cells, minlength=width * height)


def landmark_picture(payload: Mapping[str, Any]) -> tuple[Image.Image, str]:
    """The picture of a landmark payload and its alt text, for the kernel's picture.

    Raises:
        ValueError: a row's landmarks do not parse (the message names the row).
    """
    picture, _, frame = landmark_image(payload)
    return picture, landmark_alt_text(frame)


def sigma_clause(frame: LandmarkFrame) -> str:
    """The rows' CheXmask-U uncertainty in the view's words (``sigmaClause`` in
    ``src/landmarks/picture.ts``): the mean of the rows' mean landmark σ over the rows that
    carry σ, summed in row order, e.g. ``; mean landmark σ 2.31 px over 12 rows with σ``;
    empty when no row carries σ."""
    total, count = 0.0, 0
    for mean in frame.sigma_means:
        if mean is not None:
            total += mean
            count += 1
    if count == 0:
        return ""
    rows = f"{count:,} row{'' if count == 1 else 's'}"
    return f"; mean landmark σ {to_fixed(total / count, 2)} px over {rows} with σ"


def landmark_alt_text(frame: LandmarkFrame) -> str:
    """What the picture shows, in words: rows, groups, frame; one row's id, or the row furthest
    from the mean shape (worded like ``landmarkAltText`` in ``src/landmarks/picture.ts``); and
    when rows carry CheXmask-U's σ, their mean landmark σ (:func:`sigma_clause`, the view's
    words). The picture colours by group, as the view does by default, not by σ."""
    n = len(frame.rows)
    where = f" (frame: {describe_size(frame)})"
    if n == 1:
        row = frame.rows[0]
        origin = f" from {row['dataset']}" if row.get("dataset") else ""
        counts = ", ".join(
            f"{organ.lower()} {end - start}" for organ, (start, end) in LANDMARK_SLICES.items()
        )
        return (
            f"Landmark plot of 1 row, {row.get('id') or 'with no id'}{origin}{where}: "
            f"120 landmarks as closed rings per organ ({counts} points){sigma_clause(frame)}."
        )
    text = f"Landmark plot of {n:,} rows"
    if frame.group_by is not None:
        groups = ", ".join(f"{g.name} {len(g.rows):,}" for g in frame.groups)
        plural = "s" if len(frame.groups) != 1 else ""
        text += f" in {len(frame.groups)} group{plural} by {frame.group_by} ({groups})"
    furthest = frame.rows[frame.furthest_row()].get("id") or "a row"
    mean = "each group's mean shape" if frame.group_by is not None else "the mean shape"
    return (
        f"{text}{where}: a faint contour per row and {mean} in bold; "
        f"furthest from the mean shape: {furthest}{sigma_clause(frame)}."
    )
