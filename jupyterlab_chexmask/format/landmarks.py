"""The ``Landmarks`` cell: its 120 points, read as the TypeScript core reads them.

The same grammar and bound as ``parseLandmarkCoordinates`` in
``src/core/landmarks.ts``, for the kernel's checks and pictures (the views
parse the raw cells themselves); and CheXmask-U's ``Landmarks (Std)``, as
``parseLandmarkStd`` reads it, in the same words.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..common.js_numbers import js_number
from ..types import AnyArray, FloatArray
from .cells import NUMBER_TEXT, describe_type
from .columns import LANDMARK_COUNT, LANDMARKS_COLUMN, LANDMARKS_STD_COLUMN

#: The largest absolute coordinate the core accepts (``MAX_LANDMARK_COORDINATE``).
MAX_LANDMARK_COORDINATE = 65535

_SEPARATORS = re.compile(r"[ \t\n\r,\[\]()]+")
# Real cells hold only integers: checked and converted in C, 10,000 rows in well under a second.
_INTEGER_TEXT = re.compile(r"[0-9 \t\n\r,\[\]()+-]*")
_TO_SPACES = str.maketrans(",[]()", "     ")


def parse_landmarks(value: Any, field: str = LANDMARKS_COLUMN) -> FloatArray:
    """The 120 landmarks of a cell as a (120, 2) float array of (x, y).

    Takes what the core takes: the flat ``"x0,y0,…"`` string, numpy's
    multi-line print, JSON-like ``[[x, y], …]`` text, a flat list of 240
    numbers or a list of 120 pairs.

    Raises:
        ValueError: not exactly 240 finite numbers within ±65535 (the message
            starts with ``field``).
    """
    if isinstance(value, str) and _INTEGER_TEXT.fullmatch(value):
        try:
            # float() refuses what the grammar refuses here ("-", "1-2", "+-1").
            coords = np.array(value.translate(_TO_SPACES).split(), dtype=np.float64)
        except ValueError:
            coords = None  # the token-by-token reading below says which number is wrong
        if coords is not None and coords.size == 2 * LANDMARK_COUNT:
            return _checked(coords, field)
    if isinstance(value, str):
        numbers: list[float] = []
        for token in _SEPARATORS.split(value):
            if not token:
                continue
            if len(token) > 64 or not NUMBER_TEXT.fullmatch(token):
                shown = token if len(token) <= 20 else token[:20] + "…"
                raise ValueError(f"{field}: number {len(numbers) + 1} is not a number: {shown!r}")
            numbers.append(float(token))
    elif isinstance(value, (list, tuple, np.ndarray)):
        numbers = _numbers_in_list(value, field)
    else:
        raise ValueError(
            f"{field}: must be a string or a list of {2 * LANDMARK_COUNT} numbers, "
            f"got {type(value).__name__}"
        )
    if len(numbers) != 2 * LANDMARK_COUNT:
        raise ValueError(
            f"{field}: must hold {2 * LANDMARK_COUNT} numbers ({LANDMARK_COUNT} points × 2), "
            f"found {len(numbers)}"
        )
    return _checked(np.asarray(numbers, dtype=np.float64), field)


#: The largest standard deviation the core accepts (``MAX_LANDMARK_SIGMA``).
MAX_LANDMARK_SIGMA = MAX_LANDMARK_COORDINATE
#: The longest token read as a number, and the characters a number may take
#: with its separators (``MAX_TOKEN``, ``MAX_CHARS_PER_NUMBER`` in the core).
_MAX_TOKEN = 64
_MAX_CHARS_PER_NUMBER = 4 * _MAX_TOKEN
# Cells numpy can read at once: digits, decimals, exponents and separators.
# Numpy's float reading accepts within these characters what the grammar accepts.
_DECIMAL_TEXT = re.compile(r"[0-9 \t\n\r,\[\]().eE+-]*")


def parse_landmark_std(value: Any, field: str = LANDMARKS_STD_COLUMN) -> FloatArray:
    """CheXmask-U's ``Landmarks (Std)``: each landmark's (σx, σy) as a (120, 2) array.

    Takes what the core's ``parseLandmarkStd`` takes (the flat
    ``"sx0,sy0,…"`` text of the release, numpy's print, a list of 240
    numbers or of 120 pairs) and refuses what it refuses, in the same words.

    Raises:
        ValueError: not exactly 240 finite numbers from 0 to 65535 (the
            message starts with ``field``).
    """
    count = 2 * LANDMARK_COUNT
    expected = f"{count} numbers (σx, σy of {LANDMARK_COUNT} landmarks)"
    if isinstance(value, str):
        longest = count * _MAX_CHARS_PER_NUMBER + 1024
        if len(value) > longest:
            raise ValueError(
                f"{field}: is {len(value)} characters long, more than {expected} can take "
                f"({longest})"
            )
        if _DECIMAL_TEXT.fullmatch(value):
            try:
                fast = np.array(value.translate(_TO_SPACES).split(), dtype=np.float64)
            except ValueError:
                fast = None  # read token by token below, which says which one is wrong
            if (
                fast is not None
                and fast.size == count
                and bool(np.all((fast >= 0) & (fast <= MAX_LANDMARK_SIGMA)))
            ):
                return fast.reshape(LANDMARK_COUNT, 2)
        numbers = _std_numbers_in_text(value, field, count, expected)
    elif isinstance(value, (list, tuple, np.ndarray)):
        numbers = _numbers_in_list(value, field, (count, expected), _checked_sigma)
    else:
        raise ValueError(
            f"{field}: must be a string or an array of {expected}, got {describe_type(value)}"
        )
    if len(numbers) != count:
        raise ValueError(f"{field}: must hold {expected}, found {len(numbers)}")
    return np.asarray(numbers, dtype=np.float64).reshape(LANDMARK_COUNT, 2)


def mean_sigma(sigma: FloatArray) -> float:
    """The mean of (σx+σy)/2 over the landmarks of a (n, 2) σ array.

    Summed one landmark at a time in index order, as ``meanSigma`` in
    ``src/core/uncertainty.ts`` sums: the alt text shows the view's number.
    """
    total = 0.0
    for sx, sy in sigma.tolist():
        total += (sx + sy) / 2
    return total / len(sigma)


def _std_numbers_in_text(text: str, field: str, count: int, expected: str) -> list[float]:
    """The numbers of a Std cell, each checked, stopping at the first wrong one."""
    numbers: list[float] = []
    for token in _SEPARATORS.split(text):
        if not token:
            continue
        if len(token) > _MAX_TOKEN or not NUMBER_TEXT.fullmatch(token):
            cut = token[:24] + ("…" if len(token) > 24 else "")
            shown = json.dumps(cut, ensure_ascii=False)
            raise ValueError(f"{field}: number {len(numbers) + 1} is not a number: {shown}")
        if len(numbers) == count:
            raise ValueError(f"{field}: must hold {expected}, found more")
        numbers.append(_checked_sigma(float(token), len(numbers), field))
    return numbers


def _checked_sigma(value: float, index: int, field: str) -> float:
    """One standard deviation, checked as the core's ``checkSigma`` checks it."""
    if not math.isfinite(value):
        raise ValueError(
            f"{field}: number {index + 1} is {_js_float(value)}, not a finite standard deviation"
        )
    if value < 0:
        raise ValueError(
            f"{field}: number {index + 1} is {js_number(value)}, "
            "but a standard deviation is never negative"
        )
    if value > MAX_LANDMARK_SIGMA:
        raise ValueError(
            f"{field}: number {index + 1} is {js_number(value)}, beyond {MAX_LANDMARK_SIGMA} pixels"
        )
    return value


def _js_float(value: float) -> str:
    """NaN and the infinities as JavaScript's ``String`` writes them."""
    return "NaN" if math.isnan(value) else js_number(value)


#: Joins the cells read at once: a byte the integer grammar never holds.
_ROW_END = ";"
#: The longest token read at once: a sign and 9 digits stay exact in int32.
_TOKEN_CHARS = 10


def parse_integer_cells(values: Sequence[object]) -> tuple[FloatArray, list[int]]:
    """The landmarks of many cells at once, as a (cells, 120, 2) array.

    Real ``Landmarks`` cells hold whole numbers only. Those are read together,
    in numpy, several times faster than cell by cell (the landmark plot's
    picture of 10,000 rows reads 2.4 million numbers). It gives exactly what
    :func:`parse_landmarks` gives for such cells.

    Returns:
        The coordinates, and the indices of the cells this did not read
        (anything but 240 whole numbers of at most 9 digits, each with an
        optional sign, within ±65535: decimals, lists, malformed text …):
        their rows of the array are zeros, and :func:`parse_landmarks` reads
        them, or says what is wrong.
    """
    count = 2 * LANDMARK_COUNT
    coords = np.zeros((len(values), count), dtype=np.float64)
    fast = [i for i, v in enumerate(values) if isinstance(v, str) and _INTEGER_TEXT.fullmatch(v)]
    slow = sorted(set(range(len(values))) - set(fast))
    if not fast:
        return coords.reshape(-1, LANDMARK_COUNT, 2), slow
    text = _ROW_END.join(str(values[i]) for i in fast) + _ROW_END
    chars = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    digits = chars - np.uint8(ord("0"))  # wraps: below 10 only for "0"-"9"
    is_digit = digits < 10
    is_sign = (chars == ord("+")) | (chars == ord("-"))
    in_token = (is_digit | is_sign).view(np.int8)
    edges = np.diff(in_token, prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    lengths = np.minimum(ends - starts, 255).astype(np.uint8)
    row_ends = np.flatnonzero(chars == ord(_ROW_END))
    tokens_per_row = np.diff(np.searchsorted(starts, row_ends), prepend=0)

    # A sign must start its token and be followed by a digit: "1-2", "+-1" and "-" are
    # not numbers. Longer tokens than int32 holds are left to parse_landmarks.
    signs = np.flatnonzero(is_sign)
    follows_token = (signs > 0) & (in_token[np.maximum(signs - 1, 0)] == 1)
    bad_at = np.concatenate(
        [signs[follows_token | ~is_digit[signs + 1]], starts[lengths > _TOKEN_CHARS]]
    )
    good = tokens_per_row == count
    good[np.searchsorted(row_ends, bad_at)] = False

    # Each token's value from its last character back (a sign counts as a 0 digit).
    width = min(int(lengths.max(initial=1)), _TOKEN_CHARS)
    padded = np.concatenate([np.zeros(width, dtype=np.uint8), digits * is_digit])
    last = ends + (width - 1)  # the token's last character, in `padded`
    numbers = padded[last].astype(np.int32)
    for k in range(1, width):
        column = padded[last - k]
        column *= lengths > k
        numbers += np.multiply(column, 10**k, dtype=np.int32)
    numbers[chars[starts] == ord("-")] *= -1

    row_of_token = np.repeat(np.arange(len(fast)), tokens_per_row)
    out_of_range = np.abs(numbers) > MAX_LANDMARK_COORDINATE
    good[row_of_token[out_of_range]] = False
    fast_rows = np.asarray(fast, dtype=np.int64)
    coords[fast_rows[good]] = numbers[good[row_of_token]].reshape(-1, count)
    slow = sorted(slow + fast_rows[~good].tolist())
    return coords.reshape(-1, LANDMARK_COUNT, 2), slow


def _checked(coords: FloatArray, field: str) -> FloatArray:
    """240 numbers checked to be finite and within the core's bound, as (120, 2)."""
    bad = np.flatnonzero(~np.isfinite(coords) | (np.abs(coords) > MAX_LANDMARK_COORDINATE))
    if bad.size:
        raise ValueError(
            f"{field}: number {bad[0] + 1} is {coords[bad[0]]}, "
            f"not a finite coordinate within ±{MAX_LANDMARK_COORDINATE} pixels"
        )
    return coords.reshape(LANDMARK_COUNT, 2)


def _numbers_in_list(
    values: Sequence[Any] | AnyArray,
    field: str,
    most: tuple[int, str] | None = None,
    check: Callable[[float, int, str], float] | None = None,
) -> list[float]:
    """A flat list of numbers or a list of [x, y] pairs, as numbers (``numbersInArray``).

    ``most`` is the most numbers taken and how the message says it, checked
    before reading any; ``check`` checks each number (by its 0-based index).
    """
    items = list(values.tolist() if isinstance(values, np.ndarray) else values)
    pairs = bool(items) and isinstance(items[0], (list, tuple))
    if most is not None and (found := 2 * len(items) if pairs else len(items)) > most[0]:
        raise ValueError(f"{field}: must hold {most[1]}, found {found}")
    numbers: list[float] = []
    for i, item in enumerate(items):
        if pairs and (not isinstance(item, (list, tuple)) or len(item) != 2):
            raise ValueError(f"{field}: point {i} must be an [x, y] pair")
        for number in item if pairs else [item]:
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise ValueError(
                    f"{field}: number {len(numbers) + 1} must be a number, "
                    f"got {describe_type(number)}"
                )
            value = float(number)
            numbers.append(value if check is None else check(value, len(numbers), field))
    return numbers
