"""One pair: every input kind of ``b``, size errors and ``resize``, and the table against medpy."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("medpy")
pytest.importorskip("scipy")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "parity"))
import compare_oracles
from compare_inputs import kinds_of_b

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.compare.pair import TABLE_COLUMNS, matched_pair, pair_table
from jupyterlab_chexmask.format.columns import ORGAN_COLUMNS

LABELS = ("CheXmask", "other")


@pytest.fixture(scope="module")
def row(shared_data: Path) -> pd.Series:
    return cm.read_csv(shared_data / "chexmask-preprocessed" / "VinDr-CXR.csv", nrows=1).iloc[0]


def _changed(row: pd.Series) -> dict[str, np.ndarray]:
    masks = {o: cm.decode_rle(row[o], 1024, 1024) for o in ORGAN_COLUMNS}
    return {
        "Right Lung": compare_oracles.shift(masks["Right Lung"], 4, -7),
        "Left Lung": masks["Left Lung"],
        "Heart": np.zeros_like(masks["Heart"]),
    }


def test_every_kind_of_b_gives_the_same_table_as_medpy(row: pd.Series, tmp_path: Path) -> None:
    masks = _changed(row)
    kinds = kinds_of_b(row, masks, tmp_path)
    tables = {name: pair_table(*matched_pair(row, b, LABELS, None)) for name, b in kinds.items()}
    first = tables["arrays"]
    assert list(first.columns) == list(TABLE_COLUMNS)
    for name, table in tables.items():
        columns = [c for c in TABLE_COLUMNS if c != "mean landmark distance"]
        pd.testing.assert_frame_equal(table[columns], first[columns], obj=name)
    for organ in ORGAN_COLUMNS:
        a = cm.decode_rle(row[organ], 1024, 1024)
        expected = compare_oracles.oracle(a, masks[organ])
        got = first.loc[organ]
        for metric, column in (("dice", "Dice"), ("iou", "IoU"), ("hd", "HD"), ("hd95", "HD95")):
            if expected[metric] is None:
                assert math.isnan(got[column])
            else:
                assert got[column] == expected[metric], (organ, metric)
        assert got["area A"] == expected["area_a"]
        assert got["area B − A"] == expected["area_b"] - expected["area_a"]
    # Landmarks: only when both sides are rows with them (unchanged here: 0).
    assert tables["row"]["mean landmark distance"].eq(0).all()
    assert tables["arrays"]["mean landmark distance"].isna().all()


def test_sizes_must_match_unless_resized(row: pd.Series) -> None:
    small = {o: m[::2, ::2] for o, m in _changed(row).items()}
    with pytest.raises(ValueError, match=r"CheXmask is 1024×1024, other is 512×512.*resize="):
        matched_pair(row, small, LABELS, None)
    a, b = matched_pair(row, small, LABELS, "nearest")
    assert (b.height, b.width, b.resized_from) == (1024, 1024, (512, 512))
    table = pair_table(a, b)
    assert 0.9 < table.loc["Left Lung", "Dice"] < 1
    with pytest.raises(ValueError, match="resize must be None or 'nearest'"):
        matched_pair(row, small, LABELS, "bilinear")


def test_bad_masks_name_their_source_and_field(row: pd.Series) -> None:
    masks = _changed(row)
    cases = [
        (
            {**masks, "Heart": masks["Heart"] + 2},
            "other Heart: a mask array must hold only 0 and 1",
        ),
        ({"Heart": np.zeros(5)}, r"other Heart: a mask array must be 2-D"),
        ({"heart": masks["Heart"]}, "other: unknown organ 'heart'"),
        ({"Heart": "1 2 3"}, "other Heart: has an odd count of numbers"),
        ({"Heart": 3.5}, "other Heart: a mask must be a 0/1 numpy array, a PNG path"),
        (
            {"Heart": masks["Heart"], "Left Lung": masks["Left Lung"][:10]},
            r"other: the masks differ in size \(Heart 1024×1024, Left Lung 10×1024\)",
        ),
        ({**dict(row), "Heart": "5 -1"}, "other: Heart: run 1 .* has length -1"),
        (42, "other: must be a CheXmask row .* or a dict organ → mask, got int"),
    ]
    for b, message in cases:
        with pytest.raises(ValueError, match=message):
            matched_pair(row, b, LABELS, None)
    with pytest.raises(ValueError, match="CheXmask: Width"):
        matched_pair({**dict(row), "Width": "wide"}, masks, LABELS, None)


def test_a_png_that_is_not_an_image_is_named(row: pd.Series, tmp_path: Path) -> None:
    path = tmp_path / "heart.png"
    path.write_text("not a png")
    with pytest.raises(ValueError, match=r"other Heart: .*heart\.png' is not a readable image"):
        matched_pair(row, {"Heart": path}, LABELS, None)
