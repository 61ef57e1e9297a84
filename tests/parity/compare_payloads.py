"""Comparison payloads made by the kernel (``cm.compare``), printed as JSON: the oracle of
``src/compare/__tests__/kernel-parity.spec.ts``.

For shared Preprocessed rows paired with the next row of the same file, with a
copy whose heart is emptied (undefined distances), with a copy whose organs
are shifted (as a dict of arrays, so B has no landmarks), and with a 2048²
upsampled copy under ``resize="nearest"`` (fractional landmarks), it prints
each payload and its alt text. The view must read each payload, compute the
same table with its own core, and say the same words.

Usage: ``python tests/parity/compare_payloads.py SHARED_DATA [PAIRS]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

import jupyterlab_chexmask as cm

ORGANS = ("Right Lung", "Left Lung", "Heart")


def main(shared: Path, pairs: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def emit(name: str, view: Any) -> None:
        out.append({"name": name, "payload": view.payload, "alt": view._alt})

    files = sorted((shared / "chexmask-preprocessed").glob("*.csv"))
    for path in files:
        frame = cm.read_csv(path, nrows=pairs + 1)
        for i in range(min(pairs, len(frame) - 1)):
            a, b = frame.iloc[i], frame.iloc[i + 1]
            emit(f"{path.stem} {i} vs {i + 1}", cm.compare(a, b, static=False))
        a = frame.iloc[0]
        no_heart = a.copy()
        no_heart["Heart"] = np.nan
        view = cm.compare(a, no_heart, labels=("CheXmask", "no heart"), static=False)
        emit(f"{path.stem} 0 vs no heart", view)
        height, width = view.payload["height"], view.payload["width"]
        masks = {o: np.roll(cm.decode_rle(a[o], height, width), (3, -5), (0, 1)) for o in ORGANS}
        emit(f"{path.stem} 0 vs shifted arrays", cm.compare(a, masks, static=False))
        big = {
            o: np.kron(cm.decode_rle(a[o], height, width), np.ones((2, 2), np.uint8))
            for o in ORGANS
        }
        big_row = {
            "Heart": cm.encode_rle(big["Heart"]),
            "Right Lung": cm.encode_rle(big["Right Lung"]),
            "Left Lung": cm.encode_rle(big["Left Lung"]),
            "Height": 2 * height,
            "Width": 2 * width,
            "Landmarks": ",".join(
                str(int(v) * 2 + 1) for v in str(a["Landmarks"]).replace(" ", "").split(",")
            ),
        }
        emit(
            f"{path.stem} 0 vs 2× resized",
            cm.compare(a, big_row, labels=("CheXmask", "2×"), resize="nearest", static=False),
        )
    return out


if __name__ == "__main__":
    pairs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    json.dump(main(Path(sys.argv[1]), pairs), sys.stdout, allow_nan=False)
