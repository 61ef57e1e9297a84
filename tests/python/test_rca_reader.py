"""The streaming Dice RCA reader against pandas on the real files and on the layouts' traps."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import jupyterlab_chexmask as cm
from jupyterlab_chexmask import rca_histogram
from jupyterlab_chexmask.rca.bins import bin_values
from jupyterlab_chexmask.rca.parallel import Worker, read_header
from jupyterlab_chexmask.rca.reader import dataset_name_of, read_dice_columns
from jupyterlab_chexmask.rca.scan import scan_mapped

MEAN, MAX = "Dice RCA (Mean)", "Dice RCA (Max)"


def expected_dataset(frame: pd.DataFrame, name: str) -> dict:
    """The payload entry of one dataset, computed from pandas' columns directly."""
    mean = frame[MEAN].to_numpy(dtype=float)
    top = frame[MAX].to_numpy(dtype=float)
    return {
        "name": name,
        "rows": len(frame),
        "swapped": int((frame[MEAN] > frame[MAX]).sum()),
        "mean": bin_values(mean, 1000).to_payload(),
        "max": bin_values(top, 1000).to_payload(),
        "values": {
            "mean": [None if np.isnan(v) else float(v) for v in mean],
            "max": [None if np.isnan(v) else float(v) for v in top],
        },
    }


def streamed(path: Path, **kwargs) -> dict:
    """The only dataset of ``rca_histogram(path)``."""
    payload = rca_histogram(path, progress=False, **kwargs).payload
    assert len(payload["datasets"]) == 1
    return payload["datasets"][0]


def read_all(path: Path, **kwargs) -> tuple[np.ndarray, np.ndarray]:
    batches = list(read_dice_columns(path, **kwargs))
    if not batches:
        return np.empty(0), np.empty(0)
    return np.concatenate([b[0] for b in batches]), np.concatenate([b[1] for b in batches])


# --- the real files -----------------------------------------------------------------------------


def test_streaming_equals_pandas(csv_file: Path) -> None:
    frame = pd.read_csv(csv_file)
    ours = streamed(csv_file)
    assert ours == expected_dataset(frame, dataset_name_of(str(csv_file)))
    counts = np.asarray(ours["mean"]["counts"])
    for threshold, edge in ((0.7, 700), (0.8, 800), (0.85, 850), (0.9, 900)):
        assert counts[edge:].sum() == (frame[MEAN] >= threshold).sum(), threshold
    assert ours["mean"]["count"] + ours["mean"]["missing"] + ours["mean"]["outOfRange"] == len(
        frame
    )


def test_values_equal_pandas_bit_for_bit(csv_file: Path) -> None:
    frame = pd.read_csv(csv_file)
    mean, top = read_all(csv_file)
    np.testing.assert_array_equal(mean, frame[MEAN].to_numpy(dtype=float))
    np.testing.assert_array_equal(top, frame[MAX].to_numpy(dtype=float))


def test_gzip_gives_the_same_payload(csv_file: Path, tmp_path: Path) -> None:
    packed = tmp_path / (csv_file.name + ".gz")
    with open(csv_file, "rb") as src, gzip.open(packed, "wb") as dst:
        shutil.copyfileobj(src, dst)
    assert (
        rca_histogram(packed, progress=False).payload
        == rca_histogram(csv_file, progress=False).payload
    )
    # Recognised by content, whatever the name.
    disguised = tmp_path / csv_file.name
    shutil.copy(packed, disguised)
    for ours, theirs in zip(read_all(disguised), read_all(csv_file), strict=True):
        np.testing.assert_array_equal(ours, theirs)


def test_windows_blocks_and_workers_change_nothing(csv_file: Path, tmp_path: Path) -> None:
    """Records cut at every kind of place by windows, blocks and the parts of worker processes."""
    reference = read_all(csv_file, workers=1)
    packed = tmp_path / "x.csv.gz"
    with open(csv_file, "rb") as src, gzip.open(packed, "wb") as dst:
        shutil.copyfileobj(src, dst)
    for result in (
        read_all(csv_file, window=4096, workers=1),
        read_all(csv_file, window=12289, workers=1),
        read_all(packed, block_size=4093),
        read_all(csv_file, workers=2, parallel_min=0),
        read_all(csv_file, workers=4, parallel_min=0, window=65536),
    ):
        for ours, theirs in zip(result, reference, strict=True):
            np.testing.assert_array_equal(ours, theirs)


def test_worker_parts_join_exactly(shared_data: Path) -> None:
    """A worker's part starts on the record boundary where the previous part's exact parse ends."""
    path = shared_data / "chexmask-preprocessed" / "MIMIC-CXR-JPG.csv"
    size = path.stat().st_size
    fd = os.open(path, os.O_RDONLY)
    try:
        cols, begin = read_header(str(path), fd, size)
        middle = (begin + size) // 2
        cells: list[bytes] = []
        ends = list(scan_mapped(fd, size, begin, middle, *cols.args, cells))
    finally:
        os.close(fd)
    worker = Worker(str(path), middle, size, cols, 1 << 16)
    start, end = worker.result()
    assert (start, end) == (ends[-1], size)
    theirs = b"\n".join(payload for payload, _ in worker.chunks).split(b"\n")
    everything = [c for pair in zip(*read_all(path, workers=1), strict=True) for c in pair]
    assert len(cells) + len(theirs) == len(everything)
    assert [float(c) for c in cells + theirs] == everything


def test_a_part_starting_inside_a_quoted_field_falls_back(tmp_path: Path) -> None:
    """Records mostly made of multi-line landmarks: parts begin inside quotes, and are rejected."""
    landmarks = "\n".join(f" [{i:5d} {i + 1:5d}]" for i in range(120))
    records = [
        f'id{r},{0.5 + r / 1000!r},{0.6 + r / 1000!r},"[{landmarks[1:]}]",1 2,3 4,5 6,10,10\n'
        for r in range(60)
    ]
    path = tmp_path / "multi.csv"
    header = (
        "Path,Dice RCA (Mean),Dice RCA (Max),Landmarks,Left Lung,Right Lung,Heart,Height,Width\n"
    )
    path.write_text(header + "".join(records))
    reference = read_all(path, workers=1)
    assert reference[0].tolist() == [0.5 + r / 1000 for r in range(60)]
    # A worker whose part begins inside a record's landmarks starts on a line of them.
    size = path.stat().st_size
    text = path.read_bytes()
    inside = text.index(b" [   60    61]", size // 2)
    fd = os.open(path, os.O_RDONLY)
    try:
        cols, _ = read_header(str(path), fd, size)
    finally:
        os.close(fd)
    result = Worker(str(path), inside, size, cols, 1 << 16).result()
    boundaries = {
        i + 1 for i, byte in enumerate(text) if byte == 10 and text[i + 1 : i + 3] == b"id"
    }
    assert result is None or result[0] not in boundaries
    for workers in (2, 3, 4):
        for ours, theirs in zip(
            read_all(path, workers=workers, parallel_min=0, window=8192), reference, strict=True
        ):
            np.testing.assert_array_equal(ours, theirs)


def test_padchest_swapped_rows(shared_data: Path) -> None:
    for folder, swapped in (("chexmask-preprocessed", 30), ("chexmask-v0.1-padchest", 30)):
        path = shared_data / folder / "Padchest.csv"
        frame = pd.read_csv(path)
        ours = streamed(path)
        assert ours["swapped"] == int((frame[MEAN] > frame[MAX]).sum()) == swapped
        assert ours["name"] == "Padchest"


def test_multi_line_landmarks(shared_data: Path) -> None:
    path = next((shared_data / "original-resolution-synthetic").glob("*.csv"))
    assert path.read_bytes().count(b"\n") > 100  # the record really spans many lines
    frame = pd.read_csv(path)
    ours = streamed(path)
    assert ours["rows"] == len(frame) == 1
    assert ours["values"]["mean"] == [float(frame[MEAN].iloc[0])]
    assert ours["values"]["max"] == [float(frame[MAX].iloc[0])]


def test_progress_bar_counts_bytes(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = shared_data / "chexmask-preprocessed" / "CheXpert.csv"
    seen: list[int] = []
    read_all(path, on_bytes=seen.append, window=65536, workers=1)
    assert sum(seen) == path.stat().st_size
    assert len(seen) > 1
    seen.clear()
    read_all(path, on_bytes=seen.append, window=65536, workers=3, parallel_min=0)
    assert sum(seen) == path.stat().st_size
    rca_histogram(path, progress=True)
    assert "CheXpert.csv" in capsys.readouterr().err
    rca_histogram(path, progress=False)
    assert capsys.readouterr().err == ""


def test_gzip_progress_is_compressed_bytes(shared_data: Path, tmp_path: Path) -> None:
    packed = tmp_path / "CheXpert.csv.gz"
    source = shared_data / "chexmask-preprocessed" / "CheXpert.csv"
    with open(source, "rb") as src, gzip.open(packed, "wb") as dst:
        shutil.copyfileobj(src, dst)
    seen: list[int] = []
    read_all(packed, on_bytes=seen.append, block_size=65536)
    assert sum(seen) == packed.stat().st_size


# --- traps --------------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str, newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode())
    return path


def assert_like_pandas(path: Path) -> dict:
    frame = pd.read_csv(path)
    ours = streamed(path)
    assert ours == expected_dataset(frame, dataset_name_of(str(path)))
    return ours


TRAPS = {
    # A quoted id with commas and escaped quotes; a quoted Dice value; multi-line landmarks.
    "quoted-ids": textwrap.dedent(
        """\
        Path,Dice RCA (Mean),Dice RCA (Max),Landmarks,Left Lung,Right Lung,Heart,Height,Width
        "train/pat,ient1/view1.jpg",0.81,0.9,"1,2,3",1 2,3 4,5 6,1024,1024
        "a ""quoted"", id",0.71,0.8,"[[ 1  2]
         [ 3  4]]",1 2,,5 6,1024,1024
        plain/id.jpg,"0.69","0.75","1,2",,,,1024,1024
        "",0.5,0.6,"x",1 2,3 4,5 6,,
        "multi
        line, id",0.95,0.97,"1,2",1 2,3 4,5 6,1024,1024
        """
    ),
    # Max before Mean (Padchest), no Height/Width, empty and "nan" and "NA" cells, out of range.
    "padchest-layout": textwrap.dedent(
        """\
        ImageID,Dice RCA (Max),Dice RCA (Mean),Landmarks,Left Lung,Right Lung,Heart
        a.png,0.9,0.8,"1,2",1 2,3 4,5 6
        b.png,,0.8,"1,2",1 2,3 4,5 6
        c.png,0.7,,"1,2",1 2,3 4,5 6
        d.png,nan,NaN,"1,2",1 2,3 4,5 6
        e.png,NA,N/A,"1,2",1 2,3 4,5 6
        f.png,1.5,-0.1,"1,2",1 2,3 4,5 6
        g.png,0.6,0.7,"1,2",1 2,3 4,5 6
        h.png,1.0,0.0,"1,2",1 2,3 4,5 6
        """
    ),
    # A pandas index column, blank lines, a last record without a newline.
    "index-column": ",image_id,Dice RCA (Mean),Dice RCA (Max),Landmarks\n"
    '0,x,0.8,0.9,"1,2"\n\n1,y,0.7,0.75,"3,4"\n\n2,z,0.6,0.65,"5,6"',
    # The Dice columns last, so a record has exactly k fields.
    "dice-last": 'id,Dice RCA (Mean),Dice RCA (Max)\nx,0.8,0.9\n"y,1",0.7,0.8\nz,,0.3\n',
    # A long id: the Dice fields lie beyond the first head of bytes.
    "long-id": "dicom_id,Dice RCA (Mean),Dice RCA (Max),Landmarks\n"
    + f'{"x" * 5000},0.8,0.9,"1,2"\n{"y" * 300},0.75,0.76,"1,2"\n',
    # Only a header.
    "header-only": "Path,Dice RCA (Mean),Dice RCA (Max),Landmarks\n",
}


@pytest.mark.parametrize("name", sorted(TRAPS))
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_traps_parse_like_pandas(tmp_path: Path, name: str, newline: str) -> None:
    path = write(tmp_path, f"{name}.csv", TRAPS[name], newline)
    assert_like_pandas(path)
    # The same through gzip and through windows and blocks that cut every record.
    reference = read_all(path)
    packed = tmp_path / f"{name}.csv.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    for result in (
        read_all(packed, block_size=3),
        read_all(path, window=1, workers=1),
        read_all(path, workers=3, parallel_min=0),
    ):
        for ours, theirs in zip(result, reference, strict=True):
            np.testing.assert_array_equal(ours, theirs)


def test_quoted_ids_values(tmp_path: Path) -> None:
    path = write(tmp_path, "quoted.csv", TRAPS["quoted-ids"])
    mean, top = read_all(path)
    assert mean.tolist() == [0.81, 0.71, 0.69, 0.5, 0.95]
    assert top.tolist() == [0.9, 0.8, 0.75, 0.6, 0.97]


def test_missing_and_out_of_range(tmp_path: Path) -> None:
    ours = assert_like_pandas(write(tmp_path, "Padchest.csv", TRAPS["padchest-layout"]))
    assert ours["rows"] == 8
    assert ours["mean"]["missing"] == 3
    assert ours["max"]["missing"] == 3
    assert ours["mean"]["outOfRange"] == 1
    assert ours["max"]["outOfRange"] == 1
    assert ours["swapped"] == 1  # g.png: Mean 0.7 > Max 0.6


def test_bom_and_a_header_split_over_lines(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(
        b'\xef\xbb\xbf"Path","Dice RCA\n(x)",Dice RCA (Mean),Dice RCA (Max)\na,1,0.5,0.6\n'
    )
    mean, top = read_all(path)
    assert mean.tolist() == [0.5]
    assert top.tolist() == [0.6]


@pytest.mark.parametrize("missing", [MEAN, MAX])
def test_a_missing_dice_column_names_file_and_column(tmp_path: Path, missing: str) -> None:
    columns = [c for c in ("Path", MEAN, MAX, "Landmarks") if c != missing]
    path = write(tmp_path, "broken.csv", ",".join(columns) + '\nx,0.5,"1,2"\n')
    with pytest.raises(ValueError, match=r"broken\.csv") as info:
        rca_histogram(path, progress=False)
    assert str(path) in str(info.value)
    assert repr(missing) in str(info.value)
    packed = tmp_path / "broken.csv.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    with pytest.raises(ValueError, match=r"broken\.csv\.gz"):
        rca_histogram(packed, progress=False)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a file"):
        rca_histogram(tmp_path / "nope.csv", progress=False)
    with pytest.raises(ValueError, match="empty"):
        rca_histogram(write(tmp_path, "empty.csv", ""), progress=False)
    unclosed = write(tmp_path, "unclosed.csv", 'Path,Dice RCA (Mean),Dice RCA (Max)\nx,0.5,"0.6\n')
    with pytest.raises(ValueError, match="never closed"):
        rca_histogram(unclosed, progress=False)


def test_dataset_names_from_file_names() -> None:
    assert dataset_name_of("/data/MIMIC-CXR-JPG.csv.gz") == "MIMIC-CXR-JPG"
    assert dataset_name_of("CheXpert.csv") == "CheXpert"
    assert dataset_name_of("Padchest.CSV") == "Padchest"
    assert dataset_name_of("notes.txt") == "notes.txt"


# --- bounded memory -----------------------------------------------------------------------------

MEMORY_PROBE = """
import json, resource, sys
from jupyterlab_chexmask import rca_histogram
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
payload = rca_histogram(sys.argv[1], progress=False).payload
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"growth_kib": after - before, "rows": payload["datasets"][0]["rows"]}))
"""


def test_memory_stays_bounded_on_a_200_mb_file(shared_data: Path, tmp_path: Path) -> None:
    source = (shared_data / "chexmask-preprocessed" / "CheXpert.csv").read_bytes()
    header, _, body = source.partition(b"\n")
    rows_per_copy = len(pd.read_csv(shared_data / "chexmask-preprocessed" / "CheXpert.csv"))
    copies = 200 * 1024 * 1024 // len(body) + 1
    big = tmp_path / "CheXpert.csv"
    try:
        with open(big, "wb") as out:
            out.write(header + b"\n")
            for _ in range(copies):
                out.write(body)
        assert big.stat().st_size > 200 * 1024 * 1024
        # The probe imports the same copy of the package as this test (the
        # source tree, or the installed wheel under make test-dist).
        home = str(Path(cm.__file__).resolve().parents[1])
        env = dict(os.environ, PYTHONPATH=home + os.pathsep + os.environ.get("PYTHONPATH", ""))
        result = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, str(big)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            timeout=120,
        )
    finally:
        big.unlink(missing_ok=True)
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["rows"] == copies * rows_per_copy
    growth_mb = probe["growth_kib"] / 1024
    assert growth_mb < 150, f"peak RSS grew by {growth_mb:.0f} MB on a 200 MB file"
