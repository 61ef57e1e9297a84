"""Version 2 of the landmark payload on the real rows: plots of more than 1,000 rows are
sent packed (rows as columns, landmarks coded along their rings) and unpack to exactly what
version 1 carries; anything that would not pack exactly stays version 1."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jupyterlab_chexmask import MIME_LANDMARKS, landmarks, read_csv
from jupyterlab_chexmask.format.landmarks import parse_landmarks
from jupyterlab_chexmask.landmarks import display
from jupyterlab_chexmask.landmarks.packed import (
    PACKED_ROWS,
    decode_landmarks,
    encode_landmarks,
    unpack_payload,
)
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
    # One to four characters a coordinate; the real rings' take about 1.1.
    assert len(many) * 240 <= len(packed["landmarks"]) <= len(many) * 300
    if group_by == "dataset" or group_by is None:
        # Grouped by dataset: the groups are the datasets, not sent twice.
        assert "groups" not in packed
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


def _reference_code(values: list[int]) -> str:
    """The schema's coding of rows of 240 numbers, spelt out number by number (the
    module's is vectorised): the oracle of ``encode_landmarks``."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    starts = {0, 44, 94}
    text = []
    for i, value in enumerate(values):
        k = (i % 240) // 2  # the landmark; values[i - 2] is its predecessor's same axis
        if k in starts:
            step = value
        elif k - 1 in starts:
            step = value - values[i - 2]
        else:
            step = value - 2 * values[i - 2] + values[i - 4]
        zigzag = 2 * step if step >= 0 else -2 * step - 1
        while zigzag >= 32:
            text.append(alphabet[32 + zigzag % 32])
            zigzag //= 32
        text.append(alphabet[zigzag])
    return "".join(text)


def test_the_coding_is_the_schemas(many: pd.DataFrame) -> None:
    packed = landmarks(many.iloc[:1100], static=False).payload
    values = [int(v) for cell in many["Landmarks"].iloc[:1100] for v in cell.split(",")]
    assert packed["landmarks"] == _reference_code(values)
    # The example worked by hand in packed.spec.ts, the same on both sides.
    ring = [[100, -3], [104, -2], [110, -1]]
    while len(ring) < 44:
        ring.append([ring[-1][0] + 6, ring[-1][1] + 1])
    coords = np.zeros((1, 120, 2))
    coords[0, :44] = ring
    assert encode_landmarks(coords) == "oGF" + "IC" + "EA" + "AA" * 41 + "AA" * 76
    assert np.array_equal(decode_landmarks("oGF" + "IC" + "EA" + "AA" * 117, 1), coords)


def test_the_coding_round_trips_over_the_whole_16_bit_range() -> None:
    rng = np.random.default_rng(0)
    extremes = rng.choice([-32768, 32767, 0, -1], size=(50, 120, 2))
    uniform = rng.integers(-32768, 32768, size=(50, 120, 2))
    coords = np.where(rng.random((50, 120, 2)) < 0.5, extremes, uniform)
    text = encode_landmarks(coords)
    assert text == _reference_code([int(v) for v in coords.ravel()])
    assert np.array_equal(decode_landmarks(text, 50), coords)


def test_version_2_is_sent_as_its_json_text(many: pd.DataFrame) -> None:
    """The bundle carries a packed plot as the JSON text of its payload (JupyterLab
    copies JSON objects on every read of an output, not strings); version 1 as it is."""
    plot = landmarks(many, static=False)
    bundle = plot._repr_mimebundle_()
    sent = (bundle[0] if isinstance(bundle, tuple) else bundle)[MIME_LANDMARKS]
    assert isinstance(sent, str)
    assert json.loads(sent) == plot.payload
    assert sent == plot.to_json()
    small = landmarks(many.iloc[:10], static=False)
    bundle = small._repr_mimebundle_()
    assert (bundle[0] if isinstance(bundle, tuple) else bundle)[MIME_LANDMARKS] is small.payload


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


@pytest.mark.parametrize(
    ("text", "rows", "message"),
    [
        ("A" * 99 + "#" + "A" * 140, 1, "byte 100 is not a base64 character"),
        ("A" * 238 + "==", 1, "byte 239 is not a base64 character"),
        ("é" + "A" * 239, 1, "byte 1 is not a base64 character"),
        ("A" * 239, 1, "holds 239 whole numbers, not 1 rows"),
        ("A" * 241, 1, "holds 241 whole numbers, not 1 rows"),
        ("A" * 240 + "g", 1, "ends inside a number"),
        ("gggg" + "A" * 240, 1, "a number of more than 4 characters"),
        ("+//B" + "A" + "C" + "A" * 237, 1, "beyond 16 bits"),  # x0 = 32,767 then +1
    ],
)
def test_decode_refuses_what_is_not_packed_landmarks(text: str, rows: int, message: str) -> None:
    with pytest.raises(ValueError, match=f"^landmarks: .*{message}"):
        decode_landmarks(text, rows)
