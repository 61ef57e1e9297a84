"""The kernel's landmark plot picture and CheXmask-U's σ.

Its alt text says the rows' mean landmark σ in the view's words (the jest
spec ``src/landmarks/__tests__/alt-text.spec.ts`` checks the words against
``landmarkAltText``); the picture colours rows by group, as the view does by
default (``colorBy: 'group'`` in ``initialPlotState``), σ or not. Rows are the
shared rows with SYNTHETIC σ (``chexmask_u.py``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from chexmask_u import chexmask_u_frame, synthetic_hundredths

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.common.js_numbers import to_fixed
from jupyterlab_chexmask.landmarks.frame import build_frame
from jupyterlab_chexmask.landmarks.picture import landmark_image, landmark_picture


def _frames(shared_data: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two datasets' rows as CheXmask-U rows, every third without σ; and the plain rows."""
    folder = shared_data / "chexmask-preprocessed"
    parts = [cm.read_csv(folder / "VinDr-CXR.csv"), cm.read_csv(folder / "CheXpert.csv")]
    plain = pd.concat(parts, ignore_index=True)
    # Per file (each keeps its id column), row i of the whole with the σ of seed i.
    u = pd.concat(
        [chexmask_u_frame(parts[0]), chexmask_u_frame(parts[1], first_seed=len(parts[0]))],
        ignore_index=True,
    )
    u.loc[u.index % 3 == 0, "Landmarks (Std)"] = np.nan
    return u, plain


def _expected_clause(seeds: list[int]) -> str:
    """The mean of the rows' mean σ: each row's is its 240 hundredths' sum / 24000."""
    mean = sum(sum(synthetic_hundredths(s)) for s in seeds) / 24000 / len(seeds)
    rows = f"{len(seeds):,} row{'' if len(seeds) == 1 else 's'}"
    return f"; mean landmark σ {to_fixed(mean, 2)} px over {rows} with σ."


def test_alt_text_says_the_mean_sigma_of_the_rows_with_sigma(shared_data: Path) -> None:
    u, _ = _frames(shared_data)
    _, alt = landmark_picture(cm.landmarks(u, static=False).payload)
    seeds = [i for i in range(len(u)) if i % 3]
    assert alt.endswith(_expected_clause(seeds)), alt
    assert alt.startswith(f"Landmark plot of {len(u)} rows in 2 groups by dataset")
    _, one = landmark_picture(cm.landmarks(u.iloc[1], static=False).payload)
    assert one.endswith(_expected_clause([1])), one


def test_no_sigma_no_clause(shared_data: Path) -> None:
    _, plain = _frames(shared_data)
    for rows in (plain, plain.iloc[0]):
        _, alt = landmark_picture(cm.landmarks(rows, static=False).payload)
        assert "σ" not in alt


def test_the_picture_colours_by_group_with_or_without_sigma(shared_data: Path) -> None:
    """The view colours by group until asked: the picture of CheXmask-U rows is that of the
    same rows without σ, pixel for pixel."""
    u, plain = _frames(shared_data)
    plain = plain.rename(columns={"Landmarks": "Landmarks (Mean)"})
    for rows_u, rows_plain in ((u, plain), (u.iloc[[1]], plain.iloc[[1]])):
        with_sigma, _, _ = landmark_image(cm.landmarks(rows_u, static=False).payload)
        without, _, _ = landmark_image(cm.landmarks(rows_plain, static=False).payload)
        assert np.array_equal(np.asarray(with_sigma), np.asarray(without))


@pytest.mark.parametrize(
    ("sigma", "message"),
    [
        ("1.0,2.0", r"^row 1 \(r1\): Landmarks \(Std\): must hold 240 numbers"),
        (["x"] * 240, r"^row 1 \(r1\): Landmarks \(Std\): "),
        (",".join(["-1"] * 240), r"^row 1 \(r1\): Landmarks \(Std\): "),
    ],
)
def test_a_bad_sigma_names_its_row_and_field(
    shared_data: Path, sigma: object, message: str
) -> None:
    u, _ = _frames(shared_data)
    payload = cm.landmarks(u.iloc[:3], static=False).payload
    payload["rows"][1] = {**payload["rows"][1], "id": "r1", "sigma": sigma}
    with pytest.raises(ValueError, match=message):
        build_frame(payload)


def test_blank_sigma_is_none(shared_data: Path) -> None:
    """As the view: absent, null or short blank text is a row without σ."""
    u, _ = _frames(shared_data)
    payload = cm.landmarks(u.iloc[1:3], static=False).payload
    payload["rows"][0]["sigma"] = "  "
    payload["rows"][1]["sigma"] = None
    assert build_frame(payload).sigma_means == [None, None]
