"""Static pictures: drawn in Python for headless runs, with alt text that survives export."""

from __future__ import annotations

import base64
import html
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from PIL import Image

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.common.colors import OPACITY, ORGAN_COLORS
from jupyterlab_chexmask.format.columns import RECOMMENDED_MIN_DICE_MEAN

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "demo.ipynb"
VIEW_TYPES = (cm.MIME_ROW, cm.MIME_RCA, cm.MIME_LANDMARKS)


def test_static_colours_are_the_settings_defaults() -> None:
    """The kernel's pictures use the defaults the frontend's settings start from."""
    settings = json.loads((REPO / "schema" / "plugin.json").read_text(encoding="utf-8"))
    defaults = settings["properties"]
    keys = {"Right Lung": "rightLung", "Left Lung": "leftLung", "Heart": "heart"}
    assert set(ORGAN_COLORS) == set(keys)
    for column, key in keys.items():
        color = "#{:02x}{:02x}{:02x}".format(*ORGAN_COLORS[column])
        assert defaults["colors"]["default"][key].lower() == color, column
        assert defaults["colors"]["properties"][key]["default"].lower() == color, column
    assert defaults["opacity"]["default"] == OPACITY
    assert defaults["rcaThreshold"]["default"] == RECOMMENDED_MIN_DICE_MEAN


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


def test_static_picture_keeps_an_empty_heart_empty() -> None:
    row = cm.read_csv(cm.sample_csv()).iloc[1].copy()
    heart = cm.decode_rle(row["Heart"], 1024, 1024, "Heart").astype(bool)
    for empty in ("", None, float("nan")):
        row["Heart"] = empty
        data, metadata = cm.show(row, static=True)._repr_mimebundle_()
        picture = np.asarray(
            Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).convert("RGB")
        )
        # No heart colour anywhere the heart was: those pixels are grey or a lung's blend.
        green = np.asarray(ORGAN_COLORS["Heart"])
        blended = np.rint(119 * (1 - OPACITY) + green * OPACITY)
        assert not (np.abs(picture[heart].astype(int) - blended).max(axis=1) <= 1).any()
        alt = metadata["image/png"]["alt"]
        assert "heart empty; no cardiothoracic ratio" in alt


def test_static_picture_refuses_an_absurd_size_before_allocating() -> None:
    view = cm.show(
        {"image_id": "x", "Height": 100000, "Width": 100000, "Heart": "1 2"}, static=True
    )
    assert "image/png" not in view._repr_mimebundle_()
    assert "Height: a 100000×100000 mask has 10000000000 pixels" in view.summary


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
        nbformat.v4.new_code_cell(
            "import jupyterlab_chexmask as cm\ndf = cm.read_csv(cm.sample_csv())"
        ),
        nbformat.v4.new_code_cell("cm.show(df.iloc[0], image=cm.sample_xray(), static=True)"),
        nbformat.v4.new_code_cell("cm.show(df.iloc[3], static=True)"),
    ]
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    body, _ = HTMLExporter().from_notebook_node(notebook)
    images = re.findall(
        r'<img alt="CheXmask segmentation of [^"]+" src="data:image/png;base64,', body
    )
    assert len(images) == 2
    assert "values look swapped" not in images[0]


def test_demo_executed_headless_exports_one_img_with_alt_per_view(tmp_path) -> None:
    """``CHEXMASK_STATIC=1 jupyter nbconvert --execute --to html examples/demo.ipynb``, as a
    user runs it: every view output of that run (rows, RCA histogram, landmark plots) is one
    ``<img alt>`` in the HTML, and the HTML has no other images."""
    executed = tmp_path / "executed.ipynb"
    env = {
        **os.environ,
        "CHEXMASK_STATIC": "1",
        "CHEXMASK_TEST_EXECUTED": str(executed),  # see executed_capture.py
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")])
        ),
    }
    # The Makefile's TEST_ENV, for a run outside make: keep Jupyter's state out of $HOME.
    for name, folder in [
        ("JUPYTER_CONFIG_DIR", "jupyter/config"),
        ("JUPYTER_DATA_DIR", "jupyter/data"),
        ("JUPYTER_RUNTIME_DIR", "jupyter/runtime"),
        ("IPYTHONDIR", "ipython"),
    ]:
        env.setdefault(name, str(REPO / "build" / folder))
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "nbconvert",
        "--execute",
        "--to",
        "html",
        "--ExecutePreprocessor.kernel_name=python3",
        "--ExecutePreprocessor.timeout=300",
        "--HTMLExporter.preprocessors=executed_capture.SaveExecuted",
        "--output-dir",
        str(tmp_path),
        str(DEMO),
    ]
    result = subprocess.run(
        command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    body = (tmp_path / "demo.html").read_text(encoding="utf-8")

    views = [
        output
        for cell in nbformat.read(executed, as_version=4).cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if any(mime in output.get("data", {}) for mime in VIEW_TYPES)
    ]
    kinds = {mime for output in views for mime in VIEW_TYPES if mime in output["data"]}
    assert kinds == set(VIEW_TYPES), "the demo shows each kind of view"
    images = re.findall(r'<img alt="([^"]*)" src="data:image/png;base64,', body)
    assert len(images) == len(views) == len(re.findall(r"<img\b", body))
    for output, alt in zip(views, images, strict=True):
        assert output["data"]["text/html"].startswith(f'<img alt="{alt}"')
        assert html.unescape(alt) == output["metadata"]["image/png"]["alt"] != ""
