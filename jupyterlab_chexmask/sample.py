"""The synthetic demo sample shipped with the package.

``data/sample.csv`` holds 12 synthetic rows in the exact CheXmask format and
``data/sample-xray.png`` a synthetic chest-x-ray-like picture. Both are made by
``scripts/make-sample.ts`` with the project's own TypeScript core; no real
patient data is used or derived.
"""

from __future__ import annotations

from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"


def sample_csv() -> Path:
    """Path of the synthetic sample CSV (12 rows, CheXpert layout, 1024×1024)."""
    return _DATA / "sample.csv"


def sample_xray() -> Path:
    """Path of the synthetic x-ray that goes with the first sample row."""
    return _DATA / "sample-xray.png"
