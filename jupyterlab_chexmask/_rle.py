"""CheXmask run-length encoding in numpy, the same format as the TypeScript core.

Pairs of ``start length``, starts 1-based, pixels flattened row-major. These are
the official encoder and a strict decoder; the tests check both against the same
``expected.json`` oracles as the TypeScript core, so the two languages cannot drift.
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

#: Largest mask decoded, in pixels: the TypeScript core's ``MAX_MASK_PIXELS``.
MAX_MASK_PIXELS = 100_000_000


def encode_rle(mask: Any) -> str:
    """Encode a 2-D mask (any non-zero value is inside) as CheXmask RLE.

    Byte-identical to the official ``get_RLE_from_mask``: an empty mask gives ``""``.
    """
    pixels = (np.asarray(mask) != 0).ravel().astype(np.int8)
    padded = np.concatenate([[0], pixels, [0]])
    runs = np.flatnonzero(padded[1:] != padded[:-1]) + 1
    runs[1::2] -= runs[::2]
    return " ".join(str(int(x)) for x in runs)


def decode_rle(rle: Optional[str], height: int, width: int, field: str = "RLE") -> np.ndarray:
    """Decode CheXmask RLE into a ``(height, width)`` uint8 array of 0/1.

    Empty, blank, ``None`` or NaN decode to all zeros. Raises ``ValueError`` naming
    ``field`` for every rule the TypeScript core enforces (odd count, non-integer,
    start < 1, length <= 0, decreasing or overlapping runs, a run past the mask).
    """
    if not (isinstance(height, (int, np.integer)) and isinstance(width, (int, np.integer))):
        raise ValueError(f"{field}: Height and Width must be integers, got {height!r} and {width!r}")
    if height < 1 or width < 1:
        raise ValueError(f"{field}: Height and Width must be positive, got {height}×{width}")
    total = int(height) * int(width)
    if total > MAX_MASK_PIXELS:
        raise ValueError(f"{field}: a {height}×{width} mask is above the limit of {MAX_MASK_PIXELS} pixels")
    mask = np.zeros(total, dtype=np.uint8)
    if rle is None or (isinstance(rle, float) and np.isnan(rle)):
        return mask.reshape(height, width)
    if not isinstance(rle, str):
        raise ValueError(f"{field}: must be a string of run-length pairs, got {type(rle).__name__}")
    tokens = rle.split()
    if len(tokens) % 2:
        raise ValueError(f'{field}: has an odd count of numbers ({len(tokens)}): a mask is "start length" pairs')
    try:
        numbers = np.array([int(t) for t in tokens], dtype=np.int64)
    except ValueError:
        bad = next(t for t in tokens if not t.lstrip("-").isdigit())
        raise ValueError(f"{field}: {bad[:24]!r} is not an integer") from None
    starts, lengths = numbers[0::2], numbers[1::2]
    ends = starts + lengths - 1
    problems = [
        (starts < 1, "starts at {s}, but starts are 1-based"),
        (lengths <= 0, "(start {s}) has length {n}, but lengths must be positive"),
        (np.concatenate([[False], starts[1:] <= ends[:-1]]), "(start {s}) does not come after the previous run"),
        (ends > total, f"(start {{s}}, length {{n}}) ends past the {total} pixels of a {height}×{width} mask"),
    ]
    for bad, text in problems:
        if bad.any():
            k = int(np.argmax(bad))
            raise ValueError(f"{field}: run {k + 1} " + text.format(s=starts[k], n=lengths[k]))
    for start, length in zip(starts.tolist(), lengths.tolist()):
        mask[start - 1 : start - 1 + length] = 1
    return mask.reshape(height, width)
