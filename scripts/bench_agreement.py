"""Benchmark ``cm.agreement`` against medpy on the same pairs, in one run.

Makes ``--pairs`` (10,000) pairs of 1024² rows from the shared rows of
``../shared/data/chexmask-preprocessed``: each pair is a real row and a
perturbed copy of it (shifted, dilated, eroded with the 4-neighbour cross, or
shifted with its heart emptied; made once per real row and variant, then
cycled), as DataFrames in memory. Then it times, in this process:

(a) ``cm.agreement(a, b, distances=False)``: Dice and IoU (pairs/s);
(b) ``cm.agreement(a, b)``: Dice, IoU and HD95 (pairs/s);
(c) medpy on the first ``--medpy-pairs`` (200) of the same pairs: each organ
    decoded with ``cm.decode_rle`` (timed with it: medpy needs the masks),
    then ``dc`` and ``jc``, and separately ``hd95`` (pairs/s);

checks that (b) equals medpy on those pairs (Dice, IoU, HD95: the largest
difference is printed) and prints the ratios. Goals on the 2-core machine:
≥ 1,000 pairs/s for (a), ≥ 100 pairs/s for (b).

    .venv/bin/python scripts/bench_agreement.py [--pairs 10000] [--medpy-pairs 200] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import jupyterlab_chexmask as cm  # noqa: E402
from jupyterlab_chexmask.format.columns import ORGAN_COLUMNS  # noqa: E402

SHARED = Path(os.environ.get("CHEXMASK_SHARED_DATA") or REPO.parent / "shared" / "data")


def shift(mask: np.ndarray, dy: int, dx: int) -> np.ndarray:
    out = np.zeros_like(mask)
    h, w = mask.shape
    src = mask[max(0, -dy) : h - max(0, dy), max(0, -dx) : w - max(0, dx)]
    out[max(0, dy) : max(0, dy) + src.shape[0], max(0, dx) : max(0, dx) + src.shape[1]] = src
    return out


def dilate(mask: np.ndarray) -> np.ndarray:
    out = mask.copy()
    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        out |= shift(mask, dy, dx)
    return out


def erode(mask: np.ndarray) -> np.ndarray:
    return 1 - dilate(1 - mask)


VARIANTS = {
    "shifted (2, -3)": lambda m, organ: shift(m, 2, -3),
    "dilated": lambda m, organ: dilate(m),
    "eroded": lambda m, organ: erode(m),
    "shifted (-6, 4), no heart": lambda m, organ: (
        np.zeros_like(m) if organ == "Heart" else shift(m, -6, 4)
    ),
}


def make_pairs(count: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    real = pd.concat(
        [cm.read_csv(p) for p in sorted((SHARED / "chexmask-preprocessed").glob("*.csv"))],
        ignore_index=True,
    )
    real = real[[*ORGAN_COLUMNS, "Landmarks"]]
    perturbed = []
    for _, make in VARIANTS.items():
        copy = real.copy()
        for organ in ORGAN_COLUMNS:
            copy[organ] = [
                cm.encode_rle(make(cm.decode_rle(v, 1024, 1024), organ)) or np.nan
                for v in real[organ]
            ]
        perturbed.append(copy)
    take = np.arange(count)
    a = real.iloc[take % len(real)].reset_index(drop=True)
    b = pd.concat(
        [perturbed[(k // len(real)) % len(VARIANTS)].iloc[[k % len(real)]] for k in take],
        ignore_index=True,
    )
    ids = [f"pair-{k:05d}" for k in take]
    a.insert(0, "id", ids)
    b.insert(0, "id", ids)
    return a, b


def medpy_rates(a: pd.DataFrame, b: pd.DataFrame) -> tuple[float, float, dict[str, list[float]]]:
    from medpy.metric import binary

    n = len(a)
    values: dict[str, list[float]] = {"Dice": [], "IoU": [], "HD95": []}
    t = time.perf_counter()
    for i in range(n):
        for organ in ORGAN_COLUMNS:
            ma = cm.decode_rle(a[organ].iloc[i], 1024, 1024)
            mb = cm.decode_rle(b[organ].iloc[i], 1024, 1024)
            values["Dice"].append(binary.dc(ma, mb))
            values["IoU"].append(binary.jc(ma, mb))
    overlap = n / (time.perf_counter() - t)
    t = time.perf_counter()
    for i in range(n):
        for organ in ORGAN_COLUMNS:
            ma = cm.decode_rle(a[organ].iloc[i], 1024, 1024)
            mb = cm.decode_rle(b[organ].iloc[i], 1024, 1024)
            values["HD95"].append(binary.hd95(ma, mb) if ma.any() and mb.any() else np.nan)
    hd95 = n / (time.perf_counter() - t)
    return overlap, hd95, values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--medpy-pairs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    t = time.perf_counter()
    a, b = make_pairs(args.pairs)
    print(
        f"{len(a)} pairs of 1024² rows made in {time.perf_counter() - t:.1f} s; "
        f"{os.cpu_count()} CPUs"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every id matches
        t = time.perf_counter()
        cm.agreement(a, b, distances=False, progress=False, workers=args.workers)
        fast = len(a) / (time.perf_counter() - t)
        t = time.perf_counter()
        full = cm.agreement(a, b, progress=False, workers=args.workers)
        slow = len(a) / (time.perf_counter() - t)
    m = args.medpy_pairs
    med_overlap, med_hd95, values = medpy_rates(a.iloc[:m], b.iloc[:m])
    largest = 0.0
    for name, listed in values.items():
        ours = full[[f"{name} {o}" for o in ORGAN_COLUMNS]].iloc[:m].to_numpy().ravel()
        theirs = np.array(listed, dtype=np.float64)
        assert (np.isnan(ours) == np.isnan(theirs)).all(), name
        same = ~np.isnan(ours)
        largest = max(largest, float(np.abs(ours[same] - theirs[same]).max(initial=0)))
    print(f"agreement, Dice/IoU:      {fast:8.0f} pairs/s (goal ≥ 1,000)")
    print(f"agreement, with HD95:     {slow:8.0f} pairs/s (goal ≥ 100)")
    print(
        f"medpy dc + jc ({m} pairs): {med_overlap:8.1f} pairs/s  -> ratio {fast / med_overlap:.0f}x"
    )
    print(f"medpy hd95 ({m} pairs):    {med_hd95:8.1f} pairs/s  -> ratio {slow / med_hd95:.0f}x")
    print(f"largest difference from medpy on those pairs (Dice, IoU, HD95): {largest:g}")


if __name__ == "__main__":
    main()
