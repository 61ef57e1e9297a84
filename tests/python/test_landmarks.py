"""landmarks(): the payload, group inference, limits and the summary, on the real rows."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import DATASET_OF_FILE

from jupyterlab_chexmask import MIME_LANDMARKS, LandmarkPlot, landmarks, read_csv


def _flat(n: int = 120) -> str:
    """A flat Preprocessed-style Landmarks cell."""
    return ",".join(f"{k},{2 * k + 1}" for k in range(n))


@pytest.fixture(scope="module")
def shared_frames(shared_data: Path) -> dict[str, pd.DataFrame]:
    """The six files of the 305 shared rows, by file name."""
    folder = shared_data / "chexmask-preprocessed"
    return {
        name: read_csv(folder / name)
        for name in sorted(DATASET_OF_FILE)
        if (folder / name).exists()
    }


def test_305_rows_grouped_by_inferred_dataset(shared_frames: dict[str, pd.DataFrame]) -> None:
    frames = list(shared_frames.values())
    plot = landmarks(pd.concat(frames, ignore_index=True))
    bundle, metadata = plot._repr_mimebundle_()  # with the kernel's picture, by default
    assert set(bundle) == {MIME_LANDMARKS, "text/plain", "image/png", "text/html"}
    assert set(metadata) == {"image/png"}
    payload = bundle[MIME_LANDMARKS]
    assert payload is plot.payload
    json.dumps(payload, allow_nan=False)
    assert payload["version"] == 1
    assert payload["title"] is None
    assert payload["groupBy"] == "dataset"
    assert payload["frame"] == "pixels"  # all 1024x1024, Padchest's empty sizes included
    rows = payload["rows"]
    assert len(rows) == 305

    expected_groups: list[str] = []
    expected_ids: list[str] = []
    raw_landmarks: list[str] = []
    for name, frame in shared_frames.items():
        expected_groups += [DATASET_OF_FILE[name]] * len(frame)
        id_column = frame.columns[0]
        expected_ids += [str(v) for v in frame[id_column]]
        raw_landmarks += list(frame["Landmarks"])
    assert [r["group"] for r in rows] == expected_groups
    assert [r["dataset"] for r in rows] == expected_groups
    assert [r["id"] for r in rows] == expected_ids
    # The raw cells, unparsed: the frontend's core parses them once.
    assert [r["landmarks"] for r in rows] == raw_landmarks
    assert all(isinstance(r["landmarks"], str) for r in rows)
    assert {(r["height"], r["width"]) for r in rows} == {(1024, 1024)}
    assert all("row" not in r for r in rows)

    text = bundle["text/plain"]
    assert text.startswith("CheXmask landmark plot: 305 rows in 6 groups by dataset")
    assert "CANDID-PTX 50" in text
    assert "CheXpert 56" in text
    assert "MIMIC-CXR-JPG 49" in text
    assert "frame: mask pixels (1024x1024" in text
    assert repr(plot).startswith("<LandmarkPlot CheXmask landmark plot: 305 rows")


def test_a_list_of_frames_is_the_same_as_their_concatenation(
    shared_frames: dict[str, pd.DataFrame],
) -> None:
    frames = list(shared_frames.values())
    assert landmarks(frames).payload == landmarks(pd.concat(frames, ignore_index=True)).payload


def test_one_dataset_is_not_grouped(shared_frames: dict[str, pd.DataFrame]) -> None:
    frame = shared_frames["Padchest.csv"]
    payload = landmarks(frame).payload
    assert payload["groupBy"] is None
    assert all("group" not in r for r in payload["rows"])
    assert {r["dataset"] for r in payload["rows"]} == {"Padchest"}
    # Empty Height/Width mean 1024, as in the CSV rules.
    assert frame["Height"].isna().any()
    assert {(r["height"], r["width"]) for r in payload["rows"]} == {(1024, 1024)}
    assert landmarks(frame, group_by="dataset").payload["groupBy"] == "dataset"


def test_candid_and_padchest_share_imageid(shared_frames: dict[str, pd.DataFrame]) -> None:
    both = pd.concat(
        [shared_frames["CANDID-PTX.csv"], shared_frames["Padchest.csv"]], ignore_index=True
    )
    payload = landmarks(both).payload
    assert payload["groupBy"] == "dataset"
    assert [r["group"] for r in payload["rows"]] == ["CANDID-PTX"] * 50 + ["Padchest"] * 50


def test_group_by_a_column(shared_frames: dict[str, pd.DataFrame]) -> None:
    frame = pd.concat(list(shared_frames.values()), ignore_index=True)
    frame["quality"] = np.where(frame["Dice RCA (Mean)"] >= 0.7, "good", "low")
    frame.loc[3, "quality"] = None
    plot = landmarks(frame, group_by="quality", title="by quality")
    payload = plot.payload
    json.dumps(payload, allow_nan=False)
    assert payload["groupBy"] == "quality"
    assert payload["title"] == "by quality"
    groups = [r["group"] for r in payload["rows"]]
    assert groups[3] is None
    assert set(groups) == {"good", "low", None}
    assert "by quality" in plot.summary
    assert "(none) 1" in plot.summary
    assert landmarks(frame, group_by=False).payload["groupBy"] is None


def test_one_series_with_its_masks_underneath(shared_frames: dict[str, pd.DataFrame]) -> None:
    series = shared_frames["CheXpert.csv"].iloc[0]
    plot = landmarks(series, underlay=True)
    payload = plot.payload
    json.dumps(payload, allow_nan=False)
    (row,) = payload["rows"]
    assert row["id"] == series["Path"]
    assert row["dataset"] == "CheXpert"
    assert row["landmarks"] == series["Landmarks"]
    assert row["row"]["Heart"] == series["Heart"]
    assert row["row"]["Path"] == series["Path"]
    assert payload["groupBy"] is None
    assert payload["frame"] == "pixels"
    assert plot.summary.startswith("CheXmask landmark plot: 1 row from CheXpert")
    assert "row" not in landmarks(series).payload["rows"][0]


def test_sizes_that_differ_are_normalised() -> None:
    rows = [
        {"image_id": "a", "Landmarks": _flat(), "Height": 1024, "Width": 1024},
        {"image_id": "b", "Landmarks": _flat(), "Height": "2828.0", "Width": 2320},
    ]
    plot = landmarks(rows)
    assert plot.payload["frame"] == "normalized"
    assert [(r["height"], r["width"]) for r in plot.payload["rows"]] == [(1024, 1024), (2828, 2320)]
    assert "normalised by image size" in plot.summary
    assert landmarks(rows, frame="pixels").payload["frame"] == "pixels"


def test_numbers_and_numpy_landmarks_are_json_safe() -> None:
    points = np.arange(240, dtype=np.int64).reshape(120, 2)
    rows = [
        {"dicom_id": "m1", "Landmarks": points, "Height": np.int64(512), "Width": 512.0},
        pd.Series({"dicom_id": "m2", "Landmarks": points.ravel().tolist()}),
    ]
    payload = landmarks(rows).payload
    json.dumps(payload, allow_nan=False)
    assert payload["rows"][0]["landmarks"][:2] == [[0, 1], [2, 3]]
    assert payload["rows"][1]["landmarks"][:3] == [0, 1, 2]
    assert payload["rows"][0]["height"] == 512
    assert payload["rows"][1]["height"] == 1024


def test_original_resolution_cells_pass_through_unparsed(shared_data: Path) -> None:
    folder = shared_data / "original-resolution-synthetic"
    frame = read_csv(folder / "CheXpert_synthetic_2828x2320.csv")
    row = landmarks(frame).payload["rows"][0]
    assert row["landmarks"] == frame["Landmarks"][0]
    assert "\n" in row["landmarks"]
    assert (row["height"], row["width"]) == (2828, 2320)


def test_10000_rows_are_taken_and_10001_refused() -> None:
    frame = pd.DataFrame({"image_id": [f"r{i}" for i in range(10_001)], "Landmarks": _flat()})
    # Packed (version 2): the rows as columns.
    assert landmarks(frame.iloc[:10_000]).payload["rowCount"] == 10_000
    with pytest.raises(ValueError, match=r"10,001 rows .* 10,000 .*sample\(10000\)"):
        landmarks(frame)
    with pytest.raises(ValueError, match="10,001 rows"):
        landmarks([frame.iloc[:5000], frame.iloc[5000:]])


def test_more_than_64_groups_refused() -> None:
    frame = pd.DataFrame({"image_id": list("abcdefghij") * 7, "Landmarks": _flat()})
    frame["site"] = range(70)
    with pytest.raises(ValueError, match="70 distinct values"):
        landmarks(frame, group_by="site")


@pytest.mark.parametrize(
    ("rows", "kwargs", "error", "message"),
    [
        ([], {}, ValueError, "no rows"),
        (pd.DataFrame({"Landmarks": []}), {}, ValueError, "no rows"),
        ("Landmarks", {}, TypeError, "got str"),
        (3.0, {}, TypeError, "got float"),
        ([{"Landmarks": _flat()}, 4], {}, TypeError, r"rows\[1\]"),
        (
            [{"image_id": "x", "Landmarks": math.nan}],
            {},
            ValueError,
            r"row 0 \(x\) has no Landmarks",
        ),
        ([{"Heart": "1 2"}], {}, ValueError, "row 0 has no Landmarks"),
        ([{"Landmarks": _flat(), "Height": -3}], {}, ValueError, "row 0: Height"),
        ([{"Landmarks": _flat()}] * 2, {"underlay": True}, ValueError, "one row"),
        ([{"Landmarks": _flat()}], {"group_by": "sex"}, ValueError, "'sex' is in none"),
        ([{"Landmarks": _flat()}], {"group_by": 3}, TypeError, "column name"),
        ([{"Landmarks": _flat()}], {"frame": "mm"}, ValueError, "frame must be"),
    ],
)
def test_bad_input_is_refused(rows: object, kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        landmarks(rows, **kwargs)


def test_mimebundle_include_exclude() -> None:
    plot = landmarks({"Path": "a.jpg", "Landmarks": _flat()})
    assert isinstance(plot, LandmarkPlot)
    assert set(plot._repr_mimebundle_(include=[MIME_LANDMARKS])) == {MIME_LANDMARKS}
    assert set(plot._repr_mimebundle_(exclude=[MIME_LANDMARKS])[0]) == {
        "text/plain",
        "image/png",
        "text/html",
    }
    plain = landmarks({"Path": "a.jpg", "Landmarks": _flat()}, static=False)
    assert set(plain._repr_mimebundle_(exclude=[MIME_LANDMARKS])) == {"text/plain"}
    assert MIME_LANDMARKS == "application/vnd.chexmask.landmarks.v1+json"
    assert landmarks.__doc__
    assert LandmarkPlot.__doc__
