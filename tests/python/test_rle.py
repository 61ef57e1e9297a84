"""The numpy RLE codec against the same oracles as the TypeScript core."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

import jupyterlab_chexmask as cm

ORGANS = ("Right Lung", "Left Lung", "Heart")


def test_every_real_mask_decodes_to_its_oracle_and_reencodes(shared_data, oracles):
    masks = 0
    for folder in (
        "chexmask-preprocessed",
        "chexmask-v0.1-padchest",
        "original-resolution-synthetic",
    ):
        for path in sorted((shared_data / folder).glob("*.csv")):
            frame = cm.read_csv(path)
            for (_, row), oracle in zip(frame.iterrows(), oracles(path), strict=True):
                height, width = oracle["height"], oracle["width"]
                for organ in ORGANS:
                    mask = cm.decode_rle(row[organ], height, width, organ)
                    digest = hashlib.sha256(mask.tobytes()).hexdigest()
                    assert digest == oracle[organ]["sha256_uint8_01_rowmajor"], (path.name, organ)
                    assert cm.encode_rle(mask) == row[organ].strip()
                    masks += 1
    assert masks >= 915 + 90 + 3


def test_tiny_example_and_empty_masks():
    mask = np.array([[0, 1, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0]])
    assert cm.encode_rle(mask) == "2 2 8 2"
    assert cm.encode_rle(mask * 255) == "2 2 8 2"
    assert (cm.decode_rle("2 2 8 2", 3, 4) == mask).all()
    assert cm.encode_rle(np.zeros((3, 4))) == ""
    for empty in ("", "   ", None, float("nan")):
        assert not cm.decode_rle(empty, 3, 4).any()


@pytest.mark.parametrize(
    ("rle", "message"),
    [
        ("1 2 5", "odd count of numbers (3)"),
        ("1 2 5.5 2", 'number 3 is not an integer: "5.5"'),
        ("0 2", "run 1 starts at 0"),
        ("1 0", "run 1 (start 1) has length 0"),
        ("1 3 3 1", "run 2 (start 3) does not come after"),
        ("15 3", "run 1 (start 15, length 3) ends past the 16 pixels of a 4×4 mask"),
    ],
)
def test_malformed_rle_names_the_field_and_problem(rle, message):
    with pytest.raises(ValueError, match=r"^Heart: ") as error:
        cm.decode_rle(rle, 4, 4, "Heart")
    assert str(error.value).startswith("Heart: ")
    assert message in str(error.value)


def test_oversized_mask_is_refused_before_allocation():
    with pytest.raises(ValueError, match="above the limit"):
        cm.decode_rle("1 1", 100_000, 100_000)
