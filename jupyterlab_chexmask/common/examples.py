"""Example rows under a histogram, shared by :func:`~jupyterlab_chexmask.rca_histogram`
and :func:`~jupyterlab_chexmask.histogram` (``examples=k``).

An example row is a gallery row (``schema/payloads/gallery.v1.json``) with
small tile masks, so that a payload of a few hundred of them stays small;
each histogram adds to it where the row lies (its band, or its fine bin).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: The most example rows per group per band (``MAX_EXAMPLES`` in ``src/gallery/examples.ts``).
MAX_EXAMPLES = 100
#: The long side of the example rows' tile masks: smaller than a gallery's, so that
#: 8 examples per band of six datasets stay within 1 MB.
EXAMPLE_TILE_SIDE = 64


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


def example_row(cells: Mapping[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    """One example row: the gallery's row of ``cells`` (showing ``columns``) with small tiles."""
    from ..gallery.display import gallery_row  # the gallery's row format and checks

    return gallery_row(cells, columns, side=EXAMPLE_TILE_SIDE)
