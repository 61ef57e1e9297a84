"""The ``Landmarks`` cell: its 120 points, read as the TypeScript core reads them.

The same grammar and bound as ``parseLandmarkCoordinates`` in
``src/core/landmarks.ts``, for the kernel's checks and pictures (the views
parse the raw cells themselves).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..types import AnyArray, FloatArray
from .cells import NUMBER_TEXT
from .columns import LANDMARK_COUNT, LANDMARKS_COLUMN

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


def _checked(coords: FloatArray, field: str) -> FloatArray:
    """240 numbers checked to be finite and within the core's bound, as (120, 2)."""
    bad = np.flatnonzero(~np.isfinite(coords) | (np.abs(coords) > MAX_LANDMARK_COORDINATE))
    if bad.size:
        raise ValueError(
            f"{field}: number {bad[0] + 1} is {coords[bad[0]]}, "
            f"not a finite coordinate within ±{MAX_LANDMARK_COORDINATE} pixels"
        )
    return coords.reshape(LANDMARK_COUNT, 2)


def _numbers_in_list(values: Sequence[Any] | AnyArray, field: str) -> list[float]:
    """A flat list of numbers or a list of [x, y] pairs, as numbers."""
    items = list(values.tolist() if isinstance(values, np.ndarray) else values)
    pairs = bool(items) and isinstance(items[0], (list, tuple))
    flat: list[Any] = []
    for i, item in enumerate(items):
        if pairs:
            if not isinstance(item, (list, tuple)) or len(item) != 2:
                raise ValueError(f"{field}: point {i} must be an [x, y] pair")
            flat.extend(item)
        else:
            flat.append(item)
    for i, number in enumerate(flat):
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise ValueError(
                f"{field}: number {i + 1} must be a number, got {type(number).__name__}"
            )
    return [float(n) for n in flat]
