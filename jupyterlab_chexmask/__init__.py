"""Exact, interactive CheXmask lung and heart segmentations inline in JupyterLab.

>>> import jupyterlab_chexmask as cm
>>> df = cm.read_csv("CheXpert.csv", nrows=100)
>>> cm.show(df.iloc[0], "view1_frontal.jpg")      # displays now, returns None
>>> view = cm.row(df.iloc[0])                     # the view object: display it, .save("row.png")
>>> m = cm.measure("CheXpert.csv")                # a DataFrame of measures, one row per row
>>> cm.histogram(m, "CTR", by="dataset")          # any numeric column, per group, with a threshold

Every view's output carries a picture drawn by the kernel, for wherever the
notebook is read without the extension; ``cm.pictures.enabled = False`` (or
``CHEXMASK_PICTURES=0``) turns that off, ``static=`` per call.

The package is organised by view, as the frontend (``src/``) is: ``row/``,
``rca/``, ``landmarks/``, ``histogram/``, ``compare/`` and ``gallery/``, with what they share in
``format/`` (the CheXmask format) and ``common/``. The public API is the names of ``__all__``.
"""

from .common.picture import pictures
from .compare import MIME_COMPARE, CompareView, agreement, compare
from .format.csv_file import read_csv
from .format.rle import decode_rle, encode_rle
from .gallery import MIME_GALLERY, Gallery, gallery

# As for `landmarks` below: the name `histogram` is the function, not the subpackage.
from .histogram import MIME_HISTOGRAM, Histogram, histogram

# The package's name `landmarks` is the function imported below, not the subpackage
# of the same name (whose modules stay importable as jupyterlab_chexmask.landmarks.<module>).
from .landmarks import MIME_LANDMARKS, LandmarkPlot, landmarks
from .measure import measure
from .rca import MIME_RCA, RcaHistogram, rca_histogram
from .row import MIME_ROW, RowView, row, show
from .sample import sample_csv, sample_xray

try:
    from ._version import __version__
except ImportError:  # a development checkout that has not been built
    __version__ = "0.0.0.dev"

__all__ = [
    "MIME_COMPARE",
    "MIME_GALLERY",
    "MIME_HISTOGRAM",
    "MIME_LANDMARKS",
    "MIME_RCA",
    "MIME_ROW",
    "CompareView",
    "Gallery",
    "Histogram",
    "LandmarkPlot",
    "RcaHistogram",
    "RowView",
    "__version__",
    "agreement",
    "compare",
    "decode_rle",
    "encode_rle",
    "gallery",
    "histogram",
    "landmarks",
    "measure",
    "pictures",
    "rca_histogram",
    "read_csv",
    "row",
    "sample_csv",
    "sample_xray",
    "show",
]


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    """Where Jupyter finds the prebuilt JupyterLab extension shipped in this package."""
    return [{"src": "labextension", "dest": "jupyterlab-chexmask"}]
