"""Version 2 of the landmark payload: the rows as columns, every row's landmarks packed.

A plot of many rows sends 10,000 raw ``Landmarks`` cells as 10 MB of text in
10,000 objects, which JupyterLab decodes and copies several times on the
browser's main thread when the output arrives, and which the extension then
parses. Version 2 (``schema/payloads/landmarks.v2.json``, same MIME type) sends
the same plot with its rows as columns (``ids``, ``datasets``, ``groups``,
``heights``, ``widths``, ``sigma``: one value per row) and every row's 120
landmarks coded in one string, about 2.6-2.9 MB for 10,000 rows (as 16-bit
integers in base64 they were 6.4 MB: JupyterLab copies an output several times
on the main thread, so its size is main-thread time) and nothing to parse.

The code: the numbers in the order of a Landmarks cell (row after row, x0, y0,
x1, y1, ...). Within each organ's ring and each axis, the first coordinate is
written as it is, the second as its step from the first and every further one
as the change of step (``x[k] - 2 x[k-1] + x[k-2]``): rings are smooth, so
most are small. Each number is zigzag-coded (0, -1, 1, -2, ... -> 0, 1, 2, 3,
...) and written in base64 characters of 6 bits, the low 5 bits first, the
6th bit (32) set on every character of the number but its last: one character
from -16 to 15, at most four (16-bit coordinates need no more).

It is written for plots of more than :data:`PACKED_ROWS` rows whose landmarks
all parse to integers within 16 bits (real cells always do) and that have no
mask underlay. Anything else stays version 1, so a malformed cell is still
reported by the view, naming its row, exactly as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..format.columns import LANDMARK_COUNT, LANDMARK_SLICES
from ..format.landmarks import parse_integer_cells, parse_landmarks
from ..types import FloatArray

#: Plots of more rows than this are packed (version 2). Below it the message is
#: under about a megabyte, which the browser takes in stride, and the readable
#: version 1 is kept.
PACKED_ROWS = 1_000

#: The payload version of packed plots.
PACKED_VERSION = 2

_INT16 = (-32768, 32767)
#: The most characters one number takes (20 bits: any 16-bit ring's changes of step).
_MAX_CHARS = 4
_ALPHABET = np.frombuffer(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", dtype=np.uint8
)
#: Each byte's 6-bit value, 255 for a byte outside the alphabet.
_VALUES = np.full(256, 255, np.uint8)
_VALUES[_ALPHABET] = np.arange(64, dtype=np.uint8)


def pack_payload(payload: Mapping[str, Any]) -> dict[str, Any] | None:
    """The version-2 form of a version-1 landmark payload, or ``None`` to keep version 1.

    ``None`` for :data:`PACKED_ROWS` rows or fewer, a mask underlay, or any
    row whose landmarks do not parse to integers within 16 bits.
    """
    rows: Sequence[Mapping[str, Any]] = payload["rows"]
    if len(rows) <= PACKED_ROWS or any(row.get("row") is not None for row in rows):
        return None
    coords = landmark_coords(rows)
    if coords is None:
        return None
    packed: dict[str, Any] = {
        "version": PACKED_VERSION,
        "rowCount": len(rows),
        "ids": [row.get("id") for row in rows],
        "datasets": [row.get("dataset") for row in rows],
        "heights": [row.get("height") for row in rows],
        "widths": [row.get("width") for row in rows],
        "landmarks": encode_landmarks(coords),
    }
    groups = [row.get("group") for row in rows]
    # Grouped by dataset, groups default to the datasets: sent only if they differ.
    if payload.get("groupBy") is not None and (
        payload["groupBy"] != "dataset" or groups != packed["datasets"]
    ):
        packed["groups"] = groups
    sigma = [row.get("sigma") for row in rows]
    if any(value is not None for value in sigma):
        packed["sigma"] = sigma
    for key in ("groupBy", "frame", "title"):
        packed[key] = payload.get(key)
    return packed


def landmark_coords(rows: Sequence[Mapping[str, Any]]) -> FloatArray | None:
    """Every row's landmarks as a (rows, 120, 2) array, or ``None`` when a row's
    do not parse or are not all integers within 16 bits."""
    coords, others = parse_integer_cells([row["landmarks"] for row in rows])
    for i in others:
        try:
            coords[i] = parse_landmarks(rows[i]["landmarks"])
        except ValueError:
            return None  # version 1: the view names the row at fault
    if coords.size and (
        coords.min() < _INT16[0] or coords.max() > _INT16[1] or np.any(coords != np.rint(coords))
    ):
        return None
    return coords


def encode_landmarks(coords: FloatArray) -> str:
    """(rows, 120, 2) integer coordinates within 16 bits, coded as version 2 (see the module)."""
    values = np.asarray(coords).astype(np.int64).reshape(len(coords), LANDMARK_COUNT, 2)
    steps = np.empty_like(values)
    for start, end in LANDMARK_SLICES.values():
        ring = values[:, start:end]
        steps[:, start] = ring[:, 0]
        steps[:, start + 1] = ring[:, 1] - ring[:, 0]
        steps[:, start + 2 : end] = ring[:, 2:] - 2 * ring[:, 1:-1] + ring[:, :-2]
    zigzag = np.where(steps >= 0, 2 * steps, -2 * steps - 1).ravel().astype(np.uint32)
    # Each number's characters in a row of four (5 bits each, bit 6 while more
    # follow), then the ones it takes, in order.
    digits = np.empty((zigzag.size, _MAX_CHARS), np.uint8)
    taken = np.ones((zigzag.size, _MAX_CHARS), bool)
    for place in range(_MAX_CHARS):
        more = zigzag >= 1 << (5 * (place + 1))
        digits[:, place] = ((zigzag >> (5 * place)) & 31) | (more.astype(np.uint8) << 5)
        if place + 1 < _MAX_CHARS:
            taken[:, place + 1] = more
    digits = digits[taken]
    return _ALPHABET[digits].tobytes().decode("ascii")


def decode_landmarks(text: str, row_count: int) -> FloatArray:
    """Version 2's coded landmarks (see the module) as a (rows, 120, 2) float array.

    Raises:
        ValueError: naming ``landmarks``: a character outside base64's standard
            alphabet, a number of more than four characters, text that does not
            hold exactly ``row_count`` rows or a coordinate beyond 16 bits.
    """
    raw = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    values = _VALUES[raw]
    bad = np.flatnonzero(values == 255)
    if bad.size:
        raise ValueError(f"landmarks: byte {bad[0] + 1:,} is not a base64 character")
    last = np.flatnonzero((values & 32) == 0)
    expected = row_count * LANDMARK_COUNT * 2
    if values.size and values[-1] & 32:
        raise ValueError("landmarks: ends inside a number")
    if last.size != expected:
        raise ValueError(
            f"landmarks: holds {last.size:,} whole numbers, not {row_count:,} rows × "
            f"{LANDMARK_COUNT} landmarks × 2 coordinates"
        )
    first = np.concatenate([[0], last[:-1] + 1]).astype(np.int64)
    length = last - first + 1
    if length.size and length.max() > _MAX_CHARS:
        raise ValueError(f"landmarks: has a number of more than {_MAX_CHARS} characters")
    zigzag = (values[first] & 31).astype(np.int64)
    for place in range(1, _MAX_CHARS):
        has = length > place
        zigzag[has] |= (values[first[has] + place] & 31).astype(np.int64) << (5 * place)
    steps = ((zigzag >> 1) ^ -(zigzag & 1)).reshape(row_count, LANDMARK_COUNT, 2)
    coords = np.empty_like(steps)
    for start, end in LANDMARK_SLICES.values():
        # Changes of step summed into steps, steps into coordinates.
        moves = np.cumsum(steps[:, start + 1 : end], axis=1)
        coords[:, start] = steps[:, start]
        coords[:, start + 1 : end] = steps[:, start : start + 1] + np.cumsum(moves, axis=1)
    if coords.size and (coords.min() < _INT16[0] or coords.max() > _INT16[1]):
        raise ValueError("landmarks: decodes to coordinates beyond 16 bits")
    return coords.astype(np.float64)


def unpack_payload(payload: Mapping[str, Any]) -> tuple[list[dict[str, Any]], FloatArray]:
    """A version-2 payload's rows as version 1 describes them (without ``landmarks``),
    and their landmarks as a (rows, 120, 2) array: what the kernel's picture draws.

    Raises:
        ValueError: the packed landmarks are not base64 of ``rowCount`` rows.
    """
    count = int(payload["rowCount"])
    coords = decode_landmarks(payload["landmarks"], count)

    def column(name: str) -> list[Any]:
        values = payload.get(name)
        return [None] * count if values is None else list(values)

    ids, datasets, groups = column("ids"), column("datasets"), column("groups")
    heights, widths, sigma = column("heights"), column("widths"), column("sigma")
    rows = []
    for i in range(count):
        row: dict[str, Any] = {
            "id": ids[i],
            "dataset": datasets[i],
            "height": 1024 if heights[i] is None else heights[i],
            "width": 1024 if widths[i] is None else widths[i],
        }
        if payload.get("groupBy") is not None:
            if payload.get("groups") is not None:
                row["group"] = groups[i]
            elif payload["groupBy"] == "dataset":
                row["group"] = datasets[i]
        if sigma[i] is not None:
            row["sigma"] = sigma[i]
        rows.append(row)
    return rows, coords
