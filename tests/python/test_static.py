"""Static pictures: drawn in Python for headless runs, with alt text that survives export."""

from __future__ import annotations

import base64
import io
import re

import nbformat
import numpy as np
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from PIL import Image

import jupyterlab_chexmask as cm
from jupyterlab_chexmask._static import OPACITY, ORGAN_COLORS


def test_static_picture_blends_each_organ_in_its_colour() -> None:
    row = cm.read_csv(cm.sample_csv()).iloc[1]
    data, metadata = cm.show(row, static=True)._repr_mimebundle_()
    picture = np.asarray(Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).convert("RGB"))
    assert picture.shape == (1024, 1024, 3)
    masks = {c: cm.decode_rle(row[c], 1024, 1024, c).astype(bool) for c in ORGAN_COLORS}
    for column, color in ORGAN_COLORS.items():
        only = masks[column] & ~np.logical_or.reduce([m for c, m in masks.items() if c != column])
        y, x = np.argwhere(only)[len(np.argwhere(only)) // 2]
        expected = np.rint(119 * (1 - OPACITY) + np.asarray(color) * OPACITY)
        assert np.abs(picture[y, x].astype(int) - expected).max() <= 1, column
    outside = ~np.logical_or.reduce(list(masks.values()))
    y, x = np.argwhere(outside)[0]
    assert tuple(picture[y, x]) == (119, 119, 119)
    alt = metadata["image/png"]["alt"]
    assert alt.startswith("CheXmask segmentation of SYNTHETIC/patient00002")
    assert re.search(r"right lung [\d,]+ px, left lung [\d,]+ px, heart [\d,]+ px", alt)
    assert data["text/html"].startswith('<img alt="CheXmask segmentation of')


def test_static_is_off_by_default_and_on_with_the_environment(monkeypatch) -> None:
    row = cm.read_csv(cm.sample_csv()).iloc[0]
    assert "image/png" not in cm.show(row)._repr_mimebundle_()
    monkeypatch.setenv("CHEXMASK_STATIC", "1")
    data, _ = cm.show(row)._repr_mimebundle_()
    assert "image/png" in data


def test_alt_text_is_escaped_in_html() -> None:
    row = dict(cm.read_csv(cm.sample_csv()).iloc[0])
    row["Path"] = '<script>alert("x")</script>'
    data, _ = cm.show(row, static=True)._repr_mimebundle_()
    assert "<script>" not in data["text/html"]
    assert "&lt;script&gt;" in data["text/html"]


def test_a_malformed_row_gets_no_picture_but_a_note() -> None:
    row = dict(cm.read_csv(cm.sample_csv()).iloc[0])
    row["Heart"] = "1 2 5"
    bundle = cm.show(row, static=True)._repr_mimebundle_()
    assert "image/png" not in bundle
    assert "picture: not drawn (Heart: has an odd count of numbers (3)" in bundle["text/plain"]


def test_headless_execution_exports_one_img_with_alt_per_view(tmp_path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("import jupyterlab_chexmask as cm\ndf = cm.read_csv(cm.sample_csv())"),
        nbformat.v4.new_code_cell("cm.show(df.iloc[0], image=cm.sample_xray(), static=True)"),
        nbformat.v4.new_code_cell("cm.show(df.iloc[3], static=True)"),
    ]
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    body, _ = HTMLExporter().from_notebook_node(notebook)
    images = re.findall(r'<img alt="CheXmask segmentation of [^"]+" src="data:image/png;base64,', body)
    assert len(images) == 2
    assert "values look swapped" not in images[0]
