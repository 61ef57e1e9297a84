"""``cm.gallery``: the payload of many rows as tiles.

- Tile masks are exact: on every shared row (and the OriginalResolution
  synthetic row) each organ's tile RLE decodes to the full mask, decoded
  with ``cm.decode_rle``, sampled at the tile's pixel centres.
- Budgets: the 305 shared Preprocessed rows average ≤ 3 KB a row without
  images and ≤ 15 KB with thumbnails (printed with ``-s``).
- Sorting, ``limit``, numeric columns, malformed rows (error rows naming the
  column), each kind of image source (column of paths, callable returning a
  path, an array or a PIL image, folder joined with the id), and the
  kernel's picture (contact sheet) with its alt text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.gallery.tiles import sample_centres, tile_size

ORGANS = {"Right Lung": "rightLung", "Left Lung": "leftLung", "Heart": "heart"}


@pytest.fixture(scope="module")
def preprocessed(shared_data: Path) -> pd.DataFrame:
    """The 305 shared Preprocessed rows of six datasets in one frame."""
    frames = [cm.read_csv(p) for p in sorted((shared_data / "chexmask-preprocessed").glob("*.csv"))]
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return cm.read_csv(cm.sample_csv())


def payload_bytes(view: cm.Gallery) -> int:
    return len(view.to_json().encode())


def check_tiles(frame: pd.DataFrame, payload: dict[str, Any]) -> int:
    """Every row's tile masks against the full masks sampled at the centres; the organs checked."""
    checked = 0
    for (_, row), out in zip(frame.iterrows(), payload["rows"], strict=True):
        height = int(row.get("Height", 1024) if not pd.isna(row.get("Height")) else 1024)
        width = int(row.get("Width", 1024) if not pd.isna(row.get("Width")) else 1024)
        th, tw = tile_size(height, width)
        assert (out["height"], out["width"]) == (height, width)
        assert (out["tile"]["height"], out["tile"]["width"]) == (th, tw)
        rows, cols = sample_centres(height, th), sample_centres(width, tw)
        for column, key in ORGANS.items():
            cell = row[column]
            if pd.isna(cell) or not str(cell).strip():
                assert out["tile"][key] is None
                continue
            full = cm.decode_rle(cell, height, width)
            expected = full[np.ix_(rows, cols)]
            assert np.array_equal(cm.decode_rle(out["tile"][key], th, tw), expected)
            checked += 1
    return checked


def test_tiles_are_the_masks_sampled_at_centres(preprocessed: pd.DataFrame) -> None:
    view = cm.gallery(preprocessed, static=False)
    assert len(view.payload["rows"]) == 305
    assert check_tiles(preprocessed, view.payload) == 915
    # Landmarks travel for the large view, as flat integers.
    first = view.payload["rows"][0]
    assert len(first["landmarks"].split(",")) == 240


def test_original_resolution_tile(shared_data: Path) -> None:
    frame = cm.read_csv(
        shared_data / "original-resolution-synthetic" / "CheXpert_synthetic_2828x2320.csv"
    )
    view = cm.gallery(frame, static=False)
    row = view.payload["rows"][0]
    assert (row["tile"]["height"], row["tile"]["width"]) == (96, 79)
    assert check_tiles(frame, view.payload) == 3


def test_budgets(preprocessed: pd.DataFrame, capsys: pytest.CaptureFixture[str]) -> None:
    bare = payload_bytes(cm.gallery(preprocessed, static=False)) / 305
    with_images = (
        payload_bytes(cm.gallery(preprocessed, images=lambda row: cm.sample_xray(), static=False))
        / 305
    )
    with capsys.disabled():
        print(
            f"\ngallery of the 305 shared rows: {bare:.0f} bytes a row without images, "
            f"{with_images:.0f} with 96 px JPEG thumbnails"
        )
    assert bare <= 3 * 1024
    assert with_images <= 15 * 1024


def test_sort_limit_and_columns(sample: pd.DataFrame) -> None:
    frame = sample.copy()
    frame["CTR"] = np.arange(len(frame))[::-1] / 100
    frame.loc[frame.index[0], "CTR"] = np.nan
    view = cm.gallery(frame, sort_by="CTR", limit=5, static=False)
    payload = view.payload
    assert payload["columns"] == ["Dice RCA (Mean)", "Dice RCA (Max)", "CTR"]
    assert payload["total"] == len(frame)
    assert len(payload["rows"]) == 5
    ctr = [row["values"]["CTR"] for row in payload["rows"]]
    assert ctr == sorted(frame["CTR"].dropna())[:5]
    descending = cm.gallery(frame, sort_by="CTR", ascending=False, static=False).payload
    values = [row["values"]["CTR"] for row in descending["rows"]]
    assert values[-1] is None
    assert values[:-1] == sorted(values[:-1], reverse=True)
    means = [
        r["values"]["Dice RCA (Mean)"] for r in cm.gallery(frame, "Dice RCA (Mean)").payload["rows"]
    ]
    assert means == sorted(means)
    assert "the first 5 of 12" in view.summary


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": True}, "limit"),
        ({"sort_by": "nope"}, "sort_by"),
        ({"images": "nope"}, "neither a column"),
    ],
)
def test_refused_arguments(sample: pd.DataFrame, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        cm.gallery(sample, **kwargs)


def test_bad_rows_kinds() -> None:
    with pytest.raises(TypeError):
        cm.gallery("rows.csv")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cm.gallery([1, 2])  # type: ignore[list-item]


def test_malformed_rows_become_error_rows(sample: pd.DataFrame) -> None:
    frame = sample.head(4).copy()
    frame["Dice RCA (Mean)"] = frame["Dice RCA (Mean)"].astype(object)
    frame.loc[frame.index[1], "Heart"] = "5 3 1 2"
    frame.loc[frame.index[2], "Dice RCA (Mean)"] = "high"
    rows = cm.gallery(frame, static=False).payload["rows"]
    assert [r.get("error", {}).get("field") if r.get("error") else None for r in rows] == [
        None,
        "Heart",
        "Dice RCA (Mean)",
        None,
    ]
    assert rows[1]["id"] == frame.iloc[1]["Path"]
    assert rows[1]["error"]["message"].startswith("Heart: ")
    assert "malformed rows: 2" in cm.gallery(frame).summary


def test_rows_of_several_kinds(sample: pd.DataFrame) -> None:
    """A Series, a dict of raw text cells and a frame, in one list; ids from their own column."""
    raw = {k: str(v) for k, v in sample.iloc[1].items()}
    rows = cm.gallery([sample.iloc[0], raw, sample.tail(2)], static=False).payload["rows"]
    assert [r["id"] for r in rows] == [
        sample.iloc[0]["Path"],
        raw["Path"],
        *sample.tail(2)["Path"],
    ]
    assert all(r["idColumn"] == "Path" and r["dataset"] == "CheXpert" for r in rows)


def _thumbnail_bytes(row: dict[str, Any]) -> int:
    assert row["image"]["mimeType"] == "image/jpeg"
    assert (row["image"]["width"], row["image"]["height"]) == (96, 96)
    return len(row["image"]["data"])


def test_images_from_each_kind_of_source(sample: pd.DataFrame, tmp_path: Path) -> None:
    from PIL import Image

    frame = sample.head(3).copy()
    xray = Image.open(cm.sample_xray())
    # A folder joined with the id: the ids are relative paths.
    for image_id in frame["Path"]:
        target = tmp_path / image_id
        target.parent.mkdir(parents=True, exist_ok=True)
        xray.save(target)
    frame["xray"] = [str(tmp_path / p) for p in frame["Path"]]
    sources: dict[str, Any] = {
        "column": "xray",
        "folder": tmp_path,
        "callable → path": lambda row: cm.sample_xray(),
        "callable → array": lambda row: np.asarray(xray),
        "callable → PIL": lambda row: xray,
    }
    for name, source in sources.items():
        rows = cm.gallery(frame, images=source, static=False).payload["rows"]
        assert [_thumbnail_bytes(r) > 100 for r in rows] == [True] * 3, name
    # A callable may say "no image"; an image that does not fit is counted, not fatal.
    none = cm.gallery(frame, images=lambda row: None, static=False).payload["rows"]
    assert [r["image"] for r in none] == [None] * 3
    wide = cm.gallery(frame, images=lambda row: np.zeros((10, 40)), static=False)
    assert [r["image"] for r in wide.payload["rows"]] == [None] * 3
    assert "images not used: 3" in wide.summary
    with pytest.raises(TypeError):
        cm.gallery(frame, images=3)  # type: ignore[arg-type]


def test_kernel_picture_is_a_contact_sheet(sample: pd.DataFrame) -> None:
    frame = sample.copy()
    frame.loc[frame.index[1], "Heart"] = "5 3 1 2"
    view = cm.gallery(frame, images=lambda row: cm.sample_xray())
    data, metadata = view._repr_mimebundle_()  # type: ignore[misc]
    alt = metadata["image/png"]["alt"]
    assert alt.startswith(
        f"Gallery of 12 of 12 rows; first 12: {frame.iloc[0]['Path']} (Dice RCA (Mean) "
    )
    assert f"{frame.iloc[1]['Path']} (malformed: Heart)" in alt
    assert (metadata["image/png"]["width"], metadata["image/png"]["height"]) == (6 * 128, 2 * 158)
    assert f'alt="{alt[:20]}' in data["text/html"]
    saved = Path(__file__).parent / "_gallery.png"
    try:
        view.save(saved)
        from PIL import Image

        with Image.open(saved) as picture:
            pixels = np.asarray(picture.convert("RGB"))
        # The first tile's lung is drawn in (blended) red: some pixel is far redder than grey.
        assert (pixels[..., 0].astype(int) - pixels[..., 2] > 40).any()
    finally:
        saved.unlink(missing_ok=True)


def test_payload_is_json_and_round_trips(preprocessed: pd.DataFrame) -> None:
    view = cm.gallery(preprocessed.head(20), static=False)
    assert json.loads(view.to_json()) == view.payload
    assert repr(view).startswith("<Gallery CheXmask gallery: 20 rows")
