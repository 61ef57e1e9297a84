"""Comparing two segmentations of one image in JupyterLab: :func:`compare` and :class:`CompareView`.

The payload (``schema/payloads/compare.v1.json``) carries both sides' masks as
CheXmask RLE at one size, their landmarks when they have them, the labels, the
optional x-ray and title, and the per-organ table computed here
(:func:`~.pair.pair_table`: Dice, IoU, HD, HD95, ASSD, areas and mean landmark
distance, medpy's definitions). The view checks Dice, IoU, the areas and the
landmark distance against its own TypeScript core and shows the agreement map.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..common.display import PAYLOAD_VERSION, PayloadDisplay, mime_type
from ..format.columns import ORGAN_COLUMNS
from ..row.image import embed_image
from ..types import ImageLike
from .pair import Segmentation, matched_pair, pair_table
from .picture import compare_alt_text, compare_picture

if TYPE_CHECKING:
    from PIL import Image

#: The MIME type the JupyterLab extension renders as a comparison
#: (``application/vnd.chexmask.compare.v1+json``).
MIME_COMPARE = mime_type("compare")

#: The longest label kept (the view cuts longer ones too).
MAX_LABEL = 100


class CompareView(PayloadDisplay):
    """Two segmentations of one image, ready to display; made by :func:`compare`.

    In JupyterLab (with the extension) it renders as the interactive comparison;
    elsewhere as its picture (the agreement map, drawn in Python) or a text
    summary. :attr:`table` is the per-organ table as a DataFrame.
    """

    MIME = MIME_COMPARE

    def __init__(
        self,
        payload: dict[str, Any],
        text: str,
        alt: str,
        pair: tuple[Segmentation, Segmentation],
        table: pd.DataFrame,
        static: bool | None = None,
    ) -> None:
        """Wrap a comparison payload, its text, the picture's alt text, both sides and the
        table (see :func:`compare`)."""
        super().__init__(payload, text, static)
        self._alt = alt
        self._pair = pair
        self._table = table

    @property
    def table(self) -> pd.DataFrame:
        """The per-organ table (a copy): one row per organ, ``NaN`` where a value is undefined."""
        table: pd.DataFrame = self._table.copy()
        return table

    def _draw(self) -> tuple[Image.Image, str]:
        return compare_picture(*self._pair), self._alt

    def __repr__(self) -> str:
        """One line: the labels and the size."""
        first, second = self._pair
        return f"<CompareView {first.label} vs {second.label}, {first.height}×{first.width} px>"


def _label(value: object, position: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"labels: the {position} label must be non-blank text, got {value!r}")
    return value[:MAX_LABEL]


def _rle(runs: tuple[Any, Any]) -> str | None:
    """0-based runs as a CheXmask RLE string (1-based starts), ``None`` for an empty mask."""
    starts, lengths = runs
    if not len(starts):
        return None
    return " ".join(f"{int(s) + 1} {int(n)}" for s, n in zip(starts, lengths, strict=True))


def _side(seg: Segmentation) -> dict[str, Any]:
    landmarks = None
    if seg.landmarks is not None:
        landmarks = [[float(x), float(y)] for x, y in seg.landmarks.tolist()]
        if all(v.is_integer() for point in landmarks for v in point):
            landmarks = [[int(x), int(y)] for x, y in landmarks]
    return {
        "id": seg.image_id,
        "masks": {organ: _rle(seg.runs[organ]) for organ in ORGAN_COLUMNS},
        "landmarks": landmarks,
    }


def _number(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number


def _table_payload(table: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {
            "organ": organ,
            "dice": float(row["Dice"]),
            "iou": float(row["IoU"]),
            "hd": _number(row["HD"]),
            "hd95": _number(row["HD95"]),
            "assd": _number(row["ASSD"]),
            "areaA": int(row["area A"]),
            "areaB": int(row["area B"]),
            "landmarkDistance": _number(row["mean landmark distance"]),
        }
        for organ, row in table.iterrows()
    ]


def compare(
    a: object,
    b: object,
    labels: Sequence[str] = ("CheXmask", "other"),
    image: ImageLike | None = None,
    title: str | None = None,
    resize: str | None = None,
    *,
    max_side: int = 1024,
    static: bool | None = None,
) -> CompareView:
    """Two segmentations of one image side by side: agreement map, modes and a per-organ table.

    As a cell's last expression it is displayed; ``.show()`` displays it at
    once, ``.save(path)`` writes its picture (the agreement map), ``.table``
    is the table as a DataFrame.

    Args:
        a: A CheXmask row (a pandas Series or a dict of its columns).
        b: Another row in the CheXmask format (any dataset layout), or a dict
            ``organ → mask`` with organs ``"Right Lung"``, ``"Left Lung"``,
            ``"Heart"`` (any left out is empty), a mask being a 0/1 numpy
            array, a PNG path or a CheXmask RLE string at ``a``'s size.
        labels: The names of ``a`` and ``b`` in the view (non-blank text, cut
            to 100 characters).
        image: The chest x-ray to draw over (as for :func:`~jupyterlab_chexmask.row`).
        title: A caption.
        resize: ``None`` (different sizes are an error naming both) or
            ``"nearest"``: ``b`` is resampled to ``a``'s size with the nearest
            filter (its landmarks scaled), which the view then states.
        max_side: The largest side of the embedded x-ray.
        static: Whether the output carries the kernel's picture (see
            :func:`~jupyterlab_chexmask.row`).

    Returns:
        A :class:`CompareView`.

    Raises:
        ValueError: a malformed row or mask (naming its label and field),
            different sizes without ``resize="nearest"``, bad labels, or an
            image whose aspect differs from the masks'.
        TypeError: ``image`` is of an unsupported kind.
    """
    if isinstance(labels, str) or len(labels) != 2:
        raise ValueError(f"labels must be two names, e.g. ('CheXmask', 'model'), got {labels!r}")
    names = (_label(labels[0], "first"), _label(labels[1], "second"))
    if isinstance(max_side, bool) or not isinstance(max_side, int) or max_side < 1:
        raise ValueError(f"max_side must be a positive integer, got {max_side!r}")
    first, second = matched_pair(a, b, names, resize)
    table = pair_table(first, second)
    rows = _table_payload(table)
    embedded = None
    if image is not None:
        embedded = embed_image(image, first.width, first.height, max_side)
    caption = None if title is None else str(title)
    resized = (
        None
        if second.resized_from is None
        else {"height": second.resized_from[0], "width": second.resized_from[1]}
    )
    payload = {
        "version": PAYLOAD_VERSION,
        "labels": list(names),
        "height": first.height,
        "width": first.width,
        "resizedFrom": resized,
        "a": _side(first),
        "b": _side(second),
        "table": rows,
        "image": embedded,
        "title": caption,
    }
    alt = compare_alt_text(names, (first.height, first.width), second.resized_from, rows)
    text = alt
    if caption is not None:
        text += f"\n  title: {caption}"
    return CompareView(payload, text, alt, (first, second), table, static)
