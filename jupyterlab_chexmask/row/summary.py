"""What the kernel says about one CheXmask row: its summary, and the text of it.

The summary checks and measures the row as the view does (:mod:`.check` and
:mod:`.measure` mirror the TypeScript core), so the kernel never says or
draws anything the view would not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..format.cells import RowFormatError, is_missing
from ..format.columns import (
    HEIGHT_COLUMN,
    ID_COLUMNS,
    RECOMMENDED_MIN_DICE_MEAN,
    WIDTH_COLUMN,
    infer_dataset,
)
from ..format.landmarks import mean_sigma
from .check import CheckedRow, check_row
from .measure import Extent, MaskSource, measure_row


@dataclass(frozen=True)
class RowSummary:
    """What the view says about a row: its verdict, warnings, areas and ratio.

    Made by :func:`summarize` with the same checks and measures as the view
    (``parseRow`` and ``measureRow`` in the TypeScript core), so the text
    summary, the static picture and its alt text say what the view says.
    """

    id: str | None
    id_column: str | None
    dataset: str | None
    #: ``(height, width)``, or ``None`` when the row is malformed.
    size: tuple[int, int] | None
    #: Whether the row states both Height and Width.
    size_given: bool
    dice_mean: float | None
    dice_max: float | None
    #: The view's warnings, in its words.
    warnings: tuple[str, ...] = ()
    #: Pixels per organ column (0 for an empty cell); empty when malformed.
    pixels: dict[str, int] = field(default_factory=dict)
    #: Where each organ's mask comes from: ``"rle"`` or ``"empty"``.
    sources: dict[str, MaskSource] = field(default_factory=dict)
    #: The cardiothoracic ratio, ``None`` without a heart or lungs.
    ctr: float | None = None
    #: The ratio's widths ``(thorax, heart)``, drawn on the picture; ``None`` without a ratio.
    ratio_widths: tuple[Extent, Extent] | None = None
    #: A CheXmask-U row's mean landmark σ, (σx+σy)/2 over the 120 landmarks, in pixels.
    sigma_mean: float | None = None
    #: Why the view refuses the row (it names the column), or ``None``.
    error: RowFormatError | None = None
    #: The row as checked, for drawing it without checking it again; ``None`` when malformed.
    checked: CheckedRow | None = None

    @property
    def dice_swapped(self) -> bool:
        """Whether ``Dice RCA (Mean)`` exceeds ``Dice RCA (Max)`` (impossible unless swapped)."""
        return (
            self.dice_mean is not None
            and self.dice_max is not None
            and (self.dice_mean > self.dice_max)
        )


def summarize(cells: Mapping[str, Any]) -> RowSummary:
    """Check and measure a row's cells as the view does.

    The cells are JSON-safe, as :func:`~jupyterlab_chexmask.format.cells.row_cells` gives them.

    A malformed row gives a summary whose ``error`` names the column, with
    what could be read before it (id, dataset); nothing is raised.
    """
    id_column = next((c for c in ID_COLUMNS if c in cells), None)
    size_given = not (is_missing(cells.get(HEIGHT_COLUMN)) or is_missing(cells.get(WIDTH_COLUMN)))
    try:
        row = check_row(cells)
    except RowFormatError as error:
        raw_id = cells.get(id_column) if id_column else None
        image_id = raw_id if isinstance(raw_id, str) and raw_id.strip() else None
        return RowSummary(
            id=image_id,
            id_column=id_column,
            dataset=infer_dataset(id_column, image_id),
            size=None,
            size_given=size_given,
            dice_mean=None,
            dice_max=None,
            error=error,
        )
    measures = measure_row(row)
    return RowSummary(
        id=row.id,
        id_column=row.id_column,
        dataset=row.dataset,
        size=(row.height, row.width),
        size_given=size_given,
        dice_mean=row.dice_mean,
        dice_max=row.dice_max,
        warnings=row.warnings,
        pixels=measures.pixels,
        sources=measures.sources,
        ctr=measures.ctr,
        ratio_widths=(
            (measures.thorax, measures.heart) if measures.thorax and measures.heart else None
        ),
        sigma_mean=None if row.sigma is None else mean_sigma(row.sigma),
        checked=row,
    )


def format_summary(summary: RowSummary) -> str:
    """The summary as a few lines of plain text."""
    if summary.id_column is None:
        head = "CheXmask row (no image-id column)"
    else:
        origin = f" from {summary.dataset}" if summary.dataset else ""
        shown = repr(summary.id) if summary.id is not None else "empty"
        head = f"CheXmask row{origin}: {summary.id_column} = {shown}"
    lines = [head]
    if summary.error is not None or summary.size is None:
        lines.append(f"  malformed row, not drawn: {summary.error}")
        return "\n".join(lines)

    note = "" if summary.size_given else "; no Height/Width given, 1024 by default"
    lines.append(f"  mask: {summary.size[0]}x{summary.size[1]} (height x width{note})")

    def fmt(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.4f}"

    dice = f"  Dice RCA: mean {fmt(summary.dice_mean)}, max {fmt(summary.dice_max)}"
    if summary.dice_swapped:
        dice += " -- values look swapped (Mean > Max)"
    if summary.dice_mean is not None and summary.dice_mean < RECOMMENDED_MIN_DICE_MEAN:
        dice += f" -- mean below the recommended {RECOMMENDED_MIN_DICE_MEAN}"
    lines.append(dice)
    parts = [
        f"{organ} {n:,}{' (empty)' if summary.sources.get(organ) == 'empty' else ''}"
        for organ, n in summary.pixels.items()
    ]
    lines.append("  pixels: " + "; ".join(parts))
    ratio = "undefined" if summary.ctr is None else f"{summary.ctr:.3f}"
    lines.append(f"  cardiothoracic ratio: {ratio}")
    if summary.sigma_mean is not None:
        lines.append(
            f"  landmark σ (CheXmask-U): mean {summary.sigma_mean:.2f} px, (σx+σy)/2 per landmark"
        )
    lines.extend(f"  warning: {w}" for w in summary.warnings)
    return "\n".join(lines)
