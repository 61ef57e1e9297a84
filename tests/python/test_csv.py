"""read_csv on the real CheXmask files and on the layouts and traps around them."""

from __future__ import annotations

import csv
import gzip
import io
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jupyterlab_chexmask import read_csv

TEXT_COLUMNS = ["Right Lung", "Left Lung", "Heart", "Landmarks"]
ID_COLUMNS = ["Path", "Image Index", "dicom_id", "ImageID", "image_id"]


def plain(path: Path) -> pd.DataFrame:
    """The reference: every cell as the exact text in the file."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def as_text(series: pd.Series) -> list[str]:
    return ["" if pd.isna(v) else v for v in series]


def test_cells_match_the_file(csv_file: Path) -> None:
    frame = read_csv(csv_file)
    reference = plain(csv_file)
    assert list(frame.columns) == list(reference.columns)
    assert len(frame) == len(reference) > 0
    for column in TEXT_COLUMNS + [c for c in ID_COLUMNS if c in reference]:
        assert all(isinstance(v, str) or pd.isna(v) for v in frame[column]), column
        assert as_text(frame[column]) == list(reference[column]), column
    for column in ("Dice RCA (Mean)", "Dice RCA (Max)"):
        np.testing.assert_array_equal(frame[column], reference[column].astype(float))


def test_gzip_round_trip(csv_file: Path, tmp_path: Path) -> None:
    packed = tmp_path / (csv_file.name + ".gz")
    with open(csv_file, "rb") as src, gzip.open(packed, "wb") as dst:
        shutil.copyfileobj(src, dst)
    pd.testing.assert_frame_equal(read_csv(packed), read_csv(csv_file))
    # gzip is recognised by content too, whatever the file is called
    disguised = tmp_path / "no-suffix.csv"
    shutil.copy(packed, disguised)
    pd.testing.assert_frame_equal(read_csv(disguised), read_csv(csv_file))


def test_pandas_index_column_becomes_the_index(shared_data: Path, tmp_path: Path) -> None:
    source = shared_data / "chexmask-preprocessed" / "VinDr-CXR.csv"
    indexed = tmp_path / "indexed.csv"
    plain(source).to_csv(indexed)  # first header cell is empty
    assert indexed.read_text().startswith(",image_id,")
    frame = read_csv(indexed)
    assert "Unnamed: 0" not in frame.columns
    assert "" not in frame.columns
    assert list(frame.index) == list(range(len(frame)))
    pd.testing.assert_frame_equal(frame, read_csv(source))


def test_both_dice_orders_and_no_height_width(shared_data: Path) -> None:
    v01 = read_csv(shared_data / "chexmask-v0.1-padchest" / "Padchest.csv")
    assert "Height" not in v01.columns
    assert "Width" not in v01.columns
    assert list(v01.columns[1:3]) == ["Dice RCA (Max)", "Dice RCA (Mean)"]
    padchest = read_csv(shared_data / "chexmask-preprocessed" / "Padchest.csv")
    assert padchest["Height"].isna().sum() == 30  # empty cells in the early export


def test_multiline_landmarks(shared_data: Path) -> None:
    path = shared_data / "original-resolution-synthetic" / "CheXpert_synthetic_2828x2320.csv"
    frame = read_csv(path)
    assert len(frame) == 1
    landmarks = frame["Landmarks"].iloc[0]
    assert landmarks.startswith("[[")
    assert landmarks.count("\n") == 119
    assert (frame["Height"].iloc[0], frame["Width"].iloc[0]) == (2828, 2320)


def test_ids_stay_strings(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text(
        'Image Index,dicom_id,Right Lung,Height,Width\n00012,0001e10,"1 10",1024.0,1024\n'
    )
    row = read_csv(path).iloc[0]
    assert row["Image Index"] == "00012"
    assert row["dicom_id"] == "0001e10"
    assert row["Right Lung"] == "1 10"


def long_rle(min_chars: int) -> str:
    """A valid RLE (one-pixel runs on every other pixel) of at least ``min_chars`` characters."""
    pairs, chars, start = [], 0, 1
    while chars < min_chars:
        pairs.append(f"{start} 1")
        chars += len(pairs[-1]) + 1
        start += 2
    return " ".join(pairs)


@pytest.mark.parametrize("engine", [None, "python"])
def test_field_longer_than_the_csv_module_limit(tmp_path: Path, engine: str) -> None:
    mask = long_rle(200_000)
    assert len(mask) >= 200_000
    path = tmp_path / "long.csv"
    path.write_text(f'Path,Right Lung,Height,Width\na.jpg,"{mask}",4000,4000\n')
    with pytest.raises(csv.Error):  # the trap this test is about
        list(csv.reader(io.StringIO(path.read_text())))
    limit = csv.field_size_limit()
    kwargs = {} if engine is None else {"engine": engine}
    frame = read_csv(path, **kwargs)
    assert frame["Right Lung"].iloc[0] == mask
    assert csv.field_size_limit() == limit  # restored


def test_nrows_and_usecols(shared_data: Path) -> None:
    path = shared_data / "chexmask-preprocessed" / "CheXpert.csv"
    frame = read_csv(path, nrows=3, usecols=["Path", "Heart"])
    assert list(frame.columns) == ["Path", "Heart"]
    assert len(frame) == 3


def test_missing_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "CheXpert.csv"
    with pytest.raises(ValueError, match="nowhere") as info:
        read_csv(missing)
    assert str(missing) in str(info.value)


@pytest.mark.parametrize(
    "content",
    [b"Path,No Finding,Cardiomegaly\na.jpg,1,0\n", b"", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe"],
    ids=["other-csv", "empty", "binary"],
)
def test_not_a_chexmask_file_names_it(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "labels.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=r"labels\.csv") as info:
        read_csv(path)
    assert str(path) in str(info.value)
    if content.startswith(b"Path"):
        assert "Right Lung" in str(info.value)
        assert "Cardiomegaly" in str(info.value)


def test_chunks_keep_text_columns_and_index(shared_data: Path, tmp_path: Path) -> None:
    indexed = tmp_path / "indexed.csv"
    plain(shared_data / "chexmask-preprocessed" / "MIMIC-CXR-JPG.csv").to_csv(indexed)
    with read_csv(indexed, chunksize=20) as reader:
        chunks = list(reader)
    assert [len(c) for c in chunks] == [20, 20, 9]
    assert list(chunks[1].index) == list(range(20, 40))
    assert all(isinstance(v, str) for v in chunks[2]["Heart"])


def test_other_separator(tmp_path: Path) -> None:
    path = tmp_path / "semicolon.csv"
    path.write_text('image_id;Heart;Height;Width\nabc;"1 10";1024;1024\n')
    assert read_csv(path, sep=";")["Heart"].iloc[0] == "1 10"
