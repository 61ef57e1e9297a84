"""The kinds of ``b`` that ``cm.compare`` and ``pair.py`` take, made from one set of masks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from PIL import Image

import jupyterlab_chexmask as cm


def kinds_of_b(row: pd.Series, masks: dict[str, np.ndarray], folder: Path) -> dict[str, Any]:
    """``masks`` as every accepted kind: a row, its dict, 0/1 and bool arrays, PNG paths
    (as paths and strings, written into ``folder``) and RLE strings."""
    as_row = row.copy()
    for organ, mask in masks.items():
        as_row[organ] = cm.encode_rle(mask) or np.nan
    paths = {}
    for organ, mask in masks.items():
        paths[organ] = folder / f"{organ}.png"
        Image.fromarray((mask * 255).astype(np.uint8)).save(paths[organ])
    return {
        "row": as_row,
        "row as dict": dict(as_row),
        "arrays": masks,
        "bool arrays": {o: m.astype(bool) for o, m in masks.items()},
        "png paths": paths,
        "png path strings": {o: str(p) for o, p in paths.items()},
        "rle": {o: cm.encode_rle(m) for o, m in masks.items()},
    }
