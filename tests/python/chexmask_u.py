"""CheXmask-U rows made from the shared CheXmask rows, for the tests.

The format is CheXmask-U's release scripts' (``../shared/FORMAT.md``):
``Landmarks`` becomes ``Landmarks (Mean)`` and a ``Landmarks (Std)`` cell of
240 values ``σx,σy`` per landmark with two decimals is added.

The σ are SYNTHETIC — a deterministic formula of a seed and the index, the
same as ``src/core/__tests__/chexmask-u.ts`` — not real CheXmask-U data (none
is in ``../shared/data``). They are made in memory, never written to the
repository.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: The columns of a CheXmask-U file after the id column, in the release's order.
CHEXMASK_U_COLUMNS = [
    "Dice RCA (Mean)",
    "Dice RCA (Max)",
    "Landmarks (Mean)",
    "Landmarks (Std)",
    "Left Lung",
    "Right Lung",
    "Heart",
    "Height",
    "Width",
]


def synthetic_hundredths(seed: int) -> list[int]:
    """240 σ in hundredths of a pixel, 20 to 1019 (``syntheticHundredths`` in TypeScript)."""
    return [(k * 7919 + seed * 104729 + k * k * 31) % 1000 + 20 for k in range(240)]


def synthetic_std(seed: int) -> str:
    """The ``Landmarks (Std)`` text of :func:`synthetic_hundredths`: ``"1.23,0.45,…"``."""
    return ",".join(f"{m // 100}.{m % 100:02d}" for m in synthetic_hundredths(seed))


def synthetic_sigma(seed: int) -> np.ndarray:
    """The σ :func:`synthetic_std` holds, as a (120, 2) array."""
    return np.array(synthetic_hundredths(seed), dtype=np.float64).reshape(120, 2) / 100


def chexmask_u_frame(frame: pd.DataFrame, first_seed: int = 0) -> pd.DataFrame:
    """A CheXmask file's rows as CheXmask-U rows; row ``i`` has the σ of seed ``first_seed + i``."""
    id_column = next(c for c in frame.columns if c not in (*CHEXMASK_U_COLUMNS, "Landmarks"))
    out = frame.rename(columns={"Landmarks": "Landmarks (Mean)"})
    out["Landmarks (Std)"] = [synthetic_std(first_seed + i) for i in range(len(frame))]
    return out[[id_column, *(c for c in CHEXMASK_U_COLUMNS if c in out.columns)]]
