"""The package's public surface."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupyterlab_chexmask as cx

REPO = Path(__file__).resolve().parents[2]


def test_public_api() -> None:
    assert set(cx.__all__) == {
        "show",
        "row",
        "pictures",
        "read_csv",
        "RowView",
        "MIME_ROW",
        "__version__",
        "encode_rle",
        "decode_rle",
        "sample_csv",
        "sample_xray",
        "landmarks",
        "LandmarkPlot",
        "MIME_LANDMARKS",
        "rca_histogram",
        "RcaHistogram",
        "MIME_RCA",
        "measure",
        "agreement",
        "histogram",
        "Histogram",
        "MIME_HISTOGRAM",
        "compare",
        "CompareView",
        "MIME_COMPARE",
        "gallery",
        "Gallery",
        "MIME_GALLERY",
    }
    assert cx.MIME_ROW == "application/vnd.chexmask.row.v1+json"
    assert cx.MIME_RCA == "application/vnd.chexmask.rca.v1+json"
    assert cx.MIME_LANDMARKS == "application/vnd.chexmask.landmarks.v1+json"
    assert cx.MIME_HISTOGRAM == "application/vnd.chexmask.histogram.v1+json"
    # Nor does the histogram/ subpackage.
    assert callable(cx.histogram)
    assert cx.histogram.__name__ == "histogram"
    assert cx.MIME_COMPARE == "application/vnd.chexmask.compare.v1+json"
    assert cx.MIME_GALLERY == "application/vnd.chexmask.gallery.v1+json"
    # Nor does the gallery/ subpackage.
    assert callable(cx.gallery)
    assert cx.gallery.__name__ == "gallery"
    # The landmarks/ subpackage does not hide the function of the same name.
    assert callable(cx.landmarks)
    assert cx.landmarks.__name__ == "landmarks"
    assert callable(cx.measure)
    assert cx.measure.__name__ == "measure"
    assert isinstance(cx.__version__, str)
    assert cx.__version__
    assert cx._jupyter_labextension_paths() == [
        {"src": "labextension", "dest": "jupyterlab-chexmask"}
    ]
    for name in ("show", "row", "read_csv", "RowView", "encode_rle", "decode_rle"):
        assert getattr(cx, name).__doc__


def test_package_is_marked_typed() -> None:
    """PEP 561: type checkers use the package's own annotations (the wheel ships the marker)."""
    assert (Path(cx.__file__).parent / "py.typed").is_file()


def test_pillow_is_imported_lazily() -> None:
    """Not by the import, nor by making a view: only when a picture is drawn."""
    code = (
        "import sys, jupyterlab_chexmask as cm\n"
        "print('PIL' in sys.modules)\n"
        "view = cm.row(cm.read_csv(cm.sample_csv()).iloc[0])\n"
        "print('PIL' in sys.modules)\n"
        "view._repr_mimebundle_()\n"
        "print('PIL' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False", "True"]


def test_sample_rows_are_valid_chexmask_rows_and_decode() -> None:
    import numpy as np

    frame = cx.read_csv(cx.sample_csv())
    assert len(frame) == 12
    for _, row in frame.iterrows():
        for organ in ("Right Lung", "Left Lung", "Heart"):
            mask = cx.decode_rle(row[organ], 1024, 1024, organ)
            assert mask.sum() > 10_000
            assert cx.encode_rle(mask) == row[organ]
        assert len(row["Landmarks"].split(",")) == 240
    data, _ = cx.row(frame.iloc[0], image=cx.sample_xray())._repr_mimebundle_()
    assert data[cx.MIME_ROW]["image"]["width"] == 1024
    assert np.isfinite(frame["Dice RCA (Mean)"]).all()
