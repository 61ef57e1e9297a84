"""``cm.agreement``: matching, unmatched ids, problems, workers, and the numbers against medpy."""

from __future__ import annotations

import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("medpy")
pytest.importorskip("scipy")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "parity"))
import importlib

import compare_oracles

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.format.columns import ORGAN_COLUMNS


@pytest.fixture(scope="module")
def rows(shared_data: Path) -> pd.DataFrame:
    return cm.read_csv(shared_data / "chexmask-preprocessed" / "CheXpert.csv", nrows=24)


def _perturbed(rows: pd.DataFrame) -> pd.DataFrame:
    """Each row's organs changed a different way (shift, dilation, erosion, emptied, another's)."""
    out = rows.copy()
    for i in range(len(rows)):
        for k, organ in enumerate(ORGAN_COLUMNS):
            mask = cm.decode_rle(rows[organ].iloc[i], 1024, 1024)
            other = cm.decode_rle(rows[organ].iloc[(i + 1) % len(rows)], 1024, 1024)
            kinds = list(compare_oracles.perturbations(mask, other))
            _, changed = kinds[(i + k) % len(kinds)]
            out.iloc[i, out.columns.get_loc(organ)] = cm.encode_rle(changed) or np.nan
    return out


def test_equals_medpy_on_perturbed_shared_rows(rows: pd.DataFrame) -> None:
    other = _perturbed(rows)
    result = cm.agreement(rows, other, progress=False)
    assert list(result.index) == list(rows["Path"])
    largest = 0.0
    for i in range(len(rows)):
        for organ in ORGAN_COLUMNS:
            a = cm.decode_rle(rows[organ].iloc[i], 1024, 1024)
            b = cm.decode_rle(other[organ].iloc[i], 1024, 1024)
            expected = compare_oracles.oracle(a, b)
            for metric, column in (("dice", "Dice"), ("iou", "IoU"), ("hd95", "HD95")):
                value = float(result[f"{column} {organ}"].iloc[i])
                if expected[metric] is None:
                    assert math.isnan(value)
                else:
                    largest = max(largest, abs(value - expected[metric]))
                    assert value == expected[metric], (i, organ, metric)
    assert largest == 0.0
    assert (result["problem"] == "").all()
    assert result["Mean landmark distance"].eq(0).all()  # landmarks were not changed


def test_matching_reports_unmatched_ids_and_keeps_a_order(rows: pd.DataFrame) -> None:
    other = rows.iloc[::-1].drop(index=[2, 5]).copy()
    extra = other.iloc[[0]].copy()
    extra["Path"] = "not/in/a.jpg"
    other = pd.concat([other, extra])
    with pytest.warns(UserWarning, match=r"2 ids of a_rows are not in b_rows.*1 ids of b_rows"):
        result = cm.agreement(rows, other, progress=False)
    expected = [p for i, p in enumerate(rows["Path"]) if i not in (2, 5)]
    assert list(result.index) == expected
    assert result.index.name == "Path"
    assert result.attrs["unmatched"] == {
        "a": [rows["Path"].iloc[2], rows["Path"].iloc[5]],
        "b": ["not/in/a.jpg"],
    }
    assert (result[[f"Dice {o}" for o in ORGAN_COLUMNS]] == 1).all().all()


def test_on_names_the_columns_and_bad_ids_are_refused(rows: pd.DataFrame) -> None:
    other = rows.rename(columns={"Path": "image"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = cm.agreement(rows, other, on=("Path", "image"), progress=False)
    assert len(result) == len(rows)
    with pytest.raises(ValueError, match="b_rows has no id column"):
        cm.agreement(rows, other.drop(columns=["image"]), progress=False)
    with pytest.raises(ValueError, match="b_rows has no column 'Path' to match on"):
        cm.agreement(rows, other, on="Path", progress=False)
    doubled = pd.concat([rows, rows.iloc[[3]]])
    with pytest.raises(ValueError, match=r"a_rows: Path must identify each row once"):
        cm.agreement(doubled, rows, progress=False)
    with pytest.raises(TypeError, match="b_rows must be a DataFrame or a CSV path"):
        cm.agreement(rows, 42, progress=False)  # type: ignore[arg-type]


def test_csv_paths_and_other_layouts(rows: pd.DataFrame, tmp_path: Path) -> None:
    other = _perturbed(rows)
    # The other source in another column order, without Height/Width (1024² then).
    reordered = other[["Heart", "Landmarks", "Path", "Left Lung", "Right Lung"]]
    a_path, b_path = tmp_path / "a.csv", tmp_path / "b.csv"
    rows.to_csv(a_path, index=False)
    reordered.to_csv(b_path, index=False)
    from_files = cm.agreement(a_path, str(b_path), progress=False)
    from_frames = cm.agreement(rows, other, progress=False)
    pd.testing.assert_frame_equal(from_files, from_frames)


def test_problems_make_nan_and_say_why(rows: pd.DataFrame) -> None:
    other = rows.copy()
    other.loc[1, "Height"] = 512
    other.loc[1, "Right Lung"] = "1 5"
    other.loc[1, "Left Lung"] = np.nan
    other.loc[1, "Heart"] = np.nan
    other.loc[4, "Heart"] = "1 2 3"
    other.loc[6, "Landmarks"] = "1,2,3"
    result = cm.agreement(rows, other, progress=False)
    assert result["problem"].iloc[1] == "size: a_rows' mask is 1024×1024, b_rows' is 512×1024"
    assert result.iloc[1].drop("problem").isna().all()
    assert result["problem"].iloc[4].startswith("b_rows Heart: has an odd count of numbers")
    assert math.isnan(result["Dice Heart"].iloc[4])
    assert result["Dice Right Lung"].iloc[4] == 1.0
    assert math.isnan(result["Mean landmark distance"].iloc[6])
    assert result["Dice Heart"].iloc[6] == 1.0


def test_landmark_distance_and_columns(rows: pd.DataFrame) -> None:
    other = rows.copy()
    moved = []
    for text in rows["Landmarks"]:
        xy = np.add(np.array([int(v) for v in text.split(",")]).reshape(-1, 2), (3, 4))
        moved.append(",".join(str(v) for v in xy.ravel()))
    other["Landmarks"] = moved
    result = cm.agreement(rows, other, progress=False, distances=False)
    assert result["Mean landmark distance"].eq(5.0).all()
    assert [c for c in result.columns if c.startswith("HD95")] == []
    without = cm.agreement(rows, other.drop(columns=["Landmarks"]), progress=False)
    assert list(without.columns) == [
        *(f"{m} {o}" for m in ("Dice", "IoU", "HD95") for o in ORGAN_COLUMNS),
        "problem",
    ]


def test_worker_processes_give_the_same_frame(
    rows: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The module (its name is shadowed by the function in the package).
    agreement_module = importlib.import_module("jupyterlab_chexmask.compare.agreement")
    other = _perturbed(rows)
    serial = cm.agreement(rows, other, progress=False, workers=1)
    monkeypatch.setattr(agreement_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(agreement_module, "CHUNK_PAIRS", 5)
    parallel = cm.agreement(rows, other, progress=False, workers=2)
    pd.testing.assert_frame_equal(serial, parallel)


def test_feeds_a_gallery_sorted_by_the_worst_heart(rows: pd.DataFrame) -> None:
    """The agreement frame joins the rows on their id and sorts a gallery worst first."""
    other = _perturbed(rows)
    result = cm.agreement(rows, other, progress=False)
    joined = rows.merge(result, left_on="Path", right_index=True)
    shown = cm.gallery(joined, sort_by="Dice Heart", ascending=True, static=False)
    payload_rows = shown.payload["rows"]
    dice = result["Dice Heart"].dropna().sort_values(kind="stable")
    assert [r["id"] for r in payload_rows[: len(dice)]] == list(dice.index)
    assert payload_rows[0]["values"]["Dice Heart"] == dice.iloc[0]
    assert shown.payload["sortBy"] == "Dice Heart"
