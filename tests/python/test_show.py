"""show(): the MIME bundle, the payload and the summary, on the real rows."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import DATASET_OF_FILE

from jupyterlab_chexmask import MIME_ROW, RowView, read_csv, show

ORGANS = ("Right Lung", "Left Lung", "Heart")


def test_every_real_row(csv_file: Path, oracles) -> None:
    """Bundle, strict JSON, raw cells, dataset, size, pixel counts and the swap note."""
    frame = read_csv(csv_file)
    expected = oracles(csv_file)
    raw = pd.read_csv(csv_file, dtype=str, keep_default_na=False)
    assert len(expected) == len(frame)
    for i, oracle in enumerate(expected):
        view = show(frame.iloc[i])
        bundle = view._repr_mimebundle_()
        assert set(bundle) == {MIME_ROW, "text/plain"}
        payload = bundle[MIME_ROW]
        assert payload is view.payload
        json.dumps(payload, allow_nan=False)
        assert payload["version"] == 1
        assert payload["image"] is None
        assert payload["title"] is None
        assert list(payload["row"]) == list(raw.columns)
        for column in (*ORGANS, "Landmarks", oracle["id_column"]):
            assert payload["row"][column] == raw[column][i], (i, column)

        text = bundle["text/plain"]
        assert f"from {DATASET_OF_FILE[csv_file.name]}: {oracle['id_column']} = " in text
        assert oracle["id"] in text
        assert f"mask: {oracle['height']}x{oracle['width']} " in text
        for organ in ORGANS:
            assert f"{organ} {oracle[organ]['pixels']:,}" in text, (i, organ)
        swapped = oracle["dice_rca_mean"] > oracle["dice_rca_max"]
        assert ("values look swapped" in text) == swapped, i


def test_preprocessed_folder_is_complete(shared_data: Path) -> None:
    rows = sum(len(read_csv(p)) for p in (shared_data / "chexmask-preprocessed").glob("*.csv"))
    assert rows == 305


def test_nan_cells_become_null(shared_data: Path) -> None:
    frame = read_csv(shared_data / "chexmask-preprocessed" / "Padchest.csv")
    empty = frame[frame["Height"].isna()].iloc[0]
    row = show(empty).payload["row"]
    assert row["Height"] is None
    assert row["Width"] is None
    assert "1024 by default" in show(empty).summary


def test_dict_row_with_numpy_values() -> None:
    row = {
        "": 17,
        "dicom_id": "66049acc",
        "Dice RCA (Mean)": np.float32(0.25),
        "Dice RCA (Max)": np.float64(math.nan),
        "Right Lung": "1 10 21 5",
        "Left Lung": math.nan,
        "Heart": "",
        "Height": np.int64(10),
        "Width": "10.0",
    }
    view = show(row, title="hand-made")
    payload = view.payload
    json.dumps(payload, allow_nan=False)
    assert "" not in payload["row"]
    assert payload["row"]["Dice RCA (Mean)"] == 0.25
    assert payload["row"]["Dice RCA (Max)"] is None
    assert payload["row"]["Left Lung"] is None
    assert payload["row"]["Height"] == 10
    assert payload["title"] == "hand-made"
    text = view.summary
    assert text.startswith("CheXmask row")
    assert "\n  title: hand-made" in text
    assert "from MIMIC-CXR-JPG: dicom_id = '66049acc'" in text
    assert "mask: 10x10" in text
    assert "max n/a" in text
    assert "below the recommended 0.7" in text
    assert "Right Lung 15; Left Lung 0 (empty); Heart 0 (empty)" in text
    assert repr(view).startswith("<RowView CheXmask row from MIMIC-CXR-JPG")
    assert "66049acc" in repr(view)
    assert "'hand-made'" in repr(view)
    assert "\n" not in repr(view)


def test_index_column_dropped_from_a_series(shared_data: Path, tmp_path: Path) -> None:
    indexed = tmp_path / "indexed.csv"
    pd.read_csv(shared_data / "chexmask-preprocessed" / "CheXpert.csv").to_csv(indexed)
    series = pd.read_csv(indexed).iloc[0]  # plain pandas keeps "Unnamed: 0"
    assert "Unnamed: 0" in series.index
    assert "Unnamed: 0" not in show(series).payload["row"]


def test_row_without_id_or_masks_says_what_the_view_says() -> None:
    landmarks = ",".join(str(i % 50) for i in range(240))
    text = show({"Landmarks": landmarks}).summary
    assert "no image-id column" in text
    assert "Right Lung 0 (empty); Left Lung 0 (empty); Heart 0 (empty)" in text
    assert "no RLE masks: every organ is an empty mask" in text
    # Malformed: refused as the view refuses it, naming the column; still a view.
    bad = show({"Landmarks": "1,2"}, static=True)
    assert "malformed row, not drawn: Landmarks: must hold 240 numbers" in bad.summary
    assert "picture: not drawn (Landmarks: must hold 240 numbers" in bad.summary


def test_mimebundle_include_exclude() -> None:
    view = show({"Path": "a.jpg", "Heart": "1 4"})
    assert set(view._repr_mimebundle_(include=[MIME_ROW])) == {MIME_ROW}
    assert set(view._repr_mimebundle_(exclude=[MIME_ROW])) == {"text/plain"}


@pytest.mark.parametrize("bad", [[1, 2], "Path,Heart", None, 3.0])
def test_row_must_be_series_or_mapping(bad: object) -> None:
    with pytest.raises(TypeError):
        show(bad)


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "512"])
def test_max_side_must_be_positive_int(bad: object) -> None:
    with pytest.raises(ValueError, match="max_side"):
        show({"Path": "a.jpg"}, max_side=bad)


def test_returns_rowview() -> None:
    assert isinstance(show({"image_id": "x"}), RowView)


def test_empty_mask_cell_becomes_null(tmp_path: Path) -> None:
    path = tmp_path / "empty-heart.csv"
    path.write_text('image_id,Right Lung,Left Lung,Heart,Height,Width\nabc,"1 10",,,1024,1024\n')
    view = show(read_csv(path).iloc[0])
    assert view.payload["row"]["Heart"] is None
    assert view.payload["row"]["Left Lung"] is None
    assert "Right Lung 10; Left Lung 0 (empty); Heart 0 (empty)" in view.summary


def test_a_whole_dataframe_is_refused(shared_data: Path) -> None:
    with pytest.raises(TypeError, match="iloc"):
        show(read_csv(shared_data / "chexmask-preprocessed" / "VinDr-CXR.csv"))
