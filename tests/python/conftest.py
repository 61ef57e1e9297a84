"""Shared fixtures: the real CheXmask rows in ``../shared/data``.

The data is never copied into the repository. Under ``CI=true`` missing data is
an error, so CI can never pass by silently skipping the data-driven tests;
elsewhere those tests are skipped with the reason. ``CHEXMASK_SHARED_DATA``
overrides the location (as for the TypeScript tests).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

# tests/python/conftest.py -> parents[0] tests/python, [1] tests, [2] the repo, [3] its parent
SHARED_DATA = Path(
    os.environ.get("CHEXMASK_SHARED_DATA")
    or Path(__file__).resolve().parents[3] / "shared" / "data"
)
MISSING_MESSAGE = (
    f"CheXmask test data is missing: expected {SHARED_DATA} "
    "(the ../shared/data folder beside the repository)"
)


#: The dataset each shared CSV holds, by file name.
DATASET_OF_FILE = {
    "CANDID-PTX.csv": "CANDID-PTX",
    "CheXpert.csv": "CheXpert",
    "ChestX-Ray8.csv": "ChestX-ray8",
    "MIMIC-CXR-JPG.csv": "MIMIC-CXR-JPG",
    "Padchest.csv": "Padchest",
    "VinDr-CXR.csv": "VinDr-CXR",
    "CheXpert_synthetic_2828x2320.csv": "CheXpert",
}


def _have_data() -> bool:
    return (SHARED_DATA / "chexmask-preprocessed").is_dir()


def _data_missing() -> None:
    """Fail loudly under CI, skip elsewhere."""
    if os.environ.get("CI") == "true":
        raise RuntimeError(MISSING_MESSAGE)
    pytest.skip(MISSING_MESSAGE)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real CheXmask rows and their oracles."""
    if not _have_data():
        _data_missing()
    return SHARED_DATA


def load_oracles(csv_path: Path) -> list[dict[str, Any]]:
    """The ``expected.json`` entries of a CSV, one per row in file order."""
    expected = json.loads((csv_path.parent / "expected.json").read_text())
    return expected[csv_path.name]


@pytest.fixture
def oracles():
    """``load_oracles`` as a fixture, so test modules need no imports from here."""
    return load_oracles


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise ``csv_file`` over every CSV in the shared data."""
    if "csv_file" not in metafunc.fixturenames:
        return
    if _have_data():
        files = sorted(SHARED_DATA.glob("*/*.csv"))
        metafunc.parametrize("csv_file", files, ids=[f"{p.parent.name}/{p.name}" for p in files])
    elif os.environ.get("CI") == "true":
        raise RuntimeError(MISSING_MESSAGE)
    else:
        metafunc.parametrize(
            "csv_file", [pytest.param(None, marks=pytest.mark.skip(reason=MISSING_MESSAGE))]
        )
