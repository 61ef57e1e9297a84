"""Embedding the x-ray: sources, modes, aspect check, resizing and encoding."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from jupyterlab_chexmask import MIME_ROW, row

# the example x-ray is 786 wide and 899 high
ROW = {"Path": "example.jpg", "Right Lung": "1 10", "Height": 899, "Width": 786}


@pytest.fixture
def xray(shared_data: Path) -> Path:
    return shared_data / "original-resolution-example" / "utils_example1.jpg"


def decode(embedded: dict) -> Image.Image:
    """The embedded image, checked against its declared size."""
    assert not embedded["data"].startswith("data:")
    picture = Image.open(io.BytesIO(base64.b64decode(embedded["data"], validate=True)))
    assert picture.format == embedded["mimeType"].split("/")[1].upper()
    assert picture.size == (embedded["width"], embedded["height"])
    return picture


@pytest.mark.parametrize("as_str", [False, True])
def test_image_from_path(xray: Path, as_str: bool) -> None:
    view = row(ROW, str(xray) if as_str else xray)
    data, metadata = view._repr_mimebundle_()
    embedded = data[MIME_ROW]["image"]
    assert embedded["mimeType"] == "image/jpeg"  # a large JPEG source stays JPEG
    picture = decode(embedded)
    assert picture.size == (786, 899)
    assert picture.mode == "L"
    assert "image: 786x899 image/jpeg" in view.summary
    assert "786x899" in repr(view)
    # The picture over the x-ray: a preview, its longest side 512.
    assert (metadata["image/png"]["width"], metadata["image/png"]["height"]) == (448, 512)
    over = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
    assert (over.format, over.size) == ("PNG", (448, 512))


def test_image_from_pil(xray: Path) -> None:
    with Image.open(xray) as opened:
        embedded = row(ROW, opened).payload["image"]
    assert embedded["mimeType"] == "image/jpeg"
    assert decode(embedded).size == (786, 899)


def test_image_from_float_array_is_scaled() -> None:
    array = np.linspace(-3.0, 7.0, 899 * 786).reshape(899, 786)
    array[0, 0] = np.nan
    embedded = row(ROW, array).payload["image"]
    assert embedded["mimeType"] == "image/png"
    pixels = np.asarray(decode(embedded))
    assert pixels.shape == (899, 786)
    assert pixels.dtype == np.uint8
    assert pixels[0, 1] == 0
    assert pixels.max() == 255
    assert pixels[0, 0] == 0


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16, np.bool_])
def test_image_from_integer_arrays(dtype: type) -> None:
    array = (np.arange(899 * 786).reshape(899, 786) % 7 == 0).astype(dtype)
    pixels = np.asarray(decode(row(ROW, array).payload["image"]))
    expected = {np.uint8: 1, np.uint16: 255, np.bool_: 255}[dtype]  # uint8 as is, others scaled
    assert pixels.max() == expected
    assert pixels.min() == 0


def test_colour_is_kept_and_grey_rgb_becomes_l() -> None:
    colour = np.zeros((899, 786, 4), np.uint8)
    colour[..., 0] = 200  # red, with an alpha channel to drop
    picture = decode(row(ROW, colour).payload["image"])
    assert picture.mode == "RGB"
    assert picture.getpixel((5, 5)) == (200, 0, 0)
    grey = np.full((899, 786, 3), 90, np.uint8)
    assert decode(row(ROW, grey).payload["image"]).mode == "L"


def test_sixteen_bit_pil_image_is_scaled_not_clipped() -> None:
    array = np.zeros((899, 786), np.uint16)
    array[:, 400:] = 4000
    picture = decode(row(ROW, Image.fromarray(array)).payload["image"])
    assert picture.getpixel((700, 10)) == 255


def test_resized_to_the_mask_size_capped_at_max_side() -> None:
    small = np.random.default_rng(0).integers(0, 255, (707, 580), dtype=np.uint8)  # 2828x2320 / 4
    cells = {"Path": "a.jpg", "Height": "2828", "Width": "2320.0"}
    assert decode(row(cells, small).payload["image"]).size == (840, 1024)
    assert decode(row(cells, small, max_side=3000).payload["image"]).size == (2320, 2828)


def test_max_side_caps_the_long_side(xray: Path) -> None:
    embedded = row(ROW, xray, max_side=300).payload["image"]
    assert (embedded["width"], embedded["height"]) == (262, 300)
    assert embedded["mimeType"] == "image/jpeg"
    tiny = row(ROW, xray, max_side=100).payload["image"]
    assert tiny["mimeType"] == "image/png"  # small JPEG sources become PNG
    assert decode(tiny).size == (87, 100)


def test_aspect_mismatch_names_both_sizes(xray: Path) -> None:
    with pytest.raises(ValueError, match="786x899") as info:
        row({"Path": "a.jpg", "Heart": "1 4"}, xray)  # 1024x1024 by default
    assert "786x899" in str(info.value)
    assert "1024x1024" in str(info.value)


def test_aspect_tolerance_is_two_percent() -> None:
    near = np.zeros((899, 800), np.uint8)  # 1.8% wider than 786x899
    assert decode(row(ROW, near).payload["image"]).size == (786, 899)
    with pytest.raises(ValueError, match="810x899"):
        row(ROW, np.zeros((899, 810), np.uint8))  # 3% wider


def test_bad_images() -> None:
    with pytest.raises(ValueError, match="shape"):
        row(ROW, np.zeros((899, 786, 2), np.uint8))
    with pytest.raises(TypeError):
        row(ROW, b"not an image")
    with pytest.raises(ValueError, match="Height"):
        row({"Height": "tall"}, np.zeros((4, 4), np.uint8))
