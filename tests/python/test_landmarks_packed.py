"""Version 2 of the landmark payload on the real rows: plots of more than 1,000 rows are
sent packed (rows as columns, landmarks as base64 of 16-bit integers) and unpack to exactly
what version 1 carries; anything that would not pack exactly stays version 1."""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jupyterlab_chexmask import landmarks, read_csv
from jupyterlab_chexmask.format.landmarks import parse_landmarks
from jupyterlab_chexmask.landmarks import display
from jupyterlab_chexmask.landmarks.packed import PACKED_ROWS, decode_landmarks, unpack_payload
from jupyterlab_chexmask.landmarks.picture import landmark_picture


@pytest.fixture(scope="module")
def many(shared_data: Path) -> pd.DataFrame:
    """1,200 real rows (the 305 shared rows, repeated), every dataset's id column."""
    folder = shared_data / "chexmask-preprocessed"
    frames = [read_csv(path) for path in sorted(folder.glob("*.csv"))]
    rows = pd.concat(frames, ignore_index=True)
    return pd.concat([rows] * 4, ignore_index=True).iloc[:1200].reset_index(drop=True)


def _version_1(rows: pd.DataFrame, monkeypatch: pytest.MonkeyPatch, **options: object) -> dict:
    """The version-1 payload of the same plot (packing turned off)."""
    with monkeypatch.context() as patch:
        patch.setattr(display, "pack_payload", lambda payload: None)
        return landmarks(rows, static=False, **options).payload  # type: ignore[arg-type]


@pytest.mark.parametrize("group_by", [None, "dataset", False])
def test_packed_rows_unpack_to_the_raw_cells(
    many: pd.DataFrame, monkeypatch: pytest.MonkeyPatch, group_by: object
) -> None:
    plot = landmarks(many, group_by=group_by, static=False)  # type: ignore[arg-type]
    packed = plot.payload
    assert packed["version"] == 2
    assert packed["rowCount"] == len(many)
    assert len(packed["landmarks"]) == len(many) * 640
    v1 = _version_1(many, monkeypatch, group_by=group_by)
    assert v1["version"] == 1
    rows, coords = unpack_payload(packed)
    for i, (row, original) in enumerate(zip(rows, v1["rows"], strict=True)):
        # The oracle: each raw cell's numbers, read straight from the CSV text.
        expected = np.array(original["landmarks"].split(","), dtype=np.float64).reshape(120, 2)
        assert np.array_equal(coords[i], expected)
        assert np.array_equal(coords[i], parse_landmarks(original["landmarks"]))
        assert row == {k: v for k, v in original.items() if k != "landmarks"}
    for key in ("groupBy", "frame", "title"):
        assert packed[key] == v1[key]
    # The summary and the kernel's picture are those of the same plot in version 1.
    assert plot.summary == landmarks(many, group_by=group_by, static=False).summary  # type: ignore[arg-type]
    picture_v2, alt_v2 = landmark_picture(packed)
    picture_v1, alt_v1 = landmark_picture(v1)
    assert alt_v2 == alt_v1
    assert np.array_equal(np.asarray(picture_v2), np.asarray(picture_v1))


def test_the_packing_is_little_endian_int16(many: pd.DataFrame) -> None:
    packed = landmarks(many, static=False).payload
    raw = base64.b64decode(packed["landmarks"], validate=True)
    first = [int.from_bytes(raw[i : i + 2], "little", signed=True) for i in range(0, 480, 2)]
    assert first == [int(v) for v in many["Landmarks"].iloc[0].split(",")]
    assert decode_landmarks(packed["landmarks"], len(many)).shape == (len(many), 120, 2)


def test_up_to_1000_rows_stay_version_1(many: pd.DataFrame) -> None:
    assert PACKED_ROWS == 1000
    assert landmarks(many.iloc[:PACKED_ROWS], static=False).payload["version"] == 1
    assert landmarks(many.iloc[: PACKED_ROWS + 1], static=False).payload["version"] == 2


@pytest.mark.parametrize(
    "cell",
    [
        "1,2,3",  # malformed: 3 numbers
        ",".join(["1.5"] * 240),  # not integers
        ",".join(["40000"] * 240),  # beyond 16 bits
    ],
)
def test_a_row_that_would_not_pack_exactly_keeps_version_1(many: pd.DataFrame, cell: str) -> None:
    """One such row among 1,200: the plot is sent as version 1, the cell as it is, and the
    view reports a malformed cell naming its row, as before."""
    rows = many.copy()
    rows.loc[17, "Landmarks"] = cell
    payload = landmarks(rows, static=False).payload
    assert payload["version"] == 1
    assert payload["rows"][17]["landmarks"] == cell
    assert payload["rows"][18]["landmarks"] == many["Landmarks"].iloc[18]


def test_decode_refuses_what_is_not_packed_landmarks() -> None:
    with pytest.raises(ValueError, match="landmarks: is not base64"):
        decode_landmarks("AA#A" * 160, 1)
    with pytest.raises(ValueError, match="holds 3 bytes, not 1 rows"):
        decode_landmarks("AAAA", 1)
