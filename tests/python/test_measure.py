"""``cm.measure``: one row of measures per CheXmask row, equal to the row view's.

Areas and the cardiothoracic ratio are checked against ``row/measure.py`` (the
port of the TypeScript core that a jest parity test keeps equal to the view)
and against the shared oracles' pixel counts, on every shared row.
"""

from __future__ import annotations

import gzip
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.format.cells import RowFormatError, row_cells
from jupyterlab_chexmask.measure.chunks import cut
from jupyterlab_chexmask.row.check import check_row
from jupyterlab_chexmask.row.measure import measure_row

ORGANS = ("Right Lung", "Left Lung", "Heart")
MEAN, MAX = "Dice RCA (Mean)", "Dice RCA (Max)"


def same(a: object, b: object) -> bool:
    """Equal, with NaN equal to NaN and to None."""
    missing_a = a is None or (isinstance(a, float) and math.isnan(a))
    missing_b = b is None or (isinstance(b, float) and math.isnan(b))
    return (missing_a and missing_b) or a == b


def test_shared_rows_equal_the_row_view(csv_file: Path, oracles) -> None:
    result = cm.measure(csv_file, progress=False)
    frame = cm.read_csv(csv_file)
    expected = oracles(csv_file)
    assert len(result) == len(frame) == len(expected)
    assert (result["problem"] == "").all()
    assert (result["dataset"] == csv_file.stem).all()
    for i in range(len(frame)):
        view = measure_row(check_row(row_cells(frame.iloc[i])))
        got = result.iloc[i]
        assert same(got["CTR"], view.ctr), (i, got["CTR"], view.ctr)  # exactly
        for organ in ORGANS:
            assert got[f"{organ} area"] == view.pixels[organ]
            oracle = expected[i].get(organ)
            if oracle and "pixels" in oracle:
                assert got[f"{organ} area"] == oracle["pixels"]
        assert got["Height"] == expected[i]["height"]
        assert got["Width"] == expected[i]["width"]
        assert same(got[MEAN], expected[i]["dice_rca_mean"])
        assert same(got[MAX], expected[i]["dice_rca_max"])
        assert got["swapped"] == (got[MEAN] > got[MAX])
        assert got[expected[i]["id_column"]] == expected[i]["id"]


@pytest.fixture(scope="module")
def shared_csvs(shared_data: Path) -> list[Path]:
    return sorted(shared_data.glob("*/*.csv"))


def test_sources_paths_frames_dicts_and_gzip(shared_csvs: list[Path], tmp_path: Path) -> None:
    path = shared_csvs[0]
    by_path = cm.measure(path, progress=False)
    by_frame = cm.measure({path.stem: cm.read_csv(path)}, progress=False)
    pd.testing.assert_frame_equal(by_path, by_frame)
    gz = tmp_path / f"{path.stem}.csv.gz"
    with open(path, "rb") as src, gzip.open(gz, "wb") as dst:
        shutil.copyfileobj(src, dst)
    pd.testing.assert_frame_equal(by_path, cm.measure(gz, progress=False))
    both = cm.measure({"a": path, "b": [cm.read_csv(shared_csvs[1]), shared_csvs[2]]}, False)
    sizes = [len(cm.read_csv(p)) for p in shared_csvs[:3]]
    assert len(both) == sum(sizes)
    assert list(both["dataset"]) == ["a"] * sizes[0] + ["b"] * (sizes[1] + sizes[2])
    # A DataFrame without a name: the dataset is inferred from the id column.
    frame = cm.read_csv(shared_csvs[1])
    inferred = cm.measure(frame, progress=False)
    assert inferred["dataset"].iloc[0] in {"CANDID-PTX", "CheXpert", "ChestX-ray8"}


def test_worker_processes_and_small_chunks_give_the_same_rows(
    shared_csvs: list[Path], tmp_path: Path
) -> None:
    """Cut into many chunks (multi-line quoted cells included) and measured by 2 workers."""
    for path in shared_csvs:
        alone = cm.measure(path, progress=False, workers=1)
        split = cm.measure(path, progress=False, workers=2, parallel_min=0, chunk_bytes=50_000)
        pd.testing.assert_frame_equal(alone, split)
        gz = tmp_path / f"{path.stem}.csv.gz"
        gz.write_bytes(gzip.compress(path.read_bytes()))
        pd.testing.assert_frame_equal(
            alone.assign(dataset=gz.name[: -len(".csv.gz")]),
            cm.measure(gz, progress=False, chunk_bytes=50_000),
        )


def test_cut_ends_at_a_newline_outside_quotes() -> None:
    assert cut(b'a,"x\ny"\nb,"p\nq', last=False) == len(b'a,"x\ny"\n')
    assert cut(b'a,"x\ny', last=False) == 0
    assert cut(b"a,b", last=True) == 3


@pytest.fixture(scope="module")
def one_row(shared_data: Path) -> pd.DataFrame:
    return cm.read_csv(shared_data / "chexmask-preprocessed" / "CheXpert.csv").iloc[:1]


def bad_rows(one_row: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The first shared row, then copies of it with one bad cell each, and their fields."""
    good = one_row.iloc[0]
    heart = str(good["Heart"])
    cases = {
        "Left Lung": str(good["Left Lung"]) + " 7",  # an odd count of numbers
        "Heart": heart.replace(" ", " x", 1),  # a letter
        "Height": "abc",
        MEAN: "0.5x",
        "Right Lung": "5 3 1 2",  # runs that go backwards
    }
    rows = [good.to_dict()]
    for column, value in cases.items():
        row = good.to_dict()
        row[column] = value
        rows.append(row)
    return pd.DataFrame(rows), ["", *cases]


def test_bad_cells_are_nan_with_a_problem_and_nothing_is_dropped(
    one_row: pd.DataFrame, tmp_path: Path
) -> None:
    frame, fields = bad_rows(one_row)
    path = tmp_path / "bad.csv"
    frame.to_csv(path, index=False)
    for result in (cm.measure(frame, progress=False), cm.measure(path, progress=False)):
        assert len(result) == len(frame)
        good = result.iloc[0]
        for i, field in enumerate(fields):
            got = result.iloc[i]
            if not field:
                assert got["problem"] == ""
                continue
            assert got["problem"].startswith(f"{field}: "), got["problem"]
            # The row view's words.
            with pytest.raises(RowFormatError) as error:
                check_row(row_cells(frame.iloc[i]))
            assert got["problem"] == str(error.value)
            if field in ORGANS:
                assert math.isnan(got[f"{field} area"])
                assert math.isnan(got["CTR"])
                others = [o for o in ORGANS if o != field]
                assert all(got[f"{o} area"] == good[f"{o} area"] for o in others)
                assert got[MEAN] == good[MEAN]
            elif field == "Height":
                assert all(math.isnan(got[f"{o} area"]) for o in ORGANS)
                assert math.isnan(got["Height"])
                assert math.isnan(got["CTR"])
                assert got["Width"] == good["Width"]
            else:  # Dice Mean
                assert math.isnan(got[MEAN])
                assert pd.isna(got["swapped"])
                assert got["CTR"] == good["CTR"]
                assert got[MAX] == good[MAX]


def test_missing_sizes_are_1024_and_empty_organs_are_empty_masks(one_row: pd.DataFrame) -> None:
    frame = one_row.drop(columns=["Height", "Width"]).assign(Heart=None)
    result = cm.measure(frame, progress=False).iloc[0]
    assert result["Height"] == result["Width"] == 1024
    assert result["Heart area"] == 0
    assert math.isnan(result["CTR"])
    assert result["problem"] == ""
    view = measure_row(check_row(row_cells(frame.iloc[0])))
    assert result["Left Lung area"] == view.pixels["Left Lung"]


def test_chexmask_u_landmark_sigma(one_row: pd.DataFrame) -> None:
    """Synthetic σ (CheXmask-U's ``Landmarks (Std)``: σx, σy per landmark, two decimals)."""
    rng = np.random.default_rng(0)
    sigma = np.round(rng.uniform(0.5, 9.0, size=(120, 2)), 2)
    text = ",".join(f"{v:.2f}" for v in sigma.ravel())
    frame = pd.concat([one_row, one_row], ignore_index=True)
    frame["Landmarks (Std)"] = [text, "1.0,2.0,oops"]
    result = cm.measure(frame, progress=False)
    node = sigma.mean(axis=1)
    assert result["Landmark σ"].iloc[0] == pytest.approx(node.mean(), abs=1e-12)
    assert result["Right Lung σ"].iloc[0] == pytest.approx(node[:44].mean(), abs=1e-12)
    assert result["Left Lung σ"].iloc[0] == pytest.approx(node[44:94].mean(), abs=1e-12)
    assert result["Heart σ"].iloc[0] == pytest.approx(node[94:].mean(), abs=1e-12)
    assert result["problem"].iloc[0] == ""
    assert result["problem"].iloc[1].startswith("Landmarks (Std): ")
    assert math.isnan(result["Landmark σ"].iloc[1])
    assert result["Heart area"].iloc[1] == result["Heart area"].iloc[0]
    # Mixed with a source without σ: NaN there, and `problem` stays the last column.
    mixed = cm.measure({"u": frame, "plain": one_row}, progress=False)
    assert list(mixed.columns)[-1] == "problem"
    assert math.isnan(mixed["Landmark σ"].iloc[2])
    assert mixed["problem"].iloc[2] == ""


def test_progress_false_prints_nothing(shared_csvs: list[Path], capsys) -> None:
    cm.measure(shared_csvs[0], progress=False)
    assert capsys.readouterr() == ("", "")
    cm.measure(shared_csvs[0], progress=True)
    assert "measure" in capsys.readouterr().err


def test_bad_sources() -> None:
    with pytest.raises(TypeError):
        cm.measure(42, progress=False)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"not found|no such|does not exist"):
        cm.measure("/nonexistent/file.csv", progress=False)


@pytest.mark.parametrize("spacing", [" ", "  "])  # "  " takes the byte-by-byte tokenizer
def test_random_masks_equal_the_row_view(spacing: str) -> None:
    """Small random masks, so that runs span several image rows (also full rows between)."""
    rng = np.random.default_rng(17)
    rows = []
    for _ in range(200):
        height, width = (int(v) for v in rng.integers(1, 9, size=2))
        cells: dict[str, object] = {"Path": "x", "Height": height, "Width": width}
        for organ in ORGANS:
            mask = rng.random((height, width)) < rng.choice([0.0, 0.3, 0.8])
            rle = cm.encode_rle(mask)
            cells[organ] = rle.replace(" ", spacing) if rle else None
        if all(cells[organ] is None for organ in ORGANS):  # the view refuses such a row
            cells["Heart"] = "1 1"
        rows.append(cells)
    frame = pd.DataFrame(rows)
    result = cm.measure({"random": frame}, progress=False)
    assert (result["problem"] == "").all()
    for i in range(len(frame)):
        view = measure_row(check_row(row_cells(frame.iloc[i])))
        assert same(result["CTR"].iloc[i], view.ctr), i
        for organ in ORGANS:
            assert result[f"{organ} area"].iloc[i] == view.pixels[organ]
