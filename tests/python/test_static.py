"""The kernel's pictures: in every output by default, exact, small, with alt text that survives
export; the switch (``cm.pictures``, ``CHEXMASK_PICTURES``) and ``static=``; ``.save()``."""

from __future__ import annotations

import base64
import html
import io
import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from executed_capture import export_executed
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from PIL import Image

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.common.colors import OPACITY, ORGAN_COLORS
from jupyterlab_chexmask.format.cells import row_cells
from jupyterlab_chexmask.format.columns import RECOMMENDED_MIN_DICE_MEAN
from jupyterlab_chexmask.row.check import check_row
from jupyterlab_chexmask.row.measure import measure_row
from jupyterlab_chexmask.row.ratio import HEART_COLOR, THORAX_COLOR, draw_ratio

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "demo.ipynb"
VIEW_TYPES = (cm.MIME_ROW, cm.MIME_RCA, cm.MIME_LANDMARKS)


def test_static_colours_are_the_settings_defaults() -> None:
    """The kernel's pictures use the defaults the frontend's settings start from."""
    settings = json.loads(
        (REPO / "schema" / "settings" / "plugin.json").read_text(encoding="utf-8")
    )
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
    data, metadata = cm.row(row, static=True)._repr_mimebundle_()
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


def ratio_lines(row: object, size: tuple[int, int]) -> np.ndarray:
    """Where the picture of ``row`` at ``size`` has the ratio's dashed lines (drawn alone)."""
    checked = check_row(row_cells(row))
    measures = measure_row(checked)
    blank = Image.new("RGB", size)
    assert measures.thorax is not None
    assert measures.heart is not None
    draw_ratio(blank, checked, (measures.thorax, measures.heart))
    return np.asarray(blank).any(axis=2)


def test_the_ratio_widths_are_drawn_where_the_view_draws_them() -> None:
    """The thorax's and the heart's widths: dashed lines on their image rows, from their first
    column to past their last, in the picture's colours; masks alone everywhere else."""
    row = cm.read_csv(cm.sample_csv()).iloc[1]
    data, metadata = cm.row(row, static=True)._repr_mimebundle_()
    picture = np.asarray(Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).convert("RGB"))
    measures = measure_row(check_row(row_cells(row)))
    assert measures.thorax is not None
    assert measures.heart is not None
    for extent, color in ((measures.thorax, THORAX_COLOR), (measures.heart, HEART_COLOR)):
        line = np.all(picture == color, axis=2)
        ys, xs = np.nonzero(line)
        # 2 × scale = 4 px wide (scale: 1024 / 512) about the middle of the extent's row.
        assert set(ys.tolist()) == set(range(extent.row - 1, extent.row + 3)), extent
        assert xs.min() == extent.x0
        assert extent.x1 - 7 <= xs.max() <= extent.x1 + 1  # the line may end in a 6 px gap
        on = line[extent.row, extent.x0 : extent.x1 + 1]
        assert 0.55 < on.mean() < 0.75  # dashes 6 × scale on, 3 × scale off
    lines = ratio_lines(row, (1024, 1024))
    masks = {c: cm.decode_rle(row[c], 1024, 1024, c).astype(bool) for c in ORGAN_COLORS}
    grey = np.full((1024, 1024, 3), 119, dtype=np.uint8)
    assert np.array_equal(picture[~lines], per_pixel_blend(grey, masks)[~lines])
    assert "cardiothoracic ratio" in metadata["image/png"]["alt"]


def test_ratio_colours_are_the_views_picture_colours() -> None:
    """The kernel strokes the ratio's widths in the colours ``drawRowAnnotations`` uses."""
    source = (REPO / "src" / "row" / "picture.ts").read_text(encoding="utf-8")
    for extent, color in (("thorax", THORAX_COLOR), ("heart", HEART_COLOR)):
        written = "#" + "".join(f"{c:02x}" for c in color)
        assert f"[ratio.{extent}, '{written}']" in source, extent


def per_pixel_blend(background: np.ndarray, masks: dict[str, np.ndarray]) -> np.ndarray:
    """The reference: each organ blended over the background pixel by pixel, in float32."""
    rgb = background.astype(np.float32)
    for column, color in ORGAN_COLORS.items():
        mask = masks[column]
        rgb[mask] = rgb[mask] * (1 - OPACITY) + np.asarray(color, dtype=np.float32) * OPACITY
    return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)


@pytest.mark.parametrize("colour", [False, True])
def test_picture_over_an_xray_is_the_per_pixel_blend(colour: bool) -> None:
    """Over an x-ray (grey or colour), at the picture's size (512: masks sampled nearest, the
    x-ray resized), every pixel is exactly the per-pixel float32 blend."""
    row = cm.read_csv(cm.sample_csv()).iloc[0]
    xray = Image.open(cm.sample_xray()).convert("L").resize((1024, 1024))
    if colour:
        tint = np.asarray(xray, dtype=np.uint8)
        xray = Image.fromarray(np.stack([tint, tint // 2, 255 - tint], axis=-1))
    view = cm.row(row, xray, static=True)
    data, metadata = view._repr_mimebundle_()
    assert (metadata["image/png"]["width"], metadata["image/png"]["height"]) == (512, 512)
    picture = np.asarray(Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).convert("RGB"))
    embedded = Image.open(io.BytesIO(base64.b64decode(view.payload["image"]["data"])))
    background = np.asarray(
        embedded.convert("RGB").resize((512, 512), Image.Resampling.BILINEAR, reducing_gap=2.0)
    )
    if not colour:  # a grey x-ray is resized as grey
        grey = embedded.convert("L").resize((512, 512), Image.Resampling.BILINEAR, reducing_gap=2.0)
        background = np.repeat(np.asarray(grey)[..., np.newaxis], 3, axis=2)
    masks = {
        c: np.asarray(
            Image.fromarray(cm.decode_rle(row[c], 1024, 1024, c) * 255).resize(
                (512, 512), Image.Resampling.NEAREST
            )
        )
        > 0
        for c in ORGAN_COLORS
    }
    off = ~ratio_lines(row, (512, 512))  # the ratio's lines: test_the_ratio_widths_are_drawn…
    assert np.array_equal(picture[off], per_pixel_blend(background, masks)[off])


def test_a_large_mask_is_drawn_at_max_side_with_exact_colours(shared_data: Path) -> None:
    """A 2828×2320 row: drawn at 1024 on its long side, every pixel one of the mask's
    (sampled nearest), in exactly its blended colour."""
    path = shared_data / "original-resolution-synthetic" / "CheXpert_synthetic_2828x2320.csv"
    row = cm.read_csv(path).iloc[0]
    data, metadata = cm.row(row, static=True)._repr_mimebundle_()
    size = (metadata["image/png"]["width"], metadata["image/png"]["height"])
    assert size == (840, 1024)
    picture = np.asarray(Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).convert("RGB"))
    masks = {
        c: np.asarray(
            Image.fromarray(cm.decode_rle(row[c], 2828, 2320, c) * 255).resize(
                size, Image.Resampling.NEAREST
            )
        )
        > 0
        for c in ORGAN_COLORS
    }
    grey = np.full((1024, 840, 3), 119, dtype=np.uint8)
    off = ~ratio_lines(row, size)
    assert np.array_equal(picture[off], per_pixel_blend(grey, masks)[off])


def test_static_picture_keeps_an_empty_heart_empty() -> None:
    row = cm.read_csv(cm.sample_csv()).iloc[1].copy()
    heart = cm.decode_rle(row["Heart"], 1024, 1024, "Heart").astype(bool)
    for empty in ("", None, float("nan")):
        row["Heart"] = empty
        data, metadata = cm.row(row, static=True)._repr_mimebundle_()
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
    view = cm.row({"image_id": "x", "Height": 100000, "Width": 100000, "Heart": "1 2"}, static=True)
    assert "image/png" not in view._repr_mimebundle_()
    assert "Height: a 100000×100000 mask has 10000000000 pixels" in view.summary


@pytest.fixture
def no_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The defaults, as a user has them: no environment variable, the switch not set."""
    monkeypatch.delenv("CHEXMASK_PICTURES", raising=False)
    monkeypatch.delenv("CHEXMASK_STATIC", raising=False)
    monkeypatch.setattr(cm.pictures, "_enabled", None)


def has_picture(view: object) -> bool:
    bundle = view._repr_mimebundle_()  # type: ignore[attr-defined]
    return isinstance(bundle, tuple) and "image/png" in bundle[0]


def test_pictures_are_on_by_default_and_off_with_the_environment(
    no_switch: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = cm.read_csv(cm.sample_csv()).iloc[0]
    assert cm.pictures.enabled is True
    assert has_picture(cm.row(row))
    view = cm.row(row)  # read when displayed, not when made
    for value in ("0", "false", "off", " No "):
        monkeypatch.setenv("CHEXMASK_PICTURES", value)
        assert cm.pictures.enabled is False
        assert not has_picture(view)
        assert has_picture(cm.row(row, static=True))  # static= wins
    monkeypatch.setenv("CHEXMASK_PICTURES", "1")
    assert has_picture(view)
    # The earlier switch still works, and CHEXMASK_PICTURES wins over it.
    monkeypatch.delenv("CHEXMASK_PICTURES")
    monkeypatch.setenv("CHEXMASK_STATIC", "1")
    assert has_picture(view)
    monkeypatch.setenv("CHEXMASK_STATIC", "0")
    assert not has_picture(view)
    monkeypatch.setenv("CHEXMASK_PICTURES", "1")
    assert has_picture(view)
    monkeypatch.setenv("CHEXMASK_STATIC", "anything else")
    monkeypatch.delenv("CHEXMASK_PICTURES")
    assert has_picture(view)


def test_the_python_switch_wins_over_the_environment(
    no_switch: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    frame = cm.read_csv(cm.sample_csv())
    views = [cm.row(frame.iloc[0]), cm.rca_histogram(frame), cm.landmarks(frame)]
    cm.pictures.enabled = False
    assert "set in Python" in repr(cm.pictures)
    assert not any(has_picture(v) for v in views)
    assert all(has_picture(v) for v in (cm.row(frame.iloc[0], static=True),))
    monkeypatch.setenv("CHEXMASK_PICTURES", "1")
    assert not any(has_picture(v) for v in views)
    cm.pictures.enabled = True
    monkeypatch.setenv("CHEXMASK_PICTURES", "0")
    assert all(has_picture(v) for v in views)
    assert not has_picture(cm.landmarks(frame, static=False))
    cm.pictures.enabled = None  # back to the environment
    assert not any(has_picture(v) for v in views)
    assert repr(cm.pictures) == "<Pictures enabled=False (from the environment)>"
    with pytest.raises(TypeError, match="True, False or None"):
        cm.pictures.enabled = "no"  # type: ignore[assignment]


def test_save_writes_the_kernels_png_even_with_pictures_off(
    no_switch: None, tmp_path: Path
) -> None:
    frame = cm.read_csv(cm.sample_csv())
    cm.pictures.enabled = False
    for name, view in [
        ("row.png", cm.row(frame.iloc[1])),
        ("rca.png", cm.rca_histogram(frame)),
        ("landmarks.png", cm.landmarks(frame)),
    ]:
        assert not has_picture(view)
        view.save(tmp_path / name)
        saved = (tmp_path / name).read_bytes()
        with Image.open(io.BytesIO(saved)) as picture:
            assert picture.format == "PNG"
        buffer = io.BytesIO()
        view.save(buffer)  # or into a binary file object
        assert buffer.getvalue() == saved
        cm.pictures.enabled = True
        assert base64.b64decode(view._repr_mimebundle_()[0]["image/png"]) == saved
        cm.pictures.enabled = False
    bad = cm.row({"Path": "a.jpg", "Heart": "1 2 5"})
    with pytest.raises(ValueError, match=r"^Heart: has an odd count of numbers \(3\)"):
        bad.save(tmp_path / "bad.png")
    assert not (tmp_path / "bad.png").exists()


def test_a_1024_row_picture_is_small_enough_to_store_twice(shared_data: Path) -> None:
    """Every shared 1024×1024 row: a palette PNG of at most 25 KB, and its two copies in the
    bundle (``image/png`` and the ``<img alt>`` that nbconvert's lab template needs) at most
    45 KB."""
    sizes = []
    for path in sorted((shared_data / "chexmask-preprocessed").glob("*.csv")):
        frame = cm.read_csv(path)
        for i in range(len(frame)):
            data, metadata = cm.row(frame.iloc[i], static=True)._repr_mimebundle_()
            if (metadata["image/png"]["width"], metadata["image/png"]["height"]) != (1024, 1024):
                continue
            png = base64.b64decode(data["image/png"])
            with Image.open(io.BytesIO(png)) as picture:
                assert picture.mode == "P"
            sizes.append((len(png), len(data["image/png"]) + len(data["text/html"])))
    assert len(sizes) > 250
    largest_png, largest_total = (max(column) for column in zip(*sizes, strict=True))
    print(f"\n1024² row pictures: PNG ≤ {largest_png:,} B, both copies ≤ {largest_total:,} B")
    assert largest_png <= 25_000
    assert largest_total <= 45_000


def test_alt_text_is_escaped_in_html() -> None:
    row = dict(cm.read_csv(cm.sample_csv()).iloc[0])
    row["Path"] = '<script>alert("x")</script>'
    data, _ = cm.row(row, static=True)._repr_mimebundle_()
    assert "<script>" not in data["text/html"]
    assert "&lt;script&gt;" in data["text/html"]


def test_a_malformed_row_gets_no_picture_but_a_note() -> None:
    row = dict(cm.read_csv(cm.sample_csv()).iloc[0])
    row["Heart"] = "1 2 5"
    bundle = cm.row(row, static=True)._repr_mimebundle_()
    assert "image/png" not in bundle
    assert "picture: not drawn (Heart: has an odd count of numbers (3)" in bundle["text/plain"]


def test_headless_execution_exports_one_img_with_alt_per_view(tmp_path, monkeypatch) -> None:
    """By default (no environment variable): ``cm.show`` in a loop displays one view per row
    (and no ``None``), and each view exports as one ``<img alt>``."""
    monkeypatch.delenv("CHEXMASK_PICTURES", raising=False)
    monkeypatch.delenv("CHEXMASK_STATIC", raising=False)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import jupyterlab_chexmask as cm\ndf = cm.read_csv(cm.sample_csv())"
        ),
        nbformat.v4.new_code_cell("cm.show(df.iloc[0], image=cm.sample_xray())"),
        nbformat.v4.new_code_cell("for i in (3, 4):\n    cm.show(df.iloc[i])"),
        nbformat.v4.new_code_cell("cm.row(df.iloc[5])"),
    ]
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    outputs = [[o.output_type for o in cell.outputs] for cell in notebook.cells[1:]]
    assert outputs == [["display_data"], ["display_data"] * 2, ["execute_result"]]
    body, _ = HTMLExporter().from_notebook_node(notebook)
    images = re.findall(
        r'<img alt="CheXmask segmentation of [^"]+" src="data:image/png;base64,', body
    )
    assert len(images) == 4 == len(re.findall(r"<img\b", body))
    assert ">None<" not in body


def test_demo_executed_headless_exports_one_img_with_alt_per_view(tmp_path) -> None:
    """``jupyter nbconvert --execute --to html examples/demo.ipynb``, as a user runs it (no
    environment variable): every view output of that run (rows, RCA histogram, landmark
    plots) is one ``<img alt>`` in the HTML, and the HTML has no other images."""
    body, executed = export_executed(DEMO, tmp_path)

    views = [
        output
        for cell in executed.cells
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
