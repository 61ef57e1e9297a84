"""The vocabulary of CheXmask CSVs: column names, datasets and defaults.

Kept in one place so the reader, the summary and the display agree with each
other and with the TypeScript core (``src/core/datasets.ts``, ``organs.ts``).
"""

from __future__ import annotations

import re

#: The id column Padchest and CANDID-PTX share: the id tells them apart (:func:`infer_dataset`).
SHARED_ID_COLUMN = "ImageID"

#: The dataset each id column implies (``ImageID`` is resolved by :func:`infer_dataset`).
DATASET_BY_ID_COLUMN: dict[str, str] = {
    "Path": "CheXpert",
    "Image Index": "ChestX-ray8",
    "dicom_id": "MIMIC-CXR-JPG",
    SHARED_ID_COLUMN: "Padchest",
    "image_id": "VinDr-CXR",
}

#: Image-id columns in the order they are looked for: the datasets' own, then
#: ``Image ID`` (documented but never used in a real file) and ``id``, accepted
#: for hand-made rows.
ID_COLUMNS: tuple[str, ...] = (*DATASET_BY_ID_COLUMN, "Image ID", "id")

RIGHT_LUNG_COLUMN = "Right Lung"
LEFT_LUNG_COLUMN = "Left Lung"
HEART_COLUMN = "Heart"

#: The run-length mask columns, in the order the summary lists them.
ORGAN_COLUMNS: tuple[str, ...] = (RIGHT_LUNG_COLUMN, LEFT_LUNG_COLUMN, HEART_COLUMN)

LANDMARKS_COLUMN = "Landmarks"
#: CheXmask-U's mean landmarks (drawn instead of ``Landmarks``; same encoding).
LANDMARKS_MEAN_COLUMN = "Landmarks (Mean)"
#: CheXmask-U's per-landmark standard deviations: 240 numbers σx, σy in mask pixels.
LANDMARKS_STD_COLUMN = "Landmarks (Std)"

#: The 120 landmarks: each organ's slice (start, end), in the order of ``ORGAN_COLUMNS``.
#: Each slice is a closed ring (``ORGANS`` in ``src/core/organs.ts``).
LANDMARK_COUNT = 120
LANDMARK_SLICES: dict[str, tuple[int, int]] = {
    RIGHT_LUNG_COLUMN: (0, 44),
    LEFT_LUNG_COLUMN: (44, 94),
    HEART_COLUMN: (94, 120),
}
DICE_MEAN_COLUMN = "Dice RCA (Mean)"
DICE_MAX_COLUMN = "Dice RCA (Max)"
HEIGHT_COLUMN = "Height"
WIDTH_COLUMN = "Width"

#: Columns that only a CheXmask file has; at least one must be present.
CHEXMASK_COLUMNS: tuple[str, ...] = (
    *ORGAN_COLUMNS,
    LANDMARKS_COLUMN,
    DICE_MEAN_COLUMN,
    DICE_MAX_COLUMN,
)

#: Columns that must be read as text, never as numbers.
TEXT_COLUMNS: tuple[str, ...] = (
    *ID_COLUMNS,
    *ORGAN_COLUMNS,
    LANDMARKS_COLUMN,
    LANDMARKS_MEAN_COLUMN,
    LANDMARKS_STD_COLUMN,
)

#: The mask side used when a row has no ``Height``/``Width`` (the network input).
DEFAULT_MASK_SIZE = 1024

#: The authors' recommended minimum ``Dice RCA (Mean)``.
RECOMMENDED_MIN_DICE_MEAN = 0.7

_CANDID_ID = re.compile(r"\.jpe?g$", re.IGNORECASE)


def is_index_column(name: object) -> bool:
    """Whether ``name`` is the pandas index column of a CSV written with ``to_csv()``.

    Such a file's first header cell is empty; pandas reads it back as ``Unnamed: 0``.
    """
    return name == "" or name == "Unnamed: 0"


def infer_dataset(id_column: str | None, image_id: str | None) -> str | None:
    """The source dataset implied by an id column and, for ``ImageID``, the id.

    ``ImageID`` is shared by Padchest (``….png``) and CANDID-PTX (dotted numbers
    ending ``.jpg``). Returns ``None`` when the column says nothing.
    """
    if id_column == SHARED_ID_COLUMN and image_id and _CANDID_ID.search(image_id):
        return "CANDID-PTX"
    return DATASET_BY_ID_COLUMN.get(id_column or "")
