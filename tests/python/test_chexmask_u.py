"""CheXmask-U rows: ``Landmarks (Mean)`` as the landmarks, ``Landmarks (Std)`` as their σ.

The rows are the shared CheXmask rows in CheXmask-U's format with SYNTHETIC σ
(``chexmask_u.py``: a formula, not real CheXmask-U data), made in memory or
in pytest's temporary folder, never in the repository.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from chexmask_u import chexmask_u_frame, synthetic_sigma, synthetic_std

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.format.cells import RowFormatError, row_cells
from jupyterlab_chexmask.format.landmarks import mean_sigma, parse_landmark_std
from jupyterlab_chexmask.row.check import check_row
from jupyterlab_chexmask.row.picture import row_alt_text
from jupyterlab_chexmask.row.summary import summarize

STD = "Landmarks (Std)"
MEAN = "Landmarks (Mean)"
ORGANS = {"Right Lung": (0, 44), "Left Lung": (44, 94), "Heart": (94, 120)}


def test_every_shared_row_as_chexmask_u(csv_file: Path) -> None:
    """The mean landmarks are the row's landmarks, σ is read exactly, nothing else changes."""
    frame = cm.read_csv(csv_file)
    u = chexmask_u_frame(frame)
    assert list(u.columns)[1:5] == ["Dice RCA (Mean)", "Dice RCA (Max)", MEAN, STD]
    for i in range(len(frame)):
        plain = check_row(row_cells(frame.iloc[i]))
        row = check_row(row_cells(u.iloc[i]))
        assert plain.landmarks is not None
        assert row.landmarks is not None
        np.testing.assert_array_equal(row.landmarks, plain.landmarks)
        assert row.sigma is not None
        np.testing.assert_array_equal(row.sigma, synthetic_sigma(i))
        assert row.warnings == plain.warnings
        assert row.masks == plain.masks


def test_a_chexmask_u_file_reads_back_as_text(shared_data: Path, tmp_path: Path) -> None:
    """``cm.read_csv`` keeps both landmark columns as text; the summary says the mean σ."""
    frame = cm.read_csv(shared_data / "chexmask-preprocessed" / "VinDr-CXR.csv")
    path = tmp_path / "VinDr-CXR-U.csv"
    chexmask_u_frame(frame).to_csv(path, index=False)
    read = cm.read_csv(path)
    assert read[STD].map(type).eq(str).all()
    assert read[MEAN].map(type).eq(str).all()
    assert read[STD].iloc[0] == synthetic_std(0)
    summary = summarize(row_cells(read.iloc[0]))
    expected = float(np.mean(synthetic_sigma(0).mean(axis=1)))
    assert summary.sigma_mean == pytest.approx(expected, abs=1e-12)
    text = cm.row(read.iloc[0], static=False).summary
    assert f"landmark σ (CheXmask-U): mean {expected:.2f} px" in text
    assert f"; landmark σ mean {expected:.2f} px." in row_alt_text(summary)
    # A plain row says nothing of σ.
    assert "σ" not in row_alt_text(summarize(row_cells(frame.iloc[0])))


def test_the_mean_sigma_sums_as_the_core_does() -> None:
    sigma = synthetic_sigma(5)
    total = 0.0
    for sx, sy in sigma.tolist():
        total += (sx + sy) / 2
    assert mean_sigma(sigma) == total / 120


#: A bad ``Landmarks (Std)`` cell and the view's message (``malformed-rows.ts`` has the same).
BAD_STD = [
    ("239 numbers", lambda s: s.rsplit(",", 1)[0], r"found 239$"),
    ("241 numbers", lambda s: s + ",1.00", r"found more$"),
    (
        "negative",
        lambda s: "-0.50" + s[s.index(",") :],
        r"number 1 is -0.5, but a standard deviation is never negative$",
    ),
    ("nan", lambda s: s.rsplit(",", 1)[0] + ",nan", r'number 240 is not a number: "nan"$'),
    (
        "1e400",
        lambda s: "1e400" + s[s.index(",") :],
        r"number 1 is Infinity, not a finite standard deviation$",
    ),
    ("above 65535", lambda s: "70000" + s[s.index(",") :], r"is 70000, beyond 65535 pixels$"),
    ("a word", lambda s: "wide", r'number 1 is not a number: "wide"$'),
    ("an object", lambda s: {"x": 1}, r"must be a string or an array of 240 numbers .* object$"),
    ("a number", lambda s: 3.5, r"got a number$"),
    ("50 MB", lambda s: "1.25," * 10_000_000, r"is 50000000 characters long"),
]


@pytest.mark.parametrize(("name", "change", "message"), BAD_STD, ids=[c[0] for c in BAD_STD])
def test_a_bad_std_cell_names_its_field(name, change, message, shared_data: Path) -> None:
    frame = chexmask_u_frame(cm.read_csv(shared_data / "chexmask-preprocessed" / "CheXpert.csv"))
    cells = row_cells(frame.iloc[0])
    cells[STD] = change(cells[STD])
    with pytest.raises(RowFormatError) as caught:
        check_row(cells)
    assert caught.value.field == STD
    assert str(caught.value).startswith(f"{STD}: ")
    assert re.search(message, str(caught.value)), (name, str(caught.value))
    # The summary refuses the row naming the field; the view would show the same.
    assert (
        cm.row(cells, static=False)
        .summary.splitlines()[-1]
        .startswith(f"  malformed row, not drawn: {STD}: ")
    )


def test_std_encodings_read_alike() -> None:
    sigma = synthetic_sigma(2)
    numpy_print = np.array2string(sigma, precision=2, separator=" ", floatmode="fixed")
    for value in (synthetic_std(2), sigma.ravel().tolist(), sigma.tolist(), numpy_print):
        np.testing.assert_array_equal(parse_landmark_std(value), sigma)


def test_std_without_landmarks_is_not_shown(shared_data: Path) -> None:
    frame = cm.read_csv(shared_data / "chexmask-preprocessed" / "CheXpert.csv")
    cells = row_cells(frame.iloc[0])
    cells["Landmarks"] = ""
    cells[STD] = synthetic_std(1)
    row = check_row(cells)
    assert row.sigma is None
    assert row.landmarks is None
    assert (
        "Landmarks (Std) is given without landmarks (Landmarks (Mean)): "
        "the uncertainty is not shown"
    ) in row.warnings
    cells["Landmarks"] = frame["Landmarks"].iloc[0]
    cells[MEAN] = frame["Landmarks"].iloc[1]
    row = check_row(cells)
    assert row.landmarks is not None
    np.testing.assert_array_equal(
        row.landmarks[0], check_row(row_cells(frame.iloc[1])).landmarks[0]
    )  # type: ignore[index]
    assert (
        "both Landmarks and Landmarks (Mean) are given: Landmarks (Mean) is drawn" in row.warnings
    )


def test_measure_sigma_columns_on_chexmask_u_rows(csv_file: Path) -> None:
    """``cm.measure``'s σ columns on every shared file as CheXmask-U: the synthetic σ's means."""
    frame = chexmask_u_frame(cm.read_csv(csv_file))
    result = cm.measure(frame, progress=False)
    plain = cm.measure(cm.read_csv(csv_file), progress=False)
    assert (result["problem"] == "").all()
    for i in range(len(frame)):
        node = synthetic_sigma(i).mean(axis=1)
        assert result["Landmark σ"].iloc[i] == pytest.approx(node.mean(), abs=1e-12)
        for organ, (a, b) in ORGANS.items():
            assert result[f"{organ} σ"].iloc[i] == pytest.approx(node[a:b].mean(), abs=1e-12)
    # The other measures are the plain rows'.
    shared = [c for c in plain.columns if c in result.columns and c != "dataset"]
    pd.testing.assert_frame_equal(result[shared], plain[shared])


def test_measure_bad_std_cells(shared_data: Path) -> None:
    """A bad Std cell: that row's σ is NaN, its problem is the view's message, the rest stands."""
    base = chexmask_u_frame(cm.read_csv(shared_data / "chexmask-preprocessed" / "CheXpert.csv"))
    base = base.iloc[: len(BAD_STD)].reset_index(drop=True)
    good = cm.measure(base, progress=False)
    frame = base.copy()
    frame[STD] = [change(cell) for (_, change, _), cell in zip(BAD_STD, base[STD], strict=True)]
    result = cm.measure(frame, progress=False)
    for i in range(len(frame)):
        assert math.isnan(result["Landmark σ"].iloc[i])
        with pytest.raises(RowFormatError) as caught:
            check_row(row_cells(frame.iloc[i]))
        assert result["problem"].iloc[i] == str(caught.value)
        assert result["CTR"].iloc[i] == good["CTR"].iloc[i]
        assert result["Heart area"].iloc[i] == good["Heart area"].iloc[i]
    # With a bad mask too, the problem is the first the row view meets: the Std cell.
    frame["Heart"] = "1 2 5"
    result = cm.measure(frame, progress=False)
    for i in range(len(frame)):
        with pytest.raises(RowFormatError) as caught:
            check_row(row_cells(frame.iloc[i]))
        assert caught.value.field == STD
        assert result["problem"].iloc[i] == str(caught.value)
        assert math.isnan(result["Heart area"].iloc[i])
