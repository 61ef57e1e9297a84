"""``cm.measure(engine="numba")``, the compiled path, gives exactly the general path's table.

The general path (``engine="pandas"``: pandas reads every cell, then
``measure/frame.py``) is the definition, itself checked against the row view
and the shared oracles in ``test_measure.py``. Here both paths read the same
files — every shared CSV, random masks, a file of hostile cells, and random
byte mutations of shared records — cut into chunks of many sizes, and must
give equal tables (or the same error). Skipped in the minimum-versions venv of
``make test-dist`` (no extras); in any other venv a missing numba is an error.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.format.cells import row_cells
from jupyterlab_chexmask.measure import api
from jupyterlab_chexmask.row.check import check_row
from jupyterlab_chexmask.row.measure import measure_row

REPO = Path(__file__).resolve().parents[2]

if "venv-min" in sys.prefix:  # the min-version venv installs no extras: the general path only
    pytest.importorskip("numba")
else:  # the dev venv: numba is in requirements-dev.txt, so a failed import is an error
    import numba  # noqa: F401

from jupyterlab_chexmask.measure import fast  # noqa: E402 - needs numba

ORGANS = ("Right Lung", "Left Lung", "Heart")
CHUNKS = (1 << 10, 1 << 14, 16 << 20)


def both(path: Path, **kwargs: object) -> tuple[pd.DataFrame, pd.DataFrame]:
    general = cm.measure(path, progress=False, engine="pandas", workers=1)
    compiled = cm.measure(path, progress=False, engine="numba", **kwargs)  # type: ignore[arg-type]
    return general, compiled


def outcome(path: Path, engine: str, **kwargs: object) -> pd.DataFrame | str:
    """The table, or the error's type and text."""
    try:
        return cm.measure(path, progress=False, engine=engine, **kwargs)  # type: ignore[arg-type]
    except Exception as error:
        return f"{type(error).__name__}: {error}"


def assert_same_outcome(path: Path, **kwargs: object) -> None:
    general = outcome(path, "pandas", workers=1)
    compiled = outcome(path, "numba", **kwargs)
    if isinstance(general, str) or isinstance(compiled, str):
        assert general == compiled
    else:
        pd.testing.assert_frame_equal(general, compiled)


@pytest.fixture(scope="module")
def shared_csvs(shared_data: Path) -> list[Path]:
    return sorted(shared_data.glob("*/*.csv"))


@pytest.mark.parametrize("chunk_bytes", CHUNKS)
@pytest.mark.parametrize("workers", [1, 2])
def test_shared_files_equal_the_general_path(
    shared_csvs: list[Path], chunk_bytes: int, workers: int
) -> None:
    for path in shared_csvs:
        general, compiled = both(path, chunk_bytes=chunk_bytes, workers=workers)
        pd.testing.assert_frame_equal(general, compiled)
        assert (compiled["problem"] == "").all()


def test_gzip_files_equal_the_general_path(shared_csvs: list[Path], tmp_path: Path) -> None:
    for path in shared_csvs:
        gz = tmp_path / f"{path.stem}.csv.gz"
        gz.write_bytes(gzip.compress(path.read_bytes()))
        for chunk_bytes in CHUNKS:
            general, compiled = both(gz, chunk_bytes=chunk_bytes)
            pd.testing.assert_frame_equal(general, compiled)


def test_the_compiled_loop_reads_the_shared_records_itself(shared_csvs: list[Path]) -> None:
    """The speed claim rests on the loop calling the shared records plain: none left over."""
    for path in shared_csvs:
        data = path.read_bytes()
        header_end = data.index(b"\n") + 1
        names = data[: header_end - 1].decode().split(",")
        view = np.frombuffer(data[header_end:], dtype=np.uint8)
        kinds, slots = fast._kinds(names, [n for n in names if n not in ORGANS], list(ORGANS))
        count = len(cm.read_csv(path))
        bounds = np.empty((count + 1, len(names), 2), dtype=np.int64)
        areas, extents = np.empty((count + 1, 3)), np.empty((count + 1, 2))
        plain = np.empty(count + 1, dtype=bool)
        runs = np.empty(view.size // 2 + 2, dtype=np.int32)
        got = fast.compiled.measure_records(view, kinds, slots, bounds, areas, extents, plain, runs)
        assert got == count, path
        assert plain[:count].all(), path


@pytest.mark.parametrize("chunk_bytes", [1 << 9, 16 << 20])
def test_random_masks_equal_the_row_view(tmp_path: Path, chunk_bytes: int) -> None:
    """Small random masks (runs over several image rows, full rows between, empty cells),
    sizes written as integers or as ``"8.0"``; both paths, and the row view."""
    rng = np.random.default_rng(23)
    rows = []
    for k in range(300):
        height, width = (int(v) for v in rng.integers(1, 9, size=2))
        cells: dict[str, object] = {
            "Path": f"p{k}",
            "Height": f"{height}.0" if k % 3 == 0 else str(height),
            "Width": str(width),
        }
        for organ in ORGANS:
            mask = rng.random((height, width)) < rng.choice([0.0, 0.3, 0.8])
            cells[organ] = cm.encode_rle(mask) or ""
        if all(not cells[organ] for organ in ORGANS):
            cells["Heart"] = "1 1"
        rows.append(cells)
    path = tmp_path / "random.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    general, compiled = both(path, chunk_bytes=chunk_bytes)
    pd.testing.assert_frame_equal(general, compiled)
    frame = cm.read_csv(path)
    for i in range(len(frame)):
        view = measure_row(check_row(row_cells(frame.iloc[i])))
        for organ in ORGANS:
            assert compiled[f"{organ} area"].iloc[i] == view.pixels[organ]
        ctr = compiled["CTR"].iloc[i]
        assert (np.isnan(ctr) and view.ctr is None) or ctr == view.ctr, i


#: Cells the compiled loop must leave to the general path (or read exactly as it does).
HOSTILE_MASKS = [
    "1 2 5 3 x",  # a letter
    "1 2 5",  # an odd count
    "5 3 1 2",  # backwards
    "0 3",  # a start of 0
    "1 0",  # a length of 0
    " 1 2",  # a leading space
    "1 2 ",  # a trailing space
    "1  2",  # a doubled space
    "1\t2",  # a tab
    "+1 2",  # a sign
    "-1 2",
    "01 002",  # leading zeros
    "1 2.0",
    "1 1048577",  # past a 1024² mask
    "1048576 1",  # the last pixel
    "1 1048576",  # every pixel
    "9999999999999999 1",  # 16 digits
    "123456789012345 1",  # 15 digits
    "1 2 1048570 100",  # the second run past the mask
    "   ",  # blank: missing
    "NA",
    "nan",
    "é 1",
]


def hostile_file(tmp_path: Path, one: pd.Series) -> Path:
    """One good record, then one per hostile cell in each organ column and in the sizes."""
    header = "Path,Dice RCA (Mean),Dice RCA (Max),Right Lung,Left Lung,Heart,Height,Width"
    lines = [header]

    def record(name: str, **cells: str) -> str:
        values = {
            "Path": name,
            "Dice RCA (Mean)": "0.8",
            "Dice RCA (Max)": "0.9",
            **{o: str(one[o]) for o in ORGANS},
            "Height": "1024",
            "Width": "1024",
        }
        values.update(cells)
        return ",".join(values[c] for c in header.split(","))

    lines.append(record("good"))
    for k, cell in enumerate(HOSTILE_MASKS):
        for organ in ORGANS:
            lines.append(record(f"m{k}-{organ}", **{organ: cell}))
        lines.append(record(f"q{k}", Heart=f'"{cell}"'))  # quoted
    for k, side in enumerate(["", "1024.0", "1024.", "1e3", "0", "-5", "abc", " 1024", "20000"]):
        lines.append(record(f"s{k}", Height=side))
    lines.append(record("quoted-good", Heart=f'"{one["Heart"]}"', Path='"a,b"'))
    lines.append(record("empty", Heart="", **{"Left Lung": '""'}))
    path = tmp_path / "hostile.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def one(shared_data: Path) -> pd.Series:
    return cm.read_csv(shared_data / "chexmask-preprocessed" / "CheXpert.csv").iloc[0]


@pytest.mark.parametrize("chunk_bytes", [1 << 9, 1 << 16, 16 << 20])
def test_hostile_cells_equal_the_general_path(
    tmp_path: Path, one: pd.Series, chunk_bytes: int
) -> None:
    path = hostile_file(tmp_path, one)
    general, compiled = both(path, chunk_bytes=chunk_bytes)
    pd.testing.assert_frame_equal(general, compiled)
    assert (general["problem"] != "").sum() > len(HOSTILE_MASKS)  # the cells are really bad


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffPath,Heart\r\na,1 2\r\n\r\nb,3 4\r\n",  # BOM, CRLF and a blank record
        "Path,Heart\na,1 2\rb,3 4\n",  # a lone carriage return
        'Path,Heart\n"a\nb","1 2"\nc,3 4',  # a newline in quotes, no final newline
        'Path,Heart\n"a""b",1 2\n',  # a doubled quote
        'Path,Heart\n"a"x,1 2\n',  # text after a closing quote
        "Path,Heart\na,1 2,extra\n",  # a field too many
        "Path,Heart\na\n",  # a field too few
        "Path,Heart,Heart\na,1 2,3 4\n",  # a repeated name
        "Path,Heart\n",  # no record
        "Path,Heart\n\n\n",  # blank records only
        "Path,Heart\na,1 2\n   \n",  # a record of spaces
    ],
)
def test_unusual_files_have_the_same_outcome(tmp_path: Path, text: str) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(text.encode("utf-8"))
    for chunk_bytes in (8, 1 << 16):
        assert_same_outcome(path, chunk_bytes=chunk_bytes)


def test_mutated_records_have_the_same_outcome(shared_csvs: list[Path], tmp_path: Path) -> None:
    """Random bytes that CSV and RLE care about, put at random places in shared records."""
    rng = np.random.default_rng(5)
    alphabet = b' ,"\n\r0x.-+\t'
    source = shared_csvs[0].read_bytes()
    header_end = source.index(b"\n") + 1
    records = source[header_end:].split(b"\n")[:6]
    for trial in range(60):
        body = bytearray(b"\n".join(records) + b"\n")
        for _ in range(int(rng.integers(1, 4))):
            at = int(rng.integers(0, len(body)))
            byte = alphabet[int(rng.integers(0, len(alphabet)))]
            if rng.random() < 0.5:
                body[at] = byte
            else:
                body.insert(at, byte)
        path = tmp_path / f"mutated-{trial}.csv"
        path.write_bytes(source[:header_end] + bytes(body))
        assert_same_outcome(path, chunk_bytes=int(rng.choice([64, 1 << 20])))


def test_engine_is_checked(shared_csvs: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match=r"^engine: must be one of 'auto', 'numba', 'pandas'"):
        cm.measure(shared_csvs[0], progress=False, engine="fast")
    monkeypatch.setattr(api, "NUMBA", False)
    with pytest.raises(ImportError, match=r"pip install jupyterlab_chexmask\[fast\]"):
        cm.measure(shared_csvs[0], progress=False, engine="numba")
    # "auto" without numba is the general path.
    pd.testing.assert_frame_equal(
        cm.measure(shared_csvs[0], progress=False, engine="auto"),
        cm.measure(shared_csvs[0], progress=False, engine="pandas"),
    )


def test_import_does_not_import_numba() -> None:
    """numba takes half a second to import: only measuring a file with it imports it."""
    code = (
        "import sys, jupyterlab_chexmask as cm, pandas as pd; "
        "cm.measure(pd.DataFrame({'Path': ['a'], 'Heart': ['1 2']}), progress=False); "
        "assert 'numba' not in sys.modules, 'numba imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
