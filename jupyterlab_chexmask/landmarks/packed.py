"""Version 2 of the landmark payload: the rows as columns, every row's landmarks packed.

A plot of many rows sends 10,000 raw ``Landmarks`` cells as 10 MB of text in
10,000 objects, which JupyterLab decodes and copies several times on the
browser's main thread when the output arrives, and which the extension then
parses. Version 2 (``schema/payloads/landmarks.v2.json``, same MIME type) sends
the same plot with its rows as columns (``ids``, ``datasets``, ``groups``,
``heights``, ``widths``, ``sigma``: one value per row) and every row's 120
landmarks in one string: base64 of little-endian 16-bit integers, row after row
(x0, y0, x1, y1, ...), 6.4 MB for 10,000 rows and nothing to parse.

It is written for plots of more than :data:`PACKED_ROWS` rows whose landmarks
all parse to integers within 16 bits (real cells always do) and that have no
mask underlay. Anything else stays version 1, so a malformed cell is still
reported by the view, naming its row, exactly as before.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..format.columns import LANDMARK_COUNT
from ..format.landmarks import parse_integer_cells, parse_landmarks
from ..types import FloatArray

#: Plots of more rows than this are packed (version 2). Below it the message is
#: under about a megabyte, which the browser takes in stride, and the readable
#: version 1 is kept.
PACKED_ROWS = 1_000

#: The payload version of packed plots.
PACKED_VERSION = 2

_INT16 = (-32768, 32767)


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
    if payload.get("groupBy") is not None:
        packed["groups"] = [row.get("group") for row in rows]
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
    """(rows, 120, 2) integer coordinates as version 2's base64 of little-endian int16."""
    return base64.b64encode(coords.astype("<i2").tobytes()).decode("ascii")


def decode_landmarks(text: str, row_count: int) -> FloatArray:
    """Version 2's packed landmarks as a (rows, 120, 2) float array.

    Raises:
        ValueError: not base64 of exactly ``row_count`` rows.
    """
    try:
        data = base64.b64decode(text, validate=True)
    except ValueError as error:
        raise ValueError(f"landmarks: is not base64 ({error})") from error
    if len(data) != row_count * LANDMARK_COUNT * 2 * 2:
        raise ValueError(
            f"landmarks: holds {len(data):,} bytes, not {row_count:,} rows × "
            f"{LANDMARK_COUNT} landmarks × 2 coordinates × 2 bytes"
        )
    values = np.frombuffer(data, dtype="<i2").astype(np.float64)
    return values.reshape(row_count, LANDMARK_COUNT, 2)


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
