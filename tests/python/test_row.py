"""Row normalisation and the cheap summary, on small hand-made values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from jupyterlab_chexmask.format.cells import json_safe, mask_size, row_cells
from jupyterlab_chexmask.format.columns import infer_dataset


@pytest.mark.parametrize(
    "cells",
    [
        {"Height": "1024", "Width": "1024"},
        {"Height": "1024.0", "Width": "1024.0"},
        {"Height": 1024.0, "Width": np.int64(1024)},
        {"Height": "", "Width": None},
        {"Height": math.nan, "Width": math.nan},
        {},
    ],
)
def test_mask_size_defaults_to_1024(cells: dict) -> None:
    assert mask_size(row_cells(cells)) == (1024, 1024)


def test_mask_size_reads_each_side() -> None:
    assert mask_size({"Height": "2828", "Width": 2320.0}) == (2828, 2320)


@pytest.mark.parametrize("bad", ["abc", "0", "-5", "10.5", True])
def test_mask_size_rejects_nonsense(bad: object) -> None:
    with pytest.raises(ValueError, match="Height"):
        mask_size({"Height": bad})


@pytest.mark.parametrize(
    ("column", "image_id", "dataset"),
    [
        ("Path", "train/patient1/study1/view1_frontal.jpg", "CheXpert"),
        ("Image Index", "00028162_002.png", "ChestX-ray8"),
        ("dicom_id", "66049acc-ee1e6b29", "MIMIC-CXR-JPG"),
        ("image_id", "5780e843511eb33150ad2d151aeed276", "VinDr-CXR"),
        ("ImageID", "2168_01-031-075.png", "Padchest"),
        ("ImageID", "4.1.46.958385.1.jpg", "CANDID-PTX"),
        ("ImageID", "4.1.46.958385.1.JPEG", "CANDID-PTX"),
        ("ImageID", None, "Padchest"),
        ("id", "x", None),
        (None, None, None),
    ],
)
def test_infer_dataset(column: object, image_id: object, dataset: object) -> None:
    assert infer_dataset(column, image_id) == dataset


def test_json_safe() -> None:
    assert json_safe(np.float32(0.5)) == 0.5
    assert type(json_safe(np.float32(0.5))) is float
    assert json_safe(np.int64(7)) == 7
    assert type(json_safe(np.int64(7))) is int
    assert json_safe(np.bool_(True)) is True
    for missing in (math.nan, np.nan, None, pd.NA, pd.NaT, math.inf, np.float64("-inf")):
        assert json_safe(missing) is None
    assert json_safe("1 10\n") == "1 10\n"
    assert json_safe(np.array([[1, 2], [3, 4]])) == [[1, 2], [3, 4]]
    assert json_safe(pd.Timestamp("2024-01-02")) == "2024-01-02 00:00:00"


def test_row_cells_drops_the_index_column_and_keeps_names() -> None:
    cells = row_cells({"": 3, "Unnamed: 0": 3, "Dice RCA (Max)": np.float64(0.9), 5: "x"})
    assert cells == {"Dice RCA (Max)": 0.9, "5": "x"}


@pytest.mark.parametrize("bad", [["Path", "Heart"], "Path", 3, None])
def test_row_cells_rejects_non_rows(bad: object) -> None:
    with pytest.raises(TypeError, match="Series or a mapping"):
        row_cells(bad)
