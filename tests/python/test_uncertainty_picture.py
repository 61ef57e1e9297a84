"""The kernel's row picture draws a CheXmask-U row's uncertainty layer as the view does.

The rows are shared CheXmask rows in CheXmask-U's format with SYNTHETIC σ
(``chexmask_u.py``: a formula, not real CheXmask-U data). Each landmark's disc
must be, at its centre pixel, d3's viridis colour of its σ, (σx + σy) / 2,
on d3's nice scale from 0 to the row's largest σ: the colours are asked of
the repository's d3 under node (``d3_node.py``), not of the port drawing them.
"""

from __future__ import annotations

import base64
import io
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from chexmask_u import chexmask_u_frame, synthetic_sigma
from d3_node import d3_eval
from PIL import Image

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.format.cells import row_cells
from jupyterlab_chexmask.row.check import check_row
from jupyterlab_chexmask.row.picture import row_picture
from jupyterlab_chexmask.row.uncertainty import DISC_RADIUS, RING_WIDTH

#: As ``src/row/uncertainty.ts`` with d3: a row's scale and each node's colour.
VIEW_COLOURS = """
return data.map(sigma => {
  const nodes = sigma.map(([sx, sy]) => (sx + sy) / 2);
  const max = d3.scaleLinear().domain([0, Math.max(0, ...nodes)]).nice().domain()[1];
  return nodes.map(s => d3.interpolateViridis(Math.min(1, Math.max(0, s / max)) || 0));
});
"""


def _hex(rgb: Any) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(int(v) for v in rgb))


def _rows(shared_data: Path) -> pd.DataFrame:
    """Rows of three sizes: 1024² (two datasets) and the 2828×2320 synthetic row."""
    folder = shared_data / "chexmask-preprocessed"
    parts = [
        cm.read_csv(folder / "VinDr-CXR.csv").iloc[:3],
        cm.read_csv(folder / "Padchest.csv").iloc[:2],
        cm.read_csv(
            shared_data / "original-resolution-synthetic" / "CheXpert_synthetic_2828x2320.csv"
        ).iloc[:1],
    ]
    # Seeds 0–5 across the files: each row its own σ.
    return pd.concat(
        [
            chexmask_u_frame(p, first_seed=sum(len(q) for q in parts[:i]))
            for i, p in enumerate(parts)
        ],
        ignore_index=True,
    )


def _clear_nodes(centres: np.ndarray, reach: float, size: tuple[int, int]) -> list[int]:
    """Nodes centred in the picture (the synthetic 2828×2320 row has landmarks outside its
    image, clipped as in the view) whose centre no later node's disc, drawn over it, comes near."""
    clear = []
    for k in range(len(centres)):
        x, y = centres[k]
        if not (0 <= x < size[0] and 0 <= y < size[1]):
            continue
        later = centres[k + 1 :]
        if not later.size or np.hypot(*(later - centres[k]).T).min() > reach + 1.5:
            clear.append(k)
    return clear


@pytest.mark.parametrize("over_xray", [False, True], ids=["grey", "x-ray"])
def test_each_node_has_the_views_sigma_colour(shared_data: Path, over_xray: bool) -> None:
    frame = _rows(shared_data)
    checked = [check_row(row_cells(frame.iloc[i])) for i in range(len(frame))]
    for i, row in enumerate(checked):
        assert row.sigma is not None
        np.testing.assert_array_equal(row.sigma, synthetic_sigma(i))
    expected = d3_eval(VIEW_COLOURS, [row.sigma.tolist() for row in checked])  # type: ignore[union-attr]
    sizes = set()
    for i, row in enumerate(checked):
        image = None
        if over_xray:
            # A mid-grey x-ray of the mask's size: the disc covers whatever lies under it.
            xray = Image.new("L", (row.width, row.height), 90)
            image = cm.row(frame.iloc[i], xray, static=False).payload["image"]
        picture = row_picture(row, image)
        assert picture.mode == ("RGB" if over_xray else "P")
        pixels = np.asarray(picture.convert("RGB"))
        fx, fy = picture.width / row.width, picture.height / row.height
        assert row.landmarks is not None
        centres = (row.landmarks + 0.5) * (fx, fy)
        scale = max(1, max(row.width, row.height) / 512) * min(fx, fy)
        clear = _clear_nodes(centres, (DISC_RADIUS + RING_WIDTH / 2) * scale, picture.size)
        assert len(clear) >= 60, (i, len(clear))
        for k in clear:
            x, y = (math.floor(c) for c in centres[k])
            assert _hex(pixels[y, x]) == expected[i][k], (i, k)
        sizes.add((row.width, row.height))
    assert sizes == {(1024, 1024), (2320, 2828)}


def test_a_row_without_sigma_is_drawn_as_before(shared_data: Path) -> None:
    """The same row without ``Landmarks (Std)``: no node colour, only the 8 organ colours."""
    row = check_row(
        row_cells(cm.read_csv(shared_data / "chexmask-preprocessed" / "VinDr-CXR.csv").iloc[0])
    )
    assert row.sigma is None
    picture = row_picture(row, None)
    assert len(picture.getcolors() or []) <= 8
    assert len(picture.getpalette() or []) == 8 * 3


def test_the_layer_keeps_the_grey_picture_a_small_palette_png(shared_data: Path) -> None:
    frame = _rows(shared_data)
    data, _ = cm.row(frame.iloc[0], static=True)._repr_mimebundle_()
    png = base64.b64decode(data["image/png"])
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.mode == "P"
        assert picture.size == (1024, 1024)
    print(f"\n1024² CheXmask-U row picture: {len(png):,} B of PNG")
    assert len(png) <= 25_000  # as a plain row's (test_static.py)
