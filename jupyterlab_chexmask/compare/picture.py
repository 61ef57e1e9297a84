"""The kernel's picture of a comparison: the agreement map at native resolution, and its alt text.

The map paints, organ after organ (right lung, left lung, heart, the later on
top where organs overlap), the pixels both segmentations hold, only A holds
and only B holds in three Okabe–Ito colours that stay distinct with every
common colour-vision deficiency, opaque over a neutral grey: a palette
picture of four colours, a few KB of PNG. The view draws the same map
(``src/compare/picture.ts``) and its alt text says the same words, made from
the same table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..common.colors import RGB
from ..common.js_numbers import to_fixed
from ..format.columns import ORGAN_COLUMNS
from ..row.picture import NEUTRAL_GREY
from .pair import Segmentation

if TYPE_CHECKING:
    from PIL import Image

#: The agreement classes' colours, by class (``AGREEMENT_COLORS`` in
#: ``src/compare/agreement-colors.ts``; a test keeps the two equal).
AGREEMENT_COLORS: dict[str, RGB] = {
    "both": (0xF0, 0xE4, 0x42),  # Okabe–Ito yellow
    "only A": (0xD5, 0x5E, 0x00),  # vermillion
    "only B": (0x00, 0x72, 0xB2),  # blue
}

#: The classes' palette indices in the picture (0 is the grey background).
_BOTH, _ONLY_A, _ONLY_B = 1, 2, 3


def _decoded(runs: tuple[Any, Any], total: int) -> npt.NDArray[np.bool_]:
    """A flat bool mask of 0-based ``(starts, lengths)`` runs (checked, sorted, disjoint)."""
    starts, lengths = (np.asarray(r, dtype=np.int64) for r in runs)
    mask = np.zeros(total, dtype=bool)
    if starts.size:
        ends = starts + lengths
        gaps = starts - np.concatenate([[0], ends[:-1]])
        counts = np.empty(2 * starts.size + 1, dtype=np.int64)
        counts[0:-1:2], counts[1::2], counts[-1] = gaps, lengths, total - ends[-1]
        values = np.zeros(counts.size, dtype=bool)
        values[1::2] = True
        mask = np.repeat(values, counts)
    return mask


def agreement_labels(first: Segmentation, second: Segmentation) -> npt.NDArray[np.uint8]:
    """``(height, width)``: 0 outside both, else the class of the last organ either holds."""
    total = first.height * first.width
    labels = np.zeros(total, dtype=np.uint8)
    for organ in ORGAN_COLUMNS:
        a = _decoded(first.runs[organ], total)
        b = _decoded(second.runs[organ], total)
        labels[a & b] = _BOTH
        labels[a & ~b] = _ONLY_A
        labels[~a & b] = _ONLY_B
    return labels.reshape(first.height, first.width)


def compare_picture(first: Segmentation, second: Segmentation) -> Image.Image:
    """The agreement map at the masks' size, a palette picture over grey (see the module)."""
    from PIL import Image  # only when a picture is drawn: importing the package stays light

    picture = Image.fromarray(agreement_labels(first, second), "P")
    grey = (NEUTRAL_GREY,) * 3
    colors = [
        grey,
        AGREEMENT_COLORS["both"],
        AGREEMENT_COLORS["only A"],
        AGREEMENT_COLORS["only B"],
    ]
    picture.putpalette([channel for color in colors for channel in color])
    return picture


def _distance(value: float | None, entry: Mapping[str, Any], labels: Sequence[str]) -> str:
    """A distance with 2 decimals, or "—" and why it is undefined (exactly one mask empty)."""
    if value is not None:
        return to_fixed(value, 2)
    empty = labels[0] if entry["areaA"] == 0 else labels[1]
    return f"— ({empty}'s mask is empty)"


def compare_alt_text(
    labels: Sequence[str],
    size: tuple[int, int],
    resized_from: tuple[int, int] | None,
    table: Sequence[Mapping[str, Any]],
) -> str:
    """What the picture shows, in the view's words (``compareAltText``, ``src/compare/picture.ts``).

    Args:
        labels: The two sources' names, A then B.
        size: ``(height, width)`` of the masks compared.
        resized_from: B's size before ``resize="nearest"``, or ``None``.
        table: The payload's ``table`` (JSON-safe: ``None`` for an undefined value).
    """
    resized = (
        ""
        if resized_from is None
        else f" ({labels[1]} resized from {resized_from[0]}×{resized_from[1]}, nearest)"
    )
    organs = []
    for entry in table:
        difference = entry["areaB"] - entry["areaA"]
        text = (
            f"{entry['organ']} Dice {to_fixed(entry['dice'], 3)}, IoU {to_fixed(entry['iou'], 3)}, "
            f"HD {_distance(entry['hd'], entry, labels)}, "
            f"HD95 {_distance(entry['hd95'], entry, labels)}, "
            f"ASSD {_distance(entry['assd'], entry, labels)}, "
            f"area A {entry['areaA']:,} px, area B {entry['areaB']:,} px, B − A {difference:,} px"
        )
        if entry["landmarkDistance"] is not None:
            text += f", mean landmark distance {to_fixed(entry['landmarkDistance'], 2)} px"
        organs.append(text)
    return (
        f"Agreement of {labels[0]} (A) and {labels[1]} (B), {size[0]}×{size[1]} px{resized}: "
        + "; ".join(organs)
        + "."
    )
