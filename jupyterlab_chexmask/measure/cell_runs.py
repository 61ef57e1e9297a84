"""The organ measures of mask cells read as text: runs, areas and widest extents, vectorised.

Areas and the cardiothoracic ratio are computed from the RLE runs without
decoding masks, with the definitions of :mod:`..row.measure` (the view's):
an organ's area is the sum of its run lengths; the ratio is the widest
horizontal extent of the heart over the widest horizontal extent across both
lungs. A run (1-based start ``s``, length ``n``) covers pixels ``s-1`` …
``s+n-2`` row-major; per image row the first and last column covered are
kept (``np.minimum.at`` / ``np.maximum.at``), and a run spanning three or
more image rows covers a full row in between.

Cells are checked as :func:`..row.check.check_row` checks them. The fast path
flags a cell that is not plain digits and whitespace, or whose runs break a
rule; only flagged cells go through the row checks (one at a time), whose
message becomes the row's ``problem`` — or, when they pass (a ``+``, say),
whose runs are used. This is the general path of :func:`.frame.measure_frame`;
:mod:`.fast` reads plain files' masks from their bytes instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from ..format.cells import is_missing
from ..format.columns import HEART_COLUMN, LEFT_LUNG_COLUMN, ORGAN_COLUMNS, RIGHT_LUNG_COLUMN
from ..format.rle import check_rle
from ..types import FloatArray, IntArray

#: Each row's problems, as (order, message): the first in the row checks' order is reported.
Problems = list[list[tuple[int, str]]]
#: The organ measures of a batch given its sizes: the area of each organ column, then each
#: row's widest horizontal extent of the heart and of the lungs (NaN where a cell is bad).
OrganMeasures = tuple[dict[str, FloatArray], FloatArray, FloatArray]
OrganMeasurer = Callable[[IntArray, IntArray, np.ndarray, Problems], OrganMeasures]


# Digit runs longer than this go to the row checks (which cap the digits they read).
_MAX_FAST_DIGITS = 15
_SPACE_BYTES = np.zeros(256, dtype=bool)
_SPACE_BYTES[[ord(" "), ord("\t"), ord("\n"), ord("\r")]] = True
_DIGIT_BYTES = np.zeros(256, dtype=bool)
_DIGIT_BYTES[ord("0") : ord("9") + 1] = True
_POW10 = 10 ** np.arange(_MAX_FAST_DIGITS + 1, dtype=np.int64)


def _texts(values: Sequence[object]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Each cell as text ("" when missing), whether it is missing, and whether it is a string."""
    missing = np.fromiter((is_missing(v) for v in values), dtype=bool, count=len(values))
    is_str = np.fromiter((isinstance(v, str) for v in values), dtype=bool, count=len(values))
    texts = [
        v if isinstance(v, str) and not m else "" for v, m in zip(values, missing, strict=True)
    ]
    return texts, missing, is_str


def _joined(texts: list[str]) -> tuple[np.ndarray, IntArray, np.ndarray]:
    """The cells joined by newlines as bytes, each cell's byte offset, and which cells are ASCII.

    Non-ASCII cells are left out (emptied) and reported, for the slow path.
    """
    ascii_ok = np.fromiter((t.isascii() for t in texts), dtype=bool, count=len(texts))
    if not ascii_ok.all():
        texts = [t if ok else "" for t, ok in zip(texts, ascii_ok, strict=True)]
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    data = np.frombuffer(("\n".join(texts) + "\n").encode("ascii"), dtype=np.uint8)
    return data, offsets, ascii_ok


def _tokens(data: np.ndarray, offsets: IntArray) -> tuple[IntArray, IntArray, np.ndarray]:
    """The integers of digit runs in ``data``, the cell of each, and cells to check one by one.

    A cell holding a byte that is neither a digit nor whitespace, or a number
    of more than :data:`_MAX_FAST_DIGITS` digits, is flagged (its numbers are
    then not used).
    """
    n = len(offsets)
    flagged = np.zeros(n, dtype=bool)
    digit = _DIGIT_BYTES[data]
    bad_bytes = np.flatnonzero(~digit & ~_SPACE_BYTES[data])
    if bad_bytes.size:
        flagged[np.searchsorted(offsets, bad_bytes, side="right") - 1] = True
    edges = np.diff(digit.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    long = ends - starts > _MAX_FAST_DIGITS
    if long.any():  # blank them out; their cells are checked one by one
        flagged[np.searchsorted(offsets, starts[long], side="right") - 1] = True
        digit = digit.copy()
        for s, e in zip(starts[long], ends[long], strict=True):
            digit[s:e] = False
        starts, ends = starts[~long], ends[~long]
    cell = (np.searchsorted(offsets, starts, side="right") - 1).astype(np.int64)
    if starts.size == 0:
        return np.zeros(0, np.int64), cell, flagged
    width = ends - starts
    digits = (data[digit] - ord("0")).astype(np.int64)
    first = np.cumsum(width) - width  # where each number starts among the digits
    # Each digit's place, counted from its number's last digit.
    place = np.repeat(first + width - 1, width) - np.arange(digits.size)
    values = np.add.reduceat(digits * _POW10[place], first)
    return values.astype(np.int64), cell, flagged


_PLAIN = b"0123456789 \n"


def _fast_tokens(texts: list[str]) -> tuple[IntArray, IntArray, np.ndarray] | None:
    """The numbers of the cells, their count per cell, and cells to check one by one.

    The fast path, for cells of digits separated by single spaces (every
    CheXmask file): one ``np.fromstring`` over the joined cells. Cells with
    anything else are flagged (and their numbers left out); ``None`` when the
    text is not plain enough for this path (the caller then tokenizes byte by
    byte).
    """
    joined = "\n".join(texts)
    if not joined.isascii():
        return None
    flagged = np.zeros(len(texts), dtype=bool)
    if joined.encode("ascii").translate(None, _PLAIN):  # a cell with other bytes
        for i, text in enumerate(texts):
            if text and text.encode("ascii").translate(None, _PLAIN):
                flagged[i] = True
        texts = [t if not f else "" for t, f in zip(texts, flagged, strict=True)]
        joined = "\n".join(texts)
    # Single spaces between numbers make a cell's count its spaces + 1; a doubled,
    # leading or trailing space (or a newline in a cell) makes the totals differ.
    counts = np.fromiter(
        (t.count(" ") + 1 if t else 0 for t in texts), dtype=np.int64, count=len(texts)
    )
    numbers = np.fromstring(joined, dtype=np.int64, sep=" ")
    if numbers.size != counts.sum():
        return None
    return numbers.astype(np.int64, copy=False), counts, flagged


class OrganRuns:
    """One organ column's runs over the batch: starts, lengths and the row of each."""

    def __init__(self, starts: IntArray, lengths: IntArray, rows: IntArray) -> None:
        self.starts, self.lengths, self.rows = starts, lengths, rows


def organ_runs(
    values: Sequence[object],
    column: str,
    heights: IntArray,
    widths: IntArray,
    size_ok: np.ndarray,
    problems: Problems,
    order: int,
) -> tuple[OrganRuns, FloatArray]:
    """The checked runs of an organ column and each row's area (NaN where the cell is bad)."""
    n = len(values)
    texts, missing, is_str = _texts(values)
    fast = _fast_tokens(texts)
    if fast is not None:
        numbers, counts, flagged = fast
        cell = None
    else:
        data, offsets, ascii_ok = _joined(texts)
        numbers, cell, flagged = _tokens(data, offsets)
        flagged |= ~ascii_ok
        counts = np.bincount(cell, minlength=n)
    flagged |= ~missing & ~is_str
    flagged |= counts % 2 == 1
    if not (counts % 2).any():  # pairs throughout: starts and lengths alternate
        starts, lengths = numbers[0::2], numbers[1::2]
        run_row = np.repeat(np.arange(n, dtype=np.int64), counts // 2)
    else:
        if cell is None:
            cell = np.repeat(np.arange(n, dtype=np.int64), counts)
        first = np.concatenate([[0], np.cumsum(counts)[:-1]])
        within = np.arange(len(numbers)) - first[cell]
        is_start = within % 2 == 0
        run_row = cell[is_start]
        starts = numbers[is_start]
        lengths = np.zeros_like(starts)
        following = np.flatnonzero(is_start) + 1
        has_length = following < len(numbers)
        has_length[has_length] = cell[following[has_length]] == run_row[has_length]
        idx = following[has_length]
        lengths[has_length] = numbers[idx]
    ends = starts + lengths - 1
    total = heights * widths
    breaks = (starts < 1) | (lengths < 1) | (ends > total[run_row])
    if len(starts) > 1:
        same = run_row[1:] == run_row[:-1]
        breaks[1:] |= same & (starts[1:] <= ends[:-1])
    flagged[run_row[breaks]] = True
    flagged &= ~missing & size_ok
    keep = ~flagged[run_row] & size_ok[run_row]
    organ = OrganRuns(starts[keep], lengths[keep], run_row[keep])
    area = np.bincount(organ.rows, weights=organ.lengths, minlength=n).astype(np.float64)
    area[~size_ok] = np.nan
    extra: list[tuple[IntArray, IntArray, IntArray]] = []
    for i in np.flatnonzero(flagged):
        try:
            s, ln = check_rle(values[int(i)], int(heights[i]), int(widths[i]), column)
        except ValueError as error:
            text = str(error)
            problems[i].append((order, text))
            area[i] = np.nan
            continue
        extra.append((s.astype(np.int64), ln.astype(np.int64), np.full(len(s), i, np.int64)))
        area[i] = float(ln.sum())
    if extra:
        organ = OrganRuns(
            np.concatenate([organ.starts, *(e[0] for e in extra)]),
            np.concatenate([organ.lengths, *(e[1] for e in extra)]),
            np.concatenate([organ.rows, *(e[2] for e in extra)]),
        )
    return organ, area


def _divmod(p: IntArray, w: IntArray) -> tuple[IntArray, IntArray]:
    """``divmod`` of non-negative pixel indexes by widths, by float division (exact here:
    both are far below 2**52, and a quotient just below an integer is never rounded up)."""
    r = (p / w).astype(np.int64)
    return r, p - r * w


def widest_extents(organs: list[OrganRuns], heights: IntArray, widths: IntArray) -> FloatArray:
    """Each row's widest horizontal extent of the union of ``organs`` (NaN where empty)."""
    n = len(heights)
    base = np.concatenate([[0], np.cumsum(heights)[:-1]]).astype(np.int64)
    first = np.full(int(heights.sum()), np.iinfo(np.int64).max, dtype=np.int64)
    last = np.full(int(heights.sum()), -1, dtype=np.int64)
    for organ in organs:
        w = widths[organ.rows]
        r0, c0 = _divmod(organ.starts - 1, w)
        r1, c1 = _divmod(organ.starts + organ.lengths - 2, w)
        b = base[organ.rows]
        one_row = r0 == r1
        key = b + r0
        end = np.where(one_row, c1, w - 1)  # the last column each run covers in its first row
        if key.size and (key[1:] >= key[:-1]).all():
            # Runs in pixel order (the usual case): on each image row the first run
            # starts the extent and the last one ends it; one assignment per row.
            head = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
            tail = np.concatenate([head[1:] - 1, [key.size - 1]])
            rows = key[head]
            first[rows] = np.minimum(first[rows], c0[head])
            last[rows] = np.maximum(last[rows], end[tail])
        else:
            np.minimum.at(first, key, c0)
            np.maximum.at(last, key, end)
        # Runs over several image rows: their last row, and a full row in between.
        more = ~one_row
        if more.any():
            np.minimum.at(first, (b + r1)[more], 0)
            np.maximum.at(last, (b + r1)[more], c1[more])
            middle = r1 > r0 + 1
            np.minimum.at(first, (b + r0 + 1)[middle], 0)
            np.maximum.at(last, (b + r0 + 1)[middle], (w - 1)[middle])
    extent = np.where(last >= 0, last - first + 1, 0)
    best = np.maximum.reduceat(extent, base) if n else np.zeros(0, np.int64)
    return np.where(best > 0, best, np.nan).astype(np.float64)


def cell_measurer(frame: pd.DataFrame) -> OrganMeasurer:
    """The organ measures of ``frame``'s mask cells (text, as pandas read them, or missing)."""

    def measure(
        height: IntArray, width: IntArray, size_ok: np.ndarray, problems: Problems
    ) -> OrganMeasures:
        n = len(frame)
        organs: dict[str, OrganRuns] = {}
        areas: dict[str, FloatArray] = {}
        for k, column in enumerate(ORGAN_COLUMNS):
            values = frame[column].to_numpy(dtype=object) if column in frame.columns else [None] * n
            organs[column], areas[column] = organ_runs(
                list(values), column, height, width, size_ok, problems, 6 + k
            )
        heart = widest_extents([organs[HEART_COLUMN]], height, width)
        lungs = widest_extents([organs[RIGHT_LUNG_COLUMN], organs[LEFT_LUNG_COLUMN]], height, width)
        return areas, heart, lungs

    return measure
