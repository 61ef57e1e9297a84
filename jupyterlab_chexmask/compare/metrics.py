"""Agreement of two masks from their runs: Dice, IoU, HD, HD95 and ASSD, exact and batched.

The definitions are ``medpy.metric.binary``'s with unit spacing (the tests
check every number against medpy and scipy):

- Dice ``2|A∩B| / (|A| + |B|)`` and IoU ``|A∩B| / |A∪B|`` on the 0/1 masks;
  both masks empty gives 1.
- The surface of a mask: its pixels with a 4-neighbour outside the mask, the
  image border counting as outside (``mask ^ binary_erosion(mask)`` with the
  connectivity-1 structure and scipy's default ``border_value=0``).
- The directed distances: for each surface pixel of one mask (row-major
  order), the Euclidean distance to the nearest surface pixel of the other
  (``distance_transform_edt`` of the other's non-surface). HD is the largest of
  both directions, HD95 numpy's default (linear) 95th percentile of both
  directions together, ASSD their mean (numpy's ``mean`` of the A→B distances
  followed by the B→A ones, so even the rounding is medpy's).
- One mask empty: distances are undefined (NaN); both empty: 0.

Everything works on a *batch* of planes (pairs × organs): every plane has its
own offset in one global pixel index space, so a whole batch is a few numpy
calls, not a loop per pair. Masks are never decoded: the surface comes from
the runs split into row intervals, and the nearest surface pixel from a
search of the other surface's pixels (sorted by their global row-major index)
row by row outwards, ``k = 0, 1, 2, …`` rows away, until ``k²`` reaches the
best squared distance found (exact: a pixel k rows away is at least k away).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..types import FloatArray, IntArray

#: numpy's ``percentile(…, 95)`` computes its virtual index with ``q / 100``.
_Q95 = 95 / 100


@dataclass(frozen=True)
class Planes:
    """The planes of a batch: where each starts in the global pixel index, and its size."""

    offsets: IntArray
    heights: IntArray
    widths: IntArray

    @staticmethod
    def of_sizes(heights: IntArray, widths: IntArray) -> Planes:
        """Planes laid one after the other."""
        h = np.asarray(heights, dtype=np.int64)
        w = np.asarray(widths, dtype=np.int64)
        total = h * w
        offsets = np.concatenate([[0], np.cumsum(total)[:-1]]).astype(np.int64)
        return Planes(offsets, h, w)

    def __len__(self) -> int:
        return len(self.offsets)


@dataclass(frozen=True)
class Runs:
    """Runs of masks in a batch: global 0-based first pixel, length and plane of each.

    Sorted by start; within a plane they neither overlap nor leave the plane
    (the RLE checks make sure), though two may touch.
    """

    starts: IntArray
    lengths: IntArray
    plane: IntArray

    @staticmethod
    def of_planes(parts: list[tuple[IntArray, IntArray]], planes: Planes) -> Runs:
        """Runs from each plane's own 0-based ``(starts, lengths)``, in plane order."""
        counts = np.fromiter((len(s) for s, _ in parts), dtype=np.int64, count=len(parts))
        plane = np.repeat(np.arange(len(parts), dtype=np.int64), counts)
        if not len(plane):
            empty = np.zeros(0, np.int64)
            return Runs(empty, empty, empty)
        starts = np.concatenate([np.asarray(s, np.int64) for s, _ in parts]) + planes.offsets[plane]
        lengths = np.concatenate([np.asarray(n, np.int64) for _, n in parts])
        return Runs(starts, lengths, plane)


def areas(runs: Runs, count: int) -> IntArray:
    """Pixels of each plane's mask."""
    return np.bincount(runs.plane, weights=runs.lengths, minlength=count).astype(np.int64)


def intersections(a: Runs, b: Runs, count: int) -> IntArray:
    """``|A ∩ B|`` per plane, from the runs.

    Each run of A contributes ``C_B(end) − C_B(start)``, with ``C_B(x)`` the
    count of B's pixels before global index ``x`` (B's runs are sorted and
    disjoint, so that is a binary search and a cumulative sum).
    """
    if not len(a.starts) or not len(b.starts):
        return np.zeros(count, np.int64)
    before = np.concatenate([[0], np.cumsum(b.lengths)[:-1]])

    def covered(x: IntArray) -> IntArray:
        j = np.searchsorted(b.starts, x, side="right") - 1
        jj = np.maximum(j, 0)
        inside = np.minimum(np.maximum(x - b.starts[jj], 0), b.lengths[jj])
        out: IntArray = np.where(j >= 0, before[jj] + inside, 0)
        return out

    per_run = covered(a.starts + a.lengths) - covered(a.starts)
    return np.bincount(a.plane, weights=per_run, minlength=count).astype(np.int64)


def dice_iou(a_area: IntArray, b_area: IntArray, inter: IntArray) -> tuple[FloatArray, FloatArray]:
    """Dice and IoU per plane as medpy's ``dc`` and ``jc`` compute them (1 when both are empty)."""
    total = (a_area + b_area).astype(np.float64)
    union = total - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        dice = np.where(total > 0, 2.0 * inter / total, 1.0)
        iou = np.where(union > 0, inter / union, 1.0)
    return dice.astype(np.float64), iou.astype(np.float64)


def _row_intervals(runs: Runs, planes: Planes) -> tuple[IntArray, IntArray, IntArray]:
    """The masks as maximal intervals within image rows: global first, last pixel, plane."""
    s, n, p = runs.starts, runs.lengths, runs.plane
    if len(s) > 1:  # merge runs that touch (allowed by the format, one interval here)
        joins = (s[1:] == s[:-1] + n[:-1]) & (p[1:] == p[:-1])
        if joins.any():
            head = np.concatenate([[True], ~joins])
            group = np.cumsum(head) - 1
            n = np.bincount(group, weights=n).astype(np.int64)
            s, p = s[head], p[head]
    off, w = planes.offsets[p], planes.widths[p]
    first_row = (s - off) // w
    last_row = (s + n - 1 - off) // w
    pieces = last_row - first_row + 1
    idx = np.repeat(np.arange(len(s)), pieces)
    k = np.arange(int(pieces.sum())) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    row_start = off[idx] + (first_row[idx] + k) * w[idx]
    first = np.maximum(s[idx], row_start)
    last = np.minimum(s[idx] + n[idx] - 1, row_start + w[idx] - 1)
    return first, last, p[idx]


def _difference(
    x_first: IntArray, x_last: IntArray, y_first: IntArray, y_last: IntArray
) -> tuple[IntArray, IntArray]:
    """The pixels of intervals X not in intervals Y (each disjoint), as intervals [first, end)."""
    pos = np.concatenate([x_first, x_last + 1, y_first, y_last + 1])
    dx = np.concatenate([np.ones_like(x_first), -np.ones_like(x_last), 0 * y_first, 0 * y_last])
    dy = np.concatenate([0 * x_first, 0 * x_last, np.ones_like(y_first), -np.ones_like(y_last)])
    order = np.argsort(pos, kind="stable")
    pos, cx, cy = pos[order], np.cumsum(dx[order]), np.cumsum(dy[order])
    # The state after all events at a position holds until the next position.
    last_at = np.concatenate([pos[1:] != pos[:-1], [True]])
    pos, cx, cy = pos[last_at], cx[last_at], cy[last_at]
    keep = np.flatnonzero((cx[:-1] > 0) & (cy[:-1] == 0))
    return pos[keep], pos[keep + 1]


def _expand(first: IntArray, end: IntArray) -> IntArray:
    """Every pixel of intervals [first, end)."""
    length = end - first
    at = np.repeat(first - np.cumsum(length) + length, length)
    out: IntArray = at + np.arange(int(length.sum()), dtype=np.int64)
    return out


def surfaces(runs: Runs, planes: Planes) -> IntArray:
    """The surface pixels of every plane's mask: sorted global indexes (row-major per plane)."""
    first, last, plane = _row_intervals(runs, planes)
    if not len(first):
        return np.zeros(0, np.int64)
    w = planes.widths[plane]
    row = (first - planes.offsets[plane]) // w
    not_last = row < planes.heights[plane] - 1
    not_first = row > 0
    # A pixel is inside when its row-neighbours above and below are both in the mask
    # (and its left and right ones: the interval's ends are always surface).
    # Shifting the row intervals one row down (up) puts the row above (below) on each row.
    above_first, above_last = first[not_last] + w[not_last], last[not_last] + w[not_last]
    below_first, below_last = first[not_first] - w[not_first], last[not_first] - w[not_first]
    open_up = _difference(first, last, above_first, above_last)
    open_down = _difference(first, last, below_first, below_last)
    pixels = np.concatenate([first, last, _expand(*open_up), _expand(*open_down)])
    pixels.sort()  # a sort and a compare: np.unique hashes, several times slower here
    out: IntArray = pixels[np.concatenate([[True], pixels[1:] != pixels[:-1]])]
    return out


def nearest_squared(
    queries: IntArray, targets: IntArray, planes: Planes, plane_of: IntArray
) -> IntArray:
    """For each query pixel, the squared distance to the nearest target pixel of its plane.

    ``targets``: sorted global indexes; every query's plane must hold at least
    one target. Searches rows ``k = 0, 1, …`` away in both directions while
    ``k²`` is below the best found (see the module docstring).
    """
    n = len(queries)
    best = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    if n == 0:
        return best
    if not len(targets):
        raise ValueError("nearest_squared: a query plane has no target pixel")
    w_all = planes.widths[plane_of]
    h_all = planes.heights[plane_of]
    local = queries - planes.offsets[plane_of]
    row_all, col_all = local // w_all, local % w_all
    active = np.arange(n)
    q, w, h, row, col = queries, w_all, h_all, row_all, col_all
    m = len(targets)
    k = 0
    while len(active):
        found = best[active]
        for sign in (1, -1) if k else (1,):
            r = row + sign * k
            ok = (r >= 0) & (r < h)
            key = q + sign * k * w
            line = key - col  # the first pixel of the searched row
            j = np.searchsorted(targets, key)
            for cand in (j - 1, j):
                c = np.clip(cand, 0, m - 1)
                t = targets[c]
                hit = ok & (cand >= 0) & (cand < m) & (t >= line) & (t < line + w)
                d = (t - key) ** 2 + k * k
                found = np.where(hit & (d < found), d, found)
        best[active] = found
        k += 1
        keep = (found > k * k) & (k < h)
        if not keep.all():
            active, q, w, h, row, col = (
                active[keep],
                q[keep],
                w[keep],
                h[keep],
                row[keep],
                col[keep],
            )
    return best


def plane_of(pixels: IntArray, planes: Planes) -> IntArray:
    """The plane of each global pixel index."""
    out: IntArray = np.searchsorted(planes.offsets, pixels, side="right") - 1
    return out


@dataclass(frozen=True)
class Distances:
    """Per plane, the squared surface distances in both directions, grouped by plane.

    ``ab``: A's surface pixels to B's surface (row-major per plane), ``ab_plane``
    the plane of each; ``ba``, ``ba_plane`` the other way. ``defined``: both
    masks non-empty; ``both_empty``: neither has a pixel.
    """

    ab: IntArray
    ab_plane: IntArray
    ba: IntArray
    ba_plane: IntArray
    defined: np.ndarray
    both_empty: np.ndarray


def surface_distances(a: Runs, b: Runs, planes: Planes) -> Distances:
    """The squared surface distances of every plane whose two masks are both non-empty."""
    count = len(planes)
    sa, sb = surfaces(a, planes), surfaces(b, planes)
    pa, pb = plane_of(sa, planes), plane_of(sb, planes)
    has_a = np.bincount(pa, minlength=count) > 0
    has_b = np.bincount(pb, minlength=count) > 0
    defined = has_a & has_b
    sa, pa = sa[defined[pa]], pa[defined[pa]]
    sb, pb = sb[defined[pb]], pb[defined[pb]]
    ab = nearest_squared(sa, sb, planes, pa)
    ba = nearest_squared(sb, sa, planes, pb)
    return Distances(ab, pa, ba, pb, defined, ~has_a & ~has_b)


def _lerp(a: FloatArray, b: FloatArray, t: FloatArray) -> FloatArray:
    """numpy's ``_lerp`` (the linear interpolation of ``percentile``), to the last bit."""
    diff = b - a
    out: FloatArray = np.where(t >= 0.5, b - diff * (1 - t), a + diff * t)
    return out


def hausdorff(d: Distances, count: int) -> tuple[FloatArray, FloatArray]:
    """HD and HD95 per plane (NaN where undefined, 0 where both masks are empty)."""
    sq = np.concatenate([d.ab, d.ba])
    plane = np.concatenate([d.ab_plane, d.ba_plane])
    order = np.lexsort((sq, plane))
    sq, plane = sq[order], plane[order]
    n = np.bincount(plane, minlength=count)
    start = np.cumsum(n) - n
    hd = np.full(count, np.nan)
    hd95 = np.full(count, np.nan)
    some = n > 0
    hd[some] = np.sqrt(sq[start[some] + n[some] - 1].astype(np.float64))
    virtual = (n[some] - 1) * _Q95
    lo = np.floor(virtual)
    at_end = virtual >= n[some] - 1
    lo_i = np.where(at_end, n[some] - 1, lo.astype(np.int64))
    hi_i = np.where(at_end, n[some] - 1, lo_i + 1)
    base = start[some]
    lower = np.sqrt(sq[base + lo_i].astype(np.float64))
    upper = np.sqrt(sq[base + hi_i].astype(np.float64))
    hd95[some] = _lerp(lower, upper, virtual - lo)
    hd[d.both_empty] = 0.0
    hd95[d.both_empty] = 0.0
    return hd, hd95


def assd(d: Distances, count: int) -> FloatArray:
    """ASSD per plane: numpy's mean of the A→B then B→A distances, as medpy takes it."""
    out = np.full(count, np.nan)
    out[d.both_empty] = 0.0
    a_n = np.bincount(d.ab_plane, minlength=count)
    b_n = np.bincount(d.ba_plane, minlength=count)
    a_at = np.cumsum(a_n) - a_n
    b_at = np.cumsum(b_n) - b_n
    ab = np.sqrt(d.ab.astype(np.float64))
    ba = np.sqrt(d.ba.astype(np.float64))
    for g in np.flatnonzero(d.defined):
        both = np.concatenate([ab[a_at[g] : a_at[g] + a_n[g]], ba[b_at[g] : b_at[g] + b_n[g]]])
        out[g] = float(both.mean())
    return out


@dataclass(frozen=True)
class PlaneMetrics:
    """Every metric per plane of a batch (see the module docstring)."""

    area_a: IntArray
    area_b: IntArray
    intersection: IntArray
    dice: FloatArray
    iou: FloatArray
    hd: FloatArray
    hd95: FloatArray
    assd: FloatArray


def plane_metrics(a: Runs, b: Runs, planes: Planes, *, distances: bool = True) -> PlaneMetrics:
    """All metrics of a batch of planes (``distances=False``: HD, HD95 and ASSD are NaN)."""
    count = len(planes)
    area_a, area_b = areas(a, count), areas(b, count)
    inter = intersections(a, b, count)
    dice, iou = dice_iou(area_a, area_b, inter)
    if distances:
        d = surface_distances(a, b, planes)
        hd, hd95 = hausdorff(d, count)
        mean = assd(d, count)
    else:
        hd = hd95 = mean = np.full(count, np.nan)
    return PlaneMetrics(area_a, area_b, inter, dice, iou, hd, hd95, mean)


def runs_of_mask(mask: np.ndarray) -> tuple[IntArray, IntArray]:
    """The 0-based ``(starts, lengths)`` of a 2-D 0/1 mask, row-major (any non-zero is inside)."""
    flat = (np.asarray(mask) != 0).ravel().astype(np.int8)
    edges = np.flatnonzero(np.diff(flat, prepend=np.int8(0), append=np.int8(0)))
    starts = edges[0::2].astype(np.int64)
    return starts, (edges[1::2] - edges[0::2]).astype(np.int64)
