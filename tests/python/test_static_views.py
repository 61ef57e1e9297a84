"""Static pictures of the RCA histogram and the landmark plot, on the real rows (../shared/data)."""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.common.chart import series_color
from jupyterlab_chexmask.common.colors import ORGAN_COLORS
from jupyterlab_chexmask.common.histogram_chart import THRESHOLD as THRESHOLD_COLOR
from jupyterlab_chexmask.common.js_numbers import to_fixed
from jupyterlab_chexmask.format.columns import LANDMARK_SLICES
from jupyterlab_chexmask.format.landmarks import parse_integer_cells, parse_landmarks
from jupyterlab_chexmask.landmarks.picture import landmark_image
from jupyterlab_chexmask.rca.picture import merge_factor, rca_image

MEAN = "Dice RCA (Mean)"


@pytest.fixture(scope="module")
def preprocessed(shared_data: Path) -> list[Path]:
    """The six Preprocessed CSVs of the shared rows."""
    return sorted((shared_data / "chexmask-preprocessed").glob("*.csv"))


@pytest.fixture(scope="module")
def all_rows(preprocessed: list[Path]) -> pd.DataFrame:
    """The 305 shared Preprocessed rows, file after file."""
    return pd.concat([cm.read_csv(p) for p in preprocessed], ignore_index=True)


def picture_of(data: dict) -> np.ndarray:
    """The bundle's ``image/png`` as an RGB array (the PNG must decode)."""
    image = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
    assert image.format == "PNG"
    return np.asarray(image.convert("RGB"))


def has_color(picture: np.ndarray, color: tuple[int, int, int], at_least: int = 10) -> bool:
    """Whether at least ``at_least`` pixels are exactly ``color``."""
    return int(np.all(picture == np.asarray(color, dtype=np.uint8), axis=-1).sum()) >= at_least


def check_bundle_shape(data: dict, metadata: dict) -> str:
    """The picture is carried as the row's is: PNG, escaped <img alt> and alt/width/height
    metadata, beside the view's own MIME type. Returns the alt text."""
    meta = metadata["image/png"]
    assert set(meta) == {"alt", "width", "height"}
    picture = picture_of(data)
    assert picture.shape == (meta["height"], meta["width"], 3)
    alt = html.escape(meta["alt"], quote=True)
    expected = f'<img alt="{alt}" src="data:image/png;base64,{data["image/png"]}">'
    assert data["text/html"] == expected
    assert "text/plain" in data
    return meta["alt"]


# --- RCA histogram ------------------------------------------------------------------------------


def test_rca_picture_is_a_png_of_the_stated_size_in_the_dataset_colours(
    preprocessed: list[Path],
) -> None:
    histogram = cm.rca_histogram(preprocessed, static=True, progress=False)
    data, metadata = histogram._repr_mimebundle_()
    assert next(iter(data)) == cm.MIME_RCA  # the JupyterLab renderer still ranks first
    check_bundle_shape(data, metadata)
    picture = picture_of(data)
    assert (metadata["image/png"]["width"], metadata["image/png"]["height"]) == (
        760,
        picture.shape[0],
    )
    for i in range(len(preprocessed)):
        assert has_color(picture, series_color(i)), f"dataset {i} has no outline in its colour"


@pytest.mark.parametrize("threshold", [0.7, 0.85, 0.3])
def test_rca_threshold_line_stands_at_the_threshold(
    preprocessed: list[Path], threshold: float
) -> None:
    payload = cm.rca_histogram(preprocessed, progress=False).payload
    image, axes = rca_image(payload, threshold)
    plot = np.asarray(image)[axes.top + 1 : axes.bottom, :]
    # Columns black over the plot's whole height: the threshold line and nothing else.
    line = np.flatnonzero(
        np.all(plot == np.asarray(THRESHOLD_COLOR, dtype=np.uint8), axis=-1).all(axis=0)
    )
    assert line.size >= 1
    expected = axes.left + threshold * (axes.right - axes.left)
    assert np.abs(line - expected).max() <= 1.5, (line, expected)


def test_rca_alt_text_counts_what_a_direct_count_of_the_raw_values_finds(
    preprocessed: list[Path],
) -> None:
    histogram = cm.rca_histogram(preprocessed, static=True, progress=False)
    data, metadata = histogram._repr_mimebundle_()
    alt = check_bundle_shape(data, metadata)
    assert alt.startswith(f"RCA histogram of {MEAN} for 6 datasets at threshold 0.700: ")
    table = histogram.summary()
    for path in preprocessed:
        values = pd.read_csv(path, usecols=[MEAN])[MEAN].to_numpy(dtype=np.float64)
        name = path.name[: -len(".csv")]
        binned = values[(values >= 0) & (values <= 1)]
        kept = int((binned >= 0.7).sum())
        match = re.search(rf"{re.escape(name)} ([\d,]+) rows, ([\d,]+) kept \(([\d.]+)%\)", alt)
        assert match, (name, alt)
        assert int(match[1].replace(",", "")) == len(values)
        assert int(match[2].replace(",", "")) == kept == table.loc[name, "kept"]
        assert abs(float(match[3]) - 100 * kept / len(binned)) <= 0.05


def test_rca_alt_text_says_no_values_and_rounds_like_javascript() -> None:
    frame = pd.DataFrame(
        {MEAN: [0.9] * 13 + [0.2] * 3, "Dice RCA (Max)": [0.95] * 16, "set": ["A"] * 16}
    )
    empty = pd.DataFrame({MEAN: [np.nan], "Dice RCA (Max)": [np.nan], "set": ["B"]})
    histogram = cm.rca_histogram(pd.concat([frame, empty]), dataset_column="set", static=True)
    alt = histogram._repr_mimebundle_()[1]["image/png"]["alt"]
    # 13 / 16 = 81.25 %: JavaScript's toFixed(1) gives 81.3 where Python's format gives 81.2.
    assert alt.endswith("A 16 rows, 13 kept (81.3%); B 1 rows, no values.")
    assert to_fixed(81.25, 1) == "81.3"
    assert to_fixed(0.7, 3) == "0.700"
    assert (merge_factor(1000), merge_factor(100), merge_factor(7), merge_factor(1)) == (
        20,
        2,
        1,
        1,
    )


def test_rca_hostile_dataset_name_and_title_are_only_text() -> None:
    hostile = '<script>alert("x")</script>'
    frame = pd.DataFrame({MEAN: [0.8, 0.9], "Dice RCA (Max)": [0.9, 0.95]})
    data, metadata = cm.rca_histogram(
        {hostile: frame}, title=hostile + "\nline two", static=True
    )._repr_mimebundle_()
    assert "<script>" not in data["text/html"]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in data["text/html"]
    assert hostile in metadata["image/png"]["alt"]  # metadata is JSON: kept as given
    assert picture_of(data).shape[1] == 760


# --- Landmark plot ------------------------------------------------------------------------------


def test_one_row_picture_has_the_organ_colour_at_its_landmarks(all_rows: pd.DataFrame) -> None:
    row = all_rows.iloc[60]
    plot = cm.landmarks(row, static=True)
    data, metadata = plot._repr_mimebundle_()
    assert next(iter(data)) == cm.MIME_LANDMARKS
    alt = check_bundle_shape(data, metadata)
    picture = picture_of(data)
    _, axes, _ = landmark_image(plot.payload)  # the same drawing: its plot area maps data to pixels
    points = np.asarray(
        [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", row["Landmarks"])]
    ).reshape(120, 2)
    canvas = np.stack([[axes.px(x), axes.py(y)] for x, y in points])
    for organ, (start, end) in LANDMARK_SLICES.items():
        others = np.delete(canvas, np.arange(start, end), axis=0)
        checked = 0
        for k in range(start, end):
            # Points of another organ drawn later may cover this one: only clear ones count.
            if np.hypot(*(others - canvas[k]).T).min() < 9:
                continue
            x, y = np.rint(canvas[k]).astype(int)
            assert tuple(picture[y, x]) == ORGAN_COLORS[organ], (organ, k)
            checked += 1
        assert checked >= 10, organ
    assert alt.startswith(f"Landmark plot of 1 row, {row['Path']} from CheXpert")
    assert "frame: pixels, 1024 × 1024" in alt


def test_many_rows_picture_shows_each_group_and_names_the_furthest_row(
    all_rows: pd.DataFrame,
) -> None:
    plot = cm.landmarks(all_rows, static=True)
    data, metadata = plot._repr_mimebundle_()
    alt = check_bundle_shape(data, metadata)
    picture = picture_of(data)
    groups = list(dict.fromkeys(row["group"] for row in plot.payload["rows"]))
    assert len(groups) == 6
    for i in range(len(groups)):
        assert has_color(picture, series_color(i), at_least=50), groups[i]  # the bold mean shape
    counts = ", ".join(f"{g} {sum(r['group'] == g for r in plot.payload['rows'])}" for g in groups)
    assert alt.startswith(
        f"Landmark plot of 305 rows in 6 groups by dataset ({counts}) (frame: pixels, 1024 × 1024)"
    )
    # The furthest row, counted directly: mean distance of the 120 points to the mean shape.
    shapes = np.stack([parse_landmarks(v) for v in all_rows["Landmarks"]])
    distance = np.sqrt(((shapes - shapes.mean(axis=0)) ** 2).sum(axis=2)).mean(axis=1)
    furthest = plot.payload["rows"][int(np.argmax(distance))]["id"]
    assert alt.endswith(f"furthest from the mean shape: {furthest}.")


def test_rows_of_different_sizes_are_drawn_normalised(
    shared_data: Path, all_rows: pd.DataFrame
) -> None:
    big = cm.read_csv(
        shared_data / "original-resolution-synthetic" / "CheXpert_synthetic_2828x2320.csv"
    )
    data, metadata = cm.landmarks([big, all_rows.iloc[:5]], static=True)._repr_mimebundle_()
    alt = check_bundle_shape(data, metadata)
    assert "(frame: normalized, image sizes differ)" in alt


def test_landmark_cells_parse_in_every_encoding(shared_data: Path) -> None:
    big = cm.read_csv(
        shared_data / "original-resolution-synthetic" / "CheXpert_synthetic_2828x2320.csv"
    )
    cell = big["Landmarks"].iloc[0]
    assert cell.lstrip().startswith("[[")  # numpy's multi-line print
    points = parse_landmarks(cell)
    expected = np.asarray([float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", cell)]).reshape(120, 2)
    assert np.array_equal(points, expected)
    assert np.array_equal(parse_landmarks(points.tolist()), expected)
    assert np.array_equal(parse_landmarks(expected.ravel()), expected)
    assert np.array_equal(parse_landmarks(",".join(f"{v:g}" for v in expected.ravel())), expected)
    for bad, message in [
        ("1,2,3", "found 3"),
        ("nan," + "1," * 239, "number 1 is not a number: 'nan'"),
        ("70000," + "1," * 239, "number 1 is 70000.0"),
        ("1-2," + "1," * 239, "number 1 is not a number: '1-2'"),
    ]:
        with pytest.raises(ValueError, match=re.escape(message)):
            parse_landmarks(bad)


def test_hostile_id_is_escaped_and_bad_landmarks_leave_a_note(all_rows: pd.DataFrame) -> None:
    row = dict(all_rows.iloc[60])
    row["Path"] = '<script>alert("x")</script>'
    data, metadata = cm.landmarks(row, static=True)._repr_mimebundle_()
    assert "<script>" not in data["text/html"]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in data["text/html"]
    assert row["Path"] in metadata["image/png"]["alt"]

    row["Landmarks"] = "1,2,3"
    bundle = cm.landmarks(row, static=True)._repr_mimebundle_()
    assert "image/png" not in bundle
    assert "text/html" not in bundle
    assert "picture: not drawn (row 0 (<script>" in bundle["text/plain"]
    assert "Landmarks: must hold 240 numbers (120 points × 2), found 3)" in bundle["text/plain"]


def test_pictures_follow_the_switch_like_rows(monkeypatch, all_rows: pd.DataFrame) -> None:
    frame = all_rows.iloc[:3]
    views = (lambda **k: cm.rca_histogram(frame, **k), lambda **k: cm.landmarks(frame, **k))
    monkeypatch.delenv("CHEXMASK_PICTURES", raising=False)
    monkeypatch.delenv("CHEXMASK_STATIC", raising=False)
    monkeypatch.setattr(cm.pictures, "_enabled", None)
    for view in views:
        assert "image/png" in view()._repr_mimebundle_()[0]
        assert "image/png" not in view(static=False)._repr_mimebundle_()
    monkeypatch.setenv("CHEXMASK_PICTURES", "0")
    for view in views:
        assert "image/png" not in view()._repr_mimebundle_()
        assert "image/png" in view(static=True)._repr_mimebundle_()[0]


def test_a_landmark_plot_of_many_rows_reads_them_as_one_by_one(all_rows: pd.DataFrame) -> None:
    """The plot's reader of many cells at once gives what the one-cell reader gives, and leaves
    it every cell it does not read (decimals, lists, malformed text), which it then reads or
    refuses in the same words."""
    cells = list(all_rows["Landmarks"])
    points = ",".join(str(v) for v in range(240))
    odd = [
        points.replace("5", "5.5", 1),  # a decimal
        "[" + points + "]",
        "+1," + points.split(",", 1)[1],
        "-0," + points.split(",", 1)[1],
        "1-2," + points.split(",", 1)[1],  # malformed
        "+-1," + points.split(",", 1)[1],
        "-," + points.split(",", 1)[1],
        points + ",1",  # 241 numbers
        points.rsplit(",", 1)[0],  # 239
        "70000," + points.split(",", 1)[1],  # out of range
        "0000000000001," + points.split(",", 1)[1],  # 13 digits: read one by one
        "",
        "1;2",
        "é," + points,
        [float(v) for v in range(240)],
        None,
    ]
    coords, others = parse_integer_cells(cells + odd)
    assert others == [305, *range(309, 321)]
    for i, cell in enumerate(cells + odd):
        try:
            expected = parse_landmarks(cell)
        except ValueError:
            assert i in others, i
            continue
        if i not in others:
            assert np.array_equal(coords[i], expected), i
