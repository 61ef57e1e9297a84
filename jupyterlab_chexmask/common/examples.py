"""Example rows under a histogram, shared by :func:`~jupyterlab_chexmask.rca_histogram`
and :func:`~jupyterlab_chexmask.histogram` (``examples=k``).

An example row is a gallery row (``schema/payloads/gallery.v1.json``) with
small tile masks and no landmarks, at most :data:`EXAMPLE_ROW_BYTES` by
construction, so that a payload of a few hundred of them stays small; each
histogram adds to it where the row lies (its band, or its fine bin).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

#: The most example rows per group per band (``MAX_EXAMPLES`` in ``src/gallery/examples.ts``).
MAX_EXAMPLES = 100
#: The long sides tried for an example row's tile masks, largest first: the first at
#: which the row fits :data:`EXAMPLE_ROW_BYTES` is used (48 or 40 px for the shared rows).
EXAMPLE_TILE_SIDES = (48, 40, 32, 24, 16, 8)
#: The most bytes one example row takes in the payload (its JSON as Jupyter writes it,
#: ``json.dumps`` with the default separators), so that the budget of issue 15 holds by
#: construction, not by the rows' luck: 8 rows per band, 20 bands and six datasets are
#: 960 rows, at most 960 × (1,024 + 2) bytes plus the six ``examples`` envelopes,
#: under 1 MB (10^6 bytes). Example rows carry no landmarks (about 960 bytes a row,
#: more than the tile): opened large, an example is drawn at tile size, and says so.
EXAMPLE_ROW_BYTES = 1024


def check_examples(examples: object) -> int:
    """``examples=`` as a whole number from 0 to :data:`MAX_EXAMPLES`.

    Raises:
        ValueError: it is anything else.
    """
    if (
        isinstance(examples, bool)
        or not isinstance(examples, int)
        or not 0 <= examples <= MAX_EXAMPLES
    ):
        raise ValueError(
            f"examples must be a whole number from 0 to {MAX_EXAMPLES}, got {examples!r}"
        )
    return examples


def example_row(
    cells: Mapping[str, Any], columns: Sequence[str], where: Mapping[str, Any]
) -> dict[str, Any]:
    """One example row: the gallery's row of ``cells`` (showing ``columns``) without
    landmarks, with ``where`` it lies (its band, or its fine bin and key), at the
    largest tile side of :data:`EXAMPLE_TILE_SIDES` at which it takes at most
    :data:`EXAMPLE_ROW_BYTES`.

    A row that does not fit even at the smallest side (an id thousands of characters
    long, say) becomes an error row naming its id column, without the id: the bound
    holds for any input.
    """
    from ..gallery.display import gallery_row  # the gallery's row format and checks

    row: dict[str, Any] = {}
    for side in EXAMPLE_TILE_SIDES:
        row = {**gallery_row(cells, columns, side=side, landmarks=False), **where}
        if example_fits(row):
            return row
        if "error" in row:
            break  # an error row has no tile to shrink
    size = len(json.dumps(row))
    field_name = row.get("idColumn") or "id"
    return {
        "id": None,
        "idColumn": row.get("idColumn"),
        "dataset": row.get("dataset"),
        "values": row.get("values", {}),
        "error": {
            "field": field_name,
            "message": f"{field_name}: the row takes {size} bytes even with its smallest tile, "
            f"more than the {EXAMPLE_ROW_BYTES} an example row may take",
        },
        **where,
    }


def example_fits(row: Mapping[str, Any]) -> bool:
    """Whether an example row takes at most :data:`EXAMPLE_ROW_BYTES` as Jupyter writes it."""
    return len(json.dumps(row)) <= EXAMPLE_ROW_BYTES
