"""The compiled loop of :mod:`.fast`: a CSV chunk's records measured in one pass over its bytes.

Compiled by numba (``pip install jupyterlab_chexmask[fast]``) when it is
installed; this module is only imported then. The loop reads each byte once,
keeps a record's runs only until the record ends, and allocates nothing per
record, which is what lets ``measure`` run faster than pandas can merely read
the file.

It is deliberately narrow: anything outside the plain shape every CheXmask
file has is reported, not handled, and the caller hands it to the general
path (pandas and :mod:`.frame`), whose result is the definition.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..format.rle import MAX_MASK_PIXELS
from ..types import FloatArray, IntArray

_COMMA, _QUOTE, _NL, _CR, _SPACE = 44, 34, 10, 13, 32
_ZERO = 48
#: Digits of the longest number read here (as :data:`.frame._MAX_FAST_DIGITS`).
MAX_DIGITS = 15
#: Digits of the longest Height or Width read here.
_SIDE_DIGITS = 9
_FAR = 1 << 62

#: What :func:`measure_records` does with a column (``kinds[c]``).
SKIP, SMALL, HEIGHT, WIDTH = 0, 1, 2, 3
#: ``ORGAN + k``: the mask of organ ``k`` (Right Lung, Left Lung, Heart).
ORGAN = 4
#: :func:`measure_records`' answers other than a count of records.
NOT_PLAIN, FULL = -1, -2


@njit(cache=True, nogil=True)
def _field_end(data: np.ndarray, i: int) -> tuple[int, int, int]:  # pragma: no cover
    """A field at ``i``: (start, end, next) of its text (quotes excluded) and where the byte
    after it is; start -1 when it breaks the plain shape (a quote inside an unquoted
    field, a doubled quote, no closing quote, a carriage return not before a newline)."""
    n = data.size
    if i < n and data[i] == _QUOTE:
        j = i + 1
        while j < n and data[j] != _QUOTE:
            j += 1
        if j >= n or (j + 1 < n and data[j + 1] == _QUOTE):
            return -1, 0, 0
        return i + 1, j, j + 1
    j = i
    while j < n:
        b = data[j]
        if b == _COMMA or b == _NL:
            break
        if b == _QUOTE or (b == _CR and (j + 1 >= n or data[j + 1] != _NL)):
            return -1, 0, 0
        if b == _CR:
            break
        j += 1
    return i, j, j


@njit(cache=True, nogil=True)
def _side(data: np.ndarray, start: int, end: int) -> int:  # pragma: no cover
    """A Height or Width field: plain digits (1 or more), maybe with a point and zeros after
    (``1024.0``, as v0.1 files write it); empty is 1024 (missing). Anything else: -1."""
    if end == start:
        return 1024
    value = 0
    digits = 0
    i = start
    while i < end:
        d = np.uint8(data[i] - _ZERO)
        if d > 9:
            break
        value = value * 10 + d
        digits += 1
        i += 1
    if i < end and data[i] == 46:  # "."
        i += 1
        while i < end and data[i] == _ZERO:
            i += 1
    if i != end or digits == 0 or digits > _SIDE_DIGITS or value < 1:
        return -1
    return value


@njit(cache=True, nogil=True)
def _rows(
    runs: IntArray, a: int, b: int, width: int, total: int, first: IntArray, last: IntArray
) -> tuple[int, int, int]:  # pragma: no cover
    """Runs ``a``…``b`` of ``runs`` into ``first``/``last``: (area, lowest, highest row), area -1
    when a run passes the ``total`` pixels.

    Each image row keeps the first and last column covered; a run over three
    or more image rows makes the row after its first full. Runs increase, so
    their rows are found by stepping forward instead of dividing.
    """
    area = 0
    low = -1
    row = 0
    row_start = 0
    for j in range(a, b, 2):
        s = runs[j]
        e = s + runs[j + 1] - 1
        if e > total:
            return -1, 0, 0
        area += runs[j + 1]
        while s - 1 >= row_start + width:
            row += 1
            row_start += width
        if low < 0:
            low = row
        c0 = s - 1 - row_start
        if c0 < first[row]:
            first[row] = c0
        if e - 1 < row_start + width:
            if e - 1 - row_start > last[row]:
                last[row] = e - 1 - row_start
        else:
            last[row] = width - 1
            if e - 1 >= row_start + 2 * width:
                first[row + 1] = 0
                last[row + 1] = width - 1
            while e - 1 >= row_start + width:
                row += 1
                row_start += width
            first[row] = 0
            if e - 1 - row_start > last[row]:
                last[row] = e - 1 - row_start
    if low < 0:
        return 0, _FAR, -1
    return area, low, row


@njit(cache=True, nogil=True)
def _widest(first: IntArray, last: IntArray, low: int, high: int) -> float:  # pragma: no cover
    """The widest extent over image rows ``low``…``high`` (NaN when none), resetting them."""
    best = 0
    for r in range(low, high + 1):
        if last[r] >= 0 and last[r] - first[r] + 1 > best:
            best = last[r] - first[r] + 1
        first[r] = _FAR
        last[r] = -1
    return float(best) if best > 0 else np.nan


@njit(cache=True, nogil=True)
def measure_records(
    data: np.ndarray,
    kinds: IntArray,
    slots: IntArray,
    bounds: IntArray,
    areas: FloatArray,
    extents: FloatArray,
    plain: np.ndarray,
    runs: np.ndarray,
) -> int:  # pragma: no cover
    """Measure each record of a chunk of whole records in one pass; the count of records.

    ``kinds[c]`` says what column ``c`` is (:data:`SKIP`, :data:`SMALL`,
    :data:`HEIGHT`, :data:`WIDTH`, ``ORGAN + k``); the text bounds of every
    column not skipped go to ``bounds[r, slots[c]]`` (quotes excluded). Per
    record: ``areas[r, k]`` of the three organs, ``extents[r]`` = (widest
    horizontal extent of the heart, of the lungs' union; NaN when no pixel),
    and ``plain[r]`` False when a mask or size cell is not plain (the record
    is then left to the general path; its measures here are undefined). An
    empty mask field is an empty mask; an absent Height or Width is 1024.

    ``runs`` (int32, at least half as long as ``data``: a run takes 4 bytes or
    more) holds a record's runs while it is read.

    Returns :data:`NOT_PLAIN` when the chunk's records are not all plainly
    shaped (another number of fields, stray or doubled quotes, a lone carriage
    return), :data:`FULL` when ``bounds`` has too few rows. Blank records are
    skipped, as pandas skips them.
    """
    n = data.size
    ncols = kinds.size
    capacity = bounds.shape[0]
    first = np.full(1024, _FAR, np.int64)
    last = np.full(1024, -1, np.int64)
    ranges = np.zeros((3, 2), np.int64)  # where each organ's runs are in ``runs``
    i = 0
    r = 0
    while i < n:
        if data[i] == _NL:
            i += 1
            continue
        if data[i] == _CR and i + 1 < n and data[i + 1] == _NL:
            i += 2
            continue
        if r >= capacity:
            return FULL
        ok = True
        height = 1024
        width = 1024
        count = 0
        ranges[:] = 0
        c = 0
        while True:
            if c >= ncols:
                return NOT_PLAIN
            kind = kinds[c]
            if kind >= ORGAN and i < n and data[i] != _QUOTE:
                # An unquoted mask: numbers of at most MAX_DIGITS digits separated by single
                # spaces, in pairs whose starts increase past the previous run's end and
                # whose lengths are at least 1. (Written out here: as a function numba
                # compiled it several times slower.)
                start = i
                before = count
                previous_end = 0
                good = 1
                while i < n:
                    b = data[i]
                    if b == _COMMA or b == _NL or b == _CR:
                        break
                    s = 0
                    digits = 0
                    while i < n:
                        d = np.uint8(data[i] - _ZERO)
                        if d > 9:
                            break
                        s = s * 10 + d
                        digits += 1
                        i += 1
                    if digits == 0 or digits > MAX_DIGITS or i + 1 >= n or data[i] != _SPACE:
                        good = 0
                        break
                    i += 1
                    length = 0
                    digits = 0
                    while i < n:
                        d = np.uint8(data[i] - _ZERO)
                        if d > 9:
                            break
                        length = length * 10 + d
                        digits += 1
                        i += 1
                    # previous_end 0 also catches a start of 0
                    if digits == 0 or digits > MAX_DIGITS or s <= previous_end or length < 1:
                        good = 0
                        break
                    if i < n and data[i] == _SPACE:
                        i += 1
                        if i >= n or np.uint8(data[i] - _ZERO) > 9:
                            good = 0  # a trailing or doubled space
                            break
                    if s > MAX_MASK_PIXELS or length > MAX_MASK_PIXELS:
                        good = 0  # past any mask; also keeps both within int32
                        break
                    previous_end = s + length - 1
                    runs[count] = s
                    runs[count + 1] = length
                    count += 2
                end = i
                ranges[kind - ORGAN, 0] = before
                ranges[kind - ORGAN, 1] = count
                if good == 0:
                    ok = False
                    start, end, after = _field_end(data, start)
                    if start < 0:
                        return NOT_PLAIN
                else:
                    after = end
            else:
                start, end, after = _field_end(data, i)
                if start < 0:
                    return NOT_PLAIN
                if kind >= ORGAN and end > start:  # a quoted mask: left to the general path
                    ok = False
                elif kind == HEIGHT or kind == WIDTH:
                    side = _side(data, start, end)
                    if side < 0:
                        ok = False
                    elif kind == HEIGHT:
                        height = side
                    else:
                        width = side
            if kind != SKIP:
                bounds[r, slots[c], 0] = start
                bounds[r, slots[c], 1] = end
            c += 1
            i = after
            if i >= n:
                break
            b = data[i]
            if b == _COMMA:
                i += 1
                continue
            if b == _NL:
                i += 1
                break
            if b == _CR and i + 1 < n and data[i + 1] == _NL:
                i += 2
                break
            return NOT_PLAIN  # text after a closing quote
        if c != ncols:
            return NOT_PLAIN
        total = height * width
        if total > MAX_MASK_PIXELS:
            ok = False
        plain[r] = ok
        if ok:
            if height > first.size:
                first = np.full(height, _FAR, np.int64)
                last = np.full(height, -1, np.int64)
            # Organs in order; the lungs share first/last (their union), the heart after.
            low_all, high_all = _FAR, -1
            for k in range(3):
                area, low, high = _rows(runs, ranges[k, 0], ranges[k, 1], width, total, first, last)
                if area < 0:
                    plain[r] = False
                    first[:] = _FAR
                    last[:] = -1
                    break
                areas[r, k] = float(area)
                low_all = min(low_all, low)
                high_all = max(high_all, high)
                if k >= 1:  # after the left lung: the lungs' union; after the heart: the heart
                    extents[r, 2 - k] = (
                        _widest(first, last, low_all, high_all) if high_all >= 0 else np.nan
                    )
                    low_all, high_all = _FAR, -1
        r += 1
    return r


@njit(cache=True, nogil=True)
def record_cut(data: np.ndarray, start: int, stop: int) -> int:  # pragma: no cover
    """Where the last whole record in ``data[start:stop]`` ends (after its newline), or
    ``start`` when none does; ``start`` must begin a record.

    A newline ends a record when the quotes before it (from ``start``) are even
    in number (an escaped ``""`` counts twice), the rule of
    :func:`..chunks.cut`. The quotes are counted in one pass the compiler
    vectorises, then the newline is found walking back from ``stop``.
    """
    quotes = 0
    for i in range(start, stop):
        quotes += data[i] == _QUOTE
    j = stop - 1
    while j >= start:
        b = data[j]
        if b == _NL and quotes % 2 == 0:
            return j + 1
        if b == _QUOTE:
            quotes -= 1
        j -= 1
    return start


@njit(cache=True, nogil=True)
def quoted_fields(
    data: np.ndarray, bounds: IntArray, rows: IntArray, slots: IntArray
) -> np.ndarray:  # pragma: no cover
    """A CSV of ``rows``' fields in ``slots`` (their bounds in ``data``), each field quoted (a
    plain field holds no quote), each record ending with an extra field ``"."`` so that no
    record is blank (pandas would skip it)."""
    size = 0
    for r in rows:
        for k in slots:
            size += bounds[r, k, 1] - bounds[r, k, 0] + 3
        size += 4
    out = np.empty(size, np.uint8)
    j = 0
    for r in rows:
        for k in slots:
            out[j] = _QUOTE
            j += 1
            for i in range(bounds[r, k, 0], bounds[r, k, 1]):
                out[j] = data[i]
                j += 1
            out[j] = _QUOTE
            out[j + 1] = _COMMA
            j += 2
        out[j] = _QUOTE
        out[j + 1] = 46  # "."
        out[j + 2] = _QUOTE
        out[j + 3] = _NL
        j += 4
    return out
