"""One CheXmask row checked as the TypeScript core checks it (``parseRow`` in ``src/core/row.ts``).

The kernel side refuses what the view refuses, in the same order and naming the
same column, and warns where it warns, in the same words: the summary, the
static picture and the alt text then say what the view says. A jest test
(``src/__tests__/row-parity.spec.ts``) runs every shared row and every malformed
row through both and requires the same verdict, areas, ratio and warnings.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..common.js_numbers import js_number
from ..format.cells import (
    NUMBER_TEXT,
    RowFormatError,
    describe_type,
    is_missing,
    mask_side,
    quote_for_message,
)
from ..format.columns import (
    DICE_MAX_COLUMN,
    DICE_MEAN_COLUMN,
    HEIGHT_COLUMN,
    ID_COLUMNS,
    LANDMARKS_COLUMN,
    LANDMARKS_MEAN_COLUMN,
    LANDMARKS_STD_COLUMN,
    ORGAN_COLUMNS,
    WIDTH_COLUMN,
    infer_dataset,
)
from ..format.landmarks import parse_landmark_std, parse_landmarks
from ..format.rle import MAX_MASK_PIXELS, check_rle
from ..types import FloatArray, IntArray


@dataclass(frozen=True)
class CheckedRow:
    """A row that passed every check, normalised like the core's ``IChexmaskRow``."""

    id: str | None
    id_column: str | None
    dataset: str | None
    dice_mean: float | None
    dice_max: float | None
    height: int
    width: int
    #: The 120 landmarks as a (120, 2) array, or ``None`` when the row has none: a
    #: CheXmask-U row's ``Landmarks (Mean)``, otherwise ``Landmarks``.
    landmarks: FloatArray | None
    #: Each organ column's RLE text, ``None`` when the cell is empty or absent.
    masks: dict[str, str | None]
    warnings: tuple[str, ...]
    #: A CheXmask-U row's ``Landmarks (Std)`` as a (120, 2) array of (σx, σy), or ``None``.
    sigma: FloatArray | None = None
    #: Each organ column's checked runs as 1-based ``(starts, lengths)``, ``None`` when empty.
    runs: dict[str, tuple[IntArray, IntArray] | None] = field(default_factory=dict)


def check_row(cells: Mapping[str, object]) -> CheckedRow:
    """Check a row's cells, JSON-safe as :func:`~jupyterlab_chexmask.format.cells.row_cells`
    makes them.

    Raises:
        RowFormatError: naming the column of the first malformed value, in the
            order the core checks them: id, Height, Width, size, Dice Mean,
            Dice Max, Landmarks, Landmarks (Mean), Landmarks (Std), Right
            Lung, Left Lung, Heart, then a row with neither masks nor landmarks.
    """
    warnings: list[str] = []
    id_column = next((c for c in ID_COLUMNS if c in cells), None)
    image_id = None if id_column is None else _id(cells[id_column], id_column)
    if id_column is None:
        warnings.append(f"no image-id column (looked for {', '.join(ID_COLUMNS)})")

    height = mask_side(cells, HEIGHT_COLUMN)
    width = mask_side(cells, WIDTH_COLUMN)
    if height * width > MAX_MASK_PIXELS:
        raise RowFormatError(
            HEIGHT_COLUMN,
            f"a {height}×{width} mask has {height * width} pixels, "
            f"above the limit of {MAX_MASK_PIXELS}",
        )

    dice_mean = dice_score(cells, DICE_MEAN_COLUMN)
    dice_max = dice_score(cells, DICE_MAX_COLUMN)
    for column, value in ((DICE_MEAN_COLUMN, dice_mean), (DICE_MAX_COLUMN, dice_max)):
        if value is None and column in cells:
            warnings.append(f"{column} is missing (empty or NaN): quality unknown")
    if dice_mean is not None and dice_max is not None and dice_mean > dice_max:
        warnings.append(
            f"{DICE_MEAN_COLUMN} {js_number(dice_mean)} is above {DICE_MAX_COLUMN} "
            f"{js_number(dice_max)}: the values look swapped (known in part of the early "
            "Padchest export)"
        )

    landmarks, sigma = _landmarks(cells, warnings)

    masks: dict[str, str | None] = {}
    runs: dict[str, tuple[IntArray, IntArray] | None] = {}
    for column in ORGAN_COLUMNS:
        cell = cells.get(column)
        if is_missing(cell):
            masks[column] = runs[column] = None
            continue
        try:
            runs[column] = check_rle(cell, height, width, column)
        except ValueError as error:
            raise RowFormatError(column, _problem(error, column)) from None
        masks[column] = str(cell)

    if all(m is None for m in masks.values()) and landmarks is None:
        raise RowFormatError(
            "row", "has neither masks (Right Lung, Left Lung, Heart) nor Landmarks"
        )
    empty = [c for c in ORGAN_COLUMNS if masks[c] is None]
    if empty:
        warnings.append(empty_organs_warning(empty))

    return CheckedRow(
        id=image_id,
        id_column=id_column,
        dataset=infer_dataset(id_column, image_id),
        dice_mean=dice_mean,
        dice_max=dice_max,
        height=height,
        width=width,
        landmarks=landmarks,
        masks=masks,
        warnings=tuple(warnings),
        sigma=sigma,
        runs=runs,
    )


def _landmarks(
    cells: Mapping[str, object], warnings: list[str]
) -> tuple[FloatArray | None, FloatArray | None]:
    """The landmarks and their σ, as the core's ``parseRowLandmarks`` reads them.

    ``Landmarks``, then CheXmask-U's ``Landmarks (Mean)`` (drawn when present:
    the masks were filled from it and σ is about it) and ``Landmarks (Std)``.
    """
    found: dict[str, FloatArray | None] = {}
    for column in (LANDMARKS_COLUMN, LANDMARKS_MEAN_COLUMN, LANDMARKS_STD_COLUMN):
        cell = cells.get(column)
        parse = parse_landmark_std if column == LANDMARKS_STD_COLUMN else parse_landmarks
        try:
            found[column] = None if is_missing(cell) else parse(cell, column)
        except ValueError as error:
            raise RowFormatError(column, _problem(error, column)) from None
    plain, mean = found[LANDMARKS_COLUMN], found[LANDMARKS_MEAN_COLUMN]
    sigma = found[LANDMARKS_STD_COLUMN]
    if plain is not None and mean is not None:
        warnings.append(
            f"both Landmarks and {LANDMARKS_MEAN_COLUMN} are given: "
            f"{LANDMARKS_MEAN_COLUMN} is drawn"
        )
    landmarks = mean if mean is not None else plain
    if sigma is not None and landmarks is None:
        warnings.append(
            f"{LANDMARKS_STD_COLUMN} is given without landmarks ({LANDMARKS_MEAN_COLUMN}): "
            "the uncertainty is not shown"
        )
        sigma = None
    return landmarks, sigma


def empty_organs_warning(columns: list[str]) -> str:
    """The warning for organs without an RLE mask (``emptyOrgansWarning`` in the core)."""
    if len(columns) == len(ORGAN_COLUMNS):
        return (
            "no RLE masks: every organ is an empty mask (the view can fill them from the landmarks)"
        )
    many = len(columns) > 1
    return (
        f"{', '.join(columns)} {'have' if many else 'has'} no RLE mask: "
        f"{'empty masks' if many else 'an empty mask'}, not drawn or counted"
    )


def dice_score(cells: Mapping[str, object], column: str) -> float | None:
    """A Dice RCA value in [0, 1], ``None`` when missing or NaN text."""
    value = cells.get(column)
    if is_missing(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if text.lower() == "nan":
            return None
        if not NUMBER_TEXT.fullmatch(text):
            raise RowFormatError(column, f"must be a number, got {quote_for_message(value)}")
        number = float(text)
    else:
        raise RowFormatError(column, f"must be a number, got {describe_type(value)}")
    if not math.isfinite(number) or number < 0 or number > 1:
        raise RowFormatError(
            column, f"must be a Dice score between 0 and 1, got {js_number(number)}"
        )
    return number


def _id(value: object, column: str) -> str | None:
    if is_missing(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return js_number(float(value))
    raise RowFormatError(column, f"must be a text image id, got {describe_type(value)}")


def _problem(error: ValueError, field: str) -> str:
    """An error's message without the ``field:`` its raiser put in front."""
    text = str(error)
    return text[len(field) + 2 :] if text.startswith(f"{field}: ") else text
