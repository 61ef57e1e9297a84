"""Mask pairs and their agreement metrics as medpy computes them: the oracle of the compare tests.

Used by ``tests/python/test_compare_metrics.py`` (imported) and by
``src/core/__tests__/agreement.spec.ts`` (run: it prints the cases as JSON on
stdout), so both languages are checked against the same numbers, made in the
test run from the shared rows (nothing is committed).

The pairs: shared rows' organs against perturbed copies of themselves
(shifted with zero fill, shifted against the image border, dilated and eroded
with the 4-neighbour cross, swapped for another row's organ, emptied, both
empty; both empty is pinned to Dice = IoU = 1 and distances 0, where medpy gives
NaN) and every ordered organ pair of the original-resolution example's PNG
masks. The oracle is ``medpy.metric.binary``: ``dc``, ``jc``, and its
``__surface_distances`` in both directions, reduced exactly as its ``hd``,
``hd95`` and ``assd`` reduce them (``max``, ``numpy.percentile(…, 95)`` of the
two stacked, ``mean`` of the two concatenated). The planes are cropped to the
union's bounding box grown by 2 pixels (clipped to the image) first: the
erosion, the distance transform and so the distances are the same (a crop
edge is either the image's own or two empty pixels away from any mask pixel),
and it keeps the oracle fast enough to run on every test run. The tests also
call the public ``hd``, ``hd95`` and ``assd`` on whole planes for some pairs,
to check this reduction is medpy's.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from medpy.metric import binary as medpy_binary
from PIL import Image
from scipy.ndimage import binary_dilation, binary_erosion, generate_binary_structure

from jupyterlab_chexmask.format.rle import decode_rle, encode_rle

ORGANS = ("Right Lung", "Left Lung", "Heart")
CROSS = generate_binary_structure(2, 1)
_surface_distances = getattr(medpy_binary, "__surface_distances")
#: The example's PNG masks, by organ.
EXAMPLE_MASKS = {"Right Lung": "RL_mask.png", "Left Lung": "LL_mask.png", "Heart": "H_mask.png"}


def shift(mask: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """``mask`` moved by (dy, dx), what leaves the image lost, zeros coming in."""
    out = np.zeros_like(mask)
    h, w = mask.shape
    src = mask[max(0, -dy) : h - max(0, dy), max(0, -dx) : w - max(0, dx)]
    out[max(0, dy) : max(0, dy) + src.shape[0], max(0, dx) : max(0, dx) + src.shape[1]] = src
    return out


def perturbations(mask: np.ndarray, other: np.ndarray) -> Iterator[tuple[str, np.ndarray]]:
    """The copies of ``mask`` it is compared with."""
    yield "same", mask.copy()
    yield "shifted (3, -5)", shift(mask, 3, -5)
    yield "shifted (-17, 11)", shift(mask, -17, 11)
    _, xs = np.nonzero(mask)
    if xs.size:  # pushed against (and past) the left image border
        yield "against the border", shift(mask, 0, -int(xs.min()) - 6)
    yield "dilated 2", binary_dilation(mask, CROSS, iterations=2).astype(np.uint8)
    yield "eroded 3", binary_erosion(mask, CROSS, iterations=3).astype(np.uint8)
    yield "another row's organ", other
    yield "emptied", np.zeros_like(mask)


def crop(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both masks cut to their union's bounding box grown by 2 (see the module docstring)."""
    ys, xs = np.nonzero(a | b)
    if not ys.size:
        return a[:1, :1], b[:1, :1]
    h, w = a.shape
    r0, r1 = max(0, int(ys.min()) - 2), min(h, int(ys.max()) + 3)
    c0, c1 = max(0, int(xs.min()) - 2), min(w, int(xs.max()) + 3)
    return a[r0:r1, c0:c1], b[r0:r1, c0:c1]


def oracle(a: np.ndarray, b: np.ndarray) -> dict[str, float | None]:
    """medpy's metrics of a pair (``None`` for an undefined distance; both empty: 0)."""
    ca, cb = crop(a != 0, b != 0)
    out: dict[str, float | None] = {"area_a": int(ca.sum()), "area_b": int(cb.sum())}
    if not ca.any() and not cb.any():
        # The pinned definition: medpy's dc and jc give NaN here (0 / 0 of numpy scalars).
        out.update(dice=1.0, iou=1.0, hd=0.0, hd95=0.0, assd=0.0)
        return out
    out.update(dice=float(medpy_binary.dc(ca, cb)), iou=float(medpy_binary.jc(ca, cb)))
    if not ca.any() or not cb.any():
        out.update(hd=None, hd95=None, assd=None)
    else:
        ab = _surface_distances(ca, cb, None, 1)
        ba = _surface_distances(cb, ca, None, 1)
        out.update(
            hd=float(max(ab.max(), ba.max())),
            hd95=float(np.percentile(np.hstack((ab, ba)), 95)),
            assd=float(np.concatenate([ab, ba]).mean()),
        )
    return out


def shared_pairs(shared: Path, rows_per_file: int) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """Organs of the first rows of every preprocessed file against their perturbations."""
    for path in sorted((shared / "chexmask-preprocessed").glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, nrows=rows_per_file + 1)
        for i in range(min(rows_per_file, len(frame) - 1)):
            for organ in ORGANS:
                cells = frame.iloc[i]
                size = _size(cells)
                mask = decode_rle(cells[organ], *size)
                other = decode_rle(frame.iloc[i + 1][organ], *_size(frame.iloc[i + 1]))
                if other.shape != mask.shape:
                    other = np.zeros_like(mask)
                for name, copy in perturbations(mask, other):
                    yield f"{path.name} row {i} {organ} vs {name}", mask, copy
                if i == 0 and organ == "Heart":
                    empty = np.zeros_like(mask)
                    yield f"{path.name} row {i} both empty", empty, empty
                    yield f"{path.name} row {i} empty vs {organ}", empty, mask


def _size(cells: pd.Series) -> tuple[int, int]:
    def side(column: str) -> int:
        value = cells.get(column)
        return (
            1024 if value is None or pd.isna(value) or not str(value).strip() else int(float(value))
        )

    return side("Height"), side("Width")


def example_masks(shared: Path) -> dict[str, np.ndarray]:
    """The original-resolution example's masks as 0/1 arrays, by organ."""
    folder = shared / "original-resolution-example"
    return {
        organ: (np.asarray(Image.open(folder / name).convert("L")) > 127).astype(np.uint8)
        for organ, name in EXAMPLE_MASKS.items()
    }


def example_pairs(shared: Path) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """Every ordered organ pair of the example (each organ with itself included)."""
    masks = example_masks(shared)
    for a in ORGANS:
        for b in ORGANS:
            yield f"example {a} vs {b}", masks[a], masks[b]


def random_pairs(count: int = 40, seed: int = 3) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """Small random masks of mixed sizes and densities (thin, full, speckled)."""
    rng = np.random.default_rng(seed)
    for k in range(count):
        h, w = (int(v) for v in rng.integers(1, 40, 2))
        a = (rng.random((h, w)) < rng.random()).astype(np.uint8)
        b = (rng.random((h, w)) < rng.random()).astype(np.uint8)
        yield f"random {k} ({h}×{w})", a, b


def cases(shared: Path, rows_per_file: int = 2) -> list[dict[str, Any]]:
    """Every pair as RLE with its oracle."""
    out = []
    pairs = [*shared_pairs(shared, rows_per_file), *example_pairs(shared), *random_pairs()]
    for name, a, b in pairs:
        out.append(
            {
                "name": name,
                "height": int(a.shape[0]),
                "width": int(a.shape[1]),
                "a": encode_rle(a),
                "b": encode_rle(b),
                "oracle": oracle(a, b),
            }
        )
    return out


def main() -> None:
    """Print the cases of ``argv[1]`` (the shared data folder) as JSON."""
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    data = cases(Path(sys.argv[1]), rows)
    json.dump(data, sys.stdout, allow_nan=False, default=lambda v: None if math.isnan(v) else v)


if __name__ == "__main__":
    main()
