"""``cm.rca_histogram(..., examples=k)``: example rows per dataset per 0.05-wide band.

- The sample is exact: recomputed here from pandas and the documented rule
  (splitmix64 of the row's position salted by its source, the k smallest per
  band of Dice RCA (Mean)), for CSV files and for DataFrames alike, and the
  same rows either way.
- Every example row is the gallery's row of that CSV row (tiles at 48 px, or
  smaller, no landmarks), and takes at most 1,024 bytes (smaller tiles, else an error row).
- Budget and speed: ``examples=8`` on six datasets with every band filled is
  under 1 MB (a size bound, printed), and the streaming throughput of one CSV
  with and without examples in the same run (printed with ``-s``).
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import jupyterlab_chexmask as cm

M64 = (1 << 64) - 1


def splitmix(value: int) -> int:
    z = (value + 0x9E3779B97F4A7C15) & M64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def expected_sample(means: list[float], source: int, k: int) -> dict[int, list[int]]:
    """Per band, the positions sampled, in key order (the module's rule, written again)."""
    salt = (source * 0x9E3779B97F4A7C15) & M64
    bands: dict[int, list[tuple[int, int]]] = {}
    for position, mean in enumerate(means):
        if not (0 <= mean <= 1):  # NaN too
            continue
        band = min(int(np.floor(mean / 0.05)), 19)
        bands.setdefault(band, []).append((splitmix(position ^ salt), position))
    return {b: [p for _, p in sorted(keys)[:k]] for b, keys in sorted(bands.items())}


@pytest.fixture(scope="module")
def files(shared_data: Path) -> list[Path]:
    return sorted((shared_data / "chexmask-preprocessed").glob("*.csv"))


@pytest.mark.parametrize("k", [1, 3, 8])
def test_sample_is_exact_for_files_and_frames(files: list[Path], k: int) -> None:
    from_files = cm.rca_histogram(files, progress=False, examples=k, static=False).payload
    frames = {f.stem: cm.read_csv(f) for f in files}
    from_frames = cm.rca_histogram(frames, progress=False, examples=k, static=False).payload
    for source, (path, dataset, other) in enumerate(
        zip(files, from_files["datasets"], from_frames["datasets"], strict=True)
    ):
        frame = frames[path.stem]
        means = pd.to_numeric(frame["Dice RCA (Mean)"], errors="coerce").tolist()
        want = expected_sample(means, source, k)
        id_column = next(
            c for c in ("Path", "Image Index", "dicom_id", "ImageID", "image_id") if c in frame
        )
        expected_ids = [frame.iloc[p][id_column] for band in want for p in want[band]]
        expected_bands = [band for band in want for _ in want[band]]
        rows = dataset["examples"]["rows"]
        assert [r["id"] for r in rows] == expected_ids
        assert [r["band"] for r in rows] == expected_bands
        assert [r["id"] for r in other["examples"]["rows"]] == expected_ids
        assert dataset["examples"]["perBand"] == k
        for row, band in zip(rows, expected_bands, strict=True):
            assert band * 0.05 <= row["values"]["Dice RCA (Mean)"] < (band + 1) * 0.05 + 1e-12
            assert max(row["tile"]["height"], row["tile"]["width"]) in (48, 40)
            assert row["landmarks"] is None
            assert len(json.dumps(row)) <= 1024


def test_examples_are_gallery_rows(files: list[Path]) -> None:
    from jupyterlab_chexmask.gallery.display import gallery_row

    path = files[1]
    payload = cm.rca_histogram(path, progress=False, examples=2, static=False).payload
    frame = cm.read_csv(path)
    by_id = {row["Path"]: row for _, row in frame.iterrows()}
    for row in payload["datasets"][0]["examples"]["rows"]:
        expected = gallery_row(
            by_id[row["id"]].to_dict(),
            ["Dice RCA (Mean)", "Dice RCA (Max)"],
            side=max(row["tile"]["height"], row["tile"]["width"]),
            landmarks=False,
        )
        assert {k: v for k, v in row.items() if k != "band"} == json.loads(json.dumps(expected))


def test_gzip_and_refusals(files: list[Path], tmp_path: Path) -> None:
    import gzip

    plain = files[2]
    packed = tmp_path / f"{plain.stem}.csv.gz"
    with open(plain, "rb") as src, gzip.open(packed, "wb") as dst:
        shutil.copyfileobj(src, dst)
    a = cm.rca_histogram(plain, progress=False, examples=4, static=False).payload
    b = cm.rca_histogram(packed, progress=False, examples=4, static=False).payload
    assert a["datasets"][0]["examples"] == b["datasets"][0]["examples"]
    for bad in (-1, 101, True, 2.5):
        with pytest.raises(ValueError, match="examples"):
            cm.rca_histogram(plain, progress=False, examples=bad)  # type: ignore[arg-type]
    assert "examples" not in cm.rca_histogram(plain, progress=False).payload["datasets"][0]


def test_budget_and_throughput(
    files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = cm.rca_histogram(files, progress=False, examples=8, static=False).payload
    rows = [r for d in payload["datasets"] for r in d["examples"]["rows"]]
    size = len(json.dumps([d["examples"] for d in payload["datasets"]], separators=(",", ":")))
    per_row = size / len(rows)
    # One larger file: the shared rows repeated (about 240 MB), read with and without examples.
    big = tmp_path / "big.csv"
    text = next(f.read_text().splitlines(keepends=True) for f in files if "CheXpert" in f.name)
    with open(big, "w") as out:
        out.write(text[0])
        for _ in range(240):
            out.writelines(text[1:])
    size_mb = big.stat().st_size / 2**20
    times: dict[int, list[float]] = {0: [], 8: []}
    for _ in range(3):
        for k in (0, 8):
            started = time.perf_counter()
            cm.rca_histogram(big, progress=False, examples=k, static=False)
            times[k].append(time.perf_counter() - started)
    best = {k: min(v) for k, v in times.items()}
    examples = len(
        cm.rca_histogram(big, progress=False, examples=8, static=False).payload["datasets"][0][
            "examples"
        ]["rows"]
    )
    with capsys.disabled():
        print(
            f"\nRCA examples=8 of the six shared files: {len(rows)} rows, {size} bytes "
            f"({per_row:.0f} per row; 1 MB holds {2**20 / per_row:.0f} rows, "
            f"i.e. 8 rows in {2**20 / per_row / 48:.1f} bands per dataset of six)"
            f"\nstreaming a {size_mb:.0f} MB CSV: {size_mb / best[0]:.0f} MB/s without examples, "
            f"{size_mb / best[8]:.0f} MB/s with examples=8 (best of 3, same run; "
            f"{(best[8] - best[0]) * 1000:.0f} ms more, for {examples} example rows)"
        )
    assert per_row < 3 * 1024


def test_worst_case_budget(files: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Six datasets with all 20 bands full at ``examples=8``: the shared rows of each file,
    repeated and given scores across every band (960 example rows), stay under 1 MB."""
    frames: dict[str, pd.DataFrame] = {}
    for path in files:
        frame = cm.read_csv(path)
        frame = pd.concat([frame] * (-(-200 // len(frame))), ignore_index=True)
        band = np.arange(len(frame)) % 20
        frame["Dice RCA (Mean)"] = band * 0.05 + 0.025
        frame["Dice RCA (Max)"] = frame["Dice RCA (Mean)"] + 0.01
        frames[path.stem] = frame
    payload = cm.rca_histogram(frames, progress=False, examples=8, static=False).payload
    examples = [d["examples"] for d in payload["datasets"]]
    rows = [r for e in examples for r in e["rows"]]
    assert len(examples) == 6
    assert len(rows) == 6 * 20 * 8
    assert all(
        sorted({r["band"] for r in e["rows"]}) == list(range(20))
        and all(sum(r["band"] == b for r in e["rows"]) == 8 for b in range(20))
        for e in examples
    )
    # Bytes as Jupyter writes them (json.dumps' default separators), the part and the whole.
    size = len(json.dumps(examples))
    whole = len(json.dumps(payload))
    largest = max(len(json.dumps(r)) for r in rows)
    sides = sorted({max(r["tile"]["height"], r["tile"]["width"]) for r in rows if "tile" in r})
    with capsys.disabled():
        print(
            f"\nRCA examples=8, six datasets, all 20 bands full: {len(rows)} rows, "
            f"{size:,} bytes of examples ({size / len(rows):.0f} a row, the largest {largest}; "
            f"tile sides {sides}), the whole payload {whole:,} bytes"
        )
    assert all("error" not in r for r in rows)
    assert largest <= 1024
    assert size <= 1_000_000


def test_a_row_too_large_becomes_an_error_row(files: list[Path]) -> None:
    from jupyterlab_chexmask.common.examples import EXAMPLE_ROW_BYTES, example_row

    cells = cm.read_csv(files[1]).iloc[0].to_dict()
    fits = example_row(dict(cells), ["Dice RCA (Mean)", "Dice RCA (Max)"], {"band": 3})
    assert "tile" in fits
    assert len(json.dumps(fits)) <= EXAMPLE_ROW_BYTES
    cells["Path"] = "x" * 5000
    row = example_row(cells, ["Dice RCA (Mean)", "Dice RCA (Max)"], {"band": 3})
    assert row["error"]["field"] == "Path"
    assert "bytes" in row["error"]["message"]
    assert row["id"] is None
    assert row["band"] == 3
    assert len(json.dumps(row)) <= EXAMPLE_ROW_BYTES
