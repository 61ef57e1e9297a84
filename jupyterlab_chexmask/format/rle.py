"""CheXmask run-length encoding in numpy, the same format as the TypeScript core.

Pairs of ``start length``, starts 1-based, pixels flattened row-major. These are
the official encoder and a strict decoder; the tests check both against the same
``expected.json`` oracles as the TypeScript core, so the two languages cannot drift.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import numpy.typing as npt

from ..types import IntArray

#: Largest mask decoded, in pixels: the TypeScript core's ``MAX_MASK_PIXELS``.
MAX_MASK_PIXELS = 100_000_000


def encode_rle(mask: npt.ArrayLike) -> str:
    """Encode a 2-D mask (any non-zero value is inside) as CheXmask RLE.

    Byte-identical to the official ``get_RLE_from_mask``: an empty mask gives ``""``.
    """
    pixels = (np.asarray(mask) != 0).ravel().astype(np.int8)
    padded = np.concatenate([[0], pixels, [0]])
    runs = np.flatnonzero(padded[1:] != padded[:-1]) + 1
    runs[1::2] -= runs[::2]
    return " ".join(str(int(x)) for x in runs)


_SPACES = re.compile(r"[ \t\n\r]+")
_INTEGER = re.compile(r"-?[0-9]+")
#: Digits past which a number is out of any mask anyway (kept within int64).
_MAX_DIGITS = 18


def max_rle_length(total: int) -> int:
    """The longest RLE text a mask of ``total`` pixels can take (``maxRleLength`` in the core)."""
    return -(-total // 2) * (2 * len(str(total)) + 2) + 1024


def check_rle(
    rle: object, height: int, width: int, field: str = "RLE"
) -> tuple[IntArray, IntArray]:
    """The runs of a non-empty RLE cell as 1-based ``(starts, lengths)``, checked as the core does.

    The first problem in reading order is reported, as ``forEachRun`` in
    ``src/core/rle.ts`` reports it: a token that is not an integer, a start
    below 1 or not after the previous run, a length below 1, a run past the
    mask, an odd count of numbers, text longer than any mask of this size.

    Raises:
        ValueError: ``"<field>: <problem>"``.
    """
    total = int(height) * int(width)
    if not isinstance(rle, str):
        kind = (
            "a number"
            if isinstance(rle, (int, float)) and not isinstance(rle, bool)
            else (
                "a boolean"
                if isinstance(rle, bool)
                else "an array"
                if isinstance(rle, (list, tuple))
                else "an object"
            )
        )
        raise ValueError(f'{field}: must be a string of "start length" pairs, got {kind}')
    longest = max_rle_length(total)
    if len(rle) > longest:
        raise ValueError(
            f"{field}: is {len(rle)} characters long, "
            f"more than any {height}×{width} mask can take ({longest})"
        )
    text = rle.strip(" \t\n\r")
    tokens = _SPACES.split(text) if text else []
    first_bad = next((k for k, t in enumerate(tokens) if not _INTEGER.fullmatch(t)), len(tokens))
    numbers = np.array(
        [
            int(t)
            if len(t.lstrip("-")) <= _MAX_DIGITS
            else (-1 if t[0] == "-" else 1) * 10**_MAX_DIGITS
            for t in tokens[:first_bad]
        ],
        dtype=np.int64,
    )
    pairs = len(numbers) // 2
    starts, lengths = numbers[0 : 2 * pairs : 2], numbers[1 : 2 * pairs : 2]
    ends = starts + lengths - 1
    previous = np.concatenate([[0], ends[:-1]])
    # Where each rule first fails, as a token position (start 2j, length 2j + 1).
    failures = [
        (
            2 * np.flatnonzero(starts < 1),
            "run {r} starts at {s}, but starts are 1-based and must be at least 1",
        ),
        (
            2 * np.flatnonzero(starts <= previous),
            "run {r} (start {s}) does not come after run {q}, which ends at pixel {p}: "
            "runs must increase and not overlap",
        ),
        (
            2 * np.flatnonzero(lengths <= 0) + 1,
            "run {r} (start {s}) has length {n}, but lengths must be positive",
        ),
        (
            2 * np.flatnonzero(ends > total) + 1,
            "run {r} (start {s}, length {n}) ends past the "
            f"{total} pixels of a {height}×{width} mask",
        ),
    ]
    # A lone last start is checked too (the core reads it before finding the count odd).
    if len(numbers) % 2:
        last = int(numbers[-1])
        end_before = int(ends[-1]) if pairs else 0
        if last < 1:
            failures.append(
                (
                    np.array([len(numbers) - 1]),
                    "run {r} starts at {s}, but starts are 1-based and must be at least 1",
                )
            )
        elif last <= end_before:
            failures.append(
                (
                    np.array([len(numbers) - 1]),
                    "run {r} (start {s}) does not come after run {q}, which ends at pixel {p}: "
                    "runs must increase and not overlap",
                )
            )
    # The first failing token; on one token, the rules in the core's order.
    found = [
        (int(where[0]), rule, message)
        for rule, (where, message) in enumerate(failures)
        if where.size
    ]
    position, _, message = min(found, default=(len(tokens), 0, ""))
    if first_bad < len(tokens) and first_bad <= position:
        shown = tokens[first_bad][:32]
        raise ValueError(f'{field}: number {first_bad + 1} is not an integer: "{shown}"')
    if message:
        j = position // 2
        start = int(numbers[2 * j])
        length = int(numbers[2 * j + 1]) if 2 * j + 1 < len(numbers) else 0
        ended = int(previous[j]) if j < pairs else (int(ends[-1]) if pairs else 0)
        raise ValueError(f"{field}: " + message.format(r=j + 1, q=j, s=start, n=length, p=ended))
    if len(tokens) % 2:
        raise ValueError(
            f'{field}: has an odd count of numbers ({len(tokens)}): a mask is "start length" pairs'
        )
    return starts, lengths


def decode_rle(
    rle: str | float | None,
    height: int | np.integer[Any],
    width: int | np.integer[Any],
    field: str = "RLE",
) -> npt.NDArray[np.uint8]:
    """Decode CheXmask RLE into a ``(height, width)`` uint8 array of 0/1.

    Empty, blank, ``None`` or NaN decode to all zeros. Raises ``ValueError`` naming
    ``field`` for every rule the TypeScript core enforces (see :func:`check_rle`),
    and refuses a size above the core's limit before allocating anything.
    """
    if not (isinstance(height, (int, np.integer)) and isinstance(width, (int, np.integer))):
        raise ValueError(
            f"{field}: Height and Width must be integers, got {height!r} and {width!r}"
        )
    if height < 1 or width < 1:
        raise ValueError(f"{field}: Height and Width must be positive, got {height}×{width}")
    total = int(height) * int(width)
    if total > MAX_MASK_PIXELS:
        raise ValueError(
            f"{field}: a {height}×{width} mask is above the limit of {MAX_MASK_PIXELS} pixels"
        )
    if (
        rle is None
        or (isinstance(rle, float) and np.isnan(rle))
        or (isinstance(rle, str) and not rle.strip())
    ):
        return np.zeros((height, width), dtype=np.uint8)
    starts, lengths = check_rle(rle, int(height), int(width), field)
    mask = np.zeros(total, dtype=np.uint8)
    for start, length in zip(starts.tolist(), lengths.tolist(), strict=True):
        mask[start - 1 : start - 1 + length] = 1
    return mask.reshape(height, width)
