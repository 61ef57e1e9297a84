"""row() and row(): the MIME bundle, the payload and the summary, on the real rows; row()
displays at once and returns None; views save their pictures."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import DATASET_OF_FILE

import jupyterlab_chexmask as cm
from jupyterlab_chexmask import MIME_ROW, RowView, read_csv, row, show

ORGANS = ("Right Lung", "Left Lung", "Heart")


def test_every_real_row(csv_file: Path, oracles) -> None:
    """Bundle, strict JSON, raw cells, dataset, size, pixel counts and the swap note."""
    frame = read_csv(csv_file)
    expected = oracles(csv_file)
    raw = pd.read_csv(csv_file, dtype=str, keep_default_na=False)
    assert len(expected) == len(frame)
    for i, oracle in enumerate(expected):
        view = row(frame.iloc[i], static=False)
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
    cells = row(empty).payload["row"]
    assert cells["Height"] is None
    assert cells["Width"] is None
    assert "1024 by default" in row(empty).summary


def test_dict_row_with_numpy_values() -> None:
    cells = {
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
    view = row(cells, title="hand-made")
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
    assert "Unnamed: 0" not in row(series).payload["row"]


def test_row_without_id_or_masks_says_what_the_view_says() -> None:
    landmarks = ",".join(str(i % 50) for i in range(240))
    text = row({"Landmarks": landmarks}).summary
    assert "no image-id column" in text
    assert "Right Lung 0 (empty); Left Lung 0 (empty); Heart 0 (empty)" in text
    assert "no RLE masks: every organ is an empty mask" in text
    # Malformed: refused as the view refuses it, naming the column; still a view.
    bad = row({"Landmarks": "1,2"}, static=True)
    assert "malformed row, not drawn: Landmarks: must hold 240 numbers" in bad.summary
    text = bad._repr_mimebundle_()["text/plain"]
    assert text.startswith(bad.summary)
    assert text.endswith(
        "\n  picture: not drawn (Landmarks: must hold 240 numbers (120 points × 2), found 2)"
    )


def test_mimebundle_include_exclude() -> None:
    view = row({"Path": "a.jpg", "Heart": "1 4"})
    assert set(view._repr_mimebundle_(include=[MIME_ROW])) == {MIME_ROW}
    data, metadata = view._repr_mimebundle_(exclude=[MIME_ROW])
    assert set(data) == {"text/plain", "image/png", "text/html"}
    assert set(metadata) == {"image/png"}
    assert set(view._repr_mimebundle_(exclude=["image/png"])) == {
        MIME_ROW,
        "text/plain",
        "text/html",
    }
    assert set(row({"Path": "a.jpg"}, static=False)._repr_mimebundle_(exclude=[MIME_ROW])) == {
        "text/plain"
    }


@pytest.mark.parametrize("bad", [[1, 2], "Path,Heart", None, 3.0])
def test_row_must_be_series_or_mapping(bad: object) -> None:
    with pytest.raises(TypeError):
        row(bad)


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "512"])
def test_max_side_must_be_positive_int(bad: object) -> None:
    with pytest.raises(ValueError, match="max_side"):
        row({"Path": "a.jpg"}, max_side=bad)


def test_row_returns_a_rowview() -> None:
    assert isinstance(row({"image_id": "x"}), RowView)


def test_empty_mask_cell_becomes_null(tmp_path: Path) -> None:
    path = tmp_path / "empty-heart.csv"
    path.write_text('image_id,Right Lung,Left Lung,Heart,Height,Width\nabc,"1 10",,,1024,1024\n')
    view = row(read_csv(path).iloc[0])
    assert view.payload["row"]["Heart"] is None
    assert view.payload["row"]["Left Lung"] is None
    assert "Right Lung 10; Left Lung 0 (empty); Heart 0 (empty)" in view.summary


def test_a_whole_dataframe_is_refused(shared_data: Path) -> None:
    with pytest.raises(TypeError, match="iloc"):
        row(read_csv(shared_data / "chexmask-preprocessed" / "VinDr-CXR.csv"))


# --- show(): display now, return None ----------------------------------------------------------


@pytest.fixture
def displayed(monkeypatch) -> list[object]:
    """What ``IPython.display.display`` is given, as in a kernel (a shell is running)."""
    import IPython
    import IPython.display

    shown: list[object] = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", lambda *objects: shown.extend(objects))
    return shown


def test_show_displays_a_row_at_once_and_returns_none(displayed: list[object]) -> None:
    frame = read_csv(cm.sample_csv())
    for i in range(3):  # in a loop: one view each
        assert show(frame.iloc[i]) is None
    assert [type(v) for v in displayed] == [RowView] * 3
    first = displayed[0]
    assert isinstance(first, RowView)
    assert first.payload == row(frame.iloc[0]).payload


def test_show_passes_the_row_options_on(displayed: list[object]) -> None:
    frame = read_csv(cm.sample_csv())
    show(frame.iloc[0], cm.sample_xray(), max_side=256, title="t", static=False)
    (view,) = displayed
    assert isinstance(view, RowView)
    assert view.payload["title"] == "t"
    assert view.payload["image"]["width"] == 256
    assert set(view._repr_mimebundle_()) == {MIME_ROW, "text/plain"}


def test_show_displays_any_view_as_it_is(displayed: list[object]) -> None:
    frame = read_csv(cm.sample_csv())
    views = [row(frame.iloc[0]), cm.rca_histogram(frame), cm.landmarks(frame)]
    for view in views:
        assert show(view) is None
        assert view.show() is None
    assert displayed == [v for v in views for _ in range(2)]


@pytest.mark.parametrize(
    "options", [{"image": "x.png"}, {"max_side": 512}, {"title": "t"}, {"static": True}]
)
def test_show_of_a_view_refuses_row_options(options: dict, displayed: list[object]) -> None:
    view = cm.rca_histogram(read_csv(cm.sample_csv()))
    with pytest.raises(TypeError, match=f"takes no row options \\({next(iter(options))}\\)"):
        show(view, **options)
    assert displayed == []


def test_show_outside_ipython_prints_the_summary(capsys) -> None:
    frame = read_csv(cm.sample_csv())
    show(frame.iloc[0], static=False)
    assert capsys.readouterr().out == row(frame.iloc[0]).summary + "\n"
    show({"Path": "a.jpg", "Heart": "1 2 3"})  # malformed: the summary and the picture's note
    out = capsys.readouterr().out
    assert "malformed row, not drawn: Heart: has an odd count of numbers (3)" in out
    assert out.endswith(
        '  picture: not drawn (Heart: has an odd count of numbers (3): a mask is "start length" '
        "pairs)\n"
    )
