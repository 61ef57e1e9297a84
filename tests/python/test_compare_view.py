"""``cm.compare``: the payload for every input kind of ``b``, size errors and ``resize``,
bad labels and masks (named by source and field), and the kernel's picture."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from compare_inputs import kinds_of_b
from PIL import Image

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.compare.picture import AGREEMENT_COLORS
from jupyterlab_chexmask.format.columns import ORGAN_COLUMNS

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rows(shared_data: Path) -> pd.DataFrame:
    return cm.read_csv(shared_data / "chexmask-preprocessed" / "VinDr-CXR.csv", nrows=2)


def _masks(row: pd.Series) -> dict[str, np.ndarray]:
    """The row's masks, the right lung shifted and the heart emptied."""
    masks = {o: cm.decode_rle(row[o], 1024, 1024) for o in ORGAN_COLUMNS}
    masks["Right Lung"] = np.roll(masks["Right Lung"], (4, -7), (0, 1))
    masks["Heart"] = np.zeros_like(masks["Heart"])
    return masks


def test_every_kind_of_b_gives_the_same_payload(rows: pd.DataFrame, tmp_path: Path) -> None:
    a = rows.iloc[0]
    masks = _masks(a)
    kinds = kinds_of_b(a, masks, tmp_path)
    payloads = {}
    for name, b in kinds.items():
        view = cm.compare(a, b, labels=("CheXmask", "model"), static=False)
        assert isinstance(view, cm.CompareView)
        payload = json.loads(view.to_json())
        payloads[name] = payload
        assert payload["version"] == 1
        assert payload["labels"] == ["CheXmask", "model"]
        assert (payload["height"], payload["width"]) == (1024, 1024)
        assert payload["resizedFrom"] is None
        assert payload["a"]["masks"] == {o: a[o] for o in ORGAN_COLUMNS}
        assert payload["b"]["masks"]["Heart"] is None  # emptied: an empty mask
        assert payload["b"]["masks"]["Right Lung"] == cm.encode_rle(masks["Right Lung"])
        heart = payload["table"][2]
        assert heart["organ"] == "Heart"
        assert heart["dice"] == 0
        assert heart["hd"] is None
        assert heart["areaB"] == 0
        # The table is the DataFrame's, NaN written as null.
        table = view.table
        for entry in payload["table"]:
            got = table.loc[entry["organ"]]
            assert entry["dice"] == got["Dice"]
            assert entry["areaA"] == got["area A"]
    # Masks, sizes and table are the same whatever the kind of b; only rows carry landmarks.
    first = payloads["arrays"]
    for name, payload in payloads.items():
        assert payload["b"]["masks"] == first["b"]["masks"], name
        strip = [{k: v for k, v in e.items() if k != "landmarkDistance"} for e in payload["table"]]
        assert strip == [
            {k: v for k, v in e.items() if k != "landmarkDistance"} for e in first["table"]
        ], name
        has_landmarks = name.startswith("row")
        assert (payload["b"]["landmarks"] is not None) == has_landmarks, name
        assert (payload["table"][0]["landmarkDistance"] is not None) == has_landmarks, name
    assert len(payloads["row"]["b"]["landmarks"]) == 120


def test_sizes_differ_names_both_unless_nearest(rows: pd.DataFrame) -> None:
    a = rows.iloc[0]
    small = {o: cm.decode_rle(a[o], 1024, 1024)[::2, ::2] for o in ORGAN_COLUMNS}
    with pytest.raises(ValueError, match=r"CheXmask is 1024×1024, small is 512×512"):
        cm.compare(a, small, labels=("CheXmask", "small"))
    view = cm.compare(a, small, labels=("CheXmask", "small"), resize="nearest", static=False)
    assert view.payload["resizedFrom"] == {"height": 512, "width": 512}
    assert "(small resized from 512×512, nearest)" in view._repr_mimebundle_()["text/plain"]
    assert view.table["Dice"].gt(0.95).all()
    with pytest.raises(ValueError, match="resize must be None or 'nearest'"):
        cm.compare(a, small, resize="bilinear")


def test_bad_labels_and_masks_name_their_source_and_field(rows: pd.DataFrame) -> None:
    a = rows.iloc[0]
    with pytest.raises(ValueError, match="labels must be two names"):
        cm.compare(a, rows.iloc[1], labels=("only one",))
    with pytest.raises(ValueError, match="the second label must be non-blank text"):
        cm.compare(a, rows.iloc[1], labels=("CheXmask", " "))
    with pytest.raises(ValueError, match=r"^model Heart: .*odd count"):
        cm.compare(a, {"Heart": "1 2 5"}, labels=("CheXmask", "model"))
    with pytest.raises(ValueError, match=r"^model: .*Heart"):
        cm.compare(a, {**a.to_dict(), "Heart": "3 x"}, labels=("CheXmask", "model"))
    with pytest.raises(ValueError, match=r"model: unknown organ 'heart'"):
        cm.compare(a, {"heart": np.zeros((1024, 1024))}, labels=("CheXmask", "model"))
    with pytest.raises(ValueError, match=r"model Left Lung: a mask array must hold only 0 and 1"):
        cm.compare(a, {"Left Lung": np.full((1024, 1024), 2)}, labels=("CheXmask", "model"))


def test_the_picture_is_the_agreement_map_with_the_table_as_alt_text(rows: pd.DataFrame) -> None:
    a = rows.iloc[0]
    masks = _masks(a)
    view = cm.compare(a, masks, labels=("CheXmask", "model"), title="shifted")
    data, metadata = view._repr_mimebundle_()
    assert set(data) >= {cm.MIME_COMPARE, "text/plain", "image/png", "text/html"}
    alt = metadata["image/png"]["alt"]
    assert alt == view._repr_mimebundle_()[0]["text/plain"].splitlines()[0]
    assert alt.startswith("Agreement of CheXmask (A) and model (B), 1024×1024 px: Right Lung Dice")
    assert "HD — (model's mask is empty)" in alt
    picture = Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).convert("RGB")
    assert picture.size == (1024, 1024)  # native resolution
    pixels = np.asarray(picture).reshape(-1, 3)
    colours = {tuple(int(v) for v in p) for p in np.unique(pixels, axis=0)}
    assert colours == {(119, 119, 119), *AGREEMENT_COLORS.values()}
    # Pixel by pixel: the class of the last organ either side holds.
    expected = np.full((1024 * 1024, 3), 119, np.uint8)
    for organ in ORGAN_COLUMNS:
        in_a = cm.decode_rle(a[organ], 1024, 1024).ravel() == 1
        in_b = masks[organ].ravel() == 1
        expected[in_a & in_b] = AGREEMENT_COLORS["both"]
        expected[in_a & ~in_b] = AGREEMENT_COLORS["only A"]
        expected[~in_a & in_b] = AGREEMENT_COLORS["only B"]
    assert np.array_equal(pixels, expected)
    out = io.BytesIO()
    view.save(out)
    assert out.getvalue().startswith(b"\x89PNG")
    assert repr(view) == "<CompareView CheXmask vs model, 1024×1024 px>"


def test_over_an_xray(rows: pd.DataFrame) -> None:
    xray = np.linspace(0, 255, 256 * 256, dtype=np.float64).reshape(256, 256)
    view = cm.compare(rows.iloc[0], rows.iloc[1], image=xray, static=False)
    image = view.payload["image"]
    assert (image["width"], image["height"]) == (1024, 1024)
    with pytest.raises(ValueError, match="aspect"):
        cm.compare(rows.iloc[0], rows.iloc[1], image=np.zeros((100, 300)))


def test_the_agreement_colours_are_the_views() -> None:
    """``AGREEMENT_COLORS`` here and in ``src/compare/agreement-colors.ts`` are the same bytes."""
    source = (REPO / "src" / "compare" / "agreement-colors.ts").read_text()
    found = {
        m[0]: (int(m[1], 16), int(m[2], 16), int(m[3], 16))
        for m in re.findall(r"(both|onlyA|onlyB): \{ rgb: \[0x(\w\w), 0x(\w\w), 0x(\w\w)\]", source)
    }
    assert found == {
        "both": AGREEMENT_COLORS["both"],
        "onlyA": AGREEMENT_COLORS["only A"],
        "onlyB": AGREEMENT_COLORS["only B"],
    }
