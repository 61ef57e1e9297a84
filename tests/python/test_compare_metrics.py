"""The agreement metrics (``compare/metrics.py``) against medpy and scipy, to the last bit.

The pairs and the oracle are ``tests/parity/compare_oracles.py``'s (the jest
spec of the TypeScript core uses the same): shared rows against perturbed
copies of themselves and every organ pair of the original-resolution example.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("medpy")
pytest.importorskip("scipy")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "parity"))
import compare_oracles
from medpy.metric import binary as medpy_binary
from scipy.ndimage import binary_erosion

from jupyterlab_chexmask.compare.metrics import (
    Planes,
    Runs,
    plane_metrics,
    runs_of_mask,
    surfaces,
)
from jupyterlab_chexmask.format.rle import decode_rle

METRICS = ("dice", "iou", "hd", "hd95", "assd")


@pytest.fixture(scope="module")
def cases(shared_data: Path) -> list[dict[str, Any]]:
    return compare_oracles.cases(shared_data)


def _batch(pairs: list[tuple[np.ndarray, np.ndarray]]) -> tuple[Runs, Runs, Planes]:
    planes = Planes.of_sizes(
        np.array([a.shape[0] for a, _ in pairs]), np.array([a.shape[1] for a, _ in pairs])
    )
    a = Runs.of_planes([runs_of_mask(a) for a, _ in pairs], planes)
    b = Runs.of_planes([runs_of_mask(b) for _, b in pairs], planes)
    return a, b, planes


def test_every_pair_equals_medpy_in_one_batch(cases: list[dict[str, Any]]) -> None:
    pairs = [
        (decode_rle(c["a"], c["height"], c["width"]), decode_rle(c["b"], c["height"], c["width"]))
        for c in cases
    ]
    got = plane_metrics(*_batch(pairs))
    worst = 0.0
    for k, case in enumerate(cases):
        expected = case["oracle"]
        assert got.area_a[k] == expected["area_a"], case["name"]
        assert got.area_b[k] == expected["area_b"], case["name"]
        for metric in METRICS:
            value = float(getattr(got, metric)[k])
            if expected[metric] is None:
                assert math.isnan(value), (case["name"], metric)
                continue
            worst = max(worst, abs(value - expected[metric]))
            assert value == expected[metric], (case["name"], metric, value, expected[metric])
    assert worst == 0.0
    names = " ".join(c["name"] for c in cases)
    for kind in ("shifted", "dilated", "eroded", "emptied", "both empty", "example", "border"):
        assert kind in names


def test_the_oracle_reduction_is_medpys_on_whole_planes(shared_data: Path) -> None:
    masks = compare_oracles.example_masks(shared_data)
    a = masks["Right Lung"]
    left = int(np.nonzero(a)[1].min())
    for b in (
        compare_oracles.shift(a, -4, 9),
        masks["Left Lung"],
        compare_oracles.shift(a, 0, -left - 6),  # cut by the image border
    ):
        expected = compare_oracles.oracle(a, b)
        assert medpy_binary.hd(a, b) == expected["hd"]
        assert medpy_binary.hd95(a, b) == expected["hd95"]
        assert medpy_binary.assd(a, b) == expected["assd"]
        assert medpy_binary.dc(a, b) == expected["dice"]
        assert medpy_binary.jc(a, b) == expected["iou"]


def test_surface_is_pixels_with_a_4_neighbour_outside_or_on_the_border() -> None:
    rng = np.random.default_rng(7)
    for shape in ((1, 1), (1, 7), (6, 1), (9, 13), (32, 32)):
        for density in (0.2, 0.6, 0.95, 1.0):
            mask = (rng.random(shape) < density).astype(np.uint8)
            planes = Planes.of_sizes(np.array([shape[0]]), np.array([shape[1]]))
            runs = Runs.of_planes([runs_of_mask(mask)], planes)
            border = mask.astype(bool) ^ binary_erosion(mask, compare_oracles.CROSS)
            assert surfaces(runs, planes).tolist() == np.flatnonzero(border.ravel()).tolist()


def test_touching_runs_are_one_interval() -> None:
    # "1 2 3 2" is legal CheXmask RLE (runs may touch): pixels 0..3 of a 2×4 mask.
    planes = Planes.of_sizes(np.array([2]), np.array([4]))
    touching = Runs(np.array([0, 2]), np.array([2, 2]), np.array([0, 0]))
    single = Runs(np.array([0]), np.array([4]), np.array([0]))
    assert surfaces(touching, planes).tolist() == surfaces(single, planes).tolist() == [0, 1, 2, 3]


def test_random_masks_of_mixed_sizes_in_one_batch() -> None:
    pairs = [(a, b) for _, a, b in compare_oracles.random_pairs()]
    got = plane_metrics(*_batch(pairs))
    for k, (a, b) in enumerate(pairs):
        expected = compare_oracles.oracle(a, b)
        for metric in METRICS:
            value = float(getattr(got, metric)[k])
            if expected[metric] is None:
                assert math.isnan(value)
            else:
                assert value == expected[metric], (k, metric)
